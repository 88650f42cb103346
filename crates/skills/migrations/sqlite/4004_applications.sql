-- Applications to vacancies and their history; reports of suspicious vacancies.
CREATE TABLE skills_application (
    id TEXT PRIMARY KEY,
    vacancy_id TEXT NOT NULL REFERENCES skills_vacancy (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (vacancy_id, person_id)
);
CREATE INDEX skills_application_person_idx ON skills_application (person_id, created_at);

CREATE TABLE skills_application_event (
    application_id TEXT NOT NULL REFERENCES skills_application (id),
    at BIGINT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor_id TEXT NOT NULL
);
CREATE INDEX skills_application_event_idx ON skills_application_event (application_id, at);

CREATE TABLE skills_vacancy_report (
    id TEXT PRIMARY KEY,
    vacancy_id TEXT NOT NULL REFERENCES skills_vacancy (id),
    reporter_id TEXT,
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by TEXT,
    outcome TEXT
);
CREATE INDEX skills_vacancy_report_open_idx ON skills_vacancy_report (decided_at, created_at);
