// The kindergarten hand-over (protocol v1.3, ADR 0015): an adult taps their own identifier and
// the reader then reads the children's; the gateway decides each child. The card checks are
// stateless and run in the tap workers (`escortCard`, `childCard`); whether this adult may bring or
// collect this child reads the guardianships, which only the gateway's main registry holds
// (`escortRelation`, `handoverReasons`), and the repeated-tap and presence rules run in the
// sequencer for each child as for an ordinary pass.
import type { Device, Guardianship, Identifier } from './registry.js';
import type { RegistryIndex } from './registry-index.js';
import { decideStatic, Reason, type ReasonValue, type StaticOutcome } from './rules.js';

/** The adult's card of a hand-over: its reason and, when the UID is a guardian's identifier, whose. */
export interface EscortCardOutcome {
  readonly reason: ReasonValue;
  readonly identifier: Identifier | undefined;
  /** The guardian holding the identifier ('' when the UID is unknown or a person's). */
  readonly guardianId: string;
}

/**
 * The adult's card, in order: unknown UID, blocked, expired (as for any card), then a card held by
 * a person of a school rather than a guardian (NOT_AN_ESCORT). Whether the guardian record exists
 * is checked on the main thread (`handoverReasons`): the workers do not hold guardians.
 */
export function escortCard(registry: RegistryIndex, uidHex: string, nowMs: number): EscortCardOutcome {
  const identifier = registry.identifierByUid(uidHex);
  if (identifier === undefined) return { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, identifier, guardianId: '' };
  const guardianId = identifier.guardianId ?? '';
  if (identifier.status !== 'active') return { reason: Reason.DECISION_REASON_IDENTIFIER_BLOCKED, identifier, guardianId };
  if (identifier.expiresAtMs !== null && nowMs >= identifier.expiresAtMs) {
    return { reason: Reason.DECISION_REASON_IDENTIFIER_EXPIRED, identifier, guardianId };
  }
  if (guardianId === '') return { reason: Reason.DECISION_REASON_NOT_AN_ESCORT, identifier, guardianId };
  return { reason: Reason.DECISION_REASON_OK, identifier, guardianId };
}

/**
 * A child's card of a hand-over: the ordinary checks of a tap at this device (decideStatic), then
 * NOT_A_CHILD when the UID is an adult's identifier or a staff member's. The person stays known for
 * a staff card (the event names whose card it was), none for an adult's.
 */
export function childCard(registry: RegistryIndex, device: Device, uidHex: string, nowMs: number): StaticOutcome {
  const s = decideStatic(registry, device, uidHex, nowMs);
  const notAChild = Reason.DECISION_REASON_NOT_A_CHILD;
  if (s.reason === Reason.DECISION_REASON_ESCORT_CARD_ALONE) return { reason: notAChild, identifier: s.identifier, person: undefined };
  if (s.reason === Reason.DECISION_REASON_OK && s.person?.kind !== 'pupil') return { ...s, reason: notAChild };
  return s;
}

/** The adult's link to a child that lets them hand it over: a parent, or a trusted person with `pickup`. */
export function escortRelation(registry: RegistryIndex, guardianId: string, personId: string,
): Guardianship['relation'] | null {
  let trusted = false;
  for (const l of registry.guardianshipsOfGuardianId(guardianId)) {
    if (l.personId !== personId) continue;
    if (l.relation === 'parent') return 'parent';
    if (l.scopes.includes('pickup')) trusted = true;
  }
  return trusted ? 'trusted' : null;
}

/** One child of a hand-over as the worker decided its card. */
export interface HandoverChildCard { readonly reason: number; readonly personId: string }

/** Each child's reason before the repeated-tap rule, and the adult's link to it ('' when none). */
export interface HandoverChildRule { readonly reason: number; readonly relation: Guardianship['relation'] | '' }

/**
 * The hand-over rule on the main registry. The adult first: a card the worker accepted whose
 * guardian is no longer in the registry is UNKNOWN_IDENTIFIER. Then each child, in order: its own
 * card's reason; else ESCORT_NOT_AUTHORISED when the adult's card was refused or the adult holds no
 * parent link and no trusted link with `pickup` for it; else REPEATED_TAP when the same child was
 * already named earlier in this tap (two of its cards); else OK, to be judged by the repeat window.
 */
export function handoverReasons(registry: RegistryIndex, escortReason: number, guardianId: string,
  children: readonly HandoverChildCard[]): { readonly escortReason: number; readonly children: HandoverChildRule[] } {
  const escort = escortReason === Reason.DECISION_REASON_OK && !registry.guardians.has(guardianId)
    ? Reason.DECISION_REASON_UNKNOWN_IDENTIFIER : escortReason;
  const seen = new Set<string>();
  const out = children.map((c): HandoverChildRule => {
    if (c.reason !== Reason.DECISION_REASON_OK) return { reason: c.reason, relation: '' };
    if (!registry.persons.has(c.personId)) return { reason: Reason.DECISION_REASON_UNKNOWN_IDENTIFIER, relation: '' };
    const relation = escort === Reason.DECISION_REASON_OK ? escortRelation(registry, guardianId, c.personId) : null;
    if (relation === null) return { reason: Reason.DECISION_REASON_ESCORT_NOT_AUTHORISED, relation: '' };
    if (seen.has(c.personId)) return { reason: Reason.DECISION_REASON_REPEATED_TAP, relation };
    seen.add(c.personId);
    return { reason: Reason.DECISION_REASON_OK, relation };
  });
  return { escortReason: escort, children: out };
}

/**
 * The reason of the hand-over tap as a whole (Decision.reason): the adult card's when refused; OK
 * when at least one child was allowed; else the first child's reason.
 */
export function handoverTapReason(escortReason: number, childReasons: readonly number[]): number {
  if (escortReason !== Reason.DECISION_REASON_OK) return escortReason;
  if (childReasons.includes(Reason.DECISION_REASON_OK)) return Reason.DECISION_REASON_OK;
  return childReasons[0] ?? Reason.DECISION_REASON_UNSPECIFIED;
}
