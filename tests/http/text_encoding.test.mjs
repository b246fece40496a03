// Text is checked once where it comes in, on every face: a form field, a
// query parameter or a JSON string that is not UTF-8 or holds a control
// character is refused with 422 naming the field, and nothing is stored —
// on SQLite and on PostgreSQL alike (which used to answer 500, or cut a NUL
// while the 201 echoed it). A name is one line: no CR, LF or tab.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createToken,
  errorBeside,
  formOf,
  loggedInClient,
  pageWithCsrf,
  startServer,
  textOf,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex');

// Percent-encoded, as a form or a query string carries them.
const NOT_UTF8 = {
  'a lone 0xFF': '%FF',
  'Latin-1': 'Du%E9pont',
  'a cut sequence': 'Dup%C3',
  'an overlong slash': 'Du%C0%AFpont',
  'an overlong NUL': 'Du%C0%80pont',
  'a surrogate': 'Du%ED%A0%80pont',
  'past U+10FFFF': 'Du%F4%90%80%80pont',
};
const CONTROL = {
  'a NUL': 'Du%00pont',
  'a 0x01': 'Du%01pont',
  'an escape sequence': 'Du%1B%5B31mpont',
  'a DEL': 'Du%7Fpont',
  'a C1 NEL': 'Du%C2%85pont',
};
const LINE_BREAKS = { 'a CR LF': 'Du%0D%0Apont', 'a LF': 'Du%0Apont', 'a tab': 'Du%09pont' };

// The bytes of percent-encoded text, as they are (not re-encoded as UTF-8).
const bytesOf = (encoded) =>
  Buffer.from(encoded.replace(/%([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');

// The urlencoded body of `fields` with `name` set to the raw `encoded` text.
function rawForm(fields, name, encoded) {
  const rest = Object.entries(fields).filter(([k]) => k !== name);
  return `${new URLSearchParams(rest).toString()}&${name}=${encoded}`;
}

describe(`text encoding at the boundary (${DB_KIND})`, () => {
  let server;
  let csr;
  let admin;
  let csrPage;
  let adminPage;
  const given = `Enc${tag()}`;  // every customer attempted here has this given name

  before(async () => {
    server = await startServer();
    csr = (await createToken(server, 'csr', 'text')).token;
    admin = (await createToken(server, 'admin', 'text')).token;
    csrPage = await loggedInClient(server, 'csr');
    adminPage = await loggedInClient(server, 'admin');
  });
  after(async () => {
    await server?.stop();
  });

  async function nothingStored() {
    const found = await apiCall(server, 'GET', `/api/v1/customers?q=${given}`, { token: csr });
    assert.equal(found.status, 200, found.text);
    assert.deepEqual(found.body.items, [], 'no customer was stored');
  }

  const customerJson = (family_name) => ({
    given_name: given,
    family_name,
    address: { line1: '5 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
  });

  test('the customer form refuses bytes that are not UTF-8 and control characters, naming the field', async () => {
    const { html, csrf } = await pageWithCsrf(csrPage, '/customers/new');
    const form = formOf(html, '/customers');
    const fields = { ...form.fields, _csrf: csrf, given_name: given, line1: '5 place Bellecour',
                     postal_code: '69002', city: 'Lyon', country: 'FR', customer_class: form.fields.customer_class || 'residential' };
    for (const [what, encoded] of Object.entries({ ...NOT_UTF8, ...CONTROL })) {
      const res = await csrPage.post('/customers', {
        body: rawForm(fields, 'family_name', encoded),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 422, `${what}: ${res.status} ${textOf(res.text).slice(0, 300)}`);
      assert.match(textOf(res.text), /Family name holds/, `${what}: the page names the field by its label`);
      assert.match(textOf(res.text), NOT_UTF8[what] ? /not UTF-8/ : /control character/, what);
    }
    await nothingStored();
  });

  test('a customer name with a line break or a tab is refused beside the field, by form and by API', async () => {
    const { html, csrf } = await pageWithCsrf(csrPage, '/customers/new');
    const form = formOf(html, '/customers');
    const fields = { ...form.fields, _csrf: csrf, given_name: given, line1: '5 place Bellecour',
                     postal_code: '69002', city: 'Lyon', country: 'FR', customer_class: form.fields.customer_class || 'residential' };
    for (const [what, encoded] of Object.entries(LINE_BREAKS)) {
      const res = await csrPage.post('/customers', {
        body: rawForm(fields, 'family_name', encoded),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 422, `${what}: ${res.status} ${textOf(res.text).slice(0, 300)}`);
      assert.match(errorBeside(res.text, 'family_name', what), /one line/);
      const api = await apiCall(server, 'POST', '/api/v1/customers', {
        token: csr, json: customerJson(decodeURIComponent(encoded)),
      });
      assert.equal(api.status, 422, `${what} by API: ${api.text}`);
      assert.ok(api.body.errors.some((e) => e.field === 'family_name' && e.code === 'text.one_line'), api.text);
    }
    await nothingStored();
  });

  test('the API refuses a NUL or a control character in a JSON string, naming the member', async () => {
    for (const [what, encoded] of Object.entries(CONTROL)) {
      const res = await apiCall(server, 'POST', '/api/v1/customers', {
        token: csr, json: customerJson(decodeURIComponent(encoded)),
      });
      assert.equal(res.status, 422, `${what}: ${res.text}`);
      assert.equal(res.body.code, 'text.control_character', what);
      assert.equal(res.body.field, 'family_name', what);
    }
    const nested = await apiCall(server, 'POST', '/api/v1/customers', {
      token: csr, json: { ...customerJson('Dupont'), address: { ...customerJson('x').address, city: 'Ly\u0000on' } },
    });
    assert.equal(nested.status, 422, nested.text);
    assert.equal(nested.body.field, 'address.city');
    await nothingStored();
  });

  test('the API refuses a JSON body whose strings are not UTF-8, naming the member', async () => {
    for (const [what, encoded] of Object.entries(NOT_UTF8)) {
      const json = JSON.stringify(customerJson('@NAME@'));
      const [head, tail] = json.split('@NAME@');
      const raw = Buffer.concat([Buffer.from(head), bytesOf(encoded), Buffer.from(tail)]);
      const res = await apiCall(server, 'POST', '/api/v1/customers', {
        token: csr, body: raw, headers: { 'content-type': 'application/json' },
      });
      assert.equal(res.status, 422, `${what}: ${res.text}`);
      assert.equal(res.body.code, 'text.invalid_utf8', `${what}: ${res.text}`);
      assert.equal(res.body.field, 'family_name', what);
    }
    await nothingStored();
  });

  test('a search query that is not UTF-8 or holds a control character is refused on both faces', async () => {
    for (const [what, encoded] of Object.entries({ ...NOT_UTF8, ...CONTROL })) {
      const api = await apiCall(server, 'GET', `/api/v1/customers?q=${encoded}`, { token: csr });
      assert.equal(api.status, 422, `${what}: ${api.text}`);
      assert.equal(api.body.field, 'q', what);
      assert.equal(api.body.code, NOT_UTF8[what] ? 'text.invalid_utf8' : 'text.control_character', what);
      for (const page of [`/customers?q=${encoded}`, `/customers/suggest?q=${encoded}`]) {
        const res = await csrPage.get(page);
        assert.equal(res.status, 422, `${what} on ${page}: ${res.status}`);
        assert.match(textOf(res.text), /\bSearch holds\b/, `${what}: the page names the search box by its label`);
      }
    }
    // A well-formed search still works, accents and all.
    const ok = await apiCall(server, 'GET', `/api/v1/customers?q=${encodeURIComponent('Hélène')}`, { token: csr });
    assert.equal(ok.status, 200, ok.text);
  });

  test("a user's display name refuses line breaks and control characters, by form and by API", async () => {
    const { html, csrf } = await pageWithCsrf(adminPage, '/admin/users/new');
    const form = formOf(html, '/admin/users');
    assert.ok(form, 'the new user form');
    const login = `enc${tag()}`;
    const fields = { ...form.fields, _csrf: csrf, login, password: 'correct horse battery', roles: 'csr' };
    for (const [what, encoded] of Object.entries({ ...LINE_BREAKS, ...CONTROL })) {
      const res = await adminPage.post('/admin/users', {
        body: rawForm(fields, 'display_name', `Sam${encoded}Carter`),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 422, `${what}: ${res.status} ${textOf(res.text).slice(0, 300)}`);
      if (LINE_BREAKS[what]) assert.match(errorBeside(res.text, 'display_name', what), /one line/);
      else assert.match(textOf(res.text), /display_name|Name/, what);
      const api = await apiCall(server, 'POST', '/api/v1/users', {
        token: admin,
        json: { login, display_name: `Sam${decodeURIComponent(encoded)}Carter`, roles: ['csr'], password: 'correct horse battery' },
      });
      assert.equal(api.status, 422, `${what} by API: ${api.text}`);
      assert.ok(api.body.errors?.some((e) => e.field === 'display_name') || api.body.field === 'display_name', api.text);
    }
    const users = await apiCall(server, 'GET', '/api/v1/users?limit=200', { token: admin });
    assert.ok(!users.body.items.some((u) => u.login === login), 'no user was made');
  });

  // Found by the route fuzzer: the refusal named the field by its form name
  // ("busy_delay holds a control character") where it had no label.
  test('a refused field is named by its label in the reader\'s language, on every form', async () => {
    const fr = await loggedInClient(server, 'conseiller');
    const cases = [
      [adminPage, '/admin/settings', '/admin/settings', 'busy_delay', /Delay after “Line busy” holds a control character/],
      [adminPage, '/account', '/account/password', 'current_password', /Current password holds a control character/],
      [fr, '/customers/new', '/customers', 'phone2', /Autre téléphone contient un caractère de contrôle/],
    ];
    for (const [client, page, action, name, label] of cases) {
      const { html, csrf } = await pageWithCsrf(client, page);
      const form = formOf(html, action);
      assert.ok(form, `the form of ${page}`);
      const res = await client.post(action, {
        body: rawForm({ ...form.fields, _csrf: csrf }, name, 'x%00y'),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 422, `${name}: ${res.status}`);
      assert.match(textOf(res.text), label, name);
      assert.doesNotMatch(textOf(res.text), new RegExp(`\\b${name}\\b`), `${name}: no form name shown`);
    }
  });
});
