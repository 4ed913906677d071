-- Daftar client schema, version 6: which of a student's names a school requires (both
-- scripts, or Arabic or English only, the other then a to-do).
-- Append-only: never edit once released.

ALTER TABLE schools ADD COLUMN student_names TEXT NOT NULL DEFAULT 'both';
