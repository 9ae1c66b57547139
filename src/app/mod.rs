//! The application state machine. Keys become [`Command`]s through the [`keymap`];
//! [`App::handle`] applies a command through the store and refreshes what the screens
//! show. It never touches the terminal, so tests drive it directly.

mod browse;
mod edit;
pub mod form;
pub mod keymap;
mod library;
mod lists;
mod live;
mod planning;

pub use form::{Form, FormKind};
pub use keymap::{Command, Mode};
pub use library::{LibraryFilter, LibraryFilterKey};
pub use lists::ListState;
pub use live::{LiveUi, NoteEditor, VoteSheet};
pub use planning::{Plan, local};

use crate::domain::icebreaker::Icebreaker;
use crate::domain::live::LiveMeeting;
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::sanitize;
use crate::domain::{
    AgendaItemId, Clock, Community, CommunityId, Goal, LeadershipTerm, MeetingId, Member, NoteId,
};
use crate::store::{MeetingSummary, Store, StoreError};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

/// The screens. The first five are tabs; Plan and Icebreakers open from Meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Communities,
    Roster,
    Goals,
    Meetings,
    History,
    /// The agenda of one planned meeting.
    Plan,
    /// The icebreaker library.
    Icebreakers,
    /// Who is here, before and during a meeting.
    Attendance,
    /// The meeting being run.
    Live,
    /// What happened, right after a meeting ends.
    Summary,
}

impl Screen {
    /// The tabs, in order.
    pub const TABS: [Screen; 5] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
    ];

    /// Every screen.
    pub const ALL: [Screen; 10] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
        Screen::Plan,
        Screen::Icebreakers,
        Screen::Attendance,
        Screen::Live,
        Screen::Summary,
    ];

    /// The title.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Communities => "Communities",
            Screen::Roster => "Roster",
            Screen::Goals => "Goals",
            Screen::Meetings => "Meetings",
            Screen::History => "History",
            Screen::Plan => "Plan",
            Screen::Icebreakers => "Icebreakers",
            Screen::Attendance => "Attendance",
            Screen::Live => "Live meeting",
            Screen::Summary => "Meeting summary",
        }
    }

    /// Index among all screens (for per-screen state).
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    /// The tab a screen belongs to.
    pub fn tab(self) -> Screen {
        match self {
            Screen::Plan
            | Screen::Icebreakers
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary => Screen::Meetings,
            s => s,
        }
    }

    /// The screens that are lists (with rows to select and filter).
    pub const LISTS: [Screen; 8] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
        Screen::Plan,
        Screen::Icebreakers,
        Screen::Attendance,
    ];

    /// Whether the screen is a list (with rows to select and filter).
    pub fn has_list(self) -> bool {
        Self::LISTS.contains(&self)
    }

    /// Whether the screen shows one community's data.
    pub fn needs_community(self) -> bool {
        !matches!(self, Screen::Communities | Screen::Icebreakers)
    }
}

/// A one-line message under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Something waiting for a yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
}

/// What a confirmed question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Archive (true) or restore (false) a community.
    ArchiveCommunity(CommunityId, bool),
    /// Cancel a planned meeting.
    CancelMeeting(MeetingId),
    /// Remove an agenda item.
    RemoveItem(AgendaItemId),
    /// End the live meeting.
    EndMeeting(MeetingId),
    /// Resume the live meeting found at start-up.
    Resume(MeetingId),
    /// Quit while a meeting is live.
    QuitLive,
    /// Delete a meeting note.
    DeleteNote(NoteId),
}

/// A short list to choose one entry from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub title: String,
    /// Each option with a one-line description.
    pub options: Vec<(String, String)>,
    /// The row id behind each option, where the purpose needs one (a member's, a
    /// note's or an action's, as the purpose says).
    pub ids: Vec<i64>,
    pub selected: usize,
    pub purpose: ChoosePurpose,
}

/// What choosing an entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoosePurpose {
    /// Plan a new meeting from the chosen template (the last option is "empty agenda").
    Template,
    /// Queue the chosen member to speak next (options are member ids).
    RaiseHand,
    /// Edit the chosen note (options are note ids).
    EditNote,
    /// Mark the chosen action item done (options are action ids).
    ActionDone,
}

/// What sits on top of the current screen.
#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Filter(Box<TextArea<'static>>),
    Form(Box<Form>),
    Confirm(Confirm),
    Choose(Chooser),
    /// Typing a meeting note.
    Note(Box<NoteEditor>),
    /// Entering consent votes.
    Vote(Box<VoteSheet>),
}

/// Rows a page-up/page-down moves.
const PAGE: usize = 10;

/// The whole state of the interactive app.
pub struct App {
    pub store: Store,
    clock: Box<dyn Clock>,
    pub screen: Screen,
    /// The community the Roster, Goals, Meetings and History screens show.
    pub community: Option<Community>,
    pub communities: Vec<Community>,
    /// Every leadership term, with its community (newest first within one).
    pub leadership: Vec<(CommunityId, LeadershipTerm)>,
    pub members: Vec<Member>,
    pub goals: Vec<Goal>,
    pub upcoming: Vec<MeetingSummary>,
    pub history: Vec<MeetingSummary>,
    /// The meeting open on the Plan screen.
    pub plan: Option<Plan>,
    /// The icebreaker library, with the filters of its screen.
    pub icebreakers: Vec<Icebreaker>,
    pub library: LibraryFilter,
    /// The agenda item an icebreaker is being picked for.
    pub pick_for: Option<AgendaItemId>,
    suggest_seed: u64,
    /// The meeting being run (or just ended), as stored.
    pub live: Option<LiveMeeting>,
    /// A past meeting opened from History (shown on the Summary screen).
    pub review: Option<LiveMeeting>,
    /// Live-mode state that is not data: note draft, next round's order.
    pub live_ui: LiveUi,
    /// Votes to enter once the consent form closes.
    pending_vote: Option<Box<VoteSheet>>,
    lists: [ListState; 10],
    pub show_archived: bool,
    pub overlay: Overlay,
    pub status: Option<Status>,
    /// Draw with colours (off when `NO_COLOR` is set).
    pub color: bool,
    pub quit: bool,
}

const LAST_COMMUNITY: &str = "last_community";

impl App {
    /// Builds the interactive app over `store`: it reopens the community used last, or,
    /// when a meeting was left live (a crash, a closed laptop), that meeting's community
    /// with an offer to resume it.
    pub fn new(store: Store, clock: Box<dyn Clock>) -> Self {
        Self::build(store, clock, true)
    }

    /// Builds the app for reading only (`roundtable render`): it never offers to resume.
    pub fn read_only(store: Store, clock: Box<dyn Clock>) -> Self {
        Self::build(store, clock, false)
    }

    fn build(store: Store, clock: Box<dyn Clock>, interactive: bool) -> Self {
        let mut app = Self {
            store,
            clock,
            screen: Screen::Communities,
            community: None,
            communities: Vec::new(),
            leadership: Vec::new(),
            members: Vec::new(),
            goals: Vec::new(),
            upcoming: Vec::new(),
            history: Vec::new(),
            plan: None,
            icebreakers: Vec::new(),
            library: LibraryFilter::default(),
            pick_for: None,
            suggest_seed: 0,
            live: None,
            review: None,
            live_ui: LiveUi::default(),
            pending_vote: None,
            lists: Default::default(),
            show_archived: false,
            overlay: Overlay::None,
            status: None,
            color: true,
            quit: false,
        };
        // The community is chosen before the one full load of the screens.
        let live = if interactive {
            app.store.any_live_meeting().ok().flatten()
        } else {
            None
        };
        let communities = app.store.communities(false).unwrap_or_default();
        let last = app
            .store
            .setting(LAST_COMMUNITY)
            .ok()
            .flatten()
            .and_then(|s| s.parse::<CommunityId>().ok());
        let wanted = live.map(|(_, c)| c).or(last);
        app.community = match wanted {
            // An archived community is not reopened (but a live meeting's always is).
            Some(id) => app
                .store
                .community(id)
                .ok()
                .filter(|c| !c.archived || live.is_some()),
            None if communities.len() == 1 => communities.first().cloned(),
            None => None,
        };
        app.icebreakers = app.store.icebreakers().unwrap_or_default();
        app.refresh();
        if let Some(id) = app.community.as_ref().map(|c| c.id) {
            app.select_community_row(id);
        }
        if let Some((meeting, _)) = live {
            app.offer_resume(meeting);
        }
        app
    }

    /// Asks whether to resume the meeting left live.
    fn offer_resume(&mut self, meeting: MeetingId) {
        let title = self
            .store
            .meeting(meeting)
            .map(|m| m.title)
            .unwrap_or_default();
        self.screen = Screen::Meetings;
        self.overlay = Overlay::Confirm(Confirm {
            question: format!(
                "'{}' is still live. Resume it where it was? (The time Roundtable was closed counts as paused.)",
                sanitize(&title, false)
            ),
            on_yes: Pending::Resume(meeting),
        });
    }

    /// Shows `c` on the community screens without remembering it as the last used
    /// (read-only callers such as `render`).
    pub fn show_community(&mut self, c: Community) {
        self.select_community_row(c.id);
        self.community = Some(c);
        self.refresh();
    }

    /// The mode the keymap is read in.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None => Mode::Browse,
            Overlay::Help => Mode::Help,
            Overlay::Filter(_) => Mode::Filter,
            Overlay::Form(_) => Mode::Form,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Choose(_) => Mode::Choose,
            Overlay::Note(_) => Mode::Note,
            Overlay::Vote(_) => Mode::Vote,
        }
    }

    /// A key from the terminal.
    pub fn on_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        let mode = self.mode();
        if let Some(cmd) = keymap::lookup(mode, self.screen, &ev) {
            self.handle(cmd);
            return;
        }
        match &mut self.overlay {
            Overlay::Form(form) => form.input(ev),
            Overlay::Note(note) => {
                note.area.input(ev);
            }
            Overlay::Filter(area) => {
                area.input(ev);
                let text = area.lines().join(" ");
                self.set_filter(text);
            }
            _ => {}
        }
    }

    /// Text pasted into the terminal (bracketed paste).
    pub fn on_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Overlay::Form(form) => form.paste(text),
            Overlay::Note(note) => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                note.area.insert_str(sanitize(&text, true));
            }
            Overlay::Filter(area) => {
                area.insert_str(sanitize(&text.replace(['\r', '\n'], " "), false));
                let text = area.lines().join(" ");
                self.set_filter(text);
            }
            _ => {}
        }
    }

    /// Applies one command.
    pub fn handle(&mut self, cmd: Command) {
        if !matches!(cmd, Command::Up | Command::Down | Command::Vote(_)) {
            self.status = None;
        }
        if self.handle_live(cmd) {
            return;
        }
        match cmd {
            Command::Quit if self.meeting_is_live() => {
                self.overlay = Overlay::Confirm(Confirm {
                    question:
                        "A meeting is live. Quit? It stays live: reopen Roundtable to resume it."
                            .into(),
                    on_yes: Pending::QuitLive,
                });
            }
            Command::Quit => self.quit = true,
            Command::Help => self.overlay = Overlay::Help,
            Command::NextScreen => self.go_to(Screen::TABS[(self.screen.tab().index() + 1) % 5]),
            Command::PrevScreen => self.go_to(Screen::TABS[(self.screen.tab().index() + 4) % 5]),
            Command::GoTo(s) => self.go_to(s),
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            Command::MoveUp => self.move_item(-1),
            Command::MoveDown => self.move_item(1),
            Command::Library => self.open_library(),
            Command::Suggest => self.suggest(),
            Command::EditMeeting => self.edit_meeting(),
            Command::SaveTemplate => self.save_as_template(),
            Command::CycleCategory => self.cycle_library_filter(LibraryFilterKey::Category),
            Command::ToggleRemote => self.cycle_library_filter(LibraryFilterKey::Remote),
            Command::CycleMinutes => self.cycle_library_filter(LibraryFilterKey::Minutes),
            Command::CycleDepth => self.cycle_library_filter(LibraryFilterKey::Depth),
            Command::PageUp => self.move_selection(-(PAGE as isize)),
            Command::PageDown => self.move_selection(PAGE as isize),
            Command::Top => self.move_selection(isize::MIN / 2),
            Command::Bottom => self.move_selection(isize::MAX / 2),
            Command::Open => match (&self.overlay, self.screen) {
                (Overlay::Choose(_), _) => self.choose(),
                (_, Screen::Meetings)
                    if self
                        .selected_upcoming()
                        .is_some_and(|m| m.status == MeetingStatus::Live) =>
                {
                    self.handle(Command::OpenLive)
                }
                (_, Screen::Icebreakers) => self.use_icebreaker(),
                (_, Screen::History) => self.open_past(),

                _ => self.open_selected(),
            },
            Command::Back => self.back(),
            // A filter typed where no list is drawn would be typed out of sight.
            Command::Filter if !self.list_is_drawn() => self.info(if self.community.is_none() {
                "Choose a community first: select one on Communities and press Enter"
            } else {
                "No list to filter here"
            }),
            Command::Filter => {
                let mut area = TextArea::new(vec![self.list(self.screen).filter.clone()]);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                area.set_cursor_line_style(ratatui::style::Style::default());
                self.overlay = Overlay::Filter(Box::new(area));
            }
            Command::FilterDone => self.overlay = Overlay::None,
            Command::New => self.open_form(true),
            Command::Edit => self.open_form(false),
            Command::Remove => self.remove(),
            Command::ToggleShowArchived => {
                self.show_archived = !self.show_archived;
                self.refresh();
                self.info(if self.show_archived {
                    "Showing archived communities"
                } else {
                    "Archived communities hidden"
                });
            }
            Command::CycleStatus => self.cycle_goal_status(),
            Command::FormNext => self.with_form(Form::next),
            Command::FormPrev => self.with_form(Form::prev),
            Command::FormEnter => self.with_form(Form::enter),
            Command::FormSave => self.save_form(),
            Command::FormCancel => {
                self.overlay = Overlay::None;
                self.info("Cancelled; nothing was changed");
            }
            Command::Yes => self.confirm(),
            Command::No => {
                let was = std::mem::take(&mut self.overlay);
                match was {
                    Overlay::Confirm(Confirm {
                        on_yes: Pending::Resume(_),
                        ..
                    }) => self.info(
                        "The meeting stays live: select it on Meetings and press l to resume",
                    ),
                    Overlay::Confirm(Confirm {
                        on_yes: Pending::QuitLive,
                        ..
                    }) => self.info("Still here; the meeting goes on"),
                    _ => self.info("Nothing was changed"),
                }
            }
            // Live-meeting commands are handled by `handle_live` above.
            _ => {}
        }
    }

    fn with_form(&mut self, f: impl FnOnce(&mut Form)) {
        if let Overlay::Form(form) = &mut self.overlay {
            f(form);
        }
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    /// Reloads everything the screens show from the store.
    pub fn refresh(&mut self) {
        self.reload_live();
        if let Err(e) = self.try_refresh() {
            self.error(format!("Could not read the database: {e}"));
        }
        for s in Screen::ALL {
            let n = self.visible(s).len();
            self.list_mut(s).clamp(n);
        }
    }

    fn try_refresh(&mut self) -> Result<(), StoreError> {
        self.communities = self.store.communities(self.show_archived)?;
        self.leadership = self.store.leadership(None)?;
        self.plan = match self.plan.as_ref().map(|p| p.meeting.id) {
            Some(id) => Some(planning::load_plan(&self.store, id)?),
            None => None,
        };
        self.community = match self.community.as_ref().map(|c| c.id) {
            Some(id) => self.store.community(id).ok(),
            None => None,
        };
        match self.community.as_ref().map(|c| c.id) {
            Some(id) => {
                self.members = self.store.members(id)?;
                self.goals = self.store.goals(id)?;
                self.upcoming = self.store.meetings(id, &["live", "planned"], false)?;
                self.history = self.store.meetings(id, &["ended"], true)?;
            }
            None => {
                self.members.clear();
                self.goals.clear();
                self.upcoming.clear();
                self.history.clear();
            }
        }
        Ok(())
    }

    /// Whether the screen draws its list: not without its community, meeting or plan.
    fn list_is_drawn(&self) -> bool {
        match self.screen {
            s if s.needs_community() && self.community.is_none() => false,
            Screen::Plan => self.plan.is_some(),
            Screen::Attendance => self.live.is_some(),
            s => s.has_list(),
        }
    }

    fn go_to(&mut self, s: Screen) {
        if s != Screen::Summary {
            self.review = None;
        }
        self.screen = s;

        if s.needs_community() && self.community.is_none() {
            self.info("Choose a community first: select one on Communities and press Enter");
        }
    }

    fn back(&mut self) {
        match self.overlay {
            Overlay::Filter(_) => {
                self.set_filter(String::new());
                self.overlay = Overlay::None;
            }
            Overlay::None if !self.list(self.screen).filter.is_empty() => {
                self.set_filter(String::new());
            }
            Overlay::None => {
                self.screen = match self.screen {
                    Screen::Plan | Screen::Live => Screen::Meetings,
                    Screen::Attendance if self.meeting_is_live() => Screen::Live,
                    Screen::Attendance => Screen::Meetings,
                    Screen::Summary => {
                        self.review = None;
                        Screen::History
                    }

                    Screen::Icebreakers if self.plan.is_some() => Screen::Plan,
                    Screen::Icebreakers => Screen::Meetings,
                    _ => Screen::Communities,
                };
                self.pick_for = None;
            }
            _ => self.overlay = Overlay::None,
        }
    }

    fn open_selected(&mut self) {
        let Some(c) = self.selected_community().cloned() else {
            self.info("No community yet: press n to create one");
            return;
        };
        let _ = self
            .store
            .write(|tx| tx.set_setting(LAST_COMMUNITY, &c.id.to_string()));
        self.community = Some(c);
        self.refresh();
        self.screen = Screen::Roster;
    }
}
