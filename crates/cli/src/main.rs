//! `daftar`: a school's data from the terminal. A module per command noun; every command is
//! a use case of daftar-app run as the session's actor, under the same role policy as the
//! window; `--json` gives any result to scripts; errors print a translated message and
//! exit 1.

mod accounts;
mod attendance;
mod demo;
mod fees;
mod messages;
mod output;
mod print;
mod report;
mod setup;
mod students;
mod sync;
mod transfer;
mod years;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use daftar_app::{Actor, App, AppError, Failure, parse_date};
use daftar_domain::StaffRole;
use daftar_i18n::Localizer;

use crate::output::{Output, out};

// Sync moves hundreds of thousands of small JSON maps: mimalloc frees them much faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Role {
    Admin,
    Office,
    Teacher,
}

impl From<Role> for StaffRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Admin => StaffRole::Admin,
            Role::Office => StaffRole::Office,
            Role::Teacher => StaffRole::Teacher,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a demo school in the data folder, ready to explore.
    Demo(demo::DemoArgs),
    /// On a demo school, work as its first member of staff with this role from now on.
    Explore {
        #[arg(long, value_enum)]
        role: Role,
    },
    /// Set the school up: start a new one, its profile, years, terms, holidays, grades,
    /// classrooms, subjects, staff, teaching, bands and calendar.
    Setup {
        #[command(subcommand)]
        command: setup::SetupCommand,
    },
    /// Set assessments (a teacher: in the subjects they teach).
    Assessments {
        #[command(subcommand)]
        command: setup::AssessmentsCommand,
    },
    /// Academic years, their terms and holidays.
    Years {
        #[command(subcommand)]
        command: years::ListOnly,
    },
    /// The current year's classrooms (a teacher: their own).
    Classrooms {
        #[command(subcommand)]
        command: years::ListOnly,
    },
    /// Find, show and edit students.
    Students {
        #[command(subcommand)]
        command: students::StudentsCommand,
    },
    /// Edit a guardian (their id is in `daftar students show`).
    Guardians {
        #[command(subcommand)]
        command: students::GuardiansCommand,
    },
    /// Take and see attendance.
    Attendance {
        #[command(subcommand)]
        command: attendance::AttendanceCommand,
    },
    /// Invoices and payments.
    Fees {
        #[command(subcommand)]
        command: fees::FeesCommand,
    },
    /// Import students from a CSV file.
    Import {
        #[command(subcommand)]
        command: transfer::ImportCommand,
    },
    /// Export students to a CSV file.
    Export {
        #[command(subcommand)]
        command: transfer::ExportCommand,
    },
    /// An analytics view (attendance, marks, fees, enrollment) written to a file: .xlsx, .csv
    /// or .pdf.
    Report(report::ReportArgs),
    /// Print report cards, receipts and attendance registers as PDF.
    Print {
        #[command(subcommand)]
        command: print::PrintCommand,
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
        command: Option<sync::SyncCommand>,
    },
    /// Conflicts between edits made on two devices: list them and settle them.
    Conflicts {
        #[command(subcommand)]
        command: sync::ConflictsCommand,
    },
    /// The school's cloud accounts (for those who run the school; needs the cloud).
    Accounts {
        #[command(subcommand)]
        command: accounts::AccountsCommand,
    },
    /// The school's messages to guardians (needs the cloud).
    Messages {
        #[command(subcommand)]
        command: messages::MessagesCommand,
    },
    /// Replace the password of the account this device is signed in as (DAFTAR_PASSWORD
    /// and DAFTAR_NEW_PASSWORD, or prompts).
    Password,
    /// Sign this device out of the cloud. Refused while changes are not in the cloud yet,
    /// unless --export saves them to a file first (then they leave this desktop).
    Disconnect {
        #[arg(long, value_name = "FILE.jsonl")]
        export: Option<PathBuf>,
    },
}

impl Command {
    /// The noun, as the log's span names it.
    fn noun(&self) -> &'static str {
        match self {
            Command::Demo(_) => "demo",
            Command::Explore { .. } => "explore",
            Command::Setup { .. } => "setup",
            Command::Assessments { .. } => "assessments",
            Command::Years { .. } => "years",
            Command::Classrooms { .. } => "classrooms",
            Command::Students { .. } => "students",
            Command::Guardians { .. } => "guardians",
            Command::Attendance { .. } => "attendance",
            Command::Fees { .. } => "fees",
            Command::Import { .. } => "import",
            Command::Export { .. } => "export",
            Command::Print { .. } => "print",
            Command::Report(_) => "report",
            Command::Connect { .. } => "connect",
            Command::Sync { .. } => "sync",
            Command::Conflicts { .. } => "conflicts",
            Command::Disconnect { .. } => "disconnect",
            Command::Accounts { .. } => "accounts",
            Command::Messages { .. } => "messages",
            Command::Password => "password",
        }
    }
}

/// A command's session: the school's data folder, the actor (built once, as the window
/// builds it when a session opens) and where results go.
#[derive(Debug)]
pub struct Context {
    pub app: App,
    pub actor: Actor,
    pub out: Output,
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

pub(crate) fn date_or_today(text: &Option<String>) -> Result<NaiveDate, Failure> {
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
    let data_dir = data_dir(cli)?;
    let mut app = App::open(&data_dir, messages(cli))?;
    // The data folder's log (`logs/`): ids and counts, never names.
    let _log = daftar_app::start_logging(&data_dir).ok();
    let _command = tracing::info_span!("command", noun = cli.command.noun()).entered();
    let actor = app.call(|a| a.actor())?;
    let cx = &mut Context {
        app,
        actor,
        out: Output::new(cli.json, messages(cli)),
    };
    match &cli.command {
        Command::Demo(args) => demo::run(cx, args),
        Command::Explore { role } => {
            let role = StaffRole::from(*role);
            cx.actor = cx.app.call(|a| a.explore_as(role))?;
            let actor = cx.actor;
            let me = cx.app.call(|a| a.me(&actor))?;
            cx.out.show(&me, |o| {
                let name = me.as_ref().map_or("", |m| o.name(&m.name_ar, &m.name_en));
                o.say(
                    "cli-exploring",
                    &[
                        ("name", name.to_string()),
                        ("role", role.as_str().to_string()),
                    ],
                )
            })
        }
        Command::Setup { command } => setup::run(cx, command),
        Command::Assessments { command } => setup::assessments(cx, command),
        Command::Years { command } => years::years(cx, command),
        Command::Classrooms { command } => years::classrooms(cx, command),
        Command::Students { command } => students::run(cx, command),
        Command::Guardians { command } => students::guardians(cx, command),
        Command::Attendance { command } => attendance::run(cx, command),
        Command::Fees { command } => fees::run(cx, command),
        Command::Import { command } => transfer::import(cx, command),
        Command::Export { command } => transfer::export(cx, command),
        Command::Print { command } => print::run(cx, command),
        Command::Report(args) => report::run(cx, args),
        Command::Connect {
            server,
            school,
            user,
            device_name,
        } => sync::connect(cx, server, school, user, device_name),
        Command::Sync { command } => sync::run(cx, command),
        Command::Conflicts { command } => sync::conflicts(cx, command),
        Command::Disconnect { export } => sync::disconnect(cx, export),
        Command::Accounts { command } => accounts::run(cx, command),
        Command::Messages { command } => messages::run(cx, command),
        Command::Password => accounts::change_own(cx),
    }
}
