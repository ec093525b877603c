// `npm run bench:cluster`: what shards on two gateways (issue 10, ADR 0018) give and cost, each
// next to its single-process baseline from the same run. A demo city's schools are split into two
// shards that rendezvous hashing gives to gw1 and gw2 (benchmarks/cluster-kit.ts).
//   1. taps/s and latency: the simulator at a fixed rate against one gateway owning both shards;
//      then two simulators at once, one per shard, each against its shard's owner of two
//      gateways (sum of taps/s, each one's p50/p99); the same with a target above saturation.
//   4. (run while one gateway owns everything) taps at 2,000/s alone, and again while roster CSV
//      files are imported one after another through the API process (ADR 0017).
//   2, 3. takeover after SIGKILL / SIGSTOP of a gateway, and the loss of a NATS node
//      (benchmarks/cluster-faults.ts), with the ledger checked after each.
// Everything shares this machine's cores: two gateways on two cores are not two machines.
// Writes results/DATE-cluster.json. Every process started is stopped by PID, also on failure.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, freePort } from '../../scripts/lib/servers.mjs';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats, openRegistry } from '../lib/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { createToken, openTokenBucket } from '../api/tokens.js';
import { loadRegistry, shardIdsForGateways, splitRegistry, startGw, waitOwners, writeRegistry, type Gw } from './cluster-kit.js';
import { natsNodePhase, takeoverPhase } from './cluster-faults.js';
import { ROOT, simulate, spawnLogged, stop, stopAll, type Phase } from './harness.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'benchmarks', 'results') } } });
/** Warm-up seconds of every simulator phase (JIT, connection storm), left out of its figures. */
const WARMUP_S = 2;
const FIXED: Phase = { name: 'fixed-5000', devices: 200, rate: 5000, durationS: 10, tapsPerFrame: 1, inFlight: 1 };
/** A target no set-up here reaches: the rate reached is the saturation figure. */
const SATURATE: Phase = { name: 'saturate', devices: 200, rate: 40_000, durationS: 8, tapsPerFrame: 1, inFlight: 16 };
const IMPORT_TAPS: Phase = { name: 'taps-2000', devices: 200, rate: 2000, durationS: 10, tapsPerFrame: 1, inFlight: 1 };
/** Rows of each roster file imported during the taps (api.ts imports 2,000-row files the same way). */
const ROSTER_ROWS = 2000;
/** Roster files imported at most during one phase. */
const ROSTER_FILES_MAX = 50;
/** Per-device tap allowance of the phase-1 gateways: the saturation phase must not hit ADR 12's limit. */
const DEVICE_TAPS_PER_S = '2000';
const progress = (m: string) => process.stderr.write(`bench:cluster: ${m}\n`);

/** The simulator's figures that the table needs. */
function brief(s: Record<string, unknown>): Record<string, unknown> {
  const lat = s['latencyMs'] as Record<string, number>;
  return { tapsPerSecond: s['tapsPerSecond'], p50Ms: lat['p50'], p99Ms: lat['p99'], p999Ms: lat['p999'],
    framesRefused: s['framesRefused'], skippedBusy: s['skippedBusy'], devices: s['devices'], closes: s['closes'] };
}

/** Two simulators at once, one per shard, each against its owner; taps/s summed. */
async function twoSims(gws: readonly [Gw, Gw], files: readonly [string, string], p: Phase): Promise<Record<string, unknown>> {
  const half: Phase = { ...p, devices: p.devices / 2, rate: p.rate / 2 };
  const [a, b] = await Promise.all([simulate(gws[0].url, files[0], half, false, WARMUP_S), simulate(gws[1].url, files[1], half, false, WARMUP_S)]);
  return { tapsPerSecondSum: Number(a['tapsPerSecond']) + Number(b['tapsPerSecond']), gw1: brief(a), gw2: brief(b) };
}

function rosterCsv(round: number): string {
  const rows = ['surname,given_name,patronymic,birth_date,kind,class,identifier_kind,card_uid,guardian_phone,guardian_surname,guardian_given_name'];
  for (let i = 0; i < ROSTER_ROWS; i++) {
    const uid = (0x10000000 + round * 0x10000 + i).toString(16);
    const phone = `+7916${String(round * 10_000 + Math.floor(i / 2)).padStart(7, '0')}`;
    rows.push(`Раунд${round}_${String.fromCharCode(1072 + (i % 32))}${i},Ростер,,2014-05-0${1 + (i % 9)},pupil,${1 + (i % 11)}Б,social_card,${uid},${phone},Родителев,`);
  }
  return rows.join('\n') + '\n';
}

/** Phase 4: the API process beside one gateway; taps alone, then during roster imports. */
async function importsPhase(nc: NatsConnection, natsUrl: string, gw: Gw, registryPath: string): Promise<Record<string, unknown>> {
  const apiProc = spawnLogged('api/main.js', [], { TAPGATE_NATS_URL: natsUrl, TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9',
    TAPGATE_API_PORT: '0', TAPGATE_API_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info' });
  try {
    const api = `http://127.0.0.1:${String((await apiProc.line((l) => l['msg'] === 'api listening'))['apiPort'])}/api/v1`;
    const { token } = await createToken(await openTokenBucket(nc), { role: 'city_admin', label: 'bench-cluster' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await (await openRegistry(nc)).put('school.bench', JSON.stringify({ id: 'bench', name: 'Бенчмарк', timeZone: 'Europe/Moscow', kind: 'school' }));
    progress(`imports: taps alone at ${IMPORT_TAPS.rate}/s`);
    const alone = brief(await simulate(gw.url, registryPath, IMPORT_TAPS, false, WARMUP_S));
    progress('imports: the same taps while roster files are imported');
    let importing = true;
    const imports: number[] = [];
    const importer = (async () => {
      for (let round = 1; importing && round <= ROSTER_FILES_MAX; round++) {
        const t0 = performance.now();
        const r = await fetch(`${api}/schools/bench/roster`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body: rosterCsv(round) });
        const report = await r.json() as { failed?: number };
        if (r.status !== 200 || report.failed !== 0) throw new Error(`roster import ${round}: ${r.status} ${JSON.stringify(report).slice(0, 200)}`);
        imports.push(Math.round(performance.now() - t0));
      }
    })();
    const during = brief(await simulate(gw.url, registryPath, IMPORT_TAPS, false, WARMUP_S));
    importing = false;
    await importer;
    return { tapsAlone: alone, tapsDuringImports: during, rosterRowsPerFile: ROSTER_ROWS, importsDone: imports.length, importMs: imports };
  } finally {
    await stop(apiProc.child);
  }
}

/** Phases 1 and 4 on one NATS: one gateway owning both shards, then two gateways. */
async function throughputPhases(dir: string, shards: readonly [string, string]): Promise<Record<string, unknown>> {
  const reg = generateDemoRegistry({ schools: 20, turnstilesPerSchool: 10, pupilsPerSchool: 100, staffPerSchool: 10 });
  const parts = splitRegistry(reg, shards);
  const whole = writeRegistry(dir, 'registry.json', reg);
  const files: [string, string] = [writeRegistry(dir, 'registry-a.json', parts[0]), writeRegistry(dir, 'registry-b.json', parts[1])];
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  const nc = await connectNats(nats.url, 'bench-cluster');
  const out: Record<string, unknown> = {};
  try {
    await loadRegistry(nc, reg);
    const env = { TAPGATE_DEVICE_TAPS_PER_S: DEVICE_TAPS_PER_S };
    const g1 = await startGw('gw1', nats.url, 0, env);
    await waitOwners([[g1, shards]]);
    progress(`one gateway: ${FIXED.rate} taps/s`);
    out['oneGateway'] = brief(await simulate(g1.url, whole, FIXED, false, WARMUP_S));
    progress('one gateway: saturation');
    out['oneGatewaySaturation'] = brief(await simulate(g1.url, whole, SATURATE, false, WARMUP_S));
    out['imports'] = await importsPhase(nc, nats.url, g1, whole);
    progress('two gateways: starting gw2 and waiting for the hand-back of its shard');
    const g2 = await startGw('gw2', nats.url, 0, env);
    await waitOwners([[g1, [shards[0]]], [g2, [shards[1]]]]);
    progress(`two gateways: ${FIXED.rate} taps/s`);
    out['twoGateways'] = await twoSims([g1, g2], files, FIXED);
    progress('two gateways: saturation');
    out['twoGatewaysSaturation'] = await twoSims([g1, g2], files, SATURATE);
    await Promise.all([stop(g1.logged.child), stop(g2.logged.child)]);
  } finally {
    await nc.close();
    await nats.stop();
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'tapgate-bench-cluster-'));
const results: Record<string, unknown> = {};
try {
  const shards = shardIdsForGateways();
  results['shards'] = { gw1: shards[0], gw2: shards[1] };
  // A phase that fails is recorded as such; the others still run and the file is written.
  const phase = async (name: string, run: () => Promise<Record<string, unknown>>) => {
    try { results[name] = await run(); } catch (err) { results[name] = { error: (err as Error).message }; }
    progress(`${name}: ${JSON.stringify(results[name])}`);
  };
  await phase('throughput', () => throughputPhases(dir, shards));
  const small = generateDemoRegistry({ schools: 4, turnstilesPerSchool: 10, pupilsPerSchool: 200, staffPerSchool: 10 });
  splitRegistry(small, shards);
  await phase('takeover', () => takeoverPhase(dir, small, shards));
  await phase('natsNodeLoss', () => natsNodePhase(dir, small, shards));
} finally {
  await stopAll();
  rmSync(dir, { recursive: true, force: true });
}
const date = new Date().toISOString().slice(0, 10);
const doc = { benchmark: 'cluster', date, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
  memGiB: Math.round(totalmem() / 2 ** 30), fixed: FIXED, saturate: SATURATE, importTaps: IMPORT_TAPS, faultDevices: 40, tapIntervalMs: 50, results };
mkdirSync(values.out, { recursive: true });
const file = join(values.out, `${date}-cluster.json`);
writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
process.stderr.write(`results written to ${file}\n`);
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
