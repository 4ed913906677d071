//! A record's history from the school's audit log, for those who run the school: every
//! change pushed to it, who made it on which device, each column old → new, newest first.

use axum::Json;
use axum::extract::{Query, State};
use chrono::{DateTime, SecondsFormat, Utc};
use daftar_domain::{Action, policy};
use daftar_protocol::AuditRecord;
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::api::ApiError;
use crate::auth::Auth;
use crate::db::tenant_tx;
use crate::server::AppState;

#[derive(Debug, Deserialize)]
pub struct RecordQuery {
    table: String,
    row: Uuid,
}

/// `GET /v1/audit?table=students&row=ID`: the record's changes, newest first (at most 500).
pub async fn record(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Query(query): Query<RecordQuery>,
) -> Result<Json<Vec<AuditRecord>>, ApiError> {
    if !policy::may(claims.role, Action::RunSchool) {
        return Err(ApiError::forbidden(
            "only those who run the school read its audit log",
        ));
    }
    // The table's name from the domain's own list, never the client's text, is compared.
    let table = daftar_domain::table(&query.table)
        .ok_or_else(|| ApiError::bad_request("no such table"))?
        .name;
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let rows = tx
        .query(
            "SELECT a.at, coalesce(u.username, ''), a.device_id, a.version, a.old, a.new
             FROM audit_log a LEFT JOIN users u ON u.tenant_id = a.tenant_id AND u.id = a.user_id
             WHERE a.tenant_id = $1 AND a.table_name = $2 AND a.row_id = $3
             ORDER BY a.id DESC LIMIT 500",
            &[&claims.tenant, &table, &query.row],
        )
        .await?;
    tx.commit().await?;
    let object = |value: Value| match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    Ok(Json(
        rows.into_iter()
            .map(|r| AuditRecord {
                at: r
                    .get::<_, DateTime<Utc>>(0)
                    .to_rfc3339_opts(SecondsFormat::Secs, true),
                username: r.get(1),
                device_id: r.get(2),
                version: r.get(3),
                old: object(r.get(4)),
                new: object(r.get(5)),
            })
            .collect(),
    ))
}
