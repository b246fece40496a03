// Change orders through the JSON API (quotes-orders-assets.md, "Change
// orders"), against the real binary on SQLite and PostgreSQL: a customer's
// fulfilled order makes two assets; a change order disconnects one, adds a
// product and modifies the other's features, with the actions Rapport
// computed; once fulfilled the assets show it, each with its history. A
// change on the inactive asset, a resume of an active one and an unknown
// change are refused with 422 naming the change, nothing created. Every
// answer is checked against api/openapi.json by apiCall(). The pages: the
// 360° view offers the changes per asset, the change order page computes
// the lines and makes the order, the asset page shows its history. The
// same changes made as a change quote (POST …/change-quotes, or "as a
// quote" on the page) give a draft quote whose lines keep their actions;
// sent, accepted, converted with the change report acknowledged, its
// order fulfilled changes the assets; an inactive asset is refused for
// both, nothing made.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, apiCall, createCustomer, createToken, csrfOf, loggedInClient, startServer, textOf } from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe(`change orders API (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let fulfilment;
  let customer;
  const products = {};

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  const fieldsOf = (res) => (res.body.errors ?? [{ field: res.body.field, code: res.body.code }]).map((e) => `${e.field}:${e.code}`);

  async function submitAndFulfil(order) {
    let o = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
    for (const line of o.lines)
      o = expectStatus(await call('POST', `/api/v1/sales-orders/${o.id}/lines/${line.id}/complete`, fulfilment, {}), 200, 'complete');
    return o;
  }
  async function ordersOfCustomer() {
    return expectStatus(await call('GET', `/api/v1/sales-orders?customer=${customer.id}`, csr), 200, 'orders').items.length;
  }

  before(async () => {
    server = await startServer();
    manager = (await createToken(server, 'manager', 'changes')).token;
    csr = (await createToken(server, 'csr', 'changes')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'changes')).token;
    const t = tag();
    const list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `CHG-${t}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: day(-30), is_default: true,
    }), 201, 'price list');
    for (const [key, price] of [['fibre', 3990], ['tv', 990], ['mesh', 1490]]) {
      products[key] = expectStatus(await call('POST', '/api/v1/products', manager, {
        code: `${key}-${t}`, name_en: key, name_fr: key, type: 'service', trackable: true, vat_rate: '20', orderable_from: day(-30),
      }), 201, key);
      const { version } = expectStatus(await call('GET', `/api/v1/price-lists/${list.id}`, manager), 200, 'list');
      expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${products[key].id}`, manager,
                              { unit_price: price, version }), 200, 'price');
    }
    customer = (await createCustomer(server, csr, {
      kind: 'person', family_name: `Change${t}`, given_name: 'Élise', language: 'fr',
      address: { line1: '4 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
    let order = expectStatus(await call('POST', '/api/v1/sales-orders', csr, { customer_id: customer.id, requested_delivery: day(7) }), 201, 'order');
    for (const key of ['fibre', 'tv'])
      order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                      { version: order.version, product_id: products[key].id, quantity: 1 }), 201, 'line');
    await submitAndFulfil(order);
  });
  after(async () => server?.stop());

  test('a change order disconnects one asset and adds another; after fulfilment the assets show it', async () => {
    const assets = expectStatus(await call('GET', `/api/v1/customers/${customer.id}/assets`, csr), 200, 'assets').items;
    const tv = assets.find((a) => a.product_id === products.tv.id);
    const fibre = assets.find((a) => a.product_id === products.fibre.id);
    const res = await call('POST', `/api/v1/customers/${customer.id}/change-orders`, csr, {
      changes: [
        { change: 'disconnect', asset_id: tv.id },
        { change: 'add', product_code: products.mesh.code.toLowerCase(), quantity: 1 },
        { change: 'modify', asset_id: fibre.id, features: [{ name: 'Speed', value: '2 Gb/s' }] },
      ],
      notes: 'Customer moves to mesh Wi-Fi',
    });
    const order = expectStatus(res, 201, 'change order');
    assert.equal(res.headers.get('location'), `/api/v1/sales-orders/${order.id}`);
    assert.equal(order.status, 'pending');
    assert.deepEqual(order.lines.map((l) => [l.action, l.target_asset_id, l.product_id]),
                     [['remove', tv.id, products.tv.id], ['add', null, products.mesh.id], ['update', fibre.id, products.fibre.id]]);
    assert.deepEqual(order.lines.map((l) => l.unit_price), [0, 1490, 3990]);
    assert.deepEqual(order.lines[2].features, [{ name: 'Speed', value: '2 Gb/s' }]);
    // The answer is what GET shows.
    assert.deepEqual(expectStatus(await call('GET', `/api/v1/sales-orders/${order.id}`, csr), 200, 'GET'), order);

    await submitAndFulfil(order);
    const after = expectStatus(await call('GET', `/api/v1/customers/${customer.id}/assets`, csr), 200, 'assets').items;
    assert.equal(after.length, 3);
    assert.equal(after.find((a) => a.id === tv.id).status, 'inactive');
    assert.deepEqual(after.find((a) => a.id === fibre.id).features, [{ name: 'Speed', value: '2 Gb/s' }]);
    assert.equal(after.find((a) => a.product_id === products.mesh.id).status, 'active');

    const view = expectStatus(await call('GET', `/api/v1/assets/${tv.id}`, csr), 200, 'asset');
    assert.equal(view.status, 'inactive');
    assert.deepEqual(view.history.map((h) => [h.action, h.status, h.order_status]),
                     [['add', 'complete', 'complete'], ['remove', 'complete', 'complete']]);
    assert.equal(view.history[1].order_id, order.id);
    assert.equal((await call('GET', '/api/v1/assets/999999999', csr)).status, 404);
    assert.equal((await call('GET', `/api/v1/assets/${tv.id}`, fulfilment)).status, 403);
  });

  test('a change on an inactive asset, a resume of an active one or an unknown change is refused, nothing made', async () => {
    const assets = expectStatus(await call('GET', `/api/v1/customers/${customer.id}/assets`, csr), 200, 'assets').items;
    const inactive = assets.find((a) => a.status === 'inactive');
    const active = assets.find((a) => a.status === 'active');
    assert.ok(inactive && active, 'the first test left an inactive asset');
    const before = await ordersOfCustomer();
    const refused = await call('POST', `/api/v1/customers/${customer.id}/change-orders`, csr, {
      changes: [{ change: 'suspend', asset_id: inactive.id }, { change: 'resume', asset_id: active.id }],
    });
    assert.equal(refused.status, 422);
    assert.deepEqual(fieldsOf(refused), ['changes.0.asset:change_order.asset_inactive', 'changes.1.asset:change_order.asset_not_suspended']);
    assert.match(refused.body.errors[0].detail, new RegExp(inactive.number));
    const unknown = await call('POST', `/api/v1/customers/${customer.id}/change-orders`, csr, { changes: [{ change: 'explode', asset_id: active.id }] });
    assert.equal(unknown.status, 422);
    assert.deepEqual(fieldsOf(unknown).map((f) => f.split(':')[0]), ['changes.0.change']);
    const empty = await call('POST', `/api/v1/customers/${customer.id}/change-orders`, csr, { changes: [] });
    assert.deepEqual(fieldsOf(empty), ['changes:change_order.no_changes']);
    assert.equal(await ordersOfCustomer(), before);
    // Suspended by one change order, it is resumed by the next.
    const suspend = expectStatus(await call('POST', `/api/v1/customers/${customer.id}/change-orders`, csr,
                                            { changes: [{ change: 'suspend', asset_id: active.id }] }), 201, 'suspend');
    assert.deepEqual([suspend.lines[0].action, suspend.lines[0].target_status], ['update', 'suspended']);
    const twice = await call('POST', `/api/v1/customers/${customer.id}/change-orders`, csr, { changes: [{ change: 'suspend', asset_id: active.id }] });
    assert.deepEqual(fieldsOf(twice), ['changes.0.asset:change_order.asset_already_suspended']);
    assert.equal((await call('POST', `/api/v1/customers/${customer.id}/change-orders`, fulfilment,
                             { changes: [{ change: 'resume', asset_id: active.id }] })).status, 403);
  });

  test('an open order is revised; its complete line is changed through a change order', async () => {
    let order = expectStatus(await call('POST', '/api/v1/sales-orders', csr, { customer_id: customer.id }), 201, 'order');
    for (const key of ['tv', 'mesh'])
      order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                      { version: order.version, product_id: products[key].id, quantity: 1 }), 201, 'line');
    order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
    order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines/${order.lines[0].id}/complete`, fulfilment, {}), 200, 'complete');
    const added = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                          { version: order.version, product_id: products.fibre.id, quantity: 2 }), 201, 'revise: add');
    assert.deepEqual(added.lines.map((l) => [l.status, l.action]), [['complete', 'add'], ['open', 'add'], ['open', 'add']]);
    const refused = await call('PATCH', `/api/v1/sales-orders/${order.id}/lines/${order.lines[0].id}`, csr, { version: added.version, quantity: 3 });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'sales_order.line_complete_change_asset');
    assert.match(refused.body.detail, /change order/);
    const stale = await call('POST', `/api/v1/sales-orders/${order.id}/lines/${added.lines[1].id}/remove`, csr, { version: order.version });
    assert.equal(stale.status, 409);
    const removed = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines/${added.lines[1].id}/remove`, csr,
                                            { version: added.version }), 200, 'revise: remove');
    assert.equal(removed.lines.length, 2);
  });
  test('pages: the 360° view offers the changes, the change order page computes and creates, the asset shows its history', async () => {
    const assets = expectStatus(await call('GET', `/api/v1/customers/${customer.id}/assets`, csr), 200, 'assets').items;
    const inactive = assets.find((a) => a.status === 'inactive');
    const live = assets.find((a) => a.status !== 'inactive');
    const client = await loggedInClient(server, 'csr');
    const view = await client.get(`/customers/${customer.id}`);
    assert.equal(view.status, 200);
    assert.match(view.text, new RegExp(`href="/customers/${customer.id}/change-order\\?asset=${live.id}&amp;change=modify"`));
    assert.doesNotMatch(view.text, new RegExp(`change-order\\?asset=${inactive.id}&amp;`), 'no change offered on an inactive asset');
    assert.match(view.text, new RegExp(`href="/assets/${inactive.id}"`));

    const page = await client.get(`/customers/${customer.id}/change-order?asset=${live.id}&change=disconnect`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="change-lines"/);
    assert.match(page.text, /<tr data-action="remove">/);
    const csrf = csrfOf(page.text);
    const made = await client.postForm(`/customers/${customer.id}/change-order`, {
      _csrf: csrf, 'changes.0.asset': String(live.id), 'changes.0.change': 'modify', 'changes.0.quantity': '2',
      add_product: '', add_quantity: '1', requested_delivery: '', notes: '',
    });
    assert.equal(made.status, 303, textOf(made.text).slice(0, 300));
    const orderId = /\/sales-orders\/(\d+)\?done=created/.exec(made.location)?.[1];
    assert.ok(orderId, made.location);
    const order = expectStatus(await call('GET', `/api/v1/sales-orders/${orderId}`, csr), 200, 'order');
    assert.deepEqual(order.lines.map((l) => [l.action, l.target_asset_id, l.quantity]), [['update', live.id, '2']]);
    const orderPage = await client.get(`/sales-orders/${orderId}`);
    assert.match(orderPage.text, /data-testid="line-action">Update</);

    const refused = await client.postForm(`/customers/${customer.id}/change-order`, {
      _csrf: csrf, 'changes.0.asset': String(inactive.id), 'changes.0.change': 'modify', 'changes.0.quantity': '2',
      add_product: '', add_quantity: '1',
    });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.text), new RegExp(`${inactive.number} is inactive`));
    assert.equal(expectStatus(await call('GET', `/api/v1/sales-orders?customer=${customer.id}`, csr), 200, 'orders').items
      .filter((o) => o.lines.some((l) => l.target_asset_id === inactive.id && l.status === 'pending')).length, 0);

    const assetPage = await client.get(`/assets/${inactive.id}`);
    assert.equal(assetPage.status, 200);
    assert.equal([...assetPage.text.matchAll(/data-testid="asset-history-row"/g)].length, 2);
    assert.doesNotMatch(assetPage.text, /data-testid="asset-actions"/);
  });

  test('a change quote: sent, accepted, converted with the change report, fulfilled into the assets', async () => {
    const t = tag();
    const other = (await createCustomer(server, csr, {
      kind: 'person', family_name: `Devis${t}`, given_name: 'Noé', language: 'fr',
      address: { line1: '2 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
    let order = expectStatus(await call('POST', '/api/v1/sales-orders', csr, { customer_id: other.id }), 201, 'order');
    for (const key of ['fibre', 'tv'])
      order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                      { version: order.version, product_id: products[key].id, quantity: 1 }), 201, 'line');
    await submitAndFulfil(order);
    const assets = expectStatus(await call('GET', `/api/v1/customers/${other.id}/assets`, csr), 200, 'assets').items;
    const tv = assets.find((a) => a.product_id === products.tv.id);
    const fibre = assets.find((a) => a.product_id === products.fibre.id);
    const ordersBefore = expectStatus(await call('GET', `/api/v1/sales-orders?customer=${other.id}`, csr), 200, 'orders').items.length;

    const res = await call('POST', `/api/v1/customers/${other.id}/change-quotes`, csr, {
      changes: [
        { change: 'disconnect', asset_id: tv.id },
        { change: 'add', product_id: products.mesh.id, quantity: 1 },
        { change: 'suspend', asset_id: fibre.id },
      ],
      notes: 'Holiday: fibre suspended',
    });
    const quote = expectStatus(res, 201, 'change quote');
    assert.equal(res.headers.get('location'), `/api/v1/quotes/${quote.id}`);
    assert.equal(quote.status, 'draft');
    assert.deepEqual(quote.lines.map((l) => [l.action, l.asset_id, l.unit_price, l.target_status]),
                     [['remove', tv.id, 0, null], ['add', null, 1490, null], ['update', fibre.id, 3990, 'suspended']]);
    assert.deepEqual(expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'GET'), quote);
    assert.equal(expectStatus(await call('GET', `/api/v1/sales-orders?customer=${other.id}`, csr), 200, 'orders').items.length,
                 ordersBefore, 'a change quote makes no order');

    const sent = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/mark-sent`, csr,
                                         { version: quote.version, channel: 'email' }), 200, 'sent');
    const accepted = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/accept`, csr, { version: sent.version }), 200, 'accepted');
    // The mesh's price moves: only its line is in the report.
    const list = expectStatus(await call('GET', `/api/v1/price-lists/${quote.price_list_id}`, manager), 200, 'list');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${products.mesh.id}`, manager,
                            { unit_price: 1590, version: list.version }), 200, 'price');
    const refused = await call('POST', `/api/v1/quotes/${quote.id}/convert`, csr, { version: accepted.version });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'quote.changes_to_acknowledge');
    const report = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}/conversion`, csr), 200, 'report');
    assert.deepEqual(report.changes.map((c) => [c.line_number, c.kind, c.old_value, c.new_value]), [[2, 'price', '1490', '1590']]);
    const converted = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/convert`, csr,
                                              { version: accepted.version, acknowledged: report.fingerprint }), 201, 'convert');
    assert.deepEqual(converted.lines.map((l) => [l.action, l.target_asset_id, l.unit_price, l.target_status]),
                     [['remove', tv.id, 0, null], ['add', null, 1590, null], ['update', fibre.id, 3990, 'suspended']]);
    await submitAndFulfil(converted);
    const after = expectStatus(await call('GET', `/api/v1/customers/${other.id}/assets`, csr), 200, 'assets').items;
    assert.equal(after.find((a) => a.id === tv.id).status, 'inactive');
    assert.equal(after.find((a) => a.id === fibre.id).status, 'suspended');
    assert.equal(after.find((a) => a.product_id === products.mesh.id).status, 'active');

    // A change quote on the now inactive TV box: refused, nothing made.
    const quotesBefore = expectStatus(await call('GET', `/api/v1/quotes?customer=${other.id}`, csr), 200, 'quotes').items.length;
    const inactive = await call('POST', `/api/v1/customers/${other.id}/change-quotes`, csr, { changes: [{ change: 'modify', asset_id: tv.id, quantity: 2 }] });
    assert.equal(inactive.status, 422);
    assert.deepEqual(fieldsOf(inactive), ['changes.0.asset:change_order.asset_inactive']);
    assert.match(inactive.body.errors[0].detail, new RegExp(tv.number));
    assert.equal(expectStatus(await call('GET', `/api/v1/quotes?customer=${other.id}`, csr), 200, 'quotes').items.length, quotesBefore);
    assert.equal((await call('POST', `/api/v1/customers/${other.id}/change-quotes`, fulfilment,
                             { changes: [{ change: 'resume', asset_id: fibre.id }] })).status, 403);

    // The page: "as a quote" makes the draft quote and opens it.
    const client = await loggedInClient(server, 'csr');
    const page = await client.get(`/customers/${other.id}/change-order?asset=${fibre.id}&change=resume`);
    assert.match(page.text, /data-testid="make-quote"/);
    const made = await client.postForm(`/customers/${other.id}/change-order`, {
      _csrf: csrfOf(page.text), 'changes.0.asset': String(fibre.id), 'changes.0.change': 'resume',
      add_product: '', add_quantity: '1', requested_delivery: '', notes: '', make: 'quote',
    });
    assert.equal(made.status, 303, textOf(made.text).slice(0, 300));
    const quoteId = /\/quotes\/(\d+)\?done=created/.exec(made.location)?.[1];
    assert.ok(quoteId, made.location);
    const resume = expectStatus(await call('GET', `/api/v1/quotes/${quoteId}`, csr), 200, 'resume quote');
    assert.deepEqual(resume.lines.map((l) => [l.action, l.asset_id, l.target_status]), [['update', fibre.id, 'active']]);
    const quotePage = await client.get(`/quotes/${quoteId}`);
    assert.match(quotePage.text, new RegExp(`data-testid="quote-line-asset">${fibre.number}<`));
    const refusedPage = await client.postForm(`/customers/${other.id}/change-order`, {
      _csrf: csrfOf(page.text), 'changes.0.asset': String(tv.id), 'changes.0.change': 'suspend',
      add_product: '', add_quantity: '1', make: 'quote',
    });
    assert.equal(refusedPage.status, 422);
    assert.match(textOf(refusedPage.text), new RegExp(`${tv.number} is inactive`));
  });
});
