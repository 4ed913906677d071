-- Daftar cloud schema, version 1: every school's synced tables, accounts and device
-- sessions, the record of applied mutations, conflicts and the audit log.
-- Append-only: never edit once released; add the next numbered file instead.
--
-- Every table carries tenant_id, and tenant_id leads every primary key, unique index and
-- foreign key, so the tables can be distributed by tenant (Citus) as they are. Row-level
-- security is forced on every table: a session sees and writes only the rows of the tenant
-- in its `daftar.tenant` setting, and nothing when it has none. The server connects as a
-- member of daftar_app, which owns nothing and cannot bypass these policies.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'daftar_app') THEN
        CREATE ROLE daftar_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;

-- The tenant of the current transaction, from `SET LOCAL daftar.tenant = '…'`.
CREATE FUNCTION daftar_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('daftar.tenant', true), '')::uuid $$;

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- The tenant's change sequence: every write takes the next value as its row version.
    change_seq  bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    username       text NOT NULL CHECK (length(username) BETWEEN 1 AND 100),
    role           text NOT NULL CHECK (role IN ('admin', 'office', 'teacher')),
    staff_id       uuid,
    password_hash  text NOT NULL,
    failed_logins  integer NOT NULL DEFAULT 0,
    locked_until   timestamptz,
    disabled       boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, username)
);

-- A person signed in on a device: the refresh token's hash, revocable by an admin.
CREATE TABLE sessions (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    user_id       uuid NOT NULL,
    device_id     uuid NOT NULL,
    device_name   text NOT NULL,
    refresh_hash  bytea NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    revoked_at    timestamptz,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX sessions_by_user ON sessions (tenant_id, user_id);

CREATE TABLE login_attempts (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         bigint GENERATED ALWAYS AS IDENTITY,
    at         timestamptz NOT NULL,
    username   text NOT NULL,
    address    text NOT NULL,
    outcome    text NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- What each mutation came to, so a batch sent twice is applied once.
CREATE TABLE applied_mutations (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    device_id    uuid NOT NULL,
    mutation_id  uuid NOT NULL,
    result       jsonb NOT NULL,
    applied_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, device_id, mutation_id)
);

-- Every column changed on two sides: both values, the winner, who and when.
CREATE TABLE conflicts (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    id           uuid NOT NULL,
    at           timestamptz NOT NULL,
    table_name   text NOT NULL,
    row_id       uuid NOT NULL,
    column_name  text NOT NULL,
    mutation_id  uuid NOT NULL,
    mine         jsonb NOT NULL,
    mine_by      text NOT NULL,
    mine_hlc     text NOT NULL,
    theirs       jsonb NOT NULL,
    theirs_by    text NOT NULL,
    theirs_hlc   text NOT NULL,
    winner       text NOT NULL CHECK (winner IN ('mine', 'theirs')),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX conflicts_by_row ON conflicts (tenant_id, table_name, row_id);

-- Every applied change: who, on which device, when, and each column old -> new.
CREATE TABLE audit_log (
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    id           bigint GENERATED ALWAYS AS IDENTITY,
    at           timestamptz NOT NULL,
    user_id      uuid NOT NULL,
    device_id    uuid NOT NULL,
    mutation_id  uuid NOT NULL,
    table_name   text NOT NULL,
    row_id       uuid NOT NULL,
    version      bigint NOT NULL,
    old          jsonb NOT NULL,
    new          jsonb NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_by_row ON audit_log (tenant_id, table_name, row_id);

-- The school's synced tables: the domain's columns, then the sync columns. col_hlc (the
-- clock stamp of each column's last change) stays on the server: it decides conflicts.
CREATE TABLE schools (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    country text NOT NULL,
    currency text NOT NULL,
    currency_minor_digits bigint NOT NULL,
    principal_name_ar text NOT NULL,
    principal_name_en text NOT NULL,
    primary_language text NOT NULL,
    rank_enabled boolean NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX schools_by_version ON schools (tenant_id, version);

CREATE TABLE academic_years (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    name text NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    school_week text NOT NULL,
    is_current boolean NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX academic_years_by_version ON academic_years (tenant_id, version);

CREATE TABLE terms (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    year_id uuid NOT NULL,
    ordinal bigint NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id)
);
CREATE INDEX terms_by_version ON terms (tenant_id, version);

CREATE TABLE holidays (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    year_id uuid NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id)
);
CREATE INDEX holidays_by_version ON holidays (tenant_id, version);

CREATE TABLE grade_levels (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    ordinal bigint NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX grade_levels_by_version ON grade_levels (tenant_id, version);

CREATE TABLE staff (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    role text NOT NULL,
    email text,
    phone text,
    national_id text,
    active boolean NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX staff_by_version ON staff (tenant_id, version);

CREATE TABLE classrooms (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    year_id uuid NOT NULL,
    grade_id uuid NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    homeroom_teacher_id uuid,
    capacity bigint NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id),
    FOREIGN KEY (tenant_id, grade_id) REFERENCES grade_levels (tenant_id, id),
    FOREIGN KEY (tenant_id, homeroom_teacher_id) REFERENCES staff (tenant_id, id)
);
CREATE INDEX classrooms_by_version ON classrooms (tenant_id, version);

CREATE TABLE subjects (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    code text NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX subjects_by_version ON subjects (tenant_id, version);

CREATE TABLE teaching_assignments (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    staff_id uuid NOT NULL,
    classroom_id uuid NOT NULL,
    subject_id uuid NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES subjects (tenant_id, id)
);
CREATE INDEX teaching_assignments_by_version ON teaching_assignments (tenant_id, version);

CREATE TABLE students (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    admission_number text NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    gender text NOT NULL,
    birth_date date NOT NULL,
    national_id text,
    nationality text NOT NULL,
    status text NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX students_by_version ON students (tenant_id, version);

CREATE TABLE guardians (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    phone text NOT NULL,
    email text,
    address text,
    national_id text,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX guardians_by_version ON guardians (tenant_id, version);

CREATE TABLE student_guardians (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    student_id uuid NOT NULL,
    guardian_id uuid NOT NULL,
    relation text NOT NULL,
    is_primary boolean NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id),
    FOREIGN KEY (tenant_id, guardian_id) REFERENCES guardians (tenant_id, id)
);
CREATE INDEX student_guardians_by_version ON student_guardians (tenant_id, version);

CREATE TABLE enrollments (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    student_id uuid NOT NULL,
    year_id uuid NOT NULL,
    classroom_id uuid NOT NULL,
    enrolled_on date NOT NULL,
    left_on date,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id)
);
CREATE INDEX enrollments_by_version ON enrollments (tenant_id, version);

CREATE TABLE attendance (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    student_id uuid NOT NULL,
    classroom_id uuid NOT NULL,
    date date NOT NULL,
    period bigint NOT NULL,
    status text NOT NULL,
    taken_by uuid NOT NULL,
    taken_at timestamptz NOT NULL,
    note text,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id)
);
CREATE INDEX attendance_by_version ON attendance (tenant_id, version);

CREATE TABLE assessments (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    classroom_id uuid NOT NULL,
    subject_id uuid NOT NULL,
    term_id uuid NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    total double precision NOT NULL,
    weight double precision NOT NULL,
    date date NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES subjects (tenant_id, id),
    FOREIGN KEY (tenant_id, term_id) REFERENCES terms (tenant_id, id)
);
CREATE INDEX assessments_by_version ON assessments (tenant_id, version);

CREATE TABLE results (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    assessment_id uuid NOT NULL,
    student_id uuid NOT NULL,
    mark double precision,
    remark text,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, assessment_id) REFERENCES assessments (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id)
);
CREATE INDEX results_by_version ON results (tenant_id, version);

CREATE TABLE grade_bands (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    min_percent double precision NOT NULL,
    label_ar text NOT NULL,
    label_en text NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX grade_bands_by_version ON grade_bands (tenant_id, version);

CREATE TABLE fee_structures (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    year_id uuid NOT NULL,
    grade_id uuid,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    amount bigint NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id),
    FOREIGN KEY (tenant_id, grade_id) REFERENCES grade_levels (tenant_id, id)
);
CREATE INDEX fee_structures_by_version ON fee_structures (tenant_id, version);

CREATE TABLE invoices (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    number text NOT NULL,
    student_id uuid NOT NULL,
    year_id uuid NOT NULL,
    fee_structure_id uuid,
    description text NOT NULL,
    amount bigint NOT NULL,
    issued_on date NOT NULL,
    due_on date NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id),
    FOREIGN KEY (tenant_id, fee_structure_id) REFERENCES fee_structures (tenant_id, id)
);
CREATE INDEX invoices_by_version ON invoices (tenant_id, version);

CREATE TABLE payments (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    receipt_number text NOT NULL,
    invoice_id uuid NOT NULL,
    amount bigint NOT NULL,
    paid_on date NOT NULL,
    method text NOT NULL,
    received_by uuid NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX payments_by_version ON payments (tenant_id, version);

CREATE TABLE announcements (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    title_ar text NOT NULL,
    title_en text NOT NULL,
    body_ar text NOT NULL,
    body_en text NOT NULL,
    audience text NOT NULL,
    classroom_id uuid,
    published_on date NOT NULL,
    author_id uuid NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id)
);
CREATE INDEX announcements_by_version ON announcements (tenant_id, version);

CREATE TABLE audit_entries (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    at timestamptz NOT NULL,
    user_id uuid NOT NULL,
    device_id uuid NOT NULL,
    action text NOT NULL,
    detail text NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_entries_by_version ON audit_entries (tenant_id, version);

-- What a teacher's device may see is found through these.
CREATE INDEX teaching_assignments_by_staff ON teaching_assignments (tenant_id, staff_id);
CREATE INDEX enrollments_by_classroom ON enrollments (tenant_id, classroom_id);
CREATE INDEX student_guardians_by_student ON student_guardians (tenant_id, student_id);
CREATE INDEX attendance_by_classroom ON attendance (tenant_id, classroom_id, date);
CREATE INDEX assessments_by_classroom ON assessments (tenant_id, classroom_id);
CREATE INDEX results_by_assessment ON results (tenant_id, assessment_id);

-- Two live students cannot share an admission number: the second is refused, not merged.
CREATE UNIQUE INDEX students_admission_number ON students (tenant_id, admission_number) WHERE NOT deleted;

-- Row-level security on every table, forced so that even the tables' owner obeys it.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
-- Sign-in finds a school by its slug before any tenant is chosen.
CREATE POLICY tenants_read ON tenants FOR SELECT USING (true);
CREATE POLICY tenants_insert ON tenants FOR INSERT WITH CHECK (id = daftar_tenant());
CREATE POLICY tenants_update ON tenants FOR UPDATE USING (id = daftar_tenant()) WITH CHECK (id = daftar_tenant());
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE login_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON login_attempts USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE applied_mutations ENABLE ROW LEVEL SECURITY;
ALTER TABLE applied_mutations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON applied_mutations USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conflicts USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE schools ENABLE ROW LEVEL SECURITY;
ALTER TABLE schools FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON schools USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE academic_years ENABLE ROW LEVEL SECURITY;
ALTER TABLE academic_years FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON academic_years USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE terms ENABLE ROW LEVEL SECURITY;
ALTER TABLE terms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terms USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE holidays ENABLE ROW LEVEL SECURITY;
ALTER TABLE holidays FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON holidays USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE grade_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE grade_levels FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON grade_levels USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE staff ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON staff USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE classrooms ENABLE ROW LEVEL SECURITY;
ALTER TABLE classrooms FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON classrooms USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE subjects ENABLE ROW LEVEL SECURITY;
ALTER TABLE subjects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subjects USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE teaching_assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE teaching_assignments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON teaching_assignments USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE students ENABLE ROW LEVEL SECURITY;
ALTER TABLE students FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON students USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE guardians ENABLE ROW LEVEL SECURITY;
ALTER TABLE guardians FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON guardians USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE student_guardians ENABLE ROW LEVEL SECURITY;
ALTER TABLE student_guardians FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON student_guardians USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE enrollments ENABLE ROW LEVEL SECURITY;
ALTER TABLE enrollments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON enrollments USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE attendance ENABLE ROW LEVEL SECURITY;
ALTER TABLE attendance FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON attendance USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE assessments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assessments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON assessments USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE results ENABLE ROW LEVEL SECURITY;
ALTER TABLE results FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON results USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE grade_bands ENABLE ROW LEVEL SECURITY;
ALTER TABLE grade_bands FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON grade_bands USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE fee_structures ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_structures FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fee_structures USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payments USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE announcements ENABLE ROW LEVEL SECURITY;
ALTER TABLE announcements FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON announcements USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_entries USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());

-- The server's role reads and writes; it never deletes (rows become tombstones) and owns
-- nothing, so it cannot turn row-level security off.
GRANT USAGE ON SCHEMA public TO daftar_app;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO daftar_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO daftar_app;
GRANT EXECUTE ON FUNCTION daftar_tenant() TO daftar_app;
