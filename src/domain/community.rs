//! A learning community: why it meets, how often, where, and who leads it.

use super::cadence::Cadence;
use super::draft::Draft;
use super::spelling::spelled;
use super::validate::{self, LONG_MAX, SHORT_MAX, ValidationErrors};
use super::{CommunityId, MemberId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Where meetings happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum MeetingMode {
    #[default]
    InPerson,
    Online,
    Hybrid,
}

spelled!(MeetingMode, or_label);

impl MeetingMode {
    /// Words for the screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::InPerson => "in person",
            Self::Online => "online",
            Self::Hybrid => "hybrid",
        }
    }
}

/// How a leader came to lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ChosenBy {
    #[default]
    Appointed,
    /// Agreed by the group (consent).
    Agreed,
    Voted,
}

spelled!(ChosenBy, or_label);

impl ChosenBy {
    /// Words for the screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Appointed => "appointed",
            Self::Agreed => "agreed by the group",
            Self::Voted => "voted",
        }
    }
}

/// Whether someone leads the group or mediates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum LeaderRole {
    #[default]
    Leader,
    Mediator,
}

spelled!(LeaderRole);

/// One period of someone leading (or mediating) the community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadershipTerm {
    pub member_id: MemberId,
    pub member_name: String,
    pub role: LeaderRole,
    pub chosen_by: ChosenBy,
    pub since: NaiveDate,
    /// `None` while the term is current.
    pub until: Option<NaiveDate>,
}

/// The plan of a community: everything its form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityInfo {
    pub name: String,
    pub purpose: String,
    /// `None` for a community that meets ad hoc.
    pub cadence: Option<Cadence>,
    pub mode: MeetingMode,
    /// An address, a room, or a video link.
    pub place: String,
    /// Planned length of a meeting, in minutes.
    pub meeting_minutes: u32,
}

/// A community as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub id: CommunityId,
    pub info: CommunityInfo,
    pub archived: bool,
    /// The current leader or mediator, if one is recorded.
    pub leader: Option<LeadershipTerm>,
}

/// Field keys of the community form, in order.
pub mod fields {
    pub const NAME: &str = "name";
    pub const PURPOSE: &str = "purpose";
    pub const CADENCE: &str = "cadence";
    pub const MODE: &str = "mode";
    pub const PLACE: &str = "place";
    pub const MINUTES: &str = "meeting_minutes";
    pub const LEADER: &str = "leader";
    pub const LEADER_ROLE: &str = "leader_role";
    pub const CHOSEN_BY: &str = "chosen_by";
}

impl CommunityInfo {
    /// Validates a draft (form or import). Leader fields are read separately.
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        use fields::*;
        let mut errs = ValidationErrors::default();
        let name = validate::name(&mut errs, NAME, d.get(NAME));
        let purpose = validate::text(&mut errs, PURPOSE, d.get(PURPOSE), LONG_MAX);
        let cadence_raw = d.get(CADENCE).trim();
        let cadence = if cadence_raw.is_empty()
            || ["none", "ad hoc", "adhoc"].contains(&cadence_raw.to_lowercase().as_str())
        {
            None
        } else {
            match cadence_raw.parse::<Cadence>() {
                Ok(c) => Some(c),
                Err(e) => {
                    errs.push(CADENCE, e.to_string());
                    None
                }
            }
        };
        let mode = match d.get(MODE).trim() {
            "" => MeetingMode::default(),
            m => MeetingMode::parse(m).unwrap_or_else(|| {
                errs.push(MODE, "must be in person, online or hybrid");
                MeetingMode::default()
            }),
        };
        let place = validate::text(&mut errs, PLACE, d.get(PLACE), SHORT_MAX);
        let minutes_raw = d.get(MINUTES).trim();
        let meeting_minutes = if minutes_raw.is_empty() {
            90
        } else {
            match minutes_raw.parse::<u32>() {
                Ok(m) if (5..=600).contains(&m) => m,
                _ => {
                    errs.push(MINUTES, "must be a number of minutes from 5 to 600");
                    90
                }
            }
        };
        errs.into_result(Self {
            name,
            purpose,
            cadence,
            mode,
            place,
            meeting_minutes,
        })
    }

    /// The draft an edit form starts from.
    pub fn to_draft(&self) -> Draft {
        use fields::*;
        Draft::new()
            .with(NAME, &self.name)
            .with(PURPOSE, &self.purpose)
            .with(
                CADENCE,
                self.cadence.map(|c| c.to_string()).unwrap_or_default(),
            )
            .with(MODE, self.mode.label())
            .with(PLACE, &self.place)
            .with(MINUTES, self.meeting_minutes.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft_round_trip() {
        let d = Draft::new()
            .with(fields::NAME, " Nurses' Journal Club ")
            .with(fields::CADENCE, "every 2 weeks thu 17:30")
            .with(fields::MODE, "hybrid")
            .with(fields::MINUTES, "60");
        let info = CommunityInfo::from_draft(&d).unwrap();
        assert_eq!(info.name, "Nurses' Journal Club");
        assert_eq!(info.mode, MeetingMode::Hybrid);
        assert_eq!(CommunityInfo::from_draft(&info.to_draft()).unwrap(), info);
    }

    #[test]
    fn bad_fields_are_all_reported() {
        let d = Draft::new()
            .with(fields::NAME, "  ")
            .with(fields::CADENCE, "daily")
            .with(fields::MODE, "telepathy")
            .with(fields::MINUTES, "0");
        let e = CommunityInfo::from_draft(&d).unwrap_err();
        for f in [fields::NAME, fields::CADENCE, fields::MODE, fields::MINUTES] {
            assert!(e.for_field(f).is_some(), "{f} should fail: {e}");
        }
    }

    #[test]
    fn empty_cadence_means_ad_hoc() {
        let d = Draft::new()
            .with(fields::NAME, "X")
            .with(fields::CADENCE, "none");
        assert_eq!(CommunityInfo::from_draft(&d).unwrap().cadence, None);
    }
}
