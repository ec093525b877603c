// Local servers (scripts/lib/servers.mjs, used by npm start and the tests): a start that fails
// halfway leaves nothing running and its error names the cause, by code: the port in use,
// found before the start, or read from the server's log when the server itself could not bind.
import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertPortFree, causeFromLog, freePort, startLocalServers, startNats,
// @ts-expect-error plain JavaScript module shared with npm start
} from '../../scripts/lib/servers.mjs';

interface StartError extends Error { code: string; port: number | null; server: string; logLine: string | null }

async function occupy(t: Test): Promise<number> {
  const srv: Server = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => srv.close(() => r())));
  return (srv.address() as { port: number }).port;
}

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'tapgate-servers-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function clickhouseBehindNats(t: Test, busy: number, checkPorts: boolean): Promise<{ err: StartError; natsPort: number; httpPort: number }> {
  const dir = tempDir(t);
  const natsPort = await freePort();
  const httpPort = await freePort();
  const err = await (startLocalServers as (o: unknown) => Promise<unknown>)({
    nats: { port: natsPort, dataDir: join(dir, 'nats') },
    clickhouse: { httpPort, tcpPort: busy, interserverPort: await freePort(), dataDir: join(dir, 'ch'), checkPorts },
  }).then(() => { throw new Error('the start succeeded'); }, (e: unknown) => e as StartError);
  return { err, natsPort, httpPort };
}

t.test('local servers - a ClickHouse port in use is named before the start and NATS is stopped again', async (t) => {
  const busy = await occupy(t);
  const { err, natsPort, httpPort } = await clickhouseBehindNats(t, busy, true);
  t.equal(err.code, 'START_PORT_IN_USE');
  t.equal(err.port, busy);
  t.equal(err.server, 'clickhouse-server');
  t.match(err.message, `port ${busy} for clickhouse-server is already in use on 127.0.0.1`);
  await t.resolves(assertPortFree(natsPort, 'nats-server'), 'nats-server was stopped: its port is free');
  await t.resolves(assertPortFree(httpPort, 'clickhouse-server'), 'no clickhouse-server listens');
});

t.test('local servers - ClickHouse that cannot bind is named with its log line and NATS is stopped', async (t) => {
  const busy = await occupy(t);
  const { err, natsPort, httpPort } = await clickhouseBehindNats(t, busy, false);
  t.equal(err.code, 'START_PORT_IN_USE');
  t.equal(err.port, busy);
  t.match(err.message, /^clickhouse-server exited with code \d+ before it was ready: port \d+ is already in use/);
  t.match(err.logLine, `Address already in use: 127.0.0.1:${busy}`);
  await t.resolves(assertPortFree(natsPort, 'nats-server'), 'nats-server was stopped: its port is free');
  await t.resolves(assertPortFree(httpPort, 'clickhouse-server'), 'no clickhouse-server listens');
});

t.test('local servers - nats-server that cannot bind is named with its log line', async (t) => {
  const busy = await occupy(t);
  const err = await (startNats as (o: unknown) => Promise<unknown>)({ port: busy, dataDir: join(tempDir(t), 'nats'), checkPorts: false })
    .then(() => { throw new Error('the start succeeded'); }, (e: unknown) => e as StartError);
  t.equal(err.code, 'START_PORT_IN_USE');
  t.equal(err.port, busy);
  t.match(err.logLine, `listen tcp 127.0.0.1:${busy}: bind: address already in use`);
});

t.test('local servers - causeFromLog finds the bind failure, else the last error line', async (t) => {
  const cases: Array<[string, { port: number | null; line: string | null }]> = [
    ['x\n2026.12.01 10:20:03 [ 1 ] {} <Error> Application: Net Exception: Address already in use: 127.0.0.1:43627\n',
      { port: 43627, line: '2026.12.01 10:20:03 [ 1 ] {} <Error> Application: Net Exception: Address already in use: 127.0.0.1:43627' }],
    ['[8190] [FTL] Error listening on port: 127.0.0.1:45999, "listen tcp 127.0.0.1:45999: bind: address already in use"',
      { port: 45999, line: '[8190] [FTL] Error listening on port: 127.0.0.1:45999, "listen tcp 127.0.0.1:45999: bind: address already in use"' }],
    ['a\n<Error> first\n<Error> Cannot create directory\nInclude not found: networks\n', { port: null, line: '<Error> Cannot create directory' }],
    ['Include not found: networks\n', { port: null, line: null }],
    ['', { port: null, line: null }],
  ];
  for (const [text, expected] of cases) t.same(causeFromLog(text), expected, JSON.stringify(text.slice(0, 40)));
});
