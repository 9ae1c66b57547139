//! The leader's own editor for long text: `$VISUAL`, else `$EDITOR`, else `vi`, run
//! through `sh -c` as git does, so the value may carry arguments (`code --wait`). The
//! text goes through a temporary file that only its owner can read (0600) and that is
//! removed afterwards, whatever happens.

use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus};

/// The most the editor may leave in the file: far beyond any field (a note or profile
/// field holds a few thousand characters), small enough never to strain the app.
pub const MAX_BYTES: u64 = 256 * 1024;

/// The editor the leader chose: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn chosen_editor() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Opens the leader's editor on `path` and waits for it; an editor that cannot start or
/// exits with a failure is an error.
pub fn run_editor(path: &Path) -> Result<()> {
    run_editor_with(&chosen_editor(), path)
}

/// Opens `editor` (a shell word list, such as `code --wait`) on `path` and waits for it.
pub fn run_editor_with(editor: &str, path: &Path) -> Result<()> {
    let status = spawn(editor, path)?
        .wait()
        .with_context(|| format!("could not wait for the editor `{editor}`"))?;
    check(editor, status)
}

/// Starts `editor` (a shell word list, such as `code --wait`) on `path`.
pub fn spawn(editor: &str, path: &Path) -> Result<Child> {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path)
        .spawn()
        .with_context(|| format!("could not start the editor `{editor}`"))
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

/// Edits `text` in a temporary file with `run` (which opens the editor on the path and
/// waits for it), and returns the text the editor left: UTF-8, at most [`MAX_BYTES`],
/// with the one newline editors add at the end taken off and line ends made `\n`. The
/// file is created 0600 and removed on every way out.
pub fn edit_text(text: &str, run: impl FnOnce(&Path) -> Result<()>) -> Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("roundtable-")
        .suffix(".txt")
        .tempfile()
        .context("could not create a temporary file for the editor")?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .context("could not write the temporary file for the editor")?;
    run(file.path())?;
    // Read by path: an editor may have replaced the file rather than written into it.
    let back =
        std::fs::File::open(file.path()).context("the editor's file is gone; was it moved?")?;
    let mut bytes = Vec::new();
    back.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .context("could not read back the editor's file")?;
    if bytes.len() as u64 > MAX_BYTES {
        bail!(
            "the editor left more than {} KB, far more than a field holds",
            MAX_BYTES / 1024
        );
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("the editor saved text that is not UTF-8"))?;
    let text = text.replace("\r\n", "\n");
    let text = text.strip_suffix('\n').unwrap_or(&text).to_string();
    // `file` is removed here, when it is dropped (and on the early returns above).
    drop(file);
    Ok(text)
}
