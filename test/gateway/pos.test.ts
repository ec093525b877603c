// Integration: the canteen POS against a real gateway and nats-server. Accounts topped up over
// NATS are spent by buffet and hot-meal taps with exact balances, daily limits and banned
// categories; subsidised meals need a valid benefit for the meal period and an entry today, once
// per period; two readers debiting one account at once never overdraw it; absurd baskets are
// refused whole. Every basket names products of school A's catalogue (pos-catalogue.test.ts
// checks what happens when a device claims otherwise). At the end, the ledger's money adds up: top-ups + refunds - debits = balances.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import type { Decision } from '../../simulator/device-client.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { connect, ENTRY, ErrorCode, EXIT, markRead, nextError, Reason, Seqs, tap, Verdict, type TestDevice } from '../helpers/gateway-fixtures.js';
import {
  assertConserved, BUFFET, fund, HOT_MEAL, item, makePosFixture, money, posFrame, posTap, replayMoney, SUBSIDISED, type Item, type PosTap, type TestAccount,
} from '../helpers/pos-fixtures.js';

const ENV = { TAPGATE_GATEWAY_ID: 'gw-pos', TAPGATE_REPEAT_WINDOW_MS: '0' };
const P = makePosFixture({
  pupils: 13, posCount: 3, accountBase: 40_817_100,
  accounts: [{ pupil: 0 }, { pupil: 1, dailyLimitKop: 5_000 }, { pupil: 2, bannedCategories: ['sweets', 'soda'] }, { pupil: 4 }, { pupil: 10 }, { pupil: 11 }],
  benefits: [{ pupil: 4 }, { pupil: 5 }, { pupil: 6 }, { pupil: 8, period: 'other' }, { pupil: 9, fromDays: -30, toDays: -1 }, { pupil: 12, fromDays: 1, toDays: 30 }],
  products: {
    bun: { category: 'bakery', priceKop: 3_500 }, pie: { category: 'bakery', priceKop: 1_500 }, 'big-pie': { category: 'bakery', priceKop: 5_001 },
    tea: { category: 'drinks', priceKop: 3_000 }, compote: { category: 'drinks', priceKop: 500 }, juice: { category: 'drinks', priceKop: 1_500 },
    water: { category: 'drinks', priceKop: 100 }, napkin: { category: 'other', priceKop: 1 }, soup: { category: 'hot', priceKop: 2_000 },
    'lunch-set': { category: 'hot', priceKop: 9_500 }, choc: { category: 'sweets', priceKop: 1_000 }, cola: { category: 'soda', priceKop: 20_000 },
    snack: { category: 'bakery', priceKop: 1_234 }, crisps: { category: 'bakery', priceKop: 777 }, max: { category: 'bakery', priceKop: 1_000_000 },
  },
});
const { buy } = P;
t.comment(`school A runs in ${P.timeZone}, meal period now: ${P.period}`);
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(P.doc);
const gw: GatewayProcess = await startGateway(stack, ENV);
t.teardown(() => gw.stop('SIGKILL'));

const pupils = P.fx.pupils;
const [plainAcc, limitedAcc, banningAcc, mealAcc, sharedAcc, absurdAcc] = P.accounts as [TestAccount, TestAccount, TestAccount, TestAccount, TestAccount, TestAccount];
const [pos1, pos2, pos3] = P.pos as [TestDevice, TestDevice, TestDevice];
const seqs = new Seqs();
/** The balance each account must have now, from the replies the tests heard last. */
const expectedBalances = new Map<string, number>();
/** Every POS decision heard first time, `${device}#${seq}`. */
const heard = new Set<string>();
const OK = Reason.DECISION_REASON_OK;

function remember(d: TestDevice, ds: readonly Decision[]): void {
  for (const x of ds) if (x.replayed !== true) heard.add(`${d.id}#${Number(x.seq)}`);
}

/** The money fields a decision must carry: ALLOW exactly when the reason is OK. */
const expect = (seq: number, reason: number, amountKop: number, balanceAfterKop: number, subsidised = false) =>
  ({ seq, verdict: reason === OK ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY, reason, amountKop, balanceAfterKop, subsidised, replayed: false });

const basket = (items: readonly Item[]) => items.reduce((s, i) => s + Number(i.priceKop) * (i.quantity ?? 0), 0);

t.test('pos - buffet: exact balance, one kopeck short, daily limit, banned category, no account, unknown card', async (t) => {
  const c = await connect(gw, pos1);
  t.teardown(() => c.close());
  t.equal(await fund(stack.nc, plainAcc, 10_000, 'buf-1'), 10_000);
  t.equal(await fund(stack.nc, limitedAcc, 20_000, 'buf-2'), 20_000);
  t.equal(await fund(stack.nc, banningAcc, 10_000, 'buf-3'), 10_000);
  const unknownUid = randomBytes(7);
  // name, card, meal kind, basket, reason, debited, balance after, account (for the ledger)
  const cases: Array<[string, Uint8Array, number, Item[], number, number, number, TestAccount | null]> = [
    ['one kopeck short', plainAcc.person.uid, BUFFET, [buy('bun', 2), buy('tea'), buy('napkin')], Reason.DECISION_REASON_INSUFFICIENT_FUNDS, 0, 10_000, plainAcc],
    ['exact balance', plainAcc.person.uid, BUFFET, [buy('bun', 2), buy('tea')], OK, 10_000, 0, plainAcc],
    ['one kopeck on an empty account', plainAcc.person.uid, BUFFET, [buy('napkin')], Reason.DECISION_REASON_INSUFFICIENT_FUNDS, 0, 0, plainAcc],
    ['over the daily limit in one basket', limitedAcc.person.uid, BUFFET, [buy('big-pie')], Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED, 0, 20_000, limitedAcc],
    ['under the daily limit', limitedAcc.person.uid, BUFFET, [buy('pie', 2)], OK, 3_000, 17_000, limitedAcc],
    ['daily limit reached exactly (hot meal)', limitedAcc.person.uid, HOT_MEAL, [buy('soup')], OK, 2_000, 15_000, limitedAcc],
    ['one kopeck over the daily limit', limitedAcc.person.uid, BUFFET, [buy('napkin')], Reason.DECISION_REASON_DAILY_LIMIT_EXCEEDED, 0, 15_000, limitedAcc],
    ['banned category in a mixed basket', banningAcc.person.uid, BUFFET, [buy('bun'), buy('choc', 2)], Reason.DECISION_REASON_BANNED_CATEGORY, 0, 10_000, banningAcc],
    ['banned category before insufficient funds', banningAcc.person.uid, BUFFET, [buy('cola')], Reason.DECISION_REASON_BANNED_CATEGORY, 0, 10_000, banningAcc],
    ['allowed categories only', banningAcc.person.uid, BUFFET, [buy('bun')], OK, 3_500, 6_500, banningAcc],
    ['a person with no account', pupils[3]!.uid, BUFFET, [buy('compote')], Reason.DECISION_REASON_NO_ACCOUNT, 0, 0, null],
    ['an unknown card', unknownUid, BUFFET, [buy('compote')], Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, 0, 0, null],
  ];
  const sent = new Map<number, (typeof cases)[number]>();
  for (const row of cases) {
    const [name, uid, mealKind, items, reason, amount, after, account] = row;
    const seq = seqs.take(pos1);
    sent.set(seq, row);
    const ds = await posTap(c, [{ seq, uid, mealKind, items }]);
    remember(pos1, ds);
    t.same(money(ds[0]!), expect(seq, reason, amount, after), name);
    if (reason === OK) t.equal(ds[0]!.display?.displayName, account!.person.displayName, `${name}: the screen shows the buyer`);
    if (account !== null) expectedBalances.set(account.id, after);
  }
  const events = (await replayMoney(stack.nc)).purchases.filter((e) => e.deviceId === pos1.id);
  t.same(events.map((e) => [Number(e.seq), e.reason, e.accountId, Number(e.amountKop), Number(e.balanceAfterKop), e.items?.length, e.offline, e.overdraft]),
    [...sent].map(([seq, [, , , items, reason, amount, after, account]]) => [seq, reason, account?.id ?? '', amount, after, items.length, false, false]),
    'every POS decision is in the ledger once, in order, with its account, amount and balance');
  const banned = events.find((e) => e.reason === Reason.DECISION_REASON_BANNED_CATEGORY)!;
  t.same([Number(banned.basketKop), banned.items?.map((i) => i.category)], [5_500, ['bakery', 'sweets']], 'a declined basket is recorded whole');
});

t.test('pos - subsidised meals: benefit for the period, present today, once per period', async (t) => {
  t.same(gw.logs.filter((l) => l['msg'] === 'registry value skipped'), [], 'every registry record, benefits included, reached the gateway');
  const ts = await connect(gw, P.fx.turnstiles[0]!);
  const c = await connect(gw, pos2);
  t.teardown(() => { ts.close(); c.close(); });
  const pass = async (pupil: number, direction: number) => {
    const [d] = await tap(ts, [{ seq: seqs.take(P.fx.turnstiles[0]!), uid: pupils[pupil]!.uid, direction }]);
    t.equal(d!.reason, OK, `pupil ${pupil} passes the turnstile`);
  };
  for (const pupil of [4, 6, 7, 8, 9, 12]) await pass(pupil, ENTRY);
  await pass(6, EXIT);
  t.equal(await fund(stack.nc, mealAcc, 5_000, 'meal-1'), 5_000);
  const lunch = [buy('lunch-set')];
  const cases: Array<[string, number, number, Item[], number, number, number, boolean]> = [
    ['entered, benefit for this period', 4, SUBSIDISED, lunch, OK, 0, 5_000, true],
    ['the same meal again', 4, SUBSIDISED, lunch, Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN, 0, 5_000, false],
    ['a paid buffet purchase after it', 4, BUFFET, [buy('juice')], OK, 1_500, 3_500, false],
    ['benefit, no entry today', 5, SUBSIDISED, lunch, Reason.DECISION_REASON_NOT_PRESENT_TODAY, 0, 0, false],
    ['benefit, entered and left', 6, SUBSIDISED, lunch, Reason.DECISION_REASON_NOT_PRESENT_TODAY, 0, 0, false],
    ['entered, no benefit', 7, SUBSIDISED, lunch, Reason.DECISION_REASON_NO_BENEFIT, 0, 0, false],
    ['entered, benefit for other periods only', 8, SUBSIDISED, lunch, Reason.DECISION_REASON_NO_BENEFIT, 0, 0, false],
    ['entered, benefit ended yesterday', 9, SUBSIDISED, lunch, Reason.DECISION_REASON_NO_BENEFIT, 0, 0, false],
    ['entered, benefit starts tomorrow', 12, SUBSIDISED, lunch, Reason.DECISION_REASON_NO_BENEFIT, 0, 0, false],
  ];
  const sent: Array<[number, (typeof cases)[number]]> = [];
  for (const row of cases) {
    const [name, pupil, mealKind, items, reason, amount, after, subsidised] = row;
    const seq = seqs.take(pos2);
    sent.push([seq, row]);
    const ds = await posTap(c, [{ seq, uid: pupils[pupil]!.uid, mealKind, items }]);
    remember(pos2, ds);
    t.same(money(ds[0]!), expect(seq, reason, amount, after, subsidised), name);
  }
  expectedBalances.set(mealAcc.id, 3_500);
  await pass(6, ENTRY);
  const seq = seqs.take(pos2);
  const back = await posTap(c, [{ seq, uid: pupils[6]!.uid, mealKind: SUBSIDISED, items: lunch }]);
  remember(pos2, back);
  t.same(money(back[0]!), expect(seq, OK, 0, 0, true), 'entered again: the meal is given');

  const events = (await replayMoney(stack.nc)).purchases.filter((e) => e.deviceId === pos2.id);
  t.same(events.slice(0, 2).map((e) => [e.reason, e.accountId, e.benefitId, e.mealPeriod, Number(e.basketKop), Number(e.amountKop), Number(e.balanceAfterKop)]),
    [[OK, mealAcc.id, 'ben-1', P.period, 9_500, 0, 5_000], [Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN, mealAcc.id, '', P.period, 9_500, 0, 5_000]],
    'the meal is charged to the benefit, not the account, in this meal period');
  t.same(events.map((e) => e.benefitId), ['ben-1', '', '', '', '', '', '', '', '', 'ben-3'], 'only the two meals given name a benefit');
});

t.test('pos - two readers debiting one account at once never overdraw it', async (t) => {
  const c1 = await connect(gw, pos1);
  const c2 = await connect(gw, pos3);
  t.teardown(() => { c1.close(); c2.close(); });
  const START = 50_000;
  t.equal(await fund(stack.nc, sharedAcc, START, 'shared-1'), START);
  const FRAMES = 8;
  const PER_FRAME = 5;
  const readers = [{ c: c1, d: pos1, product: 'snack' }, { c: c2, d: pos3, product: 'crisps' }].map((r) => ({ ...r, price: P.products[r.product]!.priceKop }));
  const sends: Array<Promise<Decision[]>> = [];
  const priceOf = new Map<string, number>();
  // Both readers put all their frames on the wire before any answer comes back.
  for (let f = 0; f < FRAMES; f++) {
    for (const r of readers) {
      const taps: PosTap[] = Array.from({ length: PER_FRAME }, () => ({ seq: seqs.take(r.d), uid: sharedAcc.person.uid, items: [buy(r.product)] }));
      for (const x of taps) priceOf.set(`${r.d.id}#${x.seq}`, r.price);
      sends.push(posTap(r.c, taps).then((ds) => { remember(r.d, ds); return ds.map((x) => Object.assign(x, { deviceId: r.d.id })); }));
    }
  }
  const all = (await Promise.all(sends)).flat() as Array<Decision & { deviceId: string }>;
  t.equal(all.length, 2 * FRAMES * PER_FRAME, 'every tap answered');
  const approved = all.filter((d) => d.reason === OK);
  const declined = all.filter((d) => d.reason !== OK);
  t.ok(declined.length > 0, `the account covers only some taps: ${approved.length} approved, ${declined.length} declined`);
  t.same([...new Set(declined.map((d) => d.reason))], [Reason.DECISION_REASON_INSUFFICIENT_FUNDS], 'declines are for insufficient funds');
  t.ok(approved.every((d) => Number(d.amountKop) === priceOf.get(`${d.deviceId}#${Number(d.seq)}`)), 'each approved tap debited its price');
  // In the order the single writer applied them, each approved balance is the one before minus the price.
  const order = [...approved].sort((a, b) => Number(b.balanceAfterKop) - Number(a.balanceAfterKop));
  t.equal(new Set(approved.map((d) => Number(d.balanceAfterKop))).size, approved.length, 'approved balances are all distinct');
  const broken: string[] = [];
  let balance = START;
  for (const d of order) {
    if (Number(d.balanceAfterKop) !== balance - Number(d.amountKop)) broken.push(`${d.deviceId}#${Number(d.seq)}`);
    balance = Number(d.balanceAfterKop);
  }
  t.same(broken, [], 'approved balances form one chain from the starting balance');
  const debited = approved.reduce((s, d) => s + Number(d.amountKop), 0);
  t.equal(balance, START - debited, 'what was debited is what the balance lost');
  t.ok(balance >= 0 && all.every((d) => Number(d.balanceAfterKop) >= 0), `the balance never went below 0 (ended at ${balance})`);
  const balancesSeen = new Set([START, ...approved.map((d) => Number(d.balanceAfterKop))]);
  t.same(declined.filter((d) => !(Number(d.balanceAfterKop) < priceOf.get(`${d.deviceId}#${Number(d.seq)}`)! && balancesSeen.has(Number(d.balanceAfterKop))))
    .map((d) => `${d.deviceId}#${Number(d.seq)}`), [], 'each decline saw a real balance lower than its price');
  t.comment(`by reader: ${readers.map((r) => `${r.d.id} ${approved.filter((d) => d.deviceId === r.d.id).length} approved`).join(', ')}`);
  const events = (await replayMoney(stack.nc)).purchases.filter((e) => e.accountId === sharedAcc.id);
  t.equal(events.length, all.length, 'one ledger event per tap');
  t.equal(events.reduce((s, e) => s + Number(e.amountKop), 0), debited, 'the ledger debited the same');
  // Spend the rest exactly: the balance the gateway holds is the one the replies said.
  if (balance > 0) {
    const seq = seqs.take(pos1);
    // The rest in 1-kopeck napkins, at most 100 a line (a balance of 3,200 kopecks at most).
    const rest = Array.from({ length: Math.ceil(balance / 100) }, (_, k) => buy('napkin', Math.min(100, balance - k * 100)));
    const last = await posTap(c1, [{ seq, uid: sharedAcc.person.uid, items: rest }]);
    remember(pos1, last);
    t.same(money(last[0]!), expect(seq, OK, balance, 0), 'the remaining balance is spent to the kopeck');
  }
  expectedBalances.set(sharedAcc.id, 0);
});

t.test('pos - absurd baskets are refused whole with ERROR_CODE_INVALID_TAP naming the tap', async (t) => {
  const c = await connect(gw, pos3);
  t.teardown(() => c.close());
  t.equal(await fund(stack.nc, absurdAcc, 100_000, 'absurd-1'), 100_000);
  const good = buy('water');
  const uid = absurdAcc.person.uid;
  const price = 'item 0: price_kop must be 0 (unset) or 1 to 1000000';
  const quantity = 'item 0: quantity must be 1 to 100';
  const cases: Array<[string, Partial<PosTap>, string]> = [
    ['negative price', { items: [item('bun', 'bakery', -100)] }, price],
    ['price one kopeck over 1,000,000', { items: [item('bun', 'bakery', 1_000_001)] }, price],
    ['price beyond 2^53', { items: [item('bun', 'bakery', 2 ** 53 + 2)] }, price],
    ['bad price in the second item', { items: [good, item('bun', 'bakery', -1)] }, 'item 1: price_kop must be 0 (unset) or 1 to 1000000'],
    ['quantity 0', { items: [item('bun', 'bakery', 100, 0)] }, quantity],
    ['quantity 101', { items: [item('bun', 'bakery', 100, 101)] }, quantity],
    ['33 items', { items: Array.from({ length: 33 }, () => good) }, 'a basket has 1 to 32 items, got 33'],
    ['no items', { items: [] }, 'a basket has 1 to 32 items, got 0'],
    ['category "Sweets"', { items: [item('choc', 'Sweets', 100)] }, 'item 0: category must be empty or 1..32 of [a-z0-9_-]'],
    ['empty product id', { items: [item('', 'bakery', 100)] }, 'item 0: product_id must be an id of [A-Za-z0-9_.-], 1..64'],
    ['missing meal_kind', { mealKind: null }, 'a POS tap needs meal_kind BUFFET, HOT_MEAL or SUBSIDISED_MEAL'],
    ['meal kind 7', { mealKind: 7 }, 'a POS tap needs meal_kind BUFFET, HOT_MEAL or SUBSIDISED_MEAL'],
  ];
  // Every frame: a good tap, then the bad one. The same two seqs each time: nothing is applied.
  const [s1, s2] = [seqs.take(pos3), seqs.take(pos3)];
  for (const [name, bad, message] of cases) {
    markRead(c);
    c.sendFrame(posFrame([{ seq: s1, uid, items: [good] }, { seq: s2, uid, items: [good], ...bad }]));
    const e = await nextError(c);
    t.same({ code: e.code, tapIndex: e.tapIndex, seq: Number(e.seq), message: e.message },
      { code: ErrorCode.ERROR_CODE_INVALID_TAP, tapIndex: 1, seq: s2, message: `tap 1: ${message}` }, name);
  }
  const atBounds = Array.from({ length: 32 }, () => buy('max', 100));
  const ds = await posTap(c, [{ seq: s1, uid, items: [good] }, { seq: s2, uid, items: atBounds }]);
  remember(pos3, ds);
  t.same(ds.map(money), [expect(s1, OK, 100, 99_900), expect(s2, Reason.DECISION_REASON_INSUFFICIENT_FUNDS, 0, 99_900)],
    'the refused frames applied nothing; a basket at every bound is valid (and too dear)');
  t.equal(basket(atBounds), 3_200_000_000);
  expectedBalances.set(absurdAcc.id, 99_900);
});

t.test('pos - money is conserved: top-ups + refunds - debits = balances, one event per tap', async (t) => {
  await assertConserved(t, stack.nc, expectedBalances, heard);
});
