//! When to sync, on tokio: at start, shortly after local writes (debounced), on a timer, and
//! as soon as the network is back; after a failure, again with exponential backoff and
//! jitter without waiting for another write; one round at a time; status for the UI.

use std::sync::Arc;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use serde::Serialize;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::engine::{Engine, Progress, Replica, RoundSummary, SyncError};
use crate::transport::Transport;

#[derive(Debug, Clone, Copy)]
pub struct SchedulerOptions {
    /// How long after a local write to sync, so writes made together (a run of edits) go in
    /// one push; short, as a register or a mark sheet is saved in one write anyway.
    pub debounce: Duration,
    /// How often to sync when nothing else asks.
    pub interval: Duration,
    /// The first retry's delay after a failure; it doubles up to `max_backoff`.
    pub min_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for SchedulerOptions {
    fn default() -> Self {
        Self {
            debounce: Duration::from_millis(100),
            interval: Duration::from_secs(60),
            min_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(300),
        }
    }
}

/// What sync is doing, as a status bar shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum State {
    /// Not started yet.
    Starting,
    Idle {
        last: RoundSummary,
    },
    Syncing {
        progress: Option<Progress>,
    },
    /// The cloud cannot be reached; the next try is in `retry_in_ms`.
    Offline {
        retry_in_ms: u64,
    },
    /// A person stopped syncing; it waits until asked to sync again.
    Paused,
    /// A failure a person may need to act on (sign in again, a refusal), with its code.
    Error {
        code: String,
        message: String,
        retry_in_ms: Option<u64>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Status {
    #[serde(flatten)]
    pub state: State,
    /// Local changes not yet in the cloud.
    pub pending: i64,
    /// Conflicts waiting for a person.
    pub conflicts: i64,
    /// Changes the cloud refused, kept for a person.
    pub rejected: i64,
    /// Rounds finished since start, for tests and diagnostics.
    pub rounds: u64,
}

enum Command {
    LocalChange,
    SyncNow,
    /// The cloud announced a version beyond this device's cursor.
    Heard,
    Pause,
}

/// When the next round is due, as commands change it.
struct Plan {
    due: Option<Instant>,
    paused: bool,
}

impl Plan {
    fn heed(&mut self, command: &Command, now: Instant, options: &SchedulerOptions) {
        match command {
            Command::SyncNow => {
                self.paused = false;
                self.due = Some(now);
            }
            Command::LocalChange | Command::Heard if self.paused => {}
            Command::Heard => self.due = Some(now),
            Command::LocalChange => {
                // Sooner than planned, never later: a stream of writes does not postpone
                // the sync for ever, and a retry waits no longer.
                let soon = now + options.debounce;
                self.due = Some(self.due.map_or(soon, |at| at.min(soon)));
            }
            Command::Pause => {
                self.paused = true;
                self.due = None;
            }
        }
    }
}

/// The background sync of one device. Dropping it stops the task.
pub struct Scheduler {
    commands: mpsc::UnboundedSender<Command>,
    status: watch::Receiver<Status>,
    task: JoinHandle<()>,
    /// Listens to the cloud's announcements of the school's changes.
    listener: JoinHandle<()>,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("status", &*self.status.borrow())
            .finish()
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        self.task.abort();
        self.listener.abort();
    }
}

/// Keeps the cloud's stream of the school's changes open and asks for a round as soon as it
/// announces a version beyond this device's cursor; when the stream fails, tries again after
/// a backoff (the timer still syncs meanwhile); stops for a cloud that announces nothing.
async fn listen<T: Transport, R: Replica>(
    engine: Arc<Engine<T>>,
    replica: Arc<R>,
    commands: mpsc::UnboundedSender<Command>,
    options: SchedulerOptions,
    seed: u64,
) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed ^ 0x5eed);
    let mut failures: u32 = 0;
    loop {
        match engine.events().await {
            Ok(None) => return,
            Ok(Some(mut events)) => {
                failures = 0;
                while let Some(version) = events.versions.recv().await {
                    let cursor = replica.with_store(|s| s.sync_cursor()).ok().flatten();
                    if cursor.is_none_or(|cursor| version > cursor)
                        && commands.send(Command::Heard).is_err()
                    {
                        return;
                    }
                }
                tracing::debug!("the cloud's change stream ended");
            }
            Err(error) => tracing::debug!(%error, "the cloud's change stream is not open"),
        }
        failures += 1;
        tokio::time::sleep(backoff(failures, &options, &mut rng)).await;
    }
}

/// The delay before retry number `failures` (1 = the first): doubling from `min`, at most
/// `max`, then a random part of up to half of it taken off so devices do not retry in step.
pub fn backoff(failures: u32, options: &SchedulerOptions, rng: &mut impl Rng) -> Duration {
    let doubled = options
        .min_backoff
        .saturating_mul(1u32 << failures.saturating_sub(1).min(20));
    let full = doubled.min(options.max_backoff);
    let jitter = rng.random_range(0.0..0.5);
    full.mul_f64(1.0 - jitter)
}

impl Scheduler {
    /// Starts syncing `replica` with `engine` on the current tokio runtime; the first round
    /// begins at once. `seed` varies the jitter between devices.
    pub fn start<T: Transport, R: Replica + 'static>(
        engine: Arc<Engine<T>>,
        replica: Arc<R>,
        options: SchedulerOptions,
        seed: u64,
    ) -> Scheduler {
        let (commands, mut inbox) = mpsc::unbounded_channel();
        let listener = tokio::spawn(listen(
            engine.clone(),
            replica.clone(),
            commands.clone(),
            options,
            seed,
        ));
        let (publish, status) = watch::channel(Status {
            state: State::Starting,
            pending: 0,
            conflicts: 0,
            rejected: 0,
            rounds: 0,
        });
        let task = tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            let mut failures: u32 = 0;
            let mut plan = Plan {
                due: Some(Instant::now()),
                paused: false,
            };
            let publish = Arc::new(publish);
            loop {
                let wake = async {
                    match plan.due {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    command = inbox.recv() => {
                        let Some(command) = command else { return };
                        plan.heed(&command, Instant::now(), &options);
                        if plan.paused {
                            publish.send_modify(|s| s.state = State::Paused);
                        }
                        continue;
                    }
                    () = wake => {}
                }
                let progress_publish = publish.clone();
                publish.send_modify(|s| s.state = State::Syncing { progress: None });
                let report = move |progress: Progress| {
                    progress_publish.send_modify(|s| {
                        s.state = State::Syncing {
                            progress: Some(progress),
                        }
                    });
                };
                // Commands that come during the round are heeded after it, except a pause,
                // which drops the round where it waits: every step it took was whole (a
                // page applied in one transaction, a push the cloud takes again safely).
                let round = engine.round(replica.as_ref(), &report);
                tokio::pin!(round);
                let mut later = Vec::new();
                let result = loop {
                    tokio::select! {
                        result = &mut round => break Some(result),
                        command = inbox.recv() => match command {
                            None => return,
                            Some(Command::Pause) => break None,
                            Some(other) => later.push(other),
                        }
                    }
                };
                let counts = replica.with_store(|s| {
                    Ok::<_, daftar_store::StoreError>((
                        s.pending_count()?,
                        s.open_conflict_count()?,
                        s.rejected_count()?,
                    ))
                });
                let now = Instant::now();
                let state = match result {
                    None => {
                        later.clear(); // what came before the pause waits for it to end
                        plan.heed(&Command::Pause, now, &options);
                        State::Paused
                    }
                    Some(Ok(last)) => {
                        failures = 0;
                        plan.due = Some(now + options.interval);
                        if counts.as_ref().is_ok_and(|(pending, ..)| *pending > 0) {
                            // Writes made while the round ran: their own debounce, not the
                            // timer.
                            plan.heed(&Command::LocalChange, now, &options);
                        }
                        State::Idle { last }
                    }
                    Some(Err(error)) if error.is_transient() => {
                        failures += 1;
                        let wait = backoff(failures, &options, &mut rng);
                        plan.due = Some(now + wait);
                        let retry_in_ms = wait.as_millis() as u64;
                        match error {
                            SyncError::Offline(_) => State::Offline { retry_in_ms },
                            other => error_state(&other, Some(retry_in_ms)),
                        }
                    }
                    Some(Err(error)) => {
                        // Needs a person (sign in, a refusal): wait to be asked.
                        failures = 0;
                        plan.due = None;
                        error_state(&error, None)
                    }
                };
                let finished = !matches!(state, State::Paused);
                publish.send_modify(|s| {
                    s.state = state;
                    s.rounds += u64::from(finished);
                    if let Ok((pending, conflicts, rejected)) = counts {
                        s.pending = pending;
                        s.conflicts = conflicts;
                        s.rejected = rejected;
                    }
                });
                for command in &later {
                    plan.heed(command, now, &options);
                }
            }
        });
        Scheduler {
            commands,
            status,
            task,
            listener,
        }
    }

    /// A local write happened: sync shortly.
    pub fn local_change(&self) {
        let _ = self.commands.send(Command::LocalChange);
    }

    /// Stop the round running now at a safe point and sync no more until [`Self::sync_now`].
    pub fn pause(&self) {
        let _ = self.commands.send(Command::Pause);
    }

    /// Sync now (again after a pause): a person asked, or the network came back.
    pub fn sync_now(&self) {
        let _ = self.commands.send(Command::SyncNow);
    }

    /// The latest status; `changed().await` on it waits for the next.
    pub fn status(&self) -> watch::Receiver<Status> {
        self.status.clone()
    }
}

fn error_state(error: &SyncError, retry_in_ms: Option<u64>) -> State {
    use daftar_domain::Coded;
    State::Error {
        code: error.code().to_string(),
        message: error.to_string(),
        retry_in_ms,
    }
}
