// DeviceRateLimiter: the tap bucket (full at start, refill at the rate up to the burst, the
// retry time of a frame it cannot pay for), the flood rule (64 refusals within the window close,
// then a penalty), state kept per device across sessions, and pruning of idle devices.
import t from 'tap';
import { DeviceRateLimiter, FLOOD_PENALTY_MS, FLOOD_REFUSALS_BEFORE_CLOSE, FLOOD_WINDOW_MS } from '../../core/index.js';

t.test('device-rate - a full bucket pays a burst, then refuses with the time until it can pay', async (t) => {
  const r = new DeviceRateLimiter(10, 100);
  t.equal(r.take('d1', 64, 0), 0, '64 of 100');
  t.equal(r.take('d1', 36, 0), 0, 'the rest of the burst');
  t.equal(r.take('d1', 1, 0), 100, 'empty: one tap in 100 ms at 10/s');
  t.equal(r.take('d1', 64, 0), 6400, '64 taps in 6.4 s');
  t.equal(r.take('d1', 64, 6400), 0, 'paid exactly when announced');
});

t.test('device-rate - refill is linear in time and capped at the burst', async (t) => {
  const r = new DeviceRateLimiter(10, 100);
  t.equal(r.take('d1', 100, 0), 0);
  t.equal(r.take('d1', 5, 400), 100, '4 taps after 400 ms: 5 need 100 ms more');
  t.equal(r.take('d1', 5, 500), 0, '5 taps after 500 ms');
  t.equal(r.take('d1', 100, 60_000), 0, 'a minute later the bucket is full again');
  t.equal(r.take('d1', 1, 60_000), 100, 'and holds no more than the burst');
});

t.test('device-rate - a frame costs at least one tap; more than the burst costs the burst', async (t) => {
  const r = new DeviceRateLimiter(1, 10);
  t.equal(r.take('d1', 0, 0), 0);
  t.equal(r.take('d1', 9, 0), 0);
  t.equal(r.take('d1', 0, 0), 1000, 'an empty frame still costs one');
  const big = new DeviceRateLimiter(1, 10);
  t.equal(big.take('d2', 50, 0), 0, 'capped at the burst, so a full bucket pays it');
});

t.test('device-rate - devices have their own buckets', async (t) => {
  const r = new DeviceRateLimiter(1, 10);
  t.equal(r.take('a', 10, 0), 0);
  t.equal(r.take('b', 10, 0), 0, 'b is unaffected by a');
  t.ok(r.take('a', 1, 0) > 0);
});

t.test('device-rate - the flood rule closes at the 64th refusal in the window, then a penalty', async (t) => {
  const r = new DeviceRateLimiter(1, 10);
  for (let i = 1; i < FLOOD_REFUSALS_BEFORE_CLOSE; i++) t.equal(r.refused('d1', i), false, `refusal ${i}`);
  t.equal(r.penaltyMs('d1', 100), 0, 'no penalty before the close');
  t.equal(r.refused('d1', 100), true, `refusal ${FLOOD_REFUSALS_BEFORE_CLOSE}: flooding`);
  t.equal(r.penaltyMs('d1', 100), FLOOD_PENALTY_MS, 'penalty starts');
  t.equal(r.penaltyMs('d1', 100 + FLOOD_PENALTY_MS - 1), 1);
  t.equal(r.penaltyMs('d1', 100 + FLOOD_PENALTY_MS), 0, 'and ends');
  t.equal(r.penaltyMs('other', 100), 0, 'another device is not penalised');
});

t.test('device-rate - refusals spread over windows never close', async (t) => {
  const r = new DeviceRateLimiter(1, 10);
  let now = 0;
  for (let w = 0; w < 5; w++) {
    for (let i = 0; i < FLOOD_REFUSALS_BEFORE_CLOSE - 1; i++) t.equal(r.refused('d1', now), false);
    now += FLOOD_WINDOW_MS;
  }
  t.equal(r.penaltyMs('d1', now), 0);
});

t.test('device-rate - prune forgets only devices with a full bucket, no penalty and an old window', async (t) => {
  const r = new DeviceRateLimiter(10, 100);
  r.take('idle', 1, 0);
  r.take('drained', 100, 0);
  for (let i = 0; i < FLOOD_REFUSALS_BEFORE_CLOSE; i++) r.refused('flooder', 5000);
  r.take('busy', 100, FLOOD_WINDOW_MS - 1);
  r.prune(FLOOD_WINDOW_MS);
  t.equal(r.deviceCount, 2, 'idle and drained (refilled in 10 s) forgotten; the flooder (penalty) and busy (empty) kept');
  t.equal(r.penaltyMs('flooder', FLOOD_WINDOW_MS), 5000 + FLOOD_PENALTY_MS - FLOOD_WINDOW_MS);
  r.prune(5000 + FLOOD_PENALTY_MS + FLOOD_WINDOW_MS);
  t.equal(r.deviceCount, 0, 'everything is forgotten once quiet');
});

t.test('device-rate - bad construction is a programmer error', async (t) => {
  t.throws(() => new DeviceRateLimiter(0, 10), /tapsPerS/);
  t.throws(() => new DeviceRateLimiter(1, 0.5), /burstTaps/);
});
