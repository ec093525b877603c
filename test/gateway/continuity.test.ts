// Ledger continuity: batches of one boot are replayed only while they follow each other; after a
// gap nothing more of that boot is trusted (it was never acknowledged to anyone).
import t from 'tap';
import { LedgerContinuity } from '../../gateway/shard/replay.js';

t.test('continuity - a gap in a boot skips the rest of that boot, other boots go on', async (t) => {
  const c = new LedgerContinuity();
  t.same([1, 2, 3].map((n) => c.accept('boot-a', n)), [true, true, true]);
  t.equal(c.accept('boot-b', 2), false, 'a boot must start at batch 1');
  t.equal(c.accept('boot-b', 3), false, 'and stays broken');
  t.equal(c.accept('boot-a', 5), false, 'batch 4 of boot-a is missing');
  t.equal(c.accept('boot-a', 4), false, 'a late batch after the gap is not trusted either');
  t.equal(c.accept('boot-c', 1), true);
  const copy = new LedgerContinuity();
  copy.loadSnapshot(c.toSnapshot());
  t.equal(copy.accept('boot-c', 2), true, 'a snapshot carries where each boot stands');
  t.equal(copy.accept('boot-a', 6), false);
});
