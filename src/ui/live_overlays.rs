//! Overlays of the live meeting: the note editor and the fist-of-five vote sheet.

use super::Theme;
use super::widgets::panel;
use crate::app::{App, NoteEditor, VoteSheet};
use crate::domain::MemberId;
use crate::domain::consent::ConsentResult;
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

/// The note editor, over the notes panel: its state (kind, who) always visible.
pub fn draw_note_editor(frame: &mut Frame, area: Rect, app: &App, n: &NoteEditor, theme: &Theme) {
    let h = (area.height / 3).clamp(5, 12);
    let popup = Rect::new(area.x, area.y + area.height - h, area.width, h);
    super::clear(frame, popup);
    let about = match n.about {
        Some(m) => app
            .live()
            .meeting
            .as_ref()
            .map_or("?".to_string(), |l| one_line(l.name(m))),
        None => "the group".to_string(),
    };
    let verb = if n.editing.is_some() {
        "✎ Editing a note"
    } else {
        "✎ Typing a note"
    };
    let title = format!(
        "{verb} · kind: {} · about: {about} · Enter saves",
        n.kind.as_str()
    );

    let block = panel(title, true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(&n.area, inner);
}

/// Where the vote sheet is drawn over `area`: the popup, its rows and the tally (the
/// mouse's hit test uses the same function).
pub(super) fn vote_areas(area: Rect, v: &VoteSheet, theme: &Theme) -> [Rect; 3] {
    let h = (v.votes.len() as u16 + 6).min(area.height);
    let popup = area.centered(
        Constraint::Length(area.width.min(64)),
        Constraint::Length(h),
    );
    let inner = panel("", true, theme).inner(popup);
    let [list, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(inner);
    [popup, list, foot]
}

/// The fist-of-five vote sheet.
pub fn draw_votes(frame: &mut Frame, area: Rect, app: &App, v: &VoteSheet, theme: &Theme) {
    let [popup, list, foot] = vote_areas(area, v, theme);
    super::clear(frame, popup);
    let block = panel(format!("Consent: {}", one_line(&v.topic)), true, theme);
    frame.render_widget(block, popup);
    let name = |m| {
        app.live()
            .meeting
            .as_ref()
            .map_or("?".to_string(), |l| one_line(l.name(m)))
    };
    let rows: Vec<Row> = v
        .votes
        .iter()
        .map(|&(m, s)| {
            let score = s.map_or("·".to_string(), |s| s.to_string());
            let meaning = match s {
                Some(0 | 1) => "blocks",
                Some(2) => "concerns",
                Some(_) => "consents",
                None => "no vote",
            };
            Row::new(vec![
                Cell::from(name(m)),
                Cell::from(score),
                Cell::from(meaning),
            ])
        })
        .collect();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(3),
            Constraint::Length(9),
        ],
    )
    .row_highlight_style(theme.selected())
    .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(v.cursor));
    frame.render_stateful_widget(table, list, &mut state);
    let given: Vec<(MemberId, u8)> = v
        .votes
        .iter()
        .filter_map(|&(m, s)| s.map(|s| (m, s)))
        .collect();
    // The sheet lists everyone in the room.
    let r = ConsentResult::new(&given).of_present(v.votes.len());
    let mut lines = vec![Line::styled(
        r.summary(),
        if r.consensus() {
            theme.ok()
        } else {
            theme.error()
        },
    )];
    if let Some(m) = v.leader {
        lines.push(Line::from(format!(
            "On consensus, {} becomes leader (agreed by the group)",
            name(m)
        )));
    }
    lines.push(Line::styled(
        // A vote moves to the next member by itself: the hint says so (r7 trial).
        "0–5 votes, then moves down · ↑/↓ member · Ctrl-S records",
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), foot);
}
