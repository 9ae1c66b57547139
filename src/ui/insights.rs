//! Community insights: attendance over time (a line chart, ratatui's `Chart`, its
//! latest value and trend in words), airtime balance over time (a sparkline), action
//! completion (a bar chart), cadence with its gaps, dominated meetings, cycles, goals and
//! icebreakers. Every flag is a symbol and a word, so it reads without colour.

use super::Theme;
use super::widgets::{field_line, panel};
use crate::app::insights::local_day;
use crate::app::{App, CommunityInsights};
use crate::domain::insights::{MeetingFacts, percent, trend};
use crate::domain::text::one_line;
use crate::settings::Dates;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, BarChart, Chart, Dataset, GraphType, Paragraph, Sparkline, Wrap};

/// How many meetings the balance table lists, newest first.
const TABLE: usize = 12;

/// A sparkline of values 0–100 in a panel (`None`: an empty column).
pub(crate) fn sparkline<'a>(values: &[Option<u64>], title: String, theme: &Theme) -> Sparkline<'a> {
    Sparkline::default()
        .data(values.to_vec())
        .max(100)
        .style(theme.accent())
        .block(panel(title, false, theme))
}

/// `lines` in a panel titled `title`, wrapped and scrolled by the insights' scroll (which
/// learns here how far it can go).
pub(crate) fn scrolled(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'_>>,
    title: &str,
    app: &App,
    theme: &Theme,
) {
    let block = panel(title, true, theme);
    let inner = block.inner(area);
    // Rows each line takes once wrapped (a word wrap may take one more).
    let w = usize::from(inner.width).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| match l.width() {
            n if n <= w => 1,
            n => n.div_ceil(w) + 1,
        })
        .sum();
    let total = u16::try_from(rows).unwrap_or(u16::MAX);
    let p = Paragraph::new(lines).wrap(Wrap { trim: false });
    app.insights()
        .set_max_scroll(total.saturating_sub(inner.height));
    frame.render_widget(p.block(block).scroll((app.insights().scroll(), 0)), area);
}

/// Draws the chosen community's insights.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(i) = app.insights().community.as_ref() else {
        frame.render_widget(
            Paragraph::new("No insights open.").block(panel("Insights", false, theme)),
            area,
        );
        return;
    };
    let [charts, body] = Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(area);
    let [att, bal, act] = Layout::horizontal([
        Constraint::Fill(2),
        Constraint::Fill(2),
        Constraint::Length(26),
    ])
    .areas(charts);
    // A line reads a rate over time better than bars: one point a meeting, oldest left.
    let rates = i.attendance();
    let points: Vec<(f64, f64)> = rates
        .iter()
        .enumerate()
        .map(|(x, r)| (x as f64, r * 100.0))
        .collect();
    frame.render_widget(attendance_chart(&points, &rates, theme), att);
    let gini: Vec<Option<u64>> = i
        .facts
        .iter()
        .map(|f| {
            (!f.participation.total.is_zero()).then(|| (f.balance().gini * 100.0).round() as u64)
        })
        .collect();
    frame.render_widget(
        sparkline(&gini, "Airtime Gini (low = even)".into(), theme),
        bal,
    );
    let a = i.actions;
    let bars = [
        ("done", u64::from(a.done)),
        ("open", u64::from(a.open)),
        ("late", u64::from(a.overdue)),
        ("drop", u64::from(a.dropped)),
    ];
    frame.render_widget(
        BarChart::default()
            .data(&bars)
            .bar_width(4)
            .bar_gap(1)
            .bar_style(theme.accent())
            .block(panel("Actions", false, theme)),
        act,
    );
    let title = format!("Insights — {}", one_line(&i.community.info.name));
    scrolled(
        frame,
        body,
        lines(i, app.dates(), theme),
        &title,
        app,
        theme,
    );
}

/// Attendance per meeting as a line, 0–100 %; the title says the latest rate and the
/// trend in words, so it reads without colour or the line.
fn attendance_chart<'a>(points: &'a [(f64, f64)], rates: &[f64], theme: &Theme) -> Chart<'a> {
    let title = match rates.last() {
        Some(r) => format!("Attendance {} {}", percent(*r), trend(rates).label()),
        None => "Attendance: no meetings".into(),
    };
    let line = Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.accent())
        .data(points);
    let last = points.len().saturating_sub(1).max(1) as f64;
    Chart::new(vec![line])
        .block(panel(title, false, theme))
        .x_axis(Axis::default().bounds([0.0, last]))
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(["0", "50", "100"])
                .style(theme.dim()),
        )
}

fn day(dates: &Dates, f: &MeetingFacts) -> String {
    dates.date(local_day(f))
}

/// The insights as text lines (also what the report's sections say).
fn lines<'a>(i: &'a CommunityInsights, dates: &Dates, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    out.push(Line::styled(one_line(&i.least_heard_line()), theme.title()));
    // Cadence.
    let fit = i.cadence();
    let planned = match (&i.community.info.cadence, fit.rhythm_days) {
        (Some(c), Some(d)) => format!("planned {c} (every {d} days)"),
        (None, Some(d)) => format!("ad hoc; usually every {d} days"),
        (_, None) => "too few meetings to tell".into(),
    };
    let regular = fit.regularity().map_or(String::new(), |r| {
        format!(" · {} of intervals on rhythm", percent(r))
    });
    out.push(field_line("Cadence", &format!("{planned}{regular}"), theme));
    if fit.gaps.is_empty() && fit.rhythm_days.is_some() {
        out.push(Line::styled("  ✓ no gaps", theme.ok()));
    }
    for g in &fit.gaps {
        let text = if g.open {
            format!(
                "  ⚠ gap: no meeting since {} ({} days, {} missed)",
                dates.date(g.after),
                g.days,
                g.missed
            )
        } else {
            format!(
                "  ⚠ gap: {} → {} ({} days, {} missed)",
                dates.date(g.after),
                dates.date(g.until),
                g.days,
                g.missed
            )
        };
        out.push(Line::styled(text, theme.warning()));
    }
    // Attendance and balance.
    let att = i.attendance();
    let avg = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    out.push(field_line(
        "Attendance",
        &format!(
            "{} on average over {} meetings · {}",
            percent(avg(&att)),
            att.len(),
            trend(&att).label()
        ),
        theme,
    ));
    let spoken: Vec<&MeetingFacts> = i
        .facts
        .iter()
        .filter(|f| !f.participation.total.is_zero())
        .collect();
    let ginis: Vec<f64> = spoken.iter().map(|f| f.balance().gini).collect();
    let dominated = spoken.iter().filter(|f| f.balance().dominated).count();
    out.push(field_line(
        "Balance",
        &format!(
            "Gini {:.2} on average · {} · ▲ {dominated} of {} meetings dominated by one voice",
            avg(&ginis),
            trend(&ginis).label(),
            spoken.len()
        ),
        theme,
    ));
    // The date column is as wide as the settings' date format makes it.
    let date_w = i
        .facts
        .iter()
        .rev()
        .take(TABLE)
        .map(|f| day(dates, f).chars().count())
        .max()
        .unwrap_or(0)
        .max(4)
        + 1;
    out.push(Line::styled(
        format!(
            "  {:<date_w$} {:<22} {:>7} {:>5} {:>9}",
            "Date", "Meeting", "Present", "Gini", "Top voice"
        ),
        theme.label(),
    ));
    for f in i.facts.iter().rev().take(TABLE) {
        let b = f.balance();
        let top = b.top.map_or("—".to_string(), |m| {
            format!("{} {}", one_line(i.name(m)), percent(b.top_share))
        });
        let row = format!(
            "  {:<date_w$} {:<22} {:>3}/{:<3} {:>5.2} {}",
            day(dates, f),
            truncate(&one_line(&f.title), 22),
            f.present(),
            f.expected,
            b.gini,
            top
        );
        let mut spans = vec![Span::raw(row)];
        if b.dominated {
            spans.push(Span::styled(format!("  {}", b.flag()), theme.warning()));
        }
        out.push(Line::from(spans));
    }
    // Actions, cycles, goals, icebreakers.
    let a = i.actions;
    let completion = a.completion().map_or("no actions yet".to_string(), |c| {
        format!("{} done", percent(c))
    });
    let overdue = if a.overdue > 0 {
        format!(" · ⚠ {} overdue", a.overdue)
    } else {
        String::new()
    };
    out.push(field_line(
        "Actions",
        &format!(
            "{completion} ({} of {}) · {} open{overdue} · {} dropped",
            a.done,
            a.done + a.open,
            a.open,
            a.dropped
        ),
        theme,
    ));
    let closed: Vec<_> = i.cycles.iter().filter(|c| !c.is_open()).collect();
    let days: Vec<i64> = closed
        .iter()
        .filter_map(|c| c.ended_on.map(|e| (e - c.started_on).num_days()))
        .collect();
    let per = if days.is_empty() {
        String::new()
    } else {
        format!(
            " · {} days per cycle on average",
            days.iter().sum::<i64>() / days.len() as i64
        )
    };
    out.push(field_line(
        "Cycles",
        &format!("{} closed{per}", closed.len()),
        theme,
    ));
    for c in &i.cycles {
        out.push(Line::from(format!(
            "  {} — {}{}",
            one_line(&c.name()),
            c.phase.label(),
            if c.outcome.is_empty() {
                String::new()
            } else {
                format!(": {}", one_line(&c.outcome))
            }
        )));
    }
    out.push(Line::styled("Goals", theme.label()));
    for g in i.goals.iter().filter(|g| !g.archived) {
        let p = i.progress.get(&g.id);
        let verdict = p.and_then(|p| p.latest).map_or(String::new(), |(n, v)| {
            format!(" · cycle {n}: {}", v.label())
        });
        let cycles = p.map_or(0, |p| p.cycles.len());
        out.push(Line::from(format!(
            "  {} — {}{verdict} · {cycles} cycles",
            one_line(&g.info.title),
            g.info.status.as_str()
        )));
    }
    let used = if i.icebreakers.is_empty() {
        "none yet".to_string()
    } else {
        i.icebreakers
            .iter()
            .map(|u| format!("{} ×{}", one_line(&u.title), u.times))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    out.push(field_line("Icebreakers used", &used, theme));
    out
}

/// At most `n` characters, with an ellipsis when cut.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
