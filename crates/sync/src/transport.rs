//! How the engine reaches the cloud: one trait, spoken over HTTP by [`crate::HttpTransport`]
//! and in memory by `memory::MemoryTransport` (feature `memory`, for simulations only).

use std::future::Future;

use daftar_protocol::{
    ImageHeader, LoginRequest, PullResponse, PushRequest, PushResponse, ResolveRequest,
    ResolveResponse, Row, Session, SnapshotHeader,
};
use tokio::sync::mpsc;

/// Why a call did not get an answer it could use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// No answer: no network, the server down, a timeout, a connection cut mid-answer.
    /// Worth retrying as it is.
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// The server answered with an error (`{code, message}`).
    #[error("the server refused ({status} {code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
    /// The answer was not what the protocol says.
    #[error("the server's answer does not read: {0}")]
    BadAnswer(String),
}

impl TransportError {
    /// The access token should be renewed and the call made again.
    pub fn needs_new_token(&self) -> bool {
        matches!(self, TransportError::Refused { code, .. }
            if code == daftar_protocol::codes::TOKEN_EXPIRED)
    }
}

/// A first download as it arrives: the header, then rows in batches, parents first.
#[derive(Debug)]
pub struct Snapshot {
    pub header: SnapshotHeader,
    pub rows: mpsc::Receiver<Result<Vec<Row>, TransportError>>,
}

/// The cloud's ready image of the school as it arrives: the header, then the database
/// file's bytes in order (already decompressed); the stream ends with an error if the file
/// did not arrive whole.
#[derive(Debug)]
pub struct Image {
    pub header: ImageHeader,
    pub bytes: mpsc::Receiver<Result<bytes::Bytes, TransportError>>,
}

/// The school's changes as the cloud announces them: its head first, then each version as
/// it commits. The channel ends when the stream does (cut, or its token lapsed).
#[derive(Debug)]
pub struct Events {
    pub versions: mpsc::Receiver<i64>,
}

/// The cloud's sync API. Every call but sign-in carries the session's access token.
pub trait Transport: Send + Sync + 'static {
    fn login(
        &self,
        request: &LoginRequest,
    ) -> impl Future<Output = Result<Session, TransportError>> + Send;

    /// A new access token for a refresh token, which the server replaces.
    fn refresh(
        &self,
        refresh_token: &str,
    ) -> impl Future<Output = Result<Session, TransportError>> + Send;

    /// Ends the session on the server.
    fn logout(&self, access: &str) -> impl Future<Output = Result<(), TransportError>> + Send;

    fn push(
        &self,
        access: &str,
        request: &PushRequest,
    ) -> impl Future<Output = Result<PushResponse, TransportError>> + Send;

    fn pull(
        &self,
        access: &str,
        cursor: i64,
        limit: i64,
    ) -> impl Future<Output = Result<PullResponse, TransportError>> + Send;

    fn snapshot(
        &self,
        access: &str,
    ) -> impl Future<Output = Result<Snapshot, TransportError>> + Send;

    /// The school's ready image for desktop schema `schema`, or `None` when the cloud has
    /// none for this device (the snapshot is then the way).
    fn image(
        &self,
        access: &str,
        schema: i64,
    ) -> impl Future<Output = Result<Option<Image>, TransportError>> + Send;

    fn resolve(
        &self,
        access: &str,
        request: &ResolveRequest,
    ) -> impl Future<Output = Result<ResolveResponse, TransportError>> + Send;

    /// The stream of the school's changes, or `None` when this cloud announces none (the
    /// timer alone then brings them).
    fn events(
        &self,
        access: &str,
    ) -> impl Future<Output = Result<Option<Events>, TransportError>> + Send;
}
