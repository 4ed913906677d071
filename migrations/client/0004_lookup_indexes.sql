-- Invoices are looked up by number and payments by receipt number (the fees screen, the
-- CLI, printing a receipt, a device's next receipt in its own series): indexes, not scans.
CREATE INDEX invoices_by_number ON invoices (number);
CREATE INDEX payments_by_receipt_number ON payments (receipt_number);
