//! Live sync and guardians' messages, measured on the real cloud (in this process, on a
//! throwaway PostgreSQL, over loopback HTTP):
//!
//! 1. **Save to seen**: two desktops (SQLite stores, each with its sync scheduler and the
//!    cloud's event stream, the second's timer set to an hour); a register of 40 saved on
//!    the first, until its rows are readable on the second; p50 and p95 over 50 registers.
//!    With `--pouchdb DIR` (bench/sync/run passes it), DIR's live.js measures PouchDB's live
//!    replication (two databases syncing with express-pouchdb) the same way.
//! 2. **Notifications**: 10,000 messages queued at once (half SMS to a loopback gateway, half
//!    email to a real SMTP relay on loopback, aiosmtpd), sent by the worker: deliveries a
//!    second and the p99 of their time in the queue.
//! 3. **Fan-out**: 200 event streams open on the one server; a push, and the delay until the
//!    last stream hears of it; memory per stream (this process's resident memory, server and
//!    clients together, before and after opening them).
//!
//! `--quick` runs each small (5 registers, 200 messages, 20 streams), without PouchDB.
//!
//! cargo bench -p daftar-app --bench live [-- --quick] [-- --pouchdb bench/sync]

mod support;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use daftar_app::demo::{self, DemoOptions};
use daftar_domain::{Attendance, AttendanceStatus, Enrollment, SystemClock};
use daftar_store::Store;
use daftar_sync::{
    Borrowed, Engine, HttpTransport, MemorySecrets, Options, Scheduler, SchedulerOptions, Transport,
};
use support::{PASSWORD, load, quantile};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

async fn engine(server: &str, store: &Store, name: &str) -> Engine<HttpTransport> {
    let engine = Engine::new(
        HttpTransport::new(server).unwrap(),
        Arc::new(MemorySecrets::default()),
        store.device_id(),
        Options::default(),
    );
    engine
        .sign_in("school", "admin", PASSWORD, name)
        .await
        .unwrap();
    engine
}

fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// A desktop syncing in the background as the window's does.
struct Live {
    replica: Arc<Mutex<Store>>,
    scheduler: Scheduler,
    _dir: tempfile::TempDir,
}

async fn live(server: &str, name: &str, options: SchedulerOptions) -> Live {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("daftar.sqlite3"), Arc::new(SystemClock)).unwrap();
    let engine = Arc::new(engine(server, &store, name).await);
    let replica = Arc::new(Mutex::new(store));
    let scheduler = Scheduler::start(engine, replica.clone(), options, 7);
    let mut status = scheduler.status();
    while status.borrow().rounds == 0 {
        status.changed().await.unwrap();
    }
    Live {
        replica,
        scheduler,
        _dir: dir,
    }
}

async fn save_to_seen(server: &str, registers: usize) -> (Duration, Duration) {
    let a = live(server, "desk a", SchedulerOptions::default()).await;
    let b = live(
        server,
        "desk b",
        SchedulerOptions {
            interval: Duration::from_secs(3600),
            ..SchedulerOptions::default()
        },
    )
    .await;
    // Classrooms with their current students, from the first desktop's copy.
    let mut classrooms: Vec<(uuid::Uuid, Vec<uuid::Uuid>)> = Vec::new();
    for e in a.replica.lock().unwrap().list::<Enrollment>().unwrap() {
        if e.left_on.is_some() {
            continue;
        }
        match classrooms.iter_mut().find(|(c, _)| *c == e.classroom_id) {
            Some((_, students)) => students.push(e.student_id),
            None => classrooms.push((e.classroom_id, vec![e.student_id])),
        }
    }
    classrooms.retain(|(_, s)| s.len() >= 20);
    assert!(!classrooms.is_empty(), "the school has classrooms");
    // School days the school has registers for: each register is taken again, marked with
    // its own note so the second desktop's copy shows when it has arrived.
    let mut days: Vec<NaiveDate> = a
        .replica
        .lock()
        .unwrap()
        .list::<Attendance>()
        .unwrap()
        .iter()
        .map(|m| m.date)
        .collect();
    days.sort();
    days.dedup();
    days.reverse();
    let mut samples = Vec::new();
    for r in 0..registers {
        let (classroom, students) = &classrooms[r % classrooms.len()];
        let students: Vec<_> = students.iter().take(40).copied().collect();
        let date = days[r % days.len()];
        let note = format!("bench register {r}");
        let started = Instant::now();
        a.replica
            .lock()
            .unwrap()
            .write(uuid::Uuid::nil(), |w| {
                for (i, student) in students.iter().enumerate() {
                    w.save_attendance(&Attendance {
                        id: Attendance::natural_id(*student, date, 0),
                        student_id: *student,
                        classroom_id: *classroom,
                        date,
                        period: 0,
                        status: if i % 7 == 0 {
                            AttendanceStatus::Absent
                        } else {
                            AttendanceStatus::Present
                        },
                        taken_by: uuid::Uuid::nil(),
                        taken_at: chrono::Utc::now(),
                        note: Some(note.clone()),
                    })?;
                }
                Ok(())
            })
            .unwrap();
        a.scheduler.local_change();
        let want = students.len();
        loop {
            // Looked up by id, as a screen reads a register: a scan would hold the second
            // desktop's store from its own sync.
            let seen = {
                let store = b.replica.lock().unwrap();
                students
                    .iter()
                    .filter(|student| {
                        store
                            .find::<Attendance>(Attendance::natural_id(**student, date, 0))
                            .ok()
                            .flatten()
                            .is_some_and(|m| m.note.as_deref() == Some(note.as_str()))
                    })
                    .count()
            };
            if seen == want {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "register {r} never reached the second desktop"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        samples.push(started.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (quantile(&mut samples, 0.5), quantile(&mut samples, 0.95))
}

fn pouchdb_live(dir: &Path, registers: usize) -> Option<(f64, f64)> {
    if !dir.join("node_modules").exists() {
        println!(
            "PouchDB: {} has no node_modules; bench/sync/run installs them",
            dir.display()
        );
        return None;
    }
    let out = std::process::Command::new("node")
        .arg(dir.join("live.js"))
        .arg(registers.to_string())
        .arg("40")
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("node runs");
    assert!(out.status.success(), "the PouchDB live script failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let figures: serde_json::Value =
        serde_json::from_str(text.lines().last().unwrap_or_default()).unwrap();
    Some((figures["p50"].as_f64()?, figures["p95"].as_f64()?))
}

/// A gateway on loopback that accepts every message.
async fn gateway() -> String {
    let app = axum::Router::new().route(
        "/send",
        axum::routing::post(|body: axum::body::Bytes| async move {
            let request: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
            format!(
                r#"{{"message_id":"gw-{}"}}"#,
                request["id"].as_str().unwrap_or("")
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// The tests' aiosmtpd relay, plain and without accounts (loopback only), keeping nothing.
fn relay() -> Option<(std::process::Child, u16)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../cloud/tests/support/smtp_relay.py");
    let mut child = std::process::Command::new(python)
        .arg(script)
        .args([&port.to_string(), "-", "-", "-", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take()?),
        &mut line,
    )
    .ok()?;
    (line.trim() == "ready").then_some((child, port))
}

async fn notifications(server_db: &str, messages: usize) {
    let sms = gateway().await;
    let Some((mut smtp, port)) = relay() else {
        println!("notifications: no SMTP relay (python3-aiosmtpd is not installed)");
        return;
    };
    let psql = |sql: &str| daftar_testkit::postgres().psql(server_db, sql);
    psql(&format!(
        "INSERT INTO notification_settings (tenant_id, enabled, sms_url, sms_key, smtp_host,
                smtp_port, smtp_tls, smtp_from, per_guardian_daily, per_minute)
         SELECT id, true, '{sms}', 'bench-key', '127.0.0.1', {port}, 'none',
                'Bench School <office@bench.example>', 100, 100000 FROM tenants"
    ));
    let started = Instant::now();
    psql(&format!(
        "INSERT INTO notifications (tenant_id, id, source, kind, priority, guardian_id, channel,
                address, language, subject, body, html, not_before, next_try, created_at, updated_at)
         SELECT t.id, gen_random_uuid(), 'bench:' || n, 'announcement', 5, gen_random_uuid(),
                CASE WHEN n % 2 = 0 THEN 'sms' ELSE 'email' END,
                CASE WHEN n % 2 = 0 THEN '0501' || n ELSE 'parent' || n || '@bench.example' END,
                'en', 'Sports day', 'Sports day is on Thursday at eight.',
                '<p>Sports day is on Thursday at eight.</p>', now(), now(), now(), now()
         FROM tenants t, generate_series(1, {messages}) n"
    ));
    let sent = || {
        psql("SELECT count(*) FROM notifications WHERE state = 'sent'")
            .parse::<usize>()
            .unwrap_or(0)
    };
    while sent() < messages {
        assert!(
            started.elapsed() < Duration::from_secs(1200),
            "{} of {messages} sent",
            sent()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = started.elapsed();
    let p99 = psql(
        "SELECT round(extract(epoch FROM percentile_cont(0.99) WITHIN GROUP
                (ORDER BY updated_at - created_at))::numeric, 2)
         FROM notifications WHERE state = 'sent'",
    );
    let by_channel = psql(
        "SELECT string_agg(channel || ' ' || n, ', ') FROM
           (SELECT channel, count(*) n FROM notifications WHERE state = 'sent' GROUP BY channel) c",
    );
    println!(
        "notifications: {messages} sent ({by_channel}) in {:.1} s: {:.0} deliveries/s, queue time p99 {p99} s (load {})",
        took.as_secs_f64(),
        messages as f64 / took.as_secs_f64(),
        load()
    );
    drop(smtp.stdin.take());
    let _ = smtp.kill();
    let _ = smtp.wait();
}

async fn fan_out(server: &str, streams: usize, store: &mut Store) {
    let transport = HttpTransport::new(server).unwrap();
    let access = transport
        .login(&daftar_protocol::LoginRequest {
            tenant: "school".into(),
            username: "admin".into(),
            password: PASSWORD.into(),
            device_id: uuid::Uuid::now_v7(),
            device_name: "listener".into(),
        })
        .await
        .unwrap()
        .access_token;
    let before = resident_kb();
    let mut open = Vec::new();
    for _ in 0..streams {
        open.push(
            transport
                .events(&access)
                .await
                .unwrap()
                .expect("the cloud streams events"),
        );
    }
    // Each stream's first event is the school's version now.
    for events in &mut open {
        events.versions.recv().await.unwrap();
    }
    let per_stream = resident_kb().saturating_sub(before) as f64 / streams as f64;
    let engine = engine(server, store, "pusher").await;
    let mut mark = store.list::<Attendance>().unwrap().remove(0);
    mark.status = match mark.status {
        AttendanceStatus::Absent => AttendanceStatus::Present,
        _ => AttendanceStatus::Absent,
    };
    store
        .write(uuid::Uuid::nil(), |w| w.save_attendance(&mark))
        .unwrap();
    let started = Instant::now();
    engine.round(&Borrowed::new(store), &|_| {}).await.unwrap();
    let pushed = started.elapsed();
    for events in &mut open {
        events.versions.recv().await.unwrap();
    }
    let last = started.elapsed();
    println!(
        "fan-out: {streams} streams on one process, about {per_stream:.0} KB each (server and clients in one process); the last heard of a push {:.0} ms after it began ({:.0} ms of it the push) (load {})",
        last.as_secs_f64() * 1000.0,
        pushed.as_secs_f64() * 1000.0,
        load()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let pouchdb = arg(&args, "--pouchdb").map(PathBuf::from);
    let (registers, messages, streams, students) = if quick {
        (5, 200, 20, 120)
    } else {
        (50, 10_000, 200, 480)
    };
    let (server, database) = support::cloud("live_bench", |c| {
        c.notify_tick = Duration::from_millis(50);
    })
    .await;

    // The school, uploaded by its first desktop.
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(&dir.path().join("daftar.sqlite3"), Arc::new(SystemClock)).unwrap();
    demo::generate(
        &mut first,
        DemoOptions {
            students,
            ..DemoOptions::standard()
        },
    )
    .unwrap();
    let uploader = engine(&server, &first, "first desk").await;
    uploader
        .round(&Borrowed::new(&mut first), &|_| {})
        .await
        .unwrap();

    let (p50, p95) = save_to_seen(&server, registers).await;
    println!(
        "save to seen (Daftar): a register of 40 on one desktop readable on another: p50 {:.0} ms, p95 {:.0} ms over {registers} (load {})",
        p50.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        load()
    );
    if let Some(dir) = pouchdb.filter(|_| !quick)
        && let Some((pouch50, pouch95)) = pouchdb_live(&dir, registers)
    {
        println!(
            "save to seen (PouchDB live replication): p50 {:.0} ms, p95 {:.0} ms over {registers}; Daftar's p95 is {:.1}× faster (load {})",
            pouch50 * 1000.0,
            pouch95 * 1000.0,
            pouch95 / p95.as_secs_f64(),
            load()
        );
    }
    fan_out(&server, streams, &mut first).await;
    notifications(&database, messages).await;
}
