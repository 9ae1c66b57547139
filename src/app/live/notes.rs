//! Notes, actions, introductions and consent checks during a meeting.

use super::*;
use crate::app::form::{Field, Form, FormKind};
use crate::app::{App, ChoosePurpose, Chooser, Overlay};
use crate::domain::live::LiveMeeting;
use crate::domain::note::{NoteKind, check_body};
use crate::domain::text::{one_line, sanitize};
use crate::domain::{Draft, MemberId, Profile, ValidationErrors};
use crate::store::StoreError;
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use ratatui_textarea::TextArea;

impl App {
    pub(in crate::app) fn open_consent(&mut self) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let Some(meeting) = self.live_id() else {
            return;
        };
        let topic = l
            .current_item()
            .map(|i| i.item.info.title.clone())
            .unwrap_or_default();
        let mut leaders = vec![(None, NOT_A_LEADER_CHOICE.to_string())];
        leaders.extend(
            l.here()
                .iter()
                .filter(|a| !a.guest)
                .map(|a| (Some(a.member.id), a.member.profile.name.clone())),
        );
        let fields = vec![
            Field::text(
                "topic",
                "Decision",
                "What the group is deciding",
                &topic,
                false,
            ),
            Field::people("leader", "Chooses leader", leaders, None),
        ];
        self.overlay = Overlay::Form(Box::new(Form::new(
            FormKind::Consent { meeting },
            "Consent check (fist of five)".into(),
            fields,
        )));
    }

    pub(in crate::app) fn save_votes(&mut self, now: DateTime<Utc>) {
        let Overlay::Vote(v) = &self.overlay else {
            return;
        };
        let Some(meeting) = self.live_id() else {
            return;
        };
        let votes: Vec<(MemberId, u8)> = v
            .votes
            .iter()
            .filter_map(|&(m, s)| s.map(|s| (m, s)))
            .collect();
        if votes.is_empty() {
            return self.info("No votes yet: type 0–5 for each member (↑/↓ to move)");
        }
        let (topic, leader, total) = (v.topic.clone(), v.leader, v.votes.len());
        match self
            .store
            .write(|tx| tx.record_consent(meeting, &topic, &votes, leader, now))
        {
            Ok(result) => {
                self.overlay = Overlay::None;
                // A consent check may change the leader: everything is re-read.
                self.refresh();
                let mut msg = format!(
                    "✓ Recorded: {} ({} of {total} voted)",
                    result.summary(),
                    votes.len()
                );
                if let Some(l) = leader.filter(|_| result.consensus()) {
                    let name = self
                        .live
                        .as_ref()
                        .map(|x| x.name(l).to_string())
                        .unwrap_or_default();
                    msg.push_str(&format!(
                        " — {} now leads, agreed by the group",
                        sanitize(&name, false)
                    ));
                }
                self.info(msg);
            }
            Err(e) => self.error(format!("Not recorded: {e}")),
        }
    }

    pub(in crate::app) fn open_note(&mut self) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return self.info("Notes are taken during a live meeting");
        };
        let speaker = l.current_turn().map(|t| t.member);
        let editor = match self.live_ui.note_draft.take() {
            Some(d) => d,
            None => Box::new(NoteEditor {
                area: TextArea::default(),
                kind: NoteKind::Note,
                about: speaker,
                editing: None,
            }),
        };
        self.overlay = Overlay::Note(editor);
    }

    pub(in crate::app) fn cycle_about(&mut self) {
        let Some(l) = &self.live else { return };
        let mut options: Vec<Option<MemberId>> = vec![None];
        options.extend(l.here().iter().map(|a| Some(a.member.id)));
        if let Overlay::Note(n) = &mut self.overlay {
            let i = options.iter().position(|o| *o == n.about).unwrap_or(0);
            n.about = options[(i + 1) % options.len()];
        }
    }

    pub(in crate::app) fn choose_note(&mut self) {
        let Some(l) = &self.live else { return };
        let recent: Vec<_> = l.notes.iter().rev().take(20).collect();
        if recent.is_empty() {
            return self.info("No notes yet: n takes one");
        }
        let (options, ids) = recent
            .iter()
            .map(|n| {
                let who = n.member_id.map_or("group", |m| l.name(m));
                let when = n.created_at.with_timezone(&Local).format("%H:%M");
                let head: String = one_line(&n.body).chars().take(60).collect();
                (
                    (
                        format!("{when} {} · {who}: {head}", n.kind.as_str()),
                        "Enter edits; Ctrl-D in the editor deletes".into(),
                    ),
                    n.id.get(),
                )
            })
            .unzip();
        self.overlay = Overlay::Choose(Chooser {
            title: "Edit a recent note".into(),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::EditNote,
        });
    }

    pub(in crate::app) fn edit_speaker(&mut self) {
        let Some(t) = self.live.as_ref().and_then(LiveMeeting::current_turn) else {
            return self.info("Nobody has the floor");
        };
        let Some(a) = self
            .live
            .as_ref()
            .and_then(|l| l.attendance.iter().find(|a| a.member.id == t.member))
            .cloned()
        else {
            return;
        };
        self.overlay = Overlay::Form(Box::new(Form::member(
            Some(a.member.id),
            &a.member.profile.to_draft(),
        )));
        if let Overlay::Form(f) = &mut self.overlay {
            f.title = format!(
                "Introducing {} — what they bring and hope to get",
                one_line(&a.member.profile.name)
            );
            // Start on "Brings": that is what introductions capture.
            f.focus = f.fields.iter().position(|x| x.key == "brings").unwrap_or(0);
        }
    }

    /// Enter in the note editor: an action asks for its owner and due date; anything else
    /// is committed now, and the screen says so only after the commit.
    pub(in crate::app) fn save_note(&mut self, now: DateTime<Utc>) {
        let Overlay::Note(n) = &self.overlay else {
            return;
        };
        let body = n.area.lines().join("\n");
        if let Err(msg) = check_body(&body) {
            return self.error(format!("Not saved: {msg}"));
        }
        let Some(meeting) = self.live_id() else {
            return;
        };
        if n.kind == NoteKind::Action {
            let Some(l) = &self.live else { return };
            let mut owners = vec![(None, NOBODY.to_string())];
            owners.extend(
                l.here()
                    .iter()
                    .map(|a| (Some(a.member.id), a.member.profile.name.clone())),
            );
            let due = (now.with_timezone(&Local).date_naive() + Duration::days(7)).to_string();
            let fields = vec![
                Field::people("owner", "Owner", owners, n.about),
                Field::text("due", "Due date", "YYYY-MM-DD (empty: none)", &due, false),
            ];
            let kind = FormKind::ActionNote {
                meeting,
                body,
                about: n.about,
                editing: n.editing,
            };
            self.overlay = Overlay::Form(Box::new(Form::new(
                kind,
                "Action: who does it, by when?".into(),
                fields,
            )));
            return;
        }
        let (kind, about, editing) = (n.kind, n.about, n.editing);
        let r = match editing {
            Some(id) => self
                .store
                .write(|tx| tx.update_note(id, kind, &body, None, now)),
            None => self
                .store
                .write(|tx| tx.add_note(meeting, about, kind, &body, None, now))
                .map(|_| ()),
        };
        match r {
            Ok(()) => {
                self.overlay = Overlay::None;
                self.reload_live();
                let t = now.with_timezone(&Local).format("%H:%M:%S");
                self.info(format!("✓ {} saved {t}", kind.as_str()));
            }
            Err(e) => self.error(format!("Not saved — your text is still here: {e}")),
        }
    }

    /// Saves the live-meeting forms (walk-ins, consent topic, action details).
    pub(in crate::app) fn save_live_form(
        &mut self,
        kind: &FormKind,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let now = self.clock.now();
        match kind {
            FormKind::WalkIn { meeting, guest } => {
                let mut errs = ValidationErrors::default();
                let name = crate::domain::validate::name(&mut errs, "name", d.get("name"));
                errs.into_result(())?;
                let p = Profile {
                    name: name.clone(),
                    joined: Some(now.with_timezone(&Local).date_naive()),
                    ..Default::default()
                };
                self.store
                    .write(|tx| tx.add_walk_in(*meeting, &p, *guest, now))?;
                self.reload_live();
                Ok(if *guest {
                    format!("✓ {name} joins as a guest")
                } else {
                    format!("✓ {name} joins the roster as a new member")
                })
            }
            FormKind::Consent { .. } => {
                let mut errs = ValidationErrors::default();
                let topic = crate::domain::validate::text(&mut errs, "topic", d.get("topic"), 500);
                if topic.is_empty() {
                    errs.push("topic", "is required: say what is being decided");
                }
                errs.into_result(())?;
                let Some(l) = &self.live else {
                    return Err(StoreError::NotFound("no live meeting".into()));
                };
                let leader = d.get("leader").parse::<MemberId>().ok();
                let votes = l.here().iter().map(|a| (a.member.id, None)).collect();
                let sheet = VoteSheet {
                    topic,
                    leader,
                    votes,
                    cursor: 0,
                };
                // The vote sheet replaces the form once the form closes.
                self.pending_vote = Some(Box::new(sheet));
                Ok("Type each member's fist of five (0–5); Ctrl-S records".into())
            }
            FormKind::ActionNote {
                meeting,
                body,
                about,
                editing,
            } => {
                let mut errs = ValidationErrors::default();
                let due = crate::domain::validate::date(&mut errs, "due", d.get("due"));
                errs.into_result(())?;
                let owner = d.get("owner").parse::<MemberId>().ok();
                let action = Some((owner, due));
                match editing {
                    Some(id) => self
                        .store
                        .write(|tx| tx.update_note(*id, NoteKind::Action, body, action, now))?,
                    None => {
                        self.store.write(|tx| {
                            tx.add_note(*meeting, *about, NoteKind::Action, body, action, now)
                        })?;
                    }
                }
                self.reload_live();
                let who = match (owner, &self.live) {
                    (Some(m), Some(l)) => sanitize(l.name(m), false).into_owned(),
                    _ => NOBODY.to_string(),
                };
                let due = due
                    .map(|d: NaiveDate| format!(" by {d}"))
                    .unwrap_or_default();
                Ok(format!("✓ action saved: {who}{due}"))
            }
            _ => Err(StoreError::NotFound("not a live-meeting form".into())),
        }
    }
}
