-- Daftar client schema, version 3: what the sync engine keeps beside the school's rows.
-- Append-only: never edit once released.

-- Every conflict this device learned of (from its own push or from a pull): both values,
-- who and when, the winner, and whether a person has settled it. `state` is open,
-- settling (settled here, not yet told to the cloud) or settled.
CREATE TABLE conflicts (
    id          TEXT PRIMARY KEY NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    column_name TEXT NOT NULL,
    mine        TEXT NOT NULL, -- JSON value of the change that met the conflict
    mine_by     TEXT NOT NULL,
    mine_hlc    TEXT NOT NULL,
    theirs      TEXT NOT NULL, -- JSON value it met
    theirs_by   TEXT NOT NULL,
    theirs_hlc  TEXT NOT NULL,
    winner      TEXT NOT NULL,
    at          TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'open',
    resolution  TEXT,
    resolved_by TEXT
);
CREATE INDEX conflicts_by_state ON conflicts (state, at);
CREATE INDEX conflicts_by_row ON conflicts (table_name, row_id);

-- A change the cloud refused stays in the outbox with its reason until a person retries or
-- discards it; pending changes are found without walking past them.
CREATE INDEX outbox_by_state ON outbox (state, seq);
