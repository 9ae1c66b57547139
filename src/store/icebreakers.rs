//! The icebreaker library in the store: built-ins seeded from the binary, the leader's
//! own additions, and per-community use.

use super::{Result, Store, StoreError, ts};
use crate::domain::icebreaker::{Category, Depth, Icebreaker, IcebreakerInfo, Library};
use crate::domain::{CommunityId, MeetingId};
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::collections::HashSet;

const LIBRARY_VERSION: &str = "icebreaker_library_version";

impl Store {
    /// Brings the built-in icebreakers up to `lib`'s version: new keys are added and
    /// existing built-ins updated in place (so their history stays attached). The leader's
    /// own icebreakers (no key) are never touched. Does nothing if already current.
    pub fn seed_icebreakers(&mut self, lib: &Library, now: DateTime<Utc>) -> Result<bool> {
        if self.icebreaker_library_version()? >= lib.version {
            return Ok(false);
        }
        self.write(|tx| Self::seed_icebreakers_in(tx, lib, now).map(|()| true))
    }

    /// The version of the built-in library this store holds (0 before the first seeding).
    pub(crate) fn icebreaker_library_version(&self) -> Result<i64> {
        Ok(self
            .setting(LIBRARY_VERSION)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// Adds or updates every built-in icebreaker of `lib` inside an open transaction,
    /// whatever version the store had (for batches such as the demo).
    pub(crate) fn seed_icebreakers_in(
        tx: &rusqlite::Transaction<'_>,
        lib: &Library,
        now: DateTime<Utc>,
    ) -> Result<()> {
        for e in &lib.entries {
            upsert_in(tx, Some(&e.key), &e.info, Some(lib.version), now)?;
        }
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![LIBRARY_VERSION, lib.version.to_string()],
        )?;
        Ok(())
    }

    /// Every icebreaker: the leader's own first, then built-ins, by title.
    pub fn icebreakers(&self) -> Result<Vec<Icebreaker>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, key, title, prompt, category, minutes, min_group, max_group, remote_friendly, depth
             FROM icebreaker ORDER BY key IS NOT NULL, title COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Icebreaker {
                id: r.get(0)?,
                key: r.get(1)?,
                info: IcebreakerInfo {
                    title: r.get(2)?,
                    prompt: r.get(3)?,
                    category: Category::parse(&r.get::<_, String>(4)?)
                        .unwrap_or(Category::GetToKnow),
                    minutes: r.get(5)?,
                    min_group: r.get(6)?,
                    max_group: r.get(7)?,
                    remote_friendly: r.get(8)?,
                    depth: Depth::parse(&r.get::<_, String>(9)?).unwrap_or(Depth::Light),
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds one of the leader's own icebreakers.
    pub fn insert_icebreaker(&mut self, i: &IcebreakerInfo, now: DateTime<Utc>) -> Result<i64> {
        self.write(|tx| upsert_in(tx, None, i, None, now))
    }

    /// Edits one of the leader's own icebreakers; built-ins are refused.
    pub fn update_icebreaker(&mut self, id: i64, i: &IcebreakerInfo) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE icebreaker SET title = ?2, prompt = ?3, category = ?4, minutes = ?5, min_group = ?6,
                        max_group = ?7, remote_friendly = ?8, depth = ?9
                 WHERE id = ?1 AND key IS NULL",
                params![
                    id,
                    i.title,
                    i.prompt,
                    i.category.as_str(),
                    i.minutes,
                    i.min_group,
                    i.max_group,
                    i.remote_friendly,
                    i.depth.as_str()
                ],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound(
                    "only your own icebreakers can be edited (built-ins come with Roundtable)".into(),
                ));
            }
            Ok(())
        })
    }

    /// Icebreakers used in the community's last `window` meetings (by date, any status
    /// but cancelled), optionally counting `also` (the meeting being planned) among them.
    pub fn recently_used_icebreakers(
        &self,
        community: CommunityId,
        window: usize,
        also: Option<MeetingId>,
    ) -> Result<HashSet<i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT u.icebreaker_id FROM icebreaker_use u
             WHERE u.community_id = ?1 AND (u.meeting_id = ?3 OR u.meeting_id IN (
                 SELECT id FROM meeting WHERE community_id = ?1 AND status != 'cancelled'
                 ORDER BY scheduled_at DESC, id DESC LIMIT ?2))",
        )?;
        let rows = stmt.query_map(params![community, window as i64, also], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Inserts an icebreaker: a built-in (with its `key`, updated in place if already there)
/// or, without a key, one of the leader's own. Returns its id.
fn upsert_in(
    tx: &rusqlite::Transaction<'_>,
    key: Option<&str>,
    i: &IcebreakerInfo,
    library_version: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = tx.query_row(
        "INSERT INTO icebreaker (key, title, prompt, category, minutes, min_group, max_group,
                                 remote_friendly, depth, library_version, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (key) DO UPDATE SET title = excluded.title, prompt = excluded.prompt,
            category = excluded.category, minutes = excluded.minutes, min_group = excluded.min_group,
            max_group = excluded.max_group, remote_friendly = excluded.remote_friendly,
            depth = excluded.depth, library_version = excluded.library_version
         RETURNING id",
        params![
            key,
            i.title,
            i.prompt,
            i.category.as_str(),
            i.minutes,
            i.min_group,
            i.max_group,
            i.remote_friendly,
            i.depth.as_str(),
            library_version,
            ts(now)
        ],
        |r| r.get(0),
    )?;
    Ok(id)
}
