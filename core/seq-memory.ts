// Per-device memory of decided seqs, so a retransmitted tap gets its original decision and is
// never applied twice. Each device keeps the decisions of its last SEQ_MEMORY seqs below the
// highest it has sent (a count, not a time: however late a retransmission comes, it is found
// while the device has sent fewer than SEQ_MEMORY newer taps). Older seqs are refused with
// ERROR_CODE_SEQ_TOO_OLD, which protocol v1 tells firmware can never happen if it keeps fewer
// than SEQ_MEMORY undecided taps. Rebuilt at start by replaying the ledger.

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
}

export type SeqSnapshot = ReadonlyArray<readonly [string, number, readonly StoredDecision[]]>;

export type SeqLookup =
  | { readonly kind: 'new' }
  | { readonly kind: 'decided'; readonly decision: StoredDecision }
  | { readonly kind: 'too_old'; readonly highestSeq: number };

/** Smallest ring a device starts with; it doubles as the device's window of live seqs widens. */
const RING_MIN = 64;

/**
 * One device's decisions in a ring indexed by seq modulo its size. A slot holds a decision only
 * for its own seq; a lookup checks the seq, so a slot left over from an older seq is never taken
 * for another. The ring doubles (up to the first power of two ≥ the memory) only when a new
 * decision would overwrite one still inside the window, so a device that taps a few hundred
 * times a day keeps a small ring. Constant time per tap, where a Map pruned from its front cost
 * time proportional to the deleted entries V8 keeps until it rehashes.
 */
class DeviceSeqs {
  highest = 0;
  ring: Array<StoredDecision | undefined>;
  /** The ring's largest size: the first power of two at or above the memory. */
  private readonly ringMax: number;

  constructor(private readonly memory: number) {
    this.ringMax = 2 ** Math.ceil(Math.log2(Math.max(1, memory)));
    this.ring = new Array<StoredDecision | undefined>(Math.min(RING_MIN, this.ringMax));
  }

  get(seq: number): StoredDecision | undefined {
    if (seq > this.highest || seq <= this.highest - this.memory) return undefined;
    const slot = this.ring[seq % this.ring.length];
    return slot !== undefined && slot.seq === seq ? slot : undefined;
  }

  set(decision: StoredDecision): void {
    const highest = Math.max(this.highest, decision.seq);
    for (;;) {
      const i = decision.seq % this.ring.length;
      const occupant = this.ring[i];
      if (occupant === undefined || occupant.seq === decision.seq || occupant.seq <= highest - this.memory || this.ring.length >= this.ringMax) {
        this.ring[i] = decision;
        break;
      }
      this.grow();
    }
    this.highest = highest;
  }

  private grow(): void {
    const old = this.ring;
    this.ring = new Array<StoredDecision | undefined>(old.length * 2);
    for (const d of old) if (d !== undefined && d.seq > this.highest - this.memory) this.ring[d.seq % this.ring.length] = d;
  }

  /** Slots holding a decision (some may be older than the window): what the device costs. */
  get retained(): number {
    return this.ring.reduce((n, d) => n + (d === undefined ? 0 : 1), 0);
  }

  /** The decisions still inside the window, oldest first. */
  live(): StoredDecision[] {
    const floor = this.highest - this.memory;
    return this.ring.filter((d): d is StoredDecision => d !== undefined && d.seq > floor).sort((a, b) => a.seq - b.seq);
  }
}

export class SeqMemory {
  private readonly devices = new Map<string, DeviceSeqs>();

  constructor(readonly memory: number) {}

  lookup(deviceId: string, seq: number): SeqLookup {
    const d = this.devices.get(deviceId);
    if (d === undefined) return { kind: 'new' };
    const found = d.get(seq);
    if (found !== undefined) return { kind: 'decided', decision: found };
    if (seq <= d.highest - this.memory) return { kind: 'too_old', highestSeq: d.highest };
    return { kind: 'new' };
  }

  highestSeq(deviceId: string): number {
    return this.devices.get(deviceId)?.highest ?? 0;
  }

  remember(deviceId: string, decision: StoredDecision): void {
    let d = this.devices.get(deviceId);
    if (d === undefined) {
      d = new DeviceSeqs(this.memory);
      this.devices.set(deviceId, d);
    }
    d.set(decision);
  }

  /**
   * A consistent cut for a snapshot: per device, the highest seq and the remembered decisions. The
   * decisions are immutable, so they are shared, not copied: one event-loop turn stays short.
   */
  toSnapshot(): SeqSnapshot {
    return [...this.devices].map(([id, d]) => [id, d.highest, d.live()]);
  }

  loadSnapshot(snap: SeqSnapshot): void {
    this.devices.clear();
    for (const [id, highest, decisions] of snap) {
      const d = new DeviceSeqs(this.memory);
      // Taken when everything was durable: append numbers of that boot mean nothing now.
      for (const x of decisions) d.set(x.appendNo === 0 ? x : { ...x, appendNo: 0 });
      d.highest = Math.max(d.highest, highest);
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
