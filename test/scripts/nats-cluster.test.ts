// Integration: a three-node NATS cluster on loopback (scripts/lib/nats-cluster.mjs) with tapgate's
// users, the LEDGER stream and the registry bucket at three replicas (lib/nats.ts). A client that
// knows every node publishes without pause (awaited publishes, each with a message id and retried
// until acked); the stream's leader is killed with SIGKILL. Publishing resumes, no acked message
// is lost or doubled, the bucket keeps answering, the longest wait between two acks is reported;
// then the node starts again and catches up (three replicas, all current).
import t from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import {
  connectNats, ensureLedgerStream, ensureStream, LEDGER_STREAM, ledgerSubject, natsServers, openRegistry,
} from '../../lib/index.js';
import { openTokenBucket } from '../../api/tokens.js';
// @ts-expect-error plain JavaScript module shared with npm start
import { startNatsCluster } from '../../scripts/lib/nats-cluster.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import { ensureNatsCredentials } from '../../scripts/lib/nats-auth.mjs';
// @ts-expect-error plain JavaScript module shared with npm start
import { assertPortFree, freePort } from '../../scripts/lib/servers.mjs';

interface ClusterNode { readonly name: string; readonly url: string; readonly pid: number | null; running(): boolean }
interface Cluster {
  readonly urls: string[]; readonly url: string; readonly nodes: ClusterNode[];
  node(name: string): ClusterNode; kill(name: string): Promise<void>; restart(name: string): Promise<void>;
  streamLeader(stream: string): Promise<ClusterNode | null>; stop(): Promise<void>;
}

/** The longest a publish may go unacked (retries included) before the test fails, in ms. */
const ACK_WAIT_MAX_MS = 30_000;
/** One publish attempt's timeout: short, so a request lost with its server is retried soon, in ms. */
const PUBLISH_TIMEOUT_MS = 1_000;
/** Pause after a failed attempt, so an election is not flooded with retries, in ms. */
const RETRY_PAUSE_MS = 50;
/** Acked messages before the kill, and after it, that the test waits for. */
const ACKS_BEFORE = 200;
const ACKS_AFTER = 300;
/** How long the restarted node may take to be a current replica again, in ms. */
const REJOIN_MAX_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'tapgate-cluster-'));
const credentials = ensureNatsCredentials(join(dir, 'nats-users')) as Record<string, { password: string }>;
const cluster = await startNatsCluster({ dataDir: join(dir, 'nats'), credentials }) as Cluster;
const ops = { user: 'ops', pass: credentials['ops']!.password };
const setupNc = await connectNats(cluster.url, 'cluster-test-setup', ops);
t.teardown(async () => {
  await setupNc.close().catch(() => undefined);
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries fn until it succeeds, at most ACK_WAIT_MAX_MS; the last error fails the test. */
async function untilOk<T>(fn: () => Promise<T>, what: string): Promise<T> {
  const deadline = Date.now() + ACK_WAIT_MAX_MS;
  for (;;) {
    try { return await fn(); } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: no success within ${ACK_WAIT_MAX_MS} ms`, { cause: err });
      await pause(RETRY_PAUSE_MS);
    }
  }
}

/** Publishes 1, 2, 3, ... one at a time, each retried with its message id until acked. */
class Publisher {
  readonly acked: number[] = [];
  gapMaxMs = 0;
  retries = 0;
  private lastAckAt = 0;
  private running = true;
  private waiter: { count: number; resolve: () => void } | null = null;
  readonly done: Promise<void>;

  constructor(private readonly js: JetStreamClient, private readonly subject: string) {
    this.done = this.run();
  }

  /** Resolves once `count` messages have been acked. */
  acks(count: number): Promise<void> {
    if (this.acked.length >= count) return Promise.resolve();
    return new Promise((resolve) => { this.waiter = { count, resolve }; });
  }

  stop(): Promise<void> { this.running = false; return this.done; }

  private async run(): Promise<void> {
    for (let n = 1; this.running; n++) {
      await untilOk(async () => {
        try {
          const opts = { msgID: `m-${n}`, timeout: PUBLISH_TIMEOUT_MS };
          return await this.js.publish(this.subject, JSON.stringify({ n }), opts);
        } catch (err) { this.retries++; throw err; }
      }, `publish ${n}`);
      const now = Date.now();
      if (this.lastAckAt !== 0) this.gapMaxMs = Math.max(this.gapMaxMs, now - this.lastAckAt);
      this.lastAckAt = now;
      this.acked.push(n);
      if (this.waiter !== null && this.acked.length >= this.waiter.count) { this.waiter.resolve(); this.waiter = null; }
    }
  }
}

/** Every message of the stream, by sequence, as the numbers the publisher sent. */
async function readBack(jsm: JetStreamManager): Promise<number[]> {
  const info = await jsm.streams.info(LEDGER_STREAM);
  const out: number[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(LEDGER_STREAM, { seq });
    out.push((m!.json() as { n: number }).n);
  }
  return out;
}

/** Waits until the stream has a leader and its other two replicas are current. */
async function replicasCurrent(jsm: JetStreamManager): Promise<string[]> {
  const deadline = Date.now() + REJOIN_MAX_MS;
  for (;;) {
    const c = (await jsm.streams.info(LEDGER_STREAM).catch(() => null))?.cluster;
    const peers = c?.replicas ?? [];
    if (c?.leader && peers.length === 2 && peers.every((p) => p.current && !p.offline)) {
      return [c.leader, ...peers.map((p) => p.name)].sort();
    }
    if (Date.now() > deadline) throw new Error(`replicas not current within ${REJOIN_MAX_MS} ms: ${JSON.stringify(c)}`);
    await pause(100);
  }
}

t.test('nats cluster - three nodes form one cluster with a JetStream meta leader', async (t) => {
  t.equal(cluster.nodes.length, 3);
  t.same(cluster.nodes.map((n) => n.name), ['n1', 'n2', 'n3']);
  t.same(natsServers(cluster.url), cluster.urls);
  t.ok(cluster.nodes.every((n) => n.running() && typeof n.pid === 'number'));
  const info = await (await jetstreamManager(setupNc)).getAccountInfo();
  t.equal(info.streams, 0);
});

t.test('nats cluster - TAPGATE_NATS_REPLICAS=3 gives streams and buckets three replicas', async (t) => {
  process.env['TAPGATE_NATS_REPLICAS'] = '3';
  t.teardown(() => { delete process.env['TAPGATE_NATS_REPLICAS']; });
  const jsm = await jetstreamManager(setupNc);
  await ensureLedgerStream(jsm);
  await ensureStream(jsm, { name: 'CLUSTER_TEST', subjects: ['cluster.test'] });
  const registry = await openRegistry(setupNc);
  const tokens = await openTokenBucket(setupNc);
  t.equal((await jsm.streams.info(LEDGER_STREAM)).config.num_replicas, 3, 'LEDGER');
  t.equal((await jsm.streams.info('CLUSTER_TEST')).config.num_replicas, 3, 'a stream through ensureStream');
  t.equal((await registry.status()).streamInfo.config.num_replicas, 3, 'registry bucket');
  t.equal((await tokens.status()).streamInfo.config.num_replicas, 3, 'tokens bucket');
  await jsm.streams.delete('CLUSTER_TEST');
});

t.test('nats cluster - losing the ledger leader costs a pause, not a message', async (t) => {
  const jsm = await jetstreamManager(setupNc);
  await ensureLedgerStream(jsm, 3);
  const kv: KV = await openRegistry(setupNc, 3);
  t.equal((await jsm.streams.info(LEDGER_STREAM)).config.num_replicas, 3);
  t.equal((await kv.status()).streamInfo.config.num_replicas, 3);
  await kv.put('probe.before', 'before');

  const leader = (await jsm.streams.info(LEDGER_STREAM)).cluster!.leader!;
  t.equal((await cluster.streamLeader(LEDGER_STREAM))?.name, leader, 'monitoring names the same leader');
  // The publisher knows every node, the leader first: it loses its own server with the leader.
  const urls = [cluster.node(leader).url, ...cluster.urls.filter((u) => u !== cluster.node(leader).url)];
  const nc = await connectNats(urls.join(','), 'cluster-test-publisher', ops);
  t.teardown(() => nc.close().catch(() => undefined));
  const publisher = new Publisher(jetstream(nc), ledgerSubject('gw-cluster-test'));
  await publisher.acks(ACKS_BEFORE);
  const gapBeforeMs = publisher.gapMaxMs;

  const killedAt = Date.now();
  await cluster.kill(leader);
  t.notOk(cluster.node(leader).running(), `${leader} killed`);
  const ackedAtKill = publisher.acked.length;
  await publisher.acks(ackedAtKill + ACKS_AFTER);
  const resumedMs = Date.now() - killedAt;
  await publisher.stop();

  const newLeader = await untilOk(async () => (await jsm.streams.info(LEDGER_STREAM)).cluster!.leader!, 'leader');
  t.not(newLeader, leader, `a new leader: ${newLeader}`);
  t.equal(await untilOk(async () => (await kv.get('probe.before'))!.string(), 'kv get'), 'before');
  await untilOk(() => kv.put('probe.after', 'after'), 'kv put');
  t.equal((await kv.get('probe.after'))!.string(), 'after', 'the bucket answers after the loss');

  const total = publisher.acked.length;
  t.same(publisher.acked, Array.from({ length: total }, (_, i) => i + 1), 'every publish was acked in turn');
  t.same(await readBack(jsm), publisher.acked, 'every acked message is stored once, in order');
  t.ok(publisher.gapMaxMs < ACK_WAIT_MAX_MS, `longest gap between acks ${publisher.gapMaxMs} ms`);
  t.comment(`killed ${leader} (SIGKILL) after ${ackedAtKill} acks; new leader ${newLeader}; ` +
    `longest gap between acks ${publisher.gapMaxMs} ms (before the kill ${gapBeforeMs} ms); ` +
    `${ACKS_AFTER} more acks ${resumedMs} ms after the kill; ${publisher.retries} attempts retried`);

  const restartedAt = Date.now();
  await cluster.restart(leader);
  t.same(await replicasCurrent(jsm), ['n1', 'n2', 'n3'], `${leader} is a current replica again`);
  t.comment(`${leader} rejoined and caught up ${Date.now() - restartedAt} ms after its restart`);
  t.equal((await jsm.streams.info(LEDGER_STREAM)).state.messages, total);
});

t.test('nats cluster - a start that fails stops the nodes it started', async (t) => {
  const busy: Server = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => busy.close(() => r())));
  const busyPort = (busy.address() as { port: number }).port;
  const ports = [await freePort(), busyPort, await freePort()];
  const err = await (startNatsCluster({ ports, dataDir: join(dir, 'failed'), credentials }) as Promise<unknown>)
    .then(() => null, (e: unknown) => e as { code: string; port: number });
  t.match(err, { code: 'START_PORT_IN_USE', port: busyPort });
  // The two nodes that did start (their logs say so) are stopped again: their ports are free.
  for (const [name, port] of [['n1', ports[0]], ['n3', ports[2]]] as const) {
    t.match(readFileSync(join(dir, 'failed', name, 'nats-server.log'), 'utf8'), /Server is ready/, `${name} started`);
    await assertPortFree(port, name);
    t.pass(`${name} stopped`);
  }
});
