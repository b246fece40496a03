-- Events and webhooks (README, "Webhooks"). An event is written to the
-- outbox in the transaction of the change it reports, with one delivery row
-- per active endpoint subscribed to its type; the delivery worker of any
-- server claims due deliveries (a lease, FOR UPDATE SKIP LOCKED on
-- PostgreSQL), posts them and records the outcome here: nothing lives only
-- in a server's memory.

CREATE TABLE events (
  id {{pk}},
  event_type TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id BIGINT NOT NULL,
  occurred_at TEXT NOT NULL,
  -- the record's JSON representation at the change
  data TEXT NOT NULL
);
CREATE INDEX events_record ON events (record_kind, record_id, id);

CREATE TABLE webhook_endpoints (
  id {{pk}},
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  -- the event types it receives, comma-separated ("asset.created,asset.changed")
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

CREATE TABLE webhook_deliveries (
  id {{pk}},
  event_id BIGINT NOT NULL REFERENCES events(id),
  endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints(id),
  -- "kind:id" of the event's record: a record's events reach an endpoint in order
  record_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- a worker posting it holds it until then (a crashed worker's lease runs out)
  leased_until TEXT,
  last_status INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  last_attempt_at TEXT,
  delivered_at TEXT,
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (endpoint_id, record_key, status, event_id);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
