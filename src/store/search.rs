//! Full-text search over `search_fts` (migration 0008): ranked hits with a marked
//! snippet, narrowed by community, member, kind and dates.

use super::read::{date_at, opt_ts_at};
use super::{Store, StoreError};
use crate::domain::search::{HitKind, MARK_END, MARK_START, QueryError, fts_query};
use crate::domain::{CommunityId, MeetingId, MemberId};
use chrono::NaiveDate;
use rusqlite::types::Value;

/// What narrows a search. `None` everywhere: everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilters {
    pub community: Option<CommunityId>,
    /// The speaker of a note, the owner of an action.
    pub member: Option<MemberId>,
    pub kind: Option<HitKind>,
    /// First and last day, both included (the meeting's day, or when it was written).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The index entry (`search_fts.rowid`): its source row's id × 16 + a kind code.
    pub entry: i64,
    pub kind: HitKind,
    pub community_id: CommunityId,
    pub community: String,
    /// The meeting it was said or planned in, with its title.
    pub meeting: Option<(MeetingId, String)>,
    /// The meeting's day, or the day it was written (a cycle's: the day it started).
    pub day: Option<NaiveDate>,
    /// The speaker of a note, the owner of an action.
    pub member: Option<String>,
    /// The matched text around the match, matched words between
    /// [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
}

/// The most matches ranked by relevance; more are shown newest first (see
/// [`Store::search_page`]).
pub const CANDIDATES: u32 = 2000;

/// A page of hits, and whether the ranking left older matches out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// More than [`CANDIDATES`] entries match: the hits are newest first, not ranked
    /// (the screen and the command line say so).
    pub limited: bool,
}

/// Why a search gave no results list.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query cannot be searched; the message says how to write one.
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// The hits of [`Store::search_page`] alone.
    pub fn search(
        &self,
        query: &str,
        filters: &SearchFilters,
        limit: u32,
        offset: u32,
    ) -> std::result::Result<Vec<SearchHit>, SearchError> {
        Ok(self.search_page(query, filters, limit, offset)?.hits)
    }

    /// `limit` hits after `offset`: best first (bm25 over the text; ties by newest
    /// entry) when at most [`CANDIDATES`] entries match, else newest first
    /// ([`SearchPage::limited`]): bm25 reads every matching entry once per query, so a
    /// common word over ten years would cost in proportion to the history. A malformed
    /// query is [`SearchError::Query`], never an SQLite error.
    pub fn search_page(
        &self,
        query: &str,
        filters: &SearchFilters,
        limit: u32,
        offset: u32,
    ) -> std::result::Result<SearchPage, SearchError> {
        let words = fts_query(query)?;
        let mut tags = Vec::new();
        if let Some(c) = filters.community {
            tags.push(format!("c{c}"));
        }
        if let Some(m) = filters.member {
            tags.push(format!("m{m}"));
        }
        if let Some(k) = filters.kind {
            tags.push(k.tag());
        }
        let mut fts = format!("body : ({words})");
        if !tags.is_empty() {
            fts.push_str(&format!(" AND tags : ({})", tags.join(" AND ")));
        }
        let dated = filters.from.is_some() || filters.to.is_some();
        let (from, to) = if dated {
            (
                Value::Text(filters.from.map_or("0000-01-01".into(), |d| d.to_string())),
                Value::Text(filters.to.map_or("9999-12-31".into(), |d| d.to_string())),
            )
        } else {
            (Value::Null, Value::Null)
        };
        let run = || -> rusqlite::Result<SearchPage> {
            let found: u32 = self
                .conn()
                .prepare_cached(COUNT_SQL)?
                .query_row(rusqlite::params![fts, from, to, CANDIDATES], |r| r.get(0))?;
            let sql = if found > CANDIDATES {
                NEWEST_SQL
            } else {
                SEARCH_SQL
            };
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map(
                rusqlite::params![
                    fts,
                    limit,
                    offset,
                    from,
                    to,
                    MARK_START.to_string(),
                    MARK_END.to_string(),
                    CANDIDATES
                ],
                |r| {
                    let kind: String = r.get(0)?;
                    let meeting_id: Option<MeetingId> = r.get(3)?;
                    let title: Option<String> = r.get(4)?;
                    let held = opt_ts_at(r, 5)?;
                    let day = match held {
                        Some(t) => Some(t.date_naive()),
                        None => written_day(r, 6)?,
                    };
                    Ok(SearchHit {
                        entry: r.get(9)?,
                        kind: HitKind::parse(&kind).ok_or_else(|| {
                            rusqlite::Error::FromSqlConversionFailure(
                                0,
                                rusqlite::types::Type::Text,
                                format!("search_fts.kind holds {kind:?}").into(),
                            )
                        })?,
                        community_id: r.get(1)?,
                        community: r.get(2)?,
                        meeting: meeting_id.zip(title),
                        day,
                        member: r.get(7)?,
                        snippet: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    })
                    .and_then(|hit| Ok((hit, r.get::<_, u32>(10)?)))
                },
            )?;
            let mut page = SearchPage {
                hits: Vec::new(),
                limited: false,
            };
            for row in rows {
                let (hit, found) = row?;
                page.limited = found > CANDIDATES;
                page.hits.push(hit);
            }
            Ok(page)
        };
        run().map_err(|e| match syntax_error(&e) {
            Some(msg) => SearchError::Query(QueryError::Malformed(msg)),
            None => SearchError::Store(e.into()),
        })
    }
}

/// The query. `cand`: the newest ?8 + 1 matching entries (FTS5 walks its index in rowid
/// order, so no sort; only the index and the UNINDEXED columns; the day only when a date
/// filter is given, ?4 non-null), each with its score. `hits`: the page of the best of
/// the newest ?8. Then names and titles for that page alone, each by primary key, and its
/// snippets (16 words of context) by rowid; `found` (column 10) says whether more than
/// ?8 matched. The score is bm25 (`rank`) or, in [`NEWEST_SQL`], none (newest first).
macro_rules! search_sql {
    ($score:literal) => {
        concat!(
            "WITH cand AS MATERIALIZED (
        SELECT f.rowid AS id, f.kind, f.community_id, f.meeting_id, f.member_id, f.at, ",
            $score,
            " AS score
        FROM search_fts f
        WHERE search_fts MATCH ?1
          AND (?4 IS NULL
               OR substr(coalesce((SELECT coalesce(started_at, scheduled_at) FROM meeting
                                   WHERE id = f.meeting_id), f.at), 1, 10)
                  BETWEEN ?4 AND ?5)
        ORDER BY f.rowid DESC
        LIMIT ?8 + 1),
    hits AS (
        SELECT * FROM (SELECT * FROM cand ORDER BY id DESC LIMIT ?8)
        ORDER BY score, id DESC
        LIMIT ?2 OFFSET ?3)
    SELECT h.kind, h.community_id, c.name, h.meeting_id, m.title,
           coalesce(m.started_at, m.scheduled_at), h.at, p.name,
           (SELECT snippet(search_fts, 0, ?6, ?7, '…', 16) FROM search_fts
            WHERE search_fts MATCH ?1 AND rowid = h.id),
           h.id, (SELECT count(*) FROM cand)
    FROM hits h
    JOIN community c ON c.id = h.community_id
    LEFT JOIN meeting m ON m.id = h.meeting_id
    LEFT JOIN member p ON p.id = h.member_id
    ORDER BY h.score, h.id DESC"
        )
    };
}

/// Ranked by bm25: only when at most ?8 entries match, since bm25 reads every matching
/// entry once per query (its IDF counts them), however few are ranked.
const SEARCH_SQL: &str = search_sql!("f.rank");
/// Newest first, for a query matching more than ?8 entries.
const NEWEST_SQL: &str = search_sql!("0");
/// Whether more than ?4 entries match (a walk of at most ?4 + 1 rowids, no positions).
const COUNT_SQL: &str = "SELECT count(*) FROM (
        SELECT 1 FROM search_fts f
        WHERE search_fts MATCH ?1
          AND (?2 IS NULL
               OR substr(coalesce((SELECT coalesce(started_at, scheduled_at) FROM meeting
                                   WHERE id = f.meeting_id), f.at), 1, 10)
                  BETWEEN ?2 AND ?3)
        LIMIT ?4 + 1)";

/// The day of `at`: a stored instant or a stored date (a cycle's start).
fn written_day(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let at: Option<String> = r.get(i)?;
    match at {
        None => Ok(None),
        Some(s) if s.len() == 10 => date_at(r, i).map(Some),
        Some(_) => Ok(opt_ts_at(r, i)?.map(|t| t.date_naive())),
    }
}

/// FTS5's complaint about a query, in words a leader can act on; `None` for any other
/// error (reported as a database error).
fn syntax_error(e: &rusqlite::Error) -> Option<String> {
    let msg = match e {
        rusqlite::Error::SqliteFailure(_, Some(m)) => m.as_str(),
        _ => return None,
    };
    if let Some(near) = msg.strip_prefix("fts5: syntax error near ") {
        let near = near.trim_matches('"');
        return Some(if near.is_empty() {
            "the query ends too early".to_string()
        } else {
            format!("the query does not read near {near}")
        });
    }
    (msg.starts_with("fts5:") || msg.starts_with("unknown special query"))
        .then(|| "the query cannot be read".to_string())
}

impl SearchHit {
    /// The row the hit's text comes from (a note's id for a note, an agenda item's for
    /// its title or leader notes).
    pub fn source_id(&self) -> i64 {
        self.entry.div_euclid(16)
    }
}

impl Store {
    /// Members (guests included) called `name`, any case, in `community` or in any.
    pub fn members_named(
        &self,
        name: &str,
        community: Option<CommunityId>,
    ) -> super::Result<Vec<(MemberId, CommunityId)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, community_id FROM member
             WHERE name = ?1 COLLATE NOCASE AND (?2 IS NULL OR community_id = ?2)
             ORDER BY is_guest, id",
        )?;
        let rows = stmt.query_map(rusqlite::params![name.trim(), community], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table the search reads is reached through the FTS index or a primary key:
    /// no plan step scans a table; the candidates come in rowid order from the index
    /// (only the bounded candidates are sorted, for their rank).
    #[test]
    fn the_search_never_scans_a_table() {
        let store = Store::open_in_memory().unwrap();
        for (dated, query) in [(None, SEARCH_SQL), (Some("2026-01-01"), NEWEST_SQL)] {
            let sql = ["EXPLAIN QUERY PLAN ", query].concat();
            let mut stmt = store.conn().prepare(&sql).unwrap();
            let steps: Vec<String> = stmt
                .query_map(
                    rusqlite::params!["x", 20, 0, dated, "2026-12-31", "[", "]", 2000],
                    |r| r.get(3),
                )
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                steps.iter().any(|s| s.contains("VIRTUAL TABLE INDEX")),
                "{steps:#?}"
            );
            let sorts = steps.iter().filter(|s| s.contains("TEMP B-TREE")).count();
            assert_eq!(sorts, 1, "one sort, of the candidates: {steps:#?}");
            for s in &steps {
                // The bounded candidates and page are scanned (at most CANDIDATES rows).
                let bounded = s == "SCAN h" || s == "SCAN cand" || s.starts_with("SCAN (subquery-");
                let scans_table =
                    s.starts_with("SCAN ") && !s.contains("VIRTUAL TABLE") && !bounded;
                assert!(!scans_table, "{s} in {steps:#?}");
            }
        }
    }
}
