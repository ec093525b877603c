// Reads what the main thread needs of a TapBatch frame without decoding it: how many taps it
// holds and the first tap's seq. The gateway charges the device's tap bucket with the count and
// names a refused frame by that seq (Error.seq) before the frame ever reaches a worker. A walk
// over the length prefixes, no allocation; anything it cannot read returns null and the worker's
// full decode decides (MALFORMED_FRAME). Values past 2^53-1 read as 0: an out-of-range seq.

const TAG_TAPS = 0x12;
const TAG_TAP = 0x0a;
const TAG_SEQ = 0x08;
const SAFE_MAX = Number.MAX_SAFE_INTEGER;

export interface PeekedTapBatch {
  readonly taps: number;
  /** Seq of the first tap; 0 when absent or out of range. */
  readonly firstSeq: number;
}

/** Reads a varint at `pos`: [value (-1 when past 2^53-1), next position], or null if truncated. */
function varint(b: Uint8Array, pos: number, end: number): [number, number] | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) return null;
    const byte = b[pos++]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value > SAFE_MAX ? -1 : value, pos];
  }
  return null;
}

/** Skips a field of the wire type in `tag`; the next position, or null when malformed. */
function skip(b: Uint8Array, tag: number, pos: number, end: number): number | null {
  switch (tag & 7) {
    case 0: return varint(b, pos, end)?.[1] ?? null;
    case 1: return pos + 8 <= end ? pos + 8 : null;
    case 2: {
      const len = varint(b, pos, end);
      return len === null || len[0] < 0 || len[1] + len[0] > end ? null : len[1] + len[0];
    }
    case 5: return pos + 4 <= end ? pos + 4 : null;
    default: return null;
  }
}

/** The seq field of one encoded Tap in [pos, end); 0 when absent or out of range. */
function seqOf(b: Uint8Array, pos: number, end: number): number | null {
  let seq = 0;
  while (pos < end) {
    const tag = varint(b, pos, end);
    if (tag === null) return null;
    if (tag[0] === TAG_SEQ) {
      const v = varint(b, tag[1], end);
      if (v === null) return null;
      seq = Math.max(0, v[0]);
      pos = v[1];
    } else {
      const next = skip(b, tag[0], tag[1], end);
      if (next === null) return null;
      pos = next;
    }
  }
  return seq;
}

/** The tap count and first seq of an encoded DeviceFrame whose body is `taps`, or null. */
export function peekTapBatch(b: Uint8Array): PeekedTapBatch | null {
  if (b.length < 2 || b[0] !== TAG_TAPS) return null;
  const len = varint(b, 1, b.length);
  if (len === null || len[0] < 0 || len[1] + len[0] > b.length) return null;
  let pos = len[1];
  const end = pos + len[0];
  let taps = 0;
  let firstSeq = 0;
  while (pos < end) {
    const tag = varint(b, pos, end);
    if (tag === null) return null;
    const next = skip(b, tag[0], tag[1], end);
    if (next === null) return null;
    if (tag[0] === TAG_TAP) {
      if (taps === 0) {
        const inner = varint(b, tag[1], end)!;
        const seq = seqOf(b, inner[1], next);
        if (seq === null) return null;
        firstSeq = seq;
      }
      taps++;
    }
    pos = next;
  }
  return { taps, firstSeq };
}
