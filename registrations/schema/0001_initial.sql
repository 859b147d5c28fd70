-- Registrations and their status events (issue 11). Each object is kept as the same JSON the
-- file store writes (registrations.records), so one decoder serves both stores; the columns
-- beside it are copies for indexes, constraints and counting.

CREATE TABLE registrations (
    id           text PRIMARY KEY,
    run_id       text NOT NULL,
    nik          text NOT NULL,
    status       text NOT NULL,              -- current status (the last event's "to")
    reserve_rank integer,                    -- reserve rank while the status is "reserve"
    event_count  integer NOT NULL DEFAULT 0, -- events so far (the next one gets seq + 1)
    received_at  timestamptz NOT NULL,
    record       jsonb NOT NULL,             -- registration_record(), without events
    seq          bigserial NOT NULL,         -- received order
    CONSTRAINT registrations_run_nik_key UNIQUE (run_id, nik)
);

CREATE UNIQUE INDEX registrations_seq_key ON registrations (seq);
CREATE INDEX registrations_run_seq ON registrations (run_id, seq);
CREATE INDEX registrations_nik ON registrations (nik);

CREATE TABLE status_events (
    registration_id text NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    seq             integer NOT NULL CHECK (seq >= 1),
    at              timestamptz NOT NULL,
    record          jsonb NOT NULL,           -- event_record()
    PRIMARY KEY (registration_id, seq)
);
