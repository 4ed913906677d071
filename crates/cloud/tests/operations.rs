//! Running the server: health, readiness, metrics, request ids, graceful shutdown with a
//! push in flight, and the real `daftar-cloud` binary with its operator commands and logs.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use daftar_domain::*;
use daftar_protocol::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

fn guardians(n: usize) -> Vec<Guardian> {
    (0..n)
        .map(|i| Guardian {
            id: new_id(),
            name_ar: format!("ولي أمر {i}"),
            name_en: format!("Guardian {i}"),
            phone: format!("050{i:07}"),
            email: None,
            address: None,
            national_id: None,
            preferred_language: None,
        })
        .collect()
}

#[tokio::test]
async fn health_metrics_and_request_ids() {
    let server = TestServer::start("health").await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let batch: Vec<Mutation> = guardians(3).iter().map(|g| device.insert(g)).collect();
    server.push(&session, &batch).await;

    let get = |path: &str| server.http.get(format!("{}{path}", server.url)).send();
    assert_eq!(get("/healthz").await.unwrap().text().await.unwrap(), "ok");
    assert_eq!(get("/readyz").await.unwrap().status(), StatusCode::OK);
    let metrics = get("/metrics").await.unwrap().text().await.unwrap();
    assert!(
        metrics.contains("daftar_mutations_total{outcome=\"applied\"} 3"),
        "{metrics}"
    );
    assert!(metrics.contains(
        "daftar_http_requests_total{method=\"POST\",route=\"/v1/sync/push\",status=\"200\"} 1"
    ));
    assert!(
        metrics.contains("daftar_http_request_duration_seconds_count{route=\"/v1/sync/push\"} 1")
    );

    let response = get("/healthz").await.unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert!(Uuid::parse_str(id).is_ok());
    let given = server
        .http
        .get(format!("{}/healthz", server.url))
        .header("x-request-id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "abc-123");
}

#[tokio::test]
async fn shutting_down_finishes_the_push_in_flight() {
    let mut server = TestServer::start("shutdown").await;
    server.tenant("alnoor").await;
    server.user("alnoor", "admin", Role::Admin, None).await;
    let mut device = Device::new();
    let session = server.login("alnoor", "admin", device.id).await;
    let batch: Vec<Mutation> = guardians(3000).iter().map(|g| device.insert(g)).collect();
    let request = server
        .request(reqwest::Method::POST, "/v1/sync/push")
        .bearer_auth(&session.access_token)
        .json(&json!({"mutations": batch}))
        .send();
    let in_flight = tokio::spawn(request);
    tokio::time::sleep(Duration::from_millis(30)).await;
    server.stop();
    let response = in_flight.await.unwrap().unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: PushResponse = response.json().await.unwrap();
    assert_eq!(applied(&body), 3000);
    server.handle.take().unwrap().await.unwrap().unwrap();
    assert_eq!(server.sql("SELECT count(*) FROM guardians"), "3000");
    assert!(
        server
            .http
            .get(format!("{}/healthz", server.url))
            .send()
            .await
            .is_err(),
        "stopped"
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn the_binary_migrates_creates_accounts_serves_and_stops_on_sigterm() {
    // A fresh database through TestServer's harness, used only for its roles and URLs.
    let harness = TestServer::start("binary").await;
    let serving = harness.database.url_as(
        daftar_testkit::SERVING_ROLE,
        daftar_testkit::SERVING_PASSWORD,
    );
    let bin = env!("CARGO_BIN_EXE_daftar-cloud");
    let run = |args: &[&str], password: Option<&str>| {
        let mut cmd = Command::new(bin);
        cmd.args(args)
            .env("DAFTAR_DATABASE_URL", &serving)
            .env("DAFTAR_ADMIN_DATABASE_URL", &harness.database.owner_url)
            .env_remove("DAFTAR_PASSWORD");
        if let Some(p) = password {
            cmd.env("DAFTAR_PASSWORD", p);
        }
        cmd.output().unwrap()
    };
    assert!(run(&["migrate"], None).status.success());
    let created = run(
        &[
            "tenant",
            "create",
            "--slug",
            "al-noor",
            "--name",
            "مدرسة النور",
        ],
        None,
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(Uuid::parse_str(String::from_utf8_lossy(&created.stdout).trim()).is_ok());
    let again = run(
        &["tenant", "create", "--slug", "al-noor", "--name", "x"],
        None,
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let weak = run(
        &[
            "user",
            "add",
            "--tenant",
            "al-noor",
            "--username",
            "admin",
            "--role",
            "admin",
        ],
        Some("short"),
    );
    assert!(!weak.status.success());
    let teacher = run(
        &[
            "user",
            "add",
            "--tenant",
            "al-noor",
            "--username",
            "t",
            "--role",
            "teacher",
        ],
        Some(PASSWORD),
    );
    assert!(String::from_utf8_lossy(&teacher.stderr).contains("--staff"));
    let added = run(
        &[
            "user",
            "add",
            "--tenant",
            "al-noor",
            "--username",
            "admin",
            "--role",
            "admin",
        ],
        Some(PASSWORD),
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );

    // Serving as the owner is refused: it could turn row-level security off.
    let owner = Command::new(bin)
        .arg("serve")
        .env("DAFTAR_DATABASE_URL", &harness.database.owner_url)
        .env("DAFTAR_LISTEN", format!("127.0.0.1:{}", free_port()))
        .output()
        .unwrap();
    assert!(!owner.status.success());
    assert!(String::from_utf8_lossy(&owner.stderr).contains("row-level security"));

    let port = free_port();
    let mut child = Command::new(bin)
        .arg("serve")
        .env("DAFTAR_DATABASE_URL", &serving)
        .env("DAFTAR_ADMIN_DATABASE_URL", &harness.database.owner_url)
        .env("DAFTAR_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "DAFTAR_TOKEN_SECRET",
            "a-long-enough-secret-for-signing-tokens",
        )
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::new();
    let started = Instant::now();
    while http.get(format!("{url}/readyz")).send().await.is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let response = http
        .post(format!("{url}/v1/auth/login"))
        .header(PROTOCOL_HEADER, "1")
        .json(&json!({"tenant": "al-noor", "username": "admin", "password": PASSWORD, "device_id": Uuid::now_v7(), "device_name": "d"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "a clean exit on SIGTERM");
    let logs: Vec<Value> = BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).expect("every log line is JSON"))
        .collect();
    assert!(
        logs.iter()
            .any(|l| l["span"]["request_id"] == json!(request_id)),
        "{logs:?}"
    );
    assert!(
        logs.iter()
            .any(|l| l["fields"]["outcome"] == json!("ok") && l["target"] == json!("login"))
    );
    let text = serde_json::to_string(&logs).unwrap();
    assert!(
        !text.contains(PASSWORD) && !text.contains("a-long-enough-secret"),
        "no secrets in logs"
    );
}
