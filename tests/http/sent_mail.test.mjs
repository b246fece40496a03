// The admin's Sent mail page against the real binary and the real local SMTP
// sink of `make run` (scripts/mail-sink, Debian's python3-aiosmtpd): a
// message with accents and a PDF attached, sent to the sink with Python's
// smtplib, is listed (received, from, to, subject, attachment), opens with
// its text, and its PDF downloads; a CSR may not see the page; a server
// started without a sink says so. Every wait is bounded.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ROOT, apiCall, createCustomer, createToken, loggedInClient, runCommand, startServer, startSink, textOf,
} from '../support/harness.mjs';

const SEND = `
import smtplib, sys
from email.message import EmailMessage
m = EmailMessage()
m['Subject'] = 'Votre devis Q-000012, révision 2'
m['From'] = 'Télécom Éole <quotes@rapport-demo.test>'
m['To'] = 'helene.cote@example.fr'
m.set_content('Bonjour Hélène,\\nveuillez trouver notre devis ci-joint.\\n')
m.add_attachment(b'%PDF-1.5\\n% a quote\\n', maintype='application', subtype='pdf', filename='Q-000012-2.pdf')
m['Content-Language'] = 'fr'  # after set_content, which drops Content-* headers
with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
    s.send_message(m)
`;

describe('Sent mail (test sink)', () => {
  let folder, sink, server, bare;
  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-sink-'));
    sink = await startSink(folder);
    server = await startServer({ env: { RAPPORT_MAIL_SINK_DIR: folder } });
    bare = await startServer();
  });
  after(async () => {
    sink?.stop();
    await server?.stop();
    await bare?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('an admin sees a captured message, opens it and downloads its PDF', async () => {
    const admin = await loggedInClient(server, 'admin');
    let list = await admin.get('/admin/sent-mail');
    assert.equal(list.status, 200);
    assert.match(textOf(list.text), /No message has been sent yet/);

    const sent = await runCommand('/usr/bin/python3', ['-c', SEND, String(sink.port)]);
    assert.equal(sent.code, 0, sent.stderr);
    list = await admin.get('/admin/sent-mail');
    const text = textOf(list.text);
    assert.match(text, /Votre devis Q-000012, révision 2/);
    assert.match(text, /Télécom Éole <quotes@rapport-demo\.test>/);
    assert.match(text, /helene\.cote@example\.fr/);
    assert.match(text, /Q-000012-2\.pdf/);
    assert.match(list.text, /href="\/admin\/sent-mail"/, 'the menu has Sent mail');

    const link = /href="(\/admin\/sent-mail\/[0-9A-Za-z-]+)"/.exec(list.text);
    assert.ok(link, 'a link to the message');
    const message = await admin.get(link[1]);
    assert.equal(message.status, 200);
    assert.match(textOf(message.text), /Bonjour Hélène,\s+veuillez trouver notre devis ci-joint\./);
    assert.match(textOf(message.text), /Language\s*fr/);

    const pdf = await admin.get(`${link[1]}/attachments/1`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.contentType, 'application/pdf');
    assert.match(pdf.headers.get('content-disposition'), /filename="Q-000012-2\.pdf"/);
    assert.ok(pdf.text.startsWith('%PDF-1.5'));

    assert.equal((await admin.get(`${link[1]}/attachments/2`)).status, 404);
    assert.equal((await admin.get('/admin/sent-mail/..%2F..%2Fetc')).status, 404);
  });

  test('make run: the demo mails through the sink scripts/run starts, and a quote sent lands on the page', async () => {
    // scripts/run starts the sink on sink_listen; the demo's settings point there.
    const run = await readFile(path.join(ROOT, 'scripts', 'run'), 'utf8');
    const listen = /^sink_listen=([\d.]+):(\d+)$/m.exec(run);
    assert.ok(listen, 'scripts/run names where its sink listens');
    const admin = (await createToken(server, 'admin', 'sent-mail')).token;
    const settings = (await apiCall(server, 'GET', '/api/v1/settings', { token: admin })).body;
    assert.deepEqual([settings.smtp_host, settings.smtp_port], [listen[1], Number(listen[2])]);
    assert.equal(settings.smtp_sender, 'quotes@rapport-demo.test');

    // The same chain on this test's sink (its port is free, 2525 may not
    // be): a CSR e-mails a quote of a demo product, the admin sees it.
    const put = await apiCall(server, 'PUT', '/api/v1/settings', {
      token: admin, json: { version: settings.version, smtp_port: sink.port },
    });
    assert.equal(put.status, 200, put.text);
    try {
      const csr = (await createToken(server, 'csr', 'sent-mail')).token;
      const c = (await createCustomer(server, csr, {
        kind: 'person', family_name: 'Lemaire', given_name: 'Zoé', language: 'fr', emails: ['zoe.lemaire@example.fr'],
        address: { line1: '2 quai Saint-Antoine', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
      })).customer;
      let quote = (await apiCall(server, 'POST', '/api/v1/quotes', { token: csr, json: { customer_id: c.id } })).body;
      quote = (await apiCall(server, 'POST', `/api/v1/quotes/${quote.id}/lines`, {
        token: csr, json: { version: quote.version, product_code: 'THERMOSTAT', quantity: 1 },
      })).body;
      const sent = await apiCall(server, 'POST', `/api/v1/quotes/${quote.id}/send`, {
        token: csr, json: { version: quote.version, channel: 'email' },
      });
      assert.equal(sent.status, 201, sent.text);
      const page = await loggedInClient(server, 'admin');
      let text = '';
      for (let i = 0; i < 80 && !text.includes(`${quote.number}-1.pdf`); ++i) {
        if (i) await new Promise((resolve) => setTimeout(resolve, 250));
        text = textOf((await page.get('/admin/sent-mail')).text);
      }
      assert.match(text, new RegExp(`Votre devis ${quote.number}, révision 1`));
      assert.match(text, /zoe\.lemaire@example\.fr/);
      assert.match(text, new RegExp(`${quote.number}-1\\.pdf`));
    } finally {
      await apiCall(server, 'PUT', '/api/v1/settings', {
        token: admin, json: { version: put.body.version, smtp_port: settings.smtp_port },
      });
    }
  });

  test('a CSR may not see the sent mail', async () => {
    const csr = await loggedInClient(server, 'csr');
    assert.equal((await csr.get('/admin/sent-mail')).status, 403);
  });

  test('a server without a sink says none is configured', async () => {
    const admin = await loggedInClient(bare, 'admin');
    const page = await admin.get('/admin/sent-mail');
    assert.equal(page.status, 200);
    assert.match(textOf(page.text), /No test mail sink is configured/);
  });
});
