-- Daftar server schema, version 14: an announcement for one grade's families (audience
-- `grade`). Append-only: never edit once released.

ALTER TABLE announcements
    ADD COLUMN grade_id uuid,
    ADD FOREIGN KEY (tenant_id, grade_id) REFERENCES grade_levels (tenant_id, id);
