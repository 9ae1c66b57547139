//! Creating and editing communities, members and goals: forms, saving, archiving; and
//! cancelling a planned meeting from the Meetings list.

use super::Browse;
use crate::app::form::{Form, FormKind};
use crate::app::{Confirm, Ctx, LAST_COMMUNITY, Overlay, Pending};
use crate::domain::community::fields as cf;
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::sanitize;
use crate::domain::{
    ChosenBy, CommunityId, CommunityInfo, Draft, GoalId, GoalInfo, LeaderRole, MeetingId, MemberId,
    Profile,
};
use crate::store::{NewLeader, StoreError};

impl Browse {
    /// New or Edit on Communities.
    pub(in crate::app) fn community_form(&self, cx: &mut Ctx, new: bool) {
        if new {
            // The settings file's meeting length, when it gives one (issue 12).
            let minutes = &cx.settings.meeting_minutes;
            let mut d = Draft::new();
            if minutes.source != crate::settings::Source::Default {
                d.set(cf::MINUTES, minutes.value.to_string());
            }
            return cx.form(Form::community(None, &d, &[]));
        }
        let Some(c) = self.selected_community() else {
            return cx.info("No community selected");
        };
        let members = match cx.store.members(c.id) {
            Ok(m) => m,
            // Without the roster the leader cannot be offered, and saving would end their
            // term: the form does not open.
            Err(e) => return cx.error(format!("Could not read the roster: {e}")),
        };
        let names: Vec<(MemberId, String)> = members
            .into_iter()
            // Active members, and the current leader even if no longer active, so
            // saving other fields never ends their term by accident.
            .filter(|m| m.active || c.leader.as_ref().is_some_and(|l| l.member_id == m.id))
            .map(|m| (m.id, m.profile.name))
            .collect();
        let mut d = c.info.to_draft();
        if let Some(l) = &c.leader {
            d.set(cf::LEADER, l.member_id.to_string());
            d.set(cf::LEADER_ROLE, l.role.as_str());
            d.set(cf::CHOSEN_BY, l.chosen_by.label());
        }
        cx.form(Form::community(Some(c.id), &d, &names));
    }

    /// `w` on Communities: edits the selected community's working agreements, one a line.
    pub(in crate::app) fn agreements_form(&self, cx: &mut Ctx) {
        let Some(c) = self.selected_community() else {
            return cx.info("No community selected");
        };
        let lines = self.agreements.get(&c.id).map_or(&[][..], Vec::as_slice);
        let d = Draft::new().with("agreements", lines.join("\n"));
        cx.form(Form::agreements(c.id, &c.info.name, &d));
    }

    /// New or Edit on the Roster.
    pub(in crate::app) fn member_form(&self, cx: &mut Ctx, new: bool) {
        if new {
            let d = Draft::new().with("joined", cx.today().to_string());
            return cx.form(Form::member(None, &d).in_community(self.community_id()));
        }
        match self.selected_member() {
            Some(m) => cx.form(Form::member(Some(m.id), &m.profile.to_draft())),
            None => cx.info("The roster is empty: press n to add a member"),
        }
    }

    /// New or Edit on Goals.
    pub(in crate::app) fn goal_form(&self, cx: &mut Ctx, new: bool) {
        if new {
            return cx.form(Form::goal(None, &Draft::new()).in_community(self.community_id()));
        }
        match self.selected_goal() {
            Some(g) => cx.form(Form::goal(Some(g.id), &g.info.to_draft())),
            None => cx.info("No goals yet: press n to add one"),
        }
    }

    /// Saves a community, member or goal form; the message says what was saved.
    pub(in crate::app) fn save_form(
        &mut self,
        cx: &mut Ctx,
        kind: &FormKind,
        draft: &Draft,
    ) -> Result<String, StoreError> {
        let now = cx.now();
        let community = self
            .community_id()
            .ok_or_else(|| StoreError::NotFound("no community chosen".into()));
        match kind {
            FormKind::Community(None) => {
                let info = CommunityInfo::from_draft(draft)?;
                let id = cx.store.write(|tx| tx.insert_community(&info, now))?;
                if let Err(e) = cx
                    .store
                    .write(|tx| tx.set_setting(LAST_COMMUNITY, &id.to_string()))
                {
                    cx.error(format!(
                        "Created '{}', but it will not reopen next time (the choice was not saved: {e})",
                        sanitize(&info.name, false)
                    ));
                }
                match cx.store.community(id) {
                    Ok(c) => self.community = Some(c),
                    Err(e) => cx.error(format!(
                        "Created '{}', but could not open it: {e}",
                        sanitize(&info.name, false)
                    )),
                }
                Ok(format!("Created community '{}'", info.name))
            }
            FormKind::Community(Some(id)) => {
                let info = CommunityInfo::from_draft(draft)?;
                let leader = leader_choice(draft);
                let today = cx.today();
                cx.store
                    .write(|tx| tx.save_community_with_leader(*id, &info, leader, today))?;
                Ok(format!("Saved community '{}'", info.name))
            }
            FormKind::Member(id) => {
                let p = Profile::from_draft(draft)?;
                let c = community?;
                match id {
                    None => cx
                        .store
                        .write(|tx| tx.insert_member(c, &p, now))
                        .map(|_| format!("Added {} to the roster", p.name)),
                    Some(id) => cx
                        .store
                        .write(|tx| tx.update_member(*id, &p))
                        .map(|_| format!("Saved {}", p.name)),
                }
            }
            FormKind::Goal(id) => {
                let g = GoalInfo::from_draft(draft)?;
                let c = community?;
                match id {
                    None => cx
                        .store
                        .write(|tx| tx.insert_goal(c, &g, now))
                        .map(|_| format!("Added goal '{}'", g.title)),
                    Some(id) => cx
                        .store
                        .write(|tx| tx.update_goal(*id, &g, now))
                        .map(|_| format!("Saved goal '{}'", g.title)),
                }
            }
            FormKind::Meeting { .. }
            | FormKind::AgendaItem { .. }
            | FormKind::Template { .. }
            | FormKind::Icebreaker(_)
            | FormKind::WalkIn { .. }
            | FormKind::Consent { .. }
            | FormKind::ActionNote { .. }
            | FormKind::Cycle(_)
            | FormKind::CloseCycle { .. }
            | FormKind::LiveCycle(_)
            | FormKind::FollowUp { .. }
            | FormKind::Action(_)
            | FormKind::ActionsFollowUp { .. } => Err(StoreError::NotFound(
                "not a community, member or goal form".into(),
            )),
            FormKind::Agreements(id) => {
                let lines: Vec<String> =
                    draft.get("agreements").lines().map(String::from).collect();
                let n = cx.store.write(|tx| tx.set_agreements(*id, &lines, now))?;
                Ok(match n {
                    0 => "No working agreements kept".to_string(),
                    1 => "Saved 1 working agreement".to_string(),
                    n => format!("Saved {n} working agreements"),
                })
            }
        }
    }

    /// `x` on Communities: asks to archive (or restore) the selected community.
    pub(in crate::app) fn ask_archive(&self, cx: &mut Ctx) {
        let Some(c) = self.selected_community() else {
            return;
        };
        let archive = !c.archived;
        let verb = if archive { "Archive" } else { "Restore" };
        cx.open(Overlay::Confirm(Confirm {
            question: format!(
                "{verb} '{}'? Its data is kept either way.",
                sanitize(&c.info.name, false)
            ),
            on_yes: Pending::ArchiveCommunity(c.id, archive),
        }));
    }

    /// Archives (or restores) a community, once confirmed.
    pub(in crate::app) fn archive(&mut self, cx: &mut Ctx, id: CommunityId, archive: bool) {
        let now = cx.now();
        match cx
            .store
            .write(|tx| tx.set_community_archived(id, archive, now))
        {
            Ok(()) => {
                if archive && self.community_id() == Some(id) {
                    self.community = None;
                }
                cx.changed();
                cx.info(if archive {
                    "Archived ✓ (press v to show archived)"
                } else {
                    "Restored ✓"
                });
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }

    /// `x` on the Roster: deactivates (or reactivates) the selected member.
    pub(in crate::app) fn toggle_member_active(&mut self, cx: &mut Ctx) {
        let Some(m) = self.selected_member().cloned() else {
            return;
        };
        let today = cx.today();
        match cx
            .store
            .write(|tx| tx.set_member_active(m.id, !m.active, today))
        {
            Ok(()) => {
                cx.changed();
                let name = sanitize(&m.profile.name, false).into_owned();
                if m.active {
                    cx.info(format!(
                        "{name} deactivated (left {today}); press x to reactivate"
                    ));
                } else {
                    cx.info(format!("{name} is active again"));
                }
                self.reselect(cx, |b| b.select_member(m.id));
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }

    /// `x` on Meetings: asks to cancel the selected planned meeting.
    pub(in crate::app) fn ask_cancel_meeting(&self, cx: &mut Ctx) {
        let Some(m) = self.selected_upcoming() else {
            return;
        };
        if m.status != MeetingStatus::Planned {
            return cx.info("Only a planned meeting can be cancelled");
        }
        cx.open(Overlay::Confirm(Confirm {
            question: format!(
                "Cancel '{}' on {}?",
                sanitize(&m.title, false),
                cx.dates.date_time(m.scheduled_at)
            ),
            on_yes: Pending::CancelMeeting(m.id),
        }));
    }

    /// Cancels a planned meeting, once confirmed.
    pub(in crate::app) fn cancel_meeting(&mut self, cx: &mut Ctx, id: MeetingId) {
        match cx.store.write(|tx| tx.cancel_meeting(id)) {
            Ok(()) => {
                cx.changed();
                cx.info("Meeting cancelled ✓");
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }

    /// `s` on Goals: moves the selected goal to its next status.
    pub(in crate::app) fn cycle_goal_status(&mut self, cx: &mut Ctx) {
        let Some(g) = self.selected_goal().cloned() else {
            return;
        };
        let next = g.info.status.next();
        let now = cx.now();
        match cx.store.write(|tx| tx.set_goal_status(g.id, next, now)) {
            Ok(()) => {
                cx.changed();
                self.reselect(cx, |b| b.select_goal(g.id));
                cx.info(format!(
                    "'{}' is now {} ✓",
                    sanitize(&g.info.title, false),
                    next.as_str()
                ));
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }

    /// Re-reads the lists now (the app re-reads every area again once the command is
    /// done) so that `select` finds the changed row where it now is.
    fn reselect(&mut self, cx: &mut Ctx, select: impl FnOnce(&mut Self)) {
        match self.reload(&cx.store) {
            Ok(()) => select(self),
            Err(e) => cx.error(format!("Could not read the database: {e}")),
        }
    }
}

/// The leader chosen in the community form: the choice carries the member's id ("" for
/// none), and the store checks that they belong to the community.
fn leader_choice(d: &Draft) -> Option<NewLeader> {
    // "" (nobody) is the one value that is not an id: no leader is set.
    let member = d.get(cf::LEADER).parse::<MemberId>().ok()?;
    Some(NewLeader {
        member,
        // The form offers only valid spellings; anything else would mean the default.
        role: LeaderRole::parse(d.get(cf::LEADER_ROLE)).unwrap_or_default(),
        chosen_by: ChosenBy::parse(d.get(cf::CHOSEN_BY)).unwrap_or_default(),
    })
}

impl Browse {
    /// `x` on Goals: restore an archived goal; delete one nothing refers to; or, for a
    /// goal that cycles or actions serve, say why it stays and offer to archive it. Each
    /// is asked first.
    pub(in crate::app) fn ask_remove_goal(&self, cx: &mut Ctx) {
        let Some(g) = self.selected_goal() else {
            return cx.info("No goals yet: press n to add one");
        };
        let title = sanitize(&g.info.title, false).into_owned();
        if g.archived {
            return cx.open(Overlay::Confirm(Confirm {
                question: format!("Restore the archived goal '{title}'?"),
                on_yes: Pending::ArchiveGoal(g.id, false),
            }));
        }
        let (question, on_yes) = match cx.store.goal_in_use(g.id) {
            Ok(Some(why)) => (
                format!("'{title}' cannot be deleted: {}", sanitize(&why, false)),
                Pending::ArchiveGoal(g.id, true),
            ),
            Ok(None) => (
                format!("Delete the goal '{title}'? Nothing refers to it; this cannot be undone."),
                Pending::DeleteGoal(g.id),
            ),
            Err(e) => return cx.error(format!("Could not check what the goal serves: {e}")),
        };
        cx.open(Overlay::Confirm(Confirm { question, on_yes }));
    }

    /// Deletes a goal, once confirmed. Refused by the store if something came to refer
    /// to it since: then archiving is offered.
    pub(in crate::app) fn delete_goal(&mut self, cx: &mut Ctx, id: GoalId) {
        match cx.store.write(|tx| tx.delete_goal(id)) {
            Ok(()) => {
                cx.changed();
                cx.info("Goal deleted ✓");
            }
            Err(StoreError::Refused(why)) => cx.open(Overlay::Confirm(Confirm {
                question: format!("Not deleted: {}", sanitize(&why, false)),
                on_yes: Pending::ArchiveGoal(id, true),
            })),
            Err(e) => cx.error(format!("Not deleted: {e}")),
        }
    }

    /// Archives (or restores) a goal, once confirmed.
    pub(in crate::app) fn archive_goal(&mut self, cx: &mut Ctx, id: GoalId, archive: bool) {
        let now = cx.now();
        match cx.store.write(|tx| tx.set_goal_archived(id, archive, now)) {
            Ok(()) => {
                cx.changed();
                if archive {
                    cx.info("Goal archived ✓ (press v to show archived goals)");
                } else {
                    cx.info("Goal restored ✓");
                    self.reselect(cx, |b| b.select_goal(id));
                }
            }
            Err(e) => cx.error(format!("Not changed: {e}")),
        }
    }
}
