// The key that says two person records are the same child: normalised surname, given name,
// patronymic and birth date. Case, 'ё'/'е', surrounding and repeated spaces and the kind of
// dash do not make a different person. Personal data: the key lives in memory only.

/** Normalises one name part for comparison. */
export function normaliseName(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').replace(/\s*-\s*/g, '-').trim();
}

/** The dedup key of a person, or null when the record lacks the surname, given name or birth date. */
export function personDedupKey(p: { readonly surname: string; readonly givenName: string; readonly patronymic: string; readonly birthDate: string }): string | null {
  if (p.surname === '' || p.givenName === '' || p.birthDate === '') return null;
  return [normaliseName(p.surname), normaliseName(p.givenName), normaliseName(p.patronymic), p.birthDate].join('\u0000');
}
