// The desktop's commands, typed with the bindings generated from the Rust types. Every
// call either resolves with its value or rejects with an `AppError` ({code, message}).
import { invoke } from '@tauri-apps/api/core';
import type * as T from './bindings';

export type { T };

async function call<R>(command: string, args: Record<string, unknown> = {}): Promise<R> {
  try {
    return await invoke<R>(command, args);
  } catch (error) {
    throw asAppError(error);
  }
}

/** Whatever was thrown, as an AppError. */
export function asAppError(error: unknown): T.AppError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    return error as T.AppError;
  }
  return { code: 'internal', message: String(error), details: [] };
}

/** Runs a screen's call to the backend: resolves with its value, or with `null` once its
 * failure (as an AppError) has gone to `failed`. The one place for what every screen did
 * with its own try/catch. */
export async function task<R>(work: () => Promise<R>, failed: (error: T.AppError) => void): Promise<R | null> {
  try {
    return await work();
  } catch (error) {
    failed(asAppError(error));
    return null;
  }
}

export const api = {
  session: () => call<T.Session>('session'),
  exploreDemo: (role: T.StaffRole) => call<T.Session>('explore_demo', { role }),
  exploreAs: (role: T.StaffRole) => call<T.Session>('explore_as', { role }),
  chooseLanguage: (lang: string) => call<string>('choose_language', { lang }),
  setDigits: (digits: T.Digits) => call<T.Digits>('set_digits', { digits }),
  desktopAlertsOn: () => call<boolean>('desktop_alerts_on'),
  setDesktopAlerts: (on: boolean) => call<boolean>('set_desktop_alerts', { on }),
  dashboard: () => call<T.Dashboard>('dashboard'),
  backupNow: () => call<string>('backup_now'),
  backups: () => call<T.Backup[]>('backups'),
  restoreBackup: (name: string) => call<T.Session>('restore_backup', { name }),

  findStudents: (search: Partial<T.StudentSearch>) =>
    call<T.Page<T.StudentHit>>('find_students', { search }),
  student: (id: string) => call<T.StudentDetail>('student', { id }),
  setStudent: (id: string, fields: [string, string][]) =>
    call<T.StudentDetail>('set_student', { id, fields }),
  setGuardian: (id: string, fields: [string, string][]) =>
    call<T.Guardian>('set_guardian', { id, fields }),
  nextAdmissionNumber: () => call<string>('next_admission_number'),
  createStudent: (student: T.NewStudent) => call<T.StudentDetail>('create_student', { student }),
  addGuardian: (id: string, guardian: T.NewGuardian) =>
    call<T.StudentDetail>('add_guardian', { id, guardian }),
  importSource: (data: number[]) => call<T.ImportSource>('import_source', { data }),
  importStudents: (name: string, data: number[], skipInvalid: boolean, map: T.ImportMap | null = null, preview = false) =>
    call<T.ImportReport>('import_students', { name, data, skip_invalid: skipInvalid, map, preview }),
  undoLastImport: () => call<T.ImportUndone>('undo_last_import'),

  yearClassrooms: (year: string | null) => call<T.YearClassrooms>('year_classrooms', { year }),
  classList: (classroom: string) => call<T.ClassMember[]>('class_list', { classroom }),
  assignStudents: (assignment: T.AssignInput) => call<T.Assigned>('assign_students', { assignment }),
  openNextYear: () => call<T.YearClassrooms>('open_next_year'),
  makeYearCurrent: (year: string) => call<T.AcademicYear>('make_year_current', { year }),
  promotionPlan: (classroom: string) => call<T.PromotionPlan>('promotion_plan', { classroom }),
  promote: (promotion: T.PromotionInput) => call<T.Promoted>('promote', { promotion }),

  classrooms: () => call<T.ClassroomSummary[]>('classrooms'),
  register: (classroom: string, date: string) =>
    call<T.RosterEntry[]>('register', { classroom, date }),
  saveRegister: (register: T.RegisterMarks) => call<T.RegisterSaved>('save_register', { register }),
  assessments: (classroom: string) => call<T.Assessment[]>('assessments', { classroom }),
  markSheet: (assessment: string) => call<T.MarkSheet>('mark_sheet', { assessment }),
  saveMarks: (assessment: string, marks: T.MarkInput[]) =>
    call<number>('save_marks', { assessment, marks }),
  terms: () => call<T.Term[]>('terms'),
  printClassCards: (classroom: string, term: string) =>
    call<T.Printed>('print_class_cards', { classroom, term }),
  printTermCards: (term: string) => call<T.Printed>('print_term_cards', { term }),
  workProgress: () => call<T.WorkProgress | null>('work_progress'),
  printRegister: (classroom: string, month: string) => call<T.Printed>('print_register', { classroom, month }),
  export: (request: T.ExportRequest, format: T.ExportFormat) => call<T.Exported>('export', { request, format }),
  glance: () => call<T.Glance>('glance'),
  analytics: (view: T.AnalyticsView, filter: T.AnalyticsFilter) => call<T.Analytics>('analytics', { view, filter }),
  exportAnalytics: (view: T.AnalyticsView, filter: T.AnalyticsFilter, format: 'xlsx' | 'csv' | 'pdf') =>
    call<T.Exported>('export_analytics', { view, filter, format }),
  setChronicThreshold: (percent: string) => call<number>('set_chronic_threshold', { percent }),
  openLogs: () => call<string>('open_logs'),
  openFolder: (folder: T.Folder) => call<string>('open_folder', { folder }),
  cancelWork: () => call<boolean>('cancel_work'),

  invoices: (query: Partial<T.InvoiceQuery>) => call<T.Page<T.InvoiceRow>>('invoices', { query }),
  invoice: (number: string) => call<T.InvoiceDetail>('invoice', { number }),
  recordPayment: (payment: T.PaymentInput) => call<T.Payment>('record_payment', { payment }),
  printReceipt: (receipt: string) => call<T.Printed>('print_receipt', { receipt }),
  feePlans: () => call<T.FeePlanView[]>('fee_plans'),
  saveFeePlan: (plan: T.FeePlanInput) => call<T.FeePlan>('save_fee_plan', { plan }),
  saveFeeItem: (item: T.FeeItemInput) => call<T.FeeItem>('save_fee_item', { item }),
  archiveFeeItem: (id: string) => call<null>('archive_fee_item', { id }),
  feePolicy: () => call<T.FeePolicy>('fee_policy'),
  saveFeePolicy: (policy: T.FeePolicyInput) => call<T.FeePolicy>('save_fee_policy', { policy }),
  grantDiscount: (discount: T.DiscountInput) => call<T.Discount>('grant_discount', { discount }),
  discounts: (student: string) => call<T.Discount[]>('discounts', { student }),
  runInvoicing: (run: T.InvoicingRun) => call<T.RunReport>('run_invoicing', { run }),
  printTaxInvoice: (number: string) => call<T.Printed>('print_tax_invoice', { number }),
  creditInvoice: (credit: T.CreditInput) => call<T.CreditNote>('credit_invoice', { credit }),
  voidInvoice: (number: string, reason: string) => call<T.Invoice>('void_invoice', { number, reason }),
  chargeLateFees: (preview: boolean) => call<T.LateFeeReport>('charge_late_fees', { preview }),
  refund: (refund: T.RefundInput) => call<T.Refund>('refund', { refund }),
  applyFamilyCredit: (student: string) => call<T.CreditTransfer[]>('apply_family_credit', { student }),
  familyAccount: (student: string) => call<T.FamilyAccount>('family_account', { student }),
  printStatement: (student: string) => call<T.Printed>('print_statement', { student }),
  cashDay: (day: string, staff: string | null) => call<T.CashDay>('cash_day', { day, staff }),
  printCashReport: (day: string, staff: string | null) => call<T.Printed>('print_cash_report', { day, staff }),
  aging: (on: string) => call<T.Aging>('aging', { on }),
  printAging: (on: string) => call<T.Printed>('print_aging', { on }),

  announcements: () => call<T.Announcement[]>('announcements'),
  postAnnouncement: (announcement: T.AnnouncementInput) =>
    call<T.Announcement>('post_announcement', { announcement }),

  connect: (server: string, school: string, user: string, password: string) =>
    call<T.Session>('connect', { server, school, user, password }),
  disconnect: (exportTo: string | null) => call<number>('disconnect', { export: exportTo }),
  syncOverview: () => call<T.SyncOverview>('sync_overview'),
  syncStatus: () => call<T.Status | null>('sync_status'),
  syncNow: () => call<boolean>('sync_now'),
  cancelSync: () => call<boolean>('cancel_sync'),
  conflicts: (all: boolean) => call<T.ConflictView[]>('conflicts', { all }),
  resolveConflict: (id: string, keep: T.KeepInput) =>
    call<T.ConflictView>('resolve_conflict', { id, keep }),
  rejectedChanges: () => call<T.Rejected[]>('rejected_changes'),
  retryRejected: () => call<number>('retry_rejected'),

  startSchool: (school: T.NewSchool) => call<T.Session>('start_school', { school }),
  setupList: (kind: T.SetupKind, year: string | null = null) =>
    call<T.SetupList>('setup_list', { kind, year }),
  setupSave: (kind: T.SetupKind, id: string | null, year: string | null, fields: [string, string][]) =>
    call<T.SetupRecord>('setup_save', { kind, id, year, fields }),
  setupArchive: (kind: T.SetupKind, id: string) => call<null>('setup_archive', { kind, id }),
  setLogo: (data: number[]) => call<T.School>('set_logo', { data }),
  clearLogo: () => call<T.School>('clear_logo'),
  calendar: (year: string | null, month: string | null) =>
    call<T.MonthCalendar>('calendar', { year, month }),
  importHolidays: (year: string | null, text: string) => call<number>('import_holidays', { year, text }),
  lockTerm: (term: string, locked: boolean) => call<T.Term>('lock_term', { term, locked }),
  assignments: (year: string | null = null) => call<T.AssignmentGrid>('assignments', { year }),
  assignTeacher: (classroom: string, subject: string, staff: string | null) =>
    call<T.AssignmentCell | null>('assign_teacher', { classroom, subject, staff }),
  gradeBands: () => call<T.BandRange[]>('grade_bands'),
  saveGradeBands: (bands: T.BandRange[]) => call<T.BandRange[]>('save_grade_bands', { bands }),
  importStaff: (text: string) => call<[number, number]>('import_staff', { text }),
  recordHistory: (table: string, row: string) => call<T.RecordHistory>('record_history', { table, row }),
  markSheetHistory: (assessment: string) => call<T.MarkSheetHistory>('mark_sheet_history', { assessment }),
  guardianMessages: (state: string | null) => call<T.GuardianMessages>('guardian_messages', { state }),
  redriveMessages: (ids: string[]) => call<number>('redrive_messages', { ids }),
  setGuardianOptOut: (guardian: string, channel: string, optedOut: boolean) =>
    call<null>('set_guardian_opt_out', { guardian, channel, opted_out: optedOut }),
  publishReportCards: (term: string, classroom: string | null) =>
    call<number>('publish_report_cards', { term, classroom }),
  cloudAccounts: () => call<T.AccountInfo[]>('cloud_accounts'),
  createAccount: (account: T.NewAccount) => call<T.AccountInfo>('create_account', { account }),
  changeAccount: (id: string, change: Partial<T.AccountChange>) =>
    call<T.AccountInfo>('change_account', { id, change: { role: null, staff_id: null, disabled: null, password: null, sign_out: false, ...change } }),
  cloudDevices: () => call<T.DeviceSession[]>('cloud_devices'),
  signDeviceOut: (session: string) => call<null>('sign_device_out', { session }),
  accountHistory: () => call<T.AccountEvent[]>('account_history'),
  changePassword: (current: string, next: string) => call<null>('change_password', { current, new: next }),
  saveAssessment: (assessment: T.AssessmentInput) =>
    call<T.Assessment>('save_assessment', { assessment }),
};
