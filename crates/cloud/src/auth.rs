//! Accounts and device sessions: argon2id passwords, signed short-lived access tokens,
//! revocable refresh tokens, sign-in rate limits and lockout, and a log of every attempt.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::Mutex;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, Utc};
use daftar_protocol::{LoginRequest, RefreshRequest, Role, Session, codes};
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::api::{ApiError, ApiJson};
use crate::db::{tenant_by_slug, tenant_tx};
use crate::server::AppState;

/// The longest username or password considered; longer ones are refused unhashed.
const MAX_CREDENTIAL: usize = 200;

pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::encode_b64(&random_bytes::<16>())?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Argon2 takes tens of milliseconds of CPU on purpose: off the async workers.
pub(crate) async fn check_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false)
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

/// What an access token asserts. Short-lived; the session is still checked on each use so
/// that revoking a device takes effect at once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    #[serde(rename = "t")]
    pub tenant: Uuid,
    #[serde(rename = "u")]
    pub user: Uuid,
    #[serde(rename = "s")]
    pub session: Uuid,
    #[serde(rename = "d")]
    pub device: Uuid,
    #[serde(rename = "r")]
    pub role: Role,
    #[serde(rename = "st")]
    pub staff: Option<Uuid>,
    pub exp: i64,
}

impl Claims {
    /// `user/device`, as rows record who changed them.
    pub fn stamp(&self) -> String {
        format!("{}/{}", self.user, self.device)
    }
}

type HmacSha256 = Hmac<Sha256>;

fn sign(secret: &[u8], claims: &Claims) -> String {
    let payload = B64.encode(serde_json::to_vec(claims).expect("claims serialize"));
    let mut mac = HmacSha256::new_from_slice(secret).expect("any key length");
    mac.update(payload.as_bytes());
    format!("{payload}.{}", B64.encode(mac.finalize().into_bytes()))
}

fn verify(secret: &[u8], token: &str) -> Option<Claims> {
    let (payload, signature) = token.split_once('.')?;
    let mut mac = HmacSha256::new_from_slice(secret).ok()?;
    mac.update(payload.as_bytes());
    mac.verify_slice(&B64.decode(signature).ok()?).ok()?;
    serde_json::from_slice(&B64.decode(payload).ok()?).ok()
}

fn refresh_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// The refresh secret that replaces `secret` at a rotation: derived, not drawn, so a retry
/// of the same refresh within the grace period gets the same new token without the server
/// keeping any token itself (only hashes).
fn next_refresh_secret(key: &[u8], session: Uuid, secret: &str) -> String {
    let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
    mac.update(b"daftar refresh rotation\0");
    mac.update(session.as_bytes());
    mac.update(secret.as_bytes());
    B64.encode(mac.finalize().into_bytes())
}

/// A sliding one-minute window of attempts per key, in memory: one server process.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    hits: Mutex<HashMap<String, VecDeque<u64>>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt; `Err(seconds)` when the key has used its minute.
    pub fn hit(&self, key: &str, now_ms: u64) -> Result<(), u64> {
        const WINDOW: u64 = 60_000;
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        if hits.len() > 100_000 {
            hits.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now_ms.saturating_sub(*t) < WINDOW)
            });
        }
        let times = hits.entry(key.to_string()).or_default();
        while times
            .front()
            .is_some_and(|t| now_ms.saturating_sub(*t) >= WINDOW)
        {
            times.pop_front();
        }
        if times.len() as u32 >= self.per_minute {
            let oldest = times.front().copied().unwrap_or(now_ms);
            return Err((WINDOW - now_ms.saturating_sub(oldest))
                .div_ceil(1000)
                .max(1));
        }
        times.push_back(now_ms);
        Ok(())
    }
}

fn rate_limited(seconds: u64) -> ApiError {
    too_many("sign-in attempts", seconds)
}

/// `429 rate-limited` for `what` that has used its minute, with when to try again.
pub(crate) fn too_many(what: &str, seconds: u64) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        codes::RATE_LIMITED,
        format!("too many {what}; try again in {seconds} s"),
    );
    error.retry_after = Some(seconds);
    error
}

fn bad_credentials() -> ApiError {
    ApiError::unauthenticated(codes::BAD_CREDENTIALS, "wrong school, username or password")
}

pub(crate) fn at(ms: u64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms as i64).unwrap_or_default()
}

/// `POST /v1/auth/login`.
pub async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<Session>, ApiError> {
    let now_ms = state.clock.now_millis();
    let address = peer.ip().to_string();
    if request.username.len() > MAX_CREDENTIAL
        || request.password.len() > MAX_CREDENTIAL
        || request.tenant.len() > 64
        || request.device_name.chars().count() > 200
    {
        return Err(ApiError::bad_request("sign-in fields are too long"));
    }
    state
        .login_by_address
        .hit(&address, now_ms)
        .map_err(rate_limited)?;
    let account = format!("{}/{}", request.tenant, request.username.to_lowercase());
    state
        .login_by_account
        .hit(&account, now_ms)
        .map_err(rate_limited)?;

    let mut client = state.db.get().await?;
    let Some(tenant) = tenant_by_slug(&client, &request.tenant).await? else {
        // Spend the same time as a real check, so a school's existence does not leak.
        check_password(&request.password, &state.dummy_hash).await;
        tracing::info!(target: "login", tenant = %request.tenant, username = %request.username, %address, outcome = "unknown-school");
        return Err(bad_credentials());
    };
    let now = at(now_ms);
    let tx = tenant_tx(&mut client, tenant).await?;
    let user = tx
        .query_opt(
            "SELECT id, role, staff_id, password_hash, failed_logins, locked_until, disabled,
                    must_change_password
             FROM users WHERE tenant_id = $1 AND lower(username) = lower($2) FOR UPDATE",
            &[&tenant, &request.username],
        )
        .await?;
    let outcome: Result<(Uuid, Role, Option<Uuid>, bool), ApiError>;
    let label;
    match user {
        None => {
            check_password(&request.password, &state.dummy_hash).await;
            label = "unknown-user";
            outcome = Err(bad_credentials());
        }
        Some(row) => {
            let id: Uuid = row.get(0);
            let locked_until: Option<DateTime<Utc>> = row.get(5);
            if row.get::<_, bool>(6) {
                label = "disabled";
                outcome = Err(bad_credentials());
            } else if locked_until.is_some_and(|until| until > now) {
                let seconds = (locked_until.unwrap() - now).num_seconds().max(1) as u64;
                label = "locked";
                let mut error = ApiError::new(
                    StatusCode::LOCKED,
                    codes::ACCOUNT_LOCKED,
                    format!("too many wrong passwords; this account is locked for {seconds} s"),
                );
                error.retry_after = Some(seconds);
                outcome = Err(error);
            } else if check_password(&request.password, row.get(3)).await {
                tx.execute(
                    "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2",
                    &[&tenant, &id],
                )
                .await?;
                let role: String = row.get(1);
                label = "ok";
                outcome = Ok((
                    id,
                    role.parse().map_err(|e: daftar_domain::DomainError| {
                        ApiError::bad_request(e.to_string())
                    })?,
                    row.get(2),
                    row.get(7),
                ));
            } else {
                let failures: i32 = row.get::<_, i32>(4) + 1;
                let lock = failures >= state.config.lockout_failures;
                let until = lock.then(|| now + state.config.lockout);
                tx.execute(
                    "UPDATE users SET failed_logins = $3, locked_until = $4 WHERE tenant_id = $1 AND id = $2",
                    &[&tenant, &id, &if lock { 0 } else { failures }, &until],
                )
                .await?;
                label = if lock {
                    "wrong-password-locked"
                } else {
                    "wrong-password"
                };
                outcome = Err(bad_credentials());
            }
        }
    }
    tx.execute(
        "INSERT INTO login_attempts (tenant_id, at, username, address, outcome) VALUES ($1, $2, $3, $4, $5)",
        &[&tenant, &now, &request.username, &address, &label],
    )
    .await?;
    tracing::info!(target: "login", %tenant, username = %request.username, %address, outcome = label);
    let (user, role, staff, must_change) = match outcome {
        Ok(found) => found,
        Err(error) => {
            tx.commit().await?;
            return Err(error);
        }
    };
    // One live session a device: signing in again replaces the old one.
    tx.execute(
        "UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND device_id = $2 AND revoked_at IS NULL",
        &[&tenant, &request.device_id, &now],
    )
    .await?;
    let session = Uuid::now_v7();
    let secret = B64.encode(random_bytes::<32>());
    tx.execute(
        "INSERT INTO sessions (tenant_id, id, user_id, device_id, device_name, refresh_hash, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        &[&tenant, &session, &user, &request.device_id, &request.device_name, &refresh_hash(&secret), &now],
    )
    .await?;
    tx.commit().await?;
    let claims = Claims {
        tenant,
        user,
        session,
        device: request.device_id,
        role,
        staff,
        exp: 0,
    };
    Ok(Json(issue(&state, claims, &secret, now_ms, must_change)))
}

fn issue(
    state: &AppState,
    mut claims: Claims,
    secret: &str,
    now_ms: u64,
    must_change_password: bool,
) -> Session {
    claims.exp = (now_ms / 1000) as i64 + state.config.access_token_ttl.as_secs() as i64;
    Session {
        tenant_id: claims.tenant,
        user_id: claims.user,
        session_id: claims.session,
        role: claims.role,
        staff_id: claims.staff,
        access_token: sign(&state.config.token_secret, &claims),
        access_expires_at: claims.exp,
        refresh_token: format!("{}.{}.{secret}", claims.tenant, claims.session),
        must_change_password,
    }
}

/// `POST /v1/auth/refresh`: spends a refresh token for a new pair.
pub async fn refresh(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RefreshRequest>,
) -> Result<Json<Session>, ApiError> {
    let invalid = || {
        ApiError::unauthenticated(
            codes::UNAUTHENTICATED,
            "this sign-in is no longer valid; sign in again",
        )
    };
    let mut parts = request.refresh_token.splitn(3, '.');
    let (Some(tenant), Some(session), Some(secret)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    let (Ok(tenant), Ok(session)) = (Uuid::parse_str(tenant), Uuid::parse_str(session)) else {
        return Err(invalid());
    };
    let now_ms = state.clock.now_millis();
    let now = at(now_ms);
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, tenant).await?;
    let row = tx
        .query_opt(
            "SELECT s.refresh_hash, s.revoked_at IS NOT NULL, s.user_id, s.device_id, u.role, u.staff_id, u.disabled,
                    s.previous_refresh_hash, s.rotated_at, u.must_change_password
             FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
             WHERE s.tenant_id = $1 AND s.id = $2 FOR UPDATE OF s",
            &[&tenant, &session],
        )
        .await?
        .ok_or_else(invalid)?;
    let given = refresh_hash(secret);
    let current: Vec<u8> = row.get(0);
    let previous: Option<Vec<u8>> = row.get(7);
    let rotated_at: Option<chrono::DateTime<chrono::Utc>> = row.get(8);
    let is_current = constant_time_eq(&current, &given);
    let is_previous = previous.is_some_and(|p| constant_time_eq(&p, &given));
    if !is_current && !is_previous {
        return Err(invalid());
    }
    if row.get::<_, bool>(1) || row.get::<_, bool>(6) {
        return Err(ApiError::unauthenticated(
            codes::SESSION_REVOKED,
            "this device was signed out; sign in again",
        ));
    }
    let new_secret = next_refresh_secret(&state.config.token_secret, session, secret);
    if is_current {
        tx.execute(
            "UPDATE sessions SET refresh_hash = $3, previous_refresh_hash = $4, rotated_at = $5,
                                 last_seen_at = $5
             WHERE tenant_id = $1 AND id = $2",
            &[&tenant, &session, &refresh_hash(&new_secret), &given, &now],
        )
        .await?;
    } else {
        let grace = chrono::Duration::from_std(state.config.refresh_grace).unwrap_or_default();
        let within_grace = rotated_at.is_some_and(|at| now - at <= grace);
        if !within_grace {
            // A spent token came back after its grace: someone holds a copy (OAuth 2.0
            // security BCP, refresh token reuse). The session ends for both holders.
            tx.execute(
                "UPDATE sessions SET revoked_at = $3, revoked_reason = 'refresh-token-reuse'
                 WHERE tenant_id = $1 AND id = $2",
                &[&tenant, &session, &now],
            )
            .await?;
            tx.commit().await?;
            tracing::warn!(%tenant, %session, "a spent refresh token was replayed: session revoked");
            return Err(ApiError::unauthenticated(
                codes::SESSION_REVOKED,
                "this sign-in was used from elsewhere and has been ended; sign in again",
            ));
        }
        // The answer to the refresh before was lost: the same new token again.
        tx.execute(
            "UPDATE sessions SET last_seen_at = $3 WHERE tenant_id = $1 AND id = $2",
            &[&tenant, &session, &now],
        )
        .await?;
    }
    tx.commit().await?;
    let secret = new_secret;
    let role: String = row.get(4);
    let claims = Claims {
        tenant,
        user: row.get(2),
        session,
        device: row.get(3),
        role: role
            .parse()
            .map_err(|e: daftar_domain::DomainError| ApiError::bad_request(e.to_string()))?,
        staff: row.get(5),
        exp: 0,
    };
    Ok(Json(issue(&state, claims, &secret, now_ms, row.get(9))))
}

/// `POST /v1/auth/logout`: ends this device's session.
pub async fn logout(State(state): State<AppState>, auth: Auth) -> Result<StatusCode, ApiError> {
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, auth.0.tenant).await?;
    tx.execute(
        "UPDATE sessions SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL",
        &[&auth.0.tenant, &auth.0.session, &now],
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A request made with a valid access token of a live session.
#[derive(Debug, Clone)]
pub struct Auth(pub Claims);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::unauthenticated(codes::UNAUTHENTICATED, "sign in first"))?;
        let claims = verify(&state.config.token_secret, token).ok_or_else(|| {
            ApiError::unauthenticated(codes::UNAUTHENTICATED, "the access token is not valid")
        })?;
        let now_ms = state.clock.now_millis();
        if (now_ms / 1000) as i64 >= claims.exp {
            return Err(ApiError::unauthenticated(
                codes::TOKEN_EXPIRED,
                "the access token has expired; refresh it",
            ));
        }
        let now = at(now_ms);
        let mut client = state.db.get().await?;
        let tx = tenant_tx(&mut client, claims.tenant).await?;
        let live = tx
            .query_opt(
                "SELECT s.revoked_at IS NULL AND NOT u.disabled, s.last_seen_at, u.must_change_password
                 FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
                 WHERE s.tenant_id = $1 AND s.id = $2",
                &[&claims.tenant, &claims.session],
            )
            .await?;
        match live {
            Some(row) if row.get::<_, bool>(0) => {
                // Until a password an administrator set is replaced, the session may only
                // replace it (or end).
                let path = parts.uri.path();
                if row.get::<_, bool>(2)
                    && !path.ends_with("/auth/password")
                    && !path.ends_with("/auth/logout")
                {
                    tx.commit().await?;
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        codes::PASSWORD_CHANGE_REQUIRED,
                        "choose your own password before anything else",
                    ));
                }
                let seen: DateTime<Utc> = row.get(1);
                if now - seen > chrono::Duration::seconds(60) {
                    tx.execute(
                        "UPDATE sessions SET last_seen_at = $3 WHERE tenant_id = $1 AND id = $2",
                        &[&claims.tenant, &claims.session, &now],
                    )
                    .await?;
                }
                tx.commit().await?;
                Ok(Auth(claims))
            }
            _ => Err(ApiError::unauthenticated(
                codes::SESSION_REVOKED,
                "this device was signed out; sign in again",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            tenant: Uuid::now_v7(),
            user: Uuid::now_v7(),
            session: Uuid::now_v7(),
            device: Uuid::now_v7(),
            role: Role::Teacher,
            staff: None,
            exp: 99,
        }
    }

    #[test]
    fn tokens_are_signed() {
        let token = sign(b"secret-one", &claims());
        assert!(verify(b"secret-one", &token).is_some());
        assert!(verify(b"secret-two", &token).is_none());
        // A payload edited to another tenant or role no longer matches its signature.
        let (_, signature) = token.split_once('.').unwrap();
        let mut forged = claims();
        forged.role = Role::Admin;
        let payload = B64.encode(serde_json::to_vec(&forged).unwrap());
        assert!(verify(b"secret-one", &format!("{payload}.{signature}")).is_none());
        assert!(verify(b"secret-one", "garbage").is_none());
    }

    #[test]
    fn passwords_hash_with_argon2id() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
    }

    #[test]
    fn the_limiter_counts_a_sliding_minute() {
        let limiter = RateLimiter::new(2);
        assert!(limiter.hit("a", 0).is_ok());
        assert!(limiter.hit("a", 1_000).is_ok());
        assert_eq!(limiter.hit("a", 2_000), Err(58));
        assert!(limiter.hit("b", 2_000).is_ok());
        assert!(limiter.hit("a", 60_001).is_ok());
    }
}
