//! Server settings, read from the environment (twelve-factor): nothing secret in files.

use std::net::SocketAddr;
use std::time::Duration;

/// Everything the server reads at start. See the README's operations section.
#[derive(Clone)]
pub struct Config {
    /// The serving role: a member of `daftar_app`, neither superuser nor table owner.
    pub database_url: String,
    /// The schema owner, for migrations; the serving URL when absent.
    pub admin_database_url: Option<String>,
    /// A read replica for pulls and snapshots (read-only, consistent per request).
    pub read_database_url: Option<String>,
    pub listen: SocketAddr,
    /// Signs access tokens. Random per start when absent (tokens then die with the process).
    pub token_secret: Vec<u8>,
    pub access_token_ttl: Duration,
    /// How long the refresh token a rotation replaced still gets the same new pair, so a
    /// refresh whose answer was lost on the way can be retried; after it, a replay of that
    /// token is taken as theft and ends the session.
    pub refresh_grace: Duration,
    pub max_body_bytes: usize,
    pub pool_size: usize,
    /// Sign-in attempts a minute, per client address and per account.
    pub logins_per_minute_per_address: u32,
    pub logins_per_minute_per_account: u32,
    /// Wrong passwords in a row that lock an account, and for how long.
    pub lockout_failures: i32,
    pub lockout: Duration,
    /// A school's image for new desktops is rebuilt once this many changes have been made
    /// since the last one (0: never build images).
    pub image_after_changes: i64,
    /// … and the school has been quiet for this long (or at most ten times as long after the
    /// changes that made it due), so that an upload in progress is not imaged half-way.
    pub image_quiet: Duration,
    /// How often the notification worker looks for messages due (`DAFTAR_NOTIFY_TICK_MS`).
    pub notify_tick: Duration,
    /// How long a message a worker claimed is its own before another process may take it up
    /// (`DAFTAR_NOTIFY_LEASE_SECONDS`): longer than one send can take.
    pub notify_lease: Duration,
    /// How long the worker waits for a gateway's or relay's answer before trying again
    /// later (`DAFTAR_NOTIFY_SEND_TIMEOUT_MS`).
    pub notify_send_timeout: Duration,
    /// Where guardians reach this server (`DAFTAR_PUBLIC_URL`, e.g. `https://cloud.school.example`):
    /// emails' unsubscribe links point there; without it they ask for a reply instead.
    pub public_url: Option<String>,
    /// Extra roots to trust for a school's SMTP relay, PEM (`DAFTAR_SMTP_CA_FILE`), for a relay
    /// under a private authority; public ones are trusted anyway.
    pub smtp_roots: Option<Vec<u8>>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Database URLs may carry passwords and the secret must never reach a log.
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("access_token_ttl", &self.access_token_ttl)
            .field("refresh_grace", &self.refresh_grace)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("pool_size", &self.pool_size)
            .field("lockout_failures", &self.lockout_failures)
            .field("lockout", &self.lockout)
            .field("image_after_changes", &self.image_after_changes)
            .field("image_quiet", &self.image_quiet)
            .field("notify_tick", &self.notify_tick)
            .field("notify_lease", &self.notify_lease)
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not set")]
    Missing(&'static str),
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    /// Defaults suited to tests and development, on the given database.
    pub fn new(database_url: impl Into<String>) -> Self {
        Config {
            database_url: database_url.into(),
            admin_database_url: None,
            read_database_url: None,
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token_secret: random_secret(),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_grace: Duration::from_secs(60),
            max_body_bytes: 32 * 1024 * 1024,
            pool_size: 16,
            logins_per_minute_per_address: 30,
            logins_per_minute_per_account: 10,
            lockout_failures: 5,
            lockout: Duration::from_secs(15 * 60),
            image_after_changes: 5_000,
            image_quiet: Duration::from_secs(30),
            notify_tick: Duration::from_secs(5),
            notify_lease: Duration::from_secs(120),
            notify_send_timeout: Duration::from_secs(15),
            public_url: None,
            smtp_roots: None,
        }
    }

    /// Reads `DAFTAR_*` variables; `random_secret_used` tells whether no secret was given.
    pub fn from_env() -> Result<(Self, bool), ConfigError> {
        let url = var("DAFTAR_DATABASE_URL").ok_or(ConfigError::Missing("DAFTAR_DATABASE_URL"))?;
        let mut config = Config::new(url);
        config.admin_database_url = var("DAFTAR_ADMIN_DATABASE_URL");
        config.read_database_url = var("DAFTAR_READ_DATABASE_URL");
        if let Some(listen) = var("DAFTAR_LISTEN") {
            config.listen = parse("DAFTAR_LISTEN", &listen)?;
        }
        let random = match var("DAFTAR_TOKEN_SECRET") {
            Some(secret) if secret.len() >= 32 => {
                config.token_secret = secret.into_bytes();
                false
            }
            Some(_) => {
                return Err(ConfigError::Invalid {
                    name: "DAFTAR_TOKEN_SECRET",
                    reason: "use at least 32 characters".into(),
                });
            }
            None => true,
        };
        if let Some(v) = var("DAFTAR_ACCESS_TOKEN_SECONDS") {
            config.access_token_ttl =
                Duration::from_secs(parse("DAFTAR_ACCESS_TOKEN_SECONDS", &v)?);
        }
        if let Some(v) = var("DAFTAR_REFRESH_GRACE_SECONDS") {
            config.refresh_grace = Duration::from_secs(parse("DAFTAR_REFRESH_GRACE_SECONDS", &v)?);
        }
        if let Some(v) = var("DAFTAR_MAX_BODY_BYTES") {
            config.max_body_bytes = parse("DAFTAR_MAX_BODY_BYTES", &v)?;
        }
        if let Some(v) = var("DAFTAR_DB_POOL_SIZE") {
            config.pool_size = parse("DAFTAR_DB_POOL_SIZE", &v)?;
        }
        if let Some(v) = var("DAFTAR_LOGINS_PER_MINUTE_PER_ADDRESS") {
            config.logins_per_minute_per_address =
                parse("DAFTAR_LOGINS_PER_MINUTE_PER_ADDRESS", &v)?;
        }
        if let Some(v) = var("DAFTAR_LOGINS_PER_MINUTE_PER_ACCOUNT") {
            config.logins_per_minute_per_account =
                parse("DAFTAR_LOGINS_PER_MINUTE_PER_ACCOUNT", &v)?;
        }
        if let Some(v) = var("DAFTAR_LOCKOUT_FAILURES") {
            config.lockout_failures = parse("DAFTAR_LOCKOUT_FAILURES", &v)?;
        }
        if let Some(v) = var("DAFTAR_LOCKOUT_SECONDS") {
            config.lockout = Duration::from_secs(parse("DAFTAR_LOCKOUT_SECONDS", &v)?);
        }
        if let Some(v) = var("DAFTAR_IMAGE_AFTER_CHANGES") {
            config.image_after_changes = parse("DAFTAR_IMAGE_AFTER_CHANGES", &v)?;
        }
        if let Some(v) = var("DAFTAR_IMAGE_QUIET_SECONDS") {
            config.image_quiet = Duration::from_secs(parse("DAFTAR_IMAGE_QUIET_SECONDS", &v)?);
        }
        if let Some(v) = var("DAFTAR_NOTIFY_TICK_MS") {
            config.notify_tick = Duration::from_millis(parse("DAFTAR_NOTIFY_TICK_MS", &v)?);
        }
        if let Some(v) = var("DAFTAR_NOTIFY_LEASE_SECONDS") {
            config.notify_lease = Duration::from_secs(parse("DAFTAR_NOTIFY_LEASE_SECONDS", &v)?);
        }
        if let Some(v) = var("DAFTAR_NOTIFY_SEND_TIMEOUT_MS") {
            config.notify_send_timeout =
                Duration::from_millis(parse("DAFTAR_NOTIFY_SEND_TIMEOUT_MS", &v)?);
        }
        config.public_url = var("DAFTAR_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string());
        if let Some(path) = var("DAFTAR_SMTP_CA_FILE") {
            config.smtp_roots = Some(std::fs::read(&path).map_err(|e| ConfigError::Invalid {
                name: "DAFTAR_SMTP_CA_FILE",
                reason: e.to_string(),
            })?);
        }
        Ok((config, random))
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn parse<T: std::str::FromStr>(name: &'static str, value: &str) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e: T::Err| ConfigError::Invalid {
        name,
        reason: e.to_string(),
    })
}

fn random_secret() -> Vec<u8> {
    use rand::RngCore;
    let mut secret = vec![0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    secret
}
