-- Users, sessions, API tokens, installation settings, audit, idempotency.
-- Instants are ISO 8601 UTC text ("2026-11-23T10:21:54Z"); booleans are 0/1.

CREATE TABLE users (
  id {{pk}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  language TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  address TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

CREATE TABLE login_failures (
  id {{pk}},
  login TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_login ON login_failures (login, at);
CREATE INDEX login_failures_address ON login_failures (address, at);

CREATE TABLE api_tokens (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE installation_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  company_name TEXT NOT NULL,
  default_language TEXT NOT NULL,
  currency TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  territory_predefined INTEGER NOT NULL,
  smtp_host TEXT NOT NULL,
  smtp_port INTEGER NOT NULL,
  smtp_sender TEXT NOT NULL,
  fax_gateway_domain TEXT NOT NULL,
  delay_unavailable INTEGER NOT NULL,
  attempts_unavailable INTEGER NOT NULL,
  delay_busy INTEGER NOT NULL,
  attempts_busy INTEGER NOT NULL,
  delay_call_back INTEGER NOT NULL,
  attempts_call_back INTEGER NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
INSERT INTO installation_settings VALUES (1, 'Rapport', 'en', 'EUR', 'Europe/Paris', 0,
  'localhost', 25, 'rapport@localhost', '', 60, 5, 15, 10, 120, 5, 1, '1970-01-01T00:00:00Z', NULL);

CREATE TABLE audit_log (
  id {{pk}},
  at TEXT NOT NULL,
  user_id BIGINT,
  user_name TEXT NOT NULL,
  record_type TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id, id);

CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
