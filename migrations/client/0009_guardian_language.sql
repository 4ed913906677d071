-- Daftar client schema, version 9: the language a guardian's messages are written in
-- (none: the school's own). Append-only.

ALTER TABLE guardians ADD COLUMN preferred_language TEXT;
