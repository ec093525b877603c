// What the office's sections share: the school being worked on, its devices (their names stand
// in for ids everywhere), small builders for forms and tables, and a status line per section.
import { api, ApiFailure } from '../common/api.js';
import { h, notice, replace, type Child } from '../common/dom.js';

export interface School { readonly id: string; readonly name: string; readonly timeZone: string }
export interface Device {
  readonly id: string; readonly schoolId: string; readonly kind: string; readonly enabled: boolean;
  readonly allowedPersonKinds: readonly string[]; readonly name: string; readonly place: string;
}
export interface Person {
  readonly id: string; readonly schoolId: string; readonly kind: string; readonly surname: string; readonly givenName: string;
  readonly patronymic: string; readonly birthDate: string; readonly className: string; readonly displayName: string;
  readonly accountId: string | null; readonly photoConsent?: boolean; readonly hasPhoto?: boolean;
}

/** The office's state: the school, the signed-in role, the school's devices by id. */
export interface Office {
  readonly school: School;
  readonly role: string;
  readonly devices: Map<string, Device>;
  /** Whether this role manages the registry (persons, cards, devices) rather than only the canteen. */
  readonly registrar: boolean;
}

/** A device as people call it: «Турникет 1 (главный вход)»; the kind when it has no name. */
export function deviceLabel(office: Office, id: string): string {
  const d = office.devices.get(id);
  if (d === undefined) return 'устройство удалено';
  const name = d.name !== '' ? d.name : d.kind === 'pos' ? 'касса столовой' : 'турникет';
  return d.place === '' ? name : `${name} (${d.place})`;
}

/** Reads the school's devices into the office (all pages of them). */
export async function loadDevices(office: Office): Promise<void> {
  office.devices.clear();
  let after = '';
  for (;;) {
    const r = await api<{ items: Device[]; next: string | null }>('GET', `/schools/${office.school.id}/devices${after === '' ? '' : `?after=${after}`}`);
    for (const d of r.items) office.devices.set(d.id, d);
    if (r.next === null) return;
    after = encodeURIComponent(r.next);
  }
}

/** A status line of a section: shows the outcome of the last action (errors as role=alert). */
export function statusLine(): { el: HTMLElement; ok(text: string): void; fail(err: unknown): void; clear(): void } {
  const el = h('div', { class: 'office-status', 'aria-live': 'polite' });
  return {
    el,
    ok: (text) => replace(el, notice('ok', text)),
    fail: (err) => replace(el, notice('error', failureText(err))),
    clear: () => replace(el),
  };
}

/** An API failure in Russian, with the reason of a refused merge spelled out. */
export function failureText(err: unknown): string {
  if (!(err instanceof ApiFailure)) return 'Что-то пошло не так. Повторите.';
  if (err.status === 404 && err.code === 'HTTP_404') return 'Эта функция пока недоступна на сервере.';
  if (err.code === 'API_MERGE_REFUSED') return MERGE_REFUSALS[String(err.details['reason'])] ?? 'Объединение невозможно.';
  if (err.code === 'API_ALREADY_REGISTERED') return 'Такой человек уже зарегистрирован (совпадают ФИО и дата рождения).';
  return err.text;
}

const MERGE_REFUSALS: Readonly<Record<string, string>> = {
  same_person: 'Нельзя объединить запись саму с собой.',
  other_school: 'Записи из разных школ объединить нельзя.',
  other_kind: 'Нельзя объединить ученика с сотрудником.',
  account_has_money: 'Объединение отклонено: на счёте дубликата есть деньги. Сначала верните или переведите их, затем повторите.',
  account_has_history: 'Объединение отклонено: по счёту дубликата были операции. Обратитесь к администратору города.',
};

/** A text input with a label. */
export function input(attrs: Record<string, string | number | boolean>): HTMLInputElement {
  return h('input', { type: 'text', ...attrs });
}

/** A select of value → words. */
export function select(options: Readonly<Record<string, string>>, value = ''): HTMLSelectElement {
  const s = h('select', null, ...Object.entries(options).map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
  return s;
}

/** A table with a header row; each row is a list of cells (text or nodes). */
export function table(caption: string, head: readonly string[], rows: ReadonlyArray<readonly Child[]>, cls = ''): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: cls },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', null, h('tr', null, ...head.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, ...rows.map((cells) => h('tr', null, ...cells.map((c) => h('td', null, c)))))));
}

/** Runs an action from a button: the button is disabled while it runs; failures go to the status line. */
export async function act(button: HTMLButtonElement | null, status: ReturnType<typeof statusLine>, fn: () => Promise<void>): Promise<void> {
  if (button !== null) button.disabled = true;
  try { await fn(); } catch (err) { status.fail(err); } finally { if (button !== null) button.disabled = false; }
}

/** Today's date in the school's zone, YYYY-MM-DD. */
export function todayIn(zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
}
