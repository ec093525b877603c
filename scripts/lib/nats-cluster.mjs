// A NATS cluster on loopback: three (or more) nats-server processes, each with its own name,
// client port, route port, monitoring port and JetStream folder, routed to one another as the
// cluster "tapgate" and carrying the same users and permissions as the single server
// (nats-auth.mjs). Streams and buckets created with TAPGATE_NATS_REPLICAS=3 then survive the loss
// of one node (docs/operations.md, "A NATS cluster"). Used by the tests, the benchmarks and, later,
// `npm start -- --cluster`. Each node is started by servers.mjs's startNats and is stopped or
// killed by its PID, never by name. Plain JavaScript so that `npm start` can use it uncompiled.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startNats, freePort, SERVER_FAILED } from './servers.mjs';

/** The cluster's name in every node's configuration (routes join only a cluster of this name). */
export const NATS_CLUSTER_NAME = 'tapgate';
/** Nodes in the cluster unless told otherwise: the smallest that keeps a quorum after one loss. */
export const NATS_CLUSTER_SIZE = 3;
/** The most nodes we start on one machine (and the most URLs TAPGATE_NATS_URL takes). */
export const NATS_CLUSTER_SIZE_MAX = 8;
/** How long the nodes may take to find each other and elect a JetStream meta leader, in ms. */
export const CLUSTER_FORM_TIMEOUT_MS = 60_000;
/** How long a monitoring request may take before it counts as no answer, in ms. */
const MONITOR_TIMEOUT_MS = 1_000;
/** Pause between two looks at the nodes' monitoring endpoints, in ms. */
const POLL_INTERVAL_MS = 100;

/** The name of the node with this index (0-based): n1, n2, ... (its server_name). */
export const nodeName = (i) => `n${i + 1}`;

/**
 * One node's configuration beside the authorization block: its name, monitoring port and the
 * cluster block with routes to every node (a node ignores the route to itself).
 */
export function nodeConfig({ name, clusterPort, httpPort, clusterPorts }) {
  const routes = clusterPorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ');
  return `server_name: ${JSON.stringify(name)}\n` +
    `http: "127.0.0.1:${httpPort}"\n` +
    `cluster {\n  name: ${NATS_CLUSTER_NAME}\n  listen: "127.0.0.1:${clusterPort}"\n` +
    `  routes: [${routes}]\n}\n`;
}

async function monitor(httpPort, path) {
  try {
    const res = await fetch(`http://127.0.0.1:${httpPort}${path}`,
      { signal: AbortSignal.timeout(MONITOR_TIMEOUT_MS) });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * True when this node routes to every other running node and knows the JetStream meta leader
 * of a cluster of `size` nodes.
 */
async function nodeFormed(node, running, size) {
  const [jsz, routez] = await Promise.all([monitor(node.httpPort, '/jsz'), monitor(node.httpPort, '/routez')]);
  const meta = jsz?.meta_cluster;
  if (meta === undefined || !meta.leader || meta.cluster_size !== size) return false;
  // Distinct peers, not route connections: nats-server 2.10 pools several routes per peer.
  const peers = new Set((routez?.routes ?? []).map((r) => r.remote_id));
  return peers.size >= running - 1;
}

/** Waits until every running node is formed (nodeFormed); throws START_SERVER_FAILED after timeoutMs. */
export async function waitClusterFormed(nodes, size, timeoutMs = CLUSTER_FORM_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = nodes.filter((n) => n.running());
    const formed = await Promise.all(live.map((n) => nodeFormed(n, live.length, size)));
    if (formed.every(Boolean)) return;
    if (Date.now() > deadline) {
      const names = live.filter((_, i) => !formed[i]).map((n) => n.name).join(', ');
      throw Object.assign(new Error(`NATS cluster not formed within ${timeoutMs} ms (nodes ${names} ` +
        'see no meta leader or miss routes; see their nats-server.log)'), { code: SERVER_FAILED });
    }
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
  }
}

/**
 * The server_name of the leader of a stream as the running nodes' monitoring reports it (no
 * credentials needed), or null when no node names one (an election is under way).
 */
export async function streamLeaderName(nodes, stream) {
  for (const n of nodes.filter((x) => x.running())) {
    const jsz = await monitor(n.httpPort, '/jsz?accounts=true&streams=true');
    for (const acc of jsz?.account_details ?? []) {
      for (const s of acc.stream_detail ?? []) {
        if (s.name === stream && s.cluster?.leader) return s.cluster.leader;
      }
    }
  }
  return null;
}

function makeNode({ index, port, clusterPort, httpPort, clusterPorts, dataDir, credentials }) {
  const name = nodeName(index);
  const dir = join(dataDir, name);
  const options = {
    port, dataDir: dir, credentials,
    config: nodeConfig({ name, clusterPort, httpPort, clusterPorts }),
  };
  let server = null;
  const exited = () => server === null || server.child.exitCode !== null || server.child.signalCode !== null;
  const node = {
    name, port, clusterPort, httpPort, url: `nats://127.0.0.1:${port}`,
    get pid() { return server?.pid ?? null; },
    running: () => !exited(),
    /** Starts the process (servers.mjs: ready when it logs so and accepts connections). */
    async start() {
      mkdirSync(dir, { recursive: true });
      server = await startNats(options);
    },
    /** SIGTERM by PID, SIGKILL after SERVER_STOP_TIMEOUT_MS. */
    async stop() { if (server !== null) await server.stop(); },
    /** SIGKILL by PID, as a crash or a pulled plug: resolves once the process has exited. */
    async kill() {
      if (exited()) return;
      const gone = new Promise((r) => server.child.once('exit', r));
      process.kill(server.pid, 'SIGKILL');
      await gone;
    },
  };
  return node;
}

async function portsFor(given, size, what) {
  if (given !== undefined && given.length !== size) {
    throw new Error(`startNatsCluster: ${what} has ${given.length} ports for ${size} nodes`);
  }
  return given ?? Promise.all(Array.from({ length: size }, () => freePort()));
}

/**
 * Starts a NATS cluster of `size` nodes on loopback, each storing under dataDir/<name>, and
 * resolves when every node routes to the others and JetStream has a meta leader. A start that
 * fails stops every node it started. Ports not given are chosen free by the kernel.
 * credentials: as for startNats (null: an open cluster, for benchmarks).
 * @returns {Promise<{ urls: string[], url: string, nodes: object[], node(name: string): object,
 *   kill(name: string): Promise<void>, restart(name: string): Promise<void>,
 *   streamLeader(stream: string): Promise<object | null>, waitFormed(timeoutMs?: number): Promise<void>,
 *   stop(): Promise<void> }>}
 */
export async function startNatsCluster({ ports, clusterPorts, httpPorts, dataDir, credentials = null,
  size = NATS_CLUSTER_SIZE }) {
  if (!Number.isInteger(size) || size < 1 || size > NATS_CLUSTER_SIZE_MAX) {
    throw new Error(`startNatsCluster: size ${size} is not from 1 to ${NATS_CLUSTER_SIZE_MAX}`);
  }
  const client = await portsFor(ports, size, 'ports');
  const routes = await portsFor(clusterPorts, size, 'clusterPorts');
  const monitoring = await portsFor(httpPorts, size, 'httpPorts');
  const nodes = client.map((port, index) => makeNode({ index, port, clusterPort: routes[index],
    httpPort: monitoring[index], clusterPorts: routes, dataDir, credentials }));
  const stopAll = () => Promise.all(nodes.map((n) => n.stop())).then(() => undefined);
  // All at once: a node may wait for its routes before it calls itself ready.
  const started = await Promise.allSettled(nodes.map((n) => n.start()));
  const failed = started.find((r) => r.status === 'rejected');
  try {
    if (failed !== undefined) throw failed.reason;
    await waitClusterFormed(nodes, size);
  } catch (err) {
    await stopAll();
    throw err;
  }
  return clusterHandle(nodes, size, stopAll);
}

function clusterHandle(nodes, size, stopAll) {
  // What callers get of a node: its addresses and its life, not its start options.
  const pub = nodes.map((n) => ({
    name: n.name, url: n.url, port: n.port, httpPort: n.httpPort,
    get pid() { return n.pid; },
    running: n.running,
    stop: n.stop,
    kill: n.kill,
    /** Starts the node again on its ports and data, and waits until it has rejoined. */
    restart: async () => { await n.start(); await waitClusterFormed(nodes, size); },
  }));
  const node = (name) => {
    const n = pub.find((x) => x.name === name);
    if (n === undefined) throw new Error(`no NATS node named ${name} (${pub.map((x) => x.name).join(', ')})`);
    return n;
  };
  const urls = pub.map((n) => n.url);
  return {
    urls,
    url: urls.join(','),
    nodes: pub,
    node,
    kill: (name) => node(name).kill(),
    restart: (name) => node(name).restart(),
    /** The node leading this stream now, or null while none does. */
    streamLeader: async (stream) => {
      const name = await streamLeaderName(nodes, stream);
      return name === null ? null : node(name);
    },
    waitFormed: (timeoutMs) => waitClusterFormed(nodes, size, timeoutMs),
    stop: stopAll,
  };
}
