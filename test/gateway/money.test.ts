// Top-ups over NATS request/reply against a real gateway and nats-server: applied at most once
// per payment id forever (across SIGTERM and SIGKILL restarts), conflicts and bad input refused
// with their codes, every acknowledged top-up in the ledger exactly once, no account number in it.
import t, { type Test } from 'tap';
import { tapgate } from '../../core/proto.js';
import { startGateway, startStack, type GatewayProcess, type Stack } from '../helpers/stack.js';
import { makeFixture, readLedger } from '../helpers/gateway-fixtures.js';
import { TOP_UP_SUBJECT } from '../../gateway/shard/money-service.js';

const { TopUpRequest, TopUpReply, TopUpStatus, TopUpError } = tapgate.money.v1;
const APPLIED = TopUpStatus.TOP_UP_STATUS_APPLIED;
const DUPLICATE = TopUpStatus.TOP_UP_STATUS_DUPLICATE;
const REFUSED = TopUpStatus.TOP_UP_STATUS_REFUSED;

const ACCOUNTS = [{ id: 'acc-1', number: '40817001' }, { id: 'acc-2', number: '4081700200' }];

async function topUp(stack: Stack, req: tapgate.money.v1.ITopUpRequest | Uint8Array): Promise<tapgate.money.v1.TopUpReply> {
  const data = req instanceof Uint8Array ? req : TopUpRequest.encode(req).finish();
  const msg = await stack.nc.request(TOP_UP_SUBJECT, data, { timeout: 5000 });
  return TopUpReply.decode(msg.data);
}

async function setup(t: Test): Promise<{ stack: Stack; gw: () => GatewayProcess; restart: (signal: NodeJS.Signals) => Promise<void> }> {
  const stack = await startStack({ clickhouse: false });
  const fx = makeFixture({ pupils: 2 });
  await stack.loadRegistry({ ...fx.doc, accounts: ACCOUNTS.map((a, i) => ({ ...a, personId: fx.pupils[i]!.id })) });
  let gw = await startGateway(stack);
  t.teardown(async () => { await gw.stop(); await stack.stop(); });
  return { stack, gw: () => gw, restart: async (signal) => { await gw.stop(signal); gw = await startGateway(stack); } };
}

t.test('money - a top-up is applied once, its repeats get the first result, conflicts are refused', async (t) => {
  const { stack, restart } = await setup(t);
  const first = await topUp(stack, { channel: 'sber', paymentId: 'p-1', accountNumber: '40817001', amountKop: 50_000 });
  t.equal(first.status, APPLIED);
  t.equal(Number(first.balanceAfterKop), 50_000);
  const second = await topUp(stack, { channel: 'sber', paymentId: 'p-2', accountNumber: '40817001', amountKop: 1_000 });
  t.equal(Number(second.balanceAfterKop), 51_000);
  const again = await topUp(stack, { channel: 'sber', paymentId: 'p-1', accountNumber: '40817001', amountKop: 50_000 });
  t.equal(again.status, DUPLICATE);
  t.equal(Number(again.balanceAfterKop), 50_000, 'the first result, not the balance now');
  t.equal(Number(again.appliedAtMs), Number(first.appliedAtMs));
  t.match(await topUp(stack, { channel: 'sber', paymentId: 'p-1', accountNumber: '40817001', amountKop: 50_001 }), { status: REFUSED, error: TopUpError.TOP_UP_ERROR_CONFLICT });
  t.match(await topUp(stack, { channel: 'sber', paymentId: 'p-1', accountNumber: '4081700200', amountKop: 50_000 }), { status: REFUSED, error: TopUpError.TOP_UP_ERROR_CONFLICT });
  const otherChannel = await topUp(stack, { channel: 'vtb', paymentId: 'p-1', accountNumber: '4081700200', amountKop: 1_500_000 });
  t.equal(otherChannel.status, APPLIED, 'the same payment id on another channel is another payment');
  t.equal(Number(otherChannel.balanceAfterKop), 1_500_000);

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    await restart(signal);
    const replayed = await topUp(stack, { channel: 'sber', paymentId: 'p-1', accountNumber: '40817001', amountKop: 50_000 });
    t.equal(replayed.status, DUPLICATE, `after ${signal}: still a duplicate`);
    t.equal(Number(replayed.balanceAfterKop), 50_000);
  }
  const after = await topUp(stack, { channel: 'sber', paymentId: 'p-3', accountNumber: '40817001', amountKop: 2_000 });
  t.equal(Number(after.balanceAfterKop), 53_000, 'the balance was rebuilt from the ledger');

  const ledger = await readLedger(stack.nc);
  const topUps = ledger.flatMap((m) => m.batch.money.flatMap((e) => (e.topUp == null ? [] : [e.topUp])));
  t.same(topUps.map((e) => `${e.channel}:${e.paymentId}:${e.accountId}:${Number(e.amountKop)}`).sort(),
    ['sber:p-1:acc-1:50000', 'sber:p-2:acc-1:1000', 'sber:p-3:acc-1:2000', 'vtb:p-1:acc-2:1500000']);
  const raw = Buffer.concat(ledger.map((m) => Buffer.from(m.data))).toString('latin1');
  for (const a of ACCOUNTS) t.notOk(raw.includes(a.number), `account number ${a.number} is not in the ledger`);
});

t.test('money - bad requests are refused with their codes and change nothing', async (t) => {
  const { stack } = await setup(t);
  const ok = { channel: 'sber', paymentId: 'x', accountNumber: '40817001', amountKop: 10_000 };
  const cases: Array<[string, tapgate.money.v1.ITopUpRequest | Uint8Array, number]> = [
    ['zero', { ...ok, paymentId: 'a0', amountKop: 0 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    ['negative', { ...ok, paymentId: 'a1', amountKop: -100_000 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    ['one kopeck under 10 roubles', { ...ok, paymentId: 'a2', amountKop: 999 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    ['one kopeck over 15,000 roubles', { ...ok, paymentId: 'a3', amountKop: 1_500_001 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    ['beyond 2^53', { ...ok, paymentId: 'a4', amountKop: 2 ** 53 + 2 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    ['unknown account', { ...ok, paymentId: 'a5', accountNumber: '99999999' }, TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT],
    ['account number of 7 digits', { ...ok, paymentId: 'a6', accountNumber: '4081700' }, TopUpError.TOP_UP_ERROR_INVALID_REQUEST],
    ['empty payment id', { ...ok, paymentId: '' }, TopUpError.TOP_UP_ERROR_INVALID_REQUEST],
    ['bad channel', { ...ok, paymentId: 'a7', channel: 'Sber Bank' }, TopUpError.TOP_UP_ERROR_INVALID_REQUEST],
    ['garbage bytes', Buffer.from([0xff, 0xff, 0xff, 0x01]), TopUpError.TOP_UP_ERROR_INVALID_REQUEST],
    ['oversized', new Uint8Array(2048).fill(0x0a), TopUpError.TOP_UP_ERROR_INVALID_REQUEST],
  ];
  for (const [name, req, error] of cases) {
    t.match(await topUp(stack, req), { status: REFUSED, error }, name);
  }
  const applied = await topUp(stack, { ...ok, paymentId: 'good' });
  t.equal(Number(applied.balanceAfterKop), 10_000, 'none of the refused requests moved the balance');
  t.equal((await readLedger(stack.nc)).flatMap((m) => m.batch.money.flatMap((e) => (e.topUp == null ? [] : [e.topUp]))).length, 1);
});

t.test('money - concurrent retries of one payment apply it once', async (t) => {
  const { stack } = await setup(t);
  const req = { channel: 'sber', paymentId: 'storm', accountNumber: '4081700200', amountKop: 12_345 };
  const replies = await Promise.all(Array.from({ length: 50 }, () => topUp(stack, req)));
  t.equal(replies.filter((r) => r.status === APPLIED).length, 1);
  t.equal(replies.filter((r) => r.status === DUPLICATE).length, 49);
  t.ok(replies.every((r) => Number(r.balanceAfterKop) === 12_345));
  t.equal((await readLedger(stack.nc)).flatMap((m) => m.batch.money.flatMap((e) => (e.topUp == null ? [] : [e.topUp]))).length, 1);
});
