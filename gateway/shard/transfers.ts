// Balances leaving a shard (docs/shards.md, "Moving a pupil"). An account belongs to the shard of
// its pupil's school; when the registry moves the pupil to a school of another shard, the owner
// of the old shard sees an account with a balance that is no longer its own. It appends a
// TransferOutEvent (the balance here drops to 0), and once that is durable it offers the amount
// to the new shard's owner (subject tapgate.shard.v1.<to>.transfer_in) until that owner answers
// APPLIED or DUPLICATE; then it appends a TransferDoneEvent. The receiving shard applies a
// transfer id at most once, forever (a top-up of channel "transfer"), so offering it again after
// a crash, a takeover or a lost reply is always safe: the pair is exactly once.
//
// A balance leaves only when every top-up of the account is in the durable payment index: a bank
// retrying a payment after the move reaches the new shard, which must be able to tell it was
// applied here (gateway/shard/money-service.ts checks the index whenever the city has several shards).
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { tapgate } from '../../core/proto.js';
import { TopUpStatus, type MoneyState, type RegistryIndex, type TransferOut } from '../../core/index.js';
import { SHARD_REQUEST_TIMEOUT_MS, shardSubject, type Logger } from '../../lib/index.js';
import type { LedgerWriter } from './ledger.js';
import type { MoneyService } from './money-service.js';

const { TransferInRequest } = tapgate.shard.v1;
const { TopUpReply } = tapgate.money.v1;

/** How often every balance is checked for accounts that left the shard (changes are checked at once), in ms. */
export const TRANSFER_SCAN_INTERVAL_MS = 30_000;
/** How often pending transfers are offered again and accounts waiting for the index looked at, in ms. */
export const TRANSFER_RETRY_MS = 1000;
/** Transfers offered at the same time, at most. */
const OFFERS_IN_FLIGHT_MAX = 16;

export class TransferDesk {
  /** Accounts to look at in the next turn. */
  private readonly suspects = new Set<string>();
  private readonly offering = new Set<string>();
  /** The ledger append of each transfer out made by this process (replayed ones are durable). */
  private readonly appendNoOf = new Map<string, number>();
  private scanTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly shardId: string,
    private readonly registry: RegistryIndex,
    private readonly money: MoneyState,
    private readonly ledger: LedgerWriter,
    private readonly service: MoneyService,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.scanAll();
    this.scanTimer = setInterval(() => this.scanAll(), TRANSFER_SCAN_INTERVAL_MS);
    this.retryTimer = setInterval(() => this.work(), TRANSFER_RETRY_MS);
    this.scanTimer.unref();
    this.retryTimer.unref();
    this.work();
  }

  stop(): void {
    this.stopped = true;
    if (this.scanTimer !== null) clearInterval(this.scanTimer);
    if (this.retryTimer !== null) clearInterval(this.retryTimer);
  }

  /** A registry change: the accounts it may have moved are looked at in the next turn. */
  onRegistryChange(kind: string, id: string): void {
    if (this.stopped) return;
    if (kind === 'person') this.suspect(this.registry.accountOfPersonId(id)?.id);
    else if (kind === 'account') this.suspect(id);
    else if (kind === 'school') for (const p of this.registry.personIdsOfSchool(id)) this.suspect(this.registry.accountOfPersonId(p)?.id);
  }

  /** After a refund credited an account that may have left. */
  suspect(accountId: string | undefined): void {
    if (accountId === undefined || this.stopped) return;
    const first = this.suspects.size === 0;
    this.suspects.add(accountId);
    if (first) setImmediate(() => this.work());
  }

  private scanAll(): void {
    for (const accountId of this.money.accountIds()) if (this.money.balanceKop(accountId) > 0) this.suspects.add(accountId);
  }

  /** Starts the transfers that are due and offers the pending ones. */
  private work(): void {
    if (this.stopped || this.ledger.failed !== null || !this.ledger.admitting) return;
    for (const accountId of [...this.suspects]) {
      this.suspects.delete(accountId);
      this.maybeTransferOut(accountId);
    }
    for (const t of this.money.pendingTransfers) {
      if (this.offering.size >= OFFERS_IN_FLIGHT_MAX) break;
      if (!this.offering.has(t.transferId)) void this.offer(t);
    }
  }

  /** Appends a transfer out when the account's pupil is in another shard now and it holds money here. */
  private maybeTransferOut(accountId: string): void {
    const toShardId = this.registry.shardOfAccount(accountId);
    const balanceKop = this.money.balanceKop(accountId);
    if (toShardId === this.shardId || balanceKop <= 0 || this.money.transferPending(accountId)) return;
    // An account or pupil no longer in the registry has no shard to go to: the balance stays until the office decides.
    const personId = this.registry.accounts.get(accountId)?.personId;
    const schoolId = personId === undefined ? undefined : this.registry.persons.get(personId)?.schoolId;
    if (schoolId === undefined || !this.registry.schools.has(schoolId)) return;
    for (const t of this.money.unindexedTopUps) {
      if (t.accountId === accountId) {
        this.service.index.kick();
        this.suspects.add(accountId); // looked at again at the next retry tick
        return;
      }
    }
    const t: TransferOut = { transferId: `t${randomBytes(12).toString('hex')}`, accountId, amountKop: balanceKop, toShardId,
      appliedAtMs: Date.now() };
    this.money.transferOut(t);
    this.appendNoOf.set(t.transferId, this.ledger.addTransferOut(t));
    this.log.info({ transferId: t.transferId, accountId, amountKop: balanceKop, toShardId }, 'transfer out: the account left this shard');
  }

  /** Offers a transfer to the receiving shard once it is durable here; confirms it when answered. */
  private async offer(t: TransferOut): Promise<void> {
    this.offering.add(t.transferId);
    try {
      // The transfer out may still be in the open batch: it must be durable before another shard credits it.
      if (!(await this.ledger.whenDurable(this.appendNoOf.get(t.transferId) ?? 0))) return;
      const req = TransferInRequest.encode({ transferId: t.transferId, accountId: t.accountId, amountKop: t.amountKop,
        fromShardId: this.shardId }).finish();
      const m = await this.nc.request(shardSubject(t.toShardId, 'transfer_in'), req, { timeout: SHARD_REQUEST_TIMEOUT_MS });
      const r = TopUpReply.decode(m.data);
      if (r.status !== TopUpStatus.TOP_UP_STATUS_APPLIED && r.status !== TopUpStatus.TOP_UP_STATUS_DUPLICATE) {
        this.log.warn({ transferId: t.transferId, toShardId: t.toShardId, error: r.error }, 'transfer refused by the receiving shard; offered again');
        return;
      }
      if (this.stopped || this.ledger.failed !== null) return;
      this.money.transferDone(t.transferId);
      this.appendNoOf.delete(t.transferId);
      this.ledger.addTransferDone({ transferId: t.transferId, appliedAtMs: Date.now() });
      this.log.info({ transferId: t.transferId, toShardId: t.toShardId }, 'transfer confirmed by the receiving shard');
    } catch (err) {
      // No owner of the receiving shard right now, or a lost reply: offered again at the next tick.
      this.log.debug({ transferId: t.transferId, toShardId: t.toShardId, err: (err as Error).message }, 'transfer offer not answered');
    } finally {
      this.offering.delete(t.transferId);
    }
  }
}
