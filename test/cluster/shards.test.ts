// Shards on two gateways (ADR 0018), against real nats-server and gateway processes: the shards
// are split with one owner each, a device that connects to the gateway not owning its school is
// sent to the owner (4011) and served there, a pupil moved to a school of the other shard keeps
// the balance exactly (one transfer out, one transfer in, one confirmation), and a gateway killed
// with SIGKILL has its shards taken over by the other, which answers the dead one's devices.
import t from 'tap';
import { tapgate } from '../../core/proto.js';
import { DeviceClient } from '../../simulator/device-client.js';
import { preferredOwner, type Announcement } from '../../gateway/edge/shard-owners.js';
import { shardSubject } from '../../lib/index.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { ENTRY, getJson, makeFixture, readLedger, Reason, Seqs, tap, waitFor, within, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';

const { TopUpRequest, TopUpReply, TopUpStatus } = tapgate.money.v1;
const { BalancesRequest, BalancesReply } = tapgate.shard.v1;

/** Two shard ids that rendezvous hashing gives one to each of the two gateways. */
function splitShards(gateways: readonly [string, string]): [string, string] {
  const live = gateways.map((gatewayId) => ({ gatewayId, standby: false }) as Announcement);
  for (let i = 0; i < 100; i++) {
    const a = `north${i}`;
    const b = `south${i}`;
    const pa = preferredOwner(a, live);
    const pb = preferredOwner(b, live);
    if (pa !== pb && pa !== null && pb !== null) return pa === gateways[0] ? [a, b] : [b, a];
  }
  throw new Error('no split found');
}

const GW = ['gw-east', 'gw-west'] as const;
const [SHARD_EAST, SHARD_WEST] = splitShards(GW);

t.test('shards - two gateways split the shards, redirect devices, move balances, take over a dead one', async (t) => {
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  const fx = makeFixture({ pupils: 4, staff: 0, turnstiles: 1 });
  // School A in the east shard, school B in the west one; the default shard 'main' has no school.
  const doc: Record<string, unknown[]> = { ...fx.doc, schools: (fx.doc['schools'] as Array<Record<string, unknown>>).map((s) =>
    ({ ...s, shardId: s['id'] === 'sch-a' ? SHARD_EAST : SHARD_WEST })),
  accounts: [{ id: 'acc-mover', personId: fx.pupils[0]!.id, number: '40000001' }] };
  await stack.loadRegistry(doc);
  const east = await startGateway(stack, { TAPGATE_GATEWAY_ID: GW[0] });
  const west = await startGateway(stack, { TAPGATE_GATEWAY_ID: GW[1] });
  const gateways: Record<string, GatewayProcess> = { [GW[0]]: east, [GW[1]]: west };
  t.teardown(async () => { for (const g of Object.values(gateways)) await g.stop('SIGKILL'); });

  const shardsOf = async (g: GatewayProcess) => ((await getJson(`${g.opsUrl}/readyz`)).body as { shards?: string[] }).shards ?? [];
  await waitFor(async () => (await shardsOf(east)).includes(SHARD_EAST) && (await shardsOf(west)).includes(SHARD_WEST) &&
    !(await shardsOf(east)).includes(SHARD_WEST) && !(await shardsOf(west)).includes(SHARD_EAST), 30_000, 'the shards split');
  const owned = [...await shardsOf(east), ...await shardsOf(west)];
  t.equal(new Set(owned).size, owned.length, 'no shard is owned twice');
  t.same([...new Set(owned)].sort(), ['main', SHARD_EAST, SHARD_WEST].sort(), 'every shard has an owner');

  const seqs = new Seqs();
  const a = fx.turnstiles[0]!;
  const b: TestDevice = fx.otherSchoolTurnstile;

  await t.test('a device on the wrong gateway is sent to the owner (4011) and served there', async (t) => {
    const c = await within(DeviceClient.open(west.deviceUrl), WAIT_MS, 'open');
    const closed = c.waitClose();
    await c.authenticate(a.id, a.secret).catch(() => undefined);
    const { code, reason } = await within(closed, WAIT_MS, 'close');
    t.equal(code, 4011);
    t.equal(reason, east.deviceUrl, 'the reason is the owner\'s device URL');
    const there = await within(DeviceClient.connect(reason, a.id, a.secret), WAIT_MS, 'connect to the owner');
    t.teardown(() => there.close());
    const seq = seqs.take(a);
    const [d] = await tap(there, [{ seq, uid: fx.pupils[1]!.uid, direction: ENTRY }]);
    t.equal(d!.reason ?? 0, Reason.DECISION_REASON_OK, 'the tap is decided by the owner');
  });

  await t.test('a pupil moved to a school of the other shard keeps the balance exactly', async (t) => {
    const nc = stack.nc;
    const topUp = async (paymentId: string, amountKop: number) => TopUpReply.decode((await nc.request('tapgate.money.v1.topup',
      TopUpRequest.encode({ paymentId, accountNumber: '40000001', amountKop, channel: 'sberbank' }).finish(), { timeout: 10_000 })).data);
    t.equal((await topUp('pay-1', 150_000)).status, TopUpStatus.TOP_UP_STATUS_APPLIED);
    t.equal((await topUp('pay-2', 2_345)).status, TopUpStatus.TOP_UP_STATUS_APPLIED);
    const balanceIn = async (shardId: string) => Number(BalancesReply.decode((await nc.request(shardSubject(shardId, 'balances'),
      BalancesRequest.encode({ accountIds: ['acc-mover'] }).finish(), { timeout: 10_000 })).data).balances[0]?.balanceKop ?? -1);
    t.equal(await balanceIn(SHARD_EAST), 152_345);
    const mover = (doc.persons as Array<Record<string, unknown>>).find((p) => p['id'] === fx.pupils[0]!.id)!;
    await stack.loadRegistry({ persons: [{ ...mover, schoolId: 'sch-b' }] });
    await waitFor(async () => (await balanceIn(SHARD_WEST)) === 152_345, 30_000, 'the balance arrives in the west shard');
    t.equal(await balanceIn(SHARD_EAST), 0, 'nothing stays behind');
    // A bank retrying a payment made before the move reaches the new shard: still a duplicate.
    const retry = await topUp('pay-1', 150_000);
    t.equal(retry.status, TopUpStatus.TOP_UP_STATUS_DUPLICATE, 'an old payment retried after the move is a duplicate');
    t.equal(await balanceIn(SHARD_WEST), 152_345);
    await waitFor(async () => (await readLedger(nc, 3000)).some((m) => m.batch.money.some((e) => e.transferDone != null)), 30_000, 'confirmed');
    const money = (await readLedger(nc, 3000)).flatMap((m) => m.batch.money);
    t.equal(money.filter((e) => e.transferOut != null).length, 1, 'one transfer out');
    t.equal(money.filter((e) => e.topUp?.channel === 'transfer').length, 1, 'one transfer in');
    t.equal(money.filter((e) => e.transferDone != null).length, 1, 'one confirmation');
  });

  await t.test('a gateway killed with SIGKILL: the other takes its shards and serves its devices', async (t) => {
    const killedAt = Date.now();
    await east.stop('SIGKILL');
    delete gateways[GW[0]];
    await waitFor(async () => (await shardsOf(west)).includes(SHARD_EAST), 30_000, 'the west gateway takes the east shard');
    let served = false;
    let c: DeviceClient | null = null;
    while (!served && Date.now() - killedAt < 30_000) {
      try {
        c = await within(DeviceClient.connect(west.deviceUrl, a.id, a.secret), WAIT_MS, 'connect');
        const [d] = await tap(c, [{ seq: seqs.take(a), uid: fx.pupils[2]!.uid, direction: ENTRY }]);
        served = d!.reason === Reason.DECISION_REASON_OK || d!.reason === undefined || d!.reason === 0;
      } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    c?.close();
    t.ok(served, 'the dead gateway\'s device is served by the survivor');
    t.comment(`SIGKILL to an answer from the successor: ${Date.now() - killedAt} ms`);
    // The device of the west shard was never affected.
    const cb = await within(DeviceClient.connect(west.deviceUrl, b.id, b.secret), WAIT_MS, 'connect b');
    const [db] = await tap(cb, [{ seq: seqs.take(b), uid: fx.otherPupil.uid, direction: ENTRY }]);
    cb.close();
    t.equal(db!.reason ?? 0, Reason.DECISION_REASON_OK);
    // Every (device, seq) in the ledger is decided once, across both owners of the east shard.
    const keys = (await readLedger(stack.nc, 3000)).flatMap((m) => m.batch.passes.map((p) => `${p.deviceId}#${Number(p.seq)}`));
    t.equal(new Set(keys).size, keys.length, 'no tap decided twice');
  });
});
