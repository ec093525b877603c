// The fault phases of `npm run bench:cluster` (benchmarks/cluster.ts), each on a NATS of its own
// with 40 firmware devices (benchmarks/firmware-device.ts) tapping every 50 ms and knowing both
// gateways' addresses:
//   takeover: two gateways own one shard each; the owner of the second shard is SIGKILLed, and
//     later (restarted, owning its shard again) SIGSTOPped, as a hung host looks;
//   NATS node loss: the same on a 3-node cluster with replicas 3; the node leading the LEDGER
//     stream is SIGKILLed, restarted, then a node that leads nothing of LEDGER is SIGKILLed.
// Each figure is the time from the fault to the first answer and to every device answered; the
// baseline is the steady tap round trip of the same set-up before any fault.
import { join } from 'node:path';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNats, freePort } from '../../scripts/lib/servers.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNatsCluster } from '../../scripts/lib/nats-cluster.mjs';
import { connectNats, LEDGER_STREAM } from '../lib/index.js';
import type { DemoRegistry } from '../simulator/demo-registry.js';
import { exitWithin, Fleet, ledgerCheck, loadRegistry, shardOpened, sleep, startGw, waitOwners, type Gw } from './cluster-kit.js';
import { stop } from './harness.js';

/** Tap interval of every device, in ms (failover.ts uses the same). */
const TAP_INTERVAL_MS = 50;
/** Seconds of steady tapping measured as the baseline round trip. */
const STEADY_MS = 4_000;
/** Pause between two faults, so the second starts from a steady state, in ms. */
const SETTLE_MS = 3_000;
/** How long the devices may take to have every tap answered at the end, in ms. */
const FINISH_TIMEOUT_MS = 20_000;
/** How long a resumed, fenced-out gateway is watched for its exit, in ms. */
const RESUMED_EXIT_WAIT_MS = 10_000;

const progress = (m: string) => process.stderr.write(`bench:cluster: ${m}\n`);

interface NatsCluster {
  url: string; urls: string[];
  nodes: Array<{ name: string; pid: number | null; running(): boolean }>;
  kill(name: string): Promise<void>; restart(name: string): Promise<void>;
  streamLeader(stream: string): Promise<{ name: string } | null>; stop(): Promise<void>;
}

/** Two gateways on this NATS, gw1 owning shards[0] and gw2 shards[1]; devices know both addresses. */
async function twoGateways(natsUrl: string, shards: readonly [string, string], extra: Record<string, string>): Promise<{ gws: [Gw, Gw]; ports: [number, number] }> {
  const ports: [number, number] = [await freePort(), await freePort()];
  const g1 = await startGw('gw1', natsUrl, ports[0], extra);
  const g2 = await startGw('gw2', natsUrl, ports[1], extra);
  await waitOwners([[g1, [shards[0]]], [g2, [shards[1]]]]);
  return { gws: [g1, g2], ports };
}

/** The URLs device k tries, in its order: half the devices know gw1 first, half gw2 (4011 redirects the rest). */
const urlsOf = (ports: readonly number[]) => (k: number) => {
  const urls = ports.map((p) => `ws://127.0.0.1:${p}/device/v1`);
  return k % 2 === 0 ? urls : [...urls].reverse();
};

/** Phase 2: SIGKILL, then SIGSTOP, of the gateway owning the second shard. */
export async function takeoverPhase(dir: string, reg: DemoRegistry, shards: readonly [string, string]): Promise<Record<string, unknown>> {
  const nats = await startNats({ port: await freePort(), dataDir: join(dir, 'nats-takeover') });
  const nc = await connectNats(nats.url, 'bench-cluster-takeover');
  const out: Record<string, unknown> = {};
  try {
    await loadRegistry(nc, reg);
    const { gws, ports } = await twoGateways(nats.url, shards, {});
    const [g1] = gws;
    let g2 = gws[1];
    const fleet = new Fleet(reg, urlsOf(ports));
    fleet.start(TAP_INTERVAL_MS);
    const victims = fleet.indexes(shards[1]);
    const others = fleet.indexes(shards[0]);
    await sleep(STEADY_MS);
    out['steady'] = fleet.takeRtt();

    progress('takeover: SIGKILL of the owner of the second shard');
    let opened = shardOpened(g1, shards[1]);
    let fault = Date.now();
    g2.logged.child.kill('SIGKILL');
    const killed = await fleet.recovery(fault, victims);
    const otherShard = await fleet.recovery(fault, others);
    const o1 = await opened;
    out['sigkill'] = { ...killed, otherShardAllDevicesS: otherShard.allDevicesS,
      shardOpenedAfterS: (Number(o1['time']) - fault) / 1000,
      rebuildSeconds: o1['rebuildSeconds'], rebuildEvents: o1['events'], rtt: fleet.takeRtt() };

    progress('takeover: the killed gateway comes back and takes its shard back');
    fault = Date.now();
    g2 = await startGw('gw2', nats.url, ports[1]);
    const settleMs = await waitOwners([[g1, [shards[0]]], [g2, [shards[1]]]]);
    out['handBack'] = { ownersSettledS: (Date.now() - fault) / 1000, waitedForOwnersMs: settleMs,
      ...(await fleet.recovery(Date.now(), victims)) };
    await sleep(SETTLE_MS);
    fleet.takeRtt();

    progress('takeover: SIGSTOP of the owner of the second shard (a hung host)');
    opened = shardOpened(g1, shards[1]);
    fault = Date.now();
    process.kill(g2.logged.child.pid!, 'SIGSTOP');
    const o2 = await opened;
    const tookOverS = (Date.now() - fault) / 1000;
    // Devices of a hung gateway notice nothing by themselves (firmware gives up on a socket silent
    // for 30 s): they are moved the moment the shard is open elsewhere, to time the takeover.
    for (const k of victims) fleet.devices[k]!.drop();
    const stopped = await fleet.recovery(fault, victims);
    process.kill(g2.logged.child.pid!, 'SIGCONT');
    out['sigstop'] = { shardOpenedAfterS: tookOverS, ...stopped, rebuildSeconds: o2['rebuildSeconds'],
      resumedGatewayExit: await exitWithin(g2, RESUMED_EXIT_WAIT_MS) };
    await sleep(SETTLE_MS);

    progress('takeover: finishing and reading the ledger');
    Object.assign(out, await fleet.finish(FINISH_TIMEOUT_MS), await ledgerCheck(nc));
    await Promise.all([g1, g2].map((g) => stop(g.logged.child)));
  } finally {
    await nc.close();
    await nats.stop();
  }
  return out;
}

/** Kills a node, times the devices' recovery and whether any gateway exited. */
async function killNode(cluster: NatsCluster, name: string, fleet: Fleet, gws: readonly Gw[]): Promise<Record<string, unknown>> {
  const fault = Date.now();
  await cluster.kill(name);
  const r = await fleet.recovery(fault, fleet.indexes(null));
  const leader = await cluster.streamLeader(LEDGER_STREAM);
  return { node: name, ...r, ledgerLeaderAfter: leader?.name ?? null,
    gatewaysExited: gws.filter((g) => g.logged.child.exitCode !== null).map((g) => g.id), rtt: fleet.takeRtt() };
}

/** Phase 3: a 3-node NATS cluster, replicas 3; the LEDGER leader is killed, then a follower. */
export async function natsNodePhase(dir: string, reg: DemoRegistry, shards: readonly [string, string]): Promise<Record<string, unknown>> {
  const cluster = await startNatsCluster({ dataDir: join(dir, 'nats-cluster'), credentials: null }) as NatsCluster;
  // This process creates the registry bucket: with three copies, as the gateways create theirs.
  process.env['TAPGATE_NATS_REPLICAS'] = '3';
  const nc = await connectNats(cluster.url, 'bench-cluster-nodes');
  const out: Record<string, unknown> = {};
  try {
    await loadRegistry(nc, reg);
    const { gws, ports } = await twoGateways(cluster.url, shards, { TAPGATE_NATS_REPLICAS: '3' });
    const fleet = new Fleet(reg, urlsOf(ports));
    fleet.start(TAP_INTERVAL_MS);
    await sleep(STEADY_MS);
    out['steady'] = fleet.takeRtt();

    const leader = await cluster.streamLeader(LEDGER_STREAM);
    if (leader === null) throw new Error('the LEDGER stream has no leader');
    progress(`NATS: SIGKILL of ${leader.name}, the LEDGER leader`);
    out['leaderKilled'] = await killNode(cluster, leader.name, fleet, gws);
    await cluster.restart(leader.name);
    await sleep(SETTLE_MS);
    fleet.takeRtt();

    const now = await cluster.streamLeader(LEDGER_STREAM);
    const follower = cluster.nodes.find((n) => n.running() && n.name !== now?.name)!;
    progress(`NATS: SIGKILL of ${follower.name}, not the LEDGER leader (${now?.name ?? 'none'})`);
    out['followerKilled'] = await killNode(cluster, follower.name, fleet, gws);
    await sleep(SETTLE_MS);
    // The ledger is read with every node back: JetStream's API may be electing after a loss.
    await cluster.restart(follower.name);

    progress('NATS: finishing and reading the ledger');
    Object.assign(out, await fleet.finish(FINISH_TIMEOUT_MS), await ledgerCheck(nc));
    await Promise.all(gws.map((g) => stop(g.logged.child)));
  } finally {
    delete process.env['TAPGATE_NATS_REPLICAS'];
    await nc.close();
    await cluster.stop();
  }
  return out;
}
