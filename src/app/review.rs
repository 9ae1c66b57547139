//! The review area: a past meeting opened from History, shown on the Summary screen.
//! (Search, member profiles and insights will each be an area like this one, with one
//! `ui` file.)

use super::{Ctx, ListState, Screen};
use crate::domain::MeetingId;
use crate::domain::live::LiveMeeting;

/// A past meeting being looked at.
#[derive(Debug, Default)]
pub struct Review {
    /// The meeting, as stored; `None` shows the meeting that just ended instead.
    pub meeting: Option<LiveMeeting>,
    /// The Summary screen has no rows; this holds only its (unused) filter.
    pub(in crate::app) list: ListState,
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
                cx.screen = Screen::Summary;
            }
            Err(e) => cx.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Stops looking at the past meeting.
    pub(in crate::app) fn close(&mut self) {
        self.meeting = None;
    }
}
