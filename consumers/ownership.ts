// Which of a set of work units (keyed by string ids) this process works, when several processes
// share them: each announces itself in a members bucket (entries expire when a process dies) and
// takes a fair share, ceil(units / members), of the units through leases (lib/lease.ts), giving
// back its surplus when more members appear, and a unit that left the set. The set may change
// (ids() is asked at every rebalance). The lease only coordinates: the user of a unit must make
// two holders harmless (the notifier fences its journal; the ClickHouse sink checks its lease
// before each insert and a new holder waits for the old one's inserts, see clickhouse-sink/).
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { TapgateError } from '../core/index.js';
import {
  acquireLease, decodeHolder, encodeHolder, holderIsDeadHere, LEASE_BUCKET, LEASE_TTL_MS, natsReplicas, type Lease, type Logger,
} from '../lib/index.js';

/** A member that stops announcing itself is gone after this long, in ms. */
export const OWNERSHIP_MEMBER_TTL_MS = 5_000;
/** How often a member announces itself and rebalances, in ms. */
export const OWNERSHIP_REBALANCE_INTERVAL_MS = 1_000;

export interface UnitHooks {
  /** A unit was taken: start working it. Throwing gives the lease back. */
  gained(id: string): Promise<void>;
  /** Give a unit back (surplus, gone from the set, or shutting down): stop working it. */
  released(id: string): Promise<void>;
  /** The lease was lost to another process: stop writing at once. */
  lost(id: string): void;
}

export interface OwnershipOptions {
  /** The KV bucket where members announce themselves. */
  readonly membersBucket: string;
  /** The lease key of a unit (in LEASE_BUCKET). */
  readonly leaseKey: (id: string) => string;
  /** The units to share now, asked at every rebalance. */
  readonly ids: () => readonly string[];
  /** What a unit is called in log lines ('shard', 'partition'). */
  readonly unitName: string;
}

/** A small stable number from a member id, so that starting members do not all race for the same unit. */
function offsetOf(memberId: string, n: number): number {
  let h = 0;
  for (let i = 0; i < memberId.length; i++) h = (h * 31 + memberId.charCodeAt(i)) >>> 0;
  return n === 0 ? 0 : h % n;
}

export class UnitOwnership {
  private readonly leases = new Map<string, Lease>();
  private timer: NodeJS.Timeout | null = null;
  private members: KV | null = null;
  private leaseKv: KV | null = null;
  private busy: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly nc: NatsConnection, readonly memberId: string, private readonly opts: OwnershipOptions,
    private readonly hooks: UnitHooks, private readonly log: Logger) {}

  get owned(): string[] { return [...this.leases.keys()].sort(); }

  async start(): Promise<void> {
    const kvm = new Kvm(this.nc);
    this.members = await kvm.create(this.opts.membersBucket, { history: 1, ttl: OWNERSHIP_MEMBER_TTL_MS, storage: StorageType.File, replicas: natsReplicas() });
    // The same bucket settings as lib/lease.ts: create() of an existing bucket must match them.
    this.leaseKv = await kvm.create(LEASE_BUCKET, { history: 1, ttl: LEASE_TTL_MS, storage: StorageType.File, replicas: natsReplicas() });
    await this.tick();
    this.timer = setInterval(() => { if (this.busy === null) void this.tick(); }, OWNERSHIP_REBALANCE_INTERVAL_MS);
  }

  /** Gives every unit back and leaves the members. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    await this.busy;
    for (const id of this.owned) await this.release(id);
    await this.members?.delete(this.memberId).catch(() => undefined);
  }

  /**
   * True when the unit's lease entry names this process now (read from the server, not from
   * memory): what a writer asks just before a write that must not come from two holders.
   */
  async holds(id: string): Promise<boolean> {
    if (!this.leases.has(id) || this.leaseKv === null) return false;
    const e = await this.leaseKv.get(this.opts.leaseKey(id));
    return e !== null && e.operation === 'PUT' && e.string() === encodeHolder(this.memberId) && this.leases.has(id);
  }

  private tick(): Promise<void> {
    this.busy = this.rebalance().catch((err: unknown) => {
      this.log.warn({ err: String(err) }, `${this.opts.unitName} rebalance failed; trying again`);
    }).finally(() => { this.busy = null; });
    return this.busy;
  }

  private async rebalance(): Promise<void> {
    if (this.stopped || this.members === null) return;
    await this.members.put(this.memberId, JSON.stringify({ holder: this.memberId, host: hostname(), pid: process.pid, owned: this.owned }));
    const count = await this.liveMembers();
    const ids = [...new Set(this.opts.ids())].sort();
    for (const id of this.owned) if (!ids.includes(id) && !this.stopped) await this.release(id);
    const share = Math.ceil(ids.length / Math.max(1, count));
    const offset = offsetOf(this.memberId, ids.length);
    for (let i = 0; i < ids.length && this.leases.size < share && !this.stopped; i++) {
      const id = ids[(offset + i) % ids.length]!;
      if (!this.leases.has(id)) await this.tryTake(id);
    }
    while (this.leases.size > share && !this.stopped) await this.release(this.owned[this.owned.length - 1]!);
  }

  /**
   * The members announced now. A member of this host whose process is gone (SIGKILLed) is not
   * counted and its entry is deleted, so that a restart takes the whole share at once rather
   * than after OWNERSHIP_MEMBER_TTL_MS.
   */
  private async liveMembers(): Promise<number> {
    const keys: string[] = [];
    for await (const key of await this.members!.keys()) keys.push(key);
    let count = 0;
    for (const key of keys) {
      const e = key === this.memberId ? null : await this.members!.get(key);
      if (e !== null && e.operation === 'PUT' && holderIsDeadHere(decodeHolder(e.string()))) {
        await this.members!.delete(key, { previousSeq: e.revision }).catch(() => undefined);
        continue;
      }
      count++;
    }
    return count;
  }

  private async tryTake(id: string): Promise<void> {
    let lease: Lease;
    try {
      lease = await acquireLease(this.nc, this.opts.leaseKey(id), this.memberId, () => {
        if (!this.leases.delete(id)) return;
        this.log.warn({ [this.opts.unitName]: id }, `${this.opts.unitName} lease lost to another process`);
        this.hooks.lost(id);
      }, { waitMs: 0 });
    } catch (err) {
      if (err instanceof TapgateError && err.code === 'GW_LEASE_HELD') return;
      throw err;
    }
    this.leases.set(id, lease);
    try {
      await this.hooks.gained(id);
      this.log.info({ [this.opts.unitName]: id, owned: this.owned }, `${this.opts.unitName} taken`);
    } catch (err) {
      this.leases.delete(id);
      await lease.release().catch(() => undefined);
      this.log.warn({ [this.opts.unitName]: id, err: String(err) }, `${this.opts.unitName} could not be started; given back`);
    }
  }

  private async release(id: string): Promise<void> {
    const lease = this.leases.get(id);
    if (lease === undefined) return;
    // Still held while the user finishes the unit (a sink's last inserts ask holds()).
    await this.hooks.released(id);
    this.leases.delete(id);
    await lease.release().catch(() => undefined);
    this.log.info({ [this.opts.unitName]: id, owned: this.owned }, `${this.opts.unitName} given back`);
  }
}
