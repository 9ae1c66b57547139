//! Keys, pastes and commands: every [`Command`] is handled in exactly one arm of
//! [`App::handle`], a `match` without a catch-all, so a new command does not compile
//! until it is routed. Work that spans areas (opening a community, picking an icebreaker
//! for the plan, starting a meeting) is put together here, from what each area offers.

use super::form::{Form, FormKind};
use super::library::SuggestFor;
use super::live::Started;
use super::{
    App, ChoosePurpose, Command, Confirm, LAST_COMMUNITY, Overlay, Pending, Screen, keymap,
};
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::sanitize;
use crate::store::StoreError;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

/// Rows a page-up/page-down moves.
const PAGE: isize = 10;

impl App {
    /// A key from the terminal.
    pub fn on_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        if let Some(cmd) = keymap::lookup(self.mode(), self.cx.screen, &ev) {
            self.handle(cmd);
            return;
        }
        match &mut self.cx.overlay {
            Overlay::Form(form) => form.input(ev),
            Overlay::Note(note) => {
                note.area.input(ev);
            }
            Overlay::Filter(area) => {
                area.input(ev);
                let text = area.lines().join(" ");
                self.set_filter(text);
            }
            // Elsewhere a key that is not a command means nothing.
            Overlay::None
            | Overlay::Help
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Vote(_) => {}
        }
    }

    /// Text pasted into the terminal (bracketed paste).
    pub fn on_paste(&mut self, text: &str) {
        match &mut self.cx.overlay {
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
            // Nothing takes text there.
            Overlay::None
            | Overlay::Help
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Vote(_) => {}
        }
    }

    /// Applies one command, then re-reads every area if one of them changed data others
    /// show.
    pub fn handle(&mut self, cmd: Command) {
        if !matches!(cmd, Command::Up | Command::Down | Command::Vote(_)) {
            self.cx.status = None;
        }
        self.route(cmd);
        if self.cx.stale {
            self.refresh();
        }
    }

    /// The one place each command is handled.
    fn route(&mut self, cmd: Command) {
        let cx = &mut self.cx;
        match cmd {
            // Moving around.
            Command::Quit if self.live.is_running() => cx.open(Overlay::Confirm(Confirm {
                question: "A meeting is live. Quit? It stays live: reopen Roundtable to resume it."
                    .into(),
                on_yes: Pending::QuitLive,
            })),
            Command::Quit => self.quit = true,
            Command::Help => cx.open(Overlay::Help),
            Command::NextScreen => self.go_to(self.cx.screen.tab_after(1)),
            Command::PrevScreen => self.go_to(self.cx.screen.tab_after(-1)),
            Command::GoTo(s) => self.go_to(s),
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            Command::PageUp => self.move_selection(-PAGE),
            Command::PageDown => self.move_selection(PAGE),
            Command::Top => self.move_selection(isize::MIN / 2),
            Command::Bottom => self.move_selection(isize::MAX / 2),
            Command::Open => self.open(),
            Command::Back => self.back(),
            Command::Filter => {
                let mut area = TextArea::new(vec![self.list(self.cx.screen).filter.clone()]);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                area.set_cursor_line_style(ratatui::style::Style::default());
                self.cx.open(Overlay::Filter(Box::new(area)));
            }
            Command::FilterDone => cx.open(Overlay::None),
            // Lists and forms.
            Command::New => self.open_form(true),
            Command::Edit => self.open_form(false),
            Command::Remove => self.remove(),
            Command::ToggleShowArchived => self.browse.toggle_archived(cx),
            Command::CycleStatus => self.browse.cycle_goal_status(cx),
            Command::FormNext => with_form(cx, Form::next),
            Command::FormPrev => with_form(cx, Form::prev),
            Command::FormEnter => with_form(cx, Form::enter),
            Command::FormSave => self.save_form(),
            Command::FormCancel => {
                cx.open(Overlay::None);
                cx.info("Cancelled; nothing was changed");
            }
            Command::Yes => self.confirm(),
            Command::No => match std::mem::take(&mut cx.overlay) {
                Overlay::Confirm(Confirm {
                    on_yes: Pending::Resume(_),
                    ..
                }) => {
                    cx.info("The meeting stays live: select it on Meetings and press l to resume")
                }
                Overlay::Confirm(Confirm {
                    on_yes: Pending::QuitLive,
                    ..
                }) => cx.info("Still here; the meeting goes on"),
                _ => cx.info("Nothing was changed"),
            },
            // Planning.
            Command::MoveUp => self.planner.move_item(cx, -1),
            Command::MoveDown => self.planner.move_item(cx, 1),
            Command::EditMeeting => self.planner.edit_meeting(cx),
            Command::SaveTemplate => self.planner.save_as_template(cx),
            Command::Library => self.open_library(),
            Command::Suggest => self.suggest(),
            Command::CycleCategory => self.library.cycle_filter(super::LibraryFilterKey::Category),
            Command::ToggleRemote => self.library.cycle_filter(super::LibraryFilterKey::Remote),
            Command::CycleMinutes => self.library.cycle_filter(super::LibraryFilterKey::Minutes),
            Command::CycleDepth => self.library.cycle_filter(super::LibraryFilterKey::Depth),
            // Running a meeting.
            Command::StartMeeting => {
                let meeting = self.browse.selected_upcoming().cloned();
                let community = self.browse.community_id();
                self.live.prepare_start(cx, meeting, community);
            }
            Command::OpenLive => {
                let community = self.browse.community_id();
                if self.live.open(cx, community) == Started::Now {
                    // Its plan is history now: the agenda no longer changes.
                    self.planner.close();
                }
            }
            Command::Attendance => cx.screen = Screen::Attendance,
            Command::CycleAttendance => self.live.cycle_attendance(cx),
            Command::AddGuest => self.live.walk_in_form(cx, true),
            Command::AddNewMember => self.live.walk_in_form(cx, false),
            Command::NextSpeaker => self.live.next_speaker(cx),
            Command::PassTurn => self.live.turn_op(cx, |s, m, now| s.pass_turn(m, now)),
            Command::BackTurn => self.live.turn_op(cx, |s, m, now| s.back_turn(m, now)),
            Command::SkipTurn => self.live.turn_op(cx, |s, m, now| s.skip_turn(m, now)),
            Command::RaiseHand => self.live.choose_hand(cx),
            Command::NewRound => self.live.new_round(cx),
            Command::CycleOrder => self.live.cycle_order(cx),
            Command::SaveDefaultOrder => self.live.save_default_order(cx),
            Command::NextItem => self.live.step_item(cx, 1),
            Command::PrevItem => self.live.step_item(cx, -1),
            Command::TogglePause => self.live.toggle_pause(cx),
            Command::ConsentCheck => self.live.open_consent(cx),
            Command::EndMeeting => self.live.ask_end(cx),
            Command::Note => self.live.open_note(cx),
            Command::EditNotes => self.live.choose_note(cx),
            Command::EditSpeaker => self.live.edit_speaker(cx),
            Command::ActionDone => self.live.choose_action(cx),
            Command::NoteSave => self.live.save_note(cx),
            Command::NoteNewline => self.live.with_note(cx, |n| n.area.insert_newline()),
            Command::NoteKind => self.live.with_note(cx, |n| n.kind = n.kind.next()),
            Command::NoteAbout => self.live.cycle_about(cx),
            Command::NoteCancel => self.live.close_note(cx),
            Command::NoteDelete => self.live.ask_delete_note(cx),
            Command::Vote(score) => self.live.vote(cx, score),
            Command::VoteSave => self.live.save_votes(cx),
        }
    }

    /// Enter: choose in a chooser, else open what the screen's row leads to.
    fn open(&mut self) {
        if let Overlay::Choose(_) = self.cx.overlay {
            return self.choose();
        }
        match self.cx.screen {
            Screen::Meetings
                if self
                    .browse
                    .selected_upcoming()
                    .is_some_and(|m| m.status == MeetingStatus::Live) =>
            {
                self.handle(Command::OpenLive)
            }
            Screen::Icebreakers => self.library.use_selected(&mut self.cx),
            Screen::History => {
                let id = self.browse.selected_past().map(|m| m.id);
                self.review.open(&mut self.cx, id);
            }
            Screen::Communities
            | Screen::Roster
            | Screen::Goals
            | Screen::Meetings
            | Screen::Plan
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary => self.open_community(),
        }
    }

    /// Enter on Communities: browse the selected community, and remember it for next time.
    fn open_community(&mut self) {
        let Some(c) = self.browse.selected_community().cloned() else {
            return self.cx.info("No community yet: press n to create one");
        };
        if let Err(e) = self.cx.store.set_setting(LAST_COMMUNITY, &c.id.to_string()) {
            self.cx.error(format!(
                "Opened, but it will not reopen next time (the choice was not saved: {e})"
            ));
        }
        self.browse.choose(Some(c));
        self.refresh();
        self.cx.screen = Screen::Roster;
    }

    fn go_to(&mut self, s: Screen) {
        if s != Screen::Summary {
            self.review.close();
        }
        self.cx.screen = s;
        if s.needs_community() && self.browse.community.is_none() {
            self.cx
                .info("Choose a community first: select one on Communities and press Enter");
        }
    }

    fn back(&mut self) {
        match self.cx.overlay {
            Overlay::Filter(_) => {
                self.set_filter(String::new());
                self.cx.overlay = Overlay::None;
            }
            Overlay::None if !self.list(self.cx.screen).filter.is_empty() => {
                self.set_filter(String::new());
            }
            Overlay::None => {
                self.cx.screen = match self.cx.screen {
                    Screen::Plan | Screen::Live => Screen::Meetings,
                    Screen::Attendance if self.live.is_running() => Screen::Live,
                    Screen::Attendance => Screen::Meetings,
                    Screen::Summary => {
                        self.review.close();
                        Screen::History
                    }
                    Screen::Icebreakers if self.planner.plan.is_some() => Screen::Plan,
                    Screen::Icebreakers => Screen::Meetings,
                    Screen::Communities
                    | Screen::Roster
                    | Screen::Goals
                    | Screen::Meetings
                    | Screen::History => Screen::Communities,
                };
                self.library.stop_picking();
            }
            Overlay::Help
            | Overlay::Form(_)
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Note(_)
            | Overlay::Vote(_) => self.cx.overlay = Overlay::None,
        }
    }

    fn set_filter(&mut self, text: String) {
        let s = self.cx.screen;
        self.list_mut(s).filter = text;
        let n = self.visible(s).len();
        self.list_mut(s).clamp(n);
    }

    fn move_selection(&mut self, by: isize) {
        match &mut self.cx.overlay {
            Overlay::Vote(v) => v.cursor = super::lists::moved(v.cursor, by, v.votes.len()),
            Overlay::Choose(c) => c.selected = super::lists::moved(c.selected, by, c.options.len()),
            _ => {
                let s = self.cx.screen;
                let n = self.visible(s).len();
                self.list_mut(s).move_by(by, n);
            }
        }
    }

    /// New (`true`) or Edit on the current screen.
    fn open_form(&mut self, new: bool) {
        let cx = &mut self.cx;
        match cx.screen {
            Screen::Communities => self.browse.community_form(cx, new),
            Screen::Roster | Screen::Goals if self.browse.community.is_none() => {
                cx.info("Choose a community first: select one on Communities and press Enter")
            }
            Screen::Roster => self.browse.member_form(cx, new),
            Screen::Goals => self.browse.goal_form(cx, new),
            Screen::Meetings if new => {
                if self.browse.community.is_none() {
                    return cx.info(
                        "Choose a community first: select one on Communities and press Enter",
                    );
                }
                self.planner.choose_template(cx);
            }
            Screen::Meetings => match self.browse.selected_upcoming().map(|m| (m.id, m.status)) {
                Some((id, MeetingStatus::Planned)) => self.planner.open(cx, id),
                Some(_) => cx.info("This meeting is live; it opens in the live view"),
                None => cx.info("No meeting planned yet: press n to plan one"),
            },
            Screen::Plan => self.planner.item_form(cx, new),
            Screen::Icebreakers => self.library.icebreaker_form(cx, new),
            Screen::History | Screen::Attendance | Screen::Live | Screen::Summary => {}
        }
    }

    /// `x`: archive, deactivate, cancel or remove what is selected.
    fn remove(&mut self) {
        let cx = &mut self.cx;
        match cx.screen {
            Screen::Communities => self.browse.ask_archive(cx),
            Screen::Roster => self.browse.toggle_member_active(cx),
            Screen::Meetings => self.browse.ask_cancel_meeting(cx),
            Screen::Plan => self.planner.ask_remove_item(cx),
            Screen::Goals
            | Screen::History
            | Screen::Icebreakers
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary => {}
        }
    }

    /// `y` to a question.
    fn confirm(&mut self) {
        let Overlay::Confirm(c) = std::mem::take(&mut self.cx.overlay) else {
            return;
        };
        let cx = &mut self.cx;
        match c.on_yes {
            Pending::EndMeeting(id) => {
                self.review.close();
                self.live.end_meeting(cx, id);
            }
            Pending::Resume(id) => self.live.open_id(cx, id),
            Pending::QuitLive => self.quit = true,
            Pending::DeleteNote(id) => self.live.delete_note(cx, id),
            Pending::CancelMeeting(id) => self.browse.cancel_meeting(cx, id),
            Pending::RemoveItem(id) => self.planner.remove_item(cx, id),
            Pending::ArchiveCommunity(id, archive) => self.browse.archive(cx, id, archive),
        }
    }

    /// Enter in a chooser.
    fn choose(&mut self) {
        let Overlay::Choose(c) = std::mem::take(&mut self.cx.overlay) else {
            return;
        };
        let Some((name, _)) = c.options.get(c.selected).cloned() else {
            return;
        };
        let id = c.ids.get(c.selected).copied();
        let cx = &mut self.cx;
        match (c.purpose, id) {
            (ChoosePurpose::Template, _) => {
                let minutes = self
                    .browse
                    .community
                    .as_ref()
                    .map(|c| c.info.meeting_minutes);
                let slot = self.browse.next_slot(cx.now());
                self.planner.new_meeting_form(cx, &name, minutes, slot);
            }
            (ChoosePurpose::RaiseHand, Some(id)) => self.live.raise_hand(cx, id),
            (ChoosePurpose::EditNote, Some(id)) => self.live.edit_note(cx, id),
            (ChoosePurpose::ActionDone, Some(id)) => self.live.action_done(cx, id),
            // These choosers always carry an id per option.
            (
                ChoosePurpose::RaiseHand | ChoosePurpose::EditNote | ChoosePurpose::ActionDone,
                None,
            ) => {}
        }
    }

    /// Validates and stores the open form. On any failure the form stays open with what
    /// was typed, and the store is unchanged.
    fn save_form(&mut self) {
        let Overlay::Form(form) = &self.cx.overlay else {
            return;
        };
        let kind = form.kind.clone();
        let draft = form.draft();
        let community = self.browse.community_id();
        let cx = &mut self.cx;
        let result: Result<String, StoreError> = match &kind {
            FormKind::Community(_) | FormKind::Member(_) | FormKind::Goal(_) => {
                self.browse.save_form(cx, &kind, &draft)
            }
            FormKind::Meeting { .. } | FormKind::AgendaItem { .. } | FormKind::Template { .. } => {
                self.planner.save_form(cx, &kind, &draft, community)
            }
            FormKind::Icebreaker(id) => self.library.save_form(cx, *id, &draft),
            FormKind::WalkIn { .. } | FormKind::Consent { .. } | FormKind::ActionNote { .. } => {
                self.live.save_form(cx, &kind, &draft)
            }
        };
        match result {
            Ok(msg) => {
                self.cx.overlay = match self.live.take_pending_vote() {
                    Some(v) => Overlay::Vote(v),
                    None => Overlay::None,
                };
                self.refresh();
                if let FormKind::Community(None) = kind
                    && let Some(id) = self.browse.community_id()
                {
                    self.browse.select_community(id);
                }
                // Live-meeting forms word their own confirmation.
                let suffix = match kind {
                    FormKind::WalkIn { .. }
                    | FormKind::Consent { .. }
                    | FormKind::ActionNote { .. } => "",
                    FormKind::Community(_)
                    | FormKind::Member(_)
                    | FormKind::Goal(_)
                    | FormKind::Meeting { .. }
                    | FormKind::AgendaItem { .. }
                    | FormKind::Template { .. }
                    | FormKind::Icebreaker(_) => " ✓",
                };
                self.cx.info(format!("{}{suffix}", sanitize(&msg, false)));
            }
            Err(e) => {
                let errors = match e {
                    StoreError::Invalid(errs) => errs,
                    StoreError::Duplicate(msg) => {
                        let mut errs = crate::domain::ValidationErrors::default();
                        let field = if msg.starts_with("title") {
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
                        self.cx.error(format!("Not saved: {other}"));
                        return;
                    }
                };
                self.cx.error(format!(
                    "Not saved: {} — fix the marked fields",
                    sanitize(&errors.to_string(), false)
                ));
                if let Overlay::Form(form) = &mut self.cx.overlay {
                    form.set_errors(errors);
                }
            }
        }
    }

    /// `i`: the icebreaker library; from a plan, to pick one for its icebreaker item.
    fn open_library(&mut self) {
        let pick_for = if self.cx.screen == Screen::Plan {
            match self.planner.icebreaker_item() {
                Some(item) => Some(item.id),
                None => {
                    return self.cx.info(
                        "This agenda has no icebreaker item: press a and choose the kind 'icebreaker'",
                    );
                }
            }
        } else {
            None
        };
        let remote = self.browse.meeting_is_remote();
        self.library.open(&mut self.cx, pick_for, remote);
    }

    /// `s`: suggests an icebreaker that fits and was not used in the last meetings: on
    /// the Plan screen it goes straight onto the icebreaker item; in the library it is
    /// selected.
    fn suggest(&mut self) {
        let Some(community) = self.browse.community_id() else {
            return self.cx.info("Choose a community first");
        };
        let request = SuggestFor {
            community,
            meeting: self.planner.plan.as_ref().map(|p| p.meeting.id),
            on_plan: self.cx.screen == Screen::Plan,
            item: self
                .planner
                .icebreaker_item()
                .map(|item| (item.id, item.info.minutes)),
            group: self.browse.active_members(),
            remote: self.browse.meeting_is_remote(),
        };
        if let Some(item) = self.library.suggest(&mut self.cx, &request) {
            self.planner.reload(&mut self.cx);
            self.planner.select_item(item);
        }
    }
}

fn with_form(cx: &mut super::Ctx, f: impl FnOnce(&mut Form)) {
    if let Overlay::Form(form) = &mut cx.overlay {
        f(form);
    }
}
