// The customer's cart and quotes in the portal over HTTP (quotes-orders-
// assets.md, "Customer portal"), against the real binary on SQLite and
// PostgreSQL, with portal customers invited through the real mail (the
// loopback SMTP sink): catalog at the customer's prices → cart (a product
// not orderable and a bad quantity refused beside the field, nothing
// changed) → save as quote → PDF (read back with pdftotext) → accept with
// the typed name → the price changes → convert, the change report shown and
// acknowledged → submit. The staff quote page shows the acceptance, the 360°
// view the customer's web steps; another customer gets 404 on every route
// of that quote, pages and API alike, exactly as for an unknown id.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createToken, errorBeside, loggedInClient, runCommand, startServer, startSink,
  textOf,
} from '../support/harness.mjs';
import { portalFixture } from '../support/portal.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const csrfIn = (html) => {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'the portal form carries its CSRF token');
  return m[1];
};

describe(`portal cart and quotes (${DB_KIND})`, () => {
  let folder, pdfFolder, sink, server, portal, manager, staff, list, fibre, oldBox;

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text?.slice(0, 400)}`);
    return res.body;
  }
  async function setPrice(product, unit_price) {
    const { version } = expectStatus(await call('GET', `/api/v1/price-lists/${list.id}`, manager), 200, 'list');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${product.id}`, manager,
                            { unit_price, version }), 200, 'price');
  }
  // The bytes of a PDF read through `headers` (a session cookie or a token).
  async function pdfText(target, headers) {
    const res = await fetch(server.url + target, { headers });
    assert.equal(res.status, 200, `${target}: ${res.status}`);
    assert.match(res.headers.get('content-type'), /^application\/pdf/);
    const file = path.join(pdfFolder, `${tag()}.pdf`);
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const out = await runCommand('pdftotext', ['-layout', file, '-']);
    assert.equal(out.code, 0, out.stderr);
    return out.stdout;
  }

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-portal-cart-'));
    pdfFolder = await mkdtemp(path.join(os.tmpdir(), 'rapport-portal-pdf-'));
    sink = await startSink(folder);
    server = await startServer();
    portal = await portalFixture(server, folder, sink.port);
    manager = (await createToken(server, 'manager', 'portal-cart')).token;
    const t = tag();
    fibre = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `WFIBRE-${t}`, name_en: 'Fibre 1 Gb/s', name_fr: 'Fibre 1 Gbit/s', type: 'service', unit: 'month',
      trackable: true, vat_rate: '20', orderable_from: day(-30), features: [{ name: 'Speed', value: '1 Gb/s' }],
    }), 201, 'fibre');
    oldBox = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `WOLD-${t}`, name_en: 'Old box', name_fr: 'Ancienne box', type: 'goods', trackable: false,
      vat_rate: '20', orderable_from: day(-60), orderable_to: day(-10),
    }), 201, 'old box');
    list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `WSTD-${t}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: day(-60),
      is_default: true,
    }), 201, 'price list');
    await setPrice(fibre, 3990);
    await setPrice(oldBox, 1000);
    staff = await loggedInClient(server, 'csr');
  });

  after(async () => {
    await server?.stop();
    sink?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
    if (pdfFolder) await rm(pdfFolder, { recursive: true, force: true });
  });

  test('cart → quote → PDF → accept → convert with the change report → submit, seen by the CSR', async () => {
    const alice = await portal.customer({ language: 'en' });
    const web = alice.client;
    // The catalog at the customer's prices; the old box is not offered.
    const catalog = await web.get(`/portal/catalog?q=${encodeURIComponent('fibre')}`);
    assert.equal(catalog.status, 200);
    assert.match(textOf(catalog.text), new RegExp(`Fibre 1 Gb/s ${fibre.code} · €39.90`));
    assert.doesNotMatch((await web.get('/portal/catalog')).text, new RegExp(oldBox.code));
    const product = await web.get(`/portal/catalog/${fibre.id}`);
    assert.equal(product.status, 200);
    assert.match(textOf(product.text), /Speed\s*1 Gb\/s/);
    const csrf = csrfIn(product.text);

    // A bad quantity and a product not orderable: refused beside the field, no cart.
    const zero = await web.postForm('/portal/cart/lines', { _csrf: csrf, product: fibre.id, quantity: '0' });
    assert.equal(zero.status, 422);
    assert.match(errorBeside(zero.text, 'quantity', 'quantity 0'), /more than zero/);
    const huge = await web.postForm('/portal/cart/lines', { _csrf: csrf, product: fibre.id, quantity: '99999999999' });
    assert.equal(huge.status, 422);
    errorBeside(huge.text, 'quantity', 'quantity over the limit');
    // An empty or unreadable quantity: the same errors on the page and in the API (app/ reads both).
    const empty = await web.postForm('/portal/cart/lines', { _csrf: csrf, product: fibre.id, quantity: '' });
    assert.equal(empty.status, 422);
    assert.match(errorBeside(empty.text, 'quantity', 'no quantity'), /required/i);
    const emptyApi = await call('POST', '/api/v1/portal/cart/lines', alice.token, { product_id: fibre.id, quantity: '' });
    assert.equal(emptyApi.status, 422, emptyApi.text);
    assert.deepEqual(emptyApi.body.errors.map((e) => [e.field, e.code]), [['quantity', 'field.required']]);
    const words = await web.postForm('/portal/cart/lines', { _csrf: csrf, product: fibre.id, quantity: 'two' });
    assert.equal(words.status, 422);
    const wordsApi = await call('POST', '/api/v1/portal/cart/lines', alice.token, { product_id: fibre.id, quantity: 'two' });
    assert.deepEqual(wordsApi.body.errors.map((e) => [e.field, e.code]), [['quantity', 'field.quantity_invalid']]);
    assert.equal(errorBeside(words.text, 'quantity', 'unreadable quantity'), wordsApi.body.errors[0].detail);
    const old = await call('POST', '/api/v1/portal/cart/lines', alice.token, { product_id: oldBox.id, quantity: 1 });
    assert.equal(old.status, 422, old.text);
    assert.equal(old.body.code, 'sales_order.line_product_not_orderable');
    assert.equal(old.body.field, 'product');
    assert.equal(expectStatus(await call('GET', '/api/v1/portal/cart', alice.token), 200, 'cart').cart, null);

    // Added through the page and the API: one cart, totals by the quote's code.
    const added = await web.postForm('/portal/cart/lines', { _csrf: csrf, product: fibre.id, quantity: '2' });
    assert.equal(added.status, 303, textOf(added.text).slice(0, 300));
    assert.equal(added.location, '/portal/cart?done=added');
    let cart = expectStatus(await call('POST', '/api/v1/portal/cart/lines', alice.token,
                                       { product_id: fibre.id, quantity: '1' }), 201, 'add by API').cart;
    assert.equal(cart.origin, 'web');
    assert.equal(cart.status, 'draft');
    assert.deepEqual(cart.lines.map((l) => [l.product_code, l.quantity, l.unit_price]),
                     [[fibre.code, '2', 3990], [fibre.code, '1', 3990]]);
    assert.deepEqual(expectStatus(await call('GET', '/api/v1/portal/cart', alice.token), 200, 'cart').cart, cart);
    cart = expectStatus(await call('DELETE', `/api/v1/portal/cart/lines/${cart.lines[1].id}`, alice.token),
                        200, 'remove').cart;
    cart = expectStatus(await call('PUT', `/api/v1/portal/cart/lines/${cart.lines[0].id}`, alice.token,
                                   { quantity: '3' }), 200, 'change').cart;
    assert.equal(cart.totals.gross, 3 * 3990 * 1.2);
    const cartPage = await web.get('/portal/cart');
    assert.match(textOf(cartPage.text), /Total incl\. VAT\s*€143\.64|€143\.64/);
    const badChange = await web.postForm(`/portal/cart/lines/${cart.lines[0].id}`,
                                         { _csrf: csrfIn(cartPage.text), quantity: '0' });
    assert.equal(badChange.status, 422);
    assert.match(errorBeside(badChange.text, 'quantity', 'cart quantity 0'), /more than zero/);
    assert.equal(expectStatus(await call('GET', '/api/v1/portal/cart', alice.token), 200, 'cart').cart.version,
                 cart.version, 'nothing changed');

    // The CSR continues the customer's cart on the quote desk.
    const desk = await staff.get(`/quotes/${cart.id}`);
    assert.equal(desk.status, 200);
    assert.match(textOf(desk.text), /By the customer in the portal/);

    // Save as quote: sent through the web, listed, with its PDF.
    const saved = await web.postForm('/portal/cart/quote', { _csrf: csrfIn(cartPage.text) });
    assert.equal(saved.status, 303, textOf(saved.text).slice(0, 300));
    assert.equal(saved.location, `/portal/quotes/${cart.id}?done=saved`);
    let quote = expectStatus(await call('GET', `/api/v1/portal/quotes/${cart.id}`, alice.token), 200, 'quote');
    assert.equal(quote.status, 'sent');
    assert.equal(quote.sent_channel, 'web');
    const listed = expectStatus(await call('GET', '/api/v1/portal/quotes', alice.token), 200, 'quotes');
    assert.deepEqual(listed.items.map((q) => q.id), [quote.id]);
    const list = await web.get('/portal/quotes');
    assert.match(textOf(list.text), new RegExp(`${quote.number}-1`));
    const pdf = await pdfText(`/portal/quotes/${quote.id}/pdf`, { cookie: web.cookieHeader() });
    assert.match(pdf, new RegExp(`${quote.number}`));
    assert.match(pdf, /Fibre 1 Gb\/s/);
    assert.match(pdf, /143\.64/);
    assert.equal(await pdfText(`/api/v1/portal/quotes/${quote.id}/pdf`, { authorization: `Bearer ${alice.token}` }), pdf);

    // Accept: the name is required; then kept with the time and the address.
    let page = await web.get(`/portal/quotes/${quote.id}`);
    const nameless = await web.postForm(`/portal/quotes/${quote.id}/acceptance`, {
      _csrf: csrfIn(page.text), version: quote.version, accepted_by: '  ',
    });
    assert.equal(nameless.status, 422);
    assert.match(errorBeside(nameless.text, 'accepted_by', 'no name'), /Type your full name/);
    const accepted = await web.postForm(`/portal/quotes/${quote.id}/acceptance`, {
      _csrf: csrfIn(page.text), version: quote.version, accepted_by: 'Claire Client',
    });
    assert.equal(accepted.status, 303, textOf(accepted.text).slice(0, 300));
    quote = expectStatus(await call('GET', `/api/v1/portal/quotes/${quote.id}`, alice.token), 200, 'accepted');
    assert.equal(quote.status, 'accepted');
    assert.equal(quote.accepted_by, 'Claire Client');
    assert.match(quote.accepted_from, /127\.0\.0\.1|::1/);
    assert.ok(Math.abs(Date.parse(quote.decided_at) - Date.now()) < 60_000, quote.decided_at);
    const staffQuote = textOf((await staff.get(`/quotes/${quote.id}`)).text);
    assert.match(staffQuote, /Accepted by\s*Claire Client\s*from (127\.0\.0\.1|::1)/);

    // The price changes: converting shows the report, which must be acknowledged.
    await setPrice(fibre, 4490);
    page = await web.get(`/portal/quotes/${quote.id}`);
    assert.match(textOf(page.text), /Unit price: €39\.90 → €44\.90/);
    const fingerprint = /name="fingerprint" value="([^"]*)"/.exec(page.text)[1];
    assert.ok(fingerprint);
    const unticked = await web.postForm(`/portal/quotes/${quote.id}/conversion`, {
      _csrf: csrfIn(page.text), version: quote.version, fingerprint,
    });
    assert.equal(unticked.status, 422);
    errorBeside(unticked.text, 'acknowledge', 'not acknowledged');
    const preview = expectStatus(await call('GET', `/api/v1/portal/quotes/${quote.id}/conversion`, alice.token), 200, 'preview');
    assert.equal(preview.fingerprint, fingerprint);
    const refused = await call('POST', `/api/v1/portal/quotes/${quote.id}/conversion`, alice.token, { version: quote.version });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'quote.changes_to_acknowledge');
    const converted = await web.postForm(`/portal/quotes/${quote.id}/conversion`, {
      _csrf: csrfIn(page.text), version: quote.version, fingerprint, acknowledge: '1',
    });
    assert.equal(converted.status, 303, textOf(converted.text).slice(0, 300));
    page = await web.get(converted.location);
    assert.match(textOf(page.text), /Your order is made/);
    const orderId = Number(/\/portal\/orders\/(\d+)\/submission/.exec(page.text)[1]);
    const orderVersion = /name="version" value="(\d+)"[^>]*>\s*<button[^>]*submit-order/.exec(page.text)?.[1] ?? '1';
    const submitted = await web.postForm(`/portal/orders/${orderId}/submission`, {
      _csrf: csrfIn(page.text), version: orderVersion,
    });
    assert.equal(submitted.status, 303, textOf(submitted.text).slice(0, 300));
    page = await web.get(submitted.location);
    assert.match(textOf(page.text), /Your order is submitted/);
    assert.match(page.text, /data-testid="portal-order-status">Open</);

    // The CSR sees the customer's web steps on the 360° view.
    const view = textOf((await staff.get(`/customers/${alice.customer.id}`)).text);
    for (const step of ['Saved the cart as a quote', 'Accepted the quote', 'Submitted the order'])
      assert.match(view, new RegExp(`Web \\(portal\\)[^]*${step}`), `the 360° view shows: ${step}`);
  });

  test('a product’s brochure opens from its page; pages refused keep the portal’s layout', async () => {
    const bob = await portal.customer({ language: 'fr' });
    const upload = (product, text, file_name) => apiCall(server, 'POST', `/api/v1/literature?${new URLSearchParams({
      product: product.id, title_en: 'Fibre leaflet', title_fr: 'Dépliant fibre', language: 'fr', file_name,
    })}`, { token: manager, body: Buffer.from(text), headers: { 'content-type': 'text/plain' } });
    const leaflet = await upload(fibre, 'La fibre, en bref.\n', 'depliant.txt');
    assert.equal(leaflet.status, 201, leaflet.text);
    const oldLeaflet = await upload(oldBox, 'Ancienne box.\n', 'box.txt');
    assert.equal(oldLeaflet.status, 201, oldLeaflet.text);
    const page = await bob.client.get(`/portal/catalog/${fibre.id}`);
    const href = `/portal/catalog/${fibre.id}/literature/${leaflet.body.id}`;
    assert.match(page.text, new RegExp(`href="${href}"`));
    assert.match(textOf(page.text), /Dépliant fibre/);
    const file = await bob.client.get(href);
    assert.equal(file.status, 200);
    assert.equal(file.text, 'La fibre, en bref.\n');
    // A product not orderable any more, or another product's document: 404, in the portal's layout.
    for (const target of [`/portal/catalog/${oldBox.id}/literature/${oldLeaflet.body.id}`,
                          `/portal/catalog/${fibre.id}/literature/${oldLeaflet.body.id}`,
                          '/portal/orders/999999999']) {
      const refused = await bob.client.get(target);
      assert.equal(refused.status, 404, target);
      assert.match(refused.text, /<body class="portal"/, `${target}: the portal's layout`);
      assert.match(refused.text, /href="\/portal"/);
    }
    // A staff page refused to the customer: 403 in the portal's layout, with their menu.
    const staffPage = await bob.client.get('/customers');
    assert.equal(staffPage.status, 403);
    assert.match(staffPage.text, /<body class="portal"/);
    assert.match(staffPage.text, /data-testid="portal-who"/);
  });

  test('another customer gets 404 on every route of the quote, like an unknown id', async () => {
    const alice = await portal.customer({ language: 'fr' });
    const bob = await portal.customer({ language: 'en' });
    expectStatus(await call('POST', '/api/v1/portal/cart/lines', alice.token, { product_id: fibre.id, quantity: 1 }),
                 201, 'alice adds');
    const quote = expectStatus(await call('POST', '/api/v1/portal/cart/quote', alice.token), 201, 'alice saves');
    const order = expectStatus(await call('POST', `/api/v1/portal/quotes/${quote.id}/conversion`, alice.token,
                                          { version: quote.version }), 201, 'alice converts');
    const unknownQuote = quote.id + 100000;
    const unknownOrder = order.id + 100000;
    const routes = (q, o) => [
      ['GET', `/api/v1/portal/quotes/${q}`], ['GET', `/api/v1/portal/quotes/${q}/pdf`],
      ['POST', `/api/v1/portal/quotes/${q}/acceptance`, { version: 1, accepted_by: 'Bob' }],
      ['GET', `/api/v1/portal/quotes/${q}/conversion`],
      ['POST', `/api/v1/portal/quotes/${q}/conversion`, { version: 1 }],
      ['POST', `/api/v1/portal/orders/${o}/submission`, { version: 1 }],
    ];
    const theirs = routes(quote.id, order.id);
    const none = routes(unknownQuote, unknownOrder);
    for (let i = 0; i < theirs.length; ++i) {
      const [method, target, body] = theirs[i];
      const a = await call(method, target, bob.token, body);
      const b = await call(method, none[i][1], bob.token, body);
      assert.equal(a.status, 404, `${method} ${target} for bob: ${a.text}`);
      assert.deepEqual({ ...a.body, instance: undefined }, { ...b.body, instance: undefined },
                       `${method} ${target}: the same answer as an unknown id`);
    }
    const bobWeb = bob.client;
    const csrf = csrfIn((await bobWeb.get('/portal/catalog')).text);
    const pages = (q, o) => [
      ['GET', `/portal/quotes/${q}`], ['GET', `/portal/quotes/${q}/pdf`],
      ['POST', `/portal/quotes/${q}/acceptance`, { version: 1, accepted_by: 'Bob' }],
      ['POST', `/portal/quotes/${q}/conversion`, { version: 1 }],
      ['POST', `/portal/orders/${o}/submission`, { version: 1 }],
    ];
    const theirPages = pages(quote.id, order.id);
    const nonePages = pages(unknownQuote, unknownOrder);
    for (let i = 0; i < theirPages.length; ++i) {
      const [method, target, form] = theirPages[i];
      const send = (t) => (method === 'GET' ? bobWeb.get(t) : bobWeb.postForm(t, { _csrf: csrf, ...form }));
      const a = await send(target);
      const b = await send(nonePages[i][1]);
      assert.equal(a.status, 404, `${method} ${target} for bob`);
      assert.equal(textOf(a.text), textOf(b.text), `${method} ${target}: the same page as an unknown id`);
    }
    // Nothing of Alice's changed; Bob's lists are empty; staff get 403 on the portal API.
    const still = expectStatus(await call('GET', `/api/v1/portal/quotes/${quote.id}`, alice.token), 200, 'alice');
    assert.equal(still.status, 'sent');
    assert.deepEqual(expectStatus(await call('GET', '/api/v1/portal/quotes', bob.token), 200, 'bob').items, []);
    assert.equal((await call('GET', '/api/v1/portal/cart', portal.csrToken)).status, 403);
    assert.equal((await staff.get('/portal/cart')).status, 403);
  });
});
