// ClickHouse sink configuration, read once from the environment, validated, frozen. A bad value
// stops the start with a message naming the variable and its bounds.
import { TapgateError } from '../../core/index.js';
import {
  HOST_PATTERN, LOG_LEVELS, LOG_LEVELS_WHAT, intVar, natsAuthVars, natsUrlsVar, strVar, urlVar, useDistributedLayout, type Env,
  type NatsAuth,
} from '../../lib/index.js';

/**
 * Largest batch the sink inserts at once, in rows. Below ClickHouse's max_insert_block_size
 * (1,048,576), so an insert into one partition is one block, one part: all or nothing.
 */
export const SINK_BATCH_ROWS_HARD_MAX = 500_000;
/** A ClickHouse database name: it goes into SQL text, so only this shape is accepted. */
export const DATABASE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The variable listing the cluster's nodes other than the entry node (TAPGATE_CLICKHOUSE_URL). */
export const SHARD_URLS_ENV = 'TAPGATE_CLICKHOUSE_SHARD_URLS';
/** The most nodes TAPGATE_CLICKHOUSE_SHARD_URLS may list. */
export const CLICKHOUSE_SHARD_URLS_MAX = 8;
const CLICKHOUSE_URL_PROTOCOLS: readonly string[] = ['http:', 'https:'];

export interface SinkConfig {
  readonly natsUrl: string;
  /** NATS user and password (TAPGATE_NATS_USER, TAPGATE_NATS_PASSWORD_FILE); null: none. */
  readonly natsAuth: NatsAuth | null;
  /** The one server, or in the sharded layout the entry node (the Distributed tables). */
  readonly clickhouseUrl: string;
  /** The sharded layout's cluster (TAPGATE_CLICKHOUSE_CLUSTER, docs/clickhouse-sharding.md); null: one server. */
  readonly clickhouseCluster: string | null;
  /** The cluster's other nodes (TAPGATE_CLICKHOUSE_SHARD_URLS): empty with one server, one at least with a cluster. */
  readonly clickhouseShardUrls: readonly string[];
  readonly database: string;
  readonly batchRowsMax: number;
  readonly flushIntervalMs: number;
  readonly host: string;
  readonly opsPort: number;
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
}

/**
 * TAPGATE_CLICKHOUSE_SHARD_URLS: http: or https: URLs separated by commas, each the HTTP
 * interface of a node of the cluster other than the entry node. The sink creates its local
 * tables there and looks there for its inserts still running. Only with a cluster, and then
 * required: without them the other nodes would have no tables for the Distributed ones.
 */
function shardUrlsVar(env: Env, cluster: string | null, entryUrl: string): readonly string[] {
  const raw = env[SHARD_URLS_ENV]?.trim() ?? '';
  const bad = (what: string): never => {
    throw new TapgateError('CONFIG_INVALID', `${SHARD_URLS_ENV}=${JSON.stringify(raw)}: ${what}`, { details: { key: SHARD_URLS_ENV } });
  };
  if (raw === '') {
    return cluster === null ? Object.freeze([]) : bad("required with TAPGATE_CLICKHOUSE_CLUSTER (the other nodes' URLs)");
  }
  if (cluster === null) bad('allowed only with TAPGATE_CLICKHOUSE_CLUSTER');
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > CLICKHOUSE_SHARD_URLS_MAX) bad(`expected at most ${CLICKHOUSE_SHARD_URLS_MAX} URLs separated by commas`);
  parts.forEach((part, i) => {
    const which = `URL ${i + 1} of ${parts.length}`;
    if (part === '') bad(`${which} is empty`);
    const url = URL.canParse(part) ? new URL(part) : bad(`${which} is not a URL`);
    if (!CLICKHOUSE_URL_PROTOCOLS.includes(url.protocol)) bad(`${which} is not a http: or https: URL`);
    if (parts.indexOf(part) !== i) bad(`${which} repeats URL ${parts.indexOf(part) + 1}`);
    if (part === entryUrl) bad(`${which} is TAPGATE_CLICKHOUSE_URL, the entry node (list the other nodes only)`);
  });
  return Object.freeze(parts);
}

export function loadSinkConfig(env: Env = process.env): SinkConfig {
  const clickhouseUrl = urlVar(env, 'TAPGATE_CLICKHOUSE_URL', 'http://127.0.0.1:18123', CLICKHOUSE_URL_PROTOCOLS);
  const clickhouseCluster = useDistributedLayout(env);
  return Object.freeze({
    natsUrl: natsUrlsVar(env, 'TAPGATE_NATS_URL', 'nats://127.0.0.1:14222'),
    natsAuth: natsAuthVars(env),
    clickhouseUrl,
    clickhouseCluster,
    clickhouseShardUrls: shardUrlsVar(env, clickhouseCluster, clickhouseUrl),
    database: strVar(env, 'TAPGATE_CLICKHOUSE_DATABASE', 'tapgate', DATABASE_PATTERN, 'a database name of [A-Za-z0-9_], 1..64 characters, not starting with a digit'),
    batchRowsMax: intVar(env, 'TAPGATE_SINK_BATCH_ROWS_MAX', 10_000, 1, SINK_BATCH_ROWS_HARD_MAX),
    flushIntervalMs: intVar(env, 'TAPGATE_SINK_FLUSH_INTERVAL_MS', 1000, 10, 60_000),
    host: strVar(env, 'TAPGATE_HOST', '127.0.0.1', HOST_PATTERN, 'a host name or IP address'),
    opsPort: intVar(env, 'TAPGATE_SINK_OPS_PORT', 7402, 0, 65535),
    shutdownGraceMs: intVar(env, 'TAPGATE_SINK_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    logLevel: strVar(env, 'TAPGATE_LOG_LEVEL', 'info', LOG_LEVELS, LOG_LEVELS_WHAT),
  });
}
