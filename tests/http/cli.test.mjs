// The command line: serve's failures, its language, migrate, and a graceful
// stop on SIGTERM.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  RawConnection,
  createCustomer,
  createDatabase,
  createToken,
  occupyPort,
  runCli,
  sleep,
  startServer,
  validateAgainstOpenApi,
} from '../support/harness.mjs';

const UNREACHABLE_PG = 'postgresql://nobody@127.0.0.1:1/x';
const MIGRATED = /^(\d+) migrations? applied; schema at version (\d+)\.$/m;

describe(`command line (${DB_KIND})`, () => {
  const databases = [];
  async function freshDatabase({ migrate = true } = {}) {
    const db = await createDatabase();
    databases.push(db);
    if (migrate) {
      const r = await runCli(['--db', db.url, 'migrate']);
      assert.equal(r.code, 0, r.stderr);
    }
    return db;
  }
  after(async () => {
    for (const db of databases) await db.drop();
  });

  test('migrate twice: the first applies the migrations, the second applies 0', async () => {
    const db = await freshDatabase({ migrate: false });
    const first = await runCli(['--db', db.url, 'migrate']);
    assert.equal(first.code, 0, first.stderr);
    const m1 = MIGRATED.exec(first.stdout);
    assert.ok(m1, `migrate reports what it did: ${first.stdout}`);
    assert.ok(Number(m1[1]) >= 1, 'the first migrate applies at least one migration');
    const second = await runCli(['--db', db.url, 'migrate']);
    assert.equal(second.code, 0, second.stderr);
    const m2 = MIGRATED.exec(second.stdout);
    assert.ok(m2, `migrate reports what it did: ${second.stdout}`);
    assert.equal(Number(m2[1]), 0);
    assert.equal(m2[2], m1[2], 'the schema version is the same');
  });

  test('demo twice: the second run says the data is already there', async () => {
    const db = await freshDatabase();
    const first = await runCli(['--db', db.url, 'demo']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Demonstration data loaded \(5 users\)\./);
    const second = await runCli(['--db', db.url, 'demo']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /The demonstration data is already there\./);
    assert.match(first.stdout, /Demo customer portal log-ins: 2 \(customer, cliente; password demo\)\./);
    // The five staff users and the two portal users, once.
    const users = await runCli(['--db', db.url, 'user', 'list']);
    assert.equal(users.stdout.trim().split('\n').length, 7);
  });

  test('serve on a database that was never migrated refuses to start and says to migrate', async () => {
    const db = await freshDatabase({ migrate: false });
    const r = await runCli(['--db', db.url, 'serve', '--listen', '127.0.0.1:0'], { timeoutMs: 15_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /rapport migrate/);
  });

  test('serve on a port already in use exits non-zero with a message naming the address', async () => {
    const db = await freshDatabase();
    const busy = await occupyPort();
    try {
      const r = await runCli(['--db', db.url, 'serve', '--listen', `127.0.0.1:${busy.port}`], {
        timeoutMs: 15_000,
      });
      assert.notEqual(r.code, 0, `serve must fail: ${r.stdout}`);
      assert.match(r.stderr, new RegExp(`Cannot listen on 127\\.0\\.0\\.1:${busy.port}`));
      assert.doesNotMatch(r.stdout, /Rapport is serving/);
    } finally {
      await busy.close();
    }
  });

  test('serve with an unreachable PostgreSQL exits non-zero with "Cannot open the database"', async () => {
    const r = await runCli(['--db', UNREACHABLE_PG, 'serve', '--listen', '127.0.0.1:0'], { timeoutMs: 20_000 });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^rapport: error: Cannot open the database/m);
    assert.doesNotMatch(r.stdout, /Rapport is serving/);
  });

  test('an unknown kind of database address is refused with a hint', async () => {
    const r = await runCli(['--db', 'mysql://root@127.0.0.1/x', 'migrate']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /sqlite:PATH or postgresql:\/\//);
  });

  test('LANG=fr_FR.UTF-8 gives French messages', async () => {
    const env = { LANG: 'fr_FR.UTF-8' };
    const db = await freshDatabase({ migrate: false });
    const migrated = await runCli(['--db', db.url, 'migrate'], { env });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /^\d+ migrations? appliquées?\u202f; schéma en version \d+\.$/m);
    const failed = await runCli(['--db', UNREACHABLE_PG, 'serve', '--listen', '127.0.0.1:0'], {
      env, timeoutMs: 20_000,
    });
    assert.notEqual(failed.code, 0);
    assert.match(failed.stderr, /^rapport\s: erreur\s: Impossible d’ouvrir la base de données/m);
    // LC_ALL wins over LANG, as for every program.
    const english = await runCli(['--db', db.url, 'migrate'], { env: { LANG: 'fr_FR.UTF-8', LC_ALL: 'C.UTF-8' } });
    assert.match(english.stdout, MIGRATED);
  });
});

describe(`graceful stop (${DB_KIND})`, () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('SIGTERM: the request in flight gets its full answer, then "Rapport stopped." and exit 0', async () => {
    const { token } = await createToken(server, 'admin');
    const login = `drain.${crypto.randomBytes(3).toString('hex')}`;
    const body = JSON.stringify({
      login, display_name: 'Drain Test', roles: ['csr'], password: 'a-long-password',
    });
    const idle = await RawConnection.open(server.url);  // connected, never sends a request
    const conn = await RawConnection.open(server.url);
    try {
      // The head and part of the body: the request is under way when the signal comes.
      await conn.write(
        'POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
        `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` + body.slice(0, 10));
      await sleep(500);  // time for the server to read the head (loopback: well under 1 ms)
      const signalled = Date.now();
      server.proc.kill('SIGTERM');
      await sleep(300);
      await conn.write(body.slice(10));

      const res = await conn.readResponse(10_000);
      assert.equal(res.status, 201, `the request sent before the signal is answered: ${res.raw}`);
      assert.ok(res.complete, 'the whole answer arrives');
      const user = JSON.parse(res.body);
      validateAgainstOpenApi('POST', '/api/v1/users', 201, res.headers['content-type'], user);
      assert.equal(user.login, login);
      assert.equal((res.headers.connection ?? '').toLowerCase(), 'close', 'a stopping server closes the connection');

      const idleClosed = await idle.readUntilClosed(5_000);
      assert.ok(idleClosed.closedByServer, 'the idle connection is closed');

      const exit = await server.waitForExit(10_000);
      assert.ok(exit, 'the process exits after SIGTERM');
      const seconds = (Date.now() - signalled) / 1000;
      assert.equal(exit.code, 0, `exit status 0 (got ${JSON.stringify(exit)})`);
      assert.ok(seconds < 5, `it stops within a few seconds (took ${seconds} s)`);
      assert.match(server.output().stdout, /^Rapport stopped\.$/m);
    } finally {
      conn.close();
      idle.close();
    }
    // The user created in flight was committed.
    const users = await runCli(['--db', server.dbUrl, 'user', 'list']);
    assert.match(users.stdout, new RegExp(`^${login.replace('.', '\\.')}\\t`, 'm'));
  });
});

describe(`backup while serving (${DB_KIND})`, () => {
  let server;
  let dir;
  before(async () => {
    server = await startServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-backup-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('rapport backup copies the database while customers are added; the copy opens', async () => {
    const file = path.join(dir, 'copy.db');
    if (DB_KIND !== 'sqlite') {
      const refused = await runCli(['--db', server.dbUrl, 'backup', file]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /pg_dump/);
      return;
    }
    const { token } = await createToken(server, 'csr', 'backup');
    let adding = true;
    const added = [];
    let failure = null;
    const writer = (async () => {
      for (let i = 0; adding && i < 200; ++i) {
        const c = await createCustomer(server, token, {
          given_name: 'Sauvegarde', family_name: `Pendant ${i}`,
          address: { line1: `${i + 1} rue de la Copie`, postal_code: '69002', city: 'Lyon', country: 'FR' },
          proceed: true,
        });
        added.push(c.id ?? c.customer?.id);
      }
    })().catch((e) => { failure = e; });
    for (let waited = 0; added.length < 3 && !failure && waited < 30_000; waited += 20) await sleep(20);
    assert.equal(failure, null);
    assert.ok(added.length >= 3, 'customers are being added when the backup starts');
    const done = await runCli(['--db', server.dbUrl, 'backup', file]);
    adding = false;
    await writer;
    assert.equal(failure, null);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /^Backed up to .*copy\.db \([\d,]+ KiB\) in [\d,]+ ms\.$/m);
    const users = await runCli(['--db', `sqlite:${file}`, 'user', 'list']);
    assert.equal(users.code, 0, users.stderr);
    assert.match(users.stdout, /\bcsr\b/, 'the copy opens and holds the users');

    const again = await runCli(['--db', server.dbUrl, 'backup', file], { env: { LANG: 'fr_FR.UTF-8' } });
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /copy\.db existe déjà\u00a0: choisissez un nouveau nom de fichier\./);
  });
});
