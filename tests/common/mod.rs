//! Shared test fixture: one realistic community with a varied roster, a leader and goals,
//! plus an archived community; a fake clock at a fixed instant; and a compact key-script
//! helper (`press`) that turns `"n Ada<Tab><C-s>"` into key events.
//!
//! Every test binary includes this module and uses a different subset of it.
#![allow(dead_code)]

pub mod cli;
mod reliability;
pub mod tmux;
pub mod ward;

#[allow(unused_imports)]
pub use reliability::*;

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundtable::app::App;
use roundtable::domain::agenda::{ItemInfo, ItemKind};
use roundtable::domain::meeting::MeetingInfo;
use roundtable::domain::{
    ChosenBy, CommunityId, CommunityInfo, Draft, FakeClock, GoalInfo, GoalStatus, LeaderRole,
    MeetingId, MemberId, Profile,
};
use roundtable::store::{NewLeader, Store};
use std::path::Path;
use std::sync::Once;

pub mod screen;

/// The instant the fake clock shows: a Tuesday evening.
pub const NOW: &str = "2026-11-24T17:00:00Z";
/// The fixture's active community.
pub const CLUB: &str = "Ward 7 Nurses' Journal Club";
/// The fixture's archived community.
pub const ARCHIVED: &str = "Pharmacy Reading Circle";
/// The member who leads the club.
pub const LEADER: &str = "Amara Okafor";
/// The member with a non-ASCII, double-width name.
pub const WIDE: &str = "Zoë 王";
/// The member who has left.
pub const INACTIVE: &str = "Farah Haddad";

/// Screens show meeting times in local time, and "today" is the local date: pin the
/// process's time zone to UTC so snapshots and dates do not depend on the machine.
/// Called first thing by every fixture entry point, before any test reads the clock.
pub fn pin_timezone() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: runs once, guarded by `Once`, as the first statement of every fixture
        // entry point; nothing in the test process reads `TZ` concurrently with it.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var("TZ", "UTC")
        };
    });
}

/// The fixed "now" of every fixture.
pub fn now() -> DateTime<Utc> {
    NOW.parse().expect("valid fixture instant")
}

/// A fake clock stopped at [`NOW`].
pub fn clock() -> FakeClock {
    pin_timezone();
    FakeClock::new(now())
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid fixture date")
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("valid fixture timestamp")
}

/// Ids of what the fixture created.
#[derive(Debug, Clone)]
pub struct Ids {
    pub club: CommunityId,
    pub archived: CommunityId,
    /// Members by name, in insertion order.
    pub members: Vec<(String, MemberId)>,
}

impl Ids {
    /// The id of the member called `name`.
    pub fn member(&self, name: &str) -> MemberId {
        self.members
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("no fixture member {name}"))
    }
}

struct M {
    name: &'static str,
    role: &'static str,
    brings: &'static str,
    hopes: &'static str,
    style: &'static str,
    strengths: &'static str,
    growth: &'static str,
    joined: &'static str,
}

const MEMBERS: &[M] = &[
    M {
        name: LEADER,
        role: "charge nurse",
        brings: "Twelve years on the ward and a habit of asking 'what is the evidence?'",
        hopes: "A team that reads research without fear",
        style: "talks it through",
        strengths: "Facilitation\nClinical audit",
        growth: "Statistics beyond p-values",
        joined: "2025-09-01",
    },
    M {
        name: "Ben Carter",
        role: "staff nurse",
        brings: "Night-shift perspective",
        hopes: "Confidence appraising papers",
        style: "hands-on",
        strengths: "Wound care",
        growth: "Critical appraisal",
        joined: "2025-09-01",
    },
    M {
        name: WIDE,
        role: "student nurse",
        brings: "Fresh questions from university",
        hopes: "To see how evidence reaches the bedside",
        style: "reads first",
        strengths: "Literature searches",
        growth: "Speaking up in groups",
        joined: "2026-10-01",
    },
    M {
        name: "Dmitri Ivanov",
        role: "clinical educator",
        brings: "Teaching materials and a journal subscription",
        hopes: "Ideas for the induction programme",
        style: "reads first",
        strengths: "Teaching\nEBP frameworks",
        growth: "Delegating",
        joined: "2025-10-15",
    },
    M {
        name: INACTIVE,
        role: "staff nurse",
        brings: "Infection-control experience",
        hopes: "",
        style: "hands-on",
        strengths: "Infection control",
        growth: "",
        joined: "2025-09-01",
    },
    M {
        name: "Grace Lin",
        role: "physiotherapist",
        brings: "A view from outside nursing",
        hopes: "Shared goals for early mobilisation",
        style: "talks it through",
        strengths: "Mobility assessments",
        growth: "Writing up audits",
        joined: "2026-02-02",
    },
];

fn profile(m: &M) -> Profile {
    Profile {
        name: m.name.into(),
        role: m.role.into(),
        brings: m.brings.into(),
        hopes: m.hopes.into(),
        learning_style: m.style.into(),
        strengths: m.strengths.into(),
        growth_areas: m.growth.into(),
        joined: Some(date(m.joined)),
    }
}

/// The club's plan.
pub fn club_info() -> CommunityInfo {
    CommunityInfo::from_draft(
        &Draft::new()
            .with("name", CLUB)
            .with(
                "purpose",
                "Read one paper a fortnight and turn it into one change on the ward.",
            )
            .with("cadence", "every 2 weeks Thu 17:30")
            .with("mode", "hybrid")
            .with("place", "Seminar room 3 and meet.example.org/ward7")
            .with("meeting_minutes", "60"),
    )
    .expect("valid fixture community")
}

/// Fills `store` with the fixture data (no meetings: the store has no API for them).
pub fn populate(store: &mut Store) -> Ids {
    let club = store
        .write(|tx| tx.insert_community(&club_info(), at("2025-09-01T09:00:00Z")))
        .expect("insert club");
    let mut members = Vec::new();
    for m in MEMBERS {
        let id = store
            .write(|tx| tx.insert_member(club, &profile(m), at(&format!("{}T09:00:00Z", m.joined))))
            .expect("insert member");
        members.push((m.name.to_string(), id));
    }
    let ids_tmp = Ids {
        club,
        archived: CommunityId::new(0),
        members: members.clone(),
    };
    store
        .write(|tx| tx.set_member_active(ids_tmp.member(INACTIVE), false, date("2026-06-30")))
        .expect("deactivate");
    store
        .write(|tx| {
            tx.save_community_with_leader(
                club,
                &club_info(),
                Some(NewLeader {
                    member: ids_tmp.member(LEADER),
                    role: LeaderRole::Leader,
                    chosen_by: ChosenBy::Agreed,
                }),
                date("2025-09-15"),
            )
        })
        .expect("set leader");
    for (title, measure, target, status) in [
        (
            "Run 3 peer observations",
            "Three observations done, each debriefed within a week.",
            "2027-01-31",
            GoalStatus::Active,
        ),
        (
            "Adopt the early-warning score checklist",
            "Checklist used on every admission for a month.",
            "2027-03-01",
            GoalStatus::Proposed,
        ),
        (
            "Read the sepsis bundle paper",
            "Discussed, with two changes agreed.",
            "2026-10-15",
            GoalStatus::Met,
        ),
    ] {
        store
            .write(|tx| {
                tx.insert_goal(
                    club,
                    &GoalInfo {
                        title: title.into(),
                        success_measure: measure.into(),
                        target: Some(date(target)),
                        status,
                    },
                    at("2025-10-01T09:00:00Z"),
                )
            })
            .expect("insert goal");
    }

    let archived_info = CommunityInfo::from_draft(
        &Draft::new()
            .with("name", ARCHIVED)
            .with("purpose", "Monthly reading of new drug-safety alerts.")
            .with("cadence", "monthly 1st Mon 12:00")
            .with("mode", "online"),
    )
    .expect("valid archived community");
    let archived = store
        .write(|tx| tx.insert_community(&archived_info, at("2024-01-10T09:00:00Z")))
        .expect("insert archived");
    store
        .write(|tx| {
            tx.insert_member(
                archived,
                &Profile {
                    name: "Hugo Martins".into(),
                    role: "pharmacist".into(),
                    ..Profile::default()
                },
                at("2024-01-10T09:00:00Z"),
            )
        })
        .expect("insert archived member");
    store
        .write(|tx| tx.set_community_archived(archived, true, at("2025-06-01T09:00:00Z")))
        .expect("archive");
    Ids {
        club,
        archived,
        members,
    }
}

/// An in-memory store holding the fixture.
pub fn store() -> (Store, Ids) {
    pin_timezone();
    let mut s = Store::open_in_memory().expect("in-memory store");
    let ids = populate(&mut s);
    (s, ids)
}

/// The app over the fixture, colours off, on the Communities screen with the club chosen.
pub fn app() -> App {
    app_with_ids().0
}

/// [`app`] plus the fixture's ids.
pub fn app_with_ids() -> (App, Ids) {
    let (s, ids) = store();
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    (app, ids)
}

/// Plans a meeting of the club through the store (two days after [`NOW`]) with an
/// icebreaker, a round robin, an open discussion, a decision and a check-out.
pub fn plan_meeting(store: &mut Store, ids: &Ids) -> MeetingId {
    let item = |kind, title: &str, minutes| ItemInfo {
        kind,
        title: title.into(),
        minutes,
        leader_notes: String::new(),
        recurring: false,
    };
    store
        .write(|tx| {
            tx.create_meeting(
                ids.club,
                &MeetingInfo {
                    title: "Journal club: delirium screening".into(),
                    scheduled_at: at("2026-11-26T17:30:00Z"),
                    planned_minutes: 60,
                },
                None,
                &[
                    item(ItemKind::Icebreaker, "Warm-up", 5),
                    item(ItemKind::RoundRobin, "What struck you in the paper?", 15),
                    item(ItemKind::OpenDiscussion, "Could we use it on Ward 7?", 20),
                    item(ItemKind::Decision, "Trial the screening tool?", 10),
                    item(ItemKind::CheckOut, "Check-out", 5),
                ],
                now(),
            )
        })
        .expect("plan a meeting")
}

/// [`app`] with one planned meeting of the club.
pub fn app_with_meeting() -> App {
    let (mut s, ids) = store();
    plan_meeting(&mut s, &ids);
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    app
}

/// The app over an empty in-memory database.
pub fn empty_app() -> App {
    pin_timezone();
    let s = Store::open_in_memory().expect("in-memory store");
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    app
}

/// Writes the fixture to a database file at `path`, including meetings (planned, live
/// and ended, with attendance, notes and action items), which only raw SQL can create.
pub fn write_db(path: &Path) -> Ids {
    pin_timezone();
    let ids = {
        let mut s = Store::open(path).expect("open fixture file");
        populate(&mut s)
    };
    let conn = rusqlite::Connection::open(path).expect("raw connection");
    let c = ids.club;
    let meetings: [(&str, &str, u32, &str); 4] = [
        (
            "Journal club: sepsis bundle",
            "2026-10-15T16:30:00Z",
            60,
            "ended",
        ),
        (
            "Journal club: early-warning scores",
            "2026-11-12T17:30:00Z",
            60,
            "ended",
        ),
        (
            "Journal club: peer observation plan",
            "2026-11-26T17:30:00Z",
            60,
            "planned",
        ),
        (
            "Journal club: falls prevention",
            "2026-12-10T17:30:00Z",
            75,
            "planned",
        ),
    ];
    for (title, when, minutes, status) in meetings {
        conn.execute(
            "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '2025-09-01T09:00:00.000Z')",
            rusqlite::params![c, title, when, minutes, status],
        )
        .expect("insert meeting");
        let mid = conn.last_insert_rowid();
        for (pos, item) in ["Check-in", "Critical interrogation", "Actions"]
            .iter()
            .enumerate()
        {
            conn.execute(
                "INSERT INTO agenda_item (meeting_id, position, kind, title, minutes)
                 VALUES (?1, ?2, 'open_discussion', ?3, 20)",
                rusqlite::params![mid, pos as i64, item],
            )
            .expect("insert agenda item");
        }
        if status == "ended" {
            for (name, _) in ids.members.iter().take(4) {
                conn.execute(
                    "INSERT INTO attendance (meeting_id, member_id, status) VALUES (?1, ?2, 'present')",
                    rusqlite::params![mid, ids.member(name)],
                )
                .expect("insert attendance");
            }
            conn.execute(
                "INSERT INTO note (meeting_id, body, created_at, updated_at)
                 VALUES (?1, 'Agreed to trial the checklist', ?2, ?2)",
                rusqlite::params![mid, when],
            )
            .expect("insert note");
            conn.execute(
                "INSERT INTO action_item (community_id, meeting_id, title, created_at)
                 VALUES (?1, ?2, 'Print the checklist', ?3)",
                rusqlite::params![c, mid, when],
            )
            .expect("insert action");
        }
    }
    ids
}

/// The app over a fixture database file in `dir` (with meetings), colours off.
pub fn file_app(dir: &Path) -> (App, Ids) {
    let path = dir.join("fixture.db");
    let ids = write_db(&path);
    let s = Store::open(&path).expect("reopen fixture file");
    let mut app = App::new(s, Box::new(clock()));
    app.set_color(false);
    (app, ids)
}

/// Turns a key script into key events. Characters are typed literally; `<…>` tokens name
/// keys: `<Enter> <Esc> <Tab> <S-Tab> <Up> <Down> <Left> <Right> <Home> <End> <PgUp>
/// <PgDn> <BS> <Del> <Space> <lt>` and `<C-x>` for Ctrl plus a letter.
pub fn keys(script: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let tok = &rest[1..end];
            out.push(token(tok).unwrap_or_else(|| panic!("unknown key token <{tok}>")));
            rest = &rest[end + 1..];
            continue;
        }
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        out.push(KeyEvent::new(KeyCode::Char(c), mods));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn token(tok: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    match tok {
        "Enter" | "CR" => plain(KeyCode::Enter),
        "Esc" => plain(KeyCode::Esc),
        "Tab" => plain(KeyCode::Tab),
        "S-Tab" => Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "Up" => plain(KeyCode::Up),
        "Down" => plain(KeyCode::Down),
        "Left" => plain(KeyCode::Left),
        "Right" => plain(KeyCode::Right),
        "Home" => plain(KeyCode::Home),
        "End" => plain(KeyCode::End),
        "PgUp" => plain(KeyCode::PageUp),
        "PgDn" => plain(KeyCode::PageDown),
        "BS" => plain(KeyCode::Backspace),
        "Del" => plain(KeyCode::Delete),
        "Space" => plain(KeyCode::Char(' ')),
        "lt" => plain(KeyCode::Char('<')),
        t if t.starts_with("C-") && t.chars().count() == 3 => {
            let c = t.chars().nth(2)?;
            Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
        }
        _ => None,
    }
}

/// Feeds a key script to the app, one key at a time.
pub fn press(app: &mut App, script: &str) {
    for k in keys(script) {
        app.on_key(k);
    }
}

/// Everything user-visible the store holds, as text, for "the store is unchanged" checks.
pub fn dump(store: &Store) -> String {
    let mut out = String::new();
    for c in store.communities(true).expect("communities") {
        out.push_str(&format!("{c:?}\n"));
        for m in store.members(c.id).expect("members") {
            out.push_str(&format!("  {m:?}\n"));
        }
        for g in store.goals(c.id).expect("goals") {
            out.push_str(&format!("  {g:?}\n"));
        }
        for t in store.leadership_history(c.id).expect("history") {
            out.push_str(&format!("  {t:?}\n"));
        }
    }
    out
}
