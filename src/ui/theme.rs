//! Semantic styles. Screens ask for a meaning (`selected`, `error`), never a colour, so
//! `NO_COLOR` is honoured in one place: without colour, meaning is carried by bold,
//! reverse video and dim text.

use ratatui::style::{Color, Modifier, Style};

/// The app's styles.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// A theme with or without colour.
    pub fn new(color: bool) -> Self {
        Self { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    /// The app name in the top bar.
    pub fn brand(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    /// The current tab.
    pub fn tab_active(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    /// Other tabs.
    pub fn tab(&self) -> Style {
        Style::new()
    }
    /// A block title.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    /// The selected row of a list.
    pub fn selected(&self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    /// Less important text: archived, inactive, hints.
    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }
    /// A field label.
    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }
    /// The focused form field's label.
    pub fn label_focused(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// A key name in hints and help.
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// Something went wrong.
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// Something late that needs attention (an overdue action). Always said in words
    /// and a symbol too: the colour only adds to them.
    pub fn warning(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }
    /// Something was saved or done.
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    /// A marker for something worth noticing (leader, new member).
    pub fn accent(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    /// Border of the focused panel or popup.
    pub fn border_focus(&self) -> Style {
        self.fg(Color::Yellow)
    }
}
