-- The skills taxonomy (Tabiya/ESCO): ISCO-08 occupation groups, occupations, skill groups,
-- skills and which skills an occupation needs. Rows are keyed by the taxonomy's own stable codes
-- and uris; the integer ids are ours and never change once given (matching uses them).
CREATE TABLE skills_occupation_group (
    code TEXT PRIMARY KEY,
    parent_code TEXT,
    local INTEGER NOT NULL DEFAULT 0,
    label_en TEXT NOT NULL,
    label_bn TEXT
);

CREATE TABLE skills_occupation (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    uri TEXT NOT NULL,
    group_code TEXT NOT NULL REFERENCES skills_occupation_group (code),
    local INTEGER NOT NULL DEFAULT 0,
    label_en TEXT NOT NULL,
    alt_en TEXT NOT NULL DEFAULT '',
    label_bn TEXT,
    alt_bn TEXT NOT NULL DEFAULT ''
);
CREATE INDEX skills_occupation_group_idx ON skills_occupation (group_code);

CREATE TABLE skills_skill_group (
    id INTEGER PRIMARY KEY,
    uri TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL DEFAULT '',
    label_en TEXT NOT NULL
);

CREATE TABLE skills_skill (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    skill_type TEXT NOT NULL,
    reuse TEXT NOT NULL,
    group_id INTEGER REFERENCES skills_skill_group (id),
    label_en TEXT NOT NULL,
    alt_en TEXT NOT NULL DEFAULT '',
    label_bn TEXT,
    alt_bn TEXT NOT NULL DEFAULT ''
);

CREATE TABLE skills_occupation_skill (
    occupation_id INTEGER NOT NULL REFERENCES skills_occupation (id),
    skill_id INTEGER NOT NULL REFERENCES skills_skill (id),
    essential INTEGER NOT NULL,
    PRIMARY KEY (occupation_id, skill_id)
);
CREATE INDEX skills_occupation_skill_skill_idx ON skills_occupation_skill (skill_id);

-- What was imported last, so importing the same files again changes nothing.
CREATE TABLE skills_taxonomy_import (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    summary TEXT NOT NULL,
    imported_at BIGINT NOT NULL
);
