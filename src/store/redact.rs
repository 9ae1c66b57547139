//! `roundtable export json --redact`: a dump that can be shared. Members' names become
//! stable pseudonyms (`Member 12`, `Guest 40`: derived from the row id, so the same
//! member has the same pseudonym everywhere in the dump and in every redacted export of
//! the same database); every member column except the structural ones is dropped (role,
//! brings, hopes, learning style, strengths, growth areas, and any column added later);
//! and wherever a member's name appears in free text (notes, action items, consent
//! topics, titles, goals, cycles and their reflections, action follow-ups, working
//! agreements, templates, icebreakers) it is replaced by the pseudonym. Drafts
//! (half-typed notes, votes and forms) are left out. The result imports like any dump.
//! See docs/FORMAT.md.

use super::dump::Row;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// Member columns a redacted dump keeps; everything else about a person is dropped.
const MEMBER_KEEPS: &[&str] = &[
    "id",
    "community_id",
    "name",
    "joined_on",
    "left_on",
    "active",
    "is_new",
    "is_guest",
    "created_at",
];

/// Free-text columns where a member's name may be written, by table.
const FREE_TEXT: &[(&str, &[&str])] = &[
    ("community", &["name", "purpose", "place"]),
    ("goal", &["title", "success_measure"]),
    (
        "cycle",
        &[
            "topic",
            "source",
            "summary",
            "starting_notes",
            "outcome",
            "goals_met",
            "went_well",
            "to_improve",
            "carry_forward",
        ],
    ),
    ("cycle_goal", &["evidence"]),
    ("improvement", &["body"]),
    ("meeting", &["title"]),
    ("icebreaker", &["title", "prompt"]),
    ("agenda_item", &["title", "leader_notes"]),
    ("template", &["name", "description"]),
    ("template_item", &["title", "leader_notes"]),
    ("note", &["body"]),
    ("consent_check", &["topic"]),
    ("action_item", &["title"]),
    ("action_update", &["note", "learned"]),
    ("agreement", &["body"]),
];

/// What a part of a name that two members share becomes.
const AMBIGUOUS: &str = "[member]";

/// Tables whose rows a redacted dump leaves out: `draft` and `form_draft` hold text being
/// typed (kept only to survive a crash) as JSON, where names cannot be found reliably,
/// and half-typed text is not shared at all.
const DROPPED: &[&str] = &["draft", "form_draft"];

/// Redacts the dump's tables in place.
pub(super) fn redact(tables: &mut [(&'static str, Vec<Row>)]) {
    let mut names = Names::default();
    for (_, rows) in tables.iter_mut().filter(|(t, _)| DROPPED.contains(t)) {
        rows.clear();
    }
    for (table, rows) in tables.iter_mut() {
        if *table != "member" {
            continue;
        }
        for Row(row) in rows.iter_mut() {
            let get = |k: &str| row.iter().find(|(c, _)| c == k).map(|(_, v)| v.clone());
            let id = get("id").and_then(|v| v.as_i64()).unwrap_or_default();
            let guest = get("is_guest").and_then(|v| v.as_i64()) == Some(1);
            let pseudonym = format!("{} {id}", if guest { "Guest" } else { "Member" });
            if let Some(Value::String(name)) = get("name") {
                names.add(&name, &pseudonym);
            }
            row.retain(|(c, _)| MEMBER_KEEPS.contains(&c.as_str()));
            for (c, v) in row.iter_mut() {
                if c == "name" {
                    *v = Value::String(pseudonym.clone());
                }
            }
        }
    }
    let replacer = names.build();
    for (table, rows) in tables.iter_mut() {
        let Some((_, columns)) = FREE_TEXT.iter().find(|(t, _)| t == table) else {
            continue;
        };
        for Row(row) in rows.iter_mut() {
            for (c, v) in row.iter_mut() {
                if let Value::String(text) = v
                    && columns.contains(&c.as_str())
                {
                    *text = replacer.apply(text);
                }
            }
        }
    }
}

/// A character that belongs to a word: letters, digits and combining marks (so that
/// "Ame\u{301}lie" is one word).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// The words of `s` with their byte ranges.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, s.len()));
    }
    out
}

/// Every member's name, collected before the replacement table is built.
#[derive(Default)]
struct Names {
    /// (the name's words, lower-cased; pseudonym)
    full: Vec<(Vec<String>, String)>,
    /// A single word of a name (as written) → the pseudonyms of members whose name has it.
    parts: HashMap<String, BTreeSet<String>>,
}

impl Names {
    fn add(&mut self, name: &str, pseudonym: &str) {
        let ws: Vec<&str> = words(name).iter().map(|&(a, b)| &name[a..b]).collect();
        if ws.is_empty() {
            return;
        }
        self.full.push((
            ws.iter().map(|w| w.to_lowercase()).collect(),
            pseudonym.to_string(),
        ));
        if ws.len() > 1 {
            for w in ws {
                // One-letter initials are too common to replace; a single CJK character
                // is often a whole surname and is kept in the table.
                let n = w.chars().count();
                if n >= 2 || w.chars().all(|c| !c.is_ascii()) {
                    self.parts
                        .entry(w.to_string())
                        .or_default()
                        .insert(pseudonym.to_string());
                }
            }
        }
    }

    fn build(mut self) -> Replacer {
        // Longest names first, so "Ana María Ruiz" wins over "Ana María".
        self.full
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut by_first: HashMap<String, Vec<(Vec<String>, String)>> = HashMap::new();
        for (ws, p) in self.full {
            by_first.entry(ws[0].clone()).or_default().push((ws, p));
        }
        let parts = self
            .parts
            .into_iter()
            .map(|(w, ps)| {
                let to = match ps.len() {
                    1 => ps.into_iter().next().unwrap_or_default(),
                    _ => AMBIGUOUS.to_string(),
                };
                (w, to)
            })
            .collect();
        Replacer { by_first, parts }
    }
}

/// Replaces members' names in free text.
struct Replacer {
    /// Full names (lower-cased words) by their first word, longest first: matched
    /// ignoring case, whatever separates the words.
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
    /// Single words of names, matched as written (capitalised), to their pseudonym.
    parts: HashMap<String, String>,
}

impl Replacer {
    fn apply(&self, text: &str) -> String {
        let ws = words(text);
        let lower: Vec<String> = ws.iter().map(|&(a, b)| text[a..b].to_lowercase()).collect();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut i = 0;
        while i < ws.len() {
            let full = self.by_first.get(&lower[i]).and_then(|cands| {
                cands.iter().find(|(name, _)| {
                    i + name.len() <= ws.len() && lower[i..i + name.len()] == name[..]
                })
            });
            let (len, to) = match full {
                Some((name, p)) => (name.len(), p.as_str()),
                None => match self.parts.get(&text[ws[i].0..ws[i].1]) {
                    Some(p) => (1, p.as_str()),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            out.push_str(&text[copied..ws[i].0]);
            out.push_str(to);
            copied = ws[i + len - 1].1;
            i += len;
        }
        out.push_str(&text[copied..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(v: Value) -> Row {
        Row(v
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    fn replacer(names: &[(&str, &str)]) -> Replacer {
        let mut n = Names::default();
        for (name, p) in names {
            n.add(name, p);
        }
        n.build()
    }

    #[test]
    fn full_names_and_unique_parts_become_pseudonyms() {
        let r = replacer(&[
            ("Amara Okafor", "Member 1"),
            ("Ben Carter", "Member 2"),
            ("Ben O'Neill", "Member 3"),
        ]);
        assert_eq!(
            r.apply("amara okafor asked Okafor and Amara; BEN CARTER agreed."),
            "Member 1 asked Member 1 and Member 1; Member 2 agreed."
        );
        // "Ben" is two people: it is hidden, but not attributed.
        assert_eq!(r.apply("Ben will check"), "[member] will check");
        // Inside other words, nothing changes.
        assert_eq!(r.apply("Amaranth Carterton"), "Amaranth Carterton");
    }

    #[test]
    fn combining_marks_and_wide_names_are_words() {
        let r = replacer(&[("Ame\u{301}lie Dubois", "Member 4"), ("Zoë 王", "Member 5")]);
        assert_eq!(r.apply("Ask Ame\u{301}lie."), "Ask Member 4.");
        assert_eq!(r.apply("Zoë 王 and 王"), "Member 5 and Member 5");
    }

    #[test]
    fn members_keep_only_structure_and_get_pseudonyms() {
        let mut tables = vec![
            (
                "member",
                vec![row(json!({"id": 7, "community_id": 1, "name": "Grace Lin",
                    "role": "physio", "strengths": "Mobility", "is_guest": 0}))],
            ),
            (
                "note",
                vec![row(
                    json!({"id": 1, "body": "Grace Lin will ask Grace.", "kind": "note"}),
                )],
            ),
        ];
        redact(&mut tables);
        assert_eq!(
            tables[0].1[0].0,
            row(json!({"id": 7, "community_id": 1, "name": "Member 7", "is_guest": 0})).0
        );
        assert_eq!(
            tables[1].1[0].0,
            row(json!({"id": 1, "body": "Member 7 will ask Member 7.", "kind": "note"})).0
        );
    }

    #[test]
    fn names_in_cycles_follow_ups_and_agreements_are_replaced() {
        let columns = [
            ("cycle", "source"),
            ("cycle", "summary"),
            ("cycle", "starting_notes"),
            ("cycle", "outcome"),
            ("cycle_goal", "evidence"),
            ("improvement", "body"),
            ("action_update", "note"),
            ("action_update", "learned"),
            ("agreement", "body"),
        ];
        let mut tables = vec![(
            "member",
            vec![row(
                json!({"id": 3, "name": "Nguyễn Thị Lan", "is_guest": 0}),
            )],
        )];
        for (table, column) in columns {
            let mut r = json!({"id": 1});
            r[column] = json!("Ask Nguyễn Thị Lan; Lan knows");
            tables.push((table, vec![row(r)]));
        }
        redact(&mut tables);
        for ((table, column), (_, rows)) in columns.iter().zip(&tables[1..]) {
            let cell = rows[0].0.iter().find(|(c, _)| c == column).unwrap();
            assert_eq!(
                cell.1,
                json!("Ask Member 3; Member 3 knows"),
                "{table}.{column}"
            );
        }
    }
}
