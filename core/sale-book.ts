// The paid sales of the refund window, for refunds by device and seq (ADR 0013). A busy month
// holds millions, so a sale is not an object: the sales are columns of typed arrays in ledger
// order (which is also the order they are forgotten in: the ledger clock never goes back and the
// window is fixed), device and account ids are numbered by an Interner, and each device maps its
// seqs to positions in a Map of small integers. Forgetting drops sales from the front of the
// columns. With an object and a string key per sale, the collector spent most of a 5M-event
// replay tracing them (ADR 0014).
import { assert } from './errors.js';
import { Interner } from './interner.js';
import { fillColumn, type Column } from './seq-memory.js';

export interface KeptSale {
  readonly accountId: string;
  readonly amountKop: number;
  /** The refund that reversed it, or ''. */
  readonly refundId: string;
  /** The ledger time from which it is forgotten, in ms. */
  readonly forgetAtMs: number;
}

/**
 * Sales as a snapshot stores them: device and account ids by number (index 0: none), the sales
 * oldest first as columns (bytes, little-endian: seq f64, amountKop f64, forgetAtMs f64, device
 * u32, account u32), and the refunded ones as [row, refund id].
 */
export interface SaleBookSnapshot {
  readonly devices: readonly string[];
  readonly accounts: readonly string[];
  readonly count: number;
  readonly seq: Column;
  readonly amountKop: Column;
  readonly forgetAtMs: Column;
  readonly device: Column;
  readonly account: Column;
  readonly refunded: ReadonlyArray<readonly [number, string]>;
}

const INITIAL_CAPACITY = 1024;

class Columns {
  readonly seq: Float64Array;
  readonly amountKop: Float64Array;
  readonly forgetAtMs: Float64Array;
  readonly device: Uint32Array;
  readonly account: Uint32Array;

  constructor(readonly capacity: number) {
    this.seq = new Float64Array(capacity);
    this.amountKop = new Float64Array(capacity);
    this.forgetAtMs = new Float64Array(capacity);
    this.device = new Uint32Array(capacity);
    this.account = new Uint32Array(capacity);
  }

  /** Copies `n` rows from `from` starting at `start` to the beginning of this. */
  copy(from: Columns, start: number, n: number): void {
    this.seq.set(from.seq.subarray(start, start + n));
    this.amountKop.set(from.amountKop.subarray(start, start + n));
    this.forgetAtMs.set(from.forgetAtMs.subarray(start, start + n));
    this.device.set(from.device.subarray(start, start + n));
    this.account.set(from.account.subarray(start, start + n));
  }
}

export class SaleBook {
  private cols = new Columns(INITIAL_CAPACITY);
  /** Rows in use are cols[head, tail); a row's position is `base + index`, stable while it is kept. */
  private head = 0;
  private tail = 0;
  private base = 0;
  private readonly devices = new Interner();
  private readonly accounts = new Interner();
  /** Per device number: seq → position. */
  private readonly bySeq = new Map<number, Map<number, number>>();
  /** Positions [pendingFrom, pendingTo) were loaded from a snapshot and are not indexed yet. */
  private pendingFrom = 0;
  private pendingTo = 0;
  /** Position → refund id, for the refunded sales. */
  private readonly refunds = new Map<number, string>();

  get size(): number {
    return this.tail - this.head;
  }

  add(deviceId: string, seq: number, accountId: string, amountKop: number, forgetAtMs: number): void {
    this.addRow(this.devices.id(deviceId), seq, this.accounts.id(accountId), amountKop, forgetAtMs);
  }

  private addRow(device: number, seq: number, account: number, amountKop: number, forgetAtMs: number): void {
    assert(this.size === 0 || this.cols.forgetAtMs[this.tail - 1]! <= forgetAtMs, 'sales are forgotten in the order they are added');
    if (this.tail === this.cols.capacity) this.makeRoom();
    const i = this.tail++;
    this.cols.seq[i] = seq;
    this.cols.amountKop[i] = amountKop;
    this.cols.forgetAtMs[i] = forgetAtMs;
    this.cols.device[i] = device;
    this.cols.account[i] = account;
    this.index(device, seq, i);
  }

  /** Points the device's seq at row `i` (a seq recorded again: the later sale wins). */
  private index(device: number, seq: number, i: number): void {
    let seqs = this.bySeq.get(device);
    if (seqs === undefined) {
      seqs = new Map();
      this.bySeq.set(device, seqs);
    }
    const position = this.base + i;
    const earlier = seqs.get(seq);
    if (earlier !== undefined) {
      if (earlier > position) return; // indexed late (after a snapshot): the later sale is there already
      this.refunds.delete(earlier);
    }
    seqs.set(seq, position);
  }

  /**
   * Indexes up to `rows` of the sales loaded from a snapshot (loading leaves that to later, so a
   * start is not held by millions of Map insertions); true once all are. A lookup finishes it.
   */
  indexSome(rows: number): boolean {
    const from = Math.max(this.pendingFrom, this.base + this.head);
    const to = Math.min(this.pendingTo, from + rows);
    for (let p = from; p < to; p++) this.index(this.cols.device[p - this.base]!, this.cols.seq[p - this.base]!, p - this.base);
    this.pendingFrom = to;
    return this.pendingFrom >= this.pendingTo;
  }

  get(deviceId: string, seq: number): KeptSale | undefined {
    const i = this.indexOf(deviceId, seq);
    if (i < 0) return undefined;
    return { accountId: this.accounts.string(this.cols.account[i]!), amountKop: this.cols.amountKop[i]!,
      refundId: this.refunds.get(this.base + i) ?? '', forgetAtMs: this.cols.forgetAtMs[i]! };
  }

  /** Marks a kept sale refunded; false when no such sale is kept. */
  markRefunded(deviceId: string, seq: number, refundId: string): boolean {
    const i = this.indexOf(deviceId, seq);
    if (i < 0) return false;
    this.refunds.set(this.base + i, refundId);
    return true;
  }

  /** Forgets the sales whose window has passed at `clockMs`, oldest first. */
  expire(clockMs: number): void {
    while (this.head < this.tail && this.cols.forgetAtMs[this.head]! <= clockMs) {
      const position = this.base + this.head;
      const seqs = this.bySeq.get(this.cols.device[this.head]!);
      const seq = this.cols.seq[this.head]!;
      if (seqs !== undefined && seqs.get(seq) === position) {
        seqs.delete(seq);
        if (seqs.size === 0) this.bySeq.delete(this.cols.device[this.head]!);
      }
      this.refunds.delete(position);
      this.head++;
    }
  }

  clear(): void {
    this.cols = new Columns(INITIAL_CAPACITY);
    this.head = 0; this.tail = 0; this.base = 0;
    this.devices.load(['']); this.accounts.load(['']);
    this.bySeq.clear(); this.refunds.clear();
    this.pendingFrom = 0; this.pendingTo = 0;
  }

  private indexOf(deviceId: string, seq: number): number {
    if (this.pendingFrom < this.pendingTo) this.indexSome(Infinity);
    const device = this.devices.find(deviceId);
    if (device < 0) return -1;
    const position = this.bySeq.get(device)?.get(seq);
    return position === undefined ? -1 : position - this.base;
  }

  /** Moves the kept rows to the front, into larger columns when more than half is in use. */
  private makeRoom(): void {
    const n = this.size;
    const cols = n * 2 > this.cols.capacity ? new Columns(this.cols.capacity * 2) : new Columns(this.cols.capacity);
    cols.copy(this.cols, this.head, n);
    this.base += this.head;
    this.cols = cols;
    this.head = 0;
    this.tail = n;
  }

  /**
   * The kept sales for a snapshot, in one short turn: rows are never written again once added
   * (new ones go after them, compaction moves them to new columns), so the cut holds views of the
   * current columns and a copy of the refunds; encoding happens when serialised (`toJSON`).
   */
  toSnapshot(): { toJSON(): SaleBookSnapshot } {
    const n = this.size;
    const { head, cols } = this;
    const view = <T extends Float64Array | Uint32Array>(a: T): T => a.subarray(head, head + n) as T;
    const columns = { seq: view(cols.seq), amountKop: view(cols.amountKop), forgetAtMs: view(cols.forgetAtMs), device: view(cols.device), account: view(cols.account) };
    const refunded: Array<[number, string]> = [];
    for (const [position, refundId] of this.refunds) refunded.push([position - this.base - head, refundId]);
    const devices = this.devices.toArray();
    const accounts = this.accounts.toArray();
    return {
      toJSON: (): SaleBookSnapshot => ({ devices, accounts, count: n, ...columns, refunded: refunded.sort((a, b) => a[0] - b[0]) }),
    };
  }

  loadSnapshot(snap: SaleBookSnapshot): void {
    this.clear();
    // The tables as they were, so the rows' numbers keep naming the same ids.
    this.devices.load(snap.devices.length === 0 ? [''] : snap.devices);
    this.accounts.load(snap.accounts.length === 0 ? [''] : snap.accounts);
    const n = snap.count;
    const cols = new Columns(Math.max(INITIAL_CAPACITY, 2 ** Math.ceil(Math.log2(Math.max(1, n)))));
    const first = <T extends Float64Array | Uint32Array>(a: T): T => a.subarray(0, n) as T;
    assert(fillColumn(snap.seq, first(cols.seq)) && fillColumn(snap.amountKop, first(cols.amountKop)) && fillColumn(snap.forgetAtMs, first(cols.forgetAtMs))
      && fillColumn(snap.device, first(cols.device)) && fillColumn(snap.account, first(cols.account)), 'sale columns of the snapshot\'s count');
    this.cols = cols;
    this.tail = n;
    for (let i = 0; i < n; i++) {
      assert(cols.device[i]! < this.devices.size && cols.account[i]! < this.accounts.size, 'a sale names a known device and account');
      assert(i === 0 || cols.forgetAtMs[i - 1]! <= cols.forgetAtMs[i]!, 'sales are stored in the order they are forgotten');
    }
    this.pendingFrom = 0;
    this.pendingTo = n;
    for (const [row, refundId] of snap.refunded) if (row >= 0 && row < n) this.refunds.set(row, refundId);
  }
}

