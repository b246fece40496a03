// The catalog's manager pages, CSV import and price lists of customers,
// black-box: the import (Catalog ▸ Import) runs as a job whose page shows
// the counts or every bad cell with its line and column, nothing imported
// then; a customer's and an account's own price list is changed through
// /api/v1/customers/{id}/price-lists (answers checked against
// openapi.json) and the customer page's section; the product form shows
// a bad input beside its field and saves nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createCustomer,
  createToken,
  csrfOf,
  errorBeside,
  loggedInClient,
  sleep,
  startServer,
  textOf,
} from '../support/harness.mjs';

describe(`catalog pages, import and customer price lists (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let managerToken;
  let csrToken;
  let customerId;
  const lists = {};

  before(async () => {
    server = await startServer();
    managerToken = (await createToken(server, 'manager', 'catalog')).token;
    csrToken = (await createToken(server, 'csr', 'catalog')).token;
    for (const [code, currency] of [['PRO-EUR', 'EUR'], ['EXPORT-USD', 'USD']]) {
      const res = await apiCall(server, 'POST', '/api/v1/price-lists', {
        token: managerToken,
        json: { code, name_en: `List ${code}`, name_fr: `Liste ${code}`, currency, valid_from: '2026-01-01' },
      });
      assert.equal(res.status, 201, res.text);
      lists[code] = res.body.id;
    }
    const c = await createCustomer(server, csrToken, {
      given_name: 'Ottilie', family_name: 'Vandersteen',
      address: { line1: '8 rue Nationale', postal_code: '59800', city: 'Lille', country: 'FR' },
      phones: [{ type: 'mobile', number: '06 71 98 76 54' }],
    });
    customerId = c.id ?? c.customer?.id;
    assert.ok(Number.isInteger(customerId));
    manager = await loggedInClient(server, 'manager');
    csr = await loggedInClient(server, 'csr');
  });
  after(async () => {
    await server?.stop();
  });

  async function upload(client, text, query = '') {
    const page = await client.get('/catalog/import');
    assert.equal(page.status, 200);
    const res = await client.post(`/catalog/import${query}`, {
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

  test('the import creates and updates products by code, with their prices', async () => {
    const page = await manager.get('/catalog/import');
    assert.match(textOf(page.text), /code,name_en,name_fr/);
    assert.equal((await csr.get('/catalog/import')).status, 403);
    const done = await upload(manager, [
      'code,name_en,name_fr,type,unit,trackable,vat_rate,features,price,tiers',
      'router-x2,Fibre router X2,Routeur fibre X2,goods,unit,yes,20,Wi-Fi=6; Ports=4,89.00,10=85.00; 50=79.50',
      'INSTALL,Installation,Installation,service,hour,no,5.5,,45.50,',
    ].join('\n') + '\n', `?price_list=${lists['PRO-EUR']}`);
    assert.equal(done.status, 'done', textOf(done.html));
    assert.match(textOf(done.html).replace(/\s+/g, ' '),
      /Import finished: 2 products created, 0 products updated, 2 prices set\./);
    const list = await apiCall(server, 'GET', `/api/v1/price-lists/${lists['PRO-EUR']}`, { token: csrToken });
    assert.equal(list.status, 200);
    const router = list.body.prices.find((p) => p.product_code === 'ROUTER-X2' || p.code === 'ROUTER-X2');
    assert.ok(router, JSON.stringify(list.body.prices));
    assert.equal(router.unit_price, 8900);
    assert.deepEqual(router.tiers.map((t) => t.unit_price), [8500, 7950]);

    const again = await upload(manager, 'code,name_fr\nROUTER-X2,Routeur X2\n');
    assert.equal(again.status, 'done', textOf(again.html));
    assert.match(textOf(again.html).replace(/\s+/g, ' '), /0 products created, 1 product updated/);
  });

  test('a bad row is listed with its line and column, and nothing is imported', async () => {
    const bad = await upload(manager, [
      'code,name_en,orderable_from,orderable_to,price,tiers',
      'GOOD-ONE,Good,2026-01-01,,10.00,',
      'BAD CODE,Bad,,,abc,',
      'LATE,Late,2026-06-01,2026-05-01,10.00,50=9.00; 10=8.00',
    ].join('\n') + '\n', `?price_list=${lists['PRO-EUR']}`);
    assert.equal(bad.status, 'failed');
    const rows = [...bad.html.matchAll(/<tr><td>(\d+)<\/td><td>([a-z_]*)<\/td><td>([^<]*)<\/td><\/tr>/g)]
      .map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, [['3', 'price'], ['3', 'code'], ['4', 'tiers'], ['4', 'orderable_to']]);
    assert.match(textOf(bad.html), /Nothing was imported: 2 rows are wrong/);
    const search = await apiCall(server, 'GET', '/api/v1/products?q=GOOD-ONE', { token: csrToken });
    assert.deepEqual(search.body.items, []);
  });

  test('a manager gives a customer and an account their own list through the API', async () => {
    const path = `/api/v1/customers/${customerId}/price-lists`;
    const read = await apiCall(server, 'GET', path, { token: csrToken });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.price_list, null);
    assert.ok(read.body.accounts.length >= 1);
    const account = read.body.accounts[0];

    const refused = await apiCall(server, 'PUT', path, {
      token: csrToken, json: { price_list: lists['PRO-EUR'], version: read.body.version },
    });
    assert.equal(refused.status, 403);

    const saved = await apiCall(server, 'PUT', path, {
      token: managerToken, json: { price_list: lists['PRO-EUR'], version: read.body.version },
    });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.body.price_list.code, 'PRO-EUR');
    assert.deepEqual(saved.body, (await apiCall(server, 'GET', path, { token: csrToken })).body);

    const stale = await apiCall(server, 'PUT', path, {
      token: managerToken, json: { price_list: null, version: read.body.version },
    });
    assert.equal(stale.status, 409);

    const mismatch = await apiCall(server, 'PUT', path, {
      token: managerToken,
      json: { account: account.number, price_list: lists['EXPORT-USD'], version: account.version },
    });
    assert.equal(mismatch.status, 422);
    assert.match(JSON.stringify(mismatch.body), /USD/);

    const own = await apiCall(server, 'PUT', path, {
      token: managerToken,
      json: { account: account.number, price_list: lists['PRO-EUR'], version: account.version },
    });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.accounts[0].price_list.code, 'PRO-EUR');

    const cleared = await apiCall(server, 'PUT', path, {
      token: managerToken, json: { price_list: null, version: saved.body.version },
    });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.body.price_list, null);
  });

  test('the customer page shows its price lists; a manager changes them there', async () => {
    const page = await manager.get(`/customers/${customerId}`);
    assert.match(page.text, new RegExp(`hx-get="/customers/${customerId}/price-lists"`));
    const section = await manager.get(`/customers/${customerId}/price-lists`, { headers: { 'hx-request': 'true' } });
    assert.equal(section.status, 200);
    const version = /name="account" value="">\s*<input type="hidden" name="version" value="(\d+)"/.exec(section.text)?.[1];
    assert.ok(version, section.text.slice(0, 500));
    const [, account, accountVersion] =
      /name="account" value="(A\d+)">\s*<input type="hidden" name="version" value="(\d+)"/.exec(section.text);
    const csrf = csrfOf(page.text);
    const wrong = await manager.post(`/customers/${customerId}/price-lists`, {
      form: { _csrf: csrf, account, version: accountVersion, price_list: String(lists['EXPORT-USD']) },
      headers: { 'hx-request': 'true' },
    });
    assert.equal(wrong.status, 422);
    assert.match(textOf(wrong.text), /This list is in USD but the account is in EUR/);
    const ok = await manager.post(`/customers/${customerId}/price-lists`, {
      form: { _csrf: csrf, account: '', version, price_list: String(lists['PRO-EUR']) },
      headers: { 'hx-request': 'true' },
    });
    assert.equal(ok.status, 200, textOf(ok.text));
    assert.match(textOf(ok.text), /PRO-EUR · List PRO-EUR/);
    // A CSR sees the lists, with nothing to change.
    const seen = await csr.get(`/customers/${customerId}/price-lists`, { headers: { 'hx-request': 'true' } });
    assert.equal(seen.status, 200);
    assert.match(textOf(seen.text), /PRO-EUR/);
    assert.doesNotMatch(seen.text, /<select/);
  });

  test('the product form shows a bad input beside its field and saves nothing', async () => {
    const page = await manager.get('/catalog/products/new');
    assert.equal(page.status, 200);
    const res = await manager.post('/catalog/products', {
      form: {
        _csrf: csrfOf(page.text), version: '0', feature_rows: '1', code: 'BAD CODE', name_en: 'Thing',
        type: 'goods', unit: 'unit', vat_rate: '20', orderable_from: '2026-06-01', orderable_to: '2026-05-01',
        'features.0.name': '', 'features.0.value': '',
      },
    });
    assert.equal(res.status, 422);
    assert.ok(errorBeside(res.text, 'code', 'bad code'));
    assert.ok(errorBeside(res.text, 'orderable_to', 'dates'));
    const search = await apiCall(server, 'GET', '/api/v1/products?q=thing', { token: csrToken });
    assert.deepEqual(search.body.items, []);
  });
});
