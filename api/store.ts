// The API's way to change the registry. Changes run one at a time (this gateway holds the
// writer lease, so it is the only API writer), and each waits until the registry index has
// applied its own KV revision: the next change sees every earlier one. That is what makes
// "two concurrent creations of one child give one 201 and one 409" hold.
import type { KV } from '@nats-io/kv';
import { parseRecord, recordKey, TapgateError, type RecordKind, type RegistryIndex, type RegistryRecord } from '../core/index.js';
import { storedJson, type RegistryWatch } from '../lib/index.js';
import { ApiError, orUnavailable } from './errors.js';
import { randomBytes } from 'node:crypto';

/** How long a change may wait for the registry watch to apply it, in ms. */
const APPLY_TIMEOUT_MS = 5000;
/** How long the queue then waits for that change before the next one runs anyway, in ms. */
const LAGGING_WAIT_MS = 60_000;

/** A new opaque id: a prefix and 72 random bits, safe in NATS subjects. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

export class RegistryStore {
  private tail: Promise<unknown> = Promise.resolve();
  /** A change written but not yet seen back: the next change waits for it, whatever its client was told. */
  private lagging: Promise<void> = Promise.resolve();

  constructor(private readonly kv: KV, readonly index: RegistryIndex, private readonly watch: RegistryWatch,
    private readonly onLagging: () => void = () => undefined) {}

  /** Runs `fn` with no other change of this store in between. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined).then(() => this.lagging);
    return run;
  }

  /**
   * Validates a record in its registry form as a write (the text policy, strict dates, class
   * names: core/text.ts); a problem is a 400 naming the field and the problem.
   */
  record<K extends RecordKind>(kind: K, raw: Record<string, unknown>): Extract<RegistryRecord, { kind: K }> {
    try {
      return parseRecord(kind, raw, { nowMs: Date.now() }) as Extract<RegistryRecord, { kind: K }>;
    } catch (err) {
      if (err instanceof TapgateError) throw new ApiError('API_INVALID_REQUEST', err.message, { ...err.details });
      throw err;
    }
  }

  /**
   * Writes records in order and waits until the index shows them. The puts are pipelined: one
   * connection publishes them in call order and the stream stores them in arrival order, so a
   * watcher still sees a parent before its children.
   */
  async put(...records: RegistryRecord[]): Promise<void> {
    const revisions = await orUnavailable(Promise.all(records.map((r) => this.kv.put(recordKey(r), storedJson(r)))), 'registry store');
    await this.applied(Math.max(0, ...revisions));
  }

  async remove(kind: RecordKind, id: string): Promise<void> {
    await orUnavailable(this.kv.delete(`${kind}.${id}`), 'registry store');
    const status = await orUnavailable(this.kv.status(), 'registry store');
    await this.applied(status.streamInfo.state.last_seq);
  }

  private async applied(revision: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ApiError('API_UNAVAILABLE', 'the registry change was written but not seen back in time')), APPLY_TIMEOUT_MS);
    });
    const seen = this.watch.applied(revision);
    try {
      await Promise.race([seen, timeout]);
    } catch (err) {
      // The client hears 503, but the dedup and UID checks of the next change need this one
      // applied: the queue waits for it, up to LAGGING_WAIT_MS, then goes on (and says so).
      this.lagging = Promise.race([seen, new Promise<void>((r) => setTimeout(() => {
        this.onLagging();
        r();
      }, LAGGING_WAIT_MS).unref())]);
      throw err;
    } finally { clearTimeout(timer); }
  }
}
