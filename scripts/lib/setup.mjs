// Setup shared by `npm start` and `npm test`: installs npm packages when they are missing or
// older than the lock file, installs Debian's servers when missing, compiles the TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianServers } from './servers.mjs';

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`"${cmd} ${args.join(' ')}" failed with exit code ${r.status}`);
}

export function ensureNodeModules(root, log) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund'], root);
}

export function ensureBuilt(root) {
  run(process.execPath, [join(root, 'scripts', 'build.mjs')], root);
}

export function setup(root, log = (m) => process.stderr.write(`tapgate: ${m}\n`), { browser = false } = {}) {
  if (Number(process.versions.node.split('.')[0]) !== 20) {
    log(`warning: Node ${process.versions.node}; the uWebSockets.js build tapgate uses loads only on Node 20`);
  }
  ensureNodeModules(root, log);
  ensureDebianServers(log, { browser });
  log('compiling');
  ensureBuilt(root);
}
