//! `daftar print`: report cards, receipts and attendance registers as PDF.

use std::path::PathBuf;

use clap::Subcommand;

use crate::{Context, date_or_today};

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// A classroom's report cards for a term: one PDF with a page per student (--out) or
    /// one PDF per student in a folder (--out-dir).
    ReportCards {
        /// The classroom, by name in the current year ("5A", "Grade 5 A" or its Arabic name).
        #[arg(long)]
        classroom: String,
        /// The term: its number (1, 2) or name.
        #[arg(long)]
        term: String,
        #[arg(
            long,
            value_name = "FILE.pdf",
            required_unless_present = "out_dir",
            conflicts_with = "out_dir"
        )]
        out: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// The date of issue printed on the cards (YYYY-MM-DD) [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// One student's report card for a term.
    ReportCard {
        /// The student's admission number or id.
        #[arg(long)]
        student: String,
        #[arg(long)]
        term: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[arg(long)]
        date: Option<String>,
    },
    /// A fee receipt, by receipt number or payment id.
    Receipt {
        #[arg(long)]
        payment: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// An invoice as a tax invoice (VAT by rate, the total in words, a Saudi school's QR).
    Invoice {
        #[arg(long)]
        number: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A family's statement of account for the year (every child's invoices, credits,
    /// payments and refunds, with the running balance), by any of its children.
    Statement {
        /// A child's id or admission number.
        #[arg(long)]
        student: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A day's cash report for closing the till, by method and by receiver.
    Cash {
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// Only what this person took (staff id).
        #[arg(long)]
        staff: Option<uuid::Uuid>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// What is outstanding by how long past due (not yet, 1–30, 31–60, 61–90, 90+ days).
    Aging {
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A classroom's attendance register for a month.
    Register {
        #[arg(long)]
        classroom: String,
        /// The month, as YYYY-MM.
        #[arg(long)]
        month: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

pub fn run(cx: &mut Context, command: &PrintCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    let started = std::time::Instant::now();
    let printed = cx.app.call(|a| match command {
        PrintCommand::ReportCards {
            classroom,
            term,
            out,
            out_dir,
            date,
        } => {
            let issued = date_or_today(date)?;
            let classroom = a.classroom(classroom)?.id;
            match (out, out_dir) {
                (_, Some(dir)) => a.print_report_card_files(&actor, classroom, term, issued, dir),
                (out, None) => {
                    a.print_report_cards(&actor, classroom, term, issued, out.as_deref())
                }
            }
        }
        PrintCommand::ReportCard {
            student,
            term,
            out,
            date,
        } => a.print_report_card(&actor, student, term, date_or_today(date)?, out),
        PrintCommand::Receipt { payment, out } => a.print_receipt(&actor, payment, Some(out)),
        PrintCommand::Invoice { number, out } => a.print_tax_invoice(&actor, number, Some(out)),
        PrintCommand::Statement { student, out } => a.print_statement(&actor, student, Some(out)),
        PrintCommand::Cash { date, staff, out } => {
            a.print_cash_report(&actor, date_or_today(date)?, *staff, Some(out))
        }
        PrintCommand::Aging { date, out } => a.print_aging(&actor, date_or_today(date)?, Some(out)),
        PrintCommand::Register {
            classroom,
            month,
            out,
        } => {
            let classroom = a.classroom(classroom)?.id;
            a.print_register(&actor, classroom, month, Some(out))
        }
    })?;
    cx.out.show(&printed, |o| {
        let place = match printed.files.as_slice() {
            [one] => one.display().to_string(),
            many => many
                .first()
                .and_then(|f| f.parent())
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
        };
        o.say(
            "cli-printed",
            &[
                ("pages", printed.pages.to_string()),
                ("files", printed.files.len().to_string()),
                ("path", place),
                ("seconds", format!("{:.2}", started.elapsed().as_secs_f64())),
            ],
        )
    })
}
