-- Daftar client schema, version 7: fee plans with items, VAT and instalments; a year's fee
-- policy; students' discounts; invoice lines with their VAT; voided invoices and credit notes.
-- Append-only.

CREATE TABLE fee_plans (
    id TEXT PRIMARY KEY NOT NULL,
    year_id TEXT NOT NULL,
    grade_id TEXT,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE fee_items (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    amount INTEGER NOT NULL,
    vat TEXT NOT NULL,
    instalments TEXT NOT NULL,
    position INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE fee_policies (
    id TEXT PRIMARY KEY NOT NULL,
    year_id TEXT NOT NULL,
    sibling_second_bp INTEGER NOT NULL,
    sibling_later_bp INTEGER NOT NULL,
    discount_cap_bp INTEGER NOT NULL,
    late_fee INTEGER NOT NULL,
    late_fee_grace_days INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE discounts (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL,
    year_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    percent_bp INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    applies_to TEXT,
    instalment INTEGER NOT NULL,
    reason TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_on TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE invoices ADD COLUMN plan_id TEXT;
ALTER TABLE invoices ADD COLUMN instalment INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN vat_amount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN voided_on TEXT;
ALTER TABLE invoices ADD COLUMN void_reason TEXT;
ALTER TABLE payments ADD COLUMN reference TEXT;
ALTER TABLE payments ADD COLUMN cheque_bank TEXT;
ALTER TABLE payments ADD COLUMN cheque_date TEXT;

CREATE TABLE credit_notes (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    reason TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE invoice_lines (
    id TEXT PRIMARY KEY NOT NULL,
    invoice_id TEXT NOT NULL,
    item_id TEXT,
    kind TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL,
    gross INTEGER NOT NULL,
    discount INTEGER NOT NULL,
    net INTEGER NOT NULL,
    vat TEXT NOT NULL,
    vat_bp INTEGER NOT NULL,
    vat_amount INTEGER NOT NULL,
    total INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX fee_items_by_plan ON fee_items (plan_id);
CREATE INDEX discounts_by_student ON discounts (student_id);
CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id);
CREATE INDEX credit_notes_by_invoice ON credit_notes (invoice_id);
