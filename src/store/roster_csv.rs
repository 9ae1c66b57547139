//! Roster CSV import and export (see docs/FORMAT.md). The header is
//! [`member::FIELDS`](crate::domain::member::FIELDS); import is all or nothing and every
//! error names the line of the file and the field. Export writes what a spreadsheet opens
//! by double-click (a UTF-8 byte-order mark); import reads what spreadsheets save
//! ([`decode`]: UTF-8 or UTF-16, `,`, `;` or tab).

mod decode;

use super::{Result, Store};
use crate::domain::member::FIELDS;
use crate::domain::{CommunityId, Draft, Profile};
use anyhow::{anyhow, bail};
use chrono::Utc;
use std::collections::HashMap;

/// At most this many problems are listed in one error; the rest are counted.
const MAX_LISTED: usize = 5;

/// Maps each column of the header to its field key; refuses unknown, repeated or
/// missing required columns.
fn read_header(header: &csv::StringRecord) -> anyhow::Result<Vec<&'static str>> {
    let mut keys: Vec<&'static str> = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let name = raw.trim().to_lowercase();
        let Some(key) = FIELDS.iter().copied().find(|f| *f == name) else {
            if name.is_empty() {
                bail!("line 1: column {} of the header has no name", i + 1);
            }
            bail!(
                "line 1: unknown column '{name}' (the columns are {})",
                FIELDS.join(",")
            );
        };
        if keys.contains(&key) {
            bail!("line 1: column '{key}' appears twice");
        }
        keys.push(key);
    }
    if !keys.contains(&"name") {
        bail!(
            "line 1: the header has no 'name' column (expected {})",
            FIELDS.join(",")
        );
    }
    Ok(keys)
}

/// A name as the roster compares it: composed (NFC, as names are stored since issue 11;
/// older rows may not be) and lower-case.
fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfc().collect::<String>().to_lowercase()
}

/// Names already taken on the community's roster (guests may share a name since
/// schema 3, as the unique index says).
fn taken_names(store: &Store, community: CommunityId) -> Result<HashMap<String, String>> {
    let mut stmt = store
        .conn()
        .prepare_cached("SELECT name FROM member WHERE community_id = ?1 AND is_guest = 0")?;
    let rows = stmt.query_map([community], |r| r.get::<_, String>(0))?;
    let mut names = HashMap::new();
    for name in rows {
        let name = name?;
        names.insert(fold(&name), name);
    }
    Ok(names)
}

/// The line of the file that byte offset `byte` is on, counting line ends as a text
/// editor does: LF, CRLF (what spreadsheets write) and a lone CR each end one line. (The
/// csv reader's own count is off by one per CRLF record.)
fn physical_line(bytes: &[u8], byte: u64) -> u64 {
    let end = usize::try_from(byte).map_or(bytes.len(), |b| b.min(bytes.len()));
    let mut line = 1;
    let mut after_cr = false;
    for &b in &bytes[..end] {
        match b {
            b'\r' => line += 1,
            b'\n' if !after_cr => line += 1,
            _ => {}
        }
        after_cr = b == b'\r';
    }
    line
}

/// Reads and validates every row; returns the profiles with their line numbers, or every
/// problem found.
fn read_rows(
    store: &Store,
    community: CommunityId,
    bytes: &[u8],
) -> anyhow::Result<Vec<(u64, Profile)>> {
    // The whole file is text in one known encoding before any row is read; line numbers
    // count the decoded text's lines, which are the file's.
    let (text, _) = decode::decode(bytes)?;
    let bytes = text.as_bytes();
    // The csv reader accepts LF, CRLF and CR line ends.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(decode::separator(&text))
        .from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| anyhow!("line 1: {e}"))?
        .clone();
    if header.len() <= 1 && header.iter().all(str::is_empty) {
        bail!(
            "the file is empty (expected the header {})",
            FIELDS.join(",")
        );
    }
    let keys = read_header(&header)?;
    let taken = taken_names(store, community)?;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut problems = Vec::new();
    let mut profiles = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => anyhow!("line {}: {e}", physical_line(bytes, p.byte())),
            None => anyhow!("{e}"),
        })?;
        let line = record
            .position()
            .map_or(0, |p| physical_line(bytes, p.byte()));
        if record.len() != keys.len() {
            let fields = if record.len() == 1 { "field" } else { "fields" };
            problems.push(format!(
                "line {line}: has {} {fields} but the header has {} (is a quote left open?)",
                record.len(),
                keys.len()
            ));
            continue;
        }
        let mut draft = Draft::new();
        for (key, text) in keys.iter().zip(record.iter()) {
            draft.set(key, restore(text));
        }
        match Profile::from_draft(&draft) {
            Err(errs) => problems.extend(
                errs.0
                    .iter()
                    .map(|e| format!("line {line}, field {}: {}", e.field, e.message)),
            ),
            Ok(p) => {
                let folded = fold(&p.name);
                if let Some(first) = seen.get(&folded) {
                    problems.push(format!(
                        "line {line}, field name: '{}' is already on line {first} of the file",
                        p.name
                    ));
                } else if let Some(existing) = taken.get(&folded) {
                    problems.push(format!(
                        "line {line}, field name: '{existing}' is already on this roster"
                    ));
                } else {
                    seen.insert(folded, line);
                    profiles.push((line, p));
                }
            }
        }
    }
    if problems.is_empty() {
        return Ok(profiles);
    }
    let more = problems.len().saturating_sub(MAX_LISTED);
    problems.truncate(MAX_LISTED);
    let mut msg = problems.join("; ");
    if more > 0 {
        msg.push_str(&format!("; and {more} more"));
    }
    Err(anyhow!(msg))
}

/// Adds every row of a roster CSV to `community`, all or nothing: every row is validated
/// first (errors name the line and field), then all are inserted in one transaction.
/// Returns how many members were added.
pub fn import(store: &mut Store, community: CommunityId, csv: &[u8]) -> anyhow::Result<usize> {
    let profiles = read_rows(store, community, csv)?;
    let now = Utc::now();
    let n = store.write(|tx| -> Result<usize> {
        for (line, p) in &profiles {
            tx.insert_member(community, p, now).map_err(|e| match e {
                super::StoreError::Duplicate(m) => {
                    super::StoreError::Duplicate(format!("line {line}, field {m}"))
                }
                other => other,
            })?;
        }
        Ok(profiles.len())
    })?;
    Ok(n)
}

/// Whether a spreadsheet would treat a cell starting with `c` as a formula.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// A cell as written: one that a spreadsheet would run as a formula gets a leading `'`,
/// and so does one that already starts with `'`, so that [`restore`] undoes it exactly.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(is_formula_start) || cell.starts_with('\'') {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as read: the `'` that [`defuse`] (or a leader in a spreadsheet) put before it
/// is taken off, so an exported roster comes back in unchanged.
pub fn restore(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// The UTF-8 byte-order mark: without it, a spreadsheet opening a CSV by double-click
/// reads it in the computer's legacy code page and accented names come out garbled.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A community's roster as CSV: the header, then every member (active ones first, then
/// those who left), as [`Store::members`] orders them. Lines end in CRLF; `bom` starts the
/// file with [`BOM`].
pub fn export(store: &Store, community: CommunityId, bom: bool) -> anyhow::Result<Vec<u8>> {
    let start = if bom { BOM.to_vec() } else { Vec::new() };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(start);
    w.write_record(FIELDS)?;
    for m in store.members(community)? {
        let p = &m.profile;
        let joined = p.joined.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            &p.name,
            &p.role,
            &p.brings,
            &p.hopes,
            &p.learning_style,
            &p.strengths,
            &p.growth_areas,
            &joined,
        ];
        w.write_record(cells.iter().map(|c| defuse(c).into_owned()))?;
    }
    w.into_inner()
        .map_err(|e| anyhow!("cannot write the roster CSV: {}", e.error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        for bad in ["=1+1", "+44 20", "-x", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse(bad), format!("'{bad}"));
        }
        assert_eq!(defuse("Ada"), "Ada");
        assert_eq!(defuse("'quoted"), "''quoted");
        for cell in ["=1+1", "'quoted", "''", "Ada", "", "a'b"] {
            assert_eq!(restore(&defuse(cell)), cell, "{cell:?}");
        }
        assert_eq!(defuse("a=b"), "a=b");
        assert_eq!(defuse(""), "");
    }

    #[test]
    fn physical_lines_count_every_kind_of_line_end() {
        let text = b"a\r\nb\nc\rd";
        let at = |needle: u8| text.iter().position(|&b| b == needle).unwrap() as u64;
        assert_eq!(physical_line(text, at(b'a')), 1);
        assert_eq!(physical_line(text, at(b'b')), 2);
        assert_eq!(physical_line(text, at(b'c')), 3);
        assert_eq!(physical_line(text, at(b'd')), 4);
        assert_eq!(physical_line(text, 999), 4);
    }

    #[test]
    fn header_in_any_order_and_case() {
        let h = csv::StringRecord::from(vec!["Joined", " name ", "role"]);
        assert_eq!(read_header(&h).unwrap(), ["joined", "name", "role"]);
    }

    #[test]
    fn header_problems_are_named() {
        let unknown = csv::StringRecord::from(vec!["name", "email"]);
        assert!(
            read_header(&unknown)
                .unwrap_err()
                .to_string()
                .contains("'email'")
        );
        let twice = csv::StringRecord::from(vec!["name", "role", "Role"]);
        assert!(
            read_header(&twice)
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        let no_name = csv::StringRecord::from(vec!["role"]);
        assert!(
            read_header(&no_name)
                .unwrap_err()
                .to_string()
                .contains("'name'")
        );
    }
}
