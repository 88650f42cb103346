-- Seat allocation rounds: applicants rank batches; batches rank applicants by the published
-- rule; an administrator runs deferred acceptance; the stored result is what everyone sees.
CREATE TABLE skills_round (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    rule TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    run_at BIGINT,
    run_by TEXT
);

CREATE TABLE skills_round_batch (
    round_id TEXT NOT NULL REFERENCES skills_round (id),
    batch_id TEXT NOT NULL REFERENCES skills_batch (id),
    PRIMARY KEY (round_id, batch_id)
);

CREATE TABLE skills_round_choice (
    round_id TEXT NOT NULL REFERENCES skills_round (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    batch_id TEXT NOT NULL REFERENCES skills_batch (id),
    rank BIGINT NOT NULL,
    chosen_at BIGINT NOT NULL,
    PRIMARY KEY (round_id, person_id, batch_id)
);

CREATE TABLE skills_round_result (
    round_id TEXT NOT NULL REFERENCES skills_round (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    batch_id TEXT,
    PRIMARY KEY (round_id, person_id)
);
