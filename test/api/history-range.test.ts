// History ranges are the school's local calendar dates: a day in Moscow starts at 21:00 UTC
// the evening before; ranges are checked (format, order, 92 days at most).
import t from 'tap';
import { localRange, HISTORY_DAYS_MAX } from '../../api/history.js';
import { ApiError } from '../../api/errors.js';

t.test('history range - local days of the school as UTC ms, both dates included', async (t) => {
  t.same(localRange('2026-11-22', '2026-11-22', 'Europe/Moscow'),
    { fromMs: Date.parse('2026-11-21T21:00:00Z'), toMs: Date.parse('2026-11-22T21:00:00Z') }, 'one Moscow day');
  t.same(localRange('2026-11-01', '2026-11-30', 'Asia/Kamchatka'),
    { fromMs: Date.parse('2026-10-31T12:00:00Z'), toMs: Date.parse('2026-11-30T12:00:00Z') }, 'a Kamchatka month (UTC+12)');
  t.same(localRange('2026-03-08', '2026-03-08', 'America/New_York'),
    { fromMs: Date.parse('2026-03-08T05:00:00Z'), toMs: Date.parse('2026-03-09T04:00:00Z') }, 'a day of 23 hours (DST starts)');
});

t.test('history range - refusals', async (t) => {
  for (const [from, to, why] of [['2026-02-30', '2026-03-01', 'no such date'], ['2026-3-1', '2026-03-02', 'not YYYY-MM-DD'],
    ['2026-03-02', '2026-03-01', 'to before from'], ['2026-01-01', '2026-04-03', `over ${HISTORY_DAYS_MAX} days`]] as const) {
    let code = 'accepted';
    try { localRange(from, to, 'Europe/Moscow'); } catch (err) { code = err instanceof ApiError ? err.code : 'other'; }
    t.equal(code, 'API_INVALID_REQUEST', why);
  }
  t.doesNotThrow(() => localRange('2026-01-01', '2026-04-02', 'Europe/Moscow'), `${HISTORY_DAYS_MAX} calendar days, both included, are fine`);
});
