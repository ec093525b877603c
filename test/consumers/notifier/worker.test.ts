// The partition worker (consumers/notifier/worker.ts) in process, with a fake journal at its port
// (a list of records, an append that can be held or fenced) and a fake send: a send starts only
// after the record naming it landed, retries come back with backoff and are parked after
// ATTEMPTS_MAX, one slow provider does not hold another channel, a fenced journal stops the
// partition, stop() journals what was in flight, and a notice waits for its notBeforeMs.
// Each test waits for what the fakes report (an event emitter), never for a bare sleep.
import { EventEmitter } from 'node:events';
import t, { type Test } from 'tap';
import { createLogger } from '../../../lib/index.js';
import { JournalFenced } from '../../../consumers/notifier/journal.js';
import {
  PartitionState, type Finished, type JournalRecord, type Notice, type Outcome, type PartitionSnapshot,
} from '../../../consumers/notifier/partition.js';
import {
  ATTEMPTS_MAX, PartitionWorker, RECORD_PLAN_BYTES_MAX, RECORD_PLANS_MAX, retryDelayMs, RETRY_MAX_MS, RETRY_MIN_MS, splitPlans, type SendFn,
} from '../../../consumers/notifier/worker.js';

/** The longest a test waits for one expected signal, in ms. */
const WAIT_MS = 5_000;
const GRACE_MS = 1_000;
const log = createLogger('worker-test', 'silent');

/** What the fakes did, in order, and a way to wait until something has happened. */
class Trace extends EventEmitter {
  readonly lines: string[] = [];
  note(line: string): void { this.lines.push(line); this.emit('change'); }
  async until<T>(what: string, check: () => T | undefined | false): Promise<T> {
    const now = check();
    if (now !== undefined && now !== false) return now;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => { this.off('change', on); reject(new Error(`timed out waiting for ${what}`)); }, WAIT_MS);
      const on = () => {
        const v = check();
        if (v === undefined || v === false) return;
        clearTimeout(timer);
        this.off('change', on);
        resolve(v);
      };
      this.on('change', on);
    });
  }
}

/** A journal that keeps its records; appends can be held at a gate, or refused as fenced. */
class FakeJournal {
  readonly records: JournalRecord[] = [];
  readonly checkpoints: PartitionSnapshot[] = [];
  fenced = false;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  constructor(private readonly trace: Trace) {}
  hold(): void { this.gate = new Promise((r) => { this.openGate = r; }); }
  release(): void { this.gate = null; this.openGate?.(); }
  async append(record: JournalRecord): Promise<number> {
    this.trace.note(`append ${describe(record)}`);
    if (this.fenced) throw new JournalFenced(0);
    if (this.gate !== null) await this.gate;
    this.records.push(record);
    this.trace.note(`landed ${describe(record)}`);
    return this.records.length;
  }
  async checkpoint(snapshot: PartitionSnapshot): Promise<void> { this.checkpoints.push(snapshot); }
}

const describe = (r: JournalRecord) => JSON.stringify({ p: r.planned?.map((n) => n.key), o: r.outcomes?.map((o) => `${o.key}:${o.status}`),
  a: r.attempts });

interface SendCall { readonly key: string; readonly attempt: number; readonly atMs: number }

/** A send whose answer per call the test decides; by default it answers sent at once. */
function fakeSend(trace: Trace, answer: (n: Notice, attempt: number) => Promise<Outcome | null> = async () => null) {
  const calls: SendCall[] = [];
  const send: SendFn = async (n, attempt) => {
    calls.push({ key: n.key, attempt, atMs: Date.now() });
    trace.note(`send ${n.key} #${attempt}`);
    const o = await answer(n, attempt);
    return o ?? { key: n.key, status: 'sent', atMs: Date.now(), providerId: `pv-${n.key}` };
  };
  return { send, calls };
}

function notice(key: string, patch: Partial<Notice> = {}): Notice {
  const now = Date.now();
  return { key, type: 'buffet', channel: 'email', guardianId: 'g1', personId: 'p1', schoolId: 's1', eventTimeMs: now - 1000, plannedAtMs: now,
    notBeforeMs: now, late: false, ledgerSeq: 42, params: { amountKop: 4500 }, ...patch };
}

interface Harness {
  readonly trace: Trace; readonly journal: FakeJournal; readonly worker: PartitionWorker; readonly calls: SendCall[];
  readonly finished: Finished[]; readonly lost: Promise<unknown>;
}

function harness(t: Test, opts: { state?: PartitionState; inFlight?: number; answer?: Parameters<typeof fakeSend>[1] } = {}): Harness {
  const trace = new Trace();
  const journal = new FakeJournal(trace);
  const { send, calls } = fakeSend(trace, opts.answer);
  const finished: Finished[] = [];
  let onLost!: (err: unknown) => void;
  const lost = new Promise<unknown>((r) => { onLost = r; });
  const worker = new PartitionWorker(opts.state ?? new PartitionState(0), journal, send, { inFlightPerChannel: opts.inFlight ?? 4 }, {
    onFinished: (_p, f) => { finished.push(...f); if (f.length > 0) trace.note(`finished ${f.map((x) => x.entry.notice.key).join(',')}`); },
    onLost: (p, err) => { trace.note(`lost ${p}`); onLost(err); },
  }, log);
  worker.start();
  t.teardown(() => worker.stop(GRACE_MS));
  return { trace, journal, worker, calls, finished, lost };
}

/** A promise and its resolver, for a send the test answers later. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

t.test('notifier worker - retry delays double from RETRY_MIN_MS to RETRY_MAX_MS, times 0.5 to 1.5', async (t) => {
  const cases: Array<[number, number, number]> = [
    [1, 0, RETRY_MIN_MS / 2], [1, 0.5, RETRY_MIN_MS], [1, 1, RETRY_MIN_MS * 1.5], [2, 0.5, 2 * RETRY_MIN_MS], [4, 0.5, 8 * RETRY_MIN_MS],
    [10, 0.5, 512 * RETRY_MIN_MS], [11, 0.5, RETRY_MAX_MS], [11, 0, RETRY_MAX_MS / 2], [100, 1, RETRY_MAX_MS * 1.5],
  ];
  for (const [attempts, random, want] of cases) t.equal(retryDelayMs(attempts, random), want, `attempt ${attempts}, random ${random}`);
});

t.test('notifier worker - a plan due now is attempted in the record that plans it, sent once that landed', async (t) => {
  const h = harness(t);
  h.journal.hold();
  const n = notice('a');
  h.worker.addPlans(42, [n], []);
  await h.trace.until('the append', () => h.trace.lines.length > 0);
  t.same(h.calls, [], 'nothing is sent while the record is on its way');
  h.journal.release();
  await h.trace.until('the outcome', () => h.finished.length > 0);
  t.same(h.journal.records[0], { v: 1, ledgerSeq: 42, planned: [n], attempts: ['a'] });
  t.same(h.trace.lines.slice(0, 3), [`append {"p":["a"],"a":["a"]}`, `landed {"p":["a"],"a":["a"]}`, 'send a #1'], 'append, landed, then send');
  t.match(h.journal.records[1], { v: 1, outcomes: [{ key: 'a', status: 'sent', providerId: 'pv-a' }] });
  t.same(h.finished.map((f) => [f.entry.notice.key, f.entry.status, f.entry.attempts]), [['a', 'sent', 1]]);
  t.equal(h.worker.state.open.size, 0);
  t.equal(h.worker.state.ledgerSeq, 42);
  h.worker.addPlans(42, [notice('again')], []);
  h.worker.addPlans(41, [notice('older')], []);
  t.equal(h.worker.queuedLedgerSeq, 42, 'a ledger message at or before the last one is not planned again');
  t.equal(h.worker.backlog, 0);
});

t.test('notifier worker - a retry comes back after its backoff, as the next attempt', async (t) => {
  const random = Math.random;
  Math.random = () => 0; // backoff of attempt 1: RETRY_MIN_MS / 2
  t.teardown(() => { Math.random = random; });
  const h = harness(t, { answer: async (n, attempt) =>
    attempt === 1 ? { key: n.key, status: 'retry', atMs: Date.now(), code: 'SMS_THROTTLED' } : null });
  h.worker.addPlans(1, [notice('a', { channel: 'sms' })], []);
  await h.trace.until('the second send', () => h.calls.length === 2);
  const retry = h.journal.records[1]?.outcomes?.[0];
  t.match(retry, { key: 'a', status: 'retry', code: 'SMS_THROTTLED' });
  const first = h.calls[0]!;
  const second = h.calls[1]!;
  t.ok(retry?.nextAtMs !== undefined && retry.nextAtMs >= first.atMs + RETRY_MIN_MS / 2 && retry.nextAtMs <= Date.now(),
    'nextAtMs is the first send plus at least the backoff');
  t.ok(second.atMs >= (retry?.nextAtMs ?? Infinity), 'not tried before nextAtMs');
  t.equal(second.attempt, 2);
  await h.trace.until('the outcome', () => h.finished.length === 1);
  t.same(h.finished.map((f) => [f.entry.notice.key, f.entry.status, f.entry.attempts, f.entry.lastCode]), [['a', 'sent', 2, '']]);
});

t.test('notifier worker - a notice that keeps failing is parked as failed after ATTEMPTS_MAX', async (t) => {
  const st = new PartitionState(0);
  const n = notice('a');
  st.apply({ v: 1, planned: [n] }, 1);
  for (let i = 0; i < ATTEMPTS_MAX - 1; i++) {
    st.apply({ v: 1, attempts: ['a'] }, 2 + 2 * i);
    st.apply({ v: 1, outcomes: [{ key: 'a', status: 'retry', atMs: Date.now() - 1000, code: 'SMTP_451', nextAtMs: Date.now() - 1000 }] }, 3 + 2 * i);
  }
  t.same([st.open.get('a')?.status, st.open.get('a')?.attempts], ['queued', ATTEMPTS_MAX - 1]);
  const h = harness(t, { state: st, answer: async (x) => ({ key: x.key, status: 'retry', atMs: Date.now(), code: 'SMTP_451' }) });
  await h.trace.until('the outcome', () => h.finished.length > 0);
  t.same(h.calls.map((c) => c.attempt), [ATTEMPTS_MAX], 'the last attempt');
  t.match(h.journal.records.at(-1)?.outcomes, [{ key: 'a', status: 'failed', code: 'SMTP_451_GAVE_UP' }]);
  t.same(h.finished.map((f) => [f.entry.status, f.entry.lastCode]), [['failed', 'SMTP_451_GAVE_UP']]);
  t.equal(st.open.size, 0);
});

t.test('notifier worker - a hanging e-mail provider does not hold sms sends (in-flight limit per channel)', async (t) => {
  const email = deferred<null>();
  const h = harness(t, { inFlight: 1, answer: async (n) => (n.channel === 'email' ? email.promise : null) });
  h.worker.addPlans(1, [notice('e1'), notice('e2'), notice('s1', { channel: 'sms' }), notice('s2', { channel: 'sms' })], []);
  await h.trace.until('both sms sent', () => h.finished.filter((f) => f.entry.notice.channel === 'sms').length === 2);
  t.same(h.journal.records[0]?.attempts, ['e1', 's1'], 'one of each channel at first');
  t.same(h.calls.map((c) => c.key), ['e1', 's1', 's2'], 's2 went while e1 hangs; e2 waits for the e-mail slot');
  email.resolve(null);
  await h.trace.until('both e-mails sent', () => h.finished.length === 4);
  t.same(h.calls.map((c) => c.key), ['e1', 's1', 's2', 'e2']);
});

t.test('notifier worker - a fenced journal loses the partition and no send starts after it', async (t) => {
  const a = deferred<null>();
  const h = harness(t, { answer: async (n) => (n.key === 'a' ? a.promise : null) });
  h.worker.addPlans(1, [notice('a')], []);
  await h.trace.until('a sent', () => h.calls.length === 1);
  h.journal.fenced = true;
  h.worker.addPlans(2, [notice('b', { channel: 'push' })], []);
  const err = await h.lost;
  t.ok(err instanceof JournalFenced, 'onLost gets the JournalFenced');
  t.same(h.trace.lines.filter((l) => l.startsWith('append')).at(-1), `append {"p":["b"],"a":["b"]}`, 'the refused record');
  a.resolve(null);
  await h.worker.stop(GRACE_MS);
  t.same(h.calls.map((c) => c.key), ['a'], 'b never went out; a (landed before the fence) did');
  t.equal(h.journal.records.length, 1, 'nothing landed after the fence');
  t.same(h.trace.lines.filter((l) => l.startsWith('lost')), ['lost 0'], 'lost once');
});

t.test('notifier worker - stop() waits for sends in flight and journals their outcomes', async (t) => {
  const a = deferred<null>();
  const h = harness(t, { answer: async () => a.promise });
  h.worker.addPlans(1, [notice('a')], []);
  await h.trace.until('a sent', () => h.calls.length === 1);
  const stopped = h.worker.stop(GRACE_MS).then(() => h.trace.note('stopped'));
  h.trace.note('answer');
  a.resolve(null);
  await stopped;
  const tail = h.trace.lines.slice(h.trace.lines.indexOf('answer'));
  t.same(tail, ['answer', `append {"o":["a:sent"]}`, `landed {"o":["a:sent"]}`, 'finished a', 'stopped'],
    'the outcome lands before stop() resolves');
  t.equal(h.worker.state.open.size, 0);
});

t.test('notifier worker - a notice is not attempted before its notBeforeMs', async (t) => {
  const h = harness(t);
  const due = Date.now() + 300;
  const n = notice('a', { notBeforeMs: due });
  h.worker.addPlans(1, [n], []);
  await h.trace.until('the send', () => h.calls.length === 1);
  t.same(h.journal.records[0], { v: 1, ledgerSeq: 1, planned: [n] }, 'planned without an attempt');
  t.same(h.journal.records[1], { v: 1, attempts: ['a'] }, 'attempted by a later record');
  t.ok(h.calls[0]!.atMs >= due, 'sent at or after notBeforeMs');
});

// Bug (partition.ts apply / the planner's collapse): the planner reads heldExitKeys while the
// record attempting that exit is still on its way (the state changes only once it landed), so
// it hands over 'collapsed' for an exit that is by then being sent. apply() closes a 'sending'
// entry with 'collapsed', the send's 'sent' is then ignored: the parents get the exit, never the
// (collapsed) entry, and the delivery log says the exit was collapsed.
t.test('notifier worker - a collapse that arrives while its exit is being attempted', async (t) => {
  const st = new PartitionState(0);
  const x = notice('x', { type: 'exit', channel: 'push' });
  st.apply({ v: 1, planned: [x] }, 1);
  const trace = new Trace();
  const journal = new FakeJournal(trace);
  journal.hold();
  const { send, calls } = fakeSend(trace);
  const finished: Finished[] = [];
  const worker = new PartitionWorker(st, journal, send, { inFlightPerChannel: 4 },
    { onFinished: (_p, f) => { finished.push(...f); trace.note('finished'); }, onLost: () => undefined }, log);
  worker.start();
  t.teardown(() => worker.stop(GRACE_MS));
  await trace.until('the attempt of x', () => trace.lines.includes(`append {"a":["x"]}`));
  t.same(st.heldExitKeys('p1', 's1', 0, Date.now() + 60_000), ['x'], 'what the planner sees now: x is still a held exit');
  const e = notice('e', { type: 'entry', channel: 'push' });
  const collapsed = (key: string, code: string): Outcome => ({ key, status: 'collapsed', atMs: Date.now(), code, personId: 'p1' });
  worker.addPlans(5, [e], [collapsed('e', 'REENTRY_AFTER_EXIT'), collapsed('x', 'EXIT_AND_REENTRY')]); // what Planner.plan hands over for the entry
  journal.release();
  await trace.until('x and e sent and journaled', () => ['x', 'e'].every((k) => journal.records.some((r) => r.outcomes?.some((o) => o.key === k && o.status === 'sent'))));
  t.same(calls.map((c) => c.key), ['x', 'e'], 'x went out, and so does the re-entry: the parents heard "left"');
  const xEnd = finished.find((f) => f.entry.notice.key === 'x');
  t.equal(xEnd?.outcome.status, 'sent', 'the exit that went out is logged as sent');
  t.equal(finished.find((f) => f.entry.notice.key === 'e')?.outcome.status, 'sent',
    'the entry is not collapsed when its exit went out');
});

t.test('notifier worker - a ledger message with more plans than one record holds is split to fit the journal', async (t) => {
  const small = Array.from({ length: 2001 }, (_, i) => notice(`k${i}`));
  t.same(splitPlans(small).map((p) => p.length), [RECORD_PLANS_MAX, RECORD_PLANS_MAX, 2001 - 2 * RECORD_PLANS_MAX]);
  const items = Array.from({ length: 32 }, (_, i) => ({ productId: `pr${i}`, quantity: 1, priceKop: 100 }));
  const big = Array.from({ length: 500 }, (_, i) => notice(`b${i}`, { params: { items } }));
  const pieces = splitPlans(big);
  t.ok(pieces.length > 1, 'purchases with many items need more records');
  for (const p of pieces) t.ok(JSON.stringify(p).length <= RECORD_PLAN_BYTES_MAX + 100_000, 'each piece stays near the byte budget');
  t.same(pieces.flat().map((n) => n.key), big.map((n) => n.key), 'nothing lost, order kept');
  t.same(splitPlans([]), [[]], 'no plans: one empty piece (the position still advances)');
});
