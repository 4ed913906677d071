-- Daftar client schema, version 5: what a school sets up for itself — its address, phone,
-- tax number, week and date convention; a classroom's room; a subject's weight and the
-- grades it is taught in; a term whose marks are locked once its report cards are printed.
-- Append-only: never edit once released.

ALTER TABLE schools ADD COLUMN address TEXT;
ALTER TABLE schools ADD COLUMN phone TEXT;
ALTER TABLE schools ADD COLUMN tax_number TEXT;
ALTER TABLE schools ADD COLUMN school_week TEXT NOT NULL DEFAULT 'sun,mon,tue,wed,thu';
ALTER TABLE schools ADD COLUMN date_order TEXT NOT NULL DEFAULT 'dmy';

ALTER TABLE classrooms ADD COLUMN room TEXT;

ALTER TABLE subjects ADD COLUMN weight REAL NOT NULL DEFAULT 1;
ALTER TABLE subjects ADD COLUMN grade_ids TEXT NOT NULL DEFAULT '';

ALTER TABLE terms ADD COLUMN marks_locked INTEGER NOT NULL DEFAULT 0;

-- Set-up screens check a code, a grade's use and a classroom's size before writing.
CREATE INDEX subjects_by_code ON subjects (code);
CREATE INDEX classrooms_by_grade ON classrooms (grade_id);
