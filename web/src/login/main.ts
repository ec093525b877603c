// The sign-in page (/): parents and trusted persons by phone and a one-time SMS code; staff
// (office, guards, caterers, the city's administrator) with the API token the city gave them.
// After sign-in the person goes where they came from, or to their role's page.
import { api, ApiFailure, homeOf, loadSession, useSession, type Session } from '../common/api.js';
import { byId, field, h, notice, replace } from '../common/dom.js';

const main = byId('main');

/** Where to go after sign-in: the page asked for, if it is one of ours. */
function next(role: string): string {
  const n = new URLSearchParams(location.search).get('next');
  return n !== null && /^\/(desk|parent|office)(\?[^#]*)?$/.test(n) ? n : homeOf(role);
}

function done(s: Session): void {
  useSession(s);
  location.assign(next(s.role));
}

function failureText(err: unknown): string {
  if (!(err instanceof ApiFailure)) return 'Не удалось войти.';
  if (err.code === 'API_TOO_MANY_ATTEMPTS') {
    const s = Number(err.details['retryAfterS'] ?? 0);
    return s > 0 ? `Слишком много попыток. Повторите через ${Math.ceil(s / 60)} мин.` : err.text;
  }
  return err.text;
}

/**
 * The number as the API wants it (E.164), from what people type: spaces, brackets and dashes
 * dropped, a Russian 8 or a bare ten digits read as +7. Null when it is no phone number.
 */
function phoneOf(typed: string): string | null {
  const s = typed.replace(/[\s().-]/g, '');
  const e164 = /^8\d{10}$/.test(s) ? `+7${s.slice(1)}` : /^7\d{10}$/.test(s) ? `+${s}` : /^9\d{9}$/.test(s) ? `+7${s}` : s;
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : null;
}

/**
 * Parents and trusted persons: first the phone, then the code from the SMS. The code field is
 * required only once it is shown (a hidden required field would block the first step), and the
 * number is kept read-only while its code is awaited; «Другой номер» starts over.
 */
function smsForm(): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const phone = h('input', { type: 'tel', name: 'phone', autocomplete: 'tel', inputmode: 'tel', required: true, placeholder: '+7 916 123-45-67' });
  const code = h('input', { type: 'text', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6,
    class: 'code-input' });
  const send = h('button', { type: 'submit', name: 'send' }, 'Получить код');
  const again = h('button', { type: 'button', class: 'link-button' }, 'Другой номер');
  const codeStep = h('div', { class: 'code-step', hidden: true }, field('Код из SMS', code, '6 цифр; код действует 5 минут'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', name: 'verify' }, 'Войти'), again));
  let sentTo: string | null = null;
  const step = (to: string | null) => {
    sentTo = to;
    codeStep.hidden = to === null;
    send.hidden = to !== null;
    phone.readOnly = to !== null;
    code.required = to !== null;
    code.value = '';
  };
  again.addEventListener('click', () => { step(null); replace(status); phone.focus(); });
  const form = h('form', { class: 'card login-card', 'aria-labelledby': 'sms-title' },
    h('h2', { id: 'sms-title' }, 'Родителям и доверенным лицам'),
    field('Номер телефона', phone, 'Тот, что вы указали в заявлении в школе'),
    send, codeStep, status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      try {
        if (sentTo === null) {
          const number = phoneOf(phone.value);
          if (number === null) { replace(status, notice('error', 'Введите номер мобильного телефона, например +7 916 123-45-67.')); return; }
          const sent = await api<{ expiresInS: number }>('POST', '/login/sms', { phone: number }, { noRedirect: true });
          step(number);
          replace(status, notice('info', 'Если этот номер зарегистрирован в школе, на него придёт SMS с кодом.'));
          byId(`${code.id}-hint`).textContent = `6 цифр; код действует ${Math.max(1, Math.round(sent.expiresInS / 60))} мин.`;
          code.focus();
        } else {
          done(await api<Session>('POST', '/login/sms/verify', { phone: sentTo, code: code.value.trim() }, { noRedirect: true }));
        }
      } catch (err) {
        replace(status, notice('error', failureText(err)));
      }
    })();
  });
  return form;
}

function tokenForm(): HTMLElement {
  const status = h('div', { 'aria-live': 'polite' });
  const token = h('input', { type: 'password', name: 'token', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { class: 'card login-card', 'aria-labelledby': 'staff-title' },
    h('h2', { id: 'staff-title' }, 'Сотрудникам'),
    field('Ключ доступа', token, 'Выдаётся администратором: начинается с tg_'),
    h('button', { type: 'submit' }, 'Войти'), status);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void (async () => {
      try { done(await api<Session>('POST', '/session', { token: token.value.trim() }, { noRedirect: true })); }
      catch (err) { replace(status, notice('error', failureText(err))); }
    })();
  });
  return form;
}

const existing = await loadSession().catch(() => null);
replace(main,
  h('p', { class: 'lead' }, 'Проход и питание: посещение, покупки и баланс ребёнка, пост охраны и канцелярия школы.'),
  existing === null ? null : notice('info', 'Вы уже вошли.'),
  existing === null ? null : h('p', null, h('a', { href: next(existing.role) }, 'Продолжить')),
  h('div', { class: 'columns' }, smsForm(), tokenForm()));
