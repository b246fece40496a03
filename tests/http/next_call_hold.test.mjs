// Who holds an entry, on the active list: Next call holds the entry it
// offers for the CSR who pressed it (domain::kNextCallHold); the list —
// the supervisor's and the CSRs', page and JSON — says "held by <CSR>
// until HH:MM" (in the reader's time and language) while the hold lasts,
// and no longer once the CSR has set an outcome. Every JSON answer is
// checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createCustomer, createToken, loggedInClient, sleep, startServer, textOf,
} from '../support/harness.mjs';

const hex = (n) => crypto.randomBytes(n).toString('hex');
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const HOLD_MINUTES = 15;

describe(`Next call's hold on the active list (${DB_KIND})`, () => {
  let server, admin, manager, csr, conseiller, plan;
  const zones = {};  // login → the zone their pages show times in

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  const hhmm = (instant, zone) => new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(instant));
  const listed = async (token = manager) =>
    expectStatus(await call('GET', `/api/v1/plan-entries?plan=${plan.id}&from=${day(-1)}&to=${day(1)}&limit=200`, token),
                 200, 'the list').items;
  // The rows of the list page: entry id → the row's text.
  async function pageRows(login) {
    const client = await loggedInClient(server, login);
    const page = await client.get(`/plan-entries?filtered=1&plan=${plan.id}&user=any&from=${day(-1)}&to=${day(1)}&status=10&status=92`);
    assert.equal(page.status, 200);
    const rows = new Map();
    for (const m of page.text.matchAll(/<tr data-entry-id="(\d+)"[\s\S]*?<\/tr>/g)) rows.set(Number(m[1]), textOf(m[0]));
    assert.ok(rows.size > 0, `the ${login}'s list has rows`);
    return rows;
  }

  before(async () => {
    server = await startServer();
    admin = (await createToken(server, 'admin', 'hold')).token;
    manager = (await createToken(server, 'manager', 'hold')).token;
    csr = (await createToken(server, 'csr', 'hold')).token;
    conseiller = (await createToken(server, 'conseiller', 'hold')).token;
    const installation = expectStatus(await call('GET', '/api/v1/settings', admin), 200, 'settings').time_zone;
    for (const [login, token] of [['manager', manager], ['conseiller', conseiller]]) {
      const me = expectStatus(await call('GET', '/api/v1/me', token), 200, 'me');
      zones[login] = me.time_zone || installation;
    }
    // A team plan (no responsible CSR) every day, two customers callable all day.
    plan = expectStatus(await call('POST', '/api/v1/contact-plans', manager, {
      code: `H${hex(3)}`, name_en: 'Hold', name_fr: 'Réservation', weekdays: [1, 2, 3, 4, 5, 6, 7], valid_from: day(-2),
    }), 201, 'plan');
    for (const family of ['Tenu', 'Libre']) {
      const c = (await createCustomer(server, csr, {
        given_name: 'Odile', family_name: `${family}-${hex(3)}`, language: 'fr',
        address: { line1: '3 rue de la Paix', postal_code: '75002', city: 'Paris', country: 'FR' },
        phones: [{ type: 'mobile', number: '06 98 76 54 32' }], proceed: true,
      })).customer;
      expectStatus(await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr, {
        customer_id: c.id, earliest: '00:00', latest: '24:00',
      }), 201, 'contact info');
    }
    const job = expectStatus(await call('POST', '/api/v1/plan-generations', manager,
                                        { plans: [plan.id], from: day(-1), to: day(1) }), 202, 'generation');
    for (let i = 0; i < 300; ++i) {
      const j = expectStatus(await call('GET', job.url, manager), 200, 'job');
      if (j.finished) {
        assert.equal(j.status, 'done', j.message);
        return;
      }
      await sleep(100);
    }
    assert.fail('the generation did not finish');
  });
  after(async () => {
    await server?.stop();
  });

  test('A presses Next call: the supervisor and another CSR see A’s hold; after A sets an outcome they no longer do', async () => {
    const before = await listed();
    assert.ok(before.length >= 2, 'entries were generated');
    assert.ok(before.every((e) => e.held_by === null), 'nobody holds anything yet');

    const pressed = Date.now();
    const offered = expectStatus(await call('GET', '/api/v1/plan-entries/next', csr), 200, 'A’s next call');
    assert.equal(offered.plan_id, plan.id);
    // Another CSR's Next call gets the other customer, and holds it.
    const other = expectStatus(await call('GET', '/api/v1/plan-entries/next', conseiller), 200, 'B’s next call');
    assert.notEqual(other.id, offered.id, 'never the entry A holds');

    const held = await listed();
    const mine = held.find((e) => e.id === offered.id);
    assert.equal(mine.held_by.user_name, 'Sam Carter');
    const until = Date.parse(mine.held_by.until);
    assert.ok(until >= pressed + HOLD_MINUTES * 60_000 - 2_000 && until <= Date.now() + HOLD_MINUTES * 60_000 + 2_000,
              `held for ${HOLD_MINUTES} minutes: ${mine.held_by.until}`);
    assert.equal(held.find((e) => e.id === other.id).held_by.user_name, 'Camille Lefèvre');
    assert.ok(held.filter((e) => e.id !== offered.id && e.id !== other.id).every((e) => e.held_by === null),
              'only the offered entries are held');
    const aId = expectStatus(await call('GET', '/api/v1/me', csr), 200, 'me').id;
    assert.equal(mine.held_by.user_id, aId);
    // The CSRs' JSON list says the same.
    assert.deepEqual((await listed(conseiller)).find((e) => e.id === offered.id).held_by, mine.held_by);

    // The pages: the supervisor's in English, a French CSR's in French, each in their own time.
    const supervisor = await pageRows('manager');
    assert.match(supervisor.get(offered.id), new RegExp(`Held by Sam Carter until ${hhmm(until, zones.manager)}`));
    assert.match(supervisor.get(other.id), /Held by Camille Lefèvre until \d{2}:\d{2}/);
    const french = await pageRows('conseiller');
    assert.match(french.get(offered.id), new RegExp(`Pris en charge par Sam Carter jusqu’à ${hhmm(until, zones.conseiller)}`));
    for (const [id, text] of supervisor)
      if (id !== offered.id && id !== other.id) assert.doesNotMatch(text, /Held by/, `entry ${id} is not held`);

    // A sets an outcome: the hold ends, on the JSON and the page.
    expectStatus(await call('POST', `/api/v1/plan-entries/${offered.id}/status`, csr, {
      status: 92, note: 'No order today', version: offered.version,
    }), 200, 'A’s outcome');
    const afterwards = await listed();
    assert.equal(afterwards.find((e) => e.id === offered.id).held_by, null);
    assert.equal(afterwards.find((e) => e.id === other.id).held_by.user_name, 'Camille Lefèvre', 'B still holds theirs');
    const page = await pageRows('manager');
    assert.doesNotMatch(page.get(offered.id), /Held by/);
    assert.match(page.get(other.id), /Held by Camille Lefèvre/);
  });
});
