-- Cash-on-delivery remittances: a courier's file of the cash it collected and paid over, each
-- line matched to an order (once) or kept as a mismatch for an administrator.

CREATE TABLE commerce_remittance (
    id          TEXT PRIMARY KEY,
    courier     TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    body        TEXT NOT NULL,
    total_lines BIGINT NOT NULL,
    done_lines  BIGINT NOT NULL DEFAULT 0,
    matched     BIGINT NOT NULL DEFAULT 0,
    mismatched  BIGINT NOT NULL DEFAULT 0,
    amount_minor BIGINT NOT NULL DEFAULT 0,
    state       TEXT NOT NULL CHECK (state IN ('queued', 'done')),
    uploaded_by TEXT NOT NULL REFERENCES person (id),
    created_at  BIGINT NOT NULL,
    finished_at BIGINT
);

CREATE TABLE commerce_remittance_line (
    remittance_id TEXT NOT NULL REFERENCES commerce_remittance (id),
    line_no       BIGINT NOT NULL,
    order_number  TEXT NOT NULL,
    order_id      TEXT REFERENCES commerce_order (id),
    amount_minor  BIGINT,
    outcome       TEXT NOT NULL,
    PRIMARY KEY (remittance_id, line_no)
);
CREATE UNIQUE INDEX commerce_remittance_once ON commerce_remittance_line (order_id) WHERE outcome = 'matched';
CREATE INDEX commerce_remittance_outcome ON commerce_remittance_line (remittance_id, outcome);
