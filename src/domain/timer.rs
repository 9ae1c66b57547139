//! Timer arithmetic from stored timestamps: elapsed time is always computed from when
//! something started, minus the spans the meeting stood still, so a restart, a crash or
//! a slow frame can never make a clock drift.

use chrono::{DateTime, Duration, Utc};

/// A stretch of time; `end` is `None` while it is still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

impl Span {
    /// A closed span.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self {
            start,
            end: Some(end),
        }
    }

    /// An open span (still running).
    pub fn open(start: DateTime<Utc>) -> Self {
        Self { start, end: None }
    }

    fn end_or(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.end.unwrap_or(now).max(self.start)
    }
}

fn overlap(a0: DateTime<Utc>, a1: DateTime<Utc>, b0: DateTime<Utc>, b1: DateTime<Utc>) -> Duration {
    let s = a0.max(b0);
    let e = a1.min(b1);
    if e > s { e - s } else { Duration::zero() }
}

/// Time that `span` ran while the meeting was not paused, as of `now`. Pauses may
/// overlap each other (a pause during downtime); overlapping pause time counts once.
pub fn active(span: Span, pauses: &[Span], now: DateTime<Utc>) -> Duration {
    let (s, e) = (span.start, span.end_or(now));
    if e <= s {
        return Duration::zero();
    }
    // Merge pauses clipped to [s, e] so overlaps are not subtracted twice.
    let mut clipped: Vec<(DateTime<Utc>, DateTime<Utc>)> = pauses
        .iter()
        .map(|p| (p.start.max(s), p.end_or(now).min(e)))
        .filter(|(a, b)| b > a)
        .collect();
    clipped.sort();
    let mut paused = Duration::zero();
    let mut cur: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
    for (a, b) in clipped {
        cur = match cur {
            Some((c0, c1)) if a <= c1 => Some((c0, c1.max(b))),
            Some((c0, c1)) => {
                paused += overlap(c0, c1, s, e);
                Some((a, b))
            }
            None => Some((a, b)),
        };
    }
    if let Some((c0, c1)) = cur {
        paused += overlap(c0, c1, s, e);
    }
    (e - s) - paused
}

/// A countdown against a timebox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub elapsed: Duration,
    pub limit: Duration,
}

impl Countdown {
    /// Time left; negative once over.
    pub fn remaining(&self) -> Duration {
        self.limit - self.elapsed
    }

    /// How far past the timebox, if it is.
    pub fn overrun(&self) -> Option<Duration> {
        (self.elapsed > self.limit).then(|| self.elapsed - self.limit)
    }

    /// Fraction of the timebox used, capped at 1.
    pub fn ratio(&self) -> f64 {
        let l = self.limit.num_milliseconds();
        if l <= 0 {
            return 1.0;
        }
        (self.elapsed.num_milliseconds() as f64 / l as f64).clamp(0.0, 1.0)
    }
}

/// `m:ss` (or `h:mm:ss`), with a leading `-` for negative durations.
pub fn clock(d: Duration) -> String {
    let neg = d < Duration::zero();
    let s = d.num_seconds().abs();
    let body = if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    };
    if neg { format!("-{body}") } else { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(min: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 18, 0, 0).unwrap() + Duration::minutes(min)
    }

    #[test]
    fn active_time_subtracts_pauses_inside_the_span() {
        let span = Span::open(t(0));
        assert_eq!(active(span, &[], t(10)), Duration::minutes(10));
        let pauses = [Span::new(t(2), t(5)), Span::open(t(8))];
        assert_eq!(active(span, &pauses, t(10)), Duration::minutes(5));
        // A pause before the span started does not count.
        assert_eq!(
            active(Span::open(t(6)), &[Span::new(t(2), t(5))], t(10)),
            Duration::minutes(4)
        );
        // A closed span ignores time after its end.
        assert_eq!(
            active(Span::new(t(0), t(4)), &pauses, t(60)),
            Duration::minutes(2)
        );
    }

    #[test]
    fn overlapping_pauses_count_once() {
        let pauses = [
            Span::new(t(1), t(4)),
            Span::new(t(3), t(6)),
            Span::new(t(5), t(6)),
        ];
        assert_eq!(
            active(Span::new(t(0), t(10)), &pauses, t(10)),
            Duration::minutes(5)
        );
    }

    #[test]
    fn countdown_and_clock_format() {
        let c = Countdown {
            elapsed: Duration::seconds(150),
            limit: Duration::seconds(120),
        };
        assert_eq!(c.overrun(), Some(Duration::seconds(30)));
        assert_eq!(clock(c.remaining()), "-0:30");
        assert_eq!(c.ratio(), 1.0);
        assert_eq!(clock(Duration::seconds(3725)), "1:02:05");
        assert_eq!(clock(Duration::seconds(65)), "1:05");
    }
}
