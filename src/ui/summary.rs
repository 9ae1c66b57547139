//! The summary shown when a meeting ends: planned against actual time per item,
//! attendance, airtime, notes by kind, decisions and the actions created. It is drawn
//! from the same [`Minutes`] the `export minutes` command writes, so both agree.

use super::Theme;
use super::widgets::panel;
use crate::app::App;
use crate::domain::text::{count, one_line};
use crate::domain::timer::clock;
use chrono::Duration;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

fn secs(s: i64) -> String {
    clock(Duration::seconds(s))
}

/// Draws the summary of the meeting that just ended.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // A past meeting opened from History, or the one that just ended.
    // A past meeting opened from History, or the one that just ended: its minutes, built
    // when it was opened or ended.
    let Some(m) = app.review().summary() else {
        frame.render_widget(
            Paragraph::new("No meeting to summarise.").block(panel("Summary", false, theme)),
            area,
        );
        return;
    };
    let rows: Vec<Row> = m
        .agenda
        .iter()
        .map(|i| {
            let over = i.actual_seconds > i64::from(i.planned_minutes) * 60;
            // An item not held says so in place of its time (next to none).
            let actual = match i.status.as_str() {
                s @ ("skipped" | "not reached") => s.to_string(),
                // The mark says it without colour too.
                _ => format!("{}{}", secs(i.actual_seconds), if over { " ⚠" } else { "" }),
            };
            let row = Row::new(vec![
                one_line(&i.title),
                format!("{:>3}", i.planned_minutes),
                actual,
            ]);

            if over { row.style(theme.error()) } else { row }
        })
        .collect();
    let title = format!(
        "Agenda — {} min planned, {} actual",
        m.planned_minutes,
        secs(m.actual_seconds)
    );
    let agenda_rows = rows.len();
    let agenda = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(4),
            // "not reached".
            Constraint::Length(11),
        ],
    )
    .header(Row::new(["Item", "Plan", "Actual"]).style(theme.title()))
    .block(panel(title, true, theme));

    let rows: Vec<Row> = m
        .airtime
        .rows
        .iter()
        .map(|r| {
            // The mark comes first so a long name cannot hide it.
            let flag = if r.dominant {
                "⚠"
            } else if r.not_heard {
                "—"
            } else {
                ""
            };
            Row::new(vec![
                flag.to_string(),
                one_line(&r.member),
                secs(r.seconds),
                format!("{:>3.0}%", r.share_percent),
            ])
        })
        .collect();
    let a = &m.attendance;
    // The same count as the minutes: new members are among the present or late.
    let here = a.here();
    let title = format!("Voices ({here} here)");
    // The late are among those here: "7 here (1 late)", not "7 here · 1 late" (r9 trial
    // F11: read as 8 people).
    let mut attendance = match a.late.len() {
        0 => format!("{here} here"),
        n => format!("{here} here ({n} late)"),
    };
    for (n, one, many) in [
        (a.absent.len(), "absent", "absent"),
        (a.guests.len(), "guest", "guests"),
        (a.new_members.len(), "new", "new"),
    ] {
        if n > 0 {
            attendance.push_str(&format!(" · {}", count(n, one, many)));
        }
    }

    let voice_rows = rows.len();
    let voices = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(7),
            Constraint::Length(5),
        ],
    )
    .header(Row::new(["", "Member", "Time", "Share"]).style(theme.title()))
    .block(panel(title, false, theme));

    let mut lines: Vec<Line> = Vec::new();
    let kinds: Vec<String> = m
        .note_counts
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| {
            format!(
                "{} {}{}",
                k.count,
                k.kind,
                if k.count == 1 { "" } else { "s" }
            )
        })
        .collect();
    lines.push(Line::from(vec![
        Span::styled("Held: ", theme.label()),
        Span::raw(format!(
            "{} (scheduled {})",
            app.dates().date_time(m.started_at.to_utc()),
            app.dates().date_time(m.scheduled_at.to_utc())
        )),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Attendance: ", theme.label()),
        Span::raw(attendance),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Notes: ", theme.label()),
        Span::raw(if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds.join(" · ")
        }),
    ]));
    for d in &m.decisions {
        let verdict = d
            .verdict
            .clone()
            .unwrap_or_else(|| "no consent check".into());
        let no_vote = match d.no_vote.as_slice() {
            [] => String::new(),
            names => format!(" · no vote: {}", one_line(&names.join(", "))),
        };
        lines.push(Line::from(vec![
            Span::styled("Decision: ", theme.label()),
            Span::raw(format!("{} — {verdict}{no_vote}", one_line(&d.topic))),
        ]));
    }
    lines.push(Line::styled(
        format!("Actions ({})", m.actions.len()),
        theme.label(),
    ));
    for x in &m.actions {
        let owner = x.owner.as_deref().map_or("nobody".to_string(), one_line);
        let due = (x.due)
            .map(|d| format!(", due {}", app.dates().date(d)))
            .unwrap_or_default();
        lines.push(Line::from(format!(
            "  • {} — {owner}{due}",
            one_line(&x.title)
        )));
    }
    if !m.action_updates.is_empty() {
        lines.push(Line::styled(
            format!("Followed up ({})", m.action_updates.len()),
            theme.label(),
        ));
    }
    for u in &m.action_updates {
        let owner = u
            .owner
            .as_deref()
            .map_or_else(String::new, |o| format!(" ({})", one_line(o)));
        let note = match u.note.trim() {
            "" => String::new(),
            n => format!(": {}", one_line(n)),
        };
        lines.push(Line::from(format!(
            "  • {}{owner} — {}{note}",
            one_line(&u.title),
            u.verdict_words()
        )));
    }
    if let Some(c) = &m.cycle_closed {
        lines.push(Line::styled(
            format!(
                "Cycle {} reflected on and closed: {}",
                c.number,
                one_line(&c.topic)
            ),
            theme.label(),
        ));
        for g in &c.goals {
            let evidence = match g.evidence.trim() {
                "" => String::new(),
                e => format!(": {}", one_line(e)),
            };
            lines.push(Line::from(format!(
                "  • {} — {}{evidence}",
                one_line(&g.goal),
                g.verdict_words()
            )));
        }
        for i in &c.improvements {
            lines.push(Line::from(format!("  improve: {}", one_line(i))));
        }
        if !c.outcome.trim().is_empty() {
            lines.push(Line::from(format!("  outcome: {}", one_line(&c.outcome))));
        }
    }
    lines.push(Line::styled(
        format!(
            "Full minutes: roundtable export minutes --meeting {}",
            m.meeting_id
        ),
        theme.dim(),
    ));
    // Rows each line takes once wrapped (a word wrap may take one more).
    let inner_w = usize::from(area.width.saturating_sub(2)).max(1);
    let detail_rows: usize = lines
        .iter()
        .map(|l| match l.width() {
            w if w <= inner_w => 1,
            w => w.div_ceil(inner_w) + 1,
        })
        .sum();
    let details = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(panel(
            format!("{} — {}", one_line(&m.title), m.status),
            false,
            theme,
        ));
    // Borders and the header row around the tables; borders around the details.
    let top_needed = agenda_rows.max(voice_rows) + 3;
    let needed = u16::try_from(top_needed + detail_rows + 2).unwrap_or(u16::MAX);
    if needed <= area.height {
        app.review().set_max_scroll(0);
        // Halves where each half holds its part; else the tables take what they need.
        let half = usize::from(area.height / 2);
        let split = if top_needed <= half && detail_rows + 2 <= half {
            [Constraint::Fill(1), Constraint::Fill(1)]
        } else {
            let top = u16::try_from(top_needed).unwrap_or(u16::MAX);
            [Constraint::Length(top), Constraint::Fill(1)]
        };
        let [top, bottom] = Layout::vertical(split).areas(area);
        let [items_area, voices_area] =
            Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(top);
        frame.render_widget(agenda, items_area);
        frame.render_widget(voices, voices_area);
        frame.render_widget(details, bottom);
        return;
    }
    // Too tall for the screen: drawn whole off screen, shown through a window that
    // j/k and PgUp/PgDn move, with a last line saying what is above and below.
    let view = area.height.saturating_sub(1);
    let max = needed.saturating_sub(view);
    app.review().set_max_scroll(max);
    let off = app.review().scroll().min(max);
    let whole = Rect::new(0, 0, area.width, needed);
    let mut buf = Buffer::empty(whole);
    let [top, bottom] = Layout::vertical([
        Constraint::Length(u16::try_from(top_needed).unwrap_or(u16::MAX)),
        Constraint::Fill(1),
    ])
    .areas(whole);
    let [items_area, voices_area] =
        Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(top);
    agenda.render(items_area, &mut buf);
    voices.render(voices_area, &mut buf);
    details.render(bottom, &mut buf);
    let out = frame.buffer_mut();
    for y in 0..view {
        for x in 0..area.width {
            if let (Some(from), Some(to)) = (
                buf.cell((x, off + y)),
                out.cell_mut((area.x + x, area.y + y)),
            ) {
                *to = from.clone();
            }
        }
    }
    let below = max - off;
    let hint = format!(
        "↑ {off} line{} above · ↓ {below} below — j/k, PgUp/PgDn scroll",
        if off == 1 { "" } else { "s" }
    );
    frame.render_widget(
        Paragraph::new(Line::styled(hint, theme.dim())),
        Rect::new(area.x, area.y + view, area.width, 1),
    );
}
