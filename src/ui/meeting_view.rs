//! The meeting view: a past meeting in full, read from the same [`Minutes`] that
//! `roundtable export minutes` writes. The timeline of agenda items (planned against
//! actual time), each item's turns and every note in full with its kind and speaker,
//! then the airtime table, decisions with their votes, the actions agreed (with where
//! each stands today: done, open, overdue) and the follow-ups given. Laid out as lines
//! wrapped here, so the scroll is exact at any size; only the lines on screen are drawn.

use super::Theme;
use super::widgets::panel;
use crate::app::App;
use crate::app::search::Focus;
use crate::domain::agenda::ItemKind;
use crate::domain::minutes::{Minutes, NoteLine};
use crate::domain::review::ActionStanding;
use crate::domain::text::{count, one_line};
use crate::domain::timer::clock;
use crate::settings::Dates;
use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest the timeline and airtime tables get.
const TABLE_WIDTH: usize = 100;

fn secs(s: i64) -> String {
    clock(Duration::seconds(s))
}

/// Lines of at most `width` columns: `text` broken at spaces (a word longer than a line
/// is cut), every line after the first indented by `indent` columns.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let width = width.max(indent + 8);
    let mut out = Vec::new();
    let pad = " ".repeat(indent);
    // The first line keeps its own indentation.
    let body = text.trim_start_matches(' ');
    let lead = text.len() - body.len();
    let mut line = " ".repeat(lead);
    let mut w = lead;
    let mut first = true;
    for word in body.split(' ') {
        let ww = word.width();
        if !first && w + 1 + ww > width {
            out.push(std::mem::take(&mut line));
            line.push_str(&pad);
            w = indent;
        } else if !first {
            line.push(' ');
            w += 1;
        }
        first = false;
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > width && w > indent {
                out.push(std::mem::take(&mut line));
                line.push_str(&pad);
                w = indent;
            }
            line.push(c);
            w += cw;
        }
    }
    out.push(line);
    out
}

/// The whole meeting as lines of at most `width` columns.
struct Lines<'t> {
    width: usize,
    dates: &'t Dates,
    theme: &'t Theme,
    out: Vec<Line<'static>>,
    /// What a search hit points at (searchui), and the line it was laid out on.
    focus: Option<Target>,
    focus_line: Option<usize>,
}

/// A search hit's place in the minutes: a note (by its text and time, as the minutes
/// carry no ids) or an agenda item.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Note(String, chrono::DateTime<chrono::Utc>),
    Item(crate::domain::AgendaItemId),
    /// The n-th line under "Followed up" (one per action, in the order first given).
    FollowUp(usize),
}

/// What marks the hit's line, in words as well as in the selection's style.
const HIT_MARK: &str = "  ◀ search hit";

impl Lines<'_> {
    fn text(&mut self, text: &str, indent: usize, style: Style) {
        for l in wrap(text, self.width, indent) {
            self.out.push(Line::styled(l, style));
        }
    }

    fn heading(&mut self, text: String) {
        if !self.out.is_empty() {
            self.out.push(Line::default());
        }
        self.out.push(Line::styled(text, self.theme.title()));
    }

    /// A label then its text, wrapped under the label's end.
    fn field(&mut self, label: &str, text: &str) {
        let mut lines = wrap(&format!("{label} {text}"), self.width, 2).into_iter();
        if let Some(first) = lines.next() {
            let rest = first.get(label.len()..).unwrap_or("").to_string();
            self.out.push(Line::from(vec![
                Span::styled(label.to_string(), self.theme.label()),
                Span::raw(rest),
            ]));
        }
        self.out.extend(lines.map(Line::from));
    }

    fn note(&mut self, n: &NoteLine, indent: usize) {
        let who = n.speaker.as_deref().map_or("group".to_string(), one_line);
        let at = self.dates.time(n.at.with_timezone(&chrono::Utc));
        let mut head = format!("{}• {} · {who} · {at}", " ".repeat(indent), n.kind);
        let hit =
            matches!(&self.focus, Some(Target::Note(body, t)) if *body == n.body && n.at == *t);
        let style = if hit && self.focus_line.is_none() {
            self.focus_line = Some(self.out.len());
            head.push_str(HIT_MARK);
            self.theme.selected()
        } else {
            self.theme.label()
        };
        self.text(&head, indent + 2, style);
        for part in n.body.split('\n') {
            let body = format!("{}{}", " ".repeat(indent + 2), one_line(part));
            self.text(&body, indent + 2, Style::default());
        }
        // An action's owner (who does it, not who said it) and due date.
        if let Some(a) = &n.action {
            let said = a.words(one_line, |d| self.dates.date(d));
            let line = format!("{}→ {said}", " ".repeat(indent + 2));
            self.text(&line, indent + 2, self.theme.dim());
        }
    }

    /// Text on the left, `right` flush right (the left is cut to make room); at most
    /// [`TABLE_WIDTH`] wide, so the figures stay near the names on a wide terminal.
    fn columns(&mut self, left: &str, right: &str, style: Style) {
        let width = self.width.min(TABLE_WIDTH);
        let room = width.saturating_sub(right.width() + 1);
        let mut l = String::new();
        let mut w = 0;
        for c in left.chars() {
            let cw = c.width().unwrap_or(0);
            if w + cw > room {
                l.pop();
                l.push('…');
                break;
            }
            l.push(c);
            w += cw;
        }
        let gap = width.saturating_sub(l.width() + right.width());
        self.out.push(Line::styled(
            format!("{l}{}{right}", " ".repeat(gap)),
            style,
        ));
    }
}

/// Where the meeting's actions stand now, as of `today`.
struct Standing<'a> {
    of: &'a [ActionStanding],
    today: chrono::NaiveDate,
}

/// Every line of the meeting view, `width` columns wide.
fn lines<'t>(
    m: &Minutes,
    now: &Standing<'_>,
    width: usize,
    dates: &'t Dates,
    theme: &'t Theme,
    focus: Option<Target>,
) -> Lines<'t> {
    let mut x = Lines {
        width,
        dates,
        theme,
        out: Vec::new(),
        focus,
        focus_line: None,
    };
    let local =
        |t: chrono::DateTime<chrono::FixedOffset>| dates.date_time(t.with_timezone(&chrono::Utc));
    x.field(
        "Held:",
        &format!(
            "{} (scheduled {})",
            local(m.started_at),
            local(m.scheduled_at)
        ),
    );
    x.field(
        "Took:",
        &format!(
            "{} of {} min planned{}",
            secs(m.actual_seconds),
            m.planned_minutes,
            if m.paused_seconds > 0 {
                format!(" · paused {}", secs(m.paused_seconds))
            } else {
                String::new()
            }
        ),
    );
    let a = &m.attendance;
    let names = |v: &[String]| v.iter().map(|n| one_line(n)).collect::<Vec<_>>().join(", ");
    let mut who = format!("{} here", a.here());
    for (label, v) in [
        ("present", &a.present),
        ("late", &a.late),
        ("absent", &a.absent),
        ("guests", &a.guests),
        ("new", &a.new_members),
    ] {
        if !v.is_empty() {
            who.push_str(&format!(" · {label}: {}", names(v)));
        }
    }
    x.field("Attendance:", &who);

    x.heading(format!(
        "Timeline — {} min planned, {} actual",
        m.planned_minutes,
        secs(m.actual_seconds)
    ));
    x.columns("", "plan   actual", theme.dim());
    let first_review = (m.agenda.iter()).position(|i| i.kind == ItemKind::ActionReview.as_str());
    for (i, item) in m.agenda.iter().enumerate() {
        let over = item.actual_seconds > i64::from(item.planned_minutes) * 60;
        let mut title = format!("{:>2}. {}{}", i + 1, one_line(&item.title), item.mark());
        // The mark says it without colour too.
        let right = format!(
            "{:>4}  {:>7}{}",
            item.planned_minutes,
            secs(item.actual_seconds),
            if over { " ⚠" } else { "  " }
        );
        let mut style = if over { theme.error() } else { theme.label() };
        if x.focus == Some(Target::Item(item.id)) {
            x.focus_line = Some(x.out.len());
            title.push_str(HIT_MARK);
            style = theme.selected();
        }
        x.columns(&title, &right, style);
        if let Some(ice) = &item.icebreaker {
            x.text(
                &format!("    icebreaker: {}", one_line(ice)),
                6,
                theme.dim(),
            );
        }
        let mut rounds: Vec<(u32, Vec<String>)> = Vec::new();
        for t in &item.turns {
            let said = match t.state.as_str() {
                "spoke" | "speaking" => format!("{} {}", one_line(&t.speaker), secs(t.seconds)),
                other => format!("{} {other}", one_line(&t.speaker)),
            };
            match rounds.last_mut() {
                Some((r, v)) if *r == t.round => v.push(said),
                _ => rounds.push((t.round, vec![said])),
            }
        }
        for (r, said) in rounds {
            x.text(
                &format!("    round {r}: {}", said.join(" · ")),
                6,
                Style::default(),
            );
        }
        // The action review: what was followed up in it, here, tied to the item (r9
        // trial F24: only ~60 lines below); the reflection's are the cycle's.
        if item.kind == ItemKind::ActionReview.as_str() && first_review == Some(i) {
            for u in m.action_updates.iter().filter(|u| !u.in_reflection) {
                let owner = (u.owner.as_deref())
                    .map_or_else(String::new, |o| format!(" ({})", one_line(o)));
                x.text(
                    &format!("    {} — {}{owner}", u.verdict_words(), one_line(&u.title)),
                    6,
                    Style::default(),
                );
            }
        }
        for n in &item.notes {
            x.note(n, 4);
        }
    }
    if !m.other_notes.is_empty() {
        x.heading(format!("Notes on no agenda item ({})", m.other_notes.len()));
        for n in &m.other_notes {
            x.note(n, 0);
        }
    }

    let t = &m.airtime;
    x.heading(format!(
        "Airtime — {} in all, fair share {:.0}%",
        secs(t.total_seconds),
        t.fair_share_percent
    ));
    for r in &t.rows {
        // A symbol and a word, not colour alone.
        let (flag, style) = if r.dominant {
            ("⚠ dominant", theme.warning())
        } else if r.not_heard {
            ("— not heard", theme.dim())
        } else {
            ("", Style::default())
        };
        let right = format!(
            "{:>7} {:>4.0}% {:>9} {flag:<11}",
            secs(r.seconds),
            r.share_percent,
            count(r.turns as usize, "turn", "turns")
        );
        x.columns(&format!("  {}", one_line(&r.member)), &right, style);
    }
    let kinds: Vec<String> = m
        .note_counts
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| count(k.count, &k.kind, &format!("{}s", k.kind)))
        .collect();
    x.field(
        "Notes:",
        &if kinds.is_empty() {
            "none".into()
        } else {
            kinds.join(" · ")
        },
    );

    x.heading(format!("Decisions ({})", m.decisions.len()));
    for d in &m.decisions {
        let verdict = d.verdict.as_deref().unwrap_or("no consent check");
        let on = d
            .item
            .as_deref()
            .map(|i| format!(" (on {})", one_line(i)))
            .unwrap_or_default();
        x.text(
            &format!("  • {}{on} — {}", one_line(&d.topic), one_line(verdict)),
            4,
            Style::default(),
        );
        if !d.votes.is_empty() {
            let votes: Vec<String> = d
                .votes
                .iter()
                .map(|v| format!("{} {}", one_line(&v.member), v.score))
                .collect();
            let no_vote = match d.no_vote.as_slice() {
                [] => String::new(),
                names => format!(" · no vote: {}", one_line(&names.join(", "))),
            };
            x.text(
                &format!("    votes: {}{no_vote}", votes.join(", ")),
                6,
                theme.dim(),
            );
        }
    }

    x.heading(format!("Actions ({})", m.actions.len()));
    for a in &m.actions {
        let owner = a.owner.as_deref().map_or("⚠ nobody".to_string(), one_line);
        let due = (a.due)
            .map(|d| format!(", due {}", x.dates.date(d)))
            .unwrap_or_default();
        // Where it stands today, as the Actions screen would say.
        let standing = (now.of.iter().find(|s| s.note == a.note))
            .map(|s| format!(" · now {}", s.words(now.today)))
            .unwrap_or_default();
        x.text(
            &format!("  • {} — {owner}{due}{standing}", one_line(&a.title)),
            4,
            Style::default(),
        );
    }
    if !m.action_updates.is_empty() {
        x.heading(format!("Followed up ({})", m.action_updates.len()));
        for (i, u) in m.action_updates.iter().enumerate() {
            let owner = u
                .owner
                .as_deref()
                .map_or_else(String::new, |o| format!(" ({})", one_line(o)));
            let note = match u.note.trim() {
                "" => String::new(),
                n => format!(": {}", one_line(n)),
            };
            // The mark goes after the title, where it stays on the line's first row.
            let hit = x.focus == Some(Target::FollowUp(i)) && x.focus_line.is_none();
            let line = format!(
                "  • {}{owner}{} — {}{note}",
                one_line(&u.title),
                if hit { HIT_MARK } else { "" },
                u.verdict_words()
            );
            let style = if hit {
                x.focus_line = Some(x.out.len());
                x.theme.selected()
            } else {
                Style::default()
            };
            x.text(&line, 4, style);
            if !u.learned.trim().is_empty() {
                x.text(
                    &format!("    learned: {}", one_line(&u.learned)),
                    6,
                    theme.dim(),
                );
            }
        }
    }
    if let Some(c) = &m.cycle_closed {
        x.heading(format!(
            "Cycle {} reflected on and closed here: {}",
            c.number,
            one_line(&c.topic)
        ));
        for g in &c.goals {
            let evidence = match g.evidence.trim() {
                "" => String::new(),
                e => format!(": {}", one_line(e)),
            };
            x.text(
                &format!(
                    "  • {} — {}{evidence}",
                    one_line(&g.goal),
                    g.verdict_words()
                ),
                4,
                Style::default(),
            );
        }
        for i in &c.improvements {
            x.text(&format!("  improve: {}", one_line(i)), 4, Style::default());
        }
        if !c.outcome.trim().is_empty() {
            x.text(
                &format!("  outcome: {}", one_line(&c.outcome)),
                4,
                Style::default(),
            );
        }
    }
    x
}

/// Draws the meeting view of the past meeting open in the review area.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (Some(l), Some(m)) = (app.review().meeting.as_ref(), app.review().minutes()) else {
        frame.render_widget(
            Paragraph::new("No meeting open: choose one on History and press Enter.")
                .block(panel("Meeting", false, theme)),
            area,
        );
        return;
    };
    let block = panel(
        format!("{} — {}", one_line(&m.title), m.status),
        true,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let review = app.review();
    let focus = review.focus().and_then(|f| match f {
        Focus::Note(id) => (l.notes.iter().find(|n| n.id == id))
            .map(|n| Target::Note(n.body.clone(), n.created_at)),
        Focus::Item(id) => Some(Target::Item(id)),
        // The minutes give each action one line, whichever of its follow-ups was hit.
        Focus::FollowUp(action, _) => (m.action_updates.iter())
            .position(|u| u.action == action)
            .map(Target::FollowUp),
    });
    let now = Standing {
        of: review.standing(),
        today: app.today(),
    };
    let laid = lines(m, &now, usize::from(inner.width), app.dates(), theme, focus);
    review.set_focus_line(laid.focus_line.and_then(|l| u16::try_from(l).ok()));
    let all = laid.out;
    let total = u16::try_from(all.len()).unwrap_or(u16::MAX);
    let fits = total <= inner.height;
    // The last row says what is above and below when it does not all fit.
    let view = if fits {
        inner.height
    } else {
        inner.height.saturating_sub(1)
    };
    let max = total.saturating_sub(view);
    app.review().set_max_scroll(max);
    let off = app.review().scroll().min(max);
    let shown: Vec<Line> = all
        .into_iter()
        .skip(usize::from(off))
        .take(usize::from(view))
        .collect();
    frame.render_widget(
        Paragraph::new(shown),
        Rect::new(inner.x, inner.y, inner.width, view),
    );
    if !fits {
        let hint = format!("↑ {off} above · ↓ {} below — j/k PgUp/PgDn g/G", max - off);
        frame.render_widget(
            Paragraph::new(Line::styled(hint, theme.dim())),
            Rect::new(inner.x, inner.y + view, inner.width, 1),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let text = "a somewhat long note about alarm fatigue on the ward, verylongwordthatdoesnotfitonalineatall and more";
        for width in [10, 17, 30, 80] {
            let lines = wrap(text, width, 2);
            assert!(
                lines.iter().all(|l| l.width() <= width.max(10)),
                "{lines:?}"
            );
            let joined: String = lines.concat().split_whitespace().collect();
            assert_eq!(joined, text.split_whitespace().collect::<String>());
            assert!(lines[1..].iter().all(|l| l.starts_with("  ")), "{lines:?}");
        }
        assert_eq!(wrap("    round 1: Ana", 80, 6), ["    round 1: Ana"]);
        assert_eq!(wrap("  aaaa bbbb", 8, 0), ["  aaaa", "bbbb"]);
    }

    #[test]
    fn wide_characters_count_by_columns() {
        let lines = wrap("日本語のノートです 日本語のノートです", 12, 0);
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
    }
}
