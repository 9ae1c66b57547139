//! Starting and ending a meeting, attendance, and moving through the agenda.

use super::*;
use crate::app::{App, Confirm, Overlay, Pending, Screen};
use crate::domain::live::Attendance;
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::{one_line, sanitize};
use crate::domain::timer::clock;
use crate::domain::{MeetingId, MemberId};
use chrono::{DateTime, Duration, Utc};

impl App {
    /// History: Enter shows the summary of the selected past meeting.
    pub(in crate::app) fn open_past(&mut self) {
        let Some(id) = self
            .selected_row(Screen::History)
            .map(|i| self.history[i].id)
        else {
            return self.info("No past meetings yet");
        };
        match self.store.live_meeting(id) {
            Ok(l) => {
                self.review = Some(l);
                self.screen = Screen::Summary;
            }

            Err(e) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Meetings: `s` on a planned meeting opens the attendance check (everyone on the
    /// roster is marked present to start with; the leader marks who is not).
    pub(in crate::app) fn prepare_start(&mut self) {
        let Some(m) = self.selected_upcoming().cloned() else {
            return self.info("Plan a meeting first: press n");
        };
        if m.status == MeetingStatus::Live {
            return self.open_live_id(m.id);
        }
        if let Some(c) = self.community.as_ref().map(|c| c.id)
            && let Ok(Some(other)) = self.store.live_meeting_id(c)
            && other != m.id
        {
            return self
                .info("Another meeting of this community is live: end it first (l opens it)");
        }
        if let Err(e) = self.store.write(|tx| tx.prefill_attendance(m.id)) {
            return self.error(format!("Could not take attendance: {e}"));
        }
        match self.store.live_meeting(m.id) {
            Ok(l) => {
                self.live = Some(l);
                self.screen = Screen::Attendance;
                self.info("Mark who is late or absent (Space), add walk-ins (w, m), then Enter starts the meeting");
            }
            Err(e) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Enter on Attendance (start the meeting) or `l` on Meetings (back to it).
    pub(in crate::app) fn open_live(&mut self) {
        match (&self.live, self.screen) {
            (Some(l), Screen::Attendance)
                if l.meeting.status == crate::domain::meeting::MeetingStatus::Planned =>
            {
                let id = l.meeting.id;
                let attendance: Vec<(MemberId, Attendance)> = l
                    .attendance
                    .iter()
                    .map(|a| (a.member.id, a.status))
                    .collect();
                match self
                    .store
                    .write(|tx| tx.start_meeting(id, &attendance, self.clock.now()))
                {
                    Ok(()) => {
                        self.live_ui.last_heartbeat = Some(self.clock.now());
                        self.live_ui.running = Some(id);
                        // Its plan is history now: the agenda no longer changes.
                        self.plan = None;

                        self.screen = Screen::Live;
                        self.refresh();
                        self.info("The meeting has started ● Space gives the floor, n takes a note, ? shows every key");
                    }
                    Err(e) => self.error(format!("Not started: {e}")),
                }
            }
            (Some(l), _) if self.meeting_is_live() => {
                let id = l.meeting.id;
                self.open_live_id(id);
            }
            _ => match self
                .community
                .as_ref()
                .and_then(|c| self.store.live_meeting_id(c.id).ok().flatten())
            {
                Some(id) => self.open_live_id(id),
                None => self.info("No meeting is live: select a planned one and press s"),
            },
        }
    }

    /// Opens the live screen on `id`, counting any time the app was away as paused.
    pub(in crate::app) fn open_live_id(&mut self, id: MeetingId) {
        let now = self.clock.now();
        // Downtime is only possible when this process did not run the meeting until now
        // (a crash, a closed laptop, a quit); moving between screens is not downtime.
        let downtime = if self.live_ui.running == Some(id) {
            Ok(Duration::zero())
        } else {
            self.store
                .write(|tx| tx.resume_after_downtime(id, now, Duration::seconds(DOWNTIME_GRACE)))
        };
        self.live_ui.running = Some(id);
        self.live_ui.last_heartbeat = Some(now);
        match self.store.live_meeting(id) {
            Ok(l) => {
                self.live = Some(l);
                self.screen = Screen::Live;
                match downtime {
                    Ok(d) if d > Duration::zero() => self.info(format!(
                        "Resumed where you were. {} while Roundtable was closed counts as paused.",
                        clock(d)
                    )),
                    Ok(_) => self.info("Back in the live meeting"),
                    Err(e) => {
                        self.error(format!("Resumed, but the downtime was not recorded: {e}"))
                    }
                }
            }
            Err(e) => self.error(format!("Could not open the meeting: {e}")),
        }
    }

    pub(in crate::app) fn cycle_attendance(&mut self) {
        let Some((meeting, a)) = self.live.as_ref().and_then(|l| {
            let rows = self.visible(Screen::Attendance);
            let i = *rows.get(self.list(Screen::Attendance).selected)?;
            Some((l.meeting.id, l.attendance.get(i)?.clone()))
        }) else {
            return;
        };
        let next = a.status.next();
        let r = self
            .store
            .write(|tx| tx.set_attendance(meeting, a.member.id, next));
        let name = sanitize(&a.member.profile.name, false).into_owned();
        self.live_write(r, Some(format!("{name}: {} ✓", next.as_str())));
    }

    pub(in crate::app) fn step_item(&mut self, by: isize, now: DateTime<Utc>) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let cur = l.current_index().unwrap_or(0) as isize;
        let target = cur + by;
        if target < 0 {
            return self.info("This is the first item");
        }
        let Some(item) = l.items.get(target as usize) else {
            return self.info("That was the last item: E ends the meeting");
        };
        let (id, meeting, title) = (item.item.id, l.meeting.id, item.item.info.title.clone());
        let r = self.store.write(|tx| tx.go_to_item(meeting, id, now));
        self.live_write(r, Some(format!("Now: {}", one_line(&title))));
    }

    pub(in crate::app) fn ask_end(&mut self) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let question = if l.here().is_empty() {
            "Nobody is marked present. End the meeting anyway?".to_string()
        } else {
            format!(
                "End '{}' now? It moves to history.",
                sanitize(&l.meeting.title, false)
            )
        };
        self.overlay = Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::EndMeeting(l.meeting.id),
        });
    }

    /// After a confirmed end: the summary screen.
    pub(in crate::app) fn end_meeting(&mut self, id: MeetingId) {
        self.review = None;

        match self.store.write(|tx| tx.end_meeting(id, self.clock.now())) {
            Ok(()) => {
                self.refresh();
                self.screen = Screen::Summary;
                self.info("The meeting has ended ✓ — here is what happened; Enter goes to History");
            }
            Err(e) => self.error(format!("Not ended: {e}")),
        }
    }
}
