//! Sending what the queue holds. A worker in every `daftar-cloud` process claims due messages
//! school by school with `FOR UPDATE SKIP LOCKED` (so processes sharing a database never take
//! the same row) under a lease (a process killed mid-send leaves rows another takes up once
//! the lease ends), hands each to its channel's provider, and records what became of it:
//! sent under the provider's id, queued again after a doubling delay with jitter, failed
//! for good, or dead after the school's last attempt, with the reason.
//!
//! **SMS** goes to the school's HTTP gateway: `POST {sms_url}` with
//! `{"id", "to", "text", "segments"}` (the id is ours, so a gateway can drop a repeat), and
//! the headers `X-Daftar-Timestamp` (Unix seconds) and `X-Daftar-Signature`, the hex
//! HMAC-SHA256 under the school's `sms_key` of `"{timestamp}.{body}"`. A 2xx with
//! `{"message_id"}` is accepted; another 4xx is permanent (a bad number); a 5xx, a timeout or
//! no answer is tried again. Receipts come back signed the same way to
//! `POST /v1/hooks/sms/{tenant}` with `{"message_id", "status": "delivered"|"failed",
//! "reason"}`: a bad signature or a timestamp outside five minutes is refused (401) and
//! changes nothing; a receipt repeated changes nothing more.

use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use daftar_notify::{Delivery, Outcome, segments};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

use crate::api::ApiError;
use crate::auth::at;
use crate::db::tenant_tx;
use crate::server::AppState;

pub const TIMESTAMP_HEADER: &str = "x-daftar-timestamp";
pub const SIGNATURE_HEADER: &str = "x-daftar-signature";
/// How far a receipt's timestamp may be from the server's clock.
const RECEIPT_WINDOW_SECONDS: i64 = 300;
/// How long a claimed message is its process's before another may take it up.
const LEASE: Duration = Duration::from_secs(120);
/// Messages claimed at a time, per school.
const CLAIM: i64 = 50;
const RETRY_BASE: Duration = Duration::from_secs(30);
const RETRY_MAX: Duration = Duration::from_secs(3600);
/// The channels this server sends on. Email is queued and waits, untried, for the SMTP relay
/// still to come, rather than dying of attempts it could never make.
const SENDING_CHANNELS: [&str; 1] = ["sms"];

/// The hex HMAC-SHA256 of `"{timestamp}.{body}"` under `key`.
pub fn signature(key: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the gateway is sent.
#[derive(Debug, Serialize, Deserialize)]
pub struct SmsRequest {
    pub id: Uuid,
    pub to: String,
    pub text: String,
    pub segments: usize,
}

#[derive(Debug, Deserialize)]
struct SmsAccepted {
    message_id: String,
}

/// A delivery receipt as the gateway posts it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Receipt {
    pub message_id: String,
    pub status: String,
    #[serde(default)]
    pub reason: Option<String>,
}

struct Claimed {
    id: Uuid,
    channel: String,
    address: String,
    body: String,
    attempts: i32,
}

struct Gateway {
    url: Option<String>,
    key: Option<String>,
    max_attempts: i32,
}

/// Runs the worker for as long as the process does, every `tick`.
pub fn spawn_worker(state: AppState, tick: Duration) {
    tokio::spawn(async move {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()
            .expect("an HTTP client");
        loop {
            if let Err(error) = deliver_due(&state, &http).await {
                tracing::warn!(code = error.code, message = %error.message, "sending notifications failed; trying again");
            }
            tokio::time::sleep(tick).await;
        }
    });
}

/// One pass: every school's due messages claimed, sent and recorded; how many were tried.
pub async fn deliver_due(state: &AppState, http: &reqwest::Client) -> Result<usize, ApiError> {
    let tenants: Vec<Uuid> = {
        let client = state.db.get().await?;
        client
            .query("SELECT id FROM tenants ORDER BY id", &[])
            .await
            .map_err(crate::db::DbError::from)?
            .iter()
            .map(|r| r.get(0))
            .collect()
    };
    let mut tried = 0;
    for tenant in tenants {
        tried += deliver_school(state, http, tenant).await?;
    }
    Ok(tried)
}

async fn deliver_school(
    state: &AppState,
    http: &reqwest::Client,
    tenant: Uuid,
) -> Result<usize, ApiError> {
    let now = at(state.clock.now_millis());
    let lease = now + chrono::Duration::from_std(LEASE).expect("a short lease");
    let mut client = state.db.get().await?;
    let (gateway, claimed) = {
        let tx = tenant_tx(&mut client, tenant).await?;
        let Some(settings) = tx
            .query_opt(
                "SELECT sms_url, sms_key, max_attempts FROM notification_settings
                 WHERE tenant_id = $1 AND enabled",
                &[&tenant],
            )
            .await?
        else {
            return Ok(0);
        };
        let gateway = Gateway {
            url: settings.get(0),
            key: settings.get(1),
            max_attempts: settings.get(2),
        };
        let rows = tx
            .query(
                "UPDATE notifications n SET state = 'sending', attempts = n.attempts + 1,
                        lease_until = $3, updated_at = $2
                 FROM (SELECT id FROM notifications
                        WHERE tenant_id = $1 AND next_try <= $2 AND not_before <= $2
                          AND channel = ANY($5)
                          AND (state = 'queued' OR (state = 'sending' AND lease_until < $2))
                        ORDER BY priority, next_try LIMIT $4
                        FOR UPDATE SKIP LOCKED) due
                 WHERE n.tenant_id = $1 AND n.id = due.id
                 RETURNING n.id, n.channel, n.address, n.body, n.attempts",
                &[&tenant, &now, &lease, &CLAIM, &&SENDING_CHANNELS[..]],
            )
            .await?;
        tx.commit().await?;
        let claimed: Vec<Claimed> = rows
            .iter()
            .map(|r| Claimed {
                id: r.get(0),
                channel: r.get(1),
                address: r.get(2),
                body: r.get(3),
                attempts: r.get(4),
            })
            .collect();
        (gateway, claimed)
    };
    for message in &claimed {
        let outcome = send_sms(http, &gateway, message, state.clock.now_millis()).await;
        let jitter = rand::random::<f64>();
        let delivery = Delivery::after(
            outcome,
            message.attempts as u32,
            gateway.max_attempts as u32,
            RETRY_BASE,
            RETRY_MAX,
            jitter,
        );
        record(&mut client, tenant, message.id, &delivery, now).await?;
        state
            .metrics
            .notification(&message.channel, delivery_name(&delivery));
        tracing::info!(notification = %message.id, channel = %message.channel, outcome = delivery_name(&delivery), "notification tried");
    }
    Ok(claimed.len())
}

fn delivery_name(delivery: &Delivery) -> &'static str {
    match delivery {
        Delivery::Sent { .. } => "sent",
        Delivery::Retry { .. } => "retry",
        Delivery::Failed { .. } => "failed",
        Delivery::Dead { .. } => "dead",
    }
}

async fn record(
    client: &mut deadpool_postgres::Object,
    tenant: Uuid,
    id: Uuid,
    delivery: &Delivery,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let tx = tenant_tx(client, tenant).await?;
    let (state, provider, reason, next): (&str, Option<&str>, Option<&str>, DateTime<Utc>) =
        match delivery {
            Delivery::Sent { provider_id } => ("sent", Some(provider_id), None, now),
            Delivery::Retry { after, reason } => (
                "queued",
                None,
                Some(reason),
                now + chrono::Duration::from_std(*after).unwrap_or(chrono::Duration::zero()),
            ),
            Delivery::Failed { reason } => ("failed", None, Some(reason), now),
            Delivery::Dead { reason } => ("dead", None, Some(reason), now),
        };
    tx.execute(
        "UPDATE notifications SET state = $3, provider_id = COALESCE($4, provider_id),
                reason = $5, next_try = $6, lease_until = NULL, updated_at = $7
         WHERE tenant_id = $1 AND id = $2 AND state = 'sending'",
        &[&tenant, &id, &state, &provider, &reason, &next, &now],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn send_sms(
    http: &reqwest::Client,
    gateway: &Gateway,
    message: &Claimed,
    now_ms: u64,
) -> Outcome {
    let (Some(url), Some(key)) = (&gateway.url, &gateway.key) else {
        return Outcome::Transient("the school has no SMS gateway set".into());
    };
    let body = serde_json::to_vec(&SmsRequest {
        id: message.id,
        to: message.address.clone(),
        text: message.body.clone(),
        segments: segments(&message.body).segments,
    })
    .expect("a request serializes");
    let timestamp = (now_ms / 1000) as i64;
    let answer = http
        .post(url)
        .header("content-type", "application/json")
        .header(TIMESTAMP_HEADER, timestamp.to_string())
        .header(SIGNATURE_HEADER, signature(key, timestamp, &body))
        .body(body)
        .send()
        .await;
    let response = match answer {
        Ok(response) => response,
        Err(error) => return Outcome::Transient(error.without_url().to_string()),
    };
    let status = response.status();
    if status.is_success() {
        return match response.json::<SmsAccepted>().await {
            Ok(accepted) => Outcome::Accepted {
                provider_id: accepted.message_id,
            },
            Err(_) => Outcome::Transient("the gateway's answer does not read".into()),
        };
    }
    let reason = format!("the gateway answered {}", status.as_u16());
    if status.is_client_error() && status.as_u16() != 429 {
        Outcome::Permanent(reason)
    } else {
        Outcome::Transient(reason)
    }
}

/// `POST /v1/hooks/sms/{tenant}`: a delivery receipt from the school's gateway.
pub async fn sms_receipt(
    State(state): State<AppState>,
    Path(tenant): Path<Uuid>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let refused = || {
        ApiError::unauthenticated(
            daftar_protocol::codes::UNAUTHENTICATED,
            "the receipt's signature does not check",
        )
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let timestamp: i64 = header(TIMESTAMP_HEADER)
        .and_then(|t| t.parse().ok())
        .ok_or_else(refused)?;
    let given = header(SIGNATURE_HEADER).ok_or_else(refused)?.to_string();
    let now = (state.clock.now_millis() / 1000) as i64;
    if (now - timestamp).abs() > RECEIPT_WINDOW_SECONDS {
        return Err(refused());
    }
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, tenant).await?;
    let key: Option<String> = tx
        .query_opt(
            "SELECT sms_key FROM notification_settings WHERE tenant_id = $1",
            &[&tenant],
        )
        .await?
        .and_then(|r| r.get(0));
    let Some(key) = key else {
        return Err(refused());
    };
    let expected = signature(&key, timestamp, &body);
    let same = expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return Err(refused());
    }
    let receipt: Receipt = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("the receipt does not read: {e}")))?;
    let state_name = match receipt.status.as_str() {
        "delivered" => "delivered",
        "failed" => "failed",
        _ => return Err(ApiError::bad_request("status is delivered or failed")),
    };
    let changed = tx
        .execute(
            "UPDATE notifications SET state = $3, reason = COALESCE($4, reason), updated_at = $5
             WHERE tenant_id = $1 AND provider_id = $2 AND state = 'sent'",
            &[
                &tenant,
                &receipt.message_id,
                &state_name,
                &receipt
                    .reason
                    .as_deref()
                    .map(|r| r.chars().take(200).collect::<String>()),
                &at(state.clock.now_millis()),
            ],
        )
        .await?;
    tx.commit().await?;
    Ok(Json(serde_json::json!({ "changed": changed })))
}
