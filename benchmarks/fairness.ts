// `npm run bench:fairness`: does one flooding device hurt the others? One gateway, 199 well-behaved
// turnstiles at a steady rate measured three times in the same run: alone (baseline), while one
// more device floods (frames as fast as its socket drains, every Error ignored, reconnecting at
// once when closed: benchmarks/flooder.ts), and alone again after the flood. The gateway's RSS
// and heap are sampled from its /metrics throughout, so the run also shows whether memory comes
// back. Bounded to about a minute. Writes results/DATE-fairness.json; see benchmarks/README.md.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, freePort } from '../../scripts/lib/servers.mjs';
import { connectNats, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { parseRegistryJson } from '../core/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { Flooder } from './flooder.js';
import { ROOT, simulate, spawnLogged, stopAll, type Phase } from './harness.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: join(ROOT, 'benchmarks', 'results') } } });
const PHASE_S = values.quick ? 4 : 12;
const WARMUP_S = 2;
/** The others: 199 turnstiles, 1,000 taps/s in all (5 per device and second, one tap per frame). */
const others: Phase = { name: 'others', devices: 199, rate: 1000, durationS: PHASE_S, tapsPerFrame: 1, inFlight: 4 };
const progress = (m: string) => process.stderr.write(`bench:fairness: ${m}\n`);
const MIB = 2 ** 20;

interface MemSample { readonly atS: number; readonly phase: string; readonly rssMiB: number; readonly heapUsedMiB: number; readonly heapTotalMiB: number; readonly externalMiB: number }

function metric(text: string, name: string): number {
  return Number(new RegExp(`^tapgate_gateway_${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}
const mib = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-bench-fair-'));
const results: Record<string, unknown> = {};
const samples: MemSample[] = [];
try {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  try {
    const reg = generateDemoRegistry({ schools: 20, turnstilesPerSchool: 10, pupilsPerSchool: 90, staffPerSchool: 10 });
    const registryPath = join(dir, 'registry.json');
    writeFileSync(registryPath, JSON.stringify(reg));
    const nc = await connectNats(nats.url, 'bench-fairness');
    await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(reg)));
    await nc.close();
    const gw = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9', TAPGATE_DEVICE_PORT: '0',
      TAPGATE_OPS_PORT: '0', TAPGATE_API_PORT: '0', TAPGATE_LOG_LEVEL: 'info', TAPGATE_GATEWAY_ID: 'bench-fairness',
      // Every tap takes the full allow path (presence included), as in bench:taps.
      TAPGATE_REPEAT_WINDOW_MS: '0' });
    const listening = await gw.line((l) => l['msg'] === 'gateway listening');
    const deviceUrl = `ws://127.0.0.1:${String(listening['devicePort'])}/device/v1`;
    const metricsUrl = `http://127.0.0.1:${String(listening['opsPort'])}/metrics`;
    let phase = 'start';
    const t0 = performance.now();
    const sample = async () => {
      const text = await (await fetch(metricsUrl)).text();
      samples.push({ atS: Math.round((performance.now() - t0) / 100) / 10, phase, rssMiB: mib(metric(text, 'process_resident_memory_bytes')),
        heapUsedMiB: mib(metric(text, 'nodejs_heap_size_used_bytes')), heapTotalMiB: mib(metric(text, 'nodejs_heap_size_total_bytes')),
        externalMiB: mib(metric(text, 'nodejs_external_memory_bytes')) });
    };
    const sampler = setInterval(() => { void sample().catch(() => undefined); }, 500);
    try {
      await sample();
      progress(`baseline: ${others.devices} devices, ${others.rate} taps/s, ${PHASE_S} s`);
      phase = 'before';
      results['before'] = await simulate(deviceUrl, registryPath, others, false, WARMUP_S);
      // The flooder is the registry's last turnstile: the simulator uses the first 199.
      const dev = reg.devices[reg.devices.length - 1]!;
      const school = String(dev['schoolId']);
      const person = reg.persons.find((p) => p['schoolId'] === school)!;
      const uid = Buffer.from(String(reg.identifiers.find((i) => i['personId'] === person['id'])!['uidHex']), 'hex');
      const flooder = new Flooder(deviceUrl, String(dev['id']), Buffer.from(String(dev['secretHex']), 'hex'), uid);
      progress('flood: the same devices and one flooding device');
      phase = 'flood';
      const floodStarted = performance.now();
      flooder.start();
      results['flood'] = await simulate(deviceUrl, registryPath, others, false, WARMUP_S);
      await flooder.stop();
      const floodS = (performance.now() - floodStarted) / 1000;
      results['flooder'] = { ...flooder.stats, framesPerSecond: Math.round(flooder.stats.framesSent / floodS) };
      const text = await (await fetch(metricsUrl)).text();
      results['gatewayCounters'] = Object.fromEntries(text.split('\n')
        .filter((l) => /^tapgate_gateway_(frame_errors_total|device_closes_total|rate_limited_frames_total)/.test(l)).map((l) => l.split(' ') as [string, string]));
      progress('after: the same devices alone again');
      phase = 'after';
      results['after'] = await simulate(deviceUrl, registryPath, others, false, WARMUP_S);
      await sample();
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await stopAll();
    await nats.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const lat = (k: string) => (results[k] as { latencyMs: Record<string, number>; tapsPerSecond: number; framesRefused: number });
const rssOf = (p: string, pick: (xs: number[]) => number) => pick(samples.filter((s) => s.phase === p).map((s) => s.rssMiB));
const memory = {
  rssBeforeMiB: rssOf('before', (xs) => xs[xs.length - 1]!), rssFloodMaxMiB: rssOf('flood', (xs) => Math.max(...xs)),
  rssAfterMiB: rssOf('after', (xs) => xs[xs.length - 1]!),
};
const summary = {
  p50Ms: { before: lat('before').latencyMs['p50'], flood: lat('flood').latencyMs['p50'], after: lat('after').latencyMs['p50'] },
  p99Ms: { before: lat('before').latencyMs['p99'], flood: lat('flood').latencyMs['p99'], after: lat('after').latencyMs['p99'] },
  p99FloodOverBefore: Math.round((lat('flood').latencyMs['p99']! / lat('before').latencyMs['p99']!) * 100) / 100,
  othersTapsPerSecond: { before: lat('before').tapsPerSecond, flood: lat('flood').tapsPerSecond, after: lat('after').tapsPerSecond },
  othersFramesRefused: { before: lat('before').framesRefused, flood: lat('flood').framesRefused, after: lat('after').framesRefused },
  memory,
};
const date = new Date().toISOString().slice(0, 10);
const doc = { benchmark: 'fairness', date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
  quick: values.quick, others, summary, results, memorySamples: samples };
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${date}-fairness${values.quick ? '-quick' : ''}.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
progress(`results written to ${file}`);
process.stdout.write(JSON.stringify({ summary, flooder: results['flooder'], gatewayCounters: results['gatewayCounters'] }, null, 2) + '\n');
process.stdout.write('| date | others p50 ms before / flood / after | others p99 ms before / flood / after | p99 flood/before | ' +
  'gateway RSS MiB before / flood max / after | flooder frames/s |\n');
process.stdout.write(`| ${date} | ${summary.p50Ms.before} / ${summary.p50Ms.flood} / ${summary.p50Ms.after} | ` +
  `${summary.p99Ms.before} / ${summary.p99Ms.flood} / ${summary.p99Ms.after} | ${summary.p99FloodOverBefore} | ` +
  `${memory.rssBeforeMiB} / ${memory.rssFloodMaxMiB} / ${memory.rssAfterMiB} | ${(results['flooder'] as { framesPerSecond: number }).framesPerSecond} |\n`);
