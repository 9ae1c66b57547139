//! What every rendered screen must look like, whatever it shows: the snapshot tests check
//! it before comparing (so a wrong snapshot cannot be accepted by mistake) and the
//! property tests after every key.

use roundtable::ui::{MIN_HEIGHT, MIN_WIDTH};
use unicode_width::UnicodeWidthStr;

/// Characters a box's left edge starts a row with, and the right edge ends it with.
const LEFT_EDGE: [char; 3] = ['│', '╭', '╰'];
const RIGHT_EDGE: [char; 3] = ['│', '╮', '╯'];

/// Checks a screen rendered by `ui::app_to_text` at `w`×`h`:
/// - a row that starts on a box's left edge ends on a right edge in the last column, so
///   every box closes and every character before it (wide ones count two) sits in its
///   column; no row is wider than the terminal;
/// - the layout fills the terminal: the tab bar on the first row, key hints on the last.
///
/// Below the smallest supported size the screen must say it is too small instead.
pub fn check_screen(text: &str, w: u16, h: u16) -> Result<(), String> {
    let lines: Vec<&str> = text.lines().collect();
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        return if text.contains("Terminal too small") {
            Ok(())
        } else {
            Err(format!(
                "{w}x{h} is too small, and the screen does not say so"
            ))
        };
    }
    for (y, line) in lines.iter().enumerate() {
        let width = line.width();
        if width > w as usize {
            return Err(format!("row {y} is {width} columns wide at {w}x{h}"));
        }
        if line.starts_with(LEFT_EDGE) && !(width == w as usize && line.ends_with(RIGHT_EDGE)) {
            return Err(format!(
                "row {y} starts on a box edge but ends at column {width} of {w} on {:?}",
                line.chars().last().unwrap_or(' ')
            ));
        }
    }
    // Every tab's number is on the first row (the bar shortens its words to fit).
    let tabs = |l: &str| (1..=7).all(|i| l.contains(&format!(" {i} ")));
    if !lines.first().is_some_and(|l| tabs(l)) {
        return Err("the first row is not the tab bar".into());
    }
    let last = h as usize - 1;
    if lines.get(last).is_none_or(|l| l.trim().is_empty()) {
        return Err(format!("the last row ({last}) shows no key hints"));
    }
    Ok(())
}

/// [`check_screen`], panicking with the screen on failure.
#[track_caller]
pub fn assert_screen(name: &str, text: &str, w: u16, h: u16) {
    if let Err(e) = check_screen(text, w, h) {
        panic!("{name} at {w}x{h}: {e}\n{text}");
    }
}
