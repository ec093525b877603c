// SaleBook: the refund window's sales as columns. Checked against a plain Map model through a
// long run with refunds, re-recorded seqs and forgetting, across growth and compaction of the
// columns, and through a snapshot round trip.
import t from 'tap';
import { SaleBook, type KeptSale } from '../../core/index.js';
import { decodeSnapshot, encodeSnapshot } from '../../gateway/shard/snapshot-encode.js';

/** A cut's content as text (columns as base64), for comparing cuts. */
const text = (x: unknown) => JSON.stringify(x, (_k, v: unknown) =>
  (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v));
/** A cut written and read back as the gateway's snapshots are. */
const roundTrip = async <T>(cut: unknown): Promise<T> => decodeSnapshot<T>(await encodeSnapshot(cut));

const DAY = 86_400_000;

t.test('sale-book - add, get, refund and forget in ledger order', async (t) => {
  const b = new SaleBook();
  b.add('pos-1', 1, 'acc-1', 100, 10 * DAY);
  b.add('pos-2', 1, 'acc-2', 250, 10 * DAY);
  b.add('pos-1', 2, 'acc-1', 50, 11 * DAY);
  t.same(b.get('pos-1', 1), { accountId: 'acc-1', amountKop: 100, refundId: '', forgetAtMs: 10 * DAY });
  t.same(b.get('pos-2', 1), { accountId: 'acc-2', amountKop: 250, refundId: '', forgetAtMs: 10 * DAY });
  t.equal(b.get('pos-3', 1), undefined, 'an unknown device');
  t.equal(b.get('pos-1', 3), undefined, 'an unknown seq');
  t.ok(b.markRefunded('pos-1', 1, 'r-1'));
  t.notOk(b.markRefunded('pos-1', 9, 'r-9'), 'no sale to refund');
  t.equal(b.get('pos-1', 1)?.refundId, 'r-1');
  b.expire(10 * DAY - 1);
  t.equal(b.size, 3, 'nothing is forgotten before its time');
  b.expire(10 * DAY);
  t.equal(b.size, 1);
  t.equal(b.get('pos-1', 1), undefined, 'forgotten at its forget-at time');
  t.equal(b.get('pos-2', 1), undefined);
  t.same(b.get('pos-1', 2), { accountId: 'acc-1', amountKop: 50, refundId: '', forgetAtMs: 11 * DAY });
  t.throws(() => b.add('pos-1', 3, 'acc-1', 1, 10 * DAY), 'a sale forgotten before an earlier one is a bug');
});

t.test('sale-book - matches a Map model through growth, compaction, refunds and snapshots', async (t) => {
  const b = new SaleBook();
  const model = new Map<string, KeptSale>();
  const order: Array<[string, number]> = [];
  let seed = 11;
  const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
  let clock = 0;
  const seqs = new Map<string, number>();
  let mismatches = 0;
  let maxSize = 0;
  for (let step = 0; step < 60_000; step++) {
    clock += next() % 1000;
    const device = `pos-${next() % 7}`;
    // Now and then a seq already kept is recorded again (a device reset): the later sale wins.
    const seq = next() % 50 === 0 && (seqs.get(device) ?? 0) > 0 ? seqs.get(device)! : (seqs.get(device) ?? 0) + 1;
    seqs.set(device, Math.max(seqs.get(device) ?? 0, seq));
    const sale = { accountId: `acc-${next() % 13}`, amountKop: next() % 10_000, refundId: '', forgetAtMs: clock + 200_000 };
    b.add(device, seq, sale.accountId, sale.amountKop, sale.forgetAtMs);
    model.set(`${device}#${seq}`, sale);
    order.push([device, seq]);
    if (next() % 5 === 0) {
      const [d, s] = order[next() % order.length]!;
      const kept = model.get(`${d}#${s}`);
      t.equal(b.markRefunded(d, s, `r-${step}`), kept !== undefined);
      if (kept !== undefined) model.set(`${d}#${s}`, { ...kept, refundId: `r-${step}` });
    }
    b.expire(clock);
    for (const [key, x] of model) if (x.forgetAtMs <= clock) model.delete(key);
    maxSize = Math.max(maxSize, b.size);
    if (step % 997 === 0) {
      for (const [d, s] of order.slice(-500)) if (text(b.get(d, s)) !== text(model.get(`${d}#${s}`))) mismatches++;
      // A snapshot round trip keeps exactly the same sales.
      const copy = new SaleBook();
      copy.loadSnapshot(await roundTrip(b.toSnapshot()));
      for (const [d, s] of order.slice(-500)) if (text(copy.get(d, s)) !== text(model.get(`${d}#${s}`))) mismatches++;
      if (text(copy.toSnapshot()) !== text(b.toSnapshot())) t.fail(`snapshot ${step} loads back the same`);
    }
  }
  t.equal(mismatches, 0, 'every lookup matched the model');
  t.ok(maxSize < 1000, `the window bounds what is kept (${maxSize} at most)`);
});

t.test('sale-book - a snapshot cut stays as it was while sales go on', async (t) => {
  const b = new SaleBook();
  for (let seq = 1; seq <= 3000; seq++) b.add('pos-1', seq, `acc-${seq % 5}`, seq, seq * 10);
  b.markRefunded('pos-1', 2999, 'r-1');
  const cut = b.toSnapshot();
  const before = text(cut);
  // After the cut: forgetting, compaction into new columns, more sales, another refund.
  b.expire(20_000);
  for (let seq = 3001; seq <= 9000; seq++) b.add('pos-1', seq, 'acc-9', 1, seq * 10);
  b.markRefunded('pos-1', 2998, 'r-2');
  t.equal(text(cut), before, 'the cut did not change');
  const loaded = new SaleBook();
  loaded.loadSnapshot(await roundTrip(cut));
  t.equal(loaded.size, 3000);
  t.same(loaded.get('pos-1', 2999), { accountId: 'acc-4', amountKop: 2999, refundId: 'r-1', forgetAtMs: 29_990 });
  t.same(loaded.get('pos-1', 2998)?.refundId, '');
});

t.test('sale-book - sales loaded from a snapshot are indexed later, and a later sale of the same seq still wins', async (t) => {
  const b = new SaleBook();
  for (let seq = 1; seq <= 100; seq++) b.add('pos-1', seq, 'acc-1', seq, 1000 + seq);
  b.markRefunded('pos-1', 50, 'r-50');
  const snap = await roundTrip<Parameters<SaleBook['loadSnapshot']>[0]>(b.toSnapshot());
  const loaded = new SaleBook();
  loaded.loadSnapshot(snap);
  // Before any index: a new sale re-records seq 7 (a device reset), then a partial index runs.
  loaded.add('pos-1', 7, 'acc-2', 777, 5000);
  t.notOk(loaded.indexSome(10), 'not all indexed after 10 rows');
  t.same(loaded.get('pos-1', 7), { accountId: 'acc-2', amountKop: 777, refundId: '', forgetAtMs: 5000 }, 'the later sale wins over the loaded one');
  t.same(loaded.get('pos-1', 50)?.refundId, 'r-50', 'a lookup finishes the index: refunds are there');
  t.ok(loaded.indexSome(1), 'all indexed');
  loaded.expire(1000 + 100);
  t.equal(loaded.get('pos-1', 99), undefined, 'forgotten as before');
  t.same(loaded.get('pos-1', 7)?.amountKop, 777, 'the later sale outlives the loaded one');
});
