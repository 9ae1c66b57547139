//! Plain types and rules of a learning community. No I/O lives here: everything is
//! a value in, a value out, so it can be unit-tested without a database or a terminal.

pub mod agenda;
pub mod cadence;
pub mod clock;
pub mod community;
pub mod consent;
pub mod draft;
pub mod goal;
pub mod icebreaker;
pub mod ids;
pub mod live;
pub mod meeting;
pub mod member;
pub mod minutes;
pub mod note;
pub mod participation;
pub mod rounds;
pub mod template;
pub mod text;
pub mod timer;
pub mod validate;

pub use cadence::Cadence;
pub use clock::{Clock, FakeClock, SystemClock};
pub use community::{ChosenBy, Community, CommunityInfo, LeaderRole, LeadershipTerm, MeetingMode};
pub use draft::Draft;
pub use goal::{Goal, GoalInfo, GoalStatus};
pub use ids::{
    ActionId, AgendaItemId, CommunityId, ConsentId, GoalId, IcebreakerId, MeetingId, MemberId,
    NoteId, PauseId, TemplateId, TurnId,
};
pub use member::{Member, Profile};
pub use validate::{FieldError, ValidationErrors};

/// Pins the stored spelling of every small enum: these strings are in SQLite CHECK
/// constraints, the JSON dump, CSV, TOML assets and minutes, so they must never drift.
#[cfg(test)]
mod spelling_tests {
    use super::agenda::ItemKind;
    use super::icebreaker::{Category, Depth};
    use super::live::Attendance;
    use super::meeting::MeetingStatus;
    use super::note::{ActionStatus, NoteKind};
    use super::rounds::{OrderStrategy, TurnState};
    use super::*;
    use std::fmt::Debug;

    /// Every `(variant, spelling)`: `as_str` gives the spelling and `parse` reads it back.
    fn pin<T: Copy + PartialEq + Debug>(
        cases: &[(T, &str)],
        as_str: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        for &(x, s) in cases {
            assert_eq!(as_str(x), s, "{x:?}");
            assert_eq!(parse(s), Some(x), "{s}");
        }
        assert_eq!(parse("no such thing"), None);
        assert_eq!(parse(""), None);
    }

    /// For the enums serde also reads and writes (TOML assets, minutes): serde's spelling
    /// is the stored one, so the two casing attributes can never drift apart.
    fn pin_serde<T>(all: &[T], as_str: fn(T) -> &'static str)
    where
        T: Copy + PartialEq + Debug + serde::Serialize + serde::de::DeserializeOwned,
    {
        for &x in all {
            let json = serde_json::to_string(&x).unwrap();
            assert_eq!(json, format!("\"{}\"", as_str(x)), "{x:?}");
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), x);
        }
    }

    /// The variants alone, in pinned order (what `ALL` must be).
    fn order<T: Copy>(cases: &[(T, &str)]) -> Vec<T> {
        cases.iter().map(|&(x, _)| x).collect()
    }

    #[test]
    fn community_spellings() {
        use MeetingMode as M;
        let modes = [
            (M::InPerson, "in_person"),
            (M::Online, "online"),
            (M::Hybrid, "hybrid"),
        ];
        pin(&modes, M::as_str, M::parse);
        pin_serde(&order(&modes), M::as_str);
        assert_eq!(M::ALL.to_vec(), order(&modes));
        let labels = [
            (M::InPerson, "in person"),
            (M::Online, "online"),
            (M::Hybrid, "hybrid"),
        ];
        pin(&labels, M::label, M::parse);

        use ChosenBy as C;
        let ways = [
            (C::Appointed, "appointed"),
            (C::Agreed, "agreed"),
            (C::Voted, "voted"),
        ];
        pin(&ways, C::as_str, C::parse);
        pin_serde(&order(&ways), C::as_str);
        assert_eq!(C::ALL.to_vec(), order(&ways));
        let labels = [
            (C::Appointed, "appointed"),
            (C::Agreed, "agreed by the group"),
            (C::Voted, "voted"),
        ];
        pin(&labels, C::label, C::parse);

        use LeaderRole as R;
        let roles = [(R::Leader, "leader"), (R::Mediator, "mediator")];
        pin(&roles, R::as_str, R::parse);
        pin_serde(&order(&roles), R::as_str);
        assert_eq!(R::ALL.to_vec(), order(&roles));
    }

    #[test]
    fn goal_spellings() {
        use GoalStatus as G;
        let all = [
            (G::Proposed, "proposed"),
            (G::Active, "active"),
            (G::Met, "met"),
            (G::Dropped, "dropped"),
        ];
        pin(&all, G::as_str, G::parse);
        pin_serde(&order(&all), G::as_str);
        assert_eq!(G::ALL.to_vec(), order(&all));
        assert_eq!(G::Proposed.next(), G::Active);
        assert_eq!(G::Dropped.next(), G::Proposed);
    }

    #[test]
    fn agenda_spellings() {
        use ItemKind as K;
        let all = [
            (K::Icebreaker, "icebreaker"),
            (K::Introductions, "introductions"),
            (K::RoundRobin, "round_robin"),
            (K::OpenDiscussion, "open_discussion"),
            (K::ActionReview, "action_review"),
            (K::CriticalInterrogation, "critical_interrogation"),
            (K::Application, "application"),
            (K::Reflection, "reflection"),
            (K::Decision, "decision"),
            (K::Break, "break"),
            (K::CheckOut, "check_out"),
        ];
        pin(&all, K::as_str, K::parse);
        pin_serde(&order(&all), K::as_str);
        assert_eq!(K::ALL.to_vec(), order(&all));
        let labels = [
            (K::Icebreaker, "icebreaker"),
            (K::Introductions, "introductions"),
            (K::RoundRobin, "round-robin"),
            (K::OpenDiscussion, "open discussion"),
            (K::ActionReview, "action review"),
            (K::CriticalInterrogation, "critical interrogation"),
            (K::Application, "application"),
            (K::Reflection, "reflection"),
            (K::Decision, "decision / consent"),
            (K::Break, "break"),
            (K::CheckOut, "check-out"),
        ];
        pin(&labels, K::label, K::parse);
        assert_eq!(K::parse("  round_robin\n"), Some(K::RoundRobin));
        assert_eq!(K::parse(" check-out "), Some(K::CheckOut));
    }

    #[test]
    fn icebreaker_spellings() {
        use Category as C;
        let all = [
            (C::GetToKnow, "get-to-know"),
            (C::Energizer, "energizer"),
            (C::Reflection, "reflection"),
            (C::TeamBuilding, "team-building"),
            (C::LearningFocused, "learning-focused"),
        ];
        pin(&all, C::as_str, C::parse);
        pin_serde(&order(&all), C::as_str);
        assert_eq!(C::ALL.to_vec(), order(&all));
        assert_eq!(C::parse(" team-building "), Some(C::TeamBuilding));

        use Depth as D;
        let all = [
            (D::Light, "light"),
            (D::Medium, "medium"),
            (D::Deep, "deep"),
        ];
        pin(&all, D::as_str, D::parse);
        pin_serde(&order(&all), D::as_str);
        assert_eq!(D::ALL.to_vec(), order(&all));
        assert_eq!(D::parse(" deep\t"), Some(D::Deep));
    }

    #[test]
    fn note_spellings() {
        use NoteKind as K;
        let all = [
            (K::Note, "note"),
            (K::Idea, "idea"),
            (K::Question, "question"),
            (K::Problem, "problem"),
            (K::Pitfall, "pitfall"),
            (K::Solution, "solution"),
            (K::Decision, "decision"),
            (K::Action, "action"),
        ];
        pin(&all, K::as_str, K::parse);
        assert_eq!(K::ALL.to_vec(), order(&all));
        assert_eq!(K::parse(" idea "), Some(K::Idea));
        assert_eq!(K::Note.next(), K::Idea);
        assert_eq!(K::Action.next(), K::Note);

        use ActionStatus as A;
        assert_eq!(A::Open.as_str(), "open");
        assert_eq!(A::Done.as_str(), "done");
        assert_eq!(A::Dropped.as_str(), "dropped");
    }

    #[test]
    fn rounds_spellings() {
        use OrderStrategy as O;
        let all = [
            (O::Roster, "roster"),
            (O::Shuffled, "shuffled"),
            (O::LeastHeard, "least_heard"),
            (O::Rotate, "rotate"),
        ];
        pin(&all, O::as_str, O::parse);
        assert_eq!(O::ALL.to_vec(), order(&all));
        let labels = [
            (O::Roster, "roster order"),
            (O::Shuffled, "shuffled"),
            (O::LeastHeard, "least heard first"),
            (O::Rotate, "rotate"),
        ];
        for (o, l) in labels {
            assert_eq!(o.label(), l);
        }
        // The stored spelling only, never the label.
        assert_eq!(O::parse("least heard first"), None);
        assert_eq!(O::Roster.next(), O::Shuffled);
        assert_eq!(O::Rotate.next(), O::Roster);

        use TurnState as T;
        let all = [
            (T::Waiting, "waiting"),
            (T::Speaking, "speaking"),
            (T::Spoke, "spoke"),
            (T::Passed, "passed"),
            (T::Skipped, "skipped"),
        ];
        pin(&all, T::as_str, T::parse);
    }

    #[test]
    fn live_and_meeting_spellings() {
        use Attendance as A;
        let all = [
            (A::Present, "present"),
            (A::Late, "late"),
            (A::Absent, "absent"),
        ];
        pin(&all, A::as_str, A::parse);
        assert_eq!(A::Present.next(), A::Late);
        assert_eq!(A::Absent.next(), A::Present);

        use MeetingStatus as M;
        let all = [
            (M::Planned, "planned"),
            (M::Live, "live"),
            (M::Ended, "ended"),
            (M::Cancelled, "cancelled"),
        ];
        pin(&all, M::as_str, M::parse);
    }
}
