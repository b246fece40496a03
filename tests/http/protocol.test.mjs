// HTTP itself: limits, malformed requests, errors for unknown routes and
// methods, operations endpoints, security headers and static files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client,
  DB_KIND,
  ROOT,
  apiCall,
  rawRequest,
  startServer,
  textOf,
  titleOf,
  validateProblem,
} from '../support/harness.mjs';

function assertSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy is set`);
  const directives = Object.fromEntries(csp.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values.join(' ')];
  }));
  assert.equal(directives['script-src'], "'self'", `${what}: script-src 'self' (got ${csp})`);
  assert.equal(directives['frame-ancestors'], "'none'", `${what}: frame-ancestors 'none' (got ${csp})`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
}

describe(`HTTP protocol and operations (${DB_KIND})`, () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  async function stillServing() {
    const res = await new Client(server).get('/health');
    assert.equal(res.status, 200, 'the server still answers /health');
  }

  test('a body over 1 MiB is refused with 413 problem+json', async () => {
    const res = await new Client(server).post('/login', {
      body: 'a=' + 'x'.repeat(1024 * 1024),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 413);
    const body = res.json();
    validateProblem(res.contentType, body, 'POST /login with 1 MiB + 2 bytes');
    assert.equal(body.status, 413);
    assert.equal(body.title, 'Request too large');
    assertSecurityHeaders(res, '413');
    await stillServing();
  });

  test('a body of just under 1 MiB is read (and refused for what it says, not for its size)', async () => {
    const res = await new Client(server).post('/login', {
      body: 'a=' + 'x'.repeat(1024 * 1024 - 2),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 403, 'no prelogin cookie: the log-in form is refused');
  });

  test('request headers over 16 KiB are refused with 431', async () => {
    const res = await new Client(server).get('/health', { headers: { 'x-filler': 'a'.repeat(17 * 1024) } });
    assert.equal(res.status, 431);
    const body = res.json();
    validateProblem(res.contentType, body, 'GET /health with 17 KiB of headers');
    assert.equal(body.status, 431);
    await stillServing();
  });

  test('a malformed request line gets 400 and the server keeps serving', async () => {
    const res = await rawRequest(server.url, 'GARBAGE\r\n\r\n');
    assert.equal(res.status, 400, `answer: ${res.raw}`);
    assert.equal(res.closedByServer, true, 'the connection is closed after a malformed request');
    validateProblem(res.headers['content-type'], JSON.parse(res.body), 'GARBAGE');
    const bad = await rawRequest(server.url, 'GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n');
    assert.equal(bad.status, 400, `answer: ${bad.raw}`);
    await stillServing();
  });

  test('an unknown page gets a 404 HTML page, in French for Accept-Language: fr', async () => {
    const en = await new Client(server).get('/no/such/page');
    assert.equal(en.status, 404);
    assert.match(en.contentType, /^text\/html/);
    assert.equal(titleOf(en.text), 'Page not found · Rapport');
    assert.match(textOf(en.text), /There is nothing at this address/);
    const fr = await new Client(server).get('/no/such/page', { headers: { 'accept-language': 'fr' } });
    assert.equal(fr.status, 404);
    assert.match(fr.contentType, /^text\/html/);
    assert.equal(titleOf(fr.text), 'Page introuvable · Rapport');
    assert.match(fr.text, /<html lang="fr">/);
  });

  test('an unknown API route gets a 404 problem+json', async () => {
    const res = await apiCall(server, 'GET', '/api/v1/no-such-thing', { undocumented: true });
    assert.equal(res.status, 404);
    assert.equal(res.body.status, 404);
    assert.equal(res.body.kind, 'not_found');
  });

  test('a wrong method gets 405, as a page and as problem+json under /api/', async () => {
    const page = await new Client(server).request('DELETE', '/login');
    assert.equal(page.status, 405);
    assert.match(page.contentType, /^text\/html/);
    assert.match(titleOf(page.text), /Method not allowed/);
    const api = await apiCall(server, 'DELETE', '/api/v1/me', { undocumented: true });
    assert.equal(api.status, 405);
    assert.equal(api.body.status, 405);
  });

  test('405 answers list the allowed methods in Allow (RFC 9110 §15.5.6)', async () => {
    const page = await new Client(server).request('DELETE', '/login');
    assert.equal(page.status, 405);
    const allow = page.headers.get('allow');
    assert.ok(allow, 'a 405 answer has an Allow header');
    assert.deepEqual(allow.split(',').map((m) => m.trim()).filter((m) => m !== 'HEAD').sort(), ['GET', 'POST']);
  });

  test('/health and /ready answer 200', async () => {
    const health = await new Client(server).get('/health');
    assert.equal(health.status, 200);
    assert.equal(health.text.trim(), 'ok');
    const ready = await new Client(server).get('/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.text.trim(), 'ready');
  });

  test('/metrics counts requests by route', async () => {
    const client = new Client(server);
    const count = (text) => {
      const m = /^rapport_http_requests_total\{method="GET",route="\/health",status="200"\} (\d+)$/m.exec(text);
      return m ? Number(m[1]) : 0;
    };
    await client.get('/health');
    const first = await client.get('/metrics');
    assert.equal(first.status, 200);
    assert.match(first.contentType, /^text\/plain/);
    assert.match(first.text, /^# TYPE rapport_http_requests_total counter$/m);
    const before = count(first.text);
    assert.ok(before >= 1, `the /health request is counted:\n${first.text.slice(0, 2000)}`);
    await client.get('/health');
    await client.get('/health');
    const second = await client.get('/metrics');
    assert.equal(count(second.text), before + 2);
    assert.match(second.text, /^rapport_http_requests_total\{method="GET",route="\/metrics",status="200"\} [1-9]\d*$/m);
    assert.match(second.text, /^rapport_http_request_duration_seconds_count\{method="GET",route="\/health"\} \d+$/m);
  });

  test('pages, API answers, errors and static files carry the security headers', async () => {
    const client = new Client(server);
    assertSecurityHeaders(await client.get('/login'), 'GET /login');
    assertSecurityHeaders(await client.get('/nope'), '404 page');
    assertSecurityHeaders(await client.get('/static/app.css'), 'static file');
    const api = await apiCall(server, 'GET', '/api/v1/me');
    assert.equal(api.status, 401);
    assertSecurityHeaders(api, 'API 401');
    const login = await client.get('/login');
    assert.equal(login.headers.get('x-frame-options'), 'DENY');
    assert.match(login.headers.get('cache-control') ?? '', /no-store/);
  });

  test('static files have an ETag and answer 304 to If-None-Match', async () => {
    const client = new Client(server);
    const res = await client.get('/static/vendor/htmx.min.js');
    assert.equal(res.status, 200);
    assert.match(res.contentType, /javascript/);
    const onDisk = fs.readFileSync(path.join(ROOT, 'static', 'vendor', 'htmx.min.js'), 'utf8');
    assert.equal(res.text, onDisk, 'the file is served as it is on disk');
    const etag = res.headers.get('etag');
    assert.match(etag ?? '', /^(W\/)?"[^"]+"$/, `an ETag is set (got ${etag})`);

    const again = await client.get('/static/vendor/htmx.min.js', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.headers.get('etag'), etag);

    const stale = await client.get('/static/vendor/htmx.min.js', { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(stale.status, 200);
    assert.equal(stale.text.length, onDisk.length);

    const missing = await client.get('/static/no-such-file.js');
    assert.equal(missing.status, 404);
    const escape = await client.get('/static/..%2f..%2fapi/openapi.json');
    assert.equal(escape.status, 404, 'no file outside static/ is served');
  });
});
