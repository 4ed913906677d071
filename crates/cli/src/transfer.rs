//! `daftar import` and `daftar export`: students from CSV or `.xlsx` files, in Daftar's
//! columns or mapped from another system's (columns joined, defaults, the file's date
//! order and gender values, generated admission numbers), previewed first if asked, and the
//! last import undone; students, staff and mark sheets out to CSV or `.xlsx`.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Subcommand;
use daftar_app::{ImportMap, ImportOptions, Work, read_import_file};
use daftar_domain::DateOrder;
use uuid::Uuid;

use crate::{Context, out};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A CSV (UTF-8) or .xlsx file with the header admission_number,name_ar,name_en,gender,
    /// birth_date,national_id,nationality,grade,classroom,guardian_name,guardian_phone, or
    /// another system's columns mapped onto them.
    Students {
        file: PathBuf,
        /// Map a column of the file to one of Daftar's: "Student No=admission_number".
        #[arg(long = "map", value_name = "FILE_COLUMN=DAFTAR_COLUMN")]
        mappings: Vec<String>,
        /// Join the file's columns into one of Daftar's: "name_en=First+Father+Family".
        #[arg(long = "join", value_name = "DAFTAR_COLUMN=COLUMN+COLUMN")]
        joins: Vec<String>,
        /// A value for a column the file lacks or leaves empty: "nationality=AE".
        #[arg(long = "default", value_name = "DAFTAR_COLUMN=VALUE")]
        defaults: Vec<String>,
        /// How the file writes dates: dmy (day/month) or mdy (month/day); two-digit years
        /// are read as the latest past century's.
        #[arg(long)]
        date_order: Option<String>,
        /// The file's own gender values: "ولد=male", "Unknown=female".
        #[arg(long = "gender", value_name = "VALUE=male|female")]
        genders: Vec<String>,
        /// Give rows without an admission number the school's next ones.
        #[arg(long)]
        number_missing: bool,
        /// Import the valid rows and report the others, instead of refusing the file.
        #[arg(long)]
        skip_invalid: bool,
        /// Say what the import would do, row by row, and write nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Undo the last student import on this desktop.
    Undo,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Every student, in the format `import students` reads (FILE.xlsx or FILE.csv).
    Students { file: PathBuf },
    /// The staff, in the format `setup import-staff` reads.
    Staff { file: PathBuf },
    /// An assessment's mark sheet, marks as numbers.
    Marks {
        #[arg(long)]
        assessment: Uuid,
        file: PathBuf,
    },
    /// A classroom's month of attendance: a row per student, a column per school day.
    Attendance {
        #[arg(long)]
        classroom: String,
        /// The month, as YYYY-MM.
        #[arg(long)]
        month: String,
        file: PathBuf,
    },
}

fn pairs(items: &[String], what: &str) -> anyhow::Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|item| {
            item.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .with_context(|| format!("{item:?} is not {what}"))
        })
        .collect()
}

pub fn import(cx: &mut Context, command: &ImportCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    let (file, mappings, joins, defaults, date_order, genders, number_missing, skip, preview) =
        match command {
            ImportCommand::Undo => {
                let undone = cx.app.call(|a| a.undo_last_import(&actor))?;
                return cx.out.show(&undone, |o| {
                    o.say(
                        "cli-import-undone",
                        &[
                            ("file", undone.file.clone()),
                            ("removed", undone.removed.to_string()),
                            ("restored", undone.restored.to_string()),
                        ],
                    )
                });
            }
            ImportCommand::Students {
                file,
                mappings,
                joins,
                defaults,
                date_order,
                genders,
                number_missing,
                skip_invalid,
                preview,
            } => (
                file,
                mappings,
                joins,
                defaults,
                date_order,
                genders,
                *number_missing,
                *skip_invalid,
                *preview,
            ),
        };
    let mapped = !joins.is_empty()
        || !defaults.is_empty()
        || date_order.is_some()
        || !genders.is_empty()
        || number_missing;
    let map = if mapped {
        let mut map = ImportMap {
            number_missing,
            ..ImportMap::default()
        };
        for (file_column, target) in pairs(mappings, "FILE_COLUMN=DAFTAR_COLUMN")? {
            map.columns.insert(target, vec![file_column]);
        }
        for (target, columns) in pairs(joins, "DAFTAR_COLUMN=COLUMN+COLUMN")? {
            map.columns.insert(
                target,
                columns.split('+').map(|c| c.trim().to_string()).collect(),
            );
        }
        map.defaults = pairs(defaults, "DAFTAR_COLUMN=VALUE")?
            .into_iter()
            .collect();
        map.genders = pairs(genders, "VALUE=male|female")?.into_iter().collect();
        map.date_order = match date_order {
            Some(order) => Some(
                order
                    .parse::<DateOrder>()
                    .map_err(|e| cx.app.error(&e.into()))?,
            ),
            None => None,
        };
        Some(map)
    } else {
        None
    };
    let options = ImportOptions {
        mappings: if mapped { Vec::new() } else { mappings.clone() },
        skip_invalid: skip,
        map,
        preview,
    };
    let report = cx.app.call(|a| {
        let (name, text) = read_import_file(file)?;
        a.import_students(&actor, &name, &text, &options, &Work::default())
    })?;
    cx.out.show(&report, |o| {
        if report.preview {
            o.say("cli-import-preview", &[]);
            for row in &report.plan {
                out!(
                    "  {:>5}  {:<10} {:<9} {}  {}",
                    row.line,
                    row.admission_number,
                    row.outcome,
                    o.name(&row.name_ar, &row.name_en),
                    row.fields.join(", ")
                );
            }
        }
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
    let (count, file) = match command {
        ExportCommand::Students { file } => {
            (cx.app.call(|a| a.export_students(&actor, file))?, file)
        }
        ExportCommand::Staff { file } => (cx.app.call(|a| a.export_staff(&actor, file))?, file),
        ExportCommand::Marks { assessment, file } => (
            cx.app
                .call(|a| a.export_mark_sheet(&actor, *assessment, file))?,
            file,
        ),
        ExportCommand::Attendance {
            classroom,
            month,
            file,
        } => (
            cx.app.call(|a| {
                let classroom = a.classroom(classroom)?.id;
                a.export_month_attendance(&actor, classroom, month, file)
            })?,
            file,
        ),
    };
    cx.out
        .show(&serde_json::json!({ "rows": count, "file": file }), |o| {
            o.say(
                "cli-exported",
                &[
                    ("count", count.to_string()),
                    ("file", file.display().to_string()),
                ],
            )
        })
}
