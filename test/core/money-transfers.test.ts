// Money transfers between shards (docs/shards.md, "Moving a pupil"): the whole balance leaves one
// shard's money state and arrives in another's at most once per transfer id, forever; pending
// transfers survive a snapshot; the reserved channel is not a bank's.
import t from 'tap';
import { MoneyState, TopUpError, TRANSFER_CHANNEL } from '../../core/index.js';

const topUp = (m: MoneyState, paymentId: string, amountKop: number, accountId = 'acc1') =>
  m.topUp({ channel: 'bank', paymentId, accountId, amountKop }, 1_000, 1);

t.test('money transfers - out: the whole balance leaves, pending until done', async (t) => {
  const m = new MoneyState();
  topUp(m, 'p1', 150_000);
  const out = { transferId: 't1', accountId: 'acc1', amountKop: 150_000, toShardId: 'south', appliedAtMs: 2_000 };
  m.transferOut(out);
  t.equal(m.balanceKop('acc1'), 0);
  t.equal(m.totalKop(), 0);
  t.ok(m.transferPending('acc1'));
  t.same([...m.pendingTransfers], [out]);
  t.throws(() => m.transferOut(out), /appears twice/, 'the same transfer twice is a programmer error');
  t.throws(() => m.transferOut({ ...out, transferId: 't2', amountKop: 5 }), /not the whole balance/);
  m.transferDone('t1');
  t.notOk(m.transferPending('acc1'));
  m.transferDone('t-unknown');
  t.same([...m.pendingTransfers], []);
});

t.test('money transfers - in: applied once per transfer id, a repeat is a duplicate, another account a conflict', async (t) => {
  const m = new MoneyState();
  const first = m.transferIn({ transferId: 't1', accountId: 'acc1', amountKop: 2_000_000 }, 5_000, 3);
  t.match(first, { kind: 'applied', topUp: { channel: TRANSFER_CHANNEL, paymentId: 't1', amountKop: 2_000_000, balanceAfterKop: 2_000_000 } },
    'no top-up bounds: a balance may exceed one payment\'s maximum');
  t.match(m.transferIn({ transferId: 't1', accountId: 'acc1', amountKop: 2_000_000 }, 6_000, 4), { kind: 'duplicate', topUp: { appliedAtMs: 5_000 } });
  t.match(m.transferIn({ transferId: 't1', accountId: 'acc2', amountKop: 2_000_000 }, 6_000, 4),
    { kind: 'refused', error: TopUpError.TOP_UP_ERROR_CONFLICT });
  t.equal(m.balanceKop('acc1'), 2_000_000);
  const stored = first.kind === 'applied' ? first.topUp : undefined;
  const later = new MoneyState();
  t.match(later.transferIn({ transferId: 't1', accountId: 'acc1', amountKop: 2_000_000 }, 9_000, 1, stored),
    { kind: 'duplicate' }, 'a repeat answered from the payment index after memory forgot it');
  for (const [input, error] of [
    [{ transferId: 'bad id', accountId: 'acc1', amountKop: 1 }, TopUpError.TOP_UP_ERROR_INVALID_REQUEST],
    [{ transferId: 't2', accountId: 'acc1', amountKop: 0 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    [{ transferId: 't3', accountId: 'acc1', amountKop: -5 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
    [{ transferId: 't4', accountId: 'acc1', amountKop: 0.5 }, TopUpError.TOP_UP_ERROR_INVALID_AMOUNT],
  ] as const) t.match(m.transferIn(input, 1, 1), { kind: 'refused', error }, JSON.stringify(input));
});

t.test('money transfers - a bank cannot use the reserved channel', async (t) => {
  const m = new MoneyState();
  t.match(m.topUp({ channel: TRANSFER_CHANNEL, paymentId: 'x', accountId: 'acc1', amountKop: 10_000 }, 1, 1),
    { kind: 'refused', error: TopUpError.TOP_UP_ERROR_INVALID_REQUEST });
  t.equal(m.balanceKop('acc1'), 0);
});

t.test('money transfers - pending transfers survive a snapshot; old snapshots have none', async (t) => {
  const m = new MoneyState();
  topUp(m, 'p1', 10_000);
  m.transferOut({ transferId: 't1', accountId: 'acc1', amountKop: 10_000, toShardId: 'south', appliedAtMs: 2_000 });
  const restored = new MoneyState();
  restored.loadSnapshot(JSON.parse(JSON.stringify(m.toSnapshot())));
  t.same([...restored.pendingTransfers], [...m.pendingTransfers]);
  const { transfersOut: _none, ...old } = m.toSnapshot();
  const fromOld = new MoneyState();
  fromOld.loadSnapshot(old);
  t.same([...fromOld.pendingTransfers], []);
  t.same([...restored.accountIds()], ['acc1']);
});
