//! The store as a replica of the school's cloud: what sync reads (pending changes, the pull
//! cursor) and applies (push results, pulled rows rebased under pending local changes,
//! conflicts), each application one transaction.

use std::collections::HashMap;

use daftar_domain::{Hlc, TableSpec};
use daftar_protocol::{
    Choice, ConflictRecord, Outcome, PushResponse, Resolution, Row, Side, canonical_value,
    conflict_id,
};
use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde::Serialize;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::write::{Mode, OutboxEntry, search_columns, search_key_of};
use crate::{Store, meta};

pub(crate) const CURSOR: &str = "sync.cursor";
pub(crate) const SCOPE: &str = "sync.scope";

/// What applying one push's results did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PushApplied {
    pub applied: usize,
    pub merged: usize,
    pub conflicts: usize,
    pub rejected: usize,
}

/// A conflict as this device shows it for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocalConflict {
    pub id: Uuid,
    pub table: String,
    pub row_id: Uuid,
    pub column: String,
    pub mine: Json,
    pub mine_by: String,
    pub mine_hlc: String,
    pub theirs: Json,
    pub theirs_by: String,
    pub theirs_hlc: String,
    pub winner: Side,
    pub at: String,
    /// open, settling (settled here, the cloud not told yet) or settled.
    pub state: String,
    pub resolution: Option<Choice>,
    pub resolved_by: Option<String>,
}

/// A local change the cloud refused, kept with its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rejected {
    pub entry: OutboxEntry,
    pub code: String,
    pub reason: String,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn spec_of(table: &str) -> Result<&'static TableSpec> {
    daftar_domain::table(table).ok_or_else(|| corrupt(format!("no table {table:?}")))
}

impl Store {
    /// Where the next pull starts, or `None` before the first full download.
    pub fn sync_cursor(&self) -> Result<Option<i64>> {
        meta(self.conn(), CURSOR)?
            .map(|c| c.parse().map_err(corrupt))
            .transpose()
    }

    /// The scope fingerprint of the last pull.
    pub fn sync_scope(&self) -> Result<Option<String>> {
        meta(self.conn(), SCOPE)
    }

    /// Forget the cursor, so the next sync downloads everything again (the rows this device
    /// may see changed). Pending local changes are kept and rebased as usual.
    pub fn reset_sync_cursor(&mut self) -> Result<()> {
        self.conn()
            .execute("DELETE FROM meta WHERE key IN (?1, ?2)", [CURSOR, SCOPE])?;
        Ok(())
    }

    /// Local changes waiting to be pushed, oldest first.
    pub fn pending(&self, limit: usize) -> Result<Vec<OutboxEntry>> {
        self.outbox_where("state = 'pending'", limit)
    }

    pub fn pending_count(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM outbox WHERE state = 'pending'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Changes the cloud refused, with the reason, oldest first.
    pub fn rejected(&self) -> Result<Vec<Rejected>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, mutation_id, table_name, row_id, base_version, changes, hlc, user_id, device_id, created_at, state,
                    reject_code, reject_reason
             FROM outbox WHERE state = 'rejected' ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            let entry = crate::read::outbox_entry(r)?;
            let code: Option<String> = r.get(11)?;
            let reason: Option<String> = r.get(12)?;
            Ok(entry.map(|entry| Rejected {
                entry,
                code: code.unwrap_or_default(),
                reason: reason.unwrap_or_default(),
            }))
        })?;
        rows.map(|r| r?).collect()
    }

    pub fn rejected_count(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM outbox WHERE state = 'rejected'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Conflicts waiting for a person.
    pub fn open_conflict_count(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT COUNT(*) FROM conflicts WHERE state = 'open'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Put refused changes back in the queue (after a person fixed their cause, say their
    /// classes). Gives how many.
    pub fn retry_rejected(&mut self) -> Result<usize> {
        Ok(self.conn().execute(
            "UPDATE outbox SET state = 'pending', reject_code = NULL, reject_reason = NULL WHERE state = 'rejected'",
            [],
        )?)
    }

    /// Applies a push's per-mutation results, all in one transaction: applied changes leave
    /// the outbox; merged and conflicting ones leave it too and bring the server's row (rebased
    /// under any later pending change) and the conflicts; refused ones stay, marked with their
    /// reason. Results for mutations no longer pending (a repeated answer) are ignored.
    ///
    /// When this device had pulled up to the very change the push started from, the changes
    /// the push made are all here now, so the cursor moves past them instead of pulling them
    /// back: unless a conflict was recorded, whose place in the change sequence only a pull
    /// brings.
    pub fn apply_push(&mut self, response: &PushResponse) -> Result<PushApplied> {
        let now_ms = self.clock.now_millis();
        let now = crate::write::now_text();
        let mut hlc = self.hlc;
        let cursor = self.sync_cursor()?;
        let tx = self.conn.transaction()?;
        let mut done = PushApplied::default();
        let mut all_here = cursor.is_some() && cursor == response.from;
        for result in &response.results {
            let entry: Option<(i64, String, String, String, String, String, String)> = tx
                .prepare_cached(
                    "SELECT seq, table_name, row_id, changes, hlc, user_id, device_id
                     FROM outbox WHERE mutation_id = ?1 AND state = 'pending'",
                )?
                .query_row([result.mutation_id.to_string()], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                })
                .optional()?;
            let Some((seq, table, row_id, changes, mutation_hlc, user, device)) = entry else {
                all_here &= matches!(result.outcome, Outcome::Rejected { .. });
                continue;
            };
            let spec = spec_of(&table)?;
            match &result.outcome {
                Outcome::Rejected { code, reason } => {
                    tx.prepare_cached(
                        "UPDATE outbox SET state = 'rejected', reject_code = ?2, reject_reason = ?3 WHERE seq = ?1",
                    )?
                    .execute((seq, code, reason))?;
                    done.rejected += 1;
                }
                Outcome::Applied { version } => {
                    delete_entry(&tx, seq)?;
                    mark_applied(&tx, spec, &row_id, *version, &changes)?;
                    done.applied += 1;
                }
                Outcome::Merged { row, .. } => {
                    delete_entry(&tx, seq)?;
                    apply_row(&tx, row, true, true, &mut hlc, now_ms)?;
                    done.merged += 1;
                }
                Outcome::Conflict { row, conflicts, .. } => {
                    all_here = false;
                    delete_entry(&tx, seq)?;
                    apply_row(&tx, row, true, true, &mut hlc, now_ms)?;
                    for found in conflicts {
                        let record = ConflictRecord {
                            id: conflict_id(result.mutation_id, &found.column),
                            table: table.clone(),
                            row_id: row.id,
                            column: found.column.clone(),
                            mine: found.mine.clone(),
                            mine_by: format!("{user}/{device}"),
                            mine_hlc: mutation_hlc.clone(),
                            theirs: found.theirs.clone(),
                            theirs_by: found.theirs_by.clone(),
                            theirs_hlc: found.theirs_hlc.clone(),
                            winner: found.winner,
                            at: now.clone(),
                            version: 0,
                            resolution: None,
                            resolved_by: None,
                        };
                        save_conflict(&tx, &record)?;
                    }
                    done.conflicts += 1;
                }
            }
        }
        if all_here {
            set_meta(&tx, CURSOR, &response.head.to_string())?;
        }
        save_hlc(&tx, hlc)?;
        tx.commit()?;
        self.hlc = hlc;
        Ok(done)
    }

    /// Applies pulled (or downloaded) rows and conflicts in one transaction, and, when
    /// given, moves the cursor with them, so a crash leaves either the whole page or none.
    /// A row with pending local changes becomes the server's row with those changes on top.
    pub fn apply_pulled(
        &mut self,
        rows: &[Row],
        conflicts: &[ConflictRecord],
        cursor: Option<(i64, &str)>,
    ) -> Result<usize> {
        let now_ms = self.clock.now_millis();
        let mut hlc = self.hlc;
        let tx = self.conn.transaction()?;
        let mut written = 0;
        let any_pending: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'pending')",
            [],
            |r| r.get(0),
        )?;
        for row in rows {
            if apply_row(&tx, row, false, any_pending, &mut hlc, now_ms)? {
                written += 1;
            }
        }
        for conflict in conflicts {
            save_conflict(&tx, conflict)?;
        }
        if let Some((cursor, scope)) = cursor {
            set_meta(&tx, CURSOR, &cursor.to_string())?;
            set_meta(&tx, SCOPE, scope)?;
        }
        save_hlc(&tx, hlc)?;
        tx.commit()?;
        self.hlc = hlc;
        Ok(written)
    }

    /// A row with its sync columns, as the wire carries it (to compare replicas).
    pub fn replica_row(&self, table: &str, id: Uuid) -> Result<Option<Row>> {
        let spec = spec_of(table)?;
        let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        let n = names.len();
        let sql = format!(
            "SELECT {}, version, col_versions, hlc, updated_by, deleted FROM {} WHERE id = ?1",
            names.join(", "),
            spec.name
        );
        let found = self
            .conn()
            .query_row(&sql, [id.to_string()], |r| {
                let values = (0..n)
                    .map(|i| r.get::<_, Sql>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((
                    values,
                    r.get::<_, i64>(n)?,
                    r.get::<_, String>(n + 1)?,
                    r.get::<_, String>(n + 2)?,
                    r.get::<_, String>(n + 3)?,
                    r.get::<_, i64>(n + 4)? != 0,
                ))
            })
            .optional()?;
        let Some((values, version, col_versions, hlc, updated_by, deleted)) = found else {
            return Ok(None);
        };
        Ok(Some(Row {
            table: spec.name.to_string(),
            id,
            version,
            values: crate::values::row_record(spec.columns, values)?,
            col_versions: serde_json::from_str(&col_versions)?,
            hlc,
            updated_by,
            deleted,
        }))
    }

    /// The ids of every row of a table, tombstones included.
    pub fn row_ids(&self, table: &str) -> Result<Vec<Uuid>> {
        let spec = spec_of(table)?;
        let mut stmt = self
            .conn()
            .prepare(&format!("SELECT id FROM {} ORDER BY id", spec.name))?;
        let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
        ids.map(|id| crate::read::parse_id(&id?)).collect()
    }

    /// Conflicts for review: the open ones, or every one.
    pub fn conflicts(&self, open_only: bool) -> Result<Vec<LocalConflict>> {
        let filter = if open_only { "state = 'open'" } else { "1" };
        self.conflicts_where(filter, [])
    }

    pub fn conflict(&self, id: Uuid) -> Result<Option<LocalConflict>> {
        Ok(self.conflicts_where("id = ?1", [id.to_string()])?.pop())
    }

    fn conflicts_where<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> Result<Vec<LocalConflict>> {
        let sql = format!(
            "SELECT id, table_name, row_id, column_name, mine, mine_by, mine_hlc, theirs, theirs_by,
                    theirs_hlc, winner, at, state, resolution, resolved_by
             FROM conflicts WHERE {filter} ORDER BY at, id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ),
                (
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                    r.get::<_, Option<String>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                ),
            ))
        })?;
        rows.map(|row| {
            let (
                (id, table, row_id, column, mine, mine_by, mine_hlc),
                (theirs, theirs_by, theirs_hlc, winner, at, state, resolution, resolved_by),
            ) = row?;
            Ok(LocalConflict {
                id: crate::read::parse_id(&id)?,
                table,
                row_id: crate::read::parse_id(&row_id)?,
                column,
                mine: serde_json::from_str(&mine)?,
                mine_by,
                mine_hlc,
                theirs: serde_json::from_str(&theirs)?,
                theirs_by,
                theirs_hlc,
                winner: serde_json::from_value(Json::String(winner))?,
                at,
                state,
                resolution: resolution
                    .map(|r| serde_json::from_value(Json::String(r)))
                    .transpose()?,
                resolved_by,
            })
        })
        .collect()
    }

    /// Settles a conflict on this device: `value` goes into the row's column as an ordinary
    /// change (synced like any edit, nothing written when it is already there), and the
    /// conflict is marked settled here, to be told to the cloud. One transaction.
    pub fn resolve_conflict(
        &mut self,
        user_id: Uuid,
        conflict: Uuid,
        choice: Choice,
        value: Json,
    ) -> Result<()> {
        let found = self
            .conflict(conflict)?
            .ok_or_else(|| StoreError::NotFound {
                entity: "conflicts",
                id: conflict.to_string(),
            })?;
        let spec = spec_of(&found.table)?;
        let by = format!("{user_id}/{}", self.device_id);
        self.write(user_id, |w| {
            if daftar_protocol::is_review_only(&found.column) {
                // Nothing of the row changes: the person has looked and decided.
            } else if found.column == "deleted" {
                if value == Json::Bool(true) {
                    w.delete_row(spec.name, found.row_id)?;
                } else {
                    let record = w.record_of(spec, found.row_id)?;
                    w.put_record(spec, found.row_id, record, Mode::Update)?;
                }
            } else {
                let column = spec.column(&found.column).ok_or_else(|| {
                    corrupt(format!("{} has no column {}", spec.name, found.column))
                })?;
                let value = if value.is_null() {
                    Json::Null
                } else {
                    canonical_value(column.kind, &value).ok_or_else(|| {
                        StoreError::InvalidValue {
                            column: found.column.clone(),
                            value: value.to_string().chars().take(80).collect(),
                        }
                    })?
                };
                let mut record = w.record_of(spec, found.row_id)?;
                record.insert(found.column.clone(), value);
                if let Some(result) = daftar_domain::validate_record(spec.name, &record) {
                    result?;
                }
                w.put_record(spec, found.row_id, record, Mode::Update)?;
            }
            w.settle_conflict(conflict, choice, &by)
        })
    }

    /// Settles a review that changes no record (an overpayment) with whatever else the
    /// person's choice writes (a refund), in one transaction.
    pub fn settle_review(
        &mut self,
        user_id: Uuid,
        conflict: Uuid,
        choice: Choice,
        also: impl FnOnce(&mut crate::Writer) -> Result<()>,
    ) -> Result<()> {
        let by = format!("{user_id}/{}", self.device_id);
        self.write(user_id, |w| {
            also(w)?;
            w.settle_conflict(conflict, choice, &by)
        })
    }

    /// Resolutions made here that the cloud has not been told of.
    pub fn settling(&self) -> Result<Vec<Resolution>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, resolution FROM conflicts WHERE state = 'settling' ORDER BY at")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.map(|row| {
            let (id, choice) = row?;
            Ok(Resolution {
                conflict_id: crate::read::parse_id(&id)?,
                choice: serde_json::from_value(Json::String(choice))?,
            })
        })
        .collect()
    }

    /// The cloud has these resolutions (or knew the conflicts settled already).
    pub fn mark_settled(&mut self, ids: &[Uuid]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for id in ids {
            tx.execute(
                "UPDATE conflicts SET state = 'settled' WHERE id = ?1 AND state = 'settling'",
                [id.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every change not yet in the cloud (pending or refused), as JSON lines, for an export
    /// before signing out.
    pub fn unsynced(&self) -> Result<Vec<OutboxEntry>> {
        self.outbox_where("state IN ('pending', 'rejected')", usize::MAX >> 1)
    }

    /// Drops every change not yet in the cloud (after a person exported them and confirmed),
    /// in one transaction: the rows they touched are marked older than any version, and the
    /// cursor is forgotten, so the next sync brings the cloud's rows back in their place.
    pub fn discard_unsynced(&mut self) -> Result<usize> {
        let entries = self.unsynced()?;
        let tx = self.conn.transaction()?;
        for entry in &entries {
            let spec = spec_of(&entry.table)?;
            tx.execute(
                &format!("UPDATE {} SET version = -1 WHERE id = ?1", spec.name),
                [entry.row_id.to_string()],
            )?;
        }
        tx.execute(
            "DELETE FROM outbox WHERE state IN ('pending', 'rejected')",
            [],
        )?;
        tx.execute("DELETE FROM meta WHERE key IN (?1, ?2)", [CURSOR, SCOPE])?;
        tx.commit()?;
        Ok(entries.len())
    }

    /// This device's changes of one record not yet acknowledged by the cloud (on a desktop
    /// never connected: all of them), oldest first.
    pub fn outbox_for(&self, table: &str, row_id: Uuid) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, mutation_id, table_name, row_id, base_version, changes, hlc, user_id, device_id, created_at, state
             FROM outbox WHERE table_name = ?1 AND row_id = ?2 ORDER BY seq LIMIT 1000",
        )?;
        let rows = stmt.query_map((table, row_id.to_string()), crate::read::outbox_entry)?;
        rows.map(|r| r?).collect()
    }

    fn outbox_where(&self, filter: &str, limit: usize) -> Result<Vec<OutboxEntry>> {
        let sql = format!(
            "SELECT seq, mutation_id, table_name, row_id, base_version, changes, hlc, user_id, device_id, created_at, state
             FROM outbox WHERE {filter} ORDER BY seq LIMIT ?1"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([limit as i64], crate::read::outbox_entry)?;
        rows.map(|r| r?).collect()
    }
}

fn set_meta(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute((key, value))?;
    Ok(())
}

fn save_hlc(tx: &Transaction<'_>, hlc: daftar_domain::HlcState) -> Result<()> {
    set_meta(tx, "hlc", &hlc.last().to_string())
}

fn delete_entry(tx: &Transaction<'_>, seq: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM outbox WHERE seq = ?1")?
        .execute([seq])?;
    Ok(())
}

/// The row the cloud now holds is this device's own row at `version` (plus any change made
/// since, still pending): record the version, and that each column of `changes` (the
/// mutation's JSON object) took it. One statement.
fn mark_applied(
    tx: &Transaction<'_>,
    spec: &TableSpec,
    row_id: &str,
    version: i64,
    changes: &str,
) -> Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE {} SET version = max(version, ?2),
             col_versions = json_patch(col_versions, (SELECT json_group_object(key, ?2) FROM json_each(?3)))
         WHERE id = ?1",
        spec.name
    ))?
    .execute((row_id, version, changes))?;
    Ok(())
}

/// Writes the server's `row` unless this device already holds that version or a later one
/// (`answer`: the row came back for a change of ours just taken off the outbox, so the same
/// version must still be rewritten without it); the columns of pending local changes stay
/// as this device has them. Gives whether it wrote.
fn apply_row(
    tx: &Transaction<'_>,
    row: &Row,
    answer: bool,
    any_pending: bool,
    hlc: &mut daftar_domain::HlcState,
    now_ms: u64,
) -> Result<bool> {
    // A table this build does not know (a newer server): nothing to keep it in.
    let Some(spec) = daftar_domain::table(&row.table) else {
        return Ok(false);
    };
    if !answer && !any_pending {
        // Nothing of this device's to keep: one statement, which leaves a row this device
        // already holds at that version or later alone.
        if let Ok(stamp) = row.hlc.parse::<Hlc>() {
            hlc.observe(stamp, now_ms);
        }
        let params = row_params(
            spec,
            row,
            &row.values,
            row.deleted,
            (&row.hlc, &row.updated_by),
        )?;
        let written = tx
            .prepare_cached(upsert_sql(spec, true))?
            .execute(params_from_iter(params))?;
        return Ok(written > 0);
    }
    let id = row.id.to_string();
    let local: Option<(i64, String, String)> = tx
        .prepare_cached(&format!(
            "SELECT version, hlc, updated_by FROM {} WHERE id = ?1",
            spec.name
        ))?
        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Ok(stamp) = row.hlc.parse::<Hlc>() {
        hlc.observe(stamp, now_ms);
    }
    let newer_here = |version: i64| version > row.version || (version == row.version && !answer);
    if local
        .as_ref()
        .is_some_and(|(version, ..)| newer_here(*version))
    {
        return Ok(false);
    }
    let mut values = row.values.clone();
    let mut deleted = row.deleted;
    let mut stamp = (row.hlc.clone(), row.updated_by.clone());
    let pending: Vec<String> = {
        let mut stmt = tx.prepare_cached(
            "SELECT changes FROM outbox WHERE table_name = ?1 AND row_id = ?2 AND state = 'pending' ORDER BY seq",
        )?;
        stmt.query_map([spec.name, id.as_str()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    if !pending.is_empty() {
        for changes in &pending {
            let changes: Map<String, Json> = serde_json::from_str(changes)?;
            for (column, value) in changes {
                if column == "deleted" {
                    deleted = value.as_bool().unwrap_or(deleted);
                } else {
                    values.insert(column, value);
                }
            }
        }
        if let Some((_, local_hlc, local_by)) = local {
            stamp = (local_hlc, local_by);
        }
    }
    let params = row_params(spec, row, &values, deleted, (&stamp.0, &stamp.1))?;
    tx.prepare_cached(upsert_sql(spec, false))?
        .execute(params_from_iter(params))?;
    Ok(true)
}

/// The values of [`upsert_sql`]'s placeholders: the columns, the search key where the table
/// has one, then the sync columns.
fn row_params(
    spec: &TableSpec,
    row: &Row,
    values: &Map<String, Json>,
    deleted: bool,
    stamp: (&str, &str),
) -> Result<Vec<Sql>> {
    let mut params: Vec<Sql> = crate::values::record_values(spec.columns, values);
    if let Some(search) = search_columns(spec.name) {
        params.push(Sql::Text(search_key_of(search, values)));
    }
    params.extend([
        Sql::Integer(row.version),
        Sql::Text(serde_json::to_string(&row.col_versions)?),
        Sql::Text(stamp.0.to_string()),
        Sql::Text(stamp.1.to_string()),
        Sql::Integer(i64::from(deleted)),
    ]);
    Ok(params)
}

/// The statement writing a pulled row whole; `if_newer` leaves a row alone whose version is
/// already that one or later. Built once per table.
fn upsert_sql(spec: &TableSpec, if_newer: bool) -> &'static str {
    static SQL: std::sync::OnceLock<HashMap<(&'static str, bool), String>> =
        std::sync::OnceLock::new();
    let all = SQL.get_or_init(|| {
        let mut all = HashMap::new();
        for spec in daftar_domain::TABLES {
            let mut columns: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
            if search_columns(spec.name).is_some() {
                columns.push("search_key");
            }
            columns.extend(["version", "col_versions", "hlc", "updated_by", "deleted"]);
            let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
            let updates: Vec<String> = columns
                .iter()
                .filter(|c| **c != "id")
                .map(|c| format!("{c} = excluded.{c}"))
                .collect();
            for if_newer in [false, true] {
                let sql = format!(
                    "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}{}",
                    columns.join(", "),
                    placeholders.join(", "),
                    updates.join(", "),
                    if if_newer {
                        format!(" WHERE {}.version < excluded.version", spec.name)
                    } else {
                        String::new()
                    },
                    table = spec.name,
                );
                all.insert((spec.name, if_newer), sql);
            }
        }
        all
    });
    &all[&(spec.name, if_newer)]
}

fn save_conflict(tx: &Transaction<'_>, c: &ConflictRecord) -> Result<()> {
    let side = |s: Side| match s {
        Side::Mine => "mine",
        Side::Theirs => "theirs",
    };
    tx.prepare_cached(
        "INSERT INTO conflicts (id, table_name, row_id, column_name, mine, mine_by, mine_hlc, theirs,
                                theirs_by, theirs_hlc, winner, at, state, resolution, resolved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                 CASE WHEN ?13 IS NULL THEN 'open' ELSE 'settled' END, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET
             resolution = COALESCE(excluded.resolution, conflicts.resolution),
             resolved_by = COALESCE(excluded.resolved_by, conflicts.resolved_by),
             state = CASE WHEN excluded.resolution IS NOT NULL THEN 'settled' ELSE conflicts.state END",
    )?
    .execute(rusqlite::params![
        c.id.to_string(),
        c.table,
        c.row_id.to_string(),
        c.column,
        c.mine.to_string(),
        c.mine_by,
        c.mine_hlc,
        c.theirs.to_string(),
        c.theirs_by,
        c.theirs_hlc,
        side(c.winner),
        c.at,
        c.resolution.map(Choice::as_str),
        c.resolved_by,
    ])?;
    Ok(())
}

impl crate::Writer<'_> {
    /// Marks a conflict settled here (to tell the cloud at the next sync).
    pub(crate) fn settle_conflict(
        &mut self,
        conflict: Uuid,
        choice: daftar_protocol::Choice,
        by: &str,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE conflicts SET state = 'settling', resolution = ?2, resolved_by = ?3 WHERE id = ?1",
            (conflict.to_string(), choice.as_str(), by),
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use daftar_domain::{Language, ManualClock, School};
    use daftar_protocol::{MutationResult, Outcome};

    use super::*;

    fn school(name: &str) -> School {
        School {
            id: Uuid::from_u128(1),
            name_ar: "مدرسة".into(),
            name_en: name.into(),
            country: "AE".into(),
            currency: "AED".into(),
            currency_minor_digits: 2,
            principal_name_ar: "م".into(),
            principal_name_en: "P".into(),
            primary_language: Language::Arabic,
            rank_enabled: false,
            logo_png: None,
            address: None,
            phone: None,
            tax_number: None,
            school_week: daftar_domain::SchoolWeek::GULF,
            date_order: daftar_domain::DateOrder::DayMonthYear,
            student_names: daftar_domain::StudentNames::Both,
        }
    }

    /// A device's store in `dir`, on a clock that stands still.
    fn store_in(dir: &tempfile::TempDir) -> Store {
        Store::open(
            &dir.path().join("d.sqlite3"),
            Arc::new(ManualClock::new(1_000)),
        )
        .unwrap()
    }

    #[test]
    fn an_applied_change_leaves_the_outbox_and_dates_its_columns_and_a_pull_rebases() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_in(&dir);
        let user = Uuid::from_u128(9);
        store
            .write(user, |w| w.save_school(&school("One")))
            .unwrap();
        let created = store.pending(10).unwrap().remove(0);
        let applied = store
            .apply_push(&PushResponse {
                results: vec![MutationResult {
                    mutation_id: created.mutation_id,
                    outcome: Outcome::Applied { version: 7 },
                }],
                head: 7,
                from: Some(6),
            })
            .unwrap();
        assert_eq!(applied.applied, 1);
        let row = store
            .replica_row("schools", Uuid::from_u128(1))
            .unwrap()
            .unwrap();
        assert_eq!(row.version, 7);
        assert_eq!(row.col_versions["name_en"], 7);
        assert_eq!(store.pending_count().unwrap(), 0);

        // A local edit, then the cloud's newer row from someone else: the edit stays on top.
        store
            .write(user, |w| w.save_school(&school("Mine")))
            .unwrap();
        let mut theirs = row.clone();
        theirs.version = 9;
        theirs
            .values
            .insert("country".into(), Json::String("SA".into()));
        theirs
            .values
            .insert("name_en".into(), Json::String("Theirs".into()));
        store.apply_pulled(&[theirs], &[], Some((9, "s"))).unwrap();
        let rebased = store
            .replica_row("schools", Uuid::from_u128(1))
            .unwrap()
            .unwrap();
        assert_eq!(rebased.values["name_en"], "Mine");
        assert_eq!(rebased.values["country"], "SA");
        assert_eq!(rebased.version, 9);
        // The pending change still names the version it was made on.
        assert_eq!(store.pending(10).unwrap()[0].base_version, 7);
        assert_eq!(store.sync_cursor().unwrap(), Some(9));

        // An older copy of the row changes nothing.
        let mut stale = row;
        stale.version = 8;
        assert_eq!(store.apply_pulled(&[stale], &[], None).unwrap(), 0);
    }

    #[test]
    fn a_push_started_at_the_cursor_moves_it_past_its_own_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_in(&dir);
        let user = Uuid::from_u128(9);
        store.apply_pulled(&[], &[], Some((5, "s"))).unwrap();
        let push =
            |store: &mut Store, name: &str, outcome: &dyn Fn(i64) -> Outcome, from: Option<i64>| {
                store.write(user, |w| w.save_school(&school(name))).unwrap();
                let sent = store.pending(10).unwrap().remove(0);
                let head = from.unwrap_or(0) + 1;
                store
                    .apply_push(&PushResponse {
                        results: vec![MutationResult {
                            mutation_id: sent.mutation_id,
                            outcome: outcome(head),
                        }],
                        head,
                        from,
                    })
                    .unwrap();
                store.sync_cursor().unwrap()
            };
        let applied = |version| Outcome::Applied { version };
        // Nothing happened between the last pull and the push: its own change is here.
        assert_eq!(push(&mut store, "One", &applied, Some(5)), Some(6));
        // Someone else's change 7 came first: only a pull brings it.
        assert_eq!(push(&mut store, "Two", &applied, Some(7)), Some(6));
        // An older server does not say where the push started.
        assert_eq!(push(&mut store, "Three", &applied, None), Some(6));
        // A conflict's own place in the sequence comes by pull.
        let row = store
            .replica_row("schools", Uuid::from_u128(1))
            .unwrap()
            .unwrap();
        let conflict = |version| Outcome::Conflict {
            version,
            row: row.clone(),
            conflicts: vec![daftar_protocol::ColumnConflict {
                column: "name_en".into(),
                mine: Json::String("Four".into()),
                theirs: Json::String("Three".into()),
                theirs_by: "someone".into(),
                theirs_hlc: row.hlc.clone(),
                winner: Side::Theirs,
            }],
        };
        assert_eq!(push(&mut store, "Four", &conflict, Some(6)), Some(6));
        assert_eq!(store.conflicts(false).unwrap().len(), 1);
    }
}
