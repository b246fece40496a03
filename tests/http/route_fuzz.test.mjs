// The route fuzzer: every route of the router (from `rapport routes --json`)
// and every operation of the OpenAPI document, as anonymous and as each demo
// role, with path parameters that exist, do not, overflow or are not
// numbers; every form of every page posted with one field at a time set to
// empty, too long, the wrong type, bytes that are not UTF-8 or control
// characters (with the real CSRF token, so the handler runs); every JSON
// body built from the document's schema with one member at a time replaced
// the same way, or by null, an array or an object. Never a 500 (a 503 only
// with Retry-After), an HTML answer is a page and an API answer JSON (or a
// calendar or a PDF), and a saved record reads back as the answer said.
//
// Deterministic: the values are drawn from a seeded PRNG (RAPPORT_FUZZ_SEED,
// printed); the combinations are sampled so that every route and role is
// covered within a bounded number of requests (RAPPORT_FUZZ_SCALE=4 for a
// longer hunt; RAPPORT_FUZZ_VERBOSE=1 prints each operation's plain body
// answer, RAPPORT_FUZZ_FIELDS=1 every form field found).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  Client,
  DB_KIND,
  OPENAPI_PATH,
  ROOT,
  createCustomer,
  createToken,
  csrfOf,
  decodeEntities,
  loggedInClient,
  runCli,
  startServer,
  startSink,
  textOf,
} from '../support/harness.mjs';
import { portalFixture } from '../support/portal.mjs';
import { portalRecords } from '../support/portal_records.mjs';

const SEED = Number(process.env.RAPPORT_FUZZ_SEED ?? 13);
// More combinations for a longer hunt (RAPPORT_FUZZ_SCALE=4); 1 in make test.
const SCALE = Number(process.env.RAPPORT_FUZZ_SCALE ?? 1);
const ROLES = ['admin', 'manager', 'csr', 'fulfilment'];
// Besides the demo's staff roles, a portal customer (tests/support/portal.mjs,
// invited through the real mail): the portal's routes are fuzzed as the
// customer they are for, with the customer's own asset.
const ALL_ROLES = [...ROLES, 'customer'];
const OPENAPI = JSON.parse(fs.readFileSync(OPENAPI_PATH, 'utf8'));

// mulberry32: a small seeded PRNG.
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    pick: (list) => list[Math.floor(next() * list.length)],
    sample: (list, n) => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; --i) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    },
  };
}

// Path parameter values besides an existing id.
const BAD_IDS = ['999999999', '99999999999999999999999', 'abc', '-1', '0', '1.5', '%00', '%FF', '%C3%28',
                 '%2E%2E%2F1', '+1', '0x10', '1e3', '9'.repeat(3000)];

// Form values, percent-encoded as a form carries them. `marker` values are
// looked for on the page a successful save leads to.
const LONG = 'Fz' + 'x'.repeat(10_000);
const FORM_VALUES = {
  empty: '',
  long: encodeURIComponent(LONG),
  letters: 'abc',
  'huge number': '99999999999999999999999',
  'negative number': '-5',
  'bad date': '2026-02-30',
  'not UTF-8 (C3 28)': 'Fz%C3%28',
  'not UTF-8 (FF)': 'Fz%FF',
  NUL: 'FzNul%00cut',
  'LF in a line': 'FzLine%0Abreak',
  ESC: 'FzEsc%1B%5B31m',
  absent: null,
  twice: 'a&{name}=b',
};
const NOT_UTF8 = new Set(['not UTF-8 (C3 28)', 'not UTF-8 (FF)']);

// JSON members: replacements (raw bytes are spliced into the body).
const RAW = '\uE000RAW\uE000';
const JSON_VALUES = {
  'a number': 12345,
  'a boolean': true,
  'an empty string': '',
  'a long string': LONG,
  'not UTF-8': RAW,
  'a NUL': 'FzNul\u0000cut',
  'an ESC': 'FzEsc\u001b[31m',
  'a LF': 'FzLine\nbreak',
  null: null,
  'an array': ['x'],
  'an object': { x: 1 },
  'a huge number': 1e300,
  'a fraction': 1.5,
  'a letters string': 'abc',
  'a negative number': -1,
  'past 64 bits': '\uE000BIG\uE000',
  'deeply nested arrays': JSON.parse('['.repeat(60) + ']'.repeat(60)),
};
const BIG = '\uE000BIG\uE000';
// Whole bodies that are not the object an operation reads.
const BODIES = ['', '[]', '"text"', 'null', '42', '{', '{"a":', '['.repeat(100_000), '{"version": 1, "version": "x"}'];

// A message that is its key (a key missing from the catalog is shown so):
// a word of the catalog's namespaces, a dot, more words, nothing else.
const NAMESPACES = new Set([...fs.readFileSync(`${ROOT}/po/en.po`, 'utf8').matchAll(/^msgid "([a-z_]+)\./gm)].map((m) => m[1]));
function untranslated(text) {
  const m = /^([a-z_]+)\.[a-z0-9_.]+$/.exec(text.trim());
  return m && NAMESPACES.has(m[1]) ? m[0] : null;
}

// The answer is never a 500 (a 503 only with Retry-After), an HTML answer
// is a page and a JSON answer parses.
function checkAnswer(res, what) {
  const status = res.status;
  checkAnswer.statuses?.set(status, (checkAnswer.statuses.get(status) ?? 0) + 1);
  if (status === 503) assert.ok(res.headers.get('retry-after'), `${what}: 503 without Retry-After`);
  else assert.ok(status < 500, `${what}: ${status} ${textOf(res.text).slice(0, 300)}`);
  if (status === 204 || (status >= 300 && status < 400)) return;
  const type = res.contentType.split(';')[0].trim();
  if (type === 'text/html') {
    // A page, or an htmx fragment (empty when there is nothing to show).
    if (res.text.trim() !== '') assert.match(res.text.trimStart(), /^</, `${what}: ${status} text/html that is not HTML`);
    for (const note of res.text.matchAll(/<(?:p|span|li)\b[^>]*class="[^"]*error[^"]*"[^>]*>([^<]*)</g)) {
      const key = untranslated(decodeEntities(note[1]));
      assert.ok(!key, `${what}: ${status} shows the message key ${key}`);
    }
  } else if (type === 'application/json' || type === 'application/problem+json') {
    assert.doesNotThrow(() => JSON.parse(res.text), `${what}: ${status} ${type} that is not JSON`);
    if (type === 'application/problem+json') {
      const problem = JSON.parse(res.text);
      for (const detail of [problem.detail, ...(problem.errors ?? []).map((e) => e.detail)]) {
        const key = untranslated(detail ?? '');
        assert.ok(!key, `${what}: ${status} says the message key ${key}`);
      }
    }
  } else {
    // Product literature is served as it is (a PDF, an image).
    assert.ok(['text/plain', 'text/calendar', 'text/css', 'application/javascript', 'application/pdf',
               'image/png', 'image/jpeg'].includes(type),
              `${what}: ${status} with content type "${type}"`);
  }
}

// The forms of a page that post: action, fields (name → {type, value}) and
// the first named submit button.
function formsOf(html) {
  const forms = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1];
    const method = /\smethod\s*=\s*"([^"]*)"/i.exec(' ' + open)?.[1]?.toLowerCase();
    const action = decodeEntities(/\saction\s*=\s*"([^"]*)"/i.exec(' ' + open)?.[1] ?? '');
    if (method !== 'post' || !action.startsWith('/')) continue;
    const fields = {};
    let button = null;
    for (const tag of m[2].matchAll(/<(input|select|textarea|button)\b([^>]*)>/gi)) {
      const name = /\sname\s*=\s*"([^"]*)"/i.exec(' ' + tag[2])?.[1];
      if (!name) continue;
      const value = decodeEntities(/\svalue\s*=\s*"([^"]*)"/i.exec(' ' + tag[2])?.[1] ?? '');
      const kind = tag[1].toLowerCase();
      const type = kind === 'input' ? (/\stype\s*=\s*"([^"]*)"/i.exec(' ' + tag[2])?.[1] ?? 'text').toLowerCase() : kind;
      if (kind === 'button') {
        button ??= [name, value];
        continue;
      }
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(tag[2]) && name in fields) continue;
      fields[name] = { type, value };
    }
    forms.push({ action, fields, button });
  }
  return forms;
}

// The urlencoded body of `fields` with `name` set to the raw `encoded` text.
// (null: `name` left out; "{name}" in `encoded` is the field's name).
function rawForm(fields, name, encoded) {
  const pairs = Object.entries(fields).filter(([k]) => k !== name);
  const rest = new URLSearchParams(pairs).toString();
  if (encoded === null) return rest;
  return `${rest}&${encodeURIComponent(name)}=${encoded.replaceAll('{name}', encodeURIComponent(name))}`;
}

// A page's CSRF token: its htmx headers, or (the portal's layout has no
// htmx) its forms' hidden field.
const pageCsrf = (html) =>
  (/hx-headers/.test(html) ? csrfOf(html) : /name="_csrf" value="([^"]+)"/.exec(html)?.[1]);

// "/customers/42/contact-info/7" → "/customers/{}/contact-info/{}".
const shapeOf = (path) => path.replace(/\/\d+(?=\/|$)/g, '/{}').replace(/\?.*$/, '');

// The schema behind `$ref`s.
function resolve(schema) {
  for (let hops = 0; schema?.$ref && hops < 10; ++hops)
    schema = schema.$ref.slice(2).split('/').reduce((node, key) => node?.[key], OPENAPI);
  return schema ?? {};
}

describe(`route fuzz (${DB_KIND})`, () => {
  // Every failed check of a test, reported together at its end.
  let problems = [];
  const statuses = new Map();
  function soft(check) {
    try {
      check();
    } catch (e) {
      if (!(e instanceof assert.AssertionError)) throw e;
      problems.push(e.message.split('\n')[0].slice(0, 400));
    }
  }
  function report(what) {
    console.log(`${what}: ${[...statuses].sort().map(([s, n]) => `${n}× ${s}`).join(', ')}`);
    statuses.clear();
    const found = problems;
    problems = [];
    assert.deepEqual(found, [], `${found.length} problem(s):\n${found.slice(0, 60).join('\n')}`);
  }
  let server;
  let sink;
  let sinkFolder;
  let routes;
  const tokens = {};
  const pages = {};
  const ids = {};  // a parameter's path segment before it → an existing id
  const rnd = prng(SEED);
  let requests = 0;

  before(async () => {
    console.log(`route fuzz seed ${SEED} (RAPPORT_FUZZ_SEED)`);
    checkAnswer.statuses = statuses;
    server = await startServer({ demoCustomers: 3 });
    const listed = await runCli(['--db', server.dbUrl, 'routes', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    routes = JSON.parse(listed.stdout);
    for (const role of ROLES) {
      tokens[role] = (await createToken(server, role, 'fuzz')).token;
      pages[role] = await loggedInClient(server, role);
    }
    await findIds();
    // The portal customer, with an asset of their own (ids.assets).
    sinkFolder = await mkdtemp(path.join(os.tmpdir(), 'rapport-fuzz-sink-'));
    sink = await startSink(sinkFolder);
    const customer = await (await portalFixture(server, sinkFolder, sink.port)).customer();
    tokens.customer = customer.token;
    pages.customer = customer.client;
    const made = await portalRecords(server);
    const { list, product } = await made.priceList();
    await made.useList(customer.customer.id, list.id);
    ids.assets = (await made.records(customer.customer.id, product)).asset;
  });
  after(async () => {
    console.log(`route fuzz: ${requests} requests`);
    await server?.stop();
    sink?.stop();
    if (sinkFolder) await rm(sinkFolder, { recursive: true, force: true });
  });

  async function api(method, path, { token = tokens.admin, json, body, headers = {} } = {}) {
    const client = new Client(server);
    const h = { accept: 'application/json', ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    ++requests;
    const res = await client.request(method, path, { headers: h, json, body });
    let parsed;
    try {
      parsed = res.text ? JSON.parse(res.text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { ...res, body: parsed };
  }

  // Existing records for the path parameters, made through the API.
  async function findIds() {
    const first = async (path) => (await api('GET', path)).body?.items?.[0]?.id;
    const day = (n) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
    ids.users = (await api('GET', '/api/v1/users?limit=200')).body.items.find((u) => u.login === 'conseiller').id;
    const view = await createCustomer(server, tokens.csr, {
      given_name: 'Fuzz', family_name: 'Target',
      address: { line1: '5 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
      phones: [{ type: 'mobile', number: '0612345678' }], proceed: true,
    });
    ids.customers = view.customer.id;
    const contact = await api('POST', `/api/v1/customers/${ids.customers}/contacts`, {
      token: tokens.csr, json: { given_name: 'Fuzz', family_name: 'Contact' },
    });
    ids.contacts = contact.body?.id;
    const plan = await api('POST', '/api/v1/contact-plans', {
      json: { code: 'FUZZ', name_en: 'Fuzz', weekdays: [1, 2, 3, 4, 5, 6, 7], valid_from: day(0) },
    });
    assert.equal(plan.status, 201, plan.text);
    ids['contact-plans'] = ids.plans = plan.body.id;
    const exception = await api('POST', `/api/v1/contact-plans/${ids.plans}/exceptions`, {
      json: { from: day(30), reason: 'fuzz' },
    });
    ids.exceptions = exception.body?.id ?? exception.body?.exceptions?.at(-1)?.id;
    const info = await api('POST', `/api/v1/contact-plans/${ids.plans}/contact-info`, {
      json: { customer_id: ids.customers },
    });
    ids['contact-info'] = info.body?.id;
    const period = await api('POST', `/api/v1/customers/${ids.customers}/non-activity`, {
      json: { from: day(60), to: day(62), reason: 'fuzz' },
    });
    ids['non-activity'] = period.body?.id;
    const job = await api('POST', '/api/v1/plan-generations', { json: { plans: [ids.plans] } });
    ids.jobs = job.body?.job_id;
    for (let i = 0; i < 50 && !ids['plan-entries']; ++i) {
      ids['plan-entries'] = await first('/api/v1/plan-entries?limit=1');
      if (!ids['plan-entries']) await new Promise((r) => setTimeout(r, 100));
    }
    for (const campaign of (await api('GET', '/api/v1/campaigns')).body.items) {
      ids.packages = (await api('GET', `/api/v1/campaigns/${campaign.id}/packages`)).body?.items?.[0]?.id;
      ids.campaigns = campaign.id;
      if (ids.packages) break;
    }
    ids.answers = (await api('GET', `/api/v1/campaigns/${ids.campaigns}`)).body?.questions?.[0]?.code;
    const order = await api('POST', '/api/v1/service-orders', {
      token: tokens.csr, json: { parties: { person: 'use_existing', customer_id: ids.customers } },
    });
    ids['service-orders'] = order.body?.id;
    ids.quotes = (await api('POST', '/api/v1/quotes', { token: tokens.csr, json: { customer_id: ids.customers } })).body?.id;
    console.log(`route fuzz ids: ${JSON.stringify(ids)}`);
    for (const [k, v] of Object.entries(ids)) assert.ok(v, `an existing ${k}`);
  }

  // `pattern` with each parameter set to an existing record (or `bad` for
  // the parameter at `badIndex`).
  function pathFor(pattern, bad = null, badIndex = -1) {
    let index = -1;
    return pattern.replace(/\{([^}]+)\}/g, (whole, name, offset) => {
      ++index;
      if (index === badIndex) return bad;
      const before = pattern.slice(0, offset).split('/').filter(Boolean).at(-1);
      const key = { info_id: 'contact-info', period_id: 'non-activity', exception_id: 'exceptions' }[name] ?? before;
      return String(ids[key] ?? 1);
    });
  }

  test('rapport routes --json lists the router: known routes with their access, every API operation', () => {
    const has = (method, pattern, access) =>
      assert.ok(routes.some((r) => r.method === method && r.pattern === pattern && r.access === access),
                `${method} ${pattern} (${access}) is listed`);
    has('GET', '/health', 'open');
    has('GET', '/customers/{id}', 'staff');
    has('POST', '/api/v1/customers', 'staff');
    assert.ok(routes.find((r) => r.pattern === '/login' && r.method === 'POST').hashes_password);
    assert.ok(routes.some((r) => r.upload), 'an upload route is marked');
    for (const [path, ops] of Object.entries(OPENAPI.paths))
      for (const method of Object.keys(ops).filter((m) => m !== 'parameters'))
        assert.ok(routes.some((r) => r.method === method.toUpperCase() && r.pattern === path),
                  `${method.toUpperCase()} ${path} of openapi.json is a route`);
  });

  test('every route as every role, with existing, missing, huge and non-numeric ids: never a 500', async () => {
    const csrf = {};
    for (const role of ALL_ROLES) csrf[role] = pageCsrf((await pages[role].get(role === 'customer' ? '/portal' : '/')).text);
    for (const route of routes) {
      if (route.pattern === '/logout' || route.pattern === '/login' || route.hashes_password) continue;
      const params = (route.pattern.match(/\{/g) ?? []).length;
      const isApi = route.pattern.startsWith('/api/');
      for (const role of ['anonymous', ...ALL_ROLES]) {
        // Each role: the existing records and one bad value; admin: every bad value.
        const variants = [[null, -1]];
        for (let i = 0; i < params; ++i)
          for (const bad of role === 'admin' ? BAD_IDS : [rnd.pick(BAD_IDS)]) variants.push([bad, i]);
        for (const [bad, index] of variants) {
          const path = pathFor(route.pattern, bad, index);
          const what = `${route.method} ${path} as ${role}`;
          let res;
          ++requests;
          if (isApi || role === 'anonymous') {
            const client = new Client(server);
            const headers = { accept: isApi ? 'application/json' : 'text/html' };
            if (isApi && role !== 'anonymous') headers.authorization = `Bearer ${tokens[role]}`;
            const json = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
            res = await client.request(route.method, path, { headers, json, timeoutMs: 10_000 });
          } else {
            const body = route.method === 'GET' ? undefined : `_csrf=${encodeURIComponent(csrf[role])}`;
            res = await pages[role].request(route.method, path, {
              body, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
              timeoutMs: 10_000,
            });
          }
          soft(() => { checkAnswer(res, what); });
          // A document's bytes (/api/v1/literature/{id}/content) are not JSON.
          soft(() => { if (isApi && res.text && !path.endsWith('/content')) assert.match(res.contentType, /json|calendar|pdf/, `${what}: an API answer is JSON`); });
        }
      }
    }
    report('routes');
  });

  test('every form of every page, one field at a time: empty, too long, wrong type, not UTF-8, control characters', async () => {
    // The forms, each posted by the first role that is shown it.
    const forms = new Map();
    for (const role of ALL_ROLES) {
      for (const route of routes) {
        if (route.method !== 'GET' || route.pattern.startsWith('/api/') || route.access === 'open') continue;
        let path = pathFor(route.pattern);
        ++requests;
        let res = await pages[role].get(path, { timeoutMs: 10_000 });
        soft(() => { checkAnswer(res, `GET ${path} as ${role}`); });
        // A page that sends on to its form (a new order's one-time address).
        if (res.status === 303 && res.location?.startsWith('/') && !res.location.startsWith('/login')) {
          path = res.location;
          ++requests;
          res = await pages[role].get(path, { timeoutMs: 10_000 });
          soft(() => { checkAnswer(res, `GET ${path} as ${role}`); });
        }
        if (res.status !== 200 || !res.contentType.startsWith('text/html')) continue;
        for (const form of formsOf(res.text)) {
          const shape = shapeOf(form.action);
          if (shape === '/logout' || shape === '/login' || forms.has(shape)) continue;
          forms.set(shape, { ...form, role, page: path });
        }
      }
    }
    console.log(`forms: ${[...forms.keys()].join(' ')}`);
    if (process.env.RAPPORT_FUZZ_FIELDS)
      console.log(`fields: ${[...new Set([...forms.values()].flatMap((f) => Object.entries(f.fields).filter(([, v]) => v.type !== 'hidden').map(([k]) => k)))].join(' ')}`);
    assert.ok(forms.size >= 20, `only ${forms.size} forms found`);
    for (const [shape, form] of forms) {
      const client = pages[form.role];
      const names = Object.keys(form.fields).filter((n) => n !== '_csrf');
      for (const name of rnd.sample(names, 8 * SCALE)) {
        const field = form.fields[name];
        const numeric = ['number', 'date', 'time', 'datetime-local', 'hidden'].includes(field.type);
        const choices = Object.keys(FORM_VALUES).filter((k) =>
          numeric || !['huge number', 'negative number', 'bad date'].includes(k));
        for (const kind of rnd.sample(choices, 3 * SCALE)) {
          // A fresh page for its CSRF token and one-time form tokens.
          const page = await client.get(form.page);
          ++requests;
          if (page.status !== 200) continue;
          const fresh = formsOf(page.text).find((f) => shapeOf(f.action) === shape) ?? form;
          const values = Object.fromEntries(Object.entries(fresh.fields).map(([k, f]) => [k, f.value]));
          values._csrf = pageCsrf(page.text);
          if (fresh.button) values[fresh.button[0]] = fresh.button[1];
          const what = `POST ${fresh.action} as ${form.role} with ${name} = ${kind}`;
          ++requests;
          const res = await client.request('POST', fresh.action, {
            body: rawForm(values, name, FORM_VALUES[kind]),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            timeoutMs: 15_000,
          });
          soft(() => { checkAnswer(res, what); });
          // A 422 shows the error beside the field, above the form, or —
          // text refused before the handler runs — on an error page that
          // names the field by its label, in the user's language.
          if (res.status === 422 && res.contentType.startsWith('text/html')) {
            const page = /<section class="error-page">[\s\S]*?<\/h1>\s*<p>([^<]*)<\/p>/.exec(res.text)?.[1];
            const notes = [...res.text.matchAll(/class="(?:field-error|alert alert-error)"[^>]*>([^<]*)</g)].map((m) => m[1]);
            if (page === undefined)
              soft(() => assert.ok(notes.length > 0 || /aria-invalid="true"/.test(res.text),
                                   `${what}: 422 without an error beside a field or above the form`));
            for (const message of [page, ...notes].filter(Boolean).map(decodeEntities))
              // (An answer to a campaign's question is named by its code: its
              // label is the question, data rather than the catalog.)
              if (field.type !== 'hidden' && /[_.\d]/.test(name) && !/^(answer|sample|overrides)\./.test(name))
                soft(() => assert.ok(!message.split(/\s/).includes(name),
                                     `${what}: the error names the field ${name}, not its label: ${message}`));
          }
          const saved = res.status === 303 || res.status === 200 && !/aria-invalid="true"/.test(res.text);
          if (NOT_UTF8.has(kind) && name !== 'next' && name !== 'q')
            soft(() => assert.notEqual(res.status, 303, `${what}: bytes that are not UTF-8 were accepted`));
          // A value that was saved reads back whole where it is shown.
          if (saved && res.location && FORM_VALUES[kind]?.startsWith('Fz') && !NOT_UTF8.has(kind)) {
            const back = await client.get(res.location);
            ++requests;
            const text = textOf(back.text);
            const whole = decodeURIComponent(FORM_VALUES[kind]).replace(/\s+/g, ' ');
            const marker = whole.slice(0, 5);
            if (text.includes(marker))
              soft(() => assert.ok(text.includes(whole.replace(/[\u0000-\u001f]/g, (c) => (c === '\n' ? ' ' : c))),
                        `${what}: saved, but ${res.location} shows it otherwise`));
          }
        }
      }
    }
    report('forms');
  });

  test('every query parameter of the API: wrong types, empty, long, not UTF-8, control characters', async () => {
    const QUERY_VALUES = ['', 'abc', '-1', '99999999999999999999999', '%FF', 'Fz%C3%28', '%00', 'Fz%0A%1B', encodeURIComponent(LONG)];
    for (const [template, ops] of Object.entries(OPENAPI.paths)) {
      const op = ops.get;
      if (!op) continue;
      const names = [...(ops.parameters ?? []), ...(op.parameters ?? [])].map(resolve)
        .filter((p) => p.in === 'query').map((p) => p.name);
      for (const name of names) {
        for (const value of rnd.sample(QUERY_VALUES, 3 * SCALE)) {
          const path = `${pathFor(template)}?${name}=${value}`;
          const res = await api('GET', path, { token: tokens[rnd.pick(ROLES)] });
          soft(() => checkAnswer(res, `GET ${path.slice(0, 120)}`));
        }
      }
    }
    report('queries');
  });

  test('every API operation, one JSON member at a time: wrong types, empty, long, not UTF-8, control characters, null', async () => {
    const day = new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
    const PATTERNS = {
      '^[A-Z]{2}$': 'FR', '^[A-Z]{3}$': 'EUR', '^[a-z0-9._-]{2,64}$': `fz.${SEED}`,
      '^[a-z0-9_]{1,30}$': 'fz_q', '^(answer|order|computed):[a-z0-9_]+$': 'order:kind',
    };
    // Strings that must name something real, and members left out of the
    // plain body (they refer to records the body does not create).
    const HINTS = {
      time_zone: 'Europe/Paris', currency: 'EUR', phone: '0612345678', number: '0612345678',
      email: 'fz@example.com', emails: 'fz@example.com', postal_code: '69002', country: 'FR',
      customer_class: 'residential', new_person_class: 'residential', language: 'en', code: 'FZ',
      password: `Fuzz-password-${SEED}`, smtp_sender: 'fz@example.com', letterhead_email: 'fz@example.com', date_of_birth: '1980-01-01',
      latest: '17:00', closes: '20:00',
    };
    const LEFT_OUT = new Set(['contact_id', 'categories', 'overrides', 'prospect', 'answers', 'min', 'max']);
    let serial = 0;
    // A plausible value for `schema`; `name` picks existing ids. Below the
    // top level only the required members.
    function valueOf(schemaRef, name, depth = 0) {
      const schema = resolve(schemaRef);
      if (schema.const !== undefined) return schema.const;
      if (schema.enum) return schema.enum[0];
      const alt = schema.anyOf ?? schema.oneOf;
      if (alt) return valueOf(alt.find((a) => resolve(a).type !== 'null') ?? alt[0], name, depth);
      if (schema.allOf) return Object.assign({}, ...schema.allOf.map((a) => valueOf(a, name, depth)));
      const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
      if (type === 'integer' || type === 'number') {
        if (name?.endsWith('customer_id')) return ids.customers;
        if (name?.endsWith('campaign_id') || name === 'default_campaign') return ids.campaigns;
        if (name?.endsWith('package_id')) return ids.packages;
        if (name?.endsWith('plan_id')) return ids.plans;
        if (name?.endsWith('user_id')) return ids.users;
        return schema.minimum ?? 1;
      }
      if (type === 'boolean') return name === 'proceed';
      if (type === 'array') return depth > 2 || !schema.items ? [] : [valueOf(schema.items, name, depth + 1)];
      if (type === 'object' || schema.properties) {
        if (depth > 2) return {};
        const required = new Set(schema.required ?? []);
        return Object.fromEntries(Object.entries(schema.properties ?? {})
          .filter(([k]) => required.has(k) || (depth === 0 && !LEFT_OUT.has(k)))
          .map(([k, v]) => [k, valueOf(v, k, depth + 1)]));
      }
      if (schema.pattern && name !== 'latest' && name !== 'closes') return PATTERNS[schema.pattern] ?? '09:00';
      if (HINTS[name]) return HINTS[name] === 'FZ' ? `FZ${++serial}` : HINTS[name];
      if (schema.format === 'date') return day;
      if (schema.format === 'date-time') return `${day}T10:00:00Z`;
      if (schema.pattern) return PATTERNS[schema.pattern] ?? '09:00';
      const text = `Fz${SEED}x${++serial}`;
      return schema.maxLength && schema.maxLength < text.length ? text.slice(-schema.maxLength).toUpperCase() : text;
    }
    // The scalar members of `body` (depth ≤ 2) as paths.
    function members(body, prefix = []) {
      const out = [];
      for (const [k, v] of Object.entries(body ?? {})) {
        if (v && typeof v === 'object' && !Array.isArray(v) && prefix.length < 1) out.push(...members(v, [...prefix, k]));
        out.push([...prefix, k]);
      }
      return out;
    }
    const withMember = (body, path, value) => {
      const copy = structuredClone(body);
      let node = copy;
      for (const k of path.slice(0, -1)) node = node[k];
      node[path.at(-1)] = value;
      return copy;
    };
    // The body as bytes, the RAW placeholder replaced by bytes that are not UTF-8.
    const bytesOf = (json) => {
      const text = JSON.stringify(json);
      const parts = text.replaceAll(`"${BIG}"`, '18446744073709551616').split(RAW);
      return Buffer.concat(parts.flatMap((p, i) =>
        i === 0 ? [Buffer.from(p)] : [Buffer.from([0x46, 0x7a, 0xc3, 0x28, 0xff]), Buffer.from(p)]));
    };
    // The record in an answer: the body, or its member that has the id
    // ({"customer": {...}, "accounts": [...]}, {"plan": {...}, ...}).
    const recordOf = (body) => {
      if (!body || typeof body !== 'object' || typeof body.id === 'number') return body;
      return Object.values(body).find((v) => v && typeof v === 'object' && typeof v.id === 'number') ?? body;
    };
    const getPathOf = (method, template, path, answer) => {
      if (method === 'PUT' && OPENAPI.paths[template]?.get) return path;
      const id = recordOf(answer)?.id;
      if (method === 'POST' && id && OPENAPI.paths[`${template}/{id}`]?.get) return `${path}/${id}`;
      return null;
    };
    const get = (obj, path) => path.reduce((n, k) => n?.[k], obj);
    // The current version of the record at `template` or the nearest
    // resource above it (/service-orders/{id}/hold → /service-orders/{id}).
    async function versionOf(template) {
      for (let t = template; t.includes('/'); t = t.slice(0, t.lastIndexOf('/')))
        if (OPENAPI.paths[t]?.get && t.endsWith('}')) return recordOf((await api('GET', pathFor(t))).body)?.version ?? 1;
      return 1;
    }

    // Cancelling last: a cancelled order refuses every other change.
    const operations = Object.entries(OPENAPI.paths).sort(([a], [b]) => a.endsWith('/cancel') - b.endsWith('/cancel'));
    for (const [template, ops] of operations) {
      for (const [m, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (m === 'parameters' || !schema) continue;
        const method = m.toUpperCase();
        const path = pathFor(template);
        // The portal's operations are the customer's: their bodies are fuzzed with the customer's token.
        const token = template.startsWith('/api/v1/portal/') ? tokens.customer : tokens.admin;
        const base = valueOf(schema);
        if ('version' in base) base.version = await versionOf(template);
        // Each role with the plain body; admin then with each member replaced.
        for (const role of ['anonymous', ...ALL_ROLES]) {
          const res = await api(method, path, { token: role === 'anonymous' ? null : tokens[role], json: base });
          soft(() => { checkAnswer(res, `${method} ${path} as ${role}`); });
          if (process.env.RAPPORT_FUZZ_VERBOSE && role === 'admin') console.log(`${method} ${path} base: ${res.status} ${res.text.slice(0, 200)}`);
          soft(() => { assert.ok(res.status === 204 || res.body !== undefined, `${method} ${path} as ${role}: JSON`); });
        }
        for (const body of rnd.sample(BODIES, 2 * SCALE)) {
          const res = await api(method, path, { token, body, headers: { 'content-type': 'application/json' } });
          soft(() => checkAnswer(res, `${method} ${path} with the body ${body.slice(0, 20)}`));
          soft(() => assert.ok(res.status >= 400, `${method} ${path} with the body ${body.slice(0, 20)}: ${res.status}`));
        }
        for (const member of rnd.sample(members(base), 10 * SCALE)) {
          for (const kind of rnd.sample(Object.keys(JSON_VALUES), 4 * SCALE)) {
            // The current version, so that an update can succeed.
            let body = base;
            if ('version' in base) body = { ...base, version: await versionOf(template) };
            const sent = withMember(body, member, JSON_VALUES[kind]);
            const what = `${method} ${path} with ${member.join('.')} = ${kind}`;
            const res = await api(method, path, {
              token, body: bytesOf(sent), headers: { 'content-type': 'application/json' },
            });
            soft(() => { checkAnswer(res, what); });
            soft(() => { assert.ok(res.status === 204 || res.body !== undefined, `${what}: ${res.status} is not JSON`); });
            if (res.status >= 300) continue;
            soft(() => { assert.notEqual(kind, 'not UTF-8', `${what}: bytes that are not UTF-8 were accepted (${res.status})`); });
            if (kind === 'a NUL') {
              const echoed = JSON.stringify(res.body);
              soft(() => assert.ok(!echoed.includes('FzNulcut') && !/"FzNul"/.test(echoed), `${what}: the NUL was dropped: ${echoed.slice(0, 300)}`));
            }
            // What the answer says is what is stored.
            const readPath = getPathOf(method, template, path, res.body);
            if (!readPath || !res.body) continue;
            const back = await api('GET', readPath);
            soft(() => { assert.equal(back.status, 200, `${what}: GET ${readPath} → ${back.status}`); });
            const said = get(recordOf(res.body), member);
            const stored = get(recordOf(back.body), member);
            soft(() => assert.deepEqual(recordOf(back.body), recordOf(res.body), `${what}: the record read back differs from the answer`));
            if (said !== undefined)
              soft(() => assert.deepEqual(stored, said, `${what}: stored ${JSON.stringify(stored)?.slice(0, 80)} ≠ answered ${JSON.stringify(said)?.slice(0, 80)}`));
          }
        }
      }
    }
    report('API');
  });
});
