// Sending quotes through the JSON API (quotes-orders-assets.md, "Quote",
// Output), against the real binary on SQLite and PostgreSQL and the real
// local SMTP sink (scripts/mail-sink): an e-mail arrives with the PDF
// attached and the subject in the customer's language; a mail server down
// fails the sending after its bounded attempts with the error said, and a
// retry after the settings are fixed sends it; a customer without e-mail is
// refused with nothing changed; letters are printed as one PDF by batch and
// posted. Every JSON answer is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client, DB_KIND, apiCall, createCustomer, createToken, loggedInClient, startServer, startSink, textOf, within,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`quote sendings API (${DB_KIND})`, () => {
  let folder, sink, server, admin, manager, csr, product;

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  async function useSmtpPort(port) {
    const got = expectStatus(await call('GET', '/api/v1/settings', admin), 200, 'settings');
    expectStatus(await call('PUT', '/api/v1/settings', admin, {
      version: got.version, company_name: 'Télécom Éole', smtp_host: '127.0.0.1', smtp_port: port,
      smtp_sender: 'devis@eole.example', fax_gateway_domain: 'fax.eole.example',
    }), 200, 'PUT settings');
  }
  async function customer(language, emails) {
    return (await createCustomer(server, csr, {
      kind: 'person', family_name: `Envoi${tag()}`, given_name: language === 'fr' ? 'Inès' : 'Ian', language,
      emails, address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
  }
  async function quoteFor(c) {
    const q = expectStatus(await call('POST', '/api/v1/quotes', csr, { customer_id: c.id }), 201, 'quote');
    return expectStatus(await call('POST', `/api/v1/quotes/${q.id}/lines`, csr,
                                   { version: q.version, product_code: product.code, quantity: 2 }), 201, 'line');
  }
  // The sending once it is no longer queued, or as it is after 20 s.
  async function settled(id) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const s = expectStatus(await call('GET', `/api/v1/sendings/${id}`, csr), 200, 'GET sending');
      if (s.status !== 'queued' || Date.now() > deadline) return s;
      await sleep(100);
    }
  }
  // The sink's summaries (scripts/mail-sink) of the messages to `to`.
  function received(to) {
    return fs.readdirSync(folder).filter((d) => !d.startsWith('.'))
      .map((d) => ({ dir: path.join(folder, d), ...JSON.parse(fs.readFileSync(path.join(folder, d, 'summary.json'))) }))
      .filter((m) => m.to === to);
  }

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-sendings-'));
    sink = await startSink(folder);
    server = await startServer();
    admin = (await createToken(server, 'admin', 'sendings')).token;
    manager = (await createToken(server, 'manager', 'sendings')).token;
    csr = (await createToken(server, 'csr', 'sendings')).token;
    await useSmtpPort(sink.port);
    const t = tag();
    product = expectStatus(await call('POST', '/api/v1/products', manager, {
      code: `SFIBRE-${t}`, name_en: 'Pro fibre box', name_fr: 'Box fibre Éole Pro', type: 'goods', trackable: false,
      vat_rate: '20', orderable_from: day(-30),
    }), 201, 'product');
    const list = expectStatus(await call('POST', '/api/v1/price-lists', manager, {
      code: `SSTD-${t}`, name_en: 'Standard', name_fr: 'Standard', currency: 'EUR', valid_from: day(-30), is_default: true,
    }), 201, 'price list');
    expectStatus(await call('PUT', `/api/v1/price-lists/${list.id}/prices/${product.id}`, manager,
                            { unit_price: 123456, version: list.version }), 200, 'price');
  });
  after(async () => {
    await server?.stop();
    sink?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('an e-mail arrives with the PDF attached and the subject in the customer’s language', async () => {
    const address = `ines.${tag().toLowerCase()}@example.fr`;
    const quote = await quoteFor(await customer('fr', [address]));
    const queued = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/send`, csr,
                                           { version: quote.version, channel: 'email' }), 201, 'send');
    assert.equal(queued.status, 'queued');
    assert.equal(queued.recipient, address);
    const sent = await settled(queued.id);
    assert.equal(sent.status, 'sent', JSON.stringify(sent));
    assert.equal(sent.last_error, null);
    assert.equal(sent.retryable, false, 'a sent e-mail is not retried');
    const [mail] = received(address);
    assert.ok(mail, 'the sink received the e-mail');
    assert.equal(mail.subject, `Votre devis ${quote.number}, révision 1 — Télécom Éole`);
    assert.deepEqual(mail.attachments.map((a) => a.filename), [`${quote.number}-1.pdf`]);
    assert.equal(fs.readFileSync(path.join(mail.dir, mail.attachments[0].file)).subarray(0, 5).toString(), '%PDF-');

    const listed = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}/sendings`, csr), 200, 'sendings');
    assert.deepEqual(listed.items.map((s) => [s.id, s.channel, s.status]), [[queued.id, 'email', 'sent']]);
    const after = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote');
    assert.equal(after.status, 'sent');
    const doc = await new Client(server).request('GET', `/api/v1/sendings/${queued.id}/document`,
                                                 { headers: { authorization: `Bearer ${csr}` } });
    assert.equal(doc.status, 200);
    assert.match(doc.contentType, /^application\/pdf/);
  });

  test('a mail server down fails the sending with its error, and a retry after the fix sends it', async () => {
    const later = await startSink(folder);
    later.stop();  // a port nothing listens on any more, once it has exited
    await within(new Promise((resolve) => later.proc.once('exit', resolve)), 5_000);
    await useSmtpPort(later.port);
    try {
      const address = `ian.${tag().toLowerCase()}@example.com`;
      const c = await customer('en', [address]);
      const quote = await quoteFor(c);
      const queued = expectStatus(await call('POST', `/api/v1/quotes/${quote.id}/send`, csr,
                                             { version: quote.version, channel: 'email' }), 201, 'send');
      const failed = await settled(queued.id);
      assert.equal(failed.status, 'failed', JSON.stringify(failed));
      assert.equal(failed.attempts, 3);
      assert.equal(failed.last_error, 'mail.unreachable');
      assert.match(failed.last_error_message, /cannot be reached/);
      assert.equal(failed.retryable, true, 'the JSON says Retry is possible, as the page’s button does');
      const listed = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}/sendings`, csr), 200, 'sendings');
      assert.deepEqual(listed.items.map((s) => [s.id, s.status, s.retryable]), [[queued.id, 'failed', true]]);
      // Shown on the customer's 360° view with its error and Retry, and
      // logged in the customer's history with the document.
      const browser = await loggedInClient(server, 'csr');
      const view = await browser.get(`/customers/${c.id}`);
      assert.equal(view.status, 200);
      const row = new RegExp(`<tr data-sending-id="${queued.id}" data-status="failed"[\\s\\S]*?</tr>`).exec(view.text);
      assert.ok(row, 'the failed sending is listed on the 360° view');
      assert.match(textOf(row[0]), /cannot be reached/);
      assert.match(row[0], /data-testid="retry-sending"/);
      const history = textOf(view.text.slice(view.text.indexOf('data-testid="history"')));
      assert.match(history, new RegExp(`${quote.number}-1\\.pdf`));
      assert.match(history, /Failed — The mail server .* cannot be reached/);
      await useSmtpPort(sink.port);
      const retried = expectStatus(await call('POST', `/api/v1/sendings/${queued.id}/retry`, csr,
                                              { version: failed.version }), 200, 'retry');
      assert.equal(retried.status, 'queued');
      const sent = await settled(queued.id);
      assert.equal(sent.status, 'sent', JSON.stringify(sent));
      assert.equal(sent.retryable, false);
      const listedAfter = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}/sendings`, csr), 200, 'sendings');
      assert.deepEqual(listedAfter.items.map((s) => [s.id, s.retryable]), [[queued.id, false]]);
      const viewAfter = await browser.get(`/customers/${c.id}`);
      const rowAfter = new RegExp(`<tr data-sending-id="${queued.id}"[\\s\\S]*?</tr>`).exec(viewAfter.text);
      assert.ok(rowAfter, 'the sending is still listed');
      assert.doesNotMatch(rowAfter[0], /data-testid="retry-sending"/, 'no Retry on the page either');
      const [mail] = received(address);
      assert.equal(mail.subject, `Your quote ${quote.number}, revision 1 — Télécom Éole`);
      const again = await call('POST', `/api/v1/sendings/${queued.id}/retry`, csr, { version: sent.version });
      assert.equal(again.status, 422);
      assert.equal(again.body.code, 'sending.not_retryable');
    } finally {
      await useSmtpPort(sink.port);
    }
  });

  test('a customer without e-mail or fax is refused with nothing changed; an empty quote is not sent', async () => {
    const c = await customer('fr', []);
    const quote = await quoteFor(c);
    const noEmail = await call('POST', `/api/v1/quotes/${quote.id}/send`, csr, { version: quote.version, channel: 'email' });
    assert.equal(noEmail.status, 422);
    assert.equal(noEmail.body.code, 'quote.no_email');
    const noFax = await call('POST', `/api/v1/quotes/${quote.id}/send`, csr, { version: quote.version, channel: 'fax' });
    assert.equal(noFax.body.code, 'quote.no_fax');
    const same = expectStatus(await call('GET', `/api/v1/quotes/${quote.id}`, csr), 200, 'quote');
    assert.equal(same.status, 'draft');
    assert.equal(same.version, quote.version);
    assert.deepEqual(expectStatus(await call('GET', `/api/v1/quotes/${quote.id}/sendings`, csr), 200, 'list').items, []);
    const empty = expectStatus(await call('POST', '/api/v1/quotes', csr, { customer_id: c.id }), 201, 'empty');
    const refused = await call('POST', `/api/v1/quotes/${empty.id}/send`, csr, { version: empty.version, channel: 'letter' });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'quote.no_lines');
  });

  test('letters are printed as one PDF by batch and marked as posted', async () => {
    const a = await quoteFor(await customer('fr', []));
    const b = await quoteFor(await customer('en', []));
    for (const q of [a, b])
      expectStatus(await call('POST', `/api/v1/quotes/${q.id}/send`, csr, { version: q.version, channel: 'letter' }), 201, 'letter');
    const queue = expectStatus(await call('GET', '/api/v1/print-queue', csr), 200, 'queue');
    assert.ok(queue.items.length >= 2);
    const batch = expectStatus(await call('POST', '/api/v1/print-queue/print', csr), 201, 'print');
    assert.ok(batch.letters.some((l) => l.quote_id === a.id) && batch.letters.some((l) => l.quote_id === b.id));
    const pdf = await new Client(server).request('GET', batch.pdf, { headers: { authorization: `Bearer ${csr}` } });
    assert.equal(pdf.status, 200);
    assert.match(pdf.contentType, /^application\/pdf/);
    const posted = expectStatus(await call('POST', `/api/v1/print-queue/batches/${batch.batch}/posted`, csr), 200, 'posted');
    assert.equal(posted.posted, batch.letters.length);
    assert.deepEqual(expectStatus(await call('GET', '/api/v1/print-queue', csr), 200, 'queue').items, []);
    const twice = await call('POST', `/api/v1/print-queue/batches/${batch.batch}/posted`, csr);
    assert.equal(twice.status, 422);
    assert.equal(twice.body.code, 'sending.batch_unknown');
    assert.equal((await call('POST', '/api/v1/print-queue/print', csr)).body.code, 'sending.queue_empty');
  });
});
