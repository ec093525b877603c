// Integration: POS baskets are priced and categorised from the school's catalogue (protocol
// v1.2), against a real gateway and nats-server. A v1.1 device that declares sweets as drinks
// meets the guardian's ban, one that sells a 120-rouble bar for 1 rouble charges 120, and an
// invented product, another school's product or a withdrawn one declines the basket with
// UNKNOWN_PRODUCT (showing the buyer); a v1.2 device sends product ids and quantities only.
// The ledger records the catalogue's category and price, and the overrides are counted.
import t from 'tap';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { connect, Reason, SCHOOL_B, Seqs, Verdict, type TestDevice } from '../helpers/gateway-fixtures.js';
import { fund, item, makePosFixture, money, posTap, replayMoney, type Item, type TestAccount } from '../helpers/pos-fixtures.js';

const P = makePosFixture({
  pupils: 4, posCount: 1, accountBase: 40_817_300,
  accounts: [{ pupil: 0, bannedCategories: ['sweets'] }, { pupil: 1 }],
  benefits: [],
  products: {
    choc: { category: 'sweets', priceKop: 12_000 }, tea: { category: 'drinks', priceKop: 1_500 },
    pie: { category: 'bakery', priceKop: 4_000, active: false },
  },
});
P.doc['products']!.push({ id: 'b-bun', schoolId: SCHOOL_B, name: 'b-bun', category: 'bakery', priceKop: 100, active: true });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(P.doc);
const gw: GatewayProcess = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-pos-cat' });
t.teardown(() => gw.stop('SIGKILL'));

const [strictAcc, plainAcc] = P.accounts as [TestAccount, TestAccount];
const [till] = P.pos as [TestDevice];
const seqs = new Seqs();
const OK = Reason.DECISION_REASON_OK;
const UNKNOWN = Reason.DECISION_REASON_UNKNOWN_PRODUCT;
const expect = (seq: number, reason: number, amountKop: number, balanceAfterKop: number) =>
  ({ seq, verdict: reason === OK ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY, reason, amountKop, balanceAfterKop, subsidised: false, replayed: false });

t.test('pos catalogue - the catalogue decides category and price; products outside it are declined', async (t) => {
  const c = await connect(gw, till);
  t.teardown(() => c.close());
  t.equal(await fund(stack.nc, strictAcc, 50_000, 'cat-1'), 50_000);
  t.equal(await fund(stack.nc, plainAcc, 50_000, 'cat-2'), 50_000);
  // name, account, basket, reason, debited, balance after, what the ledger records of the basket
  const cases: Array<[string, TestAccount, Item[], number, number, number, Array<[string, string, number, number]>]> = [
    ['v1.1: sweets declared as drinks, sweets banned', strictAcc, [item('choc', 'drinks', 12_000)], Reason.DECISION_REASON_BANNED_CATEGORY, 0, 50_000,
      [['choc', 'sweets', 12_000, 1]]],
    ['v1.2: sweets by id, sweets banned', strictAcc, [P.ref('choc')], Reason.DECISION_REASON_BANNED_CATEGORY, 0, 50_000, [['choc', 'sweets', 12_000, 1]]],
    ['v1.1: a 120-rouble bar declared at 1 rouble is charged 120', plainAcc, [item('choc', 'sweets', 100)], OK, 12_000, 38_000,
      [['choc', 'sweets', 12_000, 1]]],
    ['v1.2: product ids and quantities', plainAcc, [P.ref('choc'), P.ref('tea', 2)], OK, 15_000, 23_000,
      [['choc', 'sweets', 12_000, 1], ['tea', 'drinks', 1_500, 2]]],
    ['an invented product with an invented category', plainAcc, [P.buy('tea'), item('magic', 'magic', 100)], UNKNOWN, 0, 23_000,
      [['tea', 'drinks', 1_500, 1], ['magic', 'magic', 100, 1]]],
    ['a product of another school', plainAcc, [P.ref('b-bun')], UNKNOWN, 0, 23_000, [['b-bun', '', 0, 1]]],
    ['a withdrawn product, online', plainAcc, [P.ref('pie')], UNKNOWN, 0, 23_000, [['pie', '', 0, 1]]],
    ['a withdrawn product sold offline is charged its catalogue price', plainAcc, [item('pie', 'bakery', 1)], OK, 4_000, 19_000,
      [['pie', 'bakery', 4_000, 1]]],
  ];
  const sent: number[] = [];
  for (const [name, account, items, reason, amount, after] of cases) {
    const seq = seqs.take(till);
    sent.push(seq);
    const offline = name.includes('offline');
    const [d] = await posTap(c, [{ seq, uid: account.person.uid, items, offline }]);
    t.same(money(d!), expect(seq, reason, amount, after), name);
    t.equal(d!.display?.displayName, account.person.displayName, `${name}: the cashier sees whose purchase it is`);
  }
  const events = (await replayMoney(stack.nc)).purchases.filter((e) => e.deviceId === till.id);
  t.same(events.map((e) => [Number(e.seq), e.reason, e.accountId, (e.items ?? []).map((i) => [i.productId, i.category, Number(i.priceKop), i.quantity])]),
    cases.map(([, account, , reason, , , recorded], k) => [sent[k], reason, account.id, recorded]),
    'the ledger records the catalogue\'s category and price, and a declined basket as sent');
  const metrics = await (await fetch(`${gw.opsUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  t.match(metrics, /tapgate_gateway_pos_items_repriced_total 3\b/, 'three v1.1 items were overridden by the catalogue');
});
