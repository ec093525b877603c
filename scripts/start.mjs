#!/usr/bin/env node
// `npm start`: the whole system on loopback. Installs what is missing, starts nats-server and
// clickhouse-server with data under .tapgate/, loads a demo school through the registry
// loader, then runs the gateway, the admin API process, the ClickHouse sink, the notifier and
// the local stand-ins of its providers (mail catcher, push service, SMSC), restarting each whenever it exits
// (a fatal ledger error exits the gateway on purpose; its restart rebuilds the state) with a
// growing delay (scripts/lib/backoff.mjs), never giving up and never stopping the servers for it.
// A start that fails halfway stops what it started and names the cause. Ctrl-C stops
// everything by PID in order: gateway, API and sink first, then the servers.
//
// `npm start -- --cluster` (or TAPGATE_START_CLUSTER=1) runs the shape of a city instead (ADR 0018,
// docs/shards.md): a three-node NATS cluster (streams and buckets with 3 replicas), two gateways
// that split the demo's shards, two API processes, and prints who owns what.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './lib/setup.mjs';
import { startClickHouse, startLocalServers } from './lib/servers.mjs';
import { startNatsCluster } from './lib/nats-cluster.mjs';
import { ensureNatsCredentials, inboxPrefix } from './lib/nats-auth.mjs';
import { supervise } from './lib/supervisor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, '.tapgate');
const logs = join(data, 'logs');
const log = (m) => process.stderr.write(`tapgate: ${m}\n`);
const env = (k, d) => process.env[k] ?? d;
const ports = {
  nats: Number(env('TAPGATE_LOCAL_NATS_PORT', '14222')),
  chHttp: Number(env('TAPGATE_LOCAL_CLICKHOUSE_HTTP_PORT', '18123')),
  chTcp: Number(env('TAPGATE_LOCAL_CLICKHOUSE_TCP_PORT', '19000')),
  chInter: Number(env('TAPGATE_LOCAL_CLICKHOUSE_INTERSERVER_PORT', '19009')),
};

const cluster = process.argv.includes('--cluster') || env('TAPGATE_START_CLUSTER', '') === '1';
/** Tries of the demo registry load on a NATS cluster still electing its leaders, and the pause between, in ms. */
const REGISTRY_LOAD_TRIES = 6;
const REGISTRY_LOAD_RETRY_MS = 3000;
/** Asks of one demo top-up answered UNAVAILABLE while a shard changes hands, and the pause between, in ms. */
const TOP_UP_TRIES = 20;
const TOP_UP_RETRY_MS = 250;
/** How long the start waits for every shard to have an owner, in ms. */
const OWNERS_WAIT_MS = 90_000;

setup(root, log);
mkdirSync(logs, { recursive: true });
// One NATS user per component, each with its own password file (mode 0600) and least permissions
// (scripts/lib/nats-auth.mjs, docs/operations.md); a client without a user is refused.
const natsUsers = ensureNatsCredentials(join(data, 'nats-users'));
let servers;
try {
  servers = cluster ? await startClusterServers() : await startLocalServers({
    log: (m) => log(`${m} (data in .tapgate/)`),
    nats: { port: ports.nats, dataDir: join(data, 'nats'), logFile: join(logs, 'nats-server.log'),
      credentials: natsUsers },
    clickhouse: { httpPort: ports.chHttp, tcpPort: ports.chTcp, interserverPort: ports.chInter,
      dataDir: join(data, 'clickhouse'), logFile: join(logs, 'clickhouse-server.log') },
  });
} catch (err) {
  log(`could not start: ${err.message}`);
  log('nothing is left running; free the port or set TAPGATE_LOCAL_*_PORT (README), then npm start again');
  process.exit(1);
}
const { nats, clickhouse: ch } = servers;
const supervisors = [];
let stopping = false;
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
// Anything that fails from here on stops what was started rather than leaving servers behind.
process.on('uncaughtException', (err) => { log(`failed: ${err.stack ?? err}`); void stopAll(1); });
process.on('unhandledRejection', (err) => { log(`failed: ${err?.stack ?? err}`); void stopAll(1); });

const baseEnv = { ...process.env, TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url,
  ...(cluster ? { TAPGATE_NATS_REPLICAS: '3' } : {}) };
/** The environment of a child that logs in to NATS as this user. */
const envOf = (user) => ({ ...baseEnv, TAPGATE_NATS_USER: user,
  TAPGATE_NATS_PASSWORD_FILE: natsUsers[user].passwordFile });
const demo = join(data, cluster ? 'demo-registry-cluster.json' : 'demo-registry.json');
// A demo file from before the notifier (no parents) is made anew: its pupils get parents to notify.
if (!existsSync(demo) || !('guardians' in JSON.parse(readFileSync(demo, 'utf8')))) {
  const { generateDemoRegistry } = await import('../dist/simulator/demo-registry.js');
  const doc = generateDemoRegistry({ schools: cluster ? 2 : 1, turnstilesPerSchool: 4, posPerSchool: 2, pupilsPerSchool: 600, staffPerSchool: 60,
    parents: true });
  if (cluster) {
    // One shard per school, named so that the two gateways get one each (rendezvous hashing).
    const shards = await splitShards(['gw1', 'gw2']);
    doc.schools.forEach((school, i) => { school.shardId = shards[i % shards.length]; });
  }
  writeFileSync(demo, JSON.stringify(doc, null, 1), { mode: 0o600 });
  log(`generated a demo ${cluster ? 'city of two schools in two shards' : 'school'} in .tapgate/${cluster ? 'demo-registry-cluster.json' : 'demo-registry.json'} (random device secrets and card UIDs)`);
}
// A NATS cluster restarted on its old data elects its streams' leaders for some seconds after it
// formed: the load is tried again meanwhile (it writes only what changed).
let load;
for (let attempt = 1; attempt <= (cluster ? REGISTRY_LOAD_TRIES : 1); attempt++) {
  load = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'registry-load.js'), demo], { env: envOf('admin'), stdio: ['ignore', 'pipe', 'inherit'] });
  if (load.status === 0) break;
  if (cluster) { log(`loading the demo registry failed (attempt ${attempt}); the cluster may still be electing leaders`); await new Promise((r) => setTimeout(r, REGISTRY_LOAD_RETRY_MS)); }
}
if (load.status !== 0) { log('loading the demo registry failed'); await stopAll(1); }
log(`demo registry loaded: ${load.stdout.toString().trim()}`);

function superviseNode(name, script, natsUser, extraEnv = {}) {
  supervisors.push(supervise({
    name, command: process.execPath, args: [join(root, 'dist', script)], env: natsUser === null ? { ...process.env, ...extraEnv } : { ...envOf(natsUser), ...extraEnv },
    logFile: join(logs, `${name}.log`), logName: `.tapgate/logs/${name}.log`, log,
  }));
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await Promise.all(supervisors.map((s) => s.stop()));
  await ch.stop();
  await nats.stop();
  process.exit(code);
}

const devicePort = env('TAPGATE_DEVICE_PORT', '7400');
const opsPort = env('TAPGATE_OPS_PORT', '7401');
// The admin API is its own stateless process (ADR 0017), logged in as NATS user api.
const apiPort = env('TAPGATE_API_PORT', '7403');
const apiOpsPort = env('TAPGATE_API_OPS_PORT', '7405');
// The notifier's VAPID key file: the API reads its public key for the parents' portal's Web Push.
const vapidFile = join(data, 'vapid.json');
/** The second gateway and API process of --cluster: the first ones' ports plus 10. */
const second = (port) => String(Number(port) + 10);
if (cluster) {
  superviseNode('gateway-1', 'gateway/main.js', 'gateway', { TAPGATE_GATEWAY_ID: 'gw1', TAPGATE_DEVICE_PORT: devicePort, TAPGATE_OPS_PORT: opsPort });
  superviseNode('gateway-2', 'gateway/main.js', 'gateway', { TAPGATE_GATEWAY_ID: 'gw2', TAPGATE_DEVICE_PORT: second(devicePort),
    TAPGATE_OPS_PORT: second(opsPort) });
  superviseNode('api-1', 'api/main.js', 'api', { TAPGATE_API_ID: 'api1', TAPGATE_API_PORT: apiPort, TAPGATE_API_OPS_PORT: apiOpsPort,
    TAPGATE_VAPID_FILE: vapidFile });
  superviseNode('api-2', 'api/main.js', 'api', { TAPGATE_API_ID: 'api2', TAPGATE_API_PORT: second(apiPort), TAPGATE_API_OPS_PORT: second(apiOpsPort),
    TAPGATE_VAPID_FILE: vapidFile });
} else {
  superviseNode('gateway', 'gateway/main.js', 'gateway');
  superviseNode('api', 'api/main.js', 'api', { TAPGATE_API_PORT: apiPort, TAPGATE_API_OPS_PORT: apiOpsPort, TAPGATE_VAPID_FILE: vapidFile });
}
superviseNode('clickhouse-sink', 'consumers/clickhouse-sink/main.js', 'sink');

// The local stand-ins of the outside providers (local/main.ts): a mail catcher with a web page, a
// Web Push service over TLS and an SMSC. The notifier waits for the push service's CA certificate,
// written anew at each start of the providers.
const local = {
  smtp: env('TAPGATE_LOCAL_SMTP_PORT', '1025'), mailWeb: env('TAPGATE_LOCAL_MAIL_WEB_PORT', '1080'),
  push: env('TAPGATE_LOCAL_PUSH_PORT', '7443'), smpp: env('TAPGATE_LOCAL_SMPP_PORT', '2775'), smsWeb: env('TAPGATE_LOCAL_SMS_WEB_PORT', '1081'),
  caFile: join(data, 'local-push-ca.pem'), smppPasswordFile: join(data, 'local-smpp.password'),
};
rmSync(local.caFile, { force: true });
superviseNode('local-providers', 'local/main.js', null, { TAPGATE_LOCAL_PUSH_CA_FILE: local.caFile, TAPGATE_LOCAL_SMPP_PASSWORD_FILE: local.smppPasswordFile,
  TAPGATE_LOCAL_SMS_WEB_PORT: local.smsWeb });
const smsWebUrl = `http://127.0.0.1:${local.smsWeb}/`;
for (const until = Date.now() + 30_000; !existsSync(local.caFile) && Date.now() < until;) await new Promise((r) => setTimeout(r, 100));
const notifyPort = env('TAPGATE_NOTIFY_OPS_PORT', '7404');
superviseNode('notifier', 'consumers/notifier/main.js', 'notifier', {
  TAPGATE_SMTP_URL: `smtp://127.0.0.1:${local.smtp}`, TAPGATE_SMPP_URL: `smpp://tapgate@127.0.0.1:${local.smpp}`,
  TAPGATE_SMPP_PASSWORD_FILE: local.smppPasswordFile, TAPGATE_VAPID_FILE: vapidFile, TAPGATE_PUSH_CA_FILE: local.caFile,
  TAPGATE_NOTIFY_OPS_PORT: notifyPort,
});

const sinkPort = env('TAPGATE_SINK_OPS_PORT', '7402');
const demoDoc = JSON.parse(readFileSync(demo, 'utf8'));
const owners = await waitForOwners(cluster ? [opsPort, second(opsPort)] : [opsPort],
  [...new Set(demoDoc.schools.map((s) => s.shardId ?? 'main'))]);
// Fund the demo pupils' accounts through the money API, as a bank would. The payment ids are fixed,
// so a second npm start gets DUPLICATE answers and the balances do not grow.
try {
  const funded = await fundDemoAccounts(nats.url, natsUsers.payment, demoDoc.accounts ?? []);
  log(`demo accounts funded through tapgate.money.v1.topup: ${funded.applied} applied, ` +
    `${funded.duplicate} already applied`);
} catch (err) {
  log(`could not fund the demo accounts (${err.message}); see .tapgate/logs/gateway.log`);
}

// A city administrator's API token for the operator at this machine, created once; the KV bucket
// keeps only its hash, so the file is the only copy (mode 600, under the gitignored .tapgate/).
const tokenFile = join(data, 'admin-token');
if (!existsSync(tokenFile)) {
  const made = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'api-token.js'), 'create', '--role', 'city_admin', '--label', 'npm start'],
    { env: envOf('admin'), stdio: ['ignore', 'pipe', 'ignore'] });
  if (made.status === 0) { writeFileSync(tokenFile, made.stdout.toString().trim() + '\n', { mode: 0o600 }); log('created a city administrator API token in .tapgate/admin-token'); }
  else log('could not create an admin API token (npm run token -- create --role city_admin)');
}

// A way into the console for each staff role of the first demo school, made once like the admin
// token (mode 600, the files are the only copies): the key is pasted on the sign-in page.
const firstSchool = demoDoc.schools[0]?.id ?? '';
const consoleTokens = [['guard', 'guard', "guard's desk"], ['office', 'school_operator', 'school office'], ['catering', 'catering_operator', 'canteen']];
const tokenDir = join(data, 'console-tokens');
mkdirSync(tokenDir, { recursive: true, mode: 0o700 });
for (const [file, role, label] of consoleTokens) {
  const f = join(tokenDir, file);
  if (existsSync(f) || firstSchool === '') continue;
  const made = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'api-token.js'), 'create', '--role', role, '--school', firstSchool,
    '--label', `npm start: ${label}`], { env: envOf('admin'), stdio: ['ignore', 'pipe', 'ignore'] });
  if (made.status === 0) writeFileSync(f, made.stdout.toString().trim() + '\n', { mode: 0o600 });
  else log(`could not create the ${role} console token`);
}
const demoParent = (demoDoc.guardians ?? [])[0];
const consoleUrl = `http://127.0.0.1:${apiPort}/`;
const consoleLines = `
  web console:    ${consoleUrl}  (docs/console.md)
    guard's desk:   ${consoleUrl}desk    key in .tapgate/console-tokens/guard
    school office:  ${consoleUrl}office  key in .tapgate/console-tokens/office
    canteen:        ${consoleUrl}office  key in .tapgate/console-tokens/catering
    city admin:     ${consoleUrl}office  key in .tapgate/admin-token
    parent:         ${consoleUrl}parent  phone ${demoParent?.phone ?? '(no demo parent)'}; the SMS code shows on ${smsWebUrl}`;

const clusterLines = !cluster ? '' : `
  NATS cluster:   ${nats.url}  (3 nodes, streams and buckets with 3 replicas; docs/operations.md)
  gateway 2:      ws://127.0.0.1:${second(devicePort)}/device/v1, ops http://127.0.0.1:${second(opsPort)}/readyz
  admin API 2:    http://127.0.0.1:${second(apiPort)}/api/v1  (ops ${second(apiOpsPort)})
  shards:         gateway 1 owns ${owners[0]?.join(', ') || 'nothing'}; gateway 2 owns ${owners[1]?.join(', ') || 'nothing'}  (docs/shards.md)`;
process.stdout.write(`
tapgate is running on loopback (logs in .tapgate/logs/, Ctrl-C stops everything)${clusterLines}
  devices:        ws://127.0.0.1:${devicePort}/device/v1
  admin API:      http://127.0.0.1:${apiPort}/api/v1  (OpenAPI: /api/v1/openapi.json; docs/api.md)
                  curl -H "Authorization: Bearer $(cat .tapgate/admin-token)" http://127.0.0.1:${apiPort}/api/v1/schools${consoleLines}
  API ops:        http://127.0.0.1:${apiOpsPort}/metrics  /readyz  (log in .tapgate/logs/api.log)
  gateway ops:    http://127.0.0.1:${opsPort}/metrics  /livez  /readyz (shards owned)  /v1/presence/sch-0001
  sink ops:       http://127.0.0.1:${sinkPort}/metrics  /readyz
  mail catcher:   http://127.0.0.1:${local.mailWeb}/  (letters to the demo parents; SMTP on ${local.smtp}; docs/notifications.md)
  notifier ops:   http://127.0.0.1:${notifyPort}/metrics  /readyz  /dead-letter
  local push/SMS: https://127.0.0.1:${local.push} (Web Push service, CA in .tapgate/local-push-ca.pem), SMSC smpp://127.0.0.1:${local.smpp}
                  (the SMS it received: ${smsWebUrl})
  NATS:           ${nats.url}  (users and passwords in .tapgate/nats-users/; docs/operations.md)
  ClickHouse:     ${ch.url}  (database tapgate: pass_events, purchases, purchase_items, top_ups, refunds, transfers)
  money (NATS):   tapgate.money.v1.topup, tapgate.money.v1.refund (docs/money.md)
  simulate taps:  npm run simulate -- --devices 4 --rate 200 --duration 10
  canteen taps:   npm run simulate -- --kind pos --devices 2 --rate 50 --duration 10
`);

/** Tops up every demo account as the payment user, the way a bank's integration would. */
async function fundDemoAccounts(natsUrl, payment, accounts) {
  const { connect } = await import('@nats-io/transport-node');
  const { tapgate } = await import('../dist/core/proto.js');
  const { TopUpRequest, TopUpReply, TopUpStatus, TopUpError } = tapgate.money.v1;
  const nc = await connect({ servers: natsUrl, user: payment.user, pass: payment.password,
    inboxPrefix: inboxPrefix(payment.user) });
  const counts = { applied: 0, duplicate: 0 };
  try {
    for (const a of accounts) {
      const req = TopUpRequest.encode({ channel: 'demo', paymentId: `demo-${a.id}`, accountNumber: a.number, amountKop: 50_000 }).finish();
      // UNAVAILABLE while a shard changes hands: the same payment id is simply asked again.
      let reply;
      for (let attempt = 0; attempt < TOP_UP_TRIES; attempt++) {
        reply = TopUpReply.decode((await nc.request('tapgate.money.v1.topup', req, { timeout: 10_000 })).data);
        if (reply.error !== TopUpError.TOP_UP_ERROR_UNAVAILABLE) break;
        await new Promise((r) => setTimeout(r, TOP_UP_RETRY_MS));
      }
      if (reply.status === TopUpStatus.TOP_UP_STATUS_APPLIED) counts.applied++;
      else if (reply.status === TopUpStatus.TOP_UP_STATUS_DUPLICATE) counts.duplicate++;
    }
  } finally {
    await nc.close();
  }
  return counts;
}

/** The three NATS nodes (ports 14222-14224 unless TAPGATE_LOCAL_NATS_PORT moves them) and one ClickHouse. */
async function startClusterServers() {
  log(`starting a 3-node NATS cluster on 127.0.0.1:${ports.nats}-${ports.nats + 2} (data in .tapgate/nats-cluster/)`);
  const natsCluster = await startNatsCluster({ ports: [ports.nats, ports.nats + 1, ports.nats + 2], dataDir: join(data, 'nats-cluster'),
    credentials: natsUsers });
  try {
    log(`starting clickhouse-server on 127.0.0.1:${ports.chHttp} (data in .tapgate/)`);
    const clickhouse = await startClickHouse({ httpPort: ports.chHttp, tcpPort: ports.chTcp, interserverPort: ports.chInter,
      dataDir: join(data, 'clickhouse'), logFile: join(logs, 'clickhouse-server.log') });
    return { nats: { url: natsCluster.url, stop: () => natsCluster.stop() }, clickhouse };
  } catch (err) {
    await natsCluster.stop();
    throw err;
  }
}

/** Two shard ids that rendezvous hashing gives one to each of these gateways (gateway/edge/shard-owners.ts). */
async function splitShards(gateways) {
  const { preferredOwner } = await import('../dist/gateway/edge/shard-owners.js');
  const live = gateways.map((gatewayId) => ({ gatewayId, standby: false }));
  for (let i = 1; i < 1000; i++) {
    const ids = [`north-${i}`, `south-${i}`];
    const owners = ids.map((id) => preferredOwner(id, live));
    if (new Set(owners).size === gateways.length) return ids;
  }
  return ['north', 'south'];
}

/**
 * Waits until the gateways are ready, every shard has an owner and (with several gateways) each
 * owns one: the start's hand-backs are over. Returns what each gateway owns, in the order given.
 */
async function waitForOwners(opsPorts, shards) {
  const deadline = Date.now() + OWNERS_WAIT_MS;
  let views = [];
  while (Date.now() < deadline) {
    try {
      views = await Promise.all(opsPorts.map(async (p) => {
        const r = await fetch(`http://127.0.0.1:${p}/readyz`);
        return r.ok ? await r.json() : null;
      }));
      const owned = views.flatMap((v) => v?.shards ?? []);
      const settled = views.every((v) => v !== null && (opsPorts.length === 1 || v.shards.length > 0));
      if (settled && shards.every((s) => owned.includes(s)) && new Set(owned).size === owned.length) {
        return views.map((v) => v.shards);
      }
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  log('not every shard has an owner yet; see .tapgate/logs/gateway*.log');
  return views.map((v) => v?.shards ?? []);
}
