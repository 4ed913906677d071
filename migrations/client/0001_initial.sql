-- Daftar client schema, version 1: every synced table of the school, the outbox of local
-- changes, device metadata, and the search indexes. Append-only: never edit once released.

-- No FOREIGN KEY clauses: rows arrive from sync in any order, so references are checked
-- in Rust when a person writes, and the server is the authority on what arrives.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE schools (
    id TEXT PRIMARY KEY NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    country TEXT NOT NULL,
    currency TEXT NOT NULL,
    currency_minor_digits INTEGER NOT NULL,
    principal_name_ar TEXT NOT NULL,
    principal_name_en TEXT NOT NULL,
    primary_language TEXT NOT NULL,
    rank_enabled INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE academic_years (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    school_week TEXT NOT NULL,
    is_current INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE terms (
    id TEXT PRIMARY KEY NOT NULL,
    year_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE holidays (
    id TEXT PRIMARY KEY NOT NULL,
    year_id TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE grade_levels (
    id TEXT PRIMARY KEY NOT NULL,
    ordinal INTEGER NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE classrooms (
    id TEXT PRIMARY KEY NOT NULL,
    year_id TEXT NOT NULL,
    grade_id TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    homeroom_teacher_id TEXT,
    capacity INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE subjects (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    id TEXT PRIMARY KEY NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    national_id TEXT,
    active INTEGER NOT NULL,
    search_key TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE teaching_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    staff_id TEXT NOT NULL,
    classroom_id TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE students (
    id TEXT PRIMARY KEY NOT NULL,
    admission_number TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    national_id TEXT,
    nationality TEXT NOT NULL,
    status TEXT NOT NULL,
    search_key TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE guardians (
    id TEXT PRIMARY KEY NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT,
    address TEXT,
    national_id TEXT,
    search_key TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE student_guardians (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL,
    guardian_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE enrollments (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL,
    year_id TEXT NOT NULL,
    classroom_id TEXT NOT NULL,
    enrolled_on TEXT NOT NULL,
    left_on TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE attendance (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL,
    classroom_id TEXT NOT NULL,
    date TEXT NOT NULL,
    period INTEGER NOT NULL,
    status TEXT NOT NULL,
    taken_by TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    note TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE assessments (
    id TEXT PRIMARY KEY NOT NULL,
    classroom_id TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    term_id TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    total REAL NOT NULL,
    weight REAL NOT NULL,
    date TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE results (
    id TEXT PRIMARY KEY NOT NULL,
    assessment_id TEXT NOT NULL,
    student_id TEXT NOT NULL,
    mark REAL,
    remark TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE grade_bands (
    id TEXT PRIMARY KEY NOT NULL,
    min_percent REAL NOT NULL,
    label_ar TEXT NOT NULL,
    label_en TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE fee_structures (
    id TEXT PRIMARY KEY NOT NULL,
    year_id TEXT NOT NULL,
    grade_id TEXT,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    amount INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL,
    student_id TEXT NOT NULL,
    year_id TEXT NOT NULL,
    fee_structure_id TEXT,
    description TEXT NOT NULL,
    amount INTEGER NOT NULL,
    issued_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    receipt_number TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    method TEXT NOT NULL,
    received_by TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE announcements (
    id TEXT PRIMARY KEY NOT NULL,
    title_ar TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_ar TEXT NOT NULL,
    body_en TEXT NOT NULL,
    audience TEXT NOT NULL,
    classroom_id TEXT,
    published_on TEXT NOT NULL,
    author_id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit_entries (
    id TEXT PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX terms_by_year ON terms (year_id);
CREATE INDEX holidays_by_year ON holidays (year_id);
CREATE INDEX classrooms_by_year ON classrooms (year_id, grade_id);
CREATE INDEX teaching_by_staff ON teaching_assignments (staff_id);
CREATE INDEX teaching_by_classroom ON teaching_assignments (classroom_id);
-- Not UNIQUE: a duplicate is refused in Rust with a clear error, while rows synced from the
-- cloud must always apply.
CREATE INDEX students_by_admission ON students (admission_number);
-- One index per sort order of the student list, so a long list pages without sorting it all.
CREATE INDEX students_by_name_en ON students (name_en COLLATE NOCASE, admission_number);
CREATE INDEX students_by_name_ar ON students (name_ar, admission_number);
CREATE INDEX students_by_birth_date ON students (birth_date, admission_number);
CREATE INDEX students_by_national_id ON students (national_id) WHERE national_id IS NOT NULL;
CREATE INDEX student_guardians_by_student ON student_guardians (student_id);
CREATE INDEX student_guardians_by_guardian ON student_guardians (guardian_id);
CREATE INDEX enrollments_by_classroom ON enrollments (classroom_id);
CREATE INDEX enrollments_by_student ON enrollments (student_id, year_id);
CREATE INDEX attendance_by_classroom ON attendance (classroom_id, date);
CREATE INDEX attendance_by_student ON attendance (student_id, date);
CREATE INDEX assessments_by_classroom ON assessments (classroom_id, subject_id, term_id);
CREATE INDEX results_by_assessment ON results (assessment_id);
CREATE INDEX results_by_student ON results (student_id);
CREATE INDEX invoices_by_student ON invoices (student_id);
CREATE INDEX payments_by_invoice ON payments (invoice_id);

-- Every local change, written in the same transaction as the change itself, until the
-- cloud has acknowledged it.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id  TEXT NOT NULL UNIQUE,
    table_name   TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    changes      TEXT NOT NULL, -- JSON object: changed column -> new value
    hlc          TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending', -- pending | rejected
    reject_code  TEXT,
    reject_reason TEXT
);
CREATE INDEX outbox_by_row ON outbox (table_name, row_id);

-- Search: the normalized key of each person (names in both scripts, admission number,
-- national id), indexed twice: trigrams for terms of three characters and more, words with
-- prefixes for shorter ones.
CREATE VIRTUAL TABLE students_trigram USING fts5 (search_key, content='students', content_rowid='rowid', tokenize='trigram');
CREATE VIRTUAL TABLE students_words USING fts5 (search_key, content='students', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1 2');
CREATE TRIGGER students_search_insert AFTER INSERT ON students WHEN new.deleted = 0 BEGIN
    INSERT INTO students_trigram (rowid, search_key) VALUES (new.rowid, new.search_key);
    INSERT INTO students_words (rowid, search_key) VALUES (new.rowid, new.search_key);
END;
CREATE TRIGGER students_search_delete AFTER DELETE ON students WHEN old.deleted = 0 BEGIN
    INSERT INTO students_trigram (students_trigram, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
    INSERT INTO students_words (students_words, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
END;
-- Tombstones leave the index, so a count of matches is a count of live people.
CREATE TRIGGER students_search_update AFTER UPDATE OF search_key, deleted ON students BEGIN
    INSERT INTO students_trigram (students_trigram, rowid, search_key) SELECT 'delete', old.rowid, old.search_key WHERE old.deleted = 0;
    INSERT INTO students_words (students_words, rowid, search_key) SELECT 'delete', old.rowid, old.search_key WHERE old.deleted = 0;
    INSERT INTO students_trigram (rowid, search_key) SELECT new.rowid, new.search_key WHERE new.deleted = 0;
    INSERT INTO students_words (rowid, search_key) SELECT new.rowid, new.search_key WHERE new.deleted = 0;
END;

CREATE VIRTUAL TABLE guardians_trigram USING fts5 (search_key, content='guardians', content_rowid='rowid', tokenize='trigram');
CREATE VIRTUAL TABLE guardians_words USING fts5 (search_key, content='guardians', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1 2');
CREATE TRIGGER guardians_search_insert AFTER INSERT ON guardians WHEN new.deleted = 0 BEGIN
    INSERT INTO guardians_trigram (rowid, search_key) VALUES (new.rowid, new.search_key);
    INSERT INTO guardians_words (rowid, search_key) VALUES (new.rowid, new.search_key);
END;
CREATE TRIGGER guardians_search_delete AFTER DELETE ON guardians WHEN old.deleted = 0 BEGIN
    INSERT INTO guardians_trigram (guardians_trigram, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
    INSERT INTO guardians_words (guardians_words, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
END;
-- Tombstones leave the index, so a count of matches is a count of live people.
CREATE TRIGGER guardians_search_update AFTER UPDATE OF search_key, deleted ON guardians BEGIN
    INSERT INTO guardians_trigram (guardians_trigram, rowid, search_key) SELECT 'delete', old.rowid, old.search_key WHERE old.deleted = 0;
    INSERT INTO guardians_words (guardians_words, rowid, search_key) SELECT 'delete', old.rowid, old.search_key WHERE old.deleted = 0;
    INSERT INTO guardians_trigram (rowid, search_key) SELECT new.rowid, new.search_key WHERE new.deleted = 0;
    INSERT INTO guardians_words (rowid, search_key) SELECT new.rowid, new.search_key WHERE new.deleted = 0;
END;

CREATE VIRTUAL TABLE staff_trigram USING fts5 (search_key, content='staff', content_rowid='rowid', tokenize='trigram');
CREATE VIRTUAL TABLE staff_words USING fts5 (search_key, content='staff', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1 2');
CREATE TRIGGER staff_search_insert AFTER INSERT ON staff WHEN new.deleted = 0 BEGIN
    INSERT INTO staff_trigram (rowid, search_key) VALUES (new.rowid, new.search_key);
    INSERT INTO staff_words (rowid, search_key) VALUES (new.rowid, new.search_key);
END;
CREATE TRIGGER staff_search_delete AFTER DELETE ON staff WHEN old.deleted = 0 BEGIN
    INSERT INTO staff_trigram (staff_trigram, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
    INSERT INTO staff_words (staff_words, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
END;
-- Tombstones leave the index, so a count of matches is a count of live people.
CREATE TRIGGER staff_search_update AFTER UPDATE OF search_key, deleted ON staff BEGIN
    INSERT INTO staff_trigram (staff_trigram, rowid, search_key) SELECT 'delete', old.rowid, old.search_key WHERE old.deleted = 0;
    INSERT INTO staff_words (staff_words, rowid, search_key) SELECT 'delete', old.rowid, old.search_key WHERE old.deleted = 0;
    INSERT INTO staff_trigram (rowid, search_key) SELECT new.rowid, new.search_key WHERE new.deleted = 0;
    INSERT INTO staff_words (rowid, search_key) SELECT new.rowid, new.search_key WHERE new.deleted = 0;
END;
