// Wires the gateway together (ADR 0018). Start order guarantees that no tap is decided before the
// registry is loaded and the shard's state is rebuilt from its ledger under its lease:
//   ops port (readiness false, with the phase) → NATS, waited for with backoff → registry → tap
//   workers → device port and money router → shard ownership: the shards this gateway is
//   preferred for are opened one by one (lease, snapshot + replay, fence: gateway/shard/shard.ts).
// A gateway owning no shard is still useful: it redirects devices and routes bank requests. The
// admin API is its own process (api/main.ts); nothing here imports it.
import { Piscina } from 'piscina';
import { Gauge } from 'prom-client';
import { RegistryIndex, localDayBounds, CloseCode, TapgateError } from '../core/index.js';
import { watchRegistry, type Logger } from '../lib/index.js';
import type { TapWorkerData } from '../processors/tap-worker.js';
import type { GatewayConfig } from './config.js';
import { DeviceServer, type DeviceRoute } from './edge/device-server.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { MoneyRouter } from './edge/money-router.js';
import { connectGatewayNats, type GatewayNats } from './nats-connect.js';
import { listenOps } from './ops-http.js';
import { Shard } from './shard/shard.js';
import { ShardOwners } from './edge/shard-owners.js';
import { loadUws } from './uws.js';

/** How often ClickHouse reachability is checked (reported by /readyz, not part of readiness), in ms. */
const CLICKHOUSE_PING_INTERVAL_MS = 2000;
const CLICKHOUSE_PING_TIMEOUT_MS = 1000;

export interface GatewayHandle {
  readonly devicePort: number;
  readonly opsPort: number;
  /** Stops accepting, finishes the taps in flight (up to the grace period), drains NATS. */
  shutdown(): Promise<void>;
}

/** What /readyz reports while the start is under way, and the parts it reads once serving. */
interface Live {
  phase: string | null;
  stopping: boolean;
  clickhouseOk: boolean;
  nats: GatewayNats | null;
  server: DeviceServer | null;
  registry: RegistryIndex | null;
  /** The shards owned here, by id. */
  readonly shards: Map<string, Shard>;
  owners: ShardOwners | null;
}

function notReadyReason(live: Live): string | null {
  if (live.stopping) return 'shutting down';
  if (live.phase !== null) return live.phase;
  if (live.nats?.connected() === false) return 'NATS unreachable';
  for (const s of live.shards.values()) if (s.ledger.stalledSince !== null) return `ledger appends of shard ${s.id} stalled`;
  return null;
}

/** The oldest time a shard's appends have been failing since, or null while every shard's land. */
function stalledSince(live: Live): number | null {
  let since: number | null = null;
  for (const s of live.shards.values()) {
    const t = s.ledger.stalledSince;
    if (t !== null && (since === null || t < since)) since = t;
  }
  return since;
}

async function startOps(uws: ReturnType<typeof loadUws>, config: GatewayConfig, metrics: GatewayMetrics, live: Live) {
  return listenOps(uws, config.host, config.opsPort, {
    metrics: metrics.registry,
    // Readiness is about deciding and logging: ClickHouse is reported, but an analytics outage
    // must not take working gateways out of a load balancer.
    notReadyReason: () => notReadyReason(live),
    readiness: () => ({ nats: live.nats?.connected() ?? false, ledgerStalledSinceMs: stalledSince(live),
      clickhouse: live.clickhouseOk, devices: live.server?.connectedDevices ?? 0, standby: config.standby,
      shards: [...live.shards.keys()].sort(), owners: live.owners?.view() ?? [] }),
    presence: (schoolId) => {
      const school = live.registry?.schools.get(schoolId);
      const shard = school === undefined ? undefined : live.shards.get(school.shardId);
      if (school === undefined || shard === undefined) return null;
      const now = Date.now();
      const p = shard.sequencer.passes.presence(schoolId, school.timeZone, now);
      const bounds = localDayBounds(school.timeZone, now);
      return { schoolId, timeZone: school.timeZone, dayStartMs: bounds.startMs, pupils: p.pupils, staff: p.staff, total: p.pupils + p.staff };
    },
  });
}

async function startWorkers(config: GatewayConfig): Promise<Piscina> {
  const workerData: TapWorkerData = { natsUrl: config.natsUrl, natsAuth: config.natsAuth };
  const pool = new Piscina({
    filename: new URL('../processors/tap-worker.js', import.meta.url).href,
    minThreads: config.workers, maxThreads: config.workers, concurrentTasksPerWorker: config.workerConcurrency,
    maxQueue: config.workerQueueMax, idleTimeout: Number.MAX_SAFE_INTEGER, workerData,
    // 'sync' (piscina's default) parks an idle worker in Atomics.wait, which also stops its event
    // loop: its registry watch would then never see a blocked card. 'async' keeps the loop running.
    atomics: 'async',
  });
  // Load every worker (NATS connection, registry) before the first device can connect.
  await Promise.all(Array.from({ length: config.workers * config.workerConcurrency }, () =>
    pool.run({ bytes: new ArrayBuffer(0), ends: new Uint32Array(0), deviceIds: [], nowMs: Date.now(), maxTapsPerFrame: 1 })));
  return pool;
}

/** Gauges summed over the shards owned here. */
function shardGauges(metrics: GatewayMetrics, shards: ReadonlyMap<string, Shard>): void {
  const registers = [metrics.registry];
  const gauge = (name: string, help: string, read: (s: Shard) => number) => new Gauge({ name, help, registers,
    collect() { let sum = 0; for (const s of shards.values()) sum += read(s); this.set(sum); } });
  gauge('tapgate_gateway_shards_owned', 'Shards this gateway owns now', () => 1);
  gauge('tapgate_gateway_payment_ids_in_memory', 'Payment ids remembered in memory (the window of PAYMENT_IDS_MEMORY_MS)',
    (s) => s.sequencer.money.paymentCount);
  gauge('tapgate_gateway_payment_ids_forgotten', 'Payment ids forgotten by memory; their repeats are answered from the payment index',
    (s) => s.sequencer.money.forgottenCount);
  gauge('tapgate_gateway_payments_unindexed', 'Applied top-ups not yet written to the payment index', (s) => s.sequencer.money.unindexedCount);
  gauge('tapgate_gateway_sales_in_memory', 'Paid purchases kept for refunds (the 30-day refund window)', (s) => s.sequencer.pos.purchases.saleCount);
  gauge('tapgate_gateway_refunds_in_memory', 'Refunds kept for their repeats (30 days)', (s) => s.sequencer.pos.purchases.refundCount);
  gauge('tapgate_gateway_transfers_pending', 'Balances sent to another shard and not yet confirmed by it',
    (s) => [...s.sequencer.money.pendingTransfers].length);
}

export async function startGateway(config: GatewayConfig, log: Logger, onFatal: (err: TapgateError) => void): Promise<GatewayHandle> {
  const uws = loadUws();
  const metrics = createGatewayMetrics();
  const live: Live = { phase: 'connecting to NATS', stopping: false, clickhouseOk: false, nats: null, server: null, registry: null,
    shards: new Map(), owners: null };
  shardGauges(metrics, live.shards);
  const ops = await startOps(uws, config, metrics, live);
  const pingClickHouse = () => fetch(new URL('/ping', config.clickhouseUrl), { signal: AbortSignal.timeout(CLICKHOUSE_PING_TIMEOUT_MS) })
    .then((r) => { live.clickhouseOk = r.ok; }, () => { live.clickhouseOk = false; });
  void pingClickHouse();
  const pingTimer = setInterval(() => void pingClickHouse(), CLICKHOUSE_PING_INTERVAL_MS);
  pingTimer.unref();

  const n = live.nats = await connectGatewayNats(config, log);
  live.phase = 'loading the registry';
  const registry = live.registry = new RegistryIndex();
  let server: DeviceServer | null = null;
  const watch = await watchRegistry(n.kv, registry, {
    onChange: (kind, id) => {
      metrics.registryChanges.inc();
      if (kind === 'device') server?.onDeviceChanged(id);
      for (const s of live.shards.values()) s.transfers.onRegistryChange(kind, id);
    },
    // Only our own validation messages are logged: a JSON parse error quotes the value, which may hold a name.
    onInvalid: (key, err) => { metrics.registryInvalid.inc(); log.warn({ key, err: err instanceof TapgateError ? err.message : 'not valid JSON' }, 'registry value skipped'); },
  });
  await watch.ready;
  log.info({ schools: registry.schools.size, devices: registry.devices.size, persons: registry.persons.size,
    identifiers: registry.identifiers.size, shards: registry.shardIds() }, 'registry loaded');

  live.phase = 'starting the tap workers';
  const pool = await startWorkers(config);
  let owners: ShardOwners | null = null;
  const route = (schoolId: string): DeviceRoute => {
    const shardId = registry.shardOfSchool(schoolId);
    const here = live.shards.get(shardId);
    if (here !== undefined) return { kind: 'here', shard: here };
    const r = owners?.route(shardId) ?? { kind: 'none' as const };
    return r.kind === 'here' ? { kind: 'none' } : r;
  };
  server = live.server = new DeviceServer(uws, config, registry, pool, { route }, metrics, log);
  const devicePort = await server.listen();
  const deviceUrl = config.deviceAdvertiseUrl !== '' ? config.deviceAdvertiseUrl : `ws://${config.host}:${devicePort}/device/v1`;
  const router = new MoneyRouter(n.nc, registry, log);
  router.start();

  const drop = (shard: Shard, err: TapgateError) => {
    if (live.shards.get(shard.id) !== shard) return;
    live.shards.delete(shard.id);
    log.error({ shardId: shard.id, code: err.code, err: err.message }, 'shard ledger stopped: the shard is dropped here');
    shard.abandon();
    server?.closeShard(shard, 'shard unavailable here; reconnect');
    // ADR 0004 holds per process: a failed ledger stops the gateway, and the restart rebuilds
    // from the ledger (its other shards are given up as it exits and taken over at once).
    onFatal(err);
  };
  const events = { acked: (s: Shard) => server?.releaseReplies(s), failed: drop };
  live.phase = 'taking the shards';
  owners = live.owners = new ShardOwners(n.nc, registry, { gatewayId: config.gatewayId, bootId: config.bootId, deviceUrl,
    standby: config.standby }, {
    owned: () => [...live.shards.keys()],
    open: async (shardId) => {
      if (live.stopping) return false;
      const shard = await Shard.open({ n, config, registry, metrics, log }, shardId, events);
      if (shard === null) return false;
      if (live.stopping) { await shard.close(0, () => true); return false; }
      live.shards.set(shardId, shard);
      return true;
    },
    close: async (shardId) => {
      const shard = live.shards.get(shardId);
      if (shard === undefined) return;
      await shard.close(config.shutdownGraceMs, () => server!.shardDrained(shard));
      live.shards.delete(shardId);
      server?.closeShard(shard, 'shard moved to another gateway; reconnect');
    },
  }, log);
  await owners.start();
  live.phase = null;
  log.info({ devicePort, opsPort: ops.port, deviceUrl, gatewayId: config.gatewayId, bootId: config.bootId }, 'gateway listening');

  return {
    devicePort,
    opsPort: ops.port,
    shutdown: async () => {
      if (live.stopping) return;
      live.stopping = true;
      server!.stopAccepting();
      router.stop();
      await owners.stop();
      // Every shard drains and is given up at once, so the other gateways take them without waiting.
      await Promise.all([...live.shards.values()].map((s) => s.close(config.shutdownGraceMs, () => server!.shardDrained(s))));
      if (!server!.drained) log.warn('shutdown grace period over with taps in flight; devices will resend them');
      server!.closeAll(CloseCode.GOING_AWAY, 'gateway shutting down');
      live.shards.clear();
      ops.close();
      clearInterval(pingTimer);
      watch.stop();
      await pool.destroy();
      await n.nc.drain();
    },
  };
}
