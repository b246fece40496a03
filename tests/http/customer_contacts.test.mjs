// A company's contacts through the staff JSON API: GET and POST
// /api/v1/customers/{id}/contacts, GET and PUT …/contacts/{contact} — the
// same use cases as the 360° view's contact form, for an English and a
// French CSR; bad input (422, translated, nothing changed), a stale version
// (409), a role that may not edit (403), and the page and the API agree.
// Every answer is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createCustomer, createToken, loggedInClient, startServer, textOf,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex');

describe(`customer contacts API (${DB_KIND})`, () => {
  let server;
  let csr;
  let conseiller;
  let fulfilment;
  let company;  // its 360° view

  const contactsOf = async (id = company.customer.id) => {
    const res = await apiCall(server, 'GET', `/api/v1/customers/${id}/contacts`, { token: csr });
    assert.equal(res.status, 200, res.text);
    return res.body.items;
  };

  before(async () => {
    server = await startServer();
    csr = (await createToken(server, 'csr', 'contacts')).token;
    conseiller = (await createToken(server, 'conseiller', 'contacts-fr')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'contacts-ff')).token;
    company = await createCustomer(server, csr, {
      kind: 'company', company_name: `Boulangeries Réunies ${tag()}`, language: 'fr',
      address: { line1: '8 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
      phones: [{ type: 'work', number: '04 72 00 00 00' }], proceed: true,
    });
  });
  after(async () => {
    await server?.stop();
  });

  test('an English CSR adds a contact: 201 with its version and Location; the list and the 360° view page show it', async () => {
    const res = await apiCall(server, 'POST', `/api/v1/customers/${company.customer.id}/contacts`, {
      token: csr,
      json: { given_name: 'Élodie', family_name: 'Marchand', role: 'Purchasing manager', phone: '06 11 22 33 44', email: 'elodie@boulangeries.example' },
    });
    assert.equal(res.status, 201, res.text);
    const c = res.body;
    assert.equal(c.family_name, 'Marchand');
    assert.equal(c.given_name, 'Élodie');
    assert.equal(c.role, 'Purchasing manager');
    assert.equal(c.phone, '+33611223344', 'the phone is read with the customer’s country');
    assert.equal(c.email, 'elodie@boulangeries.example');
    assert.equal(c.version, 1);
    assert.equal(res.location,
                 `/api/v1/customers/${company.customer.id}/contacts/${c.id}`);

    assert.deepEqual((await contactsOf()).find((x) => x.id === c.id), c);
    const one = await apiCall(server, 'GET', `/api/v1/customers/${company.customer.id}/contacts/${c.id}`, { token: csr });
    assert.equal(one.status, 200);
    assert.deepEqual(one.body, c);
    const view = await apiCall(server, 'GET', `/api/v1/customers/${company.customer.id}`, { token: csr });
    assert.ok(view.body.contacts.some((x) => x.id === c.id && x.family_name === 'Marchand'));

    const client = await loggedInClient(server, 'csr');
    const page = await client.get(`/customers/${company.customer.id}`);
    assert.equal(page.status, 200);
    const text = textOf(page.text);
    assert.match(text, /Élodie Marchand|Marchand/);
    assert.ok(text.includes('Purchasing manager'), 'the page shows the role saved through the API');
  });

  test('a French CSR corrects it at its version; a second save at the old version is a 409 and changes nothing', async () => {
    const added = await apiCall(server, 'POST', `/api/v1/customers/${company.customer.id}/contacts`, {
      token: conseiller, json: { given_name: 'Paul', family_name: 'Girard', role: 'Comptable' },
    });
    assert.equal(added.status, 201, added.text);
    const path = `/api/v1/customers/${company.customer.id}/contacts/${added.body.id}`;
    const fixed = await apiCall(server, 'PUT', path, {
      token: conseiller,
      json: { version: added.body.version, given_name: 'Paul', family_name: 'Girardin', role: 'Comptable', email: 'paul@boulangeries.example' },
    });
    assert.equal(fixed.status, 200, fixed.text);
    assert.equal(fixed.body.family_name, 'Girardin');
    assert.equal(fixed.body.email, 'paul@boulangeries.example');
    assert.equal(fixed.body.version, added.body.version + 1);
    assert.deepEqual((await apiCall(server, 'GET', path, { token: csr })).body, fixed.body, 'the answer is the following GET’s');

    const stale = await apiCall(server, 'PUT', path, {
      token: conseiller, json: { version: added.body.version, family_name: 'Perdu' },
    });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.body.code, 'record.stale');
    assert.match(stale.body.detail, /depuis que vous l’avez ouvert/);
    assert.deepEqual((await apiCall(server, 'GET', path, { token: csr })).body, fixed.body, 'nothing changed');
  });

  test('bad input is a 422 naming the body’s member, in the user’s language; nothing is saved or changed', async () => {
    const before = await contactsOf();
    const url = `/api/v1/customers/${company.customer.id}/contacts`;
    const noName = await apiCall(server, 'POST', url, { token: csr, json: { given_name: 'Sans', family_name: '' } });
    assert.equal(noName.status, 422);
    assert.deepEqual(noName.body.errors.map((e) => [e.field, e.code]), [['family_name', 'field.required']]);
    assert.equal(noName.body.errors[0].detail, 'This field is required.');

    const badMail = await apiCall(server, 'POST', url, { token: conseiller, json: { family_name: 'Mauvais', email: 'pas-une-adresse' } });
    assert.equal(badMail.status, 422);
    assert.equal(badMail.body.title, 'Saisie invalide');
    assert.deepEqual(badMail.body.errors, [{ field: 'email', code: 'field.email_invalid', detail: 'Saisissez une adresse électronique comme nom@exemple.fr.' }]);

    const badPhone = await apiCall(server, 'POST', url, { token: conseiller, json: { family_name: 'Mauvais', phone: '12' } });
    assert.equal(badPhone.status, 422);
    assert.deepEqual(badPhone.body.errors, [{ field: 'phone', code: 'phone.invalid', detail: '12 n’est pas un numéro de téléphone valide.' }]);

    const wrongType = await apiCall(server, 'POST', url, { token: csr, json: { family_name: 42 } });
    assert.equal(wrongType.status, 422);
    assert.ok(wrongType.body.errors.some((e) => e.field === 'family_name'), wrongType.text);

    const target = before[0];
    const put = await apiCall(server, 'PUT', `${url}/${target.id}`, {
      token: csr, json: { version: target.version, family_name: 'Changé', email: 'nope' },
    });
    assert.equal(put.status, 422);
    assert.deepEqual(put.body.errors.map((e) => [e.field, e.code, e.detail]),
                     [['email', 'field.email_invalid', 'Enter an e-mail address such as name@example.com.']]);
    const noVersion = await apiCall(server, 'PUT', `${url}/${target.id}`, { token: csr, json: { family_name: 'Changé' } });
    assert.equal(noVersion.status, 422);
    assert.ok(noVersion.body.errors.some((e) => e.field === 'version'), noVersion.text);

    assert.deepEqual(await contactsOf(), before, 'nothing was added or changed');
  });

  test('fulfilment may not read or edit contacts (403); another customer’s contact or a missing customer is a 404', async () => {
    const before = await contactsOf();
    const url = `/api/v1/customers/${company.customer.id}/contacts`;
    for (const [method, path, json] of [
      ['GET', url],
      ['POST', url, { family_name: 'Interdit' }],
      ['PUT', `${url}/${before[0].id}`, { version: before[0].version, family_name: 'Interdit' }],
    ]) {
      const res = await apiCall(server, method, path, { token: fulfilment, json });
      assert.equal(res.status, 403, `${method} ${path} as fulfilment: ${res.text}`);
    }
    const other = await createCustomer(server, csr, {
      kind: 'company', company_name: `Autre Société ${tag()}`,
      address: { line1: '1 quai Rambaud', postal_code: '69002', city: 'Lyon', country: 'FR' }, proceed: true,
    });
    const elsewhere = await apiCall(server, 'PUT', `/api/v1/customers/${other.customer.id}/contacts/${before[0].id}`, {
      token: csr, json: { version: before[0].version, family_name: 'Ailleurs' },
    });
    assert.equal(elsewhere.status, 404, elsewhere.text);
    const missing = await apiCall(server, 'POST', '/api/v1/customers/999999999/contacts', { token: csr, json: { family_name: 'Personne' } });
    assert.equal(missing.status, 404);
    assert.deepEqual(await contactsOf(other.customer.id), []);
    assert.deepEqual(await contactsOf(), before, 'nothing changed');
  });
});
