// Commands to one shard over NATS request/reply (lib/shards.ts, proto tapgate.shard.v1): top-ups,
// refunds, balances, who is inside a school, and balances arriving from other shards. Money
// requests are decided by the money state the shard's sequencer owns, appended to the shard's
// ledger, and answered only once the append is durable, so an acknowledged top-up survives any
// crash and is spendable at once. A repeated payment id gets its first result back, forever: from
// memory within PAYMENT_IDS_MEMORY_MS of ledger time, later from the durable payment index (ADR
// 0013). The bank's and caterers' own subjects reach this through the money router.
import type { NatsConnection, Msg, Subscription } from '@nats-io/transport-node';
import { tapgate } from '../../core/proto.js';
import {
  ACCOUNT_NUMBER_PATTERN, CHANNEL_PATTERN, ID_PATTERN, PAYMENT_ID_PATTERN, REFUND_REASON_CHARS_MAX, TopUpError, TopUpStatus,
  TRANSFER_CHANNEL, localDayBounds,
  type AppliedTopUp, type RefundOutcome, type RegistryIndex, type TopUpOutcome,
} from '../../core/index.js';
import { BALANCES_IDS_MAX, SHARD_REQUEST_BYTES_MAX, shardSubject, type Logger, type ShardCommand } from '../../lib/index.js';
import type { LedgerWriter } from './ledger.js';
import type { GatewayMetrics } from '../metrics.js';
import { PaymentIndex } from './payment-index.js';
import type { Sequencer } from './sequencer.js';

const { TopUpRequest, TopUpReply, RefundRequest, RefundReply, RefundStatus, RefundError } = tapgate.money.v1;
const { BalancesRequest, BalancesReply, InsideRequest, InsideReply, TransferInRequest } = tapgate.shard.v1;
const REFUND_ERRORS = { unknown_purchase: RefundError.REFUND_ERROR_UNKNOWN_PURCHASE, already_refunded: RefundError.REFUND_ERROR_ALREADY_REFUNDED,
  conflict: RefundError.REFUND_ERROR_CONFLICT } as const;

/** The bank's and caterers' subjects (served by the money router, gateway/edge/money-router.ts). */
export const TOP_UP_SUBJECT = 'tapgate.money.v1.topup';
export const REFUND_SUBJECT = 'tapgate.money.v1.refund';
/** Queue group of the money router: one gateway of the cluster routes each bank request. */
export const MONEY_QUEUE = 'tapgate-money';
/** Largest top-up or refund request accepted, in bytes. */
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

  private readonly money: Sequencer['money'];
  private readonly pos: Sequencer['pos'];

  constructor(
    private readonly nc: NatsConnection,
    readonly shardId: string,
    private readonly registry: RegistryIndex,
    private readonly sequencer: Sequencer,
    private readonly ledger: LedgerWriter,
    private readonly metrics: GatewayMetrics,
    private readonly log: Logger,
  ) {
    this.money = sequencer.money;
    this.pos = sequencer.pos;
    this.index = new PaymentIndex(nc, this.money, ledger, log);
  }

  start(): void {
    // Top-ups replayed or loaded from a snapshot that the index may not have yet.
    this.index.kick();
    const on = (command: ShardCommand, handle: (msg: Msg) => void) => this.nc.subscribe(shardSubject(this.shardId, command),
      { callback: (err, msg) => { if (err === null) handle(msg); } });
    this.subs = [
      on('topup', (m) => this.onRequest(m)), on('refund', (m) => this.onRefund(m)), on('balances', (m) => this.onBalances(m)),
      on('inside', (m) => this.onInside(m)), on('transfer_in', (m) => this.onTransferIn(m)),
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
        balanceAfterKop: t.balanceAfterKop, appliedAtMs: t.appliedAtMs, accountId: t.accountId });
    });
  }

  /**
   * Decides a top-up and resolves once its result is durable (the NATS subject and the admin
   * API both come here). UNAVAILABLE when the ledger has failed or too many wait.
   */
  topUp(input: { channel: string; paymentId: string; amountKop: number; accountId: string | undefined }): Promise<TopUpOutcome> {
    return this.decideTopUp(input.channel, input.paymentId, (stored) => this.money.topUp(input, Date.now(), this.ledger.currentNo, stored));
  }

  /** Decides a balance arriving from another shard, as a top-up of TRANSFER_CHANNEL (docs/shards.md). */
  transferIn(input: { transferId: string; accountId: string; amountKop: number }): Promise<TopUpOutcome> {
    return this.decideTopUp(TRANSFER_CHANNEL, input.transferId,
      (stored) => this.money.transferIn(input, Date.now(), this.ledger.currentNo, stored));
  }

  private async decideTopUp(channel: string, paymentId: string, decide: (stored: AppliedTopUp | undefined) => TopUpOutcome): Promise<TopUpOutcome> {
    if (!this.canTake()) return UNAVAILABLE;
    let stored: AppliedTopUp | undefined;
    if (this.mayBeForgotten(channel, paymentId)) {
      this.pending++;
      try {
        stored = await this.index.lookup(channel, paymentId);
      } catch (err) {
        this.log.warn({ code: 'GW_PAYMENT_INDEX_FAILED', err: (err as Error).message }, 'payment index lookup failed');
        return UNAVAILABLE;
      } finally { this.pending--; }
      if (!this.canTake()) return UNAVAILABLE;
    }
    // Decided in one turn after the lookup: a concurrent first application is in memory by now.
    const outcome: TopUpOutcome = decide(stored);
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

  /**
   * True when memory cannot tell whether this payment was applied: it has forgotten some, or the
   * city has several shards (the payment may have been applied by the shard the pupil was in
   * before a move; a shard transfers a balance out only once its top-ups are in the index).
   */
  private mayBeForgotten(channel: string, paymentId: string): boolean {
    const unsure = this.money.forgottenCount > 0 || this.registry.shardIds().length > 1;
    return unsure && CHANNEL_PATTERN.test(channel) && PAYMENT_ID_PATTERN.test(paymentId) &&
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
    if (!PAYMENT_ID_PATTERN.test(req.refundId) || !ID_PATTERN.test(req.deviceId) || !PAYMENT_ID_PATTERN.test(req.operatorId) ||
        !Number.isSafeInteger(seq) || seq < 1 || req.reason.length < 1 || req.reason.length > REFUND_REASON_CHARS_MAX) {
      return refuse(RefundError.REFUND_ERROR_INVALID_REQUEST, `refund_id, device_id, operator_id must be ids; seq 1 to 2^53-1; reason 1 to ${REFUND_REASON_CHARS_MAX} characters`);
    }
    void this.refund({ refundId: req.refundId, deviceId: req.deviceId, seq, reason: req.reason, operatorId: req.operatorId }).then((o) => {
      if (o.kind === 'unavailable') return refuse(RefundError.REFUND_ERROR_UNAVAILABLE, 'the gateway cannot take money now; retry later');
      if (o.kind === 'refused') return refuse(REFUND_ERRORS[o.error], o.message);
      const r = o.refund;
      reply({ status: o.kind === 'applied' ? RefundStatus.REFUND_STATUS_APPLIED : RefundStatus.REFUND_STATUS_DUPLICATE,
        amountKop: r.amountKop, balanceAfterKop: r.balanceAfterKop, appliedAtMs: r.appliedAtMs, accountId: r.accountId });
    });
  }

  private onBalances(msg: Msg): void {
    let ids: string[];
    try {
      if (msg.data.length > SHARD_REQUEST_BYTES_MAX) throw new Error('too large');
      ids = BalancesRequest.decode(msg.data).accountIds;
    } catch { return this.respond(msg, BalancesReply.encode({ error: 'not a BalancesRequest' }).finish()); }
    if (ids.length < 1 || ids.length > BALANCES_IDS_MAX) {
      return this.respond(msg, BalancesReply.encode({ error: `1 to ${BALANCES_IDS_MAX} account ids` }).finish());
    }
    const balances = ids.map((accountId) => ({ accountId, balanceKop: this.money.balanceKop(accountId), hasHistory: this.money.hasHistory(accountId) }));
    this.respond(msg, BalancesReply.encode({ balances }).finish());
  }

  private onInside(msg: Msg): void {
    let schoolId = '';
    try { if (msg.data.length <= TOP_UP_REQUEST_BYTES_MAX) schoolId = InsideRequest.decode(msg.data).schoolId; } catch { /* refused below */ }
    const school = this.registry.schools.get(schoolId);
    if (school === undefined || school.shardId !== this.shardId) {
      return this.respond(msg, InsideReply.encode({ error: 'no school of this shard has this id' }).finish());
    }
    const now = Date.now();
    const personIds = this.sequencer.passes.insidePersonIds(school.id, school.timeZone, now);
    const p = this.sequencer.passes.presence(school.id, school.timeZone, now);
    this.respond(msg, InsideReply.encode({ personIds, pupils: p.pupils, staff: p.staff,
      dayStartMs: localDayBounds(school.timeZone, now).startMs }).finish());
  }

  private onTransferIn(msg: Msg): void {
    const reply = (r: tapgate.money.v1.ITopUpReply) => this.respond(msg, TopUpReply.encode(r).finish());
    let req: tapgate.shard.v1.TransferInRequest;
    try {
      if (msg.data.length > TOP_UP_REQUEST_BYTES_MAX) throw new Error('too large');
      req = TransferInRequest.decode(msg.data);
    } catch {
      return reply({ status: TopUpStatus.TOP_UP_STATUS_REFUSED, error: TopUpError.TOP_UP_ERROR_INVALID_REQUEST, message: 'not a TransferInRequest' });
    }
    if (!ID_PATTERN.test(req.accountId)) {
      return reply({ status: TopUpStatus.TOP_UP_STATUS_REFUSED, error: TopUpError.TOP_UP_ERROR_INVALID_REQUEST, message: 'account_id must be an id' });
    }
    void this.transferIn({ transferId: req.transferId, accountId: req.accountId, amountKop: Number(req.amountKop) }).then((o) => {
      if (o.kind === 'refused') return reply({ status: TopUpStatus.TOP_UP_STATUS_REFUSED, error: o.error, message: o.message });
      if (o.kind === 'applied') {
        this.log.info({ transferId: req.transferId, accountId: req.accountId, fromShardId: req.fromShardId, amountKop: o.topUp.amountKop },
          'transfer in applied');
      }
      reply({ status: o.kind === 'applied' ? TopUpStatus.TOP_UP_STATUS_APPLIED : TopUpStatus.TOP_UP_STATUS_DUPLICATE,
        balanceAfterKop: o.topUp.balanceAfterKop, appliedAtMs: o.topUp.appliedAtMs, accountId: o.topUp.accountId });
    });
  }

  private respond(msg: Msg, bytes: Uint8Array): void {
    if (msg.reply) msg.respond(bytes);
  }
}
