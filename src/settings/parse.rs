//! Reading `settings.toml` with the spans of every key and value (`toml::de::DeTable`),
//! so each problem names its line.

use super::{CommunityDefaults, KeyOverride, Problem, Setting, Settings, Source, ThemeName};
use crate::domain::rounds::OrderStrategy;
use crate::domain::text::one_line;
use chrono::Weekday;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The top-level keys the file may have.
pub const KEYS: &[&str] = &[
    "turn-time",
    "speaking-order",
    "meeting-length",
    "date-format",
    "time-format",
    "week-start",
    "theme",
    "keys",
    "community",
];

/// The meeting lengths a community may have, in minutes (as its form allows).
const MEETING_MIN_MINUTES: i64 = 5;
const MEETING_MAX_MINUTES: i64 = 600;

struct Reader<'t> {
    text: &'t str,
    out: Settings,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn problem(&mut self, offset: usize, message: String) {
        let line = self.line(offset);
        self.out.problems.push(Problem {
            line: Some(line),
            message,
        });
    }

    fn at<T>(&self, value: T, v: &Spanned<DeValue<'_>>) -> Setting<T> {
        Setting {
            value,
            source: Source::File(self.line(v.span().start)),
        }
    }

    /// A string value, or a problem saying what was expected.
    fn string<'a>(&mut self, key: &str, v: &'a Spanned<DeValue<'_>>) -> Option<&'a str> {
        let s = v.get_ref().as_str();
        if s.is_none() {
            self.problem(
                v.span().start,
                format!(
                    "`{key}` must be text in quotes, not {}",
                    v.get_ref().type_str()
                ),
            );
        }
        s
    }

    fn integer(&mut self, key: &str, v: &Spanned<DeValue<'_>>) -> Option<i64> {
        let n = v
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        if n.is_none() {
            self.problem(
                v.span().start,
                format!(
                    "`{key}` must be a whole number, not {}",
                    v.get_ref().type_str()
                ),
            );
        }
        n
    }

    fn top(&mut self, key: &str, key_at: usize, v: &Spanned<DeValue<'_>>) {
        let start = v.span().start;
        match key {
            "turn-time" => {
                let raw = match v.get_ref() {
                    DeValue::Integer(_) => self.integer(key, v).map(|n| n.to_string()),
                    DeValue::String(s) => Some(s.to_string()),
                    other => {
                        let t = other.type_str();
                        self.problem(
                            start,
                            format!(
                                "`turn-time` must be minutes (3) or \"m:ss\" (\"2:30\"), not {t}"
                            ),
                        );
                        None
                    }
                };
                if let Some(raw) = raw {
                    match super::parse_turn(&raw) {
                        Some(s) => self.out.turn_seconds = self.at(s, v),
                        None => self.problem(start, format!(
                            "`turn-time = {}` is not a turn length: minutes (3) or \"m:ss\" (\"2:30\"), up to 60 minutes",
                            one_line(&raw)
                        )),
                    }
                }
            }
            "speaking-order" => {
                if let Some(s) = self.string(key, v) {
                    match OrderStrategy::parse(&s.replace('-', "_")) {
                        Some(o) => self.out.speaking_order = self.at(o, v),
                        None => self.problem(start, format!(
                            "`speaking-order = \"{}\"` is not an order: one of roster, shuffled, least-heard, rotate",
                            one_line(s)
                        )),
                    }
                }
            }
            "meeting-length" => {
                if let Some(n) = self.integer(key, v) {
                    if (MEETING_MIN_MINUTES..=MEETING_MAX_MINUTES).contains(&n) {
                        self.out.meeting_minutes = self.at(n as u32, v);
                    } else {
                        self.problem(start, format!(
                            "`meeting-length = {n}` must be between {MEETING_MIN_MINUTES} and {MEETING_MAX_MINUTES} minutes"
                        ));
                    }
                }
            }
            "date-format" | "time-format" => {
                if let Some(s) = self.string(key, v) {
                    let checked = if key == "date-format" {
                        super::dates::check_date_format(s)
                    } else {
                        super::dates::check_format(s)
                    };
                    match checked {
                        Ok(()) if key == "date-format" => {
                            self.out.date_format = self.at(s.into(), v)
                        }
                        Ok(()) => self.out.time_format = self.at(s.into(), v),
                        Err(why) => {
                            self.problem(start, format!("`{key} = \"{}\"`: {why}", one_line(s)))
                        }
                    }
                }
            }
            "week-start" => {
                if let Some(s) = self.string(key, v) {
                    match s.trim().parse::<Weekday>() {
                        Ok(d) => self.out.week_start = self.at(d, v),
                        Err(_) => self.problem(start, format!(
                            "`week-start = \"{}\"` is not a day of the week (monday, sunday, …)",
                            one_line(s)
                        )),
                    }
                }
            }
            "theme" => {
                if let Some(s) = self.string(key, v) {
                    match ThemeName::parse(s) {
                        Ok(t) => self.out.theme = self.at(t, v),
                        Err(_) => self.problem(start, format!(
                            "`theme = \"{}\"` is not a theme: one of dark, light, high-contrast",
                            one_line(s)
                        )),
                    }
                }
            }
            "keys" => self.keys(v),
            "community" => self.communities(v),
            other => self.problem(
                key_at,
                format!(
                    "unknown setting `{}` (known: {})",
                    one_line(other),
                    KEYS.join(", ")
                ),
            ),
        }
    }

    fn keys(&mut self, v: &Spanned<DeValue<'_>>) {
        let Some(table) = v.get_ref().as_table() else {
            let t = v.get_ref().type_str();
            return self.problem(
                v.span().start,
                format!("`keys` must be a table ([keys]), not {t}"),
            );
        };
        for (action, keys) in table.iter() {
            let line = self.line(action.span().start);
            let list = match keys.get_ref() {
                DeValue::String(s) => Some(vec![s.to_string()]),
                DeValue::Array(a) => a
                    .iter()
                    .map(|k| k.get_ref().as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>(),
                _ => None,
            };
            match list {
                Some(list) if !list.is_empty() => self.out.keys.push(KeyOverride {
                    action: action.get_ref().to_string(),
                    keys: list,
                    line,
                }),
                _ => self.problem(keys.span().start, format!(
                    "`{}` in [keys] must be a key (\"Ctrl-q\") or a list of keys ([\"Down\", \"j\"])",
                    one_line(action.get_ref())
                )),
            }
        }
    }

    fn communities(&mut self, v: &Spanned<DeValue<'_>>) {
        let Some(table) = v.get_ref().as_table() else {
            return self.problem(
                v.span().start,
                "`community` must be tables like [community.\"Ward 4 nurses\"]".into(),
            );
        };
        for (name, body) in table.iter() {
            let Some(inner) = body.get_ref().as_table() else {
                self.problem(
                    body.span().start,
                    format!(
                        "`community.\"{}\"` must be a table with `template = \"…\"`",
                        one_line(name.get_ref())
                    ),
                );
                continue;
            };
            for (key, value) in inner.iter() {
                if key.get_ref() != "template" {
                    self.problem(
                        key.span().start,
                        format!(
                            "unknown setting `{}` for community \"{}\" (known: template)",
                            one_line(key.get_ref()),
                            one_line(name.get_ref())
                        ),
                    );
                    continue;
                }
                if let Some(t) = self.string("template", value) {
                    let template = self.at(t.trim().to_string(), value);
                    self.out.communities.push(CommunityDefaults {
                        community: name.get_ref().to_string(),
                        template,
                    });
                }
            }
        }
    }
}

/// See [`Settings::parse`].
pub fn parse(text: &str) -> Settings {
    let mut r = Reader {
        text,
        out: Settings::default(),
    };
    match DeTable::parse(text) {
        Ok(doc) => {
            // Sorted by where they are in the file, so problems come in reading order.
            let mut entries: Vec<_> = doc.get_ref().iter().collect();
            entries.sort_by_key(|(k, _)| k.span().start);
            for (key, value) in entries {
                r.top(key.get_ref(), key.span().start, value);
            }
            r.out.keys.sort_by_key(|k| k.line);
            r.out.problems.sort_by_key(|p| p.line);
        }
        Err(e) => {
            let line = e.span().map(|s| r.line(s.start));
            let first = e.message().lines().next().unwrap_or("not TOML").trim();
            r.out.problems.push(Problem {
                line,
                message: format!(
                    "the file is not valid TOML ({}); every setting is at its default",
                    one_line(first)
                ),
            });
        }
    }
    r.out
}
