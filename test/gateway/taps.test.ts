// Integration: turnstile taps over real WebSockets against a real nats-server. Every tap gets
// exactly one decision with its seq; the registry rules give the documented reasons; the
// guard's screen data comes with allowed taps (and the person-showing denials) only; a
// repeated tap within the default window is refused with REPEATED_TAP.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { startGateway, startStack } from '../helpers/stack.js';
import {
  connect, displayOf, ENTRY, EXIT, ledgerEvents, makeFixture, plain, Reason, Seqs, tap, Verdict, SCHOOL_A, SCHOOL_B, type TestPerson,
} from '../helpers/gateway-fixtures.js';

const OK = { verdict: Verdict.VERDICT_ALLOW, reason: Reason.DECISION_REASON_OK };
const deny = (reason: number) => ({ verdict: Verdict.VERDICT_DENY, reason });

const fx = makeFixture({ pupils: 70, staff: 4 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
// Repeat window 0 for the rule table; the REPEATED_TAP test starts its own gateway below.
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-taps', TAPGATE_REPEAT_WINDOW_MS: '0' });
t.teardown(() => gw.stop());
const seqs = new Seqs();

t.test('taps - each registry rule gives its verdict, reason and display', async (t) => {
  const [p0, p2] = [fx.pupils[0]!, fx.pupils[2]!];
  const s0 = fx.staff[0]!;
  const ts = fx.turnstiles[0]!;
  const cases = [
    { name: 'pupil allowed with name, class, photo', device: ts, uid: p2.uid, want: { ...OK, display: displayOf(p2) } },
    { name: 'staff allowed, class empty', device: ts, uid: s0.uid, want: { ...OK, display: displayOf(s0) } },
    { name: 'valid temporary card shows its holder', device: ts, uid: fx.temporaryUid, want: { ...OK, display: displayOf(fx.pupils[1]!) } },
    { name: 'unknown card, no display', device: ts, uid: Buffer.from('0102030405', 'hex'), want: deny(Reason.DECISION_REASON_UNKNOWN_IDENTIFIER) },
    { name: 'expired temporary card, no display', device: ts, uid: fx.expiredUid, want: deny(Reason.DECISION_REASON_IDENTIFIER_EXPIRED) },
    { name: 'card of another school, no display', device: ts, uid: fx.otherPupil.uid, want: deny(Reason.DECISION_REASON_OTHER_SCHOOL) },
    { name: 'pupil at a staff-only door, shown', device: fx.staffOnly, uid: p0.uid,
      want: { ...deny(Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE), display: displayOf(p0) } },
    { name: 'staff at a staff-only door', device: fx.staffOnly, uid: s0.uid, want: { ...OK, display: displayOf(s0) } },
    { name: 'school B pupil at school B', device: fx.otherSchoolTurnstile, uid: fx.otherPupil.uid, want: { ...OK, display: displayOf(fx.otherPupil) } },
    { name: 'school A pupil at school B', device: fx.otherSchoolTurnstile, uid: p0.uid, want: deny(Reason.DECISION_REASON_OTHER_SCHOOL) },
  ];
  const clients = new Map<string, Awaited<ReturnType<typeof connect>>>();
  for (const c of cases) {
    let client = clients.get(c.device.id);
    if (client === undefined) { client = await connect(gw, c.device); clients.set(c.device.id, client); }
    const seq = seqs.take(c.device);
    const before = Date.now();
    const decisions = await tap(client, [{ seq, uid: c.uid, direction: ENTRY }]);
    t.equal(decisions.length, 1, `${c.name}: one decision`);
    t.same(plain(decisions[0]!), { seq, replayed: false, ...c.want }, c.name);
    const decidedAt = Number(decisions[0]!.decidedAtMs);
    t.ok(decidedAt >= before - 5 && decidedAt <= Date.now() + 5, `${c.name}: decided_at_ms ${decidedAt} is the gateway's now`);
  }
  // Exactly one decision per tap: no frame carried anything else.
  for (const client of clients.values()) {
    const all = client.received.flatMap((f) => f.decisions?.decisions ?? []).map((d) => Number(d.seq));
    t.same(all, [...new Set(all)], 'no seq decided twice');
    client.close();
  }
  // The ledger agrees with what the devices were told, with opaque ids only.
  const events = await ledgerEvents(stack.nc);
  const staffDoor = events.find((e) => e.deviceId === fx.staffOnly.id && e.reason === Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE);
  t.match(staffDoor, { schoolId: SCHOOL_A, personId: p0.id, identifierId: p0.identifierId, personKind: 1, className: p0.className,
    direction: ENTRY, verdict: Verdict.VERDICT_DENY, identifierKind: 'social_card' });
  const unknown = events.find((e) => e.reason === Reason.DECISION_REASON_UNKNOWN_IDENTIFIER);
  t.match(unknown, { deviceId: ts.id, personId: '', identifierId: '', personKind: 0, className: '' });
  const bAtB = events.find((e) => e.deviceId === fx.otherSchoolTurnstile.id && e.reason === Reason.DECISION_REASON_OK);
  t.match(bAtB, { schoolId: SCHOOL_B, personId: fx.otherPupil.id });
});

t.test('taps - a backlog of 64 taps in one frame gets 64 decisions with their seqs', async (t) => {
  const ts = fx.turnstiles[1]!;
  const client = await connect(gw, ts);
  t.teardown(() => client.close());
  const first = seqs.take(ts, 64);
  const backlog = Array.from({ length: 64 }, (_, i) => {
    // 62 pupils, then an unknown card and an expired one; entries and exits mixed.
    const uid = i < 62 ? fx.pupils[i + 2]!.uid : i === 62 ? Buffer.from('deadbeef00', 'hex') : fx.expiredUid;
    return { seq: first + i, uid, direction: i % 2 === 0 ? ENTRY : EXIT, deviceTimeMs: Date.now() - 3_600_000 + i };
  });
  const decisions = await tap(client, backlog);
  t.equal(decisions.length, 64);
  t.same(decisions.map((d) => Number(d.seq)), backlog.map((b) => b.seq), 'each decision carries its tap seq');
  t.same(decisions.slice(0, 62).map((d) => [d.verdict, d.reason, d.display?.displayName]),
    fx.pupils.slice(2, 64).map((p) => [Verdict.VERDICT_ALLOW, Reason.DECISION_REASON_OK, p.displayName]));
  t.same(plain(decisions[62]!), { seq: first + 62, replayed: false, ...deny(Reason.DECISION_REASON_UNKNOWN_IDENTIFIER) });
  t.same(plain(decisions[63]!), { seq: first + 63, replayed: false, ...deny(Reason.DECISION_REASON_IDENTIFIER_EXPIRED) });
  const received = client.received.flatMap((f) => f.decisions?.decisions ?? []);
  t.equal(received.length, 64, 'no decision sent twice');
  const events = (await ledgerEvents(stack.nc)).filter((e) => e.deviceId === ts.id);
  t.equal(events.length, 64, 'the ledger holds the 64 taps');
  t.same(events.map((e) => Number(e.deviceTimeMs)), backlog.map((b) => b.deviceTimeMs), 'device clocks recorded');
  t.same(events.map((e) => e.direction), backlog.map((b) => b.direction));
});

t.test('taps - several frames in flight are each answered once', async (t) => {
  const ts = fx.turnstiles[2]!;
  const client = await connect(gw, ts);
  t.teardown(() => client.close());
  const frames = Array.from({ length: 12 }, (_, f) => {
    const first = seqs.take(ts, 5);
    return Array.from({ length: 5 }, (_, i) => ({ seq: first + i, uid: fx.pupils[(f * 5 + i) % 60]!.uid, direction: ENTRY }));
  });
  const results = await Promise.all(frames.map((taps) => tap(client, taps)));
  t.same(results.map((r) => r.map((d) => Number(d.seq))), frames.map((f) => f.map((x) => x.seq)));
  t.equal(client.received.flatMap((f) => f.decisions?.decisions ?? []).length, 60);
});

t.test('taps - a repeated tap within the default 5000 ms window is REPEATED_TAP', async (t) => {
  // One gateway writes at a time (the writer lease): stop the window-0 gateway first (last test).
  await gw.stop('SIGTERM');
  // Two pupils no earlier test tapped: the shard's state (recent passes) carries over to its next owner.
  const fresh = (n: number): TestPerson => ({ ...fx.pupils[n]!, id: `a-p-fresh-${n}`, identifierId: `a-p-fresh-${n}-c1`, uid: randomBytes(7) });
  const [p, q] = [fresh(5), fresh(6)];
  await stack.loadRegistry({
    persons: [p, q].map((x) => ({ id: x.id, schoolId: x.schoolId, kind: 'pupil', displayName: x.displayName, className: x.className, photoRef: x.photoRef, photoConsent: true })),
    identifiers: [p, q].map((x) => ({ id: x.identifierId, personId: x.id, kind: 'social_card', uidHex: x.uid.toString('hex'), status: 'active' })) });
  const gw2 = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-repeat' });
  t.teardown(() => gw2.stop());
  const [a, b] = [fx.turnstiles[0]!, fx.turnstiles[1]!];
  const [ca, cb] = [await connect(gw2, a), await connect(gw2, b)];
  t.teardown(() => { ca.close(); cb.close(); });
  t.equal(ca.welcome?.repeatWindowMs, 5000);
  // The shard's state (presence of the earlier tests' taps) carries over to its next owner.
  const before = await fetch(`${gw2.opsUrl}/v1/presence/${SCHOOL_A}`).then((r) => r.json()) as { pupils: number; staff: number };
  const steps = [
    { name: 'first entry allowed', c: ca, d: a, uid: p.uid, dir: ENTRY, want: OK },
    { name: 'same card, same direction, other turnstile: repeated', c: cb, d: b, uid: p.uid, dir: ENTRY,
      want: deny(Reason.DECISION_REASON_REPEATED_TAP) },
    { name: 'exit is another direction: allowed', c: ca, d: a, uid: p.uid, dir: EXIT, want: OK },
    { name: 'exit again: repeated', c: ca, d: a, uid: p.uid, dir: EXIT, want: deny(Reason.DECISION_REASON_REPEATED_TAP) },
    { name: 'another person is not affected', c: ca, d: a, uid: q.uid, dir: ENTRY, want: OK },
  ];
  const decidedAtMs: number[] = [];
  for (const s of steps) {
    const seq = 1000 + seqs.take(s.d);
    const [d] = await tap(s.c, [{ seq, uid: s.uid, direction: s.dir }]);
    t.same(plain(d!), { seq, replayed: false, ...s.want, display: displayOf(s.uid === p.uid ? p : q) }, s.name);
    decidedAtMs.push(Number(d!.decidedAtMs));
  }
  // The window is measured from the last allowed tap: at 5000 ms it is over.
  const waitMs = decidedAtMs[2]! + 5000 - Date.now();
  if (waitMs > 0) await new Promise((r) => setTimeout(r, Math.min(waitMs + 20, 5100)));
  const seq = 1000 + seqs.take(a);
  const [after] = await tap(ca, [{ seq, uid: p.uid, direction: EXIT }]);
  t.same(plain(after!), { seq, replayed: false, ...OK, display: displayOf(p) }, 'allowed again once the window is over');
  // REPEATED_TAP changes no presence: q inside; p entered and left (twice).
  const presence = await fetch(`${gw2.opsUrl}/v1/presence/${SCHOOL_A}`).then((r) => r.json()) as Record<string, unknown>;
  t.match(presence, { pupils: before.pupils + 1, staff: before.staff, total: before.pupils + before.staff + 1 },
    'q inside; p entered and left');
});
