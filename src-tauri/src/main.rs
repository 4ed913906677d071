//! Daftar's desktop app: a Tauri v2 window over the Svelte UI in ui/. Every command is one
//! line into daftar-app; failures reach the UI as `{code, message}` in the person's language.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use chrono::NaiveDate;
use daftar_app::*;
use daftar_domain::StaffRole;
use tauri::State;
use uuid::Uuid;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Reply<T> = Result<T, AppError>;
type Desk<'a> = State<'a, Desktop>;

// The school and the person at the desk.
#[tauri::command(async, rename_all = "snake_case")]
fn session(desk: Desk<'_>) -> Reply<Session> {
    desk.call(|app| app.session())
}
#[tauri::command(async, rename_all = "snake_case")]
fn explore_demo(desk: Desk<'_>, role: StaffRole) -> Reply<Session> {
    desk.call(|app| app.explore_demo(role))
}
#[tauri::command(async, rename_all = "snake_case")]
fn explore_as(desk: Desk<'_>, role: StaffRole) -> Reply<Session> {
    desk.call(|app| app.explore_as(role))
}
#[tauri::command(async, rename_all = "snake_case")]
fn choose_language(desk: Desk<'_>, lang: String) -> Reply<String> {
    desk.call(|app| app.choose_language(&lang))
}
#[tauri::command(async, rename_all = "snake_case")]
fn set_digits(desk: Desk<'_>, digits: Digits) -> Reply<Digits> {
    desk.call(|app| app.set_digits(digits))
}
#[tauri::command(async, rename_all = "snake_case")]
fn dashboard(desk: Desk<'_>) -> Reply<Dashboard> {
    desk.call(|app| app.dashboard())
}
#[tauri::command(async, rename_all = "snake_case")]
fn backup_now(desk: Desk<'_>) -> Reply<String> {
    desk.call(|app| app.backup_now())
}

#[tauri::command(async, rename_all = "snake_case")]
fn backups(desk: Desk<'_>) -> Reply<Vec<Backup>> {
    desk.call(|app| app.backups())
}
#[tauri::command(async, rename_all = "snake_case")]
fn restore_backup(desk: Desk<'_>, name: String) -> Reply<Session> {
    desk.restore_backup(&name)
}

// Students.
#[tauri::command(async, rename_all = "snake_case")]
fn find_students(desk: Desk<'_>, search: StudentSearch) -> Reply<Page<StudentHit>> {
    desk.call(|app| app.find_students(&search))
}
#[tauri::command(async, rename_all = "snake_case")]
fn student(desk: Desk<'_>, id: String) -> Reply<StudentDetail> {
    desk.call(|app| app.student_for_me(&id))
}
#[tauri::command(async, rename_all = "snake_case")]
fn set_student(desk: Desk<'_>, id: String, fields: Vec<(String, String)>) -> Reply<StudentDetail> {
    desk.call(|app| app.edit_student(&id, &fields))
}
#[tauri::command(async, rename_all = "snake_case")]
fn set_guardian(
    desk: Desk<'_>,
    id: String,
    fields: Vec<(String, String)>,
) -> Reply<daftar_domain::Guardian> {
    desk.call(|app| app.edit_guardian(&id, &fields))
}

#[tauri::command(async, rename_all = "snake_case")]
fn next_admission_number(desk: Desk<'_>) -> Reply<String> {
    desk.call(|app| app.next_admission_number())
}
#[tauri::command(async, rename_all = "snake_case")]
fn create_student(desk: Desk<'_>, student: NewStudent) -> Reply<StudentDetail> {
    desk.call(|app| app.create_student(&student))
}
#[tauri::command(async, rename_all = "snake_case")]
fn add_guardian(desk: Desk<'_>, id: String, guardian: NewGuardian) -> Reply<StudentDetail> {
    desk.call(|app| app.add_guardian(&id, &guardian))
}

#[tauri::command(async, rename_all = "snake_case")]
fn import_students(
    desk: Desk<'_>,
    name: String,
    text: String,
    skip_invalid: bool,
) -> Reply<ImportReport> {
    desk.call_work(|app, work| app.import_students_text(&name, &text, skip_invalid, work))
}

// Classrooms and enrollment.
#[tauri::command(async, rename_all = "snake_case")]
fn year_classrooms(desk: Desk<'_>, year: Option<Uuid>) -> Reply<YearClassrooms> {
    desk.call(|app| app.year_classrooms(year))
}
#[tauri::command(async, rename_all = "snake_case")]
fn class_list(desk: Desk<'_>, classroom: Uuid) -> Reply<Vec<ClassMember>> {
    desk.call(|app| app.class_list(classroom))
}
#[tauri::command(async, rename_all = "snake_case")]
fn assign_students(desk: Desk<'_>, assignment: AssignInput) -> Reply<Assigned> {
    desk.call(|app| app.assign_students(&assignment))
}
#[tauri::command(async, rename_all = "snake_case")]
fn open_next_year(desk: Desk<'_>) -> Reply<YearClassrooms> {
    desk.call(|app| app.open_next_year())
}
#[tauri::command(async, rename_all = "snake_case")]
fn make_year_current(desk: Desk<'_>, year: Uuid) -> Reply<daftar_domain::AcademicYear> {
    desk.call(|app| app.make_year_current(year))
}
#[tauri::command(async, rename_all = "snake_case")]
fn promotion_plan(desk: Desk<'_>, classroom: Uuid) -> Reply<PromotionPlan> {
    desk.call(|app| app.promotion_plan(classroom))
}
#[tauri::command(async, rename_all = "snake_case")]
fn promote(desk: Desk<'_>, promotion: PromotionInput) -> Reply<Promoted> {
    desk.call(|app| app.promote(&promotion))
}

// Registers and marks.
#[tauri::command(async, rename_all = "snake_case")]
fn classrooms(desk: Desk<'_>) -> Reply<Vec<ClassroomSummary>> {
    desk.call(|app| app.my_classrooms())
}
#[tauri::command(async, rename_all = "snake_case")]
fn register(desk: Desk<'_>, classroom: Uuid, date: NaiveDate) -> Reply<Vec<RosterEntry>> {
    desk.call(|app| app.register_of(classroom, date))
}
#[tauri::command(async, rename_all = "snake_case")]
fn save_register(desk: Desk<'_>, register: RegisterMarks) -> Reply<RegisterSaved> {
    desk.call(|app| app.save_register(&register))
}
#[tauri::command(async, rename_all = "snake_case")]
fn assessments(desk: Desk<'_>, classroom: Uuid) -> Reply<Vec<daftar_domain::Assessment>> {
    desk.call(|app| app.assessments(classroom))
}
#[tauri::command(async, rename_all = "snake_case")]
fn mark_sheet(desk: Desk<'_>, assessment: Uuid) -> Reply<MarkSheet> {
    desk.call(|app| app.mark_sheet(assessment))
}
#[tauri::command(async, rename_all = "snake_case")]
fn save_marks(desk: Desk<'_>, assessment: Uuid, marks: Vec<MarkInput>) -> Reply<usize> {
    desk.call(|app| app.save_marks(assessment, &marks))
}
#[tauri::command(async, rename_all = "snake_case")]
fn terms(desk: Desk<'_>) -> Reply<Vec<daftar_domain::Term>> {
    desk.call(|app| app.terms())
}
#[tauri::command(async, rename_all = "snake_case")]
fn print_class_cards(desk: Desk<'_>, classroom: Uuid, term: String) -> Reply<Printed> {
    desk.call(|app| app.print_class_cards(classroom, &term))
}

#[tauri::command(async, rename_all = "snake_case")]
fn print_term_cards(desk: Desk<'_>, term: String) -> Reply<Printed> {
    desk.print_term_cards(&term)
}

// Long work: how far it has got, and stopping it.
#[tauri::command(async, rename_all = "snake_case")]
fn work_progress(desk: Desk<'_>) -> Reply<Option<WorkProgress>> {
    Ok(desk.work_progress())
}
#[tauri::command(async, rename_all = "snake_case")]
fn cancel_work(desk: Desk<'_>) -> Reply<bool> {
    Ok(desk.cancel_work())
}

// Fees.
#[tauri::command(async, rename_all = "snake_case")]
fn invoices(desk: Desk<'_>, query: InvoiceQuery) -> Reply<Page<InvoiceRow>> {
    desk.call(|app| app.invoices(&query))
}
#[tauri::command(async, rename_all = "snake_case")]
fn invoice(desk: Desk<'_>, number: String) -> Reply<InvoiceDetail> {
    desk.call(|app| app.invoice(&number))
}
#[tauri::command(async, rename_all = "snake_case")]
fn record_payment(desk: Desk<'_>, payment: PaymentInput) -> Reply<daftar_domain::Payment> {
    desk.call(|app| app.record_payment(&payment))
}
#[tauri::command(async, rename_all = "snake_case")]
fn print_receipt(desk: Desk<'_>, receipt: String) -> Reply<Printed> {
    desk.call(|app| app.print_receipt_here(&receipt))
}

// Announcements.
#[tauri::command(async, rename_all = "snake_case")]
fn announcements(desk: Desk<'_>) -> Reply<Vec<daftar_domain::Announcement>> {
    desk.call(|app| app.announcements())
}
#[tauri::command(async, rename_all = "snake_case")]
fn post_announcement(
    desk: Desk<'_>,
    announcement: AnnouncementInput,
) -> Reply<daftar_domain::Announcement> {
    desk.call(|app| app.post_announcement(&announcement))
}

// Sync.
#[tauri::command(async, rename_all = "snake_case")]
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
fn disconnect(desk: Desk<'_>, export: Option<PathBuf>) -> Reply<usize> {
    desk.disconnect(export.as_deref())
}
#[tauri::command(async, rename_all = "snake_case")]
fn sync_overview(desk: Desk<'_>) -> Reply<SyncOverview> {
    desk.call(|app| app.sync_overview())
}
#[tauri::command(async, rename_all = "snake_case")]
fn sync_status(desk: Desk<'_>) -> Reply<Option<SyncStatus>> {
    Ok(desk.sync_status())
}
#[tauri::command(async, rename_all = "snake_case")]
fn sync_now(desk: Desk<'_>) -> Reply<bool> {
    Ok(desk.sync_now())
}
#[tauri::command(async, rename_all = "snake_case")]
fn cancel_sync(desk: Desk<'_>) -> Reply<bool> {
    Ok(desk.cancel_sync())
}
#[tauri::command(async, rename_all = "snake_case")]
fn conflicts(desk: Desk<'_>, all: bool) -> Reply<Vec<ConflictView>> {
    desk.call(|app| app.conflicts(all))
}
#[tauri::command(async, rename_all = "snake_case")]
fn resolve_conflict(desk: Desk<'_>, id: String, keep: KeepInput) -> Reply<ConflictView> {
    desk.call(|app| app.resolve_conflict(&id, keep.into()))
}
#[tauri::command(async, rename_all = "snake_case")]
fn rejected_changes(desk: Desk<'_>) -> Reply<Vec<Rejected>> {
    desk.call(|app| app.rejected_changes())
}
#[tauri::command(async, rename_all = "snake_case")]
fn retry_rejected(desk: Desk<'_>) -> Reply<usize> {
    desk.call(|app| app.retry_rejected())
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
    let desktop = match Desktop::open(&data_dir) {
        Ok(desktop) => desktop,
        Err(error) => {
            eprintln!("daftar-desktop: {} ({})", error.message, error.code);
            std::process::exit(1);
        }
    };
    let outcome = tauri::Builder::default()
        .manage(desktop)
        .invoke_handler(tauri::generate_handler![
            session,
            explore_demo,
            explore_as,
            choose_language,
            set_digits,
            dashboard,
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
            work_progress,
            cancel_work,
            invoices,
            invoice,
            record_payment,
            print_receipt,
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
        ])
        .run(tauri::generate_context!());
    if let Err(error) = outcome {
        eprintln!("daftar-desktop: {error}");
        std::process::exit(1);
    }
}
