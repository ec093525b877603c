// Which ClickHouse layout a process talks to, read from the environment: one server (the
// default), or the sharded layout of docs/clickhouse-sharding.md, named by its cluster. Shared
// by the sink (consumers/clickhouse-sink/distributed.ts builds the layout on it) and the API's
// history reader, which only needs the reader settings; so it lives here, below both.
import { TapgateError } from '../core/index.js';
import type { Env } from './config.js';

/** The environment variable naming the cluster of the sharded layout; unset or empty: one server. */
export const CLUSTER_ENV = 'TAPGATE_CLICKHOUSE_CLUSTER';
/** A cluster name: it goes unquoted into `Distributed(...)` and must match a remote_servers entry. */
export const CLUSTER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The sink's client settings in this layout: an INSERT returns once every shard has its part.
 * Without it the entry node queues the rows and sends them later, and a watermark read after
 * a failure could miss rows still queued (18.16 has no SYSTEM FLUSH DISTRIBUTED to wait).
 */
export const DISTRIBUTED_SINK_SETTINGS = Object.freeze({ insert_distributed_sync: 1 });
/**
 * The readers' client settings in this layout: a `(device_id, seq) IN (SELECT ... FROM
 * purchases)` over purchase_items names two Distributed tables, which ClickHouse refuses by
 * default (the API's item query names its keys instead, but its client keeps the setting for
 * any reader written that way). 'local' runs the subquery on each shard against its local table, which is right
 * because a purchase and its items have the same sharding key (both by school, or both by
 * ledger block) and so live on the same shard.
 */
export const DISTRIBUTED_READER_SETTINGS = Object.freeze({ distributed_product_mode: 'local' as const });

/** The cluster named by TAPGATE_CLICKHOUSE_CLUSTER, or null (one server) when unset or empty. */
export function useDistributedLayout(env: Env): string | null {
  const raw = env[CLUSTER_ENV];
  if (raw === undefined || raw.trim() === '') return null;
  const name = raw.trim();
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    throw new TapgateError('CONFIG_INVALID', `${CLUSTER_ENV}=${JSON.stringify(raw)}: expected a cluster name of [A-Za-z0-9_], ` +
      '1..64 characters, not starting with a digit, as in remote_servers', { details: { key: CLUSTER_ENV } });
  }
  return name;
}
