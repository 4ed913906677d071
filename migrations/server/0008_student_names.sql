-- Daftar server schema, version 8: which of a student's names a school requires (both
-- scripts, or Arabic or English only). Append-only: never edit once released.

ALTER TABLE schools ADD COLUMN student_names text NOT NULL DEFAULT 'both';
