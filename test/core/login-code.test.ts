// SMS sign-in codes, the rules without I/O: a code signs in once and only before it expires, five
// wrong attempts make it void (the next attempt is locked, the right code included), a phone gets
// three codes per fifteen minutes, and a new code replaces the old one and resets its attempts.
// The sliding window of the per-address counts takes times from several processes in any order.
import t from 'tap';
import {
  checkLoginCode, issueLoginCode, LOGIN_CODE_TTL_MS, LOGIN_CODE_WRONG_MAX, LOGIN_CODES_PER_PHONE_MAX, LOGIN_WINDOW_MS,
  randomLoginCode, takeAttempt, type LoginCodeRecord,
} from '../../core/index.js';

const T0 = 1_800_000_000_000;

function issued(rec: LoginCodeRecord | null, atMs: number, code: string): LoginCodeRecord {
  const o = issueLoginCode(rec, atMs, LOGIN_CODE_TTL_MS, code);
  if (o.kind !== 'issued') throw new Error(`not issued: ${JSON.stringify(o)}`);
  return o.record;
}

t.test('login code - random codes are six digits, leading zeros kept', async (t) => {
  for (let i = 0; i < 200; i++) t.match(randomLoginCode(), /^[0-9]{6}$/);
});

t.test('login code - the record holds no code, and the right code signs in once', async (t) => {
  const rec = issued(null, T0, '012345');
  t.notOk(JSON.stringify(rec).includes('012345'), 'the code is not in the record');
  t.same(rec.issuedAtMs, [T0], 'the issue is counted');
  t.equal(rec.expiresAtMs, T0 + LOGIN_CODE_TTL_MS, 'expires after the TTL');
  const ok = checkLoginCode(rec, '012345', T0 + 1000);
  t.equal(ok.kind, 'ok', 'the right code');
  if (ok.kind !== 'ok') return;
  t.equal(ok.record.codeHmac, '', 'the code is closed');
  t.same(checkLoginCode(ok.record, '012345', T0 + 2000), { kind: 'none' }, 'a second use finds no code');
});

t.test('login code - expiry, and no record', async (t) => {
  const rec = issued(null, T0, '111111');
  t.same(checkLoginCode(rec, '111111', T0 + LOGIN_CODE_TTL_MS), { kind: 'none' }, 'at the expiry: none');
  t.same(checkLoginCode(null, '111111', T0), { kind: 'none' }, 'no record: none');
});

t.test('login code - five wrong attempts void the code; then locked, the right code included', async (t) => {
  let rec = issued(null, T0, '222222');
  for (let i = 1; i <= LOGIN_CODE_WRONG_MAX; i++) {
    const o = checkLoginCode(rec, '999999', T0 + i);
    t.equal(o.kind, 'wrong', `attempt ${i} is wrong`);
    if (o.kind !== 'wrong') return;
    t.equal(o.voided, i === LOGIN_CODE_WRONG_MAX, `voided only at attempt ${LOGIN_CODE_WRONG_MAX}`);
    rec = o.record;
  }
  const locked = checkLoginCode(rec, '222222', T0 + 10);
  t.equal(locked.kind, 'locked', 'the right code after that is locked');
  t.equal(locked.kind === 'locked' ? locked.retryAfterMs : 0, 1000, 'a new code may be asked for at once (1 s)');
  const fresh = issued(rec, T0 + 20, '333333');
  t.equal(fresh.wrong, 0, 'a new code starts with no wrong attempts');
  t.equal(checkLoginCode(fresh, '333333', T0 + 30).kind, 'ok', 'and signs in');
  t.equal(checkLoginCode(fresh, '222222', T0 + 30).kind, 'wrong', 'the old code no longer does');
});

t.test('login code - three codes per phone per window', async (t) => {
  let rec: LoginCodeRecord | null = null;
  for (let i = 0; i < LOGIN_CODES_PER_PHONE_MAX; i++) rec = issued(rec, T0 + i * 60_000, '444444');
  const fourth = issueLoginCode(rec, T0 + 180_000, LOGIN_CODE_TTL_MS, '444444');
  t.same(fourth, { kind: 'limited', retryAfterMs: LOGIN_WINDOW_MS - 180_000 }, 'the fourth waits until the first leaves the window');
  const later = issueLoginCode(rec, T0 + LOGIN_WINDOW_MS + 1, LOGIN_CODE_TTL_MS, '444444');
  t.equal(later.kind, 'issued', 'after the window a code is issued again');
  if (later.kind === 'issued') t.same(later.record.issuedAtMs, [T0 + 60_000, T0 + 120_000, T0 + LOGIN_WINDOW_MS + 1], 'old issues drop out');
});

t.test('takeAttempt - a sliding window: up to max, then the wait until the oldest leaves; times in any order', (t) => {
  const W = 1000;
  t.same(takeAttempt([], 2, W, T0), { times: [T0], waitMs: 0 }, 'the first');
  t.same(takeAttempt([T0 + 10, T0], 3, W, T0 + 20), { times: [T0, T0 + 10, T0 + 20], waitMs: 0 }, 'sorted, the new one last');
  t.same(takeAttempt([T0 + 10, T0], 2, W, T0 + 20), { times: null, waitMs: W - 20 }, 'at the limit: nothing to write, wait for the oldest');
  t.same(takeAttempt([T0 - W, T0 - 1, Number.NaN, T0 + 120_000], 2, W, T0), { times: [T0 - 1, T0], waitMs: 0 },
    'times out of the window, not numbers or over a minute ahead do not count');
  t.same(takeAttempt([T0 + 50], 3, W, T0).times, [T0, T0 + 50], 'a time a little ahead (another host\'s clock) counts');
  t.same(takeAttempt([T0 - W + 1, T0], 2, W, T0).waitMs, 1, 'a wait is at least 1 ms');
  t.end();
});
