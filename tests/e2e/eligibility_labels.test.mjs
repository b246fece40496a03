// In a real browser: a criteria group's label in English and in French. A
// manager adds a package to the demo's DUMMY campaign whose one group
// ("Commercial customers" / "Clients professionnels") takes commercial
// customers only, typing both labels in the rule editor; they are kept. A
// French CSR (conseiller) then takes a new order for a residential caller
// and the eligibility tree gives the reason with the French label, the
// English one nowhere.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';

import { browserSuite, logInPage, newPage, useDefaultCampaign } from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;
const LABEL_EN = 'Commercial customers only';
const LABEL_FR = 'Clients professionnels uniquement';

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const byId = (page, id) => page.locator(`[id="${id}"]`);

describe('browser: a group label in English and in French', () => {
  const env = browserSuite(before, after);
  let dummyId;
  const contexts = [];

  before(async () => {
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

  test('a manager types both labels; a French CSR reads the French one in the reason', { timeout: TEST_TIMEOUT }, async () => {
    {
      const { page, problems } = await open();
      await logInPage(page, 'manager');
      await page.goto(`/campaigns/${dummyId}/packages/new`);
      await page.locator('#code').fill('BIZ-ONLY');
      await page.locator('#description_en').fill('Business only');
      await page.locator('#description_fr').fill('Entreprises seulement');
      await page.getByRole('button', { name: 'Add a group' }).click();
      await byId(page, 'rules.groups.0.label').waitFor();
      assert.equal(await page.getByLabel('What the group checks, in French (shown as the reason)').count(), 1);
      await byId(page, 'rules.groups.0.label').fill(LABEL_EN);
      await byId(page, 'rules.groups.0.label_fr').fill(LABEL_FR);
      await byId(page, 'rules.groups.0.if_true').selectOption('eligible');
      await byId(page, 'rules.groups.0.if_false').selectOption('ineligible');
      await byId(page, 'rules.groups.0.criteria.0.field').selectOption('order:customer_class');
      await byId(page, 'rules.groups.0.criteria.0.comparison').selectOption('eq');
      await byId(page, 'rules.groups.0.criteria.0.values').fill('commercial');
      await byId(page, 'agreements.0.division').selectOption('energy');
      await byId(page, 'agreements.0.agreement_type').selectOption('electricity');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(/\/packages\/\d+\?saved=1$/);
      assert.equal(await byId(page, 'rules.groups.0.label').inputValue(), LABEL_EN);
      assert.equal(await byId(page, 'rules.groups.0.label_fr').inputValue(), LABEL_FR);
      assert.deepEqual(problems, []);
    }

    const { page, problems } = await open({ locale: 'fr-FR' });
    await logInPage(page, 'conseiller');
    await page.goto('/customers');
    await page.locator('#q').fill('Hortense Zavatterini');
    await page.locator('form.search-form').getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByTestId('not-found').getByRole('link', { name: 'Ajouter une commande', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/service-orders/new');
    await byId(page, 'prospect.address.line1').fill('40 rue Nationale');
    await byId(page, 'prospect.address.postal_code').fill('37000');
    await byId(page, 'prospect.address.city').fill('Tours');
    await byId(page, 'prospect.address.country').fill('FR');
    await page.getByTestId('order-form').getByRole('button', { name: 'Afficher l’éligibilité', exact: true }).click();
    await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname) && u.searchParams.get('eligibility') === '1');
    const node = page.locator('[data-testid="tree-package"][data-code="BIZ-ONLY"]');
    await node.waitFor();
    assert.equal(await node.getAttribute('data-verdict'), 'ineligible');
    const why = await text(node);
    assert.match(why, new RegExp(`Groupe 1 «\\s*${LABEL_FR}\\s*»`), why);
    assert.doesNotMatch(why, new RegExp(LABEL_EN), why);
    assert.deepEqual(problems, []);
  });
});
