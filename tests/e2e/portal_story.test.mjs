// Issue 16's story, end to end in a real browser with the real local SMTP
// sink: a CSR adds a contact on the customer's page and invites it to the
// portal; the invitation e-mail arrives at the sink; the customer opens its
// link, sets a password, sees their products and services, fills a cart,
// saves it as a quote, accepts it with their typed name, converts it (the
// change report acknowledged when there is one) and submits the order; a
// fulfilment user completes it from the fulfilment queue; the new product
// appears in the portal; the customer asks to disconnect another one; the
// CSR's 360° view shows the web steps, the quote, the order and the change
// order. Once in English, once in French. Only the catalog, the customer
// and their first product are made through the API beforehand. Every wait
// is bounded and waits on what a user sees.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, createCustomer, createToken, logInPage, mailSinkSuite, newPage, sleep } from '../support/harness.mjs';
import { mailsTo } from '../support/portal.mjs';

const TEST_TIMEOUT = 150_000;
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const PASSWORD = 'histoire-2026';

describe('the portal’s story: invitation to disconnect, seen by the CSR', { timeout: 3 * TEST_TIMEOUT }, () => {
  const env = mailSinkSuite(before, after);
  const tokens = {};

  const call = async (method, target, token, json, status) => {
    const res = await apiCall(env.server, method, target, { token, json });
    if (status) assert.equal(res.status, status, `${method} ${target}: ${res.text}`);
    return res.body;
  };
  // A trackable product priced on the default list (the customers' list).
  async function product(code, name, unit_price) {
    const made = await call('POST', '/api/v1/products', tokens.manager, {
      code, name_en: name, name_fr: name, type: 'service', unit: 'month', trackable: true, vat_rate: '20',
      orderable_from: day(-30),
    }, 201);
    const lists = await call('GET', '/api/v1/price-lists', tokens.manager, undefined, 200);
    const list = (lists.items ?? lists).find((l) => l.is_default);
    const { version } = await call('GET', `/api/v1/price-lists/${list.id}`, tokens.manager, undefined, 200);
    await call('PUT', `/api/v1/price-lists/${list.id}/prices/${made.id}`, tokens.manager, { unit_price, version }, 200);
    return made;
  }
  // The newest message of the sink to `to` (delivery is awaited, at most 10 s).
  async function mailTo(to) {
    for (let i = 0; i < 40; ++i) {
      const mail = mailsTo(env.sink.folder, to).at(-1);
      if (mail) return mail;
      await sleep(250);
    }
    assert.fail(`no mail to ${to}`);
  }

  before(async () => {
    for (const role of ['manager', 'csr', 'fulfilment', 'admin'])
      tokens[role] = (await createToken(env.server, role, `e2e-story-${role}`)).token;
    const settings = await call('GET', '/api/v1/settings', tokens.admin, undefined, 200);
    await call('PUT', '/api/v1/settings', tokens.admin, {
      version: settings.version, smtp_host: '127.0.0.1', smtp_port: env.sink.port, smtp_sender: 'portail@rapport.example',
    }, 200);
  });

  for (const [language, t] of [
    ['en', { locale: 'en-US', csr: 'csr', invited: /invit/i, saved: /saved as a quote/,
             made: /Your order is made/, submitted: /Your order is submitted/,
             web: 'Web (portal)', steps: ['Saved the cart as a quote', 'Accepted the quote', 'Submitted the order'] }],
    ['fr', { locale: 'fr-FR', csr: 'conseiller', invited: /invit/i, saved: /enregistré comme devis/,
             made: /Votre commande est établie/, submitted: /Votre commande est envoyée/,
             web: 'Web (portail)', steps: ['A enregistré le panier comme devis', 'A accepté le devis', 'A envoyé la commande'] }],
  ]) {
    test(`invited by a CSR, the customer orders, is served, disconnects; the CSR sees it all (${language})`,
         { timeout: TEST_TIMEOUT }, async () => {
      const tag = crypto.randomBytes(3).toString('hex').toUpperCase();
      const router = await product(`SROUTER-${tag}`, `Router ${tag}`, 990);
      const fibre = await product(`SFIBRE-${tag}`, `Fibre ${tag}`, 3990);
      const customer = (await createCustomer(env.server, tokens.csr, {
        kind: 'company', company_name: `Histoire ${language.toUpperCase()} ${tag}`, language,
        address: { line1: '12 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
      })).customer;
      // Their first product, ordered by phone and installed.
      let first = await call('POST', '/api/v1/sales-orders', tokens.csr, { customer_id: customer.id, requested_delivery: day(3) }, 201);
      first = await call('POST', `/api/v1/sales-orders/${first.id}/lines`, tokens.csr,
                         { version: first.version, product_id: router.id, quantity: 1 }, 201);
      await call('POST', `/api/v1/sales-orders/${first.id}/submit`, tokens.csr, { version: first.version }, 200);
      for (const line of (await call('GET', `/api/v1/sales-orders/${first.id}`, tokens.csr, undefined, 200)).lines)
        await call('POST', `/api/v1/sales-orders/${first.id}/lines/${line.id}/complete`, tokens.fulfilment, {}, 200);
      const routerAsset = (await call('GET', `/api/v1/customers/${customer.id}/assets`, tokens.csr, undefined, 200)).items[0];

      // 1. The CSR adds the contact on the customer's page and invites it.
      const email = `histoire.${tag.toLowerCase()}@example.org`;
      const staff = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(staff.page, t.csr);
      await staff.page.goto(`/customers/${customer.id}`);
      await staff.page.locator('#contacts-title ~ details > summary').click();
      await staff.page.locator('#contact_given_name').fill('Claire');
      await staff.page.locator('#contact_family_name').fill(`Client ${tag}`);
      await staff.page.locator('#contact_email').fill(email);
      await staff.page.locator('#contact_email').press('Enter');
      const row = staff.page.getByTestId('contacts').locator('tr', { hasText: email });
      await row.waitFor();
      await row.getByTestId('portal-invite').click();
      await staff.page.waitForURL((u) => u.searchParams.get('invited') === '1');
      assert.match(await staff.page.locator('.alert-success').innerText(), t.invited);

      // 2. The invitation arrives at the sink; the customer opens its link.
      const mail = await mailTo(email);
      const link = /(\/portal\/invitation\/[A-Za-z0-9_-]+)/.exec(mail.text);
      assert.ok(link, `the invitation has its link: ${mail.text}`);
      const { page, problems, context } = await newPage(env.browser, env.server, { locale: t.locale });
      await page.goto(link[1]);
      assert.equal((await page.getByTestId('portal-customer').innerText()).trim(), customer.company_name ?? `Histoire ${language.toUpperCase()} ${tag}`);
      await page.locator('#password').fill(PASSWORD);
      await page.locator('#password_again').fill(PASSWORD);
      await page.locator('#password_again').press('Enter');
      await page.waitForURL((u) => u.pathname === '/portal');
      // Their products and services: the router.
      assert.match(await page.getByTestId('portal-assets').innerText(), new RegExp(routerAsset.number));
      // The link worked once.
      const again = await newPage(env.browser, env.server, { locale: t.locale });
      await again.page.goto(link[1]);
      assert.equal(await again.page.locator('#password').count(), 0, 'a used link offers no password form');
      await again.context.close();

      // 3. Cart, quote, acceptance, conversion, submission.
      await page.getByTestId('nav-catalog').click();
      await page.getByTestId('catalog-search').fill(fibre.code);
      await page.getByTestId('catalog-search').press('Enter');
      await page.locator(`[data-testid="catalog-item"][data-code="${fibre.code}"] a`).click();
      await page.locator('#quantity').fill('1');
      await page.getByTestId('add-to-cart-button').click();
      await page.waitForURL((u) => u.pathname === '/portal/cart');
      assert.equal(await page.getByTestId('cart-line').count(), 1);
      await page.getByTestId('save-as-quote').click();
      await page.waitForURL((u) => u.pathname.startsWith('/portal/quotes/'));
      assert.match(await page.locator('main').innerText(), t.saved);
      const quoteId = Number(new URL(page.url()).pathname.split('/').at(-1));
      const quoteNumber = (await page.getByTestId('portal-quote-number').innerText()).trim().replace(/-\d+$/, '');
      await page.getByTestId('accepted-by').fill(`Claire Client ${tag}`);
      await page.getByTestId('accept-quote').click();
      await page.waitForURL((u) => u.search.includes('done=accepted'));
      assert.equal(await page.getByTestId('portal-quote-state').getAttribute('data-state'), 'accepted');
      if (await page.getByTestId('change-report').count()) await page.getByTestId('acknowledge').check();
      await page.getByTestId('convert-quote').click();
      await page.waitForURL((u) => u.search.includes('done=converted'));
      assert.match(await page.locator('main').innerText(), t.made);
      const orderNumber = (await page.getByTestId('portal-order-number').innerText()).trim();
      await page.getByTestId('submit-order').click();
      await page.waitForURL((u) => u.search.includes('done=submitted'));
      assert.match(await page.locator('main').innerText(), t.submitted);

      // 4. Fulfilment completes the order from its queue.
      const fulfilment = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(fulfilment.page, 'fulfilment');
      await fulfilment.page.goto('/fulfilment');
      await fulfilment.page.locator(`tr[data-order="${orderNumber}"][data-code="${fibre.code}"]`)
        .getByTestId('queue-complete').click();
      await fulfilment.page.locator('.alert-success').waitFor();
      await fulfilment.page.goto('/fulfilment');
      assert.equal(await fulfilment.page.locator(`tr[data-order="${orderNumber}"]`).count(), 0, 'the order left the queue');
      await fulfilment.context.close();

      // 5. The new product appears in the portal; the customer disconnects the router.
      await page.locator('.portal-nav a[href="/portal"]').click();
      await page.waitForURL((u) => u.pathname === '/portal');
      const assets = page.getByTestId('portal-assets');
      assert.match(await assets.innerText(), new RegExp(`Fibre ${tag}`));
      await page.getByTestId(`portal-request-${routerAsset.number}`).click();
      await page.waitForURL((u) => u.pathname === `/portal/assets/${routerAsset.id}/request`);
      await page.getByTestId('request-disconnect').check();
      await page.locator('#requested_date').fill(day(7));
      await page.getByTestId('request-send').click();
      await page.getByTestId('portal-requested').waitFor();
      const orders = (await page.getByTestId('portal-orders').locator('li').allInnerTexts()).map((s) => s.trim());
      const changeOrder = orders.map((s) => s.split(' ')[0]).find((n) => n !== orderNumber && n !== first.number);
      assert.ok(changeOrder, `the change order is listed: ${orders.join(' | ')}`);
      assert.deepEqual(problems, []);
      await context.close();

      // 6. The CSR's 360° view: the web steps, the quote, the order, the change order.
      await staff.page.goto(`/customers/${customer.id}`);
      const history = staff.page.getByTestId('interactions');
      const webLines = history.locator('li', { hasText: t.web });
      const webText = (await webLines.allInnerTexts()).join('\n');
      for (const step of t.steps) assert.ok(webText.includes(step), `the 360° view shows "${step}" on the web: ${webText}`);
      assert.ok(webText.includes(changeOrder), `the change order's web request is on the 360° view: ${webText}`);
      const quoteRow = await staff.page.locator(`#quote-${quoteId}`).innerText();
      assert.match(quoteRow, new RegExp(quoteNumber));
      assert.match(quoteRow, new RegExp(orderNumber));
      const salesOrders = await staff.page.getByTestId('sales-orders').innerText();
      assert.match(salesOrders, new RegExp(orderNumber));
      assert.match(salesOrders, new RegExp(changeOrder));
      await staff.context.close();
    });
  }
});
