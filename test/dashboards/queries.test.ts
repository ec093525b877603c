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

  const files = readdirSync(DASHBOARDS).filter((f) => f.endsWith('.sql')).sort();
  t.same(files, ['attendance-by-hour.sql', 'denials-by-reason.sql', 'first-entry-by-class.sql']);
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
});
