-- SMS alerts of new vacancies that fit a profile (asked for by the person), sent once each.
ALTER TABLE skills_profile ADD COLUMN alerts INTEGER NOT NULL DEFAULT 0;

CREATE TABLE skills_alert_sent (
    person_id TEXT NOT NULL REFERENCES person (id),
    vacancy_id TEXT NOT NULL REFERENCES skills_vacancy (id),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, vacancy_id)
);
