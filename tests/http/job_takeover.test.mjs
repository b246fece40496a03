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
import { after, before, describe, test } from 'node:test';

import { createToken, DB_KIND, startServer } from '../support/harness.mjs';
import {
  assertJobPageShowsTakeover, finishedJob, jobEnv, jobServerIdOf, planWithCustomers, simulatedCount,
  startGeneration, watchJob,
} from '../support/jobs.mjs';

const CUSTOMERS = 60;
const JOB_ENV = jobEnv();

describe(`a generation taken over after its server was killed (${DB_KIND})`, () => {
  let server;
  let manager;
  let plan;

  before(async () => {
    server = await startServer({ demoCustomers: CUSTOMERS, env: JOB_ENV });
    manager = (await createToken(server, 'manager', 'takeover')).token;
    plan = await planWithCustomers(server, manager, CUSTOMERS);
  });
  after(async () => {
    await server?.stop();
  });

  const finished = (target, url, what) => finishedJob(target, manager, url, what);
  const generate = (target, extra = {}) => startGeneration(target, manager, plan, extra);

  test('server A is killed half-way; another server finishes its partitions with the entries of a single run', async () => {
    // What a single run creates: a simulation writes nothing.
    const expected = (await simulatedCount(server, manager, plan)).created;
    assert.ok(expected >= CUSTOMERS, `${expected} entries to create`);

    // PostgreSQL: B shares the job from the start. SQLite: B is A's successor.
    let b = DB_KIND === 'postgresql' ? await server.another(JOB_ENV) : null;
    const serverA = jobServerIdOf(server.output());
    assert.ok(serverA, 'server A says its id');
    const url = await generate(server);
    // Kill A once it finished a partition and is half-way through another:
    // its first chunk committed, the partition not yet ended.
    const { job: seen, found: held } = await watchJob(server, manager, url, (j) => {
      const mine = j.partitions.filter((p) => p.server === serverA);
      const running = mine.find((p) => p.status === 'running' && p.done > 0);
      return running && mine.some((p) => p.status === 'done') ? running : null;
    });
    assert.equal(seen.finished, false, 'the job was still running when A was killed');
    assert.ok(held, `A holds a partition half-way: ${JSON.stringify(seen.partitions)}`);
    const partitions = seen.partitions.length;
    assert.ok(partitions >= 10, `${partitions} partitions`);
    server.proc.kill('SIGKILL');
    await server.waitForExit(5000);
    if (!b) b = await server.another(JOB_ENV);
    const serverB = jobServerIdOf(b.output());

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
    await assertJobPageShowsTakeover(b, end.id, servers);
  });
});
