//! Long text in the leader's own editor (`Ctrl-G` in a form or the note being typed).
//! The app never runs a process: it records an [`EditRequest`] that the terminal loop
//! takes ([`App::take_edit_request`]), runs the editor on, and answers with
//! [`App::editor_done`]. The text lands in the field only: the form or the note still
//! needs its usual save.

use super::form::{Field, Input};
use super::{App, Overlay};

/// Text the terminal loop is asked to open in `$VISUAL`/`$EDITOR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    /// The field's text as it was when the editor was asked for.
    pub text: String,
    target: EditTarget,
}

/// Where the edited text goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EditTarget {
    /// A form's text field: its index and its draft key (both checked on the way back).
    Field(usize, &'static str),
    /// The note being typed in a live meeting.
    Note,
}

impl App {
    /// `Ctrl-G`: asks the terminal loop to open the focused text field, or the note
    /// being typed, in the leader's editor.
    pub(super) fn request_editor(&mut self) {
        let (text, target) = match &self.cx.overlay {
            Overlay::Form(form) => match form.fields.get(form.focus) {
                Some(Field {
                    input: Input::Text { area, .. },
                    key,
                    ..
                }) => (area.lines().join("\n"), EditTarget::Field(form.focus, key)),
                _ => {
                    return self
                        .cx
                        .info("Only text fields open in your editor; this field is a choice");
                }
            },
            Overlay::Note(note) => (note.area.lines().join("\n"), EditTarget::Note),
            // The keymap binds Ctrl-G only in forms and the note editor.
            _ => return,
        };
        self.edit_request = Some(EditRequest { text, target });
    }

    /// The text the leader asked to edit in their editor, if any (the terminal loop
    /// takes it after each key).
    pub fn take_edit_request(&mut self) -> Option<EditRequest> {
        self.edit_request.take()
    }

    /// The editor's outcome for `req`: the new text goes into the field it came from
    /// (nothing is saved: the form or note still needs its usual save); a failure leaves
    /// the field unchanged and says why on the status line.
    pub fn editor_done(&mut self, req: EditRequest, outcome: Result<String, String>) {
        self.cx.status = None;
        let text = match outcome {
            Ok(text) => text,
            Err(why) => {
                return self.cx.error(format!("{why}; the text is unchanged"));
            }
        };
        if text == req.text {
            return self.cx.info("The editor left the text as it was");
        }
        let placed = match (&mut self.cx.overlay, req.target) {
            (Overlay::Form(form), EditTarget::Field(i, key)) => form.replace_text(i, key, &text),
            (Overlay::Note(note), EditTarget::Note) => {
                note.area.select_all();
                let text = crate::domain::text::sanitize(&text, true);
                note.area.insert_str(text);
                true
            }
            _ => false,
        };
        if placed {
            self.cx.info(match self.cx.overlay {
                Overlay::Note(_) => {
                    "The text from your editor is in the note: save the note to keep it"
                }
                _ => "The text from your editor is in the field: save the form to keep it",
            });
        } else {
            self.cx
                .error("The field edited is no longer open; the text from your editor was dropped");
        }
        // Kept as a draft like typed text.
        self.tick();
    }
}
