//! `roundtable render present`: the shared screen as plain text, once, without a
//! terminal (the interactive one is `roundtable present`, in `tui::present`).

use crate::app::present::Presenter;
use crate::domain::Clock;
use crate::store::Store;

/// The shared screen of the live meeting (or "no meeting is live") at `w`×`h`, as of
/// `clock`'s now.
pub fn render_text(store: Store, clock: Box<dyn Clock>, w: u16, h: u16) -> anyhow::Result<String> {
    let mut p = Presenter::new(store, clock);
    p.refresh()?;
    Ok(crate::ui::present::present_to_text(
        p.view().as_ref(),
        p.now(),
        w,
        h,
    ))
}
