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
pub use member::{Member, Profile};
pub use validate::{FieldError, ValidationErrors};

/// Row id of a community in the store.
pub type CommunityId = i64;
/// Row id of a member in the store.
pub type MemberId = i64;
/// Row id of a goal in the store.
pub type GoalId = i64;
/// Row id of a meeting in the store.
pub type MeetingId = i64;
