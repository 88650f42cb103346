-- Shop payouts: once an order is completed (delivered, and its return window over), the shop's
-- share is paid out — to its mobile wallet through the provider, or listed for an administrator
-- to transfer to its bank account. One payout per order.

CREATE TABLE commerce_payout (
    id           TEXT PRIMARY KEY,
    order_id     TEXT NOT NULL UNIQUE REFERENCES commerce_order (id),
    shop_id      TEXT NOT NULL REFERENCES commerce_shop (id),
    amount_minor BIGINT NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('wallet', 'bank')),
    account      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('sent', 'to_transfer', 'refused')),
    provider_ref TEXT,
    detail       TEXT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX commerce_payout_shop ON commerce_payout (shop_id, created_at);
CREATE INDEX commerce_payout_state ON commerce_payout (state, created_at);
