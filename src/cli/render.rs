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
            | Screen::Live
            | Screen::MeetingView
            | Screen::Profile
            | Screen::Insights
            | Screen::Search => true,
            Screen::Attendance | Screen::Summary => false,
        }
    }

    /// What `--help` says about a choice: what it shows, and what it needs.
    fn help(s: Screen) -> &'static str {
        match s {
            Screen::Communities => "Every community, with the chosen one's details",
            Screen::Roster => "The members of --community (or the one used last)",
            Screen::Goals => "The goals of --community, with how each is doing",
            Screen::Meetings => "The planned and live meetings of --community",
            Screen::History => "The ended meetings of --community, newest first",
            Screen::Cycles => "The learning cycles of --community",
            Screen::Actions => "The action items of --community, overdue first",
            Screen::Icebreakers => "The icebreaker library",
            Screen::Plan => "One meeting's agenda (needs --meeting)",
            Screen::Live => "The live meeting (of --community, or any live one)",
            Screen::MeetingView => "A past meeting in full (needs --meeting)",
            Screen::Profile => {
                "A member's profile (needs --member; --community picks among namesakes)"
            }
            Screen::Insights => "The community's insights (of --community, or the one used last)",
            Screen::Search => {
                "Search (needs --query; --community narrows it, else every community)"
            }
            // Not offered (see `offered`).
            Screen::Attendance | Screen::Summary => "",
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
        Some(PossibleValue::new(screen.name()).help(Self::help(screen)))
    }
}

/// What `roundtable render` shows.
#[derive(Debug, Clone, Copy)]
pub struct RenderTarget<'a> {
    pub screen: RenderScreen,
    /// The community by name (default: the one used last).
    pub community: Option<&'a str>,
    /// The meeting, for the plan, live and meeting view screens.
    pub meeting: Option<crate::domain::MeetingId>,
    /// The theme, and whether to draw plain for a screen reader (`--plain`).
    pub look: crate::app::Appearance,
    /// With ANSI colour codes in the theme's colours (`--color`; never under `NO_COLOR`).
    pub color: bool,
    /// The instant to show the screen at (default: now), for reproducible output.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// The member, by name, for the profile.
    pub member: Option<&'a str>,
    /// The query, for the search screen.
    pub query: Option<&'a str>,
}

/// `roundtable render`: a screen of the database as text, read-only.
pub fn render_text(
    store: Store,
    target: &RenderTarget<'_>,
    w: u16,
    h: u16,
) -> anyhow::Result<String> {
    render_configured(store, target, w, h, crate::settings::Settings::default())
}

/// [`render_text`] with the leader's settings (date formats, remapped keys, …).
pub fn render_configured(
    store: Store,
    target: &RenderTarget<'_>,
    w: u16,
    h: u16,
    settings: crate::settings::Settings,
) -> anyhow::Result<String> {
    let clock: Box<dyn crate::domain::Clock> = match target.now {
        Some(at) => Box::new(crate::domain::FakeClock::new(at)),
        None => Box::new(SystemClock),
    };
    let Some(screen) = target.screen.0 else {
        return super::present::render_text(store, clock, w, h, target.look, target.color);
    };
    let chosen = match target.community {
        Some(name) => Some(store.community_by_name(name)?),
        None => None,
    };
    let meeting = match (screen, target.meeting) {
        (Screen::Plan | Screen::Live | Screen::MeetingView, Some(id)) => Some(store.meeting(id)?),
        (Screen::Plan, None) => bail!("render plan needs --meeting ID"),
        (Screen::MeetingView, None) => bail!("render meeting-view needs --meeting ID"),
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
    let member = match (screen, target.member) {
        (Screen::Profile, Some(name)) => {
            let within = chosen.as_ref().map(|c| c.id);
            let found = store.members_named(name, within)?;
            let (id, community) = found.first().copied().ok_or_else(|| match within {
                Some(_) => anyhow!("no member called {name:?} in that community"),
                None => anyhow!("no member called {name:?}"),
            })?;
            store.members(community)?.into_iter().find(|m| m.id == id)
        }
        (Screen::Profile, None) => bail!("render profile needs --member NAME"),
        _ => None,
    };
    let query = match (screen, target.query) {
        (Screen::Search, Some(q)) => Some(q),
        (Screen::Search, None) => bail!("render search needs --query WORDS"),
        _ => None,
    };
    // A meeting (a member) is shown with its own community.
    let community = match (&meeting, &member) {
        (Some(m), _) => Some(store.community(m.community_id)?),
        (None, Some(p)) => Some(store.community(p.community_id)?),
        (None, None) => chosen,
    };
    // Search: every community unless one was named.
    let every_community = target.community.is_none();
    // A rendering never asks questions (such as resuming a live meeting). The community
    // is chosen before the one load of the screens (a second load for `--community`
    // read them twice).
    let mut app = App::read_only(store, clock, community);
    // The settings first; what the command line asked for (theme, plain, colour) wins.
    app.configure(settings);
    app.set_color(target.color);
    app.set_theme(target.look.theme);
    app.set_plain(target.look.plain);
    match screen {
        Screen::MeetingView | Screen::Profile | Screen::Insights | Screen::Search => {
            let meeting = meeting.map(|m| m.id);
            app.show_review(screen, meeting, member, query, every_community)
                .map_err(|e| anyhow!(crate::domain::text::one_line(&e)))?
        }
        _ => app.show_screen(screen, meeting.map(|m| m.id))?,
    }
    if target.color {
        return Ok(crate::ui::app_to_ansi(&app, w, h));
    }
    Ok(crate::ui::app_to_text(&app, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    use std::cell::RefCell;

    thread_local! {
        /// Every statement run on this thread while traced, in order, repeats kept.
        static RUN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    fn run(event: TraceEvent<'_>) {
        if let TraceEvent::Stmt(_, sql) = event
            && !sql.trim_start().starts_with("--")
        {
            RUN.with(|r| r.borrow_mut().push(sql.to_owned()));
        }
    }

    /// `render SCREEN --community NAME` reads what the screens show once: the app is
    /// built on the named community. Built on the one used last and then shown the named
    /// one, it ran every statement of a refresh twice (the community list at least).
    #[test]
    fn a_rendering_reads_the_screens_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        crate::demo::create(&db, false).unwrap();
        for screen in [Screen::History, Screen::Cycles, Screen::Roster] {
            let store = Store::open_read_only(&db).unwrap();
            RUN.with(|r| r.borrow_mut().clear());
            store
                .conn()
                .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(run));
            let target = RenderTarget {
                screen: RenderScreen(Some(screen)),
                community: Some("Ward 7 Nursing Practice Circle"),
                meeting: None,
                look: crate::app::Appearance::default(),
                color: false,
                now: None,
                member: None,
                query: None,
            };
            let text = render_text(store, &target, 120, 40).unwrap();
            assert!(text.contains("Ward 7 Nursing Practice Circle"), "{text}");
            let run = RUN.with(|r| r.take());
            let mut twice: Vec<&String> = run
                .iter()
                .filter(|s| run.iter().filter(|t| t == s).count() > 1)
                .collect();
            twice.dedup();
            assert!(twice.is_empty(), "{screen:?} ran twice:\n{twice:#?}");
        }
    }
}
