//! The live meeting: what is happening now (item, timer, speaker), who is next, the
//! leader's cue card, participation, and the notes; plus the attendance check and the
//! note and vote overlays.

use super::Theme;
use super::widgets::{empty_state, panel};
use crate::app::App;
use crate::domain::live::LiveMeeting;
use crate::domain::rounds::{self, TurnState};
use crate::domain::text::one_line;
use crate::domain::timer::{Countdown, clock};
use crate::settings::Dates;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Longest part of a note shown in the list; the whole note is in the minutes.
const NOTE_PREVIEW: usize = 300;

fn timer_spans<'a>(c: &Countdown, theme: &Theme) -> Vec<Span<'a>> {
    match c.overrun() {
        Some(over) => vec![
            Span::styled(
                format!("{} / {}", clock(c.elapsed), clock(c.limit)),
                theme.error(),
            ),
            Span::styled(format!("  ⚠ OVER +{}", clock(over)), theme.error()),
        ],
        None => vec![
            Span::raw(format!("{} / {}", clock(c.elapsed), clock(c.limit))),
            Span::styled(format!("  {} left", clock(c.remaining())), theme.ok()),
        ],
    }
}

fn gauge<'a>(c: &Countdown, width: u16, theme: &Theme) -> Line<'a> {
    let style = if c.overrun().is_some() {
        theme.error()
    } else {
        theme.ok()
    };
    super::widgets::bar(c.ratio(), width as usize, style, theme)
}

/// Draws the live screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let Some(l) = &app.live().meeting else {
        let text = empty_state(
            &[
                "No meeting is live.",
                "",
                "On Meetings, select a planned one and press s.",
            ],
            theme,
        );
        frame.render_widget(
            Paragraph::new(text)
                .centered()
                .block(panel("Live", false, theme)),
            area,
        );
        return;
    };
    // A meeting shown while the leader's app is away (`render live` after a crash) has
    // its clocks stopped where the app left them, as the resume will count them.
    let away = app.live().leader_away_since(app.now());
    let now = away.unwrap_or_else(|| app.now());
    // Prompts in full (`v`) take the notes' rows too.
    let full = app.live().prompts_full()
        && l.current_item()
            .is_some_and(|i| !super::live_prompts::prompts(l, i).is_empty());
    // A cycle item's board, commitments or reflection, or the working agreements,
    // take the notes' place, with more rows (live-cycle).
    let cycle_panel = super::live_cycle::shown(app, l);
    let notes_h = if full {
        0
    } else if cycle_panel {
        super::live_cycle::height(app, l, area)
    } else {
        (area.height / 4).clamp(4, 12)
    };
    let [head, main, notes_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(notes_h),
    ])
    .areas(area);
    draw_header(frame, head, l, (app.now(), away), app.dates(), theme);
    // The Voices panel grows with the terminal, up to room for long names and bars.
    let right_w = (main.width * 2 / 5).clamp(28, 72);
    let [left, right] = super::widgets::beside(
        main,
        Constraint::Fill(1),
        Constraint::Length(right_w),
        theme,
    );
    draw_left(frame, left, app, l, now, theme);
    draw_participation(frame, right, l, now, theme);
    if !full && cycle_panel {
        super::live_cycle::draw(frame, notes_area, app, l, theme);
    } else if !full {
        // A cycle item in a meeting with no cycle keeps its notes, and says how to open one.
        let hint = super::live_cycle::no_cycle_hint(app, l);
        draw_notes(frame, notes_area, l, hint, app.dates(), theme);
    }
}

/// Left column: what is happening now, the item's prompts and the speaker's cue card.
/// Tall enough, all three show; short, the prompts share the cue card's panel (the
/// cue card while someone speaks) and `v` shows them over the whole column.
fn draw_left(
    frame: &mut Frame,
    left: Rect,
    app: &App,
    l: &LiveMeeting,
    now: DateTime<Utc>,
    theme: &Theme,
) {
    // The action review (issue 9): the open actions, owner by owner, under what is
    // happening now.
    if super::live_review::is_on(l) {
        let [now_area, review_area] = super::live_review::split(left);
        draw_now(frame, now_area, l, now, theme);
        super::live_review::draw(frame, review_area, l, now, theme);
        return;
    }
    let item = l
        .current_item()
        .filter(|i| !super::live_prompts::prompts(l, i).is_empty());
    let Some(item) = item else {
        let [now_area, cue_area] =
            Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(left);
        draw_now(frame, now_area, l, now, theme);
        draw_cue(frame, cue_area, l, app.dates(), app.today(), theme);
        return;
    };
    let title = format!("Prompts · {}", one_line(&item.item.info.title));
    if app.live().prompts_full() {
        let [now_area, prompt_area] =
            Layout::vertical([Constraint::Length(6), Constraint::Fill(1)]).areas(left);
        draw_now(frame, now_area, l, now, theme);
        let title = format!("Prompts · v: back · {}", one_line(&item.item.info.title));
        super::live_prompts::draw(
            frame,
            prompt_area,
            l,
            item,
            &title,
            "a wider window shows them",
            theme,
        );
        return;
    }
    // Room for the prompts as well as a cue card (its four lines and the open actions).
    const TALL: u16 = 24;
    if left.height >= TALL {
        let inner_w = left.width.saturating_sub(4) as usize;
        let wanted = super::live_prompts::prompt_lines(l, item, inner_w, theme).len() as u16 + 2;
        let [now_area, prompt_area, cue_area] = Layout::vertical([
            Constraint::Fill(3),
            Constraint::Length(wanted.min(left.height / 3)),
            Constraint::Fill(2),
        ])
        .areas(left);
        draw_now(frame, now_area, l, now, theme);
        super::live_prompts::draw(frame, prompt_area, l, item, &title, "v shows all", theme);
        draw_cue(frame, cue_area, l, app.dates(), app.today(), theme);
        return;
    }
    let [now_area, low] = Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(left);
    draw_now(frame, now_area, l, now, theme);
    if l.speaker().is_some() {
        draw_cue(frame, low, l, app.dates(), app.today(), theme);
    } else {
        super::live_prompts::draw(frame, low, l, item, &title, "v shows all", theme);
    }
}

/// The header: `wall` is the time of day, and since when the leader's app is away (the
/// clocks stopped then), for a meeting shown but not run here.
fn draw_header(
    frame: &mut Frame,
    area: Rect,
    l: &LiveMeeting,
    (wall, away): (DateTime<Utc>, Option<DateTime<Utc>>),
    dates: &Dates,
    theme: &Theme,
) {
    let now = away.unwrap_or(wall);
    let mc = l.meeting_countdown(now);
    let mut spans = match away {
        Some(since) => vec![Span::styled(
            format!(" ⏸ waiting for the leader since {} ", dates.time(since)),
            theme.error(),
        )],
        None if l.is_paused() => vec![Span::styled(" ⏸ PAUSED ", theme.error())],
        None => vec![Span::styled(" ● LIVE ", theme.accent())],
    };
    // Clock and timer first: the title is the part that may be cut at the right. While
    // the leader is away the header already says since when; the wall clock beside it
    // would read as a second "since" (review r9).
    if away.is_none() {
        spans.push(Span::raw(format!("{}  ", dates.time(wall))));
    } else {
        spans.push(Span::raw(" "));
    }
    spans.extend(timer_spans(&mc, theme));
    // Time the app was away (all crashes together), which no clock counts: said in
    // full where the title keeps at least its first columns after it, shorter or not
    // at all where it would not (the title is cut, not lost).
    const TITLE_KEPT: usize = 8;
    let down = l.downtime(now);
    let title = one_line(&l.meeting.title);
    let room = usize::from(area.width).saturating_sub(Line::from(spans.clone()).width());
    let said = if down.is_zero() {
        Vec::new()
    } else {
        let d = clock(down);
        vec![format!(" · {d} away, not counted"), format!(" · {d} away")]
    };
    let kept = 2 + title.width().min(TITLE_KEPT);
    let away = (said.into_iter())
        .find(|a| a.width() + kept <= room)
        .unwrap_or_default();
    if !away.is_empty() {
        spans.push(Span::styled(away.clone(), theme.dim()));
    }
    let left = room.saturating_sub(away.width() + 2);
    spans.push(Span::styled(
        format!("  {}", super::chrome::truncate(&title, left)),
        theme.title(),
    ));
    frame.render_widget(Line::from(spans), area);
}

fn draw_now(frame: &mut Frame, area: Rect, l: &LiveMeeting, now: DateTime<Utc>, theme: &Theme) {
    let Some(idx) = l.current_index() else {
        frame.render_widget(
            Paragraph::new("The agenda is empty: E ends the meeting.")
                .block(panel("Now", true, theme)),
            area,
        );
        return;
    };
    let item = &l.items[idx];
    let title = format!(
        "Now {}/{} · {} · {}",
        idx + 1,
        l.items.len(),
        item.item.info.kind.label(),
        one_line(&item.item.info.title)
    );
    let block = panel(title, true, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let ic = l.item_countdown(item, now);
    let [timer_line, gauge_area, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let mut t = vec![Span::raw("Item ")];
    t.extend(timer_spans(&ic, theme));
    frame.render_widget(Line::from(t), timer_line);
    frame.render_widget(gauge(&ic, gauge_area.width, theme), gauge_area);

    // Each line with its rank: who has the floor and their clock (0) must show at the
    // smallest size; then the round (1), what is next (2), the rest (3).
    let mut lines: Vec<(u8, Line)> = Vec::new();
    match l.items.get(idx + 1) {
        Some(next) => lines.push((
            2,
            Line::from(vec![
                Span::styled("Next: ", theme.label()),
                Span::raw(format!(
                    "{} ({} min)",
                    one_line(&next.item.info.title),
                    next.item.info.minutes
                )),
            ]),
        )),
        None => lines.push((
            2,
            Line::styled("Last item — E ends the meeting", theme.dim()),
        )),
    }
    if let Some((_, ice)) = &item.item.icebreaker {
        lines.push((
            3,
            Line::from(vec![
                Span::styled("Icebreaker: ", theme.label()),
                Span::raw(one_line(ice)),
            ]),
        ));
    }
    let turns = l.round_turns(item.item.id);
    if let Some(f) = l.floor_speaker() {
        let mut spans = vec![
            Span::styled(
                format!("▶ {} has the floor  ", one_line(l.name(f.member))),
                theme.accent(),
            ),
            Span::raw(clock(l.floor_elapsed(f, now))),
        ];
        // The hint only where it fits on the line.
        let hint = "  t changes";
        if Line::from(spans.clone()).width() + hint.len() <= rest.width as usize {
            spans.push(Span::styled(hint, theme.dim()));
        }
        lines.push((0, Line::from(spans)));
    }
    if turns.is_empty() {
        if item.item.info.kind.takes_turns() {
            lines.push((
                1,
                Line::styled("Space starts a round of turns", theme.dim()),
            ));
        } else if l.floor_speaker().is_none() {
            lines.push((
                1,
                Line::styled(
                    "Open floor — t/Space: who is talking · r: a round",
                    theme.dim(),
                ),
            ));
        }
    } else {
        let (spoke, people) = rounds::progress(&turns);
        // The order this round was taken in; a round stored without one shows the item's.
        let order = turns
            .iter()
            .find_map(|t| t.order)
            .or(item.item.turns.order)
            .map_or("", |o| o.label());
        lines.push((
            1,
            Line::styled(
                format!(
                    "Round {} · {order} · {spoke}/{} done",
                    l.round_number(item.item.id),
                    people
                ),
                theme.label(),
            ),
        ));
        match rounds::speaking(&turns) {
            Some(t) => {
                let tc = l.turn_countdown(item, t, now);
                let mut s = vec![Span::styled(
                    format!("▶ {}  ", one_line(l.name(t.member))),
                    theme.accent(),
                )];
                s.extend(timer_spans(&tc, theme));
                lines.push((0, Line::from(s)));
            }
            None => lines.push((
                1,
                Line::styled(
                    "✓ Round complete — r for another round, ] next item",
                    theme.ok(),
                ),
            )),
        }
        let waiting: Vec<String> = {
            let mut w: Vec<&rounds::Turn> = turns
                .iter()
                .filter(|t| t.state == TurnState::Waiting)
                .collect();
            w.sort_by_key(|t| (t.hand_raised_at.is_none(), t.hand_raised_at, t.position));
            // Someone offered the floor again after passing says so.
            let passed = |t: &&rounds::Turn| {
                turns
                    .iter()
                    .any(|x| x.member == t.member && x.state == TurnState::Passed)
            };
            w.iter()
                .map(|t| {
                    format!(
                        "{}{}{}",
                        if t.hand_raised_at.is_some() {
                            "✋"
                        } else {
                            ""
                        },
                        one_line(l.name(t.member)),
                        if passed(t) { " (passed)" } else { "" }
                    )
                })
                .collect()
        };
        if !waiting.is_empty() {
            lines.push((
                3,
                Line::from(vec![
                    Span::styled("Not yet spoken: ", theme.label()),
                    Span::raw(waiting.join(", ")),
                ]),
            ));
        }
        let passed: Vec<String> = turns
            .iter()
            .filter(|t| t.state == TurnState::Passed)
            .map(|t| one_line(l.name(t.member)))
            .collect();
        if !passed.is_empty() {
            lines.push((
                3,
                Line::from(vec![
                    Span::styled("Passed: ", theme.label()),
                    Span::raw(passed.join(", ")),
                ]),
            ));
        }
    }
    if let Some(c) = l
        .consents
        .iter()
        .rev()
        .find(|c| c.agenda_item_id == Some(item.item.id))
    {
        lines.push((
            3,
            Line::from(vec![
                Span::styled("Consent: ", theme.label()),
                Span::raw(format!("{} — {}", one_line(&c.topic), c.result.summary())),
            ]),
        ));
    }
    frame.render_widget(fit_now(lines, rest.width, rest.height), rest);
}

/// The Now panel's lines in `width` × `height`: wrapped when they all fit; else one
/// row each, cut with "…", the lowest-ranked left out first (the last other line shown
/// then ends with "…"), so who has the floor and their clock always show.
fn fit_now(mut lines: Vec<(u8, Line<'_>)>, width: u16, height: u16) -> Paragraph<'static> {
    let (w, h) = (usize::from(width), usize::from(height));
    let text = |l: &Line| {
        l.spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>()
    };
    let rows: usize = (lines.iter())
        .map(|(_, l)| super::meeting_view::wrap(&text(l), w, 0).len().max(1))
        .sum();
    if rows <= h {
        let owned: Vec<Line<'static>> = lines
            .into_iter()
            .map(|(_, l)| super::widgets::fit_line(l, usize::MAX))
            .collect();
        return Paragraph::new(owned).wrap(Wrap { trim: true });
    }
    let mut dropped = false;
    while lines.len() > h {
        let Some(worst) = lines.iter().map(|(r, _)| *r).max() else {
            break;
        };
        if let Some(i) = lines.iter().rposition(|(r, _)| *r == worst) {
            lines.remove(i);
            dropped = true;
        }
    }
    // "…" goes on the last line that is not who has the floor (their clock stays whole).
    let mark = lines.iter().rposition(|(r, _)| *r > 0).filter(|_| dropped);
    let out: Vec<Line<'static>> = lines
        .into_iter()
        .enumerate()
        .map(|(i, (_, l))| {
            // A line cut at the edge already ends with "…".
            if mark == Some(i) && l.width() + 2 <= w {
                let mut l = super::widgets::fit_line(l, w);
                l.spans.push(Span::raw(" …"));
                l
            } else {
                super::widgets::fit_line(l, w)
            }
        })
        .collect();
    Paragraph::new(out)
}

/// The speaker's cue card; an open action due before `today` says "⚠ overdue".
fn draw_cue(
    frame: &mut Frame,
    area: Rect,
    l: &LiveMeeting,
    dates: &Dates,
    today: NaiveDate,
    theme: &Theme,
) {
    let Some(speaker) = l.speaker() else {
        let lines = vec![Line::styled(
            "The cue card shows the speaker's learning style, hopes, strengths and open actions.",
            theme.dim(),
        )];
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(panel("Cue card", false, theme)),
            area,
        );
        return;
    };
    let Some(a) = l.attendance.iter().find(|a| a.member.id == speaker) else {
        return;
    };
    let p = &a.member.profile;
    let dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            one_line(s)
        }
    };
    let mut lines = Vec::new();
    if a.member.is_new {
        lines.push(Line::styled(
            "NEW member — i captures what they bring and hope to get",
            theme.accent(),
        ));
    }
    if a.guest {
        lines.push(Line::styled("Guest", theme.accent()));
    }
    for (label, value) in [
        ("Style", &p.learning_style),
        ("Hopes", &p.hopes),
        ("Strengths", &p.strengths),
        ("Growing in", &p.growth_areas),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), theme.label()),
            Span::raw(dash(value)),
        ]));
    }
    let actions: Vec<String> = l
        .open_actions
        .iter()
        .filter(|x| x.owner == Some(speaker))
        .map(|x| {
            format!(
                "{}{}",
                one_line(&x.title),
                x.due
                    .map(|d| match d < today {
                        true => format!(" (⚠ overdue, due {})", dates.date(d)),
                        false => format!(" (due {})", dates.date(d)),
                    })
                    .unwrap_or_default()
            )
        })
        .collect();
    let actions = if actions.is_empty() {
        "none".to_string()
    } else {
        actions.join("; ")
    };
    lines.push(Line::from(vec![
        Span::styled("Open actions: ", theme.label()),
        Span::raw(actions),
    ]));
    let title = format!("Cue card: {}", one_line(&p.name));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(panel(title, false, theme)),
        area,
    );
}

fn draw_participation(
    frame: &mut Frame,
    area: Rect,
    l: &LiveMeeting,
    now: DateTime<Utc>,
    theme: &Theme,
) {
    let p = l.participation(now);
    let block = panel("Voices", false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let name_w = (inner.width as usize / 3).clamp(12, 24);
    // Name, bar, then " m:ss" (6 columns); the bar takes what is left.
    let bar_w = (inner.width as usize).saturating_sub(name_w + 6).max(4);
    let mut lines: Vec<Line> = Vec::new();
    let dominant = p.dominant();
    let not_heard = p.not_heard();
    // Flags first: they are what the leader must act on.
    for m in &dominant {
        lines.push(Line::styled(
            format!("⚠ {} is over twice the fair share", one_line(l.name(*m))),
            theme.error(),
        ));
    }
    if !not_heard.is_empty() {
        let names: Vec<String> = not_heard.iter().map(|m| one_line(l.name(*m))).collect();
        // Two lines, three where the bars leave room; whoever does not fit is counted.
        let max_lines = if inner.height as usize >= p.rows.len() + 6 {
            3
        } else {
            2
        };
        for text in not_heard_lines(&names, inner.width as usize, max_lines) {
            lines.push(Line::styled(text, theme.accent()));
        }
    }
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    // Rows that fit under the flags, above the fair-share line.
    let w = (inner.width as usize).max(1);
    let used: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(w).max(1))
        .sum::<usize>()
        + 1;
    let room = (inner.height as usize).saturating_sub(used);
    let shown = if p.rows.len() > room {
        room.saturating_sub(1)
    } else {
        p.rows.len()
    };
    let fair = (p.fair_share * bar_w as f64).round() as usize;
    for r in p.rows.iter().take(shown) {
        let filled = (r.share * bar_w as f64).round() as usize;
        let mut bar: String = "█".repeat(filled.min(bar_w));
        bar.push_str(&"·".repeat(bar_w - filled.min(bar_w)));
        if fair < bar_w && filled <= fair {
            bar.replace_range(
                bar.char_indices().nth(fair).map_or(bar.len(), |(i, _)| i)
                    ..bar
                        .char_indices()
                        .nth(fair + 1)
                        .map_or(bar.len(), |(i, _)| i),
                "│",
            );
        }
        // Drawn plain (a screen reader), the share in words instead of a bar.
        if theme.is_plain() {
            bar = format!("{:.0}% of the time", r.share * 100.0);
        }
        let name: String = super::chrome::truncate(&one_line(l.name(r.member)), name_w - 1);
        let style = if r.dominant {
            theme.error()
        } else if r.turns == 0 {
            theme.dim()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(super::widgets::pad(&name, name_w), style),
            Span::styled(bar, style),
            Span::raw(format!(" {:>5}", clock(r.spoken))),
        ]));
    }
    if shown < p.rows.len() {
        lines.push(Line::styled(
            format!("… {} more not shown", p.rows.len() - shown),
            theme.accent(),
        ));
    }
    lines.push(Line::styled(
        format!(
            "{}fair share {:.0}% · {} here",
            if theme.is_plain() { "" } else { "│ " },
            p.fair_share * 100.0,
            p.rows.len()
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// "Not heard yet (n): A, B, …" in at most `max_lines` lines of `width` columns; names
/// that do not fit are counted ("+3 more"), never cut in the middle.
fn not_heard_lines(names: &[String], width: usize, max_lines: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut out = vec![format!("Not heard yet ({}):", names.len())];
    let mut i = 0;
    while i < names.len() {
        let left = names.len() - i - 1;
        let sep = if left > 0 { "," } else { "" };
        let entry = format!(" {}{sep}", names[i]);
        // On the last line, keep room to say how many are left after this one.
        let more = if left > 0 && out.len() >= max_lines {
            format!(" +{left} more").width()
        } else {
            0
        };
        let cur = out.last().map_or(0, |l| l.width());
        if cur + entry.width() + more <= width || cur == 0 {
            if let Some(l) = out.last_mut() {
                l.push_str(if cur == 0 { entry.trim_start() } else { &entry });
            }
            i += 1;
        } else if out.len() < max_lines {
            out.push(String::new());
        } else {
            if let Some(l) = out.last_mut() {
                l.push_str(&format!(" +{} more", names.len() - i));
            }
            break;
        }
    }
    out
}

fn draw_notes(
    frame: &mut Frame,
    area: Rect,
    l: &LiveMeeting,
    hint: Option<&str>,
    dates: &Dates,
    theme: &Theme,
) {
    let rows = (area.height.saturating_sub(2) as usize).saturating_sub(usize::from(hint.is_some()));
    let mut lines: Vec<Line> = l
        .notes
        .iter()
        .rev()
        .take(rows)
        .rev()
        .map(|n| {
            // An action names who does it (its owner), not whom it is about.
            let who = match n.action {
                Some((Some(owner), _)) => format!("for {}", one_line(l.name(owner))),
                Some((None, _)) => "⚠ no owner".to_string(),
                None => n
                    .member_id
                    .map_or("group".to_string(), |m| one_line(l.name(m))),
            };
            let body: String = one_line(&n.body.chars().take(NOTE_PREVIEW).collect::<String>());
            let mut spans = vec![
                Span::styled("✓ ", theme.ok()),
                Span::styled(format!("{} ", dates.time(n.created_at)), theme.dim()),
                Span::styled(format!("{} ", n.kind.as_str()), theme.label()),
                Span::styled(format!("{who}: "), theme.title()),
                Span::raw(body),
            ];
            if let Some((_, due)) = n.action {
                spans.push(Span::styled(
                    due.map(|d| format!(" (due {})", dates.date(d)))
                        .unwrap_or_default(),
                    theme.dim(),
                ));
            }
            Line::from(spans)
        })
        .collect();
    if let Some(hint) = hint {
        lines.insert(0, Line::styled(hint.to_string(), theme.accent()));
    }
    let title = format!("Notes ({}) — n writes, N edits", l.notes.len());
    frame.render_widget(
        Paragraph::new(lines).block(panel(title, false, theme)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::not_heard_lines;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn not_heard_names_everyone_or_counts_who_is_left() {
        let names: Vec<String> = [
            "Amara Okafor",
            "Daniel Kowalski",
            "Fiona Byrne",
            "Grace Lin",
            "Zoë 王",
            "Ben Carter",
            "Dmitri Ivanov",
            "Hannah Schmidt",
        ]
        .map(String::from)
        .to_vec();
        let lines = not_heard_lines(&names, 28, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 28), "{lines:?}");
        let text = lines.join(" ");
        let shown = names.iter().filter(|n| text.contains(n.as_str())).count();
        let more: usize = text
            .rsplit_once('+')
            .and_then(|(_, r)| r.split(' ').next()?.parse().ok())
            .unwrap_or(0);
        assert_eq!(shown + more, names.len(), "{lines:?}");
        assert!(more > 0);
        let wide = not_heard_lines(&names, 200, 2);
        assert_eq!(wide.len(), 1);
        assert!(names.iter().all(|n| wide[0].contains(n.as_str())) && !wide[0].contains('+'));
    }
}
