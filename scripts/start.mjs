#!/usr/bin/env node
// `npm start`: the whole system on loopback. Installs what is missing, starts nats-server and
// clickhouse-server with data under .tapgate/, loads a demo school through the registry
// loader, then runs the gateway, the admin API process, the ClickHouse sink, the notifier and
// the local stand-ins of its providers (mail catcher, push service, SMSC), restarting each whenever it exits
// (a fatal ledger error exits the gateway on purpose; its restart rebuilds the state) with a
// growing delay (scripts/lib/backoff.mjs), never giving up and never stopping the servers for it.
// A start that fails halfway stops what it started and names the cause. Ctrl-C stops
// everything by PID in order: gateway, API and sink first, then the servers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './lib/setup.mjs';
import { startLocalServers } from './lib/servers.mjs';
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

setup(root, log);
mkdirSync(logs, { recursive: true });
// One NATS user per component, each with its own password file (mode 0600) and least permissions
// (scripts/lib/nats-auth.mjs, docs/operations.md); a client without a user is refused.
const natsUsers = ensureNatsCredentials(join(data, 'nats-users'));
let servers;
try {
  servers = await startLocalServers({
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

const baseEnv = { ...process.env, TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url };
/** The environment of a child that logs in to NATS as this user. */
const envOf = (user) => ({ ...baseEnv, TAPGATE_NATS_USER: user,
  TAPGATE_NATS_PASSWORD_FILE: natsUsers[user].passwordFile });
const demo = join(data, 'demo-registry.json');
// A demo file from before the notifier (no parents) is made anew: its pupils get parents to notify.
if (!existsSync(demo) || !('guardians' in JSON.parse(readFileSync(demo, 'utf8')))) {
  const { generateDemoRegistry } = await import('../dist/simulator/demo-registry.js');
  writeFileSync(demo, JSON.stringify(generateDemoRegistry({ schools: 1, turnstilesPerSchool: 4, posPerSchool: 2, pupilsPerSchool: 600, staffPerSchool: 60,
    parents: true }), null, 1), { mode: 0o600 });
  log('generated a demo school in .tapgate/demo-registry.json (random device secrets and card UIDs)');
}
const load = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'registry-load.js'), demo], { env: envOf('admin'), stdio: ['ignore', 'pipe', 'inherit'] });
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

superviseNode('gateway', 'gateway/main.js', 'gateway');
// The admin API is its own stateless process (ADR 0017), logged in as NATS user api.
const apiPort = env('TAPGATE_API_PORT', '7403');
const apiOpsPort = env('TAPGATE_API_OPS_PORT', '7405');
superviseNode('api', 'api/main.js', 'api', { TAPGATE_API_PORT: apiPort, TAPGATE_API_OPS_PORT: apiOpsPort });
superviseNode('clickhouse-sink', 'consumers/clickhouse-sink/main.js', 'sink');

// The local stand-ins of the outside providers (local/main.ts): a mail catcher with a web page, a
// Web Push service over TLS and an SMSC. The notifier waits for the push service's CA certificate,
// written anew at each start of the providers.
const local = {
  smtp: env('TAPGATE_LOCAL_SMTP_PORT', '1025'), mailWeb: env('TAPGATE_LOCAL_MAIL_WEB_PORT', '1080'),
  push: env('TAPGATE_LOCAL_PUSH_PORT', '7443'), smpp: env('TAPGATE_LOCAL_SMPP_PORT', '2775'),
  caFile: join(data, 'local-push-ca.pem'), smppPasswordFile: join(data, 'local-smpp.password'),
};
rmSync(local.caFile, { force: true });
superviseNode('local-providers', 'local/main.js', null, { TAPGATE_LOCAL_PUSH_CA_FILE: local.caFile, TAPGATE_LOCAL_SMPP_PASSWORD_FILE: local.smppPasswordFile });
for (const until = Date.now() + 30_000; !existsSync(local.caFile) && Date.now() < until;) await new Promise((r) => setTimeout(r, 100));
const notifyPort = env('TAPGATE_NOTIFY_OPS_PORT', '7404');
superviseNode('notifier', 'consumers/notifier/main.js', 'notifier', {
  TAPGATE_SMTP_URL: `smtp://127.0.0.1:${local.smtp}`, TAPGATE_SMPP_URL: `smpp://tapgate@127.0.0.1:${local.smpp}`,
  TAPGATE_SMPP_PASSWORD_FILE: local.smppPasswordFile, TAPGATE_VAPID_FILE: join(data, 'vapid.json'), TAPGATE_PUSH_CA_FILE: local.caFile,
  TAPGATE_NOTIFY_OPS_PORT: notifyPort,
});

const devicePort = env('TAPGATE_DEVICE_PORT', '7400');
const opsPort = env('TAPGATE_OPS_PORT', '7401');
const sinkPort = env('TAPGATE_SINK_OPS_PORT', '7402');
const deadline = Date.now() + 60_000;
while (Date.now() < deadline) {
  try { if ((await fetch(`http://127.0.0.1:${opsPort}/readyz`)).ok) break; } catch { /* starting */ }
  await new Promise((r) => setTimeout(r, 250));
}
// Fund the demo pupils' accounts through the money API, as a bank would. The payment ids are fixed,
// so a second npm start gets DUPLICATE answers and the balances do not grow.
const demoDoc = JSON.parse(readFileSync(demo, 'utf8'));
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

process.stdout.write(`
tapgate is running on loopback (logs in .tapgate/logs/, Ctrl-C stops everything)
  devices:        ws://127.0.0.1:${devicePort}/device/v1
  admin API:      http://127.0.0.1:${apiPort}/api/v1  (OpenAPI: /api/v1/openapi.json; docs/api.md)
                  curl -H "Authorization: Bearer $(cat .tapgate/admin-token)" http://127.0.0.1:${apiPort}/api/v1/schools
  API ops:        http://127.0.0.1:${apiOpsPort}/metrics  /readyz  (log in .tapgate/logs/api.log)
  gateway ops:    http://127.0.0.1:${opsPort}/metrics  /livez  /readyz  /v1/presence/sch-0001
  sink ops:       http://127.0.0.1:${sinkPort}/metrics  /readyz
  mail catcher:   http://127.0.0.1:${local.mailWeb}/  (letters to the demo parents; SMTP on ${local.smtp}; docs/notifications.md)
  notifier ops:   http://127.0.0.1:${notifyPort}/metrics  /readyz  /dead-letter
  local push/SMS: https://127.0.0.1:${local.push} (Web Push service, CA in .tapgate/local-push-ca.pem), SMSC smpp://127.0.0.1:${local.smpp}
  NATS:           ${nats.url}  (users and passwords in .tapgate/nats-users/; docs/operations.md)
  ClickHouse:     ${ch.url}  (database tapgate: pass_events, purchases, purchase_items, top_ups, refunds)
  money (NATS):   tapgate.money.v1.topup, tapgate.money.v1.refund (docs/money.md)
  simulate taps:  npm run simulate -- --devices 4 --rate 200 --duration 10
  canteen taps:   npm run simulate -- --kind pos --devices 2 --rate 50 --duration 10
`);

/** Tops up every demo account as the payment user, the way a bank's integration would. */
async function fundDemoAccounts(natsUrl, payment, accounts) {
  const { connect } = await import('@nats-io/transport-node');
  const { tapgate } = await import('../dist/core/proto.js');
  const { TopUpRequest, TopUpReply, TopUpStatus } = tapgate.money.v1;
  const nc = await connect({ servers: natsUrl, user: payment.user, pass: payment.password,
    inboxPrefix: inboxPrefix(payment.user) });
  const counts = { applied: 0, duplicate: 0 };
  try {
    for (const a of accounts) {
      const req = TopUpRequest.encode({ channel: 'demo', paymentId: `demo-${a.id}`, accountNumber: a.number, amountKop: 50_000 }).finish();
      const reply = TopUpReply.decode((await nc.request('tapgate.money.v1.topup', req, { timeout: 10_000 })).data);
      if (reply.status === TopUpStatus.TOP_UP_STATUS_APPLIED) counts.applied++;
      else if (reply.status === TopUpStatus.TOP_UP_STATUS_DUPLICATE) counts.duplicate++;
    }
  } finally {
    await nc.close();
  }
  return counts;
}
