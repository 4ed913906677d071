-- Daftar server schema, version 7: a school's administrators manage their colleagues'
-- accounts (an account made or reset by an administrator must choose its own password at
-- its first sign-in), each change kept in the school's account history. Append-only:
-- never edit once released.

ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

CREATE TABLE account_events (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    id         uuid NOT NULL,
    at         timestamptz NOT NULL,
    by_user    uuid NOT NULL,
    user_id    uuid NOT NULL,
    action     text NOT NULL CHECK (length(action) BETWEEN 1 AND 40),
    detail     text NOT NULL DEFAULT '' CHECK (length(detail) <= 400),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX account_events_by_time ON account_events (tenant_id, at DESC);

ALTER TABLE account_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON account_events USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
GRANT SELECT, INSERT ON account_events TO daftar_app;
