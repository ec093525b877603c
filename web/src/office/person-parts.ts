// One person's cards (issue, block, duplicate, a temporary card with an expiry), parents (find by
// phone, register, link) and subsidised-meal benefits (grant, withdraw), in the person's panel.
import { api, ApiFailure } from '../common/api.js';
import { field, h, replace } from '../common/dom.js';
import { longDate, money, timeOf } from '../common/format.js';
import { IDENTIFIER_KINDS, IDENTIFIER_STATUS, passText, reasonText, SCOPES } from '../common/words.js';
import { act, deviceLabel, input, select, statusLine, table, todayIn, type Office, type Person } from './shared.js';

interface Identifier { readonly id: string; readonly kind: string; readonly status: string; readonly expiresAtMs: number | null; readonly uidSuffix: string }
interface Link { readonly id: string; readonly guardianId: string; readonly relation: string; readonly scopes: readonly string[] }
interface Guardian { readonly id: string; readonly phone: string; readonly surname: string; readonly givenName: string }
interface Benefit { readonly id: string; readonly mealPeriods: readonly string[]; readonly validFrom: string; readonly validTo: string }

const MEALS: Readonly<Record<string, string>> = { breakfast: 'завтрак', lunch: 'обед', afternoon: 'полдник' };
/** A temporary card lives this many days unless told otherwise. */
const TEMPORARY_DAYS_DEFAULT = 7;

export function cardsPart(office: Office, p: Person): HTMLElement {
  const status = statusLine();
  const list = h('div');
  const kind = select(IDENTIFIER_KINDS, 'social_card');
  const uid = input({ maxlength: 20, autocomplete: 'off', pattern: '[0-9A-Fa-f]{8,20}', required: true });
  const until = input({ type: 'date' });
  const untilField = field('Действует до', until, 'только для временной карты');
  const sync = () => { untilField.hidden = kind.value !== 'temporary'; until.required = kind.value === 'temporary'; };
  kind.addEventListener('change', sync);
  sync();
  const body = () => ({ kind: kind.value, uidHex: uid.value.trim(),
    ...(kind.value === 'temporary' && until.value !== '' ? { expiresAt: new Date(`${until.value}T23:59:00`).toISOString() } : {}) });
  const refresh = async () => {
    const items = (await api<{ items: Identifier[] }>('GET', `/persons/${p.id}/identifiers`)).items;
    replace(list, items.length === 0 ? h('p', null, 'Карт нет.') : table('Карты', ['Карта', 'Номер', 'Состояние', ''], items.map((i) => [
      IDENTIFIER_KINDS[i.kind] ?? i.kind, `…${i.uidSuffix.toUpperCase()}`,
      i.status !== 'active' || i.expiresAtMs === null ? IDENTIFIER_STATUS[i.status] ?? i.status
        : `${IDENTIFIER_STATUS['active']} до ${new Date(i.expiresAtMs).toLocaleDateString('ru-RU')}`,
      i.status === 'blocked' || !office.registrar ? '' : h('span', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: (ev) => void act(ev.currentTarget as HTMLButtonElement, status, async () => {
          await api('POST', `/identifiers/${i.id}/block`);
          await refresh();
          status.ok('Карта заблокирована: турникеты и кассы перестанут её принимать в течение секунды.');
        }) }, 'Заблокировать'),
        h('button', { type: 'button', class: 'secondary', onclick: (ev) => void act(ev.currentTarget as HTMLButtonElement, status, async () => {
          if (uid.value.trim() === '') { status.ok('Введите номер новой карты в поле ниже, затем нажмите «Дубликат».'); uid.focus(); return; }
          await api('POST', `/identifiers/${i.id}/duplicate`, body());
          uid.value = '';
          await refresh();
          status.ok('Выдан дубликат, старая карта заблокирована. Баланс сохранён.');
        }) }, 'Дубликат')),
    ]), 'cards'));
  };
  void act(null, status, refresh);
  const issue = h('button', { type: 'submit' }, 'Выдать карту');
  const form = h('form', { onsubmit: (ev) => {
    ev.preventDefault();
    void act(issue, status, async () => {
      await api('POST', `/persons/${p.id}/identifiers`, body());
      uid.value = '';
      await refresh();
      status.ok('Карта выдана.');
    });
  } }, h('div', { class: 'row' }, field('Вид', kind), field('Номер карты (UID)', uid, 'шестнадцатеричный, с обратной стороны или со считывателя'), untilField), issue);
  if (until.value === '') until.value = new Date(Date.now() + TEMPORARY_DAYS_DEFAULT * 86_400_000).toISOString().slice(0, 10);
  return h('div', { class: 'part' }, h('h3', null, 'Карты'), list, office.registrar ? form : null, status.el);
}

export function guardiansPart(p: Person): HTMLElement {
  const status = statusLine();
  const list = h('div');
  const phone = input({ type: 'tel', autocomplete: 'off', placeholder: '+79161234567', pattern: '\\+[1-9][0-9]{7,14}', required: true });
  const surname = input({ maxlength: 64, autocomplete: 'off' });
  const refresh = async () => {
    const links = (await api<{ items: Link[] }>('GET', `/persons/${p.id}/guardians`)).items;
    const rows = await Promise.all(links.map(async (l) => {
      const g = await api<Guardian>('GET', `/guardians/${l.guardianId}`).catch(() => null);
      return [g === null ? '—' : `${g.surname} ${g.givenName}`.trim(), g?.phone ?? '', l.relation === 'parent' ? 'родитель' : 'доверенное лицо',
        l.scopes.map((s) => SCOPES[s] ?? s).join(', ')];
    }));
    replace(list, rows.length === 0 ? h('p', null, 'Родители не привязаны.') : table('Родители', ['Кто', 'Телефон', 'Связь', 'Доступ'], rows));
  };
  void act(null, status, refresh);
  const go = h('button', { type: 'submit' }, 'Привязать родителя');
  const form = h('form', { onsubmit: (ev) => {
    ev.preventDefault();
    void act(go, status, async () => {
      let id: string;
      try {
        id = (await api<Guardian>('GET', `/guardians?phone=${encodeURIComponent(phone.value.trim())}`)).id;
      } catch (err) {
        if (!(err instanceof ApiFailure && err.code === 'API_NOT_FOUND')) throw err;
        if (surname.value.trim() === '') { status.ok('Родитель с этим телефоном не найден: укажите фамилию, чтобы зарегистрировать его.'); surname.focus(); return; }
        id = await registerGuardian(phone.value.trim(), surname.value.trim());
      }
      await api('POST', `/persons/${p.id}/guardians`, { guardianId: id });
      status.ok('Родитель привязан по заявлению.');
      phone.value = '';
      surname.value = '';
      await refresh();
    });
  } }, h('div', { class: 'row' }, field('Телефон родителя', phone), field('Фамилия родителя', surname, 'нужна, если родитель ещё не зарегистрирован')), go);
  return h('div', { class: 'part' }, h('h3', null, 'Родители'), list, form, status.el);
}

/** Registers a guardian; a phone already registered with the same surname gives its id. */
async function registerGuardian(phone: string, surname: string): Promise<string> {
  try {
    return (await api<Guardian>('POST', '/guardians', { phone, surname })).id;
  } catch (err) {
    const existing = err instanceof ApiFailure ? err.details['existingId'] : undefined;
    if (typeof existing === 'string') return existing;
    throw err;
  }
}

export function benefitsPart(p: Person): HTMLElement {
  const status = statusLine();
  const list = h('div');
  const meals = Object.entries(MEALS).map(([v, text]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: v }), ` ${text}`));
  const from = input({ type: 'date', required: true });
  const to = input({ type: 'date', required: true });
  const refresh = async () => {
    const items = (await api<{ items: Benefit[] }>('GET', `/persons/${p.id}/benefits`)).items;
    replace(list, items.length === 0 ? h('p', null, 'Льгот нет.') : table('Льготы', ['Питание', 'С', 'По', ''], items.map((b) => [
      b.mealPeriods.map((m) => MEALS[m] ?? m).join(', '), longDate(b.validFrom), longDate(b.validTo),
      h('button', { type: 'button', class: 'secondary', onclick: (ev) => void act(ev.currentTarget as HTMLButtonElement, status, async () => {
        await api('DELETE', `/benefits/${b.id}`);
        await refresh();
        status.ok('Льгота отменена.');
      }) }, 'Отменить')])));
  };
  void act(null, status, refresh);
  const go = h('button', { type: 'submit' }, 'Назначить льготу');
  const form = h('form', { onsubmit: (ev) => {
    ev.preventDefault();
    void act(go, status, async () => {
      const mealPeriods = meals.map((l) => l.querySelector('input')!).filter((i) => i.checked).map((i) => i.value);
      if (mealPeriods.length === 0) { status.ok('Отметьте хотя бы один приём пищи.'); return; }
      await api('POST', `/persons/${p.id}/benefits`, { mealPeriods, validFrom: from.value, validTo: to.value });
      await refresh();
      status.ok('Льгота назначена.');
    });
  } }, h('fieldset', null, h('legend', null, 'Приёмы пищи'), ...meals), h('div', { class: 'row' }, field('С', from), field('По', to)), go);
  return h('div', { class: 'part' }, h('h3', null, 'Льготное питание'), list, form, status.el);
}

interface PassRow { readonly decidedAtMs: number; readonly deviceId: string; readonly direction: number; readonly verdict: number; readonly reason: number }
interface PurchaseRow { readonly decidedAtMs: number; readonly deviceId: string; readonly verdict: number; readonly reason: number; readonly amountKop: number; readonly subsidised: boolean }

/** A day of the person's passes and purchases in words, with the devices by name. */
export function historyPart(office: Office, p: Person): HTMLElement {
  const status = statusLine();
  const day = input({ type: 'date', value: todayIn(office.school.timeZone), required: true });
  const list = h('div');
  const zone = office.school.timeZone;
  const refresh = async () => {
    const range = `?from=${day.value}&to=${day.value}`;
    const [passes, purchases] = await Promise.all([
      api<{ items: PassRow[] }>('GET', `/persons/${p.id}/passes${range}`),
      api<{ items: PurchaseRow[] }>('GET', `/persons/${p.id}/purchases${range}`)]);
    const rows = [
      ...passes.items.map((x) => [x.decidedAtMs, passText(x.direction, x.verdict, x.reason), deviceLabel(office, x.deviceId)] as const),
      ...purchases.items.map((x) => [x.decidedAtMs, x.verdict === 1 ? `покупка, ${x.subsidised ? 'льгота' : money(x.amountKop)}`
        : `отказ в покупке: ${reasonText(x.reason)}`, deviceLabel(office, x.deviceId)] as const),
    ].sort((a, b) => a[0] - b[0]);
    replace(list, rows.length === 0 ? h('p', null, 'За этот день событий нет.')
      : table('События дня', ['Время', 'Что', 'Где'], rows.map(([ms, what, where]) => [timeOf(ms, zone), what, where]), 'history'));
  };
  const go = h('button', { type: 'submit', class: 'secondary' }, 'Показать');
  const form = h('form', { onsubmit: (ev) => { ev.preventDefault(); void act(go, status, refresh); } }, h('div', { class: 'row' }, field('День', day)), go);
  return h('div', { class: 'part' }, h('h3', null, 'Проходы и покупки'), form, list, status.el);
}
