//! Full-text search over `search_fts` (migration 0008): ranked hits with a marked
//! snippet, narrowed by community, member, kind and dates.

use super::read::{date_at, opt_ts_at};
use super::{Store, StoreError, ts};
use crate::domain::meeting::local_day_start;
use crate::domain::search::{
    HitKind, MARK_END, MARK_START, QueryError, fts_query, fts_terms, has_near,
};
use crate::domain::{CommunityId, MeetingId, MemberId, NoteId};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;

/// What narrows a search. `None` everywhere: everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilters {
    pub community: Option<CommunityId>,
    /// The speaker of a note, the owner of an action.
    pub member: Option<MemberId>,
    pub kind: Option<HitKind>,
    /// First and last local day, both included (the meeting's day, or when it was
    /// written; a cycle's topic and summary: the day it started; its outcome and
    /// evidence: the day it closed, while it has one).
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
    /// The meeting's local day, or the local day it was written (a cycle's: the day it
    /// started, or for its outcome and evidence the day it closed; migration 0015).
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

/// The most entries a word may be in and still be ranked by. bm25 reads every entry each
/// word of the query is in (its IDF), however few entries are ranked, so a word in more
/// (`the` is in nearly all) is matched but not ranked by, as a stopword would be: the
/// hits are ranked by the query's other words, or shown newest first
/// ([`SearchPage::too_common`]).
pub const RANK_WALK: u32 = 10_000;

/// A page of hits, and whether the ranking left older matches out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    /// More than [`CANDIDATES`] entries match: the hits are newest first, not ranked
    /// (the screen and the command line say so).
    pub limited: bool,
    /// A word of the query in more than [`RANK_WALK`] entries, not ranked by: the hits
    /// are ranked by the other words, or newest first when it has none.
    pub too_common: Option<String>,
    /// Whether the hits are ranked by relevance (else newest first; false without hits).
    pub ranked: bool,
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
    /// common word over ten years would cost in proportion to the history. When the
    /// words alone match at most [`CANDIDATES`], the filters are tested on the index's
    /// columns instead of being ANDed into the MATCH (so bm25 never walks a filter
    /// token); a prefix is walked newest first without a count. A
    /// malformed query is [`SearchError::Query`], never an SQLite error.
    pub fn search_page(
        &self,
        query: &str,
        filters: &SearchFilters,
        limit: u32,
        offset: u32,
    ) -> std::result::Result<SearchPage, SearchError> {
        self.search_planned(query, filters, limit, offset, Plan::Choose, RANK_WALK)
    }

    /// [`Store::search_page`] with the MATCH chosen by `plan`, ranking by the words in at
    /// most `walk` entries ([`RANK_WALK`]; the tests lower it).
    fn search_planned(
        &self,
        query: &str,
        filters: &SearchFilters,
        limit: u32,
        offset: u32,
        plan: Plan,
        walk: u32,
    ) -> std::result::Result<SearchPage, SearchError> {
        let words = fts_query(query)?;
        let body = format!("body : ({words})");
        let months = match plan {
            #[cfg(test)]
            Plan::Unoptimized => None,
            _ => month_tokens(filters.from, filters.to),
        };
        let empty = SearchPage {
            hits: Vec::new(),
            limited: false,
            too_common: None,
            ranked: false,
        };
        if months.as_ref().is_some_and(Vec::is_empty) {
            return Ok(empty);
        }
        let tagged = tagged_match(&body, filters, months.as_deref());
        let dates = date_bounds(filters);
        let no_dates = [Value::Null, Value::Null, Value::Null, Value::Null];
        let run = || -> rusqlite::Result<SearchPage> {
            // When the words alone match at most CANDIDATES entries, they are the MATCH
            // and the filters are tested on the stored columns: bm25 then reads the
            // words' doclists only, never a filter token's (every entry of a community
            // carries its token). The hits are the same: a filter token scores nothing
            // (weight 0 on `tags`) and the words' IDF is over the whole table either way.
            // A prefix longer than the prefix indexes (2–8 characters, schema 10) is
            // merged over all its terms each time a cursor opens it: a prefix is not
            // counted first but walked newest first, and ranked in a second pass only
            // when the walk found at most CANDIDATES.
            let prefix = has_prefix(&words);
            // How many entries the words alone match (at most CANDIDATES + 1), once
            // counted: the rank gate's count of a one-word query.
            let mut words_count = None;
            // A count of none is the answer: no second walk (a phrase of common words
            // in an order never written reads every entry holding them). The words are
            // counted without the dates: testing a date reads the entry and its meeting,
            // for every match of a common word.
            let words_only = match plan {
                #[cfg(test)]
                Plan::Words => true,
                #[cfg(test)]
                Plan::Tagged => false,
                _ if tagged.is_none() || prefix => false,
                _ => match self.count(&body, &no_dates, CANDIDATES)? {
                    0 => return Ok(empty.clone()),
                    n => {
                        words_count = Some(n);
                        n <= CANDIDATES
                    }
                },
            };
            let (fts, [community, member, kind]) = match (&tagged, words_only) {
                (Some(t), false) => (t.as_str(), [Value::Null, Value::Null, Value::Null]),
                _ => (body.as_str(), column_filters(filters)),
            };
            // Every word too common to rank by: a page narrowed by tokens is newest
            // first whatever a count would say, so it is not counted (counting tests
            // each candidate's filters and day, reading its entry and its meeting, for
            // up to CANDIDATES + 1 of them) but walked newest first to the page's end.
            // A NEAR group is ranked in one step: its words are scored only where they
            // are near, which a MATCH of the words alone would not do.
            let reranks = plan.reranks() && !has_near(&words);
            let mut gate = None;
            if reranks && tagged.is_some() && !words_only && !prefix {
                let early = self.rank_gate(&words, walk, words_count)?;
                if early.rankable.is_empty() {
                    let params = (fts, &dates, [community, member, kind], (limit, offset));
                    let mut page = self.page_of(OPEN_SQL, &params, None)?;
                    page.too_common = early.common.map(str::to_string);
                    self.fill_snippets(fts, &mut page.hits)?;
                    return Ok(page);
                }
                gate = Some(early);
            }
            // Whether a count said how many match (at most CANDIDATES + 1).
            let counted = !(prefix && plan.chooses());
            let found = match (words_only, counted) {
                (true, _) => 0,
                (false, false) => CANDIDATES + 1,
                (false, true) => match self.count(fts, &dates, CANDIDATES)? {
                    0 => return Ok(empty),
                    n => {
                        if tagged.is_none() {
                            words_count = Some(n);
                        }
                        n
                    }
                },
            };
            let params = (fts, &dates, [community, member, kind], (limit, offset));
            let ranked = |params: &PageParams<'_>| -> rusqlite::Result<SearchPage> {
                if !reranks {
                    let page = self.page_of(plan.ranked_sql(), params, None)?;
                    return Ok(SearchPage {
                        ranked: !page.hits.is_empty(),
                        ..page
                    });
                }
                let gate = match &gate {
                    Some(gate) => gate.clone(),
                    None => self.rank_gate(&words, walk, words_count)?,
                };
                let mut page = match (gate.rankable.is_empty(), &gate.common) {
                    (true, _) => self.page_of(NEWEST_SQL, params, None)?,
                    (false, None) if fts == body => self.page_of(SEARCH_SQL, params, None)?,
                    (false, _) => self.page_of(RERANK_SQL, params, Some(&gate.scored()))?,
                };
                page.ranked = !gate.rankable.is_empty() && !page.hits.is_empty();
                page.too_common = gate.common.map(str::to_string);
                Ok(page)
            };
            let mut page = match (found > CANDIDATES, counted) {
                (false, _) => ranked(&params)?,
                (true, true) => self.page_of(plan.page_sql(), &params, None)?,
                (true, false) => self.page_of(plan.newest_sql(), &params, None)?,
            };
            if found > CANDIDATES && prefix && plan.chooses() && !page.limited {
                page = ranked(&params)?;
            }
            self.fill_snippets(fts, &mut page.hits)?;
            Ok(page)
        };
        run().map_err(|e| match syntax_error(&e) {
            Some(msg) => SearchError::Query(QueryError::Malformed(msg)),
            None => SearchError::Store(e.into()),
        })
    }

    /// How many entries `fts` matches within `dates` ([`date_bounds`]), counting at most
    /// `cap + 1` (a walk of that many rowids at most, no positions read).
    fn count(&self, fts: &str, dates: &[Value; 4], cap: u32) -> rusqlite::Result<u32> {
        self.conn().prepare_cached(COUNT_SQL)?.query_row(
            rusqlite::params![
                fts,
                Value::Null,
                Value::Null,
                dates[0],
                dates[1],
                dates[2],
                dates[3],
                cap
            ],
            |r| r.get(0),
        )
    }

    /// Which of the query's words ([`fts_terms`]) a ranking can read: those bm25 reads
    /// at most `walk` entries for ([`Store::rank_cost`]). `known`: how many entries the
    /// whole query matches without filters (at most CANDIDATES + 1), if counted: for a
    /// one-word query, its word's count, no walk needed when within CANDIDATES.
    fn rank_gate<'q>(
        &self,
        words: &'q str,
        walk: u32,
        known: Option<u32>,
    ) -> rusqlite::Result<RankGate<'q>> {
        let terms = fts_terms(words);
        let mut gate = RankGate {
            rankable: Vec::new(),
            common: None,
        };
        for &term in &terms {
            let within = match known {
                Some(n) if terms.len() == 1 && n <= CANDIDATES.min(walk) => true,
                _ => self.rank_cost(term, walk)? <= walk,
            };
            if within {
                gate.rankable.push(term);
            } else {
                gate.common.get_or_insert(term);
            }
        }
        Ok(gate)
    }

    /// About how many entries bm25 reads for `term` (its IDF walk), counting at most
    /// `walk + 1`: a word's or prefix's own; a phrase's, its rarest word's (FTS5 walks a
    /// phrase by its words' lists, so a phrase of common words costs their walk however
    /// rare the phrase: counting the phrase itself would cost the same walk).
    fn rank_cost(&self, term: &str, walk: u32) -> rusqlite::Result<u32> {
        let no_dates = [Value::Null, Value::Null, Value::Null, Value::Null];
        let words = phrase_words(term);
        if words.len() < 2 {
            return self.count(&format!("body : ({term})"), &no_dates, walk);
        }
        let mut rarest = walk + 1;
        for word in words {
            rarest = rarest.min(self.count(&format!("body : ({word})"), &no_dates, walk)?);
            if rarest <= walk {
                break;
            }
        }
        Ok(rarest)
    }

    /// One page of `sql` ([`SEARCH_SQL`], [`NEWEST_SQL`], …), snippets left empty;
    /// `scored` is [`RERANK_SQL`]'s MATCH of the words it ranks by (?12).
    fn page_of(
        &self,
        sql: &str,
        params: &PageParams<'_>,
        scored: Option<&str>,
    ) -> rusqlite::Result<SearchPage> {
        let (fts, [from, to, after, before], [community, member, kind], (limit, offset)) = params;
        let mut stmt = self.conn().prepare_cached(sql)?;
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![
            fts,
            limit,
            offset,
            from,
            to,
            after,
            before,
            &CANDIDATES,
            community,
            member,
            kind,
        ];
        if let Some(scored) = &scored {
            values.push(scored);
        }
        let rows = stmt.query_map(values.as_slice(), |r| {
            let kind: String = r.get(0)?;
            let meeting_id: Option<MeetingId> = r.get(3)?;
            let title: Option<String> = r.get(4)?;
            let held = opt_ts_at(r, 5)?;
            let day = match held {
                Some(t) => Some(local_day(t)),
                None => written_day(r, 6)?,
            };
            Ok(SearchHit {
                entry: r.get(8)?,
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
                snippet: String::new(),
            })
            .and_then(|hit| Ok((hit, r.get::<_, u32>(9)?)))
        })?;
        let mut page = SearchPage {
            hits: Vec::new(),
            limited: false,
            too_common: None,
            ranked: false,
        };
        for row in rows {
            let (hit, found) = row?;
            page.limited = found > CANDIDATES;
            page.hits.push(hit);
        }
        Ok(page)
    }

    /// The snippets of `hits` (16 words of context), in one pass of the MATCH over the
    /// page's rowid range: one cursor, so a prefix is merged once, not once a hit.
    fn fill_snippets(&self, fts: &str, hits: &mut [SearchHit]) -> rusqlite::Result<()> {
        let (Some(low), Some(high)) = (
            hits.iter().map(|h| h.entry).min(),
            hits.iter().map(|h| h.entry).max(),
        ) else {
            return Ok(());
        };
        let ids = hits.iter().map(|h| h.entry.to_string()).collect::<Vec<_>>();
        let mut stmt = self.conn().prepare_cached(SNIPPET_SQL)?;
        let rows = stmt.query_map(
            rusqlite::params![
                fts,
                MARK_START.to_string(),
                MARK_END.to_string(),
                low,
                high,
                format!(",{},", ids.join(","))
            ],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
        )?;
        let mut snippets = std::collections::HashMap::new();
        for row in rows {
            let (id, snippet) = row?;
            snippets.insert(id, snippet.unwrap_or_default());
        }
        for hit in hits {
            hit.snippet = snippets.remove(&hit.entry).unwrap_or_default();
        }
        Ok(())
    }
}

/// What [`Store::page_of`] binds: the MATCH, the days, the column filters, the page.
type PageParams<'a> = (&'a str, &'a [Value; 4], [Value; 3], (u32, u32));

/// The query's words ([`fts_terms`]) a ranking reads ([`Store::rank_gate`]): bm25 reads
/// every entry each word is in, so only words in at most [`RANK_WALK`] are ranked by.
#[derive(Clone)]
struct RankGate<'q> {
    rankable: Vec<&'q str>,
    /// The first word in more.
    common: Option<&'q str>,
}

impl RankGate<'_> {
    /// [`RERANK_SQL`]'s MATCH (?12): any of the words ranked by, in the body. Every
    /// entry the query matches holds one unless it matched by a common word alone (an
    /// `OR`), and is then shown after the ranked ones. Its bm25 is the query's: a word is
    /// scored by the same IDF and counts, a filter token scores nothing (weight 0 on
    /// `tags`), and a common word left out would have scored little (few are in more
    /// than [`RANK_WALK`] of a history's entries; `the`, in most, scores nothing).
    fn scored(&self) -> String {
        format!("body : ({})", self.rankable.join(" OR "))
    }
}

/// The date filter's bounds: the first and last day (`YYYY-MM-DD`) for entries dated by a
/// day (a cycle's start), and the instants the first day begins and the day after the last
/// begins, in the local time zone, for entries dated by an instant: a meeting held at
/// 00:30 local time counts on that local day, as in History. All null without dates.
fn date_bounds(filters: &SearchFilters) -> [Value; 4] {
    if filters.from.is_none() && filters.to.is_none() {
        return [Value::Null, Value::Null, Value::Null, Value::Null];
    }
    let after = filters
        .from
        .map_or("0000".into(), |d| ts(local_day_start(d, &chrono::Local)));
    let before = match filters.to.and_then(|d| d.succ_opt()) {
        Some(next) => ts(local_day_start(next, &chrono::Local)),
        None => "9999".into(),
    };
    [
        Value::Text(filters.from.map_or("0000-01-01".into(), |d| d.to_string())),
        Value::Text(filters.to.map_or("9999-12-31".into(), |d| d.to_string())),
        Value::Text(after),
        Value::Text(before),
    ]
}

/// The month tokens of `tags` (migration 0015: `ym` and the UTC month an entry is
/// dated in) that an entry on a local day from `from` to `to` (an open end: any) can
/// carry: every month overlapping the days a day wider each side (a local day begins
/// within a day of its UTC midnight), a year wholly inside as its prefix (`ym2019*`),
/// and a decade, century or millennium likewise (`ym202*`, `ym2*`: read from FTS5's
/// prefix indexes, 3 to 6 characters). `None` without dates; empty when no day is
/// between them (nothing is found). The exact local day is still tested
/// ([`date_filter!`]): these let through a day or so more at each end.
fn month_tokens(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<Vec<String>> {
    if from.is_none() && to.is_none() {
        return None;
    }
    // Months as year × 12 + month − 1, within the four-digit years stored.
    let month = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let low = from.map_or(0, |d| d.pred_opt().map_or(0, month)).max(0);
    let high = to
        .map_or(i64::MAX, |d| d.succ_opt().map_or(i64::MAX, month))
        .min(9999 * 12 + 11);
    let mut tokens = Vec::new();
    let mut m = low;
    while m <= high {
        let year = m / 12;
        // The widest aligned block of whole years from January `year` inside.
        let block = [1000, 100, 10, 1]
            .into_iter()
            .find(|&span| m % 12 == 0 && year % span == 0 && (year + span) * 12 - 1 <= high);
        match block {
            Some(span) => {
                let digits = 4 - span.ilog10() as usize;
                tokens.push(format!("ym{}*", &format!("{year:04}")[..digits]));
                m += span * 12;
            }
            None => {
                tokens.push(format!("ym{year:04}{:02}", m % 12 + 1));
                m += 1;
            }
        }
    }
    Some(tokens)
}

/// The local day of an instant (the day the leader saw it).
fn local_day(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    t.with_timezone(&chrono::Local).date_naive()
}

/// The words of a quoted phrase from [`fts_terms`] (`"hand over"*` → `"hand"`,
/// `"over"*`), each as FTS5 reads it alone, split where the tokenizer splits (any
/// character not a letter or digit); empty for a bare word or prefix.
fn phrase_words(term: &str) -> Vec<String> {
    let Some(inside) = term.strip_prefix('"') else {
        return Vec::new();
    };
    let (inside, star) = match inside.strip_suffix("\"*") {
        Some(inside) => (inside, "*"),
        None => (inside.strip_suffix('"').unwrap_or(inside), ""),
    };
    let words: Vec<&str> = inside
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("\"{w}\"{}", if i == last { star } else { "" }))
        .collect()
}

/// Whether an FTS5 query (from [`fts_query`]) has a prefix (`*` outside quotes).
fn has_prefix(fts: &str) -> bool {
    let mut quoted = false;
    fts.chars().any(|c| {
        if c == '"' {
            quoted = !quoted;
        }
        c == '*' && !quoted
    })
}

/// Which MATCH a search runs: [`Plan::Choose`] in the app; the tests force the others
/// to show they give the same hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// The words alone when they match at most [`CANDIDATES`] entries, else the tagged.
    Choose,
    /// The words and the filter tokens in the MATCH.
    #[cfg(test)]
    Tagged,
    /// The words in the MATCH, the filters on the stored columns ([`column_filter!`]).
    #[cfg(test)]
    Words,
    /// [`Plan::Choose`] with round 4's queries: every candidate read with its columns,
    /// ranked candidates walked newest first, a newest-first page from the newest
    /// CANDIDATES + 1 even when a count said more match. The tests check both give the
    /// same page.
    #[cfg(test)]
    Unoptimized,
}

impl Plan {
    /// Whether the words alone are counted first, a prefix walked without a count.
    fn chooses(self) -> bool {
        match self {
            #[cfg(test)]
            Plan::Tagged | Plan::Words => false,
            _ => true,
        }
    }

    /// Whether a ranked page is ranked by the words in at most [`RANK_WALK`] entries
    /// ([`RankGate`]), tagged pages in two steps ([`RERANK_SQL`]); the other plans rank
    /// by every word in one step, as the tests' reference.
    fn reranks(self) -> bool {
        self == Plan::Choose
    }

    /// The query of a ranked page.
    fn ranked_sql(self) -> &'static str {
        match self {
            #[cfg(test)]
            Plan::Unoptimized => tests::UNOPTIMIZED_RANKED_SQL,
            _ => SEARCH_SQL,
        }
    }

    /// The query of a newest-first page when no count was made (a prefix).
    fn newest_sql(self) -> &'static str {
        match self {
            #[cfg(test)]
            Plan::Unoptimized => tests::UNOPTIMIZED_NEWEST_SQL,
            _ => NEWEST_SQL,
        }
    }

    /// The query of a newest-first page when a count said more than CANDIDATES match.
    fn page_sql(self) -> &'static str {
        match self {
            #[cfg(test)]
            Plan::Unoptimized => tests::UNOPTIMIZED_NEWEST_SQL,
            _ => PAGE_SQL,
        }
    }
}

/// The words ANDed with the filter tokens of the `tags` column, the months any of
/// `months` ([`month_tokens`]); `None` without a community, member, kind or months.
fn tagged_match(body: &str, filters: &SearchFilters, months: Option<&[String]>) -> Option<String> {
    let mut tags = Vec::new();
    if let Some(months) = months {
        tags.push(format!("({})", months.join(" OR ")));
    }
    if let Some(c) = filters.community {
        tags.push(format!("c{c}"));
    }
    if let Some(m) = filters.member {
        tags.push(format!("m{m}"));
    }
    if let Some(k) = filters.kind {
        tags.push(k.tag());
    }
    (!tags.is_empty()).then(|| format!("{body} AND tags : ({})", tags.join(" AND ")))
}

/// The filters as values tested on a candidate's stored columns ([`column_filter!`]: ?9
/// community, ?10 member, ?11 the kind's token; NULL: any).
fn column_filters(filters: &SearchFilters) -> [Value; 3] {
    [
        filters
            .community
            .map_or(Value::Null, |c| Value::Integer(c.get())),
        filters
            .member
            .map_or(Value::Null, |m| Value::Integer(m.get())),
        filters.kind.map_or(Value::Null, |k| Value::Text(k.tag())),
    ]
}

/// The filters of `search_sql!` when they are not in the MATCH (?9–?11,
/// [`column_filters`]): the community by its column; the member and the kind by the
/// tokens of the stored `tags`, as the MATCH reads them, since an entry that stands for a
/// note and the action item taken from it holds two kinds and two members (migration
/// 0014), while its `kind` and `member_id` columns hold what the hit shows.
macro_rules! column_filter {
    () => {
        "
          AND (?9 IS NULL OR f.community_id = ?9)
          AND (?10 IS NULL OR instr(' ' || f.tags || ' ', ' m' || ?10 || ' ') > 0)
          AND (?11 IS NULL OR instr(' ' || f.tags || ' ', ' ' || ?11 || ' ') > 0)"
    };
}

/// The date filter of `search_sql!` and [`COUNT_SQL`] (?4–?7, [`date_bounds`]): an
/// entry of a meeting by the meeting's instant, a cycle's by its day, others by theirs.
macro_rules! date_filter {
    () => {
        "
          AND (?4 IS NULL OR CASE
               WHEN f.meeting_id IS NOT NULL THEN (
                   SELECT coalesce(started_at, scheduled_at) >= ?6
                      AND coalesce(started_at, scheduled_at) < ?7
                   FROM meeting WHERE id = f.meeting_id)
               WHEN length(f.at) = 10 THEN f.at BETWEEN ?4 AND ?5
               ELSE f.at >= ?6 AND f.at < ?7 END)"
    };
}

/// The query. `cand`: the matching entries' rowids with their score, newest first in
/// [`NEWEST_SQL`] and [`PAGE_SQL`], oldest first in [`SEARCH_SQL`] (FTS5 walks its index
/// in rowid order, so no sort): ?8 + 1 of them, or in [`PAGE_SQL`] the newest `offset +
/// limit` (at most ?8). The stored columns are read for a candidate only to test a
/// filter given (the day only when a date filter is given, ?4 non-null; ?9–?11 when they
/// are not in the MATCH): each is a lookup in the content table, so the page's own are
/// read after, by rowid. `hits`: the page of the best of the newest ?8. Then its columns,
/// names and titles, each by primary key (the snippets come after, from [`SNIPPET_SQL`]);
/// column 9 says whether more than ?8 matched (`$found`). ?4–?7 are [`date_bounds`]. The
/// score is bm25 (`rank`) or, newest first, none.
macro_rules! search_sql {
    ($score:literal, $order:literal, $cand:literal, $found:literal) => {
        concat!(
            "WITH cand AS MATERIALIZED (
        SELECT f.rowid AS id, ",
            $score,
            " AS score
        FROM search_fts f
        WHERE search_fts MATCH ?1",
            date_filter!(),
            column_filter!(),
            "
        ORDER BY f.rowid ",
            $order,
            "
        LIMIT ",
            $cand,
            "),
    hits AS (
        SELECT * FROM (SELECT * FROM cand ORDER BY id DESC LIMIT ?8)
        ORDER BY score, id DESC
        LIMIT ?2 OFFSET ?3)",
            page_select!($found)
        )
    };
}

/// The page's columns from `hits` (rowid `id`, `score`) in its order, each read by
/// primary key; column 9 is `$found` (whether more than ?8 matched).
macro_rules! page_select {
    ($found:expr) => {
        concat!(
            "
    SELECT f.kind, f.community_id, c.name, f.meeting_id, m.title,
           coalesce(m.started_at, m.scheduled_at), f.at, p.name,
           h.id, ",
            $found,
            "
    FROM hits h
    JOIN search_fts f ON f.rowid = h.id
    JOIN community c ON c.id = f.community_id
    LEFT JOIN meeting m ON m.id = f.meeting_id
    LEFT JOIN member p ON p.id = f.member_id
    ORDER BY h.score, h.id DESC"
        )
    };
}

/// Ranked by bm25: only when at most ?8 entries match, since bm25 reads every matching
/// entry once per query (its IDF counts them), however few are ranked. Those are all
/// the candidates, so they are walked oldest first: the same rows, and FTS5 walks a
/// doclist forwards in about half the time it takes backwards (a rare phrase of
/// common words, every matching row read either way).
const SEARCH_SQL: &str = search_sql!("f.rank", "ASC", "?8 + 1", "(SELECT count(*) FROM cand)");
/// Ranked in two steps, when the MATCH (?1) has filter tokens or a word in more than
/// [`RANK_WALK`] entries: its candidates (at most ?8 + 1, no score: the walk reads no
/// positions and no IDF), then the bm25 of each from a second MATCH (?12,
/// [`RankGate::scored`]) of the words ranked by, walked between the candidates' first and
/// last rowid. So bm25 reads the doclists of rankable words only, never a month's, a
/// year's, a community's or a common word's. `CROSS JOIN` keeps the second MATCH the
/// outer loop (one cursor: a rowid lookup per candidate would read the IDF each time)
/// and reads the score only for candidates. A candidate it does not match (an `OR` of
/// common words) comes after the ranked ones, newest first.
const RERANK_SQL: &str = concat!(
    "WITH cand AS MATERIALIZED (
        SELECT f.rowid AS id
        FROM search_fts f
        WHERE search_fts MATCH ?1",
    date_filter!(),
    column_filter!(),
    "
        ORDER BY f.rowid ASC
        LIMIT ?8 + 1),
    scored AS MATERIALIZED (
        SELECT s.rowid AS id, s.rank AS score
        FROM search_fts s CROSS JOIN cand c
        WHERE s.search_fts MATCH ?12
          AND s.rowid BETWEEN (SELECT min(id) FROM cand) AND (SELECT max(id) FROM cand)
          AND c.id = s.rowid),
    hits AS (
        SELECT c.id, coalesce(sc.score, 1.0) AS score
        FROM (SELECT id FROM cand ORDER BY id DESC LIMIT ?8) c
        LEFT JOIN scored sc ON sc.id = c.id
        ORDER BY score, c.id DESC
        LIMIT ?2 OFFSET ?3)",
    page_select!("(SELECT count(*) FROM cand)")
);
/// Newest first, for a prefix (not counted first): the walk of at most ?8 + 1 rowids
/// says whether more than ?8 match.
const NEWEST_SQL: &str = search_sql!("0", "DESC", "?8 + 1", "(SELECT count(*) FROM cand)");
/// Newest first, not counted (every word too common to rank by): the entries up to the
/// page's end and one more are walked; more than ?8 match only once the walk passes ?8.
const OPEN_SQL: &str = search_sql!(
    "0",
    "DESC",
    "min(?2 + ?3, ?8) + 1",
    "(SELECT count(*) FROM cand)"
);
/// Newest first, when a count said more than ?8 match: only the entries up to the
/// page's end are walked (the page of [`NEWEST_SQL`], without walking ?8 + 1).
const PAGE_SQL: &str = search_sql!("0", "DESC", "min(?2 + ?3, ?8)", "?8 + 1");
/// The snippets of the page's entries (?6: their rowids as `,1,2,`), in one walk of the
/// MATCH between rowids ?4 and ?5. `instr`, not `rowid IN`: an IN list would be offered
/// to FTS5 as one lookup (one cursor, one prefix merge) per rowid.
const SNIPPET_SQL: &str = "SELECT rowid, snippet(search_fts, 0, ?2, ?3, '…', 16)
        FROM search_fts
        WHERE search_fts MATCH ?1 AND rowid BETWEEN ?4 AND ?5
          AND instr(?6, ',' || rowid || ',') > 0";
/// Whether more than ?8 entries match (a walk of at most ?8 + 1 rowids, no positions);
/// ?4–?7 are [`date_bounds`], numbered as in `search_sql!` (?2, ?3 unused).
const COUNT_SQL: &str = concat!(
    "SELECT count(*) FROM (
        SELECT 1 FROM search_fts f
        WHERE search_fts MATCH ?1",
    date_filter!(),
    "
        LIMIT ?8 + 1)"
);

/// The day of `at`: a stored instant or a stored date (a cycle's start).
fn written_day(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let at: Option<String> = r.get(i)?;
    match at {
        None => Ok(None),
        Some(s) if s.len() == 10 => date_at(r, i).map(Some),
        Some(_) => Ok(opt_ts_at(r, i)?.map(local_day)),
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

/// The kind code of a note's entry (`search_fts.rowid` = the note's id × 16 + 1).
const NOTE_ENTRY: i64 = 1;

impl SearchHit {
    /// The row the hit's text comes from (a note's id for a note, an agenda item's for
    /// its title or leader notes).
    pub fn source_id(&self) -> i64 {
        self.entry.div_euclid(16)
    }

    /// The note the hit is: a note's, or an action item's that shares the entry of the
    /// note it was taken from (its title is what was said, migration 0014).
    pub fn note(&self) -> Option<NoteId> {
        (self.entry.rem_euclid(16) == NOTE_ENTRY).then(|| NoteId::new(self.source_id()))
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

    /// Every member's name (guests' too), in `community` or all, each once: the names a
    /// name that matched none is compared with (`domain::closest`).
    pub fn member_names(&self, community: Option<CommunityId>) -> super::Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT name FROM member WHERE ?1 IS NULL OR community_id = ?1 ORDER BY name",
        )?;
        let rows = stmt.query_map([community], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query as round 4 wrote it, the reference the tests compare the search with:
    /// every candidate read with its columns, the ranked ones walked newest first.
    macro_rules! unoptimized_sql {
        ($score:literal) => {
            concat!(
                "WITH cand AS MATERIALIZED (
        SELECT f.rowid AS id, f.kind, f.community_id, f.meeting_id, f.member_id, f.at, ",
                $score,
                " AS score
        FROM search_fts f
        WHERE search_fts MATCH ?1",
                date_filter!(),
                column_filter!(),
                "
        ORDER BY f.rowid DESC
        LIMIT ?8 + 1),
    hits AS (
        SELECT * FROM (SELECT * FROM cand ORDER BY id DESC LIMIT ?8)
        ORDER BY score, id DESC
        LIMIT ?2 OFFSET ?3)
    SELECT h.kind, h.community_id, c.name, h.meeting_id, m.title,
           coalesce(m.started_at, m.scheduled_at), h.at, p.name,
           h.id, (SELECT count(*) FROM cand)
    FROM hits h
    JOIN community c ON c.id = h.community_id
    LEFT JOIN meeting m ON m.id = h.meeting_id
    LEFT JOIN member p ON p.id = h.member_id
    ORDER BY h.score, h.id DESC"
            )
        };
    }
    pub(super) const UNOPTIMIZED_RANKED_SQL: &str = unoptimized_sql!("f.rank");
    pub(super) const UNOPTIMIZED_NEWEST_SQL: &str = unoptimized_sql!("0");

    /// Every table the search reads is reached through the FTS index or a primary key:
    /// no plan step scans a table; the candidates come in rowid order from the index
    /// (only the bounded candidates are sorted, for their rank).
    #[test]
    fn the_search_never_scans_a_table() {
        let store = Store::open_in_memory().unwrap();
        for (dated, filter, query) in [
            (None, None, SEARCH_SQL),
            (None, Some(1), SEARCH_SQL),
            (Some("2026-01-01"), None, NEWEST_SQL),
            (None, None, NEWEST_SQL),
            (None, None, PAGE_SQL),
            (Some("2026-01-01"), Some(1), PAGE_SQL),
        ] {
            let sql = ["EXPLAIN QUERY PLAN ", query].concat();
            let mut stmt = store.conn().prepare(&sql).unwrap();
            let steps: Vec<String> = stmt
                .query_map(
                    rusqlite::params![
                        "x",
                        20,
                        0,
                        dated,
                        "2026-12-31",
                        "[",
                        "]",
                        2000,
                        filter,
                        filter,
                        "note"
                    ],
                    |r| r.get(3),
                )
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // One walk of the MATCH; the page's columns read by rowid, after.
            let walks = steps.iter().filter(|s| s.contains(":M")).count();
            assert_eq!(walks, 1, "{steps:#?}");
            assert!(
                steps.iter().any(|s| s == "SCAN f VIRTUAL TABLE INDEX 0:="),
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

    /// Two communities, three members each, `weeks` weekly meetings of six notes of every
    /// note kind; `alpha` is in every note, `beta` in a third, `gamma` in few;
    /// `deterioration` in a fifth, `deteriorated` and `determined` in fewer (prefixes
    /// longer than the indexed ones). Then [`take_actions`].
    fn fixture(weeks: u64) -> Store {
        let store = Store::open_in_memory().unwrap();
        fill(store.conn(), weeks);
        take_actions(store.conn());
        store
    }

    /// Every seventh note becomes an action note with the action item taken from it,
    /// owned by its speaker (a third), nobody or another member of the community: most
    /// titled as said, so when the speaker owns it the note's entry stands for both
    /// (migration 0014); a quarter titled otherwise, and those owned by another, each with
    /// its own entry. And an action item of no note in every fifth meeting.
    fn take_actions(conn: &rusqlite::Connection) {
        conn.execute_batch(
            "UPDATE note SET kind = 'action' WHERE id % 7 = 3;
             INSERT INTO action_item (community_id, meeting_id, note_id, owner_member_id,
                                      title, created_at)
                 SELECT m.community_id, m.id, n.id,
                        CASE WHEN n.id % 3 = 0 THEN n.member_id
                             WHEN n.id % 5 <> 0 THEN m.community_id * 10 + (n.id + 1) % 3 END,
                        CASE WHEN n.id % 4 = 0 THEN n.body || ' beta' ELSE n.body END,
                        n.created_at
                 FROM note n JOIN meeting m ON m.id = n.meeting_id WHERE n.kind = 'action';
             INSERT INTO action_item (community_id, meeting_id, owner_member_id, title,
                                      created_at)
                 SELECT community_id, id, community_id * 10 + id % 3, 'alpha gamma plan',
                        scheduled_at
                 FROM meeting WHERE id % 5 = 0;",
        )
        .unwrap();
    }

    /// Writes [`fixture`]'s rows into `conn` (schema 9 or later).
    fn fill(conn: &rusqlite::Connection, weeks: u64) {
        for c in 1..=2 {
            conn.execute(
                "INSERT INTO community (id, name, meeting_minutes, created_at)
                 VALUES (?1, ?2, 60, '2025-01-01T00:00:00Z')",
                rusqlite::params![c, format!("Club {c}")],
            )
            .unwrap();
            for m in 0..3 {
                conn.execute(
                    "INSERT INTO member (id, community_id, name, created_at)
                     VALUES (?1, ?2, ?3, '2025-01-01T00:00:00Z')",
                    rusqlite::params![c * 10 + m, c, format!("M{c}{m}")],
                )
                .unwrap();
            }
        }
        let kinds = ["note", "idea", "question", "problem", "decision"];
        let mut n = 0_i64;
        for week in 0..weeks {
            let c = 1 + week as i64 % 2;
            let day = NaiveDate::from_ymd_opt(2020, 1, 2).unwrap() + chrono::Days::new(7 * week);
            let when = format!("{day}T17:30:00Z");
            conn.execute(
                "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes,
                                      status, created_at)
                 VALUES (?1, 'Weekly', ?2, 60, 'ended', ?2)",
                rusqlite::params![c, when],
            )
            .unwrap();
            let meeting = conn.last_insert_rowid();
            for _ in 0..6 {
                let mut body = vec!["alpha"; 1 + (n % 3) as usize];
                if n % 3 == 0 {
                    body.push("beta");
                }
                if n % 17 == 0 {
                    body.push("gamma");
                }
                for (every, at, word) in [
                    (5, 1, "deterioration"),
                    (7, 2, "deteriorated"),
                    (11, 3, "determined"),
                ] {
                    if n % every == at {
                        body.push(word);
                    }
                }
                let speaker = (n % 4 != 3).then_some(c * 10 + n % 3);
                conn.execute(
                    "INSERT INTO note (meeting_id, member_id, kind, body, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                    rusqlite::params![
                        meeting,
                        speaker,
                        kinds[n as usize % 5],
                        body.join(" "),
                        when
                    ],
                )
                .unwrap();
                n += 1;
            }
        }
    }

    /// A word in more than the walk's entries is matched but not ranked by: the hits are
    /// the query's, ranked as bm25 ranks the other words alone (with filters and dates
    /// too), newest first when there are none, and those matched by the common word alone
    /// (`OR`) come after the ranked ones, newest first.
    #[test]
    fn a_word_too_common_is_matched_but_not_ranked_by() {
        // 240 notes: `alpha` in every one (1–3 times), `beta` in 80, `gamma` in 15.
        let store = fixture(40);
        let entries = |p: &SearchPage| p.hits.iter().map(|h| h.entry).collect::<Vec<_>>();
        let day = |m| NaiveDate::from_ymd_opt(2020, m, 1);
        let filters = [
            SearchFilters::default(),
            SearchFilters {
                community: Some(CommunityId::new(1)),
                from: day(2),
                to: day(9),
                ..SearchFilters::default()
            },
        ];
        for f in &filters {
            let walked = |q: &str, walk| store.search_planned(q, f, 500, 0, Plan::Choose, walk);
            // Ranked by `gamma` alone: every note holding it holds `alpha`.
            let page = walked("alpha gamma", 100).unwrap();
            let gamma = store
                .search_planned("gamma", f, 500, 0, Plan::Tagged, RANK_WALK)
                .unwrap();
            assert!(gamma.hits.len() > 3, "{f:?}");
            assert_eq!(entries(&page), entries(&gamma), "{f:?}");
            assert_eq!(
                (page.ranked, page.too_common.as_deref()),
                (true, Some("alpha"))
            );
            // Under the walk, both words rank, as before: a different order.
            let both = walked("alpha gamma", RANK_WALK).unwrap();
            assert_eq!((both.ranked, both.too_common.as_deref()), (true, None));
            assert_ne!(entries(&both), entries(&page), "{f:?}");
            // Nothing to rank by: newest first.
            let page = walked("alpha", 100).unwrap();
            let mut newest = entries(&page);
            newest.sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(entries(&page), newest);
            assert_eq!(
                (page.ranked, page.too_common.as_deref()),
                (false, Some("alpha"))
            );
            assert!(!page.limited && page.hits.len() > 20, "{f:?}");
            let paged: Vec<i64> = (0..)
                .map(|i| {
                    let p = store.search_planned("alpha", f, 7, i * 7, Plan::Choose, 100);
                    entries(&p.unwrap())
                })
                .take_while(|p| !p.is_empty())
                .flatten()
                .collect();
            assert_eq!(paged, entries(&page), "{f:?}");
            // `beta` (80) too common at 50: the `gamma` notes ranked first, then the
            // others newest first.
            let page = walked("beta OR gamma", 50).unwrap();
            let holds_gamma = |e: &i64| gamma.hits.iter().any(|h| h.entry == *e);
            let got = entries(&page);
            let split = got.iter().take_while(|e| holds_gamma(e)).count();
            let ranked: Vec<i64> = entries(&gamma);
            assert_eq!(got[..split], ranked[..], "{f:?}");
            let rest = &got[split..];
            assert!(
                !rest.is_empty() && rest.windows(2).all(|w| w[0] > w[1]),
                "{f:?}"
            );
            assert!(!rest.iter().any(holds_gamma));
            // A word after NOT is in no hit: not ranked by (r8 review: `ranked` was said
            // of a page no hit of which had a score).
            let page = walked("alpha NOT gamma", 100).unwrap();
            assert_eq!(
                (page.ranked, page.too_common.as_deref()),
                (false, Some("alpha"))
            );
            let got = entries(&page);
            assert!(
                got.len() > 20 && got.windows(2).all(|w| w[0] > w[1]),
                "{f:?}"
            );
            // A NEAR group is ranked in one step, as the tagged query ranks it.
            let near = "NEAR(alpha gamma)";
            let tagged = store.search_planned(near, f, 500, 0, Plan::Tagged, RANK_WALK);
            let chosen = walked(near, 100).unwrap();
            assert!(!chosen.hits.is_empty(), "{f:?}");
            assert_eq!(entries(&chosen), entries(&tagged.unwrap()), "{f:?}");
        }
    }

    /// The words alone in the MATCH with the filters on the columns give the hits, in
    /// the order, that the filter tokens in the MATCH give, for every filter: both kinds
    /// of an entry that stands for a note and its action item too, and the separate
    /// entries of a note and the action someone else owns.
    #[test]
    fn filtering_on_the_columns_gives_the_tagged_hits() {
        let store = fixture(40);
        let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        let shared = count(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'tags : kactionitem'
             AND rowid % 16 = 1 AND member_id IS NOT NULL",
        );
        assert!(shared > 5, "entries of a note and its action: {shared}");
        let apart = count(
            "SELECT count(*) FROM action_item a JOIN note n ON n.id = a.note_id
             WHERE a.title = n.body AND a.owner_member_id IS NOT n.member_id
               AND EXISTS (SELECT 1 FROM search_fts WHERE rowid = a.id * 16 + 9)",
        );
        assert!(
            apart > 10,
            "actions said by one and owned by another: {apart}"
        );
        let mut filters = vec![SearchFilters::default()];
        for community in [None, Some(CommunityId::new(1)), Some(CommunityId::new(2))] {
            for member in [None, Some(MemberId::new(11)), Some(MemberId::new(22))] {
                for kind in [
                    None,
                    HitKind::parse("idea"),
                    HitKind::parse("decision"),
                    HitKind::parse("action"),
                    HitKind::parse("action_item"),
                ] {
                    let from = NaiveDate::from_ymd_opt(2020, 6, 1);
                    for dates in [(None, None), (from, None)] {
                        filters.push(SearchFilters {
                            community,
                            member,
                            kind,
                            from: dates.0,
                            to: dates.1,
                        });
                    }
                }
            }
        }
        let mut compared = 0;
        for query in [
            "alpha",
            "beta",
            "gamma",
            "alpha beta",
            "alp*",
            "\"alpha beta\"",
        ] {
            for f in &filters {
                let tagged = store
                    .search_planned(query, f, 500, 0, Plan::Tagged, RANK_WALK)
                    .unwrap();
                let words = store
                    .search_planned(query, f, 500, 0, Plan::Words, RANK_WALK)
                    .unwrap();
                let chosen = store.search_page(query, f, 500, 0).unwrap();
                assert_eq!(tagged, words, "{query} {f:?}");
                assert_eq!(tagged, chosen, "{query} {f:?}");
                compared += usize::from(!tagged.hits.is_empty());
            }
        }
        assert!(compared > 100, "most comparisons have hits: {compared}");
    }

    /// A prefix matching more than CANDIDATES entries, walked newest first without a
    /// count, gives the counted path's hits, and so does one matching fewer (ranked).
    #[test]
    fn a_prefix_walked_without_a_count_gives_the_counted_hits() {
        let store = fixture(360);
        let one = SearchFilters {
            community: Some(CommunityId::new(1)),
            ..SearchFilters::default()
        };
        let mut limited = 0;
        for query in ["alp*", "gam*", "alpha", "\"alpha beta\"*"] {
            for f in [&SearchFilters::default(), &one] {
                for offset in [0, 20, 1990] {
                    let counted = store
                        .search_planned(query, f, 20, offset, Plan::Tagged, RANK_WALK)
                        .unwrap();
                    let chosen = store.search_page(query, f, 20, offset).unwrap();
                    assert_eq!(counted, chosen, "{query} {f:?} {offset}");
                    assert!(chosen.hits.iter().all(|h| h.snippet.contains(MARK_START)));
                    limited += usize::from(chosen.limited);
                }
            }
        }
        assert!(
            limited >= 6,
            "some queries match more than CANDIDATES: {limited}"
        );
    }

    /// Every page is the page of round 4's queries ([`Plan::Unoptimized`]): ranked pages
    /// (at most CANDIDATES matches: words, phrases — common words in a rare order too —
    /// and prefixes) and newest-first pages (more match: counted, or a prefix walked
    /// without a count), with and without filters, at offsets up to and past CANDIDATES.
    #[test]
    fn every_page_is_the_page_of_the_unoptimized_query() {
        let store = fixture(720);
        let one = SearchFilters {
            community: Some(CommunityId::new(1)),
            ..SearchFilters::default()
        };
        let idea = SearchFilters {
            kind: HitKind::parse("idea"),
            from: NaiveDate::from_ymd_opt(2022, 1, 1),
            ..SearchFilters::default()
        };
        // A member's actions: said, owned, or both in one entry.
        let actions = SearchFilters {
            member: Some(MemberId::new(11)),
            kind: HitKind::parse("action_item"),
            ..SearchFilters::default()
        };
        let dated = SearchFilters {
            from: NaiveDate::from_ymd_opt(2021, 1, 1),
            ..SearchFilters::default()
        };
        let (mut ranked, mut limited) = (0, 0);
        for query in [
            "gamma",
            "\"alpha gamma\"",
            "\"alpha alpha beta\"",
            "\"beta alpha\"",
            "\"alpha determined\"",
            "gamma deteriorated",
            "deteriorated",
            "deteri*",
            "deteriorat*",
            "gam*",
            "alpha",
            "alpha alpha",
            "\"alpha alpha\"",
            "alp*",
        ] {
            for f in [&SearchFilters::default(), &one, &idea, &dated, &actions] {
                for offset in [0, 7, 40, 1990, 2000] {
                    let old = store
                        .search_planned(query, f, 20, offset, Plan::Unoptimized, RANK_WALK)
                        .unwrap();
                    let new = store.search_page(query, f, 20, offset).unwrap();
                    assert_eq!(old, new, "{query} {f:?} {offset}");
                    ranked += usize::from(!new.limited && !new.hits.is_empty());
                    limited += usize::from(new.limited);
                }
            }
        }
        assert!(ranked > 40, "many pages are ranked: {ranked}");
        assert!(limited > 40, "many pages are newest first: {limited}");
    }

    /// The zones the date test runs in: UTC, the farthest east and west (+14, −11), a
    /// half-hour offset, and one with summer time (POSIX `TZ` strings: no zone database).
    const ZONES: [&str; 5] = [
        "UTC",
        "<+14>-14",
        "<-11>11",
        "<+0530>-5:30",
        "EST5EDT,M3.2.0,M11.1.0",
    ];

    /// A date range gives exactly the hits of round 4's query (no month tokens: every
    /// candidate's local day tested), in every zone of [`ZONES`] (each run in a child
    /// process of this test binary with its `TZ`), for entries a few minutes to 23 hours
    /// either side of the UTC midnight that ends a month or a year: notes of meetings
    /// (one started in another month than it was planned), notes of a cycle, cycles
    /// started and closed on the days at the ends of a month; for single days, months,
    /// a year, open ends and a range whose first day is after its last. The words-alone
    /// plan agrees with the tagged one too.
    #[test]
    fn dates_give_the_reference_hits_at_local_midnight_in_every_zone() {
        const CHILD: &str = "ROUNDTABLE_SEARCH_ZONE_CHILD";
        if std::env::var_os(CHILD).is_none() {
            let name = "store::search::tests::dates_give_the_reference_hits_at_local_midnight_in_every_zone";
            for tz in ZONES {
                let out = std::process::Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", name, "--test-threads=1"])
                    .env(CHILD, "1")
                    .env("TZ", tz)
                    .output()
                    .unwrap();
                let stdout = String::from_utf8_lossy(&out.stdout);
                assert!(
                    out.status.success() && stdout.contains("1 passed"),
                    "TZ={tz}: {stdout}{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            return;
        }
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO community (id, name, meeting_minutes, created_at)
                 VALUES (1, 'Club 1', 60, '2025-01-01T00:00:00Z'),
                        (2, 'Club 2', 60, '2025-01-01T00:00:00Z');",
        )
        .unwrap();
        let ends = ["2025-12-31", "2026-01-31", "2026-02-28", "2026-06-30"];
        let mut n = 0;
        for end in ends {
            let midnight = NaiveDate::parse_from_str(end, "%Y-%m-%d")
                .unwrap()
                .succ_opt()
                .unwrap();
            let midnight = midnight.and_time(chrono::NaiveTime::MIN).and_utc();
            for minutes in [
                -23 * 60,
                -13 * 60,
                -5 * 60 - 30,
                -30,
                -1,
                0,
                30,
                5 * 60 + 30,
                11 * 60,
                15 * 60,
            ] {
                n += 1;
                let at = ts(midnight + chrono::TimeDelta::minutes(minutes));
                let community = 1 + n % 2;
                // Every third meeting was planned a month earlier and started at `at`.
                let planned =
                    if n % 3 == 0 {
                        ts(midnight + chrono::TimeDelta::minutes(minutes)
                            - chrono::TimeDelta::days(40))
                    } else {
                        at.clone()
                    };
                conn.execute(
                    "INSERT INTO meeting (community_id, title, scheduled_at, planned_minutes,
                                          status, created_at, started_at)
                     VALUES (?1, 'Weekly', ?2, 60, 'ended', ?2, ?3)",
                    rusqlite::params![community, planned, (n % 3 == 0).then_some(&at)],
                )
                .unwrap();
                let meeting = conn.last_insert_rowid();
                conn.execute(
                    "INSERT INTO cycle (community_id, number, topic, phase, started_on, ended_on,
                                        outcome)
                     VALUES (?1, ?2, 'alpha topic', 'closed', ?3, ?4, 'alpha outcome')",
                    rusqlite::params![community, n, &at[..10], &ts(midnight)[..10]],
                )
                .unwrap();
                let cycle = conn.last_insert_rowid();
                conn.execute(
                    "INSERT INTO note (meeting_id, kind, body, created_at, updated_at)
                     VALUES (?1, 'note', 'alpha said', ?2, ?2)",
                    rusqlite::params![meeting, planned],
                )
                .unwrap();
                conn.execute(
                    "INSERT INTO note (cycle_id, kind, body, created_at, updated_at)
                     VALUES (?1, 'idea', 'alpha written', ?2, ?2)",
                    rusqlite::params![cycle, at],
                )
                .unwrap();
            }
        }
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let mut ranges = vec![
            (day("2026-01-01"), day("2026-12-31")),
            (day("2026-01-01"), None),
            (None, day("2026-01-31")),
            (day("2026-03-01"), day("2026-01-01")),
        ];
        for end in ends {
            let last = day(end).unwrap();
            let first = last.with_day(1);
            let next = last.succ_opt();
            ranges.extend([
                (Some(last), Some(last)),
                (next, next),
                (first, Some(last)),
                (
                    next,
                    next.and_then(|d| d.checked_add_days(chrono::Days::new(27))),
                ),
                (Some(last), next),
            ]);
        }
        let mut found = 0;
        for (from, to) in ranges {
            for community in [None, Some(CommunityId::new(1))] {
                let f = SearchFilters {
                    community,
                    from,
                    to,
                    ..SearchFilters::default()
                };
                let reference = store
                    .search_planned("alpha", &f, 500, 0, Plan::Unoptimized, RANK_WALK)
                    .unwrap();
                let chosen = store.search_page("alpha", &f, 500, 0).unwrap();
                assert_eq!(reference, chosen, "{f:?}");
                let tagged = store
                    .search_planned("alpha", &f, 500, 0, Plan::Tagged, RANK_WALK)
                    .unwrap();
                let words = store
                    .search_planned("alpha", &f, 500, 0, Plan::Words, RANK_WALK)
                    .unwrap();
                assert_eq!(tagged, chosen, "{f:?}");
                assert_eq!(words, chosen, "{f:?}");
                found += chosen.hits.len();
            }
        }
        assert!(found > 300, "the ranges find entries: {found}");
    }

    /// The month tokens of a range: its months a day wider each side, whole years (and
    /// decades, centuries) as prefixes, open ends to the years stored, none when the
    /// first day is after the last.
    #[test]
    fn a_phrase_is_costed_by_its_words() {
        assert_eq!(phrase_words("pump"), Vec::<String>::new());
        assert_eq!(phrase_words("alar*"), Vec::<String>::new());
        assert_eq!(phrase_words("\"hand over\"*"), ["\"hand\"", "\"over\"*"]);
        assert_eq!(phrase_words("\"don't\""), ["\"don\"", "\"t\""]);
        assert_eq!(
            phrase_words("\"say \"\"OR\"\" now\""),
            ["\"say\"", "\"OR\"", "\"now\""]
        );
        assert_eq!(phrase_words("\"数学\""), ["\"数学\""]);
    }

    #[test]
    fn month_tokens_cover_the_range_a_day_wider() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(month_tokens(None, None), None);
        let tokens = |from: &str, to: &str| month_tokens(day(from), day(to)).unwrap().join(" ");
        assert_eq!(
            tokens("2019-03-01", "2019-03-31"),
            "ym201902 ym201903 ym201904"
        );
        assert_eq!(tokens("2019-03-02", "2019-03-30"), "ym201903");
        assert_eq!(
            tokens("2024-01-01", "2024-12-31"),
            "ym202312 ym2024* ym202501"
        );
        assert_eq!(
            tokens("2019-12-31", "2031-01-01"),
            "ym201912 ym202* ym2030* ym203101"
        );
        assert_eq!(
            tokens("2020-02-02", "2030-12-30"),
            "ym202002 ym202003 ym202004 ym202005 ym202006 ym202007 ym202008 ym202009 ym202010 ym202011 ym202012 ym2021* ym2022* ym2023* ym2024* ym2025* ym2026* ym2027* ym2028* ym2029* ym2030*"
        );
        assert_eq!(tokens("2026-03-01", "2026-01-01"), "");
        assert_eq!(
            tokens("2026-11-01", ""),
            "ym202610 ym202611 ym202612 ym2027* ym2028* ym2029* ym203* ym204* ym205* ym206* ym207* ym208* ym209* ym21* ym22* ym23* ym24* ym25* ym26* ym27* ym28* ym29* ym3* ym4* ym5* ym6* ym7* ym8* ym9*"
        );
        assert_eq!(tokens("", "2020-01-30"), "ym0* ym1* ym200* ym201* ym202001");
    }

    /// Migration 0010 makes `search_fts` again with prefix indexes: the same entries,
    /// ranked and cut into snippets as schema 9 did, for words, phrases and prefixes of
    /// every length; FTS5's integrity check passes; and the triggers of schema 8 keep
    /// the new table, a prefix query finding a note written after the migration.
    #[test]
    fn schema_10_indexes_with_prefixes_what_schema_9_indexed() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let nine = rusqlite_migration::Migrations::new(
            super::super::MIGRATION_SQL[..9]
                .iter()
                .map(|sql| rusqlite_migration::M::up(sql))
                .collect(),
        );
        nine.to_latest(&mut conn).unwrap();
        fill(&conn, 120);
        let queries = [
            "alpha",
            "gamma",
            "\"alpha beta\"",
            "a*",
            "al*",
            "gam*",
            "deter*",
            "deteri*",
            "deterio*",
            "deterior*",
            "deteriora*",
            "deteriorat*",
            "determined OR deteriorated",
        ];
        let hits = |conn: &rusqlite::Connection, q: &str| -> Vec<(i64, String)> {
            let mut stmt = conn
                .prepare(
                    "SELECT rowid, snippet(search_fts, 0, '[', ']', '…', 16) FROM search_fts
                     WHERE search_fts MATCH 'body : (' || ?1 || ')' ORDER BY rank, rowid",
                )
                .unwrap();
            stmt.query_map([q], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let before: Vec<_> = queries.iter().map(|q| hits(&conn, q)).collect();
        // To schema 10 alone: later schemas add tokens to `tags`, which moves bm25's
        // scores (FTS5 measures a row's length over all its columns).
        super::super::MIGRATIONS.to_version(&mut conn, 10).unwrap();
        let sql: String = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'search_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(sql.contains("prefix = '2 3 4 5 6 7 8'"), "{sql}");
        for (q, was) in queries.iter().zip(&before) {
            assert!(!was.is_empty(), "{q} matches");
            assert_eq!(&hits(&conn, q), was, "{q}");
        }
        conn.execute(
            "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO note (meeting_id, kind, body, created_at, updated_at)
             VALUES (1, 'idea', 'Escalations overnight', '2020-01-02T18:00:00Z',
                     '2020-01-02T18:00:00Z')",
            [],
        )
        .unwrap();
        let note = conn.last_insert_rowid();
        for q in ["escalat*", "esc*", "overnigh*", "escalations"] {
            assert_eq!(
                hits(&conn, q).iter().map(|h| h.0).collect::<Vec<_>>(),
                [note * 16 + 1],
                "{q}"
            );
        }
        conn.execute("DELETE FROM note WHERE id = ?1", [note])
            .unwrap();
        assert!(hits(&conn, "escalat*").is_empty());
        conn.execute(
            "INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    }
}
