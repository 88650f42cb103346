-- Documents in a match's follow-up log (agreements, minutes, reports), for its two sides and
-- the secretariat.
CREATE TABLE exchange_match_document (
    id TEXT PRIMARY KEY,
    match_id TEXT NOT NULL REFERENCES exchange_match (id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX exchange_match_document_idx ON exchange_match_document (match_id);
ALTER TABLE exchange_match_log ADD COLUMN document_id TEXT;
