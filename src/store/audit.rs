//! The query-plan audit: the SQL of every statement the store runs while recording, and
//! the tables SQLite's plan for a statement reads whole. `tests/scale.rs` drives every
//! screen with recording on and fails on a scan of a table that grows with the history.

use super::{Result, Store};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::cell::RefCell;

thread_local! {
    /// The statements recorded on this thread, in the order first run (`None`: off).
    static SEEN: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// SQLite's callback as a statement starts: keeps its SQL text (parameters unbound),
/// once; a trigger's own programs (`-- TRIGGER …`) are left out.
fn seen(event: TraceEvent<'_>) {
    let TraceEvent::Stmt(_, sql) = event else {
        return;
    };
    if sql.trim_start().starts_with("--") {
        return;
    }
    SEEN.with(|s| {
        if let Some(all) = s.borrow_mut().as_mut()
            && !all.iter().any(|x| x == sql)
        {
            all.push(sql.to_owned());
        }
    });
}

impl Store {
    /// Starts recording the SQL of every statement this store runs on this thread.
    pub fn record_statements(&self) {
        SEEN.with(|s| *s.borrow_mut() = Some(Vec::new()));
        self.conn()
            .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(seen));
    }

    /// Stops recording and returns each distinct statement run since it started.
    pub fn recorded_statements(&self) -> Vec<String> {
        self.conn().trace_v2(TraceEventCodes::empty(), None);
        SEEN.with(|s| s.borrow_mut().take().unwrap_or_default())
    }

    /// The stored tables (not full-text or subquery results) that SQLite's plan for
    /// `sql` reads from end to end (`SCAN t`, also through a covering index), by name,
    /// an alias in the plan taken back to its table.
    pub fn table_scans(&self, sql: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        // Parameters stay unbound (NULL): the plan does not depend on their values.
        let mut rows = stmt.raw_query();
        let mut steps = Vec::new();
        while let Some(r) = rows.next()? {
            steps.push(r.get::<_, String>(3)?);
        }
        let words: Vec<&str> = sql
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        let mut scans = Vec::new();
        for step in steps {
            let Some(rest) = step.strip_prefix("SCAN ") else {
                continue;
            };
            let name = rest.split_whitespace().next().unwrap_or_default();
            // `FROM note n` or `FROM note AS n`: the word before the alias.
            let mut candidates = vec![name];
            for (i, w) in words.iter().enumerate().skip(1) {
                if w.eq_ignore_ascii_case(name) {
                    let before = words[i - 1];
                    match before.eq_ignore_ascii_case("AS") {
                        true if i >= 2 => candidates.push(words[i - 2]),
                        true => {}
                        false => candidates.push(before),
                    }
                }
            }
            for table in candidates {
                if self.is_stored_table(table)? {
                    scans.push(table.to_owned());
                    break;
                }
            }
        }
        Ok(scans)
    }

    fn is_stored_table(&self, name: &str) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema
                             WHERE type = 'table' AND name = ?1 COLLATE NOCASE AND rootpage > 0)",
            [name],
            |r| r.get(0),
        )?)
    }
}
