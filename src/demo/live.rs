//! `roundtable demo --live`: the demo's next meeting left running, nine minutes
//! in, so the live screen can be tried (and the README's tour shows it) without starting
//! one by hand. Written through the same store operations as a real meeting.

use crate::domain::live::Attendance;
use crate::domain::note::NoteKind;
use crate::domain::rounds::OrderStrategy;
use crate::domain::{MeetingId, MemberId};
use crate::store::{Result, Tx};
use chrono::{DateTime, Duration, Utc};

/// Who is away today (an index into the demo's members).
const ABSENT: usize = 3;

/// When each speaker of the check-in round finished, in minutes after the start; the
/// next one is speaking at `now`.
const SPOKE_UNTIL: [i64; 3] = [3, 5, 8];

/// How long the meeting has been running at `now`, in minutes.
const RUNNING_MINUTES: i64 = 9;

/// Starts `meeting` so that at `now` it has run [`RUNNING_MINUTES`]: attendance taken,
/// the check-in round under way with three people heard and one note taken.
pub(super) fn start(
    b: &Tx<'_>,
    meeting: MeetingId,
    members: &[MemberId],
    now: DateTime<Utc>,
) -> Result<()> {
    let t0 = now - Duration::minutes(RUNNING_MINUTES);
    let at = |min: i64| t0 + Duration::minutes(min);
    let attendance: Vec<(MemberId, Attendance)> = members
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let mark = if i == ABSENT {
                Attendance::Absent
            } else {
                Attendance::Present
            };
            (m, mark)
        })
        .collect();
    b.start_meeting(meeting, &attendance, t0)?;
    let here: Vec<MemberId> = attendance
        .iter()
        .filter(|(_, a)| *a == Attendance::Present)
        .map(|(m, _)| *m)
        .collect();
    b.start_round(meeting, &here, OrderStrategy::Roster, at(1))?;
    for (i, &until) in SPOKE_UNTIL.iter().enumerate() {
        if i == 1 {
            b.add_note(
                meeting,
                here.get(i).copied(),
                NoteKind::Idea,
                "Run the falls huddle at the start of the night shift too",
                None,
                at(until - 1),
            )?;
        }
        b.next_speaker(meeting, at(until))?;
    }
    b.heartbeat(meeting, now)
}
