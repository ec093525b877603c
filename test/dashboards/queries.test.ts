// The dashboard queries run on the ClickHouse here (18.16) against the sink's own schema and
// give the expected numbers for known rows.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { createClient } from '@clickhouse/client';
import { ensureSchema } from '../../consumers/index.js';
import { ROOT, startStack } from '../helpers/stack.js';

const DASHBOARDS = join(ROOT, 'dashboards');

t.test('dashboards - every query runs on the sink schema and counts correctly', async (t) => {
  const stack = await startStack({ clickhouse: true });
  t.teardown(() => stack.stop());
  const client = createClient({ url: stack.clickhouse!.url });
  t.teardown(() => client.close());
  await ensureSchema(client, 'tapgate');
  const now = Math.floor(Date.now() / 1000);
  const rows = [
    // school, device, seq, person, kind, class, direction, verdict, reason
    ['s1', 'd1', 1, 'p1', 1, '5А', 1, 1, 1],
    ['s1', 'd1', 2, 'p2', 1, '5А', 1, 1, 1],
    ['s1', 'd1', 3, 'p1', 1, '5А', 2, 1, 1],
    ['s1', 'd2', 1, 'p3', 2, '', 1, 1, 1],
    ['s1', 'd2', 2, '', 0, '', 1, 2, 2],
    ['s2', 'd3', 1, 'p4', 1, '7Б', 1, 2, 7],
  ];
  const values = rows.map(([school, device, seq, person, kind, cls, dir, verdict, reason], i) =>
    `(today(), toDateTime(${now}), ${now * 1000}, ${now * 1000}, '${school}', '${device}', ${seq}, '${person}', '', '', ${kind}, '${cls}', ${dir}, ${verdict}, ${reason}, 'gw1', ${i + 1}, 0)`).join(',');
  await client.command({ query: `INSERT INTO tapgate.pass_events (event_date, decided_at, decided_at_ms, device_time_ms, school_id, device_id, seq, person_id, identifier_id, identifier_kind, person_kind, class_name, direction, verdict, reason, gateway_id, ledger_stream_seq, ledger_event_index) VALUES ${values}` });

  const purchases = [
    // school, device, seq, person, meal kind, verdict, basket, amount
    ['s1', 'pos1', 1, 'p1', 1, 1, 15000, 15000],
    ['s1', 'pos1', 2, 'p2', 1, 1, 5000, 5000],
    ['s1', 'pos1', 3, 'p1', 1, 1, 2500, 2500],
    ['s1', 'pos1', 4, 'p3', 1, 2, 9000, 0],
    ['s1', 'pos2', 1, 'p1', 3, 1, 12000, 0],
    ['s2', 'pos3', 1, 'p4', 2, 1, 20000, 20000],
  ];
  const purchaseValues = purchases.map(([school, device, seq, person, kind, verdict, basket, amount], i) =>
    `(today(), toDateTime(${now}), ${now * 1000}, ${now * 1000}, '${school}', '${device}', ${seq}, '${person}', 'a-${person}', 'i-${person}', ${kind}, ${verdict}, ` +
    `${verdict === 1 ? 1 : 8}, ${basket}, ${amount}, 100, '', '', 0, 0, ${Math.floor(now / 86_400)}, 'gw1', ${i + 1}, 0)`).join(',');
  await client.command({ query: 'INSERT INTO tapgate.purchases (event_date, decided_at, decided_at_ms, device_time_ms, school_id, device_id, seq, person_id, ' +
    'account_id, identifier_id, meal_kind, verdict, reason, basket_kop, amount_kop, balance_after_kop, benefit_id, meal_period, offline, overdraft, school_day, ' +
    `gateway_id, ledger_stream_seq, ledger_event_index) VALUES ${purchaseValues}` });

  const files = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.sql')).sort();
  t.same(files, ['attendance-by-hour.sql', 'denials-by-reason.sql', 'first-entry-by-class.sql', 'meals-by-school.sql']);
  const run = async (file: string) => {
    const sql = readFileSync(join(DASHBOARDS, file), 'utf8').replace(/;\s*$/, '');
    const rs = await client.query({ query: sql, format: 'JSONEachRow' });
    return rs.json<Record<string, unknown>>();
  };
  const attendance = await run('attendance-by-hour.sql');
  t.equal(attendance.length, 1);
  t.match(attendance[0], { school_id: 's1', entries: '3', exits: '1' });
  const denials = await run('denials-by-reason.sql');
  t.same(denials.map((r) => [r['school_id'], Number(r['reason']), Number(r['taps'])]), [['s1', 2, 1], ['s2', 7, 1]]);
  const byClass = await run('first-entry-by-class.sql');
  t.same(byClass.map((r) => [r['school_id'], r['class_name'], Number(r['pupils_entered'])]), [['s1', '5А', 2]]);
  const meals = await run('meals-by-school.sql');
  t.same(meals.map((r) => [r['school_id'], Number(r['meal_kind']), Number(r['sales']), Number(r['paid_kop']), Number(r['basket_kop']), Number(r['buyers'])]),
    [['s1', 1, 3, 22500, 22500, 2], ['s1', 3, 1, 0, 12000, 1], ['s2', 2, 1, 20000, 20000, 1]], 'approved sales only; subsidised meals cost the account nothing');
});
