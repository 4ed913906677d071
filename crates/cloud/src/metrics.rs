//! Prometheus metrics in the text format: requests and their latencies by route and status,
//! mutations by outcome, and the event streams open.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::server::AppState;

const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Debug, Default)]
struct Histogram {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    mutations: Mutex<BTreeMap<&'static str, u64>>,
    notifications: Mutex<BTreeMap<(String, &'static str), u64>>,
    /// Per school and channel, as its worker's last pass found them: messages waiting, and
    /// the oldest one's age in seconds.
    queues: Mutex<BTreeMap<(uuid::Uuid, String), (i64, f64)>>,
}

impl Metrics {
    pub fn mutation(&self, outcome: &'static str) {
        *self
            .mutations
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(outcome)
            .or_default() += 1;
    }

    /// A notification tried on `channel`, and what became of it.
    pub fn notification(&self, channel: &str, outcome: &'static str) {
        *self
            .notifications
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry((channel.to_string(), outcome))
            .or_default() += 1;
    }

    /// What a school's queue held at the worker's last pass, by channel.
    pub fn queue(&self, tenant: uuid::Uuid, by_channel: &[(String, i64, f64)]) {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        queues.retain(|(t, _), _| *t != tenant);
        for (channel, depth, oldest) in by_channel {
            queues.insert((tenant, channel.clone()), (*depth, *oldest));
        }
    }

    fn request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        *self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let mut latency = self.latency.lock().unwrap_or_else(|e| e.into_inner());
        let histogram = latency.entry(route.to_string()).or_default();
        if histogram.counts.is_empty() {
            histogram.counts = vec![0; BUCKETS.len()];
        }
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                histogram.counts[i] += 1;
            }
        }
        histogram.sum += seconds;
        histogram.count += 1;
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP daftar_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE daftar_http_requests_total counter\n");
        for ((method, route, status), n) in self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "daftar_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP daftar_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE daftar_http_request_duration_seconds histogram\n");
        for (route, h) in self
            .latency
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            for (bound, n) in BUCKETS.iter().zip(&h.counts) {
                let _ = writeln!(
                    out,
                    "daftar_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "daftar_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "daftar_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "daftar_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
        out.push_str("# HELP daftar_mutations_total Pushed mutations by outcome.\n");
        out.push_str("# TYPE daftar_mutations_total counter\n");
        let mutations = self.mutations.lock().unwrap_or_else(|e| e.into_inner());
        for outcome in ["applied", "merged", "conflict", "rejected"] {
            let n = mutations.get(outcome).copied().unwrap_or(0);
            let _ = writeln!(out, "daftar_mutations_total{{outcome=\"{outcome}\"}} {n}");
        }
        out.push_str(
            "# HELP daftar_notifications_total Notifications tried, by channel and outcome.\n",
        );
        out.push_str("# TYPE daftar_notifications_total counter\n");
        for ((channel, outcome), n) in self
            .notifications
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "daftar_notifications_total{{channel=\"{channel}\",outcome=\"{outcome}\"}} {n}"
            );
        }
        let mut depth: BTreeMap<&str, (i64, f64)> = BTreeMap::new();
        let queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        for ((_, channel), (n, oldest)) in queues.iter() {
            let entry = depth.entry(channel.as_str()).or_default();
            entry.0 += n;
            entry.1 = entry.1.max(*oldest);
        }
        out.push_str(
            "# HELP daftar_notification_queue_depth Messages waiting to go, by channel.\n",
        );
        out.push_str("# TYPE daftar_notification_queue_depth gauge\n");
        for (channel, (n, _)) in &depth {
            let _ = writeln!(
                out,
                "daftar_notification_queue_depth{{channel=\"{channel}\"}} {n}"
            );
        }
        out.push_str("# HELP daftar_notification_oldest_queued_seconds The oldest waiting message's age, by channel.\n");
        out.push_str("# TYPE daftar_notification_oldest_queued_seconds gauge\n");
        for (channel, (_, oldest)) in &depth {
            let _ = writeln!(
                out,
                "daftar_notification_oldest_queued_seconds{{channel=\"{channel}\"}} {oldest:.0}"
            );
        }
        out
    }
}

/// Records every request under its route pattern (never the raw path: ids would explode
/// the label set).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = request.method().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics.request(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

pub async fn render(State(state): State<AppState>) -> impl IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        {
            let mut text = state.metrics.render();
            text.push_str(
                "# HELP daftar_event_streams Desktops listening for their school's changes here.\n",
            );
            text.push_str("# TYPE daftar_event_streams gauge\n");
            let _ = writeln!(text, "daftar_event_streams {}", state.changes.streams());
            text
        },
    )
}
