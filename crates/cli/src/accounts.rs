//! `daftar accounts` and `daftar password`: the school's cloud accounts from a connected
//! desktop, for those who run the school (a colleague's with a one-time password from
//! DAFTAR_ACCOUNT_PASSWORD or a prompt; role, staff record, disable, enable, reset, sign
//! out; the history), and replacing one's own password (DAFTAR_PASSWORD and
//! DAFTAR_NEW_PASSWORD, or prompts).

use clap::Subcommand;
use daftar_app::{AccountChange, AccountInfo, NewAccount};
use daftar_domain::StaffRole;

use crate::sync::secret;
use crate::{Context, Role, out};

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    List,
    /// A colleague's account; its one-time password from DAFTAR_ACCOUNT_PASSWORD or a
    /// prompt, replaced by them at first sign-in.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long, value_enum)]
        role: Role,
        /// Their staff record: email, name or id (a teacher needs one).
        #[arg(long)]
        staff: Option<String>,
    },
    /// Change an account by its username.
    Set {
        username: String,
        #[arg(long, value_enum)]
        role: Option<Role>,
        #[arg(long)]
        staff: Option<String>,
        #[arg(long, conflicts_with = "enable")]
        disable: bool,
        #[arg(long)]
        enable: bool,
        /// A new one-time password (DAFTAR_ACCOUNT_PASSWORD or a prompt); their devices are
        /// signed out.
        #[arg(long)]
        reset_password: bool,
        #[arg(long)]
        sign_out: bool,
    },
    /// The school's account changes, newest first.
    History,
}

fn find(accounts: &[AccountInfo], username: &str) -> anyhow::Result<AccountInfo> {
    accounts
        .iter()
        .find(|a| a.username.eq_ignore_ascii_case(username.trim()))
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no account {username:?} in this school"))
}

fn show(account: &AccountInfo) {
    let state = match (
        account.disabled,
        account.locked,
        account.must_change_password,
    ) {
        (true, _, _) => "disabled",
        (_, true, _) => "locked",
        (_, _, true) => "must-change-password",
        _ => "active",
    };
    out!(
        "{:<20} {:<8} {:<22} {} devices",
        account.username,
        account.role.as_str(),
        state,
        account.devices
    );
}

pub fn run(cx: &mut Context, command: &AccountsCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        AccountsCommand::List => {
            let accounts = cx.app.call(|a| a.cloud_accounts(&actor))?;
            cx.out.show(&accounts, |_| {})?;
            if !cx.out.json {
                for account in &accounts {
                    show(account);
                }
            }
            Ok(())
        }
        AccountsCommand::Add {
            username,
            role,
            staff,
        } => {
            let staff_id = match staff {
                Some(key) => Some(cx.app.call(|a| a.staff_member(key))?.id),
                None => None,
            };
            let password = secret(&cx.out, "DAFTAR_ACCOUNT_PASSWORD", "cli-one-time-password")?;
            let new = NewAccount {
                username: username.clone(),
                role: StaffRole::from(*role),
                staff_id,
                password,
            };
            let created = cx.app.call(|a| a.create_account(&actor, &new))?;
            cx.out.show(&created, |o| {
                o.say("cli-account-created", &[("user", created.username.clone())])
            })
        }
        AccountsCommand::Set {
            username,
            role,
            staff,
            disable,
            enable,
            reset_password,
            sign_out,
        } => {
            let accounts = cx.app.call(|a| a.cloud_accounts(&actor))?;
            let account = find(&accounts, username)?;
            let staff_id = match staff {
                Some(key) => Some(cx.app.call(|a| a.staff_member(key))?.id),
                None => None,
            };
            let password = if *reset_password {
                Some(secret(
                    &cx.out,
                    "DAFTAR_ACCOUNT_PASSWORD",
                    "cli-one-time-password",
                )?)
            } else {
                None
            };
            let change = AccountChange {
                role: role.map(StaffRole::from),
                staff_id,
                disabled: (*disable || *enable).then_some(*disable),
                password,
                sign_out: *sign_out,
            };
            let changed = cx
                .app
                .call(|a| a.change_account(&actor, account.id, &change))?;
            cx.out.show(&changed, |_| {})?;
            if !cx.out.json {
                show(&changed);
            }
            Ok(())
        }
        AccountsCommand::History => {
            let events = cx.app.call(|a| a.account_history(&actor))?;
            cx.out.show(&events, |_| {
                for e in &events {
                    out!(
                        "{}  {:<16} {:<18} {} {}",
                        e.at,
                        e.by,
                        e.action,
                        e.username,
                        e.detail
                    );
                }
            })
        }
    }
}

/// `daftar password`: replaces the password of the account this device is signed in as.
pub fn change_own(cx: &mut Context) -> anyhow::Result<()> {
    let current = secret(&cx.out, "DAFTAR_PASSWORD", "cli-password")?;
    let new = secret(&cx.out, "DAFTAR_NEW_PASSWORD", "cli-new-password")?;
    cx.app.call(|a| a.change_password(&current, &new))?;
    cx.out.show(&true, |o| o.say("cli-password-changed", &[]))
}
