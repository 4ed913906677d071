//! `daftar report`: an analytics view written to a file for scripts, as `.xlsx` (a sheet
//! per table), `.csv` (its first table) or `.pdf` (its charts and tables).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use daftar_app::{AnalyticsFilter, AnalyticsView, Level, parse_date};

use crate::Context;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum View {
    Attendance,
    Marks,
    Fees,
    Enrollment,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum By {
    Grade,
    Classroom,
    Student,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(value_enum)]
    view: View,
    /// Where to write: FILE.xlsx, FILE.csv or FILE.pdf.
    #[arg(long, value_name = "FILE.{xlsx,csv,pdf}")]
    out: PathBuf,
    /// A term of the current year, by number (1, 2) or name [default: the current term].
    #[arg(long)]
    term: Option<String>,
    /// Only this grade, by name.
    #[arg(long)]
    grade: Option<String>,
    /// Only this classroom of the current year, by name.
    #[arg(long)]
    classroom: Option<String>,
    /// Only this subject, by code (marks).
    #[arg(long)]
    subject: Option<String>,
    /// From this day (YYYY-MM-DD) [default: the year's or the term's first].
    #[arg(long)]
    from: Option<String>,
    /// Up to this day [default: the year's or the term's last].
    #[arg(long)]
    to: Option<String>,
    /// Broken down by [default: grade; classroom with --grade; student with --classroom]
    #[arg(long, value_enum)]
    by: Option<By>,
}

pub fn run(cx: &mut Context, args: &ReportArgs) -> anyhow::Result<()> {
    let view = match args.view {
        View::Attendance => AnalyticsView::Attendance,
        View::Marks => AnalyticsView::Marks,
        View::Fees => AnalyticsView::Fees,
        View::Enrollment => AnalyticsView::Enrollment,
    };
    let actor = cx.actor;
    let (analytics, rows) = cx.app.call(|app| {
        let filter = AnalyticsFilter {
            year: None,
            term: args
                .term
                .as_deref()
                .map(|t| app.term(t))
                .transpose()?
                .map(|t| t.id),
            grade: args
                .grade
                .as_deref()
                .map(|g| app.grade(g))
                .transpose()?
                .map(|g| g.id),
            classroom: args
                .classroom
                .as_deref()
                .map(|c| app.classroom(c))
                .transpose()?
                .map(|c| c.id),
            subject: args
                .subject
                .as_deref()
                .map(|s| app.subject_by_code(s))
                .transpose()?
                .map(|s| s.id),
            from: args.from.as_deref().map(parse_date).transpose()?,
            to: args.to.as_deref().map(parse_date).transpose()?,
            level: args.by.map(|b| match b {
                By::Grade => Level::Grade,
                By::Classroom => Level::Classroom,
                By::Student => Level::Student,
            }),
        };
        let analytics = app.analytics(&actor, view, &filter)?;
        let rows = app.write_analytics(&analytics, &args.out)?;
        Ok((analytics, rows))
    })?;
    cx.out.show(&analytics, |o| {
        o.say(
            "cli-exported",
            &[
                ("count", rows.to_string()),
                ("file", args.out.display().to_string()),
            ],
        )
    })
}
