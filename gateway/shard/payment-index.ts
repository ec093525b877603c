// The durable payment index (ADR 0013): every applied top-up, once its ledger append is durable,
// is written to the JetStream KV bucket tapgate_payments under a hash of its channel and payment
// id, with its original result. Memory forgets payment ids after a window (core/money.ts); a
// repeat that memory no longer knows is answered from here, so a payment is applied at most once
// however late it is retried. The ledger stays the truth: a top-up waits in the money state's
// `unindexed` list (which snapshots keep, and which replay refills) until its put is
// acknowledged, and memory answers for it until then.
import { createHash } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { StorageType } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { paymentKey, TapgateError, type AppliedTopUp, type MoneyState } from '../../core/index.js';
import { natsReplicas, type Logger } from '../../lib/index.js';
import type { LedgerWriter } from './ledger.js';

/** The KV bucket of applied payments, keyed by paymentIndexKey. */
export const PAYMENT_BUCKET = 'tapgate_payments';
/** Puts in flight at once while the index catches up (after a replay, or a NATS outage). */
export const PAYMENT_INDEX_PUTS_MAX = 64;
/** Wait before retrying after a failed put, in ms. */
export const PAYMENT_INDEX_RETRY_MS = 1000;

/** The KV key of a payment: SHA-256 of `channel:paymentId`, hex (payment ids may hold ':'). */
export function paymentIndexKey(channel: string, paymentId: string): string {
  return createHash('sha256').update(paymentKey(channel, paymentId)).digest('hex');
}

/** What the index stores of a top-up: its original result (ids and amounts, no account number). */
type Stored = Omit<AppliedTopUp, 'appendNo'>;

function parseStored(bytes: Uint8Array, channel: string, paymentId: string): AppliedTopUp {
  const v = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<Stored>;
  const ok = v.channel === channel && v.paymentId === paymentId && typeof v.accountId === 'string' &&
    Number.isSafeInteger(v.amountKop) && Number.isSafeInteger(v.balanceAfterKop) && Number.isSafeInteger(v.appliedAtMs);
  if (!ok) {
    throw new TapgateError('GW_PAYMENT_INDEX_FAILED', `payment index entry of ${channel} is not a top-up of this payment id`);
  }
  return { ...(v as Stored), appendNo: 0 };
}

export class PaymentIndex {
  private kv: Promise<KV> | null = null;
  /** Puts in flight, by index key. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly money: MoneyState,
    private readonly ledger: LedgerWriter,
    private readonly log: Logger,
  ) {}

  private bucket(): Promise<KV> {
    if (this.kv === null) {
      this.kv = new Kvm(this.nc).create(PAYMENT_BUCKET, { history: 1, storage: StorageType.File, replicas: natsReplicas() });
      this.kv.catch(() => { this.kv = null; });
    }
    return this.kv;
  }

  /** The stored result of a payment, or undefined when it was never applied. Throws when NATS fails. */
  async lookup(channel: string, paymentId: string): Promise<AppliedTopUp | undefined> {
    const entry = await (await this.bucket()).get(paymentIndexKey(channel, paymentId));
    if (entry === null || entry.operation !== 'PUT') return undefined;
    return parseStored(entry.value, channel, paymentId);
  }

  /** Top-ups being written now. */
  get putsInFlight(): number {
    return this.inFlight.size;
  }

  /** Writes the top-ups that are durable in the ledger and not yet in the index. */
  kick(): void {
    if (this.stopped) return;
    for (const topUp of this.money.unindexedTopUps) {
      // In ledger order: once one is not durable yet, none after it is.
      if (topUp.appendNo > this.ledger.ackedNo) break;
      if (this.inFlight.size >= PAYMENT_INDEX_PUTS_MAX) break;
      const key = paymentIndexKey(topUp.channel, topUp.paymentId);
      if (this.inFlight.has(key)) continue;
      this.inFlight.set(key, this.put(key, topUp));
    }
  }

  private async put(key: string, topUp: AppliedTopUp): Promise<void> {
    const { appendNo: _, ...stored } = topUp;
    await Promise.resolve(); // registered in inFlight before it can settle
    try {
      await (await this.bucket()).put(key, JSON.stringify(stored));
      this.money.markIndexed(topUp);
      this.inFlight.delete(key);
      this.kick();
    } catch (err) {
      this.inFlight.delete(key);
      this.log.warn({ code: 'GW_PAYMENT_INDEX_FAILED', err: (err as Error).message }, 'payment index put failed; retrying');
      if (this.retryTimer === null && !this.stopped) {
        this.retryTimer = setTimeout(() => { this.retryTimer = null; this.kick(); }, PAYMENT_INDEX_RETRY_MS);
        this.retryTimer.unref();
      }
    }
  }

  /** Stops writing once the puts in flight are done (what is left stays in memory and snapshots). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }
}
