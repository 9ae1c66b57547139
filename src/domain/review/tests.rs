use super::*;
use crate::domain::agenda::{AgendaItem, ItemInfo, ItemKind};
use crate::domain::live::{Attendance, Attendee, LiveItem, OpenAction};
use crate::domain::meeting::{Meeting, MeetingStatus};
use crate::domain::rounds::{Turn, TurnState};
use crate::domain::timer::Span;
use crate::domain::{AgendaItemId, CommunityId, MeetingId, Member, Profile, TurnId};
use chrono::TimeZone;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 8, 17, 0, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn here(id: i64, name: &str, status: Attendance) -> Attendee {
    Attendee {
        member: Member {
            id: MemberId::new(id),
            community_id: CommunityId::new(1),
            profile: Profile {
                name: name.into(),
                ..Profile::default()
            },
            left: None,
            active: true,
            is_new: false,
        },
        status,
        guest: false,
    }
}

fn open(id: i64, owner: Option<i64>, due: Option<u32>) -> OpenAction {
    OpenAction {
        id: ActionId::new(id),
        owner: owner.map(MemberId::new),
        title: format!("a{id}"),
        due: due.map(day),
        meeting: None,
    }
}

fn follow(id: i64, owner: Option<i64>, verdict: ActionVerdict, note: &str) -> FollowUp {
    FollowUp {
        action: ActionId::new(id),
        title: format!("a{id}"),
        owner: owner.map(MemberId::new),
        due: None,
        verdict,
        note: note.into(),
        learned: String::new(),
        in_reflection: false,
        at: at(),
    }
}

fn turn(position: u32, member: i64, state: TurnState) -> (AgendaItemId, Turn) {
    (
        AgendaItemId::new(1),
        Turn {
            id: TurnId::new(i64::from(position)),
            round: 1,
            position,
            member: MemberId::new(member),
            state,
            hand_raised_at: None,
            started_at: (state != TurnState::Waiting).then(at),
            ended_at: None,
            order: None,
        },
    )
}

/// Ada (1) and Bo (2) here, Cy (3) absent; on an action review item.
fn meeting(turns: Vec<(AgendaItemId, Turn)>) -> LiveMeeting {
    LiveMeeting {
        meeting: Meeting {
            id: MeetingId::new(1),
            community_id: CommunityId::new(1),
            title: "M".into(),
            scheduled_at: at(),
            planned_minutes: 60,
            status: MeetingStatus::Live,
            template: None,
        },
        started_at: at(),
        ended_at: None,
        items: vec![LiveItem {
            item: AgendaItem {
                id: AgendaItemId::new(1),
                meeting_id: MeetingId::new(1),
                position: 1,
                info: ItemInfo {
                    kind: ItemKind::ActionReview,
                    title: "Action review".into(),
                    minutes: 15,
                    leader_notes: String::new(),
                    recurring: true,
                },
                icebreaker: None,
                turns: Default::default(),
            },
            visits: vec![Span::open(at())],
        }],
        pauses: vec![],
        attendance: vec![
            here(1, "Ada", Attendance::Present),
            here(2, "Bo", Attendance::Late),
            here(3, "Cy", Attendance::Absent),
        ],
        turns,
        notes: vec![],
        consents: vec![],
        open_actions: vec![
            open(1, Some(1), Some(7)),
            open(2, Some(2), Some(9)),
            open(3, None, Some(1)),
            open(4, Some(3), None),
            open(5, Some(1), None),
            open(7, Some(1), Some(3)),
        ],
        follow_ups: vec![
            follow(2, Some(2), ActionVerdict::Partly, "half the ward"),
            follow(6, Some(1), ActionVerdict::Done, ""),
        ],
        floor: vec![],
        icebreaker_prompts: vec![],
        cycle_closed: None,
        last_seen: None,
    }
}

fn ids(g: &ReviewGroup) -> Vec<i64> {
    g.rows.iter().map(|r| r.action.get()).collect()
}

#[test]
fn without_a_round_owners_come_in_attendance_order_and_the_rest_last() {
    let groups = review(&meeting(vec![]), day(8));
    let owners: Vec<Option<i64>> = groups.iter().map(|g| g.owner.map(|m| m.get())).collect();
    assert_eq!(owners, [Some(1), Some(2), None]);
    // By due date, undated last; the action closed here is still listed.
    assert_eq!(ids(&groups[0]), [7, 1, 5, 6]);
    assert_eq!(ids(&groups[1]), [2]);
    assert_eq!(ids(&groups[2]), [3, 4], "nobody's and the absent Cy's");
}

#[test]
fn the_round_gives_the_order_of_owners() {
    let l = meeting(vec![
        turn(1, 2, TurnState::Speaking),
        turn(2, 1, TurnState::Waiting),
    ]);
    let groups = review(&l, day(8));
    let owners: Vec<Option<i64>> = groups.iter().map(|g| g.owner.map(|m| m.get())).collect();
    assert_eq!(owners, [Some(2), Some(1), None]);
    assert_eq!(
        next_pending(&groups, l.speaker()),
        None,
        "Bo's one action is followed up already"
    );
    let ada = next_pending(&groups, Some(MemberId::new(1))).unwrap();
    assert_eq!(ada.action.get(), 7, "her earliest due first");
    assert_eq!(progress(&groups), (2, 7));
}

#[test]
fn overdue_is_open_and_due_before_today_and_said_in_words() {
    let groups = review(&meeting(vec![]), day(8));
    let row = |id: i64| {
        groups
            .iter()
            .flat_map(|g| &g.rows)
            .find(|r| r.action.get() == id)
            .unwrap()
            .clone()
    };
    assert!(row(7).overdue && row(1).overdue && row(3).overdue);
    assert_eq!(row(7).standing(), "⚠ overdue (due 2026-12-03)");
    assert!(!row(2).overdue, "due tomorrow");
    assert_eq!(row(2).standing(), "◐ partly done: half the ward");
    assert_eq!(row(5).standing(), "no due date");
    assert_eq!(row(6).standing(), "✓ done");
    // The day passes: Bo's action is overdue too, and still says how it went.
    let later = review(&meeting(vec![]), day(10));
    let bo = &later[1].rows[0];
    assert!(bo.overdue);
    assert_eq!(
        bo.standing(),
        "◐ partly done: half the ward · ⚠ overdue (due 2026-12-09)"
    );
}

#[test]
fn an_action_taken_in_this_meeting_is_not_due_for_follow_up_in_it() {
    let mut l = meeting(vec![]);
    let taken = |id: i64, meeting: i64| OpenAction {
        meeting: Some(MeetingId::new(meeting)),
        ..open(id, Some(1), Some(9))
    };
    // Taken in this meeting (1), and in an earlier one (2).
    l.open_actions.push(taken(8, 1));
    l.open_actions.push(taken(9, 2));
    let groups = review(&l, day(8));
    assert_eq!(ids(&groups[0]), [7, 1, 9, 5, 6]);
    assert_eq!(progress(&groups), (2, 8));
}

#[test]
fn an_actions_standing_is_said_as_of_today() {
    let s = |status, due: Option<u32>, latest| ActionStanding {
        note: crate::domain::NoteId::new(1),
        status,
        due: due.map(day),
        latest,
    };
    use ActionStatus::{Done, Dropped, Open};
    assert_eq!(s(Done, Some(1), None).words(day(8)), "✓ done");
    assert_eq!(s(Dropped, None, None).words(day(8)), "✗ dropped");
    assert_eq!(s(Open, Some(9), None).words(day(8)), "open");
    assert_eq!(s(Open, Some(7), None).words(day(8)), "⚠ overdue");
    assert_eq!(
        s(Open, Some(7), Some(ActionVerdict::Partly)).words(day(8)),
        "◐ partly done · ⚠ overdue"
    );
}
