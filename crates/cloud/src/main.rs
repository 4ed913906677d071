//! `daftar-cloud`: serve the sync API, apply the schema, and create schools and accounts.
//! Settings come from `DAFTAR_*` environment variables (see the README).

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use daftar_cloud::{AppState, Config, db, ops, serve};
use daftar_domain::SystemClock;
use daftar_protocol::Role;
use uuid::Uuid;

// Sync moves hundreds of thousands of small JSON maps: mimalloc frees them much faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "daftar-cloud", version, about = "Daftar's cloud tenant server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply the schema, then serve the sync API until SIGTERM or Ctrl-C.
    Serve,
    /// Apply the schema's new migrations and exit.
    Migrate,
    /// Schools on this server.
    Tenant {
        #[command(subcommand)]
        command: TenantCommand,
    },
    /// Accounts of a school.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum TenantCommand {
    /// Create a school: `--slug` is the short name people type when signing in.
    Create {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
    },
    /// How the school reaches guardians: on or off, the grace before an absence alert goes,
    /// and its SMS gateway (the signing key from DAFTAR_SMS_KEY, never the command line).
    Notify {
        #[arg(long)]
        slug: String,
        /// Turn notifications on (off without it).
        #[arg(long)]
        enabled: bool,
        #[arg(long)]
        grace_minutes: Option<i32>,
        #[arg(long)]
        max_attempts: Option<i32>,
        #[arg(long)]
        max_sms_segments: Option<i32>,
        #[arg(long)]
        sms_url: Option<String>,
        /// The school's SMTP relay (its password from DAFTAR_SMTP_PASSWORD).
        #[arg(long)]
        smtp_host: Option<String>,
        #[arg(long)]
        smtp_port: Option<i32>,
        /// starttls (default), tls, or none (a relay on loopback only).
        #[arg(long)]
        smtp_tls: Option<String>,
        #[arg(long)]
        smtp_username: Option<String>,
        /// The sender: "Name <office@school.example>".
        #[arg(long)]
        smtp_from: Option<String>,
        /// Quiet hours in the school's time, e.g. 21:00-07:00; "none" removes them.
        #[arg(long)]
        quiet_hours: Option<String>,
        /// The school's clock against UTC in minutes (Riyadh +180, Dubai +240).
        #[arg(long, allow_hyphen_values = true)]
        utc_offset_minutes: Option<i32>,
        /// Messages a guardian may receive a day on each channel.
        #[arg(long)]
        per_guardian_daily: Option<i32>,
        /// Messages the school may send a minute.
        #[arg(long)]
        per_minute: Option<i32>,
        /// Gather what is not urgent into one daily digest per guardian (true/false).
        #[arg(long)]
        digest: Option<bool>,
        /// When the digest goes, in the school's time (HH:MM).
        #[arg(long, value_parser = parse_time)]
        digest_at: Option<chrono::NaiveTime>,
        /// Days before a due date that a fee reminder goes.
        #[arg(long)]
        fee_reminder_days: Option<i32>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account. The password comes from DAFTAR_PASSWORD, or is read from standard input.
    Add {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        username: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The staff record of this person (required for teachers: it decides their classrooms).
        #[arg(long)]
        staff: Option<Uuid>,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse()
        .map_err(|e: daftar_domain::DomainError| e.to_string())
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DAFTAR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .json()
        .with_current_span(true)
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn password() -> Result<String> {
    if let Ok(password) = std::env::var("DAFTAR_PASSWORD") {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        eprint!("Password: ");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        bail!("no password given: set DAFTAR_PASSWORD or type it on standard input");
    }
    Ok(password)
}

async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    init_logging();
    let (config, random_secret) = Config::from_env()?;
    let migrate_url = config
        .admin_database_url
        .clone()
        .unwrap_or_else(|| config.database_url.clone());
    match cli.command {
        Command::Migrate => {
            let applied = db::migrate(&migrate_url)
                .await
                .context("applying the schema")?;
            tracing::info!(?applied, "schema up to date");
        }
        Command::Serve => {
            let applied = db::migrate(&migrate_url)
                .await
                .context("applying the schema")?;
            tracing::info!(?applied, "schema up to date");
            if random_secret {
                tracing::warn!(
                    "DAFTAR_TOKEN_SECRET is not set: access tokens end when this process does"
                );
            }
            let pool = db::pool(&config.database_url, config.pool_size)?;
            db::check_serving_role(&pool)
                .await
                .context("checking the serving role")?;
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("listening on {}", config.listen))?;
            tracing::info!(address = %listener.local_addr()?, ?config, "serving");
            let replica = match &config.read_database_url {
                Some(url) => db::pool(url, config.pool_size)?,
                None => pool.clone(),
            };
            let state = AppState::with_replica(config, pool, replica, Arc::new(SystemClock));
            serve(listener, state, shutdown_signal()).await?;
            tracing::info!("stopped");
        }
        Command::Tenant {
            command: TenantCommand::Create { slug, name },
        } => {
            let pool = db::pool(&config.database_url, 2)?;
            let id = ops::create_tenant(&pool, &slug, &name).await?;
            println!("{id}");
        }
        Command::Tenant {
            command:
                TenantCommand::Notify {
                    slug,
                    enabled,
                    grace_minutes,
                    max_attempts,
                    max_sms_segments,
                    sms_url,
                    smtp_host,
                    smtp_port,
                    smtp_tls,
                    smtp_username,
                    smtp_from,
                    quiet_hours,
                    utc_offset_minutes,
                    per_guardian_daily,
                    per_minute,
                    digest,
                    digest_at,
                    fee_reminder_days,
                },
        } => {
            let clear_quiet_hours = quiet_hours.as_deref() == Some("none");
            let quiet_hours = match quiet_hours.as_deref() {
                None | Some("none") => None,
                Some(text) => Some(parse_quiet_hours(text)?),
            };
            let pool = db::pool(&config.database_url, 2)?;
            let settings = ops::NotifySettings {
                enabled,
                grace_minutes,
                max_attempts,
                max_sms_segments,
                sms_url,
                sms_key: std::env::var("DAFTAR_SMS_KEY")
                    .ok()
                    .filter(|k| !k.is_empty()),
                smtp_host,
                smtp_port,
                smtp_tls,
                smtp_username,
                smtp_password: std::env::var("DAFTAR_SMTP_PASSWORD")
                    .ok()
                    .filter(|k| !k.is_empty()),
                smtp_from,
                quiet_hours,
                clear_quiet_hours,
                utc_offset_minutes,
                per_guardian_daily,
                per_minute,
                digest,
                digest_at,
                fee_reminder_days,
            };
            ops::set_notifications(&pool, &slug, &settings).await?;
            println!("notifications {}", if enabled { "on" } else { "off" });
        }
        Command::User {
            command:
                UserCommand::Add {
                    tenant,
                    username,
                    role,
                    staff,
                },
        } => {
            let password = password()?;
            let pool = db::pool(&config.database_url, 2)?;
            let id = ops::add_user(&pool, &tenant, &username, role, staff, &password).await?;
            println!("{id}");
        }
    }
    Ok(())
}

/// `21:00-07:00`: the start and end of quiet hours.
fn parse_quiet_hours(text: &str) -> anyhow::Result<(chrono::NaiveTime, chrono::NaiveTime)> {
    let (start, end) = text
        .split_once('-')
        .ok_or_else(|| anyhow::anyhow!("quiet hours are START-END, e.g. 21:00-07:00"))?;
    Ok((
        parse_time(start).map_err(anyhow::Error::msg)?,
        parse_time(end).map_err(anyhow::Error::msg)?,
    ))
}

/// `HH:MM`.
fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("{text:?} is not a time (HH:MM)"))
}
