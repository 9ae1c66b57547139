//! Agenda templates: the built-in ones embedded from `assets/templates/`, and custom ones
//! the leader saves from a meeting.

use super::agenda::{ItemInfo, ItemKind, Timebox};
use serde::Deserialize;

/// A named agenda to start a meeting from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub description: String,
    /// Planned meeting length, in minutes.
    pub minutes: u32,
    pub items: Vec<ItemInfo>,
    /// Shipped with Roundtable (not editable) rather than saved by the leader.
    pub builtin: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplateFile {
    name: String,
    description: String,
    minutes: u32,
    item: Vec<ItemFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemFile {
    kind: ItemKind,
    title: String,
    minutes: u32,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    recurring: bool,
}

const BUILTIN_SOURCES: [&str; 4] = [
    include_str!("../../assets/templates/kick-off.toml"),
    include_str!("../../assets/templates/learning-cycle.toml"),
    include_str!("../../assets/templates/reflection.toml"),
    include_str!("../../assets/templates/quick-check-in.toml"),
];

/// Parses one template file.
pub fn parse(src: &str) -> Result<Template, String> {
    let f: TemplateFile = toml::from_str(src).map_err(|e| e.to_string())?;
    let items: Vec<ItemInfo> = f
        .item
        .into_iter()
        .map(|i| ItemInfo {
            kind: i.kind,
            title: i.title,
            minutes: i.minutes,
            leader_notes: i.notes,
            recurring: i.recurring,
        })
        .collect();
    if items.iter().any(|i| i.minutes == 0) {
        return Err(format!("template '{}' has an item of 0 minutes", f.name));
    }
    if Timebox::of(&items, f.minutes).overflow().is_some() {
        return Err(format!(
            "template '{}' runs over its {} minutes",
            f.name, f.minutes
        ));
    }
    Ok(Template {
        name: f.name,
        description: f.description,
        minutes: f.minutes,
        items,
        builtin: true,
    })
}

/// The built-in templates, in menu order. They are checked by tests, so a broken asset
/// cannot ship; a template that still fails to parse is left out rather than crashing.
pub fn builtins() -> Vec<Template> {
    BUILTIN_SOURCES
        .iter()
        .filter_map(|s| parse(s).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_and_fits() {
        for src in BUILTIN_SOURCES {
            let t = parse(src).unwrap();
            assert!(!t.items.is_empty());
            assert!(Timebox::of(&t.items, t.minutes).overflow().is_none());
        }
        let names: Vec<String> = builtins().into_iter().map(|t| t.name).collect();
        assert_eq!(
            names,
            [
                "Kick-off",
                "Learning cycle meeting",
                "Reflection meeting",
                "Quick check-in"
            ]
        );
    }

    #[test]
    fn learning_cycle_has_the_cycle_in_order() {
        let t = builtins()
            .into_iter()
            .find(|t| t.name == "Learning cycle meeting")
            .unwrap();
        let kinds: Vec<ItemKind> = t.items.iter().map(|i| i.kind).collect();
        use ItemKind::*;
        assert_eq!(
            kinds,
            [
                Icebreaker,
                ActionReview,
                CriticalInterrogation,
                Application,
                Reflection,
                CheckOut
            ]
        );
    }

    #[test]
    fn kick_off_covers_leader_choice() {
        let t = builtins()
            .into_iter()
            .find(|t| t.name == "Kick-off")
            .unwrap();
        assert_eq!(t.items[0].kind, ItemKind::Introductions);
        assert!(
            t.items
                .iter()
                .any(|i| i.kind == ItemKind::Decision && i.title.to_lowercase().contains("leader"))
        );
    }

    #[test]
    fn bad_templates_are_refused() {
        assert!(
            parse(
                "name='x'\ndescription=''\nminutes=10\n[[item]]\nkind='nap'\ntitle='t'\nminutes=5"
            )
            .is_err()
        );
        assert!(parse("name='x'\ndescription=''\nminutes=10\n[[item]]\nkind='break'\ntitle='t'\nminutes=50").is_err());
    }
}
