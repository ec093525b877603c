// Money router - the bank's and caterers' requests go to the shard of the account's pupil or of
// the refunding device's school; what cannot be told goes to the default shard, whose money state
// refuses it with the right code.
import t from 'tap';
import { tapgate } from '../../core/proto.js';
import { parseRecord, RegistryIndex, type RecordKind } from '../../core/index.js';
import { MoneyRouter } from '../../gateway/edge/money-router.js';
import { createLogger } from '../../lib/index.js';

const { TopUpRequest, RefundRequest } = tapgate.money.v1;

function registry(): RegistryIndex {
  const r = new RegistryIndex();
  const put = (kind: RecordKind, raw: Record<string, unknown>) => r.apply(kind, String(raw['id']), parseRecord(kind, raw));
  put('school', { id: 's-north', name: 'North', timeZone: 'Europe/Moscow', shardId: 'north' });
  put('school', { id: 's-plain', name: 'Plain', timeZone: 'Europe/Moscow' });
  put('person', { id: 'p1', schoolId: 's-north', kind: 'pupil', displayName: 'A B' });
  put('account', { id: 'a1', personId: 'p1', number: '12345678' });
  put('device', { id: 'pos-1', schoolId: 's-north', kind: 'pos', secretHex: '0123456789abcdef'.repeat(4) });
  put('device', { id: 'pos-2', schoolId: 's-plain', kind: 'pos', secretHex: 'fedcba9876543210'.repeat(4) });
  return r;
}

t.test('money router - requests go to the shard that holds the money', async (t) => {
  // The router's connection is not used by shardOf.
  const router = new MoneyRouter(null as never, registry(), createLogger('test', 'silent'));
  const topUp = (accountNumber: string) => TopUpRequest.encode({ paymentId: 'x', accountNumber, amountKop: 10_000, channel: 'bank' }).finish();
  const refund = (deviceId: string) => RefundRequest.encode({ refundId: 'r', deviceId, seq: 1, reason: 'x', operatorId: 'o' }).finish();
  const cases: Array<[string, Uint8Array, 'topup' | 'refund', string]> = [
    ['top-up of a pupil of a north school', topUp('12345678'), 'topup', 'north'],
    ['top-up of a number no account has', topUp('99999999'), 'topup', 'main'],
    ['refund at a north device', refund('pos-1'), 'refund', 'north'],
    ['refund at a school with no shard named', refund('pos-2'), 'refund', 'main'],
    ['refund at an unknown device', refund('pos-9'), 'refund', 'main'],
    ['not protobuf', new Uint8Array([0xff, 0xff, 0xff]), 'topup', 'main'],
    ['too large', new Uint8Array(4096), 'refund', 'main'],
  ];
  for (const [name, data, command, shard] of cases) t.equal(router.shardOf(data, command), shard, name);
});
