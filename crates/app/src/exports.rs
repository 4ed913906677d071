//! Spreadsheets the window writes for a person (students, staff, a mark sheet, a month's
//! attendance, the year's invoices and payments) into the data folder's `exports` folder,
//! each named for what it holds.

use std::path::PathBuf;

use daftar_domain::{Assessment, Classroom};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::printing::file_stem;
use crate::{Actor, App, Result};

/// The data folder's folder of exported spreadsheets.
pub(crate) const EXPORTS_DIR: &str = "exports";

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum ExportRequest {
    /// Every student, in the columns the import reads back.
    Students,
    /// The school's staff, in the columns the staff import reads back.
    Staff,
    /// One assessment's marks.
    MarkSheet { assessment: Uuid },
    /// A classroom's month ("YYYY-MM") of attendance.
    MonthAttendance { classroom: Uuid, month: String },
    /// This year's invoices, for the accountant.
    Invoices,
    /// This year's payments and refunds, for the accountant.
    Payments,
}

/// The kind of file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
        }
    }
}

/// A file written: where, and how many rows it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exported {
    pub path: PathBuf,
    pub rows: usize,
}

impl App {
    /// Writes `request` as `format` into the data folder's `exports` folder, under a name
    /// that says what it holds (a second export of the same replaces the first, whole).
    /// Each kind asks the policy as its own export does.
    pub fn export(
        &self,
        actor: &Actor,
        request: &ExportRequest,
        format: ExportFormat,
    ) -> Result<Exported> {
        let dir = self.folder(EXPORTS_DIR)?;
        let today = crate::today().format("%Y-%m-%d");
        let name = |stem: String| dir.join(format!("{stem}.{}", format.extension()));
        let (path, rows) = match request {
            ExportRequest::Students => {
                let path = name(format!("students-{today}"));
                let rows = self.export_students(actor, &path)?;
                (path, rows)
            }
            ExportRequest::Staff => {
                let path = name(format!("staff-{today}"));
                let rows = self.export_staff(actor, &path)?;
                (path, rows)
            }
            ExportRequest::MarkSheet { assessment } => {
                // Only its names here: the export reads the sheet (and asks the policy).
                let found: Assessment = self.store.get(*assessment)?;
                let room: Classroom = self.store.get(found.classroom_id)?;
                let path = name(format!(
                    "marks-{}-{}",
                    file_stem(&room.name_en),
                    file_stem(&found.name_en)
                ));
                let rows = self.export_mark_sheet(actor, *assessment, &path)?;
                (path, rows)
            }
            ExportRequest::MonthAttendance { classroom, month } => {
                let first = crate::parse_month(month)?;
                let room: Classroom = self.store.get(*classroom)?;
                let path = name(format!(
                    "attendance-{}-{}",
                    file_stem(&room.name_en),
                    first.format("%Y-%m")
                ));
                let rows = self.export_month_attendance(actor, *classroom, month, &path)?;
                (path, rows)
            }
            ExportRequest::Invoices | ExportRequest::Payments => {
                let (stem, what) = match request {
                    ExportRequest::Invoices => ("invoices", crate::FeeExport::Invoices),
                    _ => ("payments", crate::FeeExport::Payments),
                };
                let path = name(format!("{stem}-{today}"));
                let rows = self.export_fees(actor, what, &path)?;
                (path, rows)
            }
        };
        Ok(Exported { path, rows })
    }
}
