//! The command line: argument parsing (clap) and the non-interactive commands.
//! Every failure is one line on stderr: exit code 1, or 2 for a mistake in the arguments.
//! Everything printed goes through the sanitiser (on a terminal; files get exact data).

mod actions;
// Settings (issue 12): `roundtable config`.
pub mod config;
// Shell completions and the man page (issue 12).
mod completions;
mod cycles;
mod minutes;
mod ops;
mod planning;
mod present;
mod render;
// Insights (issue 10).
mod report;
mod search;

pub use render::{RenderScreen, RenderTarget, render_text};

use crate::store::{OpenError, Store};
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Plan, run and review the meetings of a learning community.
#[derive(Debug, Parser)]
#[command(name = "roundtable", version, about, long_about = None)]
pub struct Cli {
    /// The database file [default: roundtable.db in your data directory]
    #[arg(long, global = true, env = "ROUNDTABLE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The settings file [default: settings.toml in your config directory]
    #[arg(long, global = true, env = "ROUNDTABLE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Colour theme of the app and the shared screen: dark, light or high-contrast
    /// [default: dark]. `NO_COLOR` turns colour off whatever the theme
    #[arg(long, env = "ROUNDTABLE_THEME", value_name = "NAME", value_parser = theme_arg)]
    pub theme: Option<crate::app::ThemeName>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

/// Subcommands; without one, the interactive app opens.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Create a demo database with one realistic community, then open it
    Demo {
        /// Replace the contents of a database that is not empty
        #[arg(long)]
        force: bool,
        /// `small`: one community's story; `large`: 20 communities × 10 years of weekly
        /// meetings (about 10,000 meetings and 1,000,000 notes), for trying scale
        #[arg(long, value_enum, default_value_t = DemoSize::Small)]
        size: DemoSize,
        /// Leave the next meeting running, nine minutes in, to try the live screen
        #[arg(long)]
        live: bool,
        /// Make the demo as of this instant (RFC 3339, e.g. 2026-03-05T18:00:00Z) instead
        /// of now, for reproducible screens (see scripts/readme-tour.sh)
        #[arg(long, value_name = "INSTANT", value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Write data out of the database
    #[command(subcommand)]
    Export(ExportCmd),
    /// Read data into the database
    #[command(subcommand)]
    Import(ImportCmd),
    /// Import or export a community's roster as CSV
    #[command(subcommand)]
    Roster(RosterCmd),
    /// Plan a meeting from a template, without the interactive app; prints its id (and
    /// on stderr what was planned: its day, and the timeboxes scaled to its length)
    Plan {
        /// The community
        #[arg(long)]
        community: String,
        /// The agenda template [default: Learning cycle meeting]
        #[arg(long)]
        template: Option<String>,
        /// Local date and time, "YYYY-MM-DD HH:MM" [default: the next slot of the cadence]
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
        /// Planned length in minutes; the template's timeboxes are scaled to it
        /// [default: the community's meeting length]
        #[arg(long)]
        minutes: Option<u32>,
        /// Title [default: the template's name]
        #[arg(long)]
        title: Option<String>,
    },
    /// Suggest an icebreaker (or list the library with --list)
    Icebreaker {
        /// Suggest for this community: skips ones used in its last 10 meetings and fits its
        /// size and meeting mode
        #[arg(long)]
        community: Option<String>,
        /// Only this category
        #[arg(long, value_parser = ["get-to-know", "energizer", "reflection", "team-building", "learning-focused"])]
        category: Option<String>,
        /// Only remote-friendly ones
        #[arg(long)]
        remote: bool,
        /// At most this many minutes
        #[arg(long)]
        max_minutes: Option<u32>,
        /// List the whole library instead of suggesting one
        #[arg(long)]
        list: bool,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Learning cycles: open one, show one
    #[command(subcommand)]
    Cycle(cycles::CycleCmd),
    /// List a community's action items, overdue first (as the Actions screen does)
    Actions(actions::ActionsArgs),
    /// Search notes, agendas, cycles, reflections and actions, best match first
    Search(search::SearchArgs),
    /// Show the live meeting on a second screen (a projector, a shared window): read-only,
    /// nothing private, follows the leader's app within a second
    Present,
    /// Copy the database into a new file, consistent even while the app is running
    Backup {
        /// The new file (an existing one is never replaced)
        file: PathBuf,
    },
    /// Check the database: integrity, schema version, rows per table; never repairs it.
    /// Exits non-zero on any problem
    Check,
    /// The settings file: where it is, what is in effect, edit it
    #[command(subcommand)]
    Config(config::ConfigCmd),
    /// Print a screen as plain text, without a terminal
    Render {
        /// Which screen to print
        screen: RenderScreen,
        /// The meeting to show, by id (for `plan`, `live` and `meeting-view`): `roundtable
        /// plan` prints a new meeting's id, `roundtable search --format json` each hit's
        /// `meeting_id`
        #[arg(long, value_name = "ID")]
        meeting: Option<i64>,
        /// The member whose profile to show, by name (for `profile`; any case)
        #[arg(long, value_name = "NAME")]
        member: Option<String>,
        /// What to search for (for `search`, as typed on the Search screen)
        #[arg(long, value_name = "WORDS")]
        query: Option<String>,
        /// Width in columns
        #[arg(long, default_value_t = 80)]
        width: u16,
        /// Height in rows
        #[arg(long, default_value_t = 24)]
        height: u16,
        /// The community to show, by name (default: the one used last; `search`: every
        /// community)
        #[arg(long, value_name = "NAME")]
        community: Option<String>,
        /// For a screen reader: no frames, rules or bars, titles as plain lines, no
        /// repeated blank lines
        #[arg(long)]
        plain: bool,
        /// With ANSI colour codes, in the theme's colours (ignored under `NO_COLOR`)
        #[arg(long)]
        color: bool,
        /// Colour theme for `--color`: dark, light or high-contrast [default: dark]
        #[arg(long, env = "ROUNDTABLE_THEME", value_name = "NAME", value_parser = theme_arg)]
        theme: Option<crate::app::ThemeName>,
        /// Show the screen as of this instant (RFC 3339) instead of now, for reproducible
        /// output
        #[arg(long, value_name = "INSTANT", value_parser = parse_instant)]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Print a shell completion script, e.g. `roundtable completions bash >
    /// ~/.local/share/bash-completion/completions/roundtable`
    Completions {
        /// The shell
        shell: completions::Shell,
    },
    /// Print the man page (roff), e.g. `roundtable man > ~/.local/share/man/man1/roundtable.1`
    Man,
}

/// Parses `--theme` (and `ROUNDTABLE_THEME`) as the settings file does, forgiving case.
fn theme_arg(s: &str) -> Result<crate::app::ThemeName, crate::app::appearance::UnknownTheme> {
    crate::app::ThemeName::parse(s)
}

/// `export` targets.
#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Everything, as JSON (see docs/FORMAT.md)
    Json {
        #[command(flatten)]
        out: OutArgs,
        /// For sharing: members' names become pseudonyms (also in notes and titles) and
        /// their profiles are left out
        #[arg(long)]
        redact: bool,
    },
    /// A meeting's minutes, as Markdown or JSON (see docs/MINUTES.md)
    Minutes(minutes::MinutesArgs),
    /// A community's report: goals, cycles, cadence, attendance and participation, as
    /// Markdown or HTML (charts as inline SVG)
    Report(report::ReportArgs),
    /// A community's planned meetings and its recurring series, as an iCalendar file
    Ics {
        /// The community
        #[arg(long)]
        community: String,
        #[command(flatten)]
        out: OutArgs,
    },
}

/// `--out FILE` and `--force`, the same for every export (issue 10): an existing file is
/// replaced only when asked, as the app's minutes key never overwrites one.
#[derive(Debug, Clone, clap::Args)]
pub struct OutArgs {
    /// Write to this new file (owner-only) instead of standard output
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it already exists
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// `import` sources.
#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Restore a JSON dump into an empty database, all or nothing
    Json {
        /// The dump to read
        file: PathBuf,
    },
}

/// `roster` commands.
#[derive(Debug, Subcommand)]
pub enum RosterCmd {
    /// Add members from a CSV file, all or nothing
    Import {
        /// CSV with the header name,role,brings,hopes,learning_style,strengths,growth_areas,joined
        /// (UTF-8 or UTF-16; separated by commas, semicolons or tabs, as spreadsheets save)
        file: PathBuf,
        /// The community to add them to
        #[arg(long)]
        community: String,
    },
    /// Write a community's roster as CSV, ready to open in a spreadsheet by double-click
    Export {
        /// The community
        #[arg(long)]
        community: String,
        #[command(flatten)]
        out: OutArgs,
        /// Leave out the UTF-8 byte-order mark that tells spreadsheets the file is UTF-8
        /// (for programs that do not expect one)
        #[arg(long)]
        no_bom: bool,
    },
}

/// How big a demo database to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DemoSize {
    Small,
    Large,
}

/// Output formats for listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Where the database lives when neither `--db` nor `ROUNDTABLE_DB` says.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("org", "Roundtable", "roundtable")
        .context("cannot find a home directory for the data file; pass --db PATH")?;
    Ok(dirs.data_dir().join("roundtable.db"))
}

/// Runs the command line and turns any error into a one-line message and exit code 1
/// (2 for a mistake in the arguments).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed_pipe(&e) => ExitCode::from(CLOSED_PIPE),
        Err(e) => {
            let mut msg = format!("{e:#}");
            // A damaged file (here or in the app) is not a dead end: say what to do next.
            if let Some(path) = damaged_file(&e) {
                msg = format!(
                    "{msg}. Next: {}",
                    crate::store::check::damaged_next_step(path)
                );
            }
            // So is a read-only one (last term's file on a read-only share).
            if let Some(path) = read_only_file(&e) {
                msg = format!(
                    "{msg}. It is read-only: make it writable (chmod u+w {}) or copy it; \
                     `roundtable render`, `export` and `search` read it as it is",
                    path.display()
                );
            }
            eprintln!("roundtable: {}", crate::domain::text::one_line(&msg));
            ExitCode::FAILURE
        }
    }
}

/// The file an error refused as damaged, whether it was opened to read or, by the app and
/// the writing commands, for exclusive use.
fn damaged_file(e: &anyhow::Error) -> Option<&Path> {
    let open = match e.downcast_ref::<crate::store::ExclusiveError>() {
        Some(crate::store::ExclusiveError::Open(open)) => open,
        _ => e.downcast_ref::<OpenError>()?,
    };
    match open {
        OpenError::Corrupt { path, .. } => Some(path),
        _ => None,
    }
}

/// The database an error could not open for writing because the file itself is
/// read-only to this user (not its folder, not a missing file).
fn read_only_file(e: &anyhow::Error) -> Option<&Path> {
    let open = match e.downcast_ref::<crate::store::ExclusiveError>() {
        Some(crate::store::ExclusiveError::Open(open)) => open,
        _ => e.downcast_ref::<OpenError>()?,
    };
    match open {
        OpenError::NotWritable { path, .. }
            if path.is_file()
                && rustix::fs::access(path.as_path(), rustix::fs::Access::WRITE_OK).is_err() =>
        {
            Some(path)
        }
        _ => None,
    }
}

/// Help and version print as usual (exit 0); a mistake in the arguments is one line on
/// stderr, with clap's whole message in plain text (the missing arguments named), the
/// usage or the command's `--help`, and exit code 2.
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let msg = argument_message(e.kind(), &e.render().to_string());
    eprintln!("roundtable: {}", crate::domain::text::one_line(&msg));
    ExitCode::from(2)
}

/// Clap's rendered error (plain text: `StyledStr`'s `Display` drops the styles) as one
/// line. Every paragraph before `Usage:` (or clap's "For more information") is kept, its
/// indented lines joined by commas (a `[possible values: …]` hint by a space)
/// ("…not provided: --community <COMMUNITY>, --format <FORMAT>"). A missing argument's
/// usage would only repeat what was typed, so it points to the command's `--help`.
fn argument_message(kind: clap::error::ErrorKind, text: &str) -> String {
    use clap::error::ErrorKind;
    let usage = text.lines().find_map(|l| l.trim().strip_prefix("Usage: "));
    let mut paragraphs: Vec<String> = Vec::new();
    let mut fresh = true;
    for line in text.lines().map(str::trim) {
        if line.starts_with("Usage: ") || line.starts_with("For more information") {
            break;
        }
        let line = line.strip_prefix("error: ").unwrap_or(line);
        match paragraphs.last_mut() {
            _ if line.is_empty() => fresh = true,
            Some(p) if !fresh => {
                let list = !p.ends_with(':') && !line.starts_with('[');
                p.push_str(if list { ", " } else { " " });
                p.push_str(line);
            }
            _ => {
                paragraphs.push(line.to_string());
                fresh = false;
            }
        }
    }
    let what = match kind {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "a command or argument is missing".to_string()
        }
        _ => paragraphs.join("; "),
    };
    match usage {
        Some(u) if kind == ErrorKind::MissingRequiredArgument => {
            // The command's words: everything before the first option or placeholder.
            let command: Vec<&str> = u
                .split_whitespace()
                .take_while(|w| !w.starts_with(['-', '<', '[']))
                .collect();
            format!("{what} (see {} --help)", command.join(" "))
        }
        Some(u) => format!("{what} (usage: {u}; see --help)"),
        None => format!("{what} (see --help)"),
    }
}

/// Prints a one-line message for the user on stdout, sanitised. A stdout that cannot be
/// written (a pipe whose reader closed, as `| head` does) is an error, never a panic: see
/// [`closed_pipe`].
fn say(msg: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", crate::domain::text::one_line(msg))?;
    Ok(())
}

/// The exit status when output went to a pipe whose reader had closed (`roundtable check
/// | head -1`): nothing more is said, and the status is the one a shell shows for a
/// program ended by SIGPIPE (128 + 13), as `cat` or `seq` give there — not success, as
/// not everything was written, and not a message, as the reader chose to stop.
const CLOSED_PIPE: u8 = 141;

/// Whether `e` comes from writing to a pipe whose reader had closed (EPIPE), whichever
/// command wrote: through [`say`], [`print_out`] or a JSON stream.
fn closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => Some(io.kind()),
            None => cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind),
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<()> {
    // These two need no database: nothing is opened or created for them.
    match &cli.command {
        Some(Cmd::Completions { shell }) => return print_out(&completions::completions(*shell)),
        Some(Cmd::Man) => return print_out(&completions::man_page()?),
        _ => {}
    }
    // Settings (issue 12): `config` needs no database (and creates no data folder).
    if let Some(Cmd::Config(cmd)) = &cli.command {
        let db = cli.db.clone().or_else(|| default_db_path().ok());
        return config::run(cli.config.as_deref(), db.as_deref(), cli.theme, cmd);
    }
    // The file's settings, with `--theme` (or `ROUNDTABLE_THEME`) winning over its theme.
    let settings = || {
        let mut s = config::load(cli.config.as_deref());
        if let Some(theme) = cli.theme {
            s.theme = crate::settings::Setting::from_command_line(theme);
        }
        s
    };
    let db = match cli.db.clone() {
        Some(p) => p,
        None => {
            let db = default_db_path()?;
            make_data_folder(&db)?;
            db
        }
    };
    match cli.command {
        None => crate::tui::run(&db, None, settings()),
        Some(Cmd::Demo {
            force,
            size: DemoSize::Large,
            live,
            now,
        }) => {
            if live || now.is_some() {
                bail!("--live and --now are for the small demo only");
            }
            let n = crate::demo::large::create(&db, force, crate::demo::large::Size::LARGE)?;
            say(&format!(
                "{}: {} communities, {} meetings, {} notes, {} actions",
                db.display(),
                n.communities,
                n.meetings,
                n.notes,
                n.actions
            ))?;
            Ok(())
        }
        Some(Cmd::Demo {
            force, live, now, ..
        }) => {
            let options = crate::demo::Options {
                now: now.unwrap_or_else(chrono::Utc::now),
                live,
            };
            crate::demo::create_with(&db, force, options)?;
            say(&db.display().to_string())?;
            if std::io::stdout().is_terminal() {
                // `--live` opens on its running meeting, as if just started.
                let screen = match live {
                    true => crate::app::Screen::Live,
                    false => crate::app::Screen::Roster,
                };
                crate::tui::run(&db, Some(screen), settings())?;
            }
            Ok(())
        }
        Some(Cmd::Export(ExportCmd::Json { out, redact: false })) => ops::export_json(&db, &out),
        Some(Cmd::Export(ExportCmd::Json { out, redact: true })) => {
            let store = Store::open_read_only(&db)?;
            let json = crate::store::dump::export_redacted(&store)?;
            write_out(&db, &out, json.as_bytes())
        }
        Some(Cmd::Export(ExportCmd::Minutes(args))) => minutes::run(&db, &args),
        Some(Cmd::Export(ExportCmd::Report(args))) => report::run(&db, &args),
        Some(Cmd::Export(ExportCmd::Ics { community, out })) => {
            let store = Store::open_read_only(&db)?;
            let c = store.community_by_name(&community)?;
            let ics = crate::ics::calendar(&store, &c, chrono::Utc::now())?;
            write_out(&db, &out, ics.as_bytes())
        }
        Some(Cmd::Import(ImportCmd::Json { file })) => {
            // Streamed: read as it is imported (the first read here, so an unreadable
            // file is refused before any database is made).
            let mut text = std::io::BufReader::with_capacity(
                1 << 16,
                std::fs::File::open(&file)
                    .with_context(|| format!("cannot read {}", file.display()))?,
            );
            std::io::BufRead::fill_buf(&mut text)
                .with_context(|| format!("cannot read {}", file.display()))?;
            // A symlink counts as there, even a dangling one: it is never replaced.
            let existed = db.symlink_metadata().is_ok();
            // A new file is made beside it and takes its name only once whole, so a
            // failed import leaves nothing behind; an existing (empty) one is filled in
            // one transaction.
            let result = if existed {
                Store::open_exclusive(&db)
                    .map_err(anyhow::Error::from)
                    .and_then(|(mut store, _lock)| {
                        crate::store::dump::import_from(&mut store, text)
                    })
            } else {
                crate::store::dump::import_new(&db, text)
            };
            match result {
                Ok(counts) => {
                    say(&format!("imported {counts} into {}", db.display()))?;
                    Ok(())
                }
                Err(e) => Err(e.context(format!("cannot import {}", file.display()))),
            }
        }
        Some(Cmd::Roster(RosterCmd::Import { file, community })) => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            require_database(&db)?;
            let (mut store, _lock) = Store::open_exclusive(&db)?;
            let c = store.community_by_name(&community)?;
            let n = crate::store::roster_csv::import(&mut store, c.id, &bytes)
                .with_context(|| format!("nobody was added from {}", file.display()))?;
            let members = if n == 1 { "member" } else { "members" };
            say(&format!("added {n} {members} to {}", c.info.name))?;
            Ok(())
        }
        Some(Cmd::Roster(RosterCmd::Export {
            community,
            out,
            no_bom,
        })) => {
            let store = Store::open_read_only(&db)?;
            let c = store.community_by_name(&community)?;
            let csv = crate::store::roster_csv::export(&store, c.id, !no_bom)?;
            write_out(&db, &out, &csv)
        }
        Some(Cmd::Plan {
            community,
            template,
            at,
            minutes,
            title,
        }) => {
            require_database(&db)?;
            let (mut store, _lock) = Store::open_exclusive(&db)?;
            let req = planning::PlanRequest {
                community,
                template,
                at,
                minutes,
                title,
            };
            // The id alone on stdout, for scripts; what was planned on stderr.
            let (id, said) = planning::plan(&mut store, &req)?;
            eprintln!("{said}");
            say(&id.to_string())?;
            Ok(())
        }
        Some(Cmd::Icebreaker {
            community,
            category,
            remote,
            max_minutes,
            list,
            format,
        }) => {
            let store = Store::open_read_only(&db)?;
            let out = if list {
                planning::list_icebreakers(&store, format)?
            } else {
                let filter = planning::IcebreakerRequest {
                    community,
                    category,
                    remote,
                    max_minutes,
                };
                planning::suggest_icebreaker(&store, &filter, format)?
            };
            print_out(out.as_bytes())
        }
        Some(Cmd::Cycle(cmd)) => cycles::run(&db, &cmd),
        Some(Cmd::Actions(args)) => actions::run(&db, &args),
        Some(Cmd::Search(args)) => search::run(&db, &args),
        Some(Cmd::Present) => crate::tui::present::run(&db, settings().theme.value),
        Some(Cmd::Backup { file }) => ops::backup(&db, &file),
        Some(Cmd::Check) => ops::check(&db),
        Some(Cmd::Config(cmd)) => config::run(cli.config.as_deref(), Some(&db), cli.theme, &cmd),
        Some(Cmd::Render {
            screen,
            meeting,
            member,
            query,
            width,
            height,
            community,
            plain,
            color,
            theme,
            now,
        }) => {
            if width < 20 || height < 5 || width > 1000 || height > 500 {
                bail!("--width must be 20 to 1000 and --height 5 to 500");
            }
            let store = Store::open_read_only(&db)?;
            let settings = settings();
            let target = RenderTarget {
                screen,
                community: community.as_deref(),
                meeting: meeting.map(crate::domain::MeetingId::new),
                look: crate::app::Appearance {
                    theme: theme.unwrap_or(settings.theme.value),
                    plain,
                },
                color: color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                now,
                member: member.as_deref(),
                query: query.as_deref(),
            };
            let text = render::render_configured(store, &target, width, height, settings)?;
            if target.color {
                // Already safe: each cell's text went through the sanitizer, and the
                // colour codes are what was asked for, so they reach a terminal as codes.
                return print_raw(text.as_bytes());
            }
            print_out(text.as_bytes())
        }
        // Printed above, before any database is looked for.
        Some(Cmd::Completions { .. } | Cmd::Man) => Ok(()),
    }
}

/// An instant on the command line: RFC 3339 with its offset.
fn parse_instant(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("{e} (expected e.g. 2026-03-05T18:00:00Z)"))
}

/// Creates the default data folder (owner-only) on first use. An explicit `--db` in a
/// missing folder is refused instead, before anything is created.
fn make_data_folder(db: &Path) -> Result<()> {
    if let Some(dir) = db.parent() {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(dir)
            .with_context(|| format!("cannot create the data folder {}", dir.display()))?;
    }
    Ok(())
}

/// Refuses a command that adds to a database when there is none (rather than creating an
/// empty one only to find no community in it).
fn require_database(db: &Path) -> Result<()> {
    match db.symlink_metadata() {
        Ok(_) => Ok(()),
        Err(_) => Err(OpenError::Missing(db.to_path_buf()).into()),
    }
}

/// Writes `bytes` to `--out` (see [`write_file`]) or to stdout.
fn write_out(db: &Path, out: &OutArgs, bytes: &[u8]) -> Result<()> {
    match &out.out {
        Some(path) => write_file(db, path, out.force, |f| Ok(f.write_all(bytes)?)),
        None => print_out(bytes),
    }
}

/// Writes `--out` through `fill`: a new owner-only file, whole or not at all (it holds
/// personal data), never the database or its companions, never through a symbolic
/// link, and an existing file only with `--force`. A device or pipe (`/dev/null`, a
/// FIFO) is written directly.
fn write_file(
    db: &Path,
    path: &Path,
    force: bool,
    fill: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<()> {
    if crate::fsutil::is_database_or_companion(path, db) {
        bail!(
            "--out {} is the database (or one of its files); choose another file",
            path.display()
        );
    }
    let shown = path.display();
    let replace = match std::fs::symlink_metadata(path) {
        Err(_) => false,
        Ok(m) if m.file_type().is_symlink() => {
            bail!("--out {shown} is a symbolic link, which is never followed; choose another name")
        }
        Ok(m) if m.is_dir() => bail!("--out {shown} is a folder; name a file in it"),
        Ok(m) if m.is_file() && !force => bail!(
            "{shown} already exists: not overwritten (choose another name, or pass --force to replace it)"
        ),
        Ok(m) if m.is_file() => true,
        Ok(_) => {
            let mut device = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {shown}"))?;
            fill(&mut device)?;
            return Ok(device.flush()?);
        }
    };
    crate::fsutil::write_new(path, replace, |f| fill(f)).map_err(|e| {
        match e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) {
            Some(std::io::ErrorKind::AlreadyExists) => {
                anyhow::anyhow!("{shown} appeared while it was written; it was left as it is")
            }
            _ => e.context(format!("cannot write {shown}")),
        }
    })
}

/// Writes command output to stdout: exactly to a file or a pipe (the data is the data),
/// through the sanitiser to a terminal (the data may hold escape sequences).
/// Writes `bytes` as they are (`render --color`, whose text is sanitized cell by cell).
fn print_raw(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()?;
    Ok(())
}

fn print_out(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout.is_terminal() {
        let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
        stdout.write_all(crate::domain::text::sanitize(&text, true).as_bytes())?;
    } else {
        stdout.write_all(bytes)?;
    }
    stdout.flush()?;
    Ok(())
}
