//! Opening the leader's text editor on a file: `$VISUAL`, else `$EDITOR`, else `vi`, as
//! git and crontab do. Used by `roundtable config edit`; the caller owns the terminal
//! (the interactive app leaves its screen first).

use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;

/// The editor command: `$VISUAL`, else `$EDITOR` (empty ones skipped), else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the editor on `path` and waits for it. The command may carry arguments
/// (`code --wait`); on Unix it is run by `sh` as git does, with the path passed as an
/// argument (never pasted into the command), so any file name is safe. Fails when the
/// editor cannot be started or exits unsuccessfully.
pub fn run_editor(path: &Path) -> Result<()> {
    let editor = editor_command();
    let status = command(&editor, path)
        .status()
        .with_context(|| format!("cannot start the editor `{editor}` (set $VISUAL or $EDITOR)"))?;
    if !status.success() {
        match status.code() {
            Some(code) => bail!("the editor `{editor}` exited with status {code}"),
            None => bail!("the editor `{editor}` was stopped by a signal"),
        }
    }
    Ok(())
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
