//! Setting a school up by hand: starting a new school on this desktop, and the set-up
//! records (its profile, years, terms, holidays, grades, classrooms, subjects and staff)
//! listed, created, edited field by field and archived (a tombstone), one generic path
//! the window's set-up screens and `daftar setup` both drive from the fields each kind
//! describes. What remains to set up is the dashboard's checklist.

use std::collections::BTreeMap;
use std::io::Cursor;

use base64::Engine as _;
use daftar_domain::validate::LOGO_BASE64_MAX;
use daftar_domain::*;
use daftar_store::Writer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use crate::{App, Failure, Result, parse_date};

/// A kind of set-up record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SetupKind {
    School,
    Year,
    Term,
    Holiday,
    Grade,
    Classroom,
    Subject,
    Staff,
}

impl SetupKind {
    pub const ALL: [SetupKind; 8] = [
        SetupKind::School,
        SetupKind::Year,
        SetupKind::Term,
        SetupKind::Holiday,
        SetupKind::Grade,
        SetupKind::Classroom,
        SetupKind::Subject,
        SetupKind::Staff,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SetupKind::School => "school",
            SetupKind::Year => "year",
            SetupKind::Term => "term",
            SetupKind::Holiday => "holiday",
            SetupKind::Grade => "grade",
            SetupKind::Classroom => "classroom",
            SetupKind::Subject => "subject",
            SetupKind::Staff => "staff",
        }
    }

    fn table(self) -> &'static str {
        match self {
            SetupKind::School => School::TABLE,
            SetupKind::Year => AcademicYear::TABLE,
            SetupKind::Term => Term::TABLE,
            SetupKind::Holiday => Holiday::TABLE,
            SetupKind::Grade => GradeLevel::TABLE,
            SetupKind::Classroom => Classroom::TABLE,
            SetupKind::Subject => Subject::TABLE,
            SetupKind::Staff => Staff::TABLE,
        }
    }

    /// Whether its records belong to one academic year.
    pub fn in_year(self) -> bool {
        matches!(
            self,
            SetupKind::Term | SetupKind::Holiday | SetupKind::Classroom
        )
    }

    /// What writing it is, as the policy knows it.
    fn action(self) -> Action {
        Action::writing(self.table()).unwrap_or(Action::RunSchool)
    }

    /// Its fields, in the order a form shows them.
    fn fields(self) -> &'static [(&'static str, Input, bool)] {
        use Input::*;
        match self {
            SetupKind::School => &[
                ("name_ar", Text, true),
                ("name_en", Text, true),
                ("principal_name_ar", Text, false),
                ("principal_name_en", Text, false),
                ("address", Text, false),
                ("phone", Text, false),
                ("country", Choice, true),
                ("currency", Choice, true),
                ("currency_minor_digits", Number, true),
                ("tax_number", Text, false),
                ("primary_language", Choice, true),
                ("school_week", Week, true),
                ("date_order", Choice, true),
                ("student_names", Choice, true),
                ("rank_enabled", Bool, true),
            ],
            SetupKind::Year => &[
                ("name", Text, true),
                ("start_date", Date, true),
                ("end_date", Date, true),
                ("school_week", Week, true),
                ("is_current", Bool, true),
            ],
            SetupKind::Term => &[
                ("ordinal", Number, true),
                ("name_ar", Text, true),
                ("name_en", Text, true),
                ("start_date", Date, true),
                ("end_date", Date, true),
            ],
            SetupKind::Holiday => &[
                ("name_ar", Text, true),
                ("name_en", Text, true),
                ("start_date", Date, true),
                ("end_date", Date, false),
            ],
            SetupKind::Grade => &[
                ("ordinal", Number, true),
                ("name_ar", Text, true),
                ("name_en", Text, true),
            ],
            SetupKind::Classroom => &[
                ("grade_id", Choice, true),
                ("name_ar", Text, true),
                ("name_en", Text, true),
                ("homeroom_teacher_id", Choice, false),
                ("capacity", Number, true),
                ("room", Text, false),
            ],
            SetupKind::Subject => &[
                ("code", Text, true),
                ("name_ar", Text, true),
                ("name_en", Text, true),
                ("weight", Number, true),
                ("grade_ids", Many, false),
            ],
            SetupKind::Staff => &[
                ("name_ar", Text, true),
                ("name_en", Text, true),
                ("role", Choice, true),
                ("email", Text, false),
                ("phone", Text, false),
                ("national_id", Text, false),
                ("active", Bool, true),
            ],
        }
    }
}

impl std::str::FromStr for SetupKind {
    type Err = Failure;
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_ascii_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        SetupKind::ALL
            .into_iter()
            .find(|k| k.as_str() == lower || k.as_str() == singular)
            .or(match singular {
                "profile" => Some(SetupKind::School),
                "classe" => Some(SetupKind::Classroom),
                _ => None,
            })
            .ok_or_else(|| Failure::UnknownKind {
                kind: s.chars().take(40).collect(),
                allowed: SetupKind::ALL.map(SetupKind::as_str).join(", "),
            })
    }
}

/// How a field is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Input {
    Text,
    /// `YYYY-MM-DD` on the wire; the window types it in the school's date order.
    Date,
    Number,
    Bool,
    /// The school days, `sun,mon,…`.
    Week,
    /// One of the field's options.
    Choice,
    /// Any of the field's options, comma-separated.
    Many,
}

/// One choice a field offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldOption {
    pub value: String,
    pub label_ar: String,
    pub label_en: String,
}

/// A field of a set-up record as a form shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldSpec {
    pub name: String,
    pub input: Input,
    pub required: bool,
    pub options: Vec<FieldOption>,
}

/// One record, its fields as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetupRecord {
    pub id: Uuid,
    pub values: BTreeMap<String, String>,
}

/// The records of a kind (of a year, for terms, holidays and classrooms) with the fields
/// to edit them by.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetupList {
    pub kind: SetupKind,
    pub year_id: Option<Uuid>,
    pub fields: Vec<FieldSpec>,
    pub records: Vec<SetupRecord>,
    /// Whether the actor may create, edit and archive them (office staff see the school's
    /// set-up but change only classrooms).
    pub editable: bool,
}

/// A new school as the welcome screen's form (or `daftar setup start`) gives it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewSchool {
    pub name_ar: String,
    pub name_en: String,
    /// ISO 3166 alpha-2.
    pub country: String,
    /// ISO 4217; empty takes the country's.
    #[serde(default)]
    pub currency: String,
    pub primary_language: Language,
    /// The administrator setting it up (the first member of staff).
    pub admin_name_ar: String,
    pub admin_name_en: String,
    #[serde(default)]
    pub admin_email: String,
}

/// Countries schools of ours are in, with their currency: (country, currency, Arabic
/// name, English name).
const COUNTRIES: &[(&str, &str, &str, &str)] = &[
    ("AE", "AED", "الإمارات", "United Arab Emirates"),
    ("SA", "SAR", "السعودية", "Saudi Arabia"),
    ("QA", "QAR", "قطر", "Qatar"),
    ("KW", "KWD", "الكويت", "Kuwait"),
    ("BH", "BHD", "البحرين", "Bahrain"),
    ("OM", "OMR", "عُمان", "Oman"),
    ("JO", "JOD", "الأردن", "Jordan"),
    ("EG", "EGP", "مصر", "Egypt"),
    ("LB", "LBP", "لبنان", "Lebanon"),
    ("IQ", "IQD", "العراق", "Iraq"),
    ("MA", "MAD", "المغرب", "Morocco"),
    ("TN", "TND", "تونس", "Tunisia"),
    ("GB", "GBP", "المملكة المتحدة", "United Kingdom"),
    ("US", "USD", "الولايات المتحدة", "United States"),
];

/// ISO 4217 currencies and their minor digits.
const CURRENCIES: &[(&str, u8)] = &[
    ("AED", 2),
    ("SAR", 2),
    ("QAR", 2),
    ("KWD", 3),
    ("BHD", 3),
    ("OMR", 3),
    ("JOD", 3),
    ("EGP", 2),
    ("LBP", 2),
    ("IQD", 3),
    ("MAD", 2),
    ("TND", 3),
    ("GBP", 2),
    ("USD", 2),
    ("EUR", 2),
    ("INR", 2),
    ("PKR", 2),
];

/// The minor digits of an ISO 4217 currency we know.
pub fn currency_digits(currency: &str) -> Option<u8> {
    CURRENCIES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(currency.trim()))
        .map(|(_, digits)| *digits)
}

/// Bands a new school starts with, which its administrator edits.
const DEFAULT_BANDS: &[(f64, &str, &str)] = &[
    (90.0, "ممتاز", "Excellent"),
    (80.0, "جيد جدًا", "Very good"),
    (70.0, "جيد", "Good"),
    (60.0, "مقبول", "Pass"),
    (0.0, "راسب", "Fail"),
];

/// A logo's file is read whole up to this size; larger is refused before decoding.
const LOGO_FILE_MAX: usize = 10 * 1024 * 1024;

/// One item of the dashboard's set-up checklist: done or not, how many there are, and
/// the screen that sets it up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetupStep {
    pub item: String,
    pub done: bool,
    pub count: i64,
    /// The window's route for it (`setup/term`, `students`, …).
    pub route: String,
}

fn option(value: impl Into<String>, ar: &str, en: &str) -> FieldOption {
    FieldOption {
        value: value.into(),
        label_ar: ar.to_string(),
        label_en: en.to_string(),
    }
}

/// A record's field as text: what a form shows and `daftar setup list` prints.
fn text_of(value: &Json) -> String {
    match value {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn record_of<T: Serialize + Entity>(kind: SetupKind, entity: &T) -> Result<SetupRecord> {
    let json = serde_json::to_value(entity).map_err(|e| Failure::Io {
        path: kind.table().into(),
        detail: e.to_string(),
    })?;
    // A term's lock is shown beside its fields; it changes only by locking or unlocking.
    let shown: &[&str] = match kind {
        SetupKind::Term => &["marks_locked"],
        _ => &[],
    };
    let values = kind
        .fields()
        .iter()
        .map(|(name, _, _)| *name)
        .chain(shown.iter().copied())
        .map(|name| (name.to_string(), text_of(&json[name])))
        .collect();
    Ok(SetupRecord {
        id: entity.id(),
        values,
    })
}

/// A typed value as its field holds it; blank is `null` (the field's default, or
/// `required`).
fn typed(field: &'static str, input: Input, text: &str) -> Result<Json> {
    let text = western_digits(text.trim());
    if text.is_empty() {
        return Ok(Json::Null);
    }
    let invalid = || -> Failure {
        DomainError::InvalidFormat {
            field,
            value: text.chars().take(40).collect(),
        }
        .into()
    };
    Ok(match input {
        Input::Text | Input::Choice | Input::Many => Json::String(text),
        Input::Date => Json::String(parse_date(&text).map_err(|_| invalid())?.to_string()),
        Input::Number => {
            let number: f64 = text.replace(',', ".").parse().map_err(|_| invalid())?;
            if !number.is_finite() {
                return Err(invalid());
            }
            if number.fract() == 0.0 && number >= 0.0 {
                Json::from(number as u64)
            } else {
                serde_json::Number::from_f64(number)
                    .map(Json::Number)
                    .ok_or_else(invalid)?
            }
        }
        Input::Bool => Json::Bool(match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" | "on" | "نعم" => true,
            "false" | "no" | "0" | "off" | "لا" => false,
            _ => return Err(invalid()),
        }),
        Input::Week => {
            let week: SchoolWeek = text.parse().map_err(|_| invalid())?;
            daftar_domain::setup::check_week(week)?;
            Json::String(week.to_string())
        }
    })
}

impl App {
    /// Starts a new school in this empty data folder, offline: its profile, its first
    /// member of staff (the administrator setting it up, who is at the desk from now on)
    /// and grade bands to edit. On a connected desktop whose cloud school is empty, the
    /// same; the first sync sends it all.
    pub fn start_school(&mut self, new: &NewSchool) -> Result<Actor> {
        if self.store.school()?.is_some() {
            return Err(Failure::SchoolExists);
        }
        // On a connected desktop, only an account that runs the school may start it.
        self.allow(&self.actor()?, Action::RunSchool, Target::default())?;
        let country = new.country.trim().to_ascii_uppercase();
        let currency = match new.currency.trim() {
            "" => COUNTRIES
                .iter()
                .find(|c| c.0 == country)
                .map(|c| c.1.to_string())
                .ok_or(DomainError::Required { field: "currency" })?,
            given => given.to_ascii_uppercase(),
        };
        let school = School {
            id: new_id(),
            name_ar: new.name_ar.trim().to_string(),
            name_en: new.name_en.trim().to_string(),
            country,
            currency_minor_digits: currency_digits(&currency).unwrap_or(2),
            currency,
            principal_name_ar: String::new(),
            principal_name_en: String::new(),
            primary_language: new.primary_language,
            rank_enabled: false,
            logo_png: None,
            address: None,
            phone: None,
            tax_number: None,
            school_week: SchoolWeek::GULF,
            date_order: DateOrder::DayMonthYear,
            student_names: StudentNames::Both,
        };
        let account = self.account()?;
        let admin = Staff {
            // A connected administrator's account already names their staff record.
            id: account
                .as_ref()
                .and_then(|a| a.staff_id)
                .filter(|id| !id.is_nil())
                .unwrap_or_else(new_id),
            name_ar: new.admin_name_ar.trim().to_string(),
            name_en: new.admin_name_en.trim().to_string(),
            role: StaffRole::Admin,
            email: Some(new.admin_email.trim().to_string()).filter(|e| !e.is_empty()),
            phone: None,
            national_id: None,
            active: true,
        };
        admin
            .validate()
            .map_err(|e| Failure::from(e).in_part("admin"))?;
        self.store.write(admin.id, |w| {
            w.save_school(&school)?;
            w.save_staff(&admin)?;
            let ranges = daftar_domain::setup::band_ranges(
                &DEFAULT_BANDS
                    .iter()
                    .map(|(min, ar, en)| (*min, ar.to_string(), en.to_string()))
                    .collect::<Vec<_>>(),
            );
            w.replace_grade_bands(&ranges)?;
            Ok(())
        })?;
        self.store.delete_setting("demo")?;
        self.store.set_setting("user_id", &admin.id.to_string())?;
        if account.is_none() {
            self.store.set_setting(crate::sync::STARTED_HERE, "true")?;
        }
        if let Some(mut account) = account.filter(|a| a.staff_id.is_none()) {
            // An account made before the school had staff: this desktop works as the
            // administrator just recorded (the cloud links the two when an administrator
            // sets the account's staff record).
            account.staff_id = Some(admin.id);
            account.save(&mut self.store)?;
            self.store
                .set_setting(crate::sync::LINK_STAFF, &admin.id.to_string())?;
        }
        self.actor()
    }

    /// The records of `kind` (of `year`, else the current year, for terms, holidays and
    /// classrooms) with the fields that edit them.
    pub fn setup_list(
        &self,
        actor: &Actor,
        kind: SetupKind,
        year: Option<Uuid>,
    ) -> Result<SetupList> {
        self.school()?;
        let year_id = match (kind.in_year(), year) {
            (false, _) => None,
            (true, Some(id)) => Some(self.store.get::<AcademicYear>(id)?.id),
            (true, None) => Some(self.current_year()?.id),
        };
        let records = match kind {
            SetupKind::School => vec![record_of(kind, &self.school()?)?],
            SetupKind::Year => self
                .years()?
                .iter()
                .map(|y| record_of(kind, &y.year))
                .collect::<Result<_>>()?,
            SetupKind::Term => self
                .store
                .terms(year_id.unwrap_or_default())?
                .iter()
                .map(|t| record_of(kind, t))
                .collect::<Result<_>>()?,
            SetupKind::Holiday => self
                .store
                .holidays(year_id.unwrap_or_default())?
                .iter()
                .map(|h| record_of(kind, h))
                .collect::<Result<_>>()?,
            SetupKind::Grade => self
                .store
                .grades()?
                .iter()
                .map(|g| record_of(kind, g))
                .collect::<Result<_>>()?,
            SetupKind::Classroom => self
                .store
                .classrooms(year_id.unwrap_or_default())?
                .iter()
                .map(|c| record_of(kind, &c.classroom))
                .collect::<Result<_>>()?,
            SetupKind::Subject => {
                let mut subjects = self.store.list::<Subject>()?;
                subjects.sort_by(|a, b| a.code.cmp(&b.code));
                subjects
                    .iter()
                    .map(|s| record_of(kind, s))
                    .collect::<Result<_>>()?
            }
            SetupKind::Staff => {
                let mut staff = self.store.list::<Staff>()?;
                staff.sort_by(|a, b| (!a.active, &a.name_en).cmp(&(!b.active, &b.name_en)));
                staff
                    .iter()
                    .map(|s| record_of(kind, s))
                    .collect::<Result<_>>()?
            }
        };
        Ok(SetupList {
            kind,
            year_id,
            fields: self.field_specs(kind)?,
            records,
            editable: daftar_domain::policy::may(actor.role, kind.action()),
        })
    }

    fn field_specs(&self, kind: SetupKind) -> Result<Vec<FieldSpec>> {
        let grades = || -> Result<Vec<FieldOption>> {
            Ok(self
                .store
                .grades()?
                .into_iter()
                .map(|g| option(g.id.to_string(), &g.name_ar, &g.name_en))
                .collect())
        };
        kind.fields()
            .iter()
            .map(|(name, input, required)| {
                let options = match (kind, *name) {
                    (_, "grade_id") | (_, "grade_ids") => grades()?,
                    (_, "homeroom_teacher_id") => self
                        .store
                        .list::<Staff>()?
                        .into_iter()
                        .filter(|s| s.active)
                        .map(|s| option(s.id.to_string(), &s.name_ar, &s.name_en))
                        .collect(),
                    (_, "role") => vec![
                        option("admin", "إدارة", "Administrator"),
                        option("office", "مكتب", "Office"),
                        option("teacher", "معلم", "Teacher"),
                    ],
                    (_, "primary_language") => vec![
                        option("ar", "العربية", "Arabic"),
                        option("en", "الإنجليزية", "English"),
                    ],
                    (_, "date_order") => vec![
                        option("dmy", "يوم/شهر/سنة", "day/month/year"),
                        option("mdy", "شهر/يوم/سنة", "month/day/year"),
                        option("ymd", "سنة-شهر-يوم", "year-month-day"),
                    ],
                    (_, "student_names") => vec![
                        option("both", "بالعربية والإنجليزية", "Arabic and English"),
                        option("ar", "بالعربية فقط", "Arabic only"),
                        option("en", "بالإنجليزية فقط", "English only"),
                    ],
                    (_, "country") => COUNTRIES
                        .iter()
                        .map(|(code, _, ar, en)| option(*code, ar, en))
                        .collect(),
                    (_, "currency") => CURRENCIES
                        .iter()
                        .map(|(code, _)| option(*code, code, code))
                        .collect(),
                    _ => Vec::new(),
                };
                Ok(FieldSpec {
                    name: name.to_string(),
                    input: *input,
                    required: *required,
                    options,
                })
            })
            .collect()
    }

    /// Creates (`id` none) or edits a record of `kind`, the fields given as text by name;
    /// the fields left out keep their values (a new record: its defaults). Validated as
    /// a whole and written in one transaction.
    pub fn setup_save(
        &mut self,
        actor: &Actor,
        kind: SetupKind,
        id: Option<Uuid>,
        year: Option<Uuid>,
        fields: &[(String, String)],
    ) -> Result<SetupRecord> {
        self.allow(actor, kind.action(), Target::default())?;
        let school = self.school()?;
        let mut record = match id {
            Some(id) => self.record_json(kind, id)?,
            None => self.new_record(kind, &school, year)?,
        };
        let specs = kind.fields();
        for (name, value) in fields {
            let Some((field, input, _)) = specs.iter().find(|(n, _, _)| *n == name.trim()) else {
                return Err(Failure::UnknownField {
                    field: name.chars().take(40).collect(),
                    allowed: specs.iter().map(|f| f.0).collect::<Vec<_>>().join(", "),
                });
            };
            let mut value = typed(field, *input, value)?;
            if *field == "currency"
                && let Json::String(code) = &mut value
            {
                *code = code.to_ascii_uppercase();
                if let Some(digits) = currency_digits(code) {
                    record.insert("currency_minor_digits".into(), Json::from(digits));
                }
            }
            if *field == "country"
                && let Json::String(code) = &mut value
            {
                *code = code.to_ascii_uppercase();
            }
            record.insert(field.to_string(), value);
        }
        // A holiday of one day needs no end.
        if kind == SetupKind::Holiday && record.get("end_date").is_none_or(Json::is_null) {
            let start = record.get("start_date").cloned().unwrap_or(Json::Null);
            record.insert("end_date".into(), start);
        }
        for (field, _, required) in specs {
            let blank = match record.get(*field) {
                None | Some(Json::Null) => true,
                Some(Json::String(s)) => s.trim().is_empty(),
                _ => false,
            };
            if *required && blank {
                return Err(DomainError::Required { field }.into());
            }
        }
        let user = actor.staff_id;
        let saved = match kind {
            SetupKind::School => {
                let school: School = decode(kind, record)?;
                self.store.write(user, |w| w.save_school(&school))?;
                record_of(kind, &school)?
            }
            SetupKind::Year => {
                let year: AcademicYear = decode(kind, record)?;
                self.store.write(user, |w| w.save_year(&year))?;
                record_of(kind, &year)?
            }
            SetupKind::Term => {
                let term: Term = decode(kind, record)?;
                self.store.write(user, |w| w.save_term(&term))?;
                record_of(kind, &term)?
            }
            SetupKind::Holiday => {
                let holiday: Holiday = decode(kind, record)?;
                self.store.write(user, |w| w.save_holiday(&holiday))?;
                record_of(kind, &holiday)?
            }
            SetupKind::Grade => {
                let grade: GradeLevel = decode(kind, record)?;
                self.store.write(user, |w| w.save_grade(&grade))?;
                record_of(kind, &grade)?
            }
            SetupKind::Classroom => {
                let classroom: Classroom = decode(kind, record)?;
                self.store.write(user, |w| w.save_classroom(&classroom))?;
                record_of(kind, &classroom)?
            }
            SetupKind::Subject => {
                let subject: Subject = decode(kind, record)?;
                self.store.write(user, |w| w.save_subject(&subject))?;
                record_of(kind, &subject)?
            }
            SetupKind::Staff => {
                let staff: Staff = decode(kind, record)?;
                self.store.write(user, |w| w.save_staff(&staff))?;
                record_of(kind, &staff)?
            }
        };
        Ok(saved)
    }

    fn record_json(&self, kind: SetupKind, id: Uuid) -> Result<Map<String, Json>> {
        fn json<T: Serialize>(entity: T) -> Map<String, Json> {
            match serde_json::to_value(entity) {
                Ok(Json::Object(map)) => map,
                _ => Map::new(),
            }
        }
        Ok(match kind {
            SetupKind::School => json(self.store.get::<School>(id)?),
            SetupKind::Year => json(self.store.get::<AcademicYear>(id)?),
            SetupKind::Term => json(self.store.get::<Term>(id)?),
            SetupKind::Holiday => json(self.store.get::<Holiday>(id)?),
            SetupKind::Grade => json(self.store.get::<GradeLevel>(id)?),
            SetupKind::Classroom => json(self.store.get::<Classroom>(id)?),
            SetupKind::Subject => json(self.store.get::<Subject>(id)?),
            SetupKind::Staff => json(self.store.get::<Staff>(id)?),
        })
    }

    /// A new record's defaults: the next ordinal, the school's week, an active teacher.
    fn new_record(
        &self,
        kind: SetupKind,
        school: &School,
        year: Option<Uuid>,
    ) -> Result<Map<String, Json>> {
        let mut record = Map::new();
        record.insert("id".into(), Json::String(new_id().to_string()));
        if kind.in_year() {
            let year = match year {
                Some(id) => self.store.get::<AcademicYear>(id)?,
                None => self.current_year()?,
            };
            record.insert("year_id".into(), Json::String(year.id.to_string()));
            if kind == SetupKind::Term {
                let next = self.store.terms(year.id)?.iter().map(|t| t.ordinal).max();
                record.insert("ordinal".into(), Json::from(next.unwrap_or(0) + 1));
            }
        }
        match kind {
            SetupKind::School => return Err(Failure::SchoolExists),
            SetupKind::Year => {
                record.insert("school_week".into(), school.school_week.to_string().into());
                let first = self.store.list::<AcademicYear>()?.is_empty();
                record.insert("is_current".into(), Json::Bool(first));
            }
            SetupKind::Grade => {
                let next = self.store.grades()?.iter().map(|g| g.ordinal).max();
                record.insert("ordinal".into(), Json::from(next.unwrap_or(0) + 1));
            }
            SetupKind::Classroom => {
                record.insert("capacity".into(), Json::from(30));
            }
            SetupKind::Subject => {
                record.insert("weight".into(), Json::from(1));
            }
            SetupKind::Staff => {
                record.insert("role".into(), "teacher".into());
                record.insert("active".into(), Json::Bool(true));
            }
            _ => {}
        }
        Ok(record)
    }

    /// Archives a record (a tombstone, synced like any change). Refused, with how many
    /// records use it, while others depend on it: a year with classrooms, a term with
    /// assessments, a classroom with students or registers, a subject with assessments,
    /// a member of staff who teaches or keeps a homeroom. What only belonged to it (a
    /// year's terms and holidays, a subject's or classroom's teaching assignments) goes
    /// with it.
    pub fn setup_archive(&mut self, actor: &Actor, kind: SetupKind, id: Uuid) -> Result<()> {
        self.allow(actor, kind.action(), Target::default())?;
        let (label, refusals): (String, &[(&'static str, &'static str)]) = match kind {
            SetupKind::School => return Err(Failure::NotArchivable(kind.as_str().into())),
            SetupKind::Year => {
                let year = self.store.get::<AcademicYear>(id)?;
                if year.is_current {
                    return Err(Failure::NotArchivable(year.name));
                }
                (year.name, &[("classrooms", "year_id")])
            }
            SetupKind::Term => (
                self.store.get::<Term>(id)?.name_en,
                &[("assessments", "term_id"), ("term_remarks", "term_id")],
            ),
            SetupKind::Holiday => (self.store.get::<Holiday>(id)?.name_en, &[]),
            SetupKind::Grade => (self.store.get::<GradeLevel>(id)?.name_en, &[]),
            SetupKind::Classroom => (
                self.store.get::<Classroom>(id)?.name_en,
                &[
                    ("enrollments", "classroom_id"),
                    ("attendance", "classroom_id"),
                    ("assessments", "classroom_id"),
                ],
            ),
            SetupKind::Subject => (
                self.store.get::<Subject>(id)?.code,
                &[("assessments", "subject_id")],
            ),
            SetupKind::Staff => {
                if id == actor.staff_id {
                    return Err(Failure::NotArchivable(self.store.get::<Staff>(id)?.name_en));
                }
                (
                    self.store.get::<Staff>(id)?.name_en,
                    &[
                        ("teaching_assignments", "staff_id"),
                        ("classrooms", "homeroom_teacher_id"),
                    ],
                )
            }
        };
        self.store.write_with(actor.staff_id, |w: &mut Writer<'_>| {
            for (table, column) in refusals {
                let count = w.uses(table, column, id)?;
                if count > 0 {
                    return Err(Failure::RecordInUse {
                        record: label.clone(),
                        uses: table,
                        count,
                    });
                }
            }
            match kind {
                SetupKind::Year => {
                    for term in w.ids_where("terms", "year_id", id)? {
                        w.delete::<Term>(term)?;
                    }
                    for holiday in w.ids_where("holidays", "year_id", id)? {
                        w.delete::<Holiday>(holiday)?;
                    }
                    w.delete::<AcademicYear>(id)?;
                }
                SetupKind::Term => {
                    w.delete::<Term>(id)?;
                }
                SetupKind::Holiday => {
                    w.delete::<Holiday>(id)?;
                }
                SetupKind::Grade => {
                    w.archive_grade(id)?;
                }
                SetupKind::Classroom | SetupKind::Subject => {
                    let column = if kind == SetupKind::Classroom {
                        "classroom_id"
                    } else {
                        "subject_id"
                    };
                    for assignment in w.ids_where("teaching_assignments", column, id)? {
                        w.delete::<TeachingAssignment>(assignment)?;
                    }
                    if kind == SetupKind::Classroom {
                        w.delete::<Classroom>(id)?;
                    } else {
                        w.delete::<Subject>(id)?;
                    }
                }
                SetupKind::Staff => {
                    w.delete::<Staff>(id)?;
                }
                SetupKind::School => {}
            }
            Ok(())
        })
    }

    /// Sets the school's logo from a PNG or JPEG file's bytes: scaled down and re-encoded
    /// until it fits the 48 KB printed documents allow.
    pub fn set_logo(&mut self, actor: &Actor, bytes: &[u8]) -> Result<School> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let mut school = self.school()?;
        school.logo_png = Some(fit_logo(bytes)?);
        self.store
            .write(actor.staff_id, |w| w.save_school(&school))?;
        Ok(school)
    }

    /// Takes the logo off the school's documents.
    pub fn clear_logo(&mut self, actor: &Actor) -> Result<School> {
        self.allow(actor, Action::RunSchool, Target::default())?;
        let mut school = self.school()?;
        school.logo_png = None;
        self.store
            .write(actor.staff_id, |w| w.save_school(&school))?;
        Ok(school)
    }

    /// What the school still has to set up, in the order it is done; empty for those who
    /// do not run the school, and once all is done.
    pub fn setup_checklist(&self, actor: &Actor) -> Result<Vec<SetupStep>> {
        if !daftar_domain::policy::may(actor.role, Action::RunSchool) {
            return Ok(Vec::new());
        }
        let school = self.school()?;
        let year = self.store.current_year()?;
        let in_year = |table: &'static str| -> Result<i64> {
            match &year {
                Some(y) => Ok(self.store.count_where(table, "year_id", y.id)?),
                None => Ok(0),
            }
        };
        let classrooms: Vec<Uuid> = match &year {
            Some(y) => self.store.classroom_ids(y.id)?,
            None => Vec::new(),
        };
        let assignments = self
            .store
            .list::<TeachingAssignment>()?
            .iter()
            .filter(|a| classrooms.contains(&a.classroom_id))
            .count() as i64;
        let profile = [&school.address, &school.phone]
            .iter()
            .filter(|f| f.is_some())
            .count() as i64
            + i64::from(!school.principal_name_en.is_empty());
        let staff = self.store.list::<Staff>()?.len() as i64;
        let steps = [
            ("profile", profile, "setup/school", profile >= 2),
            (
                "year",
                i64::from(year.is_some()),
                "setup/year",
                year.is_some(),
            ),
            ("terms", in_year("terms")?, "setup/term", false),
            ("holidays", in_year("holidays")?, "setup/holiday", false),
            (
                "grades",
                self.store.grades()?.len() as i64,
                "setup/grade",
                false,
            ),
            (
                "classrooms",
                classrooms.len() as i64,
                "setup/classroom",
                false,
            ),
            (
                "subjects",
                self.store.list::<Subject>()?.len() as i64,
                "setup/subject",
                false,
            ),
            ("staff", staff, "setup/staff", staff > 1),
            ("assignments", assignments, "setup/assignments", false),
            (
                "students",
                self.store.count_where("students", "status", "active")?,
                "students",
                false,
            ),
            (
                "fees",
                in_year("fee_structures")? + in_year("fee_plans")?,
                "fees/plans",
                false,
            ),
        ];
        let all: Vec<SetupStep> = steps
            .into_iter()
            .map(|(item, count, route, done)| SetupStep {
                item: item.into(),
                done: done || (count > 0 && !matches!(item, "profile" | "staff")),
                count,
                route: route.into(),
            })
            .collect();
        Ok(if all.iter().all(|s| s.done) {
            Vec::new()
        } else {
            all
        })
    }
}

fn decode<T: serde::de::DeserializeOwned>(kind: SetupKind, record: Map<String, Json>) -> Result<T> {
    serde_json::from_value(Json::Object(record)).map_err(|e| {
        DomainError::InvalidFormat {
            field: kind.as_str(),
            value: e.to_string().chars().take(80).collect(),
        }
        .into()
    })
}

/// A logo file as printed documents take it: base64 of a PNG (a JPEG for photographs
/// that stay too large), scaled down until it fits [`LOGO_BASE64_MAX`].
pub fn fit_logo(bytes: &[u8]) -> Result<String> {
    if bytes.len() > LOGO_FILE_MAX {
        return Err(Failure::NotAnImage(format!(
            "{} MB, more than {} MB",
            bytes.len() / (1024 * 1024),
            LOGO_FILE_MAX / (1024 * 1024)
        )));
    }
    let format = image::guess_format(bytes).map_err(|e| Failure::NotAnImage(e.to_string()))?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(Failure::NotAnImage(format!("{format:?}")));
    }
    let picture = image::load_from_memory_with_format(bytes, format)
        .map_err(|e| Failure::NotAnImage(e.to_string()))?;
    let engine = base64::engine::general_purpose::STANDARD;
    for side in [512, 384, 256, 192, 128, 96, 64] {
        let scaled = if picture.width() > side || picture.height() > side {
            picture.resize(side, side, image::imageops::FilterType::Lanczos3)
        } else {
            picture.clone()
        };
        for format in [image::ImageFormat::Png, image::ImageFormat::Jpeg] {
            let mut out = Cursor::new(Vec::new());
            let encoded = if format == image::ImageFormat::Jpeg {
                // JPEG has no transparency: flatten onto white, as the page is.
                image::DynamicImage::ImageRgb8(flatten(&scaled)).write_to(&mut out, format)
            } else {
                scaled.write_to(&mut out, format)
            };
            encoded.map_err(|e| Failure::NotAnImage(e.to_string()))?;
            let text = engine.encode(out.get_ref());
            if text.len() <= LOGO_BASE64_MAX {
                return Ok(text);
            }
        }
    }
    Err(Failure::NotAnImage("too detailed to fit 48 KB".into()))
}

fn flatten(picture: &image::DynamicImage) -> image::RgbImage {
    let rgba = picture.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let mix = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([mix(r), mix(g), mix(b)])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_as_people_name_them() {
        assert_eq!("terms".parse::<SetupKind>().unwrap(), SetupKind::Term);
        assert_eq!("Profile".parse::<SetupKind>().unwrap(), SetupKind::School);
        assert_eq!(
            "classes".parse::<SetupKind>().unwrap(),
            SetupKind::Classroom
        );
        assert!("pupils".parse::<SetupKind>().is_err());
    }

    #[test]
    fn typed_values_take_either_digits_and_refuse_nonsense() {
        assert_eq!(
            typed("capacity", Input::Number, "٣٢").unwrap(),
            Json::from(32u64)
        );
        assert_eq!(
            typed("start_date", Input::Date, "01/09/2026").unwrap(),
            Json::String("2026-09-01".into())
        );
        assert_eq!(typed("room", Input::Text, "  ").unwrap(), Json::Null);
        assert!(typed("active", Input::Bool, "maybe").is_err());
        assert!(typed("school_week", Input::Week, "").unwrap().is_null());
        assert!(typed("school_week", Input::Week, "fun").is_err());
    }

    #[test]
    fn a_large_photograph_is_scaled_to_fit_and_garbage_is_refused() {
        let noise = image::RgbImage::from_fn(1600, 1200, |x, y| {
            let v = (x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)) as u8;
            image::Rgb([v, v.wrapping_mul(7), v.wrapping_add(y as u8)])
        });
        let mut png = Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(noise)
            .write_to(&mut png, image::ImageFormat::Png)
            .unwrap();
        assert!(png.get_ref().len() > 1_000_000);
        let logo = fit_logo(png.get_ref()).unwrap();
        assert!(logo.len() <= LOGO_BASE64_MAX);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&logo)
            .unwrap();
        let back = image::load_from_memory(&bytes).unwrap();
        assert!(back.width() <= 512 && back.height() <= 512);
        assert!(matches!(
            fit_logo(b"not a picture at all"),
            Err(Failure::NotAnImage(_))
        ));
    }
}
