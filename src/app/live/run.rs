//! Starting and ending a meeting, attendance, and moving through the agenda.

use super::Live;
use crate::app::{Confirm, Ctx, Overlay, Pending, Screen};
use crate::domain::agenda::{ITEM_MAX_MINUTES, ItemInfo, ItemKind, TurnSettings};
use crate::domain::live::Attendance;
use crate::domain::meeting::MeetingStatus;
use crate::domain::text::{one_line, sanitize};
use crate::domain::timer::clock;
use crate::domain::{CommunityId, MeetingId, MemberId};
use crate::store::MeetingSummary;
use chrono::Duration;

/// The one item of a meeting started without an agenda: open discussion for the
/// meeting's planned length (within one item's longest timebox).
fn open_discussion(planned_minutes: u32) -> ItemInfo {
    ItemInfo {
        kind: ItemKind::OpenDiscussion,
        title: "Open discussion".into(),
        minutes: planned_minutes.clamp(1, ITEM_MAX_MINUTES),
        leader_notes: String::new(),
        recurring: false,
    }
}

/// Whether opening the live screen started the meeting (its plan is then closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::app) enum Started {
    Now,
    No,
}

impl Live {
    /// `s` on Meetings: opens the attendance check of `meeting` (everyone on the roster is
    /// marked present to start with; the leader marks who is not).
    pub(in crate::app) fn prepare_start(
        &mut self,
        cx: &mut Ctx,
        meeting: Option<MeetingSummary>,
        community: Option<CommunityId>,
    ) {
        let Some(m) = meeting else {
            return cx.info("Plan a meeting first: press n");
        };
        if m.status == MeetingStatus::Live {
            return self.open_id(cx, m.id);
        }
        if let Some(c) = community {
            match cx.store.live_meeting_id(c) {
                Ok(Some(other)) if other != m.id => {
                    return cx.info(
                        "Another meeting of this community is live: end it first (l opens it)",
                    );
                }
                Ok(_) => {}
                Err(e) => return cx.error(format!("Could not check for a live meeting: {e}")),
            }
        }
        if let Err(e) = cx.store.write(|tx| tx.prefill_attendance(m.id)) {
            return cx.error(format!("Could not take attendance: {e}"));
        }
        match cx.store.live_meeting(m.id) {
            Ok(l) => {
                // The hint for a meeting with no agenda fits in 80 columns.
                let hint = if l.items.is_empty() {
                    "No agenda: Enter starts it on one open discussion item · Space late/absent"
                } else {
                    "Mark who is late or absent (Space), add walk-ins (w, m), then Enter starts the meeting"
                };
                self.meeting = Some(l);
                cx.screen = Screen::Attendance;
                cx.info(hint);
            }
            Err(e) => cx.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Enter on Attendance (start the meeting) or `l` on Meetings (back to the live
    /// meeting, of `community` if this app is not running one).
    pub(in crate::app) fn open(&mut self, cx: &mut Ctx, community: Option<CommunityId>) -> Started {
        match (&self.meeting, cx.screen) {
            (Some(l), Screen::Attendance) if l.meeting.status == MeetingStatus::Planned => {
                let id = l.meeting.id;
                let attendance: Vec<(MemberId, Attendance)> = l
                    .attendance
                    .iter()
                    .map(|a| (a.member.id, a.status))
                    .collect();
                let now = cx.now();
                // A meeting without an agenda starts on one open discussion item, so
                // the floor, notes and the clock work at once.
                let open = l
                    .items
                    .is_empty()
                    .then(|| open_discussion(l.meeting.planned_minutes));
                let r = cx.store.write(|tx| {
                    if let Some(item) = &open {
                        tx.add_agenda_item(id, item, &TurnSettings::default())?;
                    }
                    tx.start_meeting(id, &attendance, now)
                });
                match r {
                    Ok(()) => {
                        self.last_heartbeat = Some(cx.now());
                        // Drafts of a meeting run before stay in the file with it.
                        self.forget_drafts();
                        self.running = Some(id);
                        cx.screen = Screen::Live;
                        cx.changed();
                        cx.info(if open.is_some() {
                            "Started on one open discussion item (no agenda) ● Space: who is talking"
                        } else {
                            "The meeting has started ● Space gives the floor, n takes a note, ? shows every key"
                        });
                        return Started::Now;
                    }
                    Err(e) => cx.error(format!("Not started: {e}")),
                }
            }
            (Some(l), _) if self.is_running() => {
                let id = l.meeting.id;
                self.open_id(cx, id);
            }
            _ => match community.map(|c| cx.store.live_meeting_id(c)) {
                Some(Ok(Some(id))) => self.open_id(cx, id),
                Some(Err(e)) => cx.error(format!("Could not look for the live meeting: {e}")),
                Some(Ok(None)) | None => {
                    cx.info("No meeting is live: select a planned one and press s")
                }
            },
        }
        Started::No
    }

    /// Opens the live screen on `id`, counting any time the app was away as paused.
    pub(in crate::app) fn open_id(&mut self, cx: &mut Ctx, id: MeetingId) {
        let now = cx.now();
        // Downtime is only possible when this process did not run the meeting until now
        // (a crash, a closed laptop, a quit); moving between screens is not downtime.
        let resumed = self.running != Some(id);
        if resumed {
            // Another meeting's drafts stay in the file with it, not on this one's `n`.
            self.forget_drafts();
        }
        let downtime = if !resumed {
            Ok(Duration::zero())
        } else {
            cx.store
                .write(|tx| tx.resume_after_downtime(id, now, Duration::zero()))
        };
        self.running = Some(id);
        self.last_heartbeat = Some(now);
        match cx.store.live_meeting(id) {
            Ok(l) => {
                // The header shows the time away over every restart; this one's may be less.
                let total = l.downtime(now);
                self.meeting = Some(l);
                self.reload_cycle(cx);
                cx.screen = Screen::Live;
                let away = |d: Duration| {
                    if total > d {
                        format!("{} away this time ({} in all)", clock(d), clock(total))
                    } else {
                        format!("{} away", clock(d))
                    }
                };
                let kept = if resumed {
                    self.restore_drafts(cx, id)
                } else {
                    String::new()
                };
                match downtime {
                    // Short when something typed is kept, so that fits on the line too.
                    Ok(d) if d > Duration::zero() && !kept.is_empty() => {
                        cx.info(format!("Resumed: {}, not counted.{kept}", away(d)))
                    }
                    // The total is said instead of the rest, within 80 columns.
                    Ok(d) if d > Duration::zero() && total > d => {
                        cx.info(format!("Resumed where you were: {}, not counted.", away(d)))
                    }
                    Ok(d) if d > Duration::zero() => cx.info(format!(
                        "Resumed where you were: {}, not counted — no airtime, no clock moved.",
                        away(d)
                    )),
                    Ok(_) => cx.info(format!("Back in the live meeting.{kept}")),
                    Err(e) => cx.error(format!("Resumed, but the downtime was not recorded: {e}")),
                }
            }
            Err(e) => cx.error(format!("Could not open the meeting: {e}")),
        }
    }

    /// Space on Attendance: the selected person's next status (present, late, absent;
    /// an arrival during the meeting is late).
    pub(in crate::app) fn cycle_attendance(&mut self, cx: &mut Ctx) {
        let Some((meeting, a)) = self.meeting.as_ref().and_then(|l| {
            let i = self.attendance.pick(&self.attendance_rows())?;
            Some((l.meeting.id, l.attendance.get(i)?.clone()))
        }) else {
            return;
        };
        let next = a.status.next_while(self.is_running());
        let r = cx
            .store
            .write(|tx| tx.set_attendance(meeting, a.member.id, next));
        let name = sanitize(&a.member.profile.name, false).into_owned();
        self.write(cx, r, Some(format!("{name}: {} ✓", next.as_str())));
    }

    /// `]` / `[`: the next or previous agenda item.
    pub(in crate::app) fn step_item(&mut self, cx: &mut Ctx, by: isize) {
        let Some(l) = self.running() else {
            return;
        };
        // Before the first item is visited, the agenda starts at its first item.
        let cur = l.current_index().unwrap_or(0) as isize;
        let target = cur + by;
        if target < 0 {
            return cx.info("This is the first item");
        }
        let Some(item) = l.items.get(target as usize) else {
            return cx.info("That was the last item: E ends the meeting");
        };
        let (id, meeting, title) = (item.item.id, l.meeting.id, item.item.info.title.clone());
        let now = cx.now();
        let r = cx.store.write(|tx| tx.go_to_item(meeting, id, now));
        self.write(cx, r, Some(format!("Now: {}", one_line(&title))));
    }

    /// `E`: asks to end the meeting.
    pub(in crate::app) fn ask_end(&self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return;
        };
        let mut question = if l.here().is_empty() {
            "Nobody is marked present. End the meeting anyway?".to_string()
        } else {
            format!(
                "End '{}' now? It moves to history.",
                sanitize(&l.meeting.title, false)
            )
        };
        if self.has_drafts() {
            question.push_str(" What you typed but did not save (n, c) is dropped.");
        }
        cx.open(Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::EndMeeting(l.meeting.id),
        }));
    }

    /// After a confirmed end: the summary screen.
    pub(in crate::app) fn end_meeting(&mut self, cx: &mut Ctx, id: MeetingId) {
        let now = cx.now();
        match cx.store.write(|tx| tx.end_meeting(id, now)) {
            Ok(()) => {
                self.forget_drafts();
                cx.changed();
                cx.screen = Screen::Summary;
                cx.info("The meeting has ended ✓ — here is what happened; Enter goes to History");
            }
            Err(e) => cx.error(format!("Not ended: {e}")),
        }
    }
}
