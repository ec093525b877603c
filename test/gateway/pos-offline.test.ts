// Integration: the canteen POS when things go wrong, against a real gateway and nats-server.
// Offline sales sent later are recorded even below zero and flagged as overdrafts, within the
// 50,000-kopeck offline bound; a retransmitted seq is answered with its original decision and
// debited once, also after a SIGKILL, when balances, subsidised meals and presence are rebuilt
// from the ledger; refunds over NATS are applied once per refund id and once per purchase, and
// remembered across a restart. At the end, the ledger's money adds up.
import t, { type Test } from 'tap';
import { localDayNumber } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import type { Decision } from '../../simulator/device-client.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { connect, ENTRY, ErrorCode, markRead, nextError, readLedger, Reason, Seqs, tap, Verdict, within, type TestDevice } from '../helpers/gateway-fixtures.js';
import {
  assertConserved, fund, makePosFixture, money, posFrame, posTap, refund, RefundError, RefundRequest, RefundStatus, replayMoney, SUBSIDISED,
  type PosTap, type TestAccount,
} from '../helpers/pos-fixtures.js';

const ENV = { TAPGATE_GATEWAY_ID: 'gw-pos-off', TAPGATE_REPEAT_WINDOW_MS: '0' };
const P = makePosFixture({
  pupils: 8, posCount: 3, accountBase: 4_081_720_000,
  accounts: [{ pupil: 0, bannedCategories: ['soda'] }, { pupil: 1 }, { pupil: 2 }, { pupil: 3 }],
  benefits: [{ pupil: 4 }, { pupil: 5 }, { pupil: 6 }],
  products: {
    cutlet: { category: 'hot', priceKop: 3_000 }, set: { category: 'hot', priceKop: 25_000 }, feast: { category: 'hot', priceKop: 10_000 },
    'lunch-set': { category: 'hot', priceKop: 9_500 }, cola: { category: 'soda', priceKop: 500 }, napkin: { category: 'other', priceKop: 1 },
    water: { category: 'drinks', priceKop: 100 }, juice: { category: 'drinks', priceKop: 1_000 }, bun: { category: 'bakery', priceKop: 500 },
    pie: { category: 'bakery', priceKop: 2_500 }, tart: { category: 'bakery', priceKop: 2_000 }, cake: { category: 'bakery', priceKop: 9_999 },
    'big-cake': { category: 'bakery', priceKop: 99_999 }, lemon: { category: 'fruit', priceKop: 37 },
  },
});
const { buy } = P;
t.comment(`school A runs in ${P.timeZone}, meal period now: ${P.period}`);
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(P.doc);
let gw: GatewayProcess = await startGateway(stack, ENV);
t.teardown(() => gw.stop('SIGKILL'));

const pupils = P.fx.pupils;
const turnstile = P.fx.turnstiles[0]!;
const [offlineAcc, onceAcc, refundAcc, streamAcc] = P.accounts as [TestAccount, TestAccount, TestAccount, TestAccount];
const [pos1, pos2, pos3] = P.pos as [TestDevice, TestDevice, TestDevice];
const seqs = new Seqs();
const expectedBalances = new Map<string, number>();
const heard = new Set<string>();
const OK = Reason.DECISION_REASON_OK;
const MIN = 60_000;
/** The first offline sale (3,000 kopecks, it overdrew the account): refunded later. */
let firstOfflineSeq = 0;

const expect = (seq: number, reason: number, amountKop: number, balanceAfterKop: number, subsidised = false, replayed = false) =>
  ({ seq, verdict: reason === OK ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY, reason, amountKop, balanceAfterKop, subsidised, replayed });

/** Sends taps, remembers the first-time decisions, returns their money fields. */
async function sell(c: Parameters<typeof posTap>[0], d: TestDevice, taps: readonly PosTap[]): Promise<Array<ReturnType<typeof money>>> {
  const ds = await posTap(c, taps);
  for (const x of ds) heard.add(`${d.id}#${Number(x.seq)}`);
  return ds.map(money);
}

async function enter(pupil: number): Promise<number> {
  const c = await connect(gw, turnstile);
  try {
    const [d] = await tap(c, [{ seq: seqs.take(turnstile), uid: pupils[pupil]!.uid, direction: ENTRY }]);
    return d!.reason ?? 0;
  } finally { c.close(); }
}

async function restartWithSigkill(t: Test): Promise<void> {
  await gw.stop('SIGKILL');
  gw = await startGateway(stack, ENV);
  const replayed = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
  t.comment(`restarted after SIGKILL: replayed ${String(replayed['events'])} events in ${Number(replayed['seconds']).toFixed(3)} s`);
}

t.test('pos offline - offline sales go below zero and are flagged; over 50,000 kopecks refused; online then declined', async (t) => {
  const c = await connect(gw, pos1);
  t.teardown(() => c.close());
  t.equal(await fund(stack.nc, offlineAcc, 1_000, 'off-1'), 1_000);
  const now = Date.now();
  const [s1, s2, s3, s4] = [seqs.take(pos1), seqs.take(pos1), seqs.take(pos1), seqs.take(pos1)];
  firstOfflineSeq = s1;
  const sold: PosTap[] = [
    { seq: s1, uid: offlineAcc.person.uid, items: [buy('cutlet')], offline: true, deviceTimeMs: now - 4 * MIN },
    // Offline, the guardian's ban could not be checked: the sale happened and is recorded.
    { seq: s2, uid: offlineAcc.person.uid, items: [buy('cola')], offline: true, deviceTimeMs: now - 3 * MIN },
  ];
  t.same(await sell(c, pos1, sold), [expect(s1, OK, 3_000, -2_000), expect(s2, OK, 500, -2_500)], 'offline sales approved below zero');

  markRead(c);
  const tooBig = { seq: s4, uid: offlineAcc.person.uid, items: [buy('set', 2), buy('napkin')], offline: true, deviceTimeMs: now - 2 * MIN };
  c.sendFrame(posFrame([{ seq: s3, uid: offlineAcc.person.uid, items: [buy('napkin')], offline: true, deviceTimeMs: now - 2 * MIN }, tooBig]));
  const e = await nextError(c);
  t.same({ code: e.code, tapIndex: e.tapIndex, seq: Number(e.seq), message: e.message },
    { code: ErrorCode.ERROR_CODE_INVALID_TAP, tapIndex: 1, seq: s4, message: 'tap 1: an offline sale totals at most 50000 kopecks' }, 'an offline sale of 50,001 is refused');
  t.same(await sell(c, pos1, [{ ...tooBig, items: [buy('set', 2)] }]), [expect(s4, OK, 50_000, -52_500)],
    'the refused frame applied nothing; exactly 50,000 offline is accepted');
  const s5 = seqs.take(pos1);
  t.same(await sell(c, pos1, [{ seq: s5, uid: offlineAcc.person.uid, items: [buy('water')], deviceTimeMs: now }]),
    [expect(s5, Reason.DECISION_REASON_INSUFFICIENT_FUNDS, 0, -52_500)], 'an online tap on a negative balance is declined');
  t.equal(await fund(stack.nc, offlineAcc, 60_000, 'off-2'), 7_500, 'a top-up covers the overdraft');
  const [s6, s7] = [seqs.take(pos1), seqs.take(pos1)];
  t.same(await sell(c, pos1, [{ seq: s6, uid: offlineAcc.person.uid, items: [buy('bun')], offline: true, deviceTimeMs: now - MIN },
    { seq: s7, uid: offlineAcc.person.uid, items: [buy('water')], deviceTimeMs: now }]), [expect(s6, OK, 500, 7_000), expect(s7, OK, 100, 6_900)]);
  expectedBalances.set(offlineAcc.id, 6_900);

  const events = (await replayMoney(stack.nc)).purchases.filter((x) => x.deviceId === pos1.id);
  const day = (ms: number) => localDayNumber(P.timeZone, ms);
  t.same(events.map((x) => [Number(x.seq), x.reason, x.offline, x.overdraft, Number(x.amountKop), Number(x.balanceAfterKop), Number(x.deviceTimeMs), x.schoolDay]), [
    [s1, OK, true, true, 3_000, -2_000, now - 4 * MIN, day(now - 4 * MIN)],
    [s2, OK, true, true, 500, -2_500, now - 3 * MIN, day(now - 3 * MIN)],
    [s4, OK, true, true, 50_000, -52_500, now - 2 * MIN, day(now - 2 * MIN)],
    [s5, Reason.DECISION_REASON_INSUFFICIENT_FUNDS, false, false, 0, -52_500, now, day(now)],
    [s6, OK, true, false, 500, 7_000, now - MIN, day(now - MIN)],
    [s7, OK, false, false, 100, 6_900, now, day(now)],
  ], 'the ledger flags the offline sales that overdrew the account, with their own times and days');
});

t.test('pos offline - a retransmitted seq gets its original decision; after SIGKILL balances and meals are rebuilt', async (t) => {
  t.equal(await fund(stack.nc, onceAcc, 10_000, 'once-1'), 10_000);
  t.same([await enter(4), await enter(5)], [OK, OK], 'two pupils with benefits entered');
  let c = await connect(gw, pos2);
  const uid = onceAcc.person.uid;
  const [s1, s2, s3] = [seqs.take(pos2), seqs.take(pos2), seqs.take(pos2)];
  const first = await posTap(c, [{ seq: s1, uid, items: [buy('pie')] }]);
  heard.add(`${pos2.id}#${s1}`);
  t.same(money(first[0]!), expect(s1, OK, 2_500, 7_500));
  const originals = new Map<number, Decision>([[s1, first[0]!]]);
  const again = await posTap(c, [{ seq: s1, uid, items: [buy('pie')] }]);
  t.same([money(again[0]!), Number(again[0]!.decidedAtMs)], [expect(s1, OK, 2_500, 7_500, false, true), Number(first[0]!.decidedAtMs)], 'retransmission: the original decision');
  const mixed = await posTap(c, [{ seq: s1, uid, items: [buy('cake')] }, { seq: s2, uid, items: [buy('juice')] }]);
  heard.add(`${pos2.id}#${s2}`);
  originals.set(s2, mixed[1]!);
  t.same(mixed.map(money), [expect(s1, OK, 2_500, 7_500, false, true), expect(s2, OK, 1_000, 6_500)], 'a resent seq is matched by seq alone and debited once');
  const meal = await posTap(c, [{ seq: s3, uid: pupils[4]!.uid, mealKind: SUBSIDISED, items: [buy('lunch-set')] }]);
  heard.add(`${pos2.id}#${s3}`);
  originals.set(s3, meal[0]!);
  t.same(money(meal[0]!), expect(s3, OK, 0, 0, true), 'a subsidised meal before the kill');
  c.close();

  await restartWithSigkill(t);
  c = await connect(gw, pos2);
  t.teardown(() => c.close());
  t.equal(Number(c.welcome?.lastDecidedSeq), s3, 'Welcome.last_decided_seq survives');
  const resent = await posTap(c, [s1, s2, s3].map((seq) => ({ seq, uid, items: [buy('napkin')] })));
  t.same(resent.map((d) => [money(d), Number(d.decidedAtMs)]),
    [s1, s2, s3].map((seq) => [{ ...money(originals.get(seq)!), replayed: true }, Number(originals.get(seq)!.decidedAtMs)]), 'after the restart: the originals again');
  const [s4, s5, s6] = [seqs.take(pos2), seqs.take(pos2), seqs.take(pos2)];
  t.same(await sell(c, pos2, [{ seq: s4, uid, items: [buy('bun')] },
    { seq: s5, uid: pupils[4]!.uid, mealKind: SUBSIDISED, items: [buy('lunch-set')] },
    { seq: s6, uid: pupils[5]!.uid, mealKind: SUBSIDISED, items: [buy('lunch-set')] }]),
  [expect(s4, OK, 500, 6_000), expect(s5, Reason.DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN, 0, 0), expect(s6, OK, 0, 0, true)],
  'the balance continues, the meal taken stays taken, presence was rebuilt');
  expectedBalances.set(onceAcc.id, 6_000);
  const c1 = await connect(gw, pos1);
  t.teardown(() => c1.close());
  const s7 = seqs.take(pos1);
  t.same(await sell(c1, pos1, [{ seq: s7, uid: offlineAcc.person.uid, items: [buy('cutlet', 2), buy('water', 9)] }]), [expect(s7, OK, 6_900, 0)],
    'a balance that went through an offline overdraft is rebuilt to the kopeck');
  expectedBalances.set(offlineAcc.id, 0);
  const counts = (await replayMoney(stack.nc)).purchaseCounts;
  t.same([s1, s2, s3, s4, s5, s6].map((s) => counts.get(`${pos2.id}#${s}`)), [1, 1, 1, 1, 1, 1], 'each tap is in the ledger once');
});

t.test('pos offline - refunds: once per refund id and per purchase, remembered across a restart', async (t) => {
  t.equal(await fund(stack.nc, refundAcc, 10_000, 'ref-1'), 10_000);
  t.equal(await enter(6), OK);
  const c = await connect(gw, pos3);
  const uid = refundAcc.person.uid;
  const [p1, p2, p3, p4] = [seqs.take(pos3), seqs.take(pos3), seqs.take(pos3), seqs.take(pos3)];
  t.same(await sell(c, pos3, [{ seq: p1, uid, items: [buy('tart')] }, { seq: p2, uid, items: [buy('cutlet')] },
    { seq: p3, uid, items: [buy('big-cake')] }, { seq: p4, uid: pupils[6]!.uid, mealKind: SUBSIDISED, items: [buy('lunch-set')] }]),
  [expect(p1, OK, 2_000, 8_000), expect(p2, OK, 3_000, 5_000), expect(p3, Reason.DECISION_REASON_INSUFFICIENT_FUNDS, 0, 5_000), expect(p4, OK, 0, 0, true)]);
  c.close();
  const req = (refundId: string, deviceId: string, seq: number) => ({ refundId, deviceId, seq, reason: 'wrong item', operatorId: 'op-1' });
  const REFUSED = RefundStatus.REFUND_STATUS_REFUSED;
  const r1 = await refund(stack.nc, req('r-1', pos3.id, p1));
  t.same([r1.status, Number(r1.amountKop), Number(r1.balanceAfterKop)], [RefundStatus.REFUND_STATUS_APPLIED, 2_000, 7_000], 'applied: the balance is restored');
  const firstResult = (s: number) => [s, Number(r1.amountKop), Number(r1.balanceAfterKop), Number(r1.appliedAtMs)];
  const dup = await refund(stack.nc, req('r-1', pos3.id, p1));
  t.same([dup.status, Number(dup.amountKop), Number(dup.balanceAfterKop), Number(dup.appliedAtMs)], firstResult(RefundStatus.REFUND_STATUS_DUPLICATE), 'the same refund id: the first result');
  const refusals: Array<[string, tapgate.money.v1.IRefundRequest | Uint8Array, number]> = [
    ['another refund id for the same purchase', req('r-2', pos3.id, p1), RefundError.REFUND_ERROR_ALREADY_REFUNDED],
    ['the refund id reused for another purchase', req('r-1', pos3.id, p2), RefundError.REFUND_ERROR_CONFLICT],
    ['a declined tap', req('r-3', pos3.id, p3), RefundError.REFUND_ERROR_UNKNOWN_PURCHASE],
    ['a subsidised meal', req('r-4', pos3.id, p4), RefundError.REFUND_ERROR_UNKNOWN_PURCHASE],
    ['a seq never sold', req('r-5', pos3.id, 9_999), RefundError.REFUND_ERROR_UNKNOWN_PURCHASE],
    ['a device that never sold', req('r-6', 'a-pos-9', p1), RefundError.REFUND_ERROR_UNKNOWN_PURCHASE],
    ['empty refund id', req('', pos3.id, p2), RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['refund id with a space', req('r 7', pos3.id, p2), RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['device id starting with a dot', req('r-8', '.pos', p2), RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['seq 0', req('r-9', pos3.id, 0), RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['seq beyond 2^53', req('r-10', pos3.id, 2 ** 53 + 2), RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['empty reason', { ...req('r-11', pos3.id, p2), reason: '' }, RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['reason of 201 characters', { ...req('r-12', pos3.id, p2), reason: 'x'.repeat(201) }, RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['no operator', { ...req('r-13', pos3.id, p2), operatorId: '' }, RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['garbage bytes', Buffer.from([0xff, 0xff, 0xff, 0x01]), RefundError.REFUND_ERROR_INVALID_REQUEST],
    ['oversized', RefundRequest.encode({ ...req('r-14', pos3.id, p2), reason: 'x'.repeat(1100) }).finish(), RefundError.REFUND_ERROR_INVALID_REQUEST],
  ];
  for (const [name, r, error] of refusals) t.match(await refund(stack.nc, r), { status: REFUSED, error }, name);

  const offlineRefund = await refund(stack.nc, req('r-off', pos1.id, firstOfflineSeq));
  t.same([offlineRefund.status, Number(offlineRefund.amountKop), Number(offlineRefund.balanceAfterKop)], [RefundStatus.REFUND_STATUS_APPLIED, 3_000, 3_000],
    'an offline sale that overdrew the account can be refunded');
  expectedBalances.set(offlineAcc.id, 3_000);

  await restartWithSigkill(t);
  const dupAfter = await refund(stack.nc, req('r-1', pos3.id, p1));
  t.same([dupAfter.status, Number(dupAfter.amountKop), Number(dupAfter.balanceAfterKop), Number(dupAfter.appliedAtMs)], firstResult(RefundStatus.REFUND_STATUS_DUPLICATE),
    'after the restart: still the first result');
  t.match(await refund(stack.nc, req('r-15', pos3.id, p1)), { status: REFUSED, error: RefundError.REFUND_ERROR_ALREADY_REFUNDED }, 'after the restart: still refunded');
  t.match(await refund(stack.nc, req('r-1', pos3.id, p2)), { status: REFUSED, error: RefundError.REFUND_ERROR_CONFLICT }, 'after the restart: still a conflict');
  const r2 = await refund(stack.nc, req('r-16', pos3.id, p2));
  t.same([r2.status, Number(r2.amountKop), Number(r2.balanceAfterKop)], [RefundStatus.REFUND_STATUS_APPLIED, 3_000, 10_000], 'none of the refused requests moved the balance');
  const c2 = await connect(gw, pos3);
  t.teardown(() => c2.close());
  const p5 = seqs.take(pos3);
  t.same(await sell(c2, pos3, [{ seq: p5, uid, items: [buy('feast')] }]), [expect(p5, OK, 10_000, 0)], 'refunds are spendable after the restart');
  expectedBalances.set(refundAcc.id, 0);
  const refunds = (await readLedger(stack.nc)).flatMap((m) => m.batch.money.flatMap((x) => (x.refund == null ? [] : [x.refund])));
  t.same(refunds.map((x) => [x.refundId, x.deviceId, Number(x.seq), x.accountId, Number(x.amountKop), x.reason, x.operatorId]), [
    ['r-1', pos3.id, p1, refundAcc.id, 2_000, 'wrong item', 'op-1'], ['r-off', pos1.id, firstOfflineSeq, offlineAcc.id, 3_000, 'wrong item', 'op-1'],
    ['r-16', pos3.id, p2, refundAcc.id, 3_000, 'wrong item', 'op-1']], 'each applied refund is in the ledger once, with its reason and operator');
});

t.test('pos offline - a SIGKILL mid-stream loses no answered debit and applies none twice', async (t) => {
  const START = 1_000_000;
  t.equal(await fund(stack.nc, streamAcc, START, 'stream-1'), START);
  const readers = [{ d: pos1, product: 'water', price: 100 }, { d: pos2, product: 'lemon', price: 37 }];
  const clients = await Promise.all(readers.map((r) => connect(gw, r.d)));
  const PER_FRAME = 16;
  const FRAMES_MAX = 60;
  const KILL_AFTER_DECISIONS = 400;
  let decided = 0;
  let killed = false;
  const sent = readers.map(() => [] as PosTap[]);
  // Each reader keeps up to 8 frames in flight until the gateway dies, so debits are in a
  // worker, in a ledger append and in a reply at the moment of the kill.
  await Promise.all(readers.map(async (r, k) => {
    const inFlight = new Set<Promise<unknown>>();
    for (let f = 0; f < FRAMES_MAX && !killed; f++) {
      for (let i = 0; i < 1000 && inFlight.size >= 8 && !killed; i++) await Promise.race(inFlight);
      if (killed) break;
      const taps = Array.from({ length: PER_FRAME }, () => ({ seq: seqs.take(r.d), uid: streamAcc.person.uid, items: [buy(r.product)] }));
      sent[k]!.push(...taps);
      const p = posTap(clients[k]!, taps).then((ds) => {
        decided += ds.length;
        if (decided >= KILL_AFTER_DECISIONS && !killed) { killed = true; gw.child.kill('SIGKILL'); }
      }, () => undefined);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  }));
  t.ok(killed, 'the gateway was killed mid-stream');
  await Promise.all(clients.map((c) => within(c.waitClose(), 10_000, 'socket close')));
  const before = clients.map((c) => new Map(c.received.flatMap((f) => f.decisions?.decisions ?? []).map((d) => [Number(d.seq), d] as const)));
  await restartWithSigkill(t);
  const again = await Promise.all(readers.map((r) => connect(gw, r.d)));
  t.teardown(() => again.forEach((c) => c.close()));
  const final: Array<ReturnType<typeof money> & { key: string }> = [];
  for (const [k, r] of readers.entries()) {
    const answers: Decision[] = [];
    for (let i = 0; i < sent[k]!.length; i += PER_FRAME) answers.push(...await posTap(again[k]!, sent[k]!.slice(i, i + PER_FRAME)));
    for (const x of answers) heard.add(`${r.d.id}#${Number(x.seq)}`);
    const changed = answers.filter((x) => {
      const orig = before[k]!.get(Number(x.seq));
      return orig !== undefined && !(x.replayed === true && Number(x.decidedAtMs) === Number(orig.decidedAtMs) &&
        Number(x.amountKop) === Number(orig.amountKop) && Number(x.balanceAfterKop) === Number(orig.balanceAfterKop));
    }).map((x) => Number(x.seq));
    t.same(changed, [], `${r.d.id}: the ${before[k]!.size} debits answered before the kill are answered the same after it`);
    t.comment(`${r.d.id}: ${sent[k]!.length} sent, ${before[k]!.size} answered before the kill`);
    final.push(...answers.map((x) => ({ ...money(x), key: `${r.d.id}#${Number(x.seq)}` })));
  }
  t.same(final.filter((x) => x.reason !== OK).map((x) => x.key), [], 'every debit approved (the balance covers them all)');
  const order = [...final].sort((a, b) => b.balanceAfterKop - a.balanceAfterKop);
  let balance = START;
  const broken: string[] = [];
  for (const x of order) {
    if (x.balanceAfterKop !== balance - x.amountKop) broken.push(x.key);
    balance = x.balanceAfterKop;
  }
  t.same(broken, [], 'the final answers form one chain of balances: each debit applied once');
  const owed = readers.reduce((s, r, k) => s + r.price * sent[k]!.length, 0);
  t.equal(balance, START - owed, `the balance lost exactly the ${owed} kopecks of the taps sent`);
  expectedBalances.set(streamAcc.id, START - owed);
  const counts = (await replayMoney(stack.nc)).purchaseCounts;
  t.same(readers.flatMap((r, k) => sent[k]!.filter((x) => counts.get(`${r.d.id}#${x.seq}`) !== 1).map((x) => `${r.d.id}#${x.seq}`)), [], 'each tap in the ledger once');
});

t.test('pos offline - money is conserved: top-ups + refunds - debits = balances, one event per tap', async (t) => {
  await assertConserved(t, stack.nc, expectedBalances, heard);
});
