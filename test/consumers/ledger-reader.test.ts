// The ledger reader against a real nats-server, logged in as tapgate's users: ordered reading
// from a start seq hands over exactly start..last in order; a deleted message is skipped and
// reported, an undecodable one dropped; in durable mode only what the handler reports done is
// acknowledged, a new reader resumes after it, and a message delivered again while it is being
// handled is not handed over twice; stop() ends within its grace.
import { jetstreamManager, jetstream, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import {
  LedgerReader, SINK_CONSUMER, type LedgerMessage, type LedgerReaderMetrics, type LedgerReaderOptions,
} from '../../consumers/index.js';
import { tapgate } from '../../core/proto.js';
import { ensureLedgerStream, LEDGER_STREAM, ledgerSubject } from '../../lib/index.js';
import { startStack, type NatsUser, type Stack } from '../helpers/stack.js';
import { waitFor } from '../helpers/gateway-fixtures.js';

const WAIT_MS = 15_000;
const GRACE_MS = 3000;

interface Counter { n: number; inc(value?: number): void }
const counter = (): Counter => ({ n: 0, inc(value = 1) { this.n += value; } });
type Gauge = { v: number; set(v: number): void };
type Metrics = { [K in keyof Required<LedgerReaderMetrics>]: K extends 'lag' ? Gauge : Counter };
function makeMetrics(): Metrics {
  return {
    messages: counter(), refetched: counter(), missing: counter(), invalid: counter(), duplicates: counter(),
    redelivered: counter(), fetchFailures: counter(), lag: { v: -1, set(v: number) { this.v = v; } },
  };
}

/** A handler that records what it is given; `gate` (when set) holds each handle until released. */
class Recorder {
  readonly seqs: number[] = [];
  readonly refetched: boolean[] = [];
  gate: Promise<void> | null = null;
  handle(m: LedgerMessage): Promise<void> | void {
    this.seqs.push(m.seq);
    this.refetched.push(m.refetched);
    const passes = m.batch.passes;
    if (m.batch.gatewayId !== 'gw1' || passes.length !== 1 || Number(passes[0]!.seq) !== m.seq * 10) {
      throw new Error(`message ${m.seq} is not the one published`);
    }
    return this.gate ?? undefined;
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

interface Env { stack: Stack; jsm: JetStreamManager; logs: Array<Record<string, unknown>> }

async function setup(t: Test): Promise<Env> {
  const stack = await startStack({ clickhouse: false });
  t.teardown(() => stack.stop());
  const jsm = await jetstreamManager(stack.nc);
  await ensureLedgerStream(jsm);
  return { stack, jsm, logs: [] };
}

/** Publishes ledger messages whose pass seq is 10 × their stream seq (checked by the Recorder). */
async function publish(env: Env, count: number): Promise<void> {
  const js = jetstream(env.stack.nc);
  for (let i = 0; i < count; i++) {
    const next = (await env.jsm.streams.info(LEDGER_STREAM)).state.last_seq + 1;
    const batch = { gatewayId: 'gw1', passes: [{ deviceId: 'd1', seq: next * 10 }] };
    const data = tapgate.events.v1.LedgerBatch.encode(batch).finish();
    const ack = await js.publish(ledgerSubject('gw1'), data);
    if (ack.seq !== next) throw new Error(`published at ${ack.seq}, expected ${next}`);
  }
}

async function makeReader(env: Env, user: NatsUser, handler: Recorder, mode: LedgerReaderOptions['mode'],
  extra: Partial<LedgerReaderOptions> = {}): Promise<{ reader: LedgerReader; metrics: Metrics; nc: NatsConnection }> {
  const nc = await env.stack.connect(user);
  const metrics = makeMetrics();
  const log = pino({ level: 'info' }, {
    write: (s: string) => { env.logs.push(JSON.parse(s) as Record<string, unknown>); },
  });
  const opts = { mode, eventsPerPull: 4, ...extra };
  const reader = new LedgerReader(jetstream(nc), await jetstreamManager(nc), handler, opts, metrics, log);
  return { reader, metrics, nc };
}

async function consumerState(jsm: JetStreamManager, name: string): Promise<{ ackFloor: number; ackPending: number }> {
  const ci = await jsm.consumers.info(LEDGER_STREAM, name);
  return { ackFloor: ci.ack_floor.stream_seq, ackPending: ci.num_ack_pending };
}

t.test('ledger reader - ordered mode from a start seq hands over exactly start..last, in order', async (t) => {
  const env = await setup(t);
  await publish(env, 20);
  const rec = new Recorder();
  const { reader, metrics } = await makeReader(env, 'analytics', rec, { kind: 'ordered' });
  await reader.start(8);
  await waitFor(() => rec.seqs.length >= 13, WAIT_MS, 'messages 8..20 handed over');
  await publish(env, 5);
  await waitFor(() => rec.seqs.length >= 18, WAIT_MS, 'messages 21..25 handed over');
  t.same(rec.seqs, range(8, 25), 'each seq from the start once, in order');
  t.equal(reader.nextSeq, 26);
  t.equal(metrics.messages.n, 18);
  t.equal(metrics.missing.n, 0);
  t.equal(metrics.invalid.n, 0);
  t.equal(metrics.fetchFailures.n, 0);
  t.equal(await reader.stop(GRACE_MS), true, 'stopped within the grace');
  const left: string[] = [];
  for await (const ci of env.jsm.consumers.list(LEDGER_STREAM)) left.push(ci.name);
  t.same(left, [], 'the ordered consumer is deleted at stop');
});

t.test('ledger reader - a deleted message is skipped and reported; an undecodable one is dropped', async (t) => {
  const env = await setup(t);
  await publish(env, 10);
  t.equal(await env.jsm.streams.deleteMessage(LEDGER_STREAM, 5), true);
  await jetstream(env.stack.nc).publish(ledgerSubject('gw1'), new Uint8Array([0xff, 0xff, 0xff]));
  const rec = new Recorder();
  const missing: Array<[number, number]> = [];
  const { reader, metrics } = await makeReader(env, 'analytics', rec, { kind: 'ordered' },
    { onMissing: (from, to) => missing.push([from, to]) });
  await reader.start(1);
  await waitFor(() => metrics.invalid.n === 1, WAIT_MS, 'the undecodable message reached');
  t.same(rec.seqs, [1, 2, 3, 4, 6, 7, 8, 9, 10], 'seq 5 skipped, 11 not handed over');
  t.same(missing, [[5, 5]], 'the deleted seq reported');
  t.equal(metrics.missing.n, 1);
  t.equal(metrics.messages.n, 10, 'nine messages and the undecodable one taken');
  const skipped = env.logs.find((l) => l['msg'] === 'ledger messages no longer in the stream; skipped');
  t.match(skipped, { fromSeq: 5, toSeq: 5, level: 40 });
  t.match(env.logs.find((l) => l['msg'] === 'ledger message is not a LedgerBatch; dropped'), { seq: 11, level: 50 });
  t.equal(reader.nextSeq, 12);
  t.equal(await reader.stop(GRACE_MS), true);
});

t.test('ledger reader - durable mode acknowledges only what is done; a new reader resumes after it', async (t) => {
  const env = await setup(t);
  await publish(env, 10);
  const durable = { kind: 'durable', consumer: { name: SINK_CONSUMER, ackWaitMs: 60_000, ackPendingMax: 64 } } as const;
  const rec = new Recorder();
  const first = await makeReader(env, 'sink', rec, durable);
  await first.reader.start(1);
  await waitFor(() => rec.seqs.length === 10, WAIT_MS, 'messages 1..10 handed over');
  t.same(await consumerState(env.jsm, SINK_CONSUMER), { ackFloor: 0, ackPending: 10 },
    'nothing acknowledged before done()');
  // The handler finishes later and in its own steps, not those of the pulls.
  first.reader.done(4);
  await waitFor(async () => (await consumerState(env.jsm, SINK_CONSUMER)).ackFloor === 4, WAIT_MS, 'ack floor at 4');
  t.same(await consumerState(env.jsm, SINK_CONSUMER), { ackFloor: 4, ackPending: 6 });
  t.equal(first.reader.oldestPendingSeq, 5);
  first.reader.done(6);
  await waitFor(async () => (await consumerState(env.jsm, SINK_CONSUMER)).ackFloor === 6, WAIT_MS, 'ack floor at 6');
  t.same(await consumerState(env.jsm, SINK_CONSUMER), { ackFloor: 6, ackPending: 4 });
  t.equal(await first.reader.stop(GRACE_MS), true);
  await first.nc.close();

  // Without a start seq, the next reader starts after the ack floor; 7..10 wait for their ack
  // wait on the server, so they are read from the stream.
  const again = new Recorder();
  const second = await makeReader(env, 'sink', again, durable);
  await second.reader.start();
  await waitFor(() => again.seqs.length === 4, WAIT_MS, 'messages 7..10 handed over again');
  t.same(again.seqs, [7, 8, 9, 10], 'resumed after the last done');
  t.same(again.refetched, [true, true, true, true], 'read straight from the stream');
  t.equal(second.metrics.refetched.n, 4);
  await publish(env, 2);
  await waitFor(() => again.seqs.length === 6, WAIT_MS, 'messages 11..12 handed over');
  t.same(again.seqs, range(7, 12));
  t.same(again.refetched.slice(4), [false, false], 'new messages come through the consumer');
  t.equal(await second.reader.stop(GRACE_MS), true);
});

t.test('ledger reader - a message delivered again while it is handled is not handed over twice', async (t) => {
  const env = await setup(t);
  await publish(env, 3);
  const name = 'reader-redelivery';
  const rec = new Recorder();
  const { reader, metrics } = await makeReader(env, 'ops', rec,
    { kind: 'durable', consumer: { name, ackWaitMs: 1000, ackPendingMax: 64 } });
  await reader.start(1);
  await waitFor(() => rec.seqs.length === 3, WAIT_MS, 'messages 1..3 handed over');
  await waitFor(() => metrics.redelivered.n >= 3, WAIT_MS, 'each delivered again after the 1 s ack wait');
  t.same(rec.seqs, [1, 2, 3], 'not handed over again');
  reader.done(3);
  await waitFor(async () => (await consumerState(env.jsm, name)).ackPending === 0, WAIT_MS, 'all acknowledged');
  t.same(await consumerState(env.jsm, name), { ackFloor: 3, ackPending: 0 },
    'the last delivery was the one acknowledged');
  t.equal(reader.oldestPendingSeq, null);
  t.equal(metrics.messages.n, 3);
  t.equal(await reader.stop(GRACE_MS), true);
});

t.test('ledger reader - stop() ends within its grace, even with a handler that holds on', async (t) => {
  const env = await setup(t);
  // Its pulls expire in 10 s: far past the grace, so that stopping in time shows that stop() ends
  // the pull in flight, on a machine however loaded.
  const idle = await makeReader(env, 'analytics', new Recorder(), { kind: 'ordered' }, { fetchExpiresMs: 10_000 });
  await idle.reader.start(1);
  await waitFor(() => idle.metrics.lag.v === 0, WAIT_MS, 'an empty pull done');
  let started = Date.now();
  t.equal(await idle.reader.stop(GRACE_MS), true, 'an idle reader stops');
  t.ok(Date.now() - started < GRACE_MS, `an idle reader stops before its pull expires (${Date.now() - started} ms)`);

  await publish(env, 2);
  const rec = new Recorder();
  let release!: () => void;
  rec.gate = new Promise<void>((r) => { release = r; });
  const held = await makeReader(env, 'analytics', rec, { kind: 'ordered' });
  await held.reader.start(1);
  await waitFor(() => rec.seqs.length === 1, WAIT_MS, 'the first message handed over');
  started = Date.now();
  t.equal(await held.reader.stop(300), false, 'the grace ran out');
  const tookMs = Date.now() - started;
  // The handler holds on until released: any return before that is the grace at work. The upper
  // bound is loose for a loaded machine.
  t.ok(tookMs >= 290 && tookMs < GRACE_MS, `stop() returned at the grace (${tookMs} ms)`);
  release();
  t.same(rec.seqs, [1], 'nothing handed over after stop()');
});
