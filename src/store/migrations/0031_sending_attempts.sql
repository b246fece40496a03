-- A quote's e-mail or fax delivered by a job that any server may take over
-- (issue 17). Each attempt is recorded before the SMTP exchange
-- (attempt_started_at) and cleared with its outcome, so a server taking the
-- delivery over knows whether an attempt was in flight when the first
-- server died; the message's Message-ID is chosen once and kept with the
-- sending, so an attempt sent again carries the same one and the
-- recipient's mail system can recognise the duplicate; takeover_attempts
-- counts the attempts made after such a takeover.
ALTER TABLE quote_sendings ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE quote_sendings ADD COLUMN attempt_started_at TEXT;
ALTER TABLE quote_sendings ADD COLUMN takeover_attempts INTEGER NOT NULL DEFAULT 0;
