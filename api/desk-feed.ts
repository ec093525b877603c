// The guard's desk live feed, hub side (docs/console.md "Guard's desk"): which desk sockets
// watch which school, one ledger reader per shard that has watchers, and the batched pushes.
// For each shard with at least one desk socket the hub runs an ordered consumer on that shard's
// ledger subject, from the stream's end at the moment the first socket came (new passes only),
// keeps the turnstile decisions of the watched schools, names them from the registry and queues
// them per socket. A timer flushes the queues every DESK_FLUSH_INTERVAL_MS as one JSON message
// per socket. A socket whose send buffer is over DESK_BUFFERED_BYTES_MAX (a slow page) loses
// what was queued for it and is told to resync (re-read the headcount) once it has drained.
// The reader stops when the last socket of its shard goes. Nothing here logs a name.
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Type, type Static } from '@sinclair/typebox';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { RegistryIndex } from '../core/index.js';
import { tapgate } from '../core/proto.js';
// The reader itself, not consumers/index.ts: that face also loads the sink's and the notifier's
// dependencies, which the API process has no use for.
import { LedgerReader, type LedgerMessage } from '../consumers/ledger-reader.js';
import { LEDGER_STREAM, ledgerSubject, type Logger } from '../lib/index.js';
import { Obj } from './schemas.js';

/** How often queued passes go out to the pages, in ms: one message per socket per interval at most. */
export const DESK_FLUSH_INTERVAL_MS = 75;
/** Bytes waiting in a socket's send buffer beyond which its queued passes are dropped (resync). */
export const DESK_BUFFERED_BYTES_MAX = 256 * 1024;
/** Passes queued for one socket between two flushes, at most; beyond it the socket must resync. */
export const DESK_QUEUED_PASSES_MAX = 2000;
/** How long stopping a shard's reader may wait for the message in hand, in ms. */
export const DESK_READER_STOP_GRACE_MS = 2000;
/** Events one pull of a desk reader asks for, about. */
const DESK_EVENTS_PER_PULL = 1024;

const { Verdict } = tapgate.device.v1;
const PERSON_KIND_NUMBERS: Readonly<Record<number, string>> = { 1: 'pupil', 2: 'staff', 3: 'guardian' };

/**
 * One pass as the page gets it, from the live feed and from GET /schools/:id/passes alike
 * (docs/console.md lists the fields); the route's schema and the type are this one declaration.
 */
export const DeskPassView = Obj({
  deviceId: Type.String(),
  deviceName: Type.String({ description: 'the device\'s name once the registry has one ("главный вход"); \'\' until then' }),
  seq: Type.Integer(),
  personId: Type.String({ description: '\'\' when the card matched nobody (reason 2, карта не зарегистрирована)' }),
  personKind: Type.String(), displayName: Type.String(), className: Type.String(),
  direction: Type.Integer({ description: 'tapgate.device.v1 Direction: 1 entry, 2 exit' }),
  verdict: Type.Integer({ description: 'tapgate.device.v1 Verdict: 1 allow, 2 deny' }),
  reason: Type.Integer({ description: 'tapgate.device.v1 DecisionReason' }),
  decidedAtMs: Type.Integer(),
  photo: Type.Boolean({ description: 'the person has a photo they consented to (the page asks /persons/:id/photo and shows the name alone on 404)' }),
});
export type DeskPass = Static<typeof DeskPassView>;

/** What the hub needs of a socket: uWS's WebSocket fits. */
export interface DeskSocket {
  send(message: string): number;
  getBufferedAmount(): number;
}

/** A desk socket's watch of one school, with what is queued for it. */
export interface DeskWatch {
  readonly socket: DeskSocket;
  readonly schoolId: string;
  queued: DeskPass[];
  /** Passes dropped since the page last heard of it; > 0 means a resync message is owed. */
  dropped: number;
  /** Set by the socket side when the socket closed: nothing is sent to it any more. */
  closed: boolean;
}

/** Names a ledger pass event from the registry; the event carries ids only. */
export function deskPassOf(e: tapgate.events.v1.IPassEvent, registry: RegistryIndex): DeskPass {
  const personId = e.personId ?? '';
  const person = personId === '' ? undefined : registry.persons.get(personId);
  const device = registry.devices.get(e.deviceId ?? '') as { readonly name?: unknown } | undefined;
  return {
    deviceId: e.deviceId ?? '', deviceName: typeof device?.name === 'string' ? device.name : '', seq: Number(e.seq ?? 0),
    personId, personKind: person?.kind ?? PERSON_KIND_NUMBERS[e.personKind ?? 0] ?? '',
    displayName: person?.displayName ?? '', className: person?.className ?? e.className ?? '',
    direction: e.direction ?? 0, verdict: e.verdict ?? 0, reason: e.reason ?? 0, decidedAtMs: Number(e.decidedAtMs ?? 0),
    photo: person !== undefined && person.photoConsent && person.photoRef !== '',
  };
}

/** Whether a ledger pass event belongs on a desk: a decided turnstile tap (allowed or refused). */
export function isDeskPass(e: tapgate.events.v1.IPassEvent): boolean {
  return e.verdict === Verdict.VERDICT_ALLOW || e.verdict === Verdict.VERDICT_DENY;
}

interface ShardFeed {
  readonly watches: Set<DeskWatch>;
  reader: { stop(): Promise<void> } | null;
  started: Promise<void>;
}

export interface DeskHubMetrics {
  readonly sockets: Gauge;
  readonly pushed: Counter;
  readonly dropped: Counter;
}

export function deskHubMetrics(registry: Registry): DeskHubMetrics {
  return {
    sockets: new Gauge({ name: 'tapgate_api_desk_sockets', help: 'Guard\'s desk feed sockets open', registers: [registry] }),
    pushed: new Counter({ name: 'tapgate_api_desk_passes_pushed_total', help: 'Passes sent to guard\'s desk pages',
      registers: [registry] }),
    dropped: new Counter({ name: 'tapgate_api_desk_passes_dropped_total',
      help: 'Passes not sent to a desk page that was too slow (the page was told to resync)', registers: [registry] }),
  };
}

/** The port through which the hub reads a shard's ledger; tests put a fake here. */
export interface ShardSource {
  /** Starts handing over the shard's new ledger messages; resolves once reading runs. */
  start(shardId: string, onMessage: (msg: LedgerMessage) => void): Promise<{ stop(): Promise<void> }>;
}

/** Reads a shard's ledger subject with an ordered consumer from the stream's current end. */
export function jetStreamSource(js: JetStreamClient, jsm: JetStreamManager, metrics: Registry, log: Logger): ShardSource {
  const fetchFailures = new Counter({ name: 'tapgate_api_desk_ledger_fetch_failures_total',
    help: 'Failed pulls of the desk feed\'s ledger readers (retried)', registers: [metrics] });
  const none = { inc: () => undefined };
  return {
    async start(shardId, onMessage) {
      const lastSeq = (await jsm.streams.info(LEDGER_STREAM)).state.last_seq;
      const reader = new LedgerReader(js, jsm, { handle: (m) => onMessage(m) },
        { mode: { kind: 'ordered' }, eventsPerPull: DESK_EVENTS_PER_PULL, filterSubject: ledgerSubject(shardId) },
        { messages: none, refetched: none, missing: none, invalid: none, duplicates: none, fetchFailures,
          lag: { set: () => undefined } }, log);
      await reader.start(lastSeq + 1);
      return { stop: async () => { await reader.stop(DESK_READER_STOP_GRACE_MS); } };
    },
  };
}

export class DeskHub {
  private readonly shards = new Map<string, ShardFeed>();
  private readonly watches = new Set<DeskWatch>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly registry: RegistryIndex,
    private readonly source: ShardSource,
    private readonly metrics: DeskHubMetrics,
    private readonly log: Logger,
    flushIntervalMs = DESK_FLUSH_INTERVAL_MS,
  ) {
    this.timer = setInterval(() => this.flush(), flushIntervalMs);
    this.timer.unref();
  }

  get size(): number { return this.watches.size; }

  /** Adds a watch; resolves once its shard's ledger is being read (passes from then on reach it). */
  async add(w: DeskWatch): Promise<void> {
    const shardId = this.registry.schools.get(w.schoolId)?.shardId;
    if (shardId === undefined) return;
    this.watches.add(w);
    this.metrics.sockets.set(this.watches.size);
    let feed = this.shards.get(shardId);
    if (feed === undefined) {
      const f: ShardFeed = { watches: new Set(), reader: null, started: Promise.resolve() };
      f.started = this.source.start(shardId, (m) => this.onMessage(f.watches, m)).then((reader) => {
        // Every watch left while the reader was starting: stop it at once.
        if (this.shards.get(shardId) !== f) void reader.stop();
        else f.reader = reader;
      });
      f.started.catch((err: unknown) => {
        this.log.warn({ shardId, err: (err as Error)?.name }, 'desk feed reader did not start');
        if (this.shards.get(shardId) === f) this.shards.delete(shardId);
      });
      feed = f;
      this.shards.set(shardId, feed);
    }
    feed.watches.add(w);
    await feed.started;
  }

  /** Removes a watch; the shard's reader stops when its last watch goes. */
  remove(w: DeskWatch): void {
    w.closed = true;
    if (!this.watches.delete(w)) return;
    this.metrics.sockets.set(this.watches.size);
    for (const [shardId, feed] of this.shards) {
      if (!feed.watches.delete(w) || feed.watches.size > 0) continue;
      this.shards.delete(shardId);
      if (feed.reader !== null) void feed.reader.stop();
    }
  }

  /** Stops every reader and the flush timer (the sockets are closed by their owner). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    const feeds = [...this.shards.values()];
    this.shards.clear();
    await Promise.all(feeds.map(async (f) => {
      await f.started.catch(() => undefined);
      await f.reader?.stop();
    }));
  }

  /** Queues the batch's passes for the watches of their schools. */
  private onMessage(watches: ReadonlySet<DeskWatch>, m: LedgerMessage): void {
    if (watches.size === 0) return;
    const bySchool = new Map<string, DeskWatch[]>();
    for (const w of watches) bySchool.set(w.schoolId, [...(bySchool.get(w.schoolId) ?? []), w]);
    for (const e of m.batch.passes) {
      const targets = bySchool.get(e.schoolId ?? '');
      if (targets === undefined || !isDeskPass(e)) continue;
      const pass = deskPassOf(e, this.registry);
      for (const w of targets) {
        if (w.queued.length >= DESK_QUEUED_PASSES_MAX) { w.dropped++; this.metrics.dropped.inc(); continue; }
        w.queued.push(pass);
      }
    }
  }

  /** Sends each watch what is queued for it, as one message; a slow socket loses it and owes a resync. */
  flush(): void {
    for (const w of this.watches) {
      if (w.closed || (w.queued.length === 0 && w.dropped === 0)) continue;
      if (w.socket.getBufferedAmount() > DESK_BUFFERED_BYTES_MAX) {
        w.dropped += w.queued.length;
        this.metrics.dropped.inc(w.queued.length);
        w.queued = [];
        continue;
      }
      if (w.dropped > 0) {
        w.socket.send(JSON.stringify({ type: 'resync', droppedPasses: w.dropped }));
        w.dropped = 0;
      }
      if (w.queued.length === 0) continue;
      const passes = w.queued;
      w.queued = [];
      // 2: uWS dropped it (over maxBackpressure): the page must resync.
      if (w.socket.send(JSON.stringify({ type: 'passes', passes })) === 2) {
        w.dropped += passes.length;
        this.metrics.dropped.inc(passes.length);
      } else this.metrics.pushed.inc(passes.length);
    }
  }
}
