//! The shared screen (`roundtable present`): the agenda with the current item and its
//! clock, who has the floor and who is next, raised hands, working agreements (when the
//! community keeps them) and the decisions so far. It draws a [`SharedView`], which holds
//! nothing private, so nothing private can reach the room.

use super::Theme;
use super::widgets::{bar, panel};
use crate::app::present::{ItemState, SharedView};
use crate::domain::text::one_line;
use crate::domain::timer::{Countdown, clock};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::backend::TestBackend;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Paragraph, Wrap};

fn timer<'a>(c: &Countdown, theme: &Theme) -> Vec<Span<'a>> {
    let head = format!("{} / {}", clock(c.elapsed), clock(c.limit));
    match c.overrun() {
        Some(over) => vec![
            Span::styled(head, theme.error()),
            Span::styled(format!("  over by {}", clock(over)), theme.error()),
        ],
        None => vec![
            Span::raw(head),
            Span::styled(format!("  {} left", clock(c.remaining())), theme.ok()),
        ],
    }
}

/// Draws the shared screen: `view` is `None` while no meeting is live.
pub fn draw(
    frame: &mut Frame,
    view: Option<&SharedView>,
    now: DateTime<Utc>,
    status: Option<&str>,
    theme: &Theme,
) {
    let area = frame.area();
    let [top, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" Roundtable ", theme.title()),
            Span::styled(
                format!(
                    "· shared screen · {}",
                    crate::settings::Dates::default().time(now)
                ),
                theme.dim(),
            ),
        ]),
        top,
    );
    let foot = match status {
        Some(s) => Line::styled(format!(" {}", one_line(s)), theme.error()),
        None => Line::styled(
            " q quits · read-only: follows the leader's meeting",
            theme.dim(),
        ),
    };
    frame.render_widget(foot, footer);
    let Some(v) = view else {
        let text = Text::from(vec![
            Line::from(""),
            Line::styled("No meeting is live.", theme.title()),
            Line::from(""),
            Line::from("This screen shows the meeting as soon as the leader starts it."),
        ]);
        frame.render_widget(
            Paragraph::new(text)
                .centered()
                .wrap(Wrap { trim: true })
                .block(panel("Roundtable", false, theme)),
            body,
        );
        return;
    };
    let [head, main, low] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(decisions_height(v, body.height)),
    ])
    .areas(body);
    let mut spans = match v.waiting_since {
        Some(since) => vec![Span::styled(
            format!(
                " ⏸ waiting for the leader since {} ",
                crate::settings::Dates::default().time(since)
            ),
            theme.error(),
        )],
        None if v.paused => vec![Span::styled(" ⏸ PAUSED ", theme.error())],
        None => vec![Span::styled(" ● LIVE ", theme.accent())],
    };
    spans.extend(timer(&v.meeting_clock, theme));
    spans.push(Span::styled(
        format!("  {}", one_line(&v.title)),
        theme.title(),
    ));
    frame.render_widget(Line::from(spans), head);
    let agenda_w = (main.width * 2 / 5).clamp(30, 70);
    let [agenda, now_area] = super::widgets::beside(
        main,
        Constraint::Length(agenda_w),
        Constraint::Fill(1),
        theme,
    );
    draw_agenda(frame, agenda, v, theme);
    draw_now(frame, now_area, v, theme);
    draw_decisions(frame, low, v, theme);
}

/// Rows for the decisions (and agreements) panel: all of them when there is room.
fn decisions_height(v: &SharedView, body: u16) -> u16 {
    let agreements = if v.agreements.is_empty() {
        0
    } else {
        v.agreements.len() + 1
    };
    let rows = (v.decisions.len().max(1) + agreements) as u16 + 2;
    rows.min(body / 3).max(3)
}

fn draw_agenda(frame: &mut Frame, area: Rect, v: &SharedView, theme: &Theme) {
    let block = panel("Agenda", false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let lines: Vec<Line> = v
        .agenda
        .iter()
        .map(|i| {
            let (mark, style) = match i.state {
                ItemState::Done => ("✓ ", theme.dim()),
                ItemState::Now => ("▶ ", theme.accent()),
                ItemState::Later => ("  ", ratatui::style::Style::new()),
            };
            let right = match i.state {
                ItemState::Later => format!("{} min", i.clock.limit.num_minutes()),
                ItemState::Done | ItemState::Now => clock(i.clock.elapsed),
            };
            let title_w = w.saturating_sub(right.chars().count() + 3);
            let title = super::chrome::truncate(&one_line(&i.title), title_w);
            Line::from(vec![
                Span::styled(mark, style),
                Span::styled(super::widgets::pad(&title, title_w), style),
                Span::styled(format!(" {right}"), style),
            ])
        })
        .collect();
    // The current item stays in view on a long agenda.
    let now = v
        .agenda
        .iter()
        .position(|i| i.state == ItemState::Now)
        .unwrap_or(0);
    let skip = now.saturating_sub((inner.height as usize).saturating_sub(2));
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
}

fn draw_now(frame: &mut Frame, area: Rect, v: &SharedView, theme: &Theme) {
    let current = v.agenda.iter().find(|i| i.state == ItemState::Now);
    let title = current.map_or("Now".to_string(), |i| {
        format!("Now · {}", one_line(&i.title))
    });
    let block = panel(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    if let Some(i) = current {
        lines.push(Line::from(timer(&i.clock, theme)));
        let style = if i.clock.overrun().is_some() {
            theme.error()
        } else {
            theme.ok()
        };
        lines.push(bar(i.clock.ratio(), inner.width as usize, style, theme));
        lines.push(Line::from(""));
    }
    match &v.speaking {
        Some((name, spoken)) => lines.push(Line::from(vec![
            Span::styled("Speaking: ", theme.label()),
            Span::styled(one_line(name), theme.accent()),
            Span::raw(format!("  {}", clock(*spoken))),
        ])),
        None => lines.push(Line::styled("The floor is open", theme.dim())),
    }
    if let Some(next) = &v.next {
        lines.push(Line::from(vec![
            Span::styled("Next: ", theme.label()),
            Span::raw(one_line(next)),
        ]));
    }
    if !v.hands.is_empty() {
        let names: Vec<String> = v.hands.iter().map(|n| one_line(n)).collect();
        lines.push(Line::from(vec![
            Span::styled("Hands up: ", theme.label()),
            Span::raw(format!("✋ {}", names.join(", ✋ "))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

fn draw_decisions(frame: &mut Frame, area: Rect, v: &SharedView, theme: &Theme) {
    let block = panel(format!("Decisions ({})", v.decisions.len()), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    if !v.agreements.is_empty() {
        lines.push(Line::styled("Working agreements", theme.label()));
        for a in &v.agreements {
            lines.push(Line::from(format!("• {}", one_line(a))));
        }
    }
    if v.decisions.is_empty() {
        lines.push(Line::styled("None yet", theme.dim()));
    }
    // The latest decisions matter most: the oldest give way, and say how many.
    let room = (inner.height as usize).saturating_sub(lines.len());
    let d = v.decisions.len();
    let skip = if d > room {
        d - room.saturating_sub(1)
    } else {
        0
    };
    if skip > 0 {
        lines.push(Line::styled(
            format!("… {skip} earlier not shown"),
            theme.dim(),
        ));
    }
    for dec in v.decisions.iter().skip(skip) {
        lines.push(Line::from(format!("• {}", one_line(dec))));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The shared screen at `width`×`height` as plain text (`render present`, tests).
pub fn present_to_text(
    view: Option<&SharedView>,
    now: DateTime<Utc>,
    width: u16,
    height: u16,
) -> String {
    let theme = Theme::new(false);
    super::screen_text(
        &present_buffer(view, now, width, height, &theme),
        &theme,
        false,
    )
}

/// The shared screen drawn in `theme` into a buffer (`render present`, with `--plain`
/// or `--color`).
pub fn present_buffer(
    view: Option<&SharedView>,
    now: DateTime<Utc>,
    width: u16,
    height: u16,
    theme: &Theme,
) -> ratatui::buffer::Buffer {
    let mut terminal = match ratatui::Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    match terminal.draw(|f| draw(f, view, now, None, theme)) {
        Ok(frame) => frame.buffer.clone(),
        Err(e) => match e {},
    }
}
