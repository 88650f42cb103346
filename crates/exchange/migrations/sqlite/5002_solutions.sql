-- Solutions: every submission or revision is a version; the secretariat reviews the latest;
-- readers see the published one and the history of published versions.
CREATE TABLE exchange_solution (
    id TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES exchange_member (id),
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    published_version BIGINT,
    title TEXT NOT NULL,
    maturity TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX exchange_solution_status_idx ON exchange_solution (status, updated_at);
CREATE INDEX exchange_solution_member_idx ON exchange_solution (member_id);

CREATE TABLE exchange_solution_version (
    solution_id TEXT NOT NULL REFERENCES exchange_solution (id),
    version BIGINT NOT NULL,
    content TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    published_at BIGINT,
    PRIMARY KEY (solution_id, version)
);

CREATE TABLE exchange_review (
    id TEXT PRIMARY KEY,
    solution_id TEXT NOT NULL REFERENCES exchange_solution (id),
    version BIGINT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    actor_id TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX exchange_review_solution_idx ON exchange_review (solution_id, at);
