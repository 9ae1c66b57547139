//! The learning-cycle rules a dump must keep (schema 7), checked before import with the
//! forms' own rules: the rows one by one (a cycle's topic, phase and verdict spellings,
//! improvements and working agreements as one line each, follow-up verdicts, action
//! titles), then the rules across rows: one open cycle per community, a cycle's phases
//! only forward with every skip recorded, and a solution answering an earlier problem
//! or pitfall of its own cycle. See docs/FORMAT.md.

use super::dump_check::place;
use crate::domain::cycle::{Phase, check_line};
use crate::domain::note::NoteKind;
use crate::domain::validate::{self, LONG_MAX};
use crate::domain::{ActionInfo, ActionVerdict, Draft, GoalVerdict, Topic, ValidationErrors};
use serde_json::{Map, Value};
#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::HashMap;

type Row = Map<String, Value>;

fn text(row: &Row, column: &str) -> String {
    match row.get(column) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn int(row: &Row, column: &str) -> Option<i64> {
    row.get(column).and_then(Value::as_i64)
}

/// A stored spelling: `null` is allowed only where `optional`.
fn spelling<T>(
    row: &Row,
    column: &str,
    optional: bool,
    parse: impl Fn(&str) -> Option<T>,
    words: &str,
    report: &mut impl FnMut(&str, &str),
) {
    match row.get(column) {
        Some(Value::String(s)) if parse(s).is_some() => {}
        None | Some(Value::Null) if optional => {}
        other => {
            let shown = other.map_or_else(
                || "nothing".into(),
                |v| crate::domain::text::one_line(&v.to_string()),
            );
            report(column, &format!("{shown} is not {words}"));
        }
    }
}

fn long_text(row: &Row, columns: &[&'static str], report: &mut impl FnMut(&str, &str)) {
    let mut errs = ValidationErrors::default();
    for &c in columns {
        validate::text(&mut errs, c, &text(row, c), LONG_MAX);
    }
    for e in errs.0 {
        report(e.field, &e.message);
    }
}

fn line(row: &Row, column: &str, what: &str, report: &mut impl FnMut(&str, &str)) {
    if let Err(msg) = check_line(what, &text(row, column)) {
        report(column, &msg);
    }
}

const PHASES: &str = "a phase (interrogation, application, reflection or closed)";

/// The rules of one row of a schema 7 table (other tables: nothing).
pub(super) fn check_row(table: &str, row: &Row, report: &mut impl FnMut(&str, &str)) {
    match table {
        "cycle" => {
            let d = Draft::new()
                .with("title", text(row, "topic"))
                .with("source", text(row, "source"))
                .with("summary", text(row, "summary"));
            if let Err(errs) = Topic::from_draft(&d) {
                for e in errs.0 {
                    report(
                        if e.field == "title" { "topic" } else { e.field },
                        &e.message,
                    );
                }
            }
            spelling(row, "phase", false, Phase::parse, PHASES, report);
            long_text(row, &["starting_notes", "outcome"], report);
            let closed = text(row, "phase") == Phase::Closed.as_str();
            let ended = !matches!(row.get("ended_on"), None | Some(Value::Null));
            if closed && !ended {
                report("ended_on", "a closed cycle has an end date");
            } else if !closed && ended {
                report("ended_on", "a cycle that is not closed has no end date yet");
            }
        }
        "cycle_goal" => {
            let verdicts = "a goal verdict (met, progressing or not_met)";
            spelling(row, "verdict", true, GoalVerdict::parse, verdicts, report);
            long_text(row, &["evidence"], report);
        }
        "cycle_phase" => {
            spelling(row, "phase", false, Phase::parse, PHASES, report);
            let skipped = text(row, "skipped");
            if let Some(bad) = skipped
                .split(',')
                .filter(|s| !s.is_empty())
                .find(|s| Phase::parse(s).is_none())
            {
                let bad = crate::domain::text::one_line(bad);
                report("skipped", &format!("'{bad}' is not {PHASES}"));
            }
        }
        "improvement" => line(row, "body", "improvement", report),
        "agreement" => line(row, "body", "working agreement", report),
        "action_update" => {
            let verdicts = "an action verdict (done, partly, not_done or dropped)";
            spelling(
                row,
                "verdict",
                false,
                ActionVerdict::parse,
                verdicts,
                report,
            );
            long_text(row, &["note", "learned"], report);
        }
        "action_item" => {
            let info = ActionInfo {
                title: text(row, "title"),
                owner: None,
                due: None,
                goal: None,
            };
            if let Err(errs) = info.check() {
                for e in errs.0 {
                    report(e.field, &e.message);
                }
            }
        }
        _ => {}
    }
}

/// Where a problem is: "table T, row N (id I)", and the column.
pub(super) type Report<'a> = dyn FnMut(String, &str, &str) + 'a;

/// The rules across rows (see the module's doc), over whole tables.
#[cfg(test)]
pub(super) fn check_links(tables: &BTreeMap<String, Vec<Row>>, report: &mut Report<'_>) {
    let mut links = Links::default();
    for table in ["cycle", "cycle_phase", "note"] {
        for (i, row) in tables
            .get(table)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
        {
            links.row(table, i, row, report);
        }
    }
    links.finish(report);
}

/// The rules across rows, fed one row at a time in the dump's table order (cycles before
/// their phases and notes), so an import can check a dump it reads as a stream. It keeps
/// what later rows are checked against: per cycle its phase and last phase entered, per
/// community its open cycle, every note's id (8 bytes a note) and the problems and
/// pitfalls a solution may answer; solutions are checked once all notes are seen.
#[derive(Default)]
pub(super) struct Links {
    open: HashMap<i64, usize>,
    phase_of: HashMap<i64, Option<Phase>>,
    /// Per cycle: the last phase entered, and where (row index, place).
    last: HashMap<i64, (Phase, String)>,
    note_ids: Vec<i64>,
    /// Problems and pitfalls, by id: their cycle.
    answerable: HashMap<i64, Option<i64>>,
    /// Solutions answering a note: where, the note answered, their cycle.
    solutions: Vec<(String, i64, Option<i64>)>,
}

impl Links {
    /// Takes row `i` of `table` into account; reports what it alone breaks.
    pub(super) fn row(&mut self, table: &str, i: usize, row: &Row, report: &mut Report<'_>) {
        match table {
            "cycle" => self.cycle(i, row, report),
            "cycle_phase" => self.phase(i, row, report),
            "note" => self.note(i, row, report),
            _ => {}
        }
    }

    fn cycle(&mut self, i: usize, c: &Row, report: &mut Report<'_>) {
        let phase = Phase::parse(&text(c, "phase"));
        if let Some(id) = int(c, "id") {
            self.phase_of.insert(id, phase);
        }
        if phase.is_none_or(|p| p == Phase::Closed) {
            return;
        }
        let Some(community) = int(c, "community_id") else {
            return;
        };
        if let Some(first) = self.open.get(&community) {
            report(
                place("cycle", i, c),
                "phase",
                &format!(
                    "community {community} already has an open cycle (row {first}); close one: at most one cycle is open"
                ),
            );
        } else {
            self.open.insert(community, i + 1);
        }
    }

    /// A cycle's phases go only forward, each skip recorded.
    fn phase(&mut self, i: usize, e: &Row, report: &mut Report<'_>) {
        let (Some(cycle), Some(phase)) = (int(e, "cycle_id"), Phase::parse(&text(e, "phase")))
        else {
            return;
        };
        let at = || place("cycle_phase", i, e);
        let expected: Vec<&str> = match self.last.get(&cycle) {
            Some(&(before, _)) if phase <= before => {
                report(
                    at(),
                    "phase",
                    &format!(
                        "cycle {cycle} goes from {} back to {}: phases only go forward",
                        before.as_str(),
                        phase.as_str()
                    ),
                );
                return;
            }
            before => Phase::ALL
                .iter()
                .filter(|&&p| before.is_none_or(|&(b, _)| p > b) && p < phase)
                .map(|p| p.as_str())
                .collect(),
        };
        if text(e, "skipped") != expected.join(",") {
            report(
                at(),
                "skipped",
                &format!(
                    "entering {} skips '{}'; the skip is recorded as exactly that",
                    phase.as_str(),
                    expected.join(",")
                ),
            );
        }
        self.last.insert(cycle, (phase, at()));
    }

    /// A solution answers an earlier problem or pitfall of its own cycle.
    fn note(&mut self, i: usize, n: &Row, report: &mut Report<'_>) {
        let id = int(n, "id");
        if let Some(id) = id {
            self.note_ids.push(id);
            if [NoteKind::Problem, NoteKind::Pitfall]
                .iter()
                .any(|k| text(n, "kind") == k.as_str())
            {
                self.answerable.insert(id, int(n, "cycle_id"));
            }
        }
        let Some(target) = int(n, "answers_note_id") else {
            return;
        };
        let at = || place("note", i, n);
        if text(n, "kind") != NoteKind::Solution.as_str() {
            report(
                at(),
                "answers_note_id",
                "only a solution answers a problem or a pitfall",
            );
        } else if id.is_some_and(|id| target >= id) {
            report(
                at(),
                "answers_note_id",
                &format!(
                    "note {target} is not earlier: a solution answers a problem or pitfall noted before it"
                ),
            );
        } else {
            self.solutions.push((at(), target, int(n, "cycle_id")));
        }
    }

    /// The rules that need every row: a cycle is in the last phase it entered, and each
    /// solution's note exists, is a problem or pitfall, and is of the same cycle.
    pub(super) fn finish(mut self, report: &mut Report<'_>) {
        for (cycle, (phase, at)) in &self.last {
            if let Some(Some(stored)) = self.phase_of.get(cycle)
                && stored != phase
            {
                report(
                    at.clone(),
                    "phase",
                    &format!(
                        "the last phase cycle {cycle} entered is {}, but the cycle is in {}",
                        phase.as_str(),
                        stored.as_str()
                    ),
                );
            }
        }
        self.note_ids.sort_unstable();
        for (at, target, cycle) in self.solutions {
            let msg = match self.answerable.get(&target) {
                None if self.note_ids.binary_search(&target).is_err() => {
                    format!("there is no note {target}")
                }
                None => format!("note {target} is not a problem or a pitfall"),
                Some(c) if *c != cycle => format!(
                    "note {target} belongs to another cycle: a solution answers a problem or pitfall of its own cycle"
                ),
                Some(_) => continue,
            };
            report(at, "answers_note_id", &msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rows(v: Value) -> Vec<Row> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_object().unwrap().clone())
            .collect()
    }

    fn problems(tables: &[(&str, Value)]) -> Vec<String> {
        let tables: BTreeMap<String, Vec<Row>> = tables
            .iter()
            .map(|(t, v)| (t.to_string(), rows(v.clone())))
            .collect();
        let mut out = Vec::new();
        check_links(&tables, &mut |at, c, m| {
            out.push(format!("{at}, column {c}: {m}"))
        });
        for (t, rows) in &tables {
            for (i, r) in rows.iter().enumerate() {
                check_row(t, r, &mut |c, m| {
                    out.push(format!("{}, column {c}: {m}", place(t, i, r)))
                });
            }
        }
        out
    }

    #[test]
    fn a_consistent_history_passes() {
        let p = problems(&[
            (
                "cycle",
                json!([
                    {"id": 1, "community_id": 1, "topic": "SBAR", "phase": "closed", "ended_on": "2026-01-01"},
                    {"id": 2, "community_id": 1, "topic": "Falls", "phase": "application"},
                    {"id": 3, "community_id": 2, "topic": "Other", "phase": "interrogation"}
                ]),
            ),
            (
                "cycle_phase",
                json!([
                    {"id": 1, "cycle_id": 1, "phase": "interrogation", "skipped": ""},
                    {"id": 2, "cycle_id": 2, "phase": "interrogation", "skipped": ""},
                    {"id": 3, "cycle_id": 1, "phase": "closed", "skipped": "application,reflection"},
                    {"id": 4, "cycle_id": 2, "phase": "application", "skipped": ""}
                ]),
            ),
            (
                "note",
                json!([
                    {"id": 1, "cycle_id": 2, "kind": "pitfall"},
                    {"id": 2, "cycle_id": 2, "kind": "solution", "answers_note_id": 1}
                ]),
            ),
        ]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn broken_rules_are_named_by_row_and_column() {
        let p = problems(&[
            (
                "cycle",
                json!([
                    {"id": 1, "community_id": 1, "topic": "", "phase": "application"},
                    {"id": 2, "community_id": 1, "topic": "B", "phase": "pondering"},
                    {"id": 3, "community_id": 1, "topic": "C", "phase": "reflection"},
                    {"id": 4, "community_id": 1, "topic": "D", "phase": "closed"}
                ]),
            ),
            (
                "cycle_phase",
                json!([
                    {"id": 1, "cycle_id": 1, "phase": "interrogation", "skipped": ""},
                    {"id": 2, "cycle_id": 1, "phase": "reflection", "skipped": ""},
                    {"id": 3, "cycle_id": 1, "phase": "application", "skipped": ""}
                ]),
            ),
            (
                "note",
                json!([
                    {"id": 1, "cycle_id": 1, "kind": "problem"},
                    {"id": 2, "cycle_id": 2, "kind": "solution", "answers_note_id": 1},
                    {"id": 3, "cycle_id": 1, "kind": "solution", "answers_note_id": 4},
                    {"id": 4, "cycle_id": 1, "kind": "idea", "answers_note_id": 1}
                ]),
            ),
            ("improvement", json!([{"id": 1, "body": "two\nlines"}])),
            ("agreement", json!([{"id": 1, "body": "  "}])),
            ("action_update", json!([{"id": 1, "verdict": "maybe"}])),
            ("cycle_goal", json!([{"verdict": "sort of"}])),
        ]);
        let expect = [
            "table cycle, row 3 (id 3), column phase: community 1 already has an open cycle (row 1)",
            "table cycle_phase, row 2 (id 2), column skipped: entering reflection skips 'application'",
            "table cycle_phase, row 3 (id 3), column phase: cycle 1 goes from reflection back to application",
            "table cycle_phase, row 2 (id 2), column phase: the last phase cycle 1 entered is reflection, but the cycle is in application",
            "table note, row 2 (id 2), column answers_note_id: note 1 belongs to another cycle",
            "table note, row 3 (id 3), column answers_note_id: note 4 is not earlier",
            "table note, row 4 (id 4), column answers_note_id: only a solution answers",
            "table cycle, row 1 (id 1), column topic: is required",
            "table cycle, row 2 (id 2), column phase: \"pondering\" is not a phase",
            "table cycle, row 4 (id 4), column ended_on: a closed cycle has an end date",
            "table improvement, row 1 (id 1), column body: improvement must be one line",
            "table agreement, row 1 (id 1), column body: an empty working agreement",
            "table action_update, row 1 (id 1), column verdict: \"maybe\" is not an action verdict",
            "table cycle_goal, row 1, column verdict: \"sort of\" is not a goal verdict",
        ];
        for e in expect {
            assert!(p.iter().any(|x| x.starts_with(e)), "missing {e}\nin {p:#?}");
        }
        assert_eq!(p.len(), expect.len(), "{p:#?}");
    }

    /// Everything the Cycles, Actions, Goals and Communities screens read, as text.
    fn screens(store: &super::super::Store) -> String {
        let mut out = Vec::new();
        for c in store.communities(true).unwrap() {
            out.push(format!("{:?}", store.agreements(c.id).unwrap()));
            out.push(format!("{:?}", store.open_cycle(c.id).unwrap()));
            let mut progress: Vec<_> = store.goal_progress(c.id).unwrap().into_iter().collect();
            progress.sort_by_key(|p| p.0);
            out.push(format!("{progress:?}"));
            for a in store.actions(c.id).unwrap() {
                out.push(format!("{a:?} {:?}", store.action_updates(a.id).unwrap()));
            }
            for cy in store.cycles(c.id).unwrap() {
                out.push(format!("{cy:?}"));
                out.push(format!("{:?}", store.cycle_phases(cy.id).unwrap()));
                out.push(format!("{:?}", store.board(cy.id).unwrap()));
                out.push(format!("{:?}", store.improvements(cy.id).unwrap()));
                out.push(format!("{:?}", store.cycle_meetings(cy.id).unwrap()));
                out.push(format!("{:?}", store.cycle_actions(cy.id).unwrap()));
            }
            for m in store.meetings(c.id, &["ended"], false).unwrap() {
                out.push(format!("{:?}", store.meeting_action_updates(m.id).unwrap()));
            }
        }
        out.join("\n")
    }

    #[test]
    fn the_demo_round_trips_with_its_cycles_and_reads_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        crate::demo::create(&path, false).unwrap();
        let demo = super::super::Store::open_read_only(&path).unwrap();
        let first = super::super::dump::export(&demo).unwrap();
        let mut copy = super::super::Store::open_in_memory().unwrap();
        super::super::dump::import(&mut copy, first.as_bytes()).unwrap();
        assert_eq!(super::super::dump::export(&copy).unwrap(), first);
        let read = screens(&demo);
        assert!(read.contains("Bedside handover") && read.contains("in_reflection: true"));
        assert_eq!(screens(&copy), read);
    }

    #[test]
    fn what_the_cycle_screens_cannot_read_back_is_caught() {
        let store = super::super::Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO community (id, name, meeting_minutes, created_at)
                     VALUES (1, 'Ward', 60, '2025-01-01T00:00:00Z');
                 INSERT INTO cycle (community_id, number, topic, phase, started_on)
                     VALUES (1, 1099511627776, 'Huge', 'interrogation', '2025-01-01');",
            )
            .unwrap();
        let e = super::super::dump_check::read_back(&store)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("the open cycle of community 1 cannot be read back"),
            "{e}"
        );
    }
}
