//! The cloud over HTTP(S): reqwest with rustls, zstd (or gzip) answers, timeouts, the protocol
//! header, the first download read as NDJSON while it streams, the school's ready image
//! passed on as it arrives, and the school's changes read from server-sent events.

use std::time::Duration;

use daftar_protocol::{
    ErrorBody, IMAGE_HEADER, ImageHeader, LoginRequest, PROTOCOL_HEADER, PROTOCOL_VERSION,
    PullResponse, PushRequest, PushResponse, RefreshRequest, ResolveRequest, ResolveResponse, Row,
    Session, SnapshotHeader,
};
use futures_util::StreamExt;
use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use tokio::sync::mpsc;

use crate::transport::{Events, Image, Snapshot, Transport, TransportError};

/// Rows handed to the engine at a time during a first download.
const SNAPSHOT_BATCH: usize = 20_000;

#[derive(Debug, Clone)]
pub struct HttpTransport {
    base: String,
    client: reqwest::Client,
}

impl HttpTransport {
    /// `server` is the cloud's base URL (`https://school.example` or `http://127.0.0.1:8080`).
    pub fn new(server: &str) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            // Long enough for a whole school's first download on a slow line; a stalled
            // connection is caught by the read timeout instead.
            .timeout(Duration::from_secs(30 * 60))
            .read_timeout(Duration::from_secs(60))
            .gzip(true)
            .zstd(true)
            .user_agent(concat!("daftar/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| TransportError::BadAnswer(e.to_string()))?;
        Ok(Self {
            base: server.trim_end_matches('/').to_string(),
            client,
        })
    }

    fn request(&self, method: Method, path: &str, access: Option<&str>) -> RequestBuilder {
        let builder = self
            .client
            .request(method, format!("{}/v1{path}", self.base))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string());
        match access {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    async fn send(builder: RequestBuilder) -> Result<Response, TransportError> {
        let response = builder.send().await.map_err(unreachable)?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status().as_u16();
        let text = response.text().await.map_err(unreachable)?;
        Err(match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => TransportError::Refused {
                status,
                code: body.code,
                message: body.message,
            },
            Err(_) => TransportError::Refused {
                status,
                code: if status >= 500 {
                    daftar_protocol::codes::UNAVAILABLE.into()
                } else {
                    daftar_protocol::codes::BAD_REQUEST.into()
                },
                message: text.chars().take(200).collect(),
            },
        })
    }

    async fn json<T: DeserializeOwned>(builder: RequestBuilder) -> Result<T, TransportError> {
        let bytes = Self::send(builder)
            .await?
            .bytes()
            .await
            .map_err(unreachable)?;
        serde_json::from_slice(&bytes).map_err(|e| TransportError::BadAnswer(e.to_string()))
    }
}

impl HttpTransport {
    /// A call of the cloud's API beyond sync (accounts, passwords): a POST of `body` when
    /// given, else a GET; the answer read as JSON, `None` when there is none (204).
    pub async fn call_json<R: DeserializeOwned>(
        &self,
        access: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<Option<R>, TransportError> {
        let request = match body {
            Some(body) => self.request(Method::POST, path, Some(access)).json(body),
            None => self.request(Method::GET, path, Some(access)),
        };
        let response = Self::send(request).await?;
        if response.status() == reqwest::StatusCode::NO_CONTENT {
            return Ok(None);
        }
        let bytes = response.bytes().await.map_err(unreachable)?;
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| TransportError::BadAnswer(e.to_string()))
    }
}

fn unreachable(error: reqwest::Error) -> TransportError {
    // Never the URL's query or a token: reqwest's message names the host at most.
    TransportError::Unreachable(error.without_url().to_string())
}

impl Transport for HttpTransport {
    async fn login(&self, request: &LoginRequest) -> Result<Session, TransportError> {
        Self::json(
            self.request(Method::POST, "/auth/login", None)
                .json(request),
        )
        .await
    }

    async fn refresh(&self, refresh_token: &str) -> Result<Session, TransportError> {
        let body = RefreshRequest {
            refresh_token: refresh_token.to_string(),
        };
        Self::json(
            self.request(Method::POST, "/auth/refresh", None)
                .json(&body),
        )
        .await
    }

    async fn logout(&self, access: &str) -> Result<(), TransportError> {
        Self::send(self.request(Method::POST, "/auth/logout", Some(access))).await?;
        Ok(())
    }

    async fn push(
        &self,
        access: &str,
        request: &PushRequest,
    ) -> Result<PushResponse, TransportError> {
        Self::json(
            self.request(Method::POST, "/sync/push", Some(access))
                .json(request),
        )
        .await
    }

    async fn pull(
        &self,
        access: &str,
        cursor: i64,
        limit: i64,
    ) -> Result<PullResponse, TransportError> {
        let path = format!("/sync/pull?cursor={cursor}&limit={limit}");
        Self::json(self.request(Method::GET, &path, Some(access))).await
    }

    async fn image(&self, access: &str, schema: i64) -> Result<Option<Image>, TransportError> {
        let path = format!("/sync/image?schema={schema}");
        let response = Self::send(self.request(Method::GET, &path, Some(access))).await?;
        if response.status() == reqwest::StatusCode::NO_CONTENT {
            return Ok(None);
        }
        let header: ImageHeader = response
            .headers()
            .get(IMAGE_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| serde_json::from_str(v).ok())
            .ok_or_else(|| TransportError::BadAnswer(format!("no {IMAGE_HEADER} header")))?;
        let expected = header.size;
        let mut body = response.bytes_stream();
        let (sender, receiver) = mpsc::channel(16);
        tokio::spawn(async move {
            let mut seen: u64 = 0;
            while let Some(chunk) = body.next().await {
                let chunk = chunk.map_err(unreachable);
                if let Ok(bytes) = &chunk {
                    seen += bytes.len() as u64;
                }
                let failed = chunk.is_err();
                if sender.send(chunk).await.is_err() || failed {
                    return;
                }
            }
            if seen != expected {
                let _ = sender
                    .send(Err(TransportError::Unreachable(format!(
                        "the image stopped after {seen} of {expected} bytes"
                    ))))
                    .await;
            }
        });
        Ok(Some(Image {
            header,
            bytes: receiver,
        }))
    }

    async fn snapshot(&self, access: &str) -> Result<Snapshot, TransportError> {
        let response =
            Self::send(self.request(Method::GET, "/sync/snapshot", Some(access))).await?;
        let mut body = response.bytes_stream();
        let mut buffer: Vec<u8> = Vec::new();
        // The header is the first line.
        let header: SnapshotHeader = loop {
            if let Some(end) = buffer.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = buffer.drain(..=end).collect();
                break serde_json::from_slice(&line)
                    .map_err(|e| TransportError::BadAnswer(e.to_string()))?;
            }
            match body.next().await {
                Some(chunk) => buffer.extend_from_slice(&chunk.map_err(unreachable)?),
                None => {
                    return Err(TransportError::Unreachable(
                        "the download ended before it began".into(),
                    ));
                }
            }
        };
        let expected = header.rows;
        let (sender, receiver) = mpsc::channel(4);
        // Parsing runs beside the engine's writing, so the two overlap.
        tokio::spawn(async move {
            let mut batch: Vec<Row> = Vec::with_capacity(SNAPSHOT_BATCH);
            let mut seen: i64 = 0;
            let mut start = 0;
            loop {
                while let Some(offset) = buffer[start..].iter().position(|b| *b == b'\n') {
                    let line = &buffer[start..start + offset];
                    start += offset + 1;
                    match serde_json::from_slice::<Row>(line) {
                        Ok(row) => batch.push(row),
                        Err(e) => {
                            let _ = sender
                                .send(Err(TransportError::BadAnswer(e.to_string())))
                                .await;
                            return;
                        }
                    }
                    seen += 1;
                    if batch.len() == SNAPSHOT_BATCH
                        && sender.send(Ok(std::mem::take(&mut batch))).await.is_err()
                    {
                        return;
                    }
                }
                buffer.drain(..start);
                start = 0;
                match body.next().await {
                    Some(Ok(chunk)) => buffer.extend_from_slice(&chunk),
                    Some(Err(e)) => {
                        let _ = sender.send(Err(unreachable(e))).await;
                        return;
                    }
                    None => break,
                }
            }
            if seen != expected {
                let _ = sender
                    .send(Err(TransportError::Unreachable(format!(
                        "the download stopped after {seen} of {expected} rows"
                    ))))
                    .await;
                return;
            }
            if !batch.is_empty() {
                let _ = sender.send(Ok(batch)).await;
            }
        });
        Ok(Snapshot {
            header,
            rows: receiver,
        })
    }

    async fn resolve(
        &self,
        access: &str,
        request: &ResolveRequest,
    ) -> Result<ResolveResponse, TransportError> {
        Self::json(
            self.request(Method::POST, "/sync/resolve", Some(access))
                .json(request),
        )
        .await
    }

    async fn events(&self, access: &str) -> Result<Option<Events>, TransportError> {
        let response =
            match Self::send(self.request(Method::GET, "/sync/events", Some(access))).await {
                // A cloud from before live sync.
                Err(TransportError::Refused { status: 404, .. }) => return Ok(None),
                other => other?,
            };
        let mut body = response.bytes_stream();
        let (sender, versions) = mpsc::channel(16);
        tokio::spawn(async move {
            let mut buffer = String::new();
            while let Some(Ok(chunk)) = body.next().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                // Events end with a blank line; heartbeats are comments (": alive").
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    let changed = event.lines().any(|l| l == "event: changed");
                    let version = event
                        .lines()
                        .find_map(|l| l.strip_prefix("data:"))
                        .and_then(|d| d.trim().parse::<i64>().ok());
                    if let (true, Some(version)) = (changed, version)
                        && sender.send(version).await.is_err()
                    {
                        return;
                    }
                }
            }
        });
        Ok(Some(Events { versions }))
    }
}
