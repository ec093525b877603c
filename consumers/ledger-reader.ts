// The ledger reader: reads the LEDGER stream for one consumer of it (the ClickHouse sink, the
// notifier) strictly in stream-sequence order, from a start the consumer gives, and hands each
// message to the consumer's handler as a decoded LedgerBatch. A consumer is a handler plus its
// store; the reader owns everything about reading:
// - The pull loop: pulls of a bounded number of messages, sized so one pull brings about
//   `eventsPerPull` events (by the average events per message seen), each waiting at most
//   FETCH_EXPIRES_MS; a failed pull is retried with a doubling backoff.
// - Order: a message is handed over only when every smaller sequence number was. A gap in
//   delivery (a message delivered to a reader that died, or lost in a reconnect, which JetStream
//   would send again only after its ack wait) is closed at once by reading the missing sequence
//   numbers straight from the stream; so is the stream's tail after a pull that brought nothing.
//   Sequence numbers no longer in the stream (deleted, purged) are skipped, logged and reported.
// - Acknowledgement (durable mode): the handler says "every message up to seq is done" through
//   done(seq); only then are those messages acknowledged. A message delivered again while it is
//   still being handled replaces the delivery to acknowledge; one delivered again after it was
//   done is acknowledged at once and never handed over twice.
// - Backpressure: handle() may return a promise; the reader pulls nothing more until it settles.
// - Subject filter (optional): a reader may read one subject only (a shard's ledger subject).
//   Order then means "every smaller sequence number OF THAT SUBJECT", and gaps are closed by
//   asking the stream for the next message of the subject at or after nextSeq (next_by_subj).
// Two ways to read:
// - durable: a durable pull consumer with explicit acks (created if missing), one reader at a
//   time (the sink). The consumer's own store says where to start; without it, the consumer's
//   ack floor does.
// - ordered: an ordered consumer (ephemeral, no acks, nothing kept on the server) from a start
//   seq; any number of readers each read the whole stream (the notifiers, which keep their
//   positions in their own journal). After a failed pull it is made again from the next seq.
import {
  AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError,
  type Consumer, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg,
} from '@nats-io/jetstream';
import { assert } from '../core/index.js';
import { tapgate } from '../core/proto.js';
import { LEDGER_STREAM, LEDGER_SUBJECT_PREFIX, type Logger } from '../lib/index.js';

const { LedgerBatch } = tapgate.events.v1;

/**
 * Messages asked for per pull, at most. A pull asks for about `eventsPerPull` events, so what it
 * brings is handled well within the pull's heartbeat window; otherwise nats.js ends the pull
 * with "heartbeats missed" (harmless: the rest is read again, but wasted work). Pulls by bytes
 * are no help: nats.js fails them at each batch end.
 */
export const FETCH_MESSAGES_MAX = 1024;
/** The guess before any message is seen: a full gateway batch (TAPGATE_LEDGER_BATCH_EVENTS_MAX default). */
const INITIAL_EVENTS_PER_MESSAGE = 1024;
/** How long one pull waits for messages, in ms (nats.js allows no less than 1000). */
export const FETCH_EXPIRES_MS = 1000;
/** Messages read straight from the stream after one empty pull, at most (then pulling resumes). */
export const IDLE_REFETCH_MAX = 1024;
/** Backoff between retries of a failed pull (and of a consumer's failed store write), in ms. */
export const RETRY_BACKOFF_MIN_MS = 100;
export const RETRY_BACKOFF_MAX_MS = 5000;
/** Longest error text copied into a log line, in characters. */
const ERROR_TEXT_MAX = 300;

/** The delay before retry number `attempt` (from 0): doubles from min to max. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_BACKOFF_MAX_MS, RETRY_BACKOFF_MIN_MS * 2 ** Math.min(attempt, 16));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const errText = (err: unknown) => String((err as Error)?.message ?? err).slice(0, ERROR_TEXT_MAX);

export type LedgerBatch = tapgate.events.v1.LedgerBatch;

/** One ledger message, handed over in stream-sequence order. */
export interface LedgerMessage {
  /** Its stream sequence number: the position every consumer records. */
  readonly seq: number;
  readonly batch: LedgerBatch;
  /** True when read straight from the stream to close a gap, false when the consumer delivered it. */
  readonly refetched: boolean;
}

/** A consumer's side of reading: takes each message; may hold the reader back by returning a promise. */
export interface LedgerHandler {
  /**
   * Called once per message, in order, never twice for one seq by one reader. The reader pulls
   * nothing more until a returned promise settles (backpressure); a rejection stops reading.
   * The handler reports messages done through LedgerReader.done().
   */
  handle(msg: LedgerMessage): void | Promise<void>;
}

/** What the reader counts; prom-client counters and gauges fit. */
export interface CounterLike { inc(value?: number): void }
export interface GaugeLike { set(value: number): void }
export interface LedgerReaderMetrics {
  /** Messages taken in order (delivered or read from the stream), before decoding. */
  readonly messages: CounterLike;
  /** Messages read straight from the stream to close a gap. */
  readonly refetched: CounterLike;
  /** Sequence numbers no longer in the stream when the reader reached them. */
  readonly missing: CounterLike;
  /** Messages that did not decode as a LedgerBatch (dropped; terminated in durable mode). */
  readonly invalid: CounterLike;
  /** Deliveries of a message already done: acknowledged (durable mode) and not handed over. */
  readonly duplicates: CounterLike;
  /** Deliveries of a message still being handled (attached to it); optional. */
  readonly redelivered?: CounterLike;
  /** Failed pulls (retried). */
  readonly fetchFailures: CounterLike;
  /** Messages not yet delivered, as last reported by JetStream. */
  readonly lag: GaugeLike;
}

/** A durable pull consumer on LEDGER with explicit acks. */
export interface DurableConsumerSpec {
  readonly name: string;
  /** After this long without an ack, JetStream delivers a message again, in ms. */
  readonly ackWaitMs: number;
  /** Unacknowledged messages the server lets the consumer have; keep it above fetchMessagesMax. */
  readonly ackPendingMax: number;
  /** Only this subject of LEDGER (a shard's ledger subject); all of `tapgate.ledger.v1.>` when absent. */
  readonly filterSubject?: string;
}

export type LedgerReadMode =
  | { readonly kind: 'durable'; readonly consumer: DurableConsumerSpec }
  | { readonly kind: 'ordered' };

export interface LedgerReaderOptions {
  readonly mode: LedgerReadMode;
  /** Events (passes and money) one pull should bring, about: the consumer's batch size. */
  readonly eventsPerPull: number;
  /** Messages per pull, at most (default FETCH_MESSAGES_MAX). */
  readonly fetchMessagesMax?: number;
  /** How long one pull waits, in ms (default FETCH_EXPIRES_MS; nats.js needs at least 1000). */
  readonly fetchExpiresMs?: number;
  /** Called for each run of sequence numbers skipped because the stream no longer holds them. */
  readonly onMissing?: (fromSeq: number, toSeq: number) => void;
  /**
   * Read only this subject (ordered mode; a durable consumer takes its spec's filterSubject).
   * Messages of other subjects are neither handed over nor counted as missing.
   */
  readonly filterSubject?: string;
}

/** Creates the durable consumer if it does not exist; leaves an existing one as it is. */
export async function ensureDurableConsumer(jsm: JetStreamManager, spec: DurableConsumerSpec): Promise<void> {
  try {
    await jsm.consumers.info(LEDGER_STREAM, spec.name);
    return;
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
  }
  await jsm.consumers.add(LEDGER_STREAM, {
    durable_name: spec.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.filterSubject ?? `${LEDGER_SUBJECT_PREFIX}.>`,
    ack_wait: spec.ackWaitMs * 1_000_000,
    max_ack_pending: spec.ackPendingMax,
  });
}

export class LedgerReader {
  /** The next stream seq to hand over; smaller ones were handed over or are gone. */
  private next = 1;
  /**
   * Messages handed over and not yet done, by seq in increasing order, with the delivery to
   * acknowledge (null when read from the stream, and always in ordered mode).
   */
  private readonly pending = new Map<number, JsMsg | null>();
  private consumer: Consumer | null = null;
  private pull: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  /** Set when stop() gave up waiting: nothing is handed over any more. */
  private closed = false;
  /** Moving average of events per ledger message, to size pulls. */
  private eventsPerMessage = INITIAL_EVENTS_PER_MESSAGE;
  private readonly fetchMessagesMax: number;
  private readonly fetchExpiresMs: number;
  /** The one subject read, or null for the whole ledger. */
  private readonly subject: string | null;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly handler: LedgerHandler,
    private readonly opts: LedgerReaderOptions,
    private readonly metrics: LedgerReaderMetrics,
    private readonly log: Logger,
  ) {
    assert(opts.eventsPerPull >= 1, 'eventsPerPull must be at least 1');
    this.fetchMessagesMax = opts.fetchMessagesMax ?? FETCH_MESSAGES_MAX;
    this.fetchExpiresMs = opts.fetchExpiresMs ?? FETCH_EXPIRES_MS;
    assert(this.fetchMessagesMax >= 1 && this.fetchExpiresMs >= 1000, 'pull limits out of range');
    this.subject = (opts.mode.kind === 'durable' ? opts.mode.consumer.filterSubject : opts.filterSubject) ?? null;
  }

  /** The next stream seq to hand over: every smaller one was handed over, or is not in the stream. */
  get nextSeq(): number {
    return this.next;
  }

  /** The smallest seq handed over and not yet done, or null when everything handed over is done. */
  get oldestPendingSeq(): number | null {
    for (const seq of this.pending.keys()) return seq;
    return null;
  }

  /** Durable mode: creates the consumer if missing and binds to it. Ordered mode: nothing to do. */
  async open(): Promise<void> {
    if (this.opts.mode.kind !== 'durable' || this.consumer !== null) return;
    await ensureDurableConsumer(this.jsm, this.opts.mode.consumer);
    this.consumer = await this.js.consumers.get(LEDGER_STREAM, this.opts.mode.consumer.name);
  }

  /**
   * Starts reading at startSeq: messages below it are taken as done (a durable consumer's
   * deliveries of them are acknowledged, not handed over). Without startSeq, a durable reader
   * starts after the consumer's ack floor and an ordered one at the stream's beginning.
   */
  async start(startSeq?: number): Promise<void> {
    assert(this.loop === null && !this.stopping, 'a reader starts once');
    assert(startSeq === undefined || (Number.isSafeInteger(startSeq) && startSeq >= 1),
      'startSeq must be a positive integer');
    if (this.opts.mode.kind === 'durable') {
      await this.open();
      this.next = startSeq ?? await this.afterAckFloor(this.opts.mode.consumer.name);
    } else {
      this.next = startSeq ?? 1;
      this.consumer = await this.orderedConsumer(this.next);
    }
    this.loop = this.run();
  }

  /**
   * Every message up to and including seq is done: acknowledges those handed over (durable
   * mode) and forgets them. Works after stop() too, so a consumer can finish what it holds.
   */
  done(seq: number): void {
    for (const [s, msg] of this.pending) {
      if (s > seq) break;
      msg?.ack();
      this.pending.delete(s);
    }
  }

  /**
   * Stops pulling and waits, up to graceMs, for the message being handed over. Resolves true
   * when reading ended within the grace; after it resolves nothing more is handed over. Messages
   * not yet done stay unacknowledged (they come again to the next reader).
   */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    this.pull?.stop();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((r) => { timer = setTimeout(() => r(false), graceMs); });
    const ended = await Promise.race([(this.loop ?? Promise.resolve()).then(() => true), late]);
    clearTimeout(timer);
    this.closed = true;
    if (this.opts.mode.kind === 'ordered' && this.consumer !== null) {
      // Not needed for correctness (the server drops it when idle); frees it at once.
      await this.consumer.delete().catch(() => undefined);
    }
    return ended;
  }

  private async afterAckFloor(name: string): Promise<number> {
    return (await this.jsm.consumers.info(LEDGER_STREAM, name)).ack_floor.stream_seq + 1;
  }

  private orderedConsumer(startSeq: number): Promise<Consumer> {
    return this.js.consumers.get(LEDGER_STREAM, {
      opt_start_seq: startSeq, filter_subjects: this.subject ?? `${LEDGER_SUBJECT_PREFIX}.>`,
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopping) {
      try {
        const pull = await this.consumer!.fetch({ max_messages: this.fetchSize(), expires: this.fetchExpiresMs });
        this.pull = pull;
        // stop() came while the pull was being set up: end it now rather than at its expiry.
        if (this.stopping) pull.stop();
        let received = 0;
        for await (const m of pull) {
          received++;
          await this.accept(m);
        }
        if (received === 0 && !this.stopping) await this.onIdle();
        attempt = 0;
      } catch (err) {
        if (err instanceof HandlerError) {
          this.log.error({ seq: err.seq, err: errText(err.cause) }, 'ledger handler failed; reading stopped');
          return;
        }
        this.metrics.fetchFailures.inc();
        this.log.warn({ attempt, err: errText(err) }, 'pull from the ledger consumer failed; retrying');
        await sleep(retryDelayMs(attempt++));
        if (this.opts.mode.kind === 'ordered' && !this.stopping) await this.reopenOrdered();
      } finally {
        this.pull = null;
      }
    }
  }

  /** Ordered mode, after a failed pull: a new ordered consumer from nextSeq (the old one is dropped). */
  private async reopenOrdered(): Promise<void> {
    const old = this.consumer;
    try {
      this.consumer = await this.orderedConsumer(this.next);
      void old?.delete().catch(() => undefined);
    } catch (err) {
      // The next pull fails on the old consumer, and this is tried again.
      this.log.warn({ err: errText(err) }, 'ordered ledger consumer not made again; retrying');
    }
  }

  private fetchSize(): number {
    return Math.max(1, Math.min(this.fetchMessagesMax, Math.ceil(this.opts.eventsPerPull / this.eventsPerMessage)));
  }

  /**
   * A pull brought nothing. Messages the stream holds from nextSeq on then went to a reader
   * that died (or were lost on the way): JetStream would send them again only after the ack
   * wait, so read them now.
   */
  private async onIdle(): Promise<void> {
    this.metrics.lag.set(0);
    const lastSeq = this.subject === null ? (await this.jsm.streams.info(LEDGER_STREAM)).state.last_seq
      : (await this.jsm.streams.getMessage(LEDGER_STREAM, { last_by_subj: this.subject }))?.seq ?? 0;
    if (lastSeq >= this.next) await this.fillGap(Math.min(lastSeq + 1, this.next + IDLE_REFETCH_MAX));
  }

  private async accept(m: JsMsg): Promise<void> {
    this.metrics.lag.set(m.info.pending);
    if (m.seq > this.next) await this.fillGap(m.seq);
    if (m.seq < this.next) {
      this.delivered(m);
      return;
    }
    // The gap stayed open (the reader is stopping): leave the message for the next reader.
    if (m.seq > this.next || this.closed) return;
    await this.take(m.seq, m.data, this.opts.mode.kind === 'durable' ? m : null, false);
  }

  /** A message below nextSeq came again: attach it to its pending entry, or acknowledge it as done. */
  private delivered(m: JsMsg): void {
    const durable = this.opts.mode.kind === 'durable';
    if (this.pending.has(m.seq)) {
      if (durable) this.pending.set(m.seq, m);
      this.metrics.redelivered?.inc();
      return;
    }
    if (durable) m.ack();
    this.metrics.duplicates.inc();
  }

  /** Reads the messages from nextSeq up to (not including) seq straight from the stream. */
  private async fillGap(seq: number): Promise<void> {
    if (this.subject !== null) return this.fillSubjectGap(seq);
    while (this.next < seq && !this.stopping) {
      const q = this.next;
      const sm = await this.jsm.streams.getMessage(LEDGER_STREAM, { seq: q });
      if (sm !== null) {
        this.metrics.refetched.inc();
        await this.take(q, sm.data, null, true);
      } else {
        // Deleted: skip to the stream's first message if the whole head is gone.
        const first = (await this.jsm.streams.info(LEDGER_STREAM)).state.first_seq;
        const to = Math.min(seq, Math.max(q + 1, first));
        this.metrics.missing.inc(to - q);
        this.log.warn({ fromSeq: q, toSeq: to - 1 }, 'ledger messages no longer in the stream; skipped');
        this.next = to;
        this.opts.onMissing?.(q, to - 1);
      }
    }
  }

  /**
   * fillGap for one subject: the stream's next message of the subject at or after nextSeq, while
   * it is below seq. Other subjects' sequence numbers are passed over; a deleted message of the
   * subject cannot be told from another subject's and is passed over too (not counted missing).
   */
  private async fillSubjectGap(seq: number): Promise<void> {
    while (this.next < seq && !this.stopping) {
      // nats-server 2.9+ answers next_by_subj on STREAM.MSG.GET; nats.js types it for direct gets only.
      const query = { seq: this.next, next_by_subj: this.subject } as unknown as { seq: number };
      const sm = await this.jsm.streams.getMessage(LEDGER_STREAM, query);
      if (sm === null || sm.seq >= seq) {
        this.next = seq;
        return;
      }
      this.next = sm.seq;
      this.metrics.refetched.inc();
      await this.take(sm.seq, sm.data, null, true);
    }
  }

  /** Hands over message `seq` (which must be nextSeq): decode, remember as pending, call the handler. */
  private async take(seq: number, data: Uint8Array, msg: JsMsg | null, refetched: boolean): Promise<void> {
    assert(seq === this.next, 'messages are taken in order');
    if (this.closed) return;
    this.next = seq + 1;
    this.metrics.messages.inc();
    let batch: LedgerBatch;
    try {
      batch = LedgerBatch.decode(data);
    } catch (err) {
      this.metrics.invalid.inc();
      this.log.error({ seq, err: errText(err) }, 'ledger message is not a LedgerBatch; dropped');
      msg?.term();
      return;
    }
    this.eventsPerMessage = 0.9 * this.eventsPerMessage + 0.1 * Math.max(1, batch.passes.length + batch.money.length);
    this.pending.set(seq, msg);
    try {
      await this.handler.handle({ seq, batch, refetched });
    } catch (err) {
      throw new HandlerError(seq, err);
    }
  }
}

/** A handler's failure: ends reading (unlike a failed pull, which is retried). */
class HandlerError extends Error {
  constructor(readonly seq: number, override readonly cause: unknown) {
    super(`ledger handler failed at seq ${seq}`);
  }
}
