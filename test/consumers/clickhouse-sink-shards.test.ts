// Several ClickHouse sinks sharing the shards, against a real nats-server and clickhouse-server
// (Debian's 18.16 here). The test publishes LedgerBatch messages on three shard subjects itself
// (the registry adds 'main', empty): two sinks split the four shards with none owned twice and
// every event stored once; a SIGKILLed sink's shards move to the other and the final counts are
// exact; a transfer out and its transfer in land in transfers and top_ups with their shards; a
// restart resumes each shard from its own watermark.
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import t, { type Test } from 'tap';
import { shardQueryPrefix, sinkConsumerName, sinkLeaseKey } from '../../consumers/index.js';
import { tapgate } from '../../core/proto.js';
import { ensureLedgerStream, ledgerSubject } from '../../lib/index.js';
import { spawnNode, startStack, type ProcessHandle, type Stack } from '../helpers/stack.js';
import { sleep, waitFor } from '../helpers/gateway-fixtures.js';

const { LedgerBatch } = tapgate.events.v1;
const WAIT_MS = 60_000;
const SHARDS = ['east', 'north', 'south'] as const;
type Shard = (typeof SHARDS)[number];

t.test('clickhouse sink shards - names: consumer, lease key, query id prefix', async (t) => {
  t.equal(sinkConsumerName('north'), 'clickhouse-sink-north');
  t.equal(sinkLeaseKey('north'), 'sink-shard-north');
  t.equal(shardQueryPrefix('a'), 'tapgate_sink.a.', 'the dot keeps shard a apart from shard a-b');
});

interface SinkProcess extends ProcessHandle { readonly opsUrl: string }

async function startSink(stack: Stack, env: Record<string, string> = {}): Promise<SinkProcess> {
  const p = spawnNode('consumers/clickhouse-sink/main.js', {
    ...stack.natsEnv('sink'), TAPGATE_CLICKHOUSE_URL: stack.clickhouse!.url, TAPGATE_SINK_OPS_PORT: '0',
    TAPGATE_SINK_FLUSH_INTERVAL_MS: '50', TAPGATE_SINK_BATCH_ROWS_MAX: '16', TAPGATE_LOG_LEVEL: 'debug', ...env,
  });
  const line = await p.waitForLog((l) => l['msg'] === 'sink listening', WAIT_MS);
  return { ...p, opsUrl: `http://127.0.0.1:${Number(line['opsPort'])}` };
}

async function owned(s: SinkProcess): Promise<string[]> {
  const body = await (await fetch(`${s.opsUrl}/readyz`, { signal: AbortSignal.timeout(5000) })).json() as { shards?: string[] };
  return body.shards ?? [];
}

const stack = await startStack();
t.teardown(() => stack.stop());
const ch = createClient({ url: stack.clickhouse!.url, request_timeout: 10_000, log: { level: ClickHouseLogLevel.OFF } });
t.teardown(() => ch.close());
const js = jetstream(stack.nc);
await ensureLedgerStream(await jetstreamManager(stack.nc));

/** Passes published, by shard; a pass is device `d-<shard>`, seq 1, 2, 3... */
const passes = new Map<Shard, number>(SHARDS.map((s) => [s, 0]));
let batchNo = 0;
const lastSeq = new Map<Shard, number>();

async function publish(shard: Shard, money: tapgate.events.v1.IMoneyEvent[] = [], n = 3): Promise<number> {
  const list = Array.from({ length: n }, () => {
    const seq = passes.get(shard)! + 1;
    passes.set(shard, seq);
    return { deviceId: `d-${shard}`, seq, schoolId: `sch-${shard}`, personId: 'p1', identifierId: 'i1', personKind: 1, className: '5А',
      direction: 1, verdict: 1, reason: 1, deviceTimeMs: Date.now() - 100, decidedAtMs: Date.now(), identifierKind: 'social_card' };
  });
  const no = ++batchNo;
  const data = LedgerBatch.encode({ gatewayId: 'gw-x', shardId: shard, bootId: 'b00t', batchNo: no, passes: list, money }).finish();
  const ack = await js.publish(ledgerSubject(shard), data, { msgID: `shards.${no}` });
  lastSeq.set(shard, ack.seq);
  return ack.seq;
}

async function publishRound(): Promise<void> {
  for (const s of SHARDS) await publish(s);
}

/** Rows of pass_events by shard, and keys stored more than once. */
async function passCounts(): Promise<{ byShard: Record<string, number>; doubled: number }> {
  const rs = await ch.query({ query: 'SELECT shard_id, count() AS n, uniqExact(device_id, seq) AS u FROM tapgate.pass_events GROUP BY shard_id',
    format: 'JSONEachRow' });
  const rows = await rs.json<{ shard_id: string; n: string; u: string }>();
  const sorted = rows.sort((x, y) => x.shard_id.localeCompare(y.shard_id));
  return { byShard: Object.fromEntries(sorted.map((r) => [r.shard_id, Number(r.n)])), doubled: rows.reduce((s, r) => s + Number(r.n) - Number(r.u), 0) };
}

async function checkExact(t: Test, waitMs = WAIT_MS): Promise<void> {
  const want = { byShard: Object.fromEntries([...passes].sort(([x], [y]) => x.localeCompare(y))), doubled: 0 };
  await waitFor(async () => JSON.stringify(await passCounts().catch(() => null)) === JSON.stringify(want), waitMs,
    `pass rows ${JSON.stringify(want)}`, 100).catch(async (err: Error) => { t.comment(JSON.stringify(await passCounts())); throw err; });
  await sleep(300);
  t.same(await passCounts(), want, 'every pass once, under its own shard');
}

for (let i = 0; i < 3; i++) await publishRound();
let a = await startSink(stack);
let b = await startSink(stack);
t.teardown(() => a.stop());
t.teardown(() => b.stop());

t.test('clickhouse sink shards - two sinks split the shards, none owned twice, every event once', async (t) => {
  await waitFor(async () => {
    const [x, y] = [await owned(a), await owned(b)];
    return x.length === 2 && y.length === 2 && new Set([...x, ...y]).size === 4;
  }, 20_000, 'two shards each, four in all', 100);
  const [x, y] = [await owned(a), await owned(b)];
  t.same([...x, ...y].sort(), ['east', 'main', 'north', 'south'], `a: ${x}, b: ${y}`);
  for (let i = 0; i < 10; i++) await publishRound();
  await checkExact(t);
  const consumers = await (await jetstreamManager(stack.nc)).consumers.info('LEDGER', sinkConsumerName('north'));
  t.equal(consumers.config.filter_subject, ledgerSubject('north'), 'the shard consumer reads its own subject only');
});

t.test('clickhouse sink shards - SIGKILL one sink mid-stream: the other takes its shards, counts exact', async (t) => {
  let publishing = true;
  const publisher = (async () => {
    for (let i = 0; i < 60 && publishing; i++) { await publishRound(); await sleep(20); }
  })();
  try {
    await sleep(300);
    t.equal(await a.stop('SIGKILL'), null, 'killed');
    await waitFor(async () => (await owned(b)).length === 4, 20_000, 'the survivor owns all four shards', 100);
  } finally {
    publishing = false;
    await publisher;
  }
  await checkExact(t);
  t.same((await owned(b)).sort(), ['east', 'main', 'north', 'south']);
});

t.test('clickhouse sink shards - a transfer out and in land in transfers and top_ups with their shards', async (t) => {
  const at = Date.now();
  const outSeq = await publish('north', [{ transferOut: { transferId: 'tr-1', accountId: 'acc-1', amountKop: 12_345, toShardId: 'south', appliedAtMs: at } },
    { transferDone: { transferId: 'tr-0', appliedAtMs: at } }], 0);
  await publish('south', [{ topUp: { channel: 'transfer', paymentId: 'tr-1', accountId: 'acc-1', amountKop: 12_345, balanceAfterKop: 12_345, appliedAtMs: at } }], 0);
  const q = async (sql: string) => (await ch.query({ query: sql, format: 'JSONEachRow' })).json<Record<string, string | number>>();
  await waitFor(async () => (await q("SELECT 1 FROM tapgate.top_ups WHERE payment_id = 'tr-1'")).length === 1, 20_000, 'transfer in stored', 100);
  t.same(await q('SELECT transfer_id, account_id, amount_kop, from_shard_id, to_shard_id, applied_at_ms, ledger_stream_seq, ledger_event_index, shard_id ' +
    'FROM tapgate.transfers'), [{ transfer_id: 'tr-1', account_id: 'acc-1', amount_kop: '12345', from_shard_id: 'north', to_shard_id: 'south',
    applied_at_ms: String(at), ledger_stream_seq: String(outSeq), ledger_event_index: 0, shard_id: 'north' }], 'one transfers row; the done mark makes none');
  t.same(await q("SELECT channel, account_id, amount_kop, shard_id FROM tapgate.top_ups WHERE payment_id = 'tr-1'"),
    [{ channel: 'transfer', account_id: 'acc-1', amount_kop: '12345', shard_id: 'south' }]);
});

t.test('clickhouse sink shards - a restart resumes each shard from its own watermark', async (t) => {
  await checkExact(t);
  t.equal(await b.stop('SIGTERM'), 0, 'exit code 0');
  await publish('east');
  a = await startSink(stack);
  await checkExact(t);
  // The sink takes its shards one lease at a time: wait for each shard's start line, not just the rows.
  for (const s of ['north', 'south', 'main']) await a.waitForLog((l) => l['msg'] === 'sink watermark read' && l['shard'] === s, 30_000);
  const starts = new Map(a.logs.filter((l) => l['msg'] === 'sink watermark read').map((l) => [String(l['shard']), l]));
  for (const s of ['north', 'south'] as const) {
    t.match(starts.get(s), { progressSeq: lastSeq.get(s), startSeq: lastSeq.get(s)! + 1 }, `${s}: starts after its own last message`);
  }
  t.match(starts.get('main'), { watermarkSeq: 0, startSeq: 1 }, 'main: nothing stored, from the beginning');
  t.equal(Number((await (await fetch(`${a.opsUrl}/metrics`)).text()).match(/^tapgate_sink_table_rows_inserted_total\{table="pass_events"\} (\d+)/m)?.[1]),
    3, 'only the three new passes of east were inserted');
});
