// In a real browser, as a CSR: find a caller by phone from the header's
// search box and open the 360° view; search an unknown name, add the
// customer from the prefilled form, meet the duplicate warning with a second
// similar one, record a call without leaving the page; the same in French.
// Takes docs/screenshots/customer.png and search.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_PASSWORD,
  apiCall,
  createCustomer,
  createToken,
  launchBrowser,
  newPage,
  screenshot,
  startServer,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;

const HELENE = {
  given_name: 'Hélène',
  family_name: 'Dupré',
  language: 'fr',
  address: { line1: '12 rue Victor-Hugo', postal_code: '69002', city: 'Lyon', country: 'FR' },
  phones: [{ type: 'mobile', number: '06 12 34 56 78' }],
  emails: ['helene.dupre@exemple.fr'],
  premise: { premise_type: 'apartment', service_point_type: 'electric_meter' },
};

// More Duprés, so that the search results (and their screenshot) have rows.
const OTHERS = [
  {
    given_name: 'Robert', family_name: 'Tremblay', language: 'en',
    address: { line1: '250 Front St W', postal_code: 'M5V 3L9', city: 'Toronto', region: 'ON', country: 'CA' },
    phones: [{ type: 'mobile', number: '+1 416 555 0142' }],
  },
  {
    given_name: 'Marc', family_name: 'Dupré', language: 'fr',
    address: { line1: '4 place des Terreaux', postal_code: '69001', city: 'Lyon', country: 'FR' },
    phones: [{ type: 'home', number: '04 78 28 14 52' }],
    premise: { service_point_type: 'gas_meter' },
  },
  {
    kind: 'company', company_name: 'Boulangerie Dupré', language: 'fr', customer_class: 'commercial',
    address: { line1: '18 rue de la Charité', postal_code: '69002', city: 'Lyon', country: 'FR' },
    phones: [{ type: 'work', number: '04 72 41 09 33' }],
    premise: { premise_type: 'shop', service_point_type: 'electric_meter' },
  },
];

// What went wrong on the page. Leaving the page (Enter on a suggestion) may abort the last suggest request.
const real = (problems) =>
  problems.filter((p) => !/\/customers\/suggest\?\S* net::ERR_ABORTED/.test(p));

async function logIn(page, login) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

const text = async (locator) => (await locator.textContent()).replace(/\s+/g, ' ').trim();

// The id in /customers/{id}.
function customerIdOf(page) {
  const m = /^\/customers\/(\d+)$/.exec(new URL(page.url()).pathname);
  assert.ok(m, `on a customer's page: ${page.url()}`);
  return Number(m[1]);
}

// Searches on /customers with the one box.
async function searchOnPage(page, q, buttonName) {
  await page.goto('/customers');
  await page.locator('#q').fill(q);
  await page.locator('form.search-form').getByRole('button', { name: buttonName, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === q);
}

// Fills the new customer's address and phone.
async function fillAddress(page, { line1, postal_code, city, country }, phone) {
  await page.locator('#line1').fill(line1);
  await page.locator('#postal_code').fill(postal_code);
  await page.locator('#city').fill(city);
  await page.locator('#country').fill(country);
  await page.locator('#phone').fill(phone);
}

async function saveForm(page, name) {
  await page.locator('main form[action="/customers"]').getByRole('button', { name, exact: true }).click();
}

// Waits for the landing on a customer's page after saving: its id.
async function savedCustomer(page, savedText) {
  await page.waitForURL((u) => /^\/customers\/\d+$/.test(u.pathname));
  const status = page.locator('main [role="status"]');
  await status.waitFor();
  assert.equal((await status.textContent()).trim(), savedText);
  return customerIdOf(page);
}

// Asserts the yellow duplicate warning names `firstId` for `reason`.
async function checkDuplicateWarning(page, firstId, reason) {
  const warning = page.getByTestId('duplicates');
  await warning.waitFor();
  assert.match(await warning.getAttribute('class'), /\balert-warning\b/);
  const [r, g, b] = (await warning.evaluate((el) => getComputedStyle(el).backgroundColor))
    .match(/\d+/g).map(Number);
  assert.ok(r > 220 && g > 200 && b < g - 20, `the warning is yellow (rgb ${r}, ${g}, ${b})`);
  const link = warning.locator(`a[href="/customers/${firstId}"]`);
  assert.equal(await link.count(), 1, `the warning links the first customer: ${await warning.innerHTML()}`);
  assert.match(await text(link), /Lambert|Garnier/);
  const item = warning.locator('li', { has: page.locator(`a[href="/customers/${firstId}"]`) });
  assert.ok((await text(item)).includes(reason), `the reason "${reason}" is given: ${await text(item)}`);
  return link;
}

// Records a call with the form on the customer's page and checks that the
// history shows it first, without reloading the page, and that the form is cleared.
async function recordCall(page, { legend, button, summary, channel, direction, who, outcome }) {
  const form = page.getByTestId('record-call');
  assert.equal(await text(form.locator('legend')), legend);
  await page.evaluate(() => { window.__sameDocument = true; });
  const url = page.url();
  await form.locator('#call-summary').fill(summary);
  if (outcome) await form.locator('#call-outcome').selectOption(outcome.code);
  await form.getByRole('button', { name: button, exact: true }).click();
  const first = page.locator('#interaction-list li').first();
  await page.locator('#interaction-list li', { hasText: summary }).waitFor();
  const line = await text(first);
  assert.ok(line.includes(summary), `the newest interaction comes first: ${line}`);
  assert.ok(line.includes(channel), `it is a call (${channel}): ${line}`);
  assert.ok(line.includes(direction), `inbound (${direction}): ${line}`);
  assert.ok(line.includes(who), `by ${who}: ${line}`);
  if (outcome) assert.ok(line.includes(outcome.label), `the outcome (${outcome.label}): ${line}`);
  assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'the page was not reloaded');
  assert.equal(page.url(), url);
  await page.waitForFunction(() => document.querySelector('#call-summary').value === '', null, { timeout: 5_000 })
    .catch(() => {});
  assert.equal(await form.locator('#call-summary').inputValue(), '', 'the summary is cleared');
}

describe('browser: customers and Control Central', () => {
  let server;
  let browser;
  let helene;
  const contexts = [];
  before(async () => {
    server = await startServer({ kind: 'sqlite' });
    const { token } = await createToken(server, 'csr', 'e2e-customers');
    helene = await createCustomer(server, token, HELENE);
    for (const body of OTHERS) await createCustomer(server, token, body);
    // A little history, so that the 360° view shows what it looks like.
    const interactions = `/api/v1/customers/${helene.customer.id}/interactions`;
    for (const json of [
      { channel: 'call', direction: 'inbound', summary: 'Moving in on 1 December; wants the meter read that day.', outcome: 'Question answered' },
      { channel: 'note', summary: 'Prefers to be called after 6 pm.' },
    ]) {
      const res = await fetch(server.url + interactions, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
      assert.equal(res.status, 201, await res.text());
    }
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function open(opts) {
    const p = await newPage(browser, server, opts);
    contexts.push(p.context);
    return p;
  }

  test('a phone typed in the header box suggests the customer; Enter opens the 360° view', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logIn(page, 'csr');
    await page.locator('#global-search').fill('0612345678');
    const suggestion = page.locator('#search-suggestions a', { hasText: 'Hélène' });
    await suggestion.first().waitFor();
    const line = await text(suggestion.first());
    assert.match(line, /Dupré/);
    assert.match(line, /06 12 34 56 78/);
    assert.equal(await suggestion.first().getAttribute('href'), `/customers/${helene.customer.id}`);

    await page.locator('#global-search').press('Enter');
    await page.waitForURL((u) => u.pathname === `/customers/${helene.customer.id}`);
    const h1 = await text(page.locator('main h1'));
    assert.match(h1, /Hélène/);
    assert.match(h1, /Dupré/);
    const accounts = page.getByTestId('accounts');
    assert.ok((await text(accounts)).includes(helene.accounts[0].number), 'the account number is shown');
    const premises = await text(page.getByTestId('premises'));
    assert.ok(premises.includes('12 rue Victor-Hugo'), premises);
    assert.ok(premises.includes('69002 Lyon'), premises);
    assert.match(premises, /Electric meter/);
    const bar = page.getByTestId('customer-bar');
    assert.ok(await bar.isVisible(), 'the customer bar is shown');
    const barText = await text(bar);
    assert.match(barText, /Dupré/);
    assert.match(barText, /06 12 34 56 78/);
    assert.match(barText, /Europe\/Paris/);
    const history = page.locator('#interaction-list li');
    assert.equal(await history.count(), 2);
    assert.match(await text(history.first()), /Prefers to be called after 6 pm/, 'newest first');
    await page.locator('main h1').hover();
    await screenshot(page, 'customer.png');
    assert.deepEqual(real(problems), []);
  });

  test('the search page lists the Duprés found by name, typed without accents', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logIn(page, 'csr');
    await searchOnPage(page, 'dupre', 'Search');
    const table = page.getByTestId('search-results');
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim())));
    for (const name of [/Hélène/, /Marc/, /Boulangerie Dupré/]) {
      const row = rows.find((cells) => name.test(cells[0]));
      assert.ok(row, `${name} is listed: ${JSON.stringify(rows)}`);
      assert.equal(row.at(-1), 'name', `found by name: ${JSON.stringify(row)}`);
    }
    assert.ok(!rows.some((cells) => /Tremblay/.test(cells[0])), 'Robert Tremblay is not a Dupré');
    const heleneRow = rows.find((cells) => /Hélène/.test(cells[0]));
    assert.ok(heleneRow.includes('06 12 34 56 78'), JSON.stringify(heleneRow));
    assert.ok(heleneRow.includes(helene.accounts[0].number), JSON.stringify(heleneRow));
    await page.locator('main h1').hover();
    await screenshot(page, 'search.png');
    assert.deepEqual(real(problems), []);
  });

  test('an unknown name offers Add a customer; the prefilled form saves; a similar second one is warned about; a call is recorded',
    { timeout: TEST_TIMEOUT }, async () => {
      const { page, problems } = await open();
      await logIn(page, 'csr');
      await searchOnPage(page, 'Zoé Lambert', 'Search');
      const notFound = page.getByTestId('not-found');
      await notFound.waitFor();
      assert.ok((await text(notFound)).includes('No customer found for “Zoé Lambert”.'), await text(notFound));
      assert.equal(await page.getByTestId('search-results').count(), 0);
      await notFound.getByRole('link', { name: 'Add a customer', exact: true }).click();

      await page.waitForURL((u) => u.pathname === '/customers/new');
      assert.equal(await text(page.locator('main h1')), 'Add a customer');
      assert.equal(await page.locator('#given_name').inputValue(), 'Zoé');
      assert.equal(await page.locator('#family_name').inputValue(), 'Lambert');
      await fillAddress(page, { line1: '3 rue des Lilas', postal_code: '44000', city: 'Nantes', country: 'FR' },
                        '07 81 22 33 44');
      await saveForm(page, 'Save');
      const firstId = await savedCustomer(page, 'Saved.');
      assert.match(await text(page.locator('main h1')), /Zoé/);
      assert.match(await text(page.locator('main h1')), /Lambert/);
      assert.ok((await text(page.getByTestId('premises'))).includes('3 rue des Lilas'));
      assert.match(await text(page.getByTestId('customer-bar')), /07 81 22 33 44/);

      // A second Zoé Lambert at the same postal code, with another phone.
      await page.goto(`/customers/new?q=${encodeURIComponent('Zoé Lambert')}`);
      assert.equal(await page.locator('#given_name').inputValue(), 'Zoé');
      await fillAddress(page, { line1: '21 rue des Lilas', postal_code: '44000', city: 'Nantes', country: 'FR' },
                        '07 55 66 77 88');
      await saveForm(page, 'Save');
      const link = await checkDuplicateWarning(page, firstId, 'same name at the same postal code');
      const submit = page.locator('main form[action="/customers"] button[type="submit"]');
      assert.equal(await text(submit), 'Save anyway');
      assert.equal(await page.locator('#phone').inputValue(), '07 55 66 77 88', 'the form comes back filled');
      assert.equal(await page.locator('#line1').inputValue(), '21 rue des Lilas');

      // The CSR opens the existing customer instead, and records the call there.
      await link.click();
      await page.waitForURL((u) => u.pathname === `/customers/${firstId}`);
      await recordCall(page, {
        legend: 'Record a call', button: 'Save the call', summary: 'Asked about the contract',
        channel: 'Call', direction: 'inbound', who: 'Sam Carter', outcome: { code: 'callback', label: 'Call back' },
      });
      // Still there after a reload: it was saved.
      await page.reload();
      assert.match(await text(page.locator('#interaction-list li').first()), /Asked about the contract/);
      assert.deepEqual(real(problems), []);
    });

  test('a call note of only spaces is refused in place: the error shows and nothing is lost (English, French)',
    { timeout: TEST_TIMEOUT }, async () => {
      for (const [login, locale, message, tel] of [
        ['csr', 'en-US', 'Write what the call or note was about.', '+33612345678'],
        ['conseiller', 'fr-FR', 'Indiquez l’objet de l’appel ou de la note.', '+33612345678'],
      ]) {
        const { page, problems } = await open({ locale });
        await logIn(page, login);
        await page.goto(`/customers/${helene.customer.id}`);
        // Every phone number dials from a softphone in one click.
        assert.equal(await page.getByTestId('customer-phone').first().getAttribute('href'), `tel:${tel}`);
        const before = await page.locator('#interaction-list li').count();
        const form = page.getByTestId('record-call');
        await form.locator('#call-summary').fill('   ');
        // htmx answers 422: the error is swapped in where the CSR is looking.
        const answered = page.waitForResponse((r) => r.url().endsWith('/interactions') && r.request().method() === 'POST');
        await form.locator('button[type="submit"]').click();
        assert.equal((await answered).status(), 422);
        // The error is said in the call panel, beside the form.
        const alert = page.getByTestId('call-status').locator('[role="alert"]');
        await alert.waitFor();
        assert.equal(await text(alert), message);
        assert.equal(await page.locator('#interaction-list li').count(), before, 'nothing recorded');
        assert.equal(await form.locator('#call-summary').inputValue(), '   ', 'the form is not cleared');
        // Corrected, it saves and the error goes.
        const note = `Called back about the meter (${login})`;
        await form.locator('#call-summary').fill(note);
        await form.locator('button[type="submit"]').click();
        await page.locator('#interaction-list li', { hasText: note }).waitFor();
        assert.equal(await alert.count(), 0);
        assert.deepEqual(real(problems).filter((p) => !p.startsWith('HTTP 422: POST /customers/')), []);
      }
    });

  test('the call panel is in view at 1280×800 above many orders and contacts; long sections fold and open; numbers, not ids',
    { timeout: TEST_TIMEOUT }, async () => {
      const { token } = await createToken(server, 'csr', 'e2e-call-panel');
      const { customer } = await createCustomer(server, token, {
        given_name: 'Odile', family_name: 'Marchetti', language: 'fr',
        address: { line1: '9 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
        phones: [{ type: 'mobile', number: '06 31 42 53 64' }],
        premise: { premise_type: 'apartment', service_point_type: 'electric_meter' },
      });
      const campaigns = await apiCall(server, 'GET', '/api/v1/campaigns', { token });
      assert.equal(campaigns.status, 200, campaigns.text);
      const generic = campaigns.body.items.find((c) => c.code === 'GENERIC');
      assert.ok(generic, 'the demo data has the GENERIC campaign');
      // Seven orders taken for her, and eight calls: long sections.
      for (let i = 0; i < 7; i += 1) {
        const res = await apiCall(server, 'POST', '/api/v1/service-orders', {
          token, json: { campaign_id: generic.id, parties: { person: 'use_existing', customer_id: customer.id } },
        });
        assert.equal(res.status, 201, res.text);
      }
      for (let i = 1; i <= 8; i += 1) {
        const res = await apiCall(server, 'POST', `/api/v1/customers/${customer.id}/interactions`, {
          token, json: { channel: 'call', direction: 'outbound', summary: `Follow-up call ${i}` },
        });
        assert.equal(res.status, 201, res.text);
      }
      const { page, problems } = await open();
      await logIn(page, 'csr');
      await page.goto(`/customers/${customer.id}`);
      assert.deepEqual(page.viewportSize(), { width: 1280, height: 800 });
      // Record a call, the next contact and New order are on screen without scrolling.
      for (const testid of ['record-call', 'new-order', 'next-contact']) {
        const box = await page.getByTestId(testid).boundingBox();
        assert.ok(box, `${testid} is shown`);
        assert.ok(box.y >= 0 && box.y + box.height <= 800, `${testid} is in view: ${JSON.stringify(box)}`);
      }
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      // Fifteen contacts, each order once: seven orders and eight calls.
      assert.equal(await text(page.getByTestId('call-count')), 'Calls recorded: 15');
      // The orders fold (seven rows), and open from the keyboard.
      const orders = page.getByTestId('fold-service-orders');
      assert.equal(await orders.getAttribute('open'), null, 'seven orders are folded');
      assert.equal(await page.getByTestId('service-orders').isVisible(), false);
      await orders.locator('summary').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('service-orders').waitFor();
      assert.equal(await page.getByTestId('service-orders').locator('tbody tr').count(), 7);
      // Short sections stay open: one premise, no agreement.
      assert.notEqual(await page.getByTestId('fold-premises').getAttribute('open'), null);
      assert.ok(await page.getByTestId('premises').isVisible());
      // The history keeps the newest five lines in view; the rest fold.
      assert.equal(await page.locator('#interaction-list > ol.timeline > li').count(), 5);
      const earlier = page.getByTestId('earlier-interactions');
      assert.equal(await text(earlier.locator('summary')), 'Earlier contacts: 10');
      // Business numbers, never an internal id.
      const premise = page.getByTestId('premises').locator('tbody tr').first();
      assert.match(await text(premise.locator('td').first()), /^P1\d{6}$/);
      assert.match(await text(premise.locator('[id^="service-point-"]')), /^SP1\d{6} Electric meter/);
      assert.match(await text(page.getByTestId('accounts').locator('tbody td').first()), /^A1\d{6}$/);
      for (const testid of ['premises', 'accounts', 'service-orders', 'history']) {
        assert.doesNotMatch(await text(page.getByTestId(testid)), /#\d/, testid);
      }
      // A call recorded at the top says so there; it heads the history.
      await page.locator('#call-summary').fill('Asked for the next visit');
      await page.getByTestId('record-call').locator('button[type="submit"]').click();
      await page.getByTestId('call-status').getByText('Call saved').waitFor();
      assert.match(await text(page.locator('#interaction-list > ol.timeline > li').first()), /Asked for the next visit/);
      assert.equal(await text(page.getByTestId('call-count')), 'Calls recorded: 16');
      assert.deepEqual(real(problems), []);
      // The same panel in French.
      const fr = await open({ locale: 'fr-FR' });
      await logIn(fr.page, 'conseiller');
      await fr.page.goto(`/customers/${customer.id}`);
      assert.equal(await text(fr.page.getByTestId('call-count')), 'Appels consignés : 16');
      assert.equal(await text(fr.page.getByTestId('next-contact').locator('h3')), 'Prochain contact prévu');
      assert.equal(await text(fr.page.getByTestId('earlier-interactions').locator('summary')), 'Contacts plus anciens : 11');
      assert.deepEqual(real(fr.problems), []);
    });

  test('the same in French as conseiller: Ajouter un client, Enregistrer quand même, Consigner un appel',
    { timeout: TEST_TIMEOUT }, async () => {
      const { page, problems } = await open({ locale: 'fr-FR' });
      await logIn(page, 'conseiller');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await searchOnPage(page, 'Noémie Garnier', 'Rechercher');
      const notFound = page.getByTestId('not-found');
      await notFound.waitFor();
      assert.ok((await text(notFound)).includes('Aucun client trouvé pour « Noémie Garnier ».'), await text(notFound));
      await notFound.getByRole('link', { name: 'Ajouter un client', exact: true }).click();

      await page.waitForURL((u) => u.pathname === '/customers/new');
      assert.equal(await text(page.locator('main h1')), 'Ajouter un client');
      assert.equal(await text(page.locator('label[for="given_name"]')), 'Prénom');
      assert.equal(await page.locator('#given_name').inputValue(), 'Noémie');
      assert.equal(await page.locator('#family_name').inputValue(), 'Garnier');
      await fillAddress(page, { line1: '8 allée des Tilleuls', postal_code: '35000', city: 'Rennes', country: 'FR' },
                        '07 61 32 43 54');
      await saveForm(page, 'Enregistrer');
      const firstId = await savedCustomer(page, 'Enregistré.');

      await page.goto(`/customers/new?q=${encodeURIComponent('Noémie Garnier')}`);
      await fillAddress(page, { line1: '15 allée des Tilleuls', postal_code: '35000', city: 'Rennes', country: 'FR' },
                        '07 98 87 76 65');
      await saveForm(page, 'Enregistrer');
      await checkDuplicateWarning(page, firstId, 'même nom au même code postal');
      assert.match(await text(page.getByTestId('duplicates')), /Ce client existe peut-être déjà/);
      // This time she saves anyway: a second customer.
      await saveForm(page, 'Enregistrer quand même');
      const secondId = await savedCustomer(page, 'Enregistré.');
      assert.notEqual(secondId, firstId);
      assert.match(await text(page.getByTestId('customer-bar')), /07 98 87 76 65/);

      await page.goto(`/customers/${firstId}`);
      await recordCall(page, {
        legend: 'Consigner un appel', button: 'Enregistrer l’appel', summary: 'A demandé une copie du contrat',
        channel: 'Appel', direction: 'entrant', who: 'Camille Lefèvre', outcome: { code: 'sale', label: 'Vente' },
      });
      assert.deepEqual(real(problems), []);
    });
});
