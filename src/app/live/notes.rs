//! Notes, actions, introductions and consent checks during a meeting.

use super::{Live, NOBODY, NOT_A_LEADER_CHOICE, NoteEditor, VoteSheet};
use crate::app::form::{Field, Form, FormKind};
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending};
use crate::domain::note::{NoteKind, check_body};
use crate::domain::text::{one_line, sanitize};
use crate::domain::{Draft, MemberId, NoteId, Profile, ValidationErrors};
use crate::store::StoreError;
use chrono::{Duration, Local, NaiveDate};

impl Live {
    /// `c`: the consent check's form (topic, and whether it chooses a leader).
    pub(in crate::app) fn open_consent(&mut self, cx: &mut Ctx) {
        if self.running().is_none() {
            return;
        }
        if let Some(sheet) = self.vote_draft.take() {
            cx.open(Overlay::Vote(sheet));
            return cx.info("The votes typed before: Ctrl-S records them, Esc asks to drop them");
        }
        let Some(l) = self.running() else {
            return;
        };
        let meeting = l.meeting.id;
        // What is being decided: the latest proposal on this item (a decision or a
        // solution noted, not already checked), else nothing to type over — never the
        // item's title (r9 trial F10).
        let item = l.current_item().map(|i| i.item.id);
        let checked: Vec<_> = l.consents.iter().filter_map(|c| c.note_id).collect();
        let topic = (l.notes.iter().rev())
            .filter(|n| item.is_some() && n.agenda_item_id == item && !checked.contains(&n.id))
            .find(|n| {
                matches!(
                    n.kind,
                    NoteKind::Decision | NoteKind::Solution | NoteKind::Idea
                )
            })
            .and_then(|n| n.body.lines().next())
            .map(|s| s.trim().chars().take(500).collect::<String>())
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
        cx.form(Form::new(
            FormKind::Consent { meeting },
            "Consent check (fist of five)".into(),
            fields,
        ));
    }

    /// Esc on the vote sheet. With a vote typed it asks first, as a form with typing
    /// does: the votes wait as the kept votes meanwhile (so a crash keeps them too).
    pub(in crate::app) fn close_votes(&mut self, cx: &mut Ctx) {
        let Overlay::Vote(v) = std::mem::take(&mut cx.overlay) else {
            return;
        };
        let n = v.votes.iter().filter(|(_, s)| s.is_some()).count();
        if n == 0 {
            return cx.info("Consent check closed; nothing was recorded");
        }
        let question = format!(
            "Throw away the {} typed for '{}'? (n goes back to the votes)",
            if n == 1 {
                "vote".to_string()
            } else {
                format!("{n} votes")
            },
            sanitize(&one_line(&v.topic), false)
        );
        self.vote_draft = Some(v);
        cx.open(Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::DiscardVotes,
        }));
    }

    /// `n` to throwing the votes away: the vote sheet as it was.
    pub(in crate::app) fn votes_back(&mut self, cx: &mut Ctx) {
        if let Some(v) = self.vote_draft.take() {
            cx.open(Overlay::Vote(v));
            cx.info("Back to the votes as you left them — Ctrl-S records them");
        }
    }

    /// `y` to throwing the votes away.
    pub(in crate::app) fn drop_votes(&mut self, cx: &mut Ctx) {
        self.vote_draft = None;
        cx.info("Votes thrown away; nothing was recorded");
    }

    /// Ctrl-S on the vote sheet: records the consent check.
    pub(in crate::app) fn save_votes(&mut self, cx: &mut Ctx) {
        let Overlay::Vote(v) = &cx.overlay else {
            return;
        };
        let Some(meeting) = self.id() else {
            return;
        };
        let votes: Vec<(MemberId, u8)> = v
            .votes
            .iter()
            .filter_map(|&(m, s)| s.map(|s| (m, s)))
            .collect();
        if votes.is_empty() {
            return cx.info("No votes yet: type 0–5 for each member (↑/↓ to move)");
        }
        let (topic, leader) = (v.topic.clone(), v.leader);
        // Who is in the room but gave no vote: the result names them.
        let missing: Vec<String> = match &self.meeting {
            Some(l) => v
                .votes
                .iter()
                .filter(|(_, s)| s.is_none())
                .map(|&(m, _)| sanitize(l.name(m), false).into_owned())
                .collect(),
            None => Vec::new(),
        };
        let now = cx.now();
        match cx
            .store
            .write(|tx| tx.record_consent(meeting, &topic, &votes, leader, now))
        {
            Ok(result) => {
                cx.overlay = Overlay::None;
                // A consent check may change the leader: everything is re-read.
                self.reload(cx);
                cx.changed();
                let mut msg = match missing.as_slice() {
                    [] => format!("✓ Recorded: {}", result.summary()),
                    [one] => format!("✓ Recorded — ⚠ {one} did not vote: {}", result.summary()),
                    many => format!(
                        "✓ Recorded — ⚠ {} did not vote: {}",
                        many.join(", "),
                        result.summary()
                    ),
                };
                if let Some(l) = leader.filter(|_| result.consensus())
                    && let Some(x) = &self.meeting
                {
                    msg.push_str(&format!(
                        " — {} now leads, agreed by the group",
                        sanitize(x.name(l), false)
                    ));
                }
                cx.info(msg);
            }
            Err(e) => cx.error(format!("Not recorded: {e}")),
        }
    }

    /// `n`: the note editor (continuing a kept draft), about the speaker.
    pub(in crate::app) fn open_note(&mut self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return cx.info("Notes are taken during a live meeting");
        };
        // A critical interrogation starts on "problem", about the floor's speaker too
        // (live-cycle).
        let (kind, speaker) = super::cycle::note_defaults(l);
        let item = l.current_item().map(|i| i.item.id);
        let editor = match self.note_draft.take() {
            Some(d) => d,
            None => Box::new(NoteEditor {
                area: NoteEditor::area_with(""),
                kind,
                about: speaker,
                editing: None,
                item,
            }),
        };
        cx.open(Overlay::Note(editor));
    }

    /// Shift-Tab in the note editor: about the group, or the next person here.
    pub(in crate::app) fn cycle_about(&self, cx: &mut Ctx) {
        let Some(l) = &self.meeting else { return };
        let mut options: Vec<Option<MemberId>> = vec![None];
        options.extend(l.here().iter().map(|a| Some(a.member.id)));
        if let Overlay::Note(n) = &mut cx.overlay {
            // Someone who has left the list since starts over at the group.
            let i = options.iter().position(|o| *o == n.about).unwrap_or(0);
            n.about = options[(i + 1) % options.len()];
        }
    }

    /// `N`: a recent note to edit.
    pub(in crate::app) fn choose_note(&self, cx: &mut Ctx) {
        let Some(l) = &self.meeting else { return };
        let recent: Vec<_> = l.notes.iter().rev().take(20).collect();
        if recent.is_empty() {
            return cx.info("No notes yet: n takes one");
        }
        let (options, ids) = recent
            .iter()
            .map(|n| {
                let who = n.member_id.map_or("group", |m| l.name(m));
                let when = cx.dates.time(n.created_at);
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
        cx.open(Overlay::Choose(Chooser {
            title: "Edit a recent note".into(),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::EditNote,
        }));
    }

    /// Chosen in the note chooser: the note, in the editor.
    pub(in crate::app) fn edit_note(&self, cx: &mut Ctx, id: NoteId) {
        let Some(n) = self
            .meeting
            .as_ref()
            .and_then(|l| l.notes.iter().find(|n| n.id == id))
        else {
            return;
        };
        cx.open(Overlay::Note(Box::new(NoteEditor {
            area: NoteEditor::area_with(&n.body),
            kind: n.kind,
            about: n.member_id,
            editing: Some(n.id),
            item: n.agenda_item_id,
        })));
    }

    /// `i`: the speaker's profile, to capture their introduction.
    pub(in crate::app) fn edit_speaker(&self, cx: &mut Ctx) {
        let Some(l) = &self.meeting else { return };
        let Some(a) = l
            .speaker()
            .and_then(|m| l.attendance.iter().find(|a| a.member.id == m))
        else {
            return cx.info("Nobody has the floor");
        };
        // The cue card first: what the leader wants mid-meeting; Enter edits it.
        let p = &a.member.profile;
        let dash = |s: &str| {
            if s.trim().is_empty() {
                "—".to_string()
            } else {
                one_line(s)
            }
        };
        let options: Vec<(String, String)> = [
            ("Brings", &p.brings),
            ("Hopes", &p.hopes),
            ("Style", &p.learning_style),
            ("Strengths", &p.strengths),
            ("Growing in", &p.growth_areas),
        ]
        .into_iter()
        .map(|(label, v)| {
            (
                format!("{label}: {}", dash(v)),
                format!("{label}: {} — Enter edits the profile", dash(v)),
            )
        })
        .collect();
        let ids = vec![a.member.id.get(); options.len()];
        cx.open(Overlay::Choose(Chooser {
            title: format!("Cue card: {} — Enter edits, Esc closes", one_line(&p.name)),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::EditProfile,
        }));
    }

    /// Enter on the speaker's cue card (`i`): their profile form, on "Brings" (what
    /// introductions capture).
    pub(in crate::app) fn edit_profile(&self, cx: &mut Ctx, member: MemberId) {
        let Some(a) = self
            .meeting
            .as_ref()
            .and_then(|l| l.attendance.iter().find(|a| a.member.id == member))
        else {
            return;
        };
        let mut form = Form::member(Some(a.member.id), &a.member.profile.to_draft());
        form.title = format!(
            "Introducing {} — what they bring and hope to get",
            one_line(&a.member.profile.name)
        );
        form.focus = form
            .fields
            .iter()
            .position(|x| x.key == "brings")
            .unwrap_or(0);
        cx.form(form);
    }

    /// Enter in the note editor: an action asks for its owner and due date; anything else
    /// is committed now, and the screen says so only after the commit.
    pub(in crate::app) fn save_note(&mut self, cx: &mut Ctx) {
        let now = cx.now();
        let Overlay::Note(n) = &cx.overlay else {
            return;
        };
        let body = n.area.lines().join("\n");
        if let Err(msg) = check_body(&body) {
            return cx.error(format!("Not saved: {msg}"));
        }
        let Some(meeting) = self.id() else {
            return;
        };
        if n.kind == NoteKind::Action {
            // The action is saved now, as typed; owner and due date follow on a form,
            // and Esc there keeps it as it is.
            let (about, editing, item) = (n.about, n.editing, n.item);
            let Some(l) = &self.meeting else { return };
            let had = editing
                .and_then(|id| l.notes.iter().find(|x| x.id == id))
                .and_then(|x| x.action);
            let r = match editing {
                // An action keeps its owner and date; a note turned into one has none yet.
                Some(id) => cx.store.write(|tx| {
                    tx.update_note(id, NoteKind::Action, &body, had.or(Some((None, None))), now)
                        .map(|()| id)
                }),
                None => cx.store.write(|tx| {
                    tx.add_note_on(
                        meeting,
                        item,
                        about,
                        NoteKind::Action,
                        &body,
                        Some((None, None)),
                        now,
                    )
                }),
            };
            let id = match r {
                Ok(id) => id,
                Err(e) => return cx.error(format!("Not saved — your text is still here: {e}")),
            };
            self.reload(cx);
            let Overlay::Note(n) = &cx.overlay else {
                return;
            };
            let owners = self.owner_choices(true);
            let (owner, due) = match had {
                Some((owner, due)) => (owner, due.map(|d| d.to_string()).unwrap_or_default()),
                None => (
                    n.about,
                    (now.with_timezone(&Local).date_naive() + Duration::days(7)).to_string(),
                ),
            };
            let fields = vec![
                Field::people("owner", "Owner", owners, owner),
                Field::text("due", "Due date", "YYYY-MM-DD (empty: none)", &due, false),
            ];
            let kind = FormKind::ActionNote {
                meeting,
                body,
                about: n.about,
                editing: Some(id),
            };
            cx.form(Form::new(
                kind,
                "Action saved ✓ — who does it, by when? (Esc: no owner yet)".into(),
                fields,
            ));
            return cx
                .info("✓ action saved; Ctrl-S adds its owner and due date, Esc leaves it without");
        }
        let (kind, about, editing, item) = (n.kind, n.about, n.editing, n.item);
        let r = match editing {
            Some(id) => cx
                .store
                .write(|tx| tx.update_note(id, kind, &body, None, now)),
            None => cx
                .store
                .write(|tx| tx.add_note_on(meeting, item, about, kind, &body, None, now))
                .map(|_| ()),
        };
        match r {
            Ok(()) => {
                cx.overlay = Overlay::None;
                self.reload(cx);
                let t = cx.dates.time(now);
                cx.info(format!("✓ {} saved {t}", kind.as_str()));
            }
            Err(e) => cx.error(format!("Not saved — your text is still here: {e}")),
        }
    }

    /// The question an action note's details ask before they are saved: a due date
    /// already past (the action itself is saved already; leaving it without an owner
    /// is the form's own Esc).
    pub(in crate::app) fn action_note_question(
        &self,
        kind: &FormKind,
        d: &Draft,
        today: NaiveDate,
    ) -> Option<String> {
        let FormKind::ActionNote { .. } = kind else {
            return None;
        };
        let mut errs = ValidationErrors::default();
        let due = crate::domain::validate::date(&mut errs, "due", d.get("due"))?;
        (due < today).then(|| {
            format!("Save it though its due date {due} is already past? (n: back to the form)")
        })
    }

    /// Saves the live-meeting forms (walk-ins, consent topic, action details).
    pub(in crate::app) fn save_form(
        &mut self,
        cx: &mut Ctx,
        kind: &FormKind,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let now = cx.now();
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
                cx.store
                    .write(|tx| tx.add_walk_in(*meeting, &p, *guest, now))?;
                self.reload(cx);
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
                let Some(l) = &self.meeting else {
                    return Err(StoreError::NotFound("no live meeting".into()));
                };
                // "no" (not a choice of leader) is the one value that is not an id.
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
                // "" (nobody) is the one value that is not an id.
                let owner = d.get("owner").parse::<MemberId>().ok();
                let action = Some((owner, due));
                match editing {
                    Some(id) => cx
                        .store
                        .write(|tx| tx.update_note(*id, NoteKind::Action, body, action, now))?,
                    None => {
                        cx.store.write(|tx| {
                            tx.add_note(*meeting, *about, NoteKind::Action, body, action, now)
                        })?;
                    }
                }
                self.reload(cx);
                let who = match (owner, &self.meeting) {
                    (Some(m), Some(l)) => sanitize(l.name(m), false).into_owned(),
                    _ => NOBODY.to_string(),
                };
                // No due date is fine: the action simply has none.
                let due = due
                    .map(|d: NaiveDate| format!(" by {d}"))
                    .unwrap_or_default();
                Ok(format!("✓ action saved: {who}{due}"))
            }
            FormKind::FollowUp { .. } => self.save_follow_up_form(cx, kind, d),
            FormKind::Community(_)
            | FormKind::Member(_)
            | FormKind::Goal(_)
            | FormKind::Meeting { .. }
            | FormKind::AgendaItem { .. }
            | FormKind::Template { .. }
            | FormKind::Icebreaker(_)
            | FormKind::Cycle(_)
            | FormKind::CloseCycle { .. }
            | FormKind::LiveCycle(_)
            | FormKind::Agreements(_)
            | FormKind::Action(_)
            | FormKind::ActionsFollowUp { .. } => {
                Err(StoreError::NotFound("not a live-meeting form".into()))
            }
        }
    }
}
