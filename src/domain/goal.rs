//! A community goal with a measure of success.

use super::draft::Draft;
use super::spelling::{next_in, spelled};
use super::validate::{self, LONG_MAX, ValidationErrors};
use super::{CommunityId, GoalId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum GoalStatus {
    #[default]
    Proposed,
    Active,
    Met,
    Dropped,
}

spelled!(GoalStatus);

impl GoalStatus {
    /// The next status in the cycle proposed → active → met → dropped → proposed.
    pub fn next(self) -> Self {
        next_in(Self::ALL, self)
    }
}

/// Everything the goal form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalInfo {
    pub title: String,
    /// How the group will know the goal is met.
    pub success_measure: String,
    pub target: Option<NaiveDate>,
    pub status: GoalStatus,
}

/// A goal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: GoalId,
    pub community_id: CommunityId,
    pub info: GoalInfo,
    /// Archived: kept for the cycles that served it, hidden from the list unless shown.
    pub archived: bool,
}

impl GoalInfo {
    /// Validates a draft from the goal form.
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let title = validate::name(&mut errs, "title", d.get("title"));
        let success_measure = validate::text(
            &mut errs,
            "success_measure",
            d.get("success_measure"),
            LONG_MAX,
        );
        let target = validate::date(&mut errs, "target", d.get("target"));
        let status = match d.get("status").trim() {
            "" => GoalStatus::default(),
            s => GoalStatus::parse(s).unwrap_or_else(|| {
                errs.push("status", "must be proposed, active, met or dropped");
                GoalStatus::default()
            }),
        };
        errs.into_result(Self {
            title,
            success_measure,
            target,
            status,
        })
    }

    /// The draft an edit form starts from.
    pub fn to_draft(&self) -> Draft {
        Draft::new()
            .with("title", &self.title)
            .with("success_measure", &self.success_measure)
            .with(
                "target",
                self.target.map(|d| d.to_string()).unwrap_or_default(),
            )
            .with("status", self.status.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cycles_through_all() {
        let mut s = GoalStatus::Proposed;
        for _ in 0..4 {
            s = s.next();
        }
        assert_eq!(s, GoalStatus::Proposed);
        assert_eq!(GoalStatus::Active.next(), GoalStatus::Met);
    }

    #[test]
    fn goal_draft_validation() {
        let ok = Draft::new()
            .with("title", "Run 3 peer observations")
            .with("target", "2027-03-01");
        let g = GoalInfo::from_draft(&ok).unwrap();
        assert_eq!(g.status, GoalStatus::Proposed);
        assert_eq!(GoalInfo::from_draft(&g.to_draft()).unwrap(), g);
        let bad = Draft::new().with("title", "").with("status", "done");
        let e = GoalInfo::from_draft(&bad).unwrap_err();
        assert!(e.for_field("title").is_some() && e.for_field("status").is_some());
    }
}
