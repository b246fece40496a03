// The supervisor's view over a period (issue 18, section 2): GET
// /api/v1/supervision/period checked against openapi.json (its tables add
// up, its default is the week ending today, a period too long is refused
// with a translated message); /supervision/period shows the API's figures;
// the CSV export of every table (UTF-8 with a byte order mark, RFC 4180
// quoting, headers in the reader's language, formulas kept as text). The
// demo data's past weeks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createToken,
  loggedInClient,
  startServer,
  textOf,
} from '../support/harness.mjs';

// A CSV file read by the rules it was written by (RFC 4180).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; ++i; }
    else field += c;
  }
  assert.equal(field, '', 'the file ends with a line break');
  return rows;
}

// The CSV as bytes (fetch's text() would drop the byte order mark).
async function csvOf(server, client, target) {
  const res = await fetch(server.url + target, { headers: { cookie: client.cookieHeader() } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.subarray(3).toString('utf8') };
}

const sum = (rows, pick) => rows.reduce((n, r) => n + pick(r.figures), 0);

describe(`the supervisor's view over a period (${DB_KIND})`, () => {
  let server;
  let manager;
  let token;
  let admin;
  before(async () => {
    server = await startServer({ demoCustomers: 40 });
    manager = await loggedInClient(server, 'manager');
    token = (await createToken(server, 'manager')).token;
    admin = (await createToken(server, 'admin')).token;
  });
  after(async () => {
    await server?.stop();
  });

  test('the API: the week ending today by default, tables that add up', async () => {
    const res = await apiCall(server, 'GET', '/api/v1/supervision/period', { token });
    assert.equal(res.status, 200, res.text);
    const p = res.body;
    assert.equal(p.days_count, 7);
    assert.equal(p.days.length, 7);
    assert.equal(p.max_days, 93);
    assert.equal(p.days[6].day, p.to);
    assert.equal(p.days[0].day, p.from);
    const total = p.total;
    assert.ok(total.calls.total > 20, 'the demo data has past calls');
    assert.equal(total.calls.total, sum(p.days, (f) => f.calls.total));
    assert.equal(total.calls.total, sum(p.plans, (f) => f.calls.total));
    assert.equal(total.calls.total, sum(p.categories, (f) => f.calls.total));
    assert.equal(total.entries.total, sum(p.plans, (f) => f.entries.total));
    assert.equal(total.calls.total, ['reached', 'busy', 'no_answer', 'call_back', 'cancelled']
      .reduce((n, k) => n + total.calls[k], 0), 'every call has one outcome');
    assert.ok(Math.abs(total.rates.reached - total.calls.reached / total.calls.total) < 1e-9);
    assert.ok(total.attempts_to_reach >= 1, 'attempts to reach');
    assert.deepEqual(p.plans.map((x) => x.code), ['MARKET', 'ORDERS']);
    assert.equal(p.csrs.length, 2, 'the two demo CSRs called');
    assert.ok(sum(p.csrs, (f) => f.calls.total) <= total.calls.total);
  });

  test('a period too long, reversed or mistyped is refused, in the reader’s language', async () => {
    const long = await apiCall(server, 'GET', '/api/v1/supervision/period?from=2026-01-01&to=2026-04-04', { token });
    assert.equal(long.status, 422, long.text);
    assert.match(JSON.stringify(long.body), /93/);
    assert.equal(long.body.field, 'to');
    const reversed = await apiCall(server, 'GET', '/api/v1/supervision/period?from=2026-03-10&to=2026-03-01', { token });
    assert.equal(reversed.status, 422);
    const typo = await apiCall(server, 'GET', '/api/v1/supervision/period?from=10/03/2026', { token });
    assert.equal(typo.status, 422);
    const quarter = await apiCall(server, 'GET', '/api/v1/supervision/period?from=2026-01-01&to=2026-04-03', { token });
    assert.equal(quarter.status, 200);
    assert.equal(quarter.body.days.length, 93);

    const page = await manager.get('/supervision/period?from=2026-01-01&to=2026-04-04');
    assert.equal(page.status, 422);
    assert.match(textOf(page.text), /A period covers at most 93 days\./);
    assert.match(page.text, /id="to"[^>]*aria-invalid="true"/);
  });

  test('the page shows the API’s figures, charts and links', async () => {
    const api = (await apiCall(server, 'GET', '/api/v1/supervision/period', { token })).body;
    const live = await manager.get('/supervision');
    assert.match(live.text, /href="\/supervision\/period"/, 'the live page links to it');
    const page = await manager.get('/supervision/period');
    assert.equal(page.status, 200);
    assert.match(page.text, /<svg[^>]*class="chart chart-columns"[^>]*role="img"/);
    assert.match(page.text, /<svg[^>]*class="chart"[^>]*role="img"/);
    const foot = /<tr data-testid="period-total">([\s\S]*?)<\/tr>/.exec(page.text)[1];
    const cell = (name) => textOf(new RegExp(`data-figure="${name}">([\\s\\S]*?)</td>`).exec(foot)[1]);
    assert.equal(Number(cell('calls').replace(/\D/g, '')), api.total.calls.total);
    assert.match(cell('reached'), new RegExp(`^${api.total.calls.reached}\\s*${Math.round(api.total.rates.reached * 100)}\\s*%$`));
    for (const t of ['days', 'plans', 'csrs', 'categories'])
      assert.match(page.text, new RegExp(`href="/supervision/period.csv\\?table=${t}&amp;from=${api.from}&amp;to=${api.to}"`));
  });

  test('every table in CSV: UTF-8, quoted, headers in the reader’s language', async () => {
    const api = (await apiCall(server, 'GET', '/api/v1/supervision/period', { token })).body;
    // A CSR whose name needs quoting, and would be a formula: one call today.
    const made = await apiCall(server, 'POST', '/api/v1/users', {
      token: admin,
      json: { login: 'durand', display_name: '=Durand, "Jo"', roles: ['csr'], language: 'en',
        time_zone: 'Europe/Paris', password: 'a-long-password' },
    });
    assert.equal(made.status, 201, made.text);
    const jo = (await createToken(server, 'durand')).token;
    const next = await apiCall(server, 'GET', '/api/v1/plan-entries/next', { token: jo });
    assert.equal(next.status, 200, next.text);
    const entry = next.body.entry ?? next.body;
    const set = await apiCall(server, 'POST', `/api/v1/plan-entries/${entry.id}/status`,
      { token: jo, json: { status: 92, version: entry.version } });
    assert.equal(set.status, 200, set.text);

    for (const table of ['days', 'plans', 'csrs', 'categories']) {
      const { res, bytes, text } = await csvOf(server, manager, `/supervision/period.csv?table=${table}`);
      assert.equal(res.status, 200, table);
      assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.match(res.headers.get('content-disposition'),
        new RegExp(`^attachment; filename="supervision-${table}-${api.from}-${api.to}\\.csv"`));
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark');
      const rows = parseCsv(text);
      const width = rows[0].length;
      for (const r of rows) assert.equal(r.length, width, `${table}: every line has ${width} fields`);
      if (table === 'days') {
        assert.deepEqual(rows[0].slice(0, 4), ['Day', 'Entries planned', 'Done', 'Calls']);
        assert.equal(rows.length, 1 + 7 + 1, 'the header, 7 days, the total');
        assert.equal(rows[8][0], 'All plans');
        assert.equal(Number(rows[8][3]), api.total.calls.total + 1, 'with Jo’s call');
        assert.equal(rows[1][0], api.from);
      }
      if (table === 'plans') assert.deepEqual(rows.slice(1).map((r) => r[0]), ['MARKET', 'ORDERS']);
      if (table === 'csrs') {
        const jo = rows.find((r) => r[0].includes('Durand'));
        assert.ok(jo, 'Jo is a row');
        assert.equal(jo[0], '\'=Durand, "Jo"', 'the name whole, kept from being a formula');
        assert.equal(jo[1], '1');
        assert.match(text, /"'=Durand, ""Jo"""/, 'quoted, its quotes doubled');
        assert.ok(rows[0].includes('Reached (%)'));
      }
    }

    const chef = await apiCall(server, 'POST', '/api/v1/users', {
      token: admin,
      json: { login: 'cheffe', display_name: 'Cheffe', roles: ['manager'], language: 'fr',
        time_zone: 'Europe/Paris', password: 'a-long-password' },
    });
    assert.equal(chef.status, 201, chef.text);
    const cheffe = await loggedInClient(server, 'cheffe', 'a-long-password');
    const fr = await csvOf(server, cheffe, '/supervision/period.csv?table=csrs');
    assert.deepEqual(parseCsv(fr.text)[0].slice(0, 3), ['Conseiller', 'Appels', 'Joints']);
    const days = parseCsv((await csvOf(server, cheffe, '/supervision/period.csv?table=days')).text);
    assert.equal(days[0][1], 'Entrées planifiées', 'accents in UTF-8');
    const tooLong = await cheffe.get('/supervision/period?from=2026-01-01&to=2026-04-04');
    assert.equal(tooLong.status, 422);
    assert.match(textOf(tooLong.text), /Une période couvre au plus 93 jours\./);
    assert.match(days[1][0], /^\d{4}-\d{2}-\d{2}$/, 'dates and numbers stay machine-readable');

    assert.equal((await manager.get('/supervision/period.csv?table=nope')).status, 404);
    const csr = await loggedInClient(server, 'csr');
    assert.equal((await csr.get('/supervision/period.csv?table=days')).status, 403);
    assert.equal((await csr.get('/supervision/period')).status, 403);
    const csrToken = (await createToken(server, 'csr')).token;
    assert.equal((await apiCall(server, 'GET', '/api/v1/supervision/period', { token: csrToken })).status, 403);
  });
});
