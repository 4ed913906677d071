//! A school's accounts, managed by its own administrators (the one role policy decides
//! who: those who run the school): listing them, creating a colleague's with a one-time
//! password, changing a role or a staff record, disabling, resetting a password, signing
//! an account's devices out; each change in the school's account history, and a person
//! replacing their own password. Changes are rate-limited per administrator.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, SecondsFormat, Utc};
use daftar_domain::{Action, policy};
use daftar_protocol::{
    AccountChange, AccountEvent, AccountInfo, NewAccount, PasswordChange, Role, codes,
};
use tokio_postgres::Transaction;
use uuid::Uuid;

use crate::api::{ApiError, ApiJson};
use crate::auth::{Auth, Claims, at, check_password, hash_password, too_many};
use crate::db::tenant_tx;
use crate::server::AppState;

/// Passwords an administrator sets, and those people choose, are at least this long.
pub const MIN_PASSWORD: usize = 10;
const MAX_PASSWORD: usize = 200;

fn manager(claims: &Claims) -> Result<(), ApiError> {
    if policy::may(claims.role, Action::RunSchool) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only those who run the school manage its accounts",
        ))
    }
}

fn text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn check_new_password(password: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::WEAK_PASSWORD,
            format!("a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters"),
        ));
    }
    Ok(())
}

async fn hashed(password: &str) -> Result<String, ApiError> {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL,
                e.to_string(),
            )
        })?
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL,
                e.to_string(),
            )
        })
}

fn limited(state: &AppState, claims: &Claims) -> Result<(), ApiError> {
    state
        .account_changes
        .hit(&claims.user.to_string(), state.clock.now_millis())
        .map_err(|seconds| too_many("account changes", seconds))
}

async fn record(
    tx: &Transaction<'_>,
    claims: &Claims,
    now: DateTime<Utc>,
    user: Uuid,
    action: &str,
    detail: &str,
) -> Result<(), ApiError> {
    tx.execute(
        "INSERT INTO account_events (tenant_id, id, at, by_user, user_id, action, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &claims.tenant,
            &Uuid::now_v7(),
            &now,
            &claims.user,
            &user,
            &action,
            &detail,
        ],
    )
    .await?;
    tracing::info!(target: "audit", tenant = %claims.tenant, by = %claims.user, %user, action, "account changed");
    Ok(())
}

async fn sign_out_all(
    tx: &Transaction<'_>,
    tenant: Uuid,
    user: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    Ok(tx
        .execute(
            "UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL",
            &[&tenant, &user, &now],
        )
        .await?)
}

async fn account(
    tx: &Transaction<'_>,
    tenant: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<AccountInfo>, ApiError> {
    let rows = accounts_where(tx, tenant, Some(id), now).await?;
    Ok(rows.into_iter().next())
}

async fn accounts_where(
    tx: &Transaction<'_>,
    tenant: Uuid,
    id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Vec<AccountInfo>, ApiError> {
    let rows = tx
        .query(
            "SELECT u.id, u.username, u.role, u.staff_id, u.disabled, u.must_change_password,
                    coalesce(u.locked_until > $3, false), u.created_at,
                    (SELECT count(*) FROM sessions s
                     WHERE s.tenant_id = u.tenant_id AND s.user_id = u.id AND s.revoked_at IS NULL)
             FROM users u WHERE u.tenant_id = $1 AND ($2::uuid IS NULL OR u.id = $2)
             ORDER BY lower(u.username) LIMIT 5000",
            &[&tenant, &id, &now],
        )
        .await?;
    rows.into_iter()
        .map(|r| {
            let role: String = r.get(2);
            Ok(AccountInfo {
                id: r.get(0),
                username: r.get(1),
                role: role.parse().map_err(|e: daftar_domain::DomainError| {
                    ApiError::bad_request(e.to_string())
                })?,
                staff_id: r.get(3),
                disabled: r.get(4),
                must_change_password: r.get(5),
                locked: r.get(6),
                created_at: text(r.get(7)),
                devices: r.get(8),
            })
        })
        .collect()
}

/// `GET /v1/accounts`: the school's accounts.
pub async fn list(
    State(state): State<AppState>,
    Auth(claims): Auth,
) -> Result<Json<Vec<AccountInfo>>, ApiError> {
    manager(&claims)?;
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let accounts = accounts_where(&tx, claims.tenant, None, now).await?;
    tx.commit().await?;
    Ok(Json(accounts))
}

/// Checks an account's role against its staff record: a teacher needs one (their
/// classrooms follow from it), and the record must be the school's.
async fn check_staff(
    tx: &Transaction<'_>,
    tenant: Uuid,
    role: Role,
    staff: Option<Uuid>,
) -> Result<(), ApiError> {
    match staff {
        None if role == Role::Teacher => Err(ApiError::bad_request(
            "a teacher's account needs their staff record",
        )),
        None => Ok(()),
        Some(id) => {
            let found = tx
                .query_opt(
                    "SELECT 1 FROM staff WHERE tenant_id = $1 AND id = $2 AND NOT deleted",
                    &[&tenant, &id],
                )
                .await?;
            found.map(drop).ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    codes::MISSING_REFERENCE,
                    "no such member of staff in this school (has it been synced?)",
                )
            })
        }
    }
}

/// `POST /v1/accounts`: a colleague's account with a one-time password.
pub async fn create(
    State(state): State<AppState>,
    Auth(claims): Auth,
    ApiJson(new): ApiJson<NewAccount>,
) -> Result<(StatusCode, Json<AccountInfo>), ApiError> {
    manager(&claims)?;
    limited(&state, &claims)?;
    let username = new.username.trim();
    if username.is_empty()
        || username.chars().count() > 100
        || username.chars().any(char::is_whitespace)
    {
        return Err(ApiError::bad_request(
            "a username has 1 to 100 characters and no spaces",
        ));
    }
    check_new_password(&new.password)?;
    let hash = hashed(&new.password).await?;
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    check_staff(&tx, claims.tenant, new.role, new.staff_id).await?;
    let taken = tx
        .query_opt(
            "SELECT 1 FROM users WHERE tenant_id = $1 AND lower(username) = lower($2)",
            &[&claims.tenant, &username],
        )
        .await?;
    if taken.is_some() {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            codes::DUPLICATE,
            format!("the username {username:?} is taken"),
        ));
    }
    let id = Uuid::now_v7();
    tx.execute(
        "INSERT INTO users (tenant_id, id, username, role, staff_id, password_hash, must_change_password, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7)",
        &[&claims.tenant, &id, &username, &new.role.as_str(), &new.staff_id, &hash, &now],
    )
    .await?;
    record(
        &tx,
        &claims,
        now,
        id,
        "created",
        &format!("{username} as {}", new.role.as_str()),
    )
    .await?;
    let created = account(&tx, claims.tenant, id, now).await?;
    tx.commit().await?;
    let created = created.ok_or_else(|| ApiError::not_found("the new account"))?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `POST /v1/accounts/{id}`: a role, a staff record, disabled or not, a one-time password,
/// or its devices signed out. An administrator cannot take their own rights away.
pub async fn change(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Path(id): Path<String>,
    ApiJson(change): ApiJson<AccountChange>,
) -> Result<Json<AccountInfo>, ApiError> {
    manager(&claims)?;
    limited(&state, &claims)?;
    let id: Uuid = id
        .parse()
        .map_err(|_| ApiError::bad_request("not an account id"))?;
    if id == claims.user
        && (change.disabled == Some(true) || change.role.is_some_and(|r| r != claims.role))
    {
        return Err(ApiError::forbidden(
            "you cannot disable your own account or change your own role",
        ));
    }
    if let Some(password) = &change.password {
        check_new_password(password)?;
    }
    let hash = match &change.password {
        Some(password) => Some(hashed(password).await?),
        None => None,
    };
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let Some(before) = account(&tx, claims.tenant, id, now).await? else {
        return Err(ApiError::not_found("no such account in this school"));
    };
    let role = change.role.unwrap_or(before.role);
    let staff = change.staff_id.or(before.staff_id);
    if change.role.is_some() || change.staff_id.is_some() {
        check_staff(&tx, claims.tenant, role, staff).await?;
        tx.execute(
            "UPDATE users SET role = $3, staff_id = $4 WHERE tenant_id = $1 AND id = $2",
            &[&claims.tenant, &id, &role.as_str(), &staff],
        )
        .await?;
        if role != before.role {
            record(&tx, &claims, now, id, "role", role.as_str()).await?;
        }
        if staff != before.staff_id {
            let staff = staff.map(|s| s.to_string()).unwrap_or_default();
            record(&tx, &claims, now, id, "staff", &staff).await?;
        }
    }
    if let Some(disabled) = change.disabled {
        tx.execute(
            "UPDATE users SET disabled = $3 WHERE tenant_id = $1 AND id = $2",
            &[&claims.tenant, &id, &disabled],
        )
        .await?;
        if disabled {
            sign_out_all(&tx, claims.tenant, id, now).await?;
        }
        record(
            &tx,
            &claims,
            now,
            id,
            if disabled { "disabled" } else { "enabled" },
            "",
        )
        .await?;
    }
    if let Some(hash) = hash {
        tx.execute(
            "UPDATE users SET password_hash = $3, must_change_password = true, failed_logins = 0,
                              locked_until = NULL
             WHERE tenant_id = $1 AND id = $2",
            &[&claims.tenant, &id, &hash],
        )
        .await?;
        sign_out_all(&tx, claims.tenant, id, now).await?;
        record(&tx, &claims, now, id, "password-reset", "").await?;
    }
    if change.sign_out {
        let ended = sign_out_all(&tx, claims.tenant, id, now).await?;
        record(
            &tx,
            &claims,
            now,
            id,
            "signed-out",
            &format!("{ended} devices"),
        )
        .await?;
    }
    let after = account(&tx, claims.tenant, id, now).await?;
    tx.commit().await?;
    after
        .map(Json)
        .ok_or_else(|| ApiError::not_found("no such account in this school"))
}

/// `GET /v1/accounts/history`: the school's account changes, newest first.
pub async fn history(
    State(state): State<AppState>,
    Auth(claims): Auth,
) -> Result<Json<Vec<AccountEvent>>, ApiError> {
    manager(&claims)?;
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let rows = tx
        .query(
            "SELECT e.at, coalesce(b.username, ''), coalesce(u.username, ''), e.action, e.detail
             FROM account_events e
             LEFT JOIN users b ON b.tenant_id = e.tenant_id AND b.id = e.by_user
             LEFT JOIN users u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
             WHERE e.tenant_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT 500",
            &[&claims.tenant],
        )
        .await?;
    tx.commit().await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| AccountEvent {
                at: text(r.get(0)),
                by: r.get(1),
                username: r.get(2),
                action: r.get(3),
                detail: r.get(4),
            })
            .collect(),
    ))
}

/// `POST /v1/auth/password`: the person replaces their own password (the one an
/// administrator set, or any). Other devices of theirs stay signed in.
pub async fn change_own(
    State(state): State<AppState>,
    Auth(claims): Auth,
    ApiJson(change): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    limited(&state, &claims)?;
    check_new_password(&change.new)?;
    if change.current.len() > MAX_PASSWORD * 4 {
        return Err(ApiError::bad_request("the current password is too long"));
    }
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let row = tx
        .query_one(
            "SELECT password_hash FROM users WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
            &[&claims.tenant, &claims.user],
        )
        .await?;
    if !check_password(&change.current, row.get(0)).await {
        return Err(ApiError::unauthenticated(
            codes::BAD_CREDENTIALS,
            "the current password is not right",
        ));
    }
    if change.current == change.new {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::WEAK_PASSWORD,
            "the new password must differ from the one set for you",
        ));
    }
    let hash = hashed(&change.new).await?;
    tx.execute(
        "UPDATE users SET password_hash = $3, must_change_password = false WHERE tenant_id = $1 AND id = $2",
        &[&claims.tenant, &claims.user, &hash],
    )
    .await?;
    record(&tx, &claims, now, claims.user, "password-changed", "").await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
