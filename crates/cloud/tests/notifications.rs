//! Guardians' alerts queued from synced registers, on a real PostgreSQL: nothing until the
//! school turns notifications on; then an absence or a late mark of today queues its primary
//! guardian's SMS (and email, with an address) in their language (else the school's), to go
//! after the grace period, none for an old register; a correction within the grace cancels
//! it; another school never sees the queue.

mod common;

use common::*;
use daftar_cloud::db;
use daftar_domain::*;
use daftar_protocol::*;
use serde_json::json;

fn guardian(name_en: &str, email: Option<&str>, language: Option<Language>) -> Guardian {
    Guardian {
        id: new_id(),
        name_ar: "ولي الأمر".into(),
        name_en: name_en.into(),
        phone: "0501112233".into(),
        email: email.map(Into::into),
        address: None,
        national_id: None,
        preferred_language: language,
    }
}

fn version_of(response: &PushResponse, row: usize) -> i64 {
    match &response.results[row].outcome {
        Outcome::Applied { version } => *version,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn registers_queue_guardians_alerts_after_the_grace_and_corrections_cancel_them() {
    let server = TestServer::start("notifications").await;
    server.tenant("alnoor").await;
    let other = server.tenant("alamal").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    server.push(&session, &seed.mutations(&mut device)).await;
    let english = guardian(
        "Sam Parent",
        Some("sam@example.com"),
        Some(Language::English),
    );
    let arabic = guardian("Huda Parent", None, None);
    let mut family = vec![device.insert(&english), device.insert(&arabic)];
    for (student, g) in [(0, &english), (1, &arabic), (2, &arabic)] {
        family.push(device.insert(&StudentGuardian::new(
            seed.students[student].0.id,
            g.id,
            GuardianRelation::Father,
            true,
        )));
    }
    server.push(&session, &family).await;
    let queued = || {
        server.sql(
            "SELECT string_agg(kind || ':' || channel || ':' || language || ':' || state, ' ' ORDER BY kind, channel)
             FROM notifications",
        )
    };

    // Off until the school turns it on (the clock says 2025-09-01).
    server
        .push(
            &session,
            &[device.insert(&seed.attendance(0, "2025-08-31", AttendanceStatus::Absent))],
        )
        .await;
    assert_eq!(queued(), "");
    server.sql("INSERT INTO notification_settings (tenant_id, enabled) SELECT id, true FROM tenants WHERE slug = 'alnoor'");

    // Today's absence and lateness are queued; last week's register alerts nobody.
    let absent = seed.attendance(0, "2025-09-01", AttendanceStatus::Absent);
    let registers = server
        .push(
            &session,
            &[
                device.insert(&absent),
                device.insert(&seed.attendance(1, "2025-09-01", AttendanceStatus::Late)),
                device.insert(&seed.attendance(2, "2025-08-25", AttendanceStatus::Absent)),
            ],
        )
        .await;
    assert_eq!(applied(&registers), 3, "{:?}", registers.results);
    assert_eq!(
        queued(),
        "absence:email:en:queued absence:sms:en:queued late:sms:ar:queued"
    );
    let student = &seed.students[0].0;
    let sms = server.sql(
        "SELECT body || '|' || extract(epoch FROM not_before - created_at)::int || '|' || priority
         FROM notifications WHERE kind = 'absence' AND channel = 'sms'",
    );
    assert!(sms.contains(&student.name_en), "{sms}");
    assert!(sms.contains("was marked absent on 2025-09-01"), "{sms}");
    assert!(
        sms.ends_with("|900|0"),
        "fifteen minutes' grace, first priority: {sms}"
    );
    let late = server.sql("SELECT body FROM notifications WHERE kind = 'late'");
    assert!(late.contains("تأخر"), "in the school's language: {late}");
    let email =
        server.sql("SELECT address || '|' || subject FROM notifications WHERE channel = 'email'");
    assert!(email.starts_with("sam@example.com|"), "{email}");
    assert!(!email.contains('\u{2068}'), "no isolation marks: {email}");

    // The teacher corrects the absence within the grace: both its messages are cancelled;
    // marked absent again, they are queued again (once each).
    let version = version_of(&registers, 0);
    let corrected = server
        .push(
            &session,
            &[device.update(
                "attendance",
                absent.id,
                version,
                json!({"status": "present"}),
            )],
        )
        .await;
    assert_eq!(
        queued(),
        "absence:email:en:cancelled absence:sms:en:cancelled late:sms:ar:queued"
    );
    server
        .push(
            &session,
            &[device.update(
                "attendance",
                absent.id,
                version_of(&corrected, 0),
                json!({"status": "absent"}),
            )],
        )
        .await;
    assert_eq!(
        queued(),
        "absence:email:en:queued absence:sms:en:queued late:sms:ar:queued"
    );
    // Another school's connection sees none of it.
    let mut client = server.pool.get().await.unwrap();
    let tx = db::tenant_tx(&mut client, other).await.unwrap();
    let seen: i64 = tx
        .query_one("SELECT count(*) FROM notifications", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(seen, 0);
}
