//! `daftar`: a school's data from the terminal. Every command is a use case of daftar-app;
//! `--json` gives any listing to scripts; errors print a translated message and exit 1.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{NaiveDate, Utc};
use clap::{Args, Parser, Subcommand, ValueEnum};
use daftar_app::*;
use daftar_domain::{Gender, StudentStatus};
use daftar_i18n::Localizer;
use serde::Serialize;

// Sync moves hundreds of thousands of small JSON maps: mimalloc frees them much faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Print a line to standard output; a reader that went away (`daftar … | head`) ends the
/// program quietly instead of a panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "daftar",
    version,
    about = "Daftar (دفتر): a school's register that works offline, in Arabic and English."
)]
struct Cli {
    /// The school's data folder [default: the platform's app-data folder for daftar]
    #[arg(long, global = true, env = "DAFTAR_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Print results (and errors) as JSON.
    #[arg(long, global = true)]
    json: bool,
    /// Language of messages: ar or en [default: the system's]
    #[arg(long, global = true, env = "DAFTAR_LANG", value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a demo school in the data folder, ready to explore.
    Demo(DemoArgs),
    /// Academic years, their terms and holidays.
    Years {
        #[command(subcommand)]
        command: ListOnly,
    },
    /// The current year's classrooms.
    Classrooms {
        #[command(subcommand)]
        command: ListOnly,
    },
    /// Find, show and edit students.
    Students {
        #[command(subcommand)]
        command: StudentsCommand,
    },
    /// Edit a guardian (their id is in `daftar students show`).
    Guardians {
        #[command(subcommand)]
        command: GuardiansCommand,
    },
    /// Take and see attendance.
    Attendance {
        #[command(subcommand)]
        command: AttendanceCommand,
    },
    /// Import students from a CSV file.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Export students to a CSV file.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Print report cards, receipts and attendance registers as PDF.
    Print {
        #[command(subcommand)]
        command: PrintCommand,
    },
    /// Connect this device to the school's cloud: sign in (the password from DAFTAR_PASSWORD
    /// or a prompt; the session is kept in the system keyring).
    Connect {
        /// The cloud's address, e.g. https://cloud.school.example
        #[arg(long)]
        server: String,
        /// The school's short name on that server.
        #[arg(long)]
        school: String,
        #[arg(long)]
        user: String,
        /// How this device is listed among the school's devices [default: its host name]
        #[arg(long)]
        device_name: Option<String>,
    },
    /// Sync with the cloud once: push this device's changes, pull everyone else's.
    Sync {
        #[command(subcommand)]
        command: Option<SyncCommand>,
    },
    /// Conflicts between edits made on two devices: list them and settle them.
    Conflicts {
        #[command(subcommand)]
        command: ConflictsCommand,
    },
    /// Sign this device out of the cloud. Refused while changes are not in the cloud yet,
    /// unless --export saves them to a file first (then they leave this desktop).
    Disconnect {
        #[arg(long, value_name = "FILE.jsonl")]
        export: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum GuardiansCommand {
    /// Change fields: FIELD=VALUE (name_ar, name_en, phone, email, address, national_id;
    /// an empty value clears an optional one).
    Set {
        id: String,
        #[arg(required = true, value_name = "FIELD=VALUE")]
        fields: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum SyncCommand {
    /// Where this device stands: account, changes waiting, conflicts, refused changes.
    Status,
    /// Changes the cloud refused, with the reason; --retry queues them again.
    Rejected {
        #[arg(long)]
        retry: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ConflictsCommand {
    /// Open conflicts (--all: settled ones too), both values, who and when.
    List {
        #[arg(long)]
        all: bool,
    },
    /// Settle a conflict by its id (or its first 8 characters).
    Resolve {
        id: String,
        /// Keep this device's value (mine) or the other one (theirs).
        #[arg(
            long,
            value_enum,
            conflicts_with = "value",
            required_unless_present = "value"
        )]
        keep: Option<KeepSide>,
        /// Enter another value instead (JSON such as "text", 12.5 or null, or plain text).
        #[arg(long)]
        value: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum KeepSide {
    Mine,
    Theirs,
}

#[derive(Debug, Subcommand)]
enum PrintCommand {
    /// A classroom's report cards for a term: one PDF with a page per student (--out) or
    /// one PDF per student in a folder (--out-dir).
    ReportCards {
        /// The classroom, by name in the current year ("5A", "Grade 5 A" or its Arabic name).
        #[arg(long)]
        classroom: String,
        /// The term: its number (1, 2) or name.
        #[arg(long)]
        term: String,
        #[arg(
            long,
            value_name = "FILE.pdf",
            required_unless_present = "out_dir",
            conflicts_with = "out_dir"
        )]
        out: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// The date of issue printed on the cards (YYYY-MM-DD) [default: today]
        #[arg(long)]
        date: Option<String>,
    },
    /// One student's report card for a term.
    ReportCard {
        /// The student's admission number or id.
        #[arg(long)]
        student: String,
        #[arg(long)]
        term: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        #[arg(long)]
        date: Option<String>,
    },
    /// A fee receipt, by receipt number or payment id.
    Receipt {
        #[arg(long)]
        payment: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A classroom's attendance register for a month.
    Register {
        #[arg(long)]
        classroom: String,
        /// The month, as YYYY-MM.
        #[arg(long)]
        month: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
struct DemoArgs {
    /// How many students.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    students: u32,
    /// The same seed always makes the same school.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The calendar year the academic year starts in [default: the school year running today]
    #[arg(long)]
    year: Option<i32>,
    /// Fill in attendance and marks for the whole year, not just up to today.
    #[arg(long)]
    full_year: bool,
}

#[derive(Debug, Subcommand)]
enum ListOnly {
    List,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortBy {
    NameEn,
    NameAr,
    AdmissionNumber,
    BirthDate,
}

#[derive(Debug, Subcommand)]
enum StudentsCommand {
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
enum AttendanceCommand {
    /// Save a classroom's register for a day: the listed students absent, late or excused,
    /// everyone else present.
    Mark {
        #[arg(long)]
        classroom: String,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        /// 0 for the whole day, or a lesson period.
        #[arg(long, default_value_t = 0)]
        period: u8,
        /// Students (id or admission number), comma-separated.
        #[arg(long, value_delimiter = ',')]
        absent: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        late: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        excused: Vec<String>,
    },
    /// A classroom's register for a day, with the marks already taken.
    Show {
        #[arg(long)]
        classroom: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value_t = 0)]
        period: u8,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// UTF-8 CSV with the header admission_number,name_ar,name_en,gender,birth_date,
    /// national_id,nationality,grade,classroom,guardian_name,guardian_phone.
    Students {
        file: PathBuf,
        /// Map a column of the file to one of Daftar's: "Student No=admission_number".
        #[arg(long = "map", value_name = "FILE_COLUMN=DAFTAR_COLUMN")]
        mappings: Vec<String>,
        /// Import the valid rows and report the others, instead of refusing the file.
        #[arg(long)]
        skip_invalid: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// Every student, in the same format `import students` reads.
    Students { file: PathBuf },
}

/// A message by Fluent id with its arguments, in the chosen language.
type Translate<'a> = &'a dyn Fn(&str, &[(&str, String)]) -> String;

fn parse_status(s: &str) -> Result<StudentStatus, String> {
    s.parse()
        .map_err(|e: daftar_domain::DomainError| e.to_string())
}

fn parse_gender(s: &str) -> Result<Gender, String> {
    s.parse()
        .map_err(|e: daftar_domain::DomainError| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match error.downcast_ref::<AppError>() {
                Some(app_error) if cli.json => {
                    out!(
                        "{}",
                        serde_json::to_string_pretty(app_error).unwrap_or_default()
                    );
                }
                Some(app_error) => {
                    eprintln!("{}: {}", label(&cli, "cli-error"), app_error.message);
                    for row in &app_error.details {
                        eprintln!("  {}", row.message);
                    }
                }
                None => eprintln!("{}: {error:#}", label(&cli, "cli-error")),
            }
            ExitCode::FAILURE
        }
    }
}

fn messages(cli: &Cli) -> Localizer {
    let lang = cli
        .lang
        .clone()
        .unwrap_or_else(|| daftar_i18n::system_language().to_string());
    Localizer::new(&lang, false)
        .or_else(|_| Localizer::new("en", false))
        .expect("the English messages are compiled in")
}

fn label(cli: &Cli, id: &str) -> String {
    messages(cli).message(id, &[])
}

fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    if let Some(dir) = &cli.data_dir {
        return Ok(dir.clone());
    }
    daftar_app::default_data_dir()
        .context("no home folder to keep the school's data in; pass --data-dir")
}

fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    out!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn date_or_today(text: &Option<String>) -> Result<NaiveDate, Failure> {
    match text {
        Some(t) => parse_date(t),
        None => Ok(Utc::now().date_naive()),
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    if let Some(lang) = &cli.lang
        && Localizer::new(lang, false).is_err()
    {
        anyhow::bail!("unsupported language {lang:?}; use ar or en");
    }
    let msg = messages(cli);
    let t = |id: &str, args: &[(&str, String)]| msg.message(id, args);
    let mut app = App::open(&data_dir(cli)?, messages(cli))?;
    match &cli.command {
        Command::Demo(args) => {
            let options = match (args.year, args.full_year) {
                (Some(year), _) => DemoOptions {
                    students: args.students as usize,
                    seed: args.seed,
                    year_start: year,
                    until: None,
                },
                (None, true) => DemoOptions {
                    until: None,
                    ..DemoOptions::as_of(Utc::now().date_naive(), args.students as usize, args.seed)
                },
                (None, false) => {
                    DemoOptions::as_of(Utc::now().date_naive(), args.students as usize, args.seed)
                }
            };
            let started = std::time::Instant::now();
            let summary = app.call(|a| a.create_demo(options))?;
            if cli.json {
                return print_json(&summary);
            }
            out!(
                "{}",
                t(
                    "cli-demo-created",
                    &[
                        ("school", summary.school.clone()),
                        ("year", summary.year.clone()),
                        ("seconds", format!("{:.1}", started.elapsed().as_secs_f64()))
                    ]
                )
            );
            out!(
                "  {}",
                t(
                    "cli-demo-counts",
                    &[
                        ("students", summary.students.to_string()),
                        ("staff", summary.staff.to_string()),
                        ("classrooms", summary.classrooms.to_string()),
                        ("attendance", summary.attendance.to_string()),
                        ("results", summary.results.to_string()),
                        ("invoices", summary.invoices.to_string()),
                    ]
                )
            );
            out!(
                "  {}",
                t(
                    "cli-data-dir",
                    &[("path", app.data_dir().display().to_string())]
                )
            );
        }
        Command::Years {
            command: ListOnly::List,
        } => {
            let years = app.call(|a| a.years())?;
            if cli.json {
                return print_json(&years);
            }
            for y in &years {
                let current = if y.year.is_current {
                    format!(" ({})", t("cli-current", &[]))
                } else {
                    String::new()
                };
                out!(
                    "{}{current}  {} → {}  {}: {}  {}: {}",
                    y.year.name,
                    y.year.start_date,
                    y.year.end_date,
                    t("cli-week", &[]),
                    y.year.school_week,
                    t("cli-school-days", &[]),
                    y.school_days
                );
                for term in &y.terms {
                    out!(
                        "  {}. {} / {}  {} → {}",
                        term.ordinal,
                        term.name_en,
                        term.name_ar,
                        term.start_date,
                        term.end_date
                    );
                }
                for h in &y.holidays {
                    out!(
                        "  - {} / {}  {} → {}",
                        h.name_en,
                        h.name_ar,
                        h.start_date,
                        h.end_date
                    );
                }
            }
        }
        Command::Classrooms {
            command: ListOnly::List,
        } => {
            let rooms = app.call(|a| a.classrooms())?;
            if cli.json {
                return print_json(&rooms);
            }
            for r in &rooms {
                let teacher = r
                    .homeroom_teacher
                    .as_ref()
                    .map_or(String::new(), |s| s.name_en.clone());
                out!(
                    "{:<6} {:<8} {:<10} {:>3}  {}",
                    r.classroom.name_en,
                    r.classroom.name_ar,
                    r.grade.name_en,
                    r.students,
                    teacher
                );
            }
        }
        Command::Students { command } => students(cli, &mut app, command, &t)?,
        Command::Attendance { command } => match command {
            AttendanceCommand::Mark {
                classroom,
                date,
                period,
                absent,
                late,
                excused,
            } => {
                let saved = app.call(|a| {
                    let input = RegisterInput {
                        classroom: classroom.clone(),
                        date: date_or_today(date)?,
                        period: *period,
                        absent: absent.clone(),
                        late: late.clone(),
                        excused: excused.clone(),
                    };
                    a.mark_attendance(&input)
                })?;
                if cli.json {
                    return print_json(&saved);
                }
                out!(
                    "{}",
                    t(
                        "cli-register-saved",
                        &[
                            ("classroom", saved.classroom.clone()),
                            ("date", saved.date.to_string()),
                            ("present", saved.present.to_string()),
                            ("absent", saved.absent.to_string()),
                            ("late", saved.late.to_string()),
                            ("excused", saved.excused.to_string()),
                            ("changed", saved.changed.to_string()),
                        ]
                    )
                );
            }
            AttendanceCommand::Show {
                classroom,
                date,
                period,
            } => {
                let roster = app.call(|a| a.register(classroom, date_or_today(date)?, *period))?;
                if cli.json {
                    return print_json(&roster);
                }
                for r in &roster {
                    let status = r.status.map_or_else(
                        || t("cli-not-taken", &[]),
                        |s| t(&format!("attendance-{s}"), &[]),
                    );
                    out!(
                        "{:<8} {:<10} {:<32} {}",
                        r.admission_number,
                        status,
                        r.name_en,
                        r.name_ar
                    );
                }
            }
        },
        Command::Import {
            command:
                ImportCommand::Students {
                    file,
                    mappings,
                    skip_invalid,
                },
        } => {
            let options = ImportOptions {
                mappings: mappings.clone(),
                skip_invalid: *skip_invalid,
            };
            let report = app.call(|a| a.import_students(file, &options))?;
            if cli.json {
                return print_json(&report);
            }
            out!(
                "{}",
                t(
                    "cli-imported",
                    &[
                        ("rows", report.rows.to_string()),
                        ("created", report.created.to_string()),
                        ("updated", report.updated.to_string()),
                        ("unchanged", report.unchanged.to_string()),
                        ("skipped", report.skipped.len().to_string()),
                    ]
                )
            );
            for row in &report.skipped {
                out!("  {}", row.message);
            }
        }
        Command::Print { command } => {
            let started = std::time::Instant::now();
            let printed = match command {
                PrintCommand::ReportCards {
                    classroom,
                    term,
                    out,
                    out_dir,
                    date,
                } => {
                    let issued = date_or_today(date).map_err(|e| app.error(&e))?;
                    match (out, out_dir) {
                        (_, Some(dir)) => {
                            app.call(|a| a.print_report_card_files(classroom, term, issued, dir))?
                        }
                        (Some(file), None) => {
                            app.call(|a| a.print_report_cards(classroom, term, issued, file))?
                        }
                        (None, None) => anyhow::bail!("give --out FILE.pdf or --out-dir DIR"),
                    }
                }
                PrintCommand::ReportCard {
                    student,
                    term,
                    out,
                    date,
                } => {
                    let issued = date_or_today(date).map_err(|e| app.error(&e))?;
                    app.call(|a| a.print_report_card(student, term, issued, out))?
                }
                PrintCommand::Receipt { payment, out } => {
                    app.call(|a| a.print_receipt(payment, out))?
                }
                PrintCommand::Register {
                    classroom,
                    month,
                    out,
                } => app.call(|a| a.print_register(classroom, month, out))?,
            };
            if cli.json {
                return print_json(&printed);
            }
            let place = match printed.files.as_slice() {
                [one] => one.display().to_string(),
                many => many
                    .first()
                    .and_then(|f| f.parent())
                    .map(|d| d.display().to_string())
                    .unwrap_or_default(),
            };
            out!(
                "{}",
                t(
                    "cli-printed",
                    &[
                        ("pages", printed.pages.to_string()),
                        ("files", printed.files.len().to_string()),
                        ("path", place),
                        ("seconds", format!("{:.2}", started.elapsed().as_secs_f64())),
                    ]
                )
            );
        }
        Command::Guardians {
            command: GuardiansCommand::Set { id, fields },
        } => {
            let guardian = app.call(|a| {
                let pairs = field_pairs(fields, GUARDIAN_FIELDS)?;
                a.set_guardian(id, &pairs)
            })?;
            if cli.json {
                return print_json(&guardian);
            }
            out!(
                "{}",
                t("cli-guardian-saved", &[("name", guardian.name_en.clone())])
            );
        }
        Command::Connect {
            server,
            school,
            user,
            device_name,
        } => {
            let password = password(&t)?;
            let name = device_name.clone().unwrap_or_else(host_name);
            let account = app.call(|a| a.connect(server, school, user, &password, &name))?;
            if cli.json {
                return print_json(&account);
            }
            out!(
                "{}",
                t(
                    "cli-connected",
                    &[
                        ("user", account.username.clone()),
                        ("school", account.tenant.clone()),
                        ("role", account.role.clone()),
                    ]
                )
            );
        }
        Command::Sync { command: None } => {
            let show = !cli.json && std::io::IsTerminal::is_terminal(&std::io::stderr());
            let report = move |progress: Progress| {
                if show {
                    eprint!("\r{}", progress_line(progress));
                }
            };
            let summary = app.call(|a| a.sync(&report));
            if show {
                eprintln!();
            }
            let summary = summary?;
            if cli.json {
                return print_json(&summary);
            }
            out!(
                "{}",
                t(
                    "cli-synced",
                    &[
                        ("pushed", summary.pushed.to_string()),
                        ("pulled", summary.pulled.to_string()),
                        ("merged", summary.merged.to_string()),
                        ("conflicts", summary.conflicts.to_string()),
                        ("rejected", summary.rejected.to_string()),
                    ]
                )
            );
            let overview = app.call(|a| a.sync_overview())?;
            if overview.open_conflicts > 0 {
                out!(
                    "{}",
                    t(
                        "cli-conflicts-waiting",
                        &[("count", overview.open_conflicts.to_string())]
                    )
                );
            }
            if overview.rejected > 0 {
                out!(
                    "{}",
                    t(
                        "cli-rejected-waiting",
                        &[("count", overview.rejected.to_string())]
                    )
                );
            }
        }
        Command::Sync {
            command: Some(SyncCommand::Status),
        } => {
            let overview = app.call(|a| a.sync_overview())?;
            if cli.json {
                return print_json(&overview);
            }
            match &overview.account {
                Some(account) => out!(
                    "{}",
                    t(
                        "cli-sync-account",
                        &[
                            ("user", account.username.clone()),
                            ("school", account.tenant.clone()),
                            ("server", account.server.clone()),
                        ]
                    )
                ),
                None => out!("{}", t("cli-sync-no-account", &[])),
            }
            out!(
                "{}",
                t(
                    "cli-sync-counts",
                    &[
                        ("pending", overview.pending.to_string()),
                        ("conflicts", overview.open_conflicts.to_string()),
                        ("rejected", overview.rejected.to_string()),
                    ]
                )
            );
        }
        Command::Sync {
            command: Some(SyncCommand::Rejected { retry }),
        } => {
            if *retry {
                let count = app.call(|a| a.retry_rejected())?;
                if cli.json {
                    return print_json(&serde_json::json!({ "queued": count }));
                }
                out!(
                    "{}",
                    t("cli-rejected-queued", &[("count", count.to_string())])
                );
                return Ok(());
            }
            let rejected = app.call(|a| a.rejected_changes())?;
            if cli.json {
                return print_json(&rejected);
            }
            for r in &rejected {
                let reason = msg.message(
                    &format!("error-{}", r.code),
                    &[("reason", r.reason.clone())],
                );
                out!(
                    "{}  {} {}  {}  {}",
                    r.entry.created_at,
                    r.entry.table,
                    r.entry.row_id,
                    serde_json::Value::Object(r.entry.changes.clone()),
                    reason
                );
            }
            if rejected.is_empty() {
                out!("{}", t("cli-no-rejected", &[]));
            }
        }
        Command::Conflicts {
            command: ConflictsCommand::List { all },
        } => {
            let conflicts = app.call(|a| a.conflicts(*all))?;
            if cli.json {
                return print_json(&conflicts);
            }
            for c in &conflicts {
                let side =
                    |s: &ConflictSide| format!("{} ({}, {})", s.value, s.by, hlc_time(&s.hlc));
                out!(
                    "{}  {}.{} {}  [{}]",
                    &c.id.to_string()[..8],
                    c.table,
                    c.column,
                    c.row_id,
                    c.state
                );
                out!("    {}: {}", t("cli-conflict-mine", &[]), side(&c.mine));
                out!("    {}: {}", t("cli-conflict-theirs", &[]), side(&c.theirs));
                out!(
                    "    {}: {}",
                    t("cli-conflict-kept", &[]),
                    t(
                        match c.kept {
                            Side::Mine => "cli-conflict-mine",
                            Side::Theirs => "cli-conflict-theirs",
                        },
                        &[]
                    )
                );
            }
            if conflicts.is_empty() {
                out!("{}", t("cli-no-conflicts", &[]));
            }
        }
        Command::Conflicts {
            command: ConflictsCommand::Resolve { id, keep, value },
        } => {
            let keep = match (keep, value) {
                (_, Some(value)) => Keep::Value(value.clone()),
                (Some(KeepSide::Mine), None) => Keep::Mine,
                (Some(KeepSide::Theirs), None) => Keep::Theirs,
                (None, None) => anyhow::bail!("give --keep mine|theirs or --value V"),
            };
            let view = app.call(|a| a.resolve_conflict(id, keep))?;
            if cli.json {
                return print_json(&view);
            }
            out!(
                "{}",
                t("cli-conflict-resolved", &[("id", view.id.to_string())])
            );
        }
        Command::Disconnect { export } => {
            let exported = app.call(|a| a.disconnect(export.as_deref()))?;
            if cli.json {
                return print_json(&serde_json::json!({ "exported": exported }));
            }
            out!(
                "{}",
                t("cli-disconnected", &[("count", exported.to_string())])
            );
        }
        Command::Export {
            command: ExportCommand::Students { file },
        } => {
            let count = app.call(|a| a.export_students(file))?;
            if cli.json {
                return print_json(&serde_json::json!({ "students": count, "file": file }));
            }
            out!(
                "{}",
                t(
                    "cli-exported",
                    &[
                        ("count", count.to_string()),
                        ("file", file.display().to_string())
                    ]
                )
            );
        }
    }
    Ok(())
}

/// The password for signing in: DAFTAR_PASSWORD, else typed at a prompt without echo.
fn password(t: Translate<'_>) -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("DAFTAR_PASSWORD") {
        return Ok(password);
    }
    let password = rpassword::prompt_password(format!("{}: ", t("cli-password", &[])))
        .context("reading the password")?;
    if password.is_empty() {
        anyhow::bail!("no password given: set DAFTAR_PASSWORD or type it at the prompt");
    }
    Ok(password)
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

fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "desktop".into())
}

fn progress_line(progress: Progress) -> String {
    match progress {
        Progress::Pushing { done, total } => format!("↑ {done}/{total}"),
        Progress::Downloading { done, total } => format!("↓ {done}/{total}"),
        Progress::Pulling { done } => format!("↓ {done}"),
    }
}

/// The wall-clock part of a clock stamp, readable.
fn hlc_time(hlc: &str) -> String {
    hlc.parse::<daftar_domain::Hlc>()
        .ok()
        .and_then(|h| chrono::DateTime::from_timestamp_millis(h.millis as i64))
        .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| hlc.to_string())
}

fn students(
    cli: &Cli,
    app: &mut App,
    command: &StudentsCommand,
    t: Translate<'_>,
) -> anyhow::Result<()> {
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
        } => {
            let unplaced_in = if *unplaced {
                Some(app.current_year().map_err(|f| app.error(&f))?.id)
            } else {
                None
            };
            let search = StudentSearch {
                unplaced_in,
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
            let page = app.call(|a| a.search_students(&search))?;
            if cli.json {
                return print_json(&page);
            }
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
            out!(
                "{}",
                t(
                    "cli-search-total",
                    &[
                        ("from", shown.to_string()),
                        ("to", (page.offset + page.items.len()).to_string()),
                        ("total", page.total.to_string())
                    ]
                )
            );
        }
        StudentsCommand::Show { id } => {
            let (detail, school) = app.call(|a| Ok((a.student(id)?, a.school()?)))?;
            if cli.json {
                return print_json(&detail);
            }
            print_student(&detail, &school, t);
        }
        StudentsCommand::Set { id, fields } => {
            let detail = app.call(|a| {
                let pairs = field_pairs(fields, STUDENT_FIELDS)?;
                Ok((a.set_student(id, &pairs)?, a.school()?))
            })?;
            let (detail, school) = detail;
            if cli.json {
                return print_json(&detail);
            }
            out!(
                "{}",
                t(
                    "cli-student-saved",
                    &[("number", detail.student.admission_number.clone())]
                )
            );
            print_student(&detail, &school, t);
        }
    }
    Ok(())
}

/// An amount in the currency's minor units, as people read it: 12500.50 AED.
fn money(amount: i64, school: &daftar_domain::School) -> String {
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

fn print_student(d: &StudentDetail, school: &daftar_domain::School, t: Translate<'_>) {
    let s = &d.student;
    out!("{}  {}", s.name_en, s.name_ar);
    out!(
        "  {}: {}   id: {}",
        t("cli-admission-number", &[]),
        s.admission_number,
        s.id
    );
    out!(
        "  {}: {}   {}: {}   {}: {}",
        t("cli-gender", &[]),
        t(&format!("gender-{}", s.gender), &[]),
        t("cli-birth-date", &[]),
        s.birth_date,
        t("cli-nationality", &[]),
        s.nationality
    );
    out!(
        "  {}: {}   {}: {}",
        t("cli-national-id", &[]),
        s.national_id.as_deref().unwrap_or("-"),
        t("cli-status", &[]),
        t(&format!("status-{}", s.status), &[])
    );
    for e in &d.enrollments {
        out!(
            "  {}: {} {} ({})",
            t("cli-enrolled", &[]),
            e.year_name,
            e.classroom.name_en,
            e.grade.name_en
        );
    }
    for g in &d.guardians {
        out!(
            "  {}: {} / {}  {}",
            t("cli-guardian", &[]),
            g.guardian.name_en,
            g.guardian.name_ar,
            g.guardian.phone
        );
    }
    let a = &d.attendance;
    out!(
        "  {}",
        t(
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
        t("cli-marks-summary", &[("count", marks.to_string())])
    );
    for i in &d.invoices {
        out!(
            "  {} {}  {} / {}  {}: {}",
            i.invoice.number,
            i.invoice.description,
            money(i.paid, school),
            money(i.invoice.amount, school),
            t("cli-balance", &[]),
            money(i.balance, school)
        );
    }
}
