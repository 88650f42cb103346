-- E-mail for notices: an address is the person's once they follow the link sent to it.
ALTER TABLE person ADD COLUMN email_verified_at BIGINT;

CREATE TABLE email_confirmation (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES person (id),
    email TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX email_confirmation_person_idx ON email_confirmation (person_id);

-- What the sandbox e-mail gateway "sent" (demo and tests), like sandbox_sms.
CREATE TABLE sandbox_email (
    id TEXT PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    job_id TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX sandbox_email_at_idx ON sandbox_email (created_at);
