// Seed 002's business scenario end to end, in a real browser, every step
// through the pages a user sees (quotes-orders-assets.md, "The flow in the
// seed"): a new caller from a company becomes a customer with an account,
// and the caller its contact; the CSR makes a quote with lines and
// verifies it; the customer accepts it; a manager raises a price on the
// price list; the CSR converts the quote, sees the change report,
// acknowledges it, and submits the order; the fulfilment user completes
// its lines; the trackable items appear as assets on the customer (the
// connection service does not); later a change order disconnects the box
// and adds a Wi-Fi repeater, and once fulfilled the assets show it. Run
// once in English (csr, manager, fulfilment) and once in French
// (conseiller and two French users), checking the labels of the key
// screens. Each role works in its own browser.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, apiCall, createToken, logInPage, mailSinkSuite, newPage, textOf } from '../support/harness.mjs';

const TEST_TIMEOUT = 240_000;
const FRENCH_PASSWORD = 'seed-002-motdepasse';

// What each run types and expects to read.
const RUNS = [
  {
    language: 'en', locale: 'en-US', csr: 'csr', manager: 'manager', fulfilment: 'fulfilment', password: DEMO_PASSWORD,
    company: 'Hartmann Logistics', contact: ['Ingrid', 'Hartmann'], phone: '01 42 68 53',
    address: { line1: '12 rue de la Gare', postal_code: '67000', city: 'Strasbourg', country: 'FR' },
    newPrice: '39.99', newPriceText: /39\.99/, mailSubject: (n) => `Your quote ${n}, revision 1`,
    labels: {
      addCustomer: 'Add a customer', addContact: 'Add a contact', saveContact: 'Save the contact',
      draft: 'Draft', accepted: 'Accepted', convertTitle: 'Convert to an order', unitPrice: 'Unit price',
      acknowledge: 'I have read the changes', pending: 'Pending', open: 'Open', complete: 'Complete',
      active: 'Active', inactive: 'Inactive', changeTitle: 'Change order', actions: ['Remove', 'Add'],
    },
  },
  {
    language: 'fr', locale: 'fr-FR', csr: 'conseiller', manager: 'gerante', fulfilment: 'executant', password: null,
    company: 'Transports Lefranc', contact: ['Aurélie', 'Lefranc'], phone: '04 78 42 10',
    address: { line1: '5 place des Célestins', postal_code: '69002', city: 'Lyon', country: 'FR' },
    newPrice: '44,99', newPriceText: /44,99/, mailSubject: (n) => `Votre devis ${n}, révision 1`,
    labels: {
      addCustomer: 'Ajouter un client', addContact: 'Ajouter un contact', saveContact: 'Enregistrer le contact',
      draft: 'Brouillon', accepted: 'Accepté', convertTitle: 'Convertir en commande', unitPrice: 'Prix unitaire',
      acknowledge: 'J’ai lu les changements', pending: 'En attente', open: 'En cours', complete: 'Terminée',
      active: 'Actif', inactive: 'Inactif', changeTitle: 'Commande de modification', actions: ['Suppression', 'Ajout'],
    },
  },
];

const text = async (locator) => (await locator.innerText()).trim();

describe('seed 002: from a new caller to assets changed by a change order', { timeout: 2 * TEST_TIMEOUT + 60_000 }, () => {
  // The quote is e-mailed through a real SMTP sink on loopback, the one
  // `make run` starts (scripts/mail-sink), seen on /admin/sent-mail.
  const env = mailSinkSuite(before, after);
  let csrToken;

  before(async () => {
    const admin = (await createToken(env.server, 'admin', 'seed-002')).token;
    csrToken = (await createToken(env.server, 'csr', 'seed-002')).token;
    const settings = (await apiCall(env.server, 'GET', '/api/v1/settings', { token: admin })).body;
    const put = await apiCall(env.server, 'PUT', '/api/v1/settings', {
      token: admin, json: { version: settings.version, smtp_host: '127.0.0.1', smtp_port: env.sink.port, smtp_sender: 'devis@rapport.example' },
    });
    assert.equal(put.status, 200, put.text);
    // The French run's manager and fulfilment user (the demo's are English).
    for (const [login, role, name] of [['gerante', 'manager', 'Gaëlle Renaud'], ['executant', 'fulfilment', 'Étienne Morel']]) {
      const res = await apiCall(env.server, 'POST', '/api/v1/users', {
        token: admin, json: { login, display_name: name, roles: [role], language: 'fr', password: FRENCH_PASSWORD },
      });
      assert.equal(res.status, 201, res.text);
    }
  });

  // A browser of its own for `login`, closed by the caller.
  async function signedIn(run, login) {
    const session = await newPage(env.browser, env.server, { locale: run.locale });
    await logInPage(session.page, login, run.password ?? (login === run.csr ? DEMO_PASSWORD : FRENCH_PASSWORD));
    return session;
  }

  // The fulfilment user completes every open line on the order's page.
  async function fulfilOnPage(run, orderId) {
    const { page, problems, context } = await signedIn(run, run.fulfilment);
    try {
      await page.goto(`/sales-orders/${orderId}`);
      for (let left = await page.getByTestId('line-complete').count(); left > 0; left--) {
        await page.getByTestId('line-complete').first().click();
        await page.waitForLoadState('load');
        await page.waitForFunction((n) => document.querySelectorAll('[data-testid="line-complete"]').length < n, left);
      }
      await page.locator('[data-testid="order-status"][data-status="complete"]').waitFor();
      assert.equal(await text(page.getByTestId('order-status')), run.labels.complete);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  }

  async function openAssets(page, customerId) {
    await page.goto(`/customers/${customerId}#assets`);
    await page.getByTestId('fold-assets').evaluate((d) => { d.open = true; });
  }
  const assetRow = (page, code) => page.getByTestId('asset-row').filter({ hasText: code });

  for (const run of RUNS) {
    test(`the scenario in ${run.language === 'en' ? 'English' : 'French'}`, { timeout: TEST_TIMEOUT }, async () => {
      const { labels } = run;
      const tag = crypto.randomBytes(2).toString('hex').toUpperCase();
      const company = `${run.company} ${tag}`;
      const csr = await signedIn(run, run.csr);
      const { page } = csr;
      try {
        // 1. A new caller: the company becomes a customer with its account.
        await page.goto('/customers/new');
        assert.equal(await text(page.locator('main h1')), labels.addCustomer);
        await page.locator('input[name="kind"][value="company"]').check();
        await page.locator('#company_name').fill(company);
        await page.locator('#language').selectOption(run.language);
        await page.locator('#phone').fill(`${run.phone} ${String(crypto.randomInt(10, 100))}`);
        await page.locator('#line1').fill(run.address.line1);
        await page.locator('#postal_code').fill(run.address.postal_code);
        await page.locator('#city').fill(run.address.city);
        await page.locator('#country').fill(run.address.country);
        await page.locator('main form[action="/customers"] button[type="submit"]').click();
        await page.waitForURL((u) => /^\/customers\/\d+$/.test(u.pathname));
        const customerId = Number(new URL(page.url()).pathname.split('/').pop());
        assert.equal(await text(page.locator('main h1')), company);
        assert.match(await text(page.getByTestId('accounts').locator('tbody td').first()), /^A1\d{6}$/);

        // … and the caller its contact.
        await page.locator('summary', { hasText: labels.addContact }).click();
        await page.locator('#contact_given_name').fill(run.contact[0]);
        await page.locator('#contact_family_name').fill(run.contact[1]);
        await page.locator('#contact_email').fill(`${run.contact[0].toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}.${tag.toLowerCase()}@example.com`);
        await page.getByRole('button', { name: labels.saveContact, exact: true }).click();
        await page.waitForURL((u) => u.pathname === `/customers/${customerId}` && u.search.includes('saved=1'));
        assert.match(await text(page.getByTestId('contacts')), new RegExp(`${run.contact[0]} ${run.contact[1]}`));

        // 2. The quote, its lines typed on its page, verified.
        await page.getByTestId('fold-quotes').evaluate((d) => { d.open = true; });
        await page.getByTestId('new-quote').click();
        await page.waitForURL((u) => /^\/quotes\/\d+$/.test(u.pathname));
        const quoteId = Number(new URL(page.url()).pathname.split('/').pop());
        assert.equal(await text(page.getByTestId('quote-state')), labels.draft);
        // Addressed to the company's only contact; the header lets the CSR
        // choose another (or none) and back.
        await page.getByTestId('quote-header-fold').evaluate((d) => { d.open = true; });
        const contactChoice = page.getByTestId('quote-contact');
        assert.match(await contactChoice.locator('option:checked').innerText(), new RegExp(run.contact[1]));
        await contactChoice.selectOption('');
        await page.getByTestId('save-quote-header').click();
        await page.waitForURL((u) => u.search.includes('done=header_saved'));
        assert.equal(await page.getByTestId('quote-contact-name').count(), 0);
        await page.getByTestId('quote-header-fold').evaluate((d) => { d.open = true; });
        await page.getByTestId('quote-contact').selectOption({ index: 1 });
        await page.getByTestId('save-quote-header').click();
        await page.waitForURL((u) => u.search.includes('done=header_saved'));
        assert.match(await text(page.getByTestId('quote-contact-name')), new RegExp(`${run.contact[0]} ${run.contact[1]}`));
        // eAdvisor: the caller needs fast internet. The CSR searches by the
        // need, compares the two fibre offers side by side (features and
        // the competitor's offer), and adds the 1 Gb/s one from there.
        await page.getByTestId('quote-advisor-link').click();
        await page.waitForURL((u) => u.pathname === `/quotes/${quoteId}/advisor`);
        await page.waitForFunction(() => document.activeElement?.id === 'advisor-q');  // focused on load
        await page.keyboard.type('fibre');
        await page.keyboard.press('Enter');
        await page.waitForURL((u) => u.search.includes('q=fibre'));
        const fibre500 = page.locator('[data-testid="advisor-product"][data-code="FIBRE-500"]');
        const fibre1g = page.locator('[data-testid="advisor-product"][data-code="FIBRE-1G"]');
        await fibre1g.waitFor();
        assert.match(await fibre1g.innerText(), /Orange/);  // the competitor's offer
        await fibre500.getByTestId('advisor-choose').check();
        await fibre1g.getByTestId('advisor-choose').check();
        await page.getByTestId('advisor-compare').click();
        const compared = page.getByTestId('compare-table');
        await compared.waitFor();
        const comparedText = await compared.innerText();
        assert.equal(await compared.locator('thead th').count(), 3);
        for (const shown of [/500 Mb\/s/, /1 Gb\/s/, /Orange/, /Free/]) assert.match(comparedText, shown);
        await fibre1g.getByTestId('advisor-add-button').click();
        await page.waitForURL((u) => u.pathname === `/quotes/${quoteId}` && u.search.includes('done=line_added'));
        await page.getByTestId('quote-lines').locator('tr[data-code="FIBRE-1G"]').waitFor();
        for (const code of ['BOX-WIFI7', 'FIBRE-INSTALL']) {
          await page.locator('#product').fill(code);
          await page.locator('#quantity').fill('1');
          await page.getByTestId('add-line-button').click();
          await page.getByTestId('quote-lines').locator(`tr[data-code="${code}"]`).waitFor();
        }
        assert.equal(await page.getByTestId('quote-lines').locator('tbody tr').count(), 3);
        await page.getByTestId('verify-quote').click();
        await page.getByTestId('verify-ok').waitFor();

        // The quote e-mailed from its page to the contact, in the
        // customer's language; the sending is delivered in the background.
        assert.equal(await page.getByTestId('send-channel').inputValue(), 'email');
        await page.getByTestId('send-quote').click();
        await page.waitForURL((u) => u.search.includes('done=sent'));
        let status = 'queued';
        for (let i = 0; i < 40 && status === 'queued'; ++i) {
          await page.goto(`/quotes/${quoteId}`);
          status = await page.getByTestId('sendings').locator('tbody tr').first().getAttribute('data-status');
          if (status === 'queued') await page.waitForTimeout(250);
        }
        assert.equal(status, 'sent');
        const quoteNumber = (await apiCall(env.server, 'GET', `/api/v1/quotes/${quoteId}`, { token: csrToken })).body.number;
        {
          const admin = await newPage(env.browser, env.server, { locale: run.locale });
          await logInPage(admin.page, 'admin');
          try {
            await admin.page.goto('/admin/sent-mail');
            const mail = textOf(await admin.page.content());
            assert.match(mail, new RegExp(run.mailSubject(quoteNumber)));
            assert.match(mail, new RegExp(`${quoteNumber}-1\\.pdf`));
          } finally {
            await admin.context.close();
          }
        }

        // The customer approves it: the CSR records the acceptance.
        await page.goto(`/quotes/${quoteId}`);
        await page.getByTestId('accept-quote').click();
        await page.waitForURL((u) => u.search.includes('done=accepted'));
        assert.equal(await text(page.getByTestId('quote-state')), labels.accepted);
        await page.getByTestId('no-changes').waitFor();

        // 3. A manager raises the fibre's price on the customer's (default) list.
        const manager = await signedIn(run, run.manager);
        try {
          const m = manager.page;
          await m.goto('/catalog/price-lists');
          await m.getByTestId('price-lists').locator('tr').filter({ has: m.locator('.badge') }).locator('a').first().click();
          await m.waitForURL((u) => /^\/catalog\/price-lists\/\d+$/.test(u.pathname));
          const fibreRow = m.getByTestId('prices').locator('tr').filter({ has: m.locator('td:first-child', { hasText: /^FIBRE-1G$/ }) });
          await fibreRow.locator('a.button').click();
          await m.waitForURL((u) => u.search.includes('product='));
          assert.equal(await m.locator('#product').inputValue(), 'FIBRE-1G');
          await m.locator('#unit_price').fill(run.newPrice);
          await m.getByTestId('save-price').click();
          await m.waitForURL((u) => u.search.includes('saved=1'));
          assert.match(await text(fibreRow), run.newPriceText);
          assert.deepEqual(manager.problems, []);
        } finally {
          await manager.context.close();
        }

        // 4. The caller calls back: the quote converts, the change report
        // shown and acknowledged first.
        await page.goto(`/quotes/${quoteId}`);
        assert.equal(await text(page.locator('#convert-title')), labels.convertTitle);
        const report = page.getByTestId('change-report');
        await report.waitFor();
        assert.equal(await report.locator('tbody tr').count(), 1);
        const change = await text(report.locator('tbody tr'));
        assert.match(change, /FIBRE-1G/);
        assert.match(change, new RegExp(labels.unitPrice));
        assert.match(change, run.newPriceText);
        assert.equal(await text(page.locator('label:has(#acknowledge)')), labels.acknowledge);
        await page.getByTestId('convert-quote').click();
        await page.locator('#acknowledge-error').waitFor();
        await page.getByTestId('acknowledge').check();
        await page.getByTestId('convert-quote').click();
        await page.waitForURL((u) => /^\/sales-orders\/\d+$/.test(u.pathname));
        const orderId = Number(new URL(page.url()).pathname.split('/').pop());
        assert.equal(await page.getByTestId('order-quote-link').getAttribute('href'), `/quotes/${quoteId}`);
        assert.equal(await text(page.getByTestId('order-status')), labels.pending);
        assert.match(await text(page.getByTestId('order-lines').locator('tbody tr').filter({ hasText: 'FIBRE-1G' })), run.newPriceText);

        // 5. Submitted, then fulfilled by the fulfilment user.
        await page.getByTestId('submit-order').click();
        await page.locator('[data-testid="order-status"][data-status="open"]').waitFor();
        assert.equal(await text(page.getByTestId('order-status')), labels.open);
        await fulfilOnPage(run, orderId);

        // 6. The trackable items are the customer's assets; the connection is not.
        await openAssets(page, customerId);
        assert.equal(await page.getByTestId('asset-row').count(), 2);
        for (const code of ['FIBRE-1G', 'BOX-WIFI7']) {
          assert.equal(await assetRow(page, code).getAttribute('data-status'), 'active');
          assert.match(await text(assetRow(page, code)), new RegExp(labels.active));
        }
        assert.equal(await assetRow(page, 'FIBRE-INSTALL').count(), 0);

        // 7. Later: the box is disconnected and a Wi-Fi repeater added.
        await assetRow(page, 'BOX-WIFI7').getByTestId('asset-pick').check();
        await page.getByTestId('assets-disconnect').click();
        await page.waitForURL((u) => u.pathname === `/customers/${customerId}/change-order`);
        assert.equal(await text(page.locator('main h1')), labels.changeTitle);
        await page.getByTestId('add-product').fill('WIFI-REPEATER');
        await page.getByTestId('compute-change').click();
        await page.getByTestId('change-lines').waitFor();
        assert.deepEqual((await page.getByTestId('change-line-action').allInnerTexts()).map((a) => a.trim()), labels.actions);
        assert.equal(await page.getByTestId('make-order').isChecked(), true);
        await page.getByTestId('create-change-order').click();
        await page.waitForURL((u) => /^\/sales-orders\/\d+$/.test(u.pathname));
        const changeId = Number(new URL(page.url()).pathname.split('/').pop());
        assert.equal(await text(page.getByTestId('order-status')), labels.pending);
        await page.getByTestId('submit-order').click();
        await page.locator('[data-testid="order-status"][data-status="open"]').waitFor();
        await fulfilOnPage(run, changeId);

        // 8. The assets show it: the box inactive, the repeater active.
        await openAssets(page, customerId);
        assert.equal(await page.getByTestId('asset-row').count(), 3);
        assert.equal(await assetRow(page, 'BOX-WIFI7').getAttribute('data-status'), 'inactive');
        assert.match(await text(assetRow(page, 'BOX-WIFI7')), new RegExp(labels.inactive));
        assert.equal(await assetRow(page, 'FIBRE-1G').getAttribute('data-status'), 'active');
        assert.equal(await assetRow(page, 'WIFI-REPEATER').getAttribute('data-status'), 'active');
        await assetRow(page, 'BOX-WIFI7').getByTestId('asset-link').click();
        await page.waitForURL((u) => /^\/assets\/\d+$/.test(u.pathname));
        assert.equal(await page.getByTestId('asset-history-row').count(), 2);

        // The only refusal on the way: converting before acknowledging.
        assert.deepEqual(csr.problems.filter((p) => !p.includes(`POST /quotes/${quoteId}/convert`)), []);
      } finally {
        await csr.context.close();
      }
    });
  }
});
