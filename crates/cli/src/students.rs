//! `daftar students` and `daftar guardians`: finding students (a teacher: their own
//! classrooms'), a student's profile, and editing students and guardians field by field.

use clap::{Subcommand, ValueEnum};
use daftar_app::{Failure, GUARDIAN_FIELDS, STUDENT_FIELDS, Sort, StudentDetail, StudentSearch};
use daftar_domain::{Gender, School, StudentStatus};

use crate::output::Output;
use crate::{Context, out};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortBy {
    NameEn,
    NameAr,
    AdmissionNumber,
    BirthDate,
}

fn parse_status(s: &str) -> Result<StudentStatus, String> {
    s.parse()
        .map_err(|e: daftar_domain::DomainError| e.to_string())
}

fn parse_gender(s: &str) -> Result<Gender, String> {
    s.parse()
        .map_err(|e: daftar_domain::DomainError| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum StudentsCommand {
    /// Search by name in Arabic or English, admission number or national id.
    Search {
        /// Words to look for; empty lists everyone.
        #[arg(default_value = "")]
        query: String,
        #[arg(long)]
        grade: Option<String>,
        #[arg(long)]
        classroom: Option<String>,
        #[arg(long, value_parser = parse_status)]
        status: Option<StudentStatus>,
        #[arg(long, value_parser = parse_gender)]
        gender: Option<Gender>,
        /// Two-letter country code.
        #[arg(long)]
        nationality: Option<String>,
        /// Only students with no classroom in the current year.
        #[arg(long)]
        unplaced: bool,
        /// Only students with a name still to complete.
        #[arg(long)]
        incomplete: bool,
        #[arg(long, value_enum, default_value = "name-en")]
        sort: SortBy,
        /// Sort in descending order.
        #[arg(long)]
        desc: bool,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=500))]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// A student's profile: guardians, enrollment, attendance, marks, fees.
    Show {
        /// Id or admission number.
        id: String,
    },
    /// Change fields: FIELD=VALUE (admission_number, name_ar, name_en, gender, birth_date,
    /// national_id, nationality, status, classroom).
    Set {
        /// Id or admission number.
        id: String,
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GuardiansCommand {
    /// Change fields: FIELD=VALUE (name_ar, name_en, phone, email, address, national_id,
    /// preferred_language ar or en; an empty value clears an optional one).
    Set {
        id: String,
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
    },
}

/// `FIELD=VALUE` arguments as pairs.
fn field_pairs(fields: &[String], allowed: &[&str]) -> Result<Vec<(String, String)>, Failure> {
    fields
        .iter()
        .map(|f| {
            f.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .ok_or_else(|| Failure::UnknownField {
                    field: f.clone(),
                    allowed: allowed.join(", "),
                })
        })
        .collect()
}

pub fn run(cx: &mut Context, command: &StudentsCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        StudentsCommand::Search {
            query,
            grade,
            classroom,
            status,
            gender,
            nationality,
            sort,
            desc,
            limit,
            offset,
            unplaced,
            incomplete,
        } => {
            let page = cx.app.call(|a| {
                let unplaced_in = match unplaced {
                    true => Some(a.current_year()?.id),
                    false => None,
                };
                let search = StudentSearch {
                    unplaced_in,
                    incomplete: *incomplete,
                    text: query.clone(),
                    grade: grade.clone(),
                    classroom: classroom.clone(),
                    status: *status,
                    gender: *gender,
                    nationality: nationality.clone(),
                    sort: match sort {
                        SortBy::NameEn => Sort::NameEn,
                        SortBy::NameAr => Sort::NameAr,
                        SortBy::AdmissionNumber => Sort::AdmissionNumber,
                        SortBy::BirthDate => Sort::BirthDate,
                    },
                    descending: *desc,
                    limit: *limit as usize,
                    offset: *offset as usize,
                };
                a.find_students(&actor, &search)
            })?;
            cx.out.show(&page, |o| {
                for s in &page.items {
                    out!(
                        "{:<8} {:<6} {:<34} {}",
                        s.admission_number,
                        s.classroom_en.as_deref().unwrap_or("-"),
                        s.name_en,
                        s.name_ar
                    );
                }
                let shown = if page.items.is_empty() {
                    0
                } else {
                    page.offset + 1
                };
                o.say(
                    "cli-search-total",
                    &[
                        ("from", shown.to_string()),
                        ("to", (page.offset + page.items.len()).to_string()),
                        ("total", page.total.to_string()),
                    ],
                );
            })
        }
        StudentsCommand::Show { id } => {
            let (detail, school) = cx.app.call(|a| Ok((a.student(&actor, id)?, a.school()?)))?;
            cx.out.show(&detail, |o| print_student(o, &detail, &school))
        }
        StudentsCommand::Set { id, fields } => {
            let (detail, school) = cx.app.call(|a| {
                let pairs = field_pairs(fields, STUDENT_FIELDS)?;
                Ok((a.edit_student(&actor, id, &pairs)?, a.school()?))
            })?;
            cx.out.show(&detail, |o| {
                o.say(
                    "cli-student-saved",
                    &[("number", detail.student.admission_number.clone())],
                );
                print_student(o, &detail, &school);
            })
        }
    }
}

pub fn guardians(cx: &mut Context, command: &GuardiansCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    let GuardiansCommand::Set { id, fields } = command;
    let guardian = cx.app.call(|a| {
        let pairs = field_pairs(fields, GUARDIAN_FIELDS)?;
        a.edit_guardian(&actor, id, &pairs)
    })?;
    cx.out.show(&guardian, |o| {
        o.say(
            "cli-guardian-saved",
            &[(
                "name",
                o.name(&guardian.name_ar, &guardian.name_en).to_string(),
            )],
        )
    })
}

/// An amount in the currency's minor units, as people read it: 12500.50 AED.
pub fn money(amount: i64, school: &School) -> String {
    let digits = u32::from(school.currency_minor_digits);
    let scale = 10i64.pow(digits);
    let sign = if amount < 0 { "-" } else { "" };
    let (major, minor) = (amount.abs() / scale, amount.abs() % scale);
    if digits == 0 {
        format!("{sign}{major} {}", school.currency)
    } else {
        format!(
            "{sign}{major}.{minor:0width$} {}",
            school.currency,
            width = digits as usize
        )
    }
}

fn print_student(o: &Output, d: &StudentDetail, school: &School) {
    let s = &d.student;
    out!("{}  {}", s.name_en, s.name_ar);
    out!(
        "  {}: {}   id: {}",
        o.t("cli-admission-number", &[]),
        s.admission_number,
        s.id
    );
    out!(
        "  {}: {}   {}: {}   {}: {}",
        o.t("cli-gender", &[]),
        o.t(&format!("gender-{}", s.gender), &[]),
        o.t("cli-birth-date", &[]),
        s.birth_date,
        o.t("cli-nationality", &[]),
        s.nationality
    );
    out!(
        "  {}: {}   {}: {}",
        o.t("cli-national-id", &[]),
        s.national_id.as_deref().unwrap_or("-"),
        o.t("cli-status", &[]),
        o.t(&format!("status-{}", s.status), &[])
    );
    for e in &d.enrollments {
        out!(
            "  {}: {} {} ({})",
            o.t("cli-enrolled", &[]),
            e.year_name,
            o.name(&e.classroom.name_ar, &e.classroom.name_en),
            o.name(&e.grade.name_ar, &e.grade.name_en)
        );
    }
    for g in &d.guardians {
        out!(
            "  {}: {} / {}  {}",
            o.t("cli-guardian", &[]),
            g.guardian.name_en,
            g.guardian.name_ar,
            g.guardian.phone
        );
    }
    let a = &d.attendance;
    out!(
        "  {}",
        o.t(
            "cli-attendance-summary",
            &[
                ("present", a.present.to_string()),
                ("absent", a.absent.to_string()),
                ("late", a.late.to_string()),
                ("excused", a.excused.to_string())
            ]
        )
    );
    let marks = d.results.iter().filter(|r| r.result.mark.is_some()).count();
    out!(
        "  {}",
        o.t("cli-marks-summary", &[("count", marks.to_string())])
    );
    for i in &d.invoices {
        out!(
            "  {} {}  {} / {}  {}: {}",
            i.invoice.number,
            i.invoice.description,
            money(i.paid, school),
            money(i.invoice.amount, school),
            o.t("cli-balance", &[]),
            money(i.balance, school)
        );
    }
}
