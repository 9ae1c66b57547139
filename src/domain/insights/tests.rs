use super::*;
use chrono::{NaiveTime, TimeZone, Weekday};

fn m(i: i64) -> MemberId {
    MemberId::new(i)
}

fn d(y: i32, mo: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, mo, day).unwrap()
}

/// A meeting where members 1, 2, 3… spoke the given seconds (one turn each if any).
fn meeting(secs: &[i64]) -> MeetingFacts {
    let rows: Vec<(MemberId, Duration, u32)> = secs
        .iter()
        .enumerate()
        .map(|(i, &s)| (m(i as i64 + 1), Duration::seconds(s), u32::from(s > 0)))
        .collect();
    MeetingFacts {
        title: "M".into(),
        held_at: Utc.with_ymd_and_hms(2025, 1, 1, 18, 0, 0).unwrap(),
        expected: secs.len() as u32,
        participation: Participation::new(&rows),
        passed: Vec::new(),
    }
}

#[test]
fn gini_against_hand_computed_values() {
    assert_eq!(gini(&[]), 0.0);
    assert_eq!(gini(&[5.0]), 0.0);
    assert_eq!(gini(&[3.0, 3.0, 3.0]), 0.0);
    assert_eq!(gini(&[0.0, 0.0]), 0.0, "nobody spoke: no inequality");
    // One of four holds everything: (n-1)/n.
    assert!((gini(&[1.0, 0.0, 0.0, 0.0]) - 0.75).abs() < 1e-12);
    // [1, 2, 3]: pairwise |diffs| 1,2,1 twice = 8; 2·n·total = 2·3·6 = 36.
    assert!((gini(&[1.0, 2.0, 3.0]) - 8.0 / 36.0).abs() < 1e-12);
    // Order does not matter.
    assert_eq!(gini(&[3.0, 1.0, 2.0]), gini(&[1.0, 2.0, 3.0]));
}

#[test]
fn balance_names_the_top_voice_and_flags_domination_with_the_live_rule() {
    let b = meeting(&[300, 60, 40, 0]).balance();
    assert_eq!(b.top, Some(m(1)));
    assert!((b.top_share - 0.75).abs() < 1e-9);
    assert!(b.dominated);
    assert_eq!(b.flag(), "▲ dominated");
    // [300,60,40,0] over 400: diffs sum = 2·(240+260+300+20+60+40) = 1840; /(2·4·400)
    assert!((b.gini - 1840.0 / 3200.0).abs() < 1e-9);
    let even = meeting(&[100, 100, 100]).balance();
    assert!(!even.dominated);
    assert_eq!(even.flag(), "");
    assert_eq!(even.gini, 0.0);
    // Two people: dominance is not judged (participation's rule).
    assert!(!meeting(&[500, 10]).balance().dominated);
    let silent = meeting(&[0, 0, 0]).balance();
    assert_eq!(silent.top, None);
    assert_eq!(silent.top_share, 0.0);
}

#[test]
fn least_heard_ranks_by_share_of_fair_share_then_absentees() {
    // Fair share 1/3 in each; member 3 spoke 10% then 20%: 0.3 and 0.6 of fair → 0.45.
    let a = meeting(&[450, 450, 100]);
    let b = meeting(&[400, 400, 200]);
    let heard = least_heard(&[a, b], &[m(1), m(2), m(3), m(9)], LATELY);
    assert_eq!(heard[0].member, m(3));
    assert!((heard[0].of_fair.unwrap() - 0.45).abs() < 1e-9);
    assert_eq!(heard[0].present, 2);
    assert_eq!(heard.last().unwrap().member, m(9));
    assert_eq!(heard.last().unwrap().of_fair, None, "absent from all");
}

#[test]
fn least_heard_looks_only_at_the_latest_meetings_where_someone_spoke() {
    let old = meeting(&[0, 1000, 1000]);
    let newer = meeting(&[1000, 1000, 0]);
    let silent = meeting(&[0, 0, 0]);
    let heard = least_heard(&[old, newer, silent], &[m(1), m(3)], 1);
    assert_eq!(
        heard[0].member,
        m(3),
        "only the newest meeting with talk counts"
    );
    assert_eq!(heard[0].of_fair, Some(0.0));
    assert!((heard[1].of_fair.unwrap() - 1.5).abs() < 1e-9);
}

#[test]
fn trends_rise_fall_and_hold() {
    assert_eq!(trend(&[1.0, 2.0]), Trend::Unknown);
    assert_eq!(trend(&[4.0, 5.0, 6.0, 7.0]), Trend::Rising);
    assert_eq!(trend(&[7.0, 6.0, 5.0, 4.0]), Trend::Falling);
    assert_eq!(trend(&[5.0, 5.0, 5.1, 5.0]), Trend::Steady);
    assert_eq!(trend(&[0.0, 0.0, 0.0]), Trend::Steady);
    // 10 → 9 over the series is a 10.5% change of the mean 9.5: a trend.
    assert_eq!(trend(&[10.0, 9.5, 9.0]), Trend::Falling);
    assert_eq!(Trend::Falling.label(), "↘ falling");
}

#[test]
fn weekly_cadence_with_a_three_week_gap_and_an_open_gap() {
    let weekly = Cadence::Weekly {
        every: 1,
        weekday: Weekday::Tue,
        time: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
    };
    let dates = [
        d(2025, 1, 7),
        d(2025, 1, 14),
        d(2025, 1, 22),
        d(2025, 2, 11),
        d(2025, 2, 18),
    ];
    let fit = cadence_fit(&dates, Some(&weekly), d(2025, 2, 20));
    assert_eq!(fit.rhythm_days, Some(7));
    assert!(fit.planned);
    assert_eq!(fit.intervals, [7, 8, 20, 7]);
    assert_eq!(fit.on_rhythm, 3, "a meeting a day late is on rhythm");
    assert_eq!(
        fit.gaps,
        [Gap {
            after: d(2025, 1, 22),
            until: d(2025, 2, 11),
            days: 20,
            missed: 2,
            open: false
        }]
    );
    assert_eq!(fit.regularity(), Some(0.75));
    // A month later with no meeting: the gap is still open.
    let late = cadence_fit(&dates, Some(&weekly), d(2025, 3, 18));
    let open = late.gaps.last().unwrap();
    assert!(open.open);
    assert_eq!((open.days, open.missed), (28, 3));
}

#[test]
fn without_a_planned_cadence_the_usual_interval_is_the_rhythm() {
    let dates = [
        d(2025, 1, 1),
        d(2025, 1, 15),
        d(2025, 1, 29),
        d(2025, 3, 26),
    ];
    let fit = cadence_fit(&dates, None, d(2025, 3, 27));
    assert_eq!(fit.rhythm_days, Some(14));
    assert!(!fit.planned);
    assert_eq!(fit.gaps.len(), 1);
    assert_eq!(fit.gaps[0].missed, 3);
    let none = cadence_fit(&[d(2025, 1, 1)], None, d(2025, 1, 2));
    assert_eq!(none.rhythm_days, None);
    assert_eq!(none.regularity(), None);
    let monthly = Cadence::Monthly {
        week: crate::domain::cadence::WeekOfMonth::Last,
        weekday: Weekday::Fri,
        time: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
    };
    assert_eq!(cadence_days(&monthly), 30);
}

#[test]
fn action_completion_leaves_dropped_out() {
    let t = ActionTally {
        open: 1,
        done: 3,
        dropped: 5,
        overdue: 1,
    };
    assert_eq!(t.completion(), Some(0.75));
    assert_eq!(ActionTally::default().completion(), None);
    assert_eq!(percent(0.754), "75%");
    assert_eq!(short(Duration::seconds(125)), "2m05s");
    assert_eq!(short(Duration::seconds(9)), "9s");
}
