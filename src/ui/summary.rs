//! The summary shown when a meeting ends: planned against actual time per item,
//! attendance, airtime, notes by kind, and the actions created.

use super::Theme;
use super::widgets::panel;
use crate::app::App;
use crate::domain::live::Attendance;
use crate::domain::note::NoteKind;
use crate::domain::text::one_line;
use crate::domain::timer::clock;
use chrono::Duration;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

/// Draws the summary of the meeting that just ended.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(l) = &app.live else {
        frame.render_widget(
            Paragraph::new("No meeting to summarise.").block(panel("Summary", false, theme)),
            area,
        );
        return;
    };
    let now = app.now();
    let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
    let [items_area, voices_area] =
        Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(top);

    let rows: Vec<Row> = l
        .items
        .iter()
        .map(|i| {
            let actual = l.item_elapsed(i, now);
            let planned = Duration::minutes(i64::from(i.item.info.minutes));
            let style = if actual > planned {
                theme.error()
            } else {
                Default::default()
            };
            Row::new(vec![
                one_line(&i.item.info.title),
                format!("{:>3}", i.item.info.minutes),
                clock(actual),
            ])
            .style(style)
        })
        .collect();
    let mc = l.meeting_countdown(now);
    let title = format!(
        "Agenda — {} planned, {} actual",
        clock(mc.limit),
        clock(mc.elapsed)
    );
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(["Item", "Plan", "Actual"]).style(theme.title()))
    .block(panel(title, true, theme));
    frame.render_widget(table, items_area);

    let p = l.participation(now);
    let rows: Vec<Row> = p
        .rows
        .iter()
        .map(|r| {
            let flag = if r.dominant {
                " ⚠"
            } else if r.turns == 0 {
                " —"
            } else {
                ""
            };
            Row::new(vec![
                format!("{}{flag}", one_line(l.name(r.member))),
                clock(r.spoken),
                format!("{:>3.0}%", r.share * 100.0),
            ])
        })
        .collect();
    let count = |s: Attendance| l.attendance.iter().filter(|a| a.status == s).count();
    let title = format!(
        "Voices — {} present, {} late, {} absent",
        count(Attendance::Present),
        count(Attendance::Late),
        count(Attendance::Absent)
    );
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(7),
            Constraint::Length(5),
        ],
    )
    .header(Row::new(["Member", "Time", "Share"]).style(theme.title()))
    .block(panel(title, false, theme));
    frame.render_widget(table, voices_area);

    let mut lines: Vec<Line> = Vec::new();
    let kinds: Vec<String> = NoteKind::ALL
        .iter()
        .filter_map(|k| {
            let n = l.notes.iter().filter(|x| x.kind == *k).count();
            (n > 0).then(|| format!("{n} {}", k.as_str()))
        })
        .collect();
    lines.push(Line::from(vec![
        Span::styled("Notes: ", theme.label()),
        Span::raw(if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds.join(" · ")
        }),
    ]));
    for c in &l.consents {
        lines.push(Line::from(vec![
            Span::styled("Decision: ", theme.label()),
            Span::raw(format!("{} — {}", one_line(&c.topic), c.result.summary())),
        ]));
    }
    let actions: Vec<_> = l
        .notes
        .iter()
        .filter(|n| n.kind == NoteKind::Action)
        .collect();
    lines.push(Line::styled(
        format!("Actions ({})", actions.len()),
        theme.label(),
    ));
    for n in actions {
        let (owner, due) = n.action.unwrap_or((None, None));
        let owner = owner.map_or("nobody".to_string(), |m| one_line(l.name(m)));
        let due = due.map(|d| format!(", due {d}")).unwrap_or_default();
        let head: String = one_line(n.body.lines().next().unwrap_or_default());
        lines.push(Line::from(format!("  • {head} — {owner}{due}")));
    }
    lines.push(Line::styled(
        "Full minutes: roundtable export minutes --last",
        theme.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(
                format!("{} — ended", one_line(&l.meeting.title)),
                false,
                theme,
            )),
        bottom,
    );
}
