// Validation of one TapBatch frame and the registry rules for each of its taps. Pure: the tap
// worker passes in its own registry copy (kept current by a NATS KV watch), so this runs and is
// tested without NATS. A frame is decided whole or refused whole: one bad tap refuses it all.
// A POS basket is priced here from the school's catalogue (v1.2): the device names products.
import { tapgate } from '../core/proto.js';
import {
  BASKET_ITEMS_MAX, CARD_UID_BYTES_MAX, CARD_UID_BYTES_MIN, CATEGORY_PATTERN, childCard, decideStatic, Direction, escortCard,
  HANDOVER_CHILDREN_MAX, ID_PATTERN,
  ITEM_PRICE_KOP_MAX, ITEM_QUANTITY_MAX, MealKind, OFFLINE_TAP_KOP_MAX, basketKop, priceBasket,
  type BasketItem, type Device, type RegistryIndex,
} from '../core/index.js';
import type { FrameResult, HandoverPart, PosPart, TapOutcome } from './protocol.js';

const { DeviceFrame, ErrorCode } = tapgate.device.v1;

export function frameError(code: number, message: string, tapIndex = 0, seq = 0): FrameResult {
  return { error: { code, message, tapIndex, seq } };
}

export function decideFrame(registry: RegistryIndex, bytes: Uint8Array, deviceId: string, nowMs: number, maxTaps: number): FrameResult {
  let frame: tapgate.device.v1.DeviceFrame;
  try {
    frame = DeviceFrame.decode(bytes);
  } catch (err) {
    return frameError(ErrorCode.ERROR_CODE_MALFORMED_FRAME, `not a DeviceFrame: ${(err as Error).message}`);
  }
  if (frame.body !== 'taps' || frame.taps == null) return frameError(ErrorCode.ERROR_CODE_MALFORMED_FRAME, 'expected a TapBatch frame');
  const taps = frame.taps.taps ?? [];
  if (taps.length === 0 || taps.length > maxTaps) {
    return frameError(ErrorCode.ERROR_CODE_BAD_TAP_COUNT, `a TapBatch carries 1 to ${maxTaps} taps, got ${taps.length}`);
  }
  const device = registry.devices.get(deviceId);
  if (device === undefined) return frameError(ErrorCode.ERROR_CODE_UNEXPECTED_FRAME, 'device is not in the registry');
  const seen = new Set<number>();
  const outcomes: TapOutcome[] = [];
  for (let i = 0; i < taps.length; i++) {
    const t = taps[i]!;
    const seq = Number(t.seq);
    const uid = t.cardUid;
    const direction = t.direction ?? 0;
    const invalid = (why: string) => frameError(ErrorCode.ERROR_CODE_INVALID_TAP, `tap ${i}: ${why}`, i, Number.isSafeInteger(seq) ? seq : 0);
    if (!Number.isSafeInteger(seq) || seq < 1) return invalid('seq must be 1 to 2^53-1');
    if (seen.has(seq)) return invalid(`seq ${seq} appears twice in the frame`);
    seen.add(seq);
    if (uid == null || uid.length < CARD_UID_BYTES_MIN || uid.length > CARD_UID_BYTES_MAX) {
      return invalid(`card_uid must be ${CARD_UID_BYTES_MIN} to ${CARD_UID_BYTES_MAX} bytes`);
    }
    if (device.kind === 'turnstile' && direction !== Direction.DIRECTION_ENTRY && direction !== Direction.DIRECTION_EXIT) {
      return invalid('a turnstile tap needs direction ENTRY or EXIT');
    }
    const deviceTimeMs = Number(t.deviceTimeMs ?? 0);
    if (!Number.isSafeInteger(deviceTimeMs) || deviceTimeMs < 0) return invalid('device_time_ms out of range');
    let pos: PosPart | string | null = null;
    if (device.kind === 'pos') {
      pos = posPart(t, device, registry);
      if (typeof pos === 'string') return invalid(pos);
    }
    const uidHex = hex(uid);
    const childUids = t.childUids ?? [];
    // Direction means something only at a turnstile; elsewhere it is recorded as unspecified, so
    // presence (live and replayed from the ledger) can never move because of a POS tap.
    const tapDirection = device.kind === 'turnstile' ? direction : Direction.DIRECTION_UNSPECIFIED;
    if (childUids.length > 0) {
      const handover = handoverPart(registry, device, uidHex, childUids, nowMs);
      if (typeof handover === 'string') return invalid(handover);
      outcomes.push({ seq, reason: handover.escortReason, identifierId: handover.escortIdentifierId, personId: '', pos: null,
        direction: tapDirection, deviceTimeMs, handover: handover.part });
      continue;
    }
    const outcome = decideStatic(registry, device, uidHex, nowMs);
    outcomes.push({ seq, reason: outcome.reason, identifierId: outcome.identifier?.id ?? '', pos,
      personId: outcome.identifier === undefined ? '' : outcome.identifier.personId, direction: tapDirection, deviceTimeMs });
  }
  return { taps: outcomes };
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/**
 * A hand-over tap (v1.3): its child_uids validated (a turnstile's, 1 to HANDOVER_CHILDREN_MAX UIDs of
 * 4 to 16 bytes, all different and none the adult's), the adult's card and each child's decided from
 * the registry. A string says what is wrong with the tap (ERROR_CODE_INVALID_TAP).
 */
function handoverPart(registry: RegistryIndex, device: Device, escortUidHex: string, childUids: readonly Uint8Array[],
  nowMs: number): { readonly escortReason: number; readonly escortIdentifierId: string; readonly part: HandoverPart } | string {
  if (device.kind !== 'turnstile') return 'child_uids are for turnstiles only';
  if (childUids.length > HANDOVER_CHILDREN_MAX) {
    return `a hand-over names 1 to ${HANDOVER_CHILDREN_MAX} children, got ${childUids.length}`;
  }
  const seen = new Set<string>([escortUidHex]);
  const children: Array<HandoverPart['children'][number]> = [];
  for (let k = 0; k < childUids.length; k++) {
    const uid = childUids[k]!;
    if (uid.length < CARD_UID_BYTES_MIN || uid.length > CARD_UID_BYTES_MAX) {
      return `child_uids[${k}] must be ${CARD_UID_BYTES_MIN} to ${CARD_UID_BYTES_MAX} bytes`;
    }
    const uidHex = hex(uid);
    if (seen.has(uidHex)) return `child_uids[${k}] repeats card_uid or another child's UID`;
    seen.add(uidHex);
    const c = childCard(registry, device, uidHex, nowMs);
    children.push({ reason: c.reason, identifierId: c.identifier?.id ?? '', personId: c.identifier?.personId ?? '' });
  }
  const escort = escortCard(registry, escortUidHex, nowMs);
  return { escortReason: escort.reason, escortIdentifierId: escort.identifier?.id ?? '',
    part: { guardianId: escort.guardianId, children } };
}

/** The POS part of a tap, validated and priced; a string says what is wrong with it. */
function posPart(t: tapgate.device.v1.ITap, device: Device, registry: RegistryIndex,
): PosPart | string {
  const mealKind = t.mealKind ?? 0;
  if (mealKind !== MealKind.MEAL_KIND_BUFFET && mealKind !== MealKind.MEAL_KIND_HOT_MEAL && mealKind !== MealKind.MEAL_KIND_SUBSIDISED_MEAL) {
    return 'a POS tap needs meal_kind BUFFET, HOT_MEAL or SUBSIDISED_MEAL';
  }
  const raw = t.items ?? [];
  if (raw.length === 0 || raw.length > BASKET_ITEMS_MAX) return `a basket has 1 to ${BASKET_ITEMS_MAX} items, got ${raw.length}`;
  const items: BasketItem[] = [];
  for (let k = 0; k < raw.length; k++) {
    const it = raw[k]!;
    const priceKop = Number(it.priceKop ?? 0);
    const quantity = it.quantity ?? 0;
    if (!ID_PATTERN.test(it.productId ?? '')) return `item ${k}: product_id must be an id of [A-Za-z0-9_.-], 1..64`;
    // v1.2 leaves category and price unset (the catalogue's count); a v1.1 value must still be
    // well formed.
    const category = it.category ?? '';
    if (category !== '' && !CATEGORY_PATTERN.test(category)) {
      return `item ${k}: category must be empty or 1..32 of [a-z0-9_-]`;
    }
    if (!Number.isSafeInteger(priceKop) || priceKop < 0 || priceKop > ITEM_PRICE_KOP_MAX) {
      return `item ${k}: price_kop must be 0 (unset) or 1 to ${ITEM_PRICE_KOP_MAX}`;
    }
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > ITEM_QUANTITY_MAX) return `item ${k}: quantity must be 1 to ${ITEM_QUANTITY_MAX}`;
    items.push({ productId: it.productId!, category, priceKop, quantity });
  }
  const offline = t.offline === true;
  const priced = priceBasket(items, device.schoolId, offline, (id) => registry.products.get(id));
  if (offline && basketKop(priced.items) > OFFLINE_TAP_KOP_MAX) {
    return `an offline sale totals at most ${OFFLINE_TAP_KOP_MAX} kopecks`;
  }
  return { mealKind, items: priced.items, offline, unknownItem: priced.unknownItem,
    repriced: priced.repriced };
}
