//! The learning cycle: the group studies new information (critical interrogation:
//! problems, pitfalls, solutions), applies it at work (actions), then reflects (were the
//! goals met, what to improve), and the improvements feed the next cycle. A cycle spans
//! several meetings; a community has at most one open cycle.

use super::draft::Draft;
use super::spelling::spelled;
use super::validate::{self, LONG_MAX, SHORT_MAX, ValidationErrors};
use super::{CommunityId, CycleId, GoalId, ImprovementId};
use chrono::{DateTime, NaiveDate, Utc};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// Where a cycle is: the phases in the order they are meant to be run.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    IntoStaticStr,
    EnumString,
    VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Phase {
    Interrogation,
    Application,
    Reflection,
    Closed,
}

spelled!(Phase);

impl Phase {
    /// The words on screen.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Interrogation => "interrogation",
            Phase::Application => "application",
            Phase::Reflection => "reflection",
            Phase::Closed => "closed",
        }
    }

    /// The phase that follows in order (`None` after closed).
    pub fn next(self) -> Option<Phase> {
        let i = Self::ALL.iter().position(|&p| p == self)?;
        Self::ALL.get(i + 1).copied()
    }

    /// What moving from `self` to `to` means: the next phase, a skip over the phases
    /// in between (which the leader confirms, and which is recorded), or a step back or
    /// a stay (refused: a cycle only moves forward).
    pub fn step_to(self, to: Phase) -> PhaseStep {
        if to <= self {
            return PhaseStep::Refused;
        }
        let skipped: Vec<Phase> = Self::ALL
            .iter()
            .copied()
            .filter(|&p| p > self && p < to)
            .collect();
        if skipped.is_empty() {
            PhaseStep::InOrder
        } else {
            PhaseStep::Skips(skipped)
        }
    }
}

/// A move between phases, judged by [`Phase::step_to`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhaseStep {
    /// The next phase in order.
    InOrder,
    /// Forward past these phases: asked and recorded.
    Skips(Vec<Phase>),
    /// Backwards or to the same phase.
    Refused,
}

/// The reflection's verdict on a goal the cycle served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum GoalVerdict {
    Met,
    Progressing,
    NotMet,
}

spelled!(GoalVerdict);

impl GoalVerdict {
    /// The words on screen.
    pub fn label(self) -> &'static str {
        match self {
            GoalVerdict::Met => "met",
            GoalVerdict::Progressing => "progressing",
            GoalVerdict::NotMet => "not met",
        }
    }

    /// A symbol that says the same without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            GoalVerdict::Met => "✓",
            GoalVerdict::Progressing => "→",
            GoalVerdict::NotMet => "✗",
        }
    }
}

/// The new information a cycle works on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Topic {
    pub title: String,
    /// Where it comes from: a link, a book, a talk.
    pub source: String,
    pub summary: String,
}

impl Topic {
    /// Validates a draft from the cycle form (`title`, `source`, `summary`).
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let title = validate::name(&mut errs, "title", d.get("title"));
        let source = validate::text(&mut errs, "source", d.get("source"), SHORT_MAX);
        let summary = validate::text(&mut errs, "summary", d.get("summary"), LONG_MAX);
        errs.into_result(Self {
            title,
            source,
            summary,
        })
    }

    /// The draft an edit form starts from.
    pub fn to_draft(&self) -> Draft {
        Draft::new()
            .with("title", &self.title)
            .with("source", &self.source)
            .with("summary", &self.summary)
    }
}

/// A goal a cycle serves, with the reflection's verdict once given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleGoal {
    pub goal: GoalId,
    pub title: String,
    pub verdict: Option<GoalVerdict>,
    pub evidence: String,
    pub judged_at: Option<DateTime<Utc>>,
}

/// One phase as it was entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseEntry {
    pub phase: Phase,
    pub entered_at: DateTime<Utc>,
    /// Phases passed over to get here (confirmed by the leader); empty when in order.
    pub skipped: Vec<Phase>,
}

/// A cycle as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub id: CycleId,
    pub community_id: CommunityId,
    /// 1, 2, 3… within the community.
    pub number: u32,
    pub topic: Topic,
    pub phase: Phase,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// The previous cycle's improvements, one per line, copied when this one opened.
    pub starting_notes: String,
    /// What the cycle achieved, written when it closed.
    pub outcome: String,
    pub goals: Vec<CycleGoal>,
}

impl Cycle {
    /// Whether the cycle is still running.
    pub fn is_open(&self) -> bool {
        self.phase != Phase::Closed
    }

    /// "Cycle 3: Safe handovers".
    pub fn name(&self) -> String {
        format!("Cycle {}: {}", self.number, self.topic.title)
    }

    /// Why another cycle cannot open while this one is open (the store's refusal, and
    /// what the app says before the leader types a topic in vain).
    pub fn still_open(&self) -> String {
        format!(
            "cycle {} '{}' is still open ({}); close it before opening another",
            self.number,
            self.topic.title,
            self.phase.label()
        )
    }
}

/// An entry of the improvements list ("where can we improve?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Improvement {
    pub id: ImprovementId,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// Checks one line of a list (an improvement, a working agreement): trimmed, one line,
/// not empty, at most [`SHORT_MAX`] characters.
pub fn check_line(what: &str, raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(format!("an empty {what} is not saved"));
    }
    if s.contains(['\n', '\r']) {
        return Err(format!("{what} must be one line"));
    }
    let mut errs = ValidationErrors::default();
    let s = validate::text(&mut errs, "text", s, SHORT_MAX);
    match errs.for_field("text") {
        Some(e) => Err(format!("{what} {e}")),
        None => Ok(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_step_forward_in_order_or_by_a_recorded_skip() {
        use Phase::*;
        assert_eq!(Interrogation.step_to(Application), PhaseStep::InOrder);
        assert_eq!(Reflection.step_to(Closed), PhaseStep::InOrder);
        assert_eq!(
            Interrogation.step_to(Reflection),
            PhaseStep::Skips(vec![Application])
        );
        assert_eq!(
            Interrogation.step_to(Closed),
            PhaseStep::Skips(vec![Application, Reflection])
        );
        assert_eq!(Application.step_to(Interrogation), PhaseStep::Refused);
        assert_eq!(Application.step_to(Application), PhaseStep::Refused);
        assert_eq!(Closed.step_to(Interrogation), PhaseStep::Refused);
        assert_eq!(Interrogation.next(), Some(Application));
        assert_eq!(Closed.next(), None);
    }

    #[test]
    fn topics_are_validated_and_round_trip() {
        let d = Draft::new()
            .with("title", " Safe handovers ")
            .with("source", "https://example.org/sbar")
            .with("summary", "SBAR at the bedside");
        let t = Topic::from_draft(&d).unwrap();
        assert_eq!(t.title, "Safe handovers");
        assert_eq!(Topic::from_draft(&t.to_draft()).unwrap(), t);
        let e = Topic::from_draft(&Draft::new().with("title", " ")).unwrap_err();
        assert!(e.for_field("title").is_some());
    }

    #[test]
    fn lines_are_checked() {
        assert!(check_line("improvement", "  ").is_err());
        assert!(check_line("improvement", "a\nb").is_err());
        assert!(check_line("improvement", &"x".repeat(SHORT_MAX + 1)).is_err());
        assert_eq!(
            check_line("agreement", " One voice at a time ").unwrap(),
            "One voice at a time"
        );
    }
}
