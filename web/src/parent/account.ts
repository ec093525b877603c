// The account: its balance and the last month of top-ups and refunds (GET /accounts/:id/history),
// and for a parent the settings the canteen's readers apply at once: the daily spending limit,
// banned categories chosen from the school's own category list, and the low-balance threshold
// (PATCH /accounts/:id). A trusted person with the balance grant sees the account, not the settings.
import { api } from '../common/api.js';
import { field, h, notice, replace } from '../common/dom.js';
import { dateOf, isoDateOf, kopOf, money, timeOf } from '../common/format.js';
import { busy, catalogueOf, failureText, isParent, may, showFailure, type Child } from './state.js';
import { MONEY_KINDS, word } from './words.js';

export interface AccountView {
  readonly id: string; readonly number: string; readonly balanceKop: number; readonly dailyLimitKop: number | null;
  readonly bannedCategories: readonly string[]; readonly lowBalanceThresholdKop: number | null;
}
interface MoneyRow { readonly atMs: number; readonly kind: string; readonly amountKop: number; readonly balanceAfterKop: number }
/** The account history shown: the last 31 days of the school's calendar. */
const HISTORY_DAYS = 31;

export async function renderAccount(root: HTMLElement, child: Child): Promise<void> {
  if (!may(child, 'balance') || child.accountId === null) {
    replace(root, notice('info', 'Вам не открыт счёт этого ребёнка.'));
    return;
  }
  const a = await api<AccountView>('GET', `/accounts/${encodeURIComponent(child.accountId)}`);
  const history = h('div', null, h('p', { class: 'loading', role: 'status' }, 'Загрузка…'));
  replace(root,
    h('section', { class: 'card' }, h('h2', null, 'Счёт'),
      h('p', { class: 'balance' }, h('span', { class: 'balance-sum' }, money(a.balanceKop))),
      h('p', { class: 'hint' }, `Лицевой счёт № ${a.number}`)),
    isParent(child) ? settingsCard(child, a) : null,
    h('section', { class: 'card' }, h('h2', null, 'Пополнения и возвраты за месяц'), history));
  if (!may(child, 'purchases')) {
    replace(history, notice('info', 'История счёта включает покупки, а они вам не открыты.'));
    return;
  }
  const to = isoDateOf(Date.now(), child.timeZone);
  const from = isoDateOf(Date.now() - (HISTORY_DAYS - 1) * 86_400_000, child.timeZone);
  try {
    const r = await api<{ money: MoneyRow[] }>('GET', `/accounts/${encodeURIComponent(a.id)}/history?from=${from}&to=${to}`);
    replace(history, r.money.length === 0 ? h('p', { class: 'lead' }, 'Пополнений за месяц не было.')
      : h('ul', { class: 'events' }, ...[...r.money].reverse().map((m) => h('li', null,
        h('time', null, `${dateOf(m.atMs, child.timeZone)}, ${timeOf(m.atMs, child.timeZone)}`), ' ',
        h('span', { class: 'what' }, word(MONEY_KINDS, m.kind)), h('span', { class: 'num' }, ` ${money(m.amountKop)}`)))));
  } catch (err) {
    showFailure(history, err, 'Не удалось загрузить историю счёта.');
  }
}

/** Roubles for an input ("150" or "150,50"), empty for no limit. */
const rubles = (kop: number | null) =>
  (kop === null ? '' : kop % 100 === 0 ? String(kop / 100) : (kop / 100).toFixed(2).replace('.', ','));

function settingsCard(child: Child, a: AccountView): HTMLElement {
  const amount = (name: string, kop: number | null) =>
    h('input', { type: 'text', inputmode: 'decimal', name, value: rubles(kop), autocomplete: 'off' });
  const limit = amount('dailyLimit', a.dailyLimitKop);
  const threshold = amount('lowBalance', a.lowBalanceThresholdKop);
  const bans = h('fieldset', { class: 'bans' }, h('legend', null, 'Запрещённые категории'), h('p', { class: 'loading' }, 'Загрузка…'));
  const status = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit' }, 'Сохранить');
  const form = h('form', { class: 'card settings', novalidate: true },
    h('h2', null, 'Ограничения'),
    field('Лимит трат в день, ₽', limit, 'Пусто — без лимита'),
    bans,
    field('Предупредить, когда на счёте меньше, ₽', threshold, 'Пусто — не предупреждать'),
    save, status);
  // Until the school's categories are shown, a save leaves the bans as they are (none are ticked yet).
  let bansShown = false;
  catalogueOf(child.schoolId).then((cat) => {
    bansShown = true;
    const boxes = [...cat.categories].map(([code, name]) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'ban', value: code, checked: a.bannedCategories.includes(code) }), ` ${name}`));
    replace(bans, h('legend', null, 'Запрещённые категории'),
      boxes.length === 0 ? h('p', { class: 'lead' }, 'Столовая школы ещё не завела категории.')
        : h('div', { class: 'checks' }, ...boxes));
  }).catch((err: unknown) => showFailure(bans, err, 'Не удалось загрузить категории.'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void busy(save, async () => {
      const dailyLimitKop = limit.value.trim() === '' ? null : kopOf(limit.value);
      const lowBalanceThresholdKop = threshold.value.trim() === '' ? null : kopOf(threshold.value);
      const wrong = dailyLimitKop === null && limit.value.trim() !== '' ? 'Лимит: введите сумму в рублях, например 300 или 250,50.'
        : lowBalanceThresholdKop === null && threshold.value.trim() !== '' ? 'Порог: введите сумму в рублях.' : null;
      if (wrong !== null) { replace(status, notice('error', wrong)); return; }
      const bannedCategories = [...form.querySelectorAll<HTMLInputElement>('input[name="ban"]:checked')].map((i) => i.value);
      const patch = { dailyLimitKop, lowBalanceThresholdKop, ...(bansShown ? { bannedCategories } : {}) };
      try {
        const saved = await api<AccountView>('PATCH', `/accounts/${encodeURIComponent(a.id)}`, patch);
        limit.value = rubles(saved.dailyLimitKop);
        threshold.value = rubles(saved.lowBalanceThresholdKop);
        replace(status, notice('ok', 'Сохранено. Касса столовой применит это сразу.'));
      } catch (err) {
        replace(status, notice('error', failureText(err, 'Не удалось сохранить.')));
      }
    });
  });
  return form;
}
