-- Couriers: the courier an order was handed to and its tracking id, and every event the courier
-- sent (by its event id, so each applies once).

ALTER TABLE commerce_order ADD COLUMN courier TEXT;
ALTER TABLE commerce_order ADD COLUMN tracking_id TEXT;

CREATE TABLE commerce_courier_event (
    courier     TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    order_id    TEXT,
    kind        TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (courier, event_id)
);
