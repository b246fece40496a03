// Catalog, sales orders, fulfilment and assets through the JSON API
// (quotes-orders-assets.md), against the real binary on SQLite and
// PostgreSQL: a manager builds a catalog and a default price list, a CSR
// orders for a customer (lines priced from the list, volume tiers), submit
// lists every problem, the fulfilment role completes the lines and the
// trackable product becomes the customer's asset. Refusals change nothing.
// Every answer is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, apiCall, createCustomer, createToken, startServer } from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe(`sales orders API (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let fulfilment;
  let customer;
  let meter;
  let visit;

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  function fieldsOf(res) {
    return (res.body.errors ?? [{ field: res.body.field, code: res.body.code }]).map((e) => `${e.field}:${e.code}`);
  }
  async function product(body) {
    return expectStatus(await call('POST', '/api/v1/products', manager, body), 201, `product ${body.code}`);
  }
  async function openOrder(extra = {}) {
    return expectStatus(await call('POST', '/api/v1/sales-orders', csr,
                                   { customer_id: customer.id, requested_delivery: day(7), ...extra }), 201, 'POST order');
  }
  async function addLine(order, body) {
    return expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                   { version: order.version, ...body }), 201, `line ${JSON.stringify(body)}`);
  }

  before(async () => {
    server = await startServer();
    manager = (await createToken(server, 'manager', 'sales')).token;
    csr = (await createToken(server, 'csr', 'sales')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'sales')).token;
    const t = tag();
    meter = await product({ code: `meter-${t}`, name_en: 'Smart meter', name_fr: 'Compteur communicant',
                            type: 'goods', trackable: true, vat_rate: '20', orderable_from: day(-30),
                            features: [{ name: 'Phases', value: '3' }] });
    visit = await product({ code: `VISIT-${t}`, name_en: 'Installation visit', name_fr: 'Visite d’installation',
                            type: 'service', unit: 'hour', trackable: false, vat_rate: '5,5', orderable_from: day(-30) });
    const list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `STD-${t}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: day(-30), is_default: true,
    }), 201, 'price list');
    // Each price moves the list's version on: the next one carries it.
    const metered = expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${meter.id}`, manager,
                            { unit_price: 12000, tiers: [{ min_quantity: 5, unit_price: 11000 }], version: list.version }),
                                 200, 'meter price');
    assert.equal(metered.price_list_version, list.version + 1);
    const stale = await call('PUT', `/api/v1/price-lists/${list.id}/prices/${visit.id}`, manager,
                             { unit_price: 4500, version: list.version });
    assert.equal(stale.status, 409, 'a price set on a stale list is refused');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${visit.id}`, manager,
                            { unit_price: 4500, version: metered.price_list_version }), 200, 'visit price');
    customer = (await createCustomer(server, csr, {
      kind: 'person', family_name: `Sales${t}`, given_name: 'Inès', language: 'fr',
      address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
  });
  after(async () => server?.stop());

  test('the catalog is the managers’: a CSR may search it but not change it', async () => {
    assert.equal(meter.code, meter.code.toUpperCase());
    assert.equal(visit.vat_rate, '5.5');
    const found = expectStatus(await call('GET', `/api/v1/products?q=${encodeURIComponent('compteur COMMUNICANT')}&orderable=true`, csr), 200, 'search');
    assert.ok(found.items.some((p) => p.id === meter.id), 'found by its French name');
    const refused = await call('POST', '/api/v1/products', csr, { code: `X-${tag()}`, name_en: 'X' });
    assert.equal(refused.status, 403);
    const bad = await call('POST', '/api/v1/products', manager, { code: 'bad code', name_en: '', vat_rate: '150' });
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad).sort(), ['code:code.invalid', 'name_en:product.name_required', 'vat_rate:product.vat_rate_invalid']);
  });

  test('lines are priced from the customer’s list, with volume tiers and VAT per rate', async () => {
    let order = await openOrder();
    assert.match(order.number, /^ORD-\d{6}$/);
    assert.equal(order.currency, 'EUR');
    assert.equal(order.ship_to.city, 'Lyon');
    order = await addLine(order, { product_code: meter.code.toLowerCase(), quantity: 6 });
    order = await addLine(order, { product_id: visit.id, quantity: '1,5' });
    assert.deepEqual(order.lines.map((l) => [l.product_code, l.quantity, l.unit_price, l.net]),
                     [[meter.code, '6', 11000, 66000], [visit.code, '1.5', 4500, 6750]]);
    assert.deepEqual(order.totals, {
      net: 72750, vat: [{ rate: '5.5', base: 6750, vat: 371 }, { rate: '20', base: 66000, vat: 13200 }], gross: 86321,
    });
  });

  test('bad lines and a past delivery date are refused, with nothing changed', async () => {
    const order = await openOrder();
    for (const [body, field, code] of [
      [{ product_id: meter.id, quantity: 0 }, 'quantity', 'sales_order.line_quantity_positive'],
      [{ product_id: meter.id, quantity: 'two' }, 'quantity', 'field.quantity_invalid'],
      [{ product_id: meter.id, quantity: '1.2345' }, 'quantity', 'field.quantity_invalid'],
      [{ product_id: meter.id, quantity: '9999999', discount: 0 }, 'quantity', 'money.too_large'],
      [{ product_id: meter.id, quantity: 1, discount: 999999 }, 'discount', 'sales_order.line_discount_invalid'],
      [{ product_code: 'NO-SUCH-PRODUCT', quantity: 1 }, 'product', 'product.not_found'],
    ]) {
      const res = await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr, { version: order.version, ...body });
      assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
      assert.ok(fieldsOf(res).includes(`${field}:${code}`), `${JSON.stringify(body)}: ${fieldsOf(res)}`);
    }
    const unchanged = expectStatus(await call('GET', `/api/v1/sales-orders/${order.id}`, csr), 200, 'GET');
    assert.equal(unchanged.version, order.version);
    assert.equal(unchanged.lines.length, 0);
    const past = await call('POST', '/api/v1/sales-orders', csr, { customer_id: customer.id, requested_delivery: day(-1) });
    assert.equal(past.status, 422);
    assert.deepEqual(fieldsOf(past), ['requested_delivery:sales_order.delivery_past']);
  });

  test('submit lists every problem; a stale version is refused', async () => {
    let order = await openOrder();
    const empty = await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version });
    assert.equal(empty.status, 422);
    assert.deepEqual(fieldsOf(empty), ['lines:sales_order.no_lines']);
    order = await addLine(order, { product_id: meter.id, quantity: 1 });
    const header = expectStatus(await call('PUT', `/api/v1/sales-orders/${order.id}`, csr, {
      version: order.version, ship_to: { line1: '', postal_code: '69002', city: '', country: 'FR' },
    }), 200, 'PUT header');
    const problems = await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: header.version });
    assert.equal(problems.status, 422);
    assert.deepEqual(fieldsOf(problems), ['ship_to.line1:sales_order.address_incomplete', 'ship_to.city:sales_order.address_incomplete']);
    const stale = await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version });
    assert.equal(stale.status, 409);
  });

  test('fulfilment completes the lines; only the trackable one becomes an asset', async () => {
    let order = await openOrder();
    order = await addLine(order, { product_id: meter.id, quantity: 2 });
    order = await addLine(order, { product_id: visit.id, quantity: 1 });
    order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
    assert.equal(order.status, 'open');
    const again = await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version });
    assert.equal(again.status, 422);
    assert.equal(again.body.code, 'sales_order.not_pending');

    assert.equal((await call('GET', '/api/v1/fulfilment/lines', csr)).status, 403, 'a CSR does not work the queue');
    const queue = expectStatus(await call('GET', '/api/v1/fulfilment/lines?limit=200', fulfilment), 200, 'queue');
    const mine = queue.items.filter((q) => q.order_id === order.id);
    assert.equal(mine.length, 2);
    assert.equal(mine[0].customer_name, `${customer.family_name}, Inès`);

    const complete = (line) => call('POST', `/api/v1/sales-orders/${order.id}/lines/${line.id}/complete`, fulfilment, {});
    let after1 = expectStatus(await complete(order.lines[0]), 200, 'complete meter');
    assert.equal(after1.status, 'open');
    assert.ok(after1.lines[0].asset_id);
    const twice = await complete(order.lines[0]);
    assert.equal(twice.status, 422);
    assert.equal(twice.body.code, 'sales_order.line_not_open');
    after1 = expectStatus(await complete(order.lines[1]), 200, 'complete visit');
    assert.equal(after1.status, 'complete');
    assert.equal(after1.lines[1].asset_id, null);

    const assets = expectStatus(await call('GET', `/api/v1/customers/${customer.id}/assets`, csr), 200, 'assets');
    const asset = assets.items.find((a) => a.origin_line_id === order.lines[0].id);
    assert.ok(asset, 'the meter is an asset');
    assert.equal(asset.product_code, meter.code);
    assert.equal(asset.quantity, '2');
    assert.equal(asset.status, 'active');
    assert.equal(asset.service_address.city, 'Lyon');
    assert.ok(!assets.items.some((a) => a.origin_line_id === order.lines[1].id), 'the visit is not an asset');
  });

  test('a line of a canceled order cannot be completed', async () => {
    let order = await openOrder();
    order = await addLine(order, { product_id: meter.id, quantity: 1 });
    order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
    order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/cancel`, csr, { version: order.version }), 200, 'cancel');
    assert.equal(order.status, 'canceled');
    const res = await call('POST', `/api/v1/sales-orders/${order.id}/lines/${order.lines[0].id}/complete`, fulfilment, {});
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'sales_order.line_not_open');
  });

  test('a fulfilment batch completes the chosen orders as a job; a bad selection is a translated 422', async () => {
    const submitted = async () => {
      let order = await openOrder();
      order = await addLine(order, { product_id: meter.id, quantity: 1 });
      order = await addLine(order, { product_id: visit.id, quantity: 1 });
      return expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
    };
    const a = await submitted();
    const b = await submitted();
    const pending = await openOrder();
    const batch = (token, body) => call('POST', '/api/v1/fulfilment/batches', token, body);

    assert.equal((await batch(csr, { orders: [a.id] })).status, 403, 'a CSR does not fulfil');
    const empty = await batch(fulfilment, {});
    assert.equal(empty.status, 422);
    assert.deepEqual(fieldsOf(empty), ['orders:fulfilment.selection_empty']);
    assert.match(JSON.stringify(empty.body), /Choose the orders|Choisissez les commandes/, 'a message, not a key');
    const unknown = await batch(fulfilment, { orders: [a.id, 987654321] });
    assert.equal(unknown.status, 422);
    assert.deepEqual(fieldsOf(unknown), ['orders:fulfilment.order_unknown']);
    assert.match(JSON.stringify(unknown.body), /987654321/);
    const notOpen = await batch(fulfilment, { orders: [pending.id] });
    assert.deepEqual(fieldsOf(notOpen), ['orders:fulfilment.order_not_open']);
    const tooMany = await batch(fulfilment, { orders: Array.from({ length: 1001 }, () => a.id) });
    assert.equal(tooMany.status, 422);
    assert.deepEqual(fieldsOf(tooMany), ['orders:fulfilment.too_many_orders']);
    const noReason = await batch(fulfilment, { orders: [a.id], outcome: 'fail' });
    assert.deepEqual(fieldsOf(noReason), ['reason:sales_order.line_fail_reason_required']);
    assert.equal((await call('GET', `/api/v1/sales-orders/${a.id}`, csr)).body.status, 'open', 'nothing changed');

    const started = await batch(fulfilment, { orders: [a.id, b.id] });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.body.kind, 'fulfilment_batch');
    let job = started.body;
    for (let i = 0; i < 300 && !['done', 'failed', 'cancelled'].includes(job.status); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      job = expectStatus(await call('GET', started.headers.get('location'), fulfilment), 200, 'job');
    }
    assert.equal(job.status, 'done', JSON.stringify(job));
    for (const order of [a, b]) {
      const now = expectStatus(await call('GET', `/api/v1/sales-orders/${order.id}`, csr), 200, 'order');
      assert.equal(now.status, 'complete');
      assert.ok(now.lines[0].asset_id, 'the meter became an asset');
      assert.equal(now.lines[1].asset_id, null, 'the visit did not');
    }
  });
});
