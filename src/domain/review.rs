//! The action review: the community's open actions walked owner by owner, as a round,
//! with the follow-ups already given in this meeting. Pure: it reads a [`LiveMeeting`]
//! and a `today`, so a due date passing while the app runs marks an action overdue at
//! the next frame.

use super::action::ActionVerdict;
use super::live::LiveMeeting;
use super::note::ActionStatus;
use super::{ActionId, MemberId, NoteId};
use chrono::{DateTime, NaiveDate, Utc};

/// A follow-up given in a meeting (action review or reflection), with what the minutes
/// say of its action. Read with the live meeting, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub action: ActionId,
    /// The action's title and owner and due date as they are now.
    pub title: String,
    pub owner: Option<MemberId>,
    pub due: Option<NaiveDate>,
    pub verdict: ActionVerdict,
    /// What happened.
    pub note: String,
    /// What was learned (said in a reflection).
    pub learned: String,
    pub in_reflection: bool,
    pub at: DateTime<Utc>,
}

/// One action on the review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub action: ActionId,
    pub title: String,
    pub owner: Option<MemberId>,
    pub due: Option<NaiveDate>,
    /// Still open and due before today.
    pub overdue: bool,
    /// The latest follow-up given in this meeting: its verdict and note.
    pub followed: Option<(ActionVerdict, String)>,
}

impl ReviewRow {
    /// Not yet followed up in this meeting.
    pub fn is_pending(&self) -> bool {
        self.followed.is_none()
    }

    /// Where it stands, in words and symbols (no colour needed): "✓ done: note",
    /// "⚠ overdue (due 2026-11-20)", "due 2026-12-10", "no due date".
    pub fn standing(&self) -> String {
        let mut parts = Vec::new();
        if let Some((v, note)) = &self.followed {
            let note = note.trim();
            parts.push(if note.is_empty() {
                format!("{} {}", v.symbol(), v.label())
            } else {
                format!("{} {}: {note}", v.symbol(), v.label())
            });
        }
        match self.due {
            Some(d) if self.overdue => parts.push(format!("⚠ overdue (due {d})")),
            // A closed action's due date no longer matters.
            Some(d) if self.followed.is_none() => parts.push(format!("due {d}")),
            Some(_) => {}
            None if self.followed.is_none() => parts.push("no due date".into()),
            None => {}
        }
        parts.join(" · ")
    }
}

/// The actions of one owner in the room, or (`owner: None`) those nobody owns or whose
/// owner is not here, which come last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewGroup {
    pub owner: Option<MemberId>,
    pub rows: Vec<ReviewRow>,
}

/// The review list: every open action of the community taken before this meeting (one
/// taken in it is not due for follow-up in it), and every action followed up in this
/// meeting (closed ones too, showing their verdict), grouped by owner. Owners
/// come in the order of the current item's round (those who came after it started
/// follow, in attendance order); without a round, in attendance order. Owners with
/// nothing to review are left out. Within a group: by due date, undated last.
pub fn review(l: &LiveMeeting, today: NaiveDate) -> Vec<ReviewGroup> {
    let latest = |id: ActionId| {
        l.follow_ups
            .iter()
            .rev()
            .find(|f| f.action == id)
            .map(|f| (f.verdict, f.note.clone()))
    };
    let mut rows: Vec<ReviewRow> = l
        .open_actions
        .iter()
        .filter(|a| a.meeting != Some(l.meeting.id))
        .map(|a| ReviewRow {
            action: a.id,
            title: a.title.clone(),
            owner: a.owner,
            due: a.due,
            overdue: a.due.is_some_and(|d| d < today),
            followed: latest(a.id),
        })
        .collect();
    for f in &l.follow_ups {
        if !rows.iter().any(|r| r.action == f.action) {
            // Followed up here and closed since: shown with its verdict.
            rows.push(ReviewRow {
                action: f.action,
                title: f.title.clone(),
                owner: f.owner,
                due: f.due,
                overdue: false,
                followed: latest(f.action),
            });
        }
    }
    rows.sort_by_key(|r| (r.due.is_none(), r.due, r.action));

    let here: Vec<MemberId> = l.here().iter().map(|a| a.member.id).collect();
    let mut owners: Vec<MemberId> = l
        .current_item()
        .map(|i| l.round_turns(i.item.id))
        .unwrap_or_default()
        .iter()
        .map(|t| t.member)
        .filter(|m| here.contains(m))
        .collect();
    for m in &here {
        if !owners.contains(m) {
            owners.push(*m);
        }
    }
    let mut groups: Vec<ReviewGroup> = owners
        .into_iter()
        .map(|m| ReviewGroup {
            owner: Some(m),
            rows: rows
                .iter()
                .filter(|r| r.owner == Some(m))
                .cloned()
                .collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    let rest: Vec<ReviewRow> = rows
        .into_iter()
        .filter(|r| r.owner.is_none_or(|m| !here.contains(&m)))
        .collect();
    if !rest.is_empty() {
        groups.push(ReviewGroup {
            owner: None,
            rows: rest,
        });
    }
    groups
}

/// The first action of `speaker` not yet followed up in this meeting.
pub fn next_pending(groups: &[ReviewGroup], speaker: Option<MemberId>) -> Option<&ReviewRow> {
    let speaker = speaker?;
    groups
        .iter()
        .find(|g| g.owner == Some(speaker))?
        .rows
        .iter()
        .find(|r| r.is_pending())
}

/// Where an action taken in a meeting stands now (the meeting view says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionStanding {
    /// The note it was taken as.
    pub note: NoteId,
    pub status: ActionStatus,
    pub due: Option<NaiveDate>,
    /// The verdict of its latest follow-up, in any meeting or on the Actions screen.
    pub latest: Option<ActionVerdict>,
}

impl ActionStanding {
    /// In words and symbols as of `today`: "✓ done", "✗ dropped", "open", "⚠ overdue",
    /// "◐ partly done · ⚠ overdue".
    pub fn words(&self, today: NaiveDate) -> String {
        match self.status {
            ActionStatus::Done => "✓ done".into(),
            ActionStatus::Dropped => "✗ dropped".into(),
            ActionStatus::Open => {
                let mut parts = Vec::new();
                if let Some(v @ (ActionVerdict::Partly | ActionVerdict::NotDone)) = self.latest {
                    parts.push(format!("{} {}", v.symbol(), v.label()));
                }
                parts.push(if self.due.is_some_and(|d| d < today) {
                    "⚠ overdue".to_string()
                } else {
                    "open".to_string()
                });
                parts.join(" · ")
            }
        }
    }
}

/// How many actions of the list were followed up, and how many there are.
pub fn progress(groups: &[ReviewGroup]) -> (usize, usize) {
    let rows = groups.iter().flat_map(|g| &g.rows);
    let done = rows.clone().filter(|r| !r.is_pending()).count();
    (done, rows.count())
}

#[cfg(test)]
mod tests;
