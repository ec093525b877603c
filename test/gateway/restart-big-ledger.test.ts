// Integration: a gateway starts, and starts again after a SIGKILL, on a ledger of 5,000,000
// events with no snapshot, written in large batches (4,096 events, as a gateway with
// TAPGATE_LEDGER_BATCH_EVENTS_MAX=8192 writes them under load). Before the replay pulled bounded
// batches and yielded to the event loop, such a start overran the connection's pending limit at
// the server ("Slow Consumer Detected"), starved the lease and failed on every restart. Checks
// behaviour, not time: the device port opens, the state is the ledger's (highest seq, original
// decisions of retransmissions), and a new tap is decided once.
import t from 'tap';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { tapgate } from '../../core/proto.js';
import { Reason as CoreReason } from '../../core/index.js';
import { ensureLedgerStream, ledgerSubject } from '../../lib/index.js';
import { startGateway, startStack } from '../helpers/stack.js';
import { connect, ENTRY, EXIT, makeFixture, tap, Reason } from '../helpers/gateway-fixtures.js';

const EVENTS = 5_000_000;
const PER_MESSAGE = 4096;
const GATEWAY_ID = 'gw-big';
const START_MS = 600_000;

t.test('restart - a gateway serves after a SIGKILL with 5,000,000 ledger events and no snapshot', { timeout: 900_000 }, async (t) => {
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  const fx = makeFixture({ pupils: 50, turnstiles: 1 });
  await stack.loadRegistry(fx.doc);
  const ts = fx.turnstiles[0]!;
  // The ledger one boot of a gateway would have written: one turnstile, seqs 1..EVENTS, alternate entry and exit.
  await ensureLedgerStream(await jetstreamManager(stack.nc));
  const js = jetstream(stack.nc);
  const now = Date.now() - 3_600_000;
  const pending: Array<Promise<unknown>> = [];
  let batchNo = 0;
  for (let first = 1; first <= EVENTS; first += PER_MESSAGE) {
    const passes: tapgate.events.v1.IPassEvent[] = [];
    for (let seq = first; seq < first + PER_MESSAGE && seq <= EVENTS; seq++) {
      const p = fx.pupils[seq % fx.pupils.length]!;
      passes.push({ deviceId: ts.id, seq, schoolId: ts.schoolId, personId: p.id, identifierId: p.identifierId, personKind: 1,
        direction: Math.floor(seq / fx.pupils.length) % 2 === 0 ? ENTRY : EXIT, verdict: 1, reason: CoreReason.DECISION_REASON_OK,
        deviceTimeMs: now, decidedAtMs: now + seq });
    }
    const bytes = tapgate.events.v1.LedgerBatch.encode({ gatewayId: GATEWAY_ID, bootId: 'big-boot', batchNo: ++batchNo, passes, money: [] }).finish();
    pending.push(js.publish(ledgerSubject('main'), bytes, { msgID: `big.${batchNo}`, timeout: 30_000 }));
    if (pending.length >= 32) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);

  const env = { TAPGATE_GATEWAY_ID: GATEWAY_ID, TAPGATE_SNAPSHOT_INTERVAL_MS: '0', TAPGATE_SNAPSHOT_EVENTS: '0', TAPGATE_REPEAT_WINDOW_MS: '0' };
  const first = await startGateway(stack, env, START_MS);
  const c1 = await connect(first, ts);
  t.equal(Number(c1.welcome!.lastDecidedSeq), EVENTS, 'the replayed state knows the device\'s highest seq');
  const [old] = await tap(c1, [{ seq: EVENTS - 1, uid: fx.pupils[(EVENTS - 1) % fx.pupils.length]!.uid, direction: ENTRY }]);
  t.equal(old!.replayed, true, 'a retransmission gets the decision from the ledger');
  t.equal(Number(old!.decidedAtMs), now + EVENTS - 1);
  const [fresh] = await tap(c1, [{ seq: EVENTS + 1, uid: fx.pupils[0]!.uid, direction: ENTRY }]);
  t.equal(fresh!.replayed, false);
  t.not(fresh!.reason, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER);
  c1.close();

  await first.stop('SIGKILL');
  const second = await startGateway(stack, env, START_MS);
  t.teardown(() => second.stop('SIGKILL'));
  t.notMatch(second.output(), /GW_LEASE|GW_LEDGER/, 'no lease or ledger failure on the way');
  const c2 = await connect(second, ts);
  t.teardown(() => c2.close());
  t.equal(Number(c2.welcome!.lastDecidedSeq), EVENTS + 1);
  const [again] = await tap(c2, [{ seq: EVENTS + 1, uid: fx.pupils[0]!.uid, direction: ENTRY }]);
  t.equal(again!.replayed, true, 'the tap decided before the kill is not decided twice');
  t.equal(Number(again!.decidedAtMs), Number(fresh!.decidedAtMs));
});
