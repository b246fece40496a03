// In a real browser, on the demo catalog: a CSR makes a quote from the
// customer's 360° view, types its lines from the keyboard, verifies it;
// once sent and accepted, the price of a product rises and Convert shows
// the change report, which must be confirmed ("I have read the changes")
// before the order is made, which links back to the quote; the customer's
// Quotes section then shows the order. Once in French: the same quote read by a French CSR.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createCustomer, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 120_000;

describe('quote pages', { timeout: 3 * TEST_TIMEOUT }, () => {
  const env = browserSuite(before, after);
  let csr;
  let manager;
  let customerId;
  let quoteId;

  const call = (method, target, token, json) => apiCall(env.server, method, target, { token, json });

  before(async () => {
    csr = (await createToken(env.server, 'csr', 'e2e')).token;
    manager = (await createToken(env.server, 'manager', 'e2e')).token;
    const c = await createCustomer(env.server, csr, {
      given_name: 'Blanche', family_name: 'Quentin',
      address: { line1: '14 quai de la Fosse', postal_code: '44000', city: 'Nantes', country: 'FR' },
      phones: [{ type: 'mobile', number: '06 44 12 34 56' }], proceed: true,
    });
    customerId = c.id ?? c.customer?.id;
  });

  test('a quote from the 360° view, verified, converted with the change report confirmed', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(env.browser, env.server);
    await logInPage(page, 'csr');
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId('fold-quotes').evaluate((d) => { d.open = true; });
    await page.getByTestId('new-quote').click();
    await page.waitForURL((u) => /^\/quotes\/\d+$/.test(u.pathname));
    quoteId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await page.getByTestId('quote-state').getAttribute('data-state'), 'draft');

    // Keyboard-fast lines: the product field has the focus, Enter adds.
    await page.keyboard.type('THERMOSTAT');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.search.includes('done=line_added'));
    await page.locator('#product').fill('FIBRE-1G');
    await page.locator('#quantity').fill('2');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.search.includes('done=line_added') && u.search !== '');
    await page.getByTestId('quote-lines').locator('tr[data-code="FIBRE-1G"]').waitFor();
    assert.equal(await page.getByTestId('quote-lines').locator('tbody tr').count(), 2);

    await page.getByTestId('verify-quote').click();
    await page.getByTestId('verify-ok').waitFor();

    // Sent by the sending code (not on this page), then accepted here.
    const q = (await call('GET', `/api/v1/quotes/${quoteId}`, csr)).body;
    assert.equal((await call('POST', `/api/v1/quotes/${quoteId}/mark-sent`, csr, { version: q.version, channel: 'email' })).status, 200);
    await page.goto(`/quotes/${quoteId}`);
    await page.getByTestId('accept-quote').click();
    await page.waitForURL((u) => u.search.includes('done=accepted'));
    assert.equal(await page.getByTestId('quote-state').getAttribute('data-state'), 'accepted');

    // The thermostat's price rises.
    const thermostat = (await call('GET', '/api/v1/products?q=THERMOSTAT', manager)).body.items.find((p) => p.code === 'THERMOSTAT');
    const list = q.price_list_id;
    const listed = (await call('GET', `/api/v1/price-lists/${list}`, manager)).body;
    const price = listed.prices.find((p) => p.product_id === thermostat.id);
    assert.equal((await call('PUT', `/api/v1/price-lists/${list}/prices/${thermostat.id}`, manager,
                             { unit_price: price.unit_price + 1000, version: listed.version })).status, 200);

    await page.goto(`/quotes/${quoteId}`);
    const report = page.getByTestId('change-report');
    await report.waitFor();
    assert.equal(await report.locator('tbody tr').count(), 1);
    assert.match(await report.locator('tbody tr').innerText(), /THERMOSTAT/);

    // Not confirmed: refused, the report still shown.
    await page.getByTestId('convert-quote').click();
    await page.locator('#acknowledge-error').waitFor();
    assert.equal(await page.getByTestId('acknowledge').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('acknowledge').check();
    await page.getByTestId('convert-quote').click();
    await page.waitForURL((u) => /^\/sales-orders\/\d+$/.test(u.pathname));
    const orderId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await page.getByTestId('order-quote-link').getAttribute('href'), `/quotes/${quoteId}`);

    await page.goto(`/customers/${customerId}`);
    const row = page.getByTestId('quotes').locator(`#quote-${quoteId}`);
    await page.getByTestId('fold-quotes').evaluate((d) => { d.open = true; });
    assert.equal(await row.locator(`a[href="/sales-orders/${orderId}"]`).count(), 1);
    const unexpected = problems.filter((p) => !p.includes(`POST /quotes/${quoteId}/convert`));
    assert.deepEqual(unexpected, []);
  });

  test('in French, the quote reads in French', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(env.browser, env.server, { locale: 'fr-FR' });
    await logInPage(page, 'conseiller');
    await page.goto(`/quotes/${quoteId}`);
    assert.equal(await page.getByTestId('quote-state').innerText(), 'Accepté');
    assert.match(await page.getByTestId('quote-order').innerText(), /Converti en commande/);
    assert.match(await page.locator('h1').innerText(), /Révision/);
    assert.deepEqual(problems, []);
  });
});
