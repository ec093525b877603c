// Wires the gateway together: NATS and the registry watch, the ledger replay, the tap
// workers, the device endpoint and the ops port. Start order guarantees that no tap is decided
// before the registry is loaded and the state is rebuilt from the ledger.
import { jetstream } from '@nats-io/jetstream';
import { Piscina } from 'piscina';
import { RegistryIndex, SEQ_MEMORY, localDayBounds, CloseCode, TapgateError } from '../core/index.js';
import { acquireLease, connectNats, natsSetup, watchRegistry, type Logger } from '../lib/index.js';
import type { TapWorkerData } from '../processors/tap-worker.js';
import type { GatewayConfig } from './config.js';
import { DeviceServer } from './device-server.js';
import { MoneyService } from './money-service.js';
import { LedgerWriter } from './ledger.js';
import { createGatewayMetrics } from './metrics.js';
import { listenOps } from './ops-http.js';
import { LedgerContinuity, replayLedger } from './replay.js';
import { ensureSnapshotStream, loadSnapshot } from './snapshot.js';
import { Snapshotter } from './snapshotter.js';
import { Sequencer } from './sequencer.js';
import { loadUws } from './uws.js';
import { startApi } from '../api/index.js';

/** The KV lease that makes one gateway the single writer of the ledger and the money state. */
export const WRITER_LEASE_KEY = 'gateway';
/** How often ClickHouse reachability is checked for /readyz, in ms. */
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

export async function startGateway(config: GatewayConfig, log: Logger, onFatal: (err: TapgateError) => void): Promise<GatewayHandle> {
  const uws = loadUws();
  const metrics = createGatewayMetrics();
  const nc = await connectNats(config.natsUrl, `tapgate-gateway-${config.gatewayId}`);
  let natsConnected = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') natsConnected = false;
      else if (s.type === 'reconnect') natsConnected = true;
    }
  })();
  const { jsm, registry: kv } = await natsSetup(nc);
  const js = jetstream(nc);
  // One writer: the ledger and the money state belong to one gateway at a time (docs/money.md).
  let server: DeviceServer | null = null;
  let ledgerRef: LedgerWriter | null = null;
  const lease = await acquireLease(nc, WRITER_LEASE_KEY, `${config.gatewayId}/${config.bootId}`, (err) => {
    if (ledgerRef !== null) ledgerRef.fail(err);
    else { log.fatal({ code: err.code, err: err.message }, 'writer lease lost: stopping'); onFatal(err); }
  });

  const registry = new RegistryIndex();
  const watch = await watchRegistry(kv, registry, {
    onChange: (kind, id) => { metrics.registryChanges.inc(); if (kind === 'device') server?.onDeviceChanged(id); },
    // Only our own validation messages are logged: a JSON parse error quotes the value, which may hold a name.
    onInvalid: (key, err) => { metrics.registryInvalid.inc(); log.warn({ key, err: err instanceof TapgateError ? err.message : 'not valid JSON' }, 'registry value skipped'); },
  });
  await watch.ready;
  log.info({ schools: registry.schools.size, devices: registry.devices.size, persons: registry.persons.size,
    identifiers: registry.identifiers.size }, 'registry loaded');

  const ledger = new LedgerWriter(js, config.gatewayId, config.bootId, config.ledgerBatchEventsMax, metrics,
    () => server?.releaseReplies(), (err) => {
      log.fatal({ code: err.code, err: err.message }, 'ledger writes stopped: stopping the gateway');
      server?.closeAll(CloseCode.TRY_AGAIN_LATER, 'ledger unavailable');
      onFatal(err);
    });
  ledgerRef = ledger;
  const sequencer = new Sequencer(registry, ledger, metrics, SEQ_MEMORY, config.repeatWindowMs, config.paymentIdsMemoryMs);
  await ensureSnapshotStream(jsm);
  const rebuildStarted = performance.now();
  const continuity = new LedgerContinuity();
  const snapshot = await loadSnapshot(js, jsm, config.gatewayId, sequencer, continuity, (msg) => log.warn(msg));
  const replay = await replayLedger(js, jsm, config.gatewayId, sequencer, continuity, snapshot?.ledgerStreamSeq ?? 0);
  if (replay.skippedBatches > 0) log.warn({ skippedBatches: replay.skippedBatches, brokenBoots: [...continuity.broken] }, 'ledger batches after a gap were never acknowledged; skipped');
  ledger.coveredStreamSeq = replay.lastSeq;
  metrics.replaySeconds.set(replay.seconds);
  metrics.replayEvents.set(replay.events);
  log.info({ ...replay, snapshotStreamSeq: snapshot?.ledgerStreamSeq ?? null, snapshotBytes: snapshot?.bytes ?? 0,
    rebuildSeconds: (performance.now() - rebuildStarted) / 1000 }, 'ledger replayed');
  const snapshots = new Snapshotter(js, jsm, config, sequencer, ledger, metrics, log, snapshot?.ledgerStreamSeq ?? 0, continuity);

  const workerData: TapWorkerData = { natsUrl: config.natsUrl };
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

  server = new DeviceServer(uws, config, registry, pool, sequencer, ledger, metrics, log);
  const devicePort = await server.listen();
  const money = new MoneyService(nc, registry, sequencer.money, sequencer.pos, ledger, metrics, log);
  money.start();

  let clickhouseOk = false;
  const pingClickHouse = () => fetch(new URL('/ping', config.clickhouseUrl), { signal: AbortSignal.timeout(CLICKHOUSE_PING_TIMEOUT_MS) })
    .then((r) => { clickhouseOk = r.ok; }, () => { clickhouseOk = false; });
  await pingClickHouse();
  const pingTimer = setInterval(() => void pingClickHouse(), CLICKHOUSE_PING_INTERVAL_MS);
  pingTimer.unref();

  let stopping = false;
  const ops = await listenOps(uws, config.host, config.opsPort, {
    metrics: metrics.registry,
    notReadyReason: () => stopping ? 'shutting down' : ledger.failed !== null ? 'ledger failed'
      : !natsConnected ? 'NATS unreachable' : !clickhouseOk ? 'ClickHouse unreachable' : null,
    readiness: () => ({ nats: natsConnected, clickhouse: clickhouseOk, devices: server?.connectedDevices ?? 0 }),
    presence: (schoolId) => {
      const school = registry.schools.get(schoolId);
      if (school === undefined) return null;
      const now = Date.now();
      const p = sequencer.passes.presence(schoolId, school.timeZone, now);
      const bounds = localDayBounds(school.timeZone, now);
      return { schoolId, timeZone: school.timeZone, dayStartMs: bounds.startMs, pupils: p.pupils, staff: p.staff, total: p.pupils + p.staff };
    },
  });
  const api = await startApi({ uws, nc, js, jsm, kv, registry, watch, money, sequencer, config, log, metrics: metrics.registry });
  log.info({ devicePort, opsPort: ops.port, apiPort: api.port, gatewayId: config.gatewayId, bootId: config.bootId }, 'gateway listening');

  return {
    devicePort,
    opsPort: ops.port,
    apiPort: api.port,
    shutdown: async () => {
      if (stopping) return;
      stopping = true;
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
      await nc.drain();
    },
  };
}
