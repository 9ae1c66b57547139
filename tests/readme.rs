//! The README stays true (issue 12): its tour is what `scripts/readme-tour.sh` draws now
//! with this build, and the completions and man page commands it documents work.
// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_roundtable");

/// `roundtable ARGS` in a private home; stdout, after checking it succeeded.
fn stdout_of(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(args)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .env_remove("ROUNDTABLE_DB")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {err}");
    assert!(err.is_empty(), "{args:?}: {err}");
    // Nothing was created for a command that needs no database.
    assert_eq!(
        std::fs::read_dir(home.path()).unwrap().count(),
        0,
        "{args:?}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_readme_tour_is_what_the_script_draws_now() {
    let out = Command::new("bash")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/readme-tour.sh"
        ))
        .arg("--check")
        .env("ROUNDTABLE", BIN)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The captures are there, not just the markers.
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (marker, shows) in [
        ("<!-- tour:plan -->", "Cycle 5: Handover of falls risk"),
        ("<!-- tour:live -->", "LIVE"),
        ("<!-- tour:review -->", "History"),
    ] {
        let at = readme.find(marker).unwrap();
        let body = &readme[at..];
        let end = body.find("<!-- /tour:").unwrap();
        assert!(body[..end].contains(shows), "{marker} shows {shows}");
    }
}

#[test]
fn completions_name_every_subcommand_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout_of(&["completions", shell]);
        for sub in ["demo", "roster", "export", "render", "completions", "man"] {
            assert!(script.contains(sub), "{shell} completions lack {sub}");
        }
    }
    // bash's script defines its function; fish's its `complete -c` lines.
    assert!(stdout_of(&["completions", "bash"]).contains("_roundtable()"));
    assert!(stdout_of(&["completions", "fish"]).contains("complete -c roundtable"));
    assert!(stdout_of(&["completions", "zsh"]).starts_with("#compdef roundtable"));
}

#[test]
fn the_man_page_is_roff_naming_every_subcommand() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH roundtable 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in ["demo", "roster", "export", "render", "completions", "man"] {
        assert!(page.contains(sub), "the man page lacks {sub}");
    }
}

#[test]
fn demo_live_and_render_now_draw_the_same_instant_every_time() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path())
            .env("TZ", "UTC")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let now = "2026-03-05T17:44:00Z";
    run(&["demo", "--live", "--now", now]);
    // Nine minutes into the meeting, on the leader's screen and on the shared one.
    let live = run(&["render", "live", "--now", now]);
    assert!(live.contains("LIVE 17:44  9:00 / 1:30:00"), "{live}");
    let shared = run(&["render", "present", "--now", now]);
    assert!(shared.contains("shared screen · 17:44"), "{shared}");
    assert!(shared.contains("LIVE 9:00 / 1:30:00"), "{shared}");
    assert_eq!(run(&["render", "present", "--now", now]), shared);
}
