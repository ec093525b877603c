// The ClickHouse sink, against a real nats-server, clickhouse-server (Debian's 18.16 here) and
// gateway: the rows match what the devices were told, in count and content; nothing is lost or
// doubled when the sink is killed and restarted, when ClickHouse is stopped and started again
// on the same data, or when the sink stops on SIGTERM; no name or card UID reaches ClickHouse.
// The pure parts (rows, runs, schema text, configuration) are checked first, table-driven.
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import t, { type Test } from 'tap';
// @ts-expect-error plain JavaScript module shared with npm start
import { startClickHouse } from '../../scripts/lib/servers.mjs';
import {
  COLUMNS, batchRows, insertRuns, loadSinkConfig, passRow, schemaStatements, tsvRows, tsvString, utcDate, type PassRow,
} from '../../consumers/index.js';
import { generateDemoRegistry } from '../../simulator/demo-registry.js';
import { DeviceClient, type Decision } from '../../simulator/device-client.js';
import { freePort, spawnNode, startGateway, startStack, type ProcessHandle, type Stack } from '../helpers/stack.js';
import { readLedger, sleep, waitFor, within } from '../helpers/gateway-fixtures.js';

const WAIT_MS = 60_000;

t.test('clickhouse sink - a pass event becomes one row with every column', async (t) => {
  const e = { deviceId: 'd1', seq: 7, schoolId: 's1', personId: 'p1', identifierId: 'i1', personKind: 1, className: '5А', direction: 2,
    verdict: 1, reason: 1, deviceTimeMs: 1_725_235_199_000, decidedAtMs: 1_725_235_199_999, identifierKind: 'social_card' };
  t.same(passRow(e, 'gw1', 42, 3), {
    event_date: '2024-09-01', decided_at: 1_725_235_199, decided_at_ms: 1_725_235_199_999, device_time_ms: 1_725_235_199_000,
    school_id: 's1', device_id: 'd1', seq: 7, person_id: 'p1', identifier_id: 'i1', identifier_kind: 'social_card', person_kind: 1,
    class_name: '5А', direction: 2, verdict: 1, reason: 1, gateway_id: 'gw1', ledger_stream_seq: 42, ledger_event_index: 3,
  });
  t.same(Object.keys(passRow(e, 'gw1', 1, 0) as PassRow), COLUMNS.map(([n]) => n), 'row keys are the table columns, in order');
  const bad = [
    { name: 'reason above UInt8', patch: { reason: 256 }, want: 'reason' },
    { name: 'verdict negative', patch: { verdict: -1 }, want: 'verdict' },
    { name: 'decided_at_ms past 2100', patch: { decidedAtMs: 4_102_444_800_000 }, want: 'decided_at_ms' },
    { name: 'seq not a safe integer', patch: { seq: 2 ** 53 }, want: 'seq' },
    { name: 'device id over 256 characters', patch: { deviceId: 'x'.repeat(257) }, want: 'device_id' },
  ];
  for (const b of bad) t.equal(passRow({ ...e, ...b.patch }, 'gw1', 1, 0), b.want, b.name);
  const mixed = batchRows([e, { ...e, reason: 300 }, e], 'gw1', 9, 1);
  t.same(mixed.rows.map((r) => r.ledger_event_index), [2], 'rows from index 1 on; the bad one is reported');
  t.same(mixed.invalid, [{ index: 1, why: 'reason out of range' }]);
  const dates = [[0, '1970-01-01'], [86_399_999, '1970-01-01'], [86_400_000, '1970-01-02'], [1_727_740_800_000, '2024-10-01']] as const;
  for (const [ms, want] of dates) t.equal(utcDate(ms), want, `utcDate(${ms})`);
});

t.test('clickhouse sink - TabSeparated body: columns in table order, strings escaped', async (t) => {
  const cases = [
    ['plain', 'plain'], ['5А', '5А'], ['a\tb', 'a\\tb'], ['a\nb', 'a\\nb'], ['a\rb', 'a\\rb'], ['a\\b', 'a\\\\b'],
    ['\\t', '\\\\t'], ['', ''], ["quote ' and \"", "quote ' and \""],
  ];
  for (const [raw, want] of cases) t.equal(tsvString(raw!), want, JSON.stringify(raw));
  const row = Object.fromEntries(COLUMNS.map(([n], i) => [n, n.endsWith('_id') || n === 'class_name' || n === 'identifier_kind' ? `v${i}\t` : i])) as unknown as PassRow;
  const body = tsvRows([row, row]);
  t.equal(body.split('\n').length, 3, 'two rows, each ended by LF');
  t.same(body.split('\n')[0]!.split('\t'), COLUMNS.map(([n], i) => (typeof row[n as keyof PassRow] === 'string' ? `v${i}\\t` : String(i))), 'fields in COLUMNS order');
});

t.test('clickhouse sink - inserts are split by partition month and by size', async (t) => {
  const row = (date: string, index: number) => ({ event_date: date, ledger_event_index: index } as PassRow);
  const cases = [
    { name: 'one month, under the limit', rows: ['2024-09-01', '2024-09-30'], max: 10, want: [[0, 1]] },
    { name: 'month boundary', rows: ['2024-09-30', '2024-10-01', '2024-10-02'], max: 10, want: [[0], [1, 2]] },
    { name: 'back to an earlier month keeps order', rows: ['2024-09-30', '2024-10-01', '2024-09-30'], max: 10, want: [[0], [1], [2]] },
    { name: 'size limit', rows: ['2024-09-01', '2024-09-01', '2024-09-01'], max: 2, want: [[0, 1], [2]] },
    { name: 'nothing', rows: [], max: 2, want: [] },
  ];
  for (const c of cases) {
    const runs = insertRuns(c.rows.map((d, i) => row(d, i)), c.max);
    t.same(runs.map((r) => r.map((x) => x.ledger_event_index)), c.want, c.name);
  }
});

t.test('clickhouse sink - schema SQL avoids what 18.16 lacks; names are validated', async (t) => {
  const sql = schemaStatements('tapgate').join('\n');
  for (const word of ['TTL', 'CODEC', 'DateTime64', 'toStartOfInterval', '{']) t.notOk(sql.includes(word), `no ${word}`);
  t.match(sql, /PARTITION BY toYYYYMM\(event_date\)\nORDER BY \(school_id, event_date, device_id, seq\)/);
  for (const name of ['tapgate; DROP TABLE x', '1abc', '', 'a-b', 'a'.repeat(65)]) {
    t.throws(() => schemaStatements(name), { code: 'CONFIG_INVALID' }, `database ${JSON.stringify(name)} refused`);
  }
});

t.test('clickhouse sink - configuration is validated with the key named', async (t) => {
  t.same(loadSinkConfig({}), {
    natsUrl: 'nats://127.0.0.1:14222', natsAuth: null, clickhouseUrl: 'http://127.0.0.1:18123', clickhouseCluster: null,
    clickhouseShardUrls: [], database: 'tapgate', batchRowsMax: 10_000, flushIntervalMs: 1000, host: '127.0.0.1', opsPort: 7402,
    shutdownGraceMs: 10_000, logLevel: 'info',
  });
  const bad = [
    ['TAPGATE_SINK_BATCH_ROWS_MAX', '0'], ['TAPGATE_SINK_BATCH_ROWS_MAX', '500001'], ['TAPGATE_SINK_FLUSH_INTERVAL_MS', '1.5'],
    ['TAPGATE_CLICKHOUSE_DATABASE', 'x;y'], ['TAPGATE_CLICKHOUSE_URL', 'ftp://h'], ['TAPGATE_SINK_OPS_PORT', '65536'], ['TAPGATE_LOG_LEVEL', 'loud'],
    ['TAPGATE_CLICKHOUSE_CLUSTER', '1x'], ['TAPGATE_CLICKHOUSE_SHARD_URLS', 'http://ch2:8123'],
  ];
  for (const [key, value] of bad) {
    t.throws(() => loadSinkConfig({ [key!]: value }), { code: 'CONFIG_INVALID', message: new RegExp(`^${key}=`) }, `${key}=${value}`);
  }
});

t.test('clickhouse sink - the cluster and its other nodes go together', async (t) => {
  const entry = { TAPGATE_CLICKHOUSE_URL: 'http://ch1:8123' };
  const layout = (env: Record<string, string>) => {
    const c = loadSinkConfig({ ...entry, ...env });
    return { cluster: c.clickhouseCluster, shards: c.clickhouseShardUrls };
  };
  t.same(layout({ TAPGATE_CLICKHOUSE_CLUSTER: '', TAPGATE_CLICKHOUSE_SHARD_URLS: '' }), { cluster: null, shards: [] }, 'both empty: one server');
  t.same(layout({ TAPGATE_CLICKHOUSE_CLUSTER: 'tapgate', TAPGATE_CLICKHOUSE_SHARD_URLS: 'http://ch2:8123' }),
    { cluster: 'tapgate', shards: ['http://ch2:8123'] });
  t.same(layout({ TAPGATE_CLICKHOUSE_CLUSTER: 'tapgate', TAPGATE_CLICKHOUSE_SHARD_URLS: ' http://ch2:8123, https://ch3:8443 ' }),
    { cluster: 'tapgate', shards: ['http://ch2:8123', 'https://ch3:8443'] }, 'spaces around the URLs are dropped');
  const eight = Array.from({ length: 8 }, (_, i) => `http://ch${i + 2}:8123`);
  t.same(layout({ TAPGATE_CLICKHOUSE_CLUSTER: 'tapgate', TAPGATE_CLICKHOUSE_SHARD_URLS: eight.join(',') }).shards, eight, 'eight URLs');
  const KEY = 'TAPGATE_CLICKHOUSE_SHARD_URLS';
  const refused: Array<[string | undefined, string, string]> = [
    ['tapgate', '', "required with TAPGATE_CLICKHOUSE_CLUSTER (the other nodes' URLs)"],
    [undefined, 'http://ch2:8123', 'allowed only with TAPGATE_CLICKHOUSE_CLUSTER'],
    ['tapgate', [...eight, 'http://ch10:8123'].join(','), 'expected at most 8 URLs separated by commas'],
    ['tapgate', 'http://ch2:8123,', 'URL 2 of 2 is empty'],
    ['tapgate', 'ch2:8123', 'URL 1 of 1 is not a http: or https: URL'],
    ['tapgate', 'nats://ch2:4222', 'URL 1 of 1 is not a http: or https: URL'],
    ['tapgate', 'not a url', 'URL 1 of 1 is not a URL'],
    ['tapgate', 'http://ch2:8123,http://ch2:8123', 'URL 2 of 2 repeats URL 1'],
    ['tapgate', 'http://ch1:8123', 'URL 1 of 1 is TAPGATE_CLICKHOUSE_URL, the entry node (list the other nodes only)'],
  ];
  for (const [cluster, urls, what] of refused) {
    const env = { ...entry, ...(cluster === undefined ? {} : { TAPGATE_CLICKHOUSE_CLUSTER: cluster }), [KEY]: urls };
    t.throws(() => loadSinkConfig(env), { code: 'CONFIG_INVALID', message: `${KEY}=${JSON.stringify(urls)}: ${what}`, details: { key: KEY } },
      `${cluster ?? '(no cluster)'} ${urls}`);
  }
});

// ---- Integration -------------------------------------------------------------------------

interface SinkProcess extends ProcessHandle { readonly opsUrl: string }

async function startSink(stack: Stack, env: Record<string, string> = {}): Promise<SinkProcess> {
  const p = spawnNode('consumers/clickhouse-sink/main.js', {
    ...stack.natsEnv('sink'), TAPGATE_CLICKHOUSE_URL: stack.clickhouse!.url, TAPGATE_SINK_OPS_PORT: '0',
    TAPGATE_SINK_FLUSH_INTERVAL_MS: '100', TAPGATE_SINK_BATCH_ROWS_MAX: '64', TAPGATE_LOG_LEVEL: 'debug', ...env,
  });
  const line = await p.waitForLog((l) => l['msg'] === 'sink listening', WAIT_MS);
  return { ...p, opsUrl: `http://127.0.0.1:${Number(line['opsPort'])}` };
}

const reg = generateDemoRegistry({ schools: 1, turnstilesPerSchool: 3, pupilsPerSchool: 60, staffPerSchool: 5 });
// Photos with consent, so the decisions carry photo references the check below looks for.
for (const p of reg.persons) Object.assign(p, { photoRef: `ph_sink${String(p['id'])}`, photoConsent: true });
const uids = reg.identifiers.map((i) => Buffer.from(String(i['uidHex']), 'hex'));
const stack = await startStack();
t.teardown(() => stack.stop());
await stack.loadRegistry(reg as unknown as Record<string, unknown[]>);
const gw = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw-sink' });
t.teardown(() => gw.stop());
const ch = createClient({ url: stack.clickhouse!.url, request_timeout: 10_000, log: { level: ClickHouseLogLevel.OFF } });
t.teardown(() => ch.close());
let sink = await startSink(stack);
t.teardown(() => sink.stop());
/** The ClickHouse started again on the same data by the restart test. */
let restarted: { stop(): Promise<void> } | null = null;
t.teardown(() => restarted?.stop());

/** What each device was told, by `${deviceId}#${seq}`, with what the tap carried. */
interface Told { readonly decision: Decision; readonly direction: number; readonly deviceTimeMs: number }
const told = new Map<string, Told>();
const devices = await Promise.all(reg.devices.map(async (d) => ({
  id: String(d['id']),
  client: await within(DeviceClient.connect(gw.deviceUrl, String(d['id']), Buffer.from(String(d['secretHex']), 'hex')), 10_000, 'connect'),
  seq: 0,
})));
t.teardown(() => { for (const d of devices) d.client.close(); });

/**
 * Each device sends up to `frames` frames of 3 taps, `pauseMs` apart, until `done()`: a known
 * card, an unknown one, and the first card again in the same direction (REPEATED_TAP).
 */
async function tapMix(frames: number, pauseMs: number, done: () => boolean = () => false): Promise<void> {
  await Promise.all(devices.map(async (d, di) => {
    for (let f = 0; f < frames && !done(); f++) {
      const direction = 1 + ((f + di) % 2);
      const known = uids[(d.seq * 7 + di) % uids.length]!;
      const taps = [known, Buffer.from([0xde, 0xad, di, f & 0xff, d.seq & 0xff]), known]
        .map((uid) => ({ seq: ++d.seq, uid, direction, deviceTimeMs: Date.now() - 1000 }));
      const decisions = await within(d.client.tap(taps), 10_000, `decisions of ${d.id}`);
      decisions.forEach((decision, i) => told.set(`${d.id}#${taps[i]!.seq}`, { decision, direction, deviceTimeMs: taps[i]!.deviceTimeMs }));
      if (pauseMs > 0) await sleep(pauseMs);
    }
  }));
}

async function rowCount(): Promise<number> {
  const rs = await ch.query({ query: 'SELECT count() AS n FROM tapgate.pass_events', format: 'JSONEachRow' });
  return Number((await rs.json<{ n: string }>())[0]?.n ?? -1);
}

/** Waits until ClickHouse has as many rows as taps told, then checks each row against its decision. */
async function checkRowsMatch(t: Test, waitMs = WAIT_MS): Promise<void> {
  await waitFor(async () => (await rowCount().catch(() => -1)) >= told.size, waitMs, `${told.size} rows in ClickHouse within ${waitMs} ms`, 100);
  await sleep(300);
  const rs = await ch.query({
    query: `SELECT device_id, seq, verdict, reason, direction, device_time_ms, decided_at_ms, toUnixTimestamp(decided_at) AS decided_at_s,
      toString(event_date) AS event_date, person_id, identifier_id, person_kind, class_name, school_id, gateway_id FROM tapgate.pass_events`,
    format: 'JSONEachRow',
  });
  const rows = await rs.json<Record<string, string | number>>();
  const seen = new Map<string, number>();
  const mismatches: string[] = [];
  for (const r of rows) {
    const key = `${r['device_id']}#${Number(r['seq'])}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    const want = told.get(key);
    if (want === undefined) { mismatches.push(`${key}: no such tap`); continue; }
    const d = want.decision;
    const decidedAtMs = Number(d.decidedAtMs);
    const got = [Number(r['verdict']), Number(r['reason']), Number(r['direction']), Number(r['device_time_ms']), Number(r['decided_at_ms']),
      Number(r['decided_at_s']), r['event_date'], r['school_id'], r['gateway_id']];
    const exp = [d.verdict, d.reason, want.direction, want.deviceTimeMs, decidedAtMs, Math.floor(decidedAtMs / 1000),
      new Date(decidedAtMs).toISOString().slice(0, 10), 'sch-0001', 'gw-sink'];
    if (JSON.stringify(got) !== JSON.stringify(exp)) mismatches.push(`${key}: ${JSON.stringify(got)} != ${JSON.stringify(exp)}`);
    if (d.display != null && (Number(r['person_kind']) !== d.display.personKind || r['class_name'] !== d.display.className)) {
      mismatches.push(`${key}: person kind/class ${r['person_kind']}/${r['class_name']} != ${d.display.personKind}/${d.display.className}`);
    }
    if (d.reason === 2 && (r['person_id'] !== '' || r['identifier_id'] !== '')) mismatches.push(`${key}: unknown card has ids`);
  }
  const doubled = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  const missing = [...told.keys()].filter((k) => !seen.has(k));
  t.same({ rows: rows.length, doubled: doubled.slice(0, 5), missing: missing.slice(0, 5), mismatches: mismatches.slice(0, 5) },
    { rows: told.size, doubled: [], missing: [], mismatches: [] }, `${told.size} rows, one per tap, equal to the decisions`);
}

async function metric(opsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.split(' ')[1]);
}

t.test('clickhouse sink - rows equal the decisions in count and content', async (t) => {
  await tapMix(35, 0);
  const reasons = new Set([...told.values()].map((x) => x.decision.reason));
  t.ok(reasons.has(1) && reasons.has(2) && reasons.has(7), `OK, UNKNOWN_IDENTIFIER and REPEATED_TAP all present: ${[...reasons]}`);
  t.ok(told.size >= 300, `${told.size} taps`);
  await checkRowsMatch(t);
  t.ok(await metric(sink.opsUrl, 'tapgate_sink_inserts_total') >= 2, 'batches of at most 64 rows took several inserts');
  t.equal(await metric(sink.opsUrl, 'tapgate_sink_rows_inserted_total'), told.size, 'rows inserted counted');
});

t.test('clickhouse sink - SIGKILL mid-stream and restart loses and doubles nothing', async (t) => {
  for (let round = 0; round < 2; round++) {
    const tapping = tapMix(40, 10);
    await sleep(300 + round * 200);
    t.equal(await sink.stop('SIGKILL'), null, 'killed');
    await sleep(200);
    sink = await startSink(stack);
    await tapping;
    const start = sink.logs.find((l) => l['msg'] === 'sink watermark read' && l['shard'] === 'main');
    t.ok(Number(start?.['watermarkSeq']) > 0, `round ${round}: restarted from watermark ${start?.['watermarkSeq']}`);
    // Well within the consumer's 60 s ack wait: messages the dead sink held are read again at once.
    await checkRowsMatch(t, 15_000);
  }
});

t.test('clickhouse sink - ClickHouse stopped and started on the same data loses and doubles nothing', async (t) => {
  const old = stack.clickhouse as unknown as { httpPort: number; tcpPort: number; stop(): Promise<void> };
  let tappingOn = true;
  const tapping = tapMix(2000, 20, () => !tappingOn);
  try {
    await sleep(200);
    await old.stop();
    await waitFor(async () => (await fetch(`${sink.opsUrl}/readyz`)).status === 503, 15_000, 'readyz 503 while ClickHouse is down', 50);
    await waitFor(async () => await metric(sink.opsUrl, 'tapgate_sink_insert_failures_total') > 0, 15_000, 'insert failures counted', 50);
    await sleep(500);
    const toldWhileDown = told.size;
    restarted = await startClickHouse({ httpPort: old.httpPort, tcpPort: old.tcpPort, interserverPort: await freePort(), dataDir: join(stack.dir, 'clickhouse') });
    await sleep(300);
    t.ok(told.size > toldWhileDown, `taps went on while ClickHouse was down and after (${toldWhileDown} -> ${told.size})`);
  } finally {
    tappingOn = false;
    await tapping;
  }
  await checkRowsMatch(t);
  await waitFor(async () => (await fetch(`${sink.opsUrl}/readyz`)).status === 200, 15_000, 'readyz 200 again', 50);
  t.match(sink.output(), /SINK_INSERT_FAILED/, 'failed inserts logged with their code');
});

t.test('clickhouse sink - SIGTERM inserts what it holds, acknowledges, exits 0', async (t) => {
  await sink.stop('SIGTERM');
  sink = await startSink(stack, { TAPGATE_SINK_FLUSH_INTERVAL_MS: '60000', TAPGATE_SINK_BATCH_ROWS_MAX: '100000' });
  const before = await rowCount();
  await tapMix(5, 0);
  await waitFor(async () => await metric(sink.opsUrl, 'tapgate_sink_queued_rows') === told.size - before, 10_000, 'rows queued in the sink', 50);
  t.equal(await rowCount(), before, 'nothing inserted before the flush interval');
  t.equal(await sink.stop('SIGTERM'), 0, 'exit code 0');
  t.equal(await rowCount(), told.size, 'the held rows were inserted on the way out');
  sink = await startSink(stack);
  await sleep(500);
  t.equal(await metric(sink.opsUrl, 'tapgate_sink_rows_inserted_total'), 0, 'the next sink found nothing left to insert');
  await checkRowsMatch(t);
});

t.test('clickhouse sink - rows stored by a sink that died before its acks are skipped, even half a message', async (t) => {
  t.equal(await sink.stop('SIGKILL'), null, 'killed');
  const before = told.size;
  const seqBefore = (await readLedger(stack.nc)).at(-1)!.streamSeq;
  await tapMix(10, 0);
  const fresh = (await readLedger(stack.nc)).filter((m) => m.streamSeq > seqBefore);
  t.ok(fresh.length >= 2, `${fresh.length} new ledger messages`);
  // As if the dead sink had inserted the first messages and 2 events of the next, then died.
  const cut = fresh[Math.floor(fresh.length / 2)]!;
  t.ok(cut.batch.passes.length >= 3, 'the cut message has events on both sides of the cut');
  const stored = [
    ...fresh.filter((m) => m.streamSeq < cut.streamSeq).flatMap((m) => batchRows(m.batch.passes, m.batch.gatewayId, m.streamSeq).rows),
    ...batchRows(cut.batch.passes.slice(0, 2), cut.batch.gatewayId, cut.streamSeq).rows,
  ];
  await ch.insert({ table: 'tapgate.pass_events', values: stored, format: 'JSONEachRow' });
  sink = await startSink(stack);
  t.match(sink.logs.find((l) => l['msg'] === 'sink watermark read' && l['shard'] === 'main'), { watermarkSeq: cut.streamSeq, watermarkIndex: 1 }, 'watermark inside the cut message');
  await checkRowsMatch(t, 15_000);
  t.equal(await metric(sink.opsUrl, 'tapgate_sink_rows_inserted_total'), told.size - before - stored.length, 'only the rows not yet stored were inserted');
});

t.test('clickhouse sink - no display name, photo or card UID reaches ClickHouse or the logs', async (t) => {
  const rs = await ch.query({ query: 'SELECT * FROM tapgate.pass_events', format: 'JSONEachRow' });
  const text = await rs.text();
  t.ok(text.length > 10_000, `searched ${text.length} characters of rows`);
  const secrets = [
    ...reg.persons.flatMap((p) => [String(p['displayName']), String(p['photoRef'])]),
    ...reg.identifiers.flatMap((i) => [String(i['uidHex']).toLowerCase(), String(i['uidHex']).toUpperCase()]),
    ...reg.devices.map((d) => String(d['secretHex'])),
  ];
  const logs = sink.output() + gw.output();
  t.ok(secrets.every((s) => s.length >= 4), 'every value searched for is a real one');
  t.same(secrets.filter((s) => text.includes(s)), [], 'no personal data in any column');
  t.same(secrets.filter((s) => logs.includes(s)), [], 'no personal data in the logs');
});

t.test('clickhouse sink - ops port: probes, metrics without per-device labels, 404', async (t) => {
  const live = await fetch(`${sink.opsUrl}/livez`);
  t.equal(live.status, 200);
  const ready = await fetch(`${sink.opsUrl}/readyz`);
  t.equal(ready.status, 200);
  t.match(await ready.json(), { ready: true, reason: null, nats: true, clickhouse: true, insertsFailing: false, watermarkSeq: Number }, 'ready');
  const text = await (await fetch(`${sink.opsUrl}/metrics`)).text();
  for (const name of ['tapgate_sink_rows_inserted_total', 'tapgate_sink_inserts_total', 'tapgate_sink_insert_failures_total',
    'tapgate_sink_insert_seconds_bucket', 'tapgate_sink_messages_skipped_total', 'tapgate_sink_batch_rows_bucket', 'tapgate_sink_lag_messages']) {
    t.match(text, new RegExp(`^${name}[ {]`, 'm'), name);
  }
  t.notMatch(text, /sch-0001|person|device_id/, 'no device, school or person in any label');
  t.equal((await fetch(`${sink.opsUrl}/nope`)).status, 404);
});

t.test('clickhouse sink - a table with other columns stops the start with SINK_SCHEMA_FAILED', async (t) => {
  await ch.command({ query: 'CREATE DATABASE IF NOT EXISTS wrongdb' });
  await ch.command({ query: 'CREATE TABLE IF NOT EXISTS wrongdb.pass_events (event_date Date, seq String) ENGINE = MergeTree() PARTITION BY toYYYYMM(event_date) ORDER BY seq' });
  const p = spawnNode('consumers/clickhouse-sink/main.js', {
    ...stack.natsEnv('sink'), TAPGATE_CLICKHOUSE_URL: stack.clickhouse!.url, TAPGATE_SINK_OPS_PORT: '0', TAPGATE_CLICKHOUSE_DATABASE: 'wrongdb',
  });
  t.equal(await within(p.exited, 20_000, 'sink exit'), 1, 'exit code 1');
  t.match(p.output(), /"code":"SINK_SCHEMA_FAILED"/);
  t.match(p.output(), /seq UInt64 \(found String\)/);
});

t.test('clickhouse sink - bad configuration exits 78 naming the variable', async (t) => {
  const p = spawnNode('consumers/clickhouse-sink/main.js', { TAPGATE_SINK_BATCH_ROWS_MAX: '0' });
  t.equal(await within(p.exited, 20_000, 'sink exit'), 78);
  t.match(p.output(), /TAPGATE_SINK_BATCH_ROWS_MAX="0": expected an integer from 1 to 500000/);
});
