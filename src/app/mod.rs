//! The application state machine. Keys become [`Command`]s through the [`keymap`];
//! [`App::handle`] applies a command through the store and refreshes what the screens
//! show. It never touches the terminal, so tests drive it directly.
//!
//! `App` is the shared part ([`Ctx`]: the store, the clock, the screen, the overlay and
//! the status line) plus one struct per **area**, each in its own module:
//! [`browse`] (the communities and the chosen one's roster, goals and meetings),
//! [`plan`] (the agenda editor), [`live`] (the meeting being run), [`library`] (the
//! icebreakers), [`review`] (a past meeting opened from History), [`cycles`] (the
//! learning cycles) and [`actions`] (every action item, followed up between meetings).
//! An area's methods
//! get the context and whatever else they need as arguments; they never see another
//! area. `dispatch` routes every command to one of them.
//!
//! Outside this module the state is read-only: `App`'s fields are private and its
//! accessors hand out shared references, so `ui` (which only ever holds `&App`) cannot
//! reach the store or change anything.

mod across;
pub mod actions;
// Themes and plain rendering (issue 12).
pub mod appearance;
pub mod browse;
mod ctx;
pub mod cycles;
mod dispatch;
// $EDITOR for long text (issue 12, native).
mod editor;
pub mod form;
pub mod insights;
pub mod keymap;
// Settings (issue 12): the effective keymap, with the settings file's overrides.
pub mod keys;
pub mod library;
mod lists;
pub mod live;
pub mod plan;
pub mod present;
pub mod review;
mod screen;
mod scroll;
pub mod search;

pub use actions::{ACTIONS_PAGE, Actions, StatusFilter};
pub use appearance::{Appearance, ThemeName};
pub use browse::Browse;
pub use cycles::Cycles;
pub use editor::EditRequest;
pub use form::{Form, FormKind};
pub use insights::{CommunityInsights, Insights, ProfileView};
pub use keymap::{Command, Mode};
pub use library::{Library, LibraryFilter, LibraryFilterKey};
pub use lists::ListState;
pub use live::{Live, NoteEditor, VoteSheet};
pub use plan::{Plan, Planner, local};
pub use review::Review;
pub use screen::{ChoosePurpose, Chooser, Confirm, Overlay, Pending, Screen, Status};
pub use scroll::Scroll;
pub use search::Search;

use crate::domain::text::sanitize;
use crate::domain::{Clock, Community, CommunityId, MeetingId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};
use ctx::Ctx;

/// The whole state of the interactive app.
pub struct App {
    cx: Ctx,
    browse: Browse,
    planner: Planner,
    live: Live,
    library: Library,
    review: Review,
    cycles: Cycles,
    actions: Actions,
    insights: Insights,
    search: Search,
    /// Draw with colours (off when `NO_COLOR` is set).
    color: bool,
    /// The theme and plain drawing (issue 12).
    appearance: Appearance,
    quit: bool,
    /// The terminal's size, as last told by the terminal loop (`None`: not known, as in
    /// tests and `render`, where the screen is taken to be large enough).
    size: Option<(u16, u16)>,
    /// The help page asked for with PgDn/PgUp since it opened; the help shows it modulo
    /// the number of pages that fit (they go round).
    help_page: i32,
    /// Text the leader asked to edit in their own editor (`Ctrl-G`), for the terminal
    /// loop to take.
    edit_request: Option<EditRequest>,
    /// The keymap in effect: the built-in one with the settings' overrides (issue 12).
    keymap: keys::Keymap,
    /// Areas left unread by the last refresh because their screen was not shown.
    unread: Unread,
}

/// The areas read only while their screen is shown (a refresh elsewhere marks them
/// unread; [`App::load_shown`] reads one when its screen is next shown), so ten years of
/// history, goal progress, cycles and actions are not re-read for screens nobody is
/// looking at.
#[derive(Debug, Default)]
struct Unread {
    history: bool,
    goal_progress: bool,
    cycles: bool,
    actions: bool,
}

/// Smallest terminal width the screens are laid out for.
pub const MIN_WIDTH: u16 = 64;
/// Smallest terminal height the screens are laid out for.
pub const MIN_HEIGHT: u16 = 20;

/// Setting key of the community used last.
const LAST_COMMUNITY: &str = "last_community";

/// How long ago `demo --live` may have made its meeting live for the app to run it as
/// new (see [`App::run_left_live`]): making the demo takes a second or two.
const JUST_MADE: chrono::Duration = chrono::Duration::seconds(60);

impl App {
    /// Builds the interactive app over `store`: it reopens the community used last, or,
    /// when a meeting was left live (a crash, a closed laptop), that meeting's community
    /// with an offer to resume it.
    pub fn new(store: Store, clock: Box<dyn Clock>) -> Self {
        Self::build(store, clock, true, None)
    }

    /// Builds the app for reading only (`roundtable render`): it never offers to resume.
    /// It opens on `community` when given (read once, never remembered as the last
    /// used), else as the interactive app would.
    pub fn read_only(store: Store, clock: Box<dyn Clock>, community: Option<Community>) -> Self {
        Self::build(store, clock, false, community)
    }

    fn build(
        store: Store,
        clock: Box<dyn Clock>,
        interactive: bool,
        chosen: Option<Community>,
    ) -> Self {
        let mut app = Self {
            cx: Ctx {
                store,
                clock,
                screen: Screen::Communities,
                overlay: Overlay::None,
                status: None,
                stale: false,
                form_kept: None,
                form_since: None,
                held_form: None,
                settings: crate::settings::Settings::default(),
                dates: crate::settings::Dates::default(),
            },
            browse: Browse::default(),
            planner: Planner::default(),
            live: Live::default(),
            library: Library::default(),
            review: Review::default(),
            cycles: Cycles::default(),
            actions: Actions::default(),
            insights: Insights::default(),
            search: Search::default(),
            color: true,
            appearance: Appearance::default(),
            quit: false,
            size: None,
            help_page: 0,
            edit_request: None,
            keymap: keys::Keymap::default(),
            unread: Unread::default(),
        };
        // The community is chosen before the one full load of the screens.
        let live = if interactive {
            match app.cx.store.any_live_meeting() {
                Ok(live) => live,
                Err(e) => {
                    app.cx
                        .error(format!("Could not look for a live meeting to resume: {e}"));
                    None
                }
            }
        } else {
            None
        };
        let community = match chosen {
            Some(c) => Some(c),
            None => app.start_community(live.map(|(_, c)| c)),
        };
        app.browse.choose(community);
        app.library.load(&mut app.cx);
        app.live.load_default_order(&mut app.cx);
        app.refresh();
        if let Some(id) = app.browse.community.as_ref().map(|c| c.id) {
            app.browse.select_community(id);
        }
        if let Some((meeting, _)) = live {
            app.offer_resume(meeting);
        }
        app.load_shown();
        app
    }

    /// The community to open on: a live meeting's, else the one used last (unless
    /// archived), else the only one there is. Failures to read say so and open none.
    fn start_community(&mut self, live: Option<CommunityId>) -> Option<Community> {
        let cx = &mut self.cx;
        let last = match cx.store.setting(LAST_COMMUNITY) {
            // A value that is not an id (written by hand) is as good as none.
            Ok(v) => v.and_then(|s| s.parse::<CommunityId>().ok()),
            Err(e) => {
                cx.error(format!("Could not read the community used last: {e}"));
                None
            }
        };
        match live.or(last) {
            Some(id) => match cx.store.community(id) {
                // An archived community is not reopened (but a live meeting's always is).
                Ok(c) => (!c.archived || live.is_some()).then_some(c),
                // Gone since (an import replaced everything): there is nothing to reopen.
                Err(StoreError::NotFound(_)) => None,
                Err(e) => {
                    cx.error(format!("Could not open the community used last: {e}"));
                    None
                }
            },
            None => match cx.store.communities(false) {
                Ok(mut all) if all.len() == 1 => all.pop(),
                Ok(_) => None,
                Err(e) => {
                    cx.error(format!("Could not read the communities: {e}"));
                    None
                }
            },
        }
    }

    /// Runs the meeting left live at once, without asking whether to resume it: for
    /// `demo --live`, whose meeting was made live a moment ago by no app, so nothing was
    /// interrupted and no time counts as away (unless the demo was made longer than
    /// [`JUST_MADE`] ago). Does nothing unless the app was about to ask.
    pub fn run_left_live(&mut self) {
        let Overlay::Confirm(Confirm {
            on_yes: Pending::Resume(id),
            ..
        }) = self.cx.overlay
        else {
            return;
        };
        self.cx.overlay = Overlay::None;
        self.live.open_within(&mut self.cx, id, JUST_MADE);
        if self.cx.screen == Screen::Live {
            self.cx.info(
                "The demo's meeting is running ● Space gives the floor, n a note, ? every key",
            );
        }
    }

    /// Asks whether to resume the meeting left live.
    fn offer_resume(&mut self, meeting: MeetingId) {
        let title = match self.cx.store.meeting(meeting) {
            Ok(m) => m.title,
            Err(e) => {
                self.cx
                    .error(format!("Could not read the meeting left live: {e}"));
                String::new()
            }
        };
        self.cx.screen = Screen::Meetings;
        self.cx.overlay = Overlay::Confirm(Confirm {
            question: format!(
                "'{}' is still live. Resume it where it was? (From the last second Roundtable showed until now counts as paused: no airtime, no clock moves.)",
                sanitize(&title, false)
            ),
            on_yes: Pending::Resume(meeting),
        });
    }

    /// Applies the leader's settings file (issue 12): the keymap with its overrides, the
    /// date and time formats, the plan forms' defaults, the default speaking order
    /// (the database's, saved with `O`, wins) and the templates per community. What in
    /// the file could not be used is said on the status line, with its line.
    pub fn configure(&mut self, mut settings: crate::settings::Settings) {
        let (keymap, problems) = keys::Keymap::with_overrides(&settings.keys);
        settings.problems.extend(problems);
        settings.problems.sort_by_key(|p| p.line);
        self.keymap = keymap;
        self.cx.dates = settings.dates();
        self.live.set_file_order(settings.speaking_order.value);
        // History's `week` filters start on the leader's day from now on, not only after
        // the next re-read.
        self.browse
            .set_week(self.cx.today(), settings.week_start.value);
        self.appearance.theme = settings.theme.value;
        if let Some(summary) = settings.problems_summary() {
            self.cx.error(sanitize(&summary, false).into_owned());
        }
        self.cx.settings = settings;
    }

    /// The keymap in effect (the built-in one with the settings' overrides).
    pub fn keymap(&self) -> &keys::Keymap {
        &self.keymap
    }

    /// The settings in effect, with the problems found in the file.
    pub fn settings(&self) -> &crate::settings::Settings {
        &self.cx.settings
    }

    /// How dates and times are shown (the settings' formats).
    pub fn dates(&self) -> &crate::settings::Dates {
        &self.cx.dates
    }

    /// Shows `c` on the community screens without remembering it as the last used
    /// (read-only callers such as `render`).
    pub fn show_community(&mut self, c: Community) {
        self.browse.select_community(c.id);
        self.browse.choose(Some(c));
        self.refresh();
    }

    /// Shows `screen` (and the meeting, for the Plan and Live screens) without changing
    /// anything: for read-only callers such as `render`.
    pub fn show_screen(
        &mut self,
        screen: Screen,
        meeting: Option<MeetingId>,
    ) -> Result<(), StoreError> {
        match (screen, meeting) {
            (Screen::Live, Some(id)) => {
                self.live.show(&self.cx.store, id)?;
                self.cx.screen = Screen::Live;
            }
            (_, Some(id)) => {
                self.planner.load(&self.cx.store, id)?;
                self.cx.screen = Screen::Plan;
            }
            (_, None) => self.cx.screen = screen,
        }
        self.load_shown();
        Ok(())
    }

    /// Shows the meeting view of `meeting`, the profile of `member`, the chosen
    /// community's insights, or the hits of `query` (over every community, or the chosen
    /// one), as Enter, `p`, `I` and a typed query would, for read-only callers such as
    /// `render`. What stops it is returned in the status line's words.
    pub fn show_review(
        &mut self,
        screen: Screen,
        meeting: Option<MeetingId>,
        member: Option<crate::domain::Member>,
        query: Option<&str>,
        every_community: bool,
    ) -> Result<(), String> {
        let cx = &mut self.cx;
        match screen {
            Screen::MeetingView => self.review.open(cx, meeting),
            Screen::Profile => self.insights.open_profile(cx, member),
            Screen::Insights => {
                let community = self.browse.community.clone();
                self.insights.open_insights(cx, community);
            }
            Screen::Search => {
                self.search.list.filter = query.unwrap_or_default().to_string();
                self.search.all_communities = every_community;
                cx.screen = Screen::Search;
                let chosen = self.browse.community_id();
                self.search.run(cx, chosen);
            }
            other => cx.screen = other,
        }
        match &self.cx.status {
            Some(s) if s.is_error => Err(s.text.clone()),
            Some(s) if self.cx.screen != screen => Err(s.text.clone()),
            _ if self.cx.screen != screen => Err(format!("nothing to show on {}", screen.name())),
            _ => Ok(()),
        }
    }

    /// Reloads everything the screens show from the store; a failure says so on the
    /// status line and leaves what could not be read as it was.
    pub fn refresh(&mut self) {
        self.cx.stale = false;
        self.live.reload(&mut self.cx);
        if let Err(e) = self.try_refresh() {
            self.cx.error(format!("Could not read the database: {e}"));
        }
        for s in Screen::ALL {
            let n = self.visible(s).len();
            self.list_mut(s).clamp(n);
        }
    }

    fn try_refresh(&mut self) -> Result<(), StoreError> {
        // History's `week` filters (issue 12).
        let week_start = self.cx.settings.week_start.value;
        self.browse.set_week(self.cx.today(), week_start);
        self.browse.reload(&self.cx.store)?;
        // History, the goals' progress, Cycles and Actions are read only while shown (see
        // `Unread`); without a community, History and the progress are emptied at once.
        let chosen = self.browse.community.is_some();
        self.unread.history = self.cx.screen != Screen::History && chosen;
        if !self.unread.history {
            self.browse.reload_history(&self.cx.store)?;
        }
        self.unread.goal_progress = self.cx.screen != Screen::Goals && chosen;
        if !self.unread.goal_progress {
            self.browse.reload_goal_progress(&self.cx.store)?;
        }
        self.planner.reload_from(&self.cx.store)?;
        self.unread.cycles = self.cx.screen != Screen::Cycles;
        if !self.unread.cycles {
            self.cycles
                .reload(&self.cx.store, self.browse.community_id())?;
        }
        self.unread.actions = self.cx.screen != Screen::Actions;
        if !self.unread.actions {
            let today = self.cx.today();
            self.actions.reload(
                &self.cx.store,
                self.browse.community_id(),
                today,
                &self.browse.goals,
            )?;
        }
        Ok(())
    }

    /// Reads the area of the screen shown when the last refresh left it unread; called
    /// after every command and whenever a screen is shown from outside.
    fn load_shown(&mut self) {
        match self.cx.screen {
            Screen::History if self.unread.history => {
                self.unread.history = false;
                if let Err(e) = self.browse.reload_history(&self.cx.store) {
                    self.cx.error(format!("Could not read History: {e}"));
                }
                let n = self.visible(Screen::History).len();
                self.list_mut(Screen::History).clamp(n);
            }
            Screen::Goals if self.unread.goal_progress => {
                self.unread.goal_progress = false;
                if let Err(e) = self.browse.reload_goal_progress(&self.cx.store) {
                    self.cx
                        .error(format!("Could not read the goals' progress: {e}"));
                }
            }
            Screen::Cycles if self.unread.cycles => {
                self.unread.cycles = false;
                let community = self.browse.community_id();
                if let Err(e) = self.cycles.reload(&self.cx.store, community) {
                    self.cx.error(format!("Could not read the cycles: {e}"));
                }
                let n = self.visible(Screen::Cycles).len();
                self.list_mut(Screen::Cycles).clamp(n);
            }
            // Read again when its filters or the day changed since (see `Actions::stale`).
            Screen::Actions
                if self.unread.actions
                    || self.actions.stale(
                        self.browse.community_id(),
                        self.cx.today(),
                        &self.browse.goals,
                    ) =>
            {
                self.load_actions()
            }
            _ => {}
        }
    }

    /// The mode the keymap is read in.
    pub fn mode(&self) -> Mode {
        match self.cx.overlay {
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

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.cx.screen
    }

    /// What sits on top of the screen.
    pub fn overlay(&self) -> &Overlay {
        &self.cx.overlay
    }

    /// The status line.
    pub fn status(&self) -> Option<&Status> {
        self.cx.status.as_ref()
    }

    /// Empties the status line.
    pub fn clear_status(&mut self) {
        self.cx.status = None;
    }

    /// Whether to draw with colours.
    pub fn color(&self) -> bool {
        self.color
    }

    /// Draw with colours or without (`NO_COLOR`).
    pub fn set_color(&mut self, color: bool) {
        self.color = color;
    }

    /// The theme and whether the screen is drawn plain.
    pub fn appearance(&self) -> Appearance {
        self.appearance
    }

    /// Draw with this colour theme (`NO_COLOR` still wins: see [`App::set_color`]).
    pub fn set_theme(&mut self, theme: ThemeName) {
        self.appearance.theme = theme;
    }

    /// Draw plain, for a screen reader: no frames, rules or bars (`render --plain`).
    pub fn set_plain(&mut self, plain: bool) {
        self.appearance.plain = plain;
    }

    /// The help page asked for (any number: the help takes it modulo its pages).
    pub fn help_page(&self) -> i32 {
        self.help_page
    }

    /// The folder the meeting view's `M` writes minutes into (the database's folder
    /// unless set; the terminal app sets the folder it was started in).
    pub fn set_export_dir(&mut self, dir: std::path::PathBuf) {
        self.review.set_export_dir(dir);
    }

    /// The terminal's size, told by the terminal loop before it reads a key.
    pub fn set_size(&mut self, width: u16, height: u16) {
        self.size = Some((width, height));
    }

    /// Whether the terminal is too small to show the screens ("Terminal too small"):
    /// then only help and quit act, so no key changes what the leader cannot see.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Whether the leader asked to quit.
    pub fn quit_requested(&self) -> bool {
        self.quit
    }

    /// The current instant (from the injected clock), for rendering timers.
    pub fn now(&self) -> DateTime<Utc> {
        self.cx.now()
    }

    /// The communities, and the chosen one's roster, goals and meetings.
    pub fn browse(&self) -> &Browse {
        &self.browse
    }

    /// The agenda editor.
    pub fn planner(&self) -> &Planner {
        &self.planner
    }

    /// The meeting being run (or just ended).
    pub fn live(&self) -> &Live {
        &self.live
    }

    /// The icebreaker library.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// A past meeting opened from History.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The chosen community's learning cycles, and the one shown in detail.
    pub fn cycles(&self) -> &Cycles {
        &self.cycles
    }

    /// Every action of the community (the Actions screen).
    pub fn actions(&self) -> &Actions {
        &self.actions
    }

    /// A member's profile and the community's insights.
    pub fn insights(&self) -> &Insights {
        &self.insights
    }

    /// The Search screen: the query, its filters and hits.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// Today, in local time, from the injected clock (what is overdue).
    pub fn today(&self) -> chrono::NaiveDate {
        self.cx.today()
    }

    /// The store, to callers that own the app (the command line, tests). `ui` only ever
    /// holds `&App`, so it cannot reach the store through this.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.cx.store
    }

    /// The order the next round will use (see [`Live::next_round_order`]).
    pub fn next_round_order(&self) -> crate::domain::rounds::OrderStrategy {
        self.live.next_round_order()
    }

    /// Whether a timer is on screen, so the terminal loop should tick.
    pub fn needs_tick(&self) -> bool {
        self.cx.screen == Screen::Live && self.live.has_running_clock()
    }

    /// How long the terminal loop may wait for input before calling [`App::tick`]:
    /// a quarter second while a running timer is on screen; a few seconds while a
    /// meeting is live elsewhere (or paused), so its heartbeat goes on and time spent on
    /// another screen is never taken for downtime; otherwise forever (an idle screen
    /// uses no CPU).
    pub fn tick_interval(&self) -> Option<std::time::Duration> {
        if self.needs_tick() {
            Some(std::time::Duration::from_millis(250))
        } else if self.cx.form_draft_pending() {
            // Typing in a form is kept within a few hundred milliseconds.
            Some(std::time::Duration::from_millis(300))
        } else if self.live.is_running() {
            Some(std::time::Duration::from_secs(live::HEARTBEAT as u64))
        } else {
            None
        }
    }

    /// Called on every tick: records a heartbeat now and then.
    pub fn tick(&mut self) {
        self.cx.keep_form_draft();
        self.live.tick(&mut self.cx);
    }

    /// Before the process exits on SIGTERM or SIGINT: a live meeting keeps what is being
    /// typed and records that the app was alive until now, so the time until it is
    /// reopened counts as downtime from this moment. Everything the leader confirmed is
    /// already committed. Says what could not be stored, for the caller to print.
    pub fn save_before_exit(&mut self) -> Result<(), String> {
        self.live
            .save_before_exit(&mut self.cx)
            .map_err(|e| format!("could not record the meeting's time: {e}"))?;
        match self.cx.status.as_ref() {
            Some(s) if s.is_error => Err(s.text.clone()),
            _ => Ok(()),
        }
    }
}
