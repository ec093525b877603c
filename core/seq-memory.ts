// Per-device memory of decided seqs, so a retransmitted tap gets its original decision and is
// never applied twice. Each device keeps the decisions of its last SEQ_MEMORY seqs below the
// highest it has sent (a count, not a time: however late a retransmission comes, it is found
// while the device has sent fewer than SEQ_MEMORY newer taps). Older seqs are refused with
// ERROR_CODE_SEQ_TOO_OLD, which protocol v1 tells firmware can never happen if it keeps fewer
// than SEQ_MEMORY undecided taps. Rebuilt at start by replaying the ledger.
//
// Layout: a busy day leaves millions of decisions here (5,000 turnstiles x 8,192), so nothing is
// an object per decision. Each device's ring is a set of typed-array columns and person ids are
// numbered by an Interner; a StoredDecision object is made only when a lookup finds one (a
// retransmission). With an object per decision, the collector spent most of a 5M-event replay
// tracing them (ADR 0014). A kindergarten hand-over (ADR 0015) also keeps its children's results:
// rare next to ordinary taps, so they sit in a per-device map by seq beside the ring, pruned with it.
import { assert } from './errors.js';
import { Interner } from './interner.js';

export interface StoredDecision {
  readonly seq: number;
  readonly reason: number;
  /** The person shown on the guard's screen, if any (display data is read from the registry). */
  readonly personId: string;
  readonly decidedAtMs: number;
  /** The local number of the ledger append that holds this decision; replies wait for its ack. */
  readonly appendNo: number;
  /** POS taps: what was debited, the balance after, and whether a benefit paid. */
  readonly pos?: { readonly amountKop: number; readonly balanceAfterKop: number; readonly subsidised: boolean };
  /**
   * A hand-over (v1.3): each child's reason and the child shown (person id or ''), in the order of
   * the tap's child_uids. `personId` above is then the adult's guardian id (or '').
   */
  readonly handover?: readonly HandoverChildResult[];
}

export interface HandoverChildResult { readonly reason: number; readonly personId: string }

/**
 * A device's hand-overs as a snapshot stores them (format 4): the seqs, each one's child count, and
 * the children's person numbers and reasons back to back. Absent in a format 3 snapshot (no
 * hand-overs then).
 */
export type HandoverColumns = readonly [Column, Column, Column, Column];

/**
 * Seq memory as a snapshot stores it: the person ids by number (index 0: none), and per device its
 * id, its highest seq and its ring as it is in memory: the ring's size and each column's bytes
 * (little-endian: seq f64, decidedAtMs f64, person u32, reason u8, flags u8: 1 a POS decision,
 * 2 a benefit paid; amountKop f64 and balanceAfterKop f64, null for a device with no POS
 * decision). Slots older than the window may be in it; lookups never return them. Stored whole, a
 * ring is written and loaded with a copy per column, not a step per decision (the snapshot
 * container carries the columns as binary, gateway/shard/snapshot-encode.ts).
 */
export interface SeqSnapshot {
  readonly persons: readonly string[];
  readonly devices: ReadonlyArray<readonly [string, number, number, Column, Column, Column, Column, Column, Column | null, Column | null,
    (HandoverColumns | null)?]>;
}

/** A column as a snapshot holds it: its bytes (a typed array's view when written). */
export type Column = Uint8Array | Float64Array | Uint32Array;

const POS = 1;
const SUBSIDISED = 2;
const HANDOVER = 4;

/** One hand-over's children: person numbers (0: none shown) and reasons. Never changed once made. */
interface HandoverEntry { readonly persons: Uint32Array; readonly reasons: Uint8Array }

export type SeqLookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'decided'; readonly decision: StoredDecision }
  | { readonly kind: 'too_old'; readonly highestSeq: number };

const NEW: SeqLookup = Object.freeze({ kind: 'new' });

/** Smallest ring a device starts with; it doubles as the device's window of live seqs widens. */
const RING_MIN = 64;
/** Marks an empty slot in the seq column (a real seq is positive). */
const EMPTY = -1;

/** One device's ring: columns indexed by seq modulo the ring's size. */
class Ring {
  readonly seq: Float64Array;
  readonly decidedAtMs: Float64Array;
  readonly appendNo: Float64Array;
  readonly person: Uint32Array;
  readonly reason: Uint8Array;
  readonly flags: Uint8Array;
  /** POS columns, made on the device's first POS decision (a turnstile never needs them). */
  amountKop: Float64Array | null = null;
  balanceAfterKop: Float64Array | null = null;

  constructor(readonly size: number) {
    this.seq = new Float64Array(size).fill(EMPTY);
    this.decidedAtMs = new Float64Array(size);
    this.appendNo = new Float64Array(size);
    this.person = new Uint32Array(size);
    this.reason = new Uint8Array(size);
    this.flags = new Uint8Array(size);
  }

  withPos(): this {
    if (this.amountKop === null) {
      this.amountKop = new Float64Array(this.size);
      this.balanceAfterKop = new Float64Array(this.size);
    }
    return this;
  }

  /** A copy of this ring (same size): a few memcpy. */
  copy(): Ring {
    const r = new Ring(this.size);
    r.seq.set(this.seq); r.decidedAtMs.set(this.decidedAtMs); r.appendNo.set(this.appendNo);
    r.person.set(this.person); r.reason.set(this.reason); r.flags.set(this.flags);
    if (this.amountKop !== null) { r.withPos(); r.amountKop!.set(this.amountKop); r.balanceAfterKop!.set(this.balanceAfterKop!); }
    return r;
  }

  /** Copies slot `i` of `from` into slot `j` of this ring. */
  take(j: number, from: Ring, i: number): void {
    this.seq[j] = from.seq[i]!;
    this.decidedAtMs[j] = from.decidedAtMs[i]!;
    this.appendNo[j] = from.appendNo[i]!;
    this.person[j] = from.person[i]!;
    this.reason[j] = from.reason[i]!;
    this.flags[j] = from.flags[i]!;
    if (from.amountKop !== null) {
      this.withPos();
      this.amountKop![j] = from.amountKop[i]!;
      this.balanceAfterKop![j] = from.balanceAfterKop![i]!;
    }
  }
}

/**
 * One device's decisions. A slot holds a decision only for its own seq; a lookup checks the seq,
 * so a slot left over from an older seq is never taken for another. The ring doubles (up to the
 * first power of two ≥ the memory) only when a new decision would overwrite one still inside the
 * window, so a device that taps a few hundred times a day keeps a small ring. Constant time per
 * tap.
 */
class DeviceSeqs {
  highest = 0;
  ring: Ring;
  /** Hand-overs by seq, for the slots flagged HANDOVER; made on the device's first one. */
  handovers: Map<number, HandoverEntry> | null = null;
  /** A snapshot cut holds the ring: copy it before writing. */
  private shared = false;
  /** The ring's largest size: the first power of two at or above the memory. */
  readonly ringMax: number;

  constructor(private readonly memory: number) {
    this.ringMax = 2 ** Math.ceil(Math.log2(Math.max(1, memory)));
    this.ring = new Ring(Math.min(RING_MIN, this.ringMax));
  }

  /** The slot holding `seq` inside the window, or -1. */
  slotOf(seq: number): number {
    if (seq > this.highest || seq <= this.highest - this.memory) return -1;
    const i = seq % this.ring.size;
    return this.ring.seq[i] === seq ? i : -1;
  }

  /** The ring for a snapshot cut: it is not written again (the next `set` copies it first). */
  share(): Ring {
    this.shared = true;
    return this.ring;
  }

  set(seq: number, reason: number, person: number, decidedAtMs: number, appendNo: number, pos: StoredDecision['pos'],
    handover: HandoverEntry | null = null): void {
    if (this.shared) {
      this.ring = this.ring.copy();
      if (this.handovers !== null) this.handovers = new Map(this.handovers);
      this.shared = false;
    }
    const highest = Math.max(this.highest, seq);
    let i: number;
    for (;;) {
      i = seq % this.ring.size;
      const occupant = this.ring.seq[i]!;
      if (occupant === EMPTY || occupant === seq || occupant <= highest - this.memory || this.ring.size >= this.ringMax) break;
      this.grow();
    }
    const r = this.ring;
    const previous = r.seq[i]!;
    if (this.handovers !== null && previous !== EMPTY) this.handovers.delete(previous);
    if (handover !== null) (this.handovers ??= new Map()).set(seq, handover);
    r.seq[i] = seq;
    r.reason[i] = reason;
    r.person[i] = person;
    r.decidedAtMs[i] = decidedAtMs;
    r.appendNo[i] = appendNo;
    if (pos === undefined) {
      r.flags[i] = 0;
    } else {
      r.withPos();
      r.flags[i] = POS | (pos.subsidised ? SUBSIDISED : 0);
      r.amountKop![i] = pos.amountKop;
      r.balanceAfterKop![i] = pos.balanceAfterKop;
    }
    if (handover !== null) r.flags[i] = r.flags[i]! | HANDOVER;
    this.highest = highest;
  }

  private grow(): void {
    const old = this.ring;
    const ring = new Ring(old.size * 2);
    const floor = this.highest - this.memory;
    for (let i = 0; i < old.size; i++) {
      const seq = old.seq[i]!;
      if (seq !== EMPTY && seq > floor) ring.take(seq % ring.size, old, i);
      else if (seq !== EMPTY) this.handovers?.delete(seq);
    }
    this.ring = ring;
    this.shared = false;
  }

  /** Slots holding a decision (some may be older than the window): what the device costs. */
  get retained(): number {
    let n = 0;
    for (const seq of this.ring.seq) if (seq !== EMPTY) n++;
    return n;
  }
}

/**
 * A device's part of a snapshot cut: its ring as it was (copy on write), encoded only when serialised
 * (`toJSON`, called by the snapshot encoder one device at a time, off the cut's turn).
 */
class DeviceCut {
  private readonly ring: Ring;
  private readonly highest: number;
  private readonly handovers: ReadonlyMap<number, HandoverEntry> | null;

  constructor(readonly id: string, source: DeviceSeqs) {
    // The ring itself, marked shared: the device copies it before its next write (copy on write),
    // so the cut costs nothing per decision and stays as it was.
    this.ring = source.share();
    this.highest = source.highest;
    // Shared like the ring: the device copies the map before its next write.
    this.handovers = source.handovers;
  }

  toJSON(): SeqSnapshot['devices'][number] {
    const r = this.ring;
    return [this.id, this.highest, r.size, r.seq, r.decidedAtMs, r.person, r.reason, r.flags, r.amountKop, r.balanceAfterKop,
      packHandovers(this.handovers)];
  }
}

/** A device's hand-overs as columns (see HandoverColumns), or null when it has none. */
function packHandovers(m: ReadonlyMap<number, HandoverEntry> | null): HandoverColumns | null {
  if (m === null || m.size === 0) return null;
  const seqs = new Float64Array(m.size);
  const counts = new Uint8Array(m.size);
  let total = 0;
  for (const e of m.values()) total += e.reasons.length;
  const persons = new Uint32Array(total);
  const reasons = new Uint8Array(total);
  let k = 0;
  let o = 0;
  for (const [seq, e] of m) {
    seqs[k] = seq;
    counts[k++] = e.reasons.length;
    persons.set(e.persons, o);
    reasons.set(e.reasons, o);
    o += e.reasons.length;
  }
  return [seqs, counts, persons, reasons];
}

/** The inverse of packHandovers; false when the columns do not agree with each other. */
function unpackHandovers(cols: HandoverColumns, into: Map<number, HandoverEntry>): boolean {
  const n = cols[0].byteLength / 8;
  const seqs = new Float64Array(n);
  const counts = new Uint8Array(n);
  if (!fillColumn(cols[0], seqs) || !fillColumn(cols[1], counts)) return false;
  let total = 0;
  for (const c of counts) total += c;
  const persons = new Uint32Array(total);
  const reasons = new Uint8Array(total);
  if (!fillColumn(cols[2], persons) || !fillColumn(cols[3], reasons)) return false;
  let o = 0;
  for (let k = 0; k < n; k++) {
    into.set(seqs[k]!, { persons: persons.slice(o, o + counts[k]!), reasons: reasons.slice(o, o + counts[k]!) });
    o += counts[k]!;
  }
  return true;
}

/** Fills `into` from a column's bytes; false when the length does not match. */
export function fillColumn(from: Column, into: Float64Array | Uint32Array | Uint8Array): boolean {
  if (from.byteLength !== into.byteLength) return false;
  new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(new Uint8Array(from.buffer, from.byteOffset, from.byteLength));
  return true;
}

export class SeqMemory {
  private readonly devices = new Map<string, DeviceSeqs>();
  private readonly persons = new Interner();

  constructor(readonly memory: number) {}

  lookup(deviceId: string, seq: number): SeqLookup {
    const d = this.devices.get(deviceId);
    if (d === undefined) return NEW;
    const i = d.slotOf(seq);
    if (i >= 0) return { kind: 'decided', decision: this.decisionAt(d, i) };
    if (seq <= d.highest - this.memory) return { kind: 'too_old', highestSeq: d.highest };
    return NEW;
  }

  highestSeq(deviceId: string): number {
    return this.devices.get(deviceId)?.highest ?? 0;
  }

  remember(deviceId: string, decision: StoredDecision): void {
    this.rememberFields(deviceId, decision.seq, decision.reason, decision.personId, decision.decidedAtMs, decision.appendNo, decision.pos,
      decision.handover);
  }

  /** `remember` without a StoredDecision object (the ledger replay's path: millions of calls). */
  rememberFields(deviceId: string, seq: number, reason: number, personId: string, decidedAtMs: number, appendNo: number,
    pos?: StoredDecision['pos'], handover?: readonly HandoverChildResult[]): void {
    let d = this.devices.get(deviceId);
    if (d === undefined) {
      d = new DeviceSeqs(this.memory);
      this.devices.set(deviceId, d);
    }
    let entry: HandoverEntry | null = null;
    if (handover !== undefined) {
      assert(handover.length > 0 && handover.length <= 255, `hand-over of ${handover.length} children`);
      entry = { persons: Uint32Array.from(handover, (c) => this.persons.id(c.personId)), reasons: Uint8Array.from(handover, (c) => c.reason) };
    }
    d.set(seq, reason, this.persons.id(personId), decidedAtMs, appendNo, pos, entry);
  }

  private decisionAt(device: DeviceSeqs, i: number): StoredDecision {
    const r = device.ring;
    const d = { seq: r.seq[i]!, reason: r.reason[i]!, personId: this.persons.string(r.person[i]!), decidedAtMs: r.decidedAtMs[i]!,
      appendNo: r.appendNo[i]! };
    const flags = r.flags[i]!;
    if ((flags & HANDOVER) !== 0) {
      const e = device.handovers?.get(d.seq);
      assert(e !== undefined, `hand-over ${d.seq} without its children`);
      return { ...d, handover: Array.from(e.reasons, (reason, k) => ({ reason, personId: this.persons.string(e.persons[k]!) })) };
    }
    if ((flags & POS) === 0) return d;
    return { ...d, pos: { amountKop: r.amountKop![i]!, balanceAfterKop: r.balanceAfterKop![i]!, subsidised: (flags & SUBSIDISED) !== 0 } };
  }

  /**
   * A consistent cut for a snapshot, in one short turn: each device's ring, shared until the
   * device's next decision copies it; encoding happens when the cut is serialised, device by device.
   */
  toSnapshot(): { readonly persons: readonly string[]; readonly devices: readonly DeviceCut[] } {
    return { persons: this.persons.toArray(), devices: [...this.devices].map(([id, d]) => new DeviceCut(id, d)) };
  }

  loadSnapshot(snap: SeqSnapshot): void {
    this.devices.clear();
    this.persons.load(snap.persons.length === 0 ? [''] : snap.persons);
    for (const [id, highest, size, seq, decidedAtMs, person, reason, flags, amountKop, balanceAfterKop, handovers] of snap.devices) {
      const d = new DeviceSeqs(this.memory);
      assert(Number.isInteger(Math.log2(size)) && size <= d.ringMax, `seq memory of ${id}: a ring of ${size} slots`);
      const ring = new Ring(size);
      let ok = fillColumn(seq, ring.seq) && fillColumn(decidedAtMs, ring.decidedAtMs) && fillColumn(person, ring.person)
        && fillColumn(reason, ring.reason) && fillColumn(flags, ring.flags);
      if (amountKop !== null) ok = ok && balanceAfterKop !== null && fillColumn(amountKop, ring.withPos().amountKop!) && fillColumn(balanceAfterKop, ring.balanceAfterKop!);
      if (handovers != null) ok = ok && unpackHandovers(handovers, d.handovers = new Map());
      assert(ok, `seq memory of ${id}: columns of the ring's size`);
      // Taken when everything was durable: append numbers of that boot mean nothing now (0).
      d.ring = ring;
      d.highest = highest;
      this.devices.set(id, d);
    }
  }

  /** Decisions held for a device, including slots not yet overwritten: at most the first power of two ≥ memory. */
  retained(deviceId: string): number {
    return this.devices.get(deviceId)?.retained ?? 0;
  }

  get deviceCount(): number {
    return this.devices.size;
  }
}
