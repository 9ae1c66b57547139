//! Commands whose meaning depends on the screen, or that span areas (opening a
//! community, Esc, forms, questions, choosers, picking an icebreaker for the plan):
//! put together here from what each area offers, so no area reaches into another.

use super::form::FormKind;
use super::library::SuggestFor;
use super::live::LiveCycle;
use super::{App, ChoosePurpose, Command, Confirm, LAST_COMMUNITY, Overlay, Pending, Screen};
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::sanitize;
use crate::domain::{ActionId, MeetingId, MemberId, NoteId};
use crate::store::StoreError;

impl App {
    /// The reflection walk an overlay belongs to: the Cycles screen's (`R` there), else
    /// the live meeting's (one walk, two places it is started from).
    pub(super) fn walk(&mut self) -> (&mut LiveCycle, &mut super::Ctx) {
        match self.cx.screen {
            Screen::Cycles => (&mut self.cycles.walk, &mut self.cx),
            _ => (self.live.cycle_mut(), &mut self.cx),
        }
    }

    /// Enter: choose in a chooser, else open what the screen's row leads to.
    pub(super) fn open(&mut self) {
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
            Screen::Cycles => self.cycles.open(&mut self.cx),
            Screen::Actions => self.toggle_action_history(),
            Screen::Roster => self.open_profile(),
            Screen::Profile | Screen::Insights | Screen::MeetingView => {}
            Screen::Search => self.open_hit(),
            // `v` on the summary: the meeting that just ended, in full.
            Screen::Summary => {
                let id = self.live.meeting.as_ref().map(|l| l.meeting.id);
                self.review.open(&mut self.cx, id);
            }
            Screen::Communities
            | Screen::Goals
            | Screen::Meetings
            | Screen::Plan
            | Screen::Attendance
            | Screen::Live => self.open_community(),
        }
    }

    /// Enter on Communities: browse the selected community, and remember it for next time.
    pub(super) fn open_community(&mut self) {
        let Some(c) = self.browse.selected_community().cloned() else {
            return self.cx.info("No community yet: press n to create one");
        };
        if let Err(e) = self
            .cx
            .store
            .write(|tx| tx.set_setting(LAST_COMMUNITY, &c.id.to_string()))
        {
            self.cx.error(format!(
                "Opened, but it will not reopen next time (the choice was not saved: {e})"
            ));
        }
        self.browse.choose(Some(c));
        self.refresh();
        self.cx.screen = Screen::Roster;
    }

    pub(super) fn go_to(&mut self, s: Screen) {
        if !matches!(s, Screen::Summary | Screen::MeetingView) {
            self.review.close();
        }
        if s == Screen::Cycles && self.cx.screen == Screen::Cycles {
            // The tab's key again: back to the list.
            self.cycles.close_detail();
        }
        // A cycle opened from a Search hit goes back there only until the leader moves on.
        self.cycles.back_to = None;
        self.cx.screen = s;
        if s == Screen::Actions {
            self.load_actions();
        }
        if s.needs_community() && self.browse.community.is_none() {
            self.cx
                .info("Choose a community first: select one on Communities and press Enter");
        }
    }

    pub(super) fn back(&mut self) {
        // A cycle's detail closes back to the list first.
        if matches!(self.cx.overlay, Overlay::None)
            && self.cx.screen == Screen::Cycles
            && self.cycles.close_detail()
        {
            // Opened from a Search hit: back to Search, its query and selection kept.
            if let Some(s) = self.cycles.back_to.take() {
                self.cx.screen = s;
            }
            return;
        }
        match self.cx.overlay {
            // Search: Esc while typing puts back the query last run; then leaves.
            Overlay::Filter(_) if self.cx.screen == Screen::Search => {
                self.search.cancel_typing(&mut self.cx)
            }
            Overlay::None if self.cx.screen == Screen::Search => {
                self.cx.screen = self.search.close();
            }
            Overlay::Filter(_) => {
                self.set_filter(String::new());
                self.cx.overlay = Overlay::None;
            }
            Overlay::None if !self.list(self.cx.screen).filter.is_empty() => {
                self.set_filter(String::new());
            }
            Overlay::None if self.cx.screen == Screen::Actions && self.actions.history => {
                self.actions.history = false;
            }
            Overlay::None => {
                self.cx.screen = match self.cx.screen {
                    Screen::Plan | Screen::Live => Screen::Meetings,
                    Screen::Attendance if self.live.is_running() => Screen::Live,
                    Screen::Attendance => Screen::Meetings,
                    Screen::Summary | Screen::MeetingView => self.review.close(),
                    Screen::Profile | Screen::Insights => self.insights.close(),
                    Screen::Search => self.search.close(),
                    Screen::Icebreakers if self.planner.plan.is_some() => Screen::Plan,
                    Screen::Icebreakers => Screen::Meetings,
                    Screen::Communities
                    | Screen::Roster
                    | Screen::Goals
                    | Screen::Meetings
                    | Screen::History
                    | Screen::Cycles
                    | Screen::Actions => Screen::Communities,
                };
                self.library.stop_picking();
            }
            Overlay::Help
            | Overlay::Form(_)
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Note(_) => self.cx.overlay = Overlay::None,
            Overlay::Vote(_) => self.live.close_votes(&mut self.cx),
        }
    }

    /// New (`true`) or Edit on the current screen.
    pub(super) fn open_form(&mut self, new: bool) {
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
                let name = self.browse.community.as_ref().map(|c| c.info.name.clone());
                self.planner.choose_template(cx, name.as_deref());
            }
            Screen::Meetings => match self.browse.selected_upcoming().map(|m| (m.id, m.status)) {
                Some((id, MeetingStatus::Planned)) => self.planner.open(cx, id),
                Some((id, MeetingStatus::Live)) => self.live.open_id(cx, id),
                Some(_) => cx.info("Only a planned meeting opens its plan"),
                None => cx.info("No meeting planned yet: press n to plan one"),
            },
            Screen::Plan => self.planner.item_form(cx, new),
            Screen::Cycles if self.browse.community.is_none() => {
                cx.info("Choose a community first: select one on Communities and press Enter")
            }
            Screen::Cycles if new => self.cycles.new_form(cx, &self.browse.goals),
            Screen::Cycles => self.cycles.edit_form(cx, &self.browse.goals),
            Screen::Actions => self.action_form(new),
            Screen::Icebreakers => self.library.icebreaker_form(cx, new),
            Screen::History
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary
            | Screen::Profile
            | Screen::Insights
            | Screen::MeetingView
            | Screen::Search => {}
        }
    }

    /// `x`: archive, deactivate, cancel or remove what is selected.
    pub(super) fn remove(&mut self) {
        let cx = &mut self.cx;
        match cx.screen {
            Screen::Communities => self.browse.ask_archive(cx),
            Screen::Roster => self.browse.toggle_member_active(cx),
            Screen::Meetings => self.browse.ask_cancel_meeting(cx),
            Screen::Plan => self.planner.ask_remove_item(cx),
            Screen::Goals => self.browse.ask_remove_goal(cx),
            Screen::Actions => self.ask_delete_action(),
            Screen::History
            | Screen::Cycles
            | Screen::Icebreakers
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary
            | Screen::Profile
            | Screen::Insights
            | Screen::MeetingView
            | Screen::Search => {}
        }
    }

    /// Roster: Enter or `p` opens the selected member's profile.
    pub(super) fn open_profile(&mut self) {
        let member = self.browse.selected_member().cloned();
        self.insights.open_profile(&mut self.cx, member);
    }

    /// `I` on Communities (the selected community, opened first) or History (the chosen
    /// one): the community's insights.
    pub(super) fn open_insights(&mut self) {
        if self.cx.screen == Screen::Communities {
            let chosen = self.browse.community.as_ref().map(|c| c.id);
            let selected = self.browse.selected_community().map(|c| c.id);
            if selected.is_some() && selected != chosen {
                self.open_community();
            }
            // Esc goes back to where `I` was pressed.
            self.cx.screen = Screen::Communities;
        }
        let community = self.browse.community.clone();
        self.insights.open_insights(&mut self.cx, community);
    }

    /// Ends the live meeting (saving what was typed but not saved, with `save`) and
    /// shows its summary.
    fn end_meeting(&mut self, id: MeetingId, save: bool) {
        let cx = &mut self.cx;
        self.review.close();
        self.live.end_meeting(cx, id, save);
        if cx.screen == Screen::Summary {
            self.review.summarize(cx, id);
        }
    }

    /// `y` to a question.
    pub(super) fn confirm(&mut self) {
        let Overlay::Confirm(c) = std::mem::take(&mut self.cx.overlay) else {
            return;
        };
        let cx = &mut self.cx;
        match c.on_yes {
            Pending::EndMeeting(id) => self.end_meeting(id, false),
            Pending::Resume(id) => self.live.open_id(cx, id),
            Pending::QuitLive => self.quit = true,
            Pending::DeleteNote(id) => self.live.delete_note(cx, id),
            Pending::SkipTurn(id) => self.live.skip_turn(cx, Some(id)),
            Pending::CancelMeeting(id) => self.browse.cancel_meeting(cx, id),
            Pending::RemoveItem(id) => self.planner.remove_item(cx, id),
            Pending::ArchiveCommunity(id, archive) => self.browse.archive(cx, id, archive),
            Pending::CyclePhase(id, to) => self.cycles.skip_confirmed(cx, id, to),
            Pending::DeleteGoal(id) => self.browse.delete_goal(cx, id),
            Pending::ArchiveGoal(id, archive) => self.browse.archive_goal(cx, id, archive),
            Pending::LiveCycle(p) if cx.screen == Screen::Cycles => {
                self.cycles.walk.walk_confirmed(cx, p)
            }
            Pending::LiveCycle(p) => self.live.cycle_confirmed(cx, p),
            Pending::SaveAction => self.answer_held_action(true),
            Pending::SaveActionNote => self.answer_held_action_note(true),
            Pending::DeleteAction(id) => self.actions.delete(cx, id),
            Pending::DiscardVotes => self.live.drop_votes(cx),
            Pending::DiscardForm => {
                // A step of the reflection walk: the walk waits there, as Esc leaves it.
                if let Some(f) = cx.held_form.take().filter(|f| f.kind.is_walk_step()) {
                    let (walk, cx) = self.walk();
                    walk.left_walk(cx, &f.kind);
                } else {
                    cx.info("Cancelled; what you typed is thrown away and nothing was changed");
                }
            }
        }
    }

    /// Enter in a chooser.
    pub(super) fn choose(&mut self) {
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
                let slot = match self.browse.next_slot(&cx.store, cx.now()) {
                    Ok(slot) => slot,
                    Err(e) => return cx.error(format!("Could not read the latest meeting: {e}")),
                };
                self.planner.new_meeting_form(cx, &name, minutes, slot);
            }
            (ChoosePurpose::RaiseHand, Some(id)) => self.live.raise_hand(cx, MemberId::new(id)),
            (ChoosePurpose::EditNote, Some(id)) => self.live.edit_note(cx, NoteId::new(id)),
            (ChoosePurpose::FollowUpWhich, Some(id)) => {
                self.live.choose_verdict(cx, ActionId::new(id))
            }
            (ChoosePurpose::Verdict(action), Some(row)) => {
                self.live.verdict_chosen(cx, action, row)
            }
            (ChoosePurpose::EditProfile, Some(id)) => self.live.edit_profile(cx, MemberId::new(id)),
            (ChoosePurpose::Floor, id) => self.live.give_floor(cx, id.map(MemberId::new)),
            (ChoosePurpose::CyclePhase(cycle), Some(i)) => self.cycles.phase_chosen(cx, cycle, i),
            (ChoosePurpose::CycleMeeting, Some(id)) => self.go_to_meeting(MeetingId::new(id)),
            (ChoosePurpose::CloseCycle(cycle, skip), id) => {
                self.cycles.close_chosen(cx, cycle, skip, id)
            }
            (ChoosePurpose::LiveCycle(_), id) if cx.screen == Screen::Cycles => {
                self.cycles.walk.walk_chosen(cx, id)
            }
            (ChoosePurpose::LiveCycle(p), id) => self.live.cycle_chosen(cx, p, id),
            (ChoosePurpose::EndMeeting(id), _) => {
                if let Some(end) = super::live::Live::end_choice(cx, c.selected) {
                    self.end_meeting(id, end == super::live::EndChoice::Save);
                }
            }
            (ChoosePurpose::ActionsVerdict(action), _) => {
                self.action_verdict_chosen(action, c.selected)
            }
            (ChoosePurpose::SearchMember, id) => {
                let member = id.filter(|i| *i != 0).map(|i| (MemberId::new(i), name));
                let chosen = self.browse.community_id();
                self.search.member_chosen(cx, member, chosen);
            }
            // These choosers always carry an id per option.
            (
                ChoosePurpose::RaiseHand
                | ChoosePurpose::EditNote
                | ChoosePurpose::FollowUpWhich
                | ChoosePurpose::Verdict(_)
                | ChoosePurpose::EditProfile
                | ChoosePurpose::CyclePhase(_)
                | ChoosePurpose::CycleMeeting,
                None,
            ) => {}
        }
    }

    /// Validates and stores the open form. On any failure the form stays open with what
    /// was typed, and the store is unchanged.
    pub(super) fn save_form(&mut self) {
        self.save_form_as(false);
    }

    /// [`Self::save_form`]; `confirmed`: a question about it was answered yes.
    fn save_form_as(&mut self, confirmed: bool) {
        let Overlay::Form(form) = &self.cx.overlay else {
            return;
        };
        if let FormKind::Action(_) = form.kind {
            return self.save_action_form(false);
        }
        let question = (!confirmed)
            .then(|| {
                self.live
                    .action_note_question(&form.kind, &form.draft(), self.cx.today())
            })
            .flatten();
        if let Some(question) = question {
            // The form waits while the question shows, and comes back on n.
            if let Overlay::Form(f) = std::mem::take(&mut self.cx.overlay) {
                self.cx.held_form = Some(f);
            }
            return self.cx.open(Overlay::Confirm(Confirm {
                question,
                on_yes: Pending::SaveActionNote,
            }));
        }
        let kind = form.kind.clone();
        let draft = form.draft();
        let community = self.browse.community_id();
        let cx = &mut self.cx;
        let result: Result<String, StoreError> = match &kind {
            FormKind::Community(_)
            | FormKind::Member(_)
            | FormKind::Goal(_)
            | FormKind::Agreements(_) => self.browse.save_form(cx, &kind, &draft),
            FormKind::Meeting { .. } | FormKind::AgendaItem { .. } | FormKind::Template { .. } => {
                self.planner.save_form(cx, &kind, &draft, community)
            }
            FormKind::Icebreaker(id) => self.library.save_form(cx, *id, &draft),
            FormKind::Cycle(_) | FormKind::CloseCycle { .. } => {
                self.cycles.save_form(cx, &kind, &draft, community)
            }
            FormKind::LiveCycle(f) if cx.screen == Screen::Cycles => {
                self.cycles.walk.save_step(cx, f, &draft)
            }
            FormKind::LiveCycle(f) => self.live.save_cycle_form(cx, f, &draft),
            FormKind::WalkIn { .. }
            | FormKind::Consent { .. }
            | FormKind::ActionNote { .. }
            | FormKind::FollowUp { .. } => self.live.save_form(cx, &kind, &draft),
            FormKind::ActionsFollowUp { action, verdict } => {
                // Given while the community's meeting is live: part of it (its minutes).
                let meeting = (self.live.meeting.as_ref())
                    .filter(|_| self.live.is_running())
                    .map(|l| &l.meeting)
                    .filter(|m| Some(m.community_id) == community)
                    .map(|m| m.id);
                self.actions
                    .save_follow_up(cx, *action, *verdict, meeting, &draft)
            }
            // Saved above (it may ask first).
            FormKind::Action(_) => return,
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
                    | FormKind::ActionNote { .. }
                    | FormKind::LiveCycle(_)
                    | FormKind::FollowUp { .. } => "",
                    FormKind::Community(_)
                    | FormKind::Member(_)
                    | FormKind::Goal(_)
                    | FormKind::Meeting { .. }
                    | FormKind::AgendaItem { .. }
                    | FormKind::Template { .. }
                    | FormKind::Icebreaker(_)
                    | FormKind::Cycle(_)
                    | FormKind::CloseCycle { .. }
                    | FormKind::Agreements(_)
                    | FormKind::Action(_)
                    | FormKind::ActionsFollowUp { .. } => " ✓",
                };
                self.cx.info(format!("{}{suffix}", sanitize(&msg, false)));
                // The reflection walk's next step, or a question (live-cycle).
                let (walk, cx) = self.walk();
                walk.open_next(cx);
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
                let said = match &self.cx.overlay {
                    Overlay::Form(form) => form.errors_line(&errors),
                    _ => errors.to_string(),
                };
                self.cx.error(format!(
                    "Not saved: {} — fix the marked fields",
                    sanitize(&said, false)
                ));
                if let Overlay::Form(form) = &mut self.cx.overlay {
                    form.set_errors(errors);
                }
            }
        }
    }

    /// The answer to "save it though its due date is past?" on an action note's details:
    /// yes saves the held form, no puts it back with the date marked.
    pub(super) fn answer_held_action_note(&mut self, yes: bool) {
        let Some(form) = self.cx.held_form.take() else {
            return self.cx.info("Nothing was changed");
        };
        self.cx.open(Overlay::Form(form));
        if yes {
            return self.save_form_as(true);
        }
        if let Overlay::Form(f) = &mut self.cx.overlay {
            let mut marks = crate::domain::ValidationErrors::default();
            marks.push(
                "due",
                "is already past: choose a later date (or save and answer y)",
            );
            f.set_errors(marks);
        }
        self.cx
            .info("Back to the form: the due date is marked; Esc leaves the action as it was");
    }

    /// A meeting chosen from a cycle: a past one opens its summary (Esc comes back to the
    /// cycle), a planned one its plan, a live one the live screen.
    pub(super) fn go_to_meeting(&mut self, id: MeetingId) {
        let cx = &mut self.cx;
        let status = match cx.store.meeting(id) {
            Ok(m) => m.status,
            Err(e) => return cx.error(format!("Could not open the meeting: {e}")),
        };
        match status {
            MeetingStatus::Ended => self.review.open(cx, Some(id)),
            MeetingStatus::Planned => self.planner.open(cx, id),
            MeetingStatus::Live => self.live.open_id(cx, id),
            MeetingStatus::Cancelled => cx.info("That meeting was cancelled"),
        }
    }

    /// `i`: the icebreaker library; from a plan, to pick one for its icebreaker item.
    pub(super) fn open_library(&mut self) {
        let pick_for = if self.cx.screen == Screen::Plan {
            match self.planner.icebreaker_item() {
                Some(item) => Some((item.id, item.info.minutes)),
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
    pub(super) fn suggest(&mut self) {
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
