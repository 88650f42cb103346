-- Discussion and moderation: comments on solutions and needs, flags on content or people,
-- moderators' sanctions. A solution, need or comment over the flag threshold is hidden until a
-- moderator reviews it; `hidden` on the content row is what readers are filtered by.
ALTER TABLE exchange_solution ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;
ALTER TABLE exchange_need ADD COLUMN hidden BIGINT NOT NULL DEFAULT 0;

CREATE TABLE exchange_comment (
    id TEXT PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    author_id TEXT NOT NULL REFERENCES person (id),
    body TEXT NOT NULL,
    hidden BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX exchange_comment_target_idx ON exchange_comment (target_kind, target_id, created_at);
CREATE INDEX exchange_comment_author_idx ON exchange_comment (author_id);

-- One open flag per person and target; a moderator's decision resolves every open flag of it.
CREATE TABLE exchange_flag (
    id TEXT PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    flagged_by TEXT NOT NULL REFERENCES person (id),
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolution TEXT
);
CREATE UNIQUE INDEX exchange_flag_open_idx ON exchange_flag (target_kind, target_id, flagged_by)
    WHERE resolved_at IS NULL;
CREATE INDEX exchange_flag_queue_idx ON exchange_flag (resolved_at, target_kind, target_id);

-- Warnings and suspensions (until a time) from moderators, with the reason the person was told.
CREATE TABLE exchange_sanction (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person (id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    until_at BIGINT,
    target_kind TEXT,
    target_id TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX exchange_sanction_person_idx ON exchange_sanction (person_id, created_at);
