-- Daftar client schema, version 8: refunds, a payment's surplus kept as the family's
-- credit, that credit moved between the family's invoices, and the one ledger view every
-- balance is read from. Append-only.

CREATE TABLE refunds (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL,
    invoice_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    method TEXT NOT NULL,
    reference TEXT,
    reason TEXT NOT NULL,
    refunded_on TEXT NOT NULL,
    refunded_by TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE credit_transfers (
    id TEXT PRIMARY KEY NOT NULL,
    from_invoice_id TEXT NOT NULL,
    to_invoice_id TEXT NOT NULL,
    amount INTEGER NOT NULL,
    applied_on TEXT NOT NULL,
    applied_by TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    col_versions TEXT NOT NULL DEFAULT '{}',
    hlc TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);

-- What a payment knowingly took beyond the balance, as the family's credit.
ALTER TABLE payments ADD COLUMN surplus INTEGER NOT NULL DEFAULT 0;

CREATE INDEX refunds_by_invoice ON refunds (invoice_id);
CREATE INDEX credit_transfers_from ON credit_transfers (from_invoice_id);
CREATE INDEX credit_transfers_to ON credit_transfers (to_invoice_id);
CREATE INDEX payments_by_day ON payments (paid_on);
-- What each invoice's sums read, from the index alone.
CREATE INDEX payments_money ON payments (invoice_id, deleted, amount);
CREATE INDEX credit_notes_money ON credit_notes (invoice_id, deleted, amount);
CREATE INDEX invoices_by_year ON invoices (year_id, due_on);
CREATE INDEX refunds_by_day ON refunds (refunded_on);

-- What moved on each invoice (daftar_domain::InvoiceMoney): paid = payments + credit moved
-- in - refunds - credit moved out; balance = amount - credited - paid, or -paid once voided
-- (below zero: the family's credit on it).
CREATE VIEW invoice_money AS
SELECT m.*,
       CASE WHEN m.voided THEN -m.paid ELSE m.amount - m.credited - m.paid END AS balance
FROM (SELECT i.id AS invoice_id, i.amount, i.voided_on IS NOT NULL AS voided,
             COALESCE((SELECT SUM(c.amount) FROM credit_notes c
                        WHERE c.invoice_id = i.id AND c.deleted = 0), 0) AS credited,
             COALESCE((SELECT SUM(p.amount) FROM payments p
                        WHERE p.invoice_id = i.id AND p.deleted = 0), 0)
           - COALESCE((SELECT SUM(r.amount) FROM refunds r
                        WHERE r.invoice_id = i.id AND r.deleted = 0), 0)
           + COALESCE((SELECT SUM(t.amount) FROM credit_transfers t
                        WHERE t.to_invoice_id = i.id AND t.deleted = 0), 0)
           - COALESCE((SELECT SUM(t.amount) FROM credit_transfers t
                        WHERE t.from_invoice_id = i.id AND t.deleted = 0), 0) AS paid
      FROM invoices i WHERE i.deleted = 0) m;
