// Jobs shared by the servers of one database, as tests watch them
// (tests/http/job_takeover.test.mjs, tests/cluster/jobs.test.mjs): a plan
// with many contact infos, a generation started and followed through the
// API, and the settings that make a job last long enough to stop a server
// in the middle of it.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { apiCall, loggedInClient, sleep, textOf } from './harness.mjs';

const DAY_MS = 86_400_000;
// The date `offset` days from today (YYYY-MM-DD).
export const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

// Small partitions, short leases, a pause after each chunk: a generation of
// 60 customers lasts a few seconds, long enough to stop a server in the
// middle of it. `overrides` changes some (e.g. a longer lease).
export function jobEnv(overrides = {}) {
  return {
    RAPPORT_JOB_WORKERS: '1',
    RAPPORT_JOB_PARTITION_SIZE: '6',
    RAPPORT_JOB_PAUSE_MS: '300',
    RAPPORT_JOB_HEARTBEAT_MS: '200',
    RAPPORT_JOB_LEASE_MS: '1500',
    RAPPORT_JOB_POLL_MS: '100',
    ...overrides,
  };
}

// The id a server runs its jobs' partitions as (its "jobs: N worker(s) as
// ID" line), from its output {stdout, stderr}.
export const jobServerIdOf = (output) => /worker\(s\) as (\S+)/.exec(output.stdout + output.stderr)?.[1];

// A contact plan on every day of the week with the customers 1…(customers
// + 20) that exist connected to it; fails unless at least `customers` are.
export async function planWithCustomers(target, token, customers) {
  const created = await apiCall(target, 'POST', '/api/v1/contact-plans', {
    token,
    json: {
      code: `k${crypto.randomBytes(3).toString('hex')}`, name_en: 'Takeover', weekdays: [1, 2, 3, 4, 5, 6, 7],
      valid_from: day(-30),
    },
  });
  assert.equal(created.status, 201, created.text);
  const plan = created.body;
  let connected = 0;
  for (let id = 1; id <= customers + 20; ++id) {
    const res = await apiCall(target, 'POST', `/api/v1/contact-plans/${plan.id}/contact-info`, {
      token, json: { customer_id: id },
    });
    if (res.status === 201) ++connected;
  }
  assert.ok(connected >= customers, `${connected} customers on the plan`);
  return plan;
}

// A job as GET /api/v1/jobs/{id} shows it to `token`, on `target`.
export async function jobOf(target, token, url) {
  const res = await apiCall(target, 'GET', url, { token });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

// Waits (at most `seconds`) for the job to finish; returns it.
export async function finishedJob(target, token, url, what, seconds = 60) {
  for (let i = 0; i < seconds * 10; ++i) {
    const j = await jobOf(target, token, url);
    if (j.finished) return j;
    await sleep(100);
  }
  return assert.fail(`${what}: the job ${url} did not finish within ${seconds} s`);
}

// Starts a generation of `plan` for days [from, to] from today; returns the
// job's API address.
export async function startGeneration(target, token, plan, { from = 0, to = 2, ...extra } = {}) {
  const res = await apiCall(target, 'POST', '/api/v1/plan-generations', {
    token, json: { plans: [plan.id], from: day(from), to: day(to), ...extra },
  });
  assert.equal(res.status, 202, res.text);
  return res.body.url;
}

// What a single run of that generation creates: a simulation, which writes
// nothing.
export async function simulatedCount(target, token, plan, days = {}) {
  const url = await startGeneration(target, token, plan, { ...days, simulate: true });
  const simulated = await finishedJob(target, token, url, 'the simulation');
  assert.equal(simulated.status, 'done', simulated.message);
  return simulated.counts;
}

// Polls the job (every 20 ms) until `until(job)` returns something truthy
// or the job finished; returns {job, found}.
export async function watchJob(target, token, url, until, seconds = 60) {
  let job;
  for (let i = 0; i < seconds * 50; ++i) {
    job = await jobOf(target, token, url);
    const found = until(job);
    if (found || job.finished) return { job, found };
    await sleep(20);
  }
  return { job, found: null };
}

// The job's page, as a manager sees it on `target`: it lists the
// partitions, names each of `servers` and shows a partition taken over.
export async function assertJobPageShowsTakeover(target, id, servers) {
  const client = await loggedInClient(target, 'manager');
  const page = await client.get(`/jobs/${id}`);
  assert.equal(page.status, 200);
  const table = /data-testid="job-partitions"[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
  assert.ok(table, 'the page lists the partitions');
  for (const s of servers) assert.ok(table.includes(s), `the page names server ${s}`);
  assert.match(textOf(table), /taken over \(attempt 2\)/);
}
