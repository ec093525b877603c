// NATS plumbing shared by the gateway, the workers, the sink and the scripts: connecting,
// the streams and the registry bucket tapgate uses (created if missing, so a fresh server
// works), and a registry watcher that keeps a RegistryIndex current.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { JetStreamApiCodes, JetStreamApiError, jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { parseKey, RegistryIndex, type RecordKind } from '../core/index.js';

/** The JetStream stream every decision is appended to, and its subject prefix. */
export const LEDGER_STREAM = 'LEDGER';
export const LEDGER_SUBJECT_PREFIX = 'tapgate.ledger.v1';
/** Largest ledger message, in bytes; the gateway flushes a LedgerBatch at half of it (estimated). */
export const LEDGER_MSG_BYTES_MAX = 1024 * 1024;
/** JetStream's window for Nats-Msg-Id duplicate detection of retried appends, in ms. */
export const LEDGER_DUPLICATE_WINDOW_MS = 120_000;
/** The KV bucket holding the registry. */
export const REGISTRY_BUCKET = 'tapgate_registry';

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

export async function connectNats(url: string, name: string, auth: NatsAuth | null = null): Promise<NatsConnection> {
  const login = auth === null ? {} : { user: auth.user, pass: auth.pass, inboxPrefix: natsInboxPrefix(auth.user) };
  return connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, timeout: 5000, ...login });
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

/** Creates a stream if it does not exist; leaves an existing one as it is. */
export async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    return;
  } catch (err) {
    if (!/stream not found/i.test(String((err as Error).message))) throw err;
  }
  await jsm.streams.add(config);
}

/** Creates the ledger stream if it does not exist; leaves an existing one as it is. */
export async function ensureLedgerStream(jsm: JetStreamManager): Promise<void> {
  await ensureStream(jsm, {
    name: LEDGER_STREAM,
    subjects: [`${LEDGER_SUBJECT_PREFIX}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    max_msg_size: LEDGER_MSG_BYTES_MAX,
    duplicate_window: LEDGER_DUPLICATE_WINDOW_MS * 1_000_000,
  });
}

export async function openRegistry(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(REGISTRY_BUCKET, { history: 1, storage: StorageType.File });
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
