-- What a visitor needs to find help at a digital centre: when it is open and whom to call.
ALTER TABLE service_point ADD COLUMN opening_hours TEXT;
ALTER TABLE service_point ADD COLUMN phone TEXT;
CREATE INDEX service_point_by_region ON service_point (region_id);
