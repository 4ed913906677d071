//! Guardians told of what reached the cloud: when a push writes a register, each student
//! marked absent or late has a message queued for their primary guardian, by SMS and (with
//! an address) by email, in the guardian's language (else the school's), to go once the
//! school's grace period has passed; a correction within it (present, excused, or the row
//! deleted) cancels it, so a teacher's slip never reaches a parent. Only for a school that
//! turned notifications on, and only for registers of today or yesterday (a desktop back
//! after a week offline alerts nobody about last week). The queue's rows are the tenant's,
//! under forced row-level security like every table.

use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};
use daftar_notify::{Gathered, Kind, Message, check_sms, digest, render};
use daftar_protocol::StoredRow;
use serde_json::Value;
use tokio_postgres::Transaction;
use uuid::Uuid;

/// The school's settings, when it has turned notifications on.
struct Settings {
    grace_minutes: i32,
    max_sms_segments: i32,
    /// Whether what is not urgent waits for the daily digest.
    digest: bool,
    utc_offset_minutes: i32,
    digest_at: NaiveTime,
    fee_reminder_days: i32,
}

async fn settings(
    tx: &Transaction<'_>,
    tenant: Uuid,
) -> Result<Option<Settings>, tokio_postgres::Error> {
    Ok(tx
        .query_opt(
            "SELECT grace_minutes, max_sms_segments, digest, utc_offset_minutes, digest_at,
                    fee_reminder_days
             FROM notification_settings WHERE tenant_id = $1 AND enabled",
            &[&tenant],
        )
        .await?
        .map(|r| Settings {
            grace_minutes: r.get(0),
            max_sms_segments: r.get(1),
            digest: r.get(2),
            utc_offset_minutes: r.get(3),
            digest_at: r.get(4),
            fee_reminder_days: r.get(5),
        }))
}

impl Settings {
    /// The school's own date and time at `now`.
    fn local(&self, now: DateTime<Utc>) -> NaiveDateTime {
        now.naive_utc() + chrono::Duration::minutes(i64::from(self.utc_offset_minutes))
    }
}

/// One message to queue for one guardian on one channel.
struct ToQueue<'a> {
    /// What raised it, unique per guardian told: a repeat updates it while still queued.
    source: String,
    kind: Kind,
    guardian: Uuid,
    student: Option<Uuid>,
    channel: &'static str,
    address: &'a str,
    message: &'a Message,
    not_before: DateTime<Utc>,
}

/// Queues `item` unless its guardian opted out of the channel; what is not urgent waits for
/// the digest where the school gathers one.
async fn queue(
    tx: &Transaction<'_>,
    tenant: Uuid,
    settings: &Settings,
    now: DateTime<Utc>,
    item: ToQueue<'_>,
) -> Result<u64, tokio_postgres::Error> {
    let digest = settings.digest && !matches!(item.kind, Kind::Absence | Kind::Late | Kind::Digest);
    tx.execute(
        "INSERT INTO notifications (tenant_id, id, source, kind, priority, guardian_id,
                student_id, channel, address, language, subject, body, html, not_before,
                next_try, state, digest, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14,
                'queued', $16, $15, $15
          WHERE NOT EXISTS (SELECT 1 FROM notification_opt_outs o WHERE o.tenant_id = $1
                             AND o.guardian_id = $6 AND o.channel = $8)
         ON CONFLICT (tenant_id, source, channel) DO UPDATE
            SET kind = EXCLUDED.kind, priority = EXCLUDED.priority,
                address = EXCLUDED.address, language = EXCLUDED.language,
                subject = EXCLUDED.subject, body = EXCLUDED.body, html = EXCLUDED.html,
                not_before = EXCLUDED.not_before, next_try = EXCLUDED.next_try,
                digest = EXCLUDED.digest, state = 'queued', updated_at = EXCLUDED.updated_at
          WHERE notifications.state IN ('queued', 'cancelled')",
        &[
            &tenant,
            &Uuid::now_v7(),
            &item.source,
            &item.kind.as_str(),
            &item.kind.priority(),
            &item.guardian,
            &item.student,
            &item.channel,
            &item.address,
            &item.message.language,
            &item.message.subject,
            &item.message.text,
            &item.message.html,
            &item.not_before,
            &now,
            &digest,
        ],
    )
    .await
}

/// The channels `message` can go on to a guardian with this phone and email: SMS when it
/// fits the school's segments (else it is left out, and logged without its text or number).
fn channels<'a>(
    settings: &Settings,
    message: &Message,
    phone: &'a str,
    email: Option<&'a str>,
    source: &str,
) -> Vec<(&'static str, &'a str)> {
    let mut channels = Vec::new();
    if !phone.trim().is_empty() {
        match check_sms(&message.text, settings.max_sms_segments as usize) {
            Ok(_) => channels.push(("sms", phone)),
            Err(too_long) => tracing::warn!(%source, %too_long, "SMS not queued"),
        }
    }
    if let Some(email) = email.filter(|e| !e.trim().is_empty()) {
        channels.push(("email", email));
    }
    channels
}

/// Who a message goes to: the guardian, the student it is about, and where to reach them.
struct Recipient<'a> {
    guardian: Uuid,
    student: Option<Uuid>,
    phone: &'a str,
    email: Option<&'a str>,
}

/// `kind`'s message with `facts` in `language`, queued for `to` on every channel it can go
/// on under `source`; how many were queued (none when it does not render).
#[allow(clippy::too_many_arguments)]
async fn tell(
    tx: &Transaction<'_>,
    tenant: Uuid,
    settings: &Settings,
    now: DateTime<Utc>,
    kind: Kind,
    language: &str,
    facts: &[(&str, String)],
    source: String,
    to: Recipient<'_>,
    not_before: DateTime<Utc>,
) -> Result<u64, tokio_postgres::Error> {
    let Ok(message) = render(kind, language, facts, None) else {
        return Ok(0);
    };
    let mut queued = 0;
    for (channel, address) in channels(settings, &message, to.phone, to.email, &source) {
        let item = ToQueue {
            source: source.clone(),
            kind,
            guardian: to.guardian,
            student: to.student,
            channel,
            address,
            message: &message,
            not_before,
        };
        queued += queue(tx, tenant, settings, now, item).await?;
    }
    Ok(queued)
}

/// Picks the guardian's language's name, the other when it is empty.
fn in_language(language: &str, ar: String, en: String) -> String {
    match (language, ar.trim().is_empty(), en.trim().is_empty()) {
        ("ar", false, _) | (_, false, true) => ar,
        _ => en,
    }
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
    let Some(settings) = settings(tx, tenant).await? else {
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
        let pick = |ar: usize, en: usize| in_language(&language, row.get(ar), row.get(en));
        let facts = [
            ("school", pick(12, 13)),
            ("student", pick(4, 5)),
            ("classroom", pick(6, 7)),
            ("date", row.get::<_, String>(2)),
        ];
        let (phone, email): (String, Option<String>) = (row.get(9), row.get(10));
        let to = Recipient {
            guardian: row.get(8),
            student: Some(row.get(3)),
            phone: &phone,
            email: email.as_deref(),
        };
        let source = format!("attendance:{attendance}");
        tell(
            tx, tenant, &settings, now, kind, &language, &facts, source, to, not_before,
        )
        .await?;
    }
    Ok(())
}

/// The first guardian of each student, as every trigger addresses them (the primary, else
/// the first linked).
const FIRST_GUARDIAN: &str = "JOIN LATERAL (SELECT sg.guardian_id FROM student_guardians sg
                  WHERE sg.tenant_id = s.tenant_id AND sg.student_id = s.id AND NOT sg.deleted
                  ORDER BY sg.is_primary DESC, sg.id LIMIT 1) first ON true
             JOIN guardians g ON g.tenant_id = s.tenant_id AND g.id = first.guardian_id
                  AND NOT g.deleted";

/// The school's name in Arabic and English, and its language.
async fn school(
    tx: &Transaction<'_>,
    tenant: Uuid,
) -> Result<(String, String, String), tokio_postgres::Error> {
    let row = tx
        .query_one(
            "SELECT COALESCE(sc.name_ar, t.name), COALESCE(sc.name_en, t.name),
                    COALESCE(sc.primary_language, 'ar')
             FROM tenants t
             LEFT JOIN LATERAL (SELECT name_ar, name_en, primary_language FROM schools
                                 WHERE tenant_id = t.id AND NOT deleted LIMIT 1) sc ON true
             WHERE t.id = $1",
            &[&tenant],
        )
        .await?;
    Ok((row.get(0), row.get(1), row.get(2)))
}

/// Announcements addressed to families (everyone, guardians, a grade's or a classroom's) queue a
/// message for each first guardian of a student enrolled there, once the grace has passed
/// and not before the day it is published; deleted within the grace, it is cancelled; one
/// published before yesterday is history, and nobody is told.
pub(crate) async fn on_announcements(
    tx: &Transaction<'_>,
    tenant: Uuid,
    now: DateTime<Utc>,
    written: &[(Uuid, &StoredRow)],
) -> Result<(), tokio_postgres::Error> {
    if written.is_empty() {
        return Ok(());
    }
    let Some(settings) = settings(tx, tenant).await? else {
        return Ok(());
    };
    let (school_ar, school_en, school_language) = school(tx, tenant).await?;
    for (id, row) in written {
        let text = |name: &str| {
            row.values
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let audience = text("audience");
        let prefix = format!("announcement:{id}:");
        if row.deleted
            || !matches!(
                audience.as_str(),
                "everyone" | "guardians" | "grade" | "classroom"
            )
        {
            tx.execute(
                "UPDATE notifications SET state = 'cancelled', updated_at = $3
                 WHERE tenant_id = $1 AND starts_with(source, $2) AND state = 'queued'",
                &[&tenant, &prefix, &now],
            )
            .await?;
            continue;
        }
        let classroom: Option<Uuid> = (audience == "classroom")
            .then(|| text("classroom_id").parse().ok())
            .flatten();
        let grade: Option<Uuid> = (audience == "grade")
            .then(|| text("grade_id").parse().ok())
            .flatten();
        let published_on =
            chrono::NaiveDate::parse_from_str(&text("published_on"), "%Y-%m-%d").ok();
        // A school's history (its first upload, a desktop back after a long time offline)
        // is not news: families hear of what was published yesterday or later.
        let yesterday = settings.local(now).date() - chrono::Days::new(1);
        if published_on.is_some_and(|d| d < yesterday) {
            continue;
        }
        let published = published_on.map(|d| {
            (d.and_time(NaiveTime::MIN)
                - chrono::Duration::minutes(i64::from(settings.utc_offset_minutes)))
            .and_utc()
        });
        let not_before = (now + chrono::Duration::minutes(i64::from(settings.grace_minutes)))
            .max(published.unwrap_or(now));
        let recipients = tx
            .query(
                &format!(
                    "SELECT DISTINCT ON (g.id) g.id, g.phone, g.email, g.preferred_language, s.id
                     FROM students s {FIRST_GUARDIAN}
                     WHERE s.tenant_id = $1 AND NOT s.deleted
                       AND EXISTS (SELECT 1 FROM enrollments e WHERE e.tenant_id = $1
                                    AND e.student_id = s.id AND NOT e.deleted
                                    AND e.left_on IS NULL
                                    AND ($2::uuid IS NULL OR e.classroom_id = $2)
                                    AND ($3::uuid IS NULL OR EXISTS (
                                        SELECT 1 FROM classrooms c WHERE c.tenant_id = $1
                                           AND c.id = e.classroom_id AND c.grade_id = $3)))
                     ORDER BY g.id, s.id"
                ),
                &[&tenant, &classroom, &grade],
            )
            .await?;
        for recipient in recipients {
            let guardian: Uuid = recipient.get(0);
            let language: String = recipient
                .get::<_, Option<String>>(3)
                .unwrap_or_else(|| school_language.clone());
            let facts = [
                (
                    "school",
                    in_language(&language, school_ar.clone(), school_en.clone()),
                ),
                (
                    "title",
                    in_language(&language, text("title_ar"), text("title_en")),
                ),
                (
                    "body",
                    in_language(&language, text("body_ar"), text("body_en")),
                ),
            ];
            let (phone, email): (String, Option<String>) = (recipient.get(1), recipient.get(2));
            let to = Recipient {
                guardian,
                student: None,
                phone: &phone,
                email: email.as_deref(),
            };
            let source = format!("{prefix}{guardian}");
            tell(
                tx,
                tenant,
                &settings,
                now,
                Kind::Announcement,
                &language,
                &facts,
                source,
                to,
                not_before,
            )
            .await?;
        }
    }
    Ok(())
}

/// "Report cards are ready": an administrator publishes a term's cards (for the school or
/// one classroom) and each enrolled student's first guardian is told, once per term; how
/// many messages were queued.
pub async fn report_cards_ready(
    tx: &Transaction<'_>,
    tenant: Uuid,
    now: DateTime<Utc>,
    term: Uuid,
    classroom: Option<Uuid>,
) -> Result<u64, tokio_postgres::Error> {
    let Some(settings) = settings(tx, tenant).await? else {
        return Ok(0);
    };
    let (school_ar, school_en, school_language) = school(tx, tenant).await?;
    let rows = tx
        .query(
            &format!(
                "SELECT s.id, s.name_ar, s.name_en, g.id, g.phone, g.email, g.preferred_language,
                        t.name_ar, t.name_en
                 FROM terms t
                 JOIN enrollments e ON e.tenant_id = t.tenant_id AND e.year_id = t.year_id
                      AND NOT e.deleted AND e.left_on IS NULL
                      AND ($3::uuid IS NULL OR e.classroom_id = $3)
                 JOIN students s ON s.tenant_id = e.tenant_id AND s.id = e.student_id
                      AND NOT s.deleted
                 {FIRST_GUARDIAN}
                 WHERE t.tenant_id = $1 AND t.id = $2 AND NOT t.deleted
                   AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.tenant_id = $1
                                    AND n.source = 'report-cards:' || $2::uuid || ':' || s.id)"
            ),
            &[&tenant, &term, &classroom],
        )
        .await?;
    let mut queued = 0;
    for row in rows {
        let language: String = row
            .get::<_, Option<String>>(6)
            .unwrap_or_else(|| school_language.clone());
        let pick = |ar: usize, en: usize| in_language(&language, row.get(ar), row.get(en));
        let facts = [
            (
                "school",
                in_language(&language, school_ar.clone(), school_en.clone()),
            ),
            ("student", pick(1, 2)),
            ("term", pick(7, 8)),
        ];
        let student: Uuid = row.get(0);
        let (phone, email): (String, Option<String>) = (row.get(4), row.get(5));
        let to = Recipient {
            guardian: row.get(3),
            student: Some(student),
            phone: &phone,
            email: email.as_deref(),
        };
        let source = format!("report-cards:{term}:{student}");
        queued += tell(
            tx,
            tenant,
            &settings,
            now,
            Kind::ReportCards,
            &language,
            &facts,
            source,
            to,
            now,
        )
        .await?;
    }
    Ok(queued)
}

/// What the worker does for a school before it claims anything: drops what an opted-out
/// guardian would receive, queues the day's fee reminders, and gathers the day's digests
/// once the school's digest hour has come.
pub(crate) async fn before_sending(
    tx: &Transaction<'_>,
    tenant: Uuid,
    now: DateTime<Utc>,
) -> Result<(), tokio_postgres::Error> {
    let Some(settings) = settings(tx, tenant).await? else {
        return Ok(());
    };
    tx.execute(
        "UPDATE notifications n SET state = 'cancelled', reason = 'the guardian opted out',
                updated_at = $2
         FROM notification_opt_outs o
         WHERE n.tenant_id = $1 AND o.tenant_id = $1 AND o.guardian_id = n.guardian_id
           AND o.channel = n.channel AND n.state = 'queued'",
        &[&tenant, &now],
    )
    .await?;
    fee_reminders(tx, tenant, now, &settings).await?;
    if settings.digest {
        gather_digests(tx, tenant, now, &settings).await?;
    }
    Ok(())
}

/// Invoices still owing `fee_reminder_days` before their due date, and 1, 7 and 30 days
/// after it: one reminder each (by its source), in the guardian's language.
async fn fee_reminders(
    tx: &Transaction<'_>,
    tenant: Uuid,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<(), tokio_postgres::Error> {
    let today = settings.local(now).date();
    let sum = |table: &str, column: &str| {
        format!(
            "(SELECT COALESCE(SUM(x.amount), 0)::int8 FROM {table} x
               WHERE x.tenant_id = i.tenant_id AND x.{column} = i.id AND NOT x.deleted)"
        )
    };
    let sql = format!(
        "SELECT i.id, i.number, i.due_on::text, (i.due_on - $2::date)::int4,
                i.amount - {credited} - ({paid} + {credit_in} - {refunds} - {credit_out}),
                s.id, s.name_ar, s.name_en, g.id, g.phone, g.email, g.preferred_language,
                COALESCE(sc.currency, ''), COALESCE(sc.currency_minor_digits, 2)::int4
         FROM invoices i
         JOIN students s ON s.tenant_id = i.tenant_id AND s.id = i.student_id AND NOT s.deleted
         {FIRST_GUARDIAN}
         LEFT JOIN LATERAL (SELECT currency, currency_minor_digits FROM schools
                             WHERE tenant_id = i.tenant_id AND NOT deleted LIMIT 1) sc ON true
         WHERE i.tenant_id = $1 AND NOT i.deleted AND i.voided_on IS NULL
           AND i.due_on IN ($2::date + $3::int4, $2::date - 1, $2::date - 7, $2::date - 30)
           AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.tenant_id = $1
                            AND n.source = 'fee:' || i.id || ':' || (i.due_on - $2::date))",
        credited = sum("credit_notes", "invoice_id"),
        paid = sum("payments", "invoice_id"),
        credit_in = sum("credit_transfers", "to_invoice_id"),
        refunds = sum("refunds", "invoice_id"),
        credit_out = sum("credit_transfers", "from_invoice_id"),
    );
    let rows = tx
        .query(&sql, &[&tenant, &today, &settings.fee_reminder_days])
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let (school_ar, school_en, school_language) = school(tx, tenant).await?;
    for row in rows {
        let owed: i64 = row.get(4);
        if owed <= 0 {
            continue;
        }
        let days_left: i32 = row.get(3);
        let language: String = row
            .get::<_, Option<String>>(11)
            .unwrap_or_else(|| school_language.clone());
        let pick = |ar: usize, en: usize| in_language(&language, row.get(ar), row.get(en));
        let kind = if days_left < 0 {
            Kind::FeeOverdue
        } else {
            Kind::FeeDue
        };
        let facts = [
            (
                "school",
                in_language(&language, school_ar.clone(), school_en.clone()),
            ),
            ("student", pick(6, 7)),
            ("invoice", row.get::<_, String>(1)),
            (
                "amount",
                money(owed, row.get::<_, i32>(13), &row.get::<_, String>(12)),
            ),
            ("date", row.get::<_, String>(2)),
            ("days", (-days_left).to_string()),
        ];
        let invoice: Uuid = row.get(0);
        let (phone, email): (String, Option<String>) = (row.get(9), row.get(10));
        let to = Recipient {
            guardian: row.get(8),
            student: Some(row.get(5)),
            phone: &phone,
            email: email.as_deref(),
        };
        let source = format!("fee:{invoice}:{days_left}");
        tell(
            tx, tenant, settings, now, kind, &language, &facts, source, to, now,
        )
        .await?;
    }
    Ok(())
}

/// An amount in minor units as a guardian reads it: `10,525.00 AED`.
fn money(minor: i64, digits: i32, currency: &str) -> String {
    let digits = digits.clamp(0, 4) as u32;
    let scale = 10i64.pow(digits);
    let whole = (minor / scale).to_string();
    let mut grouped = String::new();
    for (n, c) in whole.chars().enumerate() {
        if n > 0 && (whole.len() - n).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let fraction = if digits > 0 {
        format!(".{:0width$}", minor % scale, width = digits as usize)
    } else {
        String::new()
    };
    format!("{grouped}{fraction} {currency}")
        .trim_end()
        .to_string()
}

/// One guardian's gathered messages on one channel.
struct DigestGroup {
    guardian: Uuid,
    channel: String,
    address: String,
    language: String,
    ids: Vec<Uuid>,
    items: Vec<Gathered>,
}

/// Once the school's digest hour has come, each guardian's gathered messages of the day
/// (those queued before that hour) become one digest per channel.
async fn gather_digests(
    tx: &Transaction<'_>,
    tenant: Uuid,
    now: DateTime<Utc>,
    settings: &Settings,
) -> Result<(), tokio_postgres::Error> {
    let local = settings.local(now);
    if local.time() < settings.digest_at {
        return Ok(());
    }
    let cut = (local.date().and_time(settings.digest_at)
        - chrono::Duration::minutes(i64::from(settings.utc_offset_minutes)))
    .and_utc();
    let rows = tx
        .query(
            "SELECT id, guardian_id, channel, address, language, subject, body FROM notifications
             WHERE tenant_id = $1 AND digest AND state = 'queued' AND not_before <= $2
               AND created_at < $3
             ORDER BY guardian_id, channel, priority, created_at
             FOR UPDATE SKIP LOCKED",
            &[&tenant, &now, &cut],
        )
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let (school_ar, school_en, _) = school(tx, tenant).await?;
    let date = local.date().to_string();
    let mut groups: Vec<DigestGroup> = Vec::new();
    for row in &rows {
        let (guardian, channel): (Uuid, String) = (row.get(1), row.get(2));
        if groups
            .last()
            .is_none_or(|g| g.guardian != guardian || g.channel != channel)
        {
            groups.push(DigestGroup {
                guardian,
                channel,
                address: row.get(3),
                language: row.get(4),
                ids: Vec::new(),
                items: Vec::new(),
            });
        }
        let group = groups.last_mut().expect("a group was just pushed");
        group.ids.push(row.get(0));
        group.items.push(Gathered {
            subject: row.get(5),
            text: row.get(6),
        });
    }
    for group in groups {
        let school = in_language(&group.language, school_ar.clone(), school_en.clone());
        let Ok(message) = digest(
            &group.language,
            &school,
            &date,
            &group.items,
            settings.max_sms_segments as usize,
        ) else {
            continue;
        };
        let channel: &'static str = if group.channel == "sms" {
            "sms"
        } else {
            "email"
        };
        let item = ToQueue {
            source: format!("digest:{}:{date}", group.guardian),
            kind: Kind::Digest,
            guardian: group.guardian,
            student: None,
            channel,
            address: &group.address,
            message: &message,
            not_before: now,
        };
        queue(tx, tenant, settings, now, item).await?;
        tx.execute(
            "UPDATE notifications SET state = 'digested', updated_at = $3
             WHERE tenant_id = $1 AND id = ANY($2)",
            &[&tenant, &group.ids, &now],
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::money;

    #[test]
    fn amounts_read_as_a_guardian_expects() {
        assert_eq!(money(1_052_500, 2, "AED"), "10,525.00 AED");
        assert_eq!(money(5, 3, "KWD"), "0.005 KWD");
        assert_eq!(money(123_456_789, 0, ""), "123,456,789");
    }
}
