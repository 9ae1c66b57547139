//! The leader's own editor for long text (launched by [`crate::editor`]): the text goes
//! through a temporary file that only its owner can read (0600) and that is removed
//! afterwards, whatever happens.

use anyhow::{Context, Result, bail};
use std::io::{Read, Write};
use std::path::Path;

/// The most the editor may leave in the file: far beyond any field (a note or profile
/// field holds a few thousand characters), small enough never to strain the app.
pub const MAX_BYTES: u64 = 256 * 1024;

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
