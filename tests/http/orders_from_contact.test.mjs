// Orders taken from a contact through the JSON API (contact-planning.md,
// "Orders from a contact"), against the real binary on SQLite and
// PostgreSQL: what Enter order will do, "Customer order #N already exists"
// refused until the client chooses, supplementing makes no second order,
// closing with an empty order asks for confirm_delete before deleting it,
// closing with lines keeps the order and recalculates the next contact.
// Every answer is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, apiCall, createCustomer, createToken, startServer } from '../support/harness.mjs';

const DAY_MS = 86_400_000;
const parisDate = (offset) => new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
}).format(new Date(Date.now() + offset * DAY_MS));
const plusDays = (date, days) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe(`orders from a contact API (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let plan;
  let product;
  const today = parisDate(0);
  const tag = crypto.randomBytes(3).toString('hex').toUpperCase();

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  // A customer with an entry of today on the order-intake plan.
  async function entryFor(family, phone) {
    const { customer } = await createCustomer(server, csr, {
      kind: 'person', given_name: 'Luc', family_name: `${family}-${tag}`, language: 'fr',
      address: { line1: '5 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
      phones: [{ type: 'mobile', number: phone }], proceed: true,
    });
    expectStatus(await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr,
      { customer_id: customer.id, earliest: '00:00', latest: '23:59' }), 201, 'contact info');
    const entry = expectStatus(await call('POST', '/api/v1/plan-entries', csr,
      { plan_id: plan.id, customer_id: customer.id, date: today }), 201, 'entry');
    return { customer, entry };
  }
  const ordersOf = async (customer) =>
    expectStatus(await call('GET', `/api/v1/sales-orders?customer=${customer.id}`, csr), 200, 'orders').items;

  before(async () => {
    server = await startServer();
    manager = (await createToken(server, 'manager', 'ofc')).token;
    csr = (await createToken(server, 'csr', 'ofc')).token;
    product = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `GAS-${tag}`, name_en: 'Gas bottle', name_fr: 'Bouteille de gaz', type: 'goods', trackable: false,
      vat_rate: '20', orderable_from: plusDays(today, -10),
    }), 201, 'product');
    const list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `P-${tag}`, name_en: 'Standard', currency: 'EUR', valid_from: plusDays(today, -10), is_default: true,
    }), 201, 'price list');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${product.id}`, manager, { unit_price: 3200, version: list.version }), 200, 'price');
    plan = expectStatus(await call('POST', '/api/v1/contact-plans', manager, {
      code: `G${tag}`, name_en: 'Gas rounds', purpose: 'order_intake', weekdays: [1, 2, 3, 4, 5, 6, 7],
      valid_from: today, departure: 'VILLEURBANNE', lead_days: 3,
    }), 201, 'plan');
  });
  after(async () => server?.stop());

  test('an order for the delivery date is supplemented, never duplicated; closing with 21 keeps it', async () => {
    const { customer, entry } = await entryFor('Bonnet', '06 21 22 23 24');
    const delivery = plusDays(entry.contact_date, 3);
    const earlier = expectStatus(await call('POST', '/api/v1/sales-orders', csr,
      { customer_id: customer.id, requested_delivery: delivery }), 201, 'earlier order');

    const info = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}/order`, csr), 200, 'info');
    assert.equal(info.requested_delivery, delivery);
    assert.equal(info.departure, 'VILLEURBANNE');
    assert.equal(info.existing_order.number, earlier.number);
    assert.equal(info.taken_order, null);
    assert.equal(info.proposed_status, 90);

    const asked = await call('POST', `/api/v1/plan-entries/${entry.id}/order`, csr, {});
    assert.equal(asked.status, 409, asked.text);
    assert.equal(asked.body.code, 'sales_order.already_exists');
    assert.match(asked.body.detail ?? asked.body.title, new RegExp(earlier.number));
    const bad = await call('POST', `/api/v1/plan-entries/${entry.id}/order`, csr, { choice: 'both' });
    assert.equal(bad.status, 422, bad.text);
    assert.equal((await ordersOf(customer)).length, 1, 'nothing made while the client has not chosen');

    let order = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/order`, csr, { choice: 'supplement' }), 200, 'supplement');
    assert.equal(order.id, earlier.id);
    order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
      { version: order.version, product_code: product.code, quantity: 2 }), 201, 'line');
    assert.equal((await ordersOf(customer)).length, 1, 'no second order');

    const current = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}`, csr), 200, 'entry');
    const refused = await call('POST', `/api/v1/plan-entries/${entry.id}/close-order`, csr,
      { status: 10, version: current.entry.version });
    assert.equal(refused.status, 422, refused.text);
    const closed = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/close-order`, csr,
      { status: 21, version: current.entry.version, note: 'Rappeler jeudi' }), 200, 'close');
    assert.equal(closed.order_deleted, false);
    assert.equal(closed.status.entry.status, 21);
    assert.equal(closed.status.entry.sales_order_id, earlier.id, 'the entry shows OK');
    assert.ok(Date.parse(closed.status.entry.next_contact_at) > Date.now(), 'a new contact time');
    assert.equal((await ordersOf(customer))[0].lines.length, 1, 'the order stays registered');
  });

  test('closing an empty order with another status than 90 needs confirm_delete, then deletes it', async () => {
    const { customer, entry } = await entryFor('Perrin', '06 31 32 33 34');
    const order = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/order`, csr, {}), 200, 'new order');
    assert.equal(order.lines.length, 0);
    const info = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}/order`, csr), 200, 'info');
    assert.equal(info.taken_order.id, order.id);
    let current = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}`, csr), 200, 'entry');
    const asked = await call('POST', `/api/v1/plan-entries/${entry.id}/close-order`, csr,
      { status: 92, version: current.entry.version });
    assert.equal(asked.status, 409, asked.text);
    assert.equal(asked.body.code, 'sales_order.confirm_delete_needed');
    assert.equal((await ordersOf(customer)).length, 1, 'nothing deleted yet');
    current = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}`, csr), 200, 'entry');
    assert.equal(current.entry.status, 10, 'nor the status set');
    const closed = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/close-order`, csr,
      { status: 92, version: current.entry.version, confirm_delete: true }), 200, 'confirmed');
    assert.equal(closed.order_deleted, true);
    assert.equal(closed.status.entry.status, 92);
    assert.equal((await ordersOf(customer)).length, 0);
  });
});
