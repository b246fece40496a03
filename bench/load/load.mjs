#!/usr/bin/env node
// A call centre's load (issue 17 §5): N simulated CSRs, each signed in once,
// then in a loop until the time is up, with a think time of 1–3 s before
// each action:
//
//   search   the Control Central page for a family name and an initial
//   view     the 360° view of a customer the search found
//   next     Next call (GET /plan-entries/next, then the entry it leads to)
//   status   "no answer" (11) set on that entry, as the status form posts it
//
// on a new database with the demo customers and a contact plan whose list
// for today holds an entry per customer given to it. SQLite: one server.
// PostgreSQL: --servers servers behind HAProxy (tests/support/cluster.mjs,
// deploy/haproxy.cfg's settings).
//
// It prints a table per action (count, p50, p99, errors) with the servers'
// CPU (user + system, from /proc) and peak RSS (VmHWM), writes it to --out
// as Markdown, and exits 1 when a goal is missed (errors, p99, RSS), 2 when
// it could not measure.
//
//   node bench/load/load.mjs --db sqlite|postgresql [--customers 100000]
//        [--sessions 300] [--seconds 300] [--entries 20000] [--servers 2]
//        [--max-p99-ms 100] [--max-rss-mb 200] [--out table.md]
//
// PostgreSQL needs RAPPORT_TEST_PG_URL (an admin URL, e.g. from
// scripts/pg-test-server); the binary is RAPPORT_BIN (build/rapport).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.env.RAPPORT_BIN ??= path.join(ROOT, 'build', 'rapport');

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    customers: { type: 'string', default: '100000' },
    sessions: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '300' },
    entries: { type: 'string', default: '20000' },
    servers: { type: 'string', default: '2' },
    'think-min-ms': { type: 'string', default: '1000' },
    'think-max-ms': { type: 'string', default: '3000' },
    'max-p99-ms': { type: 'string', default: '100' },
    'max-rss-mb': { type: 'string', default: '200' },
    out: { type: 'string' },
  },
});
const num = (name) => {
  const v = Number(opt[name]);
  if (!Number.isFinite(v) || v < 0) fatal(`--${name} must be a number, not ${opt[name]}`);
  return v;
};

function fatal(message) {
  console.error(`bench/load: ${message}`);
  process.exit(2);
}

const { Client, createToken, formOf, login, DEMO_PASSWORD, runCommand, sleep, startServer } =
  await import('../../tests/support/harness.mjs');
const { startCluster } = await import('../../tests/support/cluster.mjs');

const SEARCHES = ['martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand',
                  'leroy', 'moreau', 'simon', 'laurent', 'lefebvre', 'michel', 'garcia', 'roux'];
const INITIALS = 'abcdefghijlmnprst';
const ACTIONS = ['search', 'view', 'next', 'status'];

// ---------------------------------------------------------------------------
// Set-up: servers, a contact plan with `entries` customers due today.

async function startServers(kind, customers, servers) {
  const setupTimeoutMs = 30 * 60_000;
  if (kind === 'sqlite') {
    const server = await startServer({ kind, demoCustomers: customers, setupTimeoutMs });
    return { url: server.url, dbUrl: server.dbUrl, pids: [server.proc.pid], stop: () => server.stop() };
  }
  const cluster = await startCluster({ servers, demoCustomers: customers, setupTimeoutMs });
  return { url: cluster.url, dbUrl: cluster.dbUrl, pids: cluster.servers.map((s) => s.pid),
           stop: () => cluster.stop() };
}

async function api(target, token, method, pathname, body) {
  const res = await fetch(target.url + pathname, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

async function query(target, sql) {
  const r = target.dbUrl.startsWith('sqlite:')
    ? await runCommand('sqlite3', [target.dbUrl.slice('sqlite:'.length), sql])
    : await runCommand('psql', [target.dbUrl, '-Atc', sql]);
  if (r.code !== 0) fatal(`could not read the database (${sql}): ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

async function customerIds(target, count) {
  return (await query(target, `SELECT id FROM customers ORDER BY id LIMIT ${count}`)).map(Number);
}

// Open entries a CSR may be offered now (their window is open).
async function callableNow(target) {
  const now = new Date().toISOString().slice(0, 19) + 'Z';
  const [n] = await query(target, 'SELECT COUNT(*) FROM plan_entries WHERE status IN (10, 11, 20, 21) ' +
                                  `AND next_contact_at <= '${now}' AND window_ends_at > '${now}'`);
  return Number(n);
}

async function pool(items, width, task) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

// A plan that contacts every day, `entries` customers on it, today's list generated.
async function todaysList(target, entries) {
  const { token } = await createToken({ dbUrl: target.dbUrl }, 'manager', 'load');
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const plan = await api(target, token, 'POST', '/api/v1/contact-plans', {
    code: 'LOAD', name_en: 'Load', weekdays: [1, 2, 3, 4, 5, 6, 7], valid_from: yesterday,
    responsible_user_id: null,  // every CSR works the list
  });
  if (plan.status !== 201) fatal(`the plan: ${plan.status} ${plan.text}`);
  const ids = await customerIds(target, entries);
  let refused = 0;
  await pool(ids, 16, async (id) => {
    const r = await api(target, token, 'POST', `/api/v1/contact-plans/${plan.body.id}/contact-info`,
                        { customer_id: id, earliest: '00:00', latest: '24:00' });  // callable at any hour
    if (r.status !== 201) ++refused;  // a demo customer without a phone
  });
  const started = await api(target, token, 'POST', '/api/v1/plan-generations',
                            { plans: [plan.body.id], from: today, to: today });
  if (started.status !== 202) fatal(`the generation: ${started.status} ${started.text}`);
  for (let i = 0; i < 6000; ++i) {
    const job = await api(target, token, 'GET', started.body.url);
    if (job.body.finished) {
      if (job.body.status !== 'done') fatal(`the generation ended ${job.body.status}: ${job.body.message}`);
      return { entries: job.body.counts?.created ?? job.body.done, refused };
    }
    await sleep(100);
  }
  fatal('the generation did not finish within 10 minutes');
}

// ---------------------------------------------------------------------------
// One CSR: signed in once, then search, view, next call, status, with
// think times, until `deadline`.

const samples = Object.fromEntries(ACTIONS.map((a) => [a, []]));
const errors = Object.fromEntries(ACTIONS.map((a) => [a, []]));
const conflicts = { status: 0, login_retries: 0 };
let noCall = 0;

async function timed(action, work) {
  const t0 = performance.now();
  try {
    const ok = await work();
    const ms = performance.now() - t0;
    if (ok === true) samples[action].push(ms);
    else if (ok) errors[action].push(ok);
    return ok === true;
  } catch (e) {
    errors[action].push(e.message);
    return false;
  }
}

function think(min, max) {
  return sleep(min + Math.random() * (max - min));
}

async function csr(target, deadline, thinkMin, thinkMax) {
  const client = new Client(target.url);
  // Sign-ins are spread over the first seconds, as a shift starts.
  await sleep(Math.random() * Math.min(10_000, thinkMax * 3));
  // A log-in refused while the password hashing queue is full (503) is
  // tried again after its Retry-After, as the page tells the CSR to.
  let signedIn = await login(client, 'csr', DEMO_PASSWORD);
  for (let tries = 1; signedIn.status === 503 && tries < 10; ++tries) {
    ++conflicts.login_retries;
    await sleep(1000 * Number(signedIn.headers?.get?.('retry-after') || 5));
    signedIn = await login(client, 'csr', DEMO_PASSWORD);
  }
  if (signedIn.status !== 303) {
    errors.search.push(`log-in answered ${signedIn.status}`);
    return;
  }
  while (Date.now() < deadline) {
    await think(thinkMin, thinkMax);
    const q = `${SEARCHES[Math.floor(Math.random() * SEARCHES.length)]} ${INITIALS[Math.floor(Math.random() * INITIALS.length)]}`;
    let found = [];
    await timed('search', async () => {
      const res = await client.get(`/customers?q=${encodeURIComponent(q)}`);
      if (res.status !== 200) return `search ${res.status}`;
      found = [...res.text.matchAll(/href="\/customers\/(\d+)"/g)].map((m) => m[1]);
      return true;
    });
    if (found.length && Date.now() < deadline) {
      await think(thinkMin, thinkMax);
      const id = found[Math.floor(Math.random() * found.length)];
      await timed('view', async () => {
        const res = await client.get(`/customers/${id}`);
        return res.status === 200 || `view ${res.status}`;
      });
    }
    if (Date.now() >= deadline) break;
    await think(thinkMin, thinkMax);
    let entry = null;
    await timed('next', async () => {
      const res = await client.get('/plan-entries/next');
      if (res.status === 200) {
        ++noCall;
        return true;
      }
      if (res.status !== 303 || !/^\/plan-entries\/\d+$/.test(res.location ?? '')) return `next ${res.status}`;
      const page = await client.get(res.location);
      if (page.status !== 200) return `entry ${page.status}`;
      const form = formOf(page.text, `${res.location}/status`);
      if (!form) return 'entry page without a status form';
      entry = { url: `${res.location}/status`, fields: form.fields };
      return true;
    });
    if (!entry || Date.now() >= deadline) continue;
    await think(thinkMin, thinkMax);
    await timed('status', async () => {
      const res = await client.postForm(entry.url, { ...entry.fields, status: '11', note: '' });
      if (res.status === 303) return true;
      if (res.status === 409) {
        ++conflicts.status;  // another CSR set it first: shown to the CSR, not an error
        return null;
      }
      return `status ${res.status}`;
    });
  }
}

// ---------------------------------------------------------------------------
// The servers' CPU and memory, from /proc.

const TICKS = 100;  // USER_HZ on Linux
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}
function peakRssMb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const kind = opt.db;
  if (!['sqlite', 'postgresql'].includes(kind)) fatal('--db is sqlite or postgresql');
  const sessions = num('sessions');
  const seconds = num('seconds');
  const maxP99 = num('max-p99-ms');
  const maxRss = num('max-rss-mb');
  const t0 = Date.now();
  const target = await startServers(kind, num('customers'), num('servers'));
  let failed = false;
  const lines = [];
  try {
    const list = await todaysList(target, num('entries'));
    const setupSeconds = (Date.now() - t0) / 1000;
    const callable = await callableNow(target);
    console.error(`bench/load: ${kind}, ${opt.customers} customers, ${list.entries} entries due today, ` +
                  `${callable} callable now ` +
                  `(set up in ${setupSeconds.toFixed(0)} s); ${sessions} CSRs for ${seconds} s`);
    const cpu0 = target.pids.map(cpuSeconds);
    const start = Date.now();
    const deadline = start + seconds * 1000;
    await Promise.all(Array.from({ length: sessions },
                                 () => csr(target, deadline, num('think-min-ms'), num('think-max-ms'))));
    const elapsed = (Date.now() - start) / 1000;
    const cpu = target.pids.map(cpuSeconds).reduce((a, c, i) => a + c - cpu0[i], 0);
    const rss = target.pids.map(peakRssMb);
    const requests = ACTIONS.reduce((n, a) => n + samples[a].length, 0);

    lines.push(`| Action | Done | p50 ms | p99 ms | Errors |`, `|---|---:|---:|---:|---:|`);
    let errorCount = 0;
    for (const a of ACTIONS) {
      const sorted = samples[a].slice().sort((x, y) => x - y);
      const p99 = percentile(sorted, 99);
      errorCount += errors[a].length;
      if (!(p99 < maxP99)) failed = true;
      lines.push(`| ${a} | ${sorted.length} | ${percentile(sorted, 50).toFixed(1)} | ${p99.toFixed(1)} | ${errors[a].length} |`);
    }
    if (errorCount > 0) failed = true;
    const peak = Math.max(...rss);
    if (kind === 'sqlite' && peak > maxRss) failed = true;
    lines.push('', `${kind}, ${target.pids.length} server(s); ${sessions} CSRs for ${elapsed.toFixed(0)} s; ` +
               `${requests} actions (${(requests / elapsed).toFixed(1)}/s); ` +
               `${conflicts.status} statuses refused because another CSR set the entry first (409); ` +
               `${conflicts.login_retries} log-ins tried again after a 503 (password hashing queue full); ` +
               `${noCall} Next call with nothing to call; ` +
               `servers' CPU ${cpu.toFixed(1)} s (${((cpu / elapsed) * 100).toFixed(0)} % of one core, ` +
               `${((cpu * 1e3) / Math.max(1, requests)).toFixed(2)} ms per action); ` +
               `peak RSS ${rss.map((r) => r.toFixed(0)).join(' + ')} MB; ` +
               `goals: 0 errors, p99 < ${maxP99} ms${kind === 'sqlite' ? `, RSS < ${maxRss} MB` : ''}: ` +
               `${failed ? 'MISSED' : 'met'}`);
    const firstErrors = ACTIONS.flatMap((a) => errors[a].slice(0, 3).map((e) => `${a}: ${e}`));
    if (firstErrors.length) lines.push('', `First errors: ${firstErrors.join('; ')}`);
  } finally {
    await target.stop();
  }
  const table = lines.join('\n');
  console.log(table);
  if (opt.out) fs.writeFileSync(opt.out, `${table}\n`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => fatal(e.stack ?? e.message));
