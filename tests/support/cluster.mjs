// Several `rapport serve` on one PostgreSQL database behind HAProxy, on
// loopback ports: what README's "Several servers" describes, started with
// deploy/haproxy.cfg's own settings (the tests check the shipped file).
//
//   const cluster = await startCluster({ servers: 2 });
//   cluster.url            HAProxy's address
//   cluster.servers[i]     {name, url, kill(), terminate(), restart(), alive(), jobServerId()}
//   await cluster.stop()
//
// HAProxy adds `X-Served-By: app1|app2…` to each answer so a test can tell
// which server answered.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import {
  createDatabase, occupyPort, ROOT, runCli, runCommand, sleep, spawnServe, terminate, within,
} from './harness.mjs';
import { jobServerIdOf } from './jobs.mjs';

const HAPROXY = fs.existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

// The shipped deploy/rapport.env's RAPPORT_DRAIN_MS: how long a server
// stopped with SIGTERM stays in HAProxy's pool answering /ready with 503.
export function shippedDrainMs() {
  const env = fs.readFileSync(path.join(ROOT, 'deploy', 'rapport.env'), 'utf8');
  const ms = /^RAPPORT_DRAIN_MS=(\d+)$/m.exec(env)?.[1];
  if (!ms) throw new Error('deploy/rapport.env sets no RAPPORT_DRAIN_MS');
  return Number(ms);
}
const READY_TIMEOUT_MS = 15_000;

// deploy/haproxy.cfg with these servers, bound to 127.0.0.1:port, logging
// nothing, and naming the answering server in a header.
export function haproxyConfig(port, servers) {
  const shipped = fs.readFileSync(path.join(ROOT, 'deploy', 'haproxy.cfg'), 'utf8');
  const out = [];
  let skipping = false;
  for (const line of shipped.split('\n')) {
    if (/# servers:begin/.test(line)) {
      out.push(line);
      for (const s of servers) out.push(`    server ${s.name} 127.0.0.1:${s.port} check`);
      skipping = true;
      continue;
    }
    if (/# servers:end/.test(line)) skipping = false;
    if (skipping) continue;
    if (/^\s*log stdout/.test(line)) continue;
    if (/^\s*bind /.test(line)) {
      out.push(`    bind 127.0.0.1:${port}`);
      continue;
    }
    out.push(line);
    if (/^\s*balance /.test(line)) out.push('    http-response set-header X-Served-By %[srv_name]');
  }
  return out.join('\n');
}

async function answersReady(url) {
  try {
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

// Waits (bounded) until `url`/ready answers 200 `times` in a row.
export async function waitReady(url, { times = 1, timeoutMs = READY_TIMEOUT_MS } = {}) {
  const deadline = Date.now() + timeoutMs;
  let streak = 0;
  while (Date.now() < deadline) {
    streak = (await answersReady(url)) ? streak + 1 : 0;
    if (streak >= times) return;
    await sleep(100);
  }
  throw new Error(`${url}/ready did not answer 200 within ${timeoutMs} ms`);
}

// Starts HAProxy in the foreground (-db) on `config`; resolves once its
// configuration was accepted.
async function startHaproxy(dir, config) {
  const file = path.join(dir, 'haproxy.cfg');
  await writeFile(file, config);
  const check = await runCommand(HAPROXY, ['-c', '-q', '-f', file], { timeoutMs: 10_000 });
  if (check.code !== 0) throw new Error(`haproxy refused its configuration: ${check.stderr}${check.stdout}`);
  const proc = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.setEncoding('utf8').on('data', (d) => {
      if (output.length < 1 << 20) output += d;
    });
  }
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, exited, output: () => output };
}

// One server of the cluster: {name, url, port, pid, kill(), terminate(),
// restart(), alive(), jobServerId(), output()}; restart() starts a new
// `rapport serve` on the same port, which HAProxy's health check takes back.
function clusterServer(name, dbUrl, env, first) {
  const server = {
    name,
    state: first,
    url: first.url,
    port: first.port,
    get pid() {
      return server.state.proc.pid;
    },
    // kill -9: no goodbye, nothing flushed.
    async kill() {
      server.state.proc.kill('SIGKILL');
      await server.state.exited;
    },
    // SIGTERM: {code, signal, ms, killed} once it exited (SIGKILL after 10 s).
    terminate: () => terminate(server.state),
    alive: () => server.state.exit === null,
    output: () => ({ stdout: server.state.stdout, stderr: server.state.stderr }),
    // The id its job workers claim partitions as.
    jobServerId: () => jobServerIdOf(server.output()),
    // A new process on the same port once this one stopped (killed or
    // terminated); resolves when it answers /ready.
    async restart() {
      if (server.alive()) await server.terminate();
      let lastError;
      for (let attempt = 0; attempt < 10; ++attempt) {
        try {
          server.state = await spawnServe(dbUrl, `127.0.0.1:${server.port}`, env);
          await waitReady(server.url);
          return server;
        } catch (e) {
          lastError = e;  // the port may linger a moment
          await sleep(200);
        }
      }
      throw lastError;
    },
  };
  return server;
}

// A migrated PostgreSQL database with the demo data, `servers` servers on it
// and HAProxy in front. `env` is given to every server; setupTimeoutMs
// bounds `migrate` and `demo`.
export async function startCluster({ servers = 2, demoCustomers = 0, env = {}, setupTimeoutMs } = {}) {
  env = { RAPPORT_DRAIN_MS: String(shippedDrainMs()), ...env };
  const db = await createDatabase('postgresql');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rapport-cluster-'));
  const running = [];
  let haproxy = null;
  const cluster = {
    dbUrl: db.url,
    url: null,
    servers: running,
    async stop() {
      if (haproxy && !haproxy.proc.exitCode && haproxy.proc.signalCode === null) {
        haproxy.proc.kill('SIGTERM');
        if (!(await within(haproxy.exited, 5_000))) haproxy.proc.kill('SIGKILL');
      }
      await Promise.all(running.map((s) => terminate(s.state)));
      await db.drop().catch((e) => console.error(`could not drop ${db.url}: ${e.message}`));
      await rm(dir, { recursive: true, force: true });
    },
    haproxyOutput: () => haproxy?.output() ?? '',
  };
  try {
    for (const args of [['migrate'], ['demo', '--customers', String(demoCustomers)]]) {
      const r = await runCli(['--db', db.url, ...args], { timeoutMs: setupTimeoutMs });
      if (r.code !== 0) throw new Error(`rapport ${args[0]} failed (${r.code}): ${r.stdout}${r.stderr}`);
    }
    for (let i = 1; i <= servers; ++i) {
      running.push(clusterServer(`app${i}`, db.url, env, await spawnServe(db.url, '127.0.0.1:0', env)));
    }
    const port = await occupyPort();
    await port.close();
    haproxy = await startHaproxy(dir, haproxyConfig(port.port, running));
    cluster.url = `http://127.0.0.1:${port.port}`;
    // Every server passed HAProxy's health check (rise 2) before a test starts.
    await Promise.all(running.map((s) => waitReady(s.url)));
    await waitReady(cluster.url, { times: 2 * servers });
  } catch (e) {
    await cluster.stop().catch(() => {});
    throw e;
  }
  return cluster;
}
