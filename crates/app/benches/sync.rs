//! Client sync measured end to end: the real cloud server (in this process, on a throwaway
//! PostgreSQL, over loopback HTTP) and real client stores (SQLite files) driven by the sync
//! engine. The standard school is uploaded by its first desktop, then downloaded whole into
//! fresh desktops (the initial sync: from the cloud's ready image of the school, once the
//! cloud has built it, and streamed row by row as before an image exists), then one day's
//! attendance (one row per student) is changed on one desktop, pushed, and pulled by
//! another (the incremental sync).
//!
//! With `--pouchdb DIR` (bench/sync/run passes it), the same rows are written to DIR as
//! NDJSON and DIR's Node script measures PouchDB replicating them from express-pouchdb, so
//! both sides are in one table. `--quick` runs a small school once, without PouchDB.
//!
//! cargo bench -p daftar-app --bench sync [-- --quick] [-- --pouchdb bench/sync]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use daftar_app::demo::{self, DemoOptions};
use daftar_domain::{Attendance, AttendanceStatus, SystemClock};
use daftar_store::Store;
use daftar_sync::{Borrowed, Engine, HttpTransport, MemorySecrets, Options, Transport};
use support::{PASSWORD, load, median};

mod support;

// Sync moves hundreds of thousands of small JSON maps: mimalloc frees them much faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The cloud in this process, on its own database; gives its URL.
async fn cloud() -> String {
    // The image is built after 2 s of quiet rather than the default 30, to keep the run short.
    support::cloud("sync_bench", |c| c.image_quiet = Duration::from_secs(2))
        .await
        .0
}

struct Desk {
    store: Store,
    engine: Engine<HttpTransport>,
    _dir: tempfile::TempDir,
}

/// A desktop signed in as the admin; `images`: whether its first download may take the
/// cloud's ready image.
async fn desk(server: &str, images: bool) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("daftar.sqlite3"), Arc::new(SystemClock)).unwrap();
    // The bench measures sync, not the keyring: the session stays in memory.
    let engine = Engine::new(
        HttpTransport::new(server).unwrap(),
        Arc::new(MemorySecrets::default()),
        store.device_id(),
        Options {
            images,
            ..Options::default()
        },
    );
    engine
        .sign_in("school", "admin", PASSWORD, "bench")
        .await
        .unwrap();
    Desk {
        store,
        engine,
        _dir: dir,
    }
}

impl Desk {
    async fn sync(&mut self) -> (Duration, daftar_sync::RoundSummary) {
        let started = Instant::now();
        let replica = Borrowed::new(&mut self.store);
        let summary = self.engine.round(&replica, &|_| {}).await.unwrap();
        (started.elapsed(), summary)
    }
}

/// Changes every attendance mark of `date` (one row per student) in one transaction.
fn change_day(store: &mut Store, date: NaiveDate) -> usize {
    let marks: Vec<Attendance> = store
        .list::<Attendance>()
        .unwrap()
        .into_iter()
        .filter(|a| a.date == date && a.period == 0)
        .collect();
    let user = uuid::Uuid::nil();
    store
        .write(user, |w| {
            for mut mark in marks.clone() {
                mark.status = match mark.status {
                    AttendanceStatus::Present => AttendanceStatus::Late,
                    _ => AttendanceStatus::Present,
                };
                w.save_attendance(&mark)?;
            }
            Ok(())
        })
        .unwrap();
    marks.len()
}

/// An access token for a device of its own (a sign-in replaces the session of its device,
/// so borrowing a desk's device would sign that desk out).
async fn fresh_session(transport: &HttpTransport, name: &str) -> String {
    transport
        .login(&daftar_protocol::LoginRequest {
            tenant: "school".into(),
            username: "admin".into(),
            password: PASSWORD.into(),
            device_id: uuid::Uuid::now_v7(),
            device_name: name.into(),
        })
        .await
        .unwrap()
        .access_token
}

/// Every row of the school as the cloud streams it, one JSON object a line, for PouchDB.
async fn export_rows(desk: &Desk, out: &Path) -> usize {
    let transport = desk.engine.transport();
    let access = fresh_session(transport, "export").await;
    let mut snapshot = transport.snapshot(&access).await.unwrap();
    let mut file = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    let mut rows = 0;
    while let Some(batch) = snapshot.rows.recv().await {
        for row in batch.unwrap() {
            let mut doc = row.values.clone();
            doc.insert("_id".into(), format!("{}:{}", row.table, row.id).into());
            doc.insert("table".into(), row.table.clone().into());
            serde_json::to_writer(&mut file, &doc).unwrap();
            file.write_all(b"\n").unwrap();
            rows += 1;
        }
    }
    file.flush().unwrap();
    rows
}

#[derive(Debug, serde::Deserialize)]
struct PouchFigures {
    initial_seconds: f64,
    initial_docs: u64,
    push_seconds: f64,
    pull_seconds: f64,
    changed_docs: u64,
}

fn run_pouchdb(dir: &Path, rows: &Path, day_ids: &Path) -> Option<PouchFigures> {
    if !dir.join("node_modules").exists() {
        println!(
            "PouchDB: {} has no node_modules; bench/sync/run installs them",
            dir.display()
        );
        return None;
    }
    let out = std::process::Command::new("node")
        .arg(dir.join("pouchdb.js"))
        .arg(rows)
        .arg(day_ids)
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("node runs");
    assert!(out.status.success(), "the PouchDB script failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default();
    Some(serde_json::from_str(last).expect("the PouchDB script prints its figures"))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let pouchdb: Option<PathBuf> = args
        .iter()
        .position(|a| a == "--pouchdb")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let students = args
        .iter()
        .position(|a| a == "--students")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 120 } else { 2_500 });
    let runs = if quick { 1 } else { 3 };

    let server = cloud().await;
    let mut first = desk(&server, true).await;
    let started = Instant::now();
    let summary = demo::generate(
        &mut first.store,
        DemoOptions {
            students,
            ..DemoOptions::standard()
        },
    )
    .unwrap();
    println!(
        "school: {} students, {} rows, generated in {:.1} s (load {})",
        summary.students,
        summary.rows,
        started.elapsed().as_secs_f64(),
        load()
    );
    let (took, uploaded) = first.sync().await;
    println!(
        "first upload: {} mutations in {:.1} s ({:.0}/s)",
        uploaded.pushed,
        took.as_secs_f64(),
        uploaded.pushed as f64 / took.as_secs_f64()
    );

    // The cloud builds its image of the school once the upload has gone quiet.
    let started = Instant::now();
    let transport = first.engine.transport();
    let access = fresh_session(transport, "image probe").await;
    let image = loop {
        let image = transport
            .image(&access, daftar_store::SCHEMA_VERSION)
            .await
            .unwrap();
        if let Some(image) = image.filter(|i| i.header.rows as usize == uploaded.pushed) {
            break image.header;
        }
        assert!(started.elapsed() < Duration::from_secs(600), "no image");
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    println!(
        "school image: {} rows, {:.0} MB, ready {:.1} s after the upload (2 s of it waiting for quiet)",
        image.rows,
        image.size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    // Initial sync: a fresh desktop downloads the whole school, from the image and streamed.
    let mut rows = 0;
    let mut other = None;
    let timed = |from_image: bool| {
        let server = server.clone();
        async move {
            let mut fresh = desk(&server, from_image).await;
            let (took, summary) = fresh.sync().await;
            assert!(summary.downloaded);
            assert_eq!(summary.from_image, from_image);
            (took, summary.pulled, fresh)
        }
    };
    let (mut initial, mut streamed) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (took, pulled, fresh) = timed(true).await;
        rows = pulled;
        initial.push(took);
        other = Some(fresh);
        streamed.push(timed(false).await.0);
    }
    let mut other = other.expect("at least one run");
    let (initial, streamed) = (median(&mut initial), median(&mut streamed));
    println!(
        "initial sync from the image: {rows} rows in {:.2} s, median of {runs} ({:.0} rows/s, load {})",
        initial.as_secs_f64(),
        rows as f64 / initial.as_secs_f64(),
        load()
    );
    println!(
        "initial sync streamed (no image yet): {rows} rows in {:.2} s, median of {runs} ({:.0} rows/s)",
        streamed.as_secs_f64(),
        rows as f64 / streamed.as_secs_f64(),
    );

    // Where the time goes: the same download read and parsed, but not written.
    {
        let transport = other.engine.transport();
        let access = fresh_session(transport, "probe").await;
        let started = Instant::now();
        let mut snapshot = transport.snapshot(&access).await.unwrap();
        let mut read = 0;
        while let Some(batch) = snapshot.rows.recv().await {
            read += batch.unwrap().len();
        }
        println!(
            "of which reading: {read} rows streamed and parsed in {:.2} s (not written)",
            started.elapsed().as_secs_f64()
        );
    }

    // Incremental: one day's attendance changed on one desktop, pulled by another.
    let days: Vec<NaiveDate> = (0..runs)
        .map(|i| NaiveDate::from_ymd_opt(2025, 9, 15).unwrap() + chrono::Duration::days(i as i64))
        .collect();
    let (mut pushes, mut pulls) = (Vec::new(), Vec::new());
    let mut changed = 0;
    for day in &days {
        changed = change_day(&mut first.store, *day);
        let (push, pushed) = first.sync().await;
        assert_eq!(pushed.pushed, changed);
        let (pull, pulled) = other.sync().await;
        assert_eq!(pulled.pulled, changed);
        pushes.push(push);
        pulls.push(pull);
    }
    let (push, pull) = (median(&mut pushes), median(&mut pulls));
    println!(
        "incremental: {changed} attendance rows pushed in {:.3} s, pulled in {:.3} s (medians of {runs}, load {})",
        push.as_secs_f64(),
        pull.as_secs_f64(),
        load()
    );

    let Some(dir) = pouchdb.filter(|_| !quick) else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let rows_file = work.path().join("rows.ndjson");
    let exported = export_rows(&first, &rows_file).await;
    // The ids PouchDB changes: the same day's attendance rows.
    let ids_file = work.path().join("day.txt");
    let day_ids: Vec<String> = first
        .store
        .list::<Attendance>()
        .unwrap()
        .into_iter()
        .filter(|a| a.date == days[0] && a.period == 0)
        .map(|a| format!("attendance:{}", a.id))
        .collect();
    std::fs::write(&ids_file, format!("{}\n{}", days[0], day_ids.join("\n"))).unwrap();
    println!(
        "PouchDB: {exported} docs exported; running {}",
        dir.display()
    );
    let Some(pouch) = run_pouchdb(&dir, &rows_file, &ids_file) else {
        return;
    };
    let ours = rows as f64 / initial.as_secs_f64();
    let theirs = pouch.initial_docs as f64 / pouch.initial_seconds;
    println!();
    println!("| measure | Daftar | PouchDB 9 + express-pouchdb | ratio |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| initial sync, standard school, from the cloud's image | {rows} rows in {:.2} s ({ours:.0}/s) | {} docs in {:.1} s ({theirs:.0}/s) | {:.0}× |",
        initial.as_secs_f64(),
        pouch.initial_docs,
        pouch.initial_seconds,
        ours / theirs
    );
    let ours_streamed = rows as f64 / streamed.as_secs_f64();
    println!(
        "| initial sync, standard school, streamed (before an image exists) | {rows} rows in {:.1} s ({ours_streamed:.0}/s) | (as above) | {:.0}× |",
        streamed.as_secs_f64(),
        ours_streamed / theirs
    );
    println!(
        "| one day's attendance, push | {changed} rows in {:.3} s | {} docs in {:.3} s | {:.1}× |",
        push.as_secs_f64(),
        pouch.changed_docs,
        pouch.push_seconds,
        (changed as f64 / push.as_secs_f64()) / (pouch.changed_docs as f64 / pouch.push_seconds)
    );
    println!(
        "| one day's attendance, pull | {changed} rows in {:.3} s | {} docs in {:.3} s | {:.1}× |",
        pull.as_secs_f64(),
        pouch.changed_docs,
        pouch.pull_seconds,
        (changed as f64 / pull.as_secs_f64()) / (pouch.changed_docs as f64 / pouch.pull_seconds)
    );
    println!("(load {})", load());
}
