-- Pickup at a digital centre: the buyer may choose a centre; when the order is shipped the buyer
-- gets a code by SMS, and the centre's agent hands the parcel over against it. Only a hash of
-- the code is kept; wrong tries are counted.

ALTER TABLE commerce_order ADD COLUMN pickup_point TEXT REFERENCES service_point (id);
ALTER TABLE commerce_order ADD COLUMN handover_hash TEXT;
ALTER TABLE commerce_order ADD COLUMN handover_tries BIGINT NOT NULL DEFAULT 0;
CREATE INDEX commerce_order_pickup ON commerce_order (pickup_point, state);
