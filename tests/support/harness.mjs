// Shared helpers of the black-box HTTP, API and browser tests of Rapport.
//
// Every suite drives the real `rapport` binary: a fresh database (SQLite
// file or PostgreSQL database) is migrated and loaded with the demo data,
// then `rapport serve` is started on a free port of 127.0.0.1.
//
// Environment:
//   RAPPORT_BIN            the binary (default /work/main/build/rapport)
//   RAPPORT_TEST_DB_KIND   sqlite (default) or postgresql
//   RAPPORT_TEST_PG_URL    admin URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.RAPPORT_BIN || '/work/main/build/rapport';
export const DB_KIND = process.env.RAPPORT_TEST_DB_KIND || 'sqlite';
export const OPENAPI_PATH = path.join(ROOT, 'api', 'openapi.json');

// The demo data (`rapport demo`): every demo user has this password.
export const DEMO_PASSWORD = 'demo';
export const DEMO_USERS = {
  csr: { name: 'Sam Carter', roles: ['csr'], language: 'en' },
  manager: { name: 'Morgan Blake', roles: ['manager'], language: 'en' },
  fulfilment: { name: 'Frankie Dubois', roles: ['fulfilment'], language: 'en' },
  admin: { name: 'Alex Admin', roles: ['admin'], language: 'en' },
  conseiller: { name: 'Camille Lefèvre', roles: ['csr'], language: 'fr' },
};
// The demo's customer portal log-ins (app/demo/demo_portal.h), same password.
export const DEMO_PORTAL_USERS = {
  customer: { roles: ['customer'], language: 'en' },
  cliente: { roles: ['customer'], language: 'fr' },
};

const SERVE_START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const CLI_TIMEOUT_MS = 30_000;
const HTTP_TIMEOUT_MS = 15_000;

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// `promise`'s value, or `fallback` when it has not settled within `ms`
// (the timer is cleared either way, so nothing lingers).
export function within(promise, ms, fallback = null) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// Processes

// The environment of every rapport process: English messages unless the
// caller says otherwise, and none of the developer's RAPPORT_* settings.
function cliEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'RAPPORT_DB', 'RAPPORT_LISTEN'])
    delete env[name];
  env.LANG = 'C.UTF-8';
  return { ...env, ...extra };
}

// Runs a command with a bounded wait; never rejects on a non-zero exit.
export function runCommand(file, args, { env, input, timeoutMs = CLI_TIMEOUT_MS } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut)
        reject(new Error(`${file} ${args.join(' ')} did not finish within ${timeoutMs} ms\n` +
                         `stdout: ${stdout}\nstderr: ${stderr}`));
      else resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

// Runs `rapport ARGS…` (LANG=C.UTF-8 unless env says otherwise).
export function runCli(args, { env = {}, input, timeoutMs } = {}) {
  return runCommand(BIN, args, { env: cliEnv(env), input, timeoutMs });
}

// ---------------------------------------------------------------------------
// Databases

function pgAdminUrl() {
  const admin = process.env.RAPPORT_TEST_PG_URL;
  if (!admin)
    throw new Error('RAPPORT_TEST_DB_KIND=postgresql needs RAPPORT_TEST_PG_URL ' +
                    '(e.g. postgresql://postgres@127.0.0.1:5432/postgres; see scripts/pg-test-server)');
  return admin;
}

async function psql(admin, sql) {
  const r = await runCommand('psql', [admin, '-v', 'ON_ERROR_STOP=1', '-qc', sql], {
    timeoutMs: 30_000,
  });
  if (r.code !== 0) throw new Error(`psql failed (${sql}): ${r.stderr}`);
}

// A fresh, empty database: {url, drop()}.
export async function createDatabase(kind = DB_KIND) {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-test-'));
    return {
      kind,
      url: `sqlite:${path.join(dir, 't.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  if (kind === 'postgresql') {
    const admin = pgAdminUrl();
    const name = `rt_${crypto.randomBytes(6).toString('hex')}`;
    await psql(admin, `CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return {
      kind,
      url: u.toString(),
      drop: () => psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  throw new Error(`unknown RAPPORT_TEST_DB_KIND ${kind}: use sqlite or postgresql`);
}

// ---------------------------------------------------------------------------
// The server

const MAX_LOG = 4 * 1024 * 1024;

// Spawns `rapport serve` and waits for its "serving on http://…" line:
// {proc, url, port, stdout, stderr, exit, exited}. Several may share one
// database (tests/support/cluster.mjs).
export function spawnServe(dbUrl, listen, env) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, ['--db', dbUrl, 'serve', '--listen', listen], {
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const state = { proc, stdout: '', stderr: '', exit: null };
    // Keep reading: the access log goes to stdout and a full pipe would block the server.
    proc.stdout.setEncoding('utf8').on('data', (d) => {
      if (state.stdout.length < MAX_LOG) state.stdout += d;
      check();
    });
    proc.stderr.setEncoding('utf8').on('data', (d) => {
      if (state.stderr.length < MAX_LOG) state.stderr += d;
    });
    state.exited = new Promise((res) => {
      proc.on('exit', (code, signal) => {
        state.exit = { code, signal };
        res(state.exit);
      });
    });
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      proc.kill('SIGKILL');
      reject(new Error(`rapport serve did not report its address within ${SERVE_START_TIMEOUT_MS} ms\n` +
                       `stdout: ${state.stdout}\nstderr: ${state.stderr}`));
    }, SERVE_START_TIMEOUT_MS);
    function check() {
      if (settled) return;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(state.stdout);
      if (!m) return;
      settled = true;
      clearTimeout(timer);
      state.port = Number(m[1]);
      state.url = `http://127.0.0.1:${m[1]}`;
      resolve(state);
    }
    proc.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(e);
    });
    state.exited.then(({ code, signal }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`rapport serve exited (code ${code}, signal ${signal}) before serving\n` +
                       `stdout: ${state.stdout}\nstderr: ${state.stderr}`));
    });
  });
}

// Sends SIGTERM and waits (bounded) for the exit; SIGKILL after the wait.
export async function terminate(state, timeoutMs = STOP_TIMEOUT_MS) {
  if (!state || state.exit) return { ...(state?.exit ?? {}), ms: 0, killed: false };
  const t0 = Date.now();
  state.proc.kill('SIGTERM');
  const exit = await within(state.exited, timeoutMs);
  if (exit) return { ...exit, ms: Date.now() - t0, killed: false };
  state.proc.kill('SIGKILL');
  const killed = await state.exited;
  return { ...killed, ms: Date.now() - t0, killed: true };
}

// Starts a server on a fresh, migrated database with the demo data.
// Returns {url, port, dbUrl, stop(), restart(), terminate(), output()}.
// demoCustomers: how many demo customers to load (0: the tests make their own);
// setupTimeoutMs bounds `migrate` and `demo` (benchmarks load many customers).
export async function startServer({ kind = DB_KIND, env = {}, demoCustomers = 0, setupTimeoutMs } = {}) {
  const db = await createDatabase(kind);
  let state = null;
  const others = [];
  const server = {
    kind,
    dbUrl: db.url,
    url: null,
    port: null,
    get proc() {
      return state?.proc;
    },
    // What the server printed so far.
    output() {
      return { stdout: state?.stdout ?? '', stderr: state?.stderr ?? '' };
    },
    // SIGTERM to the serving process: {code, signal, ms, killed, stdout, stderr}.
    async terminate(timeoutMs) {
      const r = await terminate(state, timeoutMs);
      return { ...r, stdout: state?.stdout ?? '', stderr: state?.stderr ?? '' };
    },
    // Waits (bounded) for the serving process to exit: {code, signal} or null.
    waitForExit(timeoutMs = STOP_TIMEOUT_MS) {
      return state ? within(state.exited, timeoutMs) : Promise.resolve(null);
    },
    // Stops the process and starts `serve` again on the same database and port.
    async restart() {
      const r = await terminate(state);
      assert.equal(r.killed, false, 'rapport serve did not stop on SIGTERM');
      let lastError;
      for (let attempt = 0; attempt < 5; ++attempt) {
        try {
          state = await spawnServe(db.url, `127.0.0.1:${server.port}`, env);
          server.url = state.url;
          return server;
        } catch (e) {
          lastError = e;  // the port may linger a moment
          await sleep(200);
        }
      }
      throw lastError;
    },
    // Another `rapport serve` on the same database (a second server of a
    // cluster), with its own environment: {url, proc, kill(signal),
    // terminate(), output()}. stop() ends it too.
    async another(extraEnv = env) {
      const other = await spawnServe(db.url, '127.0.0.1:0', extraEnv);
      others.push(other);
      return {
        url: other.url,
        port: other.port,
        proc: other.proc,
        exited: other.exited,
        kill: (signal = 'SIGKILL') => other.proc.kill(signal),
        terminate: () => terminate(other),
        output: () => ({ stdout: other.stdout, stderr: other.stderr }),
      };
    },
    async stop() {
      try {
        for (const other of others) await terminate(other);
        await terminate(state);
      } finally {
        await db.drop().catch((e) => console.error(`could not drop ${db.url}: ${e.message}`));
      }
    },
  };
  try {
    for (const args of [['migrate'], ['demo', '--customers', String(demoCustomers)]]) {
      const r = await runCli(['--db', db.url, ...args], { timeoutMs: setupTimeoutMs });
      if (r.code !== 0) throw new Error(`rapport ${args[0]} failed (${r.code}): ${r.stdout}${r.stderr}`);
    }
    state = await spawnServe(db.url, '127.0.0.1:0', env);
  } catch (e) {
    await db.drop().catch(() => {});
    throw e;
  }
  server.url = state.url;
  server.port = state.port;
  return server;
}

// ---------------------------------------------------------------------------
// HTML helpers (the pages are small and regular: regular expressions do)

export function decodeEntities(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

// The visible text of a page, whitespace collapsed.
export function textOf(html) {
  return decodeEntities(
    html
      .replace(/<script[\s\S]*?<\/script>/gi, ' ')
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  ).replace(/\s+/g, ' ').trim();
}

export function titleOf(html) {
  const m = /<title>([\s\S]*?)<\/title>/i.exec(html);
  return m ? decodeEntities(m[1]).trim() : null;
}

function attr(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2]) : null;
}

// The <form> whose action is `action`: its HTML and its named inputs' values.
export function formOf(html, action) {
  const re = /<form\b[^>]*>[\s\S]*?<\/form>/gi;
  for (const m of html.matchAll(re)) {
    const open = /^<form\b[^>]*>/i.exec(m[0])[0];
    if (attr(open, 'action') !== action) continue;
    const fields = {};
    for (const input of m[0].matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input[0], 'name');
      if (name == null) continue;
      const type = (attr(input[0], 'type') ?? 'text').toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/i.test(input[0])) continue;
      fields[name] = attr(input[0], 'value') ?? '';
    }
    for (const select of m[0].matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/gi)) {
      const name = attr(select[0], 'name');
      const options = [...select[1].matchAll(/<option\b[^>]*>/gi)].map((o) => o[0]);
      const chosen = options.find((o) => /\sselected\b/i.test(o)) ?? options[0];
      if (name && chosen) fields[name] = attr(chosen, 'value') ?? '';
    }
    return { html: m[0], fields };
  }
  return null;
}

// The error shown beside input `name`: the input is marked aria-invalid and
// described by an element holding the message. Returns the message.
export function errorBeside(html, name, what) {
  const inputs = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*>/gi)].map((m) => m[0]);
  const input = inputs.find((i) => new RegExp(`\\sname="${name}"`).test(i));
  assert.ok(input, `${what}: the form has no field ${name}`);
  assert.match(input, /aria-invalid="true"/, `${what}: ${name} is not marked invalid: ${input}`);
  const id = /aria-describedby="([^"]+)"/.exec(input)?.[1];
  assert.ok(id, `${what}: ${name} names no error`);
  const note = new RegExp(`<[a-z]+\\b[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</`, 'i').exec(html);
  assert.ok(note, `${what}: no element #${id} beside ${name}`);
  const message = decodeEntities(note[1]).trim();
  assert.ok(message.length > 0, `${what}: the error beside ${name} is empty`);
  return message;
}

// The CSRF token of a logged-in page, from <body hx-headers='{"X-CSRF-Token": "…"}'>.
export function csrfOf(html) {
  const body = /<body\b[^>]*>/i.exec(html);
  assert.ok(body, 'the page has no <body>');
  const headers = attr(body[0], 'hx-headers');
  assert.ok(headers, 'the <body> has no hx-headers');
  const token = JSON.parse(headers)['X-CSRF-Token'];
  assert.ok(token, 'the page carries no CSRF token');
  return token;
}

// ---------------------------------------------------------------------------
// A cookie-jar HTTP client over fetch; redirects are not followed.

export class Client {
  // `base` is a server from startServer() (its url may change) or a URL.
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }

  get url() {
    return typeof this.base === 'string' ? this.base : this.base.url;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // Sends a request: opts.headers, opts.body (string), opts.form (object or
  // [name, value] pairs, urlencoded), opts.json (serialized).
  async request(method, target, opts = {}) {
    const headers = { ...(opts.headers ?? {}) };
    let body = opts.body;
    if (opts.form !== undefined) {
      const pairs = Array.isArray(opts.form) ? opts.form : Object.entries(opts.form);
      body = new URLSearchParams(pairs.map(([k, v]) => [k, String(v)])).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    if (this.cookies.size && opts.cookies !== false) headers.cookie = this.cookieHeader();
    const res = await fetch(this.url + target, {
      method,
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs ?? HTTP_TIMEOUT_MS),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      setCookies,
      location: res.headers.get('location'),
      contentType: res.headers.get('content-type') ?? '',
      json() {
        return JSON.parse(text);
      },
    };
  }

  get(target, opts) {
    return this.request('GET', target, opts);
  }

  post(target, opts) {
    return this.request('POST', target, opts);
  }

  postForm(target, form, opts = {}) {
    return this.request('POST', target, { ...opts, form });
  }
}

// The Set-Cookie line of cookie `name` in a response, or undefined.
export function setCookieLine(res, name) {
  return res.setCookies.find((l) => l.startsWith(`${name}=`));
}

// Logs in through the log-in form as a browser would: GET /login (prelogin
// cookie and the form's _csrf), then POST the form. Returns the POST's answer.
export async function login(client, loginName, password, { next = '/' } = {}) {
  const page = await client.get('/login');
  assert.equal(page.status, 200, 'GET /login');
  assert.ok(client.cookies.has('rapport_prelogin'), 'GET /login sets the rapport_prelogin cookie');
  const form = formOf(page.text, '/login');
  assert.ok(form, 'the log-in page has a form posting to /login');
  assert.ok(form.fields._csrf, 'the log-in form has a _csrf value');
  return client.postForm('/login', { _csrf: form.fields._csrf, login: loginName, password, next });
}

// A new client logged in as `loginName` (asserts the log-in worked).
export async function loggedInClient(server, loginName, password = DEMO_PASSWORD) {
  const client = new Client(server);
  const res = await login(client, loginName, password);
  assert.equal(res.status, 303, `log-in of ${loginName}: ${textOf(res.text).slice(0, 300)}`);
  assert.ok(client.cookies.has('rapport_session'), `log-in of ${loginName} set no session cookie`);
  return client;
}

// GETs a logged-in page and returns it with its CSRF token.
export async function pageWithCsrf(client, target) {
  const res = await client.get(target);
  assert.equal(res.status, 200, `GET ${target}`);
  return { res, html: res.text, csrf: csrfOf(res.text) };
}

// ---------------------------------------------------------------------------
// OpenAPI: every API response is checked against api/openapi.json.

let openapi = null;

function loadOpenApi() {
  if (openapi) return openapi;
  const doc = JSON.parse(fs.readFileSync(OPENAPI_PATH, 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');
  openapi = { doc, ajv, validators: new Map() };
  return openapi;
}

function pointerEscape(s) {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function validatorFor(ref) {
  const { ajv, validators } = loadOpenApi();
  let v = validators.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: ref });
    validators.set(ref, v);
  }
  return v;
}

function checkSchema(ref, body, what) {
  const validate = validatorFor(ref);
  if (!validate(body))
    assert.fail(`${what}: the body does not match ${ref}:\n` +
                `${JSON.stringify(validate.errors, null, 2)}\nbody: ${JSON.stringify(body)}`);
}

// The OpenAPI path template that `pathname` matches, or null.
export function pathTemplateOf(pathname) {
  const { doc } = loadOpenApi();
  const exact = Object.keys(doc.paths).find((t) => t === pathname);
  if (exact) return exact;
  for (const t of Object.keys(doc.paths)) {
    const re = new RegExp(
      '^' + t.split(/(\{[^}]+\})/).map((part) =>
        part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('') + '$');
    if (re.test(pathname)) return t;
  }
  return null;
}

// Fails unless `status` and `contentType` are described for the operation
// and `body` matches the schema. Response $refs (components/responses) are followed.
export function validateAgainstOpenApi(method, pathTemplate, status, contentType, body) {
  const { doc } = loadOpenApi();
  const m = method.toLowerCase();
  const what = `${method.toUpperCase()} ${pathTemplate} → ${status}`;
  const op = doc.paths[pathTemplate]?.[m];
  if (!op) assert.fail(`${method.toUpperCase()} ${pathTemplate} is not described in openapi.json`);
  let response = op.responses?.[String(status)];
  let pointer = `openapi.json#/paths/${pointerEscape(pathTemplate)}/${m}/responses/${status}`;
  if (!response && op.responses?.default) {
    response = op.responses.default;
    pointer = `openapi.json#/paths/${pointerEscape(pathTemplate)}/${m}/responses/default`;
  }
  if (!response) assert.fail(`${what}: openapi.json does not describe status ${status} for this operation`);
  for (let hops = 0; response.$ref; ++hops) {
    assert.ok(hops < 10, `${what}: response $ref loop`);
    assert.ok(response.$ref.startsWith('#/'), `${what}: external $ref ${response.$ref}`);
    pointer = `openapi.json${response.$ref}`;
    response = response.$ref.slice(2).split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, key) => node?.[key], doc);
    assert.ok(response, `${what}: unresolvable response ${pointer}`);
  }
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!response.content) {
    assert.ok(body === undefined || body === null || body === '',
              `${what}: openapi.json describes no body, but one came (${type})`);
    return;
  }
  const media = response.content[type];
  if (!media)
    assert.fail(`${what}: content type "${type}" is not described (described: ` +
                `${Object.keys(response.content).join(', ')})`);
  if (!media.schema) return;
  checkSchema(`${pointer}/content/${pointerEscape(type)}/schema`, body, what);
}

// Checks a problem+json body against the document's Problem schema (for
// answers to routes the document does not describe: 404, 405, 413…).
export function validateProblem(contentType, body, what = 'problem') {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  assert.equal(type, 'application/problem+json', `${what}: content type`);
  checkSchema('openapi.json#/components/schemas/Problem', body, what);
}

// Calls the API and checks the answer against openapi.json (status, content
// type and body). `target` is a Client (its cookies ride along) or a server
// or URL. opts: token (bearer), json, body, headers, undocumented (the route
// is deliberately not in the document: the answer must then be a Problem).
export async function apiCall(target, method, pathAndQuery, opts = {}) {
  const client = target instanceof Client ? target : new Client(target);
  const headers = { accept: 'application/json', ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await client.request(method, pathAndQuery, {
    headers,
    json: opts.json,
    body: opts.body,
    timeoutMs: opts.timeoutMs,
  });
  const pathname = new URL(pathAndQuery, 'http://x').pathname;
  let body;
  if (res.text !== '') {
    try {
      body = JSON.parse(res.text);
    } catch {
      assert.fail(`${method} ${pathAndQuery} → ${res.status}: the body is not JSON: ${res.text.slice(0, 200)}`);
    }
  }
  const template = pathTemplateOf(pathname);
  const documented = template && loadOpenApi().doc.paths[template][method.toLowerCase()];
  if (opts.undocumented) {
    assert.ok(!documented, `${method} ${pathname} is described in openapi.json after all`);
    validateProblem(res.contentType, body, `${method} ${pathAndQuery} → ${res.status}`);
  } else {
    if (!documented) assert.fail(`${method} ${pathname} is not described in openapi.json`);
    validateAgainstOpenApi(method, template, res.status, res.contentType, body);
  }
  return { ...res, body };
}

// A token for `login` from `rapport token create`: {token, id}.
export async function createToken(server, loginName, name = 'test') {
  const r = await runCli(['--db', server.dbUrl, 'token', 'create', '--user', loginName, '--name', name]);
  assert.equal(r.code, 0, `token create: ${r.stderr}`);
  const token = r.stdout.trim();
  assert.match(token, /^\S{16,}$/, 'token create prints the token alone on stdout');
  const id = /Token (\d+) created/.exec(r.stderr)?.[1];
  return { token, id, stderr: r.stderr };
}

// Changes installation settings through PUT /api/v1/settings at their
// current version, as an admin's `token`; fails unless the answer is 200.
export async function setSettings(server, token, changes) {
  const current = await apiCall(server, 'GET', '/api/v1/settings', { token });
  assert.equal(current.status, 200, current.text);
  const res = await apiCall(server, 'PUT', '/api/v1/settings', {
    token, json: { ...changes, version: current.body.version },
  });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

// Makes the campaign `code` (of the demo data) the default campaign of new
// orders, as an admin (`token`, else a new admin token); returns its id.
export async function useDefaultCampaign(server, code, { token } = {}) {
  const admin = token ?? (await createToken(server, 'admin', `default-${code}`)).token;
  const list = await apiCall(server, 'GET', '/api/v1/campaigns', { token: admin });
  assert.equal(list.status, 200, list.text);
  const id = list.body.items.find((c) => c.code === code)?.id;
  assert.ok(id, `the demo data has the ${code} campaign`);
  await setSettings(server, admin, { default_campaign: id });
  return id;
}

// Adds a customer through POST /api/v1/customers (checked against the
// document) and returns its 360° view; fails unless the answer is 201.
// Pass `proceed: true` in `body` to save despite possible duplicates.
export async function createCustomer(server, token, body) {
  const res = await apiCall(server, 'POST', '/api/v1/customers', { token, json: body });
  assert.equal(res.status, 201, `POST /api/v1/customers → ${res.status}: ${res.text}`);
  return res.body;
}

// ---------------------------------------------------------------------------
// Raw sockets, for requests fetch will not send.

// A raw TCP connection to the server: write bytes, read what comes back.
export class RawConnection {
  static open(url, timeoutMs = 5000) {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: hostname, port: Number(port) });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`could not connect to ${url} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new RawConnection(socket));
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.chunks = [];
    this.closed = false;
    this.error = null;
    this.ended = new Promise((resolve) => {
      socket.on('data', (d) => this.chunks.push(d));
      socket.on('error', (e) => (this.error = e));
      socket.on('close', () => {
        this.closed = true;
        resolve();
      });
    });
  }

  write(data) {
    return new Promise((resolve, reject) =>
      this.socket.write(data, (e) => (e ? reject(e) : resolve())));
  }

  received() {
    return Buffer.concat(this.chunks).toString('latin1');
  }

  // Waits until the server closes the connection (bounded); returns what came.
  async readUntilClosed(timeoutMs = 5000) {
    const done = await within(this.ended.then(() => true), timeoutMs, false);
    if (!done) this.socket.destroy();
    return { text: this.received(), closedByServer: done };
  }

  // Waits until one complete response (with a Content-Length body) has come.
  async readResponse(timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseRawResponse(this.received());
      if (parsed?.complete) return parsed;
      if (this.closed || Date.now() > deadline)
        return parsed ?? { complete: false, raw: this.received() };
      await sleep(10);
    }
  }

  close() {
    this.socket.destroy();
  }
}

// Parses the first HTTP/1.1 response in `raw`: {status, headers, body, complete}.
export function parseRawResponse(raw) {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = raw.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) return { status: null, headers: {}, body: '', complete: false, raw };
  const headers = {};
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const bodyBytes = Buffer.from(raw.slice(end + 4), 'latin1');
  return {
    status: Number(m[1]),
    headers,
    body: bodyBytes.subarray(0, length).toString('utf8'),
    complete: bodyBytes.length >= length,
    raw,
  };
}

// Sends `data` on a new connection and returns the first response and
// whether the server closed the connection afterwards.
export async function rawRequest(url, data, { timeoutMs = 5000 } = {}) {
  const conn = await RawConnection.open(url, timeoutMs);
  try {
    await conn.write(data);
    const { text, closedByServer } = await conn.readUntilClosed(timeoutMs);
    return { ...(parseRawResponse(text) ?? { status: null, raw: text }), closedByServer };
  } finally {
    conn.close();
  }
}

// A free TCP port on 127.0.0.1, kept busy by the returned server until close().
export function occupyPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer(() => {});
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () =>
      resolve({ port: srv.address().port, close: () => new Promise((r) => srv.close(() => r())) }));
  });
}

// ---------------------------------------------------------------------------
// Browsers (playwright-core driving the system's Chromium)

export const CHROMIUM = process.env.RAPPORT_TEST_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(ROOT, 'docs', 'screenshots');

// A headless Chromium; close it in an after() hook.
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args, timeout: 30_000 });
}

// A fresh context (no cookies) and page on `server`, 1280×800, English
// browser, bounded waits. `problems` collects console errors, page errors,
// failed requests and answers >= 400, which a test may assert to be empty.
export async function newPage(browser, server, { locale = 'en-US' } = {}) {
  const context = await browser.newContext({
    baseURL: server.url, viewport: { width: 1280, height: 800 }, locale,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    // Failed loads are reported with their address by the 'response' handler.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // The browser drops its own favicon request when a navigation starts
    // first; nobody sees that, so it is not a problem.
    const text = r.failure()?.errorText;
    if (new URL(r.url()).pathname === '/static/favicon.svg' && text === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${text}`);
  });
  return { context, page, problems };
}

// Logs `page` in through the log-in form and waits for the desk.
export async function logInPage(page, login, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

// A suite's server (SQLite, with the demo data) and browser, started in a
// before() hook and stopped in an after() hook of the calling describe():
// `const env = browserSuite(before, after);` then env.server, env.browser.
// `options.env`: the server's environment, read when the suite starts (a
// before hook registered earlier may fill it).
export function browserSuite(before, after, options = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer({ kind: 'sqlite', env: options.env ?? {} });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// Saves a 1280×800 screenshot for the README.
export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: false, animations: 'disabled' });
}

// ---------------------------------------------------------------------------
// The local SMTP sink of `make run` (scripts/mail-sink, Debian's
// python3-aiosmtpd) on a free loopback port, writing what it receives into
// `folder`; resolves once it listens (within 15 s). It refuses recipients
// at refused.invalid.
export async function startSink(folder) {
  const proc = spawn(path.join(ROOT, 'scripts', 'mail-sink'), [folder, '--listen', '127.0.0.1:0'],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const port = await within(new Promise((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`mail-sink exited (${code}): ${out}`)));
  }), 15_000);
  assert.ok(port, `the mail sink listens: ${out}`);
  proc.stderr.resume();
  return { proc, port, stop: () => proc.kill('SIGTERM') };
}

// A browser suite whose server keeps its sent mail in a real SMTP sink on
// loopback (scripts/mail-sink, as `make run` starts it; /admin/sent-mail
// shows it). Returns browserSuite's env with `sink` ({ port, folder }) set
// once the suite's hooks ran; the caller points the settings at sink.port.
export function mailSinkSuite(before, after) {
  const options = { env: {} };
  const sink = { port: 0, folder: '' };
  let running;
  before(async () => {
    sink.folder = await mkdtemp(path.join(os.tmpdir(), 'rapport-e2e-sink-'));
    running = await startSink(sink.folder);
    sink.port = running.port;
    options.env.RAPPORT_MAIL_SINK_DIR = sink.folder;
  });
  const env = browserSuite(before, after, options);
  after(async () => {
    running?.stop();
    if (sink.folder) await rm(sink.folder, { recursive: true, force: true });
  });
  env.sink = sink;
  return env;
}
