//! Daftar's client sync engine. A desktop works offline for days; every write it made is
//! in its outbox, and this crate carries it to the school's cloud and brings everyone
//! else's back: push in batches with a result per change, pull by cursor with pending local
//! changes rebased on top, a first download of the whole school, conflicts kept for review,
//! a background scheduler, and the session's refresh token kept in the OS keyring.

mod credentials;
mod engine;
mod http;
#[cfg(feature = "memory")]
pub mod memory;
mod scheduler;
mod transport;

pub use credentials::{KEYRING_SERVICE, Keyring, MemorySecrets, SecretError, Secrets};
pub use engine::{Account, Borrowed, Engine, Options, Progress, Replica, RoundSummary, SyncError};
pub use http::HttpTransport;
pub use scheduler::{Scheduler, SchedulerOptions, State, Status, backoff};
pub use transport::{Events, Snapshot, Transport, TransportError};
