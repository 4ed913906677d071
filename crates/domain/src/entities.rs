//! The school's entities as flat records: one struct a synced table, one field a column.
//! Sync columns (version, col_versions, hlc, updated_by, deleted) belong to the store.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::calendar::SchoolWeek;
use crate::error::DomainError;
use crate::ids::natural_id;

/// A record of a synced table.
pub trait Entity: Serialize + DeserializeOwned + Clone + std::fmt::Debug {
    /// The table's name, in SQL and on the wire.
    const TABLE: &'static str;
    /// Its columns in declaration order, `id` first; the same names serde gives the fields.
    const COLUMNS: &'static [Column];
    fn id(&self) -> Uuid;
    /// Checks that need nothing but the record itself.
    fn validate(&self) -> Result<(), DomainError>;
}

/// A table that syncs, as the protocol and the store see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    pub name: &'static str,
    pub columns: &'static [Column],
}

impl TableSpec {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// One column of a synced table and the JSON and SQL type of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub nullable: bool,
}

/// The type of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Uuid,
    Text,
    Int,
    Real,
    Bool,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339 in UTC.
    Timestamp,
}

impl Kind {
    /// Whether a JSON value is of this kind (null is checked against `nullable` apart).
    pub fn accepts(self, value: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (self, value) {
            (Kind::Uuid, Value::String(s)) => Uuid::parse_str(s).is_ok(),
            (Kind::Text, Value::String(_)) => true,
            (Kind::Int, Value::Number(n)) => n.is_i64(),
            (Kind::Real, Value::Number(n)) => n.as_f64().is_some_and(f64::is_finite),
            (Kind::Bool, Value::Bool(_)) => true,
            (Kind::Date, Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
            (Kind::Timestamp, Value::String(s)) => DateTime::parse_from_rfc3339(s).is_ok(),
            _ => false,
        }
    }
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = DomainError;
            fn from_str(s: &str) -> Result<Self, DomainError> {
                let lower = s.trim().to_ascii_lowercase();
                match lower.as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err(DomainError::InvalidChoice {
                        field: stringify!($name),
                        value: s.chars().take(40).collect(),
                        allowed: [$($text),+].join(", "),
                    }),
                }
            }
        }
    };
}

string_enum!(
    /// The interface and print language a school prefers first.
    Language { Arabic = "ar", English = "en" }
);
string_enum!(
    /// What a member of staff may do; the cloud checks it on every change.
    StaffRole { Admin = "admin", Office = "office", Teacher = "teacher" }
);
string_enum!(
    /// How a school writes its dates: day/month/year in the Gulf, month/day/year in the US.
    DateOrder { DayMonthYear = "dmy", MonthDayYear = "mdy", YearMonthDay = "ymd" }
);
string_enum!(
    /// Which of a student's names the school requires: both scripts (a Gulf ministry's
    /// roll needs the Arabic one), or only one, the other then left to complete.
    StudentNames { Both = "both", Arabic = "ar", English = "en" }
);
string_enum!(Gender { Male = "male", Female = "female" });
string_enum!(StudentStatus { Active = "active", Withdrawn = "withdrawn", Graduated = "graduated" });
string_enum!(AttendanceStatus { Present = "present", Absent = "absent", Late = "late", Excused = "excused" });
string_enum!(GuardianRelation { Father = "father", Mother = "mother", Guardian = "guardian", Other = "other" });
string_enum!(PaymentMethod { Cash = "cash", Card = "card", BankTransfer = "bank_transfer", Cheque = "cheque" });
string_enum!(
    /// How VAT treats a fee: at the country's standard rate, zero-rated (taxable at 0%, such
    /// as tuition in the UAE) or exempt.
    VatCategory { Standard = "standard", ZeroRated = "zero", Exempt = "exempt" }
);
string_enum!(
    /// What a fee is for. `late_fee` is charged by the school's policy, never planned.
    FeeKind { Tuition = "tuition", Books = "books", Uniform = "uniform", Transport = "transport", Activities = "activities", Custom = "custom", LateFee = "late_fee" }
);
string_enum!(
    /// Why a student pays less, in the order discounts are taken.
    DiscountKind { Sibling = "sibling", StaffChild = "staff_child", Scholarship = "scholarship", OneOff = "one_off" }
);
string_enum!(Audience { Everyone = "everyone", Staff = "staff", Guardians = "guardians", Grade = "grade", Classroom = "classroom" });

macro_rules! column_kind {
    (Uuid) => {
        (Kind::Uuid, false)
    };
    (Text) => {
        (Kind::Text, false)
    };
    (Int) => {
        (Kind::Int, false)
    };
    (Real) => {
        (Kind::Real, false)
    };
    (Bool) => {
        (Kind::Bool, false)
    };
    (Date) => {
        (Kind::Date, false)
    };
    (Timestamp) => {
        (Kind::Timestamp, false)
    };
    (OptUuid) => {
        (Kind::Uuid, true)
    };
    (OptText) => {
        (Kind::Text, true)
    };
    (OptReal) => {
        (Kind::Real, true)
    };
    (OptDate) => {
        (Kind::Date, true)
    };
}

macro_rules! entity {
    ($ty:ident, $table:literal, [$($col:ident : $kind:ident),+ $(,)?]) => {
        impl Entity for $ty {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [Column] = &[$(Column {
                name: stringify!($col),
                kind: column_kind!($kind).0,
                nullable: column_kind!($kind).1,
            }),+];
            fn id(&self) -> Uuid {
                self.id
            }
            fn validate(&self) -> Result<(), DomainError> {
                crate::validate::Validate::check(self)
            }
        }
    };
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct School {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub country: String,
    /// ISO 4217 code of the fees' currency.
    pub currency: String,
    /// Digits after the decimal point of the currency: fees are stored in minor units.
    pub currency_minor_digits: u8,
    pub principal_name_ar: String,
    pub principal_name_en: String,
    pub primary_language: Language,
    pub rank_enabled: bool,
    /// The school's logo for printed documents: a PNG or JPEG, base64, at most 48 KB.
    #[serde(default)]
    pub logo_png: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The tax registration number printed on fee documents.
    #[serde(default)]
    pub tax_number: Option<String>,
    /// The week a new academic year starts with.
    #[serde(default = "gulf_week")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub school_week: SchoolWeek,
    /// How dates are shown and typed in the window and on printouts.
    #[serde(default = "day_month_year")]
    pub date_order: DateOrder,
    /// Which of a student's names are required; a missing optional one is a to-do.
    #[serde(default = "both_names")]
    pub student_names: StudentNames,
}
entity!(School, "schools", [id: Uuid, name_ar: Text, name_en: Text, country: Text, currency: Text, currency_minor_digits: Int, principal_name_ar: Text, principal_name_en: Text, primary_language: Text, rank_enabled: Bool, logo_png: OptText, address: OptText, phone: OptText, tax_number: OptText, school_week: Text, date_order: Text, student_names: Text]);

fn gulf_week() -> SchoolWeek {
    SchoolWeek::GULF
}

fn day_month_year() -> DateOrder {
    DateOrder::DayMonthYear
}

fn both_names() -> StudentNames {
    StudentNames::Both
}

impl StudentNames {
    /// The names `rule` requires that a student lacks: refused at the boundary.
    pub fn required_missing(self, name_ar: &str, name_en: &str) -> Option<&'static str> {
        let (ar, en) = (name_ar.trim().is_empty(), name_en.trim().is_empty());
        match self {
            StudentNames::Both | StudentNames::Arabic if ar => Some("name_ar"),
            StudentNames::Both | StudentNames::English if en => Some("name_en"),
            _ => None,
        }
    }

    /// The names a student lacks that the school lets be completed later.
    pub fn to_complete(self, name_ar: &str, name_en: &str) -> Vec<&'static str> {
        let mut fields = Vec::new();
        if name_ar.trim().is_empty() && self == StudentNames::English {
            fields.push("name_ar");
        }
        if name_en.trim().is_empty() && self == StudentNames::Arabic {
            fields.push("name_en");
        }
        fields
    }
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcademicYear {
    pub id: Uuid,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub school_week: SchoolWeek,
    pub is_current: bool,
}
entity!(AcademicYear, "academic_years", [id: Uuid, name: Text, start_date: Date, end_date: Date, school_week: Text, is_current: Bool]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Term {
    pub id: Uuid,
    pub year_id: Uuid,
    pub ordinal: u8,
    pub name_ar: String,
    pub name_en: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Set once the term's report cards are printed: its marks change only after an
    /// administrator unlocks it (both audited); the cloud refuses them too.
    #[serde(default)]
    pub marks_locked: bool,
}
entity!(Term, "terms", [id: Uuid, year_id: Uuid, ordinal: Int, name_ar: Text, name_en: Text, start_date: Date, end_date: Date, marks_locked: Bool]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Holiday {
    pub id: Uuid,
    pub year_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
}
entity!(Holiday, "holidays", [id: Uuid, year_id: Uuid, name_ar: Text, name_en: Text, start_date: Date, end_date: Date]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GradeLevel {
    pub id: Uuid,
    pub ordinal: u8,
    pub name_ar: String,
    pub name_en: String,
}
entity!(GradeLevel, "grade_levels", [id: Uuid, ordinal: Int, name_ar: Text, name_en: Text]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Classroom {
    pub id: Uuid,
    pub year_id: Uuid,
    pub grade_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub homeroom_teacher_id: Option<Uuid>,
    pub capacity: u32,
    #[serde(default)]
    pub room: Option<String>,
}
entity!(Classroom, "classrooms", [id: Uuid, year_id: Uuid, grade_id: Uuid, name_ar: Text, name_en: Text, homeroom_teacher_id: OptUuid, capacity: Int, room: OptText]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Subject {
    pub id: Uuid,
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    /// The subject's weight in a student's overall average.
    #[serde(default = "one")]
    pub weight: f64,
    /// The grades it is taught in, as comma-separated ids; empty means every grade.
    #[serde(default)]
    pub grade_ids: String,
}
entity!(Subject, "subjects", [id: Uuid, code: Text, name_ar: Text, name_en: Text, weight: Real, grade_ids: Text]);

impl Subject {
    /// The grades it is taught in (none listed: every grade).
    pub fn grades(&self) -> Vec<Uuid> {
        self.grade_ids
            .split(',')
            .filter_map(|id| Uuid::parse_str(id.trim()).ok())
            .collect()
    }

    pub fn taught_in(&self, grade_id: Uuid) -> bool {
        let grades = self.grades();
        grades.is_empty() || grades.contains(&grade_id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Staff {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub role: StaffRole,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub national_id: Option<String>,
    pub active: bool,
}
entity!(Staff, "staff", [id: Uuid, name_ar: Text, name_en: Text, role: Text, email: OptText, phone: OptText, national_id: OptText, active: Bool]);

/// A teacher teaching a subject to a classroom: what a teacher's device may see and change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeachingAssignment {
    pub id: Uuid,
    pub staff_id: Uuid,
    pub classroom_id: Uuid,
    pub subject_id: Uuid,
}
entity!(TeachingAssignment, "teaching_assignments", [id: Uuid, staff_id: Uuid, classroom_id: Uuid, subject_id: Uuid]);

impl TeachingAssignment {
    pub fn new(staff_id: Uuid, classroom_id: Uuid, subject_id: Uuid) -> Self {
        let id = natural_id(
            "teaching_assignment",
            &[
                &staff_id.to_string(),
                &classroom_id.to_string(),
                &subject_id.to_string(),
            ],
        );
        Self {
            id,
            staff_id,
            classroom_id,
            subject_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Student {
    pub id: Uuid,
    pub admission_number: String,
    pub name_ar: String,
    pub name_en: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub national_id: Option<String>,
    /// ISO 3166 alpha-2 code.
    pub nationality: String,
    pub status: StudentStatus,
}
entity!(Student, "students", [id: Uuid, admission_number: Text, name_ar: Text, name_en: Text, gender: Text, birth_date: Date, national_id: OptText, nationality: Text, status: Text]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Guardian {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub national_id: Option<String>,
    /// The language messages to them are written in; the school's own when none.
    #[serde(default)]
    pub preferred_language: Option<Language>,
}
entity!(Guardian, "guardians", [id: Uuid, name_ar: Text, name_en: Text, phone: Text, email: OptText, address: OptText, national_id: OptText, preferred_language: OptText]);

/// A guardian's link to a student; one guardian may have several children at the school.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StudentGuardian {
    pub id: Uuid,
    pub student_id: Uuid,
    pub guardian_id: Uuid,
    pub relation: GuardianRelation,
    pub is_primary: bool,
}
entity!(StudentGuardian, "student_guardians", [id: Uuid, student_id: Uuid, guardian_id: Uuid, relation: Text, is_primary: Bool]);

impl StudentGuardian {
    pub fn new(
        student_id: Uuid,
        guardian_id: Uuid,
        relation: GuardianRelation,
        is_primary: bool,
    ) -> Self {
        let id = natural_id(
            "student_guardian",
            &[&student_id.to_string(), &guardian_id.to_string()],
        );
        Self {
            id,
            student_id,
            guardian_id,
            relation,
            is_primary,
        }
    }
}

/// A student in a classroom for an academic year; one per student and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Enrollment {
    pub id: Uuid,
    pub student_id: Uuid,
    pub year_id: Uuid,
    pub classroom_id: Uuid,
    pub enrolled_on: NaiveDate,
    /// The last day in this classroom, when the student left it during the year.
    pub left_on: Option<NaiveDate>,
}
entity!(Enrollment, "enrollments", [id: Uuid, student_id: Uuid, year_id: Uuid, classroom_id: Uuid, enrolled_on: Date, left_on: OptDate]);

impl Enrollment {
    pub fn natural_id(student_id: Uuid, year_id: Uuid) -> Uuid {
        natural_id(
            "enrollment",
            &[&student_id.to_string(), &year_id.to_string()],
        )
    }
    pub fn new(
        student_id: Uuid,
        year_id: Uuid,
        classroom_id: Uuid,
        enrolled_on: NaiveDate,
    ) -> Self {
        let id = Self::natural_id(student_id, year_id);
        Self {
            id,
            student_id,
            year_id,
            classroom_id,
            enrolled_on,
            left_on: None,
        }
    }
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.enrolled_on <= date && self.left_on.is_none_or(|left| date <= left)
    }
}

/// One student's attendance for a day (period 0) or for one period of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attendance {
    pub id: Uuid,
    pub student_id: Uuid,
    pub classroom_id: Uuid,
    pub date: NaiveDate,
    pub period: u8,
    pub status: AttendanceStatus,
    pub taken_by: Uuid,
    pub taken_at: DateTime<Utc>,
    pub note: Option<String>,
}
entity!(Attendance, "attendance", [id: Uuid, student_id: Uuid, classroom_id: Uuid, date: Date, period: Int, status: Text, taken_by: Uuid, taken_at: Timestamp, note: OptText]);

impl Attendance {
    pub fn natural_id(student_id: Uuid, date: NaiveDate, period: u8) -> Uuid {
        natural_id(
            "attendance",
            &[
                &student_id.to_string(),
                &date.to_string(),
                &period.to_string(),
            ],
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assessment {
    pub id: Uuid,
    pub classroom_id: Uuid,
    pub subject_id: Uuid,
    pub term_id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    /// The mark that counts as full marks, such as 20 or 100.
    pub total: f64,
    /// This assessment's share of the subject's term grade, in percent.
    pub weight: f64,
    pub date: NaiveDate,
}
entity!(Assessment, "assessments", [id: Uuid, classroom_id: Uuid, subject_id: Uuid, term_id: Uuid, name_ar: Text, name_en: Text, total: Real, weight: Real, date: Date]);

/// A student's mark in an assessment; `mark: None` records that there is none yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AssessmentResult {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub student_id: Uuid,
    pub mark: Option<f64>,
    pub remark: Option<String>,
}
entity!(AssessmentResult, "results", [id: Uuid, assessment_id: Uuid, student_id: Uuid, mark: OptReal, remark: OptText]);

impl AssessmentResult {
    pub fn natural_id(assessment_id: Uuid, student_id: Uuid) -> Uuid {
        natural_id(
            "result",
            &[&assessment_id.to_string(), &student_id.to_string()],
        )
    }
}

/// The homeroom teacher's and the principal's remarks on a student's term, printed on the
/// report card. One per student and term (its id is natural).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TermRemark {
    pub id: Uuid,
    pub student_id: Uuid,
    pub term_id: Uuid,
    /// The classroom the student was in, which decides which teacher may write the remark.
    pub classroom_id: Uuid,
    pub teacher_remark: Option<String>,
    pub principal_remark: Option<String>,
}
entity!(TermRemark, "term_remarks", [id: Uuid, student_id: Uuid, term_id: Uuid, classroom_id: Uuid, teacher_remark: OptText, principal_remark: OptText]);

impl TermRemark {
    pub fn natural_id(student_id: Uuid, term_id: Uuid) -> Uuid {
        natural_id(
            "term_remark",
            &[&student_id.to_string(), &term_id.to_string()],
        )
    }
}

/// One band of the grade scale: a percentage from which a label applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GradeBand {
    pub id: Uuid,
    pub min_percent: f64,
    pub label_ar: String,
    pub label_en: String,
}
entity!(GradeBand, "grade_bands", [id: Uuid, min_percent: Real, label_ar: Text, label_en: Text]);

/// A fee charged for a year, to one grade or (no grade) to everyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeeStructure {
    pub id: Uuid,
    pub year_id: Uuid,
    pub grade_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
    /// In the currency's minor units.
    pub amount: i64,
}
entity!(FeeStructure, "fee_structures", [id: Uuid, year_id: Uuid, grade_id: OptUuid, name_ar: Text, name_en: Text, amount: Int]);

/// A year's fees for one grade (or, with no grade, for every grade without its own plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeePlan {
    pub id: Uuid,
    pub year_id: Uuid,
    pub grade_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
}
entity!(FeePlan, "fee_plans", [id: Uuid, year_id: Uuid, grade_id: OptUuid, name_ar: Text, name_en: Text]);

/// One thing a plan charges: its amount, VAT category and instalments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeeItem {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub kind: FeeKind,
    pub name_ar: String,
    pub name_en: String,
    /// In the currency's minor units, before VAT.
    pub amount: i64,
    pub vat: VatCategory,
    /// `YYYY-MM-DD:amount;…` in due order, adding up to `amount` (see `fees::parse_instalments`).
    pub instalments: String,
    /// Where it is listed on the plan and on invoices.
    pub position: i64,
}
entity!(FeeItem, "fee_items", [id: Uuid, plan_id: Uuid, kind: Text, name_ar: Text, name_en: Text, amount: Int, vat: Text, instalments: Text, position: Int]);

/// A year's fee rules: sibling discounts, the cap on all discounts, and the late fee. One
/// per year (its id is the year's natural key), the defaults until a school sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FeePolicy {
    pub id: Uuid,
    pub year_id: Uuid,
    /// The second child's discount on tuition, in basis points (1,000 = 10%).
    pub sibling_second_bp: i64,
    /// The third and later children's.
    pub sibling_later_bp: i64,
    /// The most that all discounts together take off a line, in basis points.
    pub discount_cap_bp: i64,
    /// Charged once on an instalment unpaid past its grace days, in minor units; 0 for none.
    pub late_fee: i64,
    pub late_fee_grace_days: i64,
}
entity!(FeePolicy, "fee_policies", [id: Uuid, year_id: Uuid, sibling_second_bp: Int, sibling_later_bp: Int, discount_cap_bp: Int, late_fee: Int, late_fee_grace_days: Int]);

/// A discount granted to a student for a year, with its reason and who granted it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Discount {
    pub id: Uuid,
    pub student_id: Uuid,
    pub year_id: Uuid,
    pub kind: DiscountKind,
    /// A share of what the discounts before it left, in basis points.
    pub percent_bp: i64,
    /// A fixed sum, in minor units.
    pub amount: i64,
    /// The kind of fee it applies to; every fee when none.
    pub applies_to: Option<FeeKind>,
    /// The instalment (from 1) it applies to; 0 for every instalment.
    pub instalment: i64,
    pub reason: String,
    pub granted_by: Uuid,
    pub granted_on: NaiveDate,
}
entity!(Discount, "discounts", [id: Uuid, student_id: Uuid, year_id: Uuid, kind: Text, percent_bp: Int, amount: Int, applies_to: OptText, instalment: Int, reason: Text, granted_by: Uuid, granted_on: Date]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Invoice {
    pub id: Uuid,
    pub number: String,
    pub student_id: Uuid,
    pub year_id: Uuid,
    pub fee_structure_id: Option<Uuid>,
    pub description: String,
    /// The total with VAT, in minor units: the sum of its lines' totals when it has lines.
    pub amount: i64,
    pub issued_on: NaiveDate,
    pub due_on: NaiveDate,
    /// The fee plan and instalment (from 1) it bills; none and 0 for an invoice of its own.
    #[serde(default)]
    pub plan_id: Option<Uuid>,
    #[serde(default)]
    pub instalment: i64,
    /// The VAT in `amount`.
    #[serde(default)]
    pub vat_amount: i64,
    /// When it was voided, and why: a voided invoice is owed nothing and takes no payment.
    #[serde(default)]
    pub voided_on: Option<NaiveDate>,
    #[serde(default)]
    pub void_reason: Option<String>,
}
entity!(Invoice, "invoices", [id: Uuid, number: Text, student_id: Uuid, year_id: Uuid, fee_structure_id: OptUuid, description: Text, amount: Int, issued_on: Date, due_on: Date, plan_id: OptUuid, instalment: Int, vat_amount: Int, voided_on: OptDate, void_reason: OptText]);

/// A correction of an issued invoice, which is never edited: it takes `amount` off what
/// the invoice asks, with its reason and who issued it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreditNote {
    pub id: Uuid,
    pub number: String,
    pub invoice_id: Uuid,
    pub amount: i64,
    pub reason: String,
    pub issued_on: NaiveDate,
    pub issued_by: Uuid,
}
entity!(CreditNote, "credit_notes", [id: Uuid, number: Text, invoice_id: Uuid, amount: Int, reason: Text, issued_on: Date, issued_by: Uuid]);

/// Money paid back from what was paid on an invoice (a family's credit, a withdrawal), never
/// more than was paid on it, with its reason and who paid it back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Refund {
    pub id: Uuid,
    pub number: String,
    pub invoice_id: Uuid,
    pub amount: i64,
    pub method: PaymentMethod,
    /// A bank transfer's or a cheque's reference.
    #[serde(default)]
    pub reference: Option<String>,
    pub reason: String,
    pub refunded_on: NaiveDate,
    pub refunded_by: Uuid,
}
entity!(Refund, "refunds", [id: Uuid, number: Text, invoice_id: Uuid, amount: Int, method: Text, reference: OptText, reason: Text, refunded_on: Date, refunded_by: Uuid]);

/// A family's credit put to use: part of what was paid on one invoice beyond what it asks,
/// moved to another invoice of the same family. Its id is natural (the two invoices), so
/// two offline desktops applying the same credit write one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreditTransfer {
    pub id: Uuid,
    pub from_invoice_id: Uuid,
    pub to_invoice_id: Uuid,
    pub amount: i64,
    pub applied_on: NaiveDate,
    pub applied_by: Uuid,
}
entity!(CreditTransfer, "credit_transfers", [id: Uuid, from_invoice_id: Uuid, to_invoice_id: Uuid, amount: Int, applied_on: Date, applied_by: Uuid]);

/// One line of an invoice: what it is for, before and after discounts, and its VAT.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InvoiceLine {
    pub id: Uuid,
    pub invoice_id: Uuid,
    pub item_id: Option<Uuid>,
    pub kind: FeeKind,
    pub name_ar: String,
    pub name_en: String,
    pub position: i64,
    pub gross: i64,
    pub discount: i64,
    pub net: i64,
    pub vat: VatCategory,
    pub vat_bp: i64,
    pub vat_amount: i64,
    pub total: i64,
}
entity!(InvoiceLine, "invoice_lines", [id: Uuid, invoice_id: Uuid, item_id: OptUuid, kind: Text, name_ar: Text, name_en: Text, position: Int, gross: Int, discount: Int, net: Int, vat: Text, vat_bp: Int, vat_amount: Int, total: Int]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Payment {
    pub id: Uuid,
    pub receipt_number: String,
    pub invoice_id: Uuid,
    pub amount: i64,
    pub paid_on: NaiveDate,
    pub method: PaymentMethod,
    pub received_by: Uuid,
    /// A cheque's number, a bank transfer's or a card payment's reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// A cheque's bank and date.
    #[serde(default)]
    pub cheque_bank: Option<String>,
    #[serde(default)]
    pub cheque_date: Option<NaiveDate>,
    /// What the office knowingly took beyond the balance it saw, as the family's credit
    /// (a payment in full and more); the cloud flags only a surplus nobody meant.
    #[serde(default)]
    pub surplus: i64,
}
entity!(Payment, "payments", [id: Uuid, receipt_number: Text, invoice_id: Uuid, amount: Int, paid_on: Date, method: Text, received_by: Uuid, reference: OptText, cheque_bank: OptText, cheque_date: OptDate, surplus: Int]);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Announcement {
    pub id: Uuid,
    pub title_ar: String,
    pub title_en: String,
    pub body_ar: String,
    pub body_en: String,
    pub audience: Audience,
    pub classroom_id: Option<Uuid>,
    pub published_on: NaiveDate,
    pub author_id: Uuid,
    /// The grade whose families it is for (audience `grade`).
    #[serde(default)]
    pub grade_id: Option<Uuid>,
}
entity!(Announcement, "announcements", [id: Uuid, title_ar: Text, title_en: Text, body_ar: Text, body_en: Text, audience: Text, classroom_id: OptUuid, published_on: Date, author_id: Uuid, grade_id: OptUuid]);

/// Something a person did that the school may need to account for later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub user_id: Uuid,
    pub device_id: Uuid,
    pub action: String,
    pub detail: String,
}
entity!(AuditEntry, "audit_entries", [id: Uuid, at: Timestamp, user_id: Uuid, device_id: Uuid, action: Text, detail: Text]);

macro_rules! tables {
    ($($ty:ty),+ $(,)?) => {
        /// Every synced table, parents before children so rows can be applied in order.
        pub const TABLES: &[TableSpec] = &[$(TableSpec { name: <$ty>::TABLE, columns: <$ty>::COLUMNS }),+];

        /// Checks a whole record of the named table, given as JSON (as it crosses the wire):
        /// it must read as that entity and pass the entity's own validation.
        /// `None` when there is no such table.
        pub fn validate_record(
            table: &str,
            record: &serde_json::Map<String, serde_json::Value>,
        ) -> Option<Result<(), DomainError>> {
            $(
                if table == <$ty>::TABLE {
                    return Some(validate_as::<$ty>(record));
                }
            )+
            None
        }
    };
}

fn validate_as<T: Entity>(
    record: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), DomainError> {
    let entity: T =
        serde_json::from_value(serde_json::Value::Object(record.clone())).map_err(|e| {
            DomainError::InvalidFormat {
                field: T::TABLE,
                value: e.to_string().chars().take(200).collect(),
            }
        })?;
    entity.validate()
}

tables!(
    School,
    AcademicYear,
    Term,
    Holiday,
    GradeLevel,
    Staff,
    Classroom,
    Subject,
    TeachingAssignment,
    Student,
    Guardian,
    StudentGuardian,
    Enrollment,
    Attendance,
    Assessment,
    AssessmentResult,
    TermRemark,
    GradeBand,
    FeeStructure,
    FeePlan,
    FeeItem,
    FeePolicy,
    Discount,
    Invoice,
    InvoiceLine,
    CreditNote,
    Payment,
    Refund,
    CreditTransfer,
    Announcement,
    AuditEntry,
);

/// The spec of a synced table by name.
pub fn table(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}
