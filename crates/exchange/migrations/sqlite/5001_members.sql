-- Members of the exchange network: organisations (their people-module organisation is the
-- member's id) and individual experts; verified by the secretariat.
CREATE TABLE exchange_member (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    person_id TEXT REFERENCES person (id),
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    about TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    verified_at BIGINT,
    verified_by TEXT
);
CREATE INDEX exchange_member_directory_idx ON exchange_member (status, country, kind);

-- Tags of members, solutions and needs: focus areas, SDG targets, languages, countries.
CREATE TABLE exchange_tag (
    owner TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (owner, owner_id, facet, value)
);
CREATE INDEX exchange_tag_value_idx ON exchange_tag (owner, facet, value);
