//! The demo's story as plain data: four learning cycles over twelve fortnightly
//! meetings. The ward's handover goal is not met in cycle 1, progressing in cycle 2 and
//! met in cycle 3; each cycle's improvements ("start on time", "a shorter check-in") are
//! visibly taken up in the next (the meetings start on time, the check-in gets shorter).
//! Cycle 4 (the falls huddle) is in its application phase, with actions overdue.
//! [`super::history`] runs it through the store.

use crate::domain::ActionVerdict::{self, Done, Dropped, NotDone, Partly};
use crate::domain::GoalVerdict::{self, NotMet, Progressing};
use crate::domain::live::Attendance::{self, Absent, Late, Present};
use crate::domain::note::NoteKind::{self, Idea, Note as Plain, Pitfall, Problem, Question};

/// Agenda items of the "Learning cycle meeting" template, by position.
pub(super) const CHECK_IN: usize = 0;
pub(super) const REVIEW: usize = 1;
pub(super) const INTERROGATION: usize = 2;
pub(super) const APPLICATION: usize = 3;
pub(super) const REFLECTION: usize = 4;

/// Goals, by their index in the demo's goal list.
pub(super) const HANDOVERS: usize = 0;
pub(super) const SKIN: usize = 1;
pub(super) const FALLS: usize = 2;

/// A cycle: its topic, the goals it serves and its meetings (the last one of a closed
/// cycle holds its reflection).
pub(super) struct DemoCycle {
    pub title: &'static str,
    pub source: &'static str,
    pub summary: &'static str,
    pub goals: &'static [usize],
    pub meetings: &'static [PastMeeting],
}

/// A past meeting of a cycle. Members are indices into the demo roster.
pub(super) struct PastMeeting {
    pub title: &'static str,
    pub icebreaker: &'static str,
    /// Minutes after the scheduled time it started.
    pub late_start: u32,
    /// Minutes the check-in round took.
    pub check_in: u32,
    pub roll: &'static [(usize, Attendance)],
    /// Follow-ups given in the action review, owner by owner.
    pub review: &'static [FollowUp],
    pub notes: &'static [DemoNote],
    /// Actions committed in the application item.
    pub actions: &'static [DemoAction],
    /// A proposal put to a consent check in the application item ("" for none).
    pub consent: &'static str,
    /// The cycle moves on to its application phase once the actions are committed.
    pub to_application: bool,
    /// A short pause during the interrogation (a bleep from the ward).
    pub paused: bool,
    pub reflection: Option<Reflection>,
}

/// A follow-up of an action, named by its key.
pub(super) struct FollowUp {
    pub action: &'static str,
    pub verdict: ActionVerdict,
    pub note: &'static str,
    /// What was learned (said in a reflection).
    pub learned: &'static str,
}

/// A note taken in an agenda item; a solution may answer an earlier problem or pitfall
/// (by key).
pub(super) struct DemoNote {
    pub key: &'static str,
    pub item: usize,
    pub kind: NoteKind,
    pub about: Option<usize>,
    pub body: &'static str,
    pub answers: &'static str,
}

/// An action: key (for follow-ups), owner, due (days after the meeting), the goal it
/// serves, what.
pub(super) struct DemoAction {
    pub key: &'static str,
    pub owner: usize,
    pub due_days: i64,
    pub goal: Option<usize>,
    pub title: &'static str,
}

/// The reflection that closes a cycle: a verdict on each action and goal, the
/// improvements, the outcome.
pub(super) struct Reflection {
    pub actions: &'static [FollowUp],
    pub goals: &'static [(usize, GoalVerdict, &'static str)],
    pub improvements: &'static [&'static str],
    pub outcome: &'static str,
}

pub(super) const fn note(
    item: usize,
    kind: NoteKind,
    about: Option<usize>,
    body: &'static str,
) -> DemoNote {
    DemoNote {
        key: "",
        item,
        kind,
        about,
        body,
        answers: "",
    }
}

pub(super) const fn keyed(
    key: &'static str,
    kind: NoteKind,
    about: usize,
    body: &'static str,
) -> DemoNote {
    DemoNote {
        key,
        item: INTERROGATION,
        kind,
        about: Some(about),
        body,
        answers: "",
    }
}

pub(super) const fn solution(answers: &'static str, about: usize, body: &'static str) -> DemoNote {
    DemoNote {
        key: "",
        item: INTERROGATION,
        kind: NoteKind::Solution,
        about: Some(about),
        body,
        answers,
    }
}

pub(super) const fn act(
    key: &'static str,
    owner: usize,
    due_days: i64,
    goal: Option<usize>,
    title: &'static str,
) -> DemoAction {
    DemoAction {
        key,
        owner,
        due_days,
        goal,
        title,
    }
}

pub(super) const fn fu(
    action: &'static str,
    verdict: ActionVerdict,
    note: &'static str,
) -> FollowUp {
    FollowUp {
        action,
        verdict,
        note,
        learned: "",
    }
}

pub(super) const fn learnt(
    action: &'static str,
    verdict: ActionVerdict,
    note: &'static str,
    learned: &'static str,
) -> FollowUp {
    FollowUp {
        action,
        verdict,
        note,
        learned,
    }
}

/// A meeting with nothing in it yet; each meeting below fills in its own parts.
pub(super) const BLANK: PastMeeting = PastMeeting {
    title: "",
    icebreaker: "",
    late_start: 1,
    check_in: 9,
    roll: &[],
    review: &[],
    notes: &[],
    actions: &[],
    consent: "",
    to_application: false,
    paused: false,
    reflection: None,
};

// Roster indices: 0 Margaret, 1 Amara, 2 Fiona, 3 Lan, 4 Priya, 5 Daniel, 6 Joseph,
// 7 Tomás (joined three weeks ago).
pub(super) const ROLL_A: &[(usize, Attendance)] = &[
    (0, Present),
    (1, Present),
    (2, Present),
    (3, Late),
    (4, Present),
    (5, Present),
    (6, Absent),
];
pub(super) const ROLL_B: &[(usize, Attendance)] = &[
    (0, Present),
    (1, Present),
    (2, Present),
    (3, Present),
    (4, Absent),
    (5, Late),
    (6, Present),
];
pub(super) const ROLL_C: &[(usize, Attendance)] = &[
    (0, Present),
    (1, Present),
    (2, Late),
    (3, Present),
    (4, Present),
    (5, Present),
    (6, Absent),
];
pub(super) const ROLL_D: &[(usize, Attendance)] = &[
    (0, Absent),
    (1, Present),
    (2, Present),
    (3, Present),
    (4, Present),
    (5, Present),
    (6, Late),
];
pub(super) const ROLL_E: &[(usize, Attendance)] = &[
    (0, Present),
    (1, Present),
    (2, Present),
    (3, Present),
    (4, Absent),
    (5, Late),
    (6, Present),
    (7, Present),
];

/// The four cycles, oldest first; the last one is still open.
pub(super) const CYCLES: &[DemoCycle] = &[
    CYCLE_1,
    CYCLE_2,
    super::story_late::CYCLE_3,
    super::story_late::CYCLE_4,
];

#[rustfmt::skip]
const CYCLE_1: DemoCycle = DemoCycle {
    title: "SBAR at the 07:30 handover",
    source: "NHS Improvement: SBAR communication tool (situation, background, assessment, recommendation)",
    summary: "A fixed order for handing a patient over, so what matters is said first and \
              nothing that changed in the night is left to memory.",
    goals: &[HANDOVERS],
    meetings: &[
        PastMeeting {
            title: "Cycle 1: SBAR at the 07:30 handover",
            icebreaker: "first-job-first-lesson",
            late_start: 9,
            check_in: 12,
            roll: ROLL_A,
            notes: &[
                note(CHECK_IN, Plain, Some(2), "First job in a care home: she learnt to check heels before anything else."),
                note(INTERROGATION, Plain, Some(0), "Margaret summarised the SBAR toolkit and two incident reports where the morning handover missed a change after 04:00."),
                keyed("memory", Problem, 3, "At 07:30 the night nurse hands over eight patients in ten minutes; what changed after 04:00 is told from memory."),
                keyed("form", Pitfall, 1, "A long SBAR form gets filled in at the end of the shift instead of being used while talking."),
                note(INTERROGATION, Question, Some(5), "Do the healthcare assistants hand over too, or only the nurses?"),
                solution("memory", 0, "One SBAR line per patient on the bay sheet, written as things change in the night."),
                note(REFLECTION, Idea, Some(1), "Invite the night coordinator to the next audit review."),
            ],
            actions: &[
                act("bay-sheet", 0, 7, Some(HANDOVERS), "Draft a one-page SBAR bay sheet"),
                act("nights-trial", 3, 12, Some(HANDOVERS), "Try the bay sheet on two night shifts and bring it back"),
                act("baseline", 1, 13, Some(HANDOVERS), "Count handover-related incidents on the log for the last quarter"),
            ],
            consent: "Trial the SBAR bay sheet at the 07:30 handover for two weeks",
            to_application: true,
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 1: The bay sheet, first fortnight",
            icebreaker: "unwritten-rule",
            late_start: 7,
            check_in: 12,
            roll: ROLL_B,
            review: &[
                fu("bay-sheet", Done, "Printed and in every bay; Lan checked the layout on nights."),
                fu("nights-trial", Partly, "Used on one night; the second was too busy to start something new."),
                fu("baseline", Done, "Five handover-related incidents last quarter: that is the baseline."),
            ],
            notes: &[
                keyed("agency", Problem, 3, "Agency nurses on nights do not know the bay sheet exists."),
                solution("agency", 1, "Put the bay sheet in the agency induction folder and mention it at the 20:00 safety huddle."),
                keyed("overrun", Pitfall, 6, "When the first patient is complicated, handover runs over and the last bay gets thirty seconds."),
            ],
            actions: &[
                act("agency-folder", 1, 10, Some(HANDOVERS), "Add the bay sheet to the agency induction folder"),
                act("hca-ask", 5, 10, None, "Ask the healthcare assistants what they need from the handover"),
            ],
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 1: Reflection on SBAR",
            icebreaker: "changed-my-mind",
            late_start: 10,
            check_in: 12,
            roll: ROLL_C,
            review: &[
                fu("nights-trial", Done, "Used six nights running."),
                fu("agency-folder", Done, "In the folder; two agency nurses used the sheet last week."),
                fu("hca-ask", NotDone, "No quiet moment on the ward this fortnight."),
            ],
            notes: &[
                note(INTERROGATION, Plain, Some(1), "Spot audit of ten day-shift handovers: the bay sheet was used at four."),
                note(REFLECTION, Plain, None, "We started ten minutes late again, waiting for enough people to arrive."),
            ],
            reflection: Some(Reflection {
                actions: &[
                    learnt("bay-sheet", Done, "In every bay.", "A sheet people write on during the night beats a form filled in at 07:00."),
                    learnt("nights-trial", Done, "Nights use it.", "Nights need two shifts' warning before a trial, not a message on the day."),
                    learnt("baseline", Done, "Baseline: five a quarter.", "We had no numbers before; now we can tell if it works."),
                    learnt("agency-folder", Done, "Agency staff find it.", ""),
                    learnt("hca-ask", Dropped, "Overtaken: the healthcare assistants will come to the meeting instead.", "Ask people in the room, not through a go-between."),
                ],
                goals: &[(
                    HANDOVERS,
                    NotMet,
                    "Bay sheet used at 4 of 10 audited handovers; two handover-related incidents this month.",
                )],
                improvements: &[
                    "Start on time: we lost ten minutes a meeting waiting for a quorum",
                    "Bring the audit numbers to the meeting, not only the stories",
                ],
                outcome: "The SBAR bay sheet exists and nights use it; days do not yet. Goal not met: \
                          two handover incidents this month. Next: take the handover to the bedside.",
            }),
            ..BLANK
        },
    ],
};

#[rustfmt::skip]
const CYCLE_2: DemoCycle = DemoCycle {
    title: "Bedside handover with the patient",
    source: "Ward 4's bedside handover pilot (their practice development nurse's slides)",
    summary: "Hand over at the bedside with the bay sheet, in front of the patient: the \
              patient corrects what is wrong, and the incoming nurse sees them at once.",
    goals: &[HANDOVERS],
    meetings: &[
        PastMeeting {
            title: "Cycle 2: Bedside handover",
            icebreaker: "best-advice-received",
            check_in: 11,
            roll: ROLL_D,
            notes: &[
                note(CHECK_IN, Plain, None, "Started at 17:31: last cycle's first improvement, kept."),
                note(INTERROGATION, Plain, Some(1), "Amara brought the audit: 4 of 10 handovers used the sheet; 2 incidents this month."),
                keyed("privacy", Problem, 4, "Bays of six: confidential details can be overheard at the bedside."),
                keyed("sleeping", Pitfall, 3, "Waking a sleeping patient at 07:30 to include them in the handover."),
                solution("privacy", 1, "Say the sensitive part at the station, the rest at the bedside, from the bay sheet."),
                solution("sleeping", 5, "A sleeping patient is handed over at the foot of the bed, quietly, and asked later."),
                note(INTERROGATION, Question, Some(6), "Where do the medicines changes go on the sheet?"),
            ],
            actions: &[
                act("ward4", 1, 9, Some(HANDOVERS), "Shadow one bedside handover on Ward 4"),
                act("script", 2, 12, Some(HANDOVERS), "Write the bedside script: what is said at the bed, what at the station"),
            ],
            consent: "Bedside handover in bays 1 and 2 for a fortnight",
            to_application: true,
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 2: Bays 1 and 2 at the bedside",
            icebreaker: "someone-who-taught-me",
            check_in: 11,
            roll: ROLL_B,
            review: &[
                fu("ward4", Done, "Shadowed Tuesday: eight minutes for six patients, and one patient corrected an allergy."),
                fu("script", Partly, "First draft done; needs the pharmacist's line on medicines."),
            ],
            notes: &[
                keyed("relatives", Problem, 2, "Relatives at the bedside ask questions and the handover doubles in length."),
                solution("relatives", 0, "Offer relatives a time to talk after the handover, and write it on the board."),
                note(INTERROGATION, Plain, Some(5), "Daniel: the healthcare assistants want to hear the falls risks too, so they stay for bays 1 and 2."),
            ],
            actions: &[
                act("meds-line", 6, 10, Some(HANDOVERS), "Add a medicines-changes line to the bay sheet"),
                act("relatives-board", 2, 7, None, "Put 'talk to the nurse at 08:00' on the bay boards"),
            ],
            paused: true,
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 2: All bays at the bedside",
            icebreaker: "hidden-expertise",
            check_in: 11,
            roll: ROLL_D,
            review: &[
                fu("script", Done, "Script agreed and laminated at each bay."),
                fu("meds-line", Done, "Line added; Joseph briefed the nights."),
                fu("relatives-board", Done, "On every board."),
            ],
            notes: &[
                keyed("weekends", Problem, 3, "Weekend nights skip the bedside part when there is one nurse for twelve patients."),
                note(INTERROGATION, Plain, Some(1), "Eight of ten audited handovers used the sheet this fortnight."),
            ],
            actions: &[act("weekend-rota", 1, 12, Some(HANDOVERS), "Put a second nurse on the weekend 07:30 handover rota")],
            consent: "Bedside handover in every bay, every morning",
            ..BLANK
        },
        PastMeeting {
            title: "Cycle 2: Reflection on bedside handover",
            icebreaker: "values-card-pick",
            check_in: 11,
            roll: ROLL_C,
            review: &[fu("weekend-rota", Partly, "Rota changed for two of four weekends.")],
            notes: &[
                note(REFLECTION, Plain, Some(3), "Lan: nights have no way to add to the board when they cannot come."),
                note(REFLECTION, Plain, None, "The check-in ran 11 minutes again and the interrogation was rushed."),
            ],
            reflection: Some(Reflection {
                actions: &[
                    learnt("ward4", Done, "Shadowed once.", "Seeing it done once convinced more people than the slides."),
                    learnt("script", Done, "Laminated at each bay.", "Say what goes where: people worried about privacy until it was written down."),
                    learnt("meds-line", Done, "On the sheet.", ""),
                    learnt("relatives-board", Done, "On every board.", "Relatives wait when they know when they will be heard."),
                    learnt("weekend-rota", Partly, "Two of four weekends.", "Rota changes need the ward manager in the room."),
                ],
                goals: &[(
                    HANDOVERS,
                    Progressing,
                    "Bay sheet used at 8 of 10 audited handovers; one handover incident this month (was two).",
                )],
                improvements: &[
                    "A shorter check-in: one word each, so the interrogation gets its full time",
                    "Give night staff a way to add to the board before the meeting",
                ],
                outcome: "Bedside handover in every bay on weekdays; weekends half done. Goal progressing: \
                          one incident this month. Next: the same discipline for skin checks.",
            }),
            ..BLANK
        },
    ],
};
