//! Whole-database operations: the JSON dump (export), restoring it (import), and replacing
//! every row in one transaction (shared by import and the demo). The format is described
//! in docs/FORMAT.md.

use super::{Result as StoreResult, Store, Tx};
use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;
use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Version of the dump layout. Bumped only for changes an older reader would misread;
/// a new table or column is carried by `schema_version` instead.
pub const FORMAT_VERSION: i64 = 1;

/// A table the dump carries, with words for the import summary.
pub(super) struct Table {
    pub(super) name: &'static str,
    one: &'static str,
    many: &'static str,
}

const fn table(name: &'static str, one: &'static str, many: &'static str) -> Table {
    Table { name, one, many }
}

/// Every table, parents before children: the order rows are inserted in (and deleted in
/// reverse). The FTS index `search_fts` and the [`DERIVED`] tables are not here: they
/// are rebuilt from their sources (`dump_index` on import).
pub(super) const TABLES: &[Table] = &[
    table("community", "community", "communities"),
    table("member", "member", "members"),
    table("leadership", "leadership term", "leadership terms"),
    table("goal", "goal", "goals"),
    table("cycle", "cycle", "cycles"),
    table("cycle_goal", "goal a cycle serves", "goals cycles serve"),
    table("cycle_phase", "cycle phase", "cycle phases"),
    table("improvement", "improvement", "improvements"),
    table("meeting", "meeting", "meetings"),
    table("meeting_pause", "pause", "pauses"),
    table("draft", "draft", "drafts"),
    table("form_draft", "form draft", "form drafts"),
    table("icebreaker", "icebreaker", "icebreakers"),
    table("agenda_item", "agenda item", "agenda items"),
    table("item_visit", "agenda item visit", "agenda item visits"),
    table("icebreaker_use", "icebreaker use", "icebreaker uses"),
    table("template", "template", "templates"),
    table("template_item", "template item", "template items"),
    table("attendance", "attendance record", "attendance records"),
    table("speaking_turn", "speaking turn", "speaking turns"),
    table("floor_span", "floor span", "floor spans"),
    table("note", "note", "notes"),
    table("consent_check", "consent check", "consent checks"),
    table("consent_vote", "consent vote", "consent votes"),
    table("action_item", "action item", "action items"),
    table("action_update", "action follow-up", "action follow-ups"),
    table("agreement", "working agreement", "working agreements"),
    table("setting", "setting", "settings"),
];

/// Tables derived from the others, like `search_fts`: never dumped, refilled by `import
/// json` (`dump_index`), and compared with their sources by `roundtable check`.
pub(super) const DERIVED: &[&str] = &["meeting_tally"];

/// The ordinary tables of the open database (no SQLite internals, virtual or shadow
/// tables, nor the [`DERIVED`] ones).
pub(super) fn schema_tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM pragma_table_list
         WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    rows.filter(|n| n.as_ref().map_or(true, |n| !DERIVED.contains(&n.as_str())))
        .collect()
}

/// Fails if the schema has a table the dump does not know: exporting it would lose data.
fn check_table_list(conn: &Connection) -> Result<()> {
    for name in schema_tables(conn)? {
        if !TABLES.iter().any(|t| t.name == name) {
            bail!("table '{name}' is missing from the dump's table list (a bug in Roundtable)");
        }
    }
    Ok(())
}

/// One row, columns in table order.
pub(super) struct Row(pub(super) Vec<(String, Value)>);

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Tables in dependency order (a JSON object whose keys keep that order).
struct Tables(Vec<(&'static str, Vec<Row>)>);

impl Serialize for Tables {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct DumpOut {
    format_version: i64,
    schema_version: i64,
    generator: String,
    tables: Tables,
}

fn read_rows(conn: &Connection, table: &str) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))?;
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(row_value(table, &names, row)?);
    }
    Ok(out)
}

/// The whole database as pretty JSON with a trailing newline. Deterministic: the same
/// data always gives the same bytes (no export timestamp), so export → import → export
/// round-trips exactly.
pub fn export(store: &Store) -> Result<String> {
    let mut out = Vec::new();
    export_to(store, &mut out)?;
    String::from_utf8(out).context("the dump is not UTF-8 (a bug in Roundtable)")
}

/// [`export`] streamed into `out`: rows are read and written one at a time, so memory
/// stays flat however large the database (the same bytes as [`export`]).
pub fn export_to(store: &Store, out: &mut dyn std::io::Write) -> Result<()> {
    let conn = store.conn();
    // One read transaction: a consistent snapshot even while the app writes.
    let tx = conn.unchecked_transaction()?;
    check_table_list(&tx)?;
    let tables = StreamTables(&tx);
    let dump = DumpHeader {
        format_version: FORMAT_VERSION,
        schema_version: super::schema_version(),
        generator: format!("roundtable {}", env!("CARGO_PKG_VERSION")),
        tables: &tables,
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut w, &dump).context("cannot write JSON")?;
    std::io::Write::write_all(&mut w, b"\n")?;
    std::io::Write::flush(&mut w)?;
    drop(tx);
    Ok(())
}

#[derive(Serialize)]
struct DumpHeader<'a> {
    format_version: i64,
    schema_version: i64,
    generator: String,
    tables: &'a StreamTables<'a>,
}

/// Every table, each serialised straight from its query.
struct StreamTables<'a>(&'a Connection);

impl Serialize for StreamTables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(TABLES.len()))?;
        for t in TABLES {
            map.serialize_entry(t.name, &StreamRows(self.0, t.name))?;
        }
        map.end()
    }
}

/// One table's rows, read while they are written.
struct StreamRows<'a>(&'a Connection, &'static str);

impl Serialize for StreamRows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let table = self.1;
        let fail = |e: &dyn std::fmt::Display| S::Error::custom(format!("table {table}: {e}"));
        let mut stmt = self
            .0
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY rowid"))
            .map_err(|e| fail(&e))?;
        let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
        let mut rows = stmt.query([]).map_err(|e| fail(&e))?;
        let mut seq = s.serialize_seq(None)?;
        while let Some(row) = rows.next().map_err(|e| fail(&e))? {
            let row = row_value(table, &names, row).map_err(|e| fail(&e))?;
            seq.serialize_element(&row)?;
        }
        seq.end()
    }
}

/// One row as JSON cells, columns in table order.
fn row_value(table: &str, names: &[String], row: &rusqlite::Row<'_>) -> Result<Row> {
    let mut cells = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let value = match row.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::from(n),
            ValueRef::Real(f) => serde_json::Number::from_f64(f)
                .map(Value::Number)
                .ok_or_else(|| anyhow!("table {table}, column {name}: {f} is not a number"))?,
            // Text is always UTF-8 when Roundtable wrote it; anything else is kept
            // readable rather than failing the whole backup.
            ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(_) => {
                bail!("table {table}, column {name}: binary data cannot be exported")
            }
        };
        cells.push((name.clone(), value));
    }
    Ok(Row(cells))
}

/// [`export`] for sharing: members pseudonymised and their private fields dropped
/// (see [`super::redact`]). As deterministic as [`export`]; built in memory (the
/// pseudonyms are applied across tables).
pub fn export_redacted(store: &Store) -> Result<String> {
    let conn = store.conn();
    let tx = conn.unchecked_transaction()?;
    check_table_list(&tx)?;
    let mut tables = Vec::with_capacity(TABLES.len());
    for t in TABLES {
        let rows =
            read_rows(&tx, t.name).with_context(|| format!("cannot read table {}", t.name))?;
        tables.push((t.name, rows));
    }
    drop(tx);
    super::redact::redact(&mut tables);
    let dump = DumpOut {
        format_version: FORMAT_VERSION,
        schema_version: super::schema_version(),
        generator: format!("roundtable {} (redacted)", env!("CARGO_PKG_VERSION")),
        tables: Tables(tables),
    };
    let mut json = serde_json::to_string_pretty(&dump).context("cannot write JSON")?;
    json.push('\n');
    Ok(json)
}

/// Declared type of each column of `table`, upper-case ("INTEGER", "TEXT", …).
pub(super) fn column_types(conn: &Connection, table: &str) -> Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare("SELECT name, upper(type) FROM pragma_table_info(?1)")?;
    let rows = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Converts a JSON cell to SQL, checking it against the column's declared type; text is
/// borrowed from the cell, not copied.
fn cell<'a>(value: &'a Value, declared: &str) -> std::result::Result<ValueRef<'a>, String> {
    let v = match value {
        Value::Null => return Ok(ValueRef::Null),
        Value::Number(n) => match n.as_i64() {
            Some(i) => ValueRef::Integer(i),
            None if n.is_u64() => return Err(format!("{n} is too large")),
            // Always `Some` here: a JSON number that is neither i64 nor u64 is an f64.
            None => ValueRef::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => ValueRef::Text(s.as_bytes()),
        Value::Bool(_) => return Err("true/false is not allowed (use 1 or 0)".into()),
        Value::Array(_) | Value::Object(_) => {
            return Err("lists and objects are not allowed".into());
        }
    };
    let fits = match declared {
        "INTEGER" => matches!(v, ValueRef::Integer(_)),
        "REAL" => matches!(v, ValueRef::Integer(_) | ValueRef::Real(_)),
        "TEXT" => matches!(v, ValueRef::Text(_)),
        _ => true,
    };
    if fits {
        Ok(v)
    } else {
        Err(format!(
            "expected {} but found {value}",
            declared.to_lowercase()
        ))
    }
}

/// The INSERT statement of a table's last row, reused while its rows have the same
/// columns (as every row `export json` writes has).
#[derive(Default)]
pub(super) struct InsertSql(Option<(Vec<String>, String)>);

impl InsertSql {
    /// The statement for a row with `columns`, built only when they changed.
    fn for_columns(&mut self, table: &str, row: &Map<String, Value>) -> &str {
        let same = matches!(&self.0, Some((columns, _)) if row.keys().eq(columns.iter()));
        if !same {
            let names: Vec<String> = row.keys().map(|c| format!("\"{c}\"")).collect();
            let sql = if names.is_empty() {
                format!("INSERT INTO \"{table}\" DEFAULT VALUES")
            } else {
                let marks: Vec<String> = (1..=names.len()).map(|n| format!("?{n}")).collect();
                format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({})",
                    names.join(", "),
                    marks.join(", ")
                )
            };
            self.0 = Some((row.keys().cloned().collect(), sql));
        }
        self.0.as_ref().map_or("", |(_, sql)| sql.as_str())
    }
}

/// Inserts row `index` of `table`, its cells checked against the column types; `sql`
/// keeps the statement of the table's previous row.
pub(super) fn insert_row(
    tx: &Connection,
    table: &str,
    index: usize,
    row: &Map<String, Value>,
    types: &BTreeMap<String, String>,
    sql: &mut InsertSql,
) -> Result<()> {
    // Where the row is, for messages (built only for one).
    let at = || match row.get("id").and_then(Value::as_i64) {
        Some(id) => format!("table {table}, row {} (id {id})", index + 1),
        None => format!("table {table}, row {}", index + 1),
    };
    let mut values = Vec::with_capacity(row.len());
    for (column, value) in row {
        let declared = types
            .get(column)
            .ok_or_else(|| anyhow!("{}: unknown column '{column}'", at()))?;
        let value = cell(value, declared).map_err(|e| anyhow!("{}, column {column}: {e}", at()))?;
        values.push(rusqlite::types::ToSqlOutput::Borrowed(value));
    }
    tx.prepare_cached(sql.for_columns(table, row))?
        .execute(rusqlite::params_from_iter(values))
        .map_err(|e| anyhow!("{}: {e}", at()))?;
    Ok(())
}

/// Deletes every row of every table (children first), inside an open transaction.
fn clear_all(tx: &Connection) -> rusqlite::Result<()> {
    for t in TABLES.iter().rev() {
        tx.execute(&format!("DELETE FROM \"{}\"", t.name), [])?;
    }
    Ok(())
}

/// "3 communities, 8 members, 1 goal" — the tables that received rows.
fn summary(counts: &[(&Table, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(t, n)| format!("{n} {}", if *n == 1 { t.one } else { t.many }))
        .collect();
    if parts.is_empty() {
        "nothing (the dump is empty)".into()
    } else {
        parts.join(", ")
    }
}

/// Restores a dump into an empty database, all or nothing, and returns a summary of what
/// was imported. Refuses a database that already holds data, a newer format, any unknown
/// table or column, a key given twice, and any row that breaks the domain rules (see
/// `dump_check`) or a constraint, named by table and position; what is imported must
/// read back as the app reads it.
/// The caller holds the file's [`InstanceLock`](super::lock::InstanceLock), so no other
/// writer can fill the database between the emptiness check and the transaction.
pub fn import(store: &mut Store, json: &[u8]) -> Result<String> {
    import_from(store, json)
}

/// [`import`] read from a stream (`import json FILE`): each row is checked and inserted
/// as it is read (`dump_import`), inside the one transaction, so memory stays bounded
/// however large the dump.
pub fn import_from(store: &mut Store, reader: impl std::io::Read) -> Result<String> {
    let target = store
        .path()
        .map_or_else(|| ":memory:".into(), |p| p.display().to_string());
    let not_empty = (!store.is_empty()?).then_some(target);
    let reader = std::io::BufReader::with_capacity(1 << 16, reader);
    // A larger page cache for the one long transaction (its pages are not re-read from
    // the WAL), then the connection's own again.
    let cache: i64 = store
        .conn()
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    store
        .conn()
        .pragma_update(None, "cache_size", super::dump_index::IMPORT_CACHE_SIZE)?;
    let counts = store.write_checked(
        |tx| -> Result<_> {
            // A database that holds data is read through, never written: its problems
            // are reported first, as a check of the whole dump would.
            let insert = not_empty.is_none();
            let index = if insert {
                clear_all(tx.conn())?;
                Some(super::dump_index::set_aside(tx.conn())?)
            } else {
                None
            };
            let mut import = super::dump_import::Import::new(tx.conn(), insert)?;
            import.run(&mut serde_json::Deserializer::from_reader(reader))?;
            let counts = import.verdict(not_empty.clone())?;
            if insert {
                tx.conn().execute_batch(super::actions::CANONICAL_DONE_AT)?;
            }
            if let Some(index) = index {
                index.restore(tx.conn())?;
            }
            // A dump without the built-in icebreakers (or with an older library) gets the
            // current ones, in the same transaction.
            tx.seed_library(Utc::now())?;
            Ok(TABLES.iter().zip(counts).collect::<Vec<_>>())
        },
        super::dump_check::read_back,
    );
    let restored = store.conn().pragma_update(None, "cache_size", cache);
    let counts = counts?;
    restored?;
    Ok(summary(&counts))
}

/// [`import_from`] into a new file at `db`, where nothing is (not even a dangling link):
/// the database is made and filled as an owner-only temporary file beside it, committed,
/// synced, then linked into place under its name, which never replaces a file (not even
/// one made meanwhile). A failed import removes the temporary file; a killed one leaves
/// only that file (`.NAME.PID-RANDOM.tmp`, with SQLite's companions if killed while it
/// was being made), which nothing opens, so `db` is never there half-filled. That is why the load needs no journal on disk and no sync of its own
/// (`journal_mode = MEMORY`, `synchronous = OFF`: the ~750 MB of the large dump are
/// written once, not to the WAL and then again into the file); the file is synced whole
/// before it takes its name, and the folder after.
pub fn import_new(db: &Path, reader: impl std::io::Read) -> Result<String> {
    if let Some(folder) = super::file::missing_folder(db) {
        return Err(super::OpenError::NoFolder {
            path: db.into(),
            folder,
        }
        .into());
    }
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = db
        .file_name()
        .context("the database needs a file name")?
        .to_string_lossy()
        .into_owned();
    let (tmp, handle) = crate::fsutil::create_temp(&dir, &name)
        .with_context(|| format!("cannot write the database at {}", db.display()))?;
    drop(handle);
    let result = (|| {
        let summary = {
            let (mut store, _lock) = Store::open_exclusive(&tmp)?;
            journal_mode(store.conn(), "memory")?;
            store.conn().pragma_update(None, "synchronous", "OFF")?;
            let summary = import_from(&mut store, reader)?;
            // As every database is kept: in WAL mode.
            journal_mode(store.conn(), "wal")?;
            summary
        };
        std::fs::File::open(&tmp)?.sync_all()?;
        match crate::fsutil::link_new(&tmp, db) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
                "{} appeared while the import ran; it was left as it is",
                db.display()
            ),
            other => other?,
        }
        // The name itself, kept across a power cut (best effort: the file is in place).
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(summary)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        for c in crate::fsutil::companions(&tmp) {
            let _ = std::fs::remove_file(c);
        }
    }
    result
}

/// Sets the journal mode (`memory` or `wal`), failing if SQLite keeps another.
fn journal_mode(conn: &Connection, mode: &str) -> Result<()> {
    let sql = match mode {
        "memory" => "PRAGMA journal_mode = MEMORY",
        _ => "PRAGMA journal_mode = WAL",
    };
    let set: String = conn.query_row(sql, [], |r| r.get(0))?;
    if set != mode {
        bail!("cannot set journal_mode {mode} (SQLite kept {set})");
    }
    Ok(())
}

/// Replaces everything in the database in one transaction: every table is emptied, then
/// `fill` adds the new contents, and what every database starts with (the built-in
/// icebreakers) is seeded again if `fill` did not. All of it is committed, or none.
pub fn replace_all<T>(
    store: &mut Store,
    fill: impl FnOnce(&Tx<'_>) -> StoreResult<T>,
) -> StoreResult<T> {
    store.write(|tx| {
        clear_all(tx.conn())?;
        let out = fill(tx)?;
        tx.seed_library(Utc::now())?;
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_list_matches_the_schema() {
        let store = Store::open_in_memory().unwrap();
        let mut listed: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        listed.sort_unstable();
        assert_eq!(schema_tables(store.conn()).unwrap(), listed);
    }

    #[test]
    fn format_md_describes_every_table_and_column() {
        let doc = include_str!("../../docs/FORMAT.md");
        let store = Store::open_in_memory().unwrap();
        for t in TABLES {
            let heading = format!("#### `{}`", t.name);
            let start = doc
                .find(&heading)
                .unwrap_or_else(|| panic!("FORMAT.md describes {}", t.name));
            let end = doc[start + 1..]
                .find("\n#### ")
                .map_or(doc.len(), |i| start + 1 + i);
            for (column, _) in column_types(store.conn(), t.name).unwrap() {
                assert!(
                    doc[start..end].contains(&format!("| `{column}`")),
                    "FORMAT.md describes {}.{column}",
                    t.name
                );
            }
        }
    }

    #[test]
    fn tables_are_listed_after_the_tables_they_reference() {
        let store = Store::open_in_memory().unwrap();
        for (i, t) in TABLES.iter().enumerate() {
            let mut stmt = store
                .conn()
                .prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)")
                .unwrap();
            let parents: Vec<String> = stmt
                .query_map([t.name], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for p in parents {
                let j = TABLES.iter().position(|x| x.name == p).unwrap();
                // A note may reference an earlier note (a solution answers a problem
                // noted before it, which `link_solution` keeps): rows go in id order.
                let earlier_row = t.name == "note" && p == "note";
                assert!(
                    j < i || earlier_row,
                    "{} references {p}, which comes later",
                    t.name
                );
            }
        }
    }

    /// The demo's dump and the folder that holds the demo.
    fn demo_dump() -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::create(&path, false).unwrap();
        let dump = export(&Store::open(&path).unwrap()).unwrap();
        (dir, dump)
    }

    /// The names in `dir`.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Into a new file: the database whole under its name, owner-only, in WAL mode as
    /// every database is kept, reading back what was exported; nothing else is left.
    #[test]
    fn an_import_into_a_new_file_leaves_that_file_alone() {
        use std::os::unix::fs::PermissionsExt;
        let (_demo, dump) = demo_dump();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let summary = import_new(&db, dump.as_bytes()).unwrap();
        assert!(summary.contains("communit"), "{summary}");
        assert_eq!(names(dir.path()), ["new.db"]);
        let mode = std::fs::metadata(&db).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let header = std::fs::read(&db).unwrap();
        assert_eq!(header[18..20], [2, 2], "WAL mode in the header");
        let store = Store::open_read_only(&db).unwrap();
        assert_eq!(export(&store).unwrap(), dump);
    }

    /// Refused (a late row breaks a foreign key, after every earlier row went in):
    /// neither the database nor its temporary file is left.
    #[test]
    fn a_refused_import_into_a_new_file_leaves_nothing() {
        let (_demo, dump) = demo_dump();
        let mut bad: Value = serde_json::from_str(&dump).unwrap();
        let notes = bad["tables"]["note"].as_array_mut().unwrap();
        let last = notes.len() - 1;
        notes[last]["member_id"] = Value::from(999_999);
        let bad = serde_json::to_string(&bad).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let e = import_new(&db, bad.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("FOREIGN KEY"), "{e}");
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }

    /// A file made at the path while the import ran (another program, another import)
    /// is never replaced: the import is refused and that file left as it is.
    #[test]
    fn a_file_made_meanwhile_is_never_replaced() {
        /// Reads the dump, and makes a file at `db` once it has all been read.
        struct MakesFileAtEnd<'a> {
            dump: &'a [u8],
            db: &'a Path,
        }
        use std::io::Read;
        impl Read for MakesFileAtEnd<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.dump.read(buf)?;
                if n == 0 && !self.db.exists() {
                    std::fs::write(self.db, b"someone else's")?;
                }
                Ok(n)
            }
        }
        let (_demo, dump) = demo_dump();
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("new.db");
        let reader = MakesFileAtEnd {
            dump: dump.as_bytes(),
            db: &db,
        };
        let e = import_new(&db, reader).unwrap_err().to_string();
        assert!(e.contains("appeared while the import ran"), "{e}");
        assert_eq!(std::fs::read(&db).unwrap(), b"someone else's");
        assert_eq!(names(dir.path()), ["new.db"]);
    }

    #[test]
    fn cells_are_checked_against_column_types() {
        assert_eq!(cell(&Value::from(3), "INTEGER"), Ok(ValueRef::Integer(3)));
        assert!(cell(&Value::from("3"), "INTEGER").is_err());
        assert!(cell(&Value::from(3), "TEXT").is_err());
        assert!(cell(&Value::Bool(true), "INTEGER").is_err());
        assert_eq!(cell(&Value::Null, "TEXT"), Ok(ValueRef::Null));
        assert!(cell(&Value::from(u64::MAX), "INTEGER").is_err());
    }

    #[test]
    fn summary_names_only_filled_tables() {
        let counts = [(&TABLES[0], 1), (&TABLES[1], 8), (&TABLES[3], 0)];
        assert_eq!(summary(&counts), "1 community, 8 members");
        assert_eq!(summary(&[]), "nothing (the dump is empty)");
    }
}
