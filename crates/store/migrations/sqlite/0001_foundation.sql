-- Foundation: instance settings, regions from the country pack, the job queue and the outbox.
-- Times are UTC milliseconds since the Unix epoch; ids are uuid v7 text.

CREATE TABLE instance_setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE region (
    id        TEXT PRIMARY KEY,
    pack      TEXT NOT NULL,
    parent_id TEXT REFERENCES region (id),
    level     TEXT NOT NULL,
    depth     INTEGER NOT NULL,
    iso_code  TEXT,
    names     TEXT NOT NULL,
    position  INTEGER NOT NULL
);
CREATE INDEX region_by_parent ON region (parent_id, position);
CREATE INDEX region_by_depth ON region (pack, depth, position);

CREATE TABLE job (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_at       INTEGER NOT NULL,
    lease        TEXT,
    locked_until INTEGER,
    last_error   TEXT,
    dedupe_key   TEXT UNIQUE,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
);
CREATE INDEX job_due ON job (state, run_at);

CREATE TABLE outbox_event (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    txid         INTEGER NOT NULL DEFAULT 0,
    topic        TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX outbox_event_order ON outbox_event (txid, seq);

CREATE TABLE outbox_cursor (
    consumer   TEXT PRIMARY KEY,
    last_txid  INTEGER NOT NULL,
    last_seq   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
