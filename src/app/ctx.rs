//! The shared part of the app that every area works through.

use super::form::Form;
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

    /// Opens `form` on top of the screen.
    pub(in crate::app) fn form(&mut self, form: Form) {
        self.overlay = Overlay::Form(Box::new(form));
    }
}
