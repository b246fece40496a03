// In a real browser: a prospect's date of birth in the future or more than
// 130 years ago is refused beside the field, what was typed is kept and
// nothing is saved — in English and in French.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
const byId = (page, id) => page.locator(`[id="${id}"]`);

const LANGS = {
  en: {
    login: 'csr', locale: 'en-US', save: 'Save',
    future: 'The date of birth cannot be in the future.',
    tooOld: 'The date of birth is more than 130 years ago: check the year.',
  },
  fr: {
    login: 'conseiller', locale: 'fr-FR', save: 'Enregistrer',
    future: 'La date de naissance ne peut pas être dans le futur.',
    tooOld: 'La date de naissance remonte à plus de 130 ans : vérifiez l’année.',
  },
};

describe('browser: a plausible date of birth on a service order', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: 2099 and 1800 are refused beside the field; nothing is saved`, { timeout: TEST_TIMEOUT }, async () => {
      const family = `Naissance${crypto.randomBytes(3).toString('hex')}`;
      const token = (await createToken(env.server, t.login, `dob-${lang}`)).token;
      const customersNamed = async (q) => {
        const res = await apiCall(env.server, 'GET', `/api/v1/customers?q=${q}`, { token });
        assert.equal(res.status, 200, res.text);
        return res.body.items.length;
      };
      assert.ok(await customersNamed('Moreau') >= 1, 'the search finds the demo order\'s customer');
      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);
      await page.goto('/service-orders/new');
      await byId(page, 'prospect.given_name').fill('Léon');
      await byId(page, 'prospect.family_name').fill(family);
      await byId(page, 'prospect.phone').fill(lang === 'en' ? '06 45 67 81 23' : '06 45 67 81 24');
      await byId(page, 'prospect.address.line1').fill('2 rue Sainte-Catherine');
      await byId(page, 'prospect.address.postal_code').fill('33000');
      await byId(page, 'prospect.address.city').fill('Bordeaux');
      await byId(page, 'prospect.address.country').fill('FR');

      for (const [typed, message] of [['2099-03-01', t.future], ['1800-03-01', t.tooOld]]) {
        await byId(page, 'prospect.date_of_birth').fill(typed);
        await page.getByTestId('order-form').getByRole('button', { name: t.save, exact: true }).click();
        const error = page.locator('[id="prospect.date_of_birth-error"]');
        await error.waitFor();
        assert.equal(await text(error), message);
        assert.equal(await byId(page, 'prospect.date_of_birth').inputValue(), typed, 'what was typed is kept');
        assert.equal(await byId(page, 'prospect.date_of_birth').getAttribute('aria-invalid'), 'true');
      }
      assert.equal(await customersNamed(family), 0, 'no customer was made');
      assert.deepEqual(problems.filter((p) => !/HTTP 422: POST \/service-orders/.test(p)), []);
      await context.close();
    });
  }
});
