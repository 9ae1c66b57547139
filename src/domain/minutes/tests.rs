use super::markdown::{block, cell, escape_line, inline};
use super::*;
use crate::domain::agenda::{AgendaItem, ItemInfo, ItemKind};
use crate::domain::consent::ConsentResult;
use crate::domain::live::{Attendee, Consent, LiveItem, Pause, PauseReason};
use crate::domain::meeting::{Meeting, MeetingStatus};
use crate::domain::rounds::Turn;
use crate::domain::{
    AgendaItemId, CommunityId, ConsentId, MeetingId, Member, MemberId, NoteId, Profile, TurnId,
};
use chrono::{Duration, TimeZone};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn t(min: i64, sec: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 5, 17, 30, 0).unwrap() + Duration::seconds(min * 60 + sec)
}

fn member(id: i64, name: &str, joined: Option<&str>, is_new: bool) -> Member {
    Member {
        id: MemberId::new(id),
        community_id: CommunityId::new(1),
        profile: Profile {
            name: name.into(),
            joined: joined.map(|d| d.parse().unwrap()),
            ..Profile::default()
        },
        left: None,
        active: true,
        is_new,
    }
}

fn attendee(m: Member, status: Attendance, guest: bool) -> Attendee {
    Attendee {
        member: m,
        status,
        guest,
    }
}

fn item(id: i64, position: u32, kind: ItemKind, title: &str, minutes: u32) -> AgendaItem {
    AgendaItem {
        id: AgendaItemId::new(id),
        meeting_id: MeetingId::new(7),
        position,
        info: ItemInfo {
            kind,
            title: title.into(),
            minutes,
            leader_notes: String::new(),
            recurring: false,
        },
        icebreaker: None,
        turns: Default::default(),
    }
}

fn turn(id: i64, position: u32, member: i64, state: TurnState, span: Option<(i64, i64)>) -> Turn {
    Turn {
        id: TurnId::new(id),
        round: 1,
        position,
        member: MemberId::new(member),
        state,
        hand_raised_at: None,
        started_at: span.map(|(s, _)| t(0, s)),
        ended_at: span.and_then(|(_, e)| (e >= 0).then(|| t(0, e))),
        order: None,
    }
}

fn note(id: i64, item: Option<i64>, member: Option<i64>, kind: NoteKind, body: &str) -> Note {
    Note {
        id: NoteId::new(id),
        meeting_id: MeetingId::new(7),
        agenda_item_id: item.map(AgendaItemId::new),
        member_id: member.map(MemberId::new),
        kind,
        body: body.into(),
        created_at: t(5, id),
        action: None,
    }
}

/// A meeting started at 17:30, on its second item since 17:40, paused 17:42–17:44;
/// seen at 17:50 unless ended.
fn sample() -> LiveMeeting {
    let m = MemberId::new;
    let consent = ConsentResult::new(&[(m(1), 5), (m(2), 2), (m(3), 4)]);
    let mut action = note(
        4,
        Some(11),
        Some(2),
        NoteKind::Action,
        "Laminate cards\nA5, wipeable",
    );
    action.action = Some((Some(m(3)), "2026-03-19".parse().ok()));
    let (icebreaker, check_in) = (AgendaItemId::new(10), AgendaItemId::new(11));
    LiveMeeting {
        meeting: Meeting {
            id: MeetingId::new(7),
            community_id: CommunityId::new(1),
            title: "Cycle 4".into(),
            scheduled_at: t(0, 0),
            planned_minutes: 30,
            status: MeetingStatus::Live,
            template: None,
        },
        started_at: t(0, 0),
        ended_at: None,
        items: vec![
            LiveItem {
                item: item(10, 1, ItemKind::Icebreaker, "Icebreaker", 10),
                visits: vec![Span::new(t(0, 0), t(10, 0))],
            },
            LiveItem {
                item: item(11, 2, ItemKind::RoundRobin, "Check-in", 10),
                visits: vec![Span::open(t(10, 0))],
            },
            LiveItem {
                item: item(12, 3, ItemKind::CheckOut, "Check-out", 10),
                visits: vec![],
            },
        ],
        pauses: vec![Pause {
            reason: PauseReason::Paused,
            span: Span::new(t(12, 0), t(14, 0)),
        }],
        attendance: vec![
            attendee(
                member(1, "Amara", Some("2025-01-01"), false),
                Attendance::Present,
                false,
            ),
            attendee(member(2, "Fiona", None, false), Attendance::Present, false),
            attendee(member(3, "Lan", None, true), Attendance::Late, false),
            attendee(
                member(4, "Joseph", Some("2025-06-01"), false),
                Attendance::Absent,
                false,
            ),
            attendee(
                member(5, "Tomás", Some("2026-04-01"), false),
                Attendance::Absent,
                false,
            ),
            attendee(member(6, "Visitor", None, false), Attendance::Present, true),
        ],
        turns: vec![
            // Icebreaker: Fiona raised a hand and spoke before Amara (position 1).
            (
                icebreaker,
                turn(1, 1, 1, TurnState::Spoke, Some((200, 300))),
            ),
            (icebreaker, turn(2, 2, 2, TurnState::Spoke, Some((60, 200)))),
            (
                icebreaker,
                turn(3, 3, 3, TurnState::Passed, Some((300, 305))),
            ),
            (icebreaker, turn(4, 4, 6, TurnState::Waiting, None)),
            // Check-in: Amara speaks from 17:41 through the pause.
            (
                check_in,
                turn(5, 1, 1, TurnState::Speaking, Some((11 * 60, -1))),
            ),
        ],
        notes: vec![
            note(
                1,
                Some(10),
                Some(1),
                NoteKind::Idea,
                "Use the *huddle* board",
            ),
            note(2, None, None, NoteKind::Note, "Room was cold"),
            note(
                3,
                Some(11),
                None,
                NoteKind::Decision,
                &format!("Adopt SSKIN — {}", consent.summary()),
            ),
            action,
            note(
                5,
                Some(11),
                None,
                NoteKind::Decision,
                "Meet in room 2 from now on",
            ),
        ],
        consents: vec![Consent {
            id: ConsentId::new(1),
            agenda_item_id: Some(check_in),
            note_id: Some(NoteId::new(3)),
            topic: "Adopt SSKIN".into(),
            result: consent,
        }],
        open_actions: vec![],
        follow_ups: vec![],
        floor: vec![],
        icebreaker_prompts: vec![],
        cycle_closed: None,
        last_seen: None,
    }
}

#[test]
fn minutes_mid_meeting_count_time_so_far_without_pauses() {
    let m = Minutes::from_live(&sample(), "Ward 7", t(20, 0), &Utc);
    assert_eq!(m.status, "in progress");
    assert_eq!(m.as_of, t(20, 0).fixed_offset());
    assert_eq!(
        m.actual_seconds,
        18 * 60,
        "20 minutes less a 2-minute pause"
    );
    assert_eq!(m.paused_seconds, 120);
    let [ice, check_in, check_out] = &m.agenda[..] else {
        panic!("three items")
    };
    assert_eq!((ice.actual_seconds, ice.status.as_str()), (600, "done"));
    assert_eq!(
        (check_in.actual_seconds, check_in.status.as_str()),
        (480, "current")
    );
    assert_eq!(
        (check_out.actual_seconds, check_out.status.as_str()),
        (0, "not reached")
    );
    let speakers: Vec<(&str, &str, i64)> = ice
        .turns
        .iter()
        .map(|t| (t.speaker.as_str(), t.state.as_str(), t.seconds))
        .collect();
    assert_eq!(
        speakers,
        [
            ("Fiona", "spoke", 140),
            ("Amara", "spoke", 100),
            ("Lan", "passed", 5)
        ],
        "speaking order, not roster positions; the guest never reached is left out"
    );
    assert_eq!(check_in.turns[0].state, "speaking");
    assert_eq!(
        check_in.turns[0].seconds,
        9 * 60 - 120,
        "so far, less the pause"
    );
}

#[test]
fn minutes_attendance_decisions_actions_airtime_and_counts() {
    let mut live = sample();
    live.ended_at = Some(t(25, 0));
    let m = Minutes::from_live(&live, "Ward 7", t(99, 0), &Utc);
    assert_eq!(m.status, "ended");
    assert!(m.agenda.iter().all(|i| i.status != "current"));
    let a = &m.attendance;
    assert_eq!(a.present, ["Amara", "Fiona"]);
    assert_eq!(a.late, ["Lan"]);
    assert_eq!(a.absent, ["Joseph"], "Tomás joined after the meeting");
    assert_eq!(a.guests, ["Visitor"]);
    assert_eq!(a.new_members, ["Lan"]);

    assert_eq!(
        m.decisions.len(),
        2,
        "the consent's own note is not listed twice"
    );
    let d = &m.decisions[0];
    assert_eq!(d.topic, "Adopt SSKIN");
    assert_eq!(d.consensus, Some(true));
    assert!(
        d.verdict
            .as_deref()
            .unwrap()
            .starts_with("consensus, with concerns")
    );
    assert_eq!(
        d.votes[1],
        Vote {
            member: "Fiona".into(),
            score: 2
        }
    );
    assert_eq!(d.item.as_deref(), Some("Check-in"));
    assert_eq!(m.decisions[1].verdict, None);

    assert_eq!(
        m.actions,
        [ActionLine {
            note: NoteId::new(4),
            title: "Laminate cards".into(),
            owner: Some("Lan".into()),
            due: "2026-03-19".parse().ok(),
            item: Some("Check-in".into()),
        }]
    );
    assert_eq!(m.other_notes.len(), 1);
    assert_eq!(m.other_notes[0].speaker, None);

    let row = |n: &str| m.airtime.rows.iter().find(|r| r.member == n).unwrap();
    // Amara: 100 s in the icebreaker + 11:00–25:00 less the 2-minute pause = 820 s.
    assert_eq!((row("Amara").seconds, row("Amara").turns), (820, 2));
    assert_eq!(row("Fiona").seconds, 140);
    assert!(row("Lan").not_heard, "a pass is not airtime");
    assert!(row("Visitor").not_heard);
    assert_eq!(m.airtime.fair_share_percent, 25.0);
    assert_eq!(m.airtime.total_seconds, 960);
    assert!(row("Amara").dominant);
    assert_eq!(row("Amara").share_percent, 85.4);

    let count = |k: &str| m.note_counts.iter().find(|c| c.kind == k).unwrap().count;
    assert_eq!(
        (count("decision"), count("action"), count("pitfall")),
        (2, 1, 0)
    );
    assert_eq!(m.note_counts.len(), NoteKind::ALL.len());
}

#[test]
fn json_keeps_declaration_order() {
    let m = Minutes::from_live(&sample(), "Ward 7", t(20, 0), &Utc);
    let s = json(&m).unwrap();
    let pos = |k: &str| s.find(&format!("\"{k}\":")).unwrap();
    assert!(pos("meeting_id") < pos("community") && pos("community") < pos("title"));
    assert!(pos("agenda") < pos("decisions") && pos("actions") < pos("airtime"));
    assert!(s.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(v["agenda"][1]["actual_seconds"], 480);
    assert_eq!(v["started_at"], "2026-03-05T17:30:00Z");
}

#[test]
fn lines_escape_markup_at_the_start_and_anywhere() {
    assert_eq!(escape_line("# not a heading"), "\\# not a heading");
    assert_eq!(escape_line("- not a list"), "\\- not a list");
    assert_eq!(escape_line("+ nor this"), "\\+ nor this");
    assert_eq!(escape_line("==="), "\\===");
    assert_eq!(escape_line("12. ordered"), "12\\. ordered");
    assert_eq!(escape_line("3) ordered"), "3\\) ordered");
    assert_eq!(escape_line("2026 was good. 1. ok"), "2026 was good. 1. ok");
    assert_eq!(escape_line("a-b 3.5"), "a-b 3.5");
    assert_eq!(
        escape_line("*a* _b_ `c` [d](e) <f> a|b ~~g~~ &amp; \\"),
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f> a\\|b \\~\\~g\\~\\~ \\&amp; \\\\"
    );
    assert_eq!(escape_line("> a quote"), "\\> a quote");
    assert_eq!(escape_line("- - -"), "\\- - -");
    assert_eq!(escape_line("---"), "\\---");
    assert_eq!(escape_line("-"), "\\-");
    assert_eq!(escape_line("1."), "1\\.");
}

/// r9 (issue 10 follow-up): the report read "0\\.36". Only what would start a block
/// where it stands is escaped: a number, a minus sign, a `#` or `>` inside a line, an
/// exclamation mark are left as written.
#[test]
fn numbers_and_marks_that_start_nothing_are_left_as_written() {
    for plain in [
        "0.36",
        "12.5 minutes",
        "3)x and 4.5",
        "-5 % since March",
        "+2 people",
        "Issue #12 and a > b",
        "Done!",
        "==x",
    ] {
        assert_eq!(escape_line(plain), plain);
    }
}

#[test]
fn cells_and_blocks_keep_structure_and_defuse_controls() {
    assert_eq!(cell("a|b\r\nc"), "a\\|b<br>c");
    assert_eq!(cell("red\u{1b}[31m"), "red\u{241b}\\[31m");
    assert_eq!(inline("two\nlines "), "two lines");
    assert_eq!(
        block("one\n- two\n\n\n   > three", "  "),
        "one\\\n  \\- two\n\n  \\> three"
    );
}

/// What a Markdown parser made of a document.
#[derive(Default, Debug)]
struct Shape {
    /// Each table: its number of columns, and its rows (header first) as cell texts.
    tables: Vec<(usize, Vec<Vec<String>>)>,
    headings: usize,
    html: Vec<String>,
    /// Markup only user text could have produced.
    stray: Vec<String>,
    text: String,
}

fn shape(md: &str) -> Shape {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut s = Shape::default();
    let mut cells: Vec<String> = Vec::new();
    let mut in_cell = false;
    for e in Parser::new_ext(md, opts) {
        match e {
            Event::Start(Tag::Table(al)) => s.tables.push((al.len(), Vec::new())),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells.clear(),
            Event::Start(Tag::TableCell) => {
                cells.push(String::new());
                in_cell = true;
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(t) = s.tables.last_mut() {
                    t.1.push(std::mem::take(&mut cells));
                }
            }
            Event::Start(Tag::Heading { .. }) => s.headings += 1,
            Event::Html(h) | Event::InlineHtml(h) => s.html.push(h.to_string()),
            Event::Start(
                t @ (Tag::Emphasis
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Strikethrough
                | Tag::List(Some(_))
                | Tag::FootnoteDefinition(_)),
            ) => s.stray.push(format!("{t:?}")),
            Event::Code(c) => s.stray.push(format!("code {c}")),
            Event::TaskListMarker(_) => s.stray.push("task".into()),
            Event::Text(t) if in_cell => {
                if let Some(c) = cells.last_mut() {
                    c.push_str(&t);
                }
            }
            Event::Text(t) => s.text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => s.text.push('\n'),
            _ => {}
        }
    }
    s
}

const NASTY: &str = "# Not a heading | with *stars* and _under_ `code`\n\
                     - not a list\n1. nor this\n> nor a quote\n    nor code\n\
                     ---\n<script>alert(1)</script> [link](http://x) ~~gone~~ \
                     &copy; - [ ] task \u{1b}[31mred\u{7}";

fn nasty_meeting() -> LiveMeeting {
    let mut live = sample();
    live.meeting.title = NASTY.into();
    for a in &mut live.attendance {
        a.member.profile.name = format!("{}|{}", a.member.profile.name, "*x*");
    }
    for n in &mut live.notes {
        n.body = format!("{NASTY}\n\n{}", n.body);
    }
    live.items[1].item.info.title = NASTY.into();
    live.consents[0].topic = NASTY.into();
    live
}

#[test]
fn markdown_tables_are_tables_and_user_text_stays_text() {
    let plain = markdown(&Minutes::from_live(&sample(), "Ward 7", t(20, 0), &Utc));
    let base = shape(&plain);
    let m = Minutes::from_live(&nasty_meeting(), NASTY, t(20, 0), &Utc);
    let md = markdown(&m);
    let s = shape(&md);
    assert!(
        !md.contains('\u{1b}') && !md.contains('\u{7}'),
        "no raw controls"
    );
    assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    // Agenda, two items' turns, actions, airtime, note counts.
    assert_eq!(s.tables.len(), 6, "{md}");
    let widths: Vec<usize> = s.tables.iter().map(|t| t.0).collect();
    assert_eq!(widths, [5, 5, 5, 4, 5, 2]);
    for (cols, rows) in &s.tables {
        assert!(
            rows.iter().all(|r| r.len() == *cols),
            "every row has {cols} cells: {rows:?}"
        );
    }
    assert_eq!(s.tables[0].1.len(), 1 + 3 + 1, "header, three items, total");
    let airtime = &s.tables[4].1;
    assert_eq!(airtime.len(), 1 + 4, "header and the four in the room");
    assert_eq!(
        airtime[2][0], "Fiona|*x*",
        "a pipe in a name stays in its cell"
    );
    assert_eq!(airtime[2][1], "2:20");
    let agenda = &s.tables[0].1;
    assert_eq!(
        agenda[2][1],
        NASTY
            .replace('\n', "")
            .replace("    ", "")
            .replace('\u{1b}', "\u{241b}")
            .replace('\u{7}', "\u{2407}"),
        "a multi-line title stays in one cell (lines joined by <br>)"
    );
    assert_eq!(
        agenda[2][2], "10 min",
        "and the cells after it are in place"
    );
    assert_eq!(s.headings, base.headings, "user text adds no heading");
    assert!(s.html.iter().all(|h| h == "<br>"), "{:?}", s.html);
    assert!(s.stray.is_empty(), "{:?}", s.stray);
    for literal in [
        "# Not a heading | with *stars* and _under_ `code`",
        "<script>alert(1)</script> [link](http://x) ~~gone~~ &copy; - [ ] task \u{241b}[31mred\u{2407}",
        "- not a list\n1. nor this\n> nor a quote\nnor code\n---",
        "Fiona|*x*",
    ] {
        assert!(s.text.contains(literal), "{literal:?} survives as text");
    }
}

#[test]
fn a_huge_note_goes_through() {
    let mut live = sample();
    let body: String = "word | *x* # ".repeat(100_000 / 13 + 1)[..100_000].to_string();
    live.notes[0].body = format!("{body}\n{body}");
    let md = markdown(&Minutes::from_live(&live, "Ward 7", t(20, 0), &Utc));
    let s = shape(&md);
    assert!(s.stray.is_empty());
    assert!(s.text.contains(body.trim()), "the whole note is there");
}

#[test]
fn an_edited_consent_note_is_still_listed_once() {
    let mut live = sample();
    let note = live.notes.iter_mut().find(|n| n.id.get() == 3).unwrap();
    note.body = "Adopt SSKIN, reworded after the meeting".into();
    let m = Minutes::from_live(&live, "Ward 7", t(20, 0), &Utc);
    assert_eq!(
        m.decisions.len(),
        2,
        "the consent check and the other decision note"
    );
    assert_eq!(m.decisions[0].topic, "Adopt SSKIN");
}

fn follow_up(
    action: i64,
    title: &str,
    owner: Option<i64>,
    verdict: crate::domain::ActionVerdict,
    note: &str,
    learned: &str,
) -> crate::domain::review::FollowUp {
    crate::domain::review::FollowUp {
        action: crate::domain::ActionId::new(action),
        title: title.into(),
        owner: owner.map(MemberId::new),
        due: None,
        verdict,
        note: note.into(),
        learned: learned.into(),
        in_reflection: !learned.is_empty(),
        at: t(11, action),
    }
}

#[test]
fn actions_followed_up_in_the_meeting_are_in_the_minutes() {
    use crate::domain::ActionVerdict::{Done, Dropped};
    let mut l = sample();
    let none = Minutes::from_live(&l, "Ward 7", t(20, 0), &Utc);
    assert!(none.action_updates.is_empty());
    assert!(!markdown(&none).contains("Followed up"));
    l.follow_ups = vec![
        follow_up(
            1,
            "Laminate the card\nA5",
            Some(3),
            Done,
            "on every bay",
            "",
        ),
        follow_up(2, "Audit *heels*", None, Dropped, "", "Too big | for one"),
    ];
    let m = Minutes::from_live(&l, "Ward 7", t(20, 0), &Utc);
    let u = &m.action_updates;
    assert_eq!(u.len(), 2);
    assert_eq!(
        (
            u[0].title.as_str(),
            u[0].owner.as_deref(),
            u[0].verdict.as_str()
        ),
        ("Laminate the card", Some("Lan"), "done")
    );
    assert_eq!(u[1].verdict_words(), "✗ dropped");
    let md = markdown(&m);
    assert!(
        md.contains("**Followed up (2):**\n\n- Laminate the card (Lan) — ✓ done: on every bay\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "- Audit \\*heels\\* — ✗ dropped (in the reflection)\\\n  Learned: Too big \\| for one\n"
        ),
        "{md}"
    );
    // The list is a list, after the new actions' table.
    let after_actions = md.split("## Actions").nth(1).unwrap();
    assert!(after_actions.find("| Action |") < after_actions.find("**Followed up"));
    let v: serde_json::Value = serde_json::from_str(&json(&m).unwrap()).unwrap();
    assert_eq!(v["action_updates"][1]["learned"], "Too big | for one");
    assert_eq!(v["action_updates"][1]["in_reflection"], true);
    // Only follow-ups, no new action: said so, not "None".
    l.notes.retain(|n| n.kind != NoteKind::Action);
    let md = markdown(&Minutes::from_live(&l, "Ward 7", t(20, 0), &Utc));
    assert!(
        md.contains("## Actions\n\nNo new actions.\n\n**Followed up (2):**"),
        "{md}"
    );
}

#[test]
fn an_item_left_at_once_with_no_turn_or_note_is_marked_skipped() {
    let mut live = sample();
    // Item 2 passed over in 3 seconds, then back to item 1, where the meeting ends.
    live.items[1].visits = vec![
        Span::new(t(10, 0), t(20, 0)),
        Span::new(t(20, 3), t(20, 10)),
    ];
    live.items[2].visits = vec![Span::new(t(20, 0), t(20, 3))];
    live.ended_at = Some(t(20, 10));
    let m = Minutes::from_live(&live, "Ward 7", t(99, 0), &Utc);
    let status = |i: usize| {
        let item = &m.agenda[i];
        (item.actual_seconds, item.status.as_str(), item.mark())
    };
    assert_eq!(status(2), (3, "skipped", " (skipped)"));
    assert_eq!(status(0).1, "done", "its turns were taken");
    // r9 trial F11: the item the meeting ended on was in progress, not skipped, however
    // short its stay.
    live.items[1].visits = vec![Span::new(t(10, 0), t(20, 0))];
    live.ended_at = Some(t(20, 3));
    let m = Minutes::from_live(&live, "Ward 7", t(99, 0), &Utc);
    assert_eq!(
        (
            m.agenda[2].actual_seconds,
            m.agenda[2].status.as_str(),
            m.agenda[2].mark()
        ),
        (3, "done", "")
    );
    // Five seconds on it is a stay, however short.
    live.items[2].visits = vec![Span::new(t(20, 0), t(20, 5))];
    live.ended_at = Some(t(20, 5));
    let m = Minutes::from_live(&live, "Ward 7", t(99, 0), &Utc);
    assert_eq!(
        (m.agenda[2].status.as_str(), m.agenda[2].mark()),
        ("done", "")
    );
    // Never reached says so too.
    live.items[2].visits = vec![];
    let m = Minutes::from_live(&live, "Ward 7", t(99, 0), &Utc);
    assert_eq!(m.agenda[2].mark(), " (not reached)");
}

#[test]
fn a_heading_keeps_the_hashes_that_end_its_title() {
    // CommonMark drops a run of `#` after a space at the end of a heading (its closing
    // sequence): `# Minutes: Retro #` rendered as "Minutes: Retro" (review r9).
    assert_eq!(escape_line("Retro #"), "Retro \\#");
    assert_eq!(escape_line("Vote on option ## "), "Vote on option \\## ");
    assert_eq!(escape_line("Issue #12 and C#"), "Issue #12 and C#");
    for title in ["Retro #", "Vote on option ##", "C# and F#"] {
        let md = format!("# {}\n", inline(title));
        let text: String = pulldown_cmark::Parser::new(&md)
            .filter_map(|e| match e {
                pulldown_cmark::Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(text, title, "{md}");
    }
}
