// The ledger writer against a fake broker at its port (LedgerPort): serial appends fenced by the
// subject's last sequence, retries of appends whose outcome is unknown with the same message id,
// the fence that stops a writer whose subject moved on, and every waiter settled on failure.
// The same behaviour against a real nats-server is in ledger-faults.test.ts.
import t from 'tap';
import { JetStreamApiError } from '@nats-io/jetstream';
import { TapgateError } from '../../core/index.js';
import { LedgerWriter, type LedgerPort } from '../../gateway/shard/ledger.js';
import { createGatewayMetrics } from '../../gateway/metrics.js';

/** A broker subject: stream seqs, JetStream's msg-id dedup (optional) and its last-sequence check. */
class FakeSubject implements LedgerPort {
  readonly messages: Array<{ seq: number; msgId: string }> = [];
  readonly calls: Array<{ msgID: string; expect: number }> = [];
  dedup = true;
  /** Per call: 'ok', 'lost' (not stored, times out), 'landed' (stored, ack lost), 'hang' (waits for release()). */
  script: Array<'ok' | 'lost' | 'landed' | 'hang'> = [];
  private hung: Array<() => void> = [];
  private nextSeq = 1;

  /** Another writer appends on the subject. */
  appendOther(msgId: string): number { const seq = this.nextSeq++; this.messages.push({ seq, msgId }); return seq; }
  get last(): number { return this.messages.at(-1)?.seq ?? 0; }
  release(): void { for (const r of this.hung.splice(0)) r(); }

  async publish(_subject: string, _bytes: Uint8Array, o: { msgID: string; expectLastSubjectSeq: number }): Promise<number> {
    this.calls.push({ msgID: o.msgID, expect: o.expectLastSubjectSeq });
    const mode = this.script.shift() ?? 'ok';
    if (mode === 'hang') await new Promise<void>((r) => this.hung.push(r));
    if (mode === 'lost') throw new Error('TIMEOUT');
    const dup = this.dedup ? this.messages.find((m) => m.msgId === o.msgID) : undefined;
    if (dup !== undefined) return dup.seq;
    if (this.last !== o.expectLastSubjectSeq) {
      throw new JetStreamApiError({ code: 400, err_code: 10071, description: `wrong last sequence: ${this.last}` });
    }
    const seq = this.appendOther(o.msgID);
    if (mode === 'landed') throw new Error('TIMEOUT');
    return seq;
  }

  async lastOnSubject(): Promise<{ seq: number; msgId: string } | null> {
    const m = this.messages.at(-1);
    return m === undefined ? null : { seq: m.seq, msgId: m.msgId };
  }
}

const quiet = { warn: () => undefined, info: () => undefined };

function writer(port: FakeSubject, pendingMax = 8, batchEventsMax = 2) {
  const failures: TapgateError[] = [];
  const acks: number[] = [];
  const w = new LedgerWriter(port, 'gw1', 'gw1', 'boot1', { batchEventsMax, pendingMax }, createGatewayMetrics(), quiet,
    (no) => acks.push(no), (err) => failures.push(err));
  return { w, failures, acks };
}

const pass = (seq: number) => ({ deviceId: 'd1', seq, schoolId: 's1' });

t.test('ledger writer - opening fences the subject on top of the replayed sequence; appends are serial', async (t) => {
  const port = new FakeSubject();
  port.appendOther('old-writer.1');
  const { w, acks } = writer(port);
  await w.open(1);
  t.same(port.messages.map((m) => m.msgId), ['old-writer.1', 'gw1.boot1.1'], 'the fence is an empty batch of this boot');
  const no = w.add(pass(1));
  w.add(pass(2)); // the second event fills the batch (batchEventsMax 2): sealed and appended
  const no3 = w.add(pass(3));
  w.flush();
  t.equal(await w.whenDurable(no3), true);
  t.equal(no, 2);
  t.same(port.calls.map((c) => c.expect), [1, 2, 3], 'each append expects the previous one\'s seq');
  t.same(acks, [1, 2, 3]);
  t.equal(w.coveredStreamSeq, 4);
  t.equal(w.idle, true);
});

t.test('ledger writer - an append with an unknown outcome is retried with the same id; nothing new is admitted meanwhile', async (t) => {
  const port = new FakeSubject();
  const { w, failures } = writer(port);
  await w.open(0);
  port.script = ['lost', 'landed', 'lost', 'ok'];
  const no = w.add(pass(1));
  w.flush();
  let durable: boolean | null = null;
  void w.whenDurable(no).then((d) => { durable = d; });
  await new Promise((r) => setTimeout(r, 5));
  t.equal(w.admitting, false, 'refuses new work while the append is retried');
  t.not(w.stalledSince, null);
  t.equal(durable, null, 'nothing is answered before the append lands');
  t.equal(await w.whenDurable(no), true);
  t.same(port.calls.slice(1).map((c) => c.msgID), ['gw1.boot1.2', 'gw1.boot1.2', 'gw1.boot1.2', 'gw1.boot1.2'], 'one id for every attempt');
  t.same(port.messages.map((m) => m.msgId), ['gw1.boot1.1', 'gw1.boot1.2'], 'stored once');
  t.equal(w.admitting, true);
  t.equal(w.stalledSince, null);
  t.same(failures, []);
});

t.test('ledger writer - past the dedup window a landed append is recognised by its id on the subject', async (t) => {
  const port = new FakeSubject();
  port.dedup = false;
  const { w, failures } = writer(port);
  await w.open(0);
  port.script = ['landed'];
  const no = w.add(pass(1));
  w.flush();
  t.equal(await w.whenDurable(no), true);
  t.same(port.messages.map((m) => m.msgId), ['gw1.boot1.1', 'gw1.boot1.2'], 'not stored twice');
  t.equal(w.coveredStreamSeq, 2);
  t.same(failures, []);
});

t.test('ledger writer - a writer whose subject moved on is fenced: lands nothing, every waiter gets false', async (t) => {
  const port = new FakeSubject();
  const { w, failures } = writer(port);
  await w.open(0);
  port.script = ['hang'];
  const first = w.add(pass(1));
  w.flush();
  const second = w.add(pass(2));
  w.flush();
  const waits = [w.whenDurable(first), w.whenDurable(second)];
  // Paused here, another gateway takes the subject over and fences it.
  port.appendOther('gw2.bootX.1');
  port.release();
  t.same(await Promise.all(waits), [false, false]);
  t.equal(failures.length, 1);
  t.equal(failures[0]!.code, 'GW_LEDGER_FENCED');
  t.same(port.messages.map((m) => m.msgId), ['gw1.boot1.1', 'gw2.bootX.1'], 'nothing of the stale writer landed');
  t.equal(w.admitting, false);
  const calls = port.calls.length;
  w.add(pass(3));
  w.flush();
  t.equal(await w.whenDurable(w.currentNo), false, 'later waiters are settled at once');
  t.equal(port.calls.length, calls, 'nothing more is sent');
});

t.test('ledger writer - fail settles every waiter once; the opener learns of a fence', async (t) => {
  const port = new FakeSubject();
  const { w, failures } = writer(port);
  await w.open(0);
  port.script = ['hang'];
  const no = w.add(pass(1));
  w.flush();
  const wait = w.whenDurable(no);
  w.fail(new TapgateError('GW_LEASE_LOST', 'lease now held by gw2'));
  w.fail(new TapgateError('GW_LEASE_LOST', 'again'));
  t.equal(await wait, false);
  t.same(failures.map((f) => f.message), ['lease now held by gw2']);
  port.release();

  const moved = new FakeSubject();
  moved.appendOther('a');
  moved.appendOther('b');
  const opener = writer(moved);
  await t.rejects(opener.w.open(1), { code: 'GW_LEDGER_FENCED' }, 'somebody appended after the replay read the subject');
});

t.test('ledger writer - a full backlog stops admitting without stopping appends', async (t) => {
  const port = new FakeSubject();
  const { w } = writer(port, 2);
  await w.open(0);
  port.script = ['hang'];
  // Batches of 2 events are sealed when full, even while an append is in flight.
  w.add(pass(1)); w.add(pass(2));
  w.add(pass(3)); w.add(pass(4));
  t.equal(w.pending, 2);
  t.equal(w.admitting, false);
  port.release();
  t.equal(await w.whenDurable(3), true);
  t.equal(w.admitting, true);
});

t.test('ledger writer - what arrives during an append goes out as one batch when it lands (group commit)', async (t) => {
  const port = new FakeSubject();
  const { w } = writer(port, 8, 64);
  await w.open(0);
  port.script = ['hang'];
  const first = w.add(pass(1));
  w.flush();
  const second = w.add(pass(2));
  w.flush();
  t.equal(w.add(pass(3)), second, 'the open batch keeps filling while the append is in flight');
  w.flush();
  t.equal(w.pending, 1, 'nothing sealed behind the append in flight');
  port.release();
  t.equal(await w.whenDurable(second), true);
  t.same([first, second], [2, 3]);
  t.same(port.messages.map((m) => m.msgId), ['gw1.boot1.1', 'gw1.boot1.2', 'gw1.boot1.3'], 'two appends for three flushes');
});
