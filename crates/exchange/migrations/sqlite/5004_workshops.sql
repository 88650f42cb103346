-- Matchmaking workshops: time slots with tables, participants with their free slots, one-to-one
-- meeting requests, and the meetings the scheduler placed (published ones stay put on a re-run).
CREATE TABLE exchange_workshop (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL,
    registration_deadline TEXT NOT NULL,
    meeting_cap BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    scheduled_at BIGINT
);

CREATE TABLE exchange_workshop_slot (
    workshop_id TEXT NOT NULL REFERENCES exchange_workshop (id),
    slot BIGINT NOT NULL,
    starts_at TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    tables BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, slot)
);

CREATE TABLE exchange_participant (
    workshop_id TEXT NOT NULL REFERENCES exchange_workshop (id),
    person_id TEXT NOT NULL REFERENCES person (id),
    member_id TEXT REFERENCES exchange_member (id),
    availability BIGINT NOT NULL,
    registered_at BIGINT NOT NULL,
    PRIMARY KEY (workshop_id, person_id)
);

CREATE TABLE exchange_meeting_request (
    id TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES exchange_workshop (id),
    from_person TEXT NOT NULL REFERENCES person (id),
    to_person TEXT NOT NULL REFERENCES person (id),
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    UNIQUE (workshop_id, from_person, to_person)
);
CREATE INDEX exchange_meeting_request_to_idx ON exchange_meeting_request (workshop_id, to_person, status);

CREATE TABLE exchange_meeting (
    request_id TEXT PRIMARY KEY REFERENCES exchange_meeting_request (id),
    workshop_id TEXT NOT NULL REFERENCES exchange_workshop (id),
    slot BIGINT NOT NULL,
    table_no BIGINT NOT NULL,
    placed_at BIGINT NOT NULL,
    outcome TEXT NOT NULL DEFAULT '',
    match_id TEXT REFERENCES exchange_match (id),
    UNIQUE (workshop_id, slot, table_no)
);
