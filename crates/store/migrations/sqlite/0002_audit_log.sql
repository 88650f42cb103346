-- The audit log: events written in each use case's transaction (no global lock), later appended
-- in commit order to a Merkle tree (RFC 9162 style) whose signed tree heads are published.
-- `detail` holds personal data only as ciphertext under the key of the person it concerns
-- (`person_key`); erasing a person destroys their key and leaves every hash intact.

CREATE TABLE audit_event (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    txid       INTEGER NOT NULL DEFAULT 0,
    id         TEXT NOT NULL UNIQUE,
    at         INTEGER NOT NULL,
    actor_id   TEXT,
    subject_id TEXT,
    action     TEXT NOT NULL,
    object     TEXT NOT NULL,
    request_id TEXT,
    detail     TEXT NOT NULL,
    leaf_index INTEGER UNIQUE
);
CREATE INDEX audit_event_pending ON audit_event (txid, seq) WHERE leaf_index IS NULL;
CREATE INDEX audit_event_by_subject ON audit_event (subject_id, seq);
CREATE INDEX audit_event_by_actor ON audit_event (actor_id, seq);

-- Hashes of complete subtrees: level 0 holds the leaves, level l node i covers leaves
-- [i * 2^l, (i + 1) * 2^l).
CREATE TABLE audit_node (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE audit_head (
    tree_size INTEGER PRIMARY KEY,
    root_hash TEXT NOT NULL,
    signed_at INTEGER NOT NULL,
    key_id    TEXT NOT NULL,
    signature TEXT NOT NULL
);

CREATE TABLE person_key (
    person_id  TEXT PRIMARY KEY,
    secret     TEXT,
    created_at INTEGER NOT NULL,
    erased_at  INTEGER
);
