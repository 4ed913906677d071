//! Typed validation errors, each with a stable code that names its translated message.

use chrono::NaiveDate;

/// An error that crosses to a person: a stable code (the Fluent id is `error-<code>`) and
/// the values its message needs.
pub trait Coded {
    fn code(&self) -> &'static str;
    fn args(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    #[error("{field} is required")]
    Required { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("{value:?} is not a valid {field}; expected one of {allowed}")]
    InvalidChoice {
        field: &'static str,
        value: String,
        allowed: String,
    },
    #[error("{value:?} is not a valid {field}")]
    InvalidFormat { field: &'static str, value: String },
    #[error("{end_field} is before {start_field}")]
    DateRangeReversed {
        start_field: &'static str,
        end_field: &'static str,
    },
    #[error("{field} must be between {min} and {max}, not {value}")]
    OutOfRange {
        field: &'static str,
        value: String,
        min: String,
        max: String,
    },
    #[error("the mark {mark} is outside 0 to {total}")]
    MarkOutOfRange { mark: f64, total: f64 },
    #[error("{date} is outside the academic year {year}")]
    DateOutsideYear { date: NaiveDate, year: String },
    #[error("{date} is a {weekday}, not a school day")]
    NotSchoolDay { date: NaiveDate, weekday: String },
    #[error("{date} is a school holiday ({holiday_en})")]
    SchoolHoliday {
        date: NaiveDate,
        holiday_ar: String,
        holiday_en: String,
    },
    #[error("student {student} is not enrolled in classroom {classroom} on {date}")]
    NotEnrolled {
        student: String,
        classroom: String,
        date: NaiveDate,
    },
    #[error("the payment {amount} is above the invoice balance {balance}")]
    PaymentAboveBalance { amount: i64, balance: i64 },
    #[error("{field} must be greater than zero")]
    AmountNotPositive { field: &'static str },
    #[error("the term {term} overlaps {other}")]
    TermsOverlap { term: String, other: String },
    #[error("a school week needs at least one school day")]
    WeekWithoutSchoolDay,
    #[error("the grade bands overlap at {percent}%")]
    BandsOverlap { percent: String },
    #[error("the grade bands leave {from}% to {to}% without a band")]
    BandsGap { from: String, to: String },
    #[error("{classroom} already has {students} students; its capacity cannot be {capacity}")]
    CapacityBelowClassSize {
        classroom: String,
        capacity: u32,
        students: u32,
    },
    #[error("another subject has the code {code}")]
    DuplicateSubjectCode { code: String },
    #[error("the grade {grade} still has {classrooms} classrooms")]
    GradeInUse { grade: String, classrooms: u32 },
    #[error("a mark of {highest} is above the total {total}")]
    TotalBelowMarks { total: f64, highest: f64 },
    #[error("the marks of {term} are locked")]
    TermLocked { term: String },
    #[error("{records} attendance records fall outside the new dates")]
    DatesInUse { records: u32 },
    #[error("the instalments add up to {total}, not the item's {amount}")]
    InstalmentsDoNotAddUp { total: i64, amount: i64 },
    #[error("the invoice {number} is voided")]
    InvoiceVoided { number: String },
    #[error("the invoice {number} has payments; credit it instead of voiding it")]
    InvoiceHasPayments { number: String },
    #[error("the credit {amount} is above what the invoice still asks, {balance}")]
    CreditAboveBalance { amount: i64, balance: i64 },
    #[error("the refund {amount} is above what was paid on the invoice, {paid}")]
    RefundAbovePaid { amount: i64, paid: i64 },
    #[error("the credit {amount} is above the family's credit on the invoice, {surplus}")]
    CreditAboveSurplus { amount: i64, surplus: i64 },
}

impl Coded for DomainError {
    fn code(&self) -> &'static str {
        match self {
            DomainError::Required { .. } => "field-required",
            DomainError::TooLong { .. } => "field-too-long",
            DomainError::InvalidChoice { .. } => "invalid-choice",
            DomainError::InvalidFormat { .. } => "invalid-format",
            DomainError::DateRangeReversed { .. } => "date-range-reversed",
            DomainError::OutOfRange { .. } => "value-out-of-range",
            DomainError::MarkOutOfRange { .. } => "mark-out-of-range",
            DomainError::DateOutsideYear { .. } => "date-outside-year",
            DomainError::NotSchoolDay { .. } => "not-a-school-day",
            DomainError::SchoolHoliday { .. } => "school-holiday",
            DomainError::NotEnrolled { .. } => "student-not-enrolled",
            DomainError::PaymentAboveBalance { .. } => "payment-above-balance",
            DomainError::AmountNotPositive { .. } => "amount-not-positive",
            DomainError::TermsOverlap { .. } => "terms-overlap",
            DomainError::WeekWithoutSchoolDay => "week-without-school-day",
            DomainError::BandsOverlap { .. } => "bands-overlap",
            DomainError::BandsGap { .. } => "bands-gap",
            DomainError::CapacityBelowClassSize { .. } => "capacity-below-class-size",
            DomainError::DuplicateSubjectCode { .. } => "duplicate-subject-code",
            DomainError::GradeInUse { .. } => "grade-in-use",
            DomainError::TotalBelowMarks { .. } => "total-below-marks",
            DomainError::TermLocked { .. } => "term-locked",
            DomainError::DatesInUse { .. } => "dates-in-use",
            DomainError::InstalmentsDoNotAddUp { .. } => "instalments-do-not-add-up",
            DomainError::InvoiceVoided { .. } => "invoice-voided",
            DomainError::InvoiceHasPayments { .. } => "invoice-has-payments",
            DomainError::CreditAboveBalance { .. } => "credit-above-balance",
            DomainError::RefundAbovePaid { .. } => "refund-above-paid",
            DomainError::CreditAboveSurplus { .. } => "credit-above-surplus",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            DomainError::Required { field } | DomainError::AmountNotPositive { field } => {
                vec![("field", field.to_string())]
            }
            DomainError::TooLong { field, max } => {
                vec![("field", field.to_string()), ("max", max.to_string())]
            }
            DomainError::InvalidChoice {
                field,
                value,
                allowed,
            } => vec![
                ("field", field.to_string()),
                ("value", value.clone()),
                ("allowed", allowed.clone()),
            ],
            DomainError::InvalidFormat { field, value } => {
                vec![("field", field.to_string()), ("value", value.clone())]
            }
            DomainError::DateRangeReversed {
                start_field,
                end_field,
            } => {
                vec![
                    ("start", start_field.to_string()),
                    ("end", end_field.to_string()),
                ]
            }
            DomainError::OutOfRange {
                field,
                value,
                min,
                max,
            } => vec![
                ("field", field.to_string()),
                ("value", value.clone()),
                ("min", min.clone()),
                ("max", max.clone()),
            ],
            DomainError::MarkOutOfRange { mark, total } => {
                vec![("mark", mark.to_string()), ("total", total.to_string())]
            }
            DomainError::DateOutsideYear { date, year } => {
                vec![("date", date.to_string()), ("year", year.clone())]
            }
            DomainError::NotSchoolDay { date, weekday } => {
                vec![("date", date.to_string()), ("weekday", weekday.clone())]
            }
            DomainError::SchoolHoliday {
                date,
                holiday_ar,
                holiday_en,
            } => vec![
                ("date", date.to_string()),
                ("holiday_ar", holiday_ar.clone()),
                ("holiday_en", holiday_en.clone()),
            ],
            DomainError::NotEnrolled {
                student,
                classroom,
                date,
            } => vec![
                ("student", student.clone()),
                ("classroom", classroom.clone()),
                ("date", date.to_string()),
            ],
            DomainError::PaymentAboveBalance { amount, balance } => {
                vec![
                    ("amount", amount.to_string()),
                    ("balance", balance.to_string()),
                ]
            }
            DomainError::TermsOverlap { term, other } => {
                vec![("term", term.clone()), ("other", other.clone())]
            }
            DomainError::WeekWithoutSchoolDay => vec![],
            DomainError::BandsOverlap { percent } => vec![("percent", percent.clone())],
            DomainError::BandsGap { from, to } => vec![("from", from.clone()), ("to", to.clone())],
            DomainError::CapacityBelowClassSize {
                classroom,
                capacity,
                students,
            } => vec![
                ("classroom", classroom.clone()),
                ("capacity", capacity.to_string()),
                ("students", students.to_string()),
            ],
            DomainError::DuplicateSubjectCode { code } => vec![("code", code.clone())],
            DomainError::GradeInUse { grade, classrooms } => {
                vec![
                    ("grade", grade.clone()),
                    ("classrooms", classrooms.to_string()),
                ]
            }
            DomainError::TotalBelowMarks { total, highest } => {
                vec![
                    ("total", total.to_string()),
                    ("highest", highest.to_string()),
                ]
            }
            DomainError::TermLocked { term } => vec![("term", term.clone())],
            DomainError::DatesInUse { records } => vec![("records", records.to_string())],
            DomainError::InstalmentsDoNotAddUp { total, amount } => {
                vec![("total", total.to_string()), ("amount", amount.to_string())]
            }
            DomainError::InvoiceVoided { number } | DomainError::InvoiceHasPayments { number } => {
                vec![("number", number.clone())]
            }
            DomainError::CreditAboveBalance { amount, balance } => {
                vec![
                    ("amount", amount.to_string()),
                    ("balance", balance.to_string()),
                ]
            }
            // Named as every balance message names them, so the window's message serves
            // the store's refusal and the app's (which writes the money as the school does).
            DomainError::RefundAbovePaid {
                amount,
                paid: balance,
            }
            | DomainError::CreditAboveSurplus {
                amount,
                surplus: balance,
            } => {
                vec![
                    ("amount", amount.to_string()),
                    ("balance", balance.to_string()),
                ]
            }
        }
    }
}
