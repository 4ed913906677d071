-- Daftar server schema, version 9: fee plans with items, VAT and instalments; a year's fee
-- policy; students' discounts; invoice lines with their VAT; an invoice's plan, instalment
-- and VAT; voided invoices and credit notes. Append-only: never edit once released.

CREATE TABLE fee_plans (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    year_id uuid NOT NULL,
    grade_id uuid,
    name_ar text NOT NULL,
    name_en text NOT NULL,
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
CREATE INDEX fee_plans_by_version ON fee_plans (tenant_id, version);
ALTER TABLE fee_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fee_plans USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON fee_plans TO daftar_app;

CREATE TABLE fee_items (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    plan_id uuid NOT NULL,
    kind text NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    amount bigint NOT NULL,
    vat text NOT NULL,
    instalments text NOT NULL,
    position bigint NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES fee_plans (tenant_id, id)
);
CREATE INDEX fee_items_by_version ON fee_items (tenant_id, version);
ALTER TABLE fee_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fee_items USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON fee_items TO daftar_app;

CREATE TABLE fee_policies (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    year_id uuid NOT NULL,
    sibling_second_bp bigint NOT NULL,
    sibling_later_bp bigint NOT NULL,
    discount_cap_bp bigint NOT NULL,
    late_fee bigint NOT NULL,
    late_fee_grace_days bigint NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id)
);
CREATE INDEX fee_policies_by_version ON fee_policies (tenant_id, version);
ALTER TABLE fee_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE fee_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fee_policies USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON fee_policies TO daftar_app;

CREATE TABLE discounts (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    student_id uuid NOT NULL,
    year_id uuid NOT NULL,
    kind text NOT NULL,
    percent_bp bigint NOT NULL,
    amount bigint NOT NULL,
    applies_to text,
    instalment bigint NOT NULL,
    reason text NOT NULL,
    granted_by uuid NOT NULL,
    granted_on date NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, student_id) REFERENCES students (tenant_id, id),
    FOREIGN KEY (tenant_id, year_id) REFERENCES academic_years (tenant_id, id)
);
CREATE INDEX discounts_by_version ON discounts (tenant_id, version);
ALTER TABLE discounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE discounts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON discounts USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON discounts TO daftar_app;

ALTER TABLE invoices
    ADD COLUMN plan_id uuid,
    ADD COLUMN instalment bigint NOT NULL DEFAULT 0,
    ADD COLUMN vat_amount bigint NOT NULL DEFAULT 0,
    ADD COLUMN voided_on date,
    ADD COLUMN void_reason text,
    ADD FOREIGN KEY (tenant_id, plan_id) REFERENCES fee_plans (tenant_id, id);

ALTER TABLE payments
    ADD COLUMN reference text,
    ADD COLUMN cheque_bank text,
    ADD COLUMN cheque_date date;

CREATE TABLE invoice_lines (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    invoice_id uuid NOT NULL,
    item_id uuid,
    kind text NOT NULL,
    name_ar text NOT NULL,
    name_en text NOT NULL,
    position bigint NOT NULL,
    gross bigint NOT NULL,
    discount bigint NOT NULL,
    net bigint NOT NULL,
    vat text NOT NULL,
    vat_bp bigint NOT NULL,
    vat_amount bigint NOT NULL,
    total bigint NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX invoice_lines_by_version ON invoice_lines (tenant_id, version);
ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoice_lines USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON invoice_lines TO daftar_app;

CREATE TABLE credit_notes (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    number text NOT NULL,
    invoice_id uuid NOT NULL,
    amount bigint NOT NULL,
    reason text NOT NULL,
    issued_on date NOT NULL,
    issued_by uuid NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX credit_notes_by_version ON credit_notes (tenant_id, version);
ALTER TABLE credit_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON credit_notes USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON credit_notes TO daftar_app;
