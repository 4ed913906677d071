//! Guardians' emails through a real SMTP relay (aiosmtpd, started here, STARTTLS under a
//! throwaway authority and AUTH required) beside their SMS: each in the guardian's language,
//! with its subject, a text and an HTML part and a one-click unsubscribe link; an unknown
//! mailbox fails for good, a deferral is tried again; the link opts the guardian out, and the
//! next alert goes by SMS only. The school's administrators see the counts, and another
//! school's see nothing of them.

mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;
use daftar_cloud::ops;
use daftar_domain::*;
use daftar_protocol::*;
use serde_json::Value;

/// A certificate authority made for this test and the relay's certificate under it.
fn certificates(folder: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let status = Command::new("openssl")
            .args(args)
            .current_dir(folder)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl runs (scripts/setup-system installs it)");
        assert!(status.success(), "openssl {args:?}");
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    run(&[
        &[
            "req",
            "-x509",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Daftar test CA",
        ],
        &ec[..],
        &["-keyout", "ca.key", "-out", "ca.pem"],
    ]
    .concat());
    run(&[
        &["req", "-nodes", "-subj", "/CN=127.0.0.1"],
        &ec[..],
        &["-keyout", "relay.key", "-out", "relay.csr"],
    ]
    .concat());
    std::fs::write(
        folder.join("relay.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "relay.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "relay.ext",
        "-out",
        "relay.pem",
    ]);
    (
        folder.join("ca.pem"),
        folder.join("relay.pem"),
        folder.join("relay.key"),
    )
}

/// The relay process; closing its standard input ends it.
struct Relay {
    child: Child,
    port: u16,
    inbox: PathBuf,
}

impl Drop for Relay {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const RELAY_USER: &str = "school-relay";
const RELAY_PASSWORD: &str = "relay-password-for-tests";

fn relay(folder: &Path, cert: &Path, key: &Path) -> Relay {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let inbox = folder.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    // Debian's Python, where python3-aiosmtpd is installed.
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/smtp_relay.py");
    let mut child = Command::new(python)
        .arg(script)
        .arg(port.to_string())
        .arg(cert)
        .arg(key)
        .arg(&inbox)
        .arg(RELAY_USER)
        .arg(RELAY_PASSWORD)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(
        line.trim(),
        "ready",
        "the relay starts (python3-aiosmtpd installed?)"
    );
    Relay { child, port, inbox }
}

/// The relay's decoded summaries of what it accepted, in order.
fn inbox(relay: &Relay) -> Vec<Value> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(&relay.inbox)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

fn guardian(name_en: &str, email: &str, language: Option<Language>) -> Guardian {
    Guardian {
        id: new_id(),
        name_ar: "ولي الأمر".into(),
        name_en: name_en.into(),
        phone: "0501112233".into(),
        email: Some(email.into()),
        address: None,
        national_id: None,
        preferred_language: language,
    }
}

#[tokio::test]
async fn guardians_get_an_sms_and_an_email_in_their_language_and_can_unsubscribe() {
    let folder = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(folder.path());
    let relay = relay(folder.path(), &cert, &key);
    let roots = std::fs::read(&ca).unwrap();
    let server = TestServer::start_with("notify_email", |c| {
        c.notify_tick = Duration::from_millis(100);
        c.smtp_roots = Some(roots);
        c.public_url = Some("https://cloud.alnoor.example".into());
    })
    .await;
    let tenant = server.tenant("alnoor").await;
    server.tenant("alamal").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    server.user("alamal", "admin", Role::Admin, None).await;
    // Plain SMTP anywhere but loopback is refused.
    let plain = ops::NotifySettings {
        enabled: true,
        smtp_host: Some("smtp.example.com".into()),
        smtp_tls: Some("none".into()),
        ..Default::default()
    };
    assert!(
        ops::set_notifications(&server.pool, "alnoor", &plain)
            .await
            .is_err()
    );
    let settings = ops::NotifySettings {
        enabled: true,
        grace_minutes: Some(0),
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: Some(i32::from(relay.port)),
        smtp_tls: Some("starttls".into()),
        smtp_username: Some(RELAY_USER.into()),
        smtp_password: Some(RELAY_PASSWORD.into()),
        smtp_from: Some("Al Noor School <office@alnoor.example>".into()),
        ..Default::default()
    };
    ops::set_notifications(&server.pool, "alnoor", &settings)
        .await
        .unwrap();
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let seed = Seed::new();
    server.push(&session, &seed.mutations(&mut device)).await;
    let english = guardian("Sam Parent", "sam@example.com", Some(Language::English));
    let arabic = guardian("Huda Parent", "huda@example.com", Some(Language::Arabic));
    let bounce = guardian("Gone", "bounce@example.com", None);
    let later = guardian("Busy", "later@example.com", Some(Language::English));
    let family = [&english, &arabic, &bounce, &later];
    let mut rows: Vec<Mutation> = family.iter().map(|g| device.insert(*g)).collect();
    for (student, g) in family.iter().enumerate() {
        rows.push(device.insert(&StudentGuardian::new(
            seed.students[student].0.id,
            g.id,
            GuardianRelation::Mother,
            true,
        )));
    }
    server.push(&session, &rows).await;
    let absences: Vec<Mutation> = (0..4)
        .map(|s| device.insert(&seed.attendance(s, "2025-09-01", AttendanceStatus::Absent)))
        .collect();
    server.push(&session, &absences).await;
    let emails = || {
        server.sql(
            "SELECT string_agg(address || ':' || state || ':' || attempts, ' ' ORDER BY address)
             FROM notifications WHERE channel = 'email'",
        )
    };
    let reaches = |want: &'static str| {
        let emails = &emails;
        async move {
            for _ in 0..150 {
                if emails() == want {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert_eq!(emails(), want);
        }
    };
    // The unknown mailbox fails for good; the deferred one waits for its retry.
    reaches(
        "bounce@example.com:failed:1 huda@example.com:sent:1 later@example.com:queued:1 sam@example.com:sent:1",
    )
    .await;
    server.clock.advance(31 * 1000);
    reaches(
        "bounce@example.com:failed:1 huda@example.com:sent:1 later@example.com:sent:2 sam@example.com:sent:1",
    )
    .await;
    let reason =
        server.sql("SELECT reason FROM notifications WHERE address = 'bounce@example.com'");
    assert!(reason.contains("550"), "{reason}");
    assert!(
        !reason.contains("bounce@"),
        "no address in the reason: {reason}"
    );

    let got = inbox(&relay);
    assert_eq!(got.len(), 3, "{got:#?}");
    let to = |address: &str| {
        got.iter()
            .find(|m| m["to"][0] == address)
            .unwrap_or_else(|| panic!("no email to {address}: {got:#?}"))
    };
    let sam = to("sam@example.com");
    let student = &seed.students[0].0;
    assert_eq!(sam["tls"], true, "sent after STARTTLS");
    assert_eq!(sam["authenticated"], true);
    assert_eq!(sam["multipart"], "multipart/alternative");
    assert_eq!(sam["content_language"], "en");
    assert_eq!(
        sam["subject"],
        format!("{} was absent today", student.name_en)
    );
    assert!(
        sam["from"]
            .as_str()
            .unwrap()
            .contains("office@alnoor.example")
    );
    assert!(
        sam["text"]
            .as_str()
            .unwrap()
            .contains("was marked absent on 2025-09-01")
    );
    assert!(sam["html"].as_str().unwrap().contains("dir=\"ltr\""));
    assert_eq!(sam["list_unsubscribe_post"], "List-Unsubscribe=One-Click");
    let link = sam["list_unsubscribe"].as_str().unwrap();
    let prefix = format!("<https://cloud.alnoor.example/v1/unsubscribe/{tenant}/");
    assert!(link.starts_with(&prefix), "{link}");
    assert!(
        sam["html"]
            .as_str()
            .unwrap()
            .contains("Stop these messages")
    );
    let huda = to("huda@example.com");
    assert_eq!(huda["content_language"], "ar");
    let subject = huda["subject"].as_str().unwrap();
    assert!(subject.contains(&seed.students[1].0.name_ar), "{subject}");
    assert!(
        huda["text"].as_str().unwrap().contains("سُجّل غياب"),
        "{huda:#?}"
    );
    assert!(huda["html"].as_str().unwrap().contains("dir=\"rtl\""));
    assert!(huda["html"].as_str().unwrap().contains("إيقاف هذه الرسائل"));
    // Every absence also went by SMS (no gateway set: they wait, queued, for it).
    assert_eq!(
        server.sql("SELECT count(*) FROM notifications WHERE channel = 'sms'"),
        "4"
    );

    // The guardian follows the link: the page asks first, the button (or a mail client's
    // one click) opts them out of email, once however often it is pressed.
    let path = link
        .trim_start_matches("<https://cloud.alnoor.example")
        .trim_end_matches('>');
    let page = server
        .http
        .get(format!("{}{path}", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<form method=\"post\"") && page.contains("Stop the emails"),
        "{page}"
    );
    assert_eq!(
        server.sql("SELECT count(*) FROM notification_opt_outs"),
        "0"
    );
    for _ in 0..2 {
        let done = server
            .http
            .post(format!("{}{path}", server.url))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(done.status(), 200);
        assert!(done.text().await.unwrap().contains("no more emails"));
    }
    assert_eq!(
        server.sql(
            "SELECT guardian_id || ':' || channel || ':' || source FROM notification_opt_outs"
        ),
        format!("{}:email:link", english.id)
    );
    let forged = server
        .http
        .post(format!(
            "{}/v1/unsubscribe/{tenant}/{}",
            server.url,
            new_id()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);

    // The next day's absence reaches Sam by SMS only.
    server.clock.advance(24 * 3600 * 1000);
    let session = server.login("alnoor", "admin", device.id).await;
    let again = seed.attendance(0, "2025-09-02", AttendanceStatus::Absent);
    server.push(&session, &[device.insert(&again)]).await;
    let next = server.sql(&format!(
        "SELECT string_agg(channel, ' ' ORDER BY channel) FROM notifications
         WHERE source = 'attendance:{}'",
        again.id
    ));
    assert_eq!(next, "sms");

    // Those who run the school see the counts; another school's see none of it; a teacher
    // is refused.
    let (status, body) = server
        .call(reqwest::Method::GET, "/v1/notifications", &session, None)
        .await;
    assert_eq!(status, 200, "{body}");
    let list: NotificationList = parse(body);
    let count = |channel: &str, state: &str| {
        list.counts
            .iter()
            .find(|c| c.channel == channel && c.state == state)
            .map_or(0, |c| c.count)
    };
    assert_eq!(count("email", "sent"), 3);
    assert_eq!(count("email", "failed"), 1);
    assert_eq!(list.opt_outs.len(), 1);
    assert!(
        list.messages
            .iter()
            .all(|m| !m.subject.contains('@')
                && m.reason.as_deref().is_none_or(|r| !r.contains('@')))
    );
    let elsewhere = server.login("alamal", "admin", Device::new().id).await;
    let (status, body) = server
        .call(reqwest::Method::GET, "/v1/notifications", &elsewhere, None)
        .await;
    assert_eq!(status, 200);
    let theirs: NotificationList = parse(body);
    assert!(theirs.counts.is_empty() && theirs.messages.is_empty() && theirs.opt_outs.is_empty());
    let (status, _) = server
        .call(
            reqwest::Method::POST,
            "/v1/notifications/opt-outs",
            &elsewhere,
            Some(
                serde_json::json!({"guardian_id": english.id, "channel": "sms", "opted_out": true}),
            ),
        )
        .await;
    assert_eq!(status, 404, "not one of their guardians");
    assert_eq!(
        server.sql("SELECT count(*) FROM notification_opt_outs"),
        "1"
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
        metrics.contains("daftar_notifications_total{channel=\"email\",outcome=\"sent\"} 3"),
        "{metrics}"
    );
    assert!(
        metrics.contains("daftar_notification_queue_depth{channel=\"sms\"}"),
        "{metrics}"
    );
}
