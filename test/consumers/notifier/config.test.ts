// Notifier configuration: the defaults, integers at and beyond their bounds, malformed URLs and
// names. Every refusal is CONFIG_INVALID with a message naming the variable.
import t from 'tap';
import { TapgateError } from '../../../core/index.js';
import { loadNotifierConfig, PARTITIONS_MAX } from '../../../consumers/notifier/config.js';

t.test('notifier config - defaults, frozen', async (t) => {
  const c = loadNotifierConfig({});
  t.match(c, { partitions: 8, inFlightPerChannel: 64, opsPort: 7404, digestHour: 19, digestCheckMs: 60_000, sendTimeoutMs: 10_000,
    smtpUrl: '', smppUrl: '', vapidFile: '', database: 'tapgate', natsAuth: null });
  t.ok(Object.isFrozen(c));
});

t.test('notifier config - bad values name the variable', async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    ['TAPGATE_NOTIFY_PARTITIONS', '0', /TAPGATE_NOTIFY_PARTITIONS/],
    ['TAPGATE_NOTIFY_PARTITIONS', String(PARTITIONS_MAX + 1), /TAPGATE_NOTIFY_PARTITIONS/],
    ['TAPGATE_NOTIFY_DIGEST_HOUR', '24', /TAPGATE_NOTIFY_DIGEST_HOUR/],
    ['TAPGATE_NOTIFY_IN_FLIGHT_PER_CHANNEL', 'many', /TAPGATE_NOTIFY_IN_FLIGHT_PER_CHANNEL/],
    ['TAPGATE_SMTP_URL', 'http://mail', /TAPGATE_SMTP_URL/],
    ['TAPGATE_SMPP_URL', 'smtp://x', /TAPGATE_SMPP_URL/],
    ['TAPGATE_SMS_SOURCE', 'a name that is far too long', /TAPGATE_SMS_SOURCE/],
    ['TAPGATE_VAPID_SUBJECT', 'ops@example.ru', /TAPGATE_VAPID_SUBJECT/],
    ['TAPGATE_CLICKHOUSE_DATABASE', 'x;drop', /TAPGATE_CLICKHOUSE_DATABASE/],
  ];
  for (const [key, value, message] of cases) {
    let err: unknown = null;
    try { loadNotifierConfig({ [key]: value }); } catch (e) { err = e; }
    t.ok(err instanceof TapgateError && err.code === 'CONFIG_INVALID' && message.test(err.message), `${key}=${value}: ${String(err)}`);
  }
  t.match(loadNotifierConfig({ TAPGATE_SMTP_URL: 'smtps://u:p@mail.example.ru:465', TAPGATE_SMPP_URL: 'smpp://tapgate@127.0.0.1:2775' }),
    { smtpUrl: 'smtps://u:p@mail.example.ru:465', smppUrl: 'smpp://tapgate@127.0.0.1:2775' });
});
