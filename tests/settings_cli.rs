//! `roundtable config path|show|edit|keys` and the settings file reaching `render`,
//! through the real binary, with a private home (the user's settings are never read).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::{BIN, ok};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `roundtable ARGS…` with `HOME` here, no XDG folders and no `ROUNDTABLE_*`.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("HOME", self.dir.path())
            .env_remove("XDG_CONFIG_HOME")
            .env("XDG_DATA_HOME", self.path("data"))
            .env_remove("ROUNDTABLE_CONFIG")
            .env_remove("ROUNDTABLE_DB")
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("TZ", "UTC");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// A settings file here with `text`.
    fn settings(&self, text: &str) -> PathBuf {
        let p = self.path("settings.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    /// An executable script here.
    fn script(&self, name: &str, body: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        p
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn config_path_is_the_config_folders_unless_told() {
    let h = Home::new();
    let out = ok(&h.run(&["config", "path"]));
    let expected = h.path(".config/roundtable/settings.toml");
    assert_eq!(out.trim(), expected.display().to_string());
    let out = ok(&h.run(&["--config", "/x/mine.toml", "config", "path"]));
    assert_eq!(out.trim(), "/x/mine.toml");
    let out = ok(&h
        .cmd(&["config", "path"])
        .env("ROUNDTABLE_CONFIG", "/y/env.toml")
        .output()
        .unwrap());
    assert_eq!(out.trim(), "/y/env.toml");
    // Asking created nothing: no data folder, no config folder.
    assert!(!h.path("data").exists() && !h.path(".config").exists());
}

#[test]
fn config_show_says_where_each_setting_came_from() {
    let h = Home::new();
    let out = ok(&h.run(&["config", "show"]));
    assert!(out.contains("not there"), "{out}");
    assert!(out.contains("turn-time = \"2:00\""), "{out}");
    assert!(out.contains("# no problems"), "{out}");
    assert_eq!(out.matches("# default").count(), 7, "{out}");

    let file = h.settings(
        "turn-time = 3\n\ntheme = \"pink\"\n[keys]\nquit = \"Ctrl-q\"\n\
         [community.\"Ward 4 nurses\"]\ntemplate = \"Check-in\"\n",
    );
    let out = ok(&h.run(&["--config", s(&file), "config", "show"]));
    assert!(out.contains("turn-time = \"3:00\""), "{out}");
    assert!(out.contains("# file line 1"), "{out}");
    assert!(out.contains("theme = \"dark\""), "{out}");
    assert!(
        out.contains("line 3: `theme = \"pink\"` is not a theme"),
        "{out}"
    );
    assert!(out.contains("quit = [\"Ctrl-Q\"]"), "{out}");
    assert!(out.contains("# file line 5"), "{out}");
    assert!(out.contains("[community.\"Ward 4 nurses\"]"), "{out}");
    assert!(out.contains("1 problem(s)"), "{out}");
    // --theme (or ROUNDTABLE_THEME) wins over the file, and show says where it came from.
    let out = ok(&h.run(&["--config", s(&file), "--theme", "light", "config", "show"]));
    let line = out.lines().find(|l| l.starts_with("theme =")).unwrap_or("");
    assert!(
        line.contains("\"light\"") && line.contains("# command line"),
        "{out}"
    );
}

#[test]
fn config_show_names_the_databases_speaking_order() {
    let h = Home::new();
    let db = h.path("r.db");
    {
        common::write_db(&db);
        let mut store = roundtable::store::Store::open(&db).unwrap();
        store
            .write(|tx| tx.set_setting(roundtable::app::live::DEFAULT_ORDER, "rotate"))
            .unwrap();
    }
    let file = h.settings("speaking-order = \"least-heard\"\n");
    let out = ok(&h.run(&["--db", s(&db), "--config", s(&file), "config", "show"]));
    assert!(out.contains("speaking-order = \"rotate\""), "{out}");
    assert!(out.contains("# database"), "{out}");
    assert!(out.contains("\"least-heard\" on line 1"), "{out}");
}

#[test]
fn a_file_that_is_not_toml_is_reported_with_its_line() {
    let h = Home::new();
    let file = h.settings("theme = \"light\"\nnot toml at all\n");
    let out = ok(&h.run(&["--config", s(&file), "config", "show"]));
    assert!(out.contains("line 2: the file is not valid TOML"), "{out}");
    assert!(out.contains("theme = \"dark\""), "{out}");
}

#[test]
fn problems_are_printed_inert() {
    let h = Home::new();
    let file = h.settings("\"\\u001b]0;pwned\\u0007\" = 1\n");
    let out = h.run(&["--config", s(&file), "config", "show"]);
    let text = ok(&out);
    assert!(!out.stdout.contains(&0x1b), "{text}");
    assert!(text.contains("unknown setting"), "{text}");
}

#[test]
fn config_edit_creates_the_file_opens_the_editor_and_checks_it() {
    let h = Home::new();
    let file = h.path("conf/settings.toml");
    // The editor sees the commented template, then writes a setting.
    let editor = h.script(
        "ed.sh",
        "grep -q '# turn-time' \"$1\" || exit 3\nprintf 'theme = \"light\"\\n' > \"$1\"",
    );
    let out = ok(&h
        .cmd(&["--config", s(&file), "config", "edit"])
        .env("EDITOR", &editor)
        .output()
        .unwrap());
    assert!(out.contains("created"), "{out}");
    assert!(out.contains("no problems"), "{out}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "theme = \"light\"\n"
    );

    // $VISUAL comes first; a problem left in the file is listed and exits 1.
    let bad = h.script("bad.sh", "printf 'meeting-length = 2\\n' > \"$1\"");
    let out = h
        .cmd(&["--config", s(&file), "config", "edit"])
        .env("VISUAL", &bad)
        .env("EDITOR", "false")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("line 1: `meeting-length = 2`"), "{stdout}");
    assert!(!stdout.contains("created"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 problem(s)"));
}

#[test]
fn an_editor_that_fails_is_said() {
    let h = Home::new();
    let file = h.path("settings.toml");
    let out = h
        .cmd(&["--config", s(&file), "config", "edit"])
        .env("EDITOR", "false")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("failed (exit status 1)"), "{err}");
}

#[test]
fn config_keys_lists_every_action_with_its_keys() {
    let h = Home::new();
    let out = ok(&h.run(&["config", "keys"]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("next-speaker") && l.contains("Space")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("go-to-roster")), "{out}");
    let file = h.settings("[keys]\nnext-speaker = \"F5\"\n");
    let out = ok(&h.run(&["--config", s(&file), "config", "keys"]));
    let line = out.lines().find(|l| l.starts_with("next-speaker")).unwrap();
    assert!(line.contains("F5") && !line.contains("Space"), "{line}");
}

#[test]
fn render_uses_the_settings_file() {
    let h = Home::new();
    let db = h.path("r.db");
    common::write_db(&db);
    let file = h.settings("[keys]\nquit = \"Ctrl-q\"\n");
    let out = ok(&h.run(&[
        "--db",
        s(&db),
        "--config",
        s(&file),
        "render",
        "communities",
    ]));
    assert!(out.contains("Ctrl-Q quit"), "{out}");
    let out = ok(&h.run(&["--db", s(&db), "render", "communities"]));
    assert!(out.contains("q quit") && !out.contains("Ctrl-Q"), "{out}");
    // A bad key file is said on the screen's status line, and the screen still renders.
    let bad = h.settings("turn-time = \"soon\"\n");
    let out = ok(&h.run(&["--db", s(&db), "--config", s(&bad), "render", "communities"]));
    assert!(out.contains("line 1"), "{out}");
}
