-- Photos a partner hosts are fetched and kept like uploads; each remembers the address it came
-- from, so that a photo the partner no longer lists is removed and one already kept is not
-- fetched again.

ALTER TABLE commerce_photo ADD COLUMN source_url TEXT;
