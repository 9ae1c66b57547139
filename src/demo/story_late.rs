//! The demo's cycles 3 (skin checks: the handover goal is met) and 4 (the falls huddle,
//! still open, in its application phase, with actions overdue). See [`super::story`].

use super::story::{
    APPLICATION, BLANK, CHECK_IN, DemoCycle, DemoNote, FALLS, HANDOVERS, INTERROGATION,
    PastMeeting, REFLECTION, ROLL_A, ROLL_C, ROLL_D, ROLL_E, Reflection, SKIN, act, fu, keyed,
    learnt, note, solution,
};
use crate::domain::ActionVerdict::{Done, NotDone, Partly};
use crate::domain::GoalVerdict::{Met, Progressing};
use crate::domain::note::NoteKind::{Action, Idea, Note as Plain, Pitfall, Problem, Question};

#[rustfmt::skip]
pub(super) const CYCLE_3: DemoCycle = DemoCycle {
    title: "SSKIN skin checks on every shift",
    source: "Regional SSKIN guidance (surface, skin inspection, keep moving, incontinence, nutrition) and our last audit",
    summary: "The five SSKIN checks on every shift, recorded where the turn is recorded, so \
              heels and sacrum are looked at before damage shows.",
    goals: &[HANDOVERS, SKIN],
    meetings: &[
        PastMeeting {
            title: "Cycle 3: SSKIN skin checks on every shift",
            icebreaker: "tool-i-cannot-live-without",
            check_in: 5,
            roll: ROLL_C,
            notes: &[
                note(CHECK_IN, Plain, None, "One word each: the check-in took five minutes."),
                note(INTERROGATION, Plain, Some(3), "Three questions from the night staff came in by message before the meeting and were read out first."),
                note(INTERROGATION, Plain, Some(1), "Handover audit: ten of ten with the bay sheet; no handover incident for six weeks."),
                keyed("heels", Problem, 4, "Three category 2 pressure injuries last month: two on heels, found at the morning check after a night admission."),
                keyed("sleep", Pitfall, 5, "Repositioning rounds at 02:00 and 04:00 wake patients, so the skin check gets skipped to let them sleep."),
                note(INTERROGATION, Question, Some(3), "Do the bay folders have the SSKIN card, or only the nurses' station?"),
                solution("heels", 4, "Print the SSKIN prompts on the back of the repositioning chart, so the check happens where the turn is recorded."),
                DemoNote {
                    key: "refresher",
                    item: APPLICATION,
                    kind: Action,
                    about: Some(0),
                    body: "Ten-minute SSKIN refresher at the night handover\nTwo nights a week until everyone has had it",
                    answers: "",
                },
            ],
            actions: &[
                act("chart", 4, 10, Some(SKIN), "Redesign the repositioning chart with the SSKIN prompts on the back"),
                act("cards", 3, 7, Some(SKIN), "Put an SSKIN card in every bay folder"),
            ],
            consent: "SSKIN prompts on the repositioning chart, every shift, from Monday",
            to_application: true,
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 3: SSKIN on nights",
            icebreaker: "quiet-superpower",
            check_in: 5,
            roll: ROLL_A,
            review: &[
                fu("chart", Done, "New chart in use since Monday."),
                fu("cards", Done, "In every bay folder."),
                fu("refresher", Partly, "Given on two of four nights."),
            ],
            notes: &[
                solution("sleep", 3, "Nights check skin at the 02:00 turn now the card is in the bay folder: documented on 5 of 7 nights."),
                keyed("late-admissions", Problem, 1, "The skin check is still missed for admissions arriving after 22:00."),
                solution("late-admissions", 4, "An SSKIN line on the admission checklist, signed before the patient leaves the trolley."),
            ],
            actions: &[
                act("admission-line", 4, 10, Some(SKIN), "Add the SSKIN line to the admission checklist"),
                act("re-audit", 1, 12, Some(SKIN), "Re-audit skin checks on 20 shifts"),
            ],
            paused: true,
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 3: Reflection on skin checks",
            icebreaker: "unnoticed-win",
            check_in: 5,
            roll: ROLL_D,
            review: &[
                fu("admission-line", Done, "On the checklist since the 3rd."),
                fu("re-audit", Done, "Skin checks documented on 17 of 20 shifts (was 61%)."),
            ],
            notes: &[
                note(INTERROGATION, Plain, Some(4), "One category 2 pressure injury this month, on a sacrum, after a 30-hour stay in the emergency department."),
                note(REFLECTION, Plain, None, "Two actions last cycle were owned by 'the team' and nobody did them."),
            ],
            reflection: Some(Reflection {
                actions: &[
                    learnt("chart", Done, "In use on every shift.", "Put the prompt where the work is recorded, not on a poster."),
                    learnt("cards", Done, "In every folder.", ""),
                    learnt("refresher", Partly, "Two of four nights so far.", "Teach at handover, when everyone is there anyway."),
                    learnt("admission-line", Done, "On the checklist.", "Late admissions need their own check, not the next round."),
                    learnt("re-audit", Done, "17 of 20 shifts.", "An audit of 20 shifts takes an hour and settles arguments."),
                ],
                goals: &[
                    (
                        HANDOVERS,
                        Met,
                        "No handover-related incidents for 8 weeks; the bay sheet used at 10 of 10 audited handovers.",
                    ),
                    (
                        SKIN,
                        Progressing,
                        "One category 2 pressure injury this month (was three); skin checks documented on 85% of shifts.",
                    ),
                ],
                improvements: &[
                    "One named owner per action, never 'the team'",
                    "Review overdue actions first, before the new ones",
                ],
                outcome: "Handover goal met. Skin checks are on the repositioning chart and the \
                          admission checklist; pressure injuries down from three to one a month.",
            }),
            ..BLANK
        },
    ],
};

#[rustfmt::skip]
pub(super) const CYCLE_4: DemoCycle = DemoCycle {
    title: "A five-minute falls huddle",
    source: "The ward's falls audit, and a short paper on post-fall huddles (Fiona)",
    summary: "Five minutes at the bay 3 board after each handover: who is at risk of falling \
              tonight, what changed, who checks on them.",
    goals: &[FALLS, SKIN],
    meetings: &[
        PastMeeting {
            title: "Cycle 4: A five-minute falls huddle",
            icebreaker: "how-i-got-here",
            check_in: 5,
            roll: ROLL_A,
            review: &[fu("refresher", Partly, "Given on three of four nights now.")],
            notes: &[
                note(INTERROGATION, Plain, Some(2), "Fiona presented the ward's falls audit and a short paper on post-fall huddles."),
                keyed("night-falls", Problem, 5, "Most falls happen at night, between 02:00 and 06:00, on the way to the toilet."),
                keyed("empty-bays", Pitfall, 1, "A huddle that needs everyone at the station leaves the bays empty."),
                solution("empty-bays", 2, "Stand at the bay 3 board at five past the hour after handover; five minutes by the clock, one person stays on the floor."),
                note(INTERROGATION, Idea, Some(0), "Flag sedatives and newly started blood-pressure tablets on the huddle sheet."),
                note(INTERROGATION, Question, Some(3), "Who leads the huddle when the charge nurse is on a break?"),
            ],
            actions: &[
                act("huddle-sheet", 2, 7, Some(FALLS), "Draft the falls huddle sheet (one side of A4)"),
                act("brief", 1, 4, Some(FALLS), "Brief the shift coordinators on the huddle trial"),
                act("risk-medicines", 4, 10, Some(FALLS), "List the ward's high falls-risk medicines for the huddle sheet"),
            ],
            consent: "Trial a five-minute falls huddle on every shift, days and nights, for two weeks",
            to_application: true,
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 4: The huddle trial, week one",
            icebreaker: "unwritten-rule",
            check_in: 5,
            roll: ROLL_E,
            review: &[
                fu("refresher", NotDone, "Not this fortnight: the night rota changed."),
                fu("huddle-sheet", Done, "One side of A4, in use since Monday."),
                fu("brief", Done, "All six coordinators briefed."),
            ],
            notes: &[
                note(CHECK_IN, Plain, Some(7), "Tomás's first meeting: the unwritten rule he noticed is that nobody sits down before the drug round is done."),
                note(INTERROGATION, Plain, Some(1), "Huddles held on 9 of 14 shifts in week one: days 6 of 7, nights 3 of 7."),
                keyed("night-lead", Problem, 3, "Nights often have nobody free to lead the huddle at 22:05."),
                solution("night-lead", 7, "Whoever holds the bleep leads the huddle; the sheet is the script."),
                note(APPLICATION, Action, Some(7), "Shadow Fiona at three huddles and lead the fourth"),
            ],
            actions: &[act("name-a-lead", 3, 14, Some(FALLS), "Ask each night team to name a huddle lead at 21:45")],
            consent: "Keep the huddle on nights, led by whoever holds the bleep",
            ..BLANK
        },
    ],
};
