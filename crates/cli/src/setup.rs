//! `daftar setup`: a school set up by hand from the terminal, as the window's set-up
//! screens do it: starting a new school, listing, adding, editing and archiving its
//! records field by field, the logo, grade bands, teaching assignments, the month
//! calendar, holidays and staff from CSV, a term's marks lock, and the checklist of what
//! is left. `daftar assessments add` sets an assessment.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use daftar_app::{AssessmentInput, Failure, NewSchool, SetupKind, parse_date};
use daftar_domain::{BandRange, DayKind, Language, western_digits};
use uuid::Uuid;

use crate::{Context, out};

#[derive(Debug, Args)]
pub struct StartArgs {
    #[arg(long)]
    name_ar: String,
    #[arg(long)]
    name_en: String,
    /// ISO 3166 code: AE, SA, QA, KW, BH, OM, …
    #[arg(long)]
    country: String,
    /// ISO 4217 code [default: the country's]
    #[arg(long, default_value = "")]
    currency: String,
    /// The school's first language: ar or en.
    #[arg(long, default_value = "ar")]
    language: String,
    /// Your name in Arabic: you are the school's administrator.
    #[arg(long)]
    admin_ar: String,
    #[arg(long)]
    admin_en: String,
    #[arg(long, default_value = "")]
    admin_email: String,
}

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    /// Start a new school in this (empty) data folder, offline, as its administrator.
    Start(StartArgs),
    /// List the records of a kind: school, year, term, holiday, grade, classroom,
    /// subject, staff.
    List {
        kind: String,
        /// The academic year (by name) of terms, holidays and classrooms [default: the
        /// current year]
        #[arg(long)]
        year: Option<String>,
    },
    /// Add a record: `daftar setup add term name_ar=… name_en=… start_date=2026-08-30 …`.
    Add {
        kind: String,
        #[arg(long)]
        year: Option<String>,
        /// field=value, as many as needed (`daftar setup list KIND` shows the fields).
        #[arg(required = true)]
        fields: Vec<String>,
    },
    /// Change fields of a record by its id (the school: `daftar setup edit school - …`).
    Edit {
        kind: String,
        id: String,
        #[arg(required = true)]
        fields: Vec<String>,
    },
    /// Archive a record by its id; refused while others depend on it.
    Archive {
        kind: String,
        id: String,
    },
    /// Set the school's logo from a PNG or JPEG file (scaled to fit), or --clear it.
    Logo {
        file: Option<PathBuf>,
        #[arg(long)]
        clear: bool,
    },
    /// Show the grade bands, or replace them: `MIN-MAX:label_ar:label_en` each, covering
    /// 0–100.
    Bands {
        bands: Vec<String>,
    },
    /// Who teaches what in the current year; with --classroom and --subject, set it
    /// (--teacher by email, English name or id; leave it out to clear the cell).
    Assign {
        #[arg(long, requires = "subject")]
        classroom: Option<String>,
        #[arg(long, requires = "classroom")]
        subject: Option<String>,
        #[arg(long)]
        teacher: Option<String>,
    },
    /// A month of the current year's calendar: school days, weekends, holidays, and the
    /// school days of each term.
    Calendar {
        /// Any day of the month [default: this month]
        #[arg(long)]
        month: Option<String>,
    },
    /// Import holidays from a CSV file (name_ar,name_en,start_date,end_date).
    ImportHolidays {
        file: PathBuf,
    },
    /// Import staff from a CSV file (name_ar,name_en,role,email,phone,national_id).
    ImportStaff {
        file: PathBuf,
    },
    /// Lock a term's marks (its number or name): they change only after unlocking.
    LockTerm {
        term: String,
    },
    UnlockTerm {
        term: String,
    },
    /// What is left to set up.
    Checklist,
}

#[derive(Debug, Subcommand)]
pub enum AssessmentsCommand {
    /// Set an assessment for a classroom's subject (its term is the one its date falls in).
    Add {
        #[arg(long)]
        classroom: String,
        /// The subject's code.
        #[arg(long)]
        subject: String,
        #[arg(long)]
        name_ar: String,
        #[arg(long)]
        name_en: String,
        #[arg(long)]
        total: String,
        /// Its share of the subject's term grade, in percent.
        #[arg(long)]
        weight: String,
        /// YYYY-MM-DD or DD/MM/YYYY.
        #[arg(long)]
        date: String,
    },
}

fn pairs(fields: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    fields
        .iter()
        .map(|f| {
            f.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .with_context(|| format!("{f:?} is not field=value"))
        })
        .collect()
}

fn id(text: &str) -> Result<Uuid, Failure> {
    Uuid::parse_str(text.trim()).map_err(|_| Failure::InvalidId(text.chars().take(40).collect()))
}

fn year_id(cx: &mut Context, name: &Option<String>) -> Result<Option<Uuid>, daftar_app::AppError> {
    match name {
        Some(name) => Ok(Some(cx.app.call(|a| a.year_named(name))?.id)),
        None => Ok(None),
    }
}

fn band(text: &str) -> anyhow::Result<BandRange> {
    let mut parts = text.splitn(3, ':');
    let (range, ar, en) = (parts.next(), parts.next(), parts.next());
    let (Some(range), Some(ar), Some(en)) = (range, ar, en) else {
        anyhow::bail!("{text:?} is not MIN-MAX:label_ar:label_en");
    };
    let (min, max) = western_digits(range)
        .split_once('-')
        .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
        .with_context(|| format!("{range:?} is not MIN-MAX"))?;
    Ok(BandRange {
        min,
        max,
        label_ar: ar.to_string(),
        label_en: en.to_string(),
    })
}

pub fn run(cx: &mut Context, command: &SetupCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    match command {
        SetupCommand::Start(args) => {
            let language: Language = args.language.parse().map_err(Failure::from)?;
            let new = NewSchool {
                name_ar: args.name_ar.clone(),
                name_en: args.name_en.clone(),
                country: args.country.clone(),
                currency: args.currency.clone(),
                primary_language: language,
                admin_name_ar: args.admin_ar.clone(),
                admin_name_en: args.admin_en.clone(),
                admin_email: args.admin_email.clone(),
            };
            cx.actor = cx.app.call(|a| a.start_school(&new))?;
            let school = cx.app.call(|a| a.school())?;
            cx.out.show(&school, |o| {
                o.say(
                    "cli-school-started",
                    &[(
                        "school",
                        o.name(&school.name_ar, &school.name_en).to_string(),
                    )],
                )
            })
        }
        SetupCommand::List { kind, year } => {
            let kind: SetupKind = kind.parse().map_err(|f| cx.app.error(&f))?;
            let year = year_id(cx, year)?;
            let list = cx.app.call(|a| a.setup_list(&actor, kind, year))?;
            cx.out.show(&list, |_| {
                let names: Vec<&str> = list.fields.iter().map(|f| f.name.as_str()).collect();
                out!("id\t{}", names.join("\t"));
                for record in &list.records {
                    let values: Vec<&str> = names
                        .iter()
                        .map(|n| record.values.get(*n).map_or("", String::as_str))
                        .collect();
                    out!("{}\t{}", record.id, values.join("\t"));
                }
            })
        }
        SetupCommand::Add { kind, year, fields } => {
            let kind: SetupKind = kind.parse().map_err(|f| cx.app.error(&f))?;
            let year = year_id(cx, year)?;
            let fields = pairs(fields)?;
            let saved = cx
                .app
                .call(|a| a.setup_save(&actor, kind, None, year, &fields))?;
            cx.out.show(&saved, |o| {
                o.say("cli-setup-saved", &[("id", saved.id.to_string())])
            })
        }
        SetupCommand::Edit {
            kind,
            id: key,
            fields,
        } => {
            let kind: SetupKind = kind.parse().map_err(|f| cx.app.error(&f))?;
            let record = match (kind, key.as_str()) {
                (SetupKind::School, "-") => cx.app.call(|a| a.school())?.id,
                _ => id(key).map_err(|f| cx.app.error(&f))?,
            };
            let fields = pairs(fields)?;
            let saved = cx
                .app
                .call(|a| a.setup_save(&actor, kind, Some(record), None, &fields))?;
            cx.out.show(&saved, |o| {
                o.say("cli-setup-saved", &[("id", saved.id.to_string())])
            })
        }
        SetupCommand::Archive { kind, id: key } => {
            let kind: SetupKind = kind.parse().map_err(|f| cx.app.error(&f))?;
            let record = id(key).map_err(|f| cx.app.error(&f))?;
            cx.app.call(|a| a.setup_archive(&actor, kind, record))?;
            cx.out.show(&record, |o| {
                o.say("cli-setup-archived", &[("id", record.to_string())])
            })
        }
        SetupCommand::Logo { file, clear } => {
            let school = match (file, clear) {
                (_, true) => cx.app.call(|a| a.clear_logo(&actor))?,
                (Some(file), false) => {
                    let bytes = std::fs::read(file)
                        .with_context(|| format!("cannot read {}", file.display()))?;
                    cx.app.call(|a| a.set_logo(&actor, &bytes))?
                }
                (None, false) => anyhow::bail!("give a PNG or JPEG file, or --clear"),
            };
            let size = school.logo_png.as_ref().map_or(0, String::len);
            cx.out.show(&size, |o| {
                o.say("cli-logo-set", &[("bytes", (size * 3 / 4).to_string())])
            })
        }
        SetupCommand::Bands { bands } => {
            let shown = if bands.is_empty() {
                cx.app.call(|a| a.grade_bands())?
            } else {
                let ranges = bands
                    .iter()
                    .map(|b| band(b))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                cx.app.call(|a| a.save_grade_bands(&actor, &ranges))?
            };
            cx.out.show(&shown, |o| {
                for b in shown.iter().rev() {
                    out!(
                        "{:>5}–{:<5} {}",
                        b.min,
                        b.max,
                        o.name(&b.label_ar, &b.label_en)
                    );
                }
            })
        }
        SetupCommand::Assign {
            classroom,
            subject: code,
            teacher,
        } => {
            if let (Some(classroom), Some(code)) = (classroom, code) {
                let room = cx.app.call(|a| a.classroom(classroom))?;
                let taught = cx.app.call(|a| a.subject_by_code(code))?;
                let who = match teacher {
                    Some(key) => Some(cx.app.call(|a| a.staff_member(key))?.id),
                    None => None,
                };
                cx.app
                    .call(|a| a.assign_teacher(&actor, room.id, taught.id, who))?;
            }
            let grid = cx.app.call(|a| a.assignments(&actor, None))?;
            cx.out.show(&grid, |o| {
                for cell in &grid.cells {
                    let room = grid.classrooms.iter().find(|c| c.id == cell.classroom_id);
                    let subject = grid.subjects.iter().find(|s| s.id == cell.subject_id);
                    let teacher = grid.teachers.iter().find(|t| t.id == cell.staff_id);
                    out!(
                        "{:<8} {:<8} {}",
                        room.map_or("", |c| o.name(&c.name_ar, &c.name_en)),
                        subject.map_or("", |s| s.code.as_str()),
                        teacher.map_or("", |t| o.name(&t.name_ar, &t.name_en))
                    );
                }
            })
        }
        SetupCommand::Calendar { month } => {
            let month = match month {
                Some(text) => Some(
                    parse_date(text)
                        .or_else(|_| parse_date(&format!("{}-01", text.trim())))
                        .map_err(|f| cx.app.error(&f))?,
                ),
                None => None,
            };
            let calendar = cx.app.call(|a| a.calendar(None, month))?;
            cx.out.show(&calendar, |o| {
                out!("{} {}", calendar.year.name, calendar.month.format("%Y-%m"));
                for day in &calendar.days {
                    let kind = match day.kind {
                        DayKind::School => o.t("cli-day-school", &[]),
                        DayKind::Weekend => o.t("cli-day-weekend", &[]),
                        DayKind::Holiday => o
                            .name(
                                day.holiday_ar.as_deref().unwrap_or(""),
                                day.holiday_en.as_deref().unwrap_or(""),
                            )
                            .to_string(),
                        DayKind::OutsideYear => o.t("cli-day-outside", &[]),
                    };
                    out!("{} {}  {kind}", day.date, day.date.format("%a"));
                }
                for t in &calendar.terms {
                    out!(
                        "{}: {} {}",
                        o.name(&t.term.name_ar, &t.term.name_en),
                        t.school_days,
                        o.t("cli-school-days", &[])
                    );
                }
            })
        }
        SetupCommand::ImportHolidays { file } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let count = cx.app.call(|a| a.import_holidays(&actor, None, &text))?;
            cx.out.show(&count, |o| {
                o.say("cli-holidays-imported", &[("count", count.to_string())])
            })
        }
        SetupCommand::ImportStaff { file } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let (created, updated) = cx.app.call(|a| a.import_staff(&actor, &text))?;
            cx.out.show(&(created, updated), |o| {
                o.say(
                    "cli-staff-imported",
                    &[
                        ("created", created.to_string()),
                        ("updated", updated.to_string()),
                    ],
                )
            })
        }
        SetupCommand::LockTerm { term } | SetupCommand::UnlockTerm { term } => {
            let locked = matches!(command, SetupCommand::LockTerm { .. });
            let found = cx.app.call(|a| a.term(term))?;
            let term = cx.app.call(|a| a.lock_term(&actor, found.id, locked))?;
            cx.out.show(&term, |o| {
                let name = o.name(&term.name_ar, &term.name_en).to_string();
                o.say(
                    if locked {
                        "cli-term-locked"
                    } else {
                        "cli-term-unlocked"
                    },
                    &[("term", name)],
                )
            })
        }
        SetupCommand::Checklist => {
            let steps = cx.app.call(|a| a.setup_checklist(&actor))?;
            cx.out.show(&steps, |o| {
                if steps.is_empty() {
                    o.say("cli-setup-done", &[]);
                }
                for step in &steps {
                    out!(
                        "[{}] {:<12} {}",
                        if step.done { "x" } else { " " },
                        step.item,
                        step.count
                    );
                }
            })
        }
    }
}

pub fn assessments(cx: &mut Context, command: &AssessmentsCommand) -> anyhow::Result<()> {
    let actor = cx.actor;
    let AssessmentsCommand::Add {
        classroom,
        subject: code,
        name_ar,
        name_en,
        total,
        weight,
        date,
    } = command;
    let room = cx.app.call(|a| a.classroom(classroom))?;
    let taught = cx.app.call(|a| a.subject_by_code(code))?;
    let input = AssessmentInput {
        id: None,
        classroom_id: room.id,
        subject_id: taught.id,
        term_id: None,
        name_ar: name_ar.clone(),
        name_en: name_en.clone(),
        total: total.clone(),
        weight: weight.clone(),
        date: date.clone(),
    };
    let set = cx.app.call(|a| a.save_assessment(&actor, &input))?;
    cx.out.show(&set, |o| {
        o.say("cli-setup-saved", &[("id", set.id.to_string())])
    })
}
