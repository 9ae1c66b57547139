//! The effective keymap: [`KEYMAP`] with the settings file's `[keys]` overrides applied,
//! built once at start and kept in the app. Key handling, the footer hints and the help
//! overlay read it, so help shows remapped keys.
//!
//! An action's name is its [`Command`] in kebab-case (`GoTo(Roster)` is `go-to-roster`),
//! derived, never listed by hand; `roundtable config keys` prints them all. An override
//! gives the action's keys on every screen and mode it is bound in, except that in the
//! typing modes (filter, form, note) a plain character stays text: there the binding keeps
//! only the override's other keys, or its own when none is left. An override that would
//! put two commands on one key in one mode and screen is not applied, and said.

use super::Screen;
use super::keymap::{Binding, Command, KEYMAP, Key, Mode, applies, needs_row};
use crate::domain::text::one_line;
use crate::settings::{KeyOverride, Problem};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The stable name of a command in the settings file (`next-speaker`, `go-to-roster`).
pub fn action_name(cmd: Command) -> String {
    let mut out = String::new();
    for c in format!("{cmd:?}").chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '(' || c == ')' {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Every command a key can give, once each, in the keymap's order.
pub fn actions() -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    for bd in KEYMAP {
        if !out.contains(&bd.command) {
            out.push(bd.command);
        }
    }
    out
}

/// Reads a key as written in the settings file: a character (`j`, `?`, `J`), a name
/// (`Space`, `Enter`, `Esc`, `Tab`, `Backspace`, `Up`, `Down`, `Left`, `Right`, `PgUp`,
/// `PgDn`, `Home`, `End`, `Delete`, `Insert`, `F1`…`F12`; any case), with `Ctrl-`,
/// `Alt-` or `Shift-` in front.
pub fn parse_key(s: &str) -> Option<Key> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = s.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        if rest.len() == len {
            break;
        }
        mods |= m;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        // The arrows as help writes them.
        (Some('↑'), None) => KeyCode::Up,
        (Some('↓'), None) => KeyCode::Down,
        (Some('←'), None) => KeyCode::Left,
        (Some('→'), None) => KeyCode::Right,
        (Some(c), None) if !c.is_control() && c != ' ' => {
            if mods.contains(KeyModifiers::CONTROL) {
                // Terminals report Ctrl with the lower-case letter.
                KeyCode::Char(c.to_ascii_lowercase())
            } else if mods.contains(KeyModifiers::SHIFT) {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            } else {
                KeyCode::Char(c)
            }
        }
        _ => match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            f => {
                let n: u8 = f.strip_prefix('f')?.parse().ok()?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            }
        },
    };
    Some(Key { code, mods })
}

/// Whether `k` is Ctrl-Z, which the terminal loop takes to suspend the app before any
/// command is looked up (`tui::is_suspend_key`).
fn is_suspend(k: &Key) -> bool {
    k.code == KeyCode::Char('z') && k.mods.contains(KeyModifiers::CONTROL)
}

/// Whether typing `k` in a text field would be text (a character without Ctrl or Alt).
fn is_text(k: &Key) -> bool {
    matches!(k.code, KeyCode::Char(_))
        && !k.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn is_typing(mode: Mode) -> bool {
    matches!(mode, Mode::Filter | Mode::Form | Mode::Note)
}

fn same_key(a: &Key, b: &Key) -> bool {
    a.matches(&KeyEvent::new(b.code, b.mods)) || b.matches(&KeyEvent::new(a.code, a.mods))
}

/// One binding of the effective keymap: the table's row and the keys it has now.
#[derive(Debug, Clone)]
pub struct Row {
    pub binding: &'static Binding,
    pub keys: Vec<Key>,
    /// The settings file's line that gave the keys, if an override did.
    pub line: Option<usize>,
}

impl Row {
    /// All keys of the row, written `e/Enter`.
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(Key::label)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The keymap in effect: [`KEYMAP`] plus the overrides that were applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Row>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            rows: KEYMAP
                .iter()
                .map(|bd| Row {
                    binding: bd,
                    keys: bd.keys.to_vec(),
                    line: None,
                })
                .collect(),
        }
    }
}

/// An override read and checked, not yet known to be free of conflicts.
struct Parsed<'a> {
    action: Command,
    keys: Vec<Key>,
    from: &'a KeyOverride,
}

impl Keymap {
    /// The built-in keymap with `overrides` applied; what could not be applied (unknown
    /// action, unreadable key, a conflict) is a problem naming the file's line.
    pub fn with_overrides(overrides: &[KeyOverride]) -> (Self, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut problem = |line: usize, message: String| {
            problems.push(Problem {
                line: Some(line),
                message,
            });
        };
        let actions = actions();
        let mut parsed: Vec<Parsed> = Vec::new();
        for o in overrides {
            let Some(&action) = actions.iter().find(|&&c| action_name(c) == o.action) else {
                problem(
                    o.line,
                    format!(
                        "[keys] `{}` is not an action (`roundtable config keys` lists them)",
                        one_line(&o.action)
                    ),
                );
                continue;
            };
            let keys: Result<Vec<Key>, &String> =
                o.keys.iter().map(|k| parse_key(k).ok_or(k)).collect();
            match keys {
                Ok(keys) if keys.iter().any(is_suspend) => problem(
                    o.line,
                    format!(
                        "[keys] `{}` is not applied: Ctrl-Z suspends Roundtable (as in any \
                         terminal program; `fg` brings it back), so no action can have it",
                        one_line(&o.action)
                    ),
                ),
                Ok(keys) => {
                    // A later line for the same action replaces an earlier one.
                    parsed.retain(|p| p.action != action);
                    parsed.push(Parsed {
                        action,
                        keys,
                        from: o,
                    });
                }
                Err(bad) => problem(
                    o.line,
                    format!(
                        "[keys] `{}`: \"{}\" is not a key (e.g. \"j\", \"Ctrl-q\", \"Down\", \"F2\")",
                        one_line(&o.action),
                        one_line(bad)
                    ),
                ),
            }
        }
        // Apply them all, then take out the ones in a conflict, until none is left: a
        // swap of two keys (both overridden) is fine; a clash with a key the table keeps
        // is not, nor with an earlier line.
        // Without overrides the table stands as it is (its own clash test keeps it sound):
        // no start-up cost.
        if parsed.is_empty() {
            return (Self::default(), problems);
        }
        loop {
            let map = Self::applying(&parsed);
            let Some((culprit, message)) = map.first_conflict() else {
                return (map, problems);
            };
            if let Some(i) = parsed.iter().position(|p| p.from.line == culprit) {
                let p = parsed.remove(i);
                problem(
                    culprit,
                    format!(
                        "[keys] `{}` is not applied: {message}",
                        one_line(&p.from.action)
                    ),
                );
            } else {
                // Cannot happen: the table itself has no conflicts (`keymap::tests`).
                return (Self::default(), problems);
            }
        }
    }

    fn applying(parsed: &[Parsed]) -> Self {
        let mut map = Self::default();
        for row in &mut map.rows {
            let Some(p) = parsed.iter().find(|p| p.action == row.binding.command) else {
                continue;
            };
            let keys: Vec<Key> = if is_typing(row.binding.mode) {
                p.keys.iter().filter(|k| !is_text(k)).copied().collect()
            } else {
                p.keys.clone()
            };
            if !keys.is_empty() {
                row.keys = keys;
                row.line = Some(p.from.line);
            }
        }
        map
    }

    /// The first place two commands share a key in one mode and screen where an
    /// override is involved: the line to take out (the later override's) and why.
    fn first_conflict(&self) -> Option<(usize, String)> {
        use strum::VariantArray;
        for &mode in Mode::VARIANTS {
            for screen in Screen::ALL {
                let keys: Vec<(&Row, &Key)> = self
                    .bindings(mode, screen)
                    .flat_map(|r| r.keys.iter().map(move |k| (r, k)))
                    .collect();
                for (i, &(a, ka)) in keys.iter().enumerate() {
                    for &(b, kb) in &keys[i + 1..] {
                        // Only an override can clash (the table alone does not).
                        let line = match (a.line, b.line) {
                            (Some(x), Some(y)) => x.max(y),
                            (Some(x), None) | (None, Some(x)) => x,
                            (None, None) => continue,
                        };
                        if a.binding.command == b.binding.command || !same_key(ka, kb) {
                            continue;
                        }
                        let (mine, other) = if a.line == Some(line) { (a, b) } else { (b, a) };
                        return Some((
                            line,
                            format!(
                                "{} would also be `{}` ({}) on {} ({})",
                                if mine.binding.command == a.binding.command {
                                    ka.label()
                                } else {
                                    kb.label()
                                },
                                action_name(other.binding.command),
                                other.binding.label,
                                screen.title(),
                                mode.title()
                            ),
                        ));
                    }
                }
            }
        }
        None
    }

    /// The command bound to `ev` in `mode` on `screen`, if any.
    pub fn lookup(&self, mode: Mode, screen: Screen, ev: &KeyEvent) -> Option<Command> {
        self.bindings(mode, screen)
            .find(|r| r.keys.iter().any(|k| k.matches(ev)))
            .map(|r| r.binding.command)
    }

    /// The rows that apply in `mode` on `screen`, in table order.
    pub fn bindings(&self, mode: Mode, screen: Screen) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(move |r| r.binding.mode == mode && applies(r.binding, screen))
    }

    /// Every row, in table order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Footer hints for `mode` on `screen`: `(keys, label)` pairs, the screen's own first
    /// (they are what the leader is looking for), then the ones that apply everywhere.
    /// With `has_rows` false (an empty list), keys that act on a row are left out.
    pub fn hints(&self, mode: Mode, screen: Screen, has_rows: bool) -> Vec<(String, &'static str)> {
        let mut shown: Vec<&Row> = self
            .bindings(mode, screen)
            .filter(|r| r.binding.footer)
            .filter(|r| has_rows || mode != Mode::Browse || !needs_row(r.binding.command, screen))
            .collect();
        // Help comes first everywhere: with it, every other key can be found. On the
        // screens browsed (not in a live meeting, whose own keys matter more) quit comes
        // next, so a narrow footer, which drops the last hints, still says how to leave.
        // Bindings of (nearly) every screen, such as the filter, count as general ones.
        let general = |r: &Row| {
            r.binding.screens.is_empty() || r.binding.screens.len() >= Screen::LISTS.len()
        };
        let first = |r: &Row| match r.binding.command {
            Command::Help => true,
            Command::Quit => mode == Mode::Browse && screen != Screen::Live,
            _ => false,
        };
        shown.sort_by_key(|r| (!first(r), general(r)));
        shown
            .into_iter()
            .map(|r| (r.keys_label(), r.binding.label))
            .collect()
    }
}

#[cfg(test)]
mod tests;
