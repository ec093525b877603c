// Works one partition that this process owns: each turn it gathers what happened since the last
// turn (new plans from the ledger, outcomes of finished sends) and the notices now due, writes
// all of it as one journal record, applies the record once it has landed, and only then starts
// the sends the record names. One record in flight per partition, so the state always equals the
// journal up to the last record.
//
// A provider that fails never holds the others: each channel has its own in-flight limit, a
// failed send is rescheduled with backoff and jitter (its entry is queued again, not retried in
// a loop), and a notice that keeps failing is parked as failed (the dead letter).
import type { NotificationChannel } from '../../core/index.js';
import type { Logger } from '../../lib/index.js';
import { JournalFenced, type PartitionJournal } from './journal.js';
import type { Entry, Finished, JournalRecord, Notice, Outcome, PartitionState } from './partition.js';
import { DueHeap } from './due-heap.js';
import { COLLAPSED_ENTRY, COLLAPSED_EXIT } from './plan.js';

/**
 * Most notices planned, outcomes and sends started in one journal record: a planned notice is
 * about 450 bytes of JSON, an outcome about 100, an attempt 35, so a record stays near 600 KB,
 * under the journal's 1 MiB message size.
 */
export const RECORD_PLANS_MAX = 800;
/** Planned notices' estimated JSON bytes per record (a purchase's items make a notice bigger). */
export const RECORD_PLAN_BYTES_MAX = 600_000;
export const RECORD_OUTCOMES_MAX = 2000;
export const RECORD_ATTEMPTS_MAX = 1000;
/** A turn runs at least this often while anything is queued, in ms. */
export const TURN_INTERVAL_MS = 20;
/** Backoff of a retried send: doubles from min to max, times a random factor from 0.5 to 1.5. */
export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 10 * 60_000;
/** A notice is parked as failed after this many attempts (with the backoff above: about two hours). */
export const ATTEMPTS_MAX = 20;
/** ... or when it is still not sent this long after it was planned, in ms (one day). */
export const SEND_WINDOW_MS = 86_400_000;
/** A checkpoint of the open state is written after this many journal records, or this long. */
export const CHECKPOINT_RECORDS = 500;
export const CHECKPOINT_INTERVAL_MS = 30_000;

/** Makes one send of a notice: resolves names and addresses, renders, calls the channel's provider. */
export type SendFn = (notice: Notice, attempt: number) => Promise<Outcome>;

export interface WorkerHooks {
  /** Notices finished by a landed record (sent, failed, skipped ...), for the delivery log and metrics. */
  onFinished(partition: number, finished: readonly Finished[], planned: readonly Notice[]): void;
  /** The partition can no longer be worked here (fenced, or its journal failed): the owner releases it. */
  onLost(partition: number, err: unknown): void;
}

/** A pending chunk of plans from one ledger message. */
interface PlanChunk { readonly ledgerSeq: number; readonly planned: readonly Notice[]; readonly outcomes: readonly Outcome[] }

/** A notice's JSON size, estimated: about 450 bytes, plus about 70 per purchase item. */
function noticeBytes(n: Notice): number {
  const items = n.params['items'];
  return 450 + (Array.isArray(items) ? items.length * 70 : 0);
}

function planBytes(planned: readonly Notice[]): number {
  let sum = 0;
  for (const n of planned) sum += noticeBytes(n);
  return sum;
}

/** Plans cut into pieces that each fit one record. */
export function splitPlans(planned: readonly Notice[]): Notice[][] {
  const pieces: Notice[][] = [[]];
  let bytes = 0;
  for (const n of planned) {
    const b = noticeBytes(n);
    const cur = pieces[pieces.length - 1]!;
    if (cur.length > 0 && (cur.length >= RECORD_PLANS_MAX || bytes + b > RECORD_PLAN_BYTES_MAX)) { pieces.push([n]); bytes = b; continue; }
    cur.push(n);
    bytes += b;
  }
  return pieces;
}

/**
 * A re-entry collapses a held exit only while that exit is still queued. When the exit has been
 * attempted or finished since the plan was made (the plan was made while the record attempting it
 * was being written), the parents heard "left": the pair's collapse is dropped, so the re-entry is
 * sent too. Works on the outcomes of the record being built, in place.
 */
export function undoBrokenCollapses(state: PartitionState, planned: readonly Notice[], outcomes: Outcome[]): void {
  const newKeys = new Set(planned.map((n) => n.key));
  const broken = new Set<string>();
  for (const o of outcomes) {
    if (o.code !== COLLAPSED_EXIT || o.personId === undefined) continue;
    const e = state.open.get(o.key);
    if (!newKeys.has(o.key) && (e === undefined || e.status !== 'queued')) broken.add(o.personId);
  }
  if (broken.size === 0) return;
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i]!;
    if ((o.code === COLLAPSED_EXIT || o.code === COLLAPSED_ENTRY) && o.personId !== undefined && broken.has(o.personId)) outcomes.splice(i, 1);
  }
}

export function retryDelayMs(attempts: number, random = Math.random()): number {
  return Math.round(Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(attempts - 1, 20)) * (0.5 + random));
}

export class PartitionWorker {
  private readonly chunks: PlanChunk[] = [];
  /** Exit notices in `chunks`, by child. */
  private readonly pendingExits = new Map<string, Notice[]>();
  private plannedPending = 0;
  private readonly outcomes: Outcome[] = [];
  private digests: Record<string, number> = {};
  /** Queued notices by channel, earliest due first. */
  private readonly due = new Map<NotificationChannel, DueHeap>();
  private readonly inFlight = new Map<NotificationChannel, number>();
  private readonly sends = new Set<Promise<void>>();
  private running = true;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private recordsSinceCheckpoint = 0;
  private checkpointAtMs = Date.now();
  /** The ledger seq of the last chunk handed to this worker (planned or pending). */
  queuedLedgerSeq: number;

  constructor(
    readonly state: PartitionState,
    private readonly journal: Pick<PartitionJournal, 'append' | 'checkpoint'>,
    private readonly send: SendFn,
    private readonly limits: { readonly inFlightPerChannel: number },
    private readonly hooks: WorkerHooks,
    private readonly log: Logger,
  ) {
    this.queuedLedgerSeq = state.ledgerSeq;
    for (const e of state.open.values()) if (e.status === 'queued') this.queue(e);
  }

  get partition(): number { return this.state.partition; }
  /** Plans waiting for the journal: the reader holds back when this grows. */
  get backlog(): number { return this.plannedPending; }

  start(): void { this.loop = this.run(); }

  /** Hands over the plans of one ledger message (possibly none: the position still advances). */
  addPlans(ledgerSeq: number, planned: readonly Notice[], outcomes: readonly Outcome[]): void {
    if (ledgerSeq <= this.queuedLedgerSeq) return;
    this.queuedLedgerSeq = ledgerSeq;
    // A message with more plans than a record holds is split; only the last piece carries the
    // position and the outcomes (which may name notices of every piece).
    const pieces = splitPlans(planned);
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      this.chunks.push({ ledgerSeq: last ? ledgerSeq : 0, planned: piece, outcomes: last ? outcomes : [] });
    });
    this.indexExits(planned, true);
    this.plannedPending += planned.length;
    this.poke();
  }

  /** Outcomes decided outside a send (uncertain attempts found at takeover). */
  addOutcomes(outcomes: readonly Outcome[]): void {
    this.outcomes.push(...outcomes);
    this.poke();
  }

  /** Records that digests were planned (with their notices in the next record). */
  addDigests(planned: readonly Notice[], marks: Readonly<Record<string, number>>): void {
    this.chunks.push({ ledgerSeq: 0, planned, outcomes: [] });
    this.plannedPending += planned.length;
    this.digests = { ...this.digests, ...marks };
    this.poke();
  }

  /** The last local day whose digests were planned for a school, journaled or pending. */
  digestMark(schoolId: string): number {
    return Math.max(this.state.digests.get(schoolId) ?? -1, this.digests[schoolId] ?? -1);
  }

  /** Held exits of a child among plans not yet journaled (for collapsing a quick re-entry). */
  pendingExitKeys(personId: string, schoolId: string, sinceMs: number, untilMs: number): string[] {
    const out: string[] = [];
    for (const n of this.pendingExits.get(personId) ?? []) {
      if (n.schoolId === schoolId && n.eventTimeMs >= sinceMs && n.eventTimeMs <= untilMs) out.push(n.key);
    }
    return out;
  }

  /** Keeps the index of exits waiting in chunks (a lookup per entry must not scan the backlog). */
  private indexExits(planned: readonly Notice[], add: boolean): void {
    for (const n of planned) {
      if (n.type !== 'exit') continue;
      const list = this.pendingExits.get(n.personId) ?? [];
      if (add) {
        list.push(n);
        this.pendingExits.set(n.personId, list);
      } else {
        const i = list.indexOf(n);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.pendingExits.delete(n.personId);
      }
    }
  }

  /** Stops after the sends in flight have finished and their outcomes are journaled (within graceMs). */
  async stop(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    this.running = false;
    this.poke();
    await this.loop;
    while (this.sends.size > 0 && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([...this.sends, new Promise<void>((r) => { timer = setTimeout(r, deadline - Date.now()); })]);
      clearTimeout(timer);
    }
    if (this.outcomes.length > 0) {
      try { await this.commit({ v: 1, outcomes: this.outcomes.splice(0) }); } catch { /* the next owner finds them uncertain */ }
    }
  }

  /** Stops at once, writing nothing more (the partition was taken over). */
  abandon(): void {
    this.running = false;
    this.poke();
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const record = this.nextRecord(Date.now());
      if (record === null) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          const next = this.nextDueAtMs();
          const waitMs = next === null ? 1000 : Math.max(TURN_INTERVAL_MS, next - Date.now());
          timer = setTimeout(() => this.poke(), Math.min(waitMs, 1000));
        });
        clearTimeout(timer);
        continue;
      }
      try {
        await this.commit(record);
      } catch (err) {
        this.running = false;
        this.hooks.onLost(this.partition, err);
        if (!(err instanceof JournalFenced)) this.log.error({ partition: this.partition, err: String(err) }, 'notify journal append failed');
        return;
      }
      for (const key of record.attempts ?? []) this.startSend(key);
      if (this.chunks.length === 0 && this.outcomes.length === 0) await sleep(TURN_INTERVAL_MS);
    }
  }

  /** Appends a record, applies it, reports what it finished and checkpoints when due. */
  private async commit(record: JournalRecord): Promise<void> {
    const seq = await this.journal.append(record);
    const finished = this.state.apply(record, seq);
    for (const n of record.planned ?? []) {
      const e = this.state.open.get(n.key);
      if (e !== undefined && e.status === 'queued') this.queue(e);
    }
    for (const o of record.outcomes ?? []) {
      const e = this.state.open.get(o.key);
      if (o.status === 'retry' && e !== undefined) this.queue(e);
    }
    this.hooks.onFinished(this.partition, finished, record.planned ?? []);
    this.recordsSinceCheckpoint++;
    if (this.recordsSinceCheckpoint >= CHECKPOINT_RECORDS || Date.now() - this.checkpointAtMs >= CHECKPOINT_INTERVAL_MS) {
      this.recordsSinceCheckpoint = 0;
      this.checkpointAtMs = Date.now();
      await this.journal.checkpoint(this.state.snapshot()).catch((err: unknown) =>
        this.log.warn({ partition: this.partition, err: String(err) }, 'notify checkpoint failed; the next takeover reads a longer journal'));
    }
  }

  /** What the next record says, or null when there is nothing to write. */
  private nextRecord(nowMs: number): JournalRecord | null {
    const planned: Notice[] = [];
    const outcomes: Outcome[] = this.outcomes.splice(0, RECORD_OUTCOMES_MAX);
    let ledgerSeq = 0;
    let bytes = 0;
    while (this.chunks.length > 0 && (planned.length === 0 || (planned.length + this.chunks[0]!.planned.length <= RECORD_PLANS_MAX
      && bytes + planBytes(this.chunks[0]!.planned) <= RECORD_PLAN_BYTES_MAX))) {
      const c = this.chunks.shift()!;
      this.indexExits(c.planned, false);
      bytes += planBytes(c.planned);
      planned.push(...c.planned);
      outcomes.push(...c.outcomes);
      this.plannedPending -= c.planned.length;
      if (c.ledgerSeq > 0) ledgerSeq = c.ledgerSeq;
    }
    undoBrokenCollapses(this.state, planned, outcomes);
    const attempts = this.dueAttempts(nowMs, planned, outcomes);
    const hasDigests = Object.keys(this.digests).length > 0;
    if (planned.length === 0 && outcomes.length === 0 && attempts.length === 0 && ledgerSeq === 0 && !hasDigests) return null;
    const record: JournalRecord = { v: 1, ...(ledgerSeq > 0 ? { ledgerSeq } : {}), ...(planned.length > 0 ? { planned } : {}),
      ...(outcomes.length > 0 ? { outcomes } : {}), ...(attempts.length > 0 ? { attempts } : {}), ...(hasDigests ? { digests: this.digests } : {}) };
    this.digests = {};
    return record;
  }

  /** Keys to send now: due queued entries, and new plans due at once, within each channel's in-flight limit. */
  private dueAttempts(nowMs: number, planned: readonly Notice[], outcomes: readonly Outcome[]): string[] {
    const attempts: string[] = [];
    const taken = new Map<NotificationChannel, number>();
    const room = (ch: NotificationChannel) => this.limits.inFlightPerChannel - (this.inFlight.get(ch) ?? 0) - (taken.get(ch) ?? 0);
    const take = (ch: NotificationChannel, key: string) => { attempts.push(key); taken.set(ch, (taken.get(ch) ?? 0) + 1); };
    const closing = new Set(outcomes.map((o) => o.key));
    // One heap per channel: a full channel is not looked at, so its queue costs nothing per turn.
    for (const [ch, heap] of this.due) {
      while (attempts.length < RECORD_ATTEMPTS_MAX && room(ch) > 0) {
        const top = heap.peek();
        if (top === undefined || top.at > nowMs) break;
        heap.pop();
        const e: Entry | undefined = this.state.open.get(top.key);
        if (e === undefined || e.status !== 'queued' || e.dueAtMs !== top.at || closing.has(top.key)) continue;
        take(ch, top.key);
      }
    }
    for (const n of planned) {
      if (closing.has(n.key) || n.notBeforeMs > nowMs || attempts.length >= RECORD_ATTEMPTS_MAX || room(n.channel) <= 0) continue;
      if (this.state.open.has(n.key)) continue;
      take(n.channel, n.key);
    }
    return attempts;
  }

  private queue(e: Entry): void {
    let heap = this.due.get(e.notice.channel);
    if (heap === undefined) { heap = new DueHeap(); this.due.set(e.notice.channel, heap); }
    heap.push(e.dueAtMs, e.notice.key);
  }

  /** The earliest due time of any queued notice (maybe stale: the entry may have moved on), or null. */
  private nextDueAtMs(): number | null {
    let next: number | null = null;
    for (const heap of this.due.values()) {
      const top = heap.peek();
      if (top !== undefined && (next === null || top.at < next)) next = top.at;
    }
    return next;
  }

  private startSend(key: string): void {
    const e = this.state.open.get(key);
    if (e === undefined || e.status !== 'sending') return;
    const ch = e.notice.channel;
    this.inFlight.set(ch, (this.inFlight.get(ch) ?? 0) + 1);
    const p = this.send(e.notice, e.attempts).catch((err: unknown): Outcome => {
      this.log.error({ partition: this.partition, channel: ch, err: String(err) }, 'notice send threw; parked');
      return { key, status: 'failed', atMs: Date.now(), code: 'SEND_THREW' };
    }).then((o) => {
      this.outcomes.push(this.finalise(e, o));
    }).finally(() => {
      this.inFlight.set(ch, (this.inFlight.get(ch) ?? 1) - 1);
      this.sends.delete(p);
      this.poke();
    });
    this.sends.add(p);
  }

  /** A retry past the attempt or time limit becomes a parked failure; otherwise it gets its next time. */
  private finalise(e: Entry, o: Outcome): Outcome {
    if (o.status !== 'retry') return o;
    const now = Date.now();
    if (e.attempts >= ATTEMPTS_MAX || now - e.notice.plannedAtMs >= SEND_WINDOW_MS) {
      return { key: o.key, status: 'failed', atMs: now, code: `${o.code ?? 'RETRY'}_GAVE_UP` };
    }
    return { ...o, nextAtMs: Math.max(o.nextAtMs ?? 0, now + retryDelayMs(e.attempts)) };
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
