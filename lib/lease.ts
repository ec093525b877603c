// A lease in NATS KV: at most one process holds a key at a time, as a matter of coordination,
// not of safety. The holder creates the key (which fails while another holder's entry exists)
// and renews it; the bucket's max age expires the entry of a holder that died, so a successor
// (a restart, or a warm standby) can take over after LEASE_TTL_MS. Safety does not rest on the
// lease: the ledger subject is fenced at the broker (ADR 0007), so a holder that was paused past
// its TTL lands nothing once a successor has written. That lets the lease be short and lets a
// renewal that fails for a while (a broker stall) be retried instead of stopping the holder: the
// holder stops only when it sees another holder's entry.
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { TapgateError } from '../core/index.js';
import { isWrongLastSequence, natsReplicas } from './nats.js';

/** Bucket of the writer leases (a new name: its entries live for LEASE_TTL_MS, shorter than the old bucket's). */
export const LEASE_BUCKET = 'tapgate_writer_leases';
/** A lease not renewed for this long expires, in ms. */
export const LEASE_TTL_MS = 4_000;
/** How often the holder renews, in ms. */
export const LEASE_RENEW_MS = 1_000;
/** How long a starting process waits for a lease held by another, in ms (a crashed holder's expires). */
export const LEASE_WAIT_MS = LEASE_TTL_MS + 5_000;
/** How often a waiting process tries to take the lease, in ms. */
export const LEASE_POLL_MS = 250;

export interface Lease {
  /** Stops renewing and deletes the key, so a successor can start at once. */
  release(): Promise<void>;
}

/** What a lease entry says about its holder: enough to tell a dead process on this host from a live one. */
export interface LeaseHolder { readonly holder: string; readonly host: string; readonly pid: number }

export function encodeHolder(holder: string): string {
  return JSON.stringify({ holder, host: hostname(), pid: process.pid } satisfies LeaseHolder);
}

export function decodeHolder(value: string): LeaseHolder | null {
  try {
    const v = JSON.parse(value) as Partial<LeaseHolder>;
    const ok = typeof v.holder === 'string' && typeof v.host === 'string' && typeof v.pid === 'number';
    return ok ? v as LeaseHolder : null;
  } catch { return null; }
}

/** True when the entry's holder is a process of this host that no longer runs (a SIGKILLed predecessor). */
export function holderIsDeadHere(h: LeaseHolder | null): boolean {
  if (h === null || h.host !== hostname() || h.pid === process.pid) return false;
  try { process.kill(h.pid, 0); return false; } catch (err) { return (err as NodeJS.ErrnoException).code === 'ESRCH'; }
}

async function leaseBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(LEASE_BUCKET, { history: 1, ttl: LEASE_TTL_MS, storage: StorageType.File, replicas: natsReplicas() });
}

/**
 * One attempt to take the key: creates it, or replaces the entry of a dead local predecessor.
 * Returns the revision, or null while another holder has it.
 */
async function tryTake(kv: KV, key: string, value: string): Promise<number | null> {
  try {
    return await kv.create(key, value);
  } catch (err) {
    if (!isWrongLastSequence(err)) throw err;
  }
  const current = await kv.get(key);
  if (current === null || current.operation !== 'PUT' || !holderIsDeadHere(decodeHolder(current.string()))) return null;
  // The holder was a process of this host that is gone: its lease would only delay the restart.
  try {
    return await kv.put(key, value, { previousSeq: current.revision });
  } catch (err) {
    if (isWrongLastSequence(err)) return null;
    throw err;
  }
}

export interface AcquireOptions {
  /** Wait this long for the lease, in ms; Infinity for a warm standby. Default LEASE_WAIT_MS. */
  readonly waitMs?: number | undefined;
  /** Awaited while waiting, after each refused attempt (a standby catches up with the ledger here). */
  readonly onWaiting?: () => Promise<void> | void;
}

/**
 * Takes the lease `key` for `holder`, waiting up to `waitMs` for another holder's to expire.
 * `onLost` is called once if the lease turns out to be held by another process: the caller must
 * stop writing at once. A renewal that fails for another reason (a broker stall, a timeout) is
 * retried at the next tick; an entry that expired meanwhile is created again.
 */
export async function acquireLease(nc: NatsConnection, key: string, holder: string, onLost: (err: TapgateError) => void,
  opts: AcquireOptions = {}): Promise<Lease> {
  const kv = await leaseBucket(nc);
  const value = encodeHolder(holder);
  const deadline = Date.now() + (opts.waitMs ?? LEASE_WAIT_MS);
  let revision: number | null;
  while ((revision = await tryTake(kv, key, value)) === null) {
    if (Date.now() > deadline) {
      const current = decodeHolder((await kv.get(key).catch(() => null))?.string() ?? '');
      throw new TapgateError('GW_LEASE_HELD',
        `lease ${key} is held by ${current?.holder ?? 'another process'}; only one gateway may write the ledger`);
    }
    await opts.onWaiting?.();
    await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
  }
  let rev = revision;
  let stopped = false;
  let renewing: Promise<void> | null = null;
  // Every await may straddle a release(): after each, a stopped lease neither re-creates the
  // entry nor reports a loss.
  const renew = async (): Promise<void> => {
    try {
      rev = await kv.update(key, value, rev);
      return;
    } catch (err) {
      if (!isWrongLastSequence(err)) return; // unknown outcome: the next tick tries again
    }
    const current = await kv.get(key);
    if (stopped) return;
    if (current !== null && current.operation === 'PUT' && current.string() === value) {
      rev = current.revision;
      return;
    }
    if (current === null || current.operation !== 'PUT') { rev = await kv.create(key, value); return; }
    stopped = true;
    clearInterval(timer);
    const other = decodeHolder(current.string())?.holder ?? 'another process';
    onLost(new TapgateError('GW_LEASE_LOST', `lease ${key} is now held by ${other}`));
  };
  const timer = setInterval(() => {
    if (stopped || renewing !== null) return;
    renewing = renew().catch(() => undefined).finally(() => { renewing = null; });
  }, LEASE_RENEW_MS);
  timer.unref();
  return {
    release: async () => {
      stopped = true;
      clearInterval(timer);
      // A renewal under way finishes first, so the delete carries the entry's latest revision.
      await renewing;
      await kv.delete(key, { previousSeq: rev }).catch(() => undefined);
    },
  };
}
