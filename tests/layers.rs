//! The layers point one way (see ARCHITECTURE.md): `cli` → `tui` → `ui` → `app` →
//! `store` → `domain`. The compiler keeps `ui` off the store (`App`'s fields are private
//! and `ui` only holds `&App`); this test keeps every module from naming a layer above
//! it, the system clock or the wall time, by reading the sources (comments aside).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read source dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {}", dir.display());
    out
}

/// The lines of `path` that are code (comment lines left out), with their numbers.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    std::fs::read_to_string(path)
        .expect("read source")
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// Fails with every line under `src/<module>` that names one of `banned`.
fn must_not_name(module: &str, banned: &[&str]) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let dir = root.join(module);
    let files = if dir.is_dir() {
        sources(&dir)
    } else {
        vec![root.join(format!("{module}.rs"))]
    };
    let mut found = Vec::new();
    for file in files {
        for (n, line) in code_lines(&file) {
            for b in banned {
                if line.contains(b) {
                    found.push(format!(
                        "{}:{n}: names `{b}`: {}",
                        file.display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{module} reaches the wrong way:\n{}",
        found.join("\n")
    );
}

const WALL_TIME: [&str; 4] = ["SystemClock", "Utc::now", "Local::now", "SystemTime"];

#[test]
fn ui_names_neither_the_store_the_command_line_nor_the_clock() {
    let mut banned = vec!["crate::store", "crate::cli", "crate::tui", "Store"];
    banned.extend(WALL_TIME);
    must_not_name("ui", &banned);
}

#[test]
fn app_names_no_layer_above_it_and_reads_time_from_its_clock() {
    let mut banned = vec!["crate::ui", "crate::cli", "crate::tui"];
    banned.extend(WALL_TIME);
    must_not_name("app", &banned);
}

#[test]
fn tui_does_not_call_back_into_the_command_line() {
    must_not_name("tui", &["crate::cli"]);
}

#[test]
fn store_and_domain_know_nothing_of_the_app_or_the_screen() {
    let above = ["crate::app", "crate::ui", "crate::cli", "crate::tui"];
    must_not_name("store", &above);
    let mut domain = above.to_vec();
    domain.push("crate::store");
    must_not_name("domain", &domain);
}

/// Domain is given the time zone (History, Search and the forms pass `chrono::Local`):
/// it never names the system's zone itself.
#[test]
fn domain_reads_no_time_zone_of_its_own() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut found = Vec::new();
    for file in sources(&dir) {
        for (n, line) in code_lines(&file) {
            let mut words = line.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            if words.any(|w| w == "Local") {
                found.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn settings_are_plain_values_and_only_cli_and_tui_read_the_file() {
    // Settings (issue 12): `settings` sits beside `domain`; the file is read at the edge.
    must_not_name(
        "settings",
        &[
            "crate::app",
            "crate::ui",
            "crate::cli",
            "crate::tui",
            "crate::store",
        ],
    );
    must_not_name("app", &["settings::file"]);
    must_not_name("ui", &["settings::file"]);
}
