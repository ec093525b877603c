// Integration: exactly-once taps. A retransmitted seq gets its original decision back
// (replayed=true, same decided_at_ms) and never a second ledger event: in the same frame's
// retransmission, after other taps, after a reconnection, after a graceful gateway restart and
// after a SIGKILL, where the state is rebuilt from the JetStream LEDGER stream.
import t, { type Test } from 'tap';
import type { Decision, TapInput } from '../../simulator/device-client.js';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import {
  connect, countByKey, ENTRY, EXIT, ledgerEvents, makeFixture, markRead, nextFrame, plain, Reason, tap, within, WAIT_MS, type PassEvent,
} from '../helpers/gateway-fixtures.js';

const GATEWAY_ID = 'gw-once';
const ENV = { TAPGATE_GATEWAY_ID: GATEWAY_ID, TAPGATE_REPEAT_WINDOW_MS: '0' };
const fx = makeFixture({ pupils: 100, staff: 4, turnstiles: 6 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
let gw: GatewayProcess = await startGateway(stack, ENV);
t.teardown(() => gw.stop('SIGKILL'));

/** Every decision the devices heard first (not replayed), by `${device}#${seq}`. */
const originals = new Map<string, Decision>();
const key = (deviceId: string, seq: number) => `${deviceId}#${seq}`;

const events = async (): Promise<PassEvent[]> => (await ledgerEvents(stack.nc)).filter((e) => e.deviceId?.startsWith('a-ts-'));

function sameAsOriginal(t: Test, deviceId: string, d: Decision, what: string): void {
  const orig = originals.get(key(deviceId, Number(d.seq)));
  t.ok(orig, `${what}: seq ${Number(d.seq)} was decided before`);
  t.same({ ...plain(d), decidedAtMs: Number(d.decidedAtMs) },
    { ...plain(orig!), replayed: true, decidedAtMs: Number(orig!.decidedAtMs) }, `${what}: seq ${Number(d.seq)} gets its original decision`);
}

function remember(deviceId: string, ds: readonly Decision[]): void {
  for (const d of ds) if (d.replayed !== true) originals.set(key(deviceId, Number(d.seq)), d);
}

async function assertLedgerExactlyOnce(t: Test, deviceId: string, seqsSent: readonly number[]): Promise<void> {
  const counts = countByKey(await events());
  const wrong = seqsSent.filter((s) => counts.get(key(deviceId, s)) !== 1).map((s) => [s, counts.get(key(deviceId, s)) ?? 0]);
  t.same(wrong, [], `${deviceId}: each of ${seqsSent.length} seqs is in the ledger exactly once`);
}

const ts1 = fx.turnstiles[0]!;
const ts2 = fx.turnstiles[1]!;
const ts3 = fx.turnstiles[2]!;
const pupilTaps = (first: number, n: number, offset = 0): TapInput[] =>
  Array.from({ length: n }, (_, i) => ({ seq: first + i, uid: fx.pupils[(offset + i) % fx.pupils.length]!.uid, direction: i % 2 ? EXIT : ENTRY }));

t.test('exactly once - a retransmitted seq gets the original decision and no second event', async (t) => {
  const c = await connect(gw, ts1);
  t.teardown(() => c.close());
  const first = pupilTaps(1, 4).concat([{ seq: 5, uid: Buffer.from('0a0b0c0d', 'hex'), direction: ENTRY }]);
  const ds = await tap(c, first);
  t.same(ds.map((d) => [Number(d.seq), d.replayed]), first.map((x) => [x.seq, false]));
  t.equal(ds[4]!.reason, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER);
  remember(ts1.id, ds);

  // The same frame twice back to back: the second copy is answered from memory.
  const second = pupilTaps(6, 3, 4);
  markRead(c);
  c.sendFrame({ taps: { taps: second.map((x) => ({ ...x, cardUid: x.uid })) } });
  c.sendFrame({ taps: { taps: second.map((x) => ({ ...x, cardUid: x.uid })) } });
  const heard: Decision[] = [];
  for (let i = 0; i < 10 && heard.length < 6; i++) heard.push(...((await nextFrame(c)).decisions?.decisions ?? []));
  t.equal(heard.length, 6, 'both copies answered');
  t.same(heard.slice(0, 3).map((d) => d.replayed), [false, false, false], 'first copy: new decisions');
  remember(ts1.id, heard.slice(0, 3));
  for (const d of heard.slice(3)) sameAsOriginal(t, ts1.id, d, 'second copy');

  // After other taps: resend the first frame, and a frame mixing an old seq with a new one.
  const more = await tap(c, pupilTaps(9, 10, 7));
  remember(ts1.id, more);
  for (const d of await tap(c, first)) sameAsOriginal(t, ts1.id, d, 'later');
  const mixed = await tap(c, [{ seq: 2, uid: fx.pupils[1]!.uid, direction: EXIT }, { seq: 19, uid: fx.pupils[20]!.uid, direction: ENTRY }]);
  sameAsOriginal(t, ts1.id, mixed[0]!, 'mixed frame, old seq');
  t.equal(mixed[1]!.replayed, false, 'mixed frame, new seq decided fresh');
  remember(ts1.id, mixed.slice(1));
  // A retransmission is matched by seq alone: a different card under a decided seq changes nothing.
  const [other] = await tap(c, [{ seq: 5, uid: fx.pupils[0]!.uid, direction: ENTRY }]);
  sameAsOriginal(t, ts1.id, other!, 'same seq, other card');

  // After a reconnection.
  c.close();
  const c2 = await connect(gw, ts1);
  t.teardown(() => c2.close());
  t.equal(c2.welcome?.lastDecidedSeq, 19, 'Welcome.last_decided_seq after reconnecting');
  for (const d of await tap(c2, pupilTaps(1, 19))) sameAsOriginal(t, ts1.id, d, 'after reconnect');
  await assertLedgerExactlyOnce(t, ts1.id, Array.from({ length: 19 }, (_, i) => i + 1));
  t.equal((await events()).filter((e) => e.deviceId === ts1.id).length, 19, 'no event beyond the 19 taps');
});

t.test('exactly once - after a graceful restart the state is rebuilt from the ledger', async (t) => {
  const c = await connect(gw, ts2);
  const ds = await tap(c, pupilTaps(1, 30, 3));
  remember(ts2.id, ds);
  const exitCode = await within(gw.stop('SIGTERM'), 20_000, 'gateway exit');
  t.equal(exitCode, 0, 'SIGTERM exits 0');
  t.equal((await within(c.waitClose(), WAIT_MS, 'close')).code, 1001, 'devices are told the gateway is going away');
  gw = await startGateway(stack, ENV);
  const replayedLine = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
  // A graceful stop leaves a snapshot, so the state comes from it and the ledger after it.
  t.ok(replayedLine['snapshotStreamSeq'] !== null || Number(replayedLine['events']) >= 49,
    `rebuilt from snapshot ${String(replayedLine['snapshotStreamSeq'])} plus ${String(replayedLine['events'])} replayed events`);
  const c1 = await connect(gw, ts1);
  const c2 = await connect(gw, ts2);
  const c3 = await connect(gw, ts3);
  t.teardown(() => { c1.close(); c2.close(); c3.close(); });
  t.same([c1.welcome?.lastDecidedSeq, c2.welcome?.lastDecidedSeq, c3.welcome?.lastDecidedSeq], [19, 30, 0], 'Welcome.last_decided_seq per device');
  for (const d of await tap(c2, pupilTaps(1, 30, 3))) sameAsOriginal(t, ts2.id, d, 'after restart');
  for (const d of await tap(c1, pupilTaps(1, 19))) sameAsOriginal(t, ts1.id, d, 'after restart, other device');
  const fresh = await tap(c2, pupilTaps(31, 2));
  t.same(fresh.map((d) => [Number(d.seq), d.replayed]), [[31, false], [32, false]], 'new seqs continue');
  remember(ts2.id, fresh);
  await assertLedgerExactlyOnce(t, ts2.id, Array.from({ length: 32 }, (_, i) => i + 1));
  await assertLedgerExactlyOnce(t, ts1.id, Array.from({ length: 19 }, (_, i) => i + 1));
});

t.test('exactly once - after a SIGKILL every answered tap is in the ledger once and answered the same', async (t) => {
  const devices = fx.turnstiles.slice(2);
  const clients = await Promise.all(devices.map((d) => connect(gw, d)));
  const PER_FRAME = 64;
  const FRAMES_MAX = 200;
  const KILL_AFTER_DECISIONS = 3000;
  let decided = 0;
  let killed = false;
  const sent = devices.map(() => [] as TapInput[]);
  // Each device streams full frames, keeping up to 16 in flight, until the gateway dies: so taps
  // are in every stage (in a worker, in a ledger append, in a reply) at the moment of the kill.
  const stream = async (k: number) => {
    const inFlight = new Set<Promise<unknown>>();
    for (let f = 0; f < FRAMES_MAX && !killed; f++) {
      for (let i = 0; i < 1000 && inFlight.size >= 16 && !killed; i++) await within(Promise.race(inFlight), WAIT_MS, 'a frame answered');
      if (killed) break;
      const taps = pupilTaps(1 + f * PER_FRAME, PER_FRAME, f + k);
      sent[k]!.push(...taps);
      const p = clients[k]!.tap(taps).then((ds) => {
        decided += ds.length;
        if (decided >= KILL_AFTER_DECISIONS && !killed) { killed = true; gw.child.kill('SIGKILL'); }
      }, () => undefined);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  };
  await Promise.all(devices.map((_, k) => stream(k)));
  t.ok(killed, 'the gateway was killed mid-stream');
  t.equal(await within(gw.exited, WAIT_MS, 'gateway death'), null, 'killed by a signal');
  await Promise.all(clients.map((c) => within(c.waitClose(), WAIT_MS, 'socket close')));
  const heard = clients.map((c) => c.received.flatMap((f) => f.decisions?.decisions ?? []));
  devices.forEach((d, k) => remember(d.id, heard[k]!));

  gw = await startGateway(stack, ENV);
  const again = await Promise.all(devices.map((d) => connect(gw, d)));
  t.teardown(() => again.forEach((c) => c.close()));
  for (const [k, d] of devices.entries()) {
    const heardSeqs = new Set(heard[k]!.map((x) => Number(x.seq)));
    const lastDecided = Number(again[k]!.welcome?.lastDecidedSeq);
    const highestHeard = Math.max(0, ...heardSeqs);
    t.ok(lastDecided >= highestHeard && lastDecided <= sent[k]!.length,
      `${d.id}: last_decided_seq ${lastDecided} covers every answered seq (${highestHeard}) and no unsent one (${sent[k]!.length})`);
    // The ledger already holds every tap the device heard about, exactly once.
    await assertLedgerExactlyOnce(t, d.id, [...heardSeqs]);
    // The device retransmits its whole store; answered taps get their originals back.
    const after: Decision[] = [];
    for (let i = 0; i < sent[k]!.length; i += PER_FRAME) after.push(...await tap(again[k]!, sent[k]!.slice(i, i + PER_FRAME)));
    t.same(after.map((x) => Number(x.seq)), sent[k]!.map((x) => x.seq), `${d.id}: every stored tap answered`);
    let durableUnheard = 0;
    const notOriginal: number[] = [];
    for (const x of after) {
      const orig = originals.get(key(d.id, Number(x.seq)));
      if (heardSeqs.has(Number(x.seq))) {
        if (!(x.replayed === true && Number(x.decidedAtMs) === Number(orig?.decidedAtMs) && x.reason === orig?.reason)) notOriginal.push(Number(x.seq));
      } else if (x.replayed === true) durableUnheard++;
    }
    t.same(notOriginal, [], `${d.id}: answered taps get their original decision back`);
    t.comment(`${d.id}: ${heardSeqs.size} of ${sent[k]!.length} answered before the kill; ${durableUnheard} durable but unanswered; ` +
      `${sent[k]!.length - heardSeqs.size - durableUnheard} decided after the restart`);
    await assertLedgerExactlyOnce(t, d.id, sent[k]!.map((x) => x.seq));
    // A second retransmission: every one replayed, still one event each.
    const replays: number[] = [];
    for (let i = 0; i < sent[k]!.length; i += PER_FRAME) {
      replays.push(...(await tap(again[k]!, sent[k]!.slice(i, i + PER_FRAME))).filter((x) => x.replayed !== true).map((x) => Number(x.seq)));
    }
    t.same(replays, [], `${d.id}: second retransmission all replayed`);
    await assertLedgerExactlyOnce(t, d.id, sent[k]!.map((x) => x.seq));
  }
});
