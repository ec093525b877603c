// Pieces of `npm run bench:cluster` (benchmarks/cluster.ts): a demo registry split into two
// shards that rendezvous hashing gives to gateways gw1 and gw2, one registry file per shard for
// the simulators, gateways started by PID with their ports read back, waiting until the owners
// have settled (/readyz), a fleet of firmware devices with recovery timing, and the ledger check
// (every (device, seq) exactly once).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { tapgate } from '../core/proto.js';
import { parseRegistryJson } from '../core/index.js';
import { LEDGER_STREAM, loadRegistryRecords, openRegistry } from '../lib/index.js';
import { preferredOwner } from '../gateway/edge/shard-owners.js';
import type { DemoRegistry } from '../simulator/demo-registry.js';
import { FirmwareDevice } from './firmware-device.js';
import { spawnLogged, type Logged } from './harness.js';

/** The two gateway ids of every cluster phase. */
export const GATEWAY_IDS = ['gw1', 'gw2'] as const;
/** How long the gateways may take to settle who owns what, in ms. */
const OWNERS_SETTLE_TIMEOUT_MS = 30_000;
/** Pause between two looks at /readyz, in ms. */
const POLL_MS = 100;
/** How long a recovery may take before it is reported as not recovered, in ms. */
export const RECOVERY_TIMEOUT_MS = 30_000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round3 = (x: number) => Math.round(x * 1000) / 1000;
export function pct(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

/** Two shard ids whose preferred owners (ADR 0018) are gw1 and gw2, in that order. */
export function shardIdsForGateways(): [string, string] {
  const live = GATEWAY_IDS.map((gatewayId) => ({ gatewayId, bootId: '', deviceUrl: '', standby: false, owned: [], host: '', pid: 0 }));
  for (let i = 1; i < 1000; i++) {
    const ids = [`north-${i}`, `south-${i}`];
    const owners = ids.map((id) => preferredOwner(id, live));
    if (owners[0] === 'gw1' && owners[1] === 'gw2') return [ids[0]!, ids[1]!];
    if (owners[0] === 'gw2' && owners[1] === 'gw1') return [ids[1]!, ids[0]!];
  }
  throw new Error('no pair of shard ids splits between gw1 and gw2');
}

/** Sets every school's shardId (alternately the two) and returns the registry of each shard's schools. */
export function splitRegistry(reg: DemoRegistry, shards: readonly [string, string]): [DemoRegistry, DemoRegistry] {
  reg.schools.forEach((s, i) => { s['shardId'] = shards[i % 2]; });
  return shards.map((shardId) => {
    const schools = new Set(reg.schools.filter((s) => s['shardId'] === shardId).map((s) => s['id'] as string));
    const persons = reg.persons.filter((p) => schools.has(p['schoolId'] as string));
    const ids = new Set(persons.map((p) => p['id'] as string));
    return { ...reg, schools: reg.schools.filter((s) => schools.has(s['id'] as string)),
      devices: reg.devices.filter((d) => schools.has(d['schoolId'] as string)), persons,
      identifiers: reg.identifiers.filter((i) => ids.has(i['personId'] as string)) };
  }) as [DemoRegistry, DemoRegistry];
}

export function writeRegistry(dir: string, name: string, reg: DemoRegistry): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(reg), { mode: 0o600 });
  return path;
}

export async function loadRegistry(nc: NatsConnection, reg: DemoRegistry): Promise<void> {
  await loadRegistryRecords(await openRegistry(nc), parseRegistryJson(JSON.stringify(reg)));
}

export interface Gw { readonly id: string; readonly logged: Logged; readonly url: string; readonly opsPort: number; readonly devicePort: number }

/** Starts a gateway (dist/gateway/main.js) and resolves once it logs `gateway listening`. */
export async function startGw(id: string, natsUrl: string, devicePort: number, extra: Record<string, string> = {}): Promise<Gw> {
  const logged = spawnLogged('gateway/main.js', [], { TAPGATE_NATS_URL: natsUrl, TAPGATE_GATEWAY_ID: id,
    TAPGATE_DEVICE_PORT: String(devicePort), TAPGATE_OPS_PORT: '0', TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9',
    // Every tap takes the full allow path: at benchmark rates a person taps every few seconds.
    TAPGATE_REPEAT_WINDOW_MS: '0', TAPGATE_LOG_LEVEL: 'info', ...extra });
  const l = await logged.line((x) => x['msg'] === 'gateway listening');
  const port = Number(l['devicePort']);
  return { id, logged, url: `ws://127.0.0.1:${port}/device/v1`, opsPort: Number(l['opsPort']), devicePort: port };
}

/** Resolves with the `shard opened` line of this gateway for this shard (rebuild figures). */
export function shardOpened(g: Gw, shardId: string): Promise<Record<string, unknown>> {
  const p = g.logged.line((l) => l['msg'] === 'shard opened' && l['shardId'] === shardId);
  p.catch(() => undefined);
  return p;
}

/** Waits until each gateway owns (at least) the shards given for it, per its /readyz. */
export async function waitOwners(want: ReadonlyArray<[Gw, readonly string[]]>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < OWNERS_SETTLE_TIMEOUT_MS) {
    const ok = await Promise.all(want.map(async ([g, shards]) => {
      try {
        const r = await (await fetch(`http://127.0.0.1:${g.opsPort}/readyz`)).json() as { shards?: string[] };
        return shards.every((s) => r.shards?.includes(s) === true);
      } catch { return false; }
    }));
    if (ok.every(Boolean)) return Date.now() - started;
    await sleep(POLL_MS);
  }
  throw new Error(`shard owners did not settle within ${OWNERS_SETTLE_TIMEOUT_MS} ms`);
}

export interface Recovery { firstAnswerS: number | null; allDevicesS: number | null }

/** Firmware devices (benchmarks/firmware-device.ts) tapping on a timer, with recovery timing. */
export class Fleet {
  readonly devices: FirmwareDevice[];
  readonly shardOf: string[];
  private lastAny = 0;
  private readonly last: number[];
  private ticker: NodeJS.Timeout | null = null;

  constructor(reg: DemoRegistry, urls: (i: number) => readonly string[]) {
    const schoolOf = new Map(reg.persons.map((p) => [p['id'] as string, p['schoolId'] as string]));
    const shardOfSchool = new Map(reg.schools.map((s) => [s['id'] as string, String(s['shardId'] ?? 'main')]));
    const uids = new Map<string, Buffer[]>();
    for (const i of reg.identifiers) {
      const s = schoolOf.get(i['personId'] as string)!;
      uids.set(s, [...(uids.get(s) ?? []), Buffer.from(i['uidHex'] as string, 'hex')]);
    }
    this.last = reg.devices.map(() => 0);
    this.shardOf = reg.devices.map((d) => shardOfSchool.get(d['schoolId'] as string)!);
    this.devices = reg.devices.map((d, k) => new FirmwareDevice({ id: d['id'] as string,
      secret: Buffer.from(d['secretHex'] as string, 'hex'), uids: uids.get(d['schoolId'] as string)! },
    () => urls(k), (now) => { this.lastAny = now; this.last[k] = now; }));
  }

  start(intervalMs: number): void {
    for (const d of this.devices) void d.run();
    this.ticker = setInterval(() => { for (const d of this.devices) d.tap(); }, intervalMs);
  }

  /** Round trips of decided (not replayed) taps since the last call: p50 and p99 in ms. */
  takeRtt(): { rttMsP50: number; rttMsP99: number; taps: number } {
    const xs = this.devices.flatMap((d) => d.rttMs.splice(0));
    return { rttMsP50: pct(xs, 0.5), rttMsP99: pct(xs, 0.99), taps: xs.length };
  }

  indexes(shardId: string | null): number[] {
    return this.devices.map((_, k) => k).filter((k) => shardId === null || this.shardOf[k] === shardId);
  }

  /** After a fault at faultMs: the first decision any of these devices got, and when every one had one. */
  async recovery(faultMs: number, which: readonly number[]): Promise<Recovery> {
    const deadline = faultMs + RECOVERY_TIMEOUT_MS;
    let first: number | null = null;
    while (Date.now() < deadline) {
      const got = which.map((k) => this.last[k]!).filter((t) => t > faultMs);
      if (first === null && got.length > 0) first = Math.min(...got);
      if (got.length === which.length) {
        return { firstAnswerS: round3((first! - faultMs) / 1000), allDevicesS: round3((Math.max(...got) - faultMs) / 1000) };
      }
      await sleep(5);
    }
    return { firstAnswerS: first === null ? null : round3((first - faultMs) / 1000), allDevicesS: null };
  }

  /** Stops tapping and waits (bounded) until every tap is answered; returns sent and unanswered. */
  async finish(timeoutMs: number): Promise<{ tapsSent: number; tapsUnanswered: number; redirects: number }> {
    if (this.ticker !== null) clearInterval(this.ticker);
    const deadline = Date.now() + timeoutMs;
    while (this.devices.some((d) => d.pending.size > 0) && Date.now() < deadline) await sleep(100);
    const r = { tapsSent: this.devices.reduce((n, d) => n + d.sent, 0),
      tapsUnanswered: this.devices.reduce((n, d) => n + d.pending.size, 0),
      redirects: this.devices.reduce((n, d) => n + d.redirects, 0) };
    for (const d of this.devices) d.stop();
    return r;
  }
}

/** Attempts of the ledger check (a cluster may still be electing after a node came back). */
const LEDGER_CHECK_ATTEMPTS = 3;

/** Reads the whole LEDGER stream: taps in it, and how many (device, seq) are in it more than once. */
export async function ledgerCheck(nc: NatsConnection): Promise<{ ledgerTaps: number; ledgerTapsTwice: number }> {
  for (let attempt = 1; ; attempt++) {
    try { return await readLedger(nc); } catch (err) {
      if (attempt >= LEDGER_CHECK_ATTEMPTS) throw err;
      await sleep(2000);
    }
  }
}

async function readLedger(nc: NatsConnection): Promise<{ ledgerTaps: number; ledgerTapsTwice: number }> {
  const counts = new Map<string, number>();
  const info = await (await jetstreamManager(nc)).streams.info(LEDGER_STREAM);
  if (info.state.messages === 0) return { ledgerTaps: 0, ledgerTapsTwice: 0 };
  const consumer = await jetstream(nc).consumers.get(LEDGER_STREAM, { deliver_policy: DeliverPolicy.All });
  const iter = await consumer.consume({ max_messages: 256 });
  for await (const m of iter) {
    for (const e of tapgate.events.v1.LedgerBatch.decode(m.data).passes) {
      const key = `${e.deviceId}#${Number(e.seq)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (m.seq >= info.state.last_seq) break;
  }
  await iter.close();
  return { ledgerTaps: counts.size, ledgerTapsTwice: [...counts.values()].filter((n) => n > 1).length };
}

/** Resolves with the exit code (or signal) of a process, or 'running' after timeoutMs. */
export function exitWithin(g: Gw, timeoutMs: number): Promise<string> {
  const c = g.logged.child;
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve(String(c.exitCode ?? c.signalCode));
  return new Promise((r) => {
    const t = setTimeout(() => r('running'), timeoutMs);
    c.once('exit', (code, sig) => { clearTimeout(t); r(String(code ?? sig)); });
  });
}
