//! `roundtable render present`: the shared screen as plain text, once, without a
//! terminal (the interactive one is `roundtable present`, in `tui::present`).

use crate::app::present::Presenter;
use crate::domain::Clock;
use crate::store::Store;

/// The shared screen of the live meeting (or "no meeting is live") at `w`×`h`, as of
/// `clock`'s now.
pub fn render_text(
    store: Store,
    clock: Box<dyn Clock>,
    w: u16,
    h: u16,
    look: crate::app::Appearance,
    color: bool,
) -> anyhow::Result<String> {
    let mut p = Presenter::new(store, clock);
    p.refresh()?;
    let theme = crate::ui::Theme::of(look.theme, color).with_plain(look.plain);
    let buf = crate::ui::present::present_buffer(p.view().as_ref(), p.now(), w, h, &theme);
    Ok(crate::ui::screen_text(&buf, &theme, color))
}
