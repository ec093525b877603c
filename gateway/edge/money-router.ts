// The bank's and caterers' subjects (tapgate.money.v1.topup, .refund) stay what they were: one
// subject for the whole city. Every gateway serves them in one queue group and forwards each
// request, unchanged, to the owner of the shard it concerns (the shard of the account's pupil, or
// of the refunding device's school), then relays the owner's reply, unchanged. A request that
// names no known account goes to the default shard, whose money state answers it (unknown account,
// or a duplicate of an old payment). While a shard has no owner the caller hears UNAVAILABLE and
// retries with the same ids.
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { tapgate } from '../../core/proto.js';
import { DEFAULT_SHARD_ID, TopUpError, TopUpStatus, type RegistryIndex } from '../../core/index.js';
import { SHARD_REQUEST_TIMEOUT_MS, shardSubject, type Logger, type ShardCommand } from '../../lib/index.js';
import { MONEY_QUEUE, REFUND_SUBJECT, TOP_UP_REQUEST_BYTES_MAX, TOP_UP_SUBJECT } from '../shard/money-service.js';

const { TopUpRequest, TopUpReply, RefundRequest, RefundReply, RefundStatus, RefundError } = tapgate.money.v1;

export class MoneyRouter {
  private subs: Subscription[] = [];

  constructor(private readonly nc: NatsConnection, private readonly registry: RegistryIndex, private readonly log: Logger) {}

  start(): void {
    this.subs = [
      this.nc.subscribe(TOP_UP_SUBJECT, { queue: MONEY_QUEUE, callback: (err, msg) => { if (err === null) this.route(msg, 'topup'); } }),
      this.nc.subscribe(REFUND_SUBJECT, { queue: MONEY_QUEUE, callback: (err, msg) => { if (err === null) this.route(msg, 'refund'); } }),
    ];
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }

  /** The shard a request concerns; the default shard when it cannot be told (it refuses malformed requests). */
  shardOf(data: Uint8Array, command: 'topup' | 'refund'): string {
    if (data.length > TOP_UP_REQUEST_BYTES_MAX) return DEFAULT_SHARD_ID;
    try {
      if (command === 'topup') {
        const account = this.registry.accountByNumber(TopUpRequest.decode(data).accountNumber);
        return account === undefined ? DEFAULT_SHARD_ID : this.registry.shardOfAccount(account.id);
      }
      const device = this.registry.devices.get(RefundRequest.decode(data).deviceId);
      return device === undefined ? DEFAULT_SHARD_ID : this.registry.shardOfSchool(device.schoolId);
    } catch {
      return DEFAULT_SHARD_ID;
    }
  }

  private route(msg: Msg, command: Extract<ShardCommand, 'topup' | 'refund'>): void {
    const shardId = this.shardOf(msg.data, command);
    this.nc.request(shardSubject(shardId, command), msg.data, { timeout: SHARD_REQUEST_TIMEOUT_MS }).then(
      (reply) => { if (msg.reply) msg.respond(reply.data); },
      (err: unknown) => {
        this.log.warn({ shardId, command, err: (err as Error).message }, 'shard owner did not answer a money request; the caller retries');
        if (!msg.reply) return;
        const message = `shard ${shardId} has no owner now; retry later`;
        msg.respond(command === 'topup'
          ? TopUpReply.encode({ status: TopUpStatus.TOP_UP_STATUS_REFUSED, error: TopUpError.TOP_UP_ERROR_UNAVAILABLE, message }).finish()
          : RefundReply.encode({ status: RefundStatus.REFUND_STATUS_REFUSED, error: RefundError.REFUND_ERROR_UNAVAILABLE, message }).finish());
      });
  }
}
