// The portal's authorisation walk (issue 16, "Scoping enforced in app/"),
// against the real binary on SQLite and PostgreSQL with the real SMTP sink:
// two portal customers A and B, each with a quote, a sales order fulfilled
// into an asset, and an API token. Every route of the router
// (`rapport routes --json`) and every operation of api/openapi.json is
// walked, so a route added later is covered without editing this test:
//   - a staff route answers 403 to a customer's session (pages, with the
//     real CSRF token on POSTs so the handler's own check answers) and token;
//   - a portal route (/portal/…, /api/v1/portal/…) with path parameters,
//     filled with the other customer's ids by parameter name, answers 404
//     with the very body of an id that does not exist; with one's own ids a
//     GET answers 200 (or a documented status other than 403/404) and a POST
//     never 403;
//   - staff on a portal route get 403, anonymous the log-in page (pages) or
//     401 (API);
// and the records of both, read by staff, are as they were after every
// request refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client, DB_KIND, OPENAPI_PATH, apiCall, csrfOf, loggedInClient, runCli,
  startServer, startSink, textOf,
} from '../support/harness.mjs';
import { portalFixture } from '../support/portal.mjs';
import { portalRecords } from '../support/portal_records.mjs';

const OPENAPI = JSON.parse(fs.readFileSync(OPENAPI_PATH, 'utf8'));
// An id no record has.
const MISSING = '999999999';
// The path parameters a portal route may have, by record kind (see
// /work/tools/portal-common.md): each customer's record of that kind.
const KINDS = ['quote', 'order', 'asset', 'interaction', 'product', 'line', 'literature'];

const isPortal = (pattern) => pattern === '/portal' || pattern.startsWith('/portal/') ||
  pattern.startsWith('/api/v1/portal/');
const isApi = (pattern) => pattern.startsWith('/api/');
const paramsOf = (pattern) => [...pattern.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

describe(`portal authorisation walk (${DB_KIND})`, () => {
  let folder, sink, server, portal, csr, staffPage, staffCsrf;
  let routes;
  const customers = {};  // 'A', 'B' → { ...portal customer, ids: {kind → id}, csrf }

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text?.slice(0, 400)}`);
    return res.body;
  }

  // `pattern` with each parameter set from `ids` (by name), or every one to
  // MISSING; an unknown parameter name fails the walk.
  function fill(pattern, ids) {
    return pattern.replace(/\{([^}]+)\}/g, (whole, name) => {
      assert.ok(KINDS.includes(name),
                `${pattern}: the path parameter {${name}} is not a record kind the walk knows ` +
                `(${KINDS.join(', ')}): name it so, or add it to KINDS and to the customers' ids in ` +
                'tests/http/portal_authorisation.test.mjs');
      return ids === null ? MISSING : String(ids[name]);
    });
  }

  // Bodies that pass the checks of their shape, so that the handler gets
  // as far as looking the record up: for the API, the required members of
  // the operation's request schema with plain values; for pages, the
  // fields portal forms have (unknown ones are ignored).
  const PLAUSIBLE_FORM = 'quantity=1&version=1&name=Claire%20Client&accepted_by=Claire%20Client' +
    '&acknowledged=1&acknowledge=1&change=disconnect&product_id=1';
  function resolve(schema) {
    if (schema?.$ref) return resolve(schema.$ref.split('/').slice(1).reduce((o, k) => o[k], OPENAPI));
    return schema ?? {};
  }
  function sample(schema, depth = 0, name = '') {
    const s = resolve(schema);
    if (s.enum) return s.enum[0];
    if (s.allOf) return Object.assign({}, ...s.allOf.map((x) => sample(x, depth)));
    if (s.oneOf || s.anyOf) return sample((s.oneOf ?? s.anyOf)[0], depth);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type) {
      case 'integer': case 'number': return Math.max(1, s.minimum ?? 1);
      case 'boolean': return true;
      case 'array': return [];
      case 'string':
        if (s.format === 'date') return new Date().toISOString().slice(0, 10);
        return /quantity|price|amount/.test(name) ? '1' : 'Claire Client';
      default: {
        const out = {};
        if (depth > 3) return out;
        for (const key of s.required ?? []) out[key] = sample(s.properties?.[key], depth + 1, key);
        return out;
      }
    }
  }
  function sampleBody(method, pattern) {
    const schema = OPENAPI.paths[pattern]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
    return schema ? sample(schema) : {};
  }

  // One request as `who` (a portal customer, 'staff' or null: anonymous) on
  // a page (session and CSRF token) or the API (token).
  async function send(who, method, pattern, target) {
    const api = isApi(pattern);
    const mutating = method !== 'GET' && method !== 'HEAD';
    if (api) {
      const headers = { accept: 'application/json' };
      const token = who === 'staff' ? csr : who?.token;
      if (token) headers.authorization = `Bearer ${token}`;
      return new Client(server).request(method, target, {
        headers, json: mutating ? sampleBody(method, pattern) : undefined,
      });
    }
    const client = who === 'staff' ? staffPage : who ? who.client : new Client(server);
    const csrf = who === 'staff' ? staffCsrf : who?.csrf;
    return client.request(method, target, {
      headers: { accept: 'text/html', ...(mutating ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: mutating ? (csrf ? `_csrf=${encodeURIComponent(csrf)}&${PLAUSIBLE_FORM}` : PLAUSIBLE_FORM) : undefined,
    });
  }
  const said = (res) => `${res.status} ${(res.contentType.includes('json') ? res.text : textOf(res.text)).slice(0, 200)}`;

  // What staff read of `c`'s records (compared before and after the walk).
  async function snapshot(c) {
    const read = async (target) => expectStatus(await call('GET', target, csr), 200, target);
    return {
      customer: await read(`/api/v1/customers/${c.customer.id}`),
      quote: await read(`/api/v1/quotes/${c.ids.quote}`),
      order: await read(`/api/v1/sales-orders/${c.ids.order}`),
      asset: await read(`/api/v1/assets/${c.ids.asset}`),
      orders: await read(`/api/v1/sales-orders?customer=${c.customer.id}`),
      quotes: await read(`/api/v1/quotes?customer=${c.customer.id}`),
    };
  }

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-portal-authz-'));
    sink = await startSink(folder);
    server = await startServer();
    portal = await portalFixture(server, folder, sink.port);
    csr = portal.csrToken;
    const listed = await runCli(['--db', server.dbUrl, 'routes', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    routes = JSON.parse(listed.stdout);
    // Every operation of the document, as a route (they are one list).
    for (const [pattern, ops] of Object.entries(OPENAPI.paths))
      for (const method of Object.keys(ops).filter((m) => m !== 'parameters'))
        if (!routes.some((r) => r.method === method.toUpperCase() && r.pattern === pattern))
          routes.push({ method: method.toUpperCase(), pattern, access: 'staff', fromDocument: true });

    // The catalog: a product on the default list, and one on a list only B has.
    const made = await portalRecords(server);
    const common = await made.priceList({ isDefault: true });
    const bOnly = await made.priceList();
    for (const name of ['A', 'B']) {
      const c = await portal.customer({ language: name === 'A' ? 'en' : 'fr' });
      if (name === 'B') await made.useList(c.customer.id, bOnly.list.id);
      c.ids = await made.records(c.customer.id, (name === 'A' ? common : bOnly).product);
      const home = await c.client.get('/portal');
      assert.equal(home.status, 200, `${name}'s portal home`);
      // (The portal's layout has no htmx: the token of its forms.)
      c.csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1];
      assert.ok(c.csrf, `${name}'s portal page has a CSRF token`);
      customers[name] = c;
    }
    staffPage = await loggedInClient(server, 'csr');
    staffCsrf = csrfOf((await staffPage.get('/')).text);
  });
  after(async () => {
    await server?.stop();
    sink?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('the walk sees the portal routes of the router and the document', () => {
    const portalRoutes = routes.filter((r) => isPortal(r.pattern));
    assert.ok(portalRoutes.some((r) => r.pattern === '/portal' && r.access === 'customer'), '/portal is listed');
    assert.ok(portalRoutes.some((r) => r.method === 'POST' && r.pattern === '/api/v1/portal/assets/{asset}/requests'),
              'the portal API is listed');
    for (const r of routes.filter((x) => x.fromDocument))
      assert.fail(`${r.method} ${r.pattern} of openapi.json is not a route of the router`);
    for (const r of portalRoutes.filter((x) => x.access !== 'customer' && x.access !== 'open'))
      assert.fail(`${r.method} ${r.pattern}: a portal route must be registered with Access::customer`);
  });

  test('every staff route answers 403 to a customer\'s session and token', async () => {
    const A = customers.A;
    const problems = [];
    let walked = 0;
    for (const route of routes.filter((r) => r.access === 'staff' && !r.hashes_password && r.pattern !== '/logout')) {
      // Parameters of staff routes are any ids: the access check comes first.
      const target = route.pattern.replace(/\{[^}]+\}/g, String(A.ids.order));
      const res = await send(A, route.method, route.pattern, target);
      ++walked;
      if (res.status !== 403) problems.push(`${route.method} ${target} as customer A: ${said(res)}`);
    }
    console.log(`staff routes walked as a customer: ${walked}`);
    assert.ok(walked > 100, `only ${walked} staff routes`);
    assert.deepEqual(problems, []);
  });

  test('every portal route with another customer\'s ids answers 404, the very answer of an id that does not exist', async () => {
    const problems = [];
    let walked = 0;
    const before = { A: await snapshot(customers.A), B: await snapshot(customers.B) };
    for (const route of routes.filter((r) => isPortal(r.pattern) && r.access === 'customer')) {
      if (paramsOf(route.pattern).length === 0) continue;
      for (const [me, other] of [['A', 'B'], ['B', 'A']]) {
        const who = customers[me];
        const theirs = fill(route.pattern, customers[other].ids);
        const missing = fill(route.pattern, null);
        const got = await send(who, route.method, route.pattern, theirs);
        const unknown = await send(who, route.method, route.pattern, missing);
        ++walked;
        if (got.status !== 404) problems.push(`${route.method} ${theirs} (${other}'s) as ${me}: ${said(got)}`);
        if (unknown.status !== 404) problems.push(`${route.method} ${missing} as ${me}: ${said(unknown)}`);
        // The same answer but for the address it was asked at (a page's
        // language switch sends back to it).
        if (got.text.replaceAll(theirs, '{path}') !== unknown.text.replaceAll(missing, '{path}') ||
            got.contentType !== unknown.contentType)
          problems.push(`${route.method} ${theirs} as ${me}: the 404 differs from an unknown id's:\n` +
                        `  ${said(got)}\n  ${said(unknown)}`);
      }
    }
    console.log(`portal routes with parameters walked with the other customer's ids: ${walked / 2}`);
    assert.ok(walked >= 2, 'the portal has routes with path parameters');
    assert.deepEqual(problems, []);
    // Nothing was changed by the requests refused (staff read both customers).
    for (const name of ['A', 'B'])
      assert.deepEqual(await snapshot(customers[name]), before[name], `${name}'s records are unchanged`);
  });

  test('every portal route with one\'s own ids: a GET answers (not 403/404), a POST is never refused as another\'s', async () => {
    const problems = [];
    const portalRoutes = routes.filter((r) => isPortal(r.pattern) && r.access === 'customer');
    // GETs first: a POST may change what they show.
    const ordered = [...portalRoutes.filter((r) => r.method === 'GET'), ...portalRoutes.filter((r) => r.method !== 'GET')];
    for (const route of ordered) {
      for (const me of ['A', 'B']) {
        const who = customers[me];
        const target = fill(route.pattern, who.ids);
        const res = await send(who, route.method, route.pattern, target);
        const what = `${route.method} ${target} (own) as ${me}`;
        if (res.status >= 500 || res.status === 403 || res.status === 401)
          problems.push(`${what}: ${said(res)}`);
        else if (route.method === 'GET') {
          const documented = OPENAPI.paths[route.pattern]?.get?.responses;
          const fine = documented ? String(res.status) in documented && res.status !== 404
                                  : res.status === 200 || res.status === 303;
          if (!fine) problems.push(`${what}: ${said(res)}`);
        } else if (![200, 201, 204, 303, 404, 409, 422].includes(res.status)) {
          problems.push(`${what}: ${said(res)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('staff get 403 on every portal route; anonymous the log-in page or 401', async () => {
    const problems = [];
    const A = customers.A;
    const before = await snapshot(A);
    for (const route of routes.filter((r) => isPortal(r.pattern) && r.access === 'customer')) {
      const target = fill(route.pattern, A.ids);
      const staff = await send('staff', route.method, route.pattern, target);
      if (staff.status !== 403) problems.push(`${route.method} ${target} as a CSR: ${said(staff)}`);
      const anonymous = await send(null, route.method, route.pattern, target);
      if (isApi(route.pattern)) {
        if (anonymous.status !== 401) problems.push(`${route.method} ${target} anonymous: ${said(anonymous)}`);
      } else if (route.method === 'GET') {
        if (anonymous.status !== 303 || !anonymous.location?.startsWith('/login'))
          problems.push(`${route.method} ${target} anonymous: ${said(anonymous)} → ${anonymous.location}`);
      } else if (!(anonymous.status === 303 && anonymous.location?.startsWith('/login')) && anonymous.status !== 403) {
        // A form posted without a session is refused before the handler.
        problems.push(`${route.method} ${target} anonymous: ${said(anonymous)} → ${anonymous.location}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(await snapshot(A), before, 'A\'s records are unchanged by staff and anonymous requests');
  });
});
