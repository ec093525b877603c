// A local ClickHouse cluster for the sharded layout (docs/clickhouse-sharding.md): N
// clickhouse-servers on loopback, each knowing all N as the shards of one cluster, so that
// `Distributed(<cluster>, ...)` tables work on any of them. Used by the tests; plain JavaScript
// like servers.mjs, whose checks and error codes it reuses.
//
// A cluster cannot be given on clickhouse-server's command line: the command line only adds
// plain keys, and the server reads its clusters from the XML it (re)loads. So each node gets a
// folder `etc/` of its own holding copies of Debian's config.xml and users.xml and a
// `config.d/tapgate-cluster.xml` with the `remote_servers` entry; clickhouse-server (18.16 and
// current) merges every file in the config.d next to the config file it is started with. The
// copies keep the Debian defaults the single server runs with; paths and ports are set on the
// command line exactly as startClickHouse does.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  SERVER_FAILED, SERVER_START_TIMEOUT_MS, SERVER_STOP_TIMEOUT_MS, assertPortFree, causeFromLog, freePort, PORT_IN_USE,
} from './servers.mjs';

/** The most nodes a local cluster may have (each is a full clickhouse-server). */
export const CLUSTER_SIZE_MAX = 8;
/** A cluster name: it goes into XML and into `Distributed(...)` unquoted. */
export const CLUSTER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** How often a starting node is probed, in ms. */
const PROBE_INTERVAL_MS = 100;
/** How long one probe may take, in ms. */
const PROBE_TIMEOUT_MS = 1000;

const CLICKHOUSE_BINARIES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'];
const SYSTEM_CONFIG_DIR = '/etc/clickhouse-server';

function findClickHouse() {
  for (const c of CLICKHOUSE_BINARIES) if (existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  throw new Error('clickhouse-server is not installed (apt-get install -y clickhouse-server)');
}

/**
 * The config.d file naming every node (tcp ports on 127.0.0.1) as one shard of the cluster,
 * one replica each (replicas would need ReplicatedMergeTree, hence ZooKeeper). The root element
 * is the system config's own (`yandex` in 18.16, `clickhouse` in current Debian-like packages):
 * the files are merged root into root. Pure, for the tests.
 */
export function remoteServersXml(root, clusterName, tcpPorts) {
  const shards = tcpPorts.map((p) =>
    `      <shard>\n        <replica>\n          <host>127.0.0.1</host>\n          <port>${p}</port>\n` +
    '        </replica>\n      </shard>\n').join('');
  return `<?xml version="1.0"?>\n<${root}>\n  <remote_servers>\n    <${clusterName}>\n${shards}` +
    `    </${clusterName}>\n  </remote_servers>\n</${root}>\n`;
}

function systemConfigRoot(configText) {
  const m = /<(yandex|clickhouse)>/.exec(configText);
  if (!m) throw new Error(`${SYSTEM_CONFIG_DIR}/config.xml has neither <yandex> nor <clickhouse> as its root`);
  return m[1];
}

/** Writes a node's etc/ (copies of the system files plus our config.d) and returns its config path. */
function writeNodeConfig(nodeDir, clusterName, tcpPorts) {
  const etc = join(nodeDir, 'etc');
  mkdirSync(join(etc, 'config.d'), { recursive: true });
  const systemConfig = join(SYSTEM_CONFIG_DIR, 'config.xml');
  copyFileSync(systemConfig, join(etc, 'config.xml'));
  copyFileSync(join(SYSTEM_CONFIG_DIR, 'users.xml'), join(etc, 'users.xml'));
  const root = systemConfigRoot(readFileSync(systemConfig, 'utf8'));
  writeFileSync(join(etc, 'config.d', 'tapgate-cluster.xml'), remoteServersXml(root, clusterName, tcpPorts));
  return join(etc, 'config.xml');
}

async function httpText(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return res.ok ? (await res.text()).trim() : null;
  } catch {
    return null;
  }
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => { try { process.kill(child.pid, 'SIGKILL'); } catch { /* gone */ } }, SERVER_STOP_TIMEOUT_MS);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    try { process.kill(child.pid, 'SIGTERM'); } catch { clearTimeout(kill); resolve(); }
  });
}

/**
 * Ready when the node answers and sees the whole cluster: the positive signal that our config.d
 * was merged. Resolves null, or why it never was.
 */
async function waitNodeReady(child, url, clusterName, size) {
  const sql = `SELECT count() FROM system.clusters WHERE cluster = '${clusterName}'`;
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return `exited with ${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode} before it was ready`;
    }
    if (await httpText(`${url}/?query=${encodeURIComponent(sql)}`) === String(size)) return null;
    if (Date.now() > deadline) return `did not answer with ${size} shards of ${clusterName} within ${SERVER_START_TIMEOUT_MS} ms`;
    await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
  }
}

function readTail(file) {
  try { return readFileSync(file, 'utf8').slice(-64 * 1024); } catch { return ''; }
}

/** Starts one node; on failure stops it and throws START_PORT_IN_USE or START_SERVER_FAILED. */
async function startNode({ bin, nodeDir, ports, clusterName, tcpPorts }) {
  const dir = nodeDir.endsWith('/') ? nodeDir : nodeDir + '/';
  for (const sub of ['tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, sub), { recursive: true });
  const config = writeNodeConfig(dir, clusterName, tcpPorts);
  const log = join(dir, 'clickhouse-server.log');
  const stdoutLog = join(dir, 'clickhouse-stdout.log');
  const out = openSync(stdoutLog, 'a');
  const child = spawn(bin, [`--config-file=${config}`, '--',
    `--path=${dir}`, `--tmp_path=${dir}tmp/`, `--user_files_path=${dir}user_files/`,
    `--format_schema_path=${dir}format_schemas/`, `--http_port=${ports.http}`, `--tcp_port=${ports.tcp}`,
    `--interserver_http_port=${ports.interserver}`, '--listen_host=127.0.0.1',
    `--logger.log=${log}`, `--logger.errorlog=${log}`], { stdio: ['ignore', out, out], cwd: dir });
  closeSync(out);
  const url = `http://127.0.0.1:${ports.http}`;
  const failed = await waitNodeReady(child, url, clusterName, tcpPorts.length);
  if (failed !== null) {
    await stopChild(child);
    const cause = causeFromLog([log, stdoutLog].map(readTail).join('\n'));
    const code = cause.port !== null ? PORT_IN_USE : SERVER_FAILED;
    const tail = cause.line === null ? `see ${log}` : `its log ${log}: "${cause.line}"`;
    throw Object.assign(new Error(`clickhouse-server (cluster node ${nodeDir}) ${failed} (${tail})`),
      { code, port: cause.port, server: 'clickhouse-server', logLine: cause.line });
  }
  return { url, httpPort: ports.http, tcpPort: ports.tcp, pid: child.pid, stop: () => stopChild(child) };
}

/**
 * Starts `size` clickhouse-servers on free loopback ports, data under dataDir/node1.., each
 * configured with the cluster `clusterName` whose shards are all of them, in node order.
 * Resolves once every node answers and lists every shard. A start that fails stops every node
 * it started before throwing. Returns { nodes: [{ url, httpPort, tcpPort, pid, stop() }],
 * clusterName, stop() }; stop() stops every node (by PID).
 */
export async function startClickHouseCluster({ dataDir, size = 2, clusterName = 'tapgate' }) {
  if (!Number.isInteger(size) || size < 1 || size > CLUSTER_SIZE_MAX) {
    throw new Error(`cluster size ${size} is not an integer from 1 to ${CLUSTER_SIZE_MAX}`);
  }
  if (!CLUSTER_NAME_PATTERN.test(clusterName)) throw new Error(`cluster name ${JSON.stringify(clusterName)} is not allowed`);
  const bin = findClickHouse();
  const ports = [];
  for (let i = 0; i < size; i++) ports.push({ http: await freePort(), tcp: await freePort(), interserver: await freePort() });
  for (const p of ports) for (const port of [p.http, p.tcp, p.interserver]) await assertPortFree(port, 'clickhouse-server');
  const tcpPorts = ports.map((p) => p.tcp);
  const settled = await Promise.allSettled(ports.map((p, i) =>
    startNode({ bin, nodeDir: join(dataDir, `node${i + 1}`), ports: p, clusterName, tcpPorts })));
  const nodes = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const stop = async () => { await Promise.all(nodes.map((n) => n.stop())); };
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure !== undefined) {
    await stop();
    throw failure.reason;
  }
  return { nodes, clusterName, stop };
}
