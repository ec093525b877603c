// Keys in the order they expire, for state that forgets by time (ADR 0013). Entries are pushed
// with non-decreasing expiry times (a monotonic ledger clock plus a fixed window), so the oldest
// is always at the head. Iterating a Map from its start to find the oldest entries would skip
// every deleted slot V8 keeps until the table is rebuilt, which turns steady forgetting
// quadratic; this queue is two arrays and a head index, compacted when half is consumed.
import { assert } from './errors.js';

export class ExpiryQueue {
  private keys: string[] = [];
  private times: number[] = [];
  private head = 0;

  get size(): number {
    return this.keys.length - this.head;
  }

  push(key: string, expiresAtMs: number): void {
    const last = this.times[this.times.length - 1];
    assert(last === undefined || this.size === 0 || last <= expiresAtMs, 'expiry times never decrease');
    this.keys.push(key);
    this.times.push(expiresAtMs);
  }

  /** Calls `drop` for each key whose expiry is at or before `clockMs`, oldest first. */
  expire(clockMs: number, drop: (key: string) => void): void {
    while (this.head < this.keys.length && this.times[this.head]! <= clockMs) {
      drop(this.keys[this.head]!);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.keys = [];
    this.times = [];
    this.head = 0;
  }
}
