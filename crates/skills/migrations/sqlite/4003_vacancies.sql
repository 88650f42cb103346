-- Employers, recruiting agencies and training providers (organisations of the people module,
-- verified here by an administrator); the employers an agency represents; vacancies.
CREATE TABLE skills_org (
    org_id TEXT PRIMARY KEY REFERENCES organization (id),
    kind TEXT NOT NULL,
    district_id TEXT NOT NULL,
    licence TEXT NOT NULL DEFAULT '',
    about TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    verified_at BIGINT,
    verified_by TEXT
);
CREATE INDEX skills_org_status_idx ON skills_org (status, kind);

CREATE TABLE skills_agency_client (
    agency_id TEXT NOT NULL REFERENCES skills_org (org_id),
    employer_id TEXT NOT NULL REFERENCES skills_org (org_id),
    PRIMARY KEY (agency_id, employer_id)
);

CREATE TABLE skills_vacancy (
    id TEXT PRIMARY KEY,
    employer_id TEXT NOT NULL REFERENCES skills_org (org_id),
    posted_by_org TEXT NOT NULL REFERENCES skills_org (org_id),
    posted_by TEXT NOT NULL,
    occupation_id INTEGER NOT NULL REFERENCES skills_occupation (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    min_education TEXT,
    min_experience INTEGER NOT NULL DEFAULT 0,
    salary_min BIGINT,
    salary_max BIGINT,
    openings INTEGER NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX skills_vacancy_status_idx ON skills_vacancy (status, deadline);
CREATE INDEX skills_vacancy_employer_idx ON skills_vacancy (employer_id);

CREATE TABLE skills_vacancy_skill (
    vacancy_id TEXT NOT NULL REFERENCES skills_vacancy (id),
    skill_id INTEGER NOT NULL REFERENCES skills_skill (id),
    essential INTEGER NOT NULL,
    PRIMARY KEY (vacancy_id, skill_id)
);

CREATE TABLE skills_vacancy_region (
    vacancy_id TEXT NOT NULL REFERENCES skills_vacancy (id),
    region_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (vacancy_id, region_id)
);

-- Bumped in the transaction of every change to vacancies or to findable profiles, so each node
-- knows when its matching index is stale with one small read.
CREATE TABLE skills_generation (
    name TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO skills_generation (name, n) VALUES ('vacancies', 0), ('profiles', 0);
