//! Speaking turns: rounds, the next speaker, raised hands.

use super::*;
use crate::app::{App, ChoosePurpose, Chooser, Overlay};
use crate::domain::note::ActionStatus;
use crate::domain::rounds::{self, OrderInput, OrderStrategy};
use crate::domain::text::{one_line, sanitize};
use crate::domain::{ActionId, MeetingId, MemberId, NoteId};
use crate::store::StoreError;
use chrono::{DateTime, Utc};
use ratatui_textarea::TextArea;

impl App {
    pub(in crate::app) fn turn_op(
        &mut self,
        op: impl FnOnce(&mut Self, MeetingId) -> Result<(), StoreError>,
    ) {
        let Some(id) = self.live_id().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let r = op(self, id);
        self.live_write(r, None);
        self.announce_speaker();
    }

    /// Says who has the floor now, or that the round is complete.
    pub(in crate::app) fn announce_speaker(&mut self) {
        let Some(l) = &self.live else { return };
        if self.status.as_ref().is_some_and(|s| s.is_error) {
            return;
        }
        let msg = match (l.current_turn(), l.current_item()) {
            (Some(t), _) => format!("{} has the floor", sanitize(l.name(t.member), false)),
            (None, Some(item)) if !l.round_turns(item.item.id).is_empty() => {
                "Round complete ✓ — r starts another, ] moves to the next item".to_string()
            }
            _ => return,
        };
        self.info(msg);
    }

    pub(in crate::app) fn next_speaker(&mut self, now: DateTime<Utc>) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return self.info("No meeting is running");
        };
        let Some(item) = l.current_item() else { return };
        let turns = l.round_turns(item.item.id);
        if rounds::is_open(&turns) {
            return self.turn_op(|s, m| s.store.write(|tx| tx.next_speaker(m, now)));
        }
        if turns.is_empty() && item.item.info.kind.takes_turns() {
            return self.new_round(now);
        }
        if turns.is_empty() {
            self.info("This item has no speaking turns; r starts a round anyway, ] moves on");
        } else {
            self.info("Round complete ✓ — r starts another, ] moves to the next item");
        }
    }

    pub(in crate::app) fn new_round(&mut self, now: DateTime<Utc>) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
            return;
        };
        let (meeting, community) = (l.meeting.id, l.meeting.community_id);
        let present: Vec<MemberId> = l.here().iter().map(|a| a.member.id).collect();
        let strategy = self.next_round_order();
        let input = OrderInput {
            airtime: if strategy == OrderStrategy::LeastHeard {
                self.store.airtime_history(community).unwrap_or_default()
            } else {
                Default::default()
            },
            last_first: if strategy == OrderStrategy::Rotate {
                self.store.last_round_first(community).ok().flatten()
            } else {
                None
            },
            seed: now.timestamp_millis() as u64,
            present,
        };
        let order = rounds::order(strategy, &input);
        match self
            .store
            .write(|tx| tx.start_round(meeting, &order, strategy, now))
        {
            Ok(n) => {
                self.live_ui.order = None;
                self.reload_live();

                let first = self
                    .live
                    .as_ref()
                    .and_then(|l| l.current_turn().map(|t| l.name(t.member).to_string()))
                    .unwrap_or_default();
                self.info(format!(
                    "Round {n} ({}) — {} has the floor",
                    strategy.label(),
                    sanitize(&first, false)
                ));
            }
            Err(e) => self.error(format!("Not started: {e}")),
        }
    }

    pub(in crate::app) fn choose_hand(&mut self) {
        let Some(l) = self.live.as_ref().filter(|_| self.meeting_is_live()) else {
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
            return self.info("Nobody else is here to raise a hand");
        }
        self.overlay = Overlay::Choose(Chooser {
            title: "Who raised a hand?".into(),
            options: names,
            ids,
            selected: 0,
            purpose: ChoosePurpose::RaiseHand,
        });
    }

    /// Enter in a live chooser.
    pub(in crate::app) fn choose_live(&mut self, purpose: ChoosePurpose, id: i64) {
        let now = self.clock.now();
        match purpose {
            ChoosePurpose::RaiseHand => {
                let id = MemberId::new(id);
                let name = self
                    .live
                    .as_ref()
                    .map(|l| l.name(id).to_string())
                    .unwrap_or_default();
                self.turn_op(|s, m| s.store.write(|tx| tx.raise_hand(m, id, now)));
                if !self.status.as_ref().is_some_and(|s| s.is_error) {
                    self.info(format!("✋ {} speaks next", sanitize(&name, false)));
                }
            }
            ChoosePurpose::EditNote => {
                let id = NoteId::new(id);
                let Some(n) = self
                    .live
                    .as_ref()
                    .and_then(|l| l.notes.iter().find(|n| n.id == id))
                    .cloned()
                else {
                    return;
                };
                let mut area = TextArea::new(n.body.lines().map(str::to_string).collect());
                area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Overlay::Note(Box::new(NoteEditor {
                    area,
                    kind: n.kind,
                    about: n.member_id,
                    editing: Some(n.id),
                }));
            }
            ChoosePurpose::ActionDone => {
                let r = self
                    .store
                    .write(|tx| tx.set_action_status(ActionId::new(id), ActionStatus::Done, now));
                self.live_write(r, Some("✓ Action marked done".into()));
            }
            ChoosePurpose::Template => {}
        }
    }

    /// `d`: the open actions, the speaker's first, to mark one done (action review).
    pub(in crate::app) fn choose_action(&mut self) {
        let Some(l) = &self.live else { return };
        let speaker = l.current_turn().map(|t| t.member);
        let mut open: Vec<&crate::domain::live::OpenAction> = l.open_actions.iter().collect();
        open.sort_by_key(|a| a.owner != speaker || speaker.is_none());
        if open.is_empty() {
            return self.info("No open actions");
        }
        let (options, ids) = open
            .iter()
            .map(|a| {
                let owner = a
                    .owner
                    .map_or("nobody".to_string(), |m| one_line(l.name(m)));
                let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
                (
                    (
                        one_line(&a.title),
                        format!("{owner}{due} — Enter marks it done"),
                    ),
                    a.id.get(),
                )
            })
            .unzip();
        self.overlay = Overlay::Choose(Chooser {
            title: "Which action is done?".into(),
            options,
            ids,
            selected: 0,
            purpose: ChoosePurpose::ActionDone,
        });
    }
}
