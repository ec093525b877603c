// The replies of each shard's frames, waiting for the shard's ledger (ADR 0002: a device hears a
// decision only once the append holding it is acknowledged). One FIFO per shard, in the order the
// sequencer decided; each ack of a shard's ledger releases the head of its queue up to the append
// number acknowledged. The queue also counts the shard's frames admitted and not yet answered, so
// a shard being given up knows when its work in flight is done.

/** A decided frame waiting for its shard's ledger. */
export interface PendingReply<W, D, R> {
  readonly ws: W; readonly data: D; readonly reply: R; readonly receivedNs: bigint;
}

interface Queue<P> { readonly replies: P[]; head: number; framesInFlight: number }

/** Released replies are compacted away once this many sit before the head (and they are half the array). */
const COMPACT_AFTER = 1024;

export class ReplyQueues<S, P extends { readonly reply: { readonly neededNo: number } }> {
  private readonly queues = new Map<S, Queue<P>>();

  private of(shard: S): Queue<P> {
    let q = this.queues.get(shard);
    if (q === undefined) { q = { replies: [], head: 0, framesInFlight: 0 }; this.queues.set(shard, q); }
    return q;
  }

  /** A frame of the shard was admitted. */
  admitted(shard: S): void { this.of(shard).framesInFlight++; }

  /** A frame of the shard ended without a reply to queue (refused, or its shard gone). */
  unanswered(shard: S): void { this.of(shard).framesInFlight--; }

  /** A decided frame: its reply waits for append `reply.neededNo`. */
  push(shard: S, p: P): void { this.of(shard).replies.push(p); }

  /** Takes, in order, every reply whose append is acknowledged (`ackedNo`); each counts as answered. */
  release(shard: S, ackedNo: number, each: (p: P) => void): void {
    const q = this.of(shard);
    while (q.head < q.replies.length) {
      const p = q.replies[q.head]!;
      if (p.reply.neededNo > ackedNo) break;
      q.head++;
      q.framesInFlight--;
      each(p);
    }
    if (q.head > COMPACT_AFTER && q.head * 2 > q.replies.length) {
      q.replies.splice(0, q.head);
      q.head = 0;
    }
  }

  /** True when no frame of the shard is admitted and unanswered. */
  drained(shard: S): boolean { return (this.queues.get(shard)?.framesInFlight ?? 0) <= 0; }

  /** The shard is gone from this process: its queued replies are never sent (devices resend). */
  forget(shard: S): void { this.queues.delete(shard); }

  /** Every shard with a queue. */
  shards(): IterableIterator<S> { return this.queues.keys(); }
}
