// The contact info import through its faces, black-box: the page under
// Contact plans (managers only) takes a CSV file and runs it as a job whose
// page shows the counts (created, updated) or every bad cell with its line
// and column; `rapport import contact-info FILE` does the same on the
// command line. A file with a bad row imports nothing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createCustomer,
  createToken,
  csrfOf,
  loggedInClient,
  runCli,
  sleep,
  startServer,
  textOf,
} from '../support/harness.mjs';

const HEADER = 'customer,plan,phone,earliest,latest,sequence,method,note';

function csv(rows) {
  return [HEADER, ...rows].join('\n') + '\n';
}

function csvFile(name, text) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-ci-import-')), name);
  fs.writeFileSync(file, text);
  return file;
}

describe(`contact info import (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  const ids = [];

  before(async () => {
    server = await startServer();
    const token = (await createToken(server, 'csr', 'import')).token;
    for (const [given, family, phone] of [['Ilaria', 'Marchetti', '06 71 22 33 44'],
      ['Chidi', 'Okafor', '06 71 22 33 55'], ['Ebba', 'Lindqvist', '06 71 22 33 66']]) {
      const c = await createCustomer(server, token, {
        given_name: given, family_name: family,
        address: { line1: '3 rue des Lilas', postal_code: '13001', city: 'Marseille', country: 'FR' },
        phones: [{ type: 'mobile', number: phone }],
      });
      ids.push(c.id ?? c.customer?.id);
    }
    assert.ok(ids.every((id) => Number.isInteger(id)), `customer ids: ${ids}`);
    // Two plans (the demo makes none without customers).
    const managerToken = (await createToken(server, 'manager', 'plans')).token;
    for (const code of ['ORDERS', 'MARKET']) {
      const res = await apiCall(server, 'POST', '/api/v1/contact-plans', {
        token: managerToken,
        json: { code, name_en: `Plan ${code}`, weekdays: [1, 2, 3, 4, 5], valid_from: '2026-01-01' },
      });
      assert.equal(res.status, 201, res.text);
    }
    manager = await loggedInClient(server, 'manager');
    csr = await loggedInClient(server, 'csr');
  });
  after(async () => {
    await server?.stop();
  });

  // Uploads `text` as the page's script does; returns the job page once the job ended.
  async function upload(client, text) {
    const page = await client.get('/plans/import');
    assert.equal(page.status, 200);
    const res = await client.post('/plans/import', {
      body: text,
      headers: { 'content-type': 'text/csv', 'x-csrf-token': csrfOf(page.text) },
    });
    assert.equal(res.status, 303, textOf(res.text).slice(0, 300));
    assert.match(res.location, /^\/jobs\/\d+$/);
    for (let i = 0; i < 100; ++i) {
      const job = await client.get(res.location);
      const status = /data-status="([a-z]+)"/.exec(job.text)?.[1];
      if (['done', 'failed', 'cancelled'].includes(status)) return { status, html: job.text };
      await sleep(100);
    }
    assert.fail('the import job did not end');
  }

  test('the contact plans page links to the import; only who manages plans may use it', async () => {
    const plans = await manager.get('/plans');
    assert.match(plans.text, /href="\/plans\/import"/);
    const page = await manager.get('/plans/import');
    assert.equal(page.status, 200);
    assert.match(page.text, /<form method="post" action="\/plans\/import"/);
    assert.match(textOf(page.text), /customer,plan,phone,earliest,latest,sequence/);
    assert.match(textOf(page.text), /At most 16 MB and 100,000 rows/);
    // Each import states its own limits; the customer import's file is held
    // to the upload limit of the pages (64 MB), not the command line's 1 GB.
    const customers = await manager.get('/customers/import');
    assert.match(textOf(customers.text), /At most 64 MB and 1,000,000 rows/);
    const refused = await csr.get('/plans/import');
    assert.equal(refused.status, 403);
    const posted = await csr.post('/plans/import', {
      body: csv([`${ids[0]},ORDERS,,09:00,12:00,1,,`]),
      headers: { 'content-type': 'text/csv', 'x-csrf-token': csrfOf((await csr.get('/')).text) },
    });
    assert.equal(posted.status, 403);
  });

  test('a good file creates, the same customers again update, never twice', async () => {
    const first = await upload(manager, csv([
      `${ids[0]},ORDERS,,09:00,12:00,2,phone,Matin`,
      `#${ids[1]},orders,06 71 22 33 99,14:00,18:00,1,,`,
    ]));
    assert.equal(first.status, 'done', textOf(first.html));
    const text = textOf(first.html).replace(/\s+/g, ' ');
    assert.match(text, /Customers put on a plan 2/);
    assert.match(text, /Contact infos updated 0/);
    assert.match(text, /Import finished: 2 customers put on a plan, 0 contact infos updated\./);

    const again = await upload(manager, csv([`${ids[0]},ORDERS,,10:00,12:00,5,,`]));
    assert.equal(again.status, 'done');
    assert.match(textOf(again.html).replace(/\s+/g, ' '),
      /Import finished: 0 customers put on a plan, 1 contact info updated\./);
  });

  test('a bad row is listed with its line and column, and nothing is imported', async () => {
    const bad = await upload(manager, csv([
      `${ids[2]},ORDERS,,09:00,12:00,1,,`,
      `${ids[2]},NOPE,,9h,12:00,x,,`,
    ]));
    assert.equal(bad.status, 'failed');
    const rows = [...bad.html.matchAll(/<tr><td>(\d+)<\/td><td>([a-z_]*)<\/td><td>([^<]*)<\/td><\/tr>/g)]
      .map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(rows.map((r) => r.slice(0, 2)), [['3', 'plan'], ['3', 'sequence'], ['3', 'earliest']]);
    assert.match(rows[0][2], /no contact plan with the code NOPE/);
    assert.match(textOf(bad.html), /Nothing was imported: 1 row is bad\. Fix it/);
    // Ebba's good row was not imported: importing it alone creates her.
    const good = await upload(manager, csv([`${ids[2]},ORDERS,,09:00,12:00,1,,`]));
    assert.match(textOf(good.html), /1 customer put on a plan, 0 contact infos updated/);
  });

  test('rapport import contact-info: counts on success, line and column of a bad row (exit 2)', async () => {
    const env = { RAPPORT_DB: server.dbUrl };
    const ok = await runCli(['import', 'contact-info',
      csvFile('ok.csv', csv([`${ids[0]},MARKET,,09:00,17:00,3,,`, `${ids[1]},ORDERS,,09:00,17:00,4,,`]))], { env });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Import finished: 1 customer put on a plan, 1 contact info updated\./);
    const bad = await runCli(['import', 'contact-info', csvFile('bad.csv', csv([`${ids[0]},MARKET,,25:00,17:00,3,,`]))],
      { env: { ...env, LANG: 'fr_FR.UTF-8' } });
    assert.equal(bad.code, 2, bad.stdout + bad.stderr);
    assert.match(bad.stderr, /Ligne 2, colonne earliest\u202f: /);
    assert.match(bad.stderr, /Rien n’a été importé\u202f: 1 ligne invalide\. Corrigez-la/);
    const help = await runCli(['import', 'contact-info', '--help']);
    assert.match(help.stdout, /100,000 rows and 16 MB/);
  });
});
