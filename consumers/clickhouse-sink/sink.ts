// One shard's ClickHouse sink: reads the shard's ledger subject (tapgate.ledger.v1.<shardId>)
// through the durable pull consumer "clickhouse-sink-<shardId>" and inserts every pass and money
// event into ClickHouse exactly once: passes into pass_events, purchases into purchases and
// purchase_items, top-ups into top_ups, refunds into refunds, transfers out into transfers. The
// reading itself (ordered pulls, gaps closed from the stream, redeliveries, acknowledgements) is
// the shared ledger reader's (../ledger-reader.ts); the sink is its handler: messages → rows →
// queue → INSERT → "done up to seq", and the progress hint. Which process runs which shard is
// shards.ts's business (leases); this file holds for one shard in one process.
//
// How exactly once holds, across a restart of the sink or of ClickHouse, and a shard moving:
// - A shard's messages are handled strictly in stream-sequence order by one sink (the reader's
//   order: a gap in delivery is closed at once from the stream, so nothing of the shard is ever
//   handled after a later message of it).
// - Every row records its ledger position (stream seq, index of the event in the message's
//   passes or money list, and for items the item's index) and its shard. Each table is inserted
//   into in position order, one INSERT at a time, each of under a million rows into one
//   partition: one part, all or nothing. So each (table, shard)'s largest position (its
//   watermark) says exactly what of that shard is stored in that table, even when a crash fell
//   between the inserts of one message into two tables (store.ts). Watermarks are read at start
//   and after every failed insert; rows at or below their watermark are never inserted again.
// - A message is reported done to the reader (which acknowledges it) only after its rows are
//   in, in every table, and so is every message of the shard before it. A lost ack costs a
//   redelivery, which the reader or the watermarks turn into a skip.
// - After a failed insert the sink waits until ClickHouse no longer runs that query id before
//   it reads the watermarks, so an insert the client gave up on cannot land after the read. In
//   the same way a sink taking a shard over waits, before it reads the shard's watermarks, until
//   ClickHouse runs no insert of that shard (query ids start with shardQueryPrefix): an insert
//   the previous owner sent before it lost the shard lands before the read, or never.
// - The previous owner sends no insert once it knows it lost the shard, and before each insert
//   it checks (opts.mayInsert) that its lease entry is still its own; the lease expires only
//   after LEASE_TTL_MS without renewal, so a successor exists only after that check failed or
//   after the owner stopped for seconds between the check and the send (a process paused
//   between the two is the one case this does not cover; see docs/operations.md).
// - Where to start reading: every message of the shard below the start is fully stored. The
//   start is the larger of the shard's sink_progress + 1 (written every few seconds, after the
//   fact) and the smallest table watermark's seq; with neither, the stream's beginning.
import type { ClickHouseClient } from '@clickhouse/client';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { TapgateError } from '../../core/index.js';
import { LEDGER_STREAM, ledgerSubject, type Logger } from '../../lib/index.js';
import {
  ensureDurableConsumer, LedgerReader, retryDelayMs,
  type DurableConsumerSpec, type LedgerHandler, type LedgerMessage,
} from '../ledger-reader.js';
import type { SinkMetrics } from './metrics.js';
import type { DistributedLayout } from './distributed.js';
import { TABLE_NAMES, type LedgerPosition } from './schema.js';
import { ClickHouseStore, rowCount, type TableRows } from './store.js';

// The reading limits are the reader's; re-exported where the sink's users look for them.
export {
  FETCH_EXPIRES_MS, FETCH_MESSAGES_MAX, IDLE_REFETCH_MAX, RETRY_BACKOFF_MAX_MS, RETRY_BACKOFF_MIN_MS, retryDelayMs,
} from '../ledger-reader.js';

/** The durable consumers' names on the LEDGER stream start so: `clickhouse-sink-<shardId>`. */
export const SINK_CONSUMER = 'clickhouse-sink';
export const sinkConsumerName = (shardId: string) => `${SINK_CONSUMER}-${shardId}`;
/** Unacknowledged messages the server lets the consumer have; above FETCH_MESSAGES_MAX. */
export const CONSUMER_ACK_PENDING_MAX = 4096;
/** After this long without an ack, JetStream delivers a message again, in ms. */
export const CONSUMER_ACK_WAIT_MS = 60_000;
/** Longest ClickHouse error text copied into a log line, in characters. */
const ERROR_TEXT_MAX = 300;
/** How often the sink records its progress (the start hint) while it advances, in ms. */
export const PROGRESS_INTERVAL_MS = 5000;

/** The shard's durable consumer: its ledger subject only. */
export function sinkDurable(shardId: string): DurableConsumerSpec {
  return { name: sinkConsumerName(shardId), ackWaitMs: CONSUMER_ACK_WAIT_MS, ackPendingMax: CONSUMER_ACK_PENDING_MAX,
    filterSubject: ledgerSubject(shardId) };
}

interface Entry {
  readonly seq: number;
  readonly rows: TableRows;
  readonly rowCount: number;
  readonly queuedAtMs: number;
}

export interface SinkOptions {
  readonly database: string;
  readonly batchRowsMax: number;
  readonly flushIntervalMs: number;
  /** Unique per process start; part of every insert's query id. */
  readonly bootId: string;
  /** The shard this sink stores (its ledger subject's last token). */
  readonly shardId: string;
  /** Asked before each insert: false when the shard is no longer ours (the sink then stops, inserting nothing). */
  readonly mayInsert?: () => Promise<boolean>;
  /** The sharded ClickHouse layout (distributed.ts); null or absent: one server. */
  readonly layout?: DistributedLayout | null;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const errText = (err: unknown) => String((err as Error)?.message ?? err).slice(0, ERROR_TEXT_MAX);

/** Creates the shard's durable consumer if it does not exist; leaves an existing one as it is. */
export function ensureSinkConsumer(jsm: JetStreamManager, shardId: string): Promise<void> {
  return ensureDurableConsumer(jsm, sinkDurable(shardId));
}

export class ClickHouseSink implements LedgerHandler {
  /** Accepted messages not yet taken by a flush, in stream order. */
  private queue: Entry[] = [];
  private queuedRows = 0;
  /** Messages queued or being inserted (or held after a failed flush), by stream seq, in order. */
  private readonly unacked = new Map<number, Entry>();
  /** Each table's watermark; the inserts. */
  private readonly store: ClickHouseStore;
  /** Ordered reading, gaps, redeliveries and acknowledgements. */
  private readonly reader: LedgerReader;
  private flushing: Promise<boolean> | null = null;
  /** The last progress written (or read at start), and when it was last tried. */
  private progressSeq = 0;
  private progressAtMs = 0;
  private progressWrite: Promise<void> | null = null;
  private stopping = false;
  private giveUpAtMs = Number.POSITIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  /** Set when the shard was lost: nothing is inserted or acknowledged any more. */
  private aborted = false;
  /** True from a failed insert until the next successful one. */
  insertFailing = false;

  constructor(
    js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly ch: ClickHouseClient,
    private readonly opts: SinkOptions,
    private readonly metrics: SinkMetrics,
    private readonly log: Logger,
  ) {
    this.store = new ClickHouseStore(ch, opts.database, opts.bootId, opts.batchRowsMax, metrics, log, opts.shardId,
      opts.layout ?? null);
    // A pull brings about one batch of rows; the reader's counters keep the sink's metric names.
    const readerOpts = { mode: { kind: 'durable', consumer: sinkDurable(opts.shardId) }, eventsPerPull: opts.batchRowsMax } as const;
    this.reader = new LedgerReader(js, jsm, this, readerOpts, {
      messages: metrics.messages, refetched: metrics.messagesRefetched, missing: metrics.messagesMissing,
      invalid: metrics.messagesInvalid, duplicates: metrics.messagesSkipped, fetchFailures: metrics.fetchFailures,
      lag: metrics.lag,
    }, log);
  }

  /** The pass_events watermark (what the sink reported before it wrote other tables). */
  get watermark(): LedgerPosition {
    return this.store.watermark('pass_events');
  }

  get watermarks(): Readonly<Record<string, LedgerPosition>> {
    return this.store.watermarks();
  }

  get shardId(): string {
    return this.opts.shardId;
  }

  /**
   * Waits until ClickHouse runs no insert of the shard (a previous owner's), reads the
   * watermarks (retrying while ClickHouse is away, up to startRetryMs) and starts consuming.
   */
  async start(startRetryMs: number): Promise<void> {
    await this.reader.open();
    const giveUpAt = Date.now() + startRetryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        if (await this.store.shardInsertsRunning()) throw new Error('an insert of the shard is still running');
        await this.store.readWatermarks();
        this.progressSeq = await this.store.readProgress();
        break;
      } catch (err) {
        if (Date.now() >= giveUpAt) throw new TapgateError('SINK_INSERT_FAILED', `cannot read the ClickHouse watermark: ${errText(err)}`, { cause: err });
        this.log.warn({ shard: this.opts.shardId, attempt, err: errText(err) }, 'cannot read the ClickHouse watermark; retrying');
        await sleep(retryDelayMs(attempt));
      }
    }
    // Every message below the start is stored in every table: below the progress hint, or below
    // every table's watermark. The message holding the lowest watermark is handled again, for
    // any of its rows not yet stored.
    const wms = TABLE_NAMES.map((n) => this.store.watermark(n).seq);
    const startSeq = Math.max(1, this.progressSeq + 1, Math.min(...wms));
    const info = await this.jsm.streams.info(LEDGER_STREAM);
    if (Math.max(this.progressSeq, ...wms) > info.state.last_seq) {
      this.log.error({ shard: this.opts.shardId, watermarkSeq: Math.max(...wms), progressSeq: this.progressSeq, streamLastSeq: info.state.last_seq },
        'ClickHouse holds rows from stream positions the LEDGER stream never reached (stream recreated?); those positions will be skipped');
    }
    const pass = this.store.watermark('pass_events');
    this.log.info({ shard: this.opts.shardId, watermarkSeq: pass.seq, watermarkIndex: pass.index, watermarks: this.store.watermarks(),
      progressSeq: this.progressSeq, startSeq }, 'sink watermark read');
    await this.reader.start(startSeq);
    const tickMs = Math.max(5, Math.min(100, Math.floor(this.opts.flushIntervalMs / 4)));
    this.timer = setInterval(() => this.onTick(), tickMs);
  }

  /** Stops pulling, inserts and acknowledges what was received, within graceMs. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    this.giveUpAtMs = Date.now() + graceMs;
    await this.reader.stop(graceMs);
    if (this.timer !== null) clearInterval(this.timer);
    let ok = !this.aborted;
    while (ok && (this.flushing !== null || this.queue.length > 0)) ok = await this.flush();
    // Only when ClickHouse just worked (a failing one must not hold the exit), after any write in flight.
    if (ok) {
      await this.progressWrite;
      await this.recordProgress();
    }
    return ok && this.queue.length === 0;
  }

  /**
   * The shard was lost to another sink: stop reading at once, insert nothing more, acknowledge
   * nothing more (what is held comes again to the new owner, which skips what is stored). An
   * insert already sent may still land: the new owner waits for it before it reads watermarks.
   */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.stopping = true;
    this.giveUpAtMs = 0;
    if (this.timer !== null) clearInterval(this.timer);
    this.metrics.queuedRows.dec(this.queuedRows);
    this.queuedRows = 0;
    this.queue = [];
    void this.reader.stop(0);
  }

  private onTick(): void {
    const oldest = this.queue[0];
    if (this.flushing === null && oldest !== undefined && Date.now() - oldest.queuedAtMs >= this.opts.flushIntervalMs) void this.flush();
    if (this.progressWrite === null && Date.now() - this.progressAtMs >= PROGRESS_INTERVAL_MS) void this.recordProgress();
  }

  /**
   * Every message below this one has all its rows stored: the oldest one queued or being
   * inserted (or held after a failed flush), else the reader's next seq.
   */
  private storedBelow(): number {
    for (const seq of this.unacked.keys()) return seq;
    return this.reader.nextSeq;
  }

  /** Writes the progress hint if it moved (see storedBelow). */
  private recordProgress(): Promise<void> {
    const seq = this.storedBelow() - 1;
    this.progressAtMs = Date.now();
    if (seq <= this.progressSeq || this.progressWrite !== null) return Promise.resolve();
    this.progressWrite = this.store.writeProgress(seq).then((written) => {
      if (written && seq > this.progressSeq) {
        this.progressSeq = seq;
        this.metrics.progressWrites.inc();
      }
    }).finally(() => { this.progressWrite = null; });
    return this.progressWrite;
  }

  /**
   * One ledger message, in order (called by the reader): its rows not yet stored are queued;
   * with a full queue the reader waits while the oldest rows are inserted.
   */
  handle({ seq, batch }: LedgerMessage): Promise<void> | void {
    if (this.aborted) return;
    const { rows, invalid } = this.store.unstoredRows(seq, batch);
    for (const bad of invalid) {
      this.metrics.eventsInvalid.inc();
      this.log.error({ seq, list: bad.list, index: bad.index, why: bad.why }, `${bad.list} event cannot be stored; dropped`);
    }
    const n = rowCount(rows);
    if (n === 0) {
      // Done now unless older messages wait for their insert: then with them.
      if (this.unacked.size === 0) this.reader.done(seq);
      if (batch.passes.length + batch.money.length > 0) this.metrics.messagesSkipped.inc();
      return;
    }
    const entry: Entry = { seq, rows, rowCount: n, queuedAtMs: Date.now() };
    this.queue.push(entry);
    this.unacked.set(seq, entry);
    this.queuedRows += n;
    this.metrics.queuedRows.inc(n);
    if (this.queuedRows >= this.opts.batchRowsMax && !this.stopping) return this.drain();
  }

  /** Flushes while the queue is full (the reader pulls nothing meanwhile). */
  private async drain(): Promise<void> {
    while (this.queuedRows >= this.opts.batchRowsMax && !this.stopping) {
      if (!await this.flush()) return;
    }
  }

  /** Inserts and acknowledges the oldest queued messages (one flush at a time). */
  flush(): Promise<boolean> {
    if (this.flushing === null) {
      this.flushing = this.runFlush().finally(() => { this.flushing = null; });
    }
    return this.flushing;
  }

  private async runFlush(): Promise<boolean> {
    let count = 0;
    let rows = 0;
    while (count < this.queue.length) {
      const n = this.queue[count]!.rowCount;
      if (count > 0 && rows + n > this.opts.batchRowsMax) break;
      rows += n;
      count++;
    }
    if (count === 0) return true;
    const taken = this.queue.slice(0, count);
    this.queue = this.queue.slice(count);
    this.queuedRows -= rows;
    this.metrics.queuedRows.dec(rows);
    this.metrics.batchRows.observe(rows);
    if (!await this.insertEntries(taken) || this.aborted) return false;
    for (const e of taken) this.unacked.delete(e.seq);
    this.reader.done(this.storedBelow() - 1);
    return true;
  }

  /** Inserts every row of `entries` above its table's watermark; retries until done or past the grace. */
  private async insertEntries(entries: readonly Entry[]): Promise<boolean> {
    let recheck = false;
    for (let attempt = 0; ; attempt++) {
      let step = 'watermark';
      try {
        if (recheck) {
          if (await this.store.lastInsertRunning()) throw new Error(`insert ${this.store.lastQueryId} is still running`);
          await this.store.readWatermarks();
          recheck = false;
        }
        step = 'lease';
        if (this.aborted || (this.opts.mayInsert !== undefined && !await this.opts.mayInsert())) {
          this.log.warn({ shard: this.opts.shardId }, 'shard no longer ours; its rows are left to the new owner');
          this.abort();
          return false;
        }
        step = 'insert';
        await this.store.insert(entries.map((e) => e.rows));
        if (this.insertFailing) this.log.info({ attempts: attempt + 1 }, 'ClickHouse inserts work again');
        this.insertFailing = false;
        return true;
      } catch (err) {
        if (step === 'insert') this.metrics.insertFailures.inc();
        if (this.aborted) return false;
        this.insertFailing = true;
        recheck = true;
        const delayMs = retryDelayMs(attempt);
        this.log.warn({ code: 'SINK_INSERT_FAILED', shard: this.opts.shardId, step, attempt, delayMs, err: errText(err) }, 'ClickHouse insert failed; retrying');
        if (Date.now() + delayMs > this.giveUpAtMs) return false;
        await sleep(delayMs);
      }
    }
  }
}
