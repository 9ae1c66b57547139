//! How the app looks, as the app carries it: the colour theme chosen (`--theme`,
//! `ROUNDTABLE_THEME`, the settings file) and whether the screen is drawn plain for a
//! screen reader (`render --plain`). `ui::Theme` turns these into styles; `NO_COLOR`
//! (the app's `color`) wins over any theme.

use std::fmt;

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

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The look the app is drawn with, apart from colour on or off (`App::color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Appearance {
    /// The colour theme (unused while colour is off).
    pub theme: ThemeName,
    /// Drawn for a screen reader: no frames, rules or bars, titles as plain lines.
    pub plain: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back_and_spellings_are_forgiven() {
        for t in ThemeName::ALL {
            assert_eq!(ThemeName::parse(t.as_str()), Ok(t));
            assert_eq!(ThemeName::parse(&t.to_string().to_uppercase()), Ok(t));
        }
        assert_eq!(
            ThemeName::parse(" High_Contrast "),
            Ok(ThemeName::HighContrast)
        );
        assert_eq!(
            ThemeName::parse("high contrast"),
            Ok(ThemeName::HighContrast)
        );
        assert_eq!(ThemeName::default(), ThemeName::Dark);
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_choices() {
        let e = ThemeName::parse("solarized").unwrap_err();
        assert_eq!(e, UnknownTheme("solarized".into()));
        let msg = e.to_string();
        assert!(
            msg.contains("solarized") && msg.contains("high-contrast"),
            "{msg}"
        );
        assert!(ThemeName::parse("").is_err());
    }
}
