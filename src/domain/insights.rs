//! Figures over a community's history: how balanced each meeting's airtime was (Gini,
//! the top voice's share, dominated meetings), who has not been heard lately, whether the
//! community meets at its planned cadence (and where the gaps are), and which way a series
//! is going. Pure: the store reads the facts, this turns them into figures.

use super::MemberId;
use super::cadence::{Cadence, WeekOfMonth, short_day};
use super::participation::{DOMINANCE_AFTER_SECONDS, Participation};
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc, Weekday,
};

/// How many past meetings the profile and insights look back over (about a year of
/// weekly meetings), so what they read stays the same size however long the history is.
pub const WINDOW: u32 = 52;

/// How many recent meetings "not heard lately" looks at.
pub const LATELY: usize = 8;

/// One past meeting as the insights need it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingFacts {
    pub title: String,
    /// When it started (or was scheduled, if it has no start).
    pub held_at: DateTime<Utc>,
    /// Members with an attendance row (the people expected).
    pub expected: u32,
    /// Airtime and turns of everyone present or late, in roster order.
    pub participation: Participation,
    /// Turns each member passed.
    pub passed: Vec<(MemberId, u32)>,
    /// Members expected (with an attendance row) but marked absent.
    pub absent: Vec<MemberId>,
}

impl MeetingFacts {
    /// Present (or late) members.
    pub fn present(&self) -> u32 {
        self.participation.rows.len() as u32
    }

    /// Whether `member` was in the room.
    pub fn was_present(&self, member: MemberId) -> bool {
        self.participation.rows.iter().any(|r| r.member == member)
    }

    /// `member`'s share of the airtime, if they were present.
    pub fn share_of(&self, member: MemberId) -> Option<f64> {
        self.participation
            .rows
            .iter()
            .find(|r| r.member == member)
            .map(|r| r.share)
    }

    /// Whether `member` was expected and marked absent.
    pub fn was_absent(&self, member: MemberId) -> bool {
        self.absent.contains(&member)
    }

    /// The balance of the meeting's airtime.
    pub fn balance(&self) -> Balance {
        Balance::of(&self.participation)
    }

    /// Whether the group spoke long enough (three minutes, the live view's rule) for its
    /// balance, its dominance and who was heard to mean anything.
    pub fn judged(&self) -> bool {
        judged(&self.participation)
    }
}

fn judged(p: &Participation) -> bool {
    p.total >= Duration::seconds(DOMINANCE_AFTER_SECONDS)
}

/// The Gini coefficient of `values`: 0 when all are equal, towards 1 when one holds all
/// (exactly (n-1)/n then). 0 for fewer than two values or a zero total.
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len();
    let total: f64 = values.iter().sum();
    if n < 2 || total <= 0.0 {
        return 0.0;
    }
    let diffs: f64 = values
        .iter()
        .flat_map(|a| values.iter().map(move |b| (a - b).abs()))
        .sum();
    diffs / (2.0 * n as f64 * total)
}

/// How evenly a meeting's airtime was spread.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Balance {
    /// Gini coefficient of the present members' airtime.
    pub gini: f64,
    /// The loudest voice's share of the airtime, 0 to 1.
    pub top_share: f64,
    /// The loudest voice (none when nobody spoke).
    pub top: Option<MemberId>,
    /// One voice held over twice the fair share (`participation`'s dominance rule).
    pub dominated: bool,
    /// Someone spoke, but under three minutes in all: too short to judge.
    pub too_short: bool,
}

impl Balance {
    /// The balance of one meeting's participation.
    pub fn of(p: &Participation) -> Self {
        let secs: Vec<f64> = p
            .rows
            .iter()
            .map(|r| r.spoken.num_milliseconds().max(0) as f64)
            .collect();
        let top = p
            .rows
            .iter()
            .filter(|r| r.share > 0.0)
            // The first of equals (roster order), not the last.
            .reduce(|a, b| if b.share > a.share { b } else { a });
        Self {
            gini: gini(&secs),
            top_share: top.map_or(0.0, |r| r.share),
            top: top.map(|r| r.member),
            dominated: !p.dominant().is_empty(),
            too_short: !p.total.is_zero() && !judged(p),
        }
    }

    /// The flag as a symbol and a word (works without colour).
    pub fn flag(&self) -> &'static str {
        if self.dominated {
            "▲ dominated"
        } else if self.too_short {
            "· too short to judge"
        } else {
            ""
        }
    }
}

/// The balance over a run of meetings: only meetings with three minutes of airtime are
/// judged (a one-minute meeting is "too short", and moves neither the average nor the
/// trend).
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceSummary {
    /// Ginis of the judged meetings, oldest first.
    pub ginis: Vec<f64>,
    /// Judged meetings dominated by one voice.
    pub dominated: usize,
    /// Meetings where someone spoke, but too briefly to judge.
    pub too_short: usize,
}

impl BalanceSummary {
    /// The summary of `facts` (oldest first).
    pub fn of(facts: &[MeetingFacts]) -> Self {
        let judged: Vec<Balance> = facts
            .iter()
            .filter(|f| f.judged())
            .map(MeetingFacts::balance)
            .collect();
        Self {
            ginis: judged.iter().map(|b| b.gini).collect(),
            dominated: judged.iter().filter(|b| b.dominated).count(),
            too_short: facts.iter().filter(|f| f.balance().too_short).count(),
        }
    }

    /// The average Gini of the judged meetings (none without one).
    pub fn mean_gini(&self) -> Option<f64> {
        (!self.ginis.is_empty()).then(|| self.ginis.iter().sum::<f64>() / self.ginis.len() as f64)
    }

    /// "average Gini 0.35 over 12 meetings (0 = even) · ↘ more even · ▲ 8 of 12 meetings
    /// dominated by one voice": the window said, the trend said as what it means for the
    /// balance, and no average at all where no meeting was long enough to judge.
    pub fn line(&self) -> String {
        let Some(mean) = self.mean_gini() else {
            let mut s = format!(
                "no meeting with {} minutes of talk yet",
                DOMINANCE_AFTER_SECONDS / 60
            );
            if self.too_short > 0 {
                s.push_str(&format!(" · {} too short to judge", self.too_short));
            }
            return s;
        };
        let trend = match trend(&self.ginis) {
            Trend::Rising => "↗ less even",
            Trend::Falling => "↘ more even",
            t => t.label(),
        };
        format!(
            "average Gini {mean:.2} over {} (0 = even) · {trend} · {}",
            super::text::count(self.ginis.len(), "meeting", "meetings"),
            self.flagged()
        )
    }

    /// "▲ 2 of 12 meetings dominated by one voice · 1 too short to judge".
    pub fn flagged(&self) -> String {
        let of = super::text::count(self.ginis.len(), "meeting", "meetings");
        let mut s = match self.dominated {
            0 => format!("✓ none of {of} dominated by one voice"),
            d => format!("▲ {d} of {of} dominated by one voice"),
        };
        if self.too_short > 0 {
            s.push_str(&format!(
                " · {} too short to judge (under {} minutes of airtime)",
                self.too_short,
                DOMINANCE_AFTER_SECONDS / 60
            ));
        }
        s
    }
}

/// How "least heard" ranks, in one sentence (Insights and the profile say it).
pub fn least_heard_rule() -> String {
    format!(
        "Ranked by share of a fair share, averaged over the last {LATELY} meetings with {}+ \
         minutes of talk; a meeting missed counts as 0.",
        DOMINANCE_AFTER_SECONDS / 60
    )
}

/// One member's voice over recent meetings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heard {
    pub member: MemberId,
    /// Meetings they were in, of those looked at.
    pub present: u32,
    /// Meetings they were expected at but missed, of those looked at.
    pub absent: u32,
    /// Their share against the fair share (1 = a fair share), averaged over the meetings
    /// they were in or missed, a missed one counting as 0; `None` when they were expected
    /// at none.
    pub of_fair: Option<f64>,
    /// The same average over the meetings they were in only.
    pub when_present: Option<f64>,
}

/// The meetings "lately" looks at: the last `lately` of `meetings` (oldest first) long
/// enough to judge ([`MeetingFacts::judged`]).
pub fn lately_judged(meetings: &[MeetingFacts], lately: usize) -> Vec<&MeetingFacts> {
    let judged: Vec<&MeetingFacts> = meetings.iter().filter(|m| m.judged()).collect();
    judged[judged.len().saturating_sub(lately)..].to_vec()
}

/// Who has been heard least in the last `lately` meetings (newest last in `meetings`),
/// among `members` ([`least_heard_rule`]): lowest average share of the fair share first,
/// a missed meeting counting as 0, then those expected at none of them. Meetings with
/// under three minutes of talk say nothing about anyone and are skipped.
pub fn least_heard(meetings: &[MeetingFacts], members: &[MemberId], lately: usize) -> Vec<Heard> {
    let recent = lately_judged(meetings, lately);
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let mut out: Vec<Heard> = members
        .iter()
        .map(|&member| {
            let ratios: Vec<f64> = recent
                .iter()
                .filter_map(|m| {
                    let fair = m.participation.fair_share;
                    m.share_of(member).filter(|_| fair > 0.0).map(|s| s / fair)
                })
                .collect();
            let absent = recent.iter().filter(|m| m.was_absent(member)).count();
            let mut all = ratios.clone();
            all.extend(std::iter::repeat_n(0.0, absent));
            Heard {
                member,
                present: ratios.len() as u32,
                absent: absent as u32,
                of_fair: mean(&all),
                when_present: mean(&ratios),
            }
        })
        .collect();
    out.sort_by(|a, b| match (a.of_fair, b.of_fair) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    out
}

/// Which way a series goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Steady,
    Falling,
    /// Fewer than three points.
    Unknown,
}

impl Trend {
    /// A symbol and a word.
    pub fn label(self) -> &'static str {
        match self {
            Trend::Rising => "↗ rising",
            Trend::Steady => "→ steady",
            Trend::Falling => "↘ falling",
            Trend::Unknown => "· too few meetings",
        }
    }
}

/// The trend of `values` (oldest first): the least-squares line's change from the first
/// point to the last, against the mean; over a tenth either way is a trend.
pub fn trend(values: &[f64]) -> Trend {
    let n = values.len();
    if n < 3 {
        return Trend::Unknown;
    }
    let nf = n as f64;
    let mean_x = (nf - 1.0) / 2.0;
    let mean_y = values.iter().sum::<f64>() / nf;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (i, y) in values.iter().enumerate() {
        let dx = i as f64 - mean_x;
        sxy += dx * (y - mean_y);
        sxx += dx * dx;
    }
    let change = sxy / sxx * (nf - 1.0);
    if mean_y.abs() < f64::EPSILON {
        return if change.abs() < f64::EPSILON {
            Trend::Steady
        } else if change > 0.0 {
            Trend::Rising
        } else {
            Trend::Falling
        };
    }
    match change / mean_y.abs() {
        r if r > 0.1 => Trend::Rising,
        r if r < -0.1 => Trend::Falling,
        _ => Trend::Steady,
    }
}

/// A stretch with no meeting, longer than the rhythm allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// The last meeting before the gap.
    pub after: NaiveDate,
    /// The first meeting after it (or today, for a gap still open).
    pub until: NaiveDate,
    pub days: i64,
    /// Meetings the rhythm expected in it.
    pub missed: u32,
    /// No meeting since: the gap runs to today.
    pub open: bool,
}

/// How regularly a community meets.
#[derive(Debug, Clone, PartialEq)]
pub struct CadenceFit {
    /// Days between meetings the cadence plans (or, with none, the usual interval).
    pub rhythm_days: Option<i64>,
    /// Whether the rhythm comes from the planned cadence.
    pub planned: bool,
    /// Days between consecutive meetings, oldest first.
    pub intervals: Vec<i64>,
    /// Intervals within the rhythm's tolerance.
    pub on_rhythm: u32,
    pub gaps: Vec<Gap>,
    /// Meetings held on the planned day, within [`SLOT_MINUTES`] of the planned time
    /// (`None` without a planned cadence or a meeting).
    pub on_slot: Option<u32>,
    /// Meetings looked at.
    pub meetings: u32,
    /// The most common weekday and start time of the meetings (the latest of equals).
    pub usual: Option<(Weekday, NaiveTime)>,
}

impl CadenceFit {
    /// The intervals judged: those between meetings, and the lapse since the last one
    /// when it is already a gap (so "on rhythm" cannot read 100% beside an open gap).
    pub fn judged_intervals(&self) -> u32 {
        let lapse = self.gaps.last().is_some_and(|g| g.open);
        self.intervals.len() as u32 + u32::from(lapse)
    }

    /// Share of judged intervals on rhythm, 0 to 1 (`None` with no interval).
    pub fn regularity(&self) -> Option<f64> {
        let n = self.judged_intervals();
        (n > 0).then(|| f64::from(self.on_rhythm) / f64::from(n))
    }

    /// Share of meetings on the planned day and time, 0 to 1.
    pub fn on_slot_share(&self) -> Option<f64> {
        self.on_slot
            .filter(|_| self.meetings > 0)
            .map(|n| f64::from(n) / f64::from(self.meetings))
    }
}

/// How far from the planned time a meeting may start and still be "at the planned time".
pub const SLOT_MINUTES: i64 = 30;

/// Days between meetings at `c`: weeks apart for a weekly cadence; a month is 28 to 35
/// days, so 30.
pub fn cadence_days(c: &Cadence) -> i64 {
    match *c {
        Cadence::Weekly { every, .. } => 7 * i64::from(every.max(1)),
        Cadence::Monthly { .. } => 30,
    }
}

/// How far an interval may stray from the rhythm and still be on it: half a week for
/// weekly rhythms (a meeting moved a day or two), a week for monthly ones.
fn tolerance(rhythm: i64) -> i64 {
    (rhythm / 4).max(2)
}

/// Whether a meeting starting at `at` (local) is on the planned day (the weekday, and for
/// a monthly cadence its week of the month) within [`SLOT_MINUTES`] of the planned time.
pub fn on_planned_slot(at: NaiveDateTime, planned: &Cadence) -> bool {
    let (weekday, time) = match *planned {
        Cadence::Weekly { weekday, time, .. } | Cadence::Monthly { weekday, time, .. } => {
            (weekday, time)
        }
    };
    let day = at.date();
    let week_ok = match *planned {
        Cadence::Weekly { .. } => true,
        Cadence::Monthly { week, .. } => {
            let nth = (day.day() - 1) / 7 + 1;
            match week {
                WeekOfMonth::Nth(n) => nth == u32::from(n),
                WeekOfMonth::Last => (day + Duration::days(7)).month() != day.month(),
            }
        }
    };
    day.weekday() == weekday && week_ok && (at.time() - time).num_minutes().abs() <= SLOT_MINUTES
}

/// The most common weekday of `times` (of equally common ones, the one used most
/// recently) and the median start time (to the minute, the earlier of two middles) of
/// the meetings held on it: real starts rarely repeat to the minute (18:01, 18:04,
/// 17:58), so counting exact times would name whichever meeting came last.
fn usual_slot(times: &[NaiveDateTime]) -> Option<(Weekday, NaiveTime)> {
    // Newest first, so the first of equals found is the most recent.
    let mut counts: Vec<(Weekday, usize)> = Vec::new();
    for t in times.iter().rev() {
        match counts.iter_mut().find(|(w, _)| *w == t.weekday()) {
            Some((_, n)) => *n += 1,
            None => counts.push((t.weekday(), 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max()?;
    let (day, _) = counts.into_iter().find(|(_, n)| *n == most)?;
    let mut starts: Vec<NaiveTime> = times
        .iter()
        .filter(|t| t.weekday() == day)
        .map(|t| NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t.time()))
        .collect();
    starts.sort();
    Some((day, starts[(starts.len() - 1) / 2]))
}

/// How the meetings held at `times` (local start times, oldest first) fit the planned
/// cadence (or, with none, their own usual interval, the median): the intervals on
/// rhythm, and the meetings on the planned day and time. An interval longer than the
/// rhythm plus half of it is a gap, as is the time since the last meeting up to `today`.
pub fn cadence_fit(
    times: &[NaiveDateTime],
    planned: Option<&Cadence>,
    today: NaiveDate,
) -> CadenceFit {
    let dates: Vec<NaiveDate> = times.iter().map(NaiveDateTime::date).collect();
    let intervals: Vec<i64> = dates.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    let on_slot = planned
        .filter(|_| !times.is_empty())
        .map(|c| times.iter().filter(|&&t| on_planned_slot(t, c)).count() as u32);
    let meetings = times.len() as u32;
    let usual = usual_slot(times);
    let rhythm = planned.map(cadence_days).or_else(|| {
        let mut sorted: Vec<i64> = intervals.iter().copied().filter(|&d| d > 0).collect();
        sorted.sort_unstable();
        sorted.get(sorted.len() / 2).copied()
    });
    let Some(r) = rhythm else {
        return CadenceFit {
            rhythm_days: None,
            planned: false,
            intervals,
            on_rhythm: 0,
            gaps: Vec::new(),
            on_slot,
            meetings,
            usual,
        };
    };
    let tol = tolerance(r);
    let on_rhythm = intervals.iter().filter(|&&d| (d - r).abs() <= tol).count() as u32;
    let gap = |after: NaiveDate, until: NaiveDate, open: bool| {
        let days = (until - after).num_days();
        (days > r + r / 2).then(|| Gap {
            after,
            until,
            days,
            missed: u32::try_from(((days as f64 / r as f64).round() as i64 - 1).max(1))
                .unwrap_or(0),
            open,
        })
    };
    let mut gaps: Vec<Gap> = dates
        .windows(2)
        .filter_map(|w| gap(w[0], w[1], false))
        .collect();
    if let Some(&last) = dates.last() {
        gaps.extend(gap(last, today, true));
    }
    CadenceFit {
        rhythm_days: Some(r),
        planned: planned.is_some(),
        intervals,
        on_rhythm,
        gaps,
        on_slot,
        meetings,
        usual,
    }
}

/// A weekday and time as the cadence writes them ("Wed 07:15").
pub fn slot_label((day, time): (Weekday, NaiveTime)) -> String {
    format!("{} {}", short_day(day), time.format("%H:%M"))
}

/// Action items counted by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActionTally {
    pub open: u32,
    pub done: u32,
    pub dropped: u32,
    /// Open and past their due date.
    pub overdue: u32,
}

impl ActionTally {
    /// All of them, dropped ones too (what the Actions screen counts).
    pub fn total(&self) -> u32 {
        self.open + self.done + self.dropped
    }

    /// "20 in all: 14 done · 5 open, ⚠ 3 of them overdue · 1 dropped": parts that add
    /// up to the whole, overdue named as part of open.
    pub fn summary(&self) -> String {
        if self.total() == 0 {
            return "none yet".into();
        }
        let overdue = if self.overdue > 0 {
            format!(", ⚠ {} of them overdue", self.overdue)
        } else {
            String::new()
        };
        format!(
            "{} in all: {} done · {} open{overdue} · {} dropped",
            self.total(),
            self.done,
            self.open,
            self.dropped
        )
    }

    /// "74% of the 19 not dropped are done" (`None` with none).
    pub fn completion_line(&self) -> Option<String> {
        self.completion().map(|c| {
            format!(
                "{} of the {} not dropped are done",
                percent(c),
                self.open + self.done
            )
        })
    }

    /// Done among those not dropped, 0 to 1 (`None` with none).
    pub fn completion(&self) -> Option<f64> {
        let n = self.open + self.done;
        (n > 0).then(|| self.done as f64 / n as f64)
    }
}

/// A share as a whole percentage ("37%").
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A duration as minutes and seconds ("12m05s") or seconds.
pub fn short(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests;
