# The desktop window (ui/). Ids start with ui-.
ui-app-name = Daftar
ui-nav-label = Main
ui-nav-dashboard = Dashboard
ui-nav-students = Students
ui-nav-attendance = Attendance
ui-nav-marks = Marks
ui-nav-fees = Fees
ui-nav-announcements = Announcements
ui-nav-printing = Report cards
ui-nav-sync = Sync
ui-nav-settings = Settings
ui-nav-analytics = Analytics
ui-analytics-title = Analytics
ui-analytics-views = Analytics views
ui-analytics-current-term = Current term
ui-analytics-whole-year = Whole year
ui-analytics-all = All
ui-analytics-from = From
ui-analytics-to = To
ui-analytics-by = Broken down by
ui-analytics-level = { $level ->
    [classroom] Classroom
    [student] Student
   *[grade] Grade
}
ui-analytics-school = Whole school
ui-analytics-charts = Charts
ui-analytics-tables = Tables
ui-analytics-pdf = Print (PDF)
ui-analytics-chronic = { $count ->
    [one] One student chronically absent
   *[other] { $count } students chronically absent
} ({ $threshold }% of days or more)
ui-analytics-threshold = Chronic from (% of days missed)
ui-analytics-at-risk = { $count ->
    [one] One student at risk
   *[other] { $count } students at risk
}
ui-analytics-failing = { $count ->
    [one] below pass in one subject
   *[other] below pass in { $count } subjects
}
ui-glance-title = At a glance
ui-glance-open = { $view ->
    [fees] Open the fees analytics
   *[attendance] Open the attendance analytics
}
ui-glance-attention = Needs attention
ui-glance-chronic = { $count ->
    [one] One student chronically absent
   *[other] { $count } students chronically absent
} ({ $threshold }%+)
ui-glance-at-risk = { $count ->
    [one] One student at risk
   *[other] { $count } students at risk
}
ui-glance-overdue = { $count ->
    [one] One invoice 60+ days overdue
   *[other] { $count } invoices 60+ days overdue
}
ui-glance-days = { $days } days
ui-not-found = There is no such page.
ui-role = { $role ->
    [admin] Administrator
    [office] Office staff
   *[teacher] Teacher
}
ui-all = All
ui-save = Save
ui-saved = Saved.
ui-cancel = Cancel
ui-edit = Edit
ui-date = Date
ui-classroom = Classroom
ui-term = Term
ui-subject = Subject
ui-assessment = Assessment
ui-mark-of = Mark of { $name }
ui-mark = Mark
ui-primary = primary
ui-relation = { $relation ->
    [father] Father
    [mother] Mother
    [guardian] Guardian
   *[other] Other
}
ui-field-required = This cannot be empty.
ui-field-date = Write the date as YYYY-MM-DD.
ui-field-country = Write the two-letter country code, such as AE.

ui-welcome-title = Welcome to Daftar
ui-welcome-demo = Explore a demo school
ui-welcome-demo-help = A whole school to try at once, offline: students, registers, marks and fees. Choose who to be.
ui-welcome-preparing = Preparing the demo school…
ui-welcome-connect = Connect to your school
ui-explore-as = { $role ->
    [admin] As an administrator
    [office] As office staff
   *[teacher] As a teacher
}
ui-connect-server = Server address
ui-connect-school = School
ui-connect-user = User name
ui-connect-password = Password
ui-connect-submit = Connect

ui-dashboard-title = Today at school
ui-dashboard-students = Active students
ui-dashboard-attendance-rate = Attendance
ui-dashboard-registers-taken = { $taken } of { $classrooms } registers taken
ui-dashboard-fees-paid = Fees collected
ui-dashboard-fees-of = of { $invoiced } invoiced
ui-dashboard-fees-outstanding = Fees outstanding
ui-dashboard-fees-overdue = { $count ->
    [one] one invoice overdue
   *[other] { $count } invoices overdue
}
ui-dashboard-pending = changes waiting to sync
ui-dashboard-absentees = { $count ->
    [0] No one absent or late
    [one] One student absent or late
   *[other] { $count } students absent or late
}
ui-dashboard-no-registers = No register has been taken yet.

ui-students-title = Students
ui-students-search = Search
ui-students-search-hint = Name in Arabic or English, admission number, national id, phone
ui-students-found = { $count ->
    [0] No students found
    [one] One student
   *[other] { $count } students
}
ui-student-name = Name
ui-student-name-ar = Name in Arabic
ui-student-name-en = Name in English
ui-student-admission = Admission no.
ui-student-birth = Date of birth
ui-student-national-id = National id
ui-student-nationality = Nationality
ui-student-gender = Gender
ui-student-gender-value = { $gender ->
    [male] Male
   *[female] Female
}
ui-student-status = Status
ui-student-status-value = { $status ->
    [active] Active
    [withdrawn] Withdrawn
   *[graduated] Graduated
}
ui-sort = Sort by
ui-sort-name-en = English name
ui-sort-name-ar = Arabic name
ui-sort-admission = Admission number
ui-sort-birth = Date of birth
ui-profile-guardians = Guardians
ui-profile-enrollments = Enrollment history
ui-profile-attendance = Attendance this year
ui-profile-attendance-summary = { $present } present, { $absent } absent, { $late } late, { $excused } excused
ui-profile-marks = Marks

ui-attendance-title = Attendance
ui-attendance-keys = Keyboard: ↑ ↓ move, P present, A absent, L late, E excused (or 1–4), Ctrl+S saves.
ui-attendance-status = Mark
ui-attendance-mark = { $status ->
    [present] Present
    [absent] Absent
    [late] Late
   *[excused] Excused
}
ui-mark-key-present = P
ui-mark-key-absent = A
ui-mark-key-late = L
ui-mark-key-excused = E
ui-attendance-not-taken = Not taken yet: everyone is shown present until you save.
ui-attendance-taken = This register is taken.
ui-attendance-unsaved = Changes not saved yet.
ui-attendance-save = Save register
ui-attendance-saved = { $present } present, { $absent } absent, { $late } late, { $excused } excused
ui-attendance-empty = No students on this register that day.

ui-marks-title = Marks
ui-marks-total = out of { $total }
ui-marks-not-number = Type a number.
ui-marks-over-total = The mark must be between 0 and { $total }.
ui-marks-saved = { $count ->
    [0] No marks changed.
    [one] One mark saved.
   *[other] { $count } marks saved.
}

ui-fees-title = Fees
ui-fees-search = Invoice number, admission number or name
ui-fees-unpaid-only = Unpaid only
ui-fees-invoices = { $count ->
    [0] No invoices
    [one] One invoice
   *[other] { $count } invoices
}
ui-fees-invoice = Invoice
ui-fees-due = Due
ui-fees-amount = Amount
ui-fees-paid = Paid
ui-fees-balance = Balance
ui-fees-payments = Payments
ui-fees-method-label = Method
ui-grade = Grade
ui-fees-part-invoices = Invoices
ui-fees-part-plans = Fee plans
ui-fees-part-run = Invoicing run
ui-fees-plan-saved = Plan saved: { $name }.
ui-fees-item-saved = Item saved: { $name }.
ui-fees-policy-saved = The year's fee policy is saved.
ui-fees-every-grade = Every grade
ui-fees-item = Item
ui-fees-vat = VAT
ui-fees-instalments = Instalments
ui-fees-kind = { $kind ->
    [tuition] Tuition
    [books] Books
    [uniform] Uniform
    [transport] Transport
    [activities] Activities
    [late_fee] Late fee
   *[custom] Other
}
ui-fees-vat-category = { $vat ->
    [standard] Standard rate
    [zero] Zero-rated
   *[exempt] Exempt
}
ui-fees-no-items = No items yet.
ui-fees-no-plans = No fee plans for this year yet: make one per grade (or one for every grade), then add its items.
ui-fees-new-plan = New plan
ui-fees-new-item = Add an item
ui-fees-plan = Plan
ui-fees-kind-label = Kind
ui-fees-instalment-count = Instalments
ui-fees-due-on = Instalment { $n } due
ui-fees-instalment-amount = Amount
ui-fees-shared = shared evenly
ui-fees-policy = The year's fee policy
ui-fees-sibling-second = Second child's discount (%)
ui-fees-sibling-later = Third and later (%)
ui-fees-discount-cap = Discounts at most (%)
ui-fees-late-fee = Late fee
ui-fees-grace-days = Days of grace
ui-fees-instalment = Instalment
ui-fees-issue = Issue the invoices
ui-fees-run-would = { $count ->
    [one] One invoice to issue, { $total }.
   *[other] { $count } invoices to issue, { $total }.
}
ui-fees-run-issued = { $count ->
    [0] No new invoices: every one was issued before.
    [one] One invoice issued, { $total }.
   *[other] { $count } invoices issued, { $total }.
}
ui-fees-run-totals = Discounts { $discount }, VAT { $vat }.
ui-fees-run-already = { $count ->
    [one] One was issued before and is left as it is.
   *[other] { $count } were issued before and are left as they are.
}
ui-fees-run-nothing-due = { $count ->
    [one] One student has nothing due this instalment.
   *[other] { $count } students have nothing due this instalment.
}
ui-fees-run-without-plan = { $count ->
    [one] One student is in a grade without a plan.
   *[other] { $count } students are in grades without a plan.
}
ui-fees-discount = Discount
ui-fees-cheque-number = Cheque no.
ui-fees-transfer-reference = Transfer reference
ui-fees-cheque-bank = Bank
ui-fees-cheque-date = Cheque date
ui-fees-print-invoice = Print the tax invoice
ui-fees-total = Total
ui-fees-credited = Credited
ui-fees-credit-notes = Credit notes
ui-fees-credit = Credit note
ui-fees-void = Void
ui-fees-reason = Reason
ui-fees-voided = Voided on { $date }: { $reason }
ui-fees-late-fees = Late fees
ui-fees-late-fees-help = The year's fee policy charges its late fee once on each instalment still unpaid after its days of grace, as an invoice of its own.
ui-fees-late-charge = Charge the late fees
ui-fees-late-would = { $count ->
    [0] No instalment is overdue past its grace.
    [one] One late fee to charge, { $total }.
   *[other] { $count } late fees to charge, { $total }.
}
ui-fees-late-charged = { $count ->
    [0] No late fees charged.
    [one] One late fee charged, { $total }.
   *[other] { $count } late fees charged, { $total }.
}
ui-fees-late-already = { $count ->
    [one] One overdue instalment was charged before.
   *[other] { $count } overdue instalments were charged before.
}
ui-fees-run-outcome = { $outcome ->
    [new] new
   *[issued] issued before
}
ui-fees-method = { $method ->
    [cash] Cash
    [card] Card
    [bank_transfer] Bank transfer
   *[cheque] Cheque
}
ui-fees-record = Record payment
ui-fees-print-receipt = Print receipt
ui-fees-part-account = Family account
ui-fees-part-reports = Reports
ui-fees-refunded = Refunded
ui-fees-family-credit = Family credit
ui-fees-open-account = The family's account
ui-fees-refunds-and-credit = Refunds and family credit
ui-fees-credit-in = Family credit brought in
ui-fees-credit-out = Family credit moved on
ui-fees-keep-surplus = Keep what is paid beyond the balance as the family's credit
ui-fees-refund = Refund
ui-fees-account-find = A child's admission number or name
ui-fees-account-help = Find any child of the family: the account shows all its children's invoices, payments and credit this year.
ui-fees-no-family = A student with no guardian on file
ui-fees-still-to-pay = Still to pay
ui-fees-print-statement = Print the statement of account
ui-fees-apply-credit = Apply the family's credit
ui-fees-credit-applied = { $amount } of the family's credit applied to what it owes.
ui-fees-date = Date
ui-fees-document = Document
ui-fees-charged = Charged
ui-fees-paid-or-credited = Paid or credited
ui-fees-entry = { $kind ->
    [invoice] Invoice
    [credit_note] Credit note
    [void] Voided
    [payment] Payment
   *[refund] Refund
}
ui-fees-account-empty = Nothing was billed to this family this year.
ui-fees-discounts = Discounts
ui-fees-no-discounts = No discounts this year.
ui-fees-discount-kind = { $kind ->
    [sibling] Sibling
    [staff_child] Staff child
    [scholarship] Scholarship
   *[one_off] One-off
}
ui-fees-discount-percent = Percent
ui-fees-discount-amount = Or a fixed sum
ui-fees-discount-on = On
ui-fees-every-fee = Every fee
ui-fees-grant = Grant the discount
ui-fees-cash-title = The day's cash report
ui-fees-print-report = Print
ui-fees-received-by = Received by
ui-fees-cash-empty = Nothing was paid or refunded on this day.
ui-fees-net-takings = Net takings
ui-fees-aging-title = Aging of what is outstanding
ui-fees-aging-on = On
ui-fees-guardian = Guardian
ui-fees-aging-bucket = { $bucket ->
    [0] Not yet due
    [1] 1–30 days
    [2] 31–60 days
    [3] 61–90 days
   *[4] Over 90 days
}
ui-fees-aging-empty = Nothing is outstanding.
ui-fees-exports-title = For the accountant
ui-fees-export-invoices = This year's invoices
ui-fees-export-payments = This year's payments and refunds
ui-overpaid-title = Invoice { $invoice } was paid { $surplus } beyond what it asked: two desktops took payments for it.
ui-overpaid-later = The payment that reached the cloud second (kept)
ui-overpaid-due-then = The invoice still asked { $due } when it arrived.
ui-overpaid-met = What the invoice had: { $amount }, paid { $paid }
ui-overpaid-voided = The invoice was voided.
ui-overpaid-credited = Credited { $credited }.
ui-overpaid-keep = Keep it as the family's credit
ui-overpaid-refund = Refund the surplus
ui-printed-to = Saved to { $path }
ui-export-xlsx = Export (.xlsx)
ui-export-csv = Export (CSV)
ui-exported = { $count ->
    [one] One row exported.
   *[other] { $count } rows exported.
}
ui-open-folder = Open the folder
ui-printing-month = A month's attendance
ui-printing-month-help = The register to print and sign, or the month as a spreadsheet: a column per school day.
ui-month = Month
ui-printing-register = Print the register
ui-printed-pages = { $pages ->
    [one] One page printed.
   *[other] { $pages } pages printed.
}

ui-announcements-title = Announcements
ui-announcements-none = No announcements.
ui-announcement-title-ar = Title in Arabic
ui-announcement-title-en = Title in English
ui-announcement-body-ar = Text in Arabic
ui-announcement-body-en = Text in English
ui-announcement-post = Post

ui-printing-title = Report cards
ui-printing-report-cards = Print report cards
ui-printing-busy = Printing…

ui-sync-title = Sync
ui-sync-local = Not connected: this desktop works on its own
ui-sync-pending-local = { $pending ->
    [0] no changes kept for the cloud
    [one] one change kept for the cloud
   *[other] { $pending } changes kept for the cloud
}
ui-sync-starting = Starting sync…
ui-sync-syncing = Syncing…
ui-sync-offline = { $pending ->
    [0] Offline
    [one] Offline: one change waits
   *[other] Offline: { $pending } changes wait
}
ui-sync-idle = { $pending ->
    [0] Up to date
    [one] One change to send
   *[other] { $pending } changes to send
}
ui-sync-attention = { $conflicts } to review, { $rejected } refused
ui-sync-connected = Connected as { $user } to { $school } at { $server }
ui-sync-progress = { $done } of { $total } records
ui-sync-now = Sync now
ui-sync-counts = { $pending } waiting · { $conflicts } conflicts · { $rejected } refused
ui-sync-conflicts = { $count ->
    [0] No conflicts
    [one] One conflict to review
   *[other] { $count } conflicts to review
}
ui-sync-no-conflicts = Nothing to review.
ui-sync-rejected = { $count ->
    [0] No refused changes
    [one] One change refused
   *[other] { $count } changes refused
}
ui-sync-no-rejected = The cloud has accepted every change.
ui-sync-retry = Send them again
ui-conflict-field = { $table }: { $column }
ui-conflict-mine = This desktop
ui-conflict-theirs = The other change
ui-conflict-keep-mine = Keep mine
ui-conflict-keep-theirs = Keep theirs
ui-conflict-other-value = Or type the right value
ui-conflict-keep-value = Keep this value

ui-settings-title = Settings
ui-settings-language = Language
ui-settings-digits = Digits
ui-settings-data = The school’s data
ui-settings-backup = Back up now
ui-settings-backed-up = Backed up to { $path }
ui-settings-restore-help = Backups are kept in the backups folder inside the data folder. Only an administrator can restore one.
ui-settings-explore = Explore the demo school as

## Classrooms and enrollment
ui-nav-classrooms = Classrooms
ui-classes-title = Classrooms and enrollment
ui-classes-year = Academic year
ui-classes-current = current
ui-classes-make-current = Make this the current year
ui-classes-made-current = { $year } is now the current year.
ui-classes-open-next = Open next year
ui-classes-opened = { $year } is open with { $count } classrooms, like this year.
ui-classes-unplaced = { $count ->
    [0] Every active student has a classroom this year.
    [one] One active student has no classroom this year.
   *[other] { $count } active students have no classroom this year.
}
ui-classes-place = Place students
ui-classes-place-count = { $count ->
    [0] Place students
    [one] Place one student
   *[other] Place { $count } students
}
ui-classes-placed = { $placed } placed, { $moved } moved.
ui-classes-not-placed = Not placed yet
ui-classes-grade = Grade
ui-classes-homeroom = Homeroom teacher
ui-classes-students = Students
ui-classes-fill = { $students } of { $capacity }
ui-classes-list = Students
ui-classes-since = since { $date }
ui-classes-left = left { $date }
ui-classes-promote = Promote
ui-classes-promote-into = Promote { $classroom } into { $year }
ui-classes-promote-to = Next year’s classroom
ui-classes-graduate = Graduate
ui-classes-promotion-counts = { $promote } going up · { $repeat } repeating · { $skip } left out
ui-classes-promoted = { $promoted } promoted, { $repeating } repeating, { $graduated } graduated, { $skipped } left out.
ui-classes-choice-promote = Goes up
ui-classes-choice-repeat = Repeats the year in { $classroom }
ui-classes-choice-skip = Leaves / place later
ui-classes-placed-next = already in { $classroom }

## New students and guardians
ui-new-student = New student
ui-new-student-title = Register a new student
ui-new-student-with-guardian = With a first guardian
ui-new-student-sibling-help = A phone number already on file links that guardian: brothers and sisters share their parents.
ui-guardian-relation = Relation
ui-guardian-language = Messages in
ui-guardian-language-school = The school's language
ui-guardian-phone = Phone
ui-guardian-email = Email
ui-guardian-address = Address
ui-guardian-add = Add a guardian

## Long work
ui-work-progress = { $done } of { $total } done
ui-work-cancel = Cancel
ui-work-cancelling = Cancelling…
ui-printing-all = { $count ->
    [one] Print every classroom (one)
   *[other] Print every classroom ({ $count })
}
ui-printed-files = { $count } files, one per classroom.
ui-sync-paused = { $pending ->
    [0] Sync paused
    [one] Sync paused: one change waits
   *[other] Sync paused: { $pending } changes wait
}
ui-sync-cancel = Stop syncing
ui-sync-resume = Resume sync

## Backups
ui-settings-backups = { $count ->
    [0] No backups yet
    [one] One backup
   *[other] { $count } backups
}
ui-settings-backup-size = { $mb } MB
ui-settings-restore = Restore
ui-settings-restore-confirm = The school goes back to this backup (the school as it is now is backed up first).
ui-settings-restore-yes = Restore it
ui-settings-restored = The school is back as it was in { $name }.

## Importing students
ui-import = Import
ui-import-title = Import students from a CSV or Excel file
ui-import-help = A CSV (UTF-8) or .xlsx file, from Daftar or exported from another system. Map its columns onto Daftar's, preview what it will do, then import. A file with a bad row is refused whole, each row at fault listed, unless only the valid rows are imported.
ui-import-skip-invalid = Import the valid rows, list the others
ui-import-run = Import
ui-import-report = { $created } new, { $updated } updated, { $unchanged } unchanged.
ui-import-skipped = { $count ->
    [one] One row was not imported:
   *[other] { $count } rows were not imported:
}
ui-settings-open-logs = Open the log folder
ui-settings-logs-hint = The desktop’s log: what it did and when, with ids and counts, never names or marks.

## Starting a school and setting it up
ui-nav-setup = School set-up
ui-welcome-start = Start a new school on this desktop
ui-welcome-start-help = Set your own school up from nothing, offline. Connecting to your school's cloud later sends everything with the first sync.
ui-welcome-empty-cloud = Your school's cloud is empty: set the school up
ui-welcome-empty-cloud-help = This desktop is connected, and the school has nothing yet. What you set up here goes to the cloud with the next sync.
ui-welcome-downloading = Downloading your school…
ui-welcome-downloading-help = The school opens as soon as its first sync finishes.
ui-start-admin-ar = Your name in Arabic
ui-start-admin-en = Your name in English
ui-start-submit = Start the school
ui-country-AE = United Arab Emirates
ui-country-SA = Saudi Arabia
ui-country-QA = Qatar
ui-country-KW = Kuwait
ui-country-BH = Bahrain
ui-country-OM = Oman
ui-country-JO = Jordan
ui-country-EG = Egypt
ui-country-LB = Lebanon
ui-country-IQ = Iraq
ui-country-MA = Morocco
ui-country-TN = Tunisia
ui-country-GB = United Kingdom
ui-country-US = United States
ui-checklist-title = Set up your school
ui-checklist-help = { $left ->
    [one] One step left. Each opens its screen.
   *[other] { $left } steps left. Each opens its screen.
}
ui-checklist-profile = School profile
ui-checklist-year = Academic year
ui-checklist-terms = Terms
ui-checklist-holidays = Holidays
ui-checklist-grades = Grades
ui-checklist-classrooms = Classrooms
ui-checklist-subjects = Subjects
ui-checklist-staff = Staff
ui-checklist-assignments = Teaching assignments
ui-checklist-students = Students
ui-checklist-fees = Fees
ui-setup-title = School set-up
ui-setup-part-school = Profile
ui-setup-part-year = Years
ui-setup-part-term = Terms
ui-setup-part-holiday = Holidays
ui-setup-part-grade = Grades
ui-setup-part-classroom = Classrooms
ui-setup-part-subject = Subjects
ui-setup-part-staff = Staff
ui-setup-part-assignments = Who teaches what
ui-setup-part-bands = Grade bands
ui-setup-part-calendar = Calendar
ui-setup-help-school = The school as its documents show it: names in both scripts, contacts, currency and tax number, its week and how it writes dates.
ui-setup-help-year = An academic year has its dates and its school week. One year is the current one.
ui-setup-help-term = Terms lie inside their year and do not overlap. Lock a term's marks once its report cards are out.
ui-setup-help-holiday = A holiday is a day or a range of days inside the year; none takes a register.
ui-setup-help-grade = Grade levels in order, from the youngest.
ui-setup-help-classroom = A classroom belongs to a grade of this year, with its homeroom teacher, capacity and room.
ui-setup-help-subject = A subject's code is unique; its weight counts in the overall average. With no grades ticked it is taught in all.
ui-setup-help-staff = Everyone who works at the school and their role.
ui-setup-help-assignments = Choose the teacher of each subject in each classroom. A teacher sees only their own classrooms.
ui-setup-help-bands = Bands from one percentage up to the next, covering 0 to 100 with no gap.
ui-setup-field-name = Name
ui-setup-field-name_ar = Name in Arabic
ui-setup-field-name_en = Name in English
ui-setup-field-principal_name_ar = Principal (Arabic)
ui-setup-field-principal_name_en = Principal (English)
ui-setup-field-address = Address
ui-setup-field-phone = Phone
ui-setup-field-country = Country
ui-setup-field-currency = Currency
ui-setup-field-currency_minor_digits = Decimal places of the currency
ui-setup-field-tax_number = Tax registration number
ui-setup-field-primary_language = First language
ui-setup-field-school_week = School days
ui-setup-field-date_order = Dates are written
ui-setup-field-student_names = Students' names required
ui-setup-field-rank_enabled = Print ranks on report cards
ui-setup-field-start_date = Starts
ui-setup-field-end_date = Ends
ui-setup-field-is_current = Current year
ui-setup-field-ordinal = Order
ui-setup-field-grade_id = Grade
ui-setup-field-homeroom_teacher_id = Homeroom teacher
ui-setup-field-capacity = Capacity
ui-setup-field-room = Room
ui-setup-field-code = Code
ui-setup-field-weight = Weight
ui-setup-field-grade_ids = Taught in grades
ui-setup-field-role = Role
ui-setup-field-email = Email
ui-setup-field-national_id = National id
ui-setup-field-active = Works at the school
ui-setup-year = Year
ui-setup-actions = Actions
ui-setup-none = Nothing yet.
ui-setup-new = { $kind ->
    [year] New year
    [term] New term
    [holiday] New holiday
    [grade] New grade
    [classroom] New classroom
    [subject] New subject
    [staff] New member of staff
   *[other] New
}
ui-setup-saved = Saved.
ui-setup-unchanged = Nothing was changed.
ui-setup-archived = Archived.
ui-setup-archive = Archive
ui-setup-archive-confirm = Archive this record? It stays in the history and is synced as archived.
ui-setup-lock-marks = Lock marks
ui-setup-unlock-marks = Unlock marks
ui-setup-import-csv = Import a CSV file…
ui-setup-holidays-imported = { $count ->
    [0] No new holidays in the file.
    [one] One holiday imported.
   *[other] { $count } holidays imported.
}
ui-setup-staff-imported = Staff imported: { $created } new, { $updated } updated.
ui-setup-date-as = Type the date as { $pattern }.
ui-setup-many-none = None ticked: all.
ui-setup-logo = Logo
ui-setup-logo-choose = Choose a PNG or JPEG…
ui-setup-logo-clear = Remove the logo
ui-setup-logo-set = The logo is set; it prints on report cards and receipts.
ui-setup-assignments-empty = Add classrooms and subjects first.
ui-setup-not-taught = Not taught in this grade
ui-setup-band-from = From %
ui-setup-band-to = To %
ui-setup-band-add = Add a band
ui-setup-band-remove = Remove
ui-setup-month = Month
ui-setup-term-n = Term { $n }
ui-setup-term-days = School days per term
ui-setup-school-days = { $count ->
    [one] one school day
   *[other] { $count } school days
}
ui-setup-school-days-month = school days this month
ui-weekday-sun = Sunday
ui-weekday-mon = Monday
ui-weekday-tue = Tuesday
ui-weekday-wed = Wednesday
ui-weekday-thu = Thursday
ui-weekday-fri = Friday
ui-weekday-sat = Saturday
ui-yes = Yes
ui-no = No
ui-assessment-new = New assessment
ui-assessment-set = Set the assessment
ui-assessment-total = Full marks
ui-assessment-weight = Weight in the term (%)
ui-assessment-date = Date

## The school's cloud accounts
ui-nav-accounts = Accounts
ui-accounts-title = Cloud accounts
ui-accounts-need-cloud = Accounts live in your school's cloud: connect this desktop to manage them.
ui-accounts-staff = Staff record
ui-accounts-state = State
ui-accounts-devices = Devices
ui-accounts-disabled = Disabled
ui-accounts-locked = Locked for now
ui-accounts-must-change = Must choose a password
ui-accounts-active = Active
ui-accounts-enable = Enable
ui-accounts-disable = Disable
ui-accounts-reset = Reset password
ui-accounts-sign-out = Sign devices out
ui-accounts-one-time = One-time password
ui-accounts-generate = Make one
ui-accounts-new = A colleague's account
ui-accounts-new-help = Give them the one-time password yourself; they choose their own when they first sign in. A teacher's staff record decides which classrooms they see.
ui-accounts-create = Create the account
ui-accounts-created = { $user } can sign in with the one-time password { $password }.
ui-accounts-reset-done = The one-time password is now { $password }; their devices were signed out.
ui-accounts-disabled-done = The account is disabled and its devices signed out.
ui-accounts-enabled-done = The account can sign in again.
ui-accounts-signed-out = Its devices were signed out.
ui-accounts-password-short = A password needs at least 10 characters.
ui-accounts-teacher-staff = A teacher's account needs their staff record.
ui-accounts-history = History
ui-accounts-event = { $action ->
    [created] created
    [role] changed the role of
    [staff] linked a staff record to
    [disabled] disabled
    [enabled] enabled
    [password-reset] reset the password of
    [signed-out] signed out the devices of
    [password-changed] chose a new password:
   *[other] changed
}
ui-password-title = Choose your own password
ui-password-help = An administrator set the password you signed in with. Choose your own to start syncing.
ui-password-current = Password you signed in with
ui-password-new = New password
ui-password-again = New password again
ui-password-save = Save my password
ui-password-mismatch = The two new passwords differ.
ui-welcome-not-set-up = Your school is not set up yet
ui-welcome-not-set-up-help = Its administrator sets it up first; this desktop opens it as soon as a sync brings it.
ui-import-columns = The file's columns
ui-import-columns-help = Choose which of the file's columns gives each of Daftar's (names may join up to three: first, father's and family name), or a value for every row.
ui-import-map-saved = This is the mapping you used last time for files like this one.
ui-import-target = Daftar
ui-import-from = From the file
ui-import-default = Otherwise
ui-import-date-order = The file's dates are written
ui-import-dmy = day/month/year
ui-import-mdy = month/day/year
ui-import-number-missing = Give rows without an admission number the next ones
ui-import-genders = The file's gender values
ui-import-preview = Preview
ui-import-previewed = A preview: nothing was written.
ui-import-outcome = { $outcome ->
    [new] new
    [updated] updated
   *[unchanged] unchanged
}
ui-import-undo = Undo this import
ui-import-undone = Undone: { $removed } new students removed, { $restored } put back as they were.
ui-import-to-complete = { $count ->
    [one] One student has a name to complete.
   *[other] { $count } students have a name to complete.
}
ui-import-row-to-complete = To complete: { $fields }
ui-students-to-complete = Names to complete
ui-import-col-admission_number = Admission number
ui-import-col-name_ar = Name in Arabic
ui-import-col-name_en = Name in English
ui-import-col-gender = Gender
ui-import-col-birth_date = Birth date
ui-import-col-national_id = National id
ui-import-col-nationality = Nationality
ui-import-col-grade = Grade
ui-import-col-classroom = Classroom
ui-import-col-guardian_name = Guardian
ui-import-col-guardian_phone = Guardian's phone
ui-marks-term-result = Term result
ui-history-title = History
ui-history-show = Show who changed what
ui-history-local-only = Changes made on this desktop and not yet in the cloud (the cloud's log is for administrators on a connected desktop).
ui-history-pending = not synced yet
ui-history-none = No changes recorded.
ui-accounts-last-seen = last seen { $at }
ui-accounts-device-sign-out = Sign this device out
ui-accounts-device-signed-out = { $device } was signed out; it must sign in again.

# The messages screen: what the school told guardians (the cloud sends them).
ui-nav-messages = Messages
ui-messages-title = Messages to guardians
ui-messages-need-cloud = Messages to guardians go from the school's cloud: connect this desktop to see them.
ui-message-state = { $state ->
    [queued] Queued
    [sending] Sending
    [sent] Sent
    [delivered] Delivered
    [failed] Failed
    [dead] Dead
    [cancelled] Cancelled
   *[digested] In a digest
}
ui-message-channel = { $channel ->
    [sms] SMS
   *[email] Email
}
ui-message-kind = { $kind ->
    [absence] Absence
    [late] Late
    [fee-due] Fees due
    [fee-overdue] Fees overdue
    [report-cards] Report cards
    [announcement] Announcement
   *[digest] Daily digest
}
ui-messages-show = Show
ui-messages-all = All
ui-messages-refresh = Refresh
ui-messages-redrive = { $count ->
    [0] Send again
    [one] Send one again
   *[other] Send { $count } again
}
ui-messages-redriven = { $count ->
    [0] Nothing was queued again.
    [one] One message is queued again.
   *[other] { $count } messages are queued again.
}
ui-messages-select = Select to send again
ui-messages-when = When
ui-messages-kind = About
ui-messages-channel = By
ui-messages-guardian = To
ui-messages-subject = Subject
ui-messages-state = State
ui-messages-reason = Why
ui-messages-none = No messages yet.
ui-messages-publish-title = Report cards are ready
ui-messages-publish-help = Tells each student's guardian, in their language, that the term's report card is ready. Each family is told once per term.
ui-messages-term = Term
ui-messages-classroom = Families of
ui-messages-whole-school = The whole school
ui-messages-publish = Tell the families
ui-messages-published = { $count ->
    [0] Every family had already been told.
    [one] One message queued.
   *[other] { $count } messages queued.
}
ui-messages-opt-outs = Guardians who asked for no more messages
ui-messages-no-opt-outs = Nobody has asked to stop.
ui-messages-allow = Send to them again
ui-messages-allowed = { $guardian } will receive messages by { $channel } again.
ui-settings-alerts = Desktop notifications
ui-settings-alerts-help = Tell me of new announcements, and of my changes that met a conflict or were refused, after each sync.
ui-announcement-audience = For
ui-announcement-for = { $audience ->
    [staff] Staff only
    [guardians] The school's families
    [grade] A grade's families
    [classroom] A classroom's families
   *[everyone] Everyone
}
ui-announcement-grade = Grade
ui-announcement-classroom = Classroom
ui-announcement-families-help = Families are told by SMS and email in their own language when the school's messages are on (everyone's too; never staff-only ones).
