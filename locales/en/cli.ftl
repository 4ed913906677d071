# The daftar command's own words.

cli-error = error
cli-demo-created = Created the demo school “{ $school }”, year { $year }, in { $seconds } s.
cli-demo-counts = { $students } students, { $staff } staff, { $classrooms } classrooms, { $attendance } attendance marks, { $results } marks, { $invoices } invoices.
cli-data-dir = Data folder: { $path }
cli-current = current
cli-week = week
cli-school-days = school days
cli-search-total = { $total ->
    [0] No students found.
    [one] Showing { $from }–{ $to } of one student.
   *[other] Showing { $from }–{ $to } of { $total } students.
}
cli-student-saved = Saved student { $number }.
cli-admission-number = Admission number
cli-gender = Gender
cli-birth-date = Born
cli-nationality = Nationality
cli-national-id = National id
cli-status = Status
cli-enrolled = Enrolled
cli-guardian = Guardian
cli-balance = balance
cli-attendance-summary = Attendance this year: { $present } present, { $absent } absent, { $late } late, { $excused } excused.
cli-marks-summary = { $count ->
    [one] One mark recorded.
   *[other] { $count } marks recorded.
}
cli-register-saved = Saved the register of { $classroom } for { $date }: { $present } present, { $absent } absent, { $late } late, { $excused } excused ({ $changed } changed).
cli-not-taken = not taken
cli-imported = Read { $rows } rows: { $created } new, { $updated } updated, { $unchanged } unchanged, { $skipped } skipped.
cli-exported = Exported { $count } students to { $file }.
attendance-present = present
attendance-absent = absent
attendance-late = late
attendance-excused = excused
gender-male = male
gender-female = female
status-active = active
status-withdrawn = withdrawn
status-graduated = graduated
cli-printed = Printed { $pages ->
    [one] 1 page
   *[other] { $pages } pages
} in { $files ->
    [one] 1 file
   *[other] { $files } files
}: { $path } ({ $seconds } s).
