// Personal account balances and top-ups: the money state the gateway's sequencer owns. Pure:
// the caller resolves account numbers through the registry, appends what this returns to the
// ledger, and answers only after the append is durable. Replaying the ledger through `record`
// rebuilds the same balances and the same memory of payment ids, which is kept forever: a
// payment id is applied at most once however late it is retried.
import { assert } from './errors.js';
import { tapgate } from './proto.js';

/** Smallest and largest top-up accepted, in kopecks (10 and 15,000 roubles). */
export const TOP_UP_AMOUNT_KOP_MIN = 1_000;
export const TOP_UP_AMOUNT_KOP_MAX = 1_500_000;
export const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const CHANNEL_PATTERN = /^[a-z0-9_-]{1,32}$/;
/** Longest refund reason accepted, in characters (recorded in the ledger and in ClickHouse). */
export const REFUND_REASON_CHARS_MAX = 200;

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
  readonly payments: readonly AppliedTopUp[];
}

export type TopUpOutcome =
  | { readonly kind: 'applied'; readonly topUp: AppliedTopUp }
  | { readonly kind: 'duplicate'; readonly topUp: AppliedTopUp }
  | { readonly kind: 'refused'; readonly error: tapgate.money.v1.TopUpError; readonly message: string };

const refused = (error: tapgate.money.v1.TopUpError, message: string): TopUpOutcome => ({ kind: 'refused', error, message });

export class MoneyState {
  private readonly balances = new Map<string, number>();
  private readonly payments = new Map<string, AppliedTopUp>();

  balanceKop(accountId: string): number {
    return this.balances.get(accountId) ?? 0;
  }

  /** Sum of all balances, for conservation checks. */
  totalKop(): number {
    let sum = 0;
    for (const b of this.balances.values()) sum += b;
    return sum;
  }

  get paymentCount(): number {
    return this.payments.size;
  }

  /**
   * Decides a top-up. Checks, in order: channel and payment id format, an earlier application of
   * the same payment (duplicate when account and amount agree, else conflict), the amount, the
   * account. `appendNo` is the ledger append the caller will write the result into.
   */
  topUp(input: TopUpInput, nowMs: number, appendNo: number): TopUpOutcome {
    if (!CHANNEL_PATTERN.test(input.channel)) return refused(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'channel must be 1 to 32 of [a-z0-9_-]');
    if (!PAYMENT_ID_PATTERN.test(input.paymentId)) return refused(TopUpError.TOP_UP_ERROR_INVALID_REQUEST, 'payment_id must be 1 to 64 of [A-Za-z0-9_.:-]');
    const earlier = this.payments.get(paymentKey(input.channel, input.paymentId));
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
    assert(!this.payments.has(key), `payment ${key} appears twice in the ledger`);
    assert(this.balanceKop(topUp.accountId) + topUp.amountKop === topUp.balanceAfterKop, `payment ${key}: the ledger's balance does not add up`);
    this.apply(topUp);
  }

  toSnapshot(): MoneySnapshot {
    return { balances: [...this.balances], payments: [...this.payments.values()].map((x) => ({ ...x, appendNo: 0 })) };
  }

  loadSnapshot(snap: MoneySnapshot): void {
    this.balances.clear();
    this.payments.clear();
    for (const [id, kop] of snap.balances) this.balances.set(id, kop);
    for (const p of snap.payments) this.payments.set(paymentKey(p.channel, p.paymentId), p);
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

  private apply(topUp: AppliedTopUp): void {
    this.payments.set(paymentKey(topUp.channel, topUp.paymentId), topUp);
    this.balances.set(topUp.accountId, this.balanceKop(topUp.accountId) + topUp.amountKop);
  }
}

function paymentKey(channel: string, paymentId: string): string {
  return `${channel}:${paymentId}`;
}
