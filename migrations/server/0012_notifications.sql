-- Daftar server schema, version 12: what a school tells its guardians. A school's
-- notification settings (off until it turns them on; the grace period before an absence
-- alert goes, so a teacher's correction reaches no parent), and the queue of messages, one
-- per thing told and channel, each with its priority, not-before time, attempts, state and
-- the provider's id. Append-only: never edit once released.

CREATE TABLE notification_settings (
    tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
    enabled boolean NOT NULL DEFAULT false,
    grace_minutes integer NOT NULL DEFAULT 15 CHECK (grace_minutes BETWEEN 0 AND 240),
    max_sms_segments integer NOT NULL DEFAULT 3 CHECK (max_sms_segments BETWEEN 1 AND 10),
    max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 20),
    -- The school's SMS gateway: where messages are posted, and the key that signs them and
    -- its delivery receipts.
    sms_url text,
    sms_key text
);
ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_settings USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON notification_settings TO daftar_app;

CREATE TABLE notifications (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    -- What raised it (`attendance:<row id>`): one message per thing told and channel.
    source text NOT NULL,
    kind text NOT NULL,
    priority smallint NOT NULL,
    guardian_id uuid NOT NULL,
    student_id uuid,
    channel text NOT NULL CHECK (channel IN ('sms', 'email')),
    address text NOT NULL,
    language text NOT NULL CHECK (language IN ('ar', 'en')),
    subject text NOT NULL,
    body text NOT NULL,
    html text NOT NULL,
    not_before timestamptz NOT NULL,
    next_try timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    state text NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'dead', 'cancelled')),
    provider_id text,
    reason text,
    -- While `sending`: when the process that claimed it is taken for gone.
    lease_until timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source, channel)
);
CREATE INDEX notifications_due ON notifications (tenant_id, priority, next_try) WHERE state IN ('queued', 'sending');
CREATE INDEX notifications_by_provider ON notifications (tenant_id, provider_id) WHERE provider_id IS NOT NULL;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT, UPDATE ON notifications TO daftar_app;
