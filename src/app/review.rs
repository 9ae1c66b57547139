//! The review area: a past meeting opened from History, shown on the Summary screen.
//! (Search, member profiles and insights will each be an area like this one, with one
//! `ui` file.)

use super::{Ctx, ListState, Screen};
use crate::domain::MeetingId;
use crate::domain::live::LiveMeeting;
use std::cell::Cell;

/// A past meeting being looked at.
#[derive(Debug, Default)]
pub struct Review {
    /// The meeting, as stored; `None` shows the meeting that just ended instead.
    pub meeting: Option<LiveMeeting>,
    /// The Summary screen has no rows; this holds only its (unused) filter.
    pub(in crate::app) list: ListState,
    /// How far the summary is scrolled down (j/k, PgUp/PgDn), in lines.
    scroll: u16,
    /// How far it can scroll, as last drawn: the summary tells it when it draws, the way
    /// ratatui's stateful widgets write back their offset, so j/k stop at the end.
    max_scroll: Cell<u16>,
    /// Where Esc goes back to: History, or the cycle the meeting was opened from.
    from: Option<Screen>,
}

impl Review {
    /// Enter on History: shows the summary of past meeting `id`.
    pub(in crate::app) fn open(&mut self, cx: &mut Ctx, id: Option<MeetingId>) {
        let Some(id) = id else {
            return cx.info("No past meetings yet");
        };
        match cx.store.live_meeting(id) {
            Ok(l) => {
                self.meeting = Some(l);
                self.scroll = 0;
                self.from = Some(cx.screen);
                cx.screen = Screen::Summary;
            }
            Err(e) => cx.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Stops looking at the past meeting; returns the screen it was opened from.
    pub(in crate::app) fn close(&mut self) -> Screen {
        self.meeting = None;
        self.scroll = 0;
        match self.from.take() {
            Some(Screen::Cycles) => Screen::Cycles,
            _ => Screen::History,
        }
    }

    /// The summary's scroll offset, no further than it was last drawn able to go.
    pub fn scroll(&self) -> u16 {
        self.scroll.min(self.max_scroll.get())
    }

    /// Drawing the summary: how many lines it can scroll (0 when all of it shows).
    pub fn set_max_scroll(&self, max: u16) {
        self.max_scroll.set(max);
    }

    /// j/k, PgUp/PgDn on the summary.
    pub(in crate::app) fn scroll_by(&mut self, by: isize) {
        let to = (self.scroll() as isize + by).clamp(0, self.max_scroll.get() as isize);
        self.scroll = u16::try_from(to).unwrap_or(0);
    }
}
