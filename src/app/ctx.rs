//! The shared part of the app that every area works through.

use super::form::Form;
use super::live::drafts::DRAFT_EVERY;
use super::{Overlay, Screen, Status};
use crate::domain::Clock;
use crate::store::Store;
use chrono::{DateTime, SubsecRound, Utc};

/// The part of the app every area works through: the store, the clock, and the chrome
/// they share (the screen shown, what sits on top of it, the status line).
pub(in crate::app) struct Ctx {
    pub(in crate::app) store: Store,
    pub(in crate::app) clock: Box<dyn Clock>,
    pub(in crate::app) screen: Screen,
    pub(in crate::app) overlay: Overlay,
    pub(in crate::app) status: Option<Status>,
    /// Set by an area whose change may show on other areas' screens; the command's
    /// dispatcher then re-reads every area once (see [`super::App::refresh`]).
    pub(in crate::app) stale: bool,
    /// The open form's draft as last kept in the database: (key, body).
    pub(in crate::app) form_kept: Option<(String, String)>,
    /// Since when the open form holds something not yet kept.
    pub(in crate::app) form_since: Option<DateTime<Utc>>,
    /// A form put aside while a question about saving it is on screen (the action form
    /// asks about no owner or a past due date); its draft is kept meanwhile.
    pub(in crate::app) held_form: Option<Box<Form>>,
    /// The leader's settings (issue 12), and the date formatter they ask for.
    pub(in crate::app) settings: crate::settings::Settings,
    pub(in crate::app) dates: crate::settings::Dates,
}

impl Ctx {
    /// The current instant, from the injected clock, in whole seconds. Every instant the
    /// app stores and every clock it shows is whole seconds, so durations add up exactly
    /// (an item's actuals sum to the meeting's total) and a timebox starts full ("10:00
    /// left", not "9:59").
    pub(in crate::app) fn now(&self) -> DateTime<Utc> {
        self.clock.now().trunc_subsecs(0)
    }

    /// Today, in local time.
    pub(in crate::app) fn today(&self) -> chrono::NaiveDate {
        self.now().with_timezone(&chrono::Local).date_naive()
    }

    /// Says something on the status line, unless this command already failed: an error
    /// stays until the next command, so a later "done" never hides it.
    pub(in crate::app) fn info(&mut self, text: impl Into<String>) {
        if !self.failed() {
            self.status = Some(Status {
                text: text.into(),
                is_error: false,
            });
        }
    }

    /// Says what failed, on the status line in the error style.
    pub(in crate::app) fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    /// Whether this command has failed so far.
    pub(in crate::app) fn failed(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.is_error)
    }

    /// Marks every area for re-reading once the command is handled.
    pub(in crate::app) fn changed(&mut self) {
        self.stale = true;
    }

    /// Puts `overlay` on top of the screen.
    pub(in crate::app) fn open(&mut self, overlay: Overlay) {
        self.overlay = overlay;
    }

    /// Opens `form` on top of the screen, with what was typed in it before and not
    /// saved (a crash, a quit), if that was kept; the status line says so.
    pub(in crate::app) fn form(&mut self, mut form: Form) {
        form.remember_initial();
        let key = form.draft_key();
        match self.store.form_draft(&key) {
            Ok(Some(body)) if form.restore(&body) => {
                self.info(
                    "Your unsaved typing in this form is back — Ctrl-S saves, Esc throws it away",
                );
                self.form_kept = Some((key, body));
            }
            // A draft this version cannot read is dropped when the form closes.
            Ok(Some(body)) => self.form_kept = Some((key, body)),
            Ok(None) => {}
            Err(e) => self.error(format!(
                "Could not read what was typed in this form before: {e}"
            )),
        }
        self.overlay = Overlay::Form(Box::new(form));
    }

    /// Whether typing in a form is waiting to be kept (the loop then ticks soon).
    pub(in crate::app) fn form_draft_pending(&self) -> bool {
        self.form_since.is_some()
    }

    /// Keeps what the open form holds, as the note editor's draft is kept: at most
    /// every [`DRAFT_EVERY`] while it changes, and dropped at once when the form closes
    /// (saved or thrown away) or is typed back to how it opened.
    pub(in crate::app) fn keep_form_draft(&mut self) {
        let want = match (&self.overlay, &self.held_form) {
            (Overlay::Form(f), _) => f.draft_body().map(|b| (f.draft_key(), b)),
            (_, Some(f)) => f.draft_body().map(|b| (f.draft_key(), b)),
            _ => None,
        };
        if want == self.form_kept {
            self.form_since = None;
            return;
        }
        let instant = self.clock.now();
        let gone = match (&want, &self.form_kept) {
            (_, None) => false,
            (Some((k, _)), Some((kept, _))) => k != kept,
            (None, Some(_)) => true,
        };
        let since = *self.form_since.get_or_insert(instant);
        if !gone && instant - since < DRAFT_EVERY {
            return;
        }
        let now = self.now();
        let kept = self.form_kept.as_ref().map(|(k, _)| k.clone());
        let r = self.store.write(|tx| {
            if let Some(k) = &kept
                && want.as_ref().is_none_or(|(w, _)| w != k)
            {
                tx.set_form_draft(k, None, now)?;
            }
            match &want {
                Some((k, b)) => tx.set_form_draft(k, Some(b), now),
                None => Ok(()),
            }
        });
        match r {
            Ok(()) => {
                self.form_kept = want;
                self.form_since = None;
            }
            Err(e) => self.error(format!(
                "Could not keep what you are typing in the form (it is still on screen): {e}"
            )),
        }
    }
}
