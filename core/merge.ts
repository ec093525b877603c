// Merging a mistaken duplicate of a person into the record that stays (the school office's
// "merge"): which records move, and when a merge must be refused. Pure: the API reads the live
// balance and the money history, asks here, and writes what the plan says.
//
// Money is the hard part. A balance lives in the ledger under an account id, not under a person,
// and there is no operation that moves kopecks from one account to another. So:
// - when the kept person has no account, the duplicate's account (whatever its balance) is
//   re-attached to the kept person: same account id, same number, same ledger, nothing moves;
// - when both have accounts, the duplicate's account may only be removed if it never held money:
//   balance 0 and no top-up, refund, transfer or purchase in its history. Otherwise the merge is
//   refused, and the office asks catering or the city to settle that account first.
import { linkId } from './notify-rules.js';
import type { Account, Benefit, Guardianship, Identifier, Invitation, Person, Preferences } from './registry.js';

/** Why a merge is refused: a code the API answers with in details.reason. */
export const MERGE_REFUSALS = ['same_person', 'other_school', 'other_kind', 'account_has_money', 'account_has_history'] as const;
export type MergeRefusal = (typeof MERGE_REFUSALS)[number];

export interface MergeInput {
  readonly kept: Person;
  readonly duplicate: Person;
  readonly keptAccount: Account | undefined;
  readonly duplicateAccount: Account | undefined;
  /** The duplicate account's live balance from its shard; 0 when it has no account. */
  readonly duplicateBalanceKop: number;
  /** Whether any money event or purchase was ever recorded for the duplicate's account. */
  readonly duplicateHasHistory: boolean;
  readonly duplicateIdentifiers: readonly Identifier[];
  readonly duplicateLinks: readonly Guardianship[];
  readonly keptLinks: readonly Guardianship[];
  readonly duplicateBenefits: readonly Benefit[];
  readonly duplicateInvitations: readonly Invitation[];
  /** Preferences kept under a link's id, by that id. */
  readonly preferencesOf: (linkId: string) => Preferences | undefined;
}

export interface MergePlan {
  /** What the account does: re-attached to the kept person, removed (never held money), or nothing. */
  readonly account: { readonly kind: 'reattach'; readonly account: Account } | { readonly kind: 'remove'; readonly account: Account } | { readonly kind: 'none' };
  /** Identifiers, benefits and invitations with personId changed to the kept person. */
  readonly identifiers: readonly Identifier[];
  readonly benefits: readonly Benefit[];
  readonly invitations: readonly Invitation[];
  /** New links of the kept person (ids linkId(guardian, kept)) with their preferences, parents first. */
  readonly links: readonly Guardianship[];
  readonly preferences: readonly Preferences[];
  /** The duplicate's link ids (and the preferences under them) to remove. */
  readonly removeLinkIds: readonly string[];
}

/** Why this merge may not go ahead, or null. Checked before anything is written. */
export function mergeRefusal(m: MergeInput): MergeRefusal | null {
  if (m.kept.id === m.duplicate.id) return 'same_person';
  if (m.kept.schoolId !== m.duplicate.schoolId) return 'other_school';
  if (m.kept.kind !== m.duplicate.kind) return 'other_kind';
  if (m.duplicateAccount !== undefined && m.keptAccount !== undefined) {
    if (m.duplicateBalanceKop !== 0) return 'account_has_money';
    if (m.duplicateHasHistory) return 'account_has_history';
  }
  return null;
}

/** The records a merge writes; call only when mergeRefusal said null. */
export function mergePlan(m: MergeInput): MergePlan {
  const keptId = m.kept.id;
  const account: MergePlan['account'] = m.duplicateAccount === undefined ? { kind: 'none' }
    : m.keptAccount === undefined ? { kind: 'reattach', account: { ...m.duplicateAccount, personId: keptId } }
      : { kind: 'remove', account: m.duplicateAccount };
  const keptByGuardian = new Map(m.keptLinks.map((l) => [l.guardianId, l]));
  const newIdOf = new Map(m.duplicateLinks.map((l) => [l.id, linkId(l.guardianId, keptId)]));
  const links: Guardianship[] = [];
  const preferences: Preferences[] = [];
  // Parents first: a trusted person's link names its parent's link (grantedBy), written before it.
  const ordered = [...m.duplicateLinks].sort((a, b) => (a.relation === b.relation ? 0 : a.relation === 'parent' ? -1 : 1));
  for (const l of ordered) {
    const existing = keptByGuardian.get(l.guardianId);
    // The kept person's own link wins, unless the duplicate's is a parent's and the kept one only trusted.
    if (existing !== undefined && !(l.relation === 'parent' && existing.relation !== 'parent')) continue;
    const id = newIdOf.get(l.id)!;
    const grantedBy = l.grantedBy === '' ? '' : newIdOf.get(l.grantedBy) ?? l.grantedBy;
    links.push({ ...l, id, personId: keptId, grantedBy });
    const prefs = m.preferencesOf(l.id);
    if (prefs !== undefined && m.preferencesOf(id) === undefined) preferences.push({ ...prefs, id, personId: keptId });
  }
  return {
    account,
    identifiers: m.duplicateIdentifiers.map((i) => ({ ...i, personId: keptId })),
    benefits: m.duplicateBenefits.map((b) => ({ ...b, personId: keptId })),
    // An accepted invitation names the link it made: that link now has the kept person's id.
    invitations: m.duplicateInvitations.map((i) => ({ ...i, personId: keptId,
      guardianshipId: i.guardianshipId === '' ? '' : newIdOf.get(i.guardianshipId) ?? i.guardianshipId })),
    links, preferences, removeLinkIds: m.duplicateLinks.map((l) => l.id),
  };
}
