// Quotes through the JSON API (quotes-orders-assets.md, "Quote", "Quote →
// sales order"), against the real binary on SQLite and PostgreSQL: a CSR
// makes a quote for a customer (priced from the list, valid for the
// installation's days), Verify lists every problem, a sent quote is revised
// to a new draft revision while the old one stays readable, and converting
// reprices with today's catalog — 409 with the change report until its
// fingerprint is acknowledged, then a pending sales order, once. Every
// answer is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createCustomer, createToken, errorBeside, loggedInClient, pageWithCsrf, startServer,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describe(`quotes API (${DB_KIND})`, () => {
  let server;
  let admin;
  let manager;
  let csr;
  let fulfilment;
  let customer;
  let list;
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
  async function newQuote() {
    return expectStatus(await call('POST', '/api/v1/quotes', csr, { customer_id: customer.id }), 201, 'POST quote');
  }
  async function addLine(quote, body) {
    return expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/lines`, csr,
                                   { version: quote.version, ...body }), 201, `line ${JSON.stringify(body)}`);
  }
  async function sentQuote() {
    let quote = await newQuote();
    quote = await addLine(quote, { product_code: meter.code, quantity: 2 });
    quote = await addLine(quote, { product_id: visit.id, quantity: '1,5' });
    return expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/mark-sent`, csr,
                                   { version: quote.version, channel: 'email' }), 200, 'mark sent');
  }
  // A price carries its list's version read.
  async function setPrice(product, unit_price) {
    const { version } = expectStatus(await call('GET', `/api/v1/price-lists/${list.id}`, manager), 200, 'list');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${product.id}`, manager, { unit_price, version }),
                 200, 'price');
  }
  const setMeterPrice = (unit_price) => setPrice(meter, unit_price);

  before(async () => {
    server = await startServer();
    admin = (await createToken(server, 'admin', 'quotes')).token;
    manager = (await createToken(server, 'manager', 'quotes')).token;
    csr = (await createToken(server, 'csr', 'quotes')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'quotes')).token;
    const t = tag();
    meter = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `QMETER-${t}`, name_en: 'Smart meter', name_fr: 'Compteur communicant', type: 'goods', trackable: true,
      vat_rate: '20', orderable_from: day(-30), features: [{ name: 'Phases', value: '3' }],
    }), 201, 'meter');
    visit = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `QVISIT-${t}`, name_en: 'Installation visit', name_fr: 'Visite d’installation', type: 'service',
      unit: 'hour', trackable: false, vat_rate: '5,5', orderable_from: day(-30),
    }), 201, 'visit');
    list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `QSTD-${t}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: day(-30), is_default: true,
    }), 201, 'price list');
    await setMeterPrice(12000);
    await setPrice(visit, 4500);
    customer = (await createCustomer(server, csr, {
      kind: 'person', family_name: `Quote${t}`, given_name: 'Inès', language: 'fr',
      address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
  });
  after(async () => server?.stop());

  test('a quote is priced from the customer’s list, with features, totals and its validity', async () => {
    let quote = await newQuote();
    assert.match(quote.number, /^Q-\d{6}$/);
    assert.equal(quote.revision, 1);
    assert.equal(quote.status, 'draft');
    assert.equal(quote.currency, 'EUR');
    assert.ok([day(30), day(31), day(29)].includes(quote.valid_until), quote.valid_until);
    quote = await addLine(quote, { product_code: meter.code.toLowerCase(), quantity: 2 });
    quote = await addLine(quote, { product_id: visit.id, quantity: '1,5' });
    assert.deepEqual(quote.lines.map((l) => [l.product_code, l.quantity, l.unit_price, l.net, l.action]),
                     [[meter.code, '2', 12000, 24000, 'add'], [visit.code, '1.5', 4500, 6750, 'add']]);
    assert.deepEqual(quote.lines[0].features, [{ name: 'Phases', value: '3' }]);
    assert.deepEqual(quote.totals, {
      net: 30750, vat: [{ rate: '5.5', base: 6750, vat: 371 }, { rate: '20', base: 24000, vat: 4800 }], gross: 35921,
    });
    const listed = expectStatus(await call('GET', `/api/v1/quotes?customer=${customer.id}`, csr), 200, 'list');
    assert.ok(listed.items.some((q) => q.id === quote.id));
    assert.equal((await call('GET', `/api/v1/quotes/${quote.id}`, fulfilment)).status, 403);
  });

  test('Verify lists every problem, and a quote without lines is not sent', async () => {
    const quote = await newQuote();
    const verified = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/verify`, csr), 200, 'verify');
    assert.equal(verified.ready, false);
    assert.deepEqual(verified.problems.map((p) => `${p.field}:${p.code}`), ['lines:quote.no_lines']);
    const send = await call('POST', `/api/v1/quotes/${quote.id}/mark-sent`, csr, { version: quote.version, channel: 'fax' });
    assert.equal(send.status, 422);
    assert.deepEqual(fieldsOf(send), ['lines:quote.no_lines']);
    const accept = await call('POST', `/api/v1/quotes/${quote.id}/accept`, csr, { version: quote.version });
    assert.equal(accept.status, 422);
    assert.equal(accept.body.code, 'quote.not_sent');
    const full = await addLine(quote, { product_code: meter.code, quantity: 1 });
    const ready = expectStatus(await call('POST', `/api/v1/quotes/${full.id}/verify`, csr), 200, 'verify');
    assert.deepEqual(ready, { ready: true, problems: [] });
  });

  test('revise makes a draft revision; the older one stays readable, read-only and inactive', async () => {
    const sent = await sentQuote();
    assert.equal(sent.status, 'sent');
    assert.equal(sent.sent_channel, 'email');
    const edit = await call('POST', `/api/v1/quotes/${sent.id}/lines`, csr, { version: sent.version, product_code: meter.code, quantity: 1 });
    assert.equal(edit.status, 422);
    assert.equal(edit.body.code, 'quote.not_draft');
    const next = expectStatus(await call('POST', `/api/v1/quotes/${sent.id}/revise`, csr, { version: sent.version }), 201, 'revise');
    assert.equal(next.number, sent.number);
    assert.equal(next.revision, 2);
    assert.equal(next.status, 'draft');
    assert.equal(next.lines.length, 2);
    assert.deepEqual(next.revisions.map((r) => [r.revision, r.active]), [[2, true], [1, false]]);
    const old = expectStatus(await call('GET', `/api/v1/quotes/${sent.id}`, csr), 200, 'old revision');
    assert.equal(old.active, false);
    const again = await call('POST', `/api/v1/quotes/${sent.id}/revise`, csr, { version: old.version });
    assert.equal(again.status, 422);
    assert.equal(again.body.code, 'quote.not_newest');
    const stale = await call('POST', `/api/v1/quotes/${next.id}/lines`, csr, { version: next.version - 1, product_code: meter.code, quantity: 1 });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'record.stale');
    // The 360° view lists both revisions, the older one marked inactive.
    const view = await (await loggedInClient(server, 'csr')).get(`/customers/${customer.id}`);
    assert.equal(view.status, 200);
    const rowOf = (id) => new RegExp(`<tr id="quote-${id}"[^>]*>[\\s\\S]*?</tr>`).exec(view.text)?.[0] ?? '';
    assert.match(rowOf(next.id), /data-state="draft" data-revision="2"/);
    assert.doesNotMatch(rowOf(next.id), /inactive/);
    assert.match(rowOf(sent.id), /data-revision="1" class="muted"/);
    assert.match(rowOf(sent.id), /<span class="badge badge-off">inactive<\/span>/);
  });

  test('converting reprices: the change report must be acknowledged, and again when it changes; a quote converts once', async () => {
    const sent = await sentQuote();
    const accepted = expectStatus(await call('POST', `/api/v1/quotes/${sent.id}/accept`, csr, { version: sent.version }), 200, 'accept');
    assert.equal(accepted.state, 'accepted');
    await setMeterPrice(13000);
    try {
      const refused = await call('POST', `/api/v1/quotes/${sent.id}/convert`, csr, { version: accepted.version });
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.code, 'quote.changes_to_acknowledge');
      assert.deepEqual(refused.body.changes, [
        { line_number: 1, product_code: meter.code, kind: 'price', old_value: '12000', new_value: '13000' },
      ]);
      const preview = expectStatus(await call('GET', `/api/v1/quotes/${sent.id}/conversion`, csr), 200, 'preview');
      assert.equal(preview.fingerprint, refused.body.fingerprint);

      // The price moves again before the CSR confirms: the old fingerprint no longer holds.
      await setMeterPrice(13500);
      const moved = await call('POST', `/api/v1/quotes/${sent.id}/convert`, csr,
                               { version: accepted.version, acknowledged: refused.body.fingerprint });
      assert.equal(moved.status, 409);
      assert.notEqual(moved.body.fingerprint, refused.body.fingerprint);
      assert.equal(moved.body.changes[0].new_value, '13500');
      const none = expectStatus(await call('GET', `/api/v1/sales-orders?customer=${customer.id}`, csr), 200, 'orders');
      assert.equal(none.items.length, 0, 'no order before the changes are acknowledged');

      const order = expectStatus(await call('POST', `/api/v1/quotes/${sent.id}/convert`, csr,
                                            { version: accepted.version, acknowledged: moved.body.fingerprint }), 201, 'convert');
      assert.equal(order.status, 'pending');
      assert.deepEqual(order.lines.map((l) => [l.product_code, l.unit_price]), [[meter.code, 13500], [visit.code, 4500]]);
      const converted = expectStatus(await call('GET', `/api/v1/quotes/${sent.id}`, csr), 200, 'quote');
      assert.equal(converted.sales_order_id, order.id);
      assert.equal(converted.sales_order_number, order.number);
      // The order names its quote, in the conversion's answer and when read.
      assert.equal(order.quote_id, sent.id);
      assert.equal(expectStatus(await call('GET', `/api/v1/sales-orders/${order.id}`, csr), 200, 'sales order').quote_id, sent.id);
      const twice = await call('POST', `/api/v1/quotes/${sent.id}/convert`, csr,
                               { version: converted.version, acknowledged: moved.body.fingerprint });
      assert.equal(twice.status, 422);
      assert.equal(twice.body.code, 'quote.converted');
      const revise = await call('POST', `/api/v1/quotes/${sent.id}/revise`, csr, { version: converted.version });
      assert.equal(revise.status, 422);
      assert.equal(revise.body.code, 'quote.converted');
    } finally {
      await setMeterPrice(12000);
    }
  });

  test('an unchanged quote converts at once; a draft does not', async () => {
    const draft = await newQuote();
    const refused = await call('POST', `/api/v1/quotes/${draft.id}/convert`, csr, { version: draft.version });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'quote.not_convertible');
    const sent = await sentQuote();
    const preview = expectStatus(await call('GET', `/api/v1/quotes/${sent.id}/conversion`, csr), 200, 'preview');
    assert.deepEqual(preview, { fingerprint: '', changes: [] });
    const order = expectStatus(await call('POST', `/api/v1/quotes/${sent.id}/convert`, csr, { version: sent.version }), 201, 'convert');
    assert.equal(order.lines.length, 2);
  });

  test('the quote page reads a quantity and a discount as the user’s language writes them, as the API does', async () => {
    for (const [login, quantity, discount, required] of [
      ['csr', '1,000.5', '1,234.50', 'This field is required.'],
      ['conseiller', '1\u202f000,5', '1\u202f234,50', 'Ce champ est obligatoire.'],
    ]) {
      const quote = await newQuote();
      const client = await loggedInClient(server, login);
      const { csrf } = await pageWithCsrf(client, `/quotes/${quote.id}`);
      const added = await client.postForm(`/quotes/${quote.id}/lines`, {
        _csrf: csrf, version: String(quote.version), product: meter.code, quantity, discount,
      });
      assert.equal(added.status, 303, `${login}: ${added.text.slice(0, 300)}`);
      const read = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote');
      assert.deepEqual(read.lines.map((l) => [l.quantity, l.discount]), [['1000.5', 123450]], login);
      // The API reads the same text the same way.
      const byApi = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/lines`, csr, {
        version: read.version, product_code: meter.code, quantity: '1,000.5', discount: 123450,
      }), 201, 'API line');
      assert.equal(byApi.lines[1].quantity, '1000.5');
      // An empty quantity: required, said beside the field; nothing added.
      const empty = await client.postForm(`/quotes/${quote.id}/lines`, {
        _csrf: csrf, version: String(byApi.version), product: meter.code, quantity: '', discount: '',
      });
      assert.equal(empty.status, 422, login);
      const addForm = empty.text.slice(empty.text.indexOf('<input id="quantity"'));
      assert.equal(errorBeside(addForm, 'quantity', login), required);
      assert.equal(expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote').lines.length, 2);
    }
  });

  test('the quote validity and letterhead are installation settings, checked', async () => {
    const before = expectStatus(await call('GET', '/api/v1/settings', admin), 200, 'settings');
    assert.equal(before.quote_validity_days, 30);
    const bad = await call('PUT', '/api/v1/settings', admin, {
      version: before.version, quote_validity_days: 0, letterhead_email: 'not an address',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad).sort(), ['letterhead_email:field.email_invalid', 'quote_validity_days:settings.quote_validity_invalid']);
    const saved = expectStatus(await call('PUT', '/api/v1/settings', admin, {
      version: before.version, quote_validity_days: 10, letterhead_address: 'Rapport SA\n1 rue de la Paix\n75002 Paris',
      letterhead_phone: '+33 1 23 45 67 89', letterhead_email: 'devis@rapport.example', letterhead_vat_number: 'FR12345678901',
    }), 200, 'settings');
    assert.equal(saved.letterhead_address, 'Rapport SA\n1 rue de la Paix\n75002 Paris');
    const quote = await newQuote();
    assert.ok([day(10), day(11), day(9)].includes(quote.valid_until), quote.valid_until);
    expectStatus(await call('PUT', '/api/v1/settings', admin, { version: saved.version, quote_validity_days: 30 }), 200, 'back');
  });
});
