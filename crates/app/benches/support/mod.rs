//! What the client benches share: the cloud in this process on a throwaway PostgreSQL, the
//! machine's load beside each figure, and medians.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use daftar_cloud::{AppState, Config, db, ops};
use daftar_domain::SystemClock;
use daftar_protocol::Role;

pub const PASSWORD: &str = "bench password";

pub fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The `q` quantile (0 to 1) of `samples`, sorted in place.
pub fn quantile(samples: &mut [Duration], q: f64) -> Duration {
    samples.sort();
    let at = ((samples.len() as f64 * q).floor() as usize).min(samples.len() - 1);
    samples[at]
}

pub fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |l| l.split(' ').take(3).collect::<Vec<_>>().join(" "),
    )
}

/// The cloud in this process, on its own database named `label`, with a school whose admin
/// signs in with [`PASSWORD`]; gives its URL and its database's name (for `psql`).
pub async fn cloud(label: &str, tune: impl FnOnce(&mut Config)) -> (String, String) {
    let pg = daftar_testkit::postgres();
    pg.serving_roles();
    let database = pg.database(label);
    db::migrate(&database.owner_url).await.unwrap();
    let url = database.url_as(
        daftar_testkit::SERVING_ROLE,
        daftar_testkit::SERVING_PASSWORD,
    );
    let pool = db::pool(&url, 8).unwrap();
    let mut config = Config::new(url);
    // Every fresh desktop signs in as the one admin.
    config.logins_per_minute_per_account = 1_000;
    config.logins_per_minute_per_address = 1_000;
    tune(&mut config);
    let state = AppState::new(config, pool.clone(), Arc::new(SystemClock));
    ops::create_tenant(&pool, "school", "Bench School")
        .await
        .unwrap();
    ops::add_user(&pool, "school", "admin", Role::Admin, None, PASSWORD)
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(daftar_cloud::serve(
        listener,
        state,
        std::future::pending::<()>(),
    ));
    (format!("http://{address}"), database.name)
}
