//! The one way into the tables: a transaction that writes a record and, with it, the
//! outbox mutation describing the change, keeping the sync columns up to date.

use chrono::Utc;
use daftar_domain::entities::Kind;
use daftar_domain::{Author, Clock, Entity, HlcState, TableSpec, phone_digits, search_key};
use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use serde::Serialize;
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::values::record_values;

/// What a write did to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Updated,
    Deleted,
    /// The record was already as written: nothing changed, nothing to sync.
    Unchanged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A new row; an existing live row with the same id is an error.
    Insert,
    /// An existing row; a missing one is an error.
    Update,
    /// Whichever applies.
    Upsert,
}

/// One pending local change, as the sync engine will push it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutboxEntry {
    pub seq: i64,
    pub mutation_id: Uuid,
    pub table: String,
    pub row_id: Uuid,
    pub base_version: i64,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub changes: Map<String, Json>,
    pub hlc: String,
    pub user_id: Uuid,
    pub device_id: Uuid,
    pub created_at: String,
    pub state: String,
}

/// An open write transaction on behalf of one person on this device.
pub struct Writer<'a> {
    pub(crate) tx: Transaction<'a>,
    actor: Author,
    hlc: &'a mut HlcState,
    clock: &'a dyn Clock,
    now: String,
    pub(crate) lookups: crate::repo::Lookups,
}

impl std::fmt::Debug for Writer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("actor", &self.actor)
            .finish()
    }
}

/// The time of a local event as the outbox and the conflicts record it.
pub(crate) fn now_text() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Tables whose rows carry a search key, and the columns it is made of.
pub(crate) fn search_columns(table: &str) -> Option<&'static [&'static str]> {
    match table {
        "students" => Some(&["name_ar", "name_en", "admission_number", "national_id"]),
        "guardians" => Some(&["name_ar", "name_en", "phone", "national_id"]),
        "staff" => Some(&["name_ar", "name_en", "email", "phone", "national_id"]),
        _ => None,
    }
}

pub(crate) fn search_key_of(columns: &[&str], record: &Map<String, Json>) -> String {
    let text: Vec<&str> = columns
        .iter()
        .filter_map(|c| record.get(*c).and_then(Json::as_str))
        .collect();
    let mut key = search_key(&text.join(" "));
    // A phone is also indexed as one run of digits, so it is found however it was spaced.
    if let Some(phone) = record.get("phone").and_then(Json::as_str) {
        let digits = phone_digits(phone);
        if !digits.is_empty() {
            key.push(' ');
            key.push_str(&digits);
        }
    }
    key
}

impl<'a> Writer<'a> {
    pub(crate) fn new(
        tx: Transaction<'a>,
        actor: Author,
        hlc: &'a mut HlcState,
        clock: &'a dyn Clock,
    ) -> Self {
        let now = now_text();
        Self {
            tx,
            actor,
            hlc,
            clock,
            now,
            lookups: Default::default(),
        }
    }

    pub fn actor(&self) -> Author {
        self.actor
    }

    /// Run `work` so that, if it fails, none of its writes remain while the transaction's
    /// earlier and later writes go on: one row of an import, say.
    pub fn attempt<R, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Self) -> std::result::Result<R, E>,
    ) -> std::result::Result<R, E> {
        self.tx
            .execute_batch("SAVEPOINT attempt")
            .map_err(StoreError::from)?;
        match work(self) {
            Ok(value) => {
                self.tx
                    .execute_batch("RELEASE attempt")
                    .map_err(StoreError::from)?;
                Ok(value)
            }
            Err(e) => {
                self.tx
                    .execute_batch("ROLLBACK TO attempt; RELEASE attempt")
                    .map_err(StoreError::from)?;
                self.lookups = Default::default();
                Err(e)
            }
        }
    }

    pub(crate) fn commit(self) -> Result<()> {
        self.tx.execute(
            "INSERT INTO meta (key, value) VALUES ('hlc', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [self.hlc.last().to_string()],
        )?;
        self.tx.commit()?;
        Ok(())
    }

    /// Validate `record` on its own, then write it with its outbox entry. Checks against
    /// other rows are the typed repositories' job before they call this.
    pub(crate) fn put<T: Entity>(&mut self, record: &T, mode: Mode) -> Result<Change> {
        record.validate()?;
        self.put_validated(record, mode)
    }

    /// [`Writer::put`] for a record its repository has already validated.
    pub(crate) fn put_validated<T: Entity>(&mut self, record: &T, mode: Mode) -> Result<Change> {
        let Json::Object(map) = serde_json::to_value(record)? else {
            return Err(StoreError::Corrupt(format!("{} is not a record", T::TABLE)));
        };
        let spec = TableSpec {
            name: T::TABLE,
            columns: T::COLUMNS,
        };
        self.put_record(&spec, record.id(), map, mode)
    }

    /// Writes a record given as its JSON columns (already validated) with its outbox entry.
    pub(crate) fn put_record(
        &mut self,
        spec: &TableSpec,
        id: Uuid,
        map: Map<String, Json>,
        mode: Mode,
    ) -> Result<Change> {
        let mut map = map;
        // Timestamps are kept as the cloud keeps them (to the microsecond), so a row this
        // device wrote reads the same here as on every other device.
        for column in spec.columns.iter().filter(|c| c.kind == Kind::Timestamp) {
            if let Some(value) = map.get_mut(column.name)
                && let Some(canonical) = daftar_protocol::canonical_value(column.kind, value)
            {
                *value = canonical;
            }
        }
        let new_values = record_values(spec.columns, &map);
        let search = search_columns(spec.name).map(|cols| search_key_of(cols, &map));
        let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();

        let existing: Option<(Vec<Sql>, i64, bool)> = {
            let sql = format!(
                "SELECT {}, version, deleted FROM {} WHERE id = ?1",
                names.join(", "),
                spec.name
            );
            let mut stmt = self.tx.prepare_cached(&sql)?;
            stmt.query_row([id.to_string()], |row| {
                let n = names.len();
                let values = (0..n)
                    .map(|i| row.get::<_, Sql>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((values, row.get(n)?, row.get::<_, i64>(n + 1)? != 0))
            })
            .optional()?
        };

        match &existing {
            None => {
                if mode == Mode::Update {
                    return Err(StoreError::NotFound {
                        entity: spec.name,
                        id: id.to_string(),
                    });
                }
                let stamp = self.hlc.tick(self.clock.now_millis()).to_string();
                let mut cols = names.clone();
                let mut values = new_values;
                if let Some(key) = &search {
                    cols.push("search_key");
                    values.push(Sql::Text(key.clone()));
                }
                cols.extend(["hlc", "updated_by"]);
                values.extend([Sql::Text(stamp.clone()), Sql::Text(self.actor.stamp())]);
                let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
                let sql = format!(
                    "INSERT INTO {} ({}) VALUES ({})",
                    spec.name,
                    cols.join(", "),
                    placeholders.join(", ")
                );
                self.tx
                    .prepare_cached(&sql)?
                    .execute(params_from_iter(values))?;
                let mut changes = map;
                changes.remove("id");
                self.record_mutation(spec.name, id, 0, &changes, &stamp)?;
                return Ok(Change::Inserted);
            }
            Some((_, _, false)) if mode == Mode::Insert => {
                return Err(StoreError::AlreadyExists {
                    entity: spec.name,
                    id: id.to_string(),
                });
            }
            Some(_) => {}
        }
        let (old_values, version, deleted) = existing.expect("handled above");
        let mut changes = Map::new();
        let mut sets = Vec::new();
        let mut params = Vec::new();
        for ((column, old), new) in spec.columns.iter().zip(&old_values).zip(new_values) {
            if column.name != "id" && *old != new {
                changes.insert(column.name.to_string(), map[column.name].clone());
                sets.push(format!("{} = ?{}", column.name, params.len() + 1));
                params.push(new);
            }
        }
        if deleted {
            changes.insert("deleted".into(), Json::Bool(false));
            sets.push(format!("deleted = ?{}", params.len() + 1));
            params.push(Sql::Integer(0));
        }
        if changes.is_empty() {
            return Ok(Change::Unchanged);
        }
        let hlc = self.hlc.tick(self.clock.now_millis()).to_string();
        if let Some(key) = search {
            sets.push(format!("search_key = ?{}", params.len() + 1));
            params.push(Sql::Text(key));
        }
        let n = params.len();
        let sql = format!(
            "UPDATE {} SET {}, hlc = ?{}, updated_by = ?{} WHERE id = ?{}",
            spec.name,
            sets.join(", "),
            n + 1,
            n + 2,
            n + 3
        );
        params.extend([
            Sql::Text(hlc.clone()),
            Sql::Text(self.actor.stamp()),
            Sql::Text(id.to_string()),
        ]);
        self.tx
            .prepare_cached(&sql)?
            .execute(params_from_iter(params))?;
        self.record_mutation(spec.name, id, version, &changes, &hlc)?;
        Ok(if deleted {
            Change::Inserted
        } else {
            Change::Updated
        })
    }

    /// A row's columns as a record's JSON form, by table.
    pub(crate) fn record_of(&self, spec: &TableSpec, id: Uuid) -> Result<Map<String, Json>> {
        let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        let sql = format!(
            "SELECT {} FROM {} WHERE id = ?1",
            names.join(", "),
            spec.name
        );
        let values: Option<Vec<Sql>> = self
            .tx
            .prepare_cached(&sql)?
            .query_row([id.to_string()], |row| {
                (0..names.len()).map(|i| row.get::<_, Sql>(i)).collect()
            })
            .optional()?;
        let values = values.ok_or_else(|| StoreError::NotFound {
            entity: spec.name,
            id: id.to_string(),
        })?;
        crate::values::row_record(spec.columns, values)
    }

    /// Mark a row deleted. The row stays as a tombstone so that no peer brings it back.
    pub fn delete<T: Entity>(&mut self, id: Uuid) -> Result<Change> {
        self.delete_row(T::TABLE, id)
    }

    /// [`Writer::delete`] by table name.
    pub(crate) fn delete_row(&mut self, table: &'static str, id: Uuid) -> Result<Change> {
        let sql = format!("SELECT version, deleted FROM {} WHERE id = ?1", table);
        let found: Option<(i64, bool)> = self
            .tx
            .prepare_cached(&sql)?
            .query_row([id.to_string()], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? != 0))
            })
            .optional()?;
        let Some((version, deleted)) = found else {
            return Err(StoreError::NotFound {
                entity: table,
                id: id.to_string(),
            });
        };
        if deleted {
            return Ok(Change::Unchanged);
        }
        let stamp = self.hlc.tick(self.clock.now_millis()).to_string();
        let sql = format!(
            "UPDATE {} SET deleted = 1, hlc = ?1, updated_by = ?2 WHERE id = ?3",
            table
        );
        self.tx
            .prepare_cached(&sql)?
            .execute((&stamp, self.actor.stamp(), id.to_string()))?;
        let mut changes = Map::new();
        changes.insert("deleted".into(), Json::Bool(true));
        self.record_mutation(table, id, version, &changes, &stamp)?;
        Ok(Change::Deleted)
    }

    fn record_mutation(
        &mut self,
        table: &str,
        row_id: Uuid,
        base_version: i64,
        changes: &Map<String, Json>,
        hlc: &str,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO outbox (mutation_id, table_name, row_id, base_version, changes, hlc, user_id, device_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        stmt.execute((
            Uuid::now_v7().to_string(),
            table,
            row_id.to_string(),
            base_version,
            serde_json::to_string(changes)?,
            hlc,
            self.actor.user_id.to_string(),
            self.actor.device_id.to_string(),
            &self.now,
        ))?;
        Ok(())
    }
}
