//! Daftar's use cases, shared by the desktop window and the `daftar` CLI, one module per
//! area of a school. Every use case takes the [`Actor`] (who, which role, which device),
//! built once when a session opens, and asks the one role policy
//! (`daftar_domain::policy`) before it reads another's records or writes anything. The
//! callers never see SQL; errors reach them as `{code, message}` in the person's language.

mod accounts;
mod alerts;
mod analytics;
mod announcements;
mod attendance;
mod backups;
mod classes;
mod csv_io;
pub mod demo;
mod desktop;
mod error;
mod exports;
mod fee_plans;
mod fees;
mod history;
mod import_map;
mod ledger;
mod logging;
mod marks;
mod messages;
mod names;
mod printing;
mod registry;
mod school_year;
mod session;
mod setup;
mod spreadsheet;
mod sync;
mod teaching;
mod work;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use daftar_domain::policy::{self, Grant};
use daftar_domain::*;
use daftar_i18n::Localizer;
use daftar_store::Store;
use uuid::Uuid;

pub use alerts::DesktopAlert;
pub use analytics::{
    Analytics, AnalyticsFilter, AnalyticsFrame, AnalyticsTable, AnalyticsView, BoxStats, Chart,
    ChartKind, ClassroomChoice, ColumnKind, DEFAULT_THRESHOLD, Figures, Glance, Series, Unit,
};
pub use announcements::AnnouncementInput;
pub use attendance::{RegisterInput, RegisterMarks, RegisterSaved};
pub use backups::Backup;
pub use classes::{
    AssignInput, Assigned, Promoted, PromotionInput, PromotionPlan, PromotionRow, YearClassrooms,
    next_year_name,
};
pub use csv_io::{
    CANONICAL_HEADER, ImportOptions, ImportReport, ImportUndone, RowPlan, import_text_of,
    read_import_file,
};
pub use daftar_domain::{Action, Actor};
pub use daftar_protocol::{
    AccountChange, AccountEvent, AccountInfo, Choice, DeviceSession, NewAccount, NotificationCount,
    Side,
};
pub use daftar_store::Level;
pub use daftar_store::{AccountEntry, AgingRow, CashLine, EntryKind, FamilyAccount};
pub use daftar_store::{AttendanceDay, FeeTotals, InvoiceDetail, InvoiceQuery, InvoiceRow};
pub use daftar_store::{
    AttendanceSummary, ClassMember, ClassroomSummary, Page, RosterEntry, Sort, StudentDetail,
    StudentHit, YearDetail,
};
pub use daftar_store::{LocalConflict, Rejected, fee_plan_id};
pub use daftar_sync::{Account, Progress, RoundSummary, State as SyncState, Status as SyncStatus};
pub use demo::{DemoOptions, DemoSummary};
pub use desktop::{Desktop, Folder, KeepInput, Listener};
pub use error::{AppError, Failure, Result, RowError};
pub use exports::{ExportFormat, ExportRequest, Exported};
pub use fee_plans::{
    DiscountInput, FeeItemInput, FeeItemView, FeePlanInput, FeePlanView, FeePolicyInput,
    InstalmentInput, InstalmentView, InvoicingRun, LateFeeReport, RunInvoice, RunReport,
    parse_percent,
};
pub use fees::{CreditInput, PaymentInput, parse_amount};
pub use history::{FieldChange, HistoryEntry, MarkChange, MarkSheetHistory, RecordHistory};
pub use import_map::{ImportMap, ImportSource, date_in_order};
pub use ledger::{Aging, CashDay, FeeExport, RefundInput, credit_transfer_id};
pub use logging::{LogGuard, logs_dir, start_logging};
pub use marks::{AssessmentInput, MarkInput, MarkRow, MarkSheet};
pub use messages::{GuardianMessage, GuardianMessages, GuardianOptOut};
pub use printing::{Printed, parse_month};
pub use registry::{GUARDIAN_FIELDS, NewGuardian, NewStudent, STUDENT_FIELDS, StudentSearch};
pub use school_year::{HOLIDAY_HEADER, MonthCalendar, TermDays};
pub use session::{Dashboard, Digits, Me, Session, today};
pub use setup::{
    FieldOption, FieldSpec, Input, NewSchool, SetupKind, SetupList, SetupRecord, SetupStep,
    currency_digits, fit_logo,
};
pub use spreadsheet::Cell;
pub use sync::{ConflictSide, ConflictView, Keep, SyncOverview};
pub use teaching::{AssignmentCell, AssignmentGrid, STAFF_HEADER};
pub use work::{Work, WorkProgress};

/// The database file inside a data folder.
pub const DATABASE_FILE: &str = "daftar.sqlite3";

/// A school's data folder, open.
pub struct App {
    store: Store,
    messages: Localizer,
    data_dir: PathBuf,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("data_dir", &self.data_dir)
            .field("lang", &self.messages.lang())
            .finish()
    }
}

/// Where a school's data lives when no folder is given: the platform's app-data folder
/// (`~/.local/share/daftar` on Linux), shared by the desktop app and the `daftar` command.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "daftar").map(|dirs| dirs.data_dir().to_path_buf())
}

/// A date as people type it: `YYYY-MM-DD` (also `DD/MM/YYYY`), in Western or Arabic-Indic
/// digits.
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let digits = western_digits(text.trim());
    NaiveDate::parse_from_str(&digits, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&digits, "%d/%m/%Y"))
        .map_err(|_| Failure::InvalidDate(text.chars().take(40).collect()))
}

impl App {
    /// Open (creating if need be) the school data in `data_dir`.
    pub fn open(data_dir: &Path, messages: Localizer) -> std::result::Result<Self, AppError> {
        match Store::open(&data_dir.join(DATABASE_FILE), Arc::new(SystemClock)) {
            Ok(store) => Ok(App {
                store,
                messages,
                data_dir: data_dir.to_path_buf(),
            }),
            Err(e) => Err(AppError::new(&Failure::Store(e), &messages)),
        }
    }

    /// Run a use case and give its failure, if any, as a person reads it.
    pub fn call<T>(
        &mut self,
        work: impl FnOnce(&mut App) -> Result<T>,
    ) -> std::result::Result<T, AppError> {
        work(self).map_err(|failure| AppError::new(&failure, &self.messages))
    }

    pub fn error(&self, failure: &Failure) -> AppError {
        AppError::new(failure, &self.messages)
    }

    pub fn messages(&self) -> &Localizer {
        &self.messages
    }

    pub fn set_language(&mut self, messages: Localizer) {
        self.messages = messages;
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Direct access for tests and benchmarks that measure the store itself.
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Who uses this device, built when a session opens: on a connected desktop the
    /// signed-in account's member of staff and role; on a demo or local school the member
    /// of staff chosen; with no one chosen yet (a school with no staff), its administrator.
    pub fn actor(&self) -> Result<Actor> {
        let device = self.store.device_id();
        if let Some(account) = self.account()? {
            return Ok(Actor {
                staff_id: account.staff_id.unwrap_or(Uuid::nil()),
                role: account.role,
                device,
            });
        }
        let chosen = self
            .store
            .setting("user_id")?
            .and_then(|id| Uuid::parse_str(&id).ok());
        let staff = match chosen {
            Some(id) => self.store.find::<Staff>(id)?,
            None => None,
        };
        Ok(match staff {
            Some(staff) => Actor {
                staff_id: staff.id,
                role: staff.role,
                device,
            },
            None => Actor {
                staff_id: Uuid::nil(),
                role: StaffRole::Admin,
                device,
            },
        })
    }

    /// What a teacher works with in the current year (nothing for other roles, whom the
    /// policy does not limit to classrooms of their own).
    pub(crate) fn reach(&self, actor: &Actor) -> Result<Reach> {
        if actor.role != StaffRole::Teacher {
            return Ok(Reach::default());
        }
        match self.store.current_year()? {
            Some(year) => Ok(self.store.teacher_reach(actor.staff_id, year.id)?),
            None => Ok(Reach::default()),
        }
    }

    /// Fails with `not-allowed` unless the policy lets `actor` do `action` on `target`; every
    /// use case asks it before it reads another's records or writes.
    pub fn allow(&self, actor: &Actor, action: Action, target: Target) -> Result<()> {
        // Only a teacher's own records need their classrooms read.
        let reach = match policy::grant(actor.role, action) {
            Grant::Own if target != Target::default() => self.reach(actor)?,
            _ => Reach::default(),
        };
        policy::check(actor.role, &reach, action, &target)
            .map_err(|refusal| Failure::NotAllowed { action, refusal })
    }

    pub fn create_demo(&mut self, options: DemoOptions) -> Result<DemoSummary> {
        demo::generate(&mut self.store, options)
    }

    pub fn school(&self) -> Result<School> {
        self.store.school()?.ok_or(Failure::NoSchool)
    }

    pub fn current_year(&self) -> Result<AcademicYear> {
        self.school()?;
        self.store.current_year()?.ok_or(Failure::NoCurrentYear)
    }

    pub fn years(&self) -> Result<Vec<YearDetail>> {
        self.school()?;
        Ok(self.store.years()?)
    }

    /// A classroom of the current year by name (`5A`, its English or Arabic name), as the
    /// CLI names them.
    pub fn classroom(&self, name: &str) -> Result<Classroom> {
        let year = self.current_year()?;
        self.store
            .classroom_named(year.id, name)?
            .filter(|c| c.year_id == year.id)
            .ok_or_else(|| Failure::UnknownClassroom(name.chars().take(60).collect()))
    }

    pub fn grade(&self, name: &str) -> Result<GradeLevel> {
        self.store
            .grade_named(name)?
            .ok_or_else(|| Failure::UnknownGrade(name.chars().take(60).collect()))
    }

    pub fn terms(&self) -> Result<Vec<Term>> {
        let year = self.current_year()?;
        Ok(self.store.terms(year.id)?)
    }

    /// Local changes waiting to be synced.
    pub fn pending_changes(&self) -> Result<i64> {
        Ok(self.store.outbox_len()?)
    }
}
