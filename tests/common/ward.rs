//! The small live-meeting fixture of `tests/live.rs` and `tests/live_clocks.rs`: a
//! community of five with one planned learning-cycle meeting, driven by single keys.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use roundtable::app::App;
use roundtable::domain::meeting::MeetingInfo;
use roundtable::domain::{ActionInfo, CommunityId, CommunityInfo, FakeClock, MeetingMode, Profile};
use roundtable::store::Store;

/// The members, in roster (alphabetical) order.
pub const NAMES: [&str; 5] = ["Ada", "Bo", "Cy", "Di", "Ed"];

/// The open action [`seed`] starts with.
pub const CARRIED: &str = "Order wipeable cards";

/// When the meeting is scheduled.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 17, 0, 0).unwrap()
}

/// A community with five members, one action still open from before (nobody owns it,
/// no due date: [`CARRIED`]), and one planned learning-cycle meeting, "Cycle 1", whose
/// agenda therefore has its action review: icebreaker, action review, critical
/// interrogation, application, reflection, check-out.
pub fn seed(store: &mut Store) -> CommunityId {
    let info = CommunityInfo {
        name: "Ward 7".into(),
        purpose: "Practice".into(),
        cadence: Some("weekly Tue 18:00".parse().unwrap()),
        mode: MeetingMode::InPerson,
        place: "Room 3".into(),
        meeting_minutes: 90,
    };
    let c = store.write(|tx| tx.insert_community(&info, t0())).unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        let p = Profile {
            name: (*name).into(),
            hopes: format!("hope {i}"),
            learning_style: "hands-on".into(),
            ..Default::default()
        };
        store.write(|tx| tx.insert_member(c, &p, t0())).unwrap();
    }
    let carried = ActionInfo {
        title: CARRIED.into(),
        owner: None,
        due: None,
        goal: None,
    };
    store
        .write(|tx| tx.insert_action(c, &carried, None, t0() - Duration::days(14)))
        .unwrap();
    plan(store, c, "Cycle 1", t0());
    c
}

/// Plans a learning-cycle meeting of community `c`.
pub fn plan(store: &mut Store, c: CommunityId, title: &str, at: DateTime<Utc>) {
    let t = store.template("Learning cycle meeting").unwrap();
    let m = MeetingInfo {
        title: title.into(),
        scheduled_at: at,
        planned_minutes: 90,
    };
    store
        .write(|tx| tx.create_meeting(c, &m, Some(&t.name), &t.items, t0()))
        .unwrap();
}

/// The next week's meeting, "Cycle 2", after [`seed`]'s.
pub fn plan_next(store: &mut Store, c: CommunityId) {
    plan(store, c, "Cycle 2", t0() + Duration::days(7));
}

/// The app over `store`, on `clock`, without colour.
pub fn app_at(store: Store, clock: &FakeClock) -> App {
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    app
}

/// One key.
pub fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::from(code));
}

/// Text typed key by key.
pub fn typ(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}
