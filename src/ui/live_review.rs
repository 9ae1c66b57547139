//! The action review on the live screen: while an action review item is current, the
//! left column lists the community's open actions owner by owner, in the round's order,
//! with the speaker's highlighted and the one `u` follows up marked. Overdue actions say
//! "⚠ overdue" (and are coloured); those followed up in this meeting show their verdict.
//! The list follows the speaker: it scrolls so their actions are in view.

use super::Theme;
use super::chrome::truncate;
use super::widgets::panel;
use crate::domain::ActionVerdict;
use crate::domain::agenda::ItemKind;
use crate::domain::live::LiveMeeting;
use crate::domain::review::{self, ReviewGroup, ReviewRow};
use crate::domain::text::one_line;
use crate::domain::timer::clock;
use chrono::{DateTime, Local, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Whether the current item is an action review.
pub fn is_on(l: &LiveMeeting) -> bool {
    l.current_item()
        .is_some_and(|i| i.item.info.kind == ItemKind::ActionReview)
}

/// The left column split into what is happening now (above) and the review.
pub fn split(left: Rect) -> [Rect; 2] {
    let now_h = (left.height * 2 / 5).clamp(7, 10);
    Layout::vertical([Constraint::Length(now_h), Constraint::Fill(1)]).areas(left)
}

/// Draws the review list in `area`.
pub fn draw(frame: &mut Frame, area: Rect, l: &LiveMeeting, now: DateTime<Utc>, theme: &Theme) {
    let groups = review::review(l, now.with_timezone(&Local).date_naive());
    let (done, all) = review::progress(&groups);
    let title = if all == 0 {
        "Action review".to_string()
    } else {
        format!("Action review {done}/{all} followed up · u")
    };
    let block = panel(title, false, theme);
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let speaker = l.speaker();
    let next = review::next_pending(&groups, speaker).map(|r| r.action);
    let mut lines: Vec<Line> = Vec::new();
    // The line the view keeps in sight: the speaker's group, else the first to follow up.
    let mut focus = None;
    if groups.is_empty() {
        lines.push(Line::styled(
            "No open actions: nothing to review — ] moves on.",
            theme.dim(),
        ));
    } else if let Some(m) = speaker.filter(|m| !groups.iter().any(|g| g.owner == Some(*m))) {
        lines.push(Line::styled(
            format!("{}: none open — Space: next", one_line(l.name(m))),
            theme.dim(),
        ));
    }
    for g in &groups {
        let mine = g.owner.is_some() && g.owner == speaker;
        let pending = g.rows.iter().filter(|r| r.is_pending()).count();
        if mine || (focus.is_none() && speaker.is_none() && pending > 0) {
            focus = Some(lines.len());
        }
        lines.push(header(l, g, mine, pending, now, theme));
        for r in &g.rows {
            lines.push(row(r, mine, next == Some(r.action), width, theme));
        }
    }
    let height = usize::from(inner.height);
    let offset = match focus {
        // The speaker's group from its header, as much as fits; the list's end in view.
        Some(f) => f.min(lines.len().saturating_sub(height)),
        None => 0,
    };
    let below = lines.len().saturating_sub(offset + height);
    let mut block = block;
    if offset > 0 || below > 0 {
        let more = match (offset, below) {
            (0, b) => format!(" ↓ {b} more "),
            (a, 0) => format!(" ↑ {a} more "),
            (a, b) => format!(" ↑ {a} · ↓ {b} more "),
        };
        block = block.title_bottom(Line::styled(more, theme.dim()).right_aligned());
    }
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// An owner's line: their name (with "speaking" and how long, for the speaker) and
/// how many of their actions are left.
fn header<'a>(
    l: &LiveMeeting,
    g: &ReviewGroup,
    mine: bool,
    pending: usize,
    now: DateTime<Utc>,
    theme: &Theme,
) -> Line<'a> {
    let left = if pending == 0 {
        "all followed up ✓".to_string()
    } else {
        format!("{pending} to follow up")
    };
    match g.owner {
        Some(m) if mine => {
            // The turn's clock (the Now panel may have no room left for it).
            let spoken = match (l.current_item(), l.current_turn(), l.floor_speaker()) {
                (Some(item), Some(t), _) => l.turn_countdown(item, &t, now).elapsed,
                (_, None, Some(f)) => l.floor_elapsed(f, now),
                _ => chrono::Duration::zero(),
            };
            Line::from(vec![
                Span::styled(format!("▶ {}", one_line(l.name(m))), theme.accent()),
                Span::styled(
                    format!(" speaking {} · {left}", clock(spoken)),
                    theme.accent(),
                ),
            ])
        }
        Some(m) => Line::from(vec![
            Span::styled(one_line(l.name(m)), theme.label()),
            Span::styled(format!(" · {left}"), theme.dim()),
        ]),
        None => Line::from(vec![
            Span::styled("Owner not here, or nobody", theme.label()),
            Span::styled(format!(" · {left}"), theme.dim()),
        ]),
    }
}

/// Width of the status column: "◐ partly done" and the like.
const STATUS_W: usize = 14;

/// One action as a checklist row: its status in words and symbols ("✓ done",
/// "⚠ overdue", "due 3 Dec"), its title, then the note given or how late it is. `▸`
/// marks the action `u` follows up.
fn row<'a>(r: &ReviewRow, mine: bool, next: bool, width: usize, theme: &Theme) -> Line<'a> {
    let prefix = if next { " ▸ " } else { "   " };
    let short = |d: chrono::NaiveDate| d.format("%-d %b").to_string();
    let (status, status_style) = match (&r.followed, r.due) {
        (Some((v, _)), _) => (
            format!("{} {}", v.symbol(), v.label()),
            match v {
                ActionVerdict::Done => theme.ok(),
                ActionVerdict::Partly | ActionVerdict::NotDone | ActionVerdict::Dropped => {
                    theme.accent()
                }
            },
        ),
        (None, _) if r.overdue => ("⚠ overdue".to_string(), theme.error()),
        (None, Some(d)) => (format!("due {}", short(d)), theme.dim()),
        (None, None) => ("no due date".to_string(), theme.dim()),
    };
    let mut tail = match &r.followed {
        Some((_, note)) if !note.trim().is_empty() => format!(": {}", one_line(note.trim())),
        Some(_) | None => String::new(),
    };
    match (r.due, r.overdue, r.followed.is_some()) {
        (Some(d), true, false) => tail.push_str(&format!(" · due {}", short(d))),
        (Some(d), true, true) => tail.push_str(&format!(" · ⚠ overdue, due {}", short(d))),
        _ => {}
    }
    let room = width.saturating_sub(prefix.width() + STATUS_W);
    let title = one_line(&r.title);
    let (title, tail) = if title.width() + tail.width() <= room {
        (title, tail)
    } else if r.followed.is_none() {
        // Only the due date would follow (the status says overdue): the title first.
        (truncate(&title, room), String::new())
    } else {
        // The title keeps two thirds of the room; what was said gets the rest, if
        // enough of it shows to be read (the minutes have it whole).
        let keep = room
            .saturating_sub(tail.width())
            .max(title.width().min(room * 2 / 3));
        let title = truncate(&title, keep);
        let left = room.saturating_sub(title.width());
        let tail = if left >= 8 {
            truncate(&tail, left)
        } else {
            String::new()
        };
        (title, tail)
    };
    let title_style = match (mine, r.is_pending()) {
        (true, true) => theme.title(),
        (_, false) => theme.dim(),
        (false, true) => Style::new(),
    };
    let tail_style = if r.overdue {
        theme.error()
    } else {
        theme.dim()
    };
    Line::from(vec![
        Span::styled(prefix, theme.accent()),
        Span::styled(super::widgets::pad(&status, STATUS_W), status_style),
        Span::styled(title, title_style),
        Span::styled(tail, tail_style),
    ])
}
