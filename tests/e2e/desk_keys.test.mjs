// In a real browser: the desk is driven from the keyboard. The home page
// says how many calls are due today and has the search box focused; arrow
// keys move through the suggestions; Esc closes them, a second Esc leaves
// the box, and `n` opens the next call — in English and in French.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { browserSuite, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

const LANGS = {
  en: { login: 'csr', locale: 'en-US', due: /^Calls due today: \d[\d,]*$/ },
  fr: { login: 'conseiller', locale: 'fr-FR', due: /^Appels à passer aujourd’hui\s: \d[\d\s\u202f]*$/ },
};

describe('browser: the desk from the keyboard', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: search focused, arrows through suggestions, Esc twice, then n`, { timeout: TEST_TIMEOUT }, async () => {
      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);
      assert.match((await page.getByTestId('calls-due').innerText()).trim(), t.due);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'global-search');

      await page.keyboard.type('dupont');
      const links = page.locator('#search-suggestions a[href]');
      await links.first().waitFor();
      assert.ok(await links.count() >= 2, 'several suggestions');
      const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href'));
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedHref(), await links.nth(0).getAttribute('href'));
      await page.keyboard.press('ArrowDown');
      assert.equal(await focusedHref(), await links.nth(1).getAttribute('href'));
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'global-search', 'back in the box');

      // Esc closes the suggestions, a second Esc leaves the box: n works.
      await page.keyboard.press('Escape');
      assert.equal(await links.count(), 0, 'the suggestions are closed');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'global-search');
      await page.keyboard.press('Escape');
      assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'global-search');
      await page.keyboard.press('n');
      await page.waitForURL((u) => u.pathname.startsWith('/plan-entries/'));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
