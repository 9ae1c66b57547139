//! RFC 5545 content lines: TEXT escaping (§3.3.11) and line folding (§3.1).

/// The longest physical line, in octets, not counting the CRLF (RFC 5545 §3.1).
pub const MAX_OCTETS: usize = 75;

/// Escapes a TEXT value: backslash, semicolon and comma get a backslash, a newline
/// (LF, CR LF or a lone CR) becomes `\n`. Other control characters are dropped, except a
/// tab, which becomes a space so the words on either side stay apart.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one logical content line into physical lines of at most [`MAX_OCTETS`] octets
/// (a continuation line's leading space counts), each ending in CRLF. Breaks fall
/// between characters, never inside a multi-byte UTF-8 sequence.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 24 + 2);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// A calendar being written: content lines, folded and CRLF-terminated.
#[derive(Debug, Default)]
pub struct Lines(String);

impl Lines {
    /// Adds `NAME[;PARAMS]:value` with `value` written as is (dates, numbers, URIs and
    /// recurrence rules are not TEXT and must not be escaped).
    pub fn raw(&mut self, name: &str, value: &str) {
        self.0.push_str(&fold(&format!("{name}:{value}")));
    }

    /// Adds a TEXT property, escaping `value`.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    /// The finished calendar text.
    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes folding the way a reader does (RFC 5545 §3.1): CRLF followed by one space
    /// or tab is removed.
    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "").replace("\r\n\t", "")
    }

    #[test]
    fn escapes_each_special_character() {
        assert_eq!(escape_text(r"a\b"), r"a\\b");
        assert_eq!(escape_text("a;b"), r"a\;b");
        assert_eq!(escape_text("a,b"), r"a\,b");
        assert_eq!(escape_text("a\nb"), r"a\nb");
        assert_eq!(escape_text("a\r\nb"), r"a\nb");
        assert_eq!(escape_text("a\rb"), r"a\nb");
        assert_eq!(
            escape_text("a:b \"q\""),
            "a:b \"q\"",
            "colon and quotes stay"
        );
        assert_eq!(escape_text(r"\;,"), r"\\\;\,");
    }

    #[test]
    fn drops_control_characters() {
        assert_eq!(
            escape_text("bell\u{7}\u{1b}[31mred\u{7f}\u{9b}"),
            "bell[31mred"
        );
        assert_eq!(escape_text("tab\there"), "tab here");
        assert_eq!(escape_text("café 字 🙂"), "café 字 🙂");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:hi"), "SUMMARY:hi\r\n");
        let exact = format!("X:{}", "a".repeat(73));
        assert_eq!(fold(&exact), format!("{exact}\r\n"), "75 octets fit");
    }

    #[test]
    fn folds_at_75_octets_and_unfolds_to_the_original() {
        let line = format!("DESCRIPTION:{}", "abcdefghij".repeat(30));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 3);
        assert_eq!(physical[0].len(), 75, "the first line is filled up");
        for p in &physical[1..] {
            assert!(p.starts_with(' '));
            assert!(p.len() <= 75, "{} octets: {p:?}", p.len());
        }
        assert_eq!(physical[1].len(), 75);
        assert_eq!(unfold(&folded), format!("{line}\r\n"));
    }

    #[test]
    fn never_splits_a_multibyte_character() {
        for filler in ["é", "字", "🙂"] {
            let c = filler.chars().next().unwrap();
            for prefix in 0..4 {
                let line = format!("SUMMARY:{}{}", "x".repeat(prefix), filler.repeat(60));
                let folded = fold(&line);
                let physical: Vec<&[u8]> = folded
                    .as_bytes()
                    .strip_suffix(b"\r\n")
                    .unwrap()
                    .split(|&b| b == b'\n')
                    .map(|p| p.strip_suffix(b"\r").unwrap_or(p))
                    .collect();
                for (i, p) in physical.iter().enumerate() {
                    assert!(p.len() <= 75, "{} octets", p.len());
                    let text = std::str::from_utf8(p).expect("a whole number of characters");
                    if i > 0 {
                        let body = text.strip_prefix(' ').unwrap();
                        assert!(body.chars().all(|b| b == c), "{body:?}");
                        // Cut only when the next character would not fit.
                        if i + 1 < physical.len() {
                            assert!(p.len() + filler.len() > 75, "{filler} {prefix} {i}");
                        }
                    } else {
                        assert!(p.len() + filler.len() > 75, "{filler} {prefix}");
                    }
                }
                assert_eq!(unfold(&folded), format!("{line}\r\n"));
            }
        }
    }

    #[test]
    fn lines_escape_text_but_not_raw_values() {
        let mut l = Lines::default();
        l.text("SUMMARY", "a,b");
        l.raw("RRULE", "FREQ=WEEKLY;BYDAY=TU");
        assert_eq!(
            l.finish(),
            "SUMMARY:a\\,b\r\nRRULE:FREQ=WEEKLY;BYDAY=TU\r\n"
        );
    }
}
