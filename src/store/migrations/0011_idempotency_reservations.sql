-- An Idempotency-Key is reserved before its request runs (state
-- 'in_progress'), under the key's primary key, so concurrent duplicates on
-- any server wait or get 409 instead of acting twice; the answer is stored
-- on the same row ('done').
ALTER TABLE idempotency_keys ADD COLUMN state TEXT NOT NULL DEFAULT 'done';
