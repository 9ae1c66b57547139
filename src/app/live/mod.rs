//! The live area: running a meeting (the Attendance and Live screens, and the Summary
//! right after): attendance, stepping through the agenda, speaking turns, notes and
//! consent checks. Every command is one store transaction; the meeting is re-read from
//! the store afterwards, so what the screen shows is what was committed.

// The learning cycle in the meeting (live-cycle).
mod commit;
mod cycle;
pub(in crate::app) mod drafts;
mod floor;
mod notes;
mod reflect;
mod review;
mod run;
mod turns;

use super::form::{Field, Form, FormKind};
use super::{Confirm, Ctx, ListState, Overlay, Pending, lists};
use crate::domain::live::LiveMeeting;
use crate::domain::meeting::MeetingStatus;
use crate::domain::note::NoteKind;
use crate::domain::rounds::OrderStrategy;
use crate::domain::{AgendaItemId, MeetingId, MemberId, NoteId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use ratatui_textarea::TextArea;

/// A note on the cycle's board, as `ui` reads it (it names no store).
pub use crate::store::BoardNote;
pub use cycle::{
    LiveCycle, LiveCycleChoice, LiveCycleForm, LiveCyclePending, NO_CYCLE, WalkStep, is_cycle_item,
};
pub use reflect::step_label;
pub(in crate::app) use run::{EndChoice, Started};

/// How often (in seconds) a running meeting records that the app is alive: every second
/// it shows. The downtime rule: time from the last second Roundtable recorded (at least
/// the last second it showed) until it runs the meeting again counts as paused, so no
/// airtime is credited for it and no clock goes back.
pub const HEARTBEAT: i64 = 1;

/// The meeting being run (or just ended), and the live screens' state that is not data.
#[derive(Debug, Default)]
pub struct Live {
    /// The meeting, as stored.
    pub meeting: Option<LiveMeeting>,
    /// The order the leader chose for the next round with `o` (cleared once used).
    pub order: Option<OrderStrategy>,
    /// The default speaking order (a setting: read at start-up, written by `O`).
    default_order: Option<OrderStrategy>,
    /// The settings file's default speaking order (used when the database has none).
    file_order: Option<OrderStrategy>,
    /// A note closed with Esc before it was saved, to continue later.
    pub note_draft: Option<Box<NoteEditor>>,
    /// Votes to enter once the consent form closes.
    pending_vote: Option<Box<VoteSheet>>,
    /// Votes typed before a crash, offered back by `c`.
    vote_draft: Option<Box<VoteSheet>>,
    /// The drafts as last stored (see `drafts.rs`).
    drafts_kept: drafts::Drafts,
    /// When the drafts first differed from what is stored.
    draft_since: Option<DateTime<Utc>>,
    last_heartbeat: Option<DateTime<Utc>>,
    /// The meeting this process has been running since it started or resumed it.
    running: Option<MeetingId>,
    pub(in crate::app) attendance: ListState,
    /// The Live screen has no rows; this holds only its (unused) filter.
    pub(in crate::app) list: ListState,
    /// `v`: the item's prompts over the whole left column of the live screen.
    prompts_full: bool,
    /// The meeting's learning cycle: board, commitments, reflection walk, agreements.
    cycle: LiveCycle,
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
    /// The agenda item a new note was begun on: it is saved there, though the meeting
    /// has moved on since (kept as a draft, or over a crash).
    pub item: Option<AgendaItemId>,
}

impl NoteEditor {
    /// The text area of a note editor holding `text`, its cursor at the end: long lines
    /// wrap at words, as a form's long fields do, so the start of a note never scrolls
    /// out of sight sideways (trial r9 F9).
    pub fn area_with(text: &str) -> TextArea<'static> {
        let mut area = match text.is_empty() {
            true => TextArea::default(),
            false => TextArea::new(text.lines().map(str::to_string).collect()),
        };
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area
    }
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

/// What Space and `t` say when the meeting is on no item: a meeting started with an
/// empty agenda by an older version (starting one now adds an open discussion item).
const NO_ITEM: &str = "The agenda is empty: there is no floor to give; E ends the meeting";
/// Setting key of the default speaking order.
pub const DEFAULT_ORDER: &str = "default_turn_order";

const NOT_A_LEADER_CHOICE: &str = "no";

impl Live {
    /// The meeting's learning cycle, to walk its reflection (see `App::walk`).
    pub(in crate::app) fn cycle_mut(&mut self) -> &mut LiveCycle {
        &mut self.cycle
    }

    /// The running (or just ended) meeting's id.
    fn id(&self) -> Option<MeetingId> {
        self.meeting.as_ref().map(|l| l.meeting.id)
    }

    /// For a meeting shown but not run by this process (`render live`): since when the
    /// leader's app has been away, its clocks stopped there (see
    /// [`LiveMeeting::leader_away_since`]). `None` while this process runs it.
    pub fn leader_away_since(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let l = self.meeting.as_ref()?;
        if self.running == Some(l.meeting.id) {
            return None;
        }
        l.leader_away_since(now)
    }

    /// The meeting, if it is live right now.
    fn running(&self) -> Option<&LiveMeeting> {
        self.meeting.as_ref().filter(|_| self.is_running())
    }

    /// The order the next round will use: the leader's pick (`o`), else the item's
    /// own, else the default from settings, else roster order.
    pub fn next_round_order(&self) -> OrderStrategy {
        let item = self
            .meeting
            .as_ref()
            .and_then(LiveMeeting::current_item)
            .and_then(|i| i.item.turns.order);
        self.order
            .or(item)
            .or(self.default_order)
            .or(self.file_order)
            // Nobody chose one: roster order.
            .unwrap_or_default()
    }

    /// Whether a meeting is live right now in this app.
    pub fn is_running(&self) -> bool {
        self.meeting
            .as_ref()
            .is_some_and(|l| l.ended_at.is_none() && l.meeting.status == MeetingStatus::Live)
    }

    /// Whether the meeting's clocks are running (it is live and not paused).
    pub fn has_running_clock(&self) -> bool {
        self.is_running() && !self.meeting.as_ref().is_some_and(LiveMeeting::is_paused)
    }

    /// Whether the leader asked (`v`) for the prompts over the whole left column.
    pub fn prompts_full(&self) -> bool {
        self.prompts_full
    }

    /// `v`: the item's prompts in full, or back to the cue card.
    pub(in crate::app) fn toggle_prompts(&mut self, cx: &mut Ctx) {
        self.prompts_full = !self.prompts_full;
        cx.info(if self.prompts_full {
            "Prompts in full — v shows the cue card again"
        } else {
            "Cue card and prompts — v shows the prompts in full"
        });
    }

    /// Rows of Attendance the filter lets through.
    pub fn attendance_rows(&self) -> Vec<usize> {
        let texts: Vec<String> = self
            .meeting
            .iter()
            .flat_map(|l| &l.attendance)
            .map(|a| a.member.profile.name.clone())
            .collect();
        lists::matching(&texts, &self.attendance.filter)
    }

    /// The settings file's default speaking order (issue 12); one saved with `O` (in the
    /// database) wins over it.
    pub(in crate::app) fn set_file_order(&mut self, order: OrderStrategy) {
        self.file_order = Some(order);
    }

    /// Reads the default speaking order from the settings.
    pub(in crate::app) fn load_default_order(&mut self, cx: &mut Ctx) {
        match cx.store.setting(DEFAULT_ORDER) {
            // An unknown spelling is no default.
            Ok(v) => self.default_order = v.as_deref().and_then(OrderStrategy::parse),
            Err(e) => cx.error(format!(
                "Could not read the default speaking order (rounds use roster order): {e}"
            )),
        }
    }

    /// Shows meeting `id` without running it (`render`).
    pub(in crate::app) fn show(&mut self, store: &Store, id: MeetingId) -> Result<(), StoreError> {
        let l = store.live_meeting(id)?;
        self.cycle.load(store, &l)?;
        self.meeting = Some(l);
        Ok(())
    }

    /// Called on every tick and after every key: records a heartbeat once per second, so
    /// the stored sign of life is never behind the last second the screen showed.
    pub(in crate::app) fn tick(&mut self, cx: &mut Ctx) {
        let now = cx.now();
        let Some(id) = self.running().map(|l| l.meeting.id) else {
            return;
        };
        self.keep_drafts(cx, id);
        let due = self
            .last_heartbeat
            .is_none_or(|t| now - t >= Duration::seconds(HEARTBEAT));
        if !due {
            return;
        }
        match cx.store.write(|tx| tx.heartbeat(id, now)) {
            Ok(()) => self.last_heartbeat = Some(now),
            Err(e) => cx.error(format!(
                "Could not record that the meeting is running (if Roundtable stops now, the time since may count as paused): {e}"
            )),
        }
    }

    /// Before the process exits on a signal: what is being typed is stored at once
    /// (whatever the debounce) and the heartbeat says the app was alive until now.
    /// Returns what could not be stored.
    pub(in crate::app) fn save_before_exit(&mut self, cx: &mut Ctx) -> Result<(), StoreError> {
        let Some(id) = self.running().map(|l| l.meeting.id) else {
            return Ok(());
        };
        self.draft_since = Some(cx.clock.now() - drafts::DRAFT_EVERY);
        self.keep_drafts(cx, id);
        let now = cx.now();
        cx.store.write(|tx| tx.heartbeat(id, now))?;
        self.last_heartbeat = Some(now);
        Ok(())
    }

    /// Reloads the meeting from the store.
    pub(in crate::app) fn reload(&mut self, cx: &mut Ctx) {
        if let Some(id) = self.id() {
            match cx.store.live_meeting(id) {
                Ok(l) => self.meeting = Some(l),
                Err(e) => cx.error(format!("Could not read the meeting: {e}")),
            }
            self.reload_cycle(cx);
        }
        let n = self.attendance_rows().len();
        self.attendance.clamp(n);
    }

    /// Applies a store change to the meeting and reloads it; reports failures.
    fn write(&mut self, cx: &mut Ctx, r: Result<(), StoreError>, ok: Option<String>) {
        self.reload(cx);
        match r {
            Ok(()) => {
                if let Some(msg) = ok {
                    cx.info(msg);
                }
            }
            Err(e) => cx.error(format!("Not done: {e}")),
        }
    }

    /// The vote sheet the consent form leads to, once that form closes.
    pub(in crate::app) fn take_pending_vote(&mut self) -> Option<Box<VoteSheet>> {
        self.pending_vote.take()
    }

    /// `w` / `m` on Attendance: someone walks in, as a guest or a new member.
    pub(in crate::app) fn walk_in_form(&self, cx: &mut Ctx, guest: bool) {
        let Some(id) = self.id() else {
            return;
        };
        let title = if guest {
            "Add a guest"
        } else {
            "Add a new member (joins the roster as new)"
        };
        let fields = vec![Field::text("name", "Name", "Required", "", false)];
        cx.form(Form::new(
            FormKind::WalkIn { meeting: id, guest },
            title.into(),
            fields,
        ));
    }

    /// `o`: the next order in the cycle, for the next round.
    pub(in crate::app) fn cycle_order(&mut self, cx: &mut Ctx) {
        let next = self.next_round_order().next();
        self.order = Some(next);
        cx.info(format!(
            "Next round: {} (r starts it; O makes it the default)",
            next.label()
        ));
    }

    /// `O`: the next round's order becomes the default for every meeting.
    pub(in crate::app) fn save_default_order(&mut self, cx: &mut Ctx) {
        let o = self.next_round_order();
        match cx
            .store
            .write(|tx| tx.set_setting(DEFAULT_ORDER, o.as_str()))
        {
            Ok(()) => {
                self.default_order = Some(o);
                cx.info(format!("✓ {} is now the default speaking order", o.label()));
            }
            Err(e) => cx.error(format!("Not saved: {e}")),
        }
    }

    /// `z`: pauses every clock, or resumes them.
    pub(in crate::app) fn toggle_pause(&mut self, cx: &mut Ctx) {
        let Some(l) = &self.meeting else { return };
        let (id, paused) = (l.meeting.id, l.is_paused());
        let msg = if paused {
            "Resumed ▶"
        } else {
            "Paused ⏸ — every clock is stopped; z resumes"
        };
        let now = cx.now();
        let r = cx.store.write(|tx| tx.set_paused(id, !paused, now));
        self.write(cx, r, Some(msg.into()));
    }

    /// Who can own an action given in the meeting: nobody, those in the room, then the
    /// members who are away (leaders often give an action to someone absent). Guests
    /// only while they are here, and only with `guests`.
    fn owner_choices(&self, guests: bool) -> Vec<(Option<MemberId>, String)> {
        let mut owners = vec![(None, NOBODY.to_string())];
        if let Some(l) = &self.meeting {
            let (here, away): (Vec<_>, Vec<_>) = l
                .attendance
                .iter()
                .filter(|a| guests || !a.guest)
                .partition(|a| a.status.is_here());
            owners.extend(
                here.iter()
                    .map(|a| (Some(a.member.id), a.member.profile.name.clone())),
            );
            owners.extend(away.iter().filter(|a| !a.guest).map(|a| {
                (
                    Some(a.member.id),
                    format!("{} (away)", a.member.profile.name),
                )
            }));
        }
        owners
    }

    /// Esc in the note editor: a new note's text is kept as a draft.
    pub(in crate::app) fn close_note(&mut self, cx: &mut Ctx) {
        if let Overlay::Note(n) = std::mem::take(&mut cx.overlay) {
            // Spaces and empty lines are not a note (nor could they be saved as one).
            let has_text = n.area.lines().iter().any(|l| !l.trim().is_empty());
            if has_text && n.editing.is_none() {
                self.note_draft = Some(n);
                cx.info("Note not saved; its text is kept: n continues it");
            } else {
                cx.info("Nothing was changed");
            }
        }
    }

    /// Ctrl-D in the note editor: asks to delete the note being edited.
    pub(in crate::app) fn ask_delete_note(&self, cx: &mut Ctx) {
        let Overlay::Note(n) = &cx.overlay else {
            return;
        };
        if let Some(id) = n.editing {
            cx.open(Overlay::Confirm(Confirm {
                question: "Delete this note (and its action item, if any)?".into(),
                on_yes: Pending::DeleteNote(id),
            }));
        }
    }

    /// Deletes a note, once confirmed.
    pub(in crate::app) fn delete_note(&mut self, cx: &mut Ctx, id: NoteId) {
        let r = cx.store.write(|tx| tx.delete_note(id));
        self.write(cx, r, Some("Note deleted ✓".into()));
    }

    /// A digit on the vote sheet: the member's fist of five, then the next member.
    pub(in crate::app) fn vote(&self, cx: &mut Ctx, score: u8) {
        if let Overlay::Vote(v) = &mut cx.overlay
            && let Some(slot) = v.votes.get_mut(v.cursor)
        {
            slot.1 = Some(score);
            v.cursor = (v.cursor + 1).min(v.votes.len().saturating_sub(1));
        }
    }

    pub(in crate::app) fn with_note(&self, cx: &mut Ctx, f: impl FnOnce(&mut NoteEditor)) {
        if let Overlay::Note(n) = &mut cx.overlay {
            f(n);
        }
    }
}
