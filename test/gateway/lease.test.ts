// One writer per shard (ADR 0018): a second gateway on the same NATS joins, and the shard moves to
// whichever of the two rendezvous hashing prefers, never owned by both at once; when the owner
// stops cleanly its lease is released and the other takes the shard over at once.
import t from 'tap';
import { spawnNode, startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { getJson, makeFixture, waitFor } from '../helpers/gateway-fixtures.js';

const shardsOf = async (g: GatewayProcess) => ((await getJson(`${g.opsUrl}/readyz`)).body as { shards?: string[] }).shards ?? [];

t.test('lease - one id per gateway; two gateways never both own the shard; a clean stop hands it over at once', async (t) => {
  const stack = await startStack({ clickhouse: false });
  await stack.loadRegistry(makeFixture().doc);
  const first = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw1' });
  t.teardown(async () => { await first.stop('SIGKILL'); await stack.stop(); });
  t.same(await shardsOf(first), ['main'], 'the first gateway owns the only shard');

  // A second process with the same id is refused: announcements and routing are keyed by it.
  const twin = spawnNode('gateway/main.js', { ...stack.natsEnv('gateway'), TAPGATE_CLICKHOUSE_URL: 'http://127.0.0.1:9',
    TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0', TAPGATE_GATEWAY_ID: 'gw1' });
  t.teardown(() => twin.stop('SIGKILL'));
  // Bounded: a twin that is not refused must fail this test, not hang the run.
  const twinExit = await Promise.race([twin.exited, new Promise<string>((r) => setTimeout(() => r('still running after 30 s'), 30_000))]);
  t.equal(twinExit, 1, 'a second gateway with the same id exits');
  t.match(twin.output(), /GW_ID_IN_USE/);

  const second = await startGateway(stack, { TAPGATE_GATEWAY_ID: 'gw2' });
  t.teardown(() => second.stop('SIGKILL'));
  // For 4 s (past the hand-back settle time) the shard has at most one owner at every look.
  const until = Date.now() + 4000;
  let both = 0;
  while (Date.now() < until) {
    const [a, b] = await Promise.all([shardsOf(first), shardsOf(second)]);
    if (a.includes('main') && b.includes('main')) both++;
    await new Promise((r) => setTimeout(r, 50));
  }
  t.equal(both, 0, 'never owned by both');
  const owner = (await shardsOf(first)).includes('main') ? first : second;
  const other = owner === first ? second : first;
  t.equal(await owner.stop('SIGTERM'), 0);
  const started = Date.now();
  await waitFor(async () => (await shardsOf(other)).includes('main'), 15_000, 'the other gateway takes the shard');
  t.ok(Date.now() - started < 10_000, 'the released lease is taken at once, without waiting for it to expire');
});
