-- Daftar server schema, version 6: what a school sets up for itself (address, phone, tax
-- number, week and date convention; a classroom's room; a subject's weight and grades; a
-- term's marks lock, which push enforces). Append-only: never edit once released.

ALTER TABLE schools
    ADD COLUMN address text,
    ADD COLUMN phone text,
    ADD COLUMN tax_number text,
    ADD COLUMN school_week text NOT NULL DEFAULT 'sun,mon,tue,wed,thu',
    ADD COLUMN date_order text NOT NULL DEFAULT 'dmy';

ALTER TABLE classrooms ADD COLUMN room text;

ALTER TABLE subjects
    ADD COLUMN weight double precision NOT NULL DEFAULT 1,
    ADD COLUMN grade_ids text NOT NULL DEFAULT '';

ALTER TABLE terms ADD COLUMN marks_locked boolean NOT NULL DEFAULT false;
