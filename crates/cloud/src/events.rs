//! `GET /v1/sync/events`: server-sent events telling a desktop that its school changed, so it
//! pulls at once instead of at its next timer. A push (or a settled conflict) that moves a
//! school's change sequence sends `pg_notify` in its own transaction, delivered when it
//! commits; every `daftar-cloud` process listens on PostgreSQL and fans the news out to its
//! streams, so a desktop connected to one process hears a push made on another.
//!
//! A stream carries only "the school changed up to version N" (`event: changed`, data the
//! version), never rows: the desktop pulls them with its own token and scope. It starts with
//! the school's head, sends a heartbeat comment every [`HEARTBEAT`], and ends when the access
//! token does (the desktop opens it again with a new one).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::broadcast;
use tokio_postgres::{AsyncMessage, NoTls, Transaction};
use uuid::Uuid;

use crate::api::ApiError;
use crate::auth::Auth;
use crate::db::tenant_tx;
use crate::server::AppState;

/// The PostgreSQL channel every process listens on; payloads are `tenant:version`.
pub const CHANNEL: &str = "daftar_changes";

/// How often an idle stream says it is alive, so a desktop notices a dead connection.
pub const HEARTBEAT: Duration = Duration::from_secs(15);

/// The news of schools' changes in this process, as heard from PostgreSQL.
#[derive(Debug)]
pub struct Changes {
    sender: broadcast::Sender<(Uuid, i64)>,
}

impl Default for Changes {
    fn default() -> Self {
        // A slow stream that falls this far behind misses versions, never the latest.
        let (sender, _) = broadcast::channel(4096);
        Changes { sender }
    }
}

impl Changes {
    pub fn subscribe(&self) -> broadcast::Receiver<(Uuid, i64)> {
        self.sender.subscribe()
    }

    /// How many streams this process is feeding.
    pub fn streams(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Listens on PostgreSQL for every process's changes for as long as the process runs,
    /// connecting again (after a second) whenever the connection is lost.
    pub fn listen(self: &Arc<Self>, database_url: String) {
        let changes = Arc::clone(self);
        tokio::spawn(async move {
            loop {
                if let Err(error) = changes.listen_once(&database_url).await {
                    tracing::warn!(%error, "listening for changes failed; trying again");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }

    async fn listen_once(&self, database_url: &str) -> Result<(), tokio_postgres::Error> {
        let (client, mut connection) = tokio_postgres::connect(database_url, NoTls).await?;
        let (found, mut heard) = tokio::sync::mpsc::unbounded_channel();
        // The connection delivers notifications as it is polled, alongside the LISTEN.
        let driver = tokio::spawn(async move {
            let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
            use futures_util::StreamExt;
            while let Some(message) = messages.next().await {
                match message {
                    Ok(AsyncMessage::Notification(n)) => {
                        let _ = found.send(n.payload().to_string());
                    }
                    Ok(_) => {}
                    Err(error) => return Err(error),
                }
            }
            Ok(())
        });
        client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
        while let Some(payload) = heard.recv().await {
            if let Some((tenant, version)) = payload.split_once(':')
                && let (Ok(tenant), Ok(version)) = (tenant.parse(), version.parse())
            {
                let _ = self.sender.send((tenant, version));
            }
        }
        drop(client);
        driver.await.unwrap_or(Ok(()))
    }
}

/// Tells every process, once `tx` commits, that `tenant` changed up to `version`.
pub async fn notify(
    tx: &Transaction<'_>,
    tenant: Uuid,
    version: i64,
) -> Result<(), tokio_postgres::Error> {
    tx.execute(
        "SELECT pg_notify($1, $2)",
        &[&CHANNEL, &format!("{tenant}:{version}")],
    )
    .await
    .map(drop)
}

pub async fn events(
    State(state): State<AppState>,
    Auth(claims): Auth,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    // Subscribed before the head is read, so nothing committed in between is missed.
    let heard = state.changes.subscribe();
    let head: i64 = {
        let mut client = state.db.get().await?;
        let tx = tenant_tx(&mut client, claims.tenant).await?;
        let head = tx
            .query_one(
                "SELECT change_seq FROM tenants WHERE id = $1",
                &[&claims.tenant],
            )
            .await?
            .get(0);
        tx.commit().await?;
        head
    };
    let expires = tokio::time::Instant::now()
        + Duration::from_secs(
            (claims.exp - state.clock.now_millis() as i64 / 1000).clamp(0, 24 * 3600) as u64,
        );
    let tenant = claims.tenant;
    let changed = |version: i64| Ok(Event::default().event("changed").data(version.to_string()));
    let first = futures_util::stream::once(async move { changed(head) });
    let rest = futures_util::stream::unfold((heard, head), move |(mut heard, seen)| async move {
        loop {
            let next = tokio::select! {
                () = tokio::time::sleep_until(expires) => return None,
                next = heard.recv() => next,
            };
            match next {
                Ok((school, version)) if school == tenant && version > seen => {
                    return Some((changed(version), (heard, version)));
                }
                // Another school's news, or news missed by a stream far behind (the
                // desktop's timer still pulls).
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Ok(Sse::new(futures_util::StreamExt::chain(first, rest))
        .keep_alive(KeepAlive::new().interval(HEARTBEAT).text("alive")))
}
