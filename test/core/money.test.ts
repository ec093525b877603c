// MoneyState: the amount bounds, the channel and payment id formats, unknown accounts, payment ids
// that are applied at most once (a repeat answers the first result, a changed repeat is a
// conflict), the order in which the checks run, conservation of money, and the replay path
// (`record`) rebuilding the same balances and the same memory of payment ids as `topUp`.
import t from 'tap';
import {
  MoneyState, TopUpError, TopUpStatus, TOP_UP_AMOUNT_KOP_MAX, TOP_UP_AMOUNT_KOP_MIN,
  type AppliedTopUp, type TopUpInput, type TopUpOutcome,
} from '../../core/index.js';

const NOW_MS = 1_700_000_000_000;
const MSG_CHANNEL = 'channel must be 1 to 32 of [a-z0-9_-]';
const MSG_PAYMENT_ID = 'payment_id must be 1 to 64 of [A-Za-z0-9_.:-]';
const MSG_AMOUNT = 'amount_kop must be 1000 to 1500000';
const MSG_ACCOUNT = 'no account has this number';
const MSG_CONFLICT = 'this payment id was applied with another account or amount';

const INVALID_REQUEST = (message: string): TopUpOutcome => ({ kind: 'refused', error: TopUpError.TOP_UP_ERROR_INVALID_REQUEST, message });
const INVALID_AMOUNT: TopUpOutcome = { kind: 'refused', error: TopUpError.TOP_UP_ERROR_INVALID_AMOUNT, message: MSG_AMOUNT };
const UNKNOWN_ACCOUNT: TopUpOutcome = { kind: 'refused', error: TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT, message: MSG_ACCOUNT };
const CONFLICT: TopUpOutcome = { kind: 'refused', error: TopUpError.TOP_UP_ERROR_CONFLICT, message: MSG_CONFLICT };

function input(over: Partial<TopUpInput> = {}): TopUpInput {
  return { channel: 'sberbank', paymentId: 'pay-1', accountId: 'acc-1', amountKop: 10_000, ...over };
}

function applied(i: TopUpInput, balanceAfterKop: number, appliedAtMs: number, appendNo: number): TopUpOutcome {
  assertDefined(i.accountId);
  return { kind: 'applied', topUp: { channel: i.channel, paymentId: i.paymentId, accountId: i.accountId,
    amountKop: i.amountKop, balanceAfterKop, appliedAtMs, appendNo } };
}

function assertDefined<T>(v: T | undefined): asserts v is T {
  if (v === undefined) throw new Error('test setup: value must be defined');
}

/** Every character of `charset` appears in one of the returned strings, each exactly `max` long. */
function coverCharset(charset: string, max: number): string[] {
  if (charset.length <= max) return [charset.padEnd(max, charset[0])];
  return [charset.slice(0, max), charset.slice(-max)];
}

const CHANNEL_CHARSET = 'abcdefghijklmnopqrstuvwxyz0123456789_-';
const PAYMENT_ID_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-';

t.test('money - enums keep their proto numbers', async (t) => {
  t.strictSame([TopUpStatus.TOP_UP_STATUS_UNSPECIFIED, TopUpStatus.TOP_UP_STATUS_APPLIED,
    TopUpStatus.TOP_UP_STATUS_DUPLICATE, TopUpStatus.TOP_UP_STATUS_REFUSED], [0, 1, 2, 3]);
  t.strictSame([TopUpError.TOP_UP_ERROR_UNSPECIFIED, TopUpError.TOP_UP_ERROR_INVALID_REQUEST,
    TopUpError.TOP_UP_ERROR_INVALID_AMOUNT, TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT,
    TopUpError.TOP_UP_ERROR_CONFLICT, TopUpError.TOP_UP_ERROR_UNAVAILABLE], [0, 1, 2, 3, 4, 5]);
  t.equal(TOP_UP_AMOUNT_KOP_MIN, 1_000);
  t.equal(TOP_UP_AMOUNT_KOP_MAX, 1_500_000);
});

t.test('money - amounts at and beyond the bounds', async (t) => {
  const cases: Array<[string, number, boolean]> = [
    ['999 (one below min)', 999, false],
    ['1000 (min)', 1_000, true],
    ['1_500_000 (max)', 1_500_000, true],
    ['1_500_001 (one above max)', 1_500_001, false],
    ['0', 0, false],
    ['-0', -0, false],
    ['-1000', -1_000, false],
    ['1.5', 1.5, false],
    ['1000.5 (fraction inside the bounds)', 1_000.5, false],
    ['NaN', Number.NaN, false],
    ['Infinity', Number.POSITIVE_INFINITY, false],
    ['-Infinity', Number.NEGATIVE_INFINITY, false],
    ['2**53', 2 ** 53, false],
    ['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER, false],
    ['MAX_SAFE_INTEGER + 2', Number.MAX_SAFE_INTEGER + 2, false],
  ];
  for (const [name, amountKop, ok] of cases) {
    const s = new MoneyState();
    const i = input({ amountKop });
    const got = s.topUp(i, NOW_MS, 7);
    t.strictSame(got, ok ? applied(i, amountKop, NOW_MS, 7) : INVALID_AMOUNT, name);
    t.equal(s.balanceKop('acc-1'), ok ? amountKop : 0, `${name}: balance`);
    t.equal(s.paymentCount, ok ? 1 : 0, `${name}: payment count`);
    t.equal(s.totalKop(), ok ? amountKop : 0, `${name}: total`);
    // A refused amount is not remembered: the same payment id with a good amount applies.
    if (!ok) t.equal(s.topUp(input(), NOW_MS, 8).kind, 'applied', `${name}: id still free`);
  }
});

t.test('money - channel format', async (t) => {
  const cases: Array<[string, string, boolean]> = [
    ['empty', '', false],
    ['one char', 'a', true],
    ['32 chars (max)', 'a'.repeat(32), true],
    ['33 chars', 'a'.repeat(33), false],
    ['upper case', 'Sberbank', false],
    ['space inside', 'sber bank', false],
    ['leading space', ' sberbank', false],
    ['trailing newline', 'sberbank\n', false],
    ['dot', 'sber.bank', false],
    ['colon (the key separator)', 'sber:bank', false],
    ['slash', 'sber/bank', false],
    ['cyrillic', 'сбербанк', false],
    ['nul', 'sber\u0000', false],
    ...coverCharset(CHANNEL_CHARSET, 32).map((c, n): [string, string, boolean] => [`allowed charset at max length #${n}`, c, true]),
  ];
  for (const [name, channel, ok] of cases) {
    const s = new MoneyState();
    const i = input({ channel });
    t.strictSame(s.topUp(i, NOW_MS, 1), ok ? applied(i, 10_000, NOW_MS, 1) : INVALID_REQUEST(MSG_CHANNEL), name);
    t.equal(s.paymentCount, ok ? 1 : 0, `${name}: payment count`);
    t.equal(s.balanceKop('acc-1'), ok ? 10_000 : 0, `${name}: balance`);
  }
});

t.test('money - payment id format', async (t) => {
  const cases: Array<[string, string, boolean]> = [
    ['empty', '', false],
    ['one char', 'x', true],
    ['64 chars (max)', 'x'.repeat(64), true],
    ['65 chars', 'x'.repeat(65), false],
    ['space inside', 'pay 1', false],
    ['trailing newline', 'pay-1\n', false],
    ['slash', 'pay/1', false],
    ['hash', 'pay#1', false],
    ['plus', 'pay+1', false],
    ['accented', 'payé', false],
    ['cyrillic', 'платёж', false],
    ['only separators', '.:-_', true],
    ...coverCharset(PAYMENT_ID_CHARSET, 64).map((p, n): [string, string, boolean] => [`allowed charset at max length #${n}`, p, true]),
  ];
  for (const [name, paymentId, ok] of cases) {
    const s = new MoneyState();
    const i = input({ paymentId });
    t.strictSame(s.topUp(i, NOW_MS, 1), ok ? applied(i, 10_000, NOW_MS, 1) : INVALID_REQUEST(MSG_PAYMENT_ID), name);
    t.equal(s.paymentCount, ok ? 1 : 0, `${name}: payment count`);
  }
});

t.test('money - an unknown account is refused and nothing is remembered', async (t) => {
  const s = new MoneyState();
  t.strictSame(s.topUp(input({ accountId: undefined }), NOW_MS, 1), UNKNOWN_ACCOUNT);
  t.equal(s.paymentCount, 0);
  t.equal(s.totalKop(), 0);
  // The same payment id, once the number resolves, applies normally.
  t.strictSame(s.topUp(input(), NOW_MS + 5, 2), applied(input(), 10_000, NOW_MS + 5, 2));
});

t.test('money - a repeat is a duplicate answering the first result', async (t) => {
  const s = new MoneyState();
  const first = input({ amountKop: 50_000 });
  const firstTopUp: AppliedTopUp = { channel: 'sberbank', paymentId: 'pay-1', accountId: 'acc-1', amountKop: 50_000,
    balanceAfterKop: 50_000, appliedAtMs: NOW_MS, appendNo: 1 };
  t.strictSame(s.topUp(first, NOW_MS, 1), { kind: 'applied', topUp: firstTopUp });
  // More top-ups on the same account move the balance on.
  t.strictSame(s.topUp(input({ paymentId: 'pay-2', amountKop: 20_000 }), NOW_MS + 10, 2),
    applied(input({ paymentId: 'pay-2', amountKop: 20_000 }), 70_000, NOW_MS + 10, 2));
  t.strictSame(s.topUp(input({ channel: 'vtb', paymentId: 'v-9', amountKop: 1_000 }), NOW_MS + 20, 3),
    applied(input({ channel: 'vtb', paymentId: 'v-9', amountKop: 1_000 }), 71_000, NOW_MS + 20, 3));
  t.equal(s.balanceKop('acc-1'), 71_000);
  // Repeats, however late, answer the first balance, time and append number.
  for (const [nowMs, appendNo] of [[NOW_MS + 30, 4], [NOW_MS + 86_400_000 * 365, 999], [0, 0]] as const) {
    const got = s.topUp(first, nowMs, appendNo);
    t.strictSame(got, { kind: 'duplicate', topUp: firstTopUp }, `repeat at ${nowMs} (append ${appendNo})`);
  }
  t.equal(s.balanceKop('acc-1'), 71_000, 'duplicates add nothing');
  t.equal(s.totalKop(), 71_000);
  t.equal(s.paymentCount, 3);
});

t.test('money - a changed repeat is a conflict and changes nothing', async (t) => {
  const s = new MoneyState();
  t.equal(s.topUp(input({ amountKop: 50_000 }), NOW_MS, 1).kind, 'applied');
  t.equal(s.topUp(input({ paymentId: 'pay-2', accountId: 'acc-2', amountKop: 3_000 }), NOW_MS, 2).kind, 'applied');
  const cases: Array<[string, TopUpInput]> = [
    ['another amount', input({ amountKop: 50_001 })],
    ['another account', input({ amountKop: 50_000, accountId: 'acc-2' })],
    ['another account and amount', input({ amountKop: 3_000, accountId: 'acc-2' })],
    ['an unknown account', input({ amountKop: 50_000, accountId: undefined })],
  ];
  for (const [name, i] of cases) {
    t.strictSame(s.topUp(i, NOW_MS + 1, 3), CONFLICT, name);
    t.equal(s.balanceKop('acc-1'), 50_000, `${name}: acc-1 unchanged`);
    t.equal(s.balanceKop('acc-2'), 3_000, `${name}: acc-2 unchanged`);
    t.equal(s.totalKop(), 53_000, `${name}: total unchanged`);
    t.equal(s.paymentCount, 2, `${name}: payment count unchanged`);
  }
  // The original is still remembered exactly.
  t.strictSame(s.topUp(input({ amountKop: 50_000 }), NOW_MS + 2, 4),
    { kind: 'duplicate', topUp: { channel: 'sberbank', paymentId: 'pay-1', accountId: 'acc-1', amountKop: 50_000,
      balanceAfterKop: 50_000, appliedAtMs: NOW_MS, appendNo: 1 } });
});

t.test('money - the same payment id on another channel is another payment', async (t) => {
  const s = new MoneyState();
  const sber = input({ channel: 'sberbank', paymentId: 'a:b', amountKop: 10_000 });
  const vtb = input({ channel: 'vtb', paymentId: 'a:b', amountKop: 20_000 });
  // A channel whose name extends another's, with the id's other half: still its own payment.
  const other = input({ channel: 'sberbank-a', paymentId: 'b', amountKop: 30_000 });
  t.strictSame(s.topUp(sber, NOW_MS, 1), applied(sber, 10_000, NOW_MS, 1));
  t.strictSame(s.topUp(vtb, NOW_MS + 1, 2), applied(vtb, 30_000, NOW_MS + 1, 2));
  t.strictSame(s.topUp(other, NOW_MS + 2, 3), applied(other, 60_000, NOW_MS + 2, 3));
  t.equal(s.paymentCount, 3);
  t.equal(s.balanceKop('acc-1'), 60_000);
  t.equal(s.topUp(vtb, NOW_MS + 3, 4).kind, 'duplicate');
  t.strictSame(s.topUp(input({ channel: 'vtb', paymentId: 'a:b', amountKop: 10_000 }), NOW_MS + 3, 4), CONFLICT);
});

t.test('money - check order', async (t) => {
  // A ledger written with looser rules can hold ids that topUp would refuse today; record() takes them.
  const s = new MoneyState();
  const legacy = (channel: string, paymentId: string, balanceAfterKop: number): AppliedTopUp =>
    ({ channel, paymentId, accountId: 'acc-1', amountKop: 5_000, balanceAfterKop, appliedAtMs: NOW_MS, appendNo: 0 });
  s.record(legacy('Sberbank', 'pay-1', 5_000));
  s.record(legacy('sberbank', 'pay 1', 10_000));
  t.equal(s.topUp(input({ paymentId: 'pay-9', amountKop: 5_000 }), NOW_MS, 1).kind, 'applied');
  const cases: Array<[string, TopUpInput, TopUpOutcome]> = [
    ['bad channel before bad payment id', input({ channel: 'Bad', paymentId: '' }), INVALID_REQUEST(MSG_CHANNEL)],
    ['bad channel before conflict', input({ channel: 'Sberbank', paymentId: 'pay-1', amountKop: 6_000 }), INVALID_REQUEST(MSG_CHANNEL)],
    ['bad channel before duplicate', input({ channel: 'Sberbank', paymentId: 'pay-1', amountKop: 5_000 }), INVALID_REQUEST(MSG_CHANNEL)],
    ['bad payment id before conflict', input({ paymentId: 'pay 1', amountKop: 6_000 }), INVALID_REQUEST(MSG_PAYMENT_ID)],
    ['bad payment id before bad amount', input({ paymentId: 'pay 2', amountKop: 0 }), INVALID_REQUEST(MSG_PAYMENT_ID)],
    ['bad channel before bad amount and unknown account', input({ channel: '', amountKop: Number.NaN, accountId: undefined }), INVALID_REQUEST(MSG_CHANNEL)],
    ['conflict before bad amount', input({ paymentId: 'pay-9', amountKop: 999 }), CONFLICT],
    ['conflict before NaN amount', input({ paymentId: 'pay-9', amountKop: Number.NaN }), CONFLICT],
    ['conflict before unknown account', input({ paymentId: 'pay-9', amountKop: 5_000, accountId: undefined }), CONFLICT],
    ['bad amount before unknown account', input({ paymentId: 'pay-10', amountKop: 1_500_001, accountId: undefined }), INVALID_AMOUNT],
  ];
  for (const [name, i, want] of cases) t.strictSame(s.topUp(i, NOW_MS, 2), want, name);
  t.equal(s.paymentCount, 3);
  t.equal(s.balanceKop('acc-1'), 15_000);
});

/** A deterministic mix of applied, duplicate, conflicting and refused top-ups (bounded: `count`). */
function mixedTraffic(count: number): TopUpInput[] {
  let x = 12_345;
  // A 32-bit LCG in exact integer arithmetic; the high bits are the random ones.
  const next = (n: number): number => { x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0; return Math.floor((x / 2 ** 32) * n); };
  const out: TopUpInput[] = [];
  for (let n = 0; n < count; n++) {
    const pick = next(10);
    const prev = out.length > 0 ? out[next(out.length)] : undefined;
    if (pick < 2 && prev !== undefined) out.push(prev); // repeat
    else if (pick === 2 && prev !== undefined) out.push({ ...prev, amountKop: prev.amountKop + 1_000 }); // changed repeat
    else if (pick === 3) out.push(input({ paymentId: `u-${n}`, accountId: undefined }));
    else if (pick === 4) out.push(input({ paymentId: `bad-${n}`, amountKop: 500 }));
    else {
      out.push({ channel: ['sberbank', 'vtb', 'tinkoff'][next(3)] ?? 'sberbank', paymentId: `p-${n}`,
        accountId: `acc-${next(5)}`, amountKop: TOP_UP_AMOUNT_KOP_MIN + next(TOP_UP_AMOUNT_KOP_MAX - TOP_UP_AMOUNT_KOP_MIN + 1) });
    }
  }
  return out;
}

t.test('money - balances add up per account and money is conserved', async (t) => {
  const s = new MoneyState();
  const model = new Map<string, number>();
  const log: AppliedTopUp[] = [];
  let total = 0;
  const kinds = { applied: 0, duplicate: 0, refused: 0 };
  mixedTraffic(600).forEach((i, n) => {
    const got = s.topUp(i, NOW_MS + n, n + 1);
    kinds[got.kind]++;
    if (got.kind !== 'applied') return;
    assertDefined(i.accountId);
    const after = (model.get(i.accountId) ?? 0) + i.amountKop;
    model.set(i.accountId, after);
    total += i.amountKop;
    log.push(got.topUp);
    t.equal(got.topUp.balanceAfterKop, after, `append ${n + 1}: balance after`);
  });
  t.ok(kinds.applied > 50 && kinds.duplicate > 50 && kinds.refused > 50, `a real mix: ${JSON.stringify(kinds)}`);
  for (const [accountId, kop] of model) t.equal(s.balanceKop(accountId), kop, `balance of ${accountId}`);
  t.equal(s.balanceKop('acc-never'), 0);
  t.equal(s.totalKop(), total);
  t.equal(s.totalKop(), log.reduce((sum, a) => sum + a.amountKop, 0));
  t.equal(s.paymentCount, log.length);
});

t.test('money - record() rebuilds what topUp() built', async (t) => {
  const live = new MoneyState();
  const traffic = mixedTraffic(600);
  const log: AppliedTopUp[] = [];
  const answers: TopUpOutcome[] = [];
  traffic.forEach((i, n) => {
    const got = live.topUp(i, NOW_MS + n, n + 1);
    if (got.kind === 'applied') log.push(got.topUp);
  });
  const replayed = new MoneyState();
  for (const a of log) replayed.record({ ...a }); // a copy, as if decoded from the ledger
  t.equal(replayed.paymentCount, live.paymentCount);
  t.equal(replayed.totalKop(), live.totalKop());
  for (let k = 0; k < 5; k++) t.equal(replayed.balanceKop(`acc-${k}`), live.balanceKop(`acc-${k}`), `balance of acc-${k}`);
  // Both answer every request of the traffic again identically: duplicates with the first result,
  // conflicts, refusals; nothing new applies in either.
  for (const i of traffic) {
    const a = live.topUp(i, NOW_MS + 10_000, 10_000);
    answers.push(a);
    t.strictSame(replayed.topUp(i, NOW_MS + 10_000, 10_000), a);
    t.not(a.kind, 'applied');
  }
  t.ok(answers.some((a) => a.kind === 'refused'), 'the traffic includes refusals');
  // Every applied payment, asked again, is a duplicate answering its own first result in both states.
  for (const a of log) {
    const again: TopUpInput = { channel: a.channel, paymentId: a.paymentId, accountId: a.accountId, amountKop: a.amountKop };
    t.strictSame(replayed.topUp(again, NOW_MS + 15_000, 15_000), { kind: 'duplicate', topUp: a }, `${a.channel}:${a.paymentId}`);
    t.strictSame(live.topUp(again, NOW_MS + 15_000, 15_000), { kind: 'duplicate', topUp: a });
  }
  // Then a new payment continues from the same balance in both.
  const fresh = input({ paymentId: 'after-replay', accountId: 'acc-0', amountKop: 1_000 });
  t.strictSame(replayed.topUp(fresh, NOW_MS + 20_000, 20_000), live.topUp(fresh, NOW_MS + 20_000, 20_000));
});

t.test('money - record() of the same payment twice throws and changes nothing', async (t) => {
  const s = new MoneyState();
  const a: AppliedTopUp = { channel: 'sberbank', paymentId: 'pay-1', accountId: 'acc-1', amountKop: 10_000,
    balanceAfterKop: 10_000, appliedAtMs: NOW_MS, appendNo: 0 };
  s.record(a);
  t.throws(() => s.record(a), { message: 'assertion failed: payment sberbank:pay-1 appears twice in the ledger' });
  t.throws(() => s.record({ ...a, accountId: 'acc-2', amountKop: 2_000 }), { message: 'assertion failed: payment sberbank:pay-1 appears twice in the ledger' });
  t.equal(s.paymentCount, 1);
  t.equal(s.balanceKop('acc-1'), 10_000);
  t.equal(s.balanceKop('acc-2'), 0);
  // Another channel with the same id is not a repeat.
  t.doesNotThrow(() => s.record({ ...a, channel: 'vtb', balanceAfterKop: 20_000 }));
  t.throws(() => s.record({ ...a, channel: 'alfa', balanceAfterKop: 1 }), { message: "assertion failed: payment alfa:pay-1: the ledger's balance does not add up" });
  t.equal(s.balanceKop('acc-1'), 20_000);
});

t.test('money - payment ids are forgotten after the window of ledger time, and a replay forgets the same ones', async (t) => {
  const DAY_MS = 86_400_000;
  const live = new MoneyState(2 * DAY_MS);
  const log: AppliedTopUp[] = [];
  // 100 days, 50 payments a day: memory must hold about two days of them, not all 5,000.
  for (let day = 0; day < 100; day++) {
    for (let k = 0; k < 50; k++) {
      const got = live.topUp(input({ paymentId: `d${day}-${k}`, accountId: `acc-${k % 7}`, amountKop: 1_000 }), NOW_MS + day * DAY_MS + k * 1000, day * 50 + k + 1);
      if (got.kind === 'applied') { log.push(got.topUp); live.markIndexed(got.topUp); }
    }
  }
  t.equal(log.length, 5_000);
  t.ok(live.paymentCount <= 3 * 50, `at most three days of payments in memory (${live.paymentCount})`);
  t.equal(live.paymentCount + live.forgottenCount, 5_000, 'each payment is either remembered or forgotten');
  t.equal(live.unindexedCount, 0);
  t.equal(live.totalKop(), 5_000 * 1_000, 'forgetting a payment id keeps its money');
  // The newest day is known to memory; the first day is not (the durable index answers it).
  t.equal(live.remembered('sberbank', 'd99-0')?.amountKop, 1_000);
  t.equal(live.remembered('sberbank', 'd0-0'), undefined);
  const old = log[0]!;
  const again = input({ paymentId: 'd0-0', accountId: 'acc-0', amountKop: 1_000 });
  t.strictSame(live.topUp(again, NOW_MS + 101 * DAY_MS, 9_999, old), { kind: 'duplicate', topUp: old }, 'answered from the stored result');
  t.strictSame(live.topUp({ ...again, amountKop: 2_000 }, NOW_MS + 101 * DAY_MS, 9_999, old), CONFLICT);
  // The replay of the same ledger forgets exactly the same payment ids and keeps the same clock.
  const replayed = new MoneyState(2 * DAY_MS);
  for (const a of log) replayed.record({ ...a, appendNo: 0 });
  const cut = (s: MoneyState) => { const x = s.toSnapshot(); return { ...x, unindexed: [], payments: x.payments.map((p) => [p.topUp.paymentId, p.forgetAtMs]) }; };
  t.strictSame(cut(replayed), cut(live));
  t.equal(replayed.unindexedCount, 5_000, 'replayed top-ups wait for the index until it confirms them');
  // And a state loaded from a snapshot continues the same way.
  const loaded = new MoneyState(2 * DAY_MS);
  loaded.loadSnapshot(JSON.parse(JSON.stringify(live.toSnapshot())) as ReturnType<MoneyState['toSnapshot']>);
  const next = input({ paymentId: 'd120', accountId: 'acc-1', amountKop: 1_000 });
  t.strictSame(loaded.topUp(next, NOW_MS + 120 * DAY_MS, 1), live.topUp(next, NOW_MS + 120 * DAY_MS, 1));
  t.strictSame(cut(loaded), cut(live));
  t.equal(live.paymentCount, 1, 'a payment 20 days later leaves only itself in memory');
});
