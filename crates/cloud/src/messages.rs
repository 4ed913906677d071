//! A school's messages to guardians as the people who run it see them, and the guardian's
//! own way out. Administrators list the counts per channel and state and the latest
//! messages (never a number, an address or a body), re-drive dead or failed ones, and
//! publish a term's report cards; office staff record a guardian's opt-out of a channel.
//! An email's one-click unsubscribe link (`/v1/unsubscribe/{tenant}/{id}`, RFC 8058) opts
//! its guardian out of email: GET shows a page asking (so a mail scanner following links
//! unsubscribes nobody), POST does it.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use chrono::{DateTime, SecondsFormat, Utc};
use daftar_domain::{Action, policy};
use daftar_i18n::Localizer;
use daftar_notify::escape;
use daftar_protocol::{
    Changed, NOTIFICATION_STATES, NotificationCount, NotificationEntry, NotificationList, OptOut,
    PublishReportCards, Redrive,
};
use serde::Deserialize;
use uuid::Uuid;

use crate::api::ApiError;
use crate::auth::{Auth, at};
use crate::db::tenant_tx;
use crate::server::AppState;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    state: Option<String>,
}

fn run_school(claims: &crate::auth::Claims) -> Result<(), ApiError> {
    if policy::may(claims.role, Action::RunSchool) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only those who run the school see and re-drive its messages",
        ))
    }
}

/// `GET /v1/notifications?state=dead`: counts per channel and state, the 200 latest made
/// messages (of that state when given), and the guardians' opt-outs.
pub async fn list(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Query(query): Query<ListQuery>,
) -> Result<Json<NotificationList>, ApiError> {
    run_school(&claims)?;
    if let Some(wanted) = &query.state
        && !NOTIFICATION_STATES.contains(&wanted.as_str())
    {
        return Err(ApiError::bad_request("no such state"));
    }
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let counts = tx
        .query(
            "SELECT channel, state, count(*) FROM notifications WHERE tenant_id = $1
             GROUP BY channel, state ORDER BY channel, state",
            &[&claims.tenant],
        )
        .await?
        .iter()
        .map(|r| NotificationCount {
            channel: r.get(0),
            state: r.get(1),
            count: r.get(2),
        })
        .collect();
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let messages = tx
        .query(
            "SELECT id, kind, channel, state, attempts, reason, guardian_id, student_id, subject,
                    created_at, updated_at
             FROM notifications WHERE tenant_id = $1 AND ($2::text IS NULL OR state = $2)
             ORDER BY created_at DESC, id DESC LIMIT 200",
            &[&claims.tenant, &query.state],
        )
        .await?
        .iter()
        .map(|r| NotificationEntry {
            id: r.get(0),
            kind: r.get(1),
            channel: r.get(2),
            state: r.get(3),
            attempts: r.get(4),
            reason: r.get(5),
            guardian_id: r.get(6),
            student_id: r.get(7),
            subject: r.get(8),
            created_at: time(r.get(9)),
            updated_at: time(r.get(10)),
        })
        .collect();
    let opt_outs = tx
        .query(
            "SELECT guardian_id, channel FROM notification_opt_outs WHERE tenant_id = $1
             ORDER BY created_at DESC LIMIT 1000",
            &[&claims.tenant],
        )
        .await?
        .iter()
        .map(|r| OptOut {
            guardian_id: r.get(0),
            channel: r.get(1),
            opted_out: true,
        })
        .collect();
    tx.commit().await?;
    Ok(Json(NotificationList {
        counts,
        messages,
        opt_outs,
    }))
}

/// `POST /v1/notifications/redrive`: the given dead or failed messages queued again to go
/// now, their attempts anew (at most 1,000 at once).
pub async fn redrive(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Json(request): Json<Redrive>,
) -> Result<Json<Changed>, ApiError> {
    run_school(&claims)?;
    if request.ids.len() > 1000 {
        return Err(ApiError::bad_request("at most 1,000 messages at once"));
    }
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let changed = tx
        .execute(
            "UPDATE notifications SET state = 'queued', attempts = 0, next_try = $3,
                    not_before = LEAST(not_before, $3), reason = NULL, updated_at = $3
             WHERE tenant_id = $1 AND id = ANY($2) AND state IN ('dead', 'failed')
               AND NOT EXISTS (SELECT 1 FROM notification_opt_outs o
                                WHERE o.tenant_id = $1 AND o.guardian_id = notifications.guardian_id
                                  AND o.channel = notifications.channel)",
            &[&claims.tenant, &request.ids, &now],
        )
        .await?;
    tx.commit().await?;
    tracing::info!(changed, "notifications re-driven");
    Ok(Json(Changed { changed }))
}

/// `POST /v1/notifications/opt-outs`: a guardian's choice about a channel, as the office
/// records it; what is queued for them there is cancelled.
pub async fn opt_out(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Json(choice): Json<OptOut>,
) -> Result<Json<Changed>, ApiError> {
    if !policy::may(claims.role, Action::EditStudents) {
        return Err(ApiError::forbidden(
            "only the office records a guardian's choices",
        ));
    }
    if !matches!(choice.channel.as_str(), "sms" | "email") {
        return Err(ApiError::bad_request("the channel is sms or email"));
    }
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let known = tx
        .query_opt(
            "SELECT 1 FROM guardians WHERE tenant_id = $1 AND id = $2 AND NOT deleted",
            &[&claims.tenant, &choice.guardian_id],
        )
        .await?;
    if known.is_none() {
        return Err(ApiError::not_found("no such guardian"));
    }
    let changed = set_opt_out(
        &tx,
        claims.tenant,
        choice.guardian_id,
        &choice.channel,
        choice.opted_out,
        "office",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(Changed { changed }))
}

async fn set_opt_out(
    tx: &tokio_postgres::Transaction<'_>,
    tenant: Uuid,
    guardian: Uuid,
    channel: &str,
    opted_out: bool,
    source: &str,
    now: DateTime<Utc>,
) -> Result<u64, tokio_postgres::Error> {
    if !opted_out {
        return tx
            .execute(
                "DELETE FROM notification_opt_outs WHERE tenant_id = $1 AND guardian_id = $2
                   AND channel = $3",
                &[&tenant, &guardian, &channel],
            )
            .await;
    }
    let changed = tx
        .execute(
            "INSERT INTO notification_opt_outs (tenant_id, guardian_id, channel, source, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            &[&tenant, &guardian, &channel, &source, &now],
        )
        .await?;
    tx.execute(
        "UPDATE notifications SET state = 'cancelled', reason = 'the guardian opted out',
                updated_at = $4
         WHERE tenant_id = $1 AND guardian_id = $2 AND channel = $3 AND state = 'queued'",
        &[&tenant, &guardian, &channel, &now],
    )
    .await?;
    Ok(changed)
}

/// `POST /v1/notifications/report-cards`: a term's report cards published; each enrolled
/// student's guardian is told once.
pub async fn publish_report_cards(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Json(request): Json<PublishReportCards>,
) -> Result<Json<Changed>, ApiError> {
    run_school(&claims)?;
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, claims.tenant).await?;
    let changed = crate::notifications::report_cards_ready(
        &tx,
        claims.tenant,
        now,
        request.term_id,
        request.classroom_id,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(Changed { changed }))
}

/// The guardian and school an unsubscribe link names, and the page's language.
async fn linked(
    state: &AppState,
    tenant: Uuid,
    id: Uuid,
) -> Result<(Uuid, String, String), ApiError> {
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, tenant).await?;
    let row = tx
        .query_opt(
            "SELECT n.guardian_id, n.language,
                    COALESCE((SELECT CASE WHEN n.language = 'ar' THEN name_ar ELSE name_en END
                                FROM schools WHERE tenant_id = $1 AND NOT deleted LIMIT 1), t.name)
             FROM notifications n JOIN tenants t ON t.id = n.tenant_id
             WHERE n.tenant_id = $1 AND n.id = $2 AND n.channel = 'email'",
            &[&tenant, &id],
        )
        .await?
        .ok_or_else(|| ApiError::not_found("this link is not one of ours"))?;
    tx.commit().await?;
    Ok((row.get(0), row.get(1), row.get(2)))
}

fn page(language: &str, body: &str) -> Html<String> {
    let words = Localizer::new(language, false).expect("ar and en exist");
    let dir = if words.is_rtl() { "rtl" } else { "ltr" };
    Html(format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>Daftar</title></head>\
         <body style=\"font-family: sans-serif; max-width: 32em; margin: 3em auto\">{body}</body></html>",
        words.lang()
    ))
}

/// `GET /v1/unsubscribe/{tenant}/{id}`: a page asking the guardian to confirm.
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    Path((tenant, id)): Path<(Uuid, Uuid)>,
) -> Result<Html<String>, ApiError> {
    let (_, language, school) = linked(&state, tenant, id).await?;
    let words = Localizer::new(&language, false).expect("ar and en exist");
    Ok(page(
        &language,
        &format!(
            "<p>{}</p><form method=\"post\"><button type=\"submit\" name=\"List-Unsubscribe\" \
             value=\"One-Click\">{}</button></form>",
            escape(&words.message("notify-unsubscribe-ask", &[("school", school)])),
            escape(&words.message("notify-unsubscribe-button", &[])),
        ),
    ))
}

/// `POST /v1/unsubscribe/{tenant}/{id}`: the guardian opts out of the school's emails (one
/// click from a mail client, or the page's button); repeated, it changes nothing more.
pub async fn unsubscribe(
    State(state): State<AppState>,
    Path((tenant, id)): Path<(Uuid, Uuid)>,
) -> Result<Html<String>, ApiError> {
    let (guardian, language, school) = linked(&state, tenant, id).await?;
    let now = at(state.clock.now_millis());
    let mut client = state.db.get().await?;
    let tx = tenant_tx(&mut client, tenant).await?;
    set_opt_out(&tx, tenant, guardian, "email", true, "link", now).await?;
    tx.commit().await?;
    tracing::info!(notification = %id, "a guardian unsubscribed from email");
    let words = Localizer::new(&language, false).expect("ar and en exist");
    Ok(page(
        &language,
        &format!(
            "<p>{}</p>",
            escape(&words.message("notify-unsubscribe-done", &[("school", school)]))
        ),
    ))
}
