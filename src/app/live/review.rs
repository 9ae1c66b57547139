//! Following actions up in a live meeting (the action review). `u` on an action review
//! item asks how the speaker's next action went: one key for the verdict (`1`/Enter
//! "done" saves at once; the others then take an optional one-line note, Enter saves).
//! Elsewhere, or when the speaker has nothing left, `u` first asks which action.
//! Every follow-up is `Tx::follow_up_action` with this meeting, so it is in the minutes.

use super::Live;
use crate::app::form::{Field, Form, FormKind};
use crate::app::{ChoosePurpose, Chooser, Ctx, Overlay};
use crate::domain::agenda::ItemKind;
use crate::domain::live::LiveMeeting;
use crate::domain::review::{self, ReviewRow};
use crate::domain::text::one_line;
use crate::domain::{ActionId, ActionVerdict, Draft, MeetingId, MemberId};
use crate::store::StoreError;
use chrono::NaiveDate;

/// The rows of the verdict chooser, by their id: "done" saves at once, the others ask
/// for a note first; the last leads to the choice of another action.
const VERDICT_ROWS: [(Option<ActionVerdict>, bool, &str); 6] = [
    (Some(ActionVerdict::Done), false, "1 ✓ done"),
    (Some(ActionVerdict::Partly), true, "2 ◐ partly done"),
    (Some(ActionVerdict::NotDone), true, "3 ○ not done"),
    (Some(ActionVerdict::Dropped), true, "4 ✗ dropped"),
    (Some(ActionVerdict::Done), true, "5 ✓ done, with a note"),
    (None, false, "6 another action…"),
];

/// Longest part of an action's title the status line repeats, in characters.
const STATUS_TITLE: usize = 30;

/// Whether the verdict carries the action on (it stays open): who and by when are asked.
fn carried_on(verdict: ActionVerdict) -> bool {
    matches!(verdict, ActionVerdict::Partly | ActionVerdict::NotDone)
}

/// A row's owner in words ("nobody" when none).
fn owner(l: &LiveMeeting, row: &ReviewRow) -> String {
    row.owner.map_or("nobody".into(), |m| one_line(l.name(m)))
}

impl Live {
    /// The review list as of today, and the meeting.
    fn review_rows(&self, cx: &Ctx) -> Option<(&LiveMeeting, Vec<ReviewRow>)> {
        let l = self.running()?;
        let groups = review::review(l, cx.today());
        Some((l, groups.into_iter().flat_map(|g| g.rows).collect()))
    }

    /// `u`: follow up the speaker's next action on an action review item; otherwise
    /// choose which action first.
    pub(in crate::app) fn follow_up(&self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return cx.info("No meeting is running");
        };
        let groups = review::review(l, cx.today());
        if groups.is_empty() {
            return cx.info("No open actions to follow up");
        }
        let on_review = l
            .current_item()
            .is_some_and(|i| i.item.info.kind == ItemKind::ActionReview);
        match review::next_pending(&groups, l.speaker()) {
            Some(row) if on_review => {
                let id = row.action;
                self.choose_verdict(cx, id);
            }
            _ => self.choose_action(cx),
        }
    }

    /// Which action to follow up: the speaker's first, then the review's order; the
    /// first not yet followed up is selected.
    pub(in crate::app) fn choose_action(&self, cx: &mut Ctx) {
        let Some((l, mut rows)) = self.review_rows(cx) else {
            return;
        };
        let speaker = l.speaker();
        rows.sort_by_key(|r| speaker.is_none() || r.owner != speaker);
        if rows.is_empty() {
            return cx.info("No open actions to follow up");
        }
        let selected = rows.iter().position(ReviewRow::is_pending).unwrap_or(0);
        let (options, ids) = rows
            .iter()
            .map(|r| {
                (
                    (
                        one_line(&r.title),
                        format!("{} · {}", owner(l, r), one_line(&r.standing())),
                    ),
                    r.action.get(),
                )
            })
            .unzip();
        cx.open(Overlay::Choose(Chooser {
            title: "Which action to follow up?".into(),
            options,
            ids,
            selected,
            purpose: ChoosePurpose::FollowUpWhich,
        }));
    }

    /// How did `action` go? One key: 1 done (saved at once), 2–5 then a note.
    pub(in crate::app) fn choose_verdict(&self, cx: &mut Ctx, action: ActionId) {
        let Some((l, rows)) = self.review_rows(cx) else {
            return;
        };
        let Some(row) = rows.iter().find(|r| r.action == action) else {
            return cx.error("Not found: that action is no longer open");
        };
        let about = format!("{} · {}", owner(l, row), one_line(&row.standing()));
        let options = VERDICT_ROWS
            .iter()
            .map(|&(verdict, note, label)| {
                let what = match (verdict, note) {
                    (None, _) => "choose which action to follow up".to_string(),
                    (Some(_), false) => format!("{about} — saves now"),
                    (Some(ActionVerdict::Dropped), true) => {
                        format!("{about} — then why (optional); Enter saves")
                    }
                    (Some(v), true) if carried_on(v) => {
                        format!("{about} — then what happened, who carries it on, by when")
                    }
                    (Some(_), true) => {
                        format!("{about} — then what happened (optional); Enter saves")
                    }
                };
                (label.to_string(), what)
            })
            .collect();
        cx.open(Overlay::Choose(Chooser {
            title: format!("Follow up: {}", one_line(&row.title)),
            options,
            ids: (0..VERDICT_ROWS.len() as i64).collect(),
            selected: 0,
            purpose: ChoosePurpose::Verdict(action),
        }));
    }

    /// Chosen in the verdict chooser: row `row` of [`VERDICT_ROWS`].
    pub(in crate::app) fn verdict_chosen(&mut self, cx: &mut Ctx, action: ActionId, row: i64) {
        let Some(&(verdict, note, _)) = usize::try_from(row).ok().and_then(|i| VERDICT_ROWS.get(i))
        else {
            return;
        };
        let (Some(verdict), Some(meeting)) = (verdict, self.running().map(|l| l.meeting.id)) else {
            return self.choose_action(cx);
        };
        if note {
            return self.note_form(cx, meeting, action, verdict);
        }
        match self.save_follow_up(cx, meeting, action, verdict, "", None) {
            Ok(msg) => cx.info(msg),
            Err(e) => cx.error(format!("Not saved: {e}")),
        }
    }

    /// The optional one-line note of a follow-up; Enter saves.
    fn note_form(
        &self,
        cx: &mut Ctx,
        meeting: MeetingId,
        action: ActionId,
        verdict: ActionVerdict,
    ) {
        let row = self
            .review_rows(cx)
            .and_then(|(_, rows)| rows.into_iter().find(|r| r.action == action));
        let title = row
            .as_ref()
            .map_or_else(String::new, |r| one_line(&r.title));
        let (label, hint) = match verdict {
            ActionVerdict::Dropped => ("Why", "Optional — Enter saves"),
            ActionVerdict::Done => ("What happened", "Optional — Enter saves"),
            ActionVerdict::Partly | ActionVerdict::NotDone => (
                "What happened",
                "Optional — Enter saves; Tab: who carries it on, by when",
            ),
        };
        let mut fields = vec![Field::text("note", label, hint, "", false)];
        // Carried on (partly or not done): who does it, by when — as when it was taken
        // (r9 trial F12). A due date already past is offered a week from today; none
        // stays none.
        if carried_on(verdict) {
            let today = cx.today();
            let due = row.as_ref().and_then(|r| r.due).map(|d| match d < today {
                true => today + chrono::Duration::days(7),
                false => d,
            });
            let owner = row.as_ref().and_then(|r| r.owner);
            let mut choices = self.owner_choices(true);
            // An owner not on this meeting's list (a guest of an earlier meeting, a
            // member not here) stays the owner unless another is chosen (review r9b).
            if let Some(id) = owner.filter(|id| !choices.iter().any(|(c, _)| *c == Some(*id))) {
                let name = cx
                    .store
                    .names_of_members(&[id])
                    .ok()
                    .and_then(|n| n.into_iter().next())
                    .map_or_else(|| "the owner".to_string(), |(_, n)| n);
                choices.push((Some(id), format!("{name} (not here)")));
            }
            fields.push(Field::people("owner", "Who carries it on", choices, owner));
            fields.push(Field::text(
                "due",
                "By when",
                "YYYY-MM-DD (empty: none)",
                &due.map(|d| d.to_string()).unwrap_or_default(),
                false,
            ));
        }
        cx.form(Form::new(
            FormKind::FollowUp {
                meeting,
                action,
                verdict,
            },
            format!("{} {} · {title}", verdict.symbol(), verdict.label()),
            fields,
        ));
    }

    /// Saves the follow-up note form.
    pub(in crate::app) fn save_follow_up_form(
        &mut self,
        cx: &mut Ctx,
        kind: &FormKind,
        d: &Draft,
    ) -> Result<String, StoreError> {
        let FormKind::FollowUp {
            meeting,
            action,
            verdict,
        } = kind
        else {
            return Err(StoreError::NotFound("not a follow-up form".into()));
        };
        let carry = match carried_on(*verdict) {
            true => {
                let mut errs = crate::domain::ValidationErrors::default();
                let due = crate::domain::validate::date(&mut errs, "due", d.get("due"));
                if due.is_some_and(|due| due < cx.today()) {
                    errs.push("due", "is already past: give a date from today on, or none");
                }
                errs.into_result(())?;
                // "" (nobody) is the one value that is not an id.
                Some((d.get("owner").parse::<MemberId>().ok(), due))
            }
            false => None,
        };
        self.save_follow_up(cx, *meeting, *action, *verdict, d.get("note"), carry)
    }

    /// Records the follow-up in this meeting, re-reads the meeting and says what is
    /// next: the speaker's next action, or the next speaker.
    fn save_follow_up(
        &mut self,
        cx: &mut Ctx,
        meeting: MeetingId,
        action: ActionId,
        verdict: ActionVerdict,
        note: &str,
        carry: Option<(Option<MemberId>, Option<NaiveDate>)>,
    ) -> Result<String, StoreError> {
        let now = cx.now();
        // The owner and due date it is carried on with, changed with the follow-up.
        let mut before = (None, None);
        let info = match carry {
            Some((owner, due)) => {
                let mut info = cx.store.action(action)?.info;
                before = (info.owner, info.due);
                info.owner = owner;
                info.due = due;
                Some(info)
            }
            None => None,
        };
        let row = self
            .review_rows(cx)
            .and_then(|(l, rows)| {
                let r = rows.into_iter().find(|r| r.action == action)?;
                Some((one_line(&r.title), owner(l, &r)))
            })
            .ok_or_else(|| StoreError::NotFound("that action is no longer open".into()))?;
        cx.store.write(|tx| {
            tx.follow_up_action(action, verdict, note, "", Some(meeting), false, now)?;
            match &info {
                Some(info) => tx.update_action(action, info, now),
                None => Ok(()),
            }
        })?;
        self.reload(cx);
        let (title, mut who) = row;
        // Carried on by someone else or to another date: the status line says so.
        if let (Some(info), Some(l)) = (&info, self.running())
            && (info.owner, info.due) != before
        {
            who = info.owner.map_or("nobody".into(), |m| one_line(l.name(m)));
            if let Some(due) = info.due {
                who = format!("{who}, by {due}");
            }
        }
        // The status line is one line: a long title gives way to what comes next.
        let title = match title.char_indices().nth(STATUS_TITLE) {
            Some((i, _)) => format!("{}…", &title[..i]),
            None => title,
        };
        let said = format!("{} {}: {title} ({who})", verdict.symbol(), verdict.label());
        let Some(l) = self.running() else {
            return Ok(said);
        };
        let groups = review::review(l, cx.today());
        let on_review = l
            .current_item()
            .is_some_and(|i| i.item.info.kind == ItemKind::ActionReview);
        let next = match (review::next_pending(&groups, l.speaker()), l.speaker()) {
            _ if !on_review => String::new(),
            (Some(_), Some(m)) => format!(" — u: {}'s next action", one_line(l.name(m))),
            (None, _) if review::progress(&groups).0 == review::progress(&groups).1 => {
                " — every action is followed up".into()
            }
            (None, Some(_)) => " — Space: next speaker".into(),
            (None, None) | (Some(_), None) => " — u: another action".into(),
        };
        Ok(format!("{said}{next}"))
    }
}
