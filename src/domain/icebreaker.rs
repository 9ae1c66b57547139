//! The icebreaker library and the rules for suggesting one.

use super::spelling::spelled;
use super::validate::{self, LONG_MAX, SHORT_MAX, ValidationErrors};
use super::{Draft, IcebreakerId, agenda::parse_minutes};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use strum::{EnumString, IntoStaticStr, VariantArray};

/// What an icebreaker does for the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Category {
    GetToKnow,
    Energizer,
    Reflection,
    TeamBuilding,
    LearningFocused,
}

spelled!(Category);

/// How personal an icebreaker goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[derive(IntoStaticStr, EnumString, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum Depth {
    Light,
    Medium,
    Deep,
}

spelled!(Depth);

/// Everything that describes an icebreaker (what its form edits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcebreakerInfo {
    pub title: String,
    pub prompt: String,
    pub category: Category,
    pub minutes: u32,
    pub min_group: u32,
    pub max_group: u32,
    pub remote_friendly: bool,
    pub depth: Depth,
}

/// An icebreaker as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icebreaker {
    pub id: IcebreakerId,
    /// The stable key of a built-in; `None` for the leader's own.
    pub key: Option<String>,
    pub info: IcebreakerInfo,
}

impl Icebreaker {
    /// Whether it ships with Roundtable (and so is not editable).
    pub fn is_builtin(&self) -> bool {
        self.key.is_some()
    }
}

/// One built-in entry of `assets/icebreakers.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryEntry {
    pub key: String,
    #[serde(flatten)]
    pub info: IcebreakerInfo,
}

/// The built-in library as shipped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    /// Bumped whenever the shipped entries change, so stores update their copy.
    pub version: i64,
    #[serde(rename = "icebreaker")]
    pub entries: Vec<LibraryEntry>,
}

/// The library embedded in the binary.
pub const LIBRARY_TOML: &str = include_str!("../../assets/icebreakers.toml");

/// The `version` of the embedded library (checked against the file by a test), so a
/// store that is already current is recognised without parsing the library.
pub const LIBRARY_VERSION: i64 = 1;

/// Parses the embedded library. Its validity is enforced by tests.
pub fn library() -> Result<Library, String> {
    let lib: Library = toml::from_str(LIBRARY_TOML).map_err(|e| e.to_string())?;
    Ok(lib)
}

/// What a suggestion must fit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuggestFilter {
    pub category: Option<Category>,
    /// Only remote-friendly ones (online meetings).
    pub remote: bool,
    pub max_minutes: Option<u32>,
    /// The number of people taking part.
    pub group_size: Option<u32>,
    pub depth: Option<Depth>,
    /// Words that must appear in the title or prompt.
    pub text: String,
}

impl SuggestFilter {
    /// Whether `i` passes every criterion.
    pub fn accepts(&self, i: &IcebreakerInfo) -> bool {
        self.category.is_none_or(|c| c == i.category)
            && (!self.remote || i.remote_friendly)
            && self.max_minutes.is_none_or(|m| i.minutes <= m)
            && self
                .group_size
                .is_none_or(|n| (i.min_group..=i.max_group).contains(&n))
            && self.depth.is_none_or(|d| d == i.depth)
            && {
                let hay = format!("{} {}", i.title, i.prompt).to_lowercase();
                self.text
                    .split_whitespace()
                    .all(|w| hay.contains(&w.to_lowercase()))
            }
    }
}

/// Picks one icebreaker that passes `filter` and is not in `recently_used` (the ones used
/// in the community's last meetings). `seed` chooses among the candidates, so asking
/// again with another seed offers another one.
pub fn suggest<'a>(
    all: &'a [Icebreaker],
    recently_used: &HashSet<IcebreakerId>,
    filter: &SuggestFilter,
    seed: u64,
) -> Option<&'a Icebreaker> {
    let candidates: Vec<&Icebreaker> = all
        .iter()
        .filter(|i| !recently_used.contains(&i.id) && filter.accepts(&i.info))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    Some(candidates[rng.usize(..candidates.len())])
}

/// How many past meetings an icebreaker is not repeated within.
pub const REPEAT_WINDOW: usize = 10;

impl IcebreakerInfo {
    /// Validates a draft from the custom icebreaker form.
    pub fn from_draft(d: &Draft) -> Result<Self, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let title = validate::name(&mut errs, "title", d.get("title"));
        if title.chars().count() > SHORT_MAX {
            errs.push("title", "is too long");
        }
        let prompt = validate::text(&mut errs, "prompt", d.get("prompt"), LONG_MAX);
        if prompt.is_empty() {
            errs.push("prompt", "is required: say what people do");
        }
        let category = Category::parse(d.get("category")).unwrap_or_else(|| {
            errs.push(
                "category",
                format!("'{}' is not a category", d.get("category")),
            );
            Category::GetToKnow
        });
        let minutes = parse_minutes(&mut errs, "minutes", d.get("minutes"));
        let group = |errs: &mut ValidationErrors, key: &'static str, default: u32| -> u32 {
            match d.get(key).trim() {
                "" => default,
                s => s
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .unwrap_or_else(|| {
                        errs.push(key, "must be a number of people from 1 to 1000");
                        default
                    }),
            }
        };
        let min_group = group(&mut errs, "min_group", 2);
        let max_group = group(&mut errs, "max_group", 30);
        if min_group > max_group {
            errs.push("max_group", "must be at least the smallest group size");
        }
        let remote_friendly = matches!(d.get("remote_friendly").trim(), "yes" | "true" | "1");
        let depth = Depth::parse(d.get("depth")).unwrap_or_else(|| {
            errs.push("depth", "must be light, medium or deep");
            Depth::Light
        });
        errs.into_result(Self {
            title,
            prompt,
            category,
            minutes,
            min_group,
            max_group,
            remote_friendly,
            depth,
        })
    }

    /// The draft an edit form starts from.
    pub fn to_draft(&self) -> Draft {
        Draft::new()
            .with("title", &self.title)
            .with("prompt", &self.prompt)
            .with("category", self.category.as_str())
            .with("minutes", self.minutes.to_string())
            .with("min_group", self.min_group.to_string())
            .with("max_group", self.max_group.to_string())
            .with(
                "remote_friendly",
                if self.remote_friendly { "yes" } else { "no" },
            )
            .with("depth", self.depth.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all() -> Vec<Icebreaker> {
        library()
            .unwrap()
            .entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| Icebreaker {
                id: IcebreakerId::new(i as i64 + 1),
                key: Some(e.key),
                info: e.info,
            })
            .collect()
    }

    #[test]
    fn library_has_150_unique_valid_entries() {
        let lib = library().unwrap();
        assert_eq!(
            lib.version, LIBRARY_VERSION,
            "bump LIBRARY_VERSION with the file"
        );
        assert!(lib.entries.len() >= 150, "{}", lib.entries.len());
        let keys: HashSet<&str> = lib.entries.iter().map(|e| e.key.as_str()).collect();
        let titles: HashSet<String> = lib
            .entries
            .iter()
            .map(|e| e.info.title.to_lowercase())
            .collect();
        assert_eq!(keys.len(), lib.entries.len(), "keys are unique");
        assert_eq!(titles.len(), lib.entries.len(), "titles are unique");
        for e in &lib.entries {
            let i = &e.info;
            assert!(
                IcebreakerInfo::from_draft(&i.to_draft()).is_ok(),
                "{} is valid",
                e.key
            );
            assert!(
                i.min_group <= i.max_group && i.minutes >= 1 && i.prompt.len() >= 40,
                "{}",
                e.key
            );
        }
        for &c in Category::ALL {
            assert!(
                lib.entries.iter().filter(|e| e.info.category == c).count() >= 20,
                "{c:?}"
            );
        }
    }

    #[test]
    fn suggestion_skips_recent_and_can_run_out() {
        let all = all();
        let f = SuggestFilter {
            category: Some(Category::Energizer),
            max_minutes: Some(5),
            ..Default::default()
        };
        let fitting: HashSet<IcebreakerId> = all
            .iter()
            .filter(|i| f.accepts(&i.info))
            .map(|i| i.id)
            .collect();
        assert!(!fitting.is_empty());
        assert_eq!(
            suggest(&all, &fitting, &f, 7),
            None,
            "everything fitting was used recently"
        );
    }

    proptest! {
        #[test]
        fn suggestion_respects_filters_and_window(
            seed in any::<u64>(),
            cat in proptest::option::of(0usize..5),
            remote in any::<bool>(),
            max in proptest::option::of(2u32..30),
            size in proptest::option::of(1u32..40),
            used in proptest::collection::hash_set(1i64..180, 0..40),
        ) {
            let used: HashSet<IcebreakerId> = used.into_iter().map(IcebreakerId::new).collect();
            let all = all();
            let f = SuggestFilter {
                category: cat.map(|c| Category::ALL[c]),
                remote,
                max_minutes: max,
                group_size: size,
                ..Default::default()
            };
            match suggest(&all, &used, &f, seed) {
                Some(i) => {
                    prop_assert!(!used.contains(&i.id));
                    prop_assert!(f.accepts(&i.info));
                    prop_assert!(!remote || i.info.remote_friendly);
                    prop_assert!(max.is_none_or(|m| i.info.minutes <= m));
                }
                None => prop_assert!(all.iter().all(|i| used.contains(&i.id) || !f.accepts(&i.info))),
            }
        }
    }
}
