//! Making user text safe to show in a terminal.

use std::borrow::Cow;

/// Returns `s` with every control character replaced by a visible stand-in, so typed or
/// imported text can never move the cursor, change colours or otherwise reach the
/// terminal as a command. C0 controls map to their Unicode "control picture"
/// (ESC → `␛`), DEL to `␡`, and C1 controls to `�`. Newlines are kept only when
/// `keep_newlines` is true; tabs become a space. Bidirectional controls (which reorder
/// what is around them: `txt.exe` shown as `exe.txt`) are shown as `�` too, and invisible
/// characters that terminals disagree on the width of (zero-width joiners and spaces,
/// tag characters) are left out, so layouts stay aligned.
pub fn sanitize(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    clean(s, keep_newlines, is_invisible)
}

/// [`sanitize`] for text written to a file (Markdown and HTML exports), where a
/// terminal's width does not matter: the joiners (U+200D, U+200C) are kept, as they
/// carry meaning (👩🏽‍🏫 is one teacher, not a woman and a school; Persian and Indic
/// spellings need the non-joiner) and move nothing. Controls, bidirectional controls and
/// the other invisible characters are treated as for the terminal.
pub fn sanitize_for_file(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    clean(s, keep_newlines, |c| {
        is_invisible(c) && !matches!(c, '\u{200c}' | '\u{200d}')
    })
}

/// `s` with controls made visible and the characters `dropped` says left out.
fn clean(s: &str, keep_newlines: bool, dropped: impl Fn(char) -> bool) -> Cow<'_, str> {
    let is_clean = |c: char| {
        (!c.is_control() || (keep_newlines && c == '\n'))
            && !is_bidi_control(c)
            && !dropped(c)
            && !is_line_separator(c)
    };
    if s.chars().all(is_clean) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !dropped(*c))
            .map(|c| match c {
                '\n' if keep_newlines => '\n',
                '\t' => ' ',
                '\u{7f}' => '\u{2421}',
                c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                c if c.is_control() || is_bidi_control(c) => '\u{fffd}',
                c if is_line_separator(c) => ' ',
                c => c,
            })
            .collect(),
    )
}

/// Explicit bidirectional formatting: embeddings, overrides, isolates and marks.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Characters with no width of their own: zero-width space, (non-)joiners, word joiner,
/// invisible operators, the byte-order mark, the Mongolian vowel separator and tags.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}' | '\u{e0000}'..='\u{e007f}')
}

/// Unicode's own line and paragraph separators, which some terminals break lines on.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Sanitizes `s` for a single-line cell: newlines become `⏎`.
pub fn one_line(s: &str) -> String {
    sanitize(s, true).replace('\n', " \u{23ce} ")
}

/// `n` and the word for it: "1 vote", "3 votes".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        assert_eq!(sanitize("a\u{1b}[31mred", false), "a\u{241b}[31mred");
        assert_eq!(sanitize("bell\u{7}", false), "bell\u{2407}");
        assert_eq!(sanitize("c1\u{9b}x", false), "c1\u{fffd}x");
        assert_eq!(sanitize("del\u{7f}", false), "del\u{2421}");
    }

    #[test]
    fn newlines_kept_only_when_asked() {
        assert_eq!(sanitize("a\nb", true), "a\nb");
        assert_eq!(sanitize("a\nb", false), "a\u{240a}b");
        assert_eq!(one_line("a\nb"), "a \u{23ce} b");
    }

    #[test]
    fn bidi_controls_are_shown_and_invisible_characters_dropped() {
        assert_eq!(sanitize("txt\u{202e}exe.doc", false), "txt\u{fffd}exe.doc");
        for c in ['\u{202a}', '\u{2066}', '\u{2069}', '\u{200f}'] {
            assert_eq!(sanitize(&format!("a{c}b"), false), "a\u{fffd}b");
        }
        assert_eq!(sanitize("👩\u{200d}💻", false), "👩💻");
        // Written to a file, the joiners stay (r9 trial F20); the rest is as above.
        let teacher = "🌻 Sunny 👩🏽\u{200d}🏫 \u{200c}x\u{fe0f}";
        assert_eq!(sanitize_for_file(teacher, false), teacher);
        assert_eq!(
            sanitize_for_file("a\u{1b}[31m\u{202e}\u{200b}b", false),
            "a\u{241b}[31m\u{fffd}b"
        );
        assert_eq!(sanitize("a\u{200b}b\u{feff}c\u{e0041}", false), "abc");
        assert_eq!(sanitize("a\u{2028}b", true), "a b");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("plain é 字 🙂", false), Cow::Borrowed(_)));
    }
}
