//! Opening the leader's text editor on a file: `$VISUAL`, else `$EDITOR`, else `vi`, as
//! git and crontab do. Used by `roundtable config edit` and by the app's `Ctrl-G` (through
//! `tui::editor`, which owns the temporary file); the caller owns the terminal (the
//! interactive app leaves its screen first).

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::{Child, Command, ExitStatus};

/// The editor command: `$VISUAL`, else `$EDITOR` (empty ones skipped), else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the leader's editor on `path` and waits for it. Fails when the editor cannot be
/// started or exits unsuccessfully.
pub fn run_editor(path: &Path) -> Result<()> {
    run_editor_with(&editor_command(), path)
}

/// Opens `editor` (a command that may carry arguments, such as `code --wait`) on `path`
/// and waits for it.
pub fn run_editor_with(editor: &str, path: &Path) -> Result<()> {
    let status = spawn(editor, path)?
        .wait()
        .with_context(|| format!("could not wait for the editor `{editor}`"))?;
    check(editor, status)
}

/// Starts `editor` on `path`. On Unix it is run by `sh` as git does, with the path
/// passed as an argument (never pasted into the command), so any file name is safe.
pub fn spawn(editor: &str, path: &Path) -> Result<Child> {
    command(editor, path)
        .spawn()
        .with_context(|| format!("cannot start the editor `{editor}` (set $VISUAL or $EDITOR)"))
}

/// Whether the editor's exit says it went well.
pub fn check(editor: &str, status: ExitStatus) -> Result<()> {
    if status.success() {
        return Ok(());
    }
    match status.code() {
        // `sh` answers 127 when the command is not found, 126 when it cannot run.
        Some(127) => bail!("the editor `{editor}` was not found (set $VISUAL or $EDITOR)"),
        Some(code) => bail!("the editor `{editor}` failed (exit status {code})"),
        None => bail!("the editor `{editor}` was stopped by a signal"),
    }
}

#[cfg(unix)]
fn command(editor: &str, path: &Path) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path);
    c
}

#[cfg(not(unix))]
fn command(editor: &str, path: &Path) -> Command {
    let mut words = editor.split_whitespace();
    let mut c = Command::new(words.next().unwrap_or("vi"));
    c.args(words).arg(path);
    c
}
