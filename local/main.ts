// The local stand-ins of the outside providers, as one process for `npm start`
// (dist/local/main.js): a mail catcher (real SMTP, with a web page to read the letters), a Web
// Push service (RFC 8030 over TLS, with its own certificate authority) and an SMSC (SMPP). They
// listen on loopback only. At start the process writes the push service's CA certificate and the
// SMPP password where the notifier reads them, prints one JSON line `local providers ready` with
// every address, and runs until SIGTERM or SIGINT. Never for production: nothing leaves this machine.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startMailCatcher } from './mail-catcher.js';
import { startPushService } from './push-service.js';
import { startSmsPage } from './sms-page.js';
import { startSmsc } from './smsc.js';

const env = (k: string, d: string) => process.env[k] ?? d;
const port = (k: string, d: string) => {
  const n = Number(env(k, d));
  if (!Number.isInteger(n) || n < 0 || n > 65535) { process.stderr.write(`tapgate local providers: ${k} must be a port 0..65535\n`); process.exit(78); }
  return n;
};
const caFile = env('TAPGATE_LOCAL_PUSH_CA_FILE', '.tapgate/local-push-ca.pem');
const smppPasswordFile = env('TAPGATE_LOCAL_SMPP_PASSWORD_FILE', '.tapgate/local-smpp.password');

mkdirSync(dirname(smppPasswordFile), { recursive: true });
// SMPP passwords are at most 8 characters (SMPP 3.4, 5.2.2); the notifier reads the same file.
if (!existsSync(smppPasswordFile) || readFileSync(smppPasswordFile, 'utf8').trim().length > 8) {
  writeFileSync(smppPasswordFile, randomBytes(4).toString('hex') + '\n', { mode: 0o600 });
}
const smppPassword = readFileSync(smppPasswordFile, 'utf8').trim();

const mail = await startMailCatcher({ smtpPort: port('TAPGATE_LOCAL_SMTP_PORT', '1025'), httpPort: port('TAPGATE_LOCAL_MAIL_WEB_PORT', '1080') });
const push = await startPushService({ port: port('TAPGATE_LOCAL_PUSH_PORT', '7443') });
const smsc = await startSmsc({ port: port('TAPGATE_LOCAL_SMPP_PORT', '2775'), systemId: 'tapgate', password: smppPassword });
const smsWeb = await startSmsPage(smsc, port('TAPGATE_LOCAL_SMS_WEB_PORT', '1081'));
mkdirSync(dirname(caFile), { recursive: true });
writeFileSync(caFile, push.caPem);

process.stdout.write(JSON.stringify({ msg: 'local providers ready', smtpUrl: `smtp://127.0.0.1:${mail.smtpPort}`, mailWebUrl: mail.url,
  pushUrl: push.url, pushCaFile: caFile, smppUrl: `smpp://tapgate@127.0.0.1:${smsc.port}`, smppPasswordFile, smsWebUrl: smsWeb.url }) + '\n');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([mail.close(), push.close(), smsc.close(), smsWeb.close()]).then(() => process.exit(0));
  });
}
