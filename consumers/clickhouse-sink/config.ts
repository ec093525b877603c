// ClickHouse sink configuration, read once from the environment, validated, frozen. A bad value
// stops the start with a message naming the variable and its bounds.
import {
  HOST_PATTERN, LOG_LEVELS, LOG_LEVELS_WHAT, intVar, natsAuthVars, natsUrlsVar, strVar, urlVar, type Env, type NatsAuth,
} from '../../lib/index.js';

/**
 * Largest batch the sink inserts at once, in rows. Below ClickHouse's max_insert_block_size
 * (1,048,576), so an insert into one partition is one block, one part: all or nothing.
 */
export const SINK_BATCH_ROWS_HARD_MAX = 500_000;
/** A ClickHouse database name: it goes into SQL text, so only this shape is accepted. */
export const DATABASE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface SinkConfig {
  readonly natsUrl: string;
  /** NATS user and password (TAPGATE_NATS_USER, TAPGATE_NATS_PASSWORD_FILE); null: none. */
  readonly natsAuth: NatsAuth | null;
  readonly clickhouseUrl: string;
  readonly database: string;
  readonly batchRowsMax: number;
  readonly flushIntervalMs: number;
  readonly host: string;
  readonly opsPort: number;
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
}

export function loadSinkConfig(env: Env = process.env): SinkConfig {
  return Object.freeze({
    natsUrl: natsUrlsVar(env, 'TAPGATE_NATS_URL', 'nats://127.0.0.1:14222'),
    natsAuth: natsAuthVars(env),
    clickhouseUrl: urlVar(env, 'TAPGATE_CLICKHOUSE_URL', 'http://127.0.0.1:18123', ['http:', 'https:']),
    database: strVar(env, 'TAPGATE_CLICKHOUSE_DATABASE', 'tapgate', DATABASE_PATTERN, 'a database name of [A-Za-z0-9_], 1..64 characters, not starting with a digit'),
    batchRowsMax: intVar(env, 'TAPGATE_SINK_BATCH_ROWS_MAX', 10_000, 1, SINK_BATCH_ROWS_HARD_MAX),
    flushIntervalMs: intVar(env, 'TAPGATE_SINK_FLUSH_INTERVAL_MS', 1000, 10, 60_000),
    host: strVar(env, 'TAPGATE_HOST', '127.0.0.1', HOST_PATTERN, 'a host name or IP address'),
    opsPort: intVar(env, 'TAPGATE_SINK_OPS_PORT', 7402, 0, 65535),
    shutdownGraceMs: intVar(env, 'TAPGATE_SINK_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    logLevel: strVar(env, 'TAPGATE_LOG_LEVEL', 'info', LOG_LEVELS, LOG_LEVELS_WHAT),
  });
}
