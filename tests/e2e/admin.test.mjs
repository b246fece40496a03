// In a real browser, as the administrator: the installation settings
// (validation, saving, history) and the list of users.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, DEMO_PORTAL_USERS, DEMO_USERS, launchBrowser, newPage, screenshot, startServer } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;
const CURRENCY_ERROR = 'Unknown currency: use an ISO 4217 code such as EUR.';

async function logInAsAdmin(page) {
  await page.goto('/login');
  await page.locator('#login').fill('admin');
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
  assert.equal((await page.locator('main h1').textContent()).trim(), 'Hello, Alex Admin');
}

async function openSettings(page) {
  await page.locator('nav.sidenav').getByRole('link', { name: 'Installation settings' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/settings');
  assert.equal((await page.locator('main h1').textContent()).trim(), 'Installation settings');
}

// Submits the settings form; the caller waits for what the next page shows.
async function save(page) {
  await page.locator('form[action="/admin/settings"] button[type="submit"]').click();
}

// The history table's rows as text cells.
async function historyRows(page) {
  return page.locator('section.history tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));
}

describe('browser: administration', () => {
  let server;
  let browser;
  const contexts = [];
  before(async () => {
    server = await startServer({ kind: 'sqlite' });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function open() {
    const p = await newPage(browser, server);
    contexts.push(p.context);
    return p;
  }

  test('the admin opens the user list from the navigation', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logInAsAdmin(page);
    await page.locator('nav.sidenav').getByRole('link', { name: 'Users' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    const logins = await page.getByTestId('users-table').locator('tbody tr td:first-child').allTextContents();
    assert.deepEqual(logins.map((l) => l.trim()).sort(),
                     [...Object.keys(DEMO_USERS), ...Object.keys(DEMO_PORTAL_USERS)].sort());
    const row = page.getByTestId('users-table').locator('tbody tr', { hasText: 'Camille Lefèvre' });
    assert.match(await row.textContent(), /Customer service/);
    await screenshot(page, 'users.png');
    assert.deepEqual(problems, []);
  });

  test('an invalid currency shows the inline error and the error summary', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logInAsAdmin(page);
    await openSettings(page);
    await screenshot(page, 'settings.png');
    const before = await page.locator('#currency').inputValue();

    await page.locator('#currency').fill('XX');
    await save(page);
    const inline = page.locator('#currency-error');
    await inline.waitFor();
    assert.equal((await inline.textContent()).trim(), CURRENCY_ERROR);
    assert.equal(await page.locator('#currency').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#currency').inputValue(), 'XX', 'what was typed is kept');

    const summary = page.locator('#error-summary');
    assert.ok(await summary.isVisible(), 'the error summary is shown');
    // The summary takes the focus, so a screen reader announces it first.
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5_000 });
    assert.match(await summary.textContent(), /Please correct the following:/);
    const link = summary.getByRole('link', { name: CURRENCY_ERROR });
    assert.equal(await link.count(), 1, `the summary lists the currency error: ${await summary.innerHTML()}`);
    assert.equal(await link.getAttribute('href'), '#currency');

    // Nothing was saved.
    await page.goto('/admin/settings');
    assert.equal(await page.locator('#currency').inputValue(), before);
    assert.deepEqual(problems, ['HTTP 422: POST /admin/settings']);
  });

  test('fixing the currency and saving shows "Saved." and a history row', { timeout: TEST_TIMEOUT }, async () => {
    const { page } = await open();
    await logInAsAdmin(page);
    await openSettings(page);
    const before = await page.locator('#currency').inputValue();
    const next = before === 'CAD' ? 'USD' : 'CAD';

    await page.locator('#currency').fill('XX');
    await save(page);
    await page.locator('#currency-error').waitFor();

    await page.locator('#currency').fill(next);
    await save(page);
    const saved = page.locator('main [role="status"]');
    await saved.waitFor();
    assert.equal((await saved.textContent()).trim(), 'Saved.');
    assert.equal(await page.locator('#currency-error').count(), 0, 'the error is gone');
    assert.equal(await page.locator('#currency').inputValue(), next);

    const rows = await historyRows(page);
    const row = rows.find((cells) => cells[2] === 'Currency');
    assert.ok(row, `the history has a Currency row: ${JSON.stringify(rows)}`);
    const [when, who, , old, now] = row;
    assert.ok(when, 'the row says when');
    assert.equal(who, 'Alex Admin');
    assert.equal(old, before);
    assert.equal(now, next);
  });
});
