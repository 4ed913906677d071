# Error messages: the id is error-<code> of the error's stable code.

error-field-required = { $field } is required.
error-field-too-long = { $field } is longer than { $max } characters.
error-invalid-choice = “{ $value }” is not a valid { $field }. Choose one of: { $allowed }.
error-invalid-format = “{ $value }” is not a valid { $field }.
error-date-range-reversed = { $end } is before { $start }.
error-value-out-of-range = { $field } must be between { $min } and { $max }, not { $value }.
error-mark-out-of-range = The mark { $mark } is outside 0 to { $total }.
error-date-outside-year = { $date } is outside the academic year { $year }.
error-not-a-school-day = { $date } is a { $weekday ->
    [sun] Sunday
    [mon] Monday
    [tue] Tuesday
    [wed] Wednesday
    [thu] Thursday
    [fri] Friday
    [sat] Saturday
   *[other] { $weekday }
}, not a school day.
error-school-holiday = { $date } is a school holiday ({ $holiday_en }).
error-student-not-enrolled = Student { $student } is not enrolled in classroom { $classroom } on { $date }.
error-payment-above-balance = The payment { $amount } is more than the invoice balance { $balance }.
error-invoice-voided = The invoice { $number } is voided: it takes no payment or credit.
error-invoice-has-payments = The invoice { $number } has payments: credit it instead of voiding it.
error-credit-above-balance = The credit { $amount } is more than the invoice still asks, { $balance }.
error-refund-above-paid = The refund { $amount } is more than was paid on the invoice, { $balance }.
error-credit-above-surplus = The credit { $amount } is more than the family's credit on that invoice, { $balance }.
error-no-family-credit = The family has no credit to apply, or nothing left to pay.
error-amount-not-positive = { $field } must be greater than zero.
error-terms-overlap = The term { $term } overlaps { $other }: terms may not share a day.
error-week-without-school-day = A school week needs at least one school day.
error-bands-overlap = The grade bands overlap at { $percent }%.
error-bands-gap = The grade bands leave { $from }% to { $to }% without a band: they must cover 0 to 100.
error-capacity-below-class-size = { $classroom } already has { $students } students; its capacity cannot be { $capacity }.
error-duplicate-subject-code = Another subject already has the code { $code }.
error-grade-in-use = The grade { $grade } still has { $classrooms } classrooms; archive or move them first.
error-total-below-marks = A mark of { $highest } has been given; the total cannot be { $total }.
error-term-locked = The marks of { $term } are locked; an administrator must unlock the term first.
error-dates-in-use = { $records } attendance records would fall outside the new dates.
error-instalments-do-not-add-up = The instalments add up to { $total }, not the item's { $amount }.
error-not-found = No { $entity ->
    [schools] school
    [academic_years] academic year
    [terms] term
    [holidays] holiday
    [grade_levels] grade
    [staff] member of staff
    [classrooms] classroom
    [subjects] subject
    [teaching_assignments] teaching assignment
    [students] student
    [guardians] guardian
    [student_guardians] guardian link
    [enrollments] enrollment
    [attendance] attendance record
    [assessments] assessment
    [results] mark
    [grade_bands] grade band
    [fee_structures] fee
    [invoices] invoice
    [payments] payment
    [announcements] announcement
    [audit_entries] audit entry
   *[other] { $entity }
} with id “{ $id }”.
error-duplicate-admission-number = Another student already has admission number { $number }.
error-duplicate-enrollment = This student is already enrolled in { $year }.
error-newer-database = This data was written by a newer version of Daftar (schema { $found }; this version knows { $supported }). Update Daftar to open it.
error-database = The local database failed: { $detail }
error-storage = Cannot use the data folder { $path }: { $detail }
error-no-school = There is no school in this data folder yet. Create a demo school with “daftar demo”.
error-school-exists = This data folder already holds a school. Use another --data-dir for a new one.
error-no-current-year = The school has no current academic year.
error-unknown-classroom = No classroom named “{ $name }” in the current year.
error-unknown-grade = No grade level named “{ $name }”.
error-unknown-field = “{ $field }” is not a field you can set. Fields: { $allowed }.
error-invalid-date = “{ $value }” is not a date; write it as YYYY-MM-DD.
error-invalid-id = “{ $value }” is not a valid id.
error-csv-header = The file’s header lacks the column { $column }.
error-csv-unreadable = Line { $line } cannot be read: { $detail }
error-import-rejected = Nothing was imported: { $count ->
    [one] one row is invalid.
   *[other] { $count } rows are invalid.
}
error-import-row = Line { $line }: { $reason }
error-duplicate-in-file = Admission number { $number } appears again on line { $line }.
error-bad-mapping = “{ $mapping }” is not a header mapping; write it as file_column=daftar_column.
error-student-twice = Student { $student } is listed more than once.
error-already-exists = A { $entity ->
    [schools] school
    [academic_years] academic year
    [terms] term
    [holidays] holiday
    [grade_levels] grade
    [staff] member of staff
    [classrooms] classroom
    [subjects] subject
    [teaching_assignments] teaching assignment
    [students] student
    [guardians] guardian
    [student_guardians] guardian link
    [enrollments] enrollment
    [attendance] attendance record
    [assessments] assessment
    [results] mark
    [grade_bands] grade band
    [fee_structures] fee
    [invoices] invoice
    [payments] payment
    [announcements] announcement
    [audit_entries] audit entry
   *[other] { $entity }
} with id { $id } already exists.
error-unknown-term = No term “{ $name }” in the current year; give its number (1, 2…) or its name.
error-invalid-month = “{ $value }” is not a month; write it as YYYY-MM.
error-invalid-threshold = “{ $value }” is not a threshold: give a percentage from 1 to 100.
error-bad-date-range = The dates run backwards: { $from } is after { $to }.
error-bad-logo = The school’s logo cannot be printed: { $detail }
error-nothing-to-print = There is nothing to print: { $detail }
error-not-allowed = { $reason ->
    [not-your-classroom] { $action ->
        [see-students] Seeing this student
        [take-attendance] Taking this register
        [set-assessments] Setting this assessment
        [enter-marks] Entering these marks
        [write-remarks] Writing these remarks
        [print-reports] Printing for this classroom
        [see-analytics] Seeing these figures
       *[other] This
    } is only for your own classrooms.
    [not-your-subject] { $action ->
        [see-students] Seeing this student
        [take-attendance] Taking this register
        [set-assessments] Setting this assessment
        [enter-marks] Entering these marks
        [write-remarks] Writing these remarks
        [print-reports] Printing for this classroom
        [see-analytics] Seeing these figures
       *[other] This
    } is only for the subjects you teach in that classroom.
    [not-your-student] { $action ->
        [see-students] Seeing this student
        [take-attendance] Taking this register
        [set-assessments] Setting this assessment
        [enter-marks] Entering these marks
        [write-remarks] Writing these remarks
        [print-reports] Printing for this classroom
        [see-analytics] Seeing these figures
       *[other] This
    } is only for students in your classrooms.
   *[role] Your role does not give access to { $action ->
        [see-students] these students
        [edit-students] editing students and guardians
        [manage-classrooms] placing students in classrooms
        [run-school] running the school year
        [manage-fees] fees
        [take-attendance] this classroom’s register
        [set-assessments] setting assessments
        [enter-marks] this classroom’s marks
        [write-remarks] report-card remarks
        [write-principal-remarks] the principal’s remark
        [announce] posting announcements
        [print-reports] printing for this classroom
        [restore-backups] restoring backups
        [see-analytics] the analytics
       *[other] this
    }.
}
error-no-staff-with-role = The demo school has no { $role ->
    [admin] administrator
    [office] office staff
   *[teacher] teacher
} to explore as.
error-not-demo = Only the demo school can be explored as another person.
error-unknown-language = “{ $value }” is not a language Daftar speaks (ar, en).
error-invalid-amount = “{ $value }” is not an amount; type it like 1250 or 1,250.50.
error-invalid-mark = “{ $value }” is not a mark; type a number, or leave it empty.
error-classroom-full = { $classroom } holds { $capacity } students; this would make { $students }.
error-wrong-year = { $name } is not a classroom of the year being placed.
error-no-next-year = The school has not opened the year after { $name } yet.
error-cancelled = Cancelled; nothing was changed.
error-unknown-kind = “{ $kind }” is not something to set up. Kinds: { $allowed }.
error-not-one-of = “{ $value }” is not one of: { $allowed }.
error-not-archivable = { $name } cannot be archived.
error-record-in-use = { $record } is still in use: { $count } { $uses ->
    [classrooms] classrooms
    [assessments] assessments
    [term_remarks] report-card remarks
    [enrollments] students placed in it
    [attendance] attendance records
    [teaching_assignments] teaching assignments
   *[other] records
  } depend on it.
error-not-an-image = The file is not a PNG or JPEG picture Daftar can read ({ $detail }).
error-not-taught-in-grade = { $subject } is not taught in { $grade }; add the grade to the subject first.
error-staff-inactive = { $name } no longer works at the school.
error-unknown-year = There is no academic year “{ $name }”.
error-no-fee-plan = The year { $name } has no fee plan yet: make one (Fees → Plans) before invoicing.
error-unknown-subject = There is no subject “{ $name }”; give its code.
error-unknown-staff = There is no member of staff “{ $name }”; give their email, name or id.
error-previewed = This was a preview; nothing was written.
error-nothing-to-undo = There is no import to undo on this desktop.
error-unknown-record-kind = Daftar keeps no records called “{ $name }”.
error-local-school-needs-admin = This school was started on this desktop: connect it with an administrator's account, whose first sync sends the whole school.
error-cloud-school-not-empty = The cloud school { $school } already holds a school. A school started on this desktop goes only to an empty cloud school; ask your operator for one.
