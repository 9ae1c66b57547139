//! The leader's settings file (`settings.toml`): the pure part. [`Settings::parse`] reads
//! the text into typed values, each with where it came from ([`Source`]); every unknown
//! key, bad value or unparsable file is a [`Problem`] naming its line, and that key keeps
//! its built-in default. Reading the file from disk is in [`file`] (called by `cli` and
//! `tui` only); the app gets a parsed `Settings`. The date and time formatter the screens
//! share is [`Dates`].

mod dates;
pub mod file;
mod parse;

pub use dates::Dates;

use crate::domain::rounds::OrderStrategy;
use chrono::Weekday;

/// Where an effective setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The built-in default (absent from the file, or its value was refused).
    Default,
    /// The settings file, at this line (1-based).
    File(usize),
    /// The database (the default speaking order saved with `O` on Live).
    Database,
    /// The command line or its environment variable (`--theme`, `ROUNDTABLE_THEME`).
    CommandLine,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => write!(f, "default"),
            Source::File(n) => write!(f, "file line {n}"),
            Source::Database => write!(f, "database"),
            Source::CommandLine => write!(f, "command line"),
        }
    }
}

/// One setting's effective value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Setting<T> {
    /// A value given on the command line, which wins over the file.
    pub fn from_command_line(value: T) -> Self {
        Self {
            value,
            source: Source::CommandLine,
        }
    }

    fn default(value: T) -> Self {
        Self {
            value,
            source: Source::Default,
        }
    }
}

/// Something wrong in the file: the line it is on (when known) and what is wrong, in
/// words for the leader. The setting concerned keeps its built-in default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(n) => write!(f, "line {n}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// A colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Light text on a dark terminal (the default).
    #[default]
    Dark,
    /// Dark text for a white or light terminal: no yellow or cyan text.
    Light,
    /// Bright, bold text and solid backgrounds; nothing dimmed.
    HighContrast,
}

/// A theme name Roundtable does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown theme `{0}`: choose dark, light or high-contrast")]
pub struct UnknownTheme(pub String);

impl ThemeName {
    /// Every theme, in the order `--help` lists them.
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// The name as typed on the command line and in the settings file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    /// Reads a theme name: any case, surrounding spaces ignored, `_` or a space for `-`
    /// (`High_Contrast`, `high contrast`).
    pub fn parse(s: &str) -> Result<Self, UnknownTheme> {
        let wanted = s.trim().to_lowercase().replace(['_', ' '], "-");
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| UnknownTheme(s.to_string()))
    }
}

impl std::fmt::Display for ThemeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `[keys]` entry: an action name and the keys it should have, as written, with the
/// line. The app's keymap checks the action, the keys and conflicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub action: String,
    pub keys: Vec<String>,
    pub line: usize,
}

/// A `[community."Name"]` table: the template preselected when planning for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityDefaults {
    pub community: String,
    pub template: Setting<String>,
}

/// Default length of one speaking turn, in seconds.
pub const TURN_SECONDS: u32 = 120;
/// Default length of a meeting with no template and no length of its community.
pub const MEETING_MINUTES: u32 = 90;
/// Default date format (chrono `strftime`).
pub const DATE_FORMAT: &str = "%a %Y-%m-%d";
/// Default time format (chrono `strftime`).
pub const TIME_FORMAT: &str = "%H:%M";

/// Every setting, effective: the file's values where they are good, defaults elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Default length of a speaking turn in a new agenda item, in seconds.
    pub turn_seconds: Setting<u32>,
    /// Default speaking order (the database's, set with `O`, wins; see `config show`).
    pub speaking_order: Setting<OrderStrategy>,
    /// Default meeting length in minutes: a new community's, and a meeting's planned
    /// without a template nor a community.
    pub meeting_minutes: Setting<u32>,
    pub date_format: Setting<String>,
    pub time_format: Setting<String>,
    /// First day of a week (History's `week` filters).
    pub week_start: Setting<Weekday>,
    pub theme: Setting<ThemeName>,
    /// `[keys]`: remapped actions, in the file's order.
    pub keys: Vec<KeyOverride>,
    /// `[community."Name"]`: per-community defaults.
    pub communities: Vec<CommunityDefaults>,
    /// What was wrong in the file, by line.
    pub problems: Vec<Problem>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            turn_seconds: Setting::default(TURN_SECONDS),
            speaking_order: Setting::default(OrderStrategy::Roster),
            meeting_minutes: Setting::default(MEETING_MINUTES),
            date_format: Setting::default(DATE_FORMAT.into()),
            time_format: Setting::default(TIME_FORMAT.into()),
            week_start: Setting::default(Weekday::Mon),
            theme: Setting::default(ThemeName::Dark),
            keys: Vec::new(),
            communities: Vec::new(),
            problems: Vec::new(),
        }
    }
}

impl Settings {
    /// Reads a settings file's text. Never fails: what cannot be used is a problem, and
    /// its setting keeps the default.
    pub fn parse(text: &str) -> Self {
        parse::parse(text)
    }

    /// The formatter for dates and times these settings ask for.
    pub fn dates(&self) -> Dates {
        Dates::new(&self.date_format.value, &self.time_format.value)
    }

    /// The template to preselect when planning for `community` (names compared as
    /// written, ignoring case).
    pub fn template_for(&self, community: &str) -> Option<&str> {
        self.communities
            .iter()
            .find(|c| c.community.to_lowercase() == community.to_lowercase())
            .map(|c| c.template.value.as_str())
    }

    /// The status line's summary of the problems, if any: the first, and how many more.
    pub fn problems_summary(&self) -> Option<String> {
        let first = self.problems.first()?;
        let more = match self.problems.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more problem)".into(),
            n => format!(" (and {n} more problems)"),
        };
        Some(format!(
            "Settings file, {first}{more}; defaults used for those — see `roundtable config show`"
        ))
    }
}

/// A turn length as written in the file: whole minutes (`3`) or `m:ss` (`"2:30"`).
pub fn parse_turn(s: &str) -> Option<u32> {
    let secs = match s.split_once(':') {
        Some((m, s)) if s.len() == 2 => {
            let secs = s.parse::<u32>().ok().filter(|s| *s < 60)?;
            m.trim()
                .parse::<u32>()
                .ok()?
                .checked_mul(60)?
                .checked_add(secs)?
        }
        Some(_) => return None,
        None => s.trim().parse::<u32>().ok()?.checked_mul(60)?,
    };
    (1..=crate::domain::agenda::TURN_MAX_SECONDS)
        .contains(&secs)
        .then_some(secs)
}

#[cfg(test)]
mod tests;
