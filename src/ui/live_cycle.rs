//! The learning cycle on the live screen, in the notes' place: the cycle's board during
//! a critical interrogation, the commitments during an application item, the
//! reflection's progress during a reflection item, and the working agreements (`w`).

use super::Theme;
use super::widgets::{panel, plural};
use crate::app::App;
use crate::app::live::{BoardNote, LiveCycle, NO_CYCLE, WalkStep, is_cycle_item, step_label};
use crate::domain::Cycle;
use crate::domain::agenda::ItemKind;
use crate::domain::live::LiveMeeting;
use crate::domain::note::{ActionStatus, NoteKind};
use crate::domain::text::one_line;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Whether the live screen shows a cycle panel (in the notes' place): the agreements, or
/// a cycle item of a meeting that has a cycle.
pub fn shown(app: &App, l: &LiveMeeting) -> bool {
    let lc = app.live().cycle();
    lc.agreements.is_some() || (lc.cycle.is_some() && on_cycle_item(l))
}

fn on_cycle_item(l: &LiveMeeting) -> bool {
    l.current_item()
        .is_some_and(|i| is_cycle_item(i.item.info.kind))
}

/// On a cycle item of a meeting with no cycle, what the notes panel says first: how to
/// open one (the notes taken stay in view).
pub fn no_cycle_hint(app: &App, l: &LiveMeeting) -> Option<&'static str> {
    (app.live().cycle().cycle.is_none() && on_cycle_item(l)).then_some(NO_CYCLE)
}

/// Rows the panel takes of the live screen's `height`: what its lines need, at least
/// six and at most half.
pub fn height(app: &App, l: &LiveMeeting, area: Rect) -> u16 {
    let width = area.width.saturating_sub(2) as usize;
    let need = match content(app, l, width, &Theme::new(false)) {
        Content::Agreements(list) => list.len().max(2),
        Content::NoCycle => 2,
        Content::Lines(_, lines, _) => lines.len(),
    };
    let height = area.height;
    let need = u16::try_from(need).unwrap_or(u16::MAX).saturating_add(2);
    need.clamp(6, (height / 2).max(6))
}

/// What the panel shows.
enum Content<'a> {
    Agreements(&'a [String]),
    NoCycle,
    /// A title, its lines, and how many of the first stay when they do not all fit.
    Lines(String, Vec<Line<'a>>, usize),
}

/// The panel's content, for `width` columns.
fn content<'a>(app: &'a App, l: &LiveMeeting, width: usize, theme: &Theme) -> Content<'a> {
    let lc = app.live().cycle();
    if let Some(list) = &lc.agreements {
        return Content::Agreements(list);
    }
    let Some(c) = &lc.cycle else {
        return Content::NoCycle;
    };
    let name = one_line(&c.name());
    match l.current_item().map(|i| i.item.info.kind) {
        Some(ItemKind::Application) => {
            let (lines, head) = commitments(app, lc, c, l, width, theme);
            Content::Lines(
                format!("Commitments · {name} · A commits an action"),
                lines,
                head,
            )
        }
        Some(ItemKind::Reflection) => Content::Lines(
            match c.is_open() {
                true => format!("Reflection · {name} ({}) · R walks it", c.phase.label()),
                false => format!("Reflection · {name} (closed)"),
            },
            reflection(lc, c, l, lc.first_unanswered(), theme),
            1,
        ),
        _ => Content::Lines(
            format!("Board · {name} · n: problem, Tab: pitfall/solution · L links"),
            board(lc, l, theme),
            1,
        ),
    }
}

/// Draws the panel the current item calls for.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, l: &LiveMeeting, theme: &Theme) {
    let width = area.width.saturating_sub(2) as usize;
    let (title, lines, head) = match content(app, l, width, theme) {
        Content::Agreements(list) => return agreements(frame, area, list, theme),
        Content::NoCycle => {
            let p = Paragraph::new(Line::styled(NO_CYCLE, theme.accent()))
                .wrap(Wrap { trim: true })
                .block(panel("Learning cycle", false, theme));
            return frame.render_widget(p, area);
        }
        Content::Lines(title, lines, head) => (title, lines, head),
    };
    let block = panel(title, false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = fit(lines, head, inner.height, theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The lines that fit in `rows`: the first `head` (a summary), then the newest (last)
/// ones, after a line saying how many earlier ones are left out.
fn fit<'a>(mut lines: Vec<Line<'a>>, head: usize, rows: u16, theme: &Theme) -> Vec<Line<'a>> {
    let rows = rows as usize;
    if lines.len() <= rows || rows < head + 2 {
        lines.truncate(rows);
        return lines;
    }
    let tail = rows - head - 1;
    let cut = lines.len() - head - tail;
    let rest = lines.split_off(lines.len() - tail);
    lines.truncate(head);
    lines.push(Line::styled(
        format!("… {cut} earlier lines (the Cycles tab, 6, shows them all)"),
        theme.dim(),
    ));
    lines.extend(rest);
    lines
}

/// "No commitment yet (3): A, B, C" over as many lines of `width` as it takes, the
/// names never cut.
fn names_lines<'a>(names: &[String], width: usize, theme: &Theme) -> Vec<Line<'a>> {
    use unicode_width::UnicodeWidthStr;
    let prefix = format!("No commitment yet ({}): ", names.len());
    let mut cur = prefix.width();
    let mut lines = vec![vec![Span::styled(prefix, theme.accent())]];
    for (i, n) in names.iter().enumerate() {
        let piece = if i + 1 < names.len() {
            format!("{n}, ")
        } else {
            n.clone()
        };
        let w = piece.trim_end().width();
        if cur + w > width && cur > 2 {
            lines.push(vec![Span::raw("  ")]);
            cur = 2;
        }
        cur += piece.width();
        if let Some(l) = lines.last_mut() {
            l.push(Span::raw(piece));
        }
    }
    lines.into_iter().map(Line::from).collect()
}

fn who(l: &LiveMeeting, n: &BoardNote) -> String {
    n.member.map_or("group".into(), |m| one_line(l.name(m)))
}

/// A board note: its kind in words and a symbol (no colour needed), who said it, what.
fn board_line<'a>(l: &LiveMeeting, n: &BoardNote, indent: &str, theme: &Theme) -> Line<'a> {
    let (symbol, style) = match n.kind {
        NoteKind::Problem => ("●", theme.error()),
        NoteKind::Pitfall => ("▲", theme.accent()),
        _ => ("✓", theme.ok()),
    };
    Line::from(vec![
        Span::raw(indent.to_string()),
        Span::styled(format!("{symbol} {} ", n.kind.as_str()), style),
        Span::styled(format!("{}: ", who(l, n)), theme.title()),
        Span::raw(one_line(&n.body)),
    ])
}

fn board<'a>(lc: &LiveCycle, l: &LiveMeeting, theme: &Theme) -> Vec<Line<'a>> {
    let b = &lc.board;
    let count = |k: NoteKind| b.iter().filter(|n| n.kind == k).count();
    if b.is_empty() {
        return vec![Line::styled(
            "Nothing on the board yet: notes taken now land here",
            theme.dim(),
        )];
    }
    let linked = |s: &BoardNote| {
        s.answers
            .filter(|a| b.iter().any(|p| p.id == *a && p.kind != NoteKind::Solution))
    };
    let mut lines = vec![Line::styled(
        format!(
            "{} · {} · {} ({} linked)",
            plural(count(NoteKind::Problem), "problem"),
            plural(count(NoteKind::Pitfall), "pitfall"),
            plural(count(NoteKind::Solution), "solution"),
            b.iter().filter(|s| linked(s).is_some()).count()
        ),
        theme.label(),
    )];
    for p in b.iter().filter(|n| n.kind != NoteKind::Solution) {
        lines.push(board_line(l, p, "", theme));
        for s in b.iter().filter(|s| linked(s) == Some(p.id)) {
            lines.push(board_line(l, s, "   ↳ ", theme));
        }
    }
    for s in b
        .iter()
        .filter(|s| s.kind == NoteKind::Solution && linked(s).is_none())
    {
        lines.push(board_line(l, s, "", theme));
    }
    lines
}

fn commitments<'a>(
    app: &App,
    lc: &LiveCycle,
    c: &Cycle,
    l: &LiveMeeting,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'a>>, usize) {
    let today = app.now().with_timezone(&Local).date_naive();
    let missing = lc.without_commitment(l);
    let mut lines = if missing.is_empty() {
        vec![Line::styled("✓ Everyone here has a commitment", theme.ok())]
    } else {
        let names: Vec<String> = missing.iter().map(|n| one_line(n)).collect();
        names_lines(&names, width, theme)
    };
    let head = lines.len();
    if lc.actions.is_empty() {
        lines.push(Line::styled(
            "No action in this cycle yet: A commits one (what, who, by when, for which goal)",
            theme.dim(),
        ));
    }
    for a in &lc.actions {
        let owner = a
            .info
            .owner
            .map_or("nobody".into(), |m| one_line(l.name(m)));
        let mut spans = vec![
            Span::raw(format!("• {}", one_line(&a.info.title))),
            Span::styled(format!(" — {owner}"), theme.label()),
        ];
        // Overdue and closed say so in words (the standing); else the due date.
        if a.is_overdue(today) || a.status != ActionStatus::Open {
            let style = if a.is_overdue(today) {
                theme.error()
            } else {
                theme.ok()
            };
            spans.push(Span::styled(
                format!(", {}", super::widgets::standing(a, today, app.dates())),
                style,
            ));
        } else if let Some(d) = a.info.due {
            let due = format!(", due {}", app.dates().date(d));
            spans.push(Span::styled(due, theme.label()));
        }
        if let Some(g) = a
            .info
            .goal
            .and_then(|g| c.goals.iter().find(|x| x.goal == g))
        {
            spans.push(Span::styled(
                format!(" · goal: {}", one_line(&g.title)),
                theme.dim(),
            ));
        }
        lines.push(Line::from(spans));
    }
    (lines, head)
}

fn reflection<'a>(
    lc: &LiveCycle,
    c: &Cycle,
    l: &LiveMeeting,
    resume: WalkStep,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let reflected = |a: &crate::domain::Action| {
        a.last_update
            .as_ref()
            .filter(|u| u.in_reflection)
            .map(|u| u.verdict)
    };
    let judged = c.goals.iter().filter(|g| g.verdict.is_some()).count();
    let answered = lc.actions.iter().filter(|a| reflected(a).is_some()).count();
    let progress = if !c.is_open() {
        "✓ closed".to_string()
    } else {
        match lc.walk {
            Some(s) => format!("at {}", step_label(s, lc.actions.len(), c.goals.len())),
            // Nothing answered yet: it starts; else it resumes where the answers stop.
            None if resume == WalkStep::Action(0) => "R starts it".into(),
            None => format!(
                "R resumes at {}",
                step_label(resume, lc.actions.len(), c.goals.len())
            ),
        }
    };
    let mut lines = vec![Line::styled(
        format!(
            "Walk: {progress} · actions {answered}/{} · goals {judged}/{} · {}",
            lc.actions.len(),
            c.goals.len(),
            plural(lc.improvements.len(), "improvement")
        ),
        theme.label(),
    )];
    if !c.is_open() && !c.outcome.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Outcome: ", theme.label()),
            Span::raw(one_line(&c.outcome)),
        ]));
    }
    for a in &lc.actions {
        let owner = a
            .info
            .owner
            .map_or("nobody".into(), |m| one_line(l.name(m)));
        let mut spans = vec![Span::raw(format!(
            " {} — {owner}: ",
            one_line(&a.info.title)
        ))];
        match (reflected(a), &a.last_update) {
            (Some(v), Some(u)) => {
                spans.insert(0, Span::raw(v.symbol()));
                spans.push(Span::styled(v.label(), theme.ok()));
                if !u.learned.trim().is_empty() {
                    spans.push(Span::styled(
                        format!(" · learned: {}", one_line(&u.learned)),
                        theme.dim(),
                    ));
                }
            }
            _ => {
                let status = match a.status {
                    ActionStatus::Open => "not reflected on yet",
                    ActionStatus::Done => "done, not reflected on yet",
                    ActionStatus::Dropped => "dropped, not reflected on yet",
                };
                spans.insert(0, Span::raw("·"));
                spans.push(Span::styled(status, theme.dim()));
            }
        }
        lines.push(Line::from(spans));
    }
    for g in &c.goals {
        let mut spans = vec![Span::raw(format!(
            "{} goal {}: ",
            g.verdict.map_or("·", |v| v.symbol()),
            one_line(&g.title)
        ))];
        match g.verdict {
            Some(v) => {
                spans.push(Span::styled(v.label(), theme.ok()));
                if !g.evidence.trim().is_empty() {
                    spans.push(Span::styled(
                        format!(" — {}", one_line(&g.evidence)),
                        theme.dim(),
                    ));
                }
            }
            None => spans.push(Span::styled("not judged yet", theme.dim())),
        }
        lines.push(Line::from(spans));
    }
    for i in &lc.improvements {
        lines.push(Line::from(vec![
            Span::styled("+ improve: ", theme.accent()),
            Span::raw(one_line(&i.body)),
        ]));
    }
    lines
}

fn agreements(frame: &mut Frame, area: Rect, list: &[String], theme: &Theme) {
    let lines: Vec<Line> = if list.is_empty() {
        vec![Line::styled(
            "No working agreements yet. Add them on the Communities screen (1): how the group will function, shown here during a check-in.",
            theme.dim(),
        )]
    } else {
        list.iter()
            .enumerate()
            .map(|(i, a)| Line::raw(format!("{}. {}", i + 1, one_line(a))))
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(panel(
            "Working agreements — w hides",
            true,
            theme,
        )),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn names_without_a_commitment_wrap_whole() {
        let names: Vec<String> = ["Amara Okafor", "Daniel Kowalski", "Zoë 王", "Fiona Byrne"]
            .map(String::from)
            .to_vec();
        let lines = names_lines(&names, 30, &Theme::new(false));
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert!(text.len() > 1, "{text:?}");
        assert!(text.iter().all(|l| l.trim_end().width() <= 30), "{text:?}");
        let all = text.join(" ");
        assert!(names.iter().all(|n| all.contains(n.as_str())), "{text:?}");
        assert_eq!(names_lines(&names, 200, &Theme::new(false)).len(), 1);
    }
}
