//! `daftar messages`: the school's messages to guardians from a connected desktop, for those
//! who run the school (counts and the latest messages, re-driving dead ones, telling
//! families a term's report cards are ready), and a guardian's opt-out of a channel for the
//! office. Each needs the cloud.

use clap::Subcommand;
use daftar_app::GuardianMessages;
use uuid::Uuid;

use crate::{Context, out};

#[derive(Debug, Subcommand)]
pub enum MessagesCommand {
    /// Counts per channel and state, and the latest messages (of one state with --state).
    List {
        /// queued, sending, sent, delivered, failed, dead, cancelled or digested.
        #[arg(long)]
        state: Option<String>,
    },
    /// Queue dead or failed messages again, their attempts anew: the given ids, or with
    /// --dead every dead one listed.
    Redrive {
        ids: Vec<Uuid>,
        #[arg(long)]
        dead: bool,
    },
    /// Tell each student's guardian that a term's report cards are ready (once per term).
    PublishReportCards {
        /// The term: its number (1, 2) or name.
        #[arg(long)]
        term: String,
        /// Only this classroom's families.
        #[arg(long)]
        classroom: Option<String>,
    },
    /// A guardian asks for no more messages on a channel (--undo: they want them again).
    OptOut {
        #[arg(long)]
        guardian: Uuid,
        /// sms or email.
        #[arg(long)]
        channel: String,
        #[arg(long)]
        undo: bool,
    },
}

fn show(list: &GuardianMessages) {
    for count in &list.counts {
        out!("{:<6} {:<10} {}", count.channel, count.state, count.count);
    }
    for m in &list.messages {
        out!(
            "{} {:<12} {:<5} {:<10} {} {} {}",
            m.id,
            m.kind,
            m.channel,
            m.state,
            m.guardian,
            m.subject,
            m.reason.as_deref().unwrap_or("")
        );
    }
}

pub fn run(cx: &mut Context, command: &MessagesCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        MessagesCommand::List { state } => {
            let list = cx
                .app
                .call(|a| a.guardian_messages(&actor, state.as_deref()))?;
            cx.out.show(&list, |_| {})?;
            if !cx.out.json {
                show(&list);
            }
            Ok(())
        }
        MessagesCommand::Redrive { ids, dead } => {
            let mut ids = ids.clone();
            if *dead {
                let list = cx.app.call(|a| a.guardian_messages(&actor, Some("dead")))?;
                ids.extend(list.messages.iter().map(|m| m.id));
            }
            let count = cx.app.call(|a| a.redrive_messages(&actor, &ids))?;
            cx.out.show(&serde_json::json!({ "redriven": count }), |o| {
                o.say("cli-messages-redriven", &[("count", count.to_string())])
            })
        }
        MessagesCommand::PublishReportCards { term, classroom } => {
            let count = cx.app.call(|a| {
                let term = a.term(term)?.id;
                let classroom = match classroom {
                    Some(name) => Some(a.classroom(name)?.id),
                    None => None,
                };
                a.publish_report_cards(&actor, term, classroom)
            })?;
            cx.out.show(&serde_json::json!({ "queued": count }), |o| {
                o.say(
                    "cli-report-cards-published",
                    &[("count", count.to_string())],
                )
            })
        }
        MessagesCommand::OptOut {
            guardian,
            channel,
            undo,
        } => {
            cx.app
                .call(|a| a.set_guardian_opt_out(&actor, *guardian, channel, !undo))?;
            cx.out
                .show(&serde_json::json!({ "opted_out": !undo }), |o| {
                    o.say(
                        if *undo {
                            "cli-opt-out-cleared"
                        } else {
                            "cli-opt-out-set"
                        },
                        &[("channel", channel.clone())],
                    )
                })
        }
    }
}
