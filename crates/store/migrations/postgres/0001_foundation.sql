-- Foundation: instance settings, regions from the country pack, the job queue and the outbox.
-- Times are UTC milliseconds since the Unix epoch; ids are uuid v7 text (same shape as SQLite).

CREATE TABLE instance_setting (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE region (
    id        TEXT PRIMARY KEY,
    pack      TEXT NOT NULL,
    parent_id TEXT REFERENCES region (id),
    level     TEXT NOT NULL,
    depth     BIGINT NOT NULL,
    iso_code  TEXT,
    names     TEXT NOT NULL,
    position  BIGINT NOT NULL
);
CREATE INDEX region_by_parent ON region (parent_id, position);
CREATE INDEX region_by_depth ON region (pack, depth, position);

CREATE TABLE job (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at       BIGINT NOT NULL,
    lease        TEXT,
    locked_until BIGINT,
    last_error   TEXT,
    dedupe_key   TEXT UNIQUE,
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT
);
CREATE INDEX job_due ON job (state, run_at);

-- txid is the writing transaction's id: readers only take events of transactions older than
-- every transaction still running, so an event that commits late is never skipped.
CREATE TABLE outbox_event (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid         BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    topic        TEXT NOT NULL,
    aggregate_id TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
CREATE INDEX outbox_event_order ON outbox_event (txid, seq);

CREATE TABLE outbox_cursor (
    consumer   TEXT PRIMARY KEY,
    last_txid  BIGINT NOT NULL,
    last_seq   BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
