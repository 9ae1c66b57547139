//! A live meeting as stored, and everything derived from it: the current item and
//! speaker, timers, participation. All derived values are computed from timestamps and a
//! `now`, so the same store always shows the same meeting, before and after a crash.

use super::agenda::AgendaItem;
use super::consent::ConsentResult;
use super::meeting::Meeting;
use super::note::Note;
use super::participation::Participation;
use super::rounds::{self, Turn, TurnState};
use super::spelling::{next_in, spelled};
use super::timer::{Countdown, Span, active};
use super::{ActionId, AgendaItemId, ConsentId, MeetingId, Member, MemberId, NoteId};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Whether a member is at the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Attendance {
    Present,
    Late,
    Absent,
}

spelled!(Attendance);

impl Attendance {
    /// present → late → absent → present.
    pub fn next(self) -> Self {
        next_in(Self::ALL, self)
    }

    /// The next status on Space. Before the meeting: present → late → absent → present;
    /// once it runs, someone marked absent who arrives is late, not present.
    pub fn next_while(self, running: bool) -> Self {
        match self {
            Self::Absent if running => Self::Late,
            s => s.next(),
        }
    }

    /// Present or late: in the room.
    pub fn is_here(self) -> bool {
        self != Self::Absent
    }
}

/// Default length of one speaking turn.
pub const DEFAULT_TURN_SECONDS: u32 = 120;

/// An agenda item in a live meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveItem {
    pub item: AgendaItem,
    /// Each time the meeting was on this item.
    pub visits: Vec<Span>,
}

/// One member on the attendance list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub member: Member,
    pub status: Attendance,
    /// A guest, not on the roster.
    pub guest: bool,
}

/// Why the clocks stood still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// The leader paused.
    Paused,
    /// Roundtable was not running (a crash, a closed laptop).
    Downtime,
}

/// A span the meeting's clocks stood still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub reason: PauseReason,
    pub span: Span,
}

/// A stretch of open discussion in which one member had the floor (the leader tapped
/// who was talking). Its time counts as airtime, minus pauses, like a turn's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FloorSpan {
    pub item: AgendaItemId,
    pub member: MemberId,
    pub span: Span,
}

/// A recorded consent check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: ConsentId,
    pub agenda_item_id: Option<AgendaItemId>,
    /// The decision note recorded with it.
    pub note_id: Option<NoteId>,
    pub topic: String,
    pub result: ConsentResult,
}

/// An open action item of the community (for the leader's cue card).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAction {
    pub id: ActionId,
    pub owner: Option<MemberId>,
    pub title: String,
    pub due: Option<NaiveDate>,
    /// The meeting it was taken in (none when added on the Actions screen).
    pub meeting: Option<MeetingId>,
}

/// A meeting that is (or was) live, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveMeeting {
    pub meeting: Meeting,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub items: Vec<LiveItem>,
    pub pauses: Vec<Pause>,
    /// Roster order, guests last.
    pub attendance: Vec<Attendee>,
    /// Every turn of the meeting, with its agenda item.
    pub turns: Vec<(AgendaItemId, Turn)>,
    /// Oldest first.
    pub notes: Vec<Note>,
    pub consents: Vec<Consent>,
    pub open_actions: Vec<OpenAction>,
    /// Action follow-ups given in this meeting, in the order given (action review).
    pub follow_ups: Vec<super::review::FollowUp>,
    /// Who had the floor in open discussion, oldest first.
    pub floor: Vec<FloorSpan>,
    /// The prompt of each item's chosen icebreaker.
    pub icebreaker_prompts: Vec<(AgendaItemId, String)>,
    /// The learning cycle closed while the meeting ran (its reflection), if one was.
    pub cycle_closed: Option<CycleClosed>,
    /// While it is live: when the leader's app was last alive (its heartbeat or its last
    /// saved change), as the resume counts it. `None` when not read (or never alive).
    pub last_seen: Option<DateTime<Utc>>,
}

/// How long the leader's app may show no sign of life (it records one every second
/// while a meeting runs) before a screen that only follows the meeting takes it as not
/// running: closed, crashed or suspended.
pub const AWAY_AFTER: Duration = Duration::seconds(5);

/// A learning cycle closed while a meeting ran: its reflection as recorded (goal
/// verdicts with their evidence, the improvements, the outcome).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleClosed {
    pub number: u32,
    pub topic: String,
    pub closed_at: DateTime<Utc>,
    /// Each goal the cycle served: its title, the verdict (`None`: not judged) and the
    /// evidence given.
    pub goals: Vec<(String, Option<super::cycle::GoalVerdict>, String)>,
    /// "Where can we improve?", in the order given.
    pub improvements: Vec<String>,
    pub outcome: String,
}

impl LiveMeeting {
    /// Index of the item the meeting is on (the one with an open visit).
    pub fn current_index(&self) -> Option<usize> {
        self.items
            .iter()
            .position(|i| i.visits.iter().any(|v| v.end.is_none()))
    }

    /// The item the meeting is on.
    pub fn current_item(&self) -> Option<&LiveItem> {
        self.current_index().map(|i| &self.items[i])
    }

    /// Whether the leader has paused (an open pause).
    pub fn is_paused(&self) -> bool {
        self.pauses.iter().any(|p| p.span.end.is_none())
    }

    /// All pause spans, for timer arithmetic.
    pub fn pause_spans(&self) -> Vec<Span> {
        self.pauses.iter().map(|p| p.span).collect()
    }

    /// For a screen that follows the meeting without running it (`present`, `render`):
    /// since when the leader's app has shown no sign of life, once that is longer than
    /// [`AWAY_AFTER`]. Its clocks then stay at that instant, as the resume will count the
    /// time since as paused; `None` while the app is alive (or for a meeting not live).
    pub fn leader_away_since(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let seen = self.last_seen.filter(|_| self.ended_at.is_none())?;
        (now - seen > AWAY_AFTER).then_some(seen)
    }

    /// The instant a following screen shows the clocks at: now, or when the leader's
    /// app was last alive (see [`Self::leader_away_since`]).
    pub fn followed_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.leader_away_since(now).unwrap_or(now)
    }

    /// Time the app was down during the meeting, counted as paused.
    pub fn downtime(&self, now: DateTime<Utc>) -> Duration {
        self.pauses
            .iter()
            .filter(|p| p.reason == PauseReason::Downtime)
            .map(|p| p.span.end.unwrap_or(now) - p.span.start)
            .fold(Duration::zero(), |a, b| a + b)
    }

    /// Active time on an item (all its visits, minus pauses).
    pub fn item_elapsed(&self, item: &LiveItem, now: DateTime<Utc>) -> Duration {
        let pauses = self.pause_spans();
        item.visits
            .iter()
            .map(|v| active(*v, &pauses, now))
            .fold(Duration::zero(), |a, b| a + b)
    }

    /// The item's timer against its timebox.
    pub fn item_countdown(&self, item: &LiveItem, now: DateTime<Utc>) -> Countdown {
        Countdown {
            elapsed: self.item_elapsed(item, now),
            limit: Duration::minutes(i64::from(item.item.info.minutes)),
        }
    }

    /// The whole meeting's clock against its planned length.
    pub fn meeting_countdown(&self, now: DateTime<Utc>) -> Countdown {
        let span = Span {
            start: self.started_at,
            end: self.ended_at,
        };
        Countdown {
            elapsed: active(span, &self.pause_spans(), now),
            limit: Duration::minutes(i64::from(self.meeting.planned_minutes)),
        }
    }

    /// Turns of an item's latest round, in speaking order.
    pub fn round_turns(&self, item_id: AgendaItemId) -> Vec<Turn> {
        let round = self
            .turns
            .iter()
            .filter(|(i, _)| *i == item_id)
            .map(|(_, t)| t.round)
            .max();
        let mut turns: Vec<Turn> = self
            .turns
            .iter()
            .filter(|(i, t)| *i == item_id && Some(t.round) == round)
            .map(|(_, t)| t.clone())
            .collect();
        turns.sort_by_key(|t| t.position);
        turns
    }

    /// The number of an item's latest round (0 when none has started).
    pub fn round_number(&self, item_id: AgendaItemId) -> u32 {
        self.turns
            .iter()
            .filter(|(i, _)| *i == item_id)
            .map(|(_, t)| t.round)
            .max()
            .unwrap_or(0)
    }

    /// The turn being spoken on the current item.
    pub fn current_turn(&self) -> Option<Turn> {
        let item = self.current_item()?;
        rounds::speaking(&self.round_turns(item.item.id)).cloned()
    }

    /// Who has the open floor on the current item (the open span), if anyone.
    pub fn floor_speaker(&self) -> Option<&FloorSpan> {
        let item = self.current_item()?.item.id;
        self.floor
            .iter()
            .find(|f| f.item == item && f.span.end.is_none())
    }

    /// Who is speaking now: the round's speaker, else whoever has the open floor.
    pub fn speaker(&self) -> Option<MemberId> {
        self.current_turn()
            .map(|t| t.member)
            .or_else(|| self.floor_speaker().map(|f| f.member))
    }

    /// Time a floor span has run, minus pauses.
    pub fn floor_elapsed(&self, f: &FloorSpan, now: DateTime<Utc>) -> Duration {
        active(f.span, &self.pause_spans(), now)
    }

    /// Who may take the open floor, for the leader's quick chooser: those in the room,
    /// whoever spoke most recently first, then the rest in attendance order; the member
    /// talking now is left out.
    pub fn floor_candidates(&self) -> Vec<MemberId> {
        let now_talking = self.floor_speaker().map(|f| f.member);
        let last_spoke = |m: MemberId| {
            let floor = self
                .floor
                .iter()
                .filter(|f| f.member == m)
                .map(|f| f.span.start)
                .max();
            let turns = self
                .turns
                .iter()
                .filter(|(_, t)| t.member == m)
                .filter_map(|(_, t)| t.started_at)
                .max();
            floor.max(turns)
        };
        let mut out: Vec<(Option<DateTime<Utc>>, usize, MemberId)> = self
            .here()
            .iter()
            .enumerate()
            .filter(|(_, a)| Some(a.member.id) != now_talking)
            .map(|(i, a)| (last_spoke(a.member.id), i, a.member.id))
            .collect();
        // Most recent first; never heard (None) last, in attendance order.
        out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        out.into_iter().map(|(_, _, m)| m).collect()
    }

    /// The prompt of the icebreaker chosen for `item`, if any.
    pub fn icebreaker_prompt(&self, item: AgendaItemId) -> Option<&str> {
        self.icebreaker_prompts
            .iter()
            .find(|(i, _)| *i == item)
            .map(|(_, p)| p.as_str())
    }

    /// The per-turn countdown of a turn on `item`.
    pub fn turn_countdown(&self, item: &LiveItem, turn: &Turn, now: DateTime<Utc>) -> Countdown {
        let elapsed = match turn.started_at {
            Some(start) => active(
                Span {
                    start,
                    end: turn.ended_at,
                },
                &self.pause_spans(),
                now,
            ),
            None => Duration::zero(),
        };
        Countdown {
            elapsed,
            limit: Duration::seconds(i64::from(
                item.item.turns.seconds.unwrap_or(DEFAULT_TURN_SECONDS),
            )),
        }
    }

    /// Members in the room (present or late), in attendance order.
    pub fn here(&self) -> Vec<&Attendee> {
        self.attendance
            .iter()
            .filter(|a| a.status.is_here())
            .collect()
    }

    /// A member's name (roster or guest), or "?".
    pub fn name(&self, id: MemberId) -> &str {
        self.attendance
            .iter()
            .find(|a| a.member.id == id)
            .map_or("?", |a| a.member.profile.name.as_str())
    }

    /// Airtime of everyone in the room in this meeting.
    pub fn participation(&self, now: DateTime<Utc>) -> Participation {
        let pauses = self.pause_spans();
        let rows: Vec<(MemberId, Duration, u32)> = self
            .here()
            .iter()
            .map(|a| {
                let mine = self
                    .turns
                    .iter()
                    .map(|(_, t)| t)
                    .filter(|t| t.member == a.member.id);
                let (spoken, turns) = mine
                    .filter(|t| matches!(t.state, TurnState::Spoke | TurnState::Speaking))
                    .filter_map(|t| {
                        t.started_at.map(|s| {
                            active(
                                Span {
                                    start: s,
                                    end: t.ended_at,
                                },
                                &pauses,
                                now,
                            )
                        })
                    })
                    .fold((Duration::zero(), 0), |(d, n), x| (d + x, n + 1));
                // Open discussion: each time they had the floor counts as a turn.
                let (spoken, turns) = self
                    .floor
                    .iter()
                    .filter(|f| f.member == a.member.id)
                    .map(|f| active(f.span, &pauses, now))
                    .fold((spoken, turns), |(d, n), x| (d + x, n + 1));
                (a.member.id, spoken, turns)
            })
            .collect();
        Participation::new(&rows)
    }
}
