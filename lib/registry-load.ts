// Loads registry records into the NATS KV bucket: the whole file is parsed and checked first
// (ids, UIDs, references against the file and the registry as it is), then each record whose
// value differs from the stored one is written. Loading the same file twice writes nothing.
import { readFileSync, statSync } from 'node:fs';
import type { KV } from '@nats-io/kv';
import {
  checkRegistryRecords, isoDate, parseRegistryCsv, parseRegistryJson, recordKey, RegistryIndex, TapgateError,
  REGISTRY_FILE_BYTES_MAX, type RecordKind, type RegistryRecord,
} from '../core/index.js';
import { watchRegistry } from './nats.js';

/** KV puts in flight at once while loading. */
export const LOAD_PUTS_IN_FLIGHT = 256;

/** The JSON stored in KV for a record: its registry form (what parseRecord reads back), with expiry as ms. */
export function storedJson(record: RegistryRecord): string {
  if (record.kind === 'identifier' || record.kind === 'invitation') {
    const { expiresAtMs, ...rest } = record.value;
    return JSON.stringify(expiresAtMs === null ? rest : { ...rest, expiresAt: expiresAtMs });
  }
  if (record.kind === 'benefit') {
    // Watchers parse the value with parseRecord, which reads local dates, not day numbers.
    const { validFromDay, validToDay, ...rest } = record.value;
    return JSON.stringify({ ...rest, validFrom: isoDate(validFromDay), validTo: isoDate(validToDay) });
  }
  return JSON.stringify(record.value);
}


export function readRegistryFile(path: string): RegistryRecord[] {
  const size = statSync(path).size;
  if (size > REGISTRY_FILE_BYTES_MAX) throw new TapgateError('REGISTRY_INVALID_FILE', `${path} is ${size} bytes, more than ${REGISTRY_FILE_BYTES_MAX}`);
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) return parseRegistryJson(text);
  if (path.endsWith('.csv')) return parseRegistryCsv(text);
  throw new TapgateError('REGISTRY_INVALID_FILE', `${path}: expected a .json or .csv file`);
}

export interface LoadResult { readonly records: number; readonly written: number; readonly unchanged: number }

export async function loadRegistryRecords(kv: KV, records: readonly RegistryRecord[]): Promise<LoadResult> {
  const current = new RegistryIndex();
  const watch = await watchRegistry(kv, current);
  await watch.ready;
  watch.stop();
  const existing = {
    has: (kind: RecordKind, id: string) => current.mapOf(kind).has(id),
    uidOwner: (uidHex: string) => current.identifierByUid(uidHex)?.id,
    accountNumberOwner: (number: string) => current.accountByNumber(number)?.id,
  };
  checkRegistryRecords(records, existing);
  const currentJson = (r: RegistryRecord): string | undefined => {
    const v = current.mapOf(r.kind).get(r.value.id);
    return v === undefined ? undefined : storedJson({ kind: r.kind, value: v } as RegistryRecord);
  };
  // Parents before children, so a watcher never sees an identifier before its person.
  const order = { school: 0, guardian: 0, device: 1, category: 1, product: 1, person: 2, identifier: 3, account: 3, benefit: 3,
    guardianship: 3, invitation: 3, preferences: 3, push_subscription: 3 } as const;
  const sorted = [...records].sort((a, b) => order[a.kind] - order[b.kind]);
  let written = 0;
  let inFlight: Promise<unknown>[] = [];
  for (const r of sorted) {
    const json = storedJson(r);
    if (currentJson(r) === json) continue;
    inFlight.push(kv.put(recordKey(r), json));
    written++;
    if (inFlight.length >= LOAD_PUTS_IN_FLIGHT) { await Promise.all(inFlight); inFlight = []; }
  }
  await Promise.all(inFlight);
  return { records: records.length, written, unchanged: records.length - written };
}
