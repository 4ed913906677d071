//! The scheduler on tokio's paused clock, against the in-memory cloud: a round at start, one
//! shortly after a local write (debounced), retries with growing delays while offline that
//! need no further write, a round as soon as the network is said to be back, and the timer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use daftar_domain::{DateOrder, Language, ManualClock, School, SchoolWeek};
use daftar_store::Store;
use daftar_sync::memory::{Faults, MemoryServer, MemoryTransport};
use daftar_sync::{
    Engine, MemorySecrets, Options, Replica, Scheduler, SchedulerOptions, State, Status,
};
use tokio::sync::watch;
use tokio::time::Instant;
use uuid::Uuid;

fn school(name: &str) -> School {
    School {
        id: Uuid::from_u128(7),
        name_ar: "مدرسة".into(),
        name_en: name.into(),
        country: "AE".into(),
        currency: "AED".into(),
        currency_minor_digits: 2,
        principal_name_ar: "م".into(),
        principal_name_en: "P".into(),
        primary_language: Language::Arabic,
        rank_enabled: false,
        logo_png: None,
        address: None,
        phone: None,
        tax_number: None,
        school_week: SchoolWeek::GULF,
        date_order: DateOrder::DayMonthYear,
        student_names: daftar_domain::StudentNames::Both,
    }
}

/// Waits for the status after round `n` and gives it with the paused clock's time.
async fn after_round(status: &mut watch::Receiver<Status>, n: u64) -> Status {
    loop {
        {
            let now = status.borrow_and_update();
            if now.rounds >= n && !matches!(now.state, State::Syncing { .. }) {
                return now.clone();
            }
        }
        status.changed().await.expect("the scheduler runs");
    }
}

type Device = (
    Arc<MemoryServer>,
    Arc<Engine<MemoryTransport>>,
    Arc<Mutex<Store>>,
    Uuid,
    tempfile::TempDir,
);

/// An in-memory cloud with one office account, and a device with its own data folder signed
/// in to it; `seed` drives the line's faults.
async fn signed_in_device(seed: u64) -> Device {
    let server = MemoryServer::new();
    server.add_user("office", "pw");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &dir.path().join("daftar.sqlite3"),
        Arc::new(ManualClock::new(1_760_000_000_000)),
    )
    .unwrap();
    let transport = MemoryTransport::new(server.clone(), Faults::default(), seed);
    let engine = Arc::new(Engine::new(
        transport,
        Arc::new(MemorySecrets::default()),
        store.device_id(),
        Options::default(),
    ));
    let user = engine
        .sign_in("school", "office", "pw", "desk")
        .await
        .unwrap()
        .user_id;
    (server, engine, Arc::new(Mutex::new(store)), user, dir)
}

#[tokio::test(start_paused = true)]
async fn syncs_at_start_after_writes_with_backoff_and_when_the_network_returns() {
    let (server, engine, replica, user, _dir) = signed_in_device(1).await;
    let options = SchedulerOptions {
        debounce: Duration::from_secs(2),
        interval: Duration::from_secs(60),
        min_backoff: Duration::from_secs(1),
        max_backoff: Duration::from_secs(30),
    };
    let scheduler = Scheduler::start(engine.clone(), replica.clone(), options, 7);
    let mut status = scheduler.status();
    let started = Instant::now();

    // At start.
    let first = after_round(&mut status, 1).await;
    assert!(matches!(first.state, State::Idle { .. }), "{first:?}");
    assert!(started.elapsed() < Duration::from_millis(100));

    // Shortly after a write: the debounce, not the minute's timer.
    replica
        .with_store(|s| s.write(user, |w| w.save_school(&school("One"))))
        .unwrap();
    let written = Instant::now();
    scheduler.local_change();
    let second = after_round(&mut status, 2).await;
    let waited = written.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_secs(3),
        "{waited:?}"
    );
    assert_eq!(second.pending, 0);
    assert_eq!(server.applied(), 1);

    // Offline: the failed upload is retried by itself, each wait longer (with jitter).
    engine.transport().set_online(false);
    replica
        .with_store(|s| s.write(user, |w| w.save_school(&school("Two"))))
        .unwrap();
    scheduler.local_change();
    let mut waits = Vec::new();
    for round in 3..=6 {
        let failed = after_round(&mut status, round).await;
        let State::Offline { retry_in_ms } = failed.state else {
            panic!("round {round}: {failed:?}");
        };
        assert_eq!(failed.pending, 1, "kept while offline");
        waits.push(retry_in_ms);
    }
    for (n, wait) in waits.iter().enumerate() {
        let full = 1000u64 << n;
        assert!(
            *wait > full / 2 && *wait <= full,
            "retry {n}: {wait} ms of {full}"
        );
    }
    assert_eq!(server.applied(), 1);

    // The network is back: sync now, without waiting for the retry.
    engine.transport().set_online(true);
    let back = Instant::now();
    scheduler.sync_now();
    let synced = after_round(&mut status, 7).await;
    assert!(back.elapsed() < Duration::from_millis(100));
    assert!(matches!(synced.state, State::Idle { .. }), "{synced:?}");
    assert_eq!(synced.pending, 0);
    assert_eq!(server.applied(), 2);

    // Then the timer.
    let idle = Instant::now();
    let timed = after_round(&mut status, 8).await;
    let waited = idle.elapsed();
    assert!(
        waited >= Duration::from_secs(60) && waited < Duration::from_secs(61),
        "{waited:?}"
    );
    assert!(matches!(timed.state, State::Idle { .. }));
}

#[tokio::test(start_paused = true)]
async fn a_paused_sync_stops_mid_round_loses_nothing_and_waits_to_be_asked_again() {
    let (server, engine, replica, user, _dir) = signed_in_device(2).await;
    let scheduler = Scheduler::start(
        engine.clone(),
        replica.clone(),
        SchedulerOptions::default(),
        3,
    );
    let mut status = scheduler.status();
    after_round(&mut status, 1).await;

    // A slow line: the round is still waiting for the cloud when the person stops it.
    engine.transport().set_latency(Duration::from_secs(5));
    replica
        .with_store(|s| s.write(user, |w| w.save_school(&school("One"))))
        .unwrap();
    scheduler.sync_now();
    loop {
        if matches!(status.borrow_and_update().state, State::Syncing { .. }) {
            break;
        }
        status.changed().await.unwrap();
    }
    scheduler.pause();
    let paused = loop {
        status.changed().await.unwrap();
        let now = status.borrow_and_update().clone();
        if now.state == State::Paused {
            break now;
        }
    };
    assert_eq!(paused.rounds, 1, "the stopped round is not counted as done");
    assert_eq!(paused.pending, 1, "the change waits, kept");
    assert_eq!(server.applied(), 0);

    // Paused: neither writes nor the timer start a round.
    replica
        .with_store(|s| s.write(user, |w| w.save_school(&school("Two"))))
        .unwrap();
    scheduler.local_change();
    tokio::time::sleep(Duration::from_secs(600)).await;
    let still = status.borrow().clone();
    assert_eq!(still.state, State::Paused);
    assert_eq!(still.rounds, 1);

    // Asked again: one round takes everything up.
    scheduler.sync_now();
    let resumed = after_round(&mut status, 2).await;
    assert!(matches!(resumed.state, State::Idle { .. }), "{resumed:?}");
    assert_eq!(resumed.pending, 0);
    assert_eq!(server.applied(), 2);
}

#[test]
fn backoff_doubles_to_its_cap_with_jitter() {
    use rand::SeedableRng;
    let options = SchedulerOptions {
        min_backoff: Duration::from_secs(1),
        max_backoff: Duration::from_secs(300),
        ..SchedulerOptions::default()
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(3);
    for failures in 1..=20u32 {
        let full = Duration::from_secs(1u64 << (failures - 1).min(20)).min(options.max_backoff);
        let wait = daftar_sync::backoff(failures, &options, &mut rng);
        assert!(
            wait <= full && wait > full / 2,
            "{failures}: {wait:?} of {full:?}"
        );
    }
}
