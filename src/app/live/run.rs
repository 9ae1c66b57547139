//! Starting and ending a meeting, attendance, and moving through the agenda.

use super::Live;
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending, Screen};
use crate::domain::agenda::{ITEM_MAX_MINUTES, ItemInfo, ItemKind, TurnSettings};
use crate::domain::live::Attendance;
use crate::domain::meeting::MeetingStatus;
use crate::domain::note::NoteKind;
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
                // Attendance is the step before the start: a meeting planned for another
                // day (the wrong row, or a meeting moved) is named there, before Enter.
                let planned = m.scheduled_at.with_timezone(&chrono::Local).date_naive();
                let hint = match (planned - cx.today()).num_days() {
                    0 => hint.to_string(),
                    days => format!(
                        "⚠ Planned for {}, {}: Enter starts it now anyway",
                        cx.dates.date_time(m.scheduled_at),
                        match days {
                            1 => "tomorrow".to_string(),
                            -1 => "yesterday".to_string(),
                            d if d > 0 => format!("in {d} days"),
                            d => format!("{} days ago", -d),
                        }
                    ),
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
                            "The meeting has started ● Space gives the floor · n a note · ? all keys"
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
        self.open_within(cx, id, Duration::zero());
    }

    /// [`Self::open_id`], counting as away only a time longer than `grace`.
    pub(in crate::app) fn open_within(&mut self, cx: &mut Ctx, id: MeetingId, grace: Duration) {
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
                .write(|tx| tx.resume_after_downtime(id, now, grace))
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

    /// `E`: asks to end the meeting. With a note or votes typed but not saved, it asks
    /// what becomes of them first (save, go back, discard): nothing typed is dropped
    /// without the leader choosing so.
    pub(in crate::app) fn ask_end(&self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return;
        };
        let nobody = l.here().is_empty();
        if self.has_drafts() {
            let typed = match (self.kept_note(), &self.vote_draft) {
                (Some(_), Some(_)) => "a note (n) and votes (c)",
                (Some(_), None) => "a note (n)",
                _ => "votes (c)",
            };
            let title = if nobody {
                format!("Nobody is marked present; you typed {typed}, not saved")
            } else {
                format!("End the meeting? You typed {typed}, not saved")
            };
            let preview = match (self.kept_note(), &self.vote_draft) {
                (Some(n), None) => format!("'{}'", one_line(&n.area.lines().join(" "))),
                (Some(n), Some(_)) => format!(
                    "'{}' and the votes typed",
                    one_line(&n.area.lines().join(" "))
                ),
                _ => "the votes typed".into(),
            };
            let options = END_CHOICES
                .iter()
                .map(|c| match c {
                    EndChoice::Save => (
                        "Save it, then end".to_string(),
                        format!("{preview}: saved into the record"),
                    ),
                    EndChoice::Back => (
                        "Go back to the meeting".to_string(),
                        "nothing ends; n continues the note, c the votes".to_string(),
                    ),
                    EndChoice::Discard => (
                        "Discard it and end".to_string(),
                        "what you typed is thrown away".to_string(),
                    ),
                })
                .collect();
            cx.open(Overlay::Choose(Chooser {
                title,
                options,
                ids: Vec::new(),
                selected: 0,
                purpose: ChoosePurpose::EndMeeting(l.meeting.id),
            }));
            return;
        }
        let question = if nobody {
            "Nobody is marked present. End the meeting anyway?".to_string()
        } else {
            format!(
                "End '{}' now? It moves to history.",
                sanitize(&l.meeting.title, false)
            )
        };
        cx.open(Overlay::Confirm(Confirm {
            question,
            on_yes: Pending::EndMeeting(l.meeting.id),
        }));
    }

    /// The end question's answer (the chosen row of [`END_CHOICES`]): whether to end,
    /// and whether what was typed is saved first.
    pub(in crate::app) fn end_choice(cx: &mut Ctx, row: usize) -> Option<EndChoice> {
        match END_CHOICES.get(row) {
            Some(EndChoice::Back) | None => {
                cx.info("The meeting goes on; what you typed is kept (n, c)");
                None
            }
            Some(&c) => Some(c),
        }
    }

    /// After a confirmed end: the summary screen. With `save`, the kept note is saved and
    /// the kept votes recorded in the same transaction that ends the meeting; otherwise
    /// they are dropped with it (the leader was asked first).
    pub(in crate::app) fn end_meeting(&mut self, cx: &mut Ctx, id: MeetingId, save: bool) {
        let now = cx.now();
        let note = self.note_draft.as_deref().filter(|_| save).map(|n| {
            let body = n.area.lines().join("\n");
            // An action keeps the owner and date it had; a new one has none yet.
            let had = n.editing.and_then(|e| {
                self.meeting
                    .as_ref()
                    .and_then(|l| l.notes.iter().find(|x| x.id == e))
                    .and_then(|x| x.action)
            });
            let action = (n.kind == NoteKind::Action).then_some(had.unwrap_or((None, None)));
            (n.kind, n.about, n.editing, n.item, body, action)
        });
        let votes = self.vote_draft.as_deref().filter(|_| save).map(|v| {
            let given: Vec<(MemberId, u8)> = v
                .votes
                .iter()
                .filter_map(|&(m, s)| s.map(|s| (m, s)))
                .collect();
            (v.topic.clone(), given, v.leader)
        });
        let r = cx.store.write(|tx| {
            if let Some((kind, about, editing, item, body, action)) = &note {
                match editing {
                    Some(e) => tx.update_note(*e, *kind, body, *action, now)?,
                    None => {
                        tx.add_note_on(id, *item, *about, *kind, body, *action, now)?;
                    }
                }
            }
            if let Some((topic, given, leader)) = &votes
                && !given.is_empty()
            {
                tx.record_consent(id, topic, given, *leader, now)?;
            }
            tx.end_meeting(id, now)
        });
        match r {
            Ok(()) => {
                self.forget_drafts();
                cx.changed();
                cx.screen = Screen::Summary;
                cx.info(if save && note.is_some() {
                    "The meeting has ended ✓ — your note is saved in it; Enter goes to History"
                } else {
                    "The meeting has ended ✓ — here is what happened; Enter goes to History"
                });
            }
            Err(e) => cx.error(format!("Not ended — what you typed is still kept: {e}")),
        }
    }
}

/// What becomes of a note or votes typed but not saved when the meeting ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::app) enum EndChoice {
    Save,
    Back,
    Discard,
}

/// The end question's rows, in order.
const END_CHOICES: [EndChoice; 3] = [EndChoice::Save, EndChoice::Back, EndChoice::Discard];
