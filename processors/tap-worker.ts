// The piscina worker: decodes and validates TapBatch frames and decides each tap against its own
// copy of the registry (kept current by a NATS KV watch, so a blocked card takes effect here
// within milliseconds). Stateless between tasks apart from the registry; the stateful rules run
// in the gateway's sequencer. Frame validation and the rules themselves are in decide-frame.ts.
import { workerData } from 'piscina';
import { RegistryIndex, type RecordKind } from '../core/index.js';
import { connectNats, openRegistry, watchRegistry, type NatsAuth } from '../lib/index.js';
import { decideFrame } from './decide-frame.js';
import type { FrameResult, TapTask, TapTaskResult } from './protocol.js';

/** What the gateway hands each worker: its NATS server and user (the gateway's own). */
export interface TapWorkerData { readonly natsUrl: string; readonly natsAuth: NatsAuth | null }

/** The registry kinds a tap worker reads. */
export const TAP_WORKER_KINDS: ReadonlySet<RecordKind> =
  new Set(['device', 'identifier', 'person', 'product']);

const registry = new RegistryIndex();
const data = workerData as TapWorkerData | undefined;
if (data?.natsUrl === undefined) throw new Error('tap-worker: workerData.natsUrl is required');
const nc = await connectNats(data.natsUrl, 'tapgate-tap-worker', data.natsAuth ?? null);
// The worker decides with devices, identifiers and persons (decideFrame, core/rules.ts) and
// prices POS baskets with the products: the other kinds (accounts, guardians, categories...) are
// not parsed here, which matters while a roster import writes thousands of them a second.
const watch = await watchRegistry(await openRegistry(nc), registry, { kinds: TAP_WORKER_KINDS });
await watch.ready;

export default function run(task: TapTask): TapTaskResult {
  const all = new Uint8Array(task.bytes);
  const frames: FrameResult[] = new Array(task.deviceIds.length);
  let start = 0;
  for (let i = 0; i < task.deviceIds.length; i++) {
    const end = task.ends[i]!;
    frames[i] = decideFrame(registry, all.subarray(start, end), task.deviceIds[i]!, task.nowMs, task.maxTapsPerFrame);
    start = end;
  }
  return { frames };
}
