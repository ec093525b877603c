// peekTapBatch against protobufjs: the tap count and first seq of every frame the encoder
// makes (unknown fields included), 0 for an absent or out-of-range seq, and null for anything
// that is not a readable TapBatch (other bodies, truncation, lengths past the end).
import t from 'tap';
import { peekTapBatch } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';

const { DeviceFrame } = tapgate.device.v1;
const uid = Buffer.from('04528a1a3c5e80', 'hex');
const frame = (taps: tapgate.device.v1.ITap[]) => DeviceFrame.encode({ taps: { taps } }).finish();

t.test('frame-peek - tap count and first seq match the encoder', async (t) => {
  const cases: Array<[string, tapgate.device.v1.ITap[], { taps: number; firstSeq: number }]> = [
    ['one tap', [{ seq: 1, cardUid: uid, direction: 1 }], { taps: 1, firstSeq: 1 }],
    ['64 taps', Array.from({ length: 64 }, (_, i) => ({ seq: 1000 + i, cardUid: uid, direction: 1, deviceTimeMs: Date.now() })), { taps: 64, firstSeq: 1000 }],
    ['largest safe seq', [{ seq: Number.MAX_SAFE_INTEGER, cardUid: uid }], { taps: 1, firstSeq: Number.MAX_SAFE_INTEGER }],
    ['seq after other fields', [{ cardUid: uid, direction: 2, seq: 77 }], { taps: 1, firstSeq: 77 }],
    ['seq 0 (absent)', [{ seq: 0, cardUid: uid }, { seq: 5, cardUid: uid }], { taps: 2, firstSeq: 0 }],
    ['no taps', [], { taps: 0, firstSeq: 0 }],
    ['POS tap with items', [{ seq: 9, cardUid: uid, mealKind: 1, items: [{ productId: 'bun', category: 'bakery', priceKop: 3500, quantity: 2 }] }],
      { taps: 1, firstSeq: 9 }],
  ];
  for (const [name, taps, want] of cases) t.same(peekTapBatch(frame(taps)), want, name);
});

t.test('frame-peek - a seq beyond 2^53-1 reads as 0 (out of range)', async (t) => {
  // Tap { seq: 2^64-1 }: tag 0x08 and a 10-byte varint.
  const tap = Buffer.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  const bytes = Buffer.concat([Buffer.from([0x12, tap.length + 2, 0x0a, tap.length]), tap]);
  t.same(peekTapBatch(bytes), { taps: 1, firstSeq: 0 });
  t.equal(DeviceFrame.decode(bytes).taps?.taps?.length, 1, 'protobufjs reads the same frame');
});

t.test('frame-peek - unknown fields in TapBatch and Tap are skipped', async (t) => {
  // TapBatch { 99: varint 1, taps: [{ 50: fixed32, 51: fixed64, seq: 3 }] }
  const tap = Buffer.from([0x95, 0x03, 1, 2, 3, 4, 0x99, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 0x08, 0x03]);
  const body = Buffer.concat([Buffer.from([0x98, 0x06, 0x01, 0x0a, tap.length]), tap]);
  const bytes = Buffer.concat([Buffer.from([0x12, body.length]), body]);
  t.same(peekTapBatch(bytes), { taps: 1, firstSeq: 3 });
  t.equal(Number(DeviceFrame.decode(bytes).taps?.taps?.[0]?.seq), 3, 'protobufjs agrees');
});

t.test('frame-peek - not a readable TapBatch: null', async (t) => {
  const valid = frame([{ seq: 1, cardUid: uid, direction: 1 }, { seq: 2, cardUid: uid, direction: 1 }]);
  const cases: Array<[string, Uint8Array]> = [
    ['empty', new Uint8Array(0)],
    ['status body', DeviceFrame.encode({ status: { deviceTimeMs: 1 } }).finish()],
    ['auth body', DeviceFrame.encode({ auth: { deviceId: 'x' } }).finish()],
    ['truncated', valid.subarray(0, valid.length - 3)],
    ['length past the end', Buffer.from('12ffffffff0f0102', 'hex')],
    ['tag only', Buffer.from([0x12])],
    ['group wire type', Buffer.from([0x12, 0x02, 0x0b, 0x00])],
    ['endless varint', Buffer.from([0x12, 0x0b, 0x0a, 0x09, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
  ];
  for (const [name, bytes] of cases) t.equal(peekTapBatch(bytes), null, name);
});
