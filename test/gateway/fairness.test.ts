// Integration: per-device fairness. A device over its tap bucket is refused with RATE_LIMITED
// naming the frame's first seq and when to resend; a device that floods (frames past its
// in-flight limit without reading) is refused, each Error naming its frame, then closed with
// 4008, and its next session within the penalty is closed with 4008 right after Auth; another
// device's taps are decided correctly all the while; /metrics counts all of it.
import t from 'tap';
import { CloseCode, FLOOD_REFUSALS_BEFORE_CLOSE } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import { DeviceClient, DeviceClosedError } from '../../simulator/device-client.js';
import { startGateway, startStack } from '../helpers/stack.js';
import {
  connect, countByKey, displayOf, ENTRY, ErrorCode, EXIT, ledgerEvents, makeFixture, nextError, plain, Reason, tap, Verdict,
  waitClose, waitFor, within, WAIT_MS,
} from '../helpers/gateway-fixtures.js';

const { DeviceFrame } = tapgate.device.v1;
const fx = makeFixture({ pupils: 10, staff: 2, turnstiles: 4 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
const TAPS_PER_S = 1;
const BURST = 1024;
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-fair', TAPGATE_REPEAT_WINDOW_MS: '0',
  TAPGATE_DEVICE_TAPS_PER_S: String(TAPS_PER_S), TAPGATE_DEVICE_TAP_BURST: String(BURST) });
t.teardown(() => gw.stop());
const [goodDev, burstDev, floodDev] = [fx.turnstiles[0]!, fx.turnstiles[1]!, fx.turnstiles[2]!];
const pupil = fx.pupils[0]!;
const taps = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ seq: from + i, uid: pupil.uid, direction: (from + i) % 2 ? ENTRY : EXIT }));
const errorOf = (e: tapgate.device.v1.IError) => ({ code: e.code ?? 0, seq: Number(e.seq ?? 0) });

async function metric(line: string): Promise<number> {
  const text = await (await fetch(`${gw.opsUrl}/metrics`, { signal: AbortSignal.timeout(WAIT_MS) })).text();
  const found = text.split('\n').find((l) => l.startsWith(line + ' '));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

t.test('fairness - Welcome announces the bucket; past it a frame is RATE_LIMITED with its first seq and the wait', async (t) => {
  const c = await connect(gw, burstDev);
  t.teardown(() => c.close());
  t.same([c.welcome?.tapRatePerS, c.welcome?.tapBurst], [TAPS_PER_S, BURST], 'Welcome carries the limit');
  const started = Date.now();
  // The whole burst, 16 frames of 64 taps in flight at once: a backlog after a reconnection.
  const decided = (await Promise.all(Array.from({ length: BURST / 64 }, (_, f) => tap(c, taps(1 + f * 64, 64))))).flat();
  t.equal(decided.length, BURST, 'the burst is decided');
  c.sendFrame({ taps: { taps: taps(BURST + 1, 64).map((x) => ({ seq: x.seq, cardUid: x.uid, direction: x.direction })) } });
  const err = await nextError(c);
  t.same(errorOf(err), { code: ErrorCode.ERROR_CODE_RATE_LIMITED, seq: BURST + 1 }, 'refused, naming the frame');
  const waitMs = err.retryAfterMs ?? 0;
  const refilled = Math.floor(((Date.now() - started) * TAPS_PER_S) / 1000);
  t.ok(waitMs <= 64_000 && waitMs >= 64_000 - (refilled + 1) * 1000, `retry_after_ms ${waitMs}: 64 taps at 1/s less what refilled`);
  t.equal(c.closed, null, 'one refusal does not close');
  t.equal(await metric('tapgate_gateway_frame_errors_total{code="ERROR_CODE_RATE_LIMITED"}'), 1, 'counted');
  const counts = countByKey(await ledgerEvents(stack.nc));
  t.same([counts.get(`${burstDev.id}#${BURST}`), counts.get(`${burstDev.id}#${BURST + 1}`)], [1, undefined], 'nothing of the refused frame recorded');
});

t.test('fairness - a flooding device is refused, closed with 4008 and kept out; another device is served', async (t) => {
  const good = await connect(gw, goodDev);
  t.teardown(() => good.close());
  let done = false;
  let goodTaps = 0;
  const goodRun = (async () => {
    for (let seq = 1; seq < 10_000 && !done; seq++) {
      const person = fx.pupils[1 + (seq % 9)]!;
      const [d] = await tap(good, [{ seq, uid: person.uid, direction: seq % 2 ? ENTRY : EXIT }]);
      const want = { seq, verdict: Verdict.VERDICT_ALLOW, reason: Reason.DECISION_REASON_OK, replayed: false, display: displayOf(person) };
      if (JSON.stringify(plain(d!)) !== JSON.stringify(want)) t.same(plain(d!), want, `good device seq ${seq}`);
      goodTaps++;
    }
  })();
  const flood = await connect(gw, floodDev);
  const FRAMES = 400;
  const frames = Array.from({ length: FRAMES }, (_, i) => DeviceFrame.encode({ taps: { taps: [{ seq: i + 1, cardUid: pupil.uid, direction: ENTRY }] } }).finish());
  for (const f of frames) flood.sendRaw(f);
  const closed = await waitClose(flood);
  t.equal(closed.code, CloseCode.RATE_LIMITED, `closed with ${closed.code} ${closed.reason}`);
  const errors = flood.received.filter((f) => f.body === 'error').map((f) => errorOf(f.error!));
  t.equal(errors.length, FLOOD_REFUSALS_BEFORE_CLOSE, 'every refusal answered up to the close');
  t.same(errors.filter((e) => e.code !== ErrorCode.ERROR_CODE_TOO_MANY_IN_FLIGHT), [], 'all TOO_MANY_IN_FLIGHT');
  const seqs = errors.map((e) => e.seq);
  t.ok(seqs.every((s, i) => s > 16 && s <= FRAMES && (i === 0 || s > seqs[i - 1]!)), `each names its own frame, in order: ${seqs.slice(0, 3).join(',')}...`);
  // The next session within the penalty is closed right after Auth.
  const again = await within(DeviceClient.connect(gw.deviceUrl, floodDev.id, floodDev.secret).then(() => null, (e: unknown) => e), WAIT_MS, 'reconnect');
  t.ok(again instanceof DeviceClosedError && again.code === CloseCode.RATE_LIMITED, `reconnection refused: ${String(again)}`);
  await waitFor(() => goodTaps >= 20, WAIT_MS, 'the good device keeps being served');
  done = true;
  await goodRun;
  t.equal(await metric('tapgate_gateway_device_closes_total{code="4008"}'), 2, 'both closes counted');
  t.equal(await metric('tapgate_gateway_frame_errors_total{code="ERROR_CODE_TOO_MANY_IN_FLIGHT"}'), FLOOD_REFUSALS_BEFORE_CLOSE);
  t.equal(await metric('tapgate_gateway_handshakes_total{result="flood_penalty"}'), 1, 'the refused session counted');
  // What the flooder had accepted before the close is decided and recorded once.
  const counts = countByKey(await ledgerEvents(stack.nc));
  const recorded = [...counts].filter(([k]) => k.startsWith(`${floodDev.id}#`));
  t.ok(recorded.length >= 1 && recorded.every(([, n]) => n === 1), `${recorded.length} flooder taps recorded once each`);
  t.ok(recorded.every(([k]) => !seqs.includes(Number(k.split('#')[1]))), 'no refused frame recorded');
});
