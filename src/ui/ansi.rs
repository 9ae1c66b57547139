//! A rendered screen as text with ANSI colour codes (`render --color`), so a theme can be
//! seen without the interactive app: one line per row, a style change only where the
//! style changes, every line ending with the style reset, trailing blanks trimmed.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use std::fmt::Write;

/// The buffer as lines of text with SGR escape codes.
pub fn buffer_to_ansi(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut cells: Vec<&Cell> = Vec::new();
        // A double-width character covers the next cell; that cell is not printed.
        let mut covered = 0;
        for x in 0..buf.area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            covered = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            cells.push(cell);
        }
        while cells.last().is_some_and(|c| blank(c)) {
            cells.pop();
        }
        let mut current = plain_key();
        for cell in cells {
            let key = (cell.fg, cell.bg, cell.modifier);
            if key != current {
                if current != plain_key() {
                    out.push_str("\x1b[0m");
                }
                out.push_str(&sgr(cell));
                current = key;
            }
            // The only escape codes written are the styles': a cell's text never carries one.
            out.push_str(&crate::domain::text::sanitize(cell.symbol(), false));
        }
        if current != plain_key() {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

fn plain_key() -> (Color, Color, Modifier) {
    (Color::Reset, Color::Reset, Modifier::empty())
}

/// A space that shows nothing: no background, no underline or reverse video.
fn blank(c: &Cell) -> bool {
    c.symbol() == " "
        && matches!(c.bg, Color::Reset)
        && !c
            .modifier
            .intersects(Modifier::REVERSED | Modifier::UNDERLINED)
}

/// The escape sequence that sets `cell`'s style after a reset (empty for no style).
fn sgr(cell: &Cell) -> String {
    let mut codes: Vec<String> = Vec::new();
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if cell.modifier.contains(m) {
            codes.push(code.into());
        }
    }
    codes.extend(color(cell.fg, false));
    codes.extend(color(cell.bg, true));
    if codes.is_empty() {
        return String::new();
    }
    let mut s = String::from("\x1b[");
    let _ = write!(s, "{}m", codes.join(";"));
    s
}

/// The SGR parameter of a foreground (or, with `bg`, background) colour.
fn color(c: Color, bg: bool) -> Option<String> {
    let base = |n: u8| Some((if bg { n + 10 } else { n }).to_string());
    let extended = if bg { 48 } else { 38 };
    match c {
        Color::Reset => None,
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(n) => Some(format!("{extended};5;{n}")),
        Color::Rgb(r, g, b) => Some(format!("{extended};2;{r};{g};{b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn a_cells_text_never_carries_an_escape_code() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(0, 0)].set_symbol("\u{1b}");
        buf[(1, 0)].set_symbol("a");
        let out = buffer_to_ansi(&buf);
        // The only ESC left is the style reset's.
        assert!(!out.contains("\u{1b}a"), "{out:?}");
        assert_eq!(
            out.matches('\u{1b}').count(),
            out.matches("\u{1b}[").count()
        );
    }

    #[test]
    fn styles_become_codes_and_every_styled_line_is_reset() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 2));
        buf.set_string(0, 0, "ok", Style::new().fg(Color::Green));
        buf.set_string(
            3,
            0,
            "SEL",
            Style::new().bg(Color::Blue).fg(Color::White).bold(),
        );
        buf.set_string(0, 1, "plain", Style::new());
        let text = buffer_to_ansi(&buf);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "\x1b[32mok\x1b[0m \x1b[1;97;44mSEL\x1b[0m");
        assert_eq!(lines[1], "plain");
        assert_eq!(color(Color::Indexed(7), true).as_deref(), Some("48;5;7"));
    }
}
