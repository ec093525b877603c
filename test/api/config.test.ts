// API process configuration: the defaults, each integer at and beyond its bounds, malformed
// strings and URLs, the NATS user, the two ports that must differ, and the frozen result. Every
// refusal is CONFIG_INVALID with a message that names the variable and what it accepts.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TapgateError } from '../../core/index.js';
import { DEFAULT_WEB_DIR, loadApiConfig, type ApiConfig } from '../../api/config.js';
import { TrustedProxies } from '../../api/client-address.js';

const DEFAULTS: ApiConfig = {
  apiId: 'api1',
  host: '127.0.0.1',
  apiPort: 7403,
  opsPort: 7405,
  natsUrl: 'nats://127.0.0.1:14222',
  natsAuth: null,
  clickhouseUrl: 'http://127.0.0.1:18123',
  clickhouseDatabase: 'tapgate',
  clickhouseCluster: null,
  logLevel: 'info',
  cookieSecure: false,
  loginCodeTtlS: 300,
  vapidFile: '',
  webDir: DEFAULT_WEB_DIR,
  trustedProxies: TrustedProxies.empty,
};

const INTS: Array<[string, keyof ApiConfig, number, number]> = [
  ['TAPGATE_API_PORT', 'apiPort', 0, 65535],
  ['TAPGATE_API_OPS_PORT', 'opsPort', 0, 65535],
  ['TAPGATE_LOGIN_CODE_TTL_S', 'loginCodeTtlS', 1, 300],
];
// TAPGATE_COOKIE_SECURE is 0 or 1 (checked with the integers' rules; 1 sets cookieSecure).

function refusal(env: Record<string, string>): { code: string; message: string; details: unknown } | 'accepted' {
  try { loadApiConfig(env); return 'accepted'; } catch (err) {
    if (!(err instanceof TapgateError)) throw err;
    return { code: err.code, message: err.message, details: err.details };
  }
}

t.test('api config - defaults, and empty values mean the default', async (t) => {
  t.same(loadApiConfig({}), DEFAULTS);
  const keys = ['TAPGATE_API_ID', 'TAPGATE_HOST', 'TAPGATE_API_PORT', 'TAPGATE_API_OPS_PORT', 'TAPGATE_NATS_URL',
    'TAPGATE_CLICKHOUSE_URL', 'TAPGATE_CLICKHOUSE_DATABASE', 'TAPGATE_CLICKHOUSE_CLUSTER', 'TAPGATE_LOG_LEVEL', 'TAPGATE_NATS_USER', 'TAPGATE_NATS_PASSWORD_FILE',
    'TAPGATE_TRUSTED_PROXIES'];
  t.same(loadApiConfig(Object.fromEntries(keys.map((k) => [k, '']))), DEFAULTS);
});

t.test('api config - the gateway\'s variables are not the API\'s', async (t) => {
  // TAPGATE_OPS_PORT is the gateway's ops port; the API's is TAPGATE_API_OPS_PORT.
  t.same(loadApiConfig({ TAPGATE_OPS_PORT: '9999', TAPGATE_GATEWAY_ID: 'gw9', TAPGATE_WORKERS: '0' }), DEFAULTS);
});

t.test('api config - the result is frozen', async (t) => {
  const config = loadApiConfig({});
  t.ok(Object.isFrozen(config));
  t.throws(() => { (config as { apiPort: number }).apiPort = 1; }, TypeError);
  t.equal(config.apiPort, 7403);
});

t.test('api config - the API and ops ports must differ (0, a free port, may repeat)', async (t) => {
  t.same(refusal({ TAPGATE_API_PORT: '8000', TAPGATE_API_OPS_PORT: '8000' }), { code: 'CONFIG_INVALID',
    message: 'TAPGATE_API_PORT and TAPGATE_API_OPS_PORT are both 8000; each port must differ', details: { key: 'TAPGATE_API_OPS_PORT' } });
  t.equal(refusal({ TAPGATE_API_PORT: '0', TAPGATE_API_OPS_PORT: '0' }), 'accepted');
});

t.test('api config - integers at and beyond their bounds', async (t) => {
  for (const [key, field, min, max] of INTS) {
    const other = key === 'TAPGATE_API_PORT' ? { TAPGATE_API_OPS_PORT: '1' } : { TAPGATE_API_PORT: '1' };
    t.equal(loadApiConfig({ ...other, [key]: String(min) })[field], min, `${key}=${min}`);
    t.equal(loadApiConfig({ ...other, [key]: String(max) })[field], max, `${key}=${max}`);
    for (const raw of [String(min - 1), String(max + 1), '1.5', '0x10', 'ten']) {
      t.same(refusal({ [key]: raw }), { code: 'CONFIG_INVALID', message: `${key}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`,
        details: { key, min, max } }, `${key}=${raw}`);
    }
  }
});

t.test('api config - strings and URLs', async (t) => {
  const accepted: Array<[Record<string, string>, Partial<ApiConfig>]> = [
    [{ TAPGATE_API_ID: 'api-east_2' }, { apiId: 'api-east_2' }],
    [{ TAPGATE_HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    [{ TAPGATE_NATS_URL: 'tls://nats.example:4222' }, { natsUrl: 'tls://nats.example:4222' }],
    [{ TAPGATE_CLICKHOUSE_URL: 'https://ch.example:8443/' }, { clickhouseUrl: 'https://ch.example:8443/' }],
    [{ TAPGATE_CLICKHOUSE_DATABASE: 'tapgate_test_1' }, { clickhouseDatabase: 'tapgate_test_1' }],
    [{ TAPGATE_CLICKHOUSE_CLUSTER: 'tapgate_2' }, { clickhouseCluster: 'tapgate_2' }],
    [{ TAPGATE_LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
  ];
  for (const [env, want] of accepted) t.match(loadApiConfig(env), want, JSON.stringify(env));

  const refused: Array<[string, string, string]> = [
    ['TAPGATE_API_ID', 'api 1', 'expected an id of [A-Za-z0-9_-], 1..64 characters'],
    ['TAPGATE_API_ID', 'a'.repeat(65), 'expected an id of [A-Za-z0-9_-], 1..64 characters'],
    ['TAPGATE_HOST', 'a b', 'expected a host name or IP address'],
    ['TAPGATE_NATS_URL', 'http://127.0.0.1:4222', 'expected a nats: or tls: URL'],
    ['TAPGATE_NATS_URL', '127.0.0.1:4222', 'not a URL'],
    ['TAPGATE_CLICKHOUSE_URL', 'nats://127.0.0.1:8123', 'expected a http: or https: URL'],
    ['TAPGATE_CLICKHOUSE_DATABASE', '1tapgate', 'expected a database name of [A-Za-z0-9_], 1..64 characters, not starting with a digit'],
    ['TAPGATE_CLICKHOUSE_DATABASE', 'tap;gate', 'expected a database name of [A-Za-z0-9_], 1..64 characters, not starting with a digit'],
    ['TAPGATE_CLICKHOUSE_CLUSTER', '2shards',
      'expected a cluster name of [A-Za-z0-9_], 1..64 characters, not starting with a digit, as in remote_servers'],
    ['TAPGATE_CLICKHOUSE_CLUSTER', 'a-b',
      'expected a cluster name of [A-Za-z0-9_], 1..64 characters, not starting with a digit, as in remote_servers'],
    ['TAPGATE_LOG_LEVEL', 'verbose', 'expected one of fatal, error, warn, info, debug, trace, silent'],
  ];
  for (const [key, raw, what] of refused) {
    t.same(refusal({ [key]: raw }), { code: 'CONFIG_INVALID', message: `${key}=${JSON.stringify(raw)}: ${what}`, details: { key } }, `${key}=${raw}`);
  }
});

t.test('api config - the NATS user and its password file, both or neither', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-api-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'api.password');
  writeFileSync(file, 'pa55-word\n', { mode: 0o600 });
  t.same(loadApiConfig({ TAPGATE_NATS_USER: 'api', TAPGATE_NATS_PASSWORD_FILE: file }).natsAuth, { user: 'api', pass: 'pa55-word' });
  t.same(refusal({ TAPGATE_NATS_USER: 'api' }), { code: 'CONFIG_INVALID',
    message: 'TAPGATE_NATS_PASSWORD_FILE="": required when TAPGATE_NATS_USER is set', details: { key: 'TAPGATE_NATS_PASSWORD_FILE' } });
});
