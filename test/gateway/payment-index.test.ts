// The durable payment index against a real gateway and nats-server: with a short memory window, a
// payment id the gateway has forgotten (its gauge says so) is still answered DUPLICATE with its
// original result, or CONFLICT when changed, from the KV bucket tapgate_payments; never applied
// twice, also after a SIGKILL restart that replays the ledger and after a full replay.
import t from 'tap';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { tapgate } from '../../core/proto.js';
import { startGateway, startStack, type GatewayProcess, type Stack } from '../helpers/stack.js';
import { makeFixture, readLedger } from '../helpers/gateway-fixtures.js';
import { TOP_UP_SUBJECT } from '../../gateway/shard/money-service.js';
import { PAYMENT_BUCKET, paymentIndexKey } from '../../gateway/shard/payment-index.js';
import { SNAPSHOT_STREAM } from '../../gateway/shard/snapshot.js';

const { TopUpRequest, TopUpReply, TopUpStatus, TopUpError } = tapgate.money.v1;
const MEMORY_MS = 1000;

async function topUp(stack: Stack, paymentId: string, amountKop: number): Promise<tapgate.money.v1.TopUpReply> {
  const data = TopUpRequest.encode({ channel: 'sber', paymentId, accountNumber: '40817001', amountKop }).finish();
  return TopUpReply.decode((await stack.nc.request(TOP_UP_SUBJECT, data, { timeout: 5000 })).data);
}

async function gauge(gw: GatewayProcess, name: string): Promise<number> {
  const text = await (await fetch(`${gw.opsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1]);
}

/** Polls until the gauge has the value (a positive signal: the gateway reports it). */
async function untilGauge(gw: GatewayProcess, name: string, value: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (await gauge(gw, name) !== value) {
    if (Date.now() > deadline) throw new Error(`${name} never became ${value}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.test('payment index - a payment id retried after the memory window answers DUPLICATE with its original result', async (t) => {
  const stack = await startStack({ clickhouse: false });
  const fx = makeFixture({ pupils: 2 });
  await stack.loadRegistry({ ...fx.doc, accounts: [{ id: 'acc-1', number: '40817001', personId: fx.pupils[0]!.id }] });
  const env = { TAPGATE_PAYMENT_IDS_MEMORY_MS: String(MEMORY_MS), TAPGATE_SNAPSHOT_INTERVAL_MS: '0' };
  let gw = await startGateway(stack, env);
  t.teardown(async () => { await gw.stop('SIGKILL'); await stack.stop(); });

  const first = await topUp(stack, 'old-1', 10_000);
  t.equal(first.status, TopUpStatus.TOP_UP_STATUS_APPLIED);
  await untilGauge(gw, 'tapgate_gateway_payments_unindexed', 0);
  const kv = await new Kvm(stack.nc).open(PAYMENT_BUCKET);
  const stored = await kv.get(paymentIndexKey('sber', 'old-1'));
  t.match(stored?.json(), { channel: 'sber', paymentId: 'old-1', accountId: 'acc-1', amountKop: 10_000, balanceAfterKop: 10_000,
    appliedAtMs: Number(first.appliedAtMs) }, 'the index holds the original result, ids only');

  // A later top-up moves the ledger clock past the window: memory forgets old-1.
  await new Promise((r) => setTimeout(r, MEMORY_MS + 100));
  t.equal(Number((await topUp(stack, 'new-1', 1_000)).balanceAfterKop), 11_000);
  t.equal(await gauge(gw, 'tapgate_gateway_payment_ids_in_memory'), 1, 'only the new payment id is in memory');
  t.equal(await gauge(gw, 'tapgate_gateway_payment_ids_forgotten'), 1);

  const checkOld = async (when: string) => {
    const again = await topUp(stack, 'old-1', 10_000);
    t.equal(again.status, TopUpStatus.TOP_UP_STATUS_DUPLICATE, `${when}: a duplicate`);
    t.equal(Number(again.balanceAfterKop), 10_000, `${when}: the original balance after`);
    t.equal(Number(again.appliedAtMs), Number(first.appliedAtMs), `${when}: the original time`);
    t.match(await topUp(stack, 'old-1', 20_000), { status: TopUpStatus.TOP_UP_STATUS_REFUSED, error: TopUpError.TOP_UP_ERROR_CONFLICT });
  };
  await checkOld('live');

  // SIGKILL: the restart replays the ledger, forgets old-1 again, and the index still answers.
  await gw.stop('SIGKILL');
  gw = await startGateway(stack, env);
  await checkOld('after a SIGKILL and a replay');
  t.equal(await gauge(gw, 'tapgate_gateway_payment_ids_forgotten'), 1);
  // A clean stop writes a snapshot; the next start loads it, and the index still answers.
  await gw.stop('SIGTERM');
  gw = await startGateway(stack, env);
  await checkOld('after a start from a snapshot');
  // Without the snapshot: a full replay.
  await gw.stop('SIGKILL');
  await (await jetstreamManager(stack.nc)).streams.purge(SNAPSHOT_STREAM);
  gw = await startGateway(stack, env);
  await checkOld('after a full replay');
  t.equal(Number((await topUp(stack, 'new-2', 1_000)).balanceAfterKop), 12_000, 'the balance counts old-1 once');

  const ledger = await readLedger(stack.nc);
  const ids = ledger.flatMap((m) => m.batch.money.flatMap((e) => (e.topUp == null ? [] : [e.topUp.paymentId])));
  t.same(ids, ['old-1', 'new-1', 'new-2'], 'each payment is in the ledger once');
});
