//! The one keymap: a table of (mode, screens, key) → command. Key handling, the footer
//! hints and the help overlay are all generated from [`KEYMAP`], so they cannot disagree.

use super::Screen;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the app is doing, which decides what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray)]
pub enum Mode {
    /// Browsing a list on a screen.
    Browse,
    /// Typing a filter for the current list.
    Filter,
    /// Filling in a form: letters are text, only the listed keys are commands.
    Form,
    /// Answering a yes/no question.
    Confirm,
    /// Choosing one entry of a short list (a template, say).
    Choose,
    /// Typing a meeting note: every key is text except the listed ones.
    Note,
    /// Entering fist-of-five votes.
    Vote,
    /// Reading the help overlay.
    Help,
}

impl Mode {
    /// Heading of this mode in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Browse => "On this screen",
            Mode::Filter => "Filtering a list",
            Mode::Form => "Forms (typing goes into the field)",
            Mode::Confirm => "Questions",
            Mode::Choose => "Choosing from a list",
            Mode::Note => "Typing a note (keys are text)",
            Mode::Vote => "Consent check (fist of five)",
            Mode::Help => "Help",
        }
    }
}

/// Everything a key can ask the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    NextScreen,
    PrevScreen,
    GoTo(Screen),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter on a list row: choose the community, or open the item.
    Open,
    /// Esc: close what is open, clear a filter, or go back to Communities.
    Back,
    /// Start typing a filter.
    Filter,
    /// Keep the filter and go back to the list.
    FilterDone,
    New,
    Edit,
    /// Take the selected thing out: archive a community, deactivate a member, cancel a
    /// meeting, remove an agenda item (each reversible or confirmed first).
    Remove,
    /// Show or hide archived communities.
    ToggleShowArchived,
    /// Move a goal to its next status.
    CycleStatus,
    /// Edit the selected community's working agreements (data helper, issue 9).
    EditAgreements,
    /// Move the selected agenda item up.
    MoveUp,
    /// Move the selected agenda item down.
    MoveDown,
    /// Open the icebreaker library (to pick one for the selected item, from a plan).
    Library,
    /// Suggest an icebreaker that fits and has not been used recently.
    Suggest,
    /// Edit the planned meeting's title, time and length.
    EditMeeting,
    /// Save the planned agenda as a custom template.
    SaveTemplate,
    CycleCategory,
    ToggleRemote,
    CycleMinutes,
    CycleDepth,
    /// Start the selected planned meeting (attendance first).
    StartMeeting,
    /// Open the live meeting, or go back to it.
    OpenLive,
    NextSpeaker,
    PassTurn,
    BackTurn,
    RaiseHand,
    SkipTurn,
    NewRound,
    CycleOrder,
    /// Make the next round's order the default for every meeting.
    SaveDefaultOrder,
    NextItem,
    PrevItem,
    TogglePause,
    Attendance,
    /// Cycle the selected attendee present → late → absent.
    CycleAttendance,
    AddGuest,
    AddNewMember,
    ConsentCheck,
    EndMeeting,
    /// Start typing a note.
    Note,
    /// Pick a recent note to edit or delete.
    EditNotes,
    /// Edit the current speaker's profile (introductions of new members).
    EditSpeaker,
    /// Follow up an open action: done, partly, not done or dropped, and a note.
    FollowUp,
    /// Open discussion: pick who is talking now.
    Floor,
    /// Show or hide the item's prompts on the live screen.
    TogglePrompts,
    // The learning cycle in the meeting (live-cycle).
    /// Show or hide the community's working agreements.
    ShowAgreements,
    /// Link a solution on the cycle's board to the problem or pitfall it answers.
    LinkSolution,
    /// Commit an action in an application item.
    CommitAction,
    /// Walk the cycle's reflection (actions, goals, improvements, closing).
    ReflectionWalk,
    /// Actions screen: follow up the selected action (a verdict, then a note).
    ActionsFollowUp,
    /// Actions screen: show the next owner's actions.
    ActionsOwner,
    // Insights (issue 10).
    /// Roster: open the selected member's profile.
    Profile,
    /// Communities, History: open the community's insights.
    Insights,
    /// Actions screen: show the next status.
    ActionsStatus,
    // The meeting view (issue 10, hist).
    /// The meeting view: the meeting before (older, `false`) or after (newer, `true`).
    OtherMeeting(bool),
    /// The meeting view: write its minutes to a new file.
    ExportMinutes,
    // Search (issue 10, searchui).
    /// Open the Search screen and type the query (on it: type the query again).
    Search,
    /// Search: every community, or the chosen one again.
    SearchAll,
    /// Search: choose whose words (a member of the roster, or anyone).
    SearchMember,
    /// Search: the next kind of text (notes by kind, agenda items, actions, …).
    SearchKind,
    /// Search: the kind before (`T`, back through the kinds `t` steps through).
    SearchKindBack,
    /// A digit in a chooser: choose that row (1 is the first).
    ChooseNth(u8),
    NoteSave,
    NoteNewline,
    NoteKind,
    NoteAbout,
    NoteCancel,
    NoteDelete,
    Vote(u8),
    VoteSave,
    // Cycles (issue 9).
    /// Move the cycle to its next phase (closing asks for the outcome).
    NextPhase,
    /// Choose any phase for the cycle (a skip is asked first and recorded).
    ChoosePhase,
    /// Choose one of the cycle's meetings to go to.
    CycleMeetings,
    FormNext,
    FormPrev,
    /// Enter in a form: next field on a one-line field, a new line in a long one.
    FormEnter,
    FormSave,
    FormCancel,
    Yes,
    No,
    // Mouse and $EDITOR (issue 12, native).
    /// A click on a row: select the `n`th visible row of the screen's list, or the
    /// `n`th entry of a chooser or vote sheet (0 is the first).
    SelectRow(usize),
    /// Open the focused text field, or the note being typed, in `$VISUAL`/`$EDITOR`.
    ExternalEditor,
    /// Ctrl-U where text is typed: clear the line up to the cursor, as in a shell.
    ClearLine,
}

/// A key with its modifiers, as a table entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    const fn ch(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }
    const fn shift(code: KeyCode) -> Self {
        Self {
            code,
            mods: KeyModifiers::SHIFT,
        }
    }
    const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Whether a terminal key event is this key. Shift is ignored for characters, since
    /// terminals report `?` or `A` with or without it.
    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        match (self.code, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b && (ev.modifiers & relevant) == (self.mods & relevant)
            }
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => {
                let relevant = relevant | KeyModifiers::SHIFT;
                a == b && (ev.modifiers & relevant) == (self.mods & relevant)
            }
        }
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            // Ctrl-S, as keyboards show the letter; a named key keeps its name.
            match self.code {
                KeyCode::Char(_) => format!("Ctrl-{}", base.to_uppercase()),
                _ => format!("Ctrl-{base}"),
            }
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else if self.mods.contains(KeyModifiers::SHIFT) {
            format!("Shift-{base}")
        } else {
            base
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    /// The screens it applies on; empty means every screen.
    pub screens: &'static [Screen],
    pub keys: &'static [Key],
    pub command: Command,
    /// Words for the help overlay and the footer.
    pub label: &'static str,
    /// Shown in the footer (the help overlay shows every binding).
    pub footer: bool,
}

const ALL: &[Screen] = &[];
const COMMUNITIES: &[Screen] = &[Screen::Communities];
const ROSTER: &[Screen] = &[Screen::Roster];
const GOALS: &[Screen] = &[Screen::Goals];
const EDITABLE: &[Screen] = &[Screen::Communities, Screen::Roster, Screen::Goals];
const MEETINGS: &[Screen] = &[Screen::Meetings];
const HISTORY: &[Screen] = &[Screen::History];
const CYCLES: &[Screen] = &[Screen::Cycles];
const PLAN: &[Screen] = &[Screen::Plan];
const LIBRARY: &[Screen] = &[Screen::Icebreakers];
const PLAN_LIBRARY: &[Screen] = &[Screen::Plan, Screen::Icebreakers];
const LIVE: &[Screen] = &[Screen::Live];
const LISTS: &[Screen] = &Screen::LISTS;
const ATTEND: &[Screen] = &[Screen::Attendance];
const SUMMARY: &[Screen] = &[Screen::Summary];
const ACTIONS: &[Screen] = &[Screen::Actions];
const INSIGHTS_FROM: &[Screen] = &[Screen::Communities, Screen::History];
const MEETING_VIEW: &[Screen] = &[Screen::MeetingView];
// Search (issue 10, searchui): `S` everywhere but the live meeting and its attendance;
// on Search itself it types the query again, as `/` does, and the footer shows `/` alone.
const SEARCH: &[Screen] = &[Screen::Search];
const SEARCH_FROM: &[Screen] =
    &all_but::<{ Screen::ALL.len() - 3 }>(&[Screen::Attendance, Screen::Live, Screen::Search]);
// The views opened from a list that only scroll: Esc goes back, j/k scroll.
const VIEWS: &[Screen] = &[Screen::Profile, Screen::Insights, Screen::MeetingView];
const NOT_VIEWS: &[Screen] = &all_but::<{ Screen::ALL.len() - 3 }>(VIEWS);
// A list's filter line; Search's query line has its own Enter and Esc.
const NOT_SEARCH: &[Screen] = &all_but::<{ Screen::ALL.len() - 1 }>(SEARCH);

/// `Screen::ALL` without the screens in `skip`: the `N` left (a new screen is in without
/// being listed; a wrong `N` does not compile).
const fn all_but<const N: usize>(skip: &[Screen]) -> [Screen; N] {
    let mut out = [Screen::Search; N];
    let (mut i, mut n) = (0, 0);
    while i < Screen::ALL.len() {
        let mut j = 0;
        while j < skip.len() && skip[j] as u8 != Screen::ALL[i] as u8 {
            j += 1;
        }
        if j == skip.len() {
            out[n] = Screen::ALL[i];
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "N is not the number of screens left");
    out
}
const ALT_ENTER: Key = Key {
    code: KeyCode::Enter,
    mods: KeyModifiers::ALT,
};

const fn b(
    mode: Mode,
    screens: &'static [Screen],
    keys: &'static [Key],
    command: Command,
    label: &'static str,
    footer: bool,
) -> Binding {
    Binding {
        mode,
        screens,
        keys,
        command,
        label,
        footer,
    }
}

use KeyCode as K;
use Mode::{Browse, Choose, Confirm, Filter, Form, Help, Note, Vote};

/// The keymap. Earlier rows win when two could match.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    // The live meeting: the most frequent actions are single keys.
    b(Browse, LIVE, &[Key::ch(' '), Key::plain(K::Right)], Command::NextSpeaker, "next speaker", true),
    b(Browse, LIVE, &[Key::ch('n'), Key::plain(K::Enter)], Command::Note, "note", true),
    b(Browse, LIVE, &[Key::ch('p')], Command::PassTurn, "pass", true),
    b(Browse, LIVE, &[Key::ch('b'), Key::plain(K::Left)], Command::BackTurn, "back", true),
    b(Browse, LIVE, &[Key::ch('h')], Command::RaiseHand, "hand", true),
    b(Browse, LIVE, &[Key::ch(']')], Command::NextItem, "next item", true),
    b(Browse, LIVE, &[Key::ch('[')], Command::PrevItem, "prev item", false),
    b(Browse, LIVE, &[Key::ch('z')], Command::TogglePause, "pause", true),
    b(Browse, LIVE, &[Key::ch('r')], Command::NewRound, "new round", true),
    b(Browse, LIVE, &[Key::ch('t')], Command::Floor, "who is talking (open floor)", false),
    b(Browse, LIVE, &[Key::ch('v')], Command::TogglePrompts, "prompts / cue card", false),
    b(Browse, LIVE, &[Key::ch('o')], Command::CycleOrder, "order", false),
    b(Browse, LIVE, &[Key::ch('O')], Command::SaveDefaultOrder, "order as default", false),

    b(Browse, LIVE, &[Key::ch('x')], Command::SkipTurn, "skip absent", false),
    b(Browse, LIVE, &[Key::ch('c')], Command::ConsentCheck, "consent", true),
    b(Browse, LIVE, &[Key::ch('a')], Command::Attendance, "attendance", false),
    b(Browse, LIVE, &[Key::ch('N')], Command::EditNotes, "edit notes", false),
    b(Browse, LIVE, &[Key::ch('i')], Command::EditSpeaker, "speaker's cue card (Enter edits)", false),
    b(Browse, LIVE, &[Key::ch('u')], Command::FollowUp, "follow up an action", false),
    b(Browse, LIVE, &[Key::ch('E')], Command::EndMeeting, "end meeting", true),
    // The learning cycle in the meeting (live-cycle).
    b(Browse, LIVE, &[Key::ch('w')], Command::ShowAgreements, "working agreements", false),
    b(Browse, LIVE, &[Key::ch('L')], Command::LinkSolution, "link a solution to a problem", false),
    b(Browse, LIVE, &[Key::ch('A')], Command::CommitAction, "commit an action (application)", false),
    b(Browse, LIVE, &[Key::ch('R')], Command::ReflectionWalk, "reflection walk", false),
    // Attendance.
    b(Browse, ATTEND, &[Key::ch(' ')], Command::CycleAttendance, "present/late/absent", true),
    b(Browse, ATTEND, &[Key::plain(K::Enter)], Command::OpenLive, "start / back to meeting", true),
    b(Browse, ATTEND, &[Key::ch('w')], Command::AddGuest, "add walk-in guest", true),
    b(Browse, ATTEND, &[Key::ch('m')], Command::AddNewMember, "add new member", true),
    // After the meeting.
    b(Browse, SUMMARY, &[Key::plain(K::Enter)], Command::GoTo(Screen::History), "to history", true),
    b(Browse, SUMMARY, &[Key::ch('v')], Command::Open, "meeting in full", true),
    // The meeting view (issue 10, hist).
    b(Browse, MEETING_VIEW, &[Key::ch('[')], Command::OtherMeeting(false), "older meeting", true),
    b(Browse, MEETING_VIEW, &[Key::ch(']')], Command::OtherMeeting(true), "newer meeting", true),
    b(Browse, MEETING_VIEW, &[Key::ch('M')], Command::ExportMinutes, "export minutes", true),
    // Search (issue 10, searchui).
    b(Browse, SEARCH, &[Key::ch('/')], Command::Search, "query", true),
    b(Browse, SEARCH, &[Key::ch('S')], Command::Search, "query", false),
    b(Browse, SEARCH, &[Key::plain(K::Enter)], Command::Open, "open at the hit", true),
    b(Browse, SEARCH, &[Key::ch('a')], Command::SearchAll, "all communities", true),
    b(Browse, SEARCH, &[Key::ch('m')], Command::SearchMember, "member", true),
    b(Browse, SEARCH, &[Key::ch('t')], Command::SearchKind, "kind", true),
    b(Browse, SEARCH, &[Key::ch('T')], Command::SearchKindBack, "kind before", false),
    // Everywhere in lists.
    b(Browse, ALL, &[Key::ch('?')], Command::Help, "help", true),
    b(Browse, ALL, &[Key::ch('q')], Command::Quit, "quit", true),
    // Search from (nearly) every screen.
    b(Browse, SEARCH_FROM, &[Key::ch('S')], Command::Search, "search", true),
    b(Browse, ALL, &[Key::plain(K::Tab)], Command::NextScreen, "next screen", false),
    b(Browse, ALL, &[Key::plain(K::BackTab)], Command::PrevScreen, "previous screen", false),
    b(Browse, ALL, &[Key::ch('1')], Command::GoTo(Screen::Communities), "Communities", false),
    b(Browse, ALL, &[Key::ch('2')], Command::GoTo(Screen::Roster), "Roster", false),
    b(Browse, ALL, &[Key::ch('3')], Command::GoTo(Screen::Goals), "Goals", false),
    b(Browse, ALL, &[Key::ch('4')], Command::GoTo(Screen::Meetings), "Meetings", false),
    b(Browse, ALL, &[Key::ch('5')], Command::GoTo(Screen::History), "History", false),
    b(Browse, ALL, &[Key::ch('6')], Command::GoTo(Screen::Cycles), "Cycles", false),
    b(Browse, ALL, &[Key::ch('7')], Command::GoTo(Screen::Actions), "Actions", false),
    b(Browse, NOT_VIEWS, &[Key::plain(K::Up), Key::ch('k')], Command::Up, "move up", false),
    b(Browse, NOT_VIEWS, &[Key::plain(K::Down), Key::ch('j')], Command::Down, "move down", false),
    b(Browse, ALL, &[Key::plain(K::PageUp)], Command::PageUp, "page up", false),
    b(Browse, ALL, &[Key::plain(K::PageDown)], Command::PageDown, "page down", false),
    b(Browse, ALL, &[Key::plain(K::Home), Key::ch('g')], Command::Top, "first row", false),
    b(Browse, ALL, &[Key::plain(K::End), Key::ch('G')], Command::Bottom, "last row", false),
    b(Browse, LISTS, &[Key::ch('/')], Command::Filter, "filter", true),
    // Communities, Roster, Goals.
    b(Browse, COMMUNITIES, &[Key::plain(K::Enter)], Command::Open, "open community", true),
    b(Browse, EDITABLE, &[Key::ch('n')], Command::New, "new", true),
    b(Browse, EDITABLE, &[Key::ch('e')], Command::Edit, "edit", true),
    b(Browse, ROSTER, &[Key::plain(K::Enter), Key::ch('p')], Command::Profile, "profile", true),
    b(Browse, GOALS, &[Key::plain(K::Enter)], Command::Edit, "edit", false),
    b(Browse, COMMUNITIES, &[Key::ch('x')], Command::Remove, "archive/restore", true),
    b(Browse, COMMUNITIES, &[Key::ch('v')], Command::ToggleShowArchived, "show archived", false),
    b(Browse, COMMUNITIES, &[Key::ch('w')], Command::EditAgreements, "working agreements", false),
    b(Browse, ROSTER, &[Key::ch('x')], Command::Remove, "deactivate/reactivate", true),
    b(Browse, GOALS, &[Key::ch('s')], Command::CycleStatus, "next status", true),
    b(Browse, GOALS, &[Key::ch('x')], Command::Remove, "delete/archive", true),
    b(Browse, GOALS, &[Key::ch('v')], Command::ToggleShowArchived, "show archived", false),
    // Meetings.
    b(Browse, MEETINGS, &[Key::ch('s')], Command::StartMeeting, "start meeting", true),
    b(Browse, MEETINGS, &[Key::ch('n')], Command::New, "plan", true),
    b(Browse, MEETINGS, &[Key::plain(K::Enter), Key::ch('e')], Command::Edit, "open plan", true),
    b(Browse, MEETINGS, &[Key::ch('l')], Command::OpenLive, "resume meeting", true),
    b(Browse, MEETINGS, &[Key::ch('i')], Command::Library, "icebreakers", true),
    b(Browse, MEETINGS, &[Key::ch('x')], Command::Remove, "cancel meeting", true),
    // History.
    b(Browse, HISTORY, &[Key::plain(K::Enter)], Command::Open, "open meeting", true),
    // After each screen's own keys (Communities' and History's Enter first).
    b(Browse, INSIGHTS_FROM, &[Key::ch('I')], Command::Insights, "insights", true),
    // Cycles (issue 9).
    b(Browse, CYCLES, &[Key::plain(K::Enter)], Command::Open, "open", true),
    b(Browse, CYCLES, &[Key::ch('n')], Command::New, "new cycle", true),
    b(Browse, CYCLES, &[Key::ch('e')], Command::Edit, "edit", true),
    b(Browse, CYCLES, &[Key::ch('p')], Command::NextPhase, "next phase", true),
    b(Browse, CYCLES, &[Key::ch('P')], Command::ChoosePhase, "choose phase", false),
    b(Browse, CYCLES, &[Key::ch('R')], Command::ReflectionWalk, "reflection walk", false),
    b(Browse, CYCLES, &[Key::ch('m')], Command::CycleMeetings, "meetings", true),
    // Actions: every action item, followed up between meetings.
    b(Browse, ACTIONS, &[Key::ch('n')], Command::New, "new action", true),
    b(Browse, ACTIONS, &[Key::ch('e')], Command::Edit, "edit", true),
    b(Browse, ACTIONS, &[Key::ch('u')], Command::ActionsFollowUp, "follow up", true),
    b(Browse, ACTIONS, &[Key::plain(K::Enter)], Command::Open, "history", true),
    b(Browse, ACTIONS, &[Key::ch('o')], Command::ActionsOwner, "by owner", true),
    b(Browse, ACTIONS, &[Key::ch('s')], Command::ActionsStatus, "by status", true),
    b(Browse, ACTIONS, &[Key::ch('x')], Command::Remove, "delete", false),
    // Planning a meeting.
    b(Browse, PLAN, &[Key::ch('a'), Key::ch('n')], Command::New, "add item", true),
    b(Browse, PLAN, &[Key::plain(K::Enter), Key::ch('e')], Command::Edit, "edit item", true),
    b(Browse, PLAN, &[Key::ch('x')], Command::Remove, "remove item", true),
    b(Browse, PLAN, &[Key::ch('i')], Command::Library, "icebreaker", true),
    b(Browse, PLAN_LIBRARY, &[Key::ch('s')], Command::Suggest, "suggest icebreaker", true),
    b(Browse, PLAN, &[Key::ch('m')], Command::EditMeeting, "meeting details", true),
    // After the keys that add and change items: a narrow footer, which drops the last
    // hints, keeps those.
    b(Browse, PLAN, &[Key::shift(K::Up), Key::ch('K')], Command::MoveUp, "move item up", true),
    b(Browse, PLAN, &[Key::shift(K::Down), Key::ch('J')], Command::MoveDown, "move item down", true),
    b(Browse, PLAN, &[Key::ch('t')], Command::SaveTemplate, "save as template", false),
    // The icebreaker library.
    b(Browse, LIBRARY, &[Key::plain(K::Enter)], Command::Open, "use for the item", true),
    b(Browse, LIBRARY, &[Key::ch('c')], Command::CycleCategory, "category", true),
    b(Browse, LIBRARY, &[Key::ch('r')], Command::ToggleRemote, "remote only", true),
    b(Browse, LIBRARY, &[Key::ch('m')], Command::CycleMinutes, "max minutes", true),
    b(Browse, LIBRARY, &[Key::ch('d')], Command::CycleDepth, "depth", false),
    b(Browse, LIBRARY, &[Key::ch('n')], Command::New, "new custom", false),
    b(Browse, LIBRARY, &[Key::ch('e')], Command::Edit, "edit custom", false),
    b(Browse, NOT_VIEWS, &[Key::plain(K::Esc)], Command::Back, "back / clear filter", false),
    // The views that scroll (no list, no filter) say how to leave and scroll in the footer.
    b(Browse, VIEWS, &[Key::plain(K::Esc)], Command::Back, "back", true),
    b(Browse, VIEWS, &[Key::plain(K::Up), Key::ch('k')], Command::Up, "scroll up", false),
    b(Browse, VIEWS, &[Key::plain(K::Down), Key::ch('j')], Command::Down, "scroll down", true),
    // Typing a filter.
    b(Filter, NOT_SEARCH, &[Key::plain(K::Enter)], Command::FilterDone, "keep filter", true),
    b(Filter, NOT_SEARCH, &[Key::plain(K::Esc)], Command::Back, "clear filter", true),
    b(Filter, SEARCH, &[Key::plain(K::Enter)], Command::FilterDone, "search", true),
    b(Filter, SEARCH, &[Key::plain(K::Esc)], Command::Back, "cancel", true),
    b(Filter, ALL, &[Key::ctrl('u')], Command::ClearLine, "clear to line start", false),
    b(Filter, ALL, &[Key::plain(K::Up)], Command::Up, "move up", false),
    b(Filter, ALL, &[Key::plain(K::Down)], Command::Down, "move down", false),
    // Forms.
    b(Form, ALL, &[Key::ctrl('s')], Command::FormSave, "save", true),
    b(Form, ALL, &[Key::plain(K::Esc)], Command::FormCancel, "cancel", true),
    b(Form, ALL, &[Key::plain(K::Tab)], Command::FormNext, "next field", true),
    b(Form, ALL, &[Key::plain(K::BackTab)], Command::FormPrev, "previous field", true),
    b(Form, ALL, &[Key::plain(K::Enter)], Command::FormEnter, "next field / new line", false),
    b(Form, ALL, &[Key::ctrl('g')], Command::ExternalEditor, "edit in $EDITOR", true),
    b(Form, ALL, &[Key::ctrl('u')], Command::ClearLine, "clear to line start", false),
    // Choosing from a short list.
    b(Choose, ALL, &[Key::plain(K::Up), Key::ch('k')], Command::Up, "move up", true),
    b(Choose, ALL, &[Key::plain(K::Down), Key::ch('j')], Command::Down, "move down", true),
    b(Choose, ALL, &[Key::plain(K::Enter)], Command::Open, "choose", true),
    b(Choose, ALL, &[Key::plain(K::Esc)], Command::Back, "cancel", true),
    b(Choose, ALL, &[Key::ch('1')], Command::ChooseNth(1), "choose row 1", false),
    b(Choose, ALL, &[Key::ch('2')], Command::ChooseNth(2), "choose row 2", false),
    b(Choose, ALL, &[Key::ch('3')], Command::ChooseNth(3), "choose row 3", false),
    b(Choose, ALL, &[Key::ch('4')], Command::ChooseNth(4), "choose row 4", false),
    b(Choose, ALL, &[Key::ch('5')], Command::ChooseNth(5), "choose row 5", false),
    b(Choose, ALL, &[Key::ch('6')], Command::ChooseNth(6), "choose row 6", false),
    b(Choose, ALL, &[Key::ch('7')], Command::ChooseNth(7), "choose row 7", false),
    b(Choose, ALL, &[Key::ch('8')], Command::ChooseNth(8), "choose row 8", false),
    b(Choose, ALL, &[Key::ch('9')], Command::ChooseNth(9), "choose row 9", false),
    // Typing a note.
    b(Note, ALL, &[Key::plain(K::Enter)], Command::NoteSave, "save note", true),
    b(Note, ALL, &[ALT_ENTER, Key::ctrl('j')], Command::NoteNewline, "new line", true),
    b(Note, ALL, &[Key::plain(K::Tab)], Command::NoteKind, "kind", true),
    b(Note, ALL, &[Key::plain(K::BackTab)], Command::NoteAbout, "speaker/group", true),
    b(Note, ALL, &[Key::ctrl('d')], Command::NoteDelete, "delete (editing)", false),
    b(Note, ALL, &[Key::plain(K::Esc)], Command::NoteCancel, "close (draft kept)", true),
    b(Note, ALL, &[Key::ctrl('g')], Command::ExternalEditor, "edit in $EDITOR", true),
    b(Note, ALL, &[Key::ctrl('u')], Command::ClearLine, "clear to line start", false),
    // Consent votes.
    b(Vote, ALL, &[Key::ch('0')], Command::Vote(0), "block", true),
    b(Vote, ALL, &[Key::ch('1')], Command::Vote(1), "block", false),
    b(Vote, ALL, &[Key::ch('2')], Command::Vote(2), "concerns", false),
    b(Vote, ALL, &[Key::ch('3')], Command::Vote(3), "consent", false),
    b(Vote, ALL, &[Key::ch('4')], Command::Vote(4), "support", false),
    b(Vote, ALL, &[Key::ch('5')], Command::Vote(5), "full support", true),
    b(Vote, ALL, &[Key::plain(K::Up), Key::ch('k')], Command::Up, "previous member", false),
    b(Vote, ALL, &[Key::plain(K::Down), Key::ch('j')], Command::Down, "next member", false),
    b(Vote, ALL, &[Key::ctrl('s')], Command::VoteSave, "record", true),
    b(Vote, ALL, &[Key::plain(K::Esc)], Command::Back, "cancel", true),
    // Questions.
    b(Confirm, ALL, &[Key::ch('y')], Command::Yes, "yes", true),
    b(Confirm, ALL, &[Key::ch('n'), Key::plain(K::Esc)], Command::No, "no", true),
    // Help.
    b(Help, ALL, &[Key::plain(K::Esc), Key::ch('?'), Key::ch('q')], Command::Back, "close help", true),
    b(Help, ALL, &[Key::plain(K::PageDown), Key::ch(' ')], Command::PageDown, "more keys", false),
    b(Help, ALL, &[Key::plain(K::PageUp)], Command::PageUp, "keys before", false),
];

pub(super) fn applies(bd: &Binding, screen: Screen) -> bool {
    bd.screens.is_empty() || bd.screens.contains(&screen)
}

/// Whether a command acts on the selected row (so it means nothing on an empty list).
pub fn needs_row(cmd: Command, screen: Screen) -> bool {
    // `I` opens the chosen community's insights on History, the row's on Communities.
    (cmd == Command::Insights && screen == Screen::Communities)
        || matches!(
            cmd,
            Command::Open
                | Command::Edit
                | Command::Remove
                | Command::CycleStatus
                | Command::EditAgreements
                | Command::MoveUp
                | Command::MoveDown
                | Command::StartMeeting
                | Command::CycleAttendance
                | Command::NextPhase
                | Command::ChoosePhase
                | Command::CycleMeetings
                | Command::ActionsFollowUp
                | Command::Profile
        )
}

impl super::App {
    /// Whether the footer offers `cmd` now: `l` (resume meeting) on Meetings only while a
    /// meeting is live, so at 80 columns it does not push out the keys that always work
    /// there (`i` icebreakers); the help lists it always.
    pub fn offers(&self, cmd: Command) -> bool {
        match (cmd, self.cx.screen) {
            (Command::OpenLive, Screen::Meetings) => {
                self.live.is_running()
                    || (self.browse.upcoming.iter())
                        .any(|m| m.status == crate::domain::meeting::MeetingStatus::Live)
            }
            _ => true,
        }
    }
}

/// All keys of a binding, written `e/Enter`.
pub fn keys_label(bd: &Binding) -> String {
    bd.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Keymap;

    /// The command of `ev` in the built-in keymap.
    fn lookup(mode: Mode, screen: Screen, ev: &KeyEvent) -> Option<Command> {
        Keymap::default().lookup(mode, screen, ev)
    }

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn letters_are_not_commands_in_forms() {
        for c in "qnex?/1jk ".chars() {
            assert_eq!(
                lookup(
                    Mode::Form,
                    Screen::Roster,
                    &ev(KeyCode::Char(c), KeyModifiers::NONE)
                ),
                None
            );
        }
        assert_eq!(
            lookup(
                Mode::Form,
                Screen::Roster,
                &ev(KeyCode::Char('s'), KeyModifiers::CONTROL)
            ),
            Some(Command::FormSave)
        );
    }

    #[test]
    fn screen_specific_bindings() {
        let x = ev(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(lookup(Mode::Browse, Screen::History, &x), None);
        assert_eq!(
            lookup(Mode::Browse, Screen::Goals, &x),
            Some(Command::Remove)
        );
        assert_eq!(
            lookup(Mode::Browse, Screen::Roster, &x),
            Some(Command::Remove)
        );
        let enter = ev(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            lookup(Mode::Browse, Screen::Communities, &enter),
            Some(Command::Open)
        );
        // Enter on the roster opens the member's profile (issue 10); `e` edits.
        assert_eq!(
            lookup(Mode::Browse, Screen::Roster, &enter),
            Some(Command::Profile)
        );
        let e = ev(KeyCode::Char('e'), KeyModifiers::NONE);
        assert_eq!(
            lookup(Mode::Browse, Screen::Roster, &e),
            Some(Command::Edit)
        );
        assert_eq!(
            lookup(Mode::Browse, Screen::Goals, &enter),
            Some(Command::Edit)
        );
    }

    #[test]
    fn shifted_question_mark_is_help() {
        let q = ev(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(
            lookup(Mode::Browse, Screen::Communities, &q),
            Some(Command::Help)
        );
    }

    #[test]
    fn no_two_bindings_share_a_key_in_one_context() {
        use strum::VariantArray;
        // Every mode (a new one is covered without being listed) on every screen: no
        // event is taken by two keys, in one binding or two.
        for &mode in Mode::VARIANTS {
            for screen in Screen::ALL {
                let map = Keymap::default();
                let keys: Vec<(&Binding, &Key)> = (map.bindings(mode, screen))
                    .flat_map(|r| r.keys.iter().map(move |k| (r.binding, k)))
                    .collect();
                for (i, &(a, ka)) in keys.iter().enumerate() {
                    for &(b, kb) in &keys[i + 1..] {
                        let clash =
                            ka.matches(&ev(kb.code, kb.mods)) || kb.matches(&ev(ka.code, ka.mods));
                        assert!(
                            !clash,
                            "{mode:?}/{screen:?}: {} ({}) and {} ({}) take the same key",
                            ka.label(),
                            a.label,
                            kb.label(),
                            b.label
                        );
                    }
                }
            }
        }
    }
}
