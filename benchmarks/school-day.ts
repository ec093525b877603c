// Benchmark: a school day in one run. A morning entry burst at the turnstiles, a lunch rush of
// canteen POS debits with baskets, then the exits; each phase against a bare uWS echo of the
// same frames in the same run; then the gateway is restarted and its ledger rebuild timed.
// Every pupil has an account topped up through the NATS money API before the day starts.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, startClickHouse, freePort } from '../../scripts/lib/servers.mjs';
import { tapgate } from '../core/proto.js';
import { connectNats, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { parseRegistryJson } from '../core/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { echoBaseline, pickMetrics, ROOT, simulate, spawnLogged, stop, stopAll, type Phase } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: join(ROOT, 'benchmarks', 'results') } } });
const scale = values.quick ? 0.25 : 1;
const WARMUP_S = values.quick ? 1 : 3;
/** Top-up requests in flight while funding the accounts. */
const TOP_UPS_IN_FLIGHT = 256;
const PHASES: Phase[] = [
  { name: 'morning-entry', kind: 'turnstile', devices: 4000, rate: 20_000, durationS: Math.ceil(15 * scale), tapsPerFrame: 1, inFlight: 16 },
  { name: 'lunch-pos', kind: 'pos', devices: 1000, rate: 20_000, durationS: Math.ceil(15 * scale), tapsPerFrame: 1, inFlight: 16 },
  { name: 'afternoon-exit', kind: 'turnstile', devices: 4000, rate: 20_000, durationS: Math.ceil(10 * scale), tapsPerFrame: 1, inFlight: 16 },
];

const dir = mkdtempSync(join(tmpdir(), 'tapgate-day-'));
const servers: Array<{ stop(): Promise<void> }> = [];
const results: Array<Record<string, unknown>> = [];
let rebuild: Record<string, unknown> = {};
try {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  servers.push(nats);
  const ch = await startClickHouse({ httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(), dataDir: join(dir, 'ch') });
  servers.push(ch);
  // 500 schools, each with 8 turnstiles, 2 POS readers, 90 pupils with accounts and 10 staff.
  const reg = generateDemoRegistry({ schools: 500, turnstilesPerSchool: 8, posPerSchool: 2, pupilsPerSchool: 90, staffPerSchool: 10 });
  const registryPath = join(dir, 'registry.json');
  writeFileSync(registryPath, JSON.stringify(reg));
  const nc = await connectNats(nats.url, 'tapgate-bench');
  await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(reg)));

  const env = { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url, TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info',
    TAPGATE_GATEWAY_ID: 'school-day', TAPGATE_REPEAT_WINDOW_MS: '0' };
  let gw = spawnLogged('gateway/main.js', [], env);
  let ready = await gw.line((l) => l['msg'] === 'gateway listening');

  // Fund every account: 1,000 roubles each, through the money API, as banks would.
  const fundStarted = performance.now();
  let pending: Promise<unknown>[] = [];
  let refused = 0;
  for (const a of reg.accounts) {
    const req = tapgate.money.v1.TopUpRequest.encode({ channel: 'bench', paymentId: `fund-${String(a['id'])}`, accountNumber: String(a['number']), amountKop: 100_000 }).finish();
    pending.push(nc.request('tapgate.money.v1.topup', req, { timeout: 30_000 }).then((m) => {
      if (tapgate.money.v1.TopUpReply.decode(m.data).status !== tapgate.money.v1.TopUpStatus.TOP_UP_STATUS_APPLIED) refused++;
    }));
    if (pending.length >= TOP_UPS_IN_FLIGHT) { await Promise.all(pending); pending = []; }
  }
  await Promise.all(pending);
  const fundS = (performance.now() - fundStarted) / 1000;
  process.stderr.write(`funded ${reg.accounts.length} accounts in ${fundS.toFixed(2)} s (${refused} refused)\n`);

  for (const p of PHASES) {
    process.stderr.write(`phase ${p.name}: uWS echo baseline\n`);
    const base = await echoBaseline(registryPath, p, WARMUP_S);
    process.stderr.write(`phase ${p.name}: tapgate\n`);
    const tg = await simulate(`ws://127.0.0.1:${ready['devicePort']}/device/v1`, registryPath, p, false, WARMUP_S);
    const metrics = pickMetrics(await (await fetch(`http://127.0.0.1:${ready['opsPort']}/metrics`)).text());
    results.push({ phase: p, echo: base, tapgate: tg, latencyP99Ratio: Math.round((Number((tg['latencyMs'] as Record<string, number>)['p99']) /
      Math.max(0.001, Number((base['latencyMs'] as Record<string, number>)['p99']))) * 100) / 100, gatewayMetricsCumulative: metrics });
  }
  await stop(gw.child);
  gw = spawnLogged('gateway/main.js', [], env);
  const replayed = await gw.line((l) => l['msg'] === 'ledger replayed');
  ready = await gw.line((l) => l['msg'] === 'gateway listening');
  rebuild = { rebuildSeconds: replayed['rebuildSeconds'], replayedEvents: replayed['events'], replayedMessages: replayed['messages'],
    fromSnapshot: replayed['snapshotStreamSeq'] !== null, snapshotBytes: replayed['snapshotBytes'] };
  results.push({ fundAccounts: { accounts: reg.accounts.length, seconds: Math.round(fundS * 1000) / 1000, refused } });
  await nc.close();
} finally {
  await stopAll();
  for (const s of servers.reverse()) await s.stop();
  rmSync(dir, { recursive: true, force: true });
}

const date = new Date().toISOString().slice(0, 10);
const doc = { benchmark: 'school-day', date, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30),
  quick: values.quick, results, rebuild };
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${date}-school-day${values.quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
process.stderr.write(`results written to ${file}\n`);
process.stdout.write('| phase | system | taps/s | p50 ms | p99 ms | p999 ms |\n|---|---|---|---|---|---|\n');
for (const r of results) {
  const p = r['phase'] as Phase | undefined;
  if (p === undefined) continue;
  for (const [name, key] of [['uWS echo', 'echo'], ['tapgate', 'tapgate']] as const) {
    const s = r[key] as Record<string, unknown>;
    const l = s['latencyMs'] as Record<string, number>;
    process.stdout.write(`| ${p.name} | ${name} | ${s['tapsPerSecond']} | ${l['p50']} | ${l['p99']} | ${l['p999']} |\n`);
  }
}
process.stdout.write(`\nrebuild: ${JSON.stringify(rebuild)}\n`);
