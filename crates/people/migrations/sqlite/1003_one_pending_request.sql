-- An agent has at most one request waiting for a person's confirmation: asking again resends the
-- code of that request instead of making a second one.
CREATE UNIQUE INDEX mandate_one_pending ON mandate (subject_id, agent_id) WHERE status = 'pending';
