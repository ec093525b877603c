// The ledger writer: collects decided taps into LedgerBatch messages and appends them to the
// JetStream LEDGER stream, many appends in flight. Each append has a local number; `ackedNo`
// is the highest number such that it and every earlier append are acknowledged, and a device
// hears a decision only once its append is within that mark. An append that fails is fatal:
// the gateway cannot tell whether the batch is durable, so it stops (and a supervisor restarts
// it, rebuilding its state from the ledger) rather than guess.
import type { JetStreamClient } from '@nats-io/jetstream';
import { tapgate } from '../core/proto.js';
import { TapgateError } from '../core/index.js';
import { LEDGER_MSG_BYTES_MAX, ledgerSubject } from '../lib/index.js';
import type { GatewayMetrics } from './metrics.js';

const { LedgerBatch } = tapgate.events.v1;

/**
 * A batch is appended once its estimated encoded size reaches this, in bytes: half the stream's
 * message limit, so even the largest events (full baskets, long refund reasons) never push a
 * batch past LEDGER_MSG_BYTES_MAX.
 */
export const LEDGER_BATCH_BYTES_TARGET = LEDGER_MSG_BYTES_MAX / 2;
/** Upper bounds of one event's encoded size, in bytes (ids up to 64 characters, items up to ~180 bytes each). */
const PASS_EVENT_BYTES_MAX = 512;
const MONEY_EVENT_BYTES_MAX = 1024;
const ITEM_BYTES_MAX = 192;

/** Per-append JetStream timeout, in ms. */
export const LEDGER_APPEND_TIMEOUT_MS = 5000;

export class LedgerWriter {
  private batch: tapgate.events.v1.IPassEvent[] = [];
  private money: tapgate.events.v1.IMoneyEvent[] = [];
  private batchBytes = 0;
  /** Callers waiting for an append number to be durable, in the order they asked. */
  private waiters: Array<{ readonly no: number; readonly resolve: () => void }> = [];
  /** The number the batch being filled will get. Numbers start at 1; 0 means "replayed, durable". */
  private nextNo = 1;
  private readonly acked = new Set<number>();
  /** JetStream stream seq of each acknowledged append, until the watermark passes it. */
  private readonly streamSeqOf = new Map<number, number>();
  /** The stream seq of the last durable ledger message this gateway's state includes (replayed or appended). */
  coveredStreamSeq = 0;
  ackedNo = 0;
  pending = 0;
  failed: TapgateError | null = null;
  private readonly subject: string;

  constructor(
    private readonly js: JetStreamClient,
    private readonly gatewayId: string,
    private readonly bootId: string,
    private readonly batchEventsMax: number,
    private readonly metrics: GatewayMetrics,
    private readonly onAcked: (ackedNo: number) => void,
    private readonly onFailed: (err: TapgateError) => void,
  ) {
    this.subject = ledgerSubject(gatewayId);
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
    if (this.size >= this.batchEventsMax || this.batchBytes >= LEDGER_BATCH_BYTES_TARGET) this.flush();
    return no;
  }

  /** Resolves once append `no` and every earlier one are acknowledged (at once for 0). */
  whenDurable(no: number): Promise<void> {
    if (no <= this.ackedNo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ no, resolve }));
  }

  /** The append number of the batch being filled (what `add` would return). */
  get currentNo(): number {
    return this.nextNo;
  }

  get idle(): boolean {
    return this.size === 0 && this.pending === 0;
  }

  private flushScheduled = false;

  /**
   * Appends the current batch at the end of this event-loop turn: results of several worker
   * tasks completing together share one append (each append costs the NATS client ~50 µs).
   */
  scheduleFlush(): void {
    if (this.flushScheduled || this.size === 0) return;
    this.flushScheduled = true;
    setImmediate(() => { this.flushScheduled = false; this.flush(); });
  }

  /** Appends the current batch, if any. */
  flush(): void {
    const count = this.size;
    // After a failure nothing more is appended: the process is about to exit and restart from the ledger.
    if (count === 0 || this.failed !== null) return;
    this.batchBytes = 0;
    const no = this.nextNo++;
    const { batch: passes, money } = this;
    this.batch = [];
    this.money = [];
    const bytes = LedgerBatch.encode({ gatewayId: this.gatewayId, bootId: this.bootId, batchNo: no, passes, money }).finish();
    if (bytes.length > LEDGER_MSG_BYTES_MAX) {
      this.fail(new TapgateError('GW_LEDGER_APPEND_FAILED', `ledger batch of ${bytes.length} bytes exceeds ${LEDGER_MSG_BYTES_MAX}`));
      return;
    }
    this.pending++;
    this.metrics.ledgerPending.set(this.pending);
    const started = process.hrtime.bigint();
    this.js.publish(this.subject, bytes, { msgID: `${this.gatewayId}.${this.bootId}.${no}`, timeout: LEDGER_APPEND_TIMEOUT_MS })
      .then((ack) => {
        this.streamSeqOf.set(no, ack.seq);
        this.pending--;
        this.metrics.ledgerPending.set(this.pending);
        this.metrics.ledgerAppends.inc();
        this.metrics.ledgerEvents.inc(count);
        this.metrics.ledgerAppendSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
        this.markAcked(no);
      }, (err: unknown) => {
        this.pending--;
        this.fail(new TapgateError('GW_LEDGER_APPEND_FAILED', `ledger append ${no} failed: ${(err as Error).message}`, { cause: err }));
      });
  }

  private markAcked(no: number): void {
    if (this.failed !== null) return;
    this.acked.add(no);
    let advanced = false;
    while (this.acked.delete(this.ackedNo + 1)) {
      this.ackedNo++;
      advanced = true;
      this.coveredStreamSeq = Math.max(this.coveredStreamSeq, this.streamSeqOf.get(this.ackedNo) ?? 0);
      this.streamSeqOf.delete(this.ackedNo);
    }
    if (!advanced) return;
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => w.no <= this.ackedNo);
      if (ready.length > 0) {
        this.waiters = this.waiters.filter((w) => w.no > this.ackedNo);
        for (const w of ready) w.resolve();
      }
    }
    this.onAcked(this.ackedNo);
  }

  /** Stops all appends for good (also used when the writer lease is lost); calls onFailed once. */
  fail(err: TapgateError): void {
    if (this.failed !== null) return;
    this.failed = err;
    this.onFailed(err);
  }
}
