// The supervisor's view of the day (issue 18): /supervision for managers
// (the live fragment it polls, links to the filtered lists behind its
// figures, English and French), refused to a CSR; GET
// /api/v1/supervision/today checked against openapi.json and equal to the
// page; the contact plans' gauges in /metrics. The demo data's day.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  Client,
  DB_KIND,
  apiCall,
  createToken,
  decodeEntities,
  loggedInClient,
  startServer,
  textOf,
} from '../support/harness.mjs';

// A figure of the plans' table: the row of plan `code` ('' for the total).
function figure(html, code, name) {
  const row = new RegExp(`<tr data-plan="${code}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `the table has the row of ${code || 'the total'}`);
  const cell = new RegExp(`<td class="num" data-figure="${name}">([\\s\\S]*?)</td>`).exec(row[1]);
  assert.ok(cell, `the row of ${code || 'the total'} has the figure ${name}`);
  const href = /<a href="([^"]+)">/.exec(cell[1]);
  return { text: textOf(cell[1]).trim(), href: href ? decodeEntities(href[1]) : null };
}

const number = (text) => Number(text.replace(/[\s\u202f\u00a0,]/g, ''));

describe(`the supervisor's view of the day (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let token;
  before(async () => {
    server = await startServer({ demoCustomers: 40 });
    manager = await loggedInClient(server, 'manager');
    csr = await loggedInClient(server, 'csr');
    token = (await createToken(server, 'manager')).token;
  });
  after(async () => {
    await server?.stop();
  });

  test('a manager sees the plans, the total and the CSRs, as the API counts them', async () => {
    const page = await manager.get('/supervision');
    assert.equal(page.status, 200, textOf(page.text).slice(0, 300));
    assert.match(page.text, /<a[^>]*href="\/supervision"/, 'the menu has the page');
    assert.match(page.text, /hx-get="\/supervision\/live" hx-trigger="every 5s/, 'it refreshes itself');
    const api = await apiCall(server, 'GET', '/api/v1/supervision/today', { token });
    assert.equal(api.status, 200, api.text);
    const today = api.body;
    assert.deepEqual(today.plans.map((p) => p.code), ['MARKET', 'ORDERS']);
    assert.equal(today.total.due, today.plans.reduce((n, p) => n + p.figures.due, 0));
    assert.ok(today.total.done > 0 && today.total.open > 0, 'some done, some open');
    assert.ok(today.total.callbacks_released >= 1, 'a call-back released to the team');
    assert.equal(today.csrs.length, 2, 'two CSRs called today');
    for (const p of today.plans) {
      assert.equal(number(figure(page.text, p.code, 'due').text), p.figures.due, `${p.code} due`);
      assert.equal(number(figure(page.text, p.code, 'done').text), p.figures.done, `${p.code} done`);
      assert.equal(number(figure(page.text, p.code, 'overdue').text), p.figures.overdue);
    }
    assert.equal(number(figure(page.text, '', 'due').text), today.total.due);
    assert.equal(figure(page.text, '', 'penetration').text.replace(/\s/g, ''),
      `${Math.round(today.total.list_penetration * 100)}%`);
    for (const c of today.csrs) assert.match(page.text, new RegExp(`data-user="${c.user_id}"`));
    assert.equal(figure(page.text, '', 'attempts').href, null, 'attempts have no list of their own');

    const live = await manager.get('/supervision/live');
    assert.equal(live.status, 200);
    assert.doesNotMatch(live.text, /<html/i, 'the fragment alone');
    assert.match(live.text, /data-testid="supervision-plans"/);
  });

  test('each linked figure opens the active list with the same entries', async () => {
    const page = await manager.get('/supervision');
    const api = (await apiCall(server, 'GET', '/api/v1/supervision/today', { token })).body;
    const orders = api.plans.find((p) => p.code === 'ORDERS');
    const checks = [
      ['ORDERS', 'due', orders.figures.due],
      ['ORDERS', 'done', orders.figures.done],
      ['', 's21', api.total.by_status['21']],
      ['', 's10', api.total.by_status['10']],
      ['', 'overdue', api.total.overdue],
      ['', 'window_closed', api.total.overdue_window_closed],
      ['', 'callbacks_overdue', api.total.callbacks_overdue],
      ['', 'callbacks_released', api.total.callbacks_released],
      ['ORDERS', 'overdue', orders.figures.overdue],
    ];
    for (const [code, name, expected] of checks) {
      const { href } = figure(page.text, code, name);
      assert.ok(href?.startsWith('/plan-entries?'), `${code || 'total'} ${name} links to the list`);
      const list = await manager.get(href);
      assert.equal(list.status, 200, href);
      const rows = list.text.match(/<tr data-entry-id="/g) ?? [];
      assert.equal(rows.length, Math.min(expected, 50), `${code || 'total'} ${name}: ${href}`);
      if (['overdue', 'window_closed', 'callbacks_overdue', 'callbacks_released'].includes(name))
        assert.match(list.text, /data-testid="list-focus"/, 'the list says what it shows');
    }
    // A CSR's calls: the entries they called today, each at least once.
    for (const c of api.csrs) {
      const row = new RegExp(`<tr data-user="${c.user_id}"[^>]*>([\\s\\S]*?)</tr>`).exec(page.text);
      assert.ok(row, `the row of CSR ${c.user_id}`);
      const href = /data-figure="calls"><a href="([^"]+)">/.exec(row[1])?.[1];
      assert.ok(href, 'their calls link to the list');
      const list = await manager.get(decodeEntities(href));
      assert.equal(list.status, 200);
      const rows = (list.text.match(/<tr data-entry-id="/g) ?? []).length;
      assert.ok(rows >= 1 && rows <= c.calls, `${rows} entries for ${c.calls} calls`);
      assert.match(textOf(list.text), new RegExp(`entries called by ${c.name}`));
    }
    // A CSR may not list another's calls.
    const other = api.csrs[0].user_id;
    const refused = await csr.get(`/plan-entries?filtered=1&called_by=${other}`);
    assert.equal(refused.status, 403);
    assert.equal((await manager.get('/plan-entries?focus=nonsense')).status, 422);
  });

  test('a CSR is refused the page, its fragment and the API', async () => {
    assert.equal((await csr.get('/supervision')).status, 403);
    assert.equal((await csr.get('/supervision/live')).status, 403);
    const home = await csr.get('/');
    assert.doesNotMatch(home.text, /href="\/supervision"/, 'no menu entry for a CSR');
    const csrToken = (await createToken(server, 'csr')).token;
    const refused = await apiCall(server, 'GET', '/api/v1/supervision/today', { token: csrToken });
    assert.equal(refused.status, 403);
  });

  test('the page in French formats its numbers and percentages the French way', async () => {
    const admin = (await createToken(server, 'admin')).token;
    const created = await apiCall(server, 'POST', '/api/v1/users', {
      token: admin,
      json: { login: 'chef', display_name: 'Chef d’équipe', roles: ['manager'], language: 'fr',
        time_zone: 'Europe/Paris', password: 'a-long-password' },
    });
    assert.equal(created.status, 201, created.text);
    const chef = await loggedInClient(server, 'chef', 'a-long-password');
    const page = await chef.get('/supervision');
    assert.equal(page.status, 200);
    assert.match(textOf(page.text), /Aujourd’hui, en direct/);
    assert.match(textOf(page.text), /Tous les plans/);
    assert.match(page.text, /data-figure="penetration">\d+\u202f%</, 'a narrow no-break space before %');
  });

  test('/metrics has the gauges of the plans, as the API counts them', async () => {
    const api = (await apiCall(server, 'GET', '/api/v1/supervision/today', { token })).body;
    const metrics = await new Client(server).get('/metrics');  // from this machine
    assert.equal(metrics.status, 200);
    for (const name of ['due', 'open', 'overdue'])
      assert.match(metrics.text, new RegExp(`^# TYPE rapport_plan_entries_${name} gauge$`, 'm'));
    for (const p of api.plans) {
      const value = (name) => Number(new RegExp(`^rapport_plan_entries_${name}\\{plan="${p.code}"\\} (\\d+)$`, 'm')
        .exec(metrics.text)?.[1]);
      assert.equal(value('due'), p.figures.due, `${p.code} due`);
      assert.equal(value('open'), p.figures.open, `${p.code} open`);
      assert.equal(value('overdue'), p.figures.overdue, `${p.code} overdue`);
    }
  });
});
