//! Fist-of-five consent checks: 0–1 blocks, 2 has concerns to talk through, 3–5 consents.

use super::MemberId;

/// The outcome of a consent check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentResult {
    pub votes: Vec<(MemberId, u8)>,
    /// Members showing 0 or 1: they block.
    pub blocking: Vec<MemberId>,
    /// Members showing 2: they consent with concerns worth hearing.
    pub concerns: Vec<MemberId>,
    /// How many were in the room when it was taken (`None`: not known).
    pub present: Option<usize>,
}

impl ConsentResult {
    /// Tallies the votes (scores above 5 are clamped).
    pub fn new(votes: &[(MemberId, u8)]) -> Self {
        let votes: Vec<(MemberId, u8)> = votes.iter().map(|&(m, s)| (m, s.min(5))).collect();
        Self {
            blocking: votes.iter().filter(|v| v.1 <= 1).map(|v| v.0).collect(),
            concerns: votes.iter().filter(|v| v.1 == 2).map(|v| v.0).collect(),
            votes,
            present: None,
        }
    }

    /// The same tally, knowing how many were in the room.
    pub fn of_present(mut self, present: usize) -> Self {
        self.present = Some(present);
        self
    }

    /// Whether half or fewer of those present voted (a minority's voice is no
    /// group's consent).
    pub fn minority(&self) -> bool {
        self.present.is_some_and(|p| self.votes.len() * 2 <= p)
    }

    /// Consent: at least one vote, nobody blocking, and more than half of those present
    /// voted.
    pub fn consensus(&self) -> bool {
        !self.votes.is_empty() && self.blocking.is_empty() && !self.minority()
    }

    /// One line for the screen and the minutes.
    pub fn summary(&self) -> String {
        let avg = if self.votes.is_empty() {
            0.0
        } else {
            self.votes.iter().map(|v| f64::from(v.1)).sum::<f64>() / self.votes.len() as f64
        };
        let n = self.votes.len();
        let voted = match self.present {
            Some(p) => format!("{n} of {p} present voted"),
            None => super::text::count(n, "vote", "votes"),
        };
        if self.votes.is_empty() {
            return format!("no votes ({voted})");
        }
        let verdict = if !self.blocking.is_empty() {
            "blocked: talk through the blocking concerns"
        } else if self.minority() {
            "no consensus: too few of those present voted (none blocking)"
        } else if !self.concerns.is_empty() {
            "consensus, with concerns to hear"
        } else {
            "consensus"
        };
        format!("{verdict} ({voted}, average {avg:.1})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Votes of members 1, 2, 3… in order.
    fn votes(scores: &[u8]) -> Vec<(MemberId, u8)> {
        (1..)
            .map(MemberId::new)
            .zip(scores.iter().copied())
            .collect()
    }

    #[test]
    fn blocks_concerns_and_consensus() {
        let m = MemberId::new;
        let r = ConsentResult::new(&votes(&[5, 3, 2]));
        assert!(r.consensus());
        assert_eq!(r.concerns, [m(3)]);
        assert!(r.summary().starts_with("consensus, with concerns"));
        let b = ConsentResult::new(&votes(&[5, 1, 0]));
        assert!(!b.consensus());
        assert_eq!(b.blocking, [m(2), m(3)]);
        assert!(!ConsentResult::new(&[]).consensus());
        assert_eq!(ConsentResult::new(&votes(&[9])).votes, [(m(1), 5)]);
    }

    #[test]
    fn a_minority_of_those_present_is_not_consensus() {
        let one = ConsentResult::new(&votes(&[5])).of_present(8);
        assert!(!one.consensus());
        assert_eq!(
            one.summary(),
            "no consensus: too few of those present voted (none blocking) (1 of 8 present voted, average 5.0)"
        );
        let most = ConsentResult::new(&votes(&[5, 4, 3, 5, 4])).of_present(8);
        assert!(most.consensus());
        assert!(
            most.summary()
                .starts_with("consensus (5 of 8 present voted")
        );
        assert_eq!(
            ConsentResult::new(&votes(&[4])).summary(),
            "consensus (1 vote, average 4.0)"
        );
    }
}
