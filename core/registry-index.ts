// An in-memory copy of the registry, updated one KV change at a time. Lookups are map reads;
// the UID index makes the per-tap question "whose card is this" one string-keyed lookup.
import type { Account, Benefit, Device, Identifier, Person, RecordKind, RegistryRecord, School } from './registry.js';
import { parseRecord } from './registry.js';

export class RegistryIndex {
  readonly schools = new Map<string, School>();
  readonly devices = new Map<string, Device>();
  readonly persons = new Map<string, Person>();
  readonly identifiers = new Map<string, Identifier>();
  readonly accounts = new Map<string, Account>();
  readonly benefits = new Map<string, Benefit>();
  /** Account and benefits of each person, for the POS rules. */
  private readonly accountOfPerson = new Map<string, Account>();
  private readonly benefitsOfPerson = new Map<string, Benefit[]>();
  private readonly byUid = new Map<string, Identifier>();
  private readonly byAccountNumber = new Map<string, Account>();
  /** Count of changes applied, for metrics and tests. */
  changes = 0;

  /** Applies a record (put) or removes the one with this id (delete). */
  apply(kind: RecordKind, id: string, record: RegistryRecord | null): void {
    this.changes++;
    if (record === null) return this.remove(kind, id);
    switch (record.kind) {
      case 'school': this.schools.set(id, record.value); break;
      case 'device': this.devices.set(id, record.value); break;
      case 'person': this.persons.set(id, record.value); break;
      case 'account': {
        const old = this.accounts.get(id);
        if (old !== undefined && this.byAccountNumber.get(old.number) === old) this.byAccountNumber.delete(old.number);
        if (old !== undefined && this.accountOfPerson.get(old.personId) === old) this.accountOfPerson.delete(old.personId);
        this.accounts.set(id, record.value);
        this.byAccountNumber.set(record.value.number, record.value);
        this.accountOfPerson.set(record.value.personId, record.value);
        break;
      }
      case 'benefit': {
        this.removeBenefit(id);
        this.benefits.set(id, record.value);
        const list = this.benefitsOfPerson.get(record.value.personId) ?? [];
        list.push(record.value);
        this.benefitsOfPerson.set(record.value.personId, list);
        break;
      }
      case 'identifier': {
        const old = this.identifiers.get(id);
        if (old !== undefined && this.byUid.get(old.uidHex) === old) this.byUid.delete(old.uidHex);
        this.identifiers.set(id, record.value);
        this.byUid.set(record.value.uidHex, record.value);
        break;
      }
    }
  }

  /** Applies a KV value (JSON bytes of a record) or a deletion (null). Invalid values throw. */
  applyJson(kind: RecordKind, id: string, json: string | null): void {
    this.apply(kind, id, json === null ? null : parseRecord(kind, JSON.parse(json) as Record<string, unknown>));
  }

  private remove(kind: RecordKind, id: string): void {
    switch (kind) {
      case 'school': this.schools.delete(id); break;
      case 'device': this.devices.delete(id); break;
      case 'person': this.persons.delete(id); break;
      case 'account': {
        const old = this.accounts.get(id);
        if (old !== undefined && this.byAccountNumber.get(old.number) === old) this.byAccountNumber.delete(old.number);
        if (old !== undefined && this.accountOfPerson.get(old.personId) === old) this.accountOfPerson.delete(old.personId);
        this.accounts.delete(id);
        break;
      }
      case 'benefit': this.removeBenefit(id); break;
      case 'identifier': {
        const old = this.identifiers.get(id);
        if (old !== undefined && this.byUid.get(old.uidHex) === old) this.byUid.delete(old.uidHex);
        this.identifiers.delete(id);
        break;
      }
    }
  }

  private removeBenefit(id: string): void {
    const old = this.benefits.get(id);
    if (old === undefined) return;
    this.benefits.delete(id);
    const list = (this.benefitsOfPerson.get(old.personId) ?? []).filter((b) => b.id !== id);
    if (list.length === 0) this.benefitsOfPerson.delete(old.personId); else this.benefitsOfPerson.set(old.personId, list);
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

  /** The map holding records of a kind (for loaders and generic lookups). */
  mapOf(kind: RecordKind): ReadonlyMap<string, RegistryRecord['value']> {
    switch (kind) {
      case 'school': return this.schools;
      case 'device': return this.devices;
      case 'person': return this.persons;
      case 'identifier': return this.identifiers;
      case 'account': return this.accounts;
      case 'benefit': return this.benefits;
    }
  }

  identifierByUid(uidHex: string): Identifier | undefined {
    return this.byUid.get(uidHex);
  }
}
