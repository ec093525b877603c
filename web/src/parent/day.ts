// A child's day: entries and exits, canteen purchases with their items, and the balance, for a
// date of the school's calendar (today by default; the date picker goes back in history). Only
// what the guardian was granted is asked for and shown: a trusted person with passes only sees
// no purchases and no balance, not even an empty heading for them.
import { api } from '../common/api.js';
import { field, h, notice, replace } from '../common/dom.js';
import { isoDateOf, longDate, money, timeOf } from '../common/format.js';
import { MEAL_KINDS, passText, reasonText } from '../common/words.js';
import { catalogueOf, may, showFailure, type Catalogue, type Child } from './state.js';

interface Pass { readonly decidedAtMs: number; readonly direction: number; readonly verdict: number; readonly reason: number }
interface Item { readonly productId: string; readonly category: string; readonly priceKop: number; readonly quantity: number }
interface Purchase {
  readonly decidedAtMs: number; readonly mealKind: number; readonly verdict: number; readonly reason: number;
  readonly amountKop: number; readonly balanceAfterKop: number; readonly subsidised: boolean; readonly items: readonly Item[];
}
interface Account { readonly balanceKop: number; readonly dailyLimitKop: number | null }
/** The verdict a refused pass or purchase has (proto Verdict.VERDICT_DENY). */
const VERDICT_DENY = 2;
/** How far back the date picker goes, in days (the history keeps 92-day ranges; a year is plenty). */
const HISTORY_DAYS_BACK_MAX = 366;

export function renderDay(root: HTMLElement, child: Child): void {
  const today = isoDateOf(Date.now(), child.timeZone);
  const earliest = isoDateOf(Date.now() - HISTORY_DAYS_BACK_MAX * 86_400_000, child.timeZone);
  const picker = h('input', { type: 'date', name: 'day', value: today, max: today, min: earliest });
  const body = h('div', { class: 'day-body', 'aria-live': 'polite' });
  picker.addEventListener('change', () => { if (picker.value !== '') void load(body, child, picker.value, today); });
  replace(root, h('div', { class: 'day-head' }, field('Дата', picker, `Время — по часовому поясу школы (${child.timeZone})`)), body);
  void load(body, child, today, today);
}

async function load(body: HTMLElement, child: Child, day: string, today: string): Promise<void> {
  replace(body, h('p', { class: 'loading', role: 'status' }, 'Загрузка…'));
  const id = encodeURIComponent(child.personId);
  const range = `?from=${day}&to=${day}`;
  const sections: HTMLElement[] = [h('h2', null, day === today ? `Сегодня, ${longDate(day)}` : longDate(day))];
  if (may(child, 'balance')) sections.push(balanceCard(id));
  if (may(child, 'passes')) sections.push(section('Вход и выход', api<{ items: Pass[] }>('GET', `/persons/${id}/passes${range}`),
    (r) => passList(r.items, child)));
  if (may(child, 'purchases')) {
    const cat = catalogueOf(child.schoolId).catch(() => null);
    sections.push(section('Питание и покупки', api<{ items: Purchase[] }>('GET', `/persons/${id}/purchases${range}`),
      async (r) => purchaseList(r.items, child, await cat)));
  }
  if (sections.length === 1) sections.push(notice('info', 'Вам не открыты проходы, покупки и баланс этого ребёнка.'));
  replace(body, ...sections);
}

function balanceCard(id: string): HTMLElement {
  return section('Баланс', api<Account>('GET', `/persons/${id}/account`), (a) => h('p', { class: 'balance' },
    h('span', { class: 'balance-sum' }, money(a.balanceKop)),
    a.dailyLimitKop === null ? null : h('span', { class: 'hint' }, ` · лимит в день ${money(a.dailyLimitKop)}`)));
}

/** A titled card whose content arrives later; a failure shows in the card, not over the page. */
function section<T>(title: string, data: Promise<T>, draw: (v: T) => Node | Promise<Node>): HTMLElement {
  const content = h('div', null, h('p', { class: 'loading', role: 'status' }, 'Загрузка…'));
  const el = h('section', { class: 'card day-card' }, h('h3', null, title), content);
  data.then(async (v) => replace(content, await draw(v))).catch((err: unknown) => showFailure(content, err, 'Не удалось загрузить.'));
  return el;
}

function passList(items: readonly Pass[], child: Child): Node {
  if (items.length === 0) return h('p', { class: 'lead' }, 'Проходов не было.');
  return h('ul', { class: 'events' }, ...items.map((p) => h('li', { class: p.verdict === VERDICT_DENY ? 'denied' : '' },
    h('time', null, timeOf(p.decidedAtMs, child.timeZone)), ' ',
    h('span', { class: 'what' }, passText(p.direction, p.verdict, p.reason)))));
}

/** «Компот × 2 — 90,00 ₽»: the product's name (its category's when the product is gone), count and sum. */
function itemText(i: Item, cat: Catalogue | null): string {
  const name = cat?.products.get(i.productId) ?? cat?.categories.get(i.category) ?? 'товар';
  return `${name}${i.quantity > 1 ? ` × ${i.quantity}` : ''} — ${money(i.priceKop * i.quantity)}`;
}

function purchaseList(items: readonly Purchase[], child: Child, cat: Catalogue | null): Node {
  if (items.length === 0) return h('p', { class: 'lead' }, 'Покупок не было.');
  return h('ul', { class: 'events' }, ...items.map((p) => {
    const refused = p.verdict === VERDICT_DENY;
    const what = refused ? `отказ: ${reasonText(p.reason)}` : p.subsidised ? 'льготное питание' : MEAL_KINDS[p.mealKind] ?? 'покупка';
    return h('li', { class: refused ? 'denied' : '' },
      h('time', null, timeOf(p.decidedAtMs, child.timeZone)), ' ', h('span', { class: 'what' }, what),
      refused ? null : h('span', { class: 'num' }, ` ${money(p.amountKop)}`),
      p.items.length === 0 ? null : h('ul', { class: 'items' }, ...p.items.map((i) => h('li', null, itemText(i, cat)))),
      refused ? null : h('small', { class: 'hint' }, ` остаток ${money(p.balanceAfterKop)}`));
  }));
}
