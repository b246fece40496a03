// A customer's requests on their assets in the portal (quotes-orders-assets.md,
// "Change orders"), against the real binary on SQLite and PostgreSQL with
// the real SMTP sink: from the portal's home the customer opens an asset's
// request page, asks for a disconnect and lands back on the home with the
// change order listed (submitted: open); a second disconnect, a quantity of
// zero or not a number, a date in the past are refused beside their fields
// with nothing made; the same through POST /api/v1/portal/assets/{asset}/requests
// (validated against api/openapi.json). Another customer's asset answers
// 404 exactly as an unknown one, staff 403, anonymous the log-in page or
// 401. The CSR sees the requests on the 360° view, channel web, with the
// order. Once in French.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client, DB_KIND, apiCall, decodeEntities, loggedInClient, startServer, startSink, textOf,
} from '../support/harness.mjs';
import { portalFixture } from '../support/portal.mjs';
import { portalRecords } from '../support/portal_records.mjs';

// The CSRF token of a portal page's forms (the portal's layout has no htmx).
const formCsrf = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe(`portal requests on assets (${DB_KIND})`, () => {
  let folder, sink, server, made, csr, en, fr, other;

  const ordersOf = async (c) =>
    (await apiCall(server, 'GET', `/api/v1/sales-orders?customer=${c.customer.id}`, { token: csr })).body.items;
  // The message beside `field` on a page, or null.
  const besideField = (html, field) => {
    const m = new RegExp(`<p class="field-error" id="${field}-error">([^<]*)<`).exec(html);
    return m ? decodeEntities(m[1]) : null;
  };
  async function requestPage(c, asset) {
    const page = await c.client.get(`/portal/assets/${asset}/request`);
    assert.equal(page.status, 200, textOf(page.text).slice(0, 300));
    return { html: page.text, csrf: formCsrf(page.text) };
  }
  async function post(c, asset, form) {
    const { csrf } = await requestPage(c, asset);
    return c.client.postForm(`/portal/assets/${asset}/request`, { _csrf: csrf, ...form });
  }

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-portal-requests-'));
    sink = await startSink(folder);
    server = await startServer();
    const portal = await portalFixture(server, folder, sink.port);
    made = await portalRecords(server);
    csr = made.tokens.csr;
    const { list, product } = await made.priceList();
    for (const [name, language, assets] of [['en', 'en', 2], ['fr', 'fr', 1], ['other', 'en', 1]]) {
      const c = await portal.customer({ language });
      await made.useList(c.customer.id, list.id);
      c.assets = [];
      for (let i = 0; i < assets; ++i) c.assets.push((await made.records(c.customer.id, product)).asset);
      if (name === 'en') en = c;
      else if (name === 'fr') fr = c;
      else other = c;
    }
  });
  after(async () => {
    await server?.stop();
    sink?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('from the home, a disconnect request makes an open change order listed on the home; a second is refused beside the change', async () => {
    const asset = en.assets[0];
    const home = await en.client.get('/portal');
    assert.match(home.text, new RegExp(`href="/portal/assets/${asset}/request"`), 'the asset has its request link');
    const { html } = await requestPage(en, asset);
    assert.deepEqual([...html.matchAll(/name="change" value="([a-z]+)"/g)].map((m) => m[1]),
                     ['modify', 'suspend', 'disconnect']);
    assert.match(html, /name="quantity" value="1"/, 'the asset\'s quantity is offered to modify');
    const before = (await ordersOf(en)).length;

    const sent = await post(en, asset, { change: 'disconnect', requested_date: day(10) });
    assert.equal(sent.status, 303, textOf(sent.text).slice(0, 300));
    const number = /^\/portal\?requested=(ORD-\d+)$/.exec(sent.location)?.[1];
    assert.ok(number, sent.location);
    const orders = await ordersOf(en);
    assert.equal(orders.length, before + 1);
    const order = (await apiCall(server, 'GET', `/api/v1/sales-orders/${orders.find((o) => o.number === number).id}`, { token: csr })).body;
    assert.equal(order.status, 'open', 'submitted for fulfilment');
    assert.equal(order.requested_delivery, day(10));
    assert.deepEqual(order.lines.map((l) => [l.action, l.target_asset_id]), [['remove', asset]]);
    const back = await en.client.get(sent.location);
    assert.match(textOf(back.text), /Your request was sent/);
    assert.match(textOf(back.text), new RegExp(`${number} · Open`), 'the order is on the home with its status');

    const again = await post(en, asset, { change: 'disconnect' });
    assert.equal(again.status, 422);
    assert.match(besideField(again.text, 'change') ?? '', /is inactive \(disconnected\)/);
    assert.equal((await ordersOf(en)).length, before + 1, 'nothing made');
  });

  test('a quantity of zero or not a number and a past date are refused beside their fields, nothing made', async () => {
    const asset = en.assets[1];
    const before = (await ordersOf(en)).length;
    for (const [form, field, message] of [
      [{ change: 'modify', quantity: '0' }, 'quantity', /./],
      [{ change: 'modify', quantity: 'deux' }, 'quantity', /./],
      [{ change: 'suspend', requested_date: day(-3) }, 'requested_date', /past/],
      [{ quantity: '2' }, 'change', /./],
    ]) {
      const res = await post(en, asset, form);
      assert.equal(res.status, 422, JSON.stringify(form));
      assert.match(besideField(res.text, field) ?? '', message, `${JSON.stringify(form)}: beside ${field}`);
      assert.match(res.text, new RegExp(`id="${field === 'change' ? 'change' : field}"[^>]*aria-invalid="true"`));
    }
    assert.equal((await ordersOf(en)).length, before);
  });

  test('the API makes the same request; another customer\'s asset is 404 as an unknown one, staff 403, anonymous 401', async () => {
    const asset = en.assets[1];
    const target = `/api/v1/portal/assets/${asset}/requests`;
    const res = await apiCall(server, 'POST', target, { token: en.token, json: { change: 'modify', quantity: 3 } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'open');
    assert.equal(res.body.customer_id, en.customer.id);
    assert.deepEqual(res.body.lines.map((l) => [l.action, l.target_asset_id]), [['update', asset]]);
    assert.equal(res.headers.get('location'), `/api/v1/portal/orders/${res.body.id}`);
    // The same as staff read it.
    const read = await apiCall(server, 'GET', `/api/v1/sales-orders/${res.body.id}`, { token: csr });
    assert.deepEqual(read.body.lines.map((l) => l.quantity), res.body.lines.map((l) => l.quantity));

    const suspended = await apiCall(server, 'POST', target, { token: en.token, json: { change: 'suspend' } });
    assert.equal(suspended.status, 201, suspended.text);
    const twice = await apiCall(server, 'POST', target, { token: en.token, json: { change: 'suspend' } });
    assert.equal(twice.status, 422);
    assert.deepEqual((twice.body.errors ?? [twice.body]).map((e) => e.field), ['change']);

    const before = (await ordersOf(other)).length;
    const theirs = await apiCall(server, 'POST', `/api/v1/portal/assets/${other.assets[0]}/requests`,
                                 { token: en.token, json: { change: 'disconnect' } });
    const unknown = await apiCall(server, 'POST', '/api/v1/portal/assets/999999999/requests',
                                  { token: en.token, json: { change: 'disconnect' } });
    assert.equal(theirs.status, 404);
    assert.equal(theirs.text, unknown.text);
    assert.equal((await ordersOf(other)).length, before, 'nothing made for the other customer');
    const staff = await apiCall(server, 'POST', target, { token: csr, json: { change: 'disconnect' } });
    assert.equal(staff.status, 403);
    const anonymous = await apiCall(server, 'POST', target, { json: { change: 'disconnect' } });
    assert.equal(anonymous.status, 401);
    // The pages alike.
    const page = await en.client.get(`/portal/assets/${other.assets[0]}/request`);
    const missing = await en.client.get('/portal/assets/999999999/request');
    assert.equal(page.status, 404);
    // The same page but for the address it was asked at.
    assert.equal(page.text.replaceAll(`/portal/assets/${other.assets[0]}/request`, '{path}'),
                 missing.text.replaceAll('/portal/assets/999999999/request', '{path}'));
    const staffPage = await (await loggedInClient(server, 'csr')).get(`/portal/assets/${asset}/request`);
    assert.equal(staffPage.status, 403);
    const anonymousPage = await new Client(server).get(`/portal/assets/${asset}/request`);
    assert.equal(anonymousPage.status, 303);
    assert.match(anonymousPage.location, /^\/login/);
  });

  test('in French, and the CSR sees the requests on the 360° view, channel web, with their orders', async () => {
    const asset = fr.assets[0];
    const { html } = await requestPage(fr, asset);
    assert.match(html, /Demande de modification de AS-\d+/);
    assert.match(html, /Résilier/);
    const sent = await post(fr, asset, { change: 'disconnect' });
    assert.equal(sent.status, 303);
    assert.match(textOf((await fr.client.get(sent.location)).text), /Votre demande a été envoyée/);
    const again = await post(fr, asset, { change: 'disconnect' });
    assert.match(besideField(again.text, 'change') ?? '', /inactif|résilié/);

    const staff = await loggedInClient(server, 'csr');
    const view = textOf((await staff.get(`/customers/${fr.customer.id}`)).text);
    assert.match(view, /Web \(portal\)/);
    assert.match(view, /Disconnection requested on the portal/);
    assert.match(view, new RegExp(`AS-0*${asset} → ORD-\\d+`));
    const viewHtml = (await staff.get(`/customers/${en.customer.id}`)).text;
    assert.match(textOf(viewHtml), /Modification requested on the portal/);
    assert.match(textOf(viewHtml), /Suspension requested on the portal/);
    assert.match(viewHtml, /href="\/sales-orders\/\d+"/);
  });
});
