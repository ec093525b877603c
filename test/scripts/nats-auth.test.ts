// NATS users and permissions (scripts/lib/nats-auth.mjs) against a real nats-server started with
// the configuration npm start generates, and a real gateway logged in as its own user: a client
// without a user is refused; the payment integration can top up and nothing else (no ledger
// append, no registry read, no other user's replies); the sink cannot touch the money subjects;
// the analytics user reads the ledger but not the registry; only the api user reaches the photos. A refusal is the server's own
// permissions violation, matched by error name and subject.
import t from 'tap';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { LEDGER_STREAM, REGISTRY_BUCKET, ledgerSubject } from '../../lib/index.js';
import { REFUND_SUBJECT, TOP_UP_SUBJECT } from '../../gateway/shard/money-service.js';
import { openPhotoBucket, PHOTO_BUCKET, PhotoStore } from '../../api/photos.js';
// @ts-expect-error plain JavaScript module shared with npm start
import { NATS_USERS } from '../../scripts/lib/nats-auth.mjs';
import { startGateway, startStack, type Stack } from '../helpers/stack.js';
import { makePosFixture, topUp, TopUpStatus } from '../helpers/pos-fixtures.js';

const stack: Stack = await startStack({ clickhouse: false });
const px = makePosFixture({ pupils: 2, posCount: 1, accounts: [{ pupil: 0 }], benefits: [], accountBase: 70_000_001, products: {} });
await stack.loadRegistry(px.doc);
const gw = await startGateway(stack);
t.teardown(async () => { await gw.stop(); await stack.stop(); });

const REGISTRY_KEY_SUBJECT = `$KV.${REGISTRY_BUCKET}.person.${px.fx.pupils[0]!.id}`;

interface Refusal { name: string; operation: string; subject: string }

/** The error, or the first of its causes, that is the server's permissions violation (nats.js wraps it in a RequestError). */
function permissionError(e: unknown): Refusal {
  let err = e as (Refusal & { cause?: unknown }) | undefined;
  while (err !== undefined && err.name !== 'PermissionViolationError' && err.cause !== undefined) err = err.cause as typeof err;
  return { name: err?.name ?? String(e), operation: err?.operation ?? '', subject: err?.subject ?? '' };
}

/** Resolves with the permission error of a request as this connection (a request that is answered fails the test). */
async function refused(nc: NatsConnection, subject: string): Promise<Refusal> {
  return nc.request(subject, new Uint8Array(0), { timeout: 5000 }).then(
    () => { throw new Error(`${subject} was answered`); }, permissionError);
}

/** Resolves with the permission error of a subscription as this connection. */
async function subscribeRefused(nc: NatsConnection, subject: string): Promise<Refusal> {
  const sub = nc.subscribe(subject);
  try {
    for await (const _ of sub) throw new Error(`a message arrived on ${subject}`);
    throw new Error(`the subscription to ${subject} ended without an error`);
  } catch (e) {
    return permissionError(e);
  }
}

const violation = (operation: string, subject: string) => ({ name: 'PermissionViolationError', operation, subject });

t.test('nats users - a client without a user or with a wrong password is refused', async (t) => {
  for (const opts of [{}, { user: 'payment', pass: 'not-the-password' }, { user: 'nobody', pass: 'x' }]) {
    const err = await connect({ servers: stack.nats.url, ...opts, reconnect: false }).then(
      async (nc) => { await nc.close(); return null; }, (e: unknown) => e as Error);
    t.equal(err?.name, 'AuthorizationError', `refused: ${JSON.stringify(opts)}`);
  }
});

t.test('nats users - the payment user tops up, and cannot append to the ledger, refund or read the registry', async (t) => {
  const nc = await stack.connect('payment');
  const reply = await topUp(nc, { channel: 'bank', paymentId: 'auth-1', accountNumber: px.accounts[0]!.number, amountKop: 10_000 });
  t.equal(reply.status, TopUpStatus.TOP_UP_STATUS_APPLIED, 'its own subject works end to end');
  const ledger = ledgerSubject('gw1');
  t.same(await refused(nc, ledger), violation('publish', ledger), 'no debit or top-up forged into the ledger');
  t.same(await refused(nc, REFUND_SUBJECT), violation('publish', REFUND_SUBJECT));
  t.same(await refused(nc, REGISTRY_KEY_SUBJECT), violation('publish', REGISTRY_KEY_SUBJECT), 'no registry write');
  const directGet = `$JS.API.DIRECT.GET.KV_${REGISTRY_BUCKET}.${REGISTRY_KEY_SUBJECT}`;
  t.same(await refused(nc, directGet), violation('publish', directGet), 'no registry read');
  const consumer = `$JS.API.CONSUMER.CREATE.KV_${REGISTRY_BUCKET}`;
  t.same(await refused(nc, consumer), violation('publish', consumer), 'no registry watch');
  t.same(await subscribeRefused(nc, `$KV.${REGISTRY_BUCKET}.>`), violation('subscription', `$KV.${REGISTRY_BUCKET}.>`));
  t.same(await subscribeRefused(nc, '_INBOX.>'), violation('subscription', '_INBOX.>'), 'no reading the replies other users get');
  t.same(await subscribeRefused(nc, TOP_UP_SUBJECT), violation('subscription', TOP_UP_SUBJECT), 'no reading other banks\' payments');
});

t.test('nats users - the sink user cannot publish to the money or ledger subjects, nor read the registry', async (t) => {
  const nc = await stack.connect('sink');
  for (const subject of [TOP_UP_SUBJECT, REFUND_SUBJECT, ledgerSubject('gw1'), REGISTRY_KEY_SUBJECT]) {
    t.same(await refused(nc, subject), violation('publish', subject), subject);
  }
  const kvErr = await new Kvm(nc).open(REGISTRY_BUCKET).then((kv) => kv.get(`person.${px.fx.pupils[0]!.id}`))
    .then(() => null, permissionError);
  t.equal(kvErr?.name, 'PermissionViolationError', 'reading the registry bucket is refused');
  t.equal((await (await jetstreamManager(nc)).streams.info(LEDGER_STREAM)).config.name, LEDGER_STREAM, 'it reads the ledger stream');
});

t.test('nats users - the analytics user reads the ledger and nothing else', async (t) => {
  const nc = await stack.connect('analytics');
  const consumer = await jetstream(nc).consumers.get(LEDGER_STREAM);
  const first = await consumer.next({ expires: 5000 });
  t.ok(first !== null && first.subject === ledgerSubject('main'), 'it reads the ledger (the top-up above)');
  for (const subject of [TOP_UP_SUBJECT, ledgerSubject('gw1'), REGISTRY_KEY_SUBJECT, `$JS.API.CONSUMER.MSG.NEXT.${LEDGER_STREAM}.clickhouse-sink`]) {
    t.same(await refused(nc, subject), violation('publish', subject), subject);
  }
});

t.test('nats users - the photo bucket is the api user\'s alone (the ops account aside)', async (t) => {
  const api = await stack.connect('api');
  const photos = new PhotoStore(await openPhotoBucket(api));
  await photos.put('ph_AAAAAAAAAAAAAAAAAAAAAA', 'p1', Buffer.from('image bytes'));
  t.same((await photos.get('ph_AAAAAAAAAAAAAAAAAAAAAA'))?.personId, 'p1', 'the api user writes and reads it');
  const key = `$KV.${PHOTO_BUCKET}.photo.ph_AAAAAAAAAAAAAAAAAAAAAA`;
  const directGet = `$JS.API.DIRECT.GET.KV_${PHOTO_BUCKET}.${key}`;
  const consumer = `$JS.API.CONSUMER.CREATE.KV_${PHOTO_BUCKET}`;
  const others = (['gateway', 'sink', 'notifier', 'admin', 'payment', 'catering', 'analytics'] as const);
  t.same([...others, 'api', 'ops'].sort(), [...(NATS_USERS as string[])].sort(), 'every user but api and ops is checked');
  for (const user of others) {
    const nc = await stack.connect(user);
    t.same(await refused(nc, directGet), violation('publish', directGet), `${user}: no direct read`);
    t.same(await refused(nc, consumer), violation('publish', consumer), `${user}: no watch`);
    t.same(await refused(nc, key), violation('publish', key), `${user}: no write`);
    t.same(await subscribeRefused(nc, `$KV.${PHOTO_BUCKET}.>`), violation('subscription', `$KV.${PHOTO_BUCKET}.>`), `${user}: no listening`);
  }
});
