-- Daftar client schema, version 11: what the analytics views read, as covering indexes, so
-- that no view scans the whole attendance table per classroom. Append-only.

-- A classroom's whole-day registers over a date range, by status and student: the
-- attendance view's per-day and per-student aggregations read only this index.
CREATE INDEX attendance_day_registers ON attendance (classroom_id, date, status, student_id)
    WHERE deleted = 0 AND period = 0;
-- An assessment's marks, without visiting the results table.
CREATE INDEX results_marks ON results (assessment_id, deleted, student_id, mark);
-- A term's assessments, across classrooms.
CREATE INDEX assessments_by_term ON assessments (term_id, classroom_id, subject_id);
-- A year's enrollments, with their dates, for counts and admissions over time.
CREATE INDEX enrollments_by_year ON enrollments (year_id, classroom_id, enrolled_on, left_on);
-- A year's invoices by the month they were issued.
CREATE INDEX invoices_by_year_issued ON invoices (year_id, issued_on);
-- A student's whole-day registers in date order: the per-student pass over many classrooms
-- (chronic absence, lateness) streams through it instead of sorting the registers.
CREATE INDEX attendance_student_days ON attendance (student_id, date, status, classroom_id)
    WHERE deleted = 0 AND period = 0;
