// The canteen rules and the state they need: account balances (shared with top-ups in
// MoneyState), what each account spent per school day, which subsidised meals each pupil had
// per day and period, and the paid purchases of the refund window with their refunds. Pure and
// single-writer: the gateway's sequencer calls `decide` one tap at a time, and the ledger replay
// calls `record` with the stored outcomes, which rebuilds the same state. `priceBasket` (run by the
// tap workers) puts the catalogue's category and price on every item, whatever the device claimed.
//
// Retention (ADR 0013): a sale is kept for REFUND_WINDOW_MS after it was decided and a refund for
// as long after it was applied, both measured on the ledger clock (the latest decision time
// applied), so the state is a function of the ledger alone and a replay forgets exactly what the
// live gateway forgot.
import { assert } from './errors.js';
import { ExpiryQueue } from './expiry-queue.js';
import { SaleBook, type KeptSale, type SaleBookSnapshot } from './sale-book.js';
import { mealPeriodAt } from './meals.js';
import type { Account, Benefit, MealPeriod, Product } from './registry.js';
import { Reason, type ReasonValue } from './rules.js';
import { tapgate } from './proto.js';
import type { MoneyState } from './money.js';

export const MealKind = tapgate.device.v1.MealKind;
/** The most an offline sale may total, in kopecks (500 roubles); larger ones are refused as invalid. */
export const OFFLINE_TAP_KOP_MAX = 50_000;
/** Days of subsidised meals remembered per pupil: offline sales are dated up to 7 days back. */
const TAKEN_DAYS_KEPT = 8;
/** Items per basket, price per unit and units per item: bounds checked before any rule. */
export const BASKET_ITEMS_MAX = 32;
export const ITEM_PRICE_KOP_MAX = 1_000_000;
export const ITEM_QUANTITY_MAX = 100;
/** How long a paid purchase can be refunded, in ms (30 days); older sales are forgotten. */
export const REFUND_WINDOW_MS = 30 * 86_400_000;

export interface BasketItem { readonly productId: string; readonly category: string; readonly priceKop: number; readonly quantity: number }

/** What pricing reads of a catalogue product (a registry `product` record). */
export type CatalogueProduct = Pick<Product, 'schoolId' | 'category' | 'priceKop' | 'active'>;

export interface PricedBasket {
  /** Catalogue items at the catalogue's category and price; one outside it as the device sent it. */
  readonly items: readonly BasketItem[];
  /** Index of the first item outside the school's catalogue; -1 when every item is in it. */
  readonly unknownItem: number;
  /** v1.1 items whose declared category or price differed from the catalogue's. */
  readonly repriced: number;
}

/**
 * Prices a basket from the school's catalogue (protocol v1.2). A device's category and price
 * (v1.1; '' and 0 when not sent) never count: a catalogue item gets the catalogue's. An item is
 * outside the catalogue when no product has its id, the product belongs to another school, or
 * it is inactive and the sale is online (an offline sale may predate the product's withdrawal).
 */
export function priceBasket(items: readonly BasketItem[], schoolId: string, offline: boolean,
  productOf: (productId: string) => CatalogueProduct | undefined): PricedBasket {
  let unknownItem = -1;
  let repriced = 0;
  const priced = items.map((it, k): BasketItem => {
    const p = productOf(it.productId);
    if (p === undefined || p.schoolId !== schoolId || (!p.active && !offline)) {
      if (unknownItem < 0) unknownItem = k;
      return it;
    }
    const categoryDiffers = it.category !== '' && it.category !== p.category;
    if (categoryDiffers || (it.priceKop !== 0 && it.priceKop !== p.priceKop)) repriced++;
    return { productId: it.productId, category: p.category, priceKop: p.priceKop,
      quantity: it.quantity };
  });
  return { items: priced, unknownItem, repriced };
}

export interface PurchaseInput {
  readonly deviceId: string;
  readonly seq: number;
  readonly personId: string;
  readonly account: Account | undefined;
  readonly benefits: readonly Benefit[];
  readonly mealKind: number;
  /** Priced by `priceBasket`. */
  readonly items: readonly BasketItem[];
  /** From `priceBasket`: the first item outside the catalogue, -1 if none. */
  readonly unknownItem: number;
  readonly offline: boolean;
  readonly timeZone: string;
  /** The school day and instant the sale counts at (the device's time for an offline sale). */
  readonly schoolDay: number;
  readonly atMs: number;
  /** Inside the school now (entered today, not left): from the presence state. */
  readonly present: boolean;
  /** The gateway's time of the decision, in ms (the retention clock); `atMs` when absent. */
  readonly decidedAtMs?: number;
}

/** What `record` needs of a sale: the ledger's PurchaseEvent carries all of it. */
export interface SaleKey {
  readonly deviceId: string; readonly seq: number; readonly personId: string; readonly schoolDay: number;
  readonly decidedAtMs: number;
}

export interface PurchaseOutcome {
  readonly reason: ReasonValue;
  readonly accountId: string;
  readonly basketKop: number;
  readonly amountKop: number;
  readonly balanceAfterKop: number;
  readonly benefitId: string;
  readonly mealPeriod: string;
  readonly overdraft: boolean;
  /** The debit crossed the account's low-balance threshold downwards. */
  readonly lowBalance: boolean;
}

export function basketKop(items: readonly BasketItem[]): number {
  let sum = 0;
  for (const i of items) sum += i.priceKop * i.quantity;
  return sum;
}

export interface PurchaseSnapshot {
  readonly spent: ReadonlyArray<readonly [string, number, number]>;
  readonly taken: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Sales of the refund window, oldest first (core/sale-book.ts). */
  readonly sales: SaleBookSnapshot;
  readonly refunds: ReadonlyArray<{ readonly refund: AppliedRefund; readonly forgetAtMs: number }>;
  /** The ledger clock: the latest decision time applied, in ms. */
  readonly clockMs: number;
}

interface KeptRefund { readonly refund: AppliedRefund; readonly forgetAtMs: number }

export interface AppliedRefund {
  readonly refundId: string; readonly deviceId: string; readonly seq: number; readonly accountId: string;
  readonly amountKop: number; readonly balanceAfterKop: number; readonly appliedAtMs: number; readonly appendNo: number;
}

export type RefundOutcome =
  | { readonly kind: 'applied' | 'duplicate'; readonly refund: AppliedRefund }
  | { readonly kind: 'refused'; readonly error: 'unknown_purchase' | 'already_refunded' | 'conflict'; readonly message: string };

export class PurchaseState {
  /** Spent per account on its last school day: day and kopecks. */
  private readonly spent = new Map<string, { day: number; kop: number }>();
  /** Subsidised meals taken: `${personId}|${day}|${period}`; only the current day is kept per person. */
  private readonly taken = new Map<string, Set<string>>();
  /** Paid sales of the refund window, by device and seq. */
  private readonly sales = new SaleBook();
  /** In insertion (ledger) order, so forgetAtMs never decreases along the map. */
  private readonly refunds = new Map<string, KeptRefund>();
  private readonly refundsExpiry = new ExpiryQueue();
  private clockMs = 0;

  /** `refundWindowMs`: REFUND_WINDOW_MS unless a test says otherwise; finite (snapshots are JSON). */
  constructor(private readonly money: MoneyState, readonly refundWindowMs = REFUND_WINDOW_MS) {
    assert(Number.isFinite(refundWindowMs) && refundWindowMs > 0, 'the refund window is positive and finite');
  }

  get saleCount(): number {
    return this.sales.size;
  }

  /** Indexes up to `rows` more of the sales a snapshot loaded (SaleBook.indexSome); true once all are. */
  indexSales(rows: number): boolean {
    return this.sales.indexSome(rows);
  }

  /** The paid sale of this device and seq while the refund window keeps it. */
  keptSale(deviceId: string, seq: number): KeptSale | undefined {
    return this.sales.get(deviceId, seq);
  }

  get refundCount(): number {
    return this.refunds.size;
  }

  toSnapshot(): Omit<PurchaseSnapshot, 'sales'> & { sales: { toJSON(): SaleBookSnapshot } } {
    return {
      spent: [...this.spent].map(([id, x]) => [id, x.day, x.kop]),
      taken: [...this.taken].map(([id, set]) => [id, [...set]]),
      sales: this.sales.toSnapshot(),
      refunds: [...this.refunds.values()], // immutable records: shared, not copied
      clockMs: this.clockMs,
    };
  }

  loadSnapshot(snap: PurchaseSnapshot): void {
    this.spent.clear(); this.taken.clear(); this.sales.clear(); this.refunds.clear();
    this.refundsExpiry.clear();
    for (const [id, day, kop] of snap.spent) this.spent.set(id, { day, kop });
    for (const [id, keys] of snap.taken) this.taken.set(id, new Set(keys));
    this.sales.loadSnapshot(snap.sales);
    for (const { refund, forgetAtMs } of snap.refunds) {
      this.refunds.set(refund.refundId, { refund: refund.appendNo === 0 ? refund : { ...refund, appendNo: 0 }, forgetAtMs });
      this.refundsExpiry.push(refund.refundId, forgetAtMs);
    }
    this.clockMs = snap.clockMs;
  }

  decide(p: PurchaseInput): PurchaseOutcome {
    const basket = basketKop(p.items);
    const accountId = p.account?.id ?? '';
    const balance = this.money.balanceKop(accountId);
    const out = (reason: ReasonValue, extra: Partial<PurchaseOutcome> = {}): PurchaseOutcome =>
      ({ reason, accountId, basketKop: basket, amountKop: 0, balanceAfterKop: balance, benefitId: '', mealPeriod: '', overdraft: false, lowBalance: false, ...extra });
    // Nothing outside the catalogue is sold, online or offline: its price and category would be
    // the device's word, which is what lets a ban or a price be bypassed.
    if (p.unknownItem >= 0) return out(Reason.DECISION_REASON_UNKNOWN_PRODUCT);
    if (p.mealKind === MealKind.MEAL_KIND_SUBSIDISED_MEAL) {
      const period = mealPeriodAt(p.timeZone, p.atMs);
      const benefit = period === null ? undefined
        : p.benefits.find((b) => b.mealPeriods.includes(period) && b.validFromDay <= p.schoolDay && p.schoolDay <= b.validToDay);
      if (benefit === undefined || period === null) return out(Reason.DECISION_REASON_NO_BENEFIT, { mealPeriod: period ?? '' });
      if (this.hasTaken(p.personId, p.schoolDay, period)) return out(Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN, { mealPeriod: period });
      if (!p.present && !p.offline) return out(Reason.DECISION_REASON_NOT_PRESENT_TODAY, { mealPeriod: period });
      const o = out(Reason.DECISION_REASON_OK, { benefitId: benefit.id, mealPeriod: period });
      this.record({ ...p, decidedAtMs: p.decidedAtMs ?? p.atMs }, o);
      return o;
    }
    if (p.account === undefined) return out(Reason.DECISION_REASON_NO_ACCOUNT);
    if (!p.offline) {
      // An offline sale already happened: it is recorded whatever the rules say, and flagged.
      if (p.items.some((i) => p.account!.bannedCategories.includes(i.category))) return out(Reason.DECISION_REASON_BANNED_CATEGORY);
      const limit = p.account.dailyLimitKop;
      if (limit !== null && this.spentOn(accountId, p.schoolDay) + basket > limit) return out(Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED);
      if (balance < basket) return out(Reason.DECISION_REASON_INSUFFICIENT_FUNDS);
    }
    const after = balance - basket;
    const threshold = p.account.lowBalanceThresholdKop;
    const o = out(Reason.DECISION_REASON_OK, { amountKop: basket, balanceAfterKop: after, overdraft: after < 0,
      lowBalance: threshold !== null && balance >= threshold && after < threshold });
    this.record({ ...p, decidedAtMs: p.decidedAtMs ?? p.atMs }, o);
    return o;
  }

  /** Applies an outcome: by `decide`, and by the ledger replay at start. */
  record(p: SaleKey, o: PurchaseOutcome): void {
    if (o.reason !== Reason.DECISION_REASON_OK) return;
    this.tick(p.decidedAtMs);
    if (o.benefitId !== '') {
      this.markTaken(p.personId, p.schoolDay, o.mealPeriod as MealPeriod);
      return;
    }
    this.money.debit(o.accountId, o.amountKop, o.balanceAfterKop);
    const s = this.spent.get(o.accountId);
    if (s === undefined || s.day < p.schoolDay) this.spent.set(o.accountId, { day: p.schoolDay, kop: o.amountKop });
    else if (s.day === p.schoolDay) s.kop += o.amountKop;
    this.sales.add(p.deviceId, p.seq, o.accountId, o.amountKop, this.clockMs + this.refundWindowMs);
  }

  spentOn(accountId: string, day: number): number {
    const s = this.spent.get(accountId);
    return s !== undefined && s.day === day ? s.kop : 0;
  }

  /**
   * Reverses a paid purchase: once per refund id (a repeat gets the first result) and once per
   * purchase. `appendNo` is the ledger append the caller will write the refund into.
   */
  refund(refundId: string, deviceId: string, seq: number, nowMs: number, appendNo: number): RefundOutcome {
    const earlier = this.refunds.get(refundId)?.refund;
    if (earlier !== undefined) {
      if (earlier.deviceId === deviceId && earlier.seq === seq) return { kind: 'duplicate', refund: earlier };
      return { kind: 'refused', error: 'conflict', message: 'this refund id was used for another purchase' };
    }
    const sale = this.sales.get(deviceId, seq);
    // A sale past the window is refused even before the ledger clock has dropped it.
    if (sale === undefined || sale.amountKop === 0 || nowMs >= sale.forgetAtMs) {
      return { kind: 'refused', error: 'unknown_purchase', message: `no paid purchase of the last ${this.refundWindowMs / 86_400_000} days has this device and seq` };
    }
    if (sale.refundId !== '') return { kind: 'refused', error: 'already_refunded', message: 'the purchase was refunded already' };
    const refund: AppliedRefund = { refundId, deviceId, seq, accountId: sale.accountId, amountKop: sale.amountKop,
      balanceAfterKop: this.money.balanceKop(sale.accountId) + sale.amountKop, appliedAtMs: nowMs, appendNo };
    this.recordRefund(refund);
    return { kind: 'applied', refund };
  }

  /** Applies a refund: by `refund`, and by the ledger replay. */
  recordRefund(r: AppliedRefund): void {
    const sale = this.sales.get(r.deviceId, r.seq);
    assert(sale !== undefined && sale.refundId === '' && !this.refunds.has(r.refundId), `refund ${r.refundId} applies to an unrefunded sale`);
    this.sales.markRefunded(r.deviceId, r.seq, r.refundId);
    const after = this.money.credit(r.accountId, r.amountKop);
    assert(after === r.balanceAfterKop, `refund ${r.refundId}: the balance does not add up`);
    this.tick(r.appliedAtMs);
    const forgetAtMs = this.clockMs + this.refundWindowMs;
    this.refunds.set(r.refundId, { refund: r, forgetAtMs });
    this.refundsExpiry.push(r.refundId, forgetAtMs);
  }

  /**
   * Advances the ledger clock (it never goes back) and drops the sales and refunds whose window
   * has passed, oldest first.
   */
  private tick(atMs: number): void {
    this.clockMs = Math.max(this.clockMs, atMs);
    this.sales.expire(this.clockMs);
    this.refundsExpiry.expire(this.clockMs, (key) => this.refunds.delete(key));
  }

  private hasTaken(personId: string, day: number, period: MealPeriod): boolean {
    return this.taken.get(personId)?.has(`${day}|${period}`) ?? false;
  }

  private markTaken(personId: string, day: number, period: MealPeriod): void {
    let set = this.taken.get(personId);
    if (set === undefined) {
      set = new Set();
      this.taken.set(personId, set);
    }
    const key = `${day}|${period}`;
    assert(!set.has(key), 'a subsidised meal is recorded once per period per day');
    set.add(key);
    // Keep the days an offline sale can still name (a week); older ones can never matter again.
    for (const k of set) if (Number(k.slice(0, k.indexOf('|'))) < day - TAKEN_DAYS_KEPT) set.delete(k);
  }
}
