-- Disputes: a buyer who received the wrong or damaged goods says so; an administrator decides
-- (give the money back, which returns the order, or turn the dispute down). One open dispute per
-- order; while it is open the order does not complete by itself.

CREATE TABLE commerce_dispute (
    id          TEXT PRIMARY KEY,
    order_id    TEXT NOT NULL REFERENCES commerce_order (id),
    opened_by   TEXT NOT NULL REFERENCES person (id),
    reason      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('open', 'refunded', 'rejected')),
    note        TEXT,
    created_at  BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by TEXT REFERENCES person (id)
);
CREATE UNIQUE INDEX commerce_dispute_open ON commerce_dispute (order_id) WHERE state = 'open';
CREATE INDEX commerce_dispute_state ON commerce_dispute (state, created_at);
