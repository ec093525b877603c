// Reads every record of the registry bucket as stored, plans its repair against the write
// policy (core/registry-repair.ts) and, when told to, writes the repaired records. Each write is
// conditional on the revision that was read: a record changed meanwhile (by the API) is left
// alone and reported, never overwritten. Reports name records by kind and id and fields by
// name: never a value, so the output holds no personal data.
import type { KV } from '@nats-io/kv';
import { parseKey, planRepair, recordKey, type RecordKind, type RepairPlan } from '../core/index.js';
import { storedJson } from './registry-load.js';
import { isWrongLastSequence } from './nats.js';

export interface RepairReportLine {
  readonly kind: RecordKind;
  readonly id: string;
  /** 'repair' (fixable; 'repaired' once written), 'manual' (an operator must act), 'changed' (written meanwhile: run again). */
  readonly action: 'repair' | 'repaired' | 'manual' | 'changed';
  readonly fields: readonly string[];
  readonly problems: ReadonlyArray<{ readonly field: string; readonly problem: string }>;
}

export interface RepairReport {
  readonly checked: number;
  readonly ok: number;
  readonly repair: number;
  readonly repaired: number;
  readonly manual: number;
  readonly changed: number;
  readonly lines: readonly RepairReportLine[];
}

interface Stored { readonly key: string; readonly revision: number; readonly json: string }

/** Every PUT value of the bucket as it is now (the newest per key). */
async function readAll(kv: KV): Promise<Stored[]> {
  const status = await kv.status();
  if (status.streamInfo.state.messages === 0) return [];
  const lastSeq = status.streamInfo.state.last_seq;
  const out: Stored[] = [];
  const iter = await kv.watch();
  for await (const e of iter) {
    if (e.operation === 'PUT') out.push({ key: e.key, revision: e.revision, json: e.string() });
    if (e.delta === 0 || e.revision >= lastSeq) break;
  }
  iter.stop();
  return out;
}

function planOf(kind: RecordKind, id: string, json: string, nowMs: number): RepairPlan {
  try {
    return planRepair(kind, JSON.parse(json) as Record<string, unknown>, nowMs);
  } catch {
    // Not even readable as stored: the gateways skip it too; an operator must look.
    return { kind, id, action: 'manual', fields: [], problems: [{ field: '', problem: 'unreadable' }] };
  }
}

/** Checks every stored record; with `apply`, writes the repairs (each only if unchanged since read). */
export async function repairRegistry(kv: KV, opts: { readonly apply: boolean; readonly nowMs: number }): Promise<RepairReport> {
  const lines: RepairReportLine[] = [];
  const counts = { checked: 0, ok: 0, repair: 0, repaired: 0, manual: 0, changed: 0 };
  for (const s of await readAll(kv)) {
    const parsed = parseKey(s.key);
    if (parsed === null) continue;
    counts.checked++;
    const plan = planOf(parsed.kind, parsed.id, s.json, opts.nowMs);
    if (plan.action === 'ok') { counts.ok++; continue; }
    let action: RepairReportLine['action'] = plan.action;
    if (plan.action === 'repair' && opts.apply && plan.record !== undefined && recordKey(plan.record) === s.key) {
      try {
        await kv.update(s.key, storedJson(plan.record), s.revision);
        action = 'repaired';
      } catch (err) {
        // Only a record changed since it was read is left alone; any other failure stops the run.
        if (!isWrongLastSequence(err)) throw err;
        action = 'changed';
      }
    }
    counts[action]++;
    lines.push({ kind: parsed.kind, id: parsed.id, action, fields: plan.fields, problems: plan.problems });
  }
  return { ...counts, lines };
}
