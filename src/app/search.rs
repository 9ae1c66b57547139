//! The search area (issue 10): the Search screen (`S` from the browse screens, the
//! meeting view and History). A query line typed like a list's filter (Enter runs it),
//! filters for community, member, kind and dates, results read a page at a time as the
//! selection nears the end, and Enter opening the meeting view at the hit.

use super::{ChoosePurpose, Chooser, Ctx, ListState, Overlay, Screen};
use crate::domain::search::{HitKind, QueryError};
use crate::domain::{ActionId, CommunityId, MeetingId, Member, MemberId, NoteId};
/// What the Search screen draws (`ui` never names the store).
pub use crate::store::{CANDIDATES, SearchHit};
use crate::store::{SearchError, SearchFilters};
use chrono::NaiveDate;

/// Hits read at a time: more than a 200x60 terminal shows (two lines a hit).
pub const SEARCH_PAGE: u32 = 50;

/// What the last run of the query gave.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing run yet.
    #[default]
    NotRun,
    /// The query line was empty (or only dates).
    Empty,
    /// The query cannot be read: the hint says how to write one.
    Malformed(String),
    /// Not searched: its dates cannot be meant (a range that runs backwards, a date that
    /// is none); the problem says which ([`date_problem`]).
    BadDates(String),
    /// The hits (possibly none).
    Ran,
}

/// The Search screen's state.
#[derive(Debug, Default)]
pub struct Search {
    /// The selected hit; its filter is the query line being typed.
    pub(in crate::app) list: ListState,
    /// The query line as last run (what the results are for).
    pub query: String,
    /// Search every community, not just the chosen one.
    pub all_communities: bool,
    /// Only the words of this member (a note's speaker, an action's owner).
    pub member: Option<(MemberId, String)>,
    /// Only this kind of text.
    pub kind: Option<HitKind>,
    /// The hits read so far, best first.
    pub hits: Vec<SearchHit>,
    /// Whether more hits follow the ones read.
    pub more: bool,
    /// More than [`CANDIDATES`] entries match: the hits are newest first, not ranked.
    pub limited: bool,
    /// A word too common to rank by ([`crate::store::SearchPage::too_common`]).
    pub too_common: Option<String>,
    /// Whether the hits are ranked (else newest first).
    pub ranked: bool,
    pub outcome: Outcome,
    /// Where Esc goes back to.
    from: Option<Screen>,
    /// The filters the hits were read with: the next page uses the same ones, even when
    /// another community has been chosen since.
    ran_with: Option<SearchFilters>,
}

/// The query line split into the words searched and the dates (typed as in History's
/// filter: `2024`, `2024-03`, `2023-09..2024-06`, or a month's English name, whole or its
/// first three letters, then a year: `march 2026`, `Mar 2026`; the last one typed wins).
pub fn split_dates(line: &str) -> (String, Option<NaiveDate>, Option<NaiveDate>) {
    let mut words = Vec::new();
    let (mut from, mut to) = (None, None);
    let all = words_of(line);
    let mut i = 0;
    while let Some(word) = all.get(i) {
        if let Some((f, t)) = all.get(i + 1).and_then(|year| month_named(word, year)) {
            (from, to) = (Some(f), Some(t));
            i += 2;
            continue;
        }
        match super::browse::date_span(word) {
            Some((f, t)) => (from, to) = (f, t),
            None => words.push(word.clone()),
        }
        i += 1;
    }
    (words.join(" "), from, to)
}

/// `march 2026`, `Mar 2026`: that month's first and last day (History's filter reads
/// them too).
pub(super) fn month_named(month: &str, year: &str) -> Option<(NaiveDate, NaiveDate)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let m = month.to_lowercase();
    let n = MONTHS
        .iter()
        .position(|full| m == *full || (m.chars().count() == 3 && full.starts_with(&m)))?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year.parse().ok()?, n as u32 + 1, 1)?;
    let last = first
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    Some((first, last))
}

/// What is wrong with the dates typed in a query line, if anything: a word written like a
/// date that is none (`2026-13`, `2026-02-30`), or a range that runs backwards. The CLI
/// says the same of the query and of `--from`/`--to` ([`backwards`]).
pub fn date_problem(line: &str) -> Option<String> {
    bad_date_word(line).or_else(|| match split_dates(line) {
        (_, Some(from), Some(to)) if from > to => Some(backwards(from, to)),
        _ => None,
    })
}

/// A word of the query written like a date (or a range of them) that is none: what to
/// write instead.
pub fn bad_date_word(line: &str) -> Option<String> {
    let looks_dated = |w: &str| {
        let part = |p: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        match w.split('-').collect::<Vec<_>>().as_slice() {
            [y] => part(y, 4..=4),
            [y, m] => part(y, 4..=4) && part(m, 1..=2),
            [y, m, d] => part(y, 4..=4) && part(m, 1..=2) && part(d, 1..=2),
            _ => false,
        }
    };
    for word in words_of(line) {
        let ends: Vec<&str> = match word.split_once("..") {
            Some((a, b)) => [a, b].into_iter().filter(|e| !e.is_empty()).collect(),
            None => vec![word.as_str()],
        };
        let dated = !ends.is_empty() && ends.iter().all(|e| looks_dated(e));
        if dated && super::browse::date_span(&word).is_none() {
            return Some(format!(
                "'{word}' is not a date: write a year, a month or a day as 2026, 2026-03 or 2026-03-05"
            ));
        }
    }
    None
}

/// A range whose start is after its end, said the same in the app and the CLI.
pub fn backwards(from: NaiveDate, to: NaiveDate) -> String {
    format!("the dates run backwards: {from} is after {to} (write the earlier one first)")
}

/// The words of a query line; a quoted phrase (even unclosed) is one word.
fn words_of(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

impl Search {
    /// `S`: shows the Search screen with the query line open, remembering where Esc goes.
    pub(in crate::app) fn open(&mut self, cx: &mut Ctx, chosen: Option<CommunityId>) {
        // Another community chosen since the last search: its hits (and a member of the
        // other roster) no longer answer "in this community"; search again here.
        let moved = self
            .ran_with
            .as_ref()
            .is_some_and(|f| !self.all_communities && f.community != chosen);
        if moved {
            self.member = None;
            self.rerun_if_run(cx, chosen);
        }
        if cx.screen != Screen::Search {
            // The meeting view closes on the way: Esc comes back to History instead.
            self.from = Some(match cx.screen {
                Screen::MeetingView => Screen::History,
                s => s,
            });
            cx.screen = Screen::Search;
        }
        // The last query selected: typing replaces it, an arrow key keeps it to edit.
        let mut area = ratatui_textarea::TextArea::new(vec![self.list.filter.clone()]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        if !self.list.filter.is_empty() {
            area.select_all();
        }
        area.set_cursor_line_style(ratatui::style::Style::default());
        cx.open(Overlay::Filter(Box::new(area)));
    }

    /// Esc on the Search screen: the screen it was opened from (the query, filters and
    /// results stay for next time).
    pub(in crate::app) fn close(&mut self) -> Screen {
        self.from.take().unwrap_or(Screen::History)
    }

    /// Esc while typing the query: the query line goes back to what was last run.
    pub(in crate::app) fn cancel_typing(&mut self, cx: &mut Ctx) {
        self.list.filter = self.query.clone();
        cx.open(Overlay::None);
    }

    /// The filters the results are for; `chosen` is the community chosen on Communities.
    pub fn filters(&self, chosen: Option<CommunityId>) -> SearchFilters {
        let (_, from, to) = split_dates(&self.query);
        SearchFilters {
            community: if self.all_communities { None } else { chosen },
            member: self.member.as_ref().map(|(id, _)| *id),
            kind: self.kind,
            from,
            to,
        }
    }

    /// Enter on the query line: runs it from the first hit.
    pub(in crate::app) fn run(&mut self, cx: &mut Ctx, chosen: Option<CommunityId>) {
        cx.open(Overlay::None);
        self.query = self.list.filter.trim().to_string();
        self.rerun(cx, chosen);
    }

    /// Runs the query again (after a filter changed), from the first hit.
    pub(in crate::app) fn rerun(&mut self, cx: &mut Ctx, chosen: Option<CommunityId>) {
        self.list.selected = 0;
        self.hits.clear();
        self.more = false;
        self.limited = false;
        self.too_common = None;
        self.ranked = false;
        let (words, _, _) = split_dates(&self.query);
        let filters = self.filters(chosen);
        self.ran_with = Some(filters.clone());
        // Dates that cannot be meant (a backwards range, a month 13) are said, not
        // searched as words or as an empty range.
        if let Some(problem) = date_problem(&self.query) {
            self.outcome = Outcome::BadDates(problem.clone());
            return cx.error(format!("Not searched: {problem}"));
        }
        match cx.store.search_page(&words, &filters, SEARCH_PAGE + 1, 0) {
            Ok(page) => {
                self.limited = page.limited;
                self.too_common = page.too_common;
                self.ranked = page.ranked;
                let mut hits = page.hits;
                self.more = hits.len() > SEARCH_PAGE as usize;
                hits.truncate(SEARCH_PAGE as usize);
                self.hits = hits;
                self.outcome = Outcome::Ran;
                if self.hits.is_empty() {
                    cx.info(format!("No hits. {}", self.widen()));
                }
            }
            Err(SearchError::Query(e @ QueryError::Empty)) => {
                self.outcome = Outcome::Empty;
                cx.info(e.to_string());
            }
            Err(SearchError::Query(e @ QueryError::Malformed(_))) => {
                let hint = e.to_string();
                self.outcome = Outcome::Malformed(hint.clone());
                cx.error(hint);
            }
            Err(SearchError::Store(e)) => {
                self.outcome = Outcome::NotRun;
                cx.error(format!("Could not search: {e}"));
            }
        }
    }

    /// Reads the next page of hits when the selection is within half a page of the end.
    pub(in crate::app) fn more(&mut self, cx: &mut Ctx) {
        let near_end = self.list.selected + (SEARCH_PAGE as usize) / 2;
        if !self.more || near_end < self.hits.len() {
            return;
        }
        let Some(filters) = self.ran_with.clone() else {
            return;
        };
        let (words, _, _) = split_dates(&self.query);
        let offset = u32::try_from(self.hits.len()).unwrap_or(u32::MAX);
        match cx
            .store
            .search_page(&words, &filters, SEARCH_PAGE + 1, offset)
        {
            Ok(page) => {
                // A newest-first walk not counted first (every word too common) learns
                // that more than CANDIDATES match only as it passes them.
                self.limited |= page.limited;
                let mut hits = page.hits;
                self.more = hits.len() > SEARCH_PAGE as usize;
                hits.truncate(SEARCH_PAGE as usize);
                self.hits.extend(hits);
            }
            Err(e) => {
                self.more = false;
                cx.error(format!("Could not read more hits: {e}"));
            }
        }
    }

    /// What to try when the search found nothing: fewer words (when there are several),
    /// a prefix, and each filter it was read with, and only those (offering "every
    /// community" to a search of every community sent the leader in a circle). Words
    /// match whole (the index's tokenizer, migration 0008): one word such as `a` finds
    /// only the word "a", so its own prefix `a*` is offered, which finds every word that
    /// starts with it.
    pub fn widen(&self) -> String {
        let f = self.ran_with.clone().unwrap_or_default();
        let (words, _, _) = split_dates(&self.query);
        let words = words_of(&words);
        let mut tries = Vec::new();
        if words.len() > 1 {
            tries.push("fewer words".to_string());
        }
        let plain = |w: &String| w.chars().all(char::is_alphanumeric);
        tries.push(match (words.len(), words.last()) {
            (1, Some(w)) if plain(w) => format!(
                "the prefix {}* (a word matches only itself)",
                w.to_lowercase()
            ),
            (_, Some(w)) if w.ends_with('*') => "a shorter prefix".to_string(),
            _ => "a prefix such as alar*".to_string(),
        });
        let mut tries: Vec<&str> = tries.iter().map(String::as_str).collect();
        if f.kind.is_some() {
            tries.push("any kind (t)");
        }
        if f.member.is_some() {
            tries.push("anyone (m)");
        }
        if f.from.is_some() || f.to.is_some() {
            tries.push("other dates");
        }
        if f.community.is_some() {
            tries.push("every community (a)");
        }
        let last = tries.pop().unwrap_or_default();
        match tries.is_empty() {
            true => format!("Try {last}."),
            false => format!("Try {} or {last}.", tries.join(", ")),
        }
    }

    /// `a`: every community, or the chosen one again.
    pub(in crate::app) fn toggle_all(&mut self, cx: &mut Ctx, chosen: Option<CommunityId>) {
        self.all_communities = !self.all_communities;
        self.rerun_if_run(cx, chosen);
        if !cx.failed() {
            cx.info(match (self.all_communities, chosen) {
                (true, _) | (false, None) => "Searching every community",
                (false, Some(_)) => "Searching the chosen community",
            });
        }
    }

    /// `t`: the next kind of text (after the last: any kind); `T` (`forward` false): the
    /// kind before (before the first: any kind; before any kind: the last).
    pub(in crate::app) fn cycle_kind(
        &mut self,
        cx: &mut Ctx,
        chosen: Option<CommunityId>,
        forward: bool,
    ) {
        self.kind = match forward {
            true => HitKind::next(self.kind),
            false => {
                let all = HitKind::all();
                match self.kind.and_then(|k| all.iter().position(|x| *x == k)) {
                    None => all.last().copied(),
                    Some(i) => i.checked_sub(1).and_then(|i| all.get(i).copied()),
                }
            }
        };
        self.rerun_if_run(cx, chosen);
    }

    /// `m`: a chooser of the roster (the first row: anyone); searching every community,
    /// of every community's members, each with its community, and a name that is on more
    /// than one roster also names it in the row (and so in the filter once chosen).
    pub(in crate::app) fn choose_member(&mut self, cx: &mut Ctx, roster: &[Member]) {
        let mut options = vec![("Anyone".to_string(), "every speaker and owner".to_string())];
        let mut ids = vec![0];
        let rosters = match self.all_communities {
            false => vec![(None, roster.to_vec())],
            true => match every_roster(cx) {
                Ok(r) => r,
                Err(e) => return cx.error(format!("Could not read the rosters: {e}")),
            },
        };
        // How many members of the rosters share each name (any case).
        let mut named = std::collections::HashMap::<String, usize>::new();
        for m in rosters.iter().flat_map(|(_, r)| r) {
            *named.entry(m.profile.name.to_lowercase()).or_default() += 1;
        }
        for (community, members) in &rosters {
            for m in members {
                let mut what = community.clone().unwrap_or_default();
                if !m.active {
                    what = [what.as_str(), "inactive"]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                }
                let name = match community {
                    Some(c) if named.get(&m.profile.name.to_lowercase()) > Some(&1) => {
                        format!("{} ({c})", m.profile.name)
                    }
                    _ => m.profile.name.clone(),
                };
                options.push((name, what));
                ids.push(m.id.get());
            }
        }
        let selected = self
            .member
            .as_ref()
            .and_then(|(id, _)| ids.iter().position(|i| *i == id.get()))
            .unwrap_or(0);
        cx.open(Overlay::Choose(Chooser {
            title: "Whose words?".into(),
            options,
            ids,
            selected,
            purpose: ChoosePurpose::SearchMember,
        }));
    }

    /// A member chosen (`None`: anyone).
    pub(in crate::app) fn member_chosen(
        &mut self,
        cx: &mut Ctx,
        member: Option<(MemberId, String)>,
        chosen: Option<CommunityId>,
    ) {
        self.member = member;
        self.rerun_if_run(cx, chosen);
    }

    fn rerun_if_run(&mut self, cx: &mut Ctx, chosen: Option<CommunityId>) {
        if self.outcome != Outcome::NotRun && !self.query.is_empty() {
            self.rerun(cx, chosen);
        }
    }

    /// Whether the hits were read from one community (its name is not repeated on each).
    pub fn one_community(&self) -> bool {
        self.ran_with
            .as_ref()
            .is_some_and(|f| f.community.is_some())
    }

    /// The selected hit.
    pub fn selected(&self) -> Option<&SearchHit> {
        self.hits.get(self.list.selected)
    }

    /// The rows (every hit read; the query is not a filter of them).
    pub fn rows(&self) -> Vec<usize> {
        (0..self.hits.len()).collect()
    }
}

/// Rosters with their community's name (`None`: the chosen community's, not named).
type Rosters = Vec<(Option<String>, Vec<Member>)>;

/// Every community's name and roster (archived ones too: a search of every community
/// reads them), by name.
fn every_roster(cx: &Ctx) -> Result<Rosters, crate::store::StoreError> {
    let mut out = Vec::new();
    for c in cx.store.communities(true)? {
        let members = cx.store.members(c.id)?;
        out.push((Some(crate::domain::text::one_line(&c.info.name)), members));
    }
    Ok(out)
}

/// Where in a meeting a hit is: what the meeting view scrolls to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Note(NoteId),
    Item(crate::domain::AgendaItemId),
    /// A follow-up: its action and when it was given.
    FollowUp(ActionId, chrono::DateTime<chrono::Utc>),
}

impl Focus {
    /// The meeting and the place in it a hit points at (`None`: the hit is from no
    /// meeting, such as a cycle's topic). An action hit is its note's when it was said as
    /// one (one entry for both); any other action's note needs a read: `open_hit`.
    pub fn of(hit: &SearchHit) -> Option<(MeetingId, Option<Focus>)> {
        let (meeting, _) = hit.meeting.as_ref()?;
        let focus = match hit.kind {
            HitKind::Note(_) | HitKind::ActionItem => hit.note().map(Focus::Note),
            HitKind::Agenda | HitKind::LeaderNotes => Some(Focus::Item(
                crate::domain::AgendaItemId::new(hit.source_id()),
            )),
            HitKind::Topic
            | HitKind::Summary
            | HitKind::Outcome
            | HitKind::Evidence
            | HitKind::Improvement
            | HitKind::FollowUp
            | HitKind::Learned => None,
        };
        Some((*meeting, focus))
    }
}

impl super::App {
    /// Enter on Search: the selected hit's meeting on the meeting view, scrolled to the
    /// note or agenda item it is in, or to the note an action was taken as (Esc comes
    /// back here, query and selection intact); a planned or live meeting opens as from a
    /// cycle.
    pub(super) fn open_hit(&mut self) {
        let Some(hit) = self.search.selected() else {
            return self.cx.info(match self.search.outcome {
                Outcome::Ran => "No hit to open: try other words",
                _ => "Type what to look for: press / (Enter runs it)",
            });
        };
        let Some((meeting, mut focus)) = Focus::of(hit) else {
            return self.open_hit_home();
        };
        // An action taken as a note opens at its note; one added otherwise, at the top.
        if hit.kind == HitKind::ActionItem && focus.is_none() {
            match self.cx.store.action_note(ActionId::new(hit.source_id())) {
                Ok(note) => focus = note.map(Focus::Note),
                Err(e) => return self.cx.error(format!("Could not open the action: {e}")),
            }
        }
        // A follow-up opens at its line under "Followed up".
        if matches!(hit.kind, HitKind::FollowUp | HitKind::Learned) {
            match self.cx.store.follow_up_key(hit.source_id()) {
                Ok((action, at)) => focus = Some(Focus::FollowUp(action, at)),
                Err(e) => return self.cx.error(format!("Could not open the follow-up: {e}")),
            }
        }
        let status = match self.cx.store.meeting(meeting) {
            Ok(m) => m.status,
            Err(e) => return self.cx.error(format!("Could not open the meeting: {e}")),
        };
        match status {
            crate::domain::meeting::MeetingStatus::Ended => {
                self.review.open_at(&mut self.cx, meeting, focus)
            }
            _ => self.go_to_meeting(meeting),
        }
    }
}

impl super::App {
    /// Enter on a hit that belongs to no meeting: the cycle it belongs to (a cycle's
    /// topic, summary, outcome or evidence, an improvement, a note on its board, an action
    /// of the cycle or its follow-up) in detail on Cycles, or else the action it is or
    /// follows up, with its history, on Actions; Esc comes back to Search. A hit of
    /// another community than the chosen one says where it is.
    fn open_hit_home(&mut self) {
        let Some(hit) = self.search.selected().cloned() else {
            return;
        };
        let what = hit.kind.label();
        if self.browse.community_id() != Some(hit.community_id) {
            return self.cx.info(format!(
                "This {what} is in {}: choose that community (1, Enter) to open it",
                crate::domain::text::one_line(&hit.community)
            ));
        }
        let (cycle, action) = match self.cx.store.search_entry_home(hit.entry) {
            Ok(home) => home,
            Err(e) => return self.cx.error(format!("Could not open the {what}: {e}")),
        };
        if let Some(cycle) = cycle {
            // The detail opens at the hit's line, marked, as a meeting hit's view does.
            let mut words: Vec<String> = crate::domain::search::marked_pieces(&hit.snippet)
                .into_iter()
                .filter(|(_, marked)| *marked)
                .map(|(w, _)| w.to_lowercase())
                .collect();
            words.dedup();
            let focus = super::cycles::DetailFocus {
                kind: hit.kind,
                words,
            };
            let opened = self.cycles.open_at(
                &mut self.cx,
                hit.community_id,
                cycle,
                Screen::Search,
                Some(focus),
            );
            if let Err(e) = opened {
                return self.cx.error(format!("Could not open the cycle: {e}"));
            }
            self.cx.screen = Screen::Cycles;
            return self.cx.info(format!(
                "The {what} is marked ◀ search hit (j/k scroll) · Esc: back to Search"
            ));
        }
        let Some(action) = action else {
            return self
                .cx
                .info(format!("This {what} is no longer stored: search again"));
        };
        let title = match self.cx.store.action(action) {
            Ok(a) => a.info.title,
            Err(e) => return self.cx.error(format!("Could not open the action: {e}")),
        };
        // The Actions screen of every action, filtered to this one's title, its history
        // shown.
        self.go_to(Screen::Actions);
        self.actions.owner = super::actions::OwnerFilter::Anyone;
        self.actions.status = super::actions::StatusFilter::All;
        self.set_filter(crate::domain::text::one_line(&title));
        self.load_actions();
        self.actions.list.selected = 0;
        self.actions.history = true;
        self.cx.info(match hit.kind {
            HitKind::ActionItem => "The action, with its history · Esc clears the filter".into(),
            _ => format!("The {what}'s action, with its history · Esc clears the filter"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One word found nothing: "fewer words" was wrong advice (the trial's `a`); the
    /// word's own prefix is offered, since words match whole.
    #[test]
    fn no_hits_for_one_word_offers_its_prefix_not_fewer_words() {
        let after = |query: &str| {
            Search {
                query: query.into(),
                ..Search::default()
            }
            .widen()
        };
        assert_eq!(
            after("a"),
            "Try the prefix a* (a word matches only itself)."
        );
        assert_eq!(
            after("Handover 2024"),
            "Try the prefix handover* (a word matches only itself)."
        );
        assert_eq!(after("hand*"), "Try a shorter prefix.");
        assert_eq!(
            after("fire drill"),
            "Try fewer words or a prefix such as alar*."
        );
    }

    #[test]
    fn dates_are_taken_out_of_the_query_line_and_phrases_kept_whole() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            split_dates("alarm 2024-03 \"fire drill\""),
            (
                "alarm \"fire drill\"".to_string(),
                d(2024, 3, 1),
                d(2024, 3, 31)
            )
        );
        assert_eq!(
            split_dates("2023-09..2024 alar*"),
            ("alar*".to_string(), d(2023, 9, 1), d(2024, 12, 31))
        );
        assert_eq!(
            split_dates("..2024-02-29 x"),
            ("x".to_string(), None, d(2024, 2, 29))
        );
        assert_eq!(
            split_dates("\"in 2024\" 12345"),
            ("\"in 2024\" 12345".to_string(), None, None)
        );
    }

    /// The trial's `march 2026` searched the word "march" in all of 2026: a month's
    /// name then a year is that month; a name alone, or before no year, stays a word.
    #[test]
    fn a_month_by_name_then_a_year_is_that_month() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let march = ("handover".to_string(), d(2026, 3, 1), d(2026, 3, 31));
        assert_eq!(split_dates("handover march 2026"), march);
        assert_eq!(split_dates("Mar 2026 handover"), march);
        assert_eq!(
            split_dates("feb 2024 x"),
            ("x".to_string(), d(2024, 2, 1), d(2024, 2, 29))
        );
        assert_eq!(
            split_dates("march on 2026"),
            ("march on".to_string(), d(2026, 1, 1), d(2026, 12, 31))
        );
        assert_eq!(split_dates("ma 2026").0, "ma");
        assert_eq!(split_dates("\"march 2026\"").0, "\"march 2026\"");
    }

    /// A backwards range found nothing and said nothing (the CLI refused it); a word
    /// written as a date that is none became a search word. Both are said, the same way
    /// the CLI says them; good dates and plain numbers are no problem.
    #[test]
    fn dates_that_cannot_be_meant_are_said() {
        assert_eq!(
            date_problem("handover 2026-08..2026-07").as_deref(),
            Some(
                "the dates run backwards: 2026-08-01 is after 2026-07-31 (write the earlier one first)"
            )
        );
        for bad in [
            "2026-13",
            "2026-02-30",
            "2026-1-40",
            "2026-13..2027",
            "..2026-00",
        ] {
            let said = date_problem(&format!("x {bad}"));
            assert!(
                said.as_deref()
                    .is_some_and(|s| s.starts_with(&format!("'{bad}' is not a date"))),
                "{bad}: {said:?}"
            );
        }
        for fine in [
            "x 2026-07..2026-08",
            "x 2026-02-28",
            "12345 x",
            "x 2026",
            "a-b 1-2",
        ] {
            assert_eq!(date_problem(fine), None, "{fine}");
        }
    }
}
