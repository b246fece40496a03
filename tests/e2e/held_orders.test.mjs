// In a real browser: every CSR and the manager find the held service orders
// whose reminder is due — the home page's link, the list's "reminder due"
// and "mine only" filters, and the filter that cannot apply refused beside
// it — in English and in French.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
// Today in the installation's zone (Paris), which decides when a reminder is due.
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

const LANGS = {
  en: {
    login: 'csr', locale: 'en-US', link: 'Every CSR\'s held orders whose reminder is due',
    notHeld: 'Only held orders have a reminder: choose the status On hold or any status.',
  },
  fr: {
    login: 'conseiller', locale: 'fr-FR', link: 'Les commandes en attente de tous les conseillers dont le rappel est échu',
    notHeld: 'Seules les commandes en attente ont un rappel : choisissez le statut En attente ou tous les statuts.',
  },
};

describe('browser: held service orders due', () => {
  const env = browserSuite(before, after);
  // The order the French CSR holds until today; the demo holds one of the English CSR's.
  let frenchHeld;
  let englishHeld;

  before(async () => {
    const csr = (await createToken(env.server, 'csr', 'held')).token;
    const conseiller = (await createToken(env.server, 'conseiller', 'held')).token;
    const call = async (method, target, token, json, status) => {
      const res = await apiCall(env.server, method, target, { token, json });
      assert.equal(res.status, status, `${method} ${target}: ${res.text}`);
      return res.body;
    };
    const held = await call('GET', '/api/v1/service-orders?due=true&mine=true&limit=200', csr, undefined, 200);
    assert.equal(held.items.length, 1, `the demo holds one order of Sam Carter's until today: ${JSON.stringify(held.items)}`);
    englishHeld = held.items[0];
    const campaigns = await call('GET', '/api/v1/campaigns', conseiller, undefined, 200);
    const green = (campaigns.items ?? campaigns).find((c) => c.code === 'GREEN-2026');
    assert.ok(green, 'the demo campaign GREEN-2026');
    const tag = crypto.randomBytes(3).toString('hex');
    const order = await call('POST', '/api/v1/service-orders', conseiller, {
      campaign_id: green.id,
      prospect: {
        kind: 'person', family_name: `Attente${tag}`, given_name: 'Maëlle', phone: '06 77 88 99 01',
        email: `maelle.${tag}@example.org`, language: 'fr', customer_class: 'residential',
        address: { line1: '5 quai de Saône', postal_code: '69002', city: 'Lyon', country: 'FR' },
      },
      parties: { person: 'create_new', account: 'create_new', premise: 'create_new' },
    }, 201);
    frenchHeld = await call('POST', `/api/v1/service-orders/${order.id}/hold`, conseiller,
      { reason: 'customer_to_call_back', remind_on: parisToday(), version: order.version }, 200);
  });

  const listedNumbers = async (page) =>
    (await page.getByTestId('order-list').locator('tbody tr td:first-child').allInnerTexts()).map((s) => s.trim());

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: from the home page, every CSR's held orders due; "mine only" keeps the CSR's own`, { timeout: TEST_TIMEOUT }, async () => {
      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);
      await page.goto('/');
      const link = page.getByTestId('all-held-due');
      assert.equal(await text(link), t.link);
      await link.click();
      await page.waitForURL((u) => u.pathname === '/service-orders' && u.searchParams.get('due') === '1');
      assert.equal(await page.getByTestId('filter-due').isChecked(), true);
      const all = await listedNumbers(page);
      assert.ok(all.includes(englishHeld.number) && all.includes(frenchHeld.number),
        `both CSRs' held orders are listed: ${JSON.stringify(all)}`);

      // Mine only: the other CSR's order goes.
      await page.getByTestId('filter-mine').check();
      await page.getByTestId('order-filter').locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.searchParams.get('mine') === '1');
      const mine = await listedNumbers(page);
      const own = lang === 'en' ? englishHeld.number : frenchHeld.number;
      const other = lang === 'en' ? frenchHeld.number : englishHeld.number;
      assert.ok(mine.includes(own), `${own} is mine: ${JSON.stringify(mine)}`);
      assert.ok(!mine.includes(other), `${other} is not: ${JSON.stringify(mine)}`);

      // "Reminder due" with a status other than On hold: said beside the filter.
      await page.getByTestId('filter-mine').uncheck();
      await page.locator('#status').selectOption('pending');
      await page.getByTestId('order-filter').locator('button[type="submit"]').click();
      await page.waitForURL((u) => u.searchParams.get('status') === 'pending');
      await page.locator('#status-error').waitFor();
      assert.equal(await text(page.locator('#status-error')), t.notHeld);
      assert.deepEqual(problems.filter((p) => !/HTTP 422: GET \/service-orders/.test(p)), []);
      await context.close();
    });
  }
});
