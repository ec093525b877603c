// The stateless tap rules: given the registry and one tap, which identifier and person it is
// and whether the registry allows it. Runs in the piscina workers. The rules that need memory
// of earlier taps (repeated tap, presence) are in pass-state.ts and run in the gateway's
// sequencer, the single writer of that state.
import { tapgate } from './proto.js';
import type { Device, Identifier, Person, PersonKindName } from './registry.js';
import type { RegistryIndex } from './registry-index.js';

export const Reason = tapgate.device.v1.DecisionReason;
export const Verdict = tapgate.device.v1.Verdict;
export const Direction = tapgate.device.v1.Direction;
export const PersonKind = tapgate.device.v1.PersonKind;
export type ReasonValue = tapgate.device.v1.DecisionReason;

export interface StaticOutcome {
  readonly reason: ReasonValue;
  readonly identifier: Identifier | undefined;
  readonly person: Person | undefined;
}

const personKindByName: Record<PersonKindName, tapgate.device.v1.PersonKind> = {
  pupil: PersonKind.PERSON_KIND_PUPIL,
  staff: PersonKind.PERSON_KIND_STAFF,
};

export function personKindOf(person: Person): tapgate.device.v1.PersonKind {
  return personKindByName[person.kind];
}

/**
 * Decides a tap from the registry alone. Checks run in this order, and the first that fails is
 * the reason: unknown UID, blocked, expired (at or after expiresAtMs), unknown person (treated as
 * an unknown identifier), other school, person kind not allowed at this device. A guardian's card
 * (v1.3, after the blocked and expired checks) is ESCORT_CARD_ALONE at a turnstile, NOT_ALLOWED_AT_DEVICE
 * elsewhere: it is for hand-overs only (core/handover.ts).
 */
export function decideStatic(registry: RegistryIndex, device: Device, uidHex: string, nowMs: number): StaticOutcome {
  const identifier = registry.identifierByUid(uidHex);
  if (identifier === undefined) return { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifier, person: undefined };
  if (identifier.status !== 'active') return { reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED, identifier, person: undefined };
  if (identifier.expiresAtMs !== null && nowMs >= identifier.expiresAtMs) {
    return { reason: Reason.DECISION_REASON_IDENTIFIER_EXPIRED, identifier, person: undefined };
  }
  if (identifier.guardianId !== undefined) {
    // An adult's card (v1.3) opens nothing by itself: at a turnstile it names the children after it.
    const reason = device.kind === 'turnstile' ? Reason.DECISION_REASON_ESCORT_CARD_ALONE : Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE;
    return { reason, identifier, person: undefined };
  }
  const person = registry.persons.get(identifier.personId);
  if (person === undefined) return { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifier: undefined, person: undefined };
  if (person.schoolId !== device.schoolId) return { reason: Reason.DECISION_REASON_OTHER_SCHOOL, identifier, person: undefined };
  if (!device.allowedPersonKinds.includes(person.kind)) return { reason: Reason.DECISION_REASON_NOT_ALLOWED_AT_DEVICE, identifier, person };
  return { reason: Reason.DECISION_REASON_OK, identifier, person };
}

export function verdictOf(reason: ReasonValue): tapgate.device.v1.Verdict {
  return reason === Reason.DECISION_REASON_OK ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY;
}
