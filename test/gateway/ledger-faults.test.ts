// Integration: the ledger's fault paths against real processes (ADR 0007). A paused broker
// (SIGSTOP) makes the gateway hold its decisions and refuse new frames, not exit; when the broker
// returns every held decision is answered and nothing is lost or doubled. A paused gateway whose
// ledger subject another gateway took over meanwhile lands nothing and answers nothing when it
// resumes: the broker refuses its appends, it closes its devices with 1013 and exits 75.
import t from 'tap';
import { tapgate } from '../../core/proto.js';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { TOP_UP_SUBJECT } from '../../gateway/shard/money-service.js';
import { jetStreamLedgerPort, LedgerWriter } from '../../gateway/shard/ledger.js';
import { createGatewayMetrics } from '../../gateway/metrics.js';
import { ensureLedgerStream } from '../../lib/index.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import {
  connect, countByKey, ENTRY, ErrorCode, ledgerEvents, makeFixture, nextError, readLedger, tap, waitClose, waitFor, within, WAIT_MS,
} from '../helpers/gateway-fixtures.js';

const { TopUpRequest, TopUpReply, TopUpStatus } = tapgate.money.v1;
const ACCOUNT = { id: 'acc-f', number: '40817009' };

t.test('ledger faults - a broker stall holds decisions and refuses new frames; no exit, answers resume, nothing lost or doubled', async (t) => {
  const stack = await startStack({ clickhouse: false });
  const fx = makeFixture({ pupils: 20 });
  await stack.loadRegistry(fx.doc);
  const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-stall', TAPGATE_REPEAT_WINDOW_MS: '0' });
  t.teardown(async () => { await gw.stop('SIGKILL'); process.kill(stack.nats.pid, 'SIGCONT'); await stack.stop(); });
  const ts = fx.turnstiles[0]!;
  const c = await connect(gw, ts);
  t.teardown(() => c.close());
  const uid = (i: number) => fx.pupils[i % fx.pupils.length]!.uid;
  const first = await tap(c, Array.from({ length: 10 }, (_, i) => ({ seq: i + 1, uid: uid(i), direction: ENTRY })));
  t.equal(first.length, 10);

  process.kill(stack.nats.pid, 'SIGSTOP');
  const held = c.tap([{ seq: 11, uid: uid(11), direction: ENTRY }]);
  // Longer than the 5 s append timeout that used to stop the gateway: the second stall report says so.
  await gw.waitForLog((l) => l['msg']?.toString().startsWith('ledger append outcome unknown') === true && Number(l['stalledMs']) >= 5000, 20_000);
  c.sendFrame({ taps: { taps: [{ seq: 12, cardUid: uid(12), direction: ENTRY, deviceTimeMs: Date.now() }] } });
  const refused = await nextError(c);
  t.equal(refused.code, ErrorCode.ERROR_CODE_OVERLOADED, 'a new frame is refused while the broker is away');
  t.equal(gw.child.exitCode, null, 'the gateway is still running');
  t.equal(c.received.filter((f) => f.body === 'decisions' && f.decisions!.decisions!.some((d) => Number(d.seq) === 11)).length, 0,
    'the held decision is not answered before it is durable');

  process.kill(stack.nats.pid, 'SIGCONT');
  const [d11] = await within(held, WAIT_MS, 'the held decision after the broker returned');
  t.equal(Number(d11!.seq), 11);
  t.equal(d11!.replayed, false);
  await gw.waitForLog((l) => l['msg'] === 'ledger appends landing again');
  const resent = await tap(c, [{ seq: 12, uid: uid(12), direction: ENTRY }]);
  t.equal(resent[0]!.replayed, false, 'the refused frame is decided when resent');

  const counts = countByKey((await ledgerEvents(stack.nc)).filter((e) => e.deviceId === ts.id));
  t.same([...counts.entries()].filter(([, n]) => n !== 1), [], 'no seq twice');
  t.equal(counts.size, 12, 'every seq once');
  t.equal(gw.child.exitCode, null);
});

t.test('ledger faults - a paused writer whose subject was taken over lands nothing and answers nothing', async (t) => {
  const stack = await startStack({ clickhouse: false });
  const fx = makeFixture({ pupils: 4 });
  await stack.loadRegistry({ ...fx.doc, accounts: [{ ...ACCOUNT, personId: fx.pupils[0]!.id }] });
  const env = { TAPGATE_GATEWAY_ID: 'gw-fence', TAPGATE_REPEAT_WINDOW_MS: '0' };
  const stale = await startGateway(stack, env);
  let successor: GatewayProcess | null = null;
  t.teardown(async () => {
    if (stale.child.exitCode === null) process.kill(stale.child.pid!, 'SIGCONT');
    await stale.stop('SIGKILL');
    await successor?.stop('SIGKILL');
    await stack.stop();
  });
  // The writer's boot id of the shard (random per opening), which its ledger batches carry.
  const staleBoot = String((await stale.waitForLog((l) => l['msg'] === 'shard opened'))['bootId']);
  const ts = fx.turnstiles[0]!;
  const c = await connect(stale, ts);
  const uid = fx.pupils[1]!.uid;
  await tap(c, [{ seq: 1, uid, direction: ENTRY }]);

  process.kill(stale.child.pid!, 'SIGSTOP');
  // Work reaches the paused gateway's sockets: a tap and a top-up it will decide on stale state.
  c.sendFrame({ taps: { taps: [{ seq: 2, cardUid: uid, direction: ENTRY, deviceTimeMs: Date.now() }] } });
  const topUp = stack.nc.request(TOP_UP_SUBJECT, TopUpRequest.encode({ channel: 'bank', paymentId: 'pay-stale',
    accountNumber: ACCOUNT.number, amountKop: 10_000 }).finish(), { timeout: 30_000 }).then((m) => TopUpReply.decode(m.data), () => null);
  await waitFor(async () => (await stack.nc.flush(), true), WAIT_MS, 'request sent');

  // Another gateway process: it sees the paused one's announcements go stale, waits for its lease
  // to expire, and takes the shard over (ADR 0018) before the paused one resumes.
  successor = await startGateway(stack, { ...env, TAPGATE_GATEWAY_ID: 'gw-fence-2' });
  await successor.waitForLog((l) => l['msg'] === 'shard opened', 30_000);
  process.kill(stale.child.pid!, 'SIGCONT');
  t.equal(await within(stale.exited, 20_000, 'the stale gateway exits'), 75);
  // Whichever it notices first on resuming: the broker refusing its append, or the lease renewal
  // finding the successor's entry. Either way it stops before answering (the broker's refusal
  // alone is proven in the next test).
  t.match(stale.output(), /GW_LEDGER_FENCED|GW_LEASE_LOST/);
  t.equal((await waitClose(c)).code, 1013, 'its devices are closed with TRY_AGAIN_LATER');
  t.equal(c.received.filter((f) => f.body === 'decisions' && f.decisions!.decisions!.some((d) => Number(d.seq) === 2)).length, 0,
    'the tap decided on stale state is never answered');
  // The request reached the paused gateway's money router, which only forwards: on resuming it
  // hands it to the shard's owner, and only the successor can make it durable (ADR 0018).
  const reply = await topUp;

  const ledger = await readLedger(stack.nc);
  const successorFence = ledger.findIndex((m) => m.batch.bootId !== staleBoot);
  t.ok(successorFence > 0, 'the successor fenced the subject');
  t.same(ledger.slice(successorFence).filter((m) => m.batch.bootId === staleBoot).map((m) => m.streamSeq), [],
    'nothing of the stale writer landed after the fence');
  const stalePay = ledger.filter((m) => m.batch.money.some((e) => e.topUp?.paymentId === 'pay-stale'));
  t.ok(stalePay.every((m) => m.batch.bootId !== staleBoot), 'a top-up in the ledger was decided by the successor');
  if (reply?.status === TopUpStatus.TOP_UP_STATUS_APPLIED) t.equal(stalePay.length, 1, 'a confirmed top-up is in the ledger once');

  // The device and the bank resend to the new owner and get fresh, single decisions.
  const c2 = await connect(successor, ts);
  t.teardown(() => c2.close());
  const [d2] = await tap(c2, [{ seq: 2, uid, direction: ENTRY }]);
  t.equal(d2!.replayed, false);
  const retried = TopUpReply.decode((await stack.nc.request(TOP_UP_SUBJECT, TopUpRequest.encode({ channel: 'bank', paymentId: 'pay-stale',
    accountNumber: ACCOUNT.number, amountKop: 10_000 }).finish(), { timeout: 10_000 })).data);
  t.equal(retried.status, stalePay.length === 1 ? TopUpStatus.TOP_UP_STATUS_DUPLICATE : TopUpStatus.TOP_UP_STATUS_APPLIED,
    'the bank\'s retry is applied once: now, or as a duplicate of the forwarded request');
  t.equal(Number(retried.balanceAfterKop), 10_000);
  t.equal((await readLedger(stack.nc)).flatMap((m) => m.batch.money).filter((e) => e.topUp?.paymentId === 'pay-stale').length, 1,
    'the payment is in the ledger once');
});

t.test('ledger faults - against the real broker, a writer whose subject another writer fenced lands nothing', async (t) => {
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  const jsm = await jetstreamManager(stack.nc);
  await ensureLedgerStream(jsm);
  const port = jetStreamLedgerPort(jetstream(stack.nc), jsm);
  const quiet = { warn: () => undefined, info: () => undefined };
  const make = (boot: string, failures: string[]) => new LedgerWriter(port, 'gw-real', 'gw-real', boot, { batchEventsMax: 64, pendingMax: 8 },
    createGatewayMetrics(), quiet, () => undefined, (err) => failures.push(err.code));
  const aFailures: string[] = [];
  const a = make('boot-a', aFailures);
  await a.open(0);
  a.add({ deviceId: 'd1', seq: 1, schoolId: 's1' });
  a.flush();
  t.equal(await a.whenDurable(2), true);
  // B replays up to A's last message and fences the subject; A still believes it owns it.
  const b = make('boot-b', []);
  await b.open(a.coveredStreamSeq);
  a.add({ deviceId: 'd1', seq: 2, schoolId: 's1' });
  a.flush();
  t.equal(await a.whenDurable(3), false, 'the stale append is never confirmed');
  t.same(aFailures, ['GW_LEDGER_FENCED']);
  const ledger = await readLedger(stack.nc);
  t.same(ledger.map((m) => `${m.batch.bootId}#${Number(m.batch.batchNo)}`), ['boot-a#1', 'boot-a#2', 'boot-b#1'], 'the broker refused it');
});
