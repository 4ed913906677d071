//! What can go wrong in a use case, and the `{code, message}` form in which it reaches a
//! person, translated.

use daftar_domain::{Coded, DomainError};
use daftar_i18n::Localizer;
use daftar_store::StoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no school in this data folder")]
    NoSchool,
    #[error("this data folder already holds a school")]
    SchoolExists,
    #[error("the school has no current academic year")]
    NoCurrentYear,
    #[error("no classroom named {0:?} in the current year")]
    UnknownClassroom(String),
    #[error("no grade named {0:?}")]
    UnknownGrade(String),
    #[error("{field:?} cannot be set; fields: {allowed}")]
    UnknownField { field: String, allowed: String },
    #[error("{0:?} is not a date")]
    InvalidDate(String),
    #[error("{0:?} is not an id")]
    InvalidId(String),
    #[error("student {0} is listed more than once")]
    StudentTwice(String),
    #[error("the header lacks {0}")]
    CsvHeader(String),
    #[error("line {line}: {detail}")]
    CsvUnreadable { line: u64, detail: String },
    #[error("{0:?} is not a header mapping")]
    BadMapping(String),
    #[error("{number} appears again on line {line}")]
    DuplicateInFile { number: String, line: u64 },
    #[error("{} invalid rows", .0.len())]
    ImportRejected(Vec<RowError>),
    #[error("cannot use {path}: {detail}")]
    Io { path: String, detail: String },
    #[error("no term {0:?} in the current year")]
    UnknownTerm(String),
    #[error("{0:?} is not a month")]
    InvalidMonth(String),
    #[error("{0:?} is not a threshold from 1 to 100 percent")]
    InvalidThreshold(String),
    #[error("the dates run backwards: {from} to {to}")]
    BadDateRange { from: String, to: String },
    #[error(transparent)]
    Report(#[from] daftar_reports::ReportError),
    #[error(transparent)]
    Sync(#[from] daftar_sync::SyncError),
    #[error("{0} changes are not in the cloud yet")]
    UnsyncedChanges(i64),
    #[error("this device is connected as {0}")]
    OtherAccount(String),
    #[error("no conflict {0}")]
    UnknownConflict(String),
    /// The role policy refused the action.
    #[error("{}: {refusal}", action.as_str())]
    NotAllowed {
        action: daftar_domain::Action,
        refusal: daftar_domain::Refusal,
    },
    #[error("the demo school has no {0} to be")]
    NoStaffWithRole(daftar_domain::StaffRole),
    #[error("only a demo school can be explored as another person")]
    NotDemo,
    #[error("no language {0:?}")]
    UnknownLanguage(String),
    #[error("{0:?} is not an amount")]
    InvalidAmount(String),
    #[error("the year {0} has no fee plan")]
    NoFeePlan(String),
    #[error("the family has no credit to apply, or nothing left to pay")]
    NoFamilyCredit,
    /// An amount above what an invoice still asks, both as the school writes money.
    #[error("{amount} is above the balance {balance}")]
    AboveBalance {
        code: &'static str,
        amount: String,
        balance: String,
    },
    #[error("{0:?} is not a mark")]
    InvalidMark(String),
    #[error("{classroom} holds {capacity} students; this would make {students}")]
    ClassroomFull {
        classroom: String,
        capacity: u32,
        students: usize,
    },
    #[error("{0} is not a classroom of the year being placed")]
    WrongYear(String),
    #[error("the school has no academic year after {0}")]
    NoNextYear(String),
    #[error("cancelled")]
    Cancelled,
    /// An import's preview rolled back its own writes (never shown to a person).
    #[error("previewed")]
    Previewed,
    #[error("there is no import to undo")]
    NothingToUndo,
    /// A school started on this desktop goes to the cloud only through an administrator's
    /// account, since its first sync sends the whole school.
    #[error("a school started on this desktop connects only as an administrator")]
    LocalSchoolNeedsAdmin,
    /// Sending a school started here into a cloud school that holds one would mix two.
    #[error("the cloud school {0} already holds a school")]
    CloudSchoolNotEmpty(String),
    #[error("no kind of record {kind:?}; kinds: {allowed}")]
    UnknownKind { kind: String, allowed: String },
    #[error("{value:?} is not one of {allowed}")]
    NotOneOf { value: String, allowed: String },
    #[error("{0} cannot be archived")]
    NotArchivable(String),
    #[error("{record} is still used by {count} {uses}")]
    RecordInUse {
        record: String,
        uses: &'static str,
        count: u32,
    },
    #[error("no kind of record {0:?}")]
    UnknownRecordKind(String),
    #[error("no academic year {0:?}")]
    UnknownYear(String),
    #[error("no subject {0:?}")]
    UnknownSubject(String),
    #[error("no member of staff {0:?}")]
    UnknownStaff(String),
    #[error("{subject} is not taught in {grade}")]
    NotTaughtInGrade { subject: String, grade: String },
    #[error("{0} no longer works at the school")]
    StaffInactive(String),
    #[error("not a PNG or JPEG picture: {0}")]
    NotAnImage(String),
    /// A failure of one part of a form (the guardian of a new student), so the window can
    /// show it beside that part's field.
    #[error("{part}: {failure}")]
    Part {
        part: &'static str,
        failure: Box<Failure>,
    },
}

impl Failure {
    /// The form field a failure is about, when it is about one (`guardian.phone` for a
    /// part's field).
    pub fn field(&self) -> Option<String> {
        match self {
            Failure::Store(StoreError::Invalid(e)) => match e {
                DomainError::Required { field }
                | DomainError::TooLong { field, .. }
                | DomainError::InvalidChoice { field, .. }
                | DomainError::InvalidFormat { field, .. }
                | DomainError::OutOfRange { field, .. }
                | DomainError::AmountNotPositive { field } => Some(field.to_string()),
                DomainError::DateRangeReversed { end_field, .. } => Some(end_field.to_string()),
                DomainError::DuplicateSubjectCode { .. } => Some("code".into()),
                DomainError::CapacityBelowClassSize { .. } => Some("capacity".into()),
                DomainError::TermsOverlap { .. } | DomainError::DatesInUse { .. } => {
                    Some("start_date".into())
                }
                DomainError::WeekWithoutSchoolDay => Some("school_week".into()),
                DomainError::TotalBelowMarks { .. } => Some("total".into()),
                _ => None,
            },
            Failure::Store(StoreError::DuplicateAdmissionNumber { .. }) => {
                Some("admission_number".into())
            }
            Failure::Part { part, failure } => failure.field().map(|f| format!("{part}.{f}")),
            _ => None,
        }
    }

    /// How a failed file operation on `path` reads: for `map_err`.
    pub(crate) fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> Failure + Copy + '_ {
        move |e| Failure::Io {
            path: path.display().to_string(),
            detail: e.to_string(),
        }
    }

    /// This failure as one of a form part's.
    pub fn in_part(self, part: &'static str) -> Failure {
        Failure::Part {
            part,
            failure: Box::new(self),
        }
    }
}

impl From<DomainError> for Failure {
    fn from(e: DomainError) -> Self {
        Failure::Store(StoreError::Invalid(e))
    }
}

impl Coded for Failure {
    fn code(&self) -> &'static str {
        match self {
            Failure::Store(e) => e.code(),
            Failure::NoSchool => "no-school",
            Failure::SchoolExists => "school-exists",
            Failure::NoCurrentYear => "no-current-year",
            Failure::UnknownClassroom(_) => "unknown-classroom",
            Failure::UnknownGrade(_) => "unknown-grade",
            Failure::UnknownField { .. } => "unknown-field",
            Failure::InvalidDate(_) => "invalid-date",
            Failure::InvalidId(_) => "invalid-id",
            Failure::StudentTwice(_) => "student-twice",
            Failure::CsvHeader(_) => "csv-header",
            Failure::CsvUnreadable { .. } => "csv-unreadable",
            Failure::BadMapping(_) => "bad-mapping",
            Failure::DuplicateInFile { .. } => "duplicate-in-file",
            Failure::ImportRejected(_) => "import-rejected",
            Failure::Io { .. } => "storage",
            Failure::UnknownTerm(_) => "unknown-term",
            Failure::InvalidMonth(_) => "invalid-month",
            Failure::InvalidThreshold(_) => "invalid-threshold",
            Failure::BadDateRange { .. } => "bad-date-range",
            Failure::Report(e) => e.code(),
            Failure::Sync(e) => e.code(),
            Failure::UnsyncedChanges(_) => "unsynced-changes",
            Failure::OtherAccount(_) => "other-account",
            Failure::UnknownConflict(_) => "unknown-conflict",
            Failure::NotAllowed { .. } => "not-allowed",
            Failure::NoStaffWithRole(_) => "no-staff-with-role",
            Failure::NotDemo => "not-demo",
            Failure::UnknownLanguage(_) => "unknown-language",
            Failure::InvalidAmount(_) => "invalid-amount",
            Failure::NoFeePlan(_) => "no-fee-plan",
            Failure::NoFamilyCredit => "no-family-credit",
            Failure::AboveBalance { code, .. } => code,
            Failure::InvalidMark(_) => "invalid-mark",
            Failure::ClassroomFull { .. } => "classroom-full",
            Failure::WrongYear(_) => "wrong-year",
            Failure::NoNextYear(_) => "no-next-year",
            Failure::Cancelled => "cancelled",
            Failure::Previewed => "previewed",
            Failure::NothingToUndo => "nothing-to-undo",
            Failure::LocalSchoolNeedsAdmin => "local-school-needs-admin",
            Failure::CloudSchoolNotEmpty(_) => "cloud-school-not-empty",
            Failure::UnknownKind { .. } => "unknown-kind",
            Failure::NotOneOf { .. } => "not-one-of",
            Failure::NotArchivable(_) => "not-archivable",
            Failure::RecordInUse { .. } => "record-in-use",
            Failure::NotAnImage(_) => "not-an-image",
            Failure::NotTaughtInGrade { .. } => "not-taught-in-grade",
            Failure::UnknownRecordKind(_) => "unknown-record-kind",
            Failure::UnknownYear(_) => "unknown-year",
            Failure::UnknownSubject(_) => "unknown-subject",
            Failure::UnknownStaff(_) => "unknown-staff",
            Failure::StaffInactive(_) => "staff-inactive",
            Failure::Part { failure, .. } => failure.code(),
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Failure::Store(e) => e.args(),
            Failure::NoSchool | Failure::SchoolExists | Failure::NoCurrentYear => vec![],
            Failure::UnknownClassroom(name) | Failure::UnknownGrade(name) => {
                vec![("name", name.clone())]
            }
            Failure::UnknownField { field, allowed } => {
                vec![("field", field.clone()), ("allowed", allowed.clone())]
            }
            Failure::InvalidDate(v) | Failure::InvalidId(v) => vec![("value", v.clone())],
            Failure::StudentTwice(s) => vec![("student", s.clone())],
            Failure::CsvHeader(c) => vec![("column", c.clone())],
            Failure::CsvUnreadable { line, detail } => {
                vec![("line", line.to_string()), ("detail", detail.clone())]
            }
            Failure::BadMapping(m) => vec![("mapping", m.clone())],
            Failure::DuplicateInFile { number, line } => {
                vec![("number", number.clone()), ("line", line.to_string())]
            }
            Failure::ImportRejected(rows) => vec![("count", rows.len().to_string())],
            Failure::Io { path, detail } => {
                vec![("path", path.clone()), ("detail", detail.clone())]
            }
            Failure::UnknownTerm(name) => vec![("name", name.clone())],
            Failure::InvalidMonth(v) | Failure::InvalidThreshold(v) => vec![("value", v.clone())],
            Failure::BadDateRange { from, to } => vec![("from", from.clone()), ("to", to.clone())],
            Failure::Report(e) => vec![("detail", e.to_string())],
            Failure::Sync(e) => e.args(),
            Failure::UnsyncedChanges(count) => vec![("count", count.to_string())],
            Failure::OtherAccount(name) => vec![("name", name.clone())],
            Failure::UnknownConflict(id) => vec![("id", id.clone())],
            Failure::NotAllowed { action, refusal } => vec![
                ("action", action.as_str().to_string()),
                ("reason", refusal.as_str().to_string()),
            ],
            Failure::NoStaffWithRole(role) => vec![("role", role.as_str().to_string())],
            Failure::NotDemo
            | Failure::NoFamilyCredit
            | Failure::Cancelled
            | Failure::Previewed
            | Failure::NothingToUndo
            | Failure::LocalSchoolNeedsAdmin => vec![],
            Failure::CloudSchoolNotEmpty(school) => vec![("school", school.clone())],
            Failure::UnknownLanguage(v) | Failure::InvalidAmount(v) | Failure::InvalidMark(v) => {
                vec![("value", v.clone())]
            }
            Failure::ClassroomFull {
                classroom,
                capacity,
                students,
            } => vec![
                ("classroom", classroom.clone()),
                ("capacity", capacity.to_string()),
                ("students", students.to_string()),
            ],
            Failure::WrongYear(name) | Failure::NoNextYear(name) => vec![("name", name.clone())],
            Failure::UnknownKind { kind, allowed } => {
                vec![("kind", kind.clone()), ("allowed", allowed.clone())]
            }
            Failure::NotOneOf { value, allowed } => {
                vec![("value", value.clone()), ("allowed", allowed.clone())]
            }
            Failure::NotArchivable(name) => vec![("name", name.clone())],
            Failure::RecordInUse {
                record,
                uses,
                count,
            } => vec![
                ("record", record.clone()),
                ("uses", uses.to_string()),
                ("count", count.to_string()),
            ],
            Failure::NotAnImage(detail) => vec![("detail", detail.clone())],
            Failure::AboveBalance {
                amount, balance, ..
            } => vec![("amount", amount.clone()), ("balance", balance.clone())],
            Failure::NotTaughtInGrade { subject, grade } => {
                vec![("subject", subject.clone()), ("grade", grade.clone())]
            }
            Failure::StaffInactive(name)
            | Failure::UnknownRecordKind(name)
            | Failure::UnknownYear(name)
            | Failure::NoFeePlan(name)
            | Failure::UnknownSubject(name)
            | Failure::UnknownStaff(name) => vec![("name", name.clone())],
            Failure::Part { failure, .. } => failure.args(),
        }
    }
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// An error as the UI and the CLI show it: a stable code and a translated message, with the
/// rows at fault when a whole file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppError {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<RowError>,
    /// The form field at fault, when the failure is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub field: Option<String>,
}

/// One bad line of an imported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowError {
    pub line: u64,
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(failure: &Failure, messages: &Localizer) -> Self {
        let details = match failure {
            Failure::ImportRejected(rows) => rows.clone(),
            _ => Vec::new(),
        };
        AppError {
            code: failure.code().to_string(),
            message: messages.error(failure),
            details,
            field: failure.field(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}
