// In a real browser, on the demo catalog: a manager uploads a brochure on
// the product page (the file sent as it is); a CSR opens the eAdvisor from a
// quote, finds products by a need, compares two side by side, opens a
// brochure, and adds a product to the quote, whose line then shows on the
// quote page. Once in French: a French CSR's search and the compare error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createCustomer, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 120_000;

describe('eAdvisor pages', { timeout: 3 * TEST_TIMEOUT }, () => {
  const env = browserSuite(before, after);
  let csr;
  let customerId;
  let quoteId;
  const ids = {};

  before(async () => {
    csr = (await createToken(env.server, 'csr', 'e2e')).token;
    const c = await createCustomer(env.server, csr, {
      given_name: 'Anatole', family_name: 'Conseil',
      address: { line1: '3 rue de la Paix', postal_code: '75002', city: 'Paris', country: 'FR' },
      phones: [{ type: 'mobile', number: '06 45 23 34 56' }], proceed: true,
    });
    customerId = c.id ?? c.customer?.id;
    const q = await apiCall(env.server, 'POST', '/api/v1/quotes', { token: csr, json: { customer_id: customerId } });
    assert.equal(q.status, 201, q.text);
    quoteId = q.body.id;
    for (const code of ['ELEC-BASE', 'ELEC-HPHC']) {
      const res = await apiCall(env.server, 'GET', `/api/v1/products?q=${code}`, { token: csr });
      ids[code] = res.body.items.find((p) => p.code === code).id;
    }
  });

  test('a manager uploads a brochure from the product page', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(env.browser, env.server);
    await logInPage(page, 'manager');
    await page.goto(`/catalog/products/${ids['ELEC-BASE']}`);
    const form = page.getByTestId('literature-upload');
    // A file that is not what it claims: refused beside the field.
    await form.locator('#title_en').fill('Fake');
    await form.locator('#file').setInputFiles({ name: 'fake.pdf', mimeType: 'application/pdf', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]) });
    await form.getByTestId('literature-submit').click();
    await page.getByTestId('literature-error').waitFor();
    assert.match(await page.getByTestId('literature-error').innerText(), /Only PDF, PNG, JPEG and plain text/);
    const again = page.getByTestId('literature-upload');
    await again.locator('#title_en').fill('Base rate price sheet');
    await again.locator('#file').setInputFiles({ name: 'price-sheet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% price sheet\n%%EOF\n') });
    await again.getByTestId('literature-submit').click();
    await page.waitForURL((u) => u.search.includes('saved=1'));
    assert.match(await page.getByTestId('literature-list').innerText(), /Base rate price sheet/);
    // The upload's fetch is left when the page moves on (as for the CSV imports); the refusal is a 422.
    assert.deepEqual(problems.filter((p) => !/net::ERR_ABORTED|HTTP 422/.test(p)), []);
  });

  test('a CSR finds by need, compares two, opens a brochure and adds to the quote', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(env.browser, env.server);
    await logInPage(page, 'csr');
    await page.goto(`/quotes/${quoteId}`);
    await page.getByTestId('quote-advisor-link').click();
    await page.waitForURL((u) => u.pathname === `/quotes/${quoteId}/advisor`);
    // The search field has the focus: type the need, Enter searches.
    await page.waitForFunction(() => document.activeElement?.id === 'advisor-q');  // focused on load
    await page.keyboard.type('electricite');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.search.includes('q=electricite'));
    const base = page.locator(`[data-testid="advisor-product"][data-code="ELEC-BASE"]`);
    const hphc = page.locator(`[data-testid="advisor-product"][data-code="ELEC-HPHC"]`);
    await base.waitFor();
    assert.match(await hphc.innerText(), /EDF/);  // its comparison
    await base.getByTestId('advisor-choose').check();
    await hphc.getByTestId('advisor-choose').check();
    await page.getByTestId('advisor-compare').click();
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    assert.equal(await table.locator('thead th').count(), 3);
    assert.match(await table.innerText(), /6 kVA[\s\S]*9 kVA/);
    // A brochure opens in the browser as a PDF.
    const href = await hphc.getByTestId('advisor-literature').first().getAttribute('href');
    const brochure = await page.request.get(href);
    assert.equal(brochure.status(), 200);
    assert.equal(brochure.headers()['content-type'], 'application/pdf');
    assert.match(brochure.headers()['content-disposition'], /^inline; filename=/);
    // Add the off-peak contract to the quote.
    await hphc.getByTestId('advisor-add').locator('input[name=quantity]').fill('2');
    await hphc.getByTestId('advisor-add-button').click();
    await page.waitForURL((u) => u.pathname === `/quotes/${quoteId}` && u.search.includes('done=line_added'));
    await page.getByTestId('quote-lines').locator('tr[data-code="ELEC-HPHC"]').waitFor();
    assert.deepEqual(problems, []);
  });

  test('in French, the search and the compare error read in French', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(env.browser, env.server, { locale: 'fr-FR' });
    await logInPage(page, 'conseiller');
    await page.goto(`/advisor?customer=${customerId}`);
    await page.locator('#advisor-q').fill('RENOUVELABLE éolienne');
    await page.keyboard.press('Enter');
    const green = page.locator(`[data-testid="advisor-product"][data-code="ELEC-GREEN"]`);
    await green.waitFor();
    assert.match(await green.innerText(), /Électricité verte/);
    await green.getByTestId('advisor-choose').check();
    await page.getByTestId('advisor-compare').click();
    await page.getByTestId('compare-error').waitFor();
    assert.equal(await page.getByTestId('compare-error').innerText(), 'Choisissez entre 2 et 4 produits à comparer.');
    assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
  });
});
