// Snapshots: the gateway writes its state when everything is durable, a restart loads the
// snapshot and replays only the ledger after it, and the rebuilt state (seq memory, presence,
// balances, payment ids) is the same as a full replay's. A broken snapshot falls back to the
// full replay.
import t from 'tap';
import { jetstreamManager } from '@nats-io/jetstream';
import { tapgate } from '../../core/proto.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { connect, ENTRY, getJson, makeFixture, plain, Reason, SCHOOL_A, Seqs, tap } from '../helpers/gateway-fixtures.js';
import { TOP_UP_SUBJECT } from '../../gateway/shard/money-service.js';
import { SNAPSHOT_STREAM } from '../../gateway/shard/snapshot.js';

const { TopUpRequest, TopUpReply, TopUpStatus } = tapgate.money.v1;

t.test('snapshot - restart from a snapshot plus the ledger after it gives the same state', async (t) => {
  const stack = await startStack({ clickhouse: false });
  const fx = makeFixture({ pupils: 6 });
  await stack.loadRegistry({ ...fx.doc, accounts: [{ id: 'acc-1', number: '40817001', personId: fx.pupils[0]!.id }] });
  const env = { TAPGATE_SNAPSHOT_INTERVAL_MS: '300', TAPGATE_REPEAT_WINDOW_MS: '0' };
  let gw: GatewayProcess = await startGateway(stack, env);
  t.teardown(async () => { await gw.stop('SIGKILL'); await stack.stop(); });
  const topUp = async (paymentId: string, amountKop: number) => TopUpReply.decode((await stack.nc.request(TOP_UP_SUBJECT,
    TopUpRequest.encode({ channel: 'sber', paymentId, accountNumber: '40817001', amountKop }).finish(), { timeout: 5000 })).data);

  const seqs = new Seqs();
  const dev = fx.turnstiles[0]!;
  let c = await connect(gw, dev);
  // Before the snapshot: three pupils in, a top-up.
  const before = await tap(c, fx.pupils.slice(0, 3).map((p) => ({ seq: seqs.take(dev), uid: p.uid, direction: ENTRY })));
  t.equal((await topUp('p-1', 10_000)).status, TopUpStatus.TOP_UP_STATUS_APPLIED);
  await gw.waitForLog((l) => l['msg'] === 'snapshot written', 10_000);
  // After it: two more pupils in, another top-up.
  await tap(c, fx.pupils.slice(3, 5).map((p) => ({ seq: seqs.take(dev), uid: p.uid, direction: ENTRY })));
  t.equal(Number((await topUp('p-2', 5_000)).balanceAfterKop), 15_000);
  c.close();

  // SIGKILL: the next start uses the last snapshot and replays only what came after it.
  await gw.stop('SIGKILL');
  gw = await startGateway(stack, env);
  const replayed = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
  t.not(replayed['snapshotStreamSeq'], null, 'a snapshot was loaded');
  t.ok(Number(replayed['messages']) >= 1, 'the ledger after the snapshot was replayed');
  const presence = await getJson(`${gw.opsUrl}/v1/presence/${SCHOOL_A}`);
  t.match(presence.body, { pupils: 5, staff: 0 });
  c = await connect(gw, dev);
  const again = await tap(c, [{ seq: 1, uid: fx.pupils[0]!.uid, direction: ENTRY }]);
  t.same(plain(again[0]!), { ...plain(before[0]!), replayed: true }, 'a seq decided before the snapshot gets its original decision');
  t.equal((await topUp('p-1', 10_000)).status, TopUpStatus.TOP_UP_STATUS_DUPLICATE, 'a payment from before the snapshot is remembered');
  t.equal(Number((await topUp('p-3', 1_000)).balanceAfterKop), 16_000, 'balances are rebuilt');
  c.close();

  // A clean stop writes a last snapshot: the next start replays nothing.
  await gw.stop('SIGTERM');
  gw = await startGateway(stack, env);
  const clean = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
  t.equal(clean['messages'], 0, 'nothing to replay after a clean stop');
  t.match((await getJson(`${gw.opsUrl}/v1/presence/${SCHOOL_A}`)).body, { pupils: 5 });

  // A snapshot whose chunks are gone is not used: full replay, same state.
  await gw.stop('SIGKILL');
  const jsm = await jetstreamManager(stack.nc);
  await jsm.streams.purge(SNAPSHOT_STREAM, { filter: 'tapgate.snapshot.v1.main.chunk.>' });
  gw = await startGateway(stack, env);
  const full = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
  t.equal(full['snapshotStreamSeq'], null);
  t.ok(gw.logs.some((l) => /incomplete or corrupt/.test(String(l['msg']))), 'the broken snapshot is reported');
  t.match((await getJson(`${gw.opsUrl}/v1/presence/${SCHOOL_A}`)).body, { pupils: 5 });
  t.equal(Number((await topUp('p-4', 1_000)).balanceAfterKop), 17_000);
  t.equal(before[0]!.reason, Reason.DECISION_REASON_OK);
});
