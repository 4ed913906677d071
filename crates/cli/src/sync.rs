//! `daftar connect`, `sync`, `conflicts` and `disconnect`: this device and its school's
//! cloud.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Subcommand, ValueEnum};
use daftar_app::{ConflictSide, Keep, Progress, Side};

use crate::output::Output;
use crate::{Context, out};

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Where this device stands: account, changes waiting, conflicts, refused changes.
    Status,
    /// Changes the cloud refused, with the reason; --retry queues them again.
    Rejected {
        #[arg(long)]
        retry: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConflictsCommand {
    /// Open conflicts (--all: settled ones too), both values, who and when.
    List {
        #[arg(long)]
        all: bool,
    },
    /// Settle a conflict by its id (or its first 8 characters).
    Resolve {
        id: String,
        /// Keep this device's value (mine) or the other one (theirs).
        #[arg(
            long,
            value_enum,
            conflicts_with = "value",
            required_unless_present = "value"
        )]
        keep: Option<KeepSide>,
        /// Enter another value instead (JSON such as "text", 12.5 or null, or plain text).
        #[arg(long)]
        value: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KeepSide {
    Mine,
    Theirs,
}

/// The password for signing in: DAFTAR_PASSWORD, else typed at a prompt without echo.
fn password(o: &Output) -> anyhow::Result<String> {
    secret(o, "DAFTAR_PASSWORD", "cli-password")
}

/// A secret from the environment variable `var`, else typed at a prompt (the message
/// `prompt`) without echo.
pub(crate) fn secret(o: &Output, var: &str, prompt: &str) -> anyhow::Result<String> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    let value = rpassword::prompt_password(format!("{}: ", o.t(prompt, &[])))
        .context("reading the password")?;
    if value.is_empty() {
        anyhow::bail!("no password given: set {var} or type it at the prompt");
    }
    Ok(value)
}

fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "desktop".into())
}

fn progress_line(progress: Progress) -> String {
    match progress {
        Progress::Pushing { done, total } => format!("↑ {done}/{total}"),
        Progress::Downloading { done, total } => format!("↓ {done}/{total}"),
        Progress::Pulling { done } => format!("↓ {done}"),
    }
}

/// The wall-clock part of a clock stamp, readable.
fn hlc_time(hlc: &str) -> String {
    hlc.parse::<daftar_domain::Hlc>()
        .ok()
        .and_then(|h| chrono::DateTime::from_timestamp_millis(h.millis as i64))
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| hlc.to_string())
}

pub fn connect(
    cx: &mut Context,
    server: &str,
    school: &str,
    user: &str,
    device_name: &Option<String>,
) -> anyhow::Result<()> {
    let password = password(&cx.out)?;
    let name = device_name.clone().unwrap_or_else(host_name);
    let account = cx
        .app
        .call(|a| a.connect(server, school, user, &password, &name))?;
    cx.out.show(&account, |o| {
        o.say(
            "cli-connected",
            &[
                ("user", account.username.clone()),
                ("school", account.tenant.clone()),
                ("role", account.role.as_str().to_string()),
            ],
        )
    })
}

pub fn run(cx: &mut Context, command: &Option<SyncCommand>) -> anyhow::Result<()> {
    match command {
        None => {
            let show = !cx.out.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
            let report = move |progress: Progress| {
                if show {
                    eprint!("\r{}", progress_line(progress));
                }
            };
            let summary = cx.app.call(|a| a.sync(&report));
            if show {
                eprintln!();
            }
            let summary = summary?;
            let overview = cx.app.call(|a| a.sync_overview())?;
            cx.out.show(&summary, |o| {
                o.say(
                    "cli-synced",
                    &[
                        ("pushed", summary.pushed.to_string()),
                        ("pulled", summary.pulled.to_string()),
                        ("merged", summary.merged.to_string()),
                        ("conflicts", summary.conflicts.to_string()),
                        ("rejected", summary.rejected.to_string()),
                    ],
                );
                if overview.open_conflicts > 0 {
                    o.say(
                        "cli-conflicts-waiting",
                        &[("count", overview.open_conflicts.to_string())],
                    );
                }
                if overview.rejected > 0 {
                    o.say(
                        "cli-rejected-waiting",
                        &[("count", overview.rejected.to_string())],
                    );
                }
            })
        }
        Some(SyncCommand::Status) => {
            let overview = cx.app.call(|a| a.sync_overview())?;
            cx.out.show(&overview, |o| {
                match &overview.account {
                    Some(account) => o.say(
                        "cli-sync-account",
                        &[
                            ("user", account.username.clone()),
                            ("school", account.tenant.clone()),
                            ("server", account.server.clone()),
                        ],
                    ),
                    None => o.say("cli-sync-no-account", &[]),
                }
                o.say(
                    "cli-sync-counts",
                    &[
                        ("pending", overview.pending.to_string()),
                        ("conflicts", overview.open_conflicts.to_string()),
                        ("rejected", overview.rejected.to_string()),
                    ],
                );
            })
        }
        Some(SyncCommand::Rejected { retry: true }) => {
            let count = cx.app.call(|a| a.retry_rejected())?;
            cx.out.show(&serde_json::json!({ "queued": count }), |o| {
                o.say("cli-rejected-queued", &[("count", count.to_string())])
            })
        }
        Some(SyncCommand::Rejected { retry: false }) => {
            let rejected = cx.app.call(|a| a.rejected_changes())?;
            cx.out.show(&rejected, |o| {
                for r in &rejected {
                    let reason = o.t(
                        &format!("error-{}", r.code),
                        &[("reason", r.reason.clone())],
                    );
                    out!(
                        "{}  {} {}  {}  {}",
                        r.entry.created_at,
                        r.entry.table,
                        r.entry.row_id,
                        serde_json::Value::Object(r.entry.changes.clone()),
                        reason
                    );
                }
                if rejected.is_empty() {
                    o.say("cli-no-rejected", &[]);
                }
            })
        }
    }
}

pub fn conflicts(cx: &mut Context, command: &ConflictsCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        ConflictsCommand::List { all } => {
            let conflicts = cx.app.call(|a| a.conflicts(*all))?;
            cx.out.show(&conflicts, |o| {
                for c in &conflicts {
                    let side =
                        |s: &ConflictSide| format!("{} ({}, {})", s.value, s.by, hlc_time(&s.hlc));
                    out!(
                        "{}  {}.{} {}  [{}]",
                        &c.id.to_string()[..8],
                        c.table,
                        c.column,
                        c.row_id,
                        c.state
                    );
                    out!("    {}: {}", o.t("cli-conflict-mine", &[]), side(&c.mine));
                    out!(
                        "    {}: {}",
                        o.t("cli-conflict-theirs", &[]),
                        side(&c.theirs)
                    );
                    let kept = match c.kept {
                        Side::Mine => "cli-conflict-mine",
                        Side::Theirs => "cli-conflict-theirs",
                    };
                    out!("    {}: {}", o.t("cli-conflict-kept", &[]), o.t(kept, &[]));
                }
                if conflicts.is_empty() {
                    o.say("cli-no-conflicts", &[]);
                }
            })
        }
        ConflictsCommand::Resolve { id, keep, value } => {
            let keep = match (keep, value) {
                (_, Some(value)) => Keep::Value(value.clone()),
                (Some(KeepSide::Mine), None) => Keep::Mine,
                (Some(KeepSide::Theirs), None) => Keep::Theirs,
                (None, None) => anyhow::bail!("give --keep mine|theirs or --value V"),
            };
            let view = cx.app.call(|a| a.resolve_conflict(&actor, id, keep))?;
            cx.out.show(&view, |o| {
                o.say("cli-conflict-resolved", &[("id", view.id.to_string())])
            })
        }
    }
}

pub fn disconnect(cx: &mut Context, export: &Option<PathBuf>) -> anyhow::Result<()> {
    let exported = cx.app.call(|a| a.disconnect(export.as_deref()))?;
    cx.out
        .show(&serde_json::json!({ "exported": exported }), |o| {
            o.say("cli-disconnected", &[("count", exported.to_string())])
        })
}
