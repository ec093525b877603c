// Integration: the device handshake over real WebSockets. A forged or unknown device, a wrong
// MAC, a replayed Auth, a frame before Auth, a silent socket and a disabled device each end with
// their documented close code; a second connection of a device replaces the first.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { tapgate } from '../../core/proto.js';
import {
  AUTH_TIMEOUT_MS, CloseCode, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_FRAMES_IN_FLIGHT, DEFAULT_MAX_TAPS_PER_FRAME, DEFAULT_REPEAT_WINDOW_MS,
  HEARTBEAT_INTERVAL_MS, handshakeMac, DEFAULT_DEVICE_TAPS_PER_S, DEFAULT_DEVICE_TAP_BURST, NONCE_BYTES, PROTOCOL_VERSION, SEQ_MEMORY,
} from '../../core/index.js';
import type { DeviceClient } from '../../simulator/device-client.js';
import { startGateway, startStack } from '../helpers/stack.js';
import { connect, ENTRY, makeFixture, open, Reason, tap, waitClose, type TestDevice } from '../helpers/gateway-fixtures.js';

const { DeviceFrame } = tapgate.device.v1;

const fx = makeFixture({ pupils: 2, staff: 1, turnstiles: 2 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-hs' });
t.teardown(() => gw.stop());
const ts = fx.turnstiles[0]!;

function authBytes(c: DeviceClient, deviceId: string, secret: Uint8Array): Uint8Array {
  return DeviceFrame.encode({ auth: { deviceId, mac: handshakeMac(secret, deviceId, c.challenge!.nonce!), firmwareVersion: 'test', deviceTimeMs: Date.now() } }).finish();
}

t.test('handshake - challenge and welcome carry the protocol values', async (t) => {
  const before = Date.now();
  const c = await open(gw);
  const ch = c.challenge!;
  t.equal(ch.nonce?.length, NONCE_BYTES);
  t.same([ch.protocolVersion, ch.authTimeoutMs], [PROTOCOL_VERSION, AUTH_TIMEOUT_MS]);
  t.ok(Number(ch.serverTimeMs) >= before - 5 && Number(ch.serverTimeMs) <= Date.now() + 5, 'challenge server_time_ms is now');
  const w = await c.authenticate(ts.id, ts.secret);
  const fields = ['lastDecidedSeq', 'maxFrameBytes', 'maxTapsPerFrame', 'maxFramesInFlight', 'heartbeatIntervalMs', 'repeatWindowMs', 'seqMemory',
    'tapRatePerS', 'tapBurst'] as const;
  t.same(Object.fromEntries(fields.map((f) => [f, w[f]])), {
    lastDecidedSeq: 0, maxFrameBytes: DEFAULT_MAX_FRAME_BYTES, maxTapsPerFrame: DEFAULT_MAX_TAPS_PER_FRAME,
    maxFramesInFlight: DEFAULT_MAX_FRAMES_IN_FLIGHT, heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS, repeatWindowMs: DEFAULT_REPEAT_WINDOW_MS, seqMemory: SEQ_MEMORY,
    tapRatePerS: DEFAULT_DEVICE_TAPS_PER_S, tapBurst: DEFAULT_DEVICE_TAP_BURST,
  });
  t.equal(typeof w.lastDecidedSeq, 'number', 'uint64 zero decodes as a number');
  t.ok(Number(w.serverTimeMs) >= before - 5 && Number(w.serverTimeMs) <= Date.now() + 5, 'welcome server_time_ms is now');
  c.close();
});

t.test('handshake - refused handshakes close with their codes', async (t) => {
  const other = fx.turnstiles[1]!;
  const cases: Array<{ name: string; send: (c: DeviceClient) => Uint8Array | string; code: number }> = [
    { name: 'unknown device id', code: CloseCode.UNKNOWN_DEVICE, send: (c) => authBytes(c, 'no-such-device', randomBytes(32)) },
    { name: 'forged device with a made-up secret', code: CloseCode.AUTH_FAILED, send: (c) => authBytes(c, ts.id, randomBytes(32)) },
    { name: "another device's secret", code: CloseCode.AUTH_FAILED, send: (c) => authBytes(c, ts.id, other.secret) },
    { name: 'MAC of 31 bytes', code: CloseCode.AUTH_FAILED,
      send: (c) => DeviceFrame.encode({ auth: { deviceId: ts.id, mac: handshakeMac(ts.secret, ts.id, c.challenge!.nonce!).subarray(0, 31) } }).finish() },
    { name: 'no MAC', code: CloseCode.AUTH_FAILED, send: () => DeviceFrame.encode({ auth: { deviceId: ts.id } }).finish() },
    { name: 'disabled device', code: CloseCode.DEVICE_DISABLED, send: (c) => authBytes(c, fx.disabled.id, fx.disabled.secret) },
    { name: 'disabled device, wrong MAC: the MAC is checked first', code: CloseCode.AUTH_FAILED, send: (c) => authBytes(c, fx.disabled.id, randomBytes(32)) },
    { name: 'TapBatch before Auth', code: CloseCode.AUTH_REQUIRED,
      send: () => DeviceFrame.encode({ taps: { taps: [{ seq: 1, cardUid: fx.pupils[0]!.uid, direction: ENTRY }] } }).finish() },
    { name: 'Status before Auth', code: CloseCode.AUTH_REQUIRED, send: () => DeviceFrame.encode({ status: { deviceTimeMs: Date.now() } }).finish() },
    { name: 'text before Auth', code: CloseCode.AUTH_REQUIRED, send: () => 'hello' },
    { name: 'garbage before Auth', code: CloseCode.AUTH_REQUIRED, send: () => Buffer.from('ffffffffffff', 'hex') },
    { name: 'empty message before Auth', code: CloseCode.AUTH_REQUIRED, send: () => new Uint8Array(0) },
  ];
  for (const c of cases) {
    const client = await open(gw);
    client.sendRaw(c.send(client));
    t.equal((await waitClose(client)).code, c.code, c.name);
    t.equal(client.received.filter((f) => f.body !== 'challenge').length, 0, `${c.name}: nothing but the challenge was sent`);
  }
});

t.test('handshake - a captured Auth cannot be replayed on another connection', async (t) => {
  const first = await open(gw);
  const captured = authBytes(first, ts.id, ts.secret);
  first.sendRaw(captured);
  const w = await first.nextFrame();
  t.equal(w.body, 'welcome', 'the original handshake succeeds');
  const second = await open(gw);
  t.notSame(Buffer.from(second.challenge!.nonce!), Buffer.from(first.challenge!.nonce!), 'every connection gets its own nonce');
  second.sendRaw(captured);
  t.equal((await waitClose(second)).code, CloseCode.AUTH_FAILED);
  t.equal(first.closed, null, 'the genuine session is untouched');
  const [d] = await tap(first, [{ seq: 1, uid: fx.pupils[0]!.uid, direction: ENTRY }]);
  t.equal(d!.reason, Reason.DECISION_REASON_OK);
  first.close();
});

t.test('handshake - no Auth within 5 s closes with 4006', async (t) => {
  const c = await open(gw);
  const opened = Date.now();
  const closed = await waitClose(c, AUTH_TIMEOUT_MS + 5000);
  const elapsed = Date.now() - opened;
  t.equal(closed.code, CloseCode.AUTH_TIMEOUT);
  // The deadline is checked once a second.
  t.ok(elapsed >= AUTH_TIMEOUT_MS - 50 && elapsed < AUTH_TIMEOUT_MS + 2000, `closed after ${elapsed} ms`);
});

t.test('handshake - a second connection of the same device replaces the first with 4004', async (t) => {
  const dev: TestDevice = fx.turnstiles[1]!;
  const old = await connect(gw, dev);
  const [d1] = await tap(old, [{ seq: 1, uid: fx.pupils[1]!.uid, direction: ENTRY }]);
  t.equal(d1!.reason, Reason.DECISION_REASON_OK);
  const fresh = await connect(gw, dev);
  t.equal((await waitClose(old)).code, CloseCode.REPLACED, 'the old connection is closed');
  t.equal(fresh.welcome?.lastDecidedSeq, 1);
  const [again, next] = await tap(fresh, [{ seq: 1, uid: fx.pupils[1]!.uid, direction: ENTRY }, { seq: 2, uid: fx.staff[0]!.uid, direction: ENTRY }]);
  t.same([again!.replayed, Number(again!.decidedAtMs)], [true, Number(d1!.decidedAtMs)], 'the new connection gets the original decision');
  t.same([next!.replayed, next!.reason], [false, Reason.DECISION_REASON_OK], 'and new decisions');
  t.equal(fresh.closed, null);
  fresh.close();
});
