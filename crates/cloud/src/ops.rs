//! Operator work done from the command line: creating schools, their accounts, and how they
//! reach guardians.

use daftar_protocol::Role;
use deadpool_postgres::Pool;
use uuid::Uuid;

use crate::auth::hash_password;
use crate::db::{DbError, tenant_by_slug, tenant_tx};

#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("a school short name is 2-63 lower-case letters, digits or hyphens: {0:?}")]
    BadSlug(String),
    #[error("the school {0:?} already exists")]
    TenantExists(String),
    #[error("no school {0:?} on this server")]
    NoTenant(String),
    #[error("the user {0:?} already exists in this school")]
    UserExists(String),
    #[error("a password needs at least 10 characters")]
    WeakPassword,
    #[error("a teacher's account needs --staff, the teacher's staff record id")]
    TeacherWithoutStaff,
    #[error("usernames are 1-100 characters")]
    BadUsername,
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("{0}")]
    BadSetting(String),
}

impl From<tokio_postgres::Error> for OpsError {
    fn from(error: tokio_postgres::Error) -> Self {
        OpsError::Db(error.into())
    }
}

impl From<deadpool_postgres::PoolError> for OpsError {
    fn from(error: deadpool_postgres::PoolError) -> Self {
        OpsError::Db(error.into())
    }
}

pub async fn create_tenant(pool: &Pool, slug: &str, name: &str) -> Result<Uuid, OpsError> {
    let valid = (2..=63).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-');
    if !valid || name.trim().is_empty() || name.chars().count() > 200 {
        return Err(OpsError::BadSlug(slug.to_string()));
    }
    let mut client = pool.get().await?;
    if tenant_by_slug(&client, slug).await?.is_some() {
        return Err(OpsError::TenantExists(slug.to_string()));
    }
    let id = Uuid::now_v7();
    let tx = tenant_tx(&mut client, id).await?;
    tx.execute(
        "INSERT INTO tenants (id, slug, name) VALUES ($1, $2, $3)",
        &[&id, &slug, &name.trim()],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_user(
    pool: &Pool,
    tenant: &str,
    username: &str,
    role: Role,
    staff: Option<Uuid>,
    password: &str,
) -> Result<Uuid, OpsError> {
    if username.trim().is_empty() || username.chars().count() > 100 {
        return Err(OpsError::BadUsername);
    }
    if password.chars().count() < 10 {
        return Err(OpsError::WeakPassword);
    }
    if role == Role::Teacher && staff.is_none() {
        return Err(OpsError::TeacherWithoutStaff);
    }
    let mut client = pool.get().await?;
    let tenant_id = tenant_by_slug(&client, tenant)
        .await?
        .ok_or_else(|| OpsError::NoTenant(tenant.to_string()))?;
    let hash = hash_password(password).map_err(|e| OpsError::Hash(e.to_string()))?;
    let tx = tenant_tx(&mut client, tenant_id).await?;
    let taken = tx
        .query_opt(
            "SELECT 1 FROM users WHERE tenant_id = $1 AND lower(username) = lower($2)",
            &[&tenant_id, &username],
        )
        .await?;
    if taken.is_some() {
        return Err(OpsError::UserExists(username.to_string()));
    }
    let id = Uuid::now_v7();
    tx.execute(
        "INSERT INTO users (tenant_id, id, username, role, staff_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&tenant_id, &id, &username.trim(), &role.as_str(), &staff, &hash],
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// How a school reaches guardians, as an operator sets it.
#[derive(Debug, Clone, Default)]
pub struct NotifySettings {
    pub enabled: bool,
    pub grace_minutes: Option<i32>,
    pub max_attempts: Option<i32>,
    pub max_sms_segments: Option<i32>,
    pub sms_url: Option<String>,
    /// The gateway's signing key (from the environment, never a command line).
    pub sms_key: Option<String>,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<i32>,
    /// `starttls`, `tls`, or `none` (a relay on loopback only).
    pub smtp_tls: Option<String>,
    pub smtp_username: Option<String>,
    /// From the environment, never a command line.
    pub smtp_password: Option<String>,
    /// The sender, `Name <office@school.example>`.
    pub smtp_from: Option<String>,
    /// Quiet hours in the school's time, both or neither (`clear_quiet_hours` removes them).
    pub quiet_hours: Option<(chrono::NaiveTime, chrono::NaiveTime)>,
    pub clear_quiet_hours: bool,
    pub utc_offset_minutes: Option<i32>,
    pub per_guardian_daily: Option<i32>,
    pub per_minute: Option<i32>,
    pub digest: Option<bool>,
    pub digest_at: Option<chrono::NaiveTime>,
    pub fee_reminder_days: Option<i32>,
}

/// Sets a school's notification settings; what is not given stays as it was.
pub async fn set_notifications(
    pool: &Pool,
    tenant: &str,
    settings: &NotifySettings,
) -> Result<(), OpsError> {
    if let Some(url) = &settings.sms_url
        && !(url.starts_with("https://")
            || url.starts_with("http://127.0.0.1")
            || url.starts_with("http://localhost"))
    {
        return Err(OpsError::BadSetting(
            "the SMS gateway's URL must be https:// (or loopback http:// for tests)".into(),
        ));
    }
    let loopback = |host: &str| matches!(host, "127.0.0.1" | "localhost" | "::1");
    if settings.smtp_tls.as_deref() == Some("none")
        && !settings.smtp_host.as_deref().is_some_and(loopback)
    {
        return Err(OpsError::BadSetting(
            "an SMTP relay without TLS is allowed on loopback only".into(),
        ));
    }
    if let Some(from) = &settings.smtp_from
        && from.parse::<lettre::message::Mailbox>().is_err()
    {
        return Err(OpsError::BadSetting(format!(
            "the sender {from:?} is not an address (Name <office@school.example>)"
        )));
    }
    let mut client = pool.get().await?;
    let tenant_id = tenant_by_slug(&client, tenant)
        .await?
        .ok_or_else(|| OpsError::NoTenant(tenant.to_string()))?;
    let tx = tenant_tx(&mut client, tenant_id).await?;
    tx.execute(
        "INSERT INTO notification_settings (tenant_id, enabled) VALUES ($1, $2)
         ON CONFLICT (tenant_id) DO UPDATE SET enabled = EXCLUDED.enabled",
        &[&tenant_id, &settings.enabled],
    )
    .await?;
    tx.execute(
        "UPDATE notification_settings SET
                grace_minutes = COALESCE($2, grace_minutes),
                max_attempts = COALESCE($3, max_attempts),
                max_sms_segments = COALESCE($4, max_sms_segments),
                sms_url = COALESCE($5, sms_url),
                sms_key = COALESCE($6, sms_key),
                smtp_host = COALESCE($7, smtp_host),
                smtp_port = COALESCE($8, smtp_port),
                smtp_tls = COALESCE($9, smtp_tls),
                smtp_username = COALESCE($10, smtp_username),
                smtp_password = COALESCE($11, smtp_password),
                smtp_from = COALESCE($12, smtp_from),
                quiet_start = CASE WHEN $15 THEN NULL ELSE COALESCE($13, quiet_start) END,
                quiet_end = CASE WHEN $15 THEN NULL ELSE COALESCE($14, quiet_end) END,
                utc_offset_minutes = COALESCE($16, utc_offset_minutes),
                per_guardian_daily = COALESCE($17, per_guardian_daily),
                per_minute = COALESCE($18, per_minute),
                digest = COALESCE($19, digest),
                digest_at = COALESCE($20, digest_at),
                fee_reminder_days = COALESCE($21, fee_reminder_days)
         WHERE tenant_id = $1",
        &[
            &tenant_id,
            &settings.grace_minutes,
            &settings.max_attempts,
            &settings.max_sms_segments,
            &settings.sms_url,
            &settings.sms_key,
            &settings.smtp_host,
            &settings.smtp_port,
            &settings.smtp_tls,
            &settings.smtp_username,
            &settings.smtp_password,
            &settings.smtp_from,
            &settings.quiet_hours.map(|q| q.0),
            &settings.quiet_hours.map(|q| q.1),
            &settings.clear_quiet_hours,
            &settings.utc_offset_minutes,
            &settings.per_guardian_daily,
            &settings.per_minute,
            &settings.digest,
            &settings.digest_at,
            &settings.fee_reminder_days,
        ],
    )
    .await
    .map_err(|e| match e.code() {
        Some(code) if code.code().starts_with("23") => {
            OpsError::BadSetting(format!("a setting is out of range: {e}"))
        }
        _ => e.into(),
    })?;
    tx.commit().await?;
    Ok(())
}
