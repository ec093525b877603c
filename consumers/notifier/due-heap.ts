// The outbox's queue of notices waiting for their time (quiet hours, a held exit, a retry): a
// binary min-heap of (due time, key). An entry that changed after it was pushed (attempted,
// finished, rescheduled) stays in the heap and is skipped when popped: the worker checks the key
// against the partition state, so nothing has to be removed from the middle.

/** A min-heap of (due time, key); stale items (the entry changed) are skipped when popped. */
export class DueHeap {
  private readonly items: Array<{ at: number; key: string }> = [];
  get size(): number { return this.items.length; }
  push(at: number, key: string): void {
    const a = this.items;
    a.push({ at, key });
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.at <= a[i]!.at) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  peek(): { at: number; key: string } | undefined { return this.items[0]; }
  pop(): { at: number; key: string } | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.at < a[m]!.at) m = l;
        if (r < a.length && a[r]!.at < a[m]!.at) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
