// Strings numbered once: state that keeps millions of records (seq memory, sales) stores a small
// integer per record in a typed array instead of a string reference, so the heap holds one copy
// of each id and the collector has nothing per record to trace. Index 0 is always ''. Grows with
// the distinct strings seen (person, device and account ids: bounded by the registry); it is
// never pruned while the process runs and is rebuilt from a snapshot or the ledger at start.

export class Interner {
  private readonly byString = new Map<string, number>([['', 0]]);
  private readonly strings: string[] = [''];

  /** The number of `s`, assigned on first sight. */
  id(s: string): number {
    let n = this.byString.get(s);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(s);
      this.byString.set(s, n);
    }
    return n;
  }

  /** The number of `s` if it was seen, else -1 (does not assign one). */
  find(s: string): number {
    return this.byString.get(s) ?? -1;
  }

  string(n: number): string {
    return this.strings[n] ?? '';
  }

  get size(): number {
    return this.strings.length;
  }

  /** Every string in number order (index 0 is ''): what a snapshot stores. */
  toArray(): string[] {
    return this.strings.slice();
  }

  /** Replaces the table with one from a snapshot (index 0 must be ''). */
  load(strings: readonly string[]): void {
    this.byString.clear();
    this.strings.length = 0;
    this.strings.push('');
    this.byString.set('', 0);
    for (let i = 1; i < strings.length; i++) {
      const s = strings[i]!;
      this.strings.push(s);
      if (!this.byString.has(s)) this.byString.set(s, i);
    }
  }
}
