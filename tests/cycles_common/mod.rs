//! Two learning cycles of the fixture's club, written through the store: cycle 1 closed
//! (a meeting with a board, an action reflected on, a goal judged, improvements, an
//! outcome) and cycle 2 open in application (starting notes carried over, an overdue
//! action, a planned meeting). Shared by tests/cycles.rs and tests/cycles_cli.rs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::Ids;
use chrono::{DateTime, NaiveDate, Utc};
use roundtable::domain::agenda::{ItemInfo, ItemKind};
use roundtable::domain::cycle::Phase;
use roundtable::domain::live::Attendance;
use roundtable::domain::meeting::MeetingInfo;
use roundtable::domain::note::NoteKind;
use roundtable::domain::{
    ActionInfo, ActionVerdict, CommunityId, CycleId, GoalId, GoalVerdict, MeetingId, Topic,
};
use roundtable::store::{Store, StoreError};

/// What [`seed`] wrote.
#[derive(Debug, Clone, Copy)]
pub struct Seeded {
    pub first: CycleId,
    pub second: CycleId,
    /// Cycle 1's meeting (ended).
    pub ended: MeetingId,
    /// Cycle 2's meeting (planned).
    pub planned: MeetingId,
    /// "Run 3 peer observations": served by both cycles.
    pub observations: GoalId,
    /// "Adopt the early-warning score checklist": served by cycle 2, one action.
    pub checklist: GoalId,
    /// "Read the sepsis bundle paper": nothing refers to it.
    pub sepsis: GoalId,
}

pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid seed timestamp")
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("valid seed date")
}

/// The club's goal whose title starts with `prefix`.
pub fn goal(store: &Store, club: CommunityId, prefix: &str) -> GoalId {
    store
        .goals(club)
        .unwrap()
        .into_iter()
        .find(|g| g.info.title.starts_with(prefix))
        .unwrap_or_else(|| panic!("no goal {prefix}"))
        .id
}

pub fn topic(title: &str, source: &str, summary: &str) -> Topic {
    Topic {
        title: title.into(),
        source: source.into(),
        summary: summary.into(),
    }
}

fn meeting(store: &mut Store, ids: &Ids, title: &str, when: &str) -> MeetingId {
    let item = ItemInfo {
        kind: ItemKind::OpenDiscussion,
        title: "Critical interrogation".into(),
        minutes: 30,
        leader_notes: String::new(),
        recurring: false,
    };
    let info = MeetingInfo {
        title: title.into(),
        scheduled_at: at(when),
        planned_minutes: 60,
    };
    store
        .write(|tx| tx.create_meeting(ids.club, &info, None, &[item], at(when)))
        .unwrap()
}

/// Writes the two cycles.
pub fn seed(store: &mut Store, ids: &Ids) -> Seeded {
    let observations = goal(store, ids.club, "Run 3");
    let checklist = goal(store, ids.club, "Adopt");
    let sepsis = goal(store, ids.club, "Read the sepsis");
    let first = store
        .write(|tx| {
            tx.open_cycle(
                ids.club,
                &topic(
                    "SBAR handovers",
                    "https://example.org/sbar",
                    "Situation, background, assessment, recommendation\nat every bedside handover.",
                ),
                &[observations],
                day("2026-09-03"),
                at("2026-09-03T16:00:00Z"),
            )
        })
        .unwrap();
    let ended = meeting(store, ids, "Cycle 1: reading SBAR", "2026-09-03T17:30:00Z");
    let ben = ids.member("Ben Carter");
    let grace = ids.member("Grace Lin");
    let t = at("2026-09-03T17:40:00Z");
    store
        .write(|tx| {
            tx.start_meeting(
                ended,
                &[(ben, Attendance::Present), (grace, Attendance::Present)],
                at("2026-09-03T17:30:00Z"),
            )?;
            let problem = tx.add_note(
                ended,
                Some(ben),
                NoteKind::Problem,
                "Night handovers run 20 minutes over",
                None,
                t,
            )?;
            tx.add_note(
                ended,
                Some(ids.member("Dmitri Ivanov")),
                NoteKind::Pitfall,
                "Agency staff do not know the SBAR card",
                None,
                t,
            )?;
            let solution = tx.add_note(
                ended,
                Some(grace),
                NoteKind::Solution,
                "A pocket SBAR card at each bedside",
                None,
                t,
            )?;
            tx.add_note(
                ended,
                None,
                NoteKind::Solution,
                "Pair new staff with a buddy",
                None,
                t,
            )?;
            tx.link_solution(solution, Some(problem))?;
            tx.add_note(
                ended,
                None,
                NoteKind::Action,
                "Try SBAR on nights for two weeks",
                Some((Some(ben), Some(day("2026-09-17")))),
                t,
            )?;
            tx.end_meeting(ended, at("2026-09-03T18:30:00Z"))
        })
        .unwrap();
    let action = store.cycle_actions(first).unwrap()[0].id;
    let t = at("2026-10-01T18:00:00Z");
    store
        .write(|tx| {
            tx.set_cycle_phase(
                first,
                Phase::Application,
                false,
                "",
                day("2026-09-17"),
                at("2026-09-17T18:00:00Z"),
            )?;
            tx.set_cycle_phase(first, Phase::Reflection, false, "", day("2026-10-01"), t)?;
            tx.follow_up_action(
                action,
                ActionVerdict::Done,
                "Used on 9 of 10 night shifts",
                "Short cards get used; long forms do not",
                None,
                true,
                t,
            )?;
            tx.judge_goal(
                first,
                observations,
                GoalVerdict::Progressing,
                "1 of 3 observations done",
                t,
            )?;
            tx.add_improvement(first, "Start on time", t)?;
            tx.add_improvement(first, "Send the paper a week earlier", t)?;
            tx.set_cycle_phase(
                first,
                Phase::Closed,
                false,
                "Night handovers 12 minutes shorter on average.\nSBAR card adopted ward-wide.",
                day("2026-10-15"),
                at("2026-10-15T18:00:00Z"),
            )
            .map(|_| ())
        })
        .unwrap();
    let second = store
        .write(|tx| {
            let id = tx.open_cycle(
                ids.club,
                &topic("Early-warning scores", "NEWS2 guidance", ""),
                &[observations, checklist],
                day("2026-10-29"),
                at("2026-10-29T16:00:00Z"),
            )?;
            tx.set_cycle_phase(
                id,
                Phase::Application,
                false,
                "",
                day("2026-11-12"),
                at("2026-11-12T18:00:00Z"),
            )?;
            tx.insert_action(
                ids.club,
                &ActionInfo {
                    title: "Audit 10 NEWS2 charts".into(),
                    owner: Some(ids.member("Zoë 王")),
                    due: Some(day("2026-11-20")),
                    goal: Some(checklist),
                },
                None,
                at("2026-11-12T18:00:00Z"),
            )?;
            tx.insert_action(
                ids.club,
                &ActionInfo {
                    title: "Share the checklist at handover".into(),
                    owner: Some(ids.member("Amara Okafor")),
                    due: Some(day("2026-12-01")),
                    goal: Some(observations),
                },
                None,
                at("2026-11-12T18:00:00Z"),
            )?;
            Ok::<_, StoreError>(id)
        })
        .unwrap();
    let planned = meeting(
        store,
        ids,
        "Cycle 2: first audit results",
        "2026-11-26T17:30:00Z",
    );
    Seeded {
        first,
        second,
        ended,
        planned,
        observations,
        checklist,
        sepsis,
    }
}
