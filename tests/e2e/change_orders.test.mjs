// In a real browser, seed 002's later step: a customer whose order was
// fulfilled has two assets; the CSR ticks the TV box on the 360° view,
// chooses Disconnect, adds a mesh Wi-Fi on the change order page, computes
// the lines (remove, add), creates the change order and submits it; once
// fulfilled, the 360° view shows the TV box inactive and the new asset, and
// the asset's page its two orders. Once in French (the asset page of a
// French CSR). "As a quote": the CSR suspends the fibre as a change quote,
// which opens as a draft quote with its action and asset; once sent it is
// accepted and converted on its page, and the order, submitted and
// fulfilled, suspends the fibre.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createCustomer, createToken, logInPage, newPage } from '../support/harness.mjs';

const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe('change orders in the browser', { timeout: 180_000 }, () => {
  const env = browserSuite(before, after);
  let tokens;
  let customer;
  let products;
  let tv;
  let fibre;

  const call = async (method, target, token, json, status) => {
    const res = await apiCall(env.server, method, target, { token, json });
    assert.equal(res.status, status, `${method} ${target}: ${res.text}`);
    return res.body;
  };
  async function fulfil(orderId) {
    const order = await call('GET', `/api/v1/sales-orders/${orderId}`, tokens.csr, undefined, 200);
    for (const line of order.lines)
      await call('POST', `/api/v1/sales-orders/${orderId}/lines/${line.id}/complete`, tokens.fulfilment, {}, 200);
  }

  before(async () => {
    tokens = {};
    for (const role of ['manager', 'csr', 'fulfilment']) tokens[role] = (await createToken(env.server, role, 'e2e')).token;
    const t = crypto.randomBytes(2).toString('hex').toUpperCase();
    const list = await call('POST', '/api/v1/price-lists', tokens.manager,
                            { code: `E2E-${t}`, name_en: 'E2E', name_fr: 'E2E', currency: 'EUR', valid_from: day(-30), is_default: true }, 201);
    products = {};
    for (const [key, name, price] of [['FIBRE', 'Fibre 1 Gb/s', 3990], ['TVBOX', 'TV box', 990], ['MESH', 'Mesh Wi-Fi', 1490]]) {
      products[key] = await call('POST', '/api/v1/products', tokens.manager, {
        code: `${key}-${t}`, name_en: name, name_fr: name, type: 'service', trackable: true, vat_rate: '20', orderable_from: day(-30),
      }, 201);
      const { version } = await call('GET', `/api/v1/price-lists/${list.id}`, tokens.manager, undefined, 200);
      await call('PUT', `/api/v1/price-lists/${list.id}/prices/${products[key].id}`, tokens.manager,
                 { unit_price: price, version }, 200);
    }
    customer = (await createCustomer(env.server, tokens.csr, {
      kind: 'person', family_name: `Perrin${t}`, given_name: 'Agathe', language: 'fr',
      address: { line1: '9 quai Saint-Vincent', postal_code: '69001', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
    let order = await call('POST', '/api/v1/sales-orders', tokens.csr, { customer_id: customer.id, requested_delivery: day(5) }, 201);
    for (const key of ['FIBRE', 'TVBOX'])
      order = await call('POST', `/api/v1/sales-orders/${order.id}/lines`, tokens.csr,
                         { version: order.version, product_id: products[key].id, quantity: 1 }, 201);
    await call('POST', `/api/v1/sales-orders/${order.id}/submit`, tokens.csr, { version: order.version }, 200);
    await fulfil(order.id);
    const assets = (await call('GET', `/api/v1/customers/${customer.id}/assets`, tokens.csr, undefined, 200)).items;
    tv = assets.find((a) => a.product_id === products.TVBOX.id);
    fibre = assets.find((a) => a.product_id === products.FIBRE.id);
  });

  test('a change order disconnects one asset and adds another; after fulfilment the assets show it', async () => {
    const { page, problems, context } = await newPage(env.browser, env.server);
    try {
      await logInPage(page, 'csr');
      await page.goto(`/customers/${customer.id}#assets`);
      await page.locator('[data-testid="fold-assets"]').evaluate((d) => { d.open = true; });
      await page.locator(`#asset-pick-${tv.id}`).check();
      await page.locator('[data-testid="assets-disconnect"]').click();
      await page.waitForURL((u) => u.pathname === `/customers/${customer.id}/change-order`);
      await page.locator('[data-testid="add-product"]').fill(products.MESH.code);
      // The first lines are computed at once; Compute posts the form again.
      assert.equal(await page.locator('[data-testid="change-line-action"]').count(), 1);
      await page.locator('[data-testid="compute-change"]').click();
      await page.waitForURL((u) => u.pathname === `/customers/${customer.id}/change-order` && u.search === '');
      await page.locator('[data-testid="change-lines"]').waitFor();
      const actions = await page.locator('[data-testid="change-line-action"]').allInnerTexts();
      assert.deepEqual(actions.map((a) => a.trim()), ['Remove', 'Add']);
      await page.locator('[data-testid="create-change-order"]').click();
      await page.waitForURL((u) => u.pathname.startsWith('/sales-orders/'));
      // The disconnect says so with its asset; the new product is an ordinary line.
      assert.deepEqual((await page.locator('[data-testid="line-action"]').allInnerTexts()).map((a) => a.trim()), ['Remove']);
      assert.equal((await page.locator('[data-testid="line-target"]').innerText()).trim(), tv.number);
      assert.equal(await page.locator('[data-testid="order-lines"] tbody tr').count(), 2);
      const orderId = Number(new URL(page.url()).pathname.split('/')[2]);
      await page.locator('[data-testid="submit-order"]').click();
      await page.locator('[data-testid="order-status"][data-status="open"]').waitFor();
      await fulfil(orderId);

      await page.goto(`/customers/${customer.id}#assets`);
      await page.locator('[data-testid="fold-assets"]').evaluate((d) => { d.open = true; });
      assert.equal(await page.locator(`#asset-${tv.id}`).getAttribute('data-status'), 'inactive');
      assert.equal(await page.locator(`#asset-pick-${tv.id}`).count(), 0, 'an inactive asset is not offered for change');
      assert.equal(await page.locator('[data-testid="asset-row"][data-status="active"]').count(), 2);
      await page.locator(`#asset-${tv.id} [data-testid="asset-link"]`).click();
      await page.waitForURL((u) => u.pathname === `/assets/${tv.id}`);
      assert.equal(await page.locator('[data-testid="asset-history-row"]').count(), 2);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('in French, the asset page says what the orders did', async () => {
    const { page, context } = await newPage(env.browser, env.server, { locale: 'fr-FR' });
    try {
      await logInPage(page, 'conseiller');
      await page.goto(`/assets/${tv.id}`);
      assert.equal((await page.locator('[data-testid="asset-status"]').innerText()).trim(), 'Inactif');
      const history = await page.locator('[data-testid="asset-history"]').innerText();
      assert.match(history, /Ajout/);
      assert.match(history, /Suppression/);
      assert.equal((await page.locator('#asset-history-title').innerText()).trim(), 'Commandes qui l’ont créé et modifié');
    } finally {
      await context.close();
    }
  });

  test('as a quote: the change quote is sent, accepted, converted, and its order suspends the fibre', async () => {
    const { page, problems, context } = await newPage(env.browser, env.server);
    try {
      await logInPage(page, 'csr');
      await page.goto(`/customers/${customer.id}#assets`);
      await page.locator('[data-testid="fold-assets"]').evaluate((d) => { d.open = true; });
      await page.locator(`#asset-${fibre.id} [data-testid="asset-suspend"]`).click();
      await page.waitForURL((u) => u.pathname === `/customers/${customer.id}/change-order`);
      assert.deepEqual((await page.locator('[data-testid="change-line-action"]').allInnerTexts()).map((a) => a.trim()), ['Update']);
      assert.equal(await page.getByTestId('make-order').isChecked(), true, 'an order unless the CSR chooses otherwise');
      await page.getByText('as a quote', { exact: false }).click();
      await page.locator('[data-testid="create-change-order"]').click();
      await page.waitForURL((u) => /^\/quotes\/\d+$/.test(u.pathname) && u.search.includes('done=created'));
      const quoteId = Number(new URL(page.url()).pathname.split('/').pop());
      assert.equal(await page.getByTestId('quote-state').getAttribute('data-state'), 'draft');
      assert.equal((await page.getByTestId('quote-line-action').innerText()).trim(), 'Change');
      assert.equal((await page.getByTestId('quote-line-asset').innerText()).trim(), fibre.number);
      assert.equal((await page.getByTestId('quote-line-target-status').innerText()).trim(), 'Suspended');
      await page.getByTestId('verify-quote').click();
      await page.getByTestId('verify-ok').waitFor();

      // Sent by the sending code (not on this page), then accepted and converted here.
      const q = await call('GET', `/api/v1/quotes/${quoteId}`, tokens.csr, undefined, 200);
      await call('POST', `/api/v1/quotes/${quoteId}/mark-sent`, tokens.csr, { version: q.version, channel: 'email' }, 200);
      await page.goto(`/quotes/${quoteId}`);
      await page.getByTestId('accept-quote').click();
      await page.waitForURL((u) => u.search.includes('done=accepted'));
      await page.getByTestId('no-changes').waitFor();
      await page.getByTestId('convert-quote').click();
      await page.waitForURL((u) => /^\/sales-orders\/\d+$/.test(u.pathname));
      const orderId = Number(new URL(page.url()).pathname.split('/').pop());
      assert.deepEqual((await page.locator('[data-testid="line-action"]').allInnerTexts()).map((a) => a.trim()), ['Update']);
      assert.equal((await page.locator('[data-testid="line-target"]').innerText()).trim(), fibre.number);
      await page.locator('[data-testid="submit-order"]').click();
      await page.locator('[data-testid="order-status"][data-status="open"]').waitFor();
      await fulfil(orderId);

      await page.goto(`/customers/${customer.id}#assets`);
      await page.locator('[data-testid="fold-assets"]').evaluate((d) => { d.open = true; });
      assert.equal(await page.locator(`#asset-${fibre.id}`).getAttribute('data-status'), 'suspended');
      assert.equal(await page.locator(`#asset-${fibre.id} [data-testid="asset-resume"]`).count(), 1);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
