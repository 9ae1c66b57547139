//! The icebreaker library in the store: built-ins seeded from the binary, the leader's
//! own additions, and per-community use.

use super::read::spelling_at;
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::icebreaker::{Category, Depth, Icebreaker, IcebreakerInfo, Library};
use crate::domain::{CommunityId, IcebreakerId, MeetingId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{HashMap, HashSet};

const LIBRARY_VERSION: &str = "icebreaker_library_version";

/// The version of the built-in library a database holds (0 before the first seeding).
fn library_version(conn: &Connection) -> Result<i64> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            [LIBRARY_VERSION],
            |r| r.get(0),
        )
        .optional()?;
    // Absent before the first seeding. An unreadable version also reads as 0: seeding
    // again is harmless (built-ins are updated in place) and writes a good one.
    Ok(stored.and_then(|v| v.parse().ok()).unwrap_or(0))
}

impl Store {
    /// The version of the built-in library this store holds (0 before the first seeding).
    pub(crate) fn icebreaker_library_version(&self) -> Result<i64> {
        library_version(self.conn())
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
                    category: spelling_at(r, 4, Category::parse)?,
                    minutes: r.get(5)?,
                    min_group: r.get(6)?,
                    max_group: r.get(7)?,
                    remote_friendly: r.get(8)?,
                    depth: spelling_at(r, 9, Depth::parse)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Icebreakers used in the community's last `window` meetings (by date, any status
    /// but cancelled), optionally counting `also` (the meeting being planned) among them.
    pub fn recently_used_icebreakers(
        &self,
        community: CommunityId,
        window: usize,
        also: Option<MeetingId>,
    ) -> Result<HashSet<IcebreakerId>> {
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

impl Tx<'_> {
    /// Brings the built-in icebreakers up to `lib`'s version: new keys are added and
    /// existing built-ins updated in place (so their history stays attached). The leader's
    /// own icebreakers (no key) are never touched. Does nothing (and returns `false`) if
    /// the database already holds that version.
    pub fn seed_icebreakers(&self, lib: &Library, now: DateTime<Utc>) -> Result<bool> {
        if library_version(self.conn())? >= lib.version {
            return Ok(false);
        }
        for e in &lib.entries {
            self.upsert_icebreaker(Some(&e.key), &e.info, Some(lib.version), now)?;
        }
        self.set_setting(LIBRARY_VERSION, &lib.version.to_string())?;
        Ok(true)
    }

    /// Seeds the library built into this binary (see [`Self::seed_icebreakers`]).
    pub fn seed_library(&self, now: DateTime<Utc>) -> Result<bool> {
        let lib = crate::domain::icebreaker::library().map_err(|e| {
            StoreError::Corrupt(format!(
                "the built-in icebreaker library cannot be read: {e}"
            ))
        })?;
        self.seed_icebreakers(&lib, now)
    }

    /// Each built-in icebreaker's id, by key (for a batch that plans with them, after
    /// [`Self::seed_library`]).
    pub fn builtin_icebreakers(&self) -> Result<HashMap<String, IcebreakerId>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT key, id FROM icebreaker WHERE key IS NOT NULL")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds one of the leader's own icebreakers.
    pub fn insert_icebreaker(
        &self,
        i: &IcebreakerInfo,
        now: DateTime<Utc>,
    ) -> Result<IcebreakerId> {
        self.upsert_icebreaker(None, i, None, now)
    }

    /// Edits one of the leader's own icebreakers; built-ins are refused.
    pub fn update_icebreaker(&self, id: IcebreakerId, i: &IcebreakerInfo) -> Result<()> {
        let n = self.conn().execute(
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
    }

    /// Inserts an icebreaker: a built-in (with its `key`, updated in place if already
    /// there) or, without a key, one of the leader's own. Returns its id.
    fn upsert_icebreaker(
        &self,
        key: Option<&str>,
        i: &IcebreakerInfo,
        library_version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<IcebreakerId> {
        let id = self.conn().query_row(
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
}
