-- Daftar server schema, version 2: the school's logo and each student's term remarks,
-- printed on report cards. Append-only: never edit once released.

ALTER TABLE schools ADD COLUMN logo_png text;

CREATE TABLE term_remarks (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    student_id uuid NOT NULL,
    term_id uuid NOT NULL,
    classroom_id uuid NOT NULL,
    teacher_remark text,
    principal_remark text,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id),
    FOREIGN KEY (tenant_id, term_id) REFERENCES terms (tenant_id, id),
    FOREIGN KEY (tenant_id, classroom_id) REFERENCES classrooms (tenant_id, id)
);
CREATE INDEX term_remarks_by_version ON term_remarks (tenant_id, version);
CREATE INDEX term_remarks_by_classroom ON term_remarks (tenant_id, classroom_id, term_id);

ALTER TABLE term_remarks ENABLE ROW LEVEL SECURITY;
ALTER TABLE term_remarks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON term_remarks USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());

GRANT SELECT, INSERT, UPDATE ON term_remarks TO daftar_app;
