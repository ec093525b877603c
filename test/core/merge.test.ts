// core/merge.ts: when a merge of a duplicate person is refused, and what it writes. The money
// rule: an account is re-attached whole when the kept person has none, removed only when it never
// held money, and otherwise the merge is refused.
import t from 'tap';
import { linkId, mergePlan, mergeRefusal, type Account, type Guardianship, type MergeInput, type Person, type Preferences } from '../../core/index.js';

const person = (id: string, over: Partial<Person> = {}): Person => ({ id, schoolId: 's1', kind: 'pupil', displayName: id, className: '5А', photoRef: '', photoConsent: false,
  surname: id, givenName: 'А', patronymic: '', birthDate: '2013-01-01', ...over });
const account = (id: string, personId: string): Account => ({ id, number: '1234567890', personId, dailyLimitKop: null, bannedCategories: [], lowBalanceThresholdKop: null });
const link = (guardianId: string, personId: string, relation: 'parent' | 'trusted', grantedBy = ''): Guardianship => ({
  id: linkId(guardianId, personId), guardianId, personId, relation, scopes: relation === 'parent' ? ['passes', 'purchases', 'balance', 'pickup'] : ['passes'], grantedBy });
const input = (over: Partial<MergeInput> = {}): MergeInput => ({ kept: person('k'), duplicate: person('d'), keptAccount: account('ak', 'k'),
  duplicateAccount: account('ad', 'd'), duplicateBalanceKop: 0, duplicateHasHistory: false, duplicateIdentifiers: [], duplicateLinks: [],
  keptLinks: [], duplicateBenefits: [], duplicateInvitations: [], preferencesOf: () => undefined, ...over });

t.test('merge - refusals', async (t) => {
  const cases: Array<[string, Partial<MergeInput>, string | null]> = [
    ['both accounts empty and unused', {}, null],
    ['the same person', { duplicate: person('k') }, 'same_person'],
    ['another school', { duplicate: person('d', { schoolId: 's2' }) }, 'other_school'],
    ['another kind', { duplicate: person('d', { kind: 'staff' }) }, 'other_kind'],
    ['the duplicate has money', { duplicateBalanceKop: 1 }, 'account_has_money'],
    ['the duplicate is overdrawn', { duplicateBalanceKop: -100 }, 'account_has_money'],
    ['the duplicate spent to 0', { duplicateHasHistory: true }, 'account_has_history'],
    ['money, but the kept person has no account: re-attached', { keptAccount: undefined, duplicateBalanceKop: 5_000, duplicateHasHistory: true }, null],
    ['no duplicate account', { duplicateAccount: undefined }, null],
  ];
  for (const [what, over, want] of cases) t.equal(mergeRefusal(input(over)), want, what);
});

t.test('merge - the account: re-attached whole, removed when unused, or nothing', async (t) => {
  const re = mergePlan(input({ keptAccount: undefined, duplicateBalanceKop: 5_000 })).account;
  t.same(re, { kind: 'reattach', account: { ...account('ad', 'd'), personId: 'k' } }, 'same id and number, now the kept person\'s');
  t.same(mergePlan(input()).account, { kind: 'remove', account: account('ad', 'd') });
  t.same(mergePlan(input({ duplicateAccount: undefined })).account, { kind: 'none' });
});

t.test('merge - links: parents first, the kept person\'s own link wins unless the duplicate\'s is a parent\'s; trusted links follow their parent', async (t) => {
  const parent = link('g1', 'd', 'parent');
  const trusted = link('g2', 'd', 'trusted', parent.id);
  const both = link('g3', 'd', 'trusted', parent.id);
  const prefs: Preferences = { id: parent.id, guardianId: 'g1', personId: 'd', subscriptions: [], lowBalanceThresholdKop: null, quietHours: null };
  const plan = mergePlan(input({ duplicateLinks: [trusted, both, parent], keptLinks: [link('g3', 'k', 'parent')],
    preferencesOf: (id) => (id === parent.id ? prefs : undefined),
    duplicateIdentifiers: [{ id: 'i1', personId: 'd', kind: 'fob', uidHex: '01020304', status: 'active', expiresAtMs: null }] }));
  t.same(plan.links.map((l) => [l.guardianId, l.personId, l.relation, l.grantedBy]),
    [['g1', 'k', 'parent', ''], ['g2', 'k', 'trusted', linkId('g1', 'k')]], 'g3 already is the kept person\'s parent');
  t.same(plan.preferences.map((p) => [p.id, p.personId]), [[linkId('g1', 'k'), 'k']], 'the parent\'s preferences move with the link');
  t.same([...plan.removeLinkIds].sort(), [parent.id, trusted.id, both.id].sort(), 'every link of the duplicate goes');
  t.same(plan.identifiers.map((i) => [i.id, i.personId]), [['i1', 'k']], 'the card is the kept person\'s');
  const accepted = mergePlan(input({ duplicateLinks: [parent, trusted], duplicateInvitations: [{ id: 'v1', personId: 'd', guardianId: 'g1',
    phone: '+79160000001', surname: 'Б', scopes: ['passes'], status: 'accepted', expiresAtMs: 1, guardianshipId: trusted.id }] }));
  t.same(accepted.invitations.map((i) => [i.personId, i.guardianshipId]), [['k', linkId('g2', 'k')]], 'an accepted invitation names the moved link');
});
