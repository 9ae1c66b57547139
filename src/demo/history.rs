//! The demo community's meetings: two past ones, run step by step through the same store
//! operations the live meeting uses (so turns, item visits, pauses and notes agree with
//! each other), and the next one planned. Times are offsets from each meeting's start.

use crate::domain::live::Attendance;
use crate::domain::meeting::{MeetingInfo, next_slot};
use crate::domain::note::{ActionStatus, NoteKind};
use crate::domain::rounds::OrderStrategy;
use crate::domain::template::{Template, builtins};
use crate::domain::{AgendaItemId, Cadence, CommunityId, IcebreakerId, MeetingId, MemberId};
use crate::store::StoreError;
use crate::store::Tx;
use chrono::{DateTime, Duration, Local, NaiveDateTime, TimeZone, Utc};

type StoreResult<T> = crate::store::Result<T>;

/// The template every demo meeting follows.
const TEMPLATE: &str = "Learning cycle meeting";

/// One thing that happens in a meeting. Members are indices into the demo roster.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Move to the agenda item at this index.
    Item(usize),
    Round(&'static [usize]),
    Next,
    Pass,
    Hand(usize),
    /// A note about a member (or the group).
    Note(NoteKind, Option<usize>, &'static str),
    /// An action note: owner, due (days after the meeting), done since.
    Action(usize, i64, bool, &'static str),
    Consent(&'static str, &'static [(usize, u8)]),
    Pause,
    Resume,
}

/// A past meeting: its title, icebreaker, who came, and what happened when.
struct PastMeeting {
    title: &'static str,
    icebreaker: &'static str,
    roll: &'static [(usize, Attendance)],
    steps: &'static [(u32, Step)],
    /// When it ended, as an offset from its start.
    end: u32,
}

/// Seconds from minutes and seconds.
const fn at(min: u32, sec: u32) -> u32 {
    min * 60 + sec
}

use Attendance::{Absent, Late, Present};
use NoteKind::{Idea, Note as Plain, Pitfall, Problem, Question, Solution};
use Step::*;

// Roster indices: 0 Margaret, 1 Amara, 2 Fiona, 3 Lan, 4 Priya, 5 Daniel, 6 Joseph,
// 7 Tomás (joined after the first meeting).
const FIRST: PastMeeting = PastMeeting {
    title: "Cycle 14: SSKIN skin checks on every shift",
    icebreaker: "first-job-first-lesson",
    roll: &[
        (0, Present),
        (1, Present),
        (2, Present),
        (3, Late),
        (4, Present),
        (5, Present),
        (6, Absent),
    ],
    steps: &[
        (at(0, 20), Round(&[1, 0, 2, 4, 5])),
        (at(1, 50), Next),
        (at(3, 30), Next),
        (at(3, 40), Pass),
        (at(5, 5), Next),
        (at(6, 20), Next),
        (at(7, 30), Next),
        (
            at(7, 45),
            Note(
                Plain,
                Some(2),
                "First job in a care home: she learnt to check heels before anything else.",
            ),
        ),
        (at(9, 10), Item(1)),
        (at(9, 30), Round(&[2, 4, 0, 1, 5, 3])),
        (at(11, 40), Next),
        (at(14, 10), Next),
        (at(15, 5), Next),
        (at(16, 35), Next),
        (at(17, 15), Next),
        (at(17, 25), Pass),
        (at(18, 25), Next),
        (
            at(18, 40),
            Note(
                Problem,
                Some(4),
                "Three category 2 pressure injuries last month: two on heels, both found at the morning check after a night admission.",
            ),
        ),
        (at(24, 30), Item(2)),
        (
            at(24, 45),
            Note(
                Plain,
                Some(4),
                "Priya summarised the regional SSKIN guidance and our last audit: skin checks are documented on 61% of shifts.",
            ),
        ),
        (at(25, 0), Round(&[4, 3, 0, 2, 5, 1])),
        (at(28, 10), Next),
        (at(29, 0), Hand(5)),
        (at(30, 40), Next),
        (at(32, 0), Next),
        (
            at(32, 30),
            Note(
                Pitfall,
                Some(5),
                "Repositioning rounds at 02:00 and 04:00 wake patients, so the skin check gets skipped to let them sleep.",
            ),
        ),
        (at(34, 10), Next),
        (at(35, 0), Pause),
        (at(38, 0), Resume),
        (at(39, 30), Next),
        (at(40, 40), Next),
        (
            at(41, 0),
            Note(
                Question,
                Some(3),
                "Do the bay folders have the SSKIN card, or only the nurses' station?",
            ),
        ),
        (
            at(42, 0),
            Note(
                Solution,
                Some(0),
                "Print the SSKIN prompts on the back of the repositioning chart, so the check happens where the turn is recorded.",
            ),
        ),
        (at(49, 30), Item(3)),
        (
            at(50, 0),
            Consent(
                "SSKIN prompts on the repositioning chart, every shift, from Monday",
                &[(0, 5), (1, 4), (2, 4), (3, 3), (4, 5), (5, 2)],
            ),
        ),
        (
            at(52, 0),
            Action(
                4,
                10,
                true,
                "Redesign the repositioning chart with the SSKIN prompts on the back\nCheck the layout with Lan for nights",
            ),
        ),
        (
            at(53, 30),
            Action(3, 7, true, "Put an SSKIN card in every bay folder"),
        ),
        (
            at(55, 0),
            Action(
                0,
                21,
                false,
                "Ten-minute SSKIN refresher at the night handover",
            ),
        ),
        (at(68, 30), Item(4)),
        (
            at(69, 0),
            Note(
                Plain,
                None,
                "Last cycle's goal is met: every registered nurse is signed off on the new IV pumps.",
            ),
        ),
        (
            at(70, 0),
            Note(
                Idea,
                Some(1),
                "Invite the tissue viability specialist to the next audit review.",
            ),
        ),
        (at(80, 0), Item(5)),
        (at(80, 20), Round(&[0, 1, 2, 3, 4, 5])),
        (at(81, 0), Next),
        (at(81, 40), Next),
        (at(82, 15), Next),
        (at(82, 25), Pass),
        (at(83, 30), Next),
        (at(84, 10), Next),
        (at(84, 40), Next),
    ],
    end: at(87, 30),
};

const SECOND: PastMeeting = PastMeeting {
    title: "Cycle 15: A five-minute falls huddle",
    icebreaker: "unwritten-rule",
    roll: &[
        (0, Present),
        (1, Present),
        (2, Present),
        (3, Present),
        (4, Absent),
        (5, Late),
        (6, Present),
        (7, Present),
    ],
    steps: &[
        (at(0, 30), Round(&[7, 1, 0, 2, 3, 6])),
        (at(2, 0), Next),
        (at(3, 10), Next),
        (at(4, 30), Next),
        (at(5, 50), Next),
        (at(6, 0), Pass),
        (at(7, 30), Next),
        (at(8, 20), Next),
        (
            at(8, 40),
            Note(
                Plain,
                Some(7),
                "The first unwritten rule Tomás noticed: nobody sits down at the station before the drug round is done.",
            ),
        ),
        (at(10, 0), Item(1)),
        (at(10, 20), Round(&[1, 0, 2, 3, 6, 7, 5])),
        (at(11, 30), Next),
        (at(13, 0), Next),
        (at(14, 0), Next),
        (at(16, 0), Next),
        (at(16, 10), Pass),
        (at(16, 20), Pass),
        (at(17, 30), Next),
        (at(18, 30), Next),
        (at(18, 40), Pass),
        (
            at(19, 0),
            Note(
                Solution,
                Some(3),
                "Nights check skin at the 02:00 turn now the card is in the bay folder: documented on 5 of 7 nights this week.",
            ),
        ),
        (
            at(19, 30),
            Note(
                Problem,
                Some(1),
                "The skin check is still missed for admissions arriving after 22:00.",
            ),
        ),
        (at(25, 0), Item(2)),
        (
            at(25, 10),
            Note(
                Plain,
                Some(2),
                "Fiona presented the ward's falls audit and a short paper on post-fall huddles.",
            ),
        ),
        (at(25, 30), Round(&[2, 6, 3, 5, 7, 0, 1])),
        (at(29, 0), Next),
        (at(30, 30), Next),
        (
            at(30, 40),
            Note(
                Idea,
                Some(6),
                "Flag sedatives and newly started blood-pressure tablets on the huddle sheet.",
            ),
        ),
        (at(33, 0), Next),
        (at(34, 0), Hand(0)),
        (at(35, 10), Next),
        (at(36, 40), Next),
        (
            at(36, 50),
            Note(
                Question,
                Some(7),
                "Who leads the huddle when the charge nurse is on a break?",
            ),
        ),
        (at(38, 20), Next),
        (at(40, 0), Next),
        (
            at(40, 20),
            Note(
                Pitfall,
                Some(5),
                "A huddle that needs everyone at the station leaves the bays empty: keep one person on the floor.",
            ),
        ),
        (
            at(41, 0),
            Note(
                Solution,
                Some(1),
                "Stand at the bay 3 board at five past the hour after handover; five minutes by the clock.",
            ),
        ),
        (at(50, 0), Item(3)),
        (
            at(50, 30),
            Consent(
                "Trial a five-minute falls huddle on day shifts for two weeks",
                &[(0, 4), (1, 5), (2, 5), (3, 3), (5, 4), (6, 1), (7, 4)],
            ),
        ),
        (
            at(52, 0),
            Note(
                Plain,
                Some(6),
                "Joseph's block: most falls happen at night, so a day-only trial will not tell us much.",
            ),
        ),
        (
            at(54, 0),
            Consent(
                "Trial a five-minute falls huddle on every shift, days and nights, for two weeks",
                &[(0, 4), (1, 5), (2, 5), (3, 4), (5, 4), (6, 4), (7, 3)],
            ),
        ),
        (
            at(55, 0),
            Action(2, 7, false, "Draft the falls huddle sheet (one side of A4)"),
        ),
        (
            at(56, 30),
            Action(
                1,
                4,
                false,
                "Brief the shift coordinators on the huddle trial",
            ),
        ),
        (
            at(58, 0),
            Action(
                6,
                10,
                false,
                "List the ward's high falls-risk medicines for the huddle sheet",
            ),
        ),
        (at(67, 0), Item(4)),
        (
            at(67, 30),
            Note(
                Plain,
                None,
                "The SSKIN change works on nights; days are patchier. Keep it on the agenda.",
            ),
        ),
        (
            at(68, 0),
            Note(
                Idea,
                Some(3),
                "One night-shift meeting a quarter, so nights can come without staying late.",
            ),
        ),
        (at(77, 0), Item(5)),
        (at(77, 10), Round(&[7, 6, 5, 3, 2, 1, 0])),
        (at(77, 40), Next),
        (at(78, 10), Next),
        (at(78, 40), Next),
        (at(79, 10), Next),
        (at(79, 40), Next),
        (at(80, 10), Next),
        (at(80, 40), Next),
    ],
    end: at(83, 0),
};

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
    pub cadence: Cadence,
    pub minutes: u32,
}

/// Adds the two past meetings (about four and two weeks before `now`, on the cadence)
/// and plans the next one, all inside the demo's one transaction.
pub(super) fn add(b: &Tx<'_>, c: &Community<'_>, now: DateTime<Utc>) -> StoreResult<()> {
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
    let first = c.cadence.next_after(local_now - Duration::days(29), None);
    let second = c.cadence.next_after(first, Some(first.date()));
    // An action still open from the cycle before: the learning-cycle template plans an
    // action review only while an action is open.
    let owner = c.members.get(4).copied();
    let carried = crate::domain::ActionInfo {
        title: "Put the skin-check reminder on the night handover sheet".into(),
        owner,
        due: Some(first.date() - Duration::days(3)),
        goal: None,
    };
    b.insert_action(c.id, &carried, None, utc(first) - Duration::days(20))?;
    for (slot, past) in [(first, &FIRST), (second, &SECOND)] {
        run(b, c, &template, utc(slot), past, ice(past.icebreaker)?)?;
    }
    let next = next_slot(Some(c.cadence), local_now, Some(second));
    let info = MeetingInfo {
        title: "Cycle 16: Falls huddle, first results".into(),
        scheduled_at: utc(next),
        planned_minutes: c.minutes,
    };
    let id = b.create_meeting(c.id, &info, Some(&template.name), &template.items, now)?;
    let first_item = b.agenda(id)?.first().map(|i| i.id);
    if let Some(item) = first_item {
        b.set_item_icebreaker(item, Some(ice("mistake-that-taught-me")?), now)?;
    }
    Ok(())
}

/// Plans `past` at `scheduled` and runs it through its steps.
fn run(
    b: &Tx<'_>,
    c: &Community<'_>,
    template: &Template,
    scheduled: DateTime<Utc>,
    past: &PastMeeting,
    icebreaker: IcebreakerId,
) -> StoreResult<MeetingId> {
    let member = |i: usize| {
        c.members
            .get(i)
            .copied()
            .ok_or_else(|| missing(format!("no member {i}")))
    };
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
    let items: Vec<AgendaItemId> = b.agenda(m)?.iter().map(|i| i.id).collect();
    if let Some(&item) = items.first() {
        b.set_item_icebreaker(item, Some(icebreaker), planned_at)?;
    }
    let start = scheduled + Duration::minutes(2);
    let t = |offset: u32| start + Duration::seconds(i64::from(offset));
    let roll = past
        .roll
        .iter()
        .map(|&(i, a)| Ok((member(i)?, a)))
        .collect::<StoreResult<Vec<_>>>()?;
    b.start_meeting(m, &roll, start)?;
    for &(offset, step) in past.steps {
        let now = t(offset);
        match step {
            Item(i) => {
                let item = *items
                    .get(i)
                    .ok_or_else(|| missing(format!("no agenda item {i}")))?;
                b.go_to_item(m, item, now)?;
            }
            Round(order) => {
                let order = order
                    .iter()
                    .map(|&i| member(i))
                    .collect::<StoreResult<Vec<_>>>()?;
                b.start_round(m, &order, OrderStrategy::Roster, now)?;
            }
            Next => b.next_speaker(m, now)?,
            Pass => b.pass_turn(m, now)?,
            Hand(i) => b.raise_hand(m, member(i)?, now)?,
            Note(kind, about, body) => {
                let about = about.map(member).transpose()?;
                b.add_note(m, about, kind, body, None, now)?;
            }
            Action(owner, due_days, done, body) => {
                let owner = member(owner)?;
                let due = (scheduled + Duration::days(due_days)).date_naive();
                let note = b.add_note(
                    m,
                    Some(owner),
                    NoteKind::Action,
                    body,
                    Some((Some(owner), Some(due))),
                    now,
                )?;
                if done {
                    let action = b.action_of_note(note)?;
                    let done_at = scheduled + Duration::days(due_days - 1);
                    b.set_action_status(action, ActionStatus::Done, done_at)?;
                }
            }
            Consent(topic, votes) => {
                let votes = votes
                    .iter()
                    .map(|&(i, s)| Ok((member(i)?, s)))
                    .collect::<StoreResult<Vec<_>>>()?;
                b.record_consent(m, topic, &votes, None, now)?;
            }
            Pause => b.set_paused(m, true, now)?,
            Resume => b.set_paused(m, false, now)?,
        }
    }
    b.end_meeting(m, t(past.end))?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_forward_in_time_and_end_after_the_last() {
        for past in [&FIRST, &SECOND] {
            let times: Vec<u32> = past.steps.iter().map(|s| s.0).collect();
            assert!(times.windows(2).all(|w| w[0] < w[1]), "{}", past.title);
            assert!(times.last().is_some_and(|&t| t < past.end));
            assert!(past.end <= at(90, 0) + at(5, 0), "ends near its 90 minutes");
        }
    }
}
