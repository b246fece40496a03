// The overload test (bench/overload/overload.mjs) with small sizes: every
// attack (the portal's pages of a signed-in customer among them) against
// the real binary while /health is probed and the server's
// memory sampled; it fails when a figure is beyond the README's promise.
// `make bench` runs the same script with the real sizes.
//
// On SQLite only: what it measures is the HTTP server (its limits on
// uploads, password hashing, connections and /metrics), which is the same
// over either database, and the whole run takes most of a minute.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { BIN, DB_KIND, ROOT, runCommand } from '../support/harness.mjs';

test('the server keeps /health fast and its memory bounded under every attack (small sizes)',
  { skip: DB_KIND !== 'sqlite' && 'the same HTTP server as on SQLite: run once, on SQLite' },
  async () => {
    const r = await runCommand(process.execPath,
      [path.join(ROOT, 'bench', 'overload', 'overload.mjs'), '--profile', 'small', '--bin', BIN],
      { timeoutMs: 150_000 });
    assert.equal(r.code, 0, `overload.mjs exited ${r.code}\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /\| uploads \|/, 'the table has a line per attack');
    assert.match(r.stdout, /\| portal \|/, 'the portal pages of a signed-in customer are loaded too');
  });
