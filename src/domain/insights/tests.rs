use super::*;
use chrono::{NaiveDateTime, NaiveTime, TimeZone, Weekday};

fn m(i: i64) -> MemberId {
    MemberId::new(i)
}

fn d(y: i32, mo: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, mo, day).unwrap()
}

/// Meetings at 18:00 on each of `days`.
fn at_six(days: &[NaiveDate]) -> Vec<NaiveDateTime> {
    days.iter()
        .map(|d| d.and_hms_opt(18, 0, 0).unwrap())
        .collect()
}

fn cadence(s: &str) -> Cadence {
    s.parse().unwrap()
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
        absent: Vec::new(),
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
    let fit = cadence_fit(&at_six(&dates), Some(&weekly), d(2025, 2, 20));
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
    let late = cadence_fit(&at_six(&dates), Some(&weekly), d(2025, 3, 18));
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
    let fit = cadence_fit(&at_six(&dates), None, d(2025, 3, 27));
    assert_eq!(fit.rhythm_days, Some(14));
    assert!(!fit.planned);
    assert_eq!(fit.gaps.len(), 1);
    assert_eq!(fit.gaps[0].missed, 3);
    let none = cadence_fit(&at_six(&[d(2025, 1, 1)]), None, d(2025, 1, 2));
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

/// B4: a community planned "weekly Mon 16:00" that always meets Wed 07:15 keeps its
/// interval, but not its day and time, and the screen must be able to say both.
#[test]
fn the_planned_day_and_time_are_checked_apart_from_the_interval() {
    let planned = cadence("weekly Mon 16:00");
    // Wednesdays 2025-01-01 … 2025-01-29, 07:15.
    let times: Vec<NaiveDateTime> = (0..5)
        .map(|w| {
            (d(2025, 1, 1) + Duration::weeks(w))
                .and_hms_opt(7, 15, 0)
                .unwrap()
        })
        .collect();
    let fit = cadence_fit(&times, Some(&planned), d(2025, 1, 30));
    assert_eq!(
        fit.regularity(),
        Some(1.0),
        "every 7 days: the interval holds"
    );
    assert_eq!((fit.on_slot, fit.meetings), (Some(0), 5));
    assert_eq!(fit.on_slot_share(), Some(0.0));
    let usual = fit.usual.unwrap();
    assert_eq!(
        usual,
        (Weekday::Wed, NaiveTime::from_hms_opt(7, 15, 0).unwrap())
    );
    assert_eq!(slot_label(usual), "Wed 07:15");
    // 2025-01-06 is a Monday: 16:20 is within half an hour, 16:45 and Tuesday are not.
    let mon = |h, m| d(2025, 1, 6).and_hms_opt(h, m, 0).unwrap();
    assert!(on_planned_slot(mon(16, 20), &planned));
    assert!(on_planned_slot(mon(15, 30), &planned));
    assert!(!on_planned_slot(mon(16, 45), &planned));
    assert!(!on_planned_slot(
        d(2025, 1, 7).and_hms_opt(16, 0, 0).unwrap(),
        &planned
    ));
    // Monthly: the week of the month counts too (2025-01-31 is the last Friday).
    let monthly = cadence("monthly last Fri 12:00");
    assert!(on_planned_slot(
        d(2025, 1, 31).and_hms_opt(12, 0, 0).unwrap(),
        &monthly
    ));
    assert!(!on_planned_slot(
        d(2025, 1, 24).and_hms_opt(12, 0, 0).unwrap(),
        &monthly
    ));
    let first = cadence("monthly 1st Mon 19:00");
    assert!(on_planned_slot(
        d(2025, 1, 6).and_hms_opt(19, 0, 0).unwrap(),
        &first
    ));
    assert!(!on_planned_slot(
        d(2025, 1, 13).and_hms_opt(19, 0, 0).unwrap(),
        &first
    ));
    // Without a planned cadence there is no slot to be on.
    let ad_hoc = cadence_fit(&times, None, d(2025, 1, 30));
    assert_eq!((ad_hoc.on_slot, ad_hoc.on_slot_share()), (None, None));
}

/// The usual slot is the most common one; of equals, the one used last.
#[test]
fn the_usual_slot_is_the_most_common_day_at_its_median_time() {
    let t = |day: u32, h: u32| d(2025, 1, day).and_hms_opt(h, 0, 0).unwrap();
    // Wed 1st 09:00, Wed 8th 10:00, Wed 15th 10:00, Wed 22nd 09:00: a tie, 09:00 latest.
    let fit = cadence_fit(
        &[t(1, 9), t(8, 10), t(15, 10), t(22, 9)],
        None,
        d(2025, 1, 23),
    );
    assert_eq!(fit.usual.map(slot_label).as_deref(), Some("Wed 09:00"));
    let fit = cadence_fit(&[t(1, 9), t(8, 10), t(15, 10)], None, d(2025, 1, 16));
    assert_eq!(fit.usual.map(slot_label).as_deref(), Some("Wed 10:00"));
    // Mondays a minute or two either side of 16:00, then once a Wednesday morning: the
    // usual slot is Monday's, not the latest meeting's.
    let at = |day: u32, h: u32, m: u32| d(2025, 1, day).and_hms_opt(h, m, 0).unwrap();
    let fit = cadence_fit(
        &[at(6, 16, 1), at(13, 16, 3), at(20, 15, 58), at(29, 7, 15)],
        None,
        d(2025, 1, 30),
    );
    assert_eq!(fit.usual.map(slot_label).as_deref(), Some("Mon 16:01"));
}

/// C7: ten weekly meetings on rhythm, then 55 days with none: the lapse counts as an
/// interval off rhythm, so "on rhythm" no longer reads 100% beside the open gap.
#[test]
fn the_current_lapse_counts_as_an_interval_off_rhythm() {
    let weekly = cadence("weekly Wed 18:00");
    let days: Vec<NaiveDate> = (0..11)
        .map(|w| d(2025, 1, 1) + Duration::weeks(w))
        .collect();
    let last = *days.last().unwrap();
    let fit = cadence_fit(&at_six(&days), Some(&weekly), last + Duration::days(55));
    assert_eq!(fit.intervals.len(), 10);
    assert_eq!(fit.on_rhythm, 10);
    assert_eq!(fit.judged_intervals(), 11);
    assert_eq!(fit.regularity(), Some(10.0 / 11.0));
    let gap = fit.gaps.last().unwrap();
    assert!(gap.open);
    assert_eq!((gap.days, gap.missed), (55, 7));
    // Two days after the last meeting nothing is late yet: 100%.
    let fresh = cadence_fit(&at_six(&days), Some(&weekly), last + Duration::days(2));
    assert_eq!(fresh.regularity(), Some(1.0));
}

/// C1: a member who missed half the meetings is not heard as much as one who came to
/// all, even if they spoke a fair share when there.
#[test]
fn a_missed_meeting_counts_as_not_heard() {
    // Member 4 spoke a fair share in `a` (1.0) and missed `b` (0): 0.5 over the two.
    let a = meeting(&[100, 100, 100, 100]);
    let mut b = meeting(&[100, 100, 100]);
    b.absent = vec![m(4)];
    let heard = least_heard(&[a, b], &[m(1), m(2), m(3), m(4)], LATELY);
    let h = heard[0];
    assert_eq!(h.member, m(4), "{heard:?}");
    assert_eq!((h.present, h.absent), (1, 1));
    assert!((h.of_fair.unwrap() - 0.5).abs() < 1e-9);
    assert!((h.when_present.unwrap() - 1.0).abs() < 1e-9);
    assert!((heard[1].of_fair.unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(heard[1].absent, 0);
}

/// C6: a one-minute meeting is too short to judge: never dominated, marked so, and it
/// moves neither the balance summary nor who was heard.
#[test]
fn a_meeting_under_three_minutes_is_too_short_to_judge() {
    let short = meeting(&[50, 10, 0, 0, 0, 0, 0]);
    let b = short.balance();
    assert!(!b.dominated);
    assert!(b.too_short);
    assert_eq!(b.flag(), "· too short to judge");
    assert!(!short.judged());
    let long = meeting(&[180, 0, 0]);
    assert!(long.judged());
    assert!(!long.balance().too_short);
    assert!(
        !meeting(&[0, 0, 0]).balance().too_short,
        "nobody spoke: no balance"
    );
    let even = || meeting(&[100, 100, 100, 100, 100, 100, 100]);
    let facts = [even(), even(), even(), short];
    let s = BalanceSummary::of(&facts);
    assert_eq!(s.ginis, [0.0, 0.0, 0.0]);
    assert_eq!((s.dominated, s.too_short), (0, 1));
    assert_eq!(
        trend(&s.ginis),
        Trend::Steady,
        "the short meeting moves no arrow"
    );
    assert_eq!(
        s.flagged(),
        "✓ none of 3 meetings dominated by one voice · 1 too short to judge (under 3 minutes of airtime)"
    );
    // Member 3 was silent in the short meeting only: still heard a fair share.
    let heard = least_heard(&facts, &[m(3)], LATELY);
    assert_eq!(heard[0].present, 3);
    assert!((heard[0].of_fair.unwrap() - 1.0).abs() < 1e-9);
}

/// C14: the parts add up to the whole, and overdue is named as part of open.
#[test]
fn the_action_summary_adds_up() {
    let t = ActionTally {
        open: 5,
        done: 14,
        dropped: 1,
        overdue: 3,
    };
    assert_eq!(t.total(), 20);
    assert_eq!(
        t.summary(),
        "20 in all: 14 done · 5 open, ⚠ 3 of them overdue · 1 dropped"
    );
    assert_eq!(
        t.completion_line().as_deref(),
        Some("74% of the 19 not dropped are done")
    );
    assert_eq!(ActionTally::default().summary(), "none yet");
}

/// With no meeting long enough to judge there is no average to give (a trial read
/// "average Gini 0.00 (0 = even)" as perfectly even); otherwise the line says over how
/// many meetings, and the trend as what it means for the balance.
#[test]
fn the_balance_line_says_its_window_and_no_average_without_a_judged_meeting() {
    let short = || meeting(&[50, 10, 0]);
    let s = BalanceSummary::of(&[short(), short()]);
    assert_eq!(s.mean_gini(), None);
    assert_eq!(
        s.line(),
        "no meeting with 3 minutes of talk yet · 2 too short to judge"
    );
    // Ginis 0, 0.27 and 0.67 oldest first (by hand: Σ|a−b| / 2n·total): less even;
    // the last, one voice holding it all, is dominated.
    let facts = [
        meeting(&[100, 100, 100]),
        meeting(&[300, 100, 100]),
        meeting(&[600, 0, 0]),
    ];
    let s = BalanceSummary::of(&facts);
    assert_eq!(
        s.line(),
        "average Gini 0.31 over 3 meetings (0 = even) · ↗ less even · ▲ 1 of 3 meetings dominated by one voice"
    );
}
