//! `daftar attendance`: a classroom's register for a day, and saving one (the listed
//! students absent, late or excused, everyone else present), through the same use case as
//! the window's register.

use clap::Subcommand;
use daftar_app::RegisterInput;

use crate::{Context, date_or_today, out};

#[derive(Debug, Subcommand)]
pub enum AttendanceCommand {
    /// Save a classroom's register for a day: the listed students absent, late or excused,
    /// everyone else present.
    Mark {
        #[arg(long)]
        classroom: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// 0 for the whole day, or a lesson period.
        #[arg(long, default_value_t = 0)]
        period: u8,
        /// Students (id or admission number), comma-separated.
        #[arg(long, value_delimiter = ',')]
        absent: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        late: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        excused: Vec<String>,
    },
    /// A classroom's register for a day, with the marks already taken.
    Show {
        #[arg(long)]
        classroom: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value_t = 0)]
        period: u8,
    },
}

pub fn run(cx: &mut Context, command: &AttendanceCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        AttendanceCommand::Mark {
            classroom,
            date,
            period,
            absent,
            late,
            excused,
        } => {
            let saved = cx.app.call(|a| {
                let typed = RegisterInput {
                    classroom: classroom.clone(),
                    date: date_or_today(date)?,
                    period: *period,
                    absent: absent.clone(),
                    late: late.clone(),
                    excused: excused.clone(),
                };
                a.save_register(&actor, &typed.resolve(a)?)
            })?;
            cx.out.show(&saved, |o| {
                o.say(
                    "cli-register-saved",
                    &[
                        ("classroom", saved.classroom.clone()),
                        ("date", saved.date.to_string()),
                        ("present", saved.present.to_string()),
                        ("absent", saved.absent.to_string()),
                        ("late", saved.late.to_string()),
                        ("excused", saved.excused.to_string()),
                        ("changed", saved.changed.to_string()),
                    ],
                )
            })
        }
        AttendanceCommand::Show {
            classroom,
            date,
            period,
        } => {
            let roster = cx.app.call(|a| {
                let classroom = a.classroom(classroom)?.id;
                a.register(&actor, classroom, date_or_today(date)?, *period)
            })?;
            cx.out.show(&roster, |o| {
                for r in &roster {
                    let status = r.status.map_or_else(
                        || o.t("cli-not-taken", &[]),
                        |s| o.t(&format!("attendance-{s}"), &[]),
                    );
                    out!(
                        "{:<8} {:<10} {:<32} {}",
                        r.admission_number,
                        status,
                        r.name_en,
                        r.name_ar
                    );
                }
            })
        }
    }
}
