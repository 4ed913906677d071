//! `daftar import` and `daftar export`: students from and to CSV files.

use std::path::PathBuf;

use clap::Subcommand;
use daftar_app::{ImportOptions, Work, read_import_file};

use crate::{Context, out};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// UTF-8 CSV with the header admission_number,name_ar,name_en,gender,birth_date,
    /// national_id,nationality,grade,classroom,guardian_name,guardian_phone.
    Students {
        file: PathBuf,
        /// Map a column of the file to one of Daftar's: "Student No=admission_number".
        #[arg(long = "map", value_name = "FILE_COLUMN=DAFTAR_COLUMN")]
        mappings: Vec<String>,
        /// Import the valid rows and report the others, instead of refusing the file.
        #[arg(long)]
        skip_invalid: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every student, in the same format `import students` reads.
    Students { file: PathBuf },
}

pub fn import(cx: &mut Context, command: &ImportCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    let ImportCommand::Students {
        file,
        mappings,
        skip_invalid,
    } = command;
    let options = ImportOptions {
        mappings: mappings.clone(),
        skip_invalid: *skip_invalid,
    };
    let report = cx.app.call(|a| {
        let (name, text) = read_import_file(file)?;
        a.import_students(&actor, &name, &text, &options, &Work::default())
    })?;
    cx.out.show(&report, |o| {
        o.say(
            "cli-imported",
            &[
                ("rows", report.rows.to_string()),
                ("created", report.created.to_string()),
                ("updated", report.updated.to_string()),
                ("unchanged", report.unchanged.to_string()),
                ("skipped", report.skipped.len().to_string()),
            ],
        );
        for row in &report.skipped {
            out!("  {}", row.message);
        }
    })
}

pub fn export(cx: &mut Context, command: &ExportCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    let ExportCommand::Students { file } = command;
    let count = cx.app.call(|a| a.export_students(&actor, file))?;
    cx.out.show(
        &serde_json::json!({ "students": count, "file": file }),
        |o| {
            o.say(
                "cli-exported",
                &[
                    ("count", count.to_string()),
                    ("file", file.display().to_string()),
                ],
            )
        },
    )
}
