// The customer's own things on the portal over HTTP (quotes-orders-
// assets.md, "Customer portal"), against the real binary on SQLite and
// PostgreSQL and the real local SMTP sink: two customers signed in through
// their invitation (tests/support/portal.mjs); each sees their order with
// its lines and totals and their asset, and gets 404 for the other's — on
// the pages and the API, exactly like an unknown id; staff get 403 on these
// routes; the messages page lists what was written to the customer; My
// details corrects the phone, e-mail and address (errors beside the
// fields, the CSR sees it on the 360° view as a web interaction); "Forgot
// your password?" always answers the same and mails a one-time link.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client, DB_KIND, apiCall, createToken, errorBeside, loggedInClient, login, pageWithCsrf,
  startServer, startSink, textOf,
} from '../support/harness.mjs';
import { mailsTo, portalFixture } from '../support/portal.mjs';

const tag = () => crypto.randomBytes(3).toString('hex');
const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe(`customer portal: orders, assets, messages, details, password reset (${DB_KIND})`, () => {
  let folder, sink, server, portal, alice, bob, staff, csrToken;
  let order, asset;

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text?.slice(0, 400)}`);
    return res.body;
  }

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-portal-account-'));
    sink = await startSink(folder);
    server = await startServer();
    portal = await portalFixture(server, folder, sink.port);
    csrToken = portal.csrToken;
    alice = await portal.customer({ language: 'fr' });
    bob = await portal.customer({ language: 'en' });
    staff = await loggedInClient(server, 'csr');

    // Alice's order, fulfilled: an asset.
    const manager = (await createToken(server, 'manager', `pa-${tag()}`)).token;
    const fulfilment = (await createToken(server, 'fulfilment', `pa-${tag()}`)).token;
    const t = tag();
    const list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `PA-${t}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: day(-30), is_default: true,
    }), 201, 'price list');
    const product = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `fibre-${t}`, name_en: 'Fibre 1 Gb/s', name_fr: 'Fibre 1 Gb/s', type: 'service', trackable: true,
      vat_rate: '20', orderable_from: day(-30),
    }), 201, 'product');
    const { version } = expectStatus(await call('GET', `/api/v1/price-lists/${list.id}`, manager), 200, 'list');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${product.id}`, manager,
                            { unit_price: 3990, version }), 200, 'price');
    let o = expectStatus(await call('POST', '/api/v1/sales-orders', csrToken,
                                    { customer_id: alice.customer.id, requested_delivery: day(7) }), 201, 'order');
    o = expectStatus(await call('POST', `/api/v1/sales-orders/${o.id}/lines`, csrToken,
                                { version: o.version, product_id: product.id, quantity: 1 }), 201, 'line');
    o = expectStatus(await call('POST', `/api/v1/sales-orders/${o.id}/submit`, csrToken, { version: o.version }), 200, 'submit');
    o = expectStatus(await call('POST', `/api/v1/sales-orders/${o.id}/lines/${o.lines[0].id}/complete`,
                                fulfilment, {}), 200, 'complete');
    order = o;
    asset = expectStatus(await call('GET', '/api/v1/portal/assets', alice.token), 200, 'assets').items[0];
    assert.ok(asset, 'the fulfilled line made an asset');
  });

  after(async () => {
    await server?.stop();
    sink?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('each customer sees their order and asset; the other gets 404 like an unknown id; staff 403', async () => {
    const page = await alice.client.get(`/portal/orders/${order.id}`);
    assert.equal(page.status, 200);
    const text = textOf(page.text);
    assert.match(text, new RegExp(order.number));
    assert.match(text, /Fibre 1 Gb\/s/);
    assert.match(text, /47,88\s€/, `the total including VAT, French format: ${text.slice(0, 800)}`);
    assert.match(page.text, new RegExp(`href="/portal/assets/${asset.id}"`));
    const assetPage = await alice.client.get(`/portal/assets/${asset.id}`);
    assert.equal(assetPage.status, 200);
    assert.match(textOf(assetPage.text), new RegExp(`${asset.number}.*Fibre 1 Gb/s`, 's'));
    assert.match(assetPage.text, new RegExp(`href="/portal/orders/${order.id}"`), 'the order it came with');
    assert.match(assetPage.text, /<meta name="viewport" content="width=device-width, initial-scale=1">/);

    for (const [target, unknown] of [[`/portal/orders/${order.id}`, '/portal/orders/99999999'],
                                     [`/portal/assets/${asset.id}`, '/portal/assets/99999999']]) {
      const theirs = await bob.client.get(target);
      const missing = await bob.client.get(unknown);
      assert.equal(theirs.status, 404, `${target} for another customer`);
      assert.equal(missing.status, 404);
      assert.equal(textOf(theirs.text), textOf(missing.text), 'the same page as an unknown id');
      assert.equal((await staff.get(target)).status, 403, `${target} for staff`);
    }
    const api = expectStatus(await call('GET', `/api/v1/portal/orders/${order.id}`, alice.token), 200, 'API order');
    assert.equal(api.id, order.id);
    assert.equal(api.lines.length, 1);
    const apiAsset = expectStatus(await call('GET', `/api/v1/portal/assets/${asset.id}`, alice.token), 200, 'API asset');
    assert.equal(apiAsset.origin_order_id, order.id);
    for (const [target, unknown] of [[`/api/v1/portal/orders/${order.id}`, '/api/v1/portal/orders/99999999'],
                                     [`/api/v1/portal/assets/${asset.id}`, '/api/v1/portal/assets/99999999']]) {
      const theirs = await call('GET', target, bob.token);
      const missing = await call('GET', unknown, bob.token);
      assert.equal(theirs.status, 404);
      assert.deepEqual(theirs.body, missing.body, 'the same problem as an unknown id');
      assert.equal((await call('GET', target, csrToken)).status, 403, `${target} for staff`);
    }
    assert.deepEqual(expectStatus(await call('GET', '/api/v1/portal/assets', bob.token), 200, 'B assets').items, []);
    for (const target of ['/portal/orders', '/portal/assets', '/portal/messages', '/portal/details'])
      assert.equal((await staff.get(target)).status, 403, `${target} for staff`);
    for (const target of ['/api/v1/portal/assets', '/api/v1/portal/messages', '/api/v1/portal/details'])
      assert.equal((await call('GET', target, csrToken)).status, 403, `${target} for staff`);
  });

  test('My details: errors beside the fields, then saved as the customer; the CSR sees a web interaction', async () => {
    const { csrf, res } = await pageWithCsrf(bob.client, '/portal/details');
    assert.equal(res.status, 200);
    const version = /name="version" value="(\d+)"/.exec(res.text)[1];
    const bad = await bob.client.postForm('/portal/details', {
      _csrf: csrf, version, phone: '12', email: 'not an address', line1: '5 rue Neuve', line2: '',
      postal_code: '69001', city: '', region: '', country: 'FR',
    });
    assert.equal(bad.status, 422);
    errorBeside(bad.text, 'email', 'the e-mail error');
    errorBeside(bad.text, 'city', 'the city error');
    const saved = await bob.client.postForm('/portal/details', {
      _csrf: csrf, version, phone: '+33 6 11 22 33 44', email: 'bob.new@example.org', line1: '5 rue Neuve',
      line2: '', postal_code: '69001', city: 'Lyon', region: '', country: 'FR',
    });
    assert.equal(saved.status, 303, textOf(saved.text ?? '').slice(0, 300));
    const shown = await bob.client.get(saved.location);
    assert.match(textOf(shown.text), /Your details were saved/);
    assert.match(shown.text, /value="bob.new@example.org"/);
    // The API reads the same, and PUT answers what GET then reads.
    const got = expectStatus(await call('GET', '/api/v1/portal/details', bob.token), 200, 'GET details');
    assert.equal(got.email, 'bob.new@example.org');
    assert.equal(got.phone, '+33611223344');
    const put = expectStatus(await call('PUT', '/api/v1/portal/details', bob.token, {
      version: got.version, phone: got.phone, email: got.email,
      address: { ...got.address, line2: 'Bâtiment C' },
    }), 200, 'PUT details');
    assert.deepEqual(put, expectStatus(await call('GET', '/api/v1/portal/details', bob.token), 200, 'GET again'));
    // Field errors are named as the body nests them.
    const refused = await call('PUT', '/api/v1/portal/details', bob.token, {
      version: put.version, phone: put.phone, email: 'not an address', address: { ...put.address, city: '' },
    });
    assert.equal(refused.status, 422, refused.text);
    const fields = refused.body.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['address.city', 'email']);
    const stale = await call('PUT', '/api/v1/portal/details', bob.token, {
      version: got.version, phone: got.phone, email: 'x@example.org', address: got.address,
    });
    assert.equal(stale.status, 409);

    // The 360° view: the change by the customer, on the web.
    const view = await staff.get(`/customers/${bob.customer.id}`);
    assert.match(textOf(view.text), /Details corrected by the customer on the portal/);
    const api = expectStatus(await call('GET', `/api/v1/customers/${bob.customer.id}`, csrToken), 200, '360');
    const web = api.interactions.find((i) => i.channel === 'web');
    assert.ok(web, 'a web interaction');
    assert.match(web.user_name, /^Claire Client /, 'made by the customer user');
    // Messages: the web interaction is addressed to the customer's record.
    const messages = expectStatus(await call('GET', '/api/v1/portal/messages?limit=1', bob.token), 200, 'messages');
    assert.equal(messages.items.length, 1);
    assert.equal(messages.items[0].channel, 'web');
    const page = await bob.client.get('/portal/messages');
    assert.match(textOf(page.text), /Details corrected by the customer on the portal/);
    assert.equal((await alice.client.get('/portal/messages')).text.includes('Details corrected'), false);
  });

  test('messages: a cursor that is not one is a 422 on the API and, on the page, the newest messages with a note that the link is out of date', async () => {
    const cursor = (text) => Buffer.from(text).toString('base64url');
    const future = cursor(`1\n${new Date(Date.now() + 86_400_000).toISOString().slice(0, 19)}Z\n999999999`);
    const bad = ['not-a-cursor', cursor('1\nyesterday\n5'), cursor('1\n2026-01-01T00:00:00Z\n0'), cursor('2\n2026-01-01T00:00:00Z\n5')];
    const newest = await alice.client.get('/portal/messages');
    assert.equal(newest.status, 200);
    assert.doesNotMatch(newest.text, /data-testid="messages-stale-link"/);
    for (const c of bad) {
      const api = await call('GET', `/api/v1/portal/messages?cursor=${c}`, alice.token);
      assert.equal(api.status, 422, `${c}: ${api.text}`);
      assert.equal(api.body.code, 'page.cursor_invalid');
      assert.equal(api.body.detail, 'Ce curseur de page n’est pas valide.');
      const page = await alice.client.get(`/portal/messages?cursor=${c}`);
      assert.equal(page.status, 200);
      assert.match(textOf(page.text), /Ce lien vers des messages plus anciens n’est plus valable\s: voici les plus récents\./);
      assert.equal(textOf(page.text).replace(/\s*Ce lien vers[^.]*\.\s*/, ' ').trim(), textOf(newest.text).trim(),
                   'otherwise the first page');
      const english = await bob.client.get(`/portal/messages?cursor=${c}`);
      assert.match(textOf(english.text), /This link to older messages is out of date: here are the newest ones\./);
    }
    // A cursor of the right shape reads on both faces, without the note.
    const api = await call('GET', `/api/v1/portal/messages?cursor=${future}`, alice.token);
    assert.equal(api.status, 200, api.text);
    const page = await alice.client.get(`/portal/messages?cursor=${future}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /data-testid="messages-stale-link"/);
    assert.match(page.text, /href="\/portal\/messages"/, 'a link back to the newest');
  });

  test('About you: the invited contact corrects their own name, phone and e-mail; audited and on the 360° view', async () => {
    const { csrf, res } = await pageWithCsrf(alice.client, '/portal/details');
    assert.equal(res.status, 200);
    const version = /name="contact_version" value="(\d+)"/.exec(res.text)[1];
    const bad = await alice.client.postForm('/portal/details/contact', {
      _csrf: csrf, contact_version: version, contact_given_name: 'Claire', contact_family_name: '',
      contact_phone: '', contact_email: alice.email,
    });
    assert.equal(bad.status, 422);
    errorBeside(bad.text, 'contact_family_name', 'the family name error');
    const saved = await alice.client.postForm('/portal/details/contact', {
      _csrf: csrf, contact_version: version, contact_given_name: 'Claire-Marie', contact_family_name: 'Client-Dupont',
      contact_phone: '06 12 34 56 78', contact_email: alice.email,
    });
    assert.equal(saved.status, 303, textOf(saved.text ?? '').slice(0, 300));
    const shown = await alice.client.get(saved.location);
    assert.match(textOf(shown.text), /Votre nom et vos coordonnées ont été enregistrés/);
    assert.match(shown.text, /value="Client-Dupont"/);
    // The API reads the same; PUT answers what GET then reads; a stale version is refused.
    const got = expectStatus(await call('GET', '/api/v1/portal/details/contact', alice.token), 200, 'GET contact');
    assert.equal(got.family_name, 'Client-Dupont');
    assert.equal(got.phone, '+33612345678');
    const put = expectStatus(await call('PUT', '/api/v1/portal/details/contact', alice.token, {
      version: got.version, given_name: 'Claire', family_name: 'Client-Dupont', phone: '', email: alice.email,
    }), 200, 'PUT contact');
    assert.deepEqual(put, expectStatus(await call('GET', '/api/v1/portal/details/contact', alice.token), 200, 'GET again'));
    assert.equal(put.phone, '');
    const refused = await call('PUT', '/api/v1/portal/details/contact', alice.token, {
      version: put.version, given_name: 'Claire', family_name: 'Client', phone: '', email: 'nope',
    });
    assert.equal(refused.status, 422, refused.text);
    assert.deepEqual(refused.body.errors.map((e) => e.field), ['email']);
    assert.equal((await call('PUT', '/api/v1/portal/details/contact', alice.token, {
      version: got.version, given_name: 'X', family_name: 'Y', phone: '', email: '',
    })).status, 409);
    // The CSR sees it on the 360° view, by the customer on the web, and the contact's row.
    const view = textOf((await staff.get(`/customers/${alice.customer.id}`)).text);
    assert.match(view, /Corrected their name and contact details/);
    assert.match(view, /Claire Client-Dupont/);
    const api = expectStatus(await call('GET', `/api/v1/customers/${alice.customer.id}`, csrToken), 200, '360');
    const web = api.interactions.find((i) => i.channel === 'web' && i.outcome === 'contact_corrected');
    assert.ok(web, 'a web interaction');
    // The CSR corrects the same contact through the same use case, from its row.
    const page = await pageWithCsrf(staff, `/customers/${alice.customer.id}`);
    const row = new RegExp(`action="/customers/${alice.customer.id}/contacts/(\\d+)"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]*">\\s*<input type="hidden" name="version" value="(\\d+)"`).exec(page.res.text);
    assert.ok(row, 'the contact row has its correction form');
    const byCsr = await staff.postForm(`/customers/${alice.customer.id}/contacts/${row[1]}`, {
      _csrf: page.csrf, version: row[2], contact_given_name: 'Claire', contact_family_name: 'Client-Martin',
      contact_role: 'Gérante', contact_phone: '', contact_email: alice.email,
    });
    assert.equal(byCsr.status, 303, textOf(byCsr.text ?? '').slice(0, 300));
    const stale = await staff.postForm(`/customers/${alice.customer.id}/contacts/${row[1]}`, {
      _csrf: page.csrf, version: row[2], contact_given_name: 'Claire', contact_family_name: 'Again',
      contact_role: '', contact_phone: '', contact_email: alice.email,
    });
    assert.equal(stale.status, 409);
    assert.equal(expectStatus(await call('GET', '/api/v1/portal/details/contact', alice.token), 200, 'GET').family_name,
                 'Client-Martin');
    // Another customer's contact is not the portal user's to correct.
    const other = await bob.client.get('/portal/details');
    assert.doesNotMatch(other.text, /Client-Martin/);
  });

  test('Forgot your password: the same answer for any address, a one-time link that signs in', async () => {
    const loginPage = await new Client(server).get('/login');
    assert.match(loginPage.text, /href="\/portal\/password-reset"/);
    const visitor = new Client(server);
    assert.equal((await visitor.get('/portal/password-reset')).status, 200);
    const unknown = await visitor.postForm('/portal/password-reset', { email: `nobody.${tag()}@example.org` });
    const known = await visitor.postForm('/portal/password-reset', { email: alice.email });
    assert.equal(unknown.status, 200);
    assert.equal(known.status, 200);
    assert.equal(textOf(unknown.text), textOf(known.text), 'no account enumeration');
    const mail = mailsTo(folder, alice.email).at(-1);
    assert.match(mail.subject, /Votre nouveau mot de passe/);
    const token = /\/portal\/password-reset\/(\S+)/.exec(mail.text)[1];
    const form = await new Client(server).get(`/portal/password-reset/${token}`);
    assert.equal(form.status, 200);
    const browser = new Client(server);
    const set = await browser.postForm(`/portal/password-reset/${token}`, {
      password: 'nouveau-secret-2026', password_again: 'nouveau-secret-2026',
    });
    assert.equal(set.status, 303, textOf(set.text ?? '').slice(0, 300));
    assert.equal(set.location, '/portal');
    assert.equal((await browser.get('/portal')).status, 200, 'signed in on the portal');
    const again = await new Client(server).get(`/portal/password-reset/${token}`);
    assert.equal(again.status, 404, 'the link works once');
    assert.equal((await login(new Client(server), alice.login, 'nouveau-secret-2026')).status, 303);
  });
});
