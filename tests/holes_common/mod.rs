//! Shared set-up for the file-safety and hostile-input tests: a sandbox folder, the real
//! binary, and assertions on its output. Every run gets `--db` and `ROUNDTABLE_DB`,
//! `HOME` and `XDG_DATA_HOME` inside the sandbox, so the user's data is never touched.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_roundtable");
pub const DEMO: &str = "Ward 7 Nursing Practice Circle";

/// A temporary home for one test.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("ROUNDTABLE_DB", self.path("env-default.db"))
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .stdin(Stdio::null());
        c
    }

    /// Runs the binary with `args`.
    pub fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().unwrap()
    }

    /// Runs `roundtable --db DB args…`.
    pub fn on(&self, db: &Path, args: &[&str]) -> Output {
        let mut all: Vec<&OsStr> = vec![OsStr::new("--db"), db.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        self.run(all)
    }

    /// Runs `roundtable --db DB args…`, killing it after `limit`; `None` if it hung.
    pub fn on_within(&self, db: &Path, args: &[&str], limit: Duration) -> Option<Output> {
        let mut all: Vec<&OsStr> = vec![OsStr::new("--db"), db.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        let mut child = self
            .command(all)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while start.elapsed() < limit {
            if child.try_wait().unwrap().is_some() {
                return Some(child.wait_with_output().unwrap());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    /// A database holding the demo community.
    pub fn demo(&self, name: &str) -> PathBuf {
        let db = self.path(name);
        ok(&self.on(&db, &["demo"]));
        db
    }

    /// The names in the sandbox folder, sorted.
    pub fn listing(&self) -> Vec<String> {
        listing(self.dir.path())
    }
}

/// The names in `dir`, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Asserts success and returns stdout.
#[track_caller]
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "expected success, got {:?}; stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Asserts exit code 1 with a one-line message on stderr and nothing on stdout; returns
/// the message.
#[track_caller]
pub fn refused(out: &Output) -> String {
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(1), "expected exit 1; stderr: {err}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(err.starts_with("roundtable: "), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    err
}

pub fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

/// The permission bits of `p` (following symlinks).
#[cfg(unix)]
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
pub fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `p` with `suffix` appended to its file name (`db-wal`, `db-shm`).
pub fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether this process ignores permission bits (root).
#[cfg(unix)]
pub fn permissions_do_not_apply() -> bool {
    rustix::process::geteuid().is_root()
}

/// Makes `paths` (files and folders) read-only for real, even for root: with `chattr +i`
/// as root, with permission bits otherwise. Undone on drop. `None` (after saying so)
/// where neither works.
pub struct ReadOnly {
    paths: Vec<PathBuf>,
    immutable: bool,
}

impl ReadOnly {
    #[cfg(unix)]
    pub fn make(paths: &[&Path]) -> Option<Self> {
        let immutable = permissions_do_not_apply();
        let mut guard = Self {
            paths: Vec::new(),
            immutable,
        };
        for p in paths {
            if immutable {
                let ok = Command::new("chattr")
                    .arg("+i")
                    .arg(p)
                    .output()
                    .is_ok_and(|o| o.status.success());
                if !ok {
                    eprintln!("skipped: cannot make {} immutable (chattr +i)", p.display());
                    return None;
                }
            } else {
                let m = if p.is_dir() { 0o555 } else { 0o444 };
                set_mode(p, m);
            }
            guard.paths.push(p.to_path_buf());
        }
        Some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        for p in self.paths.iter().rev() {
            if self.immutable {
                let _ = Command::new("chattr").arg("-i").arg(p).output();
            } else {
                #[cfg(unix)]
                {
                    let m = if p.is_dir() { 0o755 } else { 0o644 };
                    set_mode(p, m);
                }
            }
        }
    }
}

/// Opens `db` directly with SQLite (for setting up odd files).
pub fn sqlite(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap()
}
