// Several sink processes share the shards: each runs one ClickHouseSink (sink.ts) per shard it
// owns. Ownership is by lease (../ownership.ts): every sink announces itself in the members
// bucket and takes ceil(shards / sinks) of them; a sink that dies stops renewing, its leases
// expire after LEASE_TTL_MS and the others take its shards. The shards are those the registry
// lists (RegistryIndex.shardIds(), 'main' at least) and those the LEDGER stream holds messages
// for (the last token of each ledger subject: shard ids, and the gateway ids under which
// batches were written before shards), looked up again every SHARD_REFRESH_INTERVAL_MS.
//
// A shard moves between sinks like this: the old owner stops reading it (given back: it inserts
// and acknowledges what it holds first; lost: it inserts nothing more); the new owner takes the
// lease, waits until ClickHouse runs no insert of the shard, reads the shard's watermarks and
// starts its durable consumer from there. Messages the old owner had and did not acknowledge
// come to the new one; those already stored are skipped by the watermarks.
import type { ClickHouseClient } from '@clickhouse/client';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseKey, RegistryIndex } from '../../core/index.js';
import { LEDGER_STREAM, LEDGER_SUBJECT_PREFIX, openRegistry, type Logger } from '../../lib/index.js';
import { UnitOwnership } from '../ownership.js';
import type { SinkMetrics } from './metrics.js';
import { SINK_SHARD_PATTERN, type LedgerPosition, type TableName } from './schema.js';
import { ClickHouseSink, type SinkOptions } from './sink.js';

/** Where sinks announce themselves (entries expire when a sink dies). */
export const SINK_MEMBERS_BUCKET = 'tapgate_sink_members';
/** How often the shard list is read again from the registry and the stream, in ms. */
export const SHARD_REFRESH_INTERVAL_MS = 5_000;
/** How long the start waits for the registry's school records before it goes on with what it has, in ms. */
export const REGISTRY_READY_WAIT_MS = 3_000;
/** A shard's lease key in the leases bucket. */
export const sinkLeaseKey = (shardId: string) => `sink-shard-${shardId}`;

const errText = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 300);

export interface ShardSinksOptions extends Omit<SinkOptions, 'shardId' | 'mayInsert'> {
  /** Unique per process: the member and lease holder id. */
  readonly memberId: string;
  /** How long a shard's start waits for ClickHouse, in ms. */
  readonly startRetryMs: number;
  /** How long a shard given back may take to insert what it holds, in ms. */
  readonly shutdownGraceMs: number;
}

/** The shards of the ledger subjects in the stream: each subject's last token, when it can be a shard id. */
export async function streamShards(jsm: JetStreamManager, log?: Logger): Promise<string[]> {
  const info = await jsm.streams.info(LEDGER_STREAM, { subjects_filter: `${LEDGER_SUBJECT_PREFIX}.>` });
  const out: string[] = [];
  for (const subject of Object.keys(info.state.subjects ?? {})) {
    const token = subject.slice(LEDGER_SUBJECT_PREFIX.length + 1);
    if (SINK_SHARD_PATTERN.test(token)) out.push(token);
    else log?.error({ subject }, 'ledger subject is not of a shard; its messages are not stored');
  }
  return out;
}

export class ShardSinks {
  private readonly sinks = new Map<string, ClickHouseSink>();
  private readonly registry = new RegistryIndex();
  private stopWatch: (() => void) | null = null;
  private shardIds: string[] = [];
  private refreshTimer: NodeJS.Timeout | null = null;
  readonly ownership: UnitOwnership;

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly ch: ClickHouseClient,
    private readonly opts: ShardSinksOptions,
    private readonly metrics: SinkMetrics,
    private readonly log: Logger,
  ) {
    this.ownership = new UnitOwnership(nc, opts.memberId, {
      membersBucket: SINK_MEMBERS_BUCKET, leaseKey: sinkLeaseKey, ids: () => this.shardIds, unitName: 'shard',
    }, { gained: (id) => this.gained(id), released: (id) => this.released(id), lost: (id) => this.lost(id) }, log);
  }

  /** The shards this process stores now. */
  get owned(): string[] {
    return this.ownership.owned;
  }

  /** True while some shard's inserts fail. */
  get insertFailing(): boolean {
    for (const s of this.sinks.values()) if (s.insertFailing) return true;
    return false;
  }

  /** Each running shard's table watermarks. */
  watermarks(): Record<string, Readonly<Record<TableName, LedgerPosition>>> {
    return Object.fromEntries([...this.sinks].map(([id, s]) => [id, s.watermarks as Readonly<Record<TableName, LedgerPosition>>]));
  }

  /** Reads the registry and the stream's subjects, then joins the sinks and takes a share. */
  async start(): Promise<void> {
    await this.watchSchools();
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.refresh(), SHARD_REFRESH_INTERVAL_MS);
    await this.ownership.start();
  }

  /** Gives every shard back (each inserts and acknowledges what it holds, within the grace). */
  async stop(): Promise<void> {
    if (this.refreshTimer !== null) clearInterval(this.refreshTimer);
    await this.ownership.stop();
    this.stopWatch?.();
  }

  /**
   * Keeps the registry's school records in the index (only those: the sink may read no other
   * key, nats-auth.mjs). Resolves when the records present at the start are in, or after
   * REGISTRY_READY_WAIT_MS (a registry without schools sends nothing to wait for).
   */
  private async watchSchools(): Promise<void> {
    const kv = await openRegistry(this.nc);
    const iter = await kv.watch({ key: 'school.>' });
    this.stopWatch = () => iter.stop();
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => { markReady = resolve; });
    const timer = setTimeout(markReady, REGISTRY_READY_WAIT_MS);
    void (async () => {
      for await (const e of iter) {
        const parsed = parseKey(e.key);
        try {
          if (parsed !== null) this.registry.applyJson(parsed.kind, parsed.id, e.operation === 'PUT' ? e.string() : null);
        } catch {
          this.log.warn({ key: e.key }, 'invalid registry value skipped');
        }
        if (e.delta === 0) markReady();
      }
    })();
    await ready;
    clearTimeout(timer);
  }

  private async refresh(): Promise<void> {
    try {
      const fromStream = await streamShards(this.jsm, this.log);
      const ids = [...new Set([...this.registry.shardIds(), ...fromStream])].sort();
      if (ids.join(',') !== this.shardIds.join(',')) this.log.info({ shards: ids }, 'shards to store');
      this.shardIds = ids;
    } catch (err) {
      this.log.warn({ err: errText(err) }, 'shard list not read; the last one stays');
    }
  }

  private async gained(shardId: string): Promise<void> {
    const sink = new ClickHouseSink(this.js, this.jsm, this.ch, {
      database: this.opts.database, batchRowsMax: this.opts.batchRowsMax, flushIntervalMs: this.opts.flushIntervalMs,
      bootId: this.opts.bootId, shardId, mayInsert: () => this.ownership.holds(shardId), layout: this.opts.layout ?? null,
    }, this.metrics, this.log);
    this.sinks.set(shardId, sink);
    try {
      await sink.start(this.opts.startRetryMs);
    } catch (err) {
      this.sinks.delete(shardId);
      sink.abort();
      throw err;
    }
    this.metrics.shardsOwned.set(this.sinks.size);
  }

  private async released(shardId: string): Promise<void> {
    const sink = this.sinks.get(shardId);
    if (sink === undefined) return;
    const complete = await sink.stop(this.opts.shutdownGraceMs);
    if (!complete) this.log.warn({ shard: shardId }, 'shard given back with rows not inserted; they come again to the next owner');
    this.sinks.delete(shardId);
    this.metrics.shardsOwned.set(this.sinks.size);
  }

  private lost(shardId: string): void {
    this.sinks.get(shardId)?.abort();
    this.sinks.delete(shardId);
    this.metrics.shardsOwned.set(this.sinks.size);
  }
}
