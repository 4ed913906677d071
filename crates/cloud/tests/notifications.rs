//! Guardians' alerts queued from synced registers, on a real PostgreSQL: nothing until the
//! school turns notifications on; then an absence or a late mark of today queues its primary
//! guardian's SMS (and email, with an address) in their language (else the school's), to go
//! after the grace period, none for an old register; a correction within the grace cancels
//! it; another school never sees the queue.

mod common;

use common::*;
use daftar_cloud::{db, delivery, ops};
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

/// A school's SMS gateway on loopback that checks each request's signature, fails a
/// message's first attempt with a 500, refuses the number 0509999999 for good, and accepts the rest.
struct Gateway {
    url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
}

const KEY: &str = "the-schools-gateway-key";

async fn gateway() -> Gateway {
    use axum::http::{HeaderMap, StatusCode};
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, String)>::new()));
    let log = seen.clone();
    let app = axum::Router::new().route(
        "/send",
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let log = log.clone();
            async move {
                let timestamp: i64 = headers[delivery::TIMESTAMP_HEADER]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                let signed = headers[delivery::SIGNATURE_HEADER]
                    .to_str()
                    .unwrap()
                    .to_string();
                if signed != delivery::signature(KEY, timestamp, &body) {
                    return (StatusCode::UNAUTHORIZED, String::new());
                }
                let request: delivery::SmsRequest = serde_json::from_slice(&body).unwrap();
                let mut log = log.lock().unwrap();
                let tries = log
                    .iter()
                    .filter(|(id, _)| *id == request.id.to_string())
                    .count();
                log.push((request.id.to_string(), request.text.clone()));
                if request.to == "0509999999" {
                    (
                        StatusCode::BAD_REQUEST,
                        r#"{"error":"no such number"}"#.into(),
                    )
                } else if tries == 0 {
                    (StatusCode::INTERNAL_SERVER_ERROR, String::new())
                } else {
                    (
                        StatusCode::OK,
                        format!(r#"{{"message_id":"gw-{}"}}"#, request.id),
                    )
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Gateway { url, seen }
}

#[tokio::test]
async fn alerts_go_after_the_grace_through_the_schools_gateway_retrying_and_receipts_come_back_signed()
 {
    let server = TestServer::start_with("notify_delivery", |c| {
        c.notify_tick = std::time::Duration::from_millis(100)
    })
    .await;
    let tenant = server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let gateway = gateway().await;
    // Set as an operator does (`daftar-cloud tenant notify`); a plain-http gateway elsewhere
    // than loopback is refused.
    let mut settings = ops::NotifySettings {
        enabled: true,
        max_attempts: Some(3),
        sms_url: Some("http://gateway.example/send".into()),
        sms_key: Some(KEY.into()),
        ..Default::default()
    };
    assert!(
        ops::set_notifications(&server.pool, "alnoor", &settings)
            .await
            .is_err()
    );
    settings.sms_url = Some(gateway.url.clone());
    ops::set_notifications(&server.pool, "alnoor", &settings)
        .await
        .unwrap();
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    server.push(&session, &seed.mutations(&mut device)).await;
    let good = guardian(
        "Sam Parent",
        Some("sam@example.com"),
        Some(Language::English),
    );
    let bad = Guardian {
        phone: "0509999999".into(),
        ..guardian("Nobody", None, None)
    };
    let mut family = vec![device.insert(&good), device.insert(&bad)];
    for (student, g) in [(0, &good), (1, &bad)] {
        family.push(device.insert(&StudentGuardian::new(
            seed.students[student].0.id,
            g.id,
            GuardianRelation::Mother,
            true,
        )));
    }
    server.push(&session, &family).await;
    server
        .push(
            &session,
            &[
                device.insert(&seed.attendance(0, "2025-09-01", AttendanceStatus::Absent)),
                device.insert(&seed.attendance(1, "2025-09-01", AttendanceStatus::Absent)),
            ],
        )
        .await;
    let states = || {
        server.sql(
            "SELECT string_agg(address || ':' || state || ':' || attempts, ' ' ORDER BY address) FROM notifications",
        )
    };
    let settle = || async { tokio::time::sleep(std::time::Duration::from_millis(600)).await };
    // The worker's next passes (every 100 ms), waited for up to ten seconds.
    let reaches = |want: &'static str| {
        let states = &states;
        async move {
            for _ in 0..100 {
                if states() == want {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(states(), want);
        }
    };

    // Within the grace nothing goes (and the email waits, untried, for the SMTP relay).
    settle().await;
    assert_eq!(
        states(),
        "0501112233:queued:0 0509999999:queued:0 sam@example.com:queued:0"
    );
    assert!(gateway.seen.lock().unwrap().is_empty());

    // After it: the bad number fails for good, the other fails once (a 500) and waits.
    server.clock.advance(15 * 60 * 1000);
    reaches("0501112233:queued:1 0509999999:failed:1 sam@example.com:queued:0").await;
    // Its retry comes after the doubling delay (30 s at most on the first), then it is sent.
    server.clock.advance(31 * 1000);
    reaches("0501112233:sent:2 0509999999:failed:1 sam@example.com:queued:0").await;
    let seen = gateway.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(
        seen.iter()
            .any(|(_, text)| text.contains(&seed.students[0].0.name_en))
    );
    let provider = server.sql("SELECT provider_id FROM notifications WHERE state = 'sent'");
    assert!(provider.starts_with("gw-"));

    // The receipt comes back signed: a bad signature or an old timestamp changes nothing.
    let post = |body: String, timestamp: i64, signature: String| {
        reqwest::Client::new()
            .post(format!("{}/v1/hooks/sms/{tenant}", server.url))
            .header(delivery::TIMESTAMP_HEADER, timestamp.to_string())
            .header(delivery::SIGNATURE_HEADER, signature)
            .body(body)
            .send()
    };
    let now = (server.clock.now_millis() / 1000) as i64;
    let body = format!(r#"{{"message_id":"{provider}","status":"delivered"}}"#);
    let forged = post(
        body.clone(),
        now,
        delivery::signature("another key", now, body.as_bytes()),
    )
    .await
    .unwrap();
    assert_eq!(forged.status(), 401);
    let stale = post(
        body.clone(),
        now - 3600,
        delivery::signature(KEY, now - 3600, body.as_bytes()),
    )
    .await
    .unwrap();
    assert_eq!(stale.status(), 401);
    assert!(states().contains("0501112233:sent:2"));
    for _ in 0..2 {
        let ok = post(
            body.clone(),
            now,
            delivery::signature(KEY, now, body.as_bytes()),
        )
        .await
        .unwrap();
        assert_eq!(ok.status(), 200);
    }
    assert_eq!(
        states(),
        "0501112233:delivered:2 0509999999:failed:1 sam@example.com:queued:0"
    );
    let metrics = server
        .http
        .get(format!("{}/metrics", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("daftar_notifications_total{channel=\"sms\",outcome=\"sent\"} 1"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_dead_gateway_leaves_the_alert_dead_after_the_last_attempt() {
    let server = TestServer::start_with("notify_dead", |c| {
        c.notify_tick = std::time::Duration::from_millis(100)
    })
    .await;
    let tenant = server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    // Nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    server.sql(&format!(
        "INSERT INTO notification_settings (tenant_id, enabled, grace_minutes, max_attempts, sms_url, sms_key)
         VALUES ('{tenant}', true, 0, 2, 'http://127.0.0.1:{port}/send', '{KEY}')"
    ));
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    server.push(&session, &seed.mutations(&mut device)).await;
    let g = guardian("Sam Parent", None, None);
    server
        .push(
            &session,
            &[
                device.insert(&g),
                device.insert(&StudentGuardian::new(
                    seed.students[0].0.id,
                    g.id,
                    GuardianRelation::Father,
                    true,
                )),
                device.insert(&seed.attendance(0, "2025-09-01", AttendanceStatus::Late)),
            ],
        )
        .await;
    let state = || {
        server.sql(
            "SELECT state || ':' || attempts || ':' || (reason IS NOT NULL) FROM notifications",
        )
    };
    let reaches = |want: &'static str| {
        let state = &state;
        async move {
            for _ in 0..100 {
                if state() == want {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(state(), want);
        }
    };
    // No answer is worth another try; the second and last attempt leaves it dead.
    reaches("queued:1:true").await;
    server.clock.advance(31 * 1000);
    reaches("dead:2:true").await;

    // An administrator re-drives it from the list of dead messages: its attempts begin
    // again (and, the gateway still gone, it dies again after them).
    let session = server.login("alnoor", "admin", device.id).await;
    let (status, body) = server
        .call(
            reqwest::Method::GET,
            "/v1/notifications?state=dead",
            &session,
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let list: NotificationList = parse(body);
    assert_eq!(list.messages.len(), 1);
    assert_eq!(list.messages[0].state, "dead");
    assert!(list.messages[0].reason.is_some());
    let (status, body) = server
        .call(
            reqwest::Method::POST,
            "/v1/notifications/redrive",
            &session,
            Some(json!({"ids": [list.messages[0].id]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(parse::<Changed>(body).changed, 1);
    reaches("queued:1:true").await;
    server.clock.advance(31 * 1000);
    reaches("dead:2:true").await;
    let (_, body) = server
        .call(
            reqwest::Method::GET,
            "/v1/notifications?state=nothing",
            &session,
            None,
        )
        .await;
    assert!(body.to_string().contains("no such state"), "{body}");
}

/// A gateway that takes the connection and never answers: the send times out and is tried
/// again later, like a 5xx, never left hanging or lost.
#[tokio::test]
async fn a_gateway_that_never_answers_times_out_and_is_tried_again() {
    let server = TestServer::start_with("notify_timeout", |c| {
        c.notify_tick = std::time::Duration::from_millis(100);
        c.notify_send_timeout = std::time::Duration::from_millis(300);
    })
    .await;
    let tenant = server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts, reads, and holds every connection open without a word.
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    server.sql(&format!(
        "INSERT INTO notification_settings (tenant_id, enabled, grace_minutes, max_attempts, sms_url, sms_key)
         VALUES ('{tenant}', true, 0, 3, 'http://127.0.0.1:{port}/send', '{KEY}')"
    ));
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    server.push(&session, &seed.mutations(&mut device)).await;
    let g = guardian("Sam Parent", None, None);
    server
        .push(
            &session,
            &[
                device.insert(&g),
                device.insert(&StudentGuardian::new(
                    seed.students[0].0.id,
                    g.id,
                    GuardianRelation::Father,
                    true,
                )),
                device.insert(&seed.attendance(0, "2025-09-01", AttendanceStatus::Absent)),
            ],
        )
        .await;
    let state = || {
        server.sql(
            "SELECT state || ':' || attempts || ':' || (next_try > updated_at) FROM notifications",
        )
    };
    for _ in 0..100 {
        if state() == "queued:1:true" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(state(), "queued:1:true", "timed out, waiting for its retry");
    let reason = server.sql("SELECT reason FROM notifications");
    assert!(
        !reason.is_empty() && !reason.contains("0501112233"),
        "{reason}"
    );
}

/// Two real `daftar-cloud` processes share one database and send one school's queue; one is
/// killed with SIGKILL mid-send. The other takes up what it had claimed once its lease ends:
/// every message is sent, none is lost, and the gateway (which drops a repeat by our id, as
/// the body says it may) accepts each exactly once.
#[tokio::test]
async fn two_processes_share_the_queue_and_one_killed_mid_send_loses_nothing() {
    use std::collections::HashMap;
    use std::process::{Command, Stdio};
    // The harness's own server only lends its database; its worker sleeps through the test.
    let harness = TestServer::start_with("notify_kill", |c| {
        c.notify_tick = std::time::Duration::from_secs(3600)
    })
    .await;
    let tenant = harness.tenant("alnoor").await;
    // A gateway that takes 100 ms a message, answering a repeated id with its first answer.
    let seen = std::sync::Arc::new(std::sync::Mutex::new(HashMap::<String, usize>::new()));
    let log = seen.clone();
    let app = axum::Router::new().route(
        "/send",
        axum::routing::post(move |body: axum::body::Bytes| {
            let log = log.clone();
            async move {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                let request: delivery::SmsRequest = serde_json::from_slice(&body).unwrap();
                *log.lock()
                    .unwrap()
                    .entry(request.id.to_string())
                    .or_default() += 1;
                format!(r#"{{"message_id":"gw-{}"}}"#, request.id)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    harness.sql(&format!(
        "INSERT INTO notification_settings (tenant_id, enabled, grace_minutes, sms_url, sms_key,
                per_guardian_daily, per_minute)
         VALUES ('{tenant}', true, 0, '{url}', '{KEY}', 100, 100000)"
    ));
    const MESSAGES: usize = 60;
    harness.sql(&format!(
        "INSERT INTO notifications (tenant_id, id, source, kind, priority, guardian_id, channel,
                address, language, subject, body, html, not_before, next_try, created_at, updated_at)
         SELECT '{tenant}', gen_random_uuid(), 'test:' || n, 'announcement', 5, gen_random_uuid(),
                'sms', '050' || n, 'en', 'Sports day', 'Sports day is on Thursday.', '',
                now() - interval '1 minute', now() - interval '1 minute', now(), now()
         FROM generate_series(1, {MESSAGES}) n"
    ));
    let serving = harness.database.url_as(
        daftar_testkit::SERVING_ROLE,
        daftar_testkit::SERVING_PASSWORD,
    );
    let spawn = || {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        Command::new(env!("CARGO_BIN_EXE_daftar-cloud"))
            .arg("serve")
            .env("DAFTAR_DATABASE_URL", &serving)
            .env("DAFTAR_ADMIN_DATABASE_URL", &harness.database.owner_url)
            .env("DAFTAR_LISTEN", format!("127.0.0.1:{port}"))
            .env("DAFTAR_NOTIFY_TICK_MS", "50")
            .env("DAFTAR_NOTIFY_LEASE_SECONDS", "2")
            .env("DAFTAR_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = spawn();
    let mut second = spawn();
    let total = |seen: &HashMap<String, usize>| seen.values().sum::<usize>();
    let started = std::time::Instant::now();
    while total(&seen.lock().unwrap()) < 10 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "nothing was sent"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Command::new("kill")
        .args(["-KILL", &first.id().to_string()])
        .status()
        .unwrap();
    first.wait().unwrap();
    let sent = || {
        harness.sql(
            "SELECT count(*) FILTER (WHERE state = 'sent' AND provider_id = 'gw-' || id)
             FROM notifications",
        )
    };
    while sent() != MESSAGES.to_string() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(90),
            "sent {} of {MESSAGES}: {}",
            sent(),
            harness.sql("SELECT string_agg(state || ':' || attempts, ' ') FROM notifications")
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = second.kill();
    second.wait().unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), MESSAGES, "every message reached the gateway");
    // Only the messages in flight when the process died (at most eight at once) can have
    // been posted twice: the gateway's answers to them were never recorded.
    assert!(total(&seen) - MESSAGES <= 8, "{} posts", total(&seen));
    assert_eq!(
        harness.sql("SELECT count(*) FROM notifications WHERE state <> 'sent'"),
        "0"
    );
}
