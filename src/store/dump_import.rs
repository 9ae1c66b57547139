//! `import json`, streamed: the dump is read row by row from any reader and each row is
//! checked (`dump_check::Checker`) and inserted inside the one transaction, so memory
//! stays bounded whatever the size of a dump written by Roundtable (its tables come
//! parents first). A table that comes before a table it references (a dump edited by
//! hand) is held in memory until that one has been read. Refused whole, never half-written, with the same messages and in the
//! same order of precedence as checking the whole dump first: invalid JSON (including a
//! key given twice), then the header and shape, then the rows' problems, then a
//! database that already holds data, then what SQLite refuses, then the read-back.
//!
//! Two threads share the work: one reads the JSON into rows ([`parse`]) while the
//! import's own thread checks and inserts the rows read before, handed over in batches
//! through a short queue (so memory stays bounded). Everything the reader finds goes
//! over in the order it was read, so the outcome is the same as reading and inserting
//! on one thread.

use super::dump::{InsertSql, TABLES, insert_row};
use super::dump_check::{Checker, Strict};
use anyhow::{Result, anyhow, bail};
use rusqlite::Connection;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::mpsc::{SyncSender, sync_channel};

/// Rows per batch handed from the reading thread to the inserting one.
const BATCH: usize = 256;

/// Batches the reading thread may be ahead of the inserting one.
const QUEUE: usize = 8;

type Row = Map<String, Value>;

/// What an import has read and done so far.
pub(super) struct Import<'c> {
    /// Where rows go; `None` while nothing may be inserted (the database holds data).
    conn: Option<&'c Connection>,
    /// Per table (index in `TABLES`): the tables it references, and whether it was read.
    parents: Vec<Vec<usize>>,
    done: Vec<bool>,
    checker: Checker,
    header: BTreeMap<String, Value>,
    /// The first problem with the dump's shape (an unknown table, a row not an object).
    shape: Option<anyhow::Error>,
    saw_tables: bool,
    /// Tables read before a table they reference, by index in `TABLES`.
    held: BTreeMap<usize, Vec<Row>>,
    /// Rows per table (for the summary).
    pub(super) counts: Vec<usize>,
    /// The first insert SQLite refused; nothing more is inserted after it.
    failed: Option<anyhow::Error>,
    types: HashMap<&'static str, BTreeMap<String, String>>,
    /// Per table (index in `TABLES`): the INSERT statement of its last row.
    sql: Vec<InsertSql>,
    /// The table whose rows are being read.
    table: Option<Reading>,
}

/// A table whose rows are being read.
struct Reading {
    /// Its index in `TABLES`.
    t: usize,
    /// Whether its rows go in as they come (every table it references was read).
    in_turn: bool,
    /// Its rows, when they wait for a table not read yet.
    held: Vec<Row>,
    /// The index of its next row.
    next: usize,
}

/// What the reading thread found, in the order it read it.
enum Event {
    /// A top-level key other than `tables`, with its value.
    Header(String, Value),
    /// The document is not an object.
    NotObject,
    /// `tables` is an object.
    Tables,
    /// A problem with the dump's shape.
    Shape(String),
    /// The rows of table `TABLES[t]` follow.
    Start(usize),
    /// The next rows of that table (any JSON value: each is checked to be an object).
    Rows(Vec<Value>),
    /// That table's rows are all read.
    End,
}

impl<'c> Import<'c> {
    /// An import reading the schema through `schema`, inserting through it when `insert`.
    pub(super) fn new(schema: &'c Connection, insert: bool) -> Result<Self> {
        let mut parents = Vec::with_capacity(TABLES.len());
        let mut stmt = schema.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)")?;
        for (i, t) in TABLES.iter().enumerate() {
            let names = stmt
                .query_map([t.name], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let of: Vec<usize> = names
                .iter()
                .filter_map(|n| TABLES.iter().position(|x| x.name == n))
                .filter(|&p| p != i)
                .collect();
            parents.push(of);
        }
        Ok(Self {
            conn: insert.then_some(schema),
            parents,
            done: vec![false; TABLES.len()],
            checker: Checker::default(),
            header: BTreeMap::new(),
            shape: None,
            saw_tables: false,
            held: BTreeMap::new(),
            counts: vec![0; TABLES.len()],
            failed: None,
            types: HashMap::new(),
            sql: TABLES.iter().map(|_| InsertSql::default()).collect(),
            table: None,
        })
    }

    /// Reads the whole dump from `reader` on a thread of its own, checking and inserting
    /// here what it read, then returns the first reason to refuse it, if any.
    pub(super) fn run<R: std::io::Read + Send>(&mut self, reader: R) -> Result<()> {
        let parsed = std::thread::scope(|s| {
            let (tx, rx) = sync_channel(QUEUE);
            let reading = s.spawn(move || parse(reader, tx));
            // Ends when the reader is done (its end of the queue dropped).
            for event in rx {
                self.event(event);
            }
            reading.join()
        });
        match parsed {
            Ok(Ok(())) => {}
            Ok(Err(e)) => bail!("not valid JSON: {e}"),
            Err(_) => bail!("the dump could not be read (its reader stopped)"),
        }
        // What still waits for a table the dump lacks goes in, parents first.
        for (i, rows) in std::mem::take(&mut self.held) {
            self.table_rows(i, rows);
            self.done[i] = true;
        }
        Ok(())
    }

    /// One thing the reader found, in the order it read it.
    fn event(&mut self, event: Event) {
        match event {
            Event::Header(key, v) => {
                self.header.insert(key, v);
            }
            Event::NotObject => self.not_object(),
            Event::Tables => self.saw_tables = true,
            Event::Shape(msg) => self.shape_error(msg),
            Event::Start(t) => {
                self.table = Some(Reading {
                    t,
                    in_turn: self.ready(t),
                    held: Vec::new(),
                    next: 0,
                });
            }
            Event::Rows(rows) => {
                let Some(mut reading) = self.table.take() else {
                    return;
                };
                let name = TABLES[reading.t].name;
                for v in rows {
                    let i = reading.next;
                    match v {
                        Value::Object(row) if reading.in_turn => self.row(reading.t, i, &row),
                        Value::Object(row) => reading.held.push(row),
                        _ => self.shape_error(format!(
                            "table {name}, row {}: expected an object",
                            i + 1
                        )),
                    }
                    reading.next += 1;
                }
                self.table = Some(reading);
            }
            Event::End => {
                if let Some(reading) = self.table.take() {
                    if reading.in_turn {
                        self.read(reading.t);
                    } else {
                        self.held.insert(reading.t, reading.held);
                    }
                }
            }
        }
    }

    /// The verdict once everything is read, in the order a whole-dump check gives.
    pub(super) fn verdict(mut self, not_empty: Option<String>) -> Result<Vec<usize>> {
        self.check_header()?;
        if let Some(e) = self.shape.take() {
            return Err(e);
        }
        if !self.saw_tables {
            bail!("'tables' is missing or not an object");
        }
        std::mem::take(&mut self.checker).finish()?;
        if let Some(target) = not_empty {
            bail!(
                "the database at {target} already holds data; import into a new file with --db NEW.db"
            );
        }
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        Ok(self.counts)
    }

    fn check_header(&self) -> Result<()> {
        let format = self
            .header
            .get("format_version")
            .ok_or_else(|| anyhow!("not a Roundtable dump (no format_version)"))?
            .as_i64()
            .ok_or_else(|| anyhow!("format_version must be a whole number"))?;
        let known = super::dump::FORMAT_VERSION;
        if format > known {
            bail!(
                "the dump has format version {format}, newer than this Roundtable reads (up to {known}); upgrade Roundtable to import it"
            );
        }
        if format < 1 {
            bail!("unknown dump format version {format}");
        }
        let schema = self
            .header
            .get("schema_version")
            .and_then(Value::as_i64)
            .ok_or_else(|| anyhow!("schema_version is missing or not a whole number"))?;
        if schema > super::schema_version() {
            bail!(
                "the dump comes from a newer database (schema version {schema}; this Roundtable knows up to {}); upgrade Roundtable to import it",
                super::schema_version()
            );
        }
        if self.header.get("generator").is_some_and(|g| !g.is_string()) {
            bail!("generator must be a string");
        }
        if let Some(key) = self
            .header
            .keys()
            .find(|k| !["format_version", "schema_version", "generator"].contains(&k.as_str()))
        {
            bail!("unknown top-level key '{key}'");
        }
        Ok(())
    }

    /// Whether rows still go into the database: none after the first problem of any kind.
    fn inserting(&self) -> bool {
        self.conn.is_some()
            && self.failed.is_none()
            && self.shape.is_none()
            && !self.checker.failed()
    }

    /// Row `index` of table `t` (its index in `TABLES`): checked, then inserted.
    fn row(&mut self, t: usize, index: usize, row: &Row) {
        let name = TABLES[t].name;
        self.checker.row(name, index, row);
        self.counts[t] += 1;
        if !self.inserting() {
            return;
        }
        let Some(conn) = self.conn else {
            return;
        };
        let types = match self.types.get(name) {
            Some(types) => types,
            None => match super::dump::column_types(conn, name) {
                Ok(types) => self.types.entry(name).or_insert(types),
                Err(e) => {
                    self.failed = Some(e);
                    return;
                }
            },
        };
        let Some(sql) = self.sql.get_mut(t) else {
            return;
        };
        if let Err(e) = insert_row(conn, name, index, row, types, sql) {
            self.failed = Some(e);
        }
    }

    /// A whole table's rows, held until its turn.
    fn table_rows(&mut self, t: usize, rows: Vec<Row>) {
        for (i, row) in rows.iter().enumerate() {
            self.row(t, i, row);
        }
    }

    /// Whether every table `t` references has been read.
    fn ready(&self, t: usize) -> bool {
        self.parents[t].iter().all(|&p| self.done[p])
    }

    /// Table `t` was read: the tables held for it follow, parents first.
    fn read(&mut self, t: usize) {
        self.done[t] = true;
        while let Some(&next) = self.held.keys().find(|&&h| self.ready(h)) {
            if let Some(rows) = self.held.remove(&next) {
                self.table_rows(next, rows);
            }
            self.done[next] = true;
        }
    }
}

impl Import<'_> {
    fn shape_error(&mut self, msg: impl Into<String>) {
        if self.shape.is_none() {
            self.shape = Some(anyhow!(msg.into()));
        }
    }

    /// The whole document is not an object: that is the only thing said about it.
    fn not_object(&mut self) {
        self.shape = Some(anyhow!(
            "not a Roundtable dump (expected a JSON object at the top)"
        ));
        // Neither a header nor tables are asked for.
        self.header.insert("format_version".into(), Value::from(1));
        self.header.insert("schema_version".into(), Value::from(1));
        self.saw_tables = true;
    }
}

/// The reading thread: the whole dump read from `reader`, what it holds sent through
/// `tx` as it is read. Fails on invalid JSON (a key given twice included).
fn parse<R: std::io::Read>(reader: R, tx: SyncSender<Event>) -> serde_json::Result<()> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut out = Sender {
        tx,
        rows: Vec::new(),
    };
    de.deserialize_any(Top(&mut out))?;
    de.end()
}

/// The reading thread's end of the queue.
struct Sender {
    tx: SyncSender<Event>,
    /// Rows read and not sent yet (at most [`BATCH`]).
    rows: Vec<Value>,
}

impl Sender {
    fn send<E: de::Error>(&self, event: Event) -> Result<(), E> {
        self.tx
            .send(event)
            .map_err(|_| E::custom("the import stopped reading"))
    }

    /// The rows read so far, sent.
    fn flush<E: de::Error>(&mut self) -> Result<(), E> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.rows, Vec::with_capacity(BATCH));
        self.send(Event::Rows(rows))
    }
}

/// The top-level object: the header's values, and `tables` streamed.
struct Top<'a>(&'a mut Sender);

impl<'de> Visitor<'de> for Top<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if keys.contains(&key) {
                return Err(twice(&key));
            }
            keys.push(key.clone());
            if key == "tables" {
                map.next_value_seed(TablesSeed(&mut *self.0))?;
            } else {
                let Strict(v) = map.next_value()?;
                self.0.send(Event::Header(key, v))?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        self.0.send(Event::NotObject)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.send(Event::NotObject)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.send(Event::NotObject)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.0.send(Event::NotObject)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.send(Event::NotObject)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.0.send(Event::NotObject)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.send(Event::NotObject)
    }
}

fn twice<E: de::Error>(key: &str) -> E {
    E::custom(format!(
        "the key \"{}\" appears twice in one object",
        crate::domain::text::one_line(key)
    ))
}

/// `tables`: each table's rows streamed.
struct TablesSeed<'a>(&'a mut Sender);

impl<'de> DeserializeSeed<'de> for TablesSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.send(Event::Tables)?;
        let mut seen: Vec<String> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            if seen.contains(&name) {
                return Err(twice(&name));
            }
            seen.push(name.clone());
            match TABLES.iter().position(|t| t.name == name) {
                Some(t) => map.next_value_seed(RowsSeed {
                    out: &mut *self.0,
                    table: t,
                })?,
                None => {
                    let Strict(_) = map.next_value()?;
                    self.0
                        .send(Event::Shape(format!("unknown table '{name}'")))?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// One table's rows.
struct RowsSeed<'a> {
    out: &'a mut Sender,
    table: usize,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl RowsSeed<'_> {
    fn not_a_list<E: de::Error>(self) -> Result<(), E> {
        let name = TABLES[self.table].name;
        self.out.send(Event::Shape(format!(
            "table {name}: expected a list of rows"
        )))
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let out = self.out;
        out.send(Event::Start(self.table))?;
        while let Some(Strict(v)) = seq.next_element()? {
            out.rows.push(v);
            if out.rows.len() >= BATCH {
                out.flush()?;
            }
        }
        out.flush()?;
        out.send(Event::End)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key::<String>()?.is_some() {
            let Strict(_) = map.next_value()?;
        }
        self.not_a_list()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.not_a_list()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_a_list()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use super::super::dump::import;
    use super::BATCH;

    const AT: &str = "2025-01-01T09:00:00.000Z";

    /// A dump holding `tables` (the inside of its `tables` object).
    fn dump(tables: &str) -> String {
        format!(
            r#"{{"format_version":1,"schema_version":{},"tables":{{{tables}}}}}"#,
            super::super::schema_version()
        )
    }

    /// `n` planned meetings of community 1, ids 1…n, as rows.
    fn meeting_rows(n: usize) -> Vec<String> {
        (1..=n)
            .map(|m| {
                format!(
                    r#"{{"id":{m},"community_id":1,"title":"Meeting {m}","scheduled_at":"{AT}","planned_minutes":60,"created_at":"{AT}"}}"#
                )
            })
            .collect()
    }

    fn meetings(rows: &[String]) -> String {
        format!(r#""meeting":[{}]"#, rows.join(","))
    }

    fn community() -> String {
        format!(r#""community":[{{"id":1,"name":"Big","created_at":"{AT}"}}]"#)
    }

    fn count(store: &Store, table: &str) -> i64 {
        store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// Rows reach the inserting thread in batches: a row that is not an object, past
    /// the first batches, is still named by its place in the whole table.
    #[test]
    fn a_bad_row_in_a_later_batch_is_named_by_its_place_in_the_table() {
        let mut rows = meeting_rows(2 * BATCH + 5);
        let at = 2 * BATCH + 1;
        rows.insert(at, "7".into());
        let mut store = Store::open_in_memory().unwrap();
        let json = dump(&format!("{},{}", community(), meetings(&rows)));
        let e = import(&mut store, json.as_bytes()).unwrap_err().to_string();
        assert_eq!(
            e,
            format!("table meeting, row {}: expected an object", at + 1)
        );
        assert_eq!(count(&store, "meeting"), 0);
    }

    /// A table read before the table it references, longer than a batch, waits for it
    /// whole and then goes in.
    #[test]
    fn a_table_before_its_parent_spans_batches_and_goes_in_whole() {
        let n = 3 * BATCH + 1;
        let mut store = Store::open_in_memory().unwrap();
        let json = dump(&format!("{},{}", meetings(&meeting_rows(n)), community()));
        let summary = import(&mut store, json.as_bytes()).unwrap();
        assert!(summary.contains(&format!("{n} meetings")), "{summary}");
        assert_eq!(count(&store, "meeting"), i64::try_from(n).unwrap());
    }

    /// JSON broken after several batches went in: refused as invalid JSON, nothing kept.
    #[test]
    fn json_broken_after_several_batches_leaves_nothing() {
        let whole = dump(&format!(
            "{},{}",
            community(),
            meetings(&meeting_rows(4 * BATCH))
        ));
        let cut = &whole[..whole.len() - 40];
        let mut store = Store::open_in_memory().unwrap();
        let e = import(&mut store, cut.as_bytes()).unwrap_err().to_string();
        assert!(e.starts_with("not valid JSON"), "{e}");
        assert_eq!(count(&store, "meeting"), 0);
        assert_eq!(count(&store, "community"), 0);
    }
}
