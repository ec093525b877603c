// Drawing the desk: a pass row (photo or placeholder, name, class, time, «вход»/«выход»/«отказ:
// ...»), the headcount panel, and the evacuation roll-call with its print-only list of who is
// still missing. Every name goes in as text (dom.ts h()), never as markup.
import { h, replace } from '../common/dom.js';
import { plural, timeOf } from '../common/format.js';
import { passText } from '../common/words.js';
import type { Pass } from './feed.js';

/** Someone inside the building now. */
export interface Inside {
  readonly id: string; readonly displayName: string; readonly className: string; readonly kind: 'pupil' | 'staff';
}

/** A group of the roll-call: a class, or staff. */
export interface Group { readonly title: string; readonly people: readonly Inside[] }

/** The first letter of a name for the placeholder; «?» when the card matched nobody. */
function initial(name: string): string {
  return name.trim().charAt(0).toUpperCase() || '?';
}

function placeholder(name: string): HTMLElement {
  return h('span', { class: 'desk-photo desk-photo-none', 'aria-hidden': 'true' }, initial(name));
}

/** The photo, or the placeholder when there is none or it does not load (no consent, 404). */
function photoOf(p: Pass): HTMLElement {
  if (!p.photo || p.personId === '') return placeholder(p.displayName);
  const src = `/api/v1/persons/${encodeURIComponent(p.personId)}/photo`;
  const img = h('img', { class: 'desk-photo', src, alt: '', width: 72, height: 90 });
  img.addEventListener('error', () => img.replaceWith(placeholder(p.displayName)), { once: true });
  return img;
}

/** A pass's identity: a device decides each of its seqs once. */
export const passKey = (p: Pass): string => `${p.deviceId}:${p.seq}`;

export function passRow(p: Pass, zone: string): HTMLElement {
  const refused = p.verdict === 2;
  const name = p.displayName !== '' ? p.displayName : p.personId === '' ? 'Неизвестная карта' : 'Без имени';
  const classLine = p.personKind === 'staff' ? 'сотрудник' : p.className !== '' ? `${p.className} класс` : '';
  return h('li', { class: refused ? 'desk-pass desk-pass-refused' : 'desk-pass', 'data-person-id': p.personId,
    'data-key': passKey(p), 'data-decided-at': p.decidedAtMs },
    photoOf(p),
    h('div', { class: 'desk-pass-who' },
      h('span', { class: 'desk-pass-name' }, name),
      classLine === '' ? null : h('span', { class: 'desk-pass-class' }, classLine)),
    h('div', { class: 'desk-pass-what' },
      h('span', { class: 'desk-pass-verdict' }, passText(p.direction, p.verdict, p.reason)),
      h('time', { class: 'desk-pass-time', datetime: new Date(p.decidedAtMs).toISOString() }, timeOf(p.decidedAtMs, zone)),
      h('span', { class: 'desk-pass-device' }, p.deviceName !== '' ? p.deviceName : `турникет ${p.deviceId}`)));
}

/** Classes in the school's order (5А before 10Б), then staff. */
export function groupsOf(inside: Iterable<Inside>): Group[] {
  const byClass = new Map<string, Inside[]>();
  const staff: Inside[] = [];
  for (const p of inside) {
    if (p.kind === 'staff') { staff.push(p); continue; }
    byClass.set(p.className, [...(byClass.get(p.className) ?? []), p]);
  }
  const byName = (a: Inside, b: Inside) => a.displayName.localeCompare(b.displayName, 'ru');
  const groups = [...byClass].sort(([a], [b]) => a.localeCompare(b, 'ru', { numeric: true }))
    .map(([c, people]) => ({ title: c === '' ? 'Без класса' : `${c} класс`, people: people.sort(byName) }));
  if (staff.length > 0) groups.push({ title: 'Сотрудники', people: staff.sort(byName) });
  return groups;
}

export function headcountPanel(el: HTMLElement, groups: readonly Group[]): void {
  const pupils = groups.filter((g) => g.title !== 'Сотрудники').reduce((n, g) => n + g.people.length, 0);
  const staff = groups.find((g) => g.title === 'Сотрудники')?.people.length ?? 0;
  replace(el, h('h2', null, 'Сейчас в здании'),
    h('p', { class: 'desk-total' },
      h('span', { class: 'desk-total-pupils' }, h('strong', null, pupils), ` ${plural(pupils, ['ученик', 'ученика', 'учеников'])}`),
      h('span', { class: 'desk-total-staff' }, h('strong', null, staff), ` ${plural(staff, ['сотрудник', 'сотрудника', 'сотрудников'])}`)),
    h('table', { class: 'desk-classes' },
      h('caption', { class: 'sr-only' }, 'По классам'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Класс'), h('th', { scope: 'col', class: 'num' }, 'В здании'))),
      h('tbody', null, ...groups.map((g) => h('tr', null,
        h('th', { scope: 'row' }, g.title), h('td', { class: 'num' }, g.people.length))))));
}

export interface RollCall {
  readonly groups: readonly Group[];
  /** Ids marked «на месте». */
  readonly marked: { has(id: string): boolean; readonly size: number };
  toggle(id: string, on: boolean): void;
  /** Clears every mark, once the guard confirms. */
  clear(): void;
}

/** The roll-call: each group's people with a «на месте» checkbox, the missing count and «Печать». */
export function rollCallPanel(el: HTMLElement, printEl: HTMLElement, rc: RollCall, when: string): void {
  const focused = document.activeElement instanceof HTMLInputElement ? document.activeElement.id : '';
  const total = rc.groups.reduce((n, g) => n + g.people.length, 0);
  const missing = rc.groups.map((g) => ({ title: g.title, people: g.people.filter((p) => !rc.marked.has(p.id)) }));
  const missingCount = missing.reduce((n, g) => n + g.people.length, 0);
  replace(el,
    h('div', { class: 'desk-rollcall-head' },
      h('h2', null, 'Перекличка при эвакуации'),
      h('p', { class: 'desk-missing', role: 'status' }, `Не отмечены: ${missingCount} из ${total}`),
      h('button', { type: 'button', onclick: () => window.print() }, 'Печать'),
      h('button', { type: 'button', class: 'secondary', disabled: rc.marked.size === 0,
        onclick: () => { if (window.confirm('Снять все отметки «на месте» и начать перекличку заново?')) rc.clear(); } }, 'Снять отметки')),
    total === 0 ? h('p', { class: 'lead' }, 'В здании никого нет.') : null,
    ...rc.groups.map((g) => h('fieldset', { class: 'desk-group' },
      h('legend', null, `${g.title} (${g.people.length})`),
      h('ul', { class: 'desk-people' }, ...g.people.map((p) => {
        const box = h('input', { type: 'checkbox', id: `rc-${p.id}`, checked: rc.marked.has(p.id),
          onchange: (ev: Event) => rc.toggle(p.id, (ev.target as HTMLInputElement).checked) });
        return h('li', { class: rc.marked.has(p.id) ? 'desk-person desk-person-here' : 'desk-person' },
          box, h('label', { for: box.id },
            h('span', { class: 'desk-person-name' }, p.displayName || 'Без имени'), h('span', { class: 'desk-here' }, ' — на месте')));
      })))));
  if (focused !== '') document.getElementById(focused)?.focus();
  replace(printEl, h('h2', null, `Не отмечены на перекличке: ${missingCount}`), h('p', null, when),
    ...missing.filter((g) => g.people.length > 0).map((g) => h('section', null, h('h3', null, g.title),
      h('ol', null, ...g.people.map((p) => h('li', null, p.displayName || 'Без имени'))))));
}
