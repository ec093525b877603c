// Configuration of the API process (api/main.ts), read once from the environment, validated,
// frozen. Every variable is documented in README.md with its default; a bad value stops the
// start with CONFIG_INVALID naming the variable and its bounds. The process is stateless, so
// any number of them may run side by side, each with its own TAPGATE_API_ID and ports.
import { fileURLToPath } from 'node:url';
import { TrustedProxies } from './client-address.js';
import { ID_PATTERN, LOGIN_CODE_TTL_MS, TapgateError } from '../core/index.js';
import {
  HOST_PATTERN, LOG_LEVELS, LOG_LEVELS_WHAT, intVar, natsAuthVars, natsUrlsVar, strVar, urlVar, useDistributedLayout, type Env,
  type NatsAuth,
} from '../lib/index.js';

/** A ClickHouse database name: it goes into SQL text, so only this shape is accepted. */
export const API_DATABASE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The admin API's HTTP port and the operators' port (/metrics, /livez, /readyz) by default. */
export const DEFAULT_API_PORT = 7403;
export const DEFAULT_API_OPS_PORT = 7405;

export interface ApiConfig {
  /** Names this process in logs and in its NATS connection name. */
  readonly apiId: string;
  readonly host: string;
  /** The admin API's HTTP port (0: the OS chooses; the log line 'api listening' says which). */
  readonly apiPort: number;
  readonly opsPort: number;
  readonly natsUrl: string;
  /** NATS user and password (TAPGATE_NATS_USER, TAPGATE_NATS_PASSWORD_FILE); null: none. */
  readonly natsAuth: NatsAuth | null;
  /** Where the history views read from: the database the ClickHouse sink writes. */
  readonly clickhouseUrl: string;
  readonly clickhouseDatabase: string;
  /**
   * The sharded ClickHouse layout's cluster (TAPGATE_CLICKHOUSE_CLUSTER, docs/clickhouse-sharding.md),
   * or null: one server. With it the history reader runs its subqueries shard by shard.
   */
  readonly clickhouseCluster: string | null;
  readonly logLevel: string;
  /**
   * Console cookies carry Secure (TAPGATE_COOKIE_SECURE=1): set it when a TLS proxy serves the
   * console, as it must once the port leaves the machine; off for plain HTTP on loopback.
   */
  readonly cookieSecure: boolean;
  /**
   * How long an SMS sign-in code is valid, in seconds (TAPGATE_LOGIN_CODE_TTL_S, 1..300, default
   * 300). Only tests shorten it, to see a code expire.
   */
  readonly loginCodeTtlS: number;
  /** The folder of the console's built files (TAPGATE_WEB_DIR; default dist/web beside the API's code). */
  readonly webDir: string;
  /**
   * The notifier's VAPID key file (TAPGATE_VAPID_FILE, the same path the notifier is given): the
   * API reads its public key for browsers subscribing to Web Push. Empty: the portal offers no push.
   */
  readonly vapidFile: string;
  /**
   * Reverse proxies whose X-Forwarded-For names the client (TAPGATE_TRUSTED_PROXIES: addresses or
   * CIDR ranges, comma-separated; api/client-address.ts). Empty: the TCP peer is the client.
   */
  readonly trustedProxies: TrustedProxies;
}

/** dist/web, beside dist/api where this file runs from. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../web', import.meta.url));

export function loadApiConfig(env: Env = process.env): ApiConfig {
  const port = (key: string, fallback: number) => intVar(env, key, fallback, 0, 65535);
  const config: ApiConfig = Object.freeze({
    apiId: strVar(env, 'TAPGATE_API_ID', 'api1', ID_PATTERN, 'an id of [A-Za-z0-9_-], 1..64 characters'),
    host: strVar(env, 'TAPGATE_HOST', '127.0.0.1', HOST_PATTERN, 'a host name or IP address'),
    apiPort: port('TAPGATE_API_PORT', DEFAULT_API_PORT),
    opsPort: port('TAPGATE_API_OPS_PORT', DEFAULT_API_OPS_PORT),
    natsUrl: natsUrlsVar(env, 'TAPGATE_NATS_URL', 'nats://127.0.0.1:14222'),
    natsAuth: natsAuthVars(env),
    clickhouseUrl: urlVar(env, 'TAPGATE_CLICKHOUSE_URL', 'http://127.0.0.1:18123', ['http:', 'https:']),
    clickhouseDatabase: strVar(env, 'TAPGATE_CLICKHOUSE_DATABASE', 'tapgate', API_DATABASE_PATTERN,
      'a database name of [A-Za-z0-9_], 1..64 characters, not starting with a digit'),
    clickhouseCluster: useDistributedLayout(env),
    logLevel: strVar(env, 'TAPGATE_LOG_LEVEL', 'info', LOG_LEVELS, LOG_LEVELS_WHAT),
    cookieSecure: intVar(env, 'TAPGATE_COOKIE_SECURE', 0, 0, 1) === 1,
    loginCodeTtlS: intVar(env, 'TAPGATE_LOGIN_CODE_TTL_S', LOGIN_CODE_TTL_MS / 1000, 1, LOGIN_CODE_TTL_MS / 1000),
    webDir: env['TAPGATE_WEB_DIR'] ?? DEFAULT_WEB_DIR,
    vapidFile: env['TAPGATE_VAPID_FILE'] ?? '',
    trustedProxies: TrustedProxies.parse(env['TAPGATE_TRUSTED_PROXIES'] ?? ''),
  });
  if (config.apiPort !== 0 && config.apiPort === config.opsPort) {
    throw new TapgateError('CONFIG_INVALID', `TAPGATE_API_PORT and TAPGATE_API_OPS_PORT are both ${config.apiPort}; each port must differ`,
      { details: { key: 'TAPGATE_API_OPS_PORT' } });
  }
  return config;
}
