// Which partitions of recipients this notifier works. Several notifiers share the work: each
// announces itself in a members bucket (entries expire when a process dies), and each takes a
// fair share, ceil(partitions / members), of the partitions through leases (lib/lease.ts), giving
// back its surplus when more members appear. The lease only coordinates; safety rests on the
// fenced journal of each partition (journal.ts): two processes never both append to it.
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { TapgateError } from '../../core/index.js';
import { acquireLease, natsReplicas, type Lease, type Logger } from '../../lib/index.js';

export const MEMBERS_BUCKET = 'tapgate_notify_members';
/** A member that stops announcing itself is gone after this long, in ms. */
export const MEMBER_TTL_MS = 5_000;
/** How often a member announces itself and rebalances, in ms. */
export const REBALANCE_INTERVAL_MS = 1_000;

export const partitionLeaseKey = (p: number) => `notify-p${p}`;

export interface OwnershipHooks {
  /** A partition was taken: load it and start working it. Throwing gives the lease back. */
  gained(partition: number): Promise<void>;
  /** Give a partition back (surplus, or shutting down): stop working it within the grace. */
  released(partition: number): Promise<void>;
  /** The lease was lost to another process: stop writing at once. */
  lost(partition: number): void;
}

export class Ownership {
  private readonly leases = new Map<number, Lease>();
  private timer: NodeJS.Timeout | null = null;
  private members: KV | null = null;
  private busy: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly nc: NatsConnection, private readonly memberId: string, private readonly partitions: number,
    private readonly hooks: OwnershipHooks, private readonly log: Logger) {}

  get owned(): number[] { return [...this.leases.keys()].sort((a, b) => a - b); }

  async start(): Promise<void> {
    this.members = await new Kvm(this.nc).create(MEMBERS_BUCKET, { history: 1, ttl: MEMBER_TTL_MS, storage: StorageType.File, replicas: natsReplicas() });
    await this.tick();
    this.timer = setInterval(() => { if (this.busy === null) void this.tick(); }, REBALANCE_INTERVAL_MS);
  }

  /** Gives every partition back. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    await this.busy;
    for (const p of this.owned) await this.release(p);
    await this.members?.delete(this.memberId).catch(() => undefined);
  }

  private tick(): Promise<void> {
    this.busy = this.rebalance().catch((err: unknown) => {
      this.log.warn({ err: String(err) }, 'notifier rebalance failed; trying again');
    }).finally(() => { this.busy = null; });
    return this.busy;
  }

  private async rebalance(): Promise<void> {
    if (this.stopped || this.members === null) return;
    await this.members.put(this.memberId, JSON.stringify({ host: hostname(), pid: process.pid, owned: this.owned }));
    let count = 0;
    for await (const _key of await this.members.keys()) count++;
    const share = Math.ceil(this.partitions / Math.max(1, count));
    // Start from an offset of our own so that starting members do not all race for partition 0.
    const offset = Number.parseInt(this.memberId.slice(-4), 16) % this.partitions || 0;
    for (let i = 0; i < this.partitions && this.leases.size < share && !this.stopped; i++) {
      const p = (offset + i) % this.partitions;
      if (!this.leases.has(p)) await this.tryTake(p);
    }
    while (this.leases.size > share && !this.stopped) await this.release(this.owned[this.owned.length - 1]!);
  }

  private async tryTake(p: number): Promise<void> {
    let lease: Lease;
    try {
      lease = await acquireLease(this.nc, partitionLeaseKey(p), this.memberId, () => {
        this.leases.delete(p);
        this.hooks.lost(p);
      }, { waitMs: 0 });
    } catch (err) {
      if (err instanceof TapgateError && err.code === 'GW_LEASE_HELD') return;
      throw err;
    }
    this.leases.set(p, lease);
    try {
      await this.hooks.gained(p);
      this.log.info({ partition: p, owned: this.owned }, 'notifier partition taken');
    } catch (err) {
      this.leases.delete(p);
      await lease.release().catch(() => undefined);
      this.log.warn({ partition: p, err: String(err) }, 'notifier partition could not be loaded; given back');
    }
  }

  /**
   * Called by the owner when a partition's journal was fenced: stop renewing. The release deletes
   * the entry only at our own revision, so a new holder's entry stays.
   */
  forget(p: number): void {
    const lease = this.leases.get(p);
    this.leases.delete(p);
    void lease?.release().catch(() => undefined);
  }

  private async release(p: number): Promise<void> {
    const lease = this.leases.get(p);
    if (lease === undefined) return;
    this.leases.delete(p);
    await this.hooks.released(p);
    await lease.release().catch(() => undefined);
    this.log.info({ partition: p, owned: this.owned }, 'notifier partition given back');
  }
}
