//! Checks a dump before import with the same domain rules as the forms and the roster
//! CSV (names, lengths, dates, minutes, cadences, kinds), and reads JSON refusing
//! duplicate keys. SQL constraints alone let through a 100,000-character name, escape
//! sequences, `not-a-date` and a meeting of 2^62 minutes; the app then could not show the
//! data. Every problem names its table, row and column. The learning-cycle rules (schema
//! 7) are in `dump_cycles`.

use crate::domain::agenda::{ItemInfo, TURN_MAX_SECONDS};
use crate::domain::icebreaker::IcebreakerInfo;
use crate::domain::meeting::MeetingInfo;
use crate::domain::validate::{self, LONG_MAX, SHORT_MAX};
use crate::domain::{CommunityInfo, Draft, GoalInfo, Profile, ValidationErrors};
use anyhow::{Result, anyhow};
use chrono::{DateTime, NaiveDate};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// At most this many problems are listed in one error; the rest are counted.
const MAX_LISTED: usize = 5;

/// Longest text any column may hold: the longest note.
const TEXT_MAX: usize = crate::domain::note::NOTE_MAX;

/// Largest whole number in a column that is not an id (positions, rounds, seconds…).
const INT_MAX: i64 = i32::MAX as i64;

type Row = Map<String, Value>;

/// Parses JSON like `serde_json::from_slice`, but refuses an object with a key twice
/// (serde_json would silently keep the last one).
#[cfg(test)]
pub(super) fn parse_strict(json: &[u8]) -> serde_json::Result<Value> {
    let mut de = serde_json::Deserializer::from_slice(json);
    let value = Strict::deserialize(&mut de)?.0;
    de.end()?;
    Ok(value)
}

/// A JSON value read refusing an object with a key twice.
pub(super) struct Strict(pub(super) Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key \"{}\" appears twice in one object",
                    crate::domain::text::one_line(&key)
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// The problems found, each "table T, row N (id I), column C: what is wrong": the first
/// few kept, the rest counted (so a stream of bad rows takes no memory).
#[derive(Default)]
struct Problems {
    listed: Vec<String>,
    more: usize,
}

impl Problems {
    fn push(&mut self, problem: String) {
        if self.listed.len() < MAX_LISTED {
            self.listed.push(problem);
        } else {
            self.more += 1;
        }
    }

    fn into_result(self) -> Result<()> {
        if self.listed.is_empty() {
            return Ok(());
        }
        let mut msg = self.listed.join("; ");
        if self.more > 0 {
            msg.push_str(&format!("; and {} more", self.more));
        }
        Err(anyhow!(msg))
    }
}

/// Where a row is, for messages: "table member, row 3 (id 7)".
pub(super) fn place(table: &str, index: usize, row: &Row) -> String {
    match row.get("id").and_then(Value::as_i64) {
        Some(id) => format!("table {table}, row {} (id {id})", index + 1),
        None => format!("table {table}, row {}", index + 1),
    }
}

/// Checks every row of every table; lists the first problems found.
#[cfg(test)]
pub(super) fn check(tables: &BTreeMap<String, Vec<Row>>) -> Result<()> {
    let mut checker = Checker::default();
    for (table, rows) in tables {
        for (i, row) in rows.iter().enumerate() {
            checker.row(table, i, row);
        }
    }
    checker.finish()
}

/// The checks of a dump fed one row at a time (the streamed import), tables in the
/// order rows are inserted: what it keeps between rows is the names that must be
/// unique (communities and members) and the cross-row state of `dump_cycles::Links`.
#[derive(Default)]
pub(super) struct Checker {
    problems: Problems,
    names: HashMap<(String, Option<i64>, String), usize>,
    links: super::dump_cycles::Links,
}

impl Checker {
    /// Checks row `i` of `table`.
    pub(super) fn row(&mut self, table: &str, i: usize, row: &Row) {
        let at = place(table, i, row);
        let problems = &mut self.problems;
        // The first problem of a column is enough: the form's words come first.
        let mut seen: Vec<String> = Vec::new();
        let mut report = |column: &str, msg: &str| {
            if !seen.iter().any(|c| c == column) {
                seen.push(column.to_string());
                problems.push(format!("{at}, column {column}: {msg}"));
            }
        };
        check_domain(table, row, &mut report);
        for (column, value) in row {
            check_cell(column, value, &mut report);
        }
        // Names that must be unique, compared as the roster compares them.
        let unique = match table {
            "community" => Some(None),
            "member" if row.get("is_guest").and_then(Value::as_i64) != Some(1) => {
                Some(row.get("community_id").and_then(Value::as_i64))
            }
            _ => None,
        };
        if let (Some(scope), Some(name)) = (unique, row.get("name").and_then(Value::as_str)) {
            let key = (table.to_string(), scope, fold(name));
            if let Some(first) = self.names.get(&key) {
                report(
                    "name",
                    &format!(
                        "is the same name as row {first} (names ignore case and accents' encoding)"
                    ),
                );
            } else {
                self.names.insert(key, i + 1);
            }
        }
        let problems = &mut self.problems;
        self.links.row(table, i, row, &mut |at, column, msg| {
            problems.push(format!("{at}, column {column}: {msg}"));
        });
    }

    /// Whether a problem was found so far.
    pub(super) fn failed(&self) -> bool {
        !self.problems.listed.is_empty()
    }

    /// The rules that need every row, then every problem found, or `Ok`.
    pub(super) fn finish(mut self) -> Result<()> {
        let problems = &mut self.problems;
        self.links.finish(&mut |at, column, msg| {
            problems.push(format!("{at}, column {column}: {msg}"));
        });
        self.problems.into_result()
    }
}

fn fold(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// Rules for any column, by its name and value: times (`…_at`), dates (`…_on`), text
/// without control characters and not absurdly long, whole numbers in range.
fn check_cell(column: &str, value: &Value, report: &mut impl FnMut(&str, &str)) {
    match value {
        Value::String(s) => {
            if column.ends_with("_at") && DateTime::parse_from_rfc3339(s).is_err() {
                let shown = crate::domain::text::one_line(s);
                report(
                    column,
                    &format!("'{shown}' is not a time (use RFC 3339, like 2025-01-31T18:00:00Z)"),
                );
            } else if column.ends_with("_on") && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
                let shown = crate::domain::text::one_line(s);
                report(column, &format!("'{shown}' is not a date (use YYYY-MM-DD)"));
            }
            let n = s.chars().count();
            if n > TEXT_MAX {
                report(
                    column,
                    &format!("is too long ({n} characters; at most {TEXT_MAX})"),
                );
            }
            if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                report(
                    column,
                    "must not contain control characters (such as escape or bell)",
                );
            }
        }
        Value::Number(n)
            if column != "id"
                && !column.ends_with("_id")
                && !n.as_i64().is_some_and(|v| (0..=INT_MAX).contains(&v)) =>
        {
            report(column, &format!("{n} is out of range (0 to {INT_MAX})"));
        }
        _ => {}
    }
}

/// The text a form would hold for a cell ("" for null).
fn text(row: &Row, column: &str) -> String {
    match row.get(column) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Builds a draft from `fields` (form key, column), runs `validate` on it and reports
/// each failure under its column.
fn with_form<T>(
    row: &Row,
    fields: &[(&'static str, &str)],
    validate: impl FnOnce(&Draft) -> Result<T, ValidationErrors>,
    report: &mut impl FnMut(&str, &str),
) {
    let mut d = Draft::new();
    for (key, column) in fields {
        d.set(key, text(row, column));
    }
    if let Err(errs) = validate(&d) {
        for e in errs.0 {
            let column = fields
                .iter()
                .find(|(key, _)| *key == e.field)
                .map_or(e.field, |(_, c)| c);
            report(column, &e.message);
        }
    }
}

/// The domain rules of each table, run through the same validation as its form.
fn check_domain(table: &str, row: &Row, report: &mut impl FnMut(&str, &str)) {
    match table {
        "community" => with_form(
            row,
            &[
                ("name", "name"),
                ("purpose", "purpose"),
                ("cadence", "cadence"),
                ("mode", "mode"),
                ("place", "place"),
                ("meeting_minutes", "meeting_minutes"),
            ],
            CommunityInfo::from_draft,
            report,
        ),
        "member" => with_form(
            row,
            &[
                ("name", "name"),
                ("role", "role"),
                ("brings", "brings"),
                ("hopes", "hopes"),
                ("learning_style", "learning_style"),
                ("strengths", "strengths"),
                ("growth_areas", "growth_areas"),
                ("joined", "joined_on"),
            ],
            Profile::from_draft,
            report,
        ),
        "goal" => with_form(
            row,
            &[
                ("title", "title"),
                ("success_measure", "success_measure"),
                ("target", "target_on"),
                ("status", "status"),
            ],
            GoalInfo::from_draft,
            report,
        ),
        "meeting" => with_form(
            row,
            &[("title", "title"), ("minutes", "planned_minutes")],
            // The stored time is checked as a time; the form's local one is a stand-in.
            |d| MeetingInfo::from_draft(&d.clone().with("when", "2000-01-01 12:00"), &chrono::Utc),
            report,
        ),
        "agenda_item" | "template_item" => {
            with_form(
                row,
                &[
                    ("kind", "kind"),
                    ("title", "title"),
                    ("minutes", "minutes"),
                    ("leader_notes", "leader_notes"),
                ],
                ItemInfo::from_draft,
                report,
            );
            let seconds = row.get("turn_seconds").and_then(Value::as_i64);
            if seconds.is_some_and(|s| !(10..=i64::from(TURN_MAX_SECONDS)).contains(&s)) {
                report(
                    "turn_seconds",
                    &format!("must be from 10 to {TURN_MAX_SECONDS} seconds"),
                );
            }
        }
        "icebreaker" => with_form(
            row,
            &[
                ("title", "title"),
                ("prompt", "prompt"),
                ("category", "category"),
                ("minutes", "minutes"),
                ("min_group", "min_group"),
                ("max_group", "max_group"),
                ("depth", "depth"),
            ],
            IcebreakerInfo::from_draft,
            report,
        ),
        "template" => {
            let mut errs = ValidationErrors::default();
            validate::name(&mut errs, "name", &text(row, "name"));
            validate::text(
                &mut errs,
                "description",
                &text(row, "description"),
                LONG_MAX,
            );
            let minutes = row.get("minutes").and_then(Value::as_i64);
            if !minutes.is_some_and(|m| (5..=600).contains(&m)) {
                errs.push("minutes", "must be a number of minutes from 5 to 600");
            }
            for e in errs.0 {
                report(e.field, &e.message);
            }
        }
        "note" => {
            if let Err(msg) = crate::domain::note::check_body(&text(row, "body")) {
                report("body", &msg);
            }
        }
        "consent_check" => {
            let mut errs = ValidationErrors::default();
            validate::text(&mut errs, "topic", &text(row, "topic"), SHORT_MAX * 5);
            for e in errs.0 {
                report(e.field, &e.message);
            }
        }
        _ => super::dump_cycles::check_row(table, row, report),
    }
}

/// Reads everything imported back the way the app reads it, so data the app could not
/// show is refused rather than hidden (a list that fails to load shows as empty).
pub(super) fn read_back(store: &super::Store) -> Result<()> {
    let fail =
        |what: String| move |e: super::StoreError| anyhow!("{what} cannot be read back: {e}");
    for c in store
        .communities(true)
        .map_err(fail("the communities".into()))?
    {
        let of = |what: &str| format!("{what} of community {}", c.id);
        store.members(c.id).map_err(fail(of("the members")))?;
        store.goals(c.id).map_err(fail(of("the goals")))?;
        store
            .leadership_history(c.id)
            .map_err(fail(of("the leadership")))?;
        // What every meeting of the community lists alike, read once.
        store
            .live_open_actions(c.id)
            .map_err(fail(of("the open actions")))?;
        let all = ["planned", "live", "ended", "cancelled"];
        for m in store
            .meetings(c.id, &all, false)
            .map_err(fail(of("the meetings")))?
        {
            store
                .live_meeting_but_open_actions(m.id)
                .map_err(fail(format!("meeting {}", m.id)))?;
            store
                .meeting_action_updates(m.id)
                .map_err(fail(format!("the action follow-ups of meeting {}", m.id)))?;
        }
        read_back_cycles(store, c.id)?;
    }
    store
        .icebreakers()
        .map_err(fail("the icebreakers".into()))?;
    store.templates().map_err(fail("the templates".into()))?;
    Ok(())
}

/// A community's cycles, actions and working agreements, read as the Cycles, Actions,
/// Goals and Communities screens read them.
fn read_back_cycles(store: &super::Store, c: crate::domain::CommunityId) -> Result<()> {
    let fail =
        |what: String| move |e: super::StoreError| anyhow!("{what} cannot be read back: {e}");
    let of = |what: &str| format!("{what} of community {c}");
    store
        .agreements(c)
        .map_err(fail(of("the working agreements")))?;
    store.open_cycle(c).map_err(fail(of("the open cycle")))?;
    store
        .goal_progress(c)
        .map_err(fail(of("the goals' progress")))?;
    for a in store.actions(c).map_err(fail(of("the actions")))? {
        store
            .action_updates(a.id)
            .map_err(fail(format!("the follow-ups of action {}", a.id)))?;
    }
    for cycle in store.cycles(c).map_err(fail(of("the cycles")))? {
        let of = |what: &str| format!("{what} of cycle {}", cycle.id);
        store
            .cycle_phases(cycle.id)
            .map_err(fail(of("the phases")))?;
        store.board(cycle.id).map_err(fail(of("the board")))?;
        store
            .improvements(cycle.id)
            .map_err(fail(of("the improvements")))?;
        store
            .cycle_meetings(cycle.id)
            .map_err(fail(of("the meetings")))?;
        store
            .cycle_actions(cycle.id)
            .map_err(fail(of("the actions")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_at_any_depth() {
        assert!(parse_strict(br#"{"a":1,"b":[{"c":1}]}"#).is_ok());
        for bad in [r#"{"a":1,"a":2}"#, r#"{"t":[{"c":1,"c":1}]}"#] {
            let e = parse_strict(bad.as_bytes()).unwrap_err().to_string();
            assert!(e.contains("appears twice"), "{e}");
        }
        assert!(parse_strict(b"{} trailing").is_err());
    }

    #[test]
    fn what_the_app_cannot_read_back_is_caught() {
        let store = super::super::Store::open_in_memory().unwrap();
        read_back(&store).unwrap();
        store
            .conn()
            .execute(
                "INSERT INTO community (name, meeting_minutes, created_at)
                 VALUES ('Huge', ?1, '2025-01-01T00:00:00Z')",
                [1_i64 << 62],
            )
            .unwrap();
        let e = read_back(&store).unwrap_err().to_string();
        assert!(e.contains("the communities cannot be read back"), "{e}");
    }

    #[test]
    fn problems_name_the_column() {
        let mut tables = BTreeMap::new();
        let row: Row = serde_json::from_str(
            r#"{"id":4,"name":"Ada","joined_on":"not-a-date","created_at":"2025-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        tables.insert("member".to_string(), vec![row]);
        let e = check(&tables).unwrap_err().to_string();
        assert!(
            e.starts_with("table member, row 1 (id 4), column joined_on: 'not-a-date'"),
            "{e}"
        );
    }
}
