//! The shared screen (`roundtable present`): what the room may see of the live meeting,
//! read from the same file while the leader's app runs it.
//!
//! [`SharedView`] is built from the meeting as stored and holds only what is public:
//! names, the agenda and its clocks, who has the floor and who is next, raised hands,
//! and the decisions. Profiles, cue cards, open actions and every note but a decision
//! never enter it, so the screen that draws it cannot show them. (Decisions are the
//! notes meant for the group; no other note is shared, so no "shareable" flag is needed.)

use crate::domain::live::LiveMeeting;
use crate::domain::note::NoteKind;
use crate::domain::rounds::{self, TurnState};
use crate::domain::timer::Countdown;
use crate::domain::{Clock, MeetingId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Duration, SubsecRound, Utc};

/// Where an agenda item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Done,
    Now,
    Later,
}

/// One agenda row of the shared screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedItem {
    pub title: String,
    pub state: ItemState,
    pub clock: Countdown,
}

/// What the room sees of a live meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedView {
    pub title: String,
    pub paused: bool,
    /// Since when the leader's app has shown no sign of life (closed, crashed): the
    /// clocks stay at that instant (see [`LiveMeeting::leader_away_since`]).
    pub waiting_since: Option<DateTime<Utc>>,
    pub meeting_clock: Countdown,
    pub agenda: Vec<SharedItem>,
    /// Who has the floor (a round's speaker or the open floor), and for how long.
    pub speaking: Option<(String, Duration)>,
    /// Who speaks next in the round, if one is running.
    pub next: Option<String>,
    /// Raised hands, in the order raised.
    pub hands: Vec<String>,
    /// The community's working agreements (none are kept yet: always empty).
    pub agreements: Vec<String>,
    /// Decisions so far: decision notes and consent checks, oldest first.
    pub decisions: Vec<String>,
}

impl SharedView {
    /// The public part of `l` as of `now`, its clocks stopped where the leader's app
    /// left them while it is away.
    pub fn of(l: &LiveMeeting, now: DateTime<Utc>) -> Self {
        let waiting_since = l.leader_away_since(now);
        let now = waiting_since.unwrap_or(now);
        let current = l.current_index();
        let agenda = l
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| SharedItem {
                title: item.item.info.title.clone(),
                state: match current {
                    Some(c) if c == i => ItemState::Now,
                    Some(c) if i < c => ItemState::Done,
                    _ if !item.visits.is_empty() => ItemState::Done,
                    _ => ItemState::Later,
                },
                clock: l.item_countdown(item, now),
            })
            .collect();
        let round = l
            .current_item()
            .map(|i| l.round_turns(i.item.id))
            .unwrap_or_default();
        let speaking = match (l.current_turn(), l.floor_speaker()) {
            (Some(t), _) => l.current_item().map(|i| {
                (
                    l.name(t.member).to_string(),
                    l.turn_countdown(i, &t, now).elapsed,
                )
            }),
            (None, Some(f)) => Some((l.name(f.member).to_string(), l.floor_elapsed(f, now))),
            (None, None) => None,
        };
        let next = rounds::next_waiting(&round).map(|t| l.name(t.member).to_string());
        let mut hands: Vec<&rounds::Turn> = round
            .iter()
            .filter(|t| t.state == TurnState::Waiting && t.hand_raised_at.is_some())
            .collect();
        hands.sort_by_key(|t| (t.hand_raised_at, t.position));
        let mut decisions: Vec<(DateTime<Utc>, String)> = l
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Decision)
            // A decision recorded with a consent check is shown with its result below.
            .filter(|n| !l.consents.iter().any(|c| c.note_id == Some(n.id)))
            .map(|n| (n.created_at, n.body.clone()))
            .collect();
        for c in &l.consents {
            let at = c
                .note_id
                .and_then(|id| l.notes.iter().find(|n| n.id == id))
                .map_or(now, |n| n.created_at);
            decisions.push((at, format!("{} — {}", c.topic, c.result.summary())));
        }
        decisions.sort_by_key(|d| d.0);
        Self {
            title: l.meeting.title.clone(),
            paused: l.is_paused(),
            waiting_since,
            meeting_clock: l.meeting_countdown(now),
            agenda,
            speaking,
            next,
            hands: hands
                .into_iter()
                .map(|t| l.name(t.member).to_string())
                .collect(),
            agreements: Vec::new(),
            decisions: decisions.into_iter().map(|d| d.1).collect(),
        }
    }
}

/// Follows the live meeting in a database another process writes: re-reads it only when
/// the file changed (SQLite's `data_version`), and finds a meeting that starts later.
pub struct Presenter {
    store: Store,
    clock: Box<dyn Clock>,
    meeting: Option<LiveMeeting>,
    version: Option<i64>,
}

impl Presenter {
    /// A presenter over a (read-only) store.
    pub fn new(store: Store, clock: Box<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            meeting: None,
            version: None,
        }
    }

    /// Re-reads the live meeting if the file changed since the last read. Returns
    /// whether it did.
    pub fn refresh(&mut self) -> Result<bool, StoreError> {
        // Opened before the leader's app (a projector switched on first): the file was
        // opened as a frozen view; follow the app once it has the file open.
        let reopened = self
            .store
            .follow_writers()
            .map_err(|e| StoreError::Refused(format!("cannot follow the file: {e}")))?;
        let v = self.store.data_version()?;
        if self.version == Some(v) && !reopened {
            return Ok(false);
        }
        // One read transaction: the meeting is read as one committed state.
        let meeting = self.store.snapshot(|s| -> Result<_, StoreError> {
            match s.any_live_meeting()? {
                Some((id, _)) => Ok(Some(s.live_meeting(id)?)),
                None => Ok(None),
            }
        })?;
        self.meeting = meeting;
        self.version = Some(v);
        Ok(true)
    }

    /// Whether a meeting is live (as last read).
    pub fn is_live(&self) -> bool {
        self.meeting.is_some()
    }

    /// The live meeting's id (as last read).
    pub fn meeting_id(&self) -> Option<MeetingId> {
        self.meeting.as_ref().map(|l| l.meeting.id)
    }

    /// The current instant of the injected clock, in whole seconds as on the leader's
    /// screen (so elapsed and left add up to the timebox).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now().trunc_subsecs(0)
    }

    /// What the room sees now; `None` while no meeting is live.
    pub fn view(&self) -> Option<SharedView> {
        self.meeting.as_ref().map(|l| SharedView::of(l, self.now()))
    }
}
