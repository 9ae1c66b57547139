//! The demo community's meetings: twelve past ones carrying the four cycles of
//! [`story`](super::story), run step by step through the same store operations the live
//! meeting and the cycle screens use (so turns, item visits, pauses, notes, follow-ups
//! and phases agree with each other), and the next one planned. Times within a meeting
//! are offsets from its start.

use super::story::{
    APPLICATION, CHECK_IN, CYCLES, DemoAction, DemoNote, FollowUp, INTERROGATION, PastMeeting,
    REFLECTION, REVIEW,
};
use crate::domain::live::Attendance;
use crate::domain::meeting::{MeetingInfo, next_slot};
use crate::domain::note::NoteKind;
use crate::domain::rounds::OrderStrategy;
use crate::domain::template::{Template, builtins};
use crate::domain::{
    ActionId, ActionInfo, AgendaItemId, Cadence, CommunityId, CycleId, GoalId, GoalVerdict,
    IcebreakerId, MeetingId, MemberId, NoteId, Phase, Topic,
};
use crate::store::StoreError;
use crate::store::Tx;
use chrono::{DateTime, Duration, Local, NaiveDateTime, TimeZone, Utc};
use std::collections::HashMap;

type StoreResult<T> = crate::store::Result<T>;

/// The template every demo meeting follows.
const TEMPLATE: &str = "Learning cycle meeting";

/// How many days before today the first past meeting may fall: twelve fortnights back,
/// so the last of the twelve is within the last two weeks.
const FIRST_MEETING_WITHIN_DAYS: i64 = 11 * 14 + 15;

/// Minutes each agenda item takes after the check-in (action review, interrogation,
/// application, reflection, check-out).
const ITEM_MINUTES: [u32; 5] = [14, 24, 18, 11, 7];

/// Minutes a pause during the interrogation lasts.
const PAUSE_MINUTES: u32 = 3;

/// Days after the meeting an action taken as a note is due.
const NOTE_ACTION_DUE_DAYS: i64 = 21;

/// Fist-of-five scores, by roster index, in every consent check.
const SCORES: [u8; 8] = [4, 5, 4, 3, 5, 4, 3, 4];

/// One thing that happens in a meeting.
#[derive(Clone, Copy)]
enum Event {
    Item(usize),
    /// A round in an item, its order rotated by the second number.
    Round(usize, usize),
    Next,
    Pass,
    Pause,
    Resume,
    Note(&'static DemoNote),
    Action(&'static DemoAction),
    FollowUp(&'static FollowUp, bool),
    Consent(&'static str),
    ToPhase(Phase),
    Judge(usize, GoalVerdict, &'static str),
    Improvement(&'static str),
    Close(&'static str),
}

fn missing(what: String) -> StoreError {
    StoreError::NotFound(format!("demo data: {what}"))
}

fn utc(local: NaiveDateTime) -> DateTime<Utc> {
    Local
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

/// What the meetings need to know about the community.
pub(super) struct Community<'a> {
    pub id: CommunityId,
    pub members: &'a [MemberId],
    pub goals: &'a [GoalId],
    pub cadence: Cadence,
    pub minutes: u32,
}

/// What the story's keys name so far: notes (for solutions) and actions (for follow-ups).
#[derive(Default)]
struct Keys {
    notes: HashMap<&'static str, NoteId>,
    actions: HashMap<&'static str, ActionId>,
}

impl Keys {
    fn note(&self, key: &str) -> StoreResult<NoteId> {
        self.notes
            .get(key)
            .copied()
            .ok_or_else(|| missing(format!("no note '{key}' before it is answered")))
    }
    fn action(&self, key: &str) -> StoreResult<ActionId> {
        self.actions
            .get(key)
            .copied()
            .ok_or_else(|| missing(format!("no action '{key}' before its follow-up")))
    }
}

/// Opens the cycles one after the other (each when the previous one closed), runs their
/// meetings fortnightly up to the last two weeks, and plans the next meeting (returned),
/// all inside the demo's one transaction.
pub(super) fn add(b: &Tx<'_>, c: &Community<'_>, now: DateTime<Utc>) -> StoreResult<MeetingId> {
    let template = builtins()
        .into_iter()
        .find(|t| t.name == TEMPLATE)
        .ok_or_else(|| missing(format!("no template '{TEMPLATE}'")))?;
    b.seed_library(now)?;
    let icebreakers = b.builtin_icebreakers()?;
    let ice = |key: &str| {
        icebreakers
            .get(key)
            .copied()
            .ok_or_else(|| missing(format!("no icebreaker '{key}'")))
    };
    let local_now = now.with_timezone(&Local).naive_local();
    let mut slot = c
        .cadence
        .next_after(local_now - Duration::days(FIRST_MEETING_WITHIN_DAYS), None);
    let mut last = slot;
    let mut opened = utc(slot) - Duration::days(7);
    let mut keys = Keys::default();
    let mut seed = 0;
    for cycle in CYCLES {
        let goals = cycle
            .goals
            .iter()
            .map(|&g| {
                c.goals
                    .get(g)
                    .copied()
                    .ok_or_else(|| missing(format!("no goal {g}")))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let topic = Topic {
            title: cycle.title.into(),
            source: cycle.source.into(),
            summary: cycle.summary.into(),
        };
        let today = opened.with_timezone(&Local).date_naive();
        let id = b.open_cycle(c.id, &topic, &goals, today, opened)?;
        for past in cycle.meetings {
            let at = Meeting {
                scheduled: utc(slot),
                cycle: id,
                seed,
            };
            let ended = run(b, c, &template, &at, past, ice(past.icebreaker)?, &mut keys)?;
            opened = ended + Duration::days(1);
            last = slot;
            slot = c.cadence.next_after(slot, Some(slot.date()));
            seed += 1;
        }
    }
    let next = next_slot(Some(c.cadence), local_now, Some(last));
    let info = MeetingInfo {
        title: "Cycle 4: Reflection on the falls huddle".into(),
        scheduled_at: utc(next),
        planned_minutes: c.minutes,
    };
    let id = b.create_meeting(c.id, &info, Some(&template.name), &template.items, now)?;
    let first_item = b.agenda(id)?.first().map(|i| i.id);
    if let Some(item) = first_item {
        b.set_item_icebreaker(item, Some(ice("mistake-that-taught-me")?), now)?;
    }
    Ok(id)
}

/// When and in which cycle a past meeting is held; `seed` varies who speaks first.
struct Meeting {
    scheduled: DateTime<Utc>,
    cycle: CycleId,
    seed: usize,
}

/// The meeting's events, in time order, and when it ended (offsets in seconds).
fn schedule(past: &PastMeeting, seed: usize) -> (Vec<(u32, Event)>, u32) {
    let mut ev: Vec<(u32, Event)> = Vec::new();
    let lengths = [past.check_in]
        .into_iter()
        .chain(ITEM_MINUTES)
        .enumerate()
        .map(|(i, m)| {
            if i == INTERROGATION && past.paused {
                m + PAUSE_MINUTES
            } else {
                m
            }
        });
    let mut start = 0;
    for (item, minutes) in lengths.enumerate() {
        let talk = if item == INTERROGATION && past.paused {
            minutes - PAUSE_MINUTES
        } else {
            minutes
        } * 60;
        if item != CHECK_IN {
            ev.push((start, Event::Item(item)));
        }
        let people = round_size(past, item);
        if people > 0 {
            // The round's first speaker starts with it.
            ev.push((start + 20, Event::Round(item, seed + item * 3)));
            let turn = (talk - 90) / people as u32;
            let check_out = item == ITEM_MINUTES.len();
            for k in 1..=people as u32 {
                let at = start + 25 + k * turn;
                if check_out && k == 2 {
                    ev.push((start + 25 + turn + 10, Event::Pass));
                } else {
                    ev.push((at, Event::Next));
                }
            }
            if check_out && people >= 2 {
                ev.push((start + 25 + people as u32 * turn + 20, Event::Next));
            }
        }
        let notes: Vec<&'static DemoNote> = past.notes.iter().filter(|n| n.item == item).collect();
        spread(
            &mut ev,
            start + 40,
            talk - 100,
            notes.into_iter().map(Event::Note),
        );
        match item {
            REVIEW => spread(
                &mut ev,
                start + 45,
                talk - 100,
                past.review.iter().map(|f| Event::FollowUp(f, false)),
            ),
            INTERROGATION if past.paused => {
                ev.push((start + talk - 10, Event::Pause));
                ev.push((start + minutes * 60 - 30, Event::Resume));
            }
            APPLICATION => {
                if !past.consent.is_empty() {
                    ev.push((start + 60, Event::Consent(past.consent)));
                }
                for (j, a) in past.actions.iter().enumerate() {
                    ev.push((start + 120 + j as u32 * 70, Event::Action(a)));
                }
                if past.to_application {
                    ev.push((start + talk - 30, Event::ToPhase(Phase::Application)));
                }
            }
            REFLECTION => {
                if let Some(r) = &past.reflection {
                    ev.push((start + 15, Event::ToPhase(Phase::Reflection)));
                    let steps = r
                        .actions
                        .iter()
                        .map(|f| Event::FollowUp(f, true))
                        .chain(r.goals.iter().map(|&(g, v, e)| Event::Judge(g, v, e)))
                        .chain(r.improvements.iter().map(|&i| Event::Improvement(i)));
                    for (j, e) in steps.enumerate() {
                        ev.push((start + 60 + j as u32 * 25, e));
                    }
                    ev.push((start + talk - 20, Event::Close(r.outcome)));
                }
            }
            _ => {}
        }
        start += minutes * 60;
    }
    // Stable: events at the same second keep the order they were listed in.
    ev.sort_by_key(|e| e.0);
    (ev, start - 10)
}

/// Spreads `events` evenly over `span` seconds from `from`.
fn spread(ev: &mut Vec<(u32, Event)>, from: u32, span: u32, events: impl Iterator<Item = Event>) {
    let events: Vec<Event> = events.collect();
    let step = span / (events.len() as u32).max(1);
    for (j, e) in events.into_iter().enumerate() {
        ev.push((from + j as u32 * step, e));
    }
}

/// Who takes part in an item's round: the check-in is over before the late arrive.
fn in_round(past: &PastMeeting, item: usize) -> Vec<usize> {
    past.roll
        .iter()
        .filter(|&&(_, a)| a == Attendance::Present || (a == Attendance::Late && item != CHECK_IN))
        .map(|&(i, _)| i)
        .collect()
}

fn round_size(past: &PastMeeting, item: usize) -> usize {
    in_round(past, item).len()
}

/// Plans `past` at its time and runs it through its events; returns when it ended.
fn run(
    b: &Tx<'_>,
    c: &Community<'_>,
    template: &Template,
    at: &Meeting,
    past: &'static PastMeeting,
    icebreaker: IcebreakerId,
    keys: &mut Keys,
) -> StoreResult<DateTime<Utc>> {
    let member = |i: usize| {
        c.members
            .get(i)
            .copied()
            .ok_or_else(|| missing(format!("no member {i}")))
    };
    let scheduled = at.scheduled;
    let info = MeetingInfo {
        title: past.title.into(),
        scheduled_at: scheduled,
        planned_minutes: c.minutes,
    };
    let planned_at = scheduled - Duration::days(10);
    let m = b.create_meeting(
        c.id,
        &info,
        Some(&template.name),
        &template.items,
        planned_at,
    )?;
    // The story names items by their place in the template; the agenda planned from it
    // may leave one out (the action review, while no action is open), so each template
    // item is found by its kind: the n-th item of that kind.
    let agenda = b.agenda(m)?;
    let items: Vec<Option<AgendaItemId>> = template
        .items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let nth = template.items[..i]
                .iter()
                .filter(|x| x.kind == t.kind)
                .count();
            agenda
                .iter()
                .filter(|a| a.info.kind == t.kind)
                .nth(nth)
                .map(|a| a.id)
        })
        .collect();
    if let Some(&Some(item)) = items.first() {
        b.set_item_icebreaker(item, Some(icebreaker), planned_at)?;
    }
    let start = scheduled + Duration::minutes(i64::from(past.late_start));
    let t = |offset: u32| start + Duration::seconds(i64::from(offset));
    let roll = past
        .roll
        .iter()
        .map(|&(i, a)| Ok((member(i)?, a)))
        .collect::<StoreResult<Vec<_>>>()?;
    b.start_meeting(m, &roll, start)?;
    let (events, end) = schedule(past, at.seed);
    for (offset, event) in events {
        let now = t(offset);
        let today = now.with_timezone(&Local).date_naive();
        match event {
            Event::Item(i) => {
                let item = *items
                    .get(i)
                    .ok_or_else(|| missing(format!("no agenda item {i}")))?;
                // An item the agenda left out is passed over.
                if let Some(item) = item {
                    b.go_to_item(m, item, now)?;
                }
            }
            Event::Round(item, rotate) => {
                let mut order = in_round(past, item);
                let n = order.len().max(1);
                order.rotate_left(rotate % n);
                let order = order
                    .into_iter()
                    .map(member)
                    .collect::<StoreResult<Vec<_>>>()?;
                b.start_round(m, &order, OrderStrategy::Roster, now)?;
            }
            Event::Next => b.next_speaker(m, now)?,
            Event::Pass => b.pass_turn(m, now)?,
            Event::Pause => b.set_paused(m, true, now)?,
            Event::Resume => b.set_paused(m, false, now)?,
            Event::Note(n) => {
                let about = n.about.map(member).transpose()?;
                let action = (n.kind == NoteKind::Action).then(|| {
                    (
                        about,
                        Some((scheduled + Duration::days(NOTE_ACTION_DUE_DAYS)).date_naive()),
                    )
                });
                let id = b.add_note(m, about, n.kind, n.body, action, now)?;
                if !n.answers.is_empty() {
                    b.link_solution(id, Some(keys.note(n.answers)?))?;
                }
                if !n.key.is_empty() {
                    keys.notes.insert(n.key, id);
                    if n.kind == NoteKind::Action {
                        keys.actions.insert(n.key, b.action_of_note(id)?);
                    }
                }
            }
            Event::Action(a) => {
                let owner = member(a.owner)?;
                let due = (scheduled + Duration::days(a.due_days)).date_naive();
                let note = b.add_note(
                    m,
                    Some(owner),
                    NoteKind::Action,
                    a.title,
                    Some((Some(owner), Some(due))),
                    now,
                )?;
                let id = b.action_of_note(note)?;
                if let Some(g) = a.goal {
                    let info = ActionInfo {
                        title: a.title.into(),
                        owner: Some(owner),
                        due: Some(due),
                        goal: Some(
                            *c.goals
                                .get(g)
                                .ok_or_else(|| missing(format!("no goal {g}")))?,
                        ),
                    };
                    b.update_action(id, &info, now)?;
                }
                keys.actions.insert(a.key, id);
            }
            Event::FollowUp(f, in_reflection) => {
                let id = keys.action(f.action)?;
                b.follow_up_action(
                    id,
                    f.verdict,
                    f.note,
                    f.learned,
                    Some(m),
                    in_reflection,
                    now,
                )?;
            }
            Event::Consent(topic) => {
                let votes = past
                    .roll
                    .iter()
                    .filter(|&&(_, a)| a != Attendance::Absent)
                    .map(|&(i, _)| Ok((member(i)?, SCORES.get(i).copied().unwrap_or(4))))
                    .collect::<StoreResult<Vec<_>>>()?;
                b.record_consent(m, topic, &votes, None, now)?;
            }
            Event::ToPhase(p) => {
                b.set_cycle_phase(at.cycle, p, false, "", today, now)?;
            }
            Event::Judge(g, verdict, evidence) => {
                let goal = *c
                    .goals
                    .get(g)
                    .ok_or_else(|| missing(format!("no goal {g}")))?;
                b.judge_goal(at.cycle, goal, verdict, evidence, now)?;
            }
            Event::Improvement(body) => {
                b.add_improvement(at.cycle, body, now)?;
            }
            Event::Close(outcome) => {
                b.set_cycle_phase(at.cycle, Phase::Closed, false, outcome, today, now)?;
            }
        }
    }
    let ended = t(end);
    b.end_meeting(m, ended)?;
    Ok(ended)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_run_forward_within_their_items_and_end_near_ninety_minutes() {
        let meetings = CYCLES.iter().flat_map(|c| c.meetings.iter());
        for (seed, past) in meetings.enumerate() {
            let (events, end) = schedule(past, seed);
            let times: Vec<u32> = events.iter().map(|e| e.0).collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "{}", past.title);
            assert!(times.last().is_some_and(|&t| t < end), "{}", past.title);
            assert!(end <= 95 * 60, "{} ends near its 90 minutes", past.title);
            let mut item = CHECK_IN;
            let mut paused = false;
            for (_, e) in &events {
                assert!(
                    !paused || matches!(e, Event::Resume),
                    "{}: nothing happens during a pause",
                    past.title
                );
                match e {
                    Event::Item(i) => {
                        assert_eq!(*i, item + 1, "{}", past.title);
                        item = *i;
                    }
                    Event::Note(n) => assert_eq!(n.item, item, "{}: {}", past.title, n.body),
                    Event::FollowUp(_, false) => assert_eq!(item, REVIEW),
                    Event::FollowUp(_, true) | Event::Judge(..) | Event::Close(_) => {
                        assert_eq!(item, REFLECTION)
                    }
                    Event::Action(_) | Event::Consent(_) => assert_eq!(item, APPLICATION),
                    Event::Pause => paused = true,
                    Event::Resume => paused = false,
                    _ => {}
                }
            }
            assert!(!paused);
        }
    }

    #[test]
    fn closed_cycles_end_in_a_reflection_and_the_last_one_is_open() {
        let (last, closed) = CYCLES.split_last().unwrap();
        for c in closed {
            let (end, rest) = c.meetings.split_last().unwrap();
            assert!(end.reflection.is_some(), "{}", c.title);
            assert!(rest.iter().all(|m| m.reflection.is_none()), "{}", c.title);
        }
        assert!(last.meetings.iter().all(|m| m.reflection.is_none()));
        let n: usize = CYCLES.iter().map(|c| c.meetings.len()).sum();
        assert_eq!(n, 12, "about twelve fortnightly meetings");
    }
}
