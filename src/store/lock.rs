//! One interactive instance per database *file*. The lock is an OS file lock on a lock
//! file named after the database's device and inode, so every path to the same file (a
//! symlink, a hard link, `./db`) finds the same lock. Lock files live in a folder only
//! this user can write (`$XDG_RUNTIME_DIR/roundtable`, else `<tmp>/roundtable-<uid>`),
//! never beside the database where anyone sharing the folder could plant a symlink, and
//! they are opened without following symlinks. The file records the holder's pid for the
//! refusal message.

use crate::fsutil::FileId;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Held for as long as the interactive app runs; the OS releases it if the process dies.
#[derive(Debug)]
pub struct InstanceLock {
    path: PathBuf,
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "{db} is already open in another Roundtable (pid {pid}); close that one first (exports and renders still work)"
    )]
    Held { db: PathBuf, pid: String },
    #[error("cannot use the lock file {path}: {reason}")]
    Io { path: PathBuf, reason: String },
}

/// The folder lock files live in, created owner-only and checked to be this user's own.
pub fn lock_dir() -> io::Result<PathBuf> {
    let runtime = std::env::var_os("XDG_RUNTIME_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute() && p.is_dir());
    #[cfg(unix)]
    let euid = rustix::process::geteuid().as_raw();
    #[cfg(not(unix))]
    let euid = 0;
    let dir = match runtime {
        Some(base) => base.join("roundtable"),
        None => std::env::temp_dir().join(format!("roundtable-{euid}")),
    };
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    let meta = fs::symlink_metadata(&dir)?;
    if !meta.is_dir() {
        return Err(io::Error::other(format!(
            "{} is not a folder",
            dir.display()
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.uid() != euid {
            return Err(io::Error::other(format!(
                "{} belongs to another user",
                dir.display()
            )));
        }
        if meta.mode() & 0o077 != 0 {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
        }
    }
    Ok(dir)
}

/// The lock file that guards the database file `db` (which must exist): named after its
/// device, inode and (where the file system keeps it) birth time, in [`lock_dir`]. The
/// birth time tells a new file apart from a deleted one whose inode it reuses while a
/// Roundtable still has the deleted one open.
pub fn lock_path(db: &Path) -> io::Result<PathBuf> {
    let id = FileId::of_path(db).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("{} does not exist", db.display()),
        )
    })?;
    let born = fs::metadata(db)?
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    let name = match born {
        Some(d) => format!("{:x}-{:x}-{:x}.lock", id.dev, id.ino, d.as_nanos()),
        // No birth time on this file system: device and inode alone.
        None => format!("{:x}-{:x}.lock", id.dev, id.ino),
    };
    Ok(lock_dir()?.join(name))
}

/// Opens (creating owner-only) the lock file without following a symlink.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let file = opts.open(path).map_err(|e| {
        if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            io::Error::other("it is a symbolic link (remove it)")
        } else {
            e
        }
    })?;
    let meta = file.metadata()?;
    #[cfg(unix)]
    let shared = std::os::unix::fs::MetadataExt::nlink(&meta) != 1;
    #[cfg(not(unix))]
    let shared = false;
    if !meta.is_file() || shared {
        return Err(io::Error::other("it is not a plain lock file (remove it)"));
    }
    Ok(file)
}

impl InstanceLock {
    /// Takes the lock for the database file `db` or says which process holds it.
    pub fn acquire(db: &Path) -> Result<Self, LockError> {
        let io_at = |path: &Path| {
            let path = path.to_path_buf();
            move |e: io::Error| LockError::Io {
                path: path.clone(),
                reason: e.to_string(),
            }
        };
        let path = lock_path(db).map_err(io_at(db))?;
        let io = io_at(&path);
        // A holder removes its lock file as it lets go; a file we locked after that is
        // no longer the one at `path`, so try again with the new one.
        for _ in 0..8 {
            let mut file = open_lock_file(&path).map_err(&io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let mut pid = String::new();
                    let _ = file.read_to_string(&mut pid);
                    let pid = pid.trim();
                    return Err(LockError::Held {
                        db: db.into(),
                        pid: if pid.is_empty() {
                            "unknown".into()
                        } else {
                            pid.into()
                        },
                    });
                }
                Err(fs::TryLockError::Error(e)) => return Err(io(e)),
            }
            let ours = file.metadata().map_err(&io)?;
            #[cfg(unix)]
            let same =
                fs::symlink_metadata(&path).is_ok_and(|m| FileId::of(&m) == FileId::of(&ours));
            #[cfg(not(unix))]
            let same = ours.is_file();
            if !same {
                continue;
            }
            file.set_len(0).map_err(&io)?;
            file.seek(SeekFrom::Start(0)).map_err(&io)?;
            write!(file, "{}", std::process::id()).map_err(&io)?;
            file.flush().map_err(&io)?;
            return Ok(Self { path, _file: file });
        }
        Err(io(io::Error::other("it keeps changing; try again")))
    }
}

impl Drop for InstanceLock {
    /// Removes the lock file while still holding the lock (the lock goes with the file
    /// handle, right after), so lock files do not pile up.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
