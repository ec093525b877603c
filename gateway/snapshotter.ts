// When to take snapshots: every TAPGATE_SNAPSHOT_INTERVAL_MS, at a moment when all decisions in
// memory are durable (the ledger writer is idle), and once more at a graceful shutdown. Each
// snapshot's cut is taken in one event-loop turn (captureState), so it is consistent; it is then
// serialised and compressed without holding the event loop (ADR 0013).
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from '../lib/index.js';
import type { GatewayConfig } from './config.js';
import type { LedgerWriter } from './ledger.js';
import type { GatewayMetrics } from './metrics.js';
import type { Sequencer } from './sequencer.js';
import type { LedgerContinuity } from './replay.js';
import { captureState, writeSnapshot } from './snapshot.js';

/** How often to look for an idle moment once a snapshot is due, in ms. */
const IDLE_POLL_MS = 20;

export class Snapshotter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private count = 0;

  constructor(
    private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, private readonly config: GatewayConfig,
    private readonly sequencer: Sequencer, private readonly ledger: LedgerWriter, private readonly metrics: GatewayMetrics,
    private readonly log: Logger, private lastSeq: number, private readonly continuity: LedgerContinuity,
  ) {
    if (config.snapshotIntervalMs > 0) this.schedule(config.snapshotIntervalMs);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  private tick(): void {
    if (this.ledger.failed !== null) return;
    if (!this.ledger.idle || this.writing !== null) return this.schedule(IDLE_POLL_MS);
    void this.take().finally(() => this.schedule(this.config.snapshotIntervalMs));
  }

  /** Takes a snapshot now if there is anything new and every decision is durable. */
  take(): Promise<void> {
    const seq = this.ledger.coveredStreamSeq;
    if (seq <= this.lastSeq || !this.ledger.idle || this.ledger.failed !== null) return Promise.resolve();
    const started = performance.now();
    const id = `${this.config.bootId}-${++this.count}`;
    // This boot's batches up to the last acknowledged one are in the state being written.
    if (this.ledger.ackedNo > 0) this.continuity.last.set(this.config.bootId, this.ledger.ackedNo);
    const cut = captureState(this.sequencer, this.continuity);
    const cutSeconds = (performance.now() - started) / 1000;
    this.metrics.snapshotCutSeconds.set(cutSeconds);
    this.writing = writeSnapshot(this.js, this.jsm, this.config.gatewayId, id, cut, seq).then((m) => {
      this.lastSeq = seq;
      this.metrics.snapshotSeconds.set((performance.now() - started) / 1000);
      this.metrics.snapshotBytes.set(m.bytes);
      this.log.info({ id, ledgerStreamSeq: seq, bytes: m.bytes, chunks: m.chunks, cutSeconds }, 'snapshot written');
    }, (err: unknown) => {
      this.log.warn({ err: (err as Error).message }, 'snapshot failed; the next start replays more of the ledger');
    }).finally(() => { this.writing = null; });
    return this.writing;
  }

  /** Stops the timer; on a clean shutdown (everything durable) takes a last snapshot. */
  async stop(clean: boolean): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.writing !== null) await this.writing;
    if (clean) await this.take();
  }
}
