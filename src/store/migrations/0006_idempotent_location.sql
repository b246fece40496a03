-- An idempotent replay answers as the first time did, Location included
-- (a client that lost a 201 learns where the record is).
ALTER TABLE idempotency_keys ADD COLUMN location TEXT NOT NULL DEFAULT '';
