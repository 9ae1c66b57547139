//! Speaking turns: rounds, the next speaker, raised hands.

use super::{Live, NO_ITEM};
use crate::app::{ChoosePurpose, Chooser, Confirm, Ctx, Overlay, Pending};
use crate::domain::live::Attendance;
use crate::domain::rounds::{self, OrderInput, OrderStrategy};
use crate::domain::text::sanitize;
use crate::domain::{MeetingId, MemberId};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

impl Live {
    /// A change to the running round (`op` gets the store, the meeting and now), then
    /// who has the floor.
    pub(in crate::app) fn turn_op(
        &mut self,
        cx: &mut Ctx,
        op: impl FnOnce(&mut Store, MeetingId, DateTime<Utc>) -> Result<(), StoreError>,
    ) {
        let Some(id) = self.running().map(|l| l.meeting.id) else {
            return;
        };
        let now = cx.now();
        let r = op(&mut cx.store, id, now);
        self.write(cx, r, None);
        self.announce_speaker(cx);
    }

    /// Says who has the floor now, or that the round is complete.
    fn announce_speaker(&self, cx: &mut Ctx) {
        let Some(l) = &self.meeting else { return };
        if cx.failed() {
            return;
        }
        let msg = match (l.current_turn(), l.current_item()) {
            (Some(t), _) => format!("{} has the floor", sanitize(l.name(t.member), false)),
            (None, Some(item)) if !l.round_turns(item.item.id).is_empty() => {
                "Round complete ✓ — r starts another, ] moves to the next item".to_string()
            }
            _ => return,
        };
        cx.info(msg);
    }

    /// Space: the next speaker of the round, or a new round where the item takes turns.
    pub(in crate::app) fn next_speaker(&mut self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return cx.info("No meeting is running");
        };
        let Some(item) = l.current_item() else {
            return cx.info(NO_ITEM);
        };
        let turns = l.round_turns(item.item.id);
        if rounds::is_open(&turns) {
            return self.turn_op(cx, |s, m, now| s.write(|tx| tx.next_speaker(m, now)));
        }
        if turns.is_empty() && item.item.info.kind.takes_turns() {
            return self.new_round(cx);
        }
        if turns.is_empty() {
            // An open floor: Space asks who is talking.
            self.choose_floor(cx);
        } else {
            cx.info("Round complete ✓ — r starts another, ] moves to the next item");
        }
    }

    /// `x`: skips the speaker (not in the room). Someone marked late is asked about
    /// first (`confirmed` is the meeting the leader said yes for).
    pub(in crate::app) fn skip_turn(&mut self, cx: &mut Ctx, confirmed: Option<MeetingId>) {
        let Some(l) = self.running() else {
            return;
        };
        let Some(t) = l.current_turn() else {
            return cx.info("Nobody has the floor in a round: nothing to skip");
        };
        let late = l
            .attendance
            .iter()
            .any(|a| a.member.id == t.member && a.status == Attendance::Late);
        if late && confirmed != Some(l.meeting.id) {
            let name = sanitize(l.name(t.member), false).into_owned();
            return cx.open(Overlay::Confirm(Confirm {
                question: format!(
                    "{name} is marked late, so in the room. Skip their turn as not here?"
                ),
                on_yes: Pending::SkipTurn(l.meeting.id),
            }));
        }
        self.turn_op(cx, |s, m, now| s.write(|tx| tx.skip_turn(m, now)));
    }

    /// `r`: a new round in the next order. An order that needs the community's history
    /// falls back to roster order when that history cannot be read, and says so.
    pub(in crate::app) fn new_round(&mut self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return;
        };
        let now = cx.now();
        let (meeting, community) = (l.meeting.id, l.meeting.community_id);
        let present: Vec<MemberId> = l.here().iter().map(|a| a.member.id).collect();
        let today = l
            .participation(now)
            .rows
            .iter()
            .map(|r| (r.member, r.spoken.num_seconds()))
            .collect();
        let wanted = self.next_round_order();
        let mut unreadable = None;
        let airtime = match wanted {
            OrderStrategy::LeastHeard => match cx.store.airtime_history(community) {
                Ok(a) => a,
                Err(e) => {
                    unreadable = Some(format!("who was heard least could not be read ({e})"));
                    Default::default()
                }
            },
            OrderStrategy::Roster | OrderStrategy::Shuffled | OrderStrategy::Rotate => {
                Default::default()
            }
        };
        let last_first = match wanted {
            OrderStrategy::Rotate => match cx.store.last_round_first(community) {
                Ok(first) => first,
                Err(e) => {
                    unreadable = Some(format!("who went first last time could not be read ({e})"));
                    None
                }
            },
            OrderStrategy::Roster | OrderStrategy::Shuffled | OrderStrategy::LeastHeard => None,
        };
        let strategy = match unreadable {
            Some(_) => OrderStrategy::Roster,
            None => wanted,
        };
        let input = OrderInput {
            today,
            airtime,
            last_first,
            seed: now.timestamp_millis() as u64,
            present,
        };
        let order = rounds::order(strategy, &input);
        match cx
            .store
            .write(|tx| tx.start_round(meeting, &order, strategy, now))
        {
            Ok(n) => {
                self.order = None;
                self.reload(cx);
                let first = self
                    .meeting
                    .as_ref()
                    .and_then(|l| l.current_turn().map(|t| l.name(t.member).to_string()))
                    // A round of nobody (nobody present) has no first speaker.
                    .unwrap_or_default();
                let first = sanitize(&first, false);
                match unreadable {
                    None => cx.info(format!(
                        "Round {n} ({}{}) — {first} has the floor",
                        strategy.label(),
                        strategy
                            .basis()
                            .map(|b| format!(": {b}"))
                            .unwrap_or_default()
                    )),
                    Some(why) => cx.error(format!(
                        "Round {n} is in {} instead of {}: {why} — {first} has the floor",
                        strategy.label(),
                        wanted.label()
                    )),
                }
            }
            Err(e) => cx.error(format!("Not started: {e}")),
        }
    }

    /// `h`: who raised a hand?
    pub(in crate::app) fn choose_hand(&self, cx: &mut Ctx) {
        let Some(l) = self.running() else {
            return;
        };
        let speaking = l.current_turn().map(|t| t.member);
        let (names, ids): (Vec<(String, String)>, Vec<i64>) = l
            .here()
            .iter()
            .filter(|a| Some(a.member.id) != speaking)
            .map(|a| {
                (
                    (a.member.profile.name.clone(), "speaks next".to_string()),
                    a.member.id.get(),
                )
            })
            .unzip();
        if names.is_empty() {
            return cx.info("Nobody else is here to raise a hand");
        }
        cx.open(Overlay::Choose(Chooser {
            title: "Who raised a hand?".into(),
            options: names,
            ids,
            selected: 0,
            purpose: ChoosePurpose::RaiseHand,
        }));
    }

    /// Chosen in the raised-hand chooser: `member` speaks next.
    pub(in crate::app) fn raise_hand(&mut self, cx: &mut Ctx, member: MemberId) {
        let Some(name) = self.meeting.as_ref().map(|l| l.name(member).to_string()) else {
            return;
        };
        self.turn_op(cx, |s, m, now| s.write(|tx| tx.raise_hand(m, member, now)));
        if !cx.failed() {
            cx.info(format!("✋ {} speaks next", sanitize(&name, false)));
        }
    }
}
