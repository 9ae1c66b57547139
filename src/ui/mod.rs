//! Rendering: pure functions from `&App` to a frame.

use crate::cli::RenderScreen;
use crate::store::Store;

/// Renders a screen to plain text through ratatui's `TestBackend`.
pub fn render_text(
    _store: Store,
    _screen: RenderScreen,
    _community: Option<&str>,
    _w: u16,
    _h: u16,
) -> anyhow::Result<String> {
    anyhow::bail!("render: not built yet")
}
