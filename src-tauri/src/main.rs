//! Daftar's desktop app: a Tauri v2 window over the Svelte UI in ui/. Every command is one
//! line into daftar-app; failures reach the UI as `{code, message}` in the person's language.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use chrono::NaiveDate;
use daftar_app::*;
use daftar_domain::StaffRole;
use tauri::{Emitter, Manager, State};
use tauri_plugin_notification::NotificationExt;
use uuid::Uuid;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Reply<T> = Result<T, AppError>;
type Desk<'a> = State<'a, Desktop>;

// The school and the person at the desk.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn session(desk: Desk<'_>) -> Reply<Session> {
    desk.call(|app, me| app.session(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn explore_demo(desk: Desk<'_>, role: StaffRole) -> Reply<Session> {
    desk.explore_demo(role)
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn explore_as(desk: Desk<'_>, role: StaffRole) -> Reply<Session> {
    desk.explore_as(role)
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn choose_language(desk: Desk<'_>, lang: String) -> Reply<String> {
    desk.call(|app, _| app.choose_language(&lang))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn desktop_alerts_on(desk: Desk<'_>) -> Reply<bool> {
    desk.call(|app, _| app.desktop_alerts_on())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_desktop_alerts(desk: Desk<'_>, on: bool) -> Reply<bool> {
    desk.call(|app, _| app.set_desktop_alerts(on))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_digits(desk: Desk<'_>, digits: Digits) -> Reply<Digits> {
    desk.call(|app, _| app.set_digits(digits))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn dashboard(desk: Desk<'_>) -> Reply<Dashboard> {
    desk.call(|app, me| app.dashboard(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn glance(desk: Desk<'_>) -> Reply<Glance> {
    desk.call(|app, me| app.glance(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn analytics(desk: Desk<'_>, view: AnalyticsView, filter: AnalyticsFilter) -> Reply<Analytics> {
    desk.call(|app, me| app.analytics(me, view, &filter))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn export_analytics(
    desk: Desk<'_>,
    view: AnalyticsView,
    filter: AnalyticsFilter,
    format: String,
) -> Reply<Exported> {
    desk.call(|app, me| app.export_analytics(me, view, &filter, &format))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_chronic_threshold(desk: Desk<'_>, percent: String) -> Reply<f64> {
    desk.call(|app, me| app.set_chronic_threshold(me, &percent))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn backup_now(desk: Desk<'_>) -> Reply<String> {
    desk.call(|app, _| app.backup_now())
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn backups(desk: Desk<'_>) -> Reply<Vec<Backup>> {
    desk.call(|app, _| app.backups())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn restore_backup(desk: Desk<'_>, name: String) -> Reply<Session> {
    desk.restore_backup(&name)
}

// Students.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn find_students(desk: Desk<'_>, search: StudentSearch) -> Reply<Page<StudentHit>> {
    desk.call(|app, me| app.find_students(me, &search))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn student(desk: Desk<'_>, id: String) -> Reply<StudentDetail> {
    desk.call(|app, me| app.student(me, &id))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_student(desk: Desk<'_>, id: String, fields: Vec<(String, String)>) -> Reply<StudentDetail> {
    desk.call(|app, me| app.edit_student(me, &id, &fields))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_guardian(
    desk: Desk<'_>,
    id: String,
    fields: Vec<(String, String)>,
) -> Reply<daftar_domain::Guardian> {
    desk.call(|app, me| app.edit_guardian(me, &id, &fields))
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn next_admission_number(desk: Desk<'_>) -> Reply<String> {
    desk.call(|app, me| app.next_admission_number(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn create_student(desk: Desk<'_>, student: NewStudent) -> Reply<StudentDetail> {
    desk.call(|app, me| app.create_student(me, &student))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn add_guardian(desk: Desk<'_>, id: String, guardian: NewGuardian) -> Reply<StudentDetail> {
    desk.call(|app, me| app.add_guardian(me, &id, &guardian))
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn import_students(
    desk: Desk<'_>,
    name: String,
    data: Vec<u8>,
    skip_invalid: bool,
    map: Option<ImportMap>,
    preview: bool,
) -> Reply<ImportReport> {
    desk.call_work(|app, me, work| {
        let options = ImportOptions {
            skip_invalid,
            map,
            preview,
            ..ImportOptions::default()
        };
        app.import_students(me, &name, &import_text_of(&data)?, &options, work)
    })
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn import_source(desk: Desk<'_>, data: Vec<u8>) -> Reply<ImportSource> {
    desk.call(|app, _| app.import_source(&import_text_of(&data)?))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn undo_last_import(desk: Desk<'_>) -> Reply<ImportUndone> {
    desk.call(|app, me| app.undo_last_import(me))
}

// Classrooms and enrollment.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn year_classrooms(desk: Desk<'_>, year: Option<Uuid>) -> Reply<YearClassrooms> {
    desk.call(|app, me| app.year_classrooms(me, year))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn class_list(desk: Desk<'_>, classroom: Uuid) -> Reply<Vec<ClassMember>> {
    desk.call(|app, me| app.class_list(me, classroom))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn assign_students(desk: Desk<'_>, assignment: AssignInput) -> Reply<Assigned> {
    desk.call(|app, me| app.assign_students(me, &assignment))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn open_next_year(desk: Desk<'_>) -> Reply<YearClassrooms> {
    desk.call(|app, me| app.open_next_year(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn make_year_current(desk: Desk<'_>, year: Uuid) -> Reply<daftar_domain::AcademicYear> {
    desk.call(|app, me| app.make_year_current(me, year))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn promotion_plan(desk: Desk<'_>, classroom: Uuid) -> Reply<PromotionPlan> {
    desk.call(|app, me| app.promotion_plan(me, classroom))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn promote(desk: Desk<'_>, promotion: PromotionInput) -> Reply<Promoted> {
    desk.call(|app, me| app.promote(me, &promotion))
}

// Registers and marks.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn classrooms(desk: Desk<'_>) -> Reply<Vec<ClassroomSummary>> {
    desk.call(|app, me| app.classrooms(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn register(desk: Desk<'_>, classroom: Uuid, date: NaiveDate) -> Reply<Vec<RosterEntry>> {
    desk.call(|app, me| app.register(me, classroom, date, 0))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_register(desk: Desk<'_>, register: RegisterMarks) -> Reply<RegisterSaved> {
    desk.call(|app, me| app.save_register(me, &register))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn assessments(desk: Desk<'_>, classroom: Uuid) -> Reply<Vec<daftar_domain::Assessment>> {
    desk.call(|app, me| app.assessments(me, classroom))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn mark_sheet(desk: Desk<'_>, assessment: Uuid) -> Reply<MarkSheet> {
    desk.call(|app, me| app.mark_sheet(me, assessment))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_marks(desk: Desk<'_>, assessment: Uuid, marks: Vec<MarkInput>) -> Reply<usize> {
    desk.call(|app, me| app.save_marks(me, assessment, &marks))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn terms(desk: Desk<'_>) -> Reply<Vec<daftar_domain::Term>> {
    desk.call(|app, _| app.terms())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_class_cards(desk: Desk<'_>, classroom: Uuid, term: String) -> Reply<Printed> {
    desk.call(|app, me| app.print_report_cards(me, classroom, &term, today(), None))
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_term_cards(desk: Desk<'_>, term: String) -> Reply<Printed> {
    desk.print_term_cards(&term)
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_register(desk: Desk<'_>, classroom: Uuid, month: String) -> Reply<Printed> {
    desk.call(|app, me| app.print_register(me, classroom, &month, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn export(desk: Desk<'_>, request: ExportRequest, format: ExportFormat) -> Reply<Exported> {
    desk.call(|app, me| app.export(me, &request, format))
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn open_logs(desk: Desk<'_>) -> Reply<String> {
    desk.open_logs()
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn open_folder(desk: Desk<'_>, folder: Folder) -> Reply<String> {
    desk.open_folder(folder)
}

// Long work: how far it has got, and stopping it.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn work_progress(desk: Desk<'_>) -> Reply<Option<WorkProgress>> {
    Ok(desk.work_progress())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn cancel_work(desk: Desk<'_>) -> Reply<bool> {
    Ok(desk.cancel_work())
}

// Fees.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn invoices(desk: Desk<'_>, query: InvoiceQuery) -> Reply<Page<InvoiceRow>> {
    desk.call(|app, me| app.invoices(me, &query))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn invoice(desk: Desk<'_>, number: String) -> Reply<InvoiceDetail> {
    desk.call(|app, me| app.invoice(me, &number))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn record_payment(desk: Desk<'_>, payment: PaymentInput) -> Reply<daftar_domain::Payment> {
    desk.call(|app, me| app.record_payment(me, &payment))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn fee_plans(desk: Desk<'_>) -> Reply<Vec<FeePlanView>> {
    desk.call(|app, me| app.fee_plans(me, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_fee_plan(desk: Desk<'_>, plan: FeePlanInput) -> Reply<daftar_domain::FeePlan> {
    desk.call(|app, me| app.save_fee_plan(me, &plan))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_fee_item(desk: Desk<'_>, item: FeeItemInput) -> Reply<daftar_domain::FeeItem> {
    desk.call(|app, me| app.save_fee_item(me, &item))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn archive_fee_item(desk: Desk<'_>, id: Uuid) -> Reply<()> {
    desk.call(|app, me| app.archive_fee_item(me, id))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn fee_policy(desk: Desk<'_>) -> Reply<daftar_domain::FeePolicy> {
    desk.call(|app, me| app.fee_policy(me, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_fee_policy(desk: Desk<'_>, policy: FeePolicyInput) -> Reply<daftar_domain::FeePolicy> {
    desk.call(|app, me| app.save_fee_policy(me, &policy))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn grant_discount(desk: Desk<'_>, discount: DiscountInput) -> Reply<daftar_domain::Discount> {
    desk.call(|app, me| app.grant_discount(me, &discount))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn discounts(desk: Desk<'_>, student: String) -> Reply<Vec<daftar_domain::Discount>> {
    desk.call(|app, me| app.discounts(me, &student))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn run_invoicing(desk: Desk<'_>, run: InvoicingRun) -> Reply<RunReport> {
    desk.call(|app, me| app.run_invoicing(me, &run))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_tax_invoice(desk: Desk<'_>, number: String) -> Reply<Printed> {
    desk.call(|app, me| app.print_tax_invoice(me, &number, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn credit_invoice(desk: Desk<'_>, credit: CreditInput) -> Reply<daftar_domain::CreditNote> {
    desk.call(|app, me| app.credit_invoice(me, &credit))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn void_invoice(desk: Desk<'_>, number: String, reason: String) -> Reply<daftar_domain::Invoice> {
    desk.call(|app, me| app.void_invoice(me, &number, &reason))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn charge_late_fees(desk: Desk<'_>, preview: bool) -> Reply<LateFeeReport> {
    desk.call(|app, me| app.charge_late_fees(me, preview))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn refund(desk: Desk<'_>, refund: RefundInput) -> Reply<daftar_domain::Refund> {
    desk.call(|app, me| app.refund(me, &refund))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn apply_family_credit(
    desk: Desk<'_>,
    student: String,
) -> Reply<Vec<daftar_domain::CreditTransfer>> {
    desk.call(|app, me| app.apply_family_credit(me, &student))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn family_account(desk: Desk<'_>, student: String) -> Reply<FamilyAccount> {
    desk.call(|app, me| app.family_account(me, &student))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_statement(desk: Desk<'_>, student: String) -> Reply<Printed> {
    desk.call(|app, me| app.print_statement(me, &student, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn cash_day(desk: Desk<'_>, day: NaiveDate, staff: Option<Uuid>) -> Reply<CashDay> {
    desk.call(|app, me| app.cash_day(me, day, staff))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_cash_report(desk: Desk<'_>, day: NaiveDate, staff: Option<Uuid>) -> Reply<Printed> {
    desk.call(|app, me| app.print_cash_report(me, day, staff, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn aging(desk: Desk<'_>, on: NaiveDate) -> Reply<Aging> {
    desk.call(|app, me| app.aging(me, on))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_aging(desk: Desk<'_>, on: NaiveDate) -> Reply<Printed> {
    desk.call(|app, me| app.print_aging(me, on, None))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn print_receipt(desk: Desk<'_>, receipt: String) -> Reply<Printed> {
    desk.call(|app, me| app.print_receipt(me, &receipt, None))
}

// Announcements.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn announcements(desk: Desk<'_>) -> Reply<Vec<daftar_domain::Announcement>> {
    desk.call(|app, me| app.announcements(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn post_announcement(
    desk: Desk<'_>,
    announcement: AnnouncementInput,
) -> Reply<daftar_domain::Announcement> {
    desk.call(|app, me| app.post_announcement(me, &announcement))
}

// Sync.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn connect(
    desk: Desk<'_>,
    server: String,
    school: String,
    user: String,
    password: String,
) -> Reply<Session> {
    desk.connect(&server, &school, &user, &password)
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn disconnect(desk: Desk<'_>, export: Option<PathBuf>) -> Reply<usize> {
    desk.disconnect(export.as_deref())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn sync_overview(desk: Desk<'_>) -> Reply<SyncOverview> {
    desk.call(|app, _| app.sync_overview())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn sync_status(desk: Desk<'_>) -> Reply<Option<SyncStatus>> {
    Ok(desk.sync_status())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn sync_now(desk: Desk<'_>) -> Reply<bool> {
    Ok(desk.sync_now())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn cancel_sync(desk: Desk<'_>) -> Reply<bool> {
    Ok(desk.cancel_sync())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn conflicts(desk: Desk<'_>, all: bool) -> Reply<Vec<ConflictView>> {
    desk.call(|app, _| app.conflicts(all))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn resolve_conflict(desk: Desk<'_>, id: String, keep: KeepInput) -> Reply<ConflictView> {
    desk.call(|app, me| app.resolve_conflict(me, &id, keep.into()))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn rejected_changes(desk: Desk<'_>) -> Reply<Vec<Rejected>> {
    desk.call(|app, _| app.rejected_changes())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn retry_rejected(desk: Desk<'_>) -> Reply<usize> {
    desk.call(|app, _| app.retry_rejected())
}

// Setting the school up.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn start_school(desk: Desk<'_>, school: NewSchool) -> Reply<Session> {
    desk.start_school(&school)
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn setup_list(desk: Desk<'_>, kind: SetupKind, year: Option<Uuid>) -> Reply<SetupList> {
    desk.call(|app, me| app.setup_list(me, kind, year))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn setup_save(
    desk: Desk<'_>,
    kind: SetupKind,
    id: Option<Uuid>,
    year: Option<Uuid>,
    fields: Vec<(String, String)>,
) -> Reply<SetupRecord> {
    desk.call(|app, me| app.setup_save(me, kind, id, year, &fields))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn setup_archive(desk: Desk<'_>, kind: SetupKind, id: Uuid) -> Reply<()> {
    desk.call(|app, me| app.setup_archive(me, kind, id))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_logo(desk: Desk<'_>, data: Vec<u8>) -> Reply<daftar_domain::School> {
    desk.call(|app, me| app.set_logo(me, &data))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn clear_logo(desk: Desk<'_>) -> Reply<daftar_domain::School> {
    desk.call(|app, me| app.clear_logo(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn calendar(desk: Desk<'_>, year: Option<Uuid>, month: Option<NaiveDate>) -> Reply<MonthCalendar> {
    desk.call(|app, _| app.calendar(year, month))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn import_holidays(desk: Desk<'_>, year: Option<Uuid>, text: String) -> Reply<usize> {
    desk.call(|app, me| app.import_holidays(me, year, &text))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn lock_term(desk: Desk<'_>, term: Uuid, locked: bool) -> Reply<daftar_domain::Term> {
    desk.call(|app, me| app.lock_term(me, term, locked))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn assignments(desk: Desk<'_>, year: Option<Uuid>) -> Reply<AssignmentGrid> {
    desk.call(|app, me| app.assignments(me, year))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn assign_teacher(
    desk: Desk<'_>,
    classroom: Uuid,
    subject: Uuid,
    staff: Option<Uuid>,
) -> Reply<Option<AssignmentCell>> {
    desk.call(|app, me| app.assign_teacher(me, classroom, subject, staff))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn grade_bands(desk: Desk<'_>) -> Reply<Vec<daftar_domain::BandRange>> {
    desk.call(|app, _| app.grade_bands())
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_grade_bands(
    desk: Desk<'_>,
    bands: Vec<daftar_domain::BandRange>,
) -> Reply<Vec<daftar_domain::BandRange>> {
    desk.call(|app, me| app.save_grade_bands(me, &bands))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn save_assessment(
    desk: Desk<'_>,
    assessment: AssessmentInput,
) -> Reply<daftar_domain::Assessment> {
    desk.call(|app, me| app.save_assessment(me, &assessment))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn import_staff(desk: Desk<'_>, text: String) -> Reply<(usize, usize)> {
    desk.call(|app, me| app.import_staff(me, &text))
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn record_history(desk: Desk<'_>, table: String, row: Uuid) -> Reply<RecordHistory> {
    desk.call(|app, me| app.record_history(me, &table, row))
}

#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn mark_sheet_history(desk: Desk<'_>, assessment: Uuid) -> Reply<MarkSheetHistory> {
    desk.call(|app, me| app.mark_sheet_history(me, assessment))
}

// The school's messages to guardians.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn guardian_messages(desk: Desk<'_>, state: Option<String>) -> Reply<GuardianMessages> {
    desk.call(|app, me| app.guardian_messages(me, state.as_deref()))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn redrive_messages(desk: Desk<'_>, ids: Vec<Uuid>) -> Reply<u64> {
    desk.call(|app, me| app.redrive_messages(me, &ids))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn set_guardian_opt_out(
    desk: Desk<'_>,
    guardian: Uuid,
    channel: String,
    opted_out: bool,
) -> Reply<()> {
    desk.call(|app, me| app.set_guardian_opt_out(me, guardian, &channel, opted_out))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn publish_report_cards(desk: Desk<'_>, term: Uuid, classroom: Option<Uuid>) -> Reply<u64> {
    desk.call(|app, me| app.publish_report_cards(me, term, classroom))
}

// The school's cloud accounts.
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn cloud_accounts(desk: Desk<'_>) -> Reply<Vec<AccountInfo>> {
    desk.call(|app, me| app.cloud_accounts(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn create_account(desk: Desk<'_>, account: NewAccount) -> Reply<AccountInfo> {
    desk.call(|app, me| app.create_account(me, &account))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn change_account(desk: Desk<'_>, id: Uuid, change: AccountChange) -> Reply<AccountInfo> {
    desk.call(|app, me| app.change_account(me, id, &change))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn cloud_devices(desk: Desk<'_>) -> Reply<Vec<DeviceSession>> {
    desk.call(|app, me| app.cloud_devices(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn sign_device_out(desk: Desk<'_>, session: Uuid) -> Reply<()> {
    desk.call(|app, me| app.sign_device_out(me, session))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn account_history(desk: Desk<'_>) -> Reply<Vec<AccountEvent>> {
    desk.call(|app, me| app.account_history(me))
}
#[tauri::command(async, rename_all = "snake_case")]
#[tracing::instrument(skip_all)]
fn change_password(desk: Desk<'_>, current: String, new: String) -> Reply<()> {
    desk.change_password(&current, &new)
}

fn main() {
    // `--data-dir DIR`, then DAFTAR_DATA_DIR, then the platform's folder (as the CLI does).
    let mut args = std::env::args_os().skip(1);
    let given = std::iter::from_fn(|| args.next())
        .collect::<Vec<_>>()
        .windows(2)
        .find(|pair| pair[0] == "--data-dir")
        .map(|pair| PathBuf::from(&pair[1]));
    let data_dir = match given.or_else(|| std::env::var_os("DAFTAR_DATA_DIR").map(PathBuf::from)) {
        Some(dir) => dir,
        None => match daftar_app::default_data_dir() {
            Some(dir) => dir,
            None => {
                eprintln!(
                    "daftar-desktop: no home folder for the school's data; set DAFTAR_DATA_DIR"
                );
                std::process::exit(1);
            }
        },
    };
    // The log of this desktop, in its data folder; none is no reason not to start.
    let _log = match daftar_app::start_logging(&data_dir) {
        Ok(guard) => Some(guard),
        Err(error) => {
            eprintln!("daftar-desktop: no log file: {error}");
            None
        }
    };
    let desktop = match Desktop::open(&data_dir) {
        Ok(desktop) => desktop,
        Err(error) => {
            eprintln!("daftar-desktop: {} ({})", error.message, error.code);
            std::process::exit(1);
        }
    };
    let outcome = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            // The backend tells the window of sync, data and work changes as they happen, and
            // the system's notification area of what a round calls for.
            let window = app.handle().clone();
            app.state::<Desktop>()
                .listen(std::sync::Arc::new(move |event, payload| {
                    if event == "desktop-alert" {
                        let title = payload["title"].as_str().unwrap_or_default();
                        let body = payload["body"].as_str().unwrap_or_default();
                        let shown = window
                            .notification()
                            .builder()
                            .title(title)
                            .body(body)
                            .show();
                        if let Err(error) = shown {
                            // No notification service (a bare X server): the window still has it.
                            tracing::debug!(%error, "no desktop notification");
                        }
                    }
                    let _ = window.emit(event, payload);
                }));
            Ok(())
        })
        .manage(desktop)
        .invoke_handler(tauri::generate_handler![
            session,
            explore_demo,
            explore_as,
            choose_language,
            set_digits,
            desktop_alerts_on,
            set_desktop_alerts,
            dashboard,
            glance,
            analytics,
            export_analytics,
            set_chronic_threshold,
            backup_now,
            backups,
            restore_backup,
            find_students,
            student,
            set_student,
            set_guardian,
            next_admission_number,
            create_student,
            add_guardian,
            import_students,
            import_source,
            undo_last_import,
            year_classrooms,
            class_list,
            assign_students,
            open_next_year,
            make_year_current,
            promotion_plan,
            promote,
            classrooms,
            register,
            save_register,
            assessments,
            mark_sheet,
            save_marks,
            terms,
            print_class_cards,
            print_term_cards,
            print_register,
            export,
            open_logs,
            open_folder,
            work_progress,
            cancel_work,
            invoices,
            invoice,
            record_payment,
            print_receipt,
            fee_plans,
            save_fee_plan,
            save_fee_item,
            archive_fee_item,
            fee_policy,
            save_fee_policy,
            grant_discount,
            discounts,
            run_invoicing,
            charge_late_fees,
            credit_invoice,
            refund,
            apply_family_credit,
            family_account,
            print_statement,
            cash_day,
            print_cash_report,
            aging,
            print_aging,
            void_invoice,
            print_tax_invoice,
            announcements,
            post_announcement,
            connect,
            disconnect,
            sync_overview,
            sync_status,
            sync_now,
            cancel_sync,
            conflicts,
            resolve_conflict,
            rejected_changes,
            retry_rejected,
            start_school,
            setup_list,
            setup_save,
            setup_archive,
            set_logo,
            clear_logo,
            calendar,
            import_holidays,
            lock_term,
            assignments,
            assign_teacher,
            grade_bands,
            save_grade_bands,
            import_staff,
            save_assessment,
            record_history,
            mark_sheet_history,
            cloud_accounts,
            guardian_messages,
            redrive_messages,
            set_guardian_opt_out,
            publish_report_cards,
            create_account,
            change_account,
            account_history,
            cloud_devices,
            sign_device_out,
            change_password,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = outcome {
        eprintln!("daftar-desktop: {error}");
        std::process::exit(1);
    }
}
