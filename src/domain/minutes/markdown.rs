//! The minutes as CommonMark with GitHub-style pipe tables. Every piece of user text goes
//! through [`inline`], [`block`] or [`cell`]: control characters are made visible (as
//! [`sanitize_for_file`] does) and anything that could start markup is escaped, so
//! a note can never break the document's structure, whatever it contains.

use super::{ActionUpdateLine, CycleMinutes, ItemMinutes, Minutes, NoteLine};
use crate::domain::agenda::ItemKind;
use crate::domain::text::sanitize_for_file;
use crate::domain::timer::clock;
use chrono::{DateTime, Duration, FixedOffset};
use std::fmt::Write;

/// Characters escaped wherever they appear: they open emphasis, code, links, HTML,
/// entities, tables or strikethrough (`!` needs no escape: an image needs `[`, which has
/// one; `>` mid-line closes nothing, as `<` is escaped).
const ALWAYS: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '|', '~', '&'];

/// Escapes one line of user text (no newlines in it). Besides [`ALWAYS`], only what would
/// start a block at the start of a line: `#` (a heading), `>` (a block quote), `-` or `+`
/// before a space or alone (a list item) and a line of `-`, `=` (a rule, a setext
/// underline), digits then `.` or `)` before a space or alone (an ordered list item); and
/// a run of `#` ending the line after a space (a heading's closing sequence). So `0.36`,
/// `-5 %` and `Issue #12` are left as written.
pub(super) fn escape_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let ends_marker = |i: usize| chars.get(i + 1).is_none_or(|c| c.is_whitespace());
    let only = |c: char| chars.iter().all(|&x| x == c || x == ' ');
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let block_start = match c {
            '>' => i == 0,
            // A run of `#` that ends a line after a space would close a heading (and
            // vanish from it): its first one escaped (review r9: `Retro #`).
            '#' => {
                i == 0
                    || chars[i - 1].is_whitespace()
                        && chars[i..].iter().all(|&x| x == '#' || x == ' ')
            }
            '-' | '+' => i == 0 && (ends_marker(0) || only(c)),
            '=' => i == 0 && only(c),
            '.' | ')' => digits > 0 && i == digits && ends_marker(i),
            _ => false,
        };
        if block_start || ALWAYS.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// User text as clean lines: CRLF normalised, control characters made visible (the
/// joiners of emoji and scripts kept: this is a file), each line trimmed (leading spaces
/// would make an indented code block).
fn clean_lines(s: &str) -> Vec<String> {
    let s = s.replace("\r\n", "\n");
    sanitize_for_file(&s, true)
        .split('\n')
        .map(|l| l.trim().to_string())
        .collect()
}

/// User text on one line (a heading, a name): newlines become spaces.
pub fn inline(s: &str) -> String {
    let lines: Vec<String> = clean_lines(s)
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    escape_line(&lines.join(" "))
}

/// User text that may span lines, inside a list item whose continuation lines are indented
/// by `indent`: lines become hard line breaks, blank lines paragraph breaks.
pub fn block(s: &str, indent: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in clean_lines(s) {
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(escape_line(&line));
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
        .iter()
        .map(|p| p.join(&format!("\\\n{indent}")))
        .collect::<Vec<_>>()
        .join(&format!("\n\n{indent}"))
}

/// User text in a table cell: pipes escaped, line breaks as `<br>`.
pub fn cell(s: &str) -> String {
    let lines: Vec<String> = clean_lines(s).iter().map(|l| escape_line(l)).collect();
    lines.join("<br>")
}

/// A pipe table: a header row, a delimiter row (`right` columns right-aligned), the rows.
/// Cells must already be escaped.
fn table(out: &mut String, header: &[&str], right: &[bool], rows: &[Vec<String>]) {
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    out.push_str(&line(&head));
    let delim: Vec<String> = header
        .iter()
        .enumerate()
        .map(|(i, _)| {
            if right.get(i).copied().unwrap_or(false) {
                "---:".into()
            } else {
                "---".into()
            }
        })
        .collect();
    out.push_str(&line(&delim));
    for r in rows {
        out.push_str(&line(r));
    }
    out.push('\n');
}

fn dur(seconds: i64) -> String {
    clock(Duration::seconds(seconds))
}

fn day_and_time(t: &DateTime<FixedOffset>) -> String {
    t.format("%a %-d %b %Y, %H:%M").to_string()
}

fn names(list: &[String]) -> String {
    if list.is_empty() {
        "none".into()
    } else {
        list.iter()
            .map(|n| inline(n))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// "- **kind** · who said it · 18:14: text"; an action's owner and due date on a line of
/// their own under it.
fn note_item(out: &mut String, n: &NoteLine) {
    let who = n.speaker.as_deref().map_or("group".into(), inline);
    let _ = write!(
        out,
        "- **{}** · {who} · {}: {}",
        n.kind,
        n.at.format("%H:%M"),
        block(&n.body, "  ")
    );
    if let Some(a) = &n.action {
        let _ = write!(out, "\\\n  → {}", a.words(inline, |d| d.to_string()));
    }
    out.push('\n');
}

/// "- Laminate the card (Amélie) — ✓ done: what happened", then what was learned.
fn follow_up_item(out: &mut String, u: &ActionUpdateLine) {
    let owner = u
        .owner
        .as_deref()
        .map_or_else(String::new, |o| format!(" ({})", inline(o)));
    let mut line = format!("- {}{owner} — {}", inline(&u.title), u.verdict_words());
    if !u.note.trim().is_empty() {
        let _ = write!(line, ": {}", block(&u.note, "  "));
    }
    if u.in_reflection {
        line.push_str(" (in the reflection)");
    }
    if !u.learned.trim().is_empty() {
        let _ = write!(line, "\\\n  Learned: {}", block(&u.learned, "  "));
    }
    let _ = writeln!(out, "{line}");
}

/// The reflection held in the meeting: the cycle closed, each goal's verdict with its
/// evidence, the improvements, the outcome.
fn cycle_section(out: &mut String, c: &CycleMinutes) {
    let _ = writeln!(
        out,
        "## Cycle {} closed\n\nCycle {} \"{}\" was reflected on and closed at {}.\n",
        c.number,
        c.number,
        inline(&c.topic),
        c.closed_at.format("%H:%M")
    );
    if !c.goals.is_empty() {
        out.push_str("**Goals:**\n\n");
        for g in &c.goals {
            let mut line = format!("- {} — {}", inline(&g.goal), g.verdict_words());
            if !g.evidence.trim().is_empty() {
                let _ = write!(line, ": {}", block(&g.evidence, "  "));
            }
            let _ = writeln!(out, "{line}");
        }
        out.push('\n');
    }
    if !c.improvements.is_empty() {
        out.push_str("**Where we can improve** (the next cycle starts from these):\n\n");
        for i in &c.improvements {
            let _ = writeln!(out, "- {}", block(i, "  "));
        }
        out.push('\n');
    }
    if !c.outcome.trim().is_empty() {
        let _ = writeln!(out, "**Outcome:** {}\n", block(&c.outcome, ""));
    }
}

fn item_section(out: &mut String, i: &ItemMinutes) {
    let _ = writeln!(out, "### {}. {}\n", i.position, inline(&i.title));
    let mut facts = format!(
        "{} · planned {} min · took {} · {}",
        ItemKind::parse(&i.kind).map_or(i.kind.clone(), |k| k.label().to_string()),
        i.planned_minutes,
        dur(i.actual_seconds),
        i.status
    );
    if let Some(ice) = &i.icebreaker {
        let _ = write!(facts, " · icebreaker: {}", inline(ice));
    }
    let _ = writeln!(out, "{facts}\n");
    if i.turns.is_empty() && i.notes.is_empty() {
        out.push_str("Nothing recorded.\n\n");
        return;
    }
    if !i.turns.is_empty() {
        let rows: Vec<Vec<String>> = i
            .turns
            .iter()
            .enumerate()
            .map(|(n, t)| {
                vec![
                    (n + 1).to_string(),
                    t.round.to_string(),
                    cell(&t.speaker),
                    t.state.clone(),
                    dur(t.seconds),
                ]
            })
            .collect();
        table(
            out,
            &["Turn", "Round", "Speaker", "Result", "Time"],
            &[true, true, false, false, true],
            &rows,
        );
    }
    if !i.notes.is_empty() {
        for n in &i.notes {
            note_item(out, n);
        }
        out.push('\n');
    }
}

/// The minutes as a Markdown document ending in a newline.
pub fn markdown(m: &Minutes) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Minutes: {}\n", inline(&m.title));
    let _ = writeln!(out, "- **Community:** {}", inline(&m.community));
    let end = m
        .ended_at
        .map_or_else(String::new, |e| format!("–{}", e.format("%H:%M")));
    let _ = writeln!(
        out,
        "- **When:** {}{end} (planned for {})",
        day_and_time(&m.started_at),
        day_and_time(&m.scheduled_at)
    );
    let status = if m.ended_at.is_some() {
        m.status.clone()
    } else {
        format!("{} (as of {})", m.status, m.as_of.format("%H:%M"))
    };
    let _ = writeln!(out, "- **Status:** {status}");
    let _ = writeln!(
        out,
        "- **Time:** {} of {} min planned; paused {}\n",
        dur(m.actual_seconds),
        m.planned_minutes,
        dur(m.paused_seconds)
    );

    let a = &m.attendance;
    out.push_str("## Attendance\n\n");
    let _ = writeln!(
        out,
        "- **Present ({}):** {}",
        a.present.len(),
        names(&a.present)
    );
    let _ = writeln!(out, "- **Late ({}):** {}", a.late.len(), names(&a.late));
    let _ = writeln!(
        out,
        "- **Absent ({}):** {}",
        a.absent.len(),
        names(&a.absent)
    );
    let _ = writeln!(
        out,
        "- **Guests ({}):** {}",
        a.guests.len(),
        names(&a.guests)
    );
    let _ = writeln!(
        out,
        "- **New members ({}):** {}\n",
        a.new_members.len(),
        names(&a.new_members)
    );

    out.push_str("## Agenda\n\n");
    let mut rows: Vec<Vec<String>> = m
        .agenda
        .iter()
        .map(|i| {
            vec![
                i.position.to_string(),
                cell(&i.title),
                format!("{} min", i.planned_minutes),
                dur(i.actual_seconds),
                i.status.clone(),
            ]
        })
        .collect();
    rows.push(vec![
        String::new(),
        "**Total**".into(),
        format!(
            "{} min",
            m.agenda.iter().map(|i| i.planned_minutes).sum::<u32>()
        ),
        dur(m.agenda.iter().map(|i| i.actual_seconds).sum()),
        String::new(),
    ]);
    table(
        &mut out,
        &["#", "Item", "Planned", "Actual", "Status"],
        &[true, false, true, true, false],
        &rows,
    );
    for i in &m.agenda {
        item_section(&mut out, i);
    }
    if !m.other_notes.is_empty() {
        out.push_str("## Notes outside the agenda\n\n");
        for n in &m.other_notes {
            note_item(&mut out, n);
        }
        out.push('\n');
    }

    out.push_str("## Decisions\n\n");
    if m.decisions.is_empty() {
        out.push_str("None.\n\n");
    }
    for d in &m.decisions {
        match &d.verdict {
            Some(v) => {
                let _ = write!(out, "- **{}**: {v}", inline(&d.topic));
            }
            None => {
                let _ = write!(out, "- {}", block(&d.topic, "  "));
            }
        }
        if let Some(item) = &d.item {
            let _ = write!(out, " (on {})", inline(item));
        }
        if !d.votes.is_empty() {
            let votes: Vec<String> = d
                .votes
                .iter()
                .map(|v| format!("{} {}", inline(&v.member), v.score))
                .collect();
            let _ = write!(out, "\\\n  Votes: {}", votes.join(", "));
            if !d.no_vote.is_empty() {
                let names: Vec<String> = d.no_vote.iter().map(|n| inline(n)).collect();
                let _ = write!(out, " · no vote: {}", names.join(", "));
            }
        }
        out.push('\n');
    }
    if !m.decisions.is_empty() {
        out.push('\n');
    }

    out.push_str("## Actions\n\n");
    if m.actions.is_empty() && m.action_updates.is_empty() {
        out.push_str("None.\n\n");
    } else if m.actions.is_empty() {
        out.push_str("No new actions.\n\n");
    } else {
        let rows: Vec<Vec<String>> = m
            .actions
            .iter()
            .map(|a| {
                vec![
                    cell(&a.title),
                    a.owner.as_deref().map_or("—".into(), cell),
                    a.due.map_or("—".into(), |d| d.to_string()),
                    a.item.as_deref().map_or("—".into(), cell),
                ]
            })
            .collect();
        table(
            &mut out,
            &["Action", "Owner", "Due", "Agenda item"],
            &[],
            &rows,
        );
    }

    if !m.action_updates.is_empty() {
        let _ = writeln!(out, "**Followed up ({}):**\n", m.action_updates.len());
        for u in &m.action_updates {
            follow_up_item(&mut out, u);
        }
        out.push('\n');
    }

    if let Some(c) = &m.cycle_closed {
        cycle_section(&mut out, c);
    }

    out.push_str("## Airtime\n\n");
    let _ = writeln!(
        out,
        "Fair share {:.1}% each; {} spoken in all.\n",
        m.airtime.fair_share_percent,
        dur(m.airtime.total_seconds)
    );
    let rows: Vec<Vec<String>> = m
        .airtime
        .rows
        .iter()
        .map(|r| {
            let flag = match (r.dominant, r.not_heard) {
                (true, _) => "over twice the fair share",
                (_, true) => "not heard",
                _ => "",
            };
            vec![
                cell(&r.member),
                dur(r.seconds),
                r.turns.to_string(),
                format!("{:.1}%", r.share_percent),
                flag.into(),
            ]
        })
        .collect();
    table(
        &mut out,
        &["Member", "Time", "Turns", "Share", "Note"],
        &[false, true, true, true, false],
        &rows,
    );

    out.push_str("## Notes by kind\n\n");
    let rows: Vec<Vec<String>> = m
        .note_counts
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| vec![k.kind.clone(), k.count.to_string()])
        .collect();
    if rows.is_empty() {
        out.push_str("No notes.\n");
    } else {
        table(&mut out, &["Kind", "Notes"], &[false, true], &rows);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
