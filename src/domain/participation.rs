//! Who has been heard: airtime per member against a fair share.

use super::MemberId;
use chrono::Duration;

/// Dominance is only judged once the group has spoken this long in total.
pub const DOMINANCE_AFTER_SECONDS: i64 = 180;

/// One member's part in a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Airtime {
    pub member: MemberId,
    pub spoken: Duration,
    pub turns: u32,
    /// Share of all airtime, 0 to 1.
    pub share: f64,
    /// Over twice the fair share.
    pub dominant: bool,
}

/// The airtime picture of a meeting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Participation {
    /// One row per present member, in the order given.
    pub rows: Vec<Airtime>,
    /// 1 / number of present members.
    pub fair_share: f64,
    pub total: Duration,
}

impl Participation {
    /// Builds the picture from each present member's (spoken time, turns).
    pub fn new(present: &[(MemberId, Duration, u32)]) -> Self {
        let total = present
            .iter()
            .fold(Duration::zero(), |acc, (_, d, _)| acc + *d);
        let fair_share = if present.is_empty() {
            0.0
        } else {
            1.0 / present.len() as f64
        };
        let total_ms = total.num_milliseconds().max(0) as f64;
        let min_total = Duration::seconds(DOMINANCE_AFTER_SECONDS);
        let rows = present
            .iter()
            .map(|&(member, spoken, turns)| {
                let share = if total_ms > 0.0 {
                    spoken.num_milliseconds().max(0) as f64 / total_ms
                } else {
                    0.0
                };
                Airtime {
                    member,
                    spoken,
                    turns,
                    share,
                    // With one or two people, or before the group has talked for a
                    // while, a "dominant" voice is meaningless (the first speaker
                    // always holds 100% of the first seconds).
                    dominant: present.len() > 2 && total >= min_total && share > 2.0 * fair_share,
                }
            })
            .collect();
        Self {
            rows,
            fair_share,
            total,
        }
    }

    /// Present members who have not spoken yet.
    pub fn not_heard(&self) -> Vec<MemberId> {
        self.rows
            .iter()
            .filter(|r| r.turns == 0 && r.spoken.is_zero())
            .map(|r| r.member)
            .collect()
    }

    /// Members over twice the fair share.
    pub fn dominant(&self) -> Vec<MemberId> {
        self.rows
            .iter()
            .filter(|r| r.dominant)
            .map(|r| r.member)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Members 1, 2, 3… with their airtime in seconds and turns.
    fn present(rows: &[(i64, u32)]) -> Vec<(MemberId, Duration, u32)> {
        (1..)
            .map(MemberId::new)
            .zip(rows)
            .map(|(m, &(secs, turns))| (m, Duration::seconds(secs), turns))
            .collect()
    }

    #[test]
    fn shares_fair_share_and_flags() {
        let s = Duration::seconds;
        let m = MemberId::new;
        let p = Participation::new(&present(&[(300, 3), (60, 1), (40, 1), (0, 0)]));
        assert_eq!(p.fair_share, 0.25);
        assert_eq!(p.total, s(400));
        assert!((p.rows[0].share - 0.75).abs() < 1e-9);
        assert_eq!(p.dominant(), [m(1)], "75% is over twice the 25% fair share");
        assert_eq!(p.not_heard(), [m(4)]);
    }

    #[test]
    fn no_dominance_with_two_people_or_no_time() {
        let p = Participation::new(&present(&[(100, 1), (0, 0)]));
        assert!(p.dominant().is_empty());
        let early = Participation::new(&present(&[(60, 1), (0, 0), (0, 0)]));
        assert!(
            early.dominant().is_empty(),
            "one minute in, nobody dominates yet"
        );
        let empty = Participation::new(&present(&[(0, 0), (0, 0), (0, 0)]));
        assert!(empty.dominant().is_empty());
        let m = MemberId::new;
        assert_eq!(empty.not_heard(), [m(1), m(2), m(3)]);
    }
}
