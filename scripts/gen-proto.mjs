#!/usr/bin/env node
// Regenerates the protobufjs static modules in proto/gen/ from the .proto files under proto/.
// `--check` regenerates into a temporary folder and fails if the committed files differ,
// so generated code can never drift from its source (run by `npm test`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
const check = process.argv.includes('--check');

function protoFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'gen') out.push(...protoFiles(p)); }
    else if (name.endsWith('.proto')) out.push(p);
  }
  return out;
}

const files = protoFiles(join(root, 'proto'));
const outDir = check ? mkdtempSync(join(tmpdir(), 'tapgate-proto-')) : join(root, 'proto', 'gen');
mkdirSync(outDir, { recursive: true });
const js = join(outDir, 'tapgate.js');
const dts = join(outDir, 'tapgate.d.ts');
execFileSync(join(bin, 'pbjs'), ['-t', 'static-module', '-w', 'es6', '--no-verify', '--no-delimited',
  '--no-typeurl', '--force-number', '-o', js, ...files], { cwd: root, stdio: 'inherit' });
// pbjs writes `import * as $protobuf from "protobufjs/minimal"`: Node's ESM resolver needs the extension.
writeFileSync(js, readFileSync(js, 'utf8').replace('"protobufjs/minimal"', '"protobufjs/minimal.js"'));
execFileSync(join(bin, 'pbts'), ['--no-comments', '-o', dts, js], { cwd: root, stdio: 'inherit' });

if (check) {
  let drift = false;
  for (const name of ['tapgate.js', 'tapgate.d.ts']) {
    const committed = join(root, 'proto', 'gen', name);
    let a = '';
    try { a = readFileSync(committed, 'utf8'); } catch { /* missing counts as drift */ }
    if (a !== readFileSync(join(outDir, name), 'utf8')) {
      console.error(`proto/gen/${name} is out of date with proto/: run npm run gen:proto`);
      drift = true;
    }
  }
  process.exit(drift ? 1 : 0);
}
