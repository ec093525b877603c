// Bulk import of a school's roster from CSV: pupils (or staff) with their class, an
// identifier and a guardian's phone per row. Each row is matched on what identifies it (the
// person's normalised name and birth date, the card UID, the guardian's phone), so importing
// the same file again changes nothing. A bad row is reported by line and field and skipped;
// the good rows are applied.
import { Type } from '@sinclair/typebox';
import {
  IDENTIFIER_KINDS, PERSON_KINDS, PHONE_PATTERN, normaliseName, parseCsv, personDedupKey, TapgateError, type RecordKind, type RegistryRecord,
} from '../../core/index.js';
import { type ApiContext, schoolInScope } from '../context.js';
import { ApiError } from '../errors.js';
import { route, type Route } from '../route.js';
import { Obj } from '../schemas.js';
import { newId } from '../store.js';
import { audited, ok } from './common.js';
import { linkId } from '../../core/index.js';
import { linkOf } from './guardians.js';
import { IDENTIFIERS_PER_PERSON_MAX, newAccountNumber } from './persons.js';

/** Largest roster file, in bytes. */
export const ROSTER_BYTES_MAX = 2 * 1024 * 1024;
/** Most rows in one roster file. */
export const ROSTER_ROWS_MAX = 5000;
/** Roster imports in flight (reading, queued or running) per gateway; more get 429 before their body is read. */
export const ROSTER_IMPORTS_IN_FLIGHT_MAX = 2;
/** Records named per audit entry of an import; a large import writes several entries. */
const AUDIT_TARGETS_PER_ENTRY = 1000;
/** Most row errors reported; the count is always complete. */
const ROW_ERRORS_MAX = 500;
export const ROSTER_COLUMNS = ['surname', 'given_name', 'patronymic', 'birth_date', 'kind', 'class', 'identifier_kind', 'card_uid',
  'guardian_phone', 'guardian_surname', 'guardian_given_name'] as const;
const REQUIRED = ['surname', 'given_name', 'birth_date'] as const;

const Counts = Obj({ persons: Type.Integer(), accounts: Type.Integer(), identifiers: Type.Integer(), guardians: Type.Integer(), links: Type.Integer() });
const Report = Obj({
  rows: Type.Integer(), applied: Type.Integer(), failed: Type.Integer(),
  created: Counts, updated: Obj({ persons: Type.Integer() }),
  errors: Type.Array(Obj({ line: Type.Integer(), field: Type.String(), message: Type.String() })),
});

type Row = Record<(typeof ROSTER_COLUMNS)[number], string>;
class RowError extends Error { constructor(readonly field: string, message: string) { super(message); } }

function fieldOf(err: unknown): { field: string; message: string } {
  if (err instanceof RowError) return { field: err.field, message: err.message };
  if (err instanceof ApiError || err instanceof TapgateError) return { field: String(err.details?.['field'] ?? ''), message: err.message };
  throw err;
}

/** The roster column of a registry field, by record kind, so that a row error names what the file calls it. */
const COLUMN_OF: Partial<Record<RecordKind, Readonly<Record<string, string>>>> = {
  person: { surname: 'surname', givenName: 'given_name', patronymic: 'patronymic', birthDate: 'birth_date', className: 'class', kind: 'kind' },
  identifier: { uidHex: 'card_uid', kind: 'identifier_kind' },
  guardian: { phone: 'guardian_phone', surname: 'guardian_surname', givenName: 'guardian_given_name' },
};

/** A registry record from a row's cells; a validation problem becomes a RowError naming the column. */
function rowRecord<K extends RecordKind>(ctx: ApiContext, kind: K, raw: Record<string, unknown>): Extract<RegistryRecord, { kind: K }> {
  try {
    return ctx.store.record(kind, raw);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const field = String(err.details['field'] ?? '');
    // The registry's message starts with "<kind> <id>: "; the id is a draft's, of no use in a row error.
    throw new RowError(COLUMN_OF[kind]?.[field] ?? field, err.message.replace(/^[a-z]+ [^:]*: /, ''));
  }
}

/** Plans the records one row needs against the registry as it is now; throws RowError. */
function planRow(ctx: ApiContext, schoolId: string, row: Row, columns: ReadonlySet<string>, counts: { created: Record<string, number>; updated: { persons: number } }): RegistryRecord[] {
  for (const f of REQUIRED) if (row[f] === '') throw new RowError(f, `${f} is required`);
  const kind = row.kind === '' ? 'pupil' : row.kind;
  if (!(PERSON_KINDS as readonly string[]).includes(kind)) throw new RowError('kind', `kind must be one of ${PERSON_KINDS.join(', ')}`);
  const out: RegistryRecord[] = [];
  const draft = rowRecord(ctx, 'person', { id: 'draft', schoolId, kind, surname: row.surname, givenName: row.given_name, patronymic: row.patronymic,
    birthDate: row.birth_date, className: row.class });
  const existingId = ctx.registry.personIdByDedupKey(personDedupKey(draft.value)!);
  const existing = existingId === undefined ? undefined : ctx.registry.persons.get(existingId);
  if (existing !== undefined && existing.schoolId !== schoolId) throw new RowError('surname', 'this person is registered at another school; move them first');
  let personId: string;
  if (existing === undefined) {
    const person = rowRecord(ctx, 'person', { ...draft.value, id: newId('p'), displayName: '' });
    personId = person.value.id;
    out.push(person);
    counts.created['persons']!++;
  } else {
    personId = existing.id;
    // A column the file does not have, or an empty kind, keeps what the registry has.
    const className = columns.has('class') ? draft.value.className : existing.className;
    const personKind = row.kind === '' ? existing.kind : draft.value.kind;
    if (existing.className !== className || existing.kind !== personKind) {
      out.push(rowRecord(ctx, 'person', { ...existing, className, kind: personKind }));
      counts.updated.persons++;
    }
  }
  const effectiveKind = existing !== undefined && row.kind === '' ? existing.kind : kind;
  if (effectiveKind === 'pupil' && ctx.registry.accountOfPersonId(personId) === undefined) {
    out.push(rowRecord(ctx, 'account', { id: newId('a'), personId, number: newAccountNumber(ctx) }));
    counts.created['accounts']!++;
  }
  if (row.card_uid !== '') {
    const uidHex = row.card_uid.toLowerCase();
    const owner = ctx.registry.identifierByUid(uidHex);
    if (owner !== undefined && owner.personId !== personId) throw new RowError('card_uid', 'this card UID is issued to someone else');
    if (owner === undefined) {
      if (ctx.registry.identifiersOfPerson(personId).length >= IDENTIFIERS_PER_PERSON_MAX) {
        throw new RowError('card_uid', `a person has at most ${IDENTIFIERS_PER_PERSON_MAX} identifiers`);
      }
      const identifierKind = row.identifier_kind === '' ? 'social_card' : row.identifier_kind;
      if (identifierKind === 'temporary' || !(IDENTIFIER_KINDS as readonly string[]).includes(identifierKind)) {
        throw new RowError('identifier_kind', 'identifier_kind must be social_card, fob, bracelet or watch');
      }
      out.push(rowRecord(ctx, 'identifier', { id: newId('i'), personId, kind: identifierKind, uidHex }));
      counts.created['identifiers']!++;
    }
  }
  if (row.guardian_phone !== '') {
    if (!PHONE_PATTERN.test(row.guardian_phone)) throw new RowError('guardian_phone', 'guardian_phone must be E.164 (+79161234567)');
    const known = ctx.registry.guardianByPhone(row.guardian_phone);
    // As for POST /guardians: a phone alone does not find (and link) a guardian; the surname must match.
    if (known !== undefined && normaliseName(known.surname) !== normaliseName(row.guardian_surname)) {
      throw new RowError('guardian_surname', 'this phone is registered to a guardian with another surname');
    }
    let guardianId = known?.id;
    if (guardianId === undefined) {
      if (row.guardian_surname === '') throw new RowError('guardian_surname', 'a new guardian needs guardian_surname');
      const g = rowRecord(ctx, 'guardian', { id: newId('g'), phone: row.guardian_phone, surname: row.guardian_surname, givenName: row.guardian_given_name });
      guardianId = g.value.id;
      out.push(g);
      counts.created['guardians']!++;
    }
    if (linkOf(ctx, guardianId, personId)?.relation !== 'parent') {
      out.push(rowRecord(ctx, 'guardianship', { id: linkId(guardianId, personId), guardianId, personId, relation: 'parent' }));
      counts.created['links']!++;
    }
  }
  return out;
}

export const rosterRoutes: Route[] = [
  route({ method: 'POST', path: '/schools/:schoolId/roster', tag: 'persons',
    summary: `Import a roster from CSV (columns: ${ROSTER_COLUMNS.join(', ')}); per-row errors; re-importing the same file changes nothing`,
    roles: ['city_admin', 'school_operator'], bodyKind: 'csv', bodyBytesMax: ROSTER_BYTES_MAX, success: [200, Report], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    concurrencyMax: ROSTER_IMPORTS_IN_FLIGHT_MAX,
    handler: async (ctx, req) => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      let table: string[][];
      try { table = parseCsv(req.body as string); } catch (err) { throw new ApiError('API_INVALID_REQUEST', err instanceof Error ? err.message : 'not CSV'); }
      const header = table[0]?.map((h) => h.trim().toLowerCase()) ?? [];
      const missing = ROSTER_COLUMNS.filter((c) => !header.includes(c) && (REQUIRED as readonly string[]).includes(c));
      const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
      const repeated = header.filter((h, i) => header.indexOf(h) !== i);
      if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
        throw new ApiError('API_INVALID_REQUEST', `the header must name columns of ${ROSTER_COLUMNS.join(', ')}, each once`, { missing, unknown, repeated });
      }
      if (table.length - 1 > ROSTER_ROWS_MAX) throw new ApiError('API_INVALID_REQUEST', `a roster has at most ${ROSTER_ROWS_MAX} rows`, { rowsMax: ROSTER_ROWS_MAX });
      const counts = { created: { persons: 0, accounts: 0, identifiers: 0, guardians: 0, links: 0 }, updated: { persons: 0 } };
      const errors: Array<{ line: number; field: string; message: string }> = [];
      let failed = 0;
      const touched: string[] = [];
      const columns = new Set(header);
      let stoppedAt = 0;
      // Each row takes its own turn in the registry queue: a card block or a device disable sent
      // during a long import waits for one row, not for the whole file.
      for (let i = 1; i < table.length; i++) {
        const cells = table[i]!;
        const row = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, (cells[header.indexOf(c)] ?? '').trim()])) as Row;
        // Counts are kept per row and only added once the row's records are written.
        const rowCounts = { created: { persons: 0, accounts: 0, identifiers: 0, guardians: 0, links: 0 }, updated: { persons: 0 } };
        try {
          if (cells.length !== header.length) throw new RowError('', `the row has ${cells.length} cells, the header ${header.length}`);
          const records = await ctx.store.exclusive(async () => {
            const planned = planRow(ctx, school.id, row, columns, rowCounts);
            if (planned.length > 0) await ctx.store.put(...planned);
            return planned;
          });
          for (const r of records) touched.push(`${r.kind}:${r.value.id}`);
          for (const k of Object.keys(rowCounts.created) as Array<keyof typeof rowCounts.created>) counts.created[k] += rowCounts.created[k];
          counts.updated.persons += rowCounts.updated.persons;
        } catch (err) {
          // The store is down: the rest of the file would fail row by row, each after a timeout.
          if (err instanceof ApiError && err.code === 'API_UNAVAILABLE') { stoppedAt = i + 1; break; }
          failed++;
          if (errors.length < ROW_ERRORS_MAX) errors.push({ line: i + 1, ...fieldOf(err) });
        }
      }
      for (let from = 0; from < touched.length; from += AUDIT_TARGETS_PER_ENTRY) {
        await audited(ctx, req.principal, req.requestId, 'roster.import', [`school:${school.id}`, ...touched.slice(from, from + AUDIT_TARGETS_PER_ENTRY)]);
      }
      const rows = table.length - 1;
      const report = { rows, applied: (stoppedAt === 0 ? rows : stoppedAt - 2) - failed, failed, created: counts.created, updated: counts.updated, errors };
      if (stoppedAt !== 0) {
        throw new ApiError('API_UNAVAILABLE', `the registry store failed at line ${stoppedAt}; the rows before it are applied; import the same file again to finish`,
          { stoppedAtLine: stoppedAt, report });
      }
      return ok(200, report);
    } }),
];
