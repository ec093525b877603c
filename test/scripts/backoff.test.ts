// The restart policy of the `npm start` supervisor: the delay doubles with each failure in a
// row up to its cap, and a child that ran long enough before it exited starts the count again.
import t from 'tap';
// @ts-expect-error plain JavaScript module shared with npm start
import { RESTART_POLICY, nextRestart } from '../../scripts/lib/backoff.mjs';

interface Next { failuresInARow: number; delayMs: number }
const next = nextRestart as (p: typeof POLICY, failures: number, ranMs: number) => Next;
const POLICY = { initialDelayMs: 1000, factor: 2, maxDelayMs: 30_000, stableAfterMs: 60_000 };

t.test('restart backoff - npm start uses 1 s doubling to 30 s, reset after 60 s of running', async (t) => {
  t.same({ ...RESTART_POLICY }, POLICY);
});

t.test('restart backoff - doubles with each failure in a row and stops at the cap', async (t) => {
  const cases: Array<[failuresBefore: number, ranMs: number, expected: Next]> = [
    [0, 10, { failuresInARow: 1, delayMs: 1000 }],
    [1, 10, { failuresInARow: 2, delayMs: 2000 }],
    [2, 59_999, { failuresInARow: 3, delayMs: 4000 }],
    [4, 0, { failuresInARow: 5, delayMs: 16_000 }],
    [5, 0, { failuresInARow: 6, delayMs: 30_000 }],
    [500, 0, { failuresInARow: 501, delayMs: 30_000 }],
  ];
  for (const [before, ranMs, expected] of cases) {
    t.same(next(POLICY, before, ranMs), expected, `${before} failures before, ran ${ranMs} ms`);
  }
});

t.test('restart backoff - a child that ran at least stableAfterMs starts again at the first delay', async (t) => {
  t.same(next(POLICY, 9, 60_000), { failuresInARow: 1, delayMs: 1000 });
  t.same(next(POLICY, 9, 3_600_000), { failuresInARow: 1, delayMs: 1000 });
  t.same(next(POLICY, 9, 59_999), { failuresInARow: 10, delayMs: 30_000 });
});
