//! Device sessions for administrators: who is signed in where, and signing a device out.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, SecondsFormat, Utc};
use daftar_protocol::{DeviceSession, Role};
use uuid::Uuid;

use crate::api::ApiError;
use crate::auth::{Auth, Claims, at};
use crate::db::tenant_tx;
use crate::server::AppState;

fn admin(claims: &Claims) -> Result<(), ApiError> {
    if claims.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden("only administrators manage devices"))
    }
}

fn text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `GET /v1/devices`: every session of the school, newest first.
pub async fn list(
    State(state): State<AppState>,
    Auth(claims): Auth,
) -> Result<Json<Vec<DeviceSession>>, ApiError> {
    admin(&claims)?;
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let rows = tx
        .query(
            "SELECT s.id, s.device_id, s.device_name, s.user_id, u.username, s.created_at, s.last_seen_at,
                    s.revoked_at IS NOT NULL, s.revoked_reason
             FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
             WHERE s.tenant_id = $1 ORDER BY s.created_at DESC LIMIT 1000",
            &[&claims.tenant],
        )
        .await?;
    tx.commit().await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| DeviceSession {
                session_id: r.get(0),
                device_id: r.get(1),
                device_name: r.get(2),
                user_id: r.get(3),
                username: r.get(4),
                created_at: text(r.get(5)),
                last_seen_at: text(r.get(6)),
                revoked: r.get(7),
                revoked_reason: r.get(8),
            })
            .collect(),
    ))
}

/// `POST /v1/devices/{session_id}/revoke`: the device's tokens stop working at once.
pub async fn revoke(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Path(session): Path<String>,
) -> Result<StatusCode, ApiError> {
    admin(&claims)?;
    let session: Uuid = session
        .parse()
        .map_err(|_| ApiError::bad_request("not a session id"))?;
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let changed = tx
        .execute(
            "UPDATE sessions SET revoked_at = coalesce(revoked_at, $3) WHERE tenant_id = $1 AND id = $2",
            &[&claims.tenant, &session, &now],
        )
        .await?;
    tx.commit().await?;
    if changed == 0 {
        return Err(ApiError::not_found("no such session in this school"));
    }
    tracing::info!(target: "audit", tenant = %claims.tenant, by = %claims.user, %session, "device revoked");
    Ok(StatusCode::NO_CONTENT)
}
