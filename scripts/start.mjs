#!/usr/bin/env node
// `npm start`: the whole system on loopback. Installs what is missing, starts nats-server and
// clickhouse-server with data under .tapgate/, loads a demo school through the registry
// loader, then runs the gateway and the ClickHouse sink, restarting either if it exits with an
// error (a fatal ledger error exits the gateway on purpose; its restart rebuilds the state).
// Ctrl-C stops everything in order: gateway and sink first, then the servers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './lib/setup.mjs';
import { startClickHouse, startNats } from './lib/servers.mjs';

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
/** Restarts of a crashed process allowed within RESTART_WINDOW_MS before npm start gives up. */
const RESTARTS_MAX = 5;
const RESTART_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1000;

setup(root, log);
mkdirSync(logs, { recursive: true });
log(`starting nats-server on 127.0.0.1:${ports.nats} (data in .tapgate/nats)`);
const nats = await startNats({ port: ports.nats, dataDir: join(data, 'nats'), logFile: join(logs, 'nats-server.log') });
log(`starting clickhouse-server on 127.0.0.1:${ports.chHttp} (data in .tapgate/clickhouse)`);
const ch = await startClickHouse({ httpPort: ports.chHttp, tcpPort: ports.chTcp, interserverPort: ports.chInter,
  dataDir: join(data, 'clickhouse'), logFile: join(logs, 'clickhouse-server.log') });

const childEnv = { ...process.env, TAPGATE_NATS_URL: nats.url, TAPGATE_CLICKHOUSE_URL: ch.url };
const demo = join(data, 'demo-registry.json');
if (!existsSync(demo)) {
  const { generateDemoRegistry } = await import('../dist/simulator/demo-registry.js');
  writeFileSync(demo, JSON.stringify(generateDemoRegistry({ schools: 1, turnstilesPerSchool: 4, posPerSchool: 2, pupilsPerSchool: 600, staffPerSchool: 60 }), null, 1), { mode: 0o600 });
  log('generated a demo school in .tapgate/demo-registry.json (random device secrets and card UIDs)');
}
const load = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'registry-load.js'), demo], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
if (load.status !== 0) { log('loading the demo registry failed'); await stopAll(1); }
log(`demo registry loaded: ${load.stdout.toString().trim()}`);

const children = new Map();
let stopping = false;

function supervise(name, script) {
  const restarts = [];
  const startOne = () => {
    const out = openSync(join(logs, `${name}.log`), 'a');
    const child = spawn(process.execPath, [join(root, 'dist', script)], { env: childEnv, stdio: ['ignore', out, out] });
    children.set(name, child);
    child.once('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > RESTARTS_MAX) { log(`${name} keeps exiting (last: ${code ?? signal}); see .tapgate/logs/${name}.log`); void stopAll(1); return; }
      log(`${name} exited (${code ?? signal}); restarting in ${RESTART_DELAY_MS} ms`);
      setTimeout(startOne, RESTART_DELAY_MS);
    });
  };
  startOne();
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  await Promise.all([...children.values()].map((c) => new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); })));
  await ch.stop();
  await nats.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

supervise('gateway', 'gateway/main.js');
supervise('clickhouse-sink', 'consumers/clickhouse-sink/main.js');

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
const funded = await fundDemoAccounts(nats.url, demoDoc.accounts ?? []);
log(`demo accounts funded through tapgate.money.v1.topup: ${funded.applied} applied, ${funded.duplicate} already applied`);

// A city administrator's API token for the operator at this machine, created once; the KV bucket
// keeps only its hash, so the file is the only copy (mode 600, under the gitignored .tapgate/).
const tokenFile = join(data, 'admin-token');
if (!existsSync(tokenFile)) {
  const made = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'api-token.js'), 'create', '--role', 'city_admin', '--label', 'npm start'],
    { env: childEnv, stdio: ['ignore', 'pipe', 'ignore'] });
  if (made.status === 0) { writeFileSync(tokenFile, made.stdout.toString().trim() + '\n', { mode: 0o600 }); log('created a city administrator API token in .tapgate/admin-token'); }
  else log('could not create an admin API token (npm run token -- create --role city_admin)');
}
const apiPort = env('TAPGATE_API_PORT', '7403');

process.stdout.write(`
tapgate is running on loopback (logs in .tapgate/logs/, Ctrl-C stops everything)
  devices:        ws://127.0.0.1:${devicePort}/device/v1
  admin API:      http://127.0.0.1:${apiPort}/api/v1  (OpenAPI: /api/v1/openapi.json; docs/api.md)
                  curl -H "Authorization: Bearer $(cat .tapgate/admin-token)" http://127.0.0.1:${apiPort}/api/v1/schools
  gateway ops:    http://127.0.0.1:${opsPort}/metrics  /livez  /readyz  /v1/presence/sch-0001
  sink ops:       http://127.0.0.1:${sinkPort}/metrics  /readyz
  NATS:           ${nats.url}
  ClickHouse:     ${ch.url}  (database tapgate: pass_events, purchases, purchase_items, top_ups, refunds)
  money (NATS):   tapgate.money.v1.topup, tapgate.money.v1.refund (docs/money.md)
  simulate taps:  npm run simulate -- --devices 4 --rate 200 --duration 10
  canteen taps:   npm run simulate -- --kind pos --devices 2 --rate 50 --duration 10
`);

async function fundDemoAccounts(natsUrl, accounts) {
  const { connect } = await import('@nats-io/transport-node');
  const { tapgate } = await import('../dist/core/proto.js');
  const { TopUpRequest, TopUpReply, TopUpStatus } = tapgate.money.v1;
  const nc = await connect({ servers: natsUrl });
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
