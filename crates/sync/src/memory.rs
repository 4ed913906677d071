//! An in-memory cloud and a transport to it with faults, for deterministic simulations of
//! many devices. The server applies the same pure merge rules as `daftar-cloud`
//! (`daftar_protocol::apply_mutation`, value checks, record validation, idempotency per
//! device and mutation); it knows no roles and no references between rows.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use daftar_protocol::{
    ConflictRecord, LoginRequest, MutationResult, Outcome, PullResponse, PushRequest, PushResponse,
    ResolveRequest, ResolveResponse, Role, Row, Session, SnapshotHeader, StoredRow, apply_mutation,
    check_changes, codes, conflict_id,
};
use rand::{Rng, SeedableRng};
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::transport::{Events, Image, Snapshot, Transport, TransportError};

#[derive(Debug, Default)]
struct ServerState {
    seq: i64,
    rows: HashMap<(&'static str, Uuid), StoredRow>,
    /// Outcome of every mutation not rejected, by device and mutation.
    done: HashMap<(Uuid, Uuid), Outcome>,
    conflicts: BTreeMap<Uuid, ConflictRecord>,
    /// Access and refresh tokens → (user, device).
    access: HashMap<String, (Uuid, Uuid)>,
    refresh: HashMap<String, (Uuid, Uuid)>,
    users: HashMap<String, (Uuid, String)>,
    tokens: u64,
    /// Mutations applied, counting each once.
    applied: u64,
}

/// One school's cloud in memory.
#[derive(Debug, Default)]
pub struct MemoryServer {
    state: Mutex<ServerState>,
}

fn refused(status: u16, code: &str, message: &str) -> TransportError {
    TransportError::Refused {
        status,
        code: code.to_string(),
        message: message.to_string(),
    }
}

impl MemoryServer {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ServerState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn add_user(&self, username: &str, password: &str) -> Uuid {
        let id = Uuid::now_v7();
        self.lock()
            .users
            .insert(username.to_string(), (id, password.to_string()));
        id
    }

    /// Every row the server holds, as the wire carries it, ordered by table and id.
    pub fn rows(&self) -> Vec<Row> {
        let state = self.lock();
        let mut rows: Vec<Row> = state
            .rows
            .iter()
            .map(|((table, id), row)| row.to_wire(table, *id))
            .collect();
        rows.sort_by(|a, b| (&a.table, a.id).cmp(&(&b.table, b.id)));
        rows
    }

    pub fn conflicts(&self) -> Vec<ConflictRecord> {
        self.lock().conflicts.values().cloned().collect()
    }

    /// Distinct mutations applied so far.
    pub fn applied(&self) -> u64 {
        self.lock().applied
    }

    fn session(state: &mut ServerState, user: Uuid, device: Uuid) -> Session {
        state.tokens += 1;
        let access = format!("access-{}", state.tokens);
        let refresh = format!("refresh-{}", state.tokens);
        state.access.insert(access.clone(), (user, device));
        state.refresh.insert(refresh.clone(), (user, device));
        Session {
            tenant_id: Uuid::nil(),
            user_id: user,
            session_id: Uuid::now_v7(),
            role: Role::Admin,
            staff_id: None,
            access_token: access,
            access_expires_at: i64::MAX,
            refresh_token: refresh,
            must_change_password: false,
        }
    }

    fn who(state: &ServerState, access: &str) -> Result<(Uuid, Uuid), TransportError> {
        state
            .access
            .get(access)
            .copied()
            .ok_or_else(|| refused(401, codes::UNAUTHENTICATED, "unknown token"))
    }

    fn push(&self, access: &str, request: &PushRequest) -> Result<PushResponse, TransportError> {
        let mut state = self.lock();
        let (user, device) = Self::who(&state, access)?;
        let by = format!("{user}/{device}");
        let from = state.seq;
        let mut results = Vec::with_capacity(request.mutations.len());
        for mutation in &request.mutations {
            if let Some(outcome) = state.done.get(&(device, mutation.mutation_id)) {
                results.push(MutationResult {
                    mutation_id: mutation.mutation_id,
                    outcome: outcome.clone(),
                });
                continue;
            }
            let outcome = Self::apply(&mut state, mutation, &by);
            if !matches!(outcome, Outcome::Rejected { .. }) {
                state.applied += 1;
                state
                    .done
                    .insert((device, mutation.mutation_id), outcome.clone());
            }
            results.push(MutationResult {
                mutation_id: mutation.mutation_id,
                outcome,
            });
        }
        Ok(PushResponse {
            results,
            head: state.seq,
            from: Some(from),
        })
    }

    fn apply(state: &mut ServerState, mutation: &daftar_protocol::Mutation, by: &str) -> Outcome {
        let rejected = |code: &str, reason: String| Outcome::Rejected {
            code: code.to_string(),
            reason,
        };
        let Some(spec) = daftar_domain::table(&mutation.table) else {
            return rejected(codes::UNKNOWN_TABLE, mutation.table.clone());
        };
        let mut canonical = mutation.clone();
        if let Err(e) = check_changes(spec, mutation.row_id, &mut canonical.changes) {
            return rejected(e.code, e.reason);
        }
        let key = (spec.name, mutation.row_id);
        let decision =
            match apply_mutation(spec, state.rows.get(&key), &canonical, by, state.seq + 1) {
                Ok(decision) => decision,
                Err(e) => return rejected(e.code, e.reason),
            };
        if decision.write {
            if let Some(Err(e)) = daftar_domain::validate_record(spec.name, &decision.row.values) {
                return rejected(codes::INVALID_RECORD, e.to_string());
            }
            state.seq += 1;
            state.rows.insert(key, decision.row);
        }
        if let Outcome::Conflict { conflicts, .. } = &decision.outcome {
            for found in conflicts {
                state.seq += 1;
                let record = ConflictRecord {
                    id: conflict_id(mutation.mutation_id, &found.column),
                    table: spec.name.to_string(),
                    row_id: mutation.row_id,
                    column: found.column.clone(),
                    mine: found.mine.clone(),
                    mine_by: by.to_string(),
                    mine_hlc: mutation.hlc.clone(),
                    theirs: found.theirs.clone(),
                    theirs_by: found.theirs_by.clone(),
                    theirs_hlc: found.theirs_hlc.clone(),
                    winner: found.winner,
                    at: String::new(),
                    version: state.seq,
                    resolution: None,
                    resolved_by: None,
                };
                state.conflicts.insert(record.id, record);
            }
        }
        decision.outcome
    }

    fn pull(&self, access: &str, cursor: i64, limit: i64) -> Result<PullResponse, TransportError> {
        let state = self.lock();
        Self::who(&state, access)?;
        if cursor > state.seq {
            return Err(refused(400, codes::BAD_CURSOR, "cursor ahead"));
        }
        let mut rows: Vec<Row> = state
            .rows
            .iter()
            .filter(|(_, row)| row.version > cursor)
            .map(|((table, id), row)| row.to_wire(table, *id))
            .collect();
        rows.sort_by_key(|r| r.version);
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next = match rows.last() {
            Some(last) if more => last.version,
            _ => state.seq,
        };
        let conflicts = state
            .conflicts
            .values()
            .filter(|c| c.version > cursor && c.version <= next)
            .cloned()
            .collect();
        Ok(PullResponse {
            rows,
            cursor: next,
            more,
            scope: "everything".into(),
            conflicts,
        })
    }

    fn snapshot(&self, access: &str) -> Result<(SnapshotHeader, Vec<Row>), TransportError> {
        let state = self.lock();
        Self::who(&state, access)?;
        let mut rows: Vec<Row> = Vec::with_capacity(state.rows.len());
        for spec in daftar_domain::TABLES {
            let mut table: Vec<Row> = state
                .rows
                .iter()
                .filter(|((name, _), _)| *name == spec.name)
                .map(|((name, id), row)| row.to_wire(name, *id))
                .collect();
            table.sort_by_key(|r| r.version);
            rows.extend(table);
        }
        let header = SnapshotHeader {
            cursor: state.seq,
            rows: rows.len() as i64,
            scope: "everything".into(),
        };
        Ok((header, rows))
    }

    fn resolve(
        &self,
        access: &str,
        request: &ResolveRequest,
    ) -> Result<ResolveResponse, TransportError> {
        let mut state = self.lock();
        let (user, device) = Self::who(&state, access)?;
        let mut resolved = 0;
        let mut unknown = Vec::new();
        for resolution in &request.resolutions {
            let next = state.seq + 1;
            match state.conflicts.get_mut(&resolution.conflict_id) {
                None => unknown.push(resolution.conflict_id),
                Some(conflict) if conflict.resolution.is_some() => {}
                Some(conflict) => {
                    conflict.resolution = Some(resolution.choice);
                    conflict.resolved_by = Some(format!("{user}/{device}"));
                    conflict.version = next;
                    state.seq = next;
                    resolved += 1;
                }
            }
        }
        Ok(ResolveResponse { resolved, unknown })
    }
}

/// How often a call goes wrong, each a probability from 0 to 1.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// The request never reaches the server.
    pub drop_request: f64,
    /// The server does the work but the answer is lost.
    pub drop_response: f64,
    /// The request reaches the server twice (a retrying proxy); the second answer is used.
    pub duplicate: f64,
}

/// One device's line to a [`MemoryServer`]: it can be cut (offline) and loses or repeats
/// messages as its [`Faults`] say, decided by a seeded generator so a run is reproducible.
#[derive(Debug)]
pub struct MemoryTransport {
    server: Arc<MemoryServer>,
    faults: Faults,
    online: std::sync::atomic::AtomicBool,
    /// How long each push, pull and download takes to answer, in milliseconds.
    latency_ms: std::sync::atomic::AtomicU64,
    rng: Mutex<rand::rngs::StdRng>,
}

impl MemoryTransport {
    pub fn new(server: Arc<MemoryServer>, faults: Faults, seed: u64) -> Self {
        Self {
            server,
            faults,
            online: std::sync::atomic::AtomicBool::new(true),
            latency_ms: std::sync::atomic::AtomicU64::new(0),
            rng: Mutex::new(rand::rngs::StdRng::seed_from_u64(seed)),
        }
    }

    pub fn set_online(&self, online: bool) {
        self.online
            .store(online, std::sync::atomic::Ordering::SeqCst);
    }

    /// Makes every push, pull and download take `latency` (on tokio's clock) to answer.
    pub fn set_latency(&self, latency: std::time::Duration) {
        self.latency_ms.store(
            latency.as_millis() as u64,
            std::sync::atomic::Ordering::SeqCst,
        );
    }

    async fn travel(&self) {
        let ms = self.latency_ms.load(std::sync::atomic::Ordering::SeqCst);
        if ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        }
    }

    fn chance(&self, p: f64) -> bool {
        p > 0.0
            && self
                .rng
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .random_bool(p.min(1.0))
    }

    /// Runs `call` on the server as the line allows.
    fn exchange<R>(
        &self,
        call: impl Fn(&MemoryServer) -> Result<R, TransportError>,
    ) -> Result<R, TransportError> {
        if !self.online.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(TransportError::Unreachable("offline".into()));
        }
        if self.chance(self.faults.drop_request) {
            return Err(TransportError::Unreachable("request lost".into()));
        }
        let mut answer = call(&self.server);
        if self.chance(self.faults.duplicate) {
            answer = call(&self.server);
        }
        if self.chance(self.faults.drop_response) {
            return Err(TransportError::Unreachable("answer lost".into()));
        }
        answer
    }
}

impl Transport for MemoryTransport {
    async fn login(&self, request: &LoginRequest) -> Result<Session, TransportError> {
        self.exchange(|server| {
            let mut state = server.lock();
            match state.users.get(&request.username) {
                Some((id, password)) if *password == request.password => {
                    let id = *id;
                    Ok(MemoryServer::session(&mut state, id, request.device_id))
                }
                _ => Err(refused(
                    401,
                    codes::BAD_CREDENTIALS,
                    "wrong user or password",
                )),
            }
        })
    }

    async fn refresh(&self, refresh_token: &str) -> Result<Session, TransportError> {
        self.exchange(|server| {
            let mut state = server.lock();
            match state.refresh.remove(refresh_token) {
                Some((user, device)) => Ok(MemoryServer::session(&mut state, user, device)),
                None => Err(refused(
                    401,
                    codes::UNAUTHENTICATED,
                    "unknown refresh token",
                )),
            }
        })
    }

    async fn logout(&self, access: &str) -> Result<(), TransportError> {
        self.exchange(|server| {
            server.lock().access.remove(access);
            Ok(())
        })
    }

    async fn push(
        &self,
        access: &str,
        request: &PushRequest,
    ) -> Result<PushResponse, TransportError> {
        self.travel().await;
        self.exchange(|server| server.push(access, request))
    }

    async fn pull(
        &self,
        access: &str,
        cursor: i64,
        limit: i64,
    ) -> Result<PullResponse, TransportError> {
        self.travel().await;
        self.exchange(|server| server.pull(access, cursor, limit))
    }

    async fn snapshot(&self, access: &str) -> Result<Snapshot, TransportError> {
        self.travel().await;
        let (header, rows) = self.exchange(|server| server.snapshot(access))?;
        let (sender, receiver) = mpsc::channel(rows.len() / 500 + 2);
        for batch in rows.chunks(500) {
            sender
                .try_send(Ok(batch.to_vec()))
                .expect("the channel holds every batch");
        }
        Ok(Snapshot {
            header,
            rows: receiver,
        })
    }

    /// The in-memory cloud keeps no images: its devices always take the snapshot, which is
    /// what a real cloud answers too before a school's first image is built.
    async fn image(&self, access: &str, _schema: i64) -> Result<Option<Image>, TransportError> {
        self.travel().await;
        self.exchange(|server| {
            MemoryServer::who(&server.lock(), access)?;
            Ok(None)
        })
    }

    async fn resolve(
        &self,
        access: &str,
        request: &ResolveRequest,
    ) -> Result<ResolveResponse, TransportError> {
        self.exchange(|server| server.resolve(access, request))
    }

    async fn events(&self, _access: &str) -> Result<Option<Events>, TransportError> {
        // Simulated devices hear of changes by their timers.
        Ok(None)
    }
}
