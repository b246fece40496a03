// In a real browser: a manager opens Catalog, creates a product with two
// features, a price list with a tiered price, imports a small CSV into
// that list and gives a customer the list from the customer's page; bad
// input (a bad code, dates in the wrong order, a price that is not a
// number, tiers not increasing, a list in another currency) shows its
// error beside the field and saves nothing. Once in French.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_PASSWORD,
  apiCall,
  createCustomer,
  createToken,
  launchBrowser,
  newPage,
  runCli,
  startServer,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 120_000;

function csvFile(name, text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-catalog-import-')), name);
  fs.writeFileSync(file, text);
  return file;
}

async function logIn(page, login, password) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

// The message beside a field (aria-describedby), once it is there.
async function errorOf(page, id) {
  const input = page.locator(`[id="${id}"]`);
  await assert.doesNotReject(input.waitFor());
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `${id} is marked invalid`);
  const note = await input.getAttribute('aria-describedby');
  return (await page.locator(`[id="${note}"]`).innerText()).trim();
}

describe('catalog pages', { timeout: 3 * TEST_TIMEOUT }, () => {
  let server;
  let browser;
  let customerId;
  let usdList;
  before(async () => {
    server = await startServer();
    const made = await runCli(['user', 'add', 'gestionnaire', '--name', 'Gaëlle Roux', '--roles', 'manager',
      '--language', 'fr', '--time-zone', 'Europe/Paris', '--password', 'gestion-2026'], { env: { RAPPORT_DB: server.dbUrl } });
    assert.equal(made.code, 0, made.stderr);
    const csr = (await createToken(server, 'csr', 'e2e')).token;
    const c = await createCustomer(server, csr, {
      given_name: 'Ottilie', family_name: 'Vandersteen',
      address: { line1: '8 rue Nationale', postal_code: '59800', city: 'Lille', country: 'FR' },
      phones: [{ type: 'mobile', number: '06 71 98 76 54' }],
    });
    customerId = c.id ?? c.customer?.id;
    const manager = (await createToken(server, 'manager', 'e2e')).token;
    const usd = await apiCall(server, 'POST', '/api/v1/price-lists', {
      token: manager, json: { code: 'EXPORT-USD', name_en: 'Export', name_fr: 'Export', currency: 'USD', valid_from: '2026-01-01' },
    });
    assert.equal(usd.status, 201, usd.text);
    usdList = usd.body.id;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a manager builds the catalog, prices it, imports a file and gives a customer the list', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(browser, server);
    await logIn(page, 'manager', DEMO_PASSWORD);
    await page.locator('nav a[href="/catalog/products"]').click();
    await page.waitForURL((u) => u.pathname === '/catalog/products');

    // A bad code and dates in the wrong order: errors beside the fields.
    await page.getByTestId('new-product').click();
    await page.locator('#code').fill('BAD CODE');
    await page.locator('#name_en').fill('Fibre router X2');
    await page.locator('#orderable_from').fill('2026-06-01');
    await page.locator('#orderable_to').fill('2026-05-01');
    await page.getByTestId('save-product').click();
    assert.match(await errorOf(page, 'code'), /\S/);
    assert.match(await errorOf(page, 'orderable_to'), /end date/i);
    // Nothing was lost; fixed, with two features (one row added), it saves.
    assert.equal(await page.locator('#name_en').inputValue(), 'Fibre router X2');
    await page.locator('#code').fill('router-x2');
    await page.locator('#orderable_to').fill('');
    await page.locator('[id="features.0.name"]').fill('Wi-Fi');
    await page.locator('[id="features.0.value"]').fill('6');
    await page.getByTestId('add-feature').click();
    await page.locator('[id="features.1.name"]').fill('Ports');
    await page.locator('[id="features.1.value"]').fill('4');
    await page.locator('#name_fr').press('Control+Enter');
    await page.waitForURL((u) => /^\/catalog\/products\/\d+$/.test(u.pathname));
    assert.equal(await page.getByTestId('product-code').innerText(), 'ROUTER-X2');
    assert.equal(await page.locator('[id="features.1.value"]').inputValue(), '4');
    // The live search finds it by a word of its name.
    await page.goto('/catalog/products');
    await page.locator('#product-q').fill('fibre');
    await page.getByTestId('product-results').getByText('ROUTER-X2').waitFor();

    // A price list with a tiered price.
    await page.goto('/catalog/price-lists');
    await page.getByTestId('new-price-list').click();
    await page.locator('#code').fill('PRO-2026');
    await page.locator('#name_en').fill('Professional 2026');
    await page.locator('#currency').fill('EUR');
    await page.getByTestId('save-price-list').click();
    await page.waitForURL((u) => /^\/catalog\/price-lists\/\d+$/.test(u.pathname));
    const listId = /(\d+)$/.exec(new URL(page.url()).pathname)[1];
    await page.locator('#product').fill('router-x2');
    await page.locator('#unit_price').fill('abc');
    await page.locator('[id="tiers.0.min_quantity"]').fill('50');
    await page.locator('[id="tiers.0.unit_price"]').fill('79.50');
    await page.locator('[id="tiers.1.min_quantity"]').fill('10');
    await page.locator('[id="tiers.1.unit_price"]').fill('85');
    await page.getByTestId('save-price').click();
    assert.match(await page.locator('#unit_price-error').innerText(), /amount/i);
    assert.equal(await page.getByTestId('prices').count(), 0, 'nothing was saved');
    await page.locator('#unit_price').fill('1,089.00');
    await page.getByTestId('save-price').click();
    assert.equal(await page.locator('[id="tiers.1.min_quantity"]').getAttribute('aria-invalid'), 'true');
    await page.locator('[id="tiers.0.min_quantity"]').fill('10');
    await page.locator('[id="tiers.0.unit_price"]').fill('85');
    await page.locator('[id="tiers.1.min_quantity"]').fill('50');
    await page.locator('[id="tiers.1.unit_price"]').fill('79.50');
    await page.getByTestId('save-price').click();
    const prices = page.getByTestId('prices');
    await prices.waitFor();
    const row = (await prices.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
    assert.match(row, /ROUTER-X2/);
    assert.match(row, /€1,089\.00/);
    assert.match(row, /From 10: €85\.00/);
    assert.match(row, /From 50: €79\.50/);

    // A small CSV into that list.
    await page.goto('/catalog/import');
    await page.locator('#file').setInputFiles(csvFile('catalog.csv',
      'code,name_en,name_fr,type,unit,trackable,vat_rate,features,price,tiers\n' +
      'INSTALL,Installation visit,Visite d’installation,service,hour,no,10,,45.50,\n'));
    await page.locator('#price_list').selectOption(listId);
    await page.locator('main form[action="/catalog/import"] button[type="submit"]').click();
    await page.waitForURL((u) => /^\/jobs\/\d+$/.test(u.pathname));
    await page.waitForFunction(
      () => ['done', 'failed', 'cancelled'].includes(document.querySelector('[data-testid="job"]')?.dataset.status),
      null, { timeout: 30_000 });
    assert.match((await page.getByTestId('job').innerText()).replace(/\s+/g, ' '),
      /1 product created, 0 products updated, 1 price set/);

    // The customer gets the list from the customer's page; a USD list is
    // refused for the EUR account.
    await page.goto(`/customers/${customerId}`);
    const section = page.getByTestId('customer-price-lists');
    await section.waitFor();
    await page.locator('#price_list-customer').selectOption(String(usdList));
    await section.locator('tr[data-holder="customer"] button').click();
    assert.match(await errorOf(page, 'price_list-customer'), /USD.*EUR/);
    await page.locator('#price_list-customer').selectOption(listId);
    await page.getByTestId('customer-price-lists').locator('tr[data-holder="customer"] button').click();
    await page.getByTestId('customer-price-lists').locator('tr[data-holder="customer"] strong', { hasText: 'PRO-2026' }).waitFor();
    assert.deepEqual(problems.filter((p) => !/net::ERR_ABORTED|HTTP 422/.test(p)), []);
  });

  test('in French: a price typed with a comma, errors in French', { timeout: TEST_TIMEOUT }, async () => {
    const { page } = await newPage(browser, server, { locale: 'fr-FR' });
    await logIn(page, 'gestionnaire', 'gestion-2026');
    await page.goto('/catalog/products/new');
    assert.match(await page.locator('main h1').innerText(), /Nouveau produit/);
    await page.locator('#code').fill('COMPTEUR');
    await page.locator('#name_fr').fill('Compteur communicant');
    await page.locator('#vat_rate').fill('5,5');
    await page.locator('#orderable_from').fill('2026-06-01');
    await page.locator('#orderable_to').fill('2026-05-01');
    await page.getByTestId('save-product').click();
    assert.match(await errorOf(page, 'orderable_to'), /date de fin/i);
    await page.locator('#orderable_to').fill('');
    await page.getByTestId('save-product').click();
    await page.waitForURL((u) => /^\/catalog\/products\/\d+$/.test(u.pathname));
    assert.equal(await page.locator('#vat_rate').inputValue(), '5,5');

    await page.goto('/catalog/price-lists/new');
    await page.locator('#code').fill('PARTICULIERS');
    await page.locator('#name_fr').fill('Particuliers');
    await page.getByTestId('save-price-list').click();
    await page.waitForURL((u) => /^\/catalog\/price-lists\/\d+$/.test(u.pathname));
    await page.locator('#product').fill('compteur');
    await page.locator('#unit_price').fill('999999999999');
    await page.getByTestId('save-price').click();
    assert.match(await page.locator('#unit_price-error').innerText(), /dépasse la limite/);
    await page.locator('#unit_price').fill('12,50');
    await page.locator('[id="tiers.0.min_quantity"]').fill('10');
    await page.locator('[id="tiers.0.unit_price"]').fill('11,5');
    await page.getByTestId('save-price').click();
    const row = (await page.getByTestId('prices').locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
    assert.match(row, /12,50\s€/);
    assert.match(row, /À partir de 10\s:\s11,50\s€/);
  });
});
