// A child's cards, for a parent: kind, status and the last four hex digits of the UID (never the
// whole UID), and «Заблокировать» for a lost one, which every turnstile and till refuses within a
// second. Unblocking and a replacement card are the school office's: the page says so.
import { api } from '../common/api.js';
import { h, notice, replace } from '../common/dom.js';
import { IDENTIFIER_KINDS } from '../common/words.js';
import { busy, failureText, isParent, type Child } from './state.js';
import { IDENTIFIER_STATUS } from '../common/words.js';
import { word } from './words.js';

interface Card { readonly id: string; readonly kind: string; readonly status: string; readonly uidSuffix: string }

export async function renderCards(root: HTMLElement, child: Child): Promise<void> {
  if (!isParent(child)) {
    replace(root, notice('info', 'Карты ребёнка видит и блокирует только родитель.'));
    return;
  }
  const base = `/me/children/${encodeURIComponent(child.personId)}/identifiers`;
  const { items } = await api<{ items: Card[] }>('GET', base);
  const status = h('div', { 'aria-live': 'polite' });
  const rows = items.map((c) => {
    const label = `${IDENTIFIER_KINDS[c.kind] ?? 'карта'} …${c.uidSuffix.toUpperCase()}`;
    const block = h('button', { type: 'button', class: 'danger' }, 'Заблокировать');
    block.addEventListener('click', () => void busy(block, async () => {
      const question = `Заблокировать «${label}»? Карта перестанет работать на турникетах и в столовой. `
        + 'Разблокировать её сможет только школа.';
      if (!confirm(question)) return;
      try {
        await api('POST', `${base}/${encodeURIComponent(c.id)}/block`);
        replace(status, notice('ok', `Карта «${label}» заблокирована. Новую карту выдаёт канцелярия школы.`));
        await renderCards(root, child).then(() => root.prepend(status));
      } catch (err) {
        replace(status, notice('error', failureText(err, 'Не удалось заблокировать карту.')));
      }
    }));
    return h('li', { class: `card-row${c.status === 'blocked' ? ' blocked' : ''}` },
      h('span', { class: 'what' }, label), ' ', h('span', { class: 'hint' }, word(IDENTIFIER_STATUS, c.status)),
      c.status === 'blocked' ? null : block);
  });
  replace(root, h('section', { class: 'card' }, h('h2', null, 'Карты и браслеты'),
    h('p', { class: 'lead' }, 'Потеряли карту? Заблокируйте её здесь сразу — её не сможет использовать никто.'),
    rows.length === 0 ? h('p', { class: 'lead' }, 'У ребёнка нет выданных карт.') : h('ul', { class: 'rows' }, ...rows)), status);
}
