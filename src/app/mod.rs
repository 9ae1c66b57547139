//! The application state machine. Keys become [`Command`]s through the [`keymap`];
//! [`App::handle`] applies a command through the store and refreshes what the screens
//! show. It never touches the terminal, so tests drive it directly.

pub mod form;
pub mod keymap;
mod lists;

pub use form::{Form, FormKind};
pub use keymap::{Command, Mode};
pub use lists::ListState;

use crate::domain::community::fields as cf;
use crate::domain::text::sanitize;
use crate::domain::{
    ChosenBy, Clock, Community, CommunityId, CommunityInfo, Draft, Goal, GoalInfo, LeaderRole,
    Member, Profile,
};
use crate::store::{MeetingSummary, NewLeader, Store, StoreError};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Communities,
    Roster,
    Goals,
    Meetings,
    History,
}

impl Screen {
    /// Every screen in tab order.
    pub const ALL: [Screen; 5] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
    ];

    /// The tab title.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Communities => "Communities",
            Screen::Roster => "Roster",
            Screen::Goals => "Goals",
            Screen::Meetings => "Meetings",
            Screen::History => "History",
        }
    }

    /// Position in tab order.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    /// Whether the screen shows one community's data.
    pub fn needs_community(self) -> bool {
        self != Screen::Communities
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
    pub members: Vec<Member>,
    pub goals: Vec<Goal>,
    pub upcoming: Vec<MeetingSummary>,
    pub history: Vec<MeetingSummary>,
    lists: [ListState; 5],
    pub show_archived: bool,
    pub overlay: Overlay,
    pub status: Option<Status>,
    /// Draw with colours (off when `NO_COLOR` is set).
    pub color: bool,
    pub quit: bool,
}

const LAST_COMMUNITY: &str = "last_community";

impl App {
    /// Builds the app over `store`, reopening the community used last.
    pub fn new(store: Store, clock: Box<dyn Clock>) -> Self {
        let mut app = Self {
            store,
            clock,
            screen: Screen::Communities,
            community: None,
            communities: Vec::new(),
            members: Vec::new(),
            goals: Vec::new(),
            upcoming: Vec::new(),
            history: Vec::new(),
            lists: Default::default(),
            show_archived: false,
            overlay: Overlay::None,
            status: None,
            color: true,
            quit: false,
        };
        app.refresh();
        let last = app
            .store
            .setting(LAST_COMMUNITY)
            .ok()
            .flatten()
            .and_then(|s| s.parse::<CommunityId>().ok());
        let pick = last
            .and_then(|id| app.communities.iter().find(|c| c.id == id))
            .or(if app.communities.len() == 1 {
                app.communities.first()
            } else {
                None
            })
            .cloned();
        if let Some(c) = pick {
            app.select_community_row(c.id);
            app.community = Some(c);
            app.refresh();
        }
        app
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
        }
    }

    /// List state (selection, filter) of a screen.
    pub fn list(&self, screen: Screen) -> &ListState {
        &self.lists[screen.index()]
    }

    fn list_mut(&mut self, screen: Screen) -> &mut ListState {
        &mut self.lists[screen.index()]
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
        if !matches!(cmd, Command::Up | Command::Down) {
            self.status = None;
        }
        match cmd {
            Command::Quit => self.quit = true,
            Command::Help => self.overlay = Overlay::Help,
            Command::NextScreen => self.go_to(Screen::ALL[(self.screen.index() + 1) % 5]),
            Command::PrevScreen => self.go_to(Screen::ALL[(self.screen.index() + 4) % 5]),
            Command::GoTo(s) => self.go_to(s),
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            Command::PageUp => self.move_selection(-(PAGE as isize)),
            Command::PageDown => self.move_selection(PAGE as isize),
            Command::Top => self.move_selection(isize::MIN / 2),
            Command::Bottom => self.move_selection(isize::MAX / 2),
            Command::Open => self.open_selected(),
            Command::Back => self.back(),
            Command::Filter => {
                let mut area = TextArea::new(vec![self.list(self.screen).filter.clone()]);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                area.set_cursor_line_style(ratatui::style::Style::default());
                self.overlay = Overlay::Filter(Box::new(area));
            }
            Command::FilterDone => self.overlay = Overlay::None,
            Command::New => self.open_form(true),
            Command::Edit => self.open_form(false),
            Command::ToggleActive => self.toggle_active(),
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
                self.overlay = Overlay::None;
                self.info("Nothing was changed");
            }
        }
    }

    fn with_form(&mut self, f: impl FnOnce(&mut Form)) {
        if let Overlay::Form(form) = &mut self.overlay {
            f(form);
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    /// Reloads everything the screens show from the store.
    pub fn refresh(&mut self) {
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

    fn go_to(&mut self, s: Screen) {
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
            Overlay::None => self.screen = Screen::Communities,
            _ => self.overlay = Overlay::None,
        }
    }

    fn set_filter(&mut self, text: String) {
        let s = self.screen;
        self.list_mut(s).filter = text;
        let n = self.visible(s).len();
        self.list_mut(s).clamp(n);
    }

    fn move_selection(&mut self, by: isize) {
        let s = self.screen;
        let n = self.visible(s).len();
        self.list_mut(s).move_by(by, n);
    }

    fn open_selected(&mut self) {
        let Some(c) = self.selected_community().cloned() else {
            self.info("No community yet: press n to create one");
            return;
        };
        let _ = self.store.set_setting(LAST_COMMUNITY, &c.id.to_string());
        self.community = Some(c);
        self.refresh();
        self.screen = Screen::Roster;
    }

    fn select_community_row(&mut self, id: CommunityId) {
        if let Some(i) = self
            .visible(Screen::Communities)
            .iter()
            .position(|&r| self.communities[r].id == id)
        {
            self.list_mut(Screen::Communities).selected = i;
        }
    }

    fn open_form(&mut self, new: bool) {
        let form = match self.screen {
            Screen::Communities if new => Form::community(None, &Draft::new(), &[]),
            Screen::Communities => {
                let Some(c) = self.selected_community() else {
                    return self.info("No community selected");
                };
                let mut d = c.info.to_draft();
                let names: Vec<String> = self
                    .store
                    .members(c.id)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|m| m.active)
                    .map(|m| m.profile.name)
                    .collect();
                if let Some(l) = &c.leader {
                    d.set(cf::LEADER, l.member_name.clone());
                    d.set(cf::LEADER_ROLE, l.role.as_str());
                    d.set(cf::CHOSEN_BY, l.chosen_by.label());
                }
                Form::community(Some(c.id), &d, &names)
            }
            Screen::Roster | Screen::Goals if self.community.is_none() => {
                return self
                    .info("Choose a community first: select one on Communities and press Enter");
            }
            Screen::Roster if new => {
                Form::member(None, &Draft::new().with("joined", self.today().to_string()))
            }
            Screen::Roster => match self.selected_member() {
                Some(m) => Form::member(Some(m.id), &m.profile.to_draft()),
                None => return self.info("The roster is empty: press n to add a member"),
            },
            Screen::Goals if new => Form::goal(None, &Draft::new()),
            Screen::Goals => match self.selected_goal() {
                Some(g) => Form::goal(Some(g.id), &g.info.to_draft()),
                None => return self.info("No goals yet: press n to add one"),
            },
            Screen::Meetings | Screen::History => return,
        };
        self.overlay = Overlay::Form(Box::new(form));
    }

    fn today(&self) -> chrono::NaiveDate {
        self.clock.now().with_timezone(&chrono::Local).date_naive()
    }

    /// Validates and stores the open form. On any failure the form stays open with what
    /// was typed, and the store is unchanged.
    fn save_form(&mut self) {
        let Overlay::Form(form) = &self.overlay else {
            return;
        };
        let kind = form.kind;
        let draft = form.draft();
        let now = self.clock.now();
        let today = self.today();
        let community = self.community.as_ref().map(|c| c.id);
        let result: Result<String, StoreError> = (|| match kind {
            FormKind::Community(id) => {
                let info = CommunityInfo::from_draft(&draft)?;
                match id {
                    None => {
                        let new_id = self.store.insert_community(&info, now)?;
                        let _ = self.store.set_setting(LAST_COMMUNITY, &new_id.to_string());
                        self.community = self.store.community(new_id).ok();
                        Ok(format!("Created community '{}'", info.name))
                    }
                    Some(id) => {
                        let leader = self.leader_choice(id, &draft)?;
                        self.store
                            .save_community_with_leader(id, &info, leader, today)?;
                        Ok(format!("Saved community '{}'", info.name))
                    }
                }
            }
            FormKind::Member(id) => {
                let p = Profile::from_draft(&draft)?;
                let c =
                    community.ok_or_else(|| StoreError::NotFound("no community chosen".into()))?;
                match id {
                    None => self
                        .store
                        .insert_member(c, &p, now)
                        .map(|_| format!("Added {} to the roster", p.name)),
                    Some(id) => self
                        .store
                        .update_member(id, &p)
                        .map(|_| format!("Saved {}", p.name)),
                }
            }
            FormKind::Goal(id) => {
                let g = GoalInfo::from_draft(&draft)?;
                let c =
                    community.ok_or_else(|| StoreError::NotFound("no community chosen".into()))?;
                match id {
                    None => self
                        .store
                        .insert_goal(c, &g, now)
                        .map(|_| format!("Added goal '{}'", g.title)),
                    Some(id) => self
                        .store
                        .update_goal(id, &g, now)
                        .map(|_| format!("Saved goal '{}'", g.title)),
                }
            }
        })();
        match result {
            Ok(msg) => {
                self.overlay = Overlay::None;
                self.refresh();
                if let FormKind::Community(None) = kind
                    && let Some(id) = self.community.as_ref().map(|c| c.id)
                {
                    self.select_community_row(id);
                }
                self.info(format!("{} ✓ saved", sanitize(&msg, false)));
            }
            Err(e) => {
                let errors = match e {
                    StoreError::Invalid(errs) => errs,
                    StoreError::Duplicate(msg) => {
                        let mut errs = crate::domain::ValidationErrors::default();
                        let field = if matches!(kind, FormKind::Goal(_)) {
                            "title"
                        } else {
                            "name"
                        };
                        errs.push(
                            field,
                            msg.split_once(": ")
                                .map_or(msg.as_str(), |(_, m)| m)
                                .to_string(),
                        );
                        errs
                    }
                    other => {
                        self.error(format!("Not saved: {other}"));
                        return;
                    }
                };
                self.error(format!(
                    "Not saved: {} — fix the marked fields",
                    sanitize(&errors.to_string(), false)
                ));
                if let Overlay::Form(form) = &mut self.overlay {
                    form.set_errors(errors);
                }
            }
        }
    }

    fn leader_choice(
        &self,
        community: CommunityId,
        d: &Draft,
    ) -> Result<Option<NewLeader>, StoreError> {
        let name = d.get(cf::LEADER);
        if name.is_empty() || name == form::NO_LEADER {
            return Ok(None);
        }
        let member = self
            .store
            .members(community)?
            .into_iter()
            .find(|m| m.profile.name == name)
            .ok_or_else(|| StoreError::NotFound(format!("{name} is no longer on the roster")))?;
        Ok(Some(NewLeader {
            member: member.id,
            role: LeaderRole::parse(d.get(cf::LEADER_ROLE)).unwrap_or_default(),
            chosen_by: ChosenBy::parse(d.get(cf::CHOSEN_BY)).unwrap_or_default(),
        }))
    }

    fn toggle_active(&mut self) {
        match self.screen {
            Screen::Communities => {
                let Some(c) = self.selected_community() else {
                    return;
                };
                let archive = !c.archived;
                let verb = if archive { "Archive" } else { "Restore" };
                self.overlay = Overlay::Confirm(Confirm {
                    question: format!(
                        "{verb} '{}'? Its data is kept either way.",
                        sanitize(&c.info.name, false)
                    ),
                    on_yes: Pending::ArchiveCommunity(c.id, archive),
                });
            }
            Screen::Roster => {
                let Some(m) = self.selected_member().cloned() else {
                    return;
                };
                let today = self.today();
                match self.store.set_member_active(m.id, !m.active, today) {
                    Ok(()) => {
                        self.refresh();
                        let name = sanitize(&m.profile.name, false).into_owned();
                        if m.active {
                            self.info(format!(
                                "{name} deactivated (left {today}); press x to reactivate"
                            ));
                        } else {
                            self.info(format!("{name} is active again"));
                        }
                        self.select_member(m.id);
                    }
                    Err(e) => self.error(format!("Not changed: {e}")),
                }
            }
            _ => {}
        }
    }

    fn select_member(&mut self, id: crate::domain::MemberId) {
        if let Some(i) = self
            .visible(Screen::Roster)
            .iter()
            .position(|&r| self.members[r].id == id)
        {
            self.list_mut(Screen::Roster).selected = i;
        }
    }

    fn confirm(&mut self) {
        let Overlay::Confirm(c) = std::mem::take(&mut self.overlay) else {
            return;
        };
        match c.on_yes {
            Pending::ArchiveCommunity(id, archive) => {
                match self
                    .store
                    .set_community_archived(id, archive, self.clock.now())
                {
                    Ok(()) => {
                        if archive && self.community.as_ref().is_some_and(|c| c.id == id) {
                            self.community = None;
                        }
                        self.refresh();
                        self.info(if archive {
                            "Archived ✓ (press v to show archived)"
                        } else {
                            "Restored ✓"
                        });
                    }
                    Err(e) => self.error(format!("Not changed: {e}")),
                }
            }
        }
    }

    fn cycle_goal_status(&mut self) {
        let Some(g) = self.selected_goal().cloned() else {
            return;
        };
        let next = g.info.status.next();
        match self.store.set_goal_status(g.id, next, self.clock.now()) {
            Ok(()) => {
                self.refresh();
                if let Some(i) = self
                    .visible(Screen::Goals)
                    .iter()
                    .position(|&r| self.goals[r].id == g.id)
                {
                    self.list_mut(Screen::Goals).selected = i;
                }
                self.info(format!(
                    "'{}' is now {} ✓",
                    sanitize(&g.info.title, false),
                    next.as_str()
                ));
            }
            Err(e) => self.error(format!("Not changed: {e}")),
        }
    }

    /// The community selected on the Communities list.
    pub fn selected_community(&self) -> Option<&Community> {
        self.selected_row(Screen::Communities)
            .map(|i| &self.communities[i])
    }

    /// The member selected on the Roster.
    pub fn selected_member(&self) -> Option<&Member> {
        self.selected_row(Screen::Roster).map(|i| &self.members[i])
    }

    /// The goal selected on Goals.
    pub fn selected_goal(&self) -> Option<&Goal> {
        self.selected_row(Screen::Goals).map(|i| &self.goals[i])
    }

    /// Index (into the screen's data) of the selected row, if any.
    pub fn selected_row(&self, s: Screen) -> Option<usize> {
        self.visible(s).get(self.list(s).selected).copied()
    }

    /// Indices of the rows the filter lets through, in display order.
    pub fn visible(&self, s: Screen) -> Vec<usize> {
        let f = &self.list(s).filter;
        let texts: Vec<String> = match s {
            Screen::Communities => self
                .communities
                .iter()
                .map(|c| format!("{} {}", c.info.name, c.info.purpose))
                .collect(),
            Screen::Roster => self
                .members
                .iter()
                .map(|m| {
                    let p = &m.profile;
                    format!("{} {} {} {}", p.name, p.role, p.learning_style, p.strengths)
                })
                .collect(),
            Screen::Goals => self
                .goals
                .iter()
                .map(|g| {
                    format!(
                        "{} {} {}",
                        g.info.title,
                        g.info.success_measure,
                        g.info.status.as_str()
                    )
                })
                .collect(),
            Screen::Meetings => self
                .upcoming
                .iter()
                .map(|m| format!("{} {}", m.title, m.status))
                .collect(),
            Screen::History => self.history.iter().map(|m| m.title.clone()).collect(),
        };
        lists::matching(&texts, f)
    }
}
