//! Meeting agendas: item kinds, timeboxes and the overflow check.

use super::rounds::OrderStrategy;
use super::validate::{self, LONG_MAX, SHORT_MAX, ValidationErrors};
use super::{AgendaItemId, Draft, IcebreakerId, MeetingId};

use super::spelling::spelled;
use serde::{Deserialize, Serialize};
use strum::{EnumString, IntoStaticStr, VariantArray};

/// What an agenda item is for. The live mode behaves differently per kind, so this is
/// data, not a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ItemKind {
    Icebreaker,
    Introductions,
    /// A question each member answers in turn.
    RoundRobin,
    OpenDiscussion,
    ActionReview,
    CriticalInterrogation,
    Application,
    Reflection,
    /// A decision, settled by a consent check.
    Decision,
    Break,
    /// Wrap-up.
    CheckOut,
}

spelled!(ItemKind, or_label);

impl ItemKind {
    /// Words for the screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Icebreaker => "icebreaker",
            Self::Introductions => "introductions",
            Self::RoundRobin => "round-robin",
            Self::OpenDiscussion => "open discussion",
            Self::ActionReview => "action review",
            Self::CriticalInterrogation => "critical interrogation",
            Self::Application => "application",
            Self::Reflection => "reflection",
            Self::Decision => "decision / consent",
            Self::Break => "break",
            Self::CheckOut => "check-out",
        }
    }

    /// Whether the live meeting runs this item as a round of speaking turns.
    pub fn takes_turns(self) -> bool {
        matches!(
            self,
            Self::Icebreaker
                | Self::Introductions
                | Self::RoundRobin
                | Self::ActionReview
                | Self::Decision
        )
    }
}

/// Longest timebox of one item, in minutes.
pub const ITEM_MAX_MINUTES: u32 = 480;

/// Everything the agenda item form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemInfo {
    pub kind: ItemKind,
    pub title: String,
    /// The timebox, in minutes.
    pub minutes: u32,
    /// Notes for the leader (questions to ask, what to watch for).
    pub leader_notes: String,
    /// Carried into the community's next planned meeting.
    pub recurring: bool,
}

/// An agenda item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub meeting_id: MeetingId,
    pub position: u32,
    pub info: ItemInfo,
    /// The icebreaker chosen for an icebreaker item.
    pub icebreaker: Option<(IcebreakerId, String)>,
    /// How its speaking turns run.
    pub turns: TurnSettings,
}

/// How an item's rounds of speaking turns run; `None` means the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TurnSettings {
    /// The speaking order (default: the setting, roster order unless changed).
    pub order: Option<OrderStrategy>,
    /// Length of one turn in seconds (default: 2:00).
    pub seconds: Option<u32>,
}

/// Longest speaking turn that can be set, in seconds.
pub const TURN_MAX_SECONDS: u32 = 3600;

impl TurnSettings {
    /// Reads the item form's `turn_order` and `turn_length` (`m:ss` or minutes).
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let order = match d.get("turn_order").trim() {
            "" | "default" => None,
            s => Some(
                OrderStrategy::ALL
                    .iter()
                    .copied()
                    .find(|o| o.label() == s || o.as_str() == s)
                    .unwrap_or_else(|| {
                        errs.push("turn_order", format!("'{s}' is not a speaking order"));
                        OrderStrategy::Roster
                    }),
            ),
        };
        let raw = d.get("turn_length").trim();
        let seconds = if raw.is_empty() {
            None
        } else {
            let parsed = match raw.split_once(':') {
                Some((m, s)) => match (m.trim().parse::<u32>(), s.trim().parse::<u32>()) {
                    (Ok(m), Ok(s)) if s < 60 => Some(m * 60 + s),
                    _ => None,
                },
                None => raw.parse::<u32>().ok().map(|m| m * 60),
            };
            match parsed {
                Some(s) if (10..=TURN_MAX_SECONDS).contains(&s) => Some(s),
                _ => {
                    errs.push(
                        "turn_length",
                        "must be a time like 1:30 or 2 (minutes), from 0:10 to 60:00",
                    );
                    None
                }
            }
        };
        errs.into_result(Self { order, seconds })
    }

    /// Fills the item form's turn fields.
    pub fn fill(&self, d: &mut Draft) {
        d.set("turn_order", self.order.map_or("default", |o| o.label()));
        let len = self
            .seconds
            .map(|s| format!("{}:{:02}", s / 60, s % 60))
            .unwrap_or_default();
        d.set("turn_length", len);
    }
}

/// Parses a timebox in whole minutes, refusing zero, negatives and absurd lengths.
pub fn parse_minutes(errs: &mut ValidationErrors, field: &'static str, raw: &str) -> u32 {
    match raw.trim().parse::<i64>() {
        Ok(m) if m >= 1 && m <= i64::from(ITEM_MAX_MINUTES) => m as u32,
        Ok(m) if m < 1 => {
            errs.push(field, "must be at least 1 minute");
            0
        }
        Ok(_) => {
            errs.push(field, format!("must be at most {ITEM_MAX_MINUTES} minutes"));
            0
        }
        Err(_) => {
            errs.push(field, "must be a whole number of minutes");
            0
        }
    }
}

/// An agenda longer than a meeting `minutes` long, its timeboxes scaled down to it: each
/// in proportion, in whole minutes, at least 1, adding up to exactly `minutes` (the
/// remainders go to the items that lost most to rounding, earliest first). Returns the
/// agenda's total when the items were scaled; `None` when they already fit (a shorter
/// agenda is left as written: the rest is spare time) or there are none. With fewer
/// minutes than items, each gets a minute (the meeting's length check then says whether
/// that is too long).
pub fn fit_items(items: &mut [ItemInfo], minutes: u32) -> Option<u32> {
    let total: u32 = items.iter().map(|i| i.minutes).sum();
    let n = u32::try_from(items.len()).ok()?;
    // Shorter than the meeting: left as written, the rest is spare time.
    if total <= minutes || n == 0 {
        return None;
    }
    if minutes < n {
        items.iter_mut().for_each(|i| i.minutes = 1);
        return Some(total);
    }
    let (total64, minutes64) = (u64::from(total), u64::from(minutes));
    // Each item's exact share, in units of 1/total minute: whole minutes and remainder.
    let shares: Vec<(u64, u64)> = items
        .iter()
        .map(|i| {
            let exact = u64::from(i.minutes) * minutes64;
            (exact / total64, exact % total64)
        })
        .collect();
    let mut fitted: Vec<u64> = shares.iter().map(|(whole, _)| (*whole).max(1)).collect();
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(shares[i].1));
    let sum = |f: &[u64]| f.iter().sum::<u64>();
    // Too few: a minute more to the largest remainders. Too many (minimums of 1 raised
    // some): a minute less from the longest item.
    let mut next = order.iter().cycle();
    while sum(&fitted) < minutes64 {
        let &i = next.next()?;
        fitted[i] += 1;
    }
    while sum(&fitted) > minutes64 {
        let i = (0..fitted.len()).max_by_key(|&i| fitted[i])?;
        fitted[i] -= 1;
    }
    for (item, m) in items.iter_mut().zip(fitted) {
        item.minutes = u32::try_from(m).ok()?;
    }
    Some(total)
}

impl ItemInfo {
    /// Validates a draft from the agenda item form.
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let kind = ItemKind::parse(d.get("kind")).unwrap_or_else(|| {
            errs.push(
                "kind",
                format!("'{}' is not an agenda item kind", d.get("kind")),
            );
            ItemKind::OpenDiscussion
        });
        let mut title = validate::text(&mut errs, "title", d.get("title"), SHORT_MAX);
        if title.is_empty() {
            title = capitalized(kind.label());
        }
        if title.contains('\n') {
            errs.push("title", "must be on one line");
        }
        let minutes = parse_minutes(&mut errs, "minutes", d.get("minutes"));
        let leader_notes =
            validate::text(&mut errs, "leader_notes", d.get("leader_notes"), LONG_MAX);
        let recurring = matches!(d.get("recurring").trim(), "yes" | "true" | "1");
        errs.into_result(Self {
            kind,
            title,
            minutes,
            leader_notes,
            recurring,
        })
    }

    /// The draft an edit form starts from.
    pub fn to_draft(&self) -> Draft {
        Draft::new()
            .with("kind", self.kind.label())
            .with("title", &self.title)
            .with("minutes", self.minutes.to_string())
            .with("leader_notes", &self.leader_notes)
            .with("recurring", if self.recurring { "yes" } else { "no" })
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// How an agenda's timeboxes sit against the meeting's planned length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timebox {
    pub total: u32,
    pub planned: u32,
}

impl Timebox {
    /// Sums the timeboxes of `items` against `planned` minutes.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a ItemInfo>, planned: u32) -> Self {
        Self {
            total: items.into_iter().map(|i| i.minutes).sum(),
            planned,
        }
    }

    /// Minutes the agenda runs over the meeting, if it does.
    pub fn overflow(&self) -> Option<u32> {
        (self.total > self.planned).then(|| self.total - self.planned)
    }

    /// Minutes left unplanned.
    pub fn slack(&self) -> u32 {
        self.planned.saturating_sub(self.total)
    }

    /// An agenda this much longer than the meeting is refused, not just warned about.
    pub fn is_far_over(&self) -> bool {
        self.total > self.planned.saturating_mul(2)
    }

    /// The refusal for a far-over agenda.
    pub fn far_over_message(&self) -> String {
        format!(
            "the agenda would take {} min in a {}-min meeting (more than twice as long); shorten items or lengthen the meeting",
            self.total, self.planned
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(minutes: &[u32], length: u32) -> (Option<u32>, Vec<u32>) {
        let mut items: Vec<ItemInfo> = minutes
            .iter()
            .map(|m| ItemInfo {
                kind: ItemKind::OpenDiscussion,
                title: "x".into(),
                minutes: *m,
                leader_notes: String::new(),
                recurring: false,
            })
            .collect();
        let scaled = fit_items(&mut items, length);
        (scaled, items.iter().map(|i| i.minutes).collect())
    }

    /// Scaled in proportion, whole minutes, each at least 1, adding up to the length
    /// exactly, down or up; left alone when they fit or cannot be fitted.
    #[test]
    fn timeboxes_are_scaled_to_the_meeting_length() {
        assert_eq!(
            boxes(&[15, 20, 20, 10, 15, 10], 60),
            (Some(90), vec![10, 13, 13, 7, 10, 7])
        );
        // Shorter than the meeting: left alone (the plan shows the spare minutes).
        assert_eq!(boxes(&[10, 20], 60), (None, vec![10, 20]));
        // The minimum of a minute raises the smallest; the longest gives it back.
        assert_eq!(boxes(&[1, 1, 98], 10), (Some(100), vec![1, 1, 8]));
        assert_eq!(boxes(&[30, 30], 60), (None, vec![30, 30]));
        assert_eq!(boxes(&[5, 5, 5], 2), (Some(15), vec![1, 1, 1]));
        assert_eq!(boxes(&[], 60), (None, vec![]));
        for length in 3..=200 {
            let (_, fitted) = boxes(&[7, 1, 13, 40, 2], length);
            assert!(
                fitted.len() == 5 && fitted.iter().all(|m| *m >= 1),
                "{fitted:?}"
            );
            let total: u32 = fitted.iter().sum();
            assert_eq!(total, length.clamp(5, 63), "{length}: {fitted:?}");
        }
    }

    fn item(minutes: u32) -> ItemInfo {
        ItemInfo {
            kind: ItemKind::RoundRobin,
            title: "x".into(),
            minutes,
            leader_notes: String::new(),
            recurring: false,
        }
    }

    #[test]
    fn timebox_sums_and_overflow() {
        let items = [item(10), item(30), item(55)];
        let t = Timebox::of(&items, 90);
        assert_eq!(t.total, 95);
        assert_eq!(t.overflow(), Some(5));
        assert_eq!(t.slack(), 0);
        assert!(!t.is_far_over());
        let fits = Timebox::of(&items[..2], 90);
        assert_eq!((fits.overflow(), fits.slack()), (None, 50));
        assert!(Timebox::of(&[item(181)], 90).is_far_over());
    }

    #[test]
    fn kinds_round_trip_and_turn_taking() {
        for &k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Some(k));
            assert_eq!(ItemKind::parse(k.label()), Some(k));
        }
        assert!(ItemKind::Introductions.takes_turns());
        assert!(!ItemKind::Break.takes_turns());
        assert_eq!(ItemKind::parse("karaoke"), None);
    }

    #[test]
    fn turn_settings_parse_and_refuse() {
        let d = Draft::new()
            .with("turn_order", "least heard first")
            .with("turn_length", "1:30");
        let t = TurnSettings::from_draft(&d).unwrap();
        assert_eq!(
            (t.order, t.seconds),
            (Some(OrderStrategy::LeastHeard), Some(90))
        );
        let mut back = Draft::new();
        t.fill(&mut back);
        assert_eq!(TurnSettings::from_draft(&back).unwrap(), t);
        assert_eq!(
            TurnSettings::from_draft(&Draft::new().with("turn_length", "3"))
                .unwrap()
                .seconds,
            Some(180)
        );
        assert_eq!(
            TurnSettings::from_draft(&Draft::new()).unwrap(),
            TurnSettings::default()
        );
        for bad in ["0:05", "1:75", "abc", "999"] {
            let e = TurnSettings::from_draft(&Draft::new().with("turn_length", bad)).unwrap_err();
            assert!(e.for_field("turn_length").is_some(), "{bad}");
        }
    }

    #[test]
    fn item_validation() {
        let ok = Draft::new().with("kind", "break").with("minutes", "10");
        let i = ItemInfo::from_draft(&ok).unwrap();
        assert_eq!(i.title, "Break", "an empty title takes the kind's name");
        assert_eq!(ItemInfo::from_draft(&i.to_draft()).unwrap(), i);
        for bad in ["0", "-5", "ten", "100000"] {
            let d = Draft::new().with("kind", "break").with("minutes", bad);
            let e = ItemInfo::from_draft(&d).unwrap_err();
            assert!(e.for_field("minutes").is_some(), "{bad}");
        }
        let e = ItemInfo::from_draft(&Draft::new().with("kind", "nap").with("minutes", "5"))
            .unwrap_err();
        assert!(e.for_field("kind").is_some());
    }
}
