//! Writing files that hold personal data: created owner-only (0600), whole (a temporary
//! file linked or renamed into place, so a crash never leaves half a file and a
//! stranger's hard link never sees the new data), and never onto the database itself.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A file's identity: the device and inode it lives on, whatever path reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    /// The identity of an open file or of what `metadata` describes.
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    /// The identity of the file `path` leads to (following symlinks), if it exists.
    pub fn of_path(path: &Path) -> Option<Self> {
        #[cfg(unix)]
        return fs::metadata(path).ok().map(|m| Self::of(&m));
        #[cfg(not(unix))]
        return fs::metadata(path).ok().and(None);
    }
}

/// `path` with `suffix` appended to its file name (`db` → `db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The files SQLite keeps beside a database.
pub fn companions(db: &Path) -> [PathBuf; 3] {
    ["-wal", "-shm", "-journal"].map(|s| with_suffix(db, s))
}

/// Options for creating a new file readable by its owner only.
pub fn owner_only_new() -> OpenOptions {
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts
}

/// Takes group and other permissions away from an existing file (mode 0600 or
/// stricter); does nothing if it has none.
pub fn restrict_to_owner(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    Ok(())
}

/// `path` spelt absolutely with every symlink resolved; a path that does not exist yet
/// is resolved through its folder.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(fs::canonicalize(parent).ok()?.join(name))
}

/// Whether writing `out` would write into the database `db` or one of the files SQLite
/// keeps beside it, however `out` is spelt: `./`, `..`, symlinks, hard links.
pub fn is_database_or_companion(out: &Path, db: &Path) -> bool {
    let out_id = FileId::of_path(out);
    let db_files = std::iter::once(db.to_path_buf()).chain(companions(db));
    let resolved_out = resolve(out);
    for f in db_files {
        if out_id.is_some() && out_id == FileId::of_path(&f) {
            return true;
        }
        if resolved_out.is_some() && resolved_out == resolve(&f) {
            return true;
        }
    }
    // A symlink to where a companion would be, which does not exist right now.
    if let (Ok(target), None) = (fs::read_link(out), out_id) {
        let target = match out.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
        return is_database_or_companion(&target, db);
    }
    false
}

/// Writes through `fill` into a new owner-only temporary file beside `path`, synced,
/// then gives it the name: readers see the old file or the whole new one, never half of
/// one, and a failure leaves no file behind. With `replace`, a rename over what is at
/// `path` (a symlink there is replaced, never followed); without it, [`link_new`], which
/// never replaces anything. The caller decides beforehand what `path` may be.
pub fn write_new<E: From<io::Error>>(
    path: &Path,
    replace: bool,
    fill: impl FnOnce(&mut File) -> Result<(), E>,
) -> Result<(), E> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let (tmp, mut file) = create_temp(&dir, &name.to_string_lossy())?;
    let written = (|| {
        fill(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        match replace {
            true => fs::rename(&tmp, path)?,
            false => link_new(&tmp, path)?,
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
        return written;
    }
    // Make the new name itself durable; best effort (not every system syncs folders).
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Gives the finished file `tmp` the name `target` without ever replacing a file: a hard
/// link fails (`AlreadyExists`) if the name is taken, even by one made a moment ago.
/// Where hard links are not supported, a rename after a last check.
pub fn link_new(tmp: &Path, target: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, target) {
        Ok(()) => fs::remove_file(tmp),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if fs::symlink_metadata(target).is_err() => fs::rename(tmp, target),
        Err(e) => Err(e),
    }
}

/// A new owner-only file in `dir`, named after `name`, that no one else is using.
pub fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut last = None;
    for _ in 0..16 {
        let tmp = dir.join(format!(
            ".{name}.{}-{:08x}.tmp",
            std::process::id(),
            fastrand::u32(..)
        ));
        match owner_only_new().open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_owner_only_and_never_replaces_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        let put = |bytes: &'static [u8]| move |f: &mut File| f.write_all(bytes);
        write_new(&p, false, put(b"new")).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let err = write_new(&p, false, put(b"other")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&p).unwrap(), b"new");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o666)).unwrap();
        write_new(&p, true, put(b"replaced")).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"replaced");
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn a_failed_fill_leaves_nothing_and_a_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        let failed = write_new(&p, false, |f: &mut File| {
            f.write_all(b"half")?;
            Err(io::Error::other("stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let real = dir.path().join("real.txt");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let put = |f: &mut File| f.write_all(b"new");
        assert!(write_new(&link, false, put).is_err());
        write_new(&link, true, put).unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"old");
        assert_eq!(fs::read(&link).unwrap(), b"new");
    }

    #[test]
    fn companions_are_recognised_by_name_and_by_identity() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        fs::write(&db, "").unwrap();
        assert!(is_database_or_companion(&db, &db));
        assert!(is_database_or_companion(
            &dir.path().join("./a.db-wal"),
            &db
        ));
        assert!(!is_database_or_companion(
            &dir.path().join("a.db.json"),
            &db
        ));
        let hard = dir.path().join("h");
        fs::hard_link(&db, &hard).unwrap();
        assert!(is_database_or_companion(&hard, &db));
        let dangling = dir.path().join("d");
        std::os::unix::fs::symlink(dir.path().join("a.db-journal"), &dangling).unwrap();
        assert!(is_database_or_companion(&dangling, &db));
    }
}
