//! The demo database: one realistic community to explore, written as plain data and
//! validated like anything a leader types. Dates are relative to today so it looks current.
//! Its learning cycles are told in [`story`] and run meeting by meeting in [`history`].

mod history;
pub mod large;
// `demo --live` (issue 12: the README's tour shows a live meeting).
mod live;
mod story;
mod story_late;

use crate::domain::community::fields;
use crate::domain::{
    ChosenBy, CommunityInfo, Draft, GoalInfo, GoalStatus, LeaderRole, MemberId, Profile,
};
use crate::store::{NewLeader, Store, dump};
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Days, Duration, Local, NaiveDate, Utc};
use std::path::Path;

/// The community's plan, as form fields.
const COMMUNITY: [(&str, &str); 6] = [
    (fields::NAME, "Ward 7 Nursing Practice Circle"),
    (
        fields::PURPOSE,
        "A practice circle for the nurses, healthcare assistants and pharmacist of Ward 7 \
         (acute medicine). Every two weeks we bring one real case or new piece of evidence, \
         question it together, try it on the ward, and come back to say what happened. We \
         want safer care, fewer pressure injuries and falls, and a ward where new colleagues \
         learn fast and everyone can teach.",
    ),
    (fields::CADENCE, "every 2 weeks Thu 17:30"),
    (fields::MODE, "hybrid"),
    (
        fields::PLACE,
        "Ward 7 seminar room, 2nd floor (Teams link in the calendar invite for night staff)",
    ),
    (fields::MINUTES, "90"),
];

/// How long ago the circle started, in days.
const FOUNDED_DAYS_AGO: u64 = 420;

/// One member: profile fields in [`crate::domain::member::FIELDS`] order (without
/// `joined`), then how many days ago they joined.
struct DemoMember {
    fields: [&'static str; 7],
    joined_days_ago: u64,
}

const fn member(fields: [&'static str; 7], joined_days_ago: u64) -> DemoMember {
    DemoMember {
        fields,
        joined_days_ago,
    }
}

const MEMBERS: [DemoMember; 8] = [
    member(
        [
            "Margaret Doyle",
            "Clinical nurse educator",
            "Set up the circle. Runs the teaching on recognising the deteriorating patient (NEWS2) and on the new IV pumps.",
            "That the circle runs itself without her at the centre.",
            "Reads first, then discusses",
            "Appraising evidence; structuring a session so it ends with something to try",
            "Letting a discussion run without steering it",
        ],
        FOUNDED_DAYS_AGO,
    ),
    member(
        [
            "Amara Okafor",
            "Charge nurse (days)",
            "Ten years in acute medicine; leads the daily safety huddle and knows where the incident data lives.",
            "To turn what the huddle finds into changes that stick, and to grow the next charge nurses.",
            "Learns by doing, then talking it through",
            "Calm under pressure; draws quieter colleagues in",
            "Delegating; saying no to extra projects",
        ],
        FOUNDED_DAYS_AGO,
    ),
    member(
        [
            "Fiona MacLeod",
            "Senior staff nurse, falls lead",
            "Falls-prevention know-how from a care-home outreach team.",
            "A falls huddle that takes five minutes, not twenty.",
            "Reflective: writes a few lines after each shift",
            "Practical problem solving; knows the discharge teams",
            "Using data as well as experience",
        ],
        400,
    ),
    member(
        [
            "Nguyễn Thị Lan",
            "Staff nurse (nights)",
            "The night-shift view: falls, delirium, and what gets lost in the 07:30 handover.",
            "Night staff heard in ward decisions; preparing for a tissue viability course.",
            "Visual: diagrams and checklists",
            "Meticulous documentation; spots patterns in observation charts",
            "Speaking up in a large group",
        ],
        380,
    ),
    member(
        [
            "Priya Raman",
            "Tissue viability link nurse",
            "The pressure-injury audit and the SSKIN care bundle.",
            "Every shift doing skin checks the same way.",
            "Hands-on demonstration",
            "Wound assessment; teaching at the bedside",
            "Presenting data to managers",
        ],
        300,
    ),
    member(
        [
            "Daniel Kowalski",
            "Healthcare assistant (nursing apprentice)",
            "Knows the patients' routines best and does most of the repositioning rounds.",
            "Support through the apprenticeship, and the why behind the checks.",
            "Short sessions, then practice straight away",
            "Rapport with patients and families; utterly reliable",
            "Written reflections for the apprenticeship portfolio",
        ],
        250,
    ),
    member(
        [
            "Joseph Mensah",
            "Ward pharmacist",
            "Medicines reconciliation, and the pharmacy view of IV and omitted-dose incidents.",
            "Fewer omitted doses; working closer with the nurses.",
            "Case discussion",
            "Pharmacology explained plainly",
            "Coming regularly despite clinic clashes",
        ],
        200,
    ),
    member(
        [
            "Tomás Herrera",
            "Newly qualified nurse (preceptorship)",
            "Fresh from university: recent evidence on mouth care and sepsis screening.",
            "Confidence with complex discharges, and a mentor besides his preceptor.",
            "Asks questions; learns from worked examples",
            "Curious; quick with the electronic record",
            "Prioritising when everything feels urgent",
        ],
        21,
    ),
];

/// Leadership history, oldest first: (member index, how chosen, days ago).
const LEADERS: [(usize, ChosenBy, u64); 2] = [
    (0, ChosenBy::Appointed, FOUNDED_DAYS_AGO),
    (1, ChosenBy::Agreed, 150),
];

/// A goal: title, success measure, target (days from today; negative = past), status,
/// days since it was set.
struct DemoGoal {
    title: &'static str,
    success_measure: &'static str,
    target_in_days: i64,
    status: GoalStatus,
    set_days_ago: u64,
}

/// The goals, in the order the story's goal indices use.
const GOALS: [DemoGoal; 4] = [
    DemoGoal {
        title: "Safer shift handovers",
        success_measure: "No handover-related incidents on the log for 8 weeks, and the SBAR \
                          bay sheet used at every audited handover",
        target_in_days: -10,
        status: GoalStatus::Met,
        set_days_ago: 180,
    },
    DemoGoal {
        title: "Halve hospital-acquired pressure injuries",
        success_measure: "At most 2 category 2+ pressure injuries a quarter on the incident log \
                          (baseline: 5), two quarters running",
        target_in_days: 120,
        status: GoalStatus::Active,
        set_days_ago: 140,
    },
    DemoGoal {
        title: "A five-minute falls huddle on every shift",
        success_measure: "Huddle held on 90% of shifts for a month, from the shift \
                          coordinator's log",
        target_in_days: 200,
        status: GoalStatus::Active,
        set_days_ago: 60,
    },
    DemoGoal {
        title: "Every member teaches one ward session a year",
        success_measure: "Each member runs a ten-minute teaching slot at the Tuesday huddle \
                          once in twelve months",
        target_in_days: 330,
        status: GoalStatus::Proposed,
        set_days_ago: 10,
    },
];

/// How the group works together: the community's working agreements.
const AGREEMENTS: [&str; 5] = [
    "Start and finish on time",
    "One voice at a time; the round first",
    "What is said here stays here",
    "Bring a case, a number or a question",
    "Every action: one owner, one date",
];

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn days_from(today: NaiveDate, days: i64) -> NaiveDate {
    today
        .checked_add_signed(Duration::days(days))
        .unwrap_or(today)
}

fn validated<T>(
    what: &str,
    r: std::result::Result<T, crate::domain::ValidationErrors>,
) -> Result<T> {
    r.with_context(|| format!("demo data for {what} is invalid"))
}

fn community_info() -> Result<CommunityInfo> {
    let draft = COMMUNITY
        .iter()
        .fold(Draft::new(), |d, &(k, v)| d.with(k, v));
    validated("the community", CommunityInfo::from_draft(&draft))
}

fn profile(m: &DemoMember, today: NaiveDate) -> Result<Profile> {
    let [name, role, brings, hopes, style, strengths, growth, joined] =
        crate::domain::member::FIELDS;
    let [n, r, b, h, s, st, g] = m.fields;
    let draft = Draft::new()
        .with(name, n)
        .with(role, r)
        .with(brings, b)
        .with(hopes, h)
        .with(style, s)
        .with(strengths, st)
        .with(growth, g)
        .with(joined, days_before(today, m.joined_days_ago).to_string());
    validated(n, Profile::from_draft(&draft))
}

fn goal(g: &DemoGoal, today: NaiveDate) -> Result<GoalInfo> {
    let draft = Draft::new()
        .with("title", g.title)
        .with("success_measure", g.success_measure)
        .with("target", days_from(today, g.target_in_days).to_string())
        .with("status", g.status.as_str());
    validated(g.title, GoalInfo::from_draft(&draft))
}

/// Creates the demo community in the database at `path`. Refuses a database that already
/// holds data unless `force`, which replaces all of its contents (in one transaction);
/// refuses while another Roundtable has the file open.
pub fn create(path: &Path, force: bool) -> Result<()> {
    let options = Options {
        now: Utc::now(),
        live: false,
    };
    create_with(path, force, options)
}

/// How the demo is made: the instant it is made at (everything in it is dated from there,
/// "today" being that instant's local date), and whether its next meeting is left
/// running.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub now: DateTime<Utc>,
    pub live: bool,
}

/// [`create`] as of `options.now`; with `options.live`, the next meeting has been running
/// for nine minutes at that instant.
pub fn create_with(path: &Path, force: bool, options: Options) -> Result<()> {
    let (mut store, _lock) = Store::open_exclusive(path)?;
    if !force && !store.is_empty()? {
        bail!(
            "{} already holds data; pass --force to replace all of it with the demo",
            path.display()
        );
    }
    let now = options.now;
    let today = now.with_timezone(&Local).date_naive();
    let info = community_info()?;
    let profiles = MEMBERS
        .iter()
        .map(|m| profile(m, today))
        .collect::<Result<Vec<_>>>()?;
    let goals = GOALS
        .iter()
        .map(|g| goal(g, today))
        .collect::<Result<Vec<_>>>()?;
    let ago = |days: u64| now - Duration::days(i64::try_from(days).unwrap_or(0));
    dump::replace_all(&mut store, |b| {
        let community = b.insert_community(&info, ago(FOUNDED_DAYS_AGO))?;
        let mut ids: Vec<MemberId> = Vec::with_capacity(profiles.len());
        for (m, p) in MEMBERS.iter().zip(&profiles) {
            ids.push(b.insert_member(community, p, ago(m.joined_days_ago))?);
        }
        for &(i, chosen_by, days) in &LEADERS {
            let member = *ids.get(i).ok_or_else(|| {
                crate::store::StoreError::NotFound(format!("demo leader {i} is not a member"))
            })?;
            let leader = NewLeader {
                member,
                role: LeaderRole::Leader,
                chosen_by,
            };
            b.set_leader(community, leader, days_before(today, days))?;
        }
        let mut goal_ids = Vec::with_capacity(goals.len());
        for (g, info) in GOALS.iter().zip(&goals) {
            goal_ids.push(b.insert_goal(community, info, ago(g.set_days_ago))?);
        }
        let agreements: Vec<String> = AGREEMENTS.iter().map(|a| a.to_string()).collect();
        b.set_agreements(community, &agreements, ago(FOUNDED_DAYS_AGO - 1))?;
        let cadence = info.cadence.ok_or_else(|| {
            crate::store::StoreError::NotFound("the demo community has no cadence".into())
        })?;
        let c = history::Community {
            id: community,
            members: &ids,
            goals: &goal_ids,
            cadence,
            minutes: info.meeting_minutes,
        };
        let next = history::add(b, &c, now)?;
        if options.live {
            live::start(b, next, &ids, now)?;
        }
        Ok(())
    })
    .with_context(|| format!("cannot write the demo into {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::live::Attendance;

    #[test]
    fn demo_data_is_valid_and_varied() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let info = community_info().unwrap();
        assert!(info.cadence.is_some());
        let names: Vec<String> = MEMBERS
            .iter()
            .map(|m| profile(m, today).unwrap().name)
            .collect();
        assert!(names.iter().any(|n| !n.is_ascii()));
        for g in &GOALS {
            goal(g, today).unwrap();
        }
        for status in [GoalStatus::Proposed, GoalStatus::Active, GoalStatus::Met] {
            assert!(
                GOALS.iter().any(|g| g.status == status),
                "a {status:?} goal"
            );
        }
    }

    #[test]
    fn demo_fills_an_empty_file_and_force_replaces_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        create(&path, false).unwrap();
        let err = create(&path, false).unwrap_err().to_string();
        assert!(err.contains("--force") && err.contains("demo.db"), "{err}");
        create(&path, true).unwrap();
        let store = Store::open_read_only(&path).unwrap();
        let communities = store.communities(true).unwrap();
        assert_eq!(communities.len(), 1, "--force replaces, not adds");
        let c = &communities[0];
        assert_eq!(store.members(c.id).unwrap().len(), MEMBERS.len());
        assert_eq!(store.goals(c.id).unwrap().len(), GOALS.len());
        assert_eq!(store.agreements(c.id).unwrap(), AGREEMENTS);
        let history = store.leadership_history(c.id).unwrap();
        assert_eq!(history.len(), 2);
        let current = c.leader.as_ref().unwrap();
        assert_eq!(current.member_name, "Amara Okafor");
        assert_eq!(current.chosen_by, ChosenBy::Agreed);
        assert!(history[1].until.is_some());
    }

    #[test]
    fn demo_history_is_consistent() {
        use crate::domain::meeting::MeetingStatus;
        use crate::domain::note::NoteKind;
        use crate::domain::rounds::TurnState;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        create(&path, false).unwrap();
        let store = Store::open_read_only(&path).unwrap();
        let c = &store.communities(true).unwrap()[0];
        let past = store.meetings(c.id, &["ended"], false).unwrap();
        assert_eq!(past.len(), 12);
        let now = Utc::now();
        let mut kinds = std::collections::HashSet::new();
        let mut with_consent = 0;
        for summary in &past {
            let m = store.live_meeting(summary.id).unwrap();
            assert_eq!(m.meeting.status, MeetingStatus::Ended);
            let end = m.ended_at.unwrap();
            assert!(m.started_at < end && end < now, "in the past");
            assert_eq!(
                m.meeting.template.as_deref(),
                Some("Learning cycle meeting")
            );
            assert!(m.items[0].item.icebreaker.is_some());
            let statuses: Vec<_> = m.attendance.iter().map(|a| a.status).collect();
            assert!(statuses.contains(&Attendance::Late) && statuses.contains(&Attendance::Absent));
            for item in &m.items {
                assert!(!item.visits.is_empty(), "every item was visited");
                assert!(item.visits.iter().all(|v| v.end.is_some_and(|e| e <= end)));
            }
            assert!(
                m.pauses
                    .iter()
                    .all(|p| p.span.end.is_some_and(|e| e <= end))
            );
            for (item_id, t) in &m.turns {
                let item = m.items.iter().find(|i| i.item.id == *item_id).unwrap();
                assert_ne!(t.state, TurnState::Waiting, "every round finished: {t:?}");
                let (s, e) = (t.started_at.unwrap(), t.ended_at.unwrap());
                assert!(s < e || t.state == TurnState::Skipped, "{t:?}");
                assert!(
                    item.visits
                        .iter()
                        .any(|v| v.start <= s && v.end.is_some_and(|ve| e <= ve)),
                    "turn {t:?} lies within a visit of its item"
                );
            }
            assert!(m.turns.iter().any(|(_, t)| t.state == TurnState::Passed));
            for n in &m.notes {
                assert!(m.started_at <= n.created_at && n.created_at <= end);
                kinds.insert(n.kind);
            }
            with_consent += usize::from(!m.consents.is_empty());
            let minutes = crate::domain::minutes::Minutes::from_live(&m, "x", now, &Utc);
            assert!(
                minutes.airtime.rows.iter().all(|r| r.seconds > 0),
                "everyone spoke"
            );
        }
        assert!(with_consent >= 4, "decisions in {with_consent} meetings");
        assert!(
            past.iter()
                .any(|m| { !store.live_meeting(m.id).unwrap().pauses.is_empty() })
        );
        for k in NoteKind::ALL {
            assert!(kinds.contains(k), "a {k:?} note");
        }

        let planned = store.planned_meetings(c.id).unwrap();
        assert_eq!(planned.len(), 1);
        assert!(planned[0].scheduled_at > now);
        let agenda = store.agenda(planned[0].id).unwrap();
        assert!(agenda[0].icebreaker.is_some(), "an icebreaker is chosen");
        assert_eq!(agenda.len(), 6, "recurring items are not doubled");
    }

    #[test]
    fn demo_tells_the_story_of_four_cycles() {
        use crate::domain::note::{ActionStatus, NoteKind};
        use crate::domain::{ActionVerdict, GoalVerdict, Phase};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        create(&path, false).unwrap();
        let store = Store::open_read_only(&path).unwrap();
        let c = &store.communities(true).unwrap()[0];
        let mut cycles = store.cycles(c.id).unwrap();
        cycles.reverse();
        let phases: Vec<Phase> = cycles.iter().map(|c| c.phase).collect();
        assert_eq!(
            phases,
            [
                Phase::Closed,
                Phase::Closed,
                Phase::Closed,
                Phase::Application
            ]
        );
        let open = store.open_cycle(c.id).unwrap().unwrap();
        assert_eq!(open.id, cycles[3].id);
        // The handover goal: not met, progressing, met.
        let handovers = |c: &crate::domain::Cycle| {
            c.goals
                .iter()
                .find(|g| g.title == GOALS[0].title)
                .and_then(|g| g.verdict)
        };
        let verdicts: Vec<_> = cycles[..3].iter().map(handovers).collect();
        assert_eq!(
            verdicts,
            [
                Some(GoalVerdict::NotMet),
                Some(GoalVerdict::Progressing),
                Some(GoalVerdict::Met)
            ]
        );
        // Each cycle starts from the previous one's improvements, which are taken up.
        for pair in cycles.windows(2) {
            let before: Vec<String> = store
                .improvements(pair[0].id)
                .unwrap()
                .into_iter()
                .map(|i| i.body)
                .collect();
            assert!(!before.is_empty());
            assert_eq!(pair[1].starting_notes, before.join("\n"));
        }
        // The list's counts (one query) agree with each cycle's own meetings.
        let counts = store.cycle_meeting_counts(cycles[0].community_id).unwrap();
        for c in &cycles {
            let spanned = store.cycle_meetings(c.id).unwrap().len();
            assert_eq!(
                counts.get(&c.id).copied().unwrap_or(0),
                spanned,
                "{}",
                c.number
            );
        }
        for closed in &cycles[..3] {
            assert!(!closed.outcome.is_empty() && closed.ended_on.is_some());
            let phases = store.cycle_phases(closed.id).unwrap();
            assert_eq!(phases.len(), 4, "every phase entered in order");
            assert!(phases.iter().all(|p| p.skipped.is_empty()));
            assert!(store.cycle_meetings(closed.id).unwrap().len() >= 3);
            let actions = store.cycle_actions(closed.id).unwrap();
            assert!(
                actions.iter().all(|a| store
                    .action_updates(a.id)
                    .unwrap()
                    .iter()
                    .any(|u| u.in_reflection)),
                "the reflection follows up every action of the cycle"
            );
        }
        let starts: Vec<i64> = store
            .meetings(c.id, &["ended"], false)
            .unwrap()
            .iter()
            .map(|m| {
                let live = store.live_meeting(m.id).unwrap();
                (live.started_at - m.scheduled_at).num_minutes()
            })
            .collect();
        assert!(starts[..3].iter().all(|&late| late >= 5), "{starts:?}");
        assert!(
            starts[3..].iter().all(|&late| late <= 1),
            "started on time since"
        );
        // Solutions answer problems on the boards.
        let linked: usize = cycles
            .iter()
            .map(|c| {
                let board = store.board(c.id).unwrap();
                board
                    .iter()
                    .filter(|n| n.kind == NoteKind::Solution && n.answers.is_some())
                    .count()
            })
            .sum();
        assert!(linked >= 6, "{linked} linked solutions");
        // Actions: done, dropped, partly done, and some overdue today.
        let today = Local::now().date_naive();
        let actions = store.actions(c.id).unwrap();
        let overdue = actions.iter().filter(|a| a.is_overdue(today)).count();
        assert!(overdue >= 2, "{overdue} overdue");
        assert!(actions.iter().any(|a| a.status == ActionStatus::Dropped));
        assert!(actions.iter().any(|a| a.status == ActionStatus::Done));
        assert!(actions.iter().any(|a| {
            a.last_update
                .as_ref()
                .is_some_and(|u| u.verdict == ActionVerdict::Partly)
        }));
        assert!(actions.iter().filter(|a| a.info.goal.is_some()).count() >= 10);
        let progress = store.goal_progress(c.id).unwrap();
        let goals = store.goals(c.id).unwrap();
        let handover_goal = goals
            .iter()
            .find(|g| g.info.title == GOALS[0].title)
            .unwrap();
        assert_eq!(progress[&handover_goal.id].cycles.len(), 3);
        assert_eq!(
            progress[&handover_goal.id].latest,
            Some((3, GoalVerdict::Met))
        );
    }
}
