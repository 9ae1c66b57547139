//! `import json`, streamed: the dump is read row by row from any reader and each row is
//! checked (`dump_check::Checker`) and inserted inside the one transaction, so memory
//! stays bounded whatever the size of a dump written by Roundtable (its tables come
//! parents first). A table that comes before a table it references (a dump edited by
//! hand) is held in memory until that one has been read. Refused whole, never half-written, with the same messages and in the
//! same order of precedence as checking the whole dump first: invalid JSON (including a
//! key given twice), then the header and shape, then the rows' problems, then a
//! database that already holds data, then what SQLite refuses, then the read-back.

use super::dump::{InsertSql, TABLES, insert_row};
use super::dump_check::{Checker, Strict};
use anyhow::{Result, anyhow, bail};
use rusqlite::Connection;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

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
    seen: Vec<String>,
    /// Tables read before a table they reference, by index in `TABLES`.
    held: BTreeMap<usize, Vec<Row>>,
    /// Rows per table (for the summary).
    pub(super) counts: Vec<usize>,
    /// The first insert SQLite refused; nothing more is inserted after it.
    failed: Option<anyhow::Error>,
    types: HashMap<&'static str, BTreeMap<String, String>>,
    /// Per table (index in `TABLES`): the INSERT statement of its last row.
    sql: Vec<InsertSql>,
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
            seen: Vec::new(),
            held: BTreeMap::new(),
            counts: vec![0; TABLES.len()],
            failed: None,
            types: HashMap::new(),
            sql: TABLES.iter().map(|_| InsertSql::default()).collect(),
        })
    }

    /// Reads the whole dump from `de`, checking and inserting as it goes, then returns
    /// the first reason to refuse it, if any.
    pub(super) fn run<R: std::io::Read>(
        &mut self,
        de: &mut serde_json::Deserializer<serde_json::de::IoRead<R>>,
    ) -> Result<()> {
        de.deserialize_any(Top(self))
            .and_then(|()| de.end())
            .map_err(|e| anyhow!("not valid JSON: {e}"))?;
        // What still waits for a table the dump lacks goes in, parents first.
        for (i, rows) in std::mem::take(&mut self.held) {
            self.table_rows(i, rows);
            self.done[i] = true;
        }
        Ok(())
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

/// The top-level object: the header's values, and `tables` streamed.
struct Top<'a, 'c>(&'a mut Import<'c>);

impl<'de> Visitor<'de> for Top<'_, '_> {
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
                self.0.header.insert(key, v);
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        self.0.not_object();
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.0.not_object();
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.0.not_object();
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.0.not_object();
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.0.not_object();
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.0.not_object();
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.not_object();
        Ok(())
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

fn twice<E: de::Error>(key: &str) -> E {
    E::custom(format!(
        "the key \"{}\" appears twice in one object",
        crate::domain::text::one_line(key)
    ))
}

/// `tables`: each table's rows streamed (or held until the table's turn).
struct TablesSeed<'a, 'c>(&'a mut Import<'c>);

impl<'de> DeserializeSeed<'de> for TablesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.saw_tables = true;
        while let Some(name) = map.next_key::<String>()? {
            if self.0.seen.contains(&name) {
                return Err(twice(&name));
            }
            self.0.seen.push(name.clone());
            match TABLES.iter().position(|t| t.name == name) {
                Some(t) => map.next_value_seed(RowsSeed {
                    import: &mut *self.0,
                    table: t,
                })?,
                None => {
                    let Strict(_) = map.next_value()?;
                    self.0.shape_error(format!("unknown table '{name}'"));
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
struct RowsSeed<'a, 'c> {
    import: &'a mut Import<'c>,
    table: usize,
}

impl<'de> DeserializeSeed<'de> for RowsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl RowsSeed<'_, '_> {
    fn not_a_list(self) {
        let name = TABLES[self.table].name;
        self.import
            .shape_error(format!("table {name}: expected a list of rows"));
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (import, t) = (self.import, self.table);
        let name = TABLES[t].name;
        let in_turn = import.ready(t);
        let mut held = Vec::new();
        let mut i = 0;
        while let Some(Strict(v)) = seq.next_element()? {
            match v {
                Value::Object(row) if in_turn => import.row(t, i, &row),
                Value::Object(row) => held.push(row),
                _ => import.shape_error(format!("table {name}, row {}: expected an object", i + 1)),
            }
            i += 1;
        }
        if in_turn {
            import.read(t);
        } else {
            import.held.insert(t, held);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key::<String>()?.is_some() {
            let Strict(_) = map.next_value()?;
        }
        self.not_a_list();
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.not_a_list();
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        self.not_a_list();
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        self.not_a_list();
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.not_a_list();
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        self.not_a_list();
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        self.not_a_list();
        Ok(())
    }
}
