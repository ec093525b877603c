// One partition's outbox state: every notice planned and not yet finished, the ledger position
// planned up to, and the digests already planned. It changes only through apply(record), for a
// record that has landed in the journal, and replay after a takeover goes through the same
// apply: so the state after a restart is the state the journal describes, never more.
//
// A notice's life: queued (maybe not before a time: quiet hours, a held exit) -> sending (the
// journal named it as attempted; the send starts once that record landed) -> sent, or retry
// (a temporary failure: queued again with a later time), or failed (a permanent refusal, or
// too many attempts: parked in the dead letter), or gone (push subscription removed). An
// attempt found without an outcome at takeover becomes uncertain (parked, never sent again:
// at most one message per event, recipient and channel). Collapsed and skipped notices were
// never sent on purpose (an exit and re-entry; a notice too late to send).
import type { NotificationChannel } from '../../core/index.js';
import type { NoticeType } from '../../core/index.js';

/** Values a template may use besides names: ids and numbers only (names are resolved at send time). */
export type NoticeParams = Readonly<Record<string, string | number | boolean | ReadonlyArray<Readonly<Record<string, string | number>>>>>;

export interface Notice {
  readonly key: string;
  readonly type: NoticeType;
  readonly channel: NotificationChannel;
  readonly guardianId: string;
  readonly personId: string;
  readonly schoolId: string;
  /** When it happened (the device's time for a tap, the gateway's otherwise), ms since the epoch. */
  readonly eventTimeMs: number;
  readonly plannedAtMs: number;
  /** Not sent before this instant (quiet hours, a held exit). */
  readonly notBeforeMs: number;
  readonly late: boolean;
  /** Where in the ledger it comes from (stream seq), 0 for digests. */
  readonly ledgerSeq: number;
  readonly params: NoticeParams;
}

export const FINAL_STATUSES = ['sent', 'failed', 'gone', 'uncertain', 'collapsed', 'skipped'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];
export type EntryStatus = 'queued' | 'sending' | FinalStatus;

export interface Outcome {
  readonly key: string;
  readonly status: FinalStatus | 'retry';
  readonly atMs: number;
  readonly code?: string;
  /** For retry: when to try again. */
  readonly nextAtMs?: number;
  readonly providerId?: string;
  /** For collapsed notices: the child, so that a collapse whose exit already went can be undone as a pair. */
  readonly personId?: string;
}

/** What one journal message says. Every field is optional; `{ v: 1 }` alone is a fence. */
export interface JournalRecord {
  readonly v: 1;
  /** Every ledger message up to this stream seq has been planned for this partition. */
  readonly ledgerSeq?: number;
  readonly planned?: readonly Notice[];
  /** Outcomes of earlier attempts (and collapsed or skipped notices), applied before `attempts`. */
  readonly outcomes?: readonly Outcome[];
  /** Keys of notices sent once this record has landed. */
  readonly attempts?: readonly string[];
  /** Digests planned: school id -> the local day (days since 1970-01-01) of the last daily digest planned. */
  readonly digests?: Readonly<Record<string, number>>;
}

export interface Entry {
  readonly notice: Notice;
  status: EntryStatus;
  attempts: number;
  /** Not tried before this instant (notBefore, then retry times). */
  dueAtMs: number;
  lastCode: string;
}

/** The open state written as a checkpoint: valid as of `journalSeq`. */
export interface PartitionSnapshot {
  readonly v: 1;
  readonly partition: number;
  readonly journalSeq: number;
  readonly ledgerSeq: number;
  readonly entries: ReadonlyArray<{ readonly notice: Notice; readonly status: 'queued' | 'sending'; readonly attempts: number;
    readonly dueAtMs: number; readonly lastCode: string }>;
  readonly digests: Readonly<Record<string, number>>;
}

/** A finished notice, for the delivery log and metrics. */
export interface Finished { readonly entry: Entry; readonly outcome: Outcome }

export class PartitionState {
  /** Open notices (queued or sending), by key. Finished ones are dropped once their outcome is applied. */
  readonly open = new Map<string, Entry>();
  ledgerSeq = 0;
  journalSeq = 0;
  readonly digests = new Map<string, number>();
  /** Held exits by child: the keys of their notices, to collapse them with a quick re-entry. */
  readonly heldExits = new Map<string, Set<string>>();

  constructor(readonly partition: number) {}

  static fromSnapshot(s: PartitionSnapshot): PartitionState {
    const st = new PartitionState(s.partition);
    st.ledgerSeq = s.ledgerSeq;
    st.journalSeq = s.journalSeq;
    for (const [k, v] of Object.entries(s.digests)) st.digests.set(k, v);
    for (const e of s.entries) st.add({ notice: e.notice, status: e.status, attempts: e.attempts, dueAtMs: e.dueAtMs, lastCode: e.lastCode });
    return st;
  }

  snapshot(): PartitionSnapshot {
    const entries = [...this.open.values()].map((e) => ({ notice: e.notice, status: e.status as 'queued' | 'sending', attempts: e.attempts,
      dueAtMs: e.dueAtMs, lastCode: e.lastCode }));
    return { v: 1, partition: this.partition, journalSeq: this.journalSeq, ledgerSeq: this.ledgerSeq, entries,
      digests: Object.fromEntries(this.digests) };
  }

  /**
   * Applies a landed record (live or replayed) and returns the notices it finished. Order within
   * a record: plans, outcomes, attempts, so one record can plan a notice and attempt it.
   */
  apply(r: JournalRecord, journalSeq: number): Finished[] {
    const finished: Finished[] = [];
    for (const n of r.planned ?? []) {
      if (!this.open.has(n.key)) this.add({ notice: n, status: 'queued', attempts: 0, dueAtMs: n.notBeforeMs, lastCode: '' });
    }
    for (const o of r.outcomes ?? []) {
      const e = this.open.get(o.key);
      if (e === undefined) continue;
      if (o.status === 'retry') {
        e.status = 'queued';
        e.dueAtMs = o.nextAtMs ?? o.atMs;
        e.lastCode = o.code ?? '';
        continue;
      }
      // A notice being sent ends only with its send's outcome (worker.ts never asks otherwise).
      if (e.status === 'sending' && (o.status === 'collapsed' || o.status === 'skipped')) continue;
      e.status = o.status;
      e.lastCode = o.code ?? '';
      this.remove(e);
      finished.push({ entry: e, outcome: o });
    }
    for (const key of r.attempts ?? []) {
      const e = this.open.get(key);
      if (e === undefined || e.status !== 'queued') continue;
      e.status = 'sending';
      e.attempts++;
    }
    if (r.ledgerSeq !== undefined && r.ledgerSeq > this.ledgerSeq) this.ledgerSeq = r.ledgerSeq;
    for (const [k, v] of Object.entries(r.digests ?? {})) this.digests.set(k, Math.max(v, this.digests.get(k) ?? 0));
    this.journalSeq = journalSeq;
    return finished;
  }

  private add(e: Entry): void {
    this.open.set(e.notice.key, e);
    if (e.notice.type === 'exit' && e.status === 'queued') {
      let set = this.heldExits.get(e.notice.personId);
      if (set === undefined) { set = new Set(); this.heldExits.set(e.notice.personId, set); }
      set.add(e.notice.key);
    }
  }

  private remove(e: Entry): void {
    this.open.delete(e.notice.key);
    const set = this.heldExits.get(e.notice.personId);
    if (set !== undefined) {
      set.delete(e.notice.key);
      if (set.size === 0) this.heldExits.delete(e.notice.personId);
    }
  }

  /** Held exit notices of this child at this school that happened from `sinceMs` to `untilMs` (event time). */
  heldExitKeys(personId: string, schoolId: string, sinceMs: number, untilMs: number): string[] {
    const out: string[] = [];
    for (const key of this.heldExits.get(personId) ?? []) {
      const e = this.open.get(key);
      const t = e?.notice.eventTimeMs ?? 0;
      if (e !== undefined && e.status === 'queued' && e.notice.schoolId === schoolId && t >= sinceMs && t <= untilMs) out.push(key);
    }
    return out;
  }

  /** Attempts without an outcome: after a takeover they are uncertain (the old owner may have sent them). */
  unfinishedAttempts(): string[] {
    return [...this.open.values()].filter((e) => e.status === 'sending').map((e) => e.notice.key);
  }
}
