// In a real browser, as the administrator: Webhooks from the navigation,
// an endpoint refused with the error beside its field (nothing lost), then
// registered with its secret shown once, listed with its state; a manager
// has no such entry. Once in French.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { browserSuite, logInPage, newPage } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

describe('browser: webhooks', () => {
  const env = browserSuite(before, after);

  test('an admin registers an endpoint and sees its secret once', { timeout: TEST_TIMEOUT }, async () => {
    const { page, context, problems } = await newPage(env.browser, env.server);
    try {
      await logInPage(page, 'admin');
      await page.locator('nav.sidenav').getByRole('link', { name: 'Webhooks' }).click();
      await page.waitForURL((u) => u.pathname === '/admin/webhooks');
      assert.equal((await page.locator('main h1').textContent()).trim(), 'Webhooks');
      assert.match(await page.locator('main').textContent(), /No endpoint is registered yet\./);

      await page.getByRole('link', { name: 'Add an endpoint' }).click();
      await page.locator('#url').fill('billing.example.com/hooks');
      await page.locator('#description').fill('Billing');
      await page.locator('#events input[value="asset.changed"]').uncheck();
      await page.locator('form.form button[type="submit"]').click();
      await page.locator('#url-error').waitFor();
      assert.match(await page.locator('#url-error').textContent(), /Enter an http:\/\/ or https:\/\/ address/);
      assert.equal(await page.locator('#description').inputValue(), 'Billing', 'nothing lost');
      assert.equal(await page.locator('#events input[value="asset.changed"]').isChecked(), false);
      problems.length = 0;  // the 422 was expected

      await page.locator('#url').fill('https://billing.example.com/hooks');
      await page.locator('form.form button[type="submit"]').click();
      const secret = page.getByTestId('webhook-secret');
      await secret.waitFor();
      assert.match(await secret.locator('code').textContent(), /^whsec_[A-Za-z0-9_-]{40,}$/);
      assert.equal((await page.locator('main h1').textContent()).trim(), 'https://billing.example.com/hooks');

      await page.goto('/admin/webhooks');
      const row = page.locator('[data-testid="endpoint-list"] tbody tr');
      assert.equal(await row.count(), 1);
      assert.match(await row.textContent(), /Billing[\s\S]*sales_order\.submitted[\s\S]*Active/);
      await row.getByRole('link').click();
      assert.equal(await page.getByTestId('webhook-secret').count(), 0, 'the secret is not shown again');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('in French; a manager has no Webhooks entry', { timeout: TEST_TIMEOUT }, async () => {
    const fr = await newPage(env.browser, env.server);
    const manager = await newPage(env.browser, env.server);
    try {
      await logInPage(fr.page, 'admin');
      await fr.page.goto('/admin/webhooks/new');
      await fr.page.locator('.lang-switch button[value="fr"]').click();
      await fr.page.waitForFunction(() => document.documentElement.lang === 'fr');
      await fr.page.locator('#url').fill('ftp://exemple.fr');
      await fr.page.locator('form.form button[type="submit"]').click();
      await fr.page.locator('#url-error').waitFor();
      assert.match(await fr.page.locator('#url-error').textContent(), /^Saisissez une adresse http/);
      assert.match(await fr.page.locator('#events legend').textContent(), /Événements/);

      await logInPage(manager.page, 'manager');
      assert.equal(await manager.page.locator('nav.sidenav').getByRole('link', { name: 'Webhooks' }).count(), 0);
      const res = await manager.page.goto('/admin/webhooks');
      assert.equal(res.status(), 403);
    } finally {
      await fr.context.close();
      await manager.context.close();
    }
  });
});
