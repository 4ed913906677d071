//! `GET /v1/sync/pull` pages through the rows changed after a cursor, oldest change first;
//! `GET /v1/sync/snapshot` streams every row a device may see, for its first sync.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use daftar_domain::TableSpec;
use daftar_protocol::{
    Choice, ConflictRecord, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PullResponse, Row, Side,
    SnapshotHeader, codes,
};
use deadpool_postgres::Transaction;
use futures_util::{StreamExt, pin_mut};
use serde::Deserialize;
use serde_json::Value;

use crate::api::ApiError;
use crate::auth::{Auth, Claims};
use crate::db::{DbError, read_row_typed, row_columns, tenant_view};
use crate::scope::Scope;
use crate::server::AppState;

#[derive(Debug, Deserialize)]
pub struct PullQuery {
    cursor: Option<String>,
    limit: Option<String>,
}

fn bad_cursor(message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, codes::BAD_CURSOR, message)
}

/// Opens a consistent read-only view of the tenant: the change sequence and the rows agree.
async fn snapshot_tx<'c>(
    client: &'c mut deadpool_postgres::Object,
    claims: &Claims,
) -> Result<(Transaction<'c>, i64, Scope), DbError> {
    let (tx, head) = tenant_view(client, claims.tenant).await?;
    let scope = Scope::load(&tx, claims).await?;
    Ok((tx, head, scope))
}

/// The statement reading `select` of `spec`'s visible rows; `$1` tenant, `$2` cursor, `$3`
/// classrooms, `$4` staff, then `tail` (an ORDER BY / LIMIT or nothing).
fn select_sql(spec: &TableSpec, select: &str, filter: &str, tail: &str) -> String {
    format!(
        "WITH scope AS (SELECT $3::uuid[] AS classrooms, $4::uuid AS staff)
         SELECT {select} FROM {table} t
         WHERE t.tenant_id = $1 AND t.version > $2 AND {filter} {tail}",
        table = spec.name
    )
}

/// The statement reading `spec`'s visible rows as the wire carries them: each column's clock
/// stamp stays on the server, so it is not read.
pub(crate) fn rows_sql(spec: &TableSpec, filter: &str, tail: &str) -> String {
    select_sql(spec, &row_columns(spec, &[]), filter, tail)
}

/// The statement finding the conflicts on `table`'s rows visible to the device, recorded or
/// resolved in (`$2`, `$5`]; `$6` narrows it to some conflict ids when given.
pub(crate) fn conflicts_sql(table: &str, filter: &str) -> String {
    format!(
        "WITH scope AS (SELECT $3::uuid[] AS classrooms, $4::uuid AS staff)
         SELECT c.id, c.table_name, c.row_id, c.column_name, c.mine, c.mine_by, c.mine_hlc,
                c.theirs, c.theirs_by, c.theirs_hlc, c.winner, c.at, c.version, c.resolution,
                c.resolved_by
         FROM conflicts c JOIN {table} t ON t.tenant_id = c.tenant_id AND t.id = c.row_id
         WHERE c.tenant_id = $1 AND c.table_name = '{table}' AND c.version > $2 AND c.version <= $5
           AND ($6::uuid[] IS NULL OR c.id = ANY($6::uuid[])) AND {filter}
         ORDER BY c.version"
    )
}

pub(crate) fn conflict_of(row: &tokio_postgres::Row) -> Option<ConflictRecord> {
    let winner: String = row.get(10);
    let at: chrono::DateTime<chrono::Utc> = row.get(11);
    let resolution: Option<String> = row.get(13);
    let choice = |text: &str| serde_json::from_value::<Choice>(Value::String(text.into())).ok();
    Some(ConflictRecord {
        id: row.get(0),
        table: row.get(1),
        row_id: row.get(2),
        column: row.get(3),
        mine: row.get(4),
        mine_by: row.get(5),
        mine_hlc: row.get(6),
        theirs: row.get(7),
        theirs_by: row.get(8),
        theirs_hlc: row.get(9),
        winner: if winner == "mine" {
            Side::Mine
        } else {
            Side::Theirs
        },
        at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        version: row.get(12),
        resolution: match resolution {
            Some(text) => Some(choice(&text)?),
            None => None,
        },
        resolved_by: row.get(14),
    })
}

/// Conflicts recorded or resolved after `after` up to `upto`, on rows this device may see.
/// Conflicts are rare: one cheap look tells which tables have any.
pub(crate) async fn conflicts_between(
    tx: &Transaction<'_>,
    claims: &Claims,
    scope: &Scope,
    after: i64,
    upto: i64,
) -> Result<Vec<ConflictRecord>, DbError> {
    let tables = tx
        .query(
            "SELECT DISTINCT table_name FROM conflicts
             WHERE tenant_id = $1 AND version > $2 AND version <= $3",
            &[&claims.tenant, &after, &upto],
        )
        .await?;
    let mut found = Vec::new();
    for table in tables {
        let name: String = table.get(0);
        let Some(spec) = daftar_domain::table(&name) else {
            continue;
        };
        let Some(filter) = scope.filter(spec.name) else {
            continue;
        };
        let ids: Option<Vec<uuid::Uuid>> = None;
        for row in tx
            .query(
                &conflicts_sql(spec.name, filter),
                &[
                    &claims.tenant,
                    &after,
                    &scope.reach.classrooms,
                    &scope.staff,
                    &upto,
                    &ids,
                ],
            )
            .await?
        {
            found.extend(conflict_of(&row));
        }
    }
    found.sort_by_key(|c| c.version);
    Ok(found)
}

pub(crate) fn to_row(spec: &TableSpec, row: &tokio_postgres::Row) -> Option<Row> {
    let (id, row) = read_row_typed(spec, row, &[])?;
    Some(row.into_wire(spec.name, id))
}

pub async fn pull(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Query(query): Query<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    let cursor: i64 = match &query.cursor {
        None => 0,
        Some(text) => text
            .parse()
            .ok()
            .filter(|c| *c >= 0)
            .ok_or_else(|| bad_cursor("the cursor must be a whole number from 0"))?,
    };
    let limit: i64 = match &query.limit {
        None => DEFAULT_PULL_LIMIT,
        Some(text) => text
            .parse()
            .ok()
            .filter(|l| (1..=MAX_PULL_LIMIT).contains(l))
            .ok_or_else(|| {
                ApiError::bad_request(format!("limit must be from 1 to {MAX_PULL_LIMIT}"))
            })?,
    };
    let mut client = state.read_db.get().await?;
    let (tx, head, scope) = snapshot_tx(&mut client, &claims).await?;
    if cursor > head {
        return Err(bad_cursor(format!(
            "the cursor {cursor} is ahead of this school's changes ({head}); start again from a snapshot"
        )));
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut table_full = false;
    for spec in daftar_domain::TABLES {
        let Some(filter) = scope.filter(spec.name) else {
            continue;
        };
        let sql = rows_sql(spec, filter, "ORDER BY t.version LIMIT $5");
        let found = tx
            .query(
                &sql,
                &[
                    &claims.tenant,
                    &cursor,
                    &scope.reach.classrooms,
                    &scope.staff,
                    &limit,
                ],
            )
            .await?;
        table_full |= found.len() as i64 == limit;
        rows.extend(found.iter().filter_map(|r| to_row(spec, r)));
    }
    // Each table gave its oldest `limit`; together their oldest `limit` are the page.
    rows.sort_by_key(|r| r.version);
    let more = rows.len() as i64 > limit || table_full;
    rows.truncate(limit as usize);
    let next = match rows.last() {
        Some(last) if more => last.version,
        // Nothing more to see: skip past changes this device may not see as well.
        _ => head,
    };
    let conflicts = conflicts_between(&tx, &claims, &scope, cursor, next).await?;
    tx.commit().await?;
    Ok(Json(PullResponse {
        rows,
        cursor: next,
        more,
        scope: scope.fingerprint(),
        conflicts,
    }))
}

/// Streams `SnapshotHeader` then one `Row` a line, parents first. One read-only transaction
/// gives the count, the rows and the cursor, so they agree. The body is produced as it is
/// read from the database, so memory stays flat whatever the school's size; a failure before
/// the header is an ordinary error answer, one after it cuts the stream short.
pub async fn snapshot(
    State(state): State<AppState>,
    Auth(claims): Auth,
) -> Result<Response, ApiError> {
    let ((), body) = spawn_body("snapshot", move |sender, started| async move {
        stream_snapshot(&state, &claims, &sender, started).await
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response())
}

/// A body's bytes as its producer sends them; an error cuts the body short.
pub(crate) type Chunks = tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>;

/// A response body produced in a task of its own by `produce`, which first reports on its
/// oneshot whether it can begin (with what the response's headers need): a failure before
/// that is an ordinary error answer, one after it cuts the body short. `what` names the
/// stream in the log and in the messages.
pub(crate) async fn spawn_body<T, F>(
    what: &'static str,
    produce: impl FnOnce(Chunks, tokio::sync::oneshot::Sender<Result<T, DbError>>) -> F + Send + 'static,
) -> Result<(T, Body), ApiError>
where
    T: Send + 'static,
    F: Future<Output = Result<(), DbError>> + Send + 'static,
{
    let (sender, receiver) = tokio::sync::mpsc::channel(16);
    let (ready, readied) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let cut = sender.clone();
        if let Err(error) = produce(sender, ready).await {
            tracing::error!(%error, "{what} stream failed");
            let _ = cut
                .send(Err(std::io::Error::other(format!(
                    "the {what} stopped early"
                ))))
                .await;
        }
    });
    let begun = match readied.await {
        Ok(Ok(begun)) => begun,
        Ok(Err(error)) => return Err(error.into()),
        Err(_) => {
            return Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL,
                format!("the {what} could not start"),
            ));
        }
    };
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    })
    .fuse();
    Ok((begun, Body::from_stream(stream)))
}

/// Reports on `started` whether the header went out; errors after that are returned.
async fn stream_snapshot(
    state: &AppState,
    claims: &Claims,
    sender: &Chunks,
    started: tokio::sync::oneshot::Sender<Result<(), DbError>>,
) -> Result<(), DbError> {
    const CHUNK: usize = 256 * 1024;
    let mut client = match state.read_db.get().await {
        Ok(client) => client,
        Err(error) => {
            let _ = started.send(Err(error.into()));
            return Ok(());
        }
    };
    let opened = async {
        let (tx, head, scope) = snapshot_tx(&mut client, claims).await?;
        let mut rows = 0;
        for spec in daftar_domain::TABLES {
            if let Some(filter) = scope.filter(spec.name) {
                let sql = select_sql(spec, "count(*)", filter, "");
                let count: i64 = tx
                    .query_one(
                        &sql,
                        &[&claims.tenant, &0i64, &scope.reach.classrooms, &scope.staff],
                    )
                    .await?
                    .get(0);
                rows += count;
            }
        }
        let header = SnapshotHeader {
            cursor: head,
            rows,
            scope: scope.fingerprint(),
        };
        Ok::<_, DbError>((tx, scope, header))
    }
    .await;
    let (tx, scope, header) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            let _ = started.send(Err(error));
            return Ok(());
        }
    };
    let _ = started.send(Ok(()));
    let mut buffer = serde_json::to_vec(&header).expect("header serializes");
    buffer.push(b'\n');
    for spec in daftar_domain::TABLES {
        let Some(filter) = scope.filter(spec.name) else {
            continue;
        };
        let sql = rows_sql(spec, filter, "");
        let zero = 0i64;
        let params: [&(dyn tokio_postgres::types::ToSql + Sync); 4] =
            [&claims.tenant, &zero, &scope.reach.classrooms, &scope.staff];
        let rows = tx.query_raw(&sql, params).await?;
        pin_mut!(rows);
        while let Some(row) = rows.next().await {
            if let Some(row) = to_row(spec, &row?) {
                serde_json::to_writer(&mut buffer, &row).expect("rows serialize");
                buffer.push(b'\n');
            }
            if buffer.len() >= CHUNK {
                let chunk = Bytes::from(std::mem::take(&mut buffer));
                if sender.send(Ok(chunk)).await.is_err() {
                    return Ok(()); // The client went away.
                }
            }
        }
    }
    if !buffer.is_empty() {
        let _ = sender.send(Ok(Bytes::from(buffer))).await;
    }
    tx.commit().await?;
    Ok(())
}
