//! The insights area: a member's profile (Roster: Enter or `p`) and the community's
//! insights (`I` on Communities or History). Both read a bounded window of the latest
//! ended meetings ([`WINDOW`]) when they open; `export report` reads the same
//! [`CommunityInsights`].

use super::{Ctx, ListState, Screen};
use crate::domain::cycle::Cycle;
use crate::domain::insights::{
    ActionTally, CadenceFit, Heard, LATELY, MeetingFacts, WINDOW, cadence_fit, lately_judged,
    least_heard, percent, slot_label,
};
use crate::domain::{Community, Goal, GoalId, Member, MemberId};
use crate::store::{GoalProgress, IcebreakerUse, MemberRecord, Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::HashMap;

/// How many icebreakers the insights list.
const ICEBREAKERS: u32 = 8;

/// Everything the Insights screen and the report show about one community.
#[derive(Debug, Clone)]
pub struct CommunityInsights {
    pub community: Community,
    /// The latest ended meetings, oldest first (at most [`WINDOW`]).
    pub facts: Vec<MeetingFacts>,
    /// The roster (active and not), for names.
    pub members: Vec<Member>,
    pub actions: ActionTally,
    pub icebreakers: Vec<IcebreakerUse>,
    /// Newest first.
    pub cycles: Vec<Cycle>,
    pub goals: Vec<Goal>,
    pub progress: HashMap<GoalId, GoalProgress>,
    /// The day the figures are judged on (overdue, open gaps).
    pub today: NaiveDate,
}

impl CommunityInsights {
    /// Reads the figures of `community` as of `today`.
    pub fn load(store: &Store, community: Community, today: NaiveDate) -> Result<Self, StoreError> {
        let id = community.id;
        Ok(Self {
            facts: store.meeting_facts(id, WINDOW)?,
            members: store.members(id)?,
            actions: store.action_tally(id, today)?,
            icebreakers: store.icebreakers_used(id, ICEBREAKERS)?,
            cycles: store.cycles(id)?,
            goals: store.goals(id)?,
            progress: store.goal_progress(id)?,
            community,
            today,
        })
    }

    /// How regularly the community met, against its planned cadence.
    pub fn cadence(&self) -> CadenceFit {
        let times: Vec<NaiveDateTime> = self.facts.iter().map(local_time).collect();
        cadence_fit(&times, self.community.info.cadence.as_ref(), self.today)
    }

    /// "planned weekly Mon 16:00 (every 7 days) · intervals on rhythm 100% · on the
    /// planned day and time 0% (usually Wed 07:15)": the interval and the slot, each
    /// judged; an open lapse is named as counted. `day` writes a date.
    pub fn cadence_line(&self, fit: &CadenceFit, day: &dyn Fn(NaiveDate) -> String) -> String {
        let days = |d: i64| crate::domain::text::count(d as usize, "day", "days");
        let mut s = match (&self.community.info.cadence, fit.rhythm_days) {
            (Some(c), Some(d)) => format!("planned {c} (every {})", days(d)),
            (None, Some(d)) => format!("ad hoc; usually every {}", days(d)),
            (_, None) => "too few meetings to tell".into(),
        };
        // Two meetings give one interval: "on rhythm 0%" judged a new community on it.
        if !judges_cadence(fit) {
            if fit.rhythm_days.is_some() {
                s.push_str(&format!(
                    " · too few meetings to judge yet ({} of {JUDGED})",
                    fit.meetings
                ));
            }
            return s;
        }
        if let Some(r) = fit.regularity() {
            s.push_str(&format!(" · intervals on rhythm {}", percent(r)));
            if let Some(g) = fit.gaps.last().filter(|g| g.open) {
                s.push_str(&format!(
                    " (counting the lapse since {} as one off)",
                    day(g.after)
                ));
            }
        }
        if let Some(r) = fit.on_slot_share() {
            s.push_str(&format!(" · on the planned day and time {}", percent(r)));
            if r < 1.0
                && let Some(u) = fit.usual
            {
                s.push_str(&format!(" (usually {})", slot_label(u)));
            }
        }
        s
    }

    /// Active members, least heard lately first.
    pub fn heard(&self) -> Vec<Heard> {
        heard(&self.facts, &self.members)
    }

    /// How many of the last [`LATELY`] meetings `member` was in the room for, and was
    /// expected at: attendance, whoever talked and for how long (the report's table said
    /// "0 of 0" when no meeting had the three minutes of talk the shares need).
    pub fn attended(&self, member: MemberId) -> (u32, u32) {
        let recent = &self.facts[self.facts.len().saturating_sub(LATELY)..];
        let present = recent.iter().filter(|f| f.was_present(member)).count() as u32;
        let absent = recent.iter().filter(|f| f.was_absent(member)).count() as u32;
        (present, present + absent)
    }

    /// A member's name, or "?".
    pub fn name(&self, id: MemberId) -> &str {
        name(&self.members, id)
    }

    /// "Least heard (last 8 meetings, % of a fair share): Cy 10% · Di 50%, absent 4 of 8".
    pub fn least_heard_line(&self) -> String {
        least_heard_line(&self.facts, &self.members)
    }

    /// Attendance rate of each meeting (present of expected), oldest first.
    pub fn attendance(&self) -> Vec<f64> {
        self.facts
            .iter()
            .map(|f| {
                if f.expected == 0 {
                    0.0
                } else {
                    f.present() as f64 / f.expected as f64
                }
            })
            .collect()
    }
}

/// Meetings the cadence and the attendance trend need before they are judged.
pub const JUDGED: u32 = 3;

/// Whether there are meetings enough ([`JUDGED`]) to judge the cadence: its rhythm and
/// slot, and "no gaps" (a gap is said whatever the count).
pub fn judges_cadence(fit: &CadenceFit) -> bool {
    fit.meetings >= JUDGED
}

/// The attendance trend in words: "↗ rising", …, or "too few meetings for a trend"
/// (the trend's own label starts with a "·", which after a separator read "· ·").
pub fn trend_words(rates: &[f64]) -> &'static str {
    match crate::domain::insights::trend(rates) {
        crate::domain::insights::Trend::Unknown => "too few meetings for a trend",
        t => t.label(),
    }
}

/// The day a meeting was held, in local time.
pub fn local_day(f: &MeetingFacts) -> NaiveDate {
    local_time(f).date()
}

/// When a meeting started, in local time.
pub fn local_time(f: &MeetingFacts) -> NaiveDateTime {
    f.held_at.with_timezone(&chrono::Local).naive_local()
}

fn name(members: &[Member], id: MemberId) -> &str {
    members
        .iter()
        .find(|m| m.id == id)
        .map_or("?", |m| m.profile.name.as_str())
}

fn heard(facts: &[MeetingFacts], members: &[Member]) -> Vec<Heard> {
    let active: Vec<MemberId> = members.iter().filter(|m| m.active).map(|m| m.id).collect();
    least_heard(facts, &active, LATELY)
}

/// The answer to "who has not been heard lately?": the three least heard active members
/// over the last [`LATELY`] meetings long enough to judge, a missed meeting counting as
/// not heard ([`crate::domain::insights::least_heard_rule`]; names unsanitized: callers
/// sanitize or escape for where they write).
pub fn least_heard_line(facts: &[MeetingFacts], members: &[Member]) -> String {
    let heard = heard(facts, members);
    let lately = judged_lately(facts);
    if lately == 0 {
        return "Least heard: no meeting with 3 minutes of talk yet".into();
    }
    let names: Vec<String> = heard
        .iter()
        .take(3)
        .map(|h| {
            let who = name(members, h.member);
            match h.of_fair {
                Some(r) => format!("{who} {}{}", percent(r), absent_of(h)),
                None => format!("{who} no attendance recorded"),
            }
        })
        .collect();
    format!(
        "Least heard (last {}, % of a fair share): {}",
        crate::domain::text::count(lately, "meeting", "meetings"),
        names.join(" · ")
    )
}

/// ", absent 4 of 8" (nothing when they missed none).
pub fn absent_of(h: &Heard) -> String {
    if h.absent == 0 {
        String::new()
    } else {
        format!(", absent {} of {}", h.absent, h.absent + h.present)
    }
}

/// How many meetings "lately" covers: the last [`LATELY`] long enough to judge, or
/// fewer when there are fewer.
fn judged_lately(facts: &[MeetingFacts]) -> usize {
    lately_judged(facts, LATELY).len()
}

/// One member's profile.
#[derive(Debug, Clone)]
pub struct ProfileView {
    pub member: Member,
    /// The community's latest ended meetings, oldest first.
    pub facts: Vec<MeetingFacts>,
    pub members: Vec<Member>,
    pub record: MemberRecord,
}

impl ProfileView {
    /// The meetings held while they were a member (from the day they joined to the day
    /// they left), and any other they were in, oldest first.
    pub fn as_member(&self) -> impl Iterator<Item = &MeetingFacts> {
        let (joined, left) = (self.member.profile.joined, self.member.left);
        self.facts.iter().filter(move |f| {
            let day = local_day(f);
            (joined.is_none_or(|j| day >= j) && left.is_none_or(|l| day <= l))
                || f.was_present(self.member.id)
        })
    }

    /// Whether they joined after the oldest meeting looked at (so the meetings before
    /// are not theirs to have missed).
    pub fn joined_lately(&self) -> bool {
        let oldest = self.facts.first().map(local_day);
        matches!((self.member.profile.joined, oldest), (Some(j), Some(o)) if j > o)
    }

    /// Meetings they were expected at (held while they were a member), and were in.
    pub fn attendance(&self) -> (u32, u32) {
        let id = self.member.id;
        let expected = self.as_member().count() as u32;
        let present = self.as_member().filter(|f| f.was_present(id)).count() as u32;
        (present, expected)
    }

    /// Their airtime share per meeting (0 when absent), oldest first, with the fair share.
    pub fn shares(&self) -> Vec<(f64, f64)> {
        self.facts
            .iter()
            .map(|f| {
                (
                    f.share_of(self.member.id).unwrap_or(0.0),
                    f.participation.fair_share,
                )
            })
            .collect()
    }

    /// Turns they passed in the window.
    pub fn passed(&self) -> u32 {
        self.facts
            .iter()
            .flat_map(|f| f.passed.iter())
            .filter(|(m, _)| *m == self.member.id)
            .map(|(_, n)| n)
            .sum()
    }

    /// Turns they spoke in the window.
    pub fn turns(&self) -> u32 {
        self.facts
            .iter()
            .flat_map(|f| f.participation.rows.iter())
            .filter(|r| r.member == self.member.id)
            .map(|r| r.turns)
            .sum()
    }

    /// How they were heard lately (share of a fair share), among the active members.
    pub fn heard(&self) -> Option<Heard> {
        let mut all = heard(&self.facts, &self.members);
        if !self.member.active {
            all = least_heard(&self.facts, &[self.member.id], LATELY);
        }
        all.into_iter().find(|h| h.member == self.member.id)
    }

    /// How many meetings [`ProfileView::heard`] looks at: the last [`LATELY`] long
    /// enough to judge, or fewer when there are fewer.
    pub fn lately(&self) -> usize {
        judged_lately(&self.facts)
    }

    /// The community's least-heard line.
    pub fn least_heard_line(&self) -> String {
        least_heard_line(&self.facts, &self.members)
    }
}

/// The profile and insights screens' state.
#[derive(Debug, Default)]
pub struct Insights {
    pub profile: Option<ProfileView>,
    pub community: Option<CommunityInsights>,
    /// Neither screen is a list; these hold only their (unused) filters.
    pub(in crate::app) profile_list: ListState,
    pub(in crate::app) insights_list: ListState,
    /// How far the screen is scrolled down, in lines (and can go, as last drawn).
    scroll: crate::app::Scroll,
    /// Where Esc goes back to.
    from: Option<Screen>,
}

impl Insights {
    /// Opens the profile of `member` (the roster's selected row).
    pub(in crate::app) fn open_profile(&mut self, cx: &mut Ctx, member: Option<Member>) {
        let Some(member) = member else {
            return cx.info("No member selected: press n to add one");
        };
        let community = member.community_id;
        let today = cx.today();
        let read = (|| -> Result<ProfileView, StoreError> {
            Ok(ProfileView {
                facts: cx.store.meeting_facts(community, WINDOW)?,
                members: cx.store.members(community)?,
                record: cx
                    .store
                    .member_record(community, member.id, WINDOW, today)?,
                member,
            })
        })();
        match read {
            Ok(p) => {
                self.profile = Some(p);
                self.show(cx, Screen::Profile);
            }
            Err(e) => cx.error(format!("Could not open the profile: {e}")),
        }
    }

    /// Opens the insights of `community` (the chosen one).
    pub(in crate::app) fn open_insights(&mut self, cx: &mut Ctx, community: Option<Community>) {
        let Some(c) = community else {
            return cx.info("Choose a community first: select one on Communities and press Enter");
        };
        match CommunityInsights::load(&cx.store, c, cx.today()) {
            Ok(i) => {
                self.community = Some(i);
                self.show(cx, Screen::Insights);
            }
            Err(e) => cx.error(format!("Could not read the insights: {e}")),
        }
    }

    fn show(&mut self, cx: &mut Ctx, screen: Screen) {
        if cx.screen != Screen::Profile && cx.screen != Screen::Insights {
            self.from = Some(cx.screen);
        }
        self.scroll.reset();
        cx.screen = screen;
    }

    /// Esc: the screen it was opened from.
    pub(in crate::app) fn close(&mut self) -> Screen {
        self.scroll.reset();
        self.from.take().unwrap_or(Screen::Roster)
    }

    /// The scroll offset, no further than it was last drawn able to go.
    pub fn scroll(&self) -> u16 {
        self.scroll.offset()
    }

    /// Drawing: how many lines the screen can scroll (0 when all of it shows).
    pub fn set_max_scroll(&self, max: u16) {
        self.scroll.set_max(max);
    }

    /// j/k, PgUp/PgDn.
    pub(in crate::app) fn scroll_by(&mut self, by: isize) {
        self.scroll.by(by);
    }
}
