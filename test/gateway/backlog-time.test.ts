// Integration: a turnstile's backlog is judged by the device's clock. Entry, exit and entry an
// hour apart by the device clock, sent in one frame after a reconnection, are three allowed
// passes (not a repeat on the gateway's clock), the pupil is inside, and a restart rebuilds the
// same presence from the ledger. A live repeat is still a repeat.
import t from 'tap';
import { localDayBounds } from '../../core/index.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { connect, ENTRY, EXIT, getJson, makeFixture, Reason, SCHOOL_A, tap } from '../helpers/gateway-fixtures.js';

const ENV = { TAPGATE_GATEWAY_ID: 'gw-backlog' };
const fx = makeFixture({ pupils: 2, staff: 1, turnstiles: 1 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
let gw: GatewayProcess = await startGateway(stack, ENV);
t.teardown(() => gw.stop('SIGKILL'));
const OK = Reason.DECISION_REASON_OK;

async function pupilsInside(): Promise<unknown> {
  const r = await getJson(`${gw.opsUrl}/v1/presence/${SCHOOL_A}`);
  return (r.body as Record<string, unknown>)['pupils'];
}

t.test('backlog time - entry, exit, entry an hour apart in one frame are three passes; presence survives a restart', async (t) => {
  const [ts] = fx.turnstiles;
  const pupil = fx.pupils[0]!;
  const now = Date.now();
  // Keep the three taps within today (local), so that the check does not depend on the hour.
  const startMs = Math.max(localDayBounds('Europe/Moscow', now).startMs, now - 2 * 3_600_000);
  const stepMs = Math.floor((now - startMs) / 2);
  const c = await connect(gw, ts!);
  const ds = await tap(c, [
    { seq: 1, uid: pupil.uid, direction: ENTRY, deviceTimeMs: now - 2 * stepMs },
    { seq: 2, uid: pupil.uid, direction: EXIT, deviceTimeMs: now - stepMs },
    { seq: 3, uid: pupil.uid, direction: ENTRY, deviceTimeMs: now },
  ]);
  t.same(ds.map((d) => d.reason), [OK, OK, OK], `judged by the device clock (${stepMs} ms apart)`);
  t.equal(await pupilsInside(), 1, 'the pupil is inside');
  // A live repeat right after is still a repeat.
  const [again] = await tap(c, [{ seq: 4, uid: pupil.uid, direction: ENTRY }]);
  t.equal(again!.reason, Reason.DECISION_REASON_REPEATED_TAP, 'a live repeat within the window');
  c.close();
  await gw.stop('SIGKILL');
  gw = await startGateway(stack, ENV);
  t.equal(await pupilsInside(), 1, 'rebuilt from the ledger: still inside');
});
