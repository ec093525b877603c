// One writer: a second gateway on the same NATS cannot start while the first holds the writer
// lease; when the first stops cleanly the lease is released and a successor starts at once.
import t from 'tap';
import { startGateway, startStack, spawnNode } from '../helpers/stack.js';
import { makeFixture } from '../helpers/gateway-fixtures.js';

t.test('lease - a second gateway is refused with GW_LEASE_HELD; a successor takes over after a clean stop', async (t) => {
  const stack = await startStack({ clickhouse: false });
  await stack.loadRegistry(makeFixture().doc);
  const first = await startGateway(stack);
  t.teardown(async () => { await first.stop('SIGKILL'); await stack.stop(); });

  const second = spawnNode('gateway/main.js', { ...stack.natsEnv('gateway'), TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9',
    TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0', TAPGATE_GATEWAY_ID: 'gw2' });
  t.equal(await second.exited, 1, 'the second gateway exits');
  t.match(second.output(), /GW_LEASE_HELD/);
  t.notMatch(second.output(), /gateway listening/);

  t.equal(await first.stop('SIGTERM'), 0);
  const started = Date.now();
  const successor = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw1' });
  t.ok(Date.now() - started < 10_000, 'the released lease is taken at once, without waiting for it to expire');
  t.equal(await successor.stop('SIGTERM'), 0);
});
