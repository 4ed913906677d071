//! Ready images of each school for new desktops. In the background, once a school has
//! changed enough and gone quiet, its rows are written into a desktop database by the
//! desktop's own store code, sealed, compressed with zstd and kept in PostgreSQL;
//! `GET /v1/sync/image` then serves the latest as it is. A new desktop copies one file instead
//! of writing hundreds of thousands of rows and index entries itself, and pulls what changed
//! after the image's cursor.

use std::collections::HashMap;
use std::io::Read as _;
use std::sync::Mutex;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use daftar_protocol::{IMAGE_HEADER, ImageHeader, Role, Row};
use daftar_store::{SCHEMA_VERSION, Store};
use futures_util::{StreamExt, pin_mut};
use serde::Deserialize;
use tokio::sync::{Semaphore, mpsc, oneshot};
use uuid::Uuid;

use crate::api::ApiError;
use crate::auth::{Auth, Claims};
use crate::db::{DbError, tenant_tx, tenant_view};
use crate::pull::{Chunks, rows_sql, spawn_body, to_row};
use crate::scope::Scope;
use crate::server::AppState;

/// Rows handed to the image's writer at a time.
const WRITE_BATCH: usize = 20_000;
/// Bytes of compressed image a stored chunk holds.
const CHUNK: usize = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("building the image: {0}")]
    Store(#[from] daftar_store::StoreError),
    #[error("building the image: {0}")]
    Io(#[from] std::io::Error),
}

impl From<tokio_postgres::Error> for ImageError {
    fn from(error: tokio_postgres::Error) -> Self {
        ImageError::Db(error.into())
    }
}

impl From<deadpool_postgres::PoolError> for ImageError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        ImageError::Db(error.into())
    }
}

/// When each school's next image is due, and one build at a time on this server: a build is
/// heavy work beside serving, never urgent.
#[derive(Debug)]
pub struct Images {
    /// Schools waiting for quiet before a build: (first change seen, latest change seen).
    waiting: Mutex<HashMap<Uuid, (Instant, Instant)>>,
    /// The cursor of each school's latest image, as far as this server knows.
    latest: Mutex<HashMap<Uuid, i64>>,
    building: Semaphore,
}

impl Default for Images {
    fn default() -> Self {
        Images {
            waiting: Mutex::default(),
            latest: Mutex::default(),
            building: Semaphore::new(1),
        }
    }
}

impl Images {
    /// A school's rows changed up to `head`: schedules a new image if enough has changed
    /// since the last one this server knows of (or it knows of none yet).
    pub fn changed(&self, state: &AppState, tenant: Uuid, head: i64) {
        let every = state.config.image_after_changes;
        if every <= 0 {
            return;
        }
        let known = self
            .latest
            .lock()
            .expect("not poisoned")
            .get(&tenant)
            .copied();
        if known.is_some_and(|cursor| head - cursor < every) {
            return;
        }
        self.schedule(state, tenant);
    }

    /// Builds `tenant`'s image once it has been quiet for the configured while (checking
    /// then whether one is still due).
    pub fn schedule(&self, state: &AppState, tenant: Uuid) {
        if state.config.image_after_changes <= 0 {
            return;
        }
        let now = Instant::now();
        let mut waiting = self.waiting.lock().expect("not poisoned");
        if let Some((_, last)) = waiting.get_mut(&tenant) {
            *last = now;
            return;
        }
        waiting.insert(tenant, (now, now));
        drop(waiting);
        let state = state.clone();
        tokio::spawn(async move {
            let images = state.images.clone();
            images.wait_for_quiet(&state, tenant).await;
            let Ok(_one) = images.building.acquire().await else {
                return;
            };
            match build_if_due(&state, tenant).await {
                Ok(Some(header)) => tracing::info!(
                    %tenant, cursor = header.cursor, rows = header.rows, size = header.size,
                    "school image built"
                ),
                Ok(None) => {}
                Err(error) => tracing::error!(%tenant, %error, "school image failed"),
            }
        });
    }

    async fn wait_for_quiet(&self, state: &AppState, tenant: Uuid) {
        let quiet = state.config.image_quiet;
        loop {
            let due = {
                let mut waiting = self.waiting.lock().expect("not poisoned");
                let (first, last) = waiting[&tenant];
                let due = (last + quiet).min(first + quiet * 10);
                if Instant::now() >= due {
                    waiting.remove(&tenant);
                    return;
                }
                due
            };
            tokio::time::sleep_until(due.into()).await;
        }
    }

    fn known(&self, tenant: Uuid, cursor: i64) {
        self.latest
            .lock()
            .expect("not poisoned")
            .insert(tenant, cursor);
    }
}

/// An image as the cloud keeps it.
struct Stored {
    id: Uuid,
    header: ImageHeader,
    /// Bytes on the wire (the zstd frame).
    compressed: i64,
}

/// The latest image of `tenant` for the desktop schema `schema`.
async fn latest(
    tx: &tokio_postgres::Transaction<'_>,
    tenant: Uuid,
    schema: i32,
) -> Result<Option<Stored>, DbError> {
    let row = tx
        .query_opt(
            "SELECT id, cursor, rows, size, compressed FROM school_images
             WHERE tenant_id = $1 AND schema_version = $2 ORDER BY cursor DESC LIMIT 1",
            &[&tenant, &schema],
        )
        .await?;
    Ok(row.map(|row| {
        let size: i64 = row.get(3);
        Stored {
            id: row.get(0),
            header: ImageHeader {
                cursor: row.get(1),
                rows: row.get(2),
                scope: Scope::WHOLE_SCHOOL.into(),
                size: size as u64,
            },
            compressed: row.get(4),
        }
    }))
}

/// Builds and stores a new image of `tenant` if enough changed since its latest; returns
/// the new image's header.
pub async fn build_if_due(
    state: &AppState,
    tenant: Uuid,
) -> Result<Option<ImageHeader>, ImageError> {
    let schema = SCHEMA_VERSION as i32;
    let mut reader = state.read_db.get().await?;
    let (tx, head) = tenant_view(&mut reader, tenant).await?;
    let previous = {
        let mut client = state.db.get().await?;
        let check = tenant_tx(&mut client, tenant).await?;
        latest(&check, tenant, schema)
            .await?
            .map(|s| s.header.cursor)
    };
    let since = previous.unwrap_or(0);
    state.images.known(tenant, since);
    if head - since < state.config.image_after_changes {
        return Ok(None);
    }

    // The rows go to a writer thread as they are read, so reading and writing overlap.
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("school.sqlite3");
    let (rows_out, mut rows_in) = mpsc::channel::<Vec<Row>>(4);
    let clock = state.clock.clone();
    let writer = tokio::task::spawn_blocking(move || -> Result<_, ImageError> {
        let mut store = Store::open(&path, clock)?;
        while let Some(batch) = rows_in.blocking_recv() {
            store.apply_pulled(&batch, &[], None)?;
        }
        Ok(store.seal_image()?)
    });
    let scope = Scope::for_role(Role::Admin);
    let mut rows: i64 = 0;
    let mut batch = Vec::with_capacity(WRITE_BATCH);
    'tables: for spec in daftar_domain::TABLES {
        let Some(filter) = scope.filter(spec.name) else {
            continue;
        };
        let zero = 0i64;
        let params: [&(dyn tokio_postgres::types::ToSql + Sync); 4] =
            [&tenant, &zero, &scope.reach.classrooms, &scope.staff];
        let found = tx.query_raw(&rows_sql(spec, filter, ""), params).await?;
        pin_mut!(found);
        while let Some(row) = found.next().await {
            batch.extend(to_row(spec, &row?));
            if batch.len() == WRITE_BATCH {
                rows += batch.len() as i64;
                if rows_out.send(std::mem::take(&mut batch)).await.is_err() {
                    break 'tables; // The writer failed; its error is below.
                }
            }
        }
    }
    rows += batch.len() as i64;
    if !batch.is_empty() {
        let _ = rows_out.send(batch).await;
    }
    drop(rows_out);
    tx.commit().await?;
    let path = writer.await.map_err(std::io::Error::other)??;
    let size = std::fs::metadata(&path)?.len();

    // Compressed as it is stored: chunks go in while later ones are compressed.
    let (chunks_out, mut chunks_in) = mpsc::channel::<std::io::Result<Vec<u8>>>(4);
    let compressor = tokio::task::spawn_blocking(move || compress(&path, &chunks_out));
    let mut client = state.db.get().await?;
    let publish = tenant_tx(&mut client, tenant).await?;
    let id = Uuid::now_v7();
    let mut compressed: i64 = 0;
    let mut seq = 0i32;
    while let Some(chunk) = chunks_in.recv().await {
        let chunk = chunk?;
        compressed += chunk.len() as i64;
        publish
            .execute(
                "INSERT INTO school_image_chunks (tenant_id, image_id, seq, bytes)
                 VALUES ($1, $2, $3, $4)",
                &[&tenant, &id, &seq, &chunk],
            )
            .await?;
        seq += 1;
    }
    compressor.await.map_err(std::io::Error::other)??;
    publish
        .execute(
            "INSERT INTO school_images
                 (tenant_id, id, schema_version, cursor, rows, size, compressed)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &tenant,
                &id,
                &schema,
                &head,
                &rows,
                &(size as i64),
                &compressed,
            ],
        )
        .await?;
    // Older images go; a download of one that is under way still reads it to the end.
    publish
        .execute(
            "DELETE FROM school_image_chunks WHERE tenant_id = $1 AND image_id <> $2",
            &[&tenant, &id],
        )
        .await?;
    publish
        .execute(
            "DELETE FROM school_images WHERE tenant_id = $1 AND id <> $2",
            &[&tenant, &id],
        )
        .await?;
    publish.commit().await?;
    state.images.known(tenant, head);
    drop(dir);
    Ok(Some(ImageHeader {
        cursor: head,
        rows,
        scope: Scope::WHOLE_SCHOOL.into(),
        size,
    }))
}

/// The file at `path` as one zstd frame (with its checksum), in chunks of [`CHUNK`] bytes.
fn compress(
    path: &std::path::Path,
    out: &mpsc::Sender<std::io::Result<Vec<u8>>>,
) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    let mut encoder = zstd::stream::read::Encoder::new(file, 3)?;
    encoder.include_checksum(true)?;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        (&mut encoder).take(CHUNK as u64).read_to_end(&mut chunk)?;
        if chunk.is_empty() {
            return Ok(());
        }
        if out.blocking_send(Ok(chunk)).is_err() {
            return Ok(()); // The publisher failed; its error stands.
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ImageQuery {
    schema: Option<String>,
}

/// `GET /v1/sync/image?schema=N`: the latest image of the device's school for desktop schema
/// N, zstd content-encoded as stored, with its [`ImageHeader`]; `204 No Content` when there
/// is none (or the device sees only part of the school, or cannot take zstd). Asking also
/// schedules a new image when none is ready or the latest is far behind.
pub async fn image(
    State(state): State<AppState>,
    Auth(claims): Auth,
    Query(query): Query<ImageQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let schema: i32 = query
        .schema
        .as_deref()
        .and_then(|s| s.parse().ok())
        .filter(|s| (1..=10_000).contains(s))
        .ok_or_else(|| {
            ApiError::bad_request("schema must be the desktop's schema version, from 1")
        })?;
    let takes_zstd = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|e| e.trim().starts_with("zstd")));
    let (found, body) = spawn_body("image", move |sender, found| async move {
        stream_image(&state, &claims, schema, takes_zstd, &sender, found).await
    })
    .await?;
    let Some((header, compressed)) = found else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let described = serde_json::to_string(&header).expect("the header serializes");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vnd.sqlite3"),
    );
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("zstd"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(compressed));
    headers.insert(
        IMAGE_HEADER,
        HeaderValue::from_str(&described).expect("the header is ASCII JSON"),
    );
    Ok(response)
}

/// Tells `found` which image goes out (or none), then sends its chunks.
async fn stream_image(
    state: &AppState,
    claims: &Claims,
    schema: i32,
    takes_zstd: bool,
    sender: &Chunks,
    found: oneshot::Sender<Result<Option<(ImageHeader, i64)>, DbError>>,
) -> Result<(), DbError> {
    let mut client = match state.db.get().await {
        Ok(client) => client,
        Err(error) => {
            let _ = found.send(Err(error.into()));
            return Ok(());
        }
    };
    let opened = async {
        // One snapshot of the database: the image row and its chunks agree even if a newer
        // image replaces this one while it downloads.
        let (tx, head) = tenant_view(&mut client, claims.tenant).await?;
        let scope = Scope::load(&tx, claims).await?;
        if scope.fingerprint() != Scope::WHOLE_SCHOOL {
            return Ok((tx, None));
        }
        let image = latest(&tx, claims.tenant, schema).await?;
        let stale = image
            .as_ref()
            .is_none_or(|s| head - s.header.cursor >= state.config.image_after_changes);
        if stale && schema == SCHEMA_VERSION as i32 {
            state.images.schedule(state, claims.tenant);
        }
        Ok::<_, DbError>((tx, image.filter(|_| takes_zstd)))
    }
    .await;
    let (tx, image) = match opened {
        Ok(opened) => opened,
        Err(error) => {
            let _ = found.send(Err(error));
            return Ok(());
        }
    };
    let Some(Stored {
        id,
        header,
        compressed,
    }) = image
    else {
        let _ = found.send(Ok(None));
        return Ok(());
    };
    let _ = found.send(Ok(Some((header, compressed))));
    let params: [&(dyn tokio_postgres::types::ToSql + Sync); 2] = [&claims.tenant, &id];
    let chunks = tx
        .query_raw(
            "SELECT bytes FROM school_image_chunks WHERE tenant_id = $1 AND image_id = $2
             ORDER BY seq",
            params,
        )
        .await?;
    pin_mut!(chunks);
    while let Some(chunk) = chunks.next().await {
        let bytes: Vec<u8> = chunk?.get(0);
        if sender.send(Ok(Bytes::from(bytes))).await.is_err() {
            return Ok(()); // The device went away.
        }
    }
    tx.commit().await?;
    Ok(())
}
