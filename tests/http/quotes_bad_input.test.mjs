// Issue 15's bad input through the JSON API and the pages, against the real
// binary on SQLite and PostgreSQL, each case twice: as an English-speaking
// user and as a French-speaking one, whose refusal reads in their language
// (the problem's detail and, on the pages, the error shown). An upload over
// the limit or of a refused type; a quote with no line sent or marked sent;
// a send by e-mail or fax to a customer with neither; a quote for a
// customer billed in another currency; a change order on an inactive
// asset; a revise of a converted quote. After each refusal nothing has
// changed: no document, no quote, no revision, no sending, no order, the
// same versions. Every JSON answer is checked against api/openapi.json by
// apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createCustomer, createToken, decodeEntities, loggedInClient, pageWithCsrf, startServer,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const MiB = 1024 * 1024;
const FRENCH_PASSWORD = 'mauvaise-saisie-15';

// What each user reads, by case (po/en.po, po/fr.po).
const LANGUAGES = {
  en: {
    tooLarge: 'The file is larger than 10 MB: nothing was stored.',
    typeRefused: 'Only PDF, PNG, JPEG and plain text documents are accepted: nothing was stored.',
    noLines: 'The quote has no line: add at least one product.',
    noEmail: 'The customer has no e-mail address: add one, or send the quote by fax or letter.',
    noFax: 'The customer has no fax number: add one, or send the quote by e-mail or letter.',
    currency: 'The customer is billed in USD, but this price list is in EUR.',
    inactive: (n) => `Asset ${n} is inactive (disconnected): it can no longer be changed.`,
    converted: 'This quote has already been converted to an order: it cannot change any more.',
  },
  fr: {
    tooLarge: 'Le fichier dépasse 10 Mo : rien n’a été enregistré.',
    typeRefused: 'Seuls les documents PDF, PNG, JPEG et texte brut sont acceptés : rien n’a été enregistré.',
    noLines: 'Le devis n’a aucune ligne : ajoutez au moins un produit.',
    noEmail: 'Le client n’a pas d’adresse e-mail : ajoutez-en une, ou envoyez le devis par fax ou par courrier.',
    noFax: 'Le client n’a pas de numéro de fax : ajoutez-en un, ou envoyez le devis par e-mail ou par courrier.',
    currency: 'Le client est facturé en USD, mais cette liste de prix est en EUR.',
    inactive: (n) => `L’équipement ${n} est inactif (résilié) : il ne peut plus être modifié.`,
    converted: 'Ce devis a déjà été converti en commande : il ne peut plus changer.',
  },
};

describe(`bad input on quotes, sendings, literature and change orders (${DB_KIND})`, () => {
  let server, admin, fulfilment, product;
  // By language: the CSR's and the manager's tokens and logins.
  const users = { en: { csrLogin: 'csr' }, fr: { csrLogin: 'conseiller' } };

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  // The message as the user reads it: French puts a no-break space (thin
  // or not) before its colons, never a plain one that could wrap.
  const spaced = (t) => t.replace(/[\u00a0\u202f]/g, ' ');
  function reads(text, message, what) {
    assert.ok(spaced(text).includes(message), `${what}: «${message}» in ${text.slice(0, 2000)}`);
    const at = spaced(text).indexOf(message);
    assert.doesNotMatch(text.slice(at, at + message.length), / [:;!?]/, `${what}: a plain space before a colon`);
  }
  // A page's visible text, its no-break spaces kept (textOf collapses them).
  const pageText = (html) =>
    decodeEntities(html.replace(/<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/[ \t\r\n]+/g, ' ');
  // The refusal: its status, its code (on the problem or on a field) and
  // what it says, in the user's language.
  function refused(res, status, code, detail, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    const said = [{ code: res.body.code, detail: res.body.detail }, ...(res.body.errors ?? [])];
    const found = said.find((e) => e.code === code);
    assert.ok(found, `${what}: ${code} in ${res.text}`);
    assert.equal(spaced(found.detail), detail, what);
    reads(found.detail, detail, what);
  }
  async function customer(csr, body = {}) {
    return (await createCustomer(server, csr, {
      kind: 'person', family_name: `Saisie${tag()}`, given_name: 'Hélène', language: 'fr',
      address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true, ...body,
    })).customer;
  }
  const quotesOf = async (csr, c) =>
    expectStatus(await call('GET', `/api/v1/quotes?customer=${c.id}`, csr), 200, 'quotes').items;
  const ordersOf = async (csr, c) =>
    expectStatus(await call('GET', `/api/v1/sales-orders?customer=${c.id}`, csr), 200, 'orders').items;
  async function quoteWithLine(csr, c) {
    const q = expectStatus(await call('POST', '/api/v1/quotes', csr, { customer_id: c.id }), 201, 'quote');
    return expectStatus(await call('POST', `/api/v1/quotes/${q.id}/lines`, csr,
                                   { version: q.version, product_code: 'BOX-WIFI7', quantity: 1 }), 201, 'line');
  }

  before(async () => {
    server = await startServer();
    admin = (await createToken(server, 'admin', 'bad-input')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'bad-input')).token;
    // The demo's French CSR; a French manager made here (the demo's is English).
    const gerant = `gerant${tag().toLowerCase()}`;
    expectStatus(await call('POST', '/api/v1/users', admin, {
      login: gerant, display_name: 'Gaëlle Renaud', roles: ['manager'], language: 'fr', password: FRENCH_PASSWORD,
    }), 201, 'French manager');
    for (const [lang, managerLogin] of [['en', 'manager'], ['fr', gerant]]) {
      users[lang].csr = (await createToken(server, users[lang].csrLogin, 'bad-input')).token;
      users[lang].manager = (await createToken(server, managerLogin, 'bad-input')).token;
    }
    const found = expectStatus(await call('GET', '/api/v1/products?q=GAS-B1', users.en.csr), 200, 'products');
    product = found.items.find((p) => p.code === 'GAS-B1').id;
  });
  after(async () => server?.stop());

  for (const lang of ['en', 'fr']) {
    const says = LANGUAGES[lang];

    test(`${lang}: an upload over the limit or of a refused type is refused, nothing stored`, async () => {
      const { manager, csr } = users[lang];
      const count = async () =>
        expectStatus(await call('GET', `/api/v1/literature?product=${product}`, csr), 200, 'literature').items.length;
      const upload = (bytes, contentType) =>
        apiCall(server, 'POST', `/api/v1/literature?${new URLSearchParams({ product, title_en: 'Refused', title_fr: 'Refusé' })}`, {
          token: manager, body: bytes, headers: { 'content-type': contentType },
        });
      const before = await count();
      const big = Buffer.alloc(10 * MiB + 1, 0x20);
      big.write('%PDF-1.4');
      refused(await upload(big, 'application/pdf'), 422, 'literature.too_large', says.tooLarge, 'too large');
      refused(await upload(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]), 'application/octet-stream'), 422,
              'literature.type_refused', says.typeRefused, 'a program');
      assert.equal(await count(), before);
    });

    test(`${lang}: a quote with no line is neither sent nor marked sent, and stays as it was`, async () => {
      const { csr } = users[lang];
      const c = await customer(csr, { emails: [`saisie.${tag().toLowerCase()}@example.fr`] });
      const empty = expectStatus(await call('POST', '/api/v1/quotes', csr, { customer_id: c.id }), 201, 'quote');
      for (const channel of ['email', 'letter'])
        refused(await call('POST', `/api/v1/quotes/${empty.id}/send`, csr, { version: empty.version, channel }),
                422, 'quote.no_lines', says.noLines, `send by ${channel}`);
      refused(await call('POST', `/api/v1/quotes/${empty.id}/mark-sent`, csr, { version: empty.version, channel: 'email' }),
              422, 'quote.no_lines', says.noLines, 'mark sent');
      const same = expectStatus(await call('GET', `/api/v1/quotes/${empty.id}`, csr), 200, 'quote');
      assert.deepEqual([same.status, same.version], ['draft', empty.version]);
      assert.deepEqual(expectStatus(await call('GET', `/api/v1/quotes/${empty.id}/sendings`, csr), 200, 'sendings').items, []);
    });

    test(`${lang}: a send by e-mail or fax to a customer with neither is refused, and on the page beside the channel`, async () => {
      const { csr, csrLogin } = users[lang];
      const c = await customer(csr);
      const quote = await quoteWithLine(csr, c);
      refused(await call('POST', `/api/v1/quotes/${quote.id}/send`, csr, { version: quote.version, channel: 'email' }),
              422, 'quote.no_email', says.noEmail, 'e-mail');
      refused(await call('POST', `/api/v1/quotes/${quote.id}/send`, csr, { version: quote.version, channel: 'fax' }),
              422, 'quote.no_fax', says.noFax, 'fax');
      // The quote page: the refusal beside the channel.
      const client = await loggedInClient(server, csrLogin);
      const { csrf } = await pageWithCsrf(client, `/quotes/${quote.id}`);
      const page = await client.postForm(`/quotes/${quote.id}/send`,
                                         { _csrf: csrf, version: String(quote.version), channel: 'fax' });
      assert.equal(page.status, 422, page.text.slice(0, 300));
      reads(pageText(page.text), says.noFax, 'page');
      const same = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote');
      assert.deepEqual([same.status, same.version], ['draft', quote.version]);
      assert.deepEqual(expectStatus(await call('GET', `/api/v1/quotes/${quote.id}/sendings`, csr), 200, 'sendings').items, []);
    });

    test(`${lang}: a quote for a customer billed in another currency is refused, on the API and the 360° view`, async () => {
      const { csr, csrLogin } = users[lang];
      const c = await customer(csr, { currency: 'USD' });
      refused(await call('POST', '/api/v1/quotes', csr, { customer_id: c.id }),
              422, 'quote.currency_mismatch', says.currency, 'POST quote');
      const client = await loggedInClient(server, csrLogin);
      const { csrf } = await pageWithCsrf(client, `/customers/${c.id}`);
      const page = await client.postForm('/quotes', { _csrf: csrf, customer: String(c.id) });
      assert.equal(page.status, 422, page.text.slice(0, 300));
      reads(pageText(page.text), says.currency, 'page');
      assert.deepEqual(await quotesOf(csr, c), []);
    });

    test(`${lang}: a change order or change quote on an inactive asset is refused, nothing made`, async () => {
      const { csr } = users[lang];
      const c = await customer(csr);
      const fulfil = async (order) => {
        let o = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }), 200, 'submit');
        for (const line of o.lines)
          o = expectStatus(await call('POST', `/api/v1/sales-orders/${o.id}/lines/${line.id}/complete`, fulfilment, {}), 200, 'complete');
        return o;
      };
      let order = expectStatus(await call('POST', '/api/v1/sales-orders', csr, { customer_id: c.id }), 201, 'order');
      order = expectStatus(await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                                      { version: order.version, product_code: 'BOX-WIFI7', quantity: 1 }), 201, 'line');
      await fulfil(order);
      const [box] = expectStatus(await call('GET', `/api/v1/customers/${c.id}/assets`, csr), 200, 'assets').items;
      const disconnect = expectStatus(await call('POST', `/api/v1/customers/${c.id}/change-orders`, csr,
                                                 { changes: [{ change: 'disconnect', asset_id: box.id }] }), 201, 'disconnect');
      await fulfil(disconnect);
      const gone = expectStatus(await call('GET', `/api/v1/assets/${box.id}`, csr), 200, 'asset');
      assert.equal(gone.status, 'inactive');
      const orders = (await ordersOf(csr, c)).length;
      for (const change of ['modify', 'suspend', 'disconnect']) {
        const body = { changes: [{ change, asset_id: box.id, ...(change === 'modify' ? { quantity: 2 } : {}) }] };
        refused(await call('POST', `/api/v1/customers/${c.id}/change-orders`, csr, body),
                422, 'change_order.asset_inactive', says.inactive(box.number), `${change} order`);
        refused(await call('POST', `/api/v1/customers/${c.id}/change-quotes`, csr, body),
                422, 'change_order.asset_inactive', says.inactive(box.number), `${change} quote`);
      }
      assert.equal((await ordersOf(csr, c)).length, orders);
      assert.deepEqual(await quotesOf(csr, c), []);
      const still = expectStatus(await call('GET', `/api/v1/assets/${box.id}`, csr), 200, 'asset');
      assert.deepEqual([still.status, still.version], ['inactive', gone.version]);
    });

    test(`${lang}: a revise of a converted quote is refused, no revision made`, async () => {
      const { csr, csrLogin } = users[lang];
      const c = await customer(csr);
      const quote = await quoteWithLine(csr, c);
      const sent = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/mark-sent`, csr,
                                           { version: quote.version, channel: 'letter' }), 200, 'mark sent');
      const order = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/convert`, csr, { version: sent.version }), 201, 'convert');
      const converted = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote');
      assert.equal(converted.sales_order_id, order.id);
      refused(await call('POST', `/api/v1/quotes/${quote.id}/revise`, csr, { version: converted.version }),
              422, 'quote.converted', says.converted, 'revise');
      // The quote page's Revise button says the same.
      const client = await loggedInClient(server, csrLogin);
      const { csrf } = await pageWithCsrf(client, `/quotes/${quote.id}`);
      const page = await client.postForm(`/quotes/${quote.id}/revise`, { _csrf: csrf, version: String(converted.version) });
      assert.equal(page.status, 422, page.text.slice(0, 300));
      reads(pageText(page.text), says.converted, 'page');
      const quotes = await quotesOf(csr, c);
      assert.deepEqual(quotes.map((q) => [q.id, q.revision]), [[quote.id, 1]]);
      const same = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote');
      assert.equal(same.version, converted.version);
      assert.equal((await ordersOf(csr, c)).length, 1);
    });
  }
});
