// The API process on its own (dist/api/main.js) against a real nats-server, no gateway: it
// starts as NATS user api, is ready once the registry is loaded, serves registry routes, answers
// 503 API_UNAVAILABLE for what only a shard's owner knows while no owner runs, stops on SIGTERM
// with 0, and exits 78 on bad configuration.
import t from 'tap';
import { apiClient, makeToken } from '../helpers/api-fixtures.js';
import { spawnNode, startApiProcess, startStack } from '../helpers/stack.js';

t.test('api process - serves the registry without a gateway; shard questions are 503 until an owner runs', async (t) => {
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  await stack.loadRegistry({
    schools: [{ id: 'sch-n', name: 'North', timeZone: 'Europe/Moscow', shardId: 'north' }, { id: 'sch-m', name: 'Main', timeZone: 'Europe/Moscow' }],
    persons: [{ id: 'p-1', schoolId: 'sch-n', kind: 'pupil', displayName: 'Pupil One', birthDate: '2012-01-01' }],
    accounts: [{ id: 'a-1', personId: 'p-1', number: '1234567890' }],
  });
  const api = await startApiProcess(stack);
  t.teardown(() => api.stop('SIGKILL'));
  const ready = await fetch(`${api.opsUrl}/readyz`);
  t.equal(ready.status, 200);
  t.match(await ready.json(), { ready: true, reason: null, nats: true, apiId: 'api1' });

  const admin = apiClient(api.apiUrl, await makeToken(stack.nc, { role: 'city_admin', label: 'test' }));
  const schools = await admin('GET', '/schools');
  t.equal(schools.status, 200);
  t.same(schools.body.items.map((s: { id: string; shardId: string }) => [s.id, s.shardId]), [['sch-m', 'main'], ['sch-n', 'north']]);
  const made = await admin('POST', '/schools', { name: 'South', timeZone: 'Europe/Moscow', shardId: 'south' });
  t.equal(made.status, 201);
  t.equal(made.body.shardId, 'south');
  // A school's shard is set once: its devices' seq memory lives there (docs/shards.md).
  const moved = await admin('PATCH', `/schools/${made.body.id}`, { shardId: 'north' });
  t.same([moved.status, moved.body.error?.code], [409, 'API_CONFLICT']);
  const bad = await admin('PATCH', `/schools/${made.body.id}`, { shardId: 'North!' });
  t.same([bad.status, bad.body.error.code], [400, 'API_INVALID_REQUEST']);

  for (const path of ['/accounts/a-1', '/schools/sch-n/headcount']) {
    const r = await admin('GET', path);
    t.same([r.status, r.body.error], [503, { code: 'API_UNAVAILABLE', message: 'the shard owning this school is not available now; retry',
      details: { shardId: 'north' } }], path);
  }
  const metrics = await (await fetch(`${api.opsUrl}/metrics`)).text();
  t.match(metrics, /tapgate_api_shard_requests_total\{command="balances",outcome="no_responders"\} 1/);
  t.match(metrics, /tapgate_api_shard_requests_total\{command="inside",outcome="no_responders"\} 1/);

  t.equal(await api.stop('SIGTERM'), 0, 'a graceful stop exits 0');
  t.ok(api.logs.some((l) => l['msg'] === 'stopped'));
});

t.test('api process - bad configuration exits 78 naming the variable', async (t) => {
  const p = spawnNode('api/main.js', { TAPGATE_API_PORT: '70000' });
  t.equal(await p.exited, 78);
  t.match(p.output(), 'tapgate api: TAPGATE_API_PORT="70000": expected an integer from 0 to 65535');
});
