#!/usr/bin/env node
// `npm test`: installs what is missing, checks the generated protobuf code against proto/,
// compiles the sources, type-checks the tests, runs every test file with tap (integration tests
// start their own nats-server and clickhouse-server), and ends with the line
// "N passed, N failed" that CI reads. Extra arguments are passed to tap (e.g. a test file).
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './lib/setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
setup(root, undefined, { browser: true });
const drift = spawnSync(process.execPath, [join(root, 'scripts', 'gen-proto.mjs'), '--check'], { stdio: 'inherit' });
// The build compiles the sources only; the tests run through tap's loader, which strips types
// without checking them. Check them here, so a test that sends a field the protocol does not have
// fails the run instead of passing vacuously.
const types = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit'],
  { stdio: 'inherit' });

const tap = spawn(process.execPath, [join(root, 'node_modules', 'tap', 'dist', 'esm', 'run.mjs'), '--reporter=tap', ...process.argv.slice(2)],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
// Count the tests in the TAP stream: each file's direct subtests (t.test), or the file itself
// when it has none. A failing file with no subtests counts once as failed.
let passed = 0;
let failed = 0;
let children = { ok: 0, notOk: 0 };
let buffer = '';
// Every failing line of the current file (at any depth) with a few lines of its diagnostics, so the
// run can end with a list of what failed: CI keeps only the tail of the log.
let fileFailures = [];
let diagLeft = 0;
// Inside a diagnostics key not worth the summary's room (at, stack, source): its indentation.
let skipIndent = -1;
const failures = [];
const onLine = (line) => {
  process.stdout.write(line + '\n');
  if (/^\s*not ok \d+ /.test(line)) { fileFailures.push(line.trimEnd()); diagLeft = 24; skipIndent = -1; }
  else if (diagLeft > 0 && line.trim() === '') { /* a folded YAML block's blank line: the block goes on */ }
  else if (diagLeft > 0 && /^\s+\S/.test(line) && !/^\s*(ok \d+ |# Subtest)/.test(line)) {
    const indent = line.length - line.trimStart().length;
    const inSkipped = skipIndent >= 0 && indent > skipIndent;
    if (!inSkipped) skipIndent = /^\s*(at|stack|source):/.test(line) ? indent : -1;
    if (!inSkipped && skipIndent < 0) {
      fileFailures.push(line.trimEnd());
      diagLeft = line.trim() === '...' ? 0 : diagLeft - 1;
    }
  }
  else diagLeft = 0;
  const child = /^    (not )?ok \d+ /.exec(line);
  if (child) { if (child[1]) children.notOk++; else children.ok++; return; }
  const top = /^(not )?ok \d+ /.exec(line);
  if (top) {
    if (top[1] || fileFailures.length > 0) failures.push({ file: line.replace(/^(not )?ok \d+ - /, ''), lines: fileFailures });
    fileFailures = [];
    diagLeft = 0;
    if (children.ok + children.notOk === 0) { if (top[1]) failed++; else passed++; }
    else { passed += children.ok; failed += children.notOk; if (top[1] && children.notOk === 0) failed++; }
    children = { ok: 0, notOk: 0 };
  }
};
tap.stdout.on('data', (chunk) => {
  buffer += chunk.toString();
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) { onLine(buffer.slice(0, nl)); buffer = buffer.slice(nl + 1); }
});
tap.on('exit', (code) => {
  if (buffer) onLine(buffer);
  if (drift.status !== 0) { failed++; process.stdout.write('not ok - generated protobuf code drifted from proto/ (npm run gen:proto)\n'); }
  else passed++;
  if (types.status !== 0) { failed++; process.stdout.write('not ok - the tests do not type-check (tsc -p tsconfig.json --noEmit)\n'); }
  else passed++;
  if (failures.length > 0) {
    process.stdout.write('\n# What failed (each file with its failing lines):\n');
    for (const f of failures) {
      process.stdout.write(`# ${f.file}\n`);
      for (const l of f.lines.slice(0, 80)) process.stdout.write(`#   ${l}\n`);
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});
