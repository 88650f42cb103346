-- When a person was erased at their request: their row stays as a pseudonym (others' records
-- point to it), with nothing personal left in it.
ALTER TABLE person ADD COLUMN erased_at INTEGER;
