//! Actions for the fixture's club, written through the store, for the Actions screen and
//! `roundtable actions` tests: one of each standing (overdue, open, followed up partly,
//! nobody's, done, dropped) and one taken as a note in a meeting and followed up there.
//! Dates are relative to `today`, so the same seed serves the fake clock and the real one.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use roundtable::domain::agenda::{ItemInfo, ItemKind};
use roundtable::domain::cycle::Topic;
use roundtable::domain::live::Attendance;
use roundtable::domain::meeting::MeetingInfo;
use roundtable::domain::note::NoteKind;
use roundtable::domain::{ActionId, ActionInfo, ActionVerdict, CommunityId, GoalId, MemberId};
use roundtable::store::Store;

/// Titles, in the order the Actions screen lists them (overdue, open by due date,
/// undated, closed newest first).
pub const OVERDUE: &str = "Share the delirium screening paper";
pub const MEETING_ACTION: &str = "Trial the SBAR handover card";
pub const PARTLY: &str = "Book the skills lab";
pub const NOBODYS: &str = "Draft the audit form";
pub const DONE: &str = "Print the checklist";
pub const DROPPED: &str = "Ask pharmacy for falls data";
/// The meeting the note-made action was taken in.
pub const MEETING: &str = "Journal club: handovers";

/// What the seed made.
pub struct Seeded {
    pub overdue: ActionId,
    pub partly: ActionId,
    pub nobodys: ActionId,
    pub done: ActionId,
    pub dropped: ActionId,
    pub meeting_action: ActionId,
    pub goal: GoalId,
}

fn day(today: NaiveDate, offset: i64) -> Option<NaiveDate> {
    Some(today + Duration::days(offset))
}

/// Seeds the actions of `club` (members by name from `member`), `now` being today's
/// evening.
pub fn seed(
    store: &mut Store,
    club: CommunityId,
    member: impl Fn(&str) -> MemberId,
    now: DateTime<Utc>,
) -> Seeded {
    let today = now.date_naive();
    let goal = store.goals(club).expect("goals")[0].id;
    let amara = member("Amara Okafor");
    let ben = member("Ben Carter");
    let zoe = member("Zoë 王");
    let info = |title: &str, owner, due, goal| ActionInfo {
        title: title.into(),
        owner,
        due,
        goal,
    };
    let earlier = now - Duration::days(20);
    let insert = |store: &mut Store, i: ActionInfo, at| {
        store
            .write(|tx| tx.insert_action(club, &i, None, at))
            .expect("insert action")
    };
    // Two from before the cycle, then the cycle (number 1), then the rest join it.
    let done = insert(store, info(DONE, Some(ben), day(today, -10), None), earlier);
    let dropped = insert(
        store,
        info(DROPPED, Some(zoe), day(today, -2), None),
        earlier,
    );
    store
        .write(|tx| {
            tx.open_cycle(
                club,
                &Topic {
                    title: "Safer handovers".into(),
                    source: String::new(),
                    summary: String::new(),
                },
                &[goal],
                earlier.date_naive(),
                earlier,
            )
        })
        .expect("open a cycle");
    let overdue = insert(
        store,
        info(OVERDUE, Some(ben), day(today, -4), Some(goal)),
        earlier,
    );
    let partly = insert(
        store,
        info(PARTLY, Some(amara), day(today, 7), None),
        earlier,
    );
    let nobodys = insert(store, info(NOBODYS, None, None, None), earlier);
    let follow = |store: &mut Store, a, v, note: &str, at| {
        store
            .write(|tx| tx.follow_up_action(a, v, note, "", None, false, at))
            .expect("follow up")
    };
    follow(
        store,
        partly,
        ActionVerdict::Partly,
        "Asked; waiting for a date",
        now - Duration::days(3),
    );
    follow(
        store,
        done,
        ActionVerdict::Done,
        "On the ward noticeboard",
        now - Duration::days(5),
    );
    follow(
        store,
        dropped,
        ActionVerdict::Dropped,
        "",
        now - Duration::days(1),
    );

    // A meeting two weeks ago, where an action was taken as a note and followed up.
    let held = now - Duration::days(14);
    let meeting = store
        .write(|tx| {
            tx.create_meeting(
                club,
                &MeetingInfo {
                    title: MEETING.into(),
                    scheduled_at: held,
                    planned_minutes: 60,
                },
                None,
                &[ItemInfo {
                    kind: ItemKind::OpenDiscussion,
                    title: "What do we try?".into(),
                    minutes: 30,
                    leader_notes: String::new(),
                    recurring: false,
                }],
                earlier,
            )
        })
        .expect("plan");
    let meeting_action = store
        .write(|tx| {
            tx.start_meeting(
                meeting,
                &[(amara, Attendance::Present), (zoe, Attendance::Present)],
                held,
            )?;
            let note = tx.add_note(
                meeting,
                Some(zoe),
                NoteKind::Action,
                MEETING_ACTION,
                Some((Some(zoe), day(today, 2))),
                held,
            )?;
            let id: ActionId = tx.action_of_note(note)?;
            tx.follow_up_action(
                id,
                ActionVerdict::NotDone,
                "Cards not printed yet",
                "",
                Some(meeting),
                false,
                held + Duration::minutes(20),
            )?;
            tx.end_meeting(meeting, held + Duration::minutes(45))?;
            Ok::<_, roundtable::store::StoreError>(id)
        })
        .expect("meeting with an action note");
    Seeded {
        overdue,
        partly,
        nobodys,
        done,
        dropped,
        meeting_action,
        goal,
    }
}
