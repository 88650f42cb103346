-- Commerce: shops, products with variants and wholesale tiers, carts, checkouts and orders,
-- idempotency records, and the double-entry ledger. Money is in minor units of the pack's
-- currency (BIGINT), never floating point. Flags are 0/1.

CREATE TABLE commerce_shop (
    id             TEXT PRIMARY KEY,
    owner_id       TEXT NOT NULL REFERENCES person (id),
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('shop', 'farmer', 'wholesaler')),
    district_id    TEXT NOT NULL REFERENCES region (id),
    women_led      BIGINT NOT NULL DEFAULT 0 CHECK (women_led IN (0, 1)),
    dbid           TEXT,
    trade_licence  TEXT,
    payout_kind    TEXT NOT NULL CHECK (payout_kind IN ('wallet', 'bank')),
    payout_account TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('pending', 'verified')),
    verified_at    BIGINT,
    verified_by    TEXT,
    created_at     BIGINT NOT NULL,
    created_by     TEXT NOT NULL
);
CREATE INDEX commerce_shop_owner ON commerce_shop (owner_id);

CREATE TABLE commerce_product (
    id             TEXT PRIMARY KEY,
    shop_id        TEXT NOT NULL REFERENCES commerce_shop (id),
    category       TEXT NOT NULL,
    unit           TEXT NOT NULL,
    title_bn       TEXT NOT NULL,
    title_en       TEXT NOT NULL,
    description_bn TEXT NOT NULL,
    description_en TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('active', 'hidden')),
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX commerce_product_shop ON commerce_product (shop_id);
CREATE INDEX commerce_product_updated ON commerce_product (updated_at, id);

CREATE TABLE commerce_variant (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL REFERENCES commerce_product (id),
    shop_id     TEXT NOT NULL REFERENCES commerce_shop (id),
    sku         TEXT NOT NULL,
    label       TEXT NOT NULL,
    price_minor BIGINT NOT NULL CHECK (price_minor > 0),
    stock       BIGINT NOT NULL CHECK (stock >= 0),
    position    BIGINT NOT NULL,
    UNIQUE (shop_id, sku)
);
CREATE INDEX commerce_variant_product ON commerce_variant (product_id);

CREATE TABLE commerce_tier (
    variant_id       TEXT NOT NULL REFERENCES commerce_variant (id),
    min_quantity     BIGINT NOT NULL CHECK (min_quantity > 1),
    unit_price_minor BIGINT NOT NULL CHECK (unit_price_minor > 0),
    PRIMARY KEY (variant_id, min_quantity)
);

CREATE TABLE commerce_cart_item (
    person_id  TEXT NOT NULL REFERENCES person (id),
    variant_id TEXT NOT NULL REFERENCES commerce_variant (id),
    quantity   BIGINT NOT NULL CHECK (quantity > 0),
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (person_id, variant_id)
);

CREATE TABLE commerce_checkout (
    id          TEXT PRIMARY KEY,
    buyer_id    TEXT NOT NULL REFERENCES person (id),
    placed_by   TEXT NOT NULL REFERENCES person (id),
    payment     TEXT NOT NULL CHECK (payment IN ('cod', 'mobile_money')),
    total_minor BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- A request that creates something, remembered by who sent it and the key they chose: a replay
-- returns the first answer; the same key with another body is refused.
CREATE TABLE commerce_idempotency (
    actor_id     TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       BIGINT NOT NULL,
    response     TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (actor_id, key)
);

CREATE TABLE commerce_order (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    checkout_id      TEXT NOT NULL REFERENCES commerce_checkout (id),
    shop_id          TEXT NOT NULL REFERENCES commerce_shop (id),
    buyer_id         TEXT NOT NULL REFERENCES person (id),
    agent_id         TEXT REFERENCES person (id),
    state            TEXT NOT NULL CHECK (state IN ('placed', 'confirmed', 'packed', 'shipped', 'delivered', 'completed', 'cancelled', 'returned')),
    payment          TEXT NOT NULL CHECK (payment IN ('cod', 'mobile_money')),
    paid             BIGINT NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
    subtotal_minor   BIGINT NOT NULL,
    fee_minor        BIGINT NOT NULL,
    commission_minor BIGINT NOT NULL,
    total_minor      BIGINT NOT NULL,
    reserved_until   BIGINT,
    delivery_note    TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    delivered_at     BIGINT
);
CREATE INDEX commerce_order_buyer ON commerce_order (buyer_id, created_at);
CREATE INDEX commerce_order_shop ON commerce_order (shop_id, created_at);
CREATE INDEX commerce_order_agent ON commerce_order (agent_id, created_at);
CREATE INDEX commerce_order_reserved ON commerce_order (state, reserved_until);

CREATE TABLE commerce_order_line (
    order_id         TEXT NOT NULL REFERENCES commerce_order (id),
    variant_id       TEXT NOT NULL REFERENCES commerce_variant (id),
    product_id       TEXT NOT NULL REFERENCES commerce_product (id),
    title            TEXT NOT NULL,
    quantity         BIGINT NOT NULL CHECK (quantity > 0),
    unit_price_minor BIGINT NOT NULL,
    line_minor       BIGINT NOT NULL,
    PRIMARY KEY (order_id, variant_id)
);

CREATE TABLE commerce_order_event (
    order_id   TEXT NOT NULL REFERENCES commerce_order (id),
    at         BIGINT NOT NULL,
    from_state TEXT,
    to_state   TEXT NOT NULL,
    actor_id   TEXT
);
CREATE INDEX commerce_order_event_order ON commerce_order_event (order_id, at);

-- Double-entry ledger: every transaction's entries sum to zero (debits positive, credits
-- negative); balances are sums of entries, never stored.
CREATE TABLE ledger_txn (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    order_id   TEXT REFERENCES commerce_order (id),
    created_at BIGINT NOT NULL
);
CREATE TABLE ledger_entry (
    txn_id       TEXT NOT NULL REFERENCES ledger_txn (id),
    account      TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    PRIMARY KEY (txn_id, account)
);
CREATE INDEX ledger_entry_account ON ledger_entry (account);
