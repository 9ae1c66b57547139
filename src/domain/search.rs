//! Full-text search, the pure part: what a hit can be, the query language the leader
//! types (FTS5's, made forgiving), and the marks a snippet carries around matched words.

use super::note::NoteKind;

/// Marks the start of a matched word in a snippet. Control characters are refused in
/// everything typed (`validate`), so stored text never holds them; the screen turns the
/// marks into a style and the command line into `[…]`.
pub const MARK_START: char = '\u{2}';
/// Marks the end of a matched word in a snippet.
pub const MARK_END: char = '\u{3}';

/// Where a hit comes from. Notes keep their own kind; the rest say which text matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    Note(NoteKind),
    /// An agenda item's title.
    Agenda,
    /// The leader's notes on an agenda item.
    LeaderNotes,
    /// A cycle's topic (its title).
    Topic,
    Summary,
    Outcome,
    /// The evidence given for a cycle's goals.
    Evidence,
    Improvement,
    /// An action item's title.
    ActionItem,
    /// What happened, in an action's follow-up.
    FollowUp,
    /// What was learned, in an action's follow-up.
    Learned,
}

/// The kinds that are not notes, with their stored spelling.
const OTHER: &[(HitKind, &str)] = &[
    (HitKind::Agenda, "agenda"),
    (HitKind::LeaderNotes, "leader_notes"),
    (HitKind::Topic, "topic"),
    (HitKind::Summary, "summary"),
    (HitKind::Outcome, "outcome"),
    (HitKind::Evidence, "evidence"),
    (HitKind::Improvement, "improvement"),
    (HitKind::ActionItem, "action_item"),
    (HitKind::FollowUp, "follow_up"),
    (HitKind::Learned, "learned"),
];

impl HitKind {
    /// Every kind: the note kinds, then the others.
    pub fn all() -> Vec<HitKind> {
        let notes = NoteKind::ALL.iter().map(|k| HitKind::Note(*k));
        notes.chain(OTHER.iter().map(|(k, _)| *k)).collect()
    }

    /// The stored spelling (`search_fts.kind`), also what `--kind` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Note(k) => k.as_str(),
            other => OTHER
                .iter()
                .find(|(k, _)| *k == other)
                .map_or("", |(_, s)| s),
        }
    }

    /// Reads the stored spelling; `-` may stand for `_` (`follow-up`).
    pub fn parse(s: &str) -> Option<HitKind> {
        let s = s.trim().replace('-', "_");
        NoteKind::parse(&s)
            .map(HitKind::Note)
            .or_else(|| OTHER.iter().find(|(_, name)| *name == s).map(|(k, _)| *k))
    }

    /// The filter token the index holds for this kind (`tags` column).
    pub fn tag(self) -> String {
        format!("k{}", self.as_str().replace('_', ""))
    }

    /// The word on screen.
    pub fn label(self) -> &'static str {
        match self {
            HitKind::Note(NoteKind::Note) => "note",
            HitKind::Note(NoteKind::Idea) => "idea",
            HitKind::Note(NoteKind::Question) => "question",
            HitKind::Note(NoteKind::Problem) => "problem",
            HitKind::Note(NoteKind::Pitfall) => "pitfall",
            HitKind::Note(NoteKind::Solution) => "solution",
            HitKind::Note(NoteKind::Decision) => "decision",
            HitKind::Note(NoteKind::Action) => "action note",
            HitKind::Agenda => "agenda item",
            HitKind::LeaderNotes => "leader notes",
            HitKind::Topic => "cycle topic",
            HitKind::Summary => "topic summary",
            HitKind::Outcome => "cycle outcome",
            HitKind::Evidence => "goal evidence",
            HitKind::Improvement => "improvement",
            HitKind::ActionItem => "action",
            HitKind::FollowUp => "follow-up",
            HitKind::Learned => "learned",
        }
    }

    /// The next kind in the filter's cycle (`None`: any kind, after the last).
    pub fn next(kind: Option<HitKind>) -> Option<HitKind> {
        let all = HitKind::all();
        match kind {
            None => all.first().copied(),
            Some(k) => {
                let i = all.iter().position(|x| *x == k).unwrap_or(all.len());
                all.get(i + 1).copied()
            }
        }
    }
}

/// How to write a query: the hint every malformed query gets.
pub const QUERY_HELP: &str = "write words (all must match), alar* for a prefix, \"fire alarm\" for a phrase, OR / NOT between words";

/// Why a query cannot be searched; the message says how to write one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("type something to search for: {QUERY_HELP}")]
    Empty,
    #[error("{0}: {QUERY_HELP}")]
    Malformed(String),
}

/// The FTS5 query for what the leader typed. Phrases (`"…"`), prefixes (`alar*`),
/// `AND`/`OR`/`NOT`/`NEAR` and parentheses keep FTS5's meaning; any other word with
/// punctuation in it (`don't`, `e-mail`, `body:x`) is searched as the phrase of its
/// parts instead of being an FTS5 syntax error. An unclosed quote is refused here.
pub fn fts_query(raw: &str) -> Result<String, QueryError> {
    let mut out: Vec<String> = Vec::new();
    let mut chars = raw.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' || c == ')' {
            out.push(c.to_string());
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            while let Some(c) = chars.next() {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        phrase.push_str("\"\"");
                        chars.next();
                    } else {
                        closed = true;
                        break;
                    }
                } else {
                    phrase.push(c);
                }
            }
            if !closed {
                return Err(QueryError::Malformed("a quote is not closed".into()));
            }
            let star = if chars.peek() == Some(&'*') {
                chars.next();
                "*"
            } else {
                ""
            };
            out.push(format!("\"{phrase}\"{star}"));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '(' || c == ')' || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(bare_word(&word));
        }
    }
    if out.iter().all(|t| t == "(" || t == ")") {
        return Err(QueryError::Empty);
    }
    Ok(out.join(" "))
}

/// The tokens of an FTS5 query made by [`fts_query`]: parentheses, operators, words,
/// prefixes and phrases (a phrase with its quotes and `*`).
fn fts_tokens(fts: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = fts.trim_start();
    while !rest.is_empty() {
        let mut end = if rest.starts_with('"') {
            // To the closing quote (a doubled quote is one quote inside).
            let mut close = 1;
            loop {
                match rest[close..].find('"') {
                    Some(i) if rest[close + i + 1..].starts_with('"') => close += i + 2,
                    Some(i) => break close + i + 1,
                    None => break rest.len(),
                }
            }
        } else {
            rest.find(' ').unwrap_or(rest.len())
        };
        if rest[end..].starts_with('*') {
            end += 1;
        }
        tokens.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    tokens
}

/// The words, phrases and prefixes of an FTS5 query made by [`fts_query`] that an entry
/// it matches may hold, as FTS5 reads each alone: not parentheses, the operators `AND`,
/// `OR`, `NOT` and `NEAR` (before its group), nor what follows `NOT` (no entry matched
/// holds that). A phrase keeps its quotes and a prefix its `*`.
pub fn fts_terms(fts: &str) -> Vec<&str> {
    let tokens = fts_tokens(fts);
    let mut terms = Vec::new();
    let mut i = 0;
    while let Some(&token) = tokens.get(i) {
        match token {
            "(" | ")" | "AND" | "OR" => {}
            "NEAR" if tokens.get(i + 1) == Some(&"(") => {}
            "NOT" => {
                // Past the term or the parenthesised group it negates.
                let mut depth = 0;
                while let Some(&t) = tokens.get(i + 1) {
                    i += 1;
                    depth += match t {
                        "(" => 1,
                        ")" => -1,
                        _ => 0,
                    };
                    if depth <= 0 {
                        break;
                    }
                }
            }
            term => terms.push(term),
        }
        i += 1;
    }
    terms
}

/// Whether an FTS5 query made by [`fts_query`] has a `NEAR(…)` group.
pub fn has_near(fts: &str) -> bool {
    fts_tokens(fts)
        .windows(2)
        .any(|w| w[0] == "NEAR" && w[1] == "(")
}

/// A word outside quotes: kept when FTS5 reads it as a word (or a prefix), quoted
/// otherwise.
fn bare_word(word: &str) -> String {
    let (stem, star) = match word.strip_suffix('*') {
        Some(stem) if !stem.is_empty() => (stem, "*"),
        _ => (word, ""),
    };
    // `_` is a bareword to FTS5 but a separator to its tokenizer: quoted, `fire_alarm`
    // is seen as the phrase it is searched as.
    if stem.chars().all(char::is_alphanumeric) {
        format!("{stem}{star}")
    } else {
        format!("\"{}\"{star}", stem.replace('"', "\"\""))
    }
}

/// A snippet split into pieces, each with whether it is a matched word.
pub fn marked_pieces(snippet: &str) -> Vec<(String, bool)> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut marked = false;
    for c in snippet.chars() {
        let toggle = match c {
            MARK_START => Some(true),
            MARK_END => Some(false),
            _ => None,
        };
        match toggle {
            Some(m) => {
                if !current.is_empty() {
                    pieces.push((std::mem::take(&mut current), marked));
                }
                marked = m;
            }
            None => current.push(c),
        }
    }
    if !current.is_empty() {
        pieces.push((current, marked));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_the_words_phrases_and_prefixes_alone() {
        let terms = |raw: &str| {
            fts_terms(&fts_query(raw).unwrap())
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        };
        assert_eq!(terms("the pump"), ["the", "pump"]);
        assert_eq!(terms("(fire OR smoke) NOT drill"), ["fire", "smoke"]);
        assert_eq!(terms("a NOT (b OR c) d"), ["a", "d"]);
        assert_eq!(terms("fire_alarm"), ["\"fire_alarm\""]);
        assert_eq!(terms("NEAR(a b)"), ["a", "b"]);
        assert!(has_near(&fts_query("NEAR(a b)").unwrap()));
        assert!(!has_near(&fts_query("station NEAR").unwrap()));
        assert_eq!(terms("\"fire alarm\" alar*"), ["\"fire alarm\"", "alar*"]);
        assert_eq!(
            terms("\"hand over\"* don't"),
            ["\"hand over\"*", "\"don't\""]
        );
        assert_eq!(
            terms("\"say \"\"hi\"\" now\" x"),
            ["\"say \"\"hi\"\" now\"", "x"]
        );
        assert_eq!(terms("near NEAR"), ["near", "NEAR"]);
        assert_eq!(terms("café 数学"), ["café", "数学"]);
    }

    #[test]
    fn queries_keep_fts5_meaning_and_quote_punctuation() {
        assert_eq!(fts_query("alar*").unwrap(), "alar*");
        assert_eq!(fts_query("\"fire alarm\"").unwrap(), "\"fire alarm\"");
        assert_eq!(fts_query("fire OR smoke").unwrap(), "fire OR smoke");
        assert_eq!(fts_query("(a OR b) c").unwrap(), "( a OR b ) c");
        assert_eq!(fts_query("don't").unwrap(), "\"don't\"");
        assert_eq!(fts_query("body:tags").unwrap(), "\"body:tags\"");
        assert_eq!(fts_query("e-mail*").unwrap(), "\"e-mail\"*");
        assert_eq!(fts_query("Zoë").unwrap(), "Zoë");
    }

    #[test]
    fn empty_and_unclosed_queries_say_how_to_write_one() {
        assert_eq!(fts_query("  "), Err(QueryError::Empty));
        assert_eq!(fts_query("()"), Err(QueryError::Empty));
        let e = fts_query("\"unclosed").unwrap_err();
        assert!(e.to_string().contains("quote is not closed"));
        assert!(e.to_string().contains("\"fire alarm\""));
    }

    #[test]
    fn kinds_round_trip_and_cycle() {
        for k in HitKind::all() {
            assert_eq!(HitKind::parse(k.as_str()), Some(k));
            assert!(!k.tag().contains('_'));
        }
        assert_eq!(HitKind::parse("follow-up"), Some(HitKind::FollowUp));
        assert_eq!(HitKind::parse("nonsense"), None);
        let mut k = None;
        let mut seen = 0;
        loop {
            k = HitKind::next(k);
            if k.is_none() {
                break;
            }
            seen += 1;
        }
        assert_eq!(seen, HitKind::all().len());
    }

    #[test]
    fn marks_split_a_snippet() {
        let s = format!("the {MARK_START}alarm{MARK_END} rang");
        assert_eq!(
            marked_pieces(&s),
            vec![
                ("the ".to_string(), false),
                ("alarm".to_string(), true),
                (" rang".to_string(), false)
            ]
        );
    }
}
