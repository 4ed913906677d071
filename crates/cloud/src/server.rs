//! The server assembled: shared state, routes and layers, and serving until told to stop,
//! finishing the requests (pushes above all) already in flight.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use daftar_domain::Clock;
use daftar_protocol::codes;
use deadpool_postgres::Pool;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::api::{self, ApiError};
use crate::auth::{self, RateLimiter};
use crate::config::Config;
use crate::delivery;
use crate::events::{self, Changes};
use crate::image::{self, Images};
use crate::messages;
use crate::metrics::{self, Metrics};
use crate::{accounts, audit, devices, pull, push, resolve};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: Pool,
    /// Where pulls and snapshots read: a replica when configured, else `db`.
    pub read_db: Pool,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub metrics: Arc<Metrics>,
    pub login_by_address: Arc<RateLimiter>,
    pub login_by_account: Arc<RateLimiter>,
    /// Account changes (and password changes) per person signed in.
    pub account_changes: Arc<RateLimiter>,
    /// Checked against when the account does not exist, so that answering takes as long.
    pub dummy_hash: Arc<String>,
    /// When each school's next image for new desktops is due.
    pub images: Arc<Images>,
    /// Schools' changes as heard from PostgreSQL, for the event streams.
    pub changes: Arc<Changes>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl AppState {
    pub fn new(config: Config, db: Pool, clock: Arc<dyn Clock>) -> Self {
        Self::with_replica(config, db.clone(), db, clock)
    }

    pub fn with_replica(config: Config, db: Pool, read_db: Pool, clock: Arc<dyn Clock>) -> Self {
        AppState {
            db,
            read_db,
            clock,
            metrics: Arc::new(Metrics::default()),
            login_by_address: Arc::new(RateLimiter::new(config.logins_per_minute_per_address)),
            login_by_account: Arc::new(RateLimiter::new(config.logins_per_minute_per_account)),
            account_changes: Arc::new(RateLimiter::new(ACCOUNT_CHANGES_PER_MINUTE)),
            dummy_hash: Arc::new(auth::hash_password("not a password").expect("argon2 hashes")),
            images: Arc::new(Images::default()),
            changes: Arc::new(Changes::default()),
            config: Arc::new(config),
        }
    }
}

/// Enough for an administrator setting up a whole staff room by hand, not for a script
/// guessing passwords through resets.
const ACCOUNT_CHANGES_PER_MINUTE: u32 = 60;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/password", post(accounts::change_own))
        .route("/accounts", get(accounts::list).post(accounts::create))
        .route("/accounts/history", get(accounts::history))
        .route("/accounts/{id}", post(accounts::change))
        .route("/audit", get(audit::record))
        .route("/devices", get(devices::list))
        .route("/devices/{session_id}/revoke", post(devices::revoke))
        .route("/sync/push", post(push::push))
        .route("/sync/pull", get(pull::pull))
        .route("/sync/snapshot", get(pull::snapshot))
        .route("/sync/image", get(image::image))
        .route("/sync/resolve", post(resolve::resolve))
        .route("/sync/events", get(events::events))
        .route("/notifications", get(messages::list))
        .route("/notifications/redrive", post(messages::redrive))
        .route("/notifications/opt-outs", post(messages::opt_out))
        .route(
            "/notifications/report-cards",
            post(messages::publish_report_cards),
        )
        .layer(axum::middleware::from_fn(api::check_protocol));
    // Called by a school's SMS gateway, which speaks no sync protocol: signed instead.
    let hooks = Router::new().route("/sms/{tenant}", post(delivery::sms_receipt));
    // Opened by a guardian from an email: the link itself is the credential.
    let unsubscribe = Router::new().route(
        "/{tenant}/{id}",
        get(messages::unsubscribe_page).post(messages::unsubscribe),
    );
    Router::new()
        .nest("/v1", v1)
        .nest("/v1/hooks", hooks)
        .nest("/v1/unsubscribe", unsubscribe)
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics::render))
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn(api::method_not_allowed))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, codes::INTERNAL, "internal error").into_response()
        }))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let id = request
                    .headers()
                    .get(REQUEST_ID)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
            }),
        )
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// Ready when the database answers.
async fn ready(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    let client = tokio::time::timeout(Duration::from_secs(2), state.db.get())
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::UNAVAILABLE,
                "the database does not answer",
            )
        })??;
    client.simple_query("SELECT 1").await?;
    Ok("ready")
}

/// Serves on `listener` until `shutdown` completes, then finishes in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state.changes.listen(state.config.database_url.clone());
    delivery::spawn_worker(state.clone(), state.config.notify_tick);
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
