// Integration: personal data (152-FZ) stays in the registry. After a workload that exercises
// every decision, retransmissions, status frames with tamper, refused frames, failed handshakes
// and a registry change, no display name and no card UID (as hex in either case, or as raw bytes)
// appears in the gateway's log output, in any LEDGER message (decoded or raw), in any NATS
// subject, or in any NATS payload other than the registry's own.
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { tapgate } from '../../core/proto.js';
import { DeviceClient } from '../../simulator/device-client.js';
import { startGateway, startStack } from '../helpers/stack.js';
import {
  connect, ENTRY, EXIT, identifierDoc, makeFixture, open, readLedger, Reason, sleep, tap, waitClose, waitFor, within, WAIT_MS,
} from '../helpers/gateway-fixtures.js';

const fx = makeFixture({ pupils: 12, staff: 3, turnstiles: 2 });
const stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
await stack.loadRegistry(fx.doc);
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-pd', TAPGATE_LOG_LEVEL: 'trace' });
t.teardown(() => gw.stop());

interface Captured { readonly subject: string; readonly reply: string; readonly data: Uint8Array }

/** Registry traffic carries names and UIDs by design: KV puts and their deliveries to watchers. */
const isRegistryTraffic = (m: Captured) => m.subject.startsWith('$KV.tapgate_registry.') || m.reply.startsWith('$JS.ACK.KV_tapgate_registry.');

t.test('personal data - no name or card UID in logs, ledger, subjects or event payloads', async (t) => {
  // The operator's user may read every subject: the spy sees all there is.
  const spy = await stack.connect('ops');
  t.teardown(() => spy.close());
  const captured: Captured[] = [];
  const sub = spy.subscribe('>', { callback: (err, m) => { if (err === null) captured.push({ subject: m.subject, reply: m.reply ?? '', data: m.data }); } });
  await spy.flush();

  const unknownUids = [randomBytes(6), randomBytes(10)];
  const [ts1, ts2] = [fx.turnstiles[0]!, fx.turnstiles[1]!];
  const c1 = await connect(gw, ts1);
  const c2 = await connect(gw, ts2);
  const staffDoor = await connect(gw, fx.staffOnly);
  t.teardown(() => { c1.close(); c2.close(); staffDoor.close(); });
  const everyone = [...fx.pupils, ...fx.staff];
  // Every person enters and leaves (ALLOW), and taps again at once (REPEATED_TAP, 5 s window).
  const entries = await tap(c1, everyone.map((p, i) => ({ seq: 1 + i, uid: p.uid, direction: ENTRY })));
  t.equal(entries.filter((d) => d.reason === Reason.DECISION_REASON_OK).length, everyone.length);
  const repeats = await tap(c2, everyone.map((p, i) => ({ seq: 1 + i, uid: p.uid, direction: ENTRY })));
  t.equal(repeats.filter((d) => d.reason === Reason.DECISION_REASON_REPEATED_TAP).length, everyone.length);
  await tap(c2, everyone.map((p, i) => ({ seq: 100 + i, uid: p.uid, direction: EXIT })));
  // Every decline reason, and a retransmission.
  const declines = await tap(c1, [
    { seq: 200, uid: unknownUids[0]!, direction: ENTRY }, { seq: 201, uid: unknownUids[1]!, direction: EXIT },
    { seq: 202, uid: fx.expiredUid, direction: ENTRY }, { seq: 203, uid: fx.otherPupil.uid, direction: ENTRY },
    { seq: 204, uid: fx.temporaryUid, direction: ENTRY },
  ]);
  t.same(declines.map((d) => d.reason), [Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, Reason.DECISION_REASON_UNKNOWN_IDENTIFIER,
    Reason.DECISION_REASON_IDENTIFIER_EXPIRED, Reason.DECISION_REASON_OTHER_SCHOOL,
    Reason.DECISION_REASON_REPEATED_TAP]); // the temporary card's holder has just entered with their social card
  const [notHere] = await tap(staffDoor, [{ seq: 1, uid: fx.pupils[3]!.uid, direction: ENTRY }]);
  t.equal(notHere!.reason, Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE);
  await tap(c1, [{ seq: 1, uid: everyone[0]!.uid, direction: ENTRY }, { seq: 202, uid: fx.expiredUid, direction: ENTRY }]);
  // A card blocked through the registry.
  await within(stack.loadRegistry(identifierDoc(fx.pupils[5]!, 'blocked')), WAIT_MS, 'registry load');
  let seq = 300;
  await waitFor(async () => (await tap(c1, [{ seq: ++seq, uid: fx.pupils[5]!.uid, direction: ENTRY }]))[0]!.reason ===
    Reason.DECISION_REASON_IDENTIFIER_BLOCKED, 3000, 'card blocked', 10);
  // Status with tamper, refused frames carrying card UIDs, failed handshakes.
  c1.sendFrame({ status: { deviceTimeMs: Date.now(), firmwareVersion: 'fw', tamper: true, doorState: 4, backlogTaps: 3 } });
  c1.sendFrame({ taps: { taps: [{ seq: 400, cardUid: fx.pupils[6]!.uid, direction: 0 }] } });
  c1.sendFrame({ taps: { taps: [{ seq: 0, cardUid: fx.pupils[7]!.uid, direction: ENTRY }] } });
  c1.sendRaw(Buffer.concat([Buffer.from([0x12, 0x40]), fx.pupils[8]!.uid]));
  const forged = await open(gw);
  forged.sendFrame({ auth: { deviceId: ts1.id, mac: randomBytes(32), firmwareVersion: fx.pupils[9]!.uid.toString('hex') } });
  await waitClose(forged);
  const early = await open(gw);
  early.sendFrame({ taps: { taps: [{ seq: 1, cardUid: fx.pupils[10]!.uid, direction: ENTRY }] } });
  await waitClose(early);
  await waitFor(() => c1.received.filter((f) => f.body === 'error').length >= 3 && c1.received.some((f) => f.body === 'statusAck'), WAIT_MS, 'refusals');
  // A reconnect with a retransmitted backlog.
  c2.close();
  const c2b = await DeviceClient.connect(gw.deviceUrl, ts2.id, ts2.secret);
  t.teardown(() => c2b.close());
  await tap(c2b, everyone.slice(0, 10).map((p, i) => ({ seq: 100 + i, uid: p.uid, direction: EXIT })));
  await sleep(300);
  await spy.flush();
  sub.unsubscribe();

  const ledger = await readLedger(stack.nc);
  t.ok(ledger.length > 0 && captured.length > 0, `${ledger.length} ledger messages, ${captured.length} NATS messages captured`);
  const uidHexes = [...fx.allUids, ...unknownUids].flatMap((u) => [u.toString('hex'), u.toString('hex').toUpperCase()]);
  const names = fx.allNames;
  const texts = [...names, ...uidHexes];
  const rawNeedles = [...fx.allUids, ...unknownUids, ...names.map((n) => Buffer.from(n, 'utf8')), ...uidHexes.map((h) => Buffer.from(h))];
  const findText = (hay: string) => texts.filter((x) => hay.includes(x));
  const findRaw = (hay: Uint8Array) => rawNeedles.filter((x) => Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(x) >= 0).map((x) => x.toString('hex'));

  const log = gw.output();
  t.ok(log.includes('device authenticated') && log.includes('tamper'), 'the log has the workload in it');
  t.same(findText(log), [], 'gateway log');
  t.same(ledger.flatMap((m) => findRaw(m.data)), [], 'LEDGER raw bytes');
  t.same(ledger.flatMap((m) => findText(JSON.stringify(tapgate.events.v1.LedgerBatch.toObject(m.batch)))), [], 'LEDGER decoded');
  t.same([...new Set(captured.map((m) => m.subject))].flatMap(findText), [], 'NATS subjects');
  const registry = captured.filter(isRegistryTraffic);
  t.ok(registry.length >= 1, `${registry.length} registry messages (allowed to carry personal data) set aside`);
  t.ok(registry.flatMap((m) => findRaw(m.data)).length > 0, 'the same search finds the blocked card in the registry traffic');
  t.same(captured.filter((m) => !isRegistryTraffic(m)).flatMap((m) => findRaw(m.data).map((x) => `${m.subject}: ${x}`)), [],
    'NATS payloads outside the registry');
  t.ok(captured.some((m) => m.subject === 'tapgate.ledger.v1.main'), 'the capture saw the ledger appends');
});
