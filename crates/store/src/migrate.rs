//! Schema migrations from migrations/client/, applied in one transaction on open, with
//! `PRAGMA user_version` recording how far a database has come.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Another process may have migrated between the first look and the lock.
    let found: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found >= SCHEMA_VERSION {
        return Ok(());
    }
    for (_, sql) in &MIGRATIONS[found as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}
