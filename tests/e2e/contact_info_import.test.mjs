// In a real browser: a manager goes from Contact plans to Import contact
// info, uploads a CSV file and watches the job reach "done" with its counts;
// a French-speaking manager's file with a bad row imports nothing and the
// page names the row, the column and the reason in French.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_PASSWORD,
  apiCall,
  createCustomer,
  createToken,
  launchBrowser,
  newPage,
  runCli,
  startServer,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;
const HEADER = 'customer,plan,phone,earliest,latest,sequence,method,note';

function csvFile(name, rows) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-ci-import-')), name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

async function logIn(page, login, password) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

// From the contact plans page to the import, uploads `file` and waits for
// its job to end; returns the job panel.
async function importFile(page, file) {
  await page.goto('/plans');
  await page.locator('a[href="/plans/import"]').click();
  await page.waitForURL((u) => u.pathname === '/plans/import');
  await page.locator('#file').setInputFiles(file);
  await page.locator('main form[action="/plans/import"] button[type="submit"]').click();
  await page.waitForURL((u) => /^\/jobs\/\d+$/.test(u.pathname));
  await page.waitForFunction(
    () => ['done', 'failed', 'cancelled'].includes(document.querySelector('[data-testid="job"]')?.dataset.status),
    null, { timeout: 30_000 });
  return page.getByTestId('job');
}

describe('contact info import page', { timeout: 4 * TEST_TIMEOUT }, () => {
  let server;
  let browser;
  const ids = [];
  before(async () => {
    server = await startServer();
    const made = await runCli(['user', 'add', 'gestionnaire', '--name', 'Gaëlle Roux', '--roles', 'manager',
      '--language', 'fr', '--time-zone', 'Europe/Paris', '--password', 'gestion-2026'], { env: { RAPPORT_DB: server.dbUrl } });
    assert.equal(made.code, 0, made.stderr);
    const csr = (await createToken(server, 'csr', 'e2e')).token;
    for (const [given, family, phone] of [['Ilaria', 'Marchetti', '06 71 22 33 44'], ['Chidi', 'Okafor', '06 71 22 33 55']]) {
      const c = await createCustomer(server, csr, {
        given_name: given, family_name: family,
        address: { line1: '3 rue des Lilas', postal_code: '13001', city: 'Marseille', country: 'FR' },
        phones: [{ type: 'mobile', number: phone }],
      });
      ids.push(c.id ?? c.customer?.id);
    }
    const manager = (await createToken(server, 'manager', 'e2e')).token;
    const plan = await apiCall(server, 'POST', '/api/v1/contact-plans', {
      token: manager, json: { code: 'ORDERS', name_en: 'Orders', name_fr: 'Commandes', weekdays: [1, 2, 3, 4, 5], valid_from: '2026-01-01' },
    });
    assert.equal(plan.status, 201, plan.text);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a good file puts the customers on the plan, and again updates them', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(browser, server);
    await logIn(page, 'manager', DEMO_PASSWORD);
    const good = csvFile('good.csv', [`${ids[0]},ORDERS,,09:00,12:00,2,phone,Matin`, `#${ids[1]},orders,,14:00,18:00,1,,`]);
    let job = await importFile(page, good);
    assert.equal(await job.getAttribute('data-status'), 'done');
    let panel = (await job.innerText()).replace(/\s+/g, ' ');
    assert.match(panel, /100 %/);
    assert.match(panel, /Customers put on a plan 2/);
    assert.match(panel, /Import finished: 2 customers put on a plan, 0 contact infos updated\./);
    job = await importFile(page, good);
    panel = (await job.innerText()).replace(/\s+/g, ' ');
    assert.match(panel, /Import finished: 0 customers put on a plan, 2 contact infos updated\./);
    assert.deepEqual(problems.filter((p) => !/net::ERR_ABORTED/.test(p)), []);
  });

  test('a file with a bad row imports nothing and names the row, in French', { timeout: TEST_TIMEOUT }, async () => {
    const { page } = await newPage(browser, server, { locale: 'fr-FR' });
    await logIn(page, 'gestionnaire', 'gestion-2026');
    await page.goto('/plans/import');
    assert.match(await page.locator('main h1').innerText(), /Importer des informations de contact/);
    const bad = csvFile('bad.csv', [`${ids[0]},ORDERS,,09:00,12:00,1,,`, `${ids[1]},ORDERS,,9h,12:00,1,,`]);
    const job = await importFile(page, bad);
    assert.equal(await job.getAttribute('data-status'), 'failed');
    const rows = page.getByTestId('import-problems').locator('tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = (await rows.first().locator('td').allInnerTexts()).map((s) => s.trim());
    assert.equal(cells[0], '3', 'the line of the bad row (the header is line 1)');
    assert.equal(cells[1], 'earliest');
    assert.match(cells[2], /heure/i, `the reason is in French: ${cells[2]}`);
    assert.match(await job.innerText(), /Rien n’a été importé/);
  });
});
