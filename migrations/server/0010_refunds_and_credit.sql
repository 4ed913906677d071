-- Daftar server schema, version 10: refunds; a payment's surplus kept knowingly as the
-- family's credit, and that credit moved between its invoices; what was paid and credited
-- on an invoice found by index, for the balance check of every payment a desktop pushes.
-- Append-only: never edit once released.

CREATE TABLE refunds (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    number text NOT NULL,
    invoice_id uuid NOT NULL,
    amount bigint NOT NULL,
    method text NOT NULL,
    reference text,
    reason text NOT NULL,
    refunded_on date NOT NULL,
    refunded_by uuid NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX refunds_by_version ON refunds (tenant_id, version);
CREATE INDEX refunds_by_invoice ON refunds (tenant_id, invoice_id);
ALTER TABLE refunds ENABLE ROW LEVEL SECURITY;
ALTER TABLE refunds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON refunds USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON refunds TO daftar_app;

CREATE TABLE credit_transfers (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    from_invoice_id uuid NOT NULL,
    to_invoice_id uuid NOT NULL,
    amount bigint NOT NULL,
    applied_on date NOT NULL,
    applied_by uuid NOT NULL,
    version bigint NOT NULL,
    col_versions jsonb NOT NULL DEFAULT '{}',
    col_hlc jsonb NOT NULL DEFAULT '{}',
    hlc text NOT NULL,
    updated_by text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, from_invoice_id) REFERENCES invoices (tenant_id, id),
    FOREIGN KEY (tenant_id, to_invoice_id) REFERENCES invoices (tenant_id, id)
);
CREATE INDEX credit_transfers_by_version ON credit_transfers (tenant_id, version);
CREATE INDEX credit_transfers_from ON credit_transfers (tenant_id, from_invoice_id);
CREATE INDEX credit_transfers_to ON credit_transfers (tenant_id, to_invoice_id);
ALTER TABLE credit_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON credit_transfers USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON credit_transfers TO daftar_app;

ALTER TABLE payments ADD COLUMN surplus bigint NOT NULL DEFAULT 0;
CREATE INDEX payments_by_invoice ON payments (tenant_id, invoice_id);
CREATE INDEX credit_notes_by_invoice ON credit_notes (tenant_id, invoice_id);
