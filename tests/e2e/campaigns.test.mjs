// In a real browser: a manager makes a campaign with a question on its
// form, then a package with a group of criteria on that question and an
// agreement to create; tests the package's rules before saving it — ✔ with
// one sample answer, ✘ with another and the failing criterion as the
// reason, ? with no answer and the question named — and nothing is saved
// by testing. After saving, a "between" whose low value is above its high
// one is refused beside its field and nothing is saved. The conversion page
// shows its chart as an inline SVG with the numbers beside the bars. A CSR
// reads the campaigns but is offered no "New campaign"; the list in French.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, launchBrowser, newPage, startServer } from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;
const PROMPT = 'Do you own an electric vehicle?';

async function logIn(page, login, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const field = (page, name) => page.locator(`[name="${name}"]`);

// Presses Test and waits for the verdict the htmx answer brings.
async function testRules(page, answer) {
  await field(page, 'sample.owns_ev').selectOption(answer);
  // The answer replaces the verdict's node: wait for the old one to go.
  // (Comparing the markup was not enough: htmx's settle classes change it
  // on the previous verdict, and the old verdict was then read.)
  const previous = await page.$('#rule-test-result > *');
  await page.getByTestId('rule-test-button').click();
  if (previous) await page.waitForFunction((node) => !node.isConnected, previous);
  await page.locator('#rule-test-result > *').first().waitFor();
  return page.getByTestId('rule-test-result');
}

describe('campaigns and packages in the browser', () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a manager makes a campaign and a package, tests its rules, and sees the conversion', { timeout: TEST_TIMEOUT }, async () => {
    const { context, page } = await newPage(browser, server);
    try {
      await logIn(page, 'manager');
      await page.goto('/campaigns');
      assert.equal(await page.locator('h1').textContent(), 'Campaigns');
      await page.getByRole('link', { name: 'New campaign' }).click();
      await page.waitForURL('**/campaigns/new');

      // The campaign, with one question added by the editor's button.
      await page.locator('#code').fill('e2e-ev');
      await page.locator('#description_en').fill('Electric vehicle owners');
      await page.locator('#description_fr').fill('Propriétaires de véhicule électrique');
      await page.getByRole('button', { name: 'Add a question' }).click();
      await field(page, 'questions.0.code').waitFor();
      assert.equal(await page.locator('#code').inputValue(), 'e2e-ev', 'the form comes back filled');
      await field(page, 'questions.0.code').fill('owns_ev');
      await field(page, 'questions.0.type').selectOption('yes_no');
      await field(page, 'questions.0.prompt_en').fill(PROMPT);
      await field(page, 'questions.0.prompt_fr').fill('Possédez-vous un véhicule électrique ?');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(/\/campaigns\/\d+\?saved=1$/);
      const campaignId = Number(new URL(page.url()).pathname.split('/')[2]);
      assert.match(await page.locator('h1').textContent(), /^E2E-EV — Electric vehicle owners$/);
      assert.equal(await field(page, 'questions.0.code').inputValue(), 'owns_ev');
      assert.match(await page.getByTestId('campaign-packages').textContent(), /No packages yet/);

      // The package: a group "EV owners" on the question, an agreement to create.
      await page.getByRole('link', { name: 'New package' }).click();
      await page.waitForURL(`**/campaigns/${campaignId}/packages/new`);
      await page.locator('#code').fill('EV-HOME');
      await page.locator('#description_en').fill('Home charging');
      await page.locator('#description_fr').fill('Recharge à domicile');
      await page.getByRole('button', { name: 'Add a group' }).click();
      await field(page, 'rules.groups.0.label').waitFor();
      assert.equal(await page.locator('#code').inputValue(), 'EV-HOME');
      await field(page, 'rules.groups.0.label').fill('EV owners');
      await field(page, 'rules.groups.0.if_true').selectOption('eligible');
      await field(page, 'rules.groups.0.if_false').selectOption('ineligible');
      await field(page, 'rules.groups.0.criteria.0.field').selectOption('answer:owns_ev');
      await field(page, 'rules.groups.0.criteria.0.comparison').selectOption('eq');
      await field(page, 'rules.groups.0.criteria.0.values').fill('yes');
      await field(page, 'agreements.0.division').selectOption('energy');
      await field(page, 'agreements.0.agreement_type').selectOption('ev_charging');

      // Test the draft: ✔, ✘ with the failing criterion, ? naming the question.
      const formUrl = page.url();
      let verdict = await testRules(page, 'yes');
      assert.equal(await verdict.getAttribute('data-verdict'), 'eligible');
      assert.match(await verdict.textContent(), /✔\s*Eligible/);
      assert.match(await verdict.textContent(), /Group 1 “EV owners”: all criteria met/);

      verdict = await testRules(page, 'no');
      assert.equal(await verdict.getAttribute('data-verdict'), 'ineligible');
      const why = (await verdict.textContent()).replace(/\s+/g, ' ');
      assert.match(why, /✘/);
      assert.match(why, /Group 1 “EV owners”: not met — “Do you own an electric vehicle\?” = yes/);

      verdict = await testRules(page, '');
      assert.equal(await verdict.getAttribute('data-verdict'), 'insufficient');
      assert.match((await verdict.textContent()).replace(/\s+/g, ' '),
                   /\? Needs data — Missing: “Do you own an electric vehicle\?”/);

      // Testing saved nothing, and left the form as typed.
      assert.equal(page.url(), formUrl, 'the test came in place (htmx), the page stayed');
      const campaignPage = await page.request.get(`/campaigns/${campaignId}`);
      assert.match(await campaignPage.text(), /No packages yet/);
      assert.equal(await field(page, 'rules.groups.0.label').inputValue(), 'EV owners');

      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.waitForURL(/\/packages\/\d+\?saved=1$/);
      const packagePath = new URL(page.url()).pathname;
      assert.match(await page.locator('.alert-success').textContent(), /Saved/);
      assert.equal(await field(page, 'rules.groups.0.criteria.0.field').inputValue(), 'answer:owns_ev');
      assert.equal(await field(page, 'agreements.0.agreement_type').inputValue(), 'ev_charging');

      // A "between" reversed: refused beside its field, nothing saved.
      await page.getByRole('button', { name: 'Add a criterion' }).click();
      await field(page, 'rules.groups.0.criteria.1.field').waitFor();
      await field(page, 'rules.groups.0.criteria.1.field').selectOption('computed:age');
      await field(page, 'rules.groups.0.criteria.1.comparison').selectOption('between');
      await field(page, 'rules.groups.0.criteria.1.values').fill('65..18');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === packagePath),
        page.getByRole('button', { name: 'Save', exact: true }).click(),
      ]);
      assert.equal(answer.status(), 422);
      await page.waitForLoadState();
      const error = page.locator('[id="rules.groups.0.criteria.1.values-error"]');
      assert.match(await error.textContent(), /first value of “between” is above the second/);
      assert.equal(await field(page, 'rules.groups.0.criteria.1.values').getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#error-summary').textContent(), /between/);
      assert.equal(await field(page, 'rules.groups.0.criteria.1.values').inputValue(), '65..18');
      await page.goto(packagePath);
      assert.equal(await page.getByTestId('criterion-row').count(), 1, 'nothing saved');

      // The campaign now lists its package; the conversion page draws its chart.
      await page.goto(`/campaigns/${campaignId}`);
      assert.match(await page.getByTestId('campaign-packages').textContent(), /EV-HOME[\s\S]*Home charging[\s\S]*Home EV charging/);
      await page.goto(`/campaigns/${campaignId}/conversion`);
      const chart = page.locator('[data-testid="conversion-chart"] svg[role="img"]');
      assert.equal(await chart.count(), 1);
      assert.match(await chart.getAttribute('aria-label'), /E2E-EV/);
      const labels = await chart.locator('.chart-label').allTextContents();
      assert.deepEqual(labels.slice(0, 4), ['Started', 'Pending', 'On hold', 'Cancelled']);
      const numbers = await chart.locator('.chart-value').allTextContents();
      assert.ok(numbers.length >= 5 && numbers.every((n) => /^\d[\d\s ]*$/.test(n)), numbers.join('|'));
    } finally {
      await context.close();
    }
  });

  test('a CSR reads the campaigns without editing them; the list in French', { timeout: TEST_TIMEOUT }, async () => {
    const { context, page } = await newPage(browser, server);
    try {
      await logIn(page, 'csr');
      await page.goto('/campaigns');
      assert.equal(await page.getByRole('link', { name: 'New campaign' }).count(), 0);
      assert.ok(await page.getByTestId('campaigns-table').locator('tbody tr').count() >= 1, 'the demo campaigns are listed');
      await page.getByTestId('campaigns-table').locator('tbody tr a').first().click();
      await page.waitForURL(/\/campaigns\/\d+$/);
      assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).count(), 0);
      assert.equal(await page.locator('#code').isDisabled(), true);
      await page.goto('/campaigns');
      await page.locator('.lang-switch button[value="fr"]').click();
      await page.waitForLoadState();
      assert.equal(await page.locator('h1').textContent(), 'Campagnes');
      assert.ok(await page.getByRole('columnheader', { name: 'Forfaits' }).count() === 1);
    } finally {
      await context.close();
    }
  });
});
