//! Action items: what a member committed to do at work, by when, for which goal, and how
//! it was followed up (in an action review, a reflection, or between meetings).

use super::draft::Draft;
use super::note::ActionStatus;
use super::spelling::spelled;
use super::validate::{self, ValidationErrors};
use super::{ActionId, CommunityId, CycleId, GoalId, MeetingId, MemberId};
use chrono::{DateTime, NaiveDate, Utc};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// How an action went, as said in a follow-up. Done and dropped close it; partly and
/// not done leave it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ActionVerdict {
    Done,
    Partly,
    NotDone,
    Dropped,
}

spelled!(ActionVerdict);

impl ActionVerdict {
    /// The words on screen.
    pub fn label(self) -> &'static str {
        match self {
            ActionVerdict::Done => "done",
            ActionVerdict::Partly => "partly done",
            ActionVerdict::NotDone => "not done",
            ActionVerdict::Dropped => "dropped",
        }
    }

    /// A symbol that says the same without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            ActionVerdict::Done => "✓",
            ActionVerdict::Partly => "◐",
            ActionVerdict::NotDone => "○",
            ActionVerdict::Dropped => "✗",
        }
    }

    /// The action's status after this verdict.
    pub fn status(self) -> ActionStatus {
        match self {
            ActionVerdict::Done => ActionStatus::Done,
            ActionVerdict::Dropped => ActionStatus::Dropped,
            ActionVerdict::Partly | ActionVerdict::NotDone => ActionStatus::Open,
        }
    }
}

/// One follow-up of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionUpdate {
    pub verdict: ActionVerdict,
    /// The meeting it was given in; `None` between meetings.
    pub meeting: Option<MeetingId>,
    /// What happened.
    pub note: String,
    /// What was learned (said in a reflection).
    pub learned: String,
    /// Given while reflecting on the cycle.
    pub in_reflection: bool,
    pub at: DateTime<Utc>,
}

/// What the action form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInfo {
    pub title: String,
    pub owner: Option<MemberId>,
    pub due: Option<NaiveDate>,
    pub goal: Option<GoalId>,
}

/// Longest action title, in characters.
pub const TITLE_MAX: usize = 200;

impl ActionInfo {
    /// Checks the title (trimmed, one line, not empty, at most [`TITLE_MAX`]).
    pub fn check(mut self) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let title = validate::text(&mut errs, "title", &self.title, TITLE_MAX);
        if title.is_empty() {
            errs.push("title", "is required");
        } else if title.contains('\n') {
            errs.push("title", "must be on one line");
        }
        self.title = title;
        errs.into_result(self)
    }

    /// What the leader is asked before the action is saved: no owner, or a due date
    /// already past. Empty when there is nothing to question.
    pub fn questions(&self, today: NaiveDate) -> Vec<String> {
        let mut q = Vec::new();
        if self.owner.is_none() {
            q.push("nobody owns it".to_string());
        }
        if let Some(due) = self.due.filter(|&d| d < today) {
            q.push(format!("its due date {due} is already past"));
        }
        q
    }

    /// The date part of a draft (`due`), read the form's way.
    pub fn due_from_draft(d: &Draft) -> Result<Option<NaiveDate>, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let due = validate::date(&mut errs, "due", d.get("due"));
        errs.into_result(due)
    }
}

/// An action item as stored, with its latest follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: ActionId,
    pub community_id: CommunityId,
    /// The meeting it was committed in.
    pub meeting: Option<MeetingId>,
    pub cycle: Option<CycleId>,
    pub info: ActionInfo,
    pub status: ActionStatus,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub last_update: Option<ActionUpdate>,
}

impl Action {
    /// Open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.info.due.is_some_and(|d| d < today)
    }

    /// Where it stands, in words that need no colour: "overdue (due 2026-11-20)",
    /// "open, partly done", "done".
    pub fn standing(&self, today: NaiveDate) -> String {
        let mut s = match self.status {
            ActionStatus::Open if self.is_overdue(today) => {
                format!("⚠ overdue (due {})", self.info.due.unwrap_or(today))
            }
            ActionStatus::Open => "open".to_string(),
            ActionStatus::Done => "✓ done".to_string(),
            ActionStatus::Dropped => "✗ dropped".to_string(),
        };
        if self.status == ActionStatus::Open
            && let Some(u) = &self.last_update
        {
            s.push_str(&format!(", {} {}", u.verdict.symbol(), u.verdict.label()));
        }
        s
    }
}

/// Sorts actions the way the leader reads them: overdue first (oldest due first), then
/// the other open ones by due date (undated last), then the closed ones, newest first.
pub fn sort_for_review(actions: &mut [Action], today: NaiveDate) {
    actions.sort_by(|a, b| {
        let rank = |x: &Action| match x.status {
            ActionStatus::Open if x.is_overdue(today) => 0,
            ActionStatus::Open => 1,
            ActionStatus::Done | ActionStatus::Dropped => 2,
        };
        rank(a)
            .cmp(&rank(b))
            .then_with(|| match rank(a) {
                2 => b.done_at.cmp(&a.done_at).then(b.id.cmp(&a.id)),
                _ => (a.info.due.is_none(), a.info.due).cmp(&(b.info.due.is_none(), b.info.due)),
            })
            .then(a.id.cmp(&b.id))
    });
}

/// Whose actions the Actions screen lists (and the store reads for it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OwnerFilter {
    #[default]
    Anyone,
    /// Actions nobody owns.
    Nobody,
    Member(MemberId),
}

/// Which actions the Actions screen lists (and the store reads for it), by where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, VariantArray)]
pub enum StatusFilter {
    #[default]
    All,
    /// Open, overdue or not.
    Open,
    Overdue,
    Done,
    Dropped,
}

impl StatusFilter {
    /// The words in the title bar.
    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::Open => "open",
            StatusFilter::Overdue => "overdue",
            StatusFilter::Done => "done",
            StatusFilter::Dropped => "dropped",
        }
    }

    /// The next filter `s` moves to (round).
    pub fn next(self) -> Self {
        let all = Self::VARIANTS;
        let i = all.iter().position(|&s| s == self).unwrap_or(0);
        all[(i + 1) % all.len()]
    }

    /// Whether `a` passes, on `today`.
    pub fn lets_through(self, a: &Action, today: NaiveDate) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Open => a.status == ActionStatus::Open,
            StatusFilter::Overdue => a.is_overdue(today),
            StatusFilter::Done => a.status == ActionStatus::Done,
            StatusFilter::Dropped => a.status == ActionStatus::Dropped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn action(id: i64, due: Option<u32>, status: ActionStatus) -> Action {
        Action {
            id: ActionId::new(id),
            community_id: CommunityId::new(1),
            meeting: None,
            cycle: None,
            info: ActionInfo {
                title: format!("a{id}"),
                owner: Some(MemberId::new(1)),
                due: due.map(day),
                goal: None,
            },
            status,
            created_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
            done_at: None,
            last_update: None,
        }
    }

    #[test]
    fn overdue_means_open_and_due_before_today() {
        let today = day(10);
        assert!(action(1, Some(9), ActionStatus::Open).is_overdue(today));
        assert!(!action(1, Some(10), ActionStatus::Open).is_overdue(today));
        assert!(!action(1, Some(9), ActionStatus::Done).is_overdue(today));
        assert!(!action(1, None, ActionStatus::Open).is_overdue(today));
        assert!(
            action(1, Some(9), ActionStatus::Open)
                .standing(today)
                .contains("overdue")
        );
    }

    #[test]
    fn verdicts_close_or_keep_open() {
        assert_eq!(ActionVerdict::Done.status(), ActionStatus::Done);
        assert_eq!(ActionVerdict::Dropped.status(), ActionStatus::Dropped);
        assert_eq!(ActionVerdict::Partly.status(), ActionStatus::Open);
        assert_eq!(ActionVerdict::NotDone.status(), ActionStatus::Open);
    }

    #[test]
    fn review_order_is_overdue_then_open_then_closed() {
        let mut v = vec![
            action(1, None, ActionStatus::Open),
            action(2, Some(20), ActionStatus::Open),
            action(3, Some(1), ActionStatus::Done),
            action(4, Some(5), ActionStatus::Open),
            action(5, Some(2), ActionStatus::Open),
        ];
        sort_for_review(&mut v, day(10));
        let ids: Vec<i64> = v.iter().map(|a| a.id.get()).collect();
        assert_eq!(ids, [5, 4, 2, 1, 3]);
    }

    #[test]
    fn questionable_actions_are_questioned() {
        let mut info = ActionInfo {
            title: "Try SBAR".into(),
            owner: None,
            due: Some(day(1)),
            goal: None,
        };
        assert_eq!(info.questions(day(10)).len(), 2);
        info.owner = Some(MemberId::new(2));
        info.due = Some(day(10));
        assert!(info.questions(day(10)).is_empty());
        assert!(
            ActionInfo {
                title: " ".into(),
                ..info.clone()
            }
            .check()
            .is_err()
        );
        assert!(
            ActionInfo {
                title: "a\nb".into(),
                ..info
            }
            .check()
            .is_err()
        );
    }
}
