// The gateway must run on the native uWebSockets.js binary and refuse the package's slow `ws`
// fallback with a clear message.
import t from 'tap';
import { spawnNode } from '../helpers/stack.js';
import { loadUws } from '../../gateway/uws.js';

t.test('uws - the native binary loads on this machine', async (t) => {
  const uws = loadUws();
  t.type(uws.App, 'function');
});

t.test('uws - the gateway refuses to start on the ws fallback', async (t) => {
  const p = spawnNode('gateway/main.js', { UWS_USE_FALLBACK: '1', TAPGATE_NATS_URL: 'nats://127.0.0.1:9', TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0' });
  const code = await p.exited;
  t.equal(code, 1);
  t.match(p.output(), /GW_UWS_FALLBACK|native uWebSockets\.js binary/);
  t.notMatch(p.output(), /gateway listening/);
});

t.test('config - a bad variable stops the gateway with exit code 78 naming the variable', async (t) => {
  const p = spawnNode('gateway/main.js', { TAPGATE_MAX_FRAME_BYTES: '10', TAPGATE_DEVICE_PORT: '0', TAPGATE_OPS_PORT: '0' });
  t.equal(await p.exited, 78);
  t.match(p.output(), /TAPGATE_MAX_FRAME_BYTES="10": expected an integer from 64 to 65536/);
});
