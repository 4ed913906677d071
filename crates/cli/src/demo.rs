//! `daftar demo`: a demo school in the data folder, ready to explore.

use chrono::Utc;
use clap::Args;
use daftar_app::DemoOptions;

use crate::{Context, out};

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many students.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    students: u32,
    /// The same seed always makes the same school.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The calendar year the academic year starts in [default: the school year running today]
    #[arg(long)]
    year: Option<i32>,
    /// Fill in attendance and marks for the whole year, not just up to today.
    #[arg(long)]
    full_year: bool,
}

pub fn run(cx: &mut Context, args: &DemoArgs) -> anyhow::Result<()> {
    let options = match (args.year, args.full_year) {
        (Some(year), _) => DemoOptions {
            students: args.students as usize,
            seed: args.seed,
            year_start: year,
            until: None,
        },
        (None, true) => DemoOptions {
            until: None,
            ..DemoOptions::as_of(Utc::now().date_naive(), args.students as usize, args.seed)
        },
        (None, false) => {
            DemoOptions::as_of(Utc::now().date_naive(), args.students as usize, args.seed)
        }
    };
    let started = std::time::Instant::now();
    let summary = cx.app.call(|a| a.create_demo(options))?;
    let data_dir = cx.app.data_dir().display().to_string();
    cx.out.show(&summary, |o| {
        o.say(
            "cli-demo-created",
            &[
                ("school", summary.school.clone()),
                ("year", summary.year.clone()),
                ("seconds", format!("{:.1}", started.elapsed().as_secs_f64())),
            ],
        );
        out!(
            "  {}",
            o.t(
                "cli-demo-counts",
                &[
                    ("students", summary.students.to_string()),
                    ("staff", summary.staff.to_string()),
                    ("classrooms", summary.classrooms.to_string()),
                    ("attendance", summary.attendance.to_string()),
                    ("results", summary.results.to_string()),
                    ("invoices", summary.invoices.to_string()),
                ]
            )
        );
        out!("  {}", o.t("cli-data-dir", &[("path", data_dir)]));
    })
}
