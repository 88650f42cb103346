-- Training providers' courses and batches, enrolments, and the certificates completion issues
-- (W3C Verifiable Credentials signed with the provider's Ed25519 key).
CREATE TABLE skills_course (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES skills_org (org_id),
    title TEXT NOT NULL,
    occupation_id BIGINT REFERENCES skills_occupation (id),
    level TEXT NOT NULL,
    duration_weeks BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    mode TEXT NOT NULL,
    district_id TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX skills_course_provider_idx ON skills_course (provider_id);

CREATE TABLE skills_course_skill (
    course_id TEXT NOT NULL REFERENCES skills_course (id),
    skill_id BIGINT NOT NULL REFERENCES skills_skill (id),
    PRIMARY KEY (course_id, skill_id)
);
CREATE INDEX skills_course_skill_skill_idx ON skills_course_skill (skill_id);

CREATE TABLE skills_batch (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL REFERENCES skills_course (id),
    starts_on TEXT NOT NULL,
    seats BIGINT NOT NULL,
    taken BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX skills_batch_course_idx ON skills_batch (course_id, starts_on);

CREATE TABLE skills_enrolment (
    id TEXT PRIMARY KEY,
    batch_id TEXT NOT NULL REFERENCES skills_batch (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    completed_at BIGINT,
    UNIQUE (batch_id, person_id)
);
CREATE INDEX skills_enrolment_person_idx ON skills_enrolment (person_id);

CREATE TABLE skills_issuer_key (
    org_id TEXT PRIMARY KEY REFERENCES skills_org (org_id),
    key_id TEXT NOT NULL,
    public_key TEXT NOT NULL,
    seed TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE skills_certificate (
    id TEXT PRIMARY KEY,
    enrolment_id TEXT NOT NULL UNIQUE REFERENCES skills_enrolment (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    provider_id TEXT NOT NULL REFERENCES skills_org (org_id),
    status_index BIGINT NOT NULL,
    document TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    UNIQUE (provider_id, status_index)
);
CREATE INDEX skills_certificate_person_idx ON skills_certificate (person_id);
