//! One sync round: push the outbox in batches, tell the cloud of settled conflicts, then pull
//! by cursor (or, the first time, download the whole school: the cloud's ready image when it
//! has one and the device holds nothing of its own, else the streamed snapshot), each page
//! applied atomically.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use daftar_domain::{Coded, StaffRole};
use daftar_protocol::{
    LoginRequest, MAX_PULL_LIMIT, Mutation, PushRequest, ResolveRequest, Session,
};
use daftar_store::{OutboxEntry, SCHEMA_VERSION, Store, StoreError};
use serde::Serialize;
use uuid::Uuid;

use crate::credentials::{SecretError, Secrets};
use crate::transport::{Transport, TransportError};

/// Access to the device's store for a moment at a time: the engine never holds it across a
/// network call, so people keep working while a sync runs.
pub trait Replica: Send + Sync {
    fn with_store<R>(&self, work: impl FnOnce(&mut Store) -> R) -> R;
}

impl Replica for Mutex<Store> {
    fn with_store<R>(&self, work: impl FnOnce(&mut Store) -> R) -> R {
        work(&mut self.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// A store borrowed for the length of one round (the CLI's case).
#[derive(Debug)]
pub struct Borrowed<'a>(Mutex<&'a mut Store>);

impl<'a> Borrowed<'a> {
    pub fn new(store: &'a mut Store) -> Self {
        Self(Mutex::new(store))
    }
}

impl Replica for Borrowed<'_> {
    fn with_store<R>(&self, work: impl FnOnce(&mut Store) -> R) -> R {
        work(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Why a round stopped. Nothing applied before the stop is undone, and nothing is lost:
/// the outbox keeps what was not acknowledged.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the server cannot be reached: {0}")]
    Offline(String),
    /// The device must sign in again (session revoked, refresh token refused or missing).
    #[error("signing in again is needed: {0}")]
    SignInNeeded(String),
    #[error("the server refused: {code}: {message}")]
    Server { code: String, message: String },
    #[error(transparent)]
    Secrets(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("this device is not connected to a school's cloud")]
    NotConnected,
}

impl SyncError {
    /// Worth retrying later by itself.
    pub fn is_transient(&self) -> bool {
        match self {
            SyncError::Offline(_) => true,
            SyncError::Server { code, .. } => {
                code == daftar_protocol::codes::UNAVAILABLE
                    || code == daftar_protocol::codes::RATE_LIMITED
                    || code == daftar_protocol::codes::INTERNAL
            }
            _ => false,
        }
    }
}

impl From<TransportError> for SyncError {
    fn from(error: TransportError) -> Self {
        use daftar_protocol::codes;
        match error {
            TransportError::Unreachable(detail) => SyncError::Offline(detail),
            TransportError::Refused { code, message, .. }
                if code == codes::UNAUTHENTICATED
                    || code == codes::SESSION_REVOKED
                    || code == codes::TOKEN_EXPIRED =>
            {
                SyncError::SignInNeeded(message)
            }
            TransportError::Refused { code, message, .. } => SyncError::Server { code, message },
            TransportError::BadAnswer(detail) => SyncError::Server {
                code: daftar_protocol::codes::BAD_JSON.into(),
                message: detail,
            },
        }
    }
}

impl Coded for SyncError {
    fn code(&self) -> &'static str {
        match self {
            SyncError::Offline(_) => "sync-offline",
            SyncError::SignInNeeded(_) => "sync-sign-in",
            SyncError::Server { code, .. } => daftar_protocol::codes::ALL
                .iter()
                .find(|c| *c == code)
                .copied()
                .unwrap_or(daftar_protocol::codes::INTERNAL),
            SyncError::Secrets(_) => "keyring-unavailable",
            SyncError::Store(e) => e.code(),
            SyncError::NotConnected => "sync-not-connected",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            SyncError::Offline(detail) | SyncError::SignInNeeded(detail) => {
                vec![("detail", detail.clone())]
            }
            SyncError::Server { message, .. } => vec![("reason", message.clone())],
            SyncError::Secrets(SecretError::Unavailable(detail)) => {
                vec![("detail", detail.clone())]
            }
            SyncError::Store(e) => e.args(),
            SyncError::NotConnected => Vec::new(),
        }
    }
}

/// Which school account a device syncs as. Kept in the device's settings; the refresh token
/// is in the keyring, never here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Account {
    pub server: String,
    pub tenant: String,
    pub username: String,
    /// The cloud account's id.
    pub user_id: Uuid,
    pub role: StaffRole,
    /// The member of staff this account is (the login answer's), whose name and classrooms
    /// the desktop shows; none for an operator's account with no staff record.
    pub staff_id: Option<Uuid>,
    /// An administrator set the password signed in with: the person chooses their own
    /// before the cloud syncs with this device.
    pub must_change_password: bool,
}

const MUST_CHANGE_KEY: &str = "sync.must_change_password";

const ACCOUNT_KEYS: [&str; 5] = [
    "sync.server",
    "sync.tenant",
    "sync.username",
    "sync.user_id",
    "sync.role",
];
const STAFF_KEY: &str = "sync.staff_id";

impl Account {
    pub fn load(store: &Store) -> Result<Option<Account>, StoreError> {
        let mut values = Vec::new();
        for key in ACCOUNT_KEYS {
            match store.setting(key)? {
                Some(value) => values.push(value),
                None => return Ok(None),
            }
        }
        let [server, tenant, username, user_id, role] =
            <[String; 5]>::try_from(values).expect("five keys");
        Ok(Some(Account {
            server,
            tenant,
            username,
            user_id: user_id.parse().unwrap_or(Uuid::nil()),
            // A role this version does not know is the least one.
            role: role.parse().unwrap_or(StaffRole::Teacher),
            staff_id: store.setting(STAFF_KEY)?.and_then(|id| id.parse().ok()),
            must_change_password: store.setting(MUST_CHANGE_KEY)?.as_deref() == Some("true"),
        }))
    }

    pub fn save(&self, store: &mut Store) -> Result<(), StoreError> {
        let values = [
            self.server.clone(),
            self.tenant.clone(),
            self.username.clone(),
            self.user_id.to_string(),
            self.role.as_str().to_string(),
        ];
        for (key, value) in ACCOUNT_KEYS.iter().zip(values) {
            store.set_setting(key, &value)?;
        }
        if self.must_change_password {
            store.set_setting(MUST_CHANGE_KEY, "true")?;
        } else {
            store.delete_setting(MUST_CHANGE_KEY)?;
        }
        // Local edits from now on are this member of staff's.
        match self.staff_id {
            Some(staff) => {
                store.set_setting(STAFF_KEY, &staff.to_string())?;
                store.set_setting("user_id", &staff.to_string())
            }
            None => {
                store.delete_setting(STAFF_KEY)?;
                store.delete_setting("user_id")
            }
        }
    }

    pub fn forget(store: &mut Store) -> Result<(), StoreError> {
        for key in ACCOUNT_KEYS.iter().chain([&STAFF_KEY, &MUST_CHANGE_KEY]) {
            store.delete_setting(key)?;
        }
        Ok(())
    }
}

/// Sizes of one round's steps.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub push_batch: usize,
    pub pull_limit: i64,
    /// Whether a first download may take the cloud's ready image of the school.
    pub images: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            push_batch: 2_500,
            pull_limit: MAX_PULL_LIMIT,
            images: true,
        }
    }
}

/// What a round is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "phase", rename_all = "kebab-case")]
pub enum Progress {
    Pushing { done: usize, total: usize },
    Downloading { done: usize, total: usize },
    Pulling { done: usize },
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RoundSummary {
    /// Mutations sent.
    pub pushed: usize,
    pub applied: usize,
    pub merged: usize,
    /// Mutations that met a conflict (each may have several columns).
    pub conflicts: usize,
    pub rejected: usize,
    /// Rows received (by pull or download) and written.
    pub pulled: usize,
    /// Whether the whole school was downloaded.
    pub downloaded: bool,
    /// Whether that download was the cloud's ready image of the school.
    pub from_image: bool,
    /// Conflicts settled here and told to the cloud.
    pub settled: usize,
}

/// The engine for one device and account.
pub struct Engine<T: Transport> {
    transport: T,
    secrets: Arc<dyn Secrets>,
    device: Uuid,
    options: Options,
    access: tokio::sync::Mutex<Option<String>>,
}

impl<T: Transport> std::fmt::Debug for Engine<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("device", &self.device)
            .finish()
    }
}

fn to_mutation(entry: &OutboxEntry) -> Mutation {
    Mutation {
        mutation_id: entry.mutation_id,
        table: entry.table.clone(),
        row_id: entry.row_id,
        base_version: entry.base_version,
        changes: entry.changes.clone(),
        hlc: entry.hlc.clone(),
    }
}

impl<T: Transport> Engine<T> {
    pub fn new(transport: T, secrets: Arc<dyn Secrets>, device: Uuid, options: Options) -> Self {
        Self {
            transport,
            secrets,
            device,
            options,
            access: tokio::sync::Mutex::new(None),
        }
    }

    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Signs in and keeps the refresh token in the secret store. The password is used once
    /// and not kept.
    pub async fn sign_in(
        &self,
        tenant: &str,
        username: &str,
        password: &str,
        device_name: &str,
    ) -> Result<Session, SyncError> {
        let request = LoginRequest {
            tenant: tenant.to_string(),
            username: username.to_string(),
            password: password.to_string(),
            device_id: self.device,
            device_name: device_name.to_string(),
        };
        let session = self.transport.login(&request).await.map_err(|e| match e {
            // A wrong password is the person's to fix, not a reason to sign in "again".
            TransportError::Refused { code, message, .. } => SyncError::Server { code, message },
            other => other.into(),
        })?;
        self.secrets
            .set(&self.device.to_string(), &session.refresh_token)?;
        *self.access.lock().await = Some(session.access_token.clone());
        Ok(session)
    }

    /// Ends the session on the server (when reachable) and forgets the token here.
    pub async fn sign_out(&self) -> Result<(), SyncError> {
        if let Ok(access) = self.access_token().await {
            // Unreachable: the session lapses on the server; the token is gone here anyway.
            let _ = self.transport.logout(&access).await;
        }
        *self.access.lock().await = None;
        self.secrets.delete(&self.device.to_string())?;
        Ok(())
    }

    async fn access_token(&self) -> Result<String, SyncError> {
        if let Some(token) = self.access.lock().await.clone() {
            return Ok(token);
        }
        self.renew().await
    }

    /// A fresh access token from the refresh token; the server hands a new refresh token,
    /// kept at once.
    async fn renew(&self) -> Result<String, SyncError> {
        let mut access = self.access.lock().await;
        let device = self.device.to_string();
        let refresh = self
            .secrets
            .get(&device)?
            .ok_or_else(|| SyncError::SignInNeeded("no saved session on this device".into()))?;
        let session = self
            .transport
            .refresh(&refresh)
            .await
            .map_err(|e| match e {
                TransportError::Refused {
                    status: 401,
                    message,
                    ..
                } => SyncError::SignInNeeded(message),
                other => other.into(),
            })?;
        self.secrets.set(&device, &session.refresh_token)?;
        *access = Some(session.access_token.clone());
        Ok(session.access_token)
    }

    /// Makes an authenticated call, renewing the access token once if it lapsed.
    async fn call<R, F, Fut>(&self, make: F) -> Result<R, SyncError>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<R, TransportError>>,
    {
        let token = self.access_token().await?;
        match make(token).await {
            Err(error) if error.needs_new_token() => {
                *self.access.lock().await = None;
                let token = self.renew().await?;
                Ok(make(token).await?)
            }
            other => Ok(other?),
        }
    }

    /// A call of the cloud's own API beyond sync (accounts, passwords) with this device's
    /// access token, renewed once if it lapsed.
    pub async fn authorized<R, F, Fut>(&self, make: F) -> Result<R, SyncError>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<R, TransportError>>,
    {
        self.call(make).await
    }

    /// The cloud's stream of the school's changes (the access token renewed once if it
    /// lapsed), or `None` when the cloud announces none.
    pub async fn events(&self) -> Result<Option<crate::Events>, SyncError> {
        let transport = &self.transport;
        self.call(|token| async move { transport.events(&token).await })
            .await
    }

    /// One round: push, settle, pull. `progress` hears of each step. A span in the log,
    /// with ids and counts only.
    #[tracing::instrument(name = "sync_round", skip_all, fields(device = %self.device))]
    pub async fn round<R: Replica>(
        &self,
        replica: &R,
        progress: &(dyn Fn(Progress) + Send + Sync),
    ) -> Result<RoundSummary, SyncError> {
        let mut summary = RoundSummary::default();
        self.push_all(replica, progress, &mut summary).await?;
        self.settle(replica, &mut summary).await?;
        let cursor = replica.with_store(|s| s.sync_cursor())?;
        match cursor {
            None => self.download(replica, progress, &mut summary).await?,
            Some(cursor) => self.pull(replica, cursor, progress, &mut summary).await?,
        }
        tracing::info!(
            pushed = summary.pushed,
            applied = summary.applied,
            merged = summary.merged,
            conflicts = summary.conflicts,
            rejected = summary.rejected,
            pulled = summary.pulled,
            downloaded = summary.downloaded,
            "sync round done"
        );
        Ok(summary)
    }

    async fn push_all<R: Replica>(
        &self,
        replica: &R,
        progress: &(dyn Fn(Progress) + Send + Sync),
        summary: &mut RoundSummary,
    ) -> Result<(), SyncError> {
        let total = replica.with_store(|s| s.pending_count())? as usize;
        loop {
            let batch = replica.with_store(|s| s.pending(self.options.push_batch))?;
            if batch.is_empty() {
                return Ok(());
            }
            progress(Progress::Pushing {
                done: summary.pushed,
                total: total.max(summary.pushed + batch.len()),
            });
            let request = PushRequest {
                mutations: batch.iter().map(to_mutation).collect(),
            };
            let response = self
                .call(|access| {
                    let request = &request;
                    async move { self.transport.push(&access, request).await }
                })
                .await?;
            let applied = replica.with_store(|s| s.apply_push(&response))?;
            summary.pushed += batch.len();
            summary.applied += applied.applied;
            summary.merged += applied.merged;
            summary.conflicts += applied.conflicts;
            summary.rejected += applied.rejected;
            let handled = applied.applied + applied.merged + applied.conflicts + applied.rejected;
            if handled == 0 {
                // The answer concerned none of what was sent: do not spin on it.
                return Err(SyncError::Server {
                    code: daftar_protocol::codes::BAD_JSON.into(),
                    message: "the push answer matched none of the changes sent".into(),
                });
            }
        }
    }

    async fn settle<R: Replica>(
        &self,
        replica: &R,
        summary: &mut RoundSummary,
    ) -> Result<(), SyncError> {
        let resolutions = replica.with_store(|s| s.settling())?;
        if resolutions.is_empty() {
            return Ok(());
        }
        let ids: Vec<Uuid> = resolutions.iter().map(|r| r.conflict_id).collect();
        let request = ResolveRequest { resolutions };
        let response = self
            .call(|access| {
                let request = &request;
                async move { self.transport.resolve(&access, request).await }
            })
            .await?;
        // Settled by this request or earlier by someone else: either way the cloud knows.
        replica.with_store(|s| s.mark_settled(&ids))?;
        summary.settled += response.resolved;
        Ok(())
    }

    async fn download<R: Replica>(
        &self,
        replica: &R,
        progress: &(dyn Fn(Progress) + Send + Sync),
        summary: &mut RoundSummary,
    ) -> Result<(), SyncError> {
        if self.options.images
            && let Some(cursor) = self.adopt_image(replica, progress, summary).await?
        {
            return self.pull(replica, cursor, progress, summary).await;
        }
        let mut snapshot = self
            .call(|access| async move { self.transport.snapshot(&access).await })
            .await?;
        let total = snapshot.header.rows.max(0) as usize;
        let mut done = 0;
        progress(Progress::Downloading { done, total });
        while let Some(batch) = snapshot.rows.recv().await {
            let batch = batch?;
            done += batch.len();
            summary.pulled += replica.with_store(|s| s.apply_pulled(&batch, &[], None))?;
            progress(Progress::Downloading { done, total });
        }
        // Only a complete download moves the cursor: a cut one starts again next time,
        // skipping quickly over the rows it already has.
        if done as i64 != snapshot.header.rows {
            return Err(SyncError::Offline(format!(
                "the download stopped after {done} of {total} rows"
            )));
        }
        let header = &snapshot.header;
        replica.with_store(|s| s.apply_pulled(&[], &[], Some((header.cursor, &header.scope))))?;
        summary.downloaded = true;
        // Changes made while the download ran.
        self.pull(replica, header.cursor, progress, summary).await
    }

    /// Takes the cloud's ready image of the school when this device holds nothing of its
    /// own: the file is written beside the database, checked and copied in whole. Returns
    /// the cursor to pull on from, or `None` to stream the snapshot instead (no image, the
    /// device not blank, or an image that does not check out).
    async fn adopt_image<R: Replica>(
        &self,
        replica: &R,
        progress: &(dyn Fn(Progress) + Send + Sync),
        summary: &mut RoundSummary,
    ) -> Result<Option<i64>, SyncError> {
        let (blank, database) = replica
            .with_store(|s| Ok::<_, StoreError>((s.may_adopt_image()?, s.path().to_path_buf())))?;
        if !blank {
            return Ok(None);
        }
        let Some(mut image) = self
            .call(|access| async move { self.transport.image(&access, SCHEMA_VERSION).await })
            .await?
        else {
            return Ok(None);
        };
        let header = image.header.clone();
        let total = header.rows.max(0) as usize;
        progress(Progress::Downloading { done: 0, total });
        let file = image_file(&database);
        let written = async {
            let stored = |e: std::io::Error| {
                SyncError::Store(StoreError::Storage {
                    path: file.display().to_string(),
                    detail: e.to_string(),
                })
            };
            let mut out = std::fs::File::create(&file).map_err(stored)?;
            let (mut got, mut shown) = (0u64, 0usize);
            while let Some(bytes) = image.bytes.recv().await {
                let bytes = bytes?;
                out.write_all(&bytes).map_err(stored)?;
                got += bytes.len() as u64;
                // Rows in proportion to bytes, told at each hundredth.
                let done = (total as u128 * got as u128 / header.size.max(1) as u128) as usize;
                if done > shown + total / 100 {
                    shown = done;
                    progress(Progress::Downloading {
                        done: done.min(total),
                        total,
                    });
                }
            }
            if got != header.size {
                return Err(SyncError::Offline(format!(
                    "the image stopped after {got} of {} bytes",
                    header.size
                )));
            }
            Ok(())
        }
        .await;
        let adopted = written.map(|()| replica.with_store(|s| s.adopt_image(&file, &header)));
        let _ = std::fs::remove_file(&file);
        match adopted? {
            Ok(Some(rows)) => {
                summary.pulled += rows;
                summary.downloaded = true;
                summary.from_image = true;
                progress(Progress::Downloading { done: total, total });
                Ok(Some(header.cursor))
            }
            // Someone wrote meanwhile, or the image does not check out: the rows come the
            // long way, which merges with what is here.
            Ok(None) | Err(_) => Ok(None),
        }
    }

    async fn pull<R: Replica>(
        &self,
        replica: &R,
        mut cursor: i64,
        progress: &(dyn Fn(Progress) + Send + Sync),
        summary: &mut RoundSummary,
    ) -> Result<(), SyncError> {
        let known_scope = replica.with_store(|s| s.sync_scope())?;
        loop {
            let limit = self.options.pull_limit;
            let page = self
                .call(|access| async move { self.transport.pull(&access, cursor, limit).await })
                .await?;
            if known_scope.as_deref().is_some_and(|s| s != page.scope) && !summary.downloaded {
                // This device may now see rows it never received: download afresh.
                replica.with_store(|s| s.reset_sync_cursor())?;
                return Box::pin(self.download(replica, progress, summary)).await;
            }
            summary.pulled += replica.with_store(|s| {
                s.apply_pulled(
                    &page.rows,
                    &page.conflicts,
                    Some((page.cursor, &page.scope)),
                )
            })?;
            progress(Progress::Pulling {
                done: summary.pulled,
            });
            cursor = page.cursor;
            if !page.more {
                return Ok(());
            }
        }
    }
}

/// Where a first download's image is written: beside the database, on the same disk.
fn image_file(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".image");
    PathBuf::from(name)
}
