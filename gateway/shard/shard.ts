// One shard owned by this gateway process (docs/shards.md, ADR 0018): a set of schools whose
// taps, presence, balances and sales this process alone decides while it holds the shard's lease.
// Everything a shard has is its own: the writer lease `shard-<id>`, the ledger subject
// tapgate.ledger.v1.<id> fenced at the broker (ADR 0007), the sequencer's state rebuilt from the
// shard's snapshot and ledger, its snapshots, its command subjects, and its transfers of
// balances to other shards. Opening takes the lease first, then rebuilds, then fences the subject:
// a process that loses the lease while rebuilding lands nothing, because the fence fails.
import { randomBytes } from 'node:crypto';
import { SEQ_MEMORY, TapgateError, type RegistryIndex } from '../../core/index.js';
import { acquireLease, shardLeaseKey, type Lease, type Logger } from '../../lib/index.js';
import type { GatewayConfig } from '../config.js';
import { jetStreamLedgerPort, LedgerWriter } from './ledger.js';
import type { GatewayMetrics } from '../metrics.js';
import { MoneyService } from './money-service.js';
import type { GatewayNats } from '../nats-connect.js';
import { LedgerContinuity, replayLedger } from './replay.js';
import { Sequencer } from './sequencer.js';
import { ensureSnapshotStream, loadSnapshot } from './snapshot.js';
import { Snapshotter } from './snapshotter.js';
import { TransferDesk } from './transfers.js';

/** Sales rows indexed per event-loop turn after a start from a snapshot (a few ms each). */
const SALES_INDEX_ROWS_PER_TURN = 20_000;
/** How often a closing shard checks whether its taps in flight are done, in ms. */
const DRAIN_POLL_MS = 10;

export interface ShardDeps {
  readonly n: GatewayNats;
  readonly config: GatewayConfig;
  readonly registry: RegistryIndex;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
}

/** What the device server and the shard's owner need to hear from a shard. */
export interface ShardEvents {
  /** An append was acknowledged: replies waiting for it may go out. */
  acked(shard: Shard): void;
  /** The shard's ledger failed (fenced, lease lost, an oversized batch): it must be dropped. */
  failed(shard: Shard, err: TapgateError): void;
}

export class Shard {
  /** Set once the shard stops admitting work (closing or failed). */
  closing = false;
  private snapshots: Snapshotter | null = null;

  private constructor(
    readonly id: string,
    readonly ledger: LedgerWriter,
    readonly sequencer: Sequencer,
    readonly money: MoneyService,
    readonly transfers: TransferDesk,
    private readonly lease: Lease,
    private readonly log: Logger,
  ) {}

  /**
   * Takes the shard's lease (without waiting: null when another process holds it), rebuilds its
   * state from its snapshot and ledger, fences its ledger subject and starts its commands.
   */
  static async open(d: ShardDeps, shardId: string, events: ShardEvents): Promise<Shard | null> {
    const bootId = randomBytes(6).toString('hex');
    let shard: Shard | null = null;
    let early: TapgateError | null = null;
    const onFailed = (err: TapgateError) => { if (shard === null) early = err; else events.failed(shard, err); };
    let lease: Lease;
    try {
      lease = await acquireLease(d.n.nc, shardLeaseKey(shardId), `${d.config.gatewayId}/${bootId}`,
        (err) => ledger.fail(err), { waitMs: 0 });
    } catch (err) {
      if (err instanceof TapgateError && err.code === 'GW_LEASE_HELD') return null;
      throw err;
    }
    const ledger: LedgerWriter = new LedgerWriter(jetStreamLedgerPort(d.n.js, d.n.jsm), shardId, d.config.gatewayId, bootId,
      { batchEventsMax: d.config.ledgerBatchEventsMax, pendingMax: d.config.ledgerPendingMax }, d.metrics, d.log,
      () => { if (shard !== null) events.acked(shard); }, onFailed);
    try {
      const sequencer = new Sequencer(d.registry, ledger, d.metrics, SEQ_MEMORY, d.config.repeatWindowMs, d.config.paymentIdsMemoryMs);
      const state = await rebuild(d, shardId, sequencer);
      ledger.coveredStreamSeq = state.covered;
      await ledger.open(state.lastSubjectSeq);
      if (early !== null) throw early;
      const money = new MoneyService(d.n.nc, shardId, d.registry, sequencer, ledger, d.metrics, d.log);
      const transfers = new TransferDesk(d.n.nc, shardId, d.registry, sequencer.money, ledger, money, d.log);
      shard = new Shard(shardId, ledger, sequencer, money, transfers, lease, d.log);
      shard.snapshots = new Snapshotter(d.n.js, d.n.jsm, { ...d.config, gatewayId: shardId, bootId }, sequencer, ledger, d.metrics,
        d.log, state.snapshotSeq, state.continuity, () => state.events + ledger.eventsAcked);
      money.start();
      transfers.start();
      void indexSalesInBackground(shard);
      d.log.info({ shardId, bootId, events: state.events, snapshotSeq: state.snapshotSeq, rebuildSeconds: state.seconds }, 'shard opened');
      return shard;
    } catch (err) {
      ledger.fail(err instanceof TapgateError ? err : new TapgateError('GW_LEDGER_APPEND_FAILED', `shard ${shardId} failed to open`, { cause: err }));
      await lease.release().catch(() => undefined);
      throw err;
    }
  }

  /** True when nothing of this shard is staged, in a worker or waiting for the ledger. */
  get idle(): boolean {
    return this.ledger.idle && this.money.idle;
  }

  /**
   * Gives the shard up gracefully: no new work, the work in flight finishes (up to the grace),
   * a last snapshot, the lease released so the next owner starts at once.
   */
  async close(graceMs: number, drained: () => boolean): Promise<void> {
    this.closing = true;
    this.money.stop();
    this.transfers.stop();
    const deadline = Date.now() + graceMs;
    while (!(drained() && this.idle) && Date.now() < deadline && this.ledger.failed === null) {
      await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
    }
    await this.snapshots?.stop(drained() && this.idle);
    await this.lease.release();
    this.log.info({ shardId: this.id }, 'shard given up');
  }

  /** Drops a shard whose ledger failed: nothing more is written; the lease goes (at our revision only). */
  abandon(): void {
    this.closing = true;
    this.money.stop();
    this.transfers.stop();
    void this.snapshots?.stop(false);
    void this.lease.release().catch(() => undefined);
  }
}

interface Rebuilt {
  readonly continuity: LedgerContinuity; readonly snapshotSeq: number; readonly covered: number;
  readonly lastSubjectSeq: number; readonly events: number; readonly seconds: number;
}

/** Rebuilds the shard's state from its latest snapshot and its ledger after it. */
async function rebuild(d: ShardDeps, shardId: string, sequencer: Sequencer): Promise<Rebuilt> {
  await ensureSnapshotStream(d.n.jsm);
  const started = performance.now();
  const continuity = new LedgerContinuity();
  const snapshot = await loadSnapshot(d.n.js, d.n.jsm, shardId, sequencer, continuity, (msg) => d.log.warn({ shardId }, msg));
  const r = await replayLedger(d.n.js, d.n.jsm, shardId, sequencer, continuity, snapshot?.ledgerStreamSeq ?? 0);
  if (r.skippedBatches > 0) {
    d.log.warn({ shardId, skippedBatches: r.skippedBatches, brokenBoots: [...continuity.broken] },
      'ledger batches after a gap were never acknowledged; skipped');
  }
  d.metrics.replaySeconds.set(r.seconds);
  d.metrics.replayEvents.set(r.events);
  d.log.info({ shardId, ...r, snapshotStreamSeq: snapshot?.ledgerStreamSeq ?? null, snapshotBytes: snapshot?.bytes ?? 0,
    snapshotFetchSeconds: snapshot?.fetchSeconds, snapshotDecodeSeconds: snapshot?.decodeSeconds,
    snapshotRestoreSeconds: snapshot?.restoreSeconds, rebuildSeconds: (performance.now() - started) / 1000 }, 'ledger replayed');
  return { continuity, snapshotSeq: snapshot?.ledgerStreamSeq ?? 0, covered: r.lastSeq, lastSubjectSeq: r.lastSubjectSeq,
    events: r.events, seconds: (performance.now() - started) / 1000 };
}

/**
 * Indexes the refund window's sales a snapshot loaded, a slice per turn, while taps are served:
 * the start does not wait for it, and a refund asked for earlier finishes it at once.
 */
async function indexSalesInBackground(shard: Shard): Promise<void> {
  while (!shard.closing && !shard.sequencer.pos.purchases.indexSales(SALES_INDEX_ROWS_PER_TURN)) {
    await new Promise<void>((r) => setImmediate(r));
  }
}
