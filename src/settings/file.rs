//! Finding, reading and creating the settings file. Only `cli` and `tui` call this; the
//! app is handed the parsed [`Settings`].

use super::{Problem, Settings};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file's name in the config folder.
pub const FILE_NAME: &str = "settings.toml";

/// `settings.toml` in the config folder `directories` gives (`~/.config/roundtable` on
/// Linux), or `None` without a home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "Roundtable", "roundtable")
        .map(|d| d.config_dir().join(FILE_NAME))
}

/// The settings in `path`: all defaults when it does not exist; a file that cannot be
/// read or is not UTF-8 is a problem (without a line) and all defaults.
pub fn load(path: &Path) -> Settings {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Settings::parse(&text),
            Err(e) => unusable(format!(
                "{} is not UTF-8 text (byte {}); every setting is at its default",
                path.display(),
                e.utf8_error().valid_up_to()
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => unusable(format!(
            "cannot read {} ({e}); every setting is at its default",
            path.display()
        )),
    }
}

fn unusable(message: String) -> Settings {
    Settings {
        problems: vec![Problem {
            line: None,
            message,
        }],
        ..Settings::default()
    }
}

/// Creates the file with [`TEMPLATE`] (owner-only, its folder too) unless something is
/// already there. Returns whether it created it.
pub fn create_if_missing(path: &Path) -> std::io::Result<bool> {
    if path.symlink_metadata().is_ok() {
        return Ok(false);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir)?;
    }
    let mut f = match crate::fsutil::owner_only_new().create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(e),
    };
    f.write_all(TEMPLATE.as_bytes())?;
    f.sync_all()?;
    Ok(true)
}

/// What `config edit` writes into a new file: every setting, commented out at its default.
pub const TEMPLATE: &str = r#"# Roundtable settings. Remove the leading '#' of a line to change that setting.
# After editing, `roundtable config show` lists what is in effect and any problem.

# Default length of a speaking turn in a new agenda item: minutes (3) or "m:ss".
# turn-time = "2:00"

# Default speaking order: roster, shuffled, least-heard or rotate.
# (Pressing O on the live screen saves one in the database, which then wins.)
# speaking-order = "roster"

# Default meeting length in minutes (5 to 600): a new community's meetings' length.
# meeting-length = 90

# How dates and times are shown (chrono strftime formats).
# date-format = "%a %Y-%m-%d"
# time-format = "%H:%M"

# First day of the week (History's "week" and "last-week" filters).
# week-start = "monday"

# Colours: dark, light or high-contrast.
# theme = "dark"

# Remap keys: an action name and a key or a list of keys.
# `roundtable config keys` lists every action with its keys.
# [keys]
# quit = "Ctrl-q"
# down = ["Down", "j"]

# The template chosen first when planning a meeting for a community.
# [community."Ward 4 nurses"]
# template = "Learning cycle meeting"
"#;
