// Events and webhooks against the real binary (README, "Webhooks"): an
// admin registers endpoints through the API (bad ones refused with nothing
// stored); a sales order is submitted and fulfilled; a real HTTP receiver
// on 127.0.0.1 gets every event signed with the endpoint's secret, a
// record's events in order, and after answering 500 gets the same event
// again (at least once); a receiver that never recovers makes a failed
// delivery, which an admin retries. Every answer is checked against
// api/openapi.json by apiCall(); every wait is bounded.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, apiCall, createCustomer, createToken, sleep, startServer } from '../support/harness.mjs';

const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const ALL_EVENTS = ['sales_order.submitted', 'sales_order.line_fulfilled', 'sales_order.line_failed',
                    'sales_order.completed', 'asset.created', 'asset.changed', 'service_order.completed'];

// A receiver on loopback: records every request; `answer(n)` gives the
// status of the n-th (0-based).
async function startReceiver(answer) {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const status = answer(received.length);
      received.push({ method: req.method, path: req.url, headers: req.headers,
                      body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Polls `check` until it returns something truthy, at most `ms`.
async function waitFor(what, check, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) assert.fail(`waited ${ms} ms for ${what}`);
    await sleep(100);
  }
}

function verify(secret, request) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(request.headers['rapport-signature'] ?? '');
  assert.ok(m, `a signature header: ${request.headers['rapport-signature']}`);
  const expected = crypto.createHmac('sha256', secret).update(`${m[1]}.${request.body}`).digest('hex');
  assert.equal(m[2], expected, 'the HMAC-SHA256 of "<t>.<body>" with the secret');
  assert.ok(Math.abs(Date.now() / 1000 - Number(m[1])) < 120, 'a current timestamp');
}

describe(`webhooks (${DB_KIND})`, () => {
  let server;
  let admin;
  let manager;
  let csr;
  let fulfilment;
  let flaky;  // answers 500 to its first request, then 200
  let down;   // answers 500 until told otherwise
  let downRecovered = false;

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  const fieldsOf = (res) => (res.body.errors ?? [{ field: res.body.field, code: res.body.code }])
    .map((e) => `${e.field}:${e.code}`);

  before(async () => {
    server = await startServer({ env: {
      RAPPORT_WEBHOOK_POLL_MS: '100', RAPPORT_WEBHOOK_RETRY_SECONDS: '1', RAPPORT_WEBHOOK_ATTEMPTS: '3',
    } });
    admin = (await createToken(server, 'admin', 'hooks')).token;
    manager = (await createToken(server, 'manager', 'hooks')).token;
    csr = (await createToken(server, 'csr', 'hooks')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'hooks')).token;
    flaky = await startReceiver((n) => (n === 0 ? 500 : 200));
    down = await startReceiver(() => (downRecovered ? 204 : 500));
  });
  after(async () => {
    await flaky?.close();
    await down?.close();
    await server?.stop();
  });

  // A submitted order of a trackable meter and a visit, for `customer`.
  async function submittedOrder() {
    const t = tag();
    const product = async (body) => expectStatus(await call('POST', '/api/v1/products', manager, {
      name_en: body.code, name_fr: body.code, vat_rate: '20', orderable_from: day(-30), ...body,
    }), 201, 'product');
    const meter = await product({ code: `HM-${t}`, type: 'goods', trackable: true });
    const visit = await product({ code: `HV-${t}`, type: 'service', unit: 'hour', trackable: false });
    const list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `HOOK-${t}`, name_en: 'Hooks', name_fr: 'Hooks', currency: 'EUR', valid_from: day(-30), is_default: true,
    }), 201, 'price list');
    let version = list.version;
    for (const p of [meter, visit])
      ({ price_list_version: version } = expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${p.id}`, manager,
                                                                 { unit_price: 9900, version }), 200, 'price'));
    const customer = (await createCustomer(server, csr, {
      kind: 'person', family_name: `Hook${t}`, given_name: 'Léa', language: 'fr',
      address: { line1: '8 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
    let order = expectStatus(await call('POST', '/api/v1/sales-orders', csr,
                                        { customer_id: customer.id, requested_delivery: day(7) }), 201, 'order');
    for (const p of [meter, visit])
      order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                      { version: order.version, product_id: p.id, quantity: 1 }), 201, 'line');
    return expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
  }

  test('only admins register endpoints; bad ones are refused with nothing stored', async () => {
    assert.equal((await call('GET', '/api/v1/webhooks', manager)).status, 403);
    assert.equal((await call('POST', '/api/v1/webhooks', manager, { url: flaky.url, events: ALL_EVENTS })).status, 403);
    const bad = await call('POST', '/api/v1/webhooks', admin, {
      url: 'ftp://example.com/in', description: 'd'.repeat(201), events: ['sales_order.submitted', 'order.exploded'], secret: 'short',
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad).sort(), ['description:field.too_long', 'events:webhook.event_unknown',
                                            'secret:webhook.secret_length', 'url:webhook.url_invalid']);
    assert.ok(bad.body.errors.every((e) => e.detail && !e.detail.includes('webhook.')), `translated messages: ${bad.text}`);
    const listed = expectStatus(await call('GET', '/api/v1/webhooks', admin), 200, 'list');
    assert.deepEqual(listed.items, [], 'nothing was stored');
  });

  test('events reach the receiver signed, in order, and again after a 500', async () => {
    const secret = `whsec_${crypto.randomBytes(24).toString('hex')}`;
    const created = expectStatus(await call('POST', '/api/v1/webhooks', admin, {
      url: flaky.url, description: 'Billing', events: ALL_EVENTS, secret,
    }), 201, 'register');
    assert.equal(created.secret, secret);
    const generated = expectStatus(await call('POST', '/api/v1/webhooks', admin, {
      url: down.url, events: ['sales_order.submitted'],
    }), 201, 'register with a generated secret');
    assert.match(generated.secret, /^whsec_[A-Za-z0-9_-]{40,}$/);
    const read = expectStatus(await call('GET', `/api/v1/webhooks/${generated.endpoint.id}`, admin), 200, 'GET');
    assert.equal(read.secret, undefined, 'the secret is never read back');
    assert.deepEqual(read, generated.endpoint);

    const order = await submittedOrder();
    const complete = (line) => call('POST', `/api/v1/sales-orders/${order.id}/lines/${line.id}/complete`, fulfilment, {});
    expectStatus(await complete(order.lines[0]), 200, 'complete meter');
    const done = expectStatus(await complete(order.lines[1]), 200, 'complete visit');
    assert.equal(done.status, 'complete');

    const ofOrder = (r) => JSON.parse(r.body).record.kind === 'sales_order' && JSON.parse(r.body).record.id === order.id;
    const delivered = await waitFor('the four order events delivered', () => {
      const ok = flaky.received.filter((r) => r.status === 200 && ofOrder(r));
      return ok.length >= 4 && ok;
    });
    // The first post was answered 500 and came again, with the same id and
    // body (events of other records may come in between).
    const [first, ...rest] = flaky.received;
    assert.equal(first.status, 500);
    const second = rest.find((r) => r.headers['rapport-event-id'] === first.headers['rapport-event-id']);
    assert.ok(second, 'the event answered 500 came again');
    assert.equal(second.status, 200);
    assert.equal(second.body, first.body);
    for (const r of flaky.received) {
      assert.equal(r.method, 'POST');
      assert.equal(r.headers['content-type'], 'application/json');
      verify(secret, r);
      const body = JSON.parse(r.body);
      assert.equal(String(body.id), r.headers['rapport-event-id']);
      assert.equal(body.type, r.headers['rapport-event-type']);
    }
    // In order per record: nothing of the order came before its first event succeeded.
    assert.deepEqual(delivered.map((r) => JSON.parse(r.body).type),
                     ['sales_order.submitted', 'sales_order.line_fulfilled', 'sales_order.line_fulfilled', 'sales_order.completed']);
    const ids = delivered.map((r) => JSON.parse(r.body).id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    const submitted = JSON.parse(delivered[0].body);
    assert.equal(submitted.data.number, order.number);
    assert.equal(submitted.data.status, 'open');
    assert.equal(JSON.parse(delivered[3].body).data.status, 'complete');
    const asset = await waitFor('the asset event', () => flaky.received.find((r) => JSON.parse(r.body).type === 'asset.created'));
    const assetBody = JSON.parse(asset.body);
    assert.equal(assetBody.record.kind, 'asset');
    assert.equal(assetBody.data.origin_line_id, order.lines[0].id);

    const page = expectStatus(await call('GET', `/api/v1/webhook-deliveries?endpoint_id=${created.endpoint.id}`, admin), 200, 'deliveries');
    const firstDelivery = page.items.find((d) => String(d.event_id) === first.headers['rapport-event-id']);
    assert.equal(firstDelivery.status, 'delivered');
    assert.equal(firstDelivery.attempts, 2);
    assert.equal(firstDelivery.last_status, 200);
  });

  test('a receiver that never answers 2xx makes a failed delivery that an admin retries', async () => {
    const failed = await waitFor('the delivery to fail after 3 attempts', async () => {
      const page = expectStatus(await call('GET', '/api/v1/webhook-deliveries?status=failed', admin), 200, 'failed');
      return page.items.find((d) => d.endpoint_url === down.url);
    });
    assert.equal(failed.attempts, 3);
    assert.equal(failed.last_status, 500);
    assert.equal(failed.last_error, 'HTTP 500');
    assert.equal(failed.next_attempt_at, null);
    assert.equal(down.received.length, 3);
    await sleep(1500);
    assert.equal(down.received.length, 3, 'a failed delivery is not tried again by itself');
    const list = expectStatus(await call('GET', '/api/v1/webhooks', admin), 200, 'list');
    assert.equal(list.items.find((e) => e.url === down.url).deliveries.failed, 1);

    assert.equal((await call('POST', `/api/v1/webhook-deliveries/${failed.id}/retry`, manager, {})).status, 403);
    downRecovered = true;
    const retried = expectStatus(await call('POST', `/api/v1/webhook-deliveries/${failed.id}/retry`, admin, {}), 200, 'retry');
    assert.equal(retried.status, 'pending');
    const again = await call('POST', `/api/v1/webhook-deliveries/${failed.id}/retry`, admin, {});
    assert.equal(again.status, 422, 'a delivery no longer failed is not retried twice');
    assert.equal(again.body.code, 'webhook.delivery_not_failed');
    await waitFor('the retried delivery', () => down.received.some((r) => r.status === 204));
    const page = await waitFor('delivered', async () => {
      const p = expectStatus(await call('GET', `/api/v1/webhook-deliveries?status=delivered&endpoint_id=${failed.endpoint_id}`, admin), 200, 'delivered');
      return p.items.length === 1 && p;
    });
    assert.equal(page.items[0].id, failed.id);
  });

  test('the server stops promptly with the worker running', async () => {
    const r = await server.terminate(10_000);
    assert.equal(r.killed, false, 'stopped on SIGTERM');
  });
});
