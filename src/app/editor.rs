//! Long text in the leader's own editor (`Ctrl-G` in a form or the note being typed).
//! The app never runs a process: it records an [`EditRequest`] that the terminal loop
//! takes ([`App::take_edit_request`]), runs the editor on, and answers with
//! [`App::editor_done`]. The text lands in the field only: the form or the note still
//! needs its usual save.

use super::form::{Field, Input};
use super::{App, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// A key typed into a text field (a query or filter line, a form's field, a note): as
/// ratatui-textarea takes it, except that text selected (the Search query reopened) is
/// replaced by what is typed, kept by a key that moves the cursor, and that Ctrl-Z
/// undoes (Ctrl-U, its undo key there, clears to the start of the line:
/// [`clear_to_line_start`]).
pub fn type_key(area: &mut TextArea<'_>, ev: KeyEvent) {
    let moves = matches!(
        ev.code,
        KeyCode::Left | KeyCode::Right | KeyCode::Up | KeyCode::Down | KeyCode::Home | KeyCode::End
    );
    if moves && !ev.modifiers.contains(KeyModifiers::SHIFT) {
        area.cancel_selection();
    }
    if ev.code == KeyCode::Char('z') && ev.modifiers == KeyModifiers::CONTROL {
        area.undo();
        return;
    }
    area.input(ev);
}

/// Ctrl-U: clears the line from the start to the cursor, as in a shell (the selection
/// instead, if any). In a note of several lines, only the cursor's line.
pub fn clear_to_line_start(area: &mut TextArea<'_>) {
    area.delete_line_by_head();
}

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
    /// Ctrl-U in the query or filter line, a form's text field or the note being typed.
    pub(super) fn clear_line(&mut self) {
        match &mut self.cx.overlay {
            Overlay::Filter(area) => {
                clear_to_line_start(area);
                let text = area.lines().join(" ");
                self.set_filter(text);
            }
            Overlay::Form(form) => {
                if let Some(Field {
                    input: Input::Text { area, .. },
                    ..
                }) = form.fields.get_mut(form.focus)
                {
                    clear_to_line_start(area);
                }
            }
            Overlay::Note(note) => clear_to_line_start(&mut note.area),
            // The keymap binds Ctrl-U only where text is typed.
            Overlay::None
            | Overlay::Help
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Vote(_) => {}
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    /// Selected text is replaced by what is typed, kept by an arrow key; Ctrl-U clears a
    /// note's current line only up to the cursor; Ctrl-Z undoes.
    #[test]
    fn typing_replaces_a_selection_and_ctrl_u_clears_one_line() {
        let mut area = TextArea::new(vec!["handover".to_string()]);
        area.select_all();
        type_key(&mut area, key(KeyCode::Char('x'), KeyModifiers::NONE));
        assert_eq!(area.lines(), ["x"]);
        let mut area = TextArea::new(vec!["handover".to_string()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        area.select_all();
        type_key(&mut area, key(KeyCode::End, KeyModifiers::NONE));
        type_key(&mut area, key(KeyCode::Char('s'), KeyModifiers::NONE));
        assert_eq!(area.lines(), ["handovers"]);

        let mut note = TextArea::new(vec!["first line".to_string(), "second line".to_string()]);
        note.move_cursor(ratatui_textarea::CursorMove::Bottom);
        note.move_cursor(ratatui_textarea::CursorMove::End);
        note.move_cursor(ratatui_textarea::CursorMove::WordBack);
        clear_to_line_start(&mut note);
        assert_eq!(note.lines(), ["first line", "line"]);
        type_key(&mut note, key(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert_eq!(note.lines(), ["first line", "second line"]);
    }
}
