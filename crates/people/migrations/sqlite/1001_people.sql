-- People, organisations and assisted service: accounts, roles, digital centres, sessions, API
-- tokens, one-time codes and mandates.

CREATE TABLE person (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    phone          TEXT NOT NULL UNIQUE,
    email          TEXT,
    password_hash  TEXT,
    language       TEXT NOT NULL,
    home_region_id TEXT REFERENCES region (id),
    created_at     INTEGER NOT NULL,
    created_by     TEXT
);

CREATE TABLE person_role (
    person_id  TEXT NOT NULL REFERENCES person (id),
    role       TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'agent', 'analyst')),
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE organization (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    region_id  TEXT REFERENCES region (id),
    created_at INTEGER NOT NULL
);

CREATE TABLE membership (
    person_id       TEXT NOT NULL REFERENCES person (id),
    organization_id TEXT NOT NULL REFERENCES organization (id),
    role            TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (person_id, organization_id)
);

CREATE TABLE service_point (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    region_id  TEXT NOT NULL REFERENCES region (id),
    created_at INTEGER NOT NULL
);

CREATE TABLE service_point_agent (
    service_point_id TEXT NOT NULL REFERENCES service_point (id),
    person_id        TEXT NOT NULL REFERENCES person (id),
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (service_point_id, person_id)
);

CREATE TABLE session (
    token_hash   TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES person (id),
    csrf         TEXT NOT NULL,
    acting_for   TEXT REFERENCES person (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX session_by_person ON session (person_id);

CREATE TABLE api_token (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES person (id),
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);
CREATE INDEX api_token_by_person ON api_token (person_id);

CREATE TABLE login_failure (
    key TEXT NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failure_by_key ON login_failure (key, at);

CREATE TABLE one_time_code (
    id         TEXT PRIMARY KEY,
    phone      TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX one_time_code_by_phone ON one_time_code (phone, created_at);

-- What the sandbox SMS gateway "sent" (demo and tests; a real gateway sends instead).
CREATE TABLE sandbox_sms (
    id         TEXT PRIMARY KEY,
    to_phone   TEXT NOT NULL,
    body       TEXT NOT NULL,
    job_id     TEXT UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE mandate (
    id               TEXT PRIMARY KEY,
    subject_id       TEXT NOT NULL REFERENCES person (id),
    agent_id         TEXT NOT NULL REFERENCES person (id),
    service_point_id TEXT REFERENCES service_point (id),
    scopes           TEXT NOT NULL,
    valid_until      INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
    confirmed_via    TEXT,
    witness_name     TEXT,
    paper_photo      BLOB,
    paper_photo_type TEXT,
    code_id          TEXT REFERENCES one_time_code (id),
    created_at       INTEGER NOT NULL,
    confirmed_at     INTEGER,
    revoked_at       INTEGER,
    revoked_by       TEXT
);
CREATE INDEX mandate_by_agent ON mandate (agent_id, subject_id);
CREATE INDEX mandate_by_subject ON mandate (subject_id);
