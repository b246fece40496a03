// In a real browser, as a manager: upload a customer CSV on Manage ▸ Import
// customers, watch the job page reach "done" with its counts, and find an
// imported customer; a file with a bad row imports nothing and names the
// row, column and reason — in French for a French-speaking manager.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DEMO_PASSWORD, launchBrowser, newPage, runCli, startServer } from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;
const HEADER =
  'kind,family_name,given_name,company_name,language,customer_class,category,phone,phone_type,email,' +
  'line1,line2,postal_code,city,region,country,account_currency,premise_type,service_point_type';

function csvFile(name, rows) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-')), name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

const GOOD = csvFile('good.csv', [
  'person,Marchetti,Ilaria,,fr,residential,standard,06 71 22 33 44,mobile,ilaria.marchetti@exemple.fr,' +
    '3 rue des Lilas,,13001,Marseille,,FR,EUR,house,electric_meter',
  'person,Okafor,Chidi,,en,residential,standard,+1 613 555 0199,mobile,chidi@example.ca,' +
    '88 Bank St,,K1P 5N2,Ottawa,ON,CA,CAD,apartment,',
]);
const BAD = csvFile('bad.csv', [
  'person,Lindqvist,Ebba,,en,residential,standard,+44 20 7946 0958,mobile,ebba@example.co.uk,' +
    '1 High St,,SW1A 1AA,London,,GB,GBP,house,',
  'person,Brossard,Jules,,fr,residential,standard,12,mobile,jules.brossard@exemple.fr,' +
    '5 rue Basse,,75011,Paris,,FR,EUR,house,',
]);

async function logIn(page, login) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

// Uploads `file` and waits for its job to end; returns the job panel.
async function importFile(page, file) {
  await page.goto('/customers/import');
  await page.locator('#file').setInputFiles(file);
  await page.locator('main form[action="/customers/import"] button[type="submit"]').click();
  await page.waitForURL((u) => /^\/jobs\/\d+$/.test(u.pathname));
  const job = page.getByTestId('job');
  await page.waitForFunction(
    () => ['done', 'failed', 'cancelled'].includes(document.querySelector('[data-testid="job"]')?.dataset.status),
    null, { timeout: 30_000 });
  return job;
}

describe('customer import page', { timeout: 4 * TEST_TIMEOUT }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    const made = await runCli(['user', 'add', 'gestionnaire', '--name', 'Gaëlle Roux', '--roles', 'manager',
      '--language', 'fr', '--time-zone', 'Europe/Paris', '--password', 'gestion-2026'], { env: { RAPPORT_DB: server.dbUrl } });
    assert.equal(made.code, 0, made.stderr);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a good file is imported and its customers can be found', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await newPage(browser, server);
    await logIn(page, 'manager');
    const job = await importFile(page, GOOD);
    assert.equal(await job.getAttribute('data-status'), 'done');
    const panel = (await job.innerText()).replace(/\s+/g, ' ');
    assert.match(panel, /100 %/);
    assert.match(panel, /Customers imported 2/);
    assert.match(panel, /2 customers imported|Import finished: 2/i);
    await page.goto('/customers?q=' + encodeURIComponent('0671223344'));
    assert.match(await page.locator('main').innerText(), /Marchetti/);
    // Leaving the job page may abort its last progress poll: not a fault.
    assert.deepEqual(problems.filter((p) => !/net::ERR_ABORTED/.test(p)), []);
  });

  test('a file with a bad row imports nothing and names the row, in French', { timeout: TEST_TIMEOUT }, async () => {
    const { page } = await newPage(browser, server, { locale: 'fr-FR' });
    await page.goto('/login');
    await page.locator('#login').fill('gestionnaire');
    await page.locator('#password').fill('gestion-2026');
    await page.locator('.login-card button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/');
    const job = await importFile(page, BAD);
    assert.equal(await job.getAttribute('data-status'), 'failed');
    const rows = page.getByTestId('import-problems').locator('tbody tr');
    assert.equal(await rows.count(), 1);
    const cells = (await rows.first().locator('td').allInnerTexts()).map((s) => s.trim());
    assert.equal(cells[0], '3', 'the line of the bad row (the header is line 1)');
    assert.equal(cells[1], 'phone');
    assert.match(cells[2], /numéro|téléphone/i, `the reason is in French: ${cells[2]}`);
    assert.match(await job.innerText(), /Rien n’a été importé/);
    await page.goto('/customers?q=Lindqvist');
    assert.doesNotMatch(await page.locator('main').innerText(), /Lindqvist, Ebba/, 'the good row was not imported either');
  });
});
