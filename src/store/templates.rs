//! Custom agenda templates saved by the leader.

use super::read::spelling_at;
use super::{Result, Store, StoreError, Tx, ts, unique_violation};
use crate::domain::TemplateId;
use crate::domain::agenda::{ItemInfo, ItemKind};
use crate::domain::template::{self, Template};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Store {
    /// Built-in templates followed by the leader's own, by name.
    pub fn templates(&self) -> Result<Vec<Template>> {
        let mut all = template::builtins();
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, description, minutes FROM template ORDER BY name COLLATE NOCASE",
        )?;
        let heads: Vec<(TemplateId, String, String, u32)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = self.conn().prepare_cached(
            "SELECT kind, title, minutes, leader_notes, recurring FROM template_item
             WHERE template_id = ?1 ORDER BY position",
        )?;
        for (id, name, description, minutes) in heads {
            let list = items
                .query_map([id], |r| {
                    Ok(ItemInfo {
                        kind: spelling_at(r, 0, ItemKind::parse)?,
                        title: r.get(1)?,
                        minutes: r.get(2)?,
                        leader_notes: r.get(3)?,
                        recurring: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            all.push(Template {
                name,
                description,
                minutes,
                items: list,
                builtin: false,
            });
        }
        Ok(all)
    }

    /// A template by name (case-insensitive), built-in or custom.
    pub fn template(&self, name: &str) -> Result<Template> {
        let all = self.templates()?;
        let names: Vec<String> = all.iter().map(|t| format!("'{}'", t.name)).collect();
        all.into_iter()
            .find(|t| t.name.eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| {
                StoreError::NotFound(format!(
                    "no template called '{}' (there are: {})",
                    name.trim(),
                    names.join(", ")
                ))
            })
    }
}

impl Tx<'_> {
    /// Saves an agenda as a custom template. Built-in names are taken.
    pub fn save_template(&self, t: &Template, now: DateTime<Utc>) -> Result<()> {
        if template::builtins()
            .iter()
            .any(|b| b.name.eq_ignore_ascii_case(&t.name))
        {
            return Err(StoreError::Duplicate(format!(
                "name: '{}' is a built-in template",
                t.name
            )));
        }
        let tx = self.conn();
        tx.execute(
            "INSERT INTO template (name, description, minutes, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![t.name, t.description, t.minutes, ts(now)],
        )
        .map_err(|e| {
            unique_violation(e, || {
                format!("name: a template called '{}' already exists", t.name)
            })
        })?;
        let id = TemplateId::new(tx.last_insert_rowid());
        for (pos, i) in t.items.iter().enumerate() {
            tx.execute(
                "INSERT INTO template_item (template_id, position, kind, title, minutes, leader_notes, recurring)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, pos as u32 + 1, i.kind.as_str(), i.title, i.minutes, i.leader_notes, i.recurring],
            )?;
        }
        Ok(())
    }
}
