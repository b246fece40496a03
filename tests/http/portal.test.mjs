// The customer portal's invitation over HTTP (quotes-orders-assets.md,
// "Customer portal"), against the real binary on SQLite and PostgreSQL and
// the real local SMTP sink (scripts/mail-sink): a CSR invites a contact
// through the API, the e-mail arrives with the link, the customer sets a
// password on the portal's page and lands on /portal signed in, sees their
// customer; the link then works no more; staff pages answer 403 to the
// customer, / brings them to /portal, and staff get 403 on /portal.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client, DB_KIND, apiCall, createCustomer, createToken, loggedInClient, login,
  pageWithCsrf, startServer, startSink, textOf,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex').toLowerCase();

describe(`customer portal invitation (${DB_KIND})`, () => {
  let folder, sink, server, admin, csr, staff;

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text?.slice(0, 400)}`);
    return res.body;
  }
  // The sink's summaries of the messages to `to`, oldest first.
  function received(to) {
    return fs.readdirSync(folder).filter((d) => !d.startsWith('.')).sort()
      .map((d) => JSON.parse(fs.readFileSync(path.join(folder, d, 'summary.json'))))
      .filter((m) => m.to === to);
  }
  // A French customer with one contact of e-mail `email`; its contact id.
  async function customerWithContact(email) {
    const c = (await createCustomer(server, csr, {
      kind: 'company', company_name: `Éole Portail ${tag()}`, language: 'fr',
      address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    })).customer;
    const { csrf } = await pageWithCsrf(staff, `/customers/${c.id}`);
    const added = await staff.postForm(`/customers/${c.id}/contacts`, {
      _csrf: csrf, contact_given_name: 'Hélène', contact_family_name: 'Côté', contact_email: email,
    });
    assert.equal(added.status, 303, `add contact: ${textOf(added.text).slice(0, 300)}`);
    const page = await staff.get(`/customers/${c.id}`);
    const m = new RegExp(`/customers/${c.id}/contacts/(\\d+)/portal-invitation`).exec(page.text);
    assert.ok(m, 'the contact row has the "Invite to the portal" button');
    return { customer: c, contact: Number(m[1]) };
  }

  before(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-portal-'));
    sink = await startSink(folder);
    server = await startServer();
    admin = (await createToken(server, 'admin', 'portal')).token;
    csr = (await createToken(server, 'csr', 'portal')).token;
    const got = expectStatus(await call('GET', '/api/v1/settings', admin), 200, 'settings');
    expectStatus(await call('PUT', '/api/v1/settings', admin, {
      version: got.version, company_name: 'Télécom Éole', smtp_host: '127.0.0.1', smtp_port: sink.port,
      smtp_sender: 'portail@eole.example',
    }), 200, 'PUT settings');
    staff = await loggedInClient(server, 'csr');
  });

  after(async () => {
    await server?.stop();
    sink?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('invited through the API, the mailed link sets the password once and opens the portal', async () => {
    const email = `helene.${tag()}@example.fr`;
    const { customer, contact } = await customerWithContact(email);
    const target = `/api/v1/customers/${customer.id}/contacts/${contact}/portal-invitation`;
    // Fulfilment may not invite; a contact of another customer is not found.
    const fulfilment = (await createToken(server, 'fulfilment', 'portal')).token;
    expectStatus(await call('POST', target, fulfilment), 403, 'invite as fulfilment');
    expectStatus(await call('POST', `/api/v1/customers/1/contacts/${contact}/portal-invitation`, csr), 404,
                 'a contact of another customer');
    const invited = expectStatus(await call('POST', target, csr), 201, 'invite');
    assert.equal(invited.email, email);
    const hours = (Date.parse(invited.expires_at) - Date.now()) / 3_600_000;
    assert.ok(hours > 71.9 && hours <= 72, `valid 72 h: ${invited.expires_at}`);

    const mails = received(email);
    assert.equal(mails.length, 1, 'one invitation mail at the sink');
    assert.equal(mails[0].subject, 'Votre espace client Télécom Éole');
    assert.match(mails[0].text, /Bonjour Hélène Côté,/);
    const link = /(http:\/\/\S+\/portal\/invitation\/(\S+))/.exec(mails[0].text);
    assert.ok(link, `the mail has the link: ${mails[0].text}`);
    const token = link[2];
    assert.ok(link[1].startsWith(server.url), `the link points at the server: ${link[1]}`);

    const customerClient = new Client(server);
    const form = await customerClient.get(`/portal/invitation/${token}`);
    assert.equal(form.status, 200);
    assert.match(textOf(form.text), /Votre accès à l’espace client/);
    assert.match(form.text, new RegExp(invited.login.replaceAll('.', '\\.')));
    // Two different passwords: refused beside the field, the link still works.
    const differ = await customerClient.postForm(`/portal/invitation/${token}`, {
      password: 'châtaigne-2026', password_again: 'autre-chose',
    });
    assert.equal(differ.status, 422);
    assert.match(textOf(differ.text), /Les deux mots de passe sont différents/);
    const set = await customerClient.postForm(`/portal/invitation/${token}`, {
      password: 'châtaigne-2026', password_again: 'châtaigne-2026',
    });
    assert.equal(set.status, 303, textOf(set.text).slice(0, 300));
    assert.equal(set.location, '/portal');
    assert.ok(customerClient.cookies.has('rapport_session'), 'signed in');
    const home = await customerClient.get('/portal');
    assert.equal(home.status, 200);
    assert.match(textOf(home.text), new RegExp(customer.company_name));
    assert.match(textOf(home.text), /Vos produits et services/);

    // The link works once (said in the browser's language).
    const again = await new Client(server).get(`/portal/invitation/${token}`,
                                               { headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    assert.equal(again.status, 404);
    assert.match(textOf(again.text), /déjà servi ou a été remplacé/);
    const reused = await new Client(server).postForm(`/portal/invitation/${token}`, {
      password: 'nouveau-mot-2026', password_again: 'nouveau-mot-2026',
    });
    assert.equal(reused.status, 404);
    const refusedLogin = await login(new Client(server), invited.login, 'nouveau-mot-2026');
    assert.notEqual(refusedLogin.status, 303, 'the reused link changed no password');

    // A customer: staff pages and the staff API answer 403; / brings them to the portal.
    for (const page of ['/customers', `/customers/${customer.id}`, '/admin/users', '/sales-orders'])
      assert.equal((await customerClient.get(page)).status, 403, `${page} for a customer`);
    const root = await customerClient.get('/');
    assert.equal(root.status, 303);
    assert.equal(root.location, '/portal');
    const afterLogin = new Client(server);
    const logged = await login(afterLogin, invited.login, 'châtaigne-2026');
    assert.equal(logged.status, 303);
    assert.equal((await afterLogin.get(logged.location)).location, '/portal');
    // Staff have no portal.
    assert.equal((await staff.get('/portal')).status, 403);
  });

  test('the 360° view button invites again, and the old link stops working', async () => {
    const email = `marc.${tag()}@example.fr`;
    const { customer, contact } = await customerWithContact(email);
    const { csrf } = await pageWithCsrf(staff, `/customers/${customer.id}`);
    const first = await staff.postForm(`/customers/${customer.id}/contacts/${contact}/portal-invitation`, { _csrf: csrf });
    assert.equal(first.status, 303);
    const shown = await staff.get(first.location);
    assert.match(textOf(shown.text), /The invitation to the customer portal was sent/);
    expectStatus(await call('POST', `/api/v1/customers/${customer.id}/contacts/${contact}/portal-invitation`, csr),
                 201, 'invite again');
    const mails = received(email);
    assert.equal(mails.length, 2);
    const tokenOf = (m) => /\/portal\/invitation\/(\S+)/.exec(m.text)[1];
    const old = await new Client(server).get(`/portal/invitation/${tokenOf(mails[0])}`);
    assert.equal(old.status, 404);
    assert.equal((await new Client(server).get(`/portal/invitation/${tokenOf(mails[1])}`)).status, 200);
  });
});
