// In a real browser: a customer invited through the real mail (the local
// SMTP sink) signs in to the portal, finds a product in the catalog, puts
// it in the cart, saves the cart as a quote, accepts it with their typed
// name, and — the price having changed meanwhile — converts it to an order
// after acknowledging the change report, then submits it. The CSR sees the
// acceptance on the quote page and the customer's web steps on the 360°
// view. Once in English, once in French. Every wait is bounded.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, createToken, logInPage, mailSinkSuite, newPage } from '../support/harness.mjs';
import { PORTAL_PASSWORD, portalFixture } from '../support/portal.mjs';

const TEST_TIMEOUT = 120_000;
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe('the customer’s cart and quotes in the portal', { timeout: 3 * TEST_TIMEOUT }, () => {
  const env = mailSinkSuite(before, after);
  let portal, manager;

  const call = (method, target, token, json) => apiCall(env.server, method, target, { token, json });
  async function product(code, unit_price) {
    const made = await call('POST', '/api/v1/products', manager, {
      code, name_en: 'Fibre 1 Gb/s', name_fr: 'Fibre 1 Gbit/s', type: 'service', unit: 'month',
      trackable: true, vat_rate: '20', orderable_from: day(-30), features: [{ name: 'Speed', value: '1 Gb/s' }],
    });
    assert.equal(made.status, 201, made.text);
    await setPrice(made.body, unit_price);
    return made.body;
  }
  // The price in the default list (the demo's), which prices the customers' quotes.
  async function setPrice(p, unit_price) {
    const lists = (await call('GET', '/api/v1/price-lists', manager)).body;
    const list = (lists.items ?? lists).find((l) => l.is_default);
    assert.ok(list, 'a default price list');
    const got = (await call('GET', `/api/v1/price-lists/${list.id}`, manager)).body;
    const put = await call('PUT', `/api/v1/price-lists/${list.id}/prices/${p.id}`, manager,
                           { unit_price, version: got.version });
    assert.equal(put.status, 200, put.text);
  }

  before(async () => {
    portal = await portalFixture(env.server, env.sink.folder, env.sink.port);
    manager = (await createToken(env.server, 'manager', 'e2e-portal-cart')).token;
  });

  for (const [language, locale, t] of [
    ['en', 'en-US', { added: /Added to your cart/, saved: /saved as a quote/, report: /Unit price/,
                      made: /Your order is made/, submitted: /Your order is submitted/, accepted: /Accepted by/,
                      step: /Accepted the quote/ }],
    ['fr', 'fr-FR', { added: /Ajouté à votre panier/, saved: /enregistré comme devis/, report: /Prix unitaire|prix unitaire/i,
                      made: /Votre commande est établie/, submitted: /Votre commande est envoyée/, accepted: /Accepted by/,
                      step: /Accepted the quote/ }],
  ]) {
    test(`cart → quote → accept → convert → submit (${language})`, { timeout: TEST_TIMEOUT }, async () => {
      const code = `EFIBRE-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
      const fibre = await product(code, 3990);
      const who = await portal.customer({ language });
      const { page, problems } = await newPage(env.browser, env.server, { locale });
      await page.goto('/login');
      await page.locator('#login').fill(who.login);
      await page.locator('#password').fill(PORTAL_PASSWORD);
      await page.locator('.login-card button[type="submit"]').click();
      await page.waitForURL((u) => u.pathname === '/portal');

      await page.getByTestId('nav-catalog').click();
      await page.getByTestId('catalog-search').fill(code);
      await page.getByTestId('catalog-search').press('Enter');
      await page.locator(`[data-testid="catalog-item"][data-code="${code}"] a`).click();
      await page.locator('#quantity').fill('2');
      await page.getByTestId('add-to-cart-button').click();
      await page.waitForURL((u) => u.pathname === '/portal/cart');
      assert.match(await page.locator('main').innerText(), t.added);
      assert.equal(await page.getByTestId('cart-line').count(), 1);
      await page.getByTestId('save-as-quote').click();
      await page.waitForURL((u) => u.pathname.startsWith('/portal/quotes/'));
      assert.match(await page.locator('main').innerText(), t.saved);
      const quoteId = Number(new URL(page.url()).pathname.split('/').at(-1));

      await page.getByTestId('accepted-by').fill('Claire Client');
      await page.getByTestId('accept-quote').click();
      await page.waitForURL((u) => u.search.includes('done=accepted'));
      assert.equal(await page.getByTestId('portal-quote-state').getAttribute('data-state'), 'accepted');

      await setPrice(fibre, 4490);
      await page.reload();
      assert.match(await page.getByTestId('change-report').innerText(), t.report);
      await page.getByTestId('acknowledge').check();
      await page.getByTestId('convert-quote').click();
      await page.waitForURL((u) => u.search.includes('done=converted'));
      assert.match(await page.locator('main').innerText(), t.made);
      await page.getByTestId('submit-order').click();
      await page.waitForURL((u) => u.search.includes('done=submitted'));
      assert.match(await page.locator('main').innerText(), t.submitted);
      assert.deepEqual(problems, []);

      // The CSR sees the acceptance and the customer's steps on the web.
      const staff = await newPage(env.browser, env.server);
      await logInPage(staff.page, 'csr');
      await staff.page.goto(`/quotes/${quoteId}`);
      assert.match(await staff.page.getByTestId('quote-accepted-by').innerText(), /Claire Client/);
      await staff.page.goto(`/customers/${who.customer.id}`);
      assert.match(await staff.page.locator('main').innerText(), t.step);
      await staff.context.close();
      await page.context().close();
    });
  }
});
