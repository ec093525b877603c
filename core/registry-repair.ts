// Finds registry records stored before the text, date and class name policy (ADR 0010) that
// break it, and works out their repair: text is put in canonical form with its forbidden code
// points dropped, a class name that is not one becomes '' (it may carry a name into analytics),
// and what cannot be repaired without a person (a birth date in the future, a name with nothing
// left) is reported for an operator. Pure: `npm run registry:repair` reads and writes the KV.
import { TapgateError } from './errors.js';
import type { RecordKind, RegistryRecord } from './registry.js';
import { parseRecord } from './registry-parse.js';
import { canonicalClassName, repairText } from './text.js';

type Raw = Record<string, unknown>;

export interface RepairPlan {
  readonly kind: RecordKind;
  readonly id: string;
  /** 'ok': meets the policy; 'repair': `record` is the fixed form; 'manual': an operator must fix `problems`. */
  readonly action: 'ok' | 'repair' | 'manual';
  /** The fields changed by the repair, or needing an operator: names only, never values. */
  readonly fields: readonly string[];
  /** For 'manual': the field and the problem code (from the registry's validation). */
  readonly problems: ReadonlyArray<{ readonly field: string; readonly problem: string }>;
  readonly record?: RegistryRecord;
}

/** Most fixes tried on one record (each fixes one field). */
const FIXES_MAX = 16;

/** The repaired value of one field that failed validation, or undefined when it has none. */
function fixField(raw: Raw, field: string, problem: string): unknown {
  const v = raw[field];
  if (typeof v !== 'string') return undefined;
  if (field === 'className') return canonicalClassName(v) ?? '';
  if (problem === 'surrogate' || problem === 'bidi' || problem === 'control') return repairText(v, Number.MAX_SAFE_INTEGER) ?? undefined;
  return undefined;
}

/**
 * The plan for one stored record (its KV JSON, parsed): what the write check says of it, and
 * the fixed record when every problem has an automatic fix.
 */
export function planRepair(kind: RecordKind, stored: Raw, nowMs: number): RepairPlan {
  const id = typeof stored['id'] === 'string' ? stored['id'] : '';
  const before = parseRecord(kind, stored);
  const raw: Raw = { ...stored };
  const fixed = new Set<string>();
  for (let i = 0; i <= FIXES_MAX; i++) {
    let record: RegistryRecord;
    try {
      record = parseRecord(kind, raw, { nowMs });
    } catch (err) {
      if (!(err instanceof TapgateError)) throw err;
      const field = String(err.details?.['field'] ?? '');
      const problem = String(err.details?.['problem'] ?? err.code);
      const value = fixed.has(field) ? undefined : fixField(raw, field, problem);
      if (value === undefined) return { kind, id, action: 'manual', fields: [field], problems: [{ field, problem }] };
      raw[field] = value;
      fixed.add(field);
      continue;
    }
    const changed = changedFields(before.value as unknown as Raw, record.value as unknown as Raw);
    if (changed.length === 0) return { kind, id, action: 'ok', fields: [], problems: [] };
    return { kind, id, action: 'repair', fields: changed, problems: [], record };
  }
  return { kind, id, action: 'manual', fields: [...fixed], problems: [{ field: '', problem: 'too_many_fixes' }] };
}

function changedFields(a: Raw, b: Raw): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}
