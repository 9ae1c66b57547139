//! The review area: a past meeting opened from History (or a cycle, or the summary of the
//! meeting that just ended), shown in full on the meeting view; the Summary screen of a
//! meeting that just ended scrolls with the same state. (Search, member profiles and
//! insights will each be an area like this one, with one `ui` file.)

use super::search::Focus;
use super::{Ctx, ListState, Screen};
use crate::domain::MeetingId;
use crate::domain::live::LiveMeeting;
use crate::domain::minutes::{Minutes, markdown};
use crate::domain::review::ActionStanding;
use crate::store::{HistoryCursor, HistoryFilter};
use chrono::Local;
use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;

/// A past meeting being looked at.
#[derive(Debug, Default)]
pub struct Review {
    /// The meeting, as stored; `None` shows the meeting that just ended instead.
    pub meeting: Option<LiveMeeting>,
    /// `meeting`'s minutes, built once when it is opened (the drawing reads them).
    minutes: Option<Minutes>,
    /// Where `meeting`'s actions stand now, read when it is opened.
    standing: Vec<ActionStanding>,
    /// The minutes of the meeting that just ended, built once as it ends (the Summary).
    summary: Option<Minutes>,
    /// The Summary screen has no rows; this holds only its (unused) filter.
    pub(in crate::app) list: ListState,
    /// How far the summary or meeting view is scrolled down, in lines (and can go, as last drawn).
    scroll: crate::app::Scroll,
    /// Where Esc goes back to: History, the cycle, or the summary it was opened from.
    from: Option<Screen>,
    /// The folder `M` writes minutes into; the database's folder when unset (the
    /// terminal app sets the folder it was started in).
    export_dir: Option<PathBuf>,
    // Search (searchui): the meeting view opened at a hit.
    /// The note or item a search hit points at, marked on the meeting view.
    focus: Option<Focus>,
    /// The line it starts on, as last laid out (the drawing writes it).
    focus_line: Cell<Option<u16>>,
    /// Whether the view still shows the focus at its top (until the leader scrolls).
    at_focus: bool,
}

impl Review {
    /// Enter on History: shows past meeting `id` on the meeting view.
    pub(in crate::app) fn open(&mut self, cx: &mut Ctx, id: Option<MeetingId>) {
        let Some(id) = id else {
            return cx.info("No past meetings yet");
        };
        let read = cx.store.live_meeting(id).and_then(|l| {
            let m = minutes_of(cx, &l)?;
            let standing = cx.store.action_standing(id)?;
            Ok((l, m, standing))
        });
        match read {
            Ok((l, m, standing)) => {
                self.meeting = Some(l);
                self.minutes = Some(m);
                self.standing = standing;
                self.scroll.reset();
                self.focus = None;
                self.at_focus = false;
                if cx.screen != Screen::MeetingView {
                    self.from = Some(cx.screen);
                }
                cx.screen = Screen::MeetingView;
            }
            Err(e) => cx.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Enter on a search hit: shows meeting `id` scrolled to `focus` (the note or agenda
    /// item the hit is in), marked.
    pub(in crate::app) fn open_at(&mut self, cx: &mut Ctx, id: MeetingId, focus: Option<Focus>) {
        self.open(cx, Some(id));
        if self.meeting.as_ref().is_some_and(|l| l.meeting.id == id) {
            self.focus = focus;
            self.at_focus = focus.is_some();
            self.focus_line.set(None);
        }
    }

    /// After the meeting `id` ended: its minutes for the Summary, read back as stored.
    pub(in crate::app) fn summarize(&mut self, cx: &mut Ctx, id: MeetingId) {
        let read = cx.store.live_meeting(id).and_then(|l| minutes_of(cx, &l));
        match read {
            Ok(m) => self.summary = Some(m),
            Err(e) => {
                self.summary = None;
                cx.error(format!("Ended, but the summary could not be read: {e}"));
            }
        }
    }

    /// The minutes of the meeting open on the meeting view, as built when it was opened.
    pub fn minutes(&self) -> Option<&Minutes> {
        self.minutes.as_ref()
    }

    /// Where the actions taken in the meeting open on the meeting view stand now.
    pub fn standing(&self) -> &[ActionStanding] {
        &self.standing
    }

    /// The minutes the Summary shows: the meeting open here, else the one that just ended.
    pub fn summary(&self) -> Option<&Minutes> {
        self.minutes.as_ref().or(self.summary.as_ref())
    }

    /// The note or agenda item a search hit pointed the view at.
    pub fn focus(&self) -> Option<Focus> {
        self.focus
    }

    /// Drawing: the line the focus starts on (`None`: it is not in the meeting).
    pub fn set_focus_line(&self, line: Option<u16>) {
        self.focus_line.set(line);
    }

    /// Stops looking at the past meeting; returns the screen it was opened from.
    pub(in crate::app) fn close(&mut self) -> Screen {
        self.meeting = None;
        self.minutes = None;
        self.standing.clear();
        self.scroll.reset();
        self.focus = None;
        self.at_focus = false;
        match self.from.take() {
            Some(s @ (Screen::Cycles | Screen::Summary | Screen::Search)) => s,
            _ => Screen::History,
        }
    }

    /// `[` / `]`: the ended meeting just older (or newer) than this one, among those
    /// History's filter shows when it was opened from History.
    pub(in crate::app) fn other_meeting(&mut self, cx: &mut Ctx, newer: bool, f: &HistoryFilter) {
        let Some(l) = &self.meeting else { return };
        let all = HistoryFilter::default();
        let filter = if self.from == Some(Screen::History) {
            f
        } else {
            &all
        };
        let cursor = HistoryCursor {
            scheduled_at: l.meeting.scheduled_at,
            id: l.meeting.id,
            newer,
        };
        match cx
            .store
            .history_page(l.meeting.community_id, filter, Some(cursor), 1)
        {
            Ok(rows) => match rows.first() {
                Some(m) => self.open(cx, Some(m.id)),
                None if newer => cx.info("This is the newest past meeting"),
                None => cx.info("This is the oldest past meeting"),
            },
            Err(e) => cx.error(format!("Could not read History: {e}")),
        }
    }

    /// Where `M` writes minutes (tests point it at a temporary folder).
    pub(in crate::app) fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = Some(dir);
    }

    /// `M`: writes the meeting's minutes (the same Markdown as `roundtable export
    /// minutes`) to a new owner-only file `minutes-DATE-ID.md`; an existing file is left
    /// as it is and the status line says so.
    pub(in crate::app) fn export_minutes(&mut self, cx: &mut Ctx) {
        let Some(l) = &self.meeting else { return };
        let m = match minutes_of(cx, l) {
            Ok(m) => m,
            Err(e) => return cx.error(format!("Could not read the community: {e}")),
        };
        // The folder set by the terminal app (where it was started), else the database's.
        let beside_db = || {
            let parent = cx.store.path()?.parent()?;
            Some(match parent.as_os_str().is_empty() {
                true => PathBuf::from("."),
                false => parent.to_path_buf(),
            })
        };
        let Some(dir) = self.export_dir.clone().or_else(beside_db) else {
            return cx.error("No folder to write the minutes in (the database is in memory)");
        };
        let date = l.started_at.with_timezone(&Local).format("%Y-%m-%d");
        let path = dir.join(format!("minutes-{date}-{}.md", l.meeting.id));
        let shown = crate::domain::text::one_line(&path.display().to_string());
        // Whole or not at all: a write that fails part-way leaves no file behind.
        let written =
            crate::fsutil::write_new(&path, false, |f| f.write_all(markdown(&m).as_bytes()));
        match written {
            Ok(()) => cx.info(format!("Minutes written to {shown}")),
            // What to do first, the folder last: at 80 columns the line is cut from the end.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => cx.error(format!(
                "{} already exists, not overwritten: move it, then M · in {}",
                crate::domain::text::one_line(
                    &path.file_name().unwrap_or_default().to_string_lossy()
                ),
                crate::domain::text::one_line(&dir.display().to_string()),
            )),
            Err(e) => cx.error(format!("Could not write {shown}: {e}")),
        }
    }

    /// The summary's scroll offset, no further than it was last drawn able to go; just
    /// opened at a search hit, the hit's line (the drawing keeps it within reach).
    pub fn scroll(&self) -> u16 {
        match self.focus_line.get() {
            Some(line) if self.at_focus => line,
            _ => self.scroll.offset(),
        }
    }

    /// Drawing the summary: how many lines it can scroll (0 when all of it shows).
    pub fn set_max_scroll(&self, max: u16) {
        self.scroll.set_max(max);
    }

    /// j/k, PgUp/PgDn on the summary.
    pub(in crate::app) fn scroll_by(&mut self, by: isize) {
        if std::mem::take(&mut self.at_focus) {
            // Scrolling starts from where the hit put the view.
            self.scroll.reset();
            self.scroll.by(self.focus_line.get().unwrap_or(0) as isize);
        }
        self.scroll.by(by);
    }
}

/// The minutes of `l` as of now, under its own community's name (not the chosen one's:
/// a search hit can open a meeting of any community).
fn minutes_of(cx: &Ctx, l: &LiveMeeting) -> Result<Minutes, crate::store::StoreError> {
    let community = cx.store.community(l.meeting.community_id)?.info.name;
    Ok(Minutes::from_live(l, &community, cx.now(), &Local))
}
