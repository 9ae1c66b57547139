//! `export report`: a community's insights as a self-contained Markdown or HTML report
//! (purpose, goals, cycles, cadence, attendance and participation tables; the HTML draws
//! its charts as inline SVG). Every user text is escaped for the format.

use crate::app::insights::{CommunityInsights, local_day};
use crate::domain::insights::{BalanceSummary, least_heard_rule, percent, trend};
use crate::domain::minutes::inline;
use crate::store::Store;
use anyhow::Result;
use chrono::Local;
use clap::{Args, ValueEnum};
use std::path::Path;

/// Output formats for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown (CommonMark with pipe tables)
    Md,
    /// One HTML file, charts as inline SVG
    Html,
}

/// Which community's report, and where to write it.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The community
    #[arg(long)]
    pub community: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub out: super::OutArgs,
}

/// Text escaped for HTML.
fn html(s: &str) -> String {
    crate::domain::text::sanitize(s, true)
        .chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The report's content, in a format-neutral shape: headed sections of paragraphs and
/// tables, each cell plain (unescaped) text.
struct Section {
    title: &'static str,
    paragraphs: Vec<String>,
    table: Option<(Vec<&'static str>, Vec<Vec<String>>)>,
    /// Values 0–100 of a bar chart (HTML only), with its caption.
    chart: Option<(&'static str, Vec<u64>)>,
}

fn sections(i: &CommunityInsights) -> Vec<Section> {
    let info = &i.community.info;
    let mut out = Vec::new();
    out.push(Section {
        title: "Purpose",
        paragraphs: vec![if info.purpose.is_empty() {
            "(none written)".into()
        } else {
            info.purpose.clone()
        }],
        table: None,
        chart: None,
    });
    let goals = i
        .goals
        .iter()
        .filter(|g| !g.archived)
        .map(|g| {
            let p = i.progress.get(&g.id);
            vec![
                g.info.title.clone(),
                g.info.status.as_str().to_string(),
                p.and_then(|p| p.latest)
                    .map_or("—".into(), |(n, v)| format!("cycle {n}: {}", v.label())),
                p.map_or("0 of 0".into(), |p| {
                    format!("{} of {}", p.actions_done, p.actions)
                }),
            ]
        })
        .collect();
    out.push(Section {
        title: "Goals",
        paragraphs: Vec::new(),
        table: Some((
            vec!["Goal", "Status", "Latest verdict", "Actions done"],
            goals,
        )),
        chart: None,
    });
    let cycles = i
        .cycles
        .iter()
        .map(|c| {
            vec![
                c.name(),
                c.phase.label().to_string(),
                format!(
                    "{} → {}",
                    c.started_on,
                    c.ended_on.map_or("open".into(), |d| d.to_string())
                ),
                c.outcome.clone(),
            ]
        })
        .collect();
    out.push(Section {
        title: "Cycles and outcomes",
        paragraphs: Vec::new(),
        table: Some((vec!["Cycle", "Phase", "Dates", "Outcome"], cycles)),
        chart: None,
    });
    let fit = i.cadence();
    let mut cadence = vec![{
        let mut line = i.cadence_line(&fit, &|d| d.to_string());
        if let Some(first) = line.get(..1) {
            line.replace_range(..1, &first.to_uppercase());
        }
        format!("{line}.")
    }];
    cadence.extend(fit.gaps.iter().map(|g| {
        if g.open {
            format!(
                "⚠ Gap: no meeting since {} ({} days, {} missed).",
                g.after, g.days, g.missed
            )
        } else {
            format!(
                "⚠ Gap: {} to {} ({} days, {} missed).",
                g.after, g.until, g.days, g.missed
            )
        }
    }));
    out.push(Section {
        title: "Cadence",
        paragraphs: cadence,
        table: None,
        chart: None,
    });
    let att = i.attendance();
    let a = i.actions;
    let balance = BalanceSummary::of(&i.facts);
    let rows = i
        .facts
        .iter()
        .rev()
        .map(|f| {
            let b = f.balance();
            vec![
                local_day(f).to_string(),
                f.title.clone(),
                format!("{}/{}", f.present(), f.expected),
                format!("{:.2}", b.gini),
                b.top.map_or("—".into(), |m| {
                    format!("{} {}", i.name(m), percent(b.top_share))
                }),
                b.flag().to_string(),
            ]
        })
        .collect();
    out.push(Section {
        title: "Attendance and participation",
        paragraphs: vec![
            format!(
                "Attendance: {} meetings, trend {}.",
                att.len(),
                trend(&att).label()
            ),
            format!(
                "Balance: {}; Gini trend {}.",
                balance.flagged(),
                trend(&balance.ginis).label()
            ),
            i.least_heard_line(),
            least_heard_rule(),
            format!(
                "Actions (all time): {}{}.",
                a.summary(),
                a.completion_line()
                    .map_or(String::new(), |c| format!("; {c}"))
            ),
        ],
        table: Some((
            vec!["Date", "Meeting", "Present", "Gini", "Top voice", "Flag"],
            rows,
        )),
        chart: Some((
            "Attendance per meeting (%), oldest first",
            att.iter().map(|r| (r * 100.0).round() as u64).collect(),
        )),
    });
    out
}

/// The report as Markdown.
pub fn markdown(i: &CommunityInsights) -> String {
    let mut s = format!(
        "# Report: {}\n\n_As of {}._\n",
        inline(&i.community.info.name),
        i.today
    );
    for sec in sections(i) {
        s.push_str(&format!("\n## {}\n\n", sec.title));
        for p in &sec.paragraphs {
            s.push_str(&format!("{}\n\n", inline(p)));
        }
        if let Some((head, rows)) = &sec.table {
            if rows.is_empty() {
                s.push_str("(none)\n");
                continue;
            }
            s.push_str(&format!("| {} |\n", head.join(" | ")));
            s.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
            for r in rows {
                let cells: Vec<String> =
                    r.iter().map(|c| crate::domain::minutes::cell(c)).collect();
                s.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
    }
    s
}

/// Bars of 0–100 as an inline SVG.
fn svg(caption: &str, values: &[u64]) -> String {
    let w = 8 * values.len().max(1);
    let bars: String = values
        .iter()
        .enumerate()
        .map(|(x, v)| {
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"6\" height=\"{v}\"/>",
                x * 8,
                100 - v.min(&100)
            )
        })
        .collect();
    format!(
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"100\" viewBox=\"0 0 {w} 100\" role=\"img\"><title>{}</title>{bars}</svg><figcaption>{}</figcaption></figure>\n",
        html(caption),
        html(caption)
    )
}

/// The report as one HTML page.
pub fn html_page(i: &CommunityInsights) -> String {
    let name = html(&i.community.info.name);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Report: {name}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2em .5em}}svg rect{{fill:#357}}</style>\n</head>\n<body>\n<h1>Report: {name}</h1>\n<p><em>As of {}.</em></p>\n",
        i.today
    );
    for sec in sections(i) {
        s.push_str(&format!("<h2>{}</h2>\n", sec.title));
        for p in &sec.paragraphs {
            s.push_str(&format!("<p>{}</p>\n", html(p)));
        }
        if let Some((caption, values)) = &sec.chart {
            s.push_str(&svg(caption, values));
        }
        if let Some((head, rows)) = &sec.table {
            if rows.is_empty() {
                s.push_str("<p>(none)</p>\n");
                continue;
            }
            s.push_str("<table>\n<tr>");
            for h in head {
                s.push_str(&format!("<th>{h}</th>"));
            }
            s.push_str("</tr>\n");
            for r in rows {
                s.push_str("<tr>");
                for c in r {
                    s.push_str(&format!("<td>{}</td>", html(c)));
                }
                s.push_str("</tr>\n");
            }
            s.push_str("</table>\n");
        }
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// `roundtable export report`.
pub fn run(db: &Path, args: &ReportArgs) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let c = store.community_by_name(&args.community)?;
    let today = Local::now().date_naive();
    let i = store.snapshot(|s| CommunityInsights::load(s, c, today))?;
    let text = match args.format {
        ReportFormat::Md => markdown(&i),
        ReportFormat::Html => html_page(&i),
    };
    super::write_out(db, &args.out, text.as_bytes())
}
