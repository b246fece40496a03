// Portal customers for HTTP and browser tests: a customer with a contact,
// invited through the API, whose mailed link (read at the loopback SMTP
// sink) sets the password — the way a real customer gets in, so every
// test's portal user is made by the code under test.
//
//   const portal = await portalFixture(server, sinkFolder, sinkPort);
//   const alice = await portal.customer({ language: 'fr' });
//   alice.client  — a Client signed in on the portal
//   alice.token   — an API token of the portal user (`rapport token create`)
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import {
  Client, apiCall, createCustomer, createToken, loggedInClient, login, pageWithCsrf, textOf,
} from './harness.mjs';

export const PORTAL_PASSWORD = 'portail-2026';

const tag = () => crypto.randomBytes(3).toString('hex');

// The sink's summaries of the messages to `to`, oldest first.
export function mailsTo(folder, to) {
  return fs.readdirSync(folder).filter((d) => !d.startsWith('.')).sort()
    .map((d) => JSON.parse(fs.readFileSync(path.join(folder, d, 'summary.json'))))
    .filter((m) => m.to === to);
}

// Points the installation's SMTP settings at the sink and returns a maker
// of portal customers.
export async function portalFixture(server, folder, sinkPort) {
  const admin = (await createToken(server, 'admin', `portal-${tag()}`)).token;
  const csr = (await createToken(server, 'csr', `portal-${tag()}`)).token;
  const got = await apiCall(server, 'GET', '/api/v1/settings', { token: admin });
  assert.equal(got.status, 200, got.text);
  const put = await apiCall(server, 'PUT', '/api/v1/settings', {
    token: admin,
    json: { version: got.body.version, smtp_host: '127.0.0.1', smtp_port: sinkPort,
            smtp_sender: 'portal@rapport.example' },
  });
  assert.equal(put.status, 200, put.text);
  const staff = await loggedInClient(server, 'csr');

  // A new customer (company, `language`) with one contact, invited and
  // signed in on the portal. Extra customer fields may be given in `body`.
  async function customer({ language = 'en', body = {} } = {}) {
    const t = tag();
    const email = `portal.${t}@example.org`;
    const created = await createCustomer(server, csr, {
      kind: 'company', company_name: `Portal ${language.toUpperCase()} ${t}`, language,
      address: { line1: '3 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
      proceed: true, ...body,
    });
    const c = created.customer;
    const { csrf } = await pageWithCsrf(staff, `/customers/${c.id}`);
    const added = await staff.postForm(`/customers/${c.id}/contacts`, {
      _csrf: csrf, contact_given_name: 'Claire', contact_family_name: `Client ${t}`, contact_email: email,
    });
    assert.equal(added.status, 303, `add contact: ${textOf(added.text).slice(0, 300)}`);
    const page = await staff.get(`/customers/${c.id}`);
    const row = new RegExp(`/customers/${c.id}/contacts/(\\d+)/portal-invitation`).exec(page.text);
    assert.ok(row, 'the contact row has the "Invite to the portal" button');
    const contact = Number(row[1]);
    const invited = await apiCall(server, 'POST',
      `/api/v1/customers/${c.id}/contacts/${contact}/portal-invitation`, { token: csr });
    assert.equal(invited.status, 201, invited.text);
    const mail = mailsTo(folder, email).at(-1);
    const link = /\/portal\/invitation\/(\S+)/.exec(mail?.text ?? '');
    assert.ok(link, `the invitation mail has its link: ${mail?.text}`);
    const client = new Client(server);
    const set = await client.postForm(`/portal/invitation/${link[1]}`, {
      password: PORTAL_PASSWORD, password_again: PORTAL_PASSWORD,
    });
    assert.equal(set.status, 303, set.text?.slice(0, 300));
    // An API token of the portal user, as an operator would make it.
    const { token } = await createToken(server, invited.body.login, `portal-${t}`);
    return {
      customer: c, contact, login: invited.body.login, email, client, token,
      // A fresh signed-in client (another browser).
      signIn: async () => {
        const other = new Client(server);
        const res = await login(other, invited.body.login, PORTAL_PASSWORD);
        assert.equal(res.status, 303);
        return other;
      },
    };
  }
  return { customer, csrToken: csr, adminToken: admin };
}
