// Top-ups from bank channels over NATS request/reply (subject tapgate.money.v1.topup). Each
// request is decided by the money state the sequencer owns, appended to the ledger, and
// answered only once the append is durable, so an acknowledged top-up survives any crash and is
// spendable at once. A repeated payment id gets its first result back, forever: from memory within
// PAYMENT_IDS_MEMORY_MS of ledger time, later from the durable payment index (ADR 0013).
import type { NatsConnection, Msg, Subscription } from '@nats-io/transport-node';
import { tapgate } from '../core/proto.js';
import { Gauge } from 'prom-client';
import {
  ACCOUNT_NUMBER_PATTERN, CHANNEL_PATTERN, ID_PATTERN, MoneyState, PAYMENT_ID_PATTERN, REFUND_REASON_CHARS_MAX, TopUpError, TopUpStatus,
  type AppliedTopUp, type RefundOutcome, type RegistryIndex, type TopUpOutcome,
} from '../core/index.js';
import type { Logger } from '../lib/index.js';
import type { LedgerWriter } from './ledger.js';
import type { PosDesk } from './pos.js';
import type { GatewayMetrics } from './metrics.js';
import { PaymentIndex } from './payment-index.js';

const { TopUpRequest, TopUpReply, RefundRequest, RefundReply, RefundStatus, RefundError } = tapgate.money.v1;
const REFUND_ERRORS = { unknown_purchase: RefundError.REFUND_ERROR_UNKNOWN_PURCHASE, already_refunded: RefundError.REFUND_ERROR_ALREADY_REFUNDED,
  conflict: RefundError.REFUND_ERROR_CONFLICT } as const;

export const TOP_UP_SUBJECT = 'tapgate.money.v1.topup';
export const REFUND_SUBJECT = 'tapgate.money.v1.refund';
/** Longest refund reason, in characters. */
/**
 * Queue group of the money subscriptions. Money state has one writer: run ONE gateway per NATS
 * cluster until requests are routed to the gateway owning the school (a second gateway would keep
 * its own balances and payment ids).
 */
export const MONEY_QUEUE = 'tapgate-money';
/** Largest request accepted, in bytes. */
export const TOP_UP_REQUEST_BYTES_MAX = 1024;
/** Top-ups decided and not yet answered before new requests are refused with UNAVAILABLE. */
export const TOP_UPS_PENDING_MAX = 4096;

const STATUS_NAMES = TopUpStatus as unknown as Record<number, string>;
const REFUND_STATUS_NAMES = RefundStatus as unknown as Record<number, string>;
const ERROR_NAMES = TopUpError as unknown as Record<number, string>;
const UNAVAILABLE: TopUpOutcome = { kind: 'refused', error: TopUpError.TOP_UP_ERROR_UNAVAILABLE,
  message: 'the gateway cannot take money now; retry later' };

export class MoneyService {
  private subs: Subscription[] = [];
  private pending = 0;
  /** Set at shutdown: new money requests (NATS or the admin API) are refused as UNAVAILABLE. */
  private stopped = false;
  readonly index: PaymentIndex;

  constructor(
    private readonly nc: NatsConnection,
    private readonly registry: RegistryIndex,
    readonly money: MoneyState,
    private readonly pos: PosDesk,
    private readonly ledger: LedgerWriter,
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
  ) {
    this.index = new PaymentIndex(nc, money, ledger, log);
    const registers = [metrics.registry];
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers, collect() { this.set(read()); } });
    gauge('tapgate_gateway_payment_ids_in_memory', 'Payment ids remembered in memory (the window of PAYMENT_IDS_MEMORY_MS)',
      () => money.paymentCount);
    gauge('tapgate_gateway_payment_ids_forgotten', 'Payment ids forgotten by memory; their repeats are answered from the payment index',
      () => money.forgottenCount);
    gauge('tapgate_gateway_payments_unindexed', 'Applied top-ups not yet written to the payment index', () => money.unindexedCount);
    gauge('tapgate_gateway_sales_in_memory', 'Paid purchases kept for refunds (the 30-day refund window)', () => pos.purchases.saleCount);
    gauge('tapgate_gateway_refunds_in_memory', 'Refunds kept for their repeats (30 days)', () => pos.purchases.refundCount);
  }

  start(): void {
    // Top-ups replayed or loaded from a snapshot that the index may not have yet.
    this.index.kick();
    this.subs = [
      this.nc.subscribe(TOP_UP_SUBJECT, { queue: MONEY_QUEUE, callback: (err, msg) => { if (err === null) this.onRequest(msg); } }),
      this.nc.subscribe(REFUND_SUBJECT, { queue: MONEY_QUEUE, callback: (err, msg) => { if (err === null) this.onRefund(msg); } }),
    ];
  }

  /** Stops taking requests; those in flight are still answered when durable. */
  stop(): void {
    this.stopped = true;
    void this.index.stop();
    for (const sub of this.subs) sub.unsubscribe();
    this.subs = [];
  }

  get idle(): boolean {
    return this.pending === 0;
  }

  private onRequest(msg: Msg): void {
    const reply = (r: tapgate.money.v1.ITopUpReply) => {
      this.metrics.topUps.inc({ status: STATUS_NAMES[r.status ?? 0] ?? '?', error: ERROR_NAMES[r.error ?? 0] ?? '?' });
      if (msg.reply) msg.respond(TopUpReply.encode(r).finish());
    };
    const refuse = (error: tapgate.money.v1.TopUpError, message: string) => reply({ status: TopUpStatus.TOP_UP_STATUS_REFUSED, error, message });
    if (msg.data.length > TOP_UP_REQUEST_BYTES_MAX) return refuse(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, `requests are at most ${TOP_UP_REQUEST_BYTES_MAX} bytes`);
    let req: tapgate.money.v1.TopUpRequest;
    try { req = TopUpRequest.decode(msg.data); } catch { return refuse(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'not a TopUpRequest'); }
    if (!ACCOUNT_NUMBER_PATTERN.test(req.accountNumber)) return refuse(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'account_number must be 8 to 10 digits');
    void this.topUp({ channel: req.channel, paymentId: req.paymentId, amountKop: Number(req.amountKop),
      accountId: this.registry.accountByNumber(req.accountNumber)?.id }).then((outcome) => {
      if (outcome.kind === 'refused') return refuse(outcome.error, outcome.message);
      const t = outcome.topUp;
      reply({ status: outcome.kind === 'applied' ? TopUpStatus.TOP_UP_STATUS_APPLIED : TopUpStatus.TOP_UP_STATUS_DUPLICATE,
        balanceAfterKop: t.balanceAfterKop, appliedAtMs: t.appliedAtMs });
    });
  }

  /**
   * Decides a top-up and resolves once its result is durable (the NATS subject and the admin
   * API both come here). UNAVAILABLE when the ledger has failed or too many wait.
   */
  async topUp(input: { channel: string; paymentId: string; amountKop: number; accountId: string | undefined }): Promise<TopUpOutcome> {
    if (!this.canTake()) return UNAVAILABLE;
    let stored: AppliedTopUp | undefined;
    if (this.mayBeForgotten(input.channel, input.paymentId)) {
      this.pending++;
      try {
        stored = await this.index.lookup(input.channel, input.paymentId);
      } catch (err) {
        this.log.warn({ code: 'GW_PAYMENT_INDEX_FAILED', err: (err as Error).message }, 'payment index lookup failed');
        return UNAVAILABLE;
      } finally { this.pending--; }
      if (!this.canTake()) return UNAVAILABLE;
    }
    // Decided in one turn after the lookup: a concurrent first application is in memory by now.
    const outcome: TopUpOutcome = this.money.topUp(input, Date.now(), this.ledger.currentNo, stored);
    if (outcome.kind === 'refused') return outcome;
    const t = outcome.topUp;
    if (outcome.kind === 'applied') {
      this.ledger.addTopUp({ channel: t.channel, paymentId: t.paymentId, accountId: t.accountId, amountKop: t.amountKop,
        balanceAfterKop: t.balanceAfterKop, appliedAtMs: t.appliedAtMs });
      this.log.info({ channel: t.channel, paymentId: t.paymentId, accountId: t.accountId, amountKop: t.amountKop }, 'top-up applied');
    }
    // A duplicate of a top-up still being appended waits for the same append as the original.
    this.pending++;
    let durable: boolean;
    try { durable = await this.ledger.whenDurable(t.appendNo); } finally { this.pending--; }
    // The ledger failed first: whether the append landed is unknown; the caller retries with the
    // same payment id and learns it from the restarted gateway (APPLIED or DUPLICATE).
    if (!durable) return UNAVAILABLE;
    if (outcome.kind === 'applied') this.index.kick();
    return outcome;
  }

  private canTake(): boolean {
    return !this.stopped && this.ledger.admitting && this.pending < TOP_UPS_PENDING_MAX;
  }

  /** True when memory cannot tell whether this payment was applied: it has forgotten some. */
  private mayBeForgotten(channel: string, paymentId: string): boolean {
    return this.money.forgottenCount > 0 && CHANNEL_PATTERN.test(channel) && PAYMENT_ID_PATTERN.test(paymentId) &&
      this.money.remembered(channel, paymentId) === undefined;
  }

  /** Decides a refund and resolves once it is durable; UNAVAILABLE as for top-ups. */
  async refund(req: { refundId: string; deviceId: string; seq: number; reason: string; operatorId: string }): Promise<RefundOutcome | { kind: 'unavailable' }> {
    if (!this.canTake()) return { kind: 'unavailable' };
    const o = this.pos.refund(req, Date.now());
    if (o.kind === 'refused') return o;
    const r = o.refund;
    if (o.kind === 'applied') this.log.info({ refundId: r.refundId, deviceId: r.deviceId, seq: r.seq, accountId: r.accountId, amountKop: r.amountKop, operatorId: req.operatorId }, 'refund applied');
    this.pending++;
    let durable: boolean;
    try { durable = await this.ledger.whenDurable(r.appendNo); } finally { this.pending--; }
    return durable ? o : { kind: 'unavailable' };
  }

  private onRefund(msg: Msg): void {
    const reply = (r: tapgate.money.v1.IRefundReply) => {
      this.metrics.refunds.inc({ status: REFUND_STATUS_NAMES[r.status ?? 0] ?? '?' });
      if (msg.reply) msg.respond(RefundReply.encode(r).finish());
    };
    const refuse = (error: tapgate.money.v1.RefundError, message: string) => reply({ status: RefundStatus.REFUND_STATUS_REFUSED, error, message });
    let req: tapgate.money.v1.RefundRequest;
    try {
      if (msg.data.length > TOP_UP_REQUEST_BYTES_MAX) throw new Error('too large');
      req = RefundRequest.decode(msg.data);
    } catch { return refuse(RefundError.REFUND_ERROR_INVALID_REQUEST, `not a RefundRequest of at most ${TOP_UP_REQUEST_BYTES_MAX} bytes`); }
    const seq = Number(req.seq);
    if (!PAYMENT_ID_PATTERN.test(req.refundId) || !ID_PATTERN.test(req.deviceId) || !ID_PATTERN.test(req.operatorId) ||
        !Number.isSafeInteger(seq) || seq < 1 || req.reason.length < 1 || req.reason.length > REFUND_REASON_CHARS_MAX) {
      return refuse(RefundError.REFUND_ERROR_INVALID_REQUEST, `refund_id, device_id, operator_id must be ids; seq 1 to 2^53-1; reason 1 to ${REFUND_REASON_CHARS_MAX} characters`);
    }
    void this.refund({ refundId: req.refundId, deviceId: req.deviceId, seq, reason: req.reason, operatorId: req.operatorId }).then((o) => {
      if (o.kind === 'unavailable') return refuse(RefundError.REFUND_ERROR_UNAVAILABLE, 'the gateway cannot take money now; retry later');
      if (o.kind === 'refused') return refuse(REFUND_ERRORS[o.error], o.message);
      const r = o.refund;
      reply({ status: o.kind === 'applied' ? RefundStatus.REFUND_STATUS_APPLIED : RefundStatus.REFUND_STATUS_DUPLICATE,
        amountKop: r.amountKop, balanceAfterKop: r.balanceAfterKop, appliedAtMs: r.appliedAtMs });
    });
  }
}
