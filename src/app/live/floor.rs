//! Open discussion: the leader taps who is talking now (`t`, or Space on an open-floor
//! item), in a quick chooser with the most recent speakers first and a digit per row.
//! The previous speaker's time stops at that moment; Voices and "Not heard yet" follow.

use super::Live;
use crate::app::{ChoosePurpose, Chooser, Ctx, Overlay};
use crate::domain::MemberId;
use crate::domain::rounds;
use crate::domain::text::{one_line, sanitize};
use crate::domain::timer::clock;

impl Live {
    /// `t`: who is talking now? Most recent speakers first; the last row says nobody.
    pub(in crate::app) fn choose_floor(&self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return cx.info("No meeting is running");
        };
        let Some(item) = l.current_item() else {
            return cx.info(super::NO_ITEM);
        };
        if rounds::is_open(&l.round_turns(item.item.id)) {
            return cx.info("A round of turns is running: Space moves through it");
        }
        let p = l.participation(cx.now());
        let mut options = Vec::new();
        let mut ids = Vec::new();
        for (i, m) in l.floor_candidates().into_iter().enumerate() {
            let spoken = p
                .rows
                .iter()
                .find(|r| r.member == m)
                .filter(|r| r.turns > 0)
                .map_or("not heard yet".to_string(), |r| {
                    format!("spoke {}", clock(r.spoken))
                });
            let digit = if i < 9 {
                format!("{} ", i + 1)
            } else {
                "  ".to_string()
            };
            options.push((
                format!("{digit}{} · {spoken}", one_line(l.name(m))),
                "has the floor from now; whoever had it stops".to_string(),
            ));
            ids.push(m.get());
        }
        // The last row has no id: nobody is talking.
        if let Some(f) = l.floor_speaker() {
            options.push((
                format!("Nobody — {} stops", one_line(l.name(f.member))),
                "the floor is quiet; no one's clock runs".to_string(),
            ));
        }
        if options.is_empty() {
            return cx.info("Nobody is marked present: a takes attendance");
        }
        cx.open(Overlay::Choose(Chooser {
            title: "Who is talking now? (1–9 or ↑/↓ Enter)".into(),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::Floor,
        }));
    }

    /// Chosen in the floor chooser: `member` has the floor (or nobody, with `None`).
    pub(in crate::app) fn give_floor(&mut self, cx: &mut Ctx, member: Option<MemberId>) {
        let Some(l) = self.running() else {
            return;
        };
        let stopped = l.floor_speaker().map(|f| l.name(f.member).to_string());
        let name = member.map(|m| l.name(m).to_string());
        self.turn_op(cx, |s, m, now| {
            s.write(|tx| match member {
                Some(who) => tx.give_floor(m, who, now),
                None => tx.end_floor(m, now),
            })
        });
        if cx.failed() {
            return;
        }
        let msg = match (name, stopped) {
            (Some(n), _) => format!("▶ {} has the floor", sanitize(&n, false)),
            (None, Some(s)) => format!(
                "Nobody has the floor; {}'s time stopped",
                sanitize(&s, false)
            ),
            (None, None) => "Nobody has the floor".to_string(),
        };
        cx.info(msg);
    }
}
