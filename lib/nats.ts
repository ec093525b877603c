// NATS plumbing shared by the gateway, the workers, the sink and the scripts: connecting,
// the streams and the registry bucket tapgate uses (created if missing, so a fresh server
// works), and a registry watcher that keeps a RegistryIndex current. Against a NATS cluster
// (docs/operations.md, "A NATS cluster") a client takes a list of servers and every stream and
// bucket is created with TAPGATE_NATS_REPLICAS replicas.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError, jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { parseKey, RegistryIndex, TapgateError, type RecordKind } from '../core/index.js';

/** The JetStream stream every decision is appended to, and its subject prefix. */
export const LEDGER_STREAM = 'LEDGER';
export const LEDGER_SUBJECT_PREFIX = 'tapgate.ledger.v1';
/** Largest ledger message, in bytes; the gateway flushes a LedgerBatch at half of it (estimated). */
export const LEDGER_MSG_BYTES_MAX = 1024 * 1024;
/** JetStream's window for Nats-Msg-Id duplicate detection of retried appends, in ms. */
export const LEDGER_DUPLICATE_WINDOW_MS = 120_000;
/** The KV bucket holding the registry. */
export const REGISTRY_BUCKET = 'tapgate_registry';

/** Replicas a stream or bucket may have: one server, or a cluster of three that survives one loss. */
export const NATS_REPLICAS_ALLOWED: readonly number[] = Object.freeze([1, 3]);
/** How long a client waits before it tries the next server after losing one, in ms. */
export const NATS_RECONNECT_WAIT_MS = 250;
/** How long a client's first connection (to any of its servers) may take, in ms. */
export const NATS_CONNECT_TIMEOUT_MS = 5_000;

/**
 * TAPGATE_NATS_REPLICAS: how many copies of each stream and bucket tapgate creates (1 by
 * default; 3 on a cluster of three nodes). It applies when a stream or bucket is created; one
 * that exists keeps its replicas (docs/operations.md). Throws CONFIG_INVALID for any other value.
 */
export function natsReplicas(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const key = 'TAPGATE_NATS_REPLICAS';
  const raw = env[key];
  if (raw === undefined || raw === '') return 1;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!NATS_REPLICAS_ALLOWED.includes(n)) {
    const expected = NATS_REPLICAS_ALLOWED.join(' or ');
    throw new TapgateError('CONFIG_INVALID', `${key}=${JSON.stringify(raw)}: expected ${expected}`, { details: { key } });
  }
  return n;
}

/**
 * The servers of a NATS URL setting: one URL, or several separated by commas (the nodes of a
 * cluster; lib/config.ts natsUrlsVar validates them). The client connects to any of them.
 */
export function natsServers(url: string): string[] {
  return url.split(',').map((u) => u.trim()).filter((u) => u !== '');
}

export function ledgerSubject(gatewayId: string): string {
  return `${LEDGER_SUBJECT_PREFIX}.${gatewayId}`;
}

/** A NATS user and its password (lib/config.ts natsAuthVars reads them from the environment). */
export interface NatsAuth { readonly user: string; readonly pass: string }

/**
 * The inbox prefix of a user's client. The server lets each user subscribe to its own inbox
 * subjects only (scripts/lib/nats-auth.mjs), so that no user reads the replies of another.
 */
export function natsInboxPrefix(user: string): string {
  return `_INBOX.${user}`;
}

/**
 * Connects to one server or to any of a list (`url` as natsServers reads it). The client never
 * gives up reconnecting, and after losing a server it tries another within
 * NATS_RECONNECT_WAIT_MS, so the loss of one cluster node costs about an election.
 */
export async function connectNats(url: string, name: string, auth: NatsAuth | null = null): Promise<NatsConnection> {
  const login = auth === null ? {} : { user: auth.user, pass: auth.pass, inboxPrefix: natsInboxPrefix(auth.user) };
  return connect({ servers: natsServers(url), name, maxReconnectAttempts: -1, reconnectTimeWait: NATS_RECONNECT_WAIT_MS,
    timeout: NATS_CONNECT_TIMEOUT_MS, ...login });
}

/**
 * True when JetStream refused a write because the subject's last sequence was not the expected
 * one (a fenced ledger append, a KV create of an existing key, a KV update of a stale revision).
 */
export function isWrongLastSequence(err: unknown): boolean {
  return err instanceof JetStreamApiError && (err.code === JetStreamApiCodes.StreamWrongLastSequence ||
    err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown);
}

/** Follows a connection's status: `connected()` is false between a disconnect and the reconnect. */
export function connectionState(nc: NatsConnection): { connected(): boolean } {
  let up = true;
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') up = false;
      else if (s.type === 'reconnect') up = true;
    }
  })();
  return { connected: () => up };
}

/**
 * Creates a stream if it does not exist, with natsReplicas() replicas unless the config names
 * num_replicas; leaves an existing one as it is.
 */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    return;
  } catch (err) {
    if (!/stream not found/i.test(String((err as Error).message))) throw err;
  }
  await jsm.streams.add({ num_replicas: natsReplicas(), ...config });
}

/** Creates the ledger stream if it does not exist; leaves an existing one as it is. */
export async function ensureLedgerStream(jsm: JetStreamManager, replicas = natsReplicas()): Promise<void> {
  await ensureStream(jsm, {
    name: LEDGER_STREAM,
    subjects: [`${LEDGER_SUBJECT_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    max_msg_size: LEDGER_MSG_BYTES_MAX,
    duplicate_window: LEDGER_DUPLICATE_WINDOW_MS * 1_000_000,
    num_replicas: replicas,
  });
}

export async function openRegistry(nc: NatsConnection, replicas = natsReplicas()): Promise<KV> {
  return new Kvm(nc).create(REGISTRY_BUCKET, { history: 1, storage: StorageType.File, replicas });
}

export async function natsSetup(nc: NatsConnection): Promise<{ jsm: JetStreamManager; registry: KV }> {
  const jsm = await jetstreamManager(nc);
  await ensureLedgerStream(jsm);
  return { jsm, registry: await openRegistry(nc) };
}

export interface RegistryWatch {
  /** Resolves when every value present at the start has been applied. */
  readonly ready: Promise<void>;
  /** Resolves once the change with this KV revision (or a later one) has been applied to the index. */
  applied(revision: number): Promise<void>;
  stop(): void;
}

/**
 * Applies every registry value, then every change as it happens, to `index`. A value that
 * fails validation is reported through onInvalid and skipped; it never stops the watch.
 */
export async function watchRegistry(kv: KV, index: RegistryIndex,
  hooks: { onChange?: (kind: RecordKind, id: string) => void; onInvalid?: (key: string, err: unknown) => void;
    /** Only these kinds are parsed and applied (a tap worker needs 3 of 12); all when absent. */
    kinds?: ReadonlySet<RecordKind> } = {}): Promise<RegistryWatch> {
  const status = await kv.status();
  const lastSeq = status.streamInfo.state.last_seq;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  if (status.streamInfo.state.messages === 0) markReady();
  const iter = await kv.watch();
  let revision = 0;
  const waiters: Array<{ revision: number; resolve: () => void }> = [];
  void (async () => {
    for await (const e of iter) {
      revision = e.revision;
      const parsed = parseKey(e.key);
      if (parsed !== null && (hooks.kinds === undefined || hooks.kinds.has(parsed.kind))) {
        try {
          index.applyJson(parsed.kind, parsed.id, e.operation === 'PUT' ? e.string() : null);
          hooks.onChange?.(parsed.kind, parsed.id);
        } catch (err) {
          hooks.onInvalid?.(e.key, err);
        }
      }
      if (e.isUpdate || e.revision >= lastSeq || e.delta === 0) markReady();
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (waiters[i]!.revision <= revision) { waiters[i]!.resolve(); waiters.splice(i, 1); }
      }
    }
  })();
  return {
    ready,
    applied: (rev) => rev <= revision ? Promise.resolve() : new Promise<void>((resolve) => { waiters.push({ revision: rev, resolve }); }),
    stop: () => iter.stop(),
  };
}
