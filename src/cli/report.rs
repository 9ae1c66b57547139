//! `export report`: a community's insights as a self-contained Markdown or HTML report
//! (purpose, goals, cycles, cadence, attendance and participation tables; the HTML draws
//! its charts as inline SVG). Every user text is escaped for the format.

use crate::app::insights::{CommunityInsights, absent_of, local_day, trend_words};
use crate::domain::insights::{BalanceSummary, LATELY, Trend, least_heard_rule, percent, trend};
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

/// Text escaped for HTML (the joiners of emoji and scripts kept: this is a file).
fn html(s: &str) -> String {
    crate::domain::text::sanitize_for_file(s, true)
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
    /// Charts the HTML draws (Markdown has the same figures in its tables and lines).
    charts: Vec<Chart>,
}

/// A bar chart with its value axis, gridlines and labels, drawn as inline SVG so that
/// someone who never saw the app can read it: one bar per meeting (oldest on the left)
/// or, `across`, one row per member.
struct Chart {
    caption: &'static str,
    /// What the value axis measures ("% of those expected present").
    axis: &'static str,
    /// The axis's top, in the values' unit (values beyond it are drawn to it and
    /// labelled with their own figure).
    max: f64,
    bars: Vec<Bar>,
    /// A dashed line across the bars at this value, with its label ("fair share").
    reference: Option<(f64, &'static str)>,
    /// Bars run across, one row per bar with its label on the left (members); otherwise
    /// up, with a label under every few bars (dates).
    across: bool,
    /// What a flagged bar means, said under the chart ("▲ dominated: …").
    flag_legend: Option<&'static str>,
}

/// One bar: its label, its value (a percentage) and whether it is flagged (drawn in
/// another colour, with ▲ above it, and named in the legend).
struct Bar {
    label: String,
    value: f64,
    /// Said after the value in the bar's tooltip and, across, beside the bar.
    note: String,
    flagged: bool,
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
        charts: Vec::new(),
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
        charts: Vec::new(),
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
        charts: Vec::new(),
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
        charts: Vec::new(),
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
    let average = (!att.is_empty()).then(|| att.iter().sum::<f64>() / att.len() as f64);
    out.push(Section {
        title: "Attendance and participation",
        paragraphs: vec![
            format!(
                "Attendance: {} meetings{}, {}.",
                att.len(),
                average.map_or(String::new(), |a| format!(
                    ", {} present on average",
                    percent(a)
                )),
                match trend(&att) {
                    Trend::Unknown => trend_words(&att).to_string(),
                    t => format!("trend {}", t.label()),
                }
            ),
            format!("Balance: {}.", balance.line()),
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
        charts: vec![
            Chart {
                caption: "Attendance per meeting, oldest first",
                axis: "% of those expected present",
                max: 100.0,
                bars: i
                    .facts
                    .iter()
                    .zip(&att)
                    .map(|(f, r)| Bar {
                        label: local_day(f).to_string(),
                        value: r * 100.0,
                        note: format!("{}, {}/{} present", f.title, f.present(), f.expected),
                        flagged: false,
                    })
                    .collect(),
                reference: None,
                across: false,
                flag_legend: None,
            },
            Chart {
                caption: "The top voice's share of each meeting's airtime, oldest first",
                axis: "% of the airtime",
                max: 100.0,
                bars: i
                    .facts
                    .iter()
                    .map(|f| {
                        let b = f.balance();
                        Bar {
                            label: local_day(f).to_string(),
                            value: b.top_share * 100.0,
                            note: format!(
                                "{}, {}{}",
                                f.title,
                                b.top.map_or("nobody spoke", |m| i.name(m)),
                                if b.dominated { ", dominated" } else { "" }
                            ),
                            flagged: b.dominated,
                        }
                    })
                    .collect(),
                reference: None,
                across: false,
                flag_legend: Some("▲ dominated: one voice held over twice a fair share"),
            },
        ],
    });
    let heard = i.heard();
    let rows = heard
        .iter()
        .map(|h| {
            vec![
                i.name(h.member).to_string(),
                h.of_fair.map_or("—".into(), percent),
                h.when_present.map_or("—".into(), percent),
                {
                    let (present, expected) = i.attended(h.member);
                    format!("{present} of {expected}")
                },
            ]
        })
        .collect();
    out.push(Section {
        title: "Who has been heard lately",
        paragraphs: vec![
            i.least_heard_line(),
            least_heard_rule(),
            format!(
                "Attended counts the last {}, whoever talked.",
                crate::domain::text::count(i.facts.len().min(LATELY), "meeting", "meetings")
            ),
        ],
        table: Some((
            vec![
                "Member",
                "Share of a fair share",
                "When present",
                "Attended, of those expected",
            ],
            rows,
        )),
        charts: vec![Chart {
            caption: "Heard lately: each member's share of a fair share, least heard first",
            axis: "% of a fair share (a missed meeting counts as 0)",
            max: 200.0,
            bars: heard
                .iter()
                .filter_map(|h| {
                    h.of_fair.map(|r| Bar {
                        label: i.name(h.member).to_string(),
                        value: r * 100.0,
                        note: absent_of(h).trim_start_matches(", ").to_string(),
                        flagged: false,
                    })
                })
                .collect(),
            reference: Some((100.0, "fair share")),
            across: true,
            flag_legend: None,
        }],
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

/// Width of a chart, and the margins left for the axis labels (SVG user units, pixels
/// at 100 % zoom).
const CHART_WIDTH: f64 = 640.0;
const AXIS_LEFT: f64 = 48.0;
const AXIS_BOTTOM: f64 = 20.0;
/// The height of the plot of an upright chart, and of one row of a chart across.
const PLOT_HEIGHT: f64 = 160.0;
const ROW_HEIGHT: f64 = 18.0;
/// Room for a member's name on the left of a chart across.
const NAME_WIDTH: f64 = 150.0;

/// The bars' colours (in the SVG itself, so a chart copied out of the page keeps them).
const BAR: &str = "#357";
const FLAGGED: &str = "#b33";

/// A white outline under a label drawn over a line, so both stay legible.
const HALO: &str = "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"";

/// A number for SVG: one decimal at most.
fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// `chart` as an inline SVG figure: a value axis with gridlines at each quarter of
/// `max`, the bars (each with a tooltip naming it), labels, the reference line and the
/// caption with the flags' legend.
fn svg(chart: &Chart) -> String {
    let mut body = String::new();
    let (w, h) = if chart.across {
        across(chart, &mut body)
    } else {
        upright(chart, &mut body)
    };
    let mut caption = html(chart.caption);
    if let Some(legend) = chart
        .flag_legend
        .filter(|_| chart.bars.iter().any(|b| b.flagged))
    {
        caption.push_str(&format!("<br>{}", html(legend)));
    }
    format!(
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" font-size=\"11\"><title>{}</title>{body}</svg><figcaption>{caption}</figcaption></figure>\n",
        html(chart.caption),
        w = n(w),
        h = n(h),
    )
}

/// One bar's tooltip: "2026-10-15: 86% (Journal club, 6/7 present)".
fn tooltip(b: &Bar) -> String {
    let note = if b.note.is_empty() {
        String::new()
    } else {
        format!(" ({})", b.note)
    };
    format!(
        "<title>{}: {}%{}</title>",
        html(&b.label),
        n(b.value),
        html(&note)
    )
}

/// Bars upright, one per meeting: the value axis on the left, a date under every few bars.
fn upright(chart: &Chart, s: &mut String) -> (f64, f64) {
    let (top, plot_w) = (24.0, CHART_WIDTH - AXIS_LEFT - 36.0);
    let base = top + PLOT_HEIGHT;
    let y = |v: f64| base - v.clamp(0.0, chart.max) / chart.max * PLOT_HEIGHT;
    for q in 0..=4 {
        let v = chart.max * f64::from(q) / 4.0;
        s.push_str(&format!(
            "<line x1=\"{x0}\" y1=\"{y}\" x2=\"{x1}\" y2=\"{y}\" stroke=\"#ccc\"/><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{}%</text>",
            n(v),
            x0 = n(AXIS_LEFT),
            x1 = n(AXIS_LEFT + plot_w),
            y = n(y(v)),
            tx = n(AXIS_LEFT - 4.0),
            ty = n(y(v) + 4.0),
        ));
    }
    s.push_str(&format!(
        "<text x=\"{}\" y=\"12\">{}</text>",
        n(AXIS_LEFT),
        html(chart.axis)
    ));
    let count = chart.bars.len().max(1);
    let slot = plot_w / count as f64;
    // A date is about 60 units wide: label every `step`-th bar, and the last.
    let step = (70.0 / slot).ceil().max(1.0) as usize;
    for (k, b) in chart.bars.iter().enumerate() {
        let x = AXIS_LEFT + slot * k as f64;
        let bar_w = (slot * 0.8).max(0.5);
        let fill = if b.flagged { FLAGGED } else { BAR };
        s.push_str(&format!(
            "<rect fill=\"{fill}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">{}</rect>",
            n(x + slot * 0.1),
            n(y(b.value)),
            n(bar_w),
            n(base - y(b.value)),
            tooltip(b)
        ));
        if b.flagged {
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">▲</text>",
                n(x + slot / 2.0),
                n(y(b.value) - 2.0)
            ));
        }
        // The first, every `step`-th and the last, none nearer the last than `step`.
        let to_last = chart.bars.len() - 1 - k;
        if to_last == 0 || (k % step == 0 && to_last >= step) {
            s.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                n(x + slot / 2.0),
                n(base + 14.0),
                html(&b.label)
            ));
        }
    }
    if let Some((v, label)) = chart.reference {
        s.push_str(&format!(
            "<line class=\"ref\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#000\" stroke-dasharray=\"4 3\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            n(AXIS_LEFT),
            n(AXIS_LEFT + plot_w),
            n(AXIS_LEFT + plot_w),
            n(y(v) - 3.0),
            html(label),
            y = n(y(v)),
        ));
    }
    if chart.bars.is_empty() {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">no meetings yet</text>",
            n(AXIS_LEFT + plot_w / 2.0),
            n(top + PLOT_HEIGHT / 2.0)
        ));
    }
    (CHART_WIDTH, base + AXIS_BOTTOM)
}

/// Bars across, one row per member: the name on the left, the value beside the bar, the
/// value axis under the rows.
fn across(chart: &Chart, s: &mut String) -> (f64, f64) {
    let x0 = NAME_WIDTH;
    let plot_w = CHART_WIDTH - NAME_WIDTH - 150.0;
    let x = |v: f64| x0 + v.clamp(0.0, chart.max) / chart.max * plot_w;
    let rows = chart.bars.len().max(1) as f64;
    let bottom = 4.0 + rows * ROW_HEIGHT;
    for q in 0..=4 {
        let v = chart.max * f64::from(q) / 4.0;
        s.push_str(&format!(
            "<line x1=\"{x}\" y1=\"4\" x2=\"{x}\" y2=\"{y}\" stroke=\"#ccc\"/><text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\">{}%</text>",
            n(v),
            x = n(x(v)),
            y = n(bottom),
            ty = n(bottom + 14.0),
        ));
    }
    if let Some((v, label)) = chart.reference {
        s.push_str(&format!(
            "<line class=\"ref\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" stroke=\"#000\" stroke-dasharray=\"4 3\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            n(bottom),
            n(bottom + 28.0),
            html(label),
            x = n(x(v)),
        ));
    }
    for (k, b) in chart.bars.iter().enumerate() {
        let y = 4.0 + ROW_HEIGHT * k as f64;
        let name: String = b.label.chars().take(24).collect();
        let cut = if name.len() < b.label.len() {
            "…"
        } else {
            ""
        };
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}{cut}</text><rect fill=\"{BAR}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">{}</rect><text x=\"{}\" y=\"{}\" {HALO}>{}%{}</text>",
            n(x0 - 6.0),
            n(y + 13.0),
            html(&name),
            n(x0),
            n(y + 3.0),
            n(x(b.value) - x0),
            n(ROW_HEIGHT - 6.0),
            tooltip(b),
            n(x(b.value) + 4.0),
            n(y + 13.0),
            n(b.value.round()),
            if b.note.is_empty() { String::new() } else { html(&format!(", {}", b.note)) },
        ));
    }
    if chart.bars.is_empty() {
        s.push_str(&format!(
            "<text x=\"{}\" y=\"16\" text-anchor=\"middle\">no meeting with 3 minutes of talk yet</text>",
            n(x0 + plot_w / 2.0)
        ));
    }
    s.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        n(x0 + plot_w / 2.0),
        n(bottom + 42.0),
        html(chart.axis)
    ));
    (CHART_WIDTH, bottom + 48.0)
}

/// The report as one HTML page.
pub fn html_page(i: &CommunityInsights) -> String {
    let name = html(&i.community.info.name);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Report: {name}</title>\n<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.2em .5em}}figure{{margin:1em 0}}</style>\n</head>\n<body>\n<h1>Report: {name}</h1>\n<p><em>As of {}.</em></p>\n",
        i.today
    );
    for sec in sections(i) {
        s.push_str(&format!("<h2>{}</h2>\n", sec.title));
        for p in &sec.paragraphs {
            s.push_str(&format!("<p>{}</p>\n", html(p)));
        }
        for chart in &sec.charts {
            s.push_str(&svg(chart));
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn bar(label: &str, value: f64, flagged: bool) -> Bar {
        Bar {
            label: label.into(),
            value,
            note: String::new(),
            flagged,
        }
    }

    fn chart(bars: Vec<Bar>, across: bool) -> Chart {
        Chart {
            caption: "Caption",
            axis: "% of the airtime",
            max: if across { 200.0 } else { 100.0 },
            bars,
            reference: across.then_some((100.0, "fair share")),
            across,
            flag_legend: Some("▲ dominated"),
        }
    }

    /// An SVG element: its name, attributes and text.
    type Node = (String, Vec<(String, String)>, String);

    /// The SVG of `chart`, parsed: it must be well-formed XML.
    fn parsed(chart: &Chart) -> (String, Vec<Node>) {
        let fig = svg(chart);
        let start = fig.find("<svg").unwrap();
        let end = fig.rfind("</svg>").unwrap() + "</svg>".len();
        let xml = fig[start..end].to_string();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
        let nodes = doc
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| {
                (
                    n.tag_name().name().to_string(),
                    n.attributes()
                        .map(|a| (a.name().to_string(), a.value().to_string()))
                        .collect(),
                    n.text().unwrap_or("").to_string(),
                )
            })
            .collect();
        (fig, nodes)
    }

    fn attr<'a>(n: &'a Node, name: &str) -> &'a str {
        n.1.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap()
    }

    fn texts(nodes: &[Node]) -> Vec<&str> {
        nodes
            .iter()
            .filter(|n| n.0 == "text")
            .map(|n| n.2.as_str())
            .collect()
    }

    #[test]
    fn upright_bars_stand_on_a_labelled_value_axis() {
        let c = chart(
            vec![
                bar("2026-10-01", 50.0, false),
                bar("2026-10-08", 150.0, true),
            ],
            false,
        );
        let (fig, nodes) = parsed(&c);
        let t = texts(&nodes);
        for tick in ["0%", "25%", "50%", "75%", "100%", "% of the airtime"] {
            assert!(t.contains(&tick), "{tick} missing: {t:?}");
        }
        // Each date under its bar, and ▲ over the flagged one only.
        assert!(
            t.contains(&"2026-10-01") && t.contains(&"2026-10-08"),
            "{t:?}"
        );
        assert_eq!(t.iter().filter(|s| **s == "▲").count(), 1);
        let rects: Vec<_> = nodes.iter().filter(|n| n.0 == "rect").collect();
        assert_eq!(rects.len(), 2);
        // 50% of a 160-unit plot is 80 high; 150% is drawn to the top (160).
        assert_eq!(attr(rects[0], "height"), "80");
        assert_eq!(attr(rects[1], "height"), "160");
        assert_eq!(attr(rects[0], "fill"), BAR);
        assert_eq!(attr(rects[1], "fill"), FLAGGED);
        // Both stand on the same base line.
        let base = |r: &Node| {
            attr(r, "y").parse::<f64>().unwrap() + attr(r, "height").parse::<f64>().unwrap()
        };
        assert_eq!(base(rects[0]), base(rects[1]));
        assert!(
            fig.contains("<figcaption>Caption<br>▲ dominated</figcaption>"),
            "{fig}"
        );
    }

    #[test]
    fn the_legend_is_said_only_when_a_bar_is_flagged() {
        let (fig, _) = parsed(&chart(vec![bar("2026-10-01", 20.0, false)], false));
        assert!(fig.contains("<figcaption>Caption</figcaption>"), "{fig}");
    }

    /// Ten years of weekly dates would overprint: every few bars is labelled, always
    /// the first and the last, never two nearer than a date's width.
    #[test]
    fn dates_under_many_bars_do_not_overprint() {
        let bars = (0..52)
            .map(|k| bar(&format!("d{k:02}"), 40.0, false))
            .collect();
        let (_, nodes) = parsed(&chart(bars, false));
        let xs: Vec<(String, f64)> = nodes
            .iter()
            .filter(|n| n.0 == "text" && n.2.starts_with('d'))
            .map(|n| (n.2.clone(), attr(n, "x").parse().unwrap()))
            .collect();
        assert_eq!(xs.first().unwrap().0, "d00");
        assert_eq!(xs.last().unwrap().0, "d51");
        assert!(xs.len() >= 4, "{xs:?}");
        for pair in xs.windows(2) {
            assert!(pair[1].1 - pair[0].1 >= 65.0, "{pair:?}");
        }
    }

    #[test]
    fn bars_across_name_each_member_with_the_fair_share_line() {
        let mut heard = bar("Ana <b>&", 241.0, false);
        heard.note = "absent 1 of 8".into();
        let c = chart(vec![bar("Cy", 50.0, false), heard], true);
        let (fig, nodes) = parsed(&c);
        let t = texts(&nodes);
        assert!(t.contains(&"Ana <b>&"), "{t:?}");
        assert!(
            t.contains(&"50%") && t.contains(&"241%, absent 1 of 8"),
            "{t:?}"
        );
        assert!(t.contains(&"fair share") && t.contains(&"200%"), "{t:?}");
        let rects: Vec<_> = nodes.iter().filter(|n| n.0 == "rect").collect();
        let width = |r: &Node| -> f64 { attr(r, "width").parse().unwrap() };
        // 50% of the 200% axis is a quarter of the longest bar, which stops at the axis.
        let plot = CHART_WIDTH - NAME_WIDTH - 150.0;
        assert_eq!(width(rects[0]), plot / 4.0);
        assert_eq!(width(rects[1]), plot);
        let line = nodes
            .iter()
            .find(|n| n.1.contains(&("class".into(), "ref".into())));
        assert_eq!(attr(line.unwrap(), "x1"), n(NAME_WIDTH + plot / 2.0));
        assert!(!fig.contains("<b>"), "{fig}");
    }

    #[test]
    fn an_empty_chart_says_so() {
        let (_, nodes) = parsed(&chart(Vec::new(), false));
        assert!(texts(&nodes).contains(&"no meetings yet"));
        let (_, nodes) = parsed(&chart(Vec::new(), true));
        assert!(
            texts(&nodes).contains(&"no meeting with 3 minutes of talk yet"),
            "{nodes:?}"
        );
    }
}
