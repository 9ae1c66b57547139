//! The shared screen (`roundtable present`): it follows the live meeting another
//! connection writes, shows nothing private, works headless (`render present`), and in a
//! real terminal follows the leader's app from a second process without its lock.

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::Duration;
use common::*;
use roundtable::app::present::Presenter;
use roundtable::app::{App, Command, Screen};
use roundtable::domain::note::NoteKind;
use roundtable::domain::{Clock, FakeClock};
use roundtable::store::Store;
use roundtable::ui::present::present_to_text;
use std::path::Path;
use std::process::Command as Process;
use std::time::{Duration as StdDuration, Instant};

const SECRET_NOTE: &str = "Ben seemed upset about the rota";

/// Every private profile field of the fixture's members (hopes, styles, …).
fn private_fields(store: &Store, ids: &Ids) -> Vec<String> {
    let mut out = Vec::new();
    for m in store.members(ids.club).unwrap() {
        let p = &m.profile;
        for f in [
            &p.brings,
            &p.hopes,
            &p.learning_style,
            &p.strengths,
            &p.growth_areas,
            &p.role,
        ] {
            for line in f.lines().filter(|l| l.len() > 3) {
                out.push(line.to_string());
            }
        }
    }
    out
}

/// A live meeting in a file written by the app: a round with Amara speaking, a raised
/// hand, a decision with a consent check, a private note and an open action.
fn meeting_in_file(path: &Path, clock: &FakeClock) -> (App, Ids) {
    pin_timezone();
    let mut store = Store::open(path).unwrap();
    let ids = populate(&mut store);
    plan_meeting(&mut store, &ids);
    let mut app = App::new(store, Box::new(clock.clone()));
    app.set_color(false);
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    app.handle(Command::NextSpeaker);
    clock.advance(Duration::seconds(70));
    // A private note and an action about the speaker; a group decision.
    press(&mut app, &format!("n{SECRET_NOTE}<Enter>"));
    app.handle(Command::Note);
    while !matches!(app.overlay(), roundtable::app::Overlay::Note(n) if n.kind == NoteKind::Decision)
    {
        app.handle(Command::NoteKind);
    }
    press(&mut app, "Read the tool's validation study first<Enter>");
    app.handle(Command::ConsentCheck);
    press(&mut app, "<C-u>Warm-up<C-s>55543<C-s>");
    // Grace raises a hand.
    app.handle(Command::RaiseHand);
    while !matches!(app.overlay(), roundtable::app::Overlay::Choose(c)
        if c.options[c.selected].0 == "Grace Lin")
    {
        app.handle(Command::Down);
    }
    press(&mut app, "<Enter>");
    clock.advance(Duration::seconds(15));
    // The app is alive: it records so every second (the shared screen stops the
    // clocks of an app that stopped doing so).
    app.tick();
    (app, ids)
}

#[test]
fn the_shared_screen_follows_the_meeting_and_shows_nothing_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    let clock = clock();
    let (mut app, ids) = meeting_in_file(&path, &clock);
    let mut room = Presenter::new(
        Store::open_read_only(&path).unwrap(),
        Box::new(clock.clone()),
    );
    assert!(room.refresh().unwrap(), "the first read");
    assert!(
        !room.refresh().unwrap(),
        "nothing changed: nothing is re-read"
    );
    let view = room.view().unwrap();
    assert_eq!(view.speaking.as_ref().unwrap().0, LEADER);
    assert_eq!(view.hands, ["Grace Lin"]);
    assert_eq!(
        view.next.as_deref(),
        Some("Grace Lin"),
        "a raised hand speaks next"
    );
    assert_eq!(view.decisions.len(), 2, "{:?}", view.decisions);
    assert!(
        view.agreements.is_empty(),
        "the community keeps no agreements yet"
    );

    let private = private_fields(app.store_mut(), &ids);
    assert!(private.len() > 10);
    for (w, h) in [(80, 24), (200, 60)] {
        let text = present_to_text(Some(&view), room.now(), w, h);
        screen::assert_screen("present", &text, w, h);
        for p in &private {
            assert!(!text.contains(p.as_str()), "{p:?} is private:\n{text}");
        }
        assert!(
            !text.contains(SECRET_NOTE),
            "an ordinary note is not shared:\n{text}"
        );
        assert!(!text.contains("Cue card"), "{text}");
        assert!(
            text.contains("Read the tool's validation study first"),
            "{text}"
        );
        insta::assert_snapshot!(format!("present_{w}x{h}"), text);
    }

    // The app writes; the room follows.
    app.handle(Command::NextSpeaker);
    assert!(
        room.refresh().unwrap(),
        "another connection's commit is noticed"
    );
    assert_eq!(room.view().unwrap().speaking.unwrap().0, "Grace Lin");
    app.handle(Command::EndMeeting);
    app.handle(Command::Yes);
    assert!(room.refresh().unwrap());
    assert!(!room.is_live());
    let text = present_to_text(room.view().as_ref(), room.now(), 80, 24);
    assert!(text.contains("No meeting is live"), "{text}");
}

/// A minimal private tmux server (its own socket), killed when dropped.
struct Tmux(String, tempfile::TempDir);

impl Tmux {
    fn new() -> Self {
        assert!(
            Process::new("tmux")
                .arg("-V")
                .output()
                .is_ok_and(|o| o.status.success()),
            "tmux is required for this test but was not found on PATH: install it \
             (`apt-get install tmux`; .ci/run does)"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("tmux.conf"),
            "set -g status off\nset -g remain-on-exit on\nset -g escape-time 0\n",
        )
        .unwrap();
        Self(format!("roundtable-present-{}", std::process::id()), dir)
    }
    fn cmd(&self, args: &[&str]) -> String {
        let out = Process::new("tmux")
            .args(["-L", &self.0, "-f"])
            .arg(self.1.path().join("tmux.conf"))
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-J", "-t", "room"])
    }
    fn wait_for(&self, text: &str, within: StdDuration) -> StdDuration {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < within,
                "no {text:?} within {within:?}:\n{s}"
            );
            std::thread::sleep(StdDuration::from_millis(20));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Process::new("tmux")
            .args(["-L", &self.0, "kill-server"])
            .output();
    }
}

#[test]
fn present_in_a_second_process_follows_the_app_without_its_lock() {
    let tmux = Tmux::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    pin_timezone();
    {
        let mut store = Store::open(&path).unwrap();
        let ids = populate(&mut store);
        plan_meeting(&mut store, &ids);
    }
    // The leader's app holds the one-instance lock the whole time.
    let (store, _lock) = Store::open_exclusive(&path).unwrap();
    let clock = roundtable::domain::SystemClock;
    let mut app = App::new(store, Box::new(clock));
    app.set_color(false);
    let cmd = format!(
        "env TZ=UTC NO_COLOR=1 TERM=xterm-256color {} present --db {}",
        env!("CARGO_BIN_EXE_roundtable"),
        path.display()
    );
    tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "room",
        "-x",
        "80",
        "-y",
        "24",
        &cmd,
    ]);
    tmux.wait_for("No meeting is live", StdDuration::from_secs(10));

    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    let started = tmux.wait_for(
        "Journal club: delirium screening",
        StdDuration::from_secs(5),
    );
    app.handle(Command::NextSpeaker);
    let spoke = tmux.wait_for("Speaking: Amara Okafor", StdDuration::from_secs(5));
    eprintln!("present followed: meeting start in {started:?}, next speaker in {spoke:?}");
    assert!(spoke < StdDuration::from_millis(2500), "{spoke:?}");
    assert!(
        !tmux.screen().contains("talks it through"),
        "a private field"
    );
    tmux.cmd(&["send-keys", "-t", "room", "q"]);
    let start = Instant::now();
    while !tmux
        .cmd(&["list-panes", "-t", "room", "-F", "#{pane_dead}"])
        .starts_with('1')
    {
        assert!(start.elapsed() < StdDuration::from_secs(5), "q quits");
        std::thread::sleep(StdDuration::from_millis(20));
    }
}

#[test]
fn render_present_works_headless() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    let clock = clock();
    let _app = meeting_in_file(&path, &clock);
    let out = Process::new(env!("CARGO_BIN_EXE_roundtable"))
        .args([
            "render", "present", "--width", "100", "--height", "30", "--db",
        ])
        .arg(&path)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Decisions (2)"), "{text}");
    assert!(text.contains("Hands up: ✋ Grace Lin"), "{text}");
    assert!(!text.contains(SECRET_NOTE), "{text}");
}

/// The projector is often switched on before the leader opens the app: the shared screen
/// opened on a file nobody has open (no `-wal`) still follows the meeting started after.
#[test]
fn the_shared_screen_opened_before_the_app_still_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    pin_timezone();
    {
        let mut store = Store::open(&path).unwrap();
        let ids = populate(&mut store);
        plan_meeting(&mut store, &ids);
    }
    assert!(
        !dir.path().join("club.db-wal").exists(),
        "nobody has the file open"
    );
    let clock = clock();
    let mut room = Presenter::new(
        Store::open_read_only(&path).unwrap(),
        Box::new(clock.clone()),
    );
    room.refresh().unwrap();
    assert!(!room.is_live());

    let mut app = App::new(Store::open(&path).unwrap(), Box::new(clock.clone()));
    press(&mut app, "<Enter>");
    app.handle(Command::GoTo(Screen::Meetings));
    app.handle(Command::StartMeeting);
    app.handle(Command::OpenLive);
    assert!(app.live().is_running());
    room.refresh().unwrap();
    assert!(room.is_live(), "the meeting started after the room opened");
}

/// The shared screen reads the wall clock between seconds; like the leader's screen it
/// counts whole seconds, so "elapsed" and "left" always add up to the timebox.
#[test]
fn the_shared_screen_counts_whole_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    let clock = clock();
    let (_app, _) = meeting_in_file(&path, &clock);
    clock.advance(Duration::milliseconds(600));
    let room = {
        let mut r = Presenter::new(
            Store::open_read_only(&path).unwrap(),
            Box::new(clock.clone()),
        );
        r.refresh().unwrap();
        r
    };
    assert_eq!(room.now().timestamp_subsec_nanos(), 0, "{}", room.now());
    let view = room.view().unwrap();
    for c in std::iter::once(view.meeting_clock).chain(view.agenda.iter().map(|i| i.clock)) {
        assert_eq!(c.elapsed.subsec_nanos(), 0, "{c:?}");
    }
    let text = present_to_text(Some(&view), room.now(), 80, 24);
    assert!(text.contains(" 1:25 / "), "{text}");
}

/// While the leader's app is closed or crashed, the shared screen does not run the
/// clocks on (the speaker "going over" for minutes the resume then takes back): they
/// stay where the app left them, and it says it waits for the leader. Once the app
/// resumes, both screens show the same clocks (r9 trial F28).
#[test]
fn while_the_leaders_app_is_away_the_shared_screen_waits_with_the_clocks_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    let clock = clock();
    let (app, _) = meeting_in_file(&path, &clock);
    // The app was alive until now (its heartbeat), then stops: closed, or killed.
    let left_at = clock.now();
    let mut room = Presenter::new(
        Store::open_read_only(&path).unwrap(),
        Box::new(clock.clone()),
    );
    room.refresh().unwrap();
    let alive = room.view().unwrap();
    assert_eq!(alive.waiting_since, None);
    drop(app);
    // A moment without a heartbeat is not yet "away".
    clock.advance(Duration::seconds(3));
    room.refresh().unwrap();
    let view = room.view().unwrap();
    assert_eq!(view.waiting_since, None);
    assert!(view.meeting_clock.elapsed > alive.meeting_clock.elapsed);
    // Minutes later, the clocks are where the app left them.
    clock.advance(Duration::minutes(7));
    room.refresh().unwrap();
    let away = room.view().unwrap();
    assert_eq!(away.waiting_since, Some(left_at));
    assert_eq!(away.meeting_clock, alive.meeting_clock);
    assert_eq!(away.agenda, alive.agenda);
    assert_eq!(away.speaking, alive.speaking);
    let text = present_to_text(Some(&away), room.now(), 80, 24);
    let since = roundtable::settings::Dates::default().time(left_at);
    assert!(
        text.contains(&format!("waiting for the leader since {since}")),
        "{text}"
    );
    assert!(!text.contains("over by"), "{text}");

    // The leader reopens the app and resumes: the time away is not counted, so its
    // clocks and the shared screen's agree, and the shared screen runs again.
    let mut app = App::new(Store::open(&path).unwrap(), Box::new(clock.clone()));
    app.handle(Command::Yes);
    assert_eq!(app.screen(), Screen::Live, "resumed");
    room.refresh().unwrap();
    let back = room.view().unwrap();
    assert_eq!(back.waiting_since, None);
    assert_eq!(back.meeting_clock, alive.meeting_clock);
    assert_eq!(back.speaking, alive.speaking);
    let l = app.live().meeting.as_ref().unwrap();
    assert_eq!(l.meeting_countdown(clock.now()), back.meeting_clock);
}

/// `render live` of a meeting whose app is away shows the same: clocks stopped at the
/// app's last sign of life, and who it waits for.
#[test]
fn render_live_while_the_leaders_app_is_away_shows_the_clocks_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("club.db");
    let clock = clock();
    let (app, _) = meeting_in_file(&path, &clock);
    let left_at = clock.now();
    drop(app);
    let render = |at| {
        let target = roundtable::cli::RenderTarget {
            screen: roundtable::cli::RenderScreen(Some(Screen::Live)),
            community: None,
            meeting: None,
            look: roundtable::app::Appearance::default(),
            color: false,
            now: Some(at),
            member: None,
            query: None,
        };
        roundtable::cli::render_text(Store::open_read_only(&path).unwrap(), &target, 100, 30)
            .unwrap()
    };
    let alive = render(left_at);
    let away = render(left_at + Duration::minutes(7));
    let since = roundtable::settings::Dates::default().time(left_at);
    assert!(
        away.contains(&format!("waiting for the leader since {since}")),
        "{away}"
    );
    // The wall clock is not printed beside it, as a second "since" (review r9).
    let wall = roundtable::settings::Dates::default().time(left_at + Duration::minutes(7));
    assert!(!away.contains(&format!("{since} {wall}")), "{away}");
    assert!(!alive.contains("waiting for the leader"), "{alive}");
    // Every clock on the screen ("1:25 / 5:00") is the one shown when the app left.
    let clocks = |text: &str| -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        (1..words.len().saturating_sub(1))
            .filter(|&i| words[i] == "/")
            .map(|i| format!("{} / {}", words[i - 1], words[i + 1]))
            .collect()
    };
    assert!(!clocks(&alive).is_empty(), "{alive}");
    assert_eq!(clocks(&away), clocks(&alive), "{away}");
    assert!(!away.contains("OVER"), "{away}");
}
