// The ClickHouse sink process against the sharded layout (docs/clickhouse-sharding.md): two real
// clickhouse-servers (Debian's 18.16 here) as one cluster, a real nats-server, the sink from
// dist/ with TAPGATE_CLICKHOUSE_CLUSTER and TAPGATE_CLICKHOUSE_SHARD_URLS. The test publishes
// LedgerBatch messages itself, each mixing the taps and purchases of two schools that hash to
// different ClickHouse shards, so that every run the sink inserts has to be split by school.
// Every row is stored exactly once on the node of its school (the nodes' local counts add up to
// what was published, and the Distributed tables see all of it), through a SIGKILL of the sink
// mid-stream and its restart; and the API's history reader, given the cluster, reads the items.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import t, { type Test } from 'tap';
// @ts-expect-error plain JavaScript module shared with npm start
import { startClickHouseCluster } from '../../scripts/lib/clickhouse-cluster.mjs';
import { HistoryReader } from '../../api/history.js';
import { tapgate } from '../../core/proto.js';
import { ensureLedgerStream, ledgerSubject } from '../../lib/index.js';
import { spawnNode, startStack, type ProcessHandle, type Stack } from '../helpers/stack.js';
import { sleep, waitFor } from '../helpers/gateway-fixtures.js';

const { LedgerBatch } = tapgate.events.v1;
interface Server { readonly url: string; stop(): Promise<void> }
interface Cluster { readonly nodes: Server[]; stop(): Promise<void> }

const WAIT_MS = 60_000;
const DB = 'tapgate';
const CLUSTER = 'tapgate';
/** cityHash64('s1') % 2 = 0, cityHash64('s2') % 2 = 1 (clickhouse-distributed.test.ts checks it): node 1 and node 2. */
const SCHOOLS = ['s1', 's2'] as const;
/** The ledger shard whose subject carries both schools. */
const LEDGER_SHARD = 'east';
/** Items in every purchase. */
const ITEMS_PER_PURCHASE = 2;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-chsd-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const stack: Stack = await startStack({ clickhouse: false });
t.teardown(() => stack.stop());
const cluster = await startClickHouseCluster({ dataDir: join(dir, 'cluster'), size: 2, clusterName: CLUSTER }) as Cluster;
t.teardown(() => cluster.stop());
const [entryUrl, otherUrl] = cluster.nodes.map((n) => n.url) as [string, string];
const nodes = cluster.nodes.map((n) => createClient({ url: n.url, request_timeout: 10_000, log: { level: ClickHouseLogLevel.OFF } }));
t.teardown(async () => { for (const c of nodes) await c.close(); });
const js = jetstream(stack.nc);
await ensureLedgerStream(await jetstreamManager(stack.nc));

/** Taps and purchases published, by school; device `d-<school>` and `pos-<school>`, seq 1, 2, 3... */
const taps = new Map<string, number>(SCHOOLS.map((s) => [s, 0]));
const purchases = new Map<string, number>(SCHOOLS.map((s) => [s, 0]));
let batches = 0;

function nextTap(school: string): tapgate.events.v1.IPassEvent {
  const seq = taps.get(school)! + 1;
  taps.set(school, seq);
  const at = Date.now();
  return { deviceId: `d-${school}`, seq, schoolId: school, personId: `p-${school}`, identifierId: 'i1', personKind: 1, className: '5А',
    direction: 1, verdict: 1, reason: 1, deviceTimeMs: at - 100, decidedAtMs: at, identifierKind: 'social_card' };
}

function nextPurchase(school: string): tapgate.events.v1.IMoneyEvent {
  const seq = purchases.get(school)! + 1;
  purchases.set(school, seq);
  const at = Date.now();
  const items = Array.from({ length: ITEMS_PER_PURCHASE }, (_, i) => ({ productId: `prod-${i}`, category: 'buffet', priceKop: 5000, quantity: 1 }));
  return { purchase: { deviceId: `pos-${school}`, seq, schoolId: school, personId: `p-${school}`, identifierId: 'i1', accountId: `a-${school}`,
    mealKind: 1, verdict: 1, reason: 1, items, basketKop: 10_000, amountKop: 10_000, balanceAfterKop: 90_000, deviceTimeMs: at - 100,
    decidedAtMs: at, schoolDay: Math.floor(at / 86_400_000) } };
}

/** One ledger message: taps of both schools interleaved, then a purchase of each and a top-up. */
async function publishBatch(): Promise<void> {
  const passes = [nextTap('s1'), nextTap('s2'), nextTap('s1'), nextTap('s2'), nextTap('s2'), nextTap('s1')];
  const no = ++batches;
  const topUp = { topUp: { channel: 'bank', paymentId: `pay-${no}`, accountId: 'a-s1', amountKop: 100, balanceAfterKop: 100 * no,
    appliedAtMs: Date.now() } };
  const money = [nextPurchase('s2'), nextPurchase('s1'), topUp];
  const data = LedgerBatch.encode({ gatewayId: 'gw-x', shardId: LEDGER_SHARD, bootId: 'b00t', batchNo: no, passes, money }).finish();
  await js.publish(ledgerSubject(LEDGER_SHARD), data, { msgID: `chsd.${no}` });
}

interface SinkProcess extends ProcessHandle { readonly opsUrl: string }

async function startSink(): Promise<SinkProcess> {
  const p = spawnNode('consumers/clickhouse-sink/main.js', {
    ...stack.natsEnv('sink'), TAPGATE_CLICKHOUSE_URL: entryUrl, TAPGATE_CLICKHOUSE_CLUSTER: CLUSTER, TAPGATE_CLICKHOUSE_SHARD_URLS: otherUrl,
    TAPGATE_SINK_OPS_PORT: '0', TAPGATE_SINK_FLUSH_INTERVAL_MS: '50', TAPGATE_SINK_BATCH_ROWS_MAX: '16', TAPGATE_LOG_LEVEL: 'debug',
  });
  const line = await p.waitForLog((l) => l['msg'] === 'sink listening', WAIT_MS).catch(async (err: unknown) => { await p.stop(); throw err; });
  return { ...p, opsUrl: `http://127.0.0.1:${Number(line['opsPort'])}` };
}

async function select(c: ClickHouseClient, query: string): Promise<Array<Record<string, string | number>>> {
  return (await c.query({ query, format: 'JSONEachRow' })).json<Record<string, string | number>>();
}

/**
 * What each node holds locally, by table and school (top-ups: by channel, which is never constant
 * folded: 18.16 answers a GROUP BY on a constant over no rows with one row of 0), plus rows
 * stored twice, plus what the Distributed tables see.
 */
async function stored(): Promise<unknown> {
  const perNode = [];
  for (const c of nodes) {
    const byTable: Record<string, unknown> = {};
    for (const [table, key] of [['pass_events', 'device_id, seq'], ['purchases', 'device_id, seq'], ['purchase_items', 'device_id, seq, item_index'],
      ['top_ups', 'payment_id']] as const) {
      byTable[table] = await select(c, `SELECT ${table === 'top_ups' ? 'channel' : 'school_id'} AS school, count() AS n, ` +
        `count() - uniqExact(${key}) AS doubled FROM ${DB}.${table}_local GROUP BY school ORDER BY school`);
    }
    perNode.push(byTable);
  }
  const all = await select(nodes[0]!, `SELECT (SELECT count() FROM ${DB}.pass_events) AS taps, (SELECT count() FROM ${DB}.purchases) AS buys, ` +
    `(SELECT count() FROM ${DB}.purchase_items) AS items, (SELECT count() FROM ${DB}.top_ups) AS top_ups`);
  return { perNode, distributed: all[0] };
}

/** What `stored()` must give: s1 on node 1, s2 on node 2, top-ups (ledger block 0) on node 1, nothing twice. */
function expected(): unknown {
  const row = (school: string, n: number) => ({ school, n: String(n), doubled: '0' });
  const node = (school: string, topUps: boolean) => ({
    pass_events: [row(school, taps.get(school)!)], purchases: [row(school, purchases.get(school)!)],
    purchase_items: [row(school, purchases.get(school)! * ITEMS_PER_PURCHASE)], top_ups: topUps ? [row('bank', batches)] : [],
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return { perNode: [node('s1', true), node('s2', false)],
    distributed: { taps: String(sum(taps)), buys: String(sum(purchases)), items: String(sum(purchases) * ITEMS_PER_PURCHASE), top_ups: String(batches) } };
}

async function checkExact(t: Test): Promise<void> {
  const want = JSON.stringify(expected());
  await waitFor(async () => JSON.stringify(await stored().catch(() => null)) === want, WAIT_MS, `stored ${want}`, 100)
    .catch(async (err: Error) => { t.comment(JSON.stringify(await stored().catch(String))); throw err; });
  // The positive signal came; a later insert would only add rows, which this catches.
  await sleep(300);
  t.same(await stored(), expected(), 'every row once, on the node of its school');
}

for (let i = 0; i < 3; i++) await publishBatch();
let sink = await startSink();
t.teardown(() => sink.stop('SIGKILL'));

t.test('clickhouse sink distributed - the sink creates the layout on both nodes and stores each school on its node', async (t) => {
  const tables = async (c: ClickHouseClient) => (await select(c, `SELECT name FROM system.tables WHERE database = '${DB}' ORDER BY name`))
    .map((r) => r['name']);
  const locals = ['pass_events', 'purchase_items', 'purchases', 'refunds', 'top_ups', 'transfers'].map((n) => `${n}_local`);
  t.same(await tables(nodes[1]!), locals, 'the other node holds the local tables only');
  const engines = await select(nodes[0]!, `SELECT name, engine FROM system.tables WHERE database = '${DB}' AND name NOT LIKE '%_local' ORDER BY name`);
  t.same(engines.map((r) => `${r['name']}:${r['engine']}`), ['pass_events:Distributed', 'purchase_items:Distributed', 'purchases:Distributed',
    'refunds:Distributed', 'sink_progress:MergeTree', 'top_ups:Distributed', 'transfers:Distributed'], 'the entry node: Distributed and the progress hint');
  for (let i = 0; i < 5; i++) await publishBatch();
  await checkExact(t);
});

t.test('clickhouse sink distributed - a SIGKILL mid-stream and a restart lose and double nothing', async (t) => {
  let publishing = true;
  const publisher = (async () => {
    for (let i = 0; i < 80 && publishing; i++) { await publishBatch(); await sleep(10); }
  })();
  try {
    // Killed while it inserts: after its first insert of this stretch, with more to come.
    const before = sink.logs.filter((l) => l['msg'] === 'rows inserted').length;
    await waitFor(async () => sink.logs.filter((l) => l['msg'] === 'rows inserted').length > before + 4, WAIT_MS, 'inserts under way', 5);
    t.equal(await sink.stop('SIGKILL'), null, 'killed');
    sink = await startSink();
  } finally {
    publishing = false;
    await publisher;
  }
  for (let i = 0; i < 3; i++) await publishBatch();
  await checkExact(t);
  const start = sink.logs.find((l) => l['msg'] === 'sink watermark read' && l['shard'] === LEDGER_SHARD);
  // What it re-reads below its watermarks (no progress hint yet: that is written every 5 s) it skips.
  t.ok(Number(start?.['watermarkSeq']) > 0, `the restarted sink read the stored watermarks through the Distributed tables: ${JSON.stringify(start)}`);
});

t.test("clickhouse sink distributed - the API's history reader with the cluster reads purchases with their items", async (t) => {
  const range = { fromMs: Date.now() - 86_400_000, toMs: Date.now() + 60_000 };
  const reader = new HistoryReader(entryUrl, DB, CLUSTER);
  t.teardown(() => reader.close());
  const list = await reader.purchases('p-s2', range);
  t.equal(list.length, purchases.get('s2'), "every purchase of s2's pupil");
  t.ok(list.every((p) => p.schoolId === 's2' && p.items.length === ITEMS_PER_PURCHASE), 'each with its two items, read on node 2');
  // The item query names the purchases' keys rather than a subquery over a second Distributed
  // table, so it needs no distributed_product_mode: a reader without the setting gets the same.
  const plain = new HistoryReader(entryUrl, DB);
  t.teardown(() => plain.close());
  t.same(await plain.purchases('p-s2', range), list, 'a reader without the cluster setting reads the same purchases and items');
  const office = await reader.schoolPurchases('s2', range);
  t.equal(office.length, purchases.get('s2'), "the office's list has every purchase of s2");
  t.ok(office.every((p) => p.items.length === ITEMS_PER_PURCHASE), 'each with its items');
});
