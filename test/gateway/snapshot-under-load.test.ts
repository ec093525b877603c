// Snapshots under sustained load (ADR 0014): with taps arriving all the time the ledger writer is
// never idle, and a snapshot that waited for an idle moment was never taken (a busy day left
// millions of events to replay). Now one is due every TAPGATE_SNAPSHOT_EVENTS events: its cut
// seals the open batch and it is published once that batch is durable. A SIGKILL in the middle of
// the load then restarts from the snapshot plus a short replay, and every decision made before
// the kill comes back exactly (seq memory), as does presence.
import t from 'tap';
import { startGateway, startStack, type GatewayProcess } from '../helpers/stack.js';
import { connect, ENTRY, EXIT, getJson, makeFixture, plain, SCHOOL_A, Seqs, tap } from '../helpers/gateway-fixtures.js';
import type { Decision } from '../../simulator/device-client.js';

const EVENTS_PER_SNAPSHOT = 150;
const FRAMES = 300;
const PER_FRAME = 6;

t.test('snapshot under load - due by event count, taken while appends never pause, and a restart from it is exact', async (t) => {
  const stack = await startStack({ clickhouse: false });
  const fx = makeFixture({ pupils: PER_FRAME });
  await stack.loadRegistry(fx.doc);
  // No interval: only the event count makes a snapshot due (before ADR 0014 none was ever taken).
  const env = { TAPGATE_SNAPSHOT_INTERVAL_MS: '0', TAPGATE_SNAPSHOT_EVENTS: String(EVENTS_PER_SNAPSHOT), TAPGATE_REPEAT_WINDOW_MS: '0' };
  let gw: GatewayProcess = await startGateway(stack, env);
  t.teardown(async () => { await gw.stop('SIGKILL'); await stack.stop(); });

  const seqs = new Seqs();
  const dev = fx.turnstiles[0]!;
  const c = await connect(gw, dev);
  const decided = new Map<number, Decision>();
  // Every pupil enters and leaves in turn, frame after frame, with no pause between frames.
  for (let f = 0; f < FRAMES; f++) {
    const taps = fx.pupils.map((p) => ({ seq: seqs.take(dev), uid: p.uid, direction: f % 2 === 0 ? ENTRY : EXIT }));
    const ds = await tap(c, taps);
    ds.forEach((d, i) => decided.set(taps[i]!.seq, d));
  }
  c.close();
  const written = gw.logs.filter((l) => l['msg'] === 'snapshot written');
  t.ok(written.length >= 2, `snapshots were written during the load (${written.length})`);
  t.ok(written.every((l) => Number(l['ledgerStreamSeq']) > 0), 'each covers a stream seq');

  // SIGKILL right after the load: the start loads the last snapshot and replays only what came after it.
  await gw.stop('SIGKILL');
  gw = await startGateway(stack, env);
  const replayed = await gw.waitForLog((l) => l['msg'] === 'ledger replayed');
  t.not(replayed['snapshotStreamSeq'], null, 'a snapshot was loaded');
  t.ok(Number(replayed['events']) < FRAMES * PER_FRAME / 2,
    `the replay after it is short (${replayed['events']} of ${FRAMES * PER_FRAME} events)`);
  // An even number of frames: everybody left.
  t.match((await getJson(`${gw.opsUrl}/v1/presence/${SCHOOL_A}`)).body, { pupils: 0, staff: 0 });

  // Every tap sent again gets its original decision, from the snapshot or from the replay.
  const again = await connect(gw, dev);
  let differ = 0;
  const all = [...decided.keys()];
  for (let i = 0; i < all.length; i += PER_FRAME) {
    const frame = all.slice(i, i + PER_FRAME);
    const ds = await tap(again, frame.map((seq) => ({ seq, uid: fx.pupils[0]!.uid, direction: ENTRY })));
    ds.forEach((d, k) => { if (JSON.stringify(plain(d)) !== JSON.stringify({ ...plain(decided.get(frame[k]!)!), replayed: true })) differ++; });
  }
  t.equal(differ, 0, `all ${all.length} decisions come back as they were made`);
  again.close();
});
