// Personal account balances and top-ups: the money state the gateway's sequencer owns. Pure:
// the caller resolves account numbers through the registry, appends what this returns to the
// ledger, and answers only after the append is durable. Replaying the ledger through `record`
// rebuilds the same balances and the same memory of payment ids.
//
// Payment ids are remembered in memory for PAYMENT_IDS_MEMORY_MS after they were applied, measured
// on the ledger's own clock (the latest event time applied, never the wall clock), so a replay
// forgets exactly what the live gateway forgot. Beyond that window the caller answers a repeat from
// durable storage (gateway/shard/payment-index.ts, ADR 0013): it passes the stored top-up as `earlier`.
// Every applied top-up also waits in `unindexed` until the caller has stored it durably.
import { assert } from './errors.js';
import { ExpiryQueue } from './expiry-queue.js';
import { tapgate } from './proto.js';

/** Smallest and largest top-up accepted, in kopecks (10 and 15,000 roubles). */
export const TOP_UP_AMOUNT_KOP_MIN = 1_000;
export const TOP_UP_AMOUNT_KOP_MAX = 1_500_000;
export const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const CHANNEL_PATTERN = /^[a-z0-9_-]{1,32}$/;
/**
 * The reserved top-up channel of balances arriving from another shard (a pupil moved school,
 * docs/shards.md): its payment ids are transfer ids. Bank top-ups may not use it.
 */
export const TRANSFER_CHANNEL = 'transfer';
/** Longest refund reason accepted, in characters (recorded in the ledger and in ClickHouse). */
export const REFUND_REASON_CHARS_MAX = 200;
/**
 * How long a payment id stays in memory after it was applied, in ms of ledger time (3 days: a
 * bank's retry over a weekend). Later repeats are answered from the durable payment index.
 */
export const PAYMENT_IDS_MEMORY_MS = 3 * 86_400_000;

export const TopUpStatus = tapgate.money.v1.TopUpStatus;
export const TopUpError = tapgate.money.v1.TopUpError;

export interface AppliedTopUp {
  readonly channel: string;
  readonly paymentId: string;
  readonly accountId: string;
  readonly amountKop: number;
  readonly balanceAfterKop: number;
  readonly appliedAtMs: number;
  /** The ledger append that holds it (0 when replayed: already durable). */
  readonly appendNo: number;
}

export interface TopUpInput {
  readonly channel: string;
  readonly paymentId: string;
  /** The account the request's number resolves to, or undefined when no account has it. */
  readonly accountId: string | undefined;
  /** As decoded; validated here (a decoded int64 beyond 2^53 is not a safe integer). */
  readonly amountKop: number;
}

export interface MoneySnapshot {
  readonly balances: ReadonlyArray<readonly [string, number]>;
  /** Payments in memory, oldest first, each with the ledger time it is forgotten at. */
  readonly payments: ReadonlyArray<{ readonly topUp: AppliedTopUp; readonly forgetAtMs: number }>;
  /** Applied top-ups not yet confirmed in the durable payment index. */
  readonly unindexed: readonly AppliedTopUp[];
  /** The ledger clock: the latest event time applied, in ms. */
  readonly clockMs: number;
  /** How many payment ids were forgotten so far (0: memory alone answers every repeat). */
  readonly forgotten: number;
  /** Transfers out not yet confirmed by the receiving shard (absent in snapshots before shards). */
  readonly transfersOut?: readonly TransferOut[];
}

/** A balance that left this shard for another (a pupil moved school), until the other confirms it. */
export interface TransferOut {
  readonly transferId: string;
  readonly accountId: string;
  readonly amountKop: number;
  readonly toShardId: string;
  readonly appliedAtMs: number;
}

/** A payment in memory and the ledger time from which it is forgotten. */
interface Remembered { readonly topUp: AppliedTopUp; readonly forgetAtMs: number }

export type TopUpOutcome =
  | { readonly kind: 'applied'; readonly topUp: AppliedTopUp }
  | { readonly kind: 'duplicate'; readonly topUp: AppliedTopUp }
  | { readonly kind: 'refused'; readonly error: tapgate.money.v1.TopUpError; readonly message: string };

const refused = (error: tapgate.money.v1.TopUpError, message: string): TopUpOutcome => ({ kind: 'refused', error, message });

export class MoneyState {
  private readonly balances = new Map<string, number>();
  /** In insertion (ledger) order, so forgetAtMs never decreases along the map. */
  private readonly payments = new Map<string, Remembered>();
  private readonly unindexed = new Map<string, AppliedTopUp>();
  /** The payments' keys in the order they are forgotten. */
  private readonly expiry = new ExpiryQueue();
  private clockMs = 0;
  private forgotten = 0;
  /** Transfers out waiting for the receiving shard's confirmation, by transfer id. */
  private readonly transfersOut = new Map<string, TransferOut>();

  /** `paymentMemoryMs`: the window of PAYMENT_IDS_MEMORY_MS (Infinity: remember forever). */
  constructor(readonly paymentMemoryMs = PAYMENT_IDS_MEMORY_MS) {
    assert(paymentMemoryMs > 0, 'the payment memory window is positive');
  }

  balanceKop(accountId: string): number {
    return this.balances.get(accountId) ?? 0;
  }

  /**
   * Whether a money event of the account was ever applied here (a top-up, purchase, refund or
   * transfer): the map keeps an entry once made, through snapshots, even at a balance of 0.
   */
  hasHistory(accountId: string): boolean {
    return this.balances.has(accountId);
  }

  /** Every account this state holds a balance for (ids only, no copy of the map). */
  accountIds(): IterableIterator<string> {
    return this.balances.keys();
  }

  /** Sum of all balances, for conservation checks. */
  totalKop(): number {
    let sum = 0;
    for (const b of this.balances.values()) sum += b;
    return sum;
  }

  /** Payment ids in memory now. */
  get paymentCount(): number {
    return this.payments.size;
  }

  /** Payment ids forgotten so far; while 0, a payment id not in memory was never applied. */
  get forgottenCount(): number {
    return this.forgotten;
  }

  /** The applied top-up with this channel and payment id, if it is still in memory. */
  remembered(channel: string, paymentId: string): AppliedTopUp | undefined {
    const key = paymentKey(channel, paymentId);
    return this.payments.get(key)?.topUp ?? this.unindexed.get(key);
  }

  /** Top-ups waiting to be stored in the durable index, oldest first. */
  get unindexedTopUps(): IterableIterator<AppliedTopUp> {
    return this.unindexed.values();
  }

  get unindexedCount(): number {
    return this.unindexed.size;
  }

  /** The durable index holds this top-up now: it need not wait in memory for it any more. */
  markIndexed(topUp: AppliedTopUp): void {
    const key = paymentKey(topUp.channel, topUp.paymentId);
    if (this.unindexed.get(key) === topUp) this.unindexed.delete(key);
  }

  /**
   * Decides a top-up. Checks, in order: channel and payment id format, an earlier application of
   * the same payment (duplicate when account and amount agree, else conflict), the amount, the
   * account. `appendNo` is the ledger append the caller will write the result into. `stored` is
   * what the durable index holds for this payment id when memory may have forgotten it.
   */
  topUp(input: TopUpInput, nowMs: number, appendNo: number, stored?: AppliedTopUp): TopUpOutcome {
    if (!CHANNEL_PATTERN.test(input.channel)) return refused(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'channel must be 1 to 32 of [a-z0-9_-]');
    if (!PAYMENT_ID_PATTERN.test(input.paymentId)) return refused(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'payment_id must be 1 to 64 of [A-Za-z0-9_.:-]');
    if (input.channel === TRANSFER_CHANNEL) return refused(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, `channel "${TRANSFER_CHANNEL}" is reserved for transfers between shards`);
    const earlier = this.remembered(input.channel, input.paymentId) ?? stored;
    if (earlier !== undefined) {
      if (earlier.accountId === input.accountId && earlier.amountKop === input.amountKop) return { kind: 'duplicate', topUp: earlier };
      return refused(TopUpError.TOP_UP_ERROR_CONFLICT, 'this payment id was applied with another account or amount');
    }
    if (!Number.isSafeInteger(input.amountKop) || input.amountKop < TOP_UP_AMOUNT_KOP_MIN || input.amountKop > TOP_UP_AMOUNT_KOP_MAX) {
      return refused(TopUpError.TOP_UP_ERROR_INVALID_AMOUNT, `amount_kop must be ${TOP_UP_AMOUNT_KOP_MIN} to ${TOP_UP_AMOUNT_KOP_MAX}`);
    }
    if (input.accountId === undefined) return refused(TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT, 'no account has this number');
    const balanceAfterKop = this.balanceKop(input.accountId) + input.amountKop;
    assert(Number.isSafeInteger(balanceAfterKop), 'balance stays a safe integer');
    const topUp: AppliedTopUp = { channel: input.channel, paymentId: input.paymentId, accountId: input.accountId,
      amountKop: input.amountKop, balanceAfterKop, appliedAtMs: nowMs, appendNo };
    this.apply(topUp);
    return { kind: 'applied', topUp };
  }

  /** Applies a top-up read back from the ledger at start. */
  record(topUp: AppliedTopUp): void {
    const key = paymentKey(topUp.channel, topUp.paymentId);
    assert(!this.payments.has(key) && !this.unindexed.has(key), `payment ${key} appears twice in the ledger`);
    assert(this.balanceKop(topUp.accountId) + topUp.amountKop === topUp.balanceAfterKop, `payment ${key}: the ledger's balance does not add up`);
    this.apply(topUp);
  }

  /**
   * A consistent cut for a snapshot, cheap enough for one event-loop turn: the payment records are
   * immutable, so they are shared, not copied (gateway/shard/snapshot.ts serialises them later).
   */
  toSnapshot(): MoneySnapshot {
    return {
      balances: [...this.balances],
      payments: [...this.payments.values()],
      unindexed: [...this.unindexed.values()],
      clockMs: this.clockMs,
      forgotten: this.forgotten,
      transfersOut: [...this.transfersOut.values()],
    };
  }

  loadSnapshot(snap: MoneySnapshot): void {
    this.balances.clear();
    this.payments.clear();
    this.unindexed.clear();
    this.expiry.clear();
    for (const [id, kop] of snap.balances) this.balances.set(id, kop);
    // A snapshot is taken when everything is durable: append numbers of its boot mean nothing now.
    for (const x of snap.payments) {
      const topUp = durable(x.topUp);
      const key = paymentKey(topUp.channel, topUp.paymentId);
      this.payments.set(key, { topUp, forgetAtMs: x.forgetAtMs });
      this.expiry.push(key, x.forgetAtMs);
    }
    for (const p of snap.unindexed) this.unindexed.set(paymentKey(p.channel, p.paymentId), durable(p));
    this.clockMs = snap.clockMs;
    this.forgotten = snap.forgotten;
    this.transfersOut.clear();
    for (const t of snap.transfersOut ?? []) this.transfersOut.set(t.transferId, t);
  }

  /** Takes a purchase's amount from an account; `balanceAfterKop` is what the caller computed. */
  debit(accountId: string, amountKop: number, balanceAfterKop: number): void {
    assert(Number.isSafeInteger(amountKop) && amountKop >= 0, 'a debit is a non-negative safe integer');
    assert(this.balanceKop(accountId) - amountKop === balanceAfterKop, `account ${accountId}: the debit does not add up`);
    this.balances.set(accountId, balanceAfterKop);
  }

  /** Gives a refunded amount back to an account. */
  credit(accountId: string, amountKop: number): number {
    assert(Number.isSafeInteger(amountKop) && amountKop >= 0, 'a credit is a non-negative safe integer');
    const after = this.balanceKop(accountId) + amountKop;
    this.balances.set(accountId, after);
    return after;
  }

  /** Transfers out not yet confirmed, in the order they were made. */
  get pendingTransfers(): IterableIterator<TransferOut> {
    return this.transfersOut.values();
  }

  /** True when a transfer out of this account waits for its confirmation. */
  transferPending(accountId: string): boolean {
    for (const t of this.transfersOut.values()) if (t.accountId === accountId) return true;
    return false;
  }

  /** Applies a transfer out (live or replayed): the whole balance leaves, the account is at 0. */
  transferOut(t: TransferOut): void {
    assert(!this.transfersOut.has(t.transferId), `transfer ${t.transferId} appears twice`);
    assert(Number.isSafeInteger(t.amountKop) && t.amountKop > 0, 'a transfer moves a positive amount');
    assert(this.balanceKop(t.accountId) === t.amountKop, `transfer ${t.transferId}: the balance moved is not the whole balance`);
    this.balances.set(t.accountId, 0);
    this.transfersOut.set(t.transferId, t);
  }

  /** The receiving shard confirmed a transfer out (live or replayed). Unknown ids are ignored. */
  transferDone(transferId: string): void {
    this.transfersOut.delete(transferId);
  }

  /**
   * Decides a balance arriving from another shard: applied at most once per transfer id, forever,
   * as a top-up of TRANSFER_CHANNEL (so the payment memory and the payment index remember it).
   * No amount bounds: a balance may exceed one top-up's maximum.
   */
  transferIn(input: { transferId: string; accountId: string; amountKop: number }, nowMs: number, appendNo: number,
    stored?: AppliedTopUp): TopUpOutcome {
    if (!PAYMENT_ID_PATTERN.test(input.transferId)) return refused(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'transfer_id must be 1 to 64 of [A-Za-z0-9_.:-]');
    const earlier = this.remembered(TRANSFER_CHANNEL, input.transferId) ?? stored;
    if (earlier !== undefined) {
      if (earlier.accountId === input.accountId && earlier.amountKop === input.amountKop) return { kind: 'duplicate', topUp: earlier };
      return refused(TopUpError.TOP_UP_ERROR_CONFLICT, 'this transfer id was applied with another account or amount');
    }
    if (!Number.isSafeInteger(input.amountKop) || input.amountKop <= 0) return refused(TopUpError.TOP_UP_ERROR_INVALID_AMOUNT, 'a transfer moves a positive amount');
    const balanceAfterKop = this.balanceKop(input.accountId) + input.amountKop;
    assert(Number.isSafeInteger(balanceAfterKop), 'balance stays a safe integer');
    const topUp: AppliedTopUp = { channel: TRANSFER_CHANNEL, paymentId: input.transferId, accountId: input.accountId,
      amountKop: input.amountKop, balanceAfterKop, appliedAtMs: nowMs, appendNo };
    this.apply(topUp);
    return { kind: 'applied', topUp };
  }

  private apply(topUp: AppliedTopUp): void {
    const key = paymentKey(topUp.channel, topUp.paymentId);
    // The clock never goes back, so the map stays ordered by forgetAtMs whatever the wall clock did.
    this.clockMs = Math.max(this.clockMs, topUp.appliedAtMs);
    const forgetAtMs = this.clockMs + this.paymentMemoryMs;
    this.payments.set(key, { topUp, forgetAtMs });
    this.expiry.push(key, forgetAtMs);
    this.unindexed.set(key, topUp);
    this.balances.set(topUp.accountId, this.balanceKop(topUp.accountId) + topUp.amountKop);
    this.forget();
  }

  /** Drops payments whose window has passed on the ledger clock, oldest first. */
  private forget(): void {
    this.expiry.expire(this.clockMs, (key) => {
      this.payments.delete(key);
      this.forgotten++;
    });
  }
}

const durable = (t: AppliedTopUp): AppliedTopUp => (t.appendNo === 0 ? t : { ...t, appendNo: 0 });

/** The memory key of a payment: the channel cannot contain a colon, so this is unambiguous. */
export function paymentKey(channel: string, paymentId: string): string {
  return `${channel}:${paymentId}`;
}
