//! `plan` and `icebreaker`: planning from the command line.

use super::Format;
use crate::domain::icebreaker::{self, Category, SuggestFilter};
use crate::domain::meeting::{MeetingInfo, next_slot};
use crate::domain::text::sanitize;
use crate::domain::{Draft, MeetingId};
use crate::store::Store;
use anyhow::{Context, Result, bail};
use chrono::{Local, Utc};

/// What `plan` was asked for.
#[derive(Debug)]
pub struct PlanRequest {
    pub community: String,
    pub template: Option<String>,
    pub at: Option<String>,
    pub minutes: Option<u32>,
    pub title: Option<String>,
}

/// The template `plan` uses when none is named.
pub const DEFAULT_TEMPLATE: &str = "Learning cycle meeting";

/// Plans a meeting as long as `--minutes`, else the community's meetings (as the app
/// does), the template's timeboxes scaled to that length; returns its id and what was
/// planned ("Planned 'Kick-off' for Tue 2026-12-08 16:00 (meeting 16), timeboxes scaled
/// 90 → 60 min"). Nothing is saved unless all of it is valid.
pub fn plan(store: &mut Store, req: &PlanRequest) -> Result<(MeetingId, String)> {
    let c = store.community_by_name(&req.community)?;
    let template = store.template(req.template.as_deref().unwrap_or(DEFAULT_TEMPLATE))?;
    let when = match &req.at {
        Some(at) => at.clone(),
        None => {
            let latest = store
                .meetings(c.id, &["planned", "live", "ended"], true)?
                .first()
                .map(|m| m.scheduled_at.with_timezone(&Local).naive_local());
            let now = Utc::now().with_timezone(&Local).naive_local();
            next_slot(c.info.cadence, now, latest)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        }
    };
    let d = Draft::new()
        .with(
            "title",
            req.title.clone().unwrap_or_else(|| template.name.clone()),
        )
        .with("when", when)
        .with(
            "minutes",
            req.minutes.unwrap_or(c.info.meeting_minutes).to_string(),
        );
    let info = MeetingInfo::from_draft(&d, &chrono::Local).map_err(|e| anyhow::anyhow!("{e}"))?;
    let (id, scaled) = store
        .write(|tx| {
            tx.plan_meeting(
                c.id,
                &info,
                Some(&template.name),
                &template.items,
                Utc::now(),
            )
        })
        .context("the meeting was not planned")?;
    let said = format!(
        "Planned '{}' for {} (meeting {id}){}",
        crate::domain::text::one_line(&info.title),
        crate::app::plan::local(info.scheduled_at),
        crate::app::plan::scaled_note(scaled, info.planned_minutes)
    );
    Ok((id, said))
}

/// What `icebreaker` was asked for.
#[derive(Debug)]
pub struct IcebreakerRequest {
    pub community: Option<String>,
    pub category: Option<String>,
    pub remote: bool,
    pub max_minutes: Option<u32>,
}

/// One suggestion, by the same rules as the app's.
pub fn suggest_icebreaker(
    store: &Store,
    req: &IcebreakerRequest,
    format: Format,
) -> Result<String> {
    let mut filter = SuggestFilter {
        category: match &req.category {
            Some(c) => {
                Some(Category::parse(c).with_context(|| format!("'{c}' is not a category"))?)
            }
            None => None,
        },
        remote: req.remote,
        max_minutes: req.max_minutes,
        ..Default::default()
    };
    let mut recent = Default::default();
    if let Some(name) = &req.community {
        let c = store.community_by_name(name)?;
        recent = store.recently_used_icebreakers(c.id, icebreaker::REPEAT_WINDOW, None)?;
        let size = store.members(c.id)?.iter().filter(|m| m.active).count() as u32;
        filter.group_size = (size > 0).then_some(size);
        filter.remote |= c.info.mode != crate::domain::MeetingMode::InPerson;
    }
    let all = store.icebreakers()?;
    let seed = Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    let Some(pick) = icebreaker::suggest(&all, &recent, &filter, seed) else {
        bail!(
            "no icebreaker fits those filters that was not used in the last {} meetings",
            icebreaker::REPEAT_WINDOW
        );
    };
    Ok(match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&entry_json(pick))?),
        Format::Text => {
            let i = &pick.info;
            format!(
                "{}\n{} · {} min · groups of {}–{} · {} · {}\n\n{}\n",
                sanitize(&i.title, false),
                i.category.as_str(),
                i.minutes,
                i.min_group,
                i.max_group,
                i.depth.as_str(),
                if i.remote_friendly {
                    "works online"
                } else {
                    "in person only"
                },
                sanitize(&i.prompt, true)
            )
        }
    })
}

fn entry_json(i: &icebreaker::Icebreaker) -> serde_json::Value {
    let mut v = serde_json::to_value(&i.info).unwrap_or_default();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("id".into(), i.id.get().into());
        obj.insert("key".into(), i.key.clone().into());
        obj.insert("builtin".into(), i.is_builtin().into());
    }
    v
}

/// The whole library.
pub fn list_icebreakers(store: &Store, format: Format) -> Result<String> {
    let all = store.icebreakers()?;
    Ok(match format {
        Format::Json => {
            let list: Vec<serde_json::Value> = all.iter().map(entry_json).collect();
            format!("{}\n", serde_json::to_string_pretty(&list)?)
        }
        Format::Text => all
            .iter()
            .map(|i| {
                format!(
                    "{:<40} {:<16} {:>3} min  {:<6} {}\n",
                    sanitize(&i.info.title, false),
                    i.info.category.as_str(),
                    i.info.minutes,
                    i.info.depth.as_str(),
                    if i.info.remote_friendly {
                        "online ok"
                    } else {
                        "in person"
                    }
                )
            })
            .collect(),
    })
}
