// The refunds section: the day's canteen purchases with the pupil's name, the reader's name and
// the items; «Вернуть» refunds one (the device and seq go to the API behind the scenes).
import { api } from '../common/api.js';
import { field, h, replace } from '../common/dom.js';
import { money, timeOf } from '../common/format.js';
import { MEAL_KINDS, reasonText } from '../common/words.js';
import { act, deviceLabel, input, select, statusLine, table, todayIn, type Office } from './shared.js';

interface Purchase {
  readonly deviceId: string; readonly seq: number; readonly decidedAtMs: number; readonly personId: string; readonly displayName: string;
  readonly className: string; readonly mealKind: number; readonly verdict: number; readonly reason: number; readonly amountKop: number;
  readonly subsidised: boolean; readonly items: ReadonlyArray<{ productId: string; category: string; priceKop: number; quantity: number }>;
}
const REASONS: Readonly<Record<string, string>> = {
  not_served: 'не выдано', wrong_item: 'выдано не то', quality: 'качество', double_charge: 'списано дважды', cancelled_by_pupil: 'ученик отказался', other: 'другое',
};
/** Verdict «allow» in the protocol. */
const ALLOWED = 1;

export function refundsSection(office: Office): HTMLElement {
  const status = statusLine();
  const date = input({ type: 'date', value: todayIn(office.school.timeZone), required: true });
  const reason = select(REASONS, 'not_served');
  const list = h('div');
  const products = new Map<string, string>();
  const canRefund = office.role === 'catering_operator' || office.role === 'city_admin';
  const refresh = async () => {
    if (products.size === 0) {
      const r = await api<{ items: Array<{ id: string; name: string }> }>('GET', `/schools/${office.school.id}/products?limit=1000`).catch(() => ({ items: [] }));
      for (const p of r.items) products.set(p.id, p.name);
    }
    const rows = (await api<{ items: Purchase[] }>('GET', `/schools/${office.school.id}/purchases?date=${date.value}`)).items;
    replace(list, rows.length === 0 ? h('p', null, 'Покупок за этот день нет.') : table('Покупки за день',
      ['Время', 'Ученик', 'Касса', 'Что куплено', 'Сумма', ''], rows.map((p) => [
        timeOf(p.decidedAtMs, office.school.timeZone),
        p.displayName === '' ? 'запись удалена' : `${p.displayName}${p.className === '' ? '' : `, ${p.className}`}`,
        deviceLabel(office, p.deviceId),
        p.items.length === 0 ? (MEAL_KINDS[p.mealKind] ?? '') : p.items.map((i) => `${products.get(i.productId) ?? i.category} × ${i.quantity}`).join(', '),
        p.verdict === ALLOWED ? (p.subsidised ? 'льгота' : money(p.amountKop)) : `отказ: ${reasonText(p.reason)}`,
        !canRefund || p.verdict !== ALLOWED || p.amountKop === 0 ? '' : h('button', { type: 'button', class: 'secondary',
          onclick: (ev) => void act(ev.currentTarget as HTMLButtonElement, status, async () => {
            // One refund id per purchase: a repeated click is the same refund, never a second one.
            const r = await api<{ status: string; amountKop: number }>('POST', '/refunds',
              { refundId: `office-${p.deviceId}-${p.seq}`.slice(0, 64), deviceId: p.deviceId, seq: p.seq, reason: reason.value });
            status.ok(r.status === 'duplicate' ? 'Эта покупка уже возвращена.' : `Возвращено ${money(r.amountKop)}.`);
          }) }, 'Вернуть'),
      ]), 'purchases'));
  };
  const go = h('button', { type: 'submit' }, 'Показать');
  const form = h('form', { class: 'card', onsubmit: (ev) => { ev.preventDefault(); void act(go, status, refresh); } },
    h('h2', null, 'Покупки и возвраты'), h('div', { class: 'row' }, field('День', date), canRefund ? field('Причина возврата', reason) : null), go, status.el);
  void act(null, status, refresh);
  return h('section', { 'aria-label': 'Возвраты' }, form, list);
}
