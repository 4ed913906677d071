//! Spreadsheets from and for other systems: an `.xlsx` file's first sheet read as the CSV
//! text the imports take (dates from their cells' date formats, whole numbers without a
//! fraction), and tables written as `.xlsx` with numbers as numbers and Arabic sheets right
//! to left.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use chrono::NaiveDate;

use crate::{Failure, Result};

/// Whether a file's bytes are a zip archive, as every `.xlsx` file is.
pub(crate) fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        // A date cell holds Excel's serial day number (days since 1899-12-30).
        Data::DateTime(at) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(at.as_f64().floor() as u64)))
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}

/// The first sheet of an `.xlsx` file as CSV text (its first row the header).
pub(crate) fn sheet_as_csv(bytes: &[u8]) -> Result<String> {
    let unreadable = |detail: String| Failure::CsvUnreadable { line: 1, detail };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("not a spreadsheet: {e}")))?;
    let sheet = book
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("the workbook has no sheet".into()))?
        .map_err(|e| unreadable(e.to_string()))?;
    let mut out = csv::Writer::from_writer(Vec::new());
    for row in sheet.rows() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        out.write_record(&cells)
            .map_err(|e| unreadable(e.to_string()))?;
    }
    let bytes = out.into_inner().map_err(|e| unreadable(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| unreadable(e.to_string()))
}

/// One cell of a table to write (to the window: a string, a number or null).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// A sheet of a workbook: its name, header and rows, and each column's number format
/// (Excel's codes, as `0.0`), if any.
pub(crate) struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub formats: Vec<Option<String>>,
}

/// Writes `rows` under `header` as an `.xlsx` file at `path` (replaced whole, never half
/// written), the sheet right to left when `arabic`.
fn write_xlsx(
    path: &Path,
    sheet: &str,
    header: &[String],
    rows: &[Vec<Cell>],
    arabic: bool,
) -> Result<()> {
    let table = Table {
        sheet: sheet.to_string(),
        header: header.to_vec(),
        rows: rows.to_vec(),
        formats: Vec::new(),
    };
    write_workbook(path, std::slice::from_ref(&table), arabic)
}

/// A sheet name Excel accepts: without `[]:*?/\`, at most 31 characters, not empty and
/// not one already used in the workbook.
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let base: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(28)
        .collect();
    let base = if base.trim().is_empty() {
        "Sheet".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        name = format!("{base} {n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

/// Writes `tables` as the sheets of one `.xlsx` file at `path`, replaced whole: headers
/// bold, numbers as numbers in their columns' formats, sheets right to left when `arabic`.
fn write_workbook(path: &Path, tables: &[Table], arabic: bool) -> Result<()> {
    let failed = |detail: String| Failure::Io {
        path: path.display().to_string(),
        detail,
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut used = Vec::new();
    for table in tables {
        let worksheet = book.add_worksheet();
        worksheet
            .set_name(sheet_name(&table.sheet, &mut used))
            .map_err(|e| failed(e.to_string()))?;
        worksheet.set_right_to_left(arabic);
        for (column, title) in table.header.iter().enumerate() {
            worksheet
                .write_string_with_format(0, column as u16, title, &bold)
                .map_err(|e| failed(e.to_string()))?;
        }
        let formats: Vec<Option<rust_xlsxwriter::Format>> = table
            .formats
            .iter()
            .map(|f| {
                f.as_deref()
                    .map(|code| rust_xlsxwriter::Format::new().set_num_format(code))
            })
            .collect();
        for (index, row) in table.rows.iter().enumerate() {
            let line = index as u32 + 1;
            for (column, cell) in row.iter().enumerate() {
                let col = column as u16;
                let written = match (cell, formats.get(column).and_then(Option::as_ref)) {
                    (Cell::Text(text), _) => worksheet.write_string(line, col, text).map(drop),
                    (Cell::Number(n), Some(format)) => worksheet
                        .write_number_with_format(line, col, *n, format)
                        .map(drop),
                    (Cell::Number(n), None) => worksheet.write_number(line, col, *n).map(drop),
                    (Cell::Empty, _) => Ok(()),
                };
                written.map_err(|e| failed(e.to_string()))?;
            }
        }
        worksheet.autofit();
    }
    let bytes = book.save_to_buffer().map_err(|e| failed(e.to_string()))?;
    replace_file(path, &bytes)
}

/// Writes `tables` as an `.xlsx` workbook (a sheet each) or, for any other name, the first
/// as CSV: what the analytics views export.
pub(crate) fn write_tables(path: &Path, tables: &[Table], arabic: bool) -> Result<()> {
    if wants_xlsx(path) {
        return write_workbook(path, tables, arabic);
    }
    match tables.first() {
        Some(t) => write_table(path, &t.sheet, &t.header, &t.rows, arabic),
        None => write_table(path, "", &[], &[], arabic),
    }
}

/// Writes `bytes` to `path` through a temporary file beside it renamed over it, so a
/// failed export never leaves half a file.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |detail: String| Failure::Io {
        path: path.display().to_string(),
        detail,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(|e| failed(e.to_string()))?;
    std::io::Write::write_all(&mut file, bytes).map_err(|e| failed(e.to_string()))?;
    file.persist(path).map_err(|e| failed(e.to_string()))?;
    Ok(())
}

/// Whether `path` names a spreadsheet (`.xlsx`) rather than a CSV file.
pub(crate) fn wants_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Writes a table as `.xlsx` or, for any other name, as CSV (UTF-8 with a BOM, so
/// spreadsheet programs show Arabic): one file, replaced whole.
pub(crate) fn write_table(
    path: &Path,
    sheet: &str,
    header: &[String],
    rows: &[Vec<Cell>],
    arabic: bool,
) -> Result<()> {
    if wants_xlsx(path) {
        return write_xlsx(path, sheet, header, rows, arabic);
    }
    let failed = |detail: String| Failure::Io {
        path: path.display().to_string(),
        detail,
    };
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(header)
        .map_err(|e| failed(e.to_string()))?;
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) => text.clone(),
                Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
                Cell::Number(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        out.write_record(&cells)
            .map_err(|e| failed(e.to_string()))?;
    }
    let bytes = out.into_inner().map_err(|e| failed(e.to_string()))?;
    replace_file(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_sheet_reads_back_with_arabic_numbers_and_dates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let header = vec!["الاسم".to_string(), "mark".to_string()];
        let rows = vec![
            vec![Cell::Text("ليلى".into()), Cell::Number(18.5)],
            vec![Cell::Text("Omar".into()), Cell::Number(20.0)],
        ];
        write_xlsx(&path, "Marks", &header, &rows, true).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(is_xlsx(&bytes));
        assert_eq!(
            sheet_as_csv(&bytes).unwrap(),
            "الاسم,mark\nليلى,18.5\nOmar,20\n"
        );
        assert!(sheet_as_csv(b"PK\x03\x04 not really").is_err());
    }
}
