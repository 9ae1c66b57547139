//! Plain types and rules of a learning community. No I/O lives here: everything is
//! a value in, a value out, so it can be unit-tested without a database or a terminal.

pub mod action;
pub mod agenda;
pub mod cadence;
pub mod clock;
pub mod closest;
pub mod community;
pub mod consent;
pub mod cycle;
pub mod draft;
pub mod goal;
pub mod icebreaker;
pub mod ids;
pub mod insights;
pub mod live;
pub mod meeting;
pub mod member;
pub mod minutes;
pub mod note;
pub mod participation;
pub mod review;
pub mod rounds;
pub mod search;
pub mod spelling;
pub mod template;
pub mod text;
pub mod timer;
pub mod validate;

pub use action::{Action, ActionInfo, ActionUpdate, ActionVerdict};
pub use cadence::Cadence;
pub use clock::{Clock, FakeClock, SystemClock};
pub use community::{ChosenBy, Community, CommunityInfo, LeaderRole, LeadershipTerm, MeetingMode};
pub use cycle::{Cycle, CycleGoal, GoalVerdict, Improvement, Phase, PhaseEntry, Topic};
pub use draft::Draft;
pub use goal::{Goal, GoalInfo, GoalStatus};
pub use ids::{
    ActionId, AgendaItemId, AgreementId, CommunityId, ConsentId, CycleId, GoalId, IcebreakerId,
    ImprovementId, MeetingId, MemberId, NoteId, PauseId, TemplateId, TurnId,
};
pub use member::{Member, Profile};
pub use validate::{FieldError, ValidationErrors};

/// Pins the stored spelling of every small enum: these strings are in SQLite CHECK
/// constraints, the JSON dump, CSV, TOML assets and minutes, so they must never drift.
/// Every table lists every variant, in `ALL` order, so a new variant fails here until
/// its spelling is pinned too.
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

    /// `cases` are `all`, in order, each with its spelling: `show` gives the spelling and
    /// `parse` reads it back (also with whitespace around it).
    fn pin<T: Copy + PartialEq + Debug>(
        all: &[T],
        cases: &[(T, &str)],
        show: fn(T) -> &'static str,
        parse: fn(&str) -> Option<T>,
    ) {
        let listed: Vec<T> = cases.iter().map(|&(x, _)| x).collect();
        assert_eq!(listed, all, "every variant, in ALL order");
        for &(x, s) in cases {
            assert_eq!(show(x), s, "{x:?}");
            assert_eq!(parse(s), Some(x), "{s}");
            assert_eq!(parse(&format!(" {s}\n")), Some(x), "{s}");
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

    #[test]
    fn community_spellings() {
        use MeetingMode as M;
        let modes = [
            (M::InPerson, "in_person"),
            (M::Online, "online"),
            (M::Hybrid, "hybrid"),
        ];
        pin(M::ALL, &modes, M::as_str, M::parse);
        pin_serde(M::ALL, M::as_str);
        let labels = [
            (M::InPerson, "in person"),
            (M::Online, "online"),
            (M::Hybrid, "hybrid"),
        ];
        pin(M::ALL, &labels, M::label, M::parse);

        use ChosenBy as C;
        let ways = [
            (C::Appointed, "appointed"),
            (C::Agreed, "agreed"),
            (C::Voted, "voted"),
        ];
        pin(C::ALL, &ways, C::as_str, C::parse);
        pin_serde(C::ALL, C::as_str);
        let labels = [
            (C::Appointed, "appointed"),
            (C::Agreed, "agreed by the group"),
            (C::Voted, "voted"),
        ];
        pin(C::ALL, &labels, C::label, C::parse);

        use LeaderRole as R;
        let roles = [(R::Leader, "leader"), (R::Mediator, "mediator")];
        pin(R::ALL, &roles, R::as_str, R::parse);
        pin_serde(R::ALL, R::as_str);
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
        pin(G::ALL, &all, G::as_str, G::parse);
        pin_serde(G::ALL, G::as_str);
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
        pin(K::ALL, &all, K::as_str, K::parse);
        pin_serde(K::ALL, K::as_str);
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
        pin(K::ALL, &labels, K::label, K::parse);
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
        pin(C::ALL, &all, C::as_str, C::parse);
        pin_serde(C::ALL, C::as_str);

        use Depth as D;
        let all = [
            (D::Light, "light"),
            (D::Medium, "medium"),
            (D::Deep, "deep"),
        ];
        pin(D::ALL, &all, D::as_str, D::parse);
        pin_serde(D::ALL, D::as_str);
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
        pin(K::ALL, &all, K::as_str, K::parse);
        assert_eq!(K::Note.next(), K::Idea);
        assert_eq!(K::Action.next(), K::Note);

        use ActionStatus as A;
        let all = [
            (A::Open, "open"),
            (A::Done, "done"),
            (A::Dropped, "dropped"),
        ];
        pin(A::ALL, &all, A::as_str, A::parse);
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
        pin(O::ALL, &all, O::as_str, O::parse);
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
        pin(T::ALL, &all, T::as_str, T::parse);
    }

    #[test]
    fn live_and_meeting_spellings() {
        use Attendance as A;
        let all = [
            (A::Present, "present"),
            (A::Late, "late"),
            (A::Absent, "absent"),
        ];
        pin(A::ALL, &all, A::as_str, A::parse);
        assert_eq!(A::Present.next(), A::Late);
        assert_eq!(A::Late.next(), A::Absent);
        assert_eq!(A::Absent.next(), A::Present);

        use MeetingStatus as M;
        let all = [
            (M::Planned, "planned"),
            (M::Live, "live"),
            (M::Ended, "ended"),
            (M::Cancelled, "cancelled"),
        ];
        pin(M::ALL, &all, M::as_str, M::parse);
    }

    #[test]
    fn cycle_and_action_spellings() {
        use Phase as P;
        let all = [
            (P::Interrogation, "interrogation"),
            (P::Application, "application"),
            (P::Reflection, "reflection"),
            (P::Closed, "closed"),
        ];
        pin(P::ALL, &all, P::as_str, P::parse);

        use GoalVerdict as G;
        let all = [
            (G::Met, "met"),
            (G::Progressing, "progressing"),
            (G::NotMet, "not_met"),
        ];
        pin(G::ALL, &all, G::as_str, G::parse);

        use ActionVerdict as V;
        let all = [
            (V::Done, "done"),
            (V::Partly, "partly"),
            (V::NotDone, "not_done"),
            (V::Dropped, "dropped"),
        ];
        pin(V::ALL, &all, V::as_str, V::parse);
    }
}
