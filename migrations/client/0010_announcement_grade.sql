-- Daftar client schema, version 10: an announcement for one grade's families (audience
-- `grade`). Append-only.

ALTER TABLE announcements ADD COLUMN grade_id TEXT;
