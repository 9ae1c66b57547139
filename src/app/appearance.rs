//! How the app looks, as the app carries it: the colour theme chosen (`--theme`,
//! `ROUNDTABLE_THEME`, the settings file) and whether the screen is drawn plain for a
//! screen reader (`render --plain`). `ui::Theme` turns these into styles; `NO_COLOR`
//! (the app's `color`) wins over any theme.

pub use crate::settings::{ThemeName, UnknownTheme};

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
