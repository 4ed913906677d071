//! Sending what the queue holds. A worker in every `daftar-cloud` process claims due messages
//! school by school with `FOR UPDATE SKIP LOCKED` (so processes sharing a database never take
//! the same row) under a lease (a process killed mid-send leaves rows another takes up once
//! the lease ends), hands each to its channel's provider, and records what became of it:
//! sent under the provider's id, queued again after a doubling delay with jitter, failed
//! for good, or dead after the school's last attempt, with the reason. Nothing goes in the
//! school's quiet hours, none past its limits (per guardian and channel a day, per school a
//! minute), none to a guardian who opted out of the channel.
//!
//! **Email** goes through the school's SMTP relay (lettre): STARTTLS (or implicit TLS, or
//! plain on loopback only), with the relay's credentials, a text and an HTML part,
//! `Content-Language`, and `List-Unsubscribe` (one click, RFC 8058, to
//! `/v1/unsubscribe/{tenant}/{id}` on `DAFTAR_PUBLIC_URL`; else a reply to the sender). A 5xx
//! answer (an unknown mailbox) is permanent; a 4xx, a timeout or a refused connection is tried
//! again.
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
use chrono::NaiveTime;
use chrono::{DateTime, Utc};
use daftar_notify::{Delivery, Outcome, QuietHours, segments};
use futures_util::StreamExt;
use hmac::{Hmac, Mac};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
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
/// Messages claimed at a time, per school.
const CLAIM: i64 = 50;
/// Messages sent at once by one process (the SMTP relay's connections are pooled).
const SENDS_AT_ONCE: usize = 8;
const RETRY_BASE: Duration = Duration::from_secs(30);
const RETRY_MAX: Duration = Duration::from_secs(3600);
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

/// One message claimed for sending.
pub struct Claimed {
    pub id: Uuid,
    pub channel: String,
    pub address: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub html: String,
    pub attempts: i32,
}

/// Never the address or the text: a log shows which message, not what or to whom.
impl std::fmt::Debug for Claimed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claimed")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// A way of reaching guardians: one attempt at one message, and what came of it.
pub trait Provider {
    fn send(&self, message: &Claimed) -> impl std::future::Future<Output = Outcome> + Send;
}

/// A school's SMS gateway.
pub struct SmsGateway<'a> {
    pub http: &'a reqwest::Client,
    pub url: Option<String>,
    pub key: Option<String>,
    pub now_ms: u64,
}

impl Provider for SmsGateway<'_> {
    async fn send(&self, message: &Claimed) -> Outcome {
        let (Some(url), Some(key)) = (&self.url, &self.key) else {
            return Outcome::Transient("the school has no SMS gateway set".into());
        };
        let body = serde_json::to_vec(&SmsRequest {
            id: message.id,
            to: message.address.clone(),
            text: message.body.clone(),
            segments: segments(&message.body).segments,
        })
        .expect("a request serializes");
        let timestamp = (self.now_ms / 1000) as i64;
        let answer = self
            .http
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
}

impl std::fmt::Debug for SmsGateway<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsGateway")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A school's SMTP relay, as its settings give it.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: Option<u16>,
    /// `starttls`, `tls` or `none`.
    pub tls: String,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .finish_non_exhaustive()
    }
}

/// A school's SMTP relay, connected as it says, with where unsubscribing goes.
pub struct SmtpRelay {
    transport: Result<AsyncSmtpTransport<Tokio1Executor>, String>,
    from: String,
    /// The server's public address, for one-click unsubscribe links.
    public_url: Option<String>,
    tenant: Uuid,
}

impl std::fmt::Debug for SmtpRelay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpRelay")
            .field("tenant", &self.tenant)
            .finish_non_exhaustive()
    }
}

impl SmtpRelay {
    pub fn new(
        settings: &SmtpSettings,
        roots: Option<&[u8]>,
        public_url: Option<String>,
        tenant: Uuid,
        timeout: Duration,
    ) -> SmtpRelay {
        let transport = (|| {
            let mut tls = TlsParameters::builder(settings.host.clone());
            if let Some(pem) = roots {
                tls = tls.add_root_certificate(
                    Certificate::from_pem(pem).map_err(|e| format!("the trusted roots: {e}"))?,
                );
            }
            let tls = || tls.clone().build_rustls().map_err(|e| e.to_string());
            let (mode, port) = match settings.tls.as_str() {
                "tls" => (Tls::Wrapper(tls()?), 465),
                "none" => (Tls::None, 25),
                _ => (Tls::Required(tls()?), 587),
            };
            let mut builder =
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                    .port(settings.port.unwrap_or(port))
                    .tls(mode)
                    .timeout(Some(timeout));
            if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            Ok(builder.build())
        })();
        SmtpRelay {
            transport,
            from: settings.from.clone(),
            public_url,
            tenant,
        }
    }

    /// Where this message's guardian stops the school's emails.
    fn unsubscribe(&self, message: &Claimed) -> String {
        match &self.public_url {
            Some(url) => format!("{url}/v1/unsubscribe/{}/{}", self.tenant, message.id),
            None => format!(
                "mailto:{}?subject=unsubscribe",
                self.from
                    .rsplit_once('<')
                    .map_or(self.from.as_str(), |(_, a)| a.trim_end_matches('>'))
            ),
        }
    }

    fn email(&self, message: &Claimed) -> Result<lettre::Message, Outcome> {
        let permanent = |what: &str| Outcome::Permanent(what.to_string());
        let from: Mailbox = self
            .from
            .parse()
            .map_err(|_| Outcome::Transient("the school's sender address does not read".into()))?;
        let to: Mailbox = message
            .address
            .parse()
            .map_err(|_| permanent("the guardian's address does not read"))?;
        let link = self.unsubscribe(message);
        let html = daftar_notify::with_unsubscribe(&message.html, &message.language, &link)
            .unwrap_or_else(|_| message.html.clone());
        let domain = from.email.domain().to_string();
        let mut builder = lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(message.subject.clone())
            .message_id(Some(format!("<{}@{domain}>", message.id)))
            .header(ContentLanguage(message.language.clone()))
            .header(ListUnsubscribe(format!("<{link}>")));
        if link.starts_with("http") {
            builder = builder.header(ListUnsubscribePost("List-Unsubscribe=One-Click".into()));
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                message.body.clone(),
                html,
            ))
            .map_err(|e| Outcome::Transient(format!("the email does not build: {e}")))
    }
}

impl Provider for SmtpRelay {
    async fn send(&self, message: &Claimed) -> Outcome {
        let transport = match &self.transport {
            Ok(transport) => transport,
            Err(reason) => return Outcome::Transient(reason.clone()),
        };
        let email = match self.email(message) {
            Ok(email) => email,
            Err(outcome) => return outcome,
        };
        let id = email
            .headers()
            .get_raw("Message-ID")
            .unwrap_or_default()
            .to_string();
        match transport.send(email).await {
            Ok(_) => Outcome::Accepted { provider_id: id },
            // The relay's own words may quote the address: only its code is kept.
            Err(error) if error.is_permanent() => Outcome::Permanent(format!(
                "the relay refused it ({})",
                error.status().map(|c| c.to_string()).unwrap_or_default()
            )),
            Err(error) if error.is_transient() => Outcome::Transient(format!(
                "the relay deferred it ({})",
                error.status().map(|c| c.to_string()).unwrap_or_default()
            )),
            Err(error) if error.is_timeout() => {
                Outcome::Transient("the relay did not answer in time".into())
            }
            Err(error) if error.is_tls() => {
                Outcome::Transient("the relay's TLS did not check".into())
            }
            Err(_) => Outcome::Transient("the relay could not be reached".into()),
        }
    }
}

/// lettre's headers are typed; these few are set through one carrier per name.
macro_rules! raw_headers {
    ($($ty:ident = $name:literal),*) => {$(
        #[derive(Clone)]
        struct $ty(String);
        impl Header for $ty {
            fn name() -> HeaderName {
                HeaderName::new_from_ascii_str($name)
            }
            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok($ty(s.to_string()))
            }
            fn display(&self) -> HeaderValue {
                HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    )*};
}
raw_headers!(
    ContentLanguage = "Content-Language",
    ListUnsubscribe = "List-Unsubscribe",
    ListUnsubscribePost = "List-Unsubscribe-Post"
);
/// A school's settings, as the worker sends by them.
struct School {
    sms_url: Option<String>,
    sms_key: Option<String>,
    smtp: Option<SmtpSettings>,
    max_attempts: i32,
    quiet: Option<QuietHours>,
    utc_offset_minutes: i32,
    per_guardian_daily: i32,
    per_minute: i32,
}

/// Runs the worker for as long as the process does, every `tick`.
pub fn spawn_worker(state: AppState, tick: Duration) {
    tokio::spawn(async move {
        let timeout = state.config.notify_send_timeout;
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .timeout(timeout)
            .build()
            .expect("an HTTP client");
        loop {
            match deliver_due(&state, &http).await {
                // A pass that found work looks again at once: more may be due behind it.
                Ok(tried) if tried > 0 => continue,
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(code = error.code, message = %error.message, "sending notifications failed; trying again");
                }
            }
            tokio::time::sleep(tick).await;
        }
    });
}

/// One pass: every school's reminders and digests made, its due messages claimed, sent and
/// recorded; how many were tried.
pub async fn deliver_due(state: &AppState, http: &reqwest::Client) -> Result<usize, ApiError> {
    let tenants: Vec<Uuid> = {
        let client = state.db.get().await?;
        client
            // Each school's settings are under its own row-level security: looked at one by one.
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
    let lease = now
        + chrono::Duration::from_std(state.config.notify_lease)
            .unwrap_or(chrono::Duration::minutes(2));
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, tenant).await?;
    let Some(row) = tx
        .query_opt(
            "SELECT sms_url, sms_key, max_attempts, smtp_host, smtp_port, smtp_tls, smtp_username,
                    smtp_password, smtp_from, quiet_start, quiet_end, utc_offset_minutes,
                    per_guardian_daily, per_minute
             FROM notification_settings WHERE tenant_id = $1 AND enabled",
            &[&tenant],
        )
        .await?
    else {
        return Ok(0);
    };
    let school = School {
        sms_url: row.get(0),
        sms_key: row.get(1),
        max_attempts: row.get(2),
        smtp: row
            .get::<_, Option<String>>(3)
            .zip(row.get::<_, Option<String>>(8))
            .map(|(host, from)| SmtpSettings {
                host,
                port: row.get::<_, Option<i32>>(4).map(|p| p as u16),
                tls: row.get(5),
                username: row.get(6),
                password: row.get(7),
                from,
            }),
        quiet: row
            .get::<_, Option<NaiveTime>>(9)
            .zip(row.get::<_, Option<NaiveTime>>(10))
            .map(|(start, end)| QuietHours { start, end }),
        utc_offset_minutes: row.get(11),
        per_guardian_daily: row.get(12),
        per_minute: row.get(13),
    };
    crate::notifications::before_sending(&tx, tenant, now).await?;
    let local = now.naive_utc() + chrono::Duration::minutes(i64::from(school.utc_offset_minutes));
    if school.quiet.is_some_and(|q| q.holds(local.time())) {
        tx.commit().await?;
        return Ok(0);
    }
    let recent: i64 = tx
        .query_one(
            "SELECT count(*) FROM notifications WHERE tenant_id = $1 AND attempts > 0
               AND state NOT IN ('queued', 'cancelled', 'digested')
               AND updated_at > $2::timestamptz - interval '1 minute'",
            &[&tenant, &now],
        )
        .await?
        .get(0);
    let budget = (i64::from(school.per_minute) - recent).clamp(0, CLAIM);
    // A channel the school has not set up waits, untried, rather than dying of attempts.
    let mut channels = Vec::new();
    if school.sms_url.is_some() && school.sms_key.is_some() {
        channels.push("sms");
    }
    if school.smtp.is_some() {
        channels.push("email");
    }
    if budget == 0 || channels.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }
    let rows = tx
        .query(
            "WITH due AS (
                SELECT id, guardian_id, channel, priority, next_try FROM notifications q
                 WHERE tenant_id = $1 AND next_try <= $2 AND not_before <= $2 AND NOT digest
                   AND channel = ANY($6)
                   AND (state = 'queued' OR (state = 'sending' AND lease_until < $2))
                   AND (SELECT count(*) FROM notifications s
                         WHERE s.tenant_id = $1 AND s.guardian_id = q.guardian_id
                           AND s.channel = q.channel AND s.state IN ('sent', 'delivered')
                           AND s.updated_at > $2::timestamptz - interval '1 day') < $5
                 ORDER BY priority, next_try LIMIT 500
                 FOR UPDATE SKIP LOCKED),
             allowed AS (
                SELECT d.id FROM (
                    SELECT id, priority, next_try, guardian_id, channel,
                           row_number() OVER (PARTITION BY guardian_id, channel
                                              ORDER BY priority, next_try) AS nth
                      FROM due) d
                 WHERE d.nth + (SELECT count(*) FROM notifications s
                                 WHERE s.tenant_id = $1 AND s.guardian_id = d.guardian_id
                                   AND s.channel = d.channel AND s.state IN ('sent', 'delivered')
                                   AND s.updated_at > $2::timestamptz - interval '1 day') <= $5
                 ORDER BY d.priority, d.next_try LIMIT $4)
             UPDATE notifications n SET state = 'sending', attempts = n.attempts + 1,
                    lease_until = $3, updated_at = $2
               FROM allowed WHERE n.tenant_id = $1 AND n.id = allowed.id
             RETURNING n.id, n.channel, n.address, n.language, n.subject, n.body, n.html,
                       n.attempts",
            &[
                &tenant,
                &now,
                &lease,
                &budget,
                &i64::from(school.per_guardian_daily),
                &channels,
            ],
        )
        .await?;
    tx.commit().await?;
    let mut claimed: Vec<Claimed> = rows
        .iter()
        .map(|r| Claimed {
            id: r.get(0),
            channel: r.get(1),
            address: r.get(2),
            language: r.get(3),
            subject: r.get(4),
            body: r.get(5),
            html: r.get(6),
            attempts: r.get(7),
        })
        .collect();
    claimed.sort_by_key(|m| m.channel != "sms");
    let sms = SmsGateway {
        http,
        url: school.sms_url.clone(),
        key: school.sms_key.clone(),
        now_ms: state.clock.now_millis(),
    };
    let email = school.smtp.as_ref().map(|smtp| {
        SmtpRelay::new(
            smtp,
            state.config.smtp_roots.as_deref(),
            state.config.public_url.clone(),
            tenant,
            state.config.notify_send_timeout,
        )
    });
    // A few at once, each recorded as soon as it is answered, so a process killed mid-pass
    // leaves at most those few sent and unrecorded.
    let max_attempts = school.max_attempts as u32;
    let mut sends = Vec::with_capacity(claimed.len());
    for message in &claimed {
        sends.push(send_one(
            state,
            tenant,
            now,
            max_attempts,
            &sms,
            email.as_ref(),
            message,
        ));
    }
    let results: Vec<Result<(), ApiError>> = futures_util::stream::iter(sends)
        .buffer_unordered(SENDS_AT_ONCE)
        .collect()
        .await;
    results.into_iter().collect::<Result<(), ApiError>>()?;
    let tx = tenant_tx(&mut client, tenant).await?;
    let waiting: Vec<(String, i64, f64)> = tx
        .query(
            "SELECT channel, count(*), COALESCE(extract(epoch FROM $2 - min(created_at)), 0)::float8
             FROM notifications WHERE tenant_id = $1 AND state IN ('queued', 'sending')
             GROUP BY channel",
            &[&tenant, &now],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    tx.commit().await?;
    state.metrics.queue(tenant, &waiting);
    Ok(claimed.len())
}

/// One message sent on its channel and what came of it recorded.
async fn send_one(
    state: &AppState,
    tenant: Uuid,
    now: DateTime<Utc>,
    max_attempts: u32,
    sms: &SmsGateway<'_>,
    email: Option<&SmtpRelay>,
    message: &Claimed,
) -> Result<(), ApiError> {
    let outcome = match (message.channel.as_str(), email) {
        ("sms", _) => sms.send(message).await,
        (_, Some(relay)) => relay.send(message).await,
        (_, None) => Outcome::Transient("the school has no SMTP relay set".into()),
    };
    let delivery = Delivery::after(
        outcome,
        message.attempts as u32,
        max_attempts,
        RETRY_BASE,
        RETRY_MAX,
        rand::random::<f64>(),
    );
    let mut connection = state.db.get().await?;
    record(&mut connection, tenant, message.id, &delivery, now).await?;
    state
        .metrics
        .notification(&message.channel, delivery_name(&delivery));
    tracing::info!(notification = %message.id, channel = %message.channel, outcome = delivery_name(&delivery), "notification tried");
    Ok(())
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
