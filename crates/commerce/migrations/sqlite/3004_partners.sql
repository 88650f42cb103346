-- Partner marketplaces: a partner company's account, the shop its own catalogue lives in, where
-- its webhooks go and the secret they are signed with; its products keep the partner's own
-- reference and image addresses; every webhook sent is kept so the partner can see and replay it.

CREATE TABLE commerce_partner (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    person_id       TEXT NOT NULL UNIQUE REFERENCES person (id),
    shop_id         TEXT NOT NULL UNIQUE REFERENCES commerce_shop (id),
    webhook_url     TEXT NOT NULL,
    secret          TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);

ALTER TABLE commerce_product ADD COLUMN partner_ref TEXT;
ALTER TABLE commerce_product ADD COLUMN image_urls TEXT NOT NULL DEFAULT '[]';
CREATE UNIQUE INDEX commerce_product_partner_ref ON commerce_product (shop_id, partner_ref);

CREATE TABLE commerce_partner_delivery (
    id         TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES commerce_partner (id),
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    job_id     TEXT,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX commerce_partner_delivery_partner ON commerce_partner_delivery (partner_id, created_at);
