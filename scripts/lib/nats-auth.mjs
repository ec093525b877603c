// NATS users of tapgate and the least permissions each needs (docs/adr/0009, docs/operations.md),
// and the nats-server configuration that carries them. `npm start` and the tests generate one
// random password per user (files of mode 0600) and start nats-server with this configuration;
// a client without a user is refused. Plain JavaScript so that `npm start` can use it before
// anything is compiled; servers.mjs writes the configuration.
//
// Each user gets its own reply inbox, `_INBOX.<user>.>` (clients connect with that inboxPrefix,
// lib/nats.ts): a shared `_INBOX.>` would let any user read the replies other users get, the
// registry's values among them. JetStream's API is granted per stream: `$JS.API.<verb>.<stream>`.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const LEDGER = 'LEDGER';
const SNAPSHOTS = 'SNAPSHOTS';
const AUDIT = 'AUDIT';
const REGISTRY = 'tapgate_registry';
const LEASES = 'tapgate_writer_leases';
const TOKENS = 'tapgate_api_tokens';
/** Console sessions (api/sessions.ts): written and watched by the API processes only. */
const SESSIONS = 'tapgate_sessions';
/**
 * Persons' photos (api/photos.ts): biometric data under 152-FZ, so the API processes alone read and
 * write them; no other user (the ops maintenance account aside) has a grant that reaches them.
 */
export const PHOTOS = 'tapgate_photos';
/** The durable payment index (gateway/shard/payment-index.ts, ADR 0013). */
const PAYMENTS = 'tapgate_payments';
/**
 * The ClickHouse sink's durable consumers on LEDGER (consumers/clickhouse-sink/sink.ts): one per
 * shard, `clickhouse-sink-<shardId>`; and the bucket where sinks announce themselves (shards.ts).
 */
const SINK_CONSUMER = 'clickhouse-sink';
const SINK_MEMBERS = 'tapgate_sink_members';
/** The notifier's journal stream and its members bucket (consumers/notifier/, ADR 0016). */
const NOTIFY = 'NOTIFY';
const NOTIFY_MEMBERS = 'tapgate_notify_members';
const TOP_UP = 'tapgate.money.v1.topup';
/** Commands to the gateway owning a shard (lib/shards.ts, docs/shards.md). */
const SHARD_COMMANDS = 'tapgate.shard.v1.>';
/** Gateways announce the shards they own and their device addresses here (gateway/shard-map.ts). */
const SHARD_OWNERS = 'tapgate_shard_owners';
const REFUND = 'tapgate.money.v1.refund';
/**
 * SMS sign-in: the API asks the notifier (queue group) to send a code (api/login.ts); and the
 * API's bucket of per-phone code records (hashed phones, no phone).
 */
const LOGIN_SMS = 'tapgate.login.v1.sms';
const LOGIN_CODES = 'tapgate_login_codes';

/** Reads a stream: its info, single messages, and consumers that read it without acks. */
const readStream = (s) => [`$JS.API.STREAM.INFO.${s}`, `$JS.API.STREAM.MSG.GET.${s}`,
  `$JS.API.DIRECT.GET.${s}`, `$JS.API.DIRECT.GET.${s}.>`, `$JS.API.CONSUMER.CREATE.${s}`,
  `$JS.API.CONSUMER.CREATE.${s}.>`, `$JS.API.CONSUMER.INFO.${s}.*`,
  `$JS.API.CONSUMER.MSG.NEXT.${s}.*`,
  `$JS.API.CONSUMER.DELETE.${s}.*`, `$JS.FC.${s}.>`];
/** Creates (or adapts) a stream of ours and purges it. */
const ownStream = (s) => [`$JS.API.STREAM.CREATE.${s}`, `$JS.API.STREAM.UPDATE.${s}`,
  `$JS.API.STREAM.PURGE.${s}`];
/** Reads and writes a KV bucket, and creates it when missing. */
const useBucket = (b) => [...readStream(`KV_${b}`), ...ownStream(`KV_${b}`), `$KV.${b}.>`];

/**
 * Each user: what it may publish and subscribe to. `deny` wins over `allow`;
 * allowResponses lets a service answer the requests it receives (and nothing else).
 */
export const NATS_PERMISSIONS = Object.freeze({
  /**
   * The gateway: shard owner (ledger writer, snapshots, leases, commands, balance transfers to
   * other shards), money router of the bank and catering subjects, tap workers. It reads the
   * registry and never writes it.
   */
  gateway: {
    publish: ['$JS.API.INFO', `tapgate.ledger.v1.>`, 'tapgate.snapshot.v1.>', SHARD_COMMANDS,
      ...readStream(LEDGER), ...ownStream(LEDGER),
      ...readStream(SNAPSHOTS), ...ownStream(SNAPSHOTS),
      `$JS.API.STREAM.CREATE.KV_${REGISTRY}`, ...readStream(`KV_${REGISTRY}`), ...useBucket(LEASES),
      ...useBucket(SHARD_OWNERS), ...useBucket(PAYMENTS)],
    subscribe: [TOP_UP, REFUND, SHARD_COMMANDS],
    allowResponses: true,
  },
  /**
   * The admin API process (api/main.ts), stateless: registry writes, tokens, sessions, SMS
   * sign-in codes, the audit trail, commands to the shards' owners, login SMS requests, the
   * photo store (the only user that may touch it); it reads the ledger (ordered consumers, no
   * acks, never a write) for the guard's desk live feed (api/desk-feed.ts).
   */
  api: {
    publish: ['$JS.API.INFO', 'tapgate.audit.v1', SHARD_COMMANDS, LOGIN_SMS, ...useBucket(LOGIN_CODES), ...readStream(AUDIT), ...ownStream(AUDIT),
      ...readStream(LEDGER), ...useBucket(REGISTRY), ...useBucket(TOKENS), ...useBucket(SESSIONS), ...useBucket(PHOTOS),
      ...readStream(`KV_${SHARD_OWNERS}`),
      `$JS.API.STREAM.CREATE.KV_${SHARD_OWNERS}`],
    subscribe: [],
  },
  /**
   * The ClickHouse sinks: read the ledger through their durable consumers (one per shard) and
   * acknowledge; share the shards through leases and their members bucket; read the registry's
   * school records only (for the shard list: no person, identifier or account). Consumer names
   * are one token, so `clickhouse-sink-<shardId>` cannot be granted by prefix: the sink may use
   * any durable consumer of LEDGER (it reads the whole stream anyway) and deletes none.
   */
  sink: {
    publish: ['$JS.API.INFO', `$JS.API.STREAM.INFO.${LEDGER}`, `$JS.API.STREAM.CREATE.${LEDGER}`,
      `$JS.API.STREAM.MSG.GET.${LEDGER}`, `$JS.API.DIRECT.GET.${LEDGER}`,
      `$JS.API.DIRECT.GET.${LEDGER}.>`,
      `$JS.API.CONSUMER.INFO.${LEDGER}.*`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${LEDGER}.*`,
      `$JS.API.CONSUMER.CREATE.${LEDGER}.*`,
      `$JS.API.CONSUMER.CREATE.${LEDGER}.*.>`,
      `$JS.API.CONSUMER.MSG.NEXT.${LEDGER}.*`,
      `$JS.ACK.${LEDGER}.*.>`,
      `$JS.API.STREAM.CREATE.KV_${REGISTRY}`, `$JS.API.STREAM.INFO.KV_${REGISTRY}`,
      `$JS.API.CONSUMER.CREATE.KV_${REGISTRY}.*.$KV.${REGISTRY}.school.>`, `$JS.API.CONSUMER.DELETE.KV_${REGISTRY}.*`,
      `$JS.FC.KV_${REGISTRY}.>`,
      ...useBucket(LEASES), ...useBucket(SINK_MEMBERS)],
    subscribe: [],
  },
  /**
   * The notifier: reads the ledger (ordered consumers, no acks) and the registry, writes its own
   * journal, leases and members, and may delete push subscriptions a push service called gone
   * (and no other registry key). It answers the API's login SMS requests.
   */
  notifier: {
    publish: ['$JS.API.INFO', `$JS.API.STREAM.CREATE.${LEDGER}`, ...readStream(LEDGER),
      'tapgate.notify.v1.>', ...readStream(NOTIFY), ...ownStream(NOTIFY),
      `$JS.API.STREAM.CREATE.KV_${REGISTRY}`, ...readStream(`KV_${REGISTRY}`), `$KV.${REGISTRY}.push_subscription.>`,
      ...useBucket(LEASES), ...useBucket(NOTIFY_MEMBERS)],
    subscribe: [LOGIN_SMS],
    allowResponses: true,
  },
  /** Admin tools: the registry loader and the API token command. */
  admin: {
    publish: ['$JS.API.INFO', ...useBucket(REGISTRY), ...useBucket(TOKENS)],
    subscribe: [],
  },
  /** A bank's payment integration: top-up requests, nothing else. */
  payment: { publish: [TOP_UP], subscribe: [] },
  /** A catering operator's integration: refund requests, nothing else. */
  catering: { publish: [REFUND], subscribe: [] },
  /** Analytics and observers: read the ledger and the audit trail (ids only), write nothing. */
  analytics: {
    publish: ['$JS.API.INFO', ...readStream(LEDGER), ...readStream(AUDIT)],
    // The sink's durable consumer is not theirs to read from, create or delete.
    denyPublish: [`$JS.API.CONSUMER.*.${LEDGER}.${SINK_CONSUMER}`,
      `$JS.API.CONSUMER.*.${LEDGER}.${SINK_CONSUMER}.>`,
      `$JS.API.CONSUMER.MSG.NEXT.${LEDGER}.${SINK_CONSUMER}`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${LEDGER}.>`,
      `$JS.ACK.${LEDGER}.${SINK_CONSUMER}.>`],
    subscribe: [],
  },
  /** The operator's maintenance account (nats CLI, repairs, tests' inspection): everything. */
  ops: { publish: ['>'], subscribe: ['>'] },
});

export const NATS_USERS = Object.freeze(Object.keys(NATS_PERMISSIONS));

/** The inbox prefix a user's client must use; its subscriptions are limited to it. */
export const inboxPrefix = (user) => `_INBOX.${user}`;

/**
 * Creates one password file per user under dir (mode 0600), keeping those that exist.
 * @returns {Record<string, { user: string, passwordFile: string, password: string }>}
 */
export function ensureNatsCredentials(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const out = {};
  for (const user of NATS_USERS) {
    const passwordFile = join(dir, `${user}.password`);
    if (!existsSync(passwordFile)) {
      writeFileSync(passwordFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
    }
    chmodSync(passwordFile, 0o600);
    out[user] = { user, passwordFile, password: readFileSync(passwordFile, 'utf8').trim() };
  }
  return out;
}

const quote = (s) => JSON.stringify(s);
const list = (xs) => `[${xs.map(quote).join(', ')}]`;

function userBlock(user, password) {
  const p = NATS_PERMISSIONS[user];
  const deny = p.denyPublish ? `, deny: ${list(p.denyPublish)}` : '';
  const publish = `{ allow: ${list(p.publish)}${deny} }`;
  const inbox = user === 'ops' ? [] : [`${inboxPrefix(user)}.>`];
  const subscribe = list([...p.subscribe, ...inbox]);
  const responses = p.allowResponses ? ', allow_responses: true' : '';
  return `    { user: ${quote(user)}, password: ${quote(password)},\n` +
    `      permissions: { publish: ${publish}, subscribe: { allow: ${subscribe} }${responses} } }`;
}

/** The authorization block of nats-server's configuration for these credentials. */
export function natsAuthorizationConfig(credentials) {
  const users = NATS_USERS.map((u) => userBlock(u, credentials[u].password));
  return `authorization {\n  users: [\n${users.join(',\n')}\n  ]\n}\n`;
}
