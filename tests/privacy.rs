//! Privacy: every file Roundtable writes personal data into ends 0600 (a test per
//! writer, run under `umask 000` so the mode cannot come from the caller's umask); no
//! networking crate in the dependency tree and no networking in the source; SQL is only
//! ever built from fixed identifiers, never from values; and `export json --redact`
//! gives a dump that can be shared (pseudonyms, no private profile fields).

// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::tmux::{self, Tmux};
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const DEMO: &str = "Ward 7 Nursing Practice Circle";

/// Runs `roundtable --db DB args…` with the most permissive umask; must succeed.
#[track_caller]
fn run_umask_0(db: &Path, args: &[&str]) -> String {
    let mut line = format!(
        "umask 000; exec {} --db {}",
        tmux::quote(tmux::BIN),
        tmux::quote(db.to_str().expect("utf-8"))
    );
    for a in args {
        line.push(' ');
        line.push_str(&tmux::quote(a));
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg(&line)
        .env("TZ", "UTC")
        .output()
        .expect("run sh");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The database and every companion that exists: each 0600.
#[track_caller]
fn assert_owner_only_db(db: &Path) {
    let mut seen = 0;
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if p.exists() {
            seen += 1;
            assert_eq!(mode(&p), 0o600, "{}", p.display());
        }
    }
    // The lock lives in a private folder elsewhere; the WAL files exist only while a
    // connection is open, so the database itself is all a finished command must leave.
    assert!(db.exists() && seen >= 1, "the database was checked");
}

#[test]
fn demo_creates_its_folder_0700_and_its_files_0600() {
    // Only the default data folder is ever created (a `--db` in a missing folder is a
    // typo, refused): run without `--db`, with the data home in a temporary folder.
    let dir = tempfile::tempdir().expect("temp dir");
    let data_home = dir.path().join("data");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask 000; exec {} demo", tmux::quote(tmux::BIN)))
        .env_remove("ROUNDTABLE_DB")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", &data_home)
        .env("TZ", "UTC")
        .output()
        .expect("run sh");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = data_home.join("roundtable");
    assert_eq!(mode(&folder), 0o700);
    assert_owner_only_db(&folder.join("roundtable.db"));
}

#[test]
fn import_json_creates_0600_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = tmux::demo_db(dir.path(), "src.db");
    let dump = dir.path().join("d.json");
    std::fs::write(&dump, tmux::stdout_on(&src, &["export", "json"])).expect("dump");
    let db = dir.path().join("imported.db");
    run_umask_0(&db, &["import", "json", dump.to_str().expect("utf-8")]);
    assert_owner_only_db(&db);
}

#[test]
fn the_app_creates_0600_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("fresh.db");
    let t = Tmux::new();
    t.start_after(
        "app",
        (80, 24),
        "umask 000",
        &["--db", db.to_str().expect("utf-8")],
    );
    t.wait_for("app", "No communities yet");
    assert_owner_only_db(&db);
    t.keys("app", &["q"]);
    assert_eq!(t.wait_exit("app"), 0);
}

/// Each export with `--out` creates a 0600 file.
fn export_to_file(args: &[&str], name: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = tmux::demo_db(dir.path(), "demo.db");
    let out = dir.path().join(name);
    let mut all = args.to_vec();
    all.extend(["--out", out.to_str().expect("utf-8")]);
    run_umask_0(&db, &all);
    assert!(std::fs::metadata(&out).expect("written").len() > 0);
    assert_eq!(mode(&out), 0o600, "{args:?}");
}

#[test]
fn export_json_out_is_0600() {
    export_to_file(&["export", "json"], "all.json");
}

#[test]
fn export_json_redacted_out_is_0600() {
    export_to_file(&["export", "json", "--redact"], "shared.json");
}

#[test]
fn export_minutes_out_is_0600() {
    export_to_file(&["export", "minutes", "--last"], "minutes.md");
}

#[test]
fn export_ics_out_is_0600() {
    export_to_file(&["export", "ics", "--community", DEMO], "circle.ics");
}

#[test]
fn roster_export_out_is_0600() {
    export_to_file(&["roster", "export", "--community", DEMO], "roster.csv");
}

#[test]
fn an_export_onto_an_existing_0644_file_ends_0600() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = tmux::demo_db(dir.path(), "demo.db");
    let out = dir.path().join("old.json");
    std::fs::write(&out, "old").expect("old file");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    run_umask_0(
        &db,
        &[
            "export",
            "json",
            "--out",
            out.to_str().expect("utf-8"),
            "--force",
        ],
    );
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn an_existing_empty_0644_database_file_ends_0600() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("empty.db");
    std::fs::write(&db, "").expect("empty file");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    run_umask_0(&db, &["demo"]);
    assert_owner_only_db(&db);
}

// ---------------------------------------------------------------------------------------
// No network.

/// Crates that speak to the network (clients, servers, TLS, sockets, resolvers).
const NETWORKING: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "http-body",
    "tokio",
    "tokio-rustls",
    "rustls",
    "native-tls",
    "openssl",
    "openssl-sys",
    "curl",
    "curl-sys",
    "isahc",
    "ureq",
    "surf",
    "attohttpc",
    "socket2",
    "tungstenite",
    "tokio-tungstenite",
    "quinn",
    "trust-dns-resolver",
    "hickory-resolver",
    "hickory-proto",
    "async-std",
    "smol",
    "lettre",
    "ssh2",
    "libssh2-sys",
    "axum",
    "warp",
    "actix-web",
    "rocket",
    "tonic",
    "reqwasm",
    "gloo-net",
    "ws",
    "websocket",
    "mio-uds",
    "tiny_http",
    "rouille",
];

/// The crates the `roundtable` library and binary are built from: its `[dependencies]`
/// and `[build-dependencies]` (not the dev-dependencies of tests and benches), and
/// everything they depend on, read from Cargo.toml and Cargo.lock (every platform).
fn build_dependencies() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| -> toml::Value {
        let text = std::fs::read_to_string(root.join(f)).expect("read the manifest");
        toml::from_str(&text).expect("valid TOML")
    };
    let manifest = read("Cargo.toml");
    let lock = read("Cargo.lock");
    let mut deps_of: std::collections::HashMap<String, BTreeSet<String>> = Default::default();
    for p in lock["package"].as_array().expect("packages") {
        let name = p["name"].as_str().expect("name").to_string();
        let entry = deps_of.entry(name).or_default();
        for d in p
            .get("dependencies")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
        {
            // "name", "name version" or "name version (source)".
            let d = d.as_str().expect("dependency");
            entry.insert(d.split(' ').next().unwrap_or(d).to_string());
        }
    }
    let mut todo: Vec<String> = ["dependencies", "build-dependencies"]
        .iter()
        .filter_map(|section| manifest.get(section).and_then(|t| t.as_table()))
        .flat_map(|t| {
            t.iter().map(|(k, v)| {
                v.get("package")
                    .and_then(|p| p.as_str())
                    .unwrap_or(k)
                    .to_string()
            })
        })
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if seen.insert(name.clone()) {
            todo.extend(deps_of.get(&name).into_iter().flatten().cloned());
        }
    }
    seen
}

#[test]
fn no_networking_crate_is_built_into_roundtable() {
    let deps = build_dependencies();
    assert!(
        deps.contains("rusqlite") && deps.contains("ratatui"),
        "{deps:?}"
    );
    let found: Vec<&&str> = NETWORKING.iter().filter(|n| deps.contains(**n)).collect();
    assert!(
        found.is_empty(),
        "networking crates in the build: {found:?}"
    );
    // Not even in the tests' and benches' dependencies.
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock");
    let locked: BTreeSet<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .collect();
    let found: Vec<&&str> = NETWORKING.iter().filter(|n| locked.contains(**n)).collect();
    assert!(
        found.is_empty(),
        "networking crates in Cargo.lock: {found:?}"
    );
}

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d)
            .expect("read dir")
            .filter_map(Result::ok)
        {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("read source");
                out.push((p, text));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_source_opens_no_socket() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (path, text) in sources(&src) {
        for needle in [
            "std::net",
            "TcpStream",
            "TcpListener",
            "UdpSocket",
            "UnixStream",
            "UnixDatagram",
            "ToSocketAddrs",
        ] {
            assert!(!text.contains(needle), "{} uses {needle}", path.display());
        }
    }
}

// ---------------------------------------------------------------------------------------
// SQL is built from fixed identifiers only; values always go in as parameters.

/// What may be interpolated into SQL text with `format!`, and why each is safe.
const SQL_INTERPOLATIONS: &[(&str, &str)] = &[
    (
        "TALLY",
        "store/meetings.rs's fixed join of a meeting's counts (meeting_tally, by key)",
    ),
    (
        "RECENT",
        "store/insights.rs's fixed CTE of a community's latest ended meetings (its values are ?1, ?2)",
    ),
    (
        "APPLICATION_ID",
        "the store's own constant (PRAGMA takes no parameters)",
    ),
    (
        "table",
        "a table name from the dump's fixed TABLES list, or one the importer checked against the schema",
    ),
    ("t.name", "a table name from the dump's fixed TABLES list"),
    (
        "quoted",
        "a table name read from sqlite_schema, double-quoted with its quotes doubled (store/health.rs's open check)",
    ),
    (
        "column",
        "a column name the importer checked against pragma_table_info",
    ),
    (
        "names",
        "quoted column names the importer checked against pragma_table_info",
    ),
    ("marks", "the placeholders ?1, ?2, … for those columns"),
    (
        "cond",
        "a stretch's fixed condition from store/actions.rs `Stretch::sql` (its values are ? parameters)",
    ),
    ("SELECT", "a constant column list"),
    ("MEETING_COLS", "a constant column list"),
    ("ITEM_COLS", "a constant column list"),
    ("CYCLE_COLUMNS", "a constant column list"),
    ("LIST_COLS", "a constant column list (meeting lists)"),
    (
        "cmp",
        "`<` or `>`, chosen by a bool (History's keyset direction)",
    ),
    (
        "ACTION_SELECT",
        "a constant SELECT … FROM … JOIN without values",
    ),
    ("order", "\"ASC\" or \"DESC\", chosen by a bool"),
];

/// The first string literal of a macro call starting at `text` (after `format!(`),
/// and the rest of the call's arguments.
fn literal_and_args(text: &str) -> Option<(String, String)> {
    let t = text.trim_start();
    let (body, rest) = if let Some(r) = t.strip_prefix("r\"") {
        let end = r.find('"')?;
        (r[..end].to_string(), &r[end + 1..])
    } else if let Some(r) = t.strip_prefix("r#\"") {
        let end = r.find("\"#")?;
        (r[..end].to_string(), &r[end + 2..])
    } else {
        let r = t.strip_prefix('"')?;
        let mut body = String::new();
        let mut chars = r.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = Some(i);
                    break;
                }
                c => body.push(c),
            }
        }
        let end = end?;
        (body, &r[end + 1..])
    };
    // The arguments run to the parenthesis that closes the call.
    let mut depth = 1;
    let mut args = String::new();
    for c in rest.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            break;
        }
        args.push(c);
    }
    Some((body, args))
}

/// The top-level arguments of a macro call (commas inside brackets or strings do not
/// split), each reduced to the name it interpolates: `&t.name` → `t.name`,
/// `names.join(", ")` → `names`.
fn positional_args(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut in_str, mut cur) = (0, false, String::new());
    let mut chars = args.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_str => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                continue;
            }
            '"' => in_str = !in_str,
            '(' | '[' if !in_str => depth += 1,
            ')' | ']' if !in_str => depth -= 1,
            ',' if !in_str && depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter()
        .map(|a| {
            let a = a.trim().trim_start_matches('&');
            let a = a.split('(').next().unwrap_or(a).trim();
            a.strip_suffix(".join").unwrap_or(a).to_string()
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// The names interpolated into a format string: `{name}`, `{name:?}`, and for `{}`
/// the matching positional argument.
fn interpolations(body: &str, args: &str) -> Vec<String> {
    let positional = positional_args(args);
    let mut out = Vec::new();
    let mut next = 0;
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        if rest[open + 1..].starts_with('{') {
            rest = &rest[open + 2..];
            continue;
        }
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let name = inner.split(':').next().unwrap_or("").trim();
        if name.is_empty() {
            out.push(positional.get(next).cloned().unwrap_or_default());
            next += 1;
        } else {
            out.push(name.to_string());
        }
        rest = &rest[open + close + 1..];
    }
    out
}

#[test]
fn sql_is_only_built_from_fixed_identifiers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let keywords = [
        "SELECT", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA", "CREATE ", "DROP ", " WHERE ",
        " FROM ", " VALUES",
    ];
    let mut sql_formats = 0;
    let mut violations = Vec::new();
    for (path, text) in sources(&src) {
        for (at, _) in text.match_indices("format!(") {
            let Some((body, args)) = literal_and_args(&text[at + "format!(".len()..]) else {
                continue;
            };
            if !keywords.iter().any(|k| body.contains(k)) {
                continue;
            }
            sql_formats += 1;
            for name in interpolations(&body, &args) {
                if !SQL_INTERPOLATIONS.iter().any(|(ok, _)| *ok == name) {
                    let line = text[..at].lines().count();
                    violations.push(format!("{}:{line}: {{{name}}} in {body:?}", path.display()));
                }
            }
        }
    }
    assert!(
        sql_formats >= 5,
        "the scan finds the SQL built with format! ({sql_formats})"
    );
    assert!(
        violations.is_empty(),
        "SQL built from values (use ?N parameters), or a new identifier to review and add \
         to SQL_INTERPOLATIONS:\n{}",
        violations.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// export json --redact.

/// Every member's name and profile text in the demo, from a normal export.
fn private_text(db: &Path) -> (Vec<String>, Vec<String>) {
    let dump: serde_json::Value =
        serde_json::from_str(&tmux::stdout_on(db, &["export", "json"])).expect("JSON");
    let members = dump["tables"]["member"]
        .as_array()
        .expect("members")
        .clone();
    let names = members
        .iter()
        .filter_map(|m| m["name"].as_str().map(str::to_string))
        .collect();
    let mut profile = Vec::new();
    for m in &members {
        for f in [
            "role",
            "brings",
            "hopes",
            "learning_style",
            "strengths",
            "growth_areas",
        ] {
            if let Some(t) = m[f].as_str().filter(|t| t.len() > 12) {
                profile.push(t.to_string());
            }
        }
    }
    (names, profile)
}

/// The words of `text` (letters and digits).
fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn a_redacted_export_names_nobody_and_keeps_no_profile() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = tmux::demo_db(dir.path(), "demo.db");
    let (names, profile) = private_text(&db);
    let plain = tmux::stdout_on(&db, &["export", "json"]);
    let shared = tmux::stdout_on(&db, &["export", "json", "--redact"]);

    // No name, nor any word of one (a first name in a note), nor any profile text.
    let shared_words = words(&shared);
    for name in &names {
        assert!(
            !shared.contains(name.as_str()),
            "{name} is in the redacted dump"
        );
        for w in name.split_whitespace().filter(|w| w.chars().count() > 2) {
            assert!(
                !shared_words.contains(w),
                "'{w}' (of {name}) is in the redacted dump"
            );
        }
    }
    for text in &profile {
        assert!(!shared.contains(text.as_str()), "profile text kept: {text}");
    }
    let plain_words = words(&plain);
    assert!(
        names
            .iter()
            .any(|n| n.split_whitespace().any(|w| plain_words.contains(w))),
        "the demo's notes do mention members (so the check above means something)"
    );

    let dump: serde_json::Value = serde_json::from_str(&shared).expect("JSON");
    let members = dump["tables"]["member"].as_array().expect("members");
    for m in members {
        let keys: BTreeSet<&str> = m
            .as_object()
            .expect("row")
            .keys()
            .map(String::as_str)
            .collect();
        for private in [
            "role",
            "brings",
            "hopes",
            "learning_style",
            "strengths",
            "growth_areas",
        ] {
            assert!(!keys.contains(private), "{private} kept: {m}");
        }
        // The same member, the same pseudonym: derived from the row id.
        let id = m["id"].as_i64().expect("id");
        let name = m["name"].as_str().expect("name");
        assert!(
            name == format!("Member {id}") || name == format!("Guest {id}"),
            "{m}"
        );
    }
    // Notes still say who, with the pseudonym; everything else is kept.
    let original: serde_json::Value = serde_json::from_str(&plain).expect("JSON");
    let count = |d: &serde_json::Value, t: &str| d["tables"][t].as_array().map_or(0, Vec::len);
    for table in [
        "member",
        "meeting",
        "note",
        "speaking_turn",
        "attendance",
        "action_item",
    ] {
        assert_eq!(count(&dump, table), count(&original, table), "{table}");
    }
    let bodies: Vec<&str> = dump["tables"]["note"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n["body"].as_str())
        .collect();
    assert!(
        bodies.iter().any(|b| b.contains("Member ")),
        "a note that named a member now names the pseudonym: {bodies:?}"
    );
    assert!(
        dump["generator"]
            .as_str()
            .is_some_and(|g| g.ends_with("(redacted)"))
    );
}

#[test]
fn a_redacted_export_is_deterministic_and_imports() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = tmux::demo_db(dir.path(), "demo.db");
    let first = tmux::stdout_on(&db, &["export", "json", "--redact"]);
    let second = tmux::stdout_on(&db, &["export", "json", "--redact"]);
    assert!(first == second, "the same bytes every time");
    let file = dir.path().join("shared.json");
    std::fs::write(&file, &first).expect("write");
    let copy = dir.path().join("copy.db");
    tmux::stdout_on(&copy, &["import", "json", file.to_str().expect("utf-8")]);
    // Redacting it again changes nothing: the pseudonyms are stable.
    assert!(tmux::stdout_on(&copy, &["export", "json", "--redact"]) == first);
    // And the copy is usable: its screens draw.
    let roster = tmux::stdout_on(&copy, &["render", "roster", "--community", DEMO]);
    assert!(roster.contains("Member 1"), "{roster}");
}

/// A note half typed during a meeting is kept in the `draft` table (to survive a crash):
/// free text about people, and JSON the name replacement cannot see into. A redacted
/// dump leaves drafts out.
#[test]
fn a_redacted_export_leaves_out_what_was_being_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = tmux::demo_db(dir.path(), "demo.db");
    let (names, _) = private_text(&db);
    let name = names.first().expect("the demo has members").clone();
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        let body = serde_json::json!({
            "text": format!("{name} seemed quietlyworried about the rota"),
            "kind": "note", "about": null, "editing": null,
        })
        .to_string();
        conn.execute(
            "INSERT INTO draft (meeting_id, kind, body, updated_at)
             SELECT id, 'note', ?1, '2026-01-08T18:10:00.000Z' FROM meeting LIMIT 1",
            [body],
        )
        .expect("a draft");
    }
    assert!(
        tmux::stdout_on(&db, &["export", "json"]).contains("quietlyworried"),
        "a normal dump keeps the draft"
    );
    let shared = tmux::stdout_on(&db, &["export", "json", "--redact"]);
    assert!(
        !shared.contains("quietlyworried"),
        "a draft's text is in the redacted dump"
    );
    assert!(
        !shared.contains(name.as_str()),
        "{name} is in the redacted dump"
    );
}
