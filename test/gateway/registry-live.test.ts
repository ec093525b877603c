// Integration: registry changes made through the NATS KV registry take effect in a running
// gateway within a second, without a restart: a blocked card is refused, an unblocked or new card
// is allowed, a disabled device is disconnected with 4003 and refused at its next handshake.
import t, { type Test } from 'tap';
import { randomBytes } from 'node:crypto';
import { CloseCode } from '../../core/index.js';
import { DeviceClient, DeviceClosedError, type Decision } from '../../simulator/device-client.js';
import { startGateway, startStack } from '../helpers/stack.js';
import {
  connect, displayOf, ENTRY, identifierDoc, makeFixture, plain, Reason, SCHOOL_A, tap, Verdict, waitClose, within, WAIT_MS,
  type TestPerson,
} from '../helpers/gateway-fixtures.js';

/** A registry change must show in decisions within this many ms. */
const TAKES_EFFECT_MS = 1000;

const fx = makeFixture({ pupils: 4, staff: 1, turnstiles: 2 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-reg', TAPGATE_REPEAT_WINDOW_MS: '0' });
t.teardown(() => gw.stop());
const ts = fx.turnstiles[0]!;
let seq = 0;

/**
 * Taps `uid` with new seqs until a decision has `reason` (bounded by count and time); returns the
 * ms from `sinceMs` to that decision and the decisions seen.
 */
async function tapUntil(c: DeviceClient, uid: Buffer, reason: number, sinceMs: number): Promise<{ ms: number; seen: Decision[] }> {
  const seen: Decision[] = [];
  for (let i = 0; i < 1000 && Date.now() - sinceMs < 3 * TAKES_EFFECT_MS; i++) {
    const [d] = await tap(c, [{ seq: ++seq, uid, direction: ENTRY }]);
    seen.push(d!);
    if (d!.reason === reason) return { ms: Date.now() - sinceMs, seen };
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no decision with reason ${reason} within ${3 * TAKES_EFFECT_MS} ms (last: ${seen.at(-1)?.reason})`);
}

/** After the change has had its second, every worker answers with the new reason. */
async function allAfterwards(t: Test, c: DeviceClient, uid: Buffer, want: Record<string, unknown>, changedAtMs: number): Promise<void> {
  const wait = changedAtMs + TAKES_EFFECT_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const first = seq + 1;
  const ds = await tap(c, Array.from({ length: 32 }, (_, i) => ({ seq: first + i, uid, direction: ENTRY })));
  seq += 32;
  t.same(ds.map((d) => { const p = plain(d); delete p['seq']; return p; }), ds.map(() => ({ ...want, replayed: false })), '32 more taps, all agree');
}

t.test('registry - a card blocked in the registry is refused within a second, and allowed again when unblocked', async (t) => {
  const c = await connect(gw, ts);
  t.teardown(() => c.close());
  const p: TestPerson = fx.pupils[0]!;
  const [before] = await tap(c, [{ seq: ++seq, uid: p.uid, direction: ENTRY }]);
  t.equal(before!.reason, Reason.DECISION_REASON_OK, 'active card allowed');

  const blockedAt = Date.now();
  await within(stack.loadRegistry(identifierDoc(p, 'blocked')), WAIT_MS, 'registry load');
  const blocked = await tapUntil(c, p.uid, Reason.DECISION_REASON_IDENTIFIER_BLOCKED, blockedAt);
  t.ok(blocked.ms < TAKES_EFFECT_MS, `blocked after ${blocked.ms} ms (${blocked.seen.length} taps)`);
  t.same(plain(blocked.seen.at(-1)!), { seq, verdict: Verdict.VERDICT_DENY, reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED, replayed: false },
    'no display for a blocked card');
  await allAfterwards(t, c, p.uid, { verdict: Verdict.VERDICT_DENY, reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED }, blockedAt);

  const unblockedAt = Date.now();
  await within(stack.loadRegistry(identifierDoc(p, 'active')), WAIT_MS, 'registry load');
  const allowed = await tapUntil(c, p.uid, Reason.DECISION_REASON_OK, unblockedAt);
  t.ok(allowed.ms < TAKES_EFFECT_MS, `allowed again after ${allowed.ms} ms`);
  await allAfterwards(t, c, p.uid, { verdict: Verdict.VERDICT_ALLOW, reason: Reason.DECISION_REASON_OK, display: displayOf(p) }, unblockedAt);
});

t.test('registry - a card issued while the gateway runs is allowed within a second', async (t) => {
  const c = await connect(gw, ts);
  t.teardown(() => c.close());
  const uid = randomBytes(8);
  const [unknown] = await tap(c, [{ seq: ++seq, uid, direction: ENTRY }]);
  t.equal(unknown!.reason, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, 'not issued yet');
  const p: TestPerson = { id: 'a-p-new', schoolId: SCHOOL_A, kind: 'pupil', displayName: 'Новикова Тест', className: '1А', photoRef: 'photo:a-p-new',
    identifierId: 'a-p-new-c1', uid };
  const issuedAt = Date.now();
  await within(stack.loadRegistry({
    persons: [{ id: p.id, schoolId: p.schoolId, kind: p.kind, displayName: p.displayName, className: p.className, photoRef: p.photoRef, photoConsent: true }],
    identifiers: [{ id: p.identifierId, personId: p.id, kind: 'bracelet', uidHex: uid.toString('hex') }],
  }), WAIT_MS, 'registry load');
  const allowed = await tapUntil(c, uid, Reason.DECISION_REASON_OK, issuedAt);
  t.ok(allowed.ms < TAKES_EFFECT_MS, `allowed after ${allowed.ms} ms`);
  t.same(plain(allowed.seen.at(-1)!).display, displayOf(p));
});

t.test('registry - disabling a connected device closes its socket with 4003 within a second', async (t) => {
  const dev = fx.turnstiles[1]!;
  const record = fx.doc['devices']!.find((d) => (d as { id: string }).id === dev.id) as Record<string, unknown>;
  const c = await connect(gw, dev);
  const [d] = await tap(c, [{ seq: 1, uid: fx.staff[0]!.uid, direction: ENTRY }]);
  t.equal(d!.reason, Reason.DECISION_REASON_OK);
  const disabledAt = Date.now();
  await within(stack.loadRegistry({ devices: [{ ...record, enabled: false }] }), WAIT_MS, 'registry load');
  const closed = await waitClose(c, TAKES_EFFECT_MS * 3);
  const ms = Date.now() - disabledAt;
  t.equal(closed.code, CloseCode.DEVICE_DISABLED);
  t.ok(ms < TAKES_EFFECT_MS, `closed ${ms} ms after the change`);
  const refused = await DeviceClient.connect(gw.deviceUrl, dev.id, dev.secret).then(() => null, (err: unknown) => err);
  t.ok(refused instanceof DeviceClosedError && refused.code === CloseCode.DEVICE_DISABLED, 'the next handshake is refused with 4003');
  // The other device is untouched; enabling again lets the device back in.
  const other = await connect(gw, ts);
  t.teardown(() => other.close());
  const [o] = await tap(other, [{ seq: ++seq, uid: fx.pupils[2]!.uid, direction: ENTRY }]);
  t.equal(o!.reason, Reason.DECISION_REASON_OK);
  await within(stack.loadRegistry({ devices: [record] }), WAIT_MS, 'registry load');
  const back = await within((async () => {
    for (let i = 0; i < 100; i++) {
      const r = await DeviceClient.connect(gw.deviceUrl, dev.id, dev.secret).catch(() => null);
      if (r !== null) return r;
      await new Promise((res) => setTimeout(res, 20));
    }
    throw new Error('device not let back in');
  })(), WAIT_MS, 're-enabled device connects');
  t.teardown(() => back.close());
  t.equal(back.welcome?.lastDecidedSeq, 1);
});
