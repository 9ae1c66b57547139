//! Roundtable: plan, run and review the meetings of a learning community from a terminal.
//!
//! Layers, arrows pointing down only: `cli` / `tui` → `ui` (pure rendering) → `app`
//! (state machine) → `store` (SQLite) → `domain` (pure rules). See `ARCHITECTURE.md`.

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod editor;
pub mod fsutil;
pub mod ics;
pub mod settings;
pub mod store;
pub mod tui;
pub mod ui;
