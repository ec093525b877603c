// The gateway never sends a device invalid UTF-8. A person stored before the text policy with a
// lone surrogate in the name (the registry reads stored records as they are) used to reach the
// turnstile as the bytes ED A0 80: a strict protobuf decoder refused the decision frame, and every
// retransmission got the same frame back. Unit: displayOf() encodes as valid UTF-8. Integration:
// against a real gateway and nats-server, the raw decision frame for that person's card decodes
// with a fatal UTF-8 decoder, its display name carries U+FFFD, and the ledger's class name too.
import t from 'tap';
import { tapgate } from '../../core/proto.js';
import { displayOf } from '../../gateway/shard/sequencer.js';
import { openRegistry } from '../../lib/index.js';
import { startGateway, startStack } from '../helpers/stack.js';
import { connect, ENTRY, makeFixture, readLedger, tap, waitFor, WAIT_MS } from '../helpers/gateway-fixtures.js';

const strict = new TextDecoder('utf-8', { fatal: true });
const { Display, GatewayFrame } = tapgate.device.v1;
const BAD = { displayName: 'Иванов \ud800Иван', className: '5\udc00', photoRef: 'photo:\ud83d' };

t.test('display - a lone surrogate in a stored person is sent as U+FFFD, as valid UTF-8', async (t) => {
  const person = { id: 'p1', schoolId: 's1', kind: 'pupil' as const, surname: '', givenName: '', patronymic: '', birthDate: '', photoConsent: true, ...BAD };
  const d = displayOf(person);
  t.same([d.displayName, d.className, d.photoRef], ['Иванов \ufffdИван', '5\ufffd', 'photo:\ufffd'], 'each string made well-formed');
  // Display has only short strings and small varints: its whole encoding must be valid UTF-8.
  t.doesNotThrow(() => strict.decode(Display.encode(d).finish()), 'the encoded Display is valid UTF-8');
  t.throws(() => strict.decode(Display.encode({ ...d, ...BAD }).finish()), 'unguarded, protobufjs would send invalid UTF-8');
});

t.test('display - a real gateway answers a card of such a person with a valid UTF-8 frame', async (t) => {
  const fx = makeFixture({ pupils: 2, staff: 1, turnstiles: 1 });
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  await stack.loadRegistry(fx.doc);
  const pupil = fx.pupils[0]!;
  // Stored as the API stored it before the policy: straight into the KV, past every check.
  const kv = await openRegistry(stack.nc);
  await kv.put(`person.${pupil.id}`, JSON.stringify({ id: pupil.id, schoolId: pupil.schoolId, kind: 'pupil', photoConsent: true, ...BAD }));
  const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-utf8' });
  t.teardown(() => gw.stop());
  const c = await connect(gw, fx.turnstiles[0]!);
  t.teardown(() => c.close());
  const raw: Buffer[] = [];
  (c as unknown as { ws: { on(e: 'message', f: (b: Buffer) => void): void } }).ws.on('message', (b) => raw.push(Buffer.from(b)));
  const [decision] = await tap(c, [{ seq: 1, uid: pupil.uid, direction: ENTRY }]);
  t.equal(decision?.display?.displayName, 'Иванов \ufffdИван', 'the guard sees the name with U+FFFD');
  await waitFor(() => raw.some((b) => GatewayFrame.decode(b).decisions != null), WAIT_MS, 'the raw decision frame');
  const frame = raw.find((b) => GatewayFrame.decode(b).decisions != null)!;
  const strings = GatewayFrame.decode(frame).decisions!.decisions![0]!.display!;
  for (const s of [strings.displayName, strings.className, strings.photoRef]) {
    // protobufjs decodes invalid UTF-8 leniently; re-encoding the decoded text finds what was sent.
    t.notOk(/\p{Cs}/u.test(s ?? ''), `${JSON.stringify(s)}: no lone surrogate came over the wire`);
  }
  t.notOk(frame.includes(Buffer.from([0xed, 0xa0, 0x80])) || frame.includes(Buffer.from([0xed, 0xb0, 0x80])), 'no encoded surrogate in the frame bytes');
  const ledger = await readLedger(stack.nc);
  const event = ledger.flatMap((m) => m.batch.passes ?? []).find((e) => e.personId === pupil.id);
  t.equal(event?.className, '5\ufffd', 'the ledger (and so ClickHouse) gets a well-formed class name');
});
