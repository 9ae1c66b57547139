//! The Actions screen's commands that need other areas (the roster and goals of the
//! chosen community, the form and the question on top of the screen), put together from
//! what each area offers. `dispatch` and `across` route here in one line each.

use super::forms::Outcome;
use crate::app::{App, Confirm, Overlay, Pending, Screen};
use crate::domain::text::sanitize;
use crate::domain::{ActionId, ActionVerdict};

impl App {
    /// The action selected on the Actions screen.
    fn selected_action(&self) -> Option<&crate::domain::Action> {
        self.actions.selected()
    }

    /// Re-reads the actions (going to the Actions screen: notes taken in a meeting may
    /// have added some).
    pub(in crate::app) fn load_actions(&mut self) {
        self.unread.actions = false;
        let community = self.browse.community_id();
        let today = self.cx.today();
        if let Err(e) = self
            .actions
            .reload(&self.cx.store, community, today, &self.browse.goals)
        {
            self.cx.error(format!("Could not read the actions: {e}"));
        }
        let n = self.visible(Screen::Actions).len();
        self.actions.list.clamp(n);
    }

    /// `n` / `e` on the Actions screen.
    pub(in crate::app) fn action_form(&mut self, new: bool) {
        let selected = if new {
            None
        } else {
            match self.selected_action() {
                Some(a) => Some(a.clone()),
                None => return self.cx.info("No action to edit: press n to add one"),
            }
        };
        self.actions.open_form(
            &mut self.cx,
            selected.as_ref(),
            self.browse.community_id(),
            &self.browse.members,
            &self.browse.goals,
        );
    }

    /// Enter on the Actions screen: the selected action's history.
    pub(in crate::app) fn toggle_action_history(&mut self) {
        let has_row = self.selected_action().is_some();
        self.actions.toggle_history(&mut self.cx, has_row);
    }

    /// `u` on the Actions screen.
    pub(in crate::app) fn follow_up_selected_action(&mut self) {
        let a = self.selected_action().cloned();
        self.actions.choose_verdict(&mut self.cx, a.as_ref());
    }

    /// `x` on the Actions screen.
    pub(in crate::app) fn ask_delete_action(&mut self) {
        let a = self.selected_action().cloned();
        self.actions.ask_delete(&mut self.cx, a.as_ref());
    }

    /// A verdict chosen (the `n`th of [`ActionVerdict::ALL`]): the note form follows.
    pub(in crate::app) fn action_verdict_chosen(&mut self, action: ActionId, n: usize) {
        match ActionVerdict::ALL.get(n) {
            Some(&v) => self.actions.follow_up_form(&mut self.cx, action, v),
            None => self.cx.info("Nothing was changed"),
        }
    }

    /// Saves the open action form. Nobody owning it or a past due date is asked about
    /// first (unless `confirmed`): the form is held while the question shows, and comes
    /// back on `n`.
    pub(in crate::app) fn save_action_form(&mut self, confirmed: bool) {
        let Overlay::Form(form) = &self.cx.overlay else {
            return;
        };
        let kind = form.kind.clone();
        let draft = form.draft();
        let community = self.browse.community_id();
        let outcome = self.actions.save(
            &mut self.cx,
            &kind,
            &draft,
            community,
            &self.browse.goals,
            confirmed,
        );
        let cx = &mut self.cx;
        match outcome {
            Outcome::Saved(msg) => {
                cx.open(Overlay::None);
                cx.info(msg);
            }
            Outcome::Ask(question) => {
                if let Overlay::Form(f) = std::mem::take(&mut cx.overlay) {
                    cx.held_form = Some(f);
                }
                cx.open(Overlay::Confirm(Confirm {
                    question,
                    on_yes: Pending::SaveAction,
                }));
            }
            Outcome::Invalid(errors) => {
                let said = match &cx.overlay {
                    Overlay::Form(form) => form.errors_line(&errors),
                    _ => errors.to_string(),
                };
                cx.error(format!(
                    "Not saved: {} — fix the marked fields",
                    sanitize(&said, false)
                ));
                if let Overlay::Form(form) = &mut cx.overlay {
                    form.set_errors(errors);
                }
            }
            Outcome::Failed(msg) => cx.error(msg),
        }
    }

    /// The answer to "save it though …?": yes saves the held form, no puts it back on
    /// screen as it was.
    pub(in crate::app) fn answer_held_action(&mut self, yes: bool) {
        let Some(form) = self.cx.held_form.take() else {
            return self.cx.info("Nothing was changed");
        };
        let marks = self.actions.questioned(
            &form.kind,
            &form.draft(),
            &self.browse.goals,
            self.cx.today(),
        );
        self.cx.open(Overlay::Form(form));
        if yes {
            self.save_action_form(true);
        } else {
            if let Overlay::Form(f) = &mut self.cx.overlay {
                f.set_errors(marks);
            }
            self.cx
                .info("Back to the form: the questioned fields are marked; Esc cancels");
        }
    }
}
