//! `POST /v1/sync/push`: applies a device's batch of mutations, each atomically and at most
//! once, under the tenant's change-sequence lock so that versions follow commit order.
//!
//! A batch is first applied whole: rows read in one query a table, merged in memory, written
//! in one statement a table for the rows it creates and one for the rows it changes (with
//! only what changed in each). If the database refuses that (a missing parent row, a duplicate
//! admission number), the batch is re-applied one mutation at a time, each in a savepoint,
//! so that only the mutation at fault is rejected.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use daftar_domain::TableSpec;
use daftar_protocol::{
    ColumnConflict, Decision, MAX_PUSH_MUTATIONS, Mutation, MutationResult, Outcome, PushRequest,
    PushResponse, StoredRow, ValueError, apply_mutation, check_changes, codes, conflict_id,
};
use serde_json::{Map, Value, json};
use tokio_postgres::Transaction;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::Json as Jsonb;
use uuid::Uuid;

use crate::api::{ApiError, ApiJson};
use crate::auth::{Auth, Claims, at};
use crate::balances::{Balances, Review};
use crate::db::{DbError, each_by_key_sql, read_row_typed, row_columns, tenant_tx};
use crate::scope::Scope;
use crate::server::AppState;

pub async fn push(
    State(state): State<AppState>,
    Auth(claims): Auth,
    ApiJson(request): ApiJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    if request.mutations.len() > MAX_PUSH_MUTATIONS {
        return Err(ApiError::too_large(format!(
            "send at most {MAX_PUSH_MUTATIONS} mutations a push"
        )));
    }
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let mut tx = tenant_tx(&mut client, claims.tenant).await?;
    let head: i64 = tx
        .query_one(
            "SELECT change_seq FROM tenants WHERE id = $1 FOR UPDATE",
            &[&claims.tenant],
        )
        .await?
        .get(0);
    let scope = Scope::load(&tx, &claims).await?;
    let batch = Batch {
        claims: &claims,
        scope: &scope,
        now,
    };
    let mut seq = head;
    let whole = tx.transaction().await?;
    let results = match batch.apply(&whole, &request.mutations, &mut seq).await {
        Ok(results) => {
            whole.commit().await?;
            results
        }
        Err(Failure::Refused(_)) => {
            whole.rollback().await?;
            seq = head;
            let mut results = Vec::with_capacity(request.mutations.len());
            for mutation in &request.mutations {
                let single = tx.transaction().await?;
                let mut next = seq;
                match batch
                    .apply(&single, std::slice::from_ref(mutation), &mut next)
                    .await
                {
                    Ok(mut one) => {
                        single.commit().await?;
                        seq = next;
                        results.append(&mut one);
                    }
                    Err(Failure::Refused(error)) => {
                        single.rollback().await?;
                        results.push(rejected(mutation.mutation_id, &error));
                    }
                    Err(Failure::Database(error)) => return Err(error.into()),
                }
            }
            results
        }
        Err(Failure::Database(error)) => return Err(error.into()),
    };
    tx.execute(
        "UPDATE tenants SET change_seq = $2 WHERE id = $1",
        &[&claims.tenant, &seq],
    )
    .await?;
    if seq > head {
        crate::events::notify(&tx, claims.tenant, seq).await?;
    }
    tx.commit().await?;
    if seq > head {
        state.images.changed(&state, claims.tenant, seq);
    }
    for result in &results {
        state.metrics.mutation(result.outcome.name());
    }
    Ok(Json(PushResponse {
        results,
        head: seq,
        from: Some(head),
    }))
}

fn rejected(mutation_id: Uuid, error: &ValueError) -> MutationResult {
    MutationResult {
        mutation_id,
        outcome: Outcome::Rejected {
            code: error.code.to_string(),
            reason: error.reason.clone(),
        },
    }
}

enum Failure {
    /// The database refused the batch's writes: a constraint, a value out of range.
    Refused(ValueError),
    Database(DbError),
}

impl From<tokio_postgres::Error> for Failure {
    fn from(error: tokio_postgres::Error) -> Self {
        let Some(state) = error.code() else {
            return Failure::Database(error.into());
        };
        let code = if *state == SqlState::FOREIGN_KEY_VIOLATION {
            codes::MISSING_REFERENCE
        } else if *state == SqlState::UNIQUE_VIOLATION {
            codes::DUPLICATE
        } else if state.code().starts_with("23") {
            codes::INVALID_RECORD
        } else if state.code().starts_with("22") {
            codes::INVALID_VALUE
        } else {
            return Failure::Database(error.into());
        };
        let detail = error
            .as_db_error()
            .map(|e| e.detail().unwrap_or(e.message()).to_string())
            .unwrap_or_default();
        Failure::Refused(ValueError::new(code, detail))
    }
}

struct Batch<'a> {
    claims: &'a Claims,
    scope: &'a Scope,
    now: DateTime<Utc>,
}

/// An assessment as a result needs it: where it is taught, its term, and its full marks.
#[derive(Clone, Copy)]
struct AssessmentInfo {
    classroom: Uuid,
    term: Uuid,
    subject: Uuid,
    total: f64,
}

impl Batch<'_> {
    async fn apply(
        &self,
        tx: &Transaction<'_>,
        mutations: &[Mutation],
        seq: &mut i64,
    ) -> Result<Vec<MutationResult>, Failure> {
        let tenant = self.claims.tenant;
        let device = self.claims.device;
        let by = self.claims.stamp();

        let ids: Vec<Uuid> = mutations.iter().map(|m| m.mutation_id).collect();
        let mut done: HashMap<Uuid, Outcome> = HashMap::new();
        let sql = each_by_key_sql(
            "t.mutation_id, t.result",
            "applied_mutations",
            "t.tenant_id = $1 AND t.device_id = $2",
            "mutation_id",
            "$3",
        );
        for row in tx.query(&sql, &[&tenant, &device, &ids]).await? {
            if let Ok(outcome) = serde_json::from_value(row.get::<_, Value>(1)) {
                done.insert(row.get(0), outcome);
            }
        }

        let mut rows = self.load_rows(tx, mutations).await?;
        let mut balances = Balances::load(tx, tenant, mutations).await?;
        let assessments = self.load_assessments(tx, mutations, &rows).await?;
        let locked = self
            .load_locked_terms(tx, mutations, &rows, &assessments)
            .await?;

        let mut results = Vec::with_capacity(mutations.len());
        // Each written row as it stood before the batch (`None`: the batch created it).
        let mut before: HashMap<(&'static str, Uuid), Option<StoredRow>> = HashMap::new();
        let mut applied = Applied::default();
        let mut conflicts = Vec::new();
        let mut audit = Audit::default();
        for mutation in mutations {
            if let Some(outcome) = done.get(&mutation.mutation_id) {
                results.push(MutationResult {
                    mutation_id: mutation.mutation_id,
                    outcome: outcome.clone(),
                });
                continue;
            }
            let decided = self.decide(mutation, &rows, &assessments, &locked, &by, *seq + 1);
            let outcome = match decided {
                Err(error) => {
                    results.push(rejected(mutation.mutation_id, &error));
                    continue;
                }
                Ok((spec, decision)) => {
                    if decision.write {
                        let created = !rows.contains_key(&(spec.name, mutation.row_id));
                        let review = balances.record(spec.name, created, &decision.row, |id| {
                            rows.get(&("invoices", id)).cloned()
                        });
                        if let Some(review) = review {
                            // The payment stays; what it met is put before a person.
                            *seq += 1;
                            conflicts.push(review_record(mutation, spec.name, review, &by, *seq));
                        }
                        *seq += 1;
                        let key = (spec.name, mutation.row_id);
                        audit.add(mutation, spec.name, &decision);
                        let previous = rows.insert(key, decision.row);
                        before.entry(key).or_insert(previous);
                    }
                    if let Outcome::Conflict {
                        conflicts: found, ..
                    } = &decision.outcome
                    {
                        for found in found {
                            // A conflict takes its own place in the change sequence, so that
                            // every device pulls it, whichever side won.
                            *seq += 1;
                            conflicts.push(conflict_record(mutation, spec.name, found, &by, *seq));
                        }
                    }
                    decision.outcome
                }
            };
            applied.mutation_ids.push(mutation.mutation_id);
            applied.results.push(Jsonb(outcome.clone()));
            done.insert(mutation.mutation_id, outcome.clone());
            results.push(MutationResult {
                mutation_id: mutation.mutation_id,
                outcome,
            });
        }

        for spec in daftar_domain::TABLES {
            let mut created = Vec::new();
            let mut changed = Changed::default();
            for (key, old) in before.iter().filter(|((table, _), _)| *table == spec.name) {
                let row = &rows[key];
                match old {
                    None => created.push(Record {
                        tenant_id: tenant,
                        row,
                    }),
                    Some(old) => changed.add(key.1, old, row),
                }
            }
            if !created.is_empty() {
                tx.execute(&upsert_sql(spec), &[&Jsonb(&created)]).await?;
            }
            if !changed.ids.is_empty() {
                tx.execute(
                    &update_sql(spec),
                    &[
                        &tenant,
                        &changed.ids,
                        &changed.values,
                        &changed.versions,
                        &changed.hlcs,
                        &changed.updated_by,
                        &changed.col_versions,
                        &changed.col_hlc,
                    ],
                )
                .await?;
            }
        }
        // Registers and announcements written: what they tell guardians, queued or cancelled
        // in the same transaction.
        let written = |name: &str| -> Vec<(Uuid, &StoredRow)> {
            before
                .keys()
                .filter(|(table, _)| *table == name)
                .map(|key| (key.1, &rows[key]))
                .collect()
        };
        crate::notifications::on_attendance(tx, tenant, self.now, &written("attendance")).await?;
        crate::notifications::on_announcements(tx, tenant, self.now, &written("announcements"))
            .await?;
        if !applied.mutation_ids.is_empty() {
            tx.execute(
                "INSERT INTO applied_mutations (tenant_id, device_id, mutation_id, result, applied_at)
                 SELECT $1, $2, x.mutation_id, x.result, $3
                 FROM unnest($4::uuid[], $5::jsonb[]) AS x(mutation_id, result)",
                &[&tenant, &device, &self.now, &applied.mutation_ids, &applied.results],
            )
            .await?;
        }
        if !conflicts.is_empty() {
            tx.execute(
                "INSERT INTO conflicts (tenant_id, id, at, table_name, row_id, column_name, mutation_id,
                                        mine, mine_by, mine_hlc, theirs, theirs_by, theirs_hlc, winner, version)
                 SELECT $1, x.id, $2, x.table_name, x.row_id, x.column_name, x.mutation_id,
                        x.mine, x.mine_by, x.mine_hlc, x.theirs, x.theirs_by, x.theirs_hlc, x.winner, x.version
                 FROM jsonb_to_recordset($3) AS x(id uuid, table_name text, row_id uuid, column_name text,
                      mutation_id uuid, mine jsonb, mine_by text, mine_hlc text, theirs jsonb,
                      theirs_by text, theirs_hlc text, winner text, version bigint)",
                &[&tenant, &self.now, &Value::Array(conflicts)],
            )
            .await?;
        }
        if !audit.mutation_ids.is_empty() {
            tx.execute(
                "INSERT INTO audit_log (tenant_id, at, user_id, device_id, mutation_id, table_name, row_id, version, old, new)
                 SELECT $1, $2, $3, $4, x.mutation_id, x.table_name, x.row_id, x.version, x.old, x.new
                 FROM unnest($5::uuid[], $6::text[], $7::uuid[], $8::int8[], $9::jsonb[], $10::jsonb[])
                      AS x(mutation_id, table_name, row_id, version, old, new)",
                &[
                    &tenant,
                    &self.now,
                    &self.claims.user,
                    &device,
                    &audit.mutation_ids,
                    &audit.tables,
                    &audit.row_ids,
                    &audit.versions,
                    &audit.old,
                    &audit.new,
                ],
            )
            .await?;
        }
        Ok(results)
    }

    /// The rows the batch touches, one query a table, with the clock stamps of the columns
    /// the batch changes (and of `deleted`, which every merge consults). No row locks: every
    /// push of the school holds its change-sequence row (`FOR UPDATE` on `tenants`) until it
    /// commits, and only pushes write these rows, so nothing else can change them meanwhile
    /// (and locking thousands of rows would write each one's page).
    async fn load_rows(
        &self,
        tx: &Transaction<'_>,
        mutations: &[Mutation],
    ) -> Result<HashMap<(&'static str, Uuid), StoredRow>, Failure> {
        let mut wanted: HashMap<&'static str, (Vec<Uuid>, Vec<&'static str>)> = HashMap::new();
        for mutation in mutations {
            let Some(spec) = daftar_domain::table(&mutation.table) else {
                continue;
            };
            let (ids, stamps) = wanted
                .entry(spec.name)
                .or_insert_with(|| (Vec::new(), vec!["deleted"]));
            ids.push(mutation.row_id);
            // Names from the table's own list, never the client's text, go into the query.
            for column in spec.columns {
                if mutation.changes.contains_key(column.name) && !stamps.contains(&column.name) {
                    stamps.push(column.name);
                }
            }
        }
        let mut rows = HashMap::new();
        for (table, (ids, stamps)) in wanted {
            let spec = daftar_domain::table(table).expect("known table");
            let sql = each_by_key_sql(
                &row_columns(spec, &stamps),
                table,
                "t.tenant_id = $1",
                "id",
                "$2",
            );
            for row in tx.query(&sql, &[&self.claims.tenant, &ids]).await? {
                if let Some((id, stored)) = read_row_typed(spec, &row, &stamps) {
                    rows.insert((table, id), stored);
                }
            }
        }
        Ok(rows)
    }

    /// The assessments the batch's results refer to, for their marks and their classroom.
    async fn load_assessments(
        &self,
        tx: &Transaction<'_>,
        mutations: &[Mutation],
        rows: &HashMap<(&'static str, Uuid), StoredRow>,
    ) -> Result<HashMap<Uuid, AssessmentInfo>, Failure> {
        let mut ids: Vec<Uuid> = Vec::new();
        for mutation in mutations.iter().filter(|m| m.table == "results") {
            ids.extend(uuid_of(mutation.changes.get("assessment_id")));
            if let Some(row) = rows.get(&("results", mutation.row_id)) {
                ids.extend(uuid_of(row.values.get("assessment_id")));
            }
        }
        let mut found = HashMap::new();
        if ids.is_empty() {
            return Ok(found);
        }
        for row in tx
            .query(
                "SELECT id, classroom_id, subject_id, total, term_id FROM assessments
                 WHERE tenant_id = $1 AND id = ANY($2) AND NOT deleted",
                &[&self.claims.tenant, &ids],
            )
            .await?
        {
            found.insert(
                row.get(0),
                AssessmentInfo {
                    classroom: row.get(1),
                    subject: row.get(2),
                    total: row.get(3),
                    term: row.get(4),
                },
            );
        }
        Ok(found)
    }

    /// The terms the batch's assessments and results fall in whose marks are locked, as
    /// stored before the batch (a term unlocked earlier in the same batch is read from the
    /// batch's own rows as they are decided).
    async fn load_locked_terms(
        &self,
        tx: &Transaction<'_>,
        mutations: &[Mutation],
        rows: &HashMap<(&'static str, Uuid), StoredRow>,
        assessments: &HashMap<Uuid, AssessmentInfo>,
    ) -> Result<HashSet<Uuid>, Failure> {
        let mut ids: Vec<Uuid> = assessments.values().map(|a| a.term).collect();
        for mutation in mutations.iter().filter(|m| m.table == "assessments") {
            ids.extend(uuid_of(mutation.changes.get("term_id")));
            if let Some(row) = rows.get(&("assessments", mutation.row_id)) {
                ids.extend(uuid_of(row.values.get("term_id")));
            }
        }
        for row in rows
            .iter()
            .filter(|((table, _), _)| *table == "assessments")
            .map(|(_, row)| row)
        {
            ids.extend(uuid_of(row.values.get("term_id")));
        }
        ids.sort();
        ids.dedup();
        let mut locked = HashSet::new();
        if ids.is_empty() {
            return Ok(locked);
        }
        for row in tx
            .query(
                "SELECT id FROM terms
                 WHERE tenant_id = $1 AND id = ANY($2) AND marks_locked AND NOT deleted",
                &[&self.claims.tenant, &ids],
            )
            .await?
        {
            locked.insert(row.get(0));
        }
        Ok(locked)
    }

    /// Everything about one mutation that needs no database: its values, the merge, the
    /// record's own validity, the mark against its total, and the person's permission.
    fn decide(
        &self,
        mutation: &Mutation,
        rows: &HashMap<(&'static str, Uuid), StoredRow>,
        assessments: &HashMap<Uuid, AssessmentInfo>,
        locked: &HashSet<Uuid>,
        by: &str,
        next_version: i64,
    ) -> Result<(&'static TableSpec, Decision), ValueError> {
        let spec = daftar_domain::table(&mutation.table).ok_or_else(|| {
            ValueError::new(
                codes::UNKNOWN_TABLE,
                format!(
                    "no table {:?}",
                    mutation.table.chars().take(60).collect::<String>()
                ),
            )
        })?;
        let mut canonical = mutation.clone();
        check_changes(spec, mutation.row_id, &mut canonical.changes)?;
        let current = rows.get(&(spec.name, mutation.row_id));
        let decision = apply_mutation(spec, current, &canonical, by, next_version)?;

        // The row as this person meant it, whether or not every column won.
        let mut intended = decision.row.values.clone();
        for (column, value) in &canonical.changes {
            if column != "deleted" {
                intended.insert(column.clone(), value.clone());
            }
        }
        // An assessment created earlier in this batch counts as well as a stored one.
        let lookup = |id: Uuid| -> Option<AssessmentInfo> {
            assessments.get(&id).copied().or_else(|| {
                let row = rows.get(&("assessments", id))?;
                Some(AssessmentInfo {
                    classroom: uuid_of(row.values.get("classroom_id"))?,
                    subject: uuid_of(row.values.get("subject_id"))?,
                    term: uuid_of(row.values.get("term_id"))?,
                    total: row.values.get("total")?.as_f64()?,
                })
            })
        };
        self.scope
            .may_write(spec.name, current.map(|r| &r.values), &intended, &|id| {
                lookup(id).map(|a| (a.classroom, a.subject))
            })?;
        // A locked term's marks stay as printed: neither its assessments (including one
        // moved out of it) nor their results change until an administrator unlocks it,
        // whichever side a merge would favour.
        let terms: Vec<Uuid> = match spec.name {
            "assessments" => [current.map(|r| &r.values), Some(&intended)]
                .into_iter()
                .flatten()
                .filter_map(|values| uuid_of(values.get("term_id")))
                .collect(),
            "results" => [current.map(|r| &r.values), Some(&intended)]
                .into_iter()
                .flatten()
                .filter_map(|values| uuid_of(values.get("assessment_id")))
                .filter_map(|id| lookup(id).map(|a| a.term))
                .collect(),
            _ => Vec::new(),
        };
        for term in terms {
            let locked_now = match rows.get(&("terms", term)) {
                Some(row) => row.values.get("marks_locked") == Some(&Value::Bool(true)),
                None => locked.contains(&term),
            };
            if locked_now {
                return Err(ValueError::new(
                    codes::TERM_LOCKED,
                    format!("the marks of term {term} are locked"),
                ));
            }
        }
        if decision.write {
            if let Some(Err(error)) =
                daftar_domain::validate_record(spec.name, &decision.row.values)
            {
                return Err(ValueError::new(codes::INVALID_RECORD, error.to_string()));
            }
            if spec.name == "results"
                && let Some(mark) = decision.row.values.get("mark").and_then(Value::as_f64)
            {
                let assessment = uuid_of(decision.row.values.get("assessment_id")).and_then(lookup);
                let Some(assessment) = assessment else {
                    return Err(ValueError::new(
                        codes::MISSING_REFERENCE,
                        "the result's assessment does not exist",
                    ));
                };
                if !(0.0..=assessment.total).contains(&mark) {
                    return Err(ValueError::new(
                        codes::INVALID_RECORD,
                        format!("the mark {mark} is outside 0 to {}", assessment.total),
                    ));
                }
            }
        }
        Ok((spec, decision))
    }
}

fn uuid_of(value: Option<&Value>) -> Option<Uuid> {
    value?.as_str()?.parse().ok()
}

fn review_record(
    mutation: &Mutation,
    table: &str,
    review: Review,
    by: &str,
    version: i64,
) -> Value {
    json!({
        "id": conflict_id(mutation.mutation_id, review.column),
        "version": version,
        "table_name": table,
        "row_id": mutation.row_id,
        "column_name": review.column,
        "mutation_id": mutation.mutation_id,
        "mine": review.mine,
        "mine_by": by,
        "mine_hlc": mutation.hlc,
        "theirs": review.theirs,
        "theirs_by": review.theirs_by,
        "theirs_hlc": review.theirs_hlc,
        "winner": "mine",
    })
}

fn conflict_record(
    mutation: &Mutation,
    table: &str,
    conflict: &ColumnConflict,
    by: &str,
    version: i64,
) -> Value {
    json!({
        "id": conflict_id(mutation.mutation_id, &conflict.column),
        "version": version,
        "table_name": table,
        "row_id": mutation.row_id,
        "column_name": conflict.column,
        "mutation_id": mutation.mutation_id,
        "mine": conflict.mine,
        "mine_by": by,
        "mine_hlc": mutation.hlc,
        "theirs": conflict.theirs,
        "theirs_by": conflict.theirs_by,
        "theirs_hlc": conflict.theirs_hlc,
        "winner": conflict.winner,
    })
}

/// A row as PostgreSQL's `jsonb_populate_recordset` reads it: every column by name. Written
/// straight into the statement's parameter, with no JSON tree built in between.
#[derive(Debug)]
struct Record<'a> {
    tenant_id: Uuid,
    row: &'a StoredRow,
}

impl serde::Serialize for Record<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let row = self.row;
        let mut map = serializer.serialize_map(Some(row.values.len() + 7))?;
        for (column, value) in &row.values {
            map.serialize_entry(column, value)?;
        }
        map.serialize_entry("tenant_id", &self.tenant_id)?;
        map.serialize_entry("version", &row.version)?;
        map.serialize_entry("col_versions", &row.col_versions)?;
        map.serialize_entry("col_hlc", &row.col_hlc)?;
        map.serialize_entry("hlc", &row.hlc)?;
        map.serialize_entry("updated_by", &row.updated_by)?;
        map.serialize_entry("deleted", &row.deleted)?;
        map.end()
    }
}

fn upsert_sql(spec: &TableSpec) -> String {
    let columns: Vec<&str> = spec
        .columns
        .iter()
        .map(|c| c.name)
        .filter(|c| *c != "id")
        .chain([
            "version",
            "col_versions",
            "col_hlc",
            "hlc",
            "updated_by",
            "deleted",
        ])
        .collect();
    let excluded: Vec<String> = columns.iter().map(|c| format!("EXCLUDED.{c}")).collect();
    format!(
        "INSERT INTO {table} SELECT * FROM jsonb_populate_recordset(NULL::{table}, $1)
         ON CONFLICT (tenant_id, id) DO UPDATE SET ({cols}) = ROW({excluded})",
        table = spec.name,
        cols = columns.join(", "),
        excluded = excluded.join(", "),
    )
}

/// What each mutation came to, a column a field, for one `INSERT .. SELECT FROM unnest`.
#[derive(Default)]
struct Applied {
    mutation_ids: Vec<Uuid>,
    results: Vec<Jsonb<Outcome>>,
}

/// The batch's audit entries, a column a field.
#[derive(Default)]
struct Audit {
    mutation_ids: Vec<Uuid>,
    tables: Vec<&'static str>,
    row_ids: Vec<Uuid>,
    versions: Vec<i64>,
    old: Vec<Jsonb<Map<String, Value>>>,
    new: Vec<Jsonb<Map<String, Value>>>,
}

impl Audit {
    /// The entry of one written mutation: each changed column, old → new.
    fn add(&mut self, mutation: &Mutation, table: &'static str, decision: &Decision) {
        self.mutation_ids.push(mutation.mutation_id);
        self.tables.push(table);
        self.row_ids.push(mutation.row_id);
        self.versions.push(decision.row.version);
        let (old, new) = decision
            .changes
            .iter()
            .map(|c| {
                (
                    (c.column.clone(), c.old.clone()),
                    (c.column.clone(), c.new.clone()),
                )
            })
            .unzip();
        self.old.push(Jsonb(old));
        self.new.push(Jsonb(new));
    }
}

/// Stored rows the batch changed, as what changed in each: the values of changed columns
/// (`deleted` among them), the new sync stamps, and the changed entries of the per-column
/// versions and clock stamps. Most of a row (its unchanged values, the stamps of columns
/// nobody touched) is neither sent nor parsed again.
#[derive(Default)]
struct Changed {
    ids: Vec<Uuid>,
    values: Vec<Jsonb<Map<String, Value>>>,
    versions: Vec<i64>,
    hlcs: Vec<String>,
    updated_by: Vec<String>,
    col_versions: Vec<Jsonb<Map<String, Value>>>,
    col_hlc: Vec<Jsonb<Map<String, Value>>>,
}

impl Changed {
    fn add(&mut self, id: Uuid, old: &StoredRow, new: &StoredRow) {
        let mut values: Map<String, Value> = new
            .values
            .iter()
            .filter(|(column, value)| *column != "id" && old.values.get(*column) != Some(value))
            .map(|(column, value)| (column.clone(), value.clone()))
            .collect();
        if new.deleted != old.deleted {
            values.insert("deleted".into(), Value::Bool(new.deleted));
        }
        self.ids.push(id);
        self.values.push(Jsonb(values));
        self.versions.push(new.version);
        self.hlcs.push(new.hlc.clone());
        self.updated_by.push(new.updated_by.clone());
        self.col_versions.push(Jsonb(
            new.col_versions
                .iter()
                .filter(|(column, version)| old.col_versions.get(*column) != Some(version))
                .map(|(column, version)| (column.clone(), Value::from(*version)))
                .collect(),
        ));
        self.col_hlc.push(Jsonb(
            new.col_hlc
                .iter()
                .filter(|(column, hlc)| old.col_hlc.get(*column) != Some(hlc))
                .map(|(column, hlc)| (column.clone(), Value::String(hlc.clone())))
                .collect(),
        ));
    }
}

/// The statement writing [`Changed`] rows of `spec`'s table: `$1` tenant, then its fields
/// as arrays. A changed value is read from JSON as the table types it, by the same
/// conversion [`upsert_sql`] uses; an unchanged one stays as stored.
fn update_sql(spec: &TableSpec) -> String {
    let columns: Vec<String> = spec
        .columns
        .iter()
        .map(|c| c.name)
        .filter(|c| *c != "id")
        .chain(["deleted"])
        .map(|c| format!("{c} = CASE WHEN x.changed ? '{c}' THEN r.{c} ELSE t.{c} END"))
        .collect();
    format!(
        "UPDATE {table} t SET {columns}, version = x.version, hlc = x.hlc, updated_by = x.updated_by,
                col_versions = t.col_versions || x.col_versions, col_hlc = t.col_hlc || x.col_hlc
         FROM unnest($2::uuid[], $3::jsonb[], $4::int8[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])
              AS x(id, changed, version, hlc, updated_by, col_versions, col_hlc)
              CROSS JOIN LATERAL jsonb_populate_record(NULL::{table}, x.changed) AS r
         WHERE t.tenant_id = $1 AND t.id = x.id",
        table = spec.name,
        columns = columns.join(", "),
    )
}
