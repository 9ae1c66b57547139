//! Action items between and across meetings: the community's list, a cycle's actions,
//! editing one, and following one up (a verdict, what happened, what was learned).
//! Actions taken as notes during a meeting are created by `Tx::add_note`.

use super::read::{opt_date_at, opt_ts_at, spelling_at, ts_at};
use super::{Result, Store, StoreError, Tx, ts};
use crate::domain::action::{OwnerFilter, StatusFilter};
use crate::domain::note::ActionStatus;
use crate::domain::{
    Action, ActionId, ActionInfo, ActionUpdate, ActionVerdict, CommunityId, CycleId, MeetingId,
    MemberId, NoteId,
};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

/// The action columns `action_row` reads, then its latest update's.
const ACTION_SELECT: &str = "SELECT a.id, a.community_id, a.meeting_id, a.cycle_id, a.title, a.owner_member_id, a.due_on,
        a.goal_id, a.status, a.created_at, a.done_at,
        u.verdict, u.meeting_id, u.note, u.learned, u.in_reflection, u.created_at
     FROM action_item a
     LEFT JOIN action_update u ON u.id = (SELECT max(id) FROM action_update WHERE action_id = a.id)";

fn action_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Action> {
    let last_update = match r.get_ref(11)? {
        rusqlite::types::ValueRef::Null => None,
        _ => Some(update_at(r, 11)?),
    };
    Ok(Action {
        id: r.get(0)?,
        community_id: r.get(1)?,
        meeting: r.get(2)?,
        cycle: r.get(3)?,
        info: ActionInfo {
            title: r.get(4)?,
            owner: r.get(5)?,
            due: opt_date_at(r, 6)?,
            goal: r.get(7)?,
        },
        status: spelling_at(r, 8, ActionStatus::parse)?,
        created_at: ts_at(r, 9)?,
        done_at: opt_ts_at(r, 10)?,
        last_update,
    })
}

/// A follow-up from six columns starting at `i`: verdict, meeting_id, note, learned,
/// in_reflection, created_at (every read of `action_update` selects them in this order).
fn update_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<ActionUpdate> {
    Ok(ActionUpdate {
        verdict: spelling_at(r, i, ActionVerdict::parse)?,
        meeting: r.get(i + 1)?,
        note: r.get(i + 2)?,
        learned: r.get(i + 3)?,
        in_reflection: r.get(i + 4)?,
        at: ts_at(r, i + 5)?,
    })
}

fn action_in(conn: &Connection, id: ActionId) -> Result<Action> {
    conn.query_row(
        &format!("{ACTION_SELECT} WHERE a.id = ?1"),
        [id],
        action_row,
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("no action item with id {id}")))
}

impl Store {
    /// The actions `sql` (an [`ACTION_SELECT`] with its filter) reads.
    fn read_actions(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Action>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params, action_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every action of a community, in creation order (the screens sort them).
    pub fn actions(&self, community: CommunityId) -> Result<Vec<Action>> {
        self.read_actions(
            &format!("{ACTION_SELECT} WHERE a.community_id = ?1 ORDER BY a.id"),
            [community],
        )
    }

    /// A community's open actions, in creation order.
    pub fn open_actions(&self, community: CommunityId) -> Result<Vec<Action>> {
        self.read_actions(
            &format!(
                "{ACTION_SELECT} WHERE a.community_id = ?1 AND a.status = 'open' ORDER BY a.id"
            ),
            [community],
        )
    }

    /// One action.
    pub fn action(&self, id: ActionId) -> Result<Action> {
        action_in(self.conn(), id)
    }

    /// The note an action was taken as in its meeting (`None`: it was added otherwise,
    /// or its note is gone).
    pub fn action_note(&self, id: ActionId) -> Result<Option<NoteId>> {
        self.conn()
            .query_row("SELECT note_id FROM action_item WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no action item with id {id}")))
    }

    /// A follow-up (`action_update` row `id`) as the meeting view knows it: its action
    /// and when it was given (a search hit on a follow-up opens the view there).
    pub fn follow_up_key(&self, id: i64) -> Result<(ActionId, DateTime<Utc>)> {
        self.conn()
            .query_row(
                "SELECT action_id, created_at FROM action_update WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, ts_at(r, 1)?)),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no follow-up with id {id}")))
    }

    /// The actions of a cycle, in creation order.
    pub fn cycle_actions(&self, cycle: CycleId) -> Result<Vec<Action>> {
        self.read_actions(
            &format!("{ACTION_SELECT} WHERE a.cycle_id = ?1 ORDER BY a.id"),
            [cycle],
        )
    }

    /// An action's follow-ups, oldest first.
    pub fn action_updates(&self, action: ActionId) -> Result<Vec<ActionUpdate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT verdict, meeting_id, note, learned, in_reflection, created_at
             FROM action_update WHERE action_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([action], |r| update_at(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The name of everyone who owns one of a community's actions, guests included
    /// (an action taken in a meeting may be a guest's).
    pub fn action_owners(&self, community: CommunityId) -> Result<Vec<(MemberId, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT m.id, m.name FROM action_item a JOIN member m ON m.id = a.owner_member_id
             WHERE a.community_id = ?1 ORDER BY m.id",
        )?;
        let rows = stmt.query_map([community], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The follow-ups given in a meeting, in the order given, with their action's title
    /// and owner (the minutes list them).
    pub fn meeting_action_updates(
        &self,
        meeting: MeetingId,
    ) -> Result<Vec<(Action, ActionUpdate)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT action_id, verdict, meeting_id, note, learned, in_reflection, created_at
             FROM action_update WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([meeting], |r| {
                Ok((r.get::<_, ActionId>(0)?, update_at(r, 1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(id, u)| Ok((action_in(self.conn(), id)?, u)))
            .collect()
    }
}

/// What a page of a community's actions is read for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionsQuery {
    pub community: CommunityId,
    pub shown: StatusFilter,
    pub owner: OwnerFilter,
    /// The day "overdue" is judged on.
    pub today: NaiveDate,
}

/// The stretches of the Actions screen's order ([`crate::domain::action::sort_for_review`]),
/// each read in order from an index: overdue (oldest due first), open by due date, open
/// undated, closed by when done (newest first), closed without a date (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stretch {
    Overdue,
    Dated,
    Undated,
    Closed,
    ClosedUndated,
}

impl Stretch {
    const ALL: [Stretch; 5] = [
        Stretch::Overdue,
        Stretch::Dated,
        Stretch::Undated,
        Stretch::Closed,
        Stretch::ClosedUndated,
    ];

    /// The stretch `a` is in on `today`.
    fn of(a: &Action, today: NaiveDate) -> Stretch {
        match (a.status, a.info.due, a.done_at) {
            (ActionStatus::Open, Some(d), _) if d < today => Stretch::Overdue,
            (ActionStatus::Open, Some(_), _) => Stretch::Dated,
            (ActionStatus::Open, None, _) => Stretch::Undated,
            (_, _, Some(_)) => Stretch::Closed,
            (_, _, None) => Stretch::ClosedUndated,
        }
    }

    /// Whether the stretch holds actions `shown` lets through.
    fn serves(self, shown: StatusFilter) -> bool {
        let open = matches!(self, Stretch::Overdue | Stretch::Dated | Stretch::Undated);
        match shown {
            StatusFilter::All => true,
            StatusFilter::Open => open,
            StatusFilter::Overdue => self == Stretch::Overdue,
            StatusFilter::Done | StatusFilter::Dropped => !open,
        }
    }

    /// The stretch's condition, its order, and the condition of the rows after a cursor
    /// row, its parameters in [`Stretch::after_params`]. The closed stretches are read
    /// from the partial index `action_item_closed` (migration 0011), the open ones from
    /// `action_item_community`.
    fn sql(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Stretch::Overdue => (
                "a.status = 'open' AND a.due_on < ?",
                "a.due_on, a.id",
                "(a.due_on, a.id) > (?, ?)",
            ),
            Stretch::Dated => (
                "a.status = 'open' AND a.due_on >= ?",
                "a.due_on, a.id",
                "(a.due_on, a.id) > (?, ?)",
            ),
            Stretch::Undated => ("a.status = 'open' AND a.due_on IS NULL", "a.id", "a.id > ?"),
            Stretch::Closed => (
                "a.status <> 'open' AND a.done_at IS NOT NULL",
                "a.done_at DESC, a.id DESC",
                "(a.done_at, a.id) < (?, ?)",
            ),
            Stretch::ClosedUndated => (
                "a.status <> 'open' AND a.done_at IS NULL",
                "a.id DESC",
                "a.id < ?",
            ),
        }
    }

    /// The parameters of the stretch's own condition.
    fn params(self, today: NaiveDate) -> Vec<Value> {
        match self {
            Stretch::Overdue | Stretch::Dated => vec![Value::Text(today.to_string())],
            _ => Vec::new(),
        }
    }

    /// The parameters of the "after" condition for the cursor row `a`.
    fn after_params(self, a: &Action) -> Vec<Value> {
        let id = Value::Integer(a.id.get());
        match self {
            Stretch::Overdue | Stretch::Dated => vec![
                Value::Text(a.info.due.map(|d| d.to_string()).unwrap_or_default()),
                id,
            ],
            Stretch::Closed => vec![Value::Text(a.done_at.map(ts).unwrap_or_default()), id],
            Stretch::Undated | Stretch::ClosedUndated => vec![id],
        }
    }
}

impl Store {
    /// A page of a community's actions in the Actions screen's order (overdue first, see
    /// [`crate::domain::action::sort_for_review`]): at most `limit` of those `q` selects and
    /// `keep` lets through, after the row `after` (the last one read; `None`: from the
    /// top). Each stretch of the order is read from an index in that order and only as
    /// far as the page needs, so a page costs the same whatever the history, unless
    /// `keep` turns most rows away.
    pub fn actions_page(
        &self,
        q: &ActionsQuery,
        after: Option<&Action>,
        keep: &mut dyn FnMut(&Action) -> bool,
        limit: usize,
    ) -> Result<Vec<Action>> {
        let mut out = Vec::new();
        let start = after.map(|a| Stretch::of(a, q.today));
        for stretch in Stretch::ALL {
            if out.len() >= limit {
                break;
            }
            if !stretch.serves(q.shown) || start.is_some_and(|s| stretch < s) {
                continue;
            }
            let (cond, order, after_cond) = stretch.sql();
            let mut sql = format!("{ACTION_SELECT} WHERE a.community_id = ? AND {cond}");
            let mut params = vec![Value::Integer(q.community.get())];
            params.extend(stretch.params(q.today));
            match q.shown {
                // `+` keeps the status off the index: the stretch's order comes from it.
                StatusFilter::Done => sql.push_str(" AND +a.status = 'done'"),
                StatusFilter::Dropped => sql.push_str(" AND +a.status = 'dropped'"),
                _ => {}
            }
            match q.owner {
                OwnerFilter::Anyone => {}
                OwnerFilter::Nobody => sql.push_str(" AND a.owner_member_id IS NULL"),
                OwnerFilter::Member(m) => {
                    sql.push_str(" AND a.owner_member_id = ?");
                    params.push(Value::Integer(m.get()));
                }
            }
            if let Some(a) = after.filter(|_| start == Some(stretch)) {
                sql.push_str(&format!(" AND {after_cond}"));
                params.extend(stretch.after_params(a));
            }
            sql.push_str(&format!(" ORDER BY {order}"));
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let mut rows = stmt.query_map(rusqlite::params_from_iter(params), action_row)?;
            while out.len() < limit {
                let Some(a) = rows.next().transpose()? else {
                    break;
                };
                if keep(&a) {
                    out.push(a);
                }
            }
        }
        Ok(out)
    }

    /// The follow-ups of the actions `ids`, by action, oldest first (the Actions screen
    /// reads them for the rows it has read).
    pub fn updates_of_actions(&self, ids: &[ActionId]) -> Result<Vec<(ActionId, ActionUpdate)>> {
        let ids = json_ids(ids.iter().map(|i| i.get()));
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.action_id, u.verdict, u.meeting_id, u.note, u.learned, u.in_reflection, u.created_at
             FROM json_each(?1) j JOIN action_update u ON u.action_id = j.value
             ORDER BY u.action_id, u.id",
        )?;
        let rows = stmt.query_map([ids], |r| Ok((r.get::<_, ActionId>(0)?, update_at(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The names of the members `ids` (guests included).
    pub fn names_of_members(&self, ids: &[MemberId]) -> Result<Vec<(MemberId, String)>> {
        pairs_of(
            self.conn(),
            "SELECT m.id, m.name FROM json_each(?1) j JOIN member m ON m.id = j.value ORDER BY m.id",
            ids.iter().map(|i| i.get()),
        )
    }

    /// Whether the community has any action (one index probe).
    pub fn has_actions(&self, community: CommunityId) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM action_item WHERE community_id = ?1)",
            [community],
            |r| r.get(0),
        )?)
    }

    /// Whether `member` owns one of the community's actions (through the owner index:
    /// `+` keeps the planner off the community's, which would walk every action).
    pub fn owns_actions(&self, community: CommunityId, member: MemberId) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM action_item WHERE owner_member_id = ?2 AND +community_id = ?1)",
            params![community, member],
            |r| r.get(0),
        )?)
    }

    /// Whether one of the community's actions has no owner.
    pub fn has_unowned_actions(&self, community: CommunityId) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM action_item WHERE community_id = ?1 AND owner_member_id IS NULL)",
            [community],
            |r| r.get(0),
        )?)
    }
}

impl Tx<'_> {
    /// Creates an action outside a note (from the Actions screen, or committed in an
    /// application item: `meeting`). It joins the meeting's cycle, else the community's
    /// open cycle. The owner and goal must be the community's.
    pub fn insert_action(
        &self,
        community: CommunityId,
        info: &ActionInfo,
        meeting: Option<MeetingId>,
        now: DateTime<Utc>,
    ) -> Result<ActionId> {
        let info = info.clone().check()?;
        let conn = self.conn();
        check_belongs(conn, community, &info)?;
        let cycle: Option<CycleId> = match meeting {
            Some(m) => conn
                .query_row("SELECT cycle_id FROM meeting WHERE id = ?1", [m], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten(),
            None => None,
        };
        let cycle = match cycle {
            Some(c) => Some(c),
            None => conn
                .query_row(
                    "SELECT id FROM cycle WHERE community_id = ?1 AND phase <> 'closed'",
                    [community],
                    |r| r.get(0),
                )
                .optional()?,
        };
        conn.execute(
            "INSERT INTO action_item (community_id, meeting_id, cycle_id, owner_member_id, title, due_on, goal_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                community,
                meeting,
                cycle,
                info.owner,
                info.title,
                info.due.map(|d| d.to_string()),
                info.goal,
                ts(now)
            ],
        )?;
        Ok(ActionId::new(conn.last_insert_rowid()))
    }

    /// Changes an action's title, owner, due date and goal.
    pub fn update_action(&self, id: ActionId, info: &ActionInfo, now: DateTime<Utc>) -> Result<()> {
        let info = info.clone().check()?;
        let conn = self.conn();
        let a = action_in(conn, id)?;
        check_belongs(conn, a.community_id, &info)?;
        conn.execute(
            "UPDATE action_item SET title = ?2, owner_member_id = ?3, due_on = ?4, goal_id = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                id,
                info.title,
                info.owner,
                info.due.map(|d| d.to_string()),
                info.goal,
                ts(now)
            ],
        )?;
        Ok(())
    }

    /// Follows an action up: records the verdict with what happened (and, in a
    /// reflection, what was learned), and sets its status (done and dropped close it,
    /// partly and not done leave it open; a closed action followed up as partly or not
    /// done opens again).
    #[allow(clippy::too_many_arguments)]
    pub fn follow_up_action(
        &self,
        action: ActionId,
        verdict: ActionVerdict,
        note: &str,
        learned: &str,
        meeting: Option<MeetingId>,
        in_reflection: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut errs = crate::domain::ValidationErrors::default();
        let long = crate::domain::validate::LONG_MAX;
        let note = crate::domain::validate::text(&mut errs, "note", note, long);
        let learned = crate::domain::validate::text(&mut errs, "learned", learned, long);
        let (note, learned) = errs.into_result((note, learned))?;
        let conn = self.conn();
        action_in(conn, action)?;
        conn.execute(
            "INSERT INTO action_update (action_id, meeting_id, verdict, note, learned, in_reflection, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![action, meeting, verdict.as_str(), note, learned, in_reflection, ts(now)],
        )?;
        conn.execute(
            "UPDATE action_item SET status = ?2, done_at = CASE WHEN ?2 = 'done' THEN ?3 END, updated_at = ?3
             WHERE id = ?1",
            params![action, verdict.status().as_str(), ts(now)],
        )?;
        Ok(())
    }

    /// Deletes an action (and its follow-ups). An action made by a meeting note goes
    /// with its note: it is refused here.
    pub fn delete_action(&self, id: ActionId) -> Result<()> {
        let conn = self.conn();
        let note: Option<i64> = conn
            .query_row("SELECT note_id FROM action_item WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("no action item with id {id}")))?;
        if note.is_some() {
            return Err(StoreError::Refused(
                "this action was taken as a meeting note; mark it dropped instead".into(),
            ));
        }
        conn.execute("DELETE FROM action_item WHERE id = ?1", [id])?;
        Ok(())
    }
}

/// Rewrites every action's `done_at` in the stored form of an instant ([`ts`]: UTC,
/// milliseconds, `Z`). The Actions screen pages its closed actions by the stored text
/// (`action_item_closed`), so text order must be time order and a cursor written with
/// [`ts`] must equal its row's text; `import json` accepts any RFC 3339 time. Migration
/// 0011 runs the same statement over the rows stored before it.
pub(super) const CANONICAL_DONE_AT: &str = "
UPDATE action_item SET done_at = strftime('%Y-%m-%dT%H:%M:%fZ', done_at)
WHERE done_at IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', done_at)
  AND strftime('%Y-%m-%dT%H:%M:%fZ', done_at) IS NOT NULL";

/// Ids as a JSON array, for `json_each` (one statement whatever the number of ids).
pub(crate) fn json_ids(ids: impl Iterator<Item = i64>) -> String {
    let ids: Vec<String> = ids.map(|i| i.to_string()).collect();
    format!("[{}]", ids.join(","))
}

/// The `(id, value)` pairs `sql` reads for the rows `ids` (bound as a JSON list to `?1`,
/// for `json_each`), collected as the caller keeps them (a map, a list): each row read by
/// its key, whatever the history.
pub(crate) fn pairs_of<K, V, C>(
    conn: &Connection,
    sql: &str,
    ids: impl Iterator<Item = i64>,
) -> Result<C>
where
    K: rusqlite::types::FromSql,
    V: rusqlite::types::FromSql,
    C: FromIterator<(K, V)>,
{
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([json_ids(ids)], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The owner and goal must be the community's.
fn check_belongs(conn: &Connection, community: CommunityId, info: &ActionInfo) -> Result<()> {
    if let Some(m) = info.owner {
        let c: Option<CommunityId> = conn
            .query_row("SELECT community_id FROM member WHERE id = ?1", [m], |r| {
                r.get(0)
            })
            .optional()?;
        if c != Some(community) {
            return Err(StoreError::NotFound(format!(
                "no member with id {m} in this community"
            )));
        }
    }
    if let Some(g) = info.goal {
        let c: Option<CommunityId> = conn
            .query_row("SELECT community_id FROM goal WHERE id = ?1", [g], |r| {
                r.get(0)
            })
            .optional()?;
        if c != Some(community) {
            return Err(StoreError::NotFound(format!(
                "no goal with id {g} in this community"
            )));
        }
    }
    Ok(())
}
