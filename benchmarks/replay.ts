// Benchmark: how long the gateway takes to rebuild its state from the ledger at start, for
// 1,000,000 ledger records (half turnstile passes, half canteen purchases with top-ups to pay
// for them), against a baseline in the same run: reading and decoding the same stream without
// applying anything; then, after a clean stop has written a snapshot, how long the start from
// that snapshot takes. Starts its own nats-server in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, freePort } from '../../scripts/lib/servers.mjs';
import { tapgate } from '../core/proto.js';
import { Reason, Verdict, Direction, MealKind } from '../core/index.js';
import { connectNats, ensureLedgerStream, LEDGER_STREAM, ledgerSubject, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { parseRegistryJson } from '../core/index.js';
import { spawnLogged, stop, stopAll } from './harness.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' }, out: { type: 'string', default: join(root, 'benchmarks', 'results') } } });
const RECORDS = Number(values.records);
/** Records per ledger message, as the gateway writes them under load. */
const PER_MESSAGE = 1000;
const GATEWAY_ID = 'replay-bench';
const ACCOUNTS = 10_000;
const DEVICES = 1000;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-replay-'));
const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
try {
  const nc = await connectNats(nats.url, 'replay-bench');
  const jsm = await jetstreamManager(nc);
  await ensureLedgerStream(jsm);
  // A registry with one school, so presence is rebuilt as well.
  await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify({ schools: [{ id: 's1', name: 'School', timeZone: 'Europe/Moscow' }] })));
  const js = jetstream(nc);
  const now = Date.now();
  const balances = new Array<number>(ACCOUNTS).fill(0);
  const seqs = new Array<number>(DEVICES).fill(0);
  let written = 0;
  let batchNo = 0;
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  while (written < RECORDS) {
    const passes: tapgate.events.v1.IPassEvent[] = [];
    const money: tapgate.events.v1.IMoneyEvent[] = [];
    for (let k = 0; k < PER_MESSAGE && written < RECORDS; k++, written++) {
      const d = written % DEVICES;
      const seq = ++seqs[d]!;
      if (written % 2 === 0) {
        passes.push({ deviceId: `ts-${d}`, seq, schoolId: 's1', personId: `p-${written % 50_000}`, identifierId: `i-${written % 50_000}`, personKind: 1,
          direction: (written >> 1) % 2 === 0 ? Direction.DIRECTION_ENTRY : Direction.DIRECTION_EXIT, verdict: Verdict.VERDICT_ALLOW,
          reason: Reason.DECISION_REASON_OK, deviceTimeMs: now, decidedAtMs: now });
      } else {
        const a = written % ACCOUNTS;
        if (balances[a]! < 5000) {
          balances[a]! += 100_000;
          money.push({ topUp: { channel: 'bench', paymentId: `pay-${written}`, accountId: `acc-${a}`, amountKop: 100_000, balanceAfterKop: balances[a]!, appliedAtMs: now } });
        }
        balances[a]! -= 5000;
        money.push({ purchase: { deviceId: `pos-${d}`, seq, schoolId: 's1', personId: `p-${a}`, accountId: `acc-${a}`, mealKind: MealKind.MEAL_KIND_BUFFET,
          verdict: Verdict.VERDICT_ALLOW, reason: Reason.DECISION_REASON_OK, items: [{ productId: 'bun', category: 'bakery', priceKop: 5000, quantity: 1 }],
          basketKop: 5000, amountKop: 5000, balanceAfterKop: balances[a]!, deviceTimeMs: now, decidedAtMs: now, schoolDay: 20_000 } });
      }
    }
    const bytes = tapgate.events.v1.LedgerBatch.encode({ gatewayId: GATEWAY_ID, bootId: 'bench', batchNo: ++batchNo, passes, money }).finish();
    inFlight.push(js.publish(ledgerSubject(GATEWAY_ID), bytes, { msgID: `bench.${batchNo}` }));
    if (inFlight.length >= 64) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
  process.stderr.write(`wrote ${RECORDS} records in ${batchNo} messages in ${Math.round(performance.now() - started)} ms\n`);

  // Baseline: read and decode the stream, apply nothing.
  const t0 = performance.now();
  const consumer = await js.consumers.get(LEDGER_STREAM, { deliver_policy: DeliverPolicy.All });
  const iter = await consumer.consume({ max_messages: 512 });
  let read = 0;
  let decoded = 0;
  for await (const m of iter) {
    const b = tapgate.events.v1.LedgerBatch.decode(m.data);
    decoded += b.passes.length + b.money.length;
    if (++read >= batchNo) break;
  }
  await iter.close();
  const baselineS = (performance.now() - t0) / 1000;
  await nc.close();

  // The gateway's own replay: a full one; then a SIGKILL and an immediate restart, as a supervisor
  // would do it (nothing snapshotted since: the whole ledger is replayed again), timed from the kill
  // to the device port listening; then, after a clean stop wrote a snapshot, the start from it.
  const startGateway = async () => {
    const gw = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_GATEWAY_ID: GATEWAY_ID, TAPGATE_DEVICE_PORT: '0',
      TAPGATE_OPS_PORT: '0', TAPGATE_API_PORT: '0', TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9' });
    const line = await gw.line((l) => l['msg'] === 'ledger replayed') as Record<string, number>;
    await gw.line((l) => l['msg'] === 'gateway listening');
    return { gw, line };
  };
  const full = await startGateway();
  const replay = full.line;
  // Resident memory once the state is rebuilt (workers started), from /proc.
  await new Promise((r) => setTimeout(r, 500));
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${full.gw.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const killedAt = performance.now();
  full.gw.child.kill('SIGKILL');
  await new Promise((r) => full.gw.child.once('exit', r));
  const restarted = await startGateway();
  const killToServingS = (performance.now() - killedAt) / 1000;
  await stop(restarted.gw.child);
  // What the clean stop did about its snapshot: written (with its size and time) or failed (why).
  const stopLines = restarted.gw.stdout().split('\n').filter((l) => /"msg":"snapshot /.test(l)).map((l) => JSON.parse(l) as Record<string, unknown>);
  const cleanStopSnapshot = stopLines.map((l) => ({ msg: l['msg'], bytes: l['bytes'], err: l['err'] })).at(-1) ?? null;
  const again = await startGateway();
  const fromSnapshot = again.line;
  await stop(again.gw.child);
  const doc = { benchmark: 'replay', date: new Date().toISOString().slice(0, 10), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30), records: RECORDS, messages: batchNo, recordsDecodedBaseline: decoded,
    baselineReadDecodeS: Math.round(baselineS * 1000) / 1000, gatewayReplayS: Math.round((replay['rebuildSeconds'] ?? 0) * 1000) / 1000,
    gatewayReplayEvents: replay['events'], gatewayRssMiB: Math.round(rss), killToServingS: Math.round(killToServingS * 1000) / 1000,
    restartReplayS: Math.round((restarted.line['rebuildSeconds'] ?? 0) * 1000) / 1000,
    fromSnapshotRebuildS: Math.round((fromSnapshot['rebuildSeconds'] ?? 0) * 1000) / 1000, snapshotBytes: fromSnapshot['snapshotBytes'], cleanStopSnapshot, ratio: Math.round(((replay['rebuildSeconds'] ?? 0) / baselineS) * 100) / 100 };
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `${doc.date}-replay.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
} finally {
  await stopAll();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}

