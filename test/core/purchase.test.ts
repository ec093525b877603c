// The canteen rules on their own: every decline reason at its boundary, day rollover in the
// school's time zone, subsidised meals per period, offline overdrafts, refunds, and replay;
// baskets priced from the school's catalogue whatever the device claims.
import t from 'tap';
import {
  localDayNumber, mealPeriodAt, MealKind, MoneyState, priceBasket, PurchaseState, Reason, type Account, type Benefit,
  type CatalogueProduct, type PurchaseInput,
} from '../../core/index.js';

const TZ = 'Europe/Moscow';
// 2026-11-23 12:00 Moscow (09:00 UTC): lunch.
const NOON = Date.UTC(2026, 10, 23, 9, 0, 0);
const DAY = localDayNumber(TZ, NOON);
const account = (extra: Partial<Account> = {}): Account => ({ id: 'acc', number: '12345678', personId: 'p1', dailyLimitKop: null, bannedCategories: [], lowBalanceThresholdKop: null, ...extra });
const lunchBenefit: Benefit = { id: 'b1', personId: 'p1', mealPeriods: ['lunch'], validFromDay: DAY - 10, validToDay: DAY + 10 };
const bun = (priceKop: number, quantity = 1, category = 'bakery') => ({ productId: 'bun', category, priceKop, quantity });

function setup(balanceKop: number) {
  const money = new MoneyState();
  if (balanceKop > 0) money.topUp({ channel: 'bank', paymentId: 'seed', accountId: 'acc', amountKop: balanceKop }, NOON, 0);
  return { money, state: new PurchaseState(money) };
}

let seq = 0;
function input(extra: Partial<PurchaseInput> = {}): PurchaseInput {
  return { deviceId: 'pos1', seq: ++seq, personId: 'p1', account: account(), benefits: [], mealKind: MealKind.MEAL_KIND_BUFFET,
    items: [bun(5_000)], unknownItem: -1, offline: false, timeZone: TZ, schoolDay: DAY, atMs: NOON, present: true, ...extra };
}

t.test('purchase - balance: exact balance passes, one kopeck short is declined', async (t) => {
  const { state, money } = setup(5_000);
  t.match(state.decide(input({ items: [bun(5_001)] })), { reason: Reason.DECISION_REASON_INSUFFICIENT_FUNDS, amountKop: 0, balanceAfterKop: 5_000 });
  t.match(state.decide(input({ items: [bun(2_500, 2)] })), { reason: Reason.DECISION_REASON_OK, amountKop: 5_000, balanceAfterKop: 0, overdraft: false });
  t.equal(money.balanceKop('acc'), 0);
  t.match(state.decide(input({ items: [bun(1)] })), { reason: Reason.DECISION_REASON_INSUFFICIENT_FUNDS });
});

t.test('purchase - daily limit: reached exactly passes, one kopeck over is declined, a new local day resets it', async (t) => {
  const { state } = setup(100_000);
  const limited = account({ dailyLimitKop: 10_000 });
  t.match(state.decide(input({ account: limited, items: [bun(6_000)] })), { reason: Reason.DECISION_REASON_OK });
  t.match(state.decide(input({ account: limited, items: [bun(4_001)] })), { reason: Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED, amountKop: 0 });
  t.match(state.decide(input({ account: limited, items: [bun(4_000)] })), { reason: Reason.DECISION_REASON_OK, balanceAfterKop: 90_000 });
  t.equal(state.spentOn('acc', DAY), 10_000);
  // 23:59:59.999 and 00:00 local the next day (Moscow is UTC+3).
  const lastMs = Date.UTC(2026, 10, 23, 20, 59, 59, 999);
  const nextMs = lastMs + 1;
  t.equal(localDayNumber(TZ, lastMs), DAY);
  t.equal(localDayNumber(TZ, nextMs), DAY + 1);
  t.match(state.decide(input({ account: limited, items: [bun(1)], atMs: lastMs, schoolDay: localDayNumber(TZ, lastMs) })), { reason: Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED });
  t.match(state.decide(input({ account: limited, items: [bun(10_000)], atMs: nextMs, schoolDay: localDayNumber(TZ, nextMs) })), { reason: Reason.DECISION_REASON_OK });
  t.match(state.decide(input({ account: account({ dailyLimitKop: 0 }), items: [bun(1)], schoolDay: DAY + 2 })), { reason: Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED }, 'a limit of 0 forbids spending');
});

t.test('purchase - a banned category anywhere in the basket declines all of it', async (t) => {
  const { state, money } = setup(50_000);
  const strict = account({ bannedCategories: ['sweets', 'soda'] });
  t.match(state.decide(input({ account: strict, items: [bun(3_000), bun(1_500, 1, 'soda'), bun(2_000)] })), { reason: Reason.DECISION_REASON_BANNED_CATEGORY, amountKop: 0 });
  t.equal(money.balanceKop('acc'), 50_000);
  t.match(state.decide(input({ account: strict, items: [bun(3_000), bun(2_000, 1, 'fruit')] })), { reason: Reason.DECISION_REASON_OK, amountKop: 5_000 });
});

t.test('purchase - low balance: flagged once, on the debit that crosses the threshold', async (t) => {
  const { state } = setup(10_000);
  const watched = account({ lowBalanceThresholdKop: 3_000 });
  t.match(state.decide(input({ account: watched, items: [bun(7_000)] })), { balanceAfterKop: 3_000, lowBalance: false }, 'at the threshold is not below it');
  t.match(state.decide(input({ account: watched, items: [bun(1)] })), { balanceAfterKop: 2_999, lowBalance: true });
  t.match(state.decide(input({ account: watched, items: [bun(1)] })), { balanceAfterKop: 2_998, lowBalance: false }, 'already below');
});

t.test('purchase - no account', async (t) => {
  const { state } = setup(0);
  t.match(state.decide(input({ account: undefined })), { reason: Reason.DECISION_REASON_NO_ACCOUNT, accountId: '' });
});

t.test('purchase - subsidised meals: benefit, period, once a day, presence; the account is not touched', async (t) => {
  t.equal(mealPeriodAt(TZ, NOON), 'lunch');
  t.equal(mealPeriodAt(TZ, Date.UTC(2026, 10, 23, 4, 0)), 'breakfast', '07:00 local');
  t.equal(mealPeriodAt(TZ, Date.UTC(2026, 10, 23, 3, 59, 59)), null, '06:59:59 local');
  t.equal(mealPeriodAt(TZ, Date.UTC(2026, 10, 23, 16, 0)), null, '19:00 local');
  const { state, money } = setup(1_000);
  const meal = (extra: Partial<PurchaseInput> = {}) => input({ mealKind: MealKind.MEAL_KIND_SUBSIDISED_MEAL, benefits: [lunchBenefit], items: [bun(12_000)], ...extra });
  t.match(state.decide(meal({ benefits: [] })), { reason: Reason.DECISION_REASON_NO_BENEFIT });
  t.match(state.decide(meal({ benefits: [{ ...lunchBenefit, mealPeriods: ['breakfast'] }] })), { reason: Reason.DECISION_REASON_NO_BENEFIT }, 'benefit for another period');
  t.match(state.decide(meal({ benefits: [{ ...lunchBenefit, validToDay: DAY - 1 }] })), { reason: Reason.DECISION_REASON_NO_BENEFIT }, 'benefit ended yesterday');
  t.match(state.decide(meal({ present: false })), { reason: Reason.DECISION_REASON_NOT_PRESENT_TODAY });
  t.match(state.decide(meal()), { reason: Reason.DECISION_REASON_OK, amountKop: 0, benefitId: 'b1', mealPeriod: 'lunch', balanceAfterKop: 1_000 });
  t.match(state.decide(meal()), { reason: Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN });
  t.match(state.decide(meal({ schoolDay: DAY + 1, atMs: NOON + 86_400_000 })), { reason: Reason.DECISION_REASON_OK }, 'the next day again');
  t.equal(money.balanceKop('acc'), 1_000);
});

t.test('purchase - a late offline meal of an earlier day does not erase today\'s', async (t) => {
  const { state } = setup(0);
  const meal = (extra: Partial<PurchaseInput> = {}) => input({ mealKind: MealKind.MEAL_KIND_SUBSIDISED_MEAL, benefits: [lunchBenefit], items: [bun(12_000)], ...extra });
  t.match(state.decide(meal()), { reason: Reason.DECISION_REASON_OK });
  t.match(state.decide(meal({ offline: true, schoolDay: DAY - 1, atMs: NOON - 86_400_000 })), { reason: Reason.DECISION_REASON_OK }, "yesterday's, sent late");
  t.match(state.decide(meal()), { reason: Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN }, 'today is still taken');
});

t.test('purchase - offline sales are recorded into a negative balance and flagged', async (t) => {
  const { state, money } = setup(1_000);
  const limited = account({ dailyLimitKop: 100, bannedCategories: ['sweets'] });
  t.match(state.decide(input({ account: limited, offline: true, items: [bun(3_000, 1, 'sweets')] })),
    { reason: Reason.DECISION_REASON_OK, amountKop: 3_000, balanceAfterKop: -2_000, overdraft: true });
  t.equal(money.balanceKop('acc'), -2_000);
  t.match(state.decide(input({ items: [bun(1)] })), { reason: Reason.DECISION_REASON_INSUFFICIENT_FUNDS }, 'online taps never overdraw');
});

t.test('purchase - refunds once per refund id and once per purchase; replay rebuilds the same state', async (t) => {
  const { state, money } = setup(20_000);
  const sale = input({ items: [bun(7_000)] });
  state.decide(sale);
  const declined = input({ items: [bun(99_000)] });
  state.decide(declined);
  t.match(state.refund('r1', 'pos1', sale.seq, NOON, 3), { kind: 'applied', refund: { amountKop: 7_000, balanceAfterKop: 20_000, appendNo: 3 } });
  t.match(state.refund('r1', 'pos1', sale.seq, NOON + 5, 9), { kind: 'duplicate', refund: { appliedAtMs: NOON, appendNo: 3 } });
  t.match(state.refund('r2', 'pos1', sale.seq, NOON, 4), { kind: 'refused', error: 'already_refunded' });
  t.match(state.refund('r1', 'pos1', declined.seq, NOON, 4), { kind: 'refused', error: 'conflict' });
  t.match(state.refund('r3', 'pos1', declined.seq, NOON, 4), { kind: 'refused', error: 'unknown_purchase' });
  t.equal(money.balanceKop('acc'), 20_000);

  // Replay: the same outcomes, recorded in order, give the same balance and memory.
  const money2 = new MoneyState();
  money2.record({ channel: 'bank', paymentId: 'seed', accountId: 'acc', amountKop: 20_000, balanceAfterKop: 20_000, appliedAtMs: NOON, appendNo: 0 });
  const state2 = new PurchaseState(money2);
  state2.record({ ...sale, decidedAtMs: NOON }, { reason: Reason.DECISION_REASON_OK, accountId: 'acc', basketKop: 7_000, amountKop: 7_000, balanceAfterKop: 13_000, benefitId: '', mealPeriod: '', overdraft: false, lowBalance: false });
  state2.recordRefund({ refundId: 'r1', deviceId: 'pos1', seq: sale.seq, accountId: 'acc', amountKop: 7_000, balanceAfterKop: 20_000, appliedAtMs: NOON, appendNo: 0 });
  t.equal(money2.balanceKop('acc'), 20_000);
  t.match(state2.refund('r2', 'pos1', sale.seq, NOON, 1), { kind: 'refused', error: 'already_refunded' });
  t.throws(() => state2.record({ ...input(), decidedAtMs: NOON }, { reason: Reason.DECISION_REASON_OK, accountId: 'acc', basketKop: 1, amountKop: 1, balanceAfterKop: 5, benefitId: '', mealPeriod: '', overdraft: false, lowBalance: false }),
    /does not add up/, 'a stored balance that does not add up stops the replay');
});

// School s1's catalogue: a chocolate bar (sweets), tea, a withdrawn pie, and s2's bun.
const CATALOGUE = new Map<string, CatalogueProduct>([
  ['choc', { schoolId: 's1', category: 'sweets', priceKop: 12_000, active: true }],
  ['tea', { schoolId: 's1', category: 'drinks', priceKop: 1_500, active: true }],
  ['pie', { schoolId: 's1', category: 'bakery', priceKop: 4_000, active: false }],
  ['s2-bun', { schoolId: 's2', category: 'bakery', priceKop: 3_000, active: true }],
]);
const price = (items: PurchaseInput['items'], offline = false) => priceBasket(items, 's1', offline, (id) => CATALOGUE.get(id));
const line = (productId: string, category: string, priceKop: number, quantity = 1) => ({ productId, category, priceKop, quantity });

t.test('purchase - the catalogue prices and categorises every item, whatever the device says', async (t) => {
  t.same(price([line('choc', '', 0, 2), line('tea', '', 0)]), { items: [line('choc', 'sweets', 12_000, 2), line('tea', 'drinks', 1_500)], unknownItem: -1, repriced: 0 },
    'v1.2: product ids and quantities only');
  t.same(price([line('choc', 'sweets', 12_000), line('tea', 'drinks', 1_500)]), { items: [line('choc', 'sweets', 12_000), line('tea', 'drinks', 1_500)], unknownItem: -1, repriced: 0 },
    'v1.1 with the catalogue\'s own values');
  t.same(price([line('choc', 'drinks', 12_000), line('choc', 'sweets', 100), line('tea', 'drinks', 1_500)]),
    { items: [line('choc', 'sweets', 12_000), line('choc', 'sweets', 12_000), line('tea', 'drinks', 1_500)], unknownItem: -1, repriced: 2 },
    'v1.1 sweets declared as drinks, and at 1 rouble: the catalogue wins, both counted');
  const cases: Array<[string, PurchaseInput['items'], boolean, number]> = [
    ['an invented product', [line('tea', '', 0), line('magic', 'drinks', 100)], false, 1],
    ['a product of another school', [line('s2-bun', '', 0)], false, 0],
    ['a withdrawn product, online', [line('pie', 'bakery', 4_000)], false, 0],
  ];
  for (const [name, items, offline, unknownItem] of cases) t.equal(price(items, offline).unknownItem, unknownItem, name);
  t.same(price([line('pie', '', 0)], true), { items: [line('pie', 'bakery', 4_000)], unknownItem: -1, repriced: 0 },
    'a withdrawn product sold offline is priced from its record: the sale may predate the withdrawal');
  t.same(price([line('magic', 'drinks', 100)]).items, [line('magic', 'drinks', 100)], 'an item outside the catalogue is kept as sent (recorded, declined)');
});

t.test('purchase - a sweets ban holds against sweets declared as drinks; the price is the catalogue\'s', async (t) => {
  const { state, money } = setup(50_000);
  const strict = account({ bannedCategories: ['sweets'] });
  const disguised = price([line('choc', 'drinks', 100)]);
  t.match(state.decide(input({ account: strict, items: disguised.items, unknownItem: disguised.unknownItem })),
    { reason: Reason.DECISION_REASON_BANNED_CATEGORY, amountKop: 0, basketKop: 12_000 });
  const cheap = price([line('choc', 'sweets', 100)]);
  t.match(state.decide(input({ items: cheap.items, unknownItem: cheap.unknownItem })),
    { reason: Reason.DECISION_REASON_OK, amountKop: 12_000, balanceAfterKop: 38_000 }, 'a 120-rouble bar declared at 1 rouble costs 120');
  t.equal(money.balanceKop('acc'), 38_000);
});

t.test('purchase - a basket with a product outside the catalogue is declined whole, online and offline', async (t) => {
  const { state, money } = setup(50_000);
  const invented = price([line('tea', '', 0), line('magic', 'magic', 100)]);
  t.match(state.decide(input({ items: invented.items, unknownItem: invented.unknownItem })),
    { reason: Reason.DECISION_REASON_UNKNOWN_PRODUCT, accountId: 'acc', amountKop: 0, balanceAfterKop: 50_000 });
  t.match(state.decide(input({ items: invented.items, unknownItem: invented.unknownItem, offline: true })),
    { reason: Reason.DECISION_REASON_UNKNOWN_PRODUCT, amountKop: 0 }, 'offline too');
  t.match(state.decide(input({ mealKind: MealKind.MEAL_KIND_SUBSIDISED_MEAL, benefits: [lunchBenefit], items: invented.items, unknownItem: 1 })),
    { reason: Reason.DECISION_REASON_UNKNOWN_PRODUCT }, 'a subsidised meal too');
  t.match(state.decide(input({ account: undefined, items: invented.items, unknownItem: 1 })),
    { reason: Reason.DECISION_REASON_UNKNOWN_PRODUCT }, 'checked before the account');
  t.equal(money.balanceKop('acc'), 50_000);
});

t.test('purchase - sales and refunds are kept for the refund window of ledger time, then forgotten; replay agrees', async (t) => {
  const DAY_MS = 86_400_000;
  const seed = { channel: 'bank', paymentId: 'seed', accountId: 'acc', amountKop: 1_000_000, balanceAfterKop: 1_000_000, appliedAtMs: NOON, appendNo: 0 };
  const money = new MoneyState();
  money.record(seed);
  const state = new PurchaseState(money, 30 * DAY_MS);
  // The ledger, in order: sales and refunds as the live state applied them.
  type Refund = Parameters<PurchaseState['recordRefund']>[0];
  const ledger: Array<{ sale: PurchaseInput & { decidedAtMs: number }; o: ReturnType<PurchaseState['decide']> } | { refund: Refund }> = [];
  // 200 days of 40 sales a day; the first sale of each day is refunded an hour later.
  let last: PurchaseInput & { decidedAtMs: number } = { ...input(), decidedAtMs: NOON };
  for (let d = 0; d < 200; d++) {
    const at = NOON + d * DAY_MS;
    for (let k = 0; k < 40; k++) {
      last = { ...input({ atMs: at + k * 60_000, schoolDay: DAY + d, items: [bun(100)] }), decidedAtMs: at + k * 60_000 };
      const o = state.decide(last);
      if (o.reason !== Reason.DECISION_REASON_OK) t.fail(`sale ${d}/${k} declined`);
      ledger.push({ sale: { ...last, decidedAtMs: at + k * 60_000 }, o });
      if (k === 0) {
        const r = state.refund(`r${d}`, 'pos1', last.seq, at + 30_000, 1);
        if (r.kind === 'applied') ledger.push({ refund: r.refund });
        else t.fail(`refund ${d} not applied`);
      }
    }
  }
  t.ok(state.saleCount <= 31 * 40, `about a refund window of sales in memory (${state.saleCount}), not 8,000`);
  t.ok(state.refundCount <= 31, `about a refund window of refunds (${state.refundCount}), not 200`);
  const first = ledger[0]!;
  const late = NOON + 200 * DAY_MS;
  t.match(state.refund('late-1', 'pos1', 'sale' in first ? first.sale.seq : 0, late, 1), { kind: 'refused', error: 'unknown_purchase' }, 'past the window');
  t.match(state.refund('r199', 'pos1', last.seq - 39, late, 1), { kind: 'duplicate' }, 'a recent refund is still known');
  // The last sale is refundable until 30 days after it on the ledger clock, even before a later sale drops it.
  const forgetAtMs = state.keptSale('pos1', last.seq)!.forgetAtMs;
  t.equal(forgetAtMs, last.decidedAtMs + 30 * DAY_MS);
  t.match(state.refund('late-2', 'pos1', last.seq, forgetAtMs, 1), { kind: 'refused', error: 'unknown_purchase' });
  const ok = state.refund('ok-1', 'pos1', last.seq, forgetAtMs - 1, 1);
  t.match(ok, { kind: 'applied' });
  if (ok.kind === 'applied') ledger.push({ refund: ok.refund });
  // Replaying the ledger in order rebuilds the same state.
  const money2 = new MoneyState();
  money2.record(seed);
  const replayed = new PurchaseState(money2, 30 * DAY_MS);
  for (const e of ledger) {
    if ('refund' in e) replayed.recordRefund({ ...e.refund, appendNo: 0 });
    else replayed.record(e.sale, e.o);
  }
  const plainCut = (s: PurchaseState) => JSON.parse(JSON.stringify(s.toSnapshot(), (k, v: unknown) => (k === 'appendNo' ? 0 : v))) as unknown;
  t.strictSame(plainCut(replayed), plainCut(state));
  t.equal(money2.balanceKop('acc'), money.balanceKop('acc'));
});
