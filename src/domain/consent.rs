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
}

impl ConsentResult {
    /// Tallies the votes (scores above 5 are clamped).
    pub fn new(votes: &[(MemberId, u8)]) -> Self {
        let votes: Vec<(MemberId, u8)> = votes.iter().map(|&(m, s)| (m, s.min(5))).collect();
        Self {
            blocking: votes.iter().filter(|v| v.1 <= 1).map(|v| v.0).collect(),
            concerns: votes.iter().filter(|v| v.1 == 2).map(|v| v.0).collect(),
            votes,
        }
    }

    /// Consent: at least one vote and nobody blocking.
    pub fn consensus(&self) -> bool {
        !self.votes.is_empty() && self.blocking.is_empty()
    }

    /// One line for the screen and the minutes.
    pub fn summary(&self) -> String {
        let avg = if self.votes.is_empty() {
            0.0
        } else {
            self.votes.iter().map(|v| f64::from(v.1)).sum::<f64>() / self.votes.len() as f64
        };
        let verdict = if self.votes.is_empty() {
            "no votes"
        } else if !self.blocking.is_empty() {
            "blocked: talk through the blocking concerns"
        } else if !self.concerns.is_empty() {
            "consensus, with concerns to hear"
        } else {
            "consensus"
        };
        format!("{verdict} ({} votes, average {avg:.1})", self.votes.len())
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
}
