// Several servers on one PostgreSQL behind HAProxy (issue 17 §3): what an
// operator relies on when a server dies. Sessions, CSRF tokens and the
// log-in throttle live in the database, so any server answers any request;
// two servers migrating the same database take turns.
//
// PostgreSQL only (RAPPORT_TEST_PG_URL): SQLite is one process by design.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { shippedDrainMs, startCluster } from '../support/cluster.mjs';
import {
  Client, createDatabase, DEMO_PASSWORD, formOf, loggedInClient, pageWithCsrf, runCli, sleep, textOf,
} from '../support/harness.mjs';

const servedBy = (res) => res.headers.get('x-served-by');

describe('three servers behind HAProxy', () => {
  let cluster;
  before(async () => {
    // 127.0.0.1 (HAProxy) is a trusted proxy, so X-Forwarded-For names the client.
    cluster = await startCluster({ servers: 3, env: { RAPPORT_TRUSTED_PROXIES: '127.0.0.1' } });
  });
  after(async () => {
    await cluster?.stop();
  });

  test('the log-in throttle counts across servers: 20 wrong passwords at once, 5 checked, 15 refused', async () => {
    const forms = await Promise.all(Array.from({ length: 20 }, async () => {
      const client = new Client(cluster);
      const page = await client.get('/login');
      assert.equal(page.status, 200);
      return { client, csrf: formOf(page.text, '/login').fields._csrf };
    }));
    const answers = await Promise.all(forms.map(({ client, csrf }, i) => client.postForm('/login', {
      _csrf: csrf, login: 'manager', password: `wrong-${i}`, next: '/',
    }, { headers: { 'x-forwarded-for': '198.51.100.77' } })));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 429).length, 15, statuses.join(' '));
    assert.ok(new Set(answers.map(servedBy)).size >= 2, 'the attempts were spread over the servers');

    // The right password: refused from that address, on whichever server
    // answers; accepted from another.
    const tryRight = async (from) => {
      const client = new Client(cluster);
      const page = await client.get('/login');
      return client.postForm('/login', {
        _csrf: formOf(page.text, '/login').fields._csrf, login: 'manager', password: DEMO_PASSWORD, next: '/',
      }, { headers: { 'x-forwarded-for': from } });
    };
    for (let i = 0; i < 4; ++i) assert.equal((await tryRight('198.51.100.77')).status, 429);
    assert.equal((await tryRight('198.51.100.78')).status, 303, 'from another address the manager logs in');
  });
  test('a server stopped with SIGTERM under load finishes what it answers: no request fails', async () => {
    const csr = await loggedInClient(cluster, 'csr');
    const leaving = cluster.servers.find((s) => s.alive());
    const failures = [];
    const answeredBy = new Set();
    let stop = false;
    const worker = async (w) => {
      for (let i = 0; !stop && i < 3000; ++i) {
        const target = i % 2 ? '/' : `/customers?q=${encodeURIComponent(['martin', 'dubois', 'smith'][w % 3])}`;
        const res = await csr.get(target).catch((e) => ({ status: `error ${e.message}` }));
        if (res.status !== 200) failures.push(`${target}: ${res.status}`);
        else answeredBy.add(servedBy(res));
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await sleep(500);
    const stopping = leaving.terminate();
    // It drains first (deploy/rapport.env): still answering, but telling
    // HAProxy's health check that it is leaving the pool.
    await sleep(300);
    const ready = await fetch(`${leaving.url}/ready`).catch((e) => ({ status: `error ${e.message}` }));
    assert.equal(ready.status, 503, 'a server stopping answers /ready with 503 while it drains');
    const stopped = await stopping;
    assert.ok(stopped.ms >= shippedDrainMs(), `it drained before closing (${stopped.ms} ms)`);
    await sleep(500);
    stop = true;
    await Promise.all(workers);
    assert.deepEqual(failures, [], 'every request through HAProxy was answered');
    assert.equal(stopped.killed, false, 'the server stopped on SIGTERM by itself');
    assert.equal(stopped.code, 0);
    assert.ok(answeredBy.has(leaving.name) && answeredBy.size >= 2, [...answeredBy].join(' '));
  });

  test('a CSR signed in through HAProxy works on while the server that answered is killed (kill -9)', async () => {
    const csr = await loggedInClient(cluster, 'csr');
    // Both servers answer this session: the balancer keeps no stickiness.
    const alive = cluster.servers.filter((s) => s.alive()).map((s) => s.name);
    const seen = new Set();
    for (let i = 0; i < 30 && seen.size < alive.length; ++i) {
      const home = await csr.get('/');
      assert.equal(home.status, 200);
      assert.match(textOf(home.text), /Sam Carter/, 'signed in on every server');
      seen.add(servedBy(home));
    }
    assert.deepEqual([...seen].sort(), alive, 'every live server answered the one session');

    // The form is read from one server, then that server dies.
    const tag = Date.now().toString(36);
    const page = await pageWithCsrf(csr, '/customers/new');
    const victim = cluster.servers.find((s) => s.name === servedBy(page.res));
    const survivor = cluster.servers.find((s) => s !== victim && s.alive());
    await victim.kill();
    assert.equal(victim.alive(), false);

    // The form's CSRF token, minted by the dead server, is honoured by the other.
    const form = formOf(page.html, '/customers');
    const saved = await csr.postForm('/customers', {
      ...form.fields, _csrf: page.csrf, given_name: 'Lou', family_name: `Survivant${tag}`,
      customer_class: 'residential', line1: '2 quai des Tanneurs', postal_code: '37000', city: 'Tours',
      country: 'FR',
    });
    assert.equal(saved.status, 303, textOf(saved.text).slice(0, 300));
    assert.equal(servedBy(saved), survivor.name);
    const id = /\/customers\/(\d+)/.exec(saved.location)?.[1];
    assert.ok(id, saved.location);

    // Every later request is answered, signed in, by the survivor.
    for (let i = 0; i < 6; ++i) {
      const view = await csr.get(`/customers/${id}`);
      assert.equal(view.status, 200, `request ${i} after the kill`);
      assert.match(textOf(view.text), new RegExp(`Survivant${tag}`));
      assert.equal(servedBy(view), survivor.name);
    }
    const search = await csr.get(`/customers?q=Survivant${tag}`);
    assert.equal(search.status, 200);
    assert.match(textOf(search.text), new RegExp(`Survivant${tag}, Lou`));
  });

});

describe('two servers migrating one database at once', () => {
  let db;
  before(async () => {
    db = await createDatabase('postgresql');
  });
  after(async () => {
    await db?.drop();
  });

  test('take turns: both succeed, each migration is applied once, and a third run has nothing to do', async () => {
    const MIGRATED = /^(\d+) migrations? applied; schema at version (\d+)\.$/m;
    const runs = await Promise.all([1, 2].map(() => runCli(['--db', db.url, 'migrate'])));
    const [a, b] = runs.map((r) => {
      assert.equal(r.code, 0, r.stderr);
      const m = MIGRATED.exec(r.stdout);
      assert.ok(m, r.stdout);
      return { applied: Number(m[1]), version: Number(m[2]) };
    });
    assert.equal(a.version, b.version);
    assert.equal(a.applied + b.applied, a.version, 'migrations are numbered 1…N and each was applied by one server');
    const again = await runCli(['--db', db.url, 'migrate']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(MIGRATED.exec(again.stdout)?.slice(1).map(Number), [0, a.version]);
  });
});
