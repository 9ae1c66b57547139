//! `roundtable actions`: a community's action items in the order the Actions screen shows
//! them (overdue first, then open ones by due date, then closed ones), as a Markdown table
//! (escaped as the minutes are), JSON (a stable shape, below) or CSV (cells a spreadsheet
//! would run as formulas are defused, as in the roster export). Reads only.

use crate::domain::action::sort_for_review;
use crate::domain::minutes::{cell, inline};
use crate::domain::note::ActionStatus;
use crate::domain::{Action, ActionId, CommunityId, CycleId, GoalId, MeetingId, MemberId};
use crate::store::Store;
use crate::store::roster_csv::defuse;
use anyhow::{Result, anyhow};
use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

/// Output formats of `roundtable actions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    /// Markdown (a CommonMark pipe table)
    Md,
    Json,
    Csv,
}

/// Which community's actions, and how to print them.
#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// The community [default: the one used last, or the only one]
    #[arg(long)]
    pub community: Option<String>,
    /// Only the open actions (overdue ones included)
    #[arg(long)]
    pub open: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ActionsFormat::Md)]
    pub format: ActionsFormat,
}

/// The JSON document: the community, the day "overdue" was judged on, the actions.
#[derive(Debug, Serialize)]
pub struct Report {
    pub community: String,
    pub community_id: CommunityId,
    pub today: NaiveDate,
    pub actions: Vec<Row>,
}

/// One action, as `--format json` writes it. Field names are stable.
#[derive(Debug, Serialize)]
pub struct Row {
    pub id: ActionId,
    pub title: String,
    pub owner_id: Option<MemberId>,
    /// The owner's name; `null` when nobody owns it.
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// `open`, `done` or `dropped`.
    pub status: &'static str,
    /// Open and due before `today`.
    pub overdue: bool,
    /// Where it stands, in words ("⚠ overdue (due 2026-11-20)").
    pub standing: String,
    pub goal_id: Option<GoalId>,
    pub goal: Option<String>,
    pub cycle_id: Option<CycleId>,
    /// The cycle's number in the community.
    pub cycle: Option<u32>,
    /// The meeting it was committed in.
    pub meeting_id: Option<MeetingId>,
    pub created_at: DateTime<Utc>,
    pub last_follow_up: Option<FollowUp>,
}

/// An action's latest follow-up.
#[derive(Debug, Serialize)]
pub struct FollowUp {
    /// `done`, `partly`, `not_done` or `dropped`.
    pub verdict: &'static str,
    pub note: String,
    pub learned: String,
    /// The meeting it was given in; `null` between meetings.
    pub meeting_id: Option<MeetingId>,
    pub in_reflection: bool,
    pub at: DateTime<Utc>,
}

/// Reads the community's actions (all, or the open ones) in review order on `today`.
pub fn report(store: &Store, args: &ActionsArgs, today: NaiveDate) -> Result<Report> {
    store.snapshot(|store| {
        let id = super::minutes::community_for_last(store, args.community.as_deref())?;
        let community = store.community(id)?;
        let mut actions: Vec<Action> = if args.open {
            store.open_actions(id)?
        } else {
            store.actions(id)?
        };
        sort_for_review(&mut actions, today);
        let owners: HashMap<MemberId, String> = store.action_owners(id)?.into_iter().collect();
        let goals: HashMap<GoalId, String> = store
            .goals(id)?
            .into_iter()
            .map(|g| (g.id, g.info.title))
            .collect();
        let cycles: HashMap<CycleId, u32> = store
            .cycles(id)?
            .into_iter()
            .map(|c| (c.id, c.number))
            .collect();
        let rows = actions
            .into_iter()
            .map(|a| Row {
                id: a.id,
                owner: a.info.owner.and_then(|m| owners.get(&m).cloned()),
                owner_id: a.info.owner,
                due: a.info.due,
                status: a.status.as_str(),
                overdue: a.is_overdue(today),
                standing: a.standing(today),
                goal: a.info.goal.and_then(|g| goals.get(&g).cloned()),
                goal_id: a.info.goal,
                cycle: a.cycle.and_then(|c| cycles.get(&c).copied()),
                cycle_id: a.cycle,
                meeting_id: a.meeting,
                created_at: a.created_at,
                last_follow_up: a.last_update.map(|u| FollowUp {
                    verdict: u.verdict.as_str(),
                    note: u.note,
                    learned: u.learned,
                    meeting_id: u.meeting,
                    in_reflection: u.in_reflection,
                    at: u.at,
                }),
                title: a.info.title,
            })
            .collect();
        Ok(Report {
            community: community.info.name,
            community_id: id,
            today,
            actions: rows,
        })
    })
}

/// The report in the requested format.
pub fn render(r: &Report, format: ActionsFormat) -> Result<Vec<u8>> {
    Ok(match format {
        ActionsFormat::Md => markdown(r).into_bytes(),
        ActionsFormat::Json => {
            let mut s = serde_json::to_string_pretty(r)?;
            s.push('\n');
            s.into_bytes()
        }
        ActionsFormat::Csv => csv(r)?,
    })
}

fn last_follow_up(f: &FollowUp) -> String {
    let verdict = crate::domain::ActionVerdict::parse(f.verdict).map_or(f.verdict, |v| v.label());
    let mut s = format!("{} {verdict}", f.at.date_naive());
    if !f.note.trim().is_empty() {
        s.push_str(": ");
        s.push_str(&f.note);
    }
    s
}

/// A heading, a count, and a pipe table (every user text escaped).
fn markdown(r: &Report) -> String {
    let mut out = format!("# Actions: {}\n\n", inline(&r.community));
    let overdue = r.actions.iter().filter(|a| a.overdue).count();
    let open = r
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open.as_str())
        .count();
    let _ = writeln!(
        out,
        "As of {}: {} actions, {open} open, {overdue} overdue.\n",
        r.today,
        r.actions.len()
    );
    if r.actions.is_empty() {
        out.push_str("No actions.\n");
        return out;
    }
    out.push_str("| Status | Action | Owner | Due | Goal | Cycle | Last follow-up |\n");
    out.push_str("| --- | --- | --- | --- | --- | ---: | --- |\n");
    for a in &r.actions {
        let cells = [
            cell(&a.standing),
            cell(&a.title),
            a.owner.as_deref().map_or_else(|| "nobody".into(), cell),
            a.due.map_or_else(String::new, |d| d.to_string()),
            a.goal.as_deref().map_or_else(String::new, cell),
            a.cycle.map_or_else(String::new, |n| n.to_string()),
            a.last_follow_up
                .as_ref()
                .map_or_else(String::new, |f| cell(&last_follow_up(f))),
        ];
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// The CSV columns.
const CSV_HEADER: [&str; 13] = [
    "id",
    "title",
    "owner",
    "due",
    "status",
    "overdue",
    "goal",
    "cycle",
    "meeting_id",
    "created_at",
    "last_verdict",
    "last_note",
    "last_at",
];

/// One line per action, CRLF, formula-like cells defused.
fn csv(r: &Report) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for a in &r.actions {
        let f = a.last_follow_up.as_ref();
        let cells: [String; 13] = [
            a.id.to_string(),
            a.title.clone(),
            a.owner.clone().unwrap_or_default(),
            a.due.map(|d| d.to_string()).unwrap_or_default(),
            a.status.to_string(),
            if a.overdue { "yes" } else { "no" }.to_string(),
            a.goal.clone().unwrap_or_default(),
            a.cycle.map(|n| n.to_string()).unwrap_or_default(),
            a.meeting_id.map(|m| m.to_string()).unwrap_or_default(),
            crate::store::ts(a.created_at),
            f.map(|f| f.verdict.to_string()).unwrap_or_default(),
            f.map(|f| f.note.clone()).unwrap_or_default(),
            f.map(|f| crate::store::ts(f.at)).unwrap_or_default(),
        ];
        w.write_record(cells.iter().map(|c| defuse(c).into_owned()))?;
    }
    w.into_inner()
        .map_err(|e| anyhow!("cannot write the actions CSV: {}", e.error()))
}

/// `roundtable actions`.
pub fn run(db: &std::path::Path, args: &ActionsArgs) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let today = chrono::Local::now().date_naive();
    let r = report(&store, args, today)?;
    super::print_out(&render(&r, args.format)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(title: &str) -> Row {
        Row {
            id: ActionId::new(1),
            title: title.into(),
            owner_id: None,
            owner: Some("=cmd|' /C calc'!A0".into()),
            due: None,
            status: "open",
            overdue: false,
            standing: "open".into(),
            goal_id: None,
            goal: None,
            cycle_id: None,
            cycle: None,
            meeting_id: None,
            created_at: DateTime::<Utc>::UNIX_EPOCH,
            last_follow_up: None,
        }
    }

    fn report(rows: Vec<Row>) -> Report {
        Report {
            community: "Club | *x*".into(),
            community_id: CommunityId::new(1),
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            actions: rows,
        }
    }

    #[test]
    fn markdown_escapes_pipes_and_markup() {
        let md = markdown(&report(vec![row("a | b <script> *c*\nd")]));
        assert!(md.starts_with("# Actions: Club \\| \\*x\\*\n"), "{md}");
        let line = md.lines().find(|l| l.contains("a \\| b")).unwrap();
        assert!(line.contains("\\<script> \\*c\\*<br>d"), "{line}");
        // Seven columns: eight unescaped pipes.
        let pipes = line.replace("\\|", "").matches('|').count();
        assert_eq!(pipes, 8, "{line}");
    }

    #[test]
    fn csv_defuses_formulas() {
        let bytes = csv(&report(vec![row("+1 more")])).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("'+1 more"), "{text}");
        assert!(text.contains("'=cmd"), "{text}");
        assert!(
            text.starts_with("id,title,owner,due,status,overdue"),
            "{text}"
        );
    }
}
