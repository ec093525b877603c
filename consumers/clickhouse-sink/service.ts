// Wires the sink together: NATS and the LEDGER stream, the ClickHouse client and schema, the
// ops port, then the shards (shards.ts: this process's share of them, one consumer each). Start
// order: the schema (every table) exists before any shard is taken, and a shard's watermarks
// are read before its first message is taken. With TAPGATE_CLICKHOUSE_CLUSTER the schema is the
// sharded layout's (distributed.ts): local tables on every node, Distributed ones on the entry
// node, which is the only node the inserts and the watermark reads go to.
import { randomBytes } from 'node:crypto';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { TapgateError } from '../../core/index.js';
import { connectionState, connectNats, ensureLedgerStream, listenOps, type Logger } from '../../lib/index.js';
import type { SinkConfig } from './config.js';
import { createSinkMetrics } from './metrics.js';
import { DISTRIBUTED_SINK_SETTINGS, ensureDistributedSchema, type DistributedLayout } from './distributed.js';
import { ensureSchema } from './schema.js';
import { ShardSinks } from './shards.js';
import { retryDelayMs } from './sink.js';

/** How long the start waits for ClickHouse to accept the schema, in ms. */
export const SINK_START_RETRY_MS = 60_000;
/** ClickHouse HTTP request timeout, in ms. */
export const CLICKHOUSE_REQUEST_TIMEOUT_MS = 30_000;
/** How often ClickHouse reachability is checked for /readyz, in ms. */
const CLICKHOUSE_PING_INTERVAL_MS = 2000;

export interface SinkHandle {
  readonly opsPort: number;
  /** This process's member id (lease holder of its shards). */
  readonly memberId: string;
  /** The shards this process stores now. */
  owned(): string[];
  /** Stops pulling, inserts and acknowledges what it holds (within the grace), drains NATS. */
  shutdown(): Promise<void>;
}

type Client = ReturnType<typeof createClient>;

/** The entry node only inserts and reads; it is the first of layout.nodes. */
const ENTRY_NODES = 1;

async function createSchema(ch: Client, layout: DistributedLayout | null, database: string, log: Logger): Promise<void> {
  const giveUpAt = Date.now() + SINK_START_RETRY_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      if (layout === null) await ensureSchema(ch, database);
      else await ensureDistributedSchema(layout.nodes, database, layout.cluster, ENTRY_NODES);
      return;
    } catch (err) {
      if (err instanceof TapgateError) throw err;
      if (Date.now() >= giveUpAt) throw new TapgateError('SINK_SCHEMA_FAILED', `cannot create the ClickHouse schema: ${(err as Error).message}`, { cause: err });
      log.warn({ attempt, err: String((err as Error).message).slice(0, 300) }, 'ClickHouse schema not created yet; retrying');
      await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
    }
  }
}

export async function startClickHouseSink(config: SinkConfig, log: Logger): Promise<SinkHandle> {
  const metrics = createSinkMetrics();
  const nc = await connectNats(config.natsUrl, 'tapgate-clickhouse-sink', config.natsAuth);
  const nats = connectionState(nc);
  const jsm = await jetstreamManager(nc);
  await ensureLedgerStream(jsm);
  // The client's own console logging is off: failures reach our JSON log, with their code.
  const chOptions = { request_timeout: CLICKHOUSE_REQUEST_TIMEOUT_MS, application: 'tapgate-clickhouse-sink',
    log: { level: ClickHouseLogLevel.OFF } };
  const cluster = config.clickhouseCluster;
  const ch = cluster === null ? createClient({ url: config.clickhouseUrl, ...chOptions })
    : createClient({ url: config.clickhouseUrl, ...chOptions, clickhouse_settings: DISTRIBUTED_SINK_SETTINGS });
  // The other nodes get DDL and process-list reads only, never an INSERT: no settings needed.
  const shardClients = config.clickhouseShardUrls.map((url) => createClient({ url, ...chOptions }));
  const layout: DistributedLayout | null = cluster === null ? null : { cluster, nodes: [ch, ...shardClients] };
  const closeClickHouse = async () => { for (const c of [ch, ...shardClients]) await c.close(); };

  let clickhouseOk = false;
  let stopping = false;
  const bootId = randomBytes(6).toString('hex');
  const memberId = `sink-${bootId}`;
  const sink = new ShardSinks(nc, jetstream(nc), jsm, ch, {
    database: config.database, batchRowsMax: config.batchRowsMax, flushIntervalMs: config.flushIntervalMs, bootId, memberId,
    startRetryMs: SINK_START_RETRY_MS, shutdownGraceMs: config.shutdownGraceMs, layout,
  }, metrics, log);
  const watermarks = sink.watermarks.bind(sink);
  const watermarkSeq = () => Math.max(0, ...Object.values(watermarks()).map((w) => w.pass_events.seq));
  const ops = await listenOps(config.host, config.opsPort, {
    metrics: metrics.registry,
    notReadyReason: () => stopping ? 'shutting down' : !nats.connected() ? 'NATS unreachable' : !clickhouseOk ? 'ClickHouse unreachable'
      : sink.insertFailing ? 'ClickHouse inserts failing' : null,
    readiness: () => ({ nats: nats.connected(), clickhouse: clickhouseOk, insertsFailing: sink.insertFailing, memberId, shards: sink.owned,
      watermarkSeq: watermarkSeq(), watermarks: watermarks() }),
  });
  const pingClickHouse = () => ch.ping().then((r) => { clickhouseOk = r.success; }, () => { clickhouseOk = false; });
  const pingTimer = setInterval(() => void pingClickHouse(), CLICKHOUSE_PING_INTERVAL_MS);
  pingTimer.unref();
  try {
    await createSchema(ch, layout, config.database, log);
    await pingClickHouse();
    await sink.start();
  } catch (err) {
    clearInterval(pingTimer);
    await ops.close();
    await nc.close();
    await closeClickHouse();
    throw err;
  }
  log.info({ opsPort: ops.port, database: config.database, cluster, clickhouseNodes: 1 + shardClients.length, memberId, shards: sink.owned,
    watermarkSeq: watermarkSeq() }, 'sink listening');

  return {
    opsPort: ops.port,
    memberId,
    owned: () => sink.owned,
    shutdown: async () => {
      if (stopping) return;
      stopping = true;
      // Each shard inserts and acknowledges what it holds (within the grace), then its lease is released.
      await sink.stop();
      clearInterval(pingTimer);
      await nc.drain();
      await closeClickHouse();
      await ops.close();
    },
  };
}
