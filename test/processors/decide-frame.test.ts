// decideFrame: a TapBatch frame decided whole or refused whole. Malformed bytes, wrong frame
// kinds, tap counts at and past the limit, seqs (0, 2^53-1, 2^53 and above, duplicates), UID
// lengths at and past 4..16 bytes, direction rules per device kind, the outcomes of good taps,
// and POS baskets priced from the school's catalogue (v1.2 and v1.1 items, unknown products).
import $protobuf from 'protobufjs/minimal.js';
import t from 'tap';
import { parseRecord, Reason, RegistryIndex, tapgate, type RecordKind } from '../../core/index.js';
import { decideFrame } from '../../processors/decide-frame.js';
import type { FrameResult, TapOutcome } from '../../processors/protocol.js';

const { DeviceFrame, ErrorCode, Direction } = tapgate.device.v1;
const SECRET = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
const NOW_MS = Date.UTC(2025, 8, 1, 8);
const MAX_TAPS = 4;
const ENTRY = Direction.DIRECTION_ENTRY;
const EXIT = Direction.DIRECTION_EXIT;
const UID = Uint8Array.of(1, 2, 3, 4);

const registry = new RegistryIndex();
const put = (kind: RecordKind, raw: Record<string, unknown>) => { const r = parseRecord(kind, raw); registry.apply(kind, r.value.id, r); };
put('school', { id: 's1', name: 'S1', timeZone: 'Europe/Moscow' });
put('device', { id: 'gate', schoolId: 's1', kind: 'turnstile', secretHex: SECRET });
put('device', { id: 'till', schoolId: 's1', kind: 'pos', secretHex: SECRET });
put('person', { id: 'p1', schoolId: 's1', kind: 'pupil', displayName: 'P1' });
put('person', { id: 'p2', schoolId: 's2', kind: 'pupil', displayName: 'P2' });
put('identifier', { id: 'i1', personId: 'p1', kind: 'fob', uidHex: '01020304' });
put('identifier', { id: 'i16', personId: 'p1', kind: 'watch', uidHex: '0102030405060708090a0b0c0d0e0f10', status: 'blocked' });
put('identifier', { id: 'other', personId: 'p2', kind: 'fob', uidHex: 'cafebabe' });
put('product', { id: 'bun', schoolId: 's1', name: 'Булочка', category: 'bakery', priceKop: 3500 });
put('product', { id: 'choc', schoolId: 's1', name: 'Шоколад', category: 'sweets', priceKop: 12_000 });
put('product', { id: 'cake', schoolId: 's2', name: 'Торт', category: 'bakery', priceKop: 500 });

type ITap = tapgate.device.v1.ITap;
const BUN = { mealKind: tapgate.device.v1.MealKind.MEAL_KIND_BUFFET, items: [{ productId: 'bun', category: 'bakery', priceKop: 3500, quantity: 2 }] };
const BUN_POS = { mealKind: tapgate.device.v1.MealKind.MEAL_KIND_BUFFET, items: [{ productId: 'bun', category: 'bakery', priceKop: 3500, quantity: 2 }], offline: false,
  unknownItem: -1, repriced: 0 };
const frame = (taps: ITap[]) => DeviceFrame.encode({ taps: { taps } }).finish();
const decide = (bytes: Uint8Array, deviceId = 'gate') => decideFrame(registry, bytes, deviceId, NOW_MS, MAX_TAPS);
const tap = (seq: number, extra: Partial<ITap> = {}): ITap => ({ seq, cardUid: UID, direction: ENTRY, ...extra });
const error = (code: number, message: string, tapIndex = 0, seq = 0): FrameResult => ({ error: { code, message, tapIndex, seq } });
const ok = (seq: number, extra: Partial<TapOutcome> = {}): TapOutcome =>
  ({ seq, reason: Reason.DECISION_REASON_OK, identifierId: 'i1', personId: 'p1', direction: ENTRY, deviceTimeMs: 0, pos: null, ...extra });

/** A DeviceFrame holding one Tap with a raw uint64 seq, written field by field. */
function rawSeqFrame(seq: number | string): Uint8Array {
  const tapBytes = $protobuf.Writer.create().uint32(8).uint64(seq).uint32(18).bytes(UID).uint32(32).int32(ENTRY).finish();
  const batch = $protobuf.Writer.create().uint32(10).bytes(tapBytes).finish();
  return $protobuf.Writer.create().uint32(18).bytes(batch).finish();
}

t.test('decide-frame - frames that are not a TapBatch', async (t) => {
  const malformed = (bytes: number[]) => {
    const got = decide(Uint8Array.from(bytes));
    return 'error' in got ? got.error.code === ErrorCode.ERROR_CODE_MALFORMED_FRAME && got.error.message.startsWith('not a DeviceFrame: ') : false;
  };
  t.ok(malformed([0x12, 0x05, 0x0a]), 'length beyond the end');
  t.ok(malformed([0xff]), 'truncated varint');
  t.ok(malformed([0x0f]), 'invalid wire type');
  t.ok(malformed([0x12, 0x03, 0x0a, 0x05, 0x08]), 'truncated nested tap');
  const notTaps: Array<[string, Uint8Array]> = [
    ['empty message', new Uint8Array(0)],
    ['an Auth frame', DeviceFrame.encode({ auth: { deviceId: 'gate', mac: new Uint8Array(32) } }).finish()],
    ['a Status frame', DeviceFrame.encode({ status: { backlogTaps: 3 } }).finish()],
    ['unknown fields only', Uint8Array.of(0x48, 0x01)],
  ];
  for (const [name, bytes] of notTaps) t.same(decide(bytes), error(ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'expected a TapBatch frame'), name);
});

t.test('decide-frame - tap count', async (t) => {
  const taps = (n: number) => Array.from({ length: n }, (_, i) => tap(i + 1));
  t.same(decide(frame([])), error(ErrorCode.ERROR_CODE_BAD_TAP_COUNT, `a TapBatch carries 1 to ${MAX_TAPS} taps, got 0`), 'no taps');
  t.same(decide(frame(taps(MAX_TAPS + 1))), error(ErrorCode.ERROR_CODE_BAD_TAP_COUNT, `a TapBatch carries 1 to ${MAX_TAPS} taps, got ${MAX_TAPS + 1}`), 'one too many');
  t.same(decide(frame(taps(1))), { taps: [ok(1)] }, 'one');
  t.same(decide(frame(taps(MAX_TAPS))), { taps: [ok(1), ok(2), ok(3), ok(4)] }, 'the limit');
  t.same(decide(frame(taps(1)), 'ghost-device'), error(ErrorCode.ERROR_CODE_UNEXPECTED_FRAME, 'device is not in the registry'), 'unknown device');
});

t.test('decide-frame - invalid taps refuse the whole frame', async (t) => {
  const invalid = (message: string, tapIndex: number, seq: number) => error(ErrorCode.ERROR_CODE_INVALID_TAP, message, tapIndex, seq);
  const cases: Array<[string, Uint8Array, string, FrameResult]> = [
    ['seq 0', frame([tap(0)]), 'gate', invalid('tap 0: seq must be 1 to 2^53-1', 0, 0)],
    ['seq absent', frame([{ cardUid: UID, direction: ENTRY }]), 'gate', invalid('tap 0: seq must be 1 to 2^53-1', 0, 0)],
    ['seq 0 in the second tap', frame([tap(1), tap(0)]), 'gate', invalid('tap 1: seq must be 1 to 2^53-1', 1, 0)],
    ['seq 2^53', rawSeqFrame(2 ** 53), 'gate', invalid('tap 0: seq must be 1 to 2^53-1', 0, 0)],
    ['seq 2^53 + 2', rawSeqFrame(2 ** 53 + 2), 'gate', invalid('tap 0: seq must be 1 to 2^53-1', 0, 0)],
    ['seq 2^60', rawSeqFrame(2 ** 60), 'gate', invalid('tap 0: seq must be 1 to 2^53-1', 0, 0)],
    ['duplicate seq', frame([tap(7), tap(8), tap(7)]), 'gate', invalid('tap 2: seq 7 appears twice in the frame', 2, 7)],
    ['UID absent', frame([{ seq: 1, direction: ENTRY }]), 'gate', invalid('tap 0: card_uid must be 4 to 16 bytes', 0, 1)],
    ['UID of 3 bytes', frame([tap(1, { cardUid: Uint8Array.of(1, 2, 3) })]), 'gate', invalid('tap 0: card_uid must be 4 to 16 bytes', 0, 1)],
    ['UID of 17 bytes', frame([tap(1, { cardUid: new Uint8Array(17).fill(1) })]), 'gate', invalid('tap 0: card_uid must be 4 to 16 bytes', 0, 1)],
    ['turnstile tap without direction', frame([tap(1), tap(2, { direction: Direction.DIRECTION_UNSPECIFIED })]), 'gate',
      invalid('tap 1: a turnstile tap needs direction ENTRY or EXIT', 1, 2)],
    ['turnstile tap with an unknown direction', frame([tap(1, { direction: 3 as tapgate.device.v1.Direction })]), 'gate', invalid('tap 0: a turnstile tap needs direction ENTRY or EXIT', 0, 1)],
    ['device time 2^53', frame([tap(1, { deviceTimeMs: 2 ** 53 })]), 'gate', invalid('tap 0: device_time_ms out of range', 0, 1)],
  ];
  for (const [name, bytes, deviceId, want] of cases) t.same(decide(bytes, deviceId), want, name);
});

t.test('decide-frame - outcomes of valid taps', async (t) => {
  const deviceTimeMs = NOW_MS - 1500;
  const cases: Array<[string, Uint8Array, string, FrameResult]> = [
    ['seq 2^53-1', rawSeqFrame(Number.MAX_SAFE_INTEGER), 'gate', { taps: [ok(Number.MAX_SAFE_INTEGER)] }],
    ['seqs in any order', frame([tap(9), tap(3, { direction: EXIT }), tap(5)]), 'gate', { taps: [ok(9), ok(3, { direction: EXIT }), ok(5)] }],
    ['device time kept', frame([tap(1, { deviceTimeMs })]), 'gate', { taps: [ok(1, { deviceTimeMs })] }],
    ['POS tap without direction', frame([tap(1, { direction: Direction.DIRECTION_UNSPECIFIED, ...BUN })]), 'till', { taps: [ok(1, { direction: 0, pos: BUN_POS })] }],
    ['POS tap with a direction records none (presence is for turnstiles)', frame([tap(1, { direction: EXIT, ...BUN })]), 'till', { taps: [ok(1, { direction: 0, pos: BUN_POS })] }],
    ['POS tap without a meal kind', frame([tap(1, { direction: 0 })]), 'till', error(ErrorCode.ERROR_CODE_INVALID_TAP, 'tap 0: a POS tap needs meal_kind BUFFET, HOT_MEAL or SUBSIDISED_MEAL', 0, 1)],
    ['UID of 16 bytes, blocked', frame([tap(1, { cardUid: Uint8Array.from({ length: 16 }, (_, i) => i + 1) })]), 'gate',
      { taps: [ok(1, { reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED, identifierId: 'i16' })] }],
    ['unknown UID', frame([tap(1, { cardUid: Uint8Array.of(9, 9, 9, 9) })]), 'gate',
      { taps: [ok(1, { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: '', personId: '' })] }],
    ['card of another school', frame([tap(1, { cardUid: Uint8Array.of(0xca, 0xfe, 0xba, 0xbe) })]), 'gate',
      { taps: [ok(1, { reason: Reason.DECISION_REASON_OTHER_SCHOOL, identifierId: 'other', personId: 'p2' })] }],
  ];
  for (const [name, bytes, deviceId, want] of cases) t.same(decide(bytes, deviceId), want, name);
});

t.test('decide-frame - a frame inside a larger buffer (as the worker slices its task)', async (t) => {
  const bytes = frame([tap(1), tap(2, { cardUid: Uint8Array.of(9, 9, 9, 9) })]);
  const task = new Uint8Array(bytes.length + 20).fill(0xee);
  task.set(bytes, 7);
  const got = decideFrame(registry, task.subarray(7, 7 + bytes.length), 'gate', NOW_MS, MAX_TAPS);
  t.same(got, decide(bytes));
  t.same(got, { taps: [ok(1), ok(2, { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: '', personId: '' })] });
});

t.test('decide-frame - POS baskets are priced and categorised from the school\'s catalogue', async (t) => {
  const BUFFET = tapgate.device.v1.MealKind.MEAL_KIND_BUFFET;
  type IItem = tapgate.device.v1.IItem;
  const sell = (items: IItem[], offline = false) => decide(frame([tap(1, { direction: 0, mealKind: BUFFET, items, offline })]), 'till');
  const line = (productId: string, category: string, priceKop: number, quantity = 1) => ({ productId, category, priceKop, quantity });
  const pos = (items: ReturnType<typeof line>[], unknownItem = -1, repriced = 0, offline = false) =>
    ({ taps: [ok(1, { direction: 0, pos: { mealKind: BUFFET, items, offline, unknownItem, repriced } })] });
  const cases: Array<[string, FrameResult, FrameResult]> = [
    ['v1.2: product ids and quantities', sell([{ productId: 'bun', quantity: 2 }, { productId: 'choc', quantity: 1 }]),
      pos([line('bun', 'bakery', 3500, 2), line('choc', 'sweets', 12_000)])],
    ['v1.1: sweets declared as drinks at 1 kopeck', sell([line('choc', 'drinks', 1)]), pos([line('choc', 'sweets', 12_000)], -1, 1)],
    ['an invented product', sell([line('bun', 'bakery', 3500), line('magic', 'magic', 1)]),
      pos([line('bun', 'bakery', 3500), line('magic', 'magic', 1)], 1)],
    ['a product of another school', sell([{ productId: 'cake', quantity: 1 }]), pos([line('cake', '', 0)], 0)],
    ['v1.1 category out of form', sell([line('bun', 'Bakery', 3500)]),
      error(ErrorCode.ERROR_CODE_INVALID_TAP, 'tap 0: item 0: category must be empty or 1..32 of [a-z0-9_-]', 0, 1)],
    ['v1.1 negative price', sell([line('bun', 'bakery', -1)]),
      error(ErrorCode.ERROR_CODE_INVALID_TAP, 'tap 0: item 0: price_kop must be 0 (unset) or 1 to 1000000', 0, 1)],
    ['offline, 5 bars claimed at 1 kopeck: 600 roubles at catalogue prices', sell([line('choc', 'sweets', 1, 5)], true),
      error(ErrorCode.ERROR_CODE_INVALID_TAP, 'tap 0: an offline sale totals at most 50000 kopecks', 0, 1)],
  ];
  for (const [name, got, want] of cases) t.same(got, want, name);
});

t.test('decide-frame - a hand-over (v1.3): the adult\'s card and each child\'s, bounds refused as INVALID_TAP', async (t) => {
  put('guardian', { id: 'g1', phone: '+79160000001', surname: 'Мама' });
  put('identifier', { id: 'ig', guardianId: 'g1', kind: 'fob', uidHex: '0a0b0c0d' });
  const ADULT = Uint8Array.of(0x0a, 0x0b, 0x0c, 0x0d);
  const handover = (seq: number, children: Uint8Array[], extra: Partial<ITap> = {}) => tap(seq, { cardUid: ADULT, childUids: children, direction: EXIT, ...extra });
  t.same(decide(frame([handover(5, [UID, Uint8Array.of(0xca, 0xfe, 0xba, 0xbe), Uint8Array.of(9, 9, 9, 9), ADULT.map((b) => b + 1)])])), { taps: [{
    seq: 5, reason: Reason.DECISION_REASON_OK, identifierId: 'ig', personId: '', direction: EXIT, deviceTimeMs: 0, pos: null,
    handover: { guardianId: 'g1', children: [
      { reason: Reason.DECISION_REASON_OK, identifierId: 'i1', personId: 'p1' },
      { reason: Reason.DECISION_REASON_OTHER_SCHOOL, identifierId: 'other', personId: 'p2' },
      { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: '', personId: '' },
      { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: '', personId: '' }] } }] }, 'each child decided in order');
  t.same(decide(frame([tap(6, { cardUid: ADULT })])), { taps: [ok(6, { reason: Reason.DECISION_REASON_ESCORT_CARD_ALONE, identifierId: 'ig', personId: '' })] },
    'an adult\'s card alone');
  const nine = Array.from({ length: 9 }, (_, k) => Uint8Array.of(7, 7, 7, k));
  const eight = decide(frame([handover(4, nine.slice(0, 8))]));
  t.same('taps' in eight ? eight.taps[0]!.handover?.children.map((c) => c.reason) : eight,
    Array(8).fill(Reason.DECISION_REASON_UNKNOWN_IDENTIFIER), 'eight children: the limit is accepted');
  const invalid: Array<[string, ITap, string]> = [
    ['nine children', handover(7, nine), 'tap 0: a hand-over names 1 to 8 children, got 9'],
    ['a child twice', handover(7, [UID, UID]), 'tap 0: child_uids[1] repeats card_uid or another child\'s UID'],
    ['the adult among the children', handover(7, [ADULT]), 'tap 0: child_uids[0] repeats card_uid or another child\'s UID'],
    ['a 17-byte child UID', handover(7, [new Uint8Array(17)]), 'tap 0: child_uids[0] must be 4 to 16 bytes'],
  ];
  for (const [why, bad, message] of invalid) t.same(decide(frame([bad])), error(ErrorCode.ERROR_CODE_INVALID_TAP, message, 0, 7), why);
  t.same(decide(frame([{ ...handover(8, [UID]), ...BUN }]), 'till'), error(ErrorCode.ERROR_CODE_INVALID_TAP, 'tap 0: child_uids are for turnstiles only', 0, 8),
    'a POS tap with children');
  t.same(decide(frame([handover(9, [UID, new Uint8Array(8)])])), { taps: [{ seq: 9, reason: Reason.DECISION_REASON_OK, identifierId: 'ig', personId: '',
    direction: EXIT, deviceTimeMs: 0, pos: null, handover: { guardianId: 'g1', children: [
      { reason: Reason.DECISION_REASON_OK, identifierId: 'i1', personId: 'p1' },
      { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifierId: '', personId: '' }] } }] }, 'exactly at the bounds of a UID');
});
