// Wires the gateway together. Start order guarantees that no tap is decided before the
// registry is loaded, the state is rebuilt from the ledger, the writer lease is held and the
// ledger subject is fenced for this process (ADR 0007):
//   ops port (readiness false, with the phase) → NATS, waited for with backoff → registry →
//   snapshot + replay → writer lease (a warm standby waits for it, following the ledger,
//   ADR 0008) → catch-up replay → fence → tap workers, devices, money, admin API.
import { Piscina } from 'piscina';
import { RegistryIndex, SEQ_MEMORY, localDayBounds, CloseCode, TapgateError } from '../core/index.js';
import { acquireLease, watchRegistry, type Lease, type Logger } from '../lib/index.js';
import type { TapWorkerData } from '../processors/tap-worker.js';
import type { GatewayConfig } from './config.js';
import { DeviceServer } from './device-server.js';
import { MoneyService } from './money-service.js';
import { jetStreamLedgerPort, LedgerWriter } from './ledger.js';
import { createGatewayMetrics, type GatewayMetrics } from './metrics.js';
import { connectGatewayNats, type GatewayNats } from './nats-connect.js';
import { listenOps } from './ops-http.js';
import { LedgerContinuity, replayLedger } from './replay.js';
import { ensureSnapshotStream, loadSnapshot } from './snapshot.js';
import { Snapshotter } from './snapshotter.js';
import { Sequencer } from './sequencer.js';
import { loadUws } from './uws.js';
import { startApi } from '../api/index.js';

/** The KV lease that makes one gateway the single writer of the ledger and the money state. */
export const WRITER_LEASE_KEY = 'gateway';
/** How often ClickHouse reachability is checked (reported by /readyz, not part of readiness), in ms. */
const CLICKHOUSE_PING_INTERVAL_MS = 2000;
const CLICKHOUSE_PING_TIMEOUT_MS = 1000;
/** How often the shutdown checks whether the taps in flight are done, in ms. */
const DRAIN_POLL_MS = 10;

export interface GatewayHandle {
  readonly devicePort: number;
  readonly opsPort: number;
  readonly apiPort: number;
  /** Stops accepting, finishes the taps in flight (up to the grace period), drains NATS. */
  shutdown(): Promise<void>;
}

/** What /readyz reports while the start is under way, and the parts it reads once serving. */
interface Live {
  phase: string | null;
  stopping: boolean;
  clickhouseOk: boolean;
  nats: GatewayNats | null;
  ledger: LedgerWriter | null;
  server: DeviceServer | null;
  sequencer: Sequencer | null;
  registry: RegistryIndex | null;
}

function notReadyReason(live: Live): string | null {
  if (live.stopping) return 'shutting down';
  if (live.phase !== null) return live.phase;
  if (live.ledger?.failed != null) return 'ledger failed';
  if (live.nats?.connected() === false) return 'NATS unreachable';
  if (live.ledger?.stalledSince != null) return 'ledger appends stalled';
  return null;
}

async function startOps(uws: ReturnType<typeof loadUws>, config: GatewayConfig, metrics: GatewayMetrics, live: Live) {
  return listenOps(uws, config.host, config.opsPort, {
    metrics: metrics.registry,
    // Readiness is about deciding and logging: ClickHouse is reported, but an analytics outage
    // must not take working gateways out of a load balancer.
    notReadyReason: () => notReadyReason(live),
    readiness: () => ({ nats: live.nats?.connected() ?? false, ledgerStalledSinceMs: live.ledger?.stalledSince ?? null,
      clickhouse: live.clickhouseOk, devices: live.server?.connectedDevices ?? 0, standby: config.standby }),
    presence: (schoolId) => {
      const school = live.registry?.schools.get(schoolId);
      if (school === undefined || live.sequencer === null) return null;
      const now = Date.now();
      const p = live.sequencer.passes.presence(schoolId, school.timeZone, now);
      const bounds = localDayBounds(school.timeZone, now);
      return { schoolId, timeZone: school.timeZone, dayStartMs: bounds.startMs, pupils: p.pupils, staff: p.staff, total: p.pupils + p.staff };
    },
  });
}

/** Sales rows indexed per event-loop turn after a start from a snapshot (a few ms each). */
const SALES_INDEX_ROWS_PER_TURN = 20_000;

/**
 * Indexes the refund window's sales a snapshot loaded, a slice per turn, while taps are served:
 * the start does not wait for it, and a refund asked for earlier finishes it at once.
 */
async function indexSalesInBackground(sequencer: Sequencer, live: { stopping: boolean }): Promise<void> {
  while (!live.stopping && !sequencer.pos.purchases.indexSales(SALES_INDEX_ROWS_PER_TURN)) {
    await new Promise<void>((r) => setImmediate(r));
  }
}

/** Rebuilds the state from the latest snapshot and the ledger after it; returns a catch-up function. */
async function rebuild(n: GatewayNats, config: GatewayConfig, sequencer: Sequencer, metrics: GatewayMetrics, log: Logger) {
  await ensureSnapshotStream(n.jsm);
  const started = performance.now();
  const continuity = new LedgerContinuity();
  const snapshot = await loadSnapshot(n.js, n.jsm, config.gatewayId, sequencer, continuity, (msg) => log.warn(msg));
  let covered = snapshot?.ledgerStreamSeq ?? 0;
  let lastSubjectSeq = 0;
  let replayedEvents = 0;
  const catchUp = async () => {
    const r = await replayLedger(n.js, n.jsm, config.gatewayId, sequencer, continuity, covered);
    replayedEvents += r.events;
    if (r.skippedBatches > 0) log.warn({ skippedBatches: r.skippedBatches, brokenBoots: [...continuity.broken] }, 'ledger batches after a gap were never acknowledged; skipped');
    covered = r.lastSeq;
    lastSubjectSeq = r.lastSubjectSeq;
    return r;
  };
  const replay = await catchUp();
  metrics.replaySeconds.set(replay.seconds);
  metrics.replayEvents.set(replay.events);
  log.info({ ...replay, snapshotStreamSeq: snapshot?.ledgerStreamSeq ?? null, snapshotBytes: snapshot?.bytes ?? 0,
    snapshotFetchSeconds: snapshot?.fetchSeconds, snapshotDecodeSeconds: snapshot?.decodeSeconds, snapshotRestoreSeconds: snapshot?.restoreSeconds,
    rebuildSeconds: (performance.now() - started) / 1000 }, 'ledger replayed');
  return { continuity, snapshotSeq: snapshot?.ledgerStreamSeq ?? 0, catchUp, covered: () => covered, lastSubjectSeq: () => lastSubjectSeq,
    replayedEvents: () => replayedEvents };
}

/** Waits for the writer lease; a warm standby follows the ledger meanwhile, without a deadline. */
async function takeLease(n: GatewayNats, config: GatewayConfig, log: Logger, ledger: LedgerWriter, catchUp: () => Promise<unknown>): Promise<Lease> {
  let waitingLogged = false;
  const lease = await acquireLease(n.nc, WRITER_LEASE_KEY, `${config.gatewayId}/${config.bootId}`, (err) => ledger.fail(err), {
    waitMs: config.standby ? Infinity : undefined,
    onWaiting: async () => {
      if (!waitingLogged) { waitingLogged = true; log.info({ standby: config.standby }, 'writer lease held by another gateway; waiting, following the ledger'); }
      await catchUp();
    },
  });
  if (waitingLogged) log.info({ standby: config.standby }, 'writer lease taken over');
  return lease;
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

export async function startGateway(config: GatewayConfig, log: Logger, onFatal: (err: TapgateError) => void): Promise<GatewayHandle> {
  const uws = loadUws();
  const metrics = createGatewayMetrics();
  const live: Live = { phase: 'connecting to NATS', stopping: false, clickhouseOk: false, nats: null, ledger: null, server: null, sequencer: null, registry: null };
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
    onChange: (kind, id) => { metrics.registryChanges.inc(); if (kind === 'device') server?.onDeviceChanged(id); },
    // Only our own validation messages are logged: a JSON parse error quotes the value, which may hold a name.
    onInvalid: (key, err) => { metrics.registryInvalid.inc(); log.warn({ key, err: err instanceof TapgateError ? err.message : 'not valid JSON' }, 'registry value skipped'); },
  });
  await watch.ready;
  log.info({ schools: registry.schools.size, devices: registry.devices.size, persons: registry.persons.size,
    identifiers: registry.identifiers.size }, 'registry loaded');

  const ledger = live.ledger = new LedgerWriter(jetStreamLedgerPort(n.js, n.jsm), config.gatewayId, config.bootId,
    { batchEventsMax: config.ledgerBatchEventsMax, pendingMax: config.ledgerPendingMax }, metrics, log,
    () => server?.releaseReplies(), (err) => {
      log.fatal({ code: err.code, err: err.message }, 'ledger writes stopped: stopping the gateway');
      server?.closeAll(CloseCode.TRY_AGAIN_LATER, 'ledger unavailable');
      onFatal(err);
    });
  const sequencer = new Sequencer(registry, ledger, metrics, SEQ_MEMORY, config.repeatWindowMs, config.paymentIdsMemoryMs);
  live.phase = 'replaying the ledger';
  const state = await rebuild(n, config, sequencer, metrics, log);
  // Workers start before the lease, so a standby taking over has them ready.
  live.phase = 'starting the tap workers';
  const pool = await startWorkers(config);
  live.phase = config.standby ? 'standby: waiting for the writer lease' : 'waiting for the writer lease';
  const lease = await takeLease(n, config, log, ledger, state.catchUp);
  live.phase = 'taking the ledger over';
  await state.catchUp();
  ledger.coveredStreamSeq = state.covered();
  await ledger.open(state.lastSubjectSeq());
  live.sequencer = sequencer;
  const snapshots = new Snapshotter(n.js, n.jsm, config, sequencer, ledger, metrics, log, state.snapshotSeq, state.continuity,
    () => state.replayedEvents() + ledger.eventsAcked);
  server = live.server = new DeviceServer(uws, config, registry, pool, sequencer, ledger, metrics, log);
  const devicePort = await server.listen();
  const money = new MoneyService(n.nc, registry, sequencer.money, sequencer.pos, ledger, metrics, log);
  money.start();
  const api = await startApi({ uws, nc: n.nc, js: n.js, jsm: n.jsm, kv: n.kv, registry, watch, money, sequencer, config, log, metrics: metrics.registry });
  live.phase = null;
  log.info({ devicePort, opsPort: ops.port, apiPort: api.port, gatewayId: config.gatewayId, bootId: config.bootId }, 'gateway listening');
  void indexSalesInBackground(sequencer, live);

  return {
    devicePort,
    opsPort: ops.port,
    apiPort: api.port,
    shutdown: async () => {
      if (live.stopping) return;
      live.stopping = true;
      server!.stopAccepting();
      api.close();
      money.stop();
      const deadline = Date.now() + config.shutdownGraceMs;
      while (!(server!.drained && money.idle) && Date.now() < deadline && ledger.failed === null) {
        await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
      }
      if (!server!.drained) log.warn('shutdown grace period over with taps in flight; devices will resend them');
      server!.closeAll(CloseCode.GOING_AWAY, 'gateway shutting down');
      ops.close();
      clearInterval(pingTimer);
      await snapshots.stop(server!.drained && money.idle);
      watch.stop();
      await api.stop();
      await lease.release();
      await pool.destroy();
      await n.nc.drain();
    },
  };
}
