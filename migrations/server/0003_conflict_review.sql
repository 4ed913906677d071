-- Daftar server schema, version 3: conflicts reach every device that may see their row,
-- and a person's resolution of one reaches the others. Append-only: never edit once released.

-- A conflict takes a value of the tenant's change sequence when it is recorded and again
-- when it is resolved, so devices pull it by cursor like a row.
ALTER TABLE conflicts
    ADD COLUMN version bigint NOT NULL DEFAULT 0,
    ADD COLUMN resolution text CHECK (resolution IN ('mine', 'theirs', 'value')),
    ADD COLUMN resolved_by text,
    ADD COLUMN resolved_at timestamptz;
CREATE INDEX conflicts_by_version ON conflicts (tenant_id, version);
