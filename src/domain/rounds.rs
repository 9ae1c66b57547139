//! Round-robin speaking turns: who speaks in what order, and who is next.

use super::spelling::{next_in, spelled};
use super::{MemberId, TurnId};
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// How the speaking order of a round is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum OrderStrategy {
    /// The roster's order.
    #[default]
    Roster,
    /// A fresh random order.
    Shuffled,
    /// Whoever has had the least airtime today goes first; airtime in the community's
    /// earlier meetings breaks ties (see [`OrderStrategy::basis`]).
    LeastHeard,
    /// Roster order, rotated so whoever went first last time goes last.
    Rotate,
}

// Only the stored spelling: labels are read by the item form itself.
spelled!(OrderStrategy);

impl OrderStrategy {
    /// Words for the screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Roster => "roster order",
            Self::Shuffled => "shuffled",
            Self::LeastHeard => "least heard first",
            Self::Rotate => "rotate",
        }
    }

    /// What the order is worked out from, for the screen (`None`: nothing to explain).
    pub fn basis(self) -> Option<&'static str> {
        match self {
            Self::LeastHeard => Some("today's airtime first, then earlier meetings"),
            Self::Rotate => Some("last round's first speaker goes last"),
            Self::Roster | Self::Shuffled => None,
        }
    }

    /// The next strategy in the cycle.
    pub fn next(self) -> Self {
        next_in(Self::ALL, self)
    }
}

/// What the strategies need to know.
#[derive(Debug, Clone, Default)]
pub struct OrderInput {
    /// Present members, in roster order.
    pub present: Vec<MemberId>,
    /// Seconds each member has spoken in this meeting so far.
    pub today: HashMap<MemberId, i64>,
    /// Seconds each member has spoken in the community's meetings (the tie-break).
    pub airtime: HashMap<MemberId, i64>,
    /// Who went first in the community's previous round.
    pub last_first: Option<MemberId>,
    /// Seed for the shuffle.
    pub seed: u64,
}

/// The speaking order for a new round.
pub fn order(strategy: OrderStrategy, input: &OrderInput) -> Vec<MemberId> {
    let mut out = input.present.clone();
    match strategy {
        OrderStrategy::Roster => {}
        OrderStrategy::Shuffled => fastrand::Rng::with_seed(input.seed).shuffle(&mut out),
        OrderStrategy::LeastHeard => {
            // Today's airtime first, then the community's history; stable, so equal
            // airtime keeps roster order. Nobody spoken is zero, not unknown.
            let secs =
                |map: &HashMap<MemberId, i64>, m: &MemberId| map.get(m).copied().unwrap_or(0);
            out.sort_by_key(|m| (secs(&input.today, m), secs(&input.airtime, m)));
        }
        OrderStrategy::Rotate => {
            if let Some(i) = input
                .last_first
                .and_then(|f| out.iter().position(|&m| m == f))
            {
                out.rotate_left(i + 1);
            }
        }
    }
    out
}

/// Where one turn is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum TurnState {
    Waiting,
    Speaking,
    Spoke,
    Passed,
    Skipped,
}

spelled!(TurnState);

impl TurnState {
    /// Whether the turn is over.
    pub fn is_done(self) -> bool {
        matches!(self, Self::Spoke | Self::Passed | Self::Skipped)
    }
}

/// One turn as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub id: TurnId,
    pub round: u32,
    pub position: u32,
    pub member: MemberId,
    pub state: TurnState,
    /// When the member raised a hand to speak next.
    pub hand_raised_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// The order the round was taken in (`None` for a round stored without one).
    pub order: Option<OrderStrategy>,
}

/// The position of a turn that resumes one interrupted by leaving the item: positions
/// of a round start at 1, so it comes before every other.
pub const RESUME_POSITION: u32 = 0;

/// Who speaks next among a round's turns: someone interrupted by leaving the item first,
/// then raised hands (earliest first), then the lowest position still waiting.
pub fn next_waiting(turns: &[Turn]) -> Option<&Turn> {
    let waiting = turns.iter().filter(|t| t.state == TurnState::Waiting);
    if let Some(t) = waiting.clone().find(|t| t.position == RESUME_POSITION) {
        return Some(t);
    }
    let hands = waiting
        .clone()
        .filter(|t| t.hand_raised_at.is_some())
        .min_by_key(|t| (t.hand_raised_at, t.position));
    hands.or_else(|| waiting.min_by_key(|t| t.position))
}

/// The turn being spoken, if any.
pub fn speaking(turns: &[Turn]) -> Option<&Turn> {
    turns.iter().find(|t| t.state == TurnState::Speaking)
}

/// A round's progress in people, not turns: (how many are done, how many take part).
/// Someone who passed and waits for their second offer is not done yet, and is one
/// person however many turns they have.
pub fn progress(turns: &[Turn]) -> (usize, usize) {
    let people: BTreeSet<MemberId> = turns.iter().map(|t| t.member).collect();
    let open: BTreeSet<MemberId> = turns
        .iter()
        .filter(|t| !t.state.is_done())
        .map(|t| t.member)
        .collect();
    (people.len().saturating_sub(open.len()), people.len())
}

/// Whether a round still has someone speaking or waiting.
pub fn is_open(turns: &[Turn]) -> bool {
    turns
        .iter()
        .any(|t| matches!(t.state, TurnState::Waiting | TurnState::Speaking))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ms<const N: usize>(ids: [i64; N]) -> [MemberId; N] {
        ids.map(MemberId::new)
    }

    fn input() -> OrderInput {
        let m = MemberId::new;
        OrderInput {
            present: ms([1, 2, 3, 4]).to_vec(),
            airtime: HashMap::from([(m(1), 300), (m(2), 0), (m(3), 120), (m(4), 0)]),
            last_first: Some(m(2)),
            seed: 42,
            ..Default::default()
        }
    }

    #[test]
    fn least_heard_counts_today_first_and_history_breaks_ties() {
        let m = MemberId::new;
        let mut i = input();
        // Today 4 spoke most and 3 least; 1 and 2 tie today, so history decides.
        i.today = HashMap::from([(m(1), 30), (m(2), 30), (m(3), 10), (m(4), 200)]);
        assert_eq!(order(OrderStrategy::LeastHeard, &i), ms([3, 2, 1, 4]));
    }

    #[test]
    fn each_strategy_orders_as_promised() {
        assert_eq!(order(OrderStrategy::Roster, &input()), ms([1, 2, 3, 4]));
        assert_eq!(order(OrderStrategy::LeastHeard, &input()), ms([2, 4, 3, 1]));
        assert_eq!(
            order(OrderStrategy::Rotate, &input()),
            ms([3, 4, 1, 2]),
            "2 went first last time: now last"
        );
        let shuffled = order(OrderStrategy::Shuffled, &input());
        let mut sorted = shuffled.clone();
        sorted.sort();
        assert_eq!(sorted, ms([1, 2, 3, 4]), "a shuffle keeps everyone once");
        assert_eq!(
            shuffled,
            order(OrderStrategy::Shuffled, &input()),
            "same seed, same order"
        );
        let mut no_last = input();
        no_last.last_first = Some(MemberId::new(99));
        assert_eq!(order(OrderStrategy::Rotate, &no_last), ms([1, 2, 3, 4]));
    }

    fn turn(id: i64, position: u32, state: TurnState, hand: Option<i64>) -> Turn {
        Turn {
            id: TurnId::new(id),
            round: 1,
            position,
            member: MemberId::new(id),
            state,
            hand_raised_at: hand.map(|s| Utc.timestamp_opt(s, 0).unwrap()),
            started_at: None,
            ended_at: None,
            order: None,
        }
    }

    #[test]
    fn raised_hands_go_first_in_the_order_raised() {
        use TurnState::*;
        let turns = [
            turn(1, 1, Spoke, None),
            turn(2, 2, Waiting, None),
            turn(3, 3, Waiting, Some(20)),
            turn(4, 4, Waiting, Some(10)),
        ];
        assert_eq!(next_waiting(&turns).map(|t| t.id.get()), Some(4));
        let turns = [
            turn(1, 1, Spoke, None),
            turn(2, 3, Waiting, None),
            turn(3, 2, Waiting, None),
        ];
        assert_eq!(next_waiting(&turns).map(|t| t.id.get()), Some(3));
        assert!(is_open(&turns));
        assert!(!is_open(&[
            turn(1, 1, Spoke, None),
            turn(2, 2, Passed, None)
        ]));
    }
}
