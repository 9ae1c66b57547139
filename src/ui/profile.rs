//! The member profile: attendance, airtime against the fair share (a sparkline), turns
//! passed, actions, notes by kind, and their hopes and growth areas next to what they did.

use super::Theme;
use super::insights::{scrolled, sparkline};
use super::widgets::{field_line, panel};
use crate::app::insights::absent_of;
use crate::app::{App, ProfileView};
use crate::domain::insights::{least_heard_rule, percent};
use crate::domain::text::{count, one_line};
use crate::settings::Dates;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Below this share of a fair share, a member is "quiet" lately.
const QUIET: f64 = 0.5;

/// The sparkline's column for a meeting they missed (a silent one is empty).
const MISSED: &str = "┊";

/// Draws the profile of the member opened from the Roster.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(p) = app.insights().profile.as_ref() else {
        frame.render_widget(
            Paragraph::new("No member open.").block(panel("Member profile", false, theme)),
            area,
        );
        return;
    };
    let [chart, body] = Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(area);
    // Each bar is their share against that meeting's fair share: half height is a fair
    // share, a full bar twice it; an empty column, a meeting they were in but silent (or
    // not yet a member); a column of `┊`, a meeting they missed.
    let bars: Vec<Option<u64>> = p
        .facts
        .iter()
        .map(|f| {
            if f.was_absent(p.member.id) {
                return None;
            }
            let fair = f.participation.fair_share;
            Some(match f.share_of(p.member.id) {
                Some(s) if fair > 0.0 => ((s / fair) * 50.0).round().min(100.0) as u64,
                _ => 0,
            })
        })
        .collect();
    let title = format!(
        "Airtime per meeting, last {} · half height = a fair share · ┊ missed",
        p.facts.len()
    );
    frame.render_widget(
        sparkline(&bars, title, theme).absent_value_symbol(MISSED),
        chart,
    );
    // Inside the panel's borders.
    let width = usize::from(body.width.saturating_sub(2));
    let lines = lines(p, app.dates(), theme, width);
    scrolled(
        frame,
        body,
        lines,
        &one_line(&p.member.profile.name),
        app,
        theme,
    );
}

fn lines<'a>(p: &'a ProfileView, dates: &Dates, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let m = &p.member;
    let mut out = Vec::new();
    let state = if m.active { "active" } else { "inactive" };
    out.push(Line::from(vec![
        Span::styled(one_line(&m.profile.name), theme.title()),
        Span::raw(format!("  {}  ({state})", one_line(&m.profile.role))),
    ]));
    let (present, expected) = p.attendance();
    let rate = if expected > 0 {
        percent(present as f64 / expected as f64)
    } else {
        "–".into()
    };
    // A member who joined lately is counted from the day they joined.
    let of = match m.profile.joined {
        Some(j) if p.joined_lately() => format!(
            "{} since they joined on {}",
            count(expected as usize, "meeting", "meetings"),
            dates.date(j)
        ),
        _ => format!(
            "the last {}",
            count(expected as usize, "meeting", "meetings")
        ),
    };
    out.push(field_line(
        "Attendance",
        &format!("{present} of {of} ({rate})"),
        theme,
    ));
    // ● present, ○ absent, newest last.
    let history: String = p
        .as_member()
        .map(|f| if f.was_present(m.id) { '●' } else { '○' })
        .collect();
    out.push(field_line(
        "  history",
        &format!("{history}  (oldest → newest; ● here, ○ away)"),
        theme,
    ));
    let lately = count(p.lately(), "meeting", "meetings");
    let heard = match p.heard() {
        Some(h) => match h.of_fair {
            Some(r) => {
                let when_present = match h.when_present {
                    Some(w) if h.absent > 0 => format!(" ({} when present)", percent(w)),
                    _ => String::new(),
                };
                let quiet = if r < QUIET { "⚠ quiet: " } else { "" };
                format!(
                    "{quiet}{} of a fair share{}{when_present}",
                    percent(r),
                    absent_of(&h)
                )
            }
            None => "no attendance recorded".into(),
        },
        None => "no meeting with 3 minutes of talk yet".into(),
    };
    let style = if heard.starts_with('⚠') {
        theme.warning()
    } else {
        theme.label()
    };
    // Every figure says the range it covers: the window, the last few, or all time.
    let window = format!("last {}", count(p.facts.len(), "meeting", "meetings"));
    out.push(Line::from(vec![
        Span::styled(format!("Heard lately (last {lately}): "), theme.label()),
        Span::styled(heard, style),
    ]));
    // The rule wraps under its own first line, as on Insights.
    let rule = super::meeting_view::wrap(&format!("  {}", least_heard_rule()), width, 4);
    out.extend(rule.into_iter().map(|l| Line::styled(l, theme.dim())));
    out.push(ranged(
        format!("Turns ({window})"),
        format!("{} spoken · {} passed", p.turns(), p.passed()),
        theme,
    ));
    out.push(field_line(
        "Actions owned (all time)",
        &p.record.actions.summary(),
        theme,
    ));
    let notes = if p.record.notes_by_kind.is_empty() {
        "none".to_string()
    } else {
        p.record
            .notes_by_kind
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    out.push(ranged(format!("Notes by kind ({window})"), notes, theme));
    out.push(Line::from(""));
    out.push(field_line("Hopes", &one_line(&m.profile.hopes), theme));
    out.push(field_line(
        "Growth areas",
        &one_line(&m.profile.growth_areas),
        theme,
    ));
    out.push(field_line(
        "Strengths",
        &one_line(&m.profile.strengths),
        theme,
    ));
    let done = if p.record.done.is_empty() {
        "nothing finished yet".to_string()
    } else {
        p.record
            .done
            .iter()
            .map(|t| one_line(t))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    out.push(field_line("Done lately", &done, theme));
    out.push(Line::from(""));
    out.push(Line::styled(one_line(&p.least_heard_line()), theme.dim()));
    out
}

/// A field whose label names its range ("Turns (last 52 meetings): …").
fn ranged(label: String, value: String, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label()),
        Span::raw(one_line(&value)),
    ])
}
