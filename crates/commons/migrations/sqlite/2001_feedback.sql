-- Messages people send to the team that runs the platform ("tell us what to improve").
CREATE TABLE feedback (
    id            TEXT PRIMARY KEY,
    message       TEXT NOT NULL,
    contact_phone TEXT,
    page          TEXT,
    lang          TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX feedback_by_time ON feedback (created_at);
