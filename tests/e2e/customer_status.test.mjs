// In a real browser: making a customer inactive is asked twice and needs a
// reason, which the history keeps — in English and in French.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { browserSuite, createCustomer, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

const LANGS = {
  en: {
    login: 'csr', locale: 'en-US', family: 'Perrin', open: 'Make inactive…', confirm: 'Make this customer inactive',
    required: 'Give the reason for making the customer inactive.', reason: 'Moved abroad, asked to stop all calls',
    inactive: 'Inactive', reactivate: 'Make active again',
  },
  fr: {
    login: 'conseiller', locale: 'fr-FR', family: 'Roussel', open: 'Rendre inactif…', confirm: 'Rendre ce client inactif',
    required: 'Indiquez pourquoi le client devient inactif.', reason: 'Parti à l’étranger, ne plus appeler',
    inactive: 'Inactif', reactivate: 'Réactiver',
  },
};

describe('browser: making a customer inactive', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: one click does nothing; the reason is required, then kept in the history`, { timeout: TEST_TIMEOUT }, async () => {
      const { token } = await createToken(env.server, t.login, `status-${lang}`);
      const { customer } = await createCustomer(env.server, token, {
        given_name: 'Claire', family_name: t.family, language: lang,
        address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
      });
      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);
      await page.goto(`/customers/${customer.id}`);

      // The first click only opens the question.
      const zone = page.getByTestId('deactivate');
      await zone.locator('summary').click();
      assert.equal(await text(zone.locator('summary')), t.open);
      assert.equal(await page.locator('main h1 .badge-off').count(), 0, 'still active');

      // Without a reason: refused beside the field, still active.
      await page.getByTestId('confirm-deactivate').click();
      await page.locator('#reason-error').waitFor();
      assert.equal(await text(page.locator('#reason-error')), t.required);
      assert.equal(await page.locator('main h1 .badge-off').count(), 0, 'still active');

      await page.locator('#reason').fill(t.reason);
      await page.getByRole('button', { name: t.confirm, exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/customers/${customer.id}` && u.searchParams.get('saved') === '1');
      assert.equal(await text(page.locator('main h1 .badge-off')), t.inactive);
      assert.ok((await text(page.getByTestId('inactive-reason'))).includes(t.reason), 'the reason is shown');
      assert.equal(await page.getByRole('button', { name: t.reactivate, exact: true }).count(), 1);
      assert.deepEqual(problems.filter((p) => !/HTTP 422: POST \/customers\/\d+\/status/.test(p)), []);
      await context.close();
    });
  }
});
