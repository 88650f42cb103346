-- Needs posted by members, and matches of a need with a solution followed to replication.
CREATE TABLE exchange_need (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES exchange_member (id),
    title TEXT NOT NULL,
    problem TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    constraints TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX exchange_need_status_idx ON exchange_need (status, created_at);

CREATE TABLE exchange_match (
    id TEXT PRIMARY KEY,
    need_id TEXT NOT NULL REFERENCES exchange_need (id),
    solution_id TEXT NOT NULL REFERENCES exchange_solution (id),
    state TEXT NOT NULL,
    origin TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (need_id, solution_id)
);
CREATE INDEX exchange_match_state_idx ON exchange_match (state);

CREATE TABLE exchange_match_log (
    id TEXT PRIMARY KEY,
    match_id TEXT NOT NULL REFERENCES exchange_match (id),
    at BIGINT NOT NULL,
    actor_id TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    note TEXT NOT NULL DEFAULT '',
    happened_on TEXT
);
CREATE INDEX exchange_match_log_idx ON exchange_match_log (match_id, at);
