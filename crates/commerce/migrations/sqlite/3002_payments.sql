-- Online payments through a provider: one payment per attempt to pay a checkout, every callback
-- the provider sent (by its event id, so each applies once), and refunds given back through the
-- provider.

CREATE TABLE commerce_payment (
    id           TEXT PRIMARY KEY,
    checkout_id  TEXT NOT NULL REFERENCES commerce_checkout (id),
    provider     TEXT NOT NULL,
    provider_ref TEXT,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency     TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('initiated', 'succeeded', 'failed')),
    confirm_url  TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX commerce_payment_checkout ON commerce_payment (checkout_id, created_at);
CREATE UNIQUE INDEX commerce_payment_ref ON commerce_payment (provider, provider_ref);

CREATE TABLE commerce_payment_event (
    provider    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    payment_id  TEXT,
    kind        TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (provider, event_id)
);

CREATE TABLE commerce_refund (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL REFERENCES commerce_order (id),
    payment_id   TEXT NOT NULL REFERENCES commerce_payment (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    state        TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    provider_ref TEXT,
    last_error   TEXT,
    created_at   BIGINT NOT NULL,
    done_at      BIGINT
);
CREATE UNIQUE INDEX commerce_refund_order ON commerce_refund (order_id);
