// Local servers as child processes: Debian's nats-server (with JetStream) and clickhouse-server,
// each on loopback with its data under a folder of ours. Used by `npm start`, the tests and the
// benchmarks. Servers are started and stopped by PID, never by name. Plain JavaScript so that
// `npm start` can use it before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, existsSync, openSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

/** How long a server may take to accept connections before we give up, in ms. */
export const SERVER_START_TIMEOUT_MS = 60_000;
/** How long a server may take to exit after SIGTERM before it gets SIGKILL, in ms. */
export const SERVER_STOP_TIMEOUT_MS = 15_000;

const NATS_BINARIES = ['/usr/sbin/nats-server', '/usr/bin/nats-server'];
const CLICKHOUSE_BINARIES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'];
const CLICKHOUSE_CONFIG = '/etc/clickhouse-server/config.xml';

function findBinary(candidates, name) {
  for (const c of candidates) if (existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** Installs Debian's nats-server and clickhouse-server when either is missing. */
export function ensureDebianServers(log = (m) => process.stderr.write(m + '\n')) {
  const missing = [];
  if (!findBinary(NATS_BINARIES, 'nats-server')) missing.push('nats-server');
  if (!findBinary(CLICKHOUSE_BINARIES, 'clickhouse-server') || !existsSync(CLICKHOUSE_CONFIG)) missing.push('clickhouse-server');
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', ...missing]]) {
    const cmd = [...sudo, ...args];
    const r = spawnSync(cmd[0], cmd.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) {
      throw new Error(`"${cmd.join(' ')}" failed (exit ${r.status}); install ${missing.join(' ')} by hand ` +
        `(apt-get install -y ${missing.join(' ')}) and try again`);
    }
  }
}

/** Fails when something already listens on the port (another tapgate, another server). */
export function assertPortFree(port, what) {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); reject(new Error(`port ${port} for ${what} is already in use on 127.0.0.1; stop what uses it or pick another port`)); });
    s.once('error', () => { s.destroy(); resolve(); });
  });
}

function waitForPort(port, child, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`${what} exited with code ${child.exitCode} before it listened`));
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => { s.destroy(); resolve(); });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) return reject(new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`));
        setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

async function waitForHttpOk(url, child, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`${what} was not ready at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function stopper(child, what) {
  return () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, SERVER_STOP_TIMEOUT_MS);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    try { process.kill(child.pid, 'SIGTERM'); } catch { clearTimeout(kill); resolve(); }
  });
}

/**
 * Starts nats-server with JetStream on 127.0.0.1:port, storing under dataDir.
 * Returns { pid, port, url, stop() }.
 */
export async function startNats({ port, dataDir, logFile }) {
  const bin = findBinary(NATS_BINARIES, 'nats-server');
  if (!bin) throw new Error('nats-server is not installed (apt-get install -y nats-server)');
  await assertPortFree(port, 'nats-server');
  mkdirSync(dataDir, { recursive: true });
  const out = openSync(logFile ?? join(dataDir, 'nats-server.log'), 'a');
  const child = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dataDir], {
    stdio: ['ignore', out, out], detached: false,
  });
  await waitForPort(port, child, 'nats-server', SERVER_START_TIMEOUT_MS);
  return { pid: child.pid, port, url: `nats://127.0.0.1:${port}`, child, stop: stopper(child, 'nats-server') };
}

/**
 * Starts clickhouse-server on loopback with the Debian config and our own data folder.
 * Returns { pid, httpPort, tcpPort, url, stop() }.
 */
export async function startClickHouse({ httpPort, tcpPort, interserverPort, dataDir, logFile }) {
  const bin = findBinary(CLICKHOUSE_BINARIES, 'clickhouse-server');
  if (!bin) throw new Error('clickhouse-server is not installed (apt-get install -y clickhouse-server)');
  await assertPortFree(httpPort, 'clickhouse-server');
  const dir = dataDir.endsWith('/') ? dataDir : dataDir + '/';
  for (const sub of ['tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
  const log = logFile ?? join(dir, 'clickhouse-server.log');
  const out = openSync(join(dir, 'clickhouse-stdout.log'), 'a');
  const child = spawn(bin, [`--config-file=${CLICKHOUSE_CONFIG}`, '--',
    `--path=${dir}`, `--tmp_path=${dir}tmp/`, `--user_files_path=${dir}user_files/`,
    `--format_schema_path=${dir}format_schemas/`, `--http_port=${httpPort}`, `--tcp_port=${tcpPort}`,
    `--interserver_http_port=${interserverPort ?? tcpPort + 1}`, '--listen_host=127.0.0.1',
    `--logger.log=${log}`, `--logger.errorlog=${log}`], { stdio: ['ignore', out, out], cwd: dir });
  const url = `http://127.0.0.1:${httpPort}`;
  await waitForHttpOk(`${url}/ping`, child, 'clickhouse-server', SERVER_START_TIMEOUT_MS);
  return { pid: child.pid, httpPort, tcpPort, url, child, stop: stopper(child, 'clickhouse-server') };
}

/** Asks the kernel for a free loopback TCP port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const srv = createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const { port } = srv.address();
        srv.close(() => resolve(port));
      });
    }, reject);
  });
}
