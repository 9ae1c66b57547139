//! Shared test fixture: one realistic community with a varied roster, a leader and goals,
//! plus an archived community; a fake clock at a fixed instant; and a compact key-script
//! helper (`press`) that turns `"n Ada<Tab><C-s>"` into key events.
//!
//! Every test binary includes this module and uses a different subset of it.
#![allow(dead_code)]

pub mod tmux;

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
        unsafe { std::env::set_var("TZ", "UTC") };
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
        .insert_community(&club_info(), at("2025-09-01T09:00:00Z"))
        .expect("insert club");
    let mut members = Vec::new();
    for m in MEMBERS {
        let id = store
            .insert_member(club, &profile(m), at(&format!("{}T09:00:00Z", m.joined)))
            .expect("insert member");
        members.push((m.name.to_string(), id));
    }
    let ids_tmp = Ids {
        club,
        archived: 0,
        members: members.clone(),
    };
    store
        .set_member_active(ids_tmp.member(INACTIVE), false, date("2026-06-30"))
        .expect("deactivate");
    store
        .save_community_with_leader(
            club,
            &club_info(),
            Some(NewLeader {
                member: ids_tmp.member(LEADER),
                role: LeaderRole::Leader,
                chosen_by: ChosenBy::Agreed,
            }),
            date("2025-09-15"),
        )
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
            .insert_goal(
                club,
                &GoalInfo {
                    title: title.into(),
                    success_measure: measure.into(),
                    target: Some(date(target)),
                    status,
                },
                at("2025-10-01T09:00:00Z"),
            )
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
        .insert_community(&archived_info, at("2024-01-10T09:00:00Z"))
        .expect("insert archived");
    store
        .insert_member(
            archived,
            &Profile {
                name: "Hugo Martins".into(),
                role: "pharmacist".into(),
                ..Profile::default()
            },
            at("2024-01-10T09:00:00Z"),
        )
        .expect("insert archived member");
    store
        .set_community_archived(archived, true, at("2025-06-01T09:00:00Z"))
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
    app.color = false;
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
        .create_meeting(
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
        .expect("plan a meeting")
}

/// [`app`] with one planned meeting of the club.
pub fn app_with_meeting() -> App {
    let (mut s, ids) = store();
    plan_meeting(&mut s, &ids);
    let mut app = App::new(s, Box::new(clock()));
    app.color = false;
    app
}

/// The app over an empty in-memory database.
pub fn empty_app() -> App {
    pin_timezone();
    let s = Store::open_in_memory().expect("in-memory store");
    let mut app = App::new(s, Box::new(clock()));
    app.color = false;
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
    app.color = false;
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

// ---------------------------------------------------------------------------------------
// Reliability helpers (crash trials, storage faults, hostile input, scale, privacy).

/// The screen at 80x24 as text.
pub fn screen(app: &App) -> String {
    roundtable::ui::app_to_text(app, 80, 24)
}

/// The status line's text ("" when there is none) and whether it is an error.
pub fn status(app: &App) -> (String, bool) {
    app.status
        .as_ref()
        .map_or((String::new(), false), |s| (s.text.clone(), s.is_error))
}

/// Starts the first planned meeting of the app's community from the Meetings screen
/// (attendance: everyone present) and gives the floor to the first speaker.
pub fn start_live(app: &mut App) {
    press(app, "4s<Enter>");
    assert!(app.meeting_is_live(), "a meeting is live:\n{}", screen(app));
    press(app, "<Space>");
}

/// A tmpfs mounted for one test; unmounted (lazily, so a busy mount never blocks)
/// when dropped.
pub struct Mount {
    pub path: std::path::PathBuf,
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.path)
            .status();
    }
}

/// Mounts a tmpfs of `kib` KiB at `dir/mnt`, or prints a visible SKIPPED line (with
/// why) and returns `None` where mounting is not permitted (not root, no CAP_SYS_ADMIN).
pub fn tmpfs(dir: &Path, kib: u32, test: &str) -> Option<Mount> {
    let path = dir.join("mnt");
    std::fs::create_dir_all(&path).expect("mount point");
    let out = std::process::Command::new("mount")
        .args([
            "-t",
            "tmpfs",
            "-o",
            &format!("size={kib}k,mode=0700"),
            "tmpfs",
        ])
        .arg(&path)
        .output();
    match out {
        Ok(o) if o.status.success() => Some(Mount { path }),
        Ok(o) => {
            eprintln!(
                "SKIPPED {test}: cannot mount a tmpfs here ({})",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            None
        }
        Err(e) => {
            eprintln!("SKIPPED {test}: cannot run mount ({e})");
            None
        }
    }
}

/// Remounts a tmpfs read-only (or read-write again).
pub fn remount(m: &Mount, read_only: bool) {
    let opt = if read_only {
        "remount,ro"
    } else {
        "remount,rw"
    };
    let out = std::process::Command::new("mount")
        .args(["-o", opt])
        .arg(&m.path)
        .output()
        .expect("run mount");
    assert!(
        out.status.success(),
        "mount -o {opt}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fills the file system holding `dir` with a filler file until it is full; returns
/// the filler (delete it to free the space).
pub fn fill_disk(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).expect("create the filler");
    let block = vec![0u8; 64 * 1024];
    loop {
        if f.write_all(&block).is_err() {
            break;
        }
    }
    // Also the last few bytes.
    while f.write_all(&[0u8; 512]).is_ok() {}
    while f.write_all(&[0u8]).is_ok() {}
    let _ = f.sync_all();
    filler
}

/// Every file in `dir` with its bytes, for "nothing changed" checks.
pub fn files_in(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

/// Form fields that take free text (the others parse: dates, minutes, cadence…).
pub const FREE_TEXT: &[&str] = &[
    "name",
    "purpose",
    "place",
    "role",
    "brings",
    "hopes",
    "learning_style",
    "strengths",
    "growth_areas",
    "title",
    "success_measure",
    "leader_notes",
    "description",
    "prompt",
    "topic",
];

/// Fills every free-text field of the open form with `text(key)`, pasted as a terminal
/// pastes (or, with `typed`, key by key), moving with Tab as a leader does; leaves the
/// fields that parse as they are. Returns the keys filled.
pub fn fill_form(app: &mut App, text: impl Fn(&str) -> String, typed: bool) -> Vec<&'static str> {
    use roundtable::app::Overlay;
    use roundtable::app::form::Input;
    let fields: Vec<(&'static str, bool)> = match &app.overlay {
        Overlay::Form(f) => f
            .fields
            .iter()
            .map(|x| (x.key, matches!(x.input, Input::Text { .. })))
            .collect(),
        _ => panic!("no form is open:\n{}", screen(app)),
    };
    let start = match &app.overlay {
        Overlay::Form(f) => f.focus,
        _ => 0,
    };
    let mut filled = Vec::new();
    for i in 0..fields.len() {
        let (key, is_text) = fields[(start + i) % fields.len()];
        if is_text && FREE_TEXT.contains(&key) {
            let t = text(key);
            if typed {
                for c in t.chars() {
                    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
            } else {
                app.on_paste(&t);
            }
            filled.push(key);
        }
        press(app, "<Tab>");
    }
    filled
}

/// Draws the app into a real terminal backend writing to memory: the exact bytes a
/// terminal would receive for this frame (cursor moves, styles and text).
pub fn raw_frame(app: &App, width: u16, height: u16) -> Vec<u8> {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::sync::{Arc, Mutex};

    /// A writer whose bytes stay readable after the backend owns it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("not poisoned").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport }).expect("terminal");
    terminal
        .draw(|f| roundtable::ui::draw(f, app))
        .expect("draw");
    drop(terminal);
    out.0.lock().expect("not poisoned").clone()
}

/// The app over the database file at `path` (colours off, the fixed clock).
pub fn open_app(path: &Path) -> App {
    pin_timezone();
    let s = Store::open(path).expect("open the database file");
    let mut app = App::new(s, Box::new(clock()));
    app.color = false;
    app
}

/// What a property test starts from.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    Empty,
    Fixture,
    /// The fixture plus a planned meeting.
    WithMeeting,
    /// That meeting started, on its round-robin item, the first speaker talking.
    LiveRound,
}

/// A database file for one property-test case, in memory-backed storage where the
/// machine has it (`/dev/shm`: commits need no disk flush), removed when dropped.
pub struct CaseDb {
    _dir: tempfile::TempDir,
}

/// The bytes of a closed database file holding what `start` needs (built once per test
/// binary: creating a store seeds the icebreaker library, which takes a while).
fn template(start: Start) -> &'static [u8] {
    use std::sync::OnceLock;
    static EMPTY: OnceLock<Vec<u8>> = OnceLock::new();
    static FIXTURE: OnceLock<Vec<u8>> = OnceLock::new();
    static MEETING: OnceLock<Vec<u8>> = OnceLock::new();
    let (cell, meeting) = match start {
        Start::Empty => (&EMPTY, None),
        Start::Fixture => (&FIXTURE, Some(false)),
        Start::WithMeeting | Start::LiveRound => (&MEETING, Some(true)),
    };
    cell.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("template.db");
        {
            let mut s = Store::open(&path).expect("template store");
            if let Some(with_meeting) = meeting {
                let ids = populate(&mut s);
                if with_meeting {
                    plan_meeting(&mut s, &ids);
                }
            }
        }
        std::fs::read(&path).expect("read the template")
    })
}

/// The app for `start` on its own database file, with a handle on its (fake) clock to
/// move time on.
pub fn app_at(start: Start) -> (App, FakeClock, CaseDb) {
    pin_timezone();
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).or_else(|_| tempfile::tempdir())
    } else {
        tempfile::tempdir()
    }
    .expect("temp dir");
    let path = dir.path().join("case.db");
    std::fs::write(&path, template(start)).expect("write the case database");
    let clock = clock();
    let store = Store::open(&path).expect("open the case database");
    let mut app = App::new(store, Box::new(clock.clone()));
    app.color = false;
    if matches!(start, Start::LiveRound) {
        press(&mut app, "4s<Enter>]<Space>");
        assert!(app.meeting_is_live(), "{}", screen(&app));
    }
    (app, clock, CaseDb { _dir: dir })
}

/// Every timer of the meeting on screen (live or reviewed) is zero or more: the
/// meeting, each item, each turn, the downtime and each member's airtime.
pub fn timers_not_negative(app: &App) -> Result<(), String> {
    let now = app.now();
    for l in [app.live.as_ref(), app.review.as_ref()]
        .into_iter()
        .flatten()
    {
        let zero = chrono::Duration::zero();
        let mut bad = Vec::new();
        if l.meeting_countdown(now).elapsed < zero {
            bad.push("the meeting".to_string());
        }
        if l.downtime(now) < zero {
            bad.push("the downtime".into());
        }
        for item in &l.items {
            if l.item_elapsed(item, now) < zero {
                bad.push(format!("item {}", item.item.id));
            }
            for (_, t) in l.turns.iter().filter(|(i, _)| *i == item.item.id) {
                if l.turn_countdown(item, t, now).elapsed < zero {
                    bad.push(format!("turn {}", t.id));
                }
            }
        }
        for a in l.participation(now).rows {
            if a.spoken < zero {
                bad.push(format!("airtime of {}", a.member));
            }
        }
        if !bad.is_empty() {
            return Err(format!("negative timers: {bad:?}"));
        }
    }
    Ok(())
}

/// What the screen shows before and after every screen's data is re-read from the
/// store (with the status line, which a reload may set, left out).
pub fn screen_matches_store(app: &mut App) -> Result<(), String> {
    let strip = |s: String| -> String {
        let lines: Vec<&str> = s.lines().collect();
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i + 2 != n)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let before = strip(screen(app));
    app.refresh();
    let after = strip(screen(app));
    if before == after {
        Ok(())
    } else {
        Err(format!(
            "the screen showed what the store does not hold:\n{before}\n--- after a reload ---\n{after}"
        ))
    }
}
