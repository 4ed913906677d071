-- Daftar client schema, version 2: what report cards print beyond marks — the school's
-- logo and each student's term remarks. Append-only: never edit once released.

ALTER TABLE schools ADD COLUMN logo_png TEXT;

CREATE TABLE term_remarks (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL,
    term_id TEXT NOT NULL,
    classroom_id TEXT NOT NULL,
    teacher_remark TEXT,
    principal_remark TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX term_remarks_by_classroom ON term_remarks (classroom_id, term_id);
