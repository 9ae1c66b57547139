//! Forms for communities, members and goals, built on `ratatui-textarea`. A form holds
//! text per field; saving turns it into a [`Draft`] and the domain validates it.

use crate::domain::text::sanitize;
use crate::domain::{
    ActionId, ActionVerdict, AgendaItemId, CommunityId, CycleId, Draft, GoalId, IcebreakerId,
    MeetingId, MemberId, NoteId, ValidationErrors,
};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

mod drafts;
mod kinds;

/// What a form creates or edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    Community(Option<CommunityId>),
    Member(Option<MemberId>),
    Goal(Option<GoalId>),
    /// A meeting's details; a new one is planned from the named template.
    Meeting {
        id: Option<MeetingId>,
        template: Option<String>,
    },
    /// An item of a meeting's agenda.
    AgendaItem {
        meeting: MeetingId,
        item: Option<AgendaItemId>,
    },
    /// Saving a meeting's agenda as a custom template.
    Template {
        meeting: MeetingId,
    },
    /// One of the leader's own icebreakers.
    Icebreaker(Option<IcebreakerId>),
    /// Someone joining a meeting on the spot: a guest, or a new member.
    WalkIn {
        meeting: MeetingId,
        guest: bool,
    },
    /// The topic of a consent check (the votes come next).
    Consent {
        meeting: MeetingId,
    },
    /// Owner and due date of an action note.
    ActionNote {
        meeting: MeetingId,
        body: String,
        about: Option<MemberId>,
        editing: Option<NoteId>,
    },
    /// A learning cycle's topic and goals: a new one (opened in the chosen community) or
    /// the open one.
    Cycle(Option<CycleId>),
    /// Closing a cycle: its outcome. `skip`: the leader confirmed skipping phases.
    CloseCycle {
        cycle: CycleId,
        skip: bool,
    },
    /// The learning cycle in a live meeting: a commitment, a reflection step.
    LiveCycle(crate::app::live::LiveCycleForm),
    /// A community's working agreements, one per line (the data helper, issue 9).
    Agreements(CommunityId),
    /// The note of an action's follow-up in a meeting (the verdict is chosen).
    FollowUp {
        meeting: MeetingId,
        action: ActionId,
        verdict: ActionVerdict,
    },
    /// An action item edited on the Actions screen (a new one without an id).
    Action(Option<ActionId>),
    /// What happened, in a follow-up given on the Actions screen (between meetings).
    ActionsFollowUp {
        action: ActionId,
        verdict: ActionVerdict,
    },
}

/// How a field takes input.
#[derive(Debug)]
pub enum Input {
    /// Free text; `multiline` fields take Enter as a new line.
    Text {
        area: Box<TextArea<'static>>,
        multiline: bool,
    },
    /// One of a fixed list, cycled with ←/→/Space.
    Choice {
        options: Vec<String>,
        /// For a choice of people: the id behind each option (`None` for "nobody"). The
        /// draft then carries the id, so two people of the same name cannot be confused.
        ids: Vec<Option<MemberId>>,
        selected: usize,
    },
    /// Any number of a fixed list (the goals a cycle serves): ↑/↓ move, Space ticks.
    Pick {
        options: Vec<String>,
        /// The row id behind each option; the draft carries the ticked ones, joined by ','.
        ids: Vec<i64>,
        ticked: Vec<bool>,
        cursor: usize,
    },
}

/// Rows a [`Input::Pick`] shows at most (it scrolls to keep the cursor in view).
pub const PICK_ROWS: u16 = 5;

/// One labelled field.
#[derive(Debug)]
pub struct Field {
    /// The draft key the field fills.
    pub key: &'static str,
    pub label: &'static str,
    /// A short example or rule shown when the field is focused.
    pub hint: &'static str,
    pub input: Input,
    /// Rows it takes on screen (a long text shows more than one).
    pub rows: u16,
}

impl Field {
    pub(in crate::app) fn text(
        key: &'static str,
        label: &'static str,
        hint: &'static str,
        value: &str,
        multiline: bool,
    ) -> Self {
        let mut area = TextArea::new(value.lines().map(str::to_string).collect());
        if value.is_empty() {
            area = TextArea::default();
        }
        area.set_cursor_line_style(Style::default());
        if multiline {
            area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        }
        Self {
            key,
            label,

            hint,
            input: Input::Text {
                area: Box::new(area),
                multiline,
            },
            rows: if multiline { 3 } else { 1 },
        }
    }

    pub(in crate::app) fn choice(
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        current: &str,
    ) -> Self {
        // A value that is not an option (none yet) starts on the first one.
        let selected = options.iter().position(|o| o == current).unwrap_or(0);
        Self {
            key,
            label,
            hint: "←/→ or Space to choose",
            input: Input::Choice {
                options,
                ids: Vec::new(),
                selected,
            },
            rows: 1,
        }
    }

    /// A choice of people (or "nobody"), by id; `current` is preselected.
    pub(in crate::app) fn people(
        key: &'static str,
        label: &'static str,
        people: Vec<(Option<MemberId>, String)>,
        current: Option<MemberId>,
    ) -> Self {
        // Someone not on the list (no longer active) starts on the first entry.
        let selected = people
            .iter()
            .position(|(id, _)| *id == current)
            .unwrap_or(0);
        let (ids, options) = people.into_iter().unzip();
        Self {
            key,
            label,
            hint: "←/→ or Space to choose",
            input: Input::Choice {
                options,
                ids,
                selected,
            },
            rows: 1,
        }
    }

    /// A multiple choice by id: `options` are (id, label); `ticked` are ticked at first.
    pub(in crate::app) fn pick(
        key: &'static str,
        label: &'static str,
        hint: &'static str,
        options: Vec<(i64, String)>,
        ticked: &[i64],
    ) -> Self {
        let ticks = options.iter().map(|(id, _)| ticked.contains(id)).collect();
        let (ids, options) = options.into_iter().unzip();
        Self {
            key,
            label,
            hint,
            input: Input::Pick {
                options,
                ids,
                ticked: ticks,
                cursor: 0,
            },
            // A pick list's height comes from its options (`height`).
            rows: 1,
        }
    }

    /// The field's current text.
    pub fn value(&self) -> String {
        match &self.input {
            Input::Text { area, .. } => area.lines().join("\n"),
            Input::Choice {
                options,
                ids,
                selected,
                // An empty choice list has no value.
            } if ids.is_empty() => options.get(*selected).cloned().unwrap_or_default(),
            Input::Choice { ids, selected, .. } => ids
                .get(*selected)
                .copied()
                .flatten()
                .map(|id| id.to_string())
                // "Nobody" is written as no id.
                .unwrap_or_default(),
            Input::Pick { ids, ticked, .. } => ids
                .iter()
                .zip(ticked)
                .filter(|(_, t)| **t)
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Rows the field needs on screen.
    pub fn height(&self) -> u16 {
        match &self.input {
            Input::Pick { options, .. } => (options.len() as u16).clamp(1, PICK_ROWS),
            _ => self.rows,
        }
    }

    /// A long text field taller than usual (a list edited one item a line).
    pub(in crate::app) fn with_rows(mut self, rows: u16) -> Self {
        self.rows = rows;
        self
    }
}

/// An open form.
#[derive(Debug)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Failures of the last save attempt, shown beside their fields.
    pub errors: ValidationErrors,
    /// The community a new member or goal form belongs to (part of its draft's key).
    scope: Option<CommunityId>,
    /// The fields as they were when the form opened (see `draft_body`).
    initial: String,
}

/// Label of the "no leader" choice.
pub const NO_LEADER: &str = "(none)";

impl Form {
    pub(in crate::app) fn new(kind: FormKind, title: String, fields: Vec<Field>) -> Self {
        let mut f = Self {
            kind,
            title,
            fields,
            focus: 0,
            errors: ValidationErrors::default(),
            scope: None,
            initial: String::new(),
        };
        f.refresh_cursor();
        f.remember_initial();
        f
    }

    /// What the form holds now.
    pub fn draft(&self) -> Draft {
        let mut d = Draft::new();
        for f in &self.fields {
            d.set(f.key, f.value());
        }
        d
    }

    /// Moves focus to the next field (wrapping).
    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len().max(1);
        self.refresh_cursor();
    }

    /// Moves focus to the previous field (wrapping).
    pub fn prev(&mut self) {
        let n = self.fields.len().max(1);
        self.focus = (self.focus + n - 1) % n;
        self.refresh_cursor();
    }

    /// Whether Enter saves the form: it has one field, and that field is not a
    /// multi-line text (the guest form: type the name, press Enter); or it is a
    /// follow-up's note, whose owner and due date below are filled in already (Tab
    /// reaches them), so the action review stays one key and a line.
    pub fn saves_on_enter(&self) -> bool {
        matches!(self.kind, FormKind::FollowUp { .. })
            || matches!(
                self.fields.as_slice(),
                [f] if !matches!(f.input, Input::Text { multiline: true, .. })
            )
    }

    /// Enter: a new line in a long field, otherwise the next field; on the last field it
    /// stays (wrapping to the first would send the next keys into a field the leader is
    /// not looking at; Tab still wraps, and Ctrl-S saves).
    pub fn enter(&mut self) {
        let last = self.focus + 1 >= self.fields.len();
        match self.fields.get_mut(self.focus).map(|f| &mut f.input) {
            Some(Input::Text {
                area,
                multiline: true,
            }) => area.insert_newline(),
            _ if last => {}
            _ => self.next(),
        }
    }

    /// A key that is not a form command: text for a text field, a choice change otherwise.
    pub fn input(&mut self, ev: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.input {
            Input::Text { area, multiline } => {
                crate::app::editor::type_key(area, ev);
                if !*multiline && area.lines().len() > 1 {
                    let joined = area.lines().join(" ");
                    **area = TextArea::new(vec![joined]);
                    area.set_cursor_line_style(Style::default());
                    area.move_cursor(ratatui_textarea::CursorMove::End);
                }
            }
            Input::Choice {
                options, selected, ..
            } => {
                let n = options.len().max(1);
                match ev.code {
                    KeyCode::Left | KeyCode::Up => *selected = (*selected + n - 1) % n,
                    KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                        *selected = (*selected + 1) % n
                    }
                    _ => {}
                }
            }
            Input::Pick {
                options,
                ticked,
                cursor,
                ..
            } => {
                let n = options.len().max(1);
                match ev.code {
                    // Nothing is typed into a list of boxes: j/k move as in every list.
                    KeyCode::Left | KeyCode::Up | KeyCode::Char('k') => {
                        *cursor = (*cursor + n - 1) % n
                    }
                    KeyCode::Right | KeyCode::Down | KeyCode::Char('j') => {
                        *cursor = (*cursor + 1) % n
                    }
                    KeyCode::Char(' ') | KeyCode::Char('x') => {
                        if let Some(t) = ticked.get_mut(*cursor) {
                            *t = !*t;
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// Pasted text goes into the focused text field with control characters made inert.
    pub fn paste(&mut self, text: &str) {
        if let Some(Field {
            input: Input::Text { area, multiline },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            let clean = sanitize(&text, *multiline);
            area.insert_str(clean);
        }
    }

    /// Puts `text` (from the leader's editor) in text field `i` if it is still the field
    /// keyed `key`, replacing what it held (undoable with Ctrl-U). A one-line field takes
    /// the lines joined by spaces. Whether it was placed.
    pub(in crate::app) fn replace_text(&mut self, i: usize, key: &str, text: &str) -> bool {
        let Some(Field {
            input: Input::Text { area, multiline },
            key: k,
            ..
        }) = self.fields.get_mut(i)
        else {
            return false;
        };
        if *k != key {
            return false;
        }
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if *multiline {
            sanitize(&text, true).to_string()
        } else {
            sanitize(&text.lines().collect::<Vec<_>>().join(" "), false).to_string()
        };
        area.select_all();
        area.insert_str(text);
        true
    }

    /// The failures in words for the status line, each named by its field's label as
    /// the form shows it ("Goal: is too long (2000 characters; at most 80)"), not by the
    /// draft's key.
    pub fn errors_line(&self, errors: &ValidationErrors) -> String {
        let parts: Vec<String> = errors
            .0
            .iter()
            .map(|e| {
                let label = (self.fields)
                    .iter()
                    .find(|f| f.key == e.field)
                    .map_or(e.field, |f| f.label);
                format!("{label}: {}", e.message)
            })
            .collect();
        parts.join("; ")
    }

    /// Shows validation failures and focuses the first failing field.
    pub fn set_errors(&mut self, errors: ValidationErrors) {
        if let Some(first) = errors.0.first()
            && let Some(i) = self.fields.iter().position(|f| f.key == first.field)
        {
            self.focus = i;
        }
        self.errors = errors;
        self.refresh_cursor();
    }

    /// Shows the cursor only in the focused field, at its end; other fields show their
    /// beginning, which is what a reader needs to recognise them.
    fn refresh_cursor(&mut self) {
        use ratatui_textarea::CursorMove;
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let Input::Text { area, .. } = &mut f.input {
                if i == self.focus {
                    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
                    area.move_cursor(CursorMove::Bottom);
                    area.move_cursor(CursorMove::End);
                } else {
                    area.set_cursor_style(Style::default());
                    area.move_cursor(CursorMove::Top);
                    area.move_cursor(CursorMove::Head);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn typing_fills_the_focused_field_and_draft() {
        let mut f = Form::member(None, &Draft::new());
        for c in "Ada".chars() {
            f.input(key(c));
        }
        f.next();
        f.next();
        f.input(key('x'));
        f.enter();
        f.input(key('y'));
        let d = f.draft();
        assert_eq!(d.get("name"), "Ada");
        assert_eq!(d.get("brings"), "x\ny");
    }

    #[test]
    fn single_line_fields_never_hold_newlines() {
        let mut f = Form::member(None, &Draft::new());
        f.paste("a\nb\u{1b}[2J");
        assert_eq!(f.draft().get("name"), "a\u{240a}b\u{241b}[2J");
        f.enter();
        assert_eq!(f.focus, 1, "Enter on a one-line field moves on");
    }

    /// A trial pressed Enter in a cycle form's last field: focus wrapped to Topic and the
    /// next key went into it ("Retrieval practice startersx").
    #[test]
    fn enter_on_the_last_field_stays_there() {
        let mut f = Form::goal(None, &Draft::new());
        let last = f.fields.len() - 1;
        f.focus = last;
        f.enter();
        assert_eq!(f.focus, last);
        f.next();
        assert_eq!(f.focus, 0, "Tab still wraps");
    }

    #[test]
    fn picks_tick_and_untick_by_id() {
        let mut f = Form::new(
            FormKind::Cycle(None),
            "t".into(),
            vec![Field::pick(
                "goals",
                "Goals",
                "",
                vec![(4, "a".into()), (7, "b".into()), (9, "c".into())],
                &[7],
            )],
        );
        assert_eq!(f.draft().get("goals"), "7");
        f.input(key(' '));
        f.input(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        f.input(key(' '));
        f.input(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        f.input(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        f.input(key(' '));
        assert_eq!(f.draft().get("goals"), "4,9");
        // j and k move as ↓ and ↑ (a trial's Space j Space ticked and unticked one goal).
        f.input(key('k'));
        f.input(key(' '));
        assert_eq!(f.draft().get("goals"), "4,7,9");
        f.input(key('j'));
        f.input(key(' '));
        assert_eq!(f.draft().get("goals"), "4,7");
        f.input(key(' '));
        f.input(key('k'));
        f.input(key(' '));
        assert_eq!(f.draft().get("goals"), "4,9");
        let kept = f.draft_body().unwrap();
        let mut g = Form::new(
            FormKind::Cycle(None),
            "t".into(),
            vec![Field::pick(
                "goals",
                "Goals",
                "",
                vec![(4, "a".into()), (7, "b".into()), (9, "c".into())],
                &[],
            )],
        );
        assert!(g.restore(&kept));
        assert_eq!(g.draft().get("goals"), "4,9");
    }

    #[test]
    fn choices_cycle_and_errors_focus_the_field() {
        let mut f = Form::goal(None, &Draft::new());
        f.focus = 3;
        f.input(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert_eq!(f.draft().get("status"), "active");
        let mut e = ValidationErrors::default();
        e.push("target", "bad");
        f.set_errors(e);
        assert_eq!(f.focus, 2);
    }
}
