// Benchmark: taps/s and decision latency of tapgate end to end (every tap decided by the
// workers and durably appended to JetStream before its answer) against a bare uWS echo of the
// same frames, in one run on this machine. See benchmarks/README.md for the question, method
// and results. Starts its own nats-server (and clickhouse-server, for the gateway's readiness)
// in a temporary folder; every load phase is bounded in time.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, startClickHouse, freePort } from '../../scripts/lib/servers.mjs';
import { connectNats, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { parseRegistryJson } from '../core/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { echoBaseline, pickMetrics, ROOT, simulate, spawnLogged, stop, stopAll, type Phase } from './harness.js';

const root = ROOT;


const { values } = parseArgs({ options: {
  quick: { type: 'boolean', default: false },
  out: { type: 'string', default: join(root, 'benchmarks', 'results') },
} });
const scale = values.quick ? 0.2 : 1;
/** Seconds of load before measuring, in every phase and for both systems: JIT, connection storm. */
const WARMUP_S = values.quick ? 1 : 3;
const PHASES: Phase[] = [
  { name: 'saturate-1000dev', devices: 1000, rate: 200_000, durationS: Math.ceil(15 * scale), tapsPerFrame: 1, inFlight: 16 },
  { name: 'saturate-1000dev-8perframe', devices: 1000, rate: 400_000, durationS: Math.ceil(15 * scale), tapsPerFrame: 8, inFlight: 16 },
  { name: 'latency-5000dev-20k', devices: 5000, rate: 20_000, durationS: Math.ceil(20 * scale), tapsPerFrame: 1, inFlight: 16 },
];

const dir = mkdtempSync(join(tmpdir(), 'tapgate-bench-'));
const servers: Array<{ stop(): Promise<void> }> = [];
const results: Array<Record<string, unknown>> = [];
try {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  servers.push(nats);
  const ch = await startClickHouse({ httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(), dataDir: join(dir, 'ch') });
  servers.push(ch);
  const maxDevices = Math.max(...PHASES.map((p) => p.devices));
  const reg = generateDemoRegistry({ schools: maxDevices / 10, turnstilesPerSchool: 10, pupilsPerSchool: 90, staffPerSchool: 10 });
  const registryPath = join(dir, 'registry.json');
  writeFileSync(registryPath, JSON.stringify(reg));
  const loadStarted = performance.now();
  const nc = await connectNats(nats.url, 'tapgate-bench');
  await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(reg)));
  await nc.close();
  process.stderr.write(`registry of ${reg.devices.length} devices and ${reg.persons.length} persons loaded in ${Math.round(performance.now() - loadStarted)} ms\n`);

  for (const p of PHASES) {
    process.stderr.write(`phase ${p.name}: uWS echo baseline\n`);
    const base = await echoBaseline(registryPath, p, WARMUP_S);

    process.stderr.write(`phase ${p.name}: tapgate\n`);
    const gw = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url,
      TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info', TAPGATE_GATEWAY_ID: `bench-${p.name}`,
      // Every tap takes the full allow path (presence update included): at benchmark rates each
      // person taps every few seconds, and the default window would turn most taps into repeats.
      TAPGATE_REPEAT_WINDOW_MS: '0' });
    const gwReady = await gw.line((l) => l['msg'] === 'gateway listening');
    const tg = await simulate(`ws://127.0.0.1:${gwReady['devicePort']}/device/v1`, registryPath, p, false, WARMUP_S);
    const metrics = await (await fetch(`http://127.0.0.1:${gwReady['opsPort']}/metrics`)).text();
    await stop(gw.child);
    const ratio = Number(tg['tapsPerSecond']) / Math.max(1, Number(base['tapsPerSecond']));
    results.push({ phase: p, echo: base, tapgate: tg, throughputRatio: Math.round(ratio * 1000) / 1000, gatewayMetrics: pickMetrics(metrics) });
  }
} finally {
  await stopAll();
  for (const s of servers.reverse()) await s.stop();
  rmSync(dir, { recursive: true, force: true });
}

const date = new Date().toISOString().slice(0, 10);
const doc = { benchmark: 'taps', date, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30),
  quick: values.quick, results };
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${date}-taps${values.quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
process.stderr.write(`results written to ${file}\n`);
const row = (name: string, s: Record<string, unknown>) => {
  const l = s['latencyMs'] as Record<string, number>;
  return `| ${name} | ${s['tapsPerSecond']} | ${l['p50']} | ${l['p99']} | ${l['p999']} |`;
};
process.stdout.write('| phase | system | taps/s | p50 ms | p99 ms | p999 ms | tapgate/echo |\n|---|---|---|---|---|---|---|\n');
for (const r of results) {
  const p = r['phase'] as Phase;
  process.stdout.write(row(`${p.name} | uWS echo`, r['echo'] as Record<string, unknown>) + ' |\n');
  process.stdout.write(row(`${p.name} | tapgate`, r['tapgate'] as Record<string, unknown>) + ` ${r['throughputRatio']} |\n`);
}
