//! Community insights: attendance over time (a line chart, ratatui's `Chart`, the latest
//! meeting's rate and the trend in words), airtime balance over time (a bar chart of the
//! Gini on a fixed scale, each figure written under its bar), action completion (a bar
//! chart), cadence with its gaps, dominated meetings, cycles, goals and icebreakers.
//! Every flag is a symbol and a word, so it reads without colour.

use super::Theme;
use super::chrome::truncate;
use super::widgets::{field_line, pad, panel};
use crate::app::insights::{judges_cadence, local_day, trend_words};
use crate::app::{App, CommunityInsights};
use crate::domain::insights::{BalanceSummary, MeetingFacts, least_heard_rule, percent};
use crate::domain::text::{count, one_line};
use crate::settings::Dates;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Chart, Dataset, GraphType, Paragraph, Sparkline, Wrap,
};
use unicode_width::UnicodeWidthStr;

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
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Length(ACTIONS_WIDTH),
    ])
    .areas(charts);
    // A line reads a rate over time better than bars: one point a meeting, oldest left.
    let rates = i.attendance();
    let points: Vec<(f64, f64)> = rates
        .iter()
        .enumerate()
        .map(|(x, r)| (x as f64, r * 100.0))
        .collect();
    frame.render_widget(attendance_chart(&points, &rates, att.width, theme), att);
    balance_chart(frame, bal, &i.facts, theme);
    // Three bars that add up to the title's total (overdue is part of open: the text
    // below says how many).
    let a = i.actions;
    let bars = [
        ("done", u64::from(a.done)),
        ("open", u64::from(a.open)),
        ("drop", u64::from(a.dropped)),
    ];
    frame.render_widget(
        BarChart::default()
            .data(&bars)
            .bar_width(BAR_WIDTH)
            .bar_gap(1)
            .bar_style(theme.accent())
            .block(panel(format!("Actions {}", a.total()), false, theme)),
        act,
    );
    let title = format!("Insights — {}", one_line(&i.community.info.name));
    let width = usize::from(panel("", true, theme).inner(body).width);
    scrolled(
        frame,
        body,
        lines(i, app.dates(), width, theme),
        &title,
        app,
        theme,
    );
}

/// A bar as wide as a Gini written under it with its flag (`▲.31`).
const BAR_WIDTH: u16 = 4;

/// The actions chart: three bars and its borders.
const ACTIONS_WIDTH: u16 = 3 * (BAR_WIDTH + 1) - 1 + 4;

/// The Gini a full bar stands for: a meeting this uneven or worse fills it (Gini's whole
/// range would leave every real meeting a sliver).
const GINI_FULL: f64 = 0.5;

/// The first of `titles` that fits a panel `width` columns wide (else the last).
fn fitting(titles: Vec<String>, width: u16) -> String {
    let room = usize::from(width).saturating_sub(4);
    let last = titles.last().cloned().unwrap_or_default();
    (titles.into_iter())
        .find(|t| t.width() <= room)
        .unwrap_or(last)
}

/// Airtime balance per meeting, as many of the latest as fit: a bar a meeting on a fixed
/// scale (empty is even, full is [`GINI_FULL`] or worse) with its Gini written under it
/// (`▲` before it for a meeting dominated by one voice; `–` where nobody spoke; `<3m`,
/// too short to judge, under three minutes of talk).
fn balance_chart(frame: &mut Frame, area: Rect, facts: &[MeetingFacts], theme: &Theme) {
    let inner = usize::from(area.width.saturating_sub(4));
    let n = (inner + 1) / usize::from(BAR_WIDTH + 1);
    let shown = &facts[facts.len().saturating_sub(n)..];
    let bars: Vec<Bar> = shown
        .iter()
        .map(|f| {
            if f.participation.total.is_zero() {
                return Bar::default().label(Line::from("–"));
            }
            let b = f.balance();
            if b.too_short {
                // Under three minutes of talk: no balance to judge.
                return Bar::default().label(Line::from("<3m"));
            }
            let gini = format!("{:.2}", b.gini);
            let gini = gini.trim_start_matches('0');
            let bar = Bar::default()
                .value((b.gini / GINI_FULL * 1000.0).round() as u64)
                // The figure goes under the bar, not in it.
                .text_value(String::new());
            if b.dominated {
                bar.label(Line::from(format!("▲{gini}")))
                    .style(theme.warning())
            } else {
                bar.label(Line::from(gini.to_string()))
            }
        })
        .collect();
    let title = fitting(
        vec![
            format!(
                "Airtime Gini, last {} · 0 = even, full bar ≥ {GINI_FULL}, ▲ dominated, <3m too short",
                count(shown.len(), "meeting", "meetings")
            ),
            format!("Airtime Gini, last {} · 0 = even", shown.len()),
            format!("Gini, last {} · 0 = even", shown.len()),
        ],
        area.width,
    );
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .max(1000)
            .bar_width(BAR_WIDTH)
            .bar_gap(1)
            .bar_style(theme.accent())
            .block(panel(title, false, theme)),
        area,
    );
}

/// Attendance per meeting as a line, 0–100 %; the title says the latest meeting's rate
/// (and the trend in words, where it fits: the text below says it too), so it reads
/// without colour or the line.
fn attendance_chart<'a>(
    points: &'a [(f64, f64)],
    rates: &[f64],
    width: u16,
    theme: &Theme,
) -> Chart<'a> {
    let title = match rates.last() {
        Some(r) => fitting(
            vec![
                format!(
                    "Attendance per meeting · latest {} · {}",
                    percent(*r),
                    trend_words(rates)
                ),
                format!("Attendance · latest {}", percent(*r)),
            ],
            width,
        ),
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

/// No gap, but intervals off the rhythm: what they are instead of a ✓ (r9 trial F30:
/// "✓ no gaps" for three meetings on one day). `None`: every interval on rhythm.
fn no_gaps(fit: &crate::domain::insights::CadenceFit, rhythm: i64) -> Option<String> {
    let n = fit.judged_intervals();
    let off = n.saturating_sub(fit.on_rhythm);
    if off == 0 {
        return None;
    }
    let span: i64 = fit.intervals.iter().sum();
    let closer = fit.intervals.iter().all(|d| *d < rhythm);
    Some(match (closer, span) {
        (true, 0) => format!(
            "  · no gaps, but closer than the rhythm: {} meetings on one day",
            fit.meetings
        ),
        (true, d) => format!(
            "  · no gaps, but closer than the rhythm: {} meetings within {} days",
            fit.meetings,
            d + 1
        ),
        (false, _) => format!("  · no gaps, but {off} of {n} intervals off the rhythm"),
    })
}

fn day(dates: &Dates, f: &MeetingFacts) -> String {
    dates.date(local_day(f))
}

/// The insights as text lines, `width` columns wide (the table and the wrapped lists are
/// laid out here; the rest wraps in the paragraph).
fn lines<'a>(
    i: &'a CommunityInsights,
    dates: &Dates,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    out.push(Line::styled(one_line(&i.least_heard_line()), theme.title()));
    entry(&mut out, width, format!("  {}", least_heard_rule()));
    // Cadence.
    let fit = i.cadence();
    out.push(field_line(
        "Cadence",
        &i.cadence_line(&fit, &|d| dates.date(d)),
        theme,
    ));
    if fit.gaps.is_empty()
        && let Some(rhythm) = fit.rhythm_days
        && judges_cadence(&fit)
    {
        out.push(match no_gaps(&fit, rhythm) {
            None => Line::styled("  ✓ no gaps", theme.ok()),
            Some(text) => Line::raw(text),
        });
    }
    for g in &fit.gaps {
        let text = if g.open {
            format!(
                "  ⚠ gap: no meeting since {} ({}, {} missed)",
                dates.date(g.after),
                count(g.days as usize, "day", "days"),
                g.missed
            )
        } else {
            format!(
                "  ⚠ gap: {} → {} ({}, {} missed)",
                dates.date(g.after),
                dates.date(g.until),
                count(g.days as usize, "day", "days"),
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
            "average {} over {} · {}",
            percent(avg(&att)),
            count(att.len(), "meeting", "meetings"),
            trend_words(&att)
        ),
        theme,
    ));
    let balance = BalanceSummary::of(&i.facts);
    out.push(field_line("Balance", &balance.line(), theme));
    table(&mut out, i, dates, width, theme);
    // Actions, cycles, goals, icebreakers.
    let a = i.actions;
    let completion = a
        .completion_line()
        .map_or(String::new(), |c| format!(" · {c}"));
    out.push(field_line(
        "Actions (all time)",
        &format!("{}{completion}", a.summary()),
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
        let mean = days.iter().sum::<i64>() / days.len() as i64;
        format!(
            " · {} per cycle on average",
            count(mean.max(0) as usize, "day", "days")
        )
    };
    out.push(field_line(
        "Cycles",
        &format!("{} closed{per}", closed.len()),
        theme,
    ));
    for c in &i.cycles {
        entry(
            &mut out,
            width,
            format!(
                "  {} — {}{}",
                one_line(&c.name()),
                c.phase.label(),
                if c.outcome.is_empty() {
                    String::new()
                } else {
                    format!(": {}", one_line(&c.outcome))
                }
            ),
        );
    }
    out.push(Line::styled("Goals", theme.label()));
    for g in i.goals.iter().filter(|g| !g.archived) {
        let p = i.progress.get(&g.id);
        let verdict = p.and_then(|p| p.latest).map_or(String::new(), |(n, v)| {
            format!(" · cycle {n}: {}", v.label())
        });
        let cycles = p.map_or(0, |p| p.cycles.len());
        entry(
            &mut out,
            width,
            format!(
                "  {} — {}{verdict} · {}",
                one_line(&g.info.title),
                g.info.status.as_str(),
                count(cycles, "cycle", "cycles")
            ),
        );
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

/// The latest meetings' balance, newest first: the Meeting column takes the room the
/// others leave (up to its longest title).
fn table(
    out: &mut Vec<Line<'_>>,
    i: &CommunityInsights,
    dates: &Dates,
    width: usize,
    theme: &Theme,
) {
    let rows: Vec<(&MeetingFacts, String, String)> = (i.facts.iter().rev().take(TABLE))
        .map(|f| {
            let b = f.balance();
            let top = b.top.map_or("—".to_string(), |m| {
                format!("{} {}", one_line(i.name(m)), percent(b.top_share))
            });
            let flag = if b.flag().is_empty() {
                String::new()
            } else {
                format!("  {}", b.flag())
            };
            (f, top, flag)
        })
        .collect();
    // The date column is as wide as the settings' date format makes it.
    let date_w = (rows.iter())
        .map(|(f, _, _)| day(dates, f).width())
        .max()
        .unwrap_or(0)
        .max(4)
        + 1;
    let top_w = (rows.iter())
        .map(|(_, top, flag)| top.width() + flag.width())
        .max()
        .unwrap_or(0)
        .max("Top voice".len());
    let longest = (rows.iter())
        .map(|(f, _, _)| one_line(&f.title).width())
        .max()
        .unwrap_or(0)
        .max("Meeting".len());
    // Two spaces, the date, and a space before each of the other four columns.
    let others = 2 + date_w + 1 + 7 + 1 + 5 + 1 + top_w + 1;
    let meeting_w = longest.min(width.saturating_sub(others)).max(MEETING_MIN);
    out.push(Line::styled(
        format!(
            "  {} {} {:>7} {:>5} Top voice",
            pad("Date", date_w),
            pad("Meeting", meeting_w),
            "Present",
            "Gini",
        ),
        theme.label(),
    ));
    for (f, top, flag) in rows {
        // Nobody spoke: no balance to speak of ("–", as in the chart), not an even 0.00.
        let gini = if f.participation.total.is_zero() {
            "–".to_string()
        } else {
            format!("{:.2}", f.balance().gini)
        };
        let row = format!(
            "  {} {} {:>3}/{:<3} {gini:>5} {top}",
            pad(&day(dates, f), date_w),
            pad(&truncate(&one_line(&f.title), meeting_w), meeting_w),
            f.present(),
            f.expected,
        );
        let mut spans = vec![Span::raw(row)];
        if !flag.is_empty() {
            spans.push(Span::styled(flag, theme.warning()));
        }
        out.push(Line::from(spans));
    }
}

/// A list entry wrapped to `width`, going on under its own first line, not at the margin.
fn entry(out: &mut Vec<Line<'_>>, width: usize, text: String) {
    out.extend(
        super::meeting_view::wrap(&text, width, 4)
            .into_iter()
            .map(Line::from),
    );
}

/// The Meeting column's least width, however narrow the screen.
const MEETING_MIN: usize = 12;
