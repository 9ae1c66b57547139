//! `roundtable cycle`: open a learning cycle, or show one as Markdown (escaped like the
//! minutes) or JSON (a stable shape: fields are only ever added).

use crate::app::cycles::CycleDetail;
use crate::domain::minutes::{block, inline};
use crate::domain::note::NoteKind;
use crate::domain::{CycleId, Draft, GoalId, Topic};
use crate::store::Store;
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Local, SubsecRound, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use std::fmt::Write;
use std::path::Path;

/// `cycle` commands.
#[derive(Debug, Subcommand)]
pub enum CycleCmd {
    /// Open the community's next learning cycle (refused while one is open); prints it
    Open(OpenArgs),
    /// Show a cycle: topic, goals, phases, board, actions, reflection, improvements,
    /// outcome, meetings
    Show(ShowArgs),
}

/// What `cycle open` opens.
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The community
    #[arg(long)]
    pub community: String,
    /// The topic: the new information the cycle works on
    #[arg(long)]
    pub topic: String,
    /// Where it comes from: a link, a book, a talk
    #[arg(long)]
    pub source: Option<String>,
    /// A summary of it
    #[arg(long)]
    pub summary: Option<String>,
    /// A goal the cycle serves, by title (any case); repeat for several
    #[arg(long = "goal", value_name = "NAME")]
    pub goals: Vec<String>,
}

/// Output formats for a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CycleFormat {
    /// Markdown (CommonMark)
    Md,
    Json,
}

/// Which cycle `cycle show` shows.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The cycle, by id (as in `--format json`)
    #[arg(long, value_name = "N", conflicts_with = "current")]
    pub id: Option<i64>,
    /// The community's open cycle (the default)
    #[arg(long)]
    pub current: bool,
    /// The community [default: the one used last, or the only one]
    #[arg(long)]
    pub community: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = CycleFormat::Md)]
    pub format: CycleFormat,
}

/// `roundtable cycle …`.
pub fn run(db: &Path, cmd: &CycleCmd) -> Result<()> {
    match cmd {
        CycleCmd::Open(args) => {
            super::require_database(db)?;
            let (mut store, _lock) = Store::open_exclusive(db)?;
            let msg = open(&mut store, args, Local::now().date_naive(), Utc::now())?;
            super::say(&msg)?;
            Ok(())
        }
        CycleCmd::Show(args) => {
            let store = Store::open_read_only(db)?;
            let text = show(&store, args, Local::now().date_naive())?;
            super::print_out(text.as_bytes())
        }
    }
}

/// Opens a cycle as `args` say; the message names it. Nothing is written on any error.
pub fn open(
    store: &mut Store,
    args: &OpenArgs,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<String> {
    let c = store.community_by_name(&args.community)?;
    let draft = Draft::new()
        .with("title", &args.topic)
        .with("source", args.source.as_deref().unwrap_or(""))
        .with("summary", args.summary.as_deref().unwrap_or(""));
    let topic = Topic::from_draft(&draft).map_err(|e| anyhow::anyhow!("the topic {e}"))?;
    let goals = store.goals(c.id)?;
    let mut chosen: Vec<GoalId> = Vec::new();
    for name in &args.goals {
        let wanted = name.trim().to_lowercase();
        let found = goals
            .iter()
            .filter(|g| !g.archived)
            .find(|g| g.info.title.to_lowercase() == wanted);
        match found {
            Some(g) if !chosen.contains(&g.id) => chosen.push(g.id),
            Some(_) => {}
            None => {
                let names: Vec<String> = goals
                    .iter()
                    .filter(|g| !g.archived)
                    .map(|g| format!("'{}'", g.info.title))
                    .collect();
                bail!(
                    "'{}' has no goal '{name}' (its goals: {})",
                    c.info.name,
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                );
            }
        }
    }
    let now = now.trunc_subsecs(0);
    let id = store
        .write(|tx| tx.open_cycle(c.id, &topic, &chosen, today, now))
        .context("not opened")?;
    let cycle = store.cycle(id)?;
    Ok(format!(
        "opened cycle {} '{}' in '{}' (id {id}), in interrogation",
        cycle.number, cycle.topic.title, c.info.name
    ))
}

/// The cycle `args` names, as Markdown or JSON.
pub fn show(store: &Store, args: &ShowArgs, today: chrono::NaiveDate) -> Result<String> {
    let detail = store.snapshot(|store| {
        let id = match args.id {
            Some(id) => {
                let id = CycleId::new(id);
                let cycle = store.cycle(id)?;
                if let Some(name) = &args.community {
                    let c = store.community_by_name(name)?;
                    if c.id != cycle.community_id {
                        bail!("cycle id {id} is not a cycle of '{}'", c.info.name);
                    }
                }
                id
            }
            None => {
                let c = super::minutes::community_for_last(store, args.community.as_deref())?;
                match store.open_cycle(c)? {
                    Some(open) => open.id,
                    None => {
                        let name = store.community(c)?.info.name;
                        bail!("'{name}' has no open cycle; pass --id N for a closed one")
                    }
                }
            }
        };
        Ok(CycleDetail::read(store, id)?)
    })?;
    Ok(match args.format {
        CycleFormat::Md => markdown(&detail, today),
        CycleFormat::Json => serde_json::to_string_pretty(&json(&detail, today))? + "\n",
    })
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

fn name(d: &CycleDetail, who: Option<crate::domain::MemberId>) -> Option<String> {
    who.and_then(|id| d.names.get(&id).cloned())
}

/// The cycle as Markdown; every piece of user text is escaped as in the minutes.
pub fn markdown(d: &CycleDetail, today: chrono::NaiveDate) -> String {
    let c = &d.cycle;
    let mut out = String::new();
    let _ = writeln!(out, "# Cycle {}: {}\n", c.number, inline(&c.topic.title));
    let _ = writeln!(out, "- **Community:** {}", inline(&d.community));
    let _ = writeln!(out, "- **Phase:** {}", c.phase.label());
    let _ = writeln!(out, "- **Started:** {}", c.started_on);
    let ended = c
        .ended_on
        .map_or_else(|| "—".to_string(), |e| e.to_string());
    let _ = writeln!(out, "- **Ended:** {ended}");
    if !c.topic.source.trim().is_empty() {
        let _ = writeln!(out, "- **Source:** {}", inline(&c.topic.source));
    }
    let summary = block(&c.topic.summary, "");
    if !summary.is_empty() {
        let _ = writeln!(out, "\n{summary}");
    }

    let section = |out: &mut String, title: &str, items: Vec<String>| {
        let _ = writeln!(out, "\n## {title}\n");
        if items.is_empty() {
            out.push_str("None.\n");
        }
        for i in items {
            let _ = writeln!(out, "- {i}");
        }
    };
    let goals = c
        .goals
        .iter()
        .map(|g| {
            let verdict = g.verdict.map_or_else(
                || "not judged yet".to_string(),
                |v| format!("{} {}", v.symbol(), v.label()),
            );
            let evidence = block(&g.evidence, "  ");
            if evidence.is_empty() {
                format!("**{}**: {verdict}", inline(&g.title))
            } else {
                format!("**{}**: {verdict}; evidence: {evidence}", inline(&g.title))
            }
        })
        .collect();
    section(&mut out, "Goals", goals);
    let phases = d
        .phases
        .iter()
        .map(|p| {
            let skipped: Vec<&str> = p.skipped.iter().map(|s| s.label()).collect();
            let skipped = if skipped.is_empty() {
                String::new()
            } else {
                format!(" (skipped {})", skipped.join(" and "))
            };
            format!("{} {}{skipped}", local(p.entered_at), p.phase.label())
        })
        .collect();
    section(&mut out, "Phases", phases);
    let notes = c
        .starting_notes
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(inline)
        .collect();
    section(&mut out, "Starting notes", notes);

    let _ = writeln!(out, "\n## Board\n");
    if d.board.is_empty() {
        out.push_str("None.\n");
    }
    let by = |who| name(d, who).map_or_else(|| "the group".to_string(), |n| inline(&n));
    let heads: Vec<_> = d
        .board
        .iter()
        .filter(|n| n.kind != NoteKind::Solution)
        .collect();
    for n in &heads {
        let kind = if n.kind == NoteKind::Problem {
            "Problem"
        } else {
            "Pitfall"
        };
        let _ = writeln!(
            out,
            "- **{kind}:** {} — {}",
            block(&n.body, "  "),
            by(n.member)
        );
        for s in d.board.iter().filter(|s| s.answers == Some(n.id)) {
            let _ = writeln!(
                out,
                "  - **Solution:** {} — {}",
                block(&s.body, "    "),
                by(s.member)
            );
        }
    }
    for s in d.board.iter().filter(|s| {
        s.kind == NoteKind::Solution && !s.answers.is_some_and(|a| heads.iter().any(|h| h.id == a))
    }) {
        let _ = writeln!(
            out,
            "- **Solution:** {} — {}",
            block(&s.body, "  "),
            by(s.member)
        );
    }

    let actions = d
        .actions
        .iter()
        .map(|a| {
            let owner = name(d, a.info.owner).map_or_else(|| "nobody".to_string(), |n| inline(&n));
            let due = a.info.due.map(|d| format!(", due {d}")).unwrap_or_default();
            let goal = a
                .info
                .goal
                .and_then(|g| d.goals.get(&g))
                .map(|t| format!("; goal: {}", inline(t)))
                .unwrap_or_default();
            format!(
                "{} — {owner}{due}: {}{goal}",
                inline(&a.info.title),
                a.standing(today)
            )
        })
        .collect();
    section(&mut out, "Actions", actions);
    let reflection = d
        .reflection
        .iter()
        .map(|(id, u)| {
            let title = d
                .actions
                .iter()
                .find(|a| a.id == *id)
                .map(|a| inline(&a.info.title))
                .unwrap_or_default();
            let mut s = format!("{} {}: {title}", u.verdict.symbol(), u.verdict.label());
            if !u.note.trim().is_empty() {
                s.push_str(&format!("; what happened: {}", block(&u.note, "  ")));
            }
            if !u.learned.trim().is_empty() {
                s.push_str(&format!("; learned: {}", block(&u.learned, "  ")));
            }
            s
        })
        .collect();
    section(&mut out, "Reflection", reflection);
    let improvements = d.improvements.iter().map(|i| inline(&i.body)).collect();
    section(&mut out, "Improvements", improvements);
    let _ = writeln!(out, "\n## Outcome\n");
    let outcome = block(&c.outcome, "");
    let _ = writeln!(
        out,
        "{}",
        if outcome.is_empty() {
            "None yet.".to_string()
        } else {
            outcome
        }
    );
    let meetings = d
        .meetings
        .iter()
        .map(|m| {
            format!(
                "{} — {} ({}, id {})",
                local(m.when()),
                inline(&m.title),
                m.status,
                m.id
            )
        })
        .collect();
    section(&mut out, "Meetings", meetings);
    out
}

/// The JSON shape of `cycle show --format json` (stable: fields are only ever added).
#[derive(Debug, Serialize)]
pub struct CycleJson {
    pub id: i64,
    pub number: u32,
    pub community: String,
    pub topic: String,
    pub source: String,
    pub summary: String,
    pub phase: &'static str,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub starting_notes: Vec<String>,
    pub outcome: String,
    pub goals: Vec<GoalJson>,
    pub phases: Vec<PhaseJson>,
    pub board: Vec<BoardJson>,
    pub actions: Vec<ActionJson>,
    pub reflection: Vec<ReflectionJson>,
    pub improvements: Vec<String>,
    pub meetings: Vec<MeetingJson>,
}

/// A goal the cycle serves, with the reflection's verdict (`null` until judged).
#[derive(Debug, Serialize)]
pub struct GoalJson {
    pub id: i64,
    pub title: String,
    pub verdict: Option<&'static str>,
    pub evidence: String,
}

/// A phase entered, and the phases skipped to get there.
#[derive(Debug, Serialize)]
pub struct PhaseJson {
    pub phase: &'static str,
    pub entered_at: DateTime<Utc>,
    pub skipped: Vec<&'static str>,
}

/// A problem, pitfall or solution; `answers` is the note a solution answers.
#[derive(Debug, Serialize)]
pub struct BoardJson {
    pub id: i64,
    pub kind: &'static str,
    pub body: String,
    pub by: Option<String>,
    pub meeting: Option<i64>,
    pub answers: Option<i64>,
}

/// An action of the cycle.
#[derive(Debug, Serialize)]
pub struct ActionJson {
    pub id: i64,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub status: &'static str,
    pub overdue: bool,
    pub goal: Option<String>,
}

/// A follow-up given in the reflection.
#[derive(Debug, Serialize)]
pub struct ReflectionJson {
    pub action: i64,
    pub verdict: &'static str,
    pub note: String,
    pub learned: String,
    pub at: DateTime<Utc>,
}

/// A meeting the cycle spanned.
#[derive(Debug, Serialize)]
pub struct MeetingJson {
    pub id: i64,
    pub title: String,
    pub scheduled_at: DateTime<Utc>,
    pub status: String,
}

/// The cycle in its JSON shape.
pub fn json(d: &CycleDetail, today: chrono::NaiveDate) -> CycleJson {
    let c = &d.cycle;
    CycleJson {
        id: c.id.get(),
        number: c.number,
        community: d.community.clone(),
        topic: c.topic.title.clone(),
        source: c.topic.source.clone(),
        summary: c.topic.summary.clone(),
        phase: c.phase.as_str(),
        started_on: c.started_on.to_string(),
        ended_on: c.ended_on.map(|e| e.to_string()),
        starting_notes: c
            .starting_notes
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect(),
        outcome: c.outcome.clone(),
        goals: c
            .goals
            .iter()
            .map(|g| GoalJson {
                id: g.goal.get(),
                title: g.title.clone(),
                verdict: g.verdict.map(|v| v.as_str()),
                evidence: g.evidence.clone(),
            })
            .collect(),
        phases: d
            .phases
            .iter()
            .map(|p| PhaseJson {
                phase: p.phase.as_str(),
                entered_at: p.entered_at,
                skipped: p.skipped.iter().map(|s| s.as_str()).collect(),
            })
            .collect(),
        board: d
            .board
            .iter()
            .map(|n| BoardJson {
                id: n.id.get(),
                kind: n.kind.as_str(),
                body: n.body.clone(),
                by: name(d, n.member),
                meeting: n.meeting.map(|m| m.get()),
                answers: n.answers.map(|a| a.get()),
            })
            .collect(),
        actions: d
            .actions
            .iter()
            .map(|a| ActionJson {
                id: a.id.get(),
                title: a.info.title.clone(),
                owner: name(d, a.info.owner),
                due: a.info.due.map(|d| d.to_string()),
                status: a.status.as_str(),
                overdue: a.is_overdue(today),
                goal: a.info.goal.and_then(|g| d.goals.get(&g).cloned()),
            })
            .collect(),
        reflection: d
            .reflection
            .iter()
            .map(|(id, u)| ReflectionJson {
                action: id.get(),
                verdict: u.verdict.as_str(),
                note: u.note.clone(),
                learned: u.learned.clone(),
                at: u.at,
            })
            .collect(),
        improvements: d.improvements.iter().map(|i| i.body.clone()).collect(),
        meetings: d
            .meetings
            .iter()
            .map(|m| MeetingJson {
                id: m.id.get(),
                title: m.title.clone(),
                scheduled_at: m.scheduled_at,
                status: m.status.clone(),
            })
            .collect(),
    }
}
