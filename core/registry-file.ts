// Registry files: the JSON or CSV a school exports, parsed and checked as a whole before any
// record is written. JSON is { "schools": [...], "devices": [...], "persons": [...],
// "identifiers": [...] } with records in their registry form; CSV has a `record` column
// (school, device, person, identifier) and one column per field (see docs/registry.md).
import { TapgateError } from './errors.js';
import { RECORD_KINDS, type RecordKind, type RegistryRecord } from './registry.js';
import { parseRecord, type WriteCheck } from './registry-parse.js';

/** The largest registry file accepted, in bytes. */
export const REGISTRY_FILE_BYTES_MAX = 256 * 1024 * 1024;
/** The most records in one file. */
export const REGISTRY_FILE_RECORDS_MAX = 2_000_000;

const JSON_SECTIONS: Record<string, RecordKind> = { schools: 'school', devices: 'device', persons: 'person', identifiers: 'identifier', accounts: 'account', benefits: 'benefit',
  guardians: 'guardian', guardianships: 'guardianship', invitations: 'invitation', preferences: 'preferences', categories: 'category', products: 'product',
  push_subscriptions: 'push_subscription' };

function invalidFile(message: string, details?: Record<string, unknown>): never {
  throw new TapgateError('REGISTRY_INVALID_FILE', message, details === undefined ? undefined : { details });
}

function withLocation(where: string, fn: () => RegistryRecord): RegistryRecord {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TapgateError) throw new TapgateError(err.code, `${where}: ${err.message}`, { cause: err, details: { ...err.details, where } });
    throw err;
  }
}

/** Parses a registry JSON file; every record is checked as a write (text policy, dates; `nowMs` is "today"). */
export function parseRegistryJson(text: string, nowMs: number = Date.now()): RegistryRecord[] {
  const check: WriteCheck = { nowMs };
  let doc: unknown;
  try { doc = JSON.parse(text); } catch (err) { invalidFile(`not valid JSON: ${(err as Error).message}`); }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) invalidFile(`the JSON root must be an object with sections of ${Object.keys(JSON_SECTIONS).join(', ')}`);
  const out: RegistryRecord[] = [];
  for (const [section, items] of Object.entries(doc)) {
    const kind = JSON_SECTIONS[section];
    if (kind === undefined) invalidFile(`unknown section "${section}" (expected ${Object.keys(JSON_SECTIONS).join(', ')})`);
    if (!Array.isArray(items)) invalidFile(`section "${section}" must be an array`);
    items.forEach((item: unknown, i: number) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) invalidFile(`${section}[${i}] must be an object`);
      out.push(withLocation(`${section}[${i}]`, () => parseRecord(kind, item as Record<string, unknown>, check)));
    });
  }
  return out;
}

/** RFC 4180 CSV: commas, double-quoted fields with "" escapes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\n' || c === '\r') {
      row.push(field); field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; i++;
  }
  if (quoted) invalidFile('unterminated quoted field at the end of the CSV');
  row.push(field);
  if (!(row.length === 1 && row[0] === '')) rows.push(row);
  return rows;
}

/** Parses a registry CSV file; every record is checked as a write, as for JSON. */
export function parseRegistryCsv(text: string, nowMs: number = Date.now()): RegistryRecord[] {
  const check: WriteCheck = { nowMs };
  const rows = parseCsv(text);
  const header = rows.shift();
  if (header === undefined || !header.includes('record')) invalidFile('the CSV needs a header row with a "record" column');
  const out: RegistryRecord[] = [];
  rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.length !== header.length) invalidFile(`line ${line}: ${cells.length} cells, header has ${header.length}`, { line });
    const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    header.forEach((name, j) => { raw[name] = cells[j]; });
    const kind = raw['record'];
    if (typeof kind !== 'string' || !(RECORD_KINDS as readonly string[]).includes(kind)) {
      invalidFile(`line ${line}: record must be one of ${RECORD_KINDS.join(', ')}`, { line });
    }
    out.push(withLocation(`line ${line}`, () => parseRecord(kind as RecordKind, raw, check)));
  });
  return out;
}

/**
 * Checks a set of records as a whole: no id twice, no UID on two identifiers, every reference
 * resolvable in the file or in `existing` (the registry as it is now).
 */
export function checkRegistryRecords(records: readonly RegistryRecord[], existing?: { has(kind: RecordKind, id: string): boolean; uidOwner(uidHex: string): string | undefined; accountNumberOwner?(number: string): string | undefined }): void {
  if (records.length > REGISTRY_FILE_RECORDS_MAX) invalidFile(`more than ${REGISTRY_FILE_RECORDS_MAX} records`);
  const ids = new Map<string, RegistryRecord>();
  const uids = new Map<string, string>();
  const numbers = new Map<string, string>();
  for (const r of records) {
    const key = `${r.kind}.${r.value.id}`;
    if (ids.has(key)) invalidFile(`${r.kind} ${r.value.id} appears twice`);
    ids.set(key, r);
    if (r.kind === 'account') {
      const other = numbers.get(r.value.number) ?? existing?.accountNumberOwner?.(r.value.number);
      if (other !== undefined && other !== r.value.id) invalidFile(`account ${r.value.id} has the same number as account ${other}`);
      numbers.set(r.value.number, r.value.id);
    }
    if (r.kind === 'identifier') {
      const other = uids.get(r.value.uidHex) ?? existing?.uidOwner(r.value.uidHex);
      if (other !== undefined && other !== r.value.id) invalidFile(`identifier ${r.value.id} has the same UID as identifier ${other}`);
      uids.set(r.value.uidHex, r.value.id);
    }
  }
  const has = (kind: RecordKind, id: string) => ids.has(`${kind}.${id}`) || (existing?.has(kind, id) ?? false);
  for (const r of records) {
    for (const ref of referencesOf(r)) {
      if (!has(ref[0], ref[1])) {
        throw new TapgateError('REGISTRY_DANGLING_REFERENCE', `${r.kind} ${r.value.id} refers to ${ref[0]} ${ref[1]}, which does not exist`);
      }
    }
  }
}

/** The records a record refers to, as (kind, id) pairs: they must exist before it. */
export function referencesOf(r: RegistryRecord): Array<readonly [RecordKind, string]> {
  switch (r.kind) {
    case 'school': case 'guardian': return [];
    case 'device': case 'person': case 'category': case 'product': return [['school', r.value.schoolId]];
    case 'identifier': return r.value.guardianId === undefined ? [['person', r.value.personId]] : [['guardian', r.value.guardianId]];
    case 'account': case 'benefit': return [['person', r.value.personId]];
    case 'guardianship': case 'invitation': case 'preferences': return [['guardian', r.value.guardianId], ['person', r.value.personId]];
    case 'push_subscription': return [['guardian', r.value.guardianId]];
  }
}
