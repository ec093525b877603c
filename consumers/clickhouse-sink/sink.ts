// The ClickHouse sink: reads the LEDGER stream through the durable pull consumer
// "clickhouse-sink" and inserts every pass and money event into ClickHouse exactly once:
// passes into pass_events, purchases into purchases and purchase_items, top-ups into top_ups,
// refunds into refunds.
//
// How exactly once holds, across a restart of the sink or of ClickHouse:
// - Messages are handled strictly in stream-sequence order by one sink. A gap in delivery (a
//   message delivered to a sink that died, or lost in a reconnect, waits for its ack timeout
//   before it comes again) is closed at once by reading the missing sequence numbers straight
//   from the stream, so nothing is ever handled after a later message.
// - Every row records its ledger position (stream seq, index of the event in the message's
//   passes or money list, and for items the item's index). Each table is inserted into in
//   position order, one INSERT at a time, each of under a million rows into one partition: one
//   part, all or nothing. So each table's largest position (its watermark) says exactly what
//   of that table is stored, even when a crash fell between the inserts of one message into
//   two tables (store.ts). Watermarks are read at start and after every failed insert; rows at
//   or below their table's watermark are never inserted again.
// - A message is acknowledged only after its rows are in, in every table. A lost ack costs a
//   redelivery, which the watermarks turn into a skip.
// - After a failed insert the sink waits until ClickHouse no longer runs that query id before
//   it reads the watermarks, so an insert the client gave up on cannot land after the read.
// - Where to start reading: every message below the start is fully stored. The start is the
//   larger of sink_progress + 1 (written every few seconds, after the fact) and the smallest
//   table watermark's seq; with no progress row and an empty table (a new table, a new
//   database) that is the stream's beginning, so a new table is filled from the history.
// Run one sink per ClickHouse database: two would interleave their inserts.
import type { ClickHouseClient } from '@clickhouse/client';
import {
  AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type Consumer, type JetStreamClient, type JetStreamManager, type JsMsg,
} from '@nats-io/jetstream';
import { TapgateError } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import { LEDGER_STREAM, LEDGER_SUBJECT_PREFIX, type Logger } from '../../lib/index.js';
import type { SinkMetrics } from './metrics.js';
import { TABLE_NAMES, type LedgerPosition } from './schema.js';
import { ClickHouseStore, rowCount, type TableRows } from './store.js';

const { LedgerBatch } = tapgate.events.v1;

/** The durable consumer's name on the LEDGER stream. */
export const SINK_CONSUMER = 'clickhouse-sink';
/**
 * Messages asked for per pull, at most. A pull asks for about one batch of rows (by the average
 * events per message seen), so what it brings is inserted well within the pull's heartbeat
 * window; otherwise nats.js ends the pull with "heartbeats missed" (harmless: the rest is read
 * again, but wasted work). Pulls by bytes are no help: nats.js fails them at each batch end.
 */
export const FETCH_MESSAGES_MAX = 1024;
/** The guess before any message is seen: a full gateway batch (TAPGATE_LEDGER_BATCH_EVENTS_MAX default). */
const INITIAL_EVENTS_PER_MESSAGE = 1024;
/** How long one pull waits for messages, in ms (nats.js allows no less than 1000). */
export const FETCH_EXPIRES_MS = 1000;
/** Unacknowledged messages the server lets the consumer have; above FETCH_MESSAGES_MAX. */
export const CONSUMER_ACK_PENDING_MAX = 4096;
/** After this long without an ack, JetStream delivers a message again, in ms. */
export const CONSUMER_ACK_WAIT_MS = 60_000;
/** Messages read straight from the stream after one empty pull, at most (then pulling resumes). */
export const IDLE_REFETCH_MAX = 1024;
/** Backoff between retries of a failed insert or pull, in ms: doubles from min to max. */
export const RETRY_BACKOFF_MIN_MS = 100;
export const RETRY_BACKOFF_MAX_MS = 5000;
/** Longest ClickHouse error text copied into a log line, in characters. */
const ERROR_TEXT_MAX = 300;
/** How often the sink records its progress (the start hint) while it advances, in ms. */
export const PROGRESS_INTERVAL_MS = 5000;

interface Entry {
  readonly seq: number;
  readonly rows: TableRows;
  readonly rowCount: number;
  /** The delivery to acknowledge; null for a message read straight from the stream. */
  msg: JsMsg | null;
  readonly queuedAtMs: number;
}

export interface SinkOptions {
  readonly database: string;
  readonly batchRowsMax: number;
  readonly flushIntervalMs: number;
  /** Unique per process start; part of every insert's query id. */
  readonly bootId: string;
}

export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BACKOFF_MAX_MS, RETRY_BACKOFF_MIN_MS * 2 ** Math.min(attempt, 16));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const errText = (err: unknown) => String((err as Error)?.message ?? err).slice(0, ERROR_TEXT_MAX);

/** Creates the durable consumer if it does not exist; leaves an existing one as it is. */
export async function ensureSinkConsumer(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.consumers.info(LEDGER_STREAM, SINK_CONSUMER);
    return;
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
  }
  await jsm.consumers.add(LEDGER_STREAM, {
    durable_name: SINK_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: `${LEDGER_SUBJECT_PREFIX}.>`,
    ack_wait: CONSUMER_ACK_WAIT_MS * 1_000_000,
    max_ack_pending: CONSUMER_ACK_PENDING_MAX,
  });
}

export class ClickHouseSink {
  /** Accepted messages not yet taken by a flush, in stream order. */
  private queue: Entry[] = [];
  private queuedRows = 0;
  /** Messages queued or being inserted, by stream seq (a redelivery attaches here). */
  private readonly unacked = new Map<number, Entry>();
  /** Each table's watermark; the inserts. */
  private readonly store: ClickHouseStore;
  /** The next stream seq to handle; smaller ones are queued, stored or gone. */
  private nextSeq = 1;
  private flushing: Promise<boolean> | null = null;
  /** The last progress written (or read at start), and when it was last tried. */
  private progressSeq = 0;
  private progressAtMs = 0;
  private progressWrite: Promise<void> | null = null;
  private stopping = false;
  private giveUpAtMs = Number.POSITIVE_INFINITY;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private consumer: Consumer | null = null;
  /** Moving average of rows per ledger message, to size pulls. */
  private eventsPerMessage = INITIAL_EVENTS_PER_MESSAGE;
  /** True from a failed insert until the next successful one. */
  insertFailing = false;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    ch: ClickHouseClient,
    private readonly opts: SinkOptions,
    private readonly metrics: SinkMetrics,
    private readonly log: Logger,
  ) {
    this.store = new ClickHouseStore(ch, opts.database, opts.bootId, opts.batchRowsMax, metrics, log);
  }

  /** The pass_events watermark (what the sink reported before it wrote other tables). */
  get watermark(): LedgerPosition {
    return this.store.watermark('pass_events');
  }

  get watermarks(): Readonly<Record<string, LedgerPosition>> {
    return this.store.watermarks();
  }

  /** Reads the watermark (retrying while ClickHouse is away, up to startRetryMs) and starts consuming. */
  async start(startRetryMs: number): Promise<void> {
    await ensureSinkConsumer(this.jsm);
    this.consumer = await this.js.consumers.get(LEDGER_STREAM, SINK_CONSUMER);
    const giveUpAt = Date.now() + startRetryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.store.readWatermarks();
        this.progressSeq = await this.store.readProgress();
        break;
      } catch (err) {
        if (Date.now() >= giveUpAt) throw new TapgateError('SINK_INSERT_FAILED', `cannot read the ClickHouse watermark: ${errText(err)}`, { cause: err });
        this.log.warn({ attempt, err: errText(err) }, 'cannot read the ClickHouse watermark; retrying');
        await sleep(retryDelayMs(attempt));
      }
    }
    // Every message below the start is stored in every table: below the progress hint, or below
    // every table's watermark. The message holding the lowest watermark is handled again, for
    // any of its rows not yet stored.
    const wms = TABLE_NAMES.map((n) => this.store.watermark(n).seq);
    this.nextSeq = Math.max(1, this.progressSeq + 1, Math.min(...wms));
    const info = await this.jsm.streams.info(LEDGER_STREAM);
    if (Math.max(this.progressSeq, ...wms) > info.state.last_seq) {
      this.log.error({ watermarkSeq: Math.max(...wms), progressSeq: this.progressSeq, streamLastSeq: info.state.last_seq },
        'ClickHouse holds rows from stream positions the LEDGER stream never reached (stream recreated?); those positions will be skipped');
    }
    const pass = this.store.watermark('pass_events');
    this.log.info({ watermarkSeq: pass.seq, watermarkIndex: pass.index, watermarks: this.store.watermarks(), progressSeq: this.progressSeq, startSeq: this.nextSeq },
      'sink watermark read');
    const tickMs = Math.max(5, Math.min(100, Math.floor(this.opts.flushIntervalMs / 4)));
    this.timer = setInterval(() => this.onTick(), tickMs);
    this.loop = this.run();
  }

  /** Stops pulling, inserts and acknowledges what was received, within graceMs. */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    this.giveUpAtMs = Date.now() + graceMs;
    await this.loop;
    if (this.timer !== null) clearInterval(this.timer);
    let ok = true;
    while (ok && (this.flushing !== null || this.queue.length > 0)) ok = await this.flush();
    // Only when ClickHouse just worked (a failing one must not hold the exit), after any write in flight.
    if (ok) {
      await this.progressWrite;
      await this.recordProgress();
    }
    return ok && this.queue.length === 0;
  }

  private onTick(): void {
    const oldest = this.queue[0];
    if (this.flushing === null && oldest !== undefined && Date.now() - oldest.queuedAtMs >= this.opts.flushIntervalMs) void this.flush();
    if (this.progressWrite === null && Date.now() - this.progressAtMs >= PROGRESS_INTERVAL_MS) void this.recordProgress();
  }

  /**
   * Writes the progress hint if it moved: every message below the oldest one not yet
   * acknowledged (queued or being inserted, or held after a failed flush) and below nextSeq
   * has all its rows stored.
   */
  private recordProgress(): Promise<void> {
    let oldest = this.nextSeq;
    for (const seq of this.unacked.keys()) { oldest = Math.min(oldest, seq); break; }
    const seq = oldest - 1;
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

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      while (this.queuedRows >= this.opts.batchRowsMax) {
        if (!await this.flush()) return;
      }
      try {
        const iter = await this.consumer!.fetch({ max_messages: this.fetchSize(), expires: FETCH_EXPIRES_MS });
        let received = 0;
        for await (const m of iter) {
          received++;
          await this.accept(m);
        }
        if (received === 0) await this.onIdle();
        attempt = 0;
      } catch (err) {
        this.metrics.fetchFailures.inc();
        this.log.warn({ attempt, err: errText(err) }, 'pull from the ledger consumer failed; retrying');
        await sleep(retryDelayMs(attempt++));
      }
    }
  }

  private fetchSize(): number {
    return Math.max(1, Math.min(FETCH_MESSAGES_MAX, Math.ceil(this.opts.batchRowsMax / this.eventsPerMessage)));
  }

  /**
   * A pull brought nothing. Messages the stream holds beyond nextSeq then went to a sink that
   * died (or were lost on the way): JetStream would send them again only after the ack wait,
   * so read them now.
   */
  private async onIdle(): Promise<void> {
    this.metrics.lag.set(0);
    const lastSeq = (await this.jsm.streams.info(LEDGER_STREAM)).state.last_seq;
    if (lastSeq >= this.nextSeq) await this.fillGap(Math.min(lastSeq + 1, this.nextSeq + IDLE_REFETCH_MAX));
  }

  private async accept(m: JsMsg): Promise<void> {
    this.metrics.lag.set(m.info.pending);
    if (m.seq > this.nextSeq) await this.fillGap(m.seq);
    if (m.seq < this.nextSeq) {
      this.redelivered(m);
      return;
    }
    // The gap stayed open (the sink is stopping): leave the message for the next sink.
    if (m.seq > this.nextSeq) return;
    this.take(m.seq, m.data, m);
    while (this.queuedRows >= this.opts.batchRowsMax && !this.stopping) {
      if (!await this.flush()) return;
    }
  }

  /** A message at or below nextSeq came again: attach it to its entry, or ack it as done. */
  private redelivered(m: JsMsg): void {
    const entry = this.unacked.get(m.seq);
    if (entry !== undefined) {
      entry.msg = m;
      return;
    }
    m.ack();
    this.metrics.messagesSkipped.inc();
  }

  /** Reads the messages from nextSeq up to (not including) seq straight from the stream. */
  private async fillGap(seq: number): Promise<void> {
    while (this.nextSeq < seq && !this.stopping) {
      const q = this.nextSeq;
      const sm = await this.jsm.streams.getMessage(LEDGER_STREAM, { seq: q });
      if (sm !== null) {
        this.metrics.messagesRefetched.inc();
        this.take(q, sm.data, null);
      } else {
        // Deleted: skip to the stream's first message if the whole head is gone.
        const first = (await this.jsm.streams.info(LEDGER_STREAM)).state.first_seq;
        const to = Math.min(seq, Math.max(q + 1, first));
        this.metrics.messagesMissing.inc(to - q);
        this.log.warn({ fromSeq: q, toSeq: to - 1 }, 'ledger messages no longer in the stream; skipped');
        this.nextSeq = to;
      }
      while (this.queuedRows >= this.opts.batchRowsMax && !this.stopping) {
        if (!await this.flush()) return;
      }
    }
  }

  /** Handles message `seq` (which must be nextSeq): decode, make rows, queue. */
  private take(seq: number, data: Uint8Array, msg: JsMsg | null): void {
    this.nextSeq = seq + 1;
    this.metrics.messages.inc();
    let batch: tapgate.events.v1.LedgerBatch;
    try {
      batch = LedgerBatch.decode(data);
    } catch (err) {
      this.metrics.messagesInvalid.inc();
      this.log.error({ seq, err: errText(err) }, 'ledger message is not a LedgerBatch; dropped');
      msg?.term();
      return;
    }
    const { rows, invalid } = this.store.unstoredRows(seq, batch);
    for (const bad of invalid) {
      this.metrics.eventsInvalid.inc();
      this.log.error({ seq, list: bad.list, index: bad.index, why: bad.why }, `${bad.list} event cannot be stored; dropped`);
    }
    const n = rowCount(rows);
    this.eventsPerMessage = 0.9 * this.eventsPerMessage + 0.1 * Math.max(1, batch.passes.length + batch.money.length);
    if (n === 0) {
      msg?.ack();
      if (batch.passes.length + batch.money.length > 0) this.metrics.messagesSkipped.inc();
      return;
    }
    const entry: Entry = { seq, rows, rowCount: n, msg, queuedAtMs: Date.now() };
    this.queue.push(entry);
    this.unacked.set(seq, entry);
    this.queuedRows += n;
    this.metrics.queuedRows.set(this.queuedRows);
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
    this.metrics.queuedRows.set(this.queuedRows);
    this.metrics.batchRows.observe(rows);
    if (!await this.insertEntries(taken)) return false;
    for (const e of taken) {
      e.msg?.ack();
      this.unacked.delete(e.seq);
    }
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
        step = 'insert';
        await this.store.insert(entries.map((e) => e.rows));
        if (this.insertFailing) this.log.info({ attempts: attempt + 1 }, 'ClickHouse inserts work again');
        this.insertFailing = false;
        return true;
      } catch (err) {
        if (step === 'insert') this.metrics.insertFailures.inc();
        this.insertFailing = true;
        recheck = true;
        const delayMs = retryDelayMs(attempt);
        this.log.warn({ code: 'SINK_INSERT_FAILED', step, attempt, delayMs, err: errText(err) }, 'ClickHouse insert failed; retrying');
        if (Date.now() + delayMs > this.giveUpAtMs) return false;
        await sleep(delayMs);
      }
    }
  }
}
