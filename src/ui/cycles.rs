//! The Cycles screen: the chosen community's learning cycles (number, topic, phase,
//! dates, meetings, and, where the screen is wide, goals and outcome), the selected
//! cycle's goals and outcome below; Enter shows one cycle whole, scrolled with j/k.

use super::Theme;
use super::widgets::{
    column_width, detail_panel, empty_list, fit_cells, list_block, panel, plural, table_columns,
};
use crate::app::cycles::{CycleDetail, CycleRow, DetailFocus};
use crate::app::{App, Screen};
use crate::domain::cycle::Phase;
use crate::domain::note::NoteKind;
use crate::domain::search::HitKind;
use crate::domain::text::{one_line, sanitize};
use crate::domain::{Cycle, CycleGoal};
use crate::settings::Dates;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, TableState};

/// Width from which the list also shows goals and outcome.
const WIDE: u16 = 120;

/// Draws the Cycles screen: the list, or the cycle opened with Enter.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    match &app.cycles().detail {
        Some(d) => draw_detail(frame, area, app, d, theme),
        None => draw_list(frame, area, app, theme),
    }
}

/// "✓ met", "→ progressing", "not judged yet".
fn verdict(g: &CycleGoal) -> String {
    match g.verdict {
        Some(v) => format!("{} {}", v.symbol(), v.label()),
        None => "not judged yet".to_string(),
    }
}

fn goals_line(c: &Cycle) -> String {
    if c.goals.is_empty() {
        return "—".into();
    }
    let titles: Vec<String> = c.goals.iter().map(|g| one_line(&g.title)).collect();
    titles.join(", ")
}

fn first_line(s: &str) -> String {
    let line = s.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let more = s.lines().filter(|l| !l.trim().is_empty()).count() > 1;
    let line = one_line(line);
    match (line.is_empty(), more) {
        (true, _) => "—".into(),
        (false, true) => format!("{line} …"),
        (false, false) => line,
    }
}

/// Where the list and the selected cycle are drawn (the mouse's hit test uses the same function).
pub(super) fn list_areas(area: Rect) -> [Rect; 2] {
    let detail_h = (area.height / 3).clamp(5, 10);
    Layout::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(area)
}

fn draw_list(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let cycles = app.cycles();
    let [list_area, detail_area] = list_areas(area);
    let block = list_block(app, "Learning cycles", theme);
    if cycles.cycles.is_empty() {
        empty_list(
            frame,
            area,
            block,
            &[
                "No learning cycles yet.",
                "",
                "Press n to open one: a topic to study and the goals it serves.",
                "interrogation → application → reflection → closed",
            ],
            theme,
        );
        return;
    }
    let wide = area.width >= WIDE;
    let rows = app.visible(Screen::Cycles);
    let dates = app.dates();
    let drawn = || rows.iter().filter_map(|&i| cycles.cycles.get(i));
    let started = column_width("Started", drawn().map(|r| dates.date(r.cycle.started_on)));
    let ended = column_width(
        "Ended",
        drawn().filter_map(|r| r.cycle.ended_on.map(|d| dates.date(d))),
    );
    // A long date format leaves the topic too little room: the end day goes (the phase
    // says a cycle is closed, Enter shows when).
    let fixed = 3 + 13 + started + ended + 4 + 5 + 2 + 2;
    let show_ended = wide || area.width >= fixed + TOPIC_MIN;
    // Only the rows on screen are built (the widths above are of every row, so they do
    // not change as the list scrolls).
    let selected = app.list(Screen::Cycles).selected;
    let (first, end) = super::meetings::window(list_area, rows.len(), selected);
    let mut widths = vec![
        Constraint::Length(3),
        Constraint::Fill(2),
        Constraint::Length(13),
        Constraint::Length(started),
        Constraint::Length(ended),
        Constraint::Length(4),
    ];
    let mut header = vec!["#", "Topic", "Phase", "Started", "Ended", "Mtgs"];
    if !show_ended {
        widths.remove(4);
        header.remove(4);
    }
    if wide {
        widths.extend([Constraint::Fill(2), Constraint::Fill(2)]);
        header.extend(["Goals", "Outcome"]);
    }
    let columns = table_columns(block.inner(list_area).width, &widths);
    let table_rows: Vec<Row> = rows[first..end]
        .iter()
        .filter_map(|&i| cycles.cycles.get(i))
        .map(|r| list_row(r, wide, show_ended, dates, theme, &columns))
        .collect();
    let table = Table::new(table_rows, widths)
        .header(Row::new(header).style(theme.title()))
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state =
        TableState::default().with_selected((!rows.is_empty()).then(|| selected - first));
    frame.render_stateful_widget(table, list_area, &mut state);

    let (title, lines) = match cycles.selected() {
        Some(r) => {
            let c = &r.cycle;
            let mut lines = vec![Line::styled("Goals", theme.label())];
            if c.goals.is_empty() {
                lines.push(Line::styled("—", theme.dim()));
            }
            for g in &c.goals {
                lines.push(Line::from(format!(
                    "{}  {}",
                    one_line(&g.title),
                    verdict(g)
                )));
            }
            lines.push(Line::styled("Outcome", theme.label()));
            lines.push(Line::from(first_line(&c.outcome)));
            (format!("Cycle {} — Enter shows it whole", c.number), lines)
        }
        None => ("Cycle".to_string(), vec![]),
    };
    detail_panel(frame, detail_area, title, lines, theme);
}

/// The narrowest the topic column gets before the end day is left out.
const TOPIC_MIN: u16 = 16;

/// A cycle's row, each cell cut with `…` to its column (`columns`, [`table_columns`]).
fn list_row<'a>(
    r: &CycleRow,
    wide: bool,
    ended: bool,
    dates: &Dates,
    theme: &Theme,
    columns: &[usize],
) -> Row<'a> {
    let c = &r.cycle;
    let mut cells = vec![
        c.number.to_string(),
        one_line(&c.topic.title),
        c.phase.label().to_string(),
        dates.date(c.started_on),
    ];
    if ended {
        cells.push(c.ended_on.map_or_else(|| "—".into(), |d| dates.date(d)));
    }
    cells.push(format!("{:>4}", r.meetings));
    if wide {
        cells.push(goals_line(c));
        cells.push(first_line(&c.outcome));
    }
    let row = Row::new(fit_cells(cells, columns));
    if c.phase == Phase::Closed {
        row.style(theme.dim())
    } else {
        row
    }
}

/// One logical line of the detail before wrapping: its style and the indent its
/// continuation lines keep.
struct Text {
    style: Style,
    indent: usize,
    text: String,
}

/// The detail's lines, in order.
struct Doc<'t> {
    lines: Vec<Text>,
    theme: &'t Theme,
    /// The Search hit the detail was opened at.
    focus: Option<&'t DetailFocus>,
    /// The line the current part (of the hit's kind) starts at, while in it.
    part: Option<usize>,
    /// The hit's line, once marked.
    focus_at: Option<usize>,
}

/// What marks the hit's line, in words as well as in the selection's style (as on the
/// meeting view).
const HIT_MARK: &str = "  ◀ search hit";

/// The part of the detail that shows each kind of hit.
fn shows(part: &str, kind: HitKind) -> bool {
    match kind {
        HitKind::Topic | HitKind::Summary => part == "topic",
        HitKind::Evidence => part == "goals",
        HitKind::Note(_) => part == "board",
        HitKind::ActionItem => part == "actions",
        HitKind::FollowUp | HitKind::Learned => part == "reflection",
        HitKind::Improvement => part == "improvements",
        HitKind::Outcome => part == "outcome",
        HitKind::Agenda | HitKind::LeaderNotes => false,
    }
}

impl Doc<'_> {
    /// A part of the detail begins (its heading is the next line): the part before is
    /// done, and the hit's line is looked for in this one when it shows the hit's kind.
    fn part(&mut self, part: &str) {
        self.mark_focus();
        self.part = self
            .focus
            .filter(|f| self.focus_at.is_none() && shows(part, f.kind))
            .map(|_| self.lines.len());
    }

    /// At the end of a part of the hit's kind, its line is marked: the first line of
    /// the part with a matched word, else the part's heading.
    fn mark_focus(&mut self) {
        let (Some(f), Some(part)) = (self.focus, self.part.take()) else {
            return;
        };
        let has_word = |t: &Text| {
            let text = t.text.to_lowercase();
            f.words.iter().any(|w| text.contains(w.as_str()))
        };
        let at = (self.lines.iter().enumerate().skip(part))
            .find(|(_, t)| has_word(t))
            .map_or(part, |(i, _)| i);
        if let Some(line) = self.lines.get_mut(at) {
            line.text.push_str(HIT_MARK);
            line.style = self.theme.selected();
            self.focus_at = Some(at);
        }
    }

    fn heading(&mut self, s: impl Into<String>) {
        self.lines.push(Text {
            style: self.theme.label(),
            indent: 0,
            text: s.into(),
        });
    }

    fn line(&mut self, indent: usize, s: impl Into<String>) {
        self.styled(indent, Style::new(), s);
    }

    fn styled(&mut self, indent: usize, style: Style, s: impl Into<String>) {
        self.lines.push(Text {
            style,
            indent,
            text: format!("{}{}", " ".repeat(indent), s.into()),
        });
    }

    fn dim(&mut self, indent: usize, s: impl Into<String>) {
        let style = self.theme.dim();
        self.styled(indent, style, s);
    }

    /// User text that may span lines, each line indented.
    fn block(&mut self, indent: usize, s: &str) {
        let clean = sanitize(s, true);
        let mut any = false;
        for l in clean.lines().filter(|l| !l.trim().is_empty()) {
            self.line(indent, l.trim());
            any = true;
        }
        if !any {
            self.dim(indent, "—");
        }
    }
}

/// Everything about one cycle, in the order it happened.
fn detail_lines<'t>(d: &CycleDetail, app: &'t App, theme: &'t Theme) -> Doc<'t> {
    let mut doc = Doc {
        lines: Vec::new(),
        theme,
        focus: app.cycles().focus.as_ref(),
        part: None,
        focus_at: None,
    };
    let c = &d.cycle;
    let today = app.now().with_timezone(&Local).date_naive();
    doc.part("topic");
    doc.heading("Topic");
    doc.line(2, one_line(&c.topic.title));
    if !c.topic.source.trim().is_empty() {
        doc.line(2, format!("Source: {}", one_line(&c.topic.source)));
    }
    if !c.topic.summary.trim().is_empty() {
        doc.block(2, &c.topic.summary);
    }
    doc.part("goals");
    doc.heading(format!("Goals ({})", c.goals.len()));
    if c.goals.is_empty() {
        doc.dim(2, "none chosen: e edits the open cycle's goals");
    }
    for g in &c.goals {
        doc.line(2, format!("{} — {}", one_line(&g.title), verdict(g)));
        if !g.evidence.trim().is_empty() {
            doc.line(4, format!("evidence: {}", one_line(&g.evidence)));
        }
    }
    doc.part("phases");
    doc.heading("Phases");
    for p in &d.phases {
        let when = app.dates().day(p.entered_at);
        let skipped = if p.skipped.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = p.skipped.iter().map(|s| s.label()).collect();
            format!("  (skipped {})", names.join(" and "))
        };
        doc.line(2, format!("{when}  {}{skipped}", p.phase.label()));
    }
    if c.phase == Phase::Reflection {
        doc.dim(2, "R: reflection walk · p: close · P: choose a phase");
    } else if c.is_open() {
        doc.dim(2, "p: next phase · P: choose a phase");
    }
    doc.part("starting");
    doc.heading("Starting notes (the previous cycle's improvements)");
    doc.block(2, &c.starting_notes);
    doc.part("board");
    board(&mut doc, d);
    doc.part("actions");
    doc.heading(format!("Actions ({})", d.actions.len()));
    if d.actions.is_empty() {
        doc.dim(2, "none yet: actions committed in its meetings land here");
    }
    for a in &d.actions {
        let due = (a.info.due)
            .map(|d| format!(", due {}", app.dates().date(d)))
            .unwrap_or_default();
        let goal = a
            .info
            .goal
            .and_then(|g| d.goals.get(&g))
            .map(|t| format!(" · goal: {}", one_line(t)))
            .unwrap_or_default();
        let style = if a.is_overdue(today) {
            theme.error()
        } else {
            Style::new()
        };
        doc.styled(
            2,
            style,
            format!(
                "{} — {}{due}{goal} · {}",
                one_line(&a.info.title),
                d.name(a.info.owner, "nobody"),
                super::widgets::standing(a, today, app.dates())
            ),
        );
    }
    doc.part("reflection");
    doc.heading("Reflection");
    if d.reflection.is_empty() {
        doc.dim(
            2,
            match c.phase {
                Phase::Reflection => "none yet: R walks it (each action, goal, improvement)",
                Phase::Closed => "none: R walks it (the cycle stays closed)",
                Phase::Interrogation | Phase::Application => {
                    "none yet: R walks it once the cycle is in reflection"
                }
            },
        );
    }
    for (id, u) in &d.reflection {
        let title = d
            .actions
            .iter()
            .find(|a| a.id == *id)
            .map(|a| one_line(&a.info.title))
            .unwrap_or_default();
        doc.line(
            2,
            format!("{} {} — {title}", u.verdict.symbol(), u.verdict.label()),
        );
        if !u.note.trim().is_empty() {
            doc.line(4, format!("what happened: {}", one_line(&u.note)));
        }
        if !u.learned.trim().is_empty() {
            doc.line(4, format!("learned: {}", one_line(&u.learned)));
        }
    }
    doc.part("improvements");
    doc.heading(format!("Improvements ({})", d.improvements.len()));
    if d.improvements.is_empty() {
        doc.dim(2, "—");
    }
    for i in &d.improvements {
        doc.line(2, format!("• {}", one_line(&i.body)));
    }
    doc.part("outcome");
    doc.heading("Outcome");
    doc.block(2, &c.outcome);
    doc.part("meetings");
    doc.heading(format!(
        "Meetings ({}) — Enter or m goes to one",
        d.meetings.len()
    ));
    if d.meetings.is_empty() {
        doc.dim(
            2,
            "none yet: meetings planned while the cycle is open join it",
        );
    }
    for m in &d.meetings {
        doc.line(
            2,
            format!(
                "{} · {} · {}",
                app.dates().date_time(m.when()),
                m.status,
                one_line(&m.title)
            ),
        );
    }
    doc.mark_focus();
    doc
}

/// The board: each problem and pitfall with the solutions that answer it beneath, then
/// the solutions that answer none.
fn board(doc: &mut Doc<'_>, d: &CycleDetail) {
    doc.heading(format!("Board ({})", plural(d.board.len(), "note")));
    if d.board.is_empty() {
        doc.dim(
            2,
            "empty: problems, pitfalls and solutions noted in its meetings land here",
        );
        return;
    }
    let mark = |k: NoteKind| match k {
        NoteKind::Problem => "problem",
        NoteKind::Pitfall => "pitfall",
        NoteKind::Solution => "solution",
        other => other.as_str(),
    };
    let answered: Vec<_> = d
        .board
        .iter()
        .filter(|n| n.kind != NoteKind::Solution)
        .map(|n| n.id)
        .collect();
    for n in d.board.iter().filter(|n| n.kind != NoteKind::Solution) {
        doc.line(
            2,
            format!(
                "{}: {} — {}",
                mark(n.kind),
                one_line(&n.body),
                d.name(n.member, "the group")
            ),
        );
        for s in d.board.iter().filter(|s| s.answers == Some(n.id)) {
            doc.line(
                4,
                format!(
                    "↳ solution: {} — {}",
                    one_line(&s.body),
                    d.name(s.member, "the group")
                ),
            );
        }
    }
    for s in d
        .board
        .iter()
        .filter(|s| s.kind == NoteKind::Solution)
        .filter(|s| !s.answers.is_some_and(|a| answered.contains(&a)))
    {
        doc.line(
            2,
            format!(
                "solution: {} — {}",
                one_line(&s.body),
                d.name(s.member, "the group")
            ),
        );
    }
}

/// Cuts `text` into lines of at most `width` columns at spaces (a word longer than a
/// line is cut where it must); continuation lines start with `indent` spaces.
fn wrap(text: &str, indent: usize, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(indent + 8);
    let mut out = Vec::new();
    let mut line = String::new();
    let mut w = 0;
    let mut last_space: Option<(usize, usize)> = None;
    for ch in text.chars() {
        let cw = ch.width().unwrap_or(0);
        if w + cw > width {
            let (head, rest) = match last_space {
                Some((byte, _)) if byte > indent => {
                    let (h, r) = line.split_at(byte);
                    (h.trim_end().to_string(), r.trim_start().to_string())
                }
                _ => (line.clone(), String::new()),
            };
            out.push(head);
            line = format!("{}{rest}", " ".repeat(indent));
            w = unicode_width::UnicodeWidthStr::width(line.as_str());
            last_space = None;
        }
        if ch == ' ' {
            last_space = Some((line.len(), w));
        }
        line.push(ch);
        w += cw;
    }
    out.push(line);
    out
}

fn draw_detail(frame: &mut Frame, area: Rect, app: &App, d: &CycleDetail, theme: &Theme) {
    let c = &d.cycle;
    let inner_w = usize::from(area.width.saturating_sub(4)).max(1);
    let doc = detail_lines(d, app, theme);
    let mut lines: Vec<Line> = Vec::new();
    for (i, t) in doc.lines.iter().enumerate() {
        if doc.focus_at == Some(i) {
            // The line a Search hit opened the detail at: the view starts there.
            app.cycles().set_focus_line(u16::try_from(lines.len()).ok());
        }
        let wrapped = wrap(&t.text, t.indent + 2, inner_w).into_iter();
        lines.extend(wrapped.map(|l| Line::styled(l, t.style)));
    }
    let view = usize::from(area.height.saturating_sub(2));
    let max = lines.len().saturating_sub(view);
    let max16 = u16::try_from(max).unwrap_or(u16::MAX);
    app.cycles().set_max_scroll(max16);
    let off = app.cycles().scroll().min(max16);
    let mut block = panel(
        format!(
            "{} — {} · {} · Esc: {}",
            one_line(&c.name()),
            c.phase.label(),
            crate::domain::text::count(d.meetings.len(), "meeting", "meetings"),
            match app.cycles().back_to {
                Some(s) => format!("back to {}", s.title()),
                None => "list".into(),
            }
        ),
        true,
        theme,
    );
    if max > 0 {
        let below = max - usize::from(off);
        block = block.title_bottom(Line::styled(
            format!(" ↑ {off} above · ↓ {below} below — j/k, PgUp/PgDn scroll "),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).scroll((off, 0)).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_words_and_the_indent() {
        assert_eq!(
            wrap("  one two three four", 2, 12),
            vec!["  one two", "  three four"]
        );
        assert_eq!(wrap("abcdefghijkl", 0, 8), vec!["abcdefgh", "ijkl"]);
        assert_eq!(wrap("short", 0, 80), vec!["short"]);
    }
}
