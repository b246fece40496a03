-- Jobs are claimed from the database by any server's workers (issue 17):
-- a job is split into partitions, each claimed by one worker at a time and
-- held by a lease its heartbeat renews. A partition whose lease ran out
-- (its server was killed) is claimed again and resumes after its cursor,
-- which moves in the same transaction as the work of each chunk. The job's
-- progress and counts are the sums over its partitions; it ends when its
-- last partition ends. No session state: claims are row locks
-- (FOR UPDATE SKIP LOCKED) inside one transaction, so PgBouncer in
-- transaction mode is fine.
CREATE TABLE job_partitions (
  job_id BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  params TEXT NOT NULL DEFAULT '{}',
  resume_cursor TEXT NOT NULL DEFAULT '',
  claimed_by TEXT NOT NULL DEFAULT '',
  attempt INTEGER NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL DEFAULT 0,
  done_count BIGINT NOT NULL DEFAULT 0,
  total_count BIGINT NOT NULL DEFAULT 0,
  counts TEXT NOT NULL DEFAULT '{}',
  message_key TEXT NOT NULL DEFAULT '',
  message_args TEXT NOT NULL DEFAULT '[]',
  result TEXT NOT NULL DEFAULT '',
  started_at TEXT,
  finished_at TEXT,
  PRIMARY KEY (job_id, number)
);
-- The workers' poll: open partitions only, oldest job first.
CREATE INDEX job_partitions_open ON job_partitions (status, job_id, number)
  WHERE status IN ('queued', 'running');
