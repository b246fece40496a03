// In a real browser: a rule's values typed and read in the reader's
// language. A French manager types "Résidentiel" for a customer class and
// "maison" for a premise type in the rules editor of a new package of the
// demo's DUMMY campaign; an unknown "Villa" is refused beside its field,
// naming the choices in French, and nothing is saved. Saved, the codes are
// kept (the API shows "residential", "house"), the French page reads them
// back as "Résidentiel" and "Maison", the English page as "Residential" and
// "House", and the package's rules test finds a residential prospect in a
// house eligible, a commercial one not.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { apiCall, browserSuite, createToken, logInPage, newPage, useDefaultCampaign } from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;
const CODE = 'RESI-MAISON';

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const byId = (page, id) => page.locator(`[id="${id}"]`);

describe('browser: rule values in the reader\'s language', () => {
  const env = browserSuite(before, after);
  let dummyId;
  let managerToken;
  const contexts = [];

  before(async () => {
    dummyId = await useDefaultCampaign(env.server, 'DUMMY');
    ({ token: managerToken } = await createToken(env.server, 'manager', 'e2e-rule-values'));
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  async function open(opts) {
    const p = await newPage(env.browser, env.server, opts);
    contexts.push(p.context);
    return p;
  }

  async function packages() {
    const res = await apiCall(env.server, 'GET', `/api/v1/campaigns/${dummyId}`, { token: managerToken });
    assert.equal(res.status, 200, res.text);
    return res.body.packages;
  }

  async function testRules(page, customerClass) {
    await byId(page, 'sample_order.customer_class').selectOption(customerClass);
    await byId(page, 'sample_order.premise_type').selectOption('house');
    const result = page.getByTestId('rule-test-result');
    const before = await result.count() ? await text(result) : null;
    await page.getByTestId('rule-test-button').click();
    // Compared as text() reads it: the raw text differs from the collapsed
    // one at once, and the old verdict would be read before the swap.
    await page.waitForFunction((old) => {
      const node = document.querySelector('[data-testid="rule-test-result"]');
      return node && node.textContent.replace(/\s+/g, ' ').trim() !== old;
    }, before);
    return result;
  }

  test('a French manager types labels; the codes are kept and read back in each language', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open({ locale: 'fr-FR' });
    await logInPage(page, 'manager');
    await page.goto(`/campaigns/${dummyId}/packages/new`);
    await page.locator('.lang-switch button[value="fr"]').click();
    await page.waitForLoadState();
    await page.locator('#code').fill(CODE);
    await page.locator('#description_en').fill('Homes');
    await page.locator('#description_fr').fill('Maisons');
    await page.getByRole('button', { name: 'Ajouter un groupe', exact: true }).click();
    await byId(page, 'rules.groups.0.label').waitFor();
    await byId(page, 'rules.groups.0.label').fill('Residential houses');
    await byId(page, 'rules.groups.0.label_fr').fill('Maisons de particuliers');
    await byId(page, 'rules.groups.0.if_true').selectOption('eligible');
    await byId(page, 'rules.groups.0.if_false').selectOption('ineligible');
    await byId(page, 'rules.groups.0.criteria.0.field').selectOption('order:customer_class');
    await byId(page, 'rules.groups.0.criteria.0.values').fill('Résidentiel');
    await page.getByRole('button', { name: 'Ajouter un critère', exact: true }).click();
    await byId(page, 'rules.groups.0.criteria.1.field').waitFor();
    // The values of a coded field offer its choices, in French.
    assert.match(await text(page.getByTestId('values-choices').first()),
                 /: Professionnel, Industriel, Secteur public, Résidentiel \(/);
    assert.equal(await byId(page, 'rules.groups.0.criteria.0.values').getAttribute('list'),
                 'rules.groups.0.criteria.0.values-choices');
    const offered = await byId(page, 'rules.groups.0.criteria.0.values-choices').locator('option')
      .evaluateAll((options) => options.map((o) => o.value));
    assert.ok(offered.includes('Résidentiel') && offered.includes('Professionnel'), offered.join('|'));
    await byId(page, 'rules.groups.0.criteria.1.field').selectOption('order:premise_type');
    await byId(page, 'rules.groups.0.criteria.1.values').fill('Villa');
    await byId(page, 'agreements.0.division').selectOption('energy');
    await byId(page, 'agreements.0.agreement_type').selectOption('electricity');

    // An unknown value: refused beside its field, naming the choices; nothing saved.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/packages$/.test(new URL(r.url()).pathname)),
      page.getByRole('button', { name: 'Enregistrer', exact: true }).click(),
    ]);
    assert.equal(refused.status(), 422);
    await page.waitForLoadState();
    const error = byId(page, 'rules.groups.0.criteria.1.values-error');
    assert.equal(await text(error),
                 '« Villa » ne fait pas partie des choix : Maison, Appartement, Bureau, Commerce, Site.');
    assert.equal(await byId(page, 'rules.groups.0.criteria.1.values').getAttribute('aria-invalid'), 'true');
    assert.equal(await byId(page, 'rules.groups.0.criteria.0.values').inputValue(), 'Résidentiel', 'the form comes back as typed');
    assert.ok(!(await packages()).some((p) => p.code === CODE), 'nothing saved');

    // A label in any case is understood; the codes are kept.
    await byId(page, 'rules.groups.0.criteria.1.values').fill('maison');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(/\/packages\/\d+\?saved=1$/);
    const packagePath = new URL(page.url()).pathname;
    assert.equal(await byId(page, 'rules.groups.0.criteria.0.values').inputValue(), 'Résidentiel');
    assert.equal(await byId(page, 'rules.groups.0.criteria.1.values').inputValue(), 'Maison');
    const saved = (await packages()).find((p) => p.code === CODE);
    assert.ok(saved, 'the package is saved');
    const stored = await apiCall(env.server, 'GET', `/api/v1/packages/${saved.id}`, { token: managerToken });
    assert.equal(stored.status, 200, stored.text);
    assert.deepEqual(stored.body.rules.groups[0].criteria.map((c) => [c.field, c.values.map((v) => v.value)]),
                     [['order:customer_class', ['residential']], ['order:premise_type', ['house']]]);

    // The package's eligibility works with them.
    let verdict = await testRules(page, 'residential');
    assert.equal(await verdict.getAttribute('data-verdict'), 'eligible', await text(verdict));
    verdict = await testRules(page, 'commercial');
    assert.equal(await verdict.getAttribute('data-verdict'), 'ineligible', await text(verdict));
    assert.match(await text(verdict), /Résidentiel/);

    // In English, the English labels.
    await page.locator('.lang-switch button[value="en"]').click();
    await page.waitForLoadState();
    await page.goto(packagePath);
    assert.equal(await byId(page, 'rules.groups.0.criteria.0.values').inputValue(), 'Residential');
    assert.equal(await byId(page, 'rules.groups.0.criteria.1.values').inputValue(), 'House');
    assert.match(await text(page.getByTestId('values-choices').nth(1)), /House, Apartment, Office/);
    assert.deepEqual(problems.filter((p) => !/^HTTP 422: POST \/campaigns\/\d+\/packages$/.test(p)), [],
                     'no other problem than the refused save');
  });
});
