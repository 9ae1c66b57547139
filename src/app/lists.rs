//! Selection and filtering of the screen lists.

/// Where a list is: its selected row (among the visible ones) and its filter text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    pub selected: usize,
    pub filter: String,
}

impl ListState {
    /// Keeps the selection inside `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Moves the selection by `by` rows, stopping at either end.
    pub fn move_by(&mut self, by: isize, len: usize) {
        self.selected = moved(self.selected, by, len);
    }

    /// The data index of the selected row, given the visible rows (see [`matching`]).
    pub fn pick(&self, rows: &[usize]) -> Option<usize> {
        rows.get(self.selected).copied()
    }

    /// Selects the row that shows data index `row`, if the filter lets it through (the
    /// selection counts visible rows, not data rows).
    pub fn select_data_row(&mut self, rows: &[usize], row: Option<usize>) {
        if let Some(i) = row.and_then(|row| rows.iter().position(|&r| r == row)) {
            self.selected = i;
        }
    }
}

/// A selection `at` moved by `by` rows among `len`, stopping at either end.
pub fn moved(at: usize, by: isize, len: usize) -> usize {
    let max = len.saturating_sub(1) as isize;
    (at as isize).saturating_add(by).clamp(0, max) as usize
}

/// Indices of `texts` that contain every word of `filter`, ignoring case.
pub fn matching(texts: &[String], filter: &str) -> Vec<usize> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    texts
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            let t = t.to_lowercase();
            words.iter().all(|w| t.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_needs_every_word() {
        let t = vec![
            "Ada Lovelace maths".to_string(),
            "Grace Hopper navy".into(),
            "Alan maths".into(),
        ];
        assert_eq!(matching(&t, ""), vec![0, 1, 2]);
        assert_eq!(matching(&t, "MATHS"), vec![0, 2]);
        assert_eq!(matching(&t, "maths ada"), vec![0]);
        assert!(matching(&t, "zzz").is_empty());
    }

    #[test]
    fn selection_stays_in_bounds() {
        let mut s = ListState::default();
        s.move_by(-5, 3);
        assert_eq!(s.selected, 0);
        s.move_by(isize::MAX / 2, 3);
        assert_eq!(s.selected, 2);
        s.clamp(1);
        assert_eq!(s.selected, 0);
        s.move_by(1, 0);
        assert_eq!(s.selected, 0);
    }
}
