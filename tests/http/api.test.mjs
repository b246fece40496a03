// The JSON API with bearer tokens from `rapport token create`. Every answer
// is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  Client,
  DB_KIND,
  DEMO_PASSWORD,
  DEMO_PORTAL_USERS,
  DEMO_USERS,
  apiCall,
  createToken,
  csrfOf,
  login,
  runCli,
  startServer,
  textOf,
} from '../support/harness.mjs';

const newLogin = (prefix) => `${prefix}.${crypto.randomBytes(3).toString('hex')}`;

describe(`JSON API (${DB_KIND})`, () => {
  let server;
  let adminToken;
  before(async () => {
    server = await startServer();
    adminToken = (await createToken(server, 'admin', 'test')).token;
  });
  after(async () => {
    await server?.stop();
  });

  // All users, page by page, with `limit` per page: {logins, pages}.
  async function allUsers(limit) {
    const logins = [];
    const pages = [];
    let cursor = null;
    for (let i = 0; i < 100; ++i) {
      const q = `limit=${limit}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
      const res = await apiCall(server, 'GET', `/api/v1/users?${q}`, { token: adminToken });
      assert.equal(res.status, 200);
      pages.push(res.body);
      logins.push(...res.body.items.map((u) => u.login));
      cursor = res.body.next_cursor;
      if (cursor === null) return { logins, pages };
    }
    assert.fail('the cursor never ended');
  }

  test('GET /api/v1/users pages with a cursor: limit=2 gives the 7 demo users exactly once', async () => {
    const { logins, pages } = await allUsers(2);
    assert.deepEqual([...logins].sort(), [...Object.keys(DEMO_USERS), ...Object.keys(DEMO_PORTAL_USERS)].sort());
    assert.equal(new Set(logins).size, logins.length, 'no user twice');
    for (const page of pages) assert.ok(page.items.length <= 2, 'at most limit items per page');
    assert.ok(pages.length >= 4, `7 users at 2 per page need 4 pages (got ${pages.length})`);
    assert.equal(typeof pages[0].next_cursor, 'string');
    assert.equal(pages.at(-1).next_cursor, null);
    const admin = pages.flatMap((p) => p.items).find((u) => u.login === 'admin');
    assert.equal(admin.display_name, 'Alex Admin');
    assert.deepEqual(admin.roles, ['admin']);
  });

  // One paging scheme for every list: the same parameters, the same errors.
  test('every list refuses limit=0, limit=201, limit=abc and a forged cursor with the same 422', async () => {
    const manager = (await createToken(server, 'manager', 'paging')).token;
    const lists = [
      ['/api/v1/users?', adminToken],
      ['/api/v1/customers?q=dupont&', manager],
      ['/api/v1/service-orders?', manager],
      ['/api/v1/plan-entries?', manager],
    ];
    // Base64url of a cursor of another shape ("2\n5"): refused like garbage.
    const otherShape = Buffer.from('2\n5').toString('base64url');
    for (const [list, token] of lists) {
      for (const q of ['limit=0', 'limit=201', 'limit=abc']) {
        const res = await apiCall(server, 'GET', `${list}${q}`, { token });
        assert.equal(res.status, 422, `${list}${q}: ${res.text}`);
        assert.equal(res.body.code, 'page.limit_invalid', `${list}${q}`);
        assert.equal(res.body.field, 'limit', `${list}${q}`);
      }
      for (const cursor of ['not-a-cursor', otherShape, 'x'.repeat(600)]) {
        const res = await apiCall(server, 'GET', `${list}cursor=${cursor}`, { token });
        assert.equal(res.status, 422, `${list}cursor=${cursor.slice(0, 20)}: ${res.text}`);
        assert.equal(res.body.code, 'page.cursor_invalid', list);
        assert.equal(res.body.field, 'cursor', list);
      }
      const first = await apiCall(server, 'GET', `${list}limit=1`, { token });
      assert.equal(first.status, 200, `${list}limit=1: ${first.text}`);
      assert.ok('next_cursor' in first.body, `${list} answers next_cursor`);
    }
  });

  // Query strings are read by one reader with the codes of the JSON bodies.
  test('every filter refuses a bad value with the code a JSON body would get', async () => {
    const manager = (await createToken(server, 'manager', 'filters')).token;
    const cases = [
      ['/api/v1/campaigns?active=yes', 'active', 'json.type_boolean'],
      ['/api/v1/contact-plans?active=1', 'active', 'json.type_boolean'],
      ['/api/v1/service-orders?customer=abc', 'customer', 'json.type_integer'],
      ['/api/v1/service-orders?campaign=0', 'campaign', 'field.number_invalid'],
      ['/api/v1/service-orders?status=opened', 'status', 'json.code_unknown'],
      ['/api/v1/plan-entries?plan=4,x', 'plan', 'json.type_integer'],
      ['/api/v1/plan-entries?plan=-4', 'plan', 'field.number_invalid'],
      ['/api/v1/plan-entries?user=dupont', 'user', 'json.type_integer'],
      ['/api/v1/plan-entries?from=2026-13-01', 'from', 'field.date_invalid'],
    ];
    for (const [url, field, code] of cases) {
      const res = await apiCall(server, 'GET', url, { token: manager });
      assert.equal(res.status, 422, `${url}: ${res.text}`);
      assert.equal(res.body.code, code, url);
      assert.equal(res.body.field, field, url);
    }
    // In the caller's language (conseiller works in French).
    const conseiller = (await createToken(server, 'conseiller', 'filters')).token;
    const status = await apiCall(server, 'GET', '/api/v1/service-orders?status=opened', { token: conseiller });
    assert.match(status.body.detail, /status doit valoir l’une de ces valeurs\u202f: pending, held, canceled, complete/);
    for (const url of ['/api/v1/campaigns?active=false', '/api/v1/service-orders?status=held&customer=1',
                       '/api/v1/plan-entries?plan=1,2&status=10,20']) {
      const res = await apiCall(server, 'GET', url, { token: manager });
      assert.equal(res.status, 200, `${url}: ${res.text}`);
    }
  });

  test('`rapport token create` prints a token on stdout; GET /api/v1/me with it answers the admin', async () => {
    const created = await runCli(['--db', server.dbUrl, 'token', 'create', '--user', 'admin', '--name', 'test']);
    assert.equal(created.code, 0, created.stderr);
    const lines = created.stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'the token alone on stdout');
    assert.match(created.stderr, /Token \d+ created for admin/);
    const res = await apiCall(server, 'GET', '/api/v1/me', { token: lines[0] });
    assert.equal(res.status, 200);
    assert.equal(res.body.login, 'admin');
    assert.equal(res.body.display_name, 'Alex Admin');
    assert.deepEqual(res.body.roles, ['admin']);
    assert.equal(res.headers.get('idempotent-replayed'), null);
  });

  test('without a token the API answers 401 problem+json with WWW-Authenticate', async () => {
    const res = await apiCall(server, 'GET', '/api/v1/me');
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer\b/);
    assert.equal(res.body.kind, 'unauthenticated');
    assert.equal(res.body.code, 'auth.required');
    const bogus = await apiCall(server, 'GET', '/api/v1/me', { token: 'rpt_not-a-real-token' });
    assert.equal(bogus.status, 401);
    assert.equal(bogus.body.code, 'token.invalid');
    assert.match(bogus.headers.get('www-authenticate') ?? '', /^Bearer\b/);
  });

  test('a revoked token is refused with 401 (revoked by id, and by prefix)', async () => {
    const byId = await createToken(server, 'manager', 'revoke-by-id');
    assert.equal((await apiCall(server, 'GET', '/api/v1/me', { token: byId.token })).status, 200);
    const revoked = await runCli(['--db', server.dbUrl, 'token', 'revoke', byId.id]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /1 token revoked\./);
    const refused = await apiCall(server, 'GET', '/api/v1/me', { token: byId.token });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'token.invalid');

    const byPrefix = await createToken(server, 'manager', 'revoke-by-prefix');
    const list = await runCli(['--db', server.dbUrl, 'token', 'list']);
    const row = list.stdout.split('\n').find((l) => l.startsWith(`${byPrefix.id}\t`));
    assert.ok(row, `token list shows token ${byPrefix.id}:\n${list.stdout}`);
    const prefix = row.split('\t')[1].replace(/…$/, '');
    assert.ok(byPrefix.token.startsWith(prefix), `the listed prefix ${prefix} starts the token`);
    const r = await runCli(['--db', server.dbUrl, 'token', 'revoke', prefix]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await apiCall(server, 'GET', '/api/v1/me', { token: byPrefix.token })).status, 401);
    // The other tokens still work.
    assert.equal((await apiCall(server, 'GET', '/api/v1/me', { token: adminToken })).status, 200);
  });

  test('GET then PUT /api/v1/settings with the version read saves the change', async () => {
    const got = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    assert.equal(got.status, 200);
    const name = `API Co ${crypto.randomBytes(3).toString('hex')}`;
    const put = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken, json: { company_name: name, version: got.body.version },
    });
    assert.equal(put.status, 200);
    assert.equal(put.body.company_name, name);
    assert.ok(put.body.version > got.body.version, 'the version went up');
    assert.equal(put.body.currency, got.body.currency, 'members not sent are kept');
    const again = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    assert.deepEqual(again.body, put.body);
  });

  test('PUT /api/v1/settings with a stale version is refused with 409 record.stale', async () => {
    const got = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    const first = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken, json: { smtp_host: 'mail-one.example.com', version: got.body.version },
    });
    assert.equal(first.status, 200);
    const stale = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken, json: { smtp_host: 'mail-two.example.com', version: got.body.version },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'record.stale');
    assert.equal(stale.body.kind, 'conflict');
    assert.match(stale.body.detail, /Changed by Alex Admin at .+ since you opened it/);
    const now = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    assert.equal(now.body.smtp_host, 'mail-one.example.com');
  });

  test('PUT /api/v1/settings with a body that is not JSON is refused with 422 json.invalid', async () => {
    const res = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken, body: '{"company_name": ', headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'json.invalid');
    const array = await apiCall(server, 'PUT', '/api/v1/settings', { token: adminToken, json: [1, 2] });
    assert.equal(array.status, 422);
    assert.equal(array.body.code, 'json.object_expected');
  });

  test('PUT /api/v1/settings with members of the wrong type is refused with 422 and errors[]', async () => {
    const got = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    const res = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken,
      json: { smtp_port: 'twenty-five', company_name: 42, version: got.body.version },
    });
    assert.equal(res.status, 422);
    assert.ok(Array.isArray(res.body.errors), 'the problem lists the errors');
    const byField = Object.fromEntries(res.body.errors.map((e) => [e.field, e.code]));
    assert.equal(byField.smtp_port, 'json.type_integer');
    assert.equal(byField.company_name, 'json.type_string');

    const invalid = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken, json: { currency: 'XX', smtp_sender: 'nope', version: got.body.version },
    });
    assert.equal(invalid.status, 422);
    assert.deepEqual(invalid.body.errors.map((e) => e.field).sort(), ['currency', 'smtp_sender']);

    const now = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    assert.deepEqual(now.body, got.body, 'nothing was saved');
  });

  test('PUT /api/v1/settings with recalculation of the wrong type is refused with 422, not ignored', async () => {
    const got = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    const res = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: adminToken, json: { recalculation: 5, version: got.body.version },
    });
    assert.equal(res.status, 422, `recalculation: 5 must be refused (got ${res.status} ${res.text})`);
    assert.ok(res.body.errors.some((e) => e.field.startsWith('recalculation')), JSON.stringify(res.body));
    const now = await apiCall(server, 'GET', '/api/v1/settings', { token: adminToken });
    assert.equal(now.body.version, got.body.version, 'nothing was saved');
  });

  test('a CSR may not read the settings: 403, with the detail in French for conseiller', async () => {
    const conseiller = (await createToken(server, 'conseiller')).token;
    const fr = await apiCall(server, 'GET', '/api/v1/settings', { token: conseiller });
    assert.equal(fr.status, 403);
    assert.equal(fr.body.detail, 'Votre rôle ne le permet pas.');
    assert.equal(fr.body.title, 'Non autorisé');
    assert.equal(fr.body.kind, 'forbidden');
    const csr = (await createToken(server, 'csr')).token;
    const en = await apiCall(server, 'GET', '/api/v1/settings', { token: csr });
    assert.equal(en.status, 403);
    assert.equal(en.body.detail, 'Your role does not allow this.');
    assert.equal(en.body.code, fr.body.code, 'the code does not depend on the language');
    const put = await apiCall(server, 'PUT', '/api/v1/settings', { token: csr, json: { version: 1 } });
    assert.equal(put.status, 403);
  });

  test('POST /api/v1/users with the same Idempotency-Key twice creates one user and replays the answer', async () => {
    const key = crypto.randomUUID();
    const user = {
      login: newLogin('idem'), display_name: 'Idem Potent', roles: ['csr'],
      language: 'en', time_zone: 'Europe/Paris', password: 'a-long-password',
    };
    const first = await apiCall(server, 'POST', '/api/v1/users', {
      token: adminToken, json: user, headers: { 'idempotency-key': key },
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.login, user.login);
    assert.equal(first.headers.get('location'), `/api/v1/users/${first.body.id}`);
    assert.equal(first.headers.get('idempotent-replayed'), null);

    const second = await apiCall(server, 'POST', '/api/v1/users', {
      token: adminToken, json: user, headers: { 'idempotency-key': key },
    });
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.text, first.text, 'the same body');
    assert.equal(second.headers.get('location'), first.headers.get('location'), 'the same Location');

    const { logins } = await allUsers(200);
    assert.equal(logins.filter((l) => l === user.login).length, 1, 'one user created');

    const other = await apiCall(server, 'POST', '/api/v1/users', {
      token: adminToken, json: { ...user, display_name: 'Someone Else' }, headers: { 'idempotency-key': key },
    });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'idempotency.key_reused');

    const fetched = await apiCall(server, 'GET', `/api/v1/users/${first.body.id}`, { token: adminToken });
    assert.equal(fetched.status, 200);
    assert.equal(fetched.body.display_name, 'Idem Potent');
  });

  test('POST /api/v1/users with bad input is refused with 422 listing every bad field', async () => {
    const res = await apiCall(server, 'POST', '/api/v1/users', {
      token: adminToken,
      json: { login: 'A B', display_name: 'Bad Input', roles: [], password: 'short' },
    });
    assert.equal(res.status, 422);
    const fields = new Set(res.body.errors.map((e) => e.field));
    for (const f of ['login', 'roles', 'password']) assert.ok(fields.has(f), `errors[] names ${f}: ${JSON.stringify(res.body.errors)}`);
    assert.ok(!fields.has('display_name'), 'a valid field is not reported');
    const { logins } = await allUsers(200);
    assert.ok(!logins.includes('A B'));

    const duplicate = await apiCall(server, 'POST', '/api/v1/users', {
      token: adminToken,
      json: { login: 'csr', display_name: 'Dup', roles: ['csr'], password: 'a-long-password' },
    });
    assert.equal(duplicate.status, 409, `an existing login is a conflict (got ${duplicate.status})`);
  });

  test('POST /api/v1/users with an unknown language is refused with 422, not saved as English', async () => {
    const login = newLogin('lang');
    const res = await apiCall(server, 'POST', '/api/v1/users', {
      token: adminToken,
      json: { login, display_name: 'Deutsch Sprecher', roles: ['csr'], password: 'a-long-password', language: 'de' },
    });
    assert.equal(res.status, 422, `language "de" must be refused (got ${res.status} ${res.text})`);
    assert.equal(res.body.code, 'json.code_unknown');
    assert.equal(res.body.field, 'language');
    assert.match(res.body.detail, /en, fr/, 'the message names the languages allowed');
    const { logins } = await allUsers(200);
    assert.ok(!logins.includes(login), 'no user was created');
  });

  test('a user created by an admin through the API can log in to the web pages', async () => {
    const user = {
      login: newLogin('newbie'), display_name: 'Nora Newbie', roles: ['csr'], password: 'correct horse battery',
    };
    const created = await apiCall(server, 'POST', '/api/v1/users', { token: adminToken, json: user });
    assert.equal(created.status, 201);
    const client = new Client(server);
    const res = await login(client, user.login, user.password);
    assert.equal(res.status, 303, textOf(res.text).slice(0, 300));
    const home = await client.get('/');
    assert.equal(home.status, 200);
    assert.match(textOf(home.text), /Hello, Nora Newbie/);
    // The session also reaches the API (GET needs no CSRF token).
    const me = await apiCall(client, 'GET', '/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.login, user.login);
  });

  test('with a session cookie instead of a token, API writes need the CSRF token', async () => {
    const client = new Client(server);
    assert.equal((await login(client, 'admin', DEMO_PASSWORD)).status, 303);
    const home = await client.get('/');
    const user = { login: newLogin('cookie'), display_name: 'Cookie User', roles: ['csr'], password: 'a-long-password' };
    const refused = await apiCall(client, 'POST', '/api/v1/users', { json: user });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'csrf.invalid');
    const token = csrfOf(home.text);
    const created = await apiCall(client, 'POST', '/api/v1/users', { json: user, headers: { 'x-csrf-token': token } });
    assert.equal(created.status, 201);
    assert.equal(created.body.login, user.login);
  });

  test('a CSR may not list or add users through the API (403)', async () => {
    const csr = (await createToken(server, 'csr', 'csr-users')).token;
    const list = await apiCall(server, 'GET', '/api/v1/users', { token: csr });
    assert.equal(list.status, 403);
    const add = await apiCall(server, 'POST', '/api/v1/users', {
      token: csr, json: { login: newLogin('nope'), display_name: 'No', roles: ['csr'], password: 'a-long-password' },
    });
    assert.equal(add.status, 403);
    const missing = await apiCall(server, 'GET', '/api/v1/users/999999', { token: adminToken });
    assert.equal(missing.status, 404);
  });
});
