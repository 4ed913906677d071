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
ui-fees-method = { $method ->
    [cash] Cash
    [card] Card
    [bank_transfer] Bank transfer
   *[cheque] Cheque
}
ui-fees-record = Record payment
ui-fees-print-receipt = Print receipt
ui-printed-to = Saved to { $path }
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
ui-import-title = Import students from a CSV file
ui-import-help = A UTF-8 CSV file with this header (grade, classroom, guardian and national id may be empty). A file with a bad row is refused whole, each row at fault listed, unless only the valid rows are imported.
ui-import-skip-invalid = Import the valid rows, list the others
ui-import-run = Import
ui-import-report = { $created } new, { $updated } updated, { $unchanged } unchanged.
ui-import-skipped = { $count ->
    [one] One row was not imported:
   *[other] { $count } rows were not imported:
}
ui-settings-open-logs = Open the log folder
ui-settings-logs-hint = The desktop’s log: what it did and when, with ids and counts, never names or marks.
