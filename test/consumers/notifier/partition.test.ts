// A partition's outbox state (consumers/notifier/partition.ts) as journal records change it:
// plans, outcomes and attempts in that order within one record, retries queued again, final
// outcomes finishing a notice, the snapshot round trip, attempts left without an outcome, and
// positions (ledger seq, digest marks) that never go back.
import t from 'tap';
import { PartitionState, type Notice } from '../../../consumers/notifier/partition.js';

const T = Date.UTC(2026, 2, 2, 9, 0);

function notice(key: string, patch: Partial<Notice> = {}): Notice {
  return { key, type: 'buffet', channel: 'email', guardianId: 'g1', personId: 'p1', schoolId: 's1', eventTimeMs: T - 1000, plannedAtMs: T,
    notBeforeMs: T, late: false, ledgerSeq: 42, params: { amountKop: 4500, relation: 'parent' }, ...patch };
}

const summary = (st: PartitionState) => [...st.open.values()].map((e) => [e.notice.key, e.status, e.attempts, e.dueAtMs, e.lastCode]);

t.test('notifier partition - one record plans, closes and attempts, in that order', async (t) => {
  const st = new PartitionState(3);
  const finished = st.apply({ v: 1, ledgerSeq: 42, planned: [notice('a'), notice('b'), notice('c', { notBeforeMs: T + 500 })],
    outcomes: [{ key: 'b', status: 'skipped', atMs: T, code: 'TOO_LATE' }], attempts: ['a', 'b'] }, 7);
  t.same(summary(st), [['a', 'sending', 1, T, ''], ['c', 'queued', 0, T + 500, '']],
    'a planned and attempted at once; b planned then skipped, so its attempt is void; c waits');
  t.same(finished.map((f) => [f.entry.notice.key, f.entry.status, f.outcome.code]), [['b', 'skipped', 'TOO_LATE']]);
  t.equal(st.journalSeq, 7);
  t.equal(st.ledgerSeq, 42);
  t.same(st.apply({ v: 1, planned: [notice('a', { notBeforeMs: T + 9999 })] }, 8), []);
  t.same(summary(st)[0], ['a', 'sending', 1, T, ''], 'a key already open is planned once');
  t.same(st.apply({ v: 1, attempts: ['a'] }, 9), []);
  t.same(summary(st)[0], ['a', 'sending', 1, T, ''], 'an attempt of a notice already sending changes nothing');
  t.same(st.apply({ v: 1, outcomes: [{ key: 'zz', status: 'sent', atMs: T }] }, 10), [], 'an outcome of an unknown key is ignored');
});

t.test('notifier partition - a retry queues the notice again at nextAtMs', async (t) => {
  const st = new PartitionState(0);
  st.apply({ v: 1, planned: [notice('a')], attempts: ['a'] }, 1);
  t.same(st.apply({ v: 1, outcomes: [{ key: 'a', status: 'retry', atMs: T + 10, code: 'SMTP_451', nextAtMs: T + 2000 }] }, 2), []);
  t.same(summary(st), [['a', 'queued', 1, T + 2000, 'SMTP_451']]);
  st.apply({ v: 1, outcomes: [{ key: 'a', status: 'retry', atMs: T + 20 }], attempts: ['a'] }, 3);
  t.same(summary(st), [['a', 'sending', 2, T + 20, '']], 'no nextAtMs: due at atMs; attempted again in the same record');
});

t.test('notifier partition - a notice being sent is not closed as collapsed or skipped: only its send ends it', async (t) => {
  for (const status of ['collapsed', 'skipped'] as const) {
    const st = new PartitionState(0);
    st.apply({ v: 1, planned: [notice('a'), notice('b')], attempts: ['a'] }, 1);
    t.same(st.apply({ v: 1, outcomes: [{ key: 'a', status, atMs: T + 5 }] }, 2), [], status);
    t.same([...st.open.keys()], ['a', 'b'], `${status}: a stays open, being sent`);
  }
});

t.test('notifier partition - a final outcome removes the notice and returns it finished', async (t) => {
  for (const status of ['sent', 'failed', 'gone', 'uncertain'] as const) {
    const st = new PartitionState(0);
    st.apply({ v: 1, planned: [notice('a'), notice('b')], attempts: ['a'] }, 1);
    const outcome = { key: 'a', status, atMs: T + 5, code: `C_${status}`, providerId: 'pid-1' };
    const finished = st.apply({ v: 1, outcomes: [outcome] }, 2);
    t.same(finished.map((f) => ({ key: f.entry.notice.key, status: f.entry.status, attempts: f.entry.attempts, lastCode: f.entry.lastCode,
      outcome: f.outcome })), [{ key: 'a', status, attempts: 1, lastCode: `C_${status}`, outcome }], status);
    t.same([...st.open.keys()], ['b'], `${status}: only b stays open`);
    t.same(st.apply({ v: 1, outcomes: [outcome] }, 3), [], `${status}: a repeated outcome finishes nothing`);
  }
});

t.test('notifier partition - held exits: listed while queued, gone once attempted or finished', async (t) => {
  const st = new PartitionState(0);
  const exit = (key: string, patch: Partial<Notice> = {}) => notice(key, { type: 'exit', channel: 'push', eventTimeMs: T, ...patch });
  st.apply({ v: 1, planned: [exit('x1'), exit('x2', { schoolId: 's2' }), exit('x3', { eventTimeMs: T - 5000 }), notice('b')] }, 1);
  t.same(st.heldExitKeys('p1', 's1', T - 1000, T), ['x1'], 'same child, same school, not before sinceMs; not the buffet notice');
  t.same(st.heldExitKeys('p1', 's1', T - 5000, T), ['x1', 'x3']);
  t.same(st.heldExitKeys('p2', 's1', 0, T), []);
  st.apply({ v: 1, attempts: ['x1'], outcomes: [{ key: 'x3', status: 'collapsed', atMs: T }] }, 2);
  t.same(st.heldExitKeys('p1', 's1', 0, T), [], 'x1 is being sent, x3 collapsed');
  t.same(st.heldExitKeys('p1', 's2', 0, T), ['x2']);
});

t.test('notifier partition - snapshot and fromSnapshot round trip', async (t) => {
  const st = new PartitionState(5);
  st.apply({ v: 1, ledgerSeq: 90, planned: [notice('a'), notice('b', { type: 'exit', notBeforeMs: T + 180_000 }), notice('c')],
    attempts: ['a'], digests: { s1: 20_500, s2: 20_499 } }, 11);
  st.apply({ v: 1, outcomes: [{ key: 'c', status: 'retry', atMs: T, code: 'SMS_THROTTLED', nextAtMs: T + 4000 }] }, 12);
  const snap = st.snapshot();
  t.same(snap, { v: 1, partition: 5, journalSeq: 12, ledgerSeq: 90, digests: { s1: 20_500, s2: 20_499 }, entries: [
    { notice: notice('a'), status: 'sending', attempts: 1, dueAtMs: T, lastCode: '' },
    { notice: notice('b', { type: 'exit', notBeforeMs: T + 180_000 }), status: 'queued', attempts: 0, dueAtMs: T + 180_000, lastCode: '' },
    { notice: notice('c'), status: 'queued', attempts: 0, dueAtMs: T + 4000, lastCode: 'SMS_THROTTLED' },
  ] });
  const back = PartitionState.fromSnapshot(JSON.parse(JSON.stringify(snap)));
  t.same(back.snapshot(), snap, 'the restored state snapshots the same');
  t.same(back.heldExitKeys('p1', 's1', 0, T), st.heldExitKeys('p1', 's1', 0, T), 'held exits are restored');
  t.same(back.unfinishedAttempts(), ['a']);
  t.equal(back.partition, 5);
});

t.test('notifier partition - attempts without an outcome are unfinished', async (t) => {
  const st = new PartitionState(0);
  st.apply({ v: 1, planned: [notice('a'), notice('b'), notice('c')], attempts: ['a', 'b'] }, 1);
  t.same(st.unfinishedAttempts(), ['a', 'b']);
  st.apply({ v: 1, outcomes: [{ key: 'a', status: 'sent', atMs: T }, { key: 'b', status: 'retry', atMs: T, nextAtMs: T + 1 }] }, 2);
  t.same(st.unfinishedAttempts(), [], 'a sent, b queued again');
});

t.test('notifier partition - the ledger seq never goes back; digest marks keep the largest day', async (t) => {
  const st = new PartitionState(0);
  const seqs: Array<[number | undefined, number]> = [[10, 10], [undefined, 10], [7, 10], [11, 11], [0, 11]];
  let j = 0;
  for (const [ledgerSeq, want] of seqs) {
    st.apply(ledgerSeq === undefined ? { v: 1 } : { v: 1, ledgerSeq }, ++j);
    t.equal(st.ledgerSeq, want, `after ledgerSeq ${String(ledgerSeq)}`);
  }
  st.apply({ v: 1, digests: { s1: 20_500 } }, ++j);
  st.apply({ v: 1, digests: { s1: 20_499, s2: 20_400 } }, ++j);
  st.apply({ v: 1, digests: { s2: 20_401 } }, ++j);
  t.same(Object.fromEntries(st.digests), { s1: 20_500, s2: 20_401 });
});
