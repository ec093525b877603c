// Benchmark: from a tap decided by the gateway to the message accepted by the local SMTP server,
// push service or SMSC, at 2,000 and 20,000 taps/s with 100,000 guardians; the notifier's
// throughput, memory and backlog; and what the running notifier costs the gateway's tap latency
// (the same load with the gateway alone is the baseline, in the same run). See
// benchmarks/README.md for the question, method and results.
//
// Every tap is an entry (simulator --direction entry): an exit is held three minutes by design
// (an exit and a re-entry collapse), so alternating taps would measure the hold, not the path.
// Each pupil has one parent subscribed to entries on one channel, so each tap makes one notice.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, startClickHouse, freePort } from '../../scripts/lib/servers.mjs';
import { parseRegistryJson } from '../core/index.js';
import { connectNats, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { simulate, spawnLogged, stop, stopAll, type Logged, type Phase } from './harness.js';
import { providersBaseline } from './notify-baseline.js';
import {
  addParents, channelOfPupil, Collector, cpuSeconds, machineTicks, match, percentiles, readEntries, rssMiB, SMPP_PASSWORD, startProviders,
  CHANNELS, type Channel, type Matched, type Received,
} from './notify-collect.js';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'benchmarks', 'results') } } });
/** 100 schools of 1,000 pupils: 100,000 pupils, one parent each (--quick: 10 schools). */
const SCHOOLS = values.quick ? 10 : 100;
const PUPILS_PER_SCHOOL = 1000;
const TURNSTILES_PER_SCHOOL = 10;
const DURATION_S = values.quick ? 8 : 20;
const WARMUP_S = values.quick ? 1 : 3;
const RATE_LOW = 2_000;
const RATE_HIGH = 20_000;
/** The notifier's partitions (its default); the benchmark waits until one process owns them all. */
const PARTITIONS = 8;
/** Longest wait for the notifier to send everything after a phase, in ms. */
const DRAIN_MAX_MS = values.quick ? 30_000 : 60_000;
const SAMPLE_MS = 500;
/** Messages per channel sent straight through the providers for the baseline, and how many at a time (as the notifier, per partition). */
const BASELINE_MESSAGES = values.quick ? 1000 : 5000;
const BASELINE_IN_FLIGHT = 64;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-notify-'));
const servers: Array<{ stop(): Promise<void> }> = [];
const pids: Record<string, number> = {};
const phases: PhaseRecord[] = [];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface PhaseRecord {
  readonly name: string; readonly rate: number; readonly notifier: boolean;
  readonly startMs: number; readonly loadEndMs: number; readonly drainedAtMs: number | null;
  readonly taps: Record<string, unknown>; readonly cpuS: Record<string, number>; readonly machineBusyPct: number;
  readonly rssMaxMiB: Record<string, number>;
  /** Notices open and ledger messages unplanned when the drain ended (0 and 0 when drained). */
  readonly left?: { readonly open: number; readonly ledgerLag: number };
}

/** CPU seconds of every process we know of, the benchmark's own (providers, collector) included. */
function cpuNow(): Record<string, number> {
  const out: Record<string, number> = { bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 };
  for (const [name, pid] of Object.entries(pids)) out[name] = cpuSeconds(pid);
  return out;
}
const cpuDelta = (a: Record<string, number>, b: Record<string, number>) =>
  Object.fromEntries(Object.keys(b).map((k) => [k, Math.round(((b[k] ?? NaN) - (a[k] ?? 0)) * 100) / 100]));

/** The simulator's CPU seconds at the last sample (it is gone when the phase ends). */
let simulatorCpuS = NaN;

/** Samples the RSS of every known process and the simulator's CPU until stopped. */
function sampler(): { stop(): Record<string, number> } {
  const max: Record<string, number> = {};
  const tick = () => {
    for (const [name, pid] of Object.entries(pids)) { const r = rssMiB(pid); if (r > (max[name] ?? 0)) max[name] = r; }
    const sim = pids['simulator'] === undefined ? NaN : cpuSeconds(pids['simulator']);
    if (!Number.isNaN(sim)) simulatorCpuS = sim;
  };
  const timer = setInterval(tick, SAMPLE_MS);
  return { stop: () => { clearInterval(timer); tick(); return max; } };
}

/** /metrics requests the notifier did not answer (its ops port reset them while it was saturated). */
let metricsFailures = 0;

async function metric(opsUrl: string, name: string): Promise<number> {
  try {
    const text = await (await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  } catch {
    metricsFailures++;
    return NaN;
  }
}

/** What was left when the notifier was last asked: notices open, ledger messages not yet planned. */
const left = { open: NaN, ledgerLag: NaN };

/** Waits until the notifier has read the whole ledger and has nothing open; the time it got there, or null. */
async function drained(opsUrl: string): Promise<number | null> {
  let zeroes = 0;
  for (const until = Date.now() + DRAIN_MAX_MS; Date.now() < until;) {
    left.open = await metric(opsUrl, 'tapgate_notify_open');
    left.ledgerLag = await metric(opsUrl, 'tapgate_notify_ledger_lag_messages');
    zeroes = left.open === 0 && left.ledgerLag === 0 ? zeroes + 1 : 0;
    if (zeroes >= 2) return Date.now() - 250;
    await sleep(250);
  }
  return null;
}

async function runPhase(url: string, name: string, rate: number, notifierOps: string | null): Promise<PhaseRecord> {
  process.stderr.write(`phase ${name}: ${rate} taps/s for ${DURATION_S} s${notifierOps === null ? ', gateway alone' : ', notifier running'}\n`);
  const p: Phase = { name, devices: SCHOOLS * TURNSTILES_PER_SCHOOL, rate, durationS: DURATION_S, tapsPerFrame: 1, inFlight: 16, direction: 'entry' };
  const cpu0 = cpuNow();
  const ticks0 = machineTicks();
  const rss = sampler();
  const startMs = Date.now();
  const summary = await simulate(url, join(dir, 'registry.json'), p, false, WARMUP_S, (pid) => { pids['simulator'] = pid; });
  const loadEndMs = Date.now();
  const ticks1 = machineTicks();
  const cpu1 = { ...cpuNow(), simulator: simulatorCpuS };
  delete pids['simulator'];
  simulatorCpuS = NaN;
  const drainedAtMs = notifierOps === null ? null : await drained(notifierOps);
  const cpuS = cpuDelta({ ...cpu0, simulator: 0 }, cpu1);
  const machineBusyPct = Math.round((ticks1.busy - ticks0.busy) / (ticks1.total - ticks0.total) * 1000) / 10;
  const { tapsSent, tapsDecided, tapsPerSecond, framesRefused, skippedBusy, latencyMs } = summary as Record<string, unknown>;
  return { name, rate, notifier: notifierOps !== null, startMs, loadEndMs, drainedAtMs, cpuS, machineBusyPct, rssMaxMiB: rss.stop(),
    ...(notifierOps === null ? {} : { left: { ...left } }),
    taps: { tapsSent, tapsDecided, tapsPerSecond, framesRefused, skippedBusy, latencyMs } };
}

async function startNotifier(natsUrl: string, chUrl: string, providers: Awaited<ReturnType<typeof startProviders>>): Promise<{ n: Logged; ops: string }> {
  const caFile = join(dir, 'push-ca.pem');
  writeFileSync(caFile, providers.push.caPem);
  const pwFile = join(dir, 'smpp.password');
  writeFileSync(pwFile, `${SMPP_PASSWORD}\n`, { mode: 0o600 });
  const n = spawnLogged('consumers/notifier/main.js', [], {
    TAPGATE_NATS_URL: natsUrl, TAPGATE_CLICKHOUSE_URL: chUrl, TAPGATE_NOTIFY_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info',
    TAPGATE_NOTIFY_PARTITIONS: String(PARTITIONS), TAPGATE_SMTP_URL: `smtp://127.0.0.1:${providers.mail.smtpPort}`,
    TAPGATE_SMPP_URL: `smpp://tapgate@127.0.0.1:${providers.smsc.port}`, TAPGATE_SMPP_PASSWORD_FILE: pwFile,
    TAPGATE_VAPID_FILE: join(dir, 'vapid.json'), TAPGATE_PUSH_CA_FILE: caFile,
  });
  if (n.child.pid !== undefined) pids['notifier'] = n.child.pid;
  const line = await n.line((l) => l['msg'] === 'notifier running');
  const ops = `http://127.0.0.1:${Number(line['opsPort'])}`;
  for (const until = Date.now() + 30_000; Date.now() < until; await sleep(100)) {
    const ready = await (await fetch(`${ops}/readyz`)).json() as { partitions?: number[] };
    if ((ready.partitions ?? []).length === PARTITIONS) break;
  }
  return { n, ops };
}

/** Latency, throughput and backlog of the messages whose taps were decided within a phase's window. */
function deliveryOf(ph: PhaseRecord, matched: readonly Matched[], got: readonly Received[]) {
  const mine = matched.filter((m) => m.decidedAtMs >= ph.startMs && m.decidedAtMs <= ph.loadEndMs);
  const lat = (ms: readonly Matched[]) => percentiles(ms.map((m) => m.atMs - m.decidedAtMs));
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, lat(mine.filter((m) => m.channel === c))]));
  const first = Math.min(...mine.map((m) => m.atMs));
  const last = Math.max(...mine.map((m) => m.atMs));
  const lastTap = Math.max(...mine.map((m) => m.decidedAtMs));
  // Messages per second as the providers took them, in whole seconds of the phase.
  const perSecond = new Map<number, number>();
  for (const r of got) if (r.atMs >= ph.startMs && r.atMs <= (ph.drainedAtMs ?? ph.loadEndMs)) perSecond.set(Math.floor(r.atMs / 1000), (perSecond.get(Math.floor(r.atMs / 1000)) ?? 0) + 1);
  return { messages: mine.length, latencyMs: lat(mine), byChannel,
    messagesPerSecond: Math.round(mine.length / Math.max(0.001, (last - first) / 1000)),
    peakMessagesPerSecond: Math.max(0, ...perSecond.values()), backlogAfterLastTapMs: last - lastTap };
}

try {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
  servers.push(nats);
  pids['nats'] = nats.pid as number;
  const ch = await startClickHouse({ httpPort: await freePort(), tcpPort: await freePort(), interserverPort: await freePort(), dataDir: join(dir, 'ch') });
  servers.push(ch);
  pids['clickhouse'] = ch.pid as number;
  const providers = await startProviders();
  servers.push({ stop: () => providers.close() });

  const reg = generateDemoRegistry({ schools: SCHOOLS, turnstilesPerSchool: TURNSTILES_PER_SCHOOL, pupilsPerSchool: PUPILS_PER_SCHOOL, staffPerSchool: 0 });
  const phoneToGuardian = addParents(reg, providers.push);
  const channelOf = new Map<string, Channel>(reg.persons.map((p, i) => [String(p['id']), channelOfPupil(i)]));
  writeFileSync(join(dir, 'registry.json'), JSON.stringify(reg));
  const loadStarted = performance.now();
  const nc = await connectNats(nats.url, 'tapgate-bench');
  await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(reg)));
  const registryLoadS = Math.round(performance.now() - loadStarted) / 1000;
  process.stderr.write(`registry of ${reg.persons.length} pupils and ${reg.guardians.length} guardians loaded in ${registryLoadS} s\n`);

  const gw = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url, TAPGATE_DEVICE_PORT: '0',
    TAPGATE_OPS_PORT: '0', TAPGATE_LOG_LEVEL: 'info', TAPGATE_GATEWAY_ID: 'bench-notify', TAPGATE_REPEAT_WINDOW_MS: '0' });
  if (gw.child.pid !== undefined) pids['gateway'] = gw.child.pid;
  const url = `ws://127.0.0.1:${(await gw.line((l) => l['msg'] === 'gateway listening'))['devicePort']}/device/v1`;
  // Baseline of the delivery figures: the providers and local servers alone, in this process.
  const baseline = await providersBaseline(providers, BASELINE_MESSAGES, BASELINE_IN_FLIGHT);
  process.stderr.write(`providers alone: ${JSON.stringify(baseline)}\n`);
  const collector = new Collector(providers, phoneToGuardian);
  collector.collect();
  collector.got.length = 0; // the baseline's messages are not the notifier's

  phases.push(await runPhase(url, 'alone-2k', RATE_LOW, null));
  // The notifier starts with the taps of the phase above in the ledger: it catches them up at full speed.
  const catchUpStart = Date.now();
  const cpu0 = cpuNow();
  const rss = sampler();
  const { n, ops } = await startNotifier(nats.url, ch.url, providers);
  const catchUpDrained = await drained(ops);
  phases.push({ name: 'catch-up', rate: 0, notifier: true, startMs: catchUpStart, loadEndMs: catchUpStart, drainedAtMs: catchUpDrained,
    taps: {}, cpuS: cpuDelta(cpu0, cpuNow()), machineBusyPct: NaN, rssMaxMiB: rss.stop(), left: { ...left } });
  phases.push(await runPhase(url, 'notifier-2k', RATE_LOW, ops));
  phases.push(await runPhase(url, 'notifier-20k', RATE_HIGH, ops));
  await stop(n.child);
  delete pids['notifier'];
  phases.push(await runPhase(url, 'alone-20k', RATE_HIGH, null));
  collector.stop();

  const entries = await readEntries(nc, channelOf);
  await nc.close();
  const { matched, unmatched } = match(entries, collector.got);
  const alonePhases = new Map(phases.filter((p) => !p.notifier).map((p) => [p.rate, p]));
  const results = phases.map((ph) => {
    const alphaWindow = { startMs: alonePhases.get(RATE_LOW)!.startMs, loadEndMs: alonePhases.get(RATE_LOW)!.loadEndMs };
    const window = ph.name === 'catch-up' ? { ...ph, ...alphaWindow } : ph;
    const tapsInLedger = entries.filter((e) => e.decidedAtMs >= window.startMs && e.decidedAtMs <= window.loadEndMs).length;
    return { ...ph, tapsInLedger, delivery: ph.notifier ? deliveryOf(window, matched, collector.got) : null,
      drainAfterLoadMs: ph.drainedAtMs === null ? null : ph.drainedAtMs - ph.loadEndMs };
  });
  writeResults({ registryLoadS, metricsFailures, providersAlone: { messagesPerChannel: BASELINE_MESSAGES, inFlight: BASELINE_IN_FLIGHT, ...baseline }, ledgerEntries: entries.length, received: collector.got.length, unmatched, results });
} finally {
  await stopAll();
  for (const s of servers.reverse()) await s.stop();
  rmSync(dir, { recursive: true, force: true });
}

function writeResults(body: Record<string, unknown> & { results: Array<Record<string, unknown>> }): void {
  const date = new Date().toISOString().slice(0, 10);
  const doc = { benchmark: 'notify', date, node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30), quick: values.quick, schools: SCHOOLS, pupilsPerSchool: PUPILS_PER_SCHOOL,
    guardians: SCHOOLS * PUPILS_PER_SCHOOL, durationS: DURATION_S, warmupS: WARMUP_S, ...body };
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, `${date}-notify${values.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  process.stderr.write(`results written to ${file}\n`);
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}
