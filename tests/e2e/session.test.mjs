// In a real browser: log-in, the desk, the language switch, log-out, a
// wrong password, and a French-speaking user.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, launchBrowser, newPage, screenshot, startServer } from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;

async function fillLogin(page, login, password) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
}

async function submitLogin(page) {
  await page.locator('.login-card button[type="submit"]').click();
}

describe('browser: log-in, language, log-out', () => {
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

  async function open(opts) {
    const p = await newPage(browser, server, opts);
    contexts.push(p.context);
    return p;
  }

  test('csr logs in, sees the desk, switches to French and back, and logs out', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/login');
    assert.equal(await page.locator('h1').textContent(), 'Log in');
    await screenshot(page, 'login.png');

    await page.locator('#login').fill('csr');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await submitLogin(page);
    await page.waitForURL((u) => u.pathname === '/');
    assert.equal((await page.locator('main h1').textContent()).trim(), 'Hello, Sam Carter');
    assert.equal(await page.getByTestId('current-user').textContent(), 'Sam Carter');
    assert.equal(await page.locator('nav.sidenav a[aria-current="page"]').textContent(), 'Desk');
    assert.equal(await page.title(), 'Desk · Rapport');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'rapport_session');
    assert.ok(session, 'the browser holds a session cookie');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie.includes('rapport_session')), false,
                 'scripts cannot read the session cookie');
    await screenshot(page, 'home.png');

    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.locator('main h1', { hasText: 'Bonjour, Sam Carter' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.locator('nav.sidenav a[aria-current="page"]').textContent(), 'Bureau');
    assert.equal(await page.getByRole('button', { name: 'FR', exact: true }).getAttribute('aria-current'), 'true');

    // The choice is kept on the profile: a reload is still in French.
    await page.reload();
    assert.equal((await page.locator('main h1').textContent()).trim(), 'Bonjour, Sam Carter');

    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.locator('main h1', { hasText: 'Hello, Sam Carter' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    assert.equal(await page.locator('h1').textContent(), 'Log in');
    assert.equal(await page.locator('form[action="/login"]').count(), 1);
    assert.equal(await page.getByTestId('current-user').count(), 0, 'nobody is shown as logged in');
    // The desk is closed again.
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === '/login');
    assert.deepEqual(problems, []);
  });

  test('a wrong password shows the error message next to the form', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await fillLogin(page, 'manager', 'not-the-password');
    await submitLogin(page);
    const alert = page.locator('.login-card [role="alert"]');
    await alert.waitFor();
    assert.equal((await alert.textContent()).trim(), 'Wrong login or password.');
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.locator('#login').inputValue(), 'manager', 'the login is kept');
    assert.equal(await page.locator('#password').inputValue(), '', 'the password is not');
    assert.equal(await page.getByTestId('current-user').count(), 0);
    // The form works again at once.
    await page.locator('#password').fill(DEMO_PASSWORD);
    await submitLogin(page);
    await page.waitForURL((u) => u.pathname === '/');
    assert.equal((await page.locator('main h1').textContent()).trim(), 'Hello, Morgan Blake');
    // Only the expected 401 of the log-in form.
    assert.deepEqual(problems, ['HTTP 401: POST /login']);
  });

  test('conseiller logs in and sees French straight away', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await fillLogin(page, 'conseiller', DEMO_PASSWORD);
    await submitLogin(page);
    await page.waitForURL((u) => u.pathname === '/');
    assert.equal((await page.locator('main h1').textContent()).trim(), 'Bonjour, Camille Lefèvre');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.locator('nav.sidenav a[aria-current="page"]').textContent(), 'Bureau');
    assert.equal(await page.title(), 'Bureau · Rapport');
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 0, 'no English left in the frame');
    assert.deepEqual(problems, []);
  });
});
