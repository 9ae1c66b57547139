//! The cycles area: the chosen community's learning cycles (the Cycles screen), one of
//! them in detail, and what the leader does to them: open one, edit the open one's topic
//! and goals, move it through its phases, close it with an outcome ([`edit`]).

mod edit;

use super::{ChoosePurpose, Chooser, Ctx, ListState, Overlay, lists};
use crate::domain::text::sanitize;
use crate::domain::{
    Action, ActionId, ActionUpdate, CommunityId, Cycle, CycleId, GoalId, Improvement, MemberId,
    PhaseEntry,
};
use crate::store::{BoardNote, CycleMeeting, Store, StoreError};
use std::collections::HashMap;

/// A row of the Cycles list: the cycle and how many meetings it spanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleRow {
    pub cycle: Cycle,
    pub meetings: usize,
}

/// Everything the detail of one cycle shows (and `roundtable cycle show` prints).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleDetail {
    pub cycle: Cycle,
    /// The community's name.
    pub community: String,
    pub phases: Vec<PhaseEntry>,
    /// Problems, pitfalls and solutions, oldest first.
    pub board: Vec<BoardNote>,
    /// The cycle's actions, in creation order.
    pub actions: Vec<Action>,
    /// The follow-ups given while reflecting on the cycle, by action, oldest first.
    pub reflection: Vec<(ActionId, ActionUpdate)>,
    pub improvements: Vec<Improvement>,
    pub meetings: Vec<CycleMeeting>,
    /// Names of the members the board and the actions mention.
    pub names: HashMap<MemberId, String>,
    /// Titles of the community's goals (an action's goal).
    pub goals: HashMap<GoalId, String>,
}

impl CycleDetail {
    /// Reads cycle `id` and everything about it, in one consistent view.
    pub fn load(store: &Store, id: CycleId) -> Result<Self, StoreError> {
        store.snapshot(|s| Self::read(s, id))
    }

    /// [`CycleDetail::load`] inside a caller's own snapshot.
    pub fn read(s: &Store, id: CycleId) -> Result<Self, StoreError> {
        {
            let cycle = s.cycle(id)?;
            let community = s.community(cycle.community_id)?.info.name;
            let actions = s.cycle_actions(id)?;
            let mut reflection = Vec::new();
            for a in &actions {
                for u in s.action_updates(a.id)? {
                    if u.in_reflection {
                        reflection.push((a.id, u));
                    }
                }
            }
            let names = s
                .members(cycle.community_id)?
                .into_iter()
                .map(|m| (m.id, m.profile.name))
                .collect();
            let goals = s
                .goals(cycle.community_id)?
                .into_iter()
                .map(|g| (g.id, g.info.title))
                .collect();
            Ok(Self {
                phases: s.cycle_phases(id)?,
                board: s.board(id)?,
                improvements: s.improvements(id)?,
                meetings: s.cycle_meetings(id)?,
                cycle,
                community,
                actions,
                reflection,
                names,
                goals,
            })
        }
    }

    /// A member's name, or "nobody" / "the group" for `None`, sanitized for a screen.
    pub fn name(&self, who: Option<MemberId>, none: &str) -> String {
        match who.and_then(|id| self.names.get(&id)) {
            Some(n) => sanitize(n, false).into_owned(),
            None => none.to_string(),
        }
    }
}

/// The cycles of the chosen community, the list's selection, and the detail shown.
#[derive(Debug, Default)]
pub struct Cycles {
    /// Newest first.
    pub cycles: Vec<CycleRow>,
    /// The cycle opened with Enter; `None` shows the list.
    pub detail: Option<CycleDetail>,
    pub(in crate::app) list: ListState,
    /// The community the list was read for (a new one starts at the top, list shown).
    community: Option<CommunityId>,
    /// How far the detail is scrolled down, in lines (and can go, as last drawn).
    scroll: crate::app::Scroll,
    /// Where Esc on the detail goes back to when it was opened from elsewhere (a Search
    /// hit); forgotten on going to another screen.
    pub back_to: Option<crate::app::Screen>,
    /// The Search hit the detail was opened at, marked on it.
    pub focus: Option<DetailFocus>,
    /// The line the focus is drawn on, as last laid out (the drawing writes it).
    focus_line: std::cell::Cell<Option<u16>>,
    /// Whether the detail still shows the focus at its top (until the leader scrolls).
    at_focus: bool,
    /// The reflection walk started here (`R`): the same walk a live meeting's
    /// reflection item gives, with no meeting.
    pub(in crate::app) walk: crate::app::live::LiveCycle,
}

/// What a Search hit points at in a cycle's detail: the part its kind is shown in, and
/// the line there with one of the words it matched (any case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailFocus {
    pub kind: crate::domain::search::HitKind,
    /// The matched words, lower case.
    pub words: Vec<String>,
}

impl Cycles {
    /// Re-reads the community's cycles, and the detail shown, if any.
    pub(in crate::app) fn reload(
        &mut self,
        store: &Store,
        community: Option<CommunityId>,
    ) -> Result<(), StoreError> {
        if community != self.community {
            self.community = community;
            self.detail = None;
            self.list = ListState::default();
            self.scroll.reset();
        }
        let Some(c) = community else {
            self.cycles.clear();
            return Ok(());
        };
        let counts = store.cycle_meeting_counts(c)?;
        self.cycles = store
            .cycles(c)?
            .into_iter()
            .map(|cycle| CycleRow {
                meetings: counts.get(&cycle.id).copied().unwrap_or(0),
                cycle,
            })
            .collect();
        if let Some(id) = self.detail.as_ref().map(|d| d.cycle.id) {
            self.detail = match CycleDetail::load(store, id) {
                Ok(d) => Some(d),
                Err(StoreError::NotFound(_)) => None,
                Err(e) => return Err(e),
            };
        }
        Ok(())
    }

    /// Rows the filter lets through (every row while there is no filter: each frame asks
    /// several times, and the texts a filter matches are not built for nothing).
    pub fn rows(&self) -> Vec<usize> {
        if self.list.filter.trim().is_empty() {
            return (0..self.cycles.len()).collect();
        }
        let texts: Vec<String> = self
            .cycles
            .iter()
            .map(|r| {
                let c = &r.cycle;
                let goals: Vec<&str> = c.goals.iter().map(|g| g.title.as_str()).collect();
                format!(
                    "{} {} {} {} {}",
                    c.number,
                    c.topic.title,
                    c.phase.label(),
                    goals.join(" "),
                    c.outcome
                )
            })
            .collect();
        lists::matching(&texts, &self.list.filter)
    }

    /// The cycle selected on the list.
    pub fn selected(&self) -> Option<&CycleRow> {
        let i = self.list.pick(&self.rows())?;
        self.cycles.get(i)
    }

    /// The cycle the leader is acting on: the one in detail, else the selected one.
    pub fn current(&self) -> Option<&Cycle> {
        match &self.detail {
            Some(d) => Some(&d.cycle),
            None => self.selected().map(|r| &r.cycle),
        }
    }

    /// The community's open cycle, if any.
    pub fn open_cycle(&self) -> Option<&Cycle> {
        self.cycles.iter().map(|r| &r.cycle).find(|c| c.is_open())
    }

    fn select(&mut self, id: CycleId) {
        let row = self.cycles.iter().position(|r| r.cycle.id == id);
        let rows = self.rows();
        self.list.select_data_row(&rows, row);
    }

    /// Enter: the selected cycle's detail; in the detail, its meetings to go to.
    pub(in crate::app) fn open(&mut self, cx: &mut Ctx) {
        if self.detail.is_some() {
            return self.choose_meeting(cx);
        }
        let Some(id) = self.selected().map(|r| r.cycle.id) else {
            return cx.info("No cycles yet: press n to open one");
        };
        match CycleDetail::load(&cx.store, id) {
            Ok(d) => {
                self.detail = Some(d);
                self.scroll.reset();
                self.focus = None;
                self.at_focus = false;
            }
            Err(e) => cx.error(format!("Could not open the cycle: {e}")),
        }
    }

    /// The detail of cycle `id` of `community`, selected on the list (a Search hit that
    /// belongs to the cycle); Esc on it goes back to `from`.
    pub(in crate::app) fn open_at(
        &mut self,
        cx: &mut Ctx,
        community: CommunityId,
        id: CycleId,
        from: crate::app::Screen,
        focus: Option<DetailFocus>,
    ) -> Result<(), StoreError> {
        self.reload(&cx.store, Some(community))?;
        self.list.filter.clear();
        self.select(id);
        self.detail = Some(CycleDetail::load(&cx.store, id)?);
        self.scroll.reset();
        self.back_to = Some(from);
        self.at_focus = focus.is_some();
        self.focus = focus;
        self.focus_line.set(None);
        Ok(())
    }

    /// Esc in the detail: back to the list. Returns whether there was a detail to close.
    pub(in crate::app) fn close_detail(&mut self) -> bool {
        self.scroll.reset();
        self.focus = None;
        self.at_focus = false;
        self.detail.take().is_some()
    }

    /// `m` (or Enter in the detail): a chooser of the meetings the cycle spanned.
    pub(in crate::app) fn choose_meeting(&mut self, cx: &mut Ctx) {
        let Some(c) = self.current() else {
            return cx.info("No cycles yet: press n to open one");
        };
        let (number, id) = (c.number, c.id);
        let meetings = match &self.detail {
            Some(d) => d.meetings.clone(),
            None => match cx.store.cycle_meetings(id) {
                Ok(m) => m,
                Err(e) => return cx.error(format!("Could not read the cycle's meetings: {e}")),
            },
        };
        if meetings.is_empty() {
            return cx.info(format!(
                "Cycle {number} has no meetings yet: meetings planned while it is open join it"
            ));
        }
        let options = meetings
            .iter()
            .map(|m| {
                (
                    m.title.clone(),
                    format!("{} · {}", m.status, cx.dates.date_time(m.when())),
                )
            })
            .collect();
        cx.open(Overlay::Choose(Chooser {
            title: format!("Meetings of cycle {number} (Enter opens)"),
            options,
            ids: meetings.iter().map(|m| m.id.get()).collect(),
            selected: 0,
            purpose: ChoosePurpose::CycleMeeting,
        }));
    }

    /// The detail's scroll offset, no further than it was last drawn able to go; just
    /// opened at a Search hit, the hit's line (the drawing keeps it within reach).
    pub fn scroll(&self) -> u16 {
        match self.focus_line.get() {
            Some(line) if self.at_focus => line,
            _ => self.scroll.offset(),
        }
    }

    /// Drawing the detail: the line the focus is on (`None`: not found in it).
    pub fn set_focus_line(&self, line: Option<u16>) {
        self.focus_line.set(line);
    }

    /// Drawing the detail: how many lines it can scroll (0 when all of it shows).
    pub fn set_max_scroll(&self, max: u16) {
        self.scroll.set_max(max);
    }

    /// j/k, PgUp/PgDn in the detail.
    pub(in crate::app) fn scroll_by(&mut self, by: isize) {
        if std::mem::take(&mut self.at_focus) {
            // Scrolling starts from where the hit put the view.
            self.scroll.reset();
            self.scroll.by(self.focus_line.get().unwrap_or(0) as isize);
        }
        self.scroll.by(by);
    }
}
