// Local servers as child processes: Debian's nats-server (with JetStream) and clickhouse-server,
// each on loopback with its data under a folder of ours. Used by `npm start`, the tests and the
// benchmarks. Servers are started and stopped by PID, never by name. Plain JavaScript so that
// `npm start` can use it before anything is compiled.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, existsSync, openSync, readFileSync, closeSync, fstatSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { natsAuthorizationConfig } from './nats-auth.mjs';

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

const CHROMIUM_BINARY = '/usr/bin/chromium';

/**
 * Installs Debian's nats-server and clickhouse-server when either is missing; with `browser`
 * (npm test: the console's browser tests), Debian's chromium and a font with Cyrillic too.
 */
export function ensureDebianServers(log = (m) => process.stderr.write(m + '\n'), { browser = false } = {}) {
  const missing = [];
  if (!findBinary(NATS_BINARIES, 'nats-server')) missing.push('nats-server');
  if (!findBinary(CLICKHOUSE_BINARIES, 'clickhouse-server') || !existsSync(CLICKHOUSE_CONFIG)) missing.push('clickhouse-server');
  if (browser && !existsSync(CHROMIUM_BINARY)) missing.push('chromium', 'fonts-dejavu-core');
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

/** The code of the error a start fails with when a port it needs is taken. */
export const PORT_IN_USE = 'START_PORT_IN_USE';
/** The code of the error a start fails with when the server exits or hangs before it is ready. */
export const SERVER_FAILED = 'START_SERVER_FAILED';

function startError(code, message, details) {
  return Object.assign(new Error(message), { code, ...details });
}

/** Resolves true when 127.0.0.1:port can be bound now (nothing listens or holds it there). */
function canBind(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Fails with START_PORT_IN_USE when something holds the port (another tapgate, another server). */
export async function assertPortFree(port, what) {
  if (await canBind(port)) return;
  throw startError(PORT_IN_USE, `port ${port} for ${what} is already in use on 127.0.0.1; ` +
    'stop what uses it or pick another port', { port, server: what });
}

/**
 * Lines that say why a server could not bind: ClickHouse's "Net Exception: Address already in
 * use: HOST:PORT", NATS's "listen tcp HOST:PORT: bind: address already in use".
 */
const BIND_FAILED =
  /Address already in use: \S*:(\d+)|listen tcp \S*:(\d+): bind: address already in use/;
/** Lines that name a fatal error in either server's log. */
const FATAL_LINE = /<Error>|\[FTL\]|\[ERR\]/;

/**
 * Why a server that exited or hung during its start failed, read from the end of its log: the
 * port it could not bind, or else its last error line. Pure, for the tests.
 * @returns {{ port: number | null, line: string | null }}
 */
export function causeFromLog(text) {
  const lines = text.split('\n').slice(-400);
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = BIND_FAILED.exec(lines[i]);
    if (m) return { port: Number(m[1] ?? m[2]), line: lines[i].trim() };
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    if (FATAL_LINE.test(lines[i])) return { port: null, line: lines[i].trim() };
  }
  return { port: null, line: null };
}

function readFrom(file, offset) {
  try { return readFileSync(file).subarray(offset).toString('utf8'); } catch { return ''; }
}

function readTail(file) {
  try { return readFileSync(file, 'utf8').slice(-64 * 1024); } catch { return ''; }
}

/** Stops a child that failed its start (by PID) and builds the error that names the cause. */
async function failedStart(child, what, logFiles, reason) {
  await stopper(child, what)();
  const cause = causeFromLog(logFiles.map(readTail).join('\n'));
  const logs = logFiles.join(', ');
  if (cause.port !== null) {
    return startError(PORT_IN_USE, `${what} ${reason}: port ${cause.port} is already in use on ` +
      `127.0.0.1 (its log ${logs}: "${cause.line}")`,
      { port: cause.port, server: what, logLine: cause.line });
  }
  const tail = cause.line === null ? `see ${logs}` : `its log ${logs}: "${cause.line}"`;
  return startError(SERVER_FAILED, `${what} ${reason} (${tail})`,
    { port: null, server: what, logLine: cause.line });
}

/**
 * Waits until probe() is true while the child runs. Resolves null when ready, or the reason
 * it never was ("exited with code 70 before it was ready", "was not ready within N ms").
 */
async function waitReady(probe, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode;
      return `exited with ${how} before it was ready`;
    }
    if (await probe() && child.exitCode === null) return null;
    if (Date.now() > deadline) return `was not ready within ${timeoutMs} ms`;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function tcpAccepts(port) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => { s.destroy(); resolve(false); });
  });
}

async function httpOk(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
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
 * When it cannot start (port taken, exit, no answer in time) nothing of it is left running and
 * the error (code START_PORT_IN_USE or START_SERVER_FAILED) names the cause and its log line.
 * checkPorts: false skips the check before the start (tests reach the server's own failure).
 * credentials (from ensureNatsCredentials, nats-auth.mjs): every client must log in as one of
 * tapgate's users, each with its own permissions; without them the server is open (benchmarks).
 * config: more configuration text (a cluster node's name, routes and monitoring, nats-cluster.mjs).
 * Returns { pid, port, url, stop() }.
 */
export async function startNats({ port, dataDir, logFile, checkPorts = true, credentials = null, config = '' }) {
  const bin = findBinary(NATS_BINARIES, 'nats-server');
  if (!bin) throw new Error('nats-server is not installed (apt-get install -y nats-server)');
  if (checkPorts) await assertPortFree(port, 'nats-server');
  mkdirSync(dataDir, { recursive: true });
  const log = logFile ?? join(dataDir, 'nats-server.log');
  const out = openSync(log, 'a');
  const logFrom = fstatSync(out).size;
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dataDir];
  if (credentials !== null || config !== '') {
    // The configuration holds the passwords: readable by us only.
    const conf = join(dataDir, 'nats-server.conf');
    const auth = credentials === null ? '' : natsAuthorizationConfig(credentials);
    writeFileSync(conf, auth + config, { mode: 0o600 });
    args.push('-c', conf);
  }
  const child = spawn(bin, args, {
    stdio: ['ignore', out, out], detached: false,
  });
  closeSync(out);
  // Ready when our own server says so in its log and accepts: a port that answers could be
  // someone else's while ours is failing to bind it.
  const ready = async () => readFrom(log, logFrom).includes('Server is ready') && tcpAccepts(port);
  const failed = await waitReady(ready, child, SERVER_START_TIMEOUT_MS);
  if (failed !== null) throw await failedStart(child, 'nats-server', [log], failed);
  return { pid: child.pid, port, url: `nats://127.0.0.1:${port}`, child, stop: stopper(child, 'nats-server') };
}

/**
 * Starts clickhouse-server on loopback with the Debian config and our own data folder; fails
 * as startNats does, with nothing of it left running. Returns { pid, httpPort, tcpPort, url, stop() }.
 */
export async function startClickHouse(
  { httpPort, tcpPort, interserverPort, dataDir, logFile, checkPorts = true },
) {
  const bin = findBinary(CLICKHOUSE_BINARIES, 'clickhouse-server');
  if (!bin) throw new Error('clickhouse-server is not installed (apt-get install -y clickhouse-server)');
  const interPort = interserverPort ?? tcpPort + 1;
  if (checkPorts) {
    for (const p of [httpPort, tcpPort, interPort]) await assertPortFree(p, 'clickhouse-server');
  }
  const dir = dataDir.endsWith('/') ? dataDir : dataDir + '/';
  for (const sub of ['tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
  const log = logFile ?? join(dir, 'clickhouse-server.log');
  const stdoutLog = join(dir, 'clickhouse-stdout.log');
  const out = openSync(stdoutLog, 'a');
  const child = spawn(bin, [`--config-file=${CLICKHOUSE_CONFIG}`, '--',
    `--path=${dir}`, `--tmp_path=${dir}tmp/`, `--user_files_path=${dir}user_files/`,
    `--format_schema_path=${dir}format_schemas/`, `--http_port=${httpPort}`, `--tcp_port=${tcpPort}`,
    `--interserver_http_port=${interPort}`, '--listen_host=127.0.0.1',
    `--logger.log=${log}`, `--logger.errorlog=${log}`], { stdio: ['ignore', out, out], cwd: dir });
  closeSync(out);
  const url = `http://127.0.0.1:${httpPort}`;
  const failed = await waitReady(() => httpOk(`${url}/ping`), child, SERVER_START_TIMEOUT_MS);
  if (failed !== null) {
    throw await failedStart(child, 'clickhouse-server', [log, stdoutLog], failed);
  }
  return { pid: child.pid, httpPort, tcpPort, url, child, stop: stopper(child, 'clickhouse-server') };
}

/**
 * Starts nats-server, then clickhouse-server (options as for startNats and startClickHouse;
 * clickhouse null: NATS only). When ClickHouse fails, NATS is stopped before the error is
 * thrown: a start that fails halfway leaves nothing running.
 */
export async function startLocalServers({ nats: natsOpts, clickhouse: chOpts, log = () => {} }) {
  log(`starting nats-server on 127.0.0.1:${natsOpts.port}`);
  const nats = await startNats(natsOpts);
  if (chOpts === null) return { nats, clickhouse: null };
  try {
    log(`starting clickhouse-server on 127.0.0.1:${chOpts.httpPort}`);
    return { nats, clickhouse: await startClickHouse(chOpts) };
  } catch (err) {
    await nats.stop();
    throw err;
  }
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
