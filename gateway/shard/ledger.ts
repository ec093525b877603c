// The ledger writer of one shard: collects decided taps and money events into LedgerBatch
// messages and appends them to the shard's subject of the JetStream LEDGER stream, one append at a time,
// each fenced by the broker (ADR 0007): an append carries the stream seq of the last message on
// the subject as `Nats-Expected-Last-Subject-Sequence`, so it lands only on top of exactly the
// ledger its decisions were computed from. A writer that lost its place (another gateway took the
// subject over while this one was paused) is refused by the broker, lands nothing and answers
// nothing. Batches fill while an append is in flight (group commit), so throughput comes from
// batch size, not from appends in flight.
//
// An append whose outcome is unknown (a timeout, a broker stall, a reconnect) is retried with
// the same Nats-Msg-Id and the same expectation until it lands: duplicates are dropped by the
// broker's dedup window, and past that window the expectation itself tells a landed append
// (the subject's last message carries our id) from a lost one. Meanwhile nothing new is
// admitted (`admitting` is false: devices get OVERLOADED) and decisions already made are held,
// never answered early. A device hears a decision only once its batch is acknowledged.
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { tapgate } from '../../core/proto.js';
import { TapgateError } from '../../core/index.js';
import type { Logger } from '../../lib/index.js';
import { isWrongLastSequence, LEDGER_MSG_BYTES_MAX, LEDGER_STREAM, ledgerSubject } from '../../lib/index.js';
import type { GatewayMetrics } from '../metrics.js';

const { LedgerBatch } = tapgate.events.v1;

/**
 * A batch is sealed once its estimated encoded size reaches this, in bytes: half the stream's
 * message limit, so even the largest events (full baskets, long refund reasons) never push a
 * batch past LEDGER_MSG_BYTES_MAX.
 */
export const LEDGER_BATCH_BYTES_TARGET = LEDGER_MSG_BYTES_MAX / 2;
/** Upper bounds of one event's encoded size, in bytes (ids up to 64 characters, items up to ~180 bytes each). */
const PASS_EVENT_BYTES_MAX = 512;
const MONEY_EVENT_BYTES_MAX = 1024;
const ITEM_BYTES_MAX = 192;

/** How long one attempt of an append waits for the broker's ack before it is retried, in ms. */
export const LEDGER_ATTEMPT_TIMEOUT_MS = 2000;
/** Pause between attempts of an append whose outcome is unknown, in ms (jittered up to 2x). */
export const LEDGER_RETRY_DELAY_MS = 100;
/** An append failing for this long is logged (again every interval), in ms. */
const STALL_LOG_INTERVAL_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The header JetStream stores the message id under. */
const MSG_ID_HEADER = 'Nats-Msg-Id';

interface Sealed { readonly no: number; readonly bytes: Uint8Array; readonly count: number; readonly msgId: string }

/** The JetStream calls the writer makes: a real JetStreamClient and manager, or a fake in unit tests. */
export interface LedgerPort {
  publish(subject: string, bytes: Uint8Array,
    opts: { msgID: string; expectLastSubjectSeq: number; timeoutMs: number }): Promise<number>;
  /** The last message on the subject: its stream seq and Nats-Msg-Id; null when the subject is empty. */
  lastOnSubject(subject: string): Promise<{ seq: number; msgId: string } | null>;
}

/** The port over a real JetStream client and stream manager. */
export function jetStreamLedgerPort(js: JetStreamClient, jsm: JetStreamManager): LedgerPort {
  const getLast = lastLedgerMessage(jsm);
  return {
    publish: async (subject, bytes, o) => (await js.publish(subject, bytes,
      { msgID: o.msgID, expect: { lastSubjectSequence: o.expectLastSubjectSeq }, timeout: o.timeoutMs })).seq,
    lastOnSubject: async (subject) => {
      const m = await getLast(subject);
      return m === null ? null : { seq: m.seq, msgId: m.header?.get(MSG_ID_HEADER) ?? '' };
    },
  };
}


export class LedgerWriter {
  private batch: tapgate.events.v1.IPassEvent[] = [];
  private money: tapgate.events.v1.IMoneyEvent[] = [];
  private batchBytes = 0;
  /** Sealed batches in append order; the head is being appended. */
  private readonly sealed: Sealed[] = [];
  private appending = false;
  /** Callers waiting for an append number to be durable, in the order they asked. */
  private waiters: Array<{ readonly no: number; readonly settle: (durable: boolean) => void }> = [];
  /** Snapshots waiting for the stream seq of their cut's append. */
  private seqWaiters: Array<{ readonly no: number; readonly resolve: (seq: number | null) => void }> = [];
  /** The number the batch being filled will get. Numbers start at 1; 0 means "replayed, durable". */
  private nextNo = 1;
  /** Stream seq of the last message on this gateway's subject: the expectation of the next append. */
  private lastSubjectSeq = -1;
  /** When the head append first failed with an unknown outcome (ms), or null while appends land. */
  private stalledSinceMs: number | null = null;
  private stallLoggedMs = 0;
  /** The stream seq of the last durable ledger message this gateway's state includes (replayed or appended). */
  coveredStreamSeq = 0;
  ackedNo = 0;
  /** Events in the appends acknowledged so far (this process). */
  eventsAcked = 0;
  failed: TapgateError | null = null;
  private readonly subject: string;

  /**
   * `shardId` names the subject; `gatewayId` the process; `bootId` is random per opening of the
   * shard by this process, so a shard given away and taken back never repeats a message id.
   */
  constructor(
    private readonly port: LedgerPort,
    private readonly shardId: string,
    private readonly gatewayId: string,
    private readonly bootId: string,
    private readonly limits: { readonly batchEventsMax: number; readonly pendingMax: number },
    private readonly metrics: GatewayMetrics,
    private readonly log: Pick<Logger, 'warn' | 'info'>,
    private readonly onAcked: (ackedNo: number) => void,
    private readonly onFailed: (err: TapgateError) => void,
  ) {
    this.subject = ledgerSubject(shardId);
  }

  /**
   * Takes the subject over after the replay: appends an empty batch (the fence) on top of
   * `lastSubjectSeq`, the subject's last message the replay read. Any writer still holding an
   * older view of the subject is refused from then on. Rejects with GW_LEDGER_FENCED when
   * somebody appended after the replay read the subject.
   */
  async open(lastSubjectSeq: number): Promise<void> {
    if (this.lastSubjectSeq >= 0) throw new Error('ledger opened twice');
    this.lastSubjectSeq = lastSubjectSeq;
    this.seal();
    if (await this.whenDurable(this.nextNo - 1)) return;
    throw this.failed ?? new TapgateError('GW_LEDGER_APPEND_FAILED', 'fence not appended');
  }

  /** Adds a decision to the current batch; returns the append number it will be durable with. */
  add(event: tapgate.events.v1.IPassEvent): number {
    this.batch.push(event);
    return this.added(PASS_EVENT_BYTES_MAX);
  }

  /** Adds a top-up to the current batch; returns the append number it will be durable with. */
  addTopUp(event: tapgate.events.v1.ITopUpEvent): number {
    this.money.push({ topUp: event });
    this.scheduleFlush();
    return this.added(MONEY_EVENT_BYTES_MAX);
  }

  /** Adds a POS decision to the current batch. */
  addPurchase(event: tapgate.events.v1.IPurchaseEvent): number {
    this.money.push({ purchase: event });
    return this.added(MONEY_EVENT_BYTES_MAX + ITEM_BYTES_MAX * (event.items?.length ?? 0));
  }

  /** Adds a transfer of a balance to another shard. */
  addTransferOut(event: tapgate.events.v1.ITransferOutEvent): number {
    this.money.push({ transferOut: event });
    this.scheduleFlush();
    return this.added(MONEY_EVENT_BYTES_MAX);
  }

  /** Adds the receiving shard's confirmation of a transfer. */
  addTransferDone(event: tapgate.events.v1.ITransferDoneEvent): number {
    this.money.push({ transferDone: event });
    this.scheduleFlush();
    return this.added(MONEY_EVENT_BYTES_MAX);
  }

  /** Adds a refund to the current batch. */
  addRefund(event: tapgate.events.v1.IRefundEvent): number {
    this.money.push({ refund: event });
    this.scheduleFlush();
    return this.added(MONEY_EVENT_BYTES_MAX);
  }

  private get size(): number {
    return this.batch.length + this.money.length;
  }

  private added(bytesMax: number): number {
    const no = this.nextNo;
    this.batchBytes += bytesMax;
    // A full batch is sealed even while an append is in flight; it queues behind it.
    if (this.size >= this.limits.batchEventsMax || this.batchBytes >= LEDGER_BATCH_BYTES_TARGET) this.seal();
    return no;
  }

  /**
   * Resolves true once append `no` and every earlier one are acknowledged (at once for 0), or
   * false if the writer fails first: the caller cannot know whether that append landed.
   */
  whenDurable(no: number): Promise<boolean> {
    if (no <= this.ackedNo) return Promise.resolve(true);
    if (this.failed !== null) return Promise.resolve(false);
    return new Promise((settle) => this.waiters.push({ no, settle }));
  }

  /**
   * For a snapshot's cut: seals the batch being filled (if it holds anything) and returns the
   * append number every decision made so far is in. The state at this moment is exactly the
   * ledger up to that append, so a snapshot of it covers that append's stream seq.
   */
  cutPoint(): number {
    if (this.size > 0) this.seal();
    return this.nextNo - 1;
  }

  /**
   * Resolves with the stream seq of append `no` once it is acknowledged: `no` is a cut point just
   * taken (the last acknowledged append, or one still pending). Resolves null if the writer fails
   * first, or when `no` was acknowledged earlier than the last one (its seq is not kept).
   */
  streamSeqOf(no: number): Promise<number | null> {
    if (no === this.ackedNo) return Promise.resolve(this.lastSubjectSeq);
    if (no < this.ackedNo || this.failed !== null) return Promise.resolve(null);
    return new Promise((resolve) => this.seqWaiters.push({ no, resolve }));
  }

  /** The append number of the batch being filled (what `add` would return). */
  get currentNo(): number {
    return this.nextNo;
  }

  /** Sealed batches not yet acknowledged (the head is being appended). */
  get pending(): number {
    return this.sealed.length;
  }

  get idle(): boolean {
    return this.size === 0 && this.sealed.length === 0;
  }

  /** True while the broker takes appends and the backlog is under its limit: new work may be admitted. */
  get admitting(): boolean {
    return this.failed === null && this.stalledSinceMs === null && this.sealed.length < this.limits.pendingMax;
  }

  /** Since when the head append has been failing with an unknown outcome (ms), or null. */
  get stalledSince(): number | null {
    return this.stalledSinceMs;
  }

  private flushScheduled = false;

  /**
   * Seals the current batch at the end of this event-loop turn: results of several worker
   * tasks completing together share one append.
   */
  scheduleFlush(): void {
    if (this.flushScheduled || this.size === 0) return;
    this.flushScheduled = true;
    setImmediate(() => { this.flushScheduled = false; this.flush(); });
  }

  /**
   * Seals the current batch and appends it, unless an append is in flight: then the batch stays
   * open and keeps filling, and is sealed the moment that append lands (group commit: whatever
   * arrives during one append goes out as one message, not as a queue of small ones).
   */
  flush(): void {
    if (this.size === 0 || this.appending) return;
    this.seal();
  }

  private seal(): void {
    // After a failure nothing more is appended: the process is about to exit and restart from the ledger.
    if (this.failed !== null) return;
    const count = this.size;
    const no = this.nextNo++;
    const { batch: passes, money } = this;
    this.batch = [];
    this.money = [];
    this.batchBytes = 0;
    const bytes = LedgerBatch.encode({ gatewayId: this.gatewayId, bootId: this.bootId, batchNo: no, passes, money,
      shardId: this.shardId }).finish();
    if (bytes.length > LEDGER_MSG_BYTES_MAX) {
      this.fail(new TapgateError('GW_LEDGER_APPEND_FAILED',
        `ledger batch of ${bytes.length} bytes exceeds ${LEDGER_MSG_BYTES_MAX}`));
      return;
    }
    this.sealed.push({ no, bytes, count, msgId: `${this.shardId}.${this.bootId}.${no}` });
    this.metrics.ledgerPending.set(this.sealed.length);
    this.pump();
  }

  /** Appends the head of the sealed queue unless an append is in flight or the subject is not opened yet. */
  private pump(): void {
    if (this.appending || this.failed !== null || this.lastSubjectSeq < 0) return;
    const head = this.sealed[0];
    if (head === undefined) return;
    this.appending = true;
    const started = process.hrtime.bigint();
    this.append(head).then((seq) => {
      this.appending = false;
      if (seq === null || this.failed !== null) return;
      this.sealed.shift();
      this.metrics.ledgerPending.set(this.sealed.length);
      this.metrics.ledgerAppends.inc();
      this.metrics.ledgerEvents.inc(head.count);
      this.eventsAcked += head.count;
      this.metrics.ledgerAppendSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.markAcked(head.no, seq);
      if (this.sealed.length === 0 && this.size > 0) this.seal();
      else this.pump();
    }, (err: unknown) => {
      this.appending = false;
      this.fail(err instanceof TapgateError ? err : new TapgateError('GW_LEDGER_APPEND_FAILED',
        `ledger append ${head.no} failed: ${(err as Error).message}`, { cause: err }));
    });
  }

  /**
   * Appends one sealed batch, retrying while the outcome is unknown. Resolves with its stream
   * seq, or null if the writer failed meanwhile; rejects with GW_LEDGER_FENCED when another
   * writer's message is on the subject.
   */
  private async append(head: Sealed): Promise<number | null> {
    for (let attempt = 0; ; attempt++) {
      if (this.failed !== null) return null;
      try {
        const seq = await this.port.publish(this.subject, head.bytes,
          { msgID: head.msgId, expectLastSubjectSeq: this.lastSubjectSeq, timeoutMs: LEDGER_ATTEMPT_TIMEOUT_MS });
        this.recovered(attempt);
        return seq;
      } catch (err) {
        if (isWrongLastSequence(err)) return this.resolveConflict(head, err);
        this.stalled(head, attempt, err);
      }
      await sleep(LEDGER_RETRY_DELAY_MS * (1 + Math.random()));
    }
  }

  /** The subject moved past our expectation: either our own earlier attempt landed, or we are fenced. */
  private async resolveConflict(head: Sealed, err: unknown): Promise<number | null> {
    for (;;) {
      if (this.failed !== null) return null;
      try {
        const last = await this.port.lastOnSubject(this.subject);
        if (last !== null && last.msgId === head.msgId) { this.recovered(1); return last.seq; }
        this.metrics.ledgerFenced.inc();
        throw new TapgateError('GW_LEDGER_FENCED',
          `ledger subject ${this.subject} moved past seq ${this.lastSubjectSeq}` +
          ` (now ${last?.seq ?? 0}): another writer owns it; this gateway stops without answering`, { cause: err });
      } catch (e) {
        if (e instanceof TapgateError) throw e;
        await sleep(LEDGER_RETRY_DELAY_MS);
      }
    }
  }

  private stalled(head: Sealed, attempt: number, err: unknown): void {
    const now = Date.now();
    this.metrics.ledgerRetries.inc();
    if (this.stalledSinceMs === null) { this.stalledSinceMs = now; this.metrics.ledgerStalled.set(1); }
    if (attempt === 0 || now - this.stallLoggedMs >= STALL_LOG_INTERVAL_MS) {
      this.stallLoggedMs = now;
      this.log.warn({ batchNo: head.no, attempt, stalledMs: now - this.stalledSinceMs, err: (err as Error).message },
        'ledger append outcome unknown; retrying with the same message id, new taps refused meanwhile');
    }
  }

  private recovered(attempts: number): void {
    if (this.stalledSinceMs === null) return;
    this.log.info({ stalledMs: Date.now() - this.stalledSinceMs, attempts }, 'ledger appends landing again');
    this.stalledSinceMs = null;
    this.metrics.ledgerStalled.set(0);
  }

  private markAcked(no: number, seq: number): void {
    this.ackedNo = no;
    this.lastSubjectSeq = seq;
    this.coveredStreamSeq = Math.max(this.coveredStreamSeq, seq);
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.no <= no);
      if (ready.length > 0) {
        this.waiters = this.waiters.filter((w) => w.no > no);
        for (const w of ready) w.settle(true);
      }
    }
    if (this.seqWaiters.length > 0) {
      const done = this.seqWaiters.filter((w) => w.no <= no);
      this.seqWaiters = this.seqWaiters.filter((w) => w.no > no);
      for (const w of done) w.resolve(w.no === no ? seq : null);
    }
    this.onAcked(no);
  }

  /**
   * Stops all appends for good (also used when the writer lease is lost): drops what is not
   * appended, settles every waiter with false, and calls onFailed once.
   */
  fail(err: TapgateError): void {
    if (this.failed !== null) return;
    this.failed = err;
    this.sealed.length = 0;
    this.metrics.ledgerPending.set(0);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.settle(false);
    const seqWaiters = this.seqWaiters;
    this.seqWaiters = [];
    for (const w of seqWaiters) w.resolve(null);
    this.onFailed(err);
  }
}

/** Reads the last message on a ledger subject through a stream manager (null when the subject is empty). */
export function lastLedgerMessage(jsm: JetStreamManager): (subject: string) => Promise<StoredMsg | null> {
  return (subject) => jsm.streams.getMessage(LEDGER_STREAM, { last_by_subj: subject });
}
