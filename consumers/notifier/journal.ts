// The notifier's durable memory: one JetStream subject per partition of recipients, written by the
// partition's one owner with fenced appends (the ledger's scheme, ADR 0007), plus a checkpoint
// subject holding the partition's open state now and then, so a new owner reads a short tail.
//
// Why a journal and not a row per message: at 20,000 taps/s a key-value write per notice and
// state change would cost several JetStream publishes per notice (about 50 µs of client CPU
// each). One journal message carries every plan, attempt and outcome of one dispatch turn.
//
// At most one message per (event, recipient, channel): a send starts only after the record that
// names it as attempted has landed, and a new owner treats an attempt without an outcome as
// "uncertain" (parked, never sent again). A paused old owner cannot start a send after a new
// owner has fenced the subject: its attempt record is refused by the broker. Records carry ids
// and numbers only: no names, phones, addresses or texts (docs/notifications.md).
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { DeliverPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { ensureStream, isWrongLastSequence } from '../../lib/index.js';
import type { JournalRecord, PartitionSnapshot } from './partition.js';

export const NOTIFY_STREAM = 'NOTIFY';
export const NOTIFY_SUBJECT_PREFIX = 'tapgate.notify.v1';
/** Journal records and checkpoints older than this are removed by the broker, in ms (8 days). */
export const NOTIFY_RETENTION_MS = 8 * 86_400_000;
/** Largest journal message; a dispatch turn splits its record below this, in bytes. */
export const JOURNAL_MSG_BYTES_MAX = 1024 * 1024;
/** One append attempt waits this long for the broker, in ms. */
export const JOURNAL_APPEND_TIMEOUT_MS = 5_000;

export const journalSubject = (partition: number) => `${NOTIFY_SUBJECT_PREFIX}.journal.${partition}`;
export const checkpointSubject = (partition: number) => `${NOTIFY_SUBJECT_PREFIX}.checkpoint.${partition}`;

/** Another owner appended to the partition's journal: this process must stop working it at once. */
export class JournalFenced extends Error {
  constructor(readonly partition: number) { super(`journal of partition ${partition} was taken over`); }
}

export async function ensureNotifyStream(jsm: JetStreamManager): Promise<void> {
  await ensureStream(jsm, {
    name: NOTIFY_STREAM, subjects: [`${NOTIFY_SUBJECT_PREFIX}.>`], storage: StorageType.File,
    retention: RetentionPolicy.Limits, max_age: NOTIFY_RETENTION_MS * 1_000_000, max_msg_size: JOURNAL_MSG_BYTES_MAX,
    duplicate_window: 120 * 1_000_000_000,
  });
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** The fenced writer and reader of one partition's journal. */
export class PartitionJournal {
  private lastSubjectSeq = 0;
  /** Counts this owner's appends: with the owner id it makes every record unique, so a landed retry is recognised. */
  private appendNo = 0;

  constructor(private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, readonly partition: number,
    private readonly ownerId: string) {}

  /**
   * Takes the journal over: appends an empty record after whatever is there (the fence), then
   * reads the last checkpoint and every record after it up to the fence.
   */
  async takeOver(): Promise<{ snapshot: PartitionSnapshot | null; records: JournalRecord[]; fenceSeq: number }> {
    const subject = journalSubject(this.partition);
    const last = await this.jsm.streams.getMessage(NOTIFY_STREAM, { last_by_subj: subject }).catch(() => null);
    this.lastSubjectSeq = last?.seq ?? 0;
    const fenceSeq = await this.append({ v: 1 });
    const ck = await this.jsm.streams.getMessage(NOTIFY_STREAM, { last_by_subj: checkpointSubject(this.partition) }).catch(() => null);
    const snapshot = ck === null ? null : JSON.parse(dec.decode(ck.data)) as PartitionSnapshot;
    const from = (snapshot?.journalSeq ?? 0) + 1;
    const records: JournalRecord[] = [];
    if (from < fenceSeq) {
      const consumer = await this.js.consumers.get(NOTIFY_STREAM,
        { filter_subjects: subject, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
      const iter = await consumer.consume({ max_messages: 512, expires: 2000 });
      try {
        for await (const m of iter) {
          if (m.seq >= fenceSeq) break;
          records.push(JSON.parse(dec.decode(m.data)) as JournalRecord);
        }
      } finally {
        await iter.close();
      }
      await consumer.delete().catch(() => undefined);
    }
    return { snapshot, records, fenceSeq };
  }

  /** Appends a record on top of the last one this owner wrote; throws JournalFenced when another owner wrote since. */
  async append(record: JournalRecord): Promise<number> {
    const bytes = enc.encode(JSON.stringify({ ...record, o: this.ownerId, n: ++this.appendNo }));
    for (let attempt = 0; ; attempt++) {
      try {
        const ack = await this.js.publish(journalSubject(this.partition), bytes,
          { expect: { lastSubjectSequence: this.lastSubjectSeq }, timeout: JOURNAL_APPEND_TIMEOUT_MS });
        this.lastSubjectSeq = ack.seq;
        return ack.seq;
      } catch (err) {
        // An earlier attempt of ours may have landed before its ack was lost; the record then
        // sits on top, and the journal is still ours. Anything else on top is another owner's.
        if (isWrongLastSequence(err)) {
          const last = await this.jsm.streams.getMessage(NOTIFY_STREAM, { last_by_subj: journalSubject(this.partition) });
          if (last !== null && Buffer.compare(Buffer.from(last.data), Buffer.from(bytes)) === 0) {
            this.lastSubjectSeq = last.seq;
            return last.seq;
          }
          throw new JournalFenced(this.partition);
        }
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  /** Writes the partition's state as of journal seq `snapshot.journalSeq` (not fenced: any prefix of the journal is a valid start). */
  async checkpoint(snapshot: PartitionSnapshot): Promise<void> {
    await this.js.publish(checkpointSubject(this.partition), enc.encode(JSON.stringify(snapshot)), { timeout: JOURNAL_APPEND_TIMEOUT_MS });
  }
}

