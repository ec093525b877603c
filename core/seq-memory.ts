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

class DeviceSeqs {
  highest = 0;
  readonly decisions = new Map<number, StoredDecision>();
}

export class SeqMemory {
  private readonly devices = new Map<string, DeviceSeqs>();

  constructor(readonly memory: number) {}

  lookup(deviceId: string, seq: number): SeqLookup {
    const d = this.devices.get(deviceId);
    if (d === undefined) return { kind: 'new' };
    const found = d.decisions.get(seq);
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
      d = new DeviceSeqs();
      this.devices.set(deviceId, d);
    }
    d.decisions.set(decision.seq, decision);
    if (decision.seq > d.highest) d.highest = decision.seq;
    // Seqs arrive mostly in order, so the oldest entries are at the front of the Map.
    const floor = d.highest - this.memory;
    for (const seq of d.decisions.keys()) {
      if (seq > floor) break;
      d.decisions.delete(seq);
    }
    // A seq that arrived out of order can sit behind a newer one and outlive the floor. Only
    // seqs at or below the floor may go (a seq above it must stay found, or a retransmission
    // would be applied twice); once they are gone every key is in (floor, highest], so at most
    // `memory` remain.
    if (d.decisions.size > this.memory) {
      for (const seq of d.decisions.keys()) if (seq <= floor) d.decisions.delete(seq);
    }
  }

  /**
   * A consistent cut for a snapshot: per device, the highest seq and the remembered decisions. The
   * decisions are immutable, so they are shared, not copied: one event-loop turn stays short.
   */
  toSnapshot(): SeqSnapshot {
    return [...this.devices].map(([id, d]) => [id, d.highest, [...d.decisions.values()]]);
  }

  loadSnapshot(snap: SeqSnapshot): void {
    this.devices.clear();
    for (const [id, highest, decisions] of snap) {
      const d = new DeviceSeqs();
      d.highest = highest;
      // Taken when everything was durable: append numbers of that boot mean nothing now.
      for (const x of decisions) d.decisions.set(x.seq, x.appendNo === 0 ? x : { ...x, appendNo: 0 });
      this.devices.set(id, d);
    }
  }

  get deviceCount(): number {
    return this.devices.size;
  }
}
