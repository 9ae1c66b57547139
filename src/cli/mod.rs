//! The command line: argument parsing (clap) and the non-interactive commands.
//! Every failure is one line on stderr and exit code 1.

mod minutes;
mod planning;
mod present;
mod render;

pub use render::{RenderScreen, RenderTarget, render_text};

use crate::store::lock::lock_path;
use crate::store::{OpenError, Store};
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Plan, run and review the meetings of a learning community.
#[derive(Debug, Parser)]
#[command(name = "roundtable", version, about, long_about = None)]
pub struct Cli {
    /// The database file [default: roundtable.db in your data directory]
    #[arg(long, global = true, env = "ROUNDTABLE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
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
    /// Plan a meeting from a template, without the interactive app; prints its id
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
        /// Planned length in minutes [default: the template's]
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
    /// Show the live meeting on a second screen (a projector, a shared window): read-only,
    /// nothing private, follows the leader's app within a second
    Present,
    /// Print a screen as plain text, without a terminal
    Render {
        /// Which screen
        screen: RenderScreen,
        /// The meeting to show (for `plan`)
        #[arg(long)]
        meeting: Option<i64>,
        /// Width in columns
        #[arg(long, default_value_t = 80)]
        width: u16,
        /// Height in rows
        #[arg(long, default_value_t = 24)]
        height: u16,
        /// The community to show (default: the one used last)
        #[arg(long)]
        community: Option<String>,
    },
}

/// `export` targets.
#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Everything, as JSON (see docs/FORMAT.md)
    Json {
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// A meeting's minutes, as Markdown or JSON (see docs/MINUTES.md)
    Minutes(minutes::MinutesArgs),
    /// A community's planned meetings and its recurring series, as an iCalendar file
    Ics {
        /// The community
        #[arg(long)]
        community: String,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
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
        file: PathBuf,
        /// The community to add them to
        #[arg(long)]
        community: String,
    },
    /// Write a community's roster as CSV
    Export {
        /// The community
        #[arg(long)]
        community: String,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
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

/// Runs the command line and turns any error into a one-line message and exit code 1.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!("roundtable: {}", crate::domain::text::one_line(&msg));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let db = match cli.db {
        Some(p) => p,
        None => default_db_path()?,
    };
    match cli.command {
        None => crate::tui::run(&db, None),
        Some(Cmd::Demo { force }) => {
            crate::demo::create(&db, force)?;
            println!("{}", db.display());
            if std::io::stdout().is_terminal() {
                crate::tui::run(&db, Some(crate::app::Screen::Roster))?;
            }
            Ok(())
        }
        Some(Cmd::Export(ExportCmd::Json { out })) => {
            let store = Store::open_read_only(&db)?;
            let json = crate::store::dump::export(&store)?;
            write_out(out.as_deref(), json.as_bytes())
        }
        Some(Cmd::Export(ExportCmd::Minutes(args))) => minutes::run(&db, &args),
        Some(Cmd::Export(ExportCmd::Ics { community, out })) => {
            let store = Store::open_read_only(&db)?;
            let c = store.community_by_name(&community)?;
            let ics = crate::ics::calendar(&store, &c, chrono::Utc::now())?;
            write_out(out.as_deref(), ics.as_bytes())
        }
        Some(Cmd::Import(ImportCmd::Json { file })) => {
            let text =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let existed = db.exists();
            let result = (|| {
                let (mut store, _lock) = Store::open_exclusive(&db)?;
                crate::store::dump::import(&mut store, &text)
            })();
            match result {
                Ok(counts) => {
                    println!("imported {counts} into {}", db.display());
                    Ok(())
                }
                Err(e) => {
                    // A failed import into a new file leaves no empty database behind.
                    if !existed {
                        remove_new_database(&db);
                    }
                    Err(e.context(format!("cannot import {}", file.display())))
                }
            }
        }
        Some(Cmd::Roster(RosterCmd::Import { file, community })) => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            if !db.exists() {
                return Err(OpenError::Missing(db).into());
            }
            let (mut store, _lock) = Store::open_exclusive(&db)?;
            let c = store.community_by_name(&community)?;
            let n = crate::store::roster_csv::import(&mut store, c.id, &bytes)
                .with_context(|| format!("nobody was added from {}", file.display()))?;
            let members = if n == 1 { "member" } else { "members" };
            println!("added {n} {members} to {}", c.info.name);
            Ok(())
        }
        Some(Cmd::Roster(RosterCmd::Export { community, out })) => {
            let store = Store::open_read_only(&db)?;
            let c = store.community_by_name(&community)?;
            let csv = crate::store::roster_csv::export(&store, c.id)?;
            write_out(out.as_deref(), &csv)
        }
        Some(Cmd::Plan {
            community,
            template,
            at,
            minutes,
            title,
        }) => {
            let (mut store, _lock) = Store::open_exclusive(&db)?;
            let req = planning::PlanRequest {
                community,
                template,
                at,
                minutes,
                title,
            };
            let id = planning::plan(&mut store, &req)?;
            println!("{id}");
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
            print!("{out}");
            Ok(())
        }
        Some(Cmd::Present) => crate::tui::present::run(&db),
        Some(Cmd::Render {
            screen,
            meeting,
            width,
            height,
            community,
        }) => {
            if width < 20 || height < 5 || width > 1000 || height > 500 {
                bail!("--width must be 20 to 1000 and --height 5 to 500");
            }
            let store = Store::open_read_only(&db)?;
            let target = RenderTarget {
                screen,
                community: community.as_deref(),
                meeting: meeting.map(crate::domain::MeetingId::new),
            };
            let text = render_text(store, &target, width, height)?;
            print!("{text}");
            Ok(())
        }
    }
}

/// Removes a database file this process created (with its WAL, shared-memory and lock
/// files) after a failed import. Best effort: the import already failed.
fn remove_new_database(db: &Path) {
    let mut paths = vec![db.to_path_buf(), lock_path(db)];
    for suffix in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        paths.push(PathBuf::from(p));
    }
    for p in paths {
        let _ = std::fs::remove_file(p);
    }
}

/// Writes `bytes` to `out` (created owner-only: it holds personal data) or to stdout.
fn write_out(out: Option<&Path>, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    match out {
        Some(path) => {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let mut f = opts
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            f.write_all(bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            f.sync_all()
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(())
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
            Ok(())
        }
    }
}
