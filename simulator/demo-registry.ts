// Generates a registry for demos, the simulator and the benchmarks: schools with turnstiles,
// pupils, staff and their identifiers, and for schools with POS readers accounts and a canteen
// catalogue (the POS sells its products by id: protocol v1.2). Secrets and UIDs are random on every generation (no
// default keys exist); the file written holds them, so keep it private (it lives in .tapgate/).
import { randomBytes } from 'node:crypto';

export interface DemoOptions {
  readonly schools: number;
  readonly turnstilesPerSchool: number;
  /** Canteen POS readers per school (default 0). Every pupil gets a personal account when there are any. */
  readonly posPerSchool?: number;
  readonly pupilsPerSchool: number;
  readonly staffPerSchool: number;
  readonly timeZone?: string;
  /**
   * Give every pupil a parent (a guardian with a phone and an e-mail address, linked as parent)
   * with notification preferences: entries and exits and buffet purchases by e-mail and push,
   * top-ups and low balance by SMS and e-mail, the daily digest by e-mail. Default false.
   */
  readonly parents?: boolean;
}

const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров'];
const NAMES = ['Иван', 'Алексей', 'Мария', 'Анна', 'Дмитрий', 'Софья', 'Артём', 'Виктория', 'Максим', 'Полина'];
/** The sex of each name above, for the surname's ending and the patronymic (the notifier reads it from the patronymic). */
const FEMALE = new Set(['Мария', 'Анна', 'Софья', 'Виктория', 'Полина']);
const FATHERS = ['Сергеев', 'Андреев', 'Николаев', 'Павлов', 'Олегов'];
const PARENT_NAMES = ['Елена', 'Ольга', 'Татьяна', 'Наталья', 'Ирина'];
const LETTERS = ['А', 'Б', 'В', 'Г'];

export interface DemoRegistry {
  schools: Record<string, unknown>[];
  devices: Record<string, unknown>[];
  persons: Record<string, unknown>[];
  identifiers: Record<string, unknown>[];
  accounts: Record<string, unknown>[];
  categories: Record<string, unknown>[];
  products: Record<string, unknown>[];
  guardians: Record<string, unknown>[];
  guardianships: Record<string, unknown>[];
  preferences: Record<string, unknown>[];
}

/** What a demo parent hears about, and how. */
export const DEMO_SUBSCRIPTIONS = [
  { event: 'entry_exit', channels: ['email', 'push'] },
  { event: 'buffet', channels: ['email', 'push'] },
  { event: 'hot_meal', channels: ['email'] },
  { event: 'top_up', channels: ['sms', 'email'] },
  { event: 'low_balance', channels: ['sms', 'email'] },
  { event: 'daily_digest', channels: ['email'] },
] as const;

/** The canteen menu of every demo school with POS readers: product id `<school id>-<code>`. */
export const DEMO_MENU = [
  { code: 'bun', name: 'Булочка', category: 'bakery', priceKop: 3_500 },
  { code: 'tea', name: 'Чай', category: 'drinks', priceKop: 1_500 },
  { code: 'apple', name: 'Яблоко', category: 'fruit', priceKop: 2_000 },
  { code: 'pie', name: 'Пирожок', category: 'bakery', priceKop: 4_500 },
] as const;
const DEMO_CATEGORIES: Record<string, string> =
  { bakery: 'Выпечка', drinks: 'Напитки', fruit: 'Фрукты' };

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function generateDemoRegistry(o: DemoOptions): DemoRegistry {
  const reg: DemoRegistry = { schools: [], devices: [], persons: [], identifiers: [], accounts: [],
    categories: [], products: [], guardians: [], guardianships: [], preferences: [] };
  let accountNo = 40_000_000;
  for (let s = 1; s <= o.schools; s++) {
    const schoolId = `sch-${pad(s, 4)}`;
    reg.schools.push({ id: schoolId, name: `Школа № ${1000 + s}`, timeZone: o.timeZone ?? 'Europe/Moscow', kind: 'school' });
    for (let d = 1; d <= o.turnstilesPerSchool; d++) {
      reg.devices.push({ id: `${schoolId}-ts-${pad(d, 2)}`, schoolId, kind: 'turnstile', secretHex: randomBytes(32).toString('hex'), enabled: true });
    }
    for (let d = 1; d <= (o.posPerSchool ?? 0); d++) {
      reg.devices.push({ id: `${schoolId}-pos-${pad(d, 2)}`, schoolId, kind: 'pos', secretHex: randomBytes(32).toString('hex'), enabled: true });
    }
    if ((o.posPerSchool ?? 0) > 0) {
      for (const [code, name] of Object.entries(DEMO_CATEGORIES)) {
        reg.categories.push({ id: `${schoolId}.${code}`, schoolId, code, name });
      }
      for (const m of DEMO_MENU) {
        reg.products.push({ id: `${schoolId}-${m.code}`, schoolId, name: m.name, category: m.category,
          priceKop: m.priceKop, active: true });
      }
    }
    const people = o.pupilsPerSchool + o.staffPerSchool;
    for (let p = 1; p <= people; p++) {
      const pupil = p <= o.pupilsPerSchool;
      const personId = `${schoolId}-p-${pad(p, 5)}`;
      const n = s * 7919 + p;
      const givenName = NAMES[(n * 3 + (n >> 3)) % NAMES.length]!;
      const female = FEMALE.has(givenName);
      const surname = `${SURNAMES[n % SURNAMES.length]}${female ? 'а' : ''}`;
      const patronymic = `${FATHERS[n % FATHERS.length]}${female ? 'на' : 'ич'}`;
      reg.persons.push({ id: personId, schoolId, kind: pupil ? 'pupil' : 'staff', surname, givenName, patronymic,
        displayName: `${surname} ${givenName}`,
        className: pupil ? `${1 + (p % 11)}${LETTERS[p % LETTERS.length]}` : '', photoRef: '' });
      if (pupil && o.parents === true) addParent(reg, personId, s, p, `${SURNAMES[n % SURNAMES.length]}а`, PARENT_NAMES[n % PARENT_NAMES.length]!);
      reg.identifiers.push({ id: `${personId}-c1`, personId, kind: pupil ? 'social_card' : 'fob', uidHex: randomBytes(7).toString('hex'), status: 'active' });
      if (pupil && (o.posPerSchool ?? 0) > 0) reg.accounts.push({ id: `${personId}-acc`, personId, number: String(++accountNo), lowBalanceThresholdKop: 10_000 });
    }
  }
  return reg;
}

/** A parent for the pupil: phone +7 900 SSS PPPP, e-mail parent-<person id>@demo.tapgate.local. */
function addParent(reg: DemoRegistry, personId: string, school: number, pupil: number, surname: string, givenName: string): void {
  const guardianId = `g-${personId}`;
  reg.guardians.push({ id: guardianId, phone: `+7900${pad(school % 1000, 3)}${pad(pupil, 4)}`, surname, givenName,
    email: `parent-${personId}@demo.tapgate.local` });
  reg.guardianships.push({ id: `${guardianId}.${personId}`, guardianId, personId, relation: 'parent' });
  reg.preferences.push({ id: `${guardianId}.${personId}`, guardianId, personId, subscriptions: DEMO_SUBSCRIPTIONS, lowBalanceThresholdKop: 20_000 });
}
