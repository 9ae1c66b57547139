//! The names nearest one typed that matched none ("no member 'Bobb'; did you mean
//! Bob?"): a name holding what was typed, or a word of it, or a few letters off it.

use super::text::one_line;

/// At most `max` of `names` nearest `typed`, nearest first (ties by name), compared
/// without case: those that hold it (`Bob` → `Bob Smith`), then those a few letters
/// off it, whole or in one of their words (`Bobb` → `Bob Smith`, `Amra` → `Amara`).
/// "A few" is one letter in three (at least one).
pub fn closest<'a>(typed: &str, names: &'a [String], max: usize) -> Vec<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let near = (typed.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, &str)> = names
        .iter()
        .filter_map(|name| {
            let lower = name.to_lowercase();
            if lower.contains(&typed) {
                return Some((0, name.as_str()));
            }
            let d = std::iter::once(lower.as_str())
                .chain(lower.split_whitespace())
                .map(|w| strsim::levenshtein(&typed, w))
                .min()?;
            (d <= near).then_some((d, name.as_str()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, n)| n).collect()
}

/// "; did you mean Bob?" / "; did you mean Bob, Bobby or Rob?" (each name through
/// [`one_line`]), or nothing when there is no name to offer.
pub fn did_you_mean(names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("'{}'", one_line(n))).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        [rest @ .., last] => format!("; did you mean {} or {last}?", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        [
            "Bob Carter",
            "Bobby Lee",
            "Rob Stone",
            "Amara Okafor",
            "Zoë 王",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn names_holding_the_text_come_first_then_those_a_letter_or_two_off() {
        let n = names();
        assert_eq!(closest("bobb", &n, 3), ["Bobby Lee", "Bob Carter"]);
        assert_eq!(closest("Rob", &n, 3), ["Rob Stone", "Bob Carter"]);
        assert_eq!(closest("Amra", &n, 3), ["Amara Okafor"]);
        assert_eq!(closest("okafor", &n, 3), ["Amara Okafor"]);
        assert_eq!(closest("zoe", &n, 3), ["Zoë 王"]);
        assert!(closest("Quentin", &n, 3).is_empty());
        assert!(closest("  ", &n, 3).is_empty());
        assert_eq!(closest("bob", &n, 1), ["Bob Carter"]);
    }

    #[test]
    fn the_offer_is_one_line_and_inert() {
        assert_eq!(did_you_mean(&[]), "");
        assert_eq!(did_you_mean(&["Bob"]), "; did you mean 'Bob'?");
        assert_eq!(
            did_you_mean(&["Bob", "Bobby", "Rob"]),
            "; did you mean 'Bob', 'Bobby' or 'Rob'?"
        );
        assert_eq!(
            did_you_mean(&["a\u{1b}[31m\nb"]),
            "; did you mean 'a␛[31m ⏎ b'?"
        );
    }
}
