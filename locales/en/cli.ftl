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
cli-exported = Exported { $count } rows to { $file }.
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
cli-password = Password
cli-connected = Connected as { $user } ({ $role }) to { $school }. Run “daftar sync” to bring the school's data.
cli-synced = Synced: { $pushed } sent, { $pulled } received, { $merged } merged, { $conflicts } with conflicts, { $rejected } refused.
cli-conflicts-waiting = { $count ->
    [one] 1 conflict waits for review: daftar conflicts list
   *[other] { $count } conflicts wait for review: daftar conflicts list
}
cli-rejected-waiting = { $count ->
    [one] 1 change was refused by the cloud and is kept: daftar sync rejected
   *[other] { $count } changes were refused by the cloud and are kept: daftar sync rejected
}
cli-sync-account = Connected as { $user } to { $school } at { $server }.
cli-sync-no-account = Not connected to a cloud: daftar connect --server URL --school S --user U
cli-sync-counts = Waiting to send: { $pending }. Conflicts to review: { $conflicts }. Refused changes: { $rejected }.
cli-rejected-queued = { $count } refused changes queued again; they go with the next sync.
cli-no-rejected = No refused changes.
cli-conflict-mine = mine
cli-conflict-theirs = theirs
cli-conflict-kept = now in the record
cli-no-conflicts = No conflicts to review.
cli-conflict-resolved = Conflict { $id } settled; the choice goes to the cloud with the next sync.
cli-disconnected = Signed out. { $count } changes not yet in the cloud were saved to the file and taken off this desktop.
cli-guardian-saved = Saved guardian { $name }.
cli-payment-recorded = Recorded { $amount } on invoice { $invoice }, receipt { $receipt }.
cli-refund-recorded = Refunded { $amount } on invoice { $invoice }, refund { $number }.
cli-credit-applied = Applied { $amount } of the family's credit to { $count } invoices.
cli-family-balance = Balance { $balance } (still to pay { $due }, family credit { $credit }).
cli-cash-total = Net takings { $total }.
cli-aging-total = { $total } outstanding from { $students } students.
cli-saved = Saved: { $name }.
cli-every-grade = every grade
cli-vat = VAT
cli-fee-policy = the year's fee policy
cli-run-preview = A preview, nothing written: { $issued } invoices to issue ({ $total }, VAT { $vat }, discounts { $discount }); { $already } issued before, { $nothing } with nothing due, { $unplanned } in grades without a plan.
cli-run-done = Issued { $issued } invoices ({ $total }, VAT { $vat }, discounts { $discount }); { $already } issued before, { $nothing } with nothing due, { $unplanned } in grades without a plan.
cli-credited = Credit note { $number } of { $amount } issued on invoice { $invoice }.
cli-voided = Invoice { $invoice } is voided.
cli-invoice-voided = Voided on { $date }: { $reason }
cli-late-fees-preview = A preview, nothing written: { $charged } late fees to charge ({ $total }); { $already } charged before.
cli-late-fees-done = Charged { $charged } late fees ({ $total }); { $already } charged before.
cli-exploring = Working as { $name } ({ $role }) on the demo school.
cli-school-started = Started the school “{ $school }”. You are its administrator; `daftar setup checklist` shows what is left to set up.
cli-setup-saved = Saved { $id }.
cli-setup-archived = Archived { $id }.
cli-logo-set = The logo is set ({ $bytes } bytes).
cli-day-school = school day
cli-day-weekend = weekend
cli-day-outside = outside the year
cli-holidays-imported = Imported { $count } holidays.
cli-staff-imported = Imported staff: { $created } new, { $updated } updated.
cli-term-locked = The marks of { $term } are locked.
cli-term-unlocked = The marks of { $term } are unlocked.
cli-setup-done = The school is set up.
cli-one-time-password = One-time password for the account (10 characters or more)
cli-new-password = Your new password (10 characters or more)
cli-account-created = Created the account { $user }; they choose their own password at their first sign-in.
cli-password-changed = Your password is changed; syncing can go on.
cli-import-preview = A preview: nothing was written. Row by row:
cli-import-undone = Undid the import of { $file }: { $removed } new students removed, { $restored } put back as they were.
cli-messages-redriven = { $count ->
    [one] Queued one message again.
   *[other] Queued { $count } messages again.
}
cli-report-cards-published = { $count ->
    [0] Every family had already been told.
    [one] One message to a guardian queued: their report card is ready.
   *[other] { $count } messages to guardians queued: their report cards are ready.
}
cli-opt-out-set = The guardian will receive no more messages by { $channel }.
cli-opt-out-cleared = The guardian will receive messages by { $channel } again.
