//! Figures over a community's history: how balanced each meeting's airtime was (Gini,
//! the top voice's share, dominated meetings), who has not been heard lately, whether the
//! community meets at its planned cadence (and where the gaps are), and which way a series
//! is going. Pure: the store reads the facts, this turns them into figures.

use super::MemberId;
use super::cadence::Cadence;
use super::participation::Participation;
use chrono::{DateTime, Duration, NaiveDate, Utc};

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

    /// The balance of the meeting's airtime.
    pub fn balance(&self) -> Balance {
        Balance::of(&self.participation)
    }
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
        }
    }

    /// The flag as a symbol and a word (works without colour).
    pub fn flag(&self) -> &'static str {
        if self.dominated { "▲ dominated" } else { "" }
    }
}

/// One member's voice over recent meetings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Heard {
    pub member: MemberId,
    /// Meetings they were in, of those looked at.
    pub present: u32,
    /// Their share against the fair share, averaged over the meetings they were in
    /// (1 = a fair share); `None` when they were in none.
    pub of_fair: Option<f64>,
}

/// Who has been heard least in the last `lately` meetings (newest last in `meetings`),
/// among `members`: lowest share of the fair share first, then those absent from all of
/// them. Meetings where nobody spoke say nothing about anyone and are skipped.
pub fn least_heard(meetings: &[MeetingFacts], members: &[MemberId], lately: usize) -> Vec<Heard> {
    let spoken: Vec<&MeetingFacts> = meetings
        .iter()
        .filter(|m| !m.participation.total.is_zero())
        .collect();
    let recent = &spoken[spoken.len().saturating_sub(lately)..];
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
            Heard {
                member,
                present: ratios.len() as u32,
                of_fair: (!ratios.is_empty())
                    .then(|| ratios.iter().sum::<f64>() / ratios.len() as f64),
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
}

impl CadenceFit {
    /// Share of intervals on rhythm, 0 to 1 (`None` with no interval).
    pub fn regularity(&self) -> Option<f64> {
        (!self.intervals.is_empty()).then(|| self.on_rhythm as f64 / self.intervals.len() as f64)
    }
}

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

/// How the meetings held on `dates` (oldest first) fit the planned cadence (or, with
/// none, their own usual interval, the median). An interval longer than the rhythm plus
/// half of it is a gap, as is the time since the last meeting up to `today`.
pub fn cadence_fit(dates: &[NaiveDate], planned: Option<&Cadence>, today: NaiveDate) -> CadenceFit {
    let intervals: Vec<i64> = dates.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
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
    }
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
