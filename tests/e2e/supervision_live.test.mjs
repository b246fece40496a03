// In a real browser: the supervisor's page of the day (/supervision) updates
// by itself (htmx, no reload) when a CSR sets a status in another session —
// in English and in French.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createCustomer, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

const LANGS = {
  en: { locale: 'en-US', title: 'Today, live', total: 'All plans' },
  fr: { locale: 'fr-FR', title: 'Aujourd’hui, en direct', total: 'Tous les plans' },
};

// Today ("YYYY-MM-DD") in Paris, the installation's zone.
const parisToday = () => new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
}).format(new Date());

describe('browser: the supervisor’s day, live', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: a status set by a CSR shows on the page within seconds, without a reload`, { timeout: TEST_TIMEOUT }, async () => {
      const admin = (await createToken(env.server, 'admin', `sup-${lang}`)).token;
      const csr = (await createToken(env.server, 'csr', `sup-${lang}`)).token;
      const call = async (method, target, token, json, status) => {
        const res = await apiCall(env.server, method, target, { token, json });
        assert.equal(res.status, status, `${method} ${target}: ${res.text}`);
        return res.body;
      };
      const login = `chef${lang}${crypto.randomBytes(2).toString('hex')}`;
      await call('POST', '/api/v1/users', admin, {
        login, display_name: `Chef ${lang}`, roles: ['manager'], language: lang,
        time_zone: 'Europe/Paris', password: 'a-long-password',
      }, 201);
      const manager = (await createToken(env.server, login, 'sup')).token;
      const code = `LIVE${crypto.randomBytes(2).toString('hex').toUpperCase()}`;
      const plan = await call('POST', '/api/v1/contact-plans', manager, {
        code, name_en: 'Live list', name_fr: 'Liste en direct', weekdays: [1, 2, 3, 4, 5, 6, 7],
        valid_from: parisToday(),
      }, 201);
      const { customer } = await createCustomer(env.server, csr, {
        given_name: 'Léa', family_name: `Direct-${lang}`, language: lang,
        address: { line1: '8 rue du Bac', postal_code: '75007', city: 'Paris', country: 'FR' },
        phones: [{ type: 'mobile', number: lang === 'en' ? '06 12 34 56 70' : '06 12 34 56 71' }],
      });
      await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr,
        { customer_id: customer.id, earliest: '00:00', latest: '24:00' }, 201);
      const entry = await call('POST', '/api/v1/plan-entries', csr,
        { plan_id: plan.id, customer_id: customer.id, date: parisToday() }, 201);

      const { page, context } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, login, 'a-long-password');
      await page.goto('/supervision');
      await page.getByRole('heading', { name: t.title }).waitFor();
      const row = page.locator(`tr[data-plan="${code}"]`);
      const cell = (name) => row.locator(`td[data-figure="${name}"]`);
      assert.equal((await cell('due').innerText()).trim(), '1');
      assert.equal((await cell('done').innerText()).trim(), '0');
      assert.equal((await cell('s10').innerText()).trim(), '1');
      assert.match(await page.locator('[data-testid="supervision-total"]').innerText(), new RegExp(t.total));
      await page.evaluate(() => { window.stillTheSamePage = true; });

      // Another session: the CSR completes the call.
      await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, { status: 92, version: entry.version }, 200);

      await page.waitForFunction((c) => {
        const td = document.querySelector(`tr[data-plan="${c}"] td[data-figure="done"]`);
        return td && td.textContent.trim() === '1';
      }, code, { timeout: 15_000 });
      assert.equal((await cell('s10').innerText()).trim(), '0');
      assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'no full reload');
      // The CSR appears in the table of calls.
      await page.locator('[data-testid="supervision-csrs"] tr[data-user]').first().waitFor();
      await context.close();
    });
  }
});
