//! Creating and editing communities, members and goals: forms, saving, archiving.

use super::form::{Form, FormKind};
use super::{App, Confirm, LAST_COMMUNITY, Overlay, Pending, Screen};
use crate::domain::community::fields as cf;
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::sanitize;
use crate::domain::{ChosenBy, CommunityInfo, Draft, GoalInfo, LeaderRole, MemberId, Profile};
use crate::store::{NewLeader, StoreError};

impl App {
    pub(super) fn open_form(&mut self, new: bool) {
        let form = match self.screen {
            Screen::Communities if new => Form::community(None, &Draft::new(), &[]),
            Screen::Communities => {
                let Some(c) = self.selected_community() else {
                    return self.info("No community selected");
                };
                let mut d = c.info.to_draft();
                let names: Vec<(MemberId, String)> = self
                    .store
                    .members(c.id)
                    .unwrap_or_default()
                    .into_iter()
                    // Active members, and the current leader even if no longer active, so
                    // saving other fields never ends their term by accident.
                    .filter(|m| m.active || c.leader.as_ref().is_some_and(|l| l.member_id == m.id))
                    .map(|m| (m.id, m.profile.name))
                    .collect();

                if let Some(l) = &c.leader {
                    d.set(cf::LEADER, l.member_id.to_string());
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
            Screen::Meetings | Screen::Plan | Screen::Icebreakers => {
                return self.open_planning_form(new);
            }
            Screen::History | Screen::Attendance | Screen::Live | Screen::Summary => return,
        };
        self.overlay = Overlay::Form(Box::new(form));
    }

    pub(super) fn today(&self) -> chrono::NaiveDate {
        self.clock.now().with_timezone(&chrono::Local).date_naive()
    }

    /// Validates and stores the open form. On any failure the form stays open with what
    /// was typed, and the store is unchanged.
    pub(super) fn save_form(&mut self) {
        let Overlay::Form(form) = &self.overlay else {
            return;
        };
        let kind = form.kind.clone();
        let draft = form.draft();
        let now = self.clock.now();
        let today = self.today();
        let community = self.community.as_ref().map(|c| c.id);
        let result: Result<String, StoreError> = (|| match kind.clone() {
            FormKind::Community(id) => {
                let info = CommunityInfo::from_draft(&draft)?;
                match id {
                    None => {
                        let new_id = self.store.write(|tx| tx.insert_community(&info, now))?;
                        let _ = self
                            .store
                            .write(|tx| tx.set_setting(LAST_COMMUNITY, &new_id.to_string()));
                        self.community = self.store.community(new_id).ok();
                        Ok(format!("Created community '{}'", info.name))
                    }
                    Some(id) => {
                        let leader = leader_choice(&draft);
                        self.store
                            .write(|tx| tx.save_community_with_leader(id, &info, leader, today))?;
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
                        .write(|tx| tx.insert_member(c, &p, now))
                        .map(|_| format!("Added {} to the roster", p.name)),
                    Some(id) => self
                        .store
                        .write(|tx| tx.update_member(id, &p))
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
                        .write(|tx| tx.insert_goal(c, &g, now))
                        .map(|_| format!("Added goal '{}'", g.title)),
                    Some(id) => self
                        .store
                        .write(|tx| tx.update_goal(id, &g, now))
                        .map(|_| format!("Saved goal '{}'", g.title)),
                }
            }
            other @ (FormKind::WalkIn { .. }
            | FormKind::Consent { .. }
            | FormKind::ActionNote { .. }) => self.save_live_form(&other, &draft),
            other => self.save_planning_form(&other, &draft),
        })();
        match result {
            Ok(msg) => {
                self.overlay = match self.pending_vote.take() {
                    Some(v) => Overlay::Vote(v),
                    None => Overlay::None,
                };
                self.refresh();
                if let FormKind::Community(None) = kind
                    && let Some(id) = self.community.as_ref().map(|c| c.id)
                {
                    self.select_community_row(id);
                }
                // Live-meeting forms word their own confirmation.
                let suffix = match kind {
                    FormKind::WalkIn { .. }
                    | FormKind::Consent { .. }
                    | FormKind::ActionNote { .. } => "",
                    _ => " ✓",
                };
                self.info(format!("{}{suffix}", sanitize(&msg, false)));
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

    pub(super) fn remove(&mut self) {
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
                match self
                    .store
                    .write(|tx| tx.set_member_active(m.id, !m.active, today))
                {
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
            Screen::Meetings => {
                let Some(m) = self.selected_upcoming() else {
                    return;
                };
                if m.status != MeetingStatus::Planned {
                    return self.info("Only a planned meeting can be cancelled");
                }
                self.overlay = Overlay::Confirm(Confirm {
                    question: format!(
                        "Cancel '{}' on {}?",
                        sanitize(&m.title, false),
                        super::local(m.scheduled_at)
                    ),
                    on_yes: Pending::CancelMeeting(m.id),
                });
            }
            Screen::Plan => {
                let Some(item) = self.selected_item() else {
                    return;
                };
                self.overlay = Overlay::Confirm(Confirm {
                    question: format!(
                        "Remove '{}' ({} min) from the agenda?",
                        sanitize(&item.info.title, false),
                        item.info.minutes
                    ),
                    on_yes: Pending::RemoveItem(item.id),
                });
            }
            _ => {}
        }
    }

    /// Refreshes after a store change and reports how it went.
    pub(super) fn after_change(&mut self, r: Result<(), StoreError>, ok: &str) {
        match r {
            Ok(()) => {
                self.refresh();
                self.info(ok);
            }
            Err(e) => self.error(format!("Not changed: {e}")),
        }
    }

    pub(super) fn confirm(&mut self) {
        let Overlay::Confirm(c) = std::mem::take(&mut self.overlay) else {
            return;
        };
        match c.on_yes {
            Pending::EndMeeting(id) => self.end_meeting(id),
            Pending::Resume(id) => self.open_live_id(id),
            Pending::QuitLive => self.quit = true,
            Pending::DeleteNote(id) => {
                let r = self.store.write(|tx| tx.delete_note(id));
                self.live_write(r, Some("Note deleted ✓".into()));
            }
            Pending::CancelMeeting(id) => {
                let r = self.store.write(|tx| tx.cancel_meeting(id));
                self.after_change(r, "Meeting cancelled ✓");
            }
            Pending::RemoveItem(id) => {
                let r = self.store.write(|tx| tx.delete_agenda_item(id));
                self.after_change(r, "Item removed ✓");
            }
            Pending::ArchiveCommunity(id, archive) => {
                match self
                    .store
                    .write(|tx| tx.set_community_archived(id, archive, self.clock.now()))
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

    pub(super) fn cycle_goal_status(&mut self) {
        let Some(g) = self.selected_goal().cloned() else {
            return;
        };
        let next = g.info.status.next();
        match self
            .store
            .write(|tx| tx.set_goal_status(g.id, next, self.clock.now()))
        {
            Ok(()) => {
                self.refresh();
                let row = self.goals.iter().position(|x| x.id == g.id);
                self.select_data_row(Screen::Goals, row);
                self.info(format!(
                    "'{}' is now {} ✓",
                    sanitize(&g.info.title, false),
                    next.as_str()
                ));
            }
            Err(e) => self.error(format!("Not changed: {e}")),
        }
    }
}

/// The leader chosen in the community form: the choice carries the member's id ("" for
/// none), and the store checks that they belong to the community.
fn leader_choice(d: &Draft) -> Option<NewLeader> {
    let member = d.get(cf::LEADER).parse::<MemberId>().ok()?;
    Some(NewLeader {
        member,
        role: LeaderRole::parse(d.get(cf::LEADER_ROLE)).unwrap_or_default(),
        chosen_by: ChosenBy::parse(d.get(cf::CHOSEN_BY)).unwrap_or_default(),
    })
}
