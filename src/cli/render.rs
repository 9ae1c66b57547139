//! `roundtable render`: a screen of the database as plain text, read-only, without a
//! terminal. This is where a headless app is built (the `ui` only draws one).

use crate::app::{App, Screen};
use crate::domain::SystemClock;
use crate::store::Store;
use anyhow::{anyhow, bail};
use clap::ValueEnum;
use clap::builder::PossibleValue;
use std::sync::LazyLock;

/// A screen `render` can print: any [`Screen`] except the ones that only exist while the
/// leader acts (taking attendance, the summary right after a meeting), or (`None`) the
/// shared screen of `roundtable present`. The choices are derived from [`Screen::ALL`],
/// so a new screen is offered without a second list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderScreen(pub Option<Screen>);

impl RenderScreen {
    /// Whether `render` offers the screen.
    fn offered(s: Screen) -> bool {
        match s {
            Screen::Communities
            | Screen::Roster
            | Screen::Goals
            | Screen::Meetings
            | Screen::History
            | Screen::Cycles
            | Screen::Plan
            | Screen::Actions
            | Screen::Icebreakers
            | Screen::Live => true,
            Screen::Attendance
            | Screen::Summary
            | Screen::MeetingView
            | Screen::Profile
            | Screen::Insights
            | Screen::Search => false,
        }
    }

    /// What `--help` says about a choice, where it needs saying.
    fn help(s: Screen) -> Option<&'static str> {
        match s {
            Screen::Plan => Some("One meeting's agenda (needs --meeting)"),
            Screen::Live => Some("The live meeting (of --community, or any live one)"),
            _ => None,
        }
    }
}

static OFFERED: LazyLock<Vec<RenderScreen>> = LazyLock::new(|| {
    Screen::ALL
        .into_iter()
        .filter(|&s| RenderScreen::offered(s))
        .map(|s| RenderScreen(Some(s)))
        .chain([RenderScreen(None)])
        .collect()
});

impl ValueEnum for RenderScreen {
    fn value_variants<'a>() -> &'a [Self] {
        &OFFERED
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let Some(screen) = self.0 else {
            return Some(
                PossibleValue::new("present")
                    .help("The shared screen of `roundtable present` (nothing private)"),
            );
        };
        let value = PossibleValue::new(screen.name());
        Some(match Self::help(screen) {
            Some(help) => value.help(help),
            None => value,
        })
    }
}

/// What `roundtable render` shows.
#[derive(Debug, Clone, Copy)]
pub struct RenderTarget<'a> {
    pub screen: RenderScreen,
    /// The community by name (default: the one used last).
    pub community: Option<&'a str>,
    /// The meeting, for the plan and live screens.
    pub meeting: Option<crate::domain::MeetingId>,
}

/// `roundtable render`: a screen of the database as text, read-only.
pub fn render_text(
    store: Store,
    target: &RenderTarget<'_>,
    w: u16,
    h: u16,
) -> anyhow::Result<String> {
    let Some(screen) = target.screen.0 else {
        return super::present::render_text(store, w, h);
    };
    let chosen = match target.community {
        Some(name) => Some(store.community_by_name(name)?),
        None => None,
    };
    let meeting = match (screen, target.meeting) {
        (Screen::Plan | Screen::Live, Some(id)) => Some(store.meeting(id)?),
        (Screen::Plan, None) => bail!("render plan needs --meeting ID"),
        (Screen::Live, None) => {
            let live = match &chosen {
                Some(c) => store.live_meeting_id(c.id)?,
                None => store.any_live_meeting()?.map(|(m, _)| m),
            };
            let id = live.ok_or_else(|| anyhow!("no meeting is live"))?;
            Some(store.meeting(id)?)
        }
        _ => None,
    };
    // A meeting is shown with its own community.
    let community = match &meeting {
        Some(m) => Some(store.community(m.community_id)?),
        None => chosen,
    };
    // A rendering never asks questions (such as resuming a live meeting).
    let mut app = App::read_only(store, Box::new(SystemClock));
    app.set_color(false);
    if let Some(c) = community {
        app.show_community(c);
    }
    app.show_screen(screen, meeting.map(|m| m.id))?;
    Ok(crate::ui::app_to_text(&app, w, h))
}
