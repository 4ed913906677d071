//! Guardians told of what reached the cloud: when a push writes a register, each student
//! marked absent or late has a message queued for their primary guardian, by SMS and (with
//! an address) by email, in the guardian's language (else the school's), to go once the
//! school's grace period has passed; a correction within it (present, excused, or the row
//! deleted) cancels it, so a teacher's slip never reaches a parent. Only for a school that
//! turned notifications on, and only for registers of today or yesterday (a desktop back
//! after a week offline alerts nobody about last week). The queue's rows are the tenant's,
//! under forced row-level security like every table.

use chrono::{DateTime, Utc};
use daftar_notify::{Kind, check_sms, render};
use daftar_protocol::StoredRow;
use serde_json::Value;
use tokio_postgres::Transaction;
use uuid::Uuid;

/// The school's settings, when it has turned notifications on.
struct Settings {
    grace_minutes: i32,
    max_sms_segments: i32,
}

/// Queues or cancels the alerts the batch's attendance rows call for.
pub(crate) async fn on_attendance(
    tx: &Transaction<'_>,
    tenant: Uuid,
    now: DateTime<Utc>,
    written: &[(Uuid, &StoredRow)],
) -> Result<(), tokio_postgres::Error> {
    if written.is_empty() {
        return Ok(());
    }
    let Some(settings) = tx
        .query_opt(
            "SELECT grace_minutes, max_sms_segments FROM notification_settings
             WHERE tenant_id = $1 AND enabled",
            &[&tenant],
        )
        .await?
        .map(|r| Settings {
            grace_minutes: r.get(0),
            max_sms_segments: r.get(1),
        })
    else {
        return Ok(());
    };
    let earliest = (now - chrono::Days::new(1)).date_naive().to_string();
    let mut alerts = Vec::new();
    let mut corrections = Vec::new();
    for (id, row) in written {
        let status = row.values.get("status").and_then(Value::as_str);
        let date = row.values.get("date").and_then(Value::as_str).unwrap_or("");
        let source = format!("attendance:{id}");
        match status {
            Some("absent" | "late") if !row.deleted && date >= earliest.as_str() => {
                alerts.push(*id)
            }
            _ => corrections.push(source),
        }
    }
    if !corrections.is_empty() {
        tx.execute(
            "UPDATE notifications SET state = 'cancelled', updated_at = $3
             WHERE tenant_id = $1 AND source = ANY($2) AND state = 'queued'",
            &[&tenant, &corrections, &now],
        )
        .await?;
    }
    if alerts.is_empty() {
        return Ok(());
    }
    let rows = tx
        .query(
            "SELECT a.id, a.status, a.date::text, s.id, s.name_ar, s.name_en, c.name_ar, c.name_en,
                    g.id, g.phone, g.email, g.preferred_language,
                    COALESCE(sc.name_ar, t.name), COALESCE(sc.name_en, t.name),
                    COALESCE(sc.primary_language, 'ar')
             FROM attendance a
             JOIN students s ON s.tenant_id = a.tenant_id AND s.id = a.student_id
             JOIN classrooms c ON c.tenant_id = a.tenant_id AND c.id = a.classroom_id
             JOIN LATERAL (SELECT sg.guardian_id FROM student_guardians sg
                            WHERE sg.tenant_id = a.tenant_id AND sg.student_id = s.id
                              AND NOT sg.deleted
                            ORDER BY sg.is_primary DESC, sg.id LIMIT 1) first ON true
             JOIN guardians g ON g.tenant_id = a.tenant_id AND g.id = first.guardian_id
             JOIN tenants t ON t.id = a.tenant_id
             LEFT JOIN LATERAL (SELECT name_ar, name_en, primary_language FROM schools
                                 WHERE tenant_id = a.tenant_id AND NOT deleted LIMIT 1) sc ON true
             WHERE a.tenant_id = $1 AND a.id = ANY($2)",
            &[&tenant, &alerts],
        )
        .await?;
    let not_before = now + chrono::Duration::minutes(i64::from(settings.grace_minutes));
    for row in rows {
        let attendance: Uuid = row.get(0);
        let status: String = row.get(1);
        let kind = if status == "late" {
            Kind::Late
        } else {
            Kind::Absence
        };
        let language: String = row
            .get::<_, Option<String>>(11)
            .unwrap_or_else(|| row.get(14));
        let pick = |ar: usize, en: usize| -> String {
            let (ar, en): (String, String) = (row.get(ar), row.get(en));
            match (
                language.as_str(),
                ar.trim().is_empty(),
                en.trim().is_empty(),
            ) {
                ("ar", false, _) | (_, false, true) => ar,
                _ => en,
            }
        };
        let facts = [
            ("school", pick(12, 13)),
            ("student", pick(4, 5)),
            ("classroom", pick(6, 7)),
            ("date", row.get::<_, String>(2)),
        ];
        let Ok(message) = render(kind, &language, &facts, None) else {
            continue;
        };
        let phone: String = row.get(9);
        let email: Option<String> = row.get(10);
        let mut channels = Vec::new();
        if !phone.trim().is_empty() {
            match check_sms(&message.text, settings.max_sms_segments as usize) {
                Ok(_) => channels.push(("sms", phone)),
                // Never its text or number in the log.
                Err(too_long) => tracing::warn!(%attendance, %too_long, "alert not queued"),
            }
        }
        if let Some(email) = email.filter(|e| !e.trim().is_empty()) {
            channels.push(("email", email));
        }
        for (channel, address) in channels {
            tx.execute(
                "INSERT INTO notifications (tenant_id, id, source, kind, priority, guardian_id,
                        student_id, channel, address, language, subject, body, html, not_before,
                        next_try, state, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14,
                         'queued', $15, $15)
                 ON CONFLICT (tenant_id, source, channel) DO UPDATE
                    SET kind = EXCLUDED.kind, priority = EXCLUDED.priority,
                        address = EXCLUDED.address, language = EXCLUDED.language,
                        subject = EXCLUDED.subject, body = EXCLUDED.body, html = EXCLUDED.html,
                        not_before = EXCLUDED.not_before, next_try = EXCLUDED.next_try,
                        state = 'queued', updated_at = EXCLUDED.updated_at
                  WHERE notifications.state IN ('queued', 'cancelled')",
                &[
                    &tenant,
                    &Uuid::now_v7(),
                    &format!("attendance:{attendance}"),
                    &kind.as_str(),
                    &kind.priority(),
                    &row.get::<_, Uuid>(8),
                    &row.get::<_, Uuid>(3),
                    &channel,
                    &address,
                    &message.language,
                    &message.subject,
                    &message.text,
                    &message.html,
                    &not_before,
                    &now,
                ],
            )
            .await?;
        }
    }
    Ok(())
}
