// Gateway configuration: the defaults, each integer at and beyond its bounds, malformed strings
// and URLs, and the frozen result. Every refusal is CONFIG_INVALID with a message that names the
// variable and what it accepts.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TapgateError } from '../../core/index.js';
import { loadGatewayConfig, type GatewayConfig } from '../../gateway/config.js';

const DEFAULTS: Omit<GatewayConfig, 'bootId'> = {
  gatewayId: 'gw1',
  host: '127.0.0.1',
  devicePort: 7400,
  opsPort: 7401,
  deviceAdvertiseUrl: '',
  natsUrl: 'nats://127.0.0.1:14222',
  natsAuth: null,
  clickhouseUrl: 'http://127.0.0.1:18123',
  workers: 2,
  workerConcurrency: 16,
  workerQueueMax: 1024,
  batchFramesMax: 64,
  maxFrameBytes: 8192,
  maxTapsPerFrame: 64,
  maxFramesInFlight: 16,
  repeatWindowMs: 5000,
  deviceTapsPerS: 50,
  deviceTapBurst: 16_384,
  ledgerBatchEventsMax: 1024,
  ledgerPendingMax: 256,
  shutdownGraceMs: 10_000,
  snapshotIntervalMs: 300_000,
  snapshotEvents: 500_000,
  paymentIdsMemoryMs: 259_200_000,
  logLevel: 'info',
  standby: false,
};

/** Every integer variable: its field, its lower and upper bound. */
const INTS: Array<[string, keyof GatewayConfig, number, number]> = [
  ['TAPGATE_DEVICE_PORT', 'devicePort', 0, 65535],
  ['TAPGATE_OPS_PORT', 'opsPort', 0, 65535],
  ['TAPGATE_WORKERS', 'workers', 1, 64],
  ['TAPGATE_WORKER_CONCURRENCY', 'workerConcurrency', 1, 256],
  ['TAPGATE_WORKER_QUEUE_MAX', 'workerQueueMax', 1, 1_000_000],
  ['TAPGATE_BATCH_FRAMES_MAX', 'batchFramesMax', 1, 4096],
  ['TAPGATE_MAX_FRAME_BYTES', 'maxFrameBytes', 64, 65536],
  ['TAPGATE_MAX_TAPS_PER_FRAME', 'maxTapsPerFrame', 1, 1024],
  ['TAPGATE_MAX_FRAMES_IN_FLIGHT', 'maxFramesInFlight', 1, 1024],
  ['TAPGATE_REPEAT_WINDOW_MS', 'repeatWindowMs', 0, 600_000],
  ['TAPGATE_DEVICE_TAPS_PER_S', 'deviceTapsPerS', 1, 100_000],
  ['TAPGATE_DEVICE_TAP_BURST', 'deviceTapBurst', 1024, 1_000_000],
  ['TAPGATE_LEDGER_BATCH_EVENTS_MAX', 'ledgerBatchEventsMax', 1, 8192],
  ['TAPGATE_LEDGER_PENDING_MAX', 'ledgerPendingMax', 1, 65536],
  ['TAPGATE_SHUTDOWN_GRACE_MS', 'shutdownGraceMs', 0, 600_000],
  ['TAPGATE_SNAPSHOT_INTERVAL_MS', 'snapshotIntervalMs', 0, 86_400_000],
  ['TAPGATE_SNAPSHOT_EVENTS', 'snapshotEvents', 0, 1_000_000_000],
  ['TAPGATE_PAYMENT_IDS_MEMORY_MS', 'paymentIdsMemoryMs', 1000, 31_622_400_000],
];

function refusal(env: Record<string, string>): { code: string; message: string; details: unknown } | 'accepted' {
  try { loadGatewayConfig(env); return 'accepted'; } catch (err) {
    if (!(err instanceof TapgateError)) throw err;
    return { code: err.code, message: err.message, details: err.details };
  }
}

t.test('config - defaults', async (t) => {
  const { bootId, ...rest } = loadGatewayConfig({});
  t.same(rest, DEFAULTS);
  t.match(bootId, /^[0-9a-f]{12}$/);
  t.not(loadGatewayConfig({}).bootId, bootId, 'a new boot id per load');
});

t.test('config - empty values mean the default', async (t) => {
  const env = Object.fromEntries([...INTS.map(([key]) => key), 'TAPGATE_GATEWAY_ID', 'TAPGATE_HOST', 'TAPGATE_NATS_URL', 'TAPGATE_CLICKHOUSE_URL', 'TAPGATE_LOG_LEVEL'].map((k) => [k, '']));
  const { bootId: _bootId, ...rest } = loadGatewayConfig(env);
  t.same(rest, DEFAULTS);
});

t.test('config - the device and ops ports must differ (0, a free port, may repeat); the advertised URL is a ws URL', async (t) => {
  t.match(refusal({ TAPGATE_OPS_PORT: '7400' }), { code: 'CONFIG_INVALID', message: /TAPGATE_DEVICE_PORT and TAPGATE_OPS_PORT/ });
  t.equal(refusal({ TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0' }), 'accepted');
  t.match(refusal({ TAPGATE_DEVICE_ADVERTISE_URL: 'http://gw2:7400/device/v1' }), { code: 'CONFIG_INVALID', message: /TAPGATE_DEVICE_ADVERTISE_URL/ });
  t.equal(refusal({ TAPGATE_DEVICE_ADVERTISE_URL: 'ws://gw2.school.local:7400/device/v1' }), 'accepted');
});

t.test('config - the result is frozen', async (t) => {
  const config = loadGatewayConfig({});
  t.ok(Object.isFrozen(config));
  t.throws(() => { (config as { workers: number }).workers = 9; }, TypeError);
  t.equal(config.workers, 2);
});

t.test('config - integers are accepted at their bounds', async (t) => {
  for (const [key, field, min, max] of INTS) {
    t.equal(loadGatewayConfig({ [key]: String(min) })[field], min, `${key}=${min}`);
    t.equal(loadGatewayConfig({ [key]: String(max) })[field], max, `${key}=${max}`);
  }
  t.equal(loadGatewayConfig({ TAPGATE_WORKERS: ' 8 ' }).workers, 8, 'surrounding spaces are tolerated');
});

t.test('config - integers out of bounds or malformed', async (t) => {
  for (const [key, , min, max] of INTS) {
    for (const raw of [String(min - 1), String(max + 1), '1.5', '1e3', '0x10', 'ten', '-', '+5', '9007199254740993', '5 5']) {
      t.same(refusal({ [key]: raw }), {
        code: 'CONFIG_INVALID',
        message: `${key}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`,
        details: { key, min, max },
      }, `${key}=${raw}`);
    }
  }
});

t.test('config - strings and URLs', async (t) => {
  const accepted: Array<[Record<string, string>, Partial<GatewayConfig>]> = [
    [{ TAPGATE_GATEWAY_ID: 'gw-east_2' }, { gatewayId: 'gw-east_2' }],
    [{ TAPGATE_GATEWAY_ID: 'g'.repeat(64) }, { gatewayId: 'g'.repeat(64) }],
    [{ TAPGATE_HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    [{ TAPGATE_HOST: '::1' }, { host: '::1' }],
    [{ TAPGATE_HOST: 'gateway.local' }, { host: 'gateway.local' }],
    [{ TAPGATE_NATS_URL: 'tls://nats.example:4222' }, { natsUrl: 'tls://nats.example:4222' }],
    [{ TAPGATE_CLICKHOUSE_URL: 'https://ch.example:8443/' }, { clickhouseUrl: 'https://ch.example:8443/' }],
    [{ TAPGATE_LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
    [{ TAPGATE_LOG_LEVEL: 'trace' }, { logLevel: 'trace' }],
  ];
  for (const [env, want] of accepted) t.match(loadGatewayConfig(env), want, JSON.stringify(env));

  const id = 'an id of [A-Za-z0-9_-], 1..64 characters';
  const refused: Array<[string, string, string]> = [
    ['TAPGATE_GATEWAY_ID', 'gw 1', id],
    ['TAPGATE_GATEWAY_ID', 'gw/1', id],
    ['TAPGATE_GATEWAY_ID', 'gw*', id],
    ['TAPGATE_GATEWAY_ID', '.gw', id],
    ['TAPGATE_GATEWAY_ID', 'g'.repeat(65), id],
    ['TAPGATE_HOST', 'a b', 'a host name or IP address'],
    ['TAPGATE_HOST', 'host/path', 'a host name or IP address'],
    ['TAPGATE_HOST', 'h'.repeat(256), 'a host name or IP address'],
    ['TAPGATE_LOG_LEVEL', 'verbose', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['TAPGATE_LOG_LEVEL', 'INFO', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['TAPGATE_LOG_LEVEL', 'info ', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['TAPGATE_NATS_URL', '127.0.0.1:4222', 'not a URL'],
    ['TAPGATE_NATS_URL', 'http://127.0.0.1:4222', 'expected a nats: or tls: URL'],
    ['TAPGATE_NATS_URL', 'ws://127.0.0.1:4222', 'expected a nats: or tls: URL'],
    ['TAPGATE_CLICKHOUSE_URL', 'clickhouse', 'not a URL'],
    ['TAPGATE_CLICKHOUSE_URL', 'nats://127.0.0.1:8123', 'expected a http: or https: URL'],
  ];
  for (const [key, raw, what] of refused) {
    const message = what.startsWith('not a URL') || what.startsWith('expected a ') ? `${key}=${JSON.stringify(raw)}: ${what}` : `${key}=${JSON.stringify(raw)}: expected ${what}`;
    t.same(refusal({ [key]: raw }), { code: 'CONFIG_INVALID', message, details: { key } }, `${key}=${raw}`);
  }
});

t.test('config - the NATS user and its password file, both or neither', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-config-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'gateway.password');
  writeFileSync(file, 's3cret-Pa55\n', { mode: 0o600 });
  const empty = join(dir, 'empty.password');
  writeFileSync(empty, '\n', { mode: 0o600 });
  t.same(loadGatewayConfig({ TAPGATE_NATS_USER: 'gateway', TAPGATE_NATS_PASSWORD_FILE: file }).natsAuth,
    { user: 'gateway', pass: 's3cret-Pa55' }, 'the password is read from the file, trimmed');
  t.equal(loadGatewayConfig({ TAPGATE_NATS_USER: '', TAPGATE_NATS_PASSWORD_FILE: '' }).natsAuth, null);
  const refused: Array<[Record<string, string>, string, string]> = [
    [{ TAPGATE_NATS_USER: 'gateway' }, 'TAPGATE_NATS_PASSWORD_FILE', '"": required when TAPGATE_NATS_USER is set'],
    [{ TAPGATE_NATS_PASSWORD_FILE: file }, 'TAPGATE_NATS_USER', '"": required when TAPGATE_NATS_PASSWORD_FILE is set'],
    [{ TAPGATE_NATS_USER: 'gate way', TAPGATE_NATS_PASSWORD_FILE: file }, 'TAPGATE_NATS_USER',
      '"gate way": expected a user name of [A-Za-z0-9_-], 1..64 characters'],
    [{ TAPGATE_NATS_USER: 'gateway', TAPGATE_NATS_PASSWORD_FILE: join(dir, 'missing') }, 'TAPGATE_NATS_PASSWORD_FILE',
      `${JSON.stringify(join(dir, 'missing'))}: cannot be read`],
    [{ TAPGATE_NATS_USER: 'gateway', TAPGATE_NATS_PASSWORD_FILE: empty }, 'TAPGATE_NATS_PASSWORD_FILE',
      `${JSON.stringify(empty)}: the file is empty`],
  ];
  for (const [env, key, what] of refused) {
    t.same(refusal(env), { code: 'CONFIG_INVALID', message: `${key}=${what}`, details: { key } }, JSON.stringify(env));
  }
});

t.test('config - the first bad variable is reported and unrelated variables are ignored', async (t) => {
  t.equal(loadGatewayConfig({ PATH: '/bin', TAPGATE_UNKNOWN: 'x' }).workers, 2);
  const got = refusal({ TAPGATE_WORKERS: '0', TAPGATE_LOG_LEVEL: 'loud' });
  t.match(got, { code: 'CONFIG_INVALID', details: { key: 'TAPGATE_WORKERS' } });
});
