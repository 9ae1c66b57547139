//! Input validation shared by every form and import: a failed check names the field
//! and says what is wrong, in words a leader understands.

use chrono::NaiveDate;
use std::fmt;
use unicode_normalization::UnicodeNormalization;

/// Longest name (community, member) in characters.
pub const NAME_MAX: usize = 80;
/// Longest one-line field (role, learning style, place, title) in characters.
pub const SHORT_MAX: usize = 200;
/// Longest free-text field (purpose, strengths, hopes…) in characters.
pub const LONG_MAX: usize = 4000;

/// One field that failed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's key, as the form and the CSV header name it (`name`, `joined`…).
    pub field: &'static str,
    /// What is wrong, as a sentence for the user.
    pub message: String,
}

/// Every field that failed, in form order. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    /// Records a failure of `field`, unless it already failed: a field shows one
    /// message, the first found (a later check would only say it again in other words).
    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        if self.for_field(field).is_some() {
            return;
        }
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// `Ok(value)` when nothing failed, otherwise the collected errors.
    pub fn into_result<T>(self, value: T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// The message for `field`, if it failed.
    pub fn for_field(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}

/// Trims a required name, composes it (Unicode NFC, so "Amélie" typed either way is one
/// name) and checks its length and that it is one line of printable text; records a
/// failure in `errs`.
pub fn name(errs: &mut ValidationErrors, field: &'static str, raw: &str) -> String {
    let v: String = raw.trim().nfc().collect();
    if v.is_empty() {
        errs.push(field, "is required");
    } else if v.chars().count() > NAME_MAX {
        let n = v.chars().count();
        errs.push(
            field,
            format!("is too long ({n} characters; at most {NAME_MAX})"),
        );
    } else if v.contains(['\n', '\r']) {
        errs.push(field, "must be on one line");
    } else if v.chars().any(char::is_control) {
        errs.push(field, CONTROL);
    }
    v
}

/// Trims an optional text field, composes it (NFC), turns CRLF and CR line ends into LF,
/// and checks it is at most `max` characters with no control characters but line ends
/// and tabs.
pub fn text(errs: &mut ValidationErrors, field: &'static str, raw: &str, max: usize) -> String {
    let trimmed = raw.trim();
    let v: String = if trimmed.contains('\r') {
        trimmed
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .nfc()
            .collect()
    } else {
        trimmed.nfc().collect()
    };
    let n = v.chars().count();
    if n > max {
        errs.push(
            field,
            format!("is too long ({n} characters; at most {max})"),
        );
    } else if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        errs.push(field, CONTROL);
    }
    v
}

/// The message for text holding control characters (escape sequences, bells…).
const CONTROL: &str = "must not contain control characters (such as escape or bell)";

/// Parses an optional date written `YYYY-MM-DD`; empty means none.
pub fn date(errs: &mut ValidationErrors, field: &'static str, raw: &str) -> Option<NaiveDate> {
    let v = raw.trim();
    if v.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errs.push(field, format!("'{v}' is not a date (use YYYY-MM-DD)"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        let mut e = ValidationErrors::default();
        assert_eq!(name(&mut e, "name", "  Ada  "), "Ada");
        assert!(e.0.is_empty());
        name(&mut e, "name", "   ");
        assert_eq!(e.for_field("name"), Some("is required"));
    }

    #[test]
    fn long_names_and_text_are_refused() {
        let mut e = ValidationErrors::default();
        name(&mut e, "name", &"x".repeat(NAME_MAX + 1));
        text(&mut e, "purpose", &"é".repeat(LONG_MAX + 1), LONG_MAX);
        assert_eq!(e.0.len(), 2);
        let mut ok = ValidationErrors::default();
        name(&mut ok, "name", &"字".repeat(NAME_MAX));
        assert!(ok.0.is_empty(), "length counts characters, not bytes");
    }

    #[test]
    fn text_is_composed_and_printable() {
        let mut e = ValidationErrors::default();
        assert_eq!(name(&mut e, "name", "Ame\u{301}lie"), "Am\u{e9}lie");
        assert_eq!(text(&mut e, "hopes", "a\r\nb\rc", LONG_MAX), "a\nb\nc");
        assert_eq!(text(&mut e, "hopes", "tab\there", LONG_MAX), "tab\there");
        assert!(e.0.is_empty());
        name(&mut e, "name", "Evil\u{1b}[2J");
        text(&mut e, "hopes", "bell\u{7}", LONG_MAX);
        text(&mut e, "role", "c1\u{9b}31m", SHORT_MAX);
        assert_eq!(e.0.len(), 3, "{e}");
        assert!(e.for_field("name").is_some_and(|m| m.contains("control")));
    }

    #[test]
    fn dates_must_be_iso() {
        let mut e = ValidationErrors::default();
        assert_eq!(date(&mut e, "joined", ""), None);
        assert!(date(&mut e, "joined", "2026-02-03").is_some());
        assert!(e.0.is_empty());
        assert_eq!(date(&mut e, "joined", "2026-02-30"), None);
        assert!(
            e.for_field("joined")
                .is_some_and(|m| m.contains("not a date"))
        );
    }
}
