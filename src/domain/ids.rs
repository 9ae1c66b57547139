//! Row ids, one type per table, so that a meeting's id passed where a member's is
//! expected does not compile. Each is a plain `i64` underneath: `Display` prints the
//! number, serde reads and writes the bare number, and the store converts them to and
//! from SQL (`store/ids.rs`, from the same list).
//!
//! ```
//! use roundtable::domain::{MeetingId, MemberId};
//! fn speaker(_: MemberId) {}
//! speaker(MemberId::new(1));
//! # let _ = MeetingId::new(1);
//! ```
//!
//! The same call with a meeting's id does not compile:
//!
//! ```compile_fail,E0308
//! use roundtable::domain::{MeetingId, MemberId};
//! fn speaker(_: MemberId) {}
//! speaker(MeetingId::new(1));
//! ```

/// Calls `$m!` with every id type and what it identifies: the one list of ids.
macro_rules! for_each_id {
    ($m:ident) => {
        $m! {
            CommunityId "a community";
            MemberId "a member (or a meeting's guest)";
            GoalId "a community's goal";
            MeetingId "a meeting";
            AgendaItemId "an item of a meeting's agenda";
            IcebreakerId "an icebreaker";
            TemplateId "one of the leader's agenda templates";
            TurnId "a speaking turn";
            NoteId "a note taken in a meeting";
            ActionId "an action item";
            ConsentId "a consent check";
            PauseId "a pause of a meeting";
            CycleId "a learning cycle";
            ImprovementId "an improvement a cycle's reflection listed";
            AgreementId "one of a community's working agreements";
        }
    };
}
pub(crate) use for_each_id;

/// Defines each id type of the list.
macro_rules! define_ids {
    ($($name:ident $what:literal;)*) => {$(
        #[doc = concat!("Row id of ", $what, " in the store.")]
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id with this row number (as stored, or as typed in a test).
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The row number.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

for_each_id!(define_ids);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_serialize_as_bare_numbers() {
        let id = MeetingId::new(42);
        assert_eq!(id.to_string(), "42");
        assert_eq!(id.get(), 42);
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<MeetingId>("42").unwrap(), id);
    }
}
