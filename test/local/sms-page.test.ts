// The local SMSC's page (development only): lists what arrived, newest first, with every value
// escaped, and runs no script.
import t from 'tap';
import { smsPage, startSmsPage } from '../../local/sms-page.js';
import type { SmsReceived } from '../../local/smsc.js';

const sms = (text: string, destination: string, receivedAtMs: number): SmsReceived =>
  ({ messageId: 'm', systemId: 'tapgate', source: 'tapgate', destination, text, parts: 1, dataCoding: 8, receivedAtMs });

t.test('sms page - newest first, escaped', async (t) => {
  const page = smsPage({ received: () => [sms('Код для входа: 123456', '79160000001', 1_000), sms('<script>alert(1)</script>', '79160000002', 2_000)] });
  t.ok(page.indexOf('&lt;script&gt;') < page.indexOf('123456'), 'the newest message comes first');
  t.notMatch(page, /<script>/, 'a text cannot become markup');
  t.match(page, /\+79160000001/, 'the destination as a phone number');
  t.match(smsPage({ received: () => [] }), /Пока нет сообщений/, 'an empty list says so');
});

t.test('sms page - served with a policy that runs no script', async (t) => {
  const srv = await startSmsPage({ received: () => [sms('Код: 654321', '79160000003', 3_000)] }, 0);
  t.teardown(() => srv.close());
  const res = await fetch(srv.url);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-security-policy'), /default-src 'none'/);
  t.match(await res.text(), /654321/);
  t.equal((await fetch(`${srv.url}other`)).status, 404, 'one page only');
});
