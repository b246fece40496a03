// Seed 004 in a real browser (contact-planning.md, "Orders from a contact";
// quotes-orders-assets.md, fulfilment and assets): a CSR takes "my next
// call" on an order-intake plan, enters an order, is told the customer's
// order for that delivery date already exists and supplements it, submits
// it and closes with status 21 (new contact time, OK); on another entry no
// line is entered and status 92 asks before the empty order is deleted.
// Then the fulfilment user completes the lines from the queue and the CSR
// sees the asset on the 360° view. In English and in French.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createCustomer, createToken, logInPage, newPage, screenshot } from '../support/harness.mjs';

const TEST_TIMEOUT = 120_000;
const DAY_MS = 86_400_000;

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const parisDate = (offset) => new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
}).format(new Date(Date.now() + offset * DAY_MS));
const plusDays = (date, days) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const LANGS = {
  en: {
    login: 'csr', locale: 'en-US', productWords: 'smart meter',
    exists: (n) => `Customer order ${n} already exists.`,
    confirmDelete: /^Order ORD-\d+ has no lines\. Delete it and set the status “Completed — no order”\?$/,
    deleted: 'The empty order was deleted.',
    next: /^Next contact:/,
  },
  fr: {
    login: 'conseiller', locale: 'fr-FR', productWords: 'compteur communicant',
    exists: (n) => `La commande client ${n} existe déjà.`,
    confirmDelete: /^La commande ORD-\d+ n’a aucune ligne\. La supprimer et passer le statut à « .+ » \?$/,
    deleted: 'La commande vide a été supprimée.',
    next: /^Prochain contact/,
  },
};

describe('browser: orders taken from a contact, fulfilled into assets', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: supplement the day's order, close with 21 and OK; an empty order asks before it is deleted; fulfilment makes the asset`, { timeout: TEST_TIMEOUT }, async () => {
      const tag = crypto.randomBytes(3).toString('hex').toUpperCase();
      const manager = (await createToken(env.server, 'manager', `ofc-${lang}`)).token;
      const csr = (await createToken(env.server, t.login, `ofc-${lang}`)).token;
      const call = async (method, target, token, json, status) => {
        const res = await apiCall(env.server, method, target, { token, json });
        assert.equal(res.status, status, `${method} ${target}: ${res.text}`);
        return res.body;
      };
      const today = parisDate(0);
      // The catalog: a trackable meter and a service, on a default list.
      const meter = await call('POST', '/api/v1/products', manager, {
        code: `MTR-${tag}`, name_en: `Smart meter ${tag}`, name_fr: `Compteur communicant ${tag}`,
        type: 'goods', trackable: true, vat_rate: '20', orderable_from: plusDays(today, -30),
      }, 201);
      const visit = await call('POST', '/api/v1/products', manager, {
        code: `VST-${tag}`, name_en: 'Installation visit', name_fr: 'Visite d’installation',
        type: 'service', unit: 'hour', trackable: false, vat_rate: '10', orderable_from: plusDays(today, -30),
      }, 201);
      const list = await call('POST', '/api/v1/price-lists', manager, {
        code: `L-${tag}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: plusDays(today, -30), is_default: true,
      }, 201);
      const priced = await call('PUT', `/api/v1/price-lists/${list.id}/prices/${meter.id}`, manager,
                                { unit_price: 12000, version: list.version }, 200);
      await call('PUT', `/api/v1/price-lists/${list.id}/prices/${visit.id}`, manager,
                 { unit_price: 4500, version: priced.price_list_version }, 200);
      // An order-intake plan delivering two days after the call.
      const plan = await call('POST', '/api/v1/contact-plans', manager, {
        code: `O${tag}`, name_en: 'Weekly orders', name_fr: 'Commandes de la semaine', purpose: 'order_intake',
        weekdays: [1, 2, 3, 4, 5, 6, 7], valid_from: today, departure: 'LYON-EST', lead_days: 2,
      }, 201);
      const customerFor = async (family, phone) => (await createCustomer(env.server, csr, {
        kind: 'person', given_name: 'Inès', family_name: `${family}-${lang}-${tag}`, language: lang,
        address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
        phones: [{ type: 'mobile', number: phone }], proceed: true,
      })).customer;
      const known = await customerFor('Garnier', lang === 'en' ? '06 11 22 33 41' : '06 11 22 33 42');
      const quiet = await customerFor('Roux', lang === 'en' ? '06 11 22 33 43' : '06 11 22 33 44');
      const entries = {};
      for (const c of [known, quiet]) {
        await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr,
          { customer_id: c.id, earliest: '00:00', latest: '23:59' }, 201);
        entries[c.id] = await call('POST', '/api/v1/plan-entries', csr, { plan_id: plan.id, customer_id: c.id, date: today }, 201);
      }
      const delivery = plusDays(entries[known.id].contact_date, 2);
      // The known customer ordered for that date already (one visit).
      let earlier = await call('POST', '/api/v1/sales-orders', csr, { customer_id: known.id, requested_delivery: delivery }, 201);
      earlier = await call('POST', `/api/v1/sales-orders/${earlier.id}/lines`, csr,
        { version: earlier.version, product_code: visit.code, quantity: 1 }, 201);

      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);
      // "My next call" opens one of the day's entries of this plan.
      await page.goto('/plan-entries/next');
      await page.getByTestId('plan-entry').waitFor();
      assert.match(page.url(), /\/plan-entries\/\d+/);

      // Enter order on the known customer's entry: the order for that date exists.
      const knownEntry = entries[known.id];
      await page.goto(`/plan-entries/${knownEntry.id}`);
      await page.getByTestId('enter-order').click();
      await page.getByTestId('order-exists').waitFor();
      assert.equal(await text(page.getByTestId('order-exists').locator('p')), `${t.exists(earlier.number)} ${earlier.number}`);
      await page.getByTestId('supplement-order').click();
      await page.getByTestId('sales-order').waitFor();
      assert.equal(await text(page.getByTestId('order-number')), earlier.number, 'the same order, supplemented');
      assert.equal(await page.getByTestId('closing-panel').count(), 1, 'closing is offered');

      // A line typed by name, Enter adds it; focus comes back to the product.
      await page.locator('#product').fill(t.productWords + ` ${tag}`);
      await page.locator('#quantity').fill('2');
      await page.locator('#quantity').press('Enter');
      await page.locator(`tr[data-code="${meter.code}"]`).waitFor();
      assert.equal(await page.getByTestId('order-lines').locator('tbody tr').count(), 2);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'product');
      // 2 × 120.00 at 20 % + 45.00 at 10 %: 285.00 net, 337.50 gross.
      assert.match(await text(page.getByTestId('total-gross')), lang === 'en' ? /€337\.50/ : /337,50\s€/);
      if (lang === 'en') await screenshot(page, 'sales-order.png');
      await page.getByTestId('submit-order').click();
      await page.locator('[data-testid="order-status"][data-status="open"]').waitFor();

      // Close with 21 (call back): a new contact time, and OK.
      await page.getByTestId('closing-form').locator('button[data-status="21"]').click();
      await page.getByTestId('status-outcome').waitFor();
      assert.match(page.url(), new RegExp(`/plan-entries/${knownEntry.id}\\?set=1`));
      assert.match(await text(page.getByTestId('entry-status')), /^21 /);
      assert.match(await text(page.getByTestId('outcome-next')), t.next);
      await page.getByTestId('entry-ok').waitFor();
      const knownOrders = await call('GET', `/api/v1/sales-orders?customer=${known.id}`, csr, undefined, 200);
      assert.equal(knownOrders.items.length, 1, 'no second order');
      assert.equal(knownOrders.items[0].lines.length, 2);
      // The order list names the customer, not an id.
      await page.goto(`/sales-orders?customer=${known.id}`);
      assert.match(await text(page.getByTestId('sales-order-list').locator('tbody tr').first()),
        new RegExp(`${knownOrders.items[0].number} .*Garnier-${lang}-`));
      // The active list shows OK beside the entry. From the day before: the
      // call back is set in the CSR's zone (America/Toronto for the English
      // CSR), still the day before Paris's date between 23:00 and 24:00 UTC.
      await page.goto(`/plan-entries?filtered=1&user=any&plan=${plan.id}&from=${plusDays(today, -1)}&to=${plusDays(today, 7)}`);
      await page.locator(`tr[data-entry-id="${knownEntry.id}"] [data-testid="entry-ok"]`).waitFor();

      // The other customer: Enter order, no line, status 92 asks first.
      const quietEntry = entries[quiet.id];
      await page.goto(`/plan-entries/${quietEntry.id}`);
      await page.getByTestId('enter-order').click();
      await page.getByTestId('sales-order').waitFor();
      assert.equal(await page.getByTestId('no-lines').count(), 1);
      await page.getByTestId('closing-form').locator('button[data-status="92"]').click();
      await page.getByTestId('confirm-delete').waitFor();
      assert.match(await text(page.getByTestId('confirm-delete').locator('p')), t.confirmDelete);
      assert.equal((await call('GET', `/api/v1/sales-orders?customer=${quiet.id}`, csr, undefined, 200)).items.length, 1,
        'nothing deleted before the CSR confirms');
      await page.getByTestId('confirm-delete-button').click();
      await page.getByTestId('order-deleted').waitFor();
      assert.equal(await text(page.getByTestId('order-deleted')), t.deleted);
      assert.match(await text(page.getByTestId('entry-status')), /^92 /);
      assert.equal((await call('GET', `/api/v1/sales-orders?customer=${quiet.id}`, csr, undefined, 200)).items.length, 0);

      // Fulfilment completes both lines from the queue.
      const fulfilment = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(fulfilment.page, 'fulfilment');
      for (const code of [visit.code, meter.code]) {
        await fulfilment.page.goto('/fulfilment');
        if (lang === 'en' && code === visit.code) await screenshot(fulfilment.page, 'fulfilment.png');
        const row = fulfilment.page.locator(`tr[data-order="${earlier.number}"][data-code="${code}"]`);
        await row.getByTestId('queue-complete').click();
        await fulfilment.page.locator('.alert-success').waitFor();
      }
      await fulfilment.page.goto('/fulfilment');
      assert.equal(await fulfilment.page.locator(`tr[data-order="${earlier.number}"]`).count(), 0, 'the order left the queue');
      await fulfilment.context.close();

      // The CSR sees the order complete and the meter as an asset.
      await page.goto(`/customers/${known.id}`);
      await page.locator(`#sales-order-${earlier.id}[data-status="complete"]`).waitFor();
      const assets = page.getByTestId('assets').locator('tbody tr');
      assert.equal(await assets.count(), 1, 'only the trackable line became an asset');
      assert.match(await assets.first().textContent(), new RegExp(meter.code));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
