//! Running a live meeting: attendance, stepping through the agenda, speaking turns,
//! notes and consent checks. Every command is one store transaction; the screen is
//! refreshed from the store afterwards, so what it shows is what was committed.

mod notes;
mod run;
mod turns;

use super::form::{Field, Form, FormKind};
use super::{App, Command, Confirm, Overlay, Pending, Screen};
use crate::domain::live::LiveMeeting;
use crate::domain::note::NoteKind;
use crate::domain::rounds::OrderStrategy;
use crate::domain::{MeetingId, MemberId, NoteId};
use crate::store::StoreError;
use chrono::{DateTime, Duration, Utc};
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
    /// The meeting this process has been running since it started or resumed it.
    running: Option<MeetingId>,
}

/// The note being typed.
#[derive(Debug)]
pub struct NoteEditor {
    pub area: TextArea<'static>,
    pub kind: NoteKind,
    /// Who the note is about; `None` for the group.
    pub about: Option<MemberId>,
    /// The note being edited, if not a new one.
    pub editing: Option<NoteId>,
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
    pub(in crate::app) fn live_id(&self) -> Option<MeetingId> {
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

    /// How long the terminal loop may wait for input before calling [`App::tick`]:
    /// a quarter second while a running timer is on screen; a few seconds while a
    /// meeting is live elsewhere (or paused), so its heartbeat goes on and time spent on
    /// another screen is never taken for downtime; otherwise forever (an idle screen
    /// uses no CPU).
    pub fn tick_interval(&self) -> Option<std::time::Duration> {
        if self.needs_tick() {
            Some(std::time::Duration::from_millis(250))
        } else if self.meeting_is_live() {
            Some(std::time::Duration::from_secs(HEARTBEAT as u64 / 2))
        } else {
            None
        }
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
        if due && self.store.write(|tx| tx.heartbeat(id, now)).is_ok() {
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
    pub(in crate::app) fn live_write(&mut self, r: Result<(), StoreError>, ok: Option<String>) {
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
            Command::PassTurn => self.turn_op(|s, m| s.store.write(|tx| tx.pass_turn(m, now))),
            Command::BackTurn => self.turn_op(|s, m| s.store.write(|tx| tx.back_turn(m, now))),
            Command::SkipTurn => self.turn_op(|s, m| s.store.write(|tx| tx.skip_turn(m, now))),
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
                match self
                    .store
                    .write(|tx| tx.set_setting(DEFAULT_ORDER, o.as_str()))
                {
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
                let r = self.store.write(|tx| tx.set_paused(id, !paused, now));
                self.live_write(r, Some(msg.into()));
            }
            Command::ConsentCheck => self.open_consent(),
            Command::EndMeeting => self.ask_end(),
            Command::Note => self.open_note(),
            Command::EditNotes => self.choose_note(),
            Command::EditSpeaker => self.edit_speaker(),
            Command::ActionDone => self.choose_action(),
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

    pub(in crate::app) fn with_note(&mut self, f: impl FnOnce(&mut NoteEditor)) {
        if let Overlay::Note(n) = &mut self.overlay {
            f(n);
        }
    }
}
