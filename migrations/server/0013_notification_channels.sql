-- Daftar server schema, version 13: how a school's messages go and when they may. The SMTP
-- relay its email leaves through; quiet hours in the school's own time; limits per guardian
-- and channel a day and per school a minute; a daily digest instead of one message per
-- event; fee reminders' timing. Guardians' opt-outs per channel, which every trigger and
-- the worker respect. A digested message is one gathered into its guardian's digest.
-- Append-only: never edit once released.

ALTER TABLE notification_settings
    ADD COLUMN smtp_host text,
    ADD COLUMN smtp_port integer CHECK (smtp_port BETWEEN 1 AND 65535),
    -- `starttls` (submission, upgraded), `tls` (implicit, port 465) or `none` (loopback only).
    ADD COLUMN smtp_tls text NOT NULL DEFAULT 'starttls' CHECK (smtp_tls IN ('starttls', 'tls', 'none')),
    ADD COLUMN smtp_username text,
    ADD COLUMN smtp_password text,
    ADD COLUMN smtp_from text,
    ADD COLUMN quiet_start time,
    ADD COLUMN quiet_end time,
    -- The school's clock against UTC, for quiet hours, digests and "today".
    ADD COLUMN utc_offset_minutes integer NOT NULL DEFAULT 0 CHECK (utc_offset_minutes BETWEEN -720 AND 840),
    ADD COLUMN per_guardian_daily integer NOT NULL DEFAULT 10 CHECK (per_guardian_daily BETWEEN 1 AND 100),
    ADD COLUMN per_minute integer NOT NULL DEFAULT 600 CHECK (per_minute BETWEEN 1 AND 100000),
    ADD COLUMN digest boolean NOT NULL DEFAULT false,
    ADD COLUMN digest_at time NOT NULL DEFAULT '16:00',
    -- Days before a due date that a reminder goes; overdue reminders go 1, 7 and 30 days after.
    ADD COLUMN fee_reminder_days integer NOT NULL DEFAULT 3 CHECK (fee_reminder_days BETWEEN 0 AND 30);

ALTER TABLE notifications
    -- Gathered into the guardian's daily digest rather than sent alone.
    ADD COLUMN digest boolean NOT NULL DEFAULT false,
    DROP CONSTRAINT notifications_state_check,
    ADD CONSTRAINT notifications_state_check
        CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'cancelled', 'digested'));
CREATE INDEX notifications_recent ON notifications (tenant_id, guardian_id, channel, updated_at) WHERE state IN ('sent', 'delivered');
-- Fee reminders look for the invoices due on a given day.
CREATE INDEX invoices_by_due ON invoices (tenant_id, due_on) WHERE NOT deleted;
CREATE INDEX notifications_by_state ON notifications (tenant_id, state, updated_at);

CREATE TABLE notification_opt_outs (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    guardian_id uuid NOT NULL,
    channel text NOT NULL CHECK (channel IN ('sms', 'email')),
    -- `link` (the guardian's unsubscribe link) or `office` (set from a desktop).
    source text NOT NULL CHECK (source IN ('link', 'office')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, guardian_id, channel)
);
ALTER TABLE notification_opt_outs ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_opt_outs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_opt_outs USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_opt_outs TO daftar_app;
