//! A member of a community and their learning profile.

use super::draft::Draft;
use super::validate::{self, LONG_MAX, SHORT_MAX, ValidationErrors};
use super::{CommunityId, MemberId};
use chrono::NaiveDate;

/// Everything the member form edits (and a roster CSV row carries).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    pub name: String,
    /// Their role at work or in the group ("charge nurse", "note-taker").
    pub role: String,
    /// What they bring to the group.
    pub brings: String,
    /// What they hope to get from it.
    pub hopes: String,
    pub learning_style: String,
    pub strengths: String,
    pub growth_areas: String,
    pub joined: Option<NaiveDate>,
}

/// A member as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: MemberId,
    pub community_id: CommunityId,
    pub profile: Profile,
    pub left: Option<NaiveDate>,
    pub active: bool,
    /// Joined recently: introductions capture their profile.
    pub is_new: bool,
}

/// Field keys, in form order; also the roster CSV header.
pub const FIELDS: [&str; 8] = [
    "name",
    "role",
    "brings",
    "hopes",
    "learning_style",
    "strengths",
    "growth_areas",
    "joined",
];

impl Profile {
    /// Validates a draft from the member form or a CSV row.
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let name = validate::name(&mut errs, "name", d.get("name"));
        let role = validate::text(&mut errs, "role", d.get("role"), SHORT_MAX);
        let brings = validate::text(&mut errs, "brings", d.get("brings"), LONG_MAX);
        let hopes = validate::text(&mut errs, "hopes", d.get("hopes"), LONG_MAX);
        let learning_style = validate::text(
            &mut errs,
            "learning_style",
            d.get("learning_style"),
            SHORT_MAX,
        );
        let strengths = validate::text(&mut errs, "strengths", d.get("strengths"), LONG_MAX);
        let growth_areas =
            validate::text(&mut errs, "growth_areas", d.get("growth_areas"), LONG_MAX);
        let joined = validate::date(&mut errs, "joined", d.get("joined"));
        errs.into_result(Self {
            name,
            role,
            brings,
            hopes,
            learning_style,
            strengths,
            growth_areas,
            joined,
        })
    }

    /// The draft an edit form starts from.
    pub fn to_draft(&self) -> Draft {
        let [name, role, brings, hopes, style, strengths, growth, joined] = FIELDS;
        Draft::new()
            .with(name, &self.name)
            .with(role, &self.role)
            .with(brings, &self.brings)
            .with(hopes, &self.hopes)
            .with(style, &self.learning_style)
            .with(strengths, &self.strengths)
            .with(growth, &self.growth_areas)
            .with(
                joined,
                self.joined.map(|d| d.to_string()).unwrap_or_default(),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_round_trip_and_errors() {
        let d = Draft::new()
            .with("name", "Ada 🙂")
            .with("strengths", "Statistics\nTeaching")
            .with("joined", "2025-09-01");
        let p = Profile::from_draft(&d).unwrap();
        assert_eq!(Profile::from_draft(&p.to_draft()).unwrap(), p);
        let bad = Draft::new().with("name", "").with("joined", "yesterday");
        let e = Profile::from_draft(&bad).unwrap_err();
        assert!(e.for_field("name").is_some() && e.for_field("joined").is_some());
    }
}
