-- Daftar server schema, version 4: ready images of each school for new desktops.
-- Append-only: never edit once released.

-- A school's whole-school rows as a desktop database file (in the desktop schema named by
-- `schema_version`), cut at change `cursor` and stored zstd-compressed in chunks, so that a
-- new desktop copies one file rather than writing every row itself. An image is a cache:
-- rebuilt from the rows when they have changed enough, the older one then deleted. That is
-- why the serving role may delete from these two tables and from no other.
CREATE TABLE school_images (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    id             uuid NOT NULL,
    schema_version integer NOT NULL CHECK (schema_version > 0),
    cursor         bigint NOT NULL CHECK (cursor >= 0),
    rows           bigint NOT NULL CHECK (rows >= 0),
    size           bigint NOT NULL CHECK (size >= 0),
    compressed     bigint NOT NULL CHECK (compressed >= 0),
    built_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX school_images_latest ON school_images (tenant_id, schema_version, cursor DESC);

CREATE TABLE school_image_chunks (
    tenant_id uuid NOT NULL,
    image_id  uuid NOT NULL,
    seq       integer NOT NULL CHECK (seq >= 0),
    bytes     bytea NOT NULL,
    PRIMARY KEY (tenant_id, image_id, seq),
    -- Checked at commit: the chunks go in as they are compressed, the image row last.
    FOREIGN KEY (tenant_id, image_id) REFERENCES school_images (tenant_id, id)
        DEFERRABLE INITIALLY DEFERRED
);

ALTER TABLE school_images ENABLE ROW LEVEL SECURITY;
ALTER TABLE school_images FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON school_images USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());
ALTER TABLE school_image_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE school_image_chunks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON school_image_chunks USING (tenant_id = daftar_tenant()) WITH CHECK (tenant_id = daftar_tenant());

GRANT SELECT, INSERT, DELETE ON school_images, school_image_chunks TO daftar_app;
