//! Drafts kept in the database as the leader types: the note being written and the
//! consent votes not yet recorded. Written at most every [`DRAFT_EVERY`] while they
//! change (driven by the tick and by keys, not a thread), dropped as soon as they are
//! saved or thrown away, and offered back when the meeting is resumed after a crash.

use super::{Live, NoteEditor, VoteSheet};
use crate::app::{Ctx, Overlay};
use crate::domain::note::NoteKind;
use crate::domain::{AgendaItemId, MeetingId, MemberId, NoteId};
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// How long typing may go unrecorded.
pub const DRAFT_EVERY: Duration = Duration::milliseconds(300);

/// The stored kinds, in the order of [`Drafts`].
const KINDS: [&str; 2] = ["note", "votes"];

/// The drafts as stored (JSON): the note, the votes.
pub(in crate::app) type Drafts = [Option<String>; 2];

#[derive(Serialize, Deserialize)]
struct NoteDraft {
    text: String,
    kind: String,
    about: Option<MemberId>,
    editing: Option<NoteId>,
    /// The item the note was begun on (absent in drafts kept before it was stored).
    #[serde(default)]
    item: Option<AgendaItemId>,
}

#[derive(Serialize, Deserialize)]
struct VotesDraft {
    topic: String,
    leader: Option<MemberId>,
    votes: Vec<(MemberId, Option<u8>)>,
    cursor: usize,
}

fn note_json(n: &NoteEditor) -> Option<String> {
    let text = n.area.lines().join("\n");
    if text.trim().is_empty() {
        return None;
    }
    serde_json::to_string(&NoteDraft {
        text,
        kind: n.kind.as_str().to_string(),
        about: n.about,
        editing: n.editing,
        item: n.item,
    })
    .ok()
}

fn votes_json(v: &VoteSheet) -> Option<String> {
    if v.votes.iter().all(|(_, s)| s.is_none()) {
        return None;
    }
    serde_json::to_string(&VotesDraft {
        topic: v.topic.clone(),
        leader: v.leader,
        votes: v.votes.clone(),
        cursor: v.cursor,
    })
    .ok()
}

impl Live {
    /// What is being typed now, as it would be stored.
    fn current_drafts(&self, cx: &Ctx) -> Drafts {
        // The one note slot holds a new note kept with Esc over the edit of a saved one
        // (`N` while a note is kept): that note is safe in the file, the new one is not.
        let note = match (&cx.overlay, &self.note_draft) {
            (Overlay::Note(n), None) => note_json(n),
            (Overlay::Note(n), Some(_)) if n.editing.is_none() => note_json(n),
            (_, kept) => kept.as_deref().and_then(note_json),
        };
        let votes = match &cx.overlay {
            Overlay::Vote(v) => votes_json(v),
            _ => self.vote_draft.as_deref().and_then(votes_json),
        };
        [note, votes]
    }

    /// Stores the drafts if they changed: at most every [`DRAFT_EVERY`] while typing,
    /// and at once when one is saved or thrown away.
    pub(in crate::app) fn keep_drafts(&mut self, cx: &mut Ctx, meeting: MeetingId) {
        let cur = self.current_drafts(cx);
        if cur == self.drafts_kept {
            self.draft_since = None;
            return;
        }
        let instant = cx.clock.now();
        let gone = cur
            .iter()
            .zip(&self.drafts_kept)
            .any(|(c, k)| c.is_none() && k.is_some());
        let since = *self.draft_since.get_or_insert(instant);
        if !gone && instant - since < DRAFT_EVERY {
            return;
        }
        let now = cx.now();
        let kept = &self.drafts_kept;
        let r: Result<(), crate::store::StoreError> = cx.store.write(|tx| {
            for ((kind, c), k) in KINDS.iter().zip(&cur).zip(kept) {
                if c != k {
                    tx.set_draft(meeting, kind, c.as_deref(), now)?;
                }
            }
            Ok(())
        });
        match r {
            Ok(()) => {
                self.drafts_kept = cur;
                self.draft_since = None;
            }
            Err(e) => cx.error(format!(
                "Could not keep what you are typing (it is still on screen): {e}"
            )),
        }
    }

    /// Whether a note or votes typed but not saved are kept (to say so before ending).
    pub(in crate::app) fn has_drafts(&self) -> bool {
        self.kept_note().is_some() || self.vote_draft.is_some()
    }

    /// The kept note, unless it is only spaces and empty lines (which could not be saved
    /// as a note: nothing to ask about).
    pub(in crate::app) fn kept_note(&self) -> Option<&super::NoteEditor> {
        self.note_draft
            .as_deref()
            .filter(|n| n.area.lines().iter().any(|l| !l.trim().is_empty()))
    }

    /// Forgets the drafts in memory: they belong to the meeting they were typed in (an
    /// ended one, or one another meeting replaces on screen, whose stored drafts stay).
    pub(in crate::app) fn forget_drafts(&mut self) {
        self.note_draft = None;
        self.vote_draft = None;
        self.drafts_kept = Drafts::default();
        self.draft_since = None;
    }

    /// On resuming `meeting`: the drafts kept before, back in place (`n` continues the
    /// note, `c` the votes). Returns what to tell the leader.
    pub(in crate::app) fn restore_drafts(&mut self, cx: &mut Ctx, meeting: MeetingId) -> String {
        let drafts = match cx.store.drafts(meeting) {
            Ok(d) => d,
            Err(e) => {
                cx.error(format!("Could not read what was being typed before: {e}"));
                return String::new();
            }
        };
        let mut said = Vec::new();
        for (kind, body) in drafts {
            match kind.as_str() {
                "note" => match serde_json::from_str::<NoteDraft>(&body) {
                    Ok(d) => {
                        self.note_draft = Some(Box::new(NoteEditor {
                            area: NoteEditor::area_with(&d.text),
                            // A kind this version does not know is a plain note.
                            kind: NoteKind::parse(&d.kind).unwrap_or(NoteKind::Note),
                            about: d.about,
                            editing: d.editing,
                            item: d.item,
                        }));
                        self.drafts_kept[0] = Some(body);
                        said.push("your note (n)");
                    }
                    Err(e) => cx.error(format!("A kept note could not be read: {e}")),
                },
                "votes" => match serde_json::from_str::<VotesDraft>(&body) {
                    Ok(d) => {
                        self.vote_draft = Some(Box::new(VoteSheet {
                            topic: d.topic,
                            leader: d.leader,
                            cursor: d.cursor.min(d.votes.len().saturating_sub(1)),
                            votes: d.votes,
                        }));
                        self.drafts_kept[1] = Some(body);
                        said.push("votes (c)");
                    }
                    Err(e) => cx.error(format!("Kept consent votes could not be read: {e}")),
                },
                // The table's CHECK allows no other kind.
                _ => {}
            }
        }
        if said.is_empty() {
            String::new()
        } else {
            format!(" Kept: {}.", said.join(" and "))
        }
    }
}
