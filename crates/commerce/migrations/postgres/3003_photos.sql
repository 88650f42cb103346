-- Product photos: the files (a re-encoded JPEG and its thumbnail) live in the photo store; each
-- row says which product they show, in what order, and the hash of what was uploaded (the same
-- photo sent twice is kept once).

CREATE TABLE commerce_photo (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES commerce_product (id),
    position   BIGINT NOT NULL,
    sha256     TEXT NOT NULL,
    width      BIGINT NOT NULL,
    height     BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX commerce_photo_content ON commerce_photo (product_id, sha256);
CREATE INDEX commerce_photo_product ON commerce_photo (product_id, position);
