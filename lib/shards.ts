// Names on NATS of the shards (docs/shards.md): the subjects a shard's owner answers commands on,
// the lease that makes a gateway the shard's single writer, and the bucket where gateways say
// which shards they own and where their devices connect. Shared by the gateway (which answers)
// and the API process (which asks); neither imports the other.
import { SHARD_ID_PATTERN } from '../core/index.js';

/** Prefix of the shard command subjects: tapgate.shard.v1.<shard>.<command>. */
export const SHARD_SUBJECT_PREFIX = 'tapgate.shard.v1';

/** The commands a shard's owner answers (proto/tapgate/shard/v1/shard.proto). */
export const SHARD_COMMANDS = ['topup', 'refund', 'balances', 'inside', 'transfer_in'] as const;
export type ShardCommand = (typeof SHARD_COMMANDS)[number];

/** The subject of one command of one shard. */
export function shardSubject(shardId: string, command: ShardCommand): string {
  if (!SHARD_ID_PATTERN.test(shardId)) throw new Error(`not a shard id: ${shardId}`);
  return `${SHARD_SUBJECT_PREFIX}.${shardId}.${command}`;
}

/** The writer lease of a shard (lib/lease.ts bucket). */
export function shardLeaseKey(shardId: string): string {
  return `shard-${shardId}`;
}

/** Longest command request accepted, in bytes (a BalancesRequest of 1,000 ids fits). */
export const SHARD_REQUEST_BYTES_MAX = 80 * 1024;
/** Most account ids in one BalancesRequest. */
export const BALANCES_IDS_MAX = 1000;
/** How long a caller waits for a shard's answer, in ms (a money answer waits for a ledger append). */
export const SHARD_REQUEST_TIMEOUT_MS = 10_000;
