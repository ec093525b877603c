// Trusted persons: a parent invites a grandmother or a nanny by phone and surname with the parts
// of the child's data they may see (POST /me/invitations), sees whom they invited and what became
// of it, and revokes (the access goes at once). The invitee, signed in with their own phone, sees
// who invites them and for which child, and accepts.
import { api } from '../common/api.js';
import { field, h, notice, replace } from '../common/dom.js';
import { dateOf } from '../common/format.js';
import { SCOPES } from '../common/words.js';
import { busy, failureText, isParent, type Child } from './state.js';
import { INVITATION_STATUS, word } from './words.js';

interface Invitation {
  readonly id: string; readonly personId: string; readonly scopes: readonly string[]; readonly status: string; readonly expiresAtMs: number;
}
interface Sent extends Invitation { readonly phone: string; readonly surname: string; readonly childName: string }
interface Received extends Invitation { readonly inviterName: string; readonly childName: string }
export interface Invitations { readonly sent: readonly Sent[]; readonly received: readonly Received[] }

const PHONE = /^\+7\d{10}$/;
const scopeList = (scopes: readonly string[]) => scopes.map((s) => SCOPES[s] ?? '—').join(', ');

/** "8 916 123-45-67", "+7 (916) 1234567" → "+79161234567", or null. */
export function phoneOf(text: string): string | null {
  const digits = text.replace(/[\s()-]/g, '');
  const e164 = /^8\d{10}$/.test(digits) ? `+7${digits.slice(1)}` : digits;
  return PHONE.test(e164) ? e164 : null;
}

export async function renderTrusted(root: HTMLElement, child: Child): Promise<void> {
  if (!isParent(child)) {
    replace(root, notice('info', 'Приглашать доверенных лиц может только родитель.'));
    return;
  }
  const list = h('div', null);
  const status = h('div', { 'aria-live': 'polite' });
  replace(root, inviteForm(child, status, () => refresh()), status, h('section', { class: 'card' }, h('h2', null, 'Приглашённые'), list));
  async function refresh(): Promise<void> {
    const inv = await api<Invitations>('GET', '/me/invitations');
    const mine = inv.sent.filter((i) => i.personId === child.personId && i.status !== 'revoked');
    replace(list, mine.length === 0 ? h('p', { class: 'lead' }, 'Вы ещё никого не пригласили.')
      : h('ul', { class: 'rows' }, ...mine.map((i) => sentRow(i, child.timeZone, status, refresh))));
  }
  await refresh();
}

function inviteForm(child: Child, status: HTMLElement, refresh: () => Promise<void>): HTMLElement {
  const phone = h('input', { type: 'tel', name: 'phone', autocomplete: 'off', placeholder: '+7 916 123-45-67' });
  const surname = h('input', { type: 'text', name: 'surname', autocomplete: 'off', maxlength: 64 });
  const boxes = Object.entries(SCOPES).map(([code, text]) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'scope', value: code, checked: code === 'passes' }), ` ${text}`));
  const send = h('button', { type: 'submit' }, 'Пригласить');
  const form = h('form', { class: 'card', novalidate: true }, h('h2', null, 'Пригласить доверенное лицо'),
    h('p', { class: 'lead' }, `Для ребёнка: ${child.displayName}. Приглашённый войдёт по своему телефону и примет приглашение.`),
    field('Телефон', phone), field('Фамилия', surname, 'Как в паспорте: приглашение примет только человек с этой фамилией'),
    h('fieldset', null, h('legend', null, 'Что ему будет видно'), h('div', { class: 'checks' }, ...boxes)), send);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void busy(send, async () => {
      const p = phoneOf(phone.value);
      const scopes = [...form.querySelectorAll<HTMLInputElement>('input[name="scope"]:checked')].map((i) => i.value);
      if (p === null) { replace(status, notice('error', 'Телефон: введите мобильный номер, например +7 916 123-45-67.')); return; }
      if (surname.value.trim() === '') { replace(status, notice('error', 'Введите фамилию.')); return; }
      if (scopes.length === 0) { replace(status, notice('error', 'Отметьте хотя бы одно: что будет видно.')); return; }
      try {
        await api('POST', '/me/invitations', { personId: child.personId, phone: p, surname: surname.value.trim(), scopes });
        phone.value = '';
        surname.value = '';
        replace(status, notice('ok', 'Приглашение отправлено. Оно действует 7 дней.'));
        await refresh();
      } catch (err) {
        replace(status, notice('error', failureText(err, 'Не удалось пригласить.')));
      }
    });
  });
  return form;
}

function sentRow(i: Sent, zone: string, status: HTMLElement, refresh: () => Promise<void>): HTMLElement {
  const revoke = h('button', { type: 'button', class: 'secondary' }, i.status === 'accepted' ? 'Закрыть доступ' : 'Отозвать');
  revoke.addEventListener('click', () => void busy(revoke, async () => {
    try {
      await api('POST', `/invitations/${encodeURIComponent(i.id)}/revoke`);
      replace(status, notice('ok', `Доступ для «${i.surname}» закрыт.`));
      await refresh();
    } catch (err) {
      replace(status, notice('error', failureText(err, 'Не удалось отозвать.')));
    }
  }));
  const until = i.status === 'pending' ? ` до ${dateOf(i.expiresAtMs, zone)}` : '';
  return h('li', { class: 'card-row' }, h('span', { class: 'what' }, `${i.surname}, ${i.phone}`), ' ',
    h('span', { class: 'hint' }, `${word(INVITATION_STATUS, i.status)}${until} · ${scopeList(i.scopes)}`), revoke);
}

/** Invitations addressed to this guardian, each with «Принять»; `accepted` reloads the page's children. */
export function receivedInvitations(items: readonly Received[], accepted: () => void): HTMLElement | null {
  if (items.length === 0) return null;
  const status = h('div', { 'aria-live': 'polite' });
  return h('section', { class: 'card invitations' }, h('h2', null, 'Вас пригласили'),
    h('ul', { class: 'rows' }, ...items.map((i) => {
      const accept = h('button', { type: 'button' }, 'Принять');
      accept.addEventListener('click', () => void busy(accept, async () => {
        try {
          await api('POST', `/invitations/${encodeURIComponent(i.id)}/accept`);
          accepted();
        } catch (err) {
          replace(status, notice('error', failureText(err, 'Не удалось принять приглашение.')));
        }
      }));
      const who = `${i.inviterName || 'Родитель'} приглашает вас: ${i.childName}`;
      return h('li', { class: 'card-row' }, h('span', { class: 'what' }, who), ' ',
        h('span', { class: 'hint' }, `будет видно: ${scopeList(i.scopes)}`), accept);
    })), status);
}
