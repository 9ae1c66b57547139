//! Notes taken during a meeting, turn by turn.

use super::spelling::{next_in, spelled};
use super::{AgendaItemId, MeetingId, MemberId, NoteId};
use chrono::{DateTime, NaiveDate, Utc};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// What a note records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum NoteKind {
    Note,
    Idea,
    Question,
    Problem,
    Pitfall,
    Solution,
    Decision,
    /// An action item: it gets an owner and a due date.
    Action,
}

spelled!(NoteKind);

impl NoteKind {
    /// The next kind in the cycle.
    pub fn next(self) -> Self {
        next_in(Self::ALL, self)
    }
}

/// Longest note, in characters: long enough for a pasted article, bounded so a stuck key
/// cannot fill the disk.
pub const NOTE_MAX: usize = 200_000;

/// Checks a note body: trimmed, not empty, not over [`NOTE_MAX`].
pub fn check_body(raw: &str) -> Result<String, String> {
    let body = raw.trim();
    if body.is_empty() {
        return Err("an empty note is not saved".into());
    }
    let n = body.chars().count();
    if n > NOTE_MAX {
        return Err(format!(
            "the note is too long ({n} characters; at most {NOTE_MAX})"
        ));
    }
    Ok(body.to_string())
}

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub meeting_id: MeetingId,
    pub agenda_item_id: Option<AgendaItemId>,
    /// The speaker it is about; `None` for the group.
    pub member_id: Option<MemberId>,
    pub kind: NoteKind,
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// For an action: its owner and due date.
    pub action: Option<(Option<MemberId>, Option<NaiveDate>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_checked() {
        assert!(check_body("   \n ").is_err());
        assert_eq!(check_body("  idea  ").unwrap(), "idea");
        assert!(check_body(&"x".repeat(100_000)).is_ok());
        assert!(check_body(&"x".repeat(NOTE_MAX + 1)).is_err());
        assert_eq!(NoteKind::Action.next(), NoteKind::Note);
    }
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Done,
    Dropped,
}

spelled!(ActionStatus);
