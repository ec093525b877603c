#!/usr/bin/env node
// Compiles the TypeScript into dist/ and copies the generated protobuf modules beside it
// (they are JavaScript with .d.ts types, which tsc does not emit); then builds the web console:
// web/src compiled for the browser into dist/web/js, web/static copied to dist/web (the API
// process serves that folder; docs/console.md).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
mkdirSync(join(root, 'dist', 'proto', 'gen'), { recursive: true });
cpSync(join(root, 'proto', 'gen', 'tapgate.js'), join(root, 'dist', 'proto', 'gen', 'tapgate.js'));
rmSync(join(root, 'dist', 'web'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'web', 'tsconfig.json')], { stdio: 'inherit' });
cpSync(join(root, 'web', 'static'), join(root, 'dist', 'web'), { recursive: true });
