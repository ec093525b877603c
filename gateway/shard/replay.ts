// Rebuilds the sequencer's state at start by reading this gateway's ledger subject from the
// beginning up to the last message present when the replay began. The device port opens only
// after this, so no tap is decided on partial state.
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { DeliverPolicy } from '@nats-io/jetstream';
import { tapgate } from '../../core/proto.js';
import { LEDGER_STREAM, ledgerSubject } from '../../lib/index.js';
import { lastLedgerMessage } from './ledger.js';
import type { Sequencer } from './sequencer.js';

const { LedgerBatch } = tapgate.events.v1;

/**
 * Bytes the replay keeps requested from the server, at most: more is pulled only as messages are
 * applied, so a big ledger never piles up in the connection (a consume bounded by message count
 * alone, 512 messages of up to 1 MiB, overran the server's 64 MiB pending limit for the
 * connection: "Slow Consumer Detected", and the lease starved).
 */
export const REPLAY_FETCH_BYTES = 8 * 1024 * 1024;
/** The replay yields to the event loop after this much work, in ms, so lease renewals and pings run. */
export const REPLAY_SLICE_MS = 20;
/** How long each pull request of the replay's consumer lives before it is renewed, in ms. */
const REPLAY_FETCH_EXPIRES_MS = 5000;

export interface ReplayStats { readonly messages: number; readonly events: number; readonly seconds: number; readonly skippedBatches: number }

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * Which ledger batches of each gateway boot are trustworthy. A boot numbers its batches 1, 2, 3...
 * and answers nobody until a batch and all before it are acknowledged; so if batch N of a boot is
 * missing (lost in a reconnect while N+1 was stored, and the boot then stopped on N's failure),
 * nothing from N on was ever acknowledged, and replaying N+1 would apply decisions computed on
 * top of the lost one. Replay skips every batch of a boot after its first gap.
 */
export class LedgerContinuity {
  readonly last = new Map<string, number>();
  readonly broken = new Set<string>();

  /** True when the batch continues its boot without a gap (and records it). */
  accept(bootId: string, batchNo: number): boolean {
    if (this.broken.has(bootId)) return false;
    if (batchNo !== (this.last.get(bootId) ?? 0) + 1) {
      this.broken.add(bootId);
      return false;
    }
    this.last.set(bootId, batchNo);
    return true;
  }

  toSnapshot(): { last: Array<[string, number]>; broken: string[] } {
    return { last: [...this.last], broken: [...this.broken] };
  }

  loadSnapshot(snap: { last: Array<[string, number]>; broken: string[] } | undefined): void {
    this.last.clear();
    this.broken.clear();
    for (const [boot, no] of snap?.last ?? []) this.last.set(boot, no);
    for (const boot of snap?.broken ?? []) this.broken.add(boot);
  }
}

/**
 * Replays this gateway's ledger messages after stream seq `afterSeq` (0: from the beginning, or
 * the seq a snapshot covers) up to the last one present now, in bounded pulls, yielding to the
 * event loop every REPLAY_SLICE_MS. Returns `lastSubjectSeq`, the stream seq of the subject's
 * last message (0 when the subject is empty): the ledger writer's first expectation.
 */
export async function replayLedger(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, sequencer: Sequencer, continuity: LedgerContinuity,
  afterSeq = 0): Promise<ReplayStats & { lastSeq: number; lastSubjectSeq: number }> {
  const started = performance.now();
  const subject = ledgerSubject(gatewayId);
  const lastSubjectSeq = (await lastLedgerMessage(jsm)(subject))?.seq ?? 0;
  let messages = 0;
  let events = 0;
  let skippedBatches = 0;
  if (lastSubjectSeq > afterSeq) {
    // A single subject as a string becomes filter_subject: nats-server 2.9 (Debian's) refuses filter_subjects lists.
    const consumer = await js.consumers.get(LEDGER_STREAM, afterSeq === 0
      ? { filter_subjects: subject, deliver_policy: DeliverPolicy.All }
      : { filter_subjects: subject, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
    // A continuous pull that keeps at most REPLAY_FETCH_BYTES requested from the server: it asks
    // for more only as we process what arrived.
    const iter = await consumer.consume({ max_bytes: REPLAY_FETCH_BYTES, expires: REPLAY_FETCH_EXPIRES_MS });
    let sliceStart = performance.now();
    try {
      for await (const m of iter) {
        const b = LedgerBatch.decode(m.data);
        if (continuity.accept(b.bootId, Number(b.batchNo))) events += sequencer.replay(b);
        else skippedBatches++;
        messages++;
        if (m.seq >= lastSubjectSeq) break;
        if (performance.now() - sliceStart >= REPLAY_SLICE_MS) { await yieldToLoop(); sliceStart = performance.now(); }
      }
    } finally {
      await iter.close();
    }
    await consumer.delete().catch(() => undefined);
  }
  return { messages, events, skippedBatches, seconds: (performance.now() - started) / 1000,
    lastSeq: Math.max(lastSubjectSeq, afterSeq), lastSubjectSeq };
}
