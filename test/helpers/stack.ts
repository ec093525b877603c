// Test stack: real nats-server and clickhouse-server started per test file on free loopback
// ports with data in a temporary folder, and the gateway, the API process and the sink started
// from dist/ as child processes, exactly as `npm start` runs them: NATS with tapgate's users and
// permissions, each process logged in as its own user. Everything is stopped by PID in teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
// @ts-expect-error plain JavaScript module shared with npm start
import { startClickHouse, startLocalServers, freePort } from '../../scripts/lib/servers.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNatsCluster } from '../../scripts/lib/nats-cluster.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import { ensureNatsCredentials } from '../../scripts/lib/nats-auth.mjs';
import { connectNats, loadRegistryRecords, openRegistry } from '../../lib/index.js';
import { parseRegistryJson } from '../../core/index.js';
import type { NatsConnection } from '@nats-io/transport-node';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');

interface Server { readonly url: string; readonly pid: number; stop(): Promise<void> }

/** tapgate's NATS users (scripts/lib/nats-auth.mjs). */
export type NatsUser = 'gateway' | 'api' | 'sink' | 'notifier' | 'admin' | 'payment' | 'catering' | 'analytics' | 'ops';
interface NatsCredential { readonly user: string; readonly password: string; readonly passwordFile: string }

/** A three-node NATS cluster of the stack (scripts/lib/nats-cluster.mjs). */
export interface NatsCluster {
  readonly urls: string[];
  readonly nodes: Array<{ readonly name: string; readonly url: string; readonly pid: number | null; running(): boolean }>;
  kill(name: string): Promise<void>;
  restart(name: string): Promise<void>;
  streamLeader(stream: string): Promise<{ readonly name: string } | null>;
}

export interface Stack {
  readonly dir: string;
  /** The NATS server; with `natsCluster`, its url lists every node. */
  readonly nats: Server;
  /** Set when the stack runs a three-node NATS cluster (processes get TAPGATE_NATS_REPLICAS=3). */
  readonly cluster: NatsCluster | null;
  readonly clickhouse: Server | null;
  /** Connected as the operator's maintenance user (ops), which may do anything: for setup and inspection. */
  readonly nc: NatsConnection;
  /** The environment that makes a process log in to NATS as this user. */
  natsEnv(user: NatsUser): Record<string, string>;
  /** A new connection as this user (closed at stop). */
  connect(user: NatsUser): Promise<NatsConnection>;
  /** Writes registry records (the JSON file form) to the KV registry. */
  loadRegistry(doc: Record<string, unknown[]>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts of the servers tried with new free ports when one was taken meanwhile. */
const PORT_TRIES_MAX = 3;

/**
 * Runs a start whose ports come from freePort() again with new ports when a port was taken
 * between the kernel naming it free and the server binding it (another test's outgoing
 * connection may get the same ephemeral port): START_PORT_IN_USE, nothing left running.
 */
async function withFreshPorts<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if ((err as { code?: string }).code !== 'START_PORT_IN_USE' || attempt >= PORT_TRIES_MAX) throw err;
    }
  }
}

export async function startStack(opts: { clickhouse?: boolean; natsCluster?: boolean } = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-test-'));
  // Every client logs in as one of tapgate's users, as under npm start (scripts/lib/nats-auth.mjs).
  const credentials = ensureNatsCredentials(join(dir, 'nats-users')) as Record<NatsUser, NatsCredential>;
  const cluster = opts.natsCluster === true
    ? await startNatsCluster({ dataDir: join(dir, 'nats-cluster'), credentials }) as NatsCluster & { url: string; stop(): Promise<void> }
    : null;
  // A start that fails halfway stops what it started (scripts/lib/servers.mjs).
  const servers = cluster !== null ? { nats: { url: cluster.url, pid: 0, stop: () => cluster.stop() }, clickhouse: opts.clickhouse === false ? null
    : await startClickHouse({ httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(), dataDir: join(dir, 'clickhouse') })
      .catch(async (err: unknown) => { await cluster.stop(); throw err; }) } as { nats: Server; clickhouse: Server | null }
    : await withFreshPorts(async () => startLocalServers({
    nats: { port: await freePort(), dataDir: join(dir, 'nats'), credentials },
    clickhouse: opts.clickhouse === false ? null : {
      httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(), dataDir: join(dir, 'clickhouse'),
    },
  }) as Promise<{ nats: Server; clickhouse: Server | null }>);
  const { nats, clickhouse } = servers;
  const natsEnv = (user: NatsUser): Record<string, string> => ({
    TAPGATE_NATS_URL: nats.url, TAPGATE_NATS_USER: user, TAPGATE_NATS_PASSWORD_FILE: credentials[user].passwordFile,
    ...(cluster === null ? {} : { TAPGATE_NATS_REPLICAS: '3' }),
  });
  const auth = (user: NatsUser) => ({ user, pass: credentials[user].password });
  const extra: NatsConnection[] = [];
  const nc = await connectNats(nats.url, 'tapgate-test', auth('ops'));
  const kv = await openRegistry(nc, cluster === null ? 1 : 3);
  return {
    dir, nats, cluster, clickhouse, nc, natsEnv,
    connect: async (user) => { const c = await connectNats(nats.url, `tapgate-test-${user}`, auth(user)); extra.push(c); return c; },
    loadRegistry: async (doc) => { await loadRegistryRecords(kv, parseRegistryJson(JSON.stringify(doc))); },
    stop: async () => {
      for (const c of [...extra, nc]) await c.close().catch(() => undefined);
      await nats.stop();
      await clickhouse?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ProcessHandle {
  readonly child: ChildProcess;
  /** Every log line the process wrote, parsed where it was JSON. */
  readonly logs: Array<Record<string, unknown>>;
  /** All stdout and stderr text, for searching. */
  output(): string;
  /** Resolves with the first log line matching. */
  waitForLog(pred: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM (or the signal given) and wait for exit; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
}

export function spawnNode(script: string, env: Record<string, string>): ProcessHandle {
  const child = spawn(process.execPath, [join(DIST, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, unknown>> = [];
  let text = '';
  const waiters: Array<{ pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }> = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      text += line + '\n';
      let parsed: Record<string, unknown>;
      try { parsed = JSON.parse(line) as Record<string, unknown>; } catch { parsed = { msg: line }; }
      logs.push(parsed);
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]!.pred(parsed)) { waiters[i]!.resolve(parsed); waiters.splice(i, 1); }
      }
    });
  }
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child, logs, exited,
    output: () => text,
    waitForLog: (pred, timeoutMs = 30_000) => {
      const found = logs.find(pred);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`log line not seen within ${timeoutMs} ms; output:\n${text.slice(-3000)}`)), timeoutMs);
        waiters.push({ pred, resolve: (l) => { clearTimeout(timer); resolve(l); } });
        void exited.then((code) => { clearTimeout(timer); reject(new Error(`${script} exited with ${code} first; output:\n${text.slice(-3000)}`)); });
      });
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A gateway and the API process started with it; log helpers and `child` are the gateway's. */
export interface GatewayProcess extends ProcessHandle {
  readonly devicePort: number;
  readonly opsPort: number;
  readonly deviceUrl: string;
  readonly opsUrl: string;
  /** The API process's port (the gateway no longer serves the admin API, ADR 0017). */
  readonly apiPort: number;
  /** http://127.0.0.1:<apiPort>/api/v1 */
  readonly apiUrl: string;
  /** The API process started with this gateway. */
  readonly api: ApiProcess;
}

/** An API process (dist/api/main.js) listening. */
export interface ApiProcess extends ProcessHandle {
  readonly apiPort: number;
  readonly apiUrl: string;
  readonly opsPort: number;
  readonly opsUrl: string;
}

/** A gateway's environment in the test stack: its NATS user, free ports, ClickHouse if any. */
function gatewayEnv(stack: Stack, env: Record<string, string>): Record<string, string> {
  return { ...stack.natsEnv('gateway'), TAPGATE_CLICKHOUSE_URL: stack.clickhouse?.url ?? 'http://127.0.0.1:9',
    TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0', TAPGATE_API_PORT: '0', TAPGATE_LOG_LEVEL: 'info', ...env };
}

/**
 * Starts dist/api/main.js on free ports, logged in as NATS user api, and waits until it listens.
 * `env` may carry a gateway's variables too (they are not the API's and are ignored), but never
 * its NATS user: the API always logs in as its own.
 */
export async function startApiProcess(stack: Stack, env: Record<string, string> = {}, listenTimeoutMs = 60_000): Promise<ApiProcess> {
  const p = spawnNode('api/main.js', { TAPGATE_CLICKHOUSE_URL: stack.clickhouse?.url ?? 'http://127.0.0.1:9', TAPGATE_LOG_LEVEL: 'info',
    ...env, ...stack.natsEnv('api'), TAPGATE_API_PORT: env['TAPGATE_API_PORT'] ?? '0', TAPGATE_API_OPS_PORT: env['TAPGATE_API_OPS_PORT'] ?? '0' });
  const line = await p.waitForLog((l) => l['msg'] === 'api listening', listenTimeoutMs)
    .catch(async (err: unknown) => { await p.stop(); throw err; });
  const apiPort = Number(line['apiPort']);
  const opsPort = Number(line['opsPort']);
  return { ...p, apiPort, apiUrl: `http://127.0.0.1:${apiPort}/api/v1`, opsPort, opsUrl: `http://127.0.0.1:${opsPort}` };
}

/** Starts dist/gateway/main.js on free ports and an API process beside it, and waits until both listen. */
export async function startGateway(stack: Stack, env: Record<string, string> = {}, listenTimeoutMs = 60_000): Promise<GatewayProcess> {
  const p = spawnNode('gateway/main.js', gatewayEnv(stack, env));
  const line = await p.waitForLog((l) => l['msg'] === 'gateway listening', listenTimeoutMs);
  return listening(p, line, await startApiProcess(stack, apiEnvOf(env), listenTimeoutMs).catch(async (err: unknown) => { await p.stop(); throw err; }));
}

/** What of a gateway's test environment the API process is given: not its NATS user, not its ports. */
function apiEnvOf(env: Record<string, string>): Record<string, string> {
  const { TAPGATE_NATS_USER: _u, TAPGATE_NATS_PASSWORD_FILE: _f, TAPGATE_API_PORT: _p, TAPGATE_OPS_PORT: _o, ...rest } = env;
  return rest;
}

/**
 * Starts a standby (TAPGATE_STANDBY=1) and resolves once it listens; `listening` resolves once it
 * has taken a shard over, with an API process of its own started then.
 */
let standbys = 0;

export async function startStandby(stack: Stack, env: Record<string, string> = {}): Promise<{ process: ProcessHandle; listening: Promise<GatewayProcess> }> {
  // Each gateway process needs its own id (GW_ID_IN_USE otherwise).
  const p = spawnNode('gateway/main.js', gatewayEnv(stack, { TAPGATE_STANDBY: '1', TAPGATE_GATEWAY_ID: `gw-standby-${++standbys}`, ...env }));
  // A standby listens at once (it redirects devices to the owner) and owns shards only once no
  // other gateway lives (ADR 0018): `listening` resolves when it has opened one.
  const line = await p.waitForLog((l) => l['msg'] === 'gateway listening', 60_000);
  const up = p.waitForLog((l) => l['msg'] === 'shard opened', 600_000)
    .then(async () => listening(p, line, await startApiProcess(stack, apiEnvOf(env))));
  up.catch(() => undefined);
  return { process: p, listening: up };
}

function listening(p: ProcessHandle, line: Record<string, unknown>, api: ApiProcess): GatewayProcess {
  const devicePort = Number(line['devicePort']);
  const opsPort = Number(line['opsPort']);
  // The API process started with a gateway goes with it, however the gateway ends (a SIGKILL in a
  // test included): a test process waits for every child it spawned before it exits.
  void p.exited.then(() => api.stop('SIGTERM'));
  return { ...p, devicePort, opsPort, deviceUrl: `ws://127.0.0.1:${devicePort}/device/v1`, opsUrl: `http://127.0.0.1:${opsPort}`,
    apiPort: api.apiPort, apiUrl: api.apiUrl, api,
    // The gateway first (it may be answering the API's requests), then the API.
    stop: async (signal) => { const code = await p.stop(signal); await api.stop(signal); return code; } };
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

export { freePort };

/** Starts the ClickHouse sink from dist/ against the stack (fast flushes for tests) and waits until it listens. */
export async function startSink(stack: Stack, env: Record<string, string> = {}): Promise<ProcessHandle> {
  const sink = spawnNode('consumers/clickhouse-sink/main.js', {
    ...stack.natsEnv('sink'), TAPGATE_CLICKHOUSE_URL: stack.clickhouse!.url, TAPGATE_SINK_OPS_PORT: '0',
    TAPGATE_SINK_FLUSH_INTERVAL_MS: '100', TAPGATE_SINK_BATCH_ROWS_MAX: '64', TAPGATE_LOG_LEVEL: 'info', ...env,
  });
  await sink.waitForLog((l) => l['msg'] === 'sink listening', 60_000);
  return sink;
}
