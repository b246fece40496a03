// In a real browser, on a contact-plan entry: a call-back asked for on a day
// the plan does not call says so (not "outside the window"), and a call-back
// time in the past is refused beside its field by the in-page form — in
// English and in French.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createCustomer, createToken, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;
const DAY_MS = 86_400_000;

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

// The date ("YYYY-MM-DD") and ISO weekday (1 = Monday) in Paris, `offset` days from now.
function parisDay(offset) {
  const when = new Date(Date.now() + offset * DAY_MS);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
  return { date, weekday };
}
const weekdayName = (date, locale) =>
  new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

const LANGS = {
  en: {
    login: 'csr', locale: 'en-US', callBack: 'Call back',
    notContactDay: /is not one of the plan’s contact days: the call-back is kept at the time the customer asked for; check the day with them\.$/,
    outsideWindow: /outside/i,
    inPast: 'The call-back time must be in the future.',
  },
  fr: {
    login: 'conseiller', locale: 'fr-FR', callBack: 'Rappeler',
    notContactDay: /n’est pas un jour de contact du plan\s: le rappel est gardé à l’heure demandée par le client\s; vérifiez le jour avec lui\.$/,
    outsideWindow: /hors de la plage/i,
    inPast: 'L’heure de rappel doit être dans le futur.',
  },
};

describe('browser: call-backs on a plan entry', () => {
  const env = browserSuite(before, after);

  for (const [lang, t] of Object.entries(LANGS)) {
    test(`${lang}: a call-back on a day the plan does not call says so; one in the past is refused beside its field`, { timeout: TEST_TIMEOUT }, async () => {
      const today = parisDay(0);
      const tomorrow = parisDay(1);
      const manager = (await createToken(env.server, 'manager', `cb-${lang}`)).token;
      const csr = (await createToken(env.server, t.login, `cb-${lang}`)).token;
      const call = async (method, target, token, json, status) => {
        const res = await apiCall(env.server, method, target, { token, json });
        assert.equal(res.status, status, `${method} ${target}: ${res.text}`);
        return res.body;
      };
      // A plan that calls every day but tomorrow's weekday.
      const plan = await call('POST', '/api/v1/contact-plans', manager, {
        code: `CB${crypto.randomBytes(3).toString('hex')}`,
        name_en: 'Call-back days', name_fr: 'Jours de rappel',
        weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== tomorrow.weekday),
        valid_from: today.date,
      }, 201);
      const { customer } = await createCustomer(env.server, csr, {
        given_name: 'Hélène', family_name: `Rappel-${lang}`, language: lang,
        address: { line1: '8 rue du Bac', postal_code: '75007', city: 'Paris', country: 'FR' },
        phones: [{ type: 'mobile', number: lang === 'en' ? '06 12 34 56 78' : '06 12 34 56 79' }],
      });
      await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr,
        { customer_id: customer.id, earliest: '09:00', latest: '17:00' }, 201);
      const entry = await call('POST', '/api/v1/plan-entries', csr,
        { plan_id: plan.id, customer_id: customer.id, date: today.date }, 201);

      const { page, context, problems } = await newPage(env.browser, env.server, { locale: t.locale });
      await logInPage(page, t.login);
      await page.goto(`/plan-entries/${entry.id}`);
      const form = page.getByTestId('status-form');

      // In the past: refused beside the field, in the page, nothing recorded.
      await page.locator('#callback_at').fill(`${parisDay(-1).date}T10:00`);
      await form.locator('button[data-status="21"]').click();
      await page.locator('#callback_at-error').waitFor();
      assert.equal(await text(page.locator('#callback_at-error')), t.inPast);
      assert.equal(await page.locator('#callback_at').getAttribute('aria-invalid'), 'true');
      assert.equal(await text(page.getByTestId('entry-status')).then((s) => s.slice(0, 2)), '10', 'still planned');

      // Tomorrow at 10:00, inside the window, on a day the plan does not call.
      await page.locator('#callback_at').fill(`${tomorrow.date}T10:00`);
      await form.locator('button[data-status="21"]').click();
      await page.getByTestId('status-warnings').waitFor();
      const warnings = await page.getByTestId('status-warnings').locator('li').allInnerTexts();
      assert.equal(warnings.length, 1, JSON.stringify(warnings));
      assert.match(warnings[0], t.notContactDay);
      assert.ok(warnings[0].toLowerCase().includes(weekdayName(tomorrow.date, t.locale).toLowerCase()),
        `the day is named: ${warnings[0]}`);
      assert.doesNotMatch(warnings[0], t.outsideWindow, 'not blamed on the window');
      assert.match(await text(page.getByTestId('entry-status')), /^21 /);
      assert.deepEqual(problems.filter((p) => !/HTTP 422: POST \/plan-entries\/\d+\/status/.test(p)), []);
      await context.close();
    });
  }
});
