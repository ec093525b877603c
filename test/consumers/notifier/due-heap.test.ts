// The outbox's due queue (consumers/notifier/due-heap.ts): pops in due-time order whatever the
// push order, keeps equal times, and peeks without removing.
import t from 'tap';
import { DueHeap } from '../../../consumers/notifier/due-heap.js';

t.test('notifier due heap - pops earliest first for any push order', async (t) => {
  const h = new DueHeap();
  t.equal(h.peek(), undefined);
  t.equal(h.pop(), undefined);
  const times = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
  times.forEach((at, i) => h.push(at, `k${i}`));
  t.equal(h.size, 500);
  t.equal(h.peek()?.at, 0);
  const out: number[] = [];
  for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x.at);
  t.same(out, [...times].sort((a, b) => a - b));
  t.equal(h.size, 0);
});

t.test('notifier due heap - equal times are all kept', async (t) => {
  const h = new DueHeap();
  for (const k of ['a', 'b', 'c']) h.push(5, k);
  h.push(1, 'first');
  t.same([h.pop()?.key, ...[h.pop(), h.pop(), h.pop()].map((x) => x?.key).sort()], ['first', 'a', 'b', 'c']);
});
