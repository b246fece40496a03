-- Failed log-ins are counted in one row per subject — the (login, client
-- address) pair, the login, the address — incremented by one UPSERT per
-- attempt before the password is checked, so concurrent guesses on any
-- number of servers are counted exactly. attempts counts the failed and
-- running attempts since window_start; previous_attempt_at spaces a login's
-- attempts out when it is attacked from many addresses (a backoff, not a lock).
CREATE TABLE login_throttle (
  subject TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  last_attempt_at TEXT NOT NULL,
  previous_attempt_at TEXT
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);
DROP TABLE login_failures;
