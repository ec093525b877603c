// The API process's way to the money and presence state, which only the gateway owning a shard
// holds (docs/shards.md, ADR 0017): NATS requests to tapgate.shard.v1.<shard>.<command>, the
// shard found from the registry. The client keeps no state of its own, so any number of API
// processes may run. A shard that does not answer (no owner between a death and a takeover, a
// timeout, a malformed or refused reply) is one outcome, `unavailable`, which the routes turn
// into 503 API_UNAVAILABLE: every request it stands for may be retried (money requests carry
// their own idempotency keys). Metrics count requests per command and outcome, never ids.
import { RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { Counter, Histogram, type Registry } from 'prom-client';
import {
  DEFAULT_SHARD_ID, TopUpError, TopUpStatus, tapgate, type RefundOutcome, type RegistryIndex, type TopUpOutcome,
} from '../core/index.js';
import { BALANCES_IDS_MAX, SHARD_REQUEST_TIMEOUT_MS, shardSubject, type Logger, type ShardCommand } from '../lib/index.js';
import { ApiError } from './errors.js';

const { TopUpRequest, TopUpReply, RefundRequest, RefundReply, RefundStatus, RefundError } = tapgate.money.v1;
const { BalancesRequest, BalancesReply, InsideRequest, InsideReply } = tapgate.shard.v1;

/** Why a shard gave no usable answer (the `outcome` label of the request counter). */
export type ShardFailure = 'no_responders' | 'timeout' | 'bad_reply' | 'refused' | 'error';
/** No usable answer from the shard: the request may be retried. */
export interface ShardUnavailable { readonly kind: 'unavailable'; readonly shardId: string; readonly reason: ShardFailure }

/** The message of the 503 a route answers while a shard has no owner (or does not answer). */
export const SHARD_UNAVAILABLE_MESSAGE = 'the shard owning this school is not available now; retry';

/** The 503 for a shard that did not answer; details name the shard (an id, never personal data). */
export function shardUnavailableError(u: ShardUnavailable): ApiError {
  return new ApiError('API_UNAVAILABLE', SHARD_UNAVAILABLE_MESSAGE, { shardId: u.shardId });
}

export interface TopUpByNumber {
  readonly channel: string; readonly paymentId: string; readonly amountKop: number; readonly accountNumber: string;
}
export interface RefundInput {
  readonly refundId: string; readonly deviceId: string; readonly seq: number; readonly reason: string; readonly operatorId: string;
}

/** What the owning shard knows of one account's money now. */
export interface AccountMoney { readonly balanceKop: number; readonly hasHistory: boolean }

/** What the admin API asks of the shards (ApiContext.money and the headcount); ShardClient is the real one. */
export interface ShardPort {
  topUp(input: TopUpByNumber): Promise<TopUpOutcome | ShardUnavailable>;
  refund(input: RefundInput): Promise<RefundOutcome | ShardUnavailable>;
  /** Balances by account id; rejects with API_UNAVAILABLE (503) when a shard does not answer. */
  balances(accountIds: readonly string[]): Promise<Map<string, number>>;
  balanceKop(accountId: string): Promise<number>;
  /** The balance and whether the shard ever applied a money event of the account (proto AccountBalance.has_history). */
  accountMoney(accountId: string): Promise<AccountMoney>;
  /** Ids of the persons inside a school now; rejects with API_UNAVAILABLE (503) as balances. */
  inside(schoolId: string): Promise<string[]>;
}

/** A reply that failed to decode or said something impossible. */
class BadReply extends Error {}

const REFUND_ERRORS = new Map<number, 'unknown_purchase' | 'already_refunded' | 'conflict'>([
  [RefundError.REFUND_ERROR_UNKNOWN_PURCHASE, 'unknown_purchase'],
  [RefundError.REFUND_ERROR_ALREADY_REFUNDED, 'already_refunded'],
  [RefundError.REFUND_ERROR_CONFLICT, 'conflict'],
]);

export class ShardClient implements ShardPort {
  private readonly requests: Counter<'command' | 'outcome'>;
  private readonly seconds: Histogram<'command'>;

  constructor(private readonly nc: NatsConnection, private readonly registry: RegistryIndex, metrics: Registry,
    private readonly log: Logger, private readonly timeoutMs = SHARD_REQUEST_TIMEOUT_MS) {
    this.requests = new Counter({ name: 'tapgate_api_shard_requests_total', labelNames: ['command', 'outcome'], registers: [metrics],
      help: 'Requests of the API to shard owners, by command and outcome (ok, no_responders, timeout, bad_reply, refused, error)' });
    this.seconds = new Histogram({ name: 'tapgate_api_shard_request_seconds', labelNames: ['command'], registers: [metrics],
      help: 'Time from a shard request to its answer or failure, in seconds',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });
  }

  /**
   * Sends one request and decodes its reply. `decode` throws BadReply (or a decoder error) for a
   * reply it cannot use, and returns `refused` when the reply itself says the request failed.
   */
  private async ask<T>(shardId: string, command: ShardCommand, data: Uint8Array,
    decode: (bytes: Uint8Array) => T | 'refused'): Promise<T | ShardUnavailable> {
    const stop = this.seconds.startTimer({ command });
    let outcome: 'ok' | ShardFailure = 'ok';
    try {
      const msg = await this.nc.request(shardSubject(shardId, command), data, { timeout: this.timeoutMs });
      try {
        const value = decode(msg.data);
        if (value !== 'refused') return value;
        outcome = 'refused';
      } catch {
        outcome = 'bad_reply';
      }
    } catch (err) {
      outcome = requestFailure(err);
    } finally {
      stop();
      this.requests.inc({ command, outcome });
    }
    this.log.warn({ code: 'API_UNAVAILABLE', shardId, command, outcome }, 'a shard gave no usable answer');
    return { kind: 'unavailable', shardId, reason: outcome };
  }

  async topUp(input: TopUpByNumber): Promise<TopUpOutcome | ShardUnavailable> {
    // An unknown number goes to the default shard: its money state refuses it as UNKNOWN_ACCOUNT,
    // or answers DUPLICATE for a payment applied before the account was deleted.
    const account = this.registry.accountByNumber(input.accountNumber);
    const shardId = account === undefined ? DEFAULT_SHARD_ID : this.registry.shardOfAccount(account.id);
    const req = TopUpRequest.encode({ channel: input.channel, paymentId: input.paymentId, amountKop: input.amountKop,
      accountNumber: input.accountNumber }).finish();
    return this.ask(shardId, 'topup', req, (bytes): TopUpOutcome => {
      const r = TopUpReply.decode(bytes);
      if (r.status === TopUpStatus.TOP_UP_STATUS_REFUSED) {
        if (r.error === TopUpError.TOP_UP_ERROR_UNSPECIFIED) throw new BadReply('refused without an error');
        return { kind: 'refused', error: r.error, message: r.message };
      }
      const kind = r.status === TopUpStatus.TOP_UP_STATUS_APPLIED ? 'applied' : r.status === TopUpStatus.TOP_UP_STATUS_DUPLICATE ? 'duplicate' : null;
      if (kind === null || r.accountId === '') throw new BadReply('no status or no account');
      return { kind, topUp: { channel: input.channel, paymentId: input.paymentId, accountId: r.accountId, amountKop: input.amountKop,
        balanceAfterKop: Number(r.balanceAfterKop), appliedAtMs: Number(r.appliedAtMs), appendNo: 0 } };
    });
  }

  async refund(input: RefundInput): Promise<RefundOutcome | ShardUnavailable> {
    const shardId = this.registry.shardOfSchool(this.registry.devices.get(input.deviceId)?.schoolId ?? '');
    const req = RefundRequest.encode({ ...input }).finish();
    return this.ask(shardId, 'refund', req, (bytes): RefundOutcome | 'refused' => {
      const r = RefundReply.decode(bytes);
      if (r.status === RefundStatus.REFUND_STATUS_REFUSED) {
        const error = REFUND_ERRORS.get(r.error);
        // UNAVAILABLE (the owner cannot take money now) and INVALID_REQUEST (the API sent what the
        // shard does not accept) have no RefundOutcome: the caller gets the 503 and may retry.
        return error === undefined ? 'refused' : { kind: 'refused', error, message: r.message };
      }
      const kind = r.status === RefundStatus.REFUND_STATUS_APPLIED ? 'applied' : r.status === RefundStatus.REFUND_STATUS_DUPLICATE ? 'duplicate' : null;
      if (kind === null || r.accountId === '') throw new BadReply('no status or no account');
      return { kind, refund: { refundId: input.refundId, deviceId: input.deviceId, seq: input.seq, accountId: r.accountId,
        amountKop: Number(r.amountKop), balanceAfterKop: Number(r.balanceAfterKop), appliedAtMs: Number(r.appliedAtMs), appendNo: 0 } };
    });
  }

  async balances(accountIds: readonly string[]): Promise<Map<string, number>> {
    const byShard = new Map<string, string[]>();
    for (const id of new Set(accountIds)) {
      const shard = this.registry.shardOfAccount(id);
      const ids = byShard.get(shard) ?? [];
      ids.push(id);
      byShard.set(shard, ids);
    }
    const batches: Array<[string, string[]]> = [];
    for (const [shard, ids] of byShard) {
      for (let i = 0; i < ids.length; i += BALANCES_IDS_MAX) batches.push([shard, ids.slice(i, i + BALANCES_IDS_MAX)]);
    }
    const answers = await Promise.all(batches.map(([shard, ids]) => this.balancesOf(shard, ids)));
    const out = new Map<string, number>();
    for (const a of answers) {
      if (a instanceof Map) for (const [id, m] of a) out.set(id, m.balanceKop);
      else throw shardUnavailableError(a);
    }
    return out;
  }

  private balancesOf(shardId: string, ids: string[]): Promise<Map<string, AccountMoney> | ShardUnavailable> {
    return this.ask(shardId, 'balances', BalancesRequest.encode({ accountIds: ids }).finish(), (bytes) => {
      const r = BalancesReply.decode(bytes);
      if (r.error !== '') return 'refused';
      // One balance per id asked, in the order asked: anything else is not an answer to this request.
      if (r.balances.length !== ids.length || r.balances.some((b, i) => b.accountId !== ids[i])) throw new BadReply('balances out of order');
      return new Map(r.balances.map((b, i) => [ids[i]!, { balanceKop: Number(b.balanceKop), hasHistory: b.hasHistory === true }] as const));
    });
  }

  async balanceKop(accountId: string): Promise<number> {
    return (await this.balances([accountId])).get(accountId) ?? 0;
  }

  async accountMoney(accountId: string): Promise<AccountMoney> {
    const a = await this.balancesOf(this.registry.shardOfAccount(accountId), [accountId]);
    if (!(a instanceof Map)) throw shardUnavailableError(a);
    return a.get(accountId) ?? { balanceKop: 0, hasHistory: false };
  }

  async inside(schoolId: string): Promise<string[]> {
    const shardId = this.registry.shardOfSchool(schoolId);
    const r = await this.ask(shardId, 'inside', InsideRequest.encode({ schoolId }).finish(), (bytes) => {
      const reply = InsideReply.decode(bytes);
      return reply.error === '' ? [...reply.personIds] : 'refused';
    });
    if (!Array.isArray(r)) throw shardUnavailableError(r);
    return r;
  }
}

/** Names a failed request: nobody subscribed to the subject, no answer in time, or another failure. */
function requestFailure(err: unknown): ShardFailure {
  if (err instanceof RequestError && err.isNoResponders()) return 'no_responders';
  if (err instanceof TimeoutError || (err instanceof Error && err.cause instanceof TimeoutError)) return 'timeout';
  return 'error';
}
