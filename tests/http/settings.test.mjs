// The installation settings page (/admin/settings) as an admin and as a CSR:
// saving, optimistic locking, validation, the audit history and CSRF.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  decodeEntities,
  formOf,
  loggedInClient,
  startServer,
  textOf,
} from '../support/harness.mjs';

// The settings form as the page shows it: {html, fields (incl. _csrf and version), history}.
async function openSettings(client, target = '/admin/settings') {
  const res = await client.get(target);
  assert.equal(res.status, 200, `GET ${target}: ${textOf(res.text).slice(0, 300)}`);
  const form = formOf(res.text, '/admin/settings');
  assert.ok(form, 'the page has the settings form');
  assert.ok(form.fields._csrf, 'the settings form carries a _csrf token');
  assert.match(form.fields.version, /^\d+$/, 'the settings form carries the version');
  return { res, html: res.text, fields: form.fields, history: historyRows(res.text) };
}

// The rows of the history table: [{when, who, field, old, new}].
function historyRows(html) {
  const section = /<section class="history"[\s\S]*?<\/section>/.exec(html);
  assert.ok(section, 'the page has a history section');
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section[0]);
  if (!body) return [];
  return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => decodeEntities(c[1]).trim());
    const [when, who, field, old, now] = cells;
    return { when, who, field, old, new: now };
  });
}

function fieldError(html, name) {
  const m = new RegExp(`<p class="field-error" id="${name}-error">([\\s\\S]*?)</p>`).exec(html);
  return m ? decodeEntities(m[1]).trim() : null;
}

function inputTag(html, name) {
  const m = new RegExp(`<input[^>]*\\sname="${name}"[^>]*>`).exec(html);
  assert.ok(m, `the form has an input named ${name}`);
  return m[0];
}

const unique = (prefix) => `${prefix} ${crypto.randomBytes(3).toString('hex')}`;

describe(`installation settings page (${DB_KIND})`, () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await loggedInClient(server, 'admin');
  });
  after(async () => {
    await server?.stop();
  });

  test('the admin changes the company name: saved, and the history shows old → new by Alex Admin', async () => {
    const before = await openSettings(admin);
    const oldName = before.fields.company_name;
    assert.ok(oldName, 'the demo settings have a company name');
    const newName = unique('Rapport Test Co');
    const res = await admin.postForm('/admin/settings', { ...before.fields, company_name: newName });
    assert.equal(res.status, 303, textOf(res.text).slice(0, 500));
    assert.equal(res.location, '/admin/settings?saved=1');

    const after = await openSettings(admin, res.location);
    assert.match(textOf(after.html), /Saved\./);
    assert.equal(after.fields.company_name, newName);
    assert.ok(Number(after.fields.version) > Number(before.fields.version), 'the version went up');
    assert.equal(after.history.length, before.history.length + 1, 'one history row per changed field');
    const row = after.history.find((r) => r.new === newName);
    assert.ok(row, `a history row shows the new name: ${JSON.stringify(after.history)}`);
    assert.equal(row.who, 'Alex Admin');
    assert.equal(row.field, 'Company name');
    assert.equal(row.old, oldName);
    assert.ok(row.when, 'the row says when');
  });

  test('a second submit with the version first read is refused with 409 naming who changed it', async () => {
    const opened = await openSettings(admin);
    const first = unique('First Co');
    const saved = await admin.postForm('/admin/settings', { ...opened.fields, company_name: first });
    assert.equal(saved.status, 303);

    const second = unique('Second Co');
    const stale = await admin.postForm('/admin/settings', { ...opened.fields, company_name: second });
    assert.equal(stale.status, 409);
    assert.match(stale.contentType, /^text\/html/);
    assert.match(textOf(stale.text), /Changed by Alex Admin at .+ since you opened it\./);

    const now = await openSettings(admin);
    assert.equal(now.fields.company_name, first, 'the stale submit changed nothing');
    assert.equal(now.history.filter((r) => r.new === second).length, 0);
  });

  test('an invalid form is refused with 422, each field error shown, and nothing saved', async () => {
    const before = await openSettings(admin);
    const res = await admin.postForm('/admin/settings', {
      ...before.fields, currency: 'XX', smtp_port: '0', smtp_sender: 'nope',
    });
    assert.equal(res.status, 422);
    const text = textOf(res.text);
    assert.match(text, /Please correct the following:/);
    const expected = {
      currency: 'Unknown currency: use an ISO 4217 code such as EUR.',
      smtp_port: 'The SMTP port is a number from 1 to 65535.',
      smtp_sender: 'Enter an e-mail address such as name@example.com.',
    };
    for (const [name, message] of Object.entries(expected)) {
      assert.equal(fieldError(res.text, name), message, `the error next to ${name}`);
      assert.match(inputTag(res.text, name), /aria-invalid="true"/, `${name} is marked invalid`);
      assert.match(res.text, new RegExp(`<li><a href="#${name}">`), `the summary links to ${name}`);
    }
    assert.equal(fieldError(res.text, 'company_name'), null, 'valid fields carry no error');
    // What the admin typed is kept for correction.
    const shown = formOf(res.text, '/admin/settings').fields;
    assert.equal(shown.currency, 'XX');
    assert.equal(shown.smtp_sender, 'nope');

    const now = await openSettings(admin);
    for (const name of ['currency', 'smtp_port', 'smtp_sender', 'version', 'company_name'])
      assert.equal(now.fields[name], before.fields[name], `${name} unchanged`);
    assert.equal(now.history.length, before.history.length, 'no history row');
  });

  test('opening hours: closing before opening is refused beside the field; saved hours are in the history', async () => {
    const before = await openSettings(admin);
    assert.equal(before.fields.opens, '00:00', 'always open by default');
    assert.equal(before.fields.closes, '24:00');
    const bad = await admin.postForm('/admin/settings', { ...before.fields, opens: '20:00', closes: '08:00' });
    assert.equal(bad.status, 422);
    assert.equal(fieldError(bad.text, 'closes'), 'Closing must be after opening.');
    assert.equal(formOf(bad.text, '/admin/settings').fields.opens, '20:00', 'what was typed is kept');
    const unread = await admin.postForm('/admin/settings', { ...before.fields, opens: '8h' });
    assert.equal(unread.status, 422);
    assert.ok(fieldError(unread.text, 'opens'), 'a time that cannot be read is named');
    assert.equal(formOf(unread.text, '/admin/settings').fields.opens, '8h');

    const saved = await admin.postForm('/admin/settings', { ...before.fields, opens: '08:00', closes: '20:00' });
    assert.equal(saved.status, 303, textOf(saved.text).slice(0, 500));
    const after = await openSettings(admin, saved.location);
    assert.equal(after.fields.opens, '08:00');
    assert.equal(after.fields.closes, '20:00');
    const row = after.history.find((r) => r.field === 'Opens at (HH:MM)');
    assert.ok(row, JSON.stringify(after.history));
    assert.equal(row.old, '00:00');
    assert.equal(row.new, '08:00');
    const back = await admin.postForm('/admin/settings', { ...after.fields, opens: '00:00', closes: '24:00' });
    assert.equal(back.status, 303);
  });

  test('a POST without the CSRF token is refused with 403 and nothing changes', async () => {
    const before = await openSettings(admin);
    const { _csrf, ...withoutToken } = before.fields;
    const attempt = unique('Forged Co');
    const res = await admin.postForm('/admin/settings', { ...withoutToken, company_name: attempt });
    assert.equal(res.status, 403);
    assert.match(textOf(res.text), /This form is out of date or did not come from Rapport/);
    const wrong = await admin.postForm('/admin/settings', {
      ...withoutToken, _csrf: 'not-the-token', company_name: attempt,
    });
    assert.equal(wrong.status, 403);

    const now = await openSettings(admin);
    assert.equal(now.fields.company_name, before.fields.company_name);
    assert.equal(now.fields.version, before.fields.version);
    assert.equal(now.history.length, before.history.length);

    // The token in the X-CSRF-Token header (as htmx sends it) is accepted.
    const viaHeader = await admin.postForm('/admin/settings', { ...withoutToken, company_name: attempt }, {
      headers: { 'x-csrf-token': _csrf },
    });
    assert.equal(viaHeader.status, 303);
    assert.equal((await openSettings(admin)).fields.company_name, attempt);
  });

  test('a CSR gets a 403 page for the settings, and the navigation does not offer them', async () => {
    const csr = await loggedInClient(server, 'csr');
    const res = await csr.get('/admin/settings');
    assert.equal(res.status, 403);
    assert.match(res.contentType, /^text\/html/);
    assert.match(textOf(res.text), /Not allowed/);
    assert.equal(formOf(res.text, '/admin/settings'), null, 'no settings form is shown');
    const home = await csr.get('/');
    assert.doesNotMatch(home.text, /href="\/admin\/settings"/);
    const adminHome = await admin.get('/');
    assert.match(adminHome.text, /href="\/admin\/settings"/);
  });
});
