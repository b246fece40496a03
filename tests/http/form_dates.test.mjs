// Every page form with a date or a number typed by the user: an empty or a
// malformed value comes back as the form with the error beside the field
// (422), never a server error — the form re-rendered with what was typed.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createCustomer,
  createToken,
  errorBeside,
  formOf,
  loggedInClient,
  pageWithCsrf,
  startServer,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex');

const BAD_DATES = ['', 'garbage', '2026-13-45', '2026-02-30', '31/12/2026', '0000-00-00', '99999-01-01'];

describe(`form dates and numbers (${DB_KIND})`, () => {
  let server;
  let manager;
  let planId;
  let customerId;

  before(async () => {
    server = await startServer();
    manager = await loggedInClient(server, 'manager');
    const token = (await createToken(server, 'manager', 'dates')).token;
    customerId = (await createCustomer(server, token, {
      given_name: 'Date',
      family_name: `Forms-${tag()}`,
      address: { line1: '1 rue Haute', postal_code: '75001', city: 'Paris', country: 'FR' },
      phones: [{ type: 'mobile', number: '06 11 22 33 44' }],
    })).customer.id;
    const plan = await apiCall(server, 'POST', '/api/v1/contact-plans', {
      token, json: { code: `F${tag()}`.toUpperCase(), name_en: 'Form dates', weekdays: [1, 2, 3, 4, 5], valid_from: '2026-01-05' },
    });
    assert.equal(plan.status, 201, plan.text);
    planId = plan.body.id;
  });
  after(async () => {
    await server?.stop();
  });

  // POSTs the form at `page` (posting to `action`) with `changes`, expecting
  // 422 and the error beside `field` (the input's name).
  async function refused(page, action, changes, field = Object.keys(changes)[0]) {
    const { html, csrf } = await pageWithCsrf(manager, page);
    const form = formOf(html, action);
    assert.ok(form, `${page} has a form posting to ${action}`);
    const what = `${action} ${JSON.stringify(changes)}`;
    const res = await manager.postForm(action, { ...form.fields, _csrf: csrf, ...changes });
    assert.equal(res.status, 422, `${what}: ${res.status}`);
    errorBeside(res.text, field, what);
    return res;
  }

  test('a new plan with an empty or malformed date, or a malformed number, is a form error', async () => {
    const code = `D${tag()}`.slice(0, 8).toUpperCase();
    for (const bad of BAD_DATES) {
      const res = await refused('/plans/new', '/plans', { code, name_en: 'Dates', name_fr: 'Dates', valid_from: bad }, 'valid_from');
      if (bad) assert.ok(res.text.includes(`value="${bad}"`), `"${bad}" is shown again as typed`);
    }
    for (const field of ['valid_to', 'frequency_start'])
      for (const bad of BAD_DATES.filter(Boolean))
        await refused('/plans/new', '/plans', { code, name_en: 'Dates', name_fr: 'Dates', [field]: bad }, field);
    // An empty "lead days" is 0; an empty "every N weeks" is no rhythm at all.
    for (const [field, bad] of [['every_weeks', ''], ...['x', '1e3', '2.5', '99999999999999999999']
      .flatMap((b) => [['every_weeks', b], ['lead_days', b]])])
      await refused('/plans/new', '/plans', { code, name_en: 'Dates', name_fr: 'Dates', [field]: bad }, field);
    const plans = await manager.get('/plans');
    assert.ok(!plans.text.includes(code), 'no plan was made');
  });

  test('editing a plan with an empty or malformed date is a form error', async () => {
    for (const bad of BAD_DATES)
      await refused(`/plans/${planId}/edit`, `/plans/${planId}/edit`, { valid_from: bad });
    for (const bad of BAD_DATES.filter(Boolean))
      await refused(`/plans/${planId}/edit`, `/plans/${planId}/edit`, { valid_to: bad });
  });

  test('a generation with a malformed "from" or "to" is a form error', async () => {
    for (const bad of BAD_DATES.filter(Boolean)) {
      const from = await refused('/plans/generate', '/plans/generate', { from: bad });
      assert.ok(from.text.includes(`value="${bad}"`), `"${bad}" is shown again as typed`);
      await refused('/plans/generate', '/plans/generate', { to: bad });
      await refused('/plans/generate', '/plans/generate', { from: '', to: bad }, 'to');
    }
  });

  test("a plan's exception and manual entry with a bad date are form errors", async () => {
    for (const bad of BAD_DATES) {
      await refused(`/plans/${planId}`, `/plans/${planId}/exceptions`, { from: bad, reason: 'x' }, 'from');
      await refused(`/plans/${planId}`, `/plans/${planId}/entries`, { customer: String(customerId), date: bad }, 'date');
    }
    for (const bad of BAD_DATES.filter(Boolean)) {
      await refused(`/plans/${planId}`, `/plans/${planId}/exceptions`, { from: '2030-01-01', to: bad, reason: 'x' }, 'to');
      await refused(`/plans/${planId}`, `/plans/${planId}/exceptions`,
                    { from: '2030-01-01', kind: 'moved', moved_to: bad, reason: 'x' }, 'moved_to');
    }
  });

  test("a customer's non-activity period with a bad date is a form error", async () => {
    const page = `/customers/${customerId}`;
    const action = `/customers/${customerId}/non-activity`;
    for (const bad of BAD_DATES) {
      await refused(page, action, { from: bad, to: '2030-01-10', reason: 'holidays' }, 'from');
      await refused(page, action, { from: '2030-01-01', to: bad, reason: 'holidays' }, 'to');
    }
  });

  test('a campaign with an empty or malformed validity date is a form error', async () => {
    const code = `DATES-${tag()}`.toUpperCase();
    for (const bad of BAD_DATES)
      await refused('/campaigns/new', '/campaigns', { code, description_en: 'x', description_fr: 'x', valid_from: bad }, 'valid_from');
    for (const bad of BAD_DATES.filter(Boolean))
      await refused('/campaigns/new', '/campaigns',
                    { code, description_en: 'x', description_fr: 'x', valid_from: '2030-01-01', valid_to: bad }, 'valid_to');
  });

  test('the day\'s list filtered by a malformed date answers with the filter, not a server error', async () => {
    for (const bad of BAD_DATES.filter(Boolean)) {
      const res = await manager.get(`/plan-entries?filtered=1&from=${encodeURIComponent(bad)}&to=${encodeURIComponent(bad)}`);
      assert.ok(res.status < 500, `from=${bad}: ${res.status}`);
    }
  });
});
