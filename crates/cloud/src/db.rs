//! PostgreSQL: the connection pool, migrations, and the one way to open a transaction, which
//! names its tenant so that row-level security applies.

use std::str::FromStr;

use daftar_domain::{Kind, TableSpec};
use daftar_protocol::StoredRow;
use deadpool_postgres::Transaction;
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio_postgres::NoTls;
use uuid::Uuid;

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {}", describe(.0))]
    Postgres(#[from] tokio_postgres::Error),
    #[error("database pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("database settings: {0}")]
    Config(String),
    #[error(
        "migration {name} was changed after it was applied; migrations are append-only, add a new one"
    )]
    EditedMigration { name: String },
    #[error(
        "the database is at schema {found}, newer than this server's {known}; upgrade the server"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error(
        "the serving role {role} can bypass row-level security ({why}); connect as a member of daftar_app"
    )]
    PrivilegedRole { role: String, why: &'static str },
}

/// A pool of connections in UTC, so timestamps read back in one spelling.
pub fn pool(url: &str, size: usize) -> Result<Pool, DbError> {
    let mut config =
        tokio_postgres::Config::from_str(url).map_err(|e| DbError::Config(e.to_string()))?;
    config.options("-c TimeZone=UTC");
    config.application_name("daftar-cloud");
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|e| DbError::Config(e.to_string()))
}

/// Opens a transaction that sees only `tenant`'s rows.
pub async fn tenant_tx(client: &mut Object, tenant: Uuid) -> Result<Transaction<'_>, DbError> {
    let tx = client.transaction().await?;
    set_tenant(&tx, tenant).await?;
    Ok(tx)
}

/// A consistent read-only view of the tenant (REPEATABLE READ) and its change sequence as
/// that view sees it: every row read through it is at or before that head.
pub async fn tenant_view(
    client: &mut Object,
    tenant: Uuid,
) -> Result<(Transaction<'_>, i64), DbError> {
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    set_tenant(&tx, tenant).await?;
    let head: i64 = tx
        .query_one("SELECT change_seq FROM tenants WHERE id = $1", &[&tenant])
        .await?
        .get(0);
    Ok((tx, head))
}

/// Names the tenant of an open transaction: row-level security then shows only its rows.
pub async fn set_tenant(tx: &Transaction<'_>, tenant: Uuid) -> Result<(), DbError> {
    tx.execute(
        "SELECT set_config('daftar.tenant', $1, true)",
        &[&tenant.to_string()],
    )
    .await?;
    Ok(())
}

/// The school with this short name. `tenants` is readable before any tenant is chosen.
pub async fn tenant_by_slug(client: &Object, slug: &str) -> Result<Option<Uuid>, DbError> {
    Ok(client
        .query_opt("SELECT id FROM tenants WHERE slug = $1", &[&slug])
        .await?
        .map(|r| r.get(0)))
}

/// A statement reading `columns` of `table t` for each id of the array parameter `ids`
/// (`$n`), where `key` names the id column: one lookup by key per id, whatever the planner's
/// statistics say. A plain `key = ANY(ids)` is planned as a scan of the school's whole table
/// while its statistics still predate a bulk upload (measured: 70 ms against 16 ms for 1,000
/// rows). OFFSET 0 keeps the subquery from being flattened into a join.
pub fn each_by_key_sql(columns: &str, table: &str, filter: &str, key: &str, ids: &str) -> String {
    format!(
        "SELECT found.* FROM unnest({ids}::uuid[]) AS wanted(id)
         CROSS JOIN LATERAL (
             SELECT {columns} FROM {table} t WHERE {filter} AND t.{key} = wanted.id OFFSET 0
         ) AS found"
    )
}

/// The select list [`read_row_typed`] reads, for a table aliased `t`: the table's columns in
/// their order, then the sync columns, then the clock stamps of the columns in `stamps`
/// (which the wire never carries: only a merge needs them, and only for the columns it
/// merges).
pub fn row_columns(spec: &TableSpec, stamps: &[&'static str]) -> String {
    let mut columns: Vec<String> = spec
        .columns
        .iter()
        .map(|c| format!("t.{}", c.name))
        .collect();
    columns.extend(
        ["version", "col_versions", "hlc", "updated_by", "deleted"]
            .iter()
            .map(|c| format!("t.{c}")),
    );
    columns.extend(stamps.iter().map(|c| format!("t.col_hlc ->> '{c}'")));
    columns.join(", ")
}

/// One value of a column, typed as PostgreSQL keeps it, in its canonical JSON spelling (the
/// one [`daftar_protocol::canonical_value`] gives): no JSON text in between, which is most of
/// what reading a row would otherwise cost.
fn column_value(row: &tokio_postgres::Row, index: usize, kind: Kind) -> Option<Value> {
    fn get<'a, T: tokio_postgres::types::FromSql<'a>>(
        row: &'a tokio_postgres::Row,
        index: usize,
    ) -> Option<Option<T>> {
        row.try_get::<_, Option<T>>(index).ok()
    }
    Some(match kind {
        Kind::Uuid => {
            get::<Uuid>(row, index)?.map_or(Value::Null, |v| Value::String(v.to_string()))
        }
        Kind::Text => get::<String>(row, index)?.map_or(Value::Null, Value::String),
        Kind::Int => get::<i64>(row, index)?.map_or(Value::Null, |v| Value::Number(v.into())),
        Kind::Real => match get::<f64>(row, index)? {
            None => Value::Null,
            Some(v) => Value::Number(serde_json::Number::from_f64(v)?),
        },
        Kind::Bool => get::<bool>(row, index)?.map_or(Value::Null, Value::Bool),
        Kind::Date => get::<chrono::NaiveDate>(row, index)?.map_or(Value::Null, |v| {
            Value::String(v.format("%Y-%m-%d").to_string())
        }),
        Kind::Timestamp => get::<chrono::DateTime<chrono::Utc>>(row, index)?
            .map_or(Value::Null, |v| {
                Value::String(v.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
            }),
    })
}

/// A row selected with [`row_columns`] and the same `stamps`, read into its id and a
/// [`StoredRow`] whose `col_hlc` holds those columns' stamps. `None` when it does not fit
/// the table.
pub fn read_row_typed(
    spec: &TableSpec,
    row: &tokio_postgres::Row,
    stamps: &[&'static str],
) -> Option<(Uuid, StoredRow)> {
    use tokio_postgres::types::Json;
    let mut values = serde_json::Map::new();
    for (index, column) in spec.columns.iter().enumerate() {
        values.insert(
            column.name.to_string(),
            column_value(row, index, column.kind)?,
        );
    }
    let id = values.get("id")?.as_str()?.parse().ok()?;
    let sync = spec.columns.len();
    let Json(col_versions) = row.try_get(sync + 1).ok()?;
    let mut col_hlc = std::collections::BTreeMap::new();
    for (index, column) in stamps.iter().enumerate() {
        if let Some(stamp) = row.try_get::<_, Option<String>>(sync + 5 + index).ok()? {
            col_hlc.insert(column.to_string(), stamp);
        }
    }
    Some((
        id,
        StoredRow {
            values,
            version: row.try_get(sync).ok()?,
            col_versions,
            col_hlc,
            hlc: row.try_get(sync + 2).ok()?,
            updated_by: row.try_get(sync + 3).ok()?,
            deleted: row.try_get(sync + 4).ok()?,
        },
    ))
}

/// Applies the migrations this server has and the database lacks, one transaction each,
/// holding a lock so that servers starting together do not race.
pub async fn migrate(url: &str) -> Result<Vec<String>, DbError> {
    let config =
        tokio_postgres::Config::from_str(url).map_err(|e| DbError::Config(e.to_string()))?;
    let (mut client, connection) = config.connect(NoTls).await?;
    let task = tokio::spawn(connection);
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS daftar_schema (
                 version integer PRIMARY KEY,
                 name text NOT NULL,
                 checksum text NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .await?;
    let mut applied = Vec::new();
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let version = index as i32 + 1;
        let checksum = hex(&Sha256::digest(sql.as_bytes()));
        let tx = client.transaction().await?;
        tx.execute("SELECT pg_advisory_xact_lock(726179)", &[])
            .await?;
        let found = tx
            .query_opt(
                "SELECT checksum FROM daftar_schema WHERE version = $1",
                &[&version],
            )
            .await?;
        match found {
            Some(row) if row.get::<_, String>(0) == checksum => {}
            Some(_) => {
                return Err(DbError::EditedMigration {
                    name: name.to_string(),
                });
            }
            None => {
                tx.batch_execute(sql).await?;
                tx.execute(
                    "INSERT INTO daftar_schema (version, name, checksum) VALUES ($1, $2, $3)",
                    &[&version, name, &checksum],
                )
                .await?;
                applied.push(name.to_string());
            }
        }
        tx.commit().await?;
    }
    let newest: Option<i32> = client
        .query_one("SELECT max(version) FROM daftar_schema", &[])
        .await?
        .get(0);
    drop(client);
    task.abort();
    let known = MIGRATIONS.len() as i64;
    match newest {
        Some(found) if i64::from(found) > known => Err(DbError::NewerSchema {
            found: found.into(),
            known,
        }),
        _ => Ok(applied),
    }
}

/// Refuses a serving role that row-level security would not hold.
pub async fn check_serving_role(pool: &Pool) -> Result<(), DbError> {
    let client = pool.get().await?;
    let row = client
        .query_one(
            "SELECT current_user::text, rolsuper, rolbypassrls,
                    EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user)
             FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .await?;
    let role: String = row.get(0);
    let why = if row.get(1) {
        Some("it is a superuser")
    } else if row.get(2) {
        Some("it has BYPASSRLS")
    } else if row.get(3) {
        Some("it owns the tables")
    } else {
        None
    };
    match why {
        Some(why) => Err(DbError::PrivilegedRole { role, why }),
        None => Ok(()),
    }
}

/// tokio-postgres prints only "db error"; the server's own message is what an operator needs.
fn describe(error: &tokio_postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => format!(
            "{} [{}]{}",
            db.message(),
            db.code().code(),
            db.detail().map(|d| format!(": {d}")).unwrap_or_default()
        ),
        None => error.to_string(),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
