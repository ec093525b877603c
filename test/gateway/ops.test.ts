// Integration: the operators' port (/livez, /readyz, /metrics without ids) and the graceful
// shutdown on SIGTERM with taps in flight: every tap sent before the signal is decided, refused
// with OVERLOADED or left to the device by the 1001 close; decided taps are in the ledger, and
// the gateway exits 0.
import t from 'tap';
import type { DeviceClient, TapInput } from '../../simulator/device-client.js';
import { startGateway, startStack } from '../helpers/stack.js';
import {
  connect, countByKey, ENTRY, ErrorCode, EXIT, getJson, ledgerEvents, makeFixture, tap, within, WAIT_MS,
} from '../helpers/gateway-fixtures.js';

const GOING_AWAY = 1001;
const fx = makeFixture({ pupils: 64, staff: 2, turnstiles: 4 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-ops', TAPGATE_REPEAT_WINDOW_MS: '0' });
t.teardown(() => gw.stop('SIGKILL'));

t.test('ops - /livez and /readyz', async (t) => {
  const live = await fetch(`${gw.opsUrl}/livez`, { signal: AbortSignal.timeout(WAIT_MS) });
  t.same([live.status, await live.text()], [200, 'ok\n']);
  const c = await connect(gw, fx.turnstiles[0]!);
  t.teardown(() => c.close());
  // No ClickHouse in this stack: still ready (taps need only NATS), and ClickHouse is reported apart.
  t.same(await getJson(`${gw.opsUrl}/readyz`), { status: 200, body: { ready: true, reason: null, nats: true,
    ledgerStalledSinceMs: null, clickhouse: false, devices: 1, standby: false, shards: ['main'],
    owners: [{ gatewayId: 'gw-ops', deviceUrl: gw.deviceUrl, standby: false, owned: ['main'] }] } });
  t.same(await getJson(`${gw.opsUrl}/nothing-here`), { status: 404,
    body: { error: { code: 'NOT_FOUND', message: 'see /metrics, /livez, /readyz, /v1/presence/:schoolId' } } });
});

t.test('ops - /metrics counts taps by verdict and reason and names no device or person', async (t) => {
  const c = await connect(gw, fx.turnstiles[1]!);
  t.teardown(() => c.close());
  const taps: TapInput[] = [
    ...fx.pupils.slice(0, 5).map((p, i) => ({ seq: 1 + i, uid: p.uid, direction: ENTRY })),
    { seq: 6, uid: Buffer.from('01020304', 'hex'), direction: ENTRY },
    { seq: 7, uid: Buffer.from('01020305', 'hex'), direction: EXIT },
    { seq: 8, uid: fx.expiredUid, direction: ENTRY },
  ];
  await tap(c, taps);
  await tap(c, taps.slice(0, 3));
  const r = await fetch(`${gw.opsUrl}/metrics`, { signal: AbortSignal.timeout(WAIT_MS) });
  t.equal(r.status, 200);
  const text = await r.text();
  const sample = (name: string) => text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
  for (const [series, value] of [
    ['tapgate_gateway_taps_total{verdict="VERDICT_ALLOW",reason="DECISION_REASON_OK"}', 5],
    ['tapgate_gateway_taps_total{verdict="VERDICT_DENY",reason="DECISION_REASON_UNKNOWN_IDENTIFIER"}', 2],
    ['tapgate_gateway_taps_total{verdict="VERDICT_DENY",reason="DECISION_REASON_IDENTIFIER_EXPIRED"}', 1],
    ['tapgate_gateway_taps_replayed_total', 3],
  ] as const) {
    t.equal(sample(series), `${series} ${value}`, series);
  }
  t.match(text, /^# TYPE tapgate_gateway_taps_total counter$/m);
  t.match(text, /^tapgate_gateway_devices_connected 1$/m);
  const ids = [
    ...fx.turnstiles.map((d) => d.id), fx.staffOnly.id, fx.otherSchoolTurnstile.id, fx.disabled.id, 'sch-a', 'sch-b',
    ...[...fx.pupils, ...fx.staff, fx.otherPupil].flatMap((p) => [p.id, p.identifierId]),
    ...fx.allNames, ...fx.allUids.map((u) => u.toString('hex')),
  ];
  t.same(ids.filter((id) => text.includes(id)), [], 'no device, school, person or identifier id, name or UID in /metrics');
});

t.test('ops - SIGTERM with taps in flight: decided, refused or closed with 1001; exit 0', async (t) => {
  const devices = fx.turnstiles;
  const clients: DeviceClient[] = await Promise.all(devices.map((d) => connect(gw, d)));
  const PER_FRAME = 16;
  const SIGNAL_AFTER_DECISIONS = 2000;
  let decided = 0;
  let signalled = false;
  const sent = devices.map(() => [] as TapInput[]);
  const firstSeq = 1000;
  const stream = async (k: number) => {
    const inFlight = new Set<Promise<unknown>>();
    for (let f = 0; f < 2000 && !signalled; f++) {
      for (let i = 0; i < 1000 && inFlight.size >= 16 && !signalled; i++) await within(Promise.race(inFlight), WAIT_MS, 'a frame settled');
      if (signalled) break;
      const taps = Array.from({ length: PER_FRAME }, (_, i) => ({ seq: firstSeq + f * PER_FRAME + i, uid: fx.pupils[(f + i) % 64]!.uid, direction: ENTRY }));
      sent[k]!.push(...taps);
      const p = clients[k]!.tap(taps).then((ds) => {
        decided += ds.length;
        if (decided >= SIGNAL_AFTER_DECISIONS && !signalled) { signalled = true; gw.child.kill('SIGTERM'); }
      }, () => undefined);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  };
  await Promise.all(devices.map((_, k) => stream(k)));
  t.ok(signalled, 'SIGTERM sent mid-stream');
  t.equal(await within(gw.exited, 20_000, 'gateway exit'), 0, 'the gateway exits 0');
  const closes = await Promise.all(clients.map((c) => within(c.waitClose(), WAIT_MS, 'close')));
  t.same(closes.map((c) => c.code), clients.map(() => GOING_AWAY), 'every device is told 1001');

  const counts = countByKey(await ledgerEvents(stack.nc));
  for (const [k, d] of devices.entries()) {
    const c = clients[k]!;
    const heard = c.received.flatMap((f) => f.decisions?.decisions ?? []).map((x) => Number(x.seq));
    const errors = c.received.filter((f) => f.body === 'error').map((f) => f.error?.code);
    t.same(errors.filter((e) => e !== ErrorCode.ERROR_CODE_OVERLOADED), [], `${d.id}: only OVERLOADED refusals while stopping`);
    t.same(new Set(heard).size, heard.length, `${d.id}: each tap decided once`);
    t.ok(heard.length + errors.length * PER_FRAME <= sent[k]!.length, `${d.id}: nothing answered twice`);
    t.comment(`${d.id}: ${sent[k]!.length} sent before the signal; ${heard.length} decided; ${errors.length * PER_FRAME} refused; ` +
      `${sent[k]!.length - heard.length - errors.length * PER_FRAME} left to the device by the 1001 close`);
    // The ledger holds exactly the decided taps: the drain released every durable decision.
    const recorded = sent[k]!.map((x) => x.seq).filter((s) => counts.has(`${d.id}#${s}`));
    t.same(recorded, [...heard].sort((a, b) => a - b), `${d.id}: the ledger holds exactly the decided taps`);
    t.same(recorded.filter((s) => counts.get(`${d.id}#${s}`) !== 1), [], `${d.id}: once each`);
  }
});
