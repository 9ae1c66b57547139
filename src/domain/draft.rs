//! A draft is what a form (or a CSV row) holds before validation: text per field key.
//! Each domain type converts from a draft (validating) and back (to prefill an edit form).

use std::collections::BTreeMap;

/// Raw text per field key, as typed or imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft(BTreeMap<&'static str, String>);

impl Draft {
    /// An empty draft.
    pub fn new() -> Self {
        Self::default()
    }

    /// The text of `key`, or "" when it was never set.
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or("")
    }

    /// Sets `key` to `value`.
    pub fn set(&mut self, key: &'static str, value: impl Into<String>) {
        self.0.insert(key, value.into());
    }

    /// Builder form of [`Draft::set`].
    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.set(key, value);
        self
    }
}
