//! The Search screen: the query line with its filters on top, then the hits, best
//! first, two lines each: where it was said (day, meeting, community, speaker, kind) and
//! the snippet with the matched words underlined (from the store's marks, through
//! `marked_pieces`, so no mark or escape code reaches the terminal).

use super::Theme;
use super::chrome::truncate;
use super::widgets::{empty_state, filter_title_typed, fit_line, panel};
use crate::app::search::{CANDIDATES, Outcome, SearchHit, date_problem, split_dates};
use crate::app::{App, Command, Mode, Screen};
use crate::domain::search::marked_pieces;
use crate::domain::text::one_line;
use crate::settings::Dates;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};
use unicode_width::UnicodeWidthStr;

/// How to write a query, dates included: the empty screen and the help (`?`) say it.
pub(super) const QUERY_LINES: [&str; 4] = [
    "Words must all match; alar* is a prefix, \"fire alarm\" a phrase,",
    "OR / NOT between words. Dates are typed into the query, as in",
    "History: 2024, 2024-03, 2023-09..2024-06, or a month by name:",
    "march 2024, mar 2024 (the earlier date first in a range).",
];

/// Lines per hit in the list: where it was said, then the snippet.
pub(super) const HIT_HEIGHT: u16 = 2;

/// Where the query and the hits are drawn (the mouse's hit test uses the same function):
/// the filters take as many lines as [`filter_lines`] packs them into.
pub(super) fn areas(area: Rect, app: &App, theme: &Theme) -> [Rect; 2] {
    let room = panel("", true, theme).inner(area).width;
    let lines = filter_lines(app, theme, room).len() as u16;
    Layout::vertical([Constraint::Length(2 + lines), Constraint::Fill(1)]).areas(area)
}

/// Draws the Search screen.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let [top, hits] = areas(area, app, theme);
    draw_query(frame, top, app, theme);
    draw_hits(frame, hits, app, theme);
}

/// What the hits are narrowed by: community, member, kind and dates (typed in ISO,
/// shown as every other day on screen), each with the keys that change it, as many to a
/// line as `room` columns hold, never one cut across two lines; a name longer than a
/// line is shortened with `…`. Every filter is always shown, whatever the names and the
/// date format.
fn filter_lines<'a>(app: &App, theme: &Theme, room: u16) -> Vec<Line<'a>> {
    let s = app.search();
    let community = match (s.all_communities, app.browse().community.as_ref()) {
        (false, Some(c)) => one_line(&c.info.name),
        _ => "every community".into(),
    };
    let member = s
        .member
        .as_ref()
        .map_or("anyone".into(), |(_, n)| one_line(n));
    let kind = s.kind.map_or("any", |k| k.label());
    let (_, from, to) = split_dates(&s.query);
    let day = |d| app.dates().date(d);
    let problem = date_problem(&s.query);
    let dates = match (from, to) {
        // Dates that cannot be meant: the chip says so rather than a range.
        _ if problem.is_some() => "✗ not understood".to_string(),
        (None, None) => "any".to_string(),
        (Some(f), None) => format!("from {}", day(f)),
        (None, Some(t)) => format!("until {}", day(t)),
        (Some(f), Some(t)) => format!("{} – {}", day(f), day(t)),
    };
    // Each filter with the keys that change it (as the keymap in effect has them); the
    // dates are typed into the query.
    let keys = |cmds: &[Command]| {
        let labels: Vec<String> = cmds
            .iter()
            .filter_map(|c| {
                app.keymap()
                    .bindings(Mode::Browse, Screen::Search)
                    .find(|r| r.binding.command == *c)
                    .map(|r| r.keys_label())
            })
            .collect();
        format!(" ({})", labels.join("/"))
    };
    let chips = [
        ("in ", community, keys(&[Command::SearchAll])),
        ("by ", member, keys(&[Command::SearchMember])),
        (
            "kind ",
            kind.to_string(),
            keys(&[Command::SearchKind, Command::SearchKindBack]),
        ),
        (
            "dates ",
            dates,
            match (from, to) {
                _ if problem.is_some() => " (see below)",
                (None, None) => " (type in the query, e.g. 2024-03)",
                _ => " (typed in the query)",
            }
            .to_string(),
        ),
    ];
    let room = usize::from(room).max(1);
    let mut lines = Vec::new();
    let (mut line, mut used): (Vec<Span<'a>>, usize) = (Vec::new(), 0);
    for (label, value, keys) in chips {
        let value = truncate(&value, room.saturating_sub(label.width() + keys.width()));
        let width = label.width() + value.width() + keys.width();
        if used > 0 && used + 2 + width > room {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.push(Span::styled(label, theme.label()));
        line.push(Span::raw(value));
        line.push(Span::styled(keys, theme.dim()));
        used += width;
    }
    lines.push(Line::from(line));
    lines
}

/// The query line (in the box's bottom border, as a list's filter) and the filters.
fn draw_query(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let line = &app.list(Screen::Search).filter;
    let block =
        panel("Search", true, theme).title_bottom(filter_title_typed(line, app.overlay(), theme));
    frame.render_widget(
        Paragraph::new(filter_lines(app, theme, block.inner(area).width)).block(block),
        area,
    );
}

/// The hits, or what to do when there are none.
fn draw_hits(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = app.search();
    if s.hits.is_empty() {
        let quoted = format!("No hits for {}.", one_line(&s.query));
        let widen = s.widen();
        // The hint or problem may quote what was typed.
        let said = match &s.outcome {
            Outcome::Malformed(hint) | Outcome::BadDates(hint) => one_line(hint),
            Outcome::NotRun | Outcome::Empty | Outcome::Ran => String::new(),
        };
        let lines: Vec<&str> = match &s.outcome {
            Outcome::NotRun | Outcome::Empty => {
                let mut l = vec!["Type what to look for, then Enter.", ""];
                l.extend(QUERY_LINES);
                l
            }
            Outcome::Malformed(_) => vec!["The query cannot be read.", "", said.as_str()],
            Outcome::BadDates(_) => vec!["Not searched: check the dates.", "", said.as_str()],
            Outcome::Ran => vec![quoted.as_str(), "", widen.as_str()],
        };
        let text = empty_state(&lines, theme);
        frame.render_widget(
            Paragraph::new(text)
                .centered()
                .wrap(Wrap { trim: false })
                .block(panel("Hits (0)", false, theme)),
            area,
        );
        return;
    }
    // An undated hit's blank as wide as the widest day, so the facts line up.
    let dates = app.dates();
    let blank = s
        .hits
        .iter()
        .filter_map(|h| h.day)
        .map(|d| dates.date(d).width());
    let blank = blank
        .max()
        .unwrap_or_else(|| dates.date(app.today()).width());
    // The row's room: the panel's inside less the selection mark (`▶ `); a community
    // searched alone is not named again on every hit.
    let block = panel("", true, theme);
    let room = usize::from(block.inner(area).width.saturating_sub(2));
    let one_community = s.one_community();
    let rows: Vec<Row> = s
        .hits
        .iter()
        .map(|h| hit_row(h, dates, blank, room, one_community, theme))
        .collect();
    let mut title = match (s.more, s.limited) {
        (true, _) => format!("Hits ({}+ · more as you scroll)", s.hits.len()),
        // The newest CANDIDATES are all a page shows: more match than are listed.
        (false, true) => format!("Hits (the newest {} of over {CANDIDATES})", s.hits.len()),
        (false, false) => format!("Hits ({})", s.hits.len()),
    };
    if s.limited {
        // Said in the title: older matches need a narrower search.
        if s.more {
            title.push_str(&format!(" · over {CANDIDATES} match: newest first"));
        }
        title.push_str("; narrow by dates, member or kind, or add a rarer word, to rank");
    } else if let Some(word) = &s.too_common {
        // A word in over RANK_WALK entries is matched but not ranked by (bm25 would read
        // every one).
        let word = one_line(word);
        title.push_str(&if s.ranked {
            format!(" · ranked without “{word}” (too common)")
        } else {
            format!(" · newest first: “{word}” is too common to rank by")
        });
    }
    // The title in the top border, between its corners and spaces.
    let title = truncate(&title, usize::from(area.width.saturating_sub(4)));
    let t = Table::new(rows, [Constraint::Fill(1)])
        .block(panel(title, true, theme))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(app.list(Screen::Search).selected));
    frame.render_stateful_widget(t, area, &mut state);
}

/// A hit as two lines: what and where it was said (day, kind, speaker, meeting, and the
/// community unless `one_community` was searched), then the snippet; each cut to `room`
/// columns with `…`.
fn hit_row<'a>(
    h: &SearchHit,
    dates: &Dates,
    blank: usize,
    room: usize,
    one_community: bool,
    theme: &Theme,
) -> Row<'a> {
    let day = h.day.map_or(" ".repeat(blank), |d| dates.date(d));
    let mut head = vec![Span::styled(day, theme.label()), Span::raw("  ")];
    // The short facts first, so a narrow terminal cuts only the names of places.
    head.push(Span::styled(h.kind.label(), theme.accent()));
    let mut parts = vec![String::new()];
    if let Some(m) = &h.member {
        parts.push(one_line(m));
    }
    if let Some((_, title)) = &h.meeting {
        parts.push(one_line(title));
    }
    if !one_community {
        parts.push(one_line(&h.community));
    }
    head.push(Span::raw(parts.join(" · ")));
    let mark = theme
        .accent()
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    let mut body = vec![Span::raw("  ")];
    body.extend(marked_pieces(&h.snippet).into_iter().map(|(text, marked)| {
        let text = one_line(&text);
        if marked {
            Span::styled(text, mark)
        } else {
            Span::styled(text, Style::default())
        }
    }));
    Row::new([Cell::from(Text::from(vec![
        fit_line(Line::from(head), room),
        fit_line(Line::from(body), room),
    ]))])
    .height(HIT_HEIGHT)
}
