// In a real browser: a number question's bounds. A CSR on the phone types
// −5, then 99999999999 occupants on a new service order of the demo's
// DUMMY campaign (occupants 1–20): each time the error is beside the field,
// naming the bounds, what was typed is still there and no order exists; an
// answer in bounds saves, and a later one out of bounds leaves it as it
// was. In English (csr) and in French (conseiller). A manager then sets the
// question's bounds in the campaign editor: the lowest above the highest,
// or a bound that is not a whole number, is refused beside the field and
// nothing is saved; good bounds are kept and the order form says them.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createToken, logInPage, newPage, useDefaultCampaign } from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;

const EN = {
  login: 'csr',
  search: 'Search',
  addOrder: 'Add an order',
  save: 'Save',
  newOrder: 'New service order',
  outOfRange: 'Give a number from 1 to 20.',
  hint: 'From 1 to 20.',
};
const FR = {
  login: 'conseiller',
  search: 'Rechercher',
  addOrder: 'Ajouter une commande',
  save: 'Enregistrer',
  newOrder: 'Nouvelle commande de service',
  outOfRange: 'Indiquez un nombre de 1 à 20.',
  hint: 'De 1 à 20.',
};

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const byId = (page, id) => page.locator(`[id="${id}"]`);
const real = (problems, expected = []) =>
  problems.filter((p) => !expected.some((re) => re.test(p)));

describe('browser: the bounds of a number question', () => {
  const env = browserSuite(before, after);
  let csrToken;
  let dummyId;
  const contexts = [];

  before(async () => {
    ({ token: csrToken } = await createToken(env.server, 'csr', 'e2e-bounds'));
    dummyId = await useDefaultCampaign(env.server, 'DUMMY');
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  async function open(opts) {
    const p = await newPage(env.browser, env.server, opts);
    contexts.push(p.context);
    return p;
  }

  // Control Central: a caller not found, then Add order.
  async function newOrder(page, t, name) {
    await page.goto('/customers');
    await page.locator('#q').fill(name);
    await page.locator('form.search-form').getByRole('button', { name: t.search, exact: true }).click();
    await page.getByTestId('not-found').getByRole('link', { name: t.addOrder, exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/service-orders/new');
    await byId(page, 'prospect.address.line1').fill('40 rue Nationale');
    await byId(page, 'prospect.address.postal_code').fill('37000');
    await byId(page, 'prospect.address.city').fill('Tours');
    await byId(page, 'prospect.address.country').fill('FR');
  }

  // Types `value` as the number of occupants and presses Save.
  async function answerOccupants(page, t, value) {
    await byId(page, 'answer.occupants').fill(value);
    await page.getByTestId('order-form').getByRole('button', { name: t.save, exact: true }).click();
    await page.waitForLoadState('load');
  }

  async function expectRefused(page, t, value) {
    await answerOccupants(page, t, value);
    const question = page.locator('#question-occupants');
    assert.equal(await text(question.locator('.field-error')), t.outOfRange, `${value}: the error beside the field`);
    assert.equal(await byId(page, 'answer.occupants').getAttribute('aria-invalid'), 'true');
    assert.equal(await byId(page, 'answer.occupants').inputValue(), value, 'what was typed is still there');
  }

  for (const t of [EN, FR]) {
    test(`${t.login}: −5 and 99999999999 occupants are refused beside the field and nothing is saved`,
      { timeout: TEST_TIMEOUT }, async () => {
        const { page, problems } = await open(t === FR ? { locale: 'fr-FR' } : undefined);
        await logInPage(page, t.login);
        const name = t === FR ? 'Gaston Zébulonet' : 'Bastien Zorglubier';
        await newOrder(page, t, name);
        assert.equal(await text(page.locator('#question-occupants .hint')), t.hint, 'the bounds are said before typing');

        await expectRefused(page, t, '-5');
        await expectRefused(page, t, '99999999999');
        assert.match(await text(page.getByTestId('order-heading')), new RegExp(`^${t.newOrder}`), 'no order yet');
        // The first save creates the caller as a customer: there is none.
        const family = encodeURIComponent(name.split(' ')[1]);
        const found = await apiCall(env.server, 'GET', `/api/v1/customers?q=${family}`, { token: csrToken });
        assert.equal(found.status, 200, found.text);
        assert.deepEqual(found.body.items, [], 'nothing saved');

        // In bounds: saved. Then out of bounds again: the saved answer stays.
        await answerOccupants(page, t, '4');
        await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname));
        const orderUrl = page.url().split('?')[0];
        await expectRefused(page, t, '99999999999');
        await page.goto(orderUrl);
        assert.equal(await byId(page, 'answer.occupants').inputValue(), '4');
        assert.deepEqual(real(problems, [/HTTP 422: POST \/service-orders/]), []);
      });
  }

  test('a manager sets the bounds in the campaign editor; bad bounds are refused beside the field', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logInPage(page, 'manager');
    await page.goto(`/campaigns/${dummyId}`);
    // The demo's questions: home_owner, heating, occupants.
    const row = page.getByTestId('question-row').nth(2);
    const min = byId(page, 'questions.2.min');
    const max = byId(page, 'questions.2.max');
    assert.equal(await byId(page, 'questions.2.code').inputValue(), 'occupants');
    assert.deepEqual([await min.inputValue(), await max.inputValue()], ['1', '20']);
    assert.deepEqual([await byId(page, 'questions.0.min').inputValue(), await byId(page, 'questions.0.max').inputValue()],
                     ['', ''], 'a yes/no question has none');

    const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();
    await min.fill('25');
    await save();
    await page.waitForLoadState('load');
    assert.equal(await text(byId(page, 'questions.2.max-error')),
                 'The lowest answer (25) is above the highest (20); an empty lowest answer counts as 0.');
    assert.equal(await byId(page, 'questions.2.max').getAttribute('aria-invalid'), 'true');
    assert.equal(await min.inputValue(), '25', 'the form comes back filled');

    await min.fill('1');
    await max.fill('twelve');
    await save();
    await page.waitForLoadState('load');
    assert.equal(await text(byId(page, 'questions.2.max-error')),
                 'Give a whole number from -1000000000 to 1000000000.');
    await page.goto(`/campaigns/${dummyId}`);
    assert.equal(await max.inputValue(), '20', 'nothing was saved');

    await max.fill('12');
    await save();
    await page.waitForURL(/\/campaigns\/\d+\?saved=1$/);
    assert.deepEqual([await min.inputValue(), await max.inputValue()], ['1', '12']);
    assert.equal(await row.locator('.field-error').count(), 0);

    // The same editor in French.
    await page.locator('.lang-switch button[value="fr"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    assert.match(await text(row), /Réponse minimale/);
    assert.match(await text(row), /Réponse maximale/);
    await max.fill('-3');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForLoadState('load');
    assert.equal(await text(byId(page, 'questions.2.max-error')),
                 'La réponse minimale (1) dépasse la maximale (-3) ; une réponse minimale vide vaut 0.');
    await page.locator('.lang-switch button[value="en"]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // The order form says the new bounds.
    const csr = await open();
    await logInPage(csr.page, 'csr');
    await newOrder(csr.page, EN, 'Yvonne Marchal');
    assert.equal(await text(csr.page.locator('#question-occupants .hint')), 'From 1 to 12.');
    await answerOccupants(csr.page, EN, '13');
    assert.equal(await text(csr.page.locator('#question-occupants .field-error')), 'Give a number from 1 to 12.');
    assert.deepEqual(real(problems, [/HTTP 422: POST \/campaigns\/\d+/]), []);
  });
});
