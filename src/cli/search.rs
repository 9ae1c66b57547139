//! `roundtable search`: the Search screen's results, headless. Text marks matched words
//! with `[…]`; JSON has a stable shape (below). Reads only.

use crate::app::search::{backwards, bad_date_word, split_dates};
use crate::domain::closest::{closest, did_you_mean};
use crate::domain::search::{HitKind, MARK_END, MARK_START, marked_pieces};
use crate::domain::text::one_line;
use crate::domain::{CommunityId, MeetingId};
use crate::store::{CANDIDATES, RANK_WALK, SearchError, SearchFilters, SearchHit, Store};
use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::fmt::Write;

/// Output formats of `roundtable search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
}

/// What to search for, where, and how to print it.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words (all must match), alar* for a prefix, "fire alarm" for a phrase, OR / NOT;
    /// dates typed in it narrow it as on the Search screen (2024, 2024-03,
    /// 2023-09..2024-06, march 2024), unless --from or --to is given: then those are
    /// the dates, and dates typed in the query are left out
    pub query: String,
    /// Only this community [default: every community]
    #[arg(long)]
    pub community: Option<String>,
    /// Only what this member said (notes) or owns (actions)
    #[arg(long)]
    pub member: Option<String>,
    /// Only this kind, named as the app labels it: action (an action item, with its
    /// owner and due date), a note kind (note, idea, question, problem, pitfall,
    /// solution, decision, action-note) or agenda, leader-notes, topic, summary, outcome,
    /// evidence, improvement, follow-up, learned
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<HitKind>,
    /// From this day (YYYY-MM-DD), included (over a start typed in the query)
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Up to this day (YYYY-MM-DD), included (over an end typed in the query)
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// At most this many results, best first
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Text)]
    pub format: SearchFormat,
}

/// The kind's name on the command line and in JSON (`_` for `-`), as the app labels it:
/// `action` is the action item ("action" on screen), `action_note` the note of kind
/// action ("action note"); every other kind is its stored spelling.
pub fn kind_name(kind: HitKind) -> &'static str {
    match kind {
        HitKind::ActionItem => "action",
        HitKind::Note(crate::domain::note::NoteKind::Action) => "action_note",
        other => other.as_str(),
    }
}

/// `--kind`: a name of [`kind_name`] (`-` or `_`), or `action-item`, the action item's
/// older name.
fn parse_kind(s: &str) -> Result<HitKind, String> {
    let wanted = s.trim().replace('-', "_");
    let named = HitKind::all().into_iter().find(|k| kind_name(*k) == wanted);
    named
        .or_else(|| (wanted == "action_item").then_some(HitKind::ActionItem))
        .ok_or_else(|| {
            let all: Vec<String> = HitKind::all()
                .iter()
                .map(|k| kind_name(*k).replace('_', "-"))
                .collect();
            format!("unknown kind '{s}' (one of {})", all.join(", "))
        })
}

/// The JSON document. Field names are stable.
#[derive(Debug, Serialize)]
pub struct Report {
    pub query: String,
    pub hits: Vec<Hit>,
    /// More than [`CANDIDATES`] entries match: the hits are newest first, not ranked.
    pub limited: bool,
    /// A word of the query in more than [`RANK_WALK`] entries: matched but not ranked by.
    pub too_common: Option<String>,
    /// Whether the hits are ranked by relevance (else newest first).
    pub ranked: bool,
}

/// What the text says under hits ranked among the newest matches only.
fn limited_note() -> String {
    format!(
        "(More than {CANDIDATES} entries match: newest first, not ranked. Narrow with --community, --member, --kind, --from or --to, or add a rarer word, to rank them by relevance.)"
    )
}

/// One result, as `--format json` writes it.
#[derive(Debug, Serialize)]
pub struct Hit {
    /// The kind's name as `--kind` takes it, `_` for `-` (`idea`, `agenda`, `action`,
    /// `action_note`, `follow_up`, …).
    pub kind: &'static str,
    /// The kind, for the text format's label.
    #[serde(skip)]
    pub hit_kind: HitKind,
    pub community_id: CommunityId,
    pub community: String,
    pub meeting_id: Option<MeetingId>,
    pub meeting: Option<String>,
    pub day: Option<NaiveDate>,
    pub member: Option<String>,
    /// The text around the match, unmarked.
    pub snippet: String,
    /// The matched words, in the order they appear in the snippet.
    pub matched: Vec<String>,
    /// The snippet in pieces, each with whether it matched (for the text format).
    #[serde(skip)]
    pub pieces: Vec<(String, bool)>,
}

impl From<SearchHit> for Hit {
    fn from(h: SearchHit) -> Self {
        let pieces = marked_pieces(&h.snippet);
        Hit {
            kind: kind_name(h.kind),
            hit_kind: h.kind,
            community_id: h.community_id,
            community: h.community,
            meeting_id: h.meeting.as_ref().map(|m| m.0),
            meeting: h.meeting.map(|m| m.1),
            day: h.day,
            member: h.member,
            snippet: h.snippet.replace([MARK_START, MARK_END], ""),
            matched: pieces
                .iter()
                .filter(|(_, m)| *m)
                .map(|(s, _)| s.clone())
                .collect(),
            pieces,
        }
    }
}

/// Runs the search the arguments describe.
pub fn report(store: &Store, args: &SearchArgs) -> Result<Report> {
    let community = match &args.community {
        Some(name) => Some(store.community_by_name(name)?.id),
        None => None,
    };
    let member = match &args.member {
        None => None,
        Some(name) => match store.members_named(name, community)?.as_slice() {
            [] => {
                let names = store.member_names(community)?;
                bail!(
                    "nobody called '{}'{}{}",
                    one_line(name.trim()),
                    if community.is_some() {
                        " in that community"
                    } else {
                        ""
                    },
                    did_you_mean(&closest(name, &names, 3))
                )
            }
            [(id, _)] => Some(*id),
            [(id, c), rest @ ..] if rest.iter().all(|(_, rc)| rc == c) => Some(*id),
            _ => bail!(
                "more than one community has a member called '{}'; pass --community NAME",
                name.trim()
            ),
        },
    };
    // Dates typed in the query read as on the Search screen, unless --from or --to is
    // given: then those alone are the dates (one end from a flag and the other from
    // the query would make a range nobody wrote).
    let (words, typed_from, typed_to) = split_dates(&args.query);
    let (from, to) = match (args.from, args.to) {
        (None, None) => (typed_from, typed_to),
        flags => flags,
    };
    if let Some(problem) = bad_date_word(&args.query) {
        bail!("{problem}");
    }
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        bail!("{}", backwards(from, to));
    }
    let filters = SearchFilters {
        community,
        member,
        kind: args.kind,
        from,
        to,
    };
    let page = store
        .search_page(&words, &filters, args.limit, 0)
        .map_err(|e| match e {
            SearchError::Query(q) => anyhow!("{q}"),
            SearchError::Store(s) => anyhow!(s),
        })?;
    Ok(Report {
        query: args.query.clone(),
        hits: page.hits.into_iter().map(Hit::from).collect(),
        limited: page.limited,
        too_common: page.too_common,
        ranked: page.ranked,
    })
}

/// Text: a line saying where each hit is from, then its snippet with `[…]` around
/// the matched words; every user text on one line.
pub fn text(r: &Report) -> String {
    if r.hits.is_empty() {
        return format!("No results for {}.\n", one_line(&r.query));
    }
    let mut out = String::new();
    for (i, h) in r.hits.iter().enumerate() {
        let mut head = vec![h.day.map_or_else(|| "undated".into(), |d| d.to_string())];
        head.push(one_line(&h.community));
        if let Some(m) = &h.meeting {
            head.push(one_line(m));
        }
        let kind = h.hit_kind.label();
        head.push(match &h.member {
            Some(who) => format!("{kind} · {}", one_line(who)),
            None => kind.to_string(),
        });
        let _ = writeln!(out, "{}. {}", i + 1, head.join(" · "));
        let snippet: String = h
            .pieces
            .iter()
            .map(|(s, m)| {
                if *m {
                    format!("[{}]", one_line(s))
                } else {
                    one_line(s)
                }
            })
            .collect();
        let _ = writeln!(out, "   {snippet}");
    }
    if r.limited {
        let _ = writeln!(out, "{}", limited_note());
    } else if let Some(word) = &r.too_common {
        let word = one_line(word);
        let _ = if r.ranked {
            writeln!(
                out,
                "(Ranked without {word}: it is in more than {RANK_WALK} entries.)"
            )
        } else {
            writeln!(
                out,
                "({word} is in more than {RANK_WALK} entries, too common to rank by: newest first. Add a rarer word to rank.)"
            )
        };
    }
    out
}

/// `roundtable search`.
pub fn run(db: &std::path::Path, args: &SearchArgs) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let r = report(&store, args)?;
    let out = match args.format {
        SearchFormat::Text => text(&r),
        SearchFormat::Json => {
            let mut s = serde_json::to_string_pretty(&r)?;
            s.push('\n');
            s
        }
    };
    super::print_out(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names `--kind` takes are the app's labels (the trial found `action` and
    /// `action-item` swapped against them): each kind's name reads back as it, and
    /// says what its label says.
    #[test]
    fn kind_names_are_the_labels_on_screen() {
        use crate::domain::note::NoteKind;
        assert_eq!(parse_kind("action"), Ok(HitKind::ActionItem));
        assert_eq!(HitKind::ActionItem.label(), "action");
        assert_eq!(
            parse_kind("action-note"),
            Ok(HitKind::Note(NoteKind::Action))
        );
        assert_eq!(HitKind::Note(NoteKind::Action).label(), "action note");
        // The older name still reads.
        assert_eq!(parse_kind("action-item"), Ok(HitKind::ActionItem));
        for kind in HitKind::all() {
            let name = kind_name(kind);
            assert_eq!(parse_kind(&name.replace('_', "-")), Ok(kind), "{name}");
        }
    }

    #[test]
    fn a_limited_ranking_is_said_under_the_hits() {
        let hit = SearchHit {
            entry: 17,
            kind: HitKind::Agenda,
            community_id: CommunityId::new(1),
            community: "Club".into(),
            meeting: None,
            day: None,
            member: None,
            snippet: format!("a {MARK_START}word{MARK_END}"),
        };
        let mut r = Report {
            query: "word".into(),
            hits: vec![Hit::from(hit)],
            limited: false,
            too_common: None,
            ranked: true,
        };
        assert!(!text(&r).contains("newest"));
        r.limited = true;
        let out = text(&r);
        assert!(out.contains("   a [word]\n"), "{out}");
        assert!(
            out.ends_with(&format!("More than {CANDIDATES} entries match: newest first, not ranked. Narrow with --community, --member, --kind, --from or --to, or add a rarer word, to rank them by relevance.)\n")),
            "{out}"
        ); // A word too common to rank by, its escape sequence shown inert.
        r.limited = false;
        r.too_common = Some("th\x1b[31me".into());
        let out = text(&r);
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(
            out.ends_with(&format!(
                "(Ranked without th␛[31me: it is in more than {RANK_WALK} entries.)\n"
            )),
            "{out}"
        );
        r.ranked = false;
        let out = text(&r);
        assert!(
            out.contains("too common to rank by: newest first. Add a rarer word to rank.)"),
            "{out}"
        );
    }
}
