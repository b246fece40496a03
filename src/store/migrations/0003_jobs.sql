-- Long work (imports, batch generation) runs as jobs: queued, running, then
-- done, failed or cancelled, with progress counters the pages poll. Jobs
-- live in the database so any app server can show or cancel them.

CREATE TABLE jobs (
  id {{pk}},
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  params TEXT NOT NULL,
  payload TEXT NOT NULL,
  done_count BIGINT NOT NULL DEFAULT 0,
  total_count BIGINT NOT NULL DEFAULT 0,
  counts TEXT NOT NULL DEFAULT '{}',
  message_key TEXT NOT NULL DEFAULT '',
  message_args TEXT NOT NULL DEFAULT '[]',
  result TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  heartbeat_at TEXT
);
CREATE INDEX jobs_kind ON jobs (kind, id);
