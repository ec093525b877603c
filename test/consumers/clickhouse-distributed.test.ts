// The sharded ClickHouse layout (consumers/clickhouse-sink/distributed.ts) on two real
// clickhouse-servers (Debian's 18.16 here) started as one cluster: rows inserted through the
// Distributed tables land on the shard of their key only, and the dashboards, the API's item
// query and the sink's watermarks give over the cluster exactly what one server loaded with the
// same rows gives. Last, why the sink must split its inserts by sharding key: an INSERT that
// spans two shards is not all or nothing. The pure parts (DDL text, runs, the variable) first.
// distributed.ts is imported directly for the names consumers/index.ts does not list; the sink
// process on this layout is tested in clickhouse-sink-distributed.test.ts.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import t, { type Test } from 'tap';
// @ts-expect-error plain JavaScript module shared with npm start
import { freePort, startClickHouse } from '../../scripts/lib/servers.mjs';
// @ts-expect-error plain JavaScript module, like servers.mjs
import { startClickHouseCluster } from '../../scripts/lib/clickhouse-cluster.mjs';
import { TABLES, ensureSchema, readWatermarks, schemaStatements, tsvRowsOf, type TableName, type TableSpec } from '../../consumers/index.js';
import {
  DISTRIBUTED_READER_SETTINGS, DISTRIBUTED_SINK_SETTINGS, distributedSchemaStatements, ensureDistributedSchema, shardRuns, shardingKey,
  useDistributedLayout,
} from '../../consumers/clickhouse-sink/distributed.js';
import { ROOT } from '../helpers/stack.js';

interface Server { url: string; stop(): Promise<void> }
interface Cluster { nodes: Server[]; stop(): Promise<void> }
type Row = Record<string, string | number>;

const DB = 'tapgate';
const CLUSTER = 'tapgate';
const spec = (name: TableName): TableSpec => TABLES.find((s) => s.name === name)!;

t.test('clickhouse distributed - DDL: locals everywhere, Distributed and progress on entry nodes only', async (t) => {
  const local = distributedSchemaStatements(DB, CLUSTER, { local: true });
  const entry = distributedSchemaStatements(DB, CLUSTER, { local: false });
  const single = schemaStatements(DB);
  t.equal(local.length, TABLES.length + 1, 'the database and one local table per sink table');
  t.same(entry.slice(0, local.length), local, 'an entry node gets the locals first');
  t.equal(entry.length, local.length + TABLES.length + 1, 'then one Distributed table per sink table and sink_progress');
  for (const s of TABLES) {
    const mine = single.find((q) => q.startsWith(`CREATE TABLE IF NOT EXISTS ${DB}.${s.name} (`))!;
    t.ok(local.includes(mine.replace(`${DB}.${s.name} (`, `${DB}.${s.name}_local (`)), `${s.name}_local is the single-server DDL`);
    t.ok(entry.includes(`CREATE TABLE IF NOT EXISTS ${DB}.${s.name} AS ${DB}.${s.name}_local\n` +
      `ENGINE = Distributed(${CLUSTER}, ${DB}, ${s.name}_local, ${shardingKey(s)})`), `${s.name} is Distributed`);
  }
  t.equal(shardingKey(spec('pass_events')), 'cityHash64(school_id)');
  t.equal(shardingKey(spec('purchase_items')), 'cityHash64(school_id)', 'items go where their purchase goes');
  t.equal(shardingKey(spec('top_ups')), 'intDiv(ledger_stream_seq, 4096)');
  t.notOk(local.some((q) => q.includes('sink_progress')), 'sink_progress is not on shard-only nodes');
  for (const word of ['TTL', 'CODEC', 'DateTime64', '{']) t.notOk(entry.join('\n').includes(word), `no ${word}`);
  for (const bad of ['', '1x', 'a-b', 'a b', 'x'.repeat(65)]) {
    t.throws(() => distributedSchemaStatements(DB, bad, { local: false }), { code: 'CONFIG_INVALID' }, `cluster ${JSON.stringify(bad)}`);
  }
});

t.test('clickhouse distributed - runs are split where the sharding key changes, order kept', async (t) => {
  const p = (school: string, seq: number) => ({ school_id: school, ledger_stream_seq: seq });
  const cases = [
    { name: 'one school', table: 'pass_events' as const, rows: [p('s1', 1), p('s1', 2)], want: [[1, 2]] },
    { name: 'schools interleaved', table: 'pass_events' as const, rows: [p('s1', 1), p('s2', 2), p('s2', 3), p('s1', 4)], want: [[1], [2, 3], [4]] },
    { name: 'nothing', table: 'purchases' as const, rows: [], want: [] },
    { name: 'ledger blocks', table: 'top_ups' as const, rows: [p('', 1), p('', 4095), p('', 4096), p('', 8191), p('', 8192)], want: [[1, 4095], [4096, 8191], [8192]] },
  ];
  for (const c of cases) t.same(shardRuns(spec(c.table), c.rows).map((r) => r.map((x) => x.ledger_stream_seq)), c.want, c.name);
});

t.test('clickhouse distributed - TAPGATE_CLICKHOUSE_CLUSTER names the cluster or nothing', async (t) => {
  const ok = [[undefined, null], ['', null], ['  ', null], ['tapgate', 'tapgate'], [' shards_2 ', 'shards_2']] as const;
  for (const [v, want] of ok) t.equal(useDistributedLayout({ TAPGATE_CLICKHOUSE_CLUSTER: v }), want, JSON.stringify(v));
  for (const v of ['2x', 'a-b', 'a;DROP', 'x'.repeat(65)]) {
    t.throws(() => useDistributedLayout({ TAPGATE_CLICKHOUSE_CLUSTER: v }), { code: 'CONFIG_INVALID' }, JSON.stringify(v));
  }
});

/** A row of `s` with a neutral value in every column (new columns included), then `patch`. */
function rowOf(s: TableSpec, patch: Row, nowS: number): Row {
  const today = new Date(nowS * 1000).toISOString().slice(0, 10);
  const base = Object.fromEntries(s.columns.map(([n, type]) =>
    [n, type === 'String' ? '' : type === 'Date' ? today : type === 'DateTime' ? nowS : 0]));
  return { ...base, ...patch };
}

function fixtureRows(nowS: number): Record<string, Row[]> {
  const ms = nowS * 1000;
  const pass = (school: string, device: string, seq: number, person: string, kind: number, cls: string, dir: number, verdict: number, reason: number, at: number) =>
    rowOf(spec('pass_events'), { school_id: school, device_id: device, seq, person_id: person, person_kind: kind, class_name: cls, direction: dir,
      verdict, reason, decided_at_ms: ms, device_time_ms: ms, gateway_id: 'gw1', ledger_stream_seq: at, ledger_event_index: 0 }, nowS);
  const buy = (school: string, device: string, seq: number, person: string, kind: number, verdict: number, basket: number, amount: number, at: number) =>
    rowOf(spec('purchases'), { school_id: school, device_id: device, seq, person_id: person, account_id: `a-${person}`, meal_kind: kind, verdict,
      reason: verdict === 1 ? 1 : 8, basket_kop: basket, amount_kop: amount, decided_at_ms: ms, ledger_stream_seq: at, ledger_event_index: 0 }, nowS);
  const item = (school: string, device: string, seq: number, product: string, price: number, at: number, index: number) =>
    rowOf(spec('purchase_items'), { school_id: school, device_id: device, seq, product_id: product, price_kop: price, quantity: 1, verdict: 1,
      ledger_stream_seq: at, ledger_event_index: 0, item_index: index }, nowS);
  const topUp = (payment: string, account: string, amount: number, at: number) =>
    rowOf(spec('top_ups'), { channel: 'bank', payment_id: payment, account_id: account, amount_kop: amount, applied_at_ms: ms, ledger_stream_seq: at }, nowS);
  return {
    pass_events: [
      pass('s1', 'd1', 1, 'p1', 1, '5А', 1, 1, 1, 1), pass('s2', 'd3', 1, 'p4', 1, '7Б', 1, 2, 7, 2), pass('s1', 'd1', 2, 'p2', 1, '5А', 1, 1, 1, 3),
      pass('s1', 'd1', 3, 'p1', 1, '5А', 2, 1, 1, 4), pass('s2', 'd3', 2, 'p5', 1, '7Б', 1, 1, 1, 5), pass('s1', 'd2', 1, '', 0, '', 1, 2, 2, 6),
    ],
    purchases: [
      buy('s1', 'pos1', 1, 'p1', 1, 1, 15000, 15000, 7), buy('s2', 'pos3', 1, 'p4', 2, 1, 20000, 20000, 8),
      buy('s1', 'pos1', 2, 'p2', 1, 2, 9000, 0, 9), buy('s1', 'pos2', 1, 'p1', 3, 1, 12000, 0, 10),
    ],
    purchase_items: [
      item('s1', 'pos1', 1, 'bun', 5000, 7, 0), item('s1', 'pos1', 1, 'tea', 10000, 7, 1), item('s2', 'pos3', 1, 'soup', 20000, 8, 0),
    ],
    top_ups: [topUp('pay1', 'a-p1', 50000, 11), topUp('pay2', 'a-p4', 30000, 4097)],
  };
}

/** Inserts as the sink does: table by table, in position order, one run per sharding key value. */
async function load(client: ClickHouseClient, rows: Record<string, Row[]>): Promise<void> {
  for (const s of TABLES) {
    for (const run of shardRuns(s, (rows[s.name] ?? []) as Array<Row & { ledger_stream_seq: number }>)) {
      const columns = s.columns.map(([n]) => n);
      await client.insert({ table: `${DB}.${s.name}`, values: Readable.from([tsvRowsOf(columns, run)], { objectMode: false }),
        format: 'TabSeparated', columns: columns as [string, ...string[]] });
    }
  }
}

async function select(client: ClickHouseClient, query: string): Promise<Array<Record<string, unknown>>> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<Record<string, unknown>>();
}

function client(t: Test, url: string, settings: Record<string, string | number> = {}, quiet = false): ClickHouseClient {
  const c = createClient({ url, clickhouse_settings: settings, ...(quiet ? { log: { level: ClickHouseLogLevel.OFF } } : {}) });
  t.teardown(() => c.close());
  return c;
}

t.test('clickhouse distributed - two shards answer as one server does', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-chd-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const cluster = await startClickHouseCluster({ dataDir: join(dir, 'cluster'), size: 2, clusterName: CLUSTER }) as Cluster;
  t.teardown(() => cluster.stop());
  const single = await startClickHouse({ httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(),
    dataDir: join(dir, 'single') }) as Server;
  t.teardown(() => single.stop());
  const entry = client(t, cluster.nodes[0]!.url, { ...DISTRIBUTED_SINK_SETTINGS, ...DISTRIBUTED_READER_SETTINGS });
  const shards = cluster.nodes.map((n) => client(t, n.url));
  const one = client(t, single.url);

  await ensureDistributedSchema(shards, DB, CLUSTER, 1);
  await ensureDistributedSchema(shards, DB, CLUSTER, 1);
  await ensureSchema(one, DB);
  const tables = await select(shards[1]!, `SELECT name FROM system.tables WHERE database = '${DB}' ORDER BY name`);
  t.same(tables.map((r) => r['name']), TABLES.map((s) => `${s.name}_local`).sort(), 'a shard-only node holds the local tables only');
  const nowS = Math.floor(Date.now() / 1000);
  await load(entry, fixtureRows(nowS));
  await load(one, fixtureRows(nowS));

  const [h1, h2] = (await select(shards[0]!, "SELECT cityHash64('s1') % 2 AS s1, cityHash64('s2') % 2 AS s2"))
    .map((r) => [Number(r['s1']), Number(r['s2'])])[0]!;
  t.same([h1, h2], [0, 1], 's1 belongs to the first shard, s2 to the second');
  const schoolsOn = async (c: ClickHouseClient, table: string) =>
    (await select(c, `SELECT school_id, count() AS n FROM ${DB}.${table}_local GROUP BY school_id ORDER BY school_id`)).map((r) => [r['school_id'], Number(r['n'])]);
  t.same(await schoolsOn(shards[0]!, 'pass_events'), [['s1', 4]], 'node 1 holds only s1 taps');
  t.same(await schoolsOn(shards[1]!, 'pass_events'), [['s2', 2]], 'node 2 holds only s2 taps');
  t.same(await schoolsOn(shards[0]!, 'purchase_items'), [['s1', 2]], 'items live with their purchases');
  t.same(await schoolsOn(shards[1]!, 'purchase_items'), [['s2', 1]], 'the s2 item with the s2 purchase');
  const topUpsOn = async (c: ClickHouseClient) => (await select(c, `SELECT payment_id FROM ${DB}.top_ups_local`)).map((r) => r['payment_id']);
  t.same([await topUpsOn(shards[0]!), await topUpsOn(shards[1]!)], [['pay1'], ['pay2']], 'top-ups by ledger block: seq 11 in block 0, 4097 in block 1');
  t.same((await select(entry, `SELECT count() AS n FROM ${DB}.pass_events`))[0], { n: '6' }, 'the Distributed table sees every row');

  const sqlFiles = readdirSync(join(ROOT, 'dashboards')).filter((f) => f.endsWith('.sql')).sort();
  t.equal(sqlFiles.length, 4, 'the four dashboards');
  for (const f of sqlFiles) {
    const sql = readFileSync(join(ROOT, 'dashboards', f), 'utf8').replace(/;\s*$/, '');
    const want = await select(one, sql);
    t.ok(want.length > 0, `${f} has rows to compare`);
    t.same(await select(entry, sql), want, `${f}: the cluster answers as one server`);
  }
  const items = `SELECT device_id, seq, product_id, price_kop FROM purchase_items WHERE (device_id, seq) IN
    (SELECT device_id, seq FROM purchases WHERE person_id = 'p1') ORDER BY device_id, seq, item_index`;
  const itemsOne = await select(one, items.replace(/FROM /g, `FROM ${DB}.`));
  t.same(itemsOne.map((r) => r['product_id']), ['bun', 'tea'], "an item query with a subquery on purchases finds p1's items");
  t.same(await select(entry, items.replace(/FROM /g, `FROM ${DB}.`)), itemsOne, "and the same with distributed_product_mode 'local'");
  const marks = await readWatermarks(entry, DB);
  t.same(marks, await readWatermarks(one, DB), 'watermarks through the Distributed tables equal one server\'s');
  t.same(marks.pass_events, { seq: 6, index: 0, item: 0 }, 'pass_events: the last tap, on node 1');
  t.same(marks.purchase_items, { seq: 8, index: 0, item: 0 }, 'purchase_items: the soup, on node 2');
  t.same(marks.top_ups, { seq: 4097, index: 0, item: 0 }, 'top_ups: block 1, on node 2');

  // Why the sink splits its inserts by key: with node 2 down, one INSERT of an s2 and an s1 row
  // fails, yet node 1 may keep its part, so its largest position would cover the s2 row lost.
  // Whether node 1 writes before the send to node 2 fails is ClickHouse's timing, not ours: this
  // machine saw it on most tries, CI's saw it on none of ten. So the test asserts what the sink
  // relies on (the spanning INSERT is reported as failed, every time) and reports, without
  // failing, whether a half was kept; the split itself is checked by the shardRuns cases above.
  await cluster.nodes[1]!.stop();
  const s = spec('pass_events');
  const columns = s.columns.map(([n]) => n);
  const quiet = client(t, cluster.nodes[0]!.url, DISTRIBUTED_SINK_SETTINGS, true);
  const outcomes: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const base = 100 + attempt * 10;
    const spanning = [8, 9].map((at, i) => rowOf(s, { school_id: i === 0 ? 's2' : 's1', device_id: 'd9', seq: base + at, ledger_stream_seq: base + at }, nowS));
    const failed = await quiet.insert({ table: `${DB}.pass_events`, values: Readable.from([tsvRowsOf(columns, spanning)], { objectMode: false }),
      format: 'TabSeparated', columns: columns as [string, ...string[]] }).then(() => false, () => true);
    const [max] = await select(shards[0]!, `SELECT max(ledger_stream_seq) AS m FROM ${DB}.pass_events_local`);
    outcomes.push(!failed ? 'written' : max?.['m'] === String(base + 9) ? 'kept' : 'none');
  }
  t.same(outcomes.filter((o) => o === 'written'), [], `every INSERT spanning a stopped shard is reported as failed (${outcomes.join(', ')})`);
  t.comment(`node 1 kept its half of a failed INSERT on ${outcomes.filter((o) => o === 'kept').length} of ${outcomes.length} tries`);
});
