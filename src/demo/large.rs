//! `roundtable demo --size large`: a generated history big enough to show what grows with
//! time — 20 communities × 10 years of weekly meetings (about 10,400 meetings and
//! 1,000,000 notes), each with cycles, attendance, rounds, actions and follow-ups. Text
//! is made of sentences drawn from word lists with a seeded RNG, so the same command
//! always writes the same data and search sees a realistic vocabulary. One transaction
//! per community, prepared statements throughout (`store::bulk`).

use crate::store::{Store, StoreError, Tx, dump};
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Duration, Utc};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// How much history to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub communities: usize,
    pub weeks: usize,
    /// Notes per meeting.
    pub notes: usize,
}

impl Size {
    /// 20 communities × 10 years of weekly meetings, 96 notes each.
    pub const LARGE: Size = Size {
        communities: 20,
        weeks: 520,
        notes: 96,
    };
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub communities: usize,
    pub meetings: usize,
    pub notes: usize,
    pub actions: usize,
}

const MEMBERS: usize = 12;
const WEEKS_PER_CYCLE: usize = 8;

const PLACES: [&str; 20] = [
    "Ward 7",
    "Ward 12",
    "Theatre Recovery",
    "Outpatients",
    "Maternity",
    "Paediatrics",
    "Oncology Day Unit",
    "Renal",
    "Stroke Unit",
    "Emergency",
    "Community Nursing",
    "ICU",
    "Cardiology",
    "Orthopaedics",
    "Pharmacy",
    "Radiology",
    "Physiotherapy",
    "Dietetics",
    "Midwifery",
    "Palliative Care",
];
const KINDS_OF_GROUP: [&str; 4] = [
    "Practice Circle",
    "Journal Club",
    "Learning Set",
    "Study Group",
];
const DAYS: [&str; 5] = ["Mon", "Tue", "Wed", "Thu", "Fri"];
const FIRST: [&str; 24] = [
    "Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah", "Kemi",
    "Liam", "Maya", "Nikos", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Victor",
    "Wen", "Yusuf",
];
const LAST: [&str; 16] = [
    "Okafor", "Hughes", "Novak", "Patel", "Rossi", "Haddad", "Kim", "Tanaka", "Silva", "Murphy",
    "Adeyemi", "Larsen", "Chen", "Dubois", "Kowalski", "Mensah",
];
const ROLES: [&str; 6] = [
    "staff nurse",
    "charge nurse",
    "healthcare assistant",
    "pharmacist",
    "physiotherapist",
    "student nurse",
];
const SUBJECTS: [&str; 16] = [
    "The night team",
    "Our audit",
    "The new checklist",
    "The handover sheet",
    "Family feedback",
    "The falls data",
    "The sepsis bundle",
    "The pressure-area chart",
    "The discharge letter",
    "The early-warning score",
    "The pump training",
    "The hydration round",
    "The alarm policy",
    "The pain reassessment",
    "The mouth-care kit",
    "The rota",
];
const VERBS: [&str; 14] = [
    "showed",
    "missed",
    "helped with",
    "slowed down",
    "caught",
    "improved",
    "confused",
    "doubled",
    "halved",
    "simplified",
    "delayed",
    "highlighted",
    "clarified",
    "reduced",
];
const OBJECTS: [&str; 18] = [
    "the evening medication round",
    "two near misses",
    "early deterioration",
    "the weekend gaps",
    "bed rails at night",
    "the fluid balance charts",
    "catheter days",
    "alarm fatigue",
    "call-bell waits",
    "the skin checks",
    "agency staff induction",
    "the escalation calls",
    "missed observations",
    "patient mobility",
    "the drug chart errors",
    "delirium screening",
    "the hand hygiene score",
    "the bay layout",
];
const TAILS: [&str; 12] = [
    "on the late shift",
    "since the trial started",
    "for frail patients",
    "in bay four",
    "during visiting hours",
    "when we were short-staffed",
    "compared with last month",
    "according to the incident reports",
    "for new starters",
    "over the bank holiday",
    "in the side rooms",
    "after the teaching session",
];
const TOPICS: [&str; 10] = [
    "Falls prevention at night",
    "Sepsis screening",
    "Pressure injuries",
    "Safer handover",
    "Medication errors",
    "Delirium",
    "Hydration",
    "Alarm fatigue",
    "Early mobility",
    "Discharge planning",
];
/// Agenda of every generated meeting: kind spelling, title, minutes.
const AGENDA: [(&str, &str, i64); 5] = [
    ("icebreaker", "Check-in", 10),
    ("round_robin", "What happened since last time", 20),
    ("critical_interrogation", "Question the evidence", 30),
    ("decision", "What we will try", 20),
    ("check_out", "Check-out", 10),
];
/// Note kinds, weighted by how often they are written.
const NOTE_KINDS: [&str; 10] = [
    "note", "note", "note", "idea", "question", "question", "problem", "pitfall", "solution",
    "decision",
];

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list.get(rng.usize(..list.len())).copied().unwrap_or("")
}

/// One sentence or two, from the word lists.
fn sentence(rng: &mut fastrand::Rng) -> String {
    let mut s = format!(
        "{} {} {} {}.",
        pick(rng, &SUBJECTS),
        pick(rng, &VERBS),
        pick(rng, &OBJECTS),
        pick(rng, &TAILS)
    );
    if rng.u8(..3) == 0 {
        s.push_str(&format!(
            " {} {} {}.",
            pick(rng, &SUBJECTS),
            pick(rng, &VERBS),
            pick(rng, &OBJECTS)
        ));
    }
    s
}

/// Generates the large history into the database at `path`: refuses one that holds
/// data unless `force` (which replaces all of it); refuses while another Roundtable has
/// the file open. Progress goes to stderr.
pub fn create(path: &Path, force: bool, size: Size) -> Result<Counts> {
    let (mut store, _lock) = Store::open_exclusive(path)?;
    if !force && !store.is_empty()? {
        bail!(
            "{} already holds data; pass --force to replace all of it with the demo",
            path.display()
        );
    }
    dump::replace_all(&mut store, |_| Ok(()))?;
    let now = Utc::now();
    let first = now - Duration::weeks(i64::try_from(size.weeks).unwrap_or(0));
    let mut rng = fastrand::Rng::with_seed(10);
    let mut counts = Counts::default();
    let mut bar = Progress::new(size.communities);
    for c in 0..size.communities {
        store
            .write(|tx| community(tx, &mut rng, c, size, first, &mut counts))
            .with_context(|| format!("cannot write the demo into {}", path.display()))?;
        bar.step(c + 1, &counts);
    }
    bar.finish();
    Ok(counts)
}

/// One community with its whole history.
fn community(
    tx: &Tx<'_>,
    rng: &mut fastrand::Rng,
    c: usize,
    size: Size,
    first: DateTime<Utc>,
    counts: &mut Counts,
) -> Result<(), StoreError> {
    let place = PLACES[c % PLACES.len()];
    let kind = KINDS_OF_GROUP[c % KINDS_OF_GROUP.len()];
    let round = if c >= PLACES.len() {
        format!(" {}", c / PLACES.len() + 1)
    } else {
        String::new()
    };
    let name = format!("{place} {kind}{round}");
    let day = DAYS[c % DAYS.len()];
    let hour = 16 + (c % 4) as i64;
    let cadence = format!("weekly {day} {hour}:00");
    let first = first + Duration::days((c % DAYS.len()) as i64) + Duration::hours(hour);
    let id = tx.bulk_community(
        &name,
        &format!("{place} staff learn together: one real case or paper a week, tried on the ward."),
        &cadence,
        ["in_person", "online", "hybrid"][c % 3],
        first - Duration::days(30),
    )?;
    counts.communities += 1;
    let mut members = Vec::with_capacity(MEMBERS);
    for m in 0..MEMBERS {
        let who = format!(
            "{} {}",
            FIRST[(c * 5 + m) % FIRST.len()],
            LAST[(c * 3 + m * 7) % LAST.len()]
        );
        let hopes = format!("To get better at {}", pick(rng, &OBJECTS));
        let joined = (first - Duration::days(30)).date_naive();
        members.push(tx.bulk_member(id, &who, ROLES[m % ROLES.len()], &hopes, joined)?);
    }
    tx.bulk_leader(id, members[0], (first - Duration::days(30)).date_naive())?;
    let mut goals = Vec::new();
    for (g, topic) in TOPICS.iter().enumerate().take(5) {
        let status = if g < 3 { "met" } else { "active" };
        goals.push(tx.bulk_goal(id, &format!("{topic}: fewer incidents"), status, first)?);
    }
    // In every third community one voice dominates the rounds.
    let dominant = c.is_multiple_of(3).then_some(members[1]);
    let mut cycle = None;
    // Last week's actions and the verdicts they get this week.
    let mut pending: Vec<(i64, &str)> = Vec::new();
    for w in 0..size.weeks {
        let at = first + Duration::weeks(w as i64);
        if w % WEEKS_PER_CYCLE == 0 {
            let number = (w / WEEKS_PER_CYCLE + 1) as i64;
            let last = w + WEEKS_PER_CYCLE >= size.weeks;
            let end =
                (!last).then(|| at + Duration::weeks(WEEKS_PER_CYCLE as i64) - Duration::days(1));
            let topic = TOPICS[(c + number as usize) % TOPICS.len()];
            cycle = Some(tx.bulk_cycle(
                id,
                number,
                topic,
                goals[number as usize % goals.len()],
                at,
                end,
            )?);
        }
        let title = format!("Week {}: {}", w + 1, pick(rng, &SUBJECTS).to_lowercase());
        let end = at + Duration::minutes(90);
        let meeting = tx.bulk_meeting(id, cycle, &title, at, Some((at, end)))?;
        counts.meetings += 1;
        let mut present = Vec::with_capacity(MEMBERS);
        for &m in &members {
            let status = match rng.u8(..10) {
                0 => "absent",
                1 => "late",
                _ => "present",
            };
            tx.bulk_attendance(meeting, m, status)?;
            if status != "absent" {
                present.push(m);
            }
        }
        let mut items = Vec::with_capacity(AGENDA.len());
        let mut from = at;
        for (p, (kind, title, minutes)) in AGENDA.iter().enumerate() {
            let to = from + Duration::minutes(*minutes);
            items.push((
                tx.bulk_item(meeting, p as i64, kind, title, *minutes, Some((from, to)))?,
                from,
            ));
            from = to;
        }
        // The round: everyone present speaks (or passes); a dominant voice takes longer.
        let (round_item, mut t) = items[1];
        for (p, &m) in present.iter().enumerate() {
            let secs = if Some(m) == dominant {
                300
            } else {
                40 + rng.i64(0..80)
            };
            let state = if rng.u8(..12) == 0 { "passed" } else { "spoke" };
            let to = t + Duration::seconds(secs);
            tx.bulk_turn(round_item, p as i64, m, state, t, to)?;
            t = to;
        }
        for n in 0..size.notes {
            let (item, start) = items[1 + n % 3];
            let speaker = (rng.u8(..6) != 0)
                .then(|| present.get(rng.usize(..present.len().max(1))).copied())
                .flatten();
            let at = start + Duration::seconds((n * 11) as i64);
            tx.bulk_note(
                meeting,
                cycle,
                item,
                speaker,
                pick(rng, &NOTE_KINDS),
                &sentence(rng),
                at,
            )?;
            counts.notes += 1;
        }
        // Last week's actions are followed up; two new ones are agreed.
        for (action, verdict) in pending.drain(..) {
            tx.bulk_follow_up(action, meeting, verdict, at + Duration::minutes(5))?;
        }
        for _ in 0..2 {
            let owner = members[rng.usize(..members.len())];
            let title = format!("Try {} {}", pick(rng, &OBJECTS), pick(rng, &TAILS));
            // The last week's actions stay open: the next meeting reviews them.
            let verdict = (w + 1 < size.weeks)
                .then(|| ["done", "done", "partly", "not_done", "dropped"][rng.usize(..5)]);
            let action = tx.bulk_action(id, meeting, cycle, owner, &title, end, verdict)?;
            if let Some(v) = verdict {
                pending.push((action, v));
            }
            counts.actions += 1;
        }
    }
    // Two meetings planned ahead.
    for k in 0..2 {
        let at = first + Duration::weeks((size.weeks + k) as i64);
        tx.bulk_meeting(id, cycle, &format!("Week {}", size.weeks + k + 1), at, None)?;
    }
    Ok(())
}

/// A one-line progress bar on stderr (redrawn in place on a terminal, one line per step
/// otherwise). Hand-made: twenty steps do not need a progress-bar crate.
struct Progress {
    total: usize,
    tty: bool,
    started: std::time::Instant,
}

impl Progress {
    fn new(total: usize) -> Self {
        Self {
            total,
            tty: std::io::stderr().is_terminal(),
            started: std::time::Instant::now(),
        }
    }

    fn step(&mut self, done: usize, counts: &Counts) {
        let width = 30;
        let filled = done * width / self.total.max(1);
        let line = format!(
            "[{}{}] {done}/{} communities · {} meetings · {} notes · {}s",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.total,
            counts.meetings,
            counts.notes,
            self.started.elapsed().as_secs()
        );
        let mut err = std::io::stderr().lock();
        let _ = if self.tty {
            write!(err, "\r{line}")
        } else {
            writeln!(err, "{line}")
        };
        let _ = err.flush();
    }

    fn finish(&self) {
        if self.tty {
            eprintln!();
        }
    }
}
