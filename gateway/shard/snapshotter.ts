// When to take snapshots: every TAPGATE_SNAPSHOT_INTERVAL_MS, whenever TAPGATE_SNAPSHOT_EVENTS
// ledger events were appended since the last one, and once more at a graceful shutdown.
//
// A snapshot no longer waits for a moment when every decision is durable (under sustained load
// there is none: the open batch keeps filling while an append is in flight, so a busy day went
// without a snapshot and a restart replayed millions of events). The cut is taken at any moment,
// in one event-loop turn: the writer seals its open batch, so the state is exactly the ledger up
// to that append (its cut point); the snapshot is serialised meanwhile (ADR 0013) and published
// only once that append is acknowledged, covering its stream seq. If the writer fails first,
// nothing is published: a snapshot never holds a decision the ledger does not (ADR 0014).
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from '../../lib/index.js';
import type { GatewayConfig } from '../config.js';
import type { LedgerWriter } from './ledger.js';
import type { GatewayMetrics } from '../metrics.js';
import type { Sequencer } from './sequencer.js';
import type { LedgerContinuity } from './replay.js';
import { captureState, writeSnapshot } from './snapshot.js';

/** How often the event count is looked at, in ms. */
const EVENTS_POLL_MS = 100;

export class Snapshotter {
  private intervalTimer: NodeJS.Timeout | null = null;
  private eventsTimer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private count = 0;
  /** Ledger events counted when the last snapshot was cut. */
  private eventsAtLast: number;

  constructor(
    private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, private readonly config: GatewayConfig,
    private readonly sequencer: Sequencer, private readonly ledger: LedgerWriter, private readonly metrics: GatewayMetrics,
    private readonly log: Logger, private lastSeq: number, private readonly continuity: LedgerContinuity,
    /** Ledger events appended or replayed since the snapshot this start loaded (read, never reset). */
    private readonly events: () => number,
  ) {
    this.eventsAtLast = 0;
    if (config.snapshotIntervalMs > 0) this.scheduleInterval();
    if (config.snapshotEvents > 0) {
      this.eventsTimer = setInterval(() => {
        if (this.events() - this.eventsAtLast >= config.snapshotEvents) void this.take();
      }, EVENTS_POLL_MS);
      this.eventsTimer.unref();
    }
  }

  private scheduleInterval(): void {
    this.intervalTimer = setTimeout(() => { void this.take().finally(() => this.scheduleInterval()); }, this.config.snapshotIntervalMs);
    this.intervalTimer.unref();
  }

  /** Takes a snapshot now if there is anything new and none is being written. */
  take(): Promise<void> {
    if (this.writing !== null) return this.writing;
    if (this.ledger.failed !== null) return Promise.resolve();
    const started = performance.now();
    const no = this.ledger.cutPoint();
    // Nothing appended or replayed since the last snapshot: nothing to write.
    if (no === this.ledger.ackedNo && this.ledger.coveredStreamSeq <= this.lastSeq) return Promise.resolve();
    const id = `${this.config.bootId}-${++this.count}`;
    const events = this.events();
    // This boot's batches up to the cut point are in the state being written.
    if (no > 0) this.continuity.last.set(this.config.bootId, no);
    const cut = captureState(this.sequencer, this.continuity);
    const cutSeconds = (performance.now() - started) / 1000;
    this.metrics.snapshotCutSeconds.set(cutSeconds);
    this.eventsAtLast = events;
    this.writing = this.ledger.streamSeqOf(no).then(async (seq) => {
      if (seq === null) throw new Error(`append ${no} of the cut was not acknowledged`);
      if (seq <= this.lastSeq) return;
      const m = await writeSnapshot(this.js, this.jsm, this.config.gatewayId, id, cut, seq);
      this.lastSeq = seq;
      this.metrics.snapshotSeconds.set((performance.now() - started) / 1000);
      this.metrics.snapshotBytes.set(m.bytes);
      this.log.info({ id, ledgerStreamSeq: seq, bytes: m.bytes, chunks: m.chunks, cutSeconds, seconds: (performance.now() - started) / 1000, events },
        'snapshot written');
    }).catch((err: unknown) => {
      this.log.warn({ err: (err as Error).message }, 'snapshot failed; the next start replays more of the ledger');
    }).finally(() => { this.writing = null; });
    return this.writing;
  }

  /** Stops the timers; on a clean shutdown (everything durable) takes a last snapshot. */
  async stop(clean: boolean): Promise<void> {
    if (this.intervalTimer !== null) clearTimeout(this.intervalTimer);
    if (this.eventsTimer !== null) clearInterval(this.eventsTimer);
    if (this.writing !== null) await this.writing;
    if (clean) await this.take();
  }
}
