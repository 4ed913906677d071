//! The desktop UI's TypeScript types are generated from the Rust types its commands take
//! and return; this test fails when `ui/src/lib/bindings.ts` has drifted from them.
//! `DAFTAR_BLESS=1 cargo test -p daftar-app --test ui_types` writes it afresh.

use std::path::Path;

use daftar_app::*;
use daftar_domain::*;
use ts_rs::TS;

macro_rules! declarations {
    ($($ty:ty),+ $(,)?) => {{
        // serde_json writes 64-bit integers as JSON numbers; counts and amounts fit.
        let config = ts_rs::Config::new().with_large_int("number");
        vec![$(format!("export {}", <$ty as TS>::decl(&config))),+]
    }};
}

fn bindings() -> String {
    let declarations = declarations![
        // The school's records.
        School,
        AcademicYear,
        Term,
        GradeLevel,
        Classroom,
        Subject,
        Staff,
        Student,
        Guardian,
        StudentGuardian,
        Enrollment,
        Assessment,
        AssessmentResult,
        Invoice,
        Payment,
        Announcement,
        Language,
        StaffRole,
        Gender,
        StudentStatus,
        AttendanceStatus,
        GuardianRelation,
        PaymentMethod,
        Audience,
        DateOrder,
        StudentNames,
        // Views of them.
        Page<()>,
        StudentHit,
        StudentDetail,
        daftar_store::GuardianLink,
        daftar_store::EnrollmentDetail,
        daftar_store::ResultDetail,
        InvoiceDetail,
        AttendanceSummary,
        ClassroomSummary,
        RosterEntry,
        RegisterSaved,
        Sort,
        StudentSearch,
        daftar_store::Absentee,
        AttendanceDay,
        FeeTotals,
        InvoiceRow,
        InvoiceQuery,
        // The desktop's own.
        Action,
        Me,
        Digits,
        Session,
        Dashboard,
        MarkRow,
        MarkSheet,
        MarkInput,
        AssessmentInput,
        PaymentInput,
        AnnouncementInput,
        RegisterMarks,
        Printed,
        ExportRequest,
        FeePlan,
        FeeItem,
        FeePolicy,
        Discount,
        InvoiceLine,
        FeeKind,
        VatCategory,
        DiscountKind,
        FeePlanInput,
        FeeItemInput,
        InstalmentInput,
        FeePolicyInput,
        DiscountInput,
        FeePlanView,
        FeeItemView,
        InstalmentView,
        InvoicingRun,
        RunInvoice,
        RunReport,
        LateFeeReport,
        CreditNote,
        CreditInput,
        Refund,
        CreditTransfer,
        RefundInput,
        FamilyAccount,
        AccountEntry,
        EntryKind,
        CashDay,
        CashLine,
        Aging,
        AgingRow,
        ExportFormat,
        Exported,
        Backup,
        WorkProgress,
        ImportReport,
        RowPlan,
        ImportMap,
        ImportSource,
        ImportUndone,
        NewStudent,
        NewGuardian,
        YearClassrooms,
        ClassMember,
        AssignInput,
        Assigned,
        PromotionPlan,
        PromotionRow,
        PromotionInput,
        Promoted,
        DemoSummary,
        AppError,
        RowError,
        // Setting the school up.
        NewSchool,
        SetupKind,
        Input,
        FieldOption,
        FieldSpec,
        SetupRecord,
        SetupList,
        SetupStep,
        MonthCalendar,
        TermDays,
        CalendarDay,
        DayKind,
        BandRange,
        AssignmentCell,
        AssignmentGrid,
        GradeBand,
        TeachingAssignment,
        FieldChange,
        HistoryEntry,
        RecordHistory,
        MarkChange,
        MarkSheetHistory,
        // Cloud accounts.
        AccountInfo,
        GuardianMessages,
        GuardianMessage,
        GuardianOptOut,
        NotificationCount,
        NewAccount,
        AccountChange,
        AccountEvent,
        DeviceSession,
        // Sync.
        Account,
        SyncOverview,
        SyncStatus,
        SyncState,
        Progress,
        RoundSummary,
        ConflictView,
        ConflictSide,
        Side,
        Choice,
        KeepInput,
        Folder,
        Rejected,
        daftar_store::OutboxEntry,
        serde_json::Value,
        // The analytics views.
        AnalyticsView,
        AnalyticsFilter,
        AnalyticsFrame,
        ClassroomChoice,
        Figures,
        Unit,
        ChartKind,
        Series,
        BoxStats,
        Chart,
        ColumnKind,
        AnalyticsTable,
        Analytics,
        Glance,
        Level,
        daftar_store::Named,
        daftar_store::StudentRef,
        daftar_store::StatusCounts,
        daftar_store::DayCounts,
        daftar_store::GroupCounts,
        daftar_store::StudentAttendance,
        daftar_store::AttendanceFigures,
        daftar_store::Spread,
        daftar_store::SubjectSpread,
        daftar_store::AssessmentSpread,
        daftar_store::GroupAverage,
        daftar_store::StudentMarks,
        daftar_store::MarksFigures,
        daftar_store::Money,
        daftar_store::MonthMoney,
        daftar_store::GroupMoney,
        daftar_store::OverdueInvoice,
        daftar_store::FeesFigures,
        daftar_store::GroupEnrollment,
        daftar_store::MonthMoves,
        daftar_store::EnrollmentFigures,
    ];
    let mut text = String::from(
        "// Generated from Daftar's Rust types by crates/app/tests/ui_types.rs; do not edit.\n\
         // Regenerate: DAFTAR_BLESS=1 cargo test -p daftar-app --test ui_types\n\n",
    );
    for declaration in declarations {
        text.push_str(&declaration);
        text.push_str("\n\n");
    }
    text.trim_end().to_string() + "\n"
}

#[test]
fn ui_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let fresh = bindings();
    if std::env::var_os("DAFTAR_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust types; \
         run DAFTAR_BLESS=1 cargo test -p daftar-app --test ui_types"
    );
}
