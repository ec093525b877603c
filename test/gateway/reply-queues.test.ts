// Reply queues - each shard's replies leave in decision order once their append is acknowledged,
// one shard's acks never release another's, and a shard's frames in flight are counted to zero.
import t from 'tap';
import { ReplyQueues } from '../../gateway/edge/reply-queues.js';

type P = { readonly id: string; readonly reply: { readonly neededNo: number } };
const p = (id: string, neededNo: number): P => ({ id, reply: { neededNo } });

t.test('reply queues - released in order up to the acknowledged append, per shard', async (t) => {
  const q = new ReplyQueues<string, P>();
  for (const [shard, id, no] of [['a', 'a1', 1], ['b', 'b1', 1], ['a', 'a2', 2], ['a', 'a3', 2], ['a', 'a4', 3]] as const) {
    q.admitted(shard);
    q.push(shard, p(id, no));
  }
  const out: string[] = [];
  q.release('a', 2, (x) => out.push(x.id));
  t.same(out, ['a1', 'a2', 'a3'], 'shard a up to append 2');
  t.notOk(q.drained('a'), 'a4 still waits');
  t.notOk(q.drained('b'), 'b is untouched by a\'s ack');
  q.release('a', 2, (x) => out.push(x.id));
  t.same(out, ['a1', 'a2', 'a3'], 'nothing twice');
  q.release('a', 3, (x) => out.push(x.id));
  q.release('b', 1, (x) => out.push(x.id));
  t.same(out, ['a1', 'a2', 'a3', 'a4', 'b1']);
  t.ok(q.drained('a') && q.drained('b'));
});

t.test('reply queues - an unanswered frame counts down; a forgotten shard drops its replies', async (t) => {
  const q = new ReplyQueues<string, P>();
  q.admitted('a');
  q.admitted('a');
  q.unanswered('a');
  t.notOk(q.drained('a'));
  q.push('a', p('x', 5));
  q.forget('a');
  t.ok(q.drained('a'), 'a forgotten shard has nothing in flight');
  const out: string[] = [];
  q.release('a', 9, (x) => out.push(x.id));
  t.same(out, [], 'its replies are never sent');
  t.same([...q.shards()], ['a'], 'release made a fresh queue for it');
});

t.test('reply queues - a long queue is compacted without losing order', async (t) => {
  const q = new ReplyQueues<string, P>();
  for (let i = 1; i <= 3000; i++) { q.admitted('a'); q.push('a', p(`r${i}`, i)); }
  const out: string[] = [];
  for (let no = 500; no <= 3000; no += 500) q.release('a', no, (x) => out.push(x.id));
  t.equal(out.length, 3000);
  t.same(out.slice(0, 2), ['r1', 'r2']);
  t.equal(out[2999], 'r3000');
  t.ok(q.drained('a'));
});
