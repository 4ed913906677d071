// Generated from Daftar's Rust types by crates/app/tests/ui_types.rs; do not edit.
// Regenerate: DAFTAR_BLESS=1 cargo test -p daftar-app --test ui_types

export type School = { id: string, name_ar: string, name_en: string, country: string, 
/**
 * ISO 4217 code of the fees' currency.
 */
currency: string, 
/**
 * Digits after the decimal point of the currency: fees are stored in minor units.
 */
currency_minor_digits: number, principal_name_ar: string, principal_name_en: string, primary_language: Language, rank_enabled: boolean, 
/**
 * The school's logo for printed documents: a PNG or JPEG, base64, at most 48 KB.
 */
logo_png: string | null, address: string | null, phone: string | null, 
/**
 * The tax registration number printed on fee documents.
 */
tax_number: string | null, 
/**
 * The week a new academic year starts with.
 */
school_week: string, 
/**
 * How dates are shown and typed in the window and on printouts.
 */
date_order: DateOrder, 
/**
 * Which of a student's names are required; a missing optional one is a to-do.
 */
student_names: StudentNames, };

export type AcademicYear = { id: string, name: string, start_date: string, end_date: string, school_week: string, is_current: boolean, };

export type Term = { id: string, year_id: string, ordinal: number, name_ar: string, name_en: string, start_date: string, end_date: string, 
/**
 * Set once the term's report cards are printed: its marks change only after an
 * administrator unlocks it (both audited); the cloud refuses them too.
 */
marks_locked: boolean, };

export type GradeLevel = { id: string, ordinal: number, name_ar: string, name_en: string, };

export type Classroom = { id: string, year_id: string, grade_id: string, name_ar: string, name_en: string, homeroom_teacher_id: string | null, capacity: number, room: string | null, };

export type Subject = { id: string, code: string, name_ar: string, name_en: string, 
/**
 * The subject's weight in a student's overall average.
 */
weight: number, 
/**
 * The grades it is taught in, as comma-separated ids; empty means every grade.
 */
grade_ids: string, };

export type Staff = { id: string, name_ar: string, name_en: string, role: StaffRole, email: string | null, phone: string | null, national_id: string | null, active: boolean, };

export type Student = { id: string, admission_number: string, name_ar: string, name_en: string, gender: Gender, birth_date: string, national_id: string | null, 
/**
 * ISO 3166 alpha-2 code.
 */
nationality: string, status: StudentStatus, };

export type Guardian = { id: string, name_ar: string, name_en: string, phone: string, email: string | null, address: string | null, national_id: string | null, 
/**
 * The language messages to them are written in; the school's own when none.
 */
preferred_language: Language | null, };

export type StudentGuardian = { id: string, student_id: string, guardian_id: string, relation: GuardianRelation, is_primary: boolean, };

export type Enrollment = { id: string, student_id: string, year_id: string, classroom_id: string, enrolled_on: string, 
/**
 * The last day in this classroom, when the student left it during the year.
 */
left_on: string | null, };

export type Assessment = { id: string, classroom_id: string, subject_id: string, term_id: string, name_ar: string, name_en: string, 
/**
 * The mark that counts as full marks, such as 20 or 100.
 */
total: number, 
/**
 * This assessment's share of the subject's term grade, in percent.
 */
weight: number, date: string, };

export type AssessmentResult = { id: string, assessment_id: string, student_id: string, mark: number | null, remark: string | null, };

export type Invoice = { id: string, number: string, student_id: string, year_id: string, fee_structure_id: string | null, description: string, 
/**
 * The total with VAT, in minor units: the sum of its lines' totals when it has lines.
 */
amount: number, issued_on: string, due_on: string, 
/**
 * The fee plan and instalment (from 1) it bills; none and 0 for an invoice of its own.
 */
plan_id: string | null, instalment: number, 
/**
 * The VAT in `amount`.
 */
vat_amount: number, 
/**
 * When it was voided, and why: a voided invoice is owed nothing and takes no payment.
 */
voided_on: string | null, void_reason: string | null, };

export type Payment = { id: string, receipt_number: string, invoice_id: string, amount: number, paid_on: string, method: PaymentMethod, received_by: string, 
/**
 * A cheque's number, a bank transfer's or a card payment's reference.
 */
reference: string | null, 
/**
 * A cheque's bank and date.
 */
cheque_bank: string | null, cheque_date: string | null, 
/**
 * What the office knowingly took beyond the balance it saw, as the family's credit
 * (a payment in full and more); the cloud flags only a surplus nobody meant.
 */
surplus: number, };

export type Announcement = { id: string, title_ar: string, title_en: string, body_ar: string, body_en: string, audience: Audience, classroom_id: string | null, published_on: string, author_id: string, 
/**
 * The grade whose families it is for (audience `grade`).
 */
grade_id: string | null, };

export type Language = "ar" | "en";

export type StaffRole = "admin" | "office" | "teacher";

export type Gender = "male" | "female";

export type StudentStatus = "active" | "withdrawn" | "graduated";

export type AttendanceStatus = "present" | "absent" | "late" | "excused";

export type GuardianRelation = "father" | "mother" | "guardian" | "other";

export type PaymentMethod = "cash" | "card" | "bank_transfer" | "cheque";

export type Audience = "everyone" | "staff" | "guardians" | "grade" | "classroom";

export type DateOrder = "dmy" | "mdy" | "ymd";

export type StudentNames = "both" | "ar" | "en";

export type Page<T> = { items: Array<T>, total: number, offset: number, limit: number, };

export type StudentHit = { id: string, admission_number: string, name_ar: string, name_en: string, gender: Gender, status: StudentStatus, nationality: string, birth_date: string, national_id: string | null, classroom_id: string | null, classroom_ar: string | null, classroom_en: string | null, grade_ar: string | null, grade_en: string | null, };

export type StudentDetail = { student: Student, guardians: Array<GuardianLink>, enrollments: Array<EnrollmentDetail>, 
/**
 * Attendance this academic year.
 */
attendance: AttendanceSummary, results: Array<ResultDetail>, invoices: Array<InvoiceDetail>, };

export type GuardianLink = { link: StudentGuardian, guardian: Guardian, };

export type EnrollmentDetail = { enrollment: Enrollment, year_name: string, classroom: Classroom, grade: GradeLevel, };

export type ResultDetail = { result: AssessmentResult, assessment: Assessment, subject: Subject, term: Term, };

export type InvoiceDetail = { invoice: Invoice, 
/**
 * What was paid on it and stays there (payments and family credit moved in, less
 * refunds and credit moved on).
 */
paid: number, 
/**
 * What its credit notes take off.
 */
credited: number, refunded: number, 
/**
 * What is left to pay; below zero, the family's credit on it (a voided invoice owes
 * back what was paid on it).
 */
balance: number, payments: Array<Payment>, credit_notes: Array<CreditNote>, refunds: Array<Refund>, 
/**
 * Family credit moved onto it or from it.
 */
credit_moved: Array<CreditTransfer>, lines: Array<InvoiceLine>, };

export type AttendanceSummary = { present: number, absent: number, late: number, excused: number, };

export type ClassroomSummary = { classroom: Classroom, grade: GradeLevel, students: number, homeroom_teacher: Staff | null, };

export type RosterEntry = { student_id: string, admission_number: string, name_ar: string, name_en: string, status: AttendanceStatus | null, note: string | null, };

export type RegisterSaved = { classroom: string, date: string, present: number, absent: number, late: number, excused: number, 
/**
 * Marks that are new or different from what was saved before.
 */
changed: number, };

export type Sort = "name-en" | "name-ar" | "admission-number" | "birth-date";

export type StudentSearch = { text: string, grade: string | null, classroom: string | null, status: StudentStatus | null, gender: Gender | null, nationality: string | null, 
/**
 * Only students with no classroom in this academic year.
 */
unplaced_in: string | null, 
/**
 * Only students with a name still to complete (one the school does not require).
 */
incomplete: boolean, sort: Sort, descending: boolean, limit: number, offset: number, };

export type Absentee = { student_id: string, admission_number: string, name_ar: string, name_en: string, classroom_ar: string, classroom_en: string, status: AttendanceStatus, };

export type AttendanceDay = { date: string, present: number, absent: number, late: number, excused: number, 
/**
 * Classrooms whose register was taken that day, of `classrooms`.
 */
taken: number, classrooms: number, absentees: Array<Absentee>, };

export type FeeTotals = { invoiced: number, paid: number, outstanding: number, 
/**
 * Invoices past their due date with something left to pay.
 */
overdue: number, };

export type InvoiceRow = { invoice: Invoice, admission_number: string, name_ar: string, name_en: string, paid: number, balance: number, };

export type InvoiceQuery = { 
/**
 * Invoice number, admission number or a student's name (as search keys match).
 */
text: string, unpaid_only: boolean, limit: number, offset: number, };

export type Action = "see-students" | "edit-students" | "manage-classrooms" | "run-school" | "manage-fees" | "take-attendance" | "set-assessments" | "enter-marks" | "write-remarks" | "write-principal-remarks" | "announce" | "print-reports" | "restore-backups" | "record-audit" | "see-analytics";

export type Me = { staff_id: string, name_ar: string, name_en: string, role: StaffRole, 
/**
 * What the role lets them do at all (a teacher: on their own classrooms).
 */
actions: Array<Action>, 
/**
 * The classrooms of the current year they work with (a teacher: their own; others:
 * all).
 */
classrooms: Array<string>, };

export type Digits = "western" | "arabic-indic";

export type Session = { school: School | null, year: AcademicYear | null, me: Me | null, 
/**
 * A demo school: it may be explored as any role.
 */
demo: boolean, account: Account | null, language: string, digits: Digits, today: string, data_dir: string, };

export type Dashboard = { today: string, 
/**
 * The latest school day with registers taken (today once any is).
 */
attendance: AttendanceDay | null, 
/**
 * Present or late, of those marked, in percent.
 */
attendance_rate: number | null, fees: FeeTotals | null, currency: string, minor_digits: number, students: number, sync: SyncOverview, 
/**
 * What the school still has to set up (for those who run it; empty once done).
 */
setup: Array<SetupStep>, };

export type MarkRow = { student_id: string, admission_number: string, name_ar: string, name_en: string, mark: number | null, 
/**
 * The subject's term percentage for this student with this mark, as the report card
 * computes it (every marked assessment of the term, weighted).
 */
term_percent: number | null, 
/**
 * What the term's other assessments bring, for the sheet to work the term percentage
 * out live as a mark is typed: their weighted score and their weight (of the marked).
 */
other_score: number, other_weight: number, };

export type MarkSheet = { assessment: Assessment, subject: Subject, rows: Array<MarkRow>, };

export type MarkInput = { student_id: string, mark: string, };

export type AssessmentInput = { 
/**
 * The assessment being edited; none for a new one.
 */
id: string | null, classroom_id: string, subject_id: string, term_id: string | null, name_ar: string, name_en: string, 
/**
 * As typed, either digits.
 */
total: string, 
/**
 * Its share of the subject's term grade, in percent, as typed.
 */
weight: string, 
/**
 * `YYYY-MM-DD` or `DD/MM/YYYY`.
 */
date: string, };

export type PaymentInput = { invoice: string, amount: string, method: PaymentMethod, paid_on: string | null, 
/**
 * A cheque's number (required for a cheque) or a bank transfer's reference (required
 * for one); a card payment's, if any.
 */
reference: string, cheque_bank: string, 
/**
 * The date on the cheque, as typed.
 */
cheque_date: string, 
/**
 * Take an amount beyond the balance: the invoice is paid and the rest is kept as the
 * family's credit (for its next invoice).
 */
keep_surplus: boolean, };

export type AnnouncementInput = { title_ar: string, title_en: string, body_ar: string, body_en: string, 
/**
 * Who it is for: everyone when not given.
 */
audience: Audience | null, 
/**
 * The grade (audience `grade`) or classroom (audience `classroom`) whose families.
 */
grade_id: string | null, classroom_id: string | null, };

export type RegisterMarks = { classroom: string, date: string, period: number, marks: Array<[string, AttendanceStatus]>, };

export type Printed = { files: Array<string>, pages: number, bytes: number, };

export type ExportRequest = { "what": "students" } | { "what": "staff" } | { "what": "mark-sheet", assessment: string, } | { "what": "month-attendance", classroom: string, month: string, } | { "what": "invoices" } | { "what": "payments" };

export type FeePlan = { id: string, year_id: string, grade_id: string | null, name_ar: string, name_en: string, };

export type FeeItem = { id: string, plan_id: string, kind: FeeKind, name_ar: string, name_en: string, 
/**
 * In the currency's minor units, before VAT.
 */
amount: number, vat: VatCategory, 
/**
 * `YYYY-MM-DD:amount;…` in due order, adding up to `amount` (see `fees::parse_instalments`).
 */
instalments: string, 
/**
 * Where it is listed on the plan and on invoices.
 */
position: number, };

export type FeePolicy = { id: string, year_id: string, 
/**
 * The second child's discount on tuition, in basis points (1,000 = 10%).
 */
sibling_second_bp: number, 
/**
 * The third and later children's.
 */
sibling_later_bp: number, 
/**
 * The most that all discounts together take off a line, in basis points.
 */
discount_cap_bp: number, 
/**
 * Charged once on an instalment unpaid past its grace days, in minor units; 0 for none.
 */
late_fee: number, late_fee_grace_days: number, };

export type Discount = { id: string, student_id: string, year_id: string, kind: DiscountKind, 
/**
 * A share of what the discounts before it left, in basis points.
 */
percent_bp: number, 
/**
 * A fixed sum, in minor units.
 */
amount: number, 
/**
 * The kind of fee it applies to; every fee when none.
 */
applies_to: FeeKind | null, 
/**
 * The instalment (from 1) it applies to; 0 for every instalment.
 */
instalment: number, reason: string, granted_by: string, granted_on: string, };

export type InvoiceLine = { id: string, invoice_id: string, item_id: string | null, kind: FeeKind, name_ar: string, name_en: string, position: number, gross: number, discount: number, net: number, vat: VatCategory, vat_bp: number, vat_amount: number, total: number, };

export type FeeKind = "tuition" | "books" | "uniform" | "transport" | "activities" | "custom" | "late_fee";

export type VatCategory = "standard" | "zero" | "exempt";

export type DiscountKind = "sibling" | "staff_child" | "scholarship" | "one_off";

export type FeePlanInput = { year_id: string | null, grade_id: string | null, name_ar: string, name_en: string, };

export type FeeItemInput = { id: string | null, plan_id: string, kind: string, name_ar: string, name_en: string, amount: string, vat: string, instalments: Array<InstalmentInput>, };

export type InstalmentInput = { due_on: string, amount: string, };

export type FeePolicyInput = { year_id: string | null, sibling_second: string, sibling_later: string, discount_cap: string, late_fee: string, late_fee_grace_days: number, };

export type DiscountInput = { student: string, kind: string, percent: string, amount: string, 
/**
 * A kind of fee it is limited to; every fee when empty.
 */
applies_to: string, 
/**
 * The instalment it is limited to; every one when 0.
 */
instalment: number, reason: string, };

export type FeePlanView = { plan: FeePlan, grade: GradeLevel | null, items: Array<FeeItemView>, total: number, 
/**
 * How many instalments its longest item has.
 */
instalments: number, };

export type FeeItemView = { item: FeeItem, instalments: Array<InstalmentView>, vat_bp: number, };

export type InstalmentView = { due_on: string, amount: number, };

export type InvoicingRun = { year_id: string | null, grade_id: string | null, instalment: number, 
/**
 * Say what it would do and write nothing.
 */
preview: boolean, 
/**
 * The invoices' date, inside the year; today when empty.
 */
issued_on: string | null, };

export type RunInvoice = { student_id: string, admission_number: string, name_ar: string, name_en: string, number: string, gross: number, discount: number, vat: number, total: number, 
/**
 * `new`, or `issued` when an earlier run (on any desktop) issued it.
 */
outcome: string, };

export type RunReport = { preview: boolean, instalment: number, students: number, issued: number, already_issued: number, 
/**
 * Students whose plan has nothing due this instalment, or whose discounts leave nothing.
 */
nothing_due: number, 
/**
 * Students of grades with no plan (and no plan for every grade).
 */
without_plan: number, gross: number, discount: number, vat: number, total: number, invoices: Array<RunInvoice>, };

export type LateFeeReport = { preview: boolean, 
/**
 * Late-fee invoices issued now (or to be).
 */
charged: number, 
/**
 * Overdue instalments already charged, by any desktop.
 */
already_charged: number, total: number, 
/**
 * The numbers of the overdue invoices charged now (the first 500).
 */
invoices: Array<string>, };

export type CreditNote = { id: string, number: string, invoice_id: string, amount: number, reason: string, issued_on: string, issued_by: string, };

export type CreditInput = { invoice: string, amount: string, reason: string, };

export type Refund = { id: string, number: string, invoice_id: string, amount: number, method: PaymentMethod, 
/**
 * A bank transfer's or a cheque's reference.
 */
reference: string | null, reason: string, refunded_on: string, refunded_by: string, };

export type CreditTransfer = { id: string, from_invoice_id: string, to_invoice_id: string, amount: number, applied_on: string, applied_by: string, };

export type RefundInput = { invoice: string, amount: string, method: PaymentMethod, reference: string, reason: string, };

export type FamilyAccount = { guardian: Guardian | null, 
/**
 * The family's children billed or enrolled, eldest first.
 */
students: Array<Student>, 
/**
 * Each invoice with what moved on it, due first first.
 */
invoices: Array<InvoiceDetail>, 
/**
 * Oldest first, the running balance in each.
 */
entries: Array<AccountEntry>, 
/**
 * What the family owes in all: the sum of its invoices' balances (below zero, credit).
 */
balance: number, 
/**
 * What its invoices ask still, and the credit it has on invoices paid beyond them.
 */
due: number, credit: number, };

export type AccountEntry = { on: string, kind: EntryKind, 
/**
 * The document's own number (invoice, credit note, receipt, refund).
 */
number: string, invoice_number: string, student_id: string, 
/**
 * The invoice's description, a payment's method and reference, a correction's reason.
 */
detail: string, debit: number, credit: number, balance: number, };

export type EntryKind = "invoice" | "credit_note" | "void" | "payment" | "refund";

export type CashDay = { day: string, lines: Array<CashLine>, 
/**
 * Payments less refunds, by method (in the order cash, card, transfer, cheque).
 */
by_method: Array<[PaymentMethod, number]>, total: number, };

export type CashLine = { 
/**
 * The receipt's or the refund's number.
 */
number: string, refund: boolean, invoice_number: string, admission_number: string, student_ar: string, student_en: string, method: PaymentMethod, reference: string | null, amount: number, staff_id: string, staff_ar: string, staff_en: string, };

export type Aging = { on: string, rows: Array<AgingRow>, totals: [number, number, number, number, number], total: number, };

export type AgingRow = { student_id: string, admission_number: string, student_ar: string, student_en: string, grade_ar: string, grade_en: string, guardian_ar: string | null, guardian_en: string | null, phone: string | null, 
/**
 * Not yet due, 1–30, 31–60, 61–90 and over 90 days past due.
 */
buckets: [number, number, number, number, number], total: number, };

export type ExportFormat = "xlsx" | "csv";

export type Exported = { path: string, rows: number, };

export type Backup = { name: string, bytes: number, taken_at: string, };

export type WorkProgress = { 
/**
 * What is being done: `print-cards`, `import`.
 */
task: string, done: number, total: number, 
/**
 * A stop was asked for; the work stops at its next safe step.
 */
cancelling: boolean, };

export type ImportReport = { rows: number, created: number, updated: number, unchanged: number, skipped: Array<RowError>, 
/**
 * Students written with a name still to complete.
 */
to_complete: number, 
/**
 * Nothing was written: this is what the import would do.
 */
preview: boolean, 
/**
 * Each row's outcome, in the file's order.
 */
plan: Array<RowPlan>, };

export type RowPlan = { line: number, admission_number: string, name_ar: string, name_en: string, 
/**
 * `new`, `updated` or `unchanged`.
 */
outcome: string, 
/**
 * The student's fields it changes (`classroom` or `guardian` for those).
 */
fields: Array<string>, 
/**
 * The names it leaves to complete, which the school does not require.
 */
to_complete: Array<string>, };

export type ImportMap = { 
/**
 * Daftar's column → the file's columns giving it, joined by a space when several.
 * A Daftar column left out takes the file's column of the same name, if any.
 */
columns: { [key in string]: Array<string> }, 
/**
 * Daftar's column → the value of every row that has none (a nationality, a grade).
 */
defaults: { [key in string]: string }, 
/**
 * How the file writes its dates (`dmy` or `mdy`; ISO dates read either way).
 */
date_order: DateOrder | null, 
/**
 * The file's gender values → `male` or `female` (`ولد` → `male`).
 */
genders: { [key in string]: string }, 
/**
 * Rows with no admission number get the school's next ones.
 */
number_missing: boolean, };

export type ImportSource = { columns: Array<string>, sample: Array<Array<string>>, map: ImportMap, 
/**
 * Whether `map` is the one saved for this source.
 */
saved: boolean, unknown_genders: Array<string>, 
/**
 * Daftar's columns, in order, to map onto.
 */
targets: Array<string>, };

export type ImportUndone = { file: string, 
/**
 * Students the import created, archived again.
 */
removed: number, 
/**
 * Students (and placements) it changed, put back as they were.
 */
restored: number, };

export type NewStudent = { admission_number: string, name_ar: string, name_en: string, gender: Gender, 
/**
 * As typed: `YYYY-MM-DD` or `DD/MM/YYYY`, either digits.
 */
birth_date: string, national_id: string, nationality: string, 
/**
 * This year's classroom, if placed now.
 */
classroom: string | null, guardian: NewGuardian | null, };

export type NewGuardian = { name_ar: string, name_en: string, phone: string, email: string, address: string, national_id: string, relation: GuardianRelation, };

export type YearClassrooms = { 
/**
 * Every year the school has, oldest first.
 */
years: Array<AcademicYear>, year: AcademicYear, classrooms: Array<ClassroomSummary>, 
/**
 * Active students with no classroom in `year`.
 */
unplaced: number, 
/**
 * The year after `year`, once the school has opened it.
 */
next_year: AcademicYear | null, };

export type ClassMember = { student_id: string, admission_number: string, name_ar: string, name_en: string, gender: Gender, status: StudentStatus, enrolled_on: string, 
/**
 * The last day in the classroom, when the student left during the year.
 */
left_on: string | null, };

export type AssignInput = { classroom: string, students: Array<string>, };

export type Assigned = { 
/**
 * Students who had no classroom that year.
 */
placed: number, 
/**
 * Students moved from another classroom.
 */
moved: number, 
/**
 * Students already there.
 */
unchanged: number, };

export type PromotionPlan = { from: ClassroomSummary, next_year: AcademicYear, 
/**
 * Next year's classrooms, the next grade's first.
 */
targets: Array<ClassroomSummary>, 
/**
 * The classroom proposed: the same place in the next grade; none from the last grade,
 * whose students graduate.
 */
proposed: string | null, 
/**
 * Where a student kept back repeats the year: this classroom's counterpart next year.
 */
repeat_in: string | null, final_grade: boolean, students: Array<PromotionRow>, };

export type PromotionRow = { member: ClassMember, 
/**
 * The student's classroom next year, when already placed.
 */
placed_next: string | null, };

export type PromotionInput = { classroom: string, 
/**
 * Next year's classroom for the class; none graduates a final-grade class.
 */
target: string | null, 
/**
 * Students who repeat the year (placed in the plan's `repeat_in`).
 */
repeat: Array<string>, 
/**
 * Students left out: leaving the school, or to be placed later.
 */
skip: Array<string>, };

export type Promoted = { promoted: number, repeating: number, graduated: number, 
/**
 * Students left out, and those who had left the classroom or the school.
 */
skipped: number, };

export type DemoSummary = { school: string, year: string, students: number, guardians: number, staff: number, classrooms: number, subjects: number, school_days: number, attendance: number, assessments: number, results: number, remarks: number, invoices: number, payments: number, rows: number, };

export type AppError = { code: string, message: string, details: Array<RowError>, 
/**
 * The form field at fault, when the failure is about one.
 */
field?: string, };

export type RowError = { line: number, code: string, message: string, };

export type NewSchool = { name_ar: string, name_en: string, 
/**
 * ISO 3166 alpha-2.
 */
country: string, 
/**
 * ISO 4217; empty takes the country's.
 */
currency: string, primary_language: Language, 
/**
 * The administrator setting it up (the first member of staff).
 */
admin_name_ar: string, admin_name_en: string, admin_email: string, };

export type SetupKind = "school" | "year" | "term" | "holiday" | "grade" | "classroom" | "subject" | "staff";

export type Input = "text" | "date" | "number" | "bool" | "week" | "choice" | "many";

export type FieldOption = { value: string, label_ar: string, label_en: string, };

export type FieldSpec = { name: string, input: Input, required: boolean, options: Array<FieldOption>, };

export type SetupRecord = { id: string, values: { [key in string]: string }, };

export type SetupList = { kind: SetupKind, year_id: string | null, fields: Array<FieldSpec>, records: Array<SetupRecord>, 
/**
 * Whether the actor may create, edit and archive them (office staff see the school's
 * set-up but change only classrooms).
 */
editable: boolean, };

export type SetupStep = { item: string, done: boolean, count: number, 
/**
 * The window's route for it (`setup/term`, `students`, …).
 */
route: string, };

export type MonthCalendar = { year: AcademicYear, 
/**
 * The month's first day.
 */
month: string, days: Array<CalendarDay>, terms: Array<TermDays>, 
/**
 * The months the year spans, their first days, for moving between them.
 */
months: Array<string>, };

export type TermDays = { term: Term, school_days: number, };

export type CalendarDay = { date: string, kind: DayKind, 
/**
 * The holiday's names, on a holiday.
 */
holiday_ar: string | null, holiday_en: string | null, 
/**
 * The term's ordinal the day falls in, if any.
 */
term: number | null, };

export type DayKind = "school" | "weekend" | "holiday" | "outside-year";

export type BandRange = { min: number, max: number, label_ar: string, label_en: string, };

export type AssignmentCell = { classroom_id: string, subject_id: string, staff_id: string, };

export type AssignmentGrid = { year_id: string, classrooms: Array<Classroom>, subjects: Array<Subject>, teachers: Array<Staff>, cells: Array<AssignmentCell>, };

export type GradeBand = { id: string, min_percent: number, label_ar: string, label_en: string, };

export type TeachingAssignment = { id: string, staff_id: string, classroom_id: string, subject_id: string, };

export type FieldChange = { field: string, 
/**
 * Empty when not known here (a change not yet in the cloud records only the new value).
 */
old: string, new: string, };

export type HistoryEntry = { at: string, 
/**
 * The person's name on this desktop, or their cloud username.
 */
who: string, fields: Array<FieldChange>, 
/**
 * Made on this desktop and not in the cloud yet.
 */
pending: boolean, };

export type RecordHistory = { entries: Array<HistoryEntry>, 
/**
 * Whether the cloud's audit log is in it (connected, and the person runs the school).
 */
from_cloud: boolean, };

export type MarkChange = { student_id: string, name_ar: string, name_en: string, entry: HistoryEntry, };

export type MarkSheetHistory = { changes: Array<MarkChange>, 
/**
 * Whether the cloud's audit log is in it (connected, and the person runs the school).
 */
from_cloud: boolean, };

export type AccountInfo = { id: string, username: string, role: StaffRole, staff_id: string | null, disabled: boolean, must_change_password: boolean, 
/**
 * Locked out after too many wrong passwords, for now.
 */
locked: boolean, created_at: string, 
/**
 * Devices signed in as this account now.
 */
devices: number, };

export type GuardianMessages = { counts: Array<NotificationCount>, messages: Array<GuardianMessage>, opt_outs: Array<GuardianOptOut>, };

export type GuardianMessage = { id: string, kind: string, channel: string, state: string, attempts: number, reason: string | null, guardian_id: string, guardian: string, student: string | null, subject: string, created_at: string, updated_at: string, };

export type GuardianOptOut = { guardian_id: string, guardian: string, channel: string, };

export type NotificationCount = { channel: string, state: string, count: number, };

export type NewAccount = { username: string, role: StaffRole, 
/**
 * Their staff record; a teacher's decides their classrooms.
 */
staff_id: string | null, password: string, };

export type AccountChange = { role: StaffRole | null, staff_id: string | null, 
/**
 * Disabling signs every device of the account out.
 */
disabled: boolean | null, 
/**
 * A new one-time password (an administrator's reset): every device is signed out.
 */
password: string | null, 
/**
 * Signs every device of the account out, nothing else changing.
 */
sign_out: boolean, };

export type AccountEvent = { at: string, by: string, username: string, action: string, detail: string, };

export type DeviceSession = { session_id: string, device_id: string, device_name: string, user_id: string, username: string, created_at: string, last_seen_at: string, revoked: boolean, 
/**
 * Why the session ended when the cloud ended it itself: `refresh-token-reuse` when a
 * spent refresh token was replayed after its grace period (a stolen copy).
 */
revoked_reason: string | null, };

export type Account = { server: string, tenant: string, username: string, 
/**
 * The cloud account's id.
 */
user_id: string, role: StaffRole, 
/**
 * The member of staff this account is (the login answer's), whose name and classrooms
 * the desktop shows; none for an operator's account with no staff record.
 */
staff_id: string | null, 
/**
 * An administrator set the password signed in with: the person chooses their own
 * before the cloud syncs with this device.
 */
must_change_password: boolean, };

export type SyncOverview = { account: Account | null, device_id: string, 
/**
 * Local changes not yet in the cloud.
 */
pending: number, rejected: number, open_conflicts: number, 
/**
 * Whether the first download is done.
 */
downloaded: boolean, };

export type Status = { 
/**
 * Local changes not yet in the cloud.
 */
pending: number, 
/**
 * Conflicts waiting for a person.
 */
conflicts: number, 
/**
 * Changes the cloud refused, kept for a person.
 */
rejected: number, 
/**
 * Rounds finished since start, for tests and diagnostics.
 */
rounds: number, } & ({ "state": "starting" } | { "state": "idle", last: RoundSummary, } | { "state": "syncing", progress: Progress | null, } | { "state": "offline", retry_in_ms: number, } | { "state": "paused" } | { "state": "error", code: string, message: string, retry_in_ms: number | null, });

export type State = { "state": "starting" } | { "state": "idle", last: RoundSummary, } | { "state": "syncing", progress: Progress | null, } | { "state": "offline", retry_in_ms: number, } | { "state": "paused" } | { "state": "error", code: string, message: string, retry_in_ms: number | null, };

export type Progress = { "phase": "pushing", done: number, total: number, } | { "phase": "downloading", done: number, total: number, } | { "phase": "pulling", done: number, };

export type RoundSummary = { 
/**
 * Mutations sent.
 */
pushed: number, applied: number, merged: number, 
/**
 * Mutations that met a conflict (each may have several columns).
 */
conflicts: number, rejected: number, 
/**
 * Rows received (by pull or download) and written.
 */
pulled: number, 
/**
 * Whether the whole school was downloaded.
 */
downloaded: boolean, 
/**
 * Whether that download was the cloud's ready image of the school.
 */
from_image: boolean, 
/**
 * Conflicts settled here and told to the cloud.
 */
settled: number, };

export type ConflictView = { id: string, table: string, row_id: string, column: string, mine: ConflictSide, theirs: ConflictSide, 
/**
 * Which side is in the record now (until someone settles it).
 */
kept: Side, at: string, state: string, resolution: Choice | null, resolved_by: string | null, };

export type ConflictSide = { value: JsonValue, 
/**
 * `user/device` of the change.
 */
by: string, 
/**
 * Its clock stamp (wall time in milliseconds first).
 */
hlc: string, 
/**
 * Made on this device.
 */
this_device: boolean, };

export type Side = "mine" | "theirs";

export type Choice = "mine" | "theirs" | "value";

export type KeepInput = { "keep": "mine" } | { "keep": "theirs" } | { "keep": "value", "value": string };

export type Folder = "logs" | "printed" | "exports";

export type Rejected = { entry: OutboxEntry, code: string, reason: string, };

export type OutboxEntry = { seq: number, mutation_id: string, table: string, row_id: string, base_version: number, changes: Record<string, unknown>, hlc: string, user_id: string, device_id: string, created_at: string, state: string, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type AnalyticsView = "attendance" | "marks" | "fees" | "enrollment";

export type AnalyticsFilter = { year: string | null, term: string | null, grade: string | null, classroom: string | null, subject: string | null, from: string | null, to: string | null, level: Level | null, };

export type AnalyticsFrame = { year: string, years: Array<Named>, term: string | null, terms: Array<Named>, grade: string | null, grades: Array<Named>, classroom: string | null, classrooms: Array<ClassroomChoice>, subject: string | null, subjects: Array<Named>, from: string, to: string, level: Level, 
/**
 * Chronic absence from this share of days missed, in percent.
 */
threshold: number, pass_mark: number, currency: string, minor_digits: number, };

export type ClassroomChoice = { id: string, grade_id: string, name_ar: string, name_en: string, };

export type Figures = { "view": "attendance" } & AttendanceFigures | { "view": "marks" } & MarksFigures | { "view": "fees" } & FeesFigures | { "view": "enrollment" } & EnrollmentFigures;

export type Unit = "count" | "percent" | "money";

export type ChartKind = "bars" | "boxes";

export type Series = { name: string, values: Array<number | null>, };

export type BoxStats = { min: number, q1: number, median: number, q3: number, max: number, };

export type Chart = { id: string, title: string, kind: ChartKind, unit: Unit, labels: Array<string>, series: Array<Series>, boxes: Array<BoxStats>, 
/**
 * What a category opens: the group one level down (or the student's profile).
 */
drill: Level | null, keys: Array<string | null>, };

export type ColumnKind = "text" | "count" | "percent" | "money" | "date";

export type AnalyticsTable = { id: string, title: string, header: Array<string>, kinds: Array<ColumnKind>, rows: Array<Array<string | number | null>>, 
/**
 * The record each row is about (a group or a student), for opening it.
 */
keys: Array<string | null>, };

export type Analytics = { view: AnalyticsView, title: string, frame: AnalyticsFrame, figures: Figures, charts: Array<Chart>, tables: Array<AnalyticsTable>, };

export type Glance = { 
/**
 * The last four weeks' attendance, a week a bar.
 */
weeks: Chart, 
/**
 * This term's fees (for those who see fees).
 */
fees: Chart | null, chronic: Array<StudentAttendance>, chronic_count: number, at_risk: Array<StudentMarks>, at_risk_count: number, overdue: Array<OverdueInvoice>, overdue_count: number, threshold: number, currency: string, minor_digits: number, };

export type Level = "grade" | "classroom" | "student";

export type Named = { id: string, name_ar: string, name_en: string, };

export type StudentRef = { id: string, admission_number: string, name_ar: string, name_en: string, classroom_ar: string, classroom_en: string, };

export type StatusCounts = { present: number, absent: number, late: number, excused: number, };

export type DayCounts = { date: string, counts: StatusCounts, };

export type GroupCounts = { group: Named, counts: StatusCounts, };

export type StudentAttendance = { student: StudentRef, counts: StatusCounts, 
/**
 * Days missed as a share of the days recorded, in percent.
 */
missed_percent: number, };

export type AttendanceFigures = { totals: StatusCounts, 
/**
 * School days with a register, in order.
 */
days: Array<DayCounts>, 
/**
 * Weeks by the date of their first school day's week start (`week_starts`' day).
 */
weeks: Array<DayCounts>, 
/**
 * By weekday, 0 Sunday to 6 Saturday (only days with registers).
 */
weekdays: Array<[number, StatusCounts]>, groups: Array<GroupCounts>, 
/**
 * Students at or above the threshold of days missed, the most absent first.
 */
chronic: Array<StudentAttendance>, 
/**
 * The students late most often (at most 10).
 */
frequent_late: Array<StudentAttendance>, };

export type Spread = { count: number, mean: number, min: number, q1: number, median: number, q3: number, max: number, bins: Array<number>, };

export type SubjectSpread = { subject: Named, spread: Spread, };

export type AssessmentSpread = { assessment: Named, subject: Named, classroom: Named, date: string, spread: Spread, };

export type GroupAverage = { group: Named, subject: Named, average: number, students: number, grade_average: number, };

export type StudentMarks = { student: StudentRef, average: number, previous: number | null, failing: number, };

export type MarksFigures = { subjects: Array<SubjectSpread>, assessments: Array<AssessmentSpread>, 
/**
 * Each group at the scope's level (a student's own average at the student level) by
 * subject.
 */
groups: Array<GroupAverage>, at_risk: Array<StudentMarks>, 
/**
 * The ten best averages.
 */
top: Array<StudentMarks>, };

export type Money = { 
/**
 * Invoiced, less credit notes (voided invoices count nothing).
 */
billed: number, 
/**
 * Payments and credit moved in, less refunds and credit moved out.
 */
collected: number, outstanding: number, overdue: number, };

export type MonthMoney = { 
/**
 * `YYYY-MM`.
 */
month: string, billed: number, collected: number, };

export type GroupMoney = { group: Named, money: Money, };

export type OverdueInvoice = { invoice_id: string, number: string, student: StudentRef, due_on: string, days_overdue: number, balance: number, };

export type FeesFigures = { totals: Money, 
/**
 * Billed by the month invoices were issued; collected by the month money moved.
 */
months: Array<MonthMoney>, 
/**
 * Outstanding by aging bucket (not due, 1–30, 31–60, 61–90, over 90 days), with the
 * number of invoices in each.
 */
aging: Array<[number, number]>, groups: Array<GroupMoney>, 
/**
 * Invoices 60 or more days overdue, the oldest first.
 */
long_overdue: Array<OverdueInvoice>, };

export type GroupEnrollment = { group: Named, enrolled: number, male: number, female: number, capacity: number, };

export type MonthMoves = { month: string, admitted: number, withdrawn: number, };

export type EnrollmentFigures = { enrolled: number, capacity: number, groups: Array<GroupEnrollment>, 
/**
 * Nationality codes by count, the largest first.
 */
nationalities: Array<[string, number]>, months: Array<MonthMoves>, };
