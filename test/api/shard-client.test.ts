// ShardClient against a real nats-server with tapgate's users: in-process responders on the
// shard subjects stand in for the shards' owners (a fake at the port; the owner itself is the
// gateway's, tested there). Checks that each command goes to the shard the registry names, that
// replies map to the outcomes the routes use, that balances are batched per shard in the order
// asked, and that a shard with no owner, a slow one or a malformed reply is `unavailable` (503).
import t, { type Test } from 'tap';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { Registry } from 'prom-client';
import { parseRecord, RegistryIndex, tapgate, type RecordKind } from '../../core/index.js';
import { BALANCES_IDS_MAX, createLogger } from '../../lib/index.js';
import { ApiError } from '../../api/errors.js';
import { ShardClient } from '../../api/shard-client.js';
import { startStack, type Stack } from '../helpers/stack.js';

const { TopUpRequest, TopUpReply, TopUpStatus, TopUpError, RefundRequest, RefundReply, RefundStatus, RefundError } = tapgate.money.v1;
const { BalancesRequest, BalancesReply, InsideRequest, InsideReply } = tapgate.shard.v1;
const SECRET = 'ab'.repeat(31) + 'cd';

/** Schools on two named shards and one on the default; a pupil with an account in each. */
function registry(): RegistryIndex {
  const index = new RegistryIndex();
  const add = (kind: RecordKind, raw: Record<string, unknown>) => index.apply(kind, String(raw['id']), parseRecord(kind, raw));
  add('school', { id: 's-north', name: 'North', timeZone: 'Europe/Moscow', shardId: 'north' });
  add('school', { id: 's-south', name: 'South', timeZone: 'Europe/Moscow', shardId: 'south' });
  add('school', { id: 's-main', name: 'Main', timeZone: 'Europe/Moscow' });
  for (const [n, school] of [[1, 's-north'], [2, 's-south'], [3, 's-south'], [4, 's-north'], [5, 's-main']] as const) {
    add('person', { id: `p${n}`, schoolId: school, kind: 'pupil', displayName: `Pupil ${n}`, birthDate: '2012-01-01' });
    add('account', { id: `a${n}`, personId: `p${n}`, number: `10000000${n}0` });
  }
  add('device', { id: 'pos-south', schoolId: 's-south', kind: 'pos', secretHex: SECRET });
  return index;
}

interface Seen { readonly shard: string; readonly command: string; readonly data: Uint8Array }

/** Answers every command of `shard` with `answer`; records what it received. */
function responder(nc: NatsConnection, shard: string, seen: Seen[], answer: (command: string, data: Uint8Array) => Uint8Array | null): Subscription {
  return nc.subscribe(`tapgate.shard.v1.${shard}.*`, { callback: (err, msg: Msg) => {
    if (err !== null) return;
    const command = msg.subject.split('.').pop()!;
    seen.push({ shard, command, data: msg.data });
    const reply = answer(command, msg.data);
    if (reply !== null) msg.respond(reply);
  } });
}

/** A shard owner that applies top-ups and refunds and knows balances of `a<n>` as n × 1000 kop. */
function owner(command: string, data: Uint8Array): Uint8Array | null {
  if (command === 'topup') {
    const r = TopUpRequest.decode(data);
    if (r.accountNumber === '9999999999') {
      return TopUpReply.encode({ status: TopUpStatus.TOP_UP_STATUS_REFUSED, error: TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT, message: 'no account' }).finish();
    }
    return TopUpReply.encode({ status: r.paymentId === 'old' ? TopUpStatus.TOP_UP_STATUS_DUPLICATE : TopUpStatus.TOP_UP_STATUS_APPLIED,
      balanceAfterKop: 5_000 + Number(r.amountKop), appliedAtMs: 1_700_000_000_000, accountId: `acc-of-${r.accountNumber}` }).finish();
  }
  if (command === 'refund') {
    const r = RefundRequest.decode(data);
    if (r.refundId === 'r-twice') {
      return RefundReply.encode({ status: RefundStatus.REFUND_STATUS_REFUSED, error: RefundError.REFUND_ERROR_ALREADY_REFUNDED, message: 'refunded' }).finish();
    }
    return RefundReply.encode({ status: RefundStatus.REFUND_STATUS_APPLIED, amountKop: 4_500, balanceAfterKop: 9_500,
      appliedAtMs: 1_700_000_000_001, accountId: 'a2' }).finish();
  }
  if (command === 'balances') {
    const ids = BalancesRequest.decode(data).accountIds;
    return BalancesReply.encode({ balances: ids.map((id) => ({ accountId: id, balanceKop: Number(id.replace(/\D/g, '')) * 1000 })) }).finish();
  }
  if (command === 'inside') {
    const school = InsideRequest.decode(data).schoolId;
    return InsideReply.encode(school === 's-north' ? { personIds: ['p1', 'p4'], pupils: 2 } : { error: 'not a school of this shard' }).finish();
  }
  return null;
}

async function setup(t: Test): Promise<{ stack: Stack; gw: NatsConnection; client: ShardClient; metrics: Registry; seen: Seen[] }> {
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  const gw = await stack.connect('gateway');
  const api = await stack.connect('api');
  const metrics = new Registry();
  const client = new ShardClient(api, registry(), metrics, createLogger('test', 'silent'), 2000);
  return { stack, gw, client, metrics, seen: [] };
}

async function counts(metrics: Registry): Promise<Record<string, number>> {
  const m = await metrics.getSingleMetric('tapgate_api_shard_requests_total')!.get();
  return Object.fromEntries(m.values.map((v) => [`${v.labels['command']}/${v.labels['outcome']}`, v.value]));
}

async function unavailable(t: Test, p: Promise<unknown>, shardId: string, what: string): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  t.ok(err instanceof ApiError, `${what}: an ApiError`);
  t.match(err, { code: 'API_UNAVAILABLE', status: 503, message: 'the shard owning this school is not available now; retry', details: { shardId } }, what);
}

t.test('shard client - top-ups go to the shard of the account\'s school; an unknown number to the default shard', async (t) => {
  const { gw, client, seen, metrics } = await setup(t);
  for (const shard of ['north', 'south', 'main']) responder(gw, shard, seen, owner);
  await gw.flush();

  const south = await client.topUp({ channel: 'sber', paymentId: 'pay-1', amountKop: 10_000, accountNumber: '1000000020' });
  t.same(south, { kind: 'applied', topUp: { channel: 'sber', paymentId: 'pay-1', accountId: 'acc-of-1000000020', amountKop: 10_000,
    balanceAfterKop: 15_000, appliedAtMs: 1_700_000_000_000, appendNo: 0 } });
  const dup = await client.topUp({ channel: 'sber', paymentId: 'old', amountKop: 2_000, accountNumber: '1000000010' });
  t.same(dup, { kind: 'duplicate', topUp: { channel: 'sber', paymentId: 'old', accountId: 'acc-of-1000000010', amountKop: 2_000,
    balanceAfterKop: 7_000, appliedAtMs: 1_700_000_000_000, appendNo: 0 } });
  const unknown = await client.topUp({ channel: 'sber', paymentId: 'pay-2', amountKop: 2_000, accountNumber: '9999999999' });
  t.same(unknown, { kind: 'refused', error: TopUpError.TOP_UP_ERROR_UNKNOWN_ACCOUNT, message: 'no account' });
  t.same(seen.map((s) => [s.shard, s.command]), [['south', 'topup'], ['north', 'topup'], ['main', 'topup']]);
  const first = TopUpRequest.decode(seen[0]!.data);
  t.same([first.channel, first.paymentId, first.accountNumber, Number(first.amountKop)], ['sber', 'pay-1', '1000000020', 10_000]);
  t.same(await counts(metrics), { 'topup/ok': 3 });
});

t.test('shard client - a refund goes to the shard of the device\'s school', async (t) => {
  const { gw, client, seen } = await setup(t);
  for (const shard of ['north', 'south', 'main']) responder(gw, shard, seen, owner);
  await gw.flush();
  const req = { refundId: 'r-1', deviceId: 'pos-south', seq: 17, reason: 'wrong_item', operatorId: 'token:abc' };
  t.same(await client.refund(req), { kind: 'applied', refund: { refundId: 'r-1', deviceId: 'pos-south', seq: 17, accountId: 'a2',
    amountKop: 4_500, balanceAfterKop: 9_500, appliedAtMs: 1_700_000_000_001, appendNo: 0 } });
  t.same(await client.refund({ ...req, refundId: 'r-twice' }), { kind: 'refused', error: 'already_refunded', message: 'refunded' });
  t.same(seen.map((s) => [s.shard, s.command]), [['south', 'refund'], ['south', 'refund']]);
  const sent = RefundRequest.decode(seen[0]!.data);
  t.same([sent.refundId, sent.deviceId, Number(sent.seq), sent.reason, sent.operatorId], ['r-1', 'pos-south', 17, 'wrong_item', 'token:abc']);
});

t.test('shard client - balances are batched per shard, in the order asked, at most BALANCES_IDS_MAX ids a request', async (t) => {
  const { gw, client, seen, metrics } = await setup(t);
  for (const shard of ['north', 'south', 'main']) responder(gw, shard, seen, owner);
  await gw.flush();
  const got = await client.balances(['a3', 'a1', 'a2', 'a4', 'a1']);
  t.same([...got].sort(), [['a1', 1000], ['a2', 2000], ['a3', 3000], ['a4', 4000]]);
  const asked = (shard: string) => seen.filter((s) => s.shard === shard).map((s) => BalancesRequest.decode(s.data).accountIds);
  t.same(asked('south'), [['a3', 'a2']]);
  t.same(asked('north'), [['a1', 'a4']]);
  t.equal(await client.balanceKop('a5'), 5000, 'one balance, from the default shard');

  seen.length = 0;
  // Ids no school claims are the default shard's: 1,500 of them take two requests.
  const many = Array.from({ length: BALANCES_IDS_MAX + 500 }, (_, i) => `x${i}`);
  const big = await client.balances(many);
  t.equal(big.size, many.length);
  t.equal(big.get('x1234'), 1_234_000);
  t.same(seen.map((s) => [s.shard, BalancesRequest.decode(s.data).accountIds.length]), [['main', BALANCES_IDS_MAX], ['main', 500]]);
  t.same(BalancesRequest.decode(seen[1]!.data).accountIds[0], `x${BALANCES_IDS_MAX}`);
  t.same(await counts(metrics), { 'balances/ok': 5 });
});

t.test('shard client - headcount: the persons inside, from the school\'s shard; a refusal is unavailable', async (t) => {
  const { gw, client, seen } = await setup(t);
  for (const shard of ['north', 'south', 'main']) responder(gw, shard, seen, owner);
  await gw.flush();
  t.same(await client.inside('s-north'), ['p1', 'p4']);
  await unavailable(t, client.inside('s-south'), 'south', 'a reply with an error');
  t.same(seen.map((s) => [s.shard, s.command, InsideRequest.decode(s.data).schoolId]), [['north', 'inside', 's-north'], ['south', 'inside', 's-south']]);
});

t.test('shard client - a shard with no owner is unavailable at once, for every command', async (t) => {
  const { gw, client, seen, metrics } = await setup(t);
  responder(gw, 'north', seen, owner);
  await gw.flush();
  const started = Date.now();
  t.match(await client.topUp({ channel: 'sber', paymentId: 'p', amountKop: 2_000, accountNumber: '1000000020' }),
    { kind: 'unavailable', shardId: 'south', reason: 'no_responders' });
  t.match(await client.refund({ refundId: 'r', deviceId: 'pos-south', seq: 1, reason: 'other', operatorId: 'token:x' }),
    { kind: 'unavailable', shardId: 'south', reason: 'no_responders' });
  await unavailable(t, client.balances(['a1', 'a2']), 'south', 'balances with one shard missing');
  await unavailable(t, client.inside('s-main'), 'main', 'headcount');
  t.ok(Date.now() - started < 2000, 'no waiting for the timeout');
  t.same(await counts(metrics), { 'topup/no_responders': 1, 'refund/no_responders': 1, 'balances/ok': 1, 'balances/no_responders': 1,
    'inside/no_responders': 1 });
});

t.test('shard client - malformed, impossible and late replies are unavailable', async (t) => {
  const { gw, client, seen, metrics } = await setup(t);
  responder(gw, 'south', seen, () => Uint8Array.of(0xff, 0xff, 0xff));
  // North answers balances out of order and top-ups without a status; main never answers.
  responder(gw, 'north', seen, (command, data) => command === 'balances'
    ? BalancesReply.encode({ balances: [...BalancesRequest.decode(data).accountIds].reverse().map((accountId) => ({ accountId, balanceKop: 1 })) }).finish()
    : TopUpReply.encode({ balanceAfterKop: 1 }).finish());
  responder(gw, 'main', seen, () => null);
  await gw.flush();
  t.match(await client.topUp({ channel: 'sber', paymentId: 'p', amountKop: 2_000, accountNumber: '1000000020' }),
    { kind: 'unavailable', shardId: 'south', reason: 'bad_reply' });
  t.match(await client.topUp({ channel: 'sber', paymentId: 'p', amountKop: 2_000, accountNumber: '1000000010' }),
    { kind: 'unavailable', shardId: 'north', reason: 'bad_reply' });
  await unavailable(t, client.balances(['a1', 'a4']), 'north', 'balances out of order');
  await unavailable(t, client.inside('s-south'), 'south', 'an InsideReply that does not decode');
  t.match(await client.topUp({ channel: 'sber', paymentId: 'p', amountKop: 2_000, accountNumber: '1000000050' }),
    { kind: 'unavailable', shardId: 'main', reason: 'timeout' });
  t.same(await counts(metrics), { 'topup/bad_reply': 2, 'balances/bad_reply': 1, 'inside/bad_reply': 1, 'topup/timeout': 1 });
});
