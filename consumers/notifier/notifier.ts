// The notifier's core, without I/O setup: it reads the LEDGER stream in order, plans notices for
// the partitions of recipients this process owns, and hands them to one PartitionWorker per
// partition (worker.ts), which journals and sends them. service.ts wires NATS, ClickHouse, the
// providers and the ops port around it.
//
// Reading: one ordered read of the ledger per process, from the lowest position any owned
// partition has planned up to. A partition taken over later with an older position restarts the
// read from there; partitions already past a message skip it (each plans a message once: the
// journal records the position with the plans).
import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { DIGEST_ONLY_AFTER_MS, type RegistryIndex } from '../../core/index.js';
import type { tapgate } from '../../core/proto.js';
import { LEDGER_STREAM, type Logger } from '../../lib/index.js';
import { planDigests } from './digest.js';
import { LedgerReader } from '../ledger-reader.js';
import { PartitionJournal } from './journal.js';
import type { NotifierMetrics } from './metrics.js';
import { PartitionState, type Finished, type Notice } from './partition.js';
import { Planner } from './plan.js';
import { PartitionWorker, type SendFn } from './worker.js';

/** The reader waits while any worker holds more plans than this not yet journaled. */
export const WORKER_BACKLOG_MAX = 50_000;
/** Events per pull the reader sizes its pulls for. */
const READ_EVENTS_PER_PULL = 8192;

export interface NotifierCoreOptions {
  readonly memberId: string;
  /** Local hour of the digests (docs/notifications.md). */
  readonly digestHour: number;
  readonly partitions: number;
  readonly inFlightPerChannel: number;
  readonly shutdownGraceMs: number;
}

export interface NotifierEvents {
  onFinished(partition: number, finished: readonly Finished[], planned: readonly Notice[]): void;
}

export class NotifierCore {
  readonly workers = new Map<number, PartitionWorker>();
  private readGeneration = 0;
  private reading: Promise<void> | null = null;
  private reader: LedgerReader | null = null;
  private stopped = false;
  /** The ledger seq the read has reached (planned into every owned worker). */
  readSeq = 0;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly registry: RegistryIndex,
    private readonly send: SendFn,
    private readonly opts: NotifierCoreOptions,
    private readonly events: NotifierEvents,
    private readonly metrics: NotifierMetrics,
    private readonly log: Logger,
    private readonly onLost: (partition: number) => void,
  ) {}

  /** Loads a partition from its journal (fencing out any earlier owner) and starts working it. */
  async gain(partition: number): Promise<void> {
    const journal = new PartitionJournal(this.js, this.jsm, partition, this.opts.memberId);
    const { snapshot, records, fenceSeq } = await journal.takeOver();
    const state = snapshot === null ? new PartitionState(partition) : PartitionState.fromSnapshot(snapshot);
    for (const r of records) state.apply(r, fenceSeq);
    const uncertain = state.unfinishedAttempts();
    const worker = new PartitionWorker(state, journal, this.send, { inFlightPerChannel: this.opts.inFlightPerChannel }, {
      onFinished: (p, f, planned) => this.events.onFinished(p, f, planned),
      onLost: (p, err) => {
        this.log.warn({ partition: p, err: String(err) }, 'notify partition lost: another notifier wrote its journal');
        this.workers.delete(p);
        this.onLost(p);
      },
    }, this.log);
    if (uncertain.length > 0) {
      const now = Date.now();
      worker.addOutcomes(uncertain.map((key) => ({ key, status: 'uncertain' as const, atMs: now, code: 'ATTEMPT_WITHOUT_OUTCOME' })));
      this.log.warn({ partition, notices: uncertain.length }, 'attempts of the previous owner without an outcome parked as uncertain (never sent again)');
    }
    // A partition with no journal yet (a new deployment, a new partition count) starts at the
    // ledger of the last DIGEST_ONLY_AFTER_MS: nothing older would be sent, and planning months
    // of history only to skip it would fill the journal and the delivery log.
    if (snapshot === null && records.length === 0) {
      const from = await this.firstSeqSince(Date.now() - DIGEST_ONLY_AFTER_MS);
      if (from > 1) worker.addPlans(from - 1, [], []);
    }
    this.workers.set(partition, worker);
    worker.start();
    this.log.info({ partition, ledgerSeq: state.ledgerSeq, open: state.open.size, replayed: records.length, fromCheckpoint: snapshot !== null },
      'notify partition loaded');
    if (this.reading === null || worker.queuedLedgerSeq < this.readSeq) this.restartRead();
  }

  /** The stream seq of the first ledger message stored at or after `ms` (last seq + 1 when none). */
  private async firstSeqSince(ms: number): Promise<number> {
    const info = await this.jsm.streams.info(LEDGER_STREAM);
    if (info.state.messages === 0) return info.state.last_seq + 1;
    const consumer = await this.js.consumers.get(LEDGER_STREAM,
      { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(ms).toISOString() });
    try {
      const m = await consumer.next({ expires: 2000 });
      return m?.seq ?? info.state.last_seq + 1;
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  /** Stops working a partition: sends in flight finish and are journaled (within the grace). */
  async release(partition: number): Promise<void> {
    const w = this.workers.get(partition);
    if (w === undefined) return;
    this.workers.delete(partition);
    await w.stop(this.opts.shutdownGraceMs);
  }

  /** The lease is gone: stop at once, writing nothing. */
  abandon(partition: number): void {
    this.workers.get(partition)?.abandon();
    this.workers.delete(partition);
  }

  /** Plans the digests now due in every owned partition (called once a minute). */
  async planDigests(nowMs: number): Promise<void> {
    if (this.workers.size === 0) return;
    const cut = (await this.jsm.streams.info(LEDGER_STREAM)).state.last_seq;
    for (const [p, w] of this.workers) {
      const marks = new Map([...this.registry.schools.keys()].map((id) => [id, w.digestMark(id)] as const));
      const plan = planDigests(this.registry, p, this.opts.partitions, marks, nowMs, this.opts.digestHour, cut);
      if (Object.keys(plan.marks).length === 0) continue;
      for (const n of plan.planned) this.metrics.planned.inc({ type: n.type, channel: n.channel });
      w.addDigests(plan.planned, plan.marks);
      if (plan.planned.length > 0) this.log.info({ partition: p, digests: plan.planned.length, schools: Object.keys(plan.marks).length }, 'digests planned');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.readGeneration++;
    await this.reading;
    await this.reader?.stop(this.opts.shutdownGraceMs);
  }

  /** (Re)starts the ordered read of the ledger at the lowest position an owned partition has planned up to. */
  private restartRead(): void {
    const generation = ++this.readGeneration;
    const previous = this.reading;
    this.reading = (async () => {
      await previous;
      const old = this.reader;
      this.reader = null;
      await old?.stop(this.opts.shutdownGraceMs);
      if (this.stopped || generation !== this.readGeneration) return;
      while (this.workers.size === 0 && !this.stopped && generation === this.readGeneration) await sleep(200);
      if (this.stopped || generation !== this.readGeneration) return;
      const from = Math.min(...[...this.workers.values()].map((w) => w.queuedLedgerSeq)) + 1;
      this.readSeq = from - 1;
      const m = this.metrics;
      const reader = new LedgerReader(this.js, this.jsm, { handle: (msg) => this.handle(msg.seq, msg.batch) },
        { mode: { kind: 'ordered' }, eventsPerPull: READ_EVENTS_PER_PULL },
        { messages: m.ledgerMessages, refetched: m.ledgerRefetched, missing: m.ledgerMissing, invalid: m.ledgerInvalid,
          duplicates: m.ledgerDuplicates, fetchFailures: m.ledgerFetchFailures, lag: m.ledgerLag }, this.log);
      this.reader = reader;
      await reader.start(from);
    })().catch((err: unknown) => {
      this.log.error({ err: String(err) }, 'ledger read failed to start; trying again');
      if (!this.stopped && generation === this.readGeneration) setTimeout(() => this.restartRead(), 1000);
    });
  }

  private async handle(seq: number, batch: tapgate.events.v1.LedgerBatch): Promise<void> {
    while ([...this.workers.values()].some((w) => w.backlog > WORKER_BACKLOG_MAX)) await sleep(20);
    this.readSeq = seq;
    const states = new Map<number, PartitionState>();
    for (const [p, w] of this.workers) if (w.queuedLedgerSeq < seq) states.set(p, w.state);
    if (states.size === 0) return;
    const plans = Planner.plan({ registry: this.registry, partitions: this.opts.partitions, states, nowMs: Date.now(),
      pendingExits: (p, personId, schoolId, sinceMs, untilMs) => this.workers.get(p)?.pendingExitKeys(personId, schoolId, sinceMs, untilMs) ?? [] }, seq, batch);
    for (const p of states.keys()) {
      const plan = plans.get(p);
      for (const n of plan?.planned ?? []) this.metrics.planned.inc({ type: n.type, channel: n.channel });
      this.workers.get(p)?.addPlans(seq, plan?.planned ?? [], plan?.outcomes ?? []);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
