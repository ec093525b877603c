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

export async function replayLedger(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, sequencer: Sequencer): Promise<ReplayStats> {
  const started = performance.now();
  const subject = ledgerSubject(gatewayId);
  const info = await jsm.streams.info(LEDGER_STREAM, { subjects_filter: subject });
  const total = info.state.subjects?.[subject] ?? 0;
  let messages = 0;
  let events = 0;
  if (total > 0) {
    // A single subject as a string becomes filter_subject: nats-server 2.9 (Debian's) refuses filter_subjects lists.
    const consumer = await js.consumers.get(LEDGER_STREAM, { filter_subjects: subject, deliver_policy: DeliverPolicy.All });
    const iter = await consumer.consume({ max_messages: REPLAY_FETCH_MESSAGES });
    for await (const m of iter) {
      events += sequencer.replay(LedgerBatch.decode(m.data));
      messages++;
      if (messages >= total) break;
    }
    await iter.close();
    await consumer.delete().catch(() => undefined);
  }
  return { messages, events, seconds: (performance.now() - started) / 1000 };
}
