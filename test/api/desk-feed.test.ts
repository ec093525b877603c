// The desk feed's hub in process, with a fake shard source and fake sockets: passes go only to the
// watches of their school, named from the registry, batched into one message per flush; a slow
// socket loses its queue and is told to resync once it drains; one reader per shard, stopped when
// the last watch of the shard leaves. (The real reader, sockets and browser: test/web/desk.test.ts.)
import t from 'tap';
import { Registry } from 'prom-client';
import { RegistryIndex } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import type { LedgerMessage } from '../../consumers/ledger-reader.js';
import { createLogger } from '../../lib/index.js';
import {
  DESK_BUFFERED_BYTES_MAX, DeskHub, deskHubMetrics, deskPassOf, type DeskWatch, type ShardSource,
} from '../../api/desk-feed.js';

const { LedgerBatch } = tapgate.events.v1;
const log = createLogger('test', 'silent');

function registry(): RegistryIndex {
  const r = new RegistryIndex();
  const school = (id: string, shardId: string) => r.applyJson('school', id, JSON.stringify({ id, name: id, timeZone: 'Europe/Moscow', kind: 'school', shardId }));
  school('s-a', 'main');
  school('s-b', 'main');
  school('s-c', 'east');
  r.applyJson('person', 'p-1', JSON.stringify({ id: 'p-1', schoolId: 's-a', kind: 'pupil', displayName: 'Иванова Анна', className: '5А', photoRef: 'ref', photoConsent: true }));
  return r;
}

class FakeSource implements ShardSource {
  readonly running = new Map<string, (m: LedgerMessage) => void>();
  starts = 0;
  stops = 0;
  async start(shardId: string, onMessage: (m: LedgerMessage) => void) {
    this.starts++;
    this.running.set(shardId, onMessage);
    return { stop: async () => { this.stops++; this.running.delete(shardId); } };
  }
  push(shardId: string, passes: tapgate.events.v1.IPassEvent[], seq = 1): void {
    this.running.get(shardId)?.({ seq, batch: LedgerBatch.create({ passes }), refetched: false });
  }
}

class FakeSocket {
  readonly sent: Array<{ type: string; passes?: Array<Record<string, unknown>>; droppedPasses?: number }> = [];
  buffered = 0;
  send(m: string): number { this.sent.push(JSON.parse(m)); return 1; }
  getBufferedAmount(): number { return this.buffered; }
}

const watch = (schoolId: string, socket: FakeSocket): DeskWatch => ({ socket, schoolId, queued: [], dropped: 0, closed: false });
const pass = (schoolId: string, personId: string, verdict = 1, extra: Partial<tapgate.events.v1.IPassEvent> = {}) =>
  ({ deviceId: 'd-1', seq: 7, schoolId, personId, personKind: 1, direction: 1, verdict, reason: verdict === 1 ? 1 : 3, decidedAtMs: 1000, ...extra });

function hub(source: FakeSource): DeskHub {
  // A flush interval far above the test's length: the test flushes by hand.
  const h = new DeskHub(registry(), source, deskHubMetrics(new Registry()), log, 3_600_000);
  t.teardown(() => h.stop());
  return h;
}

t.test('desk feed - a pass is named from the registry; an unknown card has no name', async (t) => {
  t.same(deskPassOf(pass('s-a', 'p-1'), registry()), { deviceId: 'd-1', deviceName: '', seq: 7, personId: 'p-1', personKind: 'pupil',
    displayName: 'Иванова Анна', className: '5А', direction: 1, verdict: 1, reason: 1, decidedAtMs: 1000, photo: true });
  const unknown = deskPassOf(pass('s-a', '', 2, { reason: 2, personKind: 0 }), registry());
  t.same([unknown.personId, unknown.displayName, unknown.personKind, unknown.photo, unknown.reason], ['', '', '', false, 2]);
});

t.test('desk feed - passes reach only their school\'s watches, batched into one message per flush', async (t) => {
  const source = new FakeSource();
  const h = hub(source);
  const a = new FakeSocket();
  const b = new FakeSocket();
  await h.add(watch('s-a', a));
  await h.add(watch('s-b', b));
  t.equal(source.starts, 1, 'one reader for the shard of both schools');
  source.push('main', [pass('s-a', 'p-1'), pass('s-b', 'p-9'), pass('s-a', 'p-1', 2), pass('s-a', 'p-1', 0)]);
  source.push('main', [pass('s-a', 'p-1', 1, { direction: 2 })], 2);
  t.same(a.sent, [], 'nothing is sent before the flush');
  h.flush();
  t.equal(a.sent.length, 1, 'one message');
  t.same(a.sent[0]?.passes?.map((p) => [p['verdict'], p['direction']]), [[1, 1], [2, 1], [1, 2]], 'school A\'s decided passes in order (an undecided one left out)');
  t.same(b.sent[0]?.passes?.map((p) => p['personId']), ['p-9'], 'school B gets its own');
  h.flush();
  t.equal(a.sent.length, 1, 'an empty flush sends nothing');
});

t.test('desk feed - a slow socket loses its queue and is told to resync when it drains', async (t) => {
  const source = new FakeSource();
  const h = hub(source);
  const slow = new FakeSocket();
  await h.add(watch('s-a', slow));
  slow.buffered = DESK_BUFFERED_BYTES_MAX + 1;
  source.push('main', [pass('s-a', 'p-1'), pass('s-a', 'p-1')]);
  h.flush();
  t.same(slow.sent, [], 'nothing more is written to a full buffer');
  slow.buffered = 0;
  source.push('main', [pass('s-a', 'p-1', 2)], 2);
  h.flush();
  t.same(slow.sent.map((m) => m.type), ['resync', 'passes'], 'first the resync, then what came since');
  t.equal(slow.sent[0]?.droppedPasses, 2, 'saying how many were dropped');
  t.equal(slow.sent[1]?.passes?.length, 1);
});

t.test('desk feed - a shard\'s reader stops when its last watch leaves', async (t) => {
  const source = new FakeSource();
  const h = hub(source);
  const w1 = watch('s-a', new FakeSocket());
  const w2 = watch('s-b', new FakeSocket());
  const w3 = watch('s-c', new FakeSocket());
  await h.add(w1);
  await h.add(w2);
  await h.add(w3);
  t.same([source.starts, [...source.running.keys()].sort()], [2, ['east', 'main']], 'a reader per shard');
  h.remove(w1);
  t.equal(source.stops, 0, 'school B still watches shard main');
  h.remove(w2);
  await new Promise((r) => setImmediate(r));
  t.same([source.stops, [...source.running.keys()]], [1, ['east']], 'main stopped, east runs');
  t.equal(h.size, 1);
  source.push('east', [pass('s-c', 'x')]);
  h.remove(w3);
  h.flush();
  t.same((w3.socket as FakeSocket).sent, [], 'a closed watch gets nothing');
});
