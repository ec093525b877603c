// An in-memory copy of the registry, updated one KV change at a time. Lookups are map reads;
// the UID index makes the per-tap question "whose card is this" one string-keyed lookup. The
// other indexes serve the admin API: dedup of persons, guardians by phone, links both ways.
import type {
  Account, Benefit, Category, Device, Guardian, Guardianship, Identifier, Invitation, Person, Preferences, Product, PushSubscriptionRecord,
  RecordKind, RegistryRecord, School,
} from './registry.js';
import { DEFAULT_SHARD_ID } from './registry.js';
import { parseRecord } from './registry-parse.js';
import { personDedupKey } from './person-key.js';

type ValueOf<K extends RecordKind> = Extract<RegistryRecord, { kind: K }>['value'];

/** A one-to-many index: key → ids. */
class Multi {
  private readonly m = new Map<string, Set<string>>();
  add(key: string, id: string): void { let s = this.m.get(key); if (s === undefined) { s = new Set(); this.m.set(key, s); } s.add(id); }
  delete(key: string, id: string): void { const s = this.m.get(key); if (s === undefined) return; s.delete(id); if (s.size === 0) this.m.delete(key); }
  get(key: string): ReadonlySet<string> { return this.m.get(key) ?? EMPTY; }
}
const EMPTY: ReadonlySet<string> = new Set();

export class RegistryIndex {
  readonly schools = new Map<string, School>();
  readonly devices = new Map<string, Device>();
  readonly persons = new Map<string, Person>();
  readonly identifiers = new Map<string, Identifier>();
  readonly accounts = new Map<string, Account>();
  readonly benefits = new Map<string, Benefit>();
  readonly guardians = new Map<string, Guardian>();
  readonly guardianships = new Map<string, Guardianship>();
  readonly invitations = new Map<string, Invitation>();
  readonly preferences = new Map<string, Preferences>();
  readonly categories = new Map<string, Category>();
  readonly products = new Map<string, Product>();
  readonly pushSubscriptions = new Map<string, PushSubscriptionRecord>();
  /** Account and benefits of each person, for the POS rules. */
  private readonly accountOfPerson = new Map<string, Account>();
  private readonly benefitsOfPerson = new Map<string, Benefit[]>();
  private readonly byUid = new Map<string, Identifier>();
  private readonly byAccountNumber = new Map<string, Account>();
  private readonly byDedupKey = new Map<string, string>();
  private readonly byPhone = new Map<string, string>();
  private readonly identifiersOf = new Multi();
  private readonly identifiersOfGuardian = new Multi();
  private readonly guardianshipsOfGuardian = new Multi();
  private readonly guardianshipsOfPerson = new Multi();
  private readonly personsOfSchool = new Multi();
  private readonly devicesOfSchool = new Multi();
  private readonly pushSubscriptionsOfGuardian = new Multi();
  /** Count of changes applied, for metrics and tests. */
  changes = 0;

  /** The shard owning a school's state; DEFAULT_SHARD_ID for a school not (yet) in the registry. */
  shardOfSchool(schoolId: string): string {
    return this.schools.get(schoolId)?.shardId ?? DEFAULT_SHARD_ID;
  }

  /** The shard holding an account's balance: that of its pupil's school (DEFAULT_SHARD_ID if unknown). */
  shardOfAccount(accountId: string): string {
    const personId = this.accounts.get(accountId)?.personId;
    return this.shardOfSchool(personId === undefined ? '' : this.persons.get(personId)?.schoolId ?? '');
  }

  /**
   * Every shard the registry names, sorted; always includes DEFAULT_SHARD_ID. Kept until a school
   * changes: a top-up asks for it (more than one shard means a payment index lookup), so it must
   * not walk every school per request.
   */
  shardIds(): readonly string[] {
    if (this.shardIdsCache === null) {
      const ids = new Set<string>([DEFAULT_SHARD_ID]);
      for (const s of this.schools.values()) ids.add(s.shardId);
      this.shardIdsCache = Object.freeze([...ids].sort());
    }
    return this.shardIdsCache;
  }
  private shardIdsCache: readonly string[] | null = null;

  /** Applies a record (put) or removes the one with this id (delete). */
  apply(kind: RecordKind, id: string, record: RegistryRecord | null): void {
    this.changes++;
    if (kind === 'school') this.shardIdsCache = null;
    const map = this.mapOf(kind) as Map<string, RegistryRecord['value']>;
    const old = map.get(id);
    if (old !== undefined) this.unindex({ kind, value: old } as RegistryRecord);
    if (record === null) { map.delete(id); return; }
    map.set(id, record.value);
    this.index(record);
  }

  /** Applies a KV value (JSON bytes of a record) or a deletion (null). Invalid values throw. */
  applyJson(kind: RecordKind, id: string, json: string | null): void {
    this.apply(kind, id, json === null ? null : parseRecord(kind, JSON.parse(json) as Record<string, unknown>));
  }

  private index(r: RegistryRecord): void {
    switch (r.kind) {
      case 'account':
        this.byAccountNumber.set(r.value.number, r.value);
        this.accountOfPerson.set(r.value.personId, r.value);
        break;
      case 'benefit': {
        const list = this.benefitsOfPerson.get(r.value.personId) ?? [];
        list.push(r.value);
        this.benefitsOfPerson.set(r.value.personId, list);
        break;
      }
      case 'identifier':
        this.byUid.set(r.value.uidHex, r.value);
        if (r.value.guardianId === undefined) this.identifiersOf.add(r.value.personId, r.value.id);
        else this.identifiersOfGuardian.add(r.value.guardianId, r.value.id);
        break;
      case 'person': {
        const key = personDedupKey(r.value);
        if (key !== null && !this.byDedupKey.has(key)) this.byDedupKey.set(key, r.value.id);
        this.personsOfSchool.add(r.value.schoolId, r.value.id);
        break;
      }
      case 'device': this.devicesOfSchool.add(r.value.schoolId, r.value.id); break;
      case 'guardian': if (!this.byPhone.has(r.value.phone)) this.byPhone.set(r.value.phone, r.value.id); break;
      case 'guardianship':
        this.guardianshipsOfGuardian.add(r.value.guardianId, r.value.id);
        this.guardianshipsOfPerson.add(r.value.personId, r.value.id);
        break;
      case 'push_subscription': this.pushSubscriptionsOfGuardian.add(r.value.guardianId, r.value.id); break;
      default: break;
    }
  }

  private unindex(r: RegistryRecord): void {
    switch (r.kind) {
      case 'account':
        if (this.byAccountNumber.get(r.value.number)?.id === r.value.id) this.byAccountNumber.delete(r.value.number);
        if (this.accountOfPerson.get(r.value.personId)?.id === r.value.id) this.accountOfPerson.delete(r.value.personId);
        break;
      case 'benefit': {
        const list = (this.benefitsOfPerson.get(r.value.personId) ?? []).filter((b) => b.id !== r.value.id);
        if (list.length === 0) this.benefitsOfPerson.delete(r.value.personId); else this.benefitsOfPerson.set(r.value.personId, list);
        break;
      }
      case 'identifier':
        if (this.byUid.get(r.value.uidHex)?.id === r.value.id) this.byUid.delete(r.value.uidHex);
        if (r.value.guardianId === undefined) this.identifiersOf.delete(r.value.personId, r.value.id);
        else this.identifiersOfGuardian.delete(r.value.guardianId, r.value.id);
        break;
      case 'person': {
        const key = personDedupKey(r.value);
        if (key !== null && this.byDedupKey.get(key) === r.value.id) this.byDedupKey.delete(key);
        this.personsOfSchool.delete(r.value.schoolId, r.value.id);
        break;
      }
      case 'device': this.devicesOfSchool.delete(r.value.schoolId, r.value.id); break;
      case 'guardian': if (this.byPhone.get(r.value.phone) === r.value.id) this.byPhone.delete(r.value.phone); break;
      case 'guardianship':
        this.guardianshipsOfGuardian.delete(r.value.guardianId, r.value.id);
        this.guardianshipsOfPerson.delete(r.value.personId, r.value.id);
        break;
      case 'push_subscription': this.pushSubscriptionsOfGuardian.delete(r.value.guardianId, r.value.id); break;
      default: break;
    }
  }

  accountOfPersonId(personId: string): Account | undefined {
    return this.accountOfPerson.get(personId);
  }

  benefitsOfPersonId(personId: string): readonly Benefit[] {
    return this.benefitsOfPerson.get(personId) ?? [];
  }

  accountByNumber(number: string): Account | undefined {
    return this.byAccountNumber.get(number);
  }

  /** The id of the person registered under this dedup key (see personDedupKey). */
  personIdByDedupKey(key: string): string | undefined {
    return this.byDedupKey.get(key);
  }

  guardianByPhone(phone: string): Guardian | undefined {
    const id = this.byPhone.get(phone);
    return id === undefined ? undefined : this.guardians.get(id);
  }

  identifiersOfPerson(personId: string): Identifier[] {
    return [...this.identifiersOf.get(personId)].map((id) => this.identifiers.get(id)!);
  }

  /** A guardian's identifiers (cards for the kindergarten hand-over). */
  identifiersOfGuardianId(guardianId: string): Identifier[] {
    return [...this.identifiersOfGuardian.get(guardianId)].map((id) => this.identifiers.get(id)!);
  }

  /** The identifier issued to replace the lost `lost` (one per lost card), if any. */
  replacementOf(lost: Identifier): Identifier | undefined {
    const siblings = lost.guardianId === undefined ? this.identifiersOfPerson(lost.personId) : this.identifiersOfGuardianId(lost.guardianId);
    return siblings.find((i) => i.replacesId === lost.id);
  }

  guardianshipsOfGuardianId(guardianId: string): Guardianship[] {
    return [...this.guardianshipsOfGuardian.get(guardianId)].map((id) => this.guardianships.get(id)!);
  }

  guardianshipsOfPersonId(personId: string): Guardianship[] {
    return [...this.guardianshipsOfPerson.get(personId)].map((id) => this.guardianships.get(id)!);
  }

  pushSubscriptionsOfGuardianId(guardianId: string): PushSubscriptionRecord[] {
    return [...this.pushSubscriptionsOfGuardian.get(guardianId)].map((id) => this.pushSubscriptions.get(id)!);
  }

  personIdsOfSchool(schoolId: string): ReadonlySet<string> {
    return this.personsOfSchool.get(schoolId);
  }

  deviceIdsOfSchool(schoolId: string): ReadonlySet<string> {
    return this.devicesOfSchool.get(schoolId);
  }

  /** The map holding records of a kind (for loaders and generic lookups). */
  mapOf<K extends RecordKind>(kind: K): ReadonlyMap<string, ValueOf<K>>;
  mapOf(kind: RecordKind): ReadonlyMap<string, RegistryRecord['value']> {
    switch (kind) {
      case 'school': return this.schools;
      case 'device': return this.devices;
      case 'person': return this.persons;
      case 'identifier': return this.identifiers;
      case 'account': return this.accounts;
      case 'benefit': return this.benefits;
      case 'guardian': return this.guardians;
      case 'guardianship': return this.guardianships;
      case 'invitation': return this.invitations;
      case 'preferences': return this.preferences;
      case 'category': return this.categories;
      case 'product': return this.products;
      case 'push_subscription': return this.pushSubscriptions;
    }
  }

  identifierByUid(uidHex: string): Identifier | undefined {
    return this.byUid.get(uidHex);
  }
}

/**
 * What a request to duplicate a lost card does, given the replacement made for it before (if
 * any): a first request makes one ('new'); a retry with the same card kind and UID gets that
 * replacement back ('same'); anything else is refused ('conflict', naming the replacement), so a
 * lost card never has two replacements, whoever asks and however often.
 */
export function duplicateOutcome(replacement: Identifier | undefined, request: { readonly kind: string; readonly uidHex: string }):
  { readonly kind: 'new' } | { readonly kind: 'same' | 'conflict'; readonly replacement: Identifier } {
  if (replacement === undefined) return { kind: 'new' };
  const same = replacement.kind === request.kind && replacement.uidHex === request.uidHex.toLowerCase();
  return { kind: same ? 'same' : 'conflict', replacement };
}
