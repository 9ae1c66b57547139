//! The roster.

use super::read::opt_date_at;
use super::{Result, Store, StoreError, Tx, ts, unique_violation};
use crate::domain::{CommunityId, Member, MemberId, Profile};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

/// A member from the first 13 columns of a row, in `SELECT id, community_id, name, role, brings,
/// hopes, learning_style, strengths, growth_areas, joined_on, left_on, active, is_new` order.
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        id: r.get(0)?,
        community_id: r.get(1)?,
        profile: Profile {
            name: r.get(2)?,
            role: r.get(3)?,
            brings: r.get(4)?,
            hopes: r.get(5)?,
            learning_style: r.get(6)?,
            strengths: r.get(7)?,
            growth_areas: r.get(8)?,
            joined: opt_date_at(r, 9)?,
        },
        left: opt_date_at(r, 10)?,
        active: r.get(11)?,
        is_new: r.get(12)?,
    })
}

fn duplicate_name(name: &str) -> String {
    format!("name: '{name}' is already on this roster")
}

impl Store {
    /// The roster of a community: active members first, then by name.
    pub fn members(&self, community: CommunityId) -> Result<Vec<Member>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, community_id, name, role, brings, hopes, learning_style, strengths,
                    growth_areas, joined_on, left_on, active, is_new
             FROM member WHERE community_id = ?1 AND is_guest = 0
             ORDER BY active DESC, name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([community], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Tx<'_> {
    /// Adds a member to a community's roster.
    pub fn insert_member(
        &self,
        community: CommunityId,
        p: &Profile,
        now: DateTime<Utc>,
    ) -> Result<MemberId> {
        self.insert_person(community, p, false, now)
    }

    /// Inserts a member (or, with `guest`, a meeting's guest: not on the roster, and free
    /// to share a roster member's name).
    pub(super) fn insert_person(
        &self,
        community: CommunityId,
        p: &Profile,
        guest: bool,
        now: DateTime<Utc>,
    ) -> Result<MemberId> {
        let tx = self.conn();
        tx.execute(
            "INSERT INTO member (community_id, name, role, brings, hopes, learning_style, strengths,
                                 growth_areas, joined_on, created_at, is_guest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                community,
                p.name,
                p.role,
                p.brings,
                p.hopes,
                p.learning_style,
                p.strengths,
                p.growth_areas,
                p.joined.map(|d| d.to_string()),
                ts(now),
                guest
            ],
        )
        .map_err(|e| unique_violation(e, || duplicate_name(&p.name)))?;
        Ok(MemberId::new(tx.last_insert_rowid()))
    }

    /// Replaces a member's profile.
    pub fn update_member(&self, id: MemberId, p: &Profile) -> Result<()> {
        let n = self
            .conn()
            .execute(
                "UPDATE member SET name = ?2, role = ?3, brings = ?4, hopes = ?5, learning_style = ?6,
                        strengths = ?7, growth_areas = ?8, joined_on = ?9 WHERE id = ?1",
                params![
                    id,
                    p.name,
                    p.role,
                    p.brings,
                    p.hopes,
                    p.learning_style,
                    p.strengths,
                    p.growth_areas,
                    p.joined.map(|d| d.to_string())
                ],
            )
            .map_err(|e| unique_violation(e, || duplicate_name(&p.name)))?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no member with id {id}")));
        }
        Ok(())
    }

    /// Deactivates a member (recording when they left) or brings them back.
    pub fn set_member_active(&self, id: MemberId, active: bool, today: NaiveDate) -> Result<()> {
        self.conn().execute(
            "UPDATE member SET active = ?2, left_on = CASE WHEN ?2 THEN NULL ELSE ?3 END WHERE id = ?1",
            params![id, active, today.to_string()],
        )?;
        Ok(())
    }
}
