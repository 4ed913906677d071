//! Students in and out as CSV: the canonical header both ways, so an export imports back
//! unchanged; every bad row reported with its line; nothing written unless the whole file is
//! valid (or, when asked, only the valid rows).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use chrono::Utc;
use daftar_domain::*;
use daftar_store::{Change, StoreError, Writer};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Failure, Result, RowError};
use crate::import_map::ImportMap;
use crate::{App, Work, parse_date};

pub const CANONICAL_HEADER: [&str; 11] = [
    "admission_number",
    "name_ar",
    "name_en",
    "gender",
    "birth_date",
    "national_id",
    "nationality",
    "grade",
    "classroom",
    "guardian_name",
    "guardian_phone",
];
/// Columns every file has; which names it must have is the school's rule.
const REQUIRED: [&str; 4] = ["admission_number", "gender", "birth_date", "nationality"];
/// Largest file accepted: far above any school's roll, far below what would hurt.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `file_column=daftar_column` pairs for files with other headers.
    pub mappings: Vec<String>,
    /// Import the valid rows and report the others, instead of refusing the file.
    pub skip_invalid: bool,
    /// A file from another system: how its columns become Daftar's.
    pub map: Option<ImportMap>,
    /// Work out what the import would do, row by row, and write nothing.
    pub preview: bool,
}

impl ImportOptions {
    /// A file in Daftar's own columns, refused whole or with its invalid rows skipped.
    pub fn skipping(skip_invalid: bool) -> Self {
        ImportOptions {
            skip_invalid,
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: Vec<RowError>,
    /// Students written with a name still to complete.
    pub to_complete: usize,
    /// Nothing was written: this is what the import would do.
    pub preview: bool,
    /// Each row's outcome, in the file's order.
    pub plan: Vec<RowPlan>,
}

/// What the import does with one row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowPlan {
    pub line: u64,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    /// `new`, `updated` or `unchanged`.
    pub outcome: String,
    /// The student's fields it changes (`classroom` or `guardian` for those).
    pub fields: Vec<String>,
    /// The names it leaves to complete, which the school does not require.
    pub to_complete: Vec<String>,
}

/// What the last import did, for undoing it: whom it created, and the records it changed
/// as they were before. Kept in the data folder's settings until the next import.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ImportUndo {
    name: String,
    students_created: Vec<uuid::Uuid>,
    students_before: Vec<Student>,
    enrollments_created: Vec<uuid::Uuid>,
    enrollments_before: Vec<Enrollment>,
    links_created: Vec<uuid::Uuid>,
}

impl ImportUndo {
    fn extend(&mut self, other: ImportUndo) {
        self.students_created.extend(other.students_created);
        self.students_before.extend(other.students_before);
        self.enrollments_created.extend(other.enrollments_created);
        self.enrollments_before.extend(other.enrollments_before);
        self.links_created.extend(other.links_created);
    }
}

const LAST_IMPORT: &str = "import.last";

struct Row {
    line: u64,
    student: Student,
    is_new: bool,
    /// The student's fields that differ from the record on file.
    fields: Vec<&'static str>,
    to_complete: Vec<&'static str>,
    classroom: Option<Classroom>,
    guardian: Option<(String, String)>,
}

/// A CSV file as typed or exported (set-up files, another system's students): its header
/// as written, and a reader over its rows (a BOM and spaces around cells ignored, rows of
/// any length).
pub(crate) fn headed(text: &str) -> Result<(Vec<String>, csv::Reader<&[u8]>)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Failure::CsvUnreadable {
            line: 1,
            detail: e.to_string(),
        })?
        .iter()
        .map(str::to_string)
        .collect();
    Ok((header, reader))
}

fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

fn gender(text: &str) -> Result<Gender> {
    match search_key(text).as_str() {
        "m" | "ذكر" => Ok(Gender::Male),
        "f" | "انثي" => Ok(Gender::Female),
        _ => Ok(text.parse()?),
    }
}

/// A CSV file as [`App::import_students`] takes it: its name and its text, refused when
/// too large or not UTF-8 (a leading BOM is dropped).
pub fn read_import_file(path: &Path) -> Result<(String, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let io = |e: std::io::Error| Failure::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Failure::Io {
            path: path.display().to_string(),
            detail: format!("larger than {MAX_FILE_BYTES} bytes"),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok((name, import_text_of(&bytes)?))
}

/// A file's bytes as the imports read them: an `.xlsx` file's first sheet as CSV, else
/// UTF-8 text (a leading BOM dropped).
pub fn import_text_of(bytes: &[u8]) -> Result<String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::Io {
            path: "import".into(),
            detail: format!("larger than {MAX_FILE_BYTES} bytes"),
        });
    }
    if crate::spreadsheet::is_xlsx(bytes) {
        return crate::spreadsheet::sheet_as_csv(bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let line = bytes[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64
            + 1;
        Failure::CsvUnreadable {
            line,
            detail: "not UTF-8 text".into(),
        }
    })
}

/// Which field of each record holds each canonical column.
fn columns(
    header: &csv::StringRecord,
    mappings: &[String],
    rule: StudentNames,
) -> Result<HashMap<&'static str, usize>> {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut renamed: HashMap<String, &'static str> = HashMap::new();
    for mapping in mappings {
        let (from, to) = mapping
            .split_once('=')
            .ok_or_else(|| Failure::BadMapping(mapping.clone()))?;
        let to = CANONICAL_HEADER
            .iter()
            .find(|c| **c == to.trim())
            .ok_or_else(|| Failure::BadMapping(mapping.clone()))?;
        renamed.insert(from.trim().to_lowercase(), to);
    }
    let mut found = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        if let Some(canonical) = renamed
            .get(name)
            .copied()
            .or_else(|| CANONICAL_HEADER.iter().copied().find(|c| c == name))
        {
            found.entry(canonical).or_insert(i);
        }
    }
    let name_columns: &[&str] = match rule {
        StudentNames::Both => &["name_ar", "name_en"],
        StudentNames::Arabic => &["name_ar"],
        StudentNames::English => &["name_en"],
    };
    if let Some(missing) = REQUIRED
        .iter()
        .chain(name_columns)
        .find(|c| !found.contains_key(*c))
    {
        return Err(Failure::CsvHeader(missing.to_string()));
    }
    Ok(found)
}

impl App {
    pub(crate) fn row_error(&self, line: u64, failure: &Failure) -> RowError {
        let AppError { code, message, .. } = self.error(failure);
        RowError {
            line,
            code: code.clone(),
            message: self.messages().message(
                "error-import-row",
                &[("line", line.to_string()), ("reason", message)],
            ),
        }
    }

    fn parse_row(
        &self,
        cols: &HashMap<&'static str, usize>,
        record: &csv::StringRecord,
        year: Option<&AcademicYear>,
        names: StudentNames,
    ) -> Result<Row> {
        let field = |name: &str| {
            cols.get(name)
                .and_then(|i| record.get(*i))
                .map(str::trim)
                .unwrap_or("")
        };
        let number = field("admission_number");
        let existing = if number.is_empty() {
            None
        } else {
            self.store.student_by_admission_number(number)?
        };
        let mut student = existing.clone().unwrap_or(Student {
            id: new_id(),
            admission_number: String::new(),
            name_ar: String::new(),
            name_en: String::new(),
            gender: Gender::Male,
            birth_date: chrono::NaiveDate::MIN,
            national_id: None,
            nationality: String::new(),
            status: StudentStatus::Active,
        });
        student.admission_number = number.to_string();
        student.name_ar = field("name_ar").to_string();
        student.name_en = field("name_en").to_string();
        student.gender = gender(field("gender"))?;
        student.birth_date = parse_date(field("birth_date"))?;
        if cols.contains_key("national_id") {
            student.national_id = Some(field("national_id").to_string()).filter(|s| !s.is_empty());
        }
        student.nationality = field("nationality").to_ascii_uppercase();
        student.validate()?;
        if let Some(field) = names.required_missing(&student.name_ar, &student.name_en) {
            return Err(DomainError::Required { field }.into());
        }
        let to_complete = names.to_complete(&student.name_ar, &student.name_en);
        let fields = match &existing {
            None => Vec::new(),
            Some(before) => [
                (
                    "admission_number",
                    before.admission_number != student.admission_number,
                ),
                ("name_ar", before.name_ar != student.name_ar),
                ("name_en", before.name_en != student.name_en),
                ("gender", before.gender != student.gender),
                ("birth_date", before.birth_date != student.birth_date),
                ("national_id", before.national_id != student.national_id),
                ("nationality", before.nationality != student.nationality),
            ]
            .into_iter()
            .filter_map(|(name, differs)| differs.then_some(name))
            .collect(),
        };
        let grade = Some(field("grade"))
            .filter(|g| !g.is_empty())
            .map(|g| self.grade(g))
            .transpose()?;
        let classroom_name = field("classroom");
        let classroom = if classroom_name.is_empty() {
            None
        } else {
            let year = year.ok_or(Failure::NoCurrentYear)?;
            let classroom = self
                .store
                .classroom_named(year.id, classroom_name)?
                .filter(|c| {
                    c.year_id == year.id && grade.as_ref().is_none_or(|g| g.id == c.grade_id)
                })
                .ok_or_else(|| {
                    Failure::UnknownClassroom(classroom_name.chars().take(60).collect())
                })?;
            Some(classroom)
        };
        let (name, phone) = (field("guardian_name"), field("guardian_phone"));
        let guardian = match (name.is_empty(), phone.is_empty()) {
            (true, true) => None,
            (true, false) => {
                return Err(DomainError::Required {
                    field: "guardian_name",
                }
                .into());
            }
            (false, true) => {
                return Err(DomainError::Required {
                    field: "guardian_phone",
                }
                .into());
            }
            (false, false) => Some((name.to_string(), phone.to_string())),
        };
        Ok(Row {
            line: 0,
            student,
            is_new: existing.is_none(),
            fields,
            to_complete,
            classroom,
            guardian,
        })
    }
}

/// Write one valid row: the student, this year's classroom, the guardian. Whether anything
/// changed.
fn apply(
    w: &mut Writer<'_>,
    row: &Row,
    year: Option<&AcademicYear>,
    undo: &mut ImportUndo,
) -> std::result::Result<bool, StoreError> {
    let mut changed = if row.is_new {
        undo.students_created.push(row.student.id);
        w.create_student(&row.student)?
    } else {
        undo.students_before.push(w.get::<Student>(row.student.id)?);
        w.update_student(&row.student)?
    } != Change::Unchanged;
    if let (Some(classroom), Some(year)) = (&row.classroom, year) {
        match w.find::<Enrollment>(Enrollment::natural_id(row.student.id, year.id))? {
            Some(mut e) if e.classroom_id != classroom.id => {
                undo.enrollments_before.push(e.clone());
                e.classroom_id = classroom.id;
                changed |= w.update_enrollment(&e)? != Change::Unchanged;
            }
            Some(_) => {}
            None => {
                // Another system's roll is the school's for the year: placed from its first
                // day, so the registers of days already gone (a set-up on a weekend, a
                // switch mid-week) list them too.
                let enrollment =
                    Enrollment::new(row.student.id, year.id, classroom.id, year.start_date);
                undo.enrollments_created.push(enrollment.id);
                changed |= w.enroll(&enrollment)? != Change::Unchanged;
            }
        }
    }
    if let Some((name, phone)) = &row.guardian {
        let links = w.guardians_of(row.student.id)?;
        let linked = links
            .iter()
            .find(|l| phone_digits(&l.guardian.phone) == phone_digits(phone))
            .map(|l| l.guardian.clone());
        let mut guardian = match linked {
            Some(g) => g,
            None => match w.guardian_by_phone(phone)? {
                Some(g) => g,
                None => Guardian {
                    id: new_id(),
                    name_ar: String::new(),
                    name_en: String::new(),
                    phone: phone.clone(),
                    email: None,
                    address: None,
                    national_id: None,
                    preferred_language: None,
                },
            },
        };
        if has_arabic(name) {
            guardian.name_ar = name.clone();
        } else {
            guardian.name_en = name.clone();
        }
        changed |= w.save_guardian(&guardian)? != Change::Unchanged;
        if !links.iter().any(|l| l.guardian.id == guardian.id) {
            let link = StudentGuardian::new(
                row.student.id,
                guardian.id,
                GuardianRelation::Guardian,
                links.is_empty(),
            );
            undo.links_created.push(link.id);
            changed |= w.link_guardian(&link)? != Change::Unchanged;
        }
    }
    Ok(changed)
}

/// Imports a file's text (already read, as the window gives it), reporting each row written
/// to `work`; a cancel rolls the whole file back.
pub(crate) fn import_text(
    app: &mut App,
    actor: &Actor,
    name: &str,
    text: &str,
    options: &ImportOptions,
    work: &Work,
) -> Result<ImportReport> {
    let names = app.school()?.student_names;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(Failure::Io {
            path: name.chars().take(80).collect(),
            detail: format!("larger than {MAX_FILE_BYTES} bytes"),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| Failure::CsvUnreadable {
            line: 1,
            detail: e.to_string(),
        })?
        .clone();
    let cols = columns(&header, &options.mappings, names)?;
    let year = app.store.current_year()?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(app.row_error(
                    line,
                    &Failure::CsvUnreadable {
                        line,
                        detail: e.to_string(),
                    },
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            let detail = format!("{} fields, the header has {}", record.len(), header.len());
            errors.push(app.row_error(line, &Failure::CsvUnreadable { line, detail }));
            continue;
        }
        match app.parse_row(&cols, &record, year.as_ref(), names) {
            Ok(row) => {
                let number = row.student.admission_number.clone();
                if let Some(first) = seen.insert(number.clone(), line) {
                    seen.insert(number.clone(), first);
                    errors.push(app.row_error(line, &Failure::DuplicateInFile { number, line }));
                    continue;
                }
                rows.push(Row { line, ..row });
            }
            Err(failure) => errors.push(app.row_error(line, &failure)),
        }
    }
    if !errors.is_empty() && !options.skip_invalid {
        errors.sort_by_key(|e| e.line);
        return Err(Failure::ImportRejected(errors));
    }
    let user = actor.staff_id;
    let mut report = ImportReport {
        rows: rows.len() + errors.len(),
        ..Default::default()
    };
    let mut write_errors = Vec::new();
    let mut undo = ImportUndo {
        name: name.chars().take(200).collect(),
        ..Default::default()
    };
    work.begin("import", rows.len() as u64);
    let outcome: Result<()> = app
        .store
        .write_with(user, |w: &mut Writer<'_>| -> Result<()> {
            for (done, row) in rows.iter().enumerate() {
                // Between rows: a cancel rolls back everything this file wrote.
                work.step(done as u64)?;
                let mut done_here = ImportUndo::default();
                let outcome = match w
                    .attempt(|w: &mut Writer<'_>| apply(w, row, year.as_ref(), &mut done_here))
                {
                    Ok(true) if row.is_new => {
                        report.created += 1;
                        "new"
                    }
                    Ok(true) => {
                        report.updated += 1;
                        "updated"
                    }
                    Ok(false) => {
                        report.unchanged += 1;
                        "unchanged"
                    }
                    Err(e) => {
                        write_errors.push((row.line, Failure::Store(e)));
                        continue;
                    }
                };
                undo.extend(done_here);
                let mut fields: Vec<String> = row.fields.iter().map(|f| f.to_string()).collect();
                if outcome == "updated" && fields.is_empty() {
                    fields.push("classroom".into());
                }
                report.to_complete += usize::from(!row.to_complete.is_empty());
                report.plan.push(RowPlan {
                    line: row.line,
                    admission_number: row.student.admission_number.clone(),
                    name_ar: row.student.name_ar.clone(),
                    name_en: row.student.name_en.clone(),
                    outcome: outcome.into(),
                    fields,
                    to_complete: row.to_complete.iter().map(|f| f.to_string()).collect(),
                });
            }
            if !write_errors.is_empty() && !options.skip_invalid {
                return Err(Failure::ImportRejected(Vec::new()));
            }
            if options.preview {
                // Everything was tried for real, then rolled back.
                return Err(Failure::Previewed);
            }
            w.record_audit(&AuditEntry {
                id: new_id(),
                at: Utc::now(),
                user_id: user,
                device_id: w.actor().device_id,
                action: "students.imported".into(),
                detail: format!("{name}: {} new, {} updated", report.created, report.updated),
            })?;
            Ok(())
        });
    work.end();
    errors.extend(
        write_errors
            .iter()
            .map(|(line, failure)| app.row_error(*line, failure)),
    );
    errors.sort_by_key(|e| e.line);
    match outcome {
        Err(Failure::ImportRejected(_)) => Err(Failure::ImportRejected(errors)),
        Err(Failure::Previewed) => {
            report.skipped = errors;
            report.preview = true;
            Ok(report)
        }
        Err(other) => Err(other),
        Ok(()) => {
            report.skipped = errors;
            let kept = serde_json::to_string(&undo).map_err(StoreError::from)?;
            app.store.set_setting(LAST_IMPORT, &kept)?;
            Ok(report)
        }
    }
}

/// What undoing the last import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportUndone {
    pub file: String,
    /// Students the import created, archived again.
    pub removed: usize,
    /// Students (and placements) it changed, put back as they were.
    pub restored: usize,
}

/// Undoes the last import of this data folder in one transaction: the students it created
/// are archived with their placements and guardian links, the records it changed get their
/// values back. Once undone (or with no import), there is nothing to undo.
pub(crate) fn undo_last(app: &mut App, actor: &Actor) -> Result<ImportUndone> {
    let Some(text) = app.store.setting(LAST_IMPORT)? else {
        return Err(Failure::NothingToUndo);
    };
    let undo: ImportUndo =
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let done = ImportUndone {
        file: undo.name.clone(),
        removed: undo.students_created.len(),
        restored: undo.students_before.len(),
    };
    app.store
        .write_with(actor.staff_id, |w: &mut Writer<'_>| -> Result<()> {
            for id in &undo.links_created {
                w.delete::<StudentGuardian>(*id)?;
            }
            for id in &undo.enrollments_created {
                w.delete::<Enrollment>(*id)?;
            }
            for enrollment in &undo.enrollments_before {
                w.update_enrollment(enrollment)?;
            }
            for id in &undo.students_created {
                w.delete::<Student>(*id)?;
            }
            for student in &undo.students_before {
                w.update_student(student)?;
            }
            w.record_audit(&AuditEntry {
                id: new_id(),
                at: Utc::now(),
                user_id: actor.staff_id,
                device_id: w.actor().device_id,
                action: "students.import-undone".into(),
                detail: format!(
                    "{}: {} removed, {} restored",
                    undo.name, done.removed, done.restored
                ),
            })?;
            Ok(())
        })?;
    app.store.delete_setting(LAST_IMPORT)?;
    Ok(done)
}

pub(crate) fn export(app: &App, path: &Path) -> Result<usize> {
    app.school()?;
    let rows = app.store.students_for_export()?;
    if crate::spreadsheet::wants_xlsx(path) {
        use crate::spreadsheet::Cell::Text;
        let table: Vec<Vec<crate::spreadsheet::Cell>> = rows
            .iter()
            .map(|row| {
                let s = &row.student;
                let guardian = row.guardian.as_ref();
                let guardian_name = guardian.map_or(String::new(), |g| {
                    if g.name_ar.trim().is_empty() {
                        g.name_en.clone()
                    } else {
                        g.name_ar.clone()
                    }
                });
                vec![
                    Text(s.admission_number.clone()),
                    Text(s.name_ar.clone()),
                    Text(s.name_en.clone()),
                    Text(s.gender.as_str().into()),
                    Text(s.birth_date.to_string()),
                    Text(s.national_id.clone().unwrap_or_default()),
                    Text(s.nationality.clone()),
                    Text(
                        row.grade
                            .as_ref()
                            .map_or(String::new(), |g| g.name_en.clone()),
                    ),
                    Text(
                        row.classroom
                            .as_ref()
                            .map_or(String::new(), |c| c.name_en.clone()),
                    ),
                    Text(guardian_name),
                    Text(guardian.map_or(String::new(), |g| g.phone.clone())),
                ]
            })
            .collect();
        let header: Vec<String> = CANONICAL_HEADER.iter().map(|c| c.to_string()).collect();
        crate::spreadsheet::write_table(path, "students", &header, &table, false)?;
        return Ok(rows.len());
    }
    let io = |e: std::io::Error| Failure::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Written beside the target and renamed over it, so a failed export never leaves half a file.
    let mut file = tempfile_in(dir).map_err(io)?;
    file.1.write_all(b"\xEF\xBB\xBF").map_err(io)?; // a BOM, so spreadsheet programs read Arabic right
    {
        let mut out = csv::Writer::from_writer(&mut file.1);
        let csv_err = |e: csv::Error| Failure::Io {
            path: path.display().to_string(),
            detail: e.to_string(),
        };
        out.write_record(CANONICAL_HEADER).map_err(csv_err)?;
        for row in &rows {
            let s = &row.student;
            let guardian_name = row.guardian.as_ref().map(|g| {
                if g.name_ar.trim().is_empty() {
                    g.name_en.clone()
                } else {
                    g.name_ar.clone()
                }
            });
            out.write_record([
                s.admission_number.as_str(),
                &s.name_ar,
                &s.name_en,
                s.gender.as_str(),
                &s.birth_date.to_string(),
                s.national_id.as_deref().unwrap_or(""),
                &s.nationality,
                row.grade.as_ref().map_or("", |g| g.name_en.as_str()),
                row.classroom.as_ref().map_or("", |c| c.name_en.as_str()),
                guardian_name.as_deref().unwrap_or(""),
                row.guardian.as_ref().map_or("", |g| g.phone.as_str()),
            ])
            .map_err(csv_err)?;
        }
        out.flush().map_err(io)?;
    }
    file.1.sync_all().map_err(io)?;
    std::fs::rename(&file.0, path).map_err(|e| {
        let _ = std::fs::remove_file(&file.0);
        io(e)
    })?;
    Ok(rows.len())
}

fn tempfile_in(dir: &Path) -> std::io::Result<(std::path::PathBuf, std::fs::File)> {
    for attempt in 0..100 {
        let path = dir.join(format!(
            ".daftar-export-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free temporary file name"))
}
