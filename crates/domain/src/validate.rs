//! Validation: what each record must satisfy on its own, and the pure cross-record rules
//! (marks within the total, attendance on a school day of an enrolled student, payments
//! within the balance) that the store checks with the rows it reads.

use chrono::{Datelike, NaiveDate};

use crate::calendar::{NotSchoolDay, check_school_day};
use crate::entities::*;
use crate::error::DomainError;

/// Longest name, code or short text a field may hold, in characters.
pub const NAME_MAX: usize = 200;
/// Longest note, remark or address.
pub const NOTE_MAX: usize = 2_000;
/// 48 KB of image in base64.
pub const LOGO_BASE64_MAX: usize = 65_536;
/// Longest announcement body.
pub const BODY_MAX: usize = 20_000;

/// Checks that need nothing but the record itself.
pub trait Validate {
    fn check(&self) -> Result<(), DomainError>;
}

fn required(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    if value.trim().is_empty() {
        return Err(DomainError::Required { field });
    }
    bounded(field, value, max)
}

fn bounded(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    if value.chars().count() > max {
        return Err(DomainError::TooLong { field, max });
    }
    Ok(())
}

fn optional(field: &'static str, value: &Option<String>, max: usize) -> Result<(), DomainError> {
    value.as_deref().map_or(Ok(()), |v| bounded(field, v, max))
}

fn date_range(
    start_field: &'static str,
    start: NaiveDate,
    end_field: &'static str,
    end: NaiveDate,
) -> Result<(), DomainError> {
    if end < start {
        return Err(DomainError::DateRangeReversed {
            start_field,
            end_field,
        });
    }
    Ok(())
}

fn positive(field: &'static str, amount: i64) -> Result<(), DomainError> {
    if amount <= 0 {
        return Err(DomainError::AmountNotPositive { field });
    }
    Ok(())
}

fn in_range(field: &'static str, value: f64, min: f64, max: f64) -> Result<(), DomainError> {
    if !value.is_finite() || value < min || value > max {
        return Err(DomainError::OutOfRange {
            field,
            value: value.to_string(),
            min: min.to_string(),
            max: max.to_string(),
        });
    }
    Ok(())
}

/// A phone number as people write it: digits (any script), spaces, +, -, parentheses.
fn phone(field: &'static str, value: &str) -> Result<(), DomainError> {
    let digits = value.chars().filter(|c| c.is_numeric()).count();
    let allowed = value.chars().all(|c| c.is_numeric() || " +-()".contains(c));
    if !allowed || !(6..=20).contains(&digits) {
        return Err(DomainError::InvalidFormat {
            field,
            value: value.chars().take(40).collect(),
        });
    }
    Ok(())
}

fn email(field: &'static str, value: &Option<String>) -> Result<(), DomainError> {
    let Some(v) = value else { return Ok(()) };
    bounded(field, v, NAME_MAX)?;
    let ok = v
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !v.contains(' '));
    if !ok {
        return Err(DomainError::InvalidFormat {
            field,
            value: v.chars().take(40).collect(),
        });
    }
    Ok(())
}

fn country_code(field: &'static str, value: &str) -> Result<(), DomainError> {
    if value.len() != 2 || !value.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(DomainError::InvalidFormat {
            field,
            value: value.chars().take(40).collect(),
        });
    }
    Ok(())
}

impl Validate for School {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        country_code("country", &self.country)?;
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(DomainError::InvalidFormat {
                field: "currency",
                value: self.currency.clone(),
            });
        }
        in_range(
            "currency_minor_digits",
            f64::from(self.currency_minor_digits),
            0.0,
            3.0,
        )?;
        bounded("principal_name_ar", &self.principal_name_ar, NAME_MAX)?;
        bounded("principal_name_en", &self.principal_name_en, NAME_MAX)?;
        optional("address", &self.address, NOTE_MAX)?;
        if let Some(p) = &self.phone {
            phone("phone", p)?;
        }
        optional("tax_number", &self.tax_number, 40)?;
        crate::setup::check_week(self.school_week)?;
        if let Some(logo) = &self.logo_png {
            optional("logo_png", &self.logo_png, LOGO_BASE64_MAX)?;
            let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=');
            if logo.is_empty() || !logo.chars().all(base64) {
                return Err(DomainError::InvalidFormat {
                    field: "logo_png",
                    value: logo.chars().take(40).collect(),
                });
            }
        }
        Ok(())
    }
}

impl Validate for AcademicYear {
    fn check(&self) -> Result<(), DomainError> {
        required("name", &self.name, NAME_MAX)?;
        date_range("start_date", self.start_date, "end_date", self.end_date)?;
        crate::setup::check_week(self.school_week)
    }
}

impl Validate for Term {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        date_range("start_date", self.start_date, "end_date", self.end_date)
    }
}

impl Validate for Holiday {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        date_range("start_date", self.start_date, "end_date", self.end_date)
    }
}

impl Validate for GradeLevel {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)
    }
}

impl Validate for Classroom {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        in_range("capacity", f64::from(self.capacity), 1.0, 500.0)?;
        optional("room", &self.room, 40)
    }
}

impl Validate for Subject {
    fn check(&self) -> Result<(), DomainError> {
        required("code", &self.code, 20)?;
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        in_range("weight", self.weight, 0.0, 100.0)?;
        bounded("grade_ids", &self.grade_ids, 4_000)
    }
}

impl Validate for Staff {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        email("email", &self.email)?;
        if let Some(p) = &self.phone {
            phone("phone", p)?;
        }
        optional("national_id", &self.national_id, 40)
    }
}

impl Validate for TeachingAssignment {
    fn check(&self) -> Result<(), DomainError> {
        Ok(())
    }
}

impl Validate for Student {
    fn check(&self) -> Result<(), DomainError> {
        required("admission_number", &self.admission_number, 40)?;
        // Which names a school requires is its own setting (School::student_names), checked
        // where a student is entered; every student has at least one.
        if self.name_ar.trim().is_empty() {
            required("name_en", &self.name_en, NAME_MAX)?;
        }
        bounded("name_ar", &self.name_ar, NAME_MAX)?;
        bounded("name_en", &self.name_en, NAME_MAX)?;
        optional("national_id", &self.national_id, 40)?;
        country_code("nationality", &self.nationality)?;
        if self.birth_date.year() < 1900 || self.birth_date.year() > 2200 {
            return Err(DomainError::InvalidFormat {
                field: "birth_date",
                value: self.birth_date.to_string(),
            });
        }
        Ok(())
    }
}

impl Validate for Guardian {
    fn check(&self) -> Result<(), DomainError> {
        // A guardian may be known by a name in one script only.
        if self.name_ar.trim().is_empty() {
            required("name_en", &self.name_en, NAME_MAX)?;
        }
        bounded("name_ar", &self.name_ar, NAME_MAX)?;
        bounded("name_en", &self.name_en, NAME_MAX)?;
        phone("phone", &self.phone)?;
        email("email", &self.email)?;
        optional("address", &self.address, NOTE_MAX)?;
        optional("national_id", &self.national_id, 40)
    }
}

impl Validate for StudentGuardian {
    fn check(&self) -> Result<(), DomainError> {
        Ok(())
    }
}

impl Validate for Enrollment {
    fn check(&self) -> Result<(), DomainError> {
        if let Some(left) = self.left_on {
            date_range("enrolled_on", self.enrolled_on, "left_on", left)?;
        }
        Ok(())
    }
}

impl Validate for Attendance {
    fn check(&self) -> Result<(), DomainError> {
        in_range("period", f64::from(self.period), 0.0, 12.0)?;
        optional("note", &self.note, NOTE_MAX)
    }
}

impl Validate for Assessment {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        if !(self.total.is_finite() && self.total > 0.0 && self.total <= 10_000.0) {
            return Err(DomainError::OutOfRange {
                field: "total",
                value: self.total.to_string(),
                min: "0".into(),
                max: "10000".into(),
            });
        }
        in_range("weight", self.weight, 0.0, 100.0)
    }
}

impl Validate for AssessmentResult {
    fn check(&self) -> Result<(), DomainError> {
        if let Some(mark) = self.mark
            && !mark.is_finite()
        {
            return Err(DomainError::InvalidFormat {
                field: "mark",
                value: mark.to_string(),
            });
        }
        optional("remark", &self.remark, NOTE_MAX)
    }
}

/// A remark is printed on the report card: a few lines, not an essay.
pub const REMARK_MAX: usize = 500;

impl Validate for TermRemark {
    fn check(&self) -> Result<(), DomainError> {
        optional("teacher_remark", &self.teacher_remark, REMARK_MAX)?;
        optional("principal_remark", &self.principal_remark, REMARK_MAX)
    }
}

impl Validate for GradeBand {
    fn check(&self) -> Result<(), DomainError> {
        in_range("min_percent", self.min_percent, 0.0, 100.0)?;
        required("label_ar", &self.label_ar, 40)?;
        required("label_en", &self.label_en, 40)
    }
}

impl Validate for FeeStructure {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        positive("amount", self.amount)
    }
}

impl Validate for Invoice {
    fn check(&self) -> Result<(), DomainError> {
        required("number", &self.number, 40)?;
        bounded("description", &self.description, NAME_MAX)?;
        positive("amount", self.amount)?;
        optional("void_reason", &self.void_reason, NAME_MAX)?;
        if self.voided_on.is_some()
            && self
                .void_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            return Err(DomainError::Required {
                field: "void_reason",
            });
        }
        date_range("issued_on", self.issued_on, "due_on", self.due_on)
    }
}

/// A basis-point share: 0 to 100%.
fn basis_points(field: &'static str, bp: i64) -> Result<(), DomainError> {
    if !(0..=crate::fees::WHOLE_BP).contains(&bp) {
        return Err(DomainError::OutOfRange {
            field,
            value: format!("{}%", bp as f64 / 100.0),
            min: "0%".into(),
            max: "100%".into(),
        });
    }
    Ok(())
}

impl Validate for FeePlan {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)
    }
}

impl Validate for FeeItem {
    fn check(&self) -> Result<(), DomainError> {
        required("name_ar", &self.name_ar, NAME_MAX)?;
        required("name_en", &self.name_en, NAME_MAX)?;
        positive("amount", self.amount)?;
        if self.kind == FeeKind::LateFee {
            return Err(DomainError::InvalidChoice {
                field: "kind",
                value: self.kind.to_string(),
                allowed: "tuition, books, uniform, transport, activities, custom".into(),
            });
        }
        bounded("instalments", &self.instalments, 2_000)?;
        let instalments = crate::fees::parse_instalments(&self.instalments)?;
        crate::fees::check_instalment_amounts(self.amount, &instalments)
    }
}

impl Validate for FeePolicy {
    fn check(&self) -> Result<(), DomainError> {
        basis_points("sibling_second", self.sibling_second_bp)?;
        basis_points("sibling_later", self.sibling_later_bp)?;
        basis_points("discount_cap", self.discount_cap_bp)?;
        if self.late_fee < 0 {
            return Err(DomainError::AmountNotPositive { field: "late_fee" });
        }
        in_range(
            "late_fee_grace_days",
            self.late_fee_grace_days as f64,
            0.0,
            365.0,
        )
    }
}

impl Validate for Discount {
    fn check(&self) -> Result<(), DomainError> {
        required("reason", &self.reason, NAME_MAX)?;
        basis_points("percent", self.percent_bp)?;
        if self.amount < 0 {
            return Err(DomainError::AmountNotPositive { field: "amount" });
        }
        if self.percent_bp == 0 && self.amount == 0 {
            return Err(DomainError::Required { field: "percent" });
        }
        Ok(())
    }
}

impl Validate for CreditNote {
    fn check(&self) -> Result<(), DomainError> {
        required("number", &self.number, 40)?;
        required("reason", &self.reason, NAME_MAX)?;
        positive("amount", self.amount)
    }
}

impl Validate for Refund {
    fn check(&self) -> Result<(), DomainError> {
        required("number", &self.number, 40)?;
        required("reason", &self.reason, NAME_MAX)?;
        optional("reference", &self.reference, 80)?;
        positive("amount", self.amount)
    }
}

impl Validate for CreditTransfer {
    fn check(&self) -> Result<(), DomainError> {
        if self.from_invoice_id == self.to_invoice_id {
            return Err(DomainError::InvalidFormat {
                field: "to_invoice",
                value: self.to_invoice_id.to_string(),
            });
        }
        positive("amount", self.amount)
    }
}

impl Validate for InvoiceLine {
    fn check(&self) -> Result<(), DomainError> {
        required("name_en", &self.name_en, NAME_MAX)?;
        bounded("name_ar", &self.name_ar, NAME_MAX)?;
        let reconciles = self.gross - self.discount == self.net
            && self.net + self.vat_amount == self.total
            && self.discount >= 0
            && self.net >= 0;
        if !reconciles {
            return Err(DomainError::InvalidFormat {
                field: "invoice_line",
                value: format!(
                    "{} - {} = {} + {} = {}",
                    self.gross, self.discount, self.net, self.vat_amount, self.total
                ),
            });
        }
        Ok(())
    }
}

impl Validate for Payment {
    fn check(&self) -> Result<(), DomainError> {
        required("receipt_number", &self.receipt_number, 40)?;
        optional("reference", &self.reference, 80)?;
        optional("cheque_bank", &self.cheque_bank, NAME_MAX)?;
        if !(0..=self.amount).contains(&self.surplus) {
            return Err(DomainError::InvalidFormat {
                field: "surplus",
                value: self.surplus.to_string(),
            });
        }
        positive("amount", self.amount)
    }
}

impl Validate for Announcement {
    fn check(&self) -> Result<(), DomainError> {
        required("title_ar", &self.title_ar, NAME_MAX)?;
        bounded("title_en", &self.title_en, NAME_MAX)?;
        bounded("body_ar", &self.body_ar, BODY_MAX)?;
        bounded("body_en", &self.body_en, BODY_MAX)?;
        if (self.audience == Audience::Classroom) != self.classroom_id.is_some() {
            return Err(DomainError::Required {
                field: "classroom_id",
            });
        }
        if (self.audience == Audience::Grade) != self.grade_id.is_some() {
            return Err(DomainError::Required { field: "grade_id" });
        }
        Ok(())
    }
}

impl Validate for AuditEntry {
    fn check(&self) -> Result<(), DomainError> {
        required("action", &self.action, NAME_MAX)?;
        bounded("detail", &self.detail, NOTE_MAX)
    }
}

/// A mark must lie between zero and the assessment's total.
pub fn check_mark(mark: Option<f64>, assessment: &Assessment) -> Result<(), DomainError> {
    match mark {
        Some(m) if !(m.is_finite() && (0.0..=assessment.total).contains(&m)) => {
            Err(DomainError::MarkOutOfRange {
                mark: m,
                total: assessment.total,
            })
        }
        _ => Ok(()),
    }
}

/// A date on which something happens at school (attendance, an assessment) must be a school
/// day of its academic year.
pub fn check_school_date(
    date: NaiveDate,
    year: &AcademicYear,
    holidays: &[Holiday],
) -> Result<(), DomainError> {
    check_school_day(date, year, holidays).map_err(|why| match why {
        NotSchoolDay::OutsideYear => DomainError::DateOutsideYear {
            date,
            year: year.name.clone(),
        },
        NotSchoolDay::Weekend(day) => DomainError::NotSchoolDay {
            date,
            weekday: day.to_string().to_lowercase(),
        },
        NotSchoolDay::Holiday(h) => DomainError::SchoolHoliday {
            date,
            holiday_ar: h.name_ar.clone(),
            holiday_en: h.name_en.clone(),
        },
    })
}

/// Attendance is taken for a student enrolled in that classroom on that date.
pub fn check_enrolled(
    record: &Attendance,
    enrollment: Option<&Enrollment>,
    student_label: &str,
    classroom_label: &str,
) -> Result<(), DomainError> {
    match enrollment {
        Some(e) if e.classroom_id == record.classroom_id && e.covers(record.date) => Ok(()),
        _ => Err(DomainError::NotEnrolled {
            student: student_label.to_string(),
            classroom: classroom_label.to_string(),
            date: record.date,
        }),
    }
}

/// A payment may not exceed what is still owed on its invoice.
pub fn check_payment(amount: i64, balance: i64) -> Result<(), DomainError> {
    positive("amount", amount)?;
    if amount > balance {
        return Err(DomainError::PaymentAboveBalance { amount, balance });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coded;
    use crate::calendar::SchoolWeek;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn assessment(total: f64) -> Assessment {
        Assessment {
            id: Uuid::from_u128(1),
            classroom_id: Uuid::from_u128(2),
            subject_id: Uuid::from_u128(3),
            term_id: Uuid::from_u128(4),
            name_ar: "اختبار".into(),
            name_en: "Quiz".into(),
            total,
            weight: 25.0,
            date: d(2025, 10, 5),
        }
    }

    fn student() -> Student {
        Student {
            id: Uuid::from_u128(9),
            admission_number: "S-1".into(),
            name_ar: "سارة".into(),
            name_en: "Sara".into(),
            gender: Gender::Female,
            birth_date: d(2014, 3, 1),
            national_id: None,
            nationality: "AE".into(),
            status: StudentStatus::Active,
        }
    }

    #[test]
    fn marks_must_lie_within_the_total() {
        let a = assessment(20.0);
        assert!(check_mark(Some(0.0), &a).is_ok());
        assert!(check_mark(Some(20.0), &a).is_ok());
        assert!(check_mark(None, &a).is_ok());
        let above = check_mark(Some(20.5), &a).unwrap_err();
        assert_eq!(above.code(), "mark-out-of-range");
        assert_eq!(
            above.args(),
            vec![("mark", "20.5".into()), ("total", "20".into())]
        );
        assert_eq!(
            check_mark(Some(-1.0), &a).unwrap_err().code(),
            "mark-out-of-range"
        );
        assert_eq!(
            check_mark(Some(f64::NAN), &a).unwrap_err().code(),
            "mark-out-of-range"
        );
    }

    #[test]
    fn payments_stay_within_the_balance() {
        assert!(check_payment(500, 500).is_ok());
        assert_eq!(
            check_payment(501, 500).unwrap_err().code(),
            "payment-above-balance"
        );
        assert_eq!(
            check_payment(0, 500).unwrap_err().code(),
            "amount-not-positive"
        );
    }

    #[test]
    fn attendance_needs_an_enrollment_in_that_classroom_covering_the_date() {
        let classroom = Uuid::from_u128(2);
        let mut e = Enrollment::new(
            Uuid::from_u128(9),
            Uuid::from_u128(1),
            classroom,
            d(2025, 9, 1),
        );
        let record = Attendance {
            id: Uuid::nil(),
            student_id: e.student_id,
            classroom_id: classroom,
            date: d(2025, 10, 5),
            period: 0,
            status: AttendanceStatus::Present,
            taken_by: Uuid::nil(),
            taken_at: chrono::Utc::now(),
            note: None,
        };
        assert!(check_enrolled(&record, Some(&e), "S-1", "5A").is_ok());
        assert_eq!(
            check_enrolled(&record, None, "S-1", "5A")
                .unwrap_err()
                .code(),
            "student-not-enrolled"
        );
        e.left_on = Some(d(2025, 10, 1));
        assert!(check_enrolled(&record, Some(&e), "S-1", "5A").is_err());
        e.left_on = None;
        e.classroom_id = Uuid::from_u128(77);
        assert!(check_enrolled(&record, Some(&e), "S-1", "5A").is_err());
    }

    #[test]
    fn school_dates_are_checked_against_the_calendar() {
        let year = AcademicYear {
            id: Uuid::from_u128(1),
            name: "2025/2026".into(),
            start_date: d(2025, 8, 31),
            end_date: d(2026, 6, 30),
            school_week: SchoolWeek::GULF,
            is_current: true,
        };
        assert!(check_school_date(d(2025, 9, 7), &year, &[]).is_ok());
        assert_eq!(
            check_school_date(d(2025, 9, 5), &year, &[])
                .unwrap_err()
                .code(),
            "not-a-school-day"
        );
        assert_eq!(
            check_school_date(d(2026, 7, 5), &year, &[])
                .unwrap_err()
                .code(),
            "date-outside-year"
        );
    }

    #[test]
    fn records_check_their_own_fields() {
        assert!(student().validate().is_ok());
        let mut s = student();
        s.name_ar = "   ".into();
        assert!(s.validate().is_ok(), "a name in one script is a student");
        s.name_en = String::new();
        assert_eq!(
            s.validate().unwrap_err(),
            DomainError::Required { field: "name_en" }
        );
        let mut s = student();
        s.name_en = "x".repeat(NAME_MAX + 1);
        assert_eq!(s.validate().unwrap_err().code(), "field-too-long");
        let mut s = student();
        s.nationality = "uae".into();
        assert_eq!(s.validate().unwrap_err().code(), "invalid-format");
        assert_eq!(
            assessment(0.0).validate().unwrap_err().code(),
            "value-out-of-range"
        );
        assert_eq!(
            "maybe".parse::<Gender>().unwrap_err().code(),
            "invalid-choice"
        );
        assert_eq!("Female".parse::<Gender>().unwrap(), Gender::Female);
    }

    #[test]
    fn a_schools_name_rule_refuses_a_required_name_and_lists_an_optional_one() {
        use StudentNames::*;
        assert_eq!(Both.required_missing("سارة", ""), Some("name_en"));
        assert_eq!(Both.required_missing("", "Sara"), Some("name_ar"));
        assert!(Both.to_complete("سارة", "").is_empty());
        assert_eq!(Arabic.required_missing("سارة", ""), None);
        assert_eq!(Arabic.to_complete("سارة", " "), vec!["name_en"]);
        assert_eq!(Arabic.required_missing("", "Sara"), Some("name_ar"));
        assert_eq!(English.required_missing("سارة", ""), Some("name_en"));
        assert_eq!(English.to_complete("", "Sara"), vec!["name_ar"]);
        assert!(English.to_complete("سارة", "Sara").is_empty());
    }

    #[test]
    fn phone_numbers_accept_arabic_digits_and_reject_letters() {
        assert!(phone("phone", "+971 50 123 4567").is_ok());
        assert!(phone("phone", "٠٥٠١٢٣٤٥٦٧").is_ok());
        assert!(phone("phone", "call me").is_err());
        assert!(phone("phone", "12").is_err());
    }

    #[test]
    fn serde_field_names_are_the_declared_columns() {
        fn keys<T: Entity>(record: &T) -> Vec<String> {
            match serde_json::to_value(record).unwrap() {
                serde_json::Value::Object(map) => map.keys().cloned().collect(),
                other => panic!("{other}"),
            }
        }
        let mut cols: Vec<String> = Student::COLUMNS
            .iter()
            .map(|c| c.name.to_string())
            .collect();
        let mut got = keys(&student());
        cols.sort();
        got.sort();
        assert_eq!(got, cols);
        let mut cols: Vec<String> = Assessment::COLUMNS
            .iter()
            .map(|c| c.name.to_string())
            .collect();
        let mut got = keys(&assessment(10.0));
        cols.sort();
        got.sort();
        assert_eq!(got, cols);
    }

    #[test]
    fn column_kinds_accept_what_serde_writes() {
        let value = serde_json::to_value(assessment(10.0)).unwrap();
        for column in Assessment::COLUMNS {
            assert!(column.kind.accepts(&value[column.name]), "{}", column.name);
        }
        let value = serde_json::to_value(student()).unwrap();
        for column in Student::COLUMNS {
            let v = &value[column.name];
            assert!(
                v.is_null() && column.nullable || column.kind.accepts(v),
                "{}",
                column.name
            );
        }
        assert!(!Kind::Date.accepts(&serde_json::json!("2025-13-01")));
        assert!(!Kind::Int.accepts(&serde_json::json!(1.5)));
        assert!(!Kind::Uuid.accepts(&serde_json::json!("not-a-uuid")));
    }
}
