// Benchmark: how long devices go without answers when something fails, and whether every tap is
// still decided exactly once. In one run, on one NATS, with devices that behave as
// docs/protocol.md tells firmware to (keep unanswered taps; after a close try the next configured
// address at once, and back off from 1 s, jittered, only after all failed; resend):
//   1. restart: the writer is SIGKILLed and started again at once on the same ports (what a
//      supervisor does); baseline for 2.
//   2. standby: the writer is SIGKILLed and a standby (TAPGATE_STANDBY=1, other ports) takes its
//      shards over (ADR 0018: it rebuilds them then); devices know both addresses.
//   3. paused writer: the writer is SIGSTOPped (a hung host); the standby waits for its lease to
//      expire, takes over and fences the ledger; the resumed writer must land nothing.
//   4. stall: nats-server is SIGSTOPped for --stall-s seconds (default 120) under the same load,
//      then SIGCONTed: no exit, and answers resume.
// Each figure is the time from the fault (the kill, or the SIGCONT) to the first decision any
// device receives afterwards, and to the moment every device has heard again; plus the tap round
// trip before the faults, for scale. Then the ledger is checked: every tap once.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, freePort } from '../../scripts/lib/servers.mjs';
import { tapgate } from '../core/proto.js';
import { parseRegistryJson } from '../core/index.js';
import { connectNats, LEDGER_STREAM, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { generateDemoRegistry } from '../simulator/demo-registry.js';
import { FirmwareDevice as Device } from './firmware-device.js';
import { spawnLogged, stop, stopAll, type Logged } from './harness.js';

const root = resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: {
  devices: { type: 'string', default: '40' }, 'interval-ms': { type: 'string', default: '50' },
  'stall-s': { type: 'string', default: '120' }, out: { type: 'string', default: join(root, 'benchmarks', 'results') },
} });
const DEVICES = Number(values.devices);
const INTERVAL_MS = Number(values['interval-ms']);
const STALL_S = Number(values['stall-s']);
const pct = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'tapgate-failover-'));
const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats') });
try {
  const reg = generateDemoRegistry({ schools: 4, turnstilesPerSchool: DEVICES / 4, pupilsPerSchool: 200, staffPerSchool: 10 });
  const nc = await connectNats(nats.url, 'failover-bench');
  await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(reg)));
  const uidsBySchool = new Map<string, Buffer[]>();
  const schoolOf = new Map(reg.persons.map((p) => [p['id'] as string, p['schoolId'] as string]));
  for (const i of reg.identifiers) {
    const s = schoolOf.get(i['personId'] as string)!;
    uidsBySchool.set(s, [...(uidsBySchool.get(s) ?? []), Buffer.from(i['uidHex'] as string, 'hex')]);
  }
  const ports = { a: await freePort(), b: await freePort() };
  const urlOf = (port: number) => `ws://127.0.0.1:${port}/device/v1`;
  const gatewayEnv = (port: number, standby: boolean): Record<string, string> => ({ TAPGATE_NATS_URL: nats.url,
    // One id per address: a restart on the same port is the same gateway coming back (ADR 0018).
    TAPGATE_GATEWAY_ID: `failover-${port}`, TAPGATE_DEVICE_PORT: String(port), TAPGATE_OPS_PORT: '0', TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9',
    TAPGATE_REPEAT_WINDOW_MS: '0', TAPGATE_STANDBY: standby ? '1' : '0' });
  const listening = (g: Logged) => g.line((l) => l['msg'] === 'gateway listening');
  let writer = spawnLogged('gateway/main.js', [], gatewayEnv(ports.a, false));
  await listening(writer);

  let lastAnyDecisionMs = 0;
  const devices = reg.devices.map((d) => new Device({ id: d['id'] as string, secret: Buffer.from(d['secretHex'] as string, 'hex'),
    uids: uidsBySchool.get(d['schoolId'] as string)! }, () => [urlOf(ports.a), urlOf(ports.b)], (now) => { lastAnyDecisionMs = now; }));
  for (const d of devices) void d.run();
  const ticker = setInterval(() => { for (const d of devices) d.tap(); }, INTERVAL_MS);

  /** After a fault at `faultMs`: when the first decision came, and when every device had one again. */
  const recovery = async (faultMs: number) => {
    let first = 0;
    while (first === 0) { await sleep(5); if (lastAnyDecisionMs > faultMs) first = lastAnyDecisionMs; }
    while (devices.some((d) => d.lastDecisionMs <= faultMs)) await sleep(5);
    return { firstAnswerS: (first - faultMs) / 1000, allDevicesS: (Math.max(...devices.map((d) => d.lastDecisionMs)) - faultMs) / 1000 };
  };

  await sleep(5000);
  const steady = devices.flatMap((d) => d.rttMs.splice(0));
  const results: Record<string, unknown> = { steadyTapRttMsP50: pct(steady, 0.5), steadyTapRttMsP99: pct(steady, 0.99) };

  // 1. restart on the same port
  let killed = Date.now();
  writer.child.kill('SIGKILL');
  await new Promise((r) => writer.child.once('exit', r));
  writer = spawnLogged('gateway/main.js', [], gatewayEnv(ports.a, false));
  results['restart'] = await recovery(killed);
  await sleep(3000);

  // 2. warm standby on the other port
  const standby = spawnLogged('gateway/main.js', [], gatewayEnv(ports.b, true));
  // A standby listens at once (it redirects devices to the owner) and takes the shards when the owner dies.
  await listening(standby);
  await sleep(2000);
  killed = Date.now();
  writer.child.kill('SIGKILL');
  results['standby'] = await recovery(killed);
  writer = standby;
  await sleep(3000);

  // 3. a paused writer (SIGSTOP, as a hung host would look): the standby cannot see that its
  // process is gone, so it waits for the lease to expire (4 s), takes over and fences the ledger;
  // the paused writer, resumed, lands nothing and exits.
  const standby2 = spawnLogged('gateway/main.js', [], gatewayEnv(ports.a, true));
  await listening(standby2);
  await sleep(2000);
  const paused = writer;
  const pausedAt = Date.now();
  process.kill(paused.child.pid!, 'SIGSTOP');
  // Devices of a hung gateway notice nothing by themselves; firmware gives up on a socket silent for
  // 30 s (section 5). Here they are moved at once, to time the takeover, not the firmware's patience.
  const takeover = standby2.line((l) => l['msg'] === 'gateway listening');
  await takeover;
  const tookOverS = (Date.now() - pausedAt) / 1000;
  for (const d of devices) d.drop();
  results['pausedWriter'] = { leaseTakeoverS: tookOverS, ...(await recovery(pausedAt)) };
  const pausedExit = new Promise<number | null>((r) => paused.child.once('exit', r));
  process.kill(paused.child.pid!, 'SIGCONT');
  (results['pausedWriter'] as Record<string, unknown>)['resumedWriterExit'] = await pausedExit;
  writer = standby2;
  await sleep(3000);

  // 4. broker stall
  process.kill(nats.pid, 'SIGSTOP');
  await sleep(STALL_S * 1000);
  const resumed = Date.now();
  process.kill(nats.pid, 'SIGCONT');
  results['stall'] = { stallS: STALL_S, ...(await recovery(resumed)), gatewayExited: writer.child.exitCode !== null };
  await sleep(3000);

  clearInterval(ticker);
  const deadline = Date.now() + 30_000;
  while (devices.some((d) => d.pending.size > 0) && Date.now() < deadline) await sleep(100);
  const sent = devices.reduce((n, d) => n + d.sent, 0);
  const unanswered = devices.reduce((n, d) => n + d.pending.size, 0);
  for (const d of devices) d.stop();

  // Every tap once in the ledger.
  const counts = new Map<string, number>();
  const js = jetstream(nc);
  const info = await (await jetstreamManager(nc)).streams.info(LEDGER_STREAM);
  const consumer = await js.consumers.get(LEDGER_STREAM, { deliver_policy: DeliverPolicy.All });
  const iter = await consumer.consume({ max_messages: 256 });
  for await (const m of iter) {
    for (const e of tapgate.events.v1.LedgerBatch.decode(m.data).passes) counts.set(`${e.deviceId}#${Number(e.seq)}`, (counts.get(`${e.deviceId}#${Number(e.seq)}`) ?? 0) + 1);
    if (m.seq >= info.state.last_seq) break;
  }
  await iter.close();
  await nc.close();
  const doc = { benchmark: 'failover', date: new Date().toISOString().slice(0, 10), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model,
    memGiB: Math.round(totalmem() / 2 ** 30), devices: DEVICES, tapIntervalMs: INTERVAL_MS, ...results,
    tapsSent: sent, tapsUnanswered: unanswered, ledgerTaps: counts.size, ledgerTapsTwice: [...counts.values()].filter((n) => n > 1).length };
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, `${doc.date}-failover.json`), JSON.stringify(doc, null, 2) + '\n');
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  await stop(writer.child);
} finally {
  await stopAll();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}
