//! `roundtable config path|show|edit|keys`: the settings file (issue 12). None of them
//! needs the database; `show` reads it (read-only, when it exists) for the default
//! speaking order saved with `O` on the live screen, which wins over the file's.

use super::say;
use crate::app::keys::{Keymap, action_name, actions};
use crate::domain::rounds::OrderStrategy;
use crate::settings::{Problem, Settings, Source, file};
use crate::store::Store;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use std::path::{Path, PathBuf};

/// `config` commands.
#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Print where the settings file is (--config or ROUNDTABLE_CONFIG change it)
    Path,
    /// Print every setting in effect with where it came from, and the file's problems
    Show,
    /// Open the settings file in $VISUAL or $EDITOR (created with every setting
    /// commented out if missing), then check it; exits 1 if it has problems
    Edit,
    /// List every action `[keys]` can remap, with its keys in effect
    Keys,
}

/// The settings file: `--config`/`ROUNDTABLE_CONFIG`, else the config folder's.
pub fn settings_path(explicit: Option<&Path>) -> Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p.to_path_buf()),
        None => file::default_path()
            .context("cannot find a home directory for the settings file; pass --config PATH"),
    }
}

/// The settings the interactive app and `render` start with (problems included; the
/// app says them on its status line).
pub fn load(explicit: Option<&Path>) -> Settings {
    match settings_path(explicit) {
        Ok(path) => file::load(&path),
        Err(e) => Settings {
            problems: vec![Problem {
                line: None,
                message: format!("{e:#}"),
            }],
            ..Settings::default()
        },
    }
}

/// Runs a `config` command; `db` is the database (if one is known) for `show`.
/// `roundtable config …`; `theme` is `--theme`/`ROUNDTABLE_THEME` when given, which wins
/// over the file's theme (and `show` says so).
pub fn run(
    explicit: Option<&Path>,
    db: Option<&Path>,
    theme: Option<crate::settings::ThemeName>,
    cmd: &ConfigCmd,
) -> Result<()> {
    let path = settings_path(explicit)?;
    match cmd {
        ConfigCmd::Path => {
            say(&path.display().to_string())?;
            Ok(())
        }
        ConfigCmd::Show => show(&path, db, theme),
        ConfigCmd::Keys => keys(&file::load(&path)),
        ConfigCmd::Edit => edit(&path),
    }
}

/// Every problem of the file: the settings' own and the keymap's, by line.
fn problems(settings: &Settings) -> (Keymap, Vec<Problem>) {
    let (keymap, mut all) = Keymap::with_overrides(&settings.keys);
    all.extend(settings.problems.iter().cloned());
    all.sort_by_key(|p| p.line);
    (keymap, all)
}

fn row(key: &str, value: String, source: Source) -> Result<()> {
    say(&format!("{:<34} # {source}", format!("{key} = {value}")))
}

fn show(path: &Path, db: Option<&Path>, theme: Option<crate::settings::ThemeName>) -> Result<()> {
    let mut s = file::load(path);
    if let Some(t) = theme {
        s.theme = crate::settings::Setting::from_command_line(t);
    }
    let there = if path.exists() {
        ""
    } else {
        " (not there: every setting is at its default)"
    };
    say(&format!("# settings file: {}{there}", path.display()))?;
    let turn = s.turn_seconds.value;
    row(
        "turn-time",
        format!("\"{}:{:02}\"", turn / 60, turn % 60),
        s.turn_seconds.source,
    )?;
    match stored_order(db) {
        Ok(Some(o)) => {
            row(
                "speaking-order",
                format!("{:?}", spelled(o)),
                Source::Database,
            )?;
            if let Source::File(n) = s.speaking_order.source {
                say(&format!(
                    "#   (saved with O on the live screen; it wins over the file's {:?} on line {n})",
                    spelled(s.speaking_order.value)
                ))?;
            } else {
                say("#   (saved with O on the live screen)")?;
            }
        }
        Ok(None) => row(
            "speaking-order",
            format!("{:?}", spelled(s.speaking_order.value)),
            s.speaking_order.source,
        )?,
        Err(e) => {
            row(
                "speaking-order",
                format!("{:?}", spelled(s.speaking_order.value)),
                s.speaking_order.source,
            )?;
            say(&format!(
                "#   (the database's, if any, could not be read: {e:#})"
            ))?;
        }
    }
    row(
        "meeting-length",
        s.meeting_minutes.value.to_string(),
        s.meeting_minutes.source,
    )?;
    row(
        "date-format",
        format!("{:?}", s.date_format.value),
        s.date_format.source,
    )?;
    row(
        "time-format",
        format!("{:?}", s.time_format.value),
        s.time_format.source,
    )?;
    row(
        "week-start",
        format!("{:?}", weekday(s.week_start.value)),
        s.week_start.source,
    )?;
    row(
        "theme",
        format!("{:?}", s.theme.value.as_str()),
        s.theme.source,
    )?;
    let (keymap, problems) = problems(&s);
    say("[keys]")?;
    let mut any = false;
    for cmd in actions() {
        let rows: Vec<_> = keymap
            .rows()
            .iter()
            .filter(|r| r.binding.command == cmd && r.line.is_some())
            .collect();
        if let Some(first) = rows.first() {
            let keys: Vec<String> = first
                .keys
                .iter()
                .map(|k| format!("{:?}", k.label()))
                .collect();
            let line = first.line.map_or(Source::Default, Source::File);
            row(&action_name(cmd), format!("[{}]", keys.join(", ")), line)?;
            any = true;
        }
    }
    if !any {
        say("# (no key remapped: `roundtable config keys` lists the actions)")?;
    }
    for c in &s.communities {
        say(&format!("[community.{:?}]", c.community))?;
        row(
            "template",
            format!("{:?}", c.template.value),
            c.template.source,
        )?;
    }
    if problems.is_empty() {
        say("# no problems")?;
    } else {
        say(&format!(
            "# {} problem(s), the defaults are used for those:",
            problems.len()
        ))?;
        for p in &problems {
            say(&format!("#   {p}"))?;
        }
    }
    Ok(())
}

/// The default speaking order saved in the database, if there is a database.
fn stored_order(db: Option<&Path>) -> Result<Option<OrderStrategy>> {
    let Some(db) = db.filter(|d| d.exists()) else {
        return Ok(None);
    };
    let store = Store::open_read_only(db)?;
    let v = store.setting(crate::app::live::DEFAULT_ORDER)?;
    Ok(v.as_deref().and_then(OrderStrategy::parse))
}

/// An order as the file spells it (`least-heard`).
fn spelled(o: OrderStrategy) -> String {
    o.as_str().replace('_', "-")
}

fn weekday(d: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match d {
        Mon => "monday",
        Tue => "tuesday",
        Wed => "wednesday",
        Thu => "thursday",
        Fri => "friday",
        Sat => "saturday",
        Sun => "sunday",
    }
}

fn keys(s: &Settings) -> Result<()> {
    let (keymap, _) = Keymap::with_overrides(&s.keys);
    for cmd in actions() {
        let mut labels: Vec<String> = Vec::new();
        let mut what = "";
        for r in keymap.rows().iter().filter(|r| r.binding.command == cmd) {
            if what.is_empty() {
                what = r.binding.label;
            }
            for k in &r.keys {
                let l = k.label();
                if !labels.contains(&l) {
                    labels.push(l);
                }
            }
        }
        say(&format!(
            "{:<24} {:<16} {what}",
            action_name(cmd),
            labels.join(" ")
        ))?;
    }
    Ok(())
}

fn edit(path: &Path) -> Result<()> {
    let created = file::create_if_missing(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    if created {
        say(&format!("created {}", path.display()))?;
    }
    crate::editor::run_editor(path)?;
    let (_, problems) = problems(&file::load(path));
    if problems.is_empty() {
        say(&format!("{}: no problems", path.display()))?;
        return Ok(());
    }
    for p in &problems {
        say(&p.to_string())?;
    }
    bail!(
        "{} has {} problem(s): the defaults are used for those (run `roundtable config edit` again to fix them)",
        path.display(),
        problems.len()
    )
}
