//! The action review on the live screen: while an action review item is current, the
//! left column lists the community's open actions owner by owner, in the round's order,
//! with the speaker's highlighted and the one `u` follows up marked. Overdue actions say
//! "⚠ overdue" (and are coloured); those followed up in this meeting show their verdict.
//! The list follows the speaker: it scrolls so their actions are in view.

use super::Theme;
use super::chrome::truncate;
use super::widgets::panel;
use crate::domain::agenda::ItemKind;
use crate::domain::live::LiveMeeting;
use crate::domain::review::{self, ReviewGroup, ReviewRow};
use crate::domain::text::one_line;
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
            format!(
                "{} owns no open action — Space: next speaker",
                one_line(l.name(m))
            ),
            theme.dim(),
        ));
    }
    for g in &groups {
        let mine = g.owner.is_some() && g.owner == speaker;
        let pending = g.rows.iter().filter(|r| r.is_pending()).count();
        if mine || (focus.is_none() && speaker.is_none() && pending > 0) {
            focus = Some(lines.len());
        }
        lines.push(header(l, g, mine, pending, theme));
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

fn header<'a>(
    l: &LiveMeeting,
    g: &ReviewGroup,
    mine: bool,
    pending: usize,
    theme: &Theme,
) -> Line<'a> {
    let left = if pending == 0 {
        "all followed up ✓".to_string()
    } else {
        format!("{pending} to follow up")
    };
    match g.owner {
        Some(m) if mine => Line::from(vec![
            Span::styled(format!("▶ {}", one_line(l.name(m))), theme.accent()),
            Span::styled(format!(" — speaking · {left}"), theme.accent()),
        ]),
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

/// One action: its title, then where it stands; the title gives way to a long
/// standing only down to half the line.
fn row<'a>(r: &ReviewRow, mine: bool, next: bool, width: usize, theme: &Theme) -> Line<'a> {
    let prefix = if next { " ▸ " } else { "   " };
    let title = one_line(&r.title);
    let standing = format!(" — {}", one_line(&r.standing()));
    let room = width.saturating_sub(prefix.width());
    let (title, standing) = if title.width() + standing.width() <= room {
        (title, standing)
    } else {
        let keep = room
            .saturating_sub(standing.width())
            .max(title.width().min(room / 2));
        let title = truncate(&title, keep);
        let standing = truncate(&standing, room.saturating_sub(title.width()));
        (title, standing)
    };
    let title_style = match (mine, r.is_pending()) {
        (true, true) => theme.title(),
        (_, false) => theme.dim(),
        (false, true) => Style::new(),
    };
    let standing_style = match &r.followed {
        _ if r.overdue => theme.error(),
        Some((crate::domain::ActionVerdict::Done, _)) => theme.ok(),
        Some(_) => theme.accent(),
        None => theme.dim(),
    };
    Line::from(vec![
        Span::styled(prefix, theme.accent()),
        Span::styled(title, title_style),
        Span::styled(standing, standing_style),
    ])
}
