-- Job seekers' profiles: built by the person or by an agent for them. Employers never see a
-- profile whose owner has not consented to be found.
CREATE TABLE skills_profile (
    person_id TEXT PRIMARY KEY REFERENCES person (id),
    education TEXT NOT NULL,
    district_id TEXT,
    relocate BIGINT NOT NULL DEFAULT 0,
    abroad BIGINT NOT NULL DEFAULT 0,
    findable BIGINT NOT NULL DEFAULT 0,
    findable_since BIGINT,
    about TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX skills_profile_findable_idx ON skills_profile (findable, district_id);

CREATE TABLE skills_profile_skill (
    person_id TEXT NOT NULL REFERENCES skills_profile (person_id),
    skill_id BIGINT NOT NULL REFERENCES skills_skill (id),
    level TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT 'self',
    added_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, skill_id)
);
CREATE INDEX skills_profile_skill_skill_idx ON skills_profile_skill (skill_id);

CREATE TABLE skills_profile_work (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES skills_profile (person_id),
    occupation_id BIGINT REFERENCES skills_occupation (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    start_year BIGINT NOT NULL,
    end_year BIGINT,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX skills_profile_work_person_idx ON skills_profile_work (person_id);

CREATE TABLE skills_profile_occupation (
    person_id TEXT NOT NULL REFERENCES skills_profile (person_id),
    occupation_id BIGINT NOT NULL REFERENCES skills_occupation (id),
    PRIMARY KEY (person_id, occupation_id)
);

CREATE TABLE skills_profile_region (
    person_id TEXT NOT NULL REFERENCES skills_profile (person_id),
    region_id TEXT NOT NULL,
    PRIMARY KEY (person_id, region_id)
);
