// Integration: presence, who is inside each school now, from a mix of entries and exits of pupils
// and staff on two turnstiles (and denied taps, which count for nothing). The counts are exact,
// served by GET /v1/presence/<school>, and survive a graceful restart and a SIGKILL because the
// gateway rebuilds them from the ledger.
import t, { type Test } from 'tap';
import { localDayBounds } from '../../core/index.js';
import type { DeviceClient } from '../../simulator/device-client.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import {
  connect, ENTRY, EXIT, getJson, makeFixture, Reason, SCHOOL_A, SCHOOL_B, tap, within, type TestDevice, type TestPerson,
} from '../helpers/gateway-fixtures.js';

const ENV = { TAPGATE_GATEWAY_ID: 'gw-presence', TAPGATE_REPEAT_WINDOW_MS: '0' };
const fx = makeFixture({ pupils: 8, staff: 4, turnstiles: 2 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
let gw: GatewayProcess = await startGateway(stack, ENV);
t.teardown(() => gw.stop('SIGKILL'));

const [ts1, ts2] = [fx.turnstiles[0]!, fx.turnstiles[1]!];
const P = fx.pupils;
const S = fx.staff;
const seqs = new Map<string, number>();

async function pass(clients: Map<string, DeviceClient>, d: TestDevice, uid: Buffer, direction: number): Promise<number> {
  const seq = (seqs.get(d.id) ?? 0) + 1;
  seqs.set(d.id, seq);
  const [decision] = await tap(clients.get(d.id)!, [{ seq, uid, direction }]);
  return decision!.reason ?? 0;
}

async function connectAll(): Promise<Map<string, DeviceClient>> {
  const devices = [ts1, ts2, fx.staffOnly, fx.otherSchoolTurnstile];
  return new Map(await Promise.all(devices.map(async (d) => [d.id, await connect(gw, d)] as const)));
}

async function presence(schoolId: string): Promise<Record<string, unknown>> {
  const r = await getJson(`${gw.opsUrl}/v1/presence/${schoolId}`);
  return { status: r.status, ...(r.body as Record<string, unknown>) };
}

function expected(schoolId: string, timeZone: string, pupils: number, staff: number): Record<string, unknown> {
  return { status: 200, schoolId, timeZone, dayStartMs: localDayBounds(timeZone, Date.now()).startMs, pupils, staff, total: pupils + staff };
}

const OK = Reason.DECISION_REASON_OK;
/** The day's passes: device, person (or raw UID), direction, the reason the device must be told. */
const DAY: Array<[TestDevice, TestPerson | Buffer, number, number]> = [
  [ts1, P[0]!, ENTRY, OK], [ts2, P[1]!, ENTRY, OK], [ts1, P[2]!, ENTRY, OK],
  [ts2, P[2]!, ENTRY, OK], // entered twice without leaving: counted once
  [ts1, P[3]!, EXIT, OK], // left without having entered: changes nothing
  [ts2, P[1]!, EXIT, OK], // P1 is out again
  [ts1, P[4]!, ENTRY, OK], [ts2, P[4]!, EXIT, OK], [ts1, P[4]!, ENTRY, OK], // in, out, in
  [ts2, P[5]!, ENTRY, OK], [ts1, P[5]!, EXIT, OK], [ts2, P[5]!, EXIT, OK], // in, out, out again
  [ts1, S[0]!, ENTRY, OK], [ts2, S[1]!, ENTRY, OK], [ts1, S[1]!, EXIT, OK], [ts2, S[2]!, EXIT, OK],
  [fx.staffOnly, S[3]!, ENTRY, OK], // staff door
  // Denied taps count for nothing.
  [fx.staffOnly, P[6]!, ENTRY, Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE],
  [ts1, fx.expiredUid, ENTRY, Reason.DECISION_REASON_IDENTIFIER_EXPIRED],
  [ts2, Buffer.from('0badcafe', 'hex'), ENTRY, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER],
  [ts1, fx.otherPupil, ENTRY, Reason.DECISION_REASON_OTHER_SCHOOL],
  [ts1, P[0]!, EXIT, OK], [ts2, P[0]!, ENTRY, OK], // P0: out and back in
  [fx.otherSchoolTurnstile, fx.otherPupil, ENTRY, OK], // school B
  [fx.otherSchoolTurnstile, P[7]!, ENTRY, Reason.DECISION_REASON_OTHER_SCHOOL],
];
// Inside school A: pupils P0, P2, P4; staff S0, S3. School B: its pupil.
const A_PUPILS = 3;
const A_STAFF = 2;

t.test('presence - exact counts after a mix of entries and exits', async (t) => {
  const clients = await connectAll();
  t.teardown(() => clients.forEach((c) => c.close()));
  t.same(await presence(SCHOOL_A), expected(SCHOOL_A, 'Europe/Moscow', 0, 0), 'nobody inside before the first tap');
  const reasons: number[] = [];
  for (const [d, who, dir] of DAY) reasons.push(await pass(clients, d, Buffer.isBuffer(who) ? who : who.uid, dir));
  t.same(reasons, DAY.map((x) => x[3]), 'every tap got the expected reason');
  t.same(await presence(SCHOOL_A), expected(SCHOOL_A, 'Europe/Moscow', A_PUPILS, A_STAFF));
  t.same(await presence(SCHOOL_B), expected(SCHOOL_B, 'Asia/Yekaterinburg', 1, 0));
  t.same(await presence('sch-none'), { status: 404, error: { code: 'UNKNOWN_SCHOOL', message: 'no school sch-none' } });
});

async function checkAfterRestart(t: Test, how: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const code = await within(gw.stop(how), 20_000, 'gateway exit');
  t.equal(code, how === 'SIGTERM' ? 0 : null, `${how}: exit ${code}`);
  gw = await startGateway(stack, ENV);
  t.same(await presence(SCHOOL_A), expected(SCHOOL_A, 'Europe/Moscow', A_PUPILS, A_STAFF), `${how}: school A rebuilt from the ledger`);
  t.same(await presence(SCHOOL_B), expected(SCHOOL_B, 'Asia/Yekaterinburg', 1, 0), `${how}: school B rebuilt`);
}

t.test('presence - counts survive a graceful restart and who is inside is remembered', async (t) => {
  await checkAfterRestart(t, 'SIGTERM');
  const clients = await connectAll();
  t.teardown(() => clients.forEach((c) => c.close()));
  // The rebuilt state knows who is inside, not just how many.
  t.equal(await pass(clients, ts1, P[2]!.uid, ENTRY), OK);
  t.same(await presence(SCHOOL_A), expected(SCHOOL_A, 'Europe/Moscow', A_PUPILS, A_STAFF), 'P2 entering again changes nothing');
  t.equal(await pass(clients, ts2, P[2]!.uid, EXIT), OK);
  t.equal(await pass(clients, ts2, P[3]!.uid, EXIT), OK);
  t.equal(await pass(clients, ts1, S[2]!.uid, ENTRY), OK);
  t.same(await presence(SCHOOL_A), expected(SCHOOL_A, 'Europe/Moscow', A_PUPILS - 1, A_STAFF + 1), 'P2 out, S2 in');
  t.equal(await pass(clients, ts1, P[2]!.uid, ENTRY), OK);
  t.equal(await pass(clients, ts1, S[2]!.uid, EXIT), OK);
  t.same(await presence(SCHOOL_A), expected(SCHOOL_A, 'Europe/Moscow', A_PUPILS, A_STAFF), 'back to the day\'s counts');
});

t.test('presence - counts survive a SIGKILL', async (t) => {
  await checkAfterRestart(t, 'SIGKILL');
});
