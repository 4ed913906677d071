-- Daftar server schema, version 11: the language a guardian's messages are written in
-- (none: the school's own). Append-only: never edit once released.

ALTER TABLE guardians
    ADD COLUMN preferred_language text CHECK (preferred_language IN ('ar', 'en'));
