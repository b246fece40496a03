// One rule, two faces: the same use case through the pages and through the
// JSON API gives the same outcome, because app/ decides and the faces only
// parse input (issue "one rule in one place"). Each test would have failed
// when the rule was written in web/: the API's default language was English
// whatever the installation said, a generation started from the page
// refused an empty plan list that the API read as "every active plan", and
// "today" was UTC on some pages and the caller's zone in the API.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  apiCall,
  createToken,
  formOf,
  loggedInClient,
  pageWithCsrf,
  sleep,
  startServer,
  textOf,
} from '../support/harness.mjs';

// "YYYY-MM-DD" of the instant `at` in `zone`.
function dayIn(zone, at = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
function addDays(day, n) {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('one rule, two faces', () => {
  let server;
  let admin;
  let manager;
  let csr;
  let fulfilment;
  const tag = crypto.randomBytes(3).toString('hex');
  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });

  before(async () => {
    server = await startServer();
    admin = (await createToken(server, 'admin', 'faces')).token;
    manager = (await createToken(server, 'manager', 'faces')).token;
    csr = (await createToken(server, 'csr', 'faces')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'faces')).token;
  });
  after(async () => {
    await server?.stop();
  });

  async function settings() {
    const got = await call('GET', '/api/v1/settings', admin);
    assert.equal(got.status, 200, got.text);
    return got.body;
  }

  test("a new customer takes the installation's default language through the form and the API alike", async () => {
    // French by default, so that a face that falls back to English shows.
    const before = await settings();
    const put = await call('PUT', '/api/v1/settings', admin, { default_language: 'fr', version: before.version });
    assert.equal(put.status, 200, put.text);

    const viaApi = await call('POST', '/api/v1/customers', csr, {
      given_name: 'Inès', family_name: `Api${tag}`,
      address: { line1: '3 rue Nationale', postal_code: '37000', city: 'Tours', country: 'FR' },
    });
    assert.equal(viaApi.status, 201, viaApi.text);
    assert.equal(viaApi.body.customer.language, 'fr', 'the API: no language sent, the installation\'s');

    const client = await loggedInClient(server, 'csr');
    const page = await pageWithCsrf(client, `/customers/new?q=${encodeURIComponent(`Inès Form${tag} 06 71 82 93 04`)}`);
    const form = formOf(page.html, '/customers');
    assert.ok(form, 'the new customer form');
    // The search text is split by the same rule as Add order: the phone is
    // not part of the name.
    assert.equal(form.fields.given_name, 'Inès');
    assert.equal(form.fields.family_name, `Form${tag}`);
    assert.equal(form.fields.phone, '06 71 82 93 04');
    assert.equal(form.fields.language, 'fr', 'the form starts from the installation\'s language');
    const saved = await client.postForm('/customers', {
      ...form.fields, _csrf: page.csrf, line1: '5 rue Nationale', postal_code: '37000', city: 'Tours',
      country: 'FR', customer_class: form.fields.customer_class || 'residential',
    });
    assert.equal(saved.status, 303, textOf(saved.text).slice(0, 400));
    const id = /\/customers\/(\d+)/.exec(saved.location)?.[1];
    assert.ok(id, saved.location);
    const viaForm = await call('GET', `/api/v1/customers/${id}`, csr);
    assert.equal(viaForm.body.customer.language, 'fr');
    assert.equal(viaForm.body.customer.language, viaApi.body.customer.language, 'both faces agree');
  });

  test('a generation started with nothing chosen runs the same parameters from the page and the API', async () => {
    const { time_zone: zone } = await settings();
    const today = dayIn(zone);
    // Two active plans; "every active plan" is both.
    for (const code of [`A${tag}`, `B${tag}`]) {
      const made = await call('POST', '/api/v1/contact-plans', manager, {
        code, name_en: `Plan ${code}`, weekdays: [1, 2, 3, 4, 5], valid_from: addDays(today, -7),
      });
      assert.equal(made.status, 201, made.text);
    }

    const viaApi = await call('POST', '/api/v1/plan-generations', manager, { simulate: true });
    assert.equal(viaApi.status, 202, viaApi.text);
    const apiParams = viaApi.body.params;

    const client = await loggedInClient(server, 'manager');
    const page = await pageWithCsrf(client, '/plans/generate');
    const form = formOf(page.html, '/plans/generate');
    assert.equal(form.fields.from, today, "the form's first day is today in the installation's calendar");
    assert.equal(form.fields.to, addDays(today, 6), 'for a week');
    assert.ok(!('plans' in form.fields), 'no plan is ticked');
    // Nothing ticked, the dates emptied: app's defaults, as for the API.
    const started = await client.postForm('/plans/generate', { _csrf: page.csrf, from: '', to: '', simulate: '1' });
    assert.equal(started.status, 303, textOf(started.text).slice(0, 400));
    const job = /\/jobs\/(\d+)/.exec(started.location)?.[1];
    assert.ok(job, started.location);
    const got = await call('GET', `/api/v1/jobs/${job}`, manager);
    assert.equal(got.status, 200, got.text);

    assert.equal(apiParams.from, today);
    assert.equal(apiParams.to, addDays(today, 6));
    assert.ok(apiParams.plans.length >= 2, 'every active plan');
    assert.deepEqual(got.body.params, apiParams, 'the page and the API resolve the same parameters');
    for (let i = 0; i < 100 && !(await call('GET', `/api/v1/jobs/${job}`, manager)).body.finished; ++i) await sleep(100);
  });

  test('a generation of more than 10,000 customer ids is refused on the page and the API before a job starts', async () => {
    // Issue 13, finding 13: 520,000 ids were accepted with 202, then the job failed.
    const { time_zone: zone } = await settings();
    const made = await call('POST', '/api/v1/contact-plans', manager, {
      code: `M${tag}`, name_en: `Many ${tag}`, weekdays: [1, 2, 3, 4, 5], valid_from: dayIn(zone),
    });
    assert.equal(made.status, 201, made.text);
    const one = await call('POST', '/api/v1/customers', manager, {
      family_name: `Many${tag}`, given_name: 'Max', proceed: true,
      address: { line1: '2 rue Basse', postal_code: '75002', city: 'Paris', country: 'FR' },
    });
    assert.equal(one.status, 201, one.text);
    const ids = Array(10001).fill(one.body.customer.id);  // a customer that exists, 10,001 times
    const api = await call('POST', '/api/v1/plan-generations', manager, { plans: [made.body.id], customers: ids, simulate: true });
    assert.equal(api.status, 422, api.text.slice(0, 300));
    assert.equal(api.body.code, 'generation.too_many');
    assert.equal(api.body.field, 'customers');
    assert.match(api.body.detail, /10,000/);

    const client = await loggedInClient(server, 'manager');
    const page = await pageWithCsrf(client, '/plans/generate');
    const res = await client.postForm('/plans/generate', {
      _csrf: page.csrf, plans: made.body.id, customers: ids.join(' '), simulate: '1',
      from: dayIn(zone), to: addDays(dayIn(zone), 6),
    });
    assert.equal(res.status, 422, textOf(res.text).slice(0, 300));
    assert.match(textOf(res.text), /At most 10,000/);
  });

  test('roles: what a page offers is what the API allows', async () => {
    // Fulfilment neither adds customers nor works the lists.
    const client = await loggedInClient(server, 'fulfilment');
    const home = await client.get('/');
    assert.equal(home.status, 200);
    assert.ok(!home.text.includes('href="/plan-entries"'), 'no Calls in the menu');
    assert.ok(!home.text.includes('href="/customers/new"'), 'no Add customer card');
    assert.equal((await client.get('/customers/new')).status, 403, 'the page refuses');
    const api = await call('POST', '/api/v1/customers', fulfilment, { family_name: 'Nope', address: { country: 'FR' } });
    assert.equal(api.status, 403, 'the API refuses');
    assert.equal((await client.get('/plan-entries')).status, 403);
    assert.equal((await call('GET', '/api/v1/plan-entries', fulfilment)).status, 403);

    // Fulfilment works the fulfilment queue, not the customer desk (issue
    // 13, finding 14): no customer search, 360° view or interaction, on
    // the page or through the API; its home page and account stay.
    assert.ok(!home.text.includes('href="/customers"'), 'no Customers in the menu');
    assert.ok(!home.text.includes('action="/customers/open"'), 'no customer search box');
    assert.equal((await client.get('/customers?phone=0612345678')).status, 403, 'search page');
    assert.equal((await client.get('/customers/suggest?q=Martin')).status, 403, 'suggestions');
    assert.equal((await client.get('/customers/open?q=Martin')).status, 403, 'the header search');
    for (const query of ['phone=0612345678', 'email=a%40example.com', 'q=1980-01-01', 'name=Martin']) {
      const res = await call('GET', `/api/v1/customers?${query}`, fulfilment);
      assert.equal(res.status, 403, `API search by ${query}`);
    }
    const someone = await call('POST', '/api/v1/customers', csr, {
      family_name: `Desk${tag}`, given_name: 'Ann', proceed: true,
      address: { line1: '1 rue Haute', postal_code: '75001', city: 'Paris', country: 'FR' },
    });
    assert.equal(someone.status, 201, someone.text);
    const id = someone.body.customer.id;
    assert.equal((await client.get(`/customers/${id}`)).status, 403, 'the 360° page');
    assert.equal((await call('GET', `/api/v1/customers/${id}`, fulfilment)).status, 403, 'the 360° API');
    const logged = await call('POST', `/api/v1/customers/${id}/interactions`, fulfilment, {
      channel: 'call', direction: 'inbound', summary: 'Asked about a delivery',
    });
    assert.equal(logged.status, 403, 'no interaction logged through the API');
    assert.equal((await client.get('/account')).status, 200, 'the own account stays');
    assert.equal((await call('GET', '/api/v1/me', fulfilment)).status, 200, 'GET /me stays');

    // A CSR works the lists but does not start generations.
    const csrClient = await loggedInClient(server, 'csr');
    const csrHome = await csrClient.get('/');
    assert.ok(csrHome.text.includes('href="/plan-entries"'), 'Calls in the menu');
    assert.ok(!csrHome.text.includes('href="/plans"'), 'no Plans in the menu');
    assert.equal((await csrClient.get('/plans/generate')).status, 403);
    assert.equal((await call('POST', '/api/v1/plan-generations', csr, {})).status, 403);
  });
});
