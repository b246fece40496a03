// Jobs shared by the servers of one database (issue 17): a generation is
// split into partitions that every server's workers claim from the
// database. On PostgreSQL two `rapport serve` share it; server A is killed
// with SIGKILL half-way and server B takes A's partition over once its
// lease ran out and finishes the job. On SQLite (one server per database)
// the same happens across a restart: the killed server's successor takes
// the partition over. Either way the entries are exactly those of a single
// uninterrupted run: the job created every entry once (nothing already
// present, i.e. no chunk done twice) and a simulation afterwards finds
// nothing left to create.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createToken,
  loggedInClient,
  sleep,
  startServer,
  textOf,
} from '../support/harness.mjs';

const hex = (n) => crypto.randomBytes(n).toString('hex');
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const CUSTOMERS = 60;
// Small partitions, short leases, a pause after each chunk: the job lasts
// a few seconds, long enough to kill a server in the middle of it.
const JOB_ENV = {
  RAPPORT_JOB_WORKERS: '1',
  RAPPORT_JOB_PARTITION_SIZE: '6',
  RAPPORT_JOB_PAUSE_MS: '300',
  RAPPORT_JOB_HEARTBEAT_MS: '200',
  RAPPORT_JOB_LEASE_MS: '1500',
  RAPPORT_JOB_POLL_MS: '100',
};

describe(`a generation taken over after its server was killed (${DB_KIND})`, () => {
  let server;
  let manager;
  let plan;

  before(async () => {
    server = await startServer({ demoCustomers: CUSTOMERS, env: JOB_ENV });
    manager = (await createToken(server, 'manager', 'takeover')).token;
    const created = await apiCall(server, 'POST', '/api/v1/contact-plans', {
      token: manager,
      json: { code: `k${hex(3)}`, name_en: 'Takeover', weekdays: [1, 2, 3, 4, 5, 6, 7], valid_from: day(-30) },
    });
    assert.equal(created.status, 201, created.text);
    plan = created.body;
    let connected = 0;
    for (let id = 1; id <= CUSTOMERS + 20; ++id) {
      const res = await apiCall(server, 'POST', `/api/v1/contact-plans/${plan.id}/contact-info`, {
        token: manager, json: { customer_id: id },
      });
      if (res.status === 201) ++connected;
    }
    assert.ok(connected >= CUSTOMERS, `${connected} customers on the plan`);
  });
  after(async () => {
    await server?.stop();
  });

  const job = async (target, url) => {
    const res = await apiCall(target, 'GET', url, { token: manager });
    assert.equal(res.status, 200, res.text);
    return res.body;
  };
  const finished = async (target, url, what) => {
    for (let i = 0; i < 600; ++i) {
      const j = await job(target, url);
      if (j.finished) return j;
      await sleep(100);
    }
    assert.fail(`${what}: the job ${url} did not finish within 60 s`);
  };
  const generate = async (target, extra = {}) => {
    const res = await apiCall(target, 'POST', '/api/v1/plan-generations', {
      token: manager, json: { plans: [plan.id], from: day(0), to: day(2), ...extra },
    });
    assert.equal(res.status, 202, res.text);
    return res.body.url;
  };

  test('server A is killed half-way; another server finishes its partitions with the entries of a single run', async () => {
    // What a single run creates: a simulation writes nothing.
    const simulated = await finished(server, await generate(server, { simulate: true }), 'the simulation');
    assert.equal(simulated.status, 'done', simulated.message);
    const expected = simulated.counts.created;
    assert.ok(expected >= CUSTOMERS, `${expected} entries to create`);

    // PostgreSQL: B shares the job from the start. SQLite: B is A's successor.
    let b = DB_KIND === 'postgresql' ? await server.another(JOB_ENV) : null;
    const idOf = (output) => /worker\(s\) as (\S+)/.exec(output.stdout + output.stderr)?.[1];
    const serverA = idOf(server.output());
    assert.ok(serverA, 'server A says its id');
    const url = await generate(server);
    // Kill A once it finished a partition and is half-way through another:
    // its first chunk committed, the partition not yet ended.
    let seen;
    let held;
    for (let i = 0; i < 600; ++i) {
      seen = await job(server, url);
      const mine = seen.partitions.filter((p) => p.server === serverA);
      held = mine.find((p) => p.status === 'running' && p.done > 0);
      if ((held && mine.some((p) => p.status === 'done')) || seen.finished) break;
      await sleep(20);
    }
    assert.equal(seen.finished, false, 'the job was still running when A was killed');
    assert.ok(held, `A holds a partition half-way: ${JSON.stringify(seen.partitions)}`);
    const partitions = seen.partitions.length;
    assert.ok(partitions >= 10, `${partitions} partitions`);
    server.proc.kill('SIGKILL');
    await server.waitForExit(5000);
    if (!b) b = await server.another(JOB_ENV);
    const serverB = idOf(b.output());

    const end = await finished(b, url, 'after A was killed');
    assert.equal(end.status, 'done', end.message);
    assert.equal(end.counts.created, expected, JSON.stringify(end.counts));
    assert.equal(end.counts.already_present, 0, 'no chunk was generated twice');
    assert.equal(end.done, end.total);
    assert.equal(end.percent, 100);
    assert.equal(end.partitions.length, partitions);
    assert.ok(end.partitions.every((p) => p.status === 'done'), JSON.stringify(end.partitions));
    const resumed = end.partitions.find((p) => p.number === held.number);
    assert.equal(resumed.attempt, 2, `A's partition was taken over: ${JSON.stringify(end.partitions)}`);
    assert.equal(resumed.server, serverB, 'and finished by the other server');
    const servers = new Set(end.partitions.map((p) => p.server));
    assert.deepEqual([...servers].sort(), [serverA, serverB].sort(), 'both servers did a share');

    // Every entry is there, once: nothing left to create.
    const after = await finished(b, await generate(b, { simulate: true }), 'the check');
    assert.equal(after.counts.created, 0, JSON.stringify(after.counts));
    assert.equal(after.counts.already_present, expected);

    // The job's page shows the partitions and the servers that ran them.
    const client = await loggedInClient(b, 'manager');
    const page = await client.get(`/jobs/${end.id}`);
    assert.equal(page.status, 200);
    const table = /data-testid="job-partitions"[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '';
    assert.ok(table, 'the page lists the partitions');
    for (const s of servers) assert.ok(table.includes(s), `the page names server ${s}`);
    assert.match(textOf(table), /taken over \(attempt 2\)/);
  });
});
