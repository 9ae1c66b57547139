//! `roundtable backup FILE`: a consistent copy of the database through SQLite's online
//! backup API, taken while the app may be writing. The copy is made in an owner-only
//! temporary file beside the target, checked, synced, then linked into place under its
//! name, which never replaces a file that is there (not even one made meanwhile).
//!
//! A damaged file is copied too, page for page as it is, so the leader can keep it
//! before trying anything else (issue 10): the copy carries the same damage, and says so.
//! When SQLite cannot read it at all (a truncated file: every statement says "malformed"),
//! it is copied byte for byte instead, with its `-wal` as the copy's (r9 trial F25).

use super::{OpenError, Store, file};
use crate::fsutil;
use anyhow::{Context, Result, bail};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupDone {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Why the source counts as damaged, when it does: the copy carries the same damage.
    pub damage: Option<String>,
    /// Whether the damaged source was copied byte for byte (SQLite could not read it),
    /// its `-wal` too when it had one.
    pub byte_for_byte: bool,
}

/// The database being copied: sound (opened as every reader opens it), or damaged and
/// opened without the open check, only to copy its pages (`None` when SQLite cannot
/// read even that much of it: it is copied byte for byte).
enum Source {
    Sound(Store),
    Damaged {
        conn: Option<Connection>,
        reason: String,
    },
}

impl Source {
    fn open(db: &Path) -> Result<Self> {
        match Store::open_read_only(db) {
            Ok(store) => Ok(Self::Sound(store)),
            Err(OpenError::Corrupt { reason, .. }) => {
                let (uri, flags) = file::read_only_target(db);
                let conn = Connection::open_with_flags(uri, flags)?;
                conn.busy_timeout(std::time::Duration::from_secs(5))?;
                let conn = match file::owner(&conn) {
                    Ok(file::Owner::Ours) => Some(conn),
                    Ok(_) => bail!("{} is not a Roundtable database", db.display()),
                    // Unreadable through SQLite: whose it is, the header still says.
                    Err(_) if header_is_ours(db)? => None,
                    Err(_) => bail!("{} is not a Roundtable database", db.display()),
                };
                Ok(Self::Damaged { conn, reason })
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// Whether the file's SQLite header may be Roundtable's, read without SQLite, for a file
/// it cannot read: our application id at byte 68, or none there (a file from before
/// the id, or one cut off before it: there is nothing else to tell by).
fn header_is_ours(db: &Path) -> Result<bool> {
    use std::io::Read;
    let mut header = Vec::with_capacity(72);
    fs::File::open(db)
        .and_then(|f| f.take(72).read_to_end(&mut header))
        .with_context(|| format!("cannot read {}", db.display()))?;
    let id = match header.get(68..72) {
        Some(&[a, b, c, d]) => i32::from_be_bytes([a, b, c, d]),
        _ => 0,
    };
    Ok(id == super::APPLICATION_ID || id == 0)
}

/// Refuses a target a backup must not write: the database or one of its companions, any
/// existing file or symbolic link (even a dangling one), a folder that does not exist.
pub fn check_target(db: &Path, target: &Path) -> Result<()> {
    if fsutil::is_database_or_companion(target, db) {
        bail!(
            "{} is the database itself (or one of its files); choose a new file for the backup",
            target.display()
        );
    }
    if let Ok(meta) = fs::symlink_metadata(target) {
        if meta.file_type().is_symlink() {
            bail!(
                "{} is a symbolic link; a backup is written only to a new file",
                target.display()
            );
        }
        bail!(
            "{} already exists; a backup never replaces a file, choose a new name",
            target.display()
        );
    }
    if let Some(folder) = file::missing_folder(target) {
        bail!(
            "cannot back up to {}: the folder {} does not exist",
            target.display(),
            folder.display()
        );
    }
    Ok(())
}

/// Copies the database at `db` into the new file `target` (see the module docs). The
/// source is opened read-only and never written; a copy interrupted by a writer that
/// appeared mid-way is taken again through the writer's WAL. A damaged source is copied
/// as it is (no writer can open it: the app refuses it).
pub fn backup(db: &Path, target: &Path) -> Result<BackupDone> {
    check_target(db, target)?;
    let mut source = Source::open(db)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .context("the backup needs a file name")?
        .to_string_lossy()
        .into_owned();
    let (tmp, handle) = fsutil::create_temp(&dir, &name)
        .with_context(|| format!("cannot write the backup in {}", dir.display()))?;
    drop(handle);
    let mut byte_for_byte = false;
    let result = (|| {
        match &mut source {
            Source::Sound(store) => {
                copy_into(store.conn(), &tmp)?;
                // A writer that opened the file while it was read immutably (without
                // locks) may have changed pages under the copy: take it again, sharing
                // the writer's WAL.
                if store.follow_writers()? {
                    fs::write(&tmp, b"")?;
                    copy_into(store.conn(), &tmp)?;
                }
                verify(&tmp, true)?;
            }
            Source::Damaged { conn, .. } => {
                let pages = match conn.take() {
                    Some(conn) => copy_into(&conn, &tmp).and_then(|()| verify(&tmp, false)),
                    None => Err(anyhow::anyhow!("SQLite cannot read it")),
                };
                // What SQLite cannot copy page by page is copied as it is.
                if pages.is_err() {
                    remove_companions(&tmp);
                    copy_bytes(db, &tmp)?;
                    byte_for_byte = true;
                }
            }
        }
        fs::File::open(&tmp)?.sync_all()?;
        match byte_for_byte {
            true => place_with_wal(db, &tmp, target, &dir, &name),
            false => place(&tmp, target),
        }
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        remove_companions(&tmp);
        return Err(e.context(format!("cannot back up to {}", target.display())));
    }
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    let bytes = fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupDone {
        path: target.to_path_buf(),
        bytes,
        damage: match source {
            Source::Sound(_) => None,
            Source::Damaged { reason, .. } => Some(reason),
        },
        byte_for_byte,
    })
}

fn remove_companions(tmp: &Path) {
    for c in fsutil::companions(tmp) {
        let _ = fs::remove_file(c);
    }
}

/// Overwrites the (owner-only) temporary file `tmp` with the bytes of `src`, synced.
fn copy_bytes(src: &Path, tmp: &Path) -> Result<()> {
    let mut from = fs::File::open(src).with_context(|| format!("cannot read {}", src.display()))?;
    let mut to = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(tmp)?;
    std::io::copy(&mut from, &mut to)?;
    to.sync_all()?;
    Ok(())
}

/// Places a byte-for-byte copy: the source's `-wal`, when it has one, first becomes the
/// target's (its committed pages belong to the copy), then the copy takes its name;
/// neither ever replaces a file, and a `-wal` placed for a copy that could not be is
/// taken away again.
fn place_with_wal(db: &Path, tmp: &Path, target: &Path, dir: &Path, name: &str) -> Result<()> {
    let wal = fsutil::with_suffix(db, "-wal");
    if !wal.exists() {
        return place(tmp, target);
    }
    let target_wal = fsutil::with_suffix(target, "-wal");
    if fs::symlink_metadata(&target_wal).is_ok() {
        bail!(
            "{} already exists, and the copy's -wal would take that name; a backup never \
             replaces a file, choose a new name",
            target_wal.display()
        );
    }
    let (tmp_wal, handle) = fsutil::create_temp(dir, &format!("{name}-wal"))?;
    drop(handle);
    let placed = copy_bytes(&wal, &tmp_wal).and_then(|()| place(&tmp_wal, &target_wal));
    if let Err(e) = placed {
        let _ = fs::remove_file(&tmp_wal);
        return Err(e);
    }
    place(tmp, target).inspect_err(|_| {
        let _ = fs::remove_file(&target_wal);
    })
}

/// All pages in one step: one read transaction on the source, so the copy is one
/// committed state, and a writer (in WAL mode) is never blocked by it.
fn copy_into(src: &Connection, tmp: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut dst = Connection::open_with_flags(tmp, flags)?;
    {
        let b = Backup::new(src, &mut dst)?;
        loop {
            match b.step(-1)? {
                StepResult::Done => break,
                StepResult::More | StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                _ => bail!("the backup stopped unexpectedly"),
            }
        }
    }
    // The copy keeps the source's WAL flag; a plain rollback journal means opening it
    // (to check it, or to restore it by hand) leaves no `-wal`/`-shm` beside it. The app
    // turns WAL on again when it opens the file.
    let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dst.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// The copy must be a Roundtable database, and a sound one when its source was, before it
/// takes the target's name.
fn verify(tmp: &Path, sound: bool) -> Result<()> {
    let conn = Connection::open_with_flags(tmp, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if sound && let Some(problem) = super::health::quick_check(&conn)? {
        bail!("the copy failed its check ({problem})");
    }
    if file::owner(&conn)? != file::Owner::Ours {
        bail!("the copy is not a Roundtable database");
    }
    Ok(())
}

/// Gives the finished copy its name without ever replacing a file (`fsutil::link_new`).
fn place(tmp: &Path, target: &Path) -> Result<()> {
    match fsutil::link_new(tmp, target) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => bail!(
            "{} appeared while the backup was made; it was left as it is",
            target.display()
        ),
        other => Ok(other?),
    }
}
