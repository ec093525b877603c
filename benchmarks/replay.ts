// Benchmark: how long the gateway takes to rebuild its state from the ledger at start, for
// `--records` ledger records (default 1,000,000; issue 8 asks for 5,000,000: half turnstile
// passes, half canteen purchases with top-ups to pay for them), against a baseline in the same
// run: reading and decoding the same stream without applying anything. Then a SIGKILL and restart
// with every event behind the last snapshot, the start from a clean stop's snapshot, and a busy
// day's restart as the default snapshot policy leaves it (ADR 0014). Starts its own nats-server
// in a temporary folder.
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
import { DEFAULT_SNAPSHOT_EVENTS } from '../gateway/config.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' }, out: { type: 'string', default: join(root, 'benchmarks', 'results') } } });
const RECORDS = Number(values.records);
/** Records per ledger message, as the gateway writes them under load. */
const PER_MESSAGE = 1000;
const GATEWAY_ID = 'replay-bench';
const ACCOUNTS = 10_000;
const DEVICES = 1000;
/** Records written after the snapshot for the busy-day restart: the default TAPGATE_SNAPSHOT_EVENTS. */
const BUSY_DAY_AFTER = DEFAULT_SNAPSHOT_EVENTS;

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
  /** Appends `count` more records, as the same boot would: batch numbers and balances go on. */
  const write = async (count: number) => {
  const until = written + count;
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  while (written < until) {
    const passes: tapgate.events.v1.IPassEvent[] = [];
    const money: tapgate.events.v1.IMoneyEvent[] = [];
    for (let k = 0; k < PER_MESSAGE && written < until; k++, written++) {
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
  process.stderr.write(`wrote ${count} records, ${batchNo} messages in all, in ${Math.round(performance.now() - started)} ms\n`);
  };
  await write(RECORDS);

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

  // The gateway's own replay. (1) With snapshots off: a full replay, then a SIGKILL and an
  // immediate restart, as a supervisor would do it, timed from the kill to the device port
  // listening: every event is behind the last snapshot (there is none). (2) A clean stop writes a
  // snapshot; the next start loads it and replays nothing. (3) A busy day as the default snapshot
  // policy leaves it (ADR 0014): BUSY_DAY_AFTER more records after that snapshot, a start, a
  // SIGKILL and a restart: load the snapshot, replay what came after it.
  const startGateway = async (env: Record<string, string> = {}) => {
    const gw = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_GATEWAY_ID: GATEWAY_ID, TAPGATE_DEVICE_PORT: '0',
      TAPGATE_OPS_PORT: '0', TAPGATE_API_PORT: '0', TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9', ...env });
    const line = await gw.line((l) => l['msg'] === 'ledger replayed') as Record<string, number>;
    await gw.line((l) => l['msg'] === 'gateway listening');
    return { gw, line };
  };
  const killAndRestart = async (g: Awaited<ReturnType<typeof startGateway>>, env: Record<string, string>) => {
    const killedAt = performance.now();
    g.gw.child.kill('SIGKILL');
    await new Promise((r) => g.gw.child.once('exit', r));
    const restarted = await startGateway(env);
    return { restarted, killToServingS: (performance.now() - killedAt) / 1000 };
  };
  const NO_SNAPSHOTS = { TAPGATE_SNAPSHOT_INTERVAL_MS: '0', TAPGATE_SNAPSHOT_EVENTS: '0' };
  const full = await startGateway(NO_SNAPSHOTS);
  const replay = full.line;
  // Resident memory once the state is rebuilt (workers started), from /proc.
  await new Promise((r) => setTimeout(r, 500));
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${full.gw.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const { restarted, killToServingS } = await killAndRestart(full, NO_SNAPSHOTS);
  await stop(restarted.gw.child);
  // What the clean stop did about its snapshot: written (with its size and time) or failed (why).
  const stopLines = restarted.gw.stdout().split('\n').filter((l) => /"msg":"snapshot /.test(l)).map((l) => JSON.parse(l) as Record<string, unknown>);
  const cleanStopSnapshot = stopLines.map((l) => ({ msg: l['msg'], bytes: l['bytes'], seconds: l['seconds'], err: l['err'] })).at(-1) ?? null;
  const again = await startGateway(NO_SNAPSHOTS);
  const fromSnapshot = again.line;
  await stop(again.gw.child);
  await write(BUSY_DAY_AFTER);
  const busy = await startGateway(NO_SNAPSHOTS);
  const busyRestart = await killAndRestart(busy, NO_SNAPSHOTS);
  await stop(busyRestart.restarted.gw.child);
  await nc.close();
  const r3 = (x: number | undefined) => Math.round((x ?? 0) * 1000) / 1000;
  const doc = { benchmark: 'replay', date: new Date().toISOString().slice(0, 10), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30), records: RECORDS, messages: batchNo, recordsDecodedBaseline: decoded,
    baselineReadDecodeS: r3(baselineS), gatewayReplayS: r3(replay['rebuildSeconds']),
    gatewayReplayEvents: replay['events'], gatewayRssMiB: Math.round(rss), killToServingS: r3(killToServingS),
    restartReplayS: r3(restarted.line['rebuildSeconds']),
    fromSnapshotRebuildS: r3(fromSnapshot['rebuildSeconds']), snapshotBytes: fromSnapshot['snapshotBytes'], cleanStopSnapshot,
    fromSnapshotParts: { fetchS: r3(fromSnapshot['snapshotFetchSeconds']), decodeS: r3(fromSnapshot['snapshotDecodeSeconds']),
      restoreS: r3(fromSnapshot['snapshotRestoreSeconds']) },
    busyDay: { eventsBehindSnapshot: busyRestart.restarted.line['events'], snapshotBytes: busyRestart.restarted.line['snapshotBytes'],
      killToServingS: r3(busyRestart.killToServingS), rebuildS: r3(busyRestart.restarted.line['rebuildSeconds']),
      replayS: r3(busyRestart.restarted.line['seconds']) },
    ratio: Math.round(((replay['rebuildSeconds'] ?? 0) / baselineS) * 100) / 100 };
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `${doc.date}-replay.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
} finally {
  await stopAll();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}

