//! Semantic styles. Screens ask for a meaning (`selected`, `error`), never a colour, so
//! the theme (dark, light, high-contrast) and `NO_COLOR` are honoured in one place.
//! Without colour, whatever the theme, meaning is carried by bold, reverse video and dim
//! text, and every state is also a symbol or a word on screen. A plain theme (`render
//! --plain`) also drops frames and bars in the shared helpers (`widgets`).

use crate::app::{App, ThemeName};
use ratatui::style::{Color, Modifier, Style};

/// The app's styles.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// The colours in use; `None` when colour is off (`NO_COLOR`).
    palette: Option<ThemeName>,
    plain: bool,
}

const BOLD: Modifier = Modifier::BOLD;

impl Theme {
    /// The dark theme, with or without colour.
    pub fn new(color: bool) -> Self {
        Self::of(ThemeName::Dark, color)
    }

    /// `name`'s styles, or none of its colours when `color` is off (`NO_COLOR` wins).
    pub fn of(name: ThemeName, color: bool) -> Self {
        Self {
            palette: color.then_some(name),
            plain: false,
        }
    }

    /// The theme `app` is drawn with: its theme, colour and plain choices.
    pub fn for_app(app: &App) -> Self {
        let look = app.appearance();
        Self::of(look.theme, app.color()).with_plain(look.plain)
    }

    /// The same styles, drawn plain (no frames, rules or bars) or not.
    pub fn with_plain(self, plain: bool) -> Self {
        Self { plain, ..self }
    }

    /// Whether screens are drawn plain, for a screen reader.
    pub fn is_plain(&self) -> bool {
        self.plain
    }

    /// One style per theme: `mono` without colour, else the palette's.
    fn pick(&self, mono: Style, dark: Style, light: Style, high: Style) -> Style {
        match self.palette {
            None => mono,
            Some(ThemeName::Dark) => dark,
            Some(ThemeName::Light) => light,
            Some(ThemeName::HighContrast) => high,
        }
    }

    /// The app name in the top bar.
    pub fn brand(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        self.pick(
            b,
            b.fg(Color::Cyan),
            b.fg(Color::Blue),
            b.fg(Color::LightCyan),
        )
    }
    /// The current tab.
    pub fn tab_active(&self) -> Style {
        let b = Style::new().add_modifier(BOLD | Modifier::UNDERLINED);
        let high = b.fg(Color::Black).bg(Color::LightYellow);
        self.pick(b, b.fg(Color::Yellow), b.fg(Color::Blue), high)
    }
    /// Other tabs.
    pub fn tab(&self) -> Style {
        let n = Style::new();
        self.pick(n, n, n, n.fg(Color::White))
    }
    /// A block title.
    pub fn title(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        self.pick(b, b, b, b.fg(Color::White))
    }
    /// The selected row of a list (which also has a `▶` mark).
    pub fn selected(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        self.pick(
            Style::new().add_modifier(Modifier::REVERSED),
            b.bg(Color::Blue).fg(Color::White),
            b.bg(Color::Blue).fg(Color::White),
            b.bg(Color::White).fg(Color::Black),
        )
    }
    /// Less important text: archived, inactive, hints. High contrast dims nothing.
    pub fn dim(&self) -> Style {
        let d = Style::new().add_modifier(Modifier::DIM);
        self.pick(
            d,
            d.fg(Color::DarkGray),
            Style::new().fg(Color::DarkGray),
            Style::new().fg(Color::Gray),
        )
    }
    /// A field label.
    pub fn label(&self) -> Style {
        let n = Style::new();
        self.pick(
            n,
            n.fg(Color::Cyan),
            n.fg(Color::Blue),
            n.fg(Color::LightCyan).add_modifier(BOLD),
        )
    }
    /// The focused form field's label.
    pub fn label_focused(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        let high = b.fg(Color::LightYellow).add_modifier(Modifier::UNDERLINED);
        self.pick(b, b.fg(Color::Yellow), b.fg(Color::Magenta), high)
    }
    /// A key name in hints and help.
    pub fn key(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        self.pick(
            b,
            b.fg(Color::Yellow),
            b.fg(Color::Magenta),
            b.fg(Color::LightYellow),
        )
    }
    /// Something went wrong (also an overrun clock). Always said with a symbol or a
    /// word too (`✗`, `⚠ OVER`).
    pub fn error(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        let high = b.fg(Color::White).bg(Color::Red);
        self.pick(b, b.fg(Color::Red), b.fg(Color::Red), high)
    }
    /// Something late that needs attention (an overdue action). Always said in words
    /// and a symbol too: the colour only adds to them.
    pub fn warning(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        let high = b.fg(Color::Black).bg(Color::LightYellow);
        self.pick(b, b.fg(Color::LightRed), b.fg(Color::Red), high)
    }
    /// Something was saved or done.
    pub fn ok(&self) -> Style {
        let n = Style::new();
        let high = n.fg(Color::LightGreen).add_modifier(BOLD);
        self.pick(n, n.fg(Color::Green), n.fg(Color::Green), high)
    }
    /// A marker for something worth noticing (leader, new member, the speaker).
    pub fn accent(&self) -> Style {
        let b = Style::new().add_modifier(BOLD);
        self.pick(
            b,
            b.fg(Color::Magenta),
            b.fg(Color::Magenta),
            b.fg(Color::LightMagenta),
        )
    }
    /// Border of the focused panel or popup.
    pub fn border_focus(&self) -> Style {
        let n = Style::new();
        let high = n.fg(Color::LightYellow).add_modifier(BOLD);
        self.pick(n, n.fg(Color::Yellow), n.fg(Color::Blue), high)
    }

    /// Every semantic style by name, for tests and for checking a theme whole.
    pub fn all(&self) -> [(&'static str, Style); 14] {
        [
            ("brand", self.brand()),
            ("tab_active", self.tab_active()),
            ("tab", self.tab()),
            ("title", self.title()),
            ("selected", self.selected()),
            ("dim", self.dim()),
            ("label", self.label()),
            ("label_focused", self.label_focused()),
            ("key", self.key()),
            ("error", self.error()),
            ("warning", self.warning()),
            ("ok", self.ok()),
            ("accent", self.accent()),
            ("border_focus", self.border_focus()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_over_every_theme() {
        for name in ThemeName::ALL {
            let mono = Theme::of(name, false);
            for (what, s) in mono.all() {
                assert_eq!((s.fg, s.bg), (None, None), "{name} {what} without colour");
            }
            // Without colour, the selected row is still told apart: reverse video.
            assert!(mono.selected().add_modifier.contains(Modifier::REVERSED));
            assert_eq!(mono.all(), Theme::new(false).all());
        }
    }

    #[test]
    fn light_writes_no_yellow_cyan_or_white_text_on_the_terminal_background() {
        let pale = [
            Color::Yellow,
            Color::LightYellow,
            Color::Cyan,
            Color::LightCyan,
            Color::White,
            Color::Gray,
            Color::LightGreen,
            Color::LightRed,
            Color::LightMagenta,
        ];
        let light = Theme::of(ThemeName::Light, true);
        for (what, s) in light.all() {
            // Text on its own background (the selected row) may be any colour.
            if s.bg.is_none() {
                assert!(
                    !s.fg.is_some_and(|c| pale.contains(&c)),
                    "light {what} is {:?}",
                    s.fg
                );
            }
        }
        let dark = Theme::of(ThemeName::Dark, true);
        for what in [
            "brand",
            "tab_active",
            "label",
            "label_focused",
            "key",
            "warning",
        ] {
            let get = |t: &Theme| t.all().into_iter().find(|(n, _)| *n == what);
            assert_ne!(get(&light), get(&dark), "light {what} is dark's");
        }
    }

    #[test]
    fn high_contrast_dims_nothing_and_puts_alarms_on_a_solid_background() {
        let high = Theme::of(ThemeName::HighContrast, true);
        let dark = Theme::of(ThemeName::Dark, true);
        for (what, s) in high.all() {
            assert!(!s.add_modifier.contains(Modifier::DIM), "{what} is dimmed");
            assert_ne!(s.fg, Some(Color::DarkGray), "{what} is dark grey");
        }
        for s in [
            high.error(),
            high.warning(),
            high.selected(),
            high.tab_active(),
        ] {
            assert!(
                s.bg.is_some() && s.add_modifier.contains(Modifier::BOLD),
                "{s:?}"
            );
        }
        assert_ne!(high.error(), high.warning());
        assert_ne!(high.dim(), dark.dim());
        assert_ne!(high.selected(), dark.selected());
    }

    #[test]
    fn plain_changes_no_style() {
        let t = Theme::of(ThemeName::Light, true);
        assert!(!t.is_plain() && t.with_plain(true).is_plain());
        assert_eq!(t.all(), t.with_plain(true).all());
    }
}
