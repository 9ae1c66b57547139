//! Communities and their leadership history.

use super::read::{date_at, opt_date_at, opt_parsed_at, spelling_at};
use super::{Result, Store, StoreError, Tx, ts, unique_violation};
use crate::domain::{
    ChosenBy, Community, CommunityId, CommunityInfo, LeaderRole, LeadershipTerm, MeetingMode,
    MemberId,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

const SELECT: &str =
    "SELECT c.id, c.name, c.purpose, c.cadence, c.mode, c.place, c.meeting_minutes,
        c.archived_at IS NOT NULL,
        l.member_id, m.name, l.role, l.chosen_by, l.started_on, l.ended_on
    FROM community c
    LEFT JOIN leadership l ON l.id = (SELECT id FROM leadership WHERE community_id = c.id
        AND ended_on IS NULL ORDER BY started_on DESC, id DESC LIMIT 1)
    LEFT JOIN member m ON m.id = l.member_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Community> {
    let leader = match r.get::<_, Option<MemberId>>(8)? {
        Some(member_id) => Some(LeadershipTerm {
            member_id,
            member_name: r.get(9)?,
            role: spelling_at(r, 10, LeaderRole::parse)?,
            chosen_by: spelling_at(r, 11, ChosenBy::parse)?,
            since: date_at(r, 12)?,
            until: opt_date_at(r, 13)?,
        }),
        None => None,
    };
    Ok(Community {
        id: r.get(0)?,
        info: CommunityInfo {
            name: r.get(1)?,
            purpose: r.get(2)?,
            // Stored as '' when the community has no regular cadence.
            cadence: opt_parsed_at(r, 3, "a cadence")?,
            mode: spelling_at(r, 4, MeetingMode::parse)?,
            place: r.get(5)?,
            meeting_minutes: r.get(6)?,
        },
        archived: r.get(7)?,
        leader,
    })
}

fn duplicate_name(name: &str) -> String {
    format!("name: a community called '{name}' already exists")
}

impl Store {
    /// Every community, active ones first, by name.
    pub fn communities(&self, include_archived: bool) -> Result<Vec<Community>> {
        let sql = format!(
            "{SELECT} WHERE ?1 OR c.archived_at IS NULL
             ORDER BY c.archived_at IS NOT NULL, c.name COLLATE NOCASE"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([include_archived], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One community by id.
    pub fn community(&self, id: CommunityId) -> Result<Community> {
        let sql = format!("{SELECT} WHERE c.id = ?1");
        self.conn()
            .query_row(&sql, [id], from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no community with id {id}")))
    }

    /// One community by name (case-insensitive), as typed on the command line. Not found,
    /// the message names the communities there are, so the next try can be right.
    pub fn community_by_name(&self, name: &str) -> Result<Community> {
        let sql = format!("{SELECT} WHERE c.name = ?1 COLLATE NOCASE");
        if let Some(c) = self
            .conn()
            .query_row(&sql, [name.trim()], from_row)
            .optional()?
        {
            return Ok(c);
        }
        const LISTED: usize = 10;
        let names: Vec<String> = self
            .communities(false)?
            .into_iter()
            .map(|c| format!("'{}'", c.info.name))
            .collect();
        let known = match names.len() {
            0 => "there is none yet".to_string(),
            n if n > LISTED => format!(
                "there are {n}: {} and {} more",
                names[..LISTED].join(", "),
                n - LISTED
            ),
            _ => format!("there are {}", names.join(", ")),
        };
        Err(StoreError::NotFound(format!(
            "no community called '{}' ({known})",
            name.trim()
        )))
    }

    /// Every leadership term of a community, newest first.
    pub fn leadership_history(&self, community: CommunityId) -> Result<Vec<LeadershipTerm>> {
        Ok(self
            .leadership(Some(community))?
            .into_iter()
            .map(|(_, t)| t)
            .collect())
    }

    /// Leadership terms with their community, of one community or of all (in one
    /// query), newest first within each community.
    pub fn leadership(
        &self,
        community: Option<CommunityId>,
    ) -> Result<Vec<(CommunityId, LeadershipTerm)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT l.community_id, l.member_id, m.name, l.role, l.chosen_by, l.started_on, l.ended_on
             FROM leadership l JOIN member m ON m.id = l.member_id
             WHERE ?1 IS NULL OR l.community_id = ?1
             ORDER BY l.community_id, l.started_on DESC, l.id DESC",
        )?;
        let rows = stmt.query_map([community], |r| {
            Ok((
                r.get(0)?,
                LeadershipTerm {
                    member_id: r.get(1)?,
                    member_name: r.get(2)?,
                    role: spelling_at(r, 3, LeaderRole::parse)?,
                    chosen_by: spelling_at(r, 4, ChosenBy::parse)?,
                    since: date_at(r, 5)?,
                    until: opt_date_at(r, 6)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Who becomes leader, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewLeader {
    pub member: MemberId,
    pub role: LeaderRole,
    pub chosen_by: ChosenBy,
}

impl Tx<'_> {
    /// Creates a community.
    pub fn insert_community(
        &self,
        info: &CommunityInfo,
        now: DateTime<Utc>,
    ) -> Result<CommunityId> {
        let tx = self.conn();
        tx.execute(
            "INSERT INTO community (name, purpose, cadence, mode, place, meeting_minutes, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                info.name,
                info.purpose,
                info.cadence.map(|c| c.to_string()).unwrap_or_default(),
                info.mode.as_str(),
                info.place,
                info.meeting_minutes,
                ts(now)
            ],
        )
        .map_err(|e| unique_violation(e, || duplicate_name(&info.name)))?;
        Ok(CommunityId::new(tx.last_insert_rowid()))
    }

    /// Replaces a community's plan.
    pub fn update_community(&self, id: CommunityId, info: &CommunityInfo) -> Result<()> {
        let n = self
            .conn()
            .execute(
                "UPDATE community SET name = ?2, purpose = ?3, cadence = ?4, mode = ?5,
                        place = ?6, meeting_minutes = ?7 WHERE id = ?1",
                params![
                    id,
                    info.name,
                    info.purpose,
                    info.cadence.map(|c| c.to_string()).unwrap_or_default(),
                    info.mode.as_str(),
                    info.place,
                    info.meeting_minutes
                ],
            )
            .map_err(|e| unique_violation(e, || duplicate_name(&info.name)))?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("no community with id {id}")));
        }
        Ok(())
    }

    /// Archives (or restores) a community. Its data stays; it leaves the home list.
    pub fn set_community_archived(
        &self,
        id: CommunityId,
        archived: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE community SET archived_at = CASE WHEN ?2 THEN ?3 ELSE NULL END WHERE id = ?1",
            params![id, archived, ts(now)],
        )?;
        Ok(())
    }

    /// Saves a community's plan and its leader: `Some` makes that member the current
    /// leader (a no-op if they already are, in the same way), `None` ends the current term.
    pub fn save_community_with_leader(
        &self,
        id: CommunityId,
        info: &CommunityInfo,
        leader: Option<NewLeader>,
        today: NaiveDate,
    ) -> Result<()> {
        self.update_community(id, info)?;
        match leader {
            Some(l) => self.set_leader(id, l, today),
            None => self.end_term(id, today),
        }
    }

    /// Ends the community's current leadership term on `on`.
    fn end_term(&self, community: CommunityId, on: NaiveDate) -> Result<()> {
        self.conn().execute(
            "UPDATE leadership SET ended_on = ?2 WHERE community_id = ?1 AND ended_on IS NULL",
            params![community, on.to_string()],
        )?;
        Ok(())
    }

    /// Makes a member the current leader or mediator from `since`, closing the previous
    /// term. Does nothing if they already hold that role, chosen that way.
    pub fn set_leader(&self, community: CommunityId, l: NewLeader, since: NaiveDate) -> Result<()> {
        let tx = self.conn();
        let current: Option<(MemberId, String, String)> = tx
            .query_row(
                "SELECT member_id, role, chosen_by FROM leadership WHERE community_id = ?1 AND ended_on IS NULL
                 ORDER BY started_on DESC, id DESC LIMIT 1",
                [community],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if current.as_ref().is_some_and(|(m, r, c)| {
            *m == l.member && r == l.role.as_str() && c == l.chosen_by.as_str()
        }) {
            return Ok(());
        }
        self.end_term(community, since)?;
        let n = tx.execute(
            "INSERT INTO leadership (community_id, member_id, role, chosen_by, started_on)
             SELECT ?1, id, ?3, ?4, ?5 FROM member WHERE id = ?2 AND community_id = ?1",
            params![
                community,
                l.member,
                l.role.as_str(),
                l.chosen_by.as_str(),
                since.to_string()
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!(
                "member {} is not in this community",
                l.member
            )));
        }
        Ok(())
    }
}
