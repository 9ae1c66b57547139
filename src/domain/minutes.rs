//! The minutes of a meeting: a plain summary derived from a [`LiveMeeting`] as of a
//! moment (so a meeting still running gets minutes "so far"). Rendered as Markdown by
//! [`markdown`] or as JSON by [`json`]; nothing here reads the store or the clock.

mod markdown;

pub use markdown::markdown;
/// The minutes' escaping, for other Markdown documents (`roundtable cycle show`,
/// `roundtable actions`).
pub use markdown::{block, cell, inline};

use super::action::ActionVerdict;
use super::cycle::GoalVerdict;
use super::live::{Attendance, LiveMeeting};
use super::note::{Note, NoteKind};
use super::rounds::TurnState;
use super::timer::{Span, active};
use super::{ActionId, AgendaItemId, MeetingId, MemberId, NoteId};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::Serialize;

/// Everything the minutes of one meeting say. Field order is the JSON order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    pub meeting_id: MeetingId,
    pub community: String,
    pub title: String,
    /// `"ended"`, or `"in progress"` for a meeting still running.
    pub status: String,
    pub scheduled_at: DateTime<FixedOffset>,
    pub started_at: DateTime<FixedOffset>,
    pub ended_at: Option<DateTime<FixedOffset>>,
    /// The moment these minutes describe (the end, or "now" while in progress).
    pub as_of: DateTime<FixedOffset>,
    pub planned_minutes: u32,
    /// The meeting's running time, pauses not counted.
    pub actual_seconds: i64,
    /// Time the clocks stood still (paused, or the app not running).
    pub paused_seconds: i64,
    pub attendance: AttendanceSummary,
    pub agenda: Vec<ItemMinutes>,
    /// Notes taken while the meeting was on no agenda item.
    pub other_notes: Vec<NoteLine>,
    pub decisions: Vec<Decision>,
    pub actions: Vec<ActionLine>,
    /// Actions followed up in the meeting (action review, reflection), in the order given.
    pub action_updates: Vec<ActionUpdateLine>,
    /// The learning cycle reflected on and closed in the meeting, if one was.
    pub cycle_closed: Option<CycleMinutes>,
    pub airtime: AirtimeTable,
    /// How many notes of each kind, every kind listed.
    pub note_counts: Vec<KindCount>,
}

/// Who came. Names, in roster order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AttendanceSummary {
    /// Roster members present from the start.
    pub present: Vec<String>,
    pub late: Vec<String>,
    /// Roster members who did not come (members who joined after the meeting are left out).
    pub absent: Vec<String>,
    /// Guests in the room (not on the roster).
    pub guests: Vec<String>,
    /// Members in the room flagged as new (also listed as present or late).
    pub new_members: Vec<String>,
}

impl AttendanceSummary {
    /// How many were in the room: roster members present or late, and guests. New
    /// members are already among the present or late, so they are not counted again.
    pub fn here(&self) -> usize {
        self.present.len() + self.late.len() + self.guests.len()
    }
}

/// One agenda item: its timebox, what it took, its turns and notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemMinutes {
    pub id: AgendaItemId,
    pub position: u32,
    /// The stored kind (`round_robin`, `check_out`, …).
    pub kind: String,
    pub title: String,
    /// The icebreaker chosen for it, if any.
    pub icebreaker: Option<String>,
    pub planned_minutes: u32,
    /// Time spent on it over all visits, pauses not counted.
    pub actual_seconds: i64,
    /// `"done"`, `"current"`, `"skipped"` (passed with `]`: left within
    /// [`SKIPPED_UNDER_SECONDS`], no turn taken, nothing noted; never the item the
    /// meeting ended on) or `"not reached"`.
    pub status: String,
    /// Speaking turns in the order they were taken (turns never reached are left out).
    pub turns: Vec<TurnLine>,
    pub notes: Vec<NoteLine>,
}

impl ItemMinutes {
    /// What the timeline adds to the title of an item not held: " (skipped)" or
    /// " (not reached)"; nothing for the others.
    pub fn mark(&self) -> &'static str {
        match self.status.as_str() {
            "skipped" => " (skipped)",
            "not reached" => " (not reached)",
            _ => "",
        }
    }
}

/// An item left this soon after it was reached, with no turn and no note, was skipped.
pub const SKIPPED_UNDER_SECONDS: i64 = 5;

/// One speaking turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TurnLine {
    pub round: u32,
    pub speaker: String,
    /// `spoke`, `passed`, `skipped`, or `speaking` for the turn still running.
    pub state: String,
    /// Time the turn took, pauses not counted.
    pub seconds: i64,
}

/// One note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteLine {
    pub kind: String,
    /// The speaker it is about; `None` for the group.
    pub speaker: Option<String>,
    pub body: String,
    pub at: DateTime<FixedOffset>,
    /// An action note's action: its owner (who does it, not who said it) and due date.
    /// Left out of the JSON for other notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<NoteAction>,
}

/// Who owns the action an action note records, and when it is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteAction {
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

impl NoteAction {
    /// "owner Fiona · due 2026-03-19" (or "no owner yet"), the name through `name` and
    /// the date through `date` (the minutes write ISO dates, the app the settings').
    pub fn words(
        &self,
        name: impl Fn(&str) -> String,
        date: impl Fn(NaiveDate) -> String,
    ) -> String {
        let owner = self
            .owner
            .as_deref()
            .map_or("no owner yet".to_string(), |o| format!("owner {}", name(o)));
        match self.due {
            Some(d) => format!("{owner} · due {}", date(d)),
            None => owner,
        }
    }
}

/// A decision: a consent check with its votes, or a decision note taken without one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub topic: String,
    /// The agenda item it was taken on.
    pub item: Option<String>,
    /// The consent check's outcome in words; `None` for a decision noted without a check.
    pub verdict: Option<String>,
    pub consensus: Option<bool>,
    pub votes: Vec<Vote>,
    /// Those in the room who gave no vote (attendance as it stands stands for the
    /// room at the check, as the verdict's count does); empty for a decision note.
    pub no_vote: Vec<String>,
}

/// One member's fist-of-five.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vote {
    pub member: String,
    pub score: u8,
}

/// An action item agreed in the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionLine {
    /// The note it was taken as (not in the exported minutes).
    #[serde(skip)]
    pub note: NoteId,
    /// The note's first line.
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub item: Option<String>,
}

/// An action followed up in the meeting: "Laminate the card (Amélie) — ✓ done: note".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionUpdateLine {
    /// The action followed up (not in the exported minutes).
    #[serde(skip)]
    pub action: ActionId,
    pub title: String,
    pub owner: Option<String>,
    /// The stored verdict: `done`, `partly`, `not_done` or `dropped`.
    pub verdict: String,
    /// What happened.
    pub note: String,
    /// What was learned (said in a reflection).
    pub learned: String,
    pub in_reflection: bool,
    pub at: DateTime<FixedOffset>,
}

impl ActionUpdateLine {
    /// "✓ done" and the like; the stored spelling if it is not one Roundtable knows.
    pub fn verdict_words(&self) -> String {
        ActionVerdict::parse(&self.verdict).map_or_else(
            || self.verdict.clone(),
            |v| format!("{} {}", v.symbol(), v.label()),
        )
    }
}

/// A learning cycle closed in the meeting: its reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CycleMinutes {
    pub number: u32,
    pub topic: String,
    pub closed_at: DateTime<FixedOffset>,
    /// Each goal the cycle served, with the reflection's verdict on it.
    pub goals: Vec<GoalLine>,
    pub improvements: Vec<String>,
    pub outcome: String,
}

/// A goal's verdict in a reflection: "→ progressing — Fewer falls: 6 of 10…".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalLine {
    pub goal: String,
    /// The stored verdict (`met`, `progressing`, `not_met`), `None` if not judged.
    pub verdict: Option<String>,
    pub evidence: String,
}

impl GoalLine {
    /// "✓ met" and the like; "not judged" without a verdict.
    pub fn verdict_words(&self) -> String {
        match self.verdict.as_deref() {
            None => "not judged".into(),
            Some(v) => GoalVerdict::parse(v).map_or_else(
                || v.to_string(),
                |g| format!("{} {}", g.symbol(), g.label()),
            ),
        }
    }
}

/// Airtime of everyone in the room.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AirtimeTable {
    pub rows: Vec<AirtimeRow>,
    /// Percent each would have with equal airtime.
    pub fair_share_percent: f64,
    pub total_seconds: i64,
}

/// One member's airtime.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AirtimeRow {
    pub member: String,
    pub seconds: i64,
    pub turns: u32,
    /// Share of all airtime, in percent (one decimal).
    pub share_percent: f64,
    /// Over twice the fair share.
    pub dominant: bool,
    /// In the room but has not spoken.
    pub not_heard: bool,
}

/// A note kind and how many notes of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    pub kind: String,
    pub count: usize,
}

fn percent(share: f64) -> f64 {
    (share * 1000.0).round() / 10.0
}

impl Minutes {
    /// Summarises `live` as of `now`, showing times in `tz`. `community` is the
    /// community's name (a [`LiveMeeting`] does not carry it).
    pub fn from_live<Tz: TimeZone>(
        live: &LiveMeeting,
        community: &str,
        now: DateTime<Utc>,
        tz: &Tz,
    ) -> Self {
        let local = |t: DateTime<Utc>| t.with_timezone(tz).fixed_offset();
        let as_of = live.ended_at.unwrap_or(now);
        let meeting_span = Span {
            start: live.started_at,
            end: live.ended_at,
        };
        let clock = live.meeting_countdown(as_of);
        let wall = meeting_span.end.unwrap_or(as_of) - meeting_span.start;
        let item_title = |id: Option<AgendaItemId>| {
            id.and_then(|id| live.items.iter().find(|i| i.item.id == id))
                .map(|i| i.item.info.title.clone())
        };
        let name = |id: MemberId| live.name(id).to_string();
        let note_line = |n: &Note| NoteLine {
            kind: n.kind.as_str().into(),
            speaker: n.member_id.map(name),
            body: n.body.clone(),
            at: local(n.created_at),
            action: n
                .action
                .filter(|_| n.kind == NoteKind::Action)
                .map(|(owner, due)| NoteAction {
                    owner: owner.map(name),
                    due,
                }),
        };
        let current = live.current_index();
        // The item the meeting was on when it ended (visited last): in progress, never
        // "skipped", however short its stay.
        let ended_on = live.ended_at.and_then(|_| {
            (live.items.iter().enumerate())
                .filter_map(|(i, item)| item.visits.iter().map(|v| v.start).max().map(|s| (s, i)))
                .max()
                .map(|(_, i)| i)
        });
        let pauses = live.pause_spans();
        let agenda = live
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let id = item.item.id;
                let mut turns: Vec<_> = live
                    .turns
                    .iter()
                    .filter(|(item_id, t)| *item_id == id && t.state != TurnState::Waiting)
                    .map(|(_, t)| t)
                    .collect();
                turns.sort_by_key(|t| (t.round, t.started_at, t.position, t.id));
                let actual_seconds = live.item_elapsed(item, as_of).num_seconds();
                let status = if live.ended_at.is_none() && current == Some(i) {
                    "current"
                } else if item.visits.is_empty() {
                    "not reached"
                } else if actual_seconds < SKIPPED_UNDER_SECONDS
                    && ended_on != Some(i)
                    && turns.is_empty()
                    && !live.notes.iter().any(|n| n.agenda_item_id == Some(id))
                {
                    "skipped"
                } else {
                    "done"
                };
                ItemMinutes {
                    id,
                    position: item.item.position,
                    kind: item.item.info.kind.as_str().into(),
                    title: item.item.info.title.clone(),
                    icebreaker: item.item.icebreaker.as_ref().map(|(_, t)| t.clone()),
                    planned_minutes: item.item.info.minutes,
                    actual_seconds,
                    status: status.into(),
                    turns: turns
                        .into_iter()
                        .map(|t| TurnLine {
                            round: t.round,
                            speaker: name(t.member),
                            state: t.state.as_str().into(),
                            seconds: t.started_at.map_or(0, |s| {
                                active(
                                    Span {
                                        start: s,
                                        end: t.ended_at,
                                    },
                                    &pauses,
                                    as_of,
                                )
                                .num_seconds()
                            }),
                        })
                        .collect(),
                    notes: live
                        .notes
                        .iter()
                        .filter(|n| n.agenda_item_id == Some(id))
                        .map(note_line)
                        .collect(),
                }
            })
            .collect();
        let mut decisions: Vec<Decision> = live
            .consents
            .iter()
            .map(|c| Decision {
                topic: c.topic.clone(),
                item: item_title(c.agenda_item_id),
                verdict: Some(c.result.summary()),
                consensus: Some(c.result.consensus()),
                votes: c
                    .result
                    .votes
                    .iter()
                    .map(|&(m, score)| Vote {
                        member: name(m),
                        score,
                    })
                    .collect(),
                no_vote: live
                    .attendance
                    .iter()
                    .filter(|a| a.status.is_here())
                    .filter(|a| !c.result.votes.iter().any(|&(m, _)| m == a.member.id))
                    .map(|a| a.member.profile.name.clone())
                    .collect(),
            })
            .collect();
        // A consent check's own decision note is listed with the check, not again.
        let consent_notes: Vec<NoteId> = live.consents.iter().filter_map(|c| c.note_id).collect();
        decisions.extend(
            live.notes
                .iter()
                .filter(|n| n.kind == NoteKind::Decision && !consent_notes.contains(&n.id))
                .map(|n| Decision {
                    topic: n.body.clone(),
                    item: item_title(n.agenda_item_id),
                    verdict: None,
                    consensus: None,
                    votes: Vec::new(),
                    no_vote: Vec::new(),
                }),
        );
        let actions = live
            .notes
            .iter()
            .filter(|n| n.kind == NoteKind::Action)
            .map(|n| {
                let (owner, due) = n.action.unwrap_or((n.member_id, None));
                ActionLine {
                    note: n.id,
                    title: n.body.lines().next().unwrap_or_default().to_string(),
                    owner: owner.map(name),
                    due,
                    item: item_title(n.agenda_item_id),
                }
            })
            .collect();
        let action_updates = follow_up_lines(live, &name, &local);
        let cycle_closed = live.cycle_closed.as_ref().map(|c| CycleMinutes {
            number: c.number,
            topic: c.topic.clone(),
            closed_at: local(c.closed_at),
            goals: c
                .goals
                .iter()
                .map(|(goal, verdict, evidence)| GoalLine {
                    goal: goal.clone(),
                    verdict: verdict.map(|v| v.as_str().to_string()),
                    evidence: evidence.clone(),
                })
                .collect(),
            improvements: c.improvements.clone(),
            outcome: c.outcome.clone(),
        });
        let p = live.participation(as_of);
        let not_heard = p.not_heard();
        let airtime = AirtimeTable {
            rows: p
                .rows
                .iter()
                .map(|r| AirtimeRow {
                    member: name(r.member),
                    seconds: r.spoken.num_seconds(),
                    turns: r.turns,
                    share_percent: percent(r.share),
                    dominant: r.dominant,
                    not_heard: not_heard.contains(&r.member),
                })
                .collect(),
            fair_share_percent: percent(p.fair_share),
            total_seconds: p.total.num_seconds(),
        };
        let note_counts = NoteKind::ALL
            .iter()
            .map(|&k| KindCount {
                kind: k.as_str().into(),
                count: live.notes.iter().filter(|n| n.kind == k).count(),
            })
            .collect();
        Self {
            meeting_id: live.meeting.id,
            community: community.into(),
            title: live.meeting.title.clone(),
            status: if live.ended_at.is_some() {
                "ended"
            } else {
                "in progress"
            }
            .into(),
            scheduled_at: local(live.meeting.scheduled_at),
            started_at: local(live.started_at),
            ended_at: live.ended_at.map(local),
            as_of: local(as_of),
            planned_minutes: live.meeting.planned_minutes,
            actual_seconds: clock.elapsed.num_seconds(),
            paused_seconds: (wall - clock.elapsed).num_seconds().max(0),
            attendance: attendance(live),
            agenda,
            other_notes: live
                .notes
                .iter()
                .filter(|n| n.agenda_item_id.is_none())
                .map(note_line)
                .collect(),
            decisions,
            actions,
            action_updates,
            cycle_closed,
            airtime,
            note_counts,
        }
    }
}

fn attendance(live: &LiveMeeting) -> AttendanceSummary {
    let day = live.started_at.date_naive();
    let mut out = AttendanceSummary::default();
    for a in &live.attendance {
        let name = a.member.profile.name.clone();
        if a.status.is_here() && a.member.is_new && !a.guest {
            out.new_members.push(name.clone());
        }
        match (a.guest, a.status) {
            (true, s) if s.is_here() => out.guests.push(name),
            (true, _) => {}
            (false, Attendance::Present) => out.present.push(name),
            (false, Attendance::Late) => out.late.push(name),
            (false, Attendance::Absent) => {
                // The list holds today's roster: someone who joined later was not missed.
                if a.member.profile.joined.is_none_or(|j| j <= day) {
                    out.absent.push(name);
                }
            }
        }
    }
    out
}

/// One line per action followed up, in the order first given: its latest verdict,
/// with what was said each time (a live `u`, then the reflection walk), in order.
fn follow_up_lines(
    live: &LiveMeeting,
    name: &impl Fn(MemberId) -> String,
    local: &impl Fn(DateTime<Utc>) -> DateTime<FixedOffset>,
) -> Vec<ActionUpdateLine> {
    // Each line, and the notes and lessons said for it so far.
    let mut out: Vec<(ActionUpdateLine, Vec<&str>, Vec<&str>)> = Vec::new();
    for f in &live.follow_ups {
        let i = match out.iter().position(|(u, ..)| u.action == f.action) {
            Some(i) => i,
            None => {
                let line = ActionUpdateLine {
                    action: f.action,
                    title: f.title.lines().next().unwrap_or_default().to_string(),
                    owner: f.owner.map(name),
                    verdict: String::new(),
                    note: String::new(),
                    learned: String::new(),
                    in_reflection: false,
                    at: local(f.at),
                };
                out.push((line, Vec::new(), Vec::new()));
                out.len() - 1
            }
        };
        let (u, notes, learned) = &mut out[i];
        // The last one given is the action's state.
        u.verdict = f.verdict.as_str().into();
        u.at = local(f.at);
        u.in_reflection |= f.in_reflection;
        for (said, to) in [(f.note.trim(), notes), (f.learned.trim(), learned)] {
            if !said.is_empty() && !to.contains(&said) {
                to.push(said);
            }
        }
    }
    out.into_iter()
        .map(|(mut u, notes, learned)| {
            u.note = notes.join("; ");
            u.learned = learned.join("; ");
            u
        })
        .collect()
}

/// The minutes as pretty JSON with a trailing newline; fields in declaration order.
pub fn json(m: &Minutes) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(m)?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests;
