// Who owns which shard (docs/shards.md, ADR 0018). Every gateway announces itself once a second
// in the KV bucket tapgate_shard_owners: its id, where its devices connect, whether it is a warm
// standby, and the shards it owns. From the live announcements each gateway computes, for every
// shard the registry names, the same preferred owner: the live non-standby gateway with the
// highest rendezvous hash of (shard, gateway) — standbys only when no other gateway lives, or once
// they own shards (they took them over). A
// gateway opens the shards it is preferred for (taking their leases), and gives back gracefully
// those it owns but is no longer preferred for, once the preferred one has been live for a while
// (a gateway that joins takes its share; one that dies has its shards taken over by the others).
//
// The bucket only coordinates; the single writer rests on each shard's lease and, beneath it, on
// the fenced ledger subject (ADR 0007): two gateways never both land an append on one shard.
// The announcements also route devices: a device of a shard owned elsewhere is told where to go.
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { TapgateError, type RegistryIndex } from '../../core/index.js';
import { holderIsDeadHere, natsReplicas, type Logger } from '../../lib/index.js';

export const SHARD_OWNERS_BUCKET = 'tapgate_shard_owners';
/** How often a gateway announces itself and looks at the shards, in ms. */
export const ANNOUNCE_INTERVAL_MS = 500;
/** An announcement older than this is a dead gateway's, in ms (the bucket's entries also expire). */
export const OWNER_STALE_MS = 3_000;
/**
 * How old a same-id announcement of a process still running on this host may be and still make
 * a starting gateway refuse its id (GW_ID_IN_USE), in ms; bounded, so a reused PID long after a
 * crash is not taken for a twin.
 */
export const TWIN_RUNNING_HERE_MS = 60_000;
/** A gateway gives a shard back only to one that has been live this long, in ms (no flapping at starts). */
export const HANDBACK_SETTLE_MS = 2_000;

export interface Announcement {
  readonly gatewayId: string;
  readonly bootId: string;
  readonly deviceUrl: string;
  readonly standby: boolean;
  readonly owned: readonly string[];
  readonly host: string;
  readonly pid: number;
}

interface Seen { readonly a: Announcement; readonly firstMs: number; lastMs: number }

/** What this gateway does with a shard: open it (true if it got the lease) or give it back. */
export interface OwnerHooks {
  open(shardId: string): Promise<boolean>;
  close(shardId: string): Promise<void>;
  owned(): readonly string[];
}

/** Where a device of a shard should be: here, at another gateway's address, or nowhere yet. */
export type Route = { readonly kind: 'here' } | { readonly kind: 'elsewhere'; readonly url: string } | { readonly kind: 'none' };

/** FNV-1a of a string, 32 bits: the rendezvous score. */
function score(shardId: string, gatewayId: string): number {
  let h = 0x811c9dc5;
  const s = `${shardId}/${gatewayId}`;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h;
}

/**
 * The preferred owner of a shard among live gateways (rendezvous hashing), or null when none lives.
 * A standby counts only when no other gateway lives, unless it owns shards already (it took them
 * over): then it is a gateway like any other, and a fresh standby does not take them from it.
 */
export function preferredOwner(shardId: string, live: readonly Announcement[]): string | null {
  const regular = live.filter((a) => !a.standby || (a.owned ?? []).length > 0);
  const pool = regular.length > 0 ? regular : live;
  let best: string | null = null;
  let bestScore = -1;
  for (const a of pool) {
    const sc = score(shardId, a.gatewayId);
    if (sc > bestScore || (sc === bestScore && best !== null && a.gatewayId > best)) { best = a.gatewayId; bestScore = sc; }
  }
  return best;
}

export class ShardOwners {
  private kv: KV | null = null;
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private stopped = false;
  private readonly opening = new Set<string>();
  private readonly closing = new Set<string>();
  private firstOpenings: Array<Promise<unknown>> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly registry: RegistryIndex,
    private readonly self: Omit<Announcement, 'owned' | 'host' | 'pid'>,
    private readonly hooks: OwnerHooks,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    this.kv = await new Kvm(this.nc).create(SHARD_OWNERS_BUCKET,
      { history: 1, ttl: OWNER_STALE_MS * 2, storage: StorageType.File, replicas: natsReplicas() });
    // The gateways already announced, before the first round: otherwise a starting gateway would
    // see itself alone and reach for every shard (harmlessly, the leases are held, but noisily).
    for await (const key of await this.kv.keys()) {
      const e = await this.kv.get(key);
      if (e?.operation === 'PUT') { try { this.observe(JSON.parse(e.string()) as Announcement, e.created.getTime()); } catch { /* not ours */ } }
    }
    const twin = this.seen.get(this.self.gatewayId);
    // A twin is live when it announced itself recently, or, on this host, while its process runs
    // (a starved event loop can leave a live twin's announcement a few seconds old).
    const twinAge = twin === undefined ? Infinity : Date.now() - twin.lastMs;
    const twinHolder = twin === undefined ? null : { holder: twin.a.gatewayId, host: twin.a.host, pid: twin.a.pid };
    const twinRunsHere = twinHolder !== null && twinHolder.host === hostname() && twinHolder.pid !== process.pid
      && twinAge <= TWIN_RUNNING_HERE_MS && !holderIsDeadHere(twinHolder);
    if (twin !== undefined && twin.a.bootId !== this.self.bootId
        && ((twinAge <= OWNER_STALE_MS && !holderIsDeadHere(twinHolder)) || twinRunsHere)) {
      throw new TapgateError('GW_ID_IN_USE', `gateway id ${this.self.gatewayId} is announced by a live process ` +
        `(${twin.a.host}, pid ${twin.a.pid}); give each gateway its own TAPGATE_GATEWAY_ID`);
    }
    const watch = await this.kv.watch();
    void (async () => {
      for await (const e of watch) {
        if (e.operation !== 'PUT') { this.seen.delete(e.key); continue; }
        try { this.observe(JSON.parse(e.string()) as Announcement, e.created.getTime()); } catch { /* not ours: ignored */ }
      }
    })();
    // The first round's shards are open (or refused) before the start returns: a gateway that says
    // it listens serves the shards it is preferred for.
    await this.tick();
    await Promise.all(this.firstOpenings);
    this.timer = setInterval(() => void this.tick(), ANNOUNCE_INTERVAL_MS);
  }

  /** Stops announcing and deletes our announcement (the shards themselves are closed by the caller). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    await this.kv?.delete(this.self.gatewayId).catch(() => undefined);
  }

  /** Records an announcement made at `atMs` (the entry's time in the bucket; now for our own). */
  private observe(a: Announcement, atMs = Date.now()): void {
    const now = Math.min(atMs, Date.now());
    const old = this.seen.get(a.gatewayId);
    const sameBoot = old !== undefined && old.a.bootId === a.bootId;
    this.seen.set(a.gatewayId, { a, firstMs: sameBoot ? old.firstMs : now, lastMs: now });
  }

  /** Gateways that announced themselves recently and whose process, if on this host, still runs. */
  live(): Announcement[] {
    const now = Date.now();
    return [...this.seen.values()].filter((s) => now - s.lastMs <= OWNER_STALE_MS &&
      (s.a.gatewayId === this.self.gatewayId || !holderIsDeadHere({ holder: s.a.gatewayId, host: s.a.host, pid: s.a.pid })))
      .map((s) => s.a);
  }

  /** Where a device of this shard belongs now. */
  route(shardId: string): Route {
    if (this.hooks.owned().includes(shardId)) return { kind: 'here' };
    const owner = this.live().find((a) => a.gatewayId !== this.self.gatewayId && a.owned.includes(shardId));
    return owner === undefined ? { kind: 'none' } : { kind: 'elsewhere', url: owner.deviceUrl };
  }

  /** Who owns what, for /readyz and the start script. */
  view(): Array<{ gatewayId: string; deviceUrl: string; standby: boolean; owned: readonly string[] }> {
    return this.live().map((a) => ({ gatewayId: a.gatewayId, deviceUrl: a.deviceUrl, standby: a.standby, owned: a.owned }));
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopped || this.kv === null) return;
    this.busy = true;
    try {
      const me: Announcement = { ...this.self, owned: [...this.hooks.owned()].sort(), host: hostname(), pid: process.pid };
      await this.kv.put(this.self.gatewayId, JSON.stringify(me));
      this.observe(me);
      await this.rebalance();
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'shard ownership round failed; trying again');
    } finally {
      this.busy = false;
    }
  }

  private async rebalance(): Promise<void> {
    const live = this.live();
    const owned = new Set(this.hooks.owned());
    for (const shardId of this.registry.shardIds()) {
      if (this.stopped) return;
      const preferred = preferredOwner(shardId, live);
      if (preferred === this.self.gatewayId && !owned.has(shardId)) {
        if (this.opening.has(shardId)) continue;
        this.opening.add(shardId);
        // Opening (lease, rebuild) may take seconds: the next rounds go on meanwhile.
        const opened = this.hooks.open(shardId).catch((err: unknown) => {
          this.log.error({ shardId, err: (err as Error).message }, 'shard could not be opened; trying again');
        }).finally(() => this.opening.delete(shardId));
        if (this.timer === null) this.firstOpenings.push(opened);
      } else if (preferred !== null && preferred !== this.self.gatewayId && owned.has(shardId)) {
        const other = this.seen.get(preferred);
        if (other !== undefined && Date.now() - other.firstMs >= HANDBACK_SETTLE_MS && !this.closing.has(shardId)) {
          this.log.info({ shardId, to: preferred }, 'giving the shard to its preferred gateway');
          // Draining may take up to the grace period: announcements go on meanwhile.
          this.closing.add(shardId);
          void this.hooks.close(shardId).catch((err: unknown) => {
            this.log.error({ shardId, err: (err as Error).message }, 'shard could not be given back cleanly');
          }).finally(() => this.closing.delete(shardId));
        }
      }
    }
  }
}
