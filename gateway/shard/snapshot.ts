// Snapshots of the sequencer's state, so a start replays only the ledger written since the last
// snapshot instead of the whole ledger. A snapshot's cut is exactly the ledger up to one append
// (the writer seals its open batch for it) and is published only once that append is durable,
// recording its stream seq (gateway/shard/snapshotter.ts, ADR 0014); it is stored gzipped in chunks on
// the JetStream stream SNAPSHOTS, with a manifest written last, so a half-written snapshot is never
// used. Any problem reading one (missing chunk, bad checksum, other version, an error while
// loading) falls back to the full replay: the ledger stays the truth.
//
// Taking one does not block the event loop (ADR 0013): `captureState` is the consistent cut, one
// cheap turn that shares immutable records and rings (copy on write) and copies mutable ones;
// serialising (a binary container, snapshot-encode.ts) and gzipping then run in slices and in the
// thread pool while taps go on being decided.
import { createHash } from 'node:crypto';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { MoneySnapshot, PassSnapshot, PurchaseSnapshot, SeqSnapshot } from '../../core/index.js';
import { ensureStream } from '../../lib/index.js';
import type { LedgerContinuity } from './replay.js';
import type { Sequencer } from './sequencer.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot-encode.js';

export const SNAPSHOT_STREAM = 'SNAPSHOTS';
export const SNAPSHOT_SUBJECT_PREFIX = 'tapgate.snapshot.v1';
/** Bytes per snapshot chunk message (under the server's 1 MiB default payload limit). */
export const SNAPSHOT_CHUNK_BYTES = 512 * 1024;
/**
 * Format version: a snapshot of another version is ignored (full replay). 2: retention (ADR 0013)
 * added the ledger clocks, forget-at times and the payments not yet in the payment index. 3: seq
 * memory and sales as typed-array columns (ADR 0014). 4: a device's seq memory may carry its
 * hand-overs' children (ADR 0015), an optional last element of its tuple.
 */
export const SNAPSHOT_VERSION = 4;
/**
 * Versions a start still loads. A format 3 snapshot is a format 4 one without hand-overs, which is
 * exactly the state of a gateway that could not decide any, so it loads as it is.
 */
export const SNAPSHOT_VERSIONS_READ: readonly number[] = [3, SNAPSHOT_VERSION];

interface Manifest {
  readonly version: number; readonly id: string; readonly chunks: number; readonly bytes: number; readonly sha256: string;
  readonly ledgerStreamSeq: number; readonly createdAtMs: number;
}

/** A snapshot as stored (the JSON a cut serialises to, and what loading parses). */
export interface State {
  readonly seqs: SeqSnapshot; readonly passes: PassSnapshot; readonly money: MoneySnapshot; readonly purchases: PurchaseSnapshot;
  readonly continuity: ReturnType<LedgerContinuity['toSnapshot']>;
}

/** A consistent cut of the state: `State` once serialised (some parts pack themselves in `toJSON`). */
export interface Cut {
  readonly seqs: ReturnType<Sequencer['seqs']['toSnapshot']>; readonly passes: PassSnapshot; readonly money: MoneySnapshot;
  readonly purchases: ReturnType<Sequencer['pos']['purchases']['toSnapshot']>; readonly continuity: State['continuity'];
}

const NONE = new Uint8Array(0);
const manifestSubject = (gatewayId: string) => `${SNAPSHOT_SUBJECT_PREFIX}.${gatewayId}.manifest`;
const chunkSubject = (gatewayId: string, id: string) => `${SNAPSHOT_SUBJECT_PREFIX}.${gatewayId}.chunk.${id}`;

export async function ensureSnapshotStream(jsm: JetStreamManager): Promise<void> {
  await ensureStream(jsm, { name: SNAPSHOT_STREAM, subjects: [`${SNAPSHOT_SUBJECT_PREFIX}.>`], storage: StorageType.File,
    retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old, max_msg_size: SNAPSHOT_CHUNK_BYTES + 1024 });
}

/** The consistent cut of the state: synchronous, one event-loop turn, no serialisation. */
export function captureState(sequencer: Sequencer, continuity: LedgerContinuity): Cut {
  return { seqs: sequencer.seqs.toSnapshot(), passes: sequencer.passes.toSnapshot(), money: sequencer.money.toSnapshot(),
    purchases: sequencer.pos.purchases.toSnapshot(), continuity: continuity.toSnapshot() };
}

/** Loads a decoded state into the sequencer (what a start from a snapshot does). */
export function restoreState(state: State, sequencer: Sequencer, continuity: LedgerContinuity): void {
  sequencer.seqs.loadSnapshot(state.seqs);
  sequencer.passes.loadSnapshot(state.passes);
  sequencer.money.loadSnapshot(state.money);
  sequencer.pos.purchases.loadSnapshot(state.purchases);
  continuity.loadSnapshot(state.continuity);
}

/**
 * Writes a snapshot of `state` (a cut from captureState whose last append is durable now)
 * covering ledger stream seq `ledgerStreamSeq`.
 */
export async function writeSnapshot(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, id: string, state: Cut,
  ledgerStreamSeq: number): Promise<Manifest> {
  const bytes = await encodeSnapshot(state);
  const chunks = Math.max(1, Math.ceil(bytes.length / SNAPSHOT_CHUNK_BYTES));
  for (let i = 0; i < chunks; i++) {
    await js.publish(chunkSubject(gatewayId, id), bytes.subarray(i * SNAPSHOT_CHUNK_BYTES, (i + 1) * SNAPSHOT_CHUNK_BYTES), { msgID: `${gatewayId}.${id}.${i}` });
  }
  const manifest: Manifest = { version: SNAPSHOT_VERSION, id, chunks, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
    ledgerStreamSeq, createdAtMs: Date.now() };
  const previous = await readManifest(jsm, gatewayId);
  await js.publish(manifestSubject(gatewayId), JSON.stringify(manifest));
  if (previous !== null && previous.id !== id) await jsm.streams.purge(SNAPSHOT_STREAM, { filter: chunkSubject(gatewayId, previous.id) }).catch(() => undefined);
  return manifest;
}

async function readManifest(jsm: JetStreamManager, gatewayId: string): Promise<Manifest | null> {
  try {
    const m = await jsm.streams.getMessage(SNAPSHOT_STREAM, { last_by_subj: manifestSubject(gatewayId) });
    return m === null ? null : (m.json<Manifest>());
  } catch (err) {
    if (/no message found/i.test(String((err as Error).message))) return null;
    throw err;
  }
}

/**
 * Loads the latest snapshot into the sequencer. Returns the ledger stream seq it covers, or null
 * when there is none or it cannot be used (the caller replays the whole ledger).
 */
export async function loadSnapshot(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, sequencer: Sequencer,
  continuity: LedgerContinuity, warn: (msg: string) => void): Promise<SnapshotLoad | null> {
  try {
    return await readSnapshotInto(js, jsm, gatewayId, sequencer, continuity, warn);
  } catch (err) {
    // Whatever went wrong, the ledger is still the truth: start from nothing and replay it all.
    warn(`snapshot unusable (${(err as Error).name}); replaying the whole ledger`);
    sequencer.seqs.loadSnapshot({ persons: [], devices: [] });
    sequencer.passes.loadSnapshot({ lastAllowed: [], schools: [] });
    sequencer.money.loadSnapshot({ balances: [], payments: [], unindexed: [], clockMs: 0, forgotten: 0 });
    sequencer.pos.purchases.loadSnapshot({ spent: [], taken: [], sales: { devices: [], accounts: [], count: 0, seq: NONE, amountKop: NONE, forgetAtMs: NONE, device: NONE, account: NONE, refunded: [] }, refunds: [], clockMs: 0 });
    continuity.loadSnapshot(undefined);
    return null;
  }
}

async function readSnapshotInto(js: JetStreamClient, jsm: JetStreamManager, gatewayId: string, sequencer: Sequencer,
  continuity: LedgerContinuity, warn: (msg: string) => void): Promise<SnapshotLoad | null> {
  const started = performance.now();
  const manifest = await readManifest(jsm, gatewayId);
  if (manifest === null) return null;
  if (!SNAPSHOT_VERSIONS_READ.includes(manifest.version)) { warn(`snapshot ${manifest.id} has version ${manifest.version}; replaying the whole ledger`); return null; }
  const consumer = await js.consumers.get(SNAPSHOT_STREAM, { filter_subjects: chunkSubject(gatewayId, manifest.id), deliver_policy: DeliverPolicy.All });
  const parts: Uint8Array[] = [];
  const iter = await consumer.consume({ max_messages: 16, expires: 2000 });
  const timer = setTimeout(() => void iter.close(), 30_000);
  try {
    for await (const m of iter) {
      parts.push(m.data);
      if (parts.length >= manifest.chunks) break;
    }
  } finally {
    clearTimeout(timer);
    await iter.close();
    await consumer.delete().catch(() => undefined);
  }
  const bytes = Buffer.concat(parts);
  if (parts.length !== manifest.chunks || createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    warn(`snapshot ${manifest.id} is incomplete or corrupt; replaying the whole ledger`);
    return null;
  }
  const fetched = performance.now();
  const state = await decodeSnapshot<State>(bytes);
  const decoded = performance.now();
  restoreState(state, sequencer, continuity);
  return { ledgerStreamSeq: manifest.ledgerStreamSeq, bytes: bytes.length, fetchSeconds: (fetched - started) / 1000,
    decodeSeconds: (decoded - fetched) / 1000, restoreSeconds: (performance.now() - decoded) / 1000 };
}

/** A loaded snapshot: what it covers, its size, and where the time went (seconds). */
export interface SnapshotLoad {
  readonly ledgerStreamSeq: number; readonly bytes: number;
  readonly fetchSeconds: number; readonly decodeSeconds: number; readonly restoreSeconds: number;
}
