// In a real browser: an error summary names each field at fault and links
// to it, and every link's target is on the page — in English and French.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { browserSuite, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

const LANGS = {
  en: { login: 'csr', locale: 'en-US', colon: ': ', required: 'This field is required.' },
  fr: { login: 'conseiller', locale: 'fr-FR', colon: ' : ', required: 'Ce champ est obligatoire.' },
};

describe('browser: error summaries name and link their fields', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: a new customer saved empty lists each missing field by its label`, { timeout: TEST_TIMEOUT }, async () => {
      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);

      await page.goto('/customers/new');
      await page.locator('main form button[type="submit"].primary').click();
      const summary = page.locator('#error-summary');
      await summary.waitFor();
      const items = await summary.locator('li').evaluateAll((lis) => lis.map((li) => {
        const a = li.querySelector('a');
        const target = a && document.getElementById(a.getAttribute('href').slice(1));
        const label = target && document.querySelector(`label[for="${target.id}"]`);
        return {
          text: li.textContent.replace(/\s+/g, ' ').trim(),
          linked: Boolean(a),
          targetExists: Boolean(target),
          label: label ? label.textContent.replace('*', '').replace(/\s+/g, ' ').trim() : null,
        };
      }));
      assert.ok(items.length >= 2, JSON.stringify(items));
      for (const item of items) {
        assert.ok(item.linked && item.targetExists, `a link to a field on the page: ${JSON.stringify(item)}`);
        assert.ok(item.label, `the field has a label: ${JSON.stringify(item)}`);
        assert.ok(item.text.startsWith(`${item.label}${t.colon}`), `named by its label: ${JSON.stringify(item)}`);
      }
      assert.equal(new Set(items.map((i) => i.text)).size, items.length, 'no two lines alike');
      assert.ok(items.some((i) => i.text.endsWith(t.required)), JSON.stringify(items));

      // The link takes the focus to its field.
      const first = summary.locator('li a').first();
      const href = await first.getAttribute('href');
      await first.click();
      assert.equal(await page.evaluate(() => `#${document.activeElement.id}`), href);
      assert.deepEqual(problems.filter((p) => !/HTTP 422: POST \/customers/.test(p)), []);
      await context.close();
    });
  }
});
