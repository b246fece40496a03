// In a real browser: the supervisor's view over a period (/supervision/period),
// reached from the live page, in English and in French — its charts, its
// tables, a period too long refused with a translated message beside the
// field, and a table downloaded as CSV with headers in the reader's
// language. The demo data's past weeks; the README's screenshot.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  apiCall, createToken, launchBrowser, logInPage, newPage, screenshot, startServer,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

const LANGS = {
  en: {
    locale: 'en-US', link: 'Over a period', title: 'Calls over a period', show: 'Show',
    tooLong: 'A period covers at most 93 days.', csvHead: 'Day,Entries planned,Done,Calls',
    total: 'All plans',
  },
  fr: {
    locale: 'fr-FR', link: 'Sur une période', title: 'Appels sur une période', show: 'Afficher',
    tooLong: 'Une période couvre au plus 93 jours.', csvHead: 'Jour,Entrées planifiées,Terminées,Appels',
    total: 'Tous les plans',
  },
};

describe('browser: the supervisor’s view over a period', () => {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer({ kind: 'sqlite', demoCustomers: 40 });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: charts, tables, a refused period and a CSV table`, { timeout: TEST_TIMEOUT }, async () => {
      const admin = (await createToken(env.server, 'admin', `period-${lang}`)).token;
      const login = `chef${lang}${crypto.randomBytes(2).toString('hex')}`;
      const made = await apiCall(env.server, 'POST', '/api/v1/users', {
        token: admin,
        json: { login, display_name: `Chef ${lang}`, roles: ['manager'], language: lang,
          time_zone: 'Europe/Paris', password: 'a-long-password' },
      });
      assert.equal(made.status, 201, made.text);

      const { page, context } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, login, 'a-long-password');
      await page.goto('/supervision');
      await page.locator('[data-testid="supervision-plans"]').waitFor();
      if (lang === 'en') await screenshot(page, 'supervision-live.png');
      await page.getByRole('link', { name: t.link }).click();
      await page.getByRole('heading', { name: t.title }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/supervision/period');

      // The week ending today: two charts, seven days and the total.
      await page.locator('[data-testid="period-chart-days"] svg[role="img"]').waitFor();
      await page.locator('[data-testid="period-chart-outcomes"] svg[role="img"]').waitFor();
      assert.equal(await page.locator('[data-testid="period-days"] tbody tr').count(), 7);
      assert.match(await page.locator('[data-testid="period-total"]').innerText(), new RegExp(t.total));
      const calls = Number((await page.locator('[data-testid="period-total"] td[data-figure="calls"]').innerText())
        .replace(/\D/g, ''));
      assert.ok(calls > 20, `the demo's past calls (${calls})`);
      assert.ok(await page.locator('[data-testid="period-plans"] tbody tr').count() >= 2);
      if (lang === 'en') await screenshot(page, 'supervision-period.png');

      // A period longer than a quarter: refused, beside the field.
      await page.locator('#from').fill('2026-01-01');
      await page.locator('#to').fill('2026-12-31');
      await page.getByRole('button', { name: t.show }).click();
      await page.locator('#to-error').waitFor();
      assert.equal((await page.locator('#to-error').innerText()).trim(), t.tooLong);
      assert.equal(await page.locator('#to').getAttribute('aria-invalid'), 'true');

      // Back to the default week, and its table of days as CSV.
      await page.goto('/supervision/period');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-testid="period-csv-days"]').click(),
      ]);
      assert.match(download.suggestedFilename(), /^supervision-days-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = fs.readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      assert.ok(lines[0].startsWith(t.csvHead), lines[0]);
      assert.equal(lines.length, 1 + 7 + 1 + 1, 'header, seven days, total, and the final line break');
      await context.close();
    });
  }
});
