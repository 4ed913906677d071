//! Daftar's use cases, shared by the desktop app and the `daftar` CLI: open a school's data
//! folder, explore it, take attendance, edit students, import and export. The callers never
//! see SQL; errors reach them as `{code, message}` in the person's language.

mod classes;
mod csv_io;
pub mod demo;
mod desk;
mod desktop;
mod error;
mod names;
mod printing;
mod registry;
mod sync;
mod work;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use daftar_domain::*;
use daftar_i18n::Localizer;
use daftar_store::{Store, StoreError};
use serde::Serialize;
use uuid::Uuid;

pub use classes::{
    AssignInput, Assigned, Promoted, PromotionInput, PromotionPlan, PromotionRow, YearClassrooms,
    next_year_name,
};
pub use csv_io::{CANONICAL_HEADER, ImportOptions, ImportReport};
pub use daftar_protocol::{Choice, Side};
pub use daftar_store::{AttendanceDay, FeeTotals, InvoiceDetail, InvoiceQuery, InvoiceRow};
pub use daftar_store::{
    AttendanceSummary, ClassMember, ClassroomSummary, Page, RosterEntry, Sort, StudentDetail,
    StudentHit, YearDetail,
};
pub use daftar_store::{LocalConflict, Rejected};
pub use daftar_sync::{Account, Progress, RoundSummary, State as SyncState, Status as SyncStatus};
pub use demo::{DemoOptions, DemoSummary};
pub use desk::{
    AnnouncementInput, Area, Backup, Dashboard, Digits, MarkInput, MarkRow, MarkSheet, Me,
    PaymentInput, RegisterMarks, Session, may, parse_amount,
};
pub use desktop::{Desktop, KeepInput};
pub use error::{AppError, Failure, Result, RowError};
pub use printing::{Printed, parse_month};
pub use registry::{NewGuardian, NewStudent};
pub use sync::{ConflictSide, ConflictView, Keep, SyncOverview};
pub use work::{Work, WorkProgress};

/// The database file inside a data folder.
pub const DATABASE_FILE: &str = "daftar.sqlite3";

/// A school's data folder, open.
pub struct App {
    store: Store,
    messages: Localizer,
    data_dir: PathBuf,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("data_dir", &self.data_dir)
            .field("lang", &self.messages.lang())
            .finish()
    }
}

/// What a student search asks for, as a person gives it: classroom and grade by name.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct StudentSearch {
    pub text: String,
    pub grade: Option<String>,
    pub classroom: Option<String>,
    pub status: Option<StudentStatus>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    /// Only students with no classroom in this academic year.
    pub unplaced_in: Option<Uuid>,
    pub sort: Sort,
    pub descending: bool,
    pub limit: usize,
    pub offset: usize,
}

/// A classroom's register for one day, as the teacher marks it: everyone not listed is
/// present.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    pub classroom: String,
    pub date: NaiveDate,
    pub period: u8,
    /// Students by id or admission number.
    pub absent: Vec<String>,
    pub late: Vec<String>,
    pub excused: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RegisterSaved {
    pub classroom: String,
    pub date: NaiveDate,
    pub present: usize,
    pub absent: usize,
    pub late: usize,
    pub excused: usize,
    /// Marks that are new or different from what was saved before.
    pub changed: usize,
}

/// Fields of a student that `set_student` accepts.
pub const STUDENT_FIELDS: &[&str] = &[
    "admission_number",
    "name_ar",
    "name_en",
    "gender",
    "birth_date",
    "national_id",
    "nationality",
    "status",
    "classroom",
];

/// Fields of a guardian that `set_guardian` accepts.
pub const GUARDIAN_FIELDS: &[&str] = &[
    "name_ar",
    "name_en",
    "phone",
    "email",
    "address",
    "national_id",
];

/// Where a school's data lives when no folder is given: the platform's app-data folder
/// (`~/.local/share/daftar` on Linux), shared by the desktop app and the `daftar` command.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "daftar").map(|dirs| dirs.data_dir().to_path_buf())
}

/// A date as people type it: `YYYY-MM-DD` (also `DD/MM/YYYY`), in Western or Arabic-Indic
/// digits.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let digits = western_digits(text.trim());
    NaiveDate::parse_from_str(&digits, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&digits, "%d/%m/%Y"))
        .map_err(|_| Failure::InvalidDate(text.chars().take(40).collect()))
}

impl App {
    /// Open (creating if need be) the school data in `data_dir`.
    pub fn open(data_dir: &Path, messages: Localizer) -> std::result::Result<Self, AppError> {
        match Store::open(&data_dir.join(DATABASE_FILE), Arc::new(SystemClock)) {
            Ok(store) => Ok(App {
                store,
                messages,
                data_dir: data_dir.to_path_buf(),
            }),
            Err(e) => Err(AppError::new(&Failure::Store(e), &messages)),
        }
    }

    /// Run a use case and give its failure, if any, as a person reads it.
    pub fn call<T>(
        &mut self,
        work: impl FnOnce(&mut App) -> Result<T>,
    ) -> std::result::Result<T, AppError> {
        work(self).map_err(|failure| AppError::new(&failure, &self.messages))
    }

    pub fn error(&self, failure: &Failure) -> AppError {
        AppError::new(failure, &self.messages)
    }

    pub fn messages(&self) -> &Localizer {
        &self.messages
    }

    pub fn set_language(&mut self, messages: Localizer) {
        self.messages = messages;
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Direct access for tests and benchmarks that measure the store itself.
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Who is using this device: the signed-in member of staff.
    pub fn user(&self) -> Result<Uuid> {
        let id = self.store.setting("user_id")?;
        Ok(id
            .and_then(|id| Uuid::parse_str(&id).ok())
            .unwrap_or(Uuid::nil()))
    }

    pub fn create_demo(&mut self, options: DemoOptions) -> Result<DemoSummary> {
        demo::generate(&mut self.store, options)
    }

    pub fn school(&self) -> Result<School> {
        self.store.school()?.ok_or(Failure::NoSchool)
    }

    pub fn current_year(&self) -> Result<AcademicYear> {
        self.school()?;
        self.store.current_year()?.ok_or(Failure::NoCurrentYear)
    }

    pub fn years(&self) -> Result<Vec<YearDetail>> {
        self.school()?;
        Ok(self.store.years()?)
    }

    pub fn classrooms(&self) -> Result<Vec<ClassroomSummary>> {
        let year = self.current_year()?;
        Ok(self.store.classrooms(year.id)?)
    }

    pub fn classroom(&self, name: &str) -> Result<Classroom> {
        let year = self.current_year()?;
        self.store
            .classroom_named(year.id, name)?
            .filter(|c| c.year_id == year.id)
            .ok_or_else(|| Failure::UnknownClassroom(name.chars().take(60).collect()))
    }

    pub fn grade(&self, name: &str) -> Result<GradeLevel> {
        self.store
            .grade_named(name)?
            .ok_or_else(|| Failure::UnknownGrade(name.chars().take(60).collect()))
    }

    pub fn search_students(&self, search: &StudentSearch) -> Result<Page<StudentHit>> {
        self.search_students_within(search, None)
    }

    /// A search limited to students placed in `within` (a teacher's classrooms).
    pub fn search_students_within(
        &self,
        search: &StudentSearch,
        within: Option<Vec<Uuid>>,
    ) -> Result<Page<StudentHit>> {
        self.school()?;
        let filter = daftar_store::StudentFilter {
            grade_id: search
                .grade
                .as_deref()
                .map(|g| self.grade(g))
                .transpose()?
                .map(|g| g.id),
            classroom_id: search
                .classroom
                .as_deref()
                .map(|c| self.classroom(c))
                .transpose()?
                .map(|c| c.id),
            status: search.status,
            gender: search.gender,
            nationality: search.nationality.clone(),
            within,
            unplaced_in: search.unplaced_in,
        };
        let query = daftar_store::SearchQuery {
            text: search.text.chars().take(200).collect(),
            limit: if search.limit == 0 { 20 } else { search.limit },
            offset: search.offset,
        };
        Ok(self
            .store
            .search_students(&query, &filter, search.sort, search.descending)?)
    }

    /// A student by id or admission number.
    pub fn find_student(&self, key: &str) -> Result<Student> {
        let key = key.trim();
        let found = match Uuid::parse_str(key) {
            Ok(id) => self.store.find::<Student>(id)?,
            Err(_) => self.store.student_by_admission_number(key)?,
        };
        found.ok_or_else(|| {
            StoreError::NotFound {
                entity: "students",
                id: key.chars().take(60).collect(),
            }
            .into()
        })
    }

    pub fn student(&self, key: &str) -> Result<StudentDetail> {
        let student = self.find_student(key)?;
        Ok(self.store.student_detail(student.id)?)
    }

    /// Edits a guardian (by id) field by field; an empty value clears an optional field.
    pub fn set_guardian(&mut self, id: &str, fields: &[(String, String)]) -> Result<Guardian> {
        let id = Uuid::parse_str(id.trim())
            .map_err(|_| Failure::InvalidId(id.chars().take(40).collect()))?;
        let mut guardian: Guardian = self.store.get(id)?;
        for (field, value) in fields {
            let value = value.trim();
            let optional = || (!value.is_empty()).then(|| value.to_string());
            match field.trim() {
                "name_ar" => guardian.name_ar = value.to_string(),
                "name_en" => guardian.name_en = value.to_string(),
                "phone" => guardian.phone = value.to_string(),
                "email" => guardian.email = optional(),
                "address" => guardian.address = optional(),
                "national_id" => guardian.national_id = optional(),
                other => {
                    return Err(Failure::UnknownField {
                        field: other.chars().take(40).collect(),
                        allowed: GUARDIAN_FIELDS.join(", "),
                    });
                }
            }
        }
        let user = self.user()?;
        self.store.write(user, |w| w.save_guardian(&guardian))?;
        Ok(guardian)
    }

    /// Change a student's fields (`field=value`); `classroom` moves the student within the
    /// current year. All changes land together or none does.
    pub fn set_student(&mut self, key: &str, fields: &[(String, String)]) -> Result<StudentDetail> {
        let mut student = self.find_student(key)?;
        let mut move_to = None;
        for (field, value) in fields {
            let value = value.trim();
            let text = || value.to_string();
            match field.trim() {
                "admission_number" => student.admission_number = text(),
                "name_ar" => student.name_ar = text(),
                "name_en" => student.name_en = text(),
                "gender" => student.gender = value.parse()?,
                "birth_date" => student.birth_date = parse_date(value)?,
                "national_id" => student.national_id = (!value.is_empty()).then(text),
                "nationality" => student.nationality = value.to_ascii_uppercase(),
                "status" => student.status = value.parse()?,
                "classroom" => move_to = Some(self.classroom(value)?),
                other => {
                    return Err(Failure::UnknownField {
                        field: other.chars().take(40).collect(),
                        allowed: STUDENT_FIELDS.join(", "),
                    });
                }
            }
        }
        let year = move_to.as_ref().map(|_| self.current_year()).transpose()?;
        let user = self.user()?;
        self.store.write(user, |w| {
            w.update_student(&student)?;
            if let (Some(classroom), Some(year)) = (&move_to, &year) {
                match w.find::<Enrollment>(Enrollment::natural_id(student.id, year.id))? {
                    Some(mut enrollment) => {
                        enrollment.classroom_id = classroom.id;
                        w.update_enrollment(&enrollment)?;
                    }
                    None => {
                        let today = Utc::now()
                            .date_naive()
                            .clamp(year.start_date, year.end_date);
                        w.enroll(&Enrollment::new(student.id, year.id, classroom.id, today))?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(self.store.student_detail(student.id)?)
    }

    /// The register of a classroom for a date, with marks already taken.
    pub fn register(
        &self,
        classroom: &str,
        date: NaiveDate,
        period: u8,
    ) -> Result<Vec<RosterEntry>> {
        let classroom = self.classroom(classroom)?;
        Ok(self.store.roster(classroom.id, date, period)?)
    }

    /// Save a classroom's register: the listed students absent, late or excused, everyone
    /// else on the roster present; one transaction.
    pub fn mark_attendance(&mut self, input: &RegisterInput) -> Result<RegisterSaved> {
        let classroom = self.classroom(&input.classroom)?;
        let mut exceptions = Vec::new();
        for (keys, status) in [
            (&input.absent, AttendanceStatus::Absent),
            (&input.late, AttendanceStatus::Late),
            (&input.excused, AttendanceStatus::Excused),
        ] {
            for key in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
                exceptions.push((self.find_student(key)?.id, status));
            }
        }
        self.save_register_of(&classroom, input.date, input.period, &exceptions)
    }

    /// Saves a classroom's register: the students in `exceptions` with their marks,
    /// everyone else on the roster present; one transaction.
    pub(crate) fn save_register_of(
        &mut self,
        classroom: &Classroom,
        date: NaiveDate,
        period: u8,
        exceptions: &[(Uuid, AttendanceStatus)],
    ) -> Result<RegisterSaved> {
        let roster = self.store.roster(classroom.id, date, period)?;
        let mut marks: Vec<(Uuid, AttendanceStatus)> = roster
            .iter()
            .map(|r| (r.student_id, AttendanceStatus::Present))
            .collect();
        let mut marked = std::collections::HashSet::new();
        for &(student, status) in exceptions {
            if !marked.insert(student) {
                let student: Student = self.store.get(student)?;
                return Err(Failure::StudentTwice(student.admission_number));
            }
            match marks.iter_mut().find(|(id, _)| *id == student) {
                Some(mark) => mark.1 = status,
                None => {
                    // Not on this register: let the store say why in its own words.
                    marks.push((student, status));
                }
            }
        }
        let user = self.user()?;
        let taken_at = Utc::now();
        let changed = self.store.write(user, |w| {
            let mut changed = 0;
            for (student, status) in &marks {
                let previous: Option<Attendance> =
                    w.find(Attendance::natural_id(*student, date, period))?;
                if previous
                    .as_ref()
                    .is_some_and(|p| p.status == *status && p.classroom_id == classroom.id)
                {
                    continue; // the same mark again: keep who took it and when
                }
                w.save_attendance(&Attendance {
                    id: Attendance::natural_id(*student, date, period),
                    student_id: *student,
                    classroom_id: classroom.id,
                    date,
                    period,
                    status: *status,
                    taken_by: user,
                    taken_at,
                    note: previous.and_then(|p| p.note),
                })?;
                changed += 1;
            }
            Ok(changed)
        })?;
        let count = |s| marks.iter().filter(|(_, st)| *st == s).count();
        Ok(RegisterSaved {
            classroom: classroom.name_en.clone(),
            date,
            present: count(AttendanceStatus::Present),
            absent: count(AttendanceStatus::Absent),
            late: count(AttendanceStatus::Late),
            excused: count(AttendanceStatus::Excused),
            changed,
        })
    }

    pub fn import_students(
        &mut self,
        path: &Path,
        options: &ImportOptions,
    ) -> Result<ImportReport> {
        csv_io::import(self, path, options)
    }

    /// The window's import: a CSV file's text, its rows written with progress on `work`
    /// and cancellable (nothing is written then); office staff and administrators.
    pub fn import_students_text(
        &mut self,
        name: &str,
        text: &str,
        skip_invalid: bool,
        work: &Work,
    ) -> Result<ImportReport> {
        self.require(Area::Registry)?;
        let options = ImportOptions {
            mappings: Vec::new(),
            skip_invalid,
        };
        csv_io::import_text(self, name, text, &options, work)
    }

    pub fn export_students(&self, path: &Path) -> Result<usize> {
        csv_io::export(self, path)
    }

    /// Local changes waiting to be synced.
    pub fn pending_changes(&self) -> Result<i64> {
        Ok(self.store.outbox_len()?)
    }
}
