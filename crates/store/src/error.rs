//! The store's errors, each with a stable code for its translated message.

use daftar_domain::{Coded, DomainError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Invalid(#[from] DomainError),
    #[error("no {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },
    #[error("a {entity} with id {id} already exists")]
    AlreadyExists { entity: &'static str, id: String },
    #[error("another student already has admission number {number}")]
    DuplicateAdmissionNumber { number: String },
    #[error("student {student} is already enrolled in {year}")]
    DuplicateEnrollment { student: String, year: String },
    #[error("the database has schema version {found}, newer than this binary's {supported}")]
    NewerDatabase { found: i64, supported: i64 },
    #[error("cannot use {path}: {detail}")]
    Storage { path: String, detail: String },
    #[error("{value} is not a valid value for {column}")]
    InvalidValue { column: String, value: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("a stored row does not read back: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl Coded for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::Invalid(e) => e.code(),
            StoreError::NotFound { .. } => "not-found",
            StoreError::AlreadyExists { .. } => "already-exists",
            StoreError::DuplicateAdmissionNumber { .. } => "duplicate-admission-number",
            StoreError::DuplicateEnrollment { .. } => "duplicate-enrollment",
            StoreError::NewerDatabase { .. } => "newer-database",
            StoreError::Storage { .. } => "storage",
            StoreError::InvalidValue { .. } => "invalid-value",
            StoreError::Sqlite(_) | StoreError::Corrupt(_) => "database",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            StoreError::Invalid(e) => e.args(),
            StoreError::NotFound { entity, id } | StoreError::AlreadyExists { entity, id } => {
                vec![("entity", entity.to_string()), ("id", id.clone())]
            }
            StoreError::DuplicateAdmissionNumber { number } => vec![("number", number.clone())],
            StoreError::DuplicateEnrollment { student, year } => {
                vec![("student", student.clone()), ("year", year.clone())]
            }
            StoreError::NewerDatabase { found, supported } => {
                vec![
                    ("found", found.to_string()),
                    ("supported", supported.to_string()),
                ]
            }
            StoreError::Storage { path, detail } => {
                vec![("path", path.clone()), ("detail", detail.clone())]
            }
            StoreError::InvalidValue { column, value } => {
                vec![("reason", format!("{column}: {value}"))]
            }
            StoreError::Sqlite(e) => vec![("detail", e.to_string())],
            StoreError::Corrupt(detail) => vec![("detail", detail.clone())],
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
