// Fixtures for the canteen POS integration tests: the gateway fixture's registry extended with
// POS readers, personal accounts, subsidised-meal benefits and a canteen catalogue at school A
// (in a time zone where a meal period is on now and stays on for the test), POS taps with
// baskets of catalogue products (v1.1 and v1.2 items) over a real device
// socket, top-ups and refunds over NATS request/reply, and a replay of the ledger's money events
// that checks every balance adds up.
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Test } from 'tap';
import { localDayNumber, MEAL_PERIODS, mealPeriodAt, type MealPeriod } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import { REFUND_SUBJECT, TOP_UP_SUBJECT } from '../../gateway/shard/money-service.js';
import type { Decision, DeviceClient } from '../../simulator/device-client.js';
import { makeFixture, readLedger, SCHOOL_A, within, WAIT_MS, type Fixture, type TestDevice, type TestPerson } from './gateway-fixtures.js';

export const MealKind = tapgate.device.v1.MealKind;
export const BUFFET = MealKind.MEAL_KIND_BUFFET;
export const HOT_MEAL = MealKind.MEAL_KIND_HOT_MEAL;
export const SUBSIDISED = MealKind.MEAL_KIND_SUBSIDISED_MEAL;
export const { TopUpRequest, TopUpReply, TopUpStatus, RefundRequest, RefundReply, RefundStatus, RefundError } = tapgate.money.v1;
export type Item = tapgate.device.v1.IItem;

/** How long the meal period picked for the tests must stay the same, in ms. */
const PERIOD_MARGIN_MS = 30 * 60_000;

/**
 * A time zone for the POS school in which a meal period is on now and for the next half hour:
 * Moscow if that holds there, else the whole-hour Etc/GMT zone where it is now 12:xx (lunch).
 */
export function mealZone(nowMs = Date.now()): { timeZone: string; period: MealPeriod } {
  const moscow = mealPeriodAt('Europe/Moscow', nowMs);
  if (moscow !== null && mealPeriodAt('Europe/Moscow', nowMs + PERIOD_MARGIN_MS) === moscow) return { timeZone: 'Europe/Moscow', period: moscow };
  const offsetHours = 12 - new Date(nowMs).getUTCHours();
  // Etc/GMT zones count the other way: Etc/GMT-3 is UTC+3.
  const timeZone = offsetHours === 0 ? 'Etc/GMT' : `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
  const period = mealPeriodAt(timeZone, nowMs);
  if (period !== 'lunch' || mealPeriodAt(timeZone, nowMs + PERIOD_MARGIN_MS) !== 'lunch') throw new Error(`${timeZone} is not at lunch now`);
  return { timeZone, period };
}

export interface AccountSpec { readonly pupil: number; readonly dailyLimitKop?: number; readonly bannedCategories?: readonly string[] }
/** A benefit for the meal period on now ('now', the default) or only for the others; valid from/to days relative to today. */
export interface BenefitSpec { readonly pupil: number; readonly period?: 'now' | 'other'; readonly fromDays?: number; readonly toDays?: number }
export interface TestAccount { readonly id: string; readonly number: string; readonly person: TestPerson }

/** A school A product: its category and price; `active: false` takes it off sale. */
export interface ProductSpec { readonly category: string; readonly priceKop: number; readonly active?: boolean }

export interface PosFixture {
  readonly fx: Fixture;
  /** School A's catalogue, by product id. */
  readonly products: Readonly<Record<string, ProductSpec>>;
  /** A v1.1 item of a catalogue product: category and price as the catalogue has them. */
  buy(productId: string, quantity?: number): Item;
  /** A v1.2 item: product id and quantity only. */
  ref(productId: string, quantity?: number): Item;
  readonly doc: Record<string, unknown[]>;
  readonly pos: readonly TestDevice[];
  readonly timeZone: string;
  readonly period: MealPeriod;
  /** Accounts in the order of `accounts`. */
  readonly accounts: readonly TestAccount[];
}

const isoDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * The gateway fixture plus `posCount` POS readers at school A, accounts, benefits (pupil indexes
 * into fx.pupils) and school A's catalogue of `products` (ids are global in the registry).
 */
export function makePosFixture(opts: { pupils: number; posCount: number; accounts: readonly AccountSpec[]; benefits: readonly BenefitSpec[]; accountBase: number;
  products: Readonly<Record<string, ProductSpec>> }): PosFixture {
  const fx = makeFixture({ pupils: opts.pupils, staff: 2, turnstiles: 2 });
  const { timeZone, period } = mealZone();
  const today = localDayNumber(timeZone, Date.now());
  const pos = Array.from({ length: opts.posCount }, (_, i) => {
    const secret = randomBytes(32);
    return { id: `a-pos-${i + 1}`, schoolId: SCHOOL_A, secret };
  });
  const accounts = opts.accounts.map((a, i) => ({ id: `acc-${i + 1}`, number: String(opts.accountBase + i), person: fx.pupils[a.pupil]! }));
  const doc: Record<string, unknown[]> = {
    ...fx.doc,
    schools: fx.doc['schools']!.map((s) => ((s as { id: string }).id === SCHOOL_A ? { ...(s as object), timeZone } : s)),
    devices: [...fx.doc['devices']!, ...pos.map((d) => ({ id: d.id, schoolId: d.schoolId, kind: 'pos', secretHex: d.secret.toString('hex'), enabled: true }))],
    accounts: opts.accounts.map((a, i) => ({ id: accounts[i]!.id, number: accounts[i]!.number, personId: accounts[i]!.person.id,
      ...(a.dailyLimitKop === undefined ? {} : { dailyLimitKop: a.dailyLimitKop }), bannedCategories: [...(a.bannedCategories ?? [])] })),
    benefits: opts.benefits.map((b, i) => ({ id: `ben-${i + 1}`, personId: fx.pupils[b.pupil]!.id,
      mealPeriods: b.period === 'other' ? MEAL_PERIODS.filter((m) => m !== period) : [period],
      validFrom: isoDate(today + (b.fromDays ?? -30)), validTo: isoDate(today + (b.toDays ?? 30)) })),
    categories: [...new Set(Object.values(opts.products).map((p) => p.category))]
      .map((code) => ({ id: `${SCHOOL_A}.${code}`, schoolId: SCHOOL_A, code, name: code })),
    products: Object.entries(opts.products).map(([id, p]) => ({ id, schoolId: SCHOOL_A, name: id, category: p.category, priceKop: p.priceKop,
      active: p.active !== false })),
  };
  const products = opts.products;
  const spec = (id: string): ProductSpec => {
    const p = products[id];
    if (p === undefined) throw new Error(`product ${id} is not in the test catalogue`);
    return p;
  };
  const buy = (id: string, quantity = 1): Item => ({ productId: id, category: spec(id).category, priceKop: spec(id).priceKop, quantity });
  const ref = (id: string, quantity = 1): Item => ({ productId: id, quantity });
  return { fx, doc, pos, timeZone, period, accounts, products, buy, ref };
}

/** An item with every field given, as a v1.1 device sends it (for invalid or untruthful items). */
export const item = (productId: string, category: string, priceKop: number, quantity = 1): Item => ({ productId, category, priceKop, quantity });

export interface PosTap {
  readonly seq: number;
  readonly uid: Uint8Array;
  readonly items: readonly Item[];
  /** BUFFET unless given; null leaves meal_kind unset. */
  readonly mealKind?: number | null;
  readonly offline?: boolean;
  readonly deviceTimeMs?: number;
}

export function posFrame(taps: readonly PosTap[]): tapgate.device.v1.IDeviceFrame {
  return { taps: { taps: taps.map((x) => ({ seq: x.seq, cardUid: x.uid, deviceTimeMs: x.deviceTimeMs ?? Date.now(),
    ...(x.mealKind === null ? {} : { mealKind: x.mealKind ?? BUFFET }), items: [...x.items], offline: x.offline === true })) } };
}

/** Sends POS taps in one frame and resolves with their decisions in the order given (bounded). */
export function posTap(c: DeviceClient, taps: readonly PosTap[]): Promise<Decision[]> {
  const waits = taps.map((x) => c.waitDecision(x.seq));
  c.sendFrame(posFrame(taps));
  return within(Promise.all(waits), WAIT_MS, `POS decisions for seqs ${taps.map((x) => x.seq).join(',')}`);
}

/** The fields of a POS decision the tests compare. */
export function money(d: Decision): { seq: number; verdict: number; reason: number; amountKop: number; balanceAfterKop: number; subsidised: boolean; replayed: boolean } {
  return { seq: Number(d.seq), verdict: d.verdict ?? 0, reason: d.reason ?? 0, amountKop: Number(d.amountKop ?? 0),
    balanceAfterKop: Number(d.balanceAfterKop ?? 0), subsidised: d.subsidised === true, replayed: d.replayed === true };
}

export async function topUp(nc: NatsConnection, req: tapgate.money.v1.ITopUpRequest): Promise<tapgate.money.v1.TopUpReply> {
  const msg = await nc.request(TOP_UP_SUBJECT, TopUpRequest.encode(req).finish(), { timeout: WAIT_MS });
  return TopUpReply.decode(msg.data);
}

/** Tops an account up and returns the balance after (throws unless applied). */
export async function fund(nc: NatsConnection, account: TestAccount, amountKop: number, paymentId: string): Promise<number> {
  const r = await topUp(nc, { channel: 'sber', paymentId, accountNumber: account.number, amountKop });
  if (r.status !== TopUpStatus.TOP_UP_STATUS_APPLIED) throw new Error(`top-up ${paymentId} not applied: ${r.status} ${r.error} ${r.message}`);
  return Number(r.balanceAfterKop);
}

export async function refund(nc: NatsConnection, req: tapgate.money.v1.IRefundRequest | Uint8Array): Promise<tapgate.money.v1.RefundReply> {
  const data = req instanceof Uint8Array ? req : RefundRequest.encode(req).finish();
  const msg = await nc.request(REFUND_SUBJECT, data, { timeout: WAIT_MS });
  return RefundReply.decode(msg.data);
}

export interface MoneyReplay {
  readonly topUpsKop: number;
  readonly refundsKop: number;
  readonly debitsKop: number;
  /** Each account's balance after its last money event, as the gateway wrote it. */
  readonly balances: ReadonlyMap<string, number>;
  /** How many PurchaseEvents each `${deviceId}#${seq}` has. */
  readonly purchaseCounts: ReadonlyMap<string, number>;
  readonly purchases: readonly tapgate.events.v1.IPurchaseEvent[];
  /** Every event whose balance does not follow from the one before, or that breaks a money rule. */
  readonly problems: readonly string[];
}

/** Replays the ledger's money events in order, recomputing every balance from the amounts. */
export async function replayMoney(nc: NatsConnection): Promise<MoneyReplay> {
  const running = new Map<string, number>();
  const written = new Map<string, number>();
  const purchaseCounts = new Map<string, number>();
  const purchases: tapgate.events.v1.IPurchaseEvent[] = [];
  const problems: string[] = [];
  let topUpsKop = 0;
  let refundsKop = 0;
  let debitsKop = 0;
  const step = (what: string, accountId: string, delta: number, after: number) => {
    const expected = (running.get(accountId) ?? 0) + delta;
    if (expected !== after) problems.push(`${what}: balance after ${after}, expected ${expected}`);
    running.set(accountId, expected);
    written.set(accountId, after);
  };
  for (const m of await readLedger(nc)) {
    for (const e of m.batch.money) {
      if (e.topUp != null) {
        topUpsKop += Number(e.topUp.amountKop);
        step(`top-up ${e.topUp.paymentId}`, e.topUp.accountId ?? '', Number(e.topUp.amountKop), Number(e.topUp.balanceAfterKop));
      } else if (e.refund != null) {
        refundsKop += Number(e.refund.amountKop);
        step(`refund ${e.refund.refundId}`, e.refund.accountId ?? '', Number(e.refund.amountKop), Number(e.refund.balanceAfterKop));
      } else if (e.purchase != null) {
        const p = e.purchase;
        const key = `${p.deviceId}#${Number(p.seq)}`;
        purchases.push(p);
        purchaseCounts.set(key, (purchaseCounts.get(key) ?? 0) + 1);
        const amount = Number(p.amountKop);
        const paid = p.verdict === tapgate.device.v1.Verdict.VERDICT_ALLOW && !p.benefitId;
        if (!paid && amount !== 0) problems.push(`purchase ${key}: debited ${amount} without being a paid sale`);
        if (paid && amount !== Number(p.basketKop)) problems.push(`purchase ${key}: debited ${amount} for a basket of ${Number(p.basketKop)}`);
        if ((p.overdraft === true) !== (paid && Number(p.balanceAfterKop) < 0)) problems.push(`purchase ${key}: overdraft flag ${p.overdraft} for balance ${Number(p.balanceAfterKop)}`);
        if (p.overdraft && !p.offline) problems.push(`purchase ${key}: an online sale overdrew the account`);
        debitsKop += amount;
        if (p.accountId) step(`purchase ${key}`, p.accountId, -amount, Number(p.balanceAfterKop));
      }
    }
  }
  return { topUpsKop, refundsKop, debitsKop, balances: written, purchaseCounts, purchases, problems };
}

/**
 * The end-of-file check: every ledger balance follows from the one before, top-ups + refunds -
 * debits equals the sum of balances, each account ends where the test's last reply said, and the
 * ledger holds exactly one event per POS tap the readers heard about.
 */
export async function assertConserved(t: Test, nc: NatsConnection, expectedBalances: ReadonlyMap<string, number>, heard: ReadonlySet<string>): Promise<void> {
  const m = await replayMoney(nc);
  t.same(m.problems, [], 'every balance in the ledger follows from the one before');
  const sum = [...m.balances.values()].reduce((s, b) => s + b, 0);
  t.equal(m.topUpsKop + m.refundsKop - m.debitsKop, sum, `${m.topUpsKop} + ${m.refundsKop} - ${m.debitsKop} = ${sum}`);
  t.same(Object.fromEntries(m.balances), Object.fromEntries(expectedBalances), 'each account ends at the balance its last reply said');
  t.same([...m.purchaseCounts].filter(([, n]) => n !== 1), [], 'no tap has two ledger events');
  t.same([...m.purchaseCounts.keys()].sort(), [...heard].sort(), 'the ledger holds exactly the taps the readers heard about');
}
