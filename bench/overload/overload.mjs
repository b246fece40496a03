#!/usr/bin/env node
// The overload test: starts the real `rapport serve` (a new SQLite file with
// the demo data), probes GET /health every few milliseconds from a thread of
// its own and samples the server's memory (VmRSS, VmHWM), while it runs one
// attack after the other:
//
//   uploads     concurrent large CSV uploads, anonymous then as a manager
//   logins      a storm of concurrent wrong-password log-ins from many
//               addresses, half of them to /%6Cogin
//   slowloris   many connections sending a request head a byte at a time
//   descriptors a second server under a low `ulimit -n`: connections opened
//               until it refuses them, then released
//   metrics     requests with random methods and paths, then GET /metrics
//   portal      the customer portal's pages loaded concurrently by a
//               signed-in customer (the demo's `customer`)
//   creations   concurrent customer creations while a CSV import runs
//
// With --servers N (N ≥ 2), the same attacks (but descriptors, which is
// about one process's limit) go to N servers on one PostgreSQL database
// behind HAProxy (tests/support/cluster.mjs: deploy/haproxy.cfg's
// settings; RAPPORT_TEST_PG_URL names the PostgreSQL), the servers trusting
// HAProxy's X-Forwarded-For so that each attacker address counts as its
// own; the probe asks HAProxy, and the memory is the largest server's.
//
// It prints a table (and writes it to --out as Markdown) and exits 1 when
// a figure is beyond its limit (--max-p99-ms, --max-rss-mb, and the checks
// named in the table), 2 when it could not measure.
//
//   node bench/overload/overload.mjs [--profile small|bench] [--only uploads,logins…]
//                                    [--servers 2] [--name value…]
//
// Every size and limit is a parameter (PROFILES, LIMITS below); --profile bench takes the sizes
// of `make bench`, small (the default) those of `make test`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const PROFILES = {
  small: {
    uploads: 4, 'upload-mb': 8, logins: 24, slowloris: 300, 'slowloris-seconds': 4,
    nofile: 256, 'metric-requests': 300, creations: 40, 'import-mb': 1, 'portal-requests': 200,
  },
  bench: {
    uploads: 10, 'upload-mb': 63, logins: 128, slowloris: 4000, 'slowloris-seconds': 35,
    nofile: 256, 'metric-requests': 5000, creations: 100, 'import-mb': 2, 'portal-requests': 3000,
  },
};
// The README's promises (section Limits).
const LIMITS = { 'max-p99-ms': 250, 'max-rss-mb': 400, 'max-metrics-kb': 64 };

// ---------------------------------------------------------------------------
// The /health probe, on a thread of its own so that the attacks' work in
// this process does not delay it: one keep-alive connection, one request
// every `interval` ms; samples are labelled with the current phase.
if (!isMainThread) {
  let url = workerData.url;
  let phase = 'start';
  let stopping = false;
  const samples = [];
  let agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  parentPort.on('message', (m) => {
    if (m.url) {
      agent.destroy();
      agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      url = m.url;
    }
    if (m.phase) phase = m.phase;
    if (m.stop) stopping = true;
  });
  const once = () => new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const done = (status) => resolve({ phase, status, ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    const req = http.get(`${url}/health`, { agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode));
      res.on('error', () => done(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done(0));
  });
  while (!stopping) {
    samples.push(await once());
    await new Promise((r) => setTimeout(r, workerData.interval));
  }
  agent.destroy();
  parentPort.postMessage(samples);
  process.exit(0);
}

// ---------------------------------------------------------------------------
// Options

let given;
try {
  ({ values: given } = parseArgs({
  options: {
    profile: { type: 'string', default: 'small' },
    bin: { type: 'string', default: process.env.RAPPORT_BIN || path.join(ROOT, 'build', 'rapport') },
    out: { type: 'string' },
    'probe-ms': { type: 'string', default: '10' },
    only: { type: 'string' },  // a comma-separated list of attacks to run
    servers: { type: 'string', default: '0' },  // ≥ 2: that many servers on PostgreSQL behind HAProxy
    ...Object.fromEntries(
      [...Object.keys(PROFILES.small), ...Object.keys(LIMITS)].map((k) => [k, { type: 'string' }])),
  },
  }));
} catch (e) {
  console.error(`overload: ${e.message}`);
  process.exit(2);
}
const opt = { ...(PROFILES[given.profile] ?? {}), ...LIMITS };
for (const k of Object.keys(opt)) {
  if (given[k] === undefined) continue;
  const n = Number(given[k]);
  if (!(n >= 0)) {
    console.error(`overload: --${k} is a number, not ${given[k]}`);
    process.exit(2);
  }
  opt[k] = n;
}
const clusterSize = Number(given.servers);
if (!(Number.isInteger(clusterSize) && (clusterSize === 0 || (clusterSize >= 2 && clusterSize <= 8)))) {
  console.error(`overload: --servers is 0 (one server on SQLite) or 2…8, not ${given.servers}`);
  process.exit(2);
}
if (!PROFILES[given.profile]) {
  console.error(`overload: --profile is small or bench, not ${given.profile}`);
  process.exit(2);
}

// Could not measure: exit 2 (after the servers are stopped).
class Fatal extends Error {}
function fatal(message) {
  throw new Fatal(message);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// The server

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-overload-'));
const uploadDir = path.join(tmp, 'uploads');  // the servers' TMPDIR
fs.mkdirSync(uploadDir);
const servers = [];

function run(args) {
  return new Promise((resolve) => {
    const p = spawn(given.bin, args, { env: { ...process.env, LANG: 'C.UTF-8' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
    p.on('error', (e) => resolve({ code: -1, out, err: String(e) }));
  });
}

// A database with the demo data and an API token of `csr`: {url, token}.
async function makeDatabase(name) {
  const url = `sqlite:${path.join(tmp, `${name}.db`)}`;
  for (const args of [['migrate'], ['demo', '--customers', '0']]) {
    const r = await run(['--db', url, ...args]);
    if (r.code !== 0) fatal(`rapport ${args[0]} failed: ${r.err}`);
  }
  const t = await run(['--db', url, 'token', 'create', '--user', 'csr', '--name', 'overload']);
  if (t.code !== 0) fatal(`token create failed: ${t.err}`);
  return { url, token: t.out.trim() };
}

// `rapport serve` under `ulimit -n nofile`: {url, pid, stop(), alive()}.
function serve(dbUrl, nofile) {
  return new Promise((resolve, reject) => {
    const limit = nofile > 0 ? String(nofile) : 'hard';
    const p = spawn('bash', ['-c', 'ulimit -n "$1" && shift && exec "$@"', 'serve', limit, given.bin,
      '--db', dbUrl, 'serve', '--listen', '127.0.0.1:0'],
    { env: { ...process.env, LANG: 'C.UTF-8', TMPDIR: uploadDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = { pid: p.pid, stderr: '', exited: false, warnings: 0 };
    servers.push(server);
    let out = '';
    // The access log (one line per request) is read as it comes, so the
    // server never waits on a full pipe; only the status counts are kept.
    p.stdout.setEncoding('utf8').on('data', (d) => {
      out = (out + d).slice(-4096);
      server.warnings += (d.match(/ warning /g) ?? []).length;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && !server.url) {
        server.url = `http://127.0.0.1:${m[1]}`;
        resolve(server);
      }
    });
    p.stderr.setEncoding('utf8').on('data', (d) => {
      server.stderr = (server.stderr + d).slice(-16384);
      server.warnings += (d.match(/ warning /g) ?? []).length;
    });
    p.on('exit', (code, signal) => {
      server.exited = { code, signal };
      if (!server.url) reject(new Fatal(`rapport serve exited (${code ?? signal}) before serving: ${server.stderr}`));
    });
    server.stop = async () => {
      if (server.exited) return;
      p.kill('SIGTERM');
      for (let i = 0; i < 100 && !server.exited; ++i) await sleep(100);
      if (!server.exited) p.kill('SIGKILL');
    };
    setTimeout(() => server.url || reject(new Fatal('rapport serve did not start within 15 s')), 15_000).unref();
  });
}

// VmRSS and VmHWM of `pid` in MB (null once gone).
function memory(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

// The largest VmRSS and VmHWM among `pids` (null once one is gone).
function memoryOf(pids) {
  let worst = { rss: 0, hwm: 0 };
  for (const pid of pids) {
    const m = memory(pid);
    if (!m) return null;
    worst = { rss: Math.max(worst.rss, m.rss), hwm: Math.max(worst.hwm, m.hwm) };
  }
  return worst;
}

// `n` servers on a new PostgreSQL database with the demo data behind
// HAProxy, and an API token of `csr`: {url, pids, exited, token, stop()}
// (the shape of serve()'s answer, for phase()).
async function serveCluster(n) {
  process.env.RAPPORT_BIN = given.bin;  // harness.mjs reads it when loaded
  const { startCluster } = await import('../../tests/support/cluster.mjs');
  const { createToken } = await import('../../tests/support/harness.mjs');
  const cluster = await startCluster({
    servers: n, env: { TMPDIR: uploadDir, RAPPORT_TRUSTED_PROXIES: '127.0.0.1' },
  });
  const server = {
    url: cluster.url,
    pids: cluster.servers.map((s) => s.pid),
    direct: cluster.servers.map((s) => s.url),
    get exited() {
      return cluster.servers.some((s) => !s.alive());
    },
    stop: () => cluster.stop(),
    warnings: 0,
  };
  servers.push(server);
  server.token = (await createToken(cluster, 'csr', 'overload')).token;
  return server;
}

// ---------------------------------------------------------------------------
// HTTP helpers (node:http, one connection per request unless an agent says
// otherwise; `local` picks the loopback address the request comes from).

// 127.0.x.y for attack `x`, client `i`: many addresses, so the per-address
// connection and log-in caps do not hide the overall ones.
const address = (x, i) => `127.0.${x}.${(i % 250) + 1}`;

function request(url, { method = 'GET', path: target = '/', headers = {}, body, local,
  bodyBytes, chunk, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const u = new URL(url);
    const req = http.request({
      host: u.hostname, port: u.port, method, path: target, headers, localAddress: local,
      agent: false, timeout: timeoutMs,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d.length < 1e6 ? d : ''));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, ms: Date.now() - t0 }));
      res.on('error', () => resolve({ status: res.statusCode, headers: res.headers, text, ms: Date.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message, ms: Date.now() - t0 }));
    if (bodyBytes) {
      // A large body streamed from one repeated chunk, stopping early when
      // the answer came first (a refusal).
      let sent = 0;
      let answered = false;
      req.on('response', () => (answered = true));
      const pump = () => {
        while (!answered && sent < bodyBytes) {
          const part = chunk.subarray(0, Math.min(chunk.length, bodyBytes - sent));
          sent += part.length;
          if (!req.write(part)) return req.once('drain', pump);
        }
        req.end();
      };
      pump();
    } else {
      req.end(body);
    }
  });
}

function cookiesOf(res, jar = {}) {
  for (const line of res.headers?.['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return jar;
}
const cookieHeader = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
const csrfOfForm = (html) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
const csrfOfPage = (html) => /&quot;X-CSRF-Token&quot;:\s*&quot;([^&]+)&quot;|"X-CSRF-Token":\s*"([^"]+)"/.exec(html)?.slice(1).find(Boolean);

// The log-in form's cookie and token (from `local`): {jar, csrf}.
async function loginForm(url, local) {
  const page = await request(url, { path: '/login', local });
  return { jar: cookiesOf(page), csrf: csrfOfForm(page.text ?? '') };
}

// A manager's session: {cookie, csrf} for the import pages.
async function managerSession(url) {
  const { jar, csrf } = await loginForm(url);
  const res = await request(url, {
    method: 'POST', path: '/login',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, login: 'manager', password: 'demo', next: '/' }).toString(),
  });
  if (res.status !== 303) fatal(`the manager's log-in answered ${res.status}`);
  cookiesOf(res, jar);
  const page = await request(url, { path: '/customers/import', headers: { cookie: cookieHeader(jar) } });
  const token = csrfOfPage(page.text ?? '');
  if (page.status !== 200 || !token) fatal(`GET /customers/import answered ${page.status} without a token`);
  return { cookie: cookieHeader(jar), csrf: token };
}

// n tasks, at most `width` at once.
async function pool(n, width, task) {
  const results = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, width) }, async () => {
    while (next < n) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

function counts(results) {
  const m = new Map();
  for (const r of results) {
    const k = r.status || r.error || 'error';
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].sort().map(([k, v]) => `${v}×${k}`).join(', ');
}

const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

// A CSV of about `mb` MiB: customers when `valid`, else rows under a
// header the import refuses at once (the upload, not the import, is measured).
function csvChunk(valid) {
  const head = valid ? 'kind,family_name,given_name\n' : 'overload_padding\n';
  let rows = '';
  for (let i = 0; rows.length < 64 * 1024; ++i) rows += valid ? `person,Martin${i},Paul\n` : 'x'.repeat(63) + '\n';
  return { head: Buffer.from(head), rows: Buffer.from(rows) };
}

// ---------------------------------------------------------------------------
// The attacks: each returns {sent, answers, notes, checks: [[what, ok]]}.

async function uploads(server) {
  const bytes = Math.round(opt['upload-mb'] * 1024 * 1024);
  const { head, rows } = csvChunk(false);
  const chunk = Buffer.concat([head, rows]);
  const send = (headers) => request(server.url, {
    method: 'POST', path: '/customers/import', bodyBytes: bytes, chunk,
    headers: { 'content-type': 'text/csv', 'content-length': String(bytes), ...headers },
  });
  const anonymous = await Promise.all(Array.from({ length: opt.uploads }, () => send({})));
  const session = await managerSession(server.url);
  const signed = await Promise.all(Array.from({ length: opt.uploads },
    () => send({ cookie: session.cookie, 'x-csrf-token': session.csrf })));
  await sleep(500);
  const leftover = fs.readdirSync(uploadDir).length;
  return {
    sent: `${opt.uploads} anonymous + ${opt.uploads} manager's uploads of ${opt['upload-mb']} MB at once`,
    answers: `anonymous: ${counts(anonymous)}; manager: ${counts(signed)}`,
    notes: [`temporary upload files left once answered: ${leftover}`],
    checks: [
      ['anonymous uploads refused (413)', anonymous.every((r) => r.status === 413)],
      ['no temporary file left', leftover === 0],
      ['manager uploads taken (303) or deferred (503)', signed.every((r) => r.status === 303 || r.status === 503)
        && signed.some((r) => r.status === 303)],
    ],
  };
}

async function logins(server) {
  const forms = await pool(opt.logins, 32, (i) => loginForm(server.url, address(1, i)));
  const results = await Promise.all(forms.map(({ jar, csrf }, i) => request(server.url, {
    method: 'POST', path: i % 2 ? '/%6Cogin' : '/login', local: address(1, i),
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf ?? '', login: `storm${i}`, password: 'wrong-password' }).toString(),
  })));
  return {
    sent: `${opt.logins} wrong-password log-ins at once from ${Math.min(opt.logins, 250)} addresses, half to /%6Cogin`,
    answers: counts(results),
    notes: [`slowest answer ${Math.max(...results.map((r) => r.ms))} ms`],
    checks: [['no answer but a refusal (401, 429, 503)', results.every((r) => [401, 422, 429, 503].includes(r.status))]],
  };
}

// Opens a raw connection from `local`; resolves {socket, closed()} or null.
function connectRaw(url, local, timeoutMs = 3000) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port), localAddress: local });
    const state = { socket, closedAt: null };
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('connect', () => {
      socket.setTimeout(0);
      resolve(state);
    });
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => {
      state.closedAt ??= Date.now();
      resolve(null);
    });
  });
}

async function slowloris(server) {
  const headText = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ' + 'a'.repeat(4000);
  const conns = (await pool(opt.slowloris, 64, (i) => connectRaw(server.url, address(2, i)))).filter(Boolean);
  const start = Date.now();
  let at = 0;
  const ticker = setInterval(() => {
    for (const c of conns) if (!c.closedAt) c.socket.write(headText[at % headText.length]);
    ++at;
  }, 1000);
  await sleep(opt['slowloris-seconds'] * 1000);
  clearInterval(ticker);
  const cut = conns.filter((c) => c.closedAt);
  const cutAfter = cut.map((c) => (c.closedAt - start) / 1000);
  for (const c of conns) c.socket.destroy();
  return {
    sent: `${opt.slowloris} connections from 250 addresses, a byte of a head per second each, for ${opt['slowloris-seconds']} s`,
    answers: `${conns.length} open; ${cut.length} closed by the server` +
      (cut.length ? ` after ${Math.min(...cutAfter).toFixed(0)}–${Math.max(...cutAfter).toFixed(0)} s` : ''),
    notes: [],
    checks: opt['slowloris-seconds'] > 32
      ? [['every trickled head cut at the 30 s read timeout', cut.length === conns.length]] : [],
  };
}

async function descriptors(server) {
  const open = [];
  let refused = 0;
  for (let i = 0; refused < 20 && i < opt.nofile * 2; i += 8) {
    const batch = await Promise.all(Array.from({ length: 8 }, (_, j) => connectRaw(server.url, address(3, i + j))));
    await sleep(50);  // a refused connection is closed at once
    for (const c of batch) {
      if (c && !c.closedAt) open.push(c);
      else ++refused;
    }
  }
  const held = open.filter((c) => !c.closedAt).length;
  await sleep(2000);
  const during = await request(server.url, { path: '/health', timeoutMs: 3000 });
  for (const c of open) c.socket.destroy();
  await sleep(500);
  const after = await request(server.url, { path: '/health', timeoutMs: 3000 });
  return {
    sent: `\`ulimit -n ${opt.nofile}\`: connections opened until ${refused} were refused`,
    answers: `${held} held open; a new /health meanwhile: ${during.status || during.error}; once released: ${after.status || after.error}`,
    notes: [`warnings the server logged (at most one per 5 s of each kind): ${server.warnings}`],
    checks: [
      ['connections capped below the descriptor limit', held > 0 && held < opt.nofile],
      ['a new connection served once they are released', after.status === 200],
    ],
  };
}

// /metrics answers only requests that came through no proxy: in a cluster
// each server is read directly (as Prometheus scrapes each), and the
// largest answer counts.
async function scrape(server) {
  const answers = await Promise.all((server.direct ?? [server.url]).map((url) => request(url, { path: '/metrics' })));
  const kb = (r) => Buffer.byteLength(r.text ?? '') / 1024;
  const worst = answers.reduce((a, b) => (b.status !== 200 || (a.status === 200 && kb(b) > kb(a)) ? b : a));
  return { ...worst, ms: Math.max(...answers.map((r) => r.ms)) };
}

async function metrics(server) {
  const before = await scrape(server);
  const hex = () => Math.random().toString(16).slice(2, 10);
  const method = () => Array.from({ length: 6 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
  const results = await pool(opt['metric-requests'], 16, (i) => request(server.url, {
    method: i % 2 ? method() : 'GET', path: `/m/${hex()}/${hex()}?${hex()}=1`,
  }));
  const after = await scrape(server);
  const kb = (r) => Buffer.byteLength(r.text ?? '') / 1024;
  return {
    sent: `${opt['metric-requests']} requests, random paths, half with random methods`,
    answers: counts(results),
    notes: [`/metrics: ${kb(before).toFixed(1)} KB before, ${kb(after).toFixed(1)} KB after, answered in ${after.ms} ms`],
    checks: [[`/metrics stays under ${opt['max-metrics-kb']} KB`, after.status === 200 && kb(after) <= opt['max-metrics-kb']]],
  };
}

// The portal under load: the demo's customer (`customer`, password demo)
// signed in once, then its pages — home, orders and one order, products
// and services, the catalog and a product, the cart, quotes, messages, My
// details — loaded concurrently, each answer checked for its content.
async function portalPages(server) {
  const { jar, csrf } = await loginForm(server.url);
  const signedIn = await request(server.url, {
    method: 'POST', path: '/login',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, login: 'customer', password: 'demo', next: '/portal' }).toString(),
  });
  if (signedIn.status !== 303) fatal(`the portal customer's log-in answered ${signedIn.status}`);
  cookiesOf(signedIn, jar);
  const cookie = cookieHeader(jar);
  const get = (target) => request(server.url, { path: target, headers: { cookie } });
  const orders = await get('/portal/orders');
  const catalog = await get('/portal/catalog');
  const order = /href="(\/portal\/orders\/\d+)"/.exec(orders.text ?? '')?.[1];
  const product = /href="(\/portal\/catalog\/\d+)"/.exec(catalog.text ?? '')?.[1];
  const pages = ['/portal', '/portal/orders', '/portal/assets', '/portal/catalog', '/portal/cart', '/portal/quotes',
    '/portal/messages', '/portal/details', ...(order ? [order] : []), ...(product ? [product] : [])];
  const results = await pool(opt['portal-requests'], 16, (i) => get(pages[i % pages.length]));
  // A page of the portal's own layout, for the demo customer (not the log-in page).
  const portalPage = (r) => r.status === 200 && /class="portal"/.test(r.text ?? '') && /data-testid="portal-who"/.test(r.text ?? '');
  const slowest = Math.max(...results.map((r) => r.ms));
  return {
    sent: `${opt['portal-requests']} requests for ${pages.length} portal pages of a signed-in customer, 16 at a time`,
    answers: counts(results),
    notes: [`slowest page ${slowest} ms`],
    checks: [
      ['the demo customer has an order and a product to open', Boolean(order && product)],
      ['every portal page served to the customer (200, their layout)', results.every(portalPage)],
    ],
  };
}

async function creations(server, token) {
  const { head, rows } = csvChunk(true);
  const csv = Buffer.concat([head, Buffer.concat(Array.from({ length: Math.ceil(opt['import-mb'] * 16) }, () => rows))]);
  const session = await managerSession(server.url);
  const started = await request(server.url, {
    method: 'POST', path: '/customers/import', body: csv,
    headers: { 'content-type': 'text/csv', cookie: session.cookie, 'x-csrf-token': session.csrf },
  });
  const results = await Promise.all(Array.from({ length: opt.creations }, (_, i) => request(server.url, {
    method: 'POST', path: '/api/v1/customers', timeoutMs: 120_000,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      given_name: 'Ada', family_name: `Overload${i}`, proceed: true,
      address: { line1: `${i} rue des Lilas`, postal_code: '13001', city: 'Marseille', country: 'FR' },
    }),
  })));
  const ms = results.map((r) => r.ms);
  return {
    sent: `${opt.creations} customers created at once through the API while an import of ${(csv.length / 1048576).toFixed(1)} MB (${(csv.length / 22 / 1000).toFixed(0)}k rows) runs`,
    answers: `import: ${started.status}; creations: ${counts(results)}`,
    notes: [`creations: p50 ${quantile(ms, 0.5)} ms, p99 ${quantile(ms, 0.99)} ms, slowest ${Math.max(...ms)} ms`],
    checks: [['import started', started.status === 303], ['every creation saved (201)', results.every((r) => r.status === 201)]],
  };
}

// ---------------------------------------------------------------------------
// The run

const rows = [];
let failed = false;
let unmeasured = false;
let probe;

async function phase(name, server, attack) {
  probe.postMessage({ phase: name });
  const pids = server.pids ?? [server.pid];
  const before = memoryOf(pids);
  let peak = before?.rss ?? 0;
  const sampler = setInterval(() => {
    const m = memoryOf(pids);
    if (m) peak = Math.max(peak, m.rss);
  }, 50);
  let result;
  try {
    result = await attack();
  } catch (e) {
    result = { sent: '', answers: `attack failed: ${e.stack}`, notes: [], checks: [['attack ran', false]] };
  }
  await sleep(1000);  // the server settles; the probe keeps measuring
  clearInterval(sampler);
  const after = memoryOf(pids);
  const alive = after !== null && !server.exited;
  result.checks.push([pids.length > 1 ? 'every server still running' : 'server still running', alive]);
  result.checks.push([`peak RSS under ${opt['max-rss-mb']} MB`, peak <= opt['max-rss-mb']]);
  rows.push({ name, before: before?.rss ?? 0, peak, after: after?.rss ?? 0, hwm: after?.hwm ?? 0, ...result });
  console.error(`overload: ${name} done (${result.answers})`);
}

function report(samples) {
  const lines = [];
  const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
  lines.push('| Attack | What was sent | Answers | /health p50 | /health p99 | /health max | probe errors | RSS before → peak → after | Checks |');
  lines.push('|---|---|---|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    const mine = samples.filter((s) => s.phase === r.name);
    const ok = mine.filter((s) => s.status === 200).map((s) => s.ms);
    const p99 = quantile(ok, 0.99);
    const errors = mine.length - ok.length;
    r.checks.push([`/health p99 under ${opt['max-p99-ms']} ms`, p99 <= opt['max-p99-ms'] && errors === 0]);
    const bad = r.checks.filter(([, okay]) => !okay).map(([what]) => what);
    if (bad.length) failed = true;
    lines.push(`| ${r.name} | ${r.sent} | ${r.answers} | ${fmt(quantile(ok, 0.5))} ms | ${fmt(p99)} ms | ` +
      `${fmt(Math.max(...ok))} ms | ${errors}/${mine.length} | ${r.before.toFixed(0)} → ${r.peak.toFixed(0)} → ` +
      `${r.after.toFixed(0)} MB | ${bad.length ? `FAILED: ${bad.join('; ')}` : `${r.checks.length} ok`} |`);
  }
  const notes = rows.flatMap((r) => r.notes.map((n) => `- ${r.name}: ${n}`));
  notes.push(`- peak memory of the ${clusterSize ? 'largest server' : 'server'} (VmHWM): ${rows.map((r) => `${r.name} ${r.hwm.toFixed(0)} MB`).join(', ')}`);
  return `${lines.join('\n')}\n\n${notes.join('\n')}\n`;
}

async function main() {
  if (!fs.existsSync(given.bin)) fatal(`${given.bin} is missing: build it first`);
  let main;
  let token;
  if (clusterSize) {
    main = await serveCluster(clusterSize);
    token = main.token;
  } else {
    const db = await makeDatabase('main');
    main = await serve(db.url, 0);
    token = db.token;
  }
  probe = new Worker(fileURLToPath(import.meta.url), {
    workerData: { url: main.url, interval: Number(given['probe-ms']) },
  });
  const samples = new Promise((resolve) => probe.once('message', resolve));
  const only = given.only?.split(',');
  const wanted = (name) => !only || only.includes(name);
  await phase('idle', main, () => sleep(2000).then(() => ({ sent: 'nothing', answers: '', notes: [], checks: [] })));
  for (const [name, attack] of [['uploads', uploads], ['logins', logins], ['slowloris', slowloris],
    ['metrics', metrics], ['portal', portalPages], ['creations', (s) => creations(s, token)]])
    if (wanted(name)) await phase(name, main, () => attack(main));
  // One process's descriptor limit: not a cluster's attack.
  if (wanted('descriptors') && !clusterSize) {
    const small = await serve((await makeDatabase('descriptors')).url, opt.nofile);
    probe.postMessage({ url: small.url, phase: 'descriptors' });
    await sleep(200);
    await phase('descriptors', small, () => descriptors(small));
  }
  probe.postMessage({ stop: true });
  const table = report(await samples);
  const where = clusterSize
    ? `${clusterSize} servers on one PostgreSQL database behind HAProxy (the probe and the attacks through HAProxy)`
    : 'one server on SQLite';
  const text = `${table}\nSizes: ${JSON.stringify(Object.fromEntries(Object.entries(opt)))}; probe every ${given['probe-ms']} ms; ${where}.\n`;
  console.log(text);
  if (given.out) fs.writeFileSync(given.out, text);
  console.error(failed ? 'overload: FAILED (see the Checks column)' : 'overload: every figure within its limit');
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Fatal ? `overload: ${e.message}` : e);
  unmeasured = true;
} finally {
  probe?.terminate();
  for (const s of servers) await s.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(unmeasured ? 2 : failed ? 1 : 0);
