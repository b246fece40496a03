// Jobs shared by three servers behind HAProxy (issue 17 §2, §3, §6): a
// manager starts a generation through HAProxy, its partitions spread over
// the servers; one server is killed (kill -9) or stopped (SIGTERM) half-way,
// and the job completes by itself with exactly the entries a single run
// makes. A server stopped with SIGTERM hands its partitions back at once
// (not after the lease); a customer import it was running completes on
// another server with every row once.
//
// PostgreSQL only (RAPPORT_TEST_PG_URL): SQLite is one process by design.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { startCluster } from '../support/cluster.mjs';
import { createToken, csrfOf, loggedInClient, runCommand, textOf } from '../support/harness.mjs';
import {
  assertJobPageShowsTakeover, finishedJob, jobEnv, planWithCustomers, simulatedCount, startGeneration, watchJob,
} from '../support/jobs.mjs';

const CUSTOMERS = 60;
// A lease long enough that a partition handed back on SIGTERM is seen
// claimed again well before it would have run out.
const LEASE_MS = 4000;

describe('jobs shared by three servers behind HAProxy', () => {
  let cluster;
  let manager;
  let plan;
  before(async () => {
    cluster = await startCluster({
      servers: 3,
      demoCustomers: CUSTOMERS,
      // A partition is one chunk here: the pause after it is the moment a
      // test stops its server "half-way", so it must outlast a poll on a
      // busy machine (a stop cuts it short).
      env: jobEnv({ RAPPORT_JOB_LEASE_MS: String(LEASE_MS), RAPPORT_JOB_PAUSE_MS: '1000' }),
    });
    manager = (await createToken(cluster, 'manager', 'cluster-jobs')).token;
    plan = await planWithCustomers(cluster, manager, CUSTOMERS);
  });
  after(async () => {
    await cluster?.stop();
  });

  const serverOf = (id) => cluster.servers.find((s) => s.jobServerId() === id);
  // Starts a generation of `days` through HAProxy and waits until its
  // partitions are claimed by at least two servers and one of them holds a
  // partition half-way (its first chunk committed, first attempt).
  async function generationHalfWay(days) {
    const expected = (await simulatedCount(cluster, manager, plan, days)).created;
    assert.ok(expected >= CUSTOMERS, `${expected} entries to create`);
    const url = await startGeneration(cluster, manager, plan, days);
    const { job, found: held } = await watchJob(cluster, manager, url, (j) => {
      const servers = new Set(j.partitions.map((p) => p.server).filter(Boolean));
      if (servers.size < 2) return null;
      return j.partitions.find((p) => p.status === 'running' && p.done > 0 && p.attempt === 1) ?? null;
    });
    assert.equal(job.finished, false, 'the job was still running');
    assert.ok(held, `two servers share the job, one holds a partition half-way: ${JSON.stringify(job.partitions)}`);
    assert.ok(job.partitions.length >= 10, `${job.partitions.length} partitions`);
    const holder = serverOf(held.server);
    assert.ok(holder, `${held.server} is one of the cluster's servers`);
    return { expected, url, held, holder, partitions: job.partitions.length };
  }
  // The job ended done with exactly a single run's entries; `held` was
  // finished by another server on its second attempt. Returns the job.
  async function completedAsOneRun({ expected, url, held, partitions }, days, { check = true } = {}) {
    const end = await finishedJob(cluster, manager, url, 'after the server stopped');
    assert.equal(end.status, 'done', end.message);
    assert.equal(end.counts.created, expected, JSON.stringify(end.counts));
    assert.equal(end.counts.already_present, 0, 'no chunk was generated twice');
    assert.equal(end.done, end.total);
    assert.equal(end.partitions.length, partitions);
    assert.ok(end.partitions.every((p) => p.status === 'done'), JSON.stringify(end.partitions));
    const resumed = end.partitions.find((p) => p.number === held.number);
    assert.equal(resumed.attempt, 2, `the partition was taken over: ${JSON.stringify(resumed)}`);
    assert.notEqual(resumed.server, held.server, 'by another server');
    if (!check) return end;
    // Every entry is there, once: nothing left to create.
    const again = await simulatedCount(cluster, manager, plan, days);
    assert.equal(again.created, 0, JSON.stringify(again));
    assert.equal(again.already_present, expected);
    return end;
  }

  test('a generation started through HAProxy is shared; its server killed half-way, it completes by itself', async () => {
    const days = { from: 0, to: 2 };
    const run = await generationHalfWay(days);
    await run.holder.kill();
    const end = await completedAsOneRun(run, days);
    const servers = new Set(end.partitions.map((p) => p.server));
    assert.ok(servers.size >= 2, `partitions done by ${[...servers].join(', ')}`);

    // The job's page, through HAProxy, names the servers and the takeover.
    await assertJobPageShowsTakeover(cluster, end.id, servers);
    // Back to three servers; the next tests each stop one (two are left
    // for the import's handover).
    await run.holder.restart();
  });

  test('a server stopped with SIGTERM hands its partitions back at once; the generation completes as one run', async (t) => {
    const days = { from: 5, to: 7 };
    const run = await generationHalfWay(days);
    const t0 = Date.now();
    const stopping = run.holder.terminate();
    // Handed back: queued again (or already claimed by another server),
    // not left running under its lease until that runs out.
    const { found: handedBackAt } = await watchJob(cluster, manager, run.url, (j) => {
      const p = j.partitions.find((q) => q.number === run.held.number);
      const queued = p.status === 'queued' && !p.server;
      const claimed = p.attempt > 1 && p.server && p.server !== run.held.server;
      return queued || claimed ? Date.now() : null;
    });
    const stopped = await stopping;
    assert.equal(stopped.killed, false, 'the server stopped on SIGTERM by itself');
    assert.equal(stopped.code, 0);
    assert.ok(handedBackAt, 'the partition was handed back before the job ended');
    assert.ok(handedBackAt - t0 < LEASE_MS / 2,
      `handed back ${handedBackAt - t0} ms after SIGTERM, not left to its ${LEASE_MS} ms lease`);
    t.diagnostic(`partition ${run.held.number} handed back ${handedBackAt - t0} ms after SIGTERM ` +
      `(lease ${LEASE_MS} ms); the server stopped in ${stopped.ms} ms`);
    // created = a single run's count and nothing already present: no chunk
    // twice, none missing (the first test also simulates again afterwards).
    await completedAsOneRun(run, days, { check: false });
  });

  test('a server stopped with SIGTERM during a customer import: the import completes elsewhere, every row once', async () => {
    const ROWS = 4000;
    const tag = `Lot${crypto.randomBytes(3).toString('hex')}`;
    // French mobile numbers: 07 then 3…9.
    const digits = String(crypto.randomInt(30, 100));
    const header = 'kind,family_name,given_name,company_name,language,customer_class,category,phone,phone_type,' +
      'email,line1,line2,postal_code,city,region,country,account_currency,premise_type,service_point_type';
    const rows = Array.from({ length: ROWS }, (_, i) => `person,${tag}${i},Ilaria,,fr,residential,standard,` +
      `07${digits}${String(i).padStart(6, '0')},mobile,${tag.toLowerCase()}.${i}@exemple.fr,` +
      `${i + 1} rue des Lilas,,13001,Marseille,,FR,EUR,house,electric_meter`);
    const client = await loggedInClient(cluster, 'manager');
    const form = await client.get('/customers/import');
    assert.equal(form.status, 200);
    const res = await client.post('/customers/import', {
      body: [header, ...rows].join('\n') + '\n',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': csrfOf(form.text) },
    });
    assert.equal(res.status, 303, textOf(res.text).slice(0, 300));
    const id = /^\/jobs\/(\d+)$/.exec(res.location)?.[1];
    assert.ok(id, res.location);
    const url = `/api/v1/jobs/${id}`;

    // Stop the server running it once part of the rows are in.
    const { job: seen, found: held } = await watchJob(cluster, manager, url, (j) => {
      const p = j.partitions[0];
      return p?.status === 'running' && j.counts.imported > 0 && j.counts.imported < ROWS ? p : null;
    });
    assert.ok(held, `the import was stopped half-way: ${seen.status} ${seen.message} ${JSON.stringify(seen.counts)}`);
    const holder = serverOf(held.server);
    assert.ok(holder, held.server);
    const stopped = await holder.terminate();
    assert.equal(stopped.killed, false, 'the server stopped on SIGTERM by itself');
    assert.equal(stopped.code, 0);

    const end = await finishedJob(cluster, manager, url, 'the import');
    assert.equal(end.status, 'done', end.message);
    assert.equal(end.partitions[0].attempt, 2, JSON.stringify(end.partitions));
    assert.notEqual(end.partitions[0].server, held.server, 'finished by another server');
    assert.equal(end.counts.imported, ROWS, JSON.stringify(end.counts));
    assert.equal(end.counts.skipped ?? 0, 0, JSON.stringify(end.counts));
    const count = await runCommand('psql', [cluster.dbUrl, '-tAc',
      `SELECT count(*), count(DISTINCT family_name) FROM customers WHERE family_name LIKE '${tag}%'`]);
    assert.equal(count.code, 0, count.stderr);
    assert.equal(count.stdout.trim(), `${ROWS}|${ROWS}`, 'every row once');
  });
});
