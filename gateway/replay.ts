// Rebuilds the sequencer's state at start by reading this gateway's ledger subject from the
// beginning up to the last message present when the replay began. The device port opens only
// after this, so no tap is decided on partial state.
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { DeliverPolicy } from '@nats-io/jetstream';
import { tapgate } from '../core/proto.js';
import { LEDGER_STREAM, ledgerSubject } from '../lib/index.js';
import type { Sequencer } from './sequencer.js';

const { LedgerBatch } = tapgate.events.v1;

/** Messages fetched per pull during the replay. */
export const REPLAY_FETCH_MESSAGES = 512;

export interface ReplayStats { readonly messages: number; readonly events: number; readonly seconds: number; readonly skippedBatches: number }

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
 * the seq a snapshot covers) up to the last one present now. Returns the last seq replayed.
 */
export async function replayLedger(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, sequencer: Sequencer, continuity: LedgerContinuity,
  afterSeq = 0): Promise<ReplayStats & { lastSeq: number }> {
  const started = performance.now();
  const subject = ledgerSubject(gatewayId);
  let lastSeq = afterSeq;
  try {
    lastSeq = (await jsm.streams.getMessage(LEDGER_STREAM, { last_by_subj: subject }))?.seq ?? afterSeq;
  } catch (err) {
    if (!/no message found/i.test(String((err as Error).message))) throw err;
  }
  let messages = 0;
  let events = 0;
  let skippedBatches = 0;
  if (lastSeq > afterSeq) {
    // A single subject as a string becomes filter_subject: nats-server 2.9 (Debian's) refuses filter_subjects lists.
    const consumer = await js.consumers.get(LEDGER_STREAM, afterSeq === 0
      ? { filter_subjects: subject, deliver_policy: DeliverPolicy.All }
      : { filter_subjects: subject, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
    const iter = await consumer.consume({ max_messages: REPLAY_FETCH_MESSAGES });
    for await (const m of iter) {
      const batch = LedgerBatch.decode(m.data);
      if (continuity.accept(batch.bootId, Number(batch.batchNo))) events += sequencer.replay(batch);
      else skippedBatches++;
      messages++;
      if (m.seq >= lastSeq) break;
    }
    await iter.close();
    await consumer.delete().catch(() => undefined);
  }
  return { messages, events, skippedBatches, seconds: (performance.now() - started) / 1000, lastSeq: Math.max(lastSeq, afterSeq) };
}
