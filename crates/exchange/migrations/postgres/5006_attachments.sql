-- Attachments of solutions, kept in the database (at most 8 of 5 MB a solution): every node
-- serves them without shared storage, and backups hold them with the rest.
CREATE TABLE exchange_attachment (
    id TEXT PRIMARY KEY,
    solution_id TEXT NOT NULL REFERENCES exchange_solution (id),
    version BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX exchange_attachment_solution_idx ON exchange_attachment (solution_id, version);
