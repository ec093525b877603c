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

export interface ReplayStats { readonly messages: number; readonly events: number; readonly seconds: number }

/**
 * Replays this gateway's ledger messages after stream seq `afterSeq` (0: from the beginning, or
 * the seq a snapshot covers) up to the last one present now. Returns the last seq replayed.
 */
export async function replayLedger(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, sequencer: Sequencer, afterSeq = 0): Promise<ReplayStats & { lastSeq: number }> {
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
  if (lastSeq > afterSeq) {
    // A single subject as a string becomes filter_subject: nats-server 2.9 (Debian's) refuses filter_subjects lists.
    const consumer = await js.consumers.get(LEDGER_STREAM, afterSeq === 0
      ? { filter_subjects: subject, deliver_policy: DeliverPolicy.All }
      : { filter_subjects: subject, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
    const iter = await consumer.consume({ max_messages: REPLAY_FETCH_MESSAGES });
    for await (const m of iter) {
      events += sequencer.replay(LedgerBatch.decode(m.data));
      messages++;
      if (m.seq >= lastSeq) break;
    }
    await iter.close();
    await consumer.delete().catch(() => undefined);
  }
  return { messages, events, seconds: (performance.now() - started) / 1000, lastSeq: Math.max(lastSeq, afterSeq) };
}
