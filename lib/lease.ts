// A lease in NATS KV: at most one process holds a key at a time. The holder creates the key
// (which fails while another holder's entry exists) and renews it; the bucket's max age expires
// the entry of a holder that died, so a successor can take over after LEASE_TTL_MS. Used to keep
// tapgate's single writer single: one gateway owns the ledger and the money state.
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { TapgateError } from '../core/index.js';

export const LEASE_BUCKET = 'tapgate_leases';
/** A lease not renewed for this long expires, in ms. */
export const LEASE_TTL_MS = 15_000;
/** How often the holder renews, in ms. */
export const LEASE_RENEW_MS = 5_000;
/** How long a starting process waits for a lease held by another, in ms (a crashed holder's expires). */
export const LEASE_WAIT_MS = LEASE_TTL_MS + 5_000;
const LEASE_POLL_MS = 500;

export interface Lease {
  /** Stops renewing and deletes the key, so a successor can start at once. */
  release(): Promise<void>;
}

async function leaseBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(LEASE_BUCKET, { history: 1, ttl: LEASE_TTL_MS, storage: StorageType.File });
}

/**
 * Takes the lease `key` for `holder`, waiting up to LEASE_WAIT_MS for another holder's to expire.
 * `onLost` is called if a renewal fails (another process took it, or NATS lost it): the caller
 * must stop writing at once.
 */
export async function acquireLease(nc: NatsConnection, key: string, holder: string, onLost: (err: TapgateError) => void): Promise<Lease> {
  const kv = await leaseBucket(nc);
  const deadline = Date.now() + LEASE_WAIT_MS;
  let revision = 0;
  for (;;) {
    try {
      revision = await kv.create(key, holder);
      break;
    } catch (err) {
      if (!/wrong last sequence|key exists/i.test(String((err as Error).message))) throw err;
      if (Date.now() > deadline) {
        const current = await kv.get(key).catch(() => null);
        throw new TapgateError('GW_LEASE_HELD', `lease ${key} is held by ${current?.string() ?? 'another process'}; only one gateway may write the ledger`);
      }
      await new Promise((r) => setTimeout(r, LEASE_POLL_MS));
    }
  }
  let stopped = false;
  const timer = setInterval(() => {
    kv.update(key, holder, revision).then((r) => { revision = r; }, (err: unknown) => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      onLost(new TapgateError('GW_LEASE_LOST', `lease ${key} could not be renewed: ${(err as Error).message}`, { cause: err }));
    });
  }, LEASE_RENEW_MS);
  timer.unref();
  return {
    release: async () => {
      stopped = true;
      clearInterval(timer);
      await kv.delete(key, { previousSeq: revision }).catch(() => undefined);
    },
  };
}
