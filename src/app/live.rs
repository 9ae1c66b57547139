//! Running a live meeting: attendance, stepping through the agenda, speaking turns,
//! notes and consent checks. Every command is one store transaction; the screen is
//! refreshed from the store afterwards, so what it shows is what was committed.

use super::form::{Field, Form, FormKind};
use super::{App, ChoosePurpose, Chooser, Command, Confirm, Overlay, Pending, Screen};
use crate::domain::live::{Attendance, LiveMeeting};
use crate::domain::note::{NoteKind, check_body};
use crate::domain::rounds::{self, OrderInput, OrderStrategy};
use crate::domain::text::{one_line, sanitize};
use crate::domain::timer::clock;
use crate::domain::{Draft, MeetingId, MemberId, Profile, ValidationErrors};
use crate::store::StoreError;
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};
use ratatui_textarea::TextArea;

/// How often a running meeting records that the app is alive.
pub const HEARTBEAT: i64 = 10;
/// A gap in heartbeats longer than this counts as downtime.
pub const DOWNTIME_GRACE: i64 = 30;

/// Live-mode state that is not meeting data.
#[derive(Debug, Default)]
pub struct LiveUi {
    /// The order the leader chose for the next round with `o` (cleared once used).
    pub order: Option<OrderStrategy>,

    /// A note closed with Esc before it was saved, to continue later.
    pub note_draft: Option<Box<NoteEditor>>,
    last_heartbeat: Option<DateTime<Utc>>,
}

/// The note being typed.
#[derive(Debug)]
pub struct NoteEditor {
    pub area: TextArea<'static>,
    pub kind: NoteKind,
    /// Who the note is about; `None` for the group.
    pub about: Option<MemberId>,
    /// The note being edited, if not a new one.
    pub editing: Option<i64>,
}

/// Fist-of-five votes being entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteSheet {
    pub topic: String,
    /// The member this decision makes leader, if it is the choice of a leader.
    pub leader: Option<MemberId>,
    pub votes: Vec<(MemberId, Option<u8>)>,
    pub cursor: usize,
}

const NOBODY: &str = "(nobody)";
/// Setting key of the default speaking order.
pub const DEFAULT_ORDER: &str = "default_turn_order";

const NOT_A_LEADER_CHOICE: &str = "no";

impl App {
    /// The running (or just ended) meeting's id.
    fn live_id(&self) -> Option<MeetingId> {
        self.live.as_ref().map(|l| l.meeting.id)
    }

    /// The order the next round will use: the leader's pick (`o`), else the item's
    /// own, else the default from settings, else roster order.
    pub fn next_round_order(&self) -> OrderStrategy {
        let item = self
            .live
            .as_ref()
            .and_then(LiveMeeting::current_item)
            .and_then(|i| i.item.turns.order);
        self.live_ui
            .order
            .or(item)
            .or_else(|| {
                self.store
                    .setting(DEFAULT_ORDER)
                    .ok()
                    .flatten()
                    .as_deref()
                    .and_then(OrderStrategy::parse)
            })
            .unwrap_or_default()
    }

    /// Whether a meeting is live right now in this app.
    pub fn meeting_is_live(&self) -> bool {
        self.live.as_ref().is_some_and(|l| {
            l.ended_at.is_none() && l.meeting.status == crate::domain::meeting::MeetingStatus::Live
        })
    }

    /// Whether a timer is on screen, so the terminal loop should tick.
    pub fn needs_tick(&self) -> bool {
        self.screen == Screen::Live
            && self.meeting_is_live()
            && !self.live.as_ref().is_some_and(LiveMeeting::is_paused)
    }

    /// The current instant (from the injected clock), for rendering timers.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Called on every tick: records a heartbeat now and then.
    pub fn tick(&mut self) {
        let now = self.clock.now();
        let Some(id) = self.live_id().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let due = self
            .live_ui
            .last_heartbeat
            .is_none_or(|t| now - t >= Duration::seconds(HEARTBEAT));
        if due && self.store.heartbeat(id, now).is_ok() {
            self.live_ui.last_heartbeat = Some(now);
        }
    }

    /// Reloads the live meeting from the store.
    pub(super) fn reload_live(&mut self) {
        if let Some(id) = self.live_id() {
            match self.store.live_meeting(id) {
                Ok(l) => self.live = Some(l),
                Err(e) => self.error(format!("Could not read the meeting: {e}")),
            }
        }
        let n = self.visible(Screen::Attendance).len();
        self.list_mut(Screen::Attendance).clamp(n);
    }

    /// Applies a store change to the live meeting and reloads it; reports failures.
    fn live_write(&mut self, r: Result<(), StoreError>, ok: Option<String>) {
        match r {
            Ok(()) => {
                self.reload_live();
                if let Some(msg) = ok {
                    self.info(msg);
                }
            }
            Err(e) => {
                self.reload_live();
                self.error(format!("Not done: {e}"));
            }
        }
    }

    /// Handles the live-meeting commands; returns false for any other command.
    pub(super) fn handle_live(&mut self, cmd: Command) -> bool {
        let now = self.clock.now();
        match cmd {
            Command::StartMeeting => self.prepare_start(),
            Command::OpenLive => self.open_live(),
            Command::Attendance => self.screen = Screen::Attendance,
            Command::CycleAttendance => self.cycle_attendance(),
            Command::AddGuest | Command::AddNewMember => {
                let Some(id) = self.live_id() else {
                    return true;
                };
                let guest = cmd == Command::AddGuest;
                let title = if guest {
                    "Add a guest"
                } else {
                    "Add a new member (joins the roster as new)"
                };
                let fields = vec![Field::text("name", "Name", "Required", "", false)];
                self.overlay = Overlay::Form(Box::new(Form::new(
                    FormKind::WalkIn { meeting: id, guest },
                    title.into(),
                    fields,
                )));
            }
            Command::NextSpeaker => self.next_speaker(now),
            Command::PassTurn => self.turn_op(|s, m| s.store.pass_turn(m, now)),
            Command::BackTurn => self.turn_op(|s, m| s.store.back_turn(m, now)),
            Command::SkipTurn => self.turn_op(|s, m| s.store.skip_turn(m, now)),
            Command::RaiseHand => self.choose_hand(),
            Command::NewRound => self.new_round(now),
            Command::CycleOrder => {
                let next = self.next_round_order().next();
                self.live_ui.order = Some(next);
                self.info(format!(
                    "Next round: {} (r starts it; O makes it the default)",
                    next.label()
                ));
            }
            Command::SaveDefaultOrder => {
                let o = self.next_round_order();
                match self.store.set_setting(DEFAULT_ORDER, o.as_str()) {
                    Ok(()) => {
                        self.info(format!("✓ {} is now the default speaking order", o.label()))
                    }
                    Err(e) => self.error(format!("Not saved: {e}")),
                }
            }
            Command::NextItem => self.step_item(1, now),
            Command::PrevItem => self.step_item(-1, now),
            Command::TogglePause => {
                let Some(l) = &self.live else { return true };
                let (id, paused) = (l.meeting.id, l.is_paused());
                let msg = if paused {
                    "Resumed ▶"
                } else {
                    "Paused ⏸ — every clock is stopped; z resumes"
                };
                let r = self.store.set_paused(id, !paused, now);
                self.live_write(r, Some(msg.into()));
            }
            Command::ConsentCheck => self.open_consent(),
            Command::EndMeeting => self.ask_end(),
            Command::Note => self.open_note(),
            Command::EditNotes => self.choose_note(),
            Command::EditSpeaker => self.edit_speaker(),
            Command::NoteSave => self.save_note(now),
            Command::NoteNewline => self.with_note(|n| n.area.insert_newline()),
            Command::NoteKind => self.with_note(|n| n.kind = n.kind.next()),
            Command::NoteAbout => self.cycle_about(),
            Command::NoteCancel => {
                if let Overlay::Note(n) = std::mem::take(&mut self.overlay) {
                    let has_text = !n.area.is_empty();
                    if has_text && n.editing.is_none() {
                        self.live_ui.note_draft = Some(n);
                        self.info("Note not saved; its text is kept: n continues it");
                    } else {
                        self.info("Nothing was changed");
                    }
                }
            }
            Command::NoteDelete => {
                let Overlay::Note(n) = &self.overlay else {
                    return true;
                };
                if let Some(id) = n.editing {
                    self.overlay = Overlay::Confirm(Confirm {
                        question: "Delete this note (and its action item, if any)?".into(),
                        on_yes: Pending::DeleteNote(id),
                    });
                }
            }
            Command::Vote(score) => {
                if let Overlay::Vote(v) = &mut self.overlay
                    && let Some(slot) = v.votes.get_mut(v.cursor)
                {
                    slot.1 = Some(score);
                    v.cursor = (v.cursor + 1).min(v.votes.len().saturating_sub(1));
                }
            }
            Command::VoteSave => self.save_votes(now),
            _ => return false,
        }
        true
    }

    fn with_note(&mut self, f: impl FnOnce(&mut NoteEditor)) {
        if let Overlay::Note(n) = &mut self.overlay {
            f(n);
        }
    }

    /// Meetings: `s` on a planned meeting opens the attendance check (everyone on the
    /// roster is marked present to start with; the leader marks who is not).
    fn prepare_start(&mut self) {
        let Some(m) = self.selected_upcoming().cloned() else {
            return self.info("Plan a meeting first: press n");
        };
        if m.status == "live" {
            return self.open_live_id(m.id);
        }
        if let Some(c) = self.community.as_ref().map(|c| c.id)
            && let Ok(Some(other)) = self.store.live_meeting_id(c)
            && other != m.id
        {
            return self
                .info("Another meeting of this community is live: end it first (l opens it)");
        }
        if let Err(e) = self.store.prefill_attendance(m.id) {
            return self.error(format!("Could not take attendance: {e}"));
        }
        match self.store.live_meeting(m.id) {
            Ok(l) => {
                self.live = Some(l);
                self.screen = Screen::Attendance;
                self.info("Mark who is late or absent (Space), add walk-ins (w, m), then Enter starts the meeting");
            }
            Err(e) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Enter on Attendance (start the meeting) or `l` on Meetings (back to it).
    fn open_live(&mut self) {
        match (&self.live, self.screen) {
            (Some(l), Screen::Attendance)
                if l.meeting.status == crate::domain::meeting::MeetingStatus::Planned =>
            {
                let id = l.meeting.id;
                let attendance: Vec<(MemberId, Attendance)> = l
                    .attendance
                    .iter()
                    .map(|a| (a.member.id, a.status))
                    .collect();
                match self.store.start_meeting(id, &attendance, self.clock.now()) {
                    Ok(()) => {
                        self.live_ui.last_heartbeat = Some(self.clock.now());
                        self.reload_live();
                        self.screen = Screen::Live;
                        self.refresh();
                        self.info("The meeting has started ● Space gives the floor, n takes a note, ? shows every key");
                    }
                    Err(e) => self.error(format!("Not started: {e}")),
                }
            }
            (Some(l), _) if self.meeting_is_live() => {
                let id = l.meeting.id;
                self.open_live_id(id);
            }
            _ => match self
                .community
                .as_ref()
                .and_then(|c| self.store.live_meeting_id(c.id).ok().flatten())
            {
                Some(id) => self.open_live_id(id),
                None => self.info("No meeting is live: select a planned one and press s"),
            },
        }
    }

    /// Opens the live screen on `id`, counting any time the app was away as paused.
    pub(super) fn open_live_id(&mut self, id: MeetingId) {
        let now = self.clock.now();
        let downtime = self
            .store
            .resume_after_downtime(id, now, Duration::seconds(DOWNTIME_GRACE));
        self.live_ui.last_heartbeat = Some(now);
        match self.store.live_meeting(id) {
            Ok(l) => {
                self.live = Some(l);
                self.screen = Screen::Live;
                match downtime {
                    Ok(d) if d > Duration::zero() => self.info(format!(
                        "Resumed where you were. {} while Roundtable was closed counts as paused.",
                        clock(d)
                    )),
                    Ok(_) => self.info("Back in the live meeting"),
                    Err(e) => {
                        self.error(format!("Resumed, but the downtime was not recorded: {e}"))
                    }
                }
            }
            Err(e) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    fn cycle_attendance(&mut self) {
        let Some((meeting, a)) = self.live.as_ref().and_then(|l| {
            let rows = self.visible(Screen::Attendance);
            let i = *rows.get(self.list(Screen::Attendance).selected)?;
            Some((l.meeting.id, l.attendance.get(i)?.clone()))
        }) else {
            return;
        };
        let next = a.status.next();
        let r = self.store.set_attendance(meeting, a.member.id, next);
        let name = sanitize(&a.member.profile.name, false).into_owned();
        self.live_write(r, Some(format!("{name}: {} ✓", next.as_str())));
    }

    fn turn_op(&mut self, op: impl FnOnce(&mut Self, MeetingId) -> Result<(), StoreError>) {
        let Some(id) = self.live_id().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let r = op(self, id);
        self.live_write(r, None);
        self.announce_speaker();
    }

    /// Says who has the floor now, or that the round is complete.
    fn announce_speaker(&mut self) {
        let Some(l) = &self.live else { return };
        if self.status.as_ref().is_some_and(|s| s.is_error) {
            return;
        }
        let msg = match (l.current_turn(), l.current_item()) {
            (Some(t), _) => format!("{} has the floor", sanitize(l.name(t.member), false)),
            (None, Some(item)) if !l.round_turns(item.item.id).is_empty() => {
                "Round complete ✓ — r starts another, ] moves to the next item".to_string()
            }
            _ => return,
        };
        self.info(msg);
    }

    fn next_speaker(&mut self, now: DateTime<Utc>) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return self.info("No meeting is running");
        };
        let Some(item) = l.current_item() else { return };
        let turns = l.round_turns(item.item.id);
        if rounds::is_open(&turns) {
            return self.turn_op(|s, m| s.store.next_speaker(m, now));
        }
        if turns.is_empty() && item.item.info.kind.takes_turns() {
            return self.new_round(now);
        }
        if turns.is_empty() {
            self.info("This item has no speaking turns; r starts a round anyway, ] moves on");
        } else {
            self.info("Round complete ✓ — r starts another, ] moves to the next item");
        }
    }

    fn new_round(&mut self, now: DateTime<Utc>) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let (meeting, community) = (l.meeting.id, l.meeting.community_id);
        let present: Vec<MemberId> = l.here().iter().map(|a| a.member.id).collect();
        let strategy = self.next_round_order();
        let input = OrderInput {
            airtime: if strategy == OrderStrategy::LeastHeard {
                self.store.airtime_history(community).unwrap_or_default()
            } else {
                Default::default()
            },
            last_first: if strategy == OrderStrategy::Rotate {
                self.store.last_round_first(community).ok().flatten()
            } else {
                None
            },
            seed: now.timestamp_millis() as u64,
            present,
        };
        let order = rounds::order(strategy, &input);
        match self.store.start_round(meeting, &order, strategy, now) {
            Ok(n) => {
                self.live_ui.order = None;
                self.reload_live();

                let first = self
                    .live
                    .as_ref()
                    .and_then(|l| l.current_turn().map(|t| l.name(t.member).to_string()))
                    .unwrap_or_default();
                self.info(format!(
                    "Round {n} ({}) — {} has the floor",
                    strategy.label(),
                    sanitize(&first, false)
                ));
            }
            Err(e) => self.error(format!("Not started: {e}")),
        }
    }

    fn choose_hand(&mut self) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let speaking = l.current_turn().map(|t| t.member);
        let (names, ids): (Vec<(String, String)>, Vec<i64>) = l
            .here()
            .iter()
            .filter(|a| Some(a.member.id) != speaking)
            .map(|a| {
                (
                    (a.member.profile.name.clone(), "speaks next".to_string()),
                    a.member.id,
                )
            })
            .unzip();
        if names.is_empty() {
            return self.info("Nobody else is here to raise a hand");
        }
        self.overlay = Overlay::Choose(Chooser {
            title: "Who raised a hand?".into(),
            options: names,
            ids,
            selected: 0,
            purpose: ChoosePurpose::RaiseHand,
        });
    }

    /// Enter in a live chooser.
    pub(super) fn choose_live(&mut self, purpose: ChoosePurpose, id: i64) {
        let now = self.clock.now();
        match purpose {
            ChoosePurpose::RaiseHand => {
                let name = self
                    .live
                    .as_ref()
                    .map(|l| l.name(id).to_string())
                    .unwrap_or_default();
                self.turn_op(|s, m| s.store.raise_hand(m, id, now));
                if !self.status.as_ref().is_some_and(|s| s.is_error) {
                    self.info(format!("✋ {} speaks next", sanitize(&name, false)));
                }
            }
            ChoosePurpose::EditNote => {
                let Some(n) = self
                    .live
                    .as_ref()
                    .and_then(|l| l.notes.iter().find(|n| n.id == id))
                    .cloned()
                else {
                    return;
                };
                let mut area = TextArea::new(n.body.lines().map(str::to_string).collect());
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Overlay::Note(Box::new(NoteEditor {
                    area,
                    kind: n.kind,
                    about: n.member_id,
                    editing: Some(n.id),
                }));
            }
            ChoosePurpose::Template => {}
        }
    }

    fn step_item(&mut self, by: isize, now: DateTime<Utc>) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let cur = l.current_index().unwrap_or(0) as isize;
        let target = cur + by;
        if target < 0 {
            return self.info("This is the first item");
        }
        let Some(item) = l.items.get(target as usize) else {
            return self.info("That was the last item: E ends the meeting");
        };
        let (id, meeting, title) = (item.item.id, l.meeting.id, item.item.info.title.clone());
        let r = self.store.go_to_item(meeting, id, now);
        self.live_write(r, Some(format!("Now: {}", one_line(&title))));
    }

    fn open_consent(&mut self) {
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
        let mut leaders = vec![NOT_A_LEADER_CHOICE.to_string()];
        leaders.extend(
            l.here()
                .iter()
                .filter(|a| !a.guest)
                .map(|a| a.member.profile.name.clone()),
        );
        let fields = vec![
            Field::text(
                "topic",
                "Decision",
                "What the group is deciding",
                &topic,
                false,
            ),
            Field::choice("leader", "Chooses leader", leaders, NOT_A_LEADER_CHOICE),
        ];
        self.overlay = Overlay::Form(Box::new(Form::new(
            FormKind::Consent { meeting },
            "Consent check (fist of five)".into(),
            fields,
        )));
    }

    fn save_votes(&mut self, now: DateTime<Utc>) {
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
            .record_consent(meeting, &topic, &votes, leader, now)
        {
            Ok(result) => {
                self.overlay = Overlay::None;
                self.reload_live();
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

    fn ask_end(&mut self) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let question = if l.here().is_empty() {
            "Nobody is marked present. End the meeting anyway?".to_string()
        } else {
            format!(
                "End '{}' now? It moves to history.",
                sanitize(&l.meeting.title, false)
            )
        };
        self.overlay = Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::EndMeeting(l.meeting.id),
        });
    }

    /// After a confirmed end: the summary screen.
    pub(super) fn end_meeting(&mut self, id: MeetingId) {
        match self.store.end_meeting(id, self.clock.now()) {
            Ok(()) => {
                self.reload_live();
                self.refresh();
                self.screen = Screen::Summary;
                self.info("The meeting has ended ✓ — here is what happened; Enter goes to History");
            }
            Err(e) => self.error(format!("Not ended: {e}")),
        }
    }

    fn open_note(&mut self) {
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

    fn cycle_about(&mut self) {
        let Some(l) = &self.live else { return };
        let mut options: Vec<Option<MemberId>> = vec![None];
        options.extend(l.here().iter().map(|a| Some(a.member.id)));
        if let Overlay::Note(n) = &mut self.overlay {
            let i = options.iter().position(|o| *o == n.about).unwrap_or(0);
            n.about = options[(i + 1) % options.len()];
        }
    }

    fn choose_note(&mut self) {
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
                    n.id,
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

    fn edit_speaker(&mut self) {
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
    fn save_note(&mut self, now: DateTime<Utc>) {
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
            let mut owners = vec![NOBODY.to_string()];
            owners.extend(l.here().iter().map(|a| a.member.profile.name.clone()));
            let owner = n
                .about
                .map(|m| l.name(m).to_string())
                .unwrap_or_else(|| NOBODY.into());
            let due = (now.with_timezone(&Local).date_naive() + Duration::days(7)).to_string();
            let fields = vec![
                Field::choice("owner", "Owner", owners, &owner),
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
            Some(id) => self.store.update_note(id, kind, &body, None, now),
            None => self
                .store
                .add_note(meeting, about, kind, &body, None, now)
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
    pub(super) fn save_live_form(
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
                self.store.add_walk_in(*meeting, &p, *guest, now)?;
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
                let leader = l
                    .here()
                    .iter()
                    .find(|a| a.member.profile.name == d.get("leader"))
                    .map(|a| a.member.id);
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
                let owner = self.live.as_ref().and_then(|l| {
                    l.here()
                        .iter()
                        .find(|a| a.member.profile.name == d.get("owner"))
                        .map(|a| a.member.id)
                });
                let action = Some((owner, due));
                match editing {
                    Some(id) => self
                        .store
                        .update_note(*id, NoteKind::Action, body, action, now)?,
                    None => {
                        self.store.add_note(
                            *meeting,
                            *about,
                            NoteKind::Action,
                            body,
                            action,
                            now,
                        )?;
                    }
                }
                self.reload_live();
                let who = d.get("owner");
                let due = due
                    .map(|d: NaiveDate| format!(" by {d}"))
                    .unwrap_or_default();
                Ok(format!("✓ action saved: {who}{due}"))
            }
            _ => Err(StoreError::NotFound("not a live-meeting form".into())),
        }
    }
}
