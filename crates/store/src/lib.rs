//! Daftar's local store: one SQLite file holding a school's data, migrated on open, where
//! every write also records its outbox mutation in the same transaction.

mod analytics;
mod classes;
mod desk;
mod documents;
mod error;
mod fees;
mod image;
mod ledger;
mod migrate;
mod read;
mod replica;
mod repo;
mod search;
mod values;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use daftar_domain::{Author, Clock, Hlc, HlcState};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

pub use analytics::*;
pub use classes::ClassMember;
pub use desk::{Absentee, AttendanceDay, FeeTotals, InvoiceQuery, InvoiceRow};
pub use documents::{ClassroomMonth, ClassroomTerm, PaymentReceipt};
pub use error::{Result, StoreError};
pub use fees::{Billable, fee_plan_id, fee_policy_id, plan_invoice_id, plan_line_id};
pub use ledger::{AccountEntry, AgingRow, CashLine, EntryKind, FamilyAccount};
pub use migrate::SCHEMA_VERSION;
pub use read::*;
pub use replica::{LocalConflict, PushApplied, Rejected};
pub use search::{Page, PersonHit, SearchQuery, Sort, StudentFilter, StudentHit};
pub use write::{Change, OutboxEntry, Writer};

/// An open school database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    device_id: Uuid,
    hlc: HlcState,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("device_id", &self.device_id)
            .finish()
    }
}

impl Store {
    /// Open (creating if need be) the database at `path` and bring its schema up to date.
    /// A database written by a newer Daftar is refused, untouched.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Storage {
                path: parent.display().to_string(),
                detail: e.to_string(),
            })?;
        }
        let mut conn = Connection::open(path).map_err(|e| StoreError::Storage {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // A first download writes the whole school: checkpointing every 64 MB of log rather
        // than every 4 MB copies each index page back far fewer times.
        conn.pragma_update(None, "wal_autocheckpoint", 16_384)?;
        migrate::migrate(&mut conn)?;
        let device_id = meta_or_init(&conn, "device_id", || Uuid::now_v7().to_string())?;
        let device_id =
            Uuid::parse_str(&device_id).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let last: Option<Hlc> = meta(&conn, "hlc")?
            .map(|s| s.parse())
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("{e}")))?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            device_id,
            hlc: HlcState::new(device_id, last),
            clock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    /// The last hybrid logical clock stamp this device issued.
    pub fn last_hlc(&self) -> Hlc {
        self.hlc.last()
    }

    /// Run `work` as one transaction on behalf of `user_id`: all of its writes and their
    /// outbox entries land together, or (on any error) none of them does.
    pub fn write<R>(
        &mut self,
        user_id: Uuid,
        work: impl FnOnce(&mut Writer<'_>) -> Result<R>,
    ) -> Result<R> {
        self.write_with(user_id, work)
    }

    /// [`Store::write`] for work that fails with the caller's own error type.
    pub fn write_with<R, E: From<StoreError>>(
        &mut self,
        user_id: Uuid,
        work: impl FnOnce(&mut Writer<'_>) -> std::result::Result<R, E>,
    ) -> std::result::Result<R, E> {
        let actor = Author {
            user_id,
            device_id: self.device_id,
        };
        let before = self.hlc;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let mut writer = Writer::new(tx, actor, &mut self.hlc, self.clock.as_ref());
        let outcome =
            work(&mut writer).and_then(|value| writer.commit().map(|()| value).map_err(E::from));
        if outcome.is_err() {
            self.hlc = before;
        }
        outcome
    }

    /// A value of the device's own settings (not synced).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        meta(&self.conn, &format!("setting.{key}"))
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (format!("setting.{key}"), value),
        )?;
        Ok(())
    }

    pub fn delete_setting(&mut self, key: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM meta WHERE key = ?1",
            [format!("setting.{key}")],
        )?;
        Ok(())
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

fn meta_or_init(conn: &Connection, key: &str, init: impl FnOnce() -> String) -> Result<String> {
    if let Some(value) = meta(conn, key)? {
        return Ok(value);
    }
    let value = init();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
        (key, &value),
    )?;
    Ok(value)
}
