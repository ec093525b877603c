// A merge asks the shard, not only ClickHouse, whether a duplicate's account ever held money.
// No sink runs here, so ClickHouse never hears of the top-up and the purchase below: it stands for
// the seconds between a sale and the sink's insert. An account spent back to 0 in that gap must
// still be refused (a later refund of the sale would otherwise credit a removed account).
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { ensureSchema } from '../../consumers/clickhouse-sink/schema.js';
import { expectApiError, SCHOOL_A, startApiStack } from '../helpers/api-fixtures.js';
import { connect, Reason, Verdict, waitFor, WAIT_MS, type TestDevice } from '../helpers/gateway-fixtures.js';
import { BUFFET, item, posTap } from '../helpers/pos-fixtures.js';

const api = await startApiStack({ clickhouse: true, env: { TAPGATE_GATEWAY_ID: 'gw-api-merge', TAPGATE_REPEAT_WINDOW_MS: '0' } });
t.teardown(() => api.stop());
// The tables, made as the sink makes them; the sink itself never runs.
const ch = createClient({ url: api.stack.clickhouse!.url, request_timeout: 10_000, log: { level: ClickHouseLogLevel.OFF } });
await ensureSchema(ch, 'tapgate');
await ch.close();
const { admin } = api;
const operator = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
const catering = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
const payments = await api.clientFor({ role: 'payment_integration', label: 'bank' });

let n = 0;
async function pupil(surname: string): Promise<{ id: string; accountId: string }> {
  n++;
  const r = await admin('POST', `/schools/${SCHOOL_A}/persons`, { kind: 'pupil', surname, givenName: 'Вера', birthDate: `2013-04-${String(n).padStart(2, '0')}`, className: '4Б' });
  if (r.status !== 201) throw new Error(`setup: person ${r.status}`);
  return r.body;
}

t.test('merge - an account spent to 0 moments ago is refused before ClickHouse has heard of it', async (t) => {
  const kept = await pupil('Мгновенная');
  const dup = await pupil('Мгновенная');
  const uid = randomBytes(7);
  t.equal((await operator('POST', `/persons/${dup.id}/identifiers`, { kind: 'social_card', uidHex: uid.toString('hex') })).status, 201, 'setup: a card');
  const number = (await admin('GET', `/accounts/${dup.accountId}`)).body.number as string;
  t.equal((await payments('POST', `/accounts/by-number/${number}/top-ups`, { channel: 'sber', paymentId: 'race-1', amountKop: 3_000 })).status, 201,
    'setup: 30 roubles');
  await catering('POST', `/schools/${SCHOOL_A}/categories`, { code: 'hot', name: 'Горячее' });
  const meal = await catering('POST', `/schools/${SCHOOL_A}/products`, { name: 'Обед', category: 'hot', priceKop: 3_000 });
  const pos = await operator('POST', `/schools/${SCHOOL_A}/devices`, { kind: 'pos', name: 'Касса' });
  const dev: TestDevice = { id: pos.body.device.id, schoolId: SCHOOL_A, secret: Buffer.from(pos.body.secretHex, 'hex') };
  const reader = await connect(api.gw, dev);
  t.teardown(() => reader.close());
  await waitFor(async () => {
    const [d] = await posTap(reader, [{ seq: 1, uid, mealKind: BUFFET, items: [item(meal.body.id, 'hot', 3_000)] }]);
    return d?.verdict === Verdict.VERDICT_ALLOW && d.reason === Reason.DECISION_REASON_OK;
  }, WAIT_MS, 'the POS sells to the card', 100);
  t.equal((await admin('GET', `/accounts/${dup.accountId}`)).body.balanceKop, 0, 'spent to 0');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  const history = await admin('GET', `/accounts/${dup.accountId}/history?from=${day}&to=${day}`);
  t.same([history.status, history.body.purchases, history.body.money], [200, [], []], 'ClickHouse has neither the top-up nor the sale');

  const refused = await operator('POST', `/persons/${kept.id}/merge`, { duplicateId: dup.id });
  t.equal(expectApiError(t, refused, 409, 'API_MERGE_REFUSED', 'the merge')['reason'], 'account_has_history', 'the shard knew the account held money');
  t.equal((await admin('GET', `/accounts/${dup.accountId}`)).status, 200, 'the account is still there');
  t.equal((await admin('GET', `/persons/${dup.id}`)).status, 200, 'and so is the duplicate');

  // An account that never held money is still removed at once: the shard says so, ClickHouse agrees.
  const empty = await pupil('Мгновенная');
  const merged = await operator('POST', `/persons/${kept.id}/merge`, { duplicateId: empty.id });
  t.same([merged.status, merged.body.account], [200, 'removed'], 'an account with no money event is removed');
});
