// NATS settings for a cluster: TAPGATE_NATS_REPLICAS takes 1 (the default) or 3 and nothing
// else; TAPGATE_NATS_URL takes one URL exactly as before or a list of up to 8 separated by
// commas, each checked, which every process's configuration accepts and connectNats splits.
// Every refusal is CONFIG_INVALID naming the variable.
import t from 'tap';
import { TapgateError } from '../../core/index.js';
import { NATS_URLS_MAX, natsReplicas, natsServers, natsUrlsVar } from '../../lib/index.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { loadSinkConfig } from '../../consumers/clickhouse-sink/config.js';
import { loadNotifierConfig } from '../../consumers/notifier/config.js';

const KEY = 'TAPGATE_NATS_URL';
const FALLBACK = 'nats://127.0.0.1:14222';

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    if (!(err instanceof TapgateError)) throw err;
    return { code: err.code, message: err.message, details: err.details };
  }
  return 'accepted';
}

t.test('nats config - replicas are 1 by default, or 3', async (t) => {
  t.equal(natsReplicas({}), 1);
  t.equal(natsReplicas({ TAPGATE_NATS_REPLICAS: '' }), 1);
  t.equal(natsReplicas({ TAPGATE_NATS_REPLICAS: '1' }), 1);
  t.equal(natsReplicas({ TAPGATE_NATS_REPLICAS: '3' }), 3);
  for (const raw of ['0', '2', '4', '5', '-1', '3.0', ' 3', 'three', '03x']) {
    t.same(refusal(() => natsReplicas({ TAPGATE_NATS_REPLICAS: raw })), {
      code: 'CONFIG_INVALID',
      message: `TAPGATE_NATS_REPLICAS=${JSON.stringify(raw)}: expected 1 or 3`,
      details: { key: 'TAPGATE_NATS_REPLICAS' },
    }, raw);
  }
});

t.test('nats config - one URL reads as before, a list is checked and joined without spaces', async (t) => {
  const accepted: Array<[string | undefined, string]> = [
    [undefined, FALLBACK],
    ['', FALLBACK],
    ['nats://10.0.0.1:4222', 'nats://10.0.0.1:4222'],
    ['tls://nats.example:4222', 'tls://nats.example:4222'],
    ['nats://a:4222,nats://b:4222', 'nats://a:4222,nats://b:4222'],
    [' nats://a:4222 , tls://b:4222,nats://c:4222 ', 'nats://a:4222,tls://b:4222,nats://c:4222'],
    [Array.from({ length: NATS_URLS_MAX }, (_, i) => `nats://n${i}:4222`).join(','),
      Array.from({ length: NATS_URLS_MAX }, (_, i) => `nats://n${i}:4222`).join(',')],
  ];
  for (const [raw, want] of accepted) t.equal(natsUrlsVar({ [KEY]: raw }, KEY, FALLBACK), want, String(raw));
});

t.test('nats config - a bad URL or list is refused, naming the variable and the entry', async (t) => {
  const nine = Array.from({ length: NATS_URLS_MAX + 1 }, (_, i) => `nats://n${i}:4222`).join(',');
  const refused: Array<[string, string]> = [
    ['127.0.0.1:4222', 'not a URL'],
    ['http://127.0.0.1:4222', 'expected a nats: or tls: URL'],
    ['nats://a:4222,', 'URL 2 of 2 is empty'],
    [',nats://a:4222', 'URL 1 of 2 is empty'],
    ['nats://a:4222,,nats://b:4222', 'URL 2 of 3 is empty'],
    ['nats://a:4222,127.0.0.2:4222', 'URL 2 of 2 is not a URL'],
    ['nats://a:4222,b:4222', 'URL 2 of 2 is not a nats: or tls: URL'],
    ['nats://a:4222,ws://b:4222', 'URL 2 of 2 is not a nats: or tls: URL'],
    ['http://a:4222,nats://b:4222', 'URL 1 of 2 is not a nats: or tls: URL'],
    ['nats://a:4222,nats://b:4222,nats://a:4222', 'URL 3 of 3 repeats URL 1'],
    [nine, `expected at most ${NATS_URLS_MAX} URLs separated by commas`],
  ];
  for (const [raw, what] of refused) {
    t.same(refusal(() => natsUrlsVar({ [KEY]: raw }, KEY, FALLBACK)),
      { code: 'CONFIG_INVALID', message: `${KEY}=${JSON.stringify(raw)}: ${what}`, details: { key: KEY } }, raw);
  }
});

t.test('nats config - every process takes the list, and the client gets each server', async (t) => {
  const list = 'nats://127.0.0.1:4001, nats://127.0.0.1:4002,nats://127.0.0.1:4003';
  const joined = 'nats://127.0.0.1:4001,nats://127.0.0.1:4002,nats://127.0.0.1:4003';
  t.equal(loadGatewayConfig({ [KEY]: list }).natsUrl, joined);
  t.equal(loadSinkConfig({ [KEY]: list }).natsUrl, joined);
  t.equal(loadNotifierConfig({ [KEY]: list }).natsUrl, joined);
  t.same(natsServers(joined), ['nats://127.0.0.1:4001', 'nats://127.0.0.1:4002', 'nats://127.0.0.1:4003']);
  t.same(natsServers('nats://127.0.0.1:4222'), ['nats://127.0.0.1:4222']);
  t.same(refusal(() => loadSinkConfig({ [KEY]: 'nats://a:1,' })),
    { code: 'CONFIG_INVALID', message: `${KEY}="nats://a:1,": URL 2 of 2 is empty`, details: { key: KEY } });
});
